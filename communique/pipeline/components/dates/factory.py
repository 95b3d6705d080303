"""`communique.dates`: every date expression of the release, normalised to ISO."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline import dates
from communique.pipeline.components.context import context
from communique.pipeline.components.findings import declare, set_findings

GROUP = "communique_dates"
declare(GROUP, "date")


class DatesComponent:
    """Finds dates (`Span._.date`: a records.Date) resolved against the publication date."""

    def __init__(self, nlp: Language, name: str, date_order: str) -> None:
        self.name = name
        self.date_order = date_order

    def __call__(self, doc: Doc) -> Doc:
        found = dates.find_dates(doc, context(doc).published, date_order=self.date_order)
        set_findings(doc, GROUP, [(d.span.start, d.span.end, d) for d in found if d.span])
        return doc


@Language.factory("communique_dates", assigns=["doc.spans", "span._.date"],
                  default_config={"date_order": "MDY"})
def make_dates(nlp: Language, name: str, date_order: str) -> DatesComponent:
    return DatesComponent(nlp, name, date_order)
