"""How gold and predicted values are made comparable (readings 3, 4 and 6 of scorer.py).

Folding, place aliases (evaluation/data/places.csv, then the project
gazetteer), name tokens and content tokens (function words and name
suffixes in evaluation/data/words.csv). The evaluation's own data lives in
evaluation/data/, outside the extraction rule data, so editing an alias
here changes scores, never the extraction's cache key.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from communique.pipeline.gazetteer import Gazetteer, Place
from communique.pipeline.rules import load_rows

DATA_DIR = Path(__file__).parent / "data"


class WordRow(BaseModel):
    word: str
    kind: Literal["stop", "name_suffix"]


class PlaceRow(BaseModel):
    alias: str
    canonical: str
    kind: Literal["city", "country", "demonym"]
    code: str | None = None


@cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(r.word.lower() for r in load_rows("words.csv", WordRow, data_dir=DATA_DIR)
                     if r.kind == kind)


@cache
def place_rows() -> dict[str, PlaceRow]:
    """Folded alias -> row (shared with the baseline's country lookup)."""
    return {fold(r.alias): r for r in load_rows("places.csv", PlaceRow, data_dir=DATA_DIR)}


@cache
def gazetteer() -> Gazetteer:
    """The project gazetteer, loaded once (aliases beyond the evaluation's own table)."""
    return Gazetteer.load()


def fold(text: str) -> str:
    """Accents stripped, case-folded, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def fold_place(text: str, kind: Literal["city", "country"]) -> str:
    """Canonical folded form of a place name: alias table, then gazetteer."""
    key = fold(text)
    row = place_rows().get(key)
    if row is not None and row.kind != "demonym":
        return fold(row.canonical)
    hit = gazetteer().city(text) if kind == "city" else gazetteer().country(text)
    canonical = (hit.city if isinstance(hit, Place) else hit.name) if hit else None
    if canonical:
        return fold(canonical)
    return key


_LETTERS = re.compile(r"[^\W\d_]+")
_WORDS = re.compile(r"[^\W_]+")


def name_tokens(name: str) -> frozenset[str]:
    """Folded name tokens without initials and generational suffixes."""
    suffixes = _words("name_suffix")
    return frozenset(t for t in _LETTERS.findall(fold(name))
                     if len(t) > 1 and t not in suffixes)


def content_tokens(text: str) -> Counter[str]:
    """Lower-cased content words (multiset) of a role or topic."""
    stop = _words("stop")
    return Counter(t for t in _WORDS.findall(text.lower()) if t not in stop)


def token_f1(gold: Counter[str], pred: Counter[str]) -> float:
    """Multiset token F1; 0 when either side has no content word."""
    if not gold or not pred:
        return 0.0
    overlap = sum((gold & pred).values())
    return 2 * overlap / (sum(gold.values()) + sum(pred.values()))
