"""Orchestration: cache, ordering and bounded work in flight.

* Inputs are taken in blocks of `CHUNK_SIZE`. In each block the parent
  answers cache hits and ingest errors itself and sends the misses, as one
  chunk, to an `Executor`. At most `8 x workers` chunks are in flight, so
  memory does not grow with the corpus.
* Blocks are drained strictly in input order, so records.jsonl and the
  tables are the same whatever the number of workers.
"""

from __future__ import annotations

import time
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from communique.models import InputError, RawDocument
from communique.pipeline.run.cache import RecordCache
from communique.pipeline.run.executors import LazyExecutor, ResultHandle
from communique.pipeline.run.signals import check_stop
from communique.pipeline.run.work import (
    ChunkResult,
    Outcome,
    error_outcome,
)

CHUNK_SIZE = 16  # documents per unit of work sent to a worker (nlp.pipe batches inside it)
IN_FLIGHT_PER_WORKER = 8  # chunks in flight per worker: a slow chunk at the head of the
# queue (results are written in input order) must not leave the other workers idle


@dataclass
class _Block:
    slots: list[Outcome | None]  # None: waiting for the executor
    keys: list[str]  # cache keys of the misses, in order
    handle: ResultHandle | None
    docs: list[RawDocument] = field(default_factory=list)  # the misses, for a retry


@dataclass
class Stats:
    """Seconds per stage: `wall` in this process, `workers` summed over workers."""

    wall: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    workers: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    cached: int = 0
    processed: int = 0


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
    executor: LazyExecutor,
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
                block.slots.append(_ingest_error(item))
                continue
            if item.doc_id in seen_ids:
                block.slots.append(error_outcome(
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
            block.docs = misses
        window.append(block)
        limit = IN_FLIGHT_PER_WORKER * (executor.executor.workers if executor.executor else 1)
        while window and (window[0].handle is None or len(window) > limit):
            yield from _drain(window.popleft(), cache, stats, executor)
    while window:
        yield from _drain(window.popleft(), cache, stats, executor)


def _ingest_error(error: InputError) -> Outcome:
    """An ingest error's line; one whose text cannot be serialised is cleaned, not lost."""
    try:
        return ("error", error.model_dump_json())
    except Exception:
        raw = RawDocument(doc_id=error.doc_id or "_", source=error.input, text="_")
        return error_outcome(raw, error.reason, error.hint)


def _wait(handle: ResultHandle) -> ChunkResult:
    """The chunk's result, checking for Ctrl-C/SIGTERM while waiting."""
    while True:
        check_stop()
        try:
            return handle.result(timeout=0.2)  # type: ignore[call-arg]
        except TimeoutError:
            continue


WORKER_DIED = "worker died on this document"
WORKER_DIED_HINT = ("the worker process was killed twice on it (out of memory, a crash): "
                    "split the document, or run it alone with --workers 1 to see the error")


def _retried_one_by_one(docs: list[RawDocument], executor: LazyExecutor) -> ChunkResult:
    """A chunk whose worker died: each document again, alone, in a fresh worker.

    The chunk is never the error unit: the documents that were merely in
    flight beside the culprit come back as records; a document that kills
    its worker a second time is the error.
    """
    outcomes: list[Outcome] = []
    timings: dict[str, float] = defaultdict(float)
    for doc in docs:
        try:
            result = _wait(executor.get().submit([doc]))
        except Exception as exc:
            outcomes.append(_death(doc, exc))
            continue
        outcomes.extend(result.outcomes)
        for stage, seconds in result.timings.items():
            timings[stage] += seconds
    return ChunkResult(outcomes=outcomes, timings=dict(timings))


def _death(doc: RawDocument, exc: Exception) -> Outcome:
    """The error of a document whose lone retry failed too.

    process_chunk turns every per-document failure into an outcome, so an
    exception from a handle means the worker itself was lost (BrokenProcessPool
    here, a KilledWorker in Dask): the document killed it twice.
    """
    return error_outcome(doc, WORKER_DIED, WORKER_DIED_HINT)


def _drain(block: _Block, cache: RecordCache, stats: Stats,
           executor: LazyExecutor) -> Iterator[Outcome]:
    if block.handle is not None:
        started = time.perf_counter()
        try:
            result = _wait(block.handle)
        except Exception:  # a worker died (killed, out of memory): retry each document
            result = _retried_one_by_one(block.docs, executor)
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
