"""The checks every ingested document passes, whatever its source: id, text, size, language, date.

A file, a JSONL line and a CSV row each become a draft RawDocument; `finish`
turns the draft into the document or the InputError that says why not. Doc
ids are the user's: the id column's value or the file stem exactly as given
(any length, any characters), because users join our tables back to theirs on
it. Only a file name derived from an id is made safe (`file_name_for`). Over
`max_chars` is an error, never a truncation. When two inputs give the same doc
id the first wins and the second is an error.
"""

from __future__ import annotations

import errno
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from communique.models import InputError, RawDocument
from communique.pipeline.ingest.date_order import InputOrder, ambiguity_warning, infer_order
from communique.pipeline.ingest.dateline import (
    MAX_TRIED_LINES,
    find_dateline,
    first_full_date,
    parse_date_expression,
    top_lines,
)
from communique.pipeline.ingest.language import language_problem
from communique.pipeline.ingest.letterhead import release_number_year, year_in_name

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
    date_order: str = "auto"  # auto | DMY | MDY | YMD, for 04/11/2021 (date_order.py)
    follow_symlinks: bool = True
    # filled while reading: input -> {"order", "reason"} (run.json's "date_orders")
    date_orders: dict[str, dict[str, str]] = field(default_factory=dict, compare=False,
                                                   hash=False)


@dataclass
class IngestState:
    """What one ingest run has seen: ids, files and folders already read."""

    options: IngestOptions
    ids: dict[str, str] = field(default_factory=dict)
    files: dict[tuple[int, int], str] = field(default_factory=dict)


def finish(draft: RawDocument, label: str, state: IngestState, meta_date: str | None,
            meta_from: str, filename_date: str | None = None, header_end: int = 0,
            order: InputOrder | None = None) -> RawDocument | InputError:
    """Checks every document passes (id, emptiness, size, language) and its date.
    `order`: the date order of the table the row comes from; a file infers its own."""
    options = state.options
    if order is None:
        order = infer_order(options.date_order, [meta_date, draft.text])
        options.date_orders[label] = order.as_json()
    doc_id = draft.doc_id
    refused = id_problem(doc_id)
    if refused:
        return InputError(input=label, reason=refused,
                          hint="give the document an id of valid Unicode text")
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
    draft.date_order = order.used
    warning = ambiguity_warning(order, [meta_date, draft.text])
    if warning:
        draft.warnings.append(warning)
    _set_published(draft, meta_date, meta_from, filename_date, header_end, order.used)
    return draft


def too_long(label: str, size: str, limit: int, doc_id: str | None = None) -> InputError:
    return InputError(input=label, doc_id=doc_id,
                      reason=f"too long: {size}, limit {limit:,} characters",
                      hint="split the release, or raise the limit (--max-chars); "
                           "texts are never truncated")


def _set_published(draft: RawDocument, meta_date: str | None, meta_from: str,
                   filename_date: str | None, header_end: int, date_order: str) -> None:
    """Metadata first (column/header/html meta), then file name, then dateline; warn on
    conflicts. A dateline with no year takes one from the release (`_lent_year`)."""
    found: list[tuple[str, str]] = []
    if meta_date:
        iso = parse_date_expression(meta_date, date_order)
        if iso:
            found.append((iso, meta_from))
        else:
            draft.warnings.append(f"published value {meta_date!r} is not a date; ignored")
    if filename_date:
        found.append((filename_date, "filename"))
    dateline = find_dateline(draft.text, header_end, date_order)
    if dateline and dateline.iso is None:
        lent = _lent_year(draft, header_end, dateline.end, [iso for iso, _ in found])
        if lent:
            dateline = find_dateline(draft.text, header_end, date_order, lent[0])
            if dateline and dateline.iso and not found:
                draft.warnings.append(f"published {dateline.iso}: the dateline "
                                      f"{dateline.text!r} has no year; {lent[1]}")
    if dateline and dateline.iso:
        found.append((dateline.iso, "inferred" if dateline.year_inferred else "dateline"))
    if not found:
        return
    draft.published, draft.published_from = found[0]
    for iso, origin in found[1:]:
        if iso != draft.published:
            draft.warnings.append(f"published {draft.published} ({draft.published_from}) "
                                  f"differs from {iso} ({origin})")


def _lent_year(draft: RawDocument, header_end: int, dateline_end: int,
               known: list[str]) -> tuple[int, str] | None:
    """(year, where it came from) for a dateline written without one: the date the
    metadata gives, a release number's year, the file name's, else the first full
    date written elsewhere in the release."""
    if known:
        return int(known[0][:4]), "year from the metadata"
    lines = [line for _, line in top_lines(draft.text, header_end)[:MAX_TRIED_LINES]]
    year = release_number_year(lines)
    if year:
        return year, "year from the release number"
    year = year_in_name(PurePosixPath(draft.source).stem)
    if year:
        return year, "year from the file name"
    other = first_full_date(draft.text, dateline_end)
    return (int(other[:4]), "year from a full date in the text") if other else None


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


def id_problem(doc_id: str) -> str | None:
    """Why an id cannot be kept exactly (None: it can). Only an empty id and one holding
    a lone surrogate (a JSON `\\ud800` escape, which no UTF-8 output can store) are."""
    if doc_id == "":
        return "empty doc id"
    if any(unicodedata.category(c) == "Cs" for c in doc_id):
        return "doc id is not valid Unicode (a lone surrogate escape)"
    return None


def file_name_for(doc_id: str, suffix: str = "") -> str:
    """A safe file name for `doc_id` (e.g. a gold record `<name>.json`): no separators,
    control or format characters, leading dots, at most 200 bytes. A name that had
    to change gets a digest of the exact id, so two ids never share a file name;
    the id itself is never changed."""
    text = unicodedata.normalize("NFC", display(doc_id))
    safe = _UNSAFE_ID.sub("_", text)
    safe = "".join("_" if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp", "Cs"} else c
                   for c in safe)
    safe = _LEADING_JUNK.sub("", safe).strip()  # ". ." and "- .." must not leave "." or ".."
    if not safe or safe != doc_id or len(safe.encode("utf-8")) > _MAX_ID_BYTES:
        digest = hashlib.sha1(doc_id.encode("utf-8", "surrogatepass")).hexdigest()[:10]
        safe = safe.encode("utf-8")[:150].decode("utf-8", "ignore").rstrip()
        safe = f"{safe}-{digest}" if safe else digest
    return safe + suffix
