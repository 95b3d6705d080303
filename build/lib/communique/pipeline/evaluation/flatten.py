"""A record flattened into the per-document item sets evaluate scores (reading 1 of scorer.py)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Literal

from communique.models import DocumentRecord, Span
from communique.pipeline.evaluation.normalise import (
    content_tokens,
    fold,
    fold_place,
    name_tokens,
)
from communique.pipeline.evaluation.scores import FIELDS


@dataclass
class Item:
    """One compared value of one document, with where it came from."""

    key: Hashable
    display: str
    event_index: int
    span: Span | None = None
    surface: list[str] = field(default_factory=list)  # strings to find in the text


@dataclass
class Person:
    tokens: set[str]
    names: list[str]
    roles: list[str]
    event_index: int
    span: Span | None

    @property
    def display(self) -> str:
        return " / ".join(dict.fromkeys(self.names))


@dataclass
class Flat:
    """A document flattened per field (sets, first occurrence kept)."""

    items: dict[str, list[Item]]
    persons: list[Person]
    topic_tokens: list[Counter[str]]


def _add(bucket: dict[Hashable, Item], item: Item) -> None:
    bucket.setdefault(item.key, item)


def _cluster(mentions: list[tuple[frozenset[str], str, str | None, int, Span | None]]
             ) -> list[Person]:
    """Join names sharing a token (transitively) into persons, in mention order."""
    persons: list[Person] = []
    for tokens, name, role, index, span in mentions:
        joined = [p for p in persons if p.tokens & tokens]
        if joined:
            head = joined[0]
            for other in joined[1:]:
                head.tokens |= other.tokens
                head.names += other.names
                head.roles += other.roles
                persons.remove(other)
        else:
            head = Person(set(), [], [], index, span)
            persons.append(head)
        head.tokens |= tokens
        head.names.append(name)
        if role:
            head.roles.append(role)
    return persons


def flatten(record: DocumentRecord | None) -> Flat:
    """Per-field items of one record (an absent record has none)."""
    buckets: dict[str, dict[Hashable, Item]] = {f: {} for f in FIELDS}
    mentions = []
    for index, event in enumerate(record.events if record else []):
        evidence = event.evidence[0] if event.evidence else None
        _add(buckets["event_types"], Item(event.type, event.type, index, evidence))
        date = event.date
        if date.start is not None:
            shown = date.start if date.end == date.start else f"{date.start}..{date.end}"
            _add(buckets["event_dates"], Item((date.start, date.end), shown, index,
                                              date.span or evidence, [date.text or ""]))
        loc = event.location
        if loc is not None:
            kind: Literal["city", "country"] = "city" if (loc.city or "").strip() else "country"
            value = (loc.city if kind == "city" else loc.country) or ""
            if value.strip():
                _add(buckets["event_locations"],
                     Item(fold_place(value, kind), value, index, loc.span or evidence,
                          [loc.text or "", value]))
        for p in event.participants:
            span = p.span or evidence
            if p.country_code:
                _add(buckets["countries"], Item(p.country_code, p.country_code, index, span,
                                                [p.country or ""]))
            if p.name and p.name.strip():
                tokens = name_tokens(p.name)
                if tokens:
                    role = p.role.strip() if p.role and p.role.strip() else None
                    mentions.append((tokens, p.name, role, index, span))
        for t in event.topics:
            key = fold(t.text)
            if key:
                _add(buckets["topics"], Item(key, t.text, index, t.span or evidence, [t.text]))
    persons = _cluster(mentions)
    items = {f: list(b.values()) for f, b in buckets.items()}
    items["persons"] = [Item(i, p.display, p.event_index, p.span, p.names)
                        for i, p in enumerate(persons)]
    items["person_roles"] = [Item(i, f"{p.display} ({' / '.join(dict.fromkeys(p.roles))})",
                                  p.event_index, p.span, [*p.names, *p.roles])
                             for i, p in enumerate(persons) if p.roles]
    topic_tokens = [content_tokens(i.display) for i in items["topics"]]
    return Flat(items, persons, topic_tokens)
