"""communique.db: the run's tables in SQLite, for Datasette or any SQL tool.

The tables are the CSV tables of the output folder (same names, columns and
keys: every item row has `doc_id` and `event_index`), plus `errors` from
errors.jsonl. Where a CSV is missing, the table is flattened from
records.jsonl instead, so a database can always be rebuilt from the records
alone. `documents` also gets the document `text` when its CSV has none: a
reviewer in Datasette wants to read the sentence a row came from.

The file is written to a temp name in the same folder, then renamed, so a
reader never sees half a database.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DB_NAME = "communique.db"
ITEM_TABLES = ("events", "participants", "topics")
TABLES = ("documents", *ITEM_TABLES)

# Columns used when a table is flattened from records.jsonl (no CSV).
FLAT_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": (
        "doc_id", "source", "title", "published", "language", "url", "n_events", "warnings",
    ),
    "events": (
        "doc_id", "event_index", "type", "name", "date_start", "date_end", "date_text",
        "year_inferred", "city", "country", "country_code", "venue", "lat", "lon", "mode",
        "n_participants", "n_topics",
    ),
    "participants": (
        "doc_id", "event_index", "participant_index", "name", "role", "role_category",
        "organization", "country", "country_code", "span_start", "span_end",
    ),
    "topics": (
        "doc_id", "event_index", "topic_index", "text", "session", "span_start", "span_end",
    ),
}
ERROR_COLUMNS = ("input", "doc_id", "reason", "hint")
INDEXED = ("name", "country", "country_code", "type", "date_start", "role_category", "reason")
_INT = re.compile(r"-?(0|[1-9]\d*)")
_LEADING_ZERO = re.compile(r"-?0\d")
_BOOL = {"true": 1, "false": 0}


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file; blank lines skipped, a bad line logged and skipped."""
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as err:
                log.warning("%s line %d is not JSON: %s", path, number, err)


def _span_bounds(item: dict[str, Any]) -> tuple[int | None, int | None]:
    span = item.get("span") or {}
    return span.get("start"), span.get("end")


def flatten(records: Iterable[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """records.jsonl dicts -> rows of documents/events/participants/topics."""
    tables: dict[str, list[dict[str, Any]]] = {name: [] for name in TABLES}
    for rec in records:
        doc_id = rec["doc_id"]
        events = rec.get("events") or []
        tables["documents"].append({
            "doc_id": doc_id, "source": rec.get("source"), "title": rec.get("title"),
            "published": rec.get("published"), "language": rec.get("language"),
            "url": rec.get("url"), "n_events": len(events),
            "warnings": "; ".join(rec.get("warnings") or []) or None,
        })
        for ei, ev in enumerate(events):
            date = ev.get("date") or {}
            loc = ev.get("location") or {}
            tables["events"].append({
                "doc_id": doc_id, "event_index": ei, "type": ev.get("type"),
                "name": ev.get("name"), "date_start": date.get("start"),
                "date_end": date.get("end"), "date_text": date.get("text"),
                "year_inferred": int(bool(date.get("year_inferred"))),
                "city": loc.get("city"), "country": loc.get("country"),
                "country_code": loc.get("country_code"), "venue": loc.get("venue"),
                "lat": loc.get("lat"), "lon": loc.get("lon"), "mode": ev.get("mode"),
                "n_participants": len(ev.get("participants") or []),
                "n_topics": len(ev.get("topics") or []),
            })
            for pi, p in enumerate(ev.get("participants") or []):
                start, end = _span_bounds(p)
                tables["participants"].append({
                    "doc_id": doc_id, "event_index": ei, "participant_index": pi,
                    **{k: p.get(k) for k in FLAT_COLUMNS["participants"][3:9]},
                    "span_start": start, "span_end": end,
                })
            for ti, t in enumerate(ev.get("topics") or []):
                start, end = _span_bounds(t)
                tables["topics"].append({
                    "doc_id": doc_id, "event_index": ei, "topic_index": ti,
                    "text": t.get("text"), "session": t.get("session"),
                    "span_start": start, "span_end": end,
                })
    return tables


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        rows = [{k: (v if v != "" else None) for k, v in row.items()} for row in reader]
        return list(reader.fieldnames or []), rows


def _column_type(name: str, values: list[Any]) -> str:
    """SQLite affinity for a column: keys fixed, others inferred from the values."""
    if name == "doc_id":
        return "TEXT"
    if name == "event_index":
        return "INTEGER"
    present = [v for v in values if v is not None]
    if not present:
        return "TEXT"
    if all(isinstance(v, bool | int) for v in present):
        return "INTEGER"
    if all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return "REAL"
    if not all(isinstance(v, str) for v in present):
        return "TEXT"
    if all(_INT.fullmatch(v) for v in present):
        return "INTEGER"
    if all(v.lower() in _BOOL for v in present):
        return "INTEGER"
    if any(_LEADING_ZERO.match(v) for v in present):
        return "TEXT"  # an identifier like "007", not a number
    try:
        for v in present:
            float(v)
    except ValueError:
        return "TEXT"
    return "REAL"


def _convert(value: Any, kind: str) -> Any:
    if value is None or not isinstance(value, str) or kind == "TEXT":
        return value
    if value.lower() in _BOOL:
        return _BOOL[value.lower()]
    return int(value) if kind == "INTEGER" else float(value)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create_table(
    con: sqlite3.Connection, table: str, columns: list[str], rows: list[dict[str, Any]]
) -> None:
    """CREATE TABLE with keys (documents.doc_id, events(doc_id, event_index)) and rows."""
    kinds = {c: _column_type(c, [r.get(c) for r in rows]) for c in columns}
    defs = [f"{_quote(c)} {kinds[c]}" for c in columns]
    if table == "documents" and "doc_id" in columns:
        defs[columns.index("doc_id")] += " PRIMARY KEY"
    elif table == "events" and {"doc_id", "event_index"} <= set(columns):
        defs.append("PRIMARY KEY (doc_id, event_index)")
    if table in ITEM_TABLES and "doc_id" in columns:
        defs.append("FOREIGN KEY (doc_id) REFERENCES documents(doc_id)")
    con.execute(f"CREATE TABLE {_quote(table)} ({', '.join(defs)})")
    placeholders = ", ".join("?" for _ in columns)
    cur = con.executemany(
        f"INSERT OR IGNORE INTO {_quote(table)} VALUES ({placeholders})",
        ([_convert(r.get(c), kinds[c]) for c in columns] for r in rows),
    )
    if cur.rowcount != len(rows):
        log.warning("%s: %d duplicate key rows skipped", table, len(rows) - cur.rowcount)


def _create_indexes(con: sqlite3.Connection, table: str, columns: list[str]) -> None:
    """Indexes on the join keys and the columns people filter on (documents and
    events are already indexed by their primary keys)."""
    wanted: list[tuple[str, ...]] = []
    if "doc_id" in columns and table not in ("documents", "events"):
        wanted.append(("doc_id", "event_index") if "event_index" in columns else ("doc_id",))
    wanted += [(c,) for c in INDEXED if c in columns]
    for cols in wanted:
        name = f"idx_{table}_{'_'.join(cols)}"
        con.execute(
            f"CREATE INDEX {_quote(name)} ON {_quote(table)} ({', '.join(map(_quote, cols))})"
        )


def collect_tables(out_dir: Path) -> dict[str, tuple[list[str], list[dict[str, Any]]]]:
    """Each table's columns and rows: from its CSV where present, else from the records."""
    records = list(read_jsonl(out_dir / "records.jsonl"))
    missing = [name for name in TABLES if not (out_dir / f"{name}.csv").exists()]
    flat = flatten(records) if missing else {}
    tables: dict[str, tuple[list[str], list[dict[str, Any]]]] = {}
    for name in TABLES:
        if name in missing:
            tables[name] = (list(FLAT_COLUMNS[name]), flat[name])
        else:
            tables[name] = _read_csv(out_dir / f"{name}.csv")
    columns, rows = tables["documents"]
    if "text" not in columns:
        texts = {r["doc_id"]: r.get("text") for r in records}
        for row in rows:
            row["text"] = texts.get(row.get("doc_id"))
        tables["documents"] = ([*columns, "text"], rows)
    errors = [{c: e.get(c) for c in ERROR_COLUMNS} for e in read_jsonl(out_dir / "errors.jsonl")]
    tables["errors"] = (list(ERROR_COLUMNS), errors)
    return tables


def write_db(out_dir: Path) -> Path:
    """Build out_dir/communique.db from the run's outputs (temp file, then rename)."""
    out_dir = Path(out_dir)
    target = out_dir / DB_NAME
    fd, tmp_name = tempfile.mkstemp(prefix=".communique-", suffix=".db.tmp", dir=out_dir)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        con = sqlite3.connect(tmp)
        try:
            with con:
                for table, (columns, rows) in collect_tables(out_dir).items():
                    _create_table(con, table, columns, rows)
                    _create_indexes(con, table, columns)
        finally:
            con.close()
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
