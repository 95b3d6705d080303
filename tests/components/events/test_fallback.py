"""The main event of a release no trigger fires in (issue 11, item 1): the past act
of its first sentences, type `other`; plans, positions, speeches give no event.
Sentences written for these tests; the last test reads the sample releases of
`corpus/feeds/` (written for issue 11) against their gold."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.pipeline.components import build, extract
from communique.pipeline.ingest import IngestOptions, iter_documents
from tests.components.events.test_events import events_in
from tests.markup import assert_found

FEEDS = Path(__file__).resolve().parents[3] / "corpus" / "feeds"


@pytest.mark.parametrize("marked", [
    "Security forces <e type=other>detained</e> two suspects in the district on Tuesday.",
    "Rescue teams <e type=other>evacuated</e> 300 residents last night, the ministry said.",
    "Two workers were <e type=other>arrested</e> at the port. The goods were returned.",
    "Firefighters have <e type=other>contained</e> the wildfire near the town.",
])
def test_the_past_act_of_the_first_sentences(marked: str) -> None:
    assert_found(marked, events_in(marked))


@pytest.mark.parametrize("marked", [
    "The Department remains deeply concerned about the situation in the region.",
    "The Ministry condemned the attack and called for restraint.",
    "The ministry said it would open two shelters next week.",
    "The Ministry of Health is to launch a vaccination campaign in May.",
    "We have achieved a great deal this year, and we will continue our work.",
    "Cooperation between the two countries is developing. Trade is growing.",
])
def test_plans_positions_and_speeches_give_no_event(marked: str) -> None:
    assert events_in(marked) == []


def test_the_feed_sample_main_events_and_dates() -> None:
    """Each release of corpus/feeds: its main event's type and date as in its gold."""
    gold = {}
    for path in sorted((FEEDS / "gold").glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        gold[record["doc_id"]] = [(e["type"], e["date"]["start"]) for e in record["events"]]
    nlp = build()
    found = {}
    for raw in iter_documents([FEEDS / "releases"], IngestOptions()):
        record = extract(nlp, raw)
        found[record.doc_id] = [(e.type, e.date.start) for e in record.events[:1]]
    assert found == {k: v[:1] for k, v in gold.items()}
    assert len(found) == 10


def test_the_place_of_the_act_is_the_main_event_place() -> None:
    from communique.models import RawDocument

    raw = RawDocument(doc_id="floods", source="floods.txt", published="2021-07-15",
                      text="Rescue teams evacuated 300 residents from flooded villages in "
                           "Dushanbe last night. The road to Kulob was closed.")
    [event] = extract(build(), raw).events
    assert (event.type, event.date.start, event.date.text) == ("other", "2021-07-14",
                                                               "last night")
    assert event.location is not None
    assert (event.location.city, event.location.country_code) == ("Dushanbe", "TJ")
