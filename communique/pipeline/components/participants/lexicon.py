"""The participant rule data, loaded, validated and indexed once per process.

`ParticipantsComponent.__init__` calls `lexicon()`, so every file of `data/` is read
and every row validated when the pipeline is built, not on the first document; the
record component's participant selection reads the same (cached) tables.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from communique.pipeline.components.participants.rows import (
    BareTitleRow,
    CategoryRow,
    CueRow,
    InstitutionCueRow,
    MirrorRow,
    OfficeStyleRow,
    OrganizationRow,
    PublisherRow,
    TitleRow,
    WordsRow,
)
from communique.pipeline.rules import load_rows

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Lexicon:
    """Title trie, organisations, cue sets, word lists and offices."""

    titles: dict[tuple[str, ...], TitleRow]
    prefixes: frozenset[tuple[str, ...]]
    max_title_len: int
    organizations: dict[str, OrganizationRow]
    org_first_words: frozenset[str]
    cues: dict[str, frozenset[str]]
    words: dict[str, tuple[str, ...]]
    word_sets: dict[str, frozenset[str]]
    category_rank: tuple[str, ...]
    publishers: tuple[PublisherRow, ...]
    office_styles: tuple[OfficeStyleRow, ...] = ()
    mirrors: tuple[MirrorRow, ...] = ()
    bare_titles: dict[str, str] | None = None  # lower-cased title -> country code

    def cue(self, kind: str) -> frozenset[str]:
        """Lower-cased cue words of `kind` (cues.yaml)."""
        return self.cues.get(kind, frozenset())

    def word_list(self, kind: str) -> tuple[str, ...]:
        """Words of `kind` as written, in order (words.yaml)."""
        return self.words.get(kind, ())

    def word_set(self, kind: str) -> frozenset[str]:
        """Words of `kind` as a set (words.yaml)."""
        return self.word_sets.get(kind, frozenset())


@cache
def lexicon(data_dir: Path = DATA_DIR) -> Lexicon:
    """Load and index the participant rule data (validated by `load_rows`)."""
    titles: dict[tuple[str, ...], TitleRow] = {}
    for row in load_rows("titles.jsonl", TitleRow, data_dir):
        titles[title_key(row.title)] = row
    orgs: dict[str, OrganizationRow] = {}
    for row in load_rows("organizations.jsonl", OrganizationRow, data_dir):
        for alias in [row.name, *row.aliases]:
            orgs[alias.removeprefix("the ")] = row
    cues: dict[str, set[str]] = {}
    cue_rows: list[CueRow | InstitutionCueRow] = [*load_rows("cues.yaml", CueRow, data_dir)]
    cue_rows += load_rows("institutions.yaml", InstitutionCueRow, data_dir)
    for row in cue_rows:
        cues.setdefault(row.kind, set()).update(w.lower() for w in row.words)
    words: dict[str, tuple[str, ...]] = {}
    for row in load_rows("words.yaml", WordsRow, data_dir):
        words[row.kind] = (*words.get(row.kind, ()), *row.words)
    return Lexicon(
        titles=titles,
        prefixes=frozenset(key[:n] for key in titles for n in range(1, len(key) + 1)),
        max_title_len=max(len(k) for k in titles),
        organizations=orgs,
        org_first_words=frozenset(name.split()[0] for name in orgs),
        cues={k: frozenset(v) for k, v in cues.items()},
        words=words,
        word_sets={k: frozenset(v) for k, v in words.items()},
        category_rank=tuple(r.category for r in load_rows("category_rank.yaml", CategoryRow,
                                                          data_dir)),
        publishers=tuple(load_rows("publishers.yaml", PublisherRow, data_dir)),
        office_styles=tuple(load_rows("office_styles.yaml", OfficeStyleRow, data_dir)),
        mirrors=tuple(load_rows("mirrors.yaml", MirrorRow, data_dir)),
        bare_titles={r.title.lower(): r.country
                     for r in load_rows("bare_titles.yaml", BareTitleRow, data_dir)},
    )


def title_key(text: str) -> tuple[str, ...]:
    """The lower-cased tokens a title is matched on ("Vice-President" -> vice, -, president)."""
    return tuple(re.findall(r"[\w'’]+|-", text.lower()))


def alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of `words`, escaped, in their order (an earlier word is
    tried first)."""
    return "|".join(re.escape(w) for w in words)
