"""`<table>.parquet`: the run's tables with real types, for pandas, DuckDB, Polars or Spark.

The same tables as the CSVs (same names, same rows, built by export's own row
builders from records.jsonl, so they agree by construction), typed as an
analyst loads them: nullable integers for indexes, sessions and span
offsets, dates as dates, booleans and floats as such, and a list where a
cell holds several values: `documents.warnings` (list of strings),
`events.evidence_spans` (list of {start, end}) and the one column the CSVs
do not have, `events.participant_countries` (the participants' countries,
in order, each once). The CSVs keep their columns.

The linking columns (events.event_cluster_id, participants.person_id and
country_source, the country linking found where the record gave none) and
the linking tables persons and event_clusters come from the folder's
links.json through linking/stage.py's own row builders, as in the CSVs and
communique.db; here a person's variants and roles and a cluster's doc ids,
members, persons and countries are lists (roles: list of {role, category,
count, first, last}, dates as dates) rather than joined strings. A folder
without links.json gets empty link cells and no linking tables.

Memory stays flat: records.jsonl is streamed and each table written a row
group at a time. Each file goes to a temp name in the same folder and is
renamed when complete, so a reader never sees half a file.
"""

from __future__ import annotations

import datetime
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from communique.pipeline.linking import stage
from communique.pipeline.linking.tables import (
    CLUSTER_COLUMNS,
    CLUSTER_LISTS,
    PERSON_COLUMNS,
    LinkedFiles,
    has_links,
)
from communique.pipeline.writers import db, export
from communique.pipeline.writers.dyads import dyad_rows

ROW_GROUP = 10_000  # rows per row group: the rows of a table held before they are written
SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64())])
INT = pa.int64()
TEXT = pa.string()
DATE = pa.date32()
ROLE = pa.struct([("role", TEXT), ("category", TEXT), ("count", INT), ("first", DATE),
                  ("last", DATE)])

# Columns not in these maps are strings.
TYPES: dict[str, pa.DataType] = {
    "event_count": INT, "event_index": INT, "participant_index": INT, "topic_index": INT,
    "session": INT, "span_start": INT, "span_end": INT, "date_span_start": INT,
    "date_span_end": INT, "location_span_start": INT, "location_span_end": INT,
    "participant_count": INT, "topic_count": INT,
    "published": DATE, "date": DATE, "date_start": DATE, "date_end": DATE,
    "date_year_inferred": pa.bool_(), "location_lat": pa.float64(),
    "location_lon": pa.float64(),
    "warnings": pa.list_(TEXT), "evidence_spans": pa.list_(SPAN),
    "participant_countries": pa.list_(TEXT),
    "country_count": INT, "country_total": INT, "n_mentions": INT, "n_documents": INT,
    "n_events": INT, "first_seen": DATE, "last_seen": DATE, "variants": pa.list_(TEXT),
    "roles": pa.list_(ROLE), **{name: pa.list_(TEXT) for name in CLUSTER_LISTS},
}
EXTRA_COLUMNS = {"events": ("participant_countries",)}
ERROR_COLUMNS = db.ERROR_COLUMNS
# The record tables with their linking columns, as in the CSVs (linking/stage.py).
TABLE_COLUMNS = {**export.TABLES, "events": stage.EVENT_TABLE,
                 "participants": stage.PARTICIPANT_TABLE}
LINKED_COLUMNS = {"persons": tuple(PERSON_COLUMNS), "event_clusters": tuple(CLUSTER_COLUMNS)}


def columns(table: str) -> tuple[str, ...]:
    if table == "errors":
        return ERROR_COLUMNS
    if table in LINKED_COLUMNS:
        return LINKED_COLUMNS[table]
    return TABLE_COLUMNS[table] + EXTRA_COLUMNS.get(table, ())


def schema(table: str) -> pa.Schema:
    return pa.schema([(name, TYPES.get(name, TEXT)) for name in columns(table)])


def _date(value: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _countries(event: dict[str, Any]) -> list[str]:
    """The participants' countries in order of mention, each once."""
    seen: dict[str, None] = {}
    for participant in event.get("participants") or []:
        if participant.get("country"):
            seen.setdefault(participant["country"], None)
    return list(seen)


def _typed(row: dict[str, Any]) -> dict[str, Any]:
    for name in ("published", "date", "date_start", "date_end", "first_seen", "last_seen"):
        if name in row:
            row[name] = _date(row[name])
    return row


Rows = Callable[[dict[str, Any], LinkedFiles], Iterable[dict[str, Any]]]


def document_rows(record: dict[str, Any], links: LinkedFiles) -> Iterator[dict[str, Any]]:
    row = dict(zip(export.DOCUMENT_COLUMNS, export.document_row(record), strict=True))
    row["warnings"] = list(record.get("warnings") or [])
    yield _typed(row)


def event_rows(record: dict[str, Any], links: LinkedFiles) -> Iterator[dict[str, Any]]:
    events = record.get("events") or []
    for event, values in zip(events, stage.linked_event_rows(record, links), strict=True):
        row = dict(zip(stage.EVENT_TABLE, values, strict=True))
        row["evidence_spans"] = [{"start": s["start"], "end": s["end"]}
                                 for s in event.get("evidence") or []]
        row["participant_countries"] = _countries(event)
        yield _typed(row)


def participant_rows(record: dict[str, Any], links: LinkedFiles) -> Iterator[dict[str, Any]]:
    for values in stage.linked_participant_rows(record, links):
        yield dict(zip(stage.PARTICIPANT_TABLE, values, strict=True))


def _plain(builder: Callable[[dict], Iterable[tuple]], table: str) -> Rows:
    def rows(record: dict[str, Any], links: LinkedFiles) -> Iterator[dict[str, Any]]:
        for values in builder(record):
            yield dict(zip(export.TABLES[table], values, strict=True))
    return rows


def _dyad_rows(record: dict[str, Any], links: LinkedFiles) -> Iterator[dict[str, Any]]:
    """One row per ordered pair of an event's sides (writers/dyads.py), date as a date."""
    for values in dyad_rows(record):
        yield _typed(dict(zip(export.TABLES["dyads"], values, strict=True)))


ROWS: dict[str, Rows] = {
    "documents": document_rows,
    "events": event_rows,
    "participants": participant_rows,
    "topics": _plain(export.topic_rows, "topics"),
    "dyads": _dyad_rows,
}


def person_row(item: dict[str, Any]) -> dict[str, Any]:
    """A persons.parquet row from a links.json person: variants and roles as lists."""
    roles = [{**role, "first": _date(role["first"]), "last": _date(role["last"])}
             for role in item["roles"]]
    return _typed({**{c: item[c] for c in PERSON_COLUMNS}, "roles": roles})


def cluster_row(item: dict[str, Any]) -> dict[str, Any]:
    return _typed({c: item[c] for c in CLUSTER_COLUMNS})


class _TableFile:
    """One `<table>.parquet`, written a row group at a time to a temp name."""

    def __init__(self, out_dir: Path, table: str) -> None:
        self.target = out_dir / f"{table}.parquet"
        self.schema = schema(table)
        handle, name = tempfile.mkstemp(prefix=f".{table}.", suffix=".parquet", dir=out_dir)
        os.close(handle)
        self.temp = Path(name)
        self.writer = pq.ParquetWriter(self.temp, self.schema)
        self.rows: list[dict[str, Any]] = []

    def add(self, rows: Iterable[dict[str, Any]]) -> None:
        self.rows.extend(rows)
        if len(self.rows) >= ROW_GROUP:
            self.flush()

    def flush(self) -> None:
        if self.rows:
            self.writer.write_table(pa.Table.from_pylist(self.rows, schema=self.schema))
            self.rows = []

    def finish(self) -> Path:
        self.flush()
        self.writer.close()
        os.replace(self.temp, self.target)
        return self.target

    def discard(self) -> None:
        self.writer.close()
        self.temp.unlink(missing_ok=True)


def write_parquet(out_dir: Path) -> list[Path]:
    """Every table of `out_dir` (records.jsonl, errors.jsonl, links.json) as `<table>.parquet`."""
    linked = has_links(out_dir)
    names = (*ROWS, "errors", *(LINKED_COLUMNS if linked else ()))
    files = {table: _TableFile(out_dir, table) for table in names}
    try:
        links = LinkedFiles(out_dir)
        for record in db.read_jsonl(out_dir / export.RECORDS):
            for table, rows in ROWS.items():
                files[table].add(rows(record, links))
        files["errors"].add({name: error.get(name) for name in ERROR_COLUMNS}
                            for error in db.read_jsonl(out_dir / export.ERRORS))
        if linked:
            files["persons"].add(person_row(p) for p in links.persons())
            files["event_clusters"].add(cluster_row(c) for c in links.clusters())
        return [file.finish() for file in files.values()]
    except BaseException:
        for file in files.values():
            file.discard()
        raise
