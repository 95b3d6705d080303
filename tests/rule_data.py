"""A component's rule data with one row added, for tests of start-up validation."""

from __future__ import annotations

import shutil
from pathlib import Path


def with_row(data_dir: Path, file: str, row: str, tmp_path: Path) -> tuple[Path, int]:
    """A copy of `data_dir` under `tmp_path` whose `file` ends with `row`: the copy's
    folder (for the component's `data_dir` setting) and the row's line number."""
    copy = tmp_path / data_dir.parent.name
    shutil.copytree(data_dir, copy)
    lines = (copy / file).read_text(encoding="utf-8").splitlines()
    lines.append(row)
    (copy / file).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return copy, len(lines)
