"""`communique run`: ingest -> cache -> executor (spaCy + extract) -> streamed, atomic outputs.

Shape of a run:

* Ingest yields `RawDocument | InputError` lazily, in input order.
* Inputs are taken in blocks of `CHUNK_SIZE`. In each block the parent
  answers cache hits and ingest errors itself and sends the misses, as one
  chunk, to an `Executor`. At most `8 x workers` chunks are in flight, so
  memory does not grow with the corpus.
* Blocks are drained strictly in input order, so records.jsonl and the
  tables are the same whatever the number of workers.
* Every output is written to a staging folder and renamed at the end
  (`export.Outputs`); an interrupted run leaves the folder as it was, and the
  cache keeps the documents it finished.

The per-document work is `process_chunk(docs, settings)`: a pure function of
the documents and the settings, which loads the heavy resources (spaCy model,
rule data) once per process. An `Executor` only has to run it somewhere and
hand back a handle with `.result()`. `InlineExecutor` runs it in this
process (`--workers 1`); `LocalExecutor` runs it in a process pool. A Dask
executor would be `client.submit(process_chunk, docs, settings)` behind
the same two methods, with no change to any stage.

Start method: `LocalExecutor` uses `fork` where the platform has it (Linux).
Workers then start in milliseconds with communique already imported, and
each loads the model once in its initializer (the parent never loads it).
Fork is only safe when the parent has no other threads at that moment, so
the pool is created on the first cache miss, and the progress bar refreshes
from the main loop (`auto_refresh=False`) rather than from a thread. Where
there is no fork (macOS, Windows), `spawn` is used: same results, slower
start-up.

Nothing here imports spaCy at module level: a run where every document hits
the cache never imports it or loads the model.
"""

from __future__ import annotations

import contextlib
import csv
import dataclasses
import importlib
import importlib.metadata
import multiprocessing
import os
import platform
import signal
import sys
import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Protocol

import typer

from communique.models import InputError, RawDocument
from communique.pipeline import export
from communique.pipeline.cache import RecordCache, model_version, pipeline_version
from communique.pipeline.settings import Settings

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress
    from spacy.language import Language
    from spacy.tokens import Doc

    from communique.models import DocumentRecord

CHUNK_SIZE = 16  # documents per unit of work sent to a worker (nlp.pipe batches inside it)
STOP_GRACE = 10.0  # seconds workers get to stop between documents when a run is interrupted
IN_FLIGHT_PER_WORKER = 8  # chunks in flight per worker: a slow chunk at the head of the
# queue (results are written in input order) must not leave the other workers idle

Outcome = tuple[str, str]  # ("record", record JSON line) or ("error", InputError JSON line)
DocumentSource = Callable[[list[Path], Any], Iterable[RawDocument | InputError]]


# --------------------------------------------------------------------------
# Per-document work: runs in a worker process (or inline with --workers 1)
# --------------------------------------------------------------------------


@dataclass
class ChunkResult:
    """The outcomes of one chunk, in its order, and the seconds each stage took."""

    outcomes: list[Outcome]
    timings: dict[str, float]


_LOADED: set[str] = set()  # settings whose pipeline this process has built
_UNREPORTED_LOAD: list[float] = []  # load time of this process not yet sent back
_WORKER_STOP: Any = None  # multiprocessing.Event set by the parent to stop a pool early


def _pipeline(settings: Settings) -> Language:
    """This process's pipeline for `settings`, built on first use only."""
    from communique.pipeline.components import build

    key = settings.cache_key()
    started = time.perf_counter()
    nlp = build(settings)
    if key not in _LOADED:
        _LOADED.add(key)
        _UNREPORTED_LOAD.append(time.perf_counter() - started)
    return nlp


def init_worker(settings_json: str, stop: Any = None) -> None:
    """Pool initializer: load the model once per worker.

    Ctrl-C is the parent's to handle (it stops the pool); SIGTERM gets back its
    default action, which a forked worker would otherwise inherit from the
    parent's handler and swallow as an extraction error.
    """
    global _WORKER_STOP
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_STOP = stop
    _pipeline(Settings.model_validate_json(settings_json))


def _error(raw: RawDocument, reason: str, hint: str | None = None) -> Outcome:
    error = InputError(input=raw.source, doc_id=raw.doc_id, reason=reason, hint=hint)
    return ("error", error.model_dump_json())


class Stopped(Exception):
    """The parent asked the workers to stop (the run was interrupted)."""


def _check_worker_stop() -> None:
    if _WORKER_STOP is not None and _WORKER_STOP.is_set():
        raise Stopped("run interrupted")


def _pipe(nlp: Language, docs: list[Doc], batch_size: int) -> list[Doc | Exception]:
    """spaCy's statistical pipes over the chunk; if one text breaks the batch, each
    text alone."""
    from communique.pipeline.components import COMPONENTS

    try:
        done: list[Doc | Exception] = []
        for doc in nlp.pipe(docs, batch_size=batch_size, disable=list(COMPONENTS)):
            _check_worker_stop()
            done.append(doc)
        return done
    except Stopped:
        raise
    except Exception:
        done = []
        for doc in docs:
            try:
                done.extend(nlp.pipe([doc], disable=list(COMPONENTS)))
            except Exception as exc:
                done.append(exc)
        return done


def _extract(nlp: Language, doc: Doc) -> DocumentRecord:
    """Communique's components over one processed Doc: its record."""
    from communique.pipeline.components import COMPONENTS

    for name, component in nlp.pipeline:
        if name in COMPONENTS:
            doc = component(doc)
    return doc._.record


def process_chunk(docs: list[RawDocument], settings: Settings) -> ChunkResult:
    """Records (or errors) of `docs`, in order: a pure function of the documents and settings.

    An exception while extracting one document becomes that document's
    InputError; it never ends the run.
    """
    from communique.pipeline.components import make_doc

    timings: dict[str, float] = defaultdict(float)
    nlp = _pipeline(settings)
    while _UNREPORTED_LOAD:
        timings["load"] += _UNREPORTED_LOAD.pop()

    outcomes: list[Outcome | None] = [None] * len(docs)
    todo: list[int] = []
    for index, raw in enumerate(docs):
        if len(raw.text) > settings.max_chars:
            outcomes[index] = _error(
                raw,
                f"text is {len(raw.text):,} characters, over the limit of "
                f"{settings.max_chars:,}",
                "raise the limit with --max-chars, or split the document",
            )
        else:
            todo.append(index)

    started = time.perf_counter()
    processed = _pipe(nlp, [make_doc(nlp, docs[i]) for i in todo], settings.batch_size)
    timings["nlp"] += time.perf_counter() - started

    for index, doc in zip(todo, processed, strict=True):
        _check_worker_stop()
        raw = docs[index]
        if isinstance(doc, Exception):
            outcomes[index] = _error(raw, f"spaCy failed: {type(doc).__name__}: {doc}",
                                     "please report this document as a bug")
            continue
        started = time.perf_counter()
        try:
            record = _extract(nlp, doc)
        except Exception as exc:
            outcomes[index] = _error(raw, f"extraction failed: {type(exc).__name__}: {exc}",
                                     "please report this document as a bug")
            continue
        finally:
            timings["extract"] += time.perf_counter() - started
        started = time.perf_counter()
        outcomes[index] = ("record", record.model_dump_json())
        timings["serialise"] += time.perf_counter() - started
    return ChunkResult(outcomes=[o for o in outcomes if o is not None], timings=dict(timings))


# --------------------------------------------------------------------------
# Executors
# --------------------------------------------------------------------------


class ResultHandle(Protocol):
    def result(self, timeout: float | None = None) -> ChunkResult: ...


class Executor(Protocol):
    """Runs `process_chunk` somewhere; results are collected in submission order."""

    workers: int

    def submit(self, docs: list[RawDocument]) -> ResultHandle: ...

    def close(self, cancel: bool = False) -> None: ...


@dataclass
class _Deferred:
    docs: list[RawDocument]
    settings: Settings

    def result(self, timeout: float | None = None) -> ChunkResult:
        return process_chunk(self.docs, self.settings)


@dataclass
class InlineExecutor:
    """`--workers 1`: the work runs in this process when its result is asked for."""

    settings: Settings
    workers: int = 1

    def submit(self, docs: list[RawDocument]) -> ResultHandle:
        return _Deferred(docs, self.settings)

    def close(self, cancel: bool = False) -> None:
        return None


class LocalExecutor:
    """A process pool on this machine; each worker loads the model once (initializer)."""

    def __init__(self, settings: Settings, workers: int, start_method: str | None = None):
        self.settings = settings
        self.workers = workers
        methods = multiprocessing.get_all_start_methods()
        self.start_method = start_method or ("fork" if "fork" in methods else "spawn")
        self._pool: ProcessPoolExecutor | None = None
        self._stop: Any = None

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context(self.start_method)
            self._stop = context.Event()
            self._pool = ProcessPoolExecutor(
                max_workers=self.workers,
                mp_context=context,
                initializer=init_worker,
                initargs=(self.settings.model_dump_json(), self._stop),
            )
        return self._pool

    def submit(self, docs: list[RawDocument]) -> ResultHandle:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._ensure_pool().submit(process_chunk, docs, self.settings)
        except BrokenProcessPool:  # a worker died (killed, out of memory): start afresh
            self.close(cancel=True)
            return self._ensure_pool().submit(process_chunk, docs, self.settings)

    def close(self, cancel: bool = False) -> None:
        """Finish (or, with `cancel`, stop) the pool.

        Cancelling asks the workers to stop between documents (an Event), so
        they leave through the pool's own protocol; only a worker still busy
        after STOP_GRACE seconds is terminated. Killing a worker outright can
        cut a result message in half and hang the pool's manager thread.
        """
        pool, self._pool = self._pool, None
        if pool is None:
            return
        if not cancel:
            pool.shutdown(wait=True)
            return
        self._stop.set()
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        deadline = time.monotonic() + STOP_GRACE
        for process in processes:
            process.join(max(deadline - time.monotonic(), 0))
        for process in processes:
            if process.is_alive():
                process.terminate()
                process.join(1)


def make_executor(settings: Settings, start_method: str | None = None) -> Executor:
    if settings.workers <= 1:
        return InlineExecutor(settings)
    return LocalExecutor(settings, settings.workers, start_method)


# --------------------------------------------------------------------------
# Orchestration: cache, ordering, bounded work in flight
# --------------------------------------------------------------------------


@dataclass
class _Block:
    slots: list[Outcome | None]  # None: waiting for the executor
    keys: list[str]  # cache keys of the misses, in order
    handle: ResultHandle | None


@dataclass
class Stats:
    """Seconds per stage: `wall` in this process, `workers` summed over workers."""

    wall: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    workers: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    cached: int = 0
    processed: int = 0


class _LazyExecutor:
    """Creates the executor on the first cache miss (so all-hit runs never load spaCy)."""

    def __init__(self, factory: Callable[[], Executor]) -> None:
        self._factory = factory
        self.executor: Executor | None = None

    def get(self) -> Executor:
        if self.executor is None:
            self.executor = self._factory()
        return self.executor

    def close(self, cancel: bool = False) -> None:
        if self.executor is not None:
            self.executor.close(cancel=cancel)


def _timed(items: Iterable, stats: Stats, stage: str) -> Iterator:
    iterator = iter(items)
    while True:
        started = time.perf_counter()
        try:
            item = next(iterator)
        except StopIteration:
            stats.wall[stage] += time.perf_counter() - started
            return
        stats.wall[stage] += time.perf_counter() - started
        yield item


def _blocks(items: Iterable, size: int) -> Iterator[list]:
    block: list = []
    for item in items:
        block.append(item)
        if len(block) == size:
            yield block
            block = []
    if block:
        yield block


def process_documents(
    items: Iterable[RawDocument | InputError],
    executor: _LazyExecutor,
    cache: RecordCache,
    stats: Stats,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[Outcome]:
    """One outcome per input item, in input order, whatever the executor."""
    window: deque[_Block] = deque()
    seen_ids: set[str] = set()
    for block_items in _blocks(_timed(items, stats, "ingest"), chunk_size):
        started = time.perf_counter()
        block = _Block(slots=[], keys=[], handle=None)
        misses: list[RawDocument] = []
        for item in block_items:
            check_stop()
            if isinstance(item, InputError):
                block.slots.append(("error", item.model_dump_json()))
                continue
            if item.doc_id in seen_ids:
                block.slots.append(_error(
                    item, f"duplicate doc id {item.doc_id!r} (an earlier input has it)",
                    "give each input its own id (file name or --id-column)"))
                continue
            seen_ids.add(item.doc_id)
            key = cache.key(item)
            line = cache.get(key)
            if line is not None:
                block.slots.append(("record", line))
                stats.cached += 1
            else:
                block.slots.append(None)
                block.keys.append(key)
                misses.append(item)
        stats.wall["cache"] += time.perf_counter() - started
        if misses:
            block.handle = executor.get().submit(misses)
        window.append(block)
        limit = IN_FLIGHT_PER_WORKER * (executor.executor.workers if executor.executor else 1)
        while window and (window[0].handle is None or len(window) > limit):
            yield from _drain(window.popleft(), cache, stats)
    while window:
        yield from _drain(window.popleft(), cache, stats)


def _wait(handle: ResultHandle) -> ChunkResult:
    """The chunk's result, checking for Ctrl-C/SIGTERM while waiting."""
    while True:
        check_stop()
        try:
            return handle.result(timeout=0.2)  # type: ignore[call-arg]
        except TimeoutError:
            continue


def _drain(block: _Block, cache: RecordCache, stats: Stats) -> Iterator[Outcome]:
    if block.handle is not None:
        started = time.perf_counter()
        try:
            result = _wait(block.handle)
        except Exception as exc:  # the worker process died: the chunk's documents failed
            reason = f"worker process failed: {type(exc).__name__}: {exc}"
            hint = "re-run; if it happens again, run with --workers 1 to find the document"
            failed = InputError(input="(chunk)", reason=reason, hint=hint).model_dump_json()
            result = ChunkResult(outcomes=[("error", failed)] * len(block.keys), timings={})
        stats.wall["wait_for_workers"] += time.perf_counter() - started
        for stage, seconds in result.timings.items():
            stats.workers[stage] += seconds
        fresh = iter(zip(block.keys, result.outcomes, strict=True))
        started = time.perf_counter()
        for index, slot in enumerate(block.slots):
            if slot is None:
                key, outcome = next(fresh)
                block.slots[index] = outcome
                if outcome[0] == "record":
                    cache.put(key, outcome[1])
                stats.processed += 1
        cache.commit()
        stats.wall["cache"] += time.perf_counter() - started
    for slot in block.slots:
        assert slot is not None
        yield slot


# --------------------------------------------------------------------------
# A whole run
# --------------------------------------------------------------------------


class Interrupted(BaseException):
    """SIGTERM (or Ctrl-C) arrived: the run stops and its outputs are discarded."""


@dataclass
class RunResult:
    counts: export.Counts
    out_dir: Path
    written: list[Path]
    run_info: dict[str, Any]
    report_note: str | None = None


def default_source(inputs: list[Path], options: Any) -> Iterable[RawDocument | InputError]:
    from communique.pipeline.ingest import iter_documents

    return iter_documents(inputs, options)


def ingest_options(**wanted: Any) -> Any:
    """An `ingest.IngestOptions` with the CLI's values (only the fields it has, unset left out)."""
    try:
        from communique.pipeline.ingest import IngestOptions
    except ImportError:
        return dict(wanted)
    if dataclasses.is_dataclass(IngestOptions):
        names = {f.name for f in dataclasses.fields(IngestOptions)}
    else:
        names = set(getattr(IngestOptions, "model_fields", {}))
    return IngestOptions(**{k: v for k, v in wanted.items() if k in names and v is not None})


def _ingest_settings(settings: Settings) -> dict[str, Any]:
    return {"max_chars": settings.max_chars, "date_order": settings.date_order,
            "language": settings.language}


def versions(settings: Settings) -> dict[str, str]:
    def dist(name: str) -> str:
        try:
            return importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            return "unknown"

    return {
        "communique": dist("communique"),
        "spacy": dist("spacy"),
        "model": f"{settings.model}=={model_version(settings.model)}",
        "python": platform.python_version(),
    }


_STOP = threading.Event()


def check_stop() -> None:
    """Raise Interrupted at a safe point once Ctrl-C or SIGTERM has arrived."""
    if _STOP.is_set():
        raise Interrupted("interrupted")


@contextlib.contextmanager
def _interruptible() -> Iterator[None]:
    """Ctrl-C and SIGTERM set a flag that the run acts on between documents.

    Raising from inside a signal handler could leave a lock of the process
    pool held; a flag is checked where stopping is safe. A second signal
    stops at once.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum, frame):
        if _STOP.is_set():
            raise KeyboardInterrupt
        _STOP.set()

    _STOP.clear()
    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, old_handler in previous.items():
            signal.signal(sig, old_handler)
        _STOP.clear()


def _optional_hook(module: str, function: str, out_dir: Path, **kwargs: Any) -> str | None:
    """Call `communique.pipeline.<module>.<function>(out_dir, **kwargs)` where it exists."""
    try:
        imported = importlib.import_module(f"communique.pipeline.{module}")
    except ModuleNotFoundError as exc:
        if exc.name != f"communique.pipeline.{module}":
            raise
        return f"{module}: communique.pipeline.{module} is not installed yet; skipped"
    hook = getattr(imported, function, None)
    if hook is None:
        return f"{module}: communique.pipeline.{module}.{function} does not exist yet; skipped"
    try:
        hook(out_dir, **kwargs)
    except Exception as exc:  # a broken report must not cost the user their records
        return f"{module}: {function} failed ({type(exc).__name__}: {exc}); records and tables kept"
    return None


def run(
    inputs: list[Path],
    out_dir: Path,
    settings: Settings,
    *,
    options: Any = None,
    use_cache: bool = True,
    report: bool = True,
    progress: Progress | None = None,
    progress_total: int | None = None,
    on_error: Callable[[InputError], None] | None = None,
    source: DocumentSource | None = None,
    start_method: str | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> RunResult:
    """Process `inputs` into `out_dir`.

    Raises KeyboardInterrupt/Interrupted with `out_dir` left as it was before the run.
    """
    started_at = time.time()
    clock = time.perf_counter()
    stats = Stats()
    source = source or default_source
    options = options if options is not None else ingest_options(**_ingest_settings(settings))
    cache = RecordCache(out_dir, pipeline_version(settings), enabled=use_cache)
    executor = _LazyExecutor(lambda: make_executor(settings, start_method))
    task = progress.add_task("documents", total=progress_total) if progress else None
    first_record: float | None = None
    notes: list[str] = []
    last_refresh = 0.0
    try:
        with _interruptible(), export.Outputs(out_dir) as outputs:
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
                if progress is not None and task is not None:
                    progress.advance(task)
                    if time.perf_counter() - last_refresh > 0.1:
                        progress.refresh()
                        last_refresh = time.perf_counter()
            executor.close()
            check_stop()
            outputs.close_streams()
            # built in the staging folder, so the page is told the real folder's name
            hooks = (("report", "build_report", report, {"name": out_dir.resolve().name}),
                     ("db", "write_db", True, {}))
            for module, function, wanted, kwargs in hooks:
                if wanted:
                    hook_started = time.perf_counter()
                    note = _optional_hook(module, function, outputs.staging, **kwargs)
                    stats.wall[module] += time.perf_counter() - hook_started
                    if note:
                        notes.append(note)
            stats.wall["total"] = time.perf_counter() - clock
            run_info = _run_info(inputs, settings, outputs.counts, stats, first_record,
                                 started_at, use_cache, executor)
            run_info["notes"] = notes
            outputs.write_json(export.RUN, run_info)
            written = outputs.commit()
        cache.prune()
    except BaseException:
        executor.close(cancel=True)
        raise
    finally:
        cache.close()
    return RunResult(outputs.counts, out_dir, written, run_info, "; ".join(notes) or None)


def _run_info(inputs, settings, counts, stats, first_record, started_at, use_cache,
              executor: _LazyExecutor) -> dict[str, Any]:
    used = executor.executor
    return {
        "started_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started_at)),
        "inputs": [str(p) for p in inputs],
        "counts": {**dataclasses.asdict(counts), "inputs": counts.documents + counts.failed,
                   "cached": stats.cached, "processed": stats.processed},
        "timings_seconds": {
            "wall": {k: round(v, 4) for k, v in sorted(stats.wall.items())},
            "workers_summed": {k: round(v, 4) for k, v in sorted(stats.workers.items())},
            "first_record": round(first_record, 4) if first_record is not None else None,
        },
        "executor": {
            "kind": type(used).__name__ if used else "none (every document cached)",
            "workers": settings.workers,
            "start_method": getattr(used, "start_method", None),
        },
        "cache": use_cache,
        "versions": versions(settings),
        "settings": settings.model_dump(mode="json"),
    }


# --------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------


def estimate_total(inputs: Iterable[Path]) -> int | None:
    """A cheap count of documents for the progress bar's ETA (ingest has the final say)."""
    total = 0
    try:
        for path in inputs:
            if path.is_dir():
                total += sum(1 for p in path.rglob("*")
                             if p.is_file() and not p.name.startswith("."))
            elif path.suffix.lower() == ".jsonl":
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            elif path.suffix.lower() == ".csv":
                with path.open(encoding="utf-8", errors="replace", newline="") as handle:
                    total += max(sum(1 for _ in csv.reader(handle)) - 1, 0)
            else:
                total += 1
    except (OSError, csv.Error):
        return None
    return total or None


def _progress(console: Console) -> Progress:
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class DocsPerSecond(ProgressColumn):
        def render(self, task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.1f} docs/s" if speed else "– docs/s", style="cyan")

    return Progress(
        TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
        DocsPerSecond(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
        console=console, auto_refresh=False, transient=False,
    )


def _summary(console: Console, result: RunResult) -> None:
    from rich.table import Table

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
    names = [export.RECORDS, *(f"{t}.csv" for t in export.TABLES), export.ERRORS, export.RUN,
             "report/index.html", "communique.db"]
    for name in names:
        path = result.out_dir / name
        if path.exists():
            console.print(f"  {path}")
    if result.report_note:
        console.print(f"[yellow]note[/]: {result.report_note}")


def run_command(
    inputs: Annotated[list[Path], typer.Argument(
        help="Folders of .txt/.md/.html releases, or .jsonl/.csv files.", show_default=False)],
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
    strict: Annotated[bool, typer.Option(
        "--strict", help="Exit non-zero when any input failed.")] = False,
    quiet: Annotated[bool, typer.Option(
        "--quiet", "-q", help="No progress bar or summary.")] = False,
    no_cache: Annotated[bool, typer.Option(
        "--no-cache", help="Neither read nor write the cache in OUT/.cache.")] = False,
    no_report: Annotated[bool, typer.Option(
        "--no-report", help="Do not build report/index.html.")] = False,
) -> None:
    """Extract event records from press releases into OUT (records.jsonl, CSV tables, report)."""
    from rich.console import Console
    from rich.markup import escape

    values = {"model": model, "max_chars": max_chars, "workers": workers}
    settings = Settings(**{k: v for k, v in values.items() if v is not None})
    options = ingest_options(
        text_column=text_column, id_column=id_column, title_column=title_column,
        published_column=published_column, url_column=url_column, **_ingest_settings(settings),
    )
    console = Console()
    err = Console(stderr=True, soft_wrap=True)  # one error, one line: grep-able logs
    show_progress = not quiet and err.is_terminal
    progress = _progress(err) if show_progress else None

    def on_error(error: InputError) -> None:
        where = f"{error.input} [{error.doc_id}]" if error.doc_id else error.input
        hint = f" (hint: {error.hint})" if error.hint else ""
        line = escape(f"{where}: {error.reason}{hint}")  # file names may look like markup
        (progress.console if progress else err).print(
            f"[red]error[/]: {line}", markup=True, highlight=False, soft_wrap=True)

    try:
        if progress is not None:
            progress.start()
        try:
            result = run(inputs, out, settings, options=options, use_cache=not no_cache,
                         report=not no_report, progress=progress, on_error=on_error,
                         progress_total=estimate_total(inputs) if progress else None)
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
    except ImportError as exc:
        err.print(f"[red]error[/]: {exc}")
        raise typer.Exit(2) from None

    if not quiet:
        _summary(console, result)
    if result.counts.failed:
        err.print(f"{result.counts.failed:,} failed (see {out / export.ERRORS})")
    if strict and result.counts.failed:
        raise typer.Exit(1)


if __name__ == "__main__":  # python -m communique.pipeline.runner (without the other commands)
    sys.exit(typer.run(run_command))
