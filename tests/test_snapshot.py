"""The stored run: a refactoring leaves every record byte-identical.

`tests/snapshots/` holds the records of `communique run corpus/releases` and a
digest of each record of the runs over ../shared/corpus, made by
`tests/snapshots/make_snapshot.py` before the change. A change of behaviour
that is meant regenerates them, and its diff shows what changed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "snapshots"))
import make_snapshot

pytestmark = pytest.mark.slow


def test_corpus_records_are_byte_identical(tmp_path: Path) -> None:
    stored = (make_snapshot.HERE / "corpus_records.jsonl").read_text(encoding="utf-8")
    lines = make_snapshot.run_records(make_snapshot.CORPUS_INPUT, tmp_path / "corpus")
    changed = [json.loads(new)["doc_id"] for new, old in zip(lines, stored.splitlines(),
                                                              strict=False) if new != old]
    assert len(lines) == len(stored.splitlines())
    assert changed == []


@pytest.mark.parametrize("name", sorted(make_snapshot.SHARED_INPUTS))
def test_shared_records_are_byte_identical(name: str, tmp_path: Path) -> None:
    path = make_snapshot.SHARED_INPUTS[name]
    if not path.exists():
        pytest.skip(f"{path} not here")
    stored = json.loads((make_snapshot.HERE / "shared_digests.json").read_text())[name]
    found = make_snapshot.digests(make_snapshot.run_records(path, tmp_path / name))
    assert sorted(found) == sorted(stored)
    assert [doc for doc in sorted(found) if found[doc] != stored[doc]] == []
