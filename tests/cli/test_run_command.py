"""`communique run` on the command line: error lines, the summary, --quiet and --strict.

Ingest is replaced by a stand-in source, as in tests/run/test_runner.py.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
import typer
from run.test_runner import make_docs, source_of
from typer.testing import CliRunner

from communique.models import InputError
from communique.pipeline.cli.run import run_command
from communique.pipeline.run import runner


def _cli(monkeypatch, items) -> typer.Typer:
    """The command with ingest replaced; the input path "in" exists (usage is checked)."""
    monkeypatch.setattr(runner, "default_source", source_of(items))
    monkeypatch.chdir(tempfile.mkdtemp())
    Path("in").mkdir()
    app = typer.Typer()
    app.command()(run_command)
    return app


@pytest.mark.parametrize(("strict", "code"), [([], 0), (["--strict"], 1)])
def test_cli_reports_failures_and_strict_exits_non_zero(tmp_path, monkeypatch, strict, code):
    items = [*make_docs(2), InputError(input="empty.txt", reason="empty file")]
    app = _cli(monkeypatch, items)
    result = CliRunner().invoke(
        app, ["in", "--out", str(tmp_path), "--workers", "1", "--no-report", *strict])
    assert result.exit_code == code, result.output
    assert "1 failed" in result.stderr
    assert "error: empty.txt: empty file" in result.stderr
    assert "documents" in result.stdout
    assert str(tmp_path / "records.jsonl") in result.stdout


def test_cli_quiet_prints_no_summary(tmp_path, monkeypatch):
    app = _cli(monkeypatch, make_docs(2))
    result = CliRunner().invoke(app, ["in", "--out", str(tmp_path), "--workers", "1", "--quiet"])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    run_info = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert run_info["counts"]["documents"] == 2
    assert set(run_info["versions"]) == {"communique", "spacy", "model", "python"}
