"""`communique.topics`: the subjects an event addressed, as the release words them."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline import topics
from communique.pipeline.components.findings import declare, set_findings

GROUP = "communique_topics"
declare(GROUP, "topic")


class TopicsComponent:
    """Finds topics (`Span._.topic`: a records.Topic with its session number)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        found = topics.find_topics(doc)
        set_findings(doc, GROUP, [(t.span.start, t.span.end, t) for t in found if t.span])
        return doc


@Language.factory("communique_topics", assigns=["doc.spans", "span._.topic"])
def make_topics(nlp: Language, name: str) -> TopicsComponent:
    return TopicsComponent(nlp, name)
