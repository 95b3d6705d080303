"""`communique_participants`: people, officials and delegations with role and country.

Like spaCy's span_ruler: the rule data is loaded and validated when the component
is created; on each Doc the scanner finds the mentions (match), then they are
written as `doc.spans["communique_participants"]` with `Span._.mention` (set
annotations). The record component picks each event's participants from them
(select.py).
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline.components.context import context
from communique.pipeline.components.findings import declare, set_findings
from communique.pipeline.components.participants.lexicon import lexicon
from communique.pipeline.components.participants.mentions import Mention
from communique.pipeline.components.participants.scanner import find_mentions
from communique.pipeline.gazetteer import Gazetteer

GROUP = "communique_participants"
declare(GROUP, "mention")


class ParticipantsComponent:
    """Finds participant mentions (`Span._.mention`: a mentions.Mention)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.gazetteer = Gazetteer.load()
        self.lexicon = lexicon()  # every data file read and validated here

    def find(self, doc: Doc) -> list[Mention]:
        """The mentions of `doc`, read with the release's URL and headline."""
        ctx = context(doc)
        return find_mentions(doc, self.gazetteer, self.lexicon, url=ctx.raw.url,
                             title_end=ctx.title_end)

    def __call__(self, doc: Doc) -> Doc:
        set_findings(doc, GROUP, [(m.start, m.end, m) for m in self.find(doc)])
        return doc


@Language.factory("communique_participants",
                  assigns=["doc.spans", "span._.mention"])
def make_participants(nlp: Language, name: str) -> ParticipantsComponent:
    return ParticipantsComponent(nlp, name)
