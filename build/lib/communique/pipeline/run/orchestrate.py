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
                block.slots.append(("error", item.model_dump_json()))
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
