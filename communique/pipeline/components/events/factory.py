"""`communique.events`: the meetings, calls, sessions and signings a release reports.

Like spaCy's span_ruler: the trigger patterns are loaded and the Matcher built
(every pattern validated, a bad one stops `nlp.add_pipe` with its file and line)
when the component is created; on each Doc it matches the triggers, then writes
them (`doc.spans["communique.triggers"]`, `Span._.trigger`) and the events they
report (`doc.spans["communique_events"]`, `Span._.event`: an EventCandidate, main
event first). Whether a trigger is planned, recalled or the setting is the
qualifier component's reading (it runs before this one).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline.components.context import context
from communique.pipeline.components.events.candidates import find_events
from communique.pipeline.components.events.fallback import fallback_event
from communique.pipeline.components.events.held_online import mark_held_online
from communique.pipeline.components.events.lexicon import DATA_DIR, load_lexicon
from communique.pipeline.components.events.triggers import find_triggers
from communique.pipeline.components.findings import declare, set_findings

TRIGGERS = "communique.triggers"
EVENTS = "communique_events"
declare(TRIGGERS, "trigger")
declare(EVENTS, "event")


class EventsComponent:
    """Finds trigger phrases (`Span._.trigger`) and the events they report
    (`Span._.event`: an EventCandidate, main event first)."""

    def __init__(self, nlp: Language, name: str, data_dir: str | None = None) -> None:
        self.name = name
        self.lexicon = load_lexicon(Path(data_dir) if data_dir else DATA_DIR)
        self.matcher = self.lexicon.matcher(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        triggers = find_triggers(doc, self.lexicon, self.matcher)
        title_end = context(doc).title_end
        candidates = find_events(doc, triggers, self.lexicon, title_end=title_end)
        mark_held_online(doc, candidates, triggers)
        if not candidates:  # no trigger fired: the act the release reports, if any
            fallback = fallback_event(doc, title_end, self.lexicon, triggers)
            candidates = [fallback] if fallback else []
        set_findings(doc, TRIGGERS, [(t.start, t.end, t) for t in triggers])
        set_findings(doc, EVENTS, [(c.trigger.start, c.trigger.end, c) for c in candidates])
        return doc


@Language.factory("communique_events",
                  assigns=["doc.spans", "span._.trigger", "span._.event"],
                  requires=["doc._.communique_frames"],
                  default_config={"data_dir": None})
def make_events(nlp: Language, name: str, data_dir: str | None) -> EventsComponent:
    return EventsComponent(nlp, name, data_dir)
