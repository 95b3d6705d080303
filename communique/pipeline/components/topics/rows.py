"""Row models of the topic rule data (`topics/data/`), validated when the component is built."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

DATA_DIR = Path(__file__).parent / "data"
CUES_FILE = "topic_cues.jsonl"
STOPLIST_FILE = "topic_stoplist.jsonl"
WORDS_FILE = "topic_words.jsonl"


class CueRow(BaseModel):
    """One cue word of `topic_cues.jsonl` and where its topic stands."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    lemma: str
    pos: Literal["VERB", "NOUN", "ADJ"]
    direct: bool = False
    direct_if_passive: bool = False
    objects: list[str] = []
    preps: list[str] = []
    with_: list[str] = Field(default=[], alias="with")
    with_head: list[str] = []
    subjects: list[str] = []
    joint: bool = False
    xcomp: bool = False
    copula: bool = False
    reported: bool = False
    gerund_object: bool = False
    judging: bool = False


StopKind = Literal[
    "generic", "frame", "relation", "courtesy", "contact", "qualifier", "light_verb",
]


class StopRow(BaseModel):
    """One word of `topic_stoplist.jsonl` (a spaCy lemma) and its kind."""

    model_config = ConfigDict(extra="forbid")

    word: str
    kind: StopKind


WordKind = Literal[
    "ordinal", "session_noun", "not_numbered", "joint_subject",
    "event_noun", "specifier", "specifier_prep", "relating", "link_prep", "field_prep",
    "list_stop", "informed_person", "subordinator", "not_member", "state_verb", "wish",
]


class WordRow(BaseModel):
    """One word of `topic_words.jsonl`: a word the rules read, by kind (the file says how)."""

    model_config = ConfigDict(extra="forbid")

    word: str
    kind: WordKind
    value: int | None = None  # the number of an ordinal

    @model_validator(mode="after")
    def _ordinal_has_a_value(self) -> WordRow:
        if (self.kind == "ordinal") != (self.value is not None):
            raise ValueError("an ordinal, and only an ordinal, has a value")
        return self
