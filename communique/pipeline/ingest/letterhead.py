"""Letterhead lines above a dateline, and the year a release number lends.

Scraped pages and ministry feeds put an office name, "For Immediate Release",
a release number or "Download PDF" above the dateline. Those lines are rule
data (`ingest/data/letterhead.yaml`, regular expressions checked when loaded:
a bad one names its file and line). A short line with no sentence end (an
office name, a headline) is letterhead too: the dateline search goes past it,
and stops after the first line that reads as running text.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Literal

from pydantic import BaseModel, field_validator

from communique.pipeline.ingest.rule_data import load_ingest_rows

#: A line this short with no sentence end is a letterhead line (office name, headline).
LETTERHEAD_MAX_CHARS = 100
_SENTENCE_END = re.compile(r"[.!?]['\"”’)]*\s*$")
_YEAR = re.compile(r"(?<!\d)(19\d{2}|20\d{2})(?!\d)")


class LetterheadRow(BaseModel):
    """One line of letterhead.yaml: a regex for a letterhead or release-number line."""

    kind: Literal["letterhead", "release_number"]
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"bad regular expression: {exc}") from exc
        return value


@cache
def _patterns() -> dict[str, tuple[re.Pattern[str], ...]]:
    rows = load_ingest_rows("letterhead.yaml", LetterheadRow)
    return {kind: tuple(re.compile(r.pattern, re.IGNORECASE) for r in rows if r.kind == kind)
            for kind in ("letterhead", "release_number")}


def is_letterhead(line: str) -> bool:
    """True for a line that is not yet the release's text: a known letterhead line, a
    release number, or a short line with no sentence end."""
    text = line.strip()
    patterns = _patterns()
    if any(p.match(text) for p in patterns["letterhead"] + patterns["release_number"]):
        return True
    return len(text) <= LETTERHEAD_MAX_CHARS and not _SENTENCE_END.search(text)


def release_number_year(lines: list[str]) -> int | None:
    """The year written in a release number among `lines` ("Release No. 20130125-03"
    gives 2013), or None."""
    for line in lines:
        for pattern in _patterns()["release_number"]:
            match = pattern.match(line.strip())
            year = _YEAR.search(match["number"]) if match else None
            if year:
                return int(year[1])
            compact = re.match(r"(19|20)\d{2}(?=\d{4})", match["number"]) if match else None
            if compact:
                return int(compact[0])
    return None


def year_in_name(stem: str) -> int | None:
    """A 4-digit year written in a file name ("isaf-2013-0125-op"), or None."""
    found = _YEAR.search(stem)
    return int(found[1]) if found else None
