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
from itertools import combinations
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError

from communique.models import EVENT_TYPES, MODES, ROLE_CATEGORIES, DocumentRecord
from communique.pipeline import db

log = logging.getLogger(__name__)

ASSETS = Path(__file__).parent / "report_assets"
REPORT_DIR = "report"
TOP_N = 20
MATRIX_N = 15
MAX_FILLED_MONTHS = 240
_PLACEHOLDER = re.compile(r"/\*__(STYLE|APP)__\*/|__(DATA|TITLE|CSP)__")


def load_records(out_dir: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """records.jsonl as dicts (extra fields kept), and the problems of lines that
    do not validate (those lines are left out of the report, not fatal)."""
    records: list[dict[str, Any]] = []
    problems: list[str] = []
    for number, raw in enumerate(db.read_jsonl(out_dir / "records.jsonl"), 1):
        try:
            DocumentRecord.model_validate(raw)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(x) for x in first["loc"])
            problems.append(f"records.jsonl line {number}: {where}: {first['msg']}")
            continue
        records.append(raw)
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


def _by_month(events: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """Events per month of their start, gaps filled with zeros (unless the span is huge)."""
    counts = Counter(
        (e.get("date") or {}).get("start", "")[:7] for e in events
        if (e.get("date") or {}).get("start")
    )
    undated = len(events) - sum(counts.values())
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


def summarise(records: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    """Counts and chart series of the overview."""
    events = [e for r in records for e in r.get("events") or []]
    participants = [p for e in events for p in e.get("participants") or []]
    country_events: Counter[str] = Counter()
    pairs: Counter[tuple[str, str]] = Counter()
    multi_country: Counter[str] = Counter()
    person_events: Counter[str] = Counter()
    for event in events:
        countries = _event_countries(event)
        country_events.update(countries)
        for a, b in combinations(sorted(countries), 2):
            pairs[(a, b)] += 1
            multi_country.update((a, b))
        names = {" ".join(p["name"].split()) for p in event.get("participants") or []
                 if p.get("name")}
        person_events.update(names)
    by_month, undated = _by_month(events)
    types = Counter(e.get("type") for e in events)
    return {
        "counts": {
            "documents": len(records),
            "events": len(events),
            "participants": len(participants),
            "named_persons": len(person_events),
            "topics": sum(len(e.get("topics") or []) for e in events),
            "failed_inputs": len(errors),
            "with_warnings": sum(1 for r in records if r.get("warnings")),
            "without_events": sum(1 for r in records if not r.get("events")),
        },
        "errors_by_reason": [
            {"reason": reason, "count": n}
            for reason, n in Counter(e.get("reason") for e in errors).most_common()
        ],
        "events_by_month": by_month,
        "undated_events": undated,
        "events_by_type": [{"type": t, "count": types[t]} for t in EVENT_TYPES if types[t]],
        "top_countries": [{"label": c, "count": n} for c, n in country_events.most_common(TOP_N)],
        "top_persons": [{"label": c, "count": n} for c, n in person_events.most_common(TOP_N)],
        "matrix": _matrix(pairs, multi_country),
    }


def build_payload(out_dir: Path) -> dict[str, Any]:
    """Everything the page shows, as one JSON-able dict."""
    records, problems = load_records(out_dir)
    errors = list(db.read_jsonl(out_dir / "errors.jsonl"))
    run_path = out_dir / "run.json"
    run = json.loads(run_path.read_text(encoding="utf-8")) if run_path.exists() else {}
    return {
        "version": 1,
        "run": run,
        "summary": summarise(records, errors),
        "records": records,
        "errors": errors,
        "problems": problems,
        "vocab": {"event_types": EVENT_TYPES, "modes": MODES, "role_categories": ROLE_CATEGORIES},
    }


def embed_json(payload: Any) -> str:
    """JSON safe inside a <script> block: no `<`, `>` or `&` appears literally."""
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(name: str, inline: bool = True) -> str:
    """An asset's text; one to be inlined may not close its own element."""
    text = (ASSETS / name).read_text(encoding="utf-8")
    if inline and re.search(r"</(script|style)|<!--", text, re.IGNORECASE):
        raise ValueError(f"{name} would break out of its inline element")
    return text


def render_html(payload: dict[str, Any], title: str) -> str:
    """The template with its CSS, JS, data and a CSP allowing only the page's own script."""
    app = _asset("app.js")
    digest = base64.b64encode(hashlib.sha256(app.encode("utf-8")).digest()).decode("ascii")
    csp = (
        "default-src 'none'; "
        f"script-src 'sha256-{digest}'; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    values = {
        "STYLE": _asset("style.css"),
        "APP": app,
        "DATA": embed_json(payload),
        "TITLE": html.escape(title),
        "CSP": html.escape(csp),
    }
    template = _asset("index.html", inline=False)
    return _PLACEHOLDER.sub(lambda m: values[m.group(1) or m.group(2)], template)


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}-", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        db.readable_mode(Path(tmp))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_report(out_dir: Path) -> Path:
    """Write out_dir/report/index.html from the run's outputs; return its path."""
    out_dir = Path(out_dir)
    payload = build_payload(out_dir)
    for problem in payload["problems"]:
        log.warning("report: %s", problem)
    target = out_dir / REPORT_DIR / "index.html"
    _write_atomic(target, render_html(payload, f"Communique review: {out_dir.name}"))
    return target


def review_command(
    out_dir: Annotated[
        Path,
        typer.Argument(
            help="Output folder of a run (holds records.jsonl).",
            exists=True, file_okay=False, dir_okay=True,
        ),
    ] = Path("outputs"),
) -> None:
    """Rebuild report/index.html and communique.db from a run's outputs."""
    if not (out_dir / "records.jsonl").exists():
        typer.echo(f"error: {out_dir / 'records.jsonl'} not found; run `communique run` first",
                   err=True)
        raise typer.Exit(code=2)
    report_path = build_report(out_dir)
    db_path = db.write_db(out_dir)
    typer.echo(f"report:   {report_path}  (open it in a browser)")
    typer.echo(f"database: {db_path}  (e.g. `datasette {db_path}`)")
