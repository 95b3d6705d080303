"""Row models of the event-place rule data (`places/data/`), validated when the
component is built."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, field_validator

DATA_DIR = Path(__file__).parent / "data"
CUES_FILE = "places_cues.csv"
VENUES_FILE = "places_venues.jsonl"
WORDS_FILE = "places_words.csv"

CueKind = Literal["in_licensor", "to_licensor", "not_event", "facility"]
VenueKind = Literal["building", "institution", "mission"]
WordKind = Literal["in_prep", "to_prep", "name_pos", "possessive"]


class CueRow(BaseModel):
    """One line of places_cues.csv."""

    kind: CueKind
    word: str
    pos: str | None = None  # only when the word has this part of speech ("sign" as a VERB)


class VenueRow(BaseModel):
    """One line of places_venues.jsonl."""

    name: str
    aliases: list[str] = []
    kind: VenueKind
    city: str | None = None
    country: str | None = None

    @field_validator("aliases", mode="before")
    @classmethod
    def _none_is_empty(cls, value: list[str] | None) -> list[str]:
        return value or []



class WordRow(BaseModel):
    """One line of places_words.csv."""

    kind: WordKind
    word: str
