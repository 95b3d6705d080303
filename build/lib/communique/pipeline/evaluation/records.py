"""Reading records to score: records.jsonl, a run's output folder, or a folder of .json records.

A bad line or file is a RecordsError naming it (the command exits 2), not a
score of zero.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from communique.models import DocumentRecord


class RecordsError(ValueError):
    """A gold or prediction file that does not hold valid records."""


def _parse(raw: str, where: str) -> DocumentRecord:
    try:
        return DocumentRecord.model_validate_json(raw)
    except ValidationError as exc:
        raise RecordsError(f"{where}: not a valid record: {exc}") from exc


def _read(path: Path) -> list[DocumentRecord]:
    if path.suffix == ".jsonl":
        return [_parse(line, f"{path}:{n}")
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.strip()]
    return [_parse(path.read_text(encoding="utf-8"), str(path))]


def load_records(path: Path) -> dict[str, DocumentRecord]:
    """Records from a .json/.jsonl file, a run folder (records.jsonl) or a folder of .json."""
    if path.is_dir():
        files = [path / "records.jsonl"] if (path / "records.jsonl").is_file() else sorted(
            path.glob("*.json"))
    elif path.is_file():
        files = [path]
    else:
        raise RecordsError(f"{path}: no such file or folder")
    records: dict[str, DocumentRecord] = {}
    for file in files:
        for record in _read(file):
            if record.doc_id in records:
                raise RecordsError(f"{file}: doc_id {record.doc_id!r} appears twice")
            records[record.doc_id] = record
    return records
