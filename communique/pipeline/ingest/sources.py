"""Ingest: input paths -> RawDocument (one per release) or InputError (one per bad input).

Inputs are folders (read recursively), single files, or several of these:
`.txt`, `.md`, `.html`/`.htm` files hold one release each; `.jsonl` and
`.csv`/`.tsv` files hold one release per line or row (see rows.py).

Every input yields exactly one RawDocument or one InputError; nothing is
skipped silently except hidden files and folders (name starting with ".",
e.g. `.DS_Store`, `.git/`) and OS clutter (`Thumbs.db`, `desktop.ini`), which
are not releases. Files of other types are errors ("unsupported file type").

Order is deterministic: inputs in the order given, each folder's entries
sorted by name, rows in file order. The checks every document passes (id,
emptiness, size, language, duplicates, date) are in documents.py.

Text is what spans index into: the decoded file with line ends normalised
(see decode.py), HTML's main text, or for JSONL/CSV rows with a title the
title, a blank line, then the body.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from communique.models import InputError, RawDocument
from communique.pipeline.ingest.archives import TooLarge, archive_kind, gzip_member, zip_members
from communique.pipeline.ingest.dateline import (
    date_from_filename,
)
from communique.pipeline.ingest.decode import DecodeError, decode_bytes
from communique.pipeline.ingest.documents import (
    IngestOptions,
    IngestState,
    display,
    finish,
    os_error,
    too_long,
)
from communique.pipeline.ingest.header import read_header
from communique.pipeline.ingest.html import read_page
from communique.pipeline.ingest.rows import jsonl_documents, table_documents

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md", ".markdown"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
TABLE_SUFFIXES = frozenset({".csv", ".tsv"})
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | TABLE_SUFFIXES
OS_CLUTTER = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})


def iter_documents(inputs: list[Path], options: IngestOptions | None = None,
                   ) -> Iterator[RawDocument | InputError]:
    """Every release of `inputs` as a RawDocument, every bad input as an InputError."""
    state = IngestState(options or IngestOptions())
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
        yield InputError(input=display(label), reason=f"unexpected error: "
                         f"{type(exc).__name__}: {exc}", hint="please report this input")


def _input(path: Path, source: str, state: IngestState,
           ancestors: tuple[tuple[int, int], ...] = ()) -> Iterator[RawDocument | InputError]:
    """One path: a folder (recursive), a file, or an error saying why not."""
    label = display(str(path))
    try:
        link = path.is_symlink()
        info = path.stat()
    except FileNotFoundError:
        reason = "broken symlink" if path.is_symlink() else "no such file or directory"
        yield InputError(input=label, reason=reason, hint="check the path")
        return
    except OSError as exc:
        yield os_error(label, exc)
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


def _folder(path: Path, source: str, state: IngestState, ancestors: tuple[tuple[int, int], ...],
            ) -> Iterator[RawDocument | InputError]:
    try:
        names = sorted(entry.name for entry in os.scandir(path))
    except OSError as exc:
        yield os_error(display(str(path)), exc)
        return
    for name in names:
        if name.startswith(".") or name.lower() in OS_CLUTTER:
            continue
        yield from _input(path / name, f"{source}/{display(name)}", state, ancestors)


def _file(path: Path, source: str, size: int, state: IngestState,
          ) -> Iterator[RawDocument | InputError]:
    label = display(str(path))
    suffix = path.suffix.lower()
    kind = archive_kind(path)
    if kind is not None:
        yield from _archive(path, source, state, kind)
        return
    if suffix not in SUPPORTED:
        yield InputError(input=label, reason=f"unsupported file type '{suffix or path.name}'",
                         hint="releases are .txt, .md, .html, .htm, .jsonl or .csv files; "
                              "convert it or move it out of the input")
        return
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_documents(path, source, state)
        return
    limit = state.options.max_chars * (50 if suffix in HTML_SUFFIXES else 4) + 4
    if suffix not in TABLE_SUFFIXES and size > limit:
        yield too_long(label, f"{size:,} bytes", state.options.max_chars)
        return
    try:
        decoded = decode_bytes(path.read_bytes())
    except OSError as exc:
        yield os_error(label, exc)
        return
    except DecodeError as exc:
        yield InputError(input=label, doc_id=display(path.stem), reason=exc.reason,
                         hint=exc.hint)
        return
    if suffix in TABLE_SUFFIXES:
        yield from table_documents(decoded.text, path, source, decoded.warnings, state)
        return
    try:
        yield _file_document(path, source, decoded.text, decoded.warnings, state)
    except DecodeError as exc:  # HTML too deep to parse
        yield InputError(input=label, doc_id=display(path.stem), reason=exc.reason,
                         hint=exc.hint)


def _archive(path: Path, source: str, state: IngestState, kind: str,
             ) -> Iterator[RawDocument | InputError]:
    """The inputs inside a gzip or zip file (archives.py), each read as if it were a file."""
    label = display(str(path))
    limit = state.options.max_chars * 50 + 4  # the largest any plain input may be
    if kind == "zip":
        for member in zip_members(path, limit, OS_CLUTTER):
            if isinstance(member, InputError):
                yield member
            else:
                name, data = member
                yield from _unpacked(path / name, f"{source}/{display(name)}", data, state)
        return
    try:
        name, data = gzip_member(path, limit)
    except TooLarge:
        yield too_long(label, "over the limit once unpacked", state.options.max_chars)
        return
    except (OSError, EOFError) as exc:
        yield InputError(input=label, reason=f"cannot unpack gzip: {exc}",
                         hint="the file is damaged or truncated; re-create it")
        return
    yield from _unpacked(path.with_name(name), source.removesuffix(path.name) + name, data,
                         state)


def _unpacked(path: Path, source: str, data: bytes, state: IngestState,
              ) -> Iterator[RawDocument | InputError]:
    """An archive member by its own name's type, from its bytes."""
    label = display(str(path))
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        yield InputError(input=label, reason=f"unsupported file type '{suffix or path.name}'",
                         hint="releases are .txt, .md, .html, .htm, .jsonl or .csv files")
        return
    if suffix in JSONL_SUFFIXES:
        yield from jsonl_documents(path, source, state, data=data)
        return
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        yield InputError(input=label, doc_id=display(path.stem), reason=exc.reason,
                         hint=exc.hint)
        return
    if suffix in TABLE_SUFFIXES:
        yield from table_documents(decoded.text, path, source, decoded.warnings, state)
        return
    try:
        yield _file_document(path, source, decoded.text, decoded.warnings, state)
    except DecodeError as exc:
        yield InputError(input=label, doc_id=display(path.stem), reason=exc.reason,
                         hint=exc.hint)


def _file_document(path: Path, source: str, text: str, warnings: list[str], state: IngestState,
                   ) -> RawDocument | InputError:
    """A .txt/.md/.html release; metadata from header, file name, dateline."""
    title = published = url = None
    header_end = 0
    meta_from = "header"
    if path.suffix.lower() in HTML_SUFFIXES:
        meta_from = "html_meta"
        page = read_page(text)
        text, title, published = page.text, page.title, page.published
    else:
        header = read_header(text)
        if header:
            title, published, url, header_end = (header.title, header.published, header.url,
                                                 header.end)
        elif path.suffix.lower() in {".md", ".markdown"}:
            title = _markdown_title(text)
    draft = RawDocument(doc_id=display(path.stem), source=source, text=text, title=title, url=url,
                        warnings=list(warnings))
    return finish(draft, display(str(path)), state, published, meta_from,
                   date_from_filename(path.stem), header_end)


def _markdown_title(text: str) -> str | None:
    first = text.lstrip().split("\n", 1)[0]
    return first[2:].strip() or None if first.startswith("# ") else None
