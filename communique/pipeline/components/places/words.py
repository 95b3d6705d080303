"""The event-place rule data, loaded once per process when the component is built.

The component calls `load_cues`, `load_venues` and `place_words` in its
`__init__`, so a bad row stops start-up with its file and line; the rule
modules then read the same cached tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from communique.pipeline.components.places.rows import (
    CUES_FILE,
    DATA_DIR,
    VENUES_FILE,
    WORDS_FILE,
    CueKind,
    CueRow,
    VenueRow,
    WordRow,
)
from communique.pipeline.gazetteer import fold
from communique.pipeline.rules import load_rows


@dataclass(frozen=True)
class Cues:
    """The cue words of places_cues.csv, by kind."""

    in_licensor: frozenset[str]
    to_licensor: frozenset[str]
    not_event: frozenset[str]
    facility: frozenset[str]
    destination: frozenset[str]
    event_noun: frozenset[str]
    object_licensor: frozenset[str]
    #: cue words that count only with one part of speech: (kind, word) -> pos
    pos_only: dict[tuple[str, str], str]



@dataclass(frozen=True)
class PlaceWords:
    """The grammar words of places_words.csv, by what they are for."""

    in_preps: frozenset[str]
    to_preps: frozenset[str]
    name_pos: frozenset[str]
    possessives: frozenset[str]
    area_nouns: frozenset[str]
    area_suffixes: frozenset[str]
    #: (local ending, English ending) pairs, longest local ending first
    area_endings: tuple[tuple[str, str], ...]
    settlement_nouns: frozenset[str]
    no_place_modes: frozenset[str]
    feature_nouns: frozenset[str]


@cache
def load_cues() -> Cues:
    """Cue lemmas by kind, loaded once."""
    rows = load_rows(CUES_FILE, CueRow, DATA_DIR)
    by_kind: dict[str, set[str]] = {}
    pos_only: dict[tuple[str, str], str] = {}
    for row in rows:
        word = row.word.strip().lower()
        by_kind.setdefault(row.kind, set()).add(word)
        if row.pos:
            pos_only[(row.kind, word)] = row.pos
    kinds = {kind: frozenset(by_kind.get(kind, ())) for kind in CueKind.__args__}
    return Cues(**kinds, pos_only=pos_only)


@cache
def load_venues() -> dict[str, VenueRow]:
    """Venue rows by folded name and alias, loaded once."""
    index: dict[str, VenueRow] = {}
    for row in load_rows(VENUES_FILE, VenueRow, DATA_DIR):
        for name in [row.name, *row.aliases]:
            index[fold(name)] = row
    return index


@cache
def venue_first_words() -> dict[str, int]:
    """First word of every venue key -> most words in a venue key starting with it."""
    first: dict[str, int] = {}
    for key in load_venues():
        words = key.split(" ")
        first[words[0]] = max(first.get(words[0], 0), len(words))
    return first



def _endings(rows: frozenset[str]) -> tuple[tuple[str, str], ...]:
    """"ivska>iv" rows as (local, English) pairs, longest local ending first."""
    pairs = [tuple(row.split(">", 1)) for row in rows]
    return tuple(sorted(pairs, key=lambda pair: (-len(pair[0]), pair[0])))  # type: ignore[misc]


@cache
def place_words() -> PlaceWords:
    """The grammar words by kind, loaded once."""
    by_kind: dict[str, set[str]] = {}
    for row in load_rows(WORDS_FILE, WordRow, DATA_DIR):
        by_kind.setdefault(row.kind, set()).add(row.word.strip())
    kinds = {kind: frozenset(by_kind.get(kind, ())) for kind in WordRow.model_fields["kind"]
             .annotation.__args__}
    return PlaceWords(in_preps=kinds["in_prep"], to_preps=kinds["to_prep"],
                      name_pos=kinds["name_pos"], possessives=kinds["possessive"],
                      area_nouns=kinds["area_noun"], area_suffixes=kinds["area_suffix"],
                      area_endings=_endings(kinds["area_ending"]),
                      settlement_nouns=kinds["settlement_noun"],
                      no_place_modes=kinds["no_place_mode"],
                      feature_nouns=kinds["feature_noun"])
