"""Row models of the events component's data (`events/data/`)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from communique.models import EventType, Mode


class TriggerRow(BaseModel):
    """One line of event_triggers.jsonl: a spaCy Matcher pattern and what it names."""

    type: EventType
    mode: Mode | None = None
    strength: int = Field(ge=1, le=2)  # 2: names the event outright; 1: a weaker cue
    mode_only: bool = False  # says how an event was held ("via videoconference")
    pattern: list[dict] = Field(min_length=1)


class EventWordRow(BaseModel):
    """One line of event_words.jsonl."""

    kind: Literal["act_verb", "online", "reception", "not_act", "counterpart", "held"]
    word: str
