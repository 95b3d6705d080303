"""Cache of finished records, so an unchanged re-run skips spaCy altogether.

A record is a pure function of (text, metadata, settings) and the pipeline
that made it, so it is keyed by a sha256 of the document's text and metadata
plus the pipeline version: communique's version, the fingerprints of the rule
data and of ingest's data, the spaCy model name and version, and
`Settings.cache_key()`. Changing any of them misses the cache; nothing has to
be invalidated by hand. The evaluation's data is not part of it: editing an
evaluation alias changes scores, never records.

It lives in the output folder (`<out>/.cache/records.sqlite`), one row per
record, holding the exact JSON line that was written, so a cached re-run is
byte-identical to the first. Rows are committed as documents finish: an
interrupted run leaves the finished ones behind and the next run resumes
from them. Rows of other pipeline versions are pruned after a complete run.
Nothing here imports spaCy: a run where every document hits the cache never
loads the model.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import sqlite3
import sys
from pathlib import Path

import communique
from communique.models import RawDocument
from communique.pipeline import rules
from communique.pipeline.ingest.rule_data import data_fingerprint
from communique.pipeline.settings import Settings

CACHE_DIR = ".cache"
CACHE_FILE = "records.sqlite"


def model_version(model: str) -> str:
    """Version of the spaCy model package (or a model folder's meta.json), without loading it."""
    try:
        return importlib.metadata.version(model)
    except importlib.metadata.PackageNotFoundError:
        meta = Path(model) / "meta.json"
        if meta.is_file():
            return str(json.loads(meta.read_text(encoding="utf-8")).get("version", "unknown"))
        return "unknown"


def pipeline_version(settings: Settings) -> str:
    """Everything besides the document itself that decides its record."""
    parts = [
        getattr(communique, "__version__", None) or _package_version(),
        rules.rules_fingerprint(),
        data_fingerprint(),  # ingest's header keys also decide what extraction reads
        settings.model,
        model_version(settings.model),
        settings.cache_key(),
        f"py{sys.version_info.major}.{sys.version_info.minor}",
    ]
    return "|".join(parts)


def _package_version() -> str:
    try:
        return importlib.metadata.version("communique")
    except importlib.metadata.PackageNotFoundError:
        return "0+unknown"


def document_key(raw: RawDocument, version: str) -> str:
    """sha256 of the pipeline version, the text and every metadata field of the input."""
    payload = json.dumps(
        [
            version, raw.doc_id, raw.source, raw.title, raw.published, raw.published_from,
            raw.url, list(raw.warnings), raw.text, raw.date_order,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hashlib.sha256(payload.encode("utf-8", "surrogatepass")).hexdigest()


class RecordCache:
    """sqlite table key -> record JSON line; `enabled=False` makes every call a no-op."""

    def __init__(self, out_dir: Path, version: str, enabled: bool = True) -> None:
        self.version = version
        self.enabled = enabled
        self.hits = 0
        self.misses = 0
        self._pending = 0
        self._db: sqlite3.Connection | None = None
        if enabled:
            folder = out_dir / CACHE_DIR
            folder.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(folder / CACHE_FILE)
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS records "
                "(key TEXT PRIMARY KEY, version TEXT NOT NULL, line TEXT NOT NULL)"
            )
            self._db.commit()

    def key(self, raw: RawDocument) -> str:
        return document_key(raw, self.version)

    def get(self, key: str) -> str | None:
        if self._db is None:
            return None
        row = self._db.execute("SELECT line FROM records WHERE key = ?", (key,)).fetchone()
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return row[0]

    def put(self, key: str, line: str) -> None:
        if self._db is None:
            return
        self._db.execute(
            "INSERT OR REPLACE INTO records (key, version, line) VALUES (?, ?, ?)",
            (key, self.version, line),
        )
        self._pending += 1
        if self._pending >= 256:
            self.commit()

    def commit(self) -> None:
        if self._db is not None and self._pending:
            self._db.commit()
            self._pending = 0

    def prune(self) -> int:
        """Drop rows of other pipeline versions (after a complete run)."""
        if self._db is None:
            return 0
        deleted = self._db.execute("DELETE FROM records WHERE version != ?", (self.version,))
        self._db.commit()
        return deleted.rowcount

    def close(self) -> None:
        if self._db is not None:
            self.commit()
            self._db.close()
            self._db = None
