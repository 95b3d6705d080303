"""`communique_topics`: the subjects an event addressed, as the release words them.

Built like spaCy's span_ruler: the rule data is loaded and the cue Matcher
built (each pattern validated, a bad row naming its file and line) when the
component is created; a call matches, then sets the annotations.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline.components.findings import declare, set_findings
from communique.pipeline.components.topics.find import find_topics
from communique.pipeline.components.topics.rows import CUES_FILE
from communique.pipeline.components.topics.words import cue_patterns, cue_rows, topic_words
from communique.pipeline.rules import build_matcher

GROUP = "communique_topics"
declare(GROUP, "topic")


class TopicsComponent:
    """Finds topics (`Span._.topic`: a records.Topic with its session number)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.words = topic_words()  # loaded (and validated) now, not on the first document
        numbered = cue_rows()
        self.rows = tuple(row for _line, row in numbered)
        self.matcher = build_matcher(nlp.vocab, CUES_FILE, cue_patterns(numbered))

    def __call__(self, doc: Doc) -> Doc:
        found = find_topics(doc, self.matcher, self.rows)
        set_findings(doc, GROUP, [(t.span.start, t.span.end, t) for t in found if t.span])
        return doc


@Language.factory("communique_topics", assigns=["doc.spans", "span._.topic"],
                  requires=["doc._.communique_frames"])
def make_topics(nlp: Language, name: str) -> TopicsComponent:
    return TopicsComponent(nlp, name)
