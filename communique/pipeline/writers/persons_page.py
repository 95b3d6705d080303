"""The report's persons: charts that count persons, and report/persons.html.

Why here and not in report.py/app.js: the corpus stage (linking/stage.py)
is what knows that "Putin" and "Vladimir Putin" are one person, so the
overview's persons chart and its who-met-whom are re-counted from its
links.json (persons, each participant's person_id, each event's cluster)
beside records.jsonl, whatever tables `--formats` wrote, and the page that lists
every event of a person is a page of its own, rendered here as plain HTML
(no script: every text is escaped, the CSP allows no script at all).

Nothing is read when the run has no linking outputs: the overview then
keeps counting names as written.
"""

from __future__ import annotations

import html
import json
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from communique.pipeline.linking.tables import LinkedFiles, has_links

PAGE = "persons.html"
TOP_N = 20
MATRIX_N = 15
_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"


def _records(out_dir: Path) -> Iterator[dict[str, Any]]:
    with (Path(out_dir) / "records.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def has_persons(out_dir: Path) -> bool:
    return (Path(out_dir) / "records.jsonl").is_file() and has_links(out_dir)


@dataclass
class PersonEvents:
    """Per person the events taking part in, and the persons met: pairs counted
    once per event cluster (a call both sides reported is one call)."""

    names: dict[str, str]
    cluster_of: dict[tuple[str, int], str]
    events: dict[str, list[tuple[str, int]]] = field(default_factory=lambda: defaultdict(list))
    met: set[tuple[str, str, str]] = field(default_factory=set)
    people: dict[tuple[str, int], list[tuple[str, str]]] = field(default_factory=dict)
    about: dict[tuple[str, int], dict[str, Any]] = field(default_factory=dict)  # date, type
    docs: dict[str, tuple[str, str]] = field(default_factory=dict)  # doc_id -> title, url

    def add_event(self, key: tuple[str, int], people: list[tuple[str, str]]) -> None:
        """`people`: (person_id or "", name as written) of one event's participants."""
        self.people[key] = people
        ids = sorted({pid for pid, _ in people if pid})
        for pid in ids:
            self.events[pid].append(key)
        event = self.cluster_of.get(key) or f"{key[0]}#{key[1]}"
        self.met.update((a, b, event) for a, b in combinations(ids, 2))

    def events_of(self, pid: str) -> list[tuple[str, int]]:
        """A person's events, one per event cluster (its first report)."""
        first: dict[str, tuple[str, int]] = {}
        for key in self.events.get(pid, []):
            first.setdefault(self.cluster_of.get(key) or f"{key[0]}#{key[1]}", key)
        return list(first.values())

    @property
    def pairs(self) -> Counter[tuple[str, str]]:
        return Counter((a, b) for a, b, _ in self.met)


def read_person_events(out_dir: Path) -> PersonEvents:
    """records.jsonl's events with their participants' persons (links.json), in one pass."""
    links = LinkedFiles(out_dir)
    found = PersonEvents({p["person_id"]: p["canonical_name"] for p in links.persons()},
                         links.cluster_of)
    for record in _records(out_dir):
        doc_id = record["doc_id"]
        found.docs[doc_id] = (record.get("title") or "", record.get("url") or "")
        linked = links.participants_of(doc_id)
        for e, event in enumerate(record.get("events") or []):
            found.about[(doc_id, e)] = {"date_start": (event.get("date") or {}).get("start"),
                                        "type": event.get("type")}
            found.add_event((doc_id, e), [
                ((linked.get((e, i)) or {}).get("person_id") or "", p.get("name") or "")
                for i, p in enumerate(event.get("participants") or [])])
    return found


def _matrix(found: PersonEvents) -> dict[str, Any]:
    """Who met whom by person, shaped like the report's country matrix."""
    involved: Counter[str] = Counter()
    pairs = found.pairs
    for (a, b), n in pairs.items():
        involved.update({a: n, b: n})
    top = [pid for pid, _ in involved.most_common(MATRIX_N)]
    index = {pid: i for i, pid in enumerate(top)}
    cells = [[0] * len(top) for _ in top]
    for (a, b), n in pairs.items():
        if a in index and b in index:
            cells[index[a]][index[b]] = cells[index[b]][index[a]] = n
    return {"countries": [found.names.get(p, p) for p in top], "person_ids": top,
            "cells": cells}


def with_persons(summary: dict[str, Any], out_dir: Path) -> dict[str, Any]:
    """The overview's summary with its persons counted as persons (when linked)."""
    if not has_persons(out_dir):
        return summary
    found = read_person_events(out_dir)
    counts = Counter({pid: len(found.events_of(pid)) for pid in found.events})
    summary["counts"]["named_persons"] = len(found.names)
    summary["top_persons"] = [{"label": found.names.get(pid, pid), "count": n,
                               "person_id": pid} for pid, n in counts.most_common(TOP_N)]
    summary["person_matrix"] = _matrix(found)
    return summary


# ---------------------------------------------------------------------- the page

def _safe_url(url: str) -> str | None:
    return url if urlsplit(url).scheme in ("http", "https") else None


def _release_link(doc_id: str, docs: dict[str, tuple[str, str]]) -> str:
    title, url = docs.get(doc_id, ("", ""))
    inner = (f'<a href="index.html#doc/{html.escape(quote(doc_id, safe=""))}">'
             f"{html.escape(doc_id)}</a>")
    if _safe_url(url):
        inner += f' (<a href="{html.escape(url)}" rel="noreferrer">release</a>)'
    return f'<span title="{html.escape(title)}">{inner}</span>'


def _event_row(pid: str, key: tuple[str, int], found: PersonEvents,
               clusters: dict[str, list[str]]) -> str:
    event = found.about.get(key, {})
    others = []
    for other, name in found.people[key]:
        if other == pid:
            continue
        label = html.escape(found.names.get(other, name) if other else name)
        others.append(f'<a href="#{other}">{label}</a>' if other else label)
    cid = found.cluster_of.get(key) or ""
    reporting = sorted(clusters.get(cid) or [key[0]])
    return ("<tr>" + "".join(f"<td>{c}</td>" for c in (
        html.escape(event.get("date_start") or "undated"), html.escape(event.get("type") or ""),
        ", ".join(others) or "–", "<br>".join(_release_link(d, found.docs) for d in reporting))) +
        "</tr>")


def _matrix_html(matrix: dict[str, Any]) -> str:
    names = matrix["countries"]
    head = "".join(f'<th><a href="#{p}">{html.escape(n)}</a></th>'
                   for p, n in zip(matrix["person_ids"], names, strict=True))
    body = "".join(
        f"<tr><th>{html.escape(n)}</th>" + "".join(f"<td>{c or ''}</td>" for c in row) + "</tr>"
        for n, row in zip(names, matrix["cells"], strict=True))
    return f'<table class="matrix"><tr><th></th>{head}</tr>{body}</table>'


_STYLE = ("body{font:14px system-ui,sans-serif;margin:24px;color:#222}"
          "table{border-collapse:collapse;margin:8px 0 24px}td,th{border:1px solid #ddd;"
          "padding:3px 6px;text-align:left;vertical-align:top}.matrix td{text-align:center}"
          "h2{margin-top:32px}.meta{color:#666}")


def render_page(out_dir: Path, title: str) -> str:
    """Every person with every event (date, type, counterparts, releases), and
    who met whom by person."""
    found = read_person_events(out_dir)
    clusters: dict[str, list[str]] = defaultdict(list)
    for key in found.about:
        if found.cluster_of.get(key):
            clusters[found.cluster_of[key]].append(key[0])
    persons = list(LinkedFiles(out_dir).persons())
    persons.sort(key=lambda p: (-len(found.events_of(p["person_id"])),
                                p["canonical_name"]))
    parts = [f"<h1>{html.escape(title)}</h1><p class='meta'>{len(persons)} persons. "
             "<a href='index.html'>Back to the review page</a></p>",
             "<h2>Who met whom (by person)</h2>", _matrix_html(_matrix(found))]
    for p in persons:
        pid = p["person_id"]
        keys = sorted(found.events_of(pid), key=lambda k: (
            found.about.get(k, {}).get("date_start") or "", k))
        rows = "".join(_event_row(pid, k, found, clusters) for k in keys)
        parts.append(
            f'<h2 id="{html.escape(pid)}">{html.escape(p["canonical_name"])}</h2>'
            f"<p class='meta'>{html.escape(p.get('country') or 'country unknown')}; "
            f"written as {html.escape(', '.join(p['variants']))}; {len(keys)} events</p>"
            "<table><tr><th>date</th><th>type</th><th>counterparts</th><th>reported by</th></tr>"
            f"{rows}</table>")
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">'
            f'<meta name="referrer" content="no-referrer"><title>{html.escape(title)}</title>'
            f"<style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>\n")


def build_persons_page(out_dir: Path, target: Path, title: str) -> Path | None:
    """Write `target` (report/persons.html) when the run has linking outputs."""
    if not has_persons(out_dir):
        return None
    from communique.pipeline.writers.report import _write_atomic  # report imports this module

    _write_atomic(target, lambda fh: fh.write(render_page(Path(out_dir), title)))
    return target
