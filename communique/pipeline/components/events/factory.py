"""`communique.events`: the meetings, calls, sessions and signings a release reports."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline import events
from communique.pipeline.components.context import context
from communique.pipeline.components.findings import declare, set_findings

TRIGGERS = "communique.triggers"
EVENTS = "communique_events"
declare(TRIGGERS, "trigger")
declare(EVENTS, "event")


class EventsComponent:
    """Finds trigger phrases (`Span._.trigger`) and the events they report
    (`Span._.event`: an EventCandidate, main event first)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        triggers = events.find_triggers(doc)
        candidates = events.find_events(doc, title_end=context(doc).title_end, found=triggers)
        set_findings(doc, TRIGGERS, [(t.start, t.end, t) for t in triggers])
        set_findings(doc, EVENTS, [(c.trigger.start, c.trigger.end, c) for c in candidates])
        return doc


@Language.factory("communique_events",
                  assigns=["doc.spans",
                           "span._.trigger", "span._.event"])
def make_events(nlp: Language, name: str) -> EventsComponent:
    return EventsComponent(nlp, name)
