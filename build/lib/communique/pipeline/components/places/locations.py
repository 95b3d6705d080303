"""Event-place candidates as record Locations, a venue taking the city the release
writes (annotation guidelines)."""

from __future__ import annotations

from spacy.tokens import Doc

from communique.models import Location, Span
from communique.pipeline.components.doc_cache import text_of
from communique.pipeline.components.places.event_place import is_event_place
from communique.pipeline.components.places.mentions import Mention, find_mentions
from communique.pipeline.components.places.words import load_cues, load_venues
from communique.pipeline.gazetteer import Gazetteer, fold


def _location(doc: Doc, mention: Mention, body: str) -> Location:
    """The record Location of `mention` (a venue's span takes its "the")."""
    start = mention.start
    if start > 0 and doc[start - 1].lower_ == "the" and mention.venue is not None:
        start -= 1
    char_start = doc[start].idx
    last = doc[mention.end - 1]
    char_end = last.idx + len(last.text)
    text = body[char_start:char_end]
    place = mention.place
    return Location(
        city=place.city,
        country=place.country,
        country_code=place.country_code,
        venue=mention.venue.name if mention.venue else None,
        lat=place.lat,
        lon=place.lon,
        text=text,
        span=Span(start=char_start, end=char_end, text=text),
    )


def attach_city(location: Location, written: list[Location], gaz: Gazetteer) -> Location:
    """A venue whose city is written anywhere in the release takes that city (guidelines).

    `written` are all place names of the release (`find_mentions`, as Locations);
    a venue with no city written keeps venue only.
    """
    if location.venue is None or location.city is not None:
        return location
    venue = load_venues().get(fold(location.venue))
    if venue is None or venue.city is None:
        return location
    city = gaz.city(venue.city)
    if city is None or all(w.city != city.city for w in written):
        return location
    return location.model_copy(update={
        "city": city.city, "country": city.country, "country_code": city.country_code,
        "lat": city.lat, "lon": city.lon,
    })


def find_locations(doc: Doc, gazetteer: Gazetteer) -> list[Location]:
    """Candidates for where the release's events took place, in text order."""
    cues = load_cues()
    body = text_of(doc)
    mentions = find_mentions(doc, gazetteer)
    written = [_location(doc, m, body) for m in mentions if m.place.city]
    found = []
    for mention in mentions:
        if is_event_place(doc, mention, cues):
            location = _location(doc, mention, body)
            found.append(attach_city(location, written, gazetteer))
    return found

