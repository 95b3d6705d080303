"""The corpus stage's tables in communique.db, keyed to the record tables.

Added by db.write_db when the run's folder holds links.json (linking/tables.py,
written by every run whatever its formats):

* persons (person_id primary key; the columns of persons.csv, variants
  joined by ";" and roles as JSON), person_variants and person_roles
  (person_id foreign key): one row per person, per spelling, per role;
* event_clusters (event_cluster_id primary key; the columns of
  event_clusters.csv) and event_cluster_members (event_cluster_id, doc_id,
  event_index -> events);
* events.event_cluster_id and participants.person_id / country_source,
  with the country linking found where the record gave none (never
  replacing one it gave), as in the CSV and Parquet tables.

links.json is streamed, one section at a time.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

from communique.pipeline.linking.tables import (
    CLUSTER_COLUMNS,
    LINKS,
    PERSON_COLUMNS,
    cluster_csv_row,
    has_links,
    iter_links,
    person_csv_row,
)

BATCH = 1000
SCHEMA = (
    """CREATE TABLE persons (person_id TEXT PRIMARY KEY, canonical_name TEXT, variants TEXT,
    country TEXT, country_code TEXT, country_count INTEGER, country_total INTEGER, roles TEXT,
    first_seen TEXT, last_seen TEXT, n_mentions INTEGER, n_documents INTEGER)""",
    """CREATE TABLE person_variants (person_id TEXT NOT NULL REFERENCES persons(person_id),
    variant TEXT NOT NULL, PRIMARY KEY (person_id, variant))""",
    """CREATE TABLE person_roles (person_id TEXT NOT NULL REFERENCES persons(person_id),
    role TEXT, category TEXT, count INTEGER, first TEXT, last TEXT)""",
    """CREATE TABLE event_clusters (event_cluster_id TEXT PRIMARY KEY, type TEXT,
    date_start TEXT, date_end TEXT, n_events INTEGER, n_documents INTEGER, doc_ids TEXT,
    members TEXT, person_ids TEXT, country_codes TEXT, city TEXT)""",
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


LINKED_TABLES = ("persons", "person_variants", "person_roles", "event_clusters",
                 "event_cluster_members")


def has_linking(out_dir: Path) -> bool:
    return has_links(out_dir)


def _person_rows(out_dir: Path) -> Iterator[tuple[tuple, list[tuple], list[tuple]]]:
    for _, item in iter_links(Path(out_dir) / LINKS, "persons"):
        pid = item["person_id"]
        row = person_csv_row(item)
        variants = [(pid, v) for v in dict.fromkeys(item["variants"]) if v]
        roles = [(pid, r["role"], r["category"], r["count"], r["first"], r["last"])
                 for r in item["roles"]]
        yield tuple(row[c] for c in PERSON_COLUMNS), variants, roles


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
    marks = ", ".join("?" * len(PERSON_COLUMNS))
    for person, variants, roles in _person_rows(out_dir):
        con.execute(f"INSERT INTO persons ({', '.join(PERSON_COLUMNS)}) VALUES ({marks})",
                    person)
        con.executemany("INSERT OR IGNORE INTO person_variants VALUES (?, ?)", variants)
        con.executemany("INSERT INTO person_roles VALUES (?, ?, ?, ?, ?, ?)", roles)


def _fill_clusters(con: sqlite3.Connection, out_dir: Path) -> None:
    marks = ", ".join("?" * len(CLUSTER_COLUMNS))
    rows = (cluster_csv_row(item) for _, item in iter_links(out_dir / LINKS, "clusters"))
    con.executemany(f"INSERT INTO event_clusters ({', '.join(CLUSTER_COLUMNS)}) "
                    f"VALUES ({marks})", (tuple(r[c] for c in CLUSTER_COLUMNS) for r in rows))


def _fill_links(con: sqlite3.Connection, out_dir: Path) -> None:
    def events() -> Iterator[tuple]:
        for _, item in iter_links(out_dir / LINKS, "events"):
            yield item["event_cluster_id"], item["doc_id"], item["event_index"]

    def participants() -> Iterator[tuple]:
        for _, item in iter_links(out_dir / LINKS, "participants"):
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
