"""`communique.record`: the last component; builds the release's DocumentRecord."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline.components.doc_cache import release
from communique.pipeline.components.record.assemble import assemble

Doc.set_extension("record", default=None, force=True)


class RecordComponent:
    """Gives every finding to its event (`Doc._.record`: a records.DocumentRecord)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.record = assemble(doc)
        release(doc)
        return doc


@Language.factory("communique_record", assigns=["doc._.record"],
                  requires=["span._.event", "span._.trigger", "span._.date", "span._.location",
                            "span._.mention", "span._.topic"])
def make_record(nlp: Language, name: str) -> RecordComponent:
    return RecordComponent(nlp, name)
