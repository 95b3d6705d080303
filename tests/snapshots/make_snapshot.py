"""Write the stored run that `tests/test_snapshot.py` compares every change against.

Run it only when a change of behaviour is meant (a new rule, a fixed bug): the
diff of `corpus_records.jsonl` then shows what the change did to each record.
`../shared/corpus` is real text that must not be copied into the project, so of
its runs only a digest per record is stored.

    .venv/bin/python tests/snapshots/make_snapshot.py
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SHARED = ROOT.parent / "shared" / "corpus"
CORPUS_INPUT = ROOT / "corpus" / "releases"
SHARED_INPUTS = {
    "seed": SHARED / "seed" / "releases",
    "kremlin": SHARED / "kremlin" / "releases.jsonl",
    "ukraine": SHARED / "ukraine" / "releases.jsonl",
}


def run_records(source: Path, out: Path) -> list[str]:
    """The records.jsonl lines of a fresh, uncached run of `communique run`."""
    exe = Path(sys.executable).parent / "communique"
    subprocess.run([str(exe), "run", str(source), "--out", str(out), "--no-cache", "--quiet"],
                   check=True, capture_output=True)
    return (out / "records.jsonl").read_text(encoding="utf-8").splitlines()


def digests(lines: list[str]) -> dict[str, str]:
    """doc_id -> sha256 of its record line."""
    return {json.loads(line)["doc_id"]: hashlib.sha256(line.encode()).hexdigest()
            for line in lines}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        lines = run_records(CORPUS_INPUT, Path(tmp) / "corpus")
        (HERE / "corpus_records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        shared = {name: digests(run_records(path, Path(tmp) / name))
                  for name, path in SHARED_INPUTS.items() if path.exists()}
    (HERE / "shared_digests.json").write_text(json.dumps(shared, indent=1, sort_keys=True) + "\n",
                                              encoding="utf-8")


if __name__ == "__main__":
    main()
