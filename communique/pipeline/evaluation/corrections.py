"""corrections.jsonl (downloaded from the review page) into gold files evaluate reads.

Each line is one reviewed document: `{"doc_id", "reviewer", "reviewed_at",
"record": <gold record, each value marked "review": accepted|edited|added>,
"rejected": [...]}`. Importing keeps the record as gold (spans kept) and drops
the review marks, which say how the gold was reached, not what it is. A bad
line is a problem naming file:line and the import goes on with the rest.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from communique.models import DocumentRecord

REVIEW_KEY = "review"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


@dataclass
class ImportResult:
    """What an import wrote, and the lines it could not take (file:line: why)."""

    written: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def gold_file_name(doc_id: str) -> str:
    """The gold file of a document: the page's own rule, so both name it alike."""
    return _UNSAFE.sub("_", doc_id) + ".json"


def strip_review(record: dict[str, Any]) -> dict[str, Any]:
    """The record without its review marks (on events and on each value)."""
    out = {k: v for k, v in record.items() if k != REVIEW_KEY}
    events = []
    for event in out.get("events") or []:
        clean = {k: v for k, v in event.items() if k != REVIEW_KEY}
        for key in ("date", "location"):
            if isinstance(clean.get(key), dict):
                clean[key] = {k: v for k, v in clean[key].items() if k != REVIEW_KEY}
        for key in ("participants", "topics"):
            clean[key] = [{k: v for k, v in item.items() if k != REVIEW_KEY}
                          for item in clean.get(key) or []]
        events.append(clean)
    out["events"] = events
    return out


def parse_line(raw: str) -> DocumentRecord:
    """One corrections line as a gold DocumentRecord (ValueError saying why not)."""
    try:
        line = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc.msg}") from exc
    if not isinstance(line, dict) or not isinstance(line.get("record"), dict):
        raise ValueError('no "record" object')
    try:
        return DocumentRecord.model_validate(strip_review(line["record"]))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(x) for x in first["loc"])
        raise ValueError(f"record does not validate: {where}: {first['msg']}") from exc


def _write_atomic(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def import_corrections(path: Path, gold_dir: Path) -> ImportResult:
    """Write gold_dir/<doc_id>.json for every good line of corrections.jsonl at `path`.

    A later line for the same document replaces an earlier one (the newest
    review wins); each file is written via a temp file, then renamed.
    """
    result = ImportResult()
    gold_dir.mkdir(parents=True, exist_ok=True)
    records: dict[str, DocumentRecord] = {}
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip():
            continue
        try:
            record = parse_line(raw)
        except ValueError as exc:
            result.problems.append(f"{path}:{number}: {exc}")
            continue
        records[record.doc_id] = record
    for doc_id, record in records.items():
        target = gold_dir / gold_file_name(doc_id)
        body = record.model_dump(mode="json", exclude_none=False)
        _write_atomic(target, json.dumps(body, ensure_ascii=False, indent=2) + "\n")
        result.written.append(target)
    return result
