"""Honorifics before names: courtesy words ("H.E.", "H.H. Sheikh") are neither a
name nor a role; the office title beside the name is the role."""

from __future__ import annotations

import pytest

from communique.pipeline.components.participants import select
from tests.components.participants.helpers import found_in
from tests.markup import assert_found


@pytest.mark.parametrize("markup", [
    pytest.param(
        "The Secretary General of the Assembly, H.E. <p role='Secretary General of the Assembly' "
        "org=Assembly>Karim "
        "Nasser</p>, received the Minister of Foreign Affairs of the Republic of Chile, "
        "H.E. <p role='Minister of Foreign Affairs' country=CL>Rosa Medina</p>.",
        id="his-excellency-between-title-and-name"),
    pytest.param(
        "H.H. Sheikh <p role='Deputy Prime Minister'>Hamad bin Khalid Al Thani</p>, "
        "Deputy Prime Minister, received <p role='Minister of Trade' country=BG>Ivan "
        "Petrov</p>, Minister of Trade of Bulgaria.",
        id="his-highness-sheikh-before-name-then-appositive-title"),
])
def test_courtesy_words_are_not_names_or_roles(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("text", [
    pytest.param("The panellists included the Ambassador of Norway Eva Dahl.", id="panellists"),
    pytest.param("The Governor was accompanied by the Commissioner for Energy, Anna Berg.",
                 id="accompanied-by"),
])
def test_panellists_and_companions_took_part(text: str) -> None:
    first = "The round table opened in Lima."
    full = f"{first} {text}"
    bounds = [(0, len(first)), (len(first) + 1, len(full))]
    assert select.participation_sents("meeting", [0, 1], full, bounds) == [1]
