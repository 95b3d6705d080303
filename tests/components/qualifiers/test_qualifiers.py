"""Qualifiers: the trigger phrases marked in a Doc, and what each reading says of a word.

`<q>` marks every qualifier trigger phrase the component writes to
`doc.spans["communique_qualifiers"]`; the readings (events, places, topics) are
plain "given this sentence, this word, this answer" tests. Sentences are our own.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, Token

from communique.pipeline.components import build
from communique.pipeline.components.qualifiers.factory import GROUP
from communique.pipeline.components.qualifiers.frames import (
    is_planned,
    planned_or_recalled,
    qualifier_of,
    staying_on_visit,
)
from communique.pipeline.components.qualifiers.lexicon import DATA_DIR, RULES_FILE
from communique.pipeline.rules import RuleDataError
from tests.markup import Marked, assert_found, parse
from tests.rule_data import with_row
from tests.spacy_docs import parse as spacy_doc


def run(text: str) -> Doc:
    return build().get_pipe("communique_qualifiers")(spacy_doc(text))


def word(doc: Doc, text: str, nth: int = 0) -> Token:
    return [t for t in doc if t.text == text][nth]


@pytest.mark.parametrize("marked", [
    "<q category=setting>On the <q category=setting>sidelines of</q></q> the summit, the "
    "President met with the Prime Minister of Spain.",
    "The Minister <q category=future>will</q> attend the <q category=future>forthcoming</q> "
    "conference in Vienna.",
    "The parties <q category=future>plan</q> to hold consultations in Tashkent.",
    "The ministers <q category=recalled>recalled</q> the <q category=recalled>recent</q> talks "
    "in Ankara.",
    "The ministers discussed energy security.",
])
def test_trigger_phrases_are_marked(marked: str) -> None:
    text, _ = parse(marked)
    doc = run(text)
    found = [Marked("q", s.start_char, s.end_char, s.text, {"category": s._.qualifier})
             for s in doc.spans[GROUP]]
    assert_found(marked, found)


@pytest.mark.parametrize(("text", "target", "expected"), [
    ("On the sidelines of the summit, the President met with the Prime Minister of Spain.",
     "summit", "setting"),
    ("On the sidelines of the summit, the President met with the Prime Minister of Spain.",
     "met", None),
    ("The Minister will attend the forthcoming conference in Vienna.", "conference", "future"),
    ("The parties plan to hold consultations in Tashkent.", "consultations", "future"),
    ("The ministers recalled the recent talks in Ankara.", "talks", "recalled"),
    ("The ministers discussed energy security.", "discussed", None),
    # a past event the release builds on is its setting, a hyphenated phrase included
    ("As a follow-up to the talks held in Oslo on March 3, the ministers spoke by telephone.",
     "talks", "setting"),
    ("In the run-up to the summit, the ministers met in Lisbon.", "summit", "setting"),
    ("In development of the agreements reached at the summit in Lima, the leaders spoke.",
     "summit", "setting"),
    ("As agreed during the talks in Quito, the experts met again.", "talks", "setting"),
    ("Pursuant to the decisions of the forum, the ministers met.", "forum", "setting"),
    ("As agreed during the talks in Quito, the experts met again.", "met", None),
])
def test_events_reading(text: str, target: str, expected: str | None) -> None:
    assert qualifier_of(word(run(text), target)) == expected


@pytest.mark.parametrize(("query", "text", "target", "expected"), [
    # places: is the place's preposition under a plan or a recalled event?
    (planned_or_recalled, "The Minister will attend the forthcoming conference in Vienna.",
     "in", True),
    (planned_or_recalled, "The ministers recalled the recent talks in Ankara.", "in", True),
    (planned_or_recalled, "The Minister invited his counterpart to visit Baku.", "to", True),
    (planned_or_recalled, "The President met with the Prime Minister of Greece in Athens.",
     "in", False),
    # places: a stay on a visit is the setting of the meeting
    (staying_on_visit, "The Minister, who is in Kyiv on a working visit, met with the Speaker.",
     "in", True),
    (staying_on_visit, "The President met with the Prime Minister of Greece in Athens.",
     "in", False),
    # topics: a planned or wished-for discussion is not a report
    (is_planned, "The sides will discuss trade at the next round.", "discuss", True),
    (is_planned, "The ministers would like to discuss energy security.", "discuss", True),
    (is_planned, "The ministers discussed energy security.", "discussed", False),
])
def test_places_and_topics_readings(query: Callable[[Token], bool], text: str, target: str,
                                    expected: bool) -> None:
    assert query(word(run(text), target)) is expected


def test_a_stage_called_alone_reads_the_shipped_rules() -> None:
    doc = spacy_doc("The upcoming summit will be held in Samarkand.")
    assert qualifier_of(word(doc, "summit")) == "future"


def test_a_row_whose_scope_and_direction_disagree_stops_construction(tmp_path: Path) -> None:
    row = ('{"phrase": "ahead of", "category": "setting", "reader": "events", '
           '"attr": "LOWER", "scope": "preceding", "direction": "backward"}')
    data, line = with_row(DATA_DIR, RULES_FILE, row, tmp_path)
    with pytest.raises(RuleDataError, match=rf"^{RULES_FILE}:{line}: (?s:.*)scope preceding"):
        spacy.blank("en").add_pipe("communique_qualifiers", config={"data_dir": str(data)})
