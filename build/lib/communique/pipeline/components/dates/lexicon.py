"""The words of the date forms (`data/dates_words.jsonl`), loaded and validated once.

The calendar table (month and weekday names) is also what ingest reads for
datelines and header dates, so it is one table for the whole project.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from communique.pipeline.components.dates.rows import DateWord
from communique.pipeline.rules import load_rows

DATA_DIR = Path(__file__).parent / "data"
WORDS_FILE = "dates_words.jsonl"


def load_words(data_dir: Path = DATA_DIR) -> tuple[DateWord, ...]:
    """Every row of the words file of `data_dir` (RuleDataError: file and line)."""
    return tuple(load_rows(WORDS_FILE, DateWord, data_dir))


@cache
def default_words() -> tuple[DateWord, ...]:
    """The shipped words, loaded once per process."""
    return load_words()


@cache
def calendar_words() -> tuple[dict[str, int], dict[str, int]]:
    """Month and weekday names with their abbreviations (lower case, no dot) -> number:
    the one calendar table, also read by ingest for datelines and headers."""
    rows = default_words()
    months = {r.word: int(r.value) for r in rows if r.kind == "month"}  # type: ignore[arg-type]
    days = {r.word: int(r.value) for r in rows if r.kind == "weekday"}  # type: ignore[arg-type]
    return months, days


def cased(words: list[str]) -> list[str]:
    """Capitalised and upper-case spellings: proper names only ("may" is a verb)."""
    return [variant for w in words for variant in (w.capitalize(), w.upper())]


def alternation(words: list[str]) -> str:
    """A regex alternation of `words`, longest first (so no word shadows a longer one)."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
