"""The command line as a newcomer meets it: -h, --version, plain help, the last line."""

from __future__ import annotations

import tempfile
from importlib.metadata import version

import pytest
import typer
from run.test_runner import make_docs, source_of
from typer.testing import CliRunner

from communique.pipeline.cli.app import app
from communique.pipeline.cli.run import run_command
from communique.pipeline.run import runner


@pytest.mark.parametrize("command", [[], ["run"], ["evaluate"], ["review"],
                                     ["corrections", "import"]])
def test_dash_h_is_help(command):
    result = CliRunner().invoke(app, [*command, "-h"], prog_name="communique")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Usage: communique")
    assert "<bool>" not in result.output


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert (result.exit_code, result.output) == (0, f"communique {version('communique')}\n")


def test_run_summary_ends_with_where_to_look(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "default_source", source_of(make_docs(2)))
    one = typer.Typer()
    one.command()(run_command)
    result = CliRunner().invoke(one, [_input(), "--out", str(tmp_path), "--workers", "1"])
    assert result.exit_code == 0, result.output
    last = result.stdout.strip().splitlines()[-1]
    assert last == f"open {tmp_path / 'report' / 'index.html'} in a browser"


def _commands(command: object, path: tuple[str, ...] = ()):
    yield path, command
    for name, sub in (getattr(command, "commands", None) or {}).items():
        yield from _commands(sub, (*path, name))


def test_readme_lists_every_option():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    missing = [(path, opt) for path, command in _commands(typer.main.get_command(app))
               for param in command.params if param.name != "help"
               for opt in param.opts
               if opt.startswith("-") and f"{opt}" not in readme]
    assert missing == []


def _input() -> str:
    """An input path that exists (usage is checked before the run); its reading is faked."""
    return tempfile.mkdtemp()
