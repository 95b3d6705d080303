"""Row models of the gazetteer's data files (`gazetteer/data/`), validated at load."""

from __future__ import annotations

from pathlib import Path

import pycountry
from pydantic import BaseModel, field_validator

DATA_DIR = Path(__file__).parent / "data"


def _split_bar(value: str | None) -> list[str]:
    return [part.strip() for part in (value or "").split("|") if part.strip()]


class CountryRow(BaseModel):
    """One line of gazetteer_countries.csv."""

    code: str | None = None
    name: str
    aliases: list[str] = []
    demonyms: list[str] = []
    lat: float | None = None
    lon: float | None = None

    _bars = field_validator("aliases", "demonyms", mode="before")(
        classmethod(lambda cls, v: _split_bar(v) if isinstance(v, str) or v is None else v)
    )

    @field_validator("code")
    @classmethod
    def _real_iso(cls, value: str | None) -> str | None:
        if value is None:
            return None
        if pycountry.countries.get(alpha_2=value) is None:
            raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 code")
        return value


class CityRow(BaseModel):
    """One line of gazetteer_cities.csv (our own city, resort and residence names)."""

    name: str
    aliases: list[str] = []
    country: str
    lat: float | None = None
    lon: float | None = None
    kind: str = "city"

    _bars = field_validator("aliases", mode="before")(
        classmethod(lambda cls, v: _split_bar(v) if isinstance(v, str) or v is None else v)
    )


class WordRow(BaseModel):
    """One line of gazetteer_common_words.csv."""

    word: str


class StatePrefixRow(BaseModel):
    """One line of gazetteer_state_prefixes.csv: "principality of" (without its space)."""

    prefix: str

    @field_validator("prefix")
    @classmethod
    def _lower_words(cls, value: str) -> str:
        if value != value.strip().lower() or not value:
            raise ValueError(f"{value!r}: a prefix is lower-case words, no outer spaces")
        return value
