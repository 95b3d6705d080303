"""Participants: given this sentence, these people, roles and countries."""

from __future__ import annotations

import pytest

from communique.pipeline.gazetteer import Gazetteer
from communique.pipeline.nlp import load_nlp
from communique.pipeline.participants import Context, find_mentions


def mentions(text: str, url: str | None = None, title_end: int = 0):
    doc = load_nlp()(text)
    found = find_mentions(doc, Gazetteer.load(), Context(url=url, title_end=title_end))
    for m in found:
        assert m.to_participant(text).span.check(text)
    return found


def people(text: str, url: str | None = None):
    return {
        (m.name, m.role, m.country.code if m.country else None)
        for m in mentions(text, url)
        if m.name and not m.mentioned_only
    }


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "The delegation was received by the Minister of Foreign Affairs of the Republic "
            "of Uzbekistan B. Saidov.",
            ("B. Saidov", "Minister of Foreign Affairs", "UZ"),
        ),
        (
            "Talks were held with Prime Minister of the United Kingdom Keir Starmer.",
            ("Keir Starmer", "Prime Minister", "GB"),
        ),
        (
            "Rashid Meredov, Deputy Chairman of the Cabinet of Ministers, Minister of Foreign "
            "Affairs of Turkmenistan, arrived in Baku.",
            (
                "Rashid Meredov",
                "Deputy Chairman of the Cabinet of Ministers, Minister of Foreign Affairs",
                "TM",
            ),
        ),
        (
            "The Minister had a phone call with NATO Secretary General Mark Rutte.",
            ("Mark Rutte", "Secretary General", None),
        ),
        (
            "The ministers met with the US Under Secretary of State for Political Affairs "
            "Anna Bell.",
            ("Anna Bell", "Under Secretary of State for Political Affairs", "US"),
        ),
        (
            "The talks were attended by Acting Federal Chancellor of Germany Hans Weber.",
            ("Hans Weber", "Acting Federal Chancellor", "DE"),
        ),
        (
            "He received the Ambassador of Japan to Turkmenistan Hiroshi Tanaka.",
            ("Hiroshi Tanaka", "Ambassador", "JP"),
        ),
        (
            "The Foreign Minister met S.Lavrov in Ankara.",
            ("S.Lavrov", None, None),
        ),
    ],
)
def test_titled_person(sentence: str, expected: tuple) -> None:
    assert expected in people(sentence)


def test_initials_and_accents_are_kept_in_names() -> None:
    found = people("Talks with President of the Republic of Finland Sauli Niinistö took place.")
    assert ("Sauli Niinistö", "President", "FI") in found


def test_unnamed_officials_of_a_list_of_countries_are_one_per_country() -> None:
    found = mentions(
        "Deputy Ministers of Foreign Affairs of Kazakhstan, Kyrgyzstan and Uzbekistan took part."
    )
    officials = {(m.role, m.country.code) for m in found if m.kind == "official"}
    assert officials == {
        ("Deputy Minister of Foreign Affairs", "KZ"),
        ("Deputy Minister of Foreign Affairs", "KG"),
        ("Deputy Minister of Foreign Affairs", "UZ"),
    }


@pytest.mark.parametrize(
    ("sentence", "code"),
    [
        ("The Turkmen delegation arrived in Tashkent.", "TM"),
        ("The delegation of Japan was headed by the Ambassador.", "JP"),
        ("The Korean side expressed its gratitude.", "KR"),
    ],
)
def test_delegations_and_sides(sentence: str, code: str) -> None:
    found = [m for m in mentions(sentence) if m.kind == "delegation"]
    assert [(m.role, m.country.code) for m in found] == [("delegation", code)]


def test_people_only_mentioned_are_marked() -> None:
    found = mentions(
        "The Minister conveyed greetings from President Ilham Aliyev and Prime Minister "
        "Ali Asadov to the hosts."
    )
    only = {m.name for m in found if m.mentioned_only}
    assert only == {"Ilham Aliyev", "Ali Asadov"}


def test_principal_of_a_presidency_takes_the_office_title() -> None:
    text = (
        "Telephone conversation with President of Chile Ana Rojas\n\n"
        "Vladimir Putin had a telephone conversation with President of the Republic of "
        "Chile Ana Rojas."
    )
    found = mentions(text, url="http://en.kremlin.ru/events/1", title_end=56)
    putin = {(m.role, m.country.code) for m in found if m.name == "Vladimir Putin"}
    assert putin == {("President", "RU")}


def test_headline_counterpart_is_not_the_principal() -> None:
    text = (
        "Telephone conversation with Anna Lind\n\n"
        "Vladimir Putin had a telephone conversation with Anna Lind, who chaired the council."
    )
    found = mentions(text, url="http://en.kremlin.ru/events/1", title_end=37)
    roles = {m.name: m.role for m in found if m.name}
    assert roles["Anna Lind"] is None
    assert roles["Vladimir Putin"] == "President"


def test_lone_surname_that_is_a_place_is_not_a_person() -> None:
    assert not [m for m in mentions("The leaders discussed Kiev's policy.") if m.name]


@pytest.mark.parametrize("text", ["Talks with the Deputy", "It was the Turkmen", "Acting", ""])
def test_text_ending_in_a_title_word_does_not_crash(text: str) -> None:
    assert all(m.name is None for m in mentions(text))


def test_unqualified_national_title_in_an_office_release_is_the_home_country() -> None:
    text = "The President held a meeting with Foreign Minister Sergei Lavrov."
    found = mentions(text, url="http://en.kremlin.ru/events/2")
    assert {(m.name, m.country.code) for m in found if m.name} == {("Sergei Lavrov", "RU")}


def test_foreign_leader_titled_without_country_is_not_the_principal() -> None:
    text = (
        "Vladimir Putin had a telephone conversation with President of the French Republic "
        "Emmanuel Macron. Vladimir Putin commented on President Macron's address."
    )
    found = mentions(text, url="http://en.kremlin.ru/events/3")
    codes = {(m.name, m.country.code if m.country else None) for m in found if m.name}
    assert ("Macron", "RU") not in codes
    assert ("Vladimir Putin", "RU") in codes


def test_a_country_tagged_as_person_is_not_a_person() -> None:
    found = mentions("The summit was chaired by Brunei Darussalam this year.")
    assert not [m for m in found if m.name]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Talks with President of the Arab Republic of Egypt Abdel Fattah el-Sisi began.",
         "Abdel Fattah el-Sisi"),
        ("He discussed President of Belarus Alexander Lukashenko's proposal.",
         "Alexander Lukashenko"),
    ],
)
def test_name_forms(sentence: str, name: str) -> None:
    assert name in {m.name for m in mentions(sentence)}


def test_official_of_an_international_body_is_never_the_principal() -> None:
    text = ("Vladimir Putin had a telephone conversation with President of the European "
            "Council Charles Michel.")
    found = mentions(text, url="http://en.kremlin.ru/events/4")
    codes = {m.name: (m.country.code if m.country else None) for m in found if m.name}
    assert codes == {"Vladimir Putin": "RU", "Charles Michel": None}


def test_an_adviser_to_a_leader_is_not_the_leader() -> None:
    found = people("Diplomatic adviser to the President of France Paul Girard visited Kyiv.")
    assert found == {("Paul Girard", "Diplomatic adviser to the President", "FR")}


def test_a_plural_title_covers_every_listed_name() -> None:
    found = people("The delegation included senators Ann Ross, Tom Hale and Eva Stone.")
    assert found == {("Ann Ross", "senator", None), ("Tom Hale", "senator", None),
                     ("Eva Stone", "senator", None)}


def test_principal_comes_from_the_lead_not_from_later_names() -> None:
    text = (
        "Deputy Head of the Office Ihor Tkach had a phone conversation with the adviser. "
        "They recalled the talks of Petr Novak and the partners."
    )
    found = mentions(text, url="https://www.president.gov.ua/en/news/1")
    assert {m.name: m.role for m in found if m.name}.get("Petr Novak") is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The delegation met with the Executive Secretary of ESCAP Maria Lopez.",
         ("Maria Lopez", "Executive Secretary of ESCAP", None)),
        ("They were received by the Regional Director for Central Asia Anna Petrova.",
         ("Anna Petrova", "Regional Director for Central Asia", None)),
    ],
)
def test_a_body_ends_at_an_acronym_or_a_region(sentence: str, expected: tuple) -> None:
    assert {(n, r) for n, r, _ in people(sentence)} >= {expected[:2]}


def test_plural_bodies_of_several_countries_are_delegations() -> None:
    found = mentions("Consultations between the Ministries of Foreign Affairs of Chile and "
                     "Peru were held in Lima.")
    assert {(m.kind, m.country.code) for m in found} == {("delegation", "CL"),
                                                         ("delegation", "PE")}


def test_a_body_keeps_its_domain_and_country_as_organization() -> None:
    found = mentions("The Special Representative of the Ministry of Foreign Affairs of Japan "
                     "for Central Asia, Ambassador K. Sato arrived.")
    person = next(m for m in found if m.name == "K. Sato")
    assert (person.organization, person.country.code) == (
        "Ministry of Foreign Affairs of Japan", "JP")


def test_a_possessive_title_is_a_body() -> None:
    found = people("Head of the President's Office Andriy Kovalenko met the guests.")
    assert all(role != "President" for _, role, _ in found)


def test_a_bare_head_does_not_chain_with_the_next_title() -> None:
    found = people("The report was heard by the President, Minister of Health Ivan Sirko.")
    assert ("Ivan Sirko", "Minister of Health", None) in found


def test_the_principal_named_in_the_headline_as_subject_is_still_the_principal() -> None:
    text = ("Volodymyr Zelenskyy spoke with leaders at the summit\n\n"
            "As part of the summit, Volodymyr Zelenskyy held short meetings.")
    found = mentions(text, url="https://www.president.gov.ua/en/news/5", title_end=52)
    assert {(m.name, m.role) for m in found if m.name} == {("Volodymyr Zelenskyy", "President")}


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Deputy Head of the President's Office Ihor Boyko met the guests.",
         ("Ihor Boyko", "Deputy Head of the President's Office", None)),
        ("He met with Head of the NATO Mission in Ukraine Karen Hale.",
         ("Karen Hale", "Head", None)),
        ("The Ambassador of Japan in Turkmenistan Hiro Sato arrived.",
         ("Hiro Sato", "Ambassador", "JP")),
    ],
)
def test_possessive_bodies_missions_and_postings(sentence: str, expected: tuple) -> None:
    assert expected in people(sentence)


def test_foreign_delegation_members_do_not_take_the_home_country() -> None:
    text = ("The President met a delegation of the US Congress, which included senators "
            "Ann Ross and Tom Hale.")
    found = mentions(text, url="https://www.president.gov.ua/en/news/8")
    assert {m.country.code if m.country else None for m in found if m.name} == {None}


def test_a_body_word_is_never_a_name() -> None:
    found = people("The Chairman of the State Duma Committee on Security Ivan Orlov spoke.")
    assert all(name != "Committee" for name, _, _ in found)


def test_no_untitled_principal_when_the_lead_is_about_another_official() -> None:
    text = ("Deputy Head of the Office of the President of Ukraine Ihor Tkach had a phone "
            "conversation with the Adviser. He praised the cabinet of Petr Novak.")
    found = mentions(text, url="https://www.president.gov.ua/en/news/9")
    assert {m.name: m.role for m in found if m.name}.get("Petr Novak") is None
