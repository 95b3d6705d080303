"""Topic splitting: one object phrase -> the specific items it names.

Every splitting decision lives here. An object is walked down through generic
frames ("issues of X", "a wide range of issues, including X") to its specific
items; those are split at the top-level coordination ("A, B and C" -> three
topics) unless they are a fixed pair ("transport and logistics"); a list of
three or more modifiers is split ("political, trade and economic spheres");
conjuncts hung deep after "as well as" are lifted out; and a plain written list
is split on its commas where the parse hangs its members inside each other
(`listed_items`). Each item is then trimmed to its noun phrase (`trim.py`).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import pairwise

from spacy.tokens import Token

from communique.pipeline.components.doc_cache import sentence_of
from communique.pipeline.components.topics.classify import is_generic
from communique.pipeline.components.topics.cues import is_specifier, prep_objects
from communique.pipeline.components.topics.trim import (
    after_comma,
    before_qualifier,
    cuts_clause,
    trimmed,
)
from communique.pipeline.components.topics.words import topic_words


def items(head: Token) -> Iterator[tuple[int, int]]:
    """Token ranges of the specific items under one object head."""
    members = _coordinated(head)
    if _shares_object(members):  # "uniting and coordinating efforts": one act on one object
        yield _own_phrase(members[0])[0], _own_phrase(members[1])[1]
        return
    if _is_fixed_pair(members):
        first, second = members
        start, end = _own_phrase(first)
        end = max(end, _own_phrase(second)[1])
        for shared in first.children:  # "the course and results of the talks"
            if shared.dep_ == "prep" and shared.i > second.i and not cuts_clause(shared):
                end = max(end, shared.right_edge.i + 1)
        yield start, end
        return
    for member in members:
        if len(members) > 1 and _vague_other(member):
            continue
        yield from _member_items(member)


def _shares_object(members: list[Token]) -> bool:
    """'uniting and coordinating efforts to X': two gerunds, the first bare, share the
    second's object."""
    if len(members) != 2 or any(m.tag_ != "VBG" for m in members):
        return False
    first = members[0]
    return not any(c.dep_ not in {"cc", "conj", "punct"} for c in first.children)


def _vague_other(member: Token) -> bool:
    """'the Ohrid Agreement and other accords': a conjunct that only points back to the class
    of the first ("other", "various": word kind not_member) names no item of its own."""
    own = [c for c in member.children if c.dep_ not in {"cc", "punct", "conj"}]
    return bool(own) and all(
        c.lower_ in topic_words().not_members and c.dep_ == "amod" for c in own)


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
    return after_comma(token) and any(c.dep_ == "conj" for c in token.children)


def _member_items(head: Token) -> Iterator[tuple[int, int]]:
    """Walk a generic frame down to its specific complement, then split modifier lists."""
    light = _light_object(head)
    if light is not None:
        end = _own_phrase(head)[1]
        if end > light.right_edge.i + 1:  # "promote X through the commission": one item
            yield light.left_edge.i, end
        else:
            yield from items(light)
        return
    inner = _frame_complement(head)
    if inner is not None:
        yield from items(inner)
        specific = list(_specifier_children(head))
        for spec in specific:
            yield from items(spec)
        return
    specific = list(_specifier_children(head))
    if specific and (is_generic(head) or _bare_frame(head)):
        for spec in specific:
            yield from items(spec)
        return
    covering = _covering_object(head)
    if covering is not None:  # "(the fact that) the replies ignored concerns such as A, B"
        yield from items(covering)
        return
    yield from _split_modifiers(head, _own_phrase(head))
    for member in _lifted_members(head):
        yield from items(member)
    for spec in specific:
        yield from items(spec)
    for prep in _deep_specifiers(head):
        for spec in prep.children:
            if spec.dep_ in {"pobj", "pcomp"}:
                yield from items(spec)


def _bare_frame(head: Token) -> bool:
    """'Serbia's fundamental concerns such as A and B': a frame word with no complement of its
    own names no subject, its listed items do ('support for X, including A' keeps X)."""
    return head.lemma_.lower() in topic_words().frame and not any(
        c.dep_ == "prep" and c.i > head.i and not is_specifier(c) for c in head.children)


def _covering_object(head: Token) -> Token | None:
    """A clause whose object is a bare frame with listed items ('the replies did not address
    the concerns such as A and B'): the items are what it raised, not the clause."""
    if head.pos_ not in {"VERB", "AUX"}:
        return None
    for child in head.children:
        if child.dep_ == "dobj" and _bare_frame(child) and any(_specifier_children(child)):
            return child
    return None


def _light_object(head: Token) -> Token | None:
    """'implementing the accord', 'further strengthening cooperation', 'the intention to
    implement the agreements': the gerund or infinitive of a light verb (stoplist kind
    "light_verb") adds nothing, its direct object is the item."""
    if head.tag_ not in {"VBG", "VB"} or head.lemma_.lower() not in topic_words().light_verbs:
        return None
    return next((c for c in head.children if c.dep_ == "dobj"), None)


def _lifted_members(head: Token) -> list[Token]:
    """Items the parser hung inside the head's own phrase: after "as well as", or a
    parallel conjunct deep in its complement."""
    return _as_well_as_members(head) + _parallel_members(head)


def _parallel_members(head: Token) -> list[Token]:
    """'the schedule of contacts for this year and the implementation of the memorandum':
    the small parser hangs the second item on the last noun of the first. A conjunct deep
    inside the head's complement that is built like the head (a common noun with its own
    prepositional complement, the head having one too) is an item of its own; a plain
    noun conjunct ("the security of Russia and Belarus"), or one bare of a determiner
    after a name ("the forces of the United States and other countries in the region"),
    stays inside."""
    if head.pos_ != "NOUN" or not _has_complement(head):
        return []
    found = []
    for token in head.subtree:
        if (token.i != head.i and token.dep_ == "conj" and token.head.i != head.i
                and token.head.dep_ == "pobj"
                and token.pos_ == "NOUN" and _has_complement(token)
                and (token.head.pos_ != "PROPN" or any(c.dep_ == "det" for c in token.children))
                and not any(t.i in range(token.left_edge.i, token.right_edge.i + 1)
                            for t in found)):
            found.append(token)
    return found[:1]


def _has_complement(token: Token) -> bool:
    """The noun has a prepositional complement after it ("the implementation of X")."""
    return any(c.dep_ == "prep" and c.i > token.i for c in token.children)


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
    words = topic_words()
    lemma = head.lemma_.lower()
    generic = words.generic | words.relation
    if lemma not in words.frame and not (
        lemma in generic and is_generic(head, shallow=True)
    ):
        return None
    frames = words.frame
    for child in head.children:
        prep = child
        if child.dep_ in {"amod", "acl", "prep"} and child.lemma_ in topic_words().relating:
            direct = [c for c in child.children if c.dep_ in {"pobj", "dobj"}]
            if direct:
                return direct[0]  # "issues concerning X", "matters regarding X"
            prep = next((c for c in child.children if c.dep_ == "prep"), child)
        if child.dep_ == "acl" and child.pos_ == "VERB" and lemma in frames and any(
            (c.dep_ == "aux" and c.lower_ == "to") or (c.dep_ == "mark" and c.lower_ == "that")
            for c in child.children
        ):
            return child  # "the need to develop X", "the fact that X happened"
        if prep.dep_ != "prep" or prep.lower_ not in topic_words().link_preps:
            continue
        if prep.i < head.i or _names_holder(prep):
            continue
        for obj in prep.children:
            if obj.dep_ in {"pobj", "pcomp"}:
                if lemma in words.frame:
                    return obj
                if prep.lower_ in topic_words().field_preps and (
                    _names_fields(obj) or _frame_complement(obj) is not None
                ):
                    return obj
    return None


def _names_holder(prep: Token) -> bool:
    """'the position of EU member states on X': an 'of' naming who holds the position, with
    a complement of its own after it, is not what the frame is about."""
    if prep.lower_ != "of":
        return False
    later = [c for c in prep.head.children if c.dep_ == "prep" and c.i > prep.i
             and c.lower_ in topic_words().link_preps]
    names = [t for t in prep.subtree if t.ent_type_ in {"GPE", "NORP", "ORG"}]
    return bool(later) and bool(names)


def _names_fields(obj: Token) -> bool:
    """'in the field(s) of X', 'in trade, energy and culture': a list of areas follows."""
    words = topic_words()
    if obj.lemma_.lower() in words.frame:
        return True
    if obj.pos_ == "PROPN":
        return False  # "cooperation in the Black Sea and the Sea of Azov": places, not areas
    return len(_coordinated(obj)) > 1 or any(
        c.dep_ in {"amod", "compound", "nmod"} and any(g.dep_ == "conj" for g in c.children)
        for c in obj.children
    )


def _specifier_children(head: Token) -> Iterator[Token]:
    """Objects of 'including' / 'in particular' / 'such as' attached to a noun."""
    for child in head.children:
        if child.dep_ != "prep" or child.i < head.i:
            continue
        if is_specifier(child):
            yield from prep_objects(child)


def _deep_specifiers(head: Token) -> list[Token]:
    """Specifier phrases hung on a noun inside the head's complement: 'the implementation of
    large joint projects such as A and B' -> the 'such as' (its items are items of their own)."""
    found = []
    for token in head.subtree:
        if token.dep_ != "prep" or token.head.i == head.i or token.i < token.head.i:
            continue
        direct = any(c.dep_ in {"pobj", "pcomp"} for c in token.children)
        on_noun = token.head.pos_ in {"NOUN", "PROPN"}  # a list hangs on the noun it covers
        if direct and on_noun and is_specifier(token) and _on_complement_path(token.head, head):
            found.append(token)  # not "including in the wake of X": a circumstance
    return found


def _on_complement_path(token: Token, head: Token) -> bool:
    """`token` hangs on `head` through prepositions and their objects only."""
    while token.i != head.i:
        if token.dep_ not in {"pobj", "prep", "pcomp", "dobj"}:
            return False
        token = token.head
    return True


def _split_modifiers(head: Token, span: tuple[int, int]) -> Iterator[tuple[int, int]]:
    """'political, diplomatic and economic spheres' -> one topic per sphere (three or more)."""
    start, end = span
    members = _modifier_list(head, start)
    if len(members) < 3:
        yield start, end
        return
    members = [m for m in members if m.lower_ not in topic_words().not_members]
    for member in members[:-1]:
        yield _modifier_start(member), member.i + 1
    yield _modifier_start(members[-1]), end


def _modifier_list(head: Token, start: int) -> list[Token]:
    """The coordinated modifiers of `head` ("political, trade-economic and cultural spheres"):
    one modifier's conjuncts, or several modifiers the parser hung on the head apart,
    written with commas between them."""
    for child in head.children:
        if child.dep_ in {"amod", "compound", "nmod"} and child.i >= start:
            members = _coordinated(child)
            if len(members) >= 3:
                return members
    doc = head.doc
    modifiers = [c for c in head.children if c.dep_ in {"amod", "compound", "nmod"}
                 and c.i >= start and c.i < head.i]
    members = sorted({m for c in modifiers for m in _coordinated(c)}, key=lambda t: t.i)
    for left, right in pairwise(members):
        between = {t.lower_ for t in doc[left.i + 1 : _modifier_start(right)]}
        if not between & {",", "and"}:
            return []
    return members


def _modifier_start(member: Token) -> int:
    """Where a listed modifier begins, with its own modifiers ("trade-economic")."""
    own = [c.i for c in member.children if c.i < member.i
           and c.dep_ in {"compound", "amod", "nmod", "npadvmod", "punct"}]
    return min([member.i, *own])


def listed_items(head: Token) -> list[tuple[int, int]]:
    """The object written as a plain list, "the resumption of flights, the functioning of
    border points and the issuance of visas", split on its commas and last "and".

    The small parser often hangs the later members of such a list inside the first
    one; the written shape is then more reliable. Used only for three or more
    members that each hold a noun, at least two of them opening with a determiner
    or a noun, so that lists of modifiers ("political, trade and economic spheres")
    are left to the parse.
    """
    doc = head.doc
    sentence = sentence_of(head)
    start, end = head.left_edge.i, sentence.end
    for i in range(start, end):
        if doc[i].lower_ in topic_words().list_stops or (doc[i].text == "." and i == end - 1):
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
        if a <= sentence.root.i < b:
            return []  # a list of noun phrases never holds the sentence's main verb
        members.append((a, before_qualifier(doc, a, b)))
    opening = sum(doc[bounds[k]].pos_ in {"DET", "NOUN", "PROPN"} for k in range(1, len(bounds)))
    if len(members) < 3 or opening < 2:
        return []
    return members



def _own_phrase(head: Token) -> tuple[int, int]:
    """The noun phrase of `head` alone: its conjuncts, a list opened by an apposition
    and the members lifted after "as well as" are items of their own."""
    lifted: set[int] = set()
    for child in head.children:
        if child.dep_ in {"conj", "cc", "preconj"} or (
            child.dep_ == "appos" and _starts_list(child)
        ):
            lifted.update(t.i for t in child.subtree)
    for member in _as_well_as_members(head):
        lifted.update(range(member.left_edge.i - 3, member.right_edge.i + 1))
    for member in _parallel_members(head):  # with the "and" / "," before it
        lifted.update(range(member.left_edge.i - 1, member.right_edge.i + 1))
    for prep in _deep_specifiers(head):  # with "such" / "in particular" before it
        lifted.update(range(prep.left_edge.i, prep.right_edge.i + 1))
    return trimmed(head, lifted)
