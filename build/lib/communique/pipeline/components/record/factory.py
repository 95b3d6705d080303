"""`communique.record`: the last component; builds the release's DocumentRecord."""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline.components.doc_cache import release
from communique.pipeline.components.record.assemble import assemble
from communique.pipeline.components.record.rows import DATA_DIR, RecordRules

Doc.set_extension("record", default=None, force=True)


class RecordComponent:
    """Gives every finding to its event (`Doc._.record`: a records.DocumentRecord)."""

    def __init__(self, nlp: Language, name: str, data_dir: str | None = None) -> None:
        self.name = name
        self.rules = RecordRules.load(Path(data_dir) if data_dir else DATA_DIR)

    def __call__(self, doc: Doc) -> Doc:
        doc._.record = assemble(doc, self.rules)
        release(doc)
        return doc


@Language.factory("communique_record", assigns=["doc._.record"],
                  requires=["span._.event", "span._.trigger", "span._.date", "span._.location",
                            "span._.mention", "span._.topic"],
                  default_config={"data_dir": None})
def make_record(nlp: Language, name: str, data_dir: str | None) -> RecordComponent:
    return RecordComponent(nlp, name, data_dir)
