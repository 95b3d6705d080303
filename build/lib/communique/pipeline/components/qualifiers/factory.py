"""`communique.qualifiers`: planned, recalled and setting frames, before the events.

Like spaCy's span_ruler: the rule set is loaded and its Matcher built (every
pattern validated) when the component is created; on each Doc it matches, then
sets annotations: `doc.spans["communique_qualifiers"]` holds every trigger phrase
found (`Span._.qualifier`: its category), and `Doc._.communique_frames` what the
query functions of frames.py read (`qualifier_of`, `planned_or_recalled`,
`staying_on_visit`, `is_planned`).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline.components.findings import declare, set_findings
from communique.pipeline.components.qualifiers.frames import Frames
from communique.pipeline.components.qualifiers.lexicon import DATA_DIR, load_lexicon

GROUP = "communique_qualifiers"
declare(GROUP, "qualifier")


class QualifiersComponent:
    """Marks qualifier triggers and keeps the frames later components query."""

    def __init__(self, nlp: Language, name: str, data_dir: str | None = None) -> None:
        self.name = name
        self.lexicon = load_lexicon(Path(data_dir) if data_dir else DATA_DIR)
        self.matcher = self.lexicon.matcher(nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        found = Frames.find(doc, self.lexicon, self.matcher)
        doc._.communique_frames = found
        set_findings(doc, GROUP, [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1]), kind)
                                  for start, end, kind in found.found])
        return doc


@Language.factory("communique_qualifiers",
                  assigns=["doc.spans", "span._.qualifier", "doc._.communique_frames"],
                  default_config={"data_dir": None})
def make_qualifiers(nlp: Language, name: str, data_dir: str | None) -> QualifiersComponent:
    return QualifiersComponent(nlp, name, data_dir)
