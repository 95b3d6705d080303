"""Per-Doc caches every component reads: the text, the sentences, token tables.

spaCy rebuilds `doc.text` and re-splits `doc.sents` (also behind `token.sent`)
on every access, and indexing a Doc builds a new Token object each time; the
components read them many times per document, so each is computed once per Doc
and kept in a declared Doc extension (`doc._.communique_text`,
`doc._.communique_sents`, `doc._.communique_sent_index`, `doc._.communique_tokens`).

The readers below are called hundreds of thousands of times per run: they read
the extension's slot in `doc.user_data` directly (spaCy keeps a Doc extension's
value there under `("._.", name, None, None)`), which skips building an
`Underscore` object on every call; `doc._.<name>` reads the same value.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

TEXT = "communique_text"
SENTS = "communique_sents"
SENT_INDEX = "communique_sent_index"
TOKENS = "communique_tokens"
_NAMES = (TEXT, SENTS, SENT_INDEX, TOKENS)
for _name in _NAMES:
    Doc.set_extension(_name, default=None, force=True)


def _slot(name: str) -> tuple[str, str, None, None]:
    """Where spaCy stores the value of Doc extension `name` in `doc.user_data`."""
    return ("._.", name, None, None)


_TEXT, _SENTS, _SENT_INDEX, _TOKENS = (_slot(name) for name in _NAMES)


def text_of(doc: Doc) -> str:
    """`doc.text`, computed once per Doc."""
    cached = doc.user_data.get(_TEXT)
    if cached is None:
        cached = doc.user_data[_TEXT] = doc.text
    return cached


def sentences(doc: Doc) -> list[Span]:
    """`list(doc.sents)`, computed once per Doc."""
    cached = doc.user_data.get(_SENTS)
    if cached is None:
        cached = doc.user_data[_SENTS] = list(doc.sents)
    return cached


def sentence_index(doc: Doc) -> list[int]:
    """Sentence number of every token, computed once per Doc."""
    cached = doc.user_data.get(_SENT_INDEX)
    if cached is None:
        cached = [0] * len(doc)
        for n, sent in enumerate(sentences(doc)):
            cached[sent.start : sent.end] = [n] * (sent.end - sent.start)
        doc.user_data[_SENT_INDEX] = cached
    return cached


def sentence_of(token: Token) -> Span:
    """`token.sent` without re-splitting the document."""
    return sentences(token.doc)[sentence_index(token.doc)[token.i]]


def token_table(doc: Doc) -> tuple[list[str], list[str], list[int]]:
    """(lower-cased text, text, character offset) of every token, read once per Doc:
    indexing a Doc builds a new Token object on every access."""
    cached = doc.user_data.get(_TOKENS)
    if cached is None:
        low, txt, idx = [], [], []
        for t in doc:
            low.append(t.lower_)
            txt.append(t.text)
            idx.append(t.idx)
        cached = doc.user_data[_TOKENS] = (low, txt, idx)
    return cached


def release(doc: Doc) -> None:
    """Drop the per-Doc caches (they hold Spans that point back at the Doc: a cycle
    that would keep every processed Doc alive until the garbage collector runs)."""
    for slot in (_TEXT, _SENTS, _SENT_INDEX, _TOKENS):
        doc.user_data.pop(slot, None)
