"""Event places: given this sentence, these Locations, marked inline.

`<l city=... country=XX venue=...>` marks an event place (the canonical city,
the ISO code, the venue; an attribute left out is None); a place only
mentioned is not marked, and any unmarked place found fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from communique.models import Location
from communique.pipeline.components.findings import findings
from communique.pipeline.components.places.factory import GROUP, PlacesComponent
from communique.pipeline.components.places.locations import attach_city
from communique.pipeline.gazetteer import Gazetteer
from tests.markup import Marked, assert_found, parse
from tests.spacy_docs import statistical


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    with statistical() as nlp:
        yield nlp


@pytest.fixture(scope="module")
def component(nlp: Language) -> PlacesComponent:
    return PlacesComponent(nlp, "communique_places")


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def _marked(location: Location, gaz: Gazetteer) -> Marked:
    """A found Location as a Marked value; its country name must be the code's."""
    assert location.span is not None and location.text == location.span.text
    if location.country_code:
        assert location.country == gaz.by_code(location.country_code).name
    attrs = {"city": location.city, "country": location.country_code, "venue": location.venue}
    return Marked("l", location.span.start, location.span.end, location.text,
                  {k: v for k, v in attrs.items() if v is not None})


def check(nlp: Language, component: PlacesComponent, marked: str) -> None:
    text, _ = parse(marked)
    doc = component(nlp(text))
    found = [_marked(location, component.gazetteer) for location in findings(doc, GROUP)]
    assert [s.text for s in doc.spans[GROUP]] == [f.text for f in found]
    assert_found(marked, found)


@pytest.mark.parametrize(
    "marked",
    [
        "The fourth round of talks was held in <l city=Bishkek country=KG>Bishkek</l> on 3 March.",
        "The ministers met in <l city=Ashgabat country=TM>Ashkhabad</l> to discuss energy.",
        "The conference took place in <l city=Astana country=KZ>Nur-Sultan</l> last week.",
        "The forum opened in the <l city=Avaza country=TM>Avaza</l> national tourist zone on "
        "Friday.",
        "The delegation arrived in <l city=Kyiv country=UA>Kiev</l> on Monday.",
        "The Prime Minister paid a working visit to <l city=Baku country=AZ>Baku</l>.",
        "The President met with the Emir of Qatar Tamim Al Thani in "
        "<l city=Glasgow country=GB>Glasgow</l>.",
        "The consultations were held in the <l country=TJ>Republic of Tajikistan</l>.",
        "The talks were held in <l city=Paris country=FR>Paris, France</l>.",
        "A meeting was held in <l venue='Ministry of Foreign Affairs' country=TM>the Ministry of "
        "Foreign Affairs of Turkmenistan</l>.",
        "The minister was received at <l venue='Ministry of Foreign Affairs' country=TM>the "
        "Turkmen Foreign Ministry</l>.",
        "The President received the Finnish leader in <l venue=Kremlin>the Kremlin</l>.",
        "The leaders held talks at <l venue='White House'>the White House</l>.",
        "The two presidents met at <l venue='Palace of Independence'>the Palace of "
        "Independence</l>.",
        "The talks were held in the <l city=Moscow country=RU>Russian capital</l>.",
        "The meeting took place in the building of <l venue=Parliament city=Ashgabat "
        "country=TM>the Mejlis in Ashgabat</l>.",
        "The delegation held meetings at the Ministry of Finance and Economy of "
        "<l country=TM>Turkmenistan</l>.",
        "The leaders discussed the situation in the south of Ukraine.",
        "The leaders discussed the possibility of a meeting at the Munich Security Conference.",
        "The summit took place in <l city=Dushanbe country=TJ>Dushanbe</l>.",
        "Talks were held in <l city=Ashgabat country=TM>Ashgabat</l>. Later the delegation "
        "arrived in <l city=Mary country=TM>Mary</l>.",
        # the climb to the event word passes up to three common nouns
        "The Minister held an operational meeting with the heads of the city administration "
        "in <l city=Naryn country=KG>Naryn</l>.",
    ],
)
def test_event_place(nlp, component, marked: str) -> None:
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        "The Ambassador of Japan to Turkmenistan presented his credentials.",
        "The ambassadors accredited in Tajikistan took part in the meeting.",
        "The sides discussed the situation in Afghanistan.",
        "The Dialogue Central Asia + Japan was discussed by the delegations.",
        "The sides agreed to hold the next meeting in Tashkent.",
        "The next round will be held in Ankara in May.",
        "The President invited his counterpart to visit Minsk.",
        "The minister recalled his recent visit to Tbilisi.",
        "Investments in Uzbekistan have grown.",
        "The Asia-Pacific forum was discussed.",
        "They spoke about students studying in Russia.",
        # a building named after a place is the venue, not the place
        "The leaders met at <l venue='Constantine Palace'>the Constantine Palace</l>.",
        "The talks touched on the mobile phone market in general.",
        "Held at Kyrgyzstan's initiative, the telephone conversation lasted an hour.",
    ],
)
def test_not_an_event_place(nlp, component, marked: str) -> None:
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # a venue takes the city written anywhere in the release
        "The President held talks in <l venue=Kremlin city=Moscow country=RU>the Kremlin</l> "
        "with his guest. He said he was glad to welcome the delegation to "
        "<l city=Moscow country=RU>Moscow</l>.",
        # ... and stays venue only where none is written
        "The President received the Prime Minister at <l venue=Kremlin>the Kremlin</l>.",
        # ... or takes the city written with it
        "The leaders met at <l venue='Bocharov Ruchei residence' city=Sochi country=RU>the "
        "Bocharov Ruchei residence in Sochi</l>.",
    ],
)
def test_venue_and_its_city(nlp, component, marked: str) -> None:
    check(nlp, component, marked)


@pytest.mark.parametrize(
    ("written", "city"),
    [([Location(city="Moscow", country="Russia", country_code="RU")], "Moscow"),
     ([Location(city="Sochi", country="Russia", country_code="RU")], None),
     ([], None)],
)
def test_attach_city(gaz, written: list[Location], city: str | None) -> None:
    assert attach_city(Location(venue="Kremlin"), written, gaz).city == city


@pytest.mark.parametrize(
    "marked",
    [
        "On 10 July, in <l city=Ashgabat country=TM>Ashkhabad</l>, the President accepted the "
        "credentials of the ambassadors.",
        "The President met with the Prime Minister of Spain, who is in "
        "<l city=Kyiv country=UA>Kyiv</l> on a working visit.",
    ],
)
def test_fronted_place_and_place_of_a_stay_on_visit(nlp, component, marked: str) -> None:
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # an administrative area gives its country, not a city of the same name
        "The forum was held in the <l country=KG>Osh region</l> on Friday.",
        "The talks took place in the province of <l country=AF>Kandahar</l>.",
        "The governors met in <l country=UA>Lviv Oblast</l>.",
        # ... an area named after its city takes the city's country
        "The conference was held in the <l country=UZ>Samarkand region</l>.",
        # a natural feature of one country gives that country
        "The ministers met at <l country=KG>Lake Issyk-Kul</l>.",
        # a village the release names is a town, with the country of the area after it
        "A seminar was held in the village of <l city=Kyzyl-Bulak country=KG>Kyzyl-Bulak in "
        "the Jalal-Abad region</l>.",
        # ... and so are its later mentions (no country where none is written with it)
        "Rescuers evacuated the village of Kyzyl-Bulak. Later the minister held a meeting in "
        "<l city=Kyzyl-Bulak>Kyzyl-Bulak</l>.",
        # English forms of areas ISO writes otherwise
        "The governors met in the <l country=KZ>Mangystau region</l>.",
        # a place visited, as the verb's object
        "The Foreign Secretary visited <l city=Kyiv country=UA>Kyiv</l> on 3 May.",
        # ... but a country visited in a clause about the guest is only the setting
        "The Minister met with the Deputy Prime Minister of Kazakhstan, who is visiting Japan.",
        # a city name before a feature noun names the feature
        "The engineers met near the Naryn river.",
    ],
)
def test_areas_features_and_towns(nlp, component, marked: str) -> None:
    check(nlp, component, marked)
