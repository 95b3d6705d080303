"""Write a run's outputs atomically: records.jsonl, the CSV tables, errors.jsonl, run.json.

Why a staging folder: a run that is interrupted (Ctrl-C, SIGTERM, a crash)
must leave the output folder exactly as it was before the run. Every file is
written under `<out>/.staging-<pid>/` and switched in by `Outputs.commit`
with one atomic step (writers/commit.py). An aborted run only removes
its staging folder; the cache (`<out>/.cache/`) keeps the documents already
processed, so the next run resumes quickly.

Why rows are built from plain dicts: a record from the cache (a JSON line)
and a record fresh from extraction go through the same `json.loads` path, so
a cached re-run writes byte-identical tables. Files are named by table, never
by a document id, so ids from input cannot reach the file system.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from communique.pipeline.eventcodes import CODE_COLUMNS, codes_for
from communique.pipeline.writers.commit import Staging
from communique.pipeline.writers.dyads import DYAD_COLUMNS, dyad_rows

RECORDS = "records.jsonl"
ERRORS = "errors.jsonl"
RUN = "run.json"
FORMATS = ("csv", "parquet", "sqlite")  # table formats besides records.jsonl (`--formats`)

DOCUMENT_COLUMNS = (
    "doc_id", "source", "title", "published", "language", "url", "event_count", "warnings",
    "published_source",
)
EVENT_COLUMNS = (
    "doc_id", "event_index", "type", "name", "mode",
    "date_start", "date_end", "date_text", "date_year_inferred", "date_span_start",
    "date_span_end",
    "location_city", "location_country", "location_country_code", "location_venue",
    "location_lat", "location_lon", "location_text", "location_span_start",
    "location_span_end",
    "participant_count", "topic_count", "evidence_spans",
    *CODE_COLUMNS,  # CAMEO / PLOVER (eventcodes), added last so older readers still work
)
PARTICIPANT_COLUMNS = (
    "doc_id", "event_index", "participant_index", "name", "role", "role_category",
    "organization", "country", "country_code", "span_start", "span_end", "span_text",
)
TOPIC_COLUMNS = (
    "doc_id", "event_index", "topic_index", "text", "session", "span_start", "span_end",
)
TABLES: dict[str, tuple[str, ...]] = {
    "documents": DOCUMENT_COLUMNS,
    "events": EVENT_COLUMNS,
    "participants": PARTICIPANT_COLUMNS,
    "topics": TOPIC_COLUMNS,
    "dyads": DYAD_COLUMNS,
}

# A spreadsheet treats a cell starting with one of these as a formula
# (OWASP "CSV injection"); tab and CR start formulas in some spreadsheets too.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_SIGNS = frozenset("=+-@")
# Invisible lead-ins a spreadsheet skips before reading a formula sign.
_LEAD_IN = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp"})


def safe_cell(value: Any) -> Any:
    """A CSV cell that a spreadsheet will not run: text starting a formula gets a `'`.

    A formula sign after leading whitespace or control/format characters
    (" =cmd", "\x01@x") counts too: spreadsheets skip those. Numbers are
    left alone (a negative longitude is data, not a formula, and pandas must
    still read it as a float); NUL, which no CSV reader accepts, is dropped.
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if not isinstance(value, str):
        return value
    value = value.replace("\x00", "")
    if value.startswith(_FORMULA_START) or _formula_after_lead_in(value):
        return "'" + value
    return value


def _formula_after_lead_in(value: str) -> bool:
    for char in value:
        if unicodedata.category(char) not in _LEAD_IN:
            return char in _FORMULA_SIGNS
    return False


# Every character that some reader takes as a line break (str.splitlines' set):
# a cell holding one is always quoted, so a row is never split in two.
_QUOTE_IF = re.compile('[",\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]')


class CsvWriter:
    """csv.writer's minimal quoting, plus quotes for every line break (bare CR, U+2028).

    Why not csv.writer: with lineterminator "\n" it leaves a bare CR or
    U+2028 unquoted, and a reader splitting on those sees two rows. Output
    is otherwise byte-identical to csv.writer(lineterminator="\n").
    """

    def __init__(self, handle: TextIO) -> None:
        self._handle = handle

    def writerow(self, row: Iterable[Any]) -> None:
        self._handle.write(",".join(_csv_field(cell) for cell in row) + "\n")

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def _csv_field(cell: Any) -> str:
    text = "" if cell is None else str(cell)
    if _QUOTE_IF.search(text):
        return '"' + text.replace('"', '""') + '"'
    return text


def _span(span: dict | None) -> tuple[Any, Any, Any]:
    if not span:
        return None, None, None
    return span.get("start"), span.get("end"), span.get("text")


def document_row(record: dict) -> tuple:
    return (
        record["doc_id"], record.get("source"), record.get("title"), record.get("published"),
        record.get("language"), record.get("url"), len(record.get("events") or []),
        "; ".join(record.get("warnings") or []), record.get("published_source"),
    )


def event_rows(record: dict) -> Iterator[tuple]:
    for index, event in enumerate(record.get("events") or []):
        date = event.get("date") or {}
        location = event.get("location") or {}
        d_start, d_end, _ = _span(date.get("span"))
        l_start, l_end, _ = _span(location.get("span"))
        evidence = ";".join(f"{s['start']}:{s['end']}" for s in event.get("evidence") or [])
        yield (
            record["doc_id"], index, event.get("type"), event.get("name"), event.get("mode"),
            date.get("start"), date.get("end"), date.get("text"), date.get("year_inferred"),
            d_start, d_end,
            location.get("city"), location.get("country"), location.get("country_code"),
            location.get("venue"), location.get("lat"), location.get("lon"),
            location.get("text"), l_start, l_end,
            len(event.get("participants") or []), len(event.get("topics") or []), evidence,
            *codes_for(event),
        )


def participant_rows(record: dict) -> Iterator[tuple]:
    for index, event in enumerate(record.get("events") or []):
        for p_index, p in enumerate(event.get("participants") or []):
            yield (
                record["doc_id"], index, p_index, p.get("name"), p.get("role"),
                p.get("role_category"), p.get("organization"), p.get("country"),
                p.get("country_code"), *_span(p.get("span")),
            )


def topic_rows(record: dict) -> Iterator[tuple]:
    for index, event in enumerate(record.get("events") or []):
        for t_index, t in enumerate(event.get("topics") or []):
            yield (
                record["doc_id"], index, t_index, t.get("text"), t.get("session"),
                *_span(t.get("span"))[:2],
            )


@dataclass
class Counts:
    """What the summary and run.json report."""

    documents: int = 0
    events: int = 0
    participants: int = 0
    topics: int = 0
    failed: int = 0


@dataclass
class Outputs:
    """The output files of one run, written incrementally into a staging folder.

    Use as a context manager: leaving the block with an exception discards
    everything; `commit()` moves the finished files over the old outputs.
    """

    out_dir: Path
    write_csv: bool = True  # False: no <table>.csv (`--formats` without csv)
    staging: Path = field(init=False)
    counts: Counts = field(default_factory=Counts)
    _files: dict[str, TextIO] = field(default_factory=dict)
    _writers: dict[str, Any] = field(default_factory=dict)
    _committed: bool = False

    def __post_init__(self) -> None:
        self._stage = Staging(self.out_dir)  # commit.py: one atomic switch for every output
        self.staging = self._stage.path
        self._files[RECORDS] = self._open(RECORDS)
        self._files[ERRORS] = self._open(ERRORS)
        for table, columns in TABLES.items() if self.write_csv else ():
            handle = self._open(f"{table}.csv", newline="")
            writer = CsvWriter(handle)
            writer.writerow(columns)
            self._files[table] = handle
            self._writers[table] = writer

    def _open(self, name: str, newline: str | None = None) -> TextIO:
        return (self.staging / name).open("w", encoding="utf-8", newline=newline)

    def __enter__(self) -> Outputs:
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if not self._committed:
            self.abort()

    def write_record(self, line: str) -> None:
        """Append one record (its JSON line, as serialised once) and its table rows."""
        record = json.loads(line)
        self._files[RECORDS].write(line + "\n")
        self._rows("documents", [document_row(record)])
        self._rows("events", event_rows(record))
        self._rows("participants", participant_rows(record))
        self._rows("topics", topic_rows(record))
        self._rows("dyads", dyad_rows(record))
        events = record.get("events") or []
        self.counts.documents += 1
        self.counts.events += len(events)
        self.counts.participants += sum(len(e.get("participants") or []) for e in events)
        self.counts.topics += sum(len(e.get("topics") or []) for e in events)

    def _rows(self, table: str, rows) -> None:
        if not self.write_csv:
            return
        self._writers[table].writerows([safe_cell(c) for c in row] for row in rows)

    def write_error(self, error_json: str) -> None:
        self._files[ERRORS].write(error_json + "\n")
        self.counts.failed += 1

    def write_json(self, name: str, payload: dict) -> None:
        """A whole JSON file (run.json) into the staging folder."""
        text = json.dumps(payload, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
        (self.staging / name).write_text(text, encoding="utf-8")

    def close_streams(self) -> None:
        """Flush and close the streamed files (before a report reads them)."""
        for handle in self._files.values():
            if not handle.closed:
                handle.flush()
                os.fsync(handle.fileno())
                handle.close()

    def commit(self, after_step: Callable[[str], None] | None = None) -> list[Path]:
        """Switch every staged file in with one atomic step (writers/commit.py)."""
        self.close_streams()
        moved = self._stage.commit(after_step)
        self._committed = True
        return moved

    def abort(self) -> None:
        """Forget this run's files; the outputs stay as they were before it."""
        for handle in self._files.values():
            with contextlib.suppress(OSError):
                handle.close()
        self._stage.abort()

