"""The gazetteer's indexes and look-ups.

Every index is a plain dict keyed by a folded form (`fold.py`), built once per
process by `Gazetteer.load()` (`build.py`); a look-up is one or two dict
look-ups.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from communique.pipeline.gazetteer.fold import fold
from communique.pipeline.gazetteer.records import Country, Place


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
    # official-name prefixes with their trailing space, in the order they are tried
    _state_prefixes: tuple[str, ...] = ()
    _prefix_words: frozenset[str] = frozenset()

    @classmethod
    def load(cls) -> Gazetteer:
        """The process-wide gazetteer (built on first call, then cached)."""
        from communique.pipeline.gazetteer.build import build

        return build()

    # ---- countries

    def country(self, text: str) -> Country | None:
        """Country for a name, official name or alias ("the Republic of Tajikistan")."""
        key = fold(text)
        found = self._countries.get(key)
        if found is None and key.split(" ", 1)[0] in self._prefix_words:
            for prefix in self._state_prefixes:
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
            key.split(" ", 1)[0] in self._prefix_words

    def may_start_name(self, word: str) -> bool:
        """False when no country or city name (or "Republic of ..." form) starts with
        `word`: lets callers skip the longest-match scan."""
        key = fold(word)
        return key in self._first_words or key in self._prefix_words

    def max_words(self, first_word: str) -> int:
        """Most words in a country or city name starting with folded `first_word` (0: none)."""
        return self._first_words.get(first_word, 0)

    def is_city_key(self, key: str) -> bool:
        """True when folded `key` is a known city (for prefix scans in places.py)."""
        return key in self._cities

    def is_country_key(self, key: str) -> bool:
        """True when folded `key` is a known country name or alias."""
        return key in self._countries
