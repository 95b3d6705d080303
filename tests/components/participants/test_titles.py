"""Titles and names: given this sentence, these exact participants.

Each string marks every mention the component finds (helpers.py: `p` a person,
`official` an unnamed official, `delegation`; attributes role, country, org,
only), so a role span, a name, a country that is off, or any extra mention fails.
One test per way releases write a title.
"""

from __future__ import annotations

import pytest

from tests.components.participants.helpers import found_in
from tests.markup import assert_found


@pytest.mark.parametrize("markup", [
    pytest.param(
        "He met the Secretary General of the Shanghai Cooperation Organisation (SCO) "
        "<p role='Secretary General' org=SCO>Nurlan Ermek</p>.",
        id="acronym-after-a-known-organisation"),
    pytest.param(
        "He met the Executive Director of the Caspian Transit Council (CTC) "
        "<p role='Executive Director of the Caspian Transit Council (CTC)'>Omar Bek</p>.",
        id="acronym-after-an-unknown-body"),
    pytest.param(
        "He met the Director of the Department of Asian Studies (DAS) of the Ministry "
        "of Foreign Affairs of Peru <p role='Director of the Department of Asian Studies "
        "(DAS) of the Ministry of Foreign Affairs of Peru' country=PE "
        "org='Ministry of Foreign Affairs of Peru'>Luis Vega</p>.",
        id="acronym-inside-a-longer-body"),
])
def test_a_parenthetical_acronym_stays_in_the_title(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "The guests were met by <p role='First Deputy Head of the Presidential "
        "Administration'>Pavel Orlov</p>, First Deputy Head of the Presidential "
        "Administration.",
        id="name-then-title"),
    pytest.param(
        "He spoke with the President of Moldova, "
        "<p role=President country=MD>Maia Sandu</p>.",
        id="title-comma-name"),
    pytest.param(
        "He spoke with <p role='Minister of Foreign Affairs' country=CL>Ana Rojas</p>, "
        "Minister of Foreign Affairs of Chile, on Monday.",
        id="name-then-title-of-country"),
    pytest.param(
        "<p role='Deputy Foreign Minister' country=TR>Ahmet Yildiz</p>, the Deputy Foreign "
        "Minister of Turkey, arrived.",
        id="name-comma-the-title"),
    pytest.param(
        "He met with <p role='Deputy Foreign Minister' country=TR>Ahmet Yildiz</p>, "
        "Turkey's Deputy Foreign Minister.",
        id="name-then-possessive-country-title"),
    pytest.param(
        "The Deputy Foreign Minister of Turkey, "
        "<p role='Deputy Foreign Minister' country=TR>Ahmet Yildiz</p>, arrived.",
        id="title-comma-name-in-apposition"),
])
def test_the_title_after_the_name(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "The talks were held with Deputy Prime Minister and Minister of Foreign Affairs "
        "of Ireland <p role='Deputy Prime Minister and Minister of Foreign Affairs' "
        "country=IE>Sean Byrne</p>.",
        id="two-titles-joined-by-and"),
    pytest.param(
        "He met Deputy Prime Minister and Minister of Foreign Affairs "
        "<p role='Deputy Prime Minister and Minister of Foreign Affairs'>Sean Byrne</p>.",
        id="two-titles-joined-by-and-no-country"),
    pytest.param(
        "He received <p role='Deputy Chairman of the Cabinet of Ministers, Minister of "
        "Foreign Affairs' country=TM>Rashid Meredov</p>, Deputy Chairman of the Cabinet of "
        "Ministers, Minister of Foreign Affairs of Turkmenistan.",
        id="a-chain-of-titles-after-the-name"),
    pytest.param(
        "He met the Minister of Economy, Trade and Industry of Japan "
        "<p role='Minister of Economy, Trade and Industry' country=JP>Ken Saito</p>.",
        id="a-domain-listed-with-commas"),
    pytest.param(
        "He met <p role='Secretary of State for Foreign, Commonwealth and Development "
        "Affairs' country=GB>David Cameron</p>, Secretary of State for Foreign, "
        "Commonwealth and Development Affairs of the United Kingdom.",
        id="a-portfolio-listed-with-commas-after-the-name"),
    pytest.param(
        "He met the Minister of Trade, <p role='Minister of Trade'>Ivan Orlov</p>, in "
        "Riga.",
        id="a-comma-before-a-name-ends-the-domain"),
])
def test_long_and_coordinated_titles(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "He met the Japanese Vice-Minister <p role=Vice-Minister country=JP>Taro Sato</p>.",
        id="demonym-before-a-hyphenated-head"),
    pytest.param(
        "UK Defence Secretary <p role='Defence Secretary' country=GB>John Healey</p> "
        "arrived.",
        id="country-abbreviation-before-a-portfolio-head"),
    pytest.param(
        "The Polish Deputy Foreign Minister <p role='Deputy Foreign Minister' "
        "country=PL>Jan Nowak</p> took part.",
        id="demonym-before-a-deputy-title"),
])
def test_a_nationality_before_the_title_is_the_country(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "The meeting was attended by the <official role='foreign minister' country=TJ>"
        "<official role='foreign minister' country=KZ><official role='foreign minister' "
        "country=AZ>foreign ministers</official></official></official> of Azerbaijan, "
        "Kazakhstan and Tajikistan.",
        id="lower-case-plural-title"),
    pytest.param(
        "The <official role='Ambassador' country=FR><official role='Ambassador' "
        "country=DE>Ambassadors</official></official> of Germany and France were received.",
        id="capitalised-plural-title-two-countries"),
])
def test_a_plural_title_over_countries_is_one_official_each(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "He met the Ambassador of the People’s Republic of China "
        "<p role=Ambassador country=CN>Li Wen</p>.",
        id="curly-apostrophe"),
    pytest.param(
        "He met the Ambassador of the People's Republic of China "
        "<p role=Ambassador country=CN>Li Wen</p>.",
        id="straight-apostrophe"),
    pytest.param(
        "The <delegation role=delegation country=CN>delegation of the People’s Republic of "
        "China</delegation> arrived.",
        id="delegation-curly-apostrophe"),
])
def test_peoples_republic_with_either_apostrophe(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "Special Envoy for Syria <p role='Special Envoy for Syria'>Geir Larsen</p> met "
        "the press.",
        id="envoy-for-a-country"),
    pytest.param(
        "He met the Minister for Central Asia <p role='Minister for Central Asia'>Anna "
        "Berg</p>.",
        id="minister-for-a-region"),
    pytest.param(
        "The Special Representative of the European Union for Central Asia "
        "<p role='Special Representative of the European Union for Central Asia' "
        "org='European Union'>Terhi Hakala</p> arrived.",
        id="envoy-of-an-organisation-for-a-region"),
])
def test_a_portfolio_in_the_title_is_not_the_represented_country(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param("President of the Republic <p role='President of the Republic'>Ana Rojas</p> "
                 "spoke.",
                 id="republic"),
    pytest.param("The Head of the Presidential Administration "
                 "<p role='Head of the Presidential Administration'>Ivan Orlov</p> spoke.",
                 id="administration"),
    pytest.param("The Counselor <p role=Counselor>Tom Ward</p> spoke.", id="counselor"),
    pytest.param("<official role=Secretary>Secretary</official> Travels to Brussels",
                 id="travels"),
    pytest.param("Joint Statement by the <official role='Foreign Ministers'>Foreign "
                 "Ministers</official>", id="joint-statement"),
    pytest.param("Delegation Visits Tokyo", id="delegation"),
])
def test_title_words_are_never_names(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "Spokesperson <p role=Spokesperson only=yes>Anna Berg</p>: The Foreign Minister of "
        "Chile <p role='Foreign Minister' country=CL>Ana Rojas</p> met the press.",
        id="spokesperson-colon"),
    pytest.param(
        "The following is attributable to Press Secretary "
        "<p role='Press Secretary' only=yes>Anna Berg</p>: the President of Chile "
        "<p role=President country=CL>Ana Rojas</p> spoke with the "
        "<official role=Minister>Minister</official>.",
        id="attributable-to-in-one-sentence"),
    pytest.param(
        "Readout by the Press Secretary <p role='Press Secretary' only=yes>Anna Berg</p>\n\n"
        "The President of Chile <p role=President country=CL>Ana Rojas</p> spoke.",
        id="readout-by"),
])
def test_the_office_a_readout_is_attributed_to_is_not_a_participant(markup: str) -> None:
    assert_found(markup, found_in(markup))


def test_a_name_after_a_comma_that_is_not_the_titles_apposition_is_not_its_name() -> None:
    markup = ("At the request of the <official role=President country=TR>President</official> "
              "of Turkey, <p role=President country=RU principal=yes>Vladimir Putin</p> "
              "informed him about the results.")
    assert_found(markup, found_in(markup, "http://en.kremlin.ru/events/1"))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "He met the Japanese State Minister for Foreign Affairs "
        "<p role='State Minister for Foreign Affairs' country=JP>Taro Sato</p>.",
        id="state-minister"),
    pytest.param(
        "He met the Parliamentary Vice-Minister for Foreign Affairs of Japan "
        "<p role='Parliamentary Vice-Minister for Foreign Affairs' country=JP>Taro Sato</p>.",
        id="parliamentary-vice-minister"),
    pytest.param(
        "He met Ambassador-at-Large for Arctic Affairs "
        "<p role='Ambassador-at-Large for Arctic Affairs'>Tom Hale</p>.",
        id="hyphenated-head"),
])
def test_modifiers_and_compound_heads_stay_in_the_role(markup: str) -> None:
    assert_found(markup, found_in(markup))


@pytest.mark.parametrize("markup", [
    pytest.param(
        "The forum was attended by the Minister of Foreign Affairs of Peru "
        "<p role='Minister of Foreign Affairs' country=PE>Luis Vega</p>, the "
        "<official role='Minister of Foreign Affairs' country=EC>"
        "<official role='Minister of Foreign Affairs' country=BO>"
        "<official role='Minister of Foreign Affairs' country=CL>Ministers of Foreign "
        "Affairs</official></official></official> of Chile, Bolivia and Ecuador, as well as "
        "guests.",
        id="a-name-listed-before-a-plural-title-is-not-its-name"),
    pytest.param(
        "On December 5, while attending the International Volunteer Forum, the "
        "<official role=President>President</official> joined the campaign.",
        id="a-body-before-a-comma-is-not-a-name"),
    pytest.param(
        "He spoke with the Crown Prince of Dubai, Deputy Supreme Commander-in-Chief of the "
        "United Arab Emirates Armed Forces Sheikh <p role='Crown Prince of Dubai, Deputy "
        "Supreme Commander-in-Chief' country=AE org='United Arab Emirates Armed Forces'>"
        "Rashid bin Saeed</p>.",
        id="a-title-after-a-comma-is-not-a-name-it-chains"),
])
def test_what_stands_across_a_comma(markup: str) -> None:
    assert_found(markup, found_in(markup))
