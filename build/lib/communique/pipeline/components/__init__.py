"""Communique's stages as spaCy components, one folder each (see docs/ARCHITECTURE.md).

The names below are loaded on first use (PEP 562), not when the package is
imported: ingest reads the calendar table of `components.dates.lexicon`, and
the record component reads ingest's dateline, so importing every component
with the package would make a cycle.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from communique.pipeline.components.context import DocContext, make_doc, nlp_text
    from communique.pipeline.components.pipeline import COMPONENTS, build, extract

_HOME = {"DocContext": "context", "make_doc": "context", "nlp_text": "context",
         "COMPONENTS": "pipeline", "build": "pipeline", "extract": "pipeline"}

__all__ = ["COMPONENTS", "DocContext", "build", "extract", "make_doc", "nlp_text"]


def __getattr__(name: str) -> Any:
    if name not in _HOME:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
