"""Cache of finished records, so an unchanged re-run skips spaCy altogether.

A record is a pure function of (text, metadata, settings) and the pipeline
that made it, so it is keyed by a sha256 of the document's text and metadata
plus the pipeline version: communique's version, the fingerprints of its code, of the rule
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

import contextlib
import functools
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
        code_fingerprint(),  # an edited or upgraded module must not serve old records
        data_fingerprint(),  # ingest's header keys also decide what extraction reads
        settings.model,
        model_version(settings.model),
        settings.cache_key(),
        f"py{sys.version_info.major}.{sys.version_info.minor}",
    ]
    return "|".join(parts)


@functools.cache
def code_fingerprint() -> str:
    """Hash of the package's Python sources: the version string alone does not change
    when the code does (an editable install, a patched module)."""
    root = Path(communique.__file__).parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


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


def row_checksum(key: str, line: str) -> str:
    """sha256 binding a record line to the key it was made for."""
    return hashlib.sha256(f"{key}\n{line}".encode("utf-8", "surrogatepass")).hexdigest()


_COLUMNS = ["key", "version", "line", "checksum"]


class RecordCache:
    """sqlite table key -> record JSON line; `enabled=False` makes every call a no-op.

    A cache that cannot lie: each row carries the key it was made for and a
    checksum of (key, line); a row that fails the check is deleted and its
    document re-processed, and a cache file that cannot be read (truncated,
    garbage, another schema) is discarded and started afresh. Either way the
    run goes on, with one warning in `warnings` (run.json notes, the summary).
    """

    def __init__(self, out_dir: Path, version: str, enabled: bool = True) -> None:
        self.version = version
        self.enabled = enabled
        self.hits = 0
        self.misses = 0
        self.bad_rows = 0
        self.warnings: list[str] = []
        self._pending = 0
        self._db: sqlite3.Connection | None = None
        self._path = out_dir / CACHE_DIR / CACHE_FILE
        if enabled:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as exc:
                self._discard(exc)

    def _open(self) -> sqlite3.Connection:
        db = sqlite3.connect(self._path)
        try:
            columns = [row[1] for row in db.execute("PRAGMA table_info(records)")]
            if columns and columns != _COLUMNS:  # an older layout: rows without checksums
                db.execute("DROP TABLE records")
            db.execute("CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, "
                       "version TEXT NOT NULL, line TEXT NOT NULL, checksum TEXT NOT NULL)")
            db.commit()
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def _discard(self, exc: Exception) -> None:
        """The cache file cannot be read: start a fresh one (or run without a cache)."""
        self.warnings.append(f"cache {self._path} could not be read ({exc}); discarded, "
                             "its documents are processed again")
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
        for suffix in ("", "-journal", "-wal", "-shm"):
            Path(f"{self._path}{suffix}").unlink(missing_ok=True)
        try:
            self._db = self._open()
        except sqlite3.DatabaseError:
            self._db = None

    def key(self, raw: RawDocument) -> str:
        return document_key(raw, self.version)

    def get(self, key: str) -> str | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT key, line, checksum FROM records WHERE key = ?",
                                   (key,)).fetchone()
        except sqlite3.DatabaseError as exc:
            self._discard(exc)
            row = None
        if row is not None and (row[0] != key or row[2] != row_checksum(key, row[1])):
            self._bad_row(key)
            row = None
        if row is None:
            self.misses += 1
            return None
        self.hits += 1
        return row[1]

    def _bad_row(self, key: str) -> None:
        """A row that fails its checksum is never published: deleted, one warning per run."""
        self.bad_rows += 1
        with contextlib.suppress(sqlite3.Error):
            assert self._db is not None
            self._db.execute("DELETE FROM records WHERE key = ?", (key,))
        if self.bad_rows == 1:
            self.warnings.append("cache: rows failing their checksum were discarded and "
                                 "their documents processed again")

    def put(self, key: str, line: str) -> None:
        if self._db is None:
            return
        try:
            self._db.execute(
                "INSERT OR REPLACE INTO records (key, version, line, checksum) "
                "VALUES (?, ?, ?, ?)", (key, self.version, line, row_checksum(key, line)))
        except sqlite3.DatabaseError as exc:
            self._discard(exc)
            return
        self._pending += 1
        if self._pending >= 256:
            self.commit()

    def commit(self) -> None:
        if self._db is not None and self._pending:
            try:
                self._db.commit()
            except sqlite3.DatabaseError as exc:
                self._discard(exc)
            self._pending = 0

    def prune(self) -> int:
        """Drop rows of other pipeline versions (after a complete run)."""
        if self._db is None:
            return 0
        try:
            deleted = self._db.execute("DELETE FROM records WHERE version != ?",
                                       (self.version,))
            self._db.commit()
        except sqlite3.DatabaseError as exc:
            self._discard(exc)
            return 0
        return deleted.rowcount

    def close(self) -> None:
        if self._db is not None:
            self.commit()
            with contextlib.suppress(sqlite3.Error):
                assert self._db is not None
                self._db.close()
            self._db = None
