"""Administrative areas and natural features: places with a country and no city.

"in the Osh region", "Kandahar province", "on Lake Issyk-Kul": the guidelines take a
city only when a city, town or resort is written; an area or a feature gives its
country. Names come from the ISO 3166-2 subdivision table that pycountry ships
(offline), with local suffixes and endings dropped ("Lvivska oblast" -> "lviv"), and
from `data/places_areas.csv` for English forms ISO writes otherwise. A name of areas
in two countries is no area (its country cannot be told).
"""

from __future__ import annotations

from functools import cache

from communique.pipeline.components.places.rows import AREAS_FILE, DATA_DIR, AreaRow
from communique.pipeline.components.places.words import PlaceWords, place_words
from communique.pipeline.gazetteer import Country, Gazetteer, Place, fold
from communique.pipeline.rules import load_rows


def _english_keys(name: str, words: PlaceWords) -> set[str]:
    """The folded ISO name, without its local suffix and with its ending made English."""
    key = fold(name.split("(")[0].split("[")[0])
    keys = {key}
    head, _, last = key.rpartition(" ")
    if head and last.strip("'") in {s.strip("'") for s in words.area_suffixes}:
        keys.add(head)
        for local, english in words.area_endings:
            if head.endswith(local):
                keys.add(head[: -len(local)] + english)
                break
    return keys


@cache
def area_index() -> dict[str, frozenset[str]]:
    """Folded area or feature name -> the ISO 3166-1 codes of the countries it names."""
    import pycountry

    words = place_words()
    index: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        for key in _english_keys(sub.name, words):
            index.setdefault(key, set()).add(sub.country_code)
    ours: dict[str, str] = {}
    for row in load_rows(AREAS_FILE, AreaRow, DATA_DIR):
        for name in [row.name, *row.aliases]:
            ours[fold(name)] = row.country
    index.update({key: {code} for key, code in ours.items()})  # our rows win
    return {key: frozenset(codes) for key, codes in index.items()}


@cache
def feature_names() -> frozenset[str]:
    """Folded names of our natural features, written without an area noun ("Lake Baikal")."""
    return frozenset(fold(name) for row in load_rows(AREAS_FILE, AreaRow, DATA_DIR)
                     for name in [row.name, *row.aliases])


def area_place(name: str, gaz: Gazetteer) -> Place | None:
    """The country of area `name` as a Place (city None), when one country has it."""
    codes = area_index().get(fold(name))
    if codes is None or len(codes) != 1:
        return None
    country: Country | None = gaz.by_code(next(iter(codes)))
    if country is None:
        return None
    return Place(None, country.name, country.code, country.lat, country.lon)
