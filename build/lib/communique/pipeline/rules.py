"""Load rule data (titles, aliases, triggers ...) from data files, validated at load.

Rule data lives in `communique/pipeline/data/` as JSONL, CSV or YAML so that
adding a title or an alias is a data change, not a code change. Every row is
validated with a pydantic model when it is loaded; a bad row stops start-up
with the file and line, never later in the middle of a run.
"""

from __future__ import annotations

import csv
import hashlib
import json
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:  # spaCy is imported where a matcher is built: ingest reads rule data too
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

DATA_DIR = Path(__file__).parent / "data"

RowT = TypeVar("RowT", bound=BaseModel)


class RuleDataError(ValueError):
    """A rule data file has a row that does not validate."""


def _raw_rows(path: Path) -> list[tuple[int, dict]]:
    """(line number, row) pairs of a JSONL, CSV or YAML (list of mappings) file."""
    suffix = path.suffix.lower()
    text = path.read_text(encoding="utf-8")
    if suffix == ".jsonl":
        rows = []
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("//"):
                try:
                    rows.append((number, json.loads(line)))
                except json.JSONDecodeError as exc:
                    raise RuleDataError(f"{path.name}:{number}: not JSON: {exc}") from exc
        return rows
    if suffix == ".csv":
        lines = [ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]
        reader = csv.DictReader(lines)
        return [(n, {k: (v if v != "" else None) for k, v in row.items()}) for n, row in
                enumerate(reader, start=2)]
    if suffix in {".yaml", ".yml"}:
        loaded = yaml.safe_load(text) or []
        if not isinstance(loaded, list):
            raise RuleDataError(f"{path.name}: expected a list of mappings")
        return list(enumerate(loaded, start=1))
    raise RuleDataError(f"{path.name}: unsupported rule data format {suffix}")


def load_rows(name: str, model: type[RowT], data_dir: Path = DATA_DIR) -> list[RowT]:
    """Validate every row of data file `name` with `model`; raise on the first bad row."""
    return [row for _line, row in load_numbered(name, model, data_dir)]


def load_numbered(name: str, model: type[RowT], data_dir: Path = DATA_DIR
                  ) -> list[tuple[int, RowT]]:
    """(line, row) of every row of data file `name`, validated with `model`: the line
    is kept so that a check made later (a Matcher pattern) can still name it."""
    path = data_dir / name
    rows: list[tuple[int, RowT]] = []
    for number, raw in _raw_rows(path):
        try:
            rows.append((number, model.model_validate(raw)))
        except ValidationError as exc:
            raise RuleDataError(f"{path.name}:{number}: {exc}") from exc
    return rows


def build_matcher(vocab: Vocab, file: str, patterns: list[tuple[int, str, list[list[dict]]]]
                  ) -> Matcher:
    """A Matcher of `patterns` (line, key, token patterns) from rule data file `file`,
    each pattern checked by spaCy's own validation when the component is built: a
    misspelt key (`{"LOWERR": "met"}`) stops start-up with the file and line instead
    of failing every document later."""
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher

    matcher = Matcher(vocab, validate=True)
    for line, key, token_patterns in patterns:
        try:
            matcher.add(key, token_patterns)
        except (MatchPatternError, ValueError) as exc:
            raise RuleDataError(f"{file}:{line}: bad token pattern: {exc}") from exc
    return matcher


PIPELINE_DIR = Path(__file__).parent


def rule_files() -> list[Path]:
    """Every rule data file of the extraction: the `data/` folder of each component,
    the gazetteer's and the shared one. Evaluation keeps its data elsewhere, so editing
    a scoring alias does not invalidate the extraction cache."""
    folders = [DATA_DIR, PIPELINE_DIR / "gazetteer" / "data",
               *sorted((PIPELINE_DIR / "components").glob("**/data"))]
    return sorted({path for folder in folders if folder.is_dir()
                   for path in folder.rglob("*") if path.is_file()})


@cache
def rules_fingerprint(folder: Path | None = None) -> str:
    """Hash of all rule data files (or of those in `folder`): part of the cache key of
    a processed document."""
    files = rule_files() if folder is None else sorted(p for p in folder.rglob("*")
                                                       if p.is_file())
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(PIPELINE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
