"""`communique evaluate`: exit codes of the floors, the JSON and error files it writes."""

from __future__ import annotations

import json

import pytest
import typer
from evaluation.test_evaluate import full
from typer.testing import CliRunner

from communique.models import DocumentRecord
from communique.pipeline.cli.evaluate import evaluate_command


@pytest.fixture
def cli():
    app = typer.Typer()
    app.command()(evaluate_command)
    return app


def write(tmp_path, gold: DocumentRecord, pred: DocumentRecord):
    (tmp_path / "gold").mkdir()
    (tmp_path / "gold" / f"{gold.doc_id}.json").write_text(gold.model_dump_json())
    (tmp_path / "records.jsonl").write_text(pred.model_dump_json() + "\n")
    return str(tmp_path / "gold"), str(tmp_path / "records.jsonl")


@pytest.mark.parametrize(
    ("floors", "code"),
    [
        ([], 0),
        (["persons=1.0"], 0),
        (["persons=1", "topics=0.0"], 0),
        (["topics=0.5"], 1),
        (["persons=1.0", "macro=0.99"], 1),
        (["nonsense=0.5"], 2),
        (["persons"], 2),
    ],
)
def test_min_gate_exit_code(tmp_path, cli, floors, code):
    pred = full()
    pred.events[0].topics = []
    gold_dir, pred_file = write(tmp_path, full(), pred)
    args = [gold_dir, pred_file, *[x for f in floors for x in ("--min", f)]]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == code, result.output


def test_command_writes_json_and_errors(tmp_path, cli):
    pred = full()
    pred.events[0].topics = []
    gold_dir, _ = write(tmp_path, full(), pred)
    result = CliRunner().invoke(cli, [gold_dir, str(tmp_path), "--json", str(tmp_path / "r.json"),
                                      "--errors", str(tmp_path / "e.md")])
    assert result.exit_code == 0, result.output
    data = json.loads((tmp_path / "r.json").read_text())
    assert data["fields"]["topics"] == {"tp": 0, "pred": 0, "gold": 1, "precision": 0.0,
                                        "recall": 0.0, "f1": 0.0}
    assert data["macro_f1"] == pytest.approx(6 / 7)
    assert "### miss: no overlapping topic (1)" in (tmp_path / "e.md").read_text()
