"""Trigger phrases: where the text names a meeting, a call, a visit, a session.

Matches of the trigger patterns (`data/event_triggers.jsonl`) give an event's type
and mode; the qualifier component says whether the trigger is only planned,
recalled or the setting (`qualifiers.frames.qualifier_of` on its head word).
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from communique.pipeline.components.doc_cache import sentence_index
from communique.pipeline.components.events.lexicon import EventLexicon
from communique.pipeline.components.qualifiers.frames import qualifier_of

#: Parts of speech of the word that carries a trigger's meaning (grammar, not words).
_HEAD_POS = frozenset({"NOUN", "VERB", "PROPN"})


@dataclass(frozen=True)
class Trigger:
    """One trigger phrase in the text, with what its context says of it."""

    type: str
    mode: str | None
    strength: int
    mode_only: bool
    start: int  # character offsets of the trigger phrase
    end: int
    token: int  # index of the trigger's head token
    sent: int
    excluded: str | None  # "setting" | "future" | "recalled" | None


def find_triggers(doc: Doc, lexicon: EventLexicon, matcher: Matcher) -> list[Trigger]:
    """Every trigger in text order; overlapping matches keep the longest."""
    sent_of = sentence_index(doc)
    taken: set[int] = set()
    found = []
    for match_id, start, end in sorted(matcher(doc), key=lambda m: (m[1], -(m[2] - m[1]))):
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        _line, row = lexicon.triggers[int(doc.vocab.strings[match_id].rsplit("_", 1)[1])]
        head = _head_token(doc[start:end])
        found.append(Trigger(
            type=row.type, mode=row.mode, strength=row.strength, mode_only=row.mode_only,
            start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]),
            token=head.i, sent=sent_of[head.i], excluded=qualifier_of(head),
        ))
    return found


def _head_token(span: Span) -> Token:
    """The token of the match that carries the meaning (noun or verb)."""
    for tok in reversed(span):
        if tok.pos_ in _HEAD_POS:
            return tok
    return span[-1]
