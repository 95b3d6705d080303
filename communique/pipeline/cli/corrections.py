"""`communique corrections import`: a review page's corrections.jsonl into gold files.

The reading and writing is the evaluation room's (evaluation/corrections.py);
this module prints what was written and exits 1 when any line was refused.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from communique.pipeline.cli.help import LabelledCommand
from communique.pipeline.evaluation.corrections import import_corrections

corrections_app = typer.Typer(
    help="Corrections made in the review page (report/index.html).",
    no_args_is_help=True,
    add_completion=False,
)


@corrections_app.command("import", cls=LabelledCommand)
def import_command(
    corrections: Annotated[Path, typer.Argument(metavar="CORRECTIONS",
        help="corrections.jsonl downloaded from the review page.",
        exists=True, dir_okay=False, show_default=False)],
    gold: Annotated[Path, typer.Option(
        "--gold", help="Folder to write <doc_id>.json gold files into (made if absent).",
        file_okay=False, show_default=False)],
) -> None:
    """Write one gold file per reviewed document (spans kept), for `communique evaluate`."""
    result = import_corrections(corrections, gold)
    for problem in result.problems:
        typer.echo(f"error: {problem}", err=True)
    typer.echo(f"wrote {len(result.written)} gold file(s) to {gold}"
               + (f"; {len(result.problems)} line(s) refused" if result.problems else ""))
    typer.echo(f"score a run against them: communique evaluate {gold} outputs")
    if result.problems:
        raise typer.Exit(1)
