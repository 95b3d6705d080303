"""The events component's rule data, loaded and validated once when it is created."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from spacy.matcher import Matcher
from spacy.vocab import Vocab

from communique.pipeline.components.events.rows import EventWordRow, TriggerRow
from communique.pipeline.rules import build_matcher, load_numbered, load_rows

DATA_DIR = Path(__file__).parent / "data"
TRIGGERS_FILE = "event_triggers.jsonl"
WORDS_FILE = "event_words.jsonl"


@dataclass(frozen=True)
class EventLexicon:
    """Trigger rows (with the line each stands on) and the component's word lists."""

    triggers: tuple[tuple[int, TriggerRow], ...]
    act_verbs: frozenset[str]
    online_words: frozenset[str]
    reception_words: frozenset[str]
    not_act_verbs: frozenset[str] = frozenset()  # fallback.py: verbs of saying, positions
    counterpart_preps: frozenset[str] = frozenset()  # counterparts.py: "met with"
    held_verbs: frozenset[str] = frozenset()  # "the meeting ..., held on 19 May": a report

    def matcher(self, vocab: Vocab) -> Matcher:
        """The trigger Matcher, every pattern validated: a misspelt key stops start-up
        with the file and line. Key `trigger_<n>`: row n of `triggers`."""
        return build_matcher(vocab, TRIGGERS_FILE, [
            (line, f"trigger_{n}", [row.pattern]) for n, (line, row) in enumerate(self.triggers)])


def load_lexicon(data_dir: Path = DATA_DIR) -> EventLexicon:
    """The rule data of `data_dir` (RuleDataError names the file and line of a bad row)."""
    words = load_rows(WORDS_FILE, EventWordRow, data_dir)

    def kind(name: str) -> frozenset[str]:
        return frozenset(w.word.lower() for w in words if w.kind == name)

    return EventLexicon(
        triggers=tuple(load_numbered(TRIGGERS_FILE, TriggerRow, data_dir)),
        act_verbs=kind("act_verb"), online_words=kind("online"),
        reception_words=kind("reception"), not_act_verbs=kind("not_act"),
        counterpart_preps=kind("counterpart"),
        held_verbs=kind("held"),
    )
