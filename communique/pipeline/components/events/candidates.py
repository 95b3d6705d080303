"""Event candidates: which of the triggers report an event of the release, main first.

The main event is the first trigger that is neither setting, recalled nor
planned (the headline's, when the headline has one). Later triggers add an
event only when they name another kind of event (a signing or a press
statement after talks) or a reception of the same kind in a later sentence;
repeated mentions of the main event ("the talks were productive") add none.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from communique.pipeline.components.doc_cache import sentences
from communique.pipeline.components.events.counterparts import is_new_meeting, received_where
from communique.pipeline.components.events.lexicon import EventLexicon
from communique.pipeline.components.events.triggers import Trigger

#: Sentences of an event read for a word saying it was held online (tuning constant).
MODE_SENTENCES = 3

# grammar (parts of speech, tags and dependency labels), not words
_VERB_POS = frozenset({"VERB", "AUX"})
_PREP_DEPS = frozenset({"prep", "pobj"})
_PAST_TAGS = frozenset({"VBD", "VBN"})
_TOP_DEPS = frozenset({"ROOT", "conj"})


@dataclass
class EventCandidate:
    """An event the release reports: its trigger and the sentences that report it."""

    type: str
    mode: str | None
    trigger: Trigger
    sentences: list[int]
    report_sents: list[int] = field(default_factory=list)  # sentences naming this event


def find_events(doc: Doc, found: list[Trigger], lexicon: EventLexicon,
                title_end: int = 0) -> list[EventCandidate]:
    """The events the triggers `found` in `doc` report, main event first."""
    triggers = [t for t in found if t.strength == 2 and t.excluded is None]
    if not triggers:
        return []
    main = _main_trigger(triggers)
    events = [EventCandidate(main.type, main.mode, main, [])]
    seen_types = {main.type}
    for trig in triggers[1:]:
        if trig.start < title_end or trig.sent == events[-1].trigger.sent:
            continue
        if trig.mode_only or not (_reports_act(doc[trig.token], lexicon)
                                  or received_where(doc[trig.token], lexicon)):
            continue
        if trig.type in seen_types and not (_is_reception(doc[trig.token], lexicon)
                                             or is_new_meeting(doc, trig, events, lexicon,
                                                               title_end)):
            continue
        events.append(EventCandidate(trig.type, trig.mode, trig, []))
        seen_types.add(trig.type)
    _give_sentences(events, triggers, len(sentences(doc)))
    _refine_modes(doc, events, lexicon)
    return events


def _give_sentences(events: list[EventCandidate], triggers: list[Trigger],
                    n_sents: int) -> None:
    """Each event's sentences run from its trigger's to the next event's (the main
    event's from the first); its report sentences are those naming its type."""
    starts = [e.trigger.sent for e in events]
    for n, event in enumerate(events):
        first = 0 if n == 0 else starts[n]
        last = starts[n + 1] if n + 1 < len(events) else n_sents
        event.sentences = list(range(first, max(last, first + 1)))
        event.report_sents = sorted({t.sent for t in triggers if t.type == event.type
                                     and t.sent in event.sentences} | {event.trigger.sent})


def _reports_act(token: Token, lexicon: EventLexicon) -> bool:
    """A later trigger reports an event of its own only as the act of its clause:
    a main verb in the past ("were signed", "was received", "met"), or the object of
    one ("held a press conference", "took part in the forum"). Nouns elsewhere
    ("ready for talks", "the anniversary of signing") refer to other events."""
    verb = token
    if token.pos_ not in _VERB_POS:
        verb = token.head
        while verb.pos_ == "ADP" or verb.dep_ in _PREP_DEPS:
            if verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.act_verbs:
            return False
    if verb.tag_ not in _PAST_TAGS:
        return False
    return verb.dep_ in _TOP_DEPS


def _main_trigger(triggers: list[Trigger]) -> Trigger:
    """The first trigger, unless it only says how the event was held ("took part, via
    videoconference, in the session of ...") and its sentence names the event too."""
    first = triggers[0]
    if first.mode_only:
        named = [t for t in triggers if t.sent == first.sent and not t.mode_only]
        if named:
            return named[0]
    return first


def _is_reception(token: Token, lexicon: EventLexicon) -> bool:
    """'was received by the Minister': a meeting of its own inside a visit."""
    return token.lower_ in lexicon.reception_words and any(
        c.dep_ == "auxpass" for c in token.children)


def _refine_modes(doc: Doc, events: list[EventCandidate], lexicon: EventLexicon) -> None:
    """An in-person kind of event held by videoconference is online."""
    sents = sentences(doc)
    for event in events:
        if event.type == "phone_call":
            continue
        words = {t.lower_ for s in event.sentences[:MODE_SENTENCES] if s < len(sents)
                 for t in sents[s]}
        if words & lexicon.online_words:
            event.mode = "online"
