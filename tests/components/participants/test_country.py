"""A participant's country: one test per rule of country.py, in its order.

Each case is a sentence whose participants' countries that rule decides; the
markup states every mention found (helpers.py), so a country that is off fails.
"""

from __future__ import annotations

import pytest

from communique.pipeline.components.participants import country
from communique.pipeline.components.participants.lexicon import lexicon
from communique.pipeline.components.participants.mentions import Mention
from communique.pipeline.components.participants.office import publisher
from communique.pipeline.gazetteer import Gazetteer
from tests.components.participants.helpers import found_in, mentions
from tests.markup import assert_found

KREMLIN = "http://en.kremlin.ru/events/1"

# rule -> (markup, url): the sentence in which that rule gives (or withholds) the country
CASES: dict[str, tuple[str, str | None]] = {
    "country_before_title": (
        "The Turkmen Foreign Minister <p role='Foreign Minister' country=TM>Rashid "
        "Meredov</p> arrived.", None),
    "country_implied_by_title": (
        "He was received by Japanese Pope <p role=Pope country=VA>Francis</p>.", None),
    "is_posting": (
        "The Ambassador of Japan in Turkmenistan <p role=Ambassador country=JP>Hiro Sato</p> "
        "arrived.", None),
    "is_posting_to_body": (
        "The vote was cast by the Permanent Representative of Norway to the United Nations "
        "<p role='Permanent Representative' country=NO>Ola Berg</p>.", None),
    "country_of_phrase": (
        "He received the Ambassador of Japan to Turkmenistan "
        "<p role=Ambassador country=JP>Hiroshi Tanaka</p>.", None),
    "countries_of_group": (
        "The <official role=Minister>Minister</official> met the "
        "<official role=ambassador country=SE><official role=ambassador country=NO>"
        "<official role=ambassador country=DK>ambassadors</official></official></official> "
        "of the Nordic countries: Denmark, Norway and Sweden.", None),
    "country_of_body": (
        "The Special Representative of the Ministry of Foreign Affairs of Japan for Central "
        "Asia, Ambassador <p role='Special Representative of the Ministry of Foreign Affairs "
        "of Japan for Central Asia, Ambassador' country=JP "
        "org='Ministry of Foreign Affairs of Japan'>K. Sato</p> arrived.", None),
    "organisation_has_none": (
        "He had a phone call with NATO Secretary General "
        "<p role='Secretary General' org=NATO>Mark Rutte</p>.", None),
    "country_after_name": (
        "The talks were held with Prime Minister "
        "<p role='Prime Minister' country=JP>Fumio Kishida</p> of Japan.", None),
    "one_official_per_country": (
        "<official role='Deputy Minister of Foreign Affairs' country=UZ>"
        "<official role='Deputy Minister of Foreign Affairs' country=KG>"
        "<official role='Deputy Minister of Foreign Affairs' country=KZ>"
        "Deputy Ministers of Foreign Affairs</official></official></official> of Kazakhstan, "
        "Kyrgyzstan and Uzbekistan took part.", None),
    "country_of_delegation": (
        "The <delegation role=delegation country=TM>Turkmen delegation</delegation> met the "
        "<delegation role=delegation country=JP>delegation of Japan</delegation>.", None),
    "country_of_bare_name": (
        "President of Russia <p role=President country=RU>Vladimir Putin</p> arrived. "
        "<p role=President country=RU>Putin</p> said the talks were useful.", None),
    "country_of_same_person": (
        "President of the French Republic <p role=President country=FR>Emmanuel Macron</p> "
        "arrived. President <p role=President country=FR>Macron</p> spoke first.", None),
    "country_of_own_stance": (
        "Federal Chancellor <p role='Federal Chancellor' country=DE>Olaf Brandt</p> spoke "
        "with the President of Chile <p role=President country=CL>Ana Rojas</p>. The "
        "<official role='Federal Chancellor' country=DE>Federal Chancellor</official> "
        "underscored Germany's support for the reforms. Secretary "
        "<p role=Secretary country=US>Ward</p> reaffirmed U.S. support for Chile's "
        "sovereignty.", None),
    "principal_country": (
        "<p role=President country=RU principal=yes>Vladimir Putin</p> met the guests in the "
        "Kremlin. The <official role=President country=RU>President</official> of Russia "
        "thanked them.", None),
    "home_country": (
        "The <official role=President>President</official> held a meeting with Foreign "
        "Minister <p role='Foreign Minister' country=RU>Sergei Lavrov</p>.", KREMLIN),
    "named_counterpart": (
        "President of Russia <p role=President country=RU>Vladimir Putin</p> arrived. The "
        "<official role=President country=RU>President</official> of Russia received the "
        "guests.", None),
    "unnamed_needs_country": (
        "The <official role=Minister>Minister</official> met the "
        "<official role='Minister of Foreign Affairs' country=JP>Minister of Foreign "
        "Affairs</official> of Japan.", None),
}


def test_every_rule_has_a_docstring_and_a_case() -> None:
    names = [rule.__name__ for rule in country.RULES]
    assert names == list(CASES)
    assert all(rule.__doc__ for rule in country.RULES)


@pytest.mark.parametrize("rule", list(CASES))
def test_rule_in_a_sentence(rule: str) -> None:
    markup, url = CASES[rule]
    assert_found(markup, found_in(markup, url))


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _mention(gaz: Gazetteer, code: str | None = None, **fields) -> Mention:
    defaults = dict(kind="official", start=0, end=1, sent=0)
    return Mention(**{**defaults, **fields}, country=gaz.by_code(code) if code else None)


@pytest.mark.parametrize(("prep", "before", "from_body", "expected"), [
    ("of", None, False, "JP"),  # "Minister of Foreign Affairs of Japan"
    ("for", None, False, None),  # "Special Envoy for Syria": a portfolio
    ("to", None, False, None),  # "Ambassador to Japan": the posting, not the person's
    ("of", "TM", False, "TM"),  # a country already written first stays
    ("of", "TM", True, "JP"),  # a body's country gives way to a direct "of COUNTRY"
])
def test_country_of_phrase(gaz: Gazetteer, prep: str, before: str | None, from_body: bool,
                           expected: str | None) -> None:
    m = _mention(gaz, before, country_from_body=from_body)
    country.country_of_phrase(m, gaz.by_code("JP"), prep)
    assert (m.country.code if m.country else None) == expected


def test_country_of_body_is_kept_only_when_none_is_known(gaz: Gazetteer) -> None:
    first, second = _mention(gaz), _mention(gaz, "TM")
    country.country_of_body(first, gaz.by_code("JP"))
    country.country_of_body(second, gaz.by_code("JP"))
    assert (first.country.code, first.country_from_body) == ("JP", True)
    assert (second.country.code, second.country_from_body) == ("TM", False)


@pytest.mark.parametrize(("category", "sentence_has_foreign", "expected"), [
    ("foreign_minister", False, "RU"),
    ("foreign_minister", True, None),  # the sentence names another country's officials
    ("international_official", False, None),
    ("parliamentarian", False, None),
])
def test_home_country(gaz: Gazetteer, category: str, sentence_has_foreign: bool,
                      expected: str | None) -> None:
    m = _mention(gaz, kind="person", name="Ivan Petrov", role="Minister", category=category)
    others = [_mention(gaz, "US", role="delegation")] if sentence_has_foreign else []
    country.home_country([m, *others], gaz.by_code("RU"), lexicon())
    assert (m.country.code if m.country else None) == expected


def test_named_counterpart_needs_the_same_country(gaz: Gazetteer) -> None:
    named = [_mention(gaz, "RU", kind="person", name="Ivan Petrov", role="President",
                      category="head_of_state")]
    russian = _mention(gaz, "RU", role="President", category="head_of_state")
    french = _mention(gaz, "FR", role="President", category="head_of_state")
    assert country.named_counterpart(russian, named) is named[0]
    assert country.named_counterpart(french, named) is french


def test_principal_country_in_order(gaz: Gazetteer) -> None:
    office = publisher(KREMLIN, lexicon())
    heads = [_mention(gaz, "KZ", role="President", category="head_of_state")]
    assert country.principal_country(gaz.by_code("FR"), office, heads, gaz).code == "FR"
    assert country.principal_country(None, office, heads, gaz).code == "RU"
    assert country.principal_country(None, None, heads, gaz).code == "KZ"
    assert country.principal_country(None, None, [], gaz) is None


def test_a_sentence_with_no_country_gives_none() -> None:
    assert [m.country for m in mentions("He met Chancellor Olaf Scholz.")] == [None]
