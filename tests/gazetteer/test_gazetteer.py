"""Gazetteer look-ups: every alias form the releases use maps to one canonical record."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from communique.pipeline.gazetteer import Country, Gazetteer, fold
from communique.pipeline.gazetteer.build import add_unique
from communique.pipeline.gazetteer.rows import CountryRow, StatePrefixRow
from communique.pipeline.rules import RuleDataError


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


@pytest.mark.parametrize(
    ("text", "name", "code"),
    [
        ("Tajikistan", "Tajikistan", "TJ"),
        ("the Republic of Tajikistan", "Tajikistan", "TJ"),
        ("Russian Federation", "Russia", "RU"),
        ("the Russian Federation", "Russia", "RU"),
        ("Türkiye", "Turkey", "TR"),
        ("Turkiye", "Turkey", "TR"),
        ("Turkey", "Turkey", "TR"),
        ("Kyrgyz Republic", "Kyrgyzstan", "KG"),
        ("Republic of Korea", "South Korea", "KR"),
        ("Democratic People's Republic of Korea", "North Korea", "KP"),
        ("UK", "United Kingdom", "GB"),
        ("Britain", "United Kingdom", "GB"),
        ("Great Britain", "United Kingdom", "GB"),
        ("US", "United States", "US"),
        ("U.S.", "United States", "US"),
        ("USA", "United States", "US"),
        ("United States of America", "United States", "US"),
        ("UAE", "United Arab Emirates", "AE"),
        ("Palestine", "Palestine", "PS"),
        ("State of Palestine", "Palestine", "PS"),
        ("Holy See", "Vatican", "VA"),
        ("Vatican", "Vatican", "VA"),
        ("Czech Republic", "Czech Republic", "CZ"),
        ("Czechia", "Czech Republic", "CZ"),
        ("Islamic Republic of Iran", "Iran", "IR"),
        ("Syrian Arab Republic", "Syria", "SY"),
        ("Republic of Moldova", "Moldova", "MD"),
        ("Viet Nam", "Vietnam", "VN"),
        ("Lao People's Democratic Republic", "Laos", "LA"),
        ("Plurinational State of Bolivia", "Bolivia", "BO"),
        ("Bolivarian Republic of Venezuela", "Venezuela", "VE"),
        ("United Republic of Tanzania", "Tanzania", "TZ"),
        ("Federative Republic of Brazil", "Brazil", "BR"),
        ("Principality of Monaco", "Monaco", "MC"),
        ("TAJIKISTAN", "Tajikistan", "TJ"),
        ("Turkmenistan", "Turkmenistan", "TM"),
    ],
)
def test_country_aliases(gaz: Gazetteer, text: str, name: str, code: str) -> None:
    country = gaz.country(text)
    assert country is not None
    assert (country.name, country.code) == (name, code)
    assert country.lat is not None and country.lon is not None


def test_state_without_iso_code_keeps_its_name(gaz: Gazetteer) -> None:
    country = gaz.country("South Ossetia")
    assert country is not None
    assert (country.name, country.code) == ("South Ossetia", None)


@pytest.mark.parametrize("text", ["Ministry", "Central Asia + Japan", "President", "of", ""])
def test_not_countries(gaz: Gazetteer, text: str) -> None:
    assert gaz.country(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Turkmen", "TM"), ("Japanese", "JP"), ("Russian", "RU"), ("Uzbek", "UZ"),
        ("British", "GB"), ("Ukrainian", "UA"), ("Kazakh", "KZ"), ("Kazakhstani", "KZ"),
        ("Kyrgyz", "KG"), ("Tajik", "TJ"), ("Chinese", "CN"), ("American", "US"),
        ("Emirati", "AE"), ("French", "FR"), ("German", "DE"), ("Azerbaijani", "AZ"),
        ("Belarusian", "BY"), ("Afghan", "AF"), ("Iranian", "IR"), ("Turkish", "TR"),
        ("Korean", "KR"), ("North Korean", "KP"), ("Dutch", "NL"), ("Swiss", "CH"),
        ("Filipino", "PH"), ("Saudi", "SA"), ("Palestinian", "PS"), ("Ivorian", "CI"),
    ],
)
def test_demonyms(gaz: Gazetteer, text: str, code: str) -> None:
    country = gaz.demonym(text)
    assert country is not None and country.code == code


@pytest.mark.parametrize(
    ("text", "city", "code"),
    [
        ("Ashkhabad", "Ashgabat", "TM"),
        ("Ashgabat", "Ashgabat", "TM"),
        ("Nur-Sultan", "Astana", "KZ"),
        ("Nur Sultan", "Astana", "KZ"),
        ("Astana", "Astana", "KZ"),
        ("Avaza", "Avaza", "TM"),
        ("Kiev", "Kyiv", "UA"),
        ("Kyiv", "Kyiv", "UA"),
        ("Moscow", "Moscow", "RU"),
        ("Novo-Ogaryovo", "Novo-Ogaryovo", "RU"),
        ("Sochi", "Sochi", "RU"),
        ("Glasgow", "Glasgow", "GB"),
        ("Washington", "Washington", "US"),
        ("Washington, D.C.", "Washington", "US"),
        ("Dushanbe", "Dushanbe", "TJ"),
        ("Brussels", "Brussels", "BE"),
        ("St. Petersburg", "Saint Petersburg", "RU"),
        ("Alma-Ata", "Almaty", "KZ"),
        ("Chișinău", "Chisinau", "MD"),
        ("Paris", "Paris", "FR"),
        ("Paris, Texas", "Paris", "US"),
        ("Glasgow, Scotland", "Glasgow", "GB"),
        ("Mary", "Mary", "TM"),
        ("Nice", "Nice", "FR"),
    ],
)
def test_cities(gaz: Gazetteer, text: str, city: str, code: str) -> None:
    place = gaz.city(text)
    assert place is not None
    assert (place.city, place.country_code) == (city, code)
    assert place.lat is not None and place.lon is not None
    assert gaz.canonical_city(text) == city


@pytest.mark.parametrize("text", ["Of", "mobile", "Split", "nice", "Georgia", "Asia", "Jordan"])
def test_not_cities(gaz: Gazetteer, text: str) -> None:
    """Common English words, countries and regions are never GeoNames cities."""
    assert gaz.city(text) is None


@pytest.mark.parametrize(
    ("text", "city", "country"),
    [
        ("Ashkhabad", "Ashgabat", "Turkmenistan"),
        ("the Republic of Tajikistan", None, "Tajikistan"),
        ("Georgia", None, "Georgia"),
    ],
)
def test_place_prefers_city_then_country(gaz: Gazetteer, text, city, country) -> None:
    place = gaz.place(text)
    assert place is not None and (place.city, place.country) == (city, country)


@pytest.mark.parametrize(
    ("code", "capital"), [("RU", "Moscow"), ("KZ", "Astana"), ("TM", "Ashgabat")]
)
def test_capitals(gaz: Gazetteer, code: str, capital: str) -> None:
    place = gaz.capital(code)
    assert place is not None and place.city == capital


@pytest.mark.parametrize(
    ("text", "key"),
    [("The Republic of Türkiye", "republic of turkiye"), ("Nur-Sultan", "nur sultan"),
     ("U.S.", "u s"), ("Washington, D.C.", "washington d c")],
)
def test_fold(text: str, key: str) -> None:
    assert fold(text) == key


def test_country_row_rejects_unknown_iso_code() -> None:
    with pytest.raises(ValidationError):
        CountryRow(code="XX", name="Nowhere")


def test_alias_of_two_countries_is_an_error() -> None:
    index: dict[str, Country] = {}
    add_unique(index, ["Congo"], Country("Republic of the Congo", "CG", None, None), "alias")
    with pytest.raises(RuleDataError):
        add_unique(index, ["Congo"], Country("DR Congo", "CD", None, None), "alias")


def test_load_is_cached() -> None:
    assert Gazetteer.load() is Gazetteer.load()


def test_every_un_member_resolves(gaz: Gazetteer) -> None:
    """Every ISO 3166-1 country (UN members and more) resolves by its ISO name."""
    import pycountry

    for record in pycountry.countries:
        found = gaz.country(record.name)
        assert found is not None and found.code == record.alpha_2, record.name


def test_build_cache_is_written_read_back_and_a_broken_one_is_rebuilt(tmp_path, monkeypatch):
    from communique.pipeline.gazetteer import build as module

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    path = module._cache_path()
    assert path.parent.parent == tmp_path
    first = module.build.__wrapped__()
    assert path.exists()
    assert module.build.__wrapped__().city("Ashkhabad") == first.city("Ashkhabad")
    path.write_bytes(b"not a pickle")
    rebuilt = module.build.__wrapped__()
    assert rebuilt.country("Türkiye").code == "TR"


@pytest.mark.parametrize("prefix", ["Republic of", "republic of ", ""])
def test_state_prefix_row_is_lower_case_words(prefix: str) -> None:
    with pytest.raises(ValidationError):
        StatePrefixRow(prefix=prefix)


def test_gazetteer_data_is_part_of_the_rules_fingerprint() -> None:
    """Editing a gazetteer row must miss the record cache and the build cache."""
    from communique.pipeline.gazetteer.rows import DATA_DIR
    from communique.pipeline.rules import rule_files

    assert sorted(DATA_DIR.glob("*.csv")) == [p for p in rule_files() if p.parent == DATA_DIR]
