"""`run()`: ingest -> cache -> executor (spaCy + extract) -> streamed, atomic outputs.

Shape of a run (each step in its module):

* Ingest yields `RawDocument | InputError` lazily, in input order.
* orchestrate.py answers cache hits (cache.py) and sends the misses, in
  chunks, to an executor (executors.py, work.py); outcomes come back in
  input order, whatever the number of workers.
* Every output is written to a staging folder and renamed at the end
  (`writers.export.Outputs`), the report page and the database included; an
  interrupted run (signals.py) leaves the folder as it was, and the cache
  keeps the documents it finished. run.json is info.py's.

Nothing here imports spaCy at module level: a run where every document hits
the cache never imports it or loads the model. Nothing here prints: the
command line (cli/run.py) shows progress through `on_outcome` and errors
through `on_error`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from communique.models import InputError, RawDocument
from communique.pipeline.ingest import IngestOptions, iter_documents
from communique.pipeline.linking.stage import link_outputs
from communique.pipeline.run.cache import RecordCache, pipeline_version
from communique.pipeline.run.executors import Executor, LazyExecutor, make_executor
from communique.pipeline.run.info import run_info
from communique.pipeline.run.orchestrate import CHUNK_SIZE, Stats, process_documents
from communique.pipeline.run.signals import check_stop, interruptible
from communique.pipeline.settings import Settings
from communique.pipeline.writers import db, export, parquet
from communique.pipeline.writers.report import build_report

DocumentSource = Callable[[list[Path], Any], Iterable[RawDocument | InputError]]


@dataclass
class RunResult:
    counts: export.Counts
    out_dir: Path
    written: list[Path]
    run_info: dict[str, Any]
    report_note: str | None = None


def default_source(inputs: list[Path], options: Any) -> Iterable[RawDocument | InputError]:
    """Ingest (communique.pipeline.ingest): what a run reads unless told otherwise."""
    return iter_documents(inputs, options)


def ingest_options(**wanted: Any) -> IngestOptions:
    """An `IngestOptions` with the CLI's values (unset ones left at their defaults)."""
    return IngestOptions(**{k: v for k, v in wanted.items() if v is not None})


def ingest_settings(settings: Settings) -> dict[str, Any]:
    return {"max_chars": settings.max_chars, "date_order": settings.date_order,
            "language": settings.language}


class NothingProcessed(Exception):
    """No input became a record (none found, no text column, every one failed).

    The run is not committed, so the previous outputs stay as they were.
    """

    def __init__(self, failed: int) -> None:
        reason = (f"every input failed ({failed:,})" if failed else "no inputs found")
        super().__init__(f"nothing processed: {reason}; the previous outputs were kept")
        self.failed = failed


class OutputFailed(Exception):
    """An output step (records, a table, the database, the report) failed: no commit."""


def _built(stats: Stats, name: str, function: str, build: Callable[[], object]) -> list[str]:
    """Build the report page or the database; a failure fails the run, old outputs kept."""
    started = time.perf_counter()
    try:
        build()
    except Exception as exc:  # outputs must agree with each other: no run without its report
        raise OutputFailed(f"{name}: {function} failed ({type(exc).__name__}: {exc}); "
                           "the previous outputs were kept") from exc
    finally:
        stats.wall[name] += time.perf_counter() - started
    return []


def run(
    inputs: list[Path],
    out_dir: Path,
    settings: Settings,
    *,
    options: Any = None,
    use_cache: bool = True,
    report: bool = True,
    on_outcome: Callable[[], None] | None = None,
    on_error: Callable[[InputError], None] | None = None,
    source: DocumentSource | None = None,
    start_method: str | None = None,
    chunk_size: int = CHUNK_SIZE,
    executor_factory: Callable[[], Executor] | None = None,
    formats: Collection[str] = export.FORMATS,
) -> RunResult:
    """Process `inputs` into `out_dir`.

    `executor_factory` makes where the work runs (default: inline or a local
    pool, by `settings.workers`; dask_executor.py for a cluster). `formats`:
    which of csv, parquet, sqlite to write besides records.jsonl.
    Raises KeyboardInterrupt/Interrupted with `out_dir` left as it was before the run.
    """
    started_at = time.time()
    clock = time.perf_counter()
    stats = Stats()
    source = source or default_source
    options = options if options is not None else ingest_options(**ingest_settings(settings))
    cache = RecordCache(out_dir, pipeline_version(settings), enabled=use_cache)
    executor = LazyExecutor(executor_factory or (lambda: make_executor(settings, start_method)))
    first_record: float | None = None
    notes: list[str] = []
    try:
        with interruptible(), export.Outputs(out_dir, write_csv="csv" in formats) as outputs:
            stats.wall["startup"] = time.perf_counter() - clock
            items = source(list(inputs), options)
            for kind, line in process_documents(items, executor, cache, stats, chunk_size):
                check_stop()
                write_started = time.perf_counter()
                if kind == "record":
                    outputs.write_record(line)
                    if first_record is None:
                        first_record = time.perf_counter() - clock
                else:
                    outputs.write_error(line)
                    if on_error:
                        on_error(InputError.model_validate_json(line))
                stats.wall["write"] += time.perf_counter() - write_started
                if on_outcome is not None:
                    on_outcome()
            executor.close()
            check_stop()
            if outputs.counts.documents == 0:
                raise NothingProcessed(outputs.counts.failed)
            outputs.close_streams()
            notes += _built(stats, "linking", "link_outputs",
                            lambda: link_outputs(outputs.staging, write_csv="csv" in formats))
            # built in the staging folder, so the page is told the real folder's name
            if report:
                notes += _built(stats, "report", "build_report", lambda: build_report(
                    outputs.staging, name=out_dir.resolve().name))
            if "sqlite" in formats:
                notes += _built(stats, "db", "write_db", lambda: db.write_db(outputs.staging))
            if "parquet" in formats:
                notes += _built(stats, "parquet", "write_parquet",
                                lambda: parquet.write_parquet(outputs.staging))
            stats.wall["total"] = time.perf_counter() - clock
            info = run_info(inputs, settings, outputs.counts, stats, first_record,
                            started_at, use_cache, executor)
            notes += cache.warnings  # a discarded cache file or rows: said once, run goes on
            info["notes"] = notes
            info["date_orders"] = dict(getattr(options, "date_orders", {}))
            outputs.write_json(export.RUN, info)
            written = outputs.commit()
        cache.prune()
    except BaseException:
        executor.close(cancel=True)
        raise
    finally:
        cache.close()
    return RunResult(outputs.counts, out_dir, written, info, "; ".join(notes) or None)
