"""Exit codes of `communique run` (README "Exit codes"), with real ingest.

0 all good; 1 some inputs failed with --strict; 2 usage error (one line, no
traceback); 3 nothing processed (previous outputs untouched); 4 an output
could not be written (previous outputs kept).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from communique.pipeline.cli.run import run_command
from communique.pipeline.run import runner


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command()(run_command)
    return app


def _invoke(*args: str):
    return CliRunner().invoke(_app(), [*args, "--workers", "1", "--no-report", "--quiet"])


def _previous(out: Path) -> dict[str, bytes]:
    """Outputs of an earlier run, as the user has them."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "records.jsonl").write_text('{"doc_id": "old"}\n', encoding="utf-8")
    (out / "errors.jsonl").write_text("", encoding="utf-8")
    return {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}


def _one_error_line(output: str) -> str:
    lines = [line for line in output.splitlines() if line.strip()]
    assert len(lines) == 1, output
    assert "Traceback" not in output
    return lines[0]


def test_missing_input_path_is_a_usage_error(tmp_path):
    result = _invoke(str(tmp_path / "no-such-folder"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 2
    assert _one_error_line(result.output) == f"error: input not found: {tmp_path}/no-such-folder"


def test_out_pointing_at_a_file_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "file.txt").write_text("x", encoding="utf-8")
    result = _invoke(str(tmp_path / "in"), "--out", str(tmp_path / "file.txt"))
    assert result.exit_code == 2
    assert _one_error_line(result.output) == (
        f"error: --out {tmp_path}/file.txt is a file, not a folder")


def test_unwritable_output_folder_is_a_usage_error(tmp_path):
    (tmp_path / "in").mkdir()
    result = _invoke(str(tmp_path / "in"), "--out", "/proc/communique-out")
    assert result.exit_code == 2
    line = _one_error_line(result.output)
    assert line.startswith("error: cannot write to /proc/communique-out: ")


def test_empty_folder_processes_nothing_and_keeps_the_previous_outputs(tmp_path):
    (tmp_path / "in").mkdir()
    before = _previous(tmp_path / "out")
    result = _invoke(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 3
    assert _one_error_line(result.output) == (
        "error: nothing processed: no inputs found; the previous outputs were kept")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()} == before


@pytest.mark.parametrize(("name", "content"), [
    ("table.csv", "id,body\n1,The ministers met in Oslo.\n"),
    ("rows.jsonl", '{"id": "a", "body": "The ministers met in Oslo."}\n'),
    ("empty.txt", ""),
])
def test_every_input_failed_processes_nothing(tmp_path, name, content):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / name).write_text(content, encoding="utf-8")
    before = _previous(tmp_path / "out")
    result = _invoke(str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 3
    lines = result.output.strip().splitlines()
    assert len(lines) == 2 and lines[0].startswith(f"error: {tmp_path}/in/{name}")
    assert lines[1] == ("error: nothing processed: every input failed (1); "
                        "the previous outputs were kept")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()} == before


def test_a_failed_output_step_exits_4_and_keeps_the_previous_outputs(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The ministers met in Oslo on 3 May 2021.",
                                           encoding="utf-8")
    before = _previous(tmp_path / "out")

    def full_disk(folder):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(runner.db, "write_db", full_disk)
    result = _invoke(str(tmp_path / "in"), "--out", str(tmp_path / "out"))
    assert result.exit_code == 4
    assert _one_error_line(result.output) == (
        "error: outputs not written: db: write_db failed (OSError: [Errno 28] No space left "
        "on device); the previous outputs were kept")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()} == before


def test_a_full_disk_while_writing_records_exits_4(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("The ministers met in Oslo on 3 May 2021.",
                                           encoding="utf-8")
    before = _previous(tmp_path / "out")

    def full_disk(self, line):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(runner.export.Outputs, "write_record", full_disk)
    result = _invoke(str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--strict")
    assert result.exit_code == 4
    assert _one_error_line(result.output) == (
        "error: outputs not written: [Errno 28] No space left on device; "
        "the previous outputs were kept")
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()} == before
