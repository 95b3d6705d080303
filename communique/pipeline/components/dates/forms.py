"""The written forms of a date, compiled once from the words, and the scan of a text.

Why a table-driven regex parse: releases write dates in a handful of regular
forms ("January 26, 2018", "26 January", "April 25-26", "30 November –
2 December", "26.01.2018", "yesterday", "on Monday"). Reading them with our own
month table is exact, fast (issue 7) and tells us which parts were *written*,
which is what `year_inferred` must report honestly.

Speed: Python's `re` skips quickly to a literal first character (a month name,
a digit) but tries every position when a pattern opens with a look-behind or
\b. So every pattern opens with its literal, the left boundary is checked in
Python on the few hits (`Form.left`), and case-insensitive words are matched
on a lower-cased copy of the text.
"""

from __future__ import annotations

import datetime as dt
import re
from calendar import monthrange
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from communique.pipeline.components.dates.lexicon import alternation, cased
from communique.pipeline.components.dates.readings import (
    LEAP_YEAR,
    Calendar,
    Candidate,
    DateOrder,
    Parsed,
    Relative,
    SameDay,
    Weekday,
)
from communique.pipeline.components.dates.rows import DateWord

_WORD_LEFT = ""  # the character before a match may not be a word character ...
_NUMBER_LEFT = ".,/-‐‑–—"  # ... nor, before a day-first date or a number, one of these

# A weekday written next to a date, at most this many characters away, adds nothing.
_BESIDE_CHARS = 3


@dataclass(frozen=True)
class Form:
    """One written form: its regex, what may not stand just before it, whether it
    runs on the lower-cased text, and how a match becomes (parts, start, end)."""

    name: str
    pattern: re.Pattern[str]
    read: Callable[[re.Match[str], DateLexicon, DateOrder], Reading | None]
    left: str = _WORD_LEFT
    lower: bool = False


Reading = tuple[Parsed, int, int]


@dataclass(frozen=True)
class DateLexicon:
    """The word tables and every compiled form of the dates component."""

    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, int]
    same_day: dict[str, int]  # phrase (spaces normalised) -> days after the previous date
    relative_years: dict[str, int]
    modifiers: dict[str, str]
    numbers: dict[str, int]
    consecutive: frozenset[str]
    forms: tuple[Form, ...]
    prepositions: re.Pattern[str]
    modifier_before: re.Pattern[str]
    number_before: re.Pattern[str]
    month_word: re.Pattern[str]
    day_number: re.Pattern[str]  # a day number, with its ordinal suffix ("5th")
    blocker_before: re.Pattern[str] | None = None  # "every" before a bare weekday


def _phrases(words: list[str]) -> str:
    """An alternation of (multi-word) phrases, any run of spaces between their words."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)


def compile_lexicon(rows: tuple[DateWord, ...]) -> DateLexicon:
    """Every form compiled from the words `rows` (done once, when the component is made)."""

    def table(kind: str) -> dict[str, int | str | None]:
        return {r.word: r.value for r in rows if r.kind == kind}

    def words(kind: str) -> list[str]:
        return [r.word for r in rows if r.kind == kind]

    months = {w: int(v) for w, v in table("month").items()}  # type: ignore[arg-type]
    # abbreviated weekdays ("Tues.") are read in datelines only, never in running text
    full_weekdays = [r.word for r in rows if r.kind == "weekday" and not r.abbreviation]
    abbreviations = [w + "." for r in rows if r.abbreviation for w in cased([r.word])]
    month_alt = rf"(?:{alternation(abbreviations)}|{alternation(cased(list(months)))})(?!\w)"
    connectors = table("range_connector")
    symbols = alternation([w for w in connectors if not w.isalpha()])
    connector_words = alternation([w for w in connectors if w.isalpha()])
    sep = rf"(?P<sep>\s*(?:{symbols})\s*|\s+(?i:{connector_words})\s+)"
    relative_years = {w: int(v) for w, v in table("relative_year").items()}  # type: ignore[arg-type]
    suffix = alternation(words("ordinal_suffix"))

    def month(n: str) -> str:
        return rf"(?P<{n}>{month_alt})"

    def day(n: str) -> str:
        return rf"(?P<{n}>3[01]|[12]\d|0?[1-9])(?:{suffix})?(?!\w)"

    def year(n: str) -> str:  # "…, 2018" or "… last year"
        return (rf"(?:,?\s+(?P<y{n}>1[89]\d\d|20\d\d)(?!\w)"
                rf"|\s+(?P<r{n}>(?i:{alternation(list(relative_years))}))(?!\w))?")

    of = rf"(?:(?<={suffix})\s+of)?"  # "the 7th of May": "of" only after an ordinal
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
    forms = [Form(n, re.compile(p), _read_calendar, left) for n, (p, left) in calendar.items()]
    forms += [
        Form("dots", re.compile(r"(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>\d{4})(?!\w|\.\d)"),
             _read_numeric, _NUMBER_LEFT),
        Form("iso", re.compile(r"(?P<y>\d{4})-(?P<b>\d{1,2})-(?P<a>\d{1,2})(?!\w|-\d)"),
             _read_numeric, _NUMBER_LEFT),
        Form("slash", re.compile(r"(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4})(?!\w|/\d)"),
             _read_numeric, _NUMBER_LEFT),
        Form("relative", re.compile(rf"(?:{alternation(list(table('relative_day')))})(?!\w)"),
             _read_relative, lower=True),
        Form("same_day", re.compile(rf"(?:{_phrases(list(table('same_day')))})(?!\w)"),
             _read_same_day, lower=True),
        Form("days_ago", re.compile(rf"(?:{_phrases(words('days_ago'))})(?!\w)"),
             _read_days_ago, lower=True),
        Form("weekday", re.compile(
            rf"(?P<wd>{alternation(cased(full_weekdays))})(?!\w)"
            rf"(?P<cue>\s+(?i:{alternation(words('day_part'))})(?!\w)|['’]s(?!\w))?"),
            _read_weekday),
    ]
    numbers = {w: int(v) for w, v in table("number").items()}  # type: ignore[arg-type]
    modifiers = {w: str(v) for w, v in table("weekday_modifier").items()}
    return DateLexicon(
        months=months,
        weekdays={w: int(v) for w, v in table("weekday").items()  # type: ignore[arg-type]
                  if w in full_weekdays},
        relative={w: int(v) for w, v in table("relative_day").items()},  # type: ignore[arg-type]
        same_day={w: int(v) for w, v in table("same_day").items()},  # type: ignore[arg-type]
        relative_years=relative_years,
        modifiers=modifiers,
        numbers=numbers,
        consecutive=frozenset(w for w, v in connectors.items() if v == "consecutive"),
        forms=tuple(forms),
        prepositions=re.compile(rf"(?:(?i:{alternation(list(table('preposition')))})\s+)+"),
        modifier_before=re.compile(rf"(?<!\w)(?P<mod>(?i:{alternation(list(modifiers))}))\s+\Z"),
        number_before=re.compile(rf"(?<!\w)(?P<n>{alternation(list(numbers))}|\d{{1,2}})\s+\Z"),
        month_word=re.compile(month_alt),
        day_number=re.compile(rf"(?<!\d)(?:3[01]|[12]\d|0?[1-9])(?:{suffix})?(?!\d)"),
        blocker_before=re.compile(
            rf"(?<!\w)(?i:{alternation(words('weekday_blocker'))})\s+\Z")
        if words("weekday_blocker") else None,
    )


# --- reading a match into parts -----------------------------------------------

def _int(m: re.Match[str], group: str) -> int | None:
    value = m.groupdict().get(group)
    return int(value) if value else None


def _month(m: re.Match[str], group: str, lex: DateLexicon) -> int | None:
    value = m.groupdict().get(group)
    return lex.months[value.rstrip(".").lower()] if value else None


def _relative_year(m: re.Match[str], group: str, lex: DateLexicon) -> int | None:
    value = m.groupdict().get(group)
    return lex.relative_years[" ".join(value.lower().split())] if value else None


def _valid_day(month: int, day: int, year: int | None) -> bool:
    return 1 <= month <= 12 and 1 <= day <= monthrange(year or LEAP_YEAR, month)[1]


def _read_calendar(m: re.Match[str], lex: DateLexicon, order: DateOrder) -> Reading | None:
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
    first = dt.date(year or LEAP_YEAR, m1, d1)
    return (first + dt.timedelta(days=1)).timetuple()[1:3] == (m2, d2)


def _read_numeric(m: re.Match[str], lex: DateLexicon, order: DateOrder) -> Reading | None:
    """26.01.2018 is day-first, 2018-01-26 year-first; slashes follow `order`."""
    a, b, year = int(m.group("a")), int(m.group("b")), int(m.group("y"))
    day, month = a, b
    if "/" in m.group(0) and ((order == "MDY" and a <= 12) or b > 12):
        day, month = b, a
    if not _valid_day(month, day, year):
        return None
    return Calendar(month, day, year), m.start(), m.end()


def _read_relative(m: re.Match[str], lex: DateLexicon, order: DateOrder) -> Reading:
    return Relative(lex.relative[" ".join(m.group(0).split())]), m.start(), m.end()


def _read_same_day(m: re.Match[str], lex: DateLexicon, order: DateOrder) -> Reading:
    return SameDay(lex.same_day[" ".join(m.group(0).split())]), m.start(), m.end()


def _read_days_ago(m: re.Match[str], lex: DateLexicon, order: DateOrder) -> Reading | None:
    """"two days ago": the number is looked for just before "days ago"."""
    before = lex.number_before.search(m.string, max(0, m.start() - 8), m.start())
    if before is None:
        return None
    n = before.group("n")
    days = int(n) if n.isdigit() else lex.numbers[n]
    return (Relative(-days), before.start(), m.end()) if days > 0 else None


_CLAUSE_END = re.compile(r"\s*(?:[.,;:!?)]|\s[—–-]\s)")


def _bare_weekday(m: re.Match[str], lex: DateLexicon) -> bool:
    """A weekday with no modifier ending its clause ("... killed in Kandahar Tuesday.",
    "said Tuesday, adding"), not after a blocker ("every Tuesday,")."""
    if not _CLAUSE_END.match(m.string, m.end()) or m.start() == 0:
        return False
    if not m.string[m.start() - 1].isspace():
        return False
    blocked = lex.blocker_before and lex.blocker_before.search(
        m.string, max(0, m.start() - 12), m.start())
    return not blocked


def _read_weekday(m: re.Match[str], lex: DateLexicon, order: DateOrder) -> Reading | None:
    """A weekday counts after a modifier ("on", "last"), with a cue ("Monday's",
    "Monday morning"), or bare at the end of a clause, as news agencies write it
    ("in Helmand province Tuesday."); "every Monday", "Mondays" are no day.
    A leading "on" is a preposition and stays out of the span; "last" is kept."""
    before = lex.modifier_before.search(m.string, max(0, m.start() - 8), m.start())
    mod = before.group("mod").lower() if before else ""
    if not mod and not m.group("cue") and not _bare_weekday(m, lex):
        return None
    weekday = Weekday(lex.weekdays[m.group("wd").lower()], lex.modifiers.get(mod, "on_or_before"))
    start = before.start() if before and mod != "on" else m.start()
    possessive = (m.group("cue") or "").endswith("s")
    return weekday, start, m.end("wd") if possessive else m.end()



# --- scanning ---------------------------------------------------------------------

def clean(text: str) -> str:
    """Trim what may surround a short expression: spaces, brackets, commas, a
    sentence-final dot after a number."""
    cleaned = " ".join(text.split()).strip(" ,;:()[]")
    return cleaned[:-1] if cleaned.endswith(".") and cleaned[-2:-1].isdigit() else cleaned


def scan(text: str, date_order: DateOrder, lex: DateLexicon) -> Iterator[Candidate]:
    """Every (possibly overlapping) reading of every form over the text."""
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
                yield Candidate(reading[1], reading[2], reading[0])


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


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Longest first, no overlaps (like spacy.util.filter_spans); then drop a
    weekday standing next to a written date ("Friday, 26 January")."""
    kept: list[Candidate] = []
    for cand in sorted(candidates, key=lambda m: (m.start - m.end, m.start)):
        if all(cand.end <= k.start or cand.start >= k.end for k in kept):
            kept.append(cand)
    kept.sort(key=lambda m: m.start)
    return [m for i, m in enumerate(kept) if not _weekday_beside_date(kept, i)]


def _weekday_beside_date(kept: list[Candidate], i: int) -> bool:
    """True when kept[i] is a weekday written next to a date ("Friday, 26 January",
    "26 January (Friday)"): the date is what was written, the weekday adds nothing."""
    if not isinstance(kept[i].parsed, Weekday):
        return False
    before = kept[i - 1] if i > 0 else None
    after = kept[i + 1] if i + 1 < len(kept) else None
    return bool(
        (after and isinstance(after.parsed, Calendar)
         and after.start - kept[i].end <= _BESIDE_CHARS)
        or (before and isinstance(before.parsed, Calendar)
            and kept[i].start - before.end <= _BESIDE_CHARS)
    )


def covers(text: str, match: Candidate, lex: DateLexicon) -> bool:
    """The match is the whole expression, but for a leading preposition."""
    head = text[: match.start]
    return text[match.end :].strip() in {"", "'s", "’s"} and (
        head.strip() == "" or bool(lex.prepositions.fullmatch(head))
    )
