"""Publication date and title from the top of a release: header, file name, dateline.

Releases carry their date in a handful of forms: a leading `YYYY-MM-DD` in
the file name, a small header block or front matter (`Date:` / `Title:` /
`Published:` lines), or a dateline opening the text ("KABUL, Afghanistan
(Jan. 25, 2013) —", "Ashgabat, 26 January 2018", "WASHINGTON, March 3, 2022 -",
"26.01.2018"). Only these short expressions are parsed, never the body: a
sentence that merely starts with a date ("On January 26, 2018, the delegation
...") is the event's date, not the publication date, and is left alone.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

from communique.pipeline.components.dates.lexicon import calendar_words
from communique.pipeline.ingest.letterhead import is_letterhead


@dataclass(frozen=True)
class FoundDate:
    """An ISO date and where its expression stands (offsets into the searched text)."""

    iso: str | None  # None: a dateline with no year and nothing to lend it one
    text: str
    start: int
    end: int
    year_inferred: bool = False


@cache
def _months() -> dict[str, int]:
    return calendar_words()[0]


@cache
def _weekdays() -> tuple[str, ...]:
    return tuple(calendar_words()[1])


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _date_pattern() -> str:
    """Regex (named groups) for one full date: month-name forms, dotted, ISO, slashed."""
    month = rf"(?:{_alternation(list(_months()))})\.?"
    weekday = rf"(?:(?:{_alternation(_weekdays())})\.?,?\s+)?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    return (
        rf"{weekday}(?:"
        rf"(?P<d1>{day})\s+(?:of\s+)?(?P<m1>{month}),?\s+(?P<y1>\d{{4}})"
        rf"|(?P<m2>{month})\s+(?P<d2>{day}),?\s+(?P<y2>\d{{4}})"
        rf"|(?P<y3>\d{{4}})-(?P<m3>\d{{1,2}})-(?P<d3>\d{{1,2}})"
        rf"|(?P<d4>\d{{1,2}})\.(?P<m4>\d{{1,2}})\.(?P<y4>\d{{4}})"
        rf"|(?P<a5>\d{{1,2}})/(?P<b5>\d{{1,2}})/(?P<y5>\d{{4}})"
        rf"|(?P<y8>\d{{4}})/(?P<m8>\d{{1,2}})/(?P<d8>\d{{1,2}})"
        r")"
    )


@cache
def _partial_pattern() -> str:
    """Regex (named groups) for a dateline's day and month written with no year."""
    month = rf"(?:{_alternation(list(_months()))})\.?"
    weekday = rf"(?:(?:{_alternation(_weekdays())})\.?,?\s+)?"
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    return (rf"{weekday}(?:(?P<d6>{day})\s+(?:of\s+)?(?P<m6>{month})"
            rf"|(?P<m7>{month})\s+(?P<d7>{day}))")


@cache
def _date_regex() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){_date_pattern()}(?![\w])", re.IGNORECASE)


# A place in a dateline: capitalised words ("KABUL", "Bandar Seri Begawan",
# "Port of Spain"), optionally followed by ", Country".
_WORD = r"[^\W\d_][\w'’.\-]*"


_CONNECTOR = r"(?:of|de|da|del|la|le|al|el|upon|on)"
_PLACE = rf"{_WORD}(?:[ \t]+(?:{_CONNECTOR}[ \t]+)?{_WORD}){{0,3}}"


@cache
def _dateline_regex() -> re.Pattern[str]:
    place = rf"(?P<place>{_PLACE}(?:,[ \t]*{_PLACE})?)"
    after_place = r"(?:[ \t]*,[ \t]*|[ \t]+(?=\()|[ \t]*[—–-][ \t]*)"
    end = r"[ \t]*\)?(?=[ \t]*(?:[—–|:]|-{1,2}(?:[ \t]|$)|\.(?:[ \t]|$)|$))"
    return re.compile(
        rf"^[ \t]*(?:{place}{after_place})?\(?[ \t]*"
        rf"(?:(?P<date>{_date_pattern()})|(?P<partial>{_partial_pattern()})){end}",
        re.IGNORECASE,
    )


def parse_date_expression(text: str, date_order: str = "MDY") -> str | None:
    """ISO date of a short full date expression (day, month and year written), or None.

    Month names and numeric forms are read with the calendar table; anything
    else of at most 40 characters goes to dateparser (English only).
    """
    text = text.strip()
    match = re.fullmatch(_date_pattern(), text, re.IGNORECASE)
    if match:
        return _iso_from_match(match, date_order)
    iso = re.match(r"(\d{4}-\d{2}-\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$", text)
    if iso:
        return _valid(*map(int, iso.group(1).split("-")))
    if len(text) > 40 or not re.search(r"\b\d{4}\b", text):
        return None  # only full dates with a written year; never "yesterday"
    return _dateparser(text, date_order)


def _dateparser(text: str, date_order: str) -> str | None:
    import dateparser  # slow import: only when a header holds an unusual form

    parsed = dateparser.parse(text, languages=["en"], settings={
        "REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": date_order,
        "STRICT_PARSING": True})
    return parsed.date().isoformat() if parsed else None


def _iso_from_match(match: re.Match[str], date_order: str) -> str | None:
    groups = match.groupdict()
    months = _months()
    for i in ("1", "2"):
        if groups[f"m{i}"]:
            month = months[groups[f"m{i}"].lower().rstrip(".")]
            day = int(re.sub(r"\D", "", groups[f"d{i}"]))
            return _valid(int(groups[f"y{i}"]), month, day)
    if groups["y3"]:
        return _valid(int(groups["y3"]), int(groups["m3"]), int(groups["d3"]))
    if groups["y8"]:  # year-first is year-month-day wherever it is written
        return _valid(int(groups["y8"]), int(groups["m8"]), int(groups["d8"]))
    if groups["y4"]:  # dotted dates are day-first everywhere they are written
        return _valid(int(groups["y4"]), int(groups["m4"]), int(groups["d4"]))
    first, second = int(groups["a5"]), int(groups["b5"])
    month, day = (first, second) if date_order == "MDY" else (second, first)
    if month > 12 >= day:  # unambiguous whatever the order
        month, day = day, month
    return _valid(int(groups["y5"]), month, day)


def _valid(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def date_from_filename(stem: str) -> str | None:
    """A leading `YYYY-MM-DD` (or `YYYY_MM_DD`, `YYYYMMDD`) in a file name, as ISO."""
    match = re.match(r"(\d{4})([-_.]?)(\d{2})\2(\d{2})(?!\d)", stem)
    return _valid(int(match[1]), int(match[3]), int(match[4])) if match else None


# Line separators of scraped text besides "\n": U+2028, U+2029, NEL, VT, FF.
_LINE_BREAK = re.compile(r"[\n\u2028\u2029\x85\x0b\x0c]")
#: Lines tried for a dateline whatever they hold (a title, a subtitle, the dateline).
ALWAYS_TRIED_LINES = 3
#: At most this many non-empty lines (letterhead included) are tried for a dateline.
MAX_TRIED_LINES = 12


def top_lines(text: str, start: int = 0, limit: int = 3000) -> list[tuple[int, str]]:
    """(offset, line) of the non-empty lines from `start`, split on every line separator."""
    found: list[tuple[int, str]] = []
    position = start
    for piece in _LINE_BREAK.split(text[start:start + limit]):
        if piece.strip():
            found.append((position, piece))
        position += len(piece) + 1
    return found


def find_dateline(text: str, start: int = 0, date_order: str = "MDY",
                  year: int | None = None) -> FoundDate | None:
    """The dateline date near the top from `start`: in the first three non-empty lines,
    or further down past letterhead lines (office name, "For Immediate Release", a
    release number), up to the first line of running text. A dateline with no year
    takes `year` (`year_inferred`); with none given its `iso` is None."""
    for n, (offset, line) in enumerate(top_lines(text, start)[:MAX_TRIED_LINES]):
        found = _dateline_of(line, offset, date_order, year)
        if found:
            return found
        if n + 1 >= ALWAYS_TRIED_LINES and not is_letterhead(line):
            return None
    return None


def _dateline_of(line: str, offset: int, date_order: str, year: int | None,
                 ) -> FoundDate | None:
    match = _dateline_regex().match(line)
    if not match or not _place_ok(match["place"]):
        return None
    if match["date"]:
        iso = _iso_from_match(re.fullmatch(_date_pattern(), match["date"], re.IGNORECASE),
                              date_order)
        begin = offset + match.start("date")
        return FoundDate(iso, match["date"], begin, begin + len(match["date"])) if iso else None
    parts = re.fullmatch(_partial_pattern(), match["partial"], re.IGNORECASE)
    assert parts is not None
    month = _months()[(parts["m6"] or parts["m7"]).lower().rstrip(".")]
    day = int(re.sub(r"\D", "", parts["d6"] or parts["d7"]))
    iso = _valid(year, month, day) if year else None
    if year and not iso:
        return None
    begin = offset + match.start("partial")
    return FoundDate(iso, match["partial"], begin, begin + len(match["partial"]),
                     year_inferred=iso is not None)


def first_full_date(text: str, start: int = 0) -> str | None:
    """ISO of the first full date (day, month and year written) in `text` from `start`."""
    for match in _date_regex().finditer(text, start):
        iso = _iso_from_match(match, "MDY")
        if iso:
            return iso
    return None


def _place_ok(place: str | None) -> bool:
    """A dateline place has only capitalised words (and small connectors)."""
    if place is None:
        return True
    words = re.findall(r"[^\W\d_][\w'’.\-]*", place)
    connectors = re.compile(rf"{_CONNECTOR}$")
    if words and words[0].lower() in {"on", "in", "at", "from", "since", "by"}:
        return False  # "On 5 May, ..." opens a sentence, not a dateline
    return all(w[0].isupper() or connectors.match(w) for w in words)
