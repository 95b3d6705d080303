"""The dates of a text: every expression that names a day (or a day range), normalised.

Candidates are our own forms (forms.py) over the whole text, then the model's
DATE entities none of them covers (fallback.py); each is resolved against the
publication date, a dateline or another full date of the text (resolution.py).
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from typing import TYPE_CHECKING

from communique.models import Date, Span
from communique.pipeline.components.dates.fallback import entity_matches, fallback
from communique.pipeline.components.dates.forms import (
    DateLexicon,
    clean,
    compile_lexicon,
    covers,
    scan,
    select,
)
from communique.pipeline.components.dates.lexicon import default_words
from communique.pipeline.components.dates.readings import DateOrder, SameDay, Weekday
from communique.pipeline.components.dates.resolution import (
    DATELINE_MAX_CHARS,
    Anchor,
    after_previous,
    anchoring,
    is_dateline,
    resolve,
)
from communique.pipeline.components.doc_cache import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc

# Characters past the dateline's limit scanned for its date (a range may end there).
_DATELINE_SCAN_EXTRA = 40


@cache
def default_lexicon() -> DateLexicon:
    """The forms of the shipped words, compiled once per process (for callers other
    than the component, which compiles its own when it is created)."""
    return compile_lexicon(default_words())


def find_dates(doc: Doc, published: dt.date | str | None, *, date_order: DateOrder = "MDY",
               lex: DateLexicon | None = None) -> list[Date]:
    """Every date expression of the text that names a day or a day range, in text
    order, normalised (see resolution.py for how years are chosen). Spans index
    `doc.text` and leave out a leading "on"."""
    lex = lex or default_lexicon()
    text = text_of(doc)
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    matches = select(list(scan(text, date_order, lex)))
    matches += entity_matches(doc, text, matches, date_order, lex)
    matches.sort(key=lambda m: m.start)
    anchor_for = anchoring(text, matches, published)
    found: list[Date] = []
    previous: tuple[dt.date, dt.date] | None = None
    for match in matches:
        if isinstance(match.parsed, SameDay):
            resolved = after_previous(match.parsed, previous)
        else:
            resolved = resolve(match.parsed, anchor_for(match))
        if resolved is None:
            continue
        start, end, inferred = resolved
        previous = (start, end)
        written = text[match.start : match.end]
        found.append(Date(
            start=start.isoformat(), end=end.isoformat(), text=written, year_inferred=inferred,
            span=Span(start=match.start, end=match.end, text=written),
        ))
    return found


def normalise_date_text(
    text: str, anchor: dt.date | None, *, date_order: DateOrder = "MDY"
) -> tuple[dt.date, dt.date, bool] | None:
    """(start, end, year_inferred) of one short date expression, or None.

    `anchor` is the publication date: a missing year and relative words resolve
    against it. A leading preposition ("on 7 May", "from 5 to 7 March") is
    allowed. Our own forms are tried first; dateparser reads only a string that
    none of them matches at all.
    """
    lex = default_lexicon()
    cleaned = clean(text)
    wrapped = Anchor(anchor) if anchor else None
    if cleaned.lower() in lex.weekdays:  # given on its own, a weekday is a day
        return resolve(Weekday(lex.weekdays[cleaned.lower()], "on_or_before"), wrapped)
    matches = select(list(scan(cleaned, date_order, lex)))
    if len(matches) == 1 and covers(cleaned, matches[0], lex):
        return resolve(matches[0].parsed, wrapped)
    if any(form.pattern.search(cleaned) for form in lex.forms):
        return None  # one of our forms, read and refused ("April 26-25")
    return fallback(lex.prepositions.sub("", cleaned, count=1), wrapped, date_order, lex)


def dateline_date(text: str) -> dt.date | None:
    """The full date of a dateline at the top of `text` ("KABUL, Afghanistan
    (Jan. 25, 2013) —", "Ashgabat, 26 January 2018"), for ingest to use as the
    publication date; None when the text does not open with one."""
    head = text[: DATELINE_MAX_CHARS + _DATELINE_SCAN_EXTRA]
    for match in select(list(scan(head, "MDY", default_lexicon()))):
        if is_dateline(text, match):
            resolved = resolve(match.parsed, None)
            return resolved[0] if resolved else None
    return None
