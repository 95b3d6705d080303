"""Which cue applies, and the heads of the phrases it says were discussed.

A cue (a row of `data/topic_cues.jsonl`, matched by the component's Matcher)
counts only for a joint, reported, affirmed discussion: not a plan or wish
(the qualifiers' `frames.is_planned`, the one place that decides it), not
negated, not a side remark,
and with the frame its row asks for. Its objects are the direct object, the
passive subject, the object of its preposition, the complement of "the main
topic was", or the items a verb-level "including" introduces.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from communique.pipeline.components.doc_cache import sentence_of
from communique.pipeline.components.qualifiers.frames import is_planned
from communique.pipeline.components.topics.rows import CueRow
from communique.pipeline.components.topics.words import topic_words

# grammar (dependency labels of the English models), not words
_PREP_DEPS = frozenset({"prep", "dative"})


def cue_applies(cue: Token, row: CueRow) -> bool:
    """False for planned, negated or one-sided statements, and for cues with the wrong frame."""
    if row.pos == "VERB" and ((is_planned(cue) and not _is_wished(cue))
                              or _is_bare_participle(cue)):
        return False
    if any(child.dep_ == "neg" for child in cue.children):
        return False
    if row.subjects and not _subject_in(cue, row.subjects):
        return False
    if row.joint and not _is_joint(cue):
        return False
    if row.reported and not _subjects(cue):
        return False  # a speaker's own formula ("Thank you for ..."), not a report
    head = governor(cue, row)
    return not row.with_head or (
        head.lemma_.lower() in row.with_head
        and not is_planned(head)
        and not _is_bare_participle(head)
    )


def _is_wished(cue: Token) -> bool:
    """'expressed hope that the presidency would pay attention to X': a participant's
    stated hope that X be addressed raises X (the hope itself a report, not a plan)."""
    wish = cue.head
    if cue.dep_ not in {"acl", "ccomp"} or wish.lemma_.lower() not in topic_words().wishes:
        return False
    reporter = wish.head if wish.pos_ == "NOUN" else wish
    return bool(_subjects(reporter)) and not is_planned(reporter)


def governor(cue: Token, row: CueRow) -> Token:
    """The word a noun cue stands under: its head, or the verb above its preposition
    ("asked for assistance in X", "expressed hope for X") when the row names that verb."""
    head = cue.head
    if (head.dep_ in _PREP_DEPS and head.lemma_.lower() not in row.with_head
            and head.head.lemma_.lower() in row.with_head):
        return head.head
    return head


def _is_bare_participle(cue: Token) -> bool:
    """'..., focusing on her contribution', 'considering the actions': a side remark, not a
    report of what was discussed ('while discussing X' and 'during discussing X' still count)."""
    if cue.tag_ != "VBG" or cue.dep_ not in {"advcl", "acl", "prep", "amod"}:
        return False
    subordinators = topic_words().subordinators
    return not any(c.dep_ == "mark" or (c.dep_ == "advmod" and c.lower_ in subordinators)
                   for c in cue.children)


def _subjects(cue: Token) -> list[Token]:
    """The cue's subjects, inherited from the verb a conjunct or xcomp depends on."""
    subjects = [c for c in cue.children if c.dep_ in {"nsubj", "nsubjpass", "expl"}]
    if not subjects and cue.dep_ in {"conj", "xcomp"}:
        return _subjects(cue.head)
    return subjects


def _subject_in(cue: Token, lemmas: list[str]) -> bool:
    """The cue's subject is one of the row's `subjects` ("the agenda included X")."""
    return any(s.lemma_.lower() in lemmas for s in _subjects(cue))


def _is_passive(cue: Token) -> bool:
    """"X was discussed", "issues discussed at the talks": the topic is the subject."""
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
    if subject.lemma_.lower() in topic_words().event_nouns:
        return True
    if subject.dep_ == "expl" or subject.lower_ == "it":
        return True
    if any(c.dep_ == "conj" for c in subject.children):
        return True
    return subject.tag_ in {"NNS", "NNPS"} or subject.lower_ in topic_words().joint_subjects


def object_heads(cue: Token, row: CueRow) -> Iterator[Token]:
    """The heads of the phrases that the cue says were discussed."""
    anchors = [cue]
    if row.with_head:
        anchors.append(governor(cue, row))
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
                if not _object_allowed(child, row):
                    continue  # "presented proposals", not "presented his credentials"
                if child.i + 1 < len(child.doc) and child.nbor(1).text == ":":
                    continue  # "Volodymyr Zelenskyy: ... were discussed" (a headline's speaker)
                if child.lemma_.lower() in topic_words().frame and _has_specifiers(cue) and not any(
                    c.dep_ == "prep" for c in child.children
                ):
                    continue  # "International topics were touched upon, including A and B"
                yield child
            elif child.dep_ == "ccomp" and child.tag_ == "VBG" and not _subjects(child):
                yield child
            elif child.dep_ == "ccomp" and child.i > cue.i:
                yield from _clause_subject(child)
        yield from _verb_conjunct_objects(cue)
        if (passive and cue.dep_ in {"acl"} and cue.head.pos_ in {"NOUN", "PROPN"}
                and _object_allowed(cue.head, row)):
            yield cue.head
    persons = [] if row.with_ else _persons_informed(cue)
    for anchor in anchors + persons:
        for child in anchor.children:  # "given to X": the parser may label the "to" dative
            if (child.dep_ in _PREP_DEPS and child.lower_ in row.preps
                    and child.i > anchor.i
                    and not (anchor in persons and child.lower_ == "of")):
                for prep in _coordinated_preps(child):  # "on X and on Y"
                    for obj in prep.children:
                        if obj.dep_ in {"pobj", "pcomp"} and obj.lemma_.lower() not in row.with_:
                            yield from _gerund_objects(obj) if row.gerund_object else (obj,)
        if anchor.i != cue.i:  # "exchanged views on X, including A and B"
            yield from _specifier_objects(anchor)
    if row.xcomp:
        for child in cue.children:
            if (
                child.dep_ in {"xcomp", "ccomp"}
                and child.pos_ == "VERB"
                and child.i > cue.i
                and not any(c.dep_ in {"mark", "nsubj"} for c in child.children)
            ):
                yield from _verb_objects(child) if row.gerund_object else (child,)
    yield from _specifier_objects(cue)


def _object_allowed(obj: Token, row: CueRow) -> bool:
    """The row's `objects` name the object, or the noun of its "a number of" frame
    ("presented a number of proposals")."""
    if not row.objects:
        return True
    nouns = [obj, *(g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                    for g in c.children if g.dep_ == "pobj")]
    return any(n.lemma_.lower() in row.objects for n in nouns)


def _persons_informed(cue: Token) -> list[Token]:
    """'informed his counterpart about X', 'informed the Prime Minister in detail about X':
    the parser may hang the PP on the person informed (its own "of" is no topic: "the
    President of Russia")."""
    return [c for c in cue.children if c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN", "PRON"}
            and c.lemma_.lower() in topic_words().informed_persons]


def _coordinated_preps(prep: Token) -> list[Token]:
    """'on X and on Y': the preposition and the ones coordinated with it."""
    return [prep, *(c for c in prep.children if c.dep_ == "conj" and c.pos_ == "ADP")]


def _verb_conjunct_objects(cue: Token) -> Iterator[Token]:
    """'discussed the schedule of contacts and the implementation of X': the parser may hang
    the second object on the verb as its conjunct; a noun conjunct of a verb with a
    direct object is a second object."""
    if not any(c.dep_ == "dobj" for c in cue.children):
        return
    yield from (c for c in cue.children if c.dep_ == "conj" and c.pos_ == "NOUN"
                and c.i > cue.i)


def _gerund_objects(obj: Token) -> Iterator[Token]:
    """'thanked X for organising the forum' -> the forum: the act thanked for is no
    subject, what it was done to is (a noun object stays as it is)."""
    direct = [c for c in obj.children if c.dep_ == "dobj"] if obj.tag_ == "VBG" else []
    yield from direct or (obj,)


def _verb_objects(verb: Token) -> Iterator[Token]:
    """'is ready to reduce the cost of transit and provide storage' -> the cost of transit,
    storage: what a readiness is about is the object of each coordinated verb (one with
    no object, "ready to come to the aid of partners", names a stance, not a subject)."""
    for each in [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]:
        yield from (c for c in each.children if c.dep_ == "dobj")


def _clause_subject(clause: Token) -> Iterator[Token]:
    """'stressed that the rate of vaccination should be increased' -> the noun phrase the
    clause is about: the subject of a passive or of a state verb ("X remains unchanged",
    "X is a threat"), when a common noun that is neither a party ("the Ukrainian side")
    nor the event itself ("the talks were useful"); an actor's clause ("the delegation
    arrived") says what someone did, not what was raised."""
    words = topic_words()
    if clause.lemma_.lower() not in words.state_verbs and not any(
        c.dep_ == "nsubjpass" for c in clause.children
    ):
        return
    for subject in _subjects(clause):
        lemma = subject.lemma_.lower()
        if (subject.pos_ == "NOUN" and lemma not in words.event_nouns
                and lemma not in words.informed_persons):
            yield subject


def _has_specifiers(cue: Token) -> bool:
    """The cue has a verb-level "including A and B" (then a bare frame object is no topic)."""
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
        if is_specifier(child) or preceded_by_specifier(child):
            yield from prep_objects(child)


def prep_objects(prep: Token) -> Iterator[Token]:
    """Objects of a preposition, through a stacked one ("in particular in X")."""
    for c in prep.children:
        if c.dep_ in {"pobj", "pcomp"}:
            yield c
        elif c.dep_ == "prep":
            yield from prep_objects(c)


def preceded_by_specifier(token: Token) -> bool:
    """'in particular in X', 'primarily in X', 'especially in X' (the word right before)."""
    i = token.i - 1
    first = sentence_of(token).start
    while i >= first and token.doc[i].is_punct:
        i -= 1
    before = token.doc[i] if i >= first else None
    return (before is not None and before.lower_ in topic_words().specifiers) or any(
        c.lower_ in topic_words().specifiers for c in token.children
    )


def is_specifier(prep: Token) -> bool:
    """'including X', 'such as X', 'in particular in X', 'above all X': the preposition
    opens a list of the items a head covers."""
    doc = prep.doc
    such_as = prep.lower_ == "as" and prep.i > 0 and prep.nbor(-1).lower_ == "such"
    in_particular = prep.lower_ == "in" and preceded_by_specifier(prep)
    above_all = prep.lower_ == "above" and prep.i + 1 < len(doc) and prep.nbor(1).lower_ == "all"
    return prep.lower_ == "including" or such_as or in_particular or above_all
