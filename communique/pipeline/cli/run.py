"""`communique run`: the options, the progress bar, the error lines and the summary.

The run itself is `communique.pipeline.run.run`, which prints nothing; this
module shows its progress (`on_outcome`) and its input errors (`on_error`,
one line each on stderr) and turns interruption and `--strict` into exit
codes.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from communique.models import InputError
from communique.pipeline.cli.console import print_input_error
from communique.pipeline.ingest import estimate_total
from communique.pipeline.run import (
    Interrupted,
    NothingProcessed,
    OutputFailed,
    RunResult,
    ingest_options,
    ingest_settings,
    run,
)
from communique.pipeline.settings import Settings
from communique.pipeline.writers import export


def progress_bar(console: Console) -> Progress:
    """Documents done, docs/s, elapsed and ETA; refreshed by the caller (no thread)."""
    class DocsPerSecond(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.1f} docs/s" if speed else "– docs/s", style="cyan")

    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        DocsPerSecond(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=console, auto_refresh=False, transient=False,
    )


def print_summary(console: Console, result: RunResult) -> None:
    """The counts table, the cache line, the files written and any note."""
    counts = result.counts
    table = Table(title="communique run", show_header=True)
    table.add_column("documents", justify="right")
    table.add_column("events", justify="right")
    table.add_column("participants", justify="right")
    table.add_column("topics", justify="right")
    table.add_column("failed", justify="right")
    table.add_row(*(f"{n:,}" for n in (counts.documents, counts.events, counts.participants,
                                       counts.topics)),
                  f"[red]{counts.failed:,}[/]" if counts.failed else "0")
    console.print(table)
    info = result.run_info
    timings = info["timings_seconds"]["wall"]
    console.print(f"{info['counts']['cached']:,} from cache, {info['counts']['processed']:,} "
                  f"processed in {timings.get('total', 0):.1f} s")
    names = [export.RECORDS, *(f"{t}.{kind}" for kind in ("csv", "parquet") for t in export.TABLES),
             export.ERRORS, export.RUN, "persons.csv", "event_clusters.csv", "persons.parquet",
             "event_clusters.parquet", "links.json",
             "report/index.html", "report/persons.html", "communique.db"]
    for name in names:
        path = result.out_dir / name
        if path.exists():
            console.print(f"  {path}")
    if result.report_note:
        console.print(f"[yellow]note[/]: {result.report_note}")
    report = result.out_dir / "report" / "index.html"
    if report.exists():
        console.print(f"open {report} in a browser", soft_wrap=True)


def _advancing(progress: Progress, inputs: list[Path]) -> Callable[[], None]:
    """An `on_outcome` that advances the bar, refreshing at most every 0.1 s."""
    task = progress.add_task("documents", total=estimate_total(inputs))
    last_refresh = 0.0

    def advance() -> None:
        nonlocal last_refresh
        progress.advance(task)
        if time.perf_counter() - last_refresh > 0.1:
            progress.refresh()
            last_refresh = time.perf_counter()

    return advance


# Exit codes (README "Exit codes"): 0 all good, 1 some inputs failed with --strict,
# 2 usage error, 3 nothing processed, 4 the outputs could not be written; 130 interrupted.
EXIT_STRICT, EXIT_USAGE, EXIT_NOTHING, EXIT_OUTPUT = 1, 2, 3, 4


def usage_error(inputs: list[Path], out: Path) -> str | None:
    """The first usage problem (one line for the user), or None: checked before any work."""
    for path in inputs:
        if not os.path.lexists(path):
            return f"input not found: {path}"
    if out.exists() and not out.is_dir():
        return f"--out {out} is a file, not a folder"
    try:  # a real write, not os.access: permissions, read-only mounts and root all differ
        out.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        return f"cannot write to {out}: {exc.strerror or exc}"
    return None


def _fail(err: Console, message: str, code: int) -> typer.Exit:
    """One line on stderr, no traceback; the exit to raise."""
    err.print(Text.assemble(("error", "red"), f": {message}"), highlight=False)
    return typer.Exit(code)


DATE_ORDERS = ("auto", "DMY", "MDY", "YMD")


def parse_formats(value: str) -> frozenset[str]:
    """`--formats csv,parquet`: the chosen table formats; an unknown one is a usage error."""
    chosen = frozenset(part.strip().lower() for part in value.split(",") if part.strip())
    unknown = sorted(chosen - set(export.FORMATS))
    if unknown:
        raise typer.BadParameter(f"unknown format(s) {', '.join(unknown)}; choose from "
                                 f"{', '.join(export.FORMATS)}", param_hint="--formats")
    return chosen


def executor_factory(kind: str, scheduler: str | None, settings: Settings):
    """The `run()` executor factory for `--executor` (None: the local default)."""
    if kind == "local":
        return None
    if kind not in ("dask", "dask-local"):
        raise typer.BadParameter("choose local, dask or dask-local", param_hint="--executor")
    if kind == "dask" and not scheduler:
        raise typer.BadParameter("--executor dask needs --scheduler tcp://HOST:PORT",
                                 param_hint="--scheduler")
    from communique.pipeline.run import dask_executor  # ImportError: the extra is missing

    if kind == "dask":
        return lambda: dask_executor.connect(settings, scheduler)
    return lambda: dask_executor.start_local(settings)


def run_command(
    inputs: Annotated[list[Path], typer.Argument(
        metavar="INPUT...", show_default=False,
        help="Folders of .txt/.md/.html releases, or .jsonl/.csv files.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder.")] = Path("outputs"),
    workers: Annotated[int | None, typer.Option(
        min=1, help="Worker processes [default: all cores].", show_default=False)] = None,
    model: Annotated[str | None, typer.Option(help="spaCy pipeline name or path.")] = None,
    max_chars: Annotated[int | None, typer.Option(
        min=1, help="Refuse documents with more characters than this.")] = None,
    text_column: Annotated[str | None, typer.Option(help="JSONL/CSV text column.")] = None,
    id_column: Annotated[str | None, typer.Option(help="JSONL/CSV id column.")] = None,
    title_column: Annotated[str | None, typer.Option(help="JSONL/CSV title column.")] = None,
    published_column: Annotated[str | None, typer.Option(
        help="JSONL/CSV publication-date column.")] = None,
    url_column: Annotated[str | None, typer.Option(help="JSONL/CSV url column.")] = None,
    date_order: Annotated[str | None, typer.Option(
        help="Day/month order of 04/11/2021: auto (per input, from its unambiguous dates), "
             "DMY, MDY or YMD (default: auto).", show_default=False)] = None,
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit non-zero when any input failed.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar or summary.")] = False,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Neither read nor write the cache in OUT/.cache.")] = False,
    no_report: Annotated[bool, typer.Option(
        "--no-report", help="Do not build report/index.html.")] = False,
    executor: Annotated[str, typer.Option(
        help="Where the work runs: local (this machine's processes), dask (a running Dask "
             "cluster, see --scheduler) or dask-local (a LocalCluster of --workers "
             "processes).")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        help="Dask scheduler address for --executor dask, e.g. tcp://10.0.0.1:8786.")] = None,
    formats: Annotated[str, typer.Option(
        help="Table formats to write besides records.jsonl: any of csv, parquet, sqlite, "
             "comma-separated.")] = ",".join(export.FORMATS),
) -> None:
    """Extract event records from press releases into OUT (records.jsonl, CSV tables, report)."""
    if date_order is not None and date_order not in DATE_ORDERS:
        raise typer.BadParameter(f"{date_order!r} is not one of {', '.join(DATE_ORDERS)}",
                                 param_hint="--date-order")
    values = {"model": model, "max_chars": max_chars, "workers": workers,
              "date_order": date_order}
    settings = Settings(**{k: v for k, v in values.items() if v is not None})
    options = ingest_options(
        text_column=text_column, id_column=id_column, title_column=title_column,
        published_column=published_column, url_column=url_column, **ingest_settings(settings),
    )
    console = Console()
    err = Console(stderr=True, soft_wrap=True)  # one error, one line: grep-able logs
    problem = usage_error(inputs, out)
    if problem:
        raise _fail(err, problem, EXIT_USAGE)
    show_progress = not quiet and err.is_terminal
    progress = progress_bar(err) if show_progress else None

    def on_error(error: InputError) -> None:
        print_input_error(progress.console if progress else err, error)

    try:
        if progress is not None:
            err.print(f"loading the model ({settings.model}) …")
            progress.start()
        try:
            result = run(inputs, out, settings, options=options, use_cache=not no_cache,
                         report=not no_report, on_error=on_error,
                         executor_factory=executor_factory(executor, scheduler, settings),
                         formats=parse_formats(formats),
                         on_outcome=_advancing(progress, inputs) if progress else None)
        finally:
            if progress is not None:
                progress.stop()
    except (KeyboardInterrupt, Interrupted):
        err.print("[yellow]interrupted[/]: the output folder is as it was before this run; "
                  "finished documents are cached, run again to resume.")
        if any(t.is_alive() and not t.daemon for t in threading.enumerate()
               if t is not threading.main_thread()):
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(130)  # a pool thread that cannot be joined must not hang the exit
        raise typer.Exit(130) from None
    except (ImportError, ConnectionError) as exc:  # no dask extra / no scheduler
        err.print(f"[red]error[/]: {exc}")
        raise typer.Exit(2) from None
    except NothingProcessed as exc:
        raise _fail(err, str(exc), EXIT_NOTHING) from None
    except OutputFailed as exc:
        raise _fail(err, f"outputs not written: {exc}", EXIT_OUTPUT) from None
    except OSError as exc:  # a full disk, a folder made read-only during the run
        raise _fail(err, f"outputs not written: {exc}; the previous outputs were kept",
                    EXIT_OUTPUT) from None

    if not quiet:
        print_summary(console, result)
    elif result.report_note:  # a discarded cache is said even with --quiet
        err.print(Text(f"note: {result.report_note}"))
    if result.counts.failed:
        err.print(f"{result.counts.failed:,} failed (see {out / export.ERRORS})")
    if strict and result.counts.failed:
        raise typer.Exit(EXIT_STRICT)
