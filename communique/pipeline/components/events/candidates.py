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

from communique.pipeline.components.context import context
from communique.pipeline.components.dates.find import default_lexicon
from communique.pipeline.components.dates.forms import scan, select
from communique.pipeline.components.doc_cache import sentences
from communique.pipeline.components.events.counterparts import is_new_meeting
from communique.pipeline.components.events.lexicon import EventLexicon
from communique.pipeline.components.events.triggers import Trigger

#: Sentences of an event read for a word saying it was held online (tuning constant).
MODE_SENTENCES = 3

# grammar (parts of speech, tags and dependency labels), not words
_VERB_POS = frozenset({"VERB", "AUX"})
_PREP_DEPS = frozenset({"prep", "pobj"})
_PAST_TAGS = frozenset({"VBD", "VBN"})
_TOP_DEPS = frozenset({"ROOT", "conj"})
_PARTICIPLE_DEPS = frozenset({"acl"})
_TOPIC_DEPS = frozenset({"nsubj", "nsubjpass", "attr", "ROOT", "appos"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_PARTICIPLE_TAGS = frozenset({"VBN"})


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
    # kinds reported in the body: a headline's event is the body's first report of it
    body_types = {main.type} if main.start >= title_end else set()
    for trig in triggers[1:]:
        if trig.start < title_end or trig.mode_only:
            continue
        verb = _act_verb(_root(doc, trig), lexicon)
        if verb is None:
            continue
        if trig.sent == events[-1].trigger.sent and not (
                verb is not None and _own_clause(doc, trig, verb, events[-1], lexicon)):
            continue
        if trig.type in seen_types and not (
                _is_reception(doc[trig.token], lexicon)
                or is_new_meeting(doc, trig, events, lexicon, title_end)
                or (verb is not None and trig.type in body_types
                    and _dated_anew(doc, trig, verb))):
            continue
        events.append(EventCandidate(trig.type, trig.mode, trig, []))
        seen_types.add(trig.type)
        body_types.add(trig.type)
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


def _root(doc: Doc, trig: Trigger) -> Token:
    """The word of the trigger phrase its clause governs: "statements" of "statements
    for the press" (the phrase's syntactic root), not the last noun of the phrase."""
    span = doc.char_span(trig.start, trig.end)
    return span.root if span is not None else doc[trig.token]


def _act_verb(token: Token, lexicon: EventLexicon) -> Token | None:
    """The verb by which a later trigger reports an event of its own, the act of its
    clause: a main verb in the past ("were signed", "was received", "met"), or the
    verb whose object it is ("held a press conference", "took part in the forum").
    Nouns elsewhere ("ready for talks", "the anniversary of signing") refer to other
    events: None."""
    held = _held(token, lexicon)
    if held is not None:
        return held
    if _is_reception(token, lexicon) and _past_passive(token):
        return token  # "..., where he was received by the Secretary-General"
    verb = token
    if token.pos_ not in _VERB_POS:
        verb = token.head
        while verb.pos_ == "ADP" or verb.dep_ in _PREP_DEPS:
            if verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in lexicon.act_verbs:
            return None
    if verb.tag_ not in _PAST_TAGS:
        return None
    return verb if verb.dep_ in _TOP_DEPS else None


def _held(token: Token, lexicon: EventLexicon) -> Token | None:
    """"the Meeting of the Dialogue, held on 19 May in Tokyo": a past participle of an
    act verb in the trigger noun's phrase reports the event as held (a setting or
    recalled one is excluded before, by its qualifier)."""
    if token.pos_ in _VERB_POS or token.dep_ not in _TOPIC_DEPS:
        return None  # "decisions of the summit held in 2019": a recalled event
    for tok in token.subtree:
        if (tok.dep_ in _PARTICIPLE_DEPS and tok.tag_ in _PARTICIPLE_TAGS
                and tok.lemma_.lower() in lexicon.held_verbs):
            return tok
    return None


def _past_passive(verb: Token) -> bool:
    """"was received", "were received": a past passive auxiliary."""
    return any(c.dep_ == "auxpass" and c.tag_ == "VBD" for c in verb.children)


def _own_clause(doc: Doc, trig: Trigger, verb: Token, last: EventCandidate,
                lexicon: EventLexicon) -> bool:
    """A trigger in the sentence of the last event reports another event when it is of
    another kind and the act of a clause of its own ("documents were signed, and the
    leaders made statements for the press"), not a word of the same act."""
    if trig.type == last.type:
        return False
    last_verb = _act_verb(_root(doc, last.trigger), lexicon)
    return last_verb is not None and last_verb.i != verb.i


def _main_trigger(triggers: list[Trigger]) -> Trigger:
    """The first trigger, unless it only says how the event was held ("took part, via
    videoconference, in the session of ...") and its sentence names the event too."""
    first = triggers[0]
    if first.mode_only:
        named = [t for t in triggers if t.sent == first.sent and not t.mode_only]
        if named:
            return named[0]
    return first


def _dated_anew(doc: Doc, trig: Trigger, verb: Token) -> bool:
    """"On 18 May, the Minister met with ...", "On the same day, he held talks ...": a
    sentence that opens with a date of its own reports another event of a kind
    already reported (a second meeting on another day); not a speaker's own words
    ("Yesterday I met with ...")."""
    if any(c.dep_ in _SUBJECT_DEPS and "1" in c.morph.get("Person") for c in verb.children):
        return False
    sent = sentences(doc)[trig.sent]
    before = doc.text[sent.start_char : trig.start]
    lex = default_lexicon()
    order = context(doc).raw.date_order or "MDY"
    dates = select(list(scan(before, order, lex)))  # type: ignore[arg-type]
    head = before[: dates[0].start].lstrip() if dates else None
    return head is not None and (not head or bool(lex.prepositions.fullmatch(head)))


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
