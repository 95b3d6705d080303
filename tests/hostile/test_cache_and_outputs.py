"""A cache that cannot lie, and outputs that agree with each other.

Extraction is the real one; ingest is a stand-in source of RawDocuments.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest

from communique.models import RawDocument
from communique.pipeline import run
from communique.pipeline.run import cache, runner
from communique.pipeline.settings import Settings

TEXTS = ["On 3 May 2021 the Minister of Foreign Affairs of Peru met the Ambassador of Chile.",
         "On 4 May 2021 the Minister of Foreign Affairs of Norway met the Ambassador of Chile."]
DOCS = [RawDocument(doc_id=f"d{i}", source=f"in/d{i}.txt", text=t) for i, t in enumerate(TEXTS)]


def _run(out: Path, report: bool = False) -> run.RunResult:
    return run.run([Path("in")], out, Settings(workers=1), options={},
                   source=lambda inputs, options: iter(DOCS), report=report)


def _cache_file(out: Path) -> Path:
    return out / cache.CACHE_DIR / cache.CACHE_FILE


@pytest.fixture(scope="module")
def first(tmp_path_factory) -> tuple[Path, bytes]:
    out = tmp_path_factory.mktemp("first")
    _run(out)
    return out, (out / "records.jsonl").read_bytes()


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_an_unreadable_cache_file_is_discarded_with_one_warning(tmp_path, first, damage):
    out, records = first
    data = _cache_file(out).read_bytes()
    _cache_file(tmp_path).parent.mkdir(parents=True)
    _cache_file(tmp_path).write_bytes(b"not a database " * 300 if damage == "garbage"
                                      else data[: len(data) // 2])
    result = _run(tmp_path)
    assert (tmp_path / "records.jsonl").read_bytes() == records
    assert result.run_info["counts"]["cached"] == 0
    assert len([n for n in result.run_info["notes"] if "could not be read" in n]) == 1
    assert _run(tmp_path).run_info["counts"]["cached"] == 2  # the fresh cache works


def test_a_row_that_is_valid_json_but_not_this_documents_record_is_never_published(
        tmp_path, first):
    _, records = first
    _run(tmp_path)
    with sqlite3.connect(_cache_file(tmp_path)) as db:  # d1's row now holds d0's record
        rows = dict(db.execute("SELECT key, line FROM records"))
        keys = sorted(rows, key=lambda k: json.loads(rows[k])["doc_id"])
        db.execute("UPDATE records SET line = ? WHERE key = ?", (rows[keys[0]], keys[1]))
    result = _run(tmp_path)
    assert (tmp_path / "records.jsonl").read_bytes() == records
    assert (result.run_info["counts"]["cached"], result.run_info["counts"]["processed"]) == (1, 1)
    assert result.run_info["notes"] == [
        "cache: rows failing their checksum were discarded and their documents processed again"]


def test_a_cache_of_the_older_layout_without_checksums_is_not_trusted(tmp_path, first):
    _, records = first
    _cache_file(tmp_path).parent.mkdir(parents=True)
    with sqlite3.connect(_cache_file(tmp_path)) as db:
        db.execute("CREATE TABLE records (key TEXT PRIMARY KEY, version TEXT, line TEXT)")
        db.execute("INSERT INTO records VALUES (?, ?, ?)", ("k", "v", '{"doc_id": "fake"}'))
    result = _run(tmp_path)
    assert result.run_info["counts"]["cached"] == 0
    assert (tmp_path / "records.jsonl").read_bytes() == records


def test_no_report_removes_a_stale_report(tmp_path):
    _run(tmp_path, report=True)
    assert (tmp_path / "report" / "index.html").is_file()
    _run(tmp_path, report=False)
    assert not os.path.lexists(tmp_path / "report")


def test_a_failed_report_fails_the_run_and_keeps_the_old_outputs(tmp_path, monkeypatch):
    _run(tmp_path, report=True)
    before = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*")
              if p.is_file() and ".cache" not in p.parts}

    def broken(folder, name=None):
        raise RuntimeError("template missing")

    monkeypatch.setattr(runner, "build_report", broken)
    with pytest.raises(runner.OutputFailed, match=r"^report: build_report failed "
                       r"\(RuntimeError: template missing\); the previous outputs were kept$"):
        _run(tmp_path, report=True)
    after = {p.relative_to(tmp_path): p.read_bytes() for p in tmp_path.rglob("*")
             if p.is_file() and ".cache" not in p.parts}
    assert after == before


def test_records_tables_db_and_report_come_from_one_run(tmp_path):
    _run(tmp_path, report=True)
    run_dir = (tmp_path / ".current").resolve()
    for name in ("records.jsonl", "events.csv", "communique.db", "run.json", "report"):
        assert (tmp_path / name).resolve().parent == run_dir
    with sqlite3.connect(tmp_path / "communique.db") as db:
        ids = [row[0] for row in db.execute("SELECT doc_id FROM documents ORDER BY doc_id")]
    assert ids == ["d0", "d1"]
