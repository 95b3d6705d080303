"""Row models of the event-place rule data (`places/data/`), validated when the
component is built."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, field_validator, model_validator

DATA_DIR = Path(__file__).parent / "data"
CUES_FILE = "places_cues.csv"
VENUES_FILE = "places_venues.jsonl"
WORDS_FILE = "places_words.csv"
AREAS_FILE = "places_areas.csv"

CueKind = Literal["in_licensor", "to_licensor", "not_event", "facility", "destination",
                  "event_noun", "object_licensor"]
VenueKind = Literal["building", "institution", "mission"]
WordKind = Literal["in_prep", "to_prep", "name_pos", "possessive", "area_noun", "area_suffix",
                   "area_ending", "no_place_mode", "settlement_noun", "feature_noun"]


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

    @model_validator(mode="after")
    def _ending_pair(self) -> WordRow:
        if self.kind == "area_ending" and self.word.count(">") != 1:
            raise ValueError(f"an area_ending is 'local>English', not {self.word!r}")
        return self


class AreaRow(BaseModel):
    """One line of places_areas.csv: an administrative area or natural feature the ISO
    3166-2 table (pycountry) does not name in its English form."""

    name: str
    aliases: list[str] = []
    kind: Literal["area", "feature"]
    country: str
    source: str

    @field_validator("aliases", mode="before")
    @classmethod
    def _split(cls, value: str | list[str] | None) -> list[str]:
        if isinstance(value, str):
            return [part.strip() for part in value.split("|") if part.strip()]
        return value or []

    @field_validator("country")
    @classmethod
    def _code(cls, value: str) -> str:
        if len(value) != 2 or not value.isalpha() or not value.isupper():
            raise ValueError(f"country must be an ISO 3166-1 alpha-2 code, not {value!r}")
        return value

