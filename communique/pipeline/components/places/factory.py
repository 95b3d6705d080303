"""`communique_places`: the places written as where something took place.

Built like spaCy's span_ruler: the cue, venue and word tables and the gazetteer
are loaded (each row validated, a bad one naming its file and line) when the
component is created; a call finds the candidates, then sets the annotations.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline.components.findings import declare, set_findings
from communique.pipeline.components.places.locations import find_locations
from communique.pipeline.components.places.words import load_cues, load_venues, place_words
from communique.pipeline.gazetteer import Gazetteer

GROUP = "communique_places"
DESTINATIONS = "communique_destinations"
RECAPS = "communique_recapped_places"
declare(GROUP, "location")
declare(DESTINATIONS, "destination")
declare(RECAPS, "recapped_place")


class PlacesComponent:
    """Finds event-place candidates (`Span._.location`: a records.Location) and which of
    them are a visitor's destination city (`Span._.destination`) or written for an event
    already reported (`Span._.recapped_place`)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.cues = load_cues()  # loaded (and validated) now, not on the first document
        self.venues = load_venues()
        self.words = place_words()
        self.gazetteer = Gazetteer.load()

    def __call__(self, doc: Doc) -> Doc:
        found, destinations, recaps = find_locations(doc, self.gazetteer)
        set_findings(doc, GROUP, [(loc.span.start, loc.span.end, loc) for loc in found
                                  if loc.span])
        set_findings(doc, DESTINATIONS, [(loc.span.start, loc.span.end, loc)
                                         for loc in destinations if loc.span])
        set_findings(doc, RECAPS, [(loc.span.start, loc.span.end, loc)
                                   for loc in recaps if loc.span])
        return doc


@Language.factory("communique_places", assigns=["doc.spans", "span._.location",
                                                    "span._.destination", "span._.recapped_place"],
                  requires=["doc._.communique_frames"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp, name)
