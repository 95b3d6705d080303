"""The main event of a release no trigger fires in: a security operation, an arrest,
an emergency response, a ruling (guidelines, Events: type `other`).

It is the act one of the first sentences (else the headline) reports: the sentence's
main verb in the past ("detained", "was killed", "have evacuated"; a headline's
present, "Court orders release", is its past), not a plan or a future ("will
visit", "is to hold"), not the speaker's own words (first person: a republished
speech), and not a verb of saying or of a position ("said", "condemned",
"remains committed": `not_act` in data/event_words.jsonl). A release whose first
sentences report no such act has no event.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from communique.pipeline.components.doc_cache import sentences
from communique.pipeline.components.events.candidates import EventCandidate
from communique.pipeline.components.events.lexicon import EventLexicon
from communique.pipeline.components.events.triggers import Trigger
from communique.pipeline.components.qualifiers.frames import qualifier_of

#: Body sentences (paragraph parts) read for the main act (tuning constant).
FALLBACK_SENTENCES = 3

# grammar (tags, dependency labels, morphology), not words
_PAST = frozenset({"VBD"})
_PARTICIPLE = frozenset({"VBN"})
_HEADLINE_PRESENT = frozenset({"VBZ", "VBP", "VBD", "VBN"})
_AUX_DEPS = frozenset({"aux", "auxpass"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})


def fallback_event(doc: Doc, title_end: int, lexicon: EventLexicon,
                   triggers: Sequence[Trigger] = ()) -> EventCandidate | None:
    """The main event (type `other`) of a release with no event trigger, or None.
    A sentence naming a meeting, visit or talks that were not reported (planned,
    recalled: "The previous round of talks took place in May") is about that
    event, not an act of its own, and is passed over."""
    sents = sentences(doc)
    named = {t.sent for t in triggers}
    clauses = [(n, root, part[-1].idx < title_end) for n, sent in enumerate(sents)
               if n not in named
               for part in _paragraph_parts(sent) for root in [_part_root(part)]]
    body = [c for c in clauses if not c[2]][:FALLBACK_SENTENCES]
    for n, root, in_headline in body + [c for c in clauses if c[2]]:  # body first: its date
        verb = _act_verb(root, lexicon, in_headline)
        if verb is not None:
            trigger = Trigger(type="other", mode=None, strength=2, mode_only=False,
                              start=verb.idx, end=verb.idx + len(verb), token=verb.i, sent=n,
                              excluded=None)
            return EventCandidate("other", None, trigger, list(range(n, len(sents))),
                                  report_sents=[n])
    return None


def _paragraph_parts(sent: Span) -> list[Span]:
    """The sentence cut at blank lines: the parser may run a header, a headline and the
    first sentence into one ("Title: ...\n\nFloods hit the south\n\nRescue teams ...")."""
    parts, start = [], sent.start
    for tok in sent:
        if tok.is_space and tok.text.count("\n") >= 2:
            if tok.i > start:
                parts.append(sent.doc[start:tok.i])
            start = tok.i + 1
    if start < sent.end:
        parts.append(sent.doc[start:sent.end])
    return parts


def _part_root(part: Span) -> Token:
    """The head of a part: its first verb whose head lies outside it (or the root)."""
    inside = range(part.start, part.end)
    heads = [t for t in part if t.head.i == t.i or t.head.i not in inside]
    verbs = [t for t in heads if t.pos_ in {"VERB", "AUX"}]
    return (verbs or heads or [part.root])[0]


def _act_verb(root: Token, lexicon: EventLexicon, in_headline: bool) -> Token | None:
    """The clause's main verb when it reports a past act, else None. Under a verb
    of saying ("X evacuated 300 residents, the ministry said") the act is the
    clause said."""
    if root.lemma_.lower() in lexicon.not_act_verbs:
        said = [c for c in root.children if c.dep_ == "ccomp"]
        root = said[0] if said else root
    if root.pos_ not in {"VERB", "AUX"} or root.lemma_.lower() in lexicon.not_act_verbs:
        return None
    if qualifier_of(root) is not None or _first_person(root):
        return None
    auxes = [c for c in root.children if c.dep_ in _AUX_DEPS]
    if any(a.tag_ == "MD" or a.lower_ == "to" for a in auxes):
        return None  # "will visit", "is to hold"
    if in_headline:
        return root if root.tag_ in _HEADLINE_PRESENT else None
    if root.tag_ in _PAST and not auxes:
        return root
    if root.tag_ in _PARTICIPLE and auxes and _past_or_perfect(auxes):
        return root
    return None


def _past_or_perfect(auxes: list[Token]) -> bool:
    """"was killed", "were evacuated" (a past auxiliary), "have detained", "has been
    arrested" (the perfect: an act completed by the time of the release)."""
    return any(a.tag_ == "VBD" or a.lemma_ == "have" for a in auxes)


def _first_person(verb: Token) -> bool:
    """"We have achieved ...": the speaker's own words, a speech, not a report."""
    return any(c.dep_ in _SUBJECT_DEPS and "1" in c.morph.get("Person") for c in verb.children)
