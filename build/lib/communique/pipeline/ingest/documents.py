"""The checks every ingested document passes, whatever its source: id, text, size, language, date.

A file, a JSONL line and a CSV row each become a draft RawDocument; `finish`
turns the draft into the document or the InputError that says why not. Doc
ids from file names or id columns are made safe (no path separators, `..`,
control characters, leading dots or over-long names) with a warning on the
document rather than refused: a release should not be lost to an odd id, and
the warning keeps the original. Over `max_chars` is an error, never a
truncation. When two inputs give the same doc id the first wins and the
second is an error.
"""

from __future__ import annotations

import errno
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field

from communique.models import InputError, RawDocument
from communique.pipeline.ingest.dateline import (
    find_dateline,
    parse_date_expression,
)
from communique.pipeline.ingest.language import language_problem

_UNSAFE_ID = re.compile(r'[/\\:*?"<>|\x00-\x1f\x7f]')
_MAX_ID_BYTES = 200
_LEADING_JUNK = re.compile(r"^[\s.-]+")


@dataclass(frozen=True)
class IngestOptions:
    """How to read inputs; JSONL/CSV column names are matched exactly, then ignoring case."""

    id_column: str = "id"
    title_column: str = "title"
    published_column: str = "published"
    url_column: str = "url"
    text_column: str = "text"
    max_chars: int = 1_000_000
    check_language: bool = True
    language: str = "en"
    date_order: str = "MDY"  # for slashed dates in datelines: 03/04/2022
    follow_symlinks: bool = True


@dataclass
class IngestState:
    """What one ingest run has seen: ids, files and folders already read."""

    options: IngestOptions
    ids: dict[str, str] = field(default_factory=dict)
    files: dict[tuple[int, int], str] = field(default_factory=dict)


def finish(draft: RawDocument, label: str, state: IngestState, meta_date: str | None,
            meta_from: str, filename_date: str | None = None, header_end: int = 0,
            ) -> RawDocument | InputError:
    """Checks every document passes (id, emptiness, size, language) and its date."""
    options = state.options
    doc_id, changed = safe_id(draft.doc_id)
    if not doc_id:
        return InputError(input=label, reason="empty doc id after removing unsafe characters",
                          hint="give the document an id of letters and digits")
    if changed:
        draft.warnings.append(f"doc id {display(draft.doc_id)!r} made safe as {doc_id!r}")
    draft.doc_id = doc_id
    if not draft.text.strip():
        return InputError(input=label, doc_id=doc_id, reason="empty text" if not draft.text
                          else "no text (only whitespace)", hint="remove the empty input")
    if len(draft.text) > options.max_chars:
        return too_long(label, f"{len(draft.text):,} characters", options.max_chars, doc_id)
    if options.check_language:
        refused = language_problem(draft.text, options.language, draft.warnings)
        if refused:
            return InputError(input=label, doc_id=doc_id, reason=refused,
                              hint=f"only {options.language} releases are extracted; "
                                   "translate it or leave it out")
    if doc_id in state.ids:
        return InputError(input=label, doc_id=doc_id,
                          reason=f"duplicate doc id '{doc_id}' (first used by "
                                 f"{state.ids[doc_id]})",
                          hint="doc ids must be unique across inputs: rename the file or fix "
                               "the id; the first one was kept")
    state.ids[doc_id] = label
    _set_published(draft, meta_date, meta_from, filename_date, header_end, options)
    return draft


def too_long(label: str, size: str, limit: int, doc_id: str | None = None) -> InputError:
    return InputError(input=label, doc_id=doc_id,
                      reason=f"too long: {size}, limit {limit:,} characters",
                      hint="split the release, or raise the limit (--max-chars); "
                           "texts are never truncated")


def _set_published(draft: RawDocument, meta_date: str | None, meta_from: str,
                   filename_date: str | None, header_end: int, options: IngestOptions) -> None:
    """Metadata first (column/header), then file name, then dateline; warn on conflicts."""
    found: list[tuple[str, str]] = []
    if meta_date:
        iso = parse_date_expression(meta_date, options.date_order)
        if iso:
            found.append((iso, meta_from))
        else:
            draft.warnings.append(f"published value {meta_date!r} is not a date; ignored")
    if filename_date:
        found.append((filename_date, "filename"))
    dateline = find_dateline(draft.text, header_end, options.date_order)
    if dateline:
        found.append((dateline.iso, "dateline"))
    if not found:
        return
    draft.published, draft.published_from = found[0]
    for iso, origin in found[1:]:
        if iso != draft.published:
            draft.warnings.append(f"published {draft.published} ({draft.published_from}) "
                                  f"differs from {iso} ({origin})")


def os_error(label: str, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP:
        return InputError(input=label, reason="symlink loop", hint="remove or fix the link")
    if isinstance(exc, PermissionError):
        return InputError(input=label, reason="cannot read: permission denied",
                          hint="check the file's permissions")
    return InputError(input=label, reason=f"cannot read: {exc.strerror or exc}",
                      hint="check the path and the disk")


def display(name: str) -> str:
    """A path or name as printable text (undecodable file-name bytes become U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def safe_id(raw: str) -> tuple[str, bool]:
    """(safe id, changed?): no separators, control or format characters, leading dots."""
    text = unicodedata.normalize("NFC", display(raw))
    safe = _UNSAFE_ID.sub("_", text)
    safe = "".join("_" if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp", "Cs"} else c
                   for c in safe)
    safe = _LEADING_JUNK.sub("", safe).strip()  # ". ." and "- .." must not leave "." or ".."
    if len(safe.encode("utf-8")) > _MAX_ID_BYTES:
        digest = hashlib.sha1(safe.encode("utf-8")).hexdigest()[:10]
        safe = safe.encode("utf-8")[:150].decode("utf-8", "ignore") + "-" + digest
    return safe, safe != raw
