"""`communique review`: rebuild a run's report page and database from its outputs.

The work is run/review.py's (a staged, atomic rebuild that reads the run's
links.json, or links again when the folder has none); this module checks the
folder and prints what was written.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from communique.pipeline.run.review import NoRecords, review


def review_command(
    out_dir: Annotated[
        Path,
        typer.Argument(
            metavar="OUT_DIR", help="Output folder of a run (holds records.jsonl).",
            exists=True, file_okay=False, dir_okay=True,
        ),
    ] = Path("outputs"),
) -> None:
    """Rebuild report/index.html and communique.db from a run's outputs."""
    try:
        done = review(out_dir)
    except NoRecords:
        typer.echo(f"error: {out_dir / 'records.jsonl'} not found; run `communique run` first",
                   err=True)
        raise typer.Exit(code=2) from None
    how = ("re-run over records.jsonl (the folder had no complete links.json)"
           if done.relinked else "read from the run's links.json")
    typer.echo(f"linking:  {how}")
    typer.echo(f"report:   {done.report}  (open it in a browser)")
    typer.echo(f"database: {done.database}  (e.g. `datasette {done.database}`)")
