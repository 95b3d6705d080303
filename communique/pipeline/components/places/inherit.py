"""The place of an event that names none: the visitor's destination.

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
from communique.pipeline.components.places.words import place_words


def inherited_place(cand: EventCandidate, destinations: list[Location]) -> Location | None:
    """The destination city written last before `cand`'s trigger, if it may take one."""
    if cand.mode in place_words().no_place_modes:
        return None
    before = [d for d in destinations if d.span and d.span.end <= cand.trigger.start]
    return before[-1] if before else None
