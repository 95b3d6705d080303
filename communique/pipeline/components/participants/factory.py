"""`communique.participants`: people, officials and delegations with role and country."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline import participants
from communique.pipeline.components.context import context
from communique.pipeline.components.findings import declare, set_findings
from communique.pipeline.gazetteer import Gazetteer

GROUP = "communique_participants"
declare(GROUP, "mention")


class ParticipantsComponent:
    """Finds participant mentions (`Span._.mention`: a participants.Mention)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.gazetteer = Gazetteer.load()

    def __call__(self, doc: Doc) -> Doc:
        ctx = context(doc)
        found = participants.find_mentions(
            doc, self.gazetteer, participants.Context(url=ctx.raw.url, title_end=ctx.title_end))
        set_findings(doc, GROUP, [(m.start, m.end, m) for m in found])
        return doc


@Language.factory("communique_participants",
                  assigns=["doc.spans", "span._.mention"])
def make_participants(nlp: Language, name: str) -> ParticipantsComponent:
    return ParticipantsComponent(nlp, name)
