"""One atomic commit: a reader sees the old complete run or the new one, never a mix.

Each run's outputs are staged, then switched in by writers/commit.py; the
process is killed (os._exit, no cleanup) after each step of the commit.
"""

from __future__ import annotations

import multiprocessing
import os
from pathlib import Path

import pytest

from communique.pipeline.writers.commit import Staging, current_run

NAMES = ("records.jsonl", "events.csv", "communique.db", "report/index.html")
STEPS = ("renamed", "linked", "switched", "cleaned")


def _stage(out: Path, tag: str, names=NAMES) -> Staging:
    staging = Staging(out)
    for name in names:
        (staging.path / name).parent.mkdir(parents=True, exist_ok=True)
        (staging.path / name).write_text(tag, encoding="utf-8")
    return staging


def _seen(out: Path) -> dict[str, str | None]:
    """What a reader opening OUT/<name> reads now."""
    return {name: (out / name).read_text(encoding="utf-8") if (out / name).exists() else None
            for name in NAMES}


def _commit_and_die(out: str, at: str) -> None:
    def die(step: str) -> None:
        if step == at:
            os._exit(9)

    _stage(Path(out), "new").commit(die)
    os._exit(0)


def test_first_commit_makes_every_output_readable(tmp_path):
    written = _stage(tmp_path, "one").commit()
    assert _seen(tmp_path) == dict.fromkeys(NAMES, "one")
    assert written == sorted(tmp_path / name for name in NAMES)
    assert current_run(tmp_path).name.startswith(".run-")


@pytest.mark.parametrize("at", STEPS)
def test_a_kill_after_any_step_leaves_old_or_new_complete(tmp_path, at):
    _stage(tmp_path, "old").commit()
    process = multiprocessing.get_context("fork").Process(
        target=_commit_and_die, args=(str(tmp_path), at))
    process.start()
    process.join(60)
    assert process.exitcode == 9
    expected = "old" if STEPS.index(at) < STEPS.index("switched") else "new"
    assert _seen(tmp_path) == dict.fromkeys(NAMES, expected)

    _stage(tmp_path, "next").commit()  # the next run cleans up and commits as usual
    assert _seen(tmp_path) == dict.fromkeys(NAMES, "next")
    hidden = sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("."))
    assert hidden == [".current", current_run(tmp_path).name]


def test_an_output_the_new_run_did_not_make_is_removed(tmp_path):
    _stage(tmp_path, "old").commit()
    _stage(tmp_path, "new", names=("records.jsonl", "events.csv")).commit()
    assert _seen(tmp_path) == {"records.jsonl": "new", "events.csv": "new",
                               "communique.db": None, "report/index.html": None}
    assert not os.path.lexists(tmp_path / "report")


def test_plain_files_of_an_older_layout_are_replaced(tmp_path):
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "index.html").write_text("legacy", encoding="utf-8")
    (tmp_path / "records.jsonl").write_text("legacy", encoding="utf-8")
    _stage(tmp_path, "new").commit()
    assert _seen(tmp_path) == dict.fromkeys(NAMES, "new")


def test_abort_leaves_the_folder_as_it_was(tmp_path):
    _stage(tmp_path, "old").commit()
    before = sorted(p.name for p in tmp_path.iterdir())
    _stage(tmp_path, "new").abort()
    assert sorted(p.name for p in tmp_path.iterdir()) == before
    assert _seen(tmp_path) == dict.fromkeys(NAMES, "old")
