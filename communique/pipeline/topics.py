"""Topics: what an event discussed or was devoted to, split into short noun phrases.

A topic is the object of a discussion cue ("discussed X", "was devoted to X",
"exchanged views on X", "the agenda included X"; annotation-guidelines.md,
Topics). Cue words live in `data/topic_cues.jsonl`; the words that make an
object an empty formula, a courtesy act or a generic frame live in
`data/topic_stoplist.jsonl`. The stage works on the dependency parse only:

1. a `Matcher` over lemmas finds the cue words;
2. each cue yields object heads (direct object, passive subject, the object
   of its preposition, or the complement of "the main topic was");
3. each object is walked down through generic frames ("issues of X", "a
   wide range of issues, including X") to the specific items, which are
   split at the top-level coordination ("A, B and C" -> three topics);
4. items are trimmed to the noun phrase (no relative clauses, no purpose
   clauses) and dropped when they are empty formulas, courtesy acts or
   contact formulas; a generic bilateral phrase ("Russian-Uzbek relations")
   is kept only when the document says nothing more specific.

Extraction is per document; `extract.py` assigns topics to events by the
sentence they stand in. The session number comes from a numbered session,
round or panel named in the cue's sentence ("The first session was devoted
to X" -> 1; "the remaining sessions" -> None).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from communique.models import Span as RecordSpan
from communique.models import Topic
from communique.pipeline.components.doc_cache import sentence_of, text_of
from communique.pipeline.rules import load_rows

# --------------------------------------------------------------------------- rule data


class CueRow(BaseModel):
    """One cue word of `topic_cues.jsonl` and where its topic stands."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    lemma: str
    pos: Literal["VERB", "NOUN", "ADJ"]
    direct: bool = False
    direct_if_passive: bool = False
    preps: list[str] = []
    with_: list[str] = Field(default=[], alias="with")
    with_head: list[str] = []
    subjects: list[str] = []
    joint: bool = False
    xcomp: bool = False
    copula: bool = False


class StopRow(BaseModel):
    """One word of `topic_stoplist.jsonl` (a spaCy lemma) and its kind."""

    model_config = ConfigDict(extra="forbid")

    word: str
    kind: Literal["generic", "frame", "relation", "courtesy", "contact", "qualifier"]


@cache
def cue_rows() -> tuple[CueRow, ...]:
    return tuple(load_rows("topic_cues.jsonl", CueRow))


@cache
def stop_words_by_kind() -> dict[str, frozenset[str]]:
    """Stoplist lemmas grouped by kind, loaded once per process."""
    kinds: dict[str, set[str]] = {}
    for row in load_rows("topic_stoplist.jsonl", StopRow):
        kinds.setdefault(row.kind, set()).add(row.word.lower())
    return {kind: frozenset(words) for kind, words in kinds.items()}


@cache
def cue_matcher(vocab: Vocab) -> Matcher:
    """A lemma matcher with one rule per cue row (key = row index), built once per vocab."""
    matcher = Matcher(vocab)
    for index, row in enumerate(cue_rows()):
        pos = ["VERB", "AUX"] if row.pos == "VERB" else [row.pos]
        if row.pos == "ADJ":
            pos = ["ADJ", "VERB"]
        matcher.add(str(index), [[{"LEMMA": row.lemma, "POS": {"IN": pos}}]])
    return matcher


# --------------------------------------------------------------------------- grammar constants

ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12,
}
SESSION_NOUNS = frozenset({"session", "round", "panel", "sitting", "segment"})
NOT_NUMBERED = frozenset({"remaining", "other", "subsequent", "following", "further"})
MODALS = frozenset({"will", "would", "shall", "should", "can", "could", "may", "might", "must"})
PLANNING_HEADS = frozenset({
    "like", "want", "wish", "plan", "intend", "hope", "expect", "ready", "prepared",
    "willing", "going", "invite", "look", "able", "need",
})
JOINT_SUBJECTS = frozenset({"they", "we", "both", "all", "each"})
EVENT_NOUNS = frozenset({
    "conversation", "talk", "discussion", "meeting", "negotiation", "agenda", "consultation",
    "exchange", "session", "dialogue",
})
SPECIFIER_WORDS = frozenset({
    "including", "particular", "particularly", "primarily", "especially", "notably",
    "mainly", "chiefly", "specifically", "namely",
})
CLAUSE_CUT_DEPS = frozenset({"relcl", "advcl", "parataxis", "appos"})
RELATING_WORDS = frozenset({
    "relate", "related", "connect", "connected", "concern", "concerning", "regard", "regarding",
    "pertain", "pertaining",
})
LINK_PREPS = frozenset({"of", "on", "in", "for", "to", "regarding", "concerning", "about"})
MAX_ITEM_TOKENS = 24


# --------------------------------------------------------------------------- public API


@dataclass(frozen=True)
class _Item:
    start: int  # token index
    end: int  # token index, exclusive
    session: int | None
    relational: bool  # a generic bilateral phrase: kept only when nothing else is said


def find_topics(doc: Doc) -> list[Topic]:
    """Topics of the whole document in text order, each with its span and session."""
    items: list[_Item] = []
    for match_id, cue_i, _ in cue_matcher(doc.vocab)(doc):
        row = cue_rows()[int(doc.vocab.strings[match_id])]
        cue = doc[cue_i]
        if not _cue_applies(cue, row):
            continue
        session = _session_number(sentence_of(cue))
        for head in _object_heads(cue, row):
            parsed = list(_items(head))
            listed = _listed_items(head)
            for start, end in listed if len(listed) > len(parsed) else parsed:
                kind = _classify(doc[start:end])
                if kind in {"empty", "courtesy", "contact"}:
                    continue
                items.append(_Item(start, end, session, kind == "relational"))
    items = _dedupe(items)
    if any(not item.relational for item in items):
        items = [item for item in items if not item.relational]
    else:
        items = items[:1]
    return [_topic(doc, item) for item in items]


_LIST_STOP = frozenset({";", "including", "particularly", "especially", "which", "who"})


def _listed_items(head: Token) -> list[tuple[int, int]]:
    """The object written as a plain list, "the resumption of flights, the functioning of
    border points and the issuance of visas", split on its commas and last "and".

    The small parser often hangs the later members of such a list inside the first
    one; the written shape is then more reliable. Used only for three or more
    members that each hold a noun, at least two of them opening with a determiner
    or a noun, so that lists of modifiers ("political, trade and economic spheres")
    are left to the parse.
    """
    doc = head.doc
    start, end = head.left_edge.i, sentence_of(head).end
    for i in range(start, end):
        if doc[i].lower_ in _LIST_STOP or (doc[i].text == "." and i == end - 1):
            end = i
            break
    while end > start and doc[end - 1].pos_ in {"PUNCT", "CCONJ"}:
        end -= 1
    cuts = [i for i in range(start, end) if doc[i].text == ","
            and not (i + 1 < end and doc[i + 1].lower_ == "and")]  # the comma of ", and"
    if not cuts:
        return []
    last_and = [i for i in range(cuts[-1], end) if doc[i].lower_ == "and"]
    if not last_and:
        return []
    bounds = [start, *[c + 1 for c in cuts], last_and[-1] + 1]
    stops = [*cuts, last_and[-1], end]
    members = []
    for a, b in zip(bounds, stops, strict=True):
        while a < b and doc[a].pos_ in {"DET", "CCONJ", "PUNCT"}:
            a += 1
        if a >= b or not any(t.pos_ in {"NOUN", "PROPN"} for t in doc[a:b]):
            return []
        members.append((a, _before_qualifier(doc, a, b)))
    opening = sum(doc[bounds[k]].pos_ in {"DET", "NOUN", "PROPN"} for k in range(1, len(bounds)))
    if len(members) < 3 or opening < 2:
        return []
    return members


def _topic(doc: Doc, item: _Item) -> Topic:
    span = doc[item.start : item.end]
    start, end = span.start_char, span.end_char
    return Topic(
        text=text_of(doc)[start:end],
        session=item.session,
        span=RecordSpan(start=start, end=end, text=text_of(doc)[start:end]),
    )


# --------------------------------------------------------------------------- cues


def _cue_applies(cue: Token, row: CueRow) -> bool:
    """False for planned, negated or one-sided statements, and for cues with the wrong frame."""
    if row.pos == "VERB" and (_is_planned(cue) or _is_bare_participle(cue)):
        return False
    if any(child.dep_ == "neg" for child in cue.children):
        return False
    if row.subjects and not _subject_in(cue, row.subjects):
        return False
    if row.joint and not _is_joint(cue):
        return False
    head = cue.head
    return not row.with_head or (
        head.lemma_.lower() in row.with_head
        and not _is_planned(head)
        and not _is_bare_participle(head)
    )


def _is_planned(cue: Token) -> bool:
    """A future or wished-for discussion ("we will discuss", "would like to discuss")."""
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in cue.children):
        return True
    head = cue.head
    if cue.dep_ in {"xcomp", "ccomp"} and head.pos_ == "ADJ":
        return True  # "it is important to discuss"
    return cue.dep_ in {"xcomp", "ccomp"} and head.lemma_.lower() in PLANNING_HEADS


def _is_bare_participle(cue: Token) -> bool:
    """'..., focusing on her contribution', 'considering the actions': a side remark, not a
    report of what was discussed ('while discussing X' and 'during discussing X' still count)."""
    if cue.tag_ != "VBG" or cue.dep_ not in {"advcl", "acl", "prep", "amod"}:
        return False
    return not any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.lower_ in {"when", "while"})
                   for c in cue.children)


def _subjects(cue: Token) -> list[Token]:
    subjects = [c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if not subjects and cue.dep_ in {"conj", "xcomp"}:
        return _subjects(cue.head)
    return subjects


def _subject_in(cue: Token, lemmas: list[str]) -> bool:
    return any(s.lemma_.lower() in lemmas for s in _subjects(cue))


def _is_passive(cue: Token) -> bool:
    return any(c.dep_ in {"auxpass", "nsubjpass"} for c in cue.children) or (
        cue.tag_ == "VBN" and cue.dep_ in {"acl", "relcl"}
    )


def _is_joint(cue: Token) -> bool:
    """Passive, impersonal or plural-subject statements count; one named side alone does not."""
    if _is_passive(cue):
        return True
    subjects = _subjects(cue)
    if not subjects:
        if cue.dep_ in {"advcl", "pcomp", "xcomp", "conj"} and cue.head.i != cue.i:
            return _is_joint(cue.head)
        return False
    subject = subjects[0]
    if subject.lemma_.lower() in EVENT_NOUNS:
        return True
    if subject.dep_ == "expl" or subject.lower_ == "it":
        return True
    if any(c.dep_ == "conj" for c in subject.children):
        return True
    return subject.tag_ in {"NNS", "NNPS"} or subject.lower_ in JOINT_SUBJECTS


def _object_heads(cue: Token, row: CueRow) -> Iterator[Token]:
    """The heads of the phrases that the cue says were discussed."""
    anchors = [cue]
    if row.with_head:
        anchors.append(cue.head)
    if row.with_:
        anchors = [c for c in cue.children if c.lemma_.lower() in row.with_]
        anchors += [g for c in cue.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.lemma_.lower() in row.with_]
        if cue.dep_ in {"relcl", "acl"} and cue.head.lemma_.lower() in row.with_:
            anchors.append(cue.head)
        if not anchors:
            return
        anchors.append(cue)
    if row.copula:
        yield from _copula_objects(cue)
        return
    passive = _is_passive(cue)
    if row.direct or (row.direct_if_passive and passive):
        for child in cue.children:
            if child.dep_ in {"dobj", "nsubjpass"} and not (row.with_ and child in anchors):
                if child.i + 1 < len(child.doc) and child.nbor(1).text == ":":
                    continue  # "Volodymyr Zelenskyy: ... were discussed" (a headline's speaker)
                if child.lemma_.lower() in _frames() and _has_specifiers(cue) and not any(
                    c.dep_ == "prep" for c in child.children
                ):
                    continue  # "International topics were touched upon, including A and B"
                yield child
            elif child.dep_ == "ccomp" and child.tag_ == "VBG" and not _subjects(child):
                yield child
        if passive and cue.dep_ in {"acl"} and cue.head.pos_ in {"NOUN", "PROPN"}:
            yield cue.head
    if not row.with_:  # "informed his counterpart about X": the parser hangs the PP on
        # the person informed
        anchors += [c for c in cue.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PRON"}
                    and c.lemma_.lower() in {"counterpart", "interlocutor", "colleague",
                                             "participant", "side", "party", "guest"}]
    for anchor in anchors:
        for child in anchor.children:
            if child.dep_ == "prep" and child.lower_ in row.preps and child.i > anchor.i:
                yield from (c for c in child.children if c.dep_ in {"pobj", "pcomp"}
                            and c.lemma_.lower() not in row.with_)
    if row.xcomp:
        for child in cue.children:
            if (
                child.dep_ in {"xcomp", "ccomp"}
                and child.pos_ == "VERB"
                and child.i > cue.i
                and not any(c.dep_ in {"mark", "nsubj"} for c in child.children)
            ):
                yield child
    yield from _specifier_objects(cue)


def _frames() -> frozenset[str]:
    return stop_words_by_kind().get("frame", frozenset())


def _has_specifiers(cue: Token) -> bool:
    return any(True for _ in _specifier_objects(cue))


def _copula_objects(noun: Token) -> Iterator[Token]:
    """'The main topic of the talks was X' -> X (the attribute of the copula)."""
    if noun.dep_ != "nsubj" or noun.head.lemma_ != "be":
        return
    yield from (c for c in noun.head.children if c.dep_ in {"attr", "acomp"} and c.i > noun.i)


def _specifier_objects(cue: Token) -> Iterator[Token]:
    """Items a frame attached to the verb introduces: 'discussed X, including A and B'."""
    for child in cue.children:
        if child.dep_ != "prep" or child.i < cue.i:
            continue
        if child.lower_ == "including" or (child.lower_ == "in" and _preceded_by_specifier(child)):
            yield from _prep_objects(child)


def _prep_objects(prep: Token) -> Iterator[Token]:
    for c in prep.children:
        if c.dep_ in {"pobj", "pcomp"}:
            yield c
        elif c.dep_ == "prep":
            yield from _prep_objects(c)


def _preceded_by_specifier(token: Token) -> bool:
    """'in particular in X', 'primarily in X', 'especially in X' (the word right before)."""
    i = token.i - 1
    first = sentence_of(token).start
    while i >= first and token.doc[i].is_punct:
        i -= 1
    before = token.doc[i] if i >= first else None
    return (before is not None and before.lower_ in SPECIFIER_WORDS) or any(
        c.lower_ in SPECIFIER_WORDS for c in token.children
    )


# --------------------------------------------------------------------------- items


def _items(head: Token) -> Iterator[tuple[int, int]]:
    """Token ranges of the specific items under one object head."""
    members = _coordinated(head)
    if _is_fixed_pair(members):
        first, second = members
        start, end = _trimmed(first)
        end = max(end, _trimmed(second)[1])
        for shared in first.children:  # "the course and results of the talks"
            if shared.dep_ == "prep" and shared.i > second.i and not _cuts_clause(shared):
                end = max(end, shared.right_edge.i + 1)
        yield start, end
        return
    for member in members:
        yield from _member_items(member)


def _is_fixed_pair(members: list[Token]) -> bool:
    """'transport and logistics', 'the course and results of the talks': two common nouns,
    the first with nothing after it, read as one area (names are never joined)."""
    if len(members) != 2:
        return False
    first, second = members
    if any(m.pos_ != "NOUN" or m.ent_type_ for m in members):
        return False
    if _frame_complement(first) is not None or _frame_complement(second) is not None:
        return False
    own = [c for c in first.children if c.dep_ not in {"cc", "conj", "punct", "det"}
           and c.i < second.i]
    return not own and second.i - first.i <= 4


def _coordinated(head: Token) -> list[Token]:
    """The head and its conjuncts ("A, B and C"), in text order."""
    members = [head]
    for child in head.children:
        if child.dep_ == "conj" or (child.dep_ == "appos" and _starts_list(child)):
            members.extend(_coordinated(child))
    return sorted(members, key=lambda t: t.i)


def _starts_list(token: Token) -> bool:
    """An 'apposition' that opens a list ("X, the economy, science and culture") is a member."""
    return _after_comma(token) and any(c.dep_ == "conj" for c in token.children)


def _member_items(head: Token) -> Iterator[tuple[int, int]]:
    """Walk a generic frame down to its specific complement, then split modifier lists."""
    inner = _frame_complement(head)
    if inner is not None:
        yield from _items(inner)
        specific = list(_specifier_children(head))
        for spec in specific:
            yield from _items(spec)
        return
    specific = list(_specifier_children(head))
    if specific and _is_generic(head):
        for spec in specific:
            yield from _items(spec)
        return
    yield from _split_modifiers(head, _trimmed(head))
    for member in _as_well_as_members(head):
        yield from _items(member)
    for spec in specific:
        yield from _items(spec)


def _as_well_as_members(head: Token) -> list[Token]:
    """Conjuncts the parser hung deep inside the phrase after 'as well as': their own items."""
    doc = head.doc
    found = []
    for token in head.subtree:
        if token.i == head.i or token.dep_ != "conj" or token.head.i == head.i:
            continue
        left = token.left_edge.i
        if left - 3 > head.i and " ".join(t.lower_ for t in doc[left - 3 : left]) == "as well as":
            found.append(token)
    return found[:1]


def _frame_complement(head: Token) -> Token | None:
    """'issues of X', 'matters related to X', 'cooperation in the field of X' -> X."""
    words = stop_words_by_kind()
    lemma = head.lemma_.lower()
    generic = words.get("generic", frozenset()) | words.get("relation", frozenset())
    if lemma not in words.get("frame", frozenset()) and not (
        lemma in generic and _is_generic(head, shallow=True)
    ):
        return None
    frames = words.get("frame", frozenset())
    for child in head.children:
        prep = child
        if child.dep_ in {"amod", "acl", "prep"} and child.lemma_ in RELATING_WORDS:
            direct = [c for c in child.children if c.dep_ in {"pobj", "dobj"}]
            if direct:
                return direct[0]  # "issues concerning X", "matters regarding X"
            prep = next((c for c in child.children if c.dep_ == "prep"), child)
        if child.dep_ == "acl" and child.pos_ == "VERB" and lemma in frames and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in child.children
        ):
            return child  # "the need to develop X"
        if prep.dep_ != "prep" or prep.lower_ not in LINK_PREPS | {"to", "with"}:
            continue
        if prep.i < head.i:
            continue
        for obj in prep.children:
            if obj.dep_ in {"pobj", "pcomp"}:
                if lemma in words.get("frame", frozenset()):
                    return obj
                if prep.lower_ in {"in", "of", "on"} and (
                    _names_fields(obj) or _frame_complement(obj) is not None
                ):
                    return obj
    return None


def _names_fields(obj: Token) -> bool:
    """'in the field(s) of X', 'in trade, energy and culture': a list of areas follows."""
    words = stop_words_by_kind()
    if obj.lemma_.lower() in words.get("frame", frozenset()):
        return True
    return len(_coordinated(obj)) > 1 or any(
        c.dep_ in {"amod", "compound", "nmod"} and any(g.dep_ == "conj" for g in c.children)
        for c in obj.children
    )


def _specifier_children(head: Token) -> Iterator[Token]:
    """Objects of 'including' / 'in particular' / 'such as' attached to a noun."""
    for child in head.children:
        if child.dep_ != "prep" or child.i < head.i:
            continue
        such_as = child.lower_ == "as" and child.i > 0 and child.nbor(-1).lower_ == "such"
        in_particular = child.lower_ == "in" and _preceded_by_specifier(child)
        if child.lower_ == "including" or such_as or in_particular:
            yield from _prep_objects(child)


def _trimmed(head: Token) -> tuple[int, int]:
    """The noun phrase of `head`: its subtree without conjuncts, clauses and specifiers."""
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ in {"conj", "cc", "preconj"} or _cuts_clause(child) or (
            child.dep_ == "appos" and _starts_list(child)
        ) or (child.dep_ == "prep" and (
            child.lower_ in {"including", "such"} or _preceded_by_specifier(child)
        )):
            drop.update(t.i for t in child.subtree)
    for lifted in _as_well_as_members(head):
        drop.update(range(lifted.left_edge.i - 3, lifted.right_edge.i + 1))
    tokens = [t for t in head.subtree if t.i not in drop]
    start, end = _contiguous(tokens, head)
    doc = head.doc
    if start + 3 < end and doc[start : start + 3].text.lower() == "as well as":
        start += 3
    while start < end - 1 and (doc[start].pos_ in {"DET", "PUNCT", "CCONJ", "ADP"}
                               or (doc[start].dep_ == "poss" and doc[start].pos_ == "PRON")
                               or doc[start].lower_ in {"to"}):
        start += 1
    while end > start + 1 and doc[end - 1].pos_ in {"PUNCT", "CCONJ", "ADP", "DET"}:
        if doc[end - 1].text in {'"', "”", ")"}:
            break
        end -= 1
    end = _before_qualifier(doc, start, end)
    if end - start > MAX_ITEM_TOKENS:
        end = _cut_long(doc, start, end)
    return start, end


def _before_qualifier(doc: Doc, start: int, end: int) -> int:
    """Cut a trailing qualifier that is not part of the subject ("the Middle East agenda
    with due regard to ...", "resuming talks as soon as possible"): stoplist kind
    "qualifier", matched on lower-cased words."""
    phrases = _qualifiers()
    firsts = {phrase[0] for phrase in phrases}
    words = [t.lower_ for t in doc[start:end]]
    for j in range(2, len(words)):
        if words[j] in firsts:
            for phrase in phrases:
                if tuple(words[j : j + len(phrase)]) == phrase:
                    return start + j
    return end


@cache
def _qualifiers() -> tuple[tuple[str, ...], ...]:
    words = stop_words_by_kind().get("qualifier", frozenset())
    return tuple(sorted((tuple(w.split()) for w in words), key=len, reverse=True))


def _cuts_clause(child: Token) -> bool:
    """Relative, adverbial and purpose clauses are not part of a topic's noun phrase."""
    if child.dep_ in CLAUSE_CUT_DEPS:
        return child.dep_ != "relcl" or _after_comma(child)
    if child.dep_ == "acl" and _after_comma(child):
        return True
    return child.dep_ == "punct" and _is_break(child)


def _is_break(token: Token) -> bool:
    """A semicolon, an opening bracket or a free-standing dash ends a noun phrase."""
    if token.text in {";", "("}:
        return True
    spaced = bool(token.whitespace_) or (token.i > 0 and bool(token.nbor(-1).whitespace_))
    return token.text in {"–", "—", "-"} and spaced


def _after_comma(token: Token) -> bool:
    first = min(t.i for t in token.subtree)
    return first > 0 and token.doc[first - 1].text == ","


def _contiguous(tokens: list[Token], head: Token) -> tuple[int, int]:
    """The longest gap-free run of `tokens` around `head`."""
    indices = sorted(t.i for t in tokens)
    start = end = head.i
    present = set(indices)
    while start - 1 in present:
        start -= 1
    while end + 1 in present:
        end += 1
    # a comma or "as well as" left inside still marks a break
    doc = head.doc
    for i in range(head.i + 1, end + 1):
        if _is_break(doc[i]) or (doc[i].text == "," and doc[i].dep_ != "punct"):
            return start, i
    return start, end + 1


def _cut_long(doc: Doc, start: int, end: int) -> int:
    """A long phrase ends at its first comma (the rest is elaboration)."""
    for i in range(start + 3, end):
        if doc[i].text in {",", ";"}:
            return i
    return start + MAX_ITEM_TOKENS


def _split_modifiers(head: Token, span: tuple[int, int]) -> Iterator[tuple[int, int]]:
    """'political, diplomatic and economic spheres' -> one topic per sphere (three or more)."""
    start, end = span
    for child in head.children:
        if child.dep_ not in {"amod", "compound", "nmod"} or child.i < start:
            continue
        members = _coordinated(child)
        if len(members) < 3:
            continue
        members = [m for m in members if m.lower_ not in {"other", "various"}]
        for member in members[:-1]:
            own = [c.i for c in member.children if c.i < member.i
                   and c.dep_ in {"compound", "amod", "nmod"}]
            yield min([member.i, *own]), member.i + 1
        last = members[-1]
        yield last.i, end
        return
    yield start, end


# --------------------------------------------------------------------------- classification


def _content_lemmas(tokens: Iterable[Token]) -> list[str]:
    return [
        t.lemma_.lower() for t in tokens
        if t.is_alpha and t.lower_ not in STOP_WORDS and not t.is_stop
    ]


def _is_generic(head: Token, shallow: bool = False) -> bool:
    """True when the phrase under `head` names no subject (all its words are generic)."""
    words = stop_words_by_kind()
    allowed = words.get("generic", frozenset()) | words.get("frame", frozenset()) | words.get(
        "relation", frozenset()
    )
    tokens = [head, *(c for c in head.children if c.dep_ in {"amod", "compound", "det"})] \
        if shallow else list(head.subtree)
    return all(lemma in allowed for lemma in _content_lemmas(tokens))


def _classify(span: Span) -> str:
    """'empty', 'courtesy', 'contact', 'relational' or 'specific'."""
    words = stop_words_by_kind()
    lemmas = _content_lemmas(span)
    if not lemmas:
        return "empty"
    if span.root.lemma_.lower() in words.get("courtesy", frozenset()):
        return "courtesy"
    generic = words.get("generic", frozenset()) | words.get("frame", frozenset())
    relation = words.get("relation", frozenset())
    contact = words.get("contact", frozenset())
    if all(t.ent_type_ in {"PERSON", "ORG"} for t in span if t.is_alpha):
        return "empty"  # a bare name: a misparsed subject, not what was discussed
    names = {t.lemma_.lower() for t in span if _names_a_party(t)}
    rest = [lemma for lemma in lemmas if lemma not in names]
    root = span.root
    if root.pos_ == "VERB" and root.dep_ == "xcomp" and root.head.lemma_ == "agree":
        rest = [lemma for lemma in rest if lemma != root.lemma_.lower()]  # "agreed to intensify"
    if root.lemma_.lower() in words.get("frame", frozenset()) and not any(
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


# --------------------------------------------------------------------------- sessions & dedupe


def _session_number(sentence: Span) -> int | None:
    """The ordinal of a session, round or panel named in the sentence, if any."""
    for token in sentence:
        if token.lemma_.lower() not in SESSION_NOUNS:
            continue
        modifiers = [c.lower_ for c in token.children if c.dep_ in {"amod", "nummod"}]
        if any(m in NOT_NUMBERED for m in modifiers):
            return None
        for modifier in modifiers:
            number = ORDINALS.get(modifier) or _numeric_ordinal(modifier)
            if number:
                return number
    return None


def _numeric_ordinal(word: str) -> int | None:
    found = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(found.group(1)) if found else None


def _dedupe(items: list[_Item]) -> list[_Item]:
    """One topic per stretch of text, in text order; overlapping finds keep the longer one."""
    kept: list[_Item] = []
    for item in sorted(items, key=lambda it: (it.start, -(it.end - it.start))):
        if any(item.start < other.end and other.start < item.end for other in kept):
            continue
        kept.append(item)
    return kept
