"""links.json (and persons.csv / event_clusters.csv), from a run's records.

`link_records` runs the corpus stage over any re-iterable source of records
(it streams the source three times: forms, then persons and event
signatures, then the links); `link_run` does so over a records.jsonl and
writes the files atomically (temp file, then os.replace), so an interrupted
run leaves the previous files as they were.

links.json is the whole result of linking, whatever `--formats` asks for:
is to linking what records.jsonl is to extraction. Its sections, one item
per line: `persons` (person_item), `clusters` (cluster_item), `participants`
(ParticipantLink.to_dict, in record order) and `events` (doc_id,
event_index, event_cluster_id). Every format's linking tables (CSV, Parquet,
SQLite) and the report's persons are read from it (`iter_links`,
`LinkedFiles`), so they agree with each other and with the run, also when
`communique review` rebuilds them later.
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

LINKS = "links.json"
LINKS_VERSION = 2  # 2: persons and clusters sections (1 had participants and events only)
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


def person_item(person: Person) -> dict:
    """A person as links.json holds it: variants a list, roles a list of
    {role, category, count, first, last}."""
    firsts = [r.first for r in person.roles if r.first]
    lasts = [r.last for r in person.roles if r.last]
    roles = [{"role": r.role, "category": r.category, "count": r.count,
              "first": r.first.isoformat() if r.first else None,
              "last": r.last.isoformat() if r.last else None} for r in person.roles]
    return {"person_id": person.person_id, "canonical_name": person.canonical_name,
            "variants": list(person.variants), "country": person.country,
            "country_code": person.country_code, "country_count": person.country_count,
            "country_total": person.country_total, "roles": roles,
            "first_seen": min(firsts).isoformat() if firsts else None,
            "last_seen": max(lasts).isoformat() if lasts else None,
            "n_mentions": person.mentions, "n_documents": person.documents}


CLUSTER_LISTS = ("doc_ids", "members", "person_ids", "country_codes")


def cluster_item(cluster: EventCluster) -> dict:
    """A cluster as links.json holds it: its doc ids, members, persons, countries as lists."""
    row = cluster.row()
    return {**row, **{name: row[name].split(";") if row[name] else []
                      for name in CLUSTER_LISTS}}


def person_csv_row(item: dict) -> dict:
    """A persons.csv row: variants joined by ";", roles as JSON."""
    return {**item, "variants": ";".join(item["variants"]),
            "roles": json.dumps(item["roles"], ensure_ascii=False)}


def cluster_csv_row(item: dict) -> dict:
    """An event_clusters.csv row: the lists joined by ";"."""
    return {**item, **{name: ";".join(item[name]) for name in CLUSTER_LISTS}}


def person_row(person: Person) -> dict:
    """A persons.csv row; roles as JSON (role, category, first, last, count)."""
    return person_csv_row(person_item(person))


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
    sections = {
        "persons": lambda: (person_item(p) for p in linked.persons),
        "clusters": lambda: (cluster_item(c) for c in linked.clusters),
        "participants": lambda: (link.to_dict() for link in linked.participant_links()),
        "events": linked.event_links,
    }

    def write(handle) -> None:
        handle.write(f'{{"version": {LINKS_VERSION}')
        for name, items in sections.items():
            handle.write(f',\n"{name}": [')
            for n, item in enumerate(items()):
                handle.write(("," if n else "") + "\n" + json.dumps(item, ensure_ascii=False))
            handle.write("\n]")
        handle.write("}\n")
    _atomic(path, write)


def link_run(records_jsonl_path: str | Path, out_dir: str | Path,
             holders: offices.Officeholders | None = None,
             settings: LinkSettings | None = None, *, write_csv: bool = True) -> Linked:
    """links.json of a run, next to its records (and persons.csv, event_clusters.csv
    unless `write_csv` is False: `--formats` without csv)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    linked = link_records(_jsonl(Path(records_jsonl_path)), holders, settings)
    _links_json(out / LINKS, linked)
    if write_csv:
        _csv(out / "persons.csv", PERSON_COLUMNS, (person_row(p) for p in linked.persons))
        _csv(out / "event_clusters.csv", CLUSTER_COLUMNS, (c.row() for c in linked.clusters))
    return linked


def iter_links(path: str | Path, wanted: str | None = None) -> Iterator[tuple[str, dict]]:
    """(section, item) of a links.json, one line at a time (only `wanted`'s when given).

    Why not json.load: links.json has one item per participant of the run;
    _links_json writes one item per line, so it is read back the same way.
    """
    section = None
    with Path(path).open(encoding="utf-8") as handle:
        for line in handle:
            text = line.strip().rstrip(",")
            if text.startswith('"') and text.endswith("["):
                section = text.split('"')[1]
            elif section and text.startswith("{") and wanted in (None, section):
                yield section, json.loads(text)


def links_version(folder: str | Path) -> int | None:
    """The version of `folder`/links.json (None: no file, or not one this code wrote)."""
    path = Path(folder) / LINKS
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:
        head = handle.readline()
    try:
        return int(head.split(":", 1)[1].strip().rstrip(","))
    except (IndexError, ValueError):
        return None


def has_links(folder: str | Path) -> bool:
    """`folder` holds a complete links.json of this version (persons and clusters too)."""
    return links_version(folder) == LINKS_VERSION


class LinkedFiles:
    """A run folder's linking, read back from its links.json for the table writers.

    The persons and clusters are few (one per person / event); the participant
    links are streamed beside the records (both are in record order) by
    `participants_of`, so memory does not grow with the run.
    """

    def __init__(self, folder: str | Path) -> None:
        self.path = Path(folder) / LINKS
        self.cluster_of = {(item["doc_id"], item["event_index"]): item["event_cluster_id"]
                           for _, item in self._section("events")}
        self._links = self._section("participants")
        self._next: dict | None = None

    def _section(self, name: str) -> Iterator[tuple[str, dict]]:
        """A section's items; none when the folder has no links.json (a folder not linked:
        its link cells are then empty)."""
        return iter_links(self.path, name) if self.path.is_file() else iter(())

    def persons(self) -> Iterator[dict]:
        return (item for _, item in self._section("persons"))

    def clusters(self) -> Iterator[dict]:
        return (item for _, item in self._section("clusters"))

    def participants_of(self, doc_id: str) -> dict[tuple[int, int], dict]:
        """The links of one record's participants, by (event_index, participant_index);
        called once per record, in the order of records.jsonl."""
        found: dict[tuple[int, int], dict] = {}
        while True:
            if self._next is None:
                self._next = next(self._links, (None, None))[1]
            if self._next is None or self._next["doc_id"] != doc_id:
                return found
            found[(self._next["event_index"], self._next["participant_index"])] = self._next
            self._next = None
