"""The corpus stage's tables in communique.db, keyed to the record tables.

Added by db.write_db when the run's folder holds the linking outputs
(persons.csv, event_clusters.csv, links.json; linking/stage.py):

* persons (person_id primary key), person_variants and person_roles
  (person_id foreign key): one row per person, per spelling, per role;
* event_clusters (event_cluster_id primary key) and event_cluster_members
  (event_cluster_id, doc_id, event_index -> events);
* events.event_cluster_id and participants.person_id / country_source,
  with the country linking found where the record gave none (never
  replacing one it gave), as in the CSV tables.

persons.csv and event_clusters.csv hold one row per person / cluster, so
they are read whole; links.json is streamed.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from communique.pipeline.linking.tables import iter_links

BATCH = 1000
SCHEMA = (
    """CREATE TABLE persons (person_id TEXT PRIMARY KEY, canonical_name TEXT, country TEXT,
    country_code TEXT, country_count INTEGER, country_total INTEGER, first_seen TEXT,
    last_seen TEXT, n_mentions INTEGER, n_documents INTEGER)""",
    """CREATE TABLE person_variants (person_id TEXT NOT NULL REFERENCES persons(person_id),
    variant TEXT NOT NULL, PRIMARY KEY (person_id, variant))""",
    """CREATE TABLE person_roles (person_id TEXT NOT NULL REFERENCES persons(person_id),
    role TEXT, category TEXT, count INTEGER, first TEXT, last TEXT)""",
    """CREATE TABLE event_clusters (event_cluster_id TEXT PRIMARY KEY, type TEXT,
    date_start TEXT, date_end TEXT, n_events INTEGER, n_documents INTEGER, city TEXT)""",
    """CREATE TABLE event_cluster_members (
    event_cluster_id TEXT NOT NULL REFERENCES event_clusters(event_cluster_id),
    doc_id TEXT NOT NULL, event_index INTEGER NOT NULL, PRIMARY KEY (doc_id, event_index),
    FOREIGN KEY (doc_id, event_index) REFERENCES events(doc_id, event_index))""",
    "ALTER TABLE events ADD COLUMN event_cluster_id TEXT "
    "REFERENCES event_clusters(event_cluster_id)",
    "ALTER TABLE participants ADD COLUMN person_id TEXT REFERENCES persons(person_id)",
    "ALTER TABLE participants ADD COLUMN country_source TEXT",
    "CREATE INDEX idx_person_roles_person_id ON person_roles (person_id)",
    "CREATE INDEX idx_event_clusters_date_start ON event_clusters (date_start)",
    "CREATE INDEX idx_event_cluster_members_cluster ON event_cluster_members (event_cluster_id)",
    "CREATE INDEX idx_participants_person_id ON participants (person_id)",
    "CREATE INDEX idx_events_event_cluster_id ON events (event_cluster_id)",
)
_UPDATE_PARTICIPANT = (
    "UPDATE participants SET person_id = ?, country_source = CASE WHEN country_code IS NULL "
    "THEN ? ELSE 'text' END, country = COALESCE(country, ?), "
    "country_code = COALESCE(country_code, ?) "
    "WHERE doc_id = ? AND event_index = ? AND participant_index = ?"
)


def has_linking(out_dir: Path) -> bool:
    return all((Path(out_dir) / name).is_file()
               for name in ("persons.csv", "event_clusters.csv", "links.json"))


def _csv_rows(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield {k: (v if v != "" else None) for k, v in row.items()}


def _person_rows(out_dir: Path) -> Iterator[tuple[str, tuple, list[tuple], list[tuple]]]:
    for row in _csv_rows(out_dir / "persons.csv"):
        pid = row["person_id"]
        person = (pid, row["canonical_name"], row["country"], row["country_code"],
                  row["country_count"], row["country_total"], row["first_seen"],
                  row["last_seen"], row["n_mentions"], row["n_documents"])
        variants = [(pid, v) for v in dict.fromkeys((row["variants"] or "").split(";")) if v]
        roles = [(pid, r["role"], r["category"], r["count"], r["first"], r["last"])
                 for r in json.loads(row["roles"] or "[]")]
        yield pid, person, variants, roles


def _batched(con: sqlite3.Connection, sql: str, rows: Iterator[tuple]) -> None:
    batch: list[tuple] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= BATCH:
            con.executemany(sql, batch)
            batch = []
    if batch:
        con.executemany(sql, batch)


def _fill_persons(con: sqlite3.Connection, out_dir: Path) -> None:
    for _, person, variants, roles in _person_rows(out_dir):
        con.execute("INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", person)
        con.executemany("INSERT OR IGNORE INTO person_variants VALUES (?, ?)", variants)
        con.executemany("INSERT INTO person_roles VALUES (?, ?, ?, ?, ?, ?)", roles)


def _fill_clusters(con: sqlite3.Connection, out_dir: Path) -> None:
    con.executemany("INSERT INTO event_clusters VALUES (?, ?, ?, ?, ?, ?, ?)", (
        (r["event_cluster_id"], r["type"], r["date_start"], r["date_end"], r["n_events"],
         r["n_documents"], r["city"]) for r in _csv_rows(out_dir / "event_clusters.csv")))


def _fill_links(con: sqlite3.Connection, out_dir: Path) -> None:
    def events() -> Iterator[tuple]:
        for section, item in iter_links(out_dir / "links.json"):
            if section == "events":
                yield item["event_cluster_id"], item["doc_id"], item["event_index"]

    def participants() -> Iterator[tuple]:
        for section, item in iter_links(out_dir / "links.json"):
            if section == "participants":
                yield (item["person_id"], item["country_source"], item["country"],
                       item["country_code"], item["doc_id"], item["event_index"],
                       item["participant_index"])

    _batched(con, "INSERT OR IGNORE INTO event_cluster_members VALUES (?, ?, ?)", events())
    _batched(con, "UPDATE events SET event_cluster_id = ? WHERE doc_id = ? AND event_index = ?",
             events())
    _batched(con, _UPDATE_PARTICIPANT, participants())
    con.execute("UPDATE participants SET country_source = 'text' "
                "WHERE country_code IS NOT NULL AND country_source IS NULL")


def add_linked_tables(con: sqlite3.Connection, out_dir: Path) -> bool:
    """The linking tables and columns, if the folder has the linking outputs."""
    out_dir = Path(out_dir)
    if not has_linking(out_dir):
        return False
    for statement in SCHEMA:
        con.execute(statement)
    _fill_persons(con, out_dir)
    _fill_clusters(con, out_dir)
    _fill_links(con, out_dir)
    return True
