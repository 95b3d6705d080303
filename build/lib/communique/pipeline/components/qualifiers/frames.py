"""What the qualifier rules say of one token: the queries the other components call.

A frame qualifies an event word by where its trigger stands in the dependency
parse, never anywhere in the text: an event named in "will attend the summit"
is planned, in "on the sidelines of the summit" only the setting. The search
climbs from the word toward its clause's verb (at most `MAX_CLIMB` heads) and
stops there: the clause is the scope a trigger reaches.

Each reading keeps the reach its component has always had (see rows.py):
- `qualifier_of(token)`: the events reading ("future", "recalled", "setting" or None);
- `planned_or_recalled(token)`, `staying_on_visit(token)`: the places reading;
- `is_planned(token)`: the topics reading.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from communique.pipeline.components.doc_cache import sentence_of
from communique.pipeline.components.qualifiers.lexicon import (
    SETTING_KEY,
    QualifierLexicon,
    default_lexicon,
)

#: Heads climbed from an event word toward its clause's verb (tuning constant).
MAX_CLIMB = 6
#: Words before an event word where a modifier may stand ("the recent talks").
MODIFIER_WINDOW = 3
#: Words before a word where a setting phrase may end ("within the framework of").
SETTING_WINDOW = 6

# grammar (dependency labels and parts of speech of the English models), not words
_MODIFIER_DEPS = frozenset({"amod", "det", "nmod", "compound", "advmod"})
_CLAUSE_DEPS = frozenset({"relcl", "acl"})
_AUX_DEPS = frozenset({"aux", "auxpass"})
_GOVERNING_AUX_DEPS = frozenset({"aux", "auxpass", "advmod"})
_CHAIN_DEPS = frozenset({"xcomp", "ccomp", "advcl", "conj"})
_VERB_POS = frozenset({"VERB", "AUX"})
_TOP_DEPS = frozenset({"ROOT", "conj"})
_PLACES_MODIFIER_DEPS = frozenset({"aux", "auxpass", "amod", "advmod", "det"})
_COMPLEMENT_DEPS = frozenset({"xcomp", "ccomp"})

Doc.set_extension("communique_frames", default=None, force=True)


@dataclass(frozen=True)
class Frames:
    """The qualifier rules a Doc was read with, and where its setting phrases end."""

    lexicon: QualifierLexicon
    #: token index just past a setting phrase -> the latest start of one ending there
    setting_ends: dict[int, int]
    #: (start, end, category) of every events-reading phrase found, in text order
    found: tuple[tuple[int, int, str], ...]

    @classmethod
    def find(cls, doc: Doc, lexicon: QualifierLexicon, matcher: Matcher) -> Frames:
        ends: dict[int, int] = {}
        found = set()
        for match_id, start, end in matcher(doc):
            key = doc.vocab.strings[match_id]
            found.add((start, end, key.split(":", 1)[0]))
            if key == SETTING_KEY:
                ends[end] = max(ends.get(end, start), start)
        return cls(lexicon, ends, tuple(sorted(found, key=lambda f: (f[0], -f[1], f[2]))))

    def setting_ends_at(self, end: int, lo: int) -> bool:
        """A setting phrase ends just before token `end` and starts at `lo` or after."""
        start = self.setting_ends.get(end)
        return start is not None and start >= lo


def frames(doc: Doc) -> Frames:
    """The frames the qualifier component found in `doc`; a Doc the component did not
    run on (a stage called on its own) is read with the shipped rules."""
    found = doc._.communique_frames
    if found is None:
        lexicon = default_lexicon()
        found = doc._.communique_frames = Frames.find(doc, lexicon, _default_matcher(doc.vocab))
    return found


@cache
def _default_matcher(vocab: Vocab) -> Matcher:
    return default_lexicon().matcher(vocab)


# --------------------------------------------------------------------------- events


def qualifier_of(token: Token) -> str | None:
    """Why an event word names no reported event: "future" ("the upcoming summit",
    "will hold talks"), "recalled" ("the recent talks") or "setting" ("on the
    sidelines of the summit"); None when it reports one."""
    lex = frames(token.doc).lexicon
    if (_modified_by(token, lex.events_future_modifiers, lex)
            or _governed_future(token, lex)):
        return "future"
    if _modified_by(token, lex.events_recalled_modifiers, lex):
        return "recalled"
    if _under_setting(token):
        return "setting"
    return None


def _modified_by(token: Token, words: frozenset[str], lex: QualifierLexicon) -> bool:
    """'the upcoming summit', 'the recent talks': a modifier inside the word's phrase."""
    if any(c.lower_ in words for c in token.children if c.dep_ in _MODIFIER_DEPS):
        return True
    doc = token.doc
    before = doc[max(sentence_of(token).start, token.i - MODIFIER_WINDOW) : token.i]
    return any(t.lower_ in words for t in before if t.lower_ not in lex.events_transparent)


def _governed_future(token: Token, lex: QualifierLexicon) -> bool:
    """'will hold talks', 'will attend ... the summit', 'plans to meet', 'the summit
    that will take place'."""
    auxiliaries = lex.events_future_auxiliaries
    for clause in token.children:  # "the summit that will take place ..."
        if clause.dep_ in _CLAUSE_DEPS and any(
                c.dep_ in _AUX_DEPS and c.lower_ in auxiliaries for c in clause.children):
            return True
    for tok in _climb(token):
        if tok.pos_ in _VERB_POS:
            aux = {c.lower_ for c in tok.children if c.dep_ in _GOVERNING_AUX_DEPS}
            if aux & auxiliaries or tok.lemma_.lower() in lex.events_plan_verbs:
                return True
            if tok.dep_ not in _CHAIN_DEPS:
                return False
    return False


def _under_setting(token: Token) -> bool:
    """A setting phrase governs the word ("on the sidelines of the summit", "following
    the talks held in Moscow") on its way up to the clause's verb: it ends just
    before the word, or ends with a word above it."""
    found = frames(token.doc)
    for tok in _climb(token):
        lo = max(sentence_of(tok).start, tok.i - SETTING_WINDOW)
        if tok is not token and found.setting_ends_at(tok.i + 1, lo):
            return True
        if tok is token and found.setting_ends_at(tok.i, lo):
            return True
        if tok.pos_ in _VERB_POS and tok.dep_ in _TOP_DEPS:
            return False
    return False


def _climb(token: Token) -> Iterator[Token]:
    """The word, then its heads toward the root: at most MAX_CLIMB words."""
    tok = token
    for _ in range(MAX_CLIMB):
        yield tok
        if tok.head.i == tok.i:
            return
        tok = tok.head


# --------------------------------------------------------------------------- places


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def planned_or_recalled(token: Token) -> bool:
    """A plan, an invitation or a recalled past event governs the word (a place's
    preposition): an ancestor, or a modifier of one, is a future or recalled marker."""
    markers = frames(token.doc).lexicon.places_markers
    for ancestor in token.ancestors:
        if _lemma(ancestor) in markers:
            return True
        for child in ancestor.children:
            if child.dep_ in _PLACES_MODIFIER_DEPS and _lemma(child) in markers:
                return True
    return False


def staying_on_visit(token: Token) -> bool:
    """"who is in Kyiv on a working visit": the visit is the setting of the meeting
    (the word is the preposition of the place)."""
    lex = frames(token.doc).lexicon
    head = token.head
    if _lemma(head) not in lex.places_stay_verbs:
        return False
    return any(_lemma(t) in lex.places_stay_purposes for c in head.children
               if c.dep_ == "prep" for t in c.children)


# --------------------------------------------------------------------------- topics


def is_planned(token: Token) -> bool:
    """A future or wished-for discussion ("we will discuss", "would like to discuss",
    "it is important to discuss"): the word (a topic cue verb) is not a report."""
    lex = frames(token.doc).lexicon
    if any(c.dep_ == "aux" and c.lower_ in lex.topics_modals for c in token.children):
        return True
    head = token.head
    if token.dep_ in _COMPLEMENT_DEPS and head.pos_ == "ADJ":
        return True  # "it is important to discuss"
    return token.dep_ in _COMPLEMENT_DEPS and head.lemma_.lower() in lex.topics_planning_heads
