"""`communique evaluate`: score a run against gold, print the table, apply the floors.

The scoring is the evaluation room's (`evaluation.score`); this module only
reads the options, prints with rich and turns failed floors into exit 1.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from communique.pipeline.cli.clusters import print_cluster_scores
from communique.pipeline.evaluation import (
    FIELDS,
    FloorError,
    RecordsError,
    Report,
    baseline_records,
    errors_markdown,
    failed_floors,
    load_records,
    parse_floors,
    score,
)


def render_table(report: Report, baseline: Report | None = None,
                 title: str = "evaluate") -> Table:
    """A rich table of the scores (with the baseline side by side when given)."""
    table = Table(title=title)
    for col in ("field", "gold", "pred", "TP", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "field" else "right")
    if baseline:
        for col in ("base pred", "base TP", "base P", "base R", "base F1", "ΔF1"):
            table.add_column(col, justify="right")
    for name in FIELDS:
        s = report.fields[name]
        row = [name, str(s.gold), str(s.pred), str(s.tp),
               f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
        if baseline:
            b = baseline.fields[name]
            row += [str(b.pred), str(b.tp), f"{b.precision:.3f}", f"{b.recall:.3f}",
                    f"{b.f1:.3f}", f"{s.f1 - b.f1:+.3f}"]
        table.add_row(*row)
    macro = ["macro-F1", "", "", "", "", "", f"{report.macro_f1:.3f}"]
    if baseline:
        macro += ["", "", "", "", f"{baseline.macro_f1:.3f}",
                  f"{report.macro_f1 - baseline.macro_f1:+.3f}"]
    table.add_row(*macro, style="bold")
    return table


def _run_pipeline(source: Path, out: Path) -> None:
    """`communique run SOURCE --out OUT`, in this process."""
    from communique.pipeline.cli.app import app  # app.py imports this module

    app(["run", str(source), "--out", str(out)], standalone_mode=False)


def evaluate_command(
    gold: Annotated[Path, typer.Argument(
        metavar="GOLD", help="Folder of gold records (<doc_id>.json).")],
    pred: Annotated[Path, typer.Argument(metavar="PRED",
        help="records.jsonl, a run's output folder, or a folder of .json records.")],
    run: Annotated[Path | None, typer.Option(
        "--run", help="Run the pipeline on INPUT first, writing to PRED (a folder).")] = None,
    json_path: Annotated[Path | None, typer.Option(
        "--json", help="Write the scores as JSON here.")] = None,
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Write the error analysis (markdown) here.")] = None,
    baseline: Annotated[bool, typer.Option(
        "--baseline", help="Also score spaCy NER alone and print it side by side.")] = False,
    floors: Annotated[list[str] | None, typer.Option(
        "--min", help="FIELD=F1 floor (repeatable; FIELD may be 'macro'); exit 1 below it.")
    ] = None,
    clusters: Annotated[Path | None, typer.Option(
        "--clusters", help="Gold person/event clusters (JSON): also score linking pairwise.")
    ] = None,
) -> None:
    """Score predicted records against gold (records.md, "How evaluate scores")."""
    console = Console()
    try:
        wanted = parse_floors(floors or [])
    except FloorError as exc:
        raise typer.BadParameter(str(exc), param_hint="--min") from exc
    if run is not None:
        _run_pipeline(run, pred)
    try:
        gold_records = load_records(gold)
        pred_records = load_records(pred)
    except RecordsError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    report = score(gold_records, pred_records)
    base_report = None
    if baseline:
        base_records = baseline_records(gold_records, pred_records, gold)
        base_report = score(gold_records, base_records)
    console.print(render_table(report, base_report, title=f"evaluate {pred} against {gold}"))
    console.print(
        f"gold documents: {report.gold_docs}; scored: {report.scored_docs}; "
        f"missing from prediction (all items missed): {len(report.missing_docs)}; "
        f"predicted without gold (ignored): {len(report.extra_docs)}")
    cluster_scores = None
    if clusters is not None:
        try:
            cluster_scores = print_cluster_scores(console, clusters, pred)
        except RecordsError as exc:
            console.print(f"[red]error:[/red] {exc}")
            raise typer.Exit(2) from exc
    if json_path is not None:
        data = report.to_dict()
        if base_report is not None:
            data["baseline"] = base_report.to_dict()
        if cluster_scores is not None:
            data["clusters"] = cluster_scores
        json_path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    if errors is not None:
        errors.write_text(errors_markdown(report), encoding="utf-8")
    failed = failed_floors(report, wanted)
    for line in failed:
        console.print(f"[red]below floor[/red] {line}")
    if failed:
        raise typer.Exit(1)
