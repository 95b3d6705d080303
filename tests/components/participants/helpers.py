"""Run the participants component on a sentence; its findings as markup values.

A finding is marked over its record span (the name, or the role phrase when
unnamed) with the tag of its kind -- `p` a person, `official` an unnamed
official, `delegation` -- and the attributes it has: `role`, `country` (code),
`org`, `only` (mentioned only) and `principal`.
"""

from __future__ import annotations

from functools import cache

from spacy.language import Language

from communique.models import RawDocument
from communique.pipeline.components import COMPONENTS, build
from communique.pipeline.components.context import make_doc
from communique.pipeline.components.participants.factory import GROUP, ParticipantsComponent
from communique.pipeline.components.participants.mentions import Mention
from tests.markup import Marked, parse

TAGS = {"person": "p", "official": "official", "delegation": "delegation"}


@cache
def _nlp() -> Language:
    return build()


@cache
def component() -> ParticipantsComponent:
    return ParticipantsComponent(_nlp(), "communique_participants")


def mentions(text: str, url: str | None = None, headline: str | None = None) -> list[Mention]:
    """The component's mentions of `text` (a release at `url` whose text starts with
    `headline` and a blank line, when given)."""
    raw = RawDocument(doc_id="t", source="t.txt", text=text, title=headline, url=url)
    doc = next(_nlp().pipe([make_doc(_nlp(), raw)], disable=list(COMPONENTS)))
    doc = component()(doc)
    found = [span._.mention for span in doc.spans[GROUP]]
    for m in found:
        assert m.to_participant(text).span.check(text)
    return found


def marked(m: Mention, text: str) -> Marked:
    """`m` as the markup states it."""
    span = m.to_participant(text).span
    assert span is not None
    attrs = {"role": m.role, "country": m.country.code if m.country else None,
             "org": m.organization, "only": "yes" if m.mentioned_only else None,
             "principal": "yes" if m.principal else None}
    return Marked(TAGS[m.kind], span.start, span.end, span.text,
                  {k: v for k, v in attrs.items() if v is not None})


def found_in(markup: str, url: str | None = None) -> list[Marked]:
    """What the component finds in the plain text of `markup`; a first paragraph
    ending in a blank line is the release's headline."""
    text, _expected = parse(markup)
    headline = text.split("\n\n")[0] if "\n\n" in text else None
    return [marked(m, text) for m in mentions(text, url, headline)]


def as_markup(text: str, url: str | None = None) -> str:
    """`text` with what the component finds marked (for writing a test)."""
    headline = text.split("\n\n")[0] if "\n\n" in text else None
    found = sorted((marked(m, text) for m in mentions(text, url, headline)),
                   key=lambda f: (f.start, -f.end))
    inserts: list[tuple[int, int, str]] = []
    for n, f in enumerate(found):
        attrs = "".join(f" {k}='{v}'" for k, v in f.attrs.items())
        inserts.append((f.start, -f.end * 1000 - n, f"<{f.tag}{attrs}>"))
        inserts.append((f.end, -10**9 + n, f"</{f.tag}>"))
    out = text
    for at, _order, tag in sorted(inserts, key=lambda x: (x[0], x[1]), reverse=True):
        out = out[:at] + tag + out[at:]
    return out
