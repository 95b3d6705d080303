"""Events: which meetings, calls, sessions, signings a release reports.

Trigger phrases (`data/event_triggers.jsonl`, spaCy Matcher patterns, as in
spaCy's span_ruler) give the type and mode. The dependency parse then tells a
reported event from one that is only the setting ("on the sidelines of the
summit"), recalled ("following the talks held in Moscow") or planned ("will
attend the summit"): the words of `data/event_frames.yaml` are looked for on
the path from the trigger up to its clause's verb, never in the whole text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from pydantic import BaseModel, Field
from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from communique.models import EventType, Mode
from communique.pipeline.components.doc_cache import sentence_index, sentence_of, sentences
from communique.pipeline.rules import load_rows


class TriggerRow(BaseModel):
    type: EventType
    mode: Mode | None = None
    strength: int = Field(ge=1, le=2)
    mode_only: bool = False
    pattern: list[dict] = Field(min_length=1)


class FrameRow(BaseModel):
    kind: Literal["setting", "future", "recalled"]
    phrases: list[str] = Field(min_length=1)


@dataclass(frozen=True)
class Trigger:
    """One trigger phrase in the text, with what its context says of it."""

    type: str
    mode: str | None
    strength: int
    mode_only: bool
    start: int  # character offsets of the trigger phrase
    end: int
    token: int  # index of the trigger's head token
    sent: int
    excluded: str | None  # "setting" | "future" | "recalled" | None


@cache
def trigger_rows() -> tuple[TriggerRow, ...]:
    return tuple(load_rows("event_triggers.jsonl", TriggerRow))


@cache
def frames() -> dict[str, tuple[tuple[str, ...], ...]]:
    """Frame phrases per kind, as token tuples (matched on lower-cased words)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for row in load_rows("event_frames.yaml", FrameRow):
        out.setdefault(row.kind, []).extend(tuple(p.lower().split()) for p in row.phrases)
    return {k: tuple(v) for k, v in out.items()}


@cache
def trigger_matcher(vocab: Vocab) -> Matcher:
    matcher = Matcher(vocab)
    for n, row in enumerate(trigger_rows()):
        matcher.add(f"trigger_{n}", [row.pattern])
    return matcher


def find_triggers(doc: Doc) -> list[Trigger]:
    """Every trigger in text order; overlapping matches keep the longest."""
    rows = trigger_rows()
    matches = trigger_matcher(doc.vocab)(doc)
    sent_of = sentence_index(doc)
    taken: set[int] = set()
    found = []
    for match_id, start, end in sorted(matches, key=lambda m: (m[1], -(m[2] - m[1]))):
        if any(i in taken for i in range(start, end)):
            continue
        taken.update(range(start, end))
        row = rows[int(doc.vocab.strings[match_id].rsplit("_", 1)[1])]
        head = _head_token(doc[start:end])
        found.append(Trigger(
            type=row.type, mode=row.mode, strength=row.strength, mode_only=row.mode_only,
            start=doc[start].idx, end=doc[end - 1].idx + len(doc[end - 1]),
            token=head.i, sent=sent_of[head.i], excluded=_excluded(head),
        ))
    return found


def _head_token(span) -> Token:
    """The token of the match that carries the meaning (noun or verb)."""
    for tok in reversed(span):
        if tok.pos_ in {"NOUN", "VERB", "PROPN"}:
            return tok
    return span[-1]


def _excluded(trigger: Token) -> str | None:
    """Why the trigger names no reported event: setting, future or recalled."""
    kinds = frames()
    if _modified_by(trigger, kinds["future"]) or _governed_future(trigger, kinds["future"]):
        return "future"
    if _modified_by(trigger, kinds["recalled"]):
        return "recalled"
    if _under_frame(trigger, kinds["setting"]):
        return "setting"
    return None


def _words_before(token: Token, n: int) -> tuple[str, ...]:
    doc = token.doc
    return tuple(t.lower_ for t in doc[max(sentence_of(token).start, token.i - n) : token.i])


def _ends_with(words: tuple[str, ...], phrases: tuple[tuple[str, ...], ...]) -> bool:
    return any(len(p) <= len(words) and words[-len(p):] == p for p in phrases)


def _modified_by(trigger: Token, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """'the upcoming summit', 'the recent talks': a modifier inside the trigger's phrase."""
    singles = {p[0] for p in phrases if len(p) == 1}
    if any(c.lower_ in singles for c in trigger.children if c.dep_ in {"amod", "det", "nmod",
                                                                      "compound", "advmod"}):
        return True
    words = _words_before(trigger, 3)
    return any(w in singles for w in words if w not in {"the", "a", "an"})


def _governed_future(trigger: Token, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """'will hold talks', 'will attend ... the summit', 'plans to meet', 'the summit
    that will take place'."""
    singles = {p[0] for p in phrases if len(p) == 1}
    for clause in trigger.children:  # "the summit that will take place ..."
        if clause.dep_ in {"relcl", "acl"} and any(
                c.dep_ in {"aux", "auxpass"} and c.lower_ in singles for c in clause.children):
            return True
    tok = trigger
    for _ in range(6):
        if tok.pos_ in {"VERB", "AUX"}:
            aux = {c.lower_ for c in tok.children if c.dep_ in {"aux", "auxpass", "advmod"}}
            if aux & singles or tok.lemma_.lower() in {"plan", "intend", "expect", "schedule"}:
                return True
            if tok.dep_ not in {"xcomp", "ccomp", "advcl", "conj"}:
                return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def _under_frame(trigger: Token, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """True when a setting phrase governs the trigger ("on the sidelines of the summit",
    "following the talks held in Moscow") on its way up to the clause's verb."""
    tok = trigger
    for _ in range(6):
        words = (*_words_before(tok, 6), tok.lower_)
        if tok is not trigger and _ends_with(words, phrases):
            return True
        if tok is trigger and _ends_with(_words_before(tok, 6), phrases):
            return True
        if tok.pos_ in {"VERB", "AUX"} and tok.dep_ in {"ROOT", "conj"}:
            return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


@dataclass
class EventCandidate:
    """An event the release reports: its trigger and the sentences that report it."""

    type: str
    mode: str | None
    trigger: Trigger
    sentences: list[int]
    report_sents: list[int] = field(default_factory=list)  # sentences naming this event


def find_events(doc: Doc, title_end: int = 0,
                found: list[Trigger] | None = None) -> list[EventCandidate]:
    """The events reported, main event first.

    The main event is the first trigger that is neither setting, recalled nor
    planned (the headline's, when the headline has one). Later triggers add an
    event only when they name another kind of event (a signing or a press
    statement after talks) or a reception of the same kind in a later sentence;
    repeated mentions of the main event ("the talks were productive") add none.
    """
    found = find_triggers(doc) if found is None else found
    triggers = [t for t in found if t.strength == 2 and t.excluded is None]
    if not triggers:
        return []
    n_sents = len(sentences(doc))
    main = _main_trigger(triggers)
    events = [EventCandidate(main.type, main.mode, main, [])]
    seen_types = {main.type}
    for trig in triggers[1:]:
        if trig.start < title_end or trig.sent == events[-1].trigger.sent:
            continue
        if trig.mode_only or not _reports_act(doc[trig.token]):
            continue
        if trig.type in seen_types and not _is_reception(doc[trig.token]):
            continue
        events.append(EventCandidate(trig.type, trig.mode, trig, []))
        seen_types.add(trig.type)
    starts = [e.trigger.sent for e in events]
    for n, event in enumerate(events):
        first = 0 if n == 0 else starts[n]
        last = starts[n + 1] if n + 1 < len(events) else n_sents
        event.sentences = list(range(first, max(last, first + 1)))
        event.report_sents = sorted({t.sent for t in triggers if t.type == event.type
                                     and t.sent in event.sentences} | {event.trigger.sent})
    _refine_modes(doc, events)
    return events


_ACT_VERBS = frozenset({
    "hold", "take", "attend", "participate", "make", "give", "conduct", "sign", "open", "chair",
    "address", "host", "organize", "organise", "begin", "start", "continue", "pay", "visit",
    "receive", "meet", "deliver", "present", "co-chair",
})


def _reports_act(token: Token) -> bool:
    """A later trigger reports an event of its own only as the act of its clause:
    a main verb in the past ("were signed", "was received", "met"), or the object of
    one ("held a press conference", "took part in the forum"). Nouns elsewhere
    ("ready for talks", "the anniversary of signing") refer to other events."""
    verb = token
    if token.pos_ not in {"VERB", "AUX"}:
        verb = token.head
        while verb.pos_ == "ADP" or verb.dep_ in {"prep", "pobj"}:
            if verb.head.i == verb.i:
                break
            verb = verb.head
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in _ACT_VERBS:
            return False
    if verb.tag_ not in {"VBD", "VBN"}:
        return False
    return verb.dep_ in {"ROOT", "conj"}


def _main_trigger(triggers: list[Trigger]) -> Trigger:
    """The first trigger, unless it only says how the event was held ("took part, via
    videoconference, in the session of ...") and its sentence names the event too."""
    first = triggers[0]
    if first.mode_only:
        named = [t for t in triggers if t.sent == first.sent and not t.mode_only]
        if named:
            return named[0]
    return first


def _is_reception(token: Token) -> bool:
    """'was received by the Minister': a meeting of its own inside a visit."""
    return token.lower_ == "received" and any(c.dep_ == "auxpass" for c in token.children)


def _refine_modes(doc: Doc, events: list[EventCandidate]) -> None:
    """An in-person kind of event held by videoconference is online."""
    sents = sentences(doc)
    for event in events:
        if event.type == "phone_call":
            continue
        words = {t.lower_ for s in event.sentences[:3] if s < len(sents) for t in sents[s]}
        if words & {"videoconference", "video-conference", "online", "virtual", "virtually"}:
            event.mode = "online"
