"""`communique review`: rebuild a run's report page and database from its outputs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from communique.pipeline.writers import db
from communique.pipeline.writers.report import build_report


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
    if not (out_dir / "records.jsonl").exists():
        typer.echo(f"error: {out_dir / 'records.jsonl'} not found; run `communique run` first",
                   err=True)
        raise typer.Exit(code=2)
    report_path = build_report(out_dir)
    db_path = db.write_db(out_dir)
    typer.echo(f"report:   {report_path}  (open it in a browser)")
    typer.echo(f"database: {db_path}  (e.g. `datasette {db_path}`)")
