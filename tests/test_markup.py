"""The markup helper itself: offsets, attributes, nesting and extra values."""

from __future__ import annotations

import pytest

from tests.markup import Marked, assert_found, parse


def test_parse_gives_plain_text_offsets_and_attributes() -> None:
    text, found = parse("met <p role='Ambassador' country=JP>K. Sato</p> in <l>Tokyo</l>.")
    assert text == "met K. Sato in Tokyo."
    assert [(f.tag, f.start, f.end, f.text, f.attrs) for f in found] == [
        ("p", 4, 11, "K. Sato", {"role": "Ambassador", "country": "JP"}),
        ("l", 15, 20, "Tokyo", {}),
    ]


def test_nested_tags_both_count() -> None:
    _text, found = parse("<p name='R. Meredov'><r>Minister</r> R. Meredov</p>")
    assert [(f.tag, f.start, f.end) for f in found] == [("r", 0, 8), ("p", 0, 19)]


@pytest.mark.parametrize("found", [
    [],  # a missed value
    [Marked("l", 0, 5, "Tokyo"), Marked("l", 9, 13, "Oslo")],  # an extra value
    [Marked("l", 0, 4, "Toky")],  # an offset off by one
    [Marked("l", 0, 5, "Tokyo", {"country": "CN"})],  # a value that differs
])
def test_any_difference_fails(found: list[Marked]) -> None:
    with pytest.raises(AssertionError):
        assert_found("<l country=JP>Tokyo</l> and Oslo", found)


def test_unbalanced_markup_is_refused() -> None:
    with pytest.raises(ValueError, match="unclosed"):
        parse("<p>K. Sato")
