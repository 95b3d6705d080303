"""The typed participant Mention: one participant as written at one place.

The scanner fills it in steps (title phrase, its "of ..." phrases, the name, the
country rules); what a later step or the record's selection needs to know about
how it was read is a typed field here, not a grab-bag dict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from communique.models import Participant, Span
from communique.pipeline.gazetteer import Country

Kind = Literal["person", "official", "delegation"]
CharSpan = tuple[int, int]


@dataclass
class Mention:
    """One participant as written at one place in the text."""

    kind: Kind
    start: int
    end: int
    sent: int
    name: str | None = None
    name_span: CharSpan | None = None
    role: str | None = None
    role_span: CharSpan | None = None
    category: str | None = None
    organization: str | None = None
    country: Country | None = None
    mentioned_only: bool = False
    principal: bool = False
    # how it was read (scanner state; copies made by a list split start without it)
    subject_of: str | None = None  # lemma of the verb the name is the subject of
    object_of: frozenset[str] = frozenset()  # "call", "call on": the verb it is the object of
    after_with: bool = False  # "with" stands earlier on its line ("... talks with NAME")
    listed_names: list[CharSpan] | None = None  # "senators A, B and C": the names after A
    listed_countries: list[Country] | None = None  # "Ministers of A, B and C": every country
    country_tail: CharSpan | None = None  # trailing "of COUNTRY to X" phrases, left out of role
    country_from_body: bool = False  # country read from the body ("Ministry ... of Japan")
    sents: tuple[int, ...] = ()  # the sentences joined across a split at an initial

    def to_participant(self, text: str) -> Participant:
        """The record, spanning the name (or the role phrase when unnamed)."""
        where = self.name_span or self.role_span or (self.start, self.end)
        return Participant(
            name=self.name,
            role=self.role,
            role_category=self.category,  # type: ignore[arg-type]
            organization=self.organization,
            country=self.country.name if self.country else None,
            country_code=self.country.code if self.country else None,
            span=Span(start=where[0], end=where[1], text=text[where[0] : where[1]]),
            role_span=self._role_span(text),
        )

    def _role_span(self, text: str) -> Span | None:
        """The role's own span, only when it is the role as written (the report
        highlights it; a role normalised away from the text has none)."""
        if self.role_span is None or self.role is None:
            return None
        start, end = self.role_span
        return Span(start=start, end=end, text=self.role) if text[start:end] == self.role else None


def person_tokens(name: str, not_name: frozenset[str]) -> set[str]:
    """Lower-cased name tokens without initials or honorifics (`not_name`): 'S. Aslov'
    and 'Aslov' share 'aslov'."""
    return {w for w in re.findall(r"[^\W\d_]{2,}", name.lower()) if w not in not_name}


def person_key(name: str | None) -> str:
    """The last name token: one person's key across 'Vladimir Putin' and 'Putin'."""
    words = re.findall(r"[^\W\d_]{2,}", (name or "").lower())
    return words[-1] if words else ""
