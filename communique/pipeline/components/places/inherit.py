"""The place of an event whose own sentences name none: written for it elsewhere, or
the visitor's destination.

"The briefing was held for the diplomatic corps. ... The event took place in the
Ministry of Foreign Affairs": a definite event noun as the subject of "took place in"
refers back to the event reported, even sentences later (`recapped`). "The 10th
Ministerial Meeting, held in Tokyo. The meeting was attended by ...": the event
whose trigger is the anaphor was first named, with its place, in the sentence before
(`first_named`). "On 20-24 March, the Days of Culture were held in Baku. ... The
exhibition ...": the lead of a release reports its main event, so the main event
takes the place of the lead when its trigger comes later (`lead_place`).

"Minister X arrived in Riyadh. On the same day, he held talks with ...": the talks
name no place, yet the release says where the visitor was. An event reported after
a destination city ("arrived in X", "a visit to X", "who is in X on a visit", a
headline "... in X") and naming no place of its own was held there; the latest
destination before the event's trigger counts (a visitor who travels on to another
city held the later meetings there). A call or a videoconference has no place unless
written (guidelines), so it inherits none; nor does an event reported before any
destination.
"""

from __future__ import annotations

from communique.models import Location
from communique.pipeline.components.events.candidates import EventCandidate
from communique.pipeline.components.events.triggers import Trigger
from communique.pipeline.components.places.words import place_words


def inherited_place(cand: EventCandidate, destinations: list[Location]) -> Location | None:
    """The destination city written last before `cand`'s trigger, if it may take one."""
    if cand.mode in place_words().no_place_modes:
        return None
    before = [d for d in destinations if d.span and d.span.end <= cand.trigger.start]
    return before[-1] if before else None


def _in_sentence(loc: Location, sent: int, bounds: list[tuple[int, int]]) -> bool:
    return loc.span is not None and sent < len(bounds) and \
        bounds[sent][0] <= loc.span.start < bounds[sent][1]


def recapped(cand: EventCandidate, recaps: list[Location],
             bounds: list[tuple[int, int]]) -> Location | None:
    """A place written for "the event" in this event's sentences after its trigger."""
    later = [s for s in cand.sentences if s > cand.trigger.sent]
    return next((loc for loc in recaps if any(_in_sentence(loc, s, bounds) for s in later)),
                None)


def first_named(cand: EventCandidate, events: list[EventCandidate], triggers: list[Trigger],
                found: list[Location], bounds: list[tuple[int, int]]) -> Location | None:
    """The place of the sentence before the trigger's when that sentence names an event
    of the same type (a trigger not excluded) that is no event of its own (a sentence
    reporting another event keeps its place: "took part in the meeting in Dushanbe.
    Within the framework of the visit, the delegation was received by ...")."""
    prev = cand.trigger.sent - 1
    if prev < 0 or any(e.trigger.sent == prev for e in events):
        return None
    if not any(t.sent == prev and t.type == cand.type and t.excluded is None
               for t in triggers):
        return None
    return next((loc for loc in found if _in_sentence(loc, prev, bounds)), None)


#: Tuning: the lead is within this many sentences of the headline's end.
LEAD_SENTENCES = 2


def lead_place(cand: EventCandidate, events: list[EventCandidate], found: list[Location],
               bounds: list[tuple[int, int]], title_end: int) -> Location | None:
    """For the main event: the place of the lead (the first sentences after the
    headline, before the event's trigger) when no other event is reported there."""
    if not events or cand is not events[0] or cand.mode in place_words().no_place_modes:
        return None
    body = [n for n, (start, _) in enumerate(bounds) if start >= title_end][:LEAD_SENTENCES]
    for sent in (s for s in body if s < cand.trigger.sent):
        if any(e.trigger.sent == sent for e in events):
            return None
        here = next((loc for loc in found if _in_sentence(loc, sent, bounds)), None)
        if here is not None:
            return here
    return None


def fallback_place(cand: EventCandidate, events: list[EventCandidate], triggers: list[Trigger],
                   found: list[Location], destinations: list[Location],
                   recaps: list[Location], bounds: list[tuple[int, int]],
                   title_end: int = 0) -> Location | None:
    """The place of an event whose own sentences name none, in this order: written for
    it later, where it was first named, the lead's (main event), the visitor's
    destination."""
    return (recapped(cand, recaps, bounds) or first_named(cand, events, triggers, found, bounds)
            or lead_place(cand, events, found, bounds, title_end)
            or inherited_place(cand, destinations))
