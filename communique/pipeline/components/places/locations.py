"""Event-place candidates as record Locations, a venue taking the city the release
writes (annotation guidelines)."""

from __future__ import annotations

from spacy.tokens import Doc

from communique.models import Location, Span
from communique.pipeline.components.context import context
from communique.pipeline.components.doc_cache import text_of
from communique.pipeline.components.places.event_place import (
    is_destination,
    is_event_place,
    refers_back,
)
from communique.pipeline.components.places.mentions import Mention, find_mentions
from communique.pipeline.components.places.words import load_cues, load_venues
from communique.pipeline.gazetteer import Gazetteer, Place, fold
from communique.pipeline.ingest import find_dateline, read_header


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


def attach_city(location: Location, written: list[Location], gaz: Gazetteer,
                dateline: Place | None = None) -> Location:
    """A venue whose city is written anywhere in the release takes that city (guidelines).

    `written` are all place names of the release (`find_mentions`, as Locations);
    a building of a known city takes it when that city is written; an institution
    or mission with no city ("at the Ministry of Foreign Affairs") takes the city of
    the release's dateline ("KABUL, Afghanistan —") when the dateline's country is the
    venue's or the venue names none; a venue with no city written keeps venue only.
    """
    if location.venue is None or location.city is not None:
        return location
    venue = load_venues().get(fold(location.venue))
    if venue is None:
        return location
    if venue.city is None:
        if venue.kind == "building" or dateline is None or dateline.city is None or \
                location.country_code not in {None, dateline.country_code}:
            return location
        city: Place | None = dateline
    else:
        city = gaz.city(venue.city)
        if city is None or all(w.city != city.city for w in written):
            return location
    assert city is not None
    return location.model_copy(update={
        "city": city.city, "country": city.country, "country_code": city.country_code,
        "lat": city.lat, "lon": city.lon,
    })


def dateline_place(doc: Doc, mentions: list[Mention]) -> Place | None:
    """The city of the release's dateline ("RIYADH, 6 February 2024 —"): the first city
    named on the dateline's line before its date."""
    text = text_of(doc)
    header = read_header(text)
    start = header.end if header else 0
    order = context(doc).raw.date_order or "MDY"
    line = find_dateline(text, start, order) or \
        find_dateline(text, start, "DMY" if order == "MDY" else "MDY")
    if line is None:
        return None
    line_start = text.rfind("\n", 0, line.start) + 1
    for mention in mentions:
        if mention.venue is None and mention.place.city and \
                line_start <= doc[mention.start].idx < line.start:
            return mention.place
    return None


def find_locations(doc: Doc, gazetteer: Gazetteer
                   ) -> tuple[list[Location], list[Location], list[Location]]:
    """Candidates for where the release's events took place, in text order; those of
    them that are a visitor's destination city (`is_destination`); and those written
    for an event already reported ("The event took place in X", `refers_back`)."""
    cues = load_cues()
    body = text_of(doc)
    mentions = find_mentions(doc, gazetteer)
    written = [_location(doc, m, body) for m in mentions if m.place.city]
    dateline = dateline_place(doc, mentions)
    found, destinations, recaps = [], [], []
    title_end = context(doc).title_end
    for mention in mentions:
        if is_event_place(doc, mention, cues):
            location = attach_city(_location(doc, mention, body), written, gazetteer, dateline)
            found.append(location)
            if location.city and is_destination(doc, mention, title_end, cues):
                destinations.append(location)
            if refers_back(doc, mention, cues):
                recaps.append(location)
    return found, destinations, recaps

