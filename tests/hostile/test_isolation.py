"""Per-document isolation: what fails for one document fails it alone, never its chunk.

Extraction is the real one; ingest is replaced by a stand-in source where the
test is about the run, and is the real one where it is about reading a file.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from communique.models import DocumentRecord, InputError, RawDocument
from communique.pipeline import run
from communique.pipeline.ingest import iter_documents
from communique.pipeline.run import orchestrate, work
from communique.pipeline.settings import Settings

TEXT = "On {d} May 2021 the Minister of Foreign Affairs of Peru met the Ambassador of Chile."


def _docs(n: int, marker: dict[int, str] | None = None) -> list[RawDocument]:
    marker = marker or {}
    return [RawDocument(doc_id=f"d{i}", source=f"in/d{i}.txt",
                        text=TEXT.format(d=i + 1) + marker.get(i, "")) for i in range(n)]


def _run(out: Path, items, workers: int = 1, **kw) -> run.RunResult:
    return run.run([Path("in")], out, Settings(workers=workers), options={},
                   source=lambda inputs, options: iter(items), report=False, **kw)


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_jsonl_lone_surrogates_and_a_line_without_text_fail_nothing_else(tmp_path):
    path = tmp_path / "rows.jsonl"
    path.write_text("\n".join([
        '{"id": "no-text", "title": "x"}',
        '{"id": "a\\ud800b", "text": "The ministers met in Oslo."}',
        '{"id": "url", "text": "The ministers met in Lima.", "url": "http://x/\\udc00"}',
        '{"id": "last", "text": "The ministers met in Rome."}',
    ]) + "\n", encoding="utf-8")
    items = list(iter_documents([path]))
    assert [(type(i).__name__, i.doc_id) for i in items] == [
        ("InputError", None), ("InputError", None), ("RawDocument", "url"),
        ("RawDocument", "last")]
    assert items[0].input == f"{path}:1"
    assert items[0].reason == "no text in column 'text'"
    assert items[1].reason == "doc id is not valid Unicode (a lone surrogate escape)"
    assert items[2].url == "http://x/\ufffd"
    assert "1 invalid character(s) (lone surrogates) replaced by U+FFFD" in items[2].warnings


def test_a_record_that_cannot_be_serialised_fails_its_document_only():
    docs = _docs(3)
    docs[1] = RawDocument(doc_id="d1", source="in/d1.txt", text=docs[1].text,
                          url="http://x/\udc00")
    result = work.process_chunk(docs, Settings(workers=1))
    assert [kind for kind, _ in result.outcomes] == ["record", "error", "record"]
    error = InputError.model_validate_json(result.outcomes[1][1])
    assert (error.doc_id, error.input) == ("d1", "in/d1.txt")
    assert error.reason.startswith("record could not be written: ")


def test_a_document_that_cannot_be_prepared_fails_alone(monkeypatch):
    from communique.pipeline import components

    make_doc = components.make_doc

    def broken(nlp, raw):
        if raw.doc_id == "d0":
            raise ValueError("bad text")
        return make_doc(nlp, raw)

    monkeypatch.setattr(components, "make_doc", broken)
    result = work.process_chunk(_docs(2), Settings(workers=1))
    assert [kind for kind, _ in result.outcomes] == ["error", "record"]
    assert json.loads(result.outcomes[0][1])["reason"] == (
        "could not prepare the text: ValueError: bad text")


def _killing_extract(real, flag: Path):
    """An extraction that SIGKILLs its worker on "KILL" always, on "ONCE" the first time."""
    def extract(nlp, doc):
        text = doc.text
        if "KILL" in text or ("ONCE" in text and not flag.exists()):
            flag.touch()
            os.kill(os.getpid(), signal.SIGKILL)
        return real(nlp, doc)
    return extract


def test_a_worker_killed_on_a_document_fails_only_that_document(tmp_path, monkeypatch):
    monkeypatch.setattr(work, "_extract", _killing_extract(work._extract, tmp_path / "flag"))
    docs = _docs(10, {3: " KILL", 6: " ONCE"})
    result = _run(tmp_path / "out", docs, workers=2, start_method="fork", chunk_size=4)
    errors = _lines(tmp_path / "out" / "errors.jsonl")
    assert [(e["doc_id"], e["input"], e["reason"]) for e in errors] == [
        ("d3", "in/d3.txt", orchestrate.WORKER_DIED)]
    assert [r["doc_id"] for r in _lines(tmp_path / "out" / "records.jsonl")] == [
        f"d{i}" for i in range(10) if i != 3]
    assert (result.counts.documents, result.counts.failed) == (9, 1)


WATCHED = textwrap.dedent("""
    import sys, time
    from communique.models import RawDocument
    from communique.pipeline.run.executors import LocalExecutor
    from communique.pipeline.settings import Settings
    executor = LocalExecutor(Settings(workers=2), 2, "fork")
    doc = RawDocument(doc_id="a", source="a.txt", text="The ministers met in Lima.")
    handles = [executor.submit([doc]) for _ in range(4)]
    [h.result() for h in handles]
    print(" ".join(str(pid) for pid in executor._pool._processes), flush=True)
    time.sleep(600)
""")


def _gone(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except FileNotFoundError:
        return True
    return state in {"Z", "X"}


def test_workers_die_with_their_parent_even_on_sigkill():
    parent = subprocess.Popen([sys.executable, "-c", WATCHED], stdout=subprocess.PIPE,
                              text=True)
    pids = [int(p) for p in parent.stdout.readline().split()]
    assert len(pids) == 2 and not any(_gone(pid) for pid in pids)
    parent.kill()
    parent.wait()
    deadline = time.monotonic() + 30  # a bound on waiting, not a speed goal
    while not all(_gone(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert [pid for pid in pids if not _gone(pid)] == []


def test_zero_width_and_bidi_characters_are_nothing_to_matching_but_spans_keep_them():
    plain = "On 3 May 2021 Foreign Minister Sergei Lavrov met the Ambassador of Chile in Lima."
    hidden = ("On 3 May 2021 Foreign Minister Ser\u200bgei \u2067Lav\u200drov\u2069 met "
              "the Ambassador of Chile in Lima.")
    docs = [RawDocument(doc_id=str(i), source="x.txt", text=t)
            for i, t in enumerate((plain, hidden))]
    plain_record, hidden_record = (json.loads(line) for _, line in
                                   work.process_chunk(docs, Settings(workers=1)).outcomes)

    def people(record):
        return [(p["name"], p["span"]["start"], p["span"]["text"])
                for e in record["events"] for p in e["participants"] if p["name"]]

    assert people(plain_record) == [("Sergei Lavrov", 31, "Sergei Lavrov")]
    assert people(hidden_record) == [("Sergei Lavrov", 31,
                                      "Ser\u200bgei \u2067Lav\u200drov")]
    assert hidden_record["events"][0]["date"] == plain_record["events"][0]["date"]
    assert DocumentRecord.model_validate(hidden_record).bad_spans() == []


def test_a_zero_width_space_between_words_still_separates_them():
    from communique.pipeline.components import nlp_text

    assert nlp_text("Spain\u200bJosé Ser\u200bgei of \u200bPeru") == "Spain José Sergei of Peru"
