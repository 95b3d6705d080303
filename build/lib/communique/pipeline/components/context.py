"""What a component knows of the release besides its text: `Doc._.communique`.

spaCy components see only a Doc; the publication date, the URL and where the
headline ends change what the stages find (relative dates, the issuing office,
the headline's subject). The runner builds the Doc with `make_doc`, which sets
this context before the pipeline runs, so every component reads the same
metadata and no component is called with extra arguments.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from communique.models import RawDocument

Doc.set_extension("communique", default=None, force=True)


@dataclass(frozen=True)
class DocContext:
    """The release a Doc was made from, and what its metadata says."""

    raw: RawDocument
    published: dt.date | None
    title_end: int  # where the headline ends in the text (0: no headline)

    @classmethod
    def of(cls, raw: RawDocument) -> DocContext:
        published = dt.date.fromisoformat(raw.published) if raw.published else None
        return cls(raw=raw, published=published, title_end=_title_end(raw))


def _title_end(raw: RawDocument) -> int:
    """Where the headline ends in the text: the title column's "TITLE\n\n" prefix, or
    a `Title:` header line near the top (0 when the text has no headline)."""
    if not raw.title:
        return 0
    at = raw.text.find(raw.title, 0, 1000)
    return at + len(raw.title) if at >= 0 else 0


def context(doc: Doc) -> DocContext:
    """The context of `doc`; a Doc made without one reads as a bare text."""
    found = doc._.communique
    if found is None:
        found = DocContext.of(RawDocument(doc_id="", source="", text=doc.text))
        doc._.communique = found
    return found


# a line break inside a sentence: not after sentence punctuation, not before a blank
# line, a "Key: value" header line or a list item
_INVISIBLE = re.compile("[\u00a0\u200b\u200c\u200d\u2060\ufeff]")
_LONE_BREAK = re.compile(
    r"(?<![\n.!?:;])\n(?![\n]|[ \t]*[A-Z][\w .\-]{0,30}:[ \t]|[ \t]*(?:[-*•]|\d+[.)])\s)")


def nlp_text(text: str) -> str:
    """The text spaCy reads: line breaks inside a sentence (hard-wrapped lines) become
    spaces, so "the Minister of\nTurkmenistan R. Meredov" parses as one phrase, and
    so do no-break and zero-width spaces pasted from web pages. Blank lines, header
    lines and list items stay apart. Same length, so offsets are shared."""
    return _INVISIBLE.sub(" ", _LONE_BREAK.sub(" ", text))


def make_doc(nlp: Language, raw: RawDocument) -> Doc:
    """The Doc of `raw` (tokenised, not yet processed) with its context set:
    `nlp(make_doc(nlp, raw))` or `nlp.pipe(...)` then runs every component."""
    doc = nlp.make_doc(nlp_text(raw.text))
    doc._.communique = DocContext.of(raw)
    return doc
