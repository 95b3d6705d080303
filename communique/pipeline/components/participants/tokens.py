"""The scanner's view of one processed Doc: token tables and look-ups on tokens.

The small English model mis-bounds titles and countries (it tags "the Republic of
Tajikistan S. Aslov" as one GPE), so titles are matched on tokens from our own
lexicon, countries through the gazetteer and organisations from
`organizations.jsonl`. Token tables are read once: indexing a spaCy Doc builds a
Token object per access.
"""

from __future__ import annotations

from spacy.tokens import Doc

from communique.pipeline.components.doc_cache import sentence_index, text_of, token_table
from communique.pipeline.components.participants.lexicon import Lexicon
from communique.pipeline.components.participants.rows import TitleRow
from communique.pipeline.gazetteer import Country, Gazetteer

TITLE_REACH = 7  # a title word within this many tokens may start a title phrase
COUNTRY_REACH = 7  # tokens a country name may span
ORG_REACH = 8  # tokens an organisation name may span


class Scan:
    """One Doc as the participant rules read it."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer, lex: Lexicon) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.gaz = gazetteer
        self.lex = lex
        self.sent_of = sentence_index(doc)
        self.person_starts = {e.start_char: e for e in doc.ents if e.label_ == "PERSON"}
        self.n = len(doc)
        self.low, self.txt, self.idx = token_table(doc)
        starts = {key[0] for key in lex.titles} | lex.cue("modifier")
        self.may_title = [w in starts or (w.endswith("s") and w[:-1] in starts)
                          for w in self.low]

    def end_of(self, j: int) -> int:
        """Character offset just after token j."""
        return self.idx[j] + len(self.txt[j])

    def span_text(self, a: int, b: int) -> str:
        """The text of tokens a..b-1 (what `doc[a:b].text` gives, without building it)."""
        return self.text[self.idx[a] : self.end_of(b - 1)]

    def country_at(self, i: int, limit: int | None = None) -> tuple[Country, int] | None:
        """Longest country name (or alias) starting at token i: (country, end token)."""
        stop = min(self.n, i + COUNTRY_REACH if limit is None else limit)
        start = i + 1 if self.low[i] == "the" else i
        if start >= stop or not self.txt[start][:1].isupper() or \
                not self.gaz.may_start_name(self.txt[start]):
            return None
        for j in range(stop, start, -1):
            if not self.txt[j - 1][:1].isalnum():
                continue
            name = self.span_text(start, j)
            if name in self.lex.organizations:
                return None
            found = self.gaz.country(name)
            if found:
                return found, j
        return None

    def org_at(self, i: int) -> tuple[str, int] | None:
        """Known organisation name starting at token i: (canonical name, end token)."""
        start = i + 1 if self.low[i] == "the" else i
        if start >= self.n or self.txt[start] not in self.lex.org_first_words:
            return None
        for j in range(min(self.n, start + ORG_REACH), start, -1):
            name = self.span_text(start, j)
            if name in self.lex.organizations:
                return self.lex.organizations[name].name, j
        return None

    def title_at(self, i: int) -> tuple[TitleRow, int] | None:
        """Longest title head at token i (plural words allowed): (row, end token)."""
        if i >= self.n or not self.txt[i][:1].isalpha():
            return None
        best = None
        paths: list[tuple[str, ...]] = [()]
        for j in range(i, min(self.n, i + self.lex.max_title_len)):
            low = self.low[j]
            forms = {low, low[:-1]} if low.endswith("s") else {low}  # plural heads
            paths = [(*p, f) for p in paths for f in forms if (*p, f) in self.lex.prefixes]
            if not paths:
                break
            row = next((self.lex.titles[p] for p in paths if p in self.lex.titles), None)
            if row:
                best = (row, j + 1)
        return best

    def modifiers_end(self, i: int) -> int:
        """The token after the capitalised modifiers ("Acting Federal", a portfolio:
        "Defence") at token i."""
        mods = self.lex.cue("modifier") | self.lex.cue("portfolio")
        while i < self.n and self.low[i] in mods and self.txt[i][:1].isupper():
            i += 1
        return i

    def is_place_word(self, word: str) -> bool:
        """Countries and demonyms end a name; cities do not (Anna, Ali, Vladimir are
        towns too)."""
        return bool(self.gaz.country(word) or self.gaz.demonym(word))
