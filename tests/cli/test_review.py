"""`communique review`: rebuilds the page and the database, or says what to do."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from browser.sample_outputs import write_outputs
from typer.testing import CliRunner

from communique.pipeline.cli.review import review_command


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return write_outputs(tmp_path / "outputs")


def _review_app() -> typer.Typer:
    app = typer.Typer()
    app.command()(review_command)
    return app


def test_review_command_rebuilds_report_and_database(out):
    result = CliRunner().invoke(_review_app(), [str(out)])
    assert result.exit_code == 0, result.output
    assert (out / "report" / "index.html").exists()
    assert (out / "communique.db").exists()
    assert "datasette" in result.output


def test_review_command_without_records_says_what_to_do(tmp_path):
    result = CliRunner().invoke(_review_app(), [str(tmp_path)])
    assert result.exit_code == 2
    assert "records.jsonl" in result.output
