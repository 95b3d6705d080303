"""The Python API behind `import communique`: one way in for notebooks and scripts.

Why no extraction code here: every document goes through the runner's own path
(`run.orchestrate.process_documents` -> `run.work.process_chunk`, the same ingest
checks, the same executors), so a record from `extract_many` is the record
`communique run` writes for the same input, byte for byte. This module only
turns Python values into `RawDocument`s on the way in and JSON lines back into
pydantic records on the way out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from communique.models import DocumentRecord, InputError, RawDocument
from communique.pipeline.ingest import IngestOptions, iter_documents
from communique.pipeline.ingest.date_order import infer_order
from communique.pipeline.ingest.documents import IngestState
from communique.pipeline.ingest.rows import row_document
from communique.pipeline.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

Item = str | Mapping[str, Any] | RawDocument | os.PathLike
"""What `extract_many` takes: a text, a row (`id`, `title`, `published`, `url`,
`text`), a RawDocument, or a path to a release file, a JSONL/CSV file or a folder."""

SOURCE = "python"  # the `source` of a record made from a text or a row


class ExtractionError(InputError):
    """An input of `extract_many` that gave no record: the same fields as a line of
    errors.jsonl (`input`, `doc_id`, `reason`, `hint`).

    >>> ExtractionError(input="python:1", reason="empty text").reason
    'empty text'
    """


def _settings(overrides: Mapping[str, Any]) -> Settings:
    return Settings(**overrides)


def _options(settings: Settings) -> IngestOptions:
    """The ingest options `communique run` uses for these settings."""
    return IngestOptions(max_chars=settings.max_chars, date_order=settings.date_order,
                         language=settings.language)


def load(**settings: Any) -> Language:
    """The whole Communique pipeline as a spaCy `Language` (built once per process).

    Keyword arguments are the run settings (`communique.pipeline.settings.Settings`:
    `model`, `date_order`, ...). The statistical pipes come first, then the
    `communique_*` components; each Doc's record is `doc._.record`.

    >>> nlp = load()
    >>> [name for name in nlp.pipe_names if name.startswith("communique_")][-1]
    'communique_record'
    """
    from communique.pipeline.components import build

    return build(_settings(settings))


def extract(text: str, *, doc_id: str | None = None, title: str | None = None,
            published: str | None = None, url: str | None = None,
            **settings: Any) -> DocumentRecord:
    """The record of one release given as text (raises ValueError when it gives none).

    `published` (`YYYY-MM-DD`) resolves relative dates; without it the text's
    dateline is read, as `communique run` does. A `title` is put before the
    text with a blank line, as for a JSONL/CSV row.

    >>> record = extract("On 13 March 2019, the Minister of Foreign Affairs of "
    ...                  "Turkmenistan R. Meredov met with the Ambassador of Japan K. Sato.")
    >>> [(e.type, e.date.start) for e in record.events]
    [('meeting', '2019-03-13')]
    """
    row = {"id": doc_id, "title": title, "published": published, "url": url, "text": text}
    (outcome,) = extract_many([row], **settings)
    if isinstance(outcome, ExtractionError):
        raise ValueError(f"{outcome.reason} ({outcome.hint})" if outcome.hint
                         else outcome.reason)
    return outcome


def extract_many(items: Iterable[Item], *, n_process: int = 1, batch_size: int = 16,
                 **settings: Any) -> Iterator[DocumentRecord | ExtractionError]:
    """Records of `items`, streamed in input order; a bad item yields an ExtractionError
    and the stream goes on.

    An item is a text, a mapping with the JSONL/CSV columns (`id`, `title`,
    `published`, `url`, `text`), a RawDocument, or a path (a release file, a
    JSONL/CSV file or a folder: all of its releases, as `communique run` reads
    them). Texts and rows without an id get `text-<n>` (n counts items from 1).
    `n_process` worker processes share the work; `batch_size` documents go to
    a worker at a time. Doc ids must be unique across the stream.

    >>> outcomes = list(extract_many(["", "On 2 May 2021 the Minister of Foreign "
    ...                               "Affairs of Kenya met the Ambassador of Japan."]))
    >>> [type(o).__name__ for o in outcomes]
    ['ExtractionError', 'DocumentRecord']
    >>> outcomes[0].reason
    'empty text'
    """
    from communique.pipeline.run.cache import RecordCache, pipeline_version
    from communique.pipeline.run.executors import LazyExecutor, make_executor
    from communique.pipeline.run.orchestrate import Stats, process_documents

    config = _settings({**settings, "workers": n_process})
    cache = RecordCache(Path("."), pipeline_version(config), enabled=False)
    executor = LazyExecutor(lambda: make_executor(config))
    documents = _documents(items, _options(config))
    try:
        for kind, line in process_documents(documents, executor, cache, Stats(), batch_size):
            if kind == "record":
                yield DocumentRecord.model_validate_json(line)
            else:
                yield ExtractionError.model_validate_json(line)
        executor.close()
    except BaseException:
        executor.close(cancel=True)
        raise


def _documents(items: Iterable[Item], options: IngestOptions,
               ) -> Iterator[RawDocument | InputError]:
    """Each item as the RawDocument (or InputError) ingest makes of it."""
    state = IngestState(options)
    for number, item in enumerate(items, start=1):
        if isinstance(item, RawDocument):
            yield item
        elif isinstance(item, os.PathLike):
            yield from iter_documents([Path(item)], options)
        elif isinstance(item, str):
            yield _row(state, {"text": item}, number)
        elif isinstance(item, Mapping):
            yield _row(state, item, number)
        else:
            yield InputError(input=f"{SOURCE}:{number}",
                             reason=f"cannot extract from a {type(item).__name__}",
                             hint="give a text, a mapping with a 'text' key, a "
                                  "RawDocument or a path")


def _row(state: IngestState, row: Mapping[str, Any], number: int) -> RawDocument | InputError:
    """A text or row through ingest's row checks (size, language, dateline, ids)."""
    given = {key: value for key, value in row.items() if value is not None}
    if not any(str(key).strip().casefold() == "id" for key in given):  # rows match "ID" too
        given["id"] = f"text-{number}"
    published = given.get("published")
    order = infer_order(state.options.date_order, [str(published) if published else None])
    return row_document(given, f"{SOURCE}:{number}", SOURCE, "text", number, state, order)
