"""How components hand their findings on: `doc.spans[<group>]` plus a typed value.

Each component writes its findings as a SpanGroup (`doc.spans["communique_dates"]`)
the way spaCy's span_ruler does, so `displacy`, `doc.spans` and any spaCy tool see
them. A finding's value (a Date, a Location, a participant Mention, ...) is read
through a declared `Span._` extension. spaCy keys span extensions by character
offsets, and two findings can share their offsets ("the Deputy Ministers of
Foreign Affairs of A, B and C" is three participants), so the values are kept in
order in `Doc._.communique_findings` and each span's `id` is its value's index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from spacy.tokens import Doc, Span, SpanGroup

Doc.set_extension("communique_findings", default=None, force=True)


def _values(doc: Doc) -> dict[str, list[Any]]:
    found = doc._.communique_findings
    if found is None:
        found = doc._.communique_findings = {}
    return found


def declare(group: str, attr: str) -> None:
    """Declare `Span._.<attr>`: the value of a span of `group`."""

    def value(span: Span) -> Any:
        return _values(span.doc).get(group, [None] * (span.id + 1))[span.id]

    Span.set_extension(attr, getter=value, force=True)


def set_findings(doc: Doc, group: str, items: Sequence[tuple[int, int, Any]]) -> None:
    """Write `items` (start char, end char, value) as `doc.spans[group]`, in order."""
    spans = []
    for index, (start, end, _value) in enumerate(items):
        span = doc.char_span(start, end, alignment_mode="expand") or doc[0:0]
        spans.append(Span(doc, span.start, span.end, label=group, span_id=index))
    doc.spans[group] = SpanGroup(doc, name=group, spans=spans)
    _values(doc)[group] = [value for _s, _e, value in items]


def findings(doc: Doc, group: str) -> list[Any]:
    """The values `group` found in `doc`, in the order they were written."""
    return list(_values(doc).get(group, []))


def release(doc: Doc) -> None:
    """Drop the values once the record is built (they may point back at the Doc)."""
    doc._.communique_findings = None
