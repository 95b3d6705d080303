"""Events: given this text, these event types, modes and exclusions."""

from __future__ import annotations

import pytest

from communique.pipeline.events import find_events, find_triggers
from communique.pipeline.nlp import load_nlp


def types(text: str) -> list[tuple[str, str | None]]:
    return [(e.type, e.mode) for e in find_events(load_nlp()(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Minister had a telephone conversation with his Kyrgyz counterpart.",
         [("phone_call", "phone")]),
        ("The Secretary of State spoke by phone with the Foreign Minister of Chile.",
         [("phone_call", "phone")]),
        ("The President met with the Prime Minister of Greece in Athens.",
         [("meeting", "in_person")]),
        ("Political consultations between the two ministries were held in Baku.",
         [("consultations", "in_person")]),
        ("The Minister paid an official visit to Mongolia.", [("visit", "in_person")]),
        ("The delegation took part in the Astana International Forum.", [("forum", "in_person")]),
        ("The ministers held talks via videoconference.", [("meeting", "online")]),
        ("The Ambassador presented his credentials to the President.", [("other", "in_person")]),
    ],
)
def test_main_event_type_and_mode(text: str, expected: list) -> None:
    assert types(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The Minister will pay an official visit to Japan next week.",
        "The upcoming summit will be held in Samarkand.",
    ],
)
def test_future_events_are_not_events(text: str) -> None:
    assert types(text) == []


def test_setting_is_not_the_event() -> None:
    text = "On the sidelines of the summit, the President met with the Prime Minister of Spain."
    assert types(text) == [("meeting", "in_person")]
    excluded = {t.type: t.excluded for t in find_triggers(load_nlp()(text))}
    assert excluded["forum"] == "setting"


def test_recalled_event_before_a_call_is_context() -> None:
    text = (
        "Following the talks held in Moscow on 22 May, the President had a telephone "
        "conversation with the President of Azerbaijan."
    )
    assert types(text) == [("phone_call", "phone")]


def test_signing_after_talks_is_an_event_of_its_own() -> None:
    text = (
        "The President held talks with the King of Jordan. "
        "Following the talks, an agreement on visa exemption was signed."
    )
    assert [t for t, _ in types(text)] == ["meeting", "signing"]


def test_later_mentions_of_other_events_add_none() -> None:
    text = (
        "The President had a telephone conversation with the Chancellor. "
        "The leaders noted that the country is ready for talks with all parties."
    )
    assert [t for t, _ in types(text)] == ["phone_call"]


def test_reception_within_a_visit_is_a_second_meeting() -> None:
    text = (
        "The delegation took part in the meeting of senior officials in Dushanbe. "
        "Within the framework of the visit, the delegation was received by the Minister."
    )
    assert [t for t, _ in types(text)] == ["meeting", "meeting"]


def test_event_described_by_a_future_relative_clause_is_planned() -> None:
    text = "The discussion at the summit that will take place in Hanoi will focus on trade."
    assert types(text) == []


def test_videoconference_gives_the_mode_and_the_session_the_type() -> None:
    text = ("The President took part, via videoconference, in a session of the Collective "
            "Security Council.")
    assert types(text) == [("forum", "online")]


def test_an_election_is_an_other_event() -> None:
    text = "Turkmenistan was elected Vice-President of the General Assembly."
    assert [t for t, _ in types(text)] == ["other"]
