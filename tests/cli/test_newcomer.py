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


def test_run_help_names_the_inputs_argument_by_its_label():
    result = CliRunner().invoke(app, ["run", "--help"], prog_name="communique")
    lines = result.output.splitlines()
    assert lines[0] == "Usage: communique run [OPTIONS] INPUT..."
    assert "  INPUT...  Folders of .txt/.md/.html releases, or .jsonl/.csv files." in lines
    assert "list[" not in result.output


@pytest.mark.parametrize(("command", "usage"), [
    (["evaluate"], "Usage: communique evaluate [OPTIONS] GOLD PRED"),
    (["review"], "Usage: communique review [OPTIONS] [OUT_DIR]"),
    (["corrections", "import"], "Usage: communique corrections import [OPTIONS] CORRECTIONS"),
])
def test_every_argument_shows_its_label_not_its_type(command, usage):
    result = CliRunner().invoke(app, [*command, "--help"], prog_name="communique")
    assert result.output.splitlines()[0] == usage
    assert "<path>  " not in result.output.split("Options:")[0]


def test_a_missing_input_is_named_by_its_label():
    result = CliRunner().invoke(app, ["run"], prog_name="communique")
    assert result.exit_code == 2
    assert "Missing argument 'INPUT...'" in result.output


def test_readme_lists_every_argument_label():
    from pathlib import Path

    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    labels = [param.metavar for _, command in _commands(typer.main.get_command(app))
              for param in command.params if param.param_type_name == "argument"]
    assert sorted(labels) == ["CORRECTIONS", "GOLD", "INPUT...", "OUT_DIR", "PRED"]
    assert [label for label in labels if f"| `{label}` |" not in readme] == []
