"""The per-document work of a run: `process_chunk(docs, settings)`, in a worker or inline.

A pure function of the documents and the settings, which loads the heavy
resources (spaCy model, rule data) once per process. An executor only has
to run it somewhere (executors.py). An exception while extracting one
document becomes that document's InputError; it never ends the run.
Nothing here imports spaCy at module level: extraction is imported when
the first chunk is processed.
"""

from __future__ import annotations

import signal
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


def error_outcome(raw: RawDocument, reason: str, hint: str | None = None) -> Outcome:
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
            outcomes[index] = error_outcome(
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
            outcomes[index] = error_outcome(raw, f"spaCy failed: {type(doc).__name__}: {doc}",
                                     "please report this document as a bug")
            continue
        started = time.perf_counter()
        try:
            record = _extract(nlp, doc)
        except Exception as exc:
            outcomes[index] = error_outcome(raw, f"extraction failed: {type(exc).__name__}: {exc}",
                                     "please report this document as a bug")
            continue
        finally:
            timings["extract"] += time.perf_counter() - started
        started = time.perf_counter()
        outcomes[index] = ("record", record.model_dump_json())
        timings["serialise"] += time.perf_counter() - started
    return ChunkResult(outcomes=[o for o in outcomes if o is not None], timings=dict(timings))
