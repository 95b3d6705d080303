"""Classification of an item: empty formula, courtesy act, contact formula,
generic bilateral phrase ("relational") or a specific subject.

The words come from `data/topic_stoplist.jsonl` (kinds generic, frame,
relation, courtesy, contact); `find.py` drops the first three kinds and keeps a
relational phrase only when the document says nothing more specific.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span, Token

from communique.pipeline.components.topics.words import topic_words

Kind = Literal["empty", "courtesy", "contact", "relational", "specific"]


def _content_lemmas(tokens: Iterable[Token]) -> list[str]:
    """Lemmas of the words that could name a subject (no stop words, no punctuation)."""
    return [
        t.lemma_.lower() for t in tokens
        if t.is_alpha and t.lower_ not in STOP_WORDS and not t.is_stop
    ]


def is_generic(head: Token, shallow: bool = False) -> bool:
    """True when the phrase under `head` names no subject (all its words are generic)."""
    words = topic_words()
    allowed = words.generic | words.frame | words.relation
    tokens = [head, *(c for c in head.children if c.dep_ in {"amod", "compound", "det"})] \
        if shallow else list(head.subtree)
    return all(lemma in allowed for lemma in _content_lemmas(tokens))


def classify(span: Span) -> Kind:
    """'empty', 'courtesy', 'contact', 'relational' or 'specific'."""
    words = topic_words()
    lemmas = _content_lemmas(span)
    if not lemmas:
        return "empty"
    if span.root.lemma_.lower() in words.courtesy:
        return "courtesy"
    generic = words.generic | words.frame
    relation = words.relation
    contact = words.contact
    if all(t.ent_type_ in {"PERSON", "ORG"} for t in span if t.is_alpha):
        return "empty"  # a bare name: a misparsed subject, not what was discussed
    names = {t.lemma_.lower() for t in span if _names_a_party(t)}
    rest = [lemma for lemma in lemmas if lemma not in names]
    root = span.root
    if root.pos_ == "VERB" and root.dep_ == "xcomp" and root.head.lemma_ == "agree":
        rest = [lemma for lemma in rest if lemma != root.lemma_.lower()]  # "agreed to intensify"
    if root.lemma_.lower() in words.frame and not any(
        c.dep_ == "prep" or (c.dep_ in {"amod", "compound"} and c.lemma_.lower() not in generic)
        for c in root.children
    ):
        return "empty"  # "the issues you raised", "topical issues": a frame with no subject
    adjectives = {t.lemma_.lower() for t in span if t.pos_ in {"ADJ", "ADV"}}
    if root.lemma_.lower() in contact and (
        all(lemma in generic | contact | relation | adjectives for lemma in rest)
        or any(c.lemma_.lower() in contact | relation for c in root.children
               if c.dep_ == "dobj")
    ):
        return "contact"  # "maintain contacts at various levels", "continue the dialogue"
    if not all(lemma in generic | relation for lemma in rest):
        return "specific"
    if any(lemma in relation for lemma in rest):
        return "relational"  # "bilateral relations", "Russian-Egyptian cooperation"
    return "specific" if names else "empty"  # "developments in Ukraine" vs "a range of issues"


def _names_a_party(token: Token) -> bool:
    """Country names and demonyms inside 'Russian-Egyptian cooperation', 'Russia-UAE relations'."""
    return token.ent_type_ in {"NORP", "GPE"} or (
        token.text[:1].isupper() and token.pos_ in {"ADJ", "PROPN"} and token.i > 0
        and (token.nbor(-1).text == "-" or (token.i + 1 < len(token.doc)
                                            and token.nbor(1).text == "-"))
    )



def judges_relationship(head: Token) -> bool:
    """'praised the level of relations', 'commended the partnership': the object of a
    judgement names the relationship or its state, not a subject of the talks."""
    words = topic_words()
    return head.lemma_.lower() in words.generic | words.relation
