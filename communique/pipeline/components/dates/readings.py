"""What a date form reads: the written parts, before any anchoring."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

DateOrder = Literal["DMY", "MDY", "YMD"]

# The leap year used to check day numbers before the year is known (29 February).
LEAP_YEAR = 2000


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


@dataclass(frozen=True)
class SameDay:
    """A day counted from the date written before it in the text ("on the same day"
    = 0, "the following day" = 1): it refers back, not to the publication date."""

    days: int


Parsed = Calendar | Relative | Weekday | SameDay


@dataclass(frozen=True)
class Candidate:
    """A candidate found in the text: where the expression stands, what it says."""

    start: int
    end: int
    parsed: Parsed
