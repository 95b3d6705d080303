"""The NER-only baseline: given these entities, this record (entities set by hand)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from communique.models import DocumentRecord, Event
from communique.pipeline.evaluation.baseline import (
    baseline_record,
    baseline_records,
    country_of,
    document_texts,
    most_frequent_type,
)


@pytest.fixture(scope="module")
def vocab():
    return spacy.blank("en").vocab


def make_doc(vocab, words: list[str], ents: list[str]) -> Doc:
    """A Doc with IOB entity tags given per word (`B-DATE`, `I-DATE`, `O` ...)."""
    spaces = [not (i + 1 < len(words) and words[i + 1] in {".", ","}) for i in range(len(words))]
    return Doc(vocab, words=words, spaces=spaces, ents=ents,
               sent_starts=[i == 0 for i in range(len(words))])


def event(doc, published="2024-05-10", type_="meeting") -> Event:
    (only,) = baseline_record("d1", doc, published, type_).events
    return only


@pytest.mark.parametrize(
    ("words", "ents", "published", "expected"),
    [
        (["Yesterday", "they", "met", "."], ["B-DATE", "O", "O", "O"], "2024-05-10",
         "2024-05-09"),
        (["On", "26", "January", "they", "met", "."],
         ["O", "B-DATE", "I-DATE", "O", "O", "O"], "2024-05-10", "2024-01-26"),
        (["On", "January", "26", ",", "2018", "they", "met", "."],
         ["O", "B-DATE", "I-DATE", "I-DATE", "I-DATE", "O", "O", "O"], "2024-05-10",
         "2018-01-26"),
        (["They", "met", "."], ["O", "O", "O"], "2024-05-10", "2024-05-10"),  # publication date
        (["They", "met", "."], ["O", "O", "O"], None, None),
    ],
)
def test_date_from_first_parsable_date_entity(vocab, words, ents, published, expected):
    date = event(make_doc(vocab, words, ents), published).date
    assert (date.start, date.end) == (expected, expected)


@pytest.mark.parametrize(
    ("place", "city", "country", "code"),
    [("Ashgabat", "Ashgabat", None, None), ("Tajikistan", None, "Tajikistan", "TJ")],
)
def test_first_gpe_is_the_location(vocab, place, city, country, code):
    doc = make_doc(vocab, ["Talks", "in", place, "and", "Baku", "."],
                   ["O", "O", "B-GPE", "O", "B-GPE", "O"])
    loc = event(doc).location
    assert (loc.city, loc.country, loc.country_code) == (city, country, code)
    assert doc.text[loc.span.start:loc.span.end] == place


def test_persons_without_roles_and_one_participant_per_country(vocab):
    words = ["Anna", "Lind", "met", "Turkmen", "officials", "in", "Turkmenistan", "and",
             "Karl", "Berg", "."]
    ents = ["B-PERSON", "I-PERSON", "O", "B-NORP", "O", "O", "B-GPE", "O", "B-PERSON",
            "I-PERSON", "O"]
    parts = event(make_doc(vocab, words, ents)).participants
    assert [(p.name, p.role, p.country_code) for p in parts] == [
        ("Anna Lind", None, None), ("Karl Berg", None, None), (None, None, "TM")]


def test_no_topics_and_the_given_type(vocab):
    ev = event(make_doc(vocab, ["They", "met", "."], ["O", "O", "O"]), type_="phone_call")
    assert ev.type == "phone_call" and ev.topics == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkmen", ("Turkmenistan", "TM")),
        ("the Russian Federation", ("Russia", "RU")),
        ("Türkiye", ("Turkey", "TR")),
        ("Ashgabat", None),
        ("Blorfland", None),
    ],
)
def test_country_of(text, expected):
    assert country_of(text) == expected


def rec(doc_id, *types, source="x", published=None) -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, source=source, published=published,
                          events=[Event(type=t) for t in types])


@pytest.mark.parametrize(
    ("types", "expected"),
    [
        ([["meeting", "phone_call"], ["phone_call"]], "phone_call"),
        ([["visit"], ["briefing"]], "visit"),  # tie: vocabulary order
        ([[]], "meeting"),
    ],
)
def test_most_frequent_type(types, expected):
    assert most_frequent_type([rec(str(i), *t) for i, t in enumerate(types)]) == expected


def test_document_texts_from_prediction_or_gold_source(tmp_path):
    (tmp_path / "gold").mkdir()
    (tmp_path / "releases").mkdir()
    (tmp_path / "releases" / "a.txt").write_text("Text of a.")
    (tmp_path / "rel.jsonl").write_text(json.dumps({"id": "b", "title": "T", "text": "Body."})
                                        + "\n")
    gold = {"a": rec("a", source="releases/a.txt"), "b": rec("b", source="rel.jsonl"),
            "c": rec("c", source="nowhere.txt")}
    pred = {}
    pred["c"] = DocumentRecord.model_validate({**rec("c").model_dump(), "text": "Predicted."})
    assert document_texts(gold, pred, tmp_path / "gold") == {
        "a": "Text of a.", "b": "T\n\nBody.", "c": "Predicted."}


def test_baseline_records_one_per_gold_document_with_text():
    gold = {"a": rec("a", "phone_call", published="2024-05-10"), "b": rec("b", "phone_call")}
    pred = {"a": DocumentRecord.model_validate(
        {**rec("a").model_dump(), "text": "Anna Lind spoke by phone with Karl Berg."})}
    out = baseline_records(gold, pred, gold_dir=Path("/nonexistent"))
    assert list(out) == ["a"]
    (only,) = out["a"].events
    assert only.type == "phone_call" and only.date.start == "2024-05-10"
