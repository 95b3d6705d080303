"""`communique corrections import`: corrections.jsonl lines into gold files evaluate reads."""

from __future__ import annotations

import json

from browser.sample_outputs import sample_records, write_outputs
from typer.testing import CliRunner

from communique.pipeline.cli.app import app
from communique.pipeline.evaluation import load_records, score


def _line(record: dict, **extra: object) -> str:
    return json.dumps({"doc_id": record["doc_id"], "reviewer": "R", "reviewed_at": None,
                       "record": record, "rejected": [], **extra})


def _marked(index: int) -> dict:
    """A sample record as the page exports it: gold fields, each value marked."""
    body = sample_records()[index].model_dump(mode="json", exclude={"text", "url", "warnings"})
    for event in body["events"]:
        event["date"]["review"] = "accepted"
        for item in event["participants"] + event["topics"]:
            item["review"] = "accepted"
    return body


def test_import_writes_gold_files_without_review_marks(tmp_path):
    path = tmp_path / "corrections.jsonl"
    path.write_text(_line(_marked(0)) + "\n" + _line(_marked(1)) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["corrections", "import", str(path), "--gold",
                                      str(tmp_path / "gold")])
    assert result.exit_code == 0, result.output
    assert "wrote 2 gold file(s)" in result.output
    files = sorted(p.name for p in (tmp_path / "gold").iterdir())
    assert files == ["mfa-001-meeting.json", "mfa-002-call.json"]
    gold = json.loads((tmp_path / "gold" / "mfa-001-meeting.json").read_text(encoding="utf-8"))
    assert "review" not in json.dumps(gold)
    start = sample_records()[0].text.index("S. Aslov")
    assert gold["events"][0]["participants"][1]["span"] == {
        "start": start, "end": start + 8, "text": "S. Aslov"}


def test_imported_gold_scores_a_run_like_its_records(tmp_path):
    out = write_outputs(tmp_path / "outputs")
    path = tmp_path / "corrections.jsonl"
    path.write_text(_line(_marked(0)) + "\n", encoding="utf-8")
    CliRunner().invoke(app, ["corrections", "import", str(path), "--gold", str(tmp_path / "g")])
    report = score(load_records(tmp_path / "g"), load_records(out))
    assert {name: s.f1 for name, s in report.fields.items() if s.gold} == {
        name: 1.0 for name, s in report.fields.items() if s.gold}
    assert report.scored_docs == 1


def test_bad_lines_are_named_and_the_rest_imported(tmp_path):
    bad_date = _marked(1)
    bad_date["events"][0]["date"]["start"] = "2022-13-01"
    path = tmp_path / "corrections.jsonl"
    path.write_text("\n".join(["not json", _line(bad_date), json.dumps({"doc_id": "x"}),
                               _line(_marked(0))]) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["corrections", "import", str(path), "--gold",
                                      str(tmp_path / "gold")])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert [e.split(": ", 2)[1].rsplit(":", 1)[1] for e in errors] == ["1", "2", "3"]
    assert "events.0.date.start" in errors[1]
    assert 'no "record" object' in errors[2]
    assert sorted(p.name for p in (tmp_path / "gold").iterdir()) == ["mfa-001-meeting.json"]
