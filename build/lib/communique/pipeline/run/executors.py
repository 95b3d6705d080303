"""Executors: where `process_chunk` runs. Inline (`--workers 1`) or a local process pool.

An `Executor` only has to run `process_chunk` and hand back a handle with
`.result()`; a Dask executor would be `client.submit(process_chunk, docs,
settings)` behind the same two methods, with no change to any stage.

Start method: `LocalExecutor` uses `fork` where the platform has it (Linux).
Workers then start in milliseconds with communique already imported, and
each loads the model once in its initializer (the parent never loads it).
Fork is only safe when the parent has no other threads at that moment, so
the pool is created on the first cache miss (`LazyExecutor`), and the
progress bar refreshes from the main loop rather than from a thread. Where
there is no fork (macOS, Windows), `spawn` is used: same results, slower
start-up.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any, Protocol

from communique.models import RawDocument
from communique.pipeline.run.work import (
    ChunkResult,
    init_worker,
    process_chunk,
)
from communique.pipeline.settings import Settings

STOP_GRACE = 10.0  # seconds workers get to stop between documents when a run is interrupted


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


class LazyExecutor:
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
