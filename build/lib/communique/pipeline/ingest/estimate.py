"""A cheap count of the documents in some inputs, for a progress bar's ETA.

It only counts files and lines; ingest (sources.py) has the final say on what
each of them becomes.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path


def estimate_total(inputs: Iterable[Path]) -> int | None:
    """A cheap count of documents for the progress bar's ETA (ingest has the final say)."""
    total = 0
    try:
        for path in inputs:
            if path.is_dir():
                total += sum(1 for p in path.rglob("*")
                             if p.is_file() and not p.name.startswith("."))
            elif path.suffix.lower() == ".jsonl":
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif path.suffix.lower() == ".csv":
                with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                    total += max(sum(1 for _ in csv.reader(handle)) - 1, 0)
            else:
                total += 1
    except (OSError, csv.Error):
        return None
    return total or None
