"""`communique review`: rebuilds the page and the database, or says what to do."""

from __future__ import annotations

import csv
import json
import os
import re
import sqlite3
from pathlib import Path

import pytest
import typer
from browser.sample_outputs import write_outputs
from typer.testing import CliRunner

from communique.pipeline import run
from communique.pipeline.cli.review import review_command
from communique.pipeline.settings import Settings


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


CORPUS = Path(__file__).parents[1] / "linking" / "corpus" / "releases.jsonl"


def _summary(out: Path) -> dict:
    page = (out / "report" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'id="communique-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)["summary"]


def _persons(out: Path) -> list[tuple[str, str]]:
    with (out / "persons.csv").open(encoding="utf-8", newline="") as handle:
        return [(r["person_id"], r["canonical_name"]) for r in csv.DictReader(handle)]


@pytest.fixture
def linked_run(tmp_path: Path) -> Path:
    out = tmp_path / "out"
    run.run([CORPUS], out, Settings(workers=1))
    return out


def test_review_reads_the_runs_linking_and_commits_like_a_run(linked_run):
    before = _summary(linked_run)
    result = CliRunner().invoke(_review_app(), [str(linked_run)])
    assert result.exit_code == 0, result.output
    assert "linking:  read from the run's links.json" in result.output
    assert _summary(linked_run)["top_persons"] == before["top_persons"]
    # the database is the committed run's, not a plain file beside it
    assert os.readlink(linked_run / "communique.db") == ".current/communique.db"
    con = sqlite3.connect(linked_run / ".current" / "communique.db")
    assert sorted(con.execute("SELECT person_id, canonical_name FROM persons")) == \
        sorted(_persons(linked_run))
    con.close()


def test_review_of_a_folder_without_links_links_it_again(linked_run):
    persons = _persons(linked_run)
    current = linked_run / ".current"
    for name in ("links.json", "persons.csv", "event_clusters.csv"):
        (current / name).unlink()  # as a run from before links.json held the persons
    result = CliRunner().invoke(_review_app(), [str(linked_run)])
    assert result.exit_code == 0, result.output
    assert "linking:  re-run over records.jsonl" in result.output
    assert _persons(linked_run) == persons
    summary = _summary(linked_run)
    assert summary["counts"]["named_persons"] == 9
    assert {p["person_id"] for p in summary["top_persons"]} <= {pid for pid, _ in persons}
    con = sqlite3.connect(linked_run / "communique.db")
    assert con.execute("SELECT count(*) FROM participants WHERE person_id IS NOT NULL"
                       ).fetchone()[0] > 0
    con.close()
    assert (linked_run / "report" / "persons.html").is_file()


def test_review_of_a_parquet_only_run_keeps_its_formats(tmp_path):
    out = tmp_path / "out"
    run.run([CORPUS], out, Settings(workers=1), formats={"parquet"})
    assert CliRunner().invoke(_review_app(), [str(out)]).exit_code == 0
    assert sorted(p.name for p in out.glob("*.csv")) == []
    assert (out / "persons.parquet").is_file()
    assert _summary(out)["counts"]["named_persons"] == 9
