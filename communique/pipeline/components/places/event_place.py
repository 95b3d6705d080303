"""Is a place mention an event place? A release names many places; only a few are
where an event happened ("held in Dushanbe", "received in the Kremlin", "a
working visit to Baku"). Most are not: "the Ambassador of Japan to
Turkmenistan", "accredited in Tajikistan", "the situation in Afghanistan", "the
next meeting will be held in Tashkent". So a place is a candidate only when a
locative preposition governs it and that preposition hangs on an event word
(cue lists in `data/places_cues.csv`), with no plan or recall marker above it
in the parse (the qualifier component's `planned_or_recalled`).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from communique.pipeline.components.events.factory import EVENTS
from communique.pipeline.components.findings import findings
from communique.pipeline.components.places.mentions import Mention
from communique.pipeline.components.places.words import Cues, load_cues, place_words
from communique.pipeline.components.qualifiers.frames import planned_or_recalled, staying_on_visit

#: Tuning: common nouns a preposition may climb past to reach its event word.
_MAX_NOUNS = 3


def lemma_of(token: Token) -> str:
    """The token's lemma in lower case (its text where the model gave none)."""
    return (token.lemma_ or token.text).lower()


def _governing_preposition(doc: Doc, start: int) -> Token | None:
    """The preposition right before the mention (past a "the"), if any."""
    j = start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    if j < 0:
        return None
    prep = doc[j]
    words = place_words()
    if prep.lower_ in words.in_preps or prep.lower_ in words.to_preps:
        return prep
    return _prep_of_owner(prep, words.in_preps)


def _prep_of_owner(of: Token, in_preps: frozenset[str]) -> Token | None:
    """"at the Ministry of Finance of Turkmenistan", "in the building of the Mejlis in
    Ashgabat": a place in an "of" phrase is where its owner noun is, so the owner's
    locative preposition governs it."""
    owner = of.head
    if of.lower_ != "of" or of.dep_ != "prep" or owner.dep_ != "pobj":
        return None
    return owner.head if owner.head.lower_ in in_preps else None


def is_cue(token: Token, words: frozenset[str], kind: str, cues: Cues) -> bool:
    """The token's lemma (or "take place"-style lemma + object) is a cue of `kind`."""
    lemma = lemma_of(token)
    keys = [lemma, token.lower_]
    keys += [f"{lemma} {lemma_of(child)}" for child in token.children if child.dep_ == "dobj"]
    for key in keys:
        if key in words:
            pos = cues.pos_only.get((kind, key))
            return pos is None or token.pos_ == pos
    return False


def _licensed(prep: Token, cues: Cues) -> bool:
    """The preposition hangs on an event word, not on a non-event one.

    Climbs the parse past names and titles ("met with President ... Abbas in
    Sochi") and at most two common nouns ("the meeting of the leaders ... in
    Sochi", "a meeting with the heads of the administration in Naryn") to the event
    word; a verb that is not a cue ends the climb.
    """
    words = place_words()
    kind = "to_licensor" if prep.lower_ in words.to_preps else "in_licensor"
    licensors = cues.to_licensor if kind == "to_licensor" else cues.in_licensor
    if kind == "in_licensor" and (_fronted(prep) or staying_on_visit(prep)):
        return True
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    if before is not None:
        if is_cue(before, cues.not_event, "not_event", cues):
            return False
        if is_cue(before, licensors, kind, cues):
            return True
    nouns = 0
    for head in prep.ancestors:
        if is_cue(head, cues.not_event, "not_event", cues):
            return False
        if is_cue(head, licensors, kind, cues):
            return True
        if head.pos_ in words.name_pos or head.pos_ == "ADP":
            continue  # names, titles and the prepositions linking them
        nouns += 1  # "the meeting of the leaders of A and B in Sochi": one noun between
        if head.pos_ not in {"NOUN", "PRON"} or nouns >= _MAX_NOUNS:
            return False
    return False


def _fronted(prep: Token) -> bool:
    """"On 10 July, in Ashkhabad, the President accepted ...": a place set before the
    subject of the sentence's main verb, in the past, frames what the sentence reports."""
    head = prep.head
    if head.dep_ != "ROOT" or head.tag_ not in {"VBD", "VBN"} or prep.i > head.i:
        return False
    subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and all(prep.i < s.left_edge.i for s in subjects)


#: Tags of a non-finite verb: its phrase is part of the clause above it ("a vessel
#: carrying fuel near the port", "suspected of stealing goods from a warehouse in X").
_NON_FINITE = frozenset({"VBG", "VBN", "VB"})
#: Dependencies that open a clause of its own (a relative or adverbial clause): a place
#: inside one is where that clause happened, not the act above it.
_OWN_CLAUSE = frozenset({"relcl", "advcl", "ccomp", "conj", "parataxis"})


def _on_reported_act(prep: Token, cues: Cues) -> bool:
    """The preposition's clause is the act of a main event found with no trigger
    (events' fallback.py: "evacuated 300 residents from villages in Dushanbe"): the
    first finite verb above is the act, past non-finite verbs that describe what the
    act was about ("detained a vessel carrying fuel near the port of Batumi",
    "arrested men suspected of stealing goods from a warehouse in Sacramento")."""
    acts = {c.trigger.token for c in findings(prep.doc, EVENTS)
            if c.type == "other" and prep.doc[c.trigger.token].pos_ in {"VERB", "AUX"}}
    for verb in (h for h in prep.ancestors if h.pos_ in {"VERB", "AUX"}):
        if verb.i in acts:
            return True
        if is_cue(verb, cues.not_event, "not_event", cues) or verb.tag_ not in _NON_FINITE \
                or verb.dep_ in _OWN_CLAUSE:
            return False
    return False


def is_event_place(doc: Doc, mention: Mention, cues: Cues | None = None) -> bool:
    """True when the mention is written as the place where something took place."""
    cues = cues or load_cues()
    if mention.end < len(doc) and doc[mention.end].lower_ in place_words().possessives:
        return False  # "at Kyrgyzstan's initiative", "in Russia's interests"
    prep = _governing_preposition(doc, mention.start)
    if prep is None:
        visit = _visit_of_object(doc, mention, cues)
        return visit is not None and not planned_or_recalled(visit)
    return ((_licensed(prep, cues) or _on_reported_act(prep, cues))
            and not planned_or_recalled(prep))


def _visit_of_object(doc: Doc, mention: Mention, cues: Cues) -> Token | None:
    """The verb of "visited Kyiv", "is visiting Riyadh": the place is its direct object.
    A country visited in a relative clause about the guest ("..., who is visiting
    Japan") is only the setting: the meeting's place is the city written for it."""
    head = doc[mention.start:mention.end].root
    verb = head.head
    if head.dep_ != "dobj" or verb.pos_ != "VERB" or \
            not is_cue(verb, cues.object_licensor, "object_licensor", cues):
        return None
    if verb.dep_ == "relcl" and mention.place.city is None:
        return None
    return verb



def is_destination(doc: Doc, mention: Mention, title_end: int, cues: Cues | None = None) -> bool:
    """The event place is where a visitor is staying: "a visit to X", "arrived in X",
    "who is in X on a working visit", or a place of the headline ("... talks in X").
    The meetings held during the visit that name no place of their own were held
    there (`inherit.py`)."""
    cues = cues or load_cues()
    if doc[mention.start].idx < title_end:
        return True
    prep = _governing_preposition(doc, mention.start)
    if prep is None:
        return _visit_of_object(doc, mention, cues) is not None
    if prep.lower_ in place_words().to_preps:
        return True
    return staying_on_visit(prep) or any(is_cue(head, cues.destination, "destination", cues)
                                         for head in [prep.head, *prep.head.ancestors][:3])


def refers_back(doc: Doc, mention: Mention, cues: Cues | None = None) -> bool:
    """"The event took place in the Ministry ...", "The meeting was held in X": the
    clause's subject is a definite event noun, so the place is that of an event the
    release has already reported, even sentences after it is named."""
    cues = cues or load_cues()
    prep = _governing_preposition(doc, mention.start)
    if prep is None or prep.lower_ not in place_words().in_preps:
        return False
    verb = prep.head
    if not is_cue(verb, cues.in_licensor, "in_licensor", cues) or verb.pos_ not in {"VERB", "AUX"}:
        return False
    return any(child.dep_ in {"nsubj", "nsubjpass"} and lemma_of(child) in cues.event_noun
               and any(d.dep_ == "det" and d.lower_ in {"the", "this"} for d in child.children)
               for child in verb.children)
