"""What a gazetteer look-up returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Country:
    """A country (or a state without an ISO code) with its centroid."""

    name: str
    code: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Place:
    """A city with its country, or a country alone (city None)."""

    city: str | None
    country: str | None
    country_code: str | None
    lat: float | None
    lon: float | None
