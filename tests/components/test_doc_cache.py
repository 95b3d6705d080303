"""The per-Doc caches: computed once, kept in declared Doc extensions, released."""

from __future__ import annotations

from communique.pipeline.components.doc_cache import (
    release,
    sentence_index,
    sentence_of,
    sentences,
    text_of,
    token_table,
)
from tests.spacy_docs import parse


def test_the_caches_are_the_declared_extensions() -> None:
    doc = parse("The ministers met in Baku. They signed a protocol.")
    assert doc._.communique_text is None
    text, sents = text_of(doc), sentences(doc)
    index, table = sentence_index(doc), token_table(doc)
    # the readers' fast path writes where spaCy keeps the extension's value
    assert doc._.communique_text is text
    assert doc._.communique_sents is sents
    assert doc._.communique_sent_index is index
    assert doc._.communique_tokens is table
    assert text_of(doc) is text and sentences(doc) is sents


def test_the_caches_say_what_spacy_says() -> None:
    doc = parse("The ministers met in Baku. They signed a protocol.")
    assert text_of(doc) == doc.text
    assert [s.text for s in sentences(doc)] == [s.text for s in doc.sents]
    assert [sentence_of(t).start for t in doc] == [t.sent.start for t in doc]
    low, txt, idx = token_table(doc)
    assert (low, txt, idx) == ([t.lower_ for t in doc], [t.text for t in doc],
                               [t.idx for t in doc])


def test_release_drops_every_cache() -> None:
    doc = parse("The ministers met in Baku.")
    text_of(doc), sentences(doc), sentence_index(doc), token_table(doc)
    release(doc)
    assert (doc._.communique_text, doc._.communique_sents, doc._.communique_sent_index,
            doc._.communique_tokens) == (None, None, None, None)
