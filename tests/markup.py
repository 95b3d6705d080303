"""Inline-markup test strings, as edsnlp writes its tests.

One string states the input and every expected value:

    "On 13 March the Minister met <p role='Ambassador' country=JP>Hiroshi Tanaka</p>."

`parse` returns the plain text and the marked values with their character
offsets; `assert_found` compares them with what a component found, so an offset
that is off, a value that differs, a missed value or any unmarked extra value
fails the test (never `expected in found`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TAG = re.compile(r"<(/?)(\w+)((?:\s+\w+=(?:'[^']*'|\"[^\"]*\"|[^\s>]+))*)\s*>")
_ATTR = re.compile(r"(\w+)=('[^']*'|\"[^\"]*\"|[^\s>]+)")


@dataclass(frozen=True)
class Marked:
    """One expected value: the tag, its offsets in the plain text, its attributes."""

    tag: str
    start: int
    end: int
    text: str
    attrs: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def key(self) -> tuple:
        return (self.tag, self.start, self.end, self.text, tuple(sorted(self.attrs.items())))


def _attrs(raw: str) -> dict[str, str]:
    return {k: v.strip("'\"") for k, v in _ATTR.findall(raw)}


def parse(marked: str) -> tuple[str, list[Marked]]:
    """The plain text of `marked` and its marked values in text order (tags may nest)."""
    plain: list[str] = []
    length = 0
    open_tags: list[tuple[str, int, dict[str, str]]] = []
    found: list[Marked] = []
    at = 0
    for m in _TAG.finditer(marked):
        chunk = marked[at : m.start()]
        plain.append(chunk)
        length += len(chunk)
        at = m.end()
        closing, tag, raw = m.group(1), m.group(2), m.group(3)
        if not closing:
            open_tags.append((tag, length, _attrs(raw)))
            continue
        if not open_tags or open_tags[-1][0] != tag:
            raise ValueError(f"</{tag}> closes nothing in {marked!r}")
        _tag, start, attrs = open_tags.pop()
        found.append(Marked(tag, start, length, "", attrs))
    if open_tags:
        raise ValueError(f"unclosed <{open_tags[-1][0]}> in {marked!r}")
    plain.append(marked[at:])
    text = "".join(plain)
    done = [Marked(f.tag, f.start, f.end, text[f.start : f.end], f.attrs) for f in found]
    return text, sorted(done, key=lambda f: (f.start, f.end, f.tag))


def assert_found(marked: str, found: list[Marked]) -> None:
    """`found` (what a component gave, as Marked) is exactly what `marked` states."""
    _text, expected = parse(marked)
    want = sorted(e.key() for e in expected)
    got = sorted(f.key() for f in found)
    assert got == want, f"\nexpected {want}\n     got {got}"
