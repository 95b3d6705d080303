"""Atomic outputs and flat tables: what a run writes, and what an aborted run leaves."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from communique.models import DocumentRecord, Event, Location, Participant, Span, Topic
from communique.pipeline.writers import export


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("Minister of Foreign Affairs", "Minister of Foreign Affairs"),
        ("a=b", "a=b"),
        ("nul\x00byte", "nulbyte"),
        (-56.3, -56.3),
        (3, 3),
        (True, "true"),
        (None, ""),
    ],
)
def test_safe_cell(value, expected):
    assert export.safe_cell(value) == expected


def _span(text: str, part: str) -> Span:
    start = text.index(part)
    return Span(start=start, end=start + len(part), text=part)


TEXT = "=HYPERLINK(x) The Minister met the Ambassador in Lima to discuss trade."


def _record() -> DocumentRecord:
    return DocumentRecord(
        doc_id="-doc", source="a.txt", title="@title", published="2020-05-07",
        published_source="column",
        text=TEXT, url=None, warnings=["decoded as cp1251"],
        events=[Event(
            type="meeting",
            location=Location(city="Lima", country="Peru", country_code="PE", lat=-12.04,
                              lon=-77.03, text="Lima", span=_span(TEXT, "Lima")),
            participants=[
                Participant(role="Minister", span=_span(TEXT, "Minister")),
                Participant(role="Ambassador", role_category="ambassador"),
            ],
            topics=[Topic(text="trade", span=_span(TEXT, "trade"))],
            evidence=[_span(TEXT, "The Minister met the Ambassador in Lima to discuss trade.")],
        )],
    )


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_tables_are_flat_joined_and_neutralised(tmp_path):
    with export.Outputs(tmp_path) as outputs:
        outputs.write_record(_record().model_dump_json())
        outputs.commit()
    documents = _read(tmp_path / "documents.csv")
    events = _read(tmp_path / "events.csv")
    participants = _read(tmp_path / "participants.csv")
    topics = _read(tmp_path / "topics.csv")
    assert documents == [{
        "doc_id": "'-doc", "source": "a.txt", "title": "'@title", "published": "2020-05-07",
        "language": "en", "url": "", "event_count": "1", "warnings": "decoded as cp1251",
        "published_source": "column",
    }]
    assert events[0]["event_index"] == "0"
    assert (events[0]["location_city"], events[0]["location_lon"]) == ("Lima", "-77.03")
    assert (events[0]["location_span_start"], events[0]["location_span_end"]) == ("49", "53")
    assert events[0]["evidence_spans"] == "14:71"
    assert [(p["participant_index"], p["role"], p["span_start"]) for p in participants] == [
        ("0", "Minister", "18"), ("1", "Ambassador", "")]
    assert [(t["event_index"], t["text"], t["span_end"]) for t in topics] == [("0", "trade", "70")]
    assert outputs.counts == export.Counts(documents=1, events=1, participants=2, topics=1)


def test_records_line_is_written_as_given(tmp_path):
    line = _record().model_dump_json()
    with export.Outputs(tmp_path) as outputs:
        outputs.write_record(line)
        outputs.commit()
    assert (tmp_path / "records.jsonl").read_text(encoding="utf-8") == line + "\n"
    assert DocumentRecord.model_validate_json(line).bad_spans() == []


def test_nothing_is_visible_before_commit_and_abort_leaves_old_outputs(tmp_path):
    (tmp_path / "records.jsonl").write_text("old\n", encoding="utf-8")
    before = sorted(p.name for p in tmp_path.iterdir())
    with pytest.raises(KeyboardInterrupt), export.Outputs(tmp_path) as outputs:
        outputs.write_record(_record().model_dump_json())
        assert (tmp_path / "records.jsonl").read_text(encoding="utf-8") == "old\n"
        raise KeyboardInterrupt
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert (tmp_path / "records.jsonl").read_text(encoding="utf-8") == "old\n"


def test_commit_moves_nested_files_and_replaces_old_ones(tmp_path):
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "index.html").write_text("old", encoding="utf-8")
    with export.Outputs(tmp_path) as outputs:
        (outputs.staging / "report").mkdir()
        (outputs.staging / "report" / "index.html").write_text("new", encoding="utf-8")
        outputs.write_json("run.json", {"b": 1, "a": 2})
        outputs.commit()
    assert (tmp_path / "report" / "index.html").read_text(encoding="utf-8") == "new"
    assert list(json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))) == ["a", "b"]
    assert not list(tmp_path.glob(".staging-*"))


def test_stale_staging_of_a_dead_process_is_removed(tmp_path):
    stale = tmp_path / ".staging-999999999"
    stale.mkdir()
    (stale / "records.jsonl").write_text("half", encoding="utf-8")
    with export.Outputs(tmp_path) as outputs:
        outputs.commit()
    assert not stale.exists()
