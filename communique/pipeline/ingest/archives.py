"""gzip and zip inputs, recognised by their magic bytes whatever the file is called.

Why by content: `releases.jsonl.gz`, a `.txt` that is really gzip, or a zip
of releases should be read, not refused as binary or an unknown type. A
gzip holds one input named by its file name without `.gz`; a zip holds one
input per member (sorted by name; folders, hidden names and OS clutter
skipped). Decompression is bounded by the same size limit as a plain file,
so a small archive cannot expand into gigabytes (a "zip bomb").
"""

from __future__ import annotations

import gzip
import zipfile
from collections.abc import Iterator
from pathlib import Path, PurePosixPath

from communique.models import InputError

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
_GZIP_SUFFIXES = (".gz", ".gzip")


def archive_kind(path: Path) -> str | None:
    """"gzip", "zip" or None, from the first bytes of the file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError:
        return None
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZIP_MAGIC) and zipfile.is_zipfile(path):
        return "zip"
    return None


class TooLarge(ValueError):
    """A member decompresses to more than the limit."""


def gzip_member(path: Path, limit: int) -> tuple[str, bytes]:
    """(inner file name, bytes) of a gzip file; raises TooLarge, OSError, EOFError."""
    name = path.name
    for suffix in _GZIP_SUFFIXES:
        if name.lower().endswith(suffix) and len(name) > len(suffix):
            name = name[: -len(suffix)]
    with gzip.open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(name)
    return name, data


def zip_members(path: Path, limit: int, skip: frozenset[str],
                ) -> Iterator[tuple[str, bytes] | InputError]:
    """(member name, bytes) of each file in a zip; a bad member is its own error."""
    with zipfile.ZipFile(path) as archive:
        for info in sorted(archive.infolist(), key=lambda i: i.filename):
            parts = PurePosixPath(info.filename).parts
            if info.is_dir() or any(p.startswith(".") or p.lower() in skip for p in parts):
                continue
            label = f"{path}:{info.filename}"
            if info.file_size > limit:
                yield InputError(input=label, reason=f"too long: {info.file_size:,} bytes "
                                 "unpacked", hint="split the archive's release")
                continue
            try:
                with archive.open(info) as handle:
                    data = handle.read(limit + 1)
            except (OSError, zipfile.BadZipFile, RuntimeError) as exc:
                yield InputError(input=label, reason=f"cannot unpack: {exc}",
                                 hint="re-create the archive")
                continue
            yield info.filename, data
