"""Communique's stages as spaCy components, one folder each (see docs/ARCHITECTURE.md)."""

from communique.pipeline.components.context import DocContext, make_doc, nlp_text
from communique.pipeline.components.pipeline import COMPONENTS, build

__all__ = ["COMPONENTS", "DocContext", "build", "make_doc", "nlp_text"]
