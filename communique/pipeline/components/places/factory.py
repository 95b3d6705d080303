"""`communique.places`: the places written as where something took place."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline import places
from communique.pipeline.components.findings import declare, set_findings
from communique.pipeline.gazetteer import Gazetteer

GROUP = "communique_places"
declare(GROUP, "location")


class PlacesComponent:
    """Finds event-place candidates (`Span._.location`: a records.Location)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.gazetteer = Gazetteer.load()

    def __call__(self, doc: Doc) -> Doc:
        found = places.find_locations(doc, self.gazetteer)
        set_findings(doc, GROUP, [(loc.span.start, loc.span.end, loc) for loc in found
                                  if loc.span])
        return doc


@Language.factory("communique_places", assigns=["doc.spans", "span._.location"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp, name)
