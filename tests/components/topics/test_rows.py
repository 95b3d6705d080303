"""Topic rule data: the row models reject what the rules could not read."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from communique.pipeline.components.topics.rows import CueRow, WordRow
from communique.pipeline.components.topics.words import cue_patterns, topic_words


@pytest.mark.parametrize(
    "row",
    [
        {"word": "first", "kind": "ordinal"},  # an ordinal needs its number
        {"word": "will", "kind": "modal", "value": 1},  # only an ordinal has one
        {"word": "will", "kind": "auxiliary"},  # no such kind
    ],
)
def test_bad_word_rows_fail(row: dict) -> None:
    with pytest.raises(ValidationError):
        WordRow.model_validate(row)


def test_word_lists_load_by_kind() -> None:
    words = topic_words()
    assert (words.ordinals["first"], words.ordinals["twelfth"]) == (1, 12)
    assert "session" in words.session_nouns
    assert words.qualifiers == tuple(sorted(words.qualifiers, key=len, reverse=True))


@pytest.mark.parametrize(
    ("pos", "tags"),
    [("VERB", ["VERB", "AUX"]), ("ADJ", ["ADJ", "VERB"]), ("NOUN", ["NOUN"])],
)
def test_cue_pattern_parts_of_speech(pos: str, tags: list[str]) -> None:
    row = CueRow(lemma="discuss", pos=pos)
    assert cue_patterns(((7, row),)) == [(7, "0", [[{"LEMMA": "discuss", "POS": {"IN": tags}}]])]
