"""The per-document work of a run: `process_chunk(docs, settings)`, in a worker or inline.

A pure function of the documents and the settings, which loads the heavy
resources (spaCy model, rule data) once per process. An executor only has
to run it somewhere (executors.py). An exception while extracting one
document becomes that document's InputError; it never ends the run.
Nothing here imports spaCy at module level: extraction is imported when
the first chunk is processed.
"""

from __future__ import annotations

import os
import re
import signal
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from communique.models import InputError, RawDocument
from communique.pipeline.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from communique.models import DocumentRecord


Outcome = tuple[str, str]  # ("record", record JSON line) or ("error", InputError JSON line)


@dataclass
class ChunkResult:
    """The outcomes of one chunk, in its order, and the seconds each stage took."""

    outcomes: list[Outcome]
    timings: dict[str, float]


_LOADED: set[str] = set()  # settings whose pipeline this process has built
_UNREPORTED_LOAD: list[float] = []  # load time of this process not yet sent back
_WORKER_STOP: Any = None  # multiprocessing.Event set by the parent to stop a pool early
_SURROGATE = re.compile("[\ud800-\udfff]")
BUG_HINT = "please report this document as a bug"


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


PARENT_POLL = 0.5  # seconds between a worker's checks that its parent is still alive


def init_worker(settings_json: str, stop: Any = None) -> None:
    """Pool initializer: watch the parent, then load the model once per worker.

    Ctrl-C is the parent's to handle (it stops the pool); SIGTERM gets back its
    default action, which a forked worker would otherwise inherit from the
    parent's handler and swallow as an extraction error.
    """
    global _WORKER_STOP
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    _WORKER_STOP = stop
    watch_parent(os.getppid())
    _pipeline(Settings.model_validate_json(settings_json))


def watch_parent(parent: int) -> threading.Thread:
    """Exit this worker as soon as its parent is gone (even SIGKILLed).

    Why a thread polling the parent id: a worker blocked on its task queue
    would otherwise wait for good once the parent is killed outright (no
    cleanup runs in a SIGKILLed parent); an orphan is re-parented, so its
    parent id changes. prctl(PDEATHSIG) is Linux-only and tied to the parent
    thread that forked, which the pool does not guarantee.
    """
    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_POLL)
        os._exit(1)

    thread = threading.Thread(target=watch, name="parent-watchdog", daemon=True)
    thread.start()
    return thread


def _clean_text(value: str | None) -> str | None:
    """Lone surrogates (from JSON escapes) as U+FFFD: they cannot be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", value) if value else value


def input_label(raw: RawDocument) -> str:
    """Where the document was read: its file, and for a JSONL/CSV row `file:line`, as
    ingest names the rows it refuses, so a row that fails in a worker can be found."""
    return raw.source if raw.line is None else f"{raw.source}:{raw.line}"


def error_outcome(raw: RawDocument, reason: str, hint: str | None = None) -> Outcome:
    """The error line of one document; never raises, whatever its id or source hold."""
    error = InputError(input=_clean_text(input_label(raw)) or "", doc_id=_clean_text(raw.doc_id),
                       reason=_clean_text(reason) or "", hint=_clean_text(hint))
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

    Whatever fails for one document (its text too long, preparing it,
    spaCy, extraction, serialising its record) becomes that document's
    InputError; the chunk never fails as a whole.
    """
    timings: dict[str, float] = defaultdict(float)
    nlp = _pipeline(settings)
    while _UNREPORTED_LOAD:
        timings["load"] += _UNREPORTED_LOAD.pop()

    outcomes: list[Outcome | None] = [None] * len(docs)
    todo: list[tuple[int, Doc]] = []
    for index, raw in enumerate(docs):
        prepared = _prepared(nlp, raw, settings)
        if isinstance(prepared, tuple):
            outcomes[index] = prepared
        else:
            todo.append((index, prepared))

    started = time.perf_counter()
    processed = _pipe(nlp, [doc for _, doc in todo], settings.batch_size)
    timings["nlp"] += time.perf_counter() - started

    for (index, _), doc in zip(todo, processed, strict=True):
        _check_worker_stop()
        outcomes[index] = _outcome(nlp, docs[index], doc, timings)
    return ChunkResult(outcomes=[o for o in outcomes if o is not None], timings=dict(timings))


def _prepared(nlp: Language, raw: RawDocument, settings: Settings) -> Doc | Outcome:
    """The document's Doc ready for the pipes, or its error outcome."""
    from communique.pipeline.components import make_doc

    if len(raw.text) > settings.max_chars:
        return error_outcome(
            raw, f"text is {len(raw.text):,} characters, over the limit of {settings.max_chars:,}",
            "raise the limit with --max-chars, or split the document")
    try:
        return make_doc(nlp, raw)
    except Exception as exc:
        return error_outcome(raw, f"could not prepare the text: {type(exc).__name__}: {exc}",
                             BUG_HINT)


def _outcome(nlp: Language, raw: RawDocument, doc: Doc | Exception,
             timings: dict[str, float]) -> Outcome:
    """Extract and serialise one processed document; any failure is its error."""
    if isinstance(doc, Exception):
        return error_outcome(raw, f"spaCy failed: {type(doc).__name__}: {doc}", BUG_HINT)
    started = time.perf_counter()
    try:
        record = _extract(nlp, doc)
    except Exception as exc:
        return error_outcome(raw, f"extraction failed: {type(exc).__name__}: {exc}", BUG_HINT)
    finally:
        timings["extract"] += time.perf_counter() - started
    started = time.perf_counter()
    try:
        line = record.model_dump_json()
        line.encode("utf-8")  # what records.jsonl will do with it
    except Exception as exc:
        return error_outcome(raw, f"record could not be written: {type(exc).__name__}: {exc}",
                             BUG_HINT)
    finally:
        timings["serialise"] += time.perf_counter() - started
    return ("record", line)
