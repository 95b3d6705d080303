"""Rule data of the linking stage, loaded once and validated at load.

The data lives in `linking/data/` (not `pipeline/data/`) so that editing it
does not invalidate the per-document extraction cache: linking re-runs over
cached records without re-running spaCy.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, field_validator

from communique.models.records import ROLE_CATEGORIES
from communique.pipeline.gazetteer.rows import DATA_DIR as GAZETTEER_DATA_DIR
from communique.pipeline.rules import load_rows

DATA_DIR = Path(__file__).parent / "data"


class FoldRow(BaseModel):
    """One transliteration fold: a regex and its replacement, applied in file order."""

    pattern: str
    replacement: str
    note: str | None = None

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        re.compile(value)
        return value


class NameWordRow(BaseModel):
    """A word that is part of a written name but not a name token of its own."""

    word: str
    kind: Literal["particle", "suffix", "honorific"]


class WordRow(BaseModel):
    model_config = ConfigDict(extra="ignore")

    word: str


class GivenVariantRow(BaseModel):
    """A given-name variant (Joe) and the form it stands for (Joseph)."""

    variant: str
    given: str


class CountryCodeRow(BaseModel):
    model_config = ConfigDict(extra="ignore")

    country_code: str


class RolePairRow(BaseModel):
    """A pair of role categories, for compatibility or conflict tables."""

    model_config = ConfigDict(extra="ignore")

    a: str
    b: str

    @field_validator("a", "b")
    @classmethod
    def _known(cls, value: str) -> str:
        if value not in ROLE_CATEGORIES:
            raise ValueError(f"unknown role category {value!r}")
        return value


class CountryRow(BaseModel):
    model_config = ConfigDict(extra="ignore")

    code: str | None = None
    name: str


@cache
def folds() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(r.pattern), r.replacement)
                 for r in load_rows("name_folds.csv", FoldRow, data_dir=DATA_DIR))


@cache
def name_words(kind: str) -> frozenset[str]:
    rows = load_rows("name_words.csv", NameWordRow, data_dir=DATA_DIR)
    return frozenset(r.word for r in rows if r.kind == kind)


@cache
def not_a_name() -> frozenset[str]:
    """Words that, written alone, are a title or a state, not a person (`Republic`)."""
    return frozenset(r.word for r in load_rows("not_a_name.csv", WordRow, data_dir=DATA_DIR))


@cache
def given_variants() -> dict[str, str]:
    return {r.variant: r.given for r in load_rows("given_name_variants.csv", GivenVariantRow,
                                                  data_dir=DATA_DIR)}


@cache
def family_name_first() -> frozenset[str]:
    rows = load_rows("family_name_first.csv", CountryCodeRow, data_dir=DATA_DIR)
    return frozenset(r.country_code for r in rows)


def _pairs(name: str, first: str, second: str) -> frozenset[tuple[str, str]]:
    rows = load_rows(name, _pair_model(first, second), data_dir=DATA_DIR)
    return frozenset((r.a, r.b) for r in rows)


def _pair_model(first: str, second: str) -> type[RolePairRow]:
    """A RolePairRow reading the file's own column names."""

    class Row(RolePairRow):
        @classmethod
        def model_validate(cls, obj, *args, **kwargs):  # type: ignore[override]
            return super().model_validate({"a": obj.get(first), "b": obj.get(second)},
                                          *args, **kwargs)

    return Row


@cache
def office_compatibility() -> frozenset[tuple[str, str]]:
    """(mention category, office category) pairs a title may resolve through."""
    return _pairs("role_compatibility.csv", "mention_category", "office_category")


@cache
def role_conflicts() -> frozenset[frozenset[str]]:
    """Unordered pairs of categories one person does not hold at the same time."""
    return frozenset(frozenset(p) for p in _pairs("role_conflicts.csv", "category_a",
                                                  "category_b"))


@cache
def country_names() -> dict[str, str]:
    """ISO code -> canonical short name, from the gazetteer's country table."""
    rows = load_rows("gazetteer_countries.csv", CountryRow, data_dir=GAZETTEER_DATA_DIR)
    return {r.code: r.name for r in rows if r.code}
