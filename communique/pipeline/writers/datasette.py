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
import tempfile
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

from communique.pipeline.writers import export

COLUMNS_FILE = Path(__file__).parent / "data" / "columns.yaml"
METADATA_NAME = "metadata.json"
ERROR_COLUMNS = ("input", "doc_id", "reason", "hint")
DB_ONLY = {"documents": ("text",)}
# (table, its FTS5 table, the columns searched): built in db.py, declared here
SEARCH = {"documents": ("documents_fts", ("title", "text")), "topics": ("topics_fts", ("text",))}


class ColumnsError(ValueError):
    """columns.yaml does not describe exactly the tables' columns."""


class TableDoc(BaseModel):
    model_config = ConfigDict(extra="forbid")

    description: str
    columns: dict[str, str]


def table_columns() -> dict[str, tuple[str, ...]]:
    """Every table's columns in the database (the CSV columns, plus the db-only ones)."""
    tables = {name: cols + DB_ONLY.get(name, ()) for name, cols in export.TABLES.items()}
    return {**tables, "errors": ERROR_COLUMNS}


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


def metadata(db_name: str) -> dict:
    """Datasette's metadata for the database file `db_name` (stem = Datasette's name)."""
    tables = {}
    for name, doc in load_descriptions().items():
        entry: dict = {"description": doc.description, "columns": doc.columns}
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


def write_metadata(out_dir: Path, db_name: str) -> Path:
    """out_dir/metadata.json (temp file, then rename)."""
    target = out_dir / METADATA_NAME
    fd, tmp = tempfile.mkstemp(prefix=".metadata-", suffix=".tmp", dir=out_dir)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(metadata(db_name), fh, indent=2, ensure_ascii=False)
            fh.write("\n")
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
