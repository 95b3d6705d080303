"""`import communique`: the public names, and extraction identical to `communique run`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import communique
from communique.models import RawDocument

sys.path.insert(0, str(Path(__file__).parents[1] / "snapshots"))
import make_snapshot

MEETING = ("ASHGABAT, 14 March 2019 — On 13 March, the Minister of Foreign Affairs of "
           "Turkmenistan R. Meredov met with the Ambassador of Japan K. Sato in the Ministry of "
           "Foreign Affairs of Turkmenistan. The sides discussed transport and logistics.")


def test_public_names_are_exactly_the_api() -> None:
    assert communique.__all__ == ["DocumentRecord", "ExtractionError", "Run", "extract",
                                  "extract_many", "load", "read_run"]
    assert all(getattr(communique, name).__doc__ for name in communique.__all__)
    assert (Path(communique.__file__).parent / "py.typed").exists()


def test_extract_gives_the_record_of_a_text() -> None:
    record = communique.extract(MEETING, doc_id="m1", url="https://example.org/m1")
    assert (record.doc_id, record.source, record.published) == ("m1", "python", "2019-03-14")
    assert [(e.type, e.date.start, e.location.country_code) for e in record.events] == [
        ("meeting", "2019-03-13", "TM")]
    assert [(p.name, p.country_code) for p in record.events[0].participants] == [
        ("R. Meredov", "TM"), ("K. Sato", "JP")]


def test_extract_of_an_empty_text_raises_with_the_reason() -> None:
    with pytest.raises(ValueError, match="no text"):
        communique.extract("   ")


def test_extract_many_keeps_order_and_goes_on_after_bad_items() -> None:
    items = ["", {"id": "row", "title": "Talks", "text": MEETING}, 42,
             RawDocument(doc_id="raw", source="mine", text=MEETING), {"id": "row", "text": MEETING}]
    outcomes = list(communique.extract_many(items))
    assert [(type(o).__name__, o.doc_id) for o in outcomes] == [
        ("ExtractionError", "text-1"), ("DocumentRecord", "row"), ("ExtractionError", None),
        ("DocumentRecord", "raw"), ("ExtractionError", "row")]
    assert outcomes[0].reason == "empty text"
    assert outcomes[2].reason == "cannot extract from a int"
    assert outcomes[4].reason.startswith("duplicate doc id 'row'")
    assert outcomes[1].text.startswith("Talks\n\nASHGABAT, 14 March 2019")


@pytest.mark.slow
@pytest.mark.parametrize("n_process", [1, 2])
def test_extract_many_on_a_folder_equals_communique_run(tmp_path: Path, n_process: int) -> None:
    lines = make_snapshot.run_records(make_snapshot.CORPUS_INPUT, tmp_path / "out")
    records = list(communique.extract_many([make_snapshot.CORPUS_INPUT], n_process=n_process))
    assert len(records) == len(lines) == 72  # every release of corpus/releases
    assert [r.model_dump_json() for r in records] == lines


def test_a_row_id_is_read_whatever_its_case() -> None:
    outcomes = list(communique.extract_many([{"ID": "x1", "text": MEETING}, {"text": MEETING}]))
    assert [o.doc_id for o in outcomes] == ["x1", "text-2"]
