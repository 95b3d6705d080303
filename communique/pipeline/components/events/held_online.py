"""An event held "by video link": the mode-only phrase governed by the event's own verb.

`_refine_modes` (candidates.py) reads single words ("videoconference", "online");
"video link" and "video conference" are two words and stand as mode-only triggers.
They make an event online only where they are attached to the clause that reports
the event ("a meeting of the commission was held by video link", "held a meeting by
video link"), not where they describe someone else joining ("the heads of the
consular sections joined by video link": the meeting itself was held in person).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from communique.pipeline.components.events.candidates import EventCandidate
from communique.pipeline.components.events.triggers import Trigger

#: Heads climbed from a word to the verb that governs it (tuning constant).
MAX_CLIMB = 6

# grammar (parts of speech), not words
_VERB_POS = frozenset({"VERB"})


def governing_verb(token: Token) -> Token | None:
    """The first verb at or above `token` in the parse (None past MAX_CLIMB heads)."""
    for _ in range(MAX_CLIMB):
        if token.pos_ in _VERB_POS:
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def mark_held_online(doc: Doc, events: Sequence[EventCandidate],
                     triggers: Sequence[Trigger]) -> None:
    """Set `mode` online on each event whose reporting verb also governs an online
    mode-only trigger of its sentence."""
    online = [t for t in triggers if t.mode_only and t.mode == "online"]
    for event in events:
        if event.mode == "online" or event.type == "phone_call":
            continue
        verb = governing_verb(doc[event.trigger.token])
        if verb is None:
            continue
        for trig in online:
            if trig.sent == event.trigger.sent and governing_verb(doc[trig.token]) == verb:
                event.mode = "online"
                break
