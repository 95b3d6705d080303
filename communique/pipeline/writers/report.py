"""report/index.html: one self-contained review page for a run's outputs.

Why one file: a reviewer opens it from disk (file://), mails it, archives it
next to the run; no server, no network, no build step. The page is the
template in `report_assets/` with its CSS, its plain JS and the run's data
inlined. The data is a JSON block (`<script type="application/json">`) with
every `<`, `>` and `&` escaped, so no release text can close the block; the
page's own script is allowed by its hash in a Content-Security-Policy, so
even markup that slipped into the DOM could not run. The JS inserts data
with textContent only.

The overview aggregates (counts, charts) are computed here, where they can be
tested; the tables and the document view are built in the browser from the
records, a page of rows at a time, so 10,000 documents stay one light page.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import logging
import os
import re
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from itertools import combinations
from pathlib import Path
from typing import Any, TextIO

from pydantic import ValidationError

from communique.models import EVENT_TYPES, MODES, ROLE_CATEGORIES, DocumentRecord
from communique.pipeline.writers import db, persons_page

log = logging.getLogger(__name__)

ASSETS = Path(__file__).parent / "report_assets"
REPORT_DIR = "report"
TOP_N = 20
MATRIX_N = 15
MAX_FILLED_MONTHS = 240
_PLACEHOLDER = re.compile(r"/\*__(STYLE|APP)__\*/|__(DATA|TITLE|CSP)__")


def iter_records(out_dir: Path, problems: list[str]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of records.jsonl, one at a time; lines that do not
    validate are left out and described in `problems` (not fatal)."""
    for number, raw in enumerate(db.read_jsonl(out_dir / "records.jsonl"), 1):
        try:
            DocumentRecord.model_validate(raw)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            problems.append(f"records.jsonl line {number}: {where}: {first['msg']}")
            continue
        yield number, raw


def load_records(out_dir: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """records.jsonl as dicts (extra fields kept), and the problems of lines that
    do not validate (those lines are left out of the report, not fatal)."""
    problems: list[str] = []
    records = [record for _, record in iter_records(out_dir, problems)]
    return records, problems


def _event_countries(event: dict[str, Any]) -> list[str]:
    """Distinct participant countries of an event (name, else ISO code), in order."""
    seen: dict[str, None] = {}
    for p in event.get("participants") or []:
        country = p.get("country") or p.get("country_code")
        if country:
            seen.setdefault(country, None)
    return list(seen)


def _month_range(first: str, last: str) -> list[str]:
    year, month = int(first[:4]), int(first[5:7])
    months = []
    while f"{year:04d}-{month:02d}" <= last:
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _month_series(counts: Counter[str], undated: int) -> tuple[list[dict[str, Any]], int]:
    if not counts:
        return [], undated
    months = sorted(counts)
    filled = _month_range(months[0], months[-1])
    if len(filled) <= MAX_FILLED_MONTHS:
        months = filled
    return [{"month": m, "count": counts.get(m, 0)} for m in months], undated


def _matrix(pairs: Counter[tuple[str, str]], involvement: Counter[str]) -> dict[str, Any]:
    """Who met whom: events shared by each pair of the most involved countries."""
    countries = [c for c, _ in involvement.most_common(MATRIX_N)]
    index = {c: i for i, c in enumerate(countries)}
    cells = [[0] * len(countries) for _ in countries]
    for (a, b), n in pairs.items():
        if a in index and b in index:
            cells[index[a]][index[b]] = cells[index[b]][index[a]] = n
    return {"countries": countries, "cells": cells}


def _by_count(types: Counter[str | None]) -> list[dict[str, Any]]:
    """Events per type, most frequent first (ties in the vocabulary's order)."""
    order = [t for t in EVENT_TYPES if types[t]]
    order.sort(key=lambda t: -types[t])
    return [{"type": t, "count": types[t]} for t in order]


class Summary:
    """The overview's counts and chart series, added up one record at a time.

    Why: the report of a 20,000-document run must not hold every record to
    count them; only the counters (one entry per country, person, month) grow.
    """

    def __init__(self) -> None:
        self.counts = Counter[str]()
        self.months = Counter[str]()
        self.types = Counter[str | None]()
        self.country_events = Counter[str]()
        self.pairs = Counter[tuple[str, str]]()
        self.multi_country = Counter[str]()
        self.person_events = Counter[str]()
        self.reasons = Counter[str | None]()

    def add_record(self, record: dict[str, Any]) -> None:
        self.counts["documents"] += 1
        self.counts["with_warnings"] += 1 if record.get("warnings") else 0
        self.counts["without_events"] += 0 if record.get("events") else 1
        for event in record.get("events") or []:
            self._add_event(event)

    def _add_event(self, event: dict[str, Any]) -> None:
        self.counts["events"] += 1
        self.counts["participants"] += len(event.get("participants") or [])
        self.counts["topics"] += len(event.get("topics") or [])
        start = (event.get("date") or {}).get("start")
        if start:
            self.months[start[:7]] += 1
        else:
            self.counts["undated"] += 1
        self.types[event.get("type")] += 1
        countries = _event_countries(event)
        self.country_events.update(countries)
        for a, b in combinations(sorted(countries), 2):
            self.pairs[(a, b)] += 1
            self.multi_country.update((a, b))
        names = {" ".join(p["name"].split()) for p in event.get("participants") or []
                 if p.get("name")}
        self.person_events.update(names)

    def add_error(self, error: dict[str, Any]) -> None:
        self.counts["failed_inputs"] += 1
        self.reasons[error.get("reason")] += 1

    def result(self) -> dict[str, Any]:
        by_month, undated = _month_series(self.months, self.counts["undated"])
        counts = self.counts
        return {
            "counts": {
                "documents": counts["documents"],
                "events": counts["events"],
                "participants": counts["participants"],
                "named_persons": len(self.person_events),
                "topics": counts["topics"],
                "failed_inputs": counts["failed_inputs"],
                "with_warnings": counts["with_warnings"],
                "without_events": counts["without_events"],
            },
            "errors_by_reason": [
                {"reason": reason, "count": n} for reason, n in self.reasons.most_common()
            ],
            "events_by_month": by_month,
            "undated_events": undated,
            "events_by_type": _by_count(self.types),
            "top_countries": [{"label": c, "count": n}
                              for c, n in self.country_events.most_common(TOP_N)],
            "top_persons": [{"label": c, "count": n}
                            for c, n in self.person_events.most_common(TOP_N)],
            "matrix": _matrix(self.pairs, self.multi_country),
        }


def summarise(records: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts and chart series of the overview."""
    summary = Summary()
    for record in records:
        summary.add_record(record)
    for error in errors:
        summary.add_error(error)
    return summary.result()


def _read_run(out_dir: Path) -> dict[str, Any]:
    run_path = out_dir / "run.json"
    return json.loads(run_path.read_text(encoding="utf-8")) if run_path.exists() else {}


def run_id(out_dir: Path) -> str:
    """The key the page saves a reviewer's work under in the browser's localStorage.

    Why a digest of run.json (which holds the run's start time and counts):
    two runs never share saved work, and rebuilding the report of the same
    run (`communique review`) keeps it.
    """
    run_path = out_dir / "run.json"
    body = run_path.read_bytes() if run_path.exists() else str(out_dir.resolve()).encode()
    return hashlib.sha256(body).hexdigest()[:16]


VOCAB = {"event_types": EVENT_TYPES, "modes": MODES, "role_categories": ROLE_CATEGORIES}


def build_payload(out_dir: Path) -> dict[str, Any]:
    """Everything the page shows, as one JSON-able dict (in memory; build_report streams)."""
    records, problems = load_records(out_dir)
    errors = list(db.read_jsonl(out_dir / "errors.jsonl"))
    return {
        "version": 1,
        "run_id": run_id(out_dir),
        "run": _read_run(out_dir),
        "summary": persons_page.with_persons(summarise(records, errors), out_dir),
        "records": records,
        "errors": errors,
        "problems": problems,
        "vocab": VOCAB,
    }


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _escape(text: str) -> str:
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def write_payload(out_dir: Path, fh: TextIO) -> list[str]:
    """Write build_payload(out_dir) as embed_json would, without holding the records.

    Two streamed passes over records.jsonl: the first validates and adds up
    the summary (which comes before the records in the block), the second
    writes the records that validated. Returns the problems.
    """
    problems: list[str] = []
    summary = Summary()
    valid: set[int] = set()
    for number, record in iter_records(out_dir, problems):
        summary.add_record(record)
        valid.add(number)
    for error in db.read_jsonl(out_dir / "errors.jsonl"):
        summary.add_error(error)
    fh.write(_escape(f'{{"version":1,"run_id":{_dumps(run_id(out_dir))},'
                     f'"run":{_dumps(_read_run(out_dir))},'
                     f'"summary":{_dumps(persons_page.with_persons(summary.result(), out_dir))},'
                     '"records":['))
    _write_list(fh, (record for number, record in
                     enumerate(db.read_jsonl(out_dir / "records.jsonl"), 1) if number in valid))
    fh.write('],"errors":[')
    _write_list(fh, db.read_jsonl(out_dir / "errors.jsonl"))
    fh.write(_escape(f'],"problems":{_dumps(problems)},"vocab":{_dumps(VOCAB)}}}'))
    return problems


def _write_list(fh: TextIO, items: Iterable[Any]) -> None:
    for index, item in enumerate(items):
        if index:
            fh.write(",")
        fh.write(_escape(_dumps(item)))


def embed_json(payload: Any) -> str:
    """JSON safe inside a <script> block: no `<`, `>` or `&` appears literally."""
    return _escape(_dumps(payload))


def _asset(name: str, inline: bool = True) -> str:
    """An asset's text; one to be inlined may not close its own element."""
    text = (ASSETS / name).read_text(encoding="utf-8")
    if inline and re.search(r"</(script|style)|<!--", text, re.IGNORECASE):
        raise ValueError(f"{name} would break out of its inline element")
    return text


_DATA_MARK = "\x00communique-data\x00"  # cannot occur in a template or asset

# The page's script: these files joined in order inside one function scope
# (app.js the tables and document view, review.js the review workflow,
# start.js the routing that starts the page last).
SCRIPTS = ("app.js", "review.js", "start.js")


def page_script() -> str:
    """The one inline script of the page (its hash goes into the CSP)."""
    body = "\n".join(_asset(name) for name in SCRIPTS)
    return "(function () {\n'use strict';\n" + body + "\n})();\n"


def _page_parts(title: str) -> tuple[str, str]:
    """The page before and after its data block (CSS, JS, title and CSP filled in)."""
    app = page_script()
    digest = base64.b64encode(hashlib.sha256(app.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; "
        f"script-src 'sha256-{digest}'; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    values = {
        "STYLE": _asset("style.css"),
        "APP": app,
        "DATA": _DATA_MARK,
        "TITLE": html.escape(title),
        "CSP": html.escape(csp),
    }
    template = _asset("index.html", inline=False)
    page = _PLACEHOLDER.sub(lambda m: values[m.group(1) or m.group(2)], template)
    before, mark, after = page.partition(_DATA_MARK)
    if not mark or _DATA_MARK in after:
        raise ValueError("index.html must hold exactly one __DATA__ placeholder")
    return before, after


def render_html(payload: dict[str, Any], title: str) -> str:
    """The template with its CSS, JS, data and a CSP allowing only the page's own script."""
    before, after = _page_parts(title)
    return before + embed_json(payload) + after


def _write_atomic(path: Path, write: Callable[[TextIO], Any]) -> Any:
    """Call `write` on a temp file next to `path`, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            result = write(fh)
        db.readable_mode(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return result


def build_report(out_dir: Path, name: str | None = None) -> Path:
    """Write out_dir/report/index.html from the run's outputs; return its path.

    `name` is what the page title calls the run (default: the folder's name);
    a run builds its report in a staging folder and passes the real one. The
    records are streamed from records.jsonl into the page, never all in memory.
    """
    out_dir = Path(out_dir)
    title = f"Communique review: {name if name is not None else out_dir.resolve().name}"
    before, after = _page_parts(title)
    target = out_dir / REPORT_DIR / "index.html"

    def write(fh: TextIO) -> list[str]:
        fh.write(before)
        problems = write_payload(out_dir, fh)
        fh.write(after)
        return problems

    for problem in _write_atomic(target, write):
        log.warning("report: %s", problem)
    persons_page.build_persons_page(out_dir, target.parent / persons_page.PAGE,
                                    title.replace("review", "persons"))
    return target
