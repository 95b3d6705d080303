"""communique.db: the run's tables in SQLite, for Datasette or any SQL tool.

The tables are the CSV tables of the output folder (same names, columns and
keys: every item row has `doc_id` and `event_index`), built from
records.jsonl with export's own row builders, so they match the CSVs by
construction and keep real types (the CSV cells are strings, and escaped
against spreadsheet formulas). `errors` comes from errors.jsonl, and
`documents` also gets the document `text`: a reviewer in Datasette wants to
read the sentence a row came from.

The file is written to a temp name in the same folder, then renamed, so a
reader never sees half a database.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from communique.pipeline import export

log = logging.getLogger(__name__)

DB_NAME = "communique.db"
ITEM_TABLES = ("events", "participants", "topics")
ROW_BUILDERS: dict[str, Callable[[dict[str, Any]], Iterable[tuple]]] = {
    "documents": lambda record: [(*export.document_row(record), record.get("text"))],
    "events": export.event_rows,
    "participants": export.participant_rows,
    "topics": export.topic_rows,
}
ERROR_COLUMNS = ("input", "doc_id", "reason", "hint")
INDEXED = (
    "name", "country", "location_country", "country_code", "type", "date_start",
    "role_category", "reason",
)
Table = tuple[list[str], list[tuple]]


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


def _column_type(name: str, values: Iterable[Any]) -> str:
    """SQLite type of a column: the keys fixed, others from the Python values."""
    if name == "doc_id":
        return "TEXT"
    if name == "event_index":
        return "INTEGER"
    present = [v for v in values if v is not None]
    if not present:
        return "TEXT"
    if all(isinstance(v, bool | int) for v in present):
        return "INTEGER"
    if all(isinstance(v, int | float) for v in present):
        return "REAL"
    return "TEXT"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create_table(
    con: sqlite3.Connection, table: str, columns: list[str], rows: list[tuple]
) -> None:
    """CREATE TABLE with keys (documents.doc_id, events(doc_id, event_index)) and rows."""
    kinds = [_column_type(c, (row[i] for row in rows)) for i, c in enumerate(columns)]
    defs = [f"{_quote(c)} {k}" for c, k in zip(columns, kinds, strict=True)]
    if table == "documents":
        defs[columns.index("doc_id")] += " PRIMARY KEY"
    elif table == "events":
        defs.append("PRIMARY KEY (doc_id, event_index)")
    if table in ITEM_TABLES:
        defs.append("FOREIGN KEY (doc_id) REFERENCES documents(doc_id)")
    con.execute(f"CREATE TABLE {_quote(table)} ({', '.join(defs)})")
    placeholders = ", ".join("?" for _ in columns)
    cur = con.executemany(f"INSERT OR IGNORE INTO {_quote(table)} VALUES ({placeholders})", rows)
    if cur.rowcount != len(rows):
        log.warning("%s: %d rows with a duplicate key skipped", table, len(rows) - cur.rowcount)


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


def collect_tables(out_dir: Path) -> dict[str, Table]:
    """Each table's columns and rows, from records.jsonl and errors.jsonl."""
    records = list(read_jsonl(out_dir / "records.jsonl"))
    tables: dict[str, Table] = {}
    for name, build in ROW_BUILDERS.items():
        columns = [*export.TABLES[name], *(["text"] if name == "documents" else [])]
        tables[name] = (columns, [row for record in records for row in build(record)])
    errors = [tuple(e.get(c) for c in ERROR_COLUMNS) for e in read_jsonl(out_dir / "errors.jsonl")]
    tables["errors"] = (list(ERROR_COLUMNS), errors)
    return tables


def readable_mode(path: Path) -> None:
    """Give a temp file (mkstemp makes it 0600) the mode a plain open() would (umask)."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


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
        readable_mode(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
