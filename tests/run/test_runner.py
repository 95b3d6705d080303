"""The run: ordering, workers, cache, failures and interruption.

Ingest is replaced by a stand-in source yielding RawDocuments, so these
tests are about orchestration only; extraction is the real one.
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
from pathlib import Path

import pytest

from communique.models import InputError, RawDocument
from communique.pipeline import rules, run
from communique.pipeline.components import pipeline
from communique.pipeline.run import cache, work
from communique.pipeline.settings import Settings

SENTENCES = [
    "On {d} May the Minister of Foreign Affairs of Peru met the Ambassador of Chile in Lima.",
    "The sides discussed trade, energy and regional security.",
    "Deputy Minister Ana Ruiz held a telephone conversation with her Danish counterpart.",
    "A round of political consultations between the foreign ministries took place in Oslo.",
    "The delegations exchanged views on transport and logistics.",
]

TABLE_FILES = ("records.jsonl", "documents.csv", "events.csv", "participants.csv",
               "topics.csv", "errors.jsonl")


def make_docs(n: int) -> list[RawDocument]:
    docs = []
    for i in range(n):
        order = SENTENCES[i % 5:] + SENTENCES[: i % 5]
        text = " ".join(order).format(d=i % 28 + 1)
        docs.append(RawDocument(doc_id=f"doc-{i:04d}", source=f"in/doc-{i:04d}.txt", text=text,
                                title=f"Release {i}", published="2021-05-30"))
    return docs


def source_of(items):
    def source(inputs, options):
        yield from items
    return source


def go(out: Path, items, workers: int = 1, **kw) -> run.RunResult:
    return run.run([Path("in")], out, Settings(workers=workers), options={},
                      source=source_of(items), **kw)


def outputs(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in TABLE_FILES}


def records(folder: Path) -> list[dict]:
    lines = (folder / "records.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def test_two_workers_write_the_same_bytes_as_one(tmp_path):
    docs = make_docs(60)
    go(tmp_path / "one", docs, workers=1, use_cache=False)
    result = go(tmp_path / "two", docs, workers=2, use_cache=False, chunk_size=4)
    assert result.run_info["executor"]["kind"] == "LocalExecutor"
    assert outputs(tmp_path / "two") == outputs(tmp_path / "one")
    assert [r["doc_id"] for r in records(tmp_path / "two")] == [d.doc_id for d in docs]


def test_two_runs_are_byte_identical(tmp_path):
    docs = make_docs(12)
    go(tmp_path / "a", docs, use_cache=False)
    go(tmp_path / "b", docs, use_cache=False)
    assert outputs(tmp_path / "a") == outputs(tmp_path / "b")


def test_unchanged_rerun_is_all_cached_and_never_loads_the_model(tmp_path, monkeypatch):
    docs = make_docs(20)
    first = go(tmp_path, docs)
    written = outputs(tmp_path)

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded on an all-cached run")

    monkeypatch.setattr(pipeline, "build", no_model)
    monkeypatch.setattr(work, "_LOADED", set())
    again = go(tmp_path, docs)
    assert first.run_info["counts"]["processed"] == 20
    assert (again.run_info["counts"]["cached"], again.run_info["counts"]["processed"]) == (20, 0)
    assert outputs(tmp_path) == written


def test_changed_and_added_documents_are_reprocessed_in_order(tmp_path):
    docs = make_docs(10)
    go(tmp_path, docs[:8])
    changed = [*docs[:3], dataclasses.replace(docs[3], text=docs[3].text + " Talks ended."),
               *docs[4:]]
    result = go(tmp_path, changed)
    assert (result.run_info["counts"]["cached"], result.run_info["counts"]["processed"]) == (7, 3)
    assert [r["doc_id"] for r in records(tmp_path)] == [d.doc_id for d in docs]
    assert records(tmp_path)[3]["text"].endswith("Talks ended.")


def test_changed_rule_data_misses_the_cache(tmp_path, monkeypatch):
    docs = make_docs(5)
    go(tmp_path, docs)
    monkeypatch.setattr(rules, "rules_fingerprint", lambda: "changed-rules")
    result = go(tmp_path, docs)
    assert result.run_info["counts"]["processed"] == 5


def test_changed_model_version_misses_the_cache(tmp_path, monkeypatch):
    docs = make_docs(5)
    go(tmp_path, docs)
    monkeypatch.setattr(cache, "model_version", lambda model: "9.9.9-retrained")
    result = go(tmp_path, docs)
    assert result.run_info["counts"]["processed"] == 5


def test_report_title_names_the_output_folder_not_the_staging_one(tmp_path):
    go(tmp_path / "spring-releases", make_docs(3), report=True)
    page = (tmp_path / "spring-releases" / "report" / "index.html").read_text(encoding="utf-8")
    assert "<title>Communique review: spring-releases</title>" in page
    assert ".staging-" not in page


def test_no_cache_processes_everything_and_stores_nothing(tmp_path):
    result = go(tmp_path, make_docs(3), use_cache=False)
    assert result.run_info["counts"]["processed"] == 3
    assert not (tmp_path / ".cache").exists()


def test_an_extraction_exception_fails_that_document_only(tmp_path, monkeypatch):
    real = work._extract

    def fragile(nlp, doc):
        if doc._.communique.raw.doc_id == "doc-0001":
            raise ValueError("bad date")
        return real(nlp, doc)

    monkeypatch.setattr(work, "_extract", fragile)
    result = go(tmp_path, make_docs(3), use_cache=False)
    errors = [json.loads(x) for x in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert [r["doc_id"] for r in records(tmp_path)] == ["doc-0000", "doc-0002"]
    assert errors == [{"input": "in/doc-0001.txt", "doc_id": "doc-0001",
                       "reason": "extraction failed: ValueError: bad date",
                       "hint": "please report this document as a bug"}]
    assert (result.counts.documents, result.counts.failed) == (2, 1)


def _errors(folder: Path) -> list[dict]:
    return [json.loads(x) for x in (folder / "errors.jsonl").read_text().splitlines()]


@pytest.mark.parametrize(("name", "content", "line"), [
    ("rows.jsonl", '{"id": "a", "text": "Talks in Oslo."}\n\n{"id": "b", "text": "Talks."}\n',
     3),
    ("rows.csv", 'id,text\na,"Talks\nin Oslo."\nb,Talks.\n', 4),
])
def test_a_row_failing_in_a_worker_is_named_by_its_line(tmp_path, monkeypatch, name, content,
                                                        line):
    """The error names the row: its source (as the record would) and the line it starts on."""
    real = work._extract

    def fragile(nlp, doc):
        if doc._.communique.raw.doc_id == "b":
            raise ValueError("bad date")
        return real(nlp, doc)

    monkeypatch.setattr(work, "_extract", fragile)
    (tmp_path / name).write_text(content, encoding="utf-8")
    run.run([tmp_path / name], tmp_path / "out", Settings(workers=1), use_cache=False,
            report=False)
    assert _errors(tmp_path / "out") == [
        {"input": f"{name}:{line}", "doc_id": "b",
         "reason": "extraction failed: ValueError: bad date",
         "hint": "please report this document as a bug"}]


def test_a_row_refused_in_a_pool_worker_is_named_by_its_line(tmp_path):
    docs = make_docs(3)
    row = RawDocument(doc_id="long", source="in/rows.jsonl", text="word " * 30, line=7)
    settings = Settings(workers=2, max_chars=100)
    short = [dataclasses.replace(d, text=d.text[:90]) for d in docs]
    run.run([Path("in")], tmp_path, settings, options={}, use_cache=False, report=False,
            source=source_of([short[0], row, *short[1:]]))
    assert [(e["input"], e["doc_id"]) for e in _errors(tmp_path)] == [("in/rows.jsonl:7",
                                                                       "long")]


def test_the_line_of_a_row_is_not_part_of_its_cache_key():
    doc = make_docs(1)[0]
    assert (cache.document_key(doc, "v") ==
            cache.document_key(dataclasses.replace(doc, line=12), "v"))


@pytest.mark.parametrize(
    ("item", "reason"),
    [
        (InputError(input="logo.png", reason="binary file (PNG image)"),
         "binary file (PNG image)"),
        (RawDocument(doc_id="big", source="big.txt", text="word " * 30),
         "text is 150 characters, over the limit of 100"),
        (RawDocument(doc_id="doc-0000", source="again.txt", text="Talks."),
         "duplicate doc id 'doc-0000' (an earlier input has it)"),
    ],
)
def test_every_input_is_a_record_or_an_error(tmp_path, item, reason):
    docs = make_docs(2)
    settings = Settings(workers=1, max_chars=100)
    short = [dataclasses.replace(d, text=d.text[:90]) for d in docs]
    result = run.run([Path("in")], tmp_path, settings, options={},
                        source=source_of([short[0], item, short[1]]))
    errors = [json.loads(x) for x in (tmp_path / "errors.jsonl").read_text().splitlines()]
    assert [e["reason"] for e in errors] == [reason]
    assert (result.counts.documents, result.counts.failed) == (2, 1)


def _interrupting(items, after: int, how):
    def source(inputs, options):
        for index, item in enumerate(items):
            if index == after:
                how()
            yield item
    return source


def _raise_keyboard_interrupt():
    raise KeyboardInterrupt


def _send_sigterm():
    os.kill(os.getpid(), signal.SIGTERM)


@pytest.mark.parametrize("how", [_raise_keyboard_interrupt, _send_sigterm])
def test_interruption_leaves_the_folder_as_before_and_the_next_run_resumes(tmp_path, how):
    docs = make_docs(40)
    go(tmp_path, docs[:2], use_cache=False)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}

    with pytest.raises((KeyboardInterrupt, run.Interrupted)):
        run.run([Path("in")], tmp_path, Settings(workers=1), options={}, chunk_size=2,
                   source=_interrupting(docs, 30, how))
    after = {p: p.read_bytes() for p in tmp_path.rglob("*")
             if p.is_file() and ".cache" not in p.parts}
    assert after == before
    assert not list(tmp_path.glob(".staging-*"))

    resumed = go(tmp_path, docs)
    assert resumed.run_info["counts"]["cached"] >= 10  # what was finished before the signal
    assert resumed.counts.documents == 40


@pytest.mark.parametrize("doc_id", ["../../escape", "/etc/passwd", "a\x00b", "..", "CON"])
def test_doc_ids_never_reach_the_file_system(tmp_path, doc_id):
    out = tmp_path / "deep" / "out"
    doc = RawDocument(doc_id=doc_id, source="x.txt", text="The sides met in Lima.")
    result = go(out, [doc])
    assert result.counts.documents == 1
    outside = [p for p in tmp_path.rglob("*") if out not in p.parents and p != out]
    assert outside == [tmp_path / "deep"]
    assert records(out)[0]["doc_id"] == doc_id
