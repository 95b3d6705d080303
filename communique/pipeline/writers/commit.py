"""One atomic commit for all the outputs of a run.

Why: a run writes several files (records.jsonl, the CSV tables, errors.jsonl,
run.json, communique.db, report/); renaming them into place one by one leaves
a mix of two runs when the process dies between two renames. Here every
writer writes into the staging folder it is given (`Staging.path`, inside
the output folder, so on the same file system), and `Staging.commit()`
switches the whole run in with ONE atomic step:

    OUT/.run-<id>/...            the complete files of one run
    OUT/.current -> .run-<id>    the pointer: replaced atomically (a symlink rename)
    OUT/records.jsonl -> .current/records.jsonl   stable links, one per output name

The steps of `commit` are (1) fsync and rename the staging folder to
`.run-<id>`, (2) add a stable link for any new output name (it dangles or
points into the old run until step 3), (3) replace `.current` — the switch,
(4) remove links whose target is gone (a table or report this run did not
make: `--no-report` removes a stale report) and the old run folders. A
process killed between any two steps leaves a reader the old complete run
(before 3) or the new complete run (after 3); leftovers are removed by the
next run. A reader that must read several files of one run consistently
opens them through `OUT/.current/` resolved once (`current_run(out)`).

New tables (another writer's persons.csv, parquet ...) need nothing here:
write them into `staging.path` before `commit()`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import time
from collections.abc import Callable, Iterator
from pathlib import Path

CURRENT = ".current"
RUN_PREFIX = ".run-"
STAGING_PREFIX = ".staging-"


class CommitError(OSError):
    """An output could not be written or switched in; the old outputs are kept."""


class Staging:
    """A staging folder in `out_dir`; `commit()` switches it in, `abort()` forgets it."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        out_dir.mkdir(parents=True, exist_ok=True)
        remove_leftovers(out_dir)
        self.path = out_dir / f"{STAGING_PREFIX}{os.getpid()}"
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir()
        self.committed = False

    def commit(self, after_step: Callable[[str], None] | None = None) -> list[Path]:
        """Switch the staged run in atomically; the paths (through OUT) of its files.

        `after_step`, when given, is called with each finished step's name
        ("renamed", "linked", "switched", "cleaned"): tests kill the process there.
        """
        steps = after_step or (lambda name: None)
        _fsync_tree(self.path)
        run_name = f"{RUN_PREFIX}{time.time_ns()}-{os.getpid()}"
        with _signals_deferred():
            os.rename(self.path, self.out_dir / run_name)
            steps("renamed")
            names = sorted(p.name for p in (self.out_dir / run_name).iterdir())
            for name in names:
                _ensure_link(self.out_dir, name)
            steps("linked")
            _switch(self.out_dir, run_name)
            steps("switched")
            self.committed = True
            remove_leftovers(self.out_dir)
            steps("cleaned")
        run_dir = self.out_dir / run_name
        return sorted(self.out_dir / p.relative_to(run_dir) for p in run_dir.rglob("*")
                      if p.is_file())

    def abort(self) -> None:
        """Forget this run's files; the outputs stay as they were before it."""
        shutil.rmtree(self.path, ignore_errors=True)


def current_run(out_dir: Path) -> Path | None:
    """The folder of the committed run (resolved once), or None before any commit."""
    pointer = out_dir / CURRENT
    return out_dir / os.readlink(pointer) if pointer.is_symlink() else None


def _link_target(name: str) -> str:
    return f"{CURRENT}/{name}"


def _ensure_link(out_dir: Path, name: str) -> None:
    """OUT/name -> .current/name, replacing a plain file or folder of an older layout."""
    link = out_dir / name
    target = _link_target(name)
    if link.is_symlink() and os.readlink(link) == target:
        return
    tmp = out_dir / f".link-{os.getpid()}-{name}"
    tmp.unlink(missing_ok=True)
    os.symlink(target, tmp)
    if link.is_dir() and not link.is_symlink():  # an older layout's real folder (report/)
        old = out_dir / f".old-{os.getpid()}-{name}"
        os.rename(link, old)
        shutil.rmtree(old, ignore_errors=True)
    os.replace(tmp, link)


def _switch(out_dir: Path, run_name: str) -> None:
    """The one atomic step: `.current` now names the new run."""
    tmp = out_dir / f"{CURRENT}.{os.getpid()}.new"
    tmp.unlink(missing_ok=True)
    os.symlink(run_name, tmp)
    os.replace(tmp, out_dir / CURRENT)
    _fsync_dir(out_dir)


def remove_leftovers(out_dir: Path) -> None:
    """Staging and run folders of dead or finished runs, links to outputs that are gone."""
    current = os.readlink(out_dir / CURRENT) if (out_dir / CURRENT).is_symlink() else None
    for path in out_dir.iterdir():
        name = path.name
        if name.startswith((STAGING_PREFIX, RUN_PREFIX, ".link-", ".old-")):
            if name == current or _owned_by_live_other(name):
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        elif path.is_symlink() and os.readlink(path) == _link_target(name) and not path.exists():
            path.unlink()


def _owned_by_live_other(name: str) -> bool:
    """A staging/run folder of another process still running (a concurrent run)."""
    pid = name.rsplit("-", 1)[-1]
    return pid.isdigit() and int(pid) != os.getpid() and _alive(int(pid))


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _fsync_tree(root: Path) -> None:
    """Every staged file on disk before the switch, so a power cut cannot publish holes."""
    for path in root.rglob("*"):
        if path.is_file():
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(root)


def _fsync_dir(path: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Block SIGINT/SIGTERM (delivered afterwards) so a commit is never half done."""
    signals = {signal.SIGINT, signal.SIGTERM}
    try:
        old = signal.pthread_sigmask(signal.SIG_BLOCK, signals)
    except (AttributeError, ValueError):  # not POSIX / not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
