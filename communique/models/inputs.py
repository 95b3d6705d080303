"""What ingest hands to the pipeline: one decoded release with its metadata."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RawDocument:
    """A release as read from disk, before any NLP.

    `text` is what every span indexes into: the decoded file (HTML: its main
    text), or for JSONL/CSV inputs with a title column the title, a blank
    line, then the body (records.md, Span).
    """

    doc_id: str
    source: str
    text: str
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD
    published_from: str | None = None  # records.PublishedSource
    url: str | None = None
    date_order: str | None = None  # DMY | MDY: how this input writes 04/11/2021
    warnings: list[str] = field(default_factory=list)
    line: int | None = None  # JSONL/CSV: the line its row starts on (named in its errors)
