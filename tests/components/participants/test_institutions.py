"""Institutional participants: the bodies listed after "representatives of", a
delegation of a national body, and the person such a delegation is led by."""

from __future__ import annotations

import pytest

from tests.components.participants.helpers import found_in
from tests.markup import assert_found

CASES = {
    "each national body after representatives of": (
        "The event was attended by representatives of <official role='representatives of "
        "the Ministry of Foreign Affairs' country=CL org='Ministry of Foreign Affairs of "
        "Chile'>the Ministry of Foreign Affairs of Chile</official>, <official "
        "role='representatives of the Embassy' country=NO org='Embassy of Norway'>the "
        "Embassy of Norway</official> in Santiago, scholars and students."),
    "a body with no country written is no participant": (
        "The meeting was attended by representatives of the Ministry of Labour and the "
        "press."),
    "a delegation of a demonym's body and its leader": (
        "The <official role=Speaker>Speaker</official> received a <delegation "
        "role=delegation country=DE org=Bundestag>delegation of the German "
        "Bundestag</delegation> led by the Chairman of the Friendship Group <p "
        "role='Chairman of the Friendship Group' country=DE>Hans Lind</p>."),
}


@pytest.mark.parametrize("case", list(CASES))
def test_institutions(case: str) -> None:
    assert_found(CASES[case], found_in(CASES[case]))
