"""`communique run --executor / --scheduler / --formats`: usage errors and the chosen files."""

from __future__ import annotations

import tempfile

import typer
from typer.testing import CliRunner

from communique.pipeline.cli.run import run_command
from communique.pipeline.run import runner
from tests.run.test_runner import make_docs, source_of


def _invoke(monkeypatch, tmp_path, *args: str):
    monkeypatch.setattr(runner, "default_source", source_of(make_docs(2)))
    app = typer.Typer()
    app.command()(run_command)
    return CliRunner().invoke(app, [_input(), "--out", str(tmp_path), "--workers", "1",
                                    "--no-report", "-q", *args])


def test_unknown_format_is_a_usage_error_naming_it(tmp_path, monkeypatch):
    result = _invoke(monkeypatch, tmp_path, "--formats", "csv,xlsx")
    assert result.exit_code == 2
    assert "unknown format(s) xlsx" in result.stderr
    assert not (tmp_path / "records.jsonl").exists()


def test_dask_executor_needs_a_scheduler(tmp_path, monkeypatch):
    result = _invoke(monkeypatch, tmp_path, "--executor", "dask")
    assert result.exit_code == 2
    assert "--executor dask needs --scheduler" in result.stderr


def test_formats_csv_writes_csv_tables_and_no_parquet_or_database(tmp_path, monkeypatch):
    result = _invoke(monkeypatch, tmp_path, "--formats", "csv")
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("."))
    assert names == ["documents.csv", "dyads.csv", "errors.jsonl", "event_clusters.csv",
                     "events.csv", "links.json", "participants.csv", "persons.csv",
                     "records.jsonl", "run.json", "topics.csv"]


def test_unreachable_scheduler_is_one_error_line_and_the_folder_is_untouched(
        tmp_path, monkeypatch):
    from communique.pipeline.run import dask_executor

    monkeypatch.setattr(dask_executor, "CONNECT_TIMEOUT", 2)
    result = _invoke(monkeypatch, tmp_path, "--executor", "dask", "--scheduler",
                     "tcp://127.0.0.1:9")
    assert result.exit_code == 2
    assert "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in result.stderr
    assert not (tmp_path / "records.jsonl").exists()


def _input() -> str:
    """An input path that exists (usage is checked before the run); its reading is faked."""
    return tempfile.mkdtemp()
