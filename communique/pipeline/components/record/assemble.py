"""Assemble a DocumentRecord from the stages' findings on one processed Doc.

Stages find dates, places, participants and topics over the whole document;
here each finding is given to the event whose sentences it stands in, by the
guidelines: the main event takes the publication date when no date is written
for it, other events inherit nothing; a place counts only when it stands in
the event's own sentences; participants come from the sentences that report
the event (and the headline), people only mentioned are left out.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

from communique.models import (
    Date,
    DocumentRecord,
    Event,
    Location,
    Span,
    Topic,
)
from communique.pipeline.components.context import context, raw_offsets
from communique.pipeline.components.dates.factory import GROUP as DATES
from communique.pipeline.components.doc_cache import sentences, text_of
from communique.pipeline.components.events.candidates import EventCandidate
from communique.pipeline.components.events.factory import EVENTS, TRIGGERS
from communique.pipeline.components.events.triggers import Trigger
from communique.pipeline.components.findings import findings
from communique.pipeline.components.participants import select
from communique.pipeline.components.participants.factory import GROUP as PARTICIPANTS
from communique.pipeline.components.participants.mentions import Mention
from communique.pipeline.components.places.factory import DESTINATIONS, RECAPS
from communique.pipeline.components.places.factory import GROUP as PLACES
from communique.pipeline.components.places.inherit import fallback_place
from communique.pipeline.components.record.rows import RecordRules
from communique.pipeline.components.topics.factory import GROUP as TOPICS
from communique.pipeline.ingest import find_dateline, read_header


def assemble(doc: Doc, rules: RecordRules) -> DocumentRecord:
    """The record of one release from what the components found in `doc`: a pure
    function of (text, metadata, settings). Spans point into the release's text
    (`Doc._.communique.raw.text`); values keep the text as spaCy read it."""
    ctx = context(doc)
    raw, published, title_end = ctx.raw, ctx.published, ctx.title_end
    found = _Findings.collect(doc)
    triggers = findings(doc, TRIGGERS)
    found.dates = [d for d in found.dates if d.span and d.span.start >= _metadata_end(raw.text)]
    candidates = findings(doc, EVENTS)
    found.locations = _own_places(found.locations, triggers, candidates)
    found.destinations = _own_places(found.destinations, triggers, candidates)
    found.recaps = _own_places(found.recaps, triggers, candidates)
    sent_bounds = [(s.start_char, s.end_char) for s in sentences(doc)]
    built = [
        _event(doc, cand, n, found, sent_bounds, published, title_end, triggers, rules)
        for n, cand in enumerate(candidates)
    ]
    record = DocumentRecord(
        doc_id=raw.doc_id,
        source=raw.source,
        title=raw.title,
        published=raw.published,
        published_source=raw.published_from,
        language="en",
        events=built,
        text=raw.text,
        url=raw.url,
        warnings=list(raw.warnings),
    )
    if text_of(doc) != raw.text:
        _point_into(raw.text, record)
    return record


def _point_into(text: str, record: DocumentRecord) -> None:
    """Spans found in the text spaCy read, moved to and cut from the original text.

    Offsets differ only where nlp_text removed zero-width/bidi characters; a
    span keeps any such characters inside it ("Ser\u200bgei Lavrov").
    """
    kept = raw_offsets(text)
    done: set[int] = set()
    for span in record.spans():
        if id(span) in done:  # one Span object can be listed twice (evidence, date)
            continue
        done.add(id(span))
        if kept is not None:
            start = kept[span.start] if span.start < len(kept) else len(text)
            span.start, span.end = start, (kept[span.end - 1] + 1 if span.end > 0 else 0)
        span.text = text[span.start : span.end]


@dataclass
class _Findings:
    """What the stages found over the whole document."""

    dates: list[Date]
    locations: list[Location]
    destinations: list[Location]  # the visitor's destination cities among `locations`
    recaps: list[Location]  # places written for "the event" already reported
    events: list[EventCandidate]
    mentions: list[Mention]
    topics: list[Topic]

    @classmethod
    def collect(cls, doc: Doc) -> _Findings:
        return cls(
            dates=findings(doc, DATES),
            locations=findings(doc, PLACES),
            destinations=findings(doc, DESTINATIONS),
            recaps=findings(doc, RECAPS),
            events=findings(doc, EVENTS),
            mentions=findings(doc, PARTICIPANTS),
            topics=findings(doc, TOPICS),
        )


def _in(start: int, sents: list[int], bounds: list[tuple[int, int]]) -> bool:
    return any(bounds[s][0] <= start < bounds[s][1] for s in sents if s < len(bounds))


def _event(doc: Doc, cand: EventCandidate, index: int, found: _Findings,
           bounds: list[tuple[int, int]], published: dt.date | None, title_end: int,
           triggers: list[Trigger], rules: RecordRules) -> Event:
    trigger_sents = list(cand.report_sents)
    if index == 0:
        trigger_sents += [n for n, (s, _) in enumerate(bounds) if s < title_end]
    trigger_sents += select.participation_sents(cand.type, cand.sentences, text_of(doc), bounds)
    return Event(
        type=cand.type,  # type: ignore[arg-type]
        mode=cand.mode,  # type: ignore[arg-type]
        date=_date(text_of(doc), cand, index, found.dates, bounds, published, triggers,
                   rules),
        location=_location(cand, index, found.locations, bounds, trigger_sents)
        or fallback_place(cand, found.events, triggers, found.locations, found.destinations,
                          found.recaps, bounds, title_end),
        participants=select.participants(text_of(doc), cand.sentences, found.mentions,
                                         trigger_sents, index),
        topics=[t for t in found.topics if t.span and _in(t.span.start, cand.sentences, bounds)],
        evidence=[_sentence_span(doc, bounds[s]) for s in sorted(set(trigger_sents))],
    )


def _sentence_span(doc: Doc, bound: tuple[int, int]) -> Span:
    start, end = bound
    text = text_of(doc)[start:end].rstrip()
    return Span(start=start, end=start + len(text), text=text)


def _metadata_end(text: str) -> int:
    """Where the header block and dateline end: their dates are the release's, not
    an event's ("WASHINGTON, March 4, 2021 — ... spoke on Monday")."""
    header = read_header(text)
    start = header.end if header else 0
    line = find_dateline(text, start)
    return line.end if line else start


def _date(text: str, cand: EventCandidate, index: int, found: list[Date],
          bounds: list[tuple[int, int]], published: dt.date | None,
          triggers: list[Trigger], rules: RecordRules) -> Date:
    """A date written for the event in the sentences that report it (before the
    trigger, "On 2-3 October, ... paid a visit", or close after it, "held in Seoul
    on April 25-26", "met yesterday"); else, for the main event, the publication
    date (guidelines); else none."""
    trigger = cand.trigger
    for sent in sorted(set(cand.report_sents) | {trigger.sent}):
        own = [d for d in found if d.span and _in(d.span.start, [sent], bounds)
               and (sent != trigger.sent
                    or _date_belongs(text, d, trigger, triggers, rules.relative_clause))
               and _recent(d, published)]
        if own:
            before = [d for d in own if d.span and d.span.end <= trigger.start]
            return before[-1] if before else own[0]
    if index == 0 and published:
        iso = published.isoformat()
        return Date(start=iso, end=iso, text=None, year_inferred=False)
    return Date()


RECENT_DAYS = 90
# A date after its trigger counts only within this many characters (tuning constant).
DATE_REACH_CHARS = 200
# A place counts for the trigger at most this many characters before it (tuning constant).
PLACE_REACH_CHARS = 80


def _recent(date: Date, published: dt.date | None) -> bool:
    """A release reports what happened lately: a date written months or years before
    its publication ("the treaty signed on December 23, 1994") is a recalled event's."""
    if published is None or date.start is None:
        return True
    return (published - dt.date.fromisoformat(date.start)).days <= RECENT_DAYS


def _date_belongs(text: str, date: Date, trigger: Trigger, triggers: list[Trigger],
                  relative_clause: re.Pattern[str]) -> bool:
    """A date before the trigger in its sentence ("On 26 January, ... met") unless it
    is dated to a recalled or planned event named before it ("Following the talks
    held on February 22, the presidents spoke by telephone"); or a date after it
    within reach ("the 78th session of ..., held in Bangkok on 23-27 May") with no
    other kind of event named in between and not in a relative clause about someone
    ("Merkel, who completed her term on December 8")."""
    assert date.span is not None
    same = [t for t in triggers if t.sent == trigger.sent and t is not trigger]
    if date.span.end <= trigger.start:
        before = [t for t in same if t.end <= date.span.start]
        return not (before and before[-1].excluded)
    if any(trigger.end <= t.start < date.span.start and (t.excluded or t.type != trigger.type)
           for t in same):
        return False
    between = text[trigger.end : date.span.start]
    return len(between) < DATE_REACH_CHARS and not relative_clause.search(between)


def _own_places(found: list[Location], triggers: list[Trigger],
                candidates: list[EventCandidate]) -> list[Location]:
    """Drop places written for a recalled or planned event of another kind: in
    "Following the talks held in Moscow, the presidents spoke by telephone" Moscow
    is the talks' place, not the call's (a call has no place of its own). A setting
    keeps its place for a meeting held there ("on the sidelines of the conference in
    Glasgow", guidelines)."""
    if not candidates:
        return found
    kinds = {c.type for c in candidates}
    kept = []
    for loc in found:
        assert loc.span is not None
        before = [t for t in triggers if t.end <= loc.span.start
                  and loc.span.start - t.end < PLACE_REACH_CHARS]
        last = before[-1] if before else None
        if last and last.type not in kinds and (
                last.excluded in {"recalled", "future"}
                or (last.excluded == "setting" and kinds == {"phone_call"})):
            continue
        kept.append(loc)
    return kept


def _location(cand: EventCandidate, index: int, found: list[Location],
              bounds: list[tuple[int, int]], trigger_sents: list[int]) -> Location | None:
    """The first event-place candidate in the trigger's sentences; for the main event
    also in the next two sentences (a later event inherits no place, a call has no
    place unless written)."""
    if index > 0:
        trigger_sents = [cand.trigger.sent]
    near = [loc for loc in found if loc.span and _in(loc.span.start, trigger_sents, bounds)]
    if not near and index == 0 and cand.type != "phone_call":
        follow = [s for s in cand.sentences if s > cand.trigger.sent][:2]
        near = [loc for loc in found if loc.span and _in(loc.span.start, follow, bounds)]
    return near[0] if near else None
