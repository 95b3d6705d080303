"""Rows of persons.csv / event_clusters.csv and links.json, from a run's records.

`link_records` runs the corpus stage over any re-iterable source of records
(it streams the source three times: forms, then persons and event
signatures, then the links); `link_run` does so over a records.jsonl and
writes the three files atomically (temp file, then os.replace), so an
interrupted run leaves the previous files as they were.
"""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from communique.models.records import DocumentRecord
from communique.pipeline.linking import officeholders as offices
from communique.pipeline.linking.events import EventCluster, EventClusters, signatures
from communique.pipeline.linking.persons import LinkSettings, ParticipantLink, Person, Persons

Source = Callable[[], Iterable[dict | DocumentRecord]]

PERSON_COLUMNS = ["person_id", "canonical_name", "variants", "country", "country_code",
                  "country_count", "country_total", "roles", "first_seen", "last_seen",
                  "n_mentions", "n_documents"]
CLUSTER_COLUMNS = ["event_cluster_id", "type", "date_start", "date_end", "n_events",
                   "n_documents", "doc_ids", "members", "person_ids", "country_codes", "city"]


@dataclass
class Linked:
    """The corpus stage's result: persons, event clusters, and a way to stream the links."""

    persons: list[Person]
    clusters: list[EventCluster]
    linker: Persons
    cluster_of: dict[str, str]  # "doc_id#event_index" -> event_cluster_id
    source: Source

    def participant_links(self) -> Iterator[ParticipantLink]:
        for record in _dicts(self.source):
            yield from self.linker.assign(record)

    def event_links(self) -> Iterator[dict]:
        for member, cid in sorted(self.cluster_of.items()):
            doc_id, _, index = member.rpartition("#")
            yield {"doc_id": doc_id, "event_index": int(index), "event_cluster_id": cid}


def _dicts(source: Source) -> Iterator[dict]:
    for record in source():
        yield record.model_dump(mode="json") if isinstance(record, DocumentRecord) else record


def link_records(source: Source, holders: offices.Officeholders | None = None,
                 settings: LinkSettings | None = None) -> Linked:
    """Persons and event clusters of the records `source()` yields (called per pass)."""
    settings = settings or LinkSettings()
    persons = Persons(holders or offices.default(), settings)
    for record in _dicts(source):
        persons.add(record)
    persons.finish()
    events = EventClusters(settings.event_days, settings.event_overlap)
    for record in _dicts(source):
        for sig in signatures(record, persons.assign(record)):
            events.add(sig)
    clusters = events.finish()
    cluster_of = {m.member: c.event_cluster_id for c in clusters for m in c.members}
    return Linked(persons.persons, clusters, persons, cluster_of, source)


def person_row(person: Person) -> dict:
    """A persons.csv row; roles as JSON (role, category, first, last, count)."""
    firsts = [r.first for r in person.roles if r.first]
    lasts = [r.last for r in person.roles if r.last]
    roles = [{"role": r.role, "category": r.category, "count": r.count,
              "first": r.first.isoformat() if r.first else None,
              "last": r.last.isoformat() if r.last else None} for r in person.roles]
    return {"person_id": person.person_id, "canonical_name": person.canonical_name,
            "variants": ";".join(person.variants), "country": person.country,
            "country_code": person.country_code, "country_count": person.country_count,
            "country_total": person.country_total, "roles": json.dumps(roles, ensure_ascii=False),
            "first_seen": min(firsts).isoformat() if firsts else None,
            "last_seen": max(lasts).isoformat() if lasts else None,
            "n_mentions": person.mentions, "n_documents": person.documents}


def _jsonl(path: Path) -> Source:
    def read() -> Iterator[dict]:
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)
    return read


def _atomic(path: Path, write: Callable[[object], None]) -> None:
    """Write via a temp file in the same folder, then rename over the target."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            write(handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _csv(path: Path, columns: list[str], rows: Iterable[dict]) -> None:
    def write(handle) -> None:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    _atomic(path, write)


def _links_json(path: Path, linked: Linked) -> None:
    """links.json written item by item: the participant links are never all in memory."""
    def write(handle) -> None:
        handle.write('{"version": 1,\n"participants": [')
        for n, link in enumerate(linked.participant_links()):
            handle.write(("," if n else "") + "\n" + json.dumps(link.to_dict(), ensure_ascii=False))
        handle.write('\n],\n"events": [')
        for n, item in enumerate(linked.event_links()):
            handle.write(("," if n else "") + "\n" + json.dumps(item, ensure_ascii=False))
        handle.write("\n]}\n")
    _atomic(path, write)


def link_run(records_jsonl_path: str | Path, out_dir: str | Path,
             holders: offices.Officeholders | None = None,
             settings: LinkSettings | None = None) -> Linked:
    """persons.csv, event_clusters.csv and links.json of a run, next to its records."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    linked = link_records(_jsonl(Path(records_jsonl_path)), holders, settings)
    _csv(out / "persons.csv", PERSON_COLUMNS, (person_row(p) for p in linked.persons))
    _csv(out / "event_clusters.csv", CLUSTER_COLUMNS, (c.row() for c in linked.clusters))
    _links_json(out / "links.json", linked)
    return linked
