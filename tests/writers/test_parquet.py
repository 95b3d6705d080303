"""Parquet tables: the CSV tables' rows with real types, lists for multi-valued cells."""

from __future__ import annotations

import csv
import datetime
import json
from pathlib import Path

import pyarrow.parquet as pq

from communique.pipeline import run
from communique.pipeline.settings import Settings
from communique.pipeline.writers import export
from communique.pipeline.writers.parquet import write_parquet
from tests.run.test_runner import make_docs, source_of

RECORD = {
    "doc_id": "r1", "source": "in/r1.txt", "title": "Talks in Lima", "published": "2021-05-30",
    "language": "en", "url": None, "warnings": ["no dateline", "short text"],
    "events": [{
        "type": "meeting", "name": None, "mode": "in_person",
        "date": {"start": "2021-05-28", "end": "2021-05-29", "text": "28-29 May",
                 "year_inferred": True, "span": {"start": 3, "end": 12, "text": "28-29 May"}},
        "location": {"city": "Lima", "country": "Peru", "country_code": "PE", "venue": None,
                     "lat": -12.04, "lon": -77.03, "text": "Lima",
                     "span": {"start": 80, "end": 84, "text": "Lima"}},
        "participants": [
            {"name": "Ana Ruiz", "role": "Minister", "country": "Peru", "country_code": "PE",
             "span": {"start": 20, "end": 28, "text": "Ana Ruiz"}},
            {"name": None, "role": "Ambassador", "country": "Chile", "country_code": "CL",
             "span": None},
            {"name": "Luis Paz", "role": "Deputy Minister", "country": "Peru"},
        ],
        "topics": [{"text": "trade", "session": 2, "span": {"start": 90, "end": 95}},
                   {"text": "energy", "session": None, "span": None}],
        "evidence": [{"start": 0, "end": 85}, {"start": 86, "end": 120}],
    }],
}


def written(tmp_path: Path, records: list[dict], errors: list[dict] = ()) -> Path:
    (tmp_path / export.RECORDS).write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (tmp_path / export.ERRORS).write_text(
        "".join(json.dumps(e) + "\n" for e in errors), encoding="utf-8")
    write_parquet(tmp_path)
    return tmp_path


def rows(folder: Path, table: str) -> list[dict]:
    return pq.read_table(folder / f"{table}.parquet").to_pylist()


def test_documents_have_a_date_and_a_list_of_warnings(tmp_path):
    folder = written(tmp_path, [RECORD])
    assert rows(folder, "documents") == [{
        "doc_id": "r1", "source": "in/r1.txt", "title": "Talks in Lima",
        "published": datetime.date(2021, 5, 30), "language": "en", "url": None,
        "event_count": 1, "warnings": ["no dateline", "short text"], "published_source": None}]


def test_events_have_dates_numbers_span_lists_and_participant_countries_once(tmp_path):
    (event,) = rows(written(tmp_path, [RECORD]), "events")
    assert (event["date_start"], event["date_end"]) == (datetime.date(2021, 5, 28),
                                                          datetime.date(2021, 5, 29))
    assert (event["event_index"], event["date_year_inferred"]) == (0, True)
    assert (event["location_lat"], event["location_lon"]) == (-12.04, -77.03)
    assert (event["date_span_start"], event["location_span_end"]) == (3, 84)
    assert (event["participant_count"], event["topic_count"]) == (3, 2)
    assert event["evidence_spans"] == [{"start": 0, "end": 85}, {"start": 86, "end": 120}]
    assert event["participant_countries"] == ["Peru", "Chile"]


def test_missing_offsets_and_sessions_are_nulls_not_zeros(tmp_path):
    folder = written(tmp_path, [RECORD])
    assert [(p["participant_index"], p["span_start"], p["span_end"])
            for p in rows(folder, "participants")] == [(0, 20, 28), (1, None, None),
                                                       (2, None, None)]
    assert [(t["text"], t["session"], t["span_start"]) for t in rows(folder, "topics")] == [
        ("trade", 2, 90), ("energy", None, None)]
    schema = pq.read_schema(folder / "topics.parquet")
    assert str(schema.field("session").type) == "int64"


def test_errors_table_and_an_empty_run_have_their_columns(tmp_path):
    error = {"input": "in/bad.txt", "doc_id": None, "reason": "not UTF-8", "hint": None}
    folder = written(tmp_path, [], [error])
    assert rows(folder, "errors") == [error]
    assert rows(folder, "events") == []
    assert pq.read_schema(folder / "events.parquet").names == [
        *export.EVENT_COLUMNS, "event_cluster_id", "participant_countries"]
    assert pq.read_schema(folder / "participants.parquet").names == [
        *export.PARTICIPANT_COLUMNS, "person_id", "country_source"]
    assert not (folder / "persons.parquet").exists()  # no links.json: nothing linked


def test_parquet_rows_are_the_csv_rows(tmp_path):
    result = run.run([Path("in")], tmp_path, Settings(workers=1), options={}, report=False,
                      use_cache=False, source=source_of(make_docs(6)))
    for table, columns in export.TABLES.items():
        with (tmp_path / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
            from_csv = [tuple(row[c] for c in ("doc_id", *columns[1:3])) for row in
                        csv.DictReader(fh)]
        from_parquet = [tuple("" if row[c] is None else str(row[c])
                              for c in ("doc_id", *columns[1:3]))
                        for row in rows(tmp_path, table)]
        assert from_parquet == from_csv
    assert len(rows(tmp_path, "events")) == result.counts.events
    assert len(rows(tmp_path, "participants")) == result.counts.participants


def test_formats_choose_the_files(tmp_path):
    run.run([Path("in")], tmp_path, Settings(workers=1), options={}, report=False,
            use_cache=False, source=source_of(make_docs(2)), formats={"parquet"})
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "documents.parquet", "dyads.parquet", "errors.jsonl", "errors.parquet",
        "event_clusters.parquet", "events.parquet", "links.json", "participants.parquet",
        "persons.parquet", "records.jsonl", "run.json", "topics.parquet"]
