"""Event places in the record: given this release, these (city, country code) per event.

The whole pipeline runs, since which place an event takes depends on the events
found (a reported act with no trigger, a visit and the meetings held during it).
"""

from __future__ import annotations

import pytest

from communique.models import RawDocument
from communique.pipeline.components.pipeline import build, extract


def places(text: str, title: str | None = None) -> list[tuple[str | None, str | None] | None]:
    """(city, country code) of each event's location, in event order (None: no place)."""
    body = f"{title}\n\n{text}" if title else text
    raw = RawDocument(doc_id="t", source="test", text=body, title=title, published="2024-03-05")
    record = extract(build(), raw)
    return [(e.location.city, e.location.country_code) if e.location else None
            for e in record.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "near X": the nearest named place is where it happened
        ("Firefighters contained a forest fire near Kelowna on Sunday.", [("Kelowna", "CA")]),
        # a place in a non-finite phrase under the act is the act's place
        ("Police detained two men suspected of smuggling cigarettes through a checkpoint in "
         "Narva on Tuesday.", [("Narva", "EE")]),
        ("Coast guards stopped a boat carrying 200 litres of fuel near the port of Poti.",
         [("Poti", "GE")]),
        # ... but not one in a relative clause about someone
        ("Police detained two men who had lived in Narva for years.", [None]),
        # an area gives its country
        ("Troops detained three suspects during an operation in the Panjwai district of "
         "Kandahar province on Tuesday.", [(None, "AF")]),
    ],
)
def test_place_of_a_reported_act(text: str, expected: list) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # an institution with no city written takes the dateline's city
        ("ASTANA, March 4, 2024 — The Ambassador of Japan met with the Deputy Minister at "
         "the Ministry of Foreign Affairs.", [("Astana", "KZ")]),
        # ... only when the dateline is in the venue's country
        ("ASTANA, March 4, 2024 — The Ambassador of Japan met with the Deputy Minister at "
         "the Ministry of Foreign Affairs of Uzbekistan.", [(None, "UZ")]),
        # ... and with no dateline it stays venue and country
        ("The Ambassador of Japan met with the Deputy Minister at the Ministry of Foreign "
         "Affairs of Kazakhstan.", [(None, "KZ")]),
    ],
)
def test_venue_takes_the_dateline_city(text: str, expected: list) -> None:
    assert places(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the meetings of a visit that name no place were held at the destination
        ("On 4 March, the Minister of Foreign Affairs of Uzbekistan arrived in Doha. On the "
         "same day, the Minister held talks with the Prime Minister of Qatar.",
         [("Doha", "QA")]),
        # ... the latest destination before the event counts
        ("The President of Kazakhstan paid a state visit to Cairo on 3 March, where he held "
         "talks with the President of Egypt. On 4 March, he travelled to Alexandria. There "
         "he signed an agreement with the Governor.", [("Cairo", "EG"), ("Alexandria", "EG")]),
        # a city visited as the verb's object is the destination
        ("The Foreign Secretary of the United Kingdom is visiting Riyadh. On 4 March, the "
         "Foreign Secretary held talks with the Minister of Foreign Affairs of Saudi Arabia.",
         [("Riyadh", "SA")]),
        # a call has no place unless written, even during a visit
        ("The Minister of Foreign Affairs of Uzbekistan arrived in Doha on 4 March. The "
         "Minister also held a telephone conversation with the Minister of Foreign Affairs "
         "of Oman.", [None]),
        # a country visited is no city: the meetings keep no place
        ("The Minister of Foreign Affairs of Georgia paid an official visit to Turkmenistan. "
         "On 2 March, the Minister was received by the President of Turkmenistan.",
         [(None, "TM"), None]),
    ],
)
def test_meetings_of_a_visit_take_its_destination(text: str, expected: list) -> None:
    assert places(text) == expected


def test_a_headline_place_is_the_destination() -> None:
    assert places("On 4 March, the Minister of Foreign Affairs of Uzbekistan held talks with "
                  "the Prime Minister of Qatar. On 5 March, the Minister was received by the "
                  "Emir of Qatar.", title="Uzbek Minister holds talks in Doha") == [
        ("Doha", "QA"), ("Doha", "QA")]


def test_a_call_takes_no_place_of_the_talks_it_follows() -> None:
    assert places("Following the talks held in Ankara on 3 March, the Presidents spoke by "
                  "telephone on 5 March.") == [None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "The event took place in X" sentences later is the reported event's place
        ("Today, the Ministry of Foreign Affairs of Kazakhstan held a briefing for foreign "
         "journalists. The briefing was conducted by the Deputy Minister. The journalists "
         "were informed about the upcoming elections. The event took place in the Ministry "
         "of Foreign Affairs of Kazakhstan.", [(None, "KZ")]),
        # an event first named with its place in the sentence before its trigger
        ("On 4 March, the Minister of Foreign Affairs of Uzbekistan paid a working visit to "
         "Egypt. The main event of the visit was the 5th Ministerial Meeting of the Central "
         "Asia - Egypt Dialogue, held on 4 March in Cairo. The meeting was attended by the "
         "Minister of Foreign Affairs of Kazakhstan.", [(None, "EG"), ("Cairo", "EG")]),
        # the lead reports the main event: its place counts when the trigger comes later
        ("On 10-14 May, the Days of Kazakh Cinema were held in Tbilisi. The programme "
         "included a festival of Kazakh films.", [("Tbilisi", "GE")]),
    ],
)
def test_place_written_for_the_event_elsewhere(text: str, expected: list) -> None:
    assert places(text) == expected
