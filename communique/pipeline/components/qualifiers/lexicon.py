"""The qualifier rule set, loaded and validated once: words by reader and scope, and
the token patterns of the phrases the component marks in every Doc."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from spacy.matcher import Matcher
from spacy.vocab import Vocab

from communique.pipeline.components.qualifiers.rows import QualifierRow
from communique.pipeline.rules import build_matcher, load_numbered

DATA_DIR = Path(__file__).parent / "data"
RULES_FILE = "qualifier_rules.jsonl"
#: The matched phrases the setting reading looks for (Matcher key of the rows).
SETTING_KEY = "setting:preceding"
#: A phrase's tokens: words, and a hyphen inside a word as a token of its own.
_HYPHEN = re.compile(r"[^\s-]+|-")


@dataclass(frozen=True)
class QualifierLexicon:
    """Every word set a reading needs, by reader and scope (see rows.py)."""

    events_future_modifiers: frozenset[str]
    events_recalled_modifiers: frozenset[str]
    events_future_auxiliaries: frozenset[str]
    events_plan_verbs: frozenset[str]
    events_transparent: frozenset[str]
    places_markers: frozenset[str]  # future and recalled lemmas: places reads them alike
    places_stay_verbs: frozenset[str]
    places_stay_purposes: frozenset[str]
    topics_modals: frozenset[str]
    topics_planning_heads: frozenset[str]
    #: (line, Matcher key, token pattern) of every phrase of the events reading
    patterns: tuple[tuple[int, str, tuple[dict, ...]], ...]

    @classmethod
    def of(cls, rows: list[tuple[int, QualifierRow]]) -> QualifierLexicon:
        def words(reader: str, scope: str, *categories: str | None) -> frozenset[str]:
            return frozenset(r.phrase.lower() for _n, r in rows if r.reader == reader
                             and r.scope == scope and r.category in categories)

        return cls(
            events_future_modifiers=words("events", "modifier", "future"),
            events_recalled_modifiers=words("events", "modifier", "recalled"),
            events_future_auxiliaries=words("events", "auxiliary", "future"),
            events_plan_verbs=words("events", "governor", "future"),
            events_transparent=words("events", "transparent", None),
            places_markers=words("places", "ancestors", "future", "recalled"),
            places_stay_verbs=words("places", "stay_verb", "setting"),
            places_stay_purposes=words("places", "stay_purpose", "setting"),
            topics_modals=words("topics", "auxiliary", "future"),
            topics_planning_heads=words("topics", "governor", "future"),
            patterns=tuple((n, f"{r.category}:{r.scope}", _pattern(r)) for n, r in rows
                           if r.reader == "events" and r.category is not None),
        )

    def matcher(self, vocab: Vocab, file: str = RULES_FILE) -> Matcher:
        """A validated Matcher of the events reading's phrases (a bad row names its line)."""
        return build_matcher(vocab, file, [(n, key, [list(p)]) for n, key, p in self.patterns])


def _pattern(row: QualifierRow) -> tuple[dict, ...]:
    """Token pattern of a phrase: its words as the tokenizer splits them, at spaces
    and at a hyphen between letters ("follow-up" is three tokens: "follow", "-",
    "up"; a pattern of one "follow-up" token would never match)."""
    return tuple({row.attr: word} for word in _HYPHEN.findall(row.phrase.lower()))


def load_lexicon(data_dir: Path = DATA_DIR) -> QualifierLexicon:
    """The rule set of `data_dir`, every row validated (RuleDataError: file and line)."""
    return QualifierLexicon.of(load_numbered(RULES_FILE, QualifierRow, data_dir))


@cache
def default_lexicon() -> QualifierLexicon:
    """The shipped rule set, loaded once per process."""
    return load_lexicon()
