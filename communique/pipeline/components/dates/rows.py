"""Row model of `dates/data/dates_words.jsonl`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel


class DateWord(BaseModel):
    """One word of the date forms: a month or weekday name, a relative day, a number
    word, a range connector, a leading preposition, a part of the day ("Monday
    morning"), an ordinal suffix ("7th"), a "days ago" phrase, a word before a bare weekday that
    makes it no single day ("every Tuesday"), or a day said from the date written
    before it ("on the same day", "the following day")."""

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
        "day_part",
        "ordinal_suffix",
        "days_ago",
        "weekday_blocker",
        "same_day",
    ]
    value: int | str | None = None
    abbreviation: bool = False
