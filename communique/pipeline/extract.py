"""Assemble a DocumentRecord from the stages' findings on one processed Doc.

(Skeleton: the lead is filling this in. Signature is stable.)
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from communique.models import DocumentRecord, RawDocument
from communique.pipeline.settings import Settings


@dataclass
class Resources:
    """Everything heavy, built once per process and shared by all documents."""

    nlp: Language
    settings: Settings

    @classmethod
    def load(cls, settings: Settings | None = None) -> Resources:
        from communique.pipeline.nlp import load_nlp

        settings = settings or Settings()
        return cls(nlp=load_nlp(settings.model), settings=settings)


def extract_record(raw: RawDocument, doc: Doc, resources: Resources) -> DocumentRecord:
    """The record of one release: a pure function of (text, metadata, settings)."""
    return DocumentRecord(
        doc_id=raw.doc_id,
        source=raw.source,
        title=raw.title,
        published=raw.published,
        language="en",
        events=[],
        text=raw.text,
        url=raw.url,
        warnings=list(raw.warnings),
    )
