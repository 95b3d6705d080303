"""The Dask executor: `process_chunk` on a Dask distributed cluster, behind the executor seam.

`--executor dask --scheduler tcp://HOST:PORT` uses a running cluster;
`--executor dask-local --workers N` starts a `distributed.LocalCluster` of N
single-threaded worker processes on this machine. Either way the run around
it is unchanged: orchestrate.py answers cache hits, keeps at most
`IN_FLIGHT_PER_WORKER x workers` chunks in flight (the back-pressure: memory
stays flat on any corpus size) and writes outcomes in input order; the
cache and the staging folder are the same as in a local run, so the outputs
are byte-identical.

Why it is built this way:

* Only JSON crosses processes: a chunk goes out as RawDocument JSON lines
  and the settings' JSON, and comes back as the record / error JSON lines
  (the exact lines a local run writes) and the stage timings. Never a spaCy
  Doc, never a pickled model.
* The model and rule data load once per worker process: `LoadPipeline`, a
  Dask WorkerPlugin, builds the pipeline when a worker joins (and again in
  a worker the nanny restarts), through work.py's per-process cache, which
  `process_chunk` then reuses. spaCy runs without `n_process` in a worker;
  a lock keeps a worker started with several threads to one chunk at a time.
* A worker that dies mid-chunk: the scheduler moves the task to another
  worker (Dask's own rescheduling). A task that was on a dying worker more
  than `allowed-failures` times raises KilledWorker; the chunk's documents
  are then submitted alone, one after the other, so a document that kills
  its worker twice becomes that document's error line and its neighbours
  still get their records. `dask-local` sets allowed-failures to 1 (one
  retry) and worker-saturation to 1.0 (no chunk queued on a worker behind
  another); on your own cluster set them on the scheduler (README "Running
  on a cluster").
* Ctrl-C / SIGTERM: orchestrate.py stops waiting, the runner calls
  `close(cancel=True)`, which cancels every future still out; the output
  folder is left as a local run leaves it.

Nothing imports dask at module level of the run package: this module is
imported only when a Dask executor is asked for.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import signal
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from communique.models import InputError, RawDocument
from communique.pipeline.run.work import ChunkResult, Outcome, input_label, process_chunk
from communique.pipeline.settings import Settings

try:
    import dask
    from distributed import Client, Future, KilledWorker, LocalCluster, WorkerPlugin, wait
except ImportError as exc:  # pragma: no cover - depends on the installed extras
    raise ImportError(
        "the Dask executors need dask and distributed: pip install 'communique[dask]'"
    ) from exc

ALLOWED_FAILURES = 1  # dask-local: a task may be on one dying worker and be retried once
WORKER_SATURATION = 1.0  # dask-local: one task per worker thread, the others wait on the
# scheduler, so a dying worker takes no queued chunk down with it
CONNECT_TIMEOUT = 30  # seconds to reach --scheduler before the run gives up
TASK_RETRIES = 1  # Dask retries of a chunk whose task raised (not a dead worker)
_CHUNK_LOCK = threading.Lock()  # one chunk at a time per worker process (one nlp object)


class LoadPipeline(WorkerPlugin):
    """Builds the spaCy pipeline and rule data once per worker process, when it starts."""

    name = "communique-pipeline"

    def __init__(self, settings_json: str, ignore_sigint: bool = False) -> None:
        self.settings_json = settings_json
        self.ignore_sigint = ignore_sigint

    def setup(self, worker: Any) -> None:
        """Load the pipeline; a LocalCluster's worker also leaves Ctrl-C to the driver.

        The terminal sends Ctrl-C to the whole process group, the local workers
        included; the driver cancels their tasks and closes them, as a local
        pool's workers are closed by their parent.
        """
        if self.ignore_sigint:
            with contextlib.suppress(ValueError):  # not the worker's main thread
                signal.signal(signal.SIGINT, signal.SIG_IGN)
        process_chunk([], Settings.model_validate_json(self.settings_json))  # builds it


def document_json(doc: RawDocument) -> str:
    """A RawDocument as one JSON string (ASCII, so any text, lone surrogates too, round-trips)."""
    return json.dumps(dataclasses.asdict(doc))


def run_chunk(docs_json: list[str], settings_json: str) -> dict[str, Any]:
    """The task on a worker: JSON documents in, JSON-able outcomes and timings out."""
    docs = [RawDocument(**json.loads(line)) for line in docs_json]
    settings = Settings.model_validate_json(settings_json)
    with _CHUNK_LOCK:
        result = process_chunk(docs, settings)
    return {"outcomes": [list(outcome) for outcome in result.outcomes],
            "timings": result.timings}


def _chunk_result(payload: dict[str, Any]) -> ChunkResult:
    outcomes: list[Outcome] = [(kind, line) for kind, line in payload["outcomes"]]
    return ChunkResult(outcomes=outcomes, timings=dict(payload["timings"]))


def killed_outcome(raw: RawDocument, exc: BaseException) -> Outcome:
    """The error line of a document whose worker died each time it was tried."""
    error = InputError(
        input=input_label(raw), doc_id=raw.doc_id,
        reason=f"the worker processing this document died each time it was tried "
               f"({type(exc).__name__})",
        hint="it may need more memory than a worker has; run it alone with --workers 1 "
             "to see the error",
    )
    return ("error", error.model_dump_json())


class DaskHandle:
    """One chunk's future; when a worker died on it, its documents are retried one by one.

    One by one, each after the previous one is back: a document that kills
    its worker then takes no neighbour down with it, so only that document
    becomes an error line. This only happens to a chunk that met a dead worker.
    """

    def __init__(self, executor: DaskExecutor, docs: list[RawDocument]) -> None:
        self._executor = executor
        self._docs = docs
        self._future = executor.submit_task(docs)
        self._alone: int | None = None  # index of the document running alone, once split
        self._outcomes: list[Outcome] = []
        self._timings: dict[str, float] = defaultdict(float)

    def result(self, timeout: float | None = None) -> ChunkResult:
        """The chunk's outcomes; TimeoutError while they are not ready (as a local future)."""
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(deadline - time.monotonic(), 0.0)
            wait([self._future], timeout=left)
            finished = self._settle()
            if finished is not None:
                return finished

    def _settle(self) -> ChunkResult | None:
        """Take the finished future's outcomes; None while documents are still to run alone."""
        if self._alone is None:
            try:
                return _chunk_result(self._future.result())
            except KilledWorker as exc:
                if len(self._docs) == 1:
                    return ChunkResult(outcomes=[killed_outcome(self._docs[0], exc)], timings={})
                self._alone = 0
                self._future = self._executor.submit_task([self._docs[0]])
                return None
        try:
            part = _chunk_result(self._future.result())
            self._outcomes.extend(part.outcomes)
            for stage, seconds in part.timings.items():
                self._timings[stage] += seconds
        except KilledWorker as exc:
            self._outcomes.append(killed_outcome(self._docs[self._alone], exc))
        self._alone += 1
        if self._alone == len(self._docs):
            return ChunkResult(outcomes=self._outcomes, timings=dict(self._timings))
        self._future = self._executor.submit_task([self._docs[self._alone]])
        return None


class DaskExecutor:
    """Submits chunks to a Dask cluster (a running one, or a LocalCluster it owns)."""

    start_method = "dask"
    task: Callable[[list[str], str], dict[str, Any]] = staticmethod(run_chunk)

    def __init__(self, settings: Settings, client: Client,
                 cluster: LocalCluster | None = None) -> None:
        self.settings = settings
        self.client = client
        self.cluster = cluster
        self._settings_json = settings.model_dump_json()
        self._futures: list[Future] = []
        client.register_plugin(LoadPipeline(self._settings_json, ignore_sigint=cluster is not None))
        self.workers = max(sum(client.nthreads().values()), 1)
        self.scheduler = client.scheduler.address

    def submit(self, docs: list[RawDocument]) -> DaskHandle:
        return DaskHandle(self, docs)

    def submit_task(self, docs: list[RawDocument]) -> Future:
        """One `run_chunk` task; only JSON strings go to the worker."""
        self._futures = [f for f in self._futures if not f.done()]
        future = self.client.submit(
            self.task, [document_json(doc) for doc in docs], self._settings_json,
            pure=False, retries=TASK_RETRIES,
        )
        self._futures.append(future)
        return future

    def close(self, cancel: bool = False) -> None:
        """Cancel what is still out (with `cancel`), then let go of the client and cluster."""
        if cancel and self._futures:
            self.client.cancel(self._futures, force=True)
        self._futures = []
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


def connect(settings: Settings, scheduler: str) -> DaskExecutor:
    """`--executor dask --scheduler tcp://HOST:PORT`: a running cluster."""
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT)
    except OSError as exc:
        raise ConnectionError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
    return DaskExecutor(settings, client)


def local_cluster(workers: int, **options: Any) -> LocalCluster:
    """A LocalCluster of `workers` single-threaded processes, quiet, without a dashboard."""
    with dask.config.set({"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
                          "distributed.scheduler.worker-saturation": WORKER_SATURATION}):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                            dashboard_address=None, **options)


def start_local(settings: Settings) -> DaskExecutor:
    """`--executor dask-local --workers N`: a LocalCluster this run owns and closes."""
    cluster = local_cluster(settings.workers, silence_logs=40)
    return DaskExecutor(settings, Client(cluster), cluster)
