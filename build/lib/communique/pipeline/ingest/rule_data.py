"""Ingest's own word lists, in `ingest/data/`, apart from the extraction rule data.

They are validated at load like every rule file (`rules.load_rows`). They are
not part of `rules.rules_fingerprint()`; the run's cache adds their own
fingerprint (`data_fingerprint`), since the header keys also decide what
extraction reads as a header.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from communique.pipeline.rules import load_rows, rules_fingerprint

DATA_DIR = Path(__file__).parent / "data"

RowT = TypeVar("RowT", bound=BaseModel)


def load_ingest_rows(name: str, model: type[RowT]) -> list[RowT]:
    """Rows of `ingest/data/<name>`, each validated with `model`."""
    return load_rows(name, model, data_dir=DATA_DIR)


def data_fingerprint() -> str:
    """Hash of ingest's data files (part of the cache key, like the rule data's)."""
    return rules_fingerprint(DATA_DIR)
