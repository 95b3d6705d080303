"""communique.db: the run's tables in SQLite, for Datasette or any SQL tool.

The tables are the CSV tables of the output folder (same names, columns and
keys: every item row has `doc_id` and `event_index`), built from
records.jsonl with export's own row builders, so they match the CSVs by
construction and keep real types (the CSV cells are strings, and escaped
against spreadsheet formulas). `errors` comes from errors.jsonl, and
`documents` also gets the document `text`: a reviewer in Datasette wants to
read the sentence a row came from.

Nothing holds the whole run: column types come from a first streamed pass
over records.jsonl, rows from a second one, inserted in batches, so memory
stays flat at tens of thousands of documents.

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

from communique.pipeline.writers import datasette, export, linked_db

log = logging.getLogger(__name__)

DB_NAME = "communique.db"
ITEM_TABLES = ("events", "participants", "topics", "dyads")
ROW_BUILDERS: dict[str, Callable[[dict[str, Any]], Iterable[tuple]]] = {
    "documents": lambda record: [(*export.document_row(record), record.get("text"))],
    "events": export.event_rows,
    "participants": export.participant_rows,
    "topics": export.topic_rows,
    "dyads": export.dyad_rows,
}
ERROR_COLUMNS = ("input", "doc_id", "reason", "hint")
INDEXED = (
    "name", "country", "location_country", "country_code", "type", "date_start",
    "role_category", "reason",
)
Table = tuple[list[str], list[tuple]]
BATCH = 1000  # rows per executemany: memory stays flat however long records.jsonl is


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
    kind = _ColumnKind(name)
    for value in values:
        kind.see(value)
    return kind.sql()


class _ColumnKind:
    """The SQLite type of one column, decided from its values seen one at a time.

    Why incremental: the tables are streamed from records.jsonl, so the types
    are settled in a first pass that keeps only these flags, not the rows.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.present = self.integers = self.numbers = False
        self.other = False

    def see(self, value: Any) -> None:
        if value is None:
            return
        self.present = True
        if isinstance(value, bool | int):
            self.integers = True
        elif isinstance(value, float):
            self.numbers = True
        else:
            self.other = True

    def sql(self) -> str:
        if self.name == "doc_id":
            return "TEXT"
        if self.name == "event_index":
            return "INTEGER"
        if not self.present or self.other:
            return "TEXT"
        return "REAL" if self.numbers else "INTEGER"


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _define_table(con: sqlite3.Connection, table: str, columns: list[str],
                  kinds: list[str]) -> None:
    defs = [f"{_quote(c)} {k}" for c, k in zip(columns, kinds, strict=True)]
    if table == "documents":
        defs[columns.index("doc_id")] += " PRIMARY KEY"
    elif table == "events":
        defs.append("PRIMARY KEY (doc_id, event_index)")
    if table in ITEM_TABLES:
        defs.append("FOREIGN KEY (doc_id) REFERENCES documents(doc_id)")
    defs += _item_keys(table)
    con.execute(f"CREATE TABLE {_quote(table)} ({', '.join(defs)})")


# an item's key: its event's key and its own index; its event by a foreign key
ITEM_KEYS = {"participants": "participant_index", "topics": "topic_index"}


def _item_keys(table: str) -> list[str]:
    """Primary and foreign keys of participants and topics: one row per item of an
    event, and every item joins its event (Datasette links them)."""
    if table not in ITEM_KEYS:
        return []
    return [f"PRIMARY KEY (doc_id, event_index, {ITEM_KEYS[table]})",
            "FOREIGN KEY (doc_id, event_index) REFERENCES events(doc_id, event_index)"]


def _create_search(con: sqlite3.Connection) -> None:
    """FTS5 tables over the release text and titles and over the topics (external
    content: the words are indexed, the text is not stored twice)."""
    for table, (fts, columns) in datasette.SEARCH.items():
        cols = ", ".join(map(_quote, columns))
        con.execute(f"CREATE VIRTUAL TABLE {_quote(fts)} USING fts5({cols}, "
                    f"content={_quote(table)}, content_rowid='rowid')")
        con.execute(f"INSERT INTO {_quote(fts)}({_quote(fts)}) VALUES ('rebuild')")


class _Inserter:
    """Rows of one table, inserted BATCH at a time; counts rows a duplicate key skipped."""

    def __init__(self, con: sqlite3.Connection, table: str, width: int) -> None:
        self.con = con
        self.table = table
        placeholders = ", ".join("?" for _ in range(width))
        self.sql = f"INSERT OR IGNORE INTO {_quote(table)} VALUES ({placeholders})"
        self.batch: list[tuple] = []
        self.offered = self.inserted = 0

    def add(self, row: tuple) -> None:
        self.batch.append(row)
        if len(self.batch) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if self.batch:
            self.offered += len(self.batch)
            self.inserted += self.con.executemany(self.sql, self.batch).rowcount
            self.batch = []

    def finish(self) -> None:
        self.flush()
        if self.inserted != self.offered:
            log.warning("%s: %d rows with a duplicate key skipped", self.table,
                        self.offered - self.inserted)


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


def _columns(name: str) -> list[str]:
    return [*export.TABLES[name], *(["text"] if name == "documents" else [])]


def _table_rows(out_dir: Path, name: str) -> Iterator[tuple]:
    """One table's rows, streamed from records.jsonl (or errors.jsonl)."""
    if name == "errors":
        for error in read_jsonl(out_dir / "errors.jsonl"):
            yield tuple(error.get(c) for c in ERROR_COLUMNS)
        return
    build = ROW_BUILDERS[name]
    for record in read_jsonl(out_dir / "records.jsonl"):
        yield from build(record)


TABLE_NAMES = (*ROW_BUILDERS, "errors")


def _table_columns(name: str) -> list[str]:
    return list(ERROR_COLUMNS) if name == "errors" else _columns(name)


def column_kinds(out_dir: Path) -> dict[str, list[str]]:
    """Every table's column types, from one streamed pass over the outputs."""
    kinds = {name: [_ColumnKind(c) for c in _table_columns(name)] for name in TABLE_NAMES}

    def see(name: str, rows: Iterable[tuple]) -> None:
        for row in rows:
            for kind, value in zip(kinds[name], row, strict=True):
                kind.see(value)

    for record in read_jsonl(out_dir / "records.jsonl"):
        for name, build in ROW_BUILDERS.items():
            see(name, build(record))
    see("errors", _table_rows(out_dir, "errors"))
    return {name: [k.sql() for k in column] for name, column in kinds.items()}


def collect_tables(out_dir: Path) -> dict[str, Table]:
    """Each table's columns and rows, from records.jsonl and errors.jsonl (all in memory:
    for tests and small folders; write_db streams)."""
    return {name: (_table_columns(name), list(_table_rows(out_dir, name)))
            for name in TABLE_NAMES}


def _fill(con: sqlite3.Connection, out_dir: Path) -> None:
    """Create every table and stream the rows in: one pass for the column types,
    one pass over records.jsonl feeding all four record tables."""
    kinds = column_kinds(out_dir)
    inserters: dict[str, _Inserter] = {}
    for table in TABLE_NAMES:
        columns = _table_columns(table)
        _define_table(con, table, columns, kinds[table])
        inserters[table] = _Inserter(con, table, len(columns))
    for record in read_jsonl(out_dir / "records.jsonl"):
        for table, build in ROW_BUILDERS.items():
            for row in build(record):
                inserters[table].add(row)
    for row in _table_rows(out_dir, "errors"):
        inserters["errors"].add(row)
    for table, inserter in inserters.items():
        inserter.finish()
        _create_indexes(con, table, _table_columns(table))
    linked_db.add_linked_tables(con, out_dir)  # persons, event clusters (linking stage)
    _create_search(con)


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
                _fill(con, out_dir)
        finally:
            con.close()
        readable_mode(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    datasette.write_metadata(out_dir, DB_NAME)
    return target
