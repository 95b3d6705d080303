"""Participants: given this sentence, these people, officials and delegations.

Each string marks every mention the component finds (helpers.py: `p` a person,
`official` an unnamed official, `delegation`; attributes role, country, org,
only, principal), so an offset, a role or a country that is off, or any extra
mention, fails the test.
"""

from __future__ import annotations

import pytest

from tests.components.participants.helpers import found_in, mentions
from tests.markup import assert_found

KREMLIN = "http://en.kremlin.ru/events/1"
UKRAINE = "https://www.president.gov.ua/en/news/1"


@pytest.mark.parametrize("markup", [
    pytest.param(
        "The delegation was received by the Minister of Foreign Affairs of the Republic of "
        "Uzbekistan <p role='Minister of Foreign Affairs' country=UZ>B. Saidov</p>.",
        id="title-of-country-name"),
    pytest.param(
        "Talks were held with Prime Minister of the United Kingdom "
        "<p role='Prime Minister' country=GB>Keir Starmer</p>.",
        id="country-alias-with-the"),
    pytest.param(
        "<p role='Deputy Chairman of the Cabinet of Ministers, Minister of Foreign Affairs' "
        "country=TM>Rashid Meredov</p>, Deputy Chairman of the Cabinet of Ministers, Minister "
        "of Foreign Affairs of Turkmenistan, arrived in Baku.",
        id="name-before-a-title-chain"),
    pytest.param(
        "The <official role=Minister>Minister</official> had a phone call with NATO Secretary "
        "General <p role='Secretary General' org=NATO>Mark Rutte</p>.",
        id="organisation-before-the-title"),
    pytest.param(
        "The ministers met with the US Under Secretary of State for Political Affairs "
        "<p role='Under Secretary of State for Political Affairs' country=US>Anna Bell</p>.",
        id="country-before-the-title"),
    pytest.param(
        "The talks were attended by Acting Federal Chancellor of Germany "
        "<p role='Acting Federal Chancellor' country=DE>Hans Weber</p>.",
        id="modifiers-before-the-head"),
    pytest.param(
        "He received the Ambassador of Japan to Turkmenistan "
        "<p role=Ambassador country=JP>Hiroshi Tanaka</p>.",
        id="ambassador-posted-to"),
    pytest.param(
        "The <official role='Foreign Minister'>Foreign Minister</official> met "
        "<p>S.Lavrov</p> in Ankara.",
        id="initial-without-space"),
    pytest.param(
        "Talks with President of the Republic of Finland "
        "<p role=President country=FI>Sauli Niinistö</p> took place.",
        id="accents"),
    pytest.param(
        "He met the Foreign Minister of the People’s Republic of China "
        "<p role='Foreign Minister' country=CN>Li Wen</p>.",
        id="peoples-republic-curly-apostrophe"),
    pytest.param(
        "He met the Foreign Minister of the People's Republic of Bangladesh "
        "<p role='Foreign Minister' country=BD>Anwar Hossain</p>.",
        id="peoples-republic-straight-apostrophe"),
    pytest.param(
        "<p>Tom Ward</p> met Kazakhstan's Deputy Prime Minister and Foreign Minister "
        "<p role='Deputy Prime Minister and Foreign Minister' country=KZ>Murat Ospan</p>.",
        id="possessive-country-and-two-joined-titles"),
    pytest.param(
        "The UK Defence Secretary <p role='Defence Secretary' country=GB>John Healey</p> met "
        "the Japanese Vice-Minister for Defence "
        "<p role='Vice-Minister for Defence' country=JP>Taro Sato</p>.",
        id="portfolio-before-the-head-and-after-for"),
    pytest.param(
        "He met the Minister of Trade and Industry of Japan "
        "<p role='Minister of Trade and Industry' country=JP>Ken Saito</p>.",
        id="portfolio-inside-a-longer-domain"),
    pytest.param(
        "Special Envoy for Syria <p role='Special Envoy for Syria'>Geir Larsen</p> met the "
        "Foreign Minister of Chile <p role='Foreign Minister' country=CL>Ana Rojas</p>.",
        id="a-portfolio-country-is-not-represented"),
    pytest.param(
        "The session was co-chaired by Deputy Chairman of the Cabinet of Ministers of "
        "Turkmenistan <p role='Deputy Chairman of the Cabinet of Ministers' country=TM>Kh. "
        "Orazov</p>.",
        id="two-letter-initial"),
    pytest.param(
        "The guests were led by Chairman of the German-Baltic Parliamentary Friendship Group "
        "<p role='Chairman of the German-Baltic Parliamentary Friendship Group'>Hans-Peter "
        "Lindner</p>.",
        id="hyphenated-first-name-after-a-body"),
    pytest.param(
        "Talks with President of the Arab Republic of Egypt "
        "<p role=President country=EG>Abdel Fattah el-Sisi</p> began.",
        id="joined-particle"),
    pytest.param(
        "He discussed President of Belarus "
        "<p role=President country=BY>Alexander Lukashenko</p>'s proposal.",
        id="possessive-left-out"),
])
def test_titled_people(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "<official role='Deputy Minister of Foreign Affairs' country=UZ>"
        "<official role='Deputy Minister of Foreign Affairs' country=KG>"
        "<official role='Deputy Minister of Foreign Affairs' country=KZ>"
        "Deputy Ministers of Foreign Affairs</official></official></official> of Kazakhstan, "
        "Kyrgyzstan and Uzbekistan took part.",
        id="unnamed-officials-one-per-country"),
    pytest.param(
        "The delegation included senators <p role=senator>Ann Ross</p>, "
        "<p role=senator>Tom Hale</p> and <p role=senator>Eva Stone</p>.",
        id="plural-title-one-per-name"),
])
def test_lists(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param("The <delegation role=delegation country=TM>Turkmen delegation</delegation> "
                 "arrived in Tashkent.", id="demonym"),
    pytest.param("The <delegation role=delegation country=JP>delegation of Japan</delegation> "
                 "was headed by the <official role=Ambassador>Ambassador</official>.",
                 id="of-country"),
    pytest.param("The <delegation role=delegation country=KR>Korean side</delegation> "
                 "expressed its gratitude.", id="side"),
    pytest.param(
        "Consultations between the <delegation role=delegation country=PE>"
        "<delegation role=delegation country=CL>Ministries of Foreign Affairs of Chile and "
        "Peru</delegation></delegation> were held in Lima.",
        id="plural-body-of-several-countries"),
])
def test_delegations_and_sides(markup: str) -> None:
    assert_found(markup, found_in(markup))


def test_people_only_mentioned_are_marked() -> None:
    markup = ("The <official role=Minister>Minister</official> conveyed greetings from "
              "President <p role=President only=yes>Ilham Aliyev</p> and Prime Minister "
              "<p role='Prime Minister' only=yes>Ali Asadov</p> to the hosts.")
    assert_found(markup, found_in(markup))



@pytest.mark.parametrize("markup", [
    "The following is attributable to Spokesperson <p role=Spokesperson only=yes>Anna "
    "Berg</p>:\n\nForeign Minister of Chile "
    "<p role='Foreign Minister' country=CL>Ana Rojas</p> met the press.",
    "Deputy Government Spokesperson <p role=Spokesperson only=yes>Tim Roth</p> issued the "
    "following statement:\n\nThe President of Chile <p role=President country=CL>Ana "
    "Rojas</p> spoke on the telephone.",
])
def test_the_spokesperson_a_readout_is_attributed_to_is_only_mentioned(markup: str) -> None:
    assert_found(markup, found_in(markup))

@pytest.mark.parametrize("markup", [
    pytest.param(
        "The delegation met with the Executive Secretary of ESCAP "
        "<p role='Executive Secretary of ESCAP'>Maria Lopez</p>.",
        id="acronym"),
    pytest.param(
        "They were received by the Regional Director for Central Asia "
        "<p role='Regional Director for Central Asia'>Anna Petrova</p>.",
        id="region"),
])
def test_a_body_ends_at_an_acronym_or_a_region(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "The Special Representative of the Ministry of Foreign Affairs of Japan for Central "
        "Asia, Ambassador <p role='Special Representative of the Ministry of Foreign Affairs "
        "of Japan for Central Asia, Ambassador' country=JP "
        "org='Ministry of Foreign Affairs of Japan'>K. Sato</p> arrived.",
        id="body-with-domain-and-country"),
    pytest.param(
        "Head of the President's Office "
        "<p role=\"Head of the President's Office\">Andriy Kovalenko</p> met the guests.",
        id="possessive-title-is-a-body"),
    pytest.param(
        "Deputy Head of the President's Office "
        "<p role=\"Deputy Head of the President's Office\">Ihor Boyko</p> met the guests.",
        id="body-ends-at-its-head-noun"),
    pytest.param(
        "He met with Head of the NATO Mission in Ukraine "
        "<p role=Head org='NATO Mission'>Karen Hale</p>.",
        id="organisation-mission-posted-in"),
    pytest.param(
        "The Ambassador of Japan in Turkmenistan <p role=Ambassador country=JP>Hiro Sato</p> "
        "arrived.",
        id="ambassador-posted-in"),
    pytest.param(
        "Diplomatic adviser to the President of France "
        "<p role='Diplomatic adviser to the President' country=FR>Paul Girard</p> "
        "visited Kyiv.",
        id="adviser-to-a-leader"),
    pytest.param(
        "The report was heard by the <official role=President>President</official>, Minister "
        "of Health <p role='Minister of Health'>Ivan Sirko</p>.",
        id="bare-head-does-not-chain"),
])
def test_bodies_missions_and_postings(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param("The leaders discussed Kiev's policy.", id="lone-surname-that-is-a-place"),
    pytest.param("The summit was chaired by Brunei Darussalam this year.",
                 id="country-tagged-as-person"),
    pytest.param("Talks with the Deputy", id="ends-in-a-title-word"),
    pytest.param("It was the Turkmen", id="ends-in-a-demonym"),
    pytest.param("Acting", id="only-a-modifier"),
    pytest.param("", id="empty"),
])
def test_no_participant(markup: str) -> None:
    assert_found(markup, found_in(markup))


def test_a_body_word_is_never_a_name() -> None:
    found = mentions("The Chairman of the State Duma Committee on Security Ivan Orlov spoke.")
    assert [m.name for m in found if m.name] == []


@pytest.mark.parametrize(("markup", "url"), [
    pytest.param(
        "Telephone conversation with President of Chile "
        "<p role=President country=CL>Ana Rojas</p>\n\n"
        "<p role=President country=RU principal=yes>Vladimir Putin</p> had a telephone "
        "conversation with President of the Republic of Chile "
        "<p role=President country=CL>Ana Rojas</p>.",
        KREMLIN, id="untitled-principal-takes-the-office-title"),
    pytest.param(
        "Telephone conversation with <p>Anna Lind</p>\n\n"
        "<p role=President country=RU principal=yes>Vladimir Putin</p> had a telephone "
        "conversation with <p>Anna Lind</p>, who chaired the council.",
        KREMLIN, id="headline-counterpart-is-not-the-principal"),
    pytest.param(
        "Volodymyr Zelenskyy spoke with leaders at the summit\n\nAs part of the summit, "
        "<p role=President country=UA principal=yes>Volodymyr Zelenskyy</p> held short "
        "meetings.",
        UKRAINE, id="principal-named-in-the-headline-as-subject"),
    pytest.param(
        "<p role=President country=RU principal=yes>Vladimir Putin</p> had a telephone "
        "conversation with President of the French Republic "
        "<p role=President country=FR>Emmanuel Macron</p>. "
        "<p role=President country=RU principal=yes>Vladimir Putin</p> commented on "
        "President <p role=President country=FR>Macron</p>'s address.",
        KREMLIN, id="foreign-leader-titled-without-country-is-not-the-principal"),
    pytest.param(
        "<p role=President country=RU principal=yes>Vladimir Putin</p> had a telephone "
        "conversation with President of the European Council "
        "<p role=President org='European Council'>Charles Michel</p>.",
        KREMLIN, id="international-official-is-never-the-principal"),
    pytest.param(
        "Deputy Head of the Office <p role='Deputy Head of the Office' org=Office>Ihor "
        "Tkach</p> had a phone conversation with the adviser. They recalled the talks of "
        "Petr Novak and the partners.",
        UKRAINE, id="principal-comes-from-the-lead-not-later-names"),
    pytest.param(
        "Deputy Head of the Office of the President of Ukraine "
        "<p role='Deputy Head of the Office of the President' country=UA>Ihor Tkach</p> had a "
        "phone conversation with the <official role=Adviser>Adviser</official>. He praised "
        "the cabinet of Petr Novak.",
        UKRAINE, id="no-untitled-principal-when-the-lead-is-about-another-official"),
    pytest.param(
        "<p role=President country=KZ principal=yes>Anna Petrova</p> had a telephone "
        "conversation with Emir of the State of Kuwait <p role=Emir country=KW>Nawaf Al "
        "Sabah</p>. The <official role=Emir country=KW>Emir</official> of Kuwait thanked the "
        "<official role=President country=KZ>President</official> of Kazakhstan for the aid.",
        None, id="no-office-principal-titled-by-the-head-who-is-not-the-counterpart"),
    pytest.param(
        "<p role=President country=KZ principal=yes>Anna Petrova</p> took part in a session "
        "of the council. The session was attended by the "
        "<official role='head of state' country=BY><official role='head of state' country=AM>"
        "heads of state</official></official> of Armenia and Belarus. The "
        "<official role=President country=KZ>President</official> of Kazakhstan proposed "
        "holding joint exercises.",
        None, id="no-office-principal-never-titled-by-a-list-of-heads"),
])
def test_principal_of_the_issuing_office(markup: str, url: str) -> None:
    assert_found(markup, found_in(markup, url))


@pytest.mark.parametrize(("markup", "url"), [
    pytest.param(
        "The <official role=President>President</official> held a meeting with Foreign "
        "Minister <p role='Foreign Minister' country=RU>Sergei Lavrov</p>.",
        KREMLIN, id="unqualified-title-is-the-home-country"),
    pytest.param(
        "The <official role=President>President</official> met a "
        "<delegation role=delegation country=US>delegation of the US</delegation> Congress, "
        "which included senators <p role=senator>Ann Ross</p> and "
        "<p role=senator>Tom Hale</p>.",
        UKRAINE, id="foreign-delegation-members-do-not-take-the-home-country"),
    pytest.param(
        "The <official role=President>President</official> received a "
        "<delegation role=delegation country=JP>delegation of Japan</delegation>, which "
        "included Deputy Minister <p role='Deputy Minister'>Ken Saito</p>.",
        KREMLIN, id="a-foreign-phrase-governing-the-person-takes-the-home-country-away"),
    pytest.param(
        "Foreign Minister <p role='Foreign Minister' country=RU>Sergei Orlov</p> met the "
        "Minister of Foreign Affairs of Japan <p role='Minister of Foreign Affairs' "
        "country=JP>Ken Saito</p>.",
        KREMLIN, id="a-foreign-counterpart-beside-the-person-leaves-the-home-country"),
])
def test_home_country_of_the_issuing_office(markup: str, url: str) -> None:
    assert_found(markup, found_in(markup, url))
