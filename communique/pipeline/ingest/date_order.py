"""Day/month order of numeric dates as each input writes them (`--date-order`).

`04/11/2021` is 4 November in Europe and April 11 in the United States. With
`--date-order auto` (the default) each input (a .txt/.html file, or the whole
of a JSONL/CSV file: its publication-date column, else its texts) is read in
the order its own unambiguous dates show: one `25/10/2021` makes the input
day-first, one `10/25/2021` month-first. An input with no such date, or with
both kinds, has no order; its ambiguous values are read month-first, as
before, and each record holding one gets a warning saying so, never a silent
guess. `DMY` / `MDY` force an order; `YMD` reads year-first dates (always
year-month-day) and leaves the year-last ones to inference. Dotted dates
(26.01.2018) are day-first everywhere and are not evidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_SLASHED = re.compile(r"(?<![\w/])(\d{1,2})/(\d{1,2})/(\d{4})(?![\w/])")
FALLBACK = "MDY"


@dataclass(frozen=True)
class InputOrder:
    """The order an input's slashed dates are read in, and why (recorded in run.json)."""

    order: str | None  # DMY | MDY | None (no evidence, or both kinds seen)
    reason: str  # "given", "inferred from '25/10/2021'", "no unambiguous date", "mixed ..."

    @property
    def used(self) -> str:
        return self.order or FALLBACK

    def as_json(self) -> dict[str, str]:
        return {"order": self.used, "reason": self.reason}


def infer_order(given: str, values: Iterable[str | None]) -> InputOrder:
    """The order of one input: `given` unless auto/YMD, else the evidence of `values`."""
    if given in {"DMY", "MDY"}:
        return InputOrder(given, "given")
    day_first = month_first = None
    for value in values:
        for a, b, _year in _SLASHED.findall(value or ""):
            if int(a) > 12 >= int(b) and day_first is None:
                day_first = f"{a}/{b}/{_year}"
            elif int(b) > 12 >= int(a) and month_first is None:
                month_first = f"{a}/{b}/{_year}"
        if day_first and month_first:
            return InputOrder(None, f"mixed: {day_first!r} is day-first, {month_first!r} "
                                    "month-first")
    if day_first:
        return InputOrder("DMY", f"inferred from {day_first!r}")
    if month_first:
        return InputOrder("MDY", f"inferred from {month_first!r}")
    return InputOrder(None, "no unambiguous date")


def ambiguous_values(texts: Iterable[str | None]) -> list[str]:
    """The slashed dates of `texts` that read as two different days (04/11/2021)."""
    found = []
    for text in texts:
        for a, b, year in _SLASHED.findall(text or ""):
            if a != b and int(a) <= 12 and int(b) <= 12 and f"{a}/{b}/{year}" not in found:
                found.append(f"{a}/{b}/{year}")
    return found


def ambiguity_warning(order: InputOrder, texts: Iterable[str | None]) -> str | None:
    """A warning for a record whose ambiguous dates were read with no evidence."""
    if order.order is not None:
        return None
    values = ambiguous_values(texts)
    if not values:
        return None
    shown = ", ".join(repr(v) for v in values[:3])
    return (f"ambiguous date {shown} read as month/day ({order.reason} in this input); "
            "pass --date-order DMY if it is day/month")
