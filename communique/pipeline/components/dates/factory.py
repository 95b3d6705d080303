"""`communique.dates`: every date expression of the release, normalised to ISO.

The words are loaded and every form compiled when the component is created (a
bad row of `data/dates_words.jsonl` stops `nlp.add_pipe` with its line); on each
Doc it scans the text, then writes `doc.spans["communique_dates"]` with
`Span._.date` (a records.Date resolved against the publication date).
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from communique.pipeline.components.context import context
from communique.pipeline.components.dates.find import find_dates
from communique.pipeline.components.dates.forms import compile_lexicon
from communique.pipeline.components.dates.lexicon import DATA_DIR, load_words
from communique.pipeline.components.dates.readings import DateOrder
from communique.pipeline.components.findings import declare, set_findings

GROUP = "communique_dates"
declare(GROUP, "date")


class DatesComponent:
    """Finds dates (`Span._.date`: a records.Date) resolved against the publication date."""

    def __init__(self, nlp: Language, name: str, date_order: str,
                 data_dir: str | None = None) -> None:
        self.name = name
        self.date_order = date_order
        self.lexicon = compile_lexicon(load_words(Path(data_dir) if data_dir else DATA_DIR))

    def __call__(self, doc: Doc) -> Doc:
        found = find_dates(doc, context(doc).published, date_order=self._order(doc),
                           lex=self.lexicon)
        set_findings(doc, GROUP, [(d.span.start, d.span.end, d) for d in found if d.span])
        return doc

    def _order(self, doc: Doc) -> DateOrder:
        """The configured DMY/MDY, or (auto, YMD) the order ingest found for the input."""
        if self.date_order in {"DMY", "MDY"}:
            return self.date_order  # type: ignore[return-value]
        return context(doc).raw.date_order or "MDY"  # type: ignore[return-value]


@Language.factory("communique_dates", assigns=["doc.spans", "span._.date"],
                  default_config={"date_order": "MDY", "data_dir": None})
def make_dates(nlp: Language, name: str, date_order: str,
               data_dir: str | None) -> DatesComponent:
    return DatesComponent(nlp, name, date_order, data_dir)
