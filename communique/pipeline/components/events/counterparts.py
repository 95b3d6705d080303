"""A later "met with" that is a meeting of its own: a trip reported as a series.

`find_events` adds a later trigger of a type already seen only for a reception
("was received by the Minister"), so that repeated mentions of the main event
("the talks were held in a warm atmosphere") add nothing. A trip release ("On the
same day, the Minister met with the Chairman ... On 11 June, in Frankfurt, he met
with ...") reports each meeting in its own clause: an active verb whose subject
names a side (not "we": a speech) and a counterpart after a counterpart
preposition (`counterpart` in data/event_words.jsonl: "with") who is new: not
named between the sentence of the first event of that type and the counterpart.
A headline ("Wang Yi Holds Talks with ... Muhriddin") and the body's first
sentence name the same counterpart (the sentence splitter may even run the
headline's name into the first sentence), and an event known only from the title
line ("Title: Talks with the Prime Minister") has its report in the body's first
"held talks with": neither adds an event.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from communique.pipeline.components.doc_cache import sentences
from communique.pipeline.components.events.lexicon import EventLexicon

if TYPE_CHECKING:
    from communique.pipeline.components.events.candidates import EventCandidate
    from communique.pipeline.components.events.triggers import Trigger

# grammar (dependency labels, parts of speech, morphology), not words
_SUBJECT_DEPS = frozenset({"nsubj"})
_EVENT_AS_OBJECT = frozenset({"dobj"})  # "held talks with": the event word is the object
_COUNTERPART_POS = frozenset({"PROPN", "NOUN"})
_NAME_POS = "PROPN"
_PLACE_OR_TIME = frozenset({"GPE", "LOC", "FAC", "DATE", "TIME"})  # "... Muhriddin in Beijing"


def is_new_meeting(doc: Doc, trig: Trigger, events: Sequence[EventCandidate],
                   lexicon: EventLexicon, title_end: int = 0) -> bool:
    """True when the later trigger `trig`, of a type some of `events` already have,
    reports a meeting with a counterpart no earlier body event of that type names."""
    earlier = [e for e in events if e.type == trig.type]
    if not any(e.trigger.start >= title_end for e in earlier):
        return False
    counterpart = counterpart_of(doc[trig.token], lexicon)
    if counterpart is None:
        return False
    names = [t for t in counterpart.subtree
             if t.pos_ == _NAME_POS and t.ent_type_ not in _PLACE_OR_TIME]
    if not names:
        return True
    first = sentences(doc)[min(e.trigger.sent for e in earlier)].start
    before = {t.lower_ for t in doc[first:counterpart.left_edge.i]}
    return names[-1].lower_ not in before


def counterpart_of(token: Token, lexicon: EventLexicon) -> Token | None:
    """The counterpart of the clause the trigger `token` is the act of ("R. Vassilenko
    met with Minister Katrin Vogel", "held talks with the Minister"): the object of a
    counterpart preposition, where the clause has an active subject that is not the
    speaker; else None."""
    verb = token if token.pos_ == "VERB" else token.head
    if verb is not token and token.dep_ not in _EVENT_AS_OBJECT:
        return None
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    if not subjects or any("1" in s.morph.get("Person") for s in subjects):
        return None
    preps = [c for h in (verb, token) for c in h.children
             if c.lower_ in lexicon.counterpart_preps]
    objects = [o for p in preps for o in p.children if o.pos_ in _COUNTERPART_POS]
    return objects[0] if objects else None
