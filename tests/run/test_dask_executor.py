"""The Dask executor: same bytes as a local run, a killed worker, a poison document, Ctrl-C.

One LocalCluster(n_workers=2, processes=True) for the module; each run gets its
own Client on it (the executor closes its client, never a cluster it does not own).
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import time
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from communique.models import RawDocument  # noqa: E402
from communique.pipeline import run  # noqa: E402
from communique.pipeline.run import dask_executor  # noqa: E402
from communique.pipeline.run.runner import default_source  # noqa: E402
from communique.pipeline.settings import Settings  # noqa: E402
from tests.run.dask_tasks import MARKER, killing_chunk  # noqa: E402
from tests.run.test_runner import make_docs, outputs, records  # noqa: E402

RELEASES = Path(__file__).resolve().parents[2] / "corpus" / "releases"
SETTINGS = Settings(workers=2)


@pytest.fixture(scope="module")
def cluster():
    with dask_executor.local_cluster(2, silence_logs=50) as local:
        yield local


def on(cluster, executor_class=dask_executor.DaskExecutor):
    return lambda: executor_class(SETTINGS, distributed.Client(cluster))


def worker_pids(cluster) -> set[int]:
    with distributed.Client(cluster) as client:
        client.wait_for_workers(2, timeout=120)
        return set(client.run(os.getpid).values())


def local_run(out: Path, **kw) -> run.RunResult:
    return run.run([RELEASES], out, Settings(workers=1), use_cache=False, report=False, **kw)


@pytest.fixture(scope="module")
def local_outputs(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("local")
    local_run(out)
    return outputs(out)


def test_dask_run_of_the_sample_corpus_is_byte_identical_to_a_local_run(
        cluster, local_outputs, tmp_path):
    result = run.run([RELEASES], tmp_path, SETTINGS, use_cache=False, report=False,
                     executor_factory=on(cluster))
    assert result.run_info["executor"]["kind"] == "DaskExecutor"
    assert result.run_info["counts"]["processed"] == 72  # corpus/releases
    assert outputs(tmp_path) == local_outputs


def test_a_worker_killed_mid_run_changes_no_byte(cluster, local_outputs, tmp_path):
    before = worker_pids(cluster)
    victim = min(before)

    def source(inputs, options):
        for number, item in enumerate(default_source(inputs, options), 1):
            if number == 40:  # two chunks are out by now, one of them on the victim
                os.kill(victim, signal.SIGKILL)
            yield item

    result = run.run([RELEASES], tmp_path, SETTINGS, use_cache=False, report=False,
                     executor_factory=on(cluster), source=source)
    assert result.counts.failed == 0
    assert outputs(tmp_path) == local_outputs
    assert victim not in worker_pids(cluster)  # the nanny started a new worker


class KillingExecutor(dask_executor.DaskExecutor):
    task = staticmethod(killing_chunk)


def test_a_document_that_kills_its_worker_twice_is_an_error_line(cluster, tmp_path):
    docs = make_docs(8)
    poison = RawDocument(doc_id="poison", source="in/poison.txt",
                         text=f"The Minister met the Ambassador in Oslo. {MARKER}")
    items = [*docs[:3], poison, *docs[3:]]
    result = run.run([Path("in")], tmp_path / "dask", SETTINGS, options={}, use_cache=False,
                     report=False, chunk_size=4, executor_factory=on(cluster, KillingExecutor),
                     source=lambda inputs, options: iter(items))
    run.run([Path("in")], tmp_path / "local", Settings(workers=1), options={},
            use_cache=False, report=False, source=lambda inputs, options: iter(docs))
    errors = [json.loads(line) for line in
              (tmp_path / "dask" / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert (result.counts.documents, result.counts.failed) == (8, 1)
    assert [(e["doc_id"], e["input"]) for e in errors] == [("poison", "in/poison.txt")]
    assert errors[0]["reason"] == ("the worker processing this document died each time it "
                                   "was tried (KilledWorker)")
    assert [r["doc_id"] for r in records(tmp_path / "dask")] == [d.doc_id for d in docs]
    assert ((tmp_path / "dask" / "records.jsonl").read_bytes()
            == (tmp_path / "local" / "records.jsonl").read_bytes())


def test_errors_of_rows_in_dask_workers_name_the_row_line(cluster, tmp_path):
    """A row refused by the worker (over --max-chars) and a row that kills its worker twice:
    both errors say file:line, as ingest's own errors of a row do."""
    short = [dataclasses.replace(d, text=d.text[:90]) for d in make_docs(4)]
    long = RawDocument(doc_id="long", source="in/rows.jsonl", text="word " * 30, line=3)
    poison = RawDocument(doc_id="poison", source="in/rows.jsonl", line=5,
                         text=f"The Minister met the Ambassador in Oslo. {MARKER}")
    items = [short[0], long, short[1], poison, *short[2:]]
    settings = Settings(workers=2, max_chars=100)
    run.run([Path("in")], tmp_path, settings, options={}, use_cache=False, report=False,
            chunk_size=2, source=lambda inputs, options: iter(items),
            executor_factory=lambda: KillingExecutor(settings, distributed.Client(cluster)))
    errors = [json.loads(line) for line in
              (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["doc_id"], e["input"]) for e in errors] == [("long", "in/rows.jsonl:3"),
                                                           ("poison", "in/rows.jsonl:5")]


def test_interrupt_cancels_the_futures_and_leaves_the_folder_as_it_was(cluster, tmp_path):
    (tmp_path / "records.jsonl").write_text("earlier run\n", encoding="utf-8")

    def source(inputs, options):
        yield from make_docs(40)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run.run([Path("in")], tmp_path, SETTINGS, options={}, use_cache=False, report=False,
                chunk_size=4, executor_factory=on(cluster), source=source)
    assert (tmp_path / "records.jsonl").read_text(encoding="utf-8") == "earlier run\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records.jsonl"]
    deadline = time.monotonic() + 30
    while cluster.scheduler.tasks and time.monotonic() < deadline:
        time.sleep(0.1)  # the scheduler forgets cancelled tasks asynchronously
    assert len(cluster.scheduler.tasks) == 0


def test_only_json_strings_cross_to_the_worker():
    doc = RawDocument(doc_id="a", source="in/a.txt", text="Talks in Oslo \udc80.",
                      warnings=["w"], line=4)
    line = dask_executor.document_json(doc)
    assert isinstance(line, str)
    assert RawDocument(**json.loads(line)) == doc

