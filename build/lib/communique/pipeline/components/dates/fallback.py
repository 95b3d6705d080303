"""The dateparser fallback: short strings none of our forms reads, cached per string.

dateparser reads only a DATE entity of the model (or a short expression given
alone) that names a month and a day number; the year is taken from it only
when the text writes one, so the anchoring rule stays ours and the anchor is
not part of the cache key. It never sees a document.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from communique.pipeline.components.dates.forms import DateLexicon, clean
from communique.pipeline.components.dates.readings import (
    LEAP_YEAR,
    Calendar,
    Candidate,
    DateOrder,
)
from communique.pipeline.components.dates.resolution import Anchor, resolve

if TYPE_CHECKING:
    from spacy.tokens import Doc

_NUMBER = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def looks_like_day(text: str, lex: DateLexicon) -> bool:
    """Worth a dateparser call: a month name and a day number ("December the 5th")."""
    return bool(lex.month_word.search(text) and lex.day_number.search(text))


def fallback(text: str, anchor: Anchor | None, date_order: DateOrder,
             lex: DateLexicon) -> tuple[dt.date, dt.date, bool] | None:
    """(start, end, inferred) dateparser reads in `text`, anchored our way."""
    if not looks_like_day(text, lex):
        return None
    parsed = parse_with_dateparser(text, date_order)
    return resolve(parsed, anchor) if parsed else None


def entity_matches(doc: Doc, text: str, matches: list[Candidate], date_order: DateOrder,
                   lex: DateLexicon) -> list[Candidate]:
    """DATE entities our forms did not cover, when they name a month and a day number.

    Building doc.ents costs more than all our forms together, so it is only done
    when some month name of the text stands outside every match."""
    if all(
        any(m.start <= hit.start() < m.end for m in matches)
        for hit in lex.month_word.finditer(text)
    ):
        return []
    extra = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or not looks_like_day(ent.text, lex):
            continue
        if any(ent.start_char < m.end and m.start < ent.end_char for m in matches):
            continue
        parsed = parse_with_dateparser(clean(ent.text), date_order)
        if parsed:
            extra.append(Candidate(ent.start_char, ent.end_char, parsed))
    return extra


@lru_cache(maxsize=4096)
def parse_with_dateparser(text: str, date_order: DateOrder) -> Calendar | None:
    """Day and month (and the year, only where written) that dateparser reads.

    The year is taken from dateparser only when the text writes one, so the
    anchoring rule stays ours; the anchor is therefore not part of the key.
    """
    import dateparser  # slow import, needed only on this rare path

    settings = {
        "DATE_ORDER": date_order,
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
        "RELATIVE_BASE": dt.datetime(LEAP_YEAR, 12, 31),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    result = dateparser.parse(text, languages=["en"], settings=settings)
    written_days = {int(n) for n in _NUMBER.findall(text)}
    if result is None or result.day not in written_days:
        return None  # dateparser filled in a day that was not written
    year = result.year if _YEAR.search(text) else None
    return Calendar(result.month, result.day, year)
