"""run.json's account of a run: counts, timings, executor, cache, versions, settings."""

from __future__ import annotations

import dataclasses
import importlib.metadata
import platform
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.pipeline.run.cache import model_version
from communique.pipeline.run.executors import LazyExecutor
from communique.pipeline.settings import Settings

if TYPE_CHECKING:
    from communique.pipeline.run.orchestrate import Stats
    from communique.pipeline.writers.export import Counts


def versions(settings: Settings) -> dict[str, str]:
    """Versions of what made the records (communique, spaCy, the model, Python)."""

    def dist(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "unknown"

    return {
        "communique": dist("communique"),
        "spacy": dist("spacy"),
        "model": f"{settings.model}=={model_version(settings.model)}",
        "python": platform.python_version(),
    }


def run_info(inputs: list[Path], settings: Settings, counts: Counts, stats: Stats,
             first_record: float | None, started_at: float, use_cache: bool,
             executor: LazyExecutor) -> dict[str, Any]:
    """The contents of run.json (the notes are added by the runner)."""
    used = executor.executor
    return {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started_at)),
        "inputs": [str(p) for p in inputs],
        "counts": {**dataclasses.asdict(counts), "inputs": counts.documents + counts.failed,
                   "cached": stats.cached, "processed": stats.processed},
        "timings_seconds": {
            "wall": {k: round(v, 4) for k, v in sorted(stats.wall.items())},
            "workers_summed": {k: round(v, 4) for k, v in sorted(stats.workers.items())},
            "first_record": round(first_record, 4) if first_record is not None else None,
        },
        "executor": {
            "kind": type(used).__name__ if used else "none (every document cached)",
            "workers": settings.workers,
            "start_method": getattr(used, "start_method", None),
        },
        "cache": use_cache,
        "versions": versions(settings),
        "settings": settings.model_dump(mode="json"),
    }
