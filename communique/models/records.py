"""Pydantic records of the Communique record format (shared/spec/records.md, v1).

The field names and vocabularies are the contract between the pipeline, gold
annotations and `evaluate`; the pipeline may add fields but never rename or
drop these. Gold files leave spans, evidence, lat/lon, role_category and
year_inferred out, so those are optional here.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

EventType = Literal[
    "meeting", "consultations", "visit", "forum", "phone_call", "signing", "briefing", "other"
]
Mode = Literal["in_person", "online", "phone"]
RoleCategory = Literal[
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "deputy_foreign_minister",
    "minister",
    "deputy_minister",
    "ambassador",
    "envoy",
    "parliamentarian",
    "international_official",
    "official",
    "delegation",
]

# column (JSONL/CSV), filename (a leading YYYY-MM-DD), header (a `Date:` block or front
# matter), html_meta (a page's meta tags, JSON-LD or <time>), dateline, inferred (a
# dateline written without a year, the year taken from the release's other metadata)
PublishedSource = Literal["column", "filename", "header", "html_meta", "dateline", "inferred"]

EVENT_TYPES: tuple[str, ...] = EventType.__args__  # type: ignore[attr-defined]
MODES: tuple[str, ...] = Mode.__args__  # type: ignore[attr-defined]
ROLE_CATEGORIES: tuple[str, ...] = RoleCategory.__args__  # type: ignore[attr-defined]


class Record(BaseModel):
    """Base: unknown fields are kept (the pipeline and gold may add fields)."""

    model_config = ConfigDict(extra="allow")


class Span(BaseModel):
    """Character offsets into the document text; `text[start:end] == span.text`."""

    model_config = ConfigDict(extra="forbid")

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    text: str

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} < start {self.start}")
        if self.end - self.start != len(self.text):
            raise ValueError("span length differs from its text")
        return self

    def check(self, document_text: str) -> bool:
        """True when the span points at its own text in `document_text`."""
        return document_text[self.start : self.end] == self.text


def _iso(value: str | None) -> str | None:
    if value is None:
        return None
    dt.date.fromisoformat(value)
    if len(value) != 10:
        raise ValueError(f"not a YYYY-MM-DD date: {value!r}")
    return value


class Date(Record):
    start: str | None = None
    end: str | None = None
    text: str | None = None
    year_inferred: bool = False
    span: Span | None = None

    _check_start = field_validator("start", "end")(classmethod(lambda cls, v: _iso(v)))

    @model_validator(mode="after")
    def _range(self) -> Date:
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"date end {self.end} before start {self.start}")
        if self.end and not self.start:
            raise ValueError("date has an end but no start")
        return self


class Location(Record):
    city: str | None = None
    country: str | None = None
    country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    venue: str | None = None
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    text: str | None = None
    span: Span | None = None


class Participant(Record):
    name: str | None = None
    role: str | None = None
    role_category: RoleCategory | None = None
    organization: str | None = None
    country: str | None = None
    country_code: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    span: Span | None = None
    # where the role is written, when the extractor read it as one phrase of the text
    role_span: Span | None = None


class Topic(Record):
    text: str
    session: int | None = Field(default=None, ge=0)
    span: Span | None = None


class Event(Record):
    type: EventType
    name: str | None = None
    date: Date = Field(default_factory=Date)
    location: Location | None = None
    mode: Mode | None = None
    participants: list[Participant] = Field(default_factory=list)
    topics: list[Topic] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class DocumentRecord(Record):
    """One per input document; one line of records.jsonl.

    Pipeline-added fields (not in gold): `text` (the text all spans index
    into, so a record can be checked on its own), `url`, `warnings`.
    """

    doc_id: str
    source: str
    title: str | None = None
    published: str | None = None
    language: str = "en"
    events: list[Event] = Field(default_factory=list)
    # where `published` came from (pipeline-added; not in gold)
    published_source: PublishedSource | None = None

    _check_published = field_validator("published")(classmethod(lambda cls, v: _iso(v)))

    def spans(self) -> list[Span]:
        """Every span in the record, for checking against the text."""
        found: list[Span] = []
        for event in self.events:
            found.extend(event.evidence)
            if event.date.span:
                found.append(event.date.span)
            if event.location and event.location.span:
                found.append(event.location.span)
            found.extend(p.span for p in event.participants if p.span)
            found.extend(p.role_span for p in event.participants if p.role_span)
            found.extend(t.span for t in event.topics if t.span)
        return found

    def bad_spans(self, text: str | None = None) -> list[Span]:
        """Spans that do not point at their own text (empty when all check)."""
        body = text if text is not None else getattr(self, "text", None)
        if body is None:
            return []
        return [s for s in self.spans() if not s.check(body)]


class InputError(BaseModel):
    """One line of errors.jsonl: an input that produced no record."""

    input: str
    doc_id: str | None = None
    reason: str
    hint: str | None = None
