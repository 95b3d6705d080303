"""Officeholders: who held which office on a date, from a table of real-world facts.

A release often names a principal by title and surname only ("President
Biden", "Foreign Minister Lavrov") and leaves the country out because every
reader knows it. This table supplies that knowledge for the offices the
corpus is about, term by term, so a mention resolves to a person, country
and role on the event's date. Rows are facts checked at load: a term has a
start before its end and no office has two holders at once.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from pydantic import BaseModel, field_validator, model_validator

from communique.models.records import RoleCategory
from communique.pipeline.linking import rules
from communique.pipeline.linking.names import NameKey, compatible, name_key
from communique.pipeline.rules import RuleDataError, load_rows

FILE = "officeholders.csv"


class OfficeholderRow(BaseModel):
    """One term of one person in one office (end exclusive; None = still in office)."""

    office: str
    country_code: str | None = None
    organization: str | None = None
    role_category: RoleCategory
    title: str
    name: str
    aliases: str | None = None
    start: dt.date
    start_exact: bool = True
    end: dt.date | None = None

    @field_validator("country_code")
    @classmethod
    def _iso(cls, value: str | None) -> str | None:
        if value is not None and value not in rules.country_names():
            raise ValueError(f"unknown country code {value!r}")
        return value

    @model_validator(mode="after")
    def _dates(self) -> OfficeholderRow:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"term ends {self.end} before it starts {self.start}")
        if not self.country_code and not self.organization:
            raise ValueError("an office belongs to a country or an organization")
        return self

    def holds(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def names(self) -> list[str]:
        return [self.name, *(a.strip() for a in (self.aliases or "").split("|") if a.strip())]

    @property
    def country(self) -> str | None:
        return rules.country_names().get(self.country_code) if self.country_code else None


@dataclass(frozen=True)
class Holding:
    """A resolved mention: the term it falls in, and which of its names matched."""

    row: OfficeholderRow
    key: NameKey


def overlaps(rows: list[OfficeholderRow]) -> list[tuple[OfficeholderRow, OfficeholderRow]]:
    """Pairs of terms of one office that share a day (the table must have none)."""
    by_office: dict[str, list[OfficeholderRow]] = defaultdict(list)
    for row in rows:
        by_office[row.office].append(row)
    found = []
    for terms in by_office.values():
        terms.sort(key=lambda r: r.start)
        for before, after in pairwise(terms):
            if before.end is None or after.start < before.end:
                found.append((before, after))
    return found


def load(data_dir: Path = rules.DATA_DIR, name: str = FILE) -> list[OfficeholderRow]:
    """The table, validated row by row and checked for overlapping terms."""
    rows = load_rows(name, OfficeholderRow, data_dir=data_dir)
    clashes = overlaps(rows)
    if clashes:
        a, b = clashes[0]
        raise RuleDataError(f"{name}: {a.office} has two holders at once: "
                            f"{a.name} ({a.start}..{a.end}) and {b.name} ({b.start}..)")
    return rows


class Officeholders:
    """Index of terms by surname skeleton and by (country, category)."""

    def __init__(self, rows: list[OfficeholderRow]) -> None:
        self.rows = rows
        self.by_surname: dict[str, list[Holding]] = defaultdict(list)
        for row in rows:
            for written in row.names():
                key = name_key(written, row.country_code)
                if key is not None:
                    self.by_surname[key.surname].append(Holding(row, key))

    def resolve(self, key: NameKey, category: str | None, day: dt.date,
                country_code: str | None = None) -> OfficeholderRow | None:
        """The one term whose holder fits the name, title and country on `day`."""
        found = {id(h.row): h.row for h in self.by_surname.get(key.surname, [])
                 if compatible(key, h.key) and h.row.holds(day)
                 and _category_fits(category, h.row.role_category)
                 and (country_code is None or country_code == h.row.country_code)}
        rows = list(found.values())
        return rows[0] if len({r.name for r in rows}) == 1 else None

    def holder(self, country_code: str, category: str, day: dt.date) -> OfficeholderRow | None:
        """The holder of the office of `category` in `country_code` on `day` (unnamed mentions)."""
        rows = [r for r in self.rows if r.country_code == country_code and r.holds(day)
                and r.role_category == category]
        return rows[0] if len(rows) == 1 else None


def _category_fits(mention: str | None, office: str) -> bool:
    return mention is None or (mention, office) in rules.office_compatibility()


@cache
def default() -> Officeholders:
    return Officeholders(load())
