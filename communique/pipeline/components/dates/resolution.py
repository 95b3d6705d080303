"""Resolution against an anchor: the written parts of a date -> (start, end, inferred).

Rules (annotation guidelines, Dates):
- a year that is written is kept; a range takes a missing year from its
  other end ("November 30 – December 2, 2021");
- a date without a year takes the year of the anchor (the publication date,
  or a dateline) and the occurrence on or before it, except that a date up to
  `FUTURE_WINDOW_DAYS` after the anchor ("the summit on November 1–2" in an
  October release) is read as announced, in the coming months;
- with no publication date, a date without a year takes the year of the
  nearest full date in the same text, and relative words are left out;
- relative words ("yesterday") and weekdays ("on Monday": the last such day on
  or before the anchor) need a real anchor.
Anything invalid (30 February, 29 February of a common year, an end before its
start) is skipped, never repaired.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from communique.pipeline.components.dates.readings import (
    Calendar,
    Candidate,
    Parsed,
    Relative,
    SameDay,
    Weekday,
)

# A date without a year that falls at most this many days after the anchor keeps
# the anchor's year (an announced event: "the summit to be held on November 1–2"
# in an October release); further ahead, the previous year's occurrence is taken
# (the guidelines' "on or before the publication date"). 0 = the strict rule.
FUTURE_WINDOW_DAYS = 120

# A range whose end month comes before its start month is read across a new year
# ("30 December – 2 January") only when that makes a short range.
MAX_WRAPPED_RANGE_DAYS = 92


# A dateline is a place in capitals/title case, a comma or bracket, then the date,
# all within the first characters of the text ("KABUL, Afghanistan (Jan. 25, 2013)").
DATELINE_MAX_CHARS = 100
_DATELINE_PREFIX = re.compile(r"\s*(?:[A-Z][\w.'’-]*+[\s,()]++)+")  # possessive: no backtracking


@dataclass(frozen=True)
class Anchor:
    """What a date without a year is resolved against.

    `day` is a publication date (or dateline): relative words and weekdays
    resolve against it. `year_only` marks an anchor taken from another full
    date of the text: only its year is lent, relative words are not resolved.
    """

    day: dt.date
    year_only: bool = False


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_for(month: int, day: int, anchor: Anchor) -> int | None:
    """The year of a written day and month: the latest occurrence not after the
    anchor + FUTURE_WINDOW_DAYS; None when that day does not exist that year
    (29 February of a common year is skipped, not moved to another year)."""
    year = anchor.day.year
    if not anchor.year_only:
        limit = anchor.day + dt.timedelta(days=FUTURE_WINDOW_DAYS)
        year = next(y for y in (year + 1, year, year - 1)
                    if (y, month, day) <= (limit.year, limit.month, limit.day))
    return year if _safe_date(year, month, day) else None


def resolve(parsed: Parsed, anchor: Anchor | None) -> tuple[dt.date, dt.date, bool] | None:
    """(start, end, year_inferred) of what a form read, or None when it cannot be
    anchored or does not exist (also when the anchor is so near year 1 or 9999
    that counting days from it leaves the calendar: a publication date such as
    "9999-12-31" is valid input)."""
    try:
        return _resolve(parsed, anchor)
    except OverflowError:
        return None


def _resolve(parsed: Parsed, anchor: Anchor | None) -> tuple[dt.date, dt.date, bool] | None:
    if isinstance(parsed, SameDay):
        return None  # read against the date before it (`after_previous`), not an anchor
    if isinstance(parsed, Relative):
        if anchor is None or anchor.year_only:
            return None
        day = anchor.day + dt.timedelta(days=parsed.days)
        return day, day, True
    if isinstance(parsed, Weekday):
        if anchor is None or anchor.year_only:
            return None
        day = _weekday_date(parsed, anchor.day)
        return day, day, True
    return _resolve_calendar(parsed, anchor)


def _weekday_date(parsed: Weekday, anchor: dt.date) -> dt.date:
    if parsed.direction == "after":
        return anchor + dt.timedelta(days=(parsed.weekday - anchor.weekday()) % 7 or 7)
    back = (anchor.weekday() - parsed.weekday) % 7
    if parsed.direction == "before":
        back = back or 7
    return anchor - dt.timedelta(days=back)


def _resolve_calendar(c: Calendar, anchor: Anchor | None) -> tuple[dt.date, dt.date, bool] | None:
    m2, d2 = c.m2 or c.m1, c.d2 or c.d1
    wraps = (m2, d2) < (c.m1, c.d1)  # "30 December – 2 January"
    y1, y2 = c.y1, c.y2 if c.d2 else c.y1
    inferred = y1 is None and y2 is None
    if inferred and anchor and not anchor.year_only:  # "November 6 last year"
        y1 = anchor.day.year + c.r1 if c.r1 is not None else None
        y2 = anchor.day.year + c.r2 if c.r2 is not None else (None if c.d2 else y1)
    if y1 is None and y2 is None:
        if anchor is None:
            return None
        y1 = _year_for(c.m1, c.d1, anchor)
        if y1 is None:
            return None
    if y1 is None:
        y1 = y2 - 1 if wraps else y2  # type: ignore[operator]
    if y2 is None:
        y2 = y1 + 1 if wraps else y1
    start, end = _safe_date(y1, c.m1, c.d1), _safe_date(y2, m2, d2)
    if start is None or end is None or end < start:
        return None
    if wraps and not (c.y1 and c.y2) and (end - start).days > MAX_WRAPPED_RANGE_DAYS:
        return None  # "5 March – 2 February" is no range across a new year
    return start, end, inferred


def after_previous(parsed: SameDay, previous: tuple[dt.date, dt.date] | None
                   ) -> tuple[dt.date, dt.date, bool] | None:
    """"On the same day", "the following day": counted from the date written before
    it in the text, when that is one day (after a range, which day is meant is not
    written)."""
    if previous is None or previous[0] != previous[1]:
        return None
    try:
        day = previous[0] + dt.timedelta(days=parsed.days)
    except OverflowError:
        return None
    return day, day, True


# --- public API ------------------------------------------------------------------

def anchoring(
    text: str, matches: list[Candidate], published: dt.date | None
) -> Callable[[Candidate], Anchor | None]:
    """The anchor of each match: the publication date; without one, a dateline;
    without that, the year of the nearest date with a written year."""
    if published:
        fixed: Anchor | None = Anchor(published)
        return lambda _m: fixed
    for match in matches[:1]:
        if is_dateline(text, match):
            resolved = resolve(match.parsed, None)
            if resolved:
                line = Anchor(resolved[0])
                return lambda _m: line
    full = [
        (m.start, resolved[0]) for m in matches
        if isinstance(m.parsed, Calendar) and (resolved := resolve(m.parsed, None))
    ]

    def nearest(match: Candidate) -> Anchor | None:
        before = [day for start, day in full if start <= match.start]
        after = [day for start, day in full if start > match.start]
        day = before[-1] if before else (after[0] if after else None)
        return Anchor(day, year_only=True) if day else None

    return nearest


def is_dateline(text: str, match: Candidate) -> bool:
    """A full date near the top, after a place and a comma or bracket only."""
    if not isinstance(match.parsed, Calendar) or match.end > DATELINE_MAX_CHARS:
        return False
    if match.parsed.y1 is None and match.parsed.y2 is None:
        return False
    prefix = text[: match.start]
    return (
        "\n" not in prefix.strip()
        and prefix.rstrip()[-1:] in {",", "("}
        and bool(_DATELINE_PREFIX.fullmatch(prefix))
    )


