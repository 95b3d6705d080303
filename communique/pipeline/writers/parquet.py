"""`<table>.parquet`: the run's tables with real types, for pandas, DuckDB, Polars or Spark.

The same tables as the CSVs (same names, same rows, built by export's own row
builders from records.jsonl, so they agree by construction), typed as an
analyst loads them: nullable integers for indexes, sessions and span
offsets, dates as dates, booleans and floats as such, and a list where a
cell holds several values: `documents.warnings` (list of strings),
`events.evidence_spans` (list of {start, end}) and the one column the CSVs
do not have, `events.participant_countries` (the participants' countries,
in order, each once). The CSVs keep their columns.

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

from communique.pipeline.writers import db, export
from communique.pipeline.writers.dyads import dyad_rows

ROW_GROUP = 10_000  # rows per row group: the rows of a table held before they are written
SPAN = pa.struct([("start", pa.int64()), ("end", pa.int64())])
INT = pa.int64()
TEXT = pa.string()
DATE = pa.date32()

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
}
EXTRA_COLUMNS = {"events": ("participant_countries",)}
ERROR_COLUMNS = db.ERROR_COLUMNS


def columns(table: str) -> tuple[str, ...]:
    if table == "errors":
        return ERROR_COLUMNS
    return export.TABLES[table] + EXTRA_COLUMNS.get(table, ())


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
    for name in ("published", "date", "date_start", "date_end"):
        if name in row:
            row[name] = _date(row[name])
    return row


def document_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    row = dict(zip(export.DOCUMENT_COLUMNS, export.document_row(record), strict=True))
    row["warnings"] = list(record.get("warnings") or [])
    yield _typed(row)


def event_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    events = record.get("events") or []
    for event, values in zip(events, export.event_rows(record), strict=True):
        row = dict(zip(export.EVENT_COLUMNS, values, strict=True))
        row["evidence_spans"] = [{"start": s["start"], "end": s["end"]}
                                 for s in event.get("evidence") or []]
        row["participant_countries"] = _countries(event)
        yield _typed(row)


def _plain(builder: Callable[[dict], Iterable[tuple]], table: str):
    def rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
        for values in builder(record):
            yield dict(zip(export.TABLES[table], values, strict=True))
    return rows


def _dyad_rows(record: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per ordered pair of an event's sides (writers/dyads.py), date as a date."""
    for values in dyad_rows(record):
        yield _typed(dict(zip(export.TABLES["dyads"], values, strict=True)))


ROWS: dict[str, Callable[[dict[str, Any]], Iterable[dict[str, Any]]]] = {
    "documents": document_rows,
    "events": event_rows,
    "participants": _plain(export.participant_rows, "participants"),
    "topics": _plain(export.topic_rows, "topics"),
    "dyads": _dyad_rows,
}


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
    """Every table of `out_dir` (records.jsonl, errors.jsonl) as `<table>.parquet`."""
    files = {table: _TableFile(out_dir, table) for table in (*ROWS, "errors")}
    try:
        for record in db.read_jsonl(out_dir / export.RECORDS):
            for table, rows in ROWS.items():
                files[table].add(rows(record))
        files["errors"].add({name: error.get(name) for name in ERROR_COLUMNS}
                            for error in db.read_jsonl(out_dir / export.ERRORS))
        return [file.finish() for file in files.values()]
    except BaseException:
        for file in files.values():
            file.discard()
        raise
