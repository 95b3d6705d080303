"""metadata.json beside communique.db: what each table and column means, for Datasette.

The descriptions live in data/columns.yaml (one place for the README, the CSV
tables and the database); a table or column missing there, or described
twice, is a ColumnsError when the metadata is built, so a new column cannot
ship undocumented. Full-text search (db.py's FTS5 tables) is declared here so
Datasette shows a search box on documents and topics.
"""

from __future__ import annotations

import json
import os
import sqlite3
import tempfile
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from communique.pipeline.linking import stage
from communique.pipeline.linking.tables import CLUSTER_COLUMNS, PERSON_COLUMNS
from communique.pipeline.writers import export

COLUMNS_FILE = Path(__file__).parent / "data" / "columns.yaml"
METADATA_NAME = "metadata.json"
ERROR_COLUMNS = ("input", "doc_id", "reason", "hint")
DB_ONLY = {"documents": ("text",)}
# The linking stage's tables (linking/tables.py, writers/linked_db.py), in every format
# but the last three, which only communique.db has.
LINKED_TABLES: dict[str, tuple[str, ...]] = {
    "persons": tuple(PERSON_COLUMNS),
    "event_clusters": tuple(CLUSTER_COLUMNS),
    "person_variants": ("person_id", "variant"),
    "person_roles": ("person_id", "role", "category", "count", "first", "last"),
    "event_cluster_members": ("event_cluster_id", "doc_id", "event_index"),
}
# (table, its FTS5 table, the columns searched): built in db.py, declared here
SEARCH = {"documents": ("documents_fts", ("title", "text")), "topics": ("topics_fts", ("text",))}


class ColumnsError(ValueError):
    """columns.yaml does not describe exactly the tables' columns."""


class TableDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str
    columns: dict[str, str]


def table_columns() -> dict[str, tuple[str, ...]]:
    """Every table's columns in the database (the CSV columns with the linking ones, plus
    the db-only ones)."""
    record_tables = {**export.TABLES, "events": stage.EVENT_TABLE,
                     "participants": stage.PARTICIPANT_TABLE}
    tables = {name: cols + DB_ONLY.get(name, ()) for name, cols in record_tables.items()}
    return {**tables, "errors": ERROR_COLUMNS, **LINKED_TABLES}


def load_descriptions(path: Path = COLUMNS_FILE) -> dict[str, TableDoc]:
    """columns.yaml, checked against the tables (ColumnsError naming what differs)."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    try:
        docs = {name: TableDoc.model_validate(body) for name, body in raw.items()}
    except ValidationError as exc:
        raise ColumnsError(f"{path}: {exc}") from exc
    for name, columns in table_columns().items():
        described = tuple(docs[name].columns) if name in docs else ()
        if described != columns:
            raise ColumnsError(f"{path}: {name}: columns {described} differ from {columns}")
    extra = set(docs) - set(table_columns())
    if extra:
        raise ColumnsError(f"{path}: tables not in the database: {sorted(extra)}")
    return docs


def metadata(db_name: str, present: set[str] | None = None,
             columns: dict[str, set[str]] | None = None) -> dict:
    """Datasette's metadata for the database file `db_name` (stem = Datasette's name).

    `present`: the tables the database has (a run not linked has no persons), and
    `columns` per table the columns it has: only those are described.
    """
    tables = {}
    for name, doc in load_descriptions().items():
        if present is not None and name not in present:
            continue
        described = {c: text for c, text in doc.columns.items()
                     if columns is None or name not in columns or c in columns[name]}
        entry: dict = {"description": doc.description, "columns": described}
        if name in SEARCH:
            entry["fts_table"] = SEARCH[name][0]
        tables[name] = entry
    for name, (fts, columns) in SEARCH.items():
        tables[fts] = {"description": f"Full-text search (SQLite FTS5) over {name}: "
                                      + ", ".join(columns) + ".", "hidden": True}
    return {
        "title": "Communique: events from diplomatic press releases",
        "description": "Tables of a communique run. Search documents and topics by word; "
                       "items join their event by (doc_id, event_index).",
        "databases": {Path(db_name).stem: {"tables": tables}},
    }


def _schema(path: Path) -> tuple[set[str] | None, dict[str, set[str]] | None]:
    """The tables of the database and the columns of each (None, None: unreadable)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {name for (name,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            return tables, {t: {row[1] for row in con.execute(f'PRAGMA table_info("{t}")')}
                            for t in tables}
        finally:
            con.close()
    except sqlite3.Error:
        return None, None


def write_metadata(out_dir: Path, db_name: str) -> Path:
    """out_dir/metadata.json (temp file, then rename)."""
    target = out_dir / METADATA_NAME
    fd, tmp = tempfile.mkstemp(prefix=".metadata-", suffix=".tmp", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(metadata(db_name, *_schema(out_dir / db_name)), fh, indent=2,
                      ensure_ascii=False)
            fh.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
