"""The `communique` command line: run, evaluate, review, schema.

Each sub-command lives in its own module of this room (run.py, evaluate.py,
review.py); this file only wires them up.
"""

from __future__ import annotations

import json
from typing import Annotated

import typer

app = typer.Typer(
    help="Turn diplomatic press releases into validated event records and tables.",
    no_args_is_help=True,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
    rich_markup_mode=None,  # plain help; arguments read INPUT..., GOLD (cli/help.py)
)


def _show_version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"communique {version('communique')}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[bool, typer.Option(
        "--version", help="Print the version and exit.", callback=_show_version,
        is_eager=True)] = False,
) -> None:
    """Turn diplomatic press releases into validated event records and tables."""


@app.command()
def schema() -> None:
    """Print the JSON Schema of the document record."""
    from communique.models import DocumentRecord

    typer.echo(json.dumps(DocumentRecord.model_json_schema(), indent=2))


def _register() -> None:
    """Attach the commands (each defined in its module of cli/)."""
    from communique.pipeline.cli.evaluate import evaluate_command
    from communique.pipeline.cli.help import LabelledCommand
    from communique.pipeline.cli.review import review_command
    from communique.pipeline.cli.run import run_command

    app.command("run", cls=LabelledCommand)(run_command)
    app.command("evaluate", cls=LabelledCommand)(evaluate_command)
    app.command("review", cls=LabelledCommand)(review_command)
    _register_corrections()


def _register_corrections() -> None:
    """`communique corrections import` (cli/corrections.py)."""
    from communique.pipeline.cli.corrections import corrections_app

    app.add_typer(corrections_app, name="corrections")


_register()
