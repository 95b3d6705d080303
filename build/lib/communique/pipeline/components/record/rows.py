"""Row model of the record assembly's data (`record/data/record_words.jsonl`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from communique.pipeline.rules import load_rows

DATA_DIR = Path(__file__).parent / "data"
WORDS_FILE = "record_words.jsonl"


class RecordWordRow(BaseModel):
    """One word the assembly reads."""

    kind: Literal["relative_pronoun"]
    word: str


@dataclass(frozen=True)
class RecordRules:
    """What the assembly reads besides the findings, compiled once."""

    relative_clause: re.Pattern[str]  # ", who ...": a clause about someone

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> RecordRules:
        words = [r.word for r in load_rows(WORDS_FILE, RecordWordRow, data_dir)
                 if r.kind == "relative_pronoun"]
        alternation = "|".join(re.escape(w) for w in words)
        return cls(relative_clause=re.compile(rf",\s*(?:{alternation})\b"))
