"""Topics: what an event discussed or was devoted to, split into short noun phrases.

A topic is the object of a discussion cue ("discussed X", "was devoted to X",
"exchanged views on X", "the agenda included X"; annotation-guidelines.md,
Topics). The component works on the dependency parse only:

1. its Matcher (built from `data/topic_cues.jsonl`) finds the cue words;
2. `cues.py` decides whether a cue applies and yields its object heads;
3. `split.py` walks each object down through generic frames to its specific
   items and splits them; `trim.py` cuts each to its noun phrase;
4. `classify.py` drops empty formulas, courtesy acts and contact formulas; a
   generic bilateral phrase ("Russian-Uzbek relations") is kept only when the
   document says nothing more specific;
5. `sessions.py` gives the number of a session named in the cue's sentence.

Extraction is per document; the record component assigns topics to events by
the sentence they stand in.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc

from communique.models import Span as RecordSpan
from communique.models import Topic
from communique.pipeline.components.doc_cache import sentence_of, text_of
from communique.pipeline.components.topics.classify import classify, judges_relationship
from communique.pipeline.components.topics.cues import cue_applies, object_heads
from communique.pipeline.components.topics.rows import CueRow
from communique.pipeline.components.topics.sessions import session_number
from communique.pipeline.components.topics.split import items, listed_items


@dataclass(frozen=True)
class _Item:
    """One item found: a token range, its session and whether it is only relational."""

    start: int  # token index
    end: int  # token index, exclusive
    session: int | None
    relational: bool  # a generic bilateral phrase: kept only when nothing else is said


def find_topics(doc: Doc, matcher: Matcher, rows: tuple[CueRow, ...]) -> list[Topic]:
    """Topics of the whole document in text order, each with its span and session
    (`matcher` keys are indexes into the cue `rows`)."""
    found: list[_Item] = []
    for match_id, cue_i, _ in matcher(doc):
        row = rows[int(doc.vocab.strings[match_id])]
        cue = doc[cue_i]
        if not cue_applies(cue, row):
            continue
        session = session_number(sentence_of(cue))
        for head in object_heads(cue, row):
            if row.judging and judges_relationship(head):
                continue
            parsed = list(items(head))
            listed = listed_items(head)
            for start, end in listed if len(listed) > len(parsed) else parsed:
                kind = classify(doc[start:end])
                if kind in {"empty", "courtesy", "contact"}:
                    continue
                found.append(_Item(start, end, session, kind == "relational"))
    found = _dedupe(found)
    if any(not item.relational for item in found):
        found = [item for item in found if not item.relational]
    else:
        found = found[:1]
    return [_topic(doc, item) for item in found]


def _topic(doc: Doc, item: _Item) -> Topic:
    """The record's Topic of `item`: its text as written, with its span."""
    span = doc[item.start : item.end]
    start, end = span.start_char, span.end_char
    return Topic(
        text=text_of(doc)[start:end],
        session=item.session,
        span=RecordSpan(start=start, end=end, text=text_of(doc)[start:end]),
    )


def _dedupe(items: list[_Item]) -> list[_Item]:
    """One topic per stretch of text, in text order; overlapping finds keep the longer one."""
    kept: list[_Item] = []
    for item in sorted(items, key=lambda it: (it.start, -(it.end - it.start))):
        if any(item.start < other.end and other.start < item.end for other in kept):
            continue
        kept.append(item)
    return kept

