"""A task for the Dask tests, importable by the worker processes: it kills its worker when a
document carries the marker, as a document that exhausts a worker's memory would."""

from __future__ import annotations

import os
from typing import Any

from communique.pipeline.run.dask_executor import run_chunk

MARKER = "[kills its worker]"


def killing_chunk(docs_json: list[str], settings_json: str) -> dict[str, Any]:
    if any(MARKER in line for line in docs_json):
        os._exit(1)
    return run_chunk(docs_json, settings_json)
