"""Date order as each input writes it (issue 11, item 3): `--date-order auto` infers
DMY/MDY per input from its unambiguous dates, warns on a value still ambiguous, and
the order used per input is kept for run.json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.models import RawDocument
from communique.pipeline.ingest import IngestOptions, iter_documents
from communique.pipeline.ingest.date_order import infer_order
from communique.pipeline.run import runner
from communique.pipeline.settings import Settings

BODY = "The court ruled on the appeal and ordered the release of the two defendants."
EUROPEAN = f"id,published,text\neu-1,25/10/2021,{BODY}\neu-2,04/11/2021,{BODY}\n"
AMERICAN = f"id,published,text\nus-1,10/25/2021,{BODY}\nus-2,04/11/2021,{BODY}\n"
NO_EVIDENCE = f"id,published,text\nx-1,04/11/2021,{BODY}\nx-2,03/02/2021,{BODY}\n"
WARNING = ("ambiguous date '04/11/2021' read as month/day (no unambiguous date in this "
           "input); pass --date-order DMY if it is day/month")


def read(path: Path, **options) -> tuple[list[RawDocument], IngestOptions]:
    opts = IngestOptions(check_language=False, **options)
    docs = [d for d in iter_documents([path], opts) if isinstance(d, RawDocument)]
    return docs, opts


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("table", "published", "order", "reason"), [
    (EUROPEAN, ["2021-10-25", "2021-11-04"], "DMY", "inferred from '25/10/2021'"),
    (AMERICAN, ["2021-10-25", "2021-04-11"], "MDY", "inferred from '10/25/2021'"),
])
def test_a_table_is_read_in_the_order_its_dates_show(tmp_path: Path, table: str,
                                                     published: list[str], order: str,
                                                     reason: str) -> None:
    path = write(tmp_path / "feed.csv", table)
    docs, opts = read(path)
    assert [d.published for d in docs] == published
    assert [d.date_order for d in docs] == [order, order]
    assert [d.warnings for d in docs] == [[], []]
    assert opts.date_orders == {str(path): {"order": order, "reason": reason}}


def test_an_ambiguous_value_with_no_evidence_is_read_month_first_with_a_warning(
        tmp_path: Path) -> None:
    docs, opts = read(write(tmp_path / "feed.csv", NO_EVIDENCE))
    assert [d.published for d in docs] == ["2021-04-11", "2021-03-02"]
    assert docs[0].warnings == [WARNING]
    assert docs[1].warnings == [WARNING.replace("04/11/2021", "03/02/2021")]
    assert list(opts.date_orders.values()) == [{"order": "MDY",
                                                "reason": "no unambiguous date"}]


def test_a_given_order_wins_and_silences_the_warning(tmp_path: Path) -> None:
    docs, opts = read(write(tmp_path / "feed.csv", NO_EVIDENCE), date_order="DMY")
    assert [d.published for d in docs] == ["2021-11-04", "2021-02-03"]
    assert [d.warnings for d in docs] == [[], []]
    assert list(opts.date_orders.values()) == [{"order": "DMY", "reason": "given"}]


def test_jsonl_rows_and_text_files_infer_their_own_order(tmp_path: Path) -> None:
    rows = write(tmp_path / "rows.jsonl", "\n".join(json.dumps(r) for r in [
        {"id": "a", "published": "04/11/2021", "text": BODY},
        {"id": "b", "published": "13/11/2021", "text": BODY}]))
    note = write(tmp_path / "note.txt", f"Brussels, 04/11/2021 – {BODY} Filed 20/11/2021.")
    docs, opts = read(rows)
    assert [d.published for d in docs] == ["2021-11-04", "2021-11-13"]
    docs, opts = read(note)
    assert [(d.published, d.published_from, d.date_order) for d in docs] == [
        ("2021-11-04", "dateline", "DMY")]
    assert opts.date_orders == {str(note): {"order": "DMY",
                                            "reason": "inferred from '20/11/2021'"}}


def test_mixed_evidence_is_no_order() -> None:
    found = infer_order("auto", ["25/10/2021", "10/26/2021"])
    assert (found.order, found.used, found.reason) == (
        None, "MDY", "mixed: '25/10/2021' is day-first, '10/26/2021' month-first")


def test_run_json_records_the_order_per_input(tmp_path: Path) -> None:
    european = write(tmp_path / "eu.csv", EUROPEAN)
    american = write(tmp_path / "us.csv", AMERICAN)
    result = runner.run([european, american], tmp_path / "out", Settings(workers=1),
                        use_cache=False, report=False)
    info = json.loads((tmp_path / "out" / "run.json").read_text(encoding="utf-8"))
    assert info["date_orders"] == {
        str(european): {"order": "DMY", "reason": "inferred from '25/10/2021'"},
        str(american): {"order": "MDY", "reason": "inferred from '10/25/2021'"}}
    records = [json.loads(line) for line in
               (tmp_path / "out" / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["doc_id"], r["published"], r["published_source"]) for r in records] == [
        ("eu-1", "2021-10-25", "column"), ("eu-2", "2021-11-04", "column"),
        ("us-1", "2021-10-25", "column"), ("us-2", "2021-04-11", "column")]
    assert result.counts.documents == 4
