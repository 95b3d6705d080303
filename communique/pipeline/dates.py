"""Date stage: every expression that names a day (or a day range), normalised.

Why a table-driven regex parse first: releases write dates in a handful of
regular forms ("January 26, 2018", "26 January", "April 25-26",
"30 November – 2 December", "26.01.2018", "yesterday", "on Monday"). Reading
them with our own month table is exact, fast (issue 7) and tells us which
parts were *written*, which is what `year_inferred` must report honestly.
dateparser is only the fallback, on a short string the model tagged DATE that
none of our forms reads, cached per string (the year is chosen by our rule, so
the anchor is not part of the key). It never sees a document.

Resolution (annotation guidelines, Dates):
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
from calendar import monthrange
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel

from communique.models import Date, Span
from communique.pipeline.rules import load_rows

if TYPE_CHECKING:  # spaCy is not imported at run time: ingest reads this module's
    from spacy.tokens import Doc  # calendar without loading spaCy

# A date without a year that falls at most this many days after the anchor keeps
# the anchor's year (an announced event: "the summit to be held on November 1–2"
# in an October release); further ahead, the previous year's occurrence is taken
# (the guidelines' "on or before the publication date"). 0 = the strict rule.
FUTURE_WINDOW_DAYS = 120

# A range whose end month comes before its start month is read across a new year
# ("30 December – 2 January") only when that makes a short range.
MAX_WRAPPED_RANGE_DAYS = 92

# The leap year used to check day numbers before the year is known (29 February).
_LEAP_YEAR = 2000

# A dateline is a place in capitals/title case, a comma or bracket, then the date,
# all within the first characters of the text ("KABUL, Afghanistan (Jan. 25, 2013)").
_DATELINE_MAX_CHARS = 100
_DATELINE_PREFIX = re.compile(r"\s*(?:[A-Z][\w.'’-]*+[\s,()]++)+")  # possessive: no backtracking

DateOrder = Literal["DMY", "MDY", "YMD"]


class DateWord(BaseModel):
    """One row of dates_words.jsonl."""

    word: str
    kind: Literal[
        "month",
        "weekday",
        "relative_day",
        "relative_year",
        "weekday_modifier",
        "number",
        "range_connector",
        "preposition",
    ]
    value: int | str | None = None
    abbreviation: bool = False


# --- what a form reads: the written parts, before any anchoring ----------------


@dataclass(frozen=True)
class Calendar:
    """Day and month (and year where written) of a date or of a range's two ends."""

    m1: int
    d1: int
    y1: int | None = None
    m2: int | None = None
    d2: int | None = None
    y2: int | None = None
    r1: int | None = None  # a year said relative to the anchor ("last year" = -1)
    r2: int | None = None


@dataclass(frozen=True)
class Relative:
    """A day counted from the anchor: today = 0, yesterday = -1."""

    days: int


@dataclass(frozen=True)
class Weekday:
    """A named weekday: the occurrence on_or_before / before / after the anchor."""

    weekday: int
    direction: str


Parsed = Calendar | Relative | Weekday


@dataclass(frozen=True)
class _Match:
    """A candidate found in the text: where the expression stands, what it says."""

    start: int
    end: int
    parsed: Parsed


# --- the lexicon and the compiled forms (built once per process) ---------------
#
# Speed: Python's `re` skips quickly to a literal first character (a month name,
# a digit) but tries every position when a pattern opens with a look-behind or
# \b. So every pattern opens with its literal, the left boundary is checked in
# Python on the few hits (`_Form.left`), and case-insensitive words are matched
# on a lower-cased copy of the text.

_WORD_LEFT = ""  # the character before a match may not be a word character ...
_NUMBER_LEFT = ".,/-‐‑–—"  # ... nor, before a day-first date or a number, one of these


@dataclass(frozen=True)
class _Form:
    """One written form: its regex, what may not stand just before it, whether it
    runs on the lower-cased text, and how a match becomes (parts, start, end)."""

    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], _Lexicon, DateOrder], _Reading | None]
    left: str = _WORD_LEFT
    lower: bool = False


_Reading = tuple[Parsed, int, int]


@dataclass(frozen=True)
class _Lexicon:
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, int]
    relative_years: dict[str, int]
    modifiers: dict[str, str]
    numbers: dict[str, int]
    consecutive: frozenset[str]
    forms: tuple[_Form, ...]
    prepositions: re.Pattern[str]
    modifier_before: re.Pattern[str]
    number_before: re.Pattern[str]
    month_word: re.Pattern[str]


@cache
def calendar_words() -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names with their abbreviations (lower case, no dot) -> number:
    the one calendar table, also read by ingest for datelines and headers."""
    rows = load_rows("dates_words.jsonl", DateWord)
    months = {r.word: int(r.value) for r in rows if r.kind == "month"}  # type: ignore[arg-type]
    days = {r.word: int(r.value) for r in rows if r.kind == "weekday"}  # type: ignore[arg-type]
    return months, days


def _cased(words: list[str]) -> list[str]:
    """Capitalised and upper-case spellings: proper names only ("may" is a verb)."""
    return [variant for w in words for variant in (w.capitalize(), w.upper())]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@cache
def _lexicon() -> _Lexicon:
    """Load dates_words.jsonl and compile every form once."""
    rows = load_rows("dates_words.jsonl", DateWord)

    def table(kind: str) -> dict[str, int | str | None]:
        return {r.word: r.value for r in rows if r.kind == kind}

    months = {w: int(v) for w, v in table("month").items()}  # type: ignore[arg-type]
    # abbreviated weekdays ("Tues.") are read in datelines only, never in running text
    full_weekdays = [r.word for r in rows if r.kind == "weekday" and not r.abbreviation]
    abbreviations = [w + "." for r in rows if r.abbreviation for w in _cased([r.word])]
    month_alt = rf"(?:{_alternation(abbreviations)}|{_alternation(_cased(list(months)))})(?!\w)"
    connectors = table("range_connector")
    symbols = _alternation([w for w in connectors if not w.isalpha()])
    words = _alternation([w for w in connectors if w.isalpha()])
    sep = rf"(?P<sep>\s*(?:{symbols})\s*|\s+(?i:{words})\s+)"
    relative_years = {w: int(v) for w, v in table("relative_year").items()}  # type: ignore[arg-type]

    def month(n: str) -> str:
        return rf"(?P<{n}>{month_alt})"

    def day(n: str) -> str:
        return rf"(?P<{n}>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)"

    def year(n: str) -> str:  # "…, 2018" or "… last year"
        return (rf"(?:,?\s+(?P<y{n}>1[89]\d\d|20\d\d)(?!\w)"
                rf"|\s+(?P<r{n}>(?i:{_alternation(list(relative_years))}))(?!\w))?")

    of = r"(?:(?<=st|nd|rd|th)\s+of)?"  # "the 7th of May": "of" only after an ordinal
    s = r"\s+"
    calendar = {
        "md_md": (month("m1") + s + day("d1") + year("1") + sep + month("m2") + s + day("d2")
                  + year("2"), _WORD_LEFT),
        "dm_dm": (day("d1") + of + s + month("m1") + year("1") + sep + day("d2") + of + s
                  + month("m2") + year("2"), _NUMBER_LEFT),
        "md_d": (month("m1") + s + day("d1") + sep + day("d2") + year("2"), _WORD_LEFT),
        "d_dm": (day("d1") + sep + day("d2") + of + s + month("m2") + year("2"), _NUMBER_LEFT),
        "md": (month("m1") + s + day("d1") + year("1"), _WORD_LEFT),
        "dm": (day("d1") + of + s + month("m1") + year("1"), _NUMBER_LEFT),
    }
    forms = [_Form(n, re.compile(p), _read_calendar, left) for n, (p, left) in calendar.items()]
    forms += [
        _Form("dots", re.compile(r"(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>\d{4})(?!\w|\.\d)"),
              _read_numeric, _NUMBER_LEFT),
        _Form("iso", re.compile(r"(?P<y>\d{4})-(?P<b>\d{1,2})-(?P<a>\d{1,2})(?!\w|-\d)"),
              _read_numeric, _NUMBER_LEFT),
        _Form("slash", re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?!\w|/\d)"),
              _read_numeric, _NUMBER_LEFT),
        _Form("relative", re.compile(rf"(?:{_alternation(list(table('relative_day')))})(?!\w)"),
              _read_relative, lower=True),
        _Form("days_ago", re.compile(r"days?\s+ago(?!\w)"), _read_days_ago, lower=True),
        _Form("weekday", re.compile(
            rf"(?P<wd>{_alternation(_cased(full_weekdays))})(?!\w)"
            r"(?P<cue>\s+(?i:morning|afternoon|evening|night)(?!\w)|['’]s(?!\w))?"),
            _read_weekday),
    ]
    numbers = {w: int(v) for w, v in table("number").items()}  # type: ignore[arg-type]
    modifiers = {w: str(v) for w, v in table("weekday_modifier").items()}
    return _Lexicon(
        months=months,
        weekdays={w: int(v) for w, v in table("weekday").items()  # type: ignore[arg-type]
                  if w in full_weekdays},
        relative={w: int(v) for w, v in table("relative_day").items()},  # type: ignore[arg-type]
        relative_years=relative_years,
        modifiers=modifiers,
        numbers=numbers,
        consecutive=frozenset(w for w, v in connectors.items() if v == "consecutive"),
        forms=tuple(forms),
        prepositions=re.compile(rf"(?:(?i:{_alternation(list(table('preposition')))})\s+)+"),
        modifier_before=re.compile(rf"(?<!\w)(?P<mod>(?i:{_alternation(list(modifiers))}))\s+\Z"),
        number_before=re.compile(rf"(?<!\w)(?P<n>{_alternation(list(numbers))}|\d{{1,2}})\s+\Z"),
        month_word=re.compile(month_alt),
    )


# --- reading a match into parts -----------------------------------------------


def _int(m: re.Match[str], group: str) -> int | None:
    value = m.groupdict().get(group)
    return int(value) if value else None


def _month(m: re.Match[str], group: str, lex: _Lexicon) -> int | None:
    value = m.groupdict().get(group)
    return lex.months[value.rstrip(".").lower()] if value else None


def _relative_year(m: re.Match[str], group: str, lex: _Lexicon) -> int | None:
    value = m.groupdict().get(group)
    return lex.relative_years[" ".join(value.lower().split())] if value else None


def _valid_day(month: int, day: int, year: int | None) -> bool:
    return 1 <= month <= 12 and 1 <= day <= monthrange(year or _LEAP_YEAR, month)[1]


def _read_calendar(m: re.Match[str], lex: _Lexicon, order: DateOrder) -> _Reading | None:
    """Parts of a month-name form; a range's missing month is its other end's."""
    m1 = _month(m, "m1", lex) or _month(m, "m2", lex)
    m2 = _month(m, "m2", lex) or m1
    d1, d2 = _int(m, "d1"), _int(m, "d2")
    y1, y2 = _int(m, "y1"), _int(m, "y2")
    r1, r2 = _relative_year(m, "r1", lex), _relative_year(m, "r2", lex)
    if m1 is None or d1 is None or not _valid_day(m1, d1, y1 or y2):
        return None
    if d2 is None:
        return Calendar(m1, d1, y1, r1=r1), m.start(), m.end()
    if m2 is None or not _valid_day(m2, d2, y2 or y1):
        return None
    if m1 == m2 and d2 <= d1:
        return None  # "April 26-25" is no range
    sep = (m.group("sep") or "").strip().lower()
    if sep in lex.consecutive and not _consecutive(m1, d1, m2, d2, y1 or y2):
        return None  # "8 and 15 December" is two dates, not a range
    return Calendar(m1, d1, y1, m2, d2, y2, r1, r2), m.start(), m.end()


def _consecutive(m1: int, d1: int, m2: int, d2: int, year: int | None) -> bool:
    first = dt.date(year or _LEAP_YEAR, m1, d1)
    return (first + dt.timedelta(days=1)).timetuple()[1:3] == (m2, d2)


def _read_numeric(m: re.Match[str], lex: _Lexicon, order: DateOrder) -> _Reading | None:
    """26.01.2018 is day-first, 2018-01-26 year-first; slashes follow `order`."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    day, month = a, b
    if "/" in m.group(0) and ((order == "MDY" and a <= 12) or b > 12):
        day, month = b, a
    if not _valid_day(month, day, year):
        return None
    return Calendar(month, day, year), m.start(), m.end()


def _read_relative(m: re.Match[str], lex: _Lexicon, order: DateOrder) -> _Reading:
    return Relative(lex.relative[" ".join(m.group(0).split())]), m.start(), m.end()


def _read_days_ago(m: re.Match[str], lex: _Lexicon, order: DateOrder) -> _Reading | None:
    """"two days ago": the number is looked for just before "days ago"."""
    before = lex.number_before.search(m.string, max(0, m.start() - 8), m.start())
    if before is None:
        return None
    n = before.group("n")
    days = int(n) if n.isdigit() else lex.numbers[n]
    return (Relative(-days), before.start(), m.end()) if days > 0 else None


def _read_weekday(m: re.Match[str], lex: _Lexicon, order: DateOrder) -> _Reading | None:
    """A weekday counts only after a modifier ("on", "last") or with a cue
    ("Monday's", "Monday morning"); "every Monday", "Mondays" are no day.
    A leading "on" is a preposition and stays out of the span; "last" is kept."""
    before = lex.modifier_before.search(m.string, max(0, m.start() - 8), m.start())
    mod = before.group("mod").lower() if before else ""
    if not mod and not m.group("cue"):
        return None
    weekday = Weekday(lex.weekdays[m.group("wd").lower()], lex.modifiers.get(mod, "on_or_before"))
    start = before.start() if before and mod != "on" else m.start()
    possessive = (m.group("cue") or "").endswith("s")
    return weekday, start, m.end("wd") if possessive else m.end()


# --- anchoring: parts -> (start, end, year_inferred) ----------------------------


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


# --- public API ------------------------------------------------------------------


def normalise_date_text(
    text: str, anchor: dt.date | None, *, date_order: DateOrder = "MDY"
) -> tuple[dt.date, dt.date, bool] | None:
    """(start, end, year_inferred) of one short date expression, or None.

    `anchor` is the publication date: a missing year and relative words resolve
    against it. A leading preposition ("on 7 May", "from 5 to 7 March") is
    allowed. Our own forms are tried first; dateparser reads only a string that
    none of them matches at all.
    """
    lex = _lexicon()
    cleaned = _clean(text)
    wrapped = Anchor(anchor) if anchor else None
    if cleaned.lower() in lex.weekdays:  # given on its own, a weekday is a day
        return resolve(Weekday(lex.weekdays[cleaned.lower()], "on_or_before"), wrapped)
    matches = _select(list(_scan(cleaned, date_order)))
    if len(matches) == 1 and _covers(cleaned, matches[0]):
        return resolve(matches[0].parsed, wrapped)
    if any(form.pattern.search(cleaned) for form in lex.forms):
        return None  # one of our forms, read and refused ("April 26-25")
    return _fallback(lex.prepositions.sub("", cleaned, count=1), wrapped, date_order)


def _covers(text: str, match: _Match) -> bool:
    """The match is the whole expression, but for a leading preposition."""
    head = text[: match.start]
    return text[match.end :].strip() in {"", "'s", "’s"} and (
        head.strip() == "" or bool(_lexicon().prepositions.fullmatch(head))
    )


def find_dates(
    doc: Doc,
    published: dt.date | str | None,
    *,
    date_order: DateOrder = "MDY",
    text: str | None = None,
) -> list[Date]:
    """Every date expression of the text that names a day or a day range, in text
    order, normalised (see the module docstring for how years are chosen).

    Candidates are our own forms over the whole text, then the model's DATE
    entities that none of them covers (read by dateparser). Spans index
    `doc.text` and leave out a leading "on". Pass `text` (== doc.text) when the
    caller has it: spaCy rebuilds doc.text from the tokens on every access.
    """
    if text is None:
        from communique.pipeline.components.doc_cache import text_of

        text = text_of(doc)
    if isinstance(published, str):
        published = dt.date.fromisoformat(published)
    matches = _select(list(_scan(text, date_order)))
    matches += _entity_matches(doc, text, matches, date_order)
    matches.sort(key=lambda m: m.start)
    anchor_for = _anchoring(text, matches, published)
    found: list[Date] = []
    for match in matches:
        resolved = resolve(match.parsed, anchor_for(match))
        if resolved is None:
            continue
        start, end, inferred = resolved
        written = text[match.start : match.end]
        found.append(Date(
            start=start.isoformat(), end=end.isoformat(), text=written, year_inferred=inferred,
            span=Span(start=match.start, end=match.end, text=written),
        ))
    return found


def dateline_date(text: str) -> dt.date | None:
    """The full date of a dateline at the top of `text` ("KABUL, Afghanistan
    (Jan. 25, 2013) —", "Ashgabat, 26 January 2018"), for ingest to use as the
    publication date; None when the text does not open with one."""
    for match in _select(list(_scan(text[: _DATELINE_MAX_CHARS + 40], "MDY"))):
        if _is_dateline(text, match):
            resolved = resolve(match.parsed, None)
            return resolved[0] if resolved else None
    return None


# --- scanning ---------------------------------------------------------------------


def _clean(text: str) -> str:
    """Trim what may surround a short expression: spaces, brackets, commas, a
    sentence-final dot after a number."""
    cleaned = " ".join(text.split()).strip(" ,;:()[]")
    return cleaned[:-1] if cleaned.endswith(".") and cleaned[-2:-1].isdigit() else cleaned


def _scan(text: str, date_order: DateOrder) -> Iterator[_Match]:
    """Every (possibly overlapping) reading of every form over the text."""
    lex = _lexicon()
    lower = _lower_same_length(text)
    for form in lex.forms:
        searched = lower if form.lower else text
        for m in form.pattern.finditer(searched):
            start = m.start()
            if start and (searched[start - 1].isalnum() or searched[start - 1] in "_" + form.left):
                continue
            if form.lower and _inside_name(text, start):
                continue
            reading = form.read(m, lex, date_order)
            if reading is not None:
                yield _Match(reading[1], reading[2], reading[0])


def _inside_name(text: str, start: int) -> bool:
    """A capitalised word right after another capitalised word belongs to a name
    ("Russia Today", "USA Today"), not to a date; after a full stop it does not."""
    if not text[start].isupper():
        return False
    previous = text[max(0, start - 40) : start]
    words = previous.split()
    return bool(words) and previous.endswith(" ") and words[-1][:1].isupper() and (
        words[-1][-1:].isalnum()
    )


def _lower_same_length(text: str) -> str:
    """text.lower() with every offset kept (a few characters lower to two)."""
    lower = text.lower()
    if len(lower) == len(text):
        return lower
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _select(candidates: list[_Match]) -> list[_Match]:
    """Longest first, no overlaps (like spacy.util.filter_spans); then drop a
    weekday standing next to a written date ("Friday, 26 January")."""
    kept: list[_Match] = []
    for cand in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    kept.sort(key=lambda m: m.start)
    return [m for i, m in enumerate(kept) if not _weekday_beside_date(kept, i)]


def _weekday_beside_date(kept: list[_Match], i: int) -> bool:
    """True when kept[i] is a weekday written next to a date ("Friday, 26 January",
    "26 January (Friday)"): the date is what was written, the weekday adds nothing."""
    if not isinstance(kept[i].parsed, Weekday):
        return False
    before = kept[i - 1] if i > 0 else None
    after = kept[i + 1] if i + 1 < len(kept) else None
    return bool(
        (after and isinstance(after.parsed, Calendar) and after.start - kept[i].end <= 3)
        or (before and isinstance(before.parsed, Calendar) and kept[i].start - before.end <= 3)
    )


def _entity_matches(
    doc: Doc, text: str, matches: list[_Match], date_order: DateOrder
) -> list[_Match]:
    """DATE entities our forms did not cover, when they name a month and a day number.

    Building doc.ents costs more than all our forms together, so it is only done
    when some month name of the text stands outside every match."""
    if all(
        any(m.start <= hit.start() < m.end for m in matches)
        for hit in _lexicon().month_word.finditer(text)
    ):
        return []
    extra = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or not _looks_like_day(ent.text):
            continue
        if any(ent.start_char < m.end and m.start < ent.end_char for m in matches):
            continue
        parsed = _parse_with_dateparser(_clean(ent.text), date_order)
        if parsed:
            extra.append(_Match(ent.start_char, ent.end_char, parsed))
    return extra


def _anchoring(
    text: str, matches: list[_Match], published: dt.date | None
) -> Callable[[_Match], Anchor | None]:
    """The anchor of each match: the publication date; without one, a dateline;
    without that, the year of the nearest date with a written year."""
    if published:
        fixed: Anchor | None = Anchor(published)
        return lambda _m: fixed
    for match in matches[:1]:
        if _is_dateline(text, match):
            resolved = resolve(match.parsed, None)
            if resolved:
                line = Anchor(resolved[0])
                return lambda _m: line
    full = [
        (m.start, resolved[0]) for m in matches
        if isinstance(m.parsed, Calendar) and (resolved := resolve(m.parsed, None))
    ]

    def nearest(match: _Match) -> Anchor | None:
        before = [day for start, day in full if start <= match.start]
        after = [day for start, day in full if start > match.start]
        day = before[-1] if before else (after[0] if after else None)
        return Anchor(day, year_only=True) if day else None

    return nearest


def _is_dateline(text: str, match: _Match) -> bool:
    """A full date near the top, after a place and a comma or bracket only."""
    if not isinstance(match.parsed, Calendar) or match.end > _DATELINE_MAX_CHARS:
        return False
    if match.parsed.y1 is None and match.parsed.y2 is None:
        return False
    prefix = text[: match.start]
    return (
        "\n" not in prefix.strip()
        and prefix.rstrip()[-1:] in {",", "("}
        and bool(_DATELINE_PREFIX.fullmatch(prefix))
    )


# --- dateparser fallback (short strings only, cached) -------------------------------


_DAY_NUMBER = re.compile(r"(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)")
_NUMBER = re.compile(r"(?<!\d)(\d{1,2})(?!\d)")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?!\d)")


def _looks_like_day(text: str) -> bool:
    """Worth a dateparser call: a month name and a day number ("December the 5th")."""
    return bool(_lexicon().month_word.search(text) and _DAY_NUMBER.search(text))


def _fallback(text: str, anchor: Anchor | None, date_order: DateOrder) -> tuple[
        dt.date, dt.date, bool] | None:
    if not _looks_like_day(text):
        return None
    parsed = _parse_with_dateparser(text, date_order)
    return resolve(parsed, anchor) if parsed else None


@lru_cache(maxsize=4096)
def _parse_with_dateparser(text: str, date_order: DateOrder) -> Calendar | None:
    """Day and month (and the year, only where written) that dateparser reads.

    The year is taken from dateparser only when the text writes one, so the
    anchoring rule stays ours; the anchor is therefore not part of the key.
    """
    import dateparser  # slow import, needed only on this rare path

    settings = {
        "DATE_ORDER": date_order,
        "PREFER_DATES_FROM": "past",
        "REQUIRE_PARTS": ["day", "month"],
        "RELATIVE_BASE": dt.datetime(_LEAP_YEAR, 12, 31),
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    result = dateparser.parse(text, languages=["en"], settings=settings)
    written_days = {int(n) for n in _NUMBER.findall(text)}
    if result is None or result.day not in written_days:
        return None  # dateparser filled in a day that was not written
    year = result.year if _YEAR.search(text) else None
    return Calendar(result.month, result.day, year)
