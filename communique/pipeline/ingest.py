"""Ingest: input paths -> RawDocument (one per release) or InputError (one per bad input).

Inputs are folders (read recursively), single files, or several of these:
`.txt`, `.md`, `.html`/`.htm` files hold one release each; `.jsonl` and
`.csv`/`.tsv` files hold one release per line or row, with columns id, title,
published, url, text (names mappable with IngestOptions).

Every input yields exactly one RawDocument or one InputError; nothing is
skipped silently except hidden files and folders (name starting with ".",
e.g. `.DS_Store`, `.git/`) and OS clutter (`Thumbs.db`, `desktop.ini`), which
are not releases. Files of other types are errors ("unsupported file type").

Order is deterministic: inputs in the order given, each folder's entries
sorted by name, rows in file order. When two inputs give the same doc id the
first wins and the second is an error. Doc ids from file names or id columns
are made safe (no path separators, `..`, control characters, leading dots or
over-long names) with a warning on the document rather than refused: a
release should not be lost to an odd id, and the warning keeps the original.

Text is what spans index into: the decoded file with line ends normalised
(see decode.py), HTML's main text, or for JSONL/CSV rows with a title the
title, a blank line, then the body. Over `max_chars` is an error, never a
truncation. Non-English text is an error ("not English (detected ru)").
"""

from __future__ import annotations

import csv
import errno
import hashlib
import io
import json
import os
import re
import stat
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel

from communique.models import InputError, RawDocument
from communique.pipeline.dateline import (
    date_from_filename,
    find_dateline,
    parse_date_expression,
    read_header,
)
from communique.pipeline.decode import DecodeError, decode_bytes, html_main_text
from communique.pipeline.rules import load_rows

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | TABLE_SUFFIXES
OS_CLUTTER = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})
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
class _State:
    """What one ingest run has seen: ids, files and folders already read."""

    options: IngestOptions
    ids: dict[str, str] = field(default_factory=dict)
    files: dict[tuple[int, int], str] = field(default_factory=dict)


def iter_documents(inputs: list[Path], options: IngestOptions | None = None,
                   ) -> Iterator[RawDocument | InputError]:
    """Every release of `inputs` as a RawDocument, every bad input as an InputError."""
    state = _State(options or IngestOptions())
    for given in inputs:
        path = Path(given)
        root_name = Path(os.path.abspath(path)).name or path.as_posix()
        yield from _guarded(_input(path, root_name, state), str(path))


def _guarded(items: Iterator[RawDocument | InputError], label: str,
             ) -> Iterator[RawDocument | InputError]:
    """Turn an unexpected exception into an error so one bad file never stops a run."""
    try:
        yield from items
    except Exception as exc:  # the run must go on; the error says what broke
        yield InputError(input=_display(label), reason=f"unexpected error: "
                         f"{type(exc).__name__}: {exc}", hint="please report this input")


def _input(path: Path, source: str, state: _State,
           ancestors: tuple[tuple[int, int], ...] = ()) -> Iterator[RawDocument | InputError]:
    """One path: a folder (recursive), a file, or an error saying why not."""
    label = _display(str(path))
    try:
        link = path.is_symlink()
        info = path.stat()
    except FileNotFoundError:
        reason = "broken symlink" if path.is_symlink() else "no such file or directory"
        yield InputError(input=label, reason=reason, hint="check the path")
        return
    except OSError as exc:
        yield _os_error(label, exc)
        return
    if link and not state.options.follow_symlinks:
        yield InputError(input=label, reason="symlink not followed",
                         hint="follow symlinks is off in the options")
        return
    key = (info.st_dev, info.st_ino)
    if stat.S_ISDIR(info.st_mode):
        if key in ancestors:
            yield InputError(input=label, reason="symlink loop (links back to a parent folder)",
                             hint="remove the link or point it elsewhere")
            return
        yield from _folder(path, source, state, (*ancestors, key))
    elif key in state.files:
        yield InputError(input=label, reason=f"same file as {state.files[key]} (read once)",
                         hint="the file is reachable twice (a symlink or a repeated input)")
    else:
        state.files[key] = source
        yield from _guarded(_file(path, source, info.st_size, state), str(path))


def _os_error(label: str, exc: OSError) -> InputError:
    if exc.errno == errno.ELOOP:
        return InputError(input=label, reason="symlink loop", hint="remove or fix the link")
    if isinstance(exc, PermissionError):
        return InputError(input=label, reason="cannot read: permission denied",
                          hint="check the file's permissions")
    return InputError(input=label, reason=f"cannot read: {exc.strerror or exc}",
                      hint="check the path and the disk")


def _folder(path: Path, source: str, state: _State, ancestors: tuple[tuple[int, int], ...],
            ) -> Iterator[RawDocument | InputError]:
    try:
        names = sorted(entry.name for entry in os.scandir(path))
    except OSError as exc:
        yield _os_error(_display(str(path)), exc)
        return
    for name in names:
        if name.startswith(".") or name.lower() in OS_CLUTTER:
            continue
        yield from _input(path / name, f"{source}/{_display(name)}", state, ancestors)


def _file(path: Path, source: str, size: int, state: _State,
          ) -> Iterator[RawDocument | InputError]:
    label = _display(str(path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield InputError(input=label, reason=f"unsupported file type '{suffix or path.name}'",
                         hint="releases are .txt, .md, .html, .htm, .jsonl or .csv files; "
                              "convert it or move it out of the input")
        return
    if suffix in JSONL_SUFFIXES:
        yield from _jsonl(path, source, state)
        return
    limit = state.options.max_chars * (50 if suffix in HTML_SUFFIXES else 4) + 4
    if suffix not in TABLE_SUFFIXES and size > limit:
        yield _too_long(label, f"{size:,} bytes", state.options.max_chars)
        return
    try:
        decoded = decode_bytes(path.read_bytes())
    except OSError as exc:
        yield _os_error(label, exc)
        return
    except DecodeError as exc:
        yield InputError(input=label, doc_id=_safe_id(path.stem)[0], reason=exc.reason,
                         hint=exc.hint)
        return
    if suffix in TABLE_SUFFIXES:
        yield from _table(decoded.text, path, source, decoded.warnings, state)
    else:
        yield _file_document(path, source, decoded.text, decoded.warnings, state)


def _file_document(path: Path, source: str, text: str, warnings: list[str], state: _State,
                   ) -> RawDocument | InputError:
    """A .txt/.md/.html release; metadata from header, file name, dateline."""
    title = published = url = None
    header_end = 0
    if path.suffix.lower() in HTML_SUFFIXES:
        page = html_main_text(text)
        text, title, published = page.text, page.title, page.published
    else:
        header = read_header(text)
        if header:
            title, published, url, header_end = (header.title, header.published, header.url,
                                                 header.end)
        elif path.suffix.lower() in {".md", ".markdown"}:
            title = _markdown_title(text)
    draft = RawDocument(doc_id=path.stem, source=source, text=text, title=title, url=url,
                        warnings=list(warnings))
    return _finish(draft, _display(str(path)), state, published, "header",
                   date_from_filename(path.stem), header_end)


def _markdown_title(text: str) -> str | None:
    first = text.lstrip().split("\n", 1)[0]
    return first[2:].strip() or None if first.startswith("# ") else None


def _finish(draft: RawDocument, label: str, state: _State, meta_date: str | None,
            meta_from: str, filename_date: str | None = None, header_end: int = 0,
            ) -> RawDocument | InputError:
    """Checks every document passes (id, emptiness, size, language) and its date."""
    options = state.options
    doc_id, changed = _safe_id(draft.doc_id)
    if not doc_id:
        return InputError(input=label, reason="empty doc id after removing unsafe characters",
                          hint="give the document an id of letters and digits")
    if changed:
        draft.warnings.append(f"doc id {_display(draft.doc_id)!r} made safe as {doc_id!r}")
    draft.doc_id = doc_id
    if not draft.text.strip():
        return InputError(input=label, doc_id=doc_id, reason="empty text" if not draft.text
                          else "no text (only whitespace)", hint="remove the empty input")
    if len(draft.text) > options.max_chars:
        return _too_long(label, f"{len(draft.text):,} characters", options.max_chars, doc_id)
    if options.check_language:
        refused = _language_problem(draft.text, options.language, draft.warnings)
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


def _too_long(label: str, size: str, limit: int, doc_id: str | None = None) -> InputError:
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


# --- JSONL and CSV --------------------------------------------------------


def _jsonl(path: Path, source: str, state: _State) -> Iterator[RawDocument | InputError]:
    """One document per line; a broken line is one error, the rest are read."""
    label = _display(str(path))
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield _os_error(label, exc)
        return
    with handle:
        first_row = True
        for number, raw in enumerate(handle, start=1):
            line_label = f"{label}:{number}"
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            row = _json_row(raw, line_label)
            if isinstance(row, InputError):
                yield row
                continue
            if first_row and _find_column(list(row), state.options.text_column) is None:
                yield _no_text_column(label, list(row), state.options.text_column)
                return
            first_row = False
            yield _row_document(row, line_label, source, path.stem, number, state)


def _json_row(raw: bytes, label: str) -> dict | InputError:
    hint = "fix or remove the line; the other lines were read"
    try:
        row = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return InputError(input=label, reason=f"line is not UTF-8 ({exc.reason})", hint=hint)
    except json.JSONDecodeError as exc:
        return InputError(input=label, reason=f"not valid JSON: {exc.msg} (column {exc.colno})",
                          hint=hint)
    if not isinstance(row, dict):
        return InputError(input=label, reason=f"line is a JSON {type(row).__name__}, "
                                              "not an object", hint=hint)
    return row


def _table(text: str, path: Path, source: str, warnings: list[str], state: _State,
           ) -> Iterator[RawDocument | InputError]:
    """One document per CSV/TSV row; no text column is one error for the file."""
    label = _display(str(path))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(",;\t", key=first_line.count)
    csv.field_size_limit(max(csv.field_size_limit(), state.options.max_chars * 4 + 1024))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = [c for c in (reader.fieldnames or []) if c is not None]
    if not columns:
        yield InputError(input=label, reason="empty CSV (no header row)",
                         hint="the first row must name the columns")
        return
    if _find_column(columns, state.options.text_column) is None:
        yield _no_text_column(label, columns, state.options.text_column)
        return
    start = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(input=f"{label}:{start}", reason=f"bad CSV row: {exc}",
                             hint="fix the row; the other rows were read")
            return  # the reader's position is unreliable after a parse error
        document = _row_document(row, f"{label}:{start}", source, path.stem, start, state)
        if isinstance(document, RawDocument):
            document.warnings[:0] = warnings
        yield document
        start = reader.line_num + 1


def _no_text_column(label: str, columns: list[str], wanted: str) -> InputError:
    shown = ", ".join(_display(c) for c in columns[:20]) or "none"
    return InputError(input=label, reason=f"no text column '{wanted}'",
                      hint=f"columns found: {shown}; name the text column with --text-column "
                           "(and --id-column, --title-column ... for the others)")


def _find_column(columns: list[str], wanted: str) -> str | None:
    if wanted in columns:
        return wanted
    folded = wanted.casefold()
    return next((c for c in columns if c and c.strip().casefold() == folded), None)


def _cell(row: dict, wanted: str) -> str | None:
    """A column's value as stripped text, None when missing or blank."""
    column = _find_column(list(row), wanted)
    value = row.get(column) if column is not None else None
    if value is None or isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None


def _row_document(row: dict, label: str, source: str, stem: str, number: int, state: _State,
                  ) -> RawDocument | InputError:
    """A JSONL line or CSV row as a document: text = title, blank line, body."""
    options = state.options
    column = _find_column(list(row), options.text_column)
    body = row.get(column) if column is not None else None
    if not isinstance(body, str):
        return InputError(input=label, reason=f"no text in column '{options.text_column}'",
                          hint="give the row a text, or remove it")
    body = re.sub(r"\r\n?", "\n", body)
    title = _cell(row, options.title_column)
    title = re.sub(r"\s+", " ", title) if title else None
    doc_id = _cell(row, options.id_column)
    warnings = []
    if doc_id is None:
        doc_id = f"{stem}-{number}"
        warnings.append(f"no id in column '{options.id_column}'; used {doc_id!r}")
    text = f"{title}\n\n{body}" if title and body.strip() else body
    draft = RawDocument(doc_id=doc_id, source=source, text=text, title=title,
                        url=_cell(row, options.url_column), warnings=warnings)
    return _finish(draft, label, state, _cell(row, options.published_column), "column")


# --- ids, names and language ------------------------------------------------


def _display(name: str) -> str:
    """A path or name as printable text (undecodable file-name bytes become U+FFFD)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _safe_id(raw: str) -> tuple[str, bool]:
    """(safe id, changed?): no separators, control or format characters, leading dots."""
    text = unicodedata.normalize("NFC", _display(raw))
    safe = _UNSAFE_ID.sub("_", text)
    safe = "".join("_" if unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp", "Cs"} else c
                   for c in safe)
    safe = _LEADING_JUNK.sub("", safe).strip()  # ". ." and "- .." must not leave "." or ".."
    if len(safe.encode("utf-8")) > _MAX_ID_BYTES:
        digest = hashlib.sha1(safe.encode("utf-8")).hexdigest()[:10]
        safe = safe.encode("utf-8")[:150].decode("utf-8", "ignore") + "-" + digest
    return safe, safe != raw


class _Word(BaseModel):
    word: str


@cache
def _function_words() -> frozenset[str]:
    return frozenset(r.word for r in load_rows("ingest_english_words.yaml", _Word))


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


_WORDS = re.compile(r"[^\W\d_]+")
CLEARLY_ENGLISH = 0.20  # function-word share that settles "English" without the identifier
CLEARLY_LONG = 300  # letters a sample needs before that share is trusted on its own


def _language_problem(text: str, expected: str, warnings: list[str]) -> str | None:
    """Why the text is not in `expected`, or None. Samples the start and the middle.

    The identifier is unsure on short texts and on English dense with foreign
    names, so a non-English verdict is only trusted when the text is not
    mostly Latin script or it has few English function words.
    """
    middle = len(text) // 2
    sample = text[:2500] + "\n" + text[middle:middle + 1000] if len(text) > 3500 else text
    words = _WORDS.findall(sample)
    letters = sum(len(w) for w in words)
    latin = sum(1 for w in words for c in w if ord(c) < 0x250)
    latin_script = latin >= letters / 2
    if letters < 20 and (latin_script or expected != "en"):
        warnings.append("text too short to check its language")
        return None
    share = 0.0
    if latin_script and expected == "en":
        share = sum(1 for w in words if w.lower() in _function_words()) / len(words)
        # English prose runs at 0.25-0.50 of these words, other Latin-script
        # languages below 0.06: a long sample above 0.20 needs no identifier,
        # whose model load (~1.5 s) and ~2.5 ms a text dominate a cached re-run.
        if share >= CLEARLY_ENGLISH and letters >= CLEARLY_LONG:
            return None
    detected, confidence = _identifier().classify(sample)
    if detected == expected:
        return None
    if latin_script and expected == "en":
        needed = 0.9 if letters < 300 else 0.5  # short texts: trust only a sure verdict
        if share >= 0.12 or confidence < needed:
            warnings.append(f"language uncertain (identifier says {detected}, "
                            f"{confidence:.2f}); read as English")
            return None
    name = "English" if expected == "en" else expected
    return f"not {name} (detected {detected})"


if __name__ == "__main__":  # quick look: python -m communique.pipeline.ingest PATH...
    for item in iter_documents([Path(p) for p in sys.argv[1:]]):
        print(item.doc_id if isinstance(item, RawDocument) else item)
