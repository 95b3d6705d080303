"""Home officials of a release with no known office: their own ministry written
in the sentence, or a title that written bare names one state's office."""

from __future__ import annotations

import pytest

from tests.components.participants.helpers import found_in
from tests.markup import assert_found

CASES = {
    "the ministry of the title's portfolio with its country": (
        "The meeting was held at the Ministry of Foreign Affairs of the Kyrgyz Republic "
        "under the chairmanship of Deputy Minister of Foreign Affairs <p role='Deputy "
        "Minister of Foreign Affairs' country=KG>Almaz Tokoev</p>."),
    "not when that country's own minister of the portfolio is there": (
        "The Minister of Foreign Affairs <p role='Minister of Foreign Affairs'>Ola "
        "Berg</p> met the Minister of Foreign Affairs of Chile <p role='Minister of "
        "Foreign Affairs' country=CL>Ana Rojas</p> at the Ministry of Foreign Affairs of "
        "Chile."),
    "a bare title naming one state's office": (
        "Secretary of State <p role='Secretary of State' country=US>Ann Ward</p> spoke "
        "with Foreign Minister of Chile <p role='Foreign Minister' country=CL>Ana "
        "Rojas</p>."),
    "a bare title after which an honorific stands": (
        "External Affairs Minister Dr. <p role='External Affairs Minister' country=IN>S. "
        "Rao</p> held talks with Foreign Minister of Chile <p role='Foreign Minister' "
        "country=CL>Ana Rojas</p>."),
    "the first person placed so gives the release's home country": (
        "External Affairs Minister <p role='External Affairs Minister' country=IN>S. "
        "Rao</p> held talks with Foreign Minister of Chile <p role='Foreign Minister' "
        "country=CL>Ana Rojas</p>. Foreign Minister <p role='Foreign Minister' "
        "country=CL>Rojas</p> also called on Prime Minister <p role='Prime Minister' "
        "country=IN>Vikram Mehta</p> and conveyed greetings from President <p "
        "role=President only=yes>Luis Soto</p>."),
    "a portfolio makes it another title": (
        "Secretary of State for Defence <p role='Secretary of State for Defence'>Ann "
        "Ward</p> arrived."),
}


@pytest.mark.parametrize("case", list(CASES))
def test_home_officials(case: str) -> None:
    assert_found(CASES[case], found_in(CASES[case]))
