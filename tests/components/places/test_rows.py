"""Event-place rule data: rows validate, and every word kind is loaded."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from communique.pipeline.components.places.rows import AreaRow, CueRow, WordRow
from communique.pipeline.components.places.words import load_cues, place_words


@pytest.mark.parametrize(
    ("model", "row"),
    [(WordRow, {"kind": "preposition", "word": "in"}),
     (CueRow, {"kind": "licensor", "word": "hold"})],
)
def test_bad_kind_fails(model, row: dict) -> None:
    with pytest.raises(ValidationError):
        model.model_validate(row)


def test_word_kinds_load() -> None:
    words = place_words()
    assert (words.in_preps, words.to_preps) == (frozenset({"in", "at", "inside", "near"}),
                                                 frozenset({"to"}))
    assert "PROPN" in words.name_pos and "'s" in words.possessives
    assert "region" in words.area_nouns and "village" in words.settlement_nouns
    assert "river" in words.feature_nouns and dict(words.area_endings)["skaya"] == "sk"


def test_area_rows_validate() -> None:
    with pytest.raises(ValidationError):
        AreaRow.model_validate({"name": "X", "kind": "area", "country": "kg", "source": "s"})
    with pytest.raises(ValidationError):
        WordRow.model_validate({"kind": "area_ending", "word": "ska"})


def test_cue_kinds_load() -> None:
    cues = load_cues()
    assert cues.in_licensor and cues.to_licensor and cues.not_event and cues.facility
