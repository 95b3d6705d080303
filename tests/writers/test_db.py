"""db.py: communique.db holds the run's tables with their keys and indexes."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from browser.sample_outputs import sample_records, write_outputs

from communique.pipeline.writers import db, export


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return write_outputs(tmp_path / "outputs")


def _query(path: Path, sql: str) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("table", "rows"),
    [("documents", 5), ("events", 4), ("participants", 8), ("topics", 5), ("errors", 3)],
)
def test_tables_from_records(out, table, rows):
    path = db.write_db(out)
    assert _query(path, f"SELECT count(*) FROM {table}") == [(rows,)]


def test_keys_join_items_to_events_and_documents(out):
    path = db.write_db(out)
    rows = _query(path, """
        SELECT d.doc_id, e.type, p.name FROM participants p
        JOIN events e ON e.doc_id = p.doc_id AND e.event_index = p.event_index
        JOIN documents d ON d.doc_id = p.doc_id
        WHERE p.country_code = 'TJ'""")
    assert rows == [("mfa-001-meeting", "meeting", "S. Aslov")]


def test_documents_carry_their_text(out):
    path = db.write_db(out)
    [(text,)] = _query(path, "SELECT text FROM documents WHERE doc_id = 'mfa-002-call'")
    assert "Fumio Kishida" in text


@pytest.mark.parametrize(
    ("table", "columns"),
    [
        ("participants", ("doc_id", "event_index")),
        ("topics", ("doc_id", "event_index")),
        ("participants", ("country_code",)),
        ("errors", ("reason",)),
    ],
)
def test_indexes(out, table, columns):
    path = db.write_db(out)
    indexes = [name for (name,) in _query(path, f"SELECT name FROM pragma_index_list('{table}')")]
    indexed = {tuple(c for (c,) in _query(path, f"SELECT name FROM pragma_index_info('{i}')"))
               for i in indexes}
    assert columns in indexed


@pytest.mark.parametrize(("table", "key"), [("documents", ["doc_id"]),
                                            ("events", ["doc_id", "event_index"])])
def test_primary_keys(out, table, key):
    path = db.write_db(out)
    info = _query(path, f"SELECT name, pk FROM pragma_table_info('{table}') WHERE pk > 0")
    assert [name for name, _ in sorted(info, key=lambda r: r[1])] == key


@pytest.mark.parametrize("table", ["participants", "topics"])
def test_items_point_at_their_document_and_event(out, table):
    path = db.write_db(out)
    sql = f"SELECT \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('{table}')"
    assert sorted(_query(path, sql)) == [
        ("documents", "doc_id", "doc_id"),
        ("events", "doc_id", "doc_id"), ("events", "event_index", "event_index"),
    ]
    assert _query(path, "PRAGMA foreign_key_check") == []


@pytest.mark.parametrize(("table", "key"), [
    ("participants", ["doc_id", "event_index", "participant_index"]),
    ("topics", ["doc_id", "event_index", "topic_index"]),
])
def test_item_primary_keys(out, table, key):
    test_primary_keys(out, table, key)


@pytest.mark.parametrize(("query", "ids"), [
    ("documents_fts MATCH 'logistics'", ["mfa-001-meeting"]),
    ("documents_fts MATCH 'title: telephone'", ["mfa-002-call"]),
    ("documents_fts MATCH 'ministers'", ["mfa-001-meeting", "mfa-003-forum"]),
])
def test_release_text_is_searchable(out, query, ids):
    path = db.write_db(out)
    sql = ("SELECT d.doc_id FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
           f" WHERE {query} ORDER BY d.doc_id")
    assert [doc for (doc,) in _query(path, sql)] == ids


def test_topics_are_searchable(out):
    path = db.write_db(out)
    sql = ("SELECT t.doc_id, t.text FROM topics_fts JOIN topics t ON t.rowid = topics_fts.rowid"
           " WHERE topics_fts MATCH 'security'")
    assert sorted(_query(path, sql)) == [("mfa-001-meeting", "regional security issues"),
                                         ("mfa-004-markup", "<i>cyber security</i>")]


@pytest.mark.parametrize("table", ["documents", "events", "participants", "topics"])
def test_columns_are_the_csv_columns(out, table):
    path = db.write_db(out)
    info = _query(path, f"SELECT name FROM pragma_table_info('{table}')")
    columns = tuple(name for (name,) in info)
    assert columns == export.TABLES[table] + (("text",) if table == "documents" else ())


def test_values_keep_their_types(out):
    path = db.write_db(out)
    rows = _query(path, """
        SELECT date_year_inferred, location_lat, participant_count, evidence_spans
        FROM events WHERE doc_id = 'mfa-001-meeting'""")
    [evidence] = sample_records()[0].events[0].evidence
    assert rows == [(0, 37.95, 2, f"{evidence.start}:{evidence.end}")]


@pytest.mark.parametrize(
    ("name", "values", "kind"),
    [
        ("doc_id", [1, 2], "TEXT"),
        ("event_index", [0, None], "INTEGER"),
        ("n", [1, -2, None], "INTEGER"),
        ("flag", [True, False, None], "INTEGER"),
        ("lon", [58.3, None, 1], "REAL"),
        ("code", ["007", 8], "TEXT"),
        ("empty", [None, None], "TEXT"),
    ],
)
def test_column_types(name, values, kind):
    assert db._column_type(name, values) == kind


def test_rewrite_replaces_the_file_and_leaves_no_temp(out):
    first = db.write_db(out)
    second = db.write_db(out)
    assert first == second == out / "communique.db"
    assert sorted(p.name for p in out.iterdir() if "communique" in p.name) == ["communique.db"]
    assert _query(second, "SELECT count(*) FROM events") == [(4,)]


def test_failed_write_keeps_the_old_database(out, monkeypatch):
    path = db.write_db(out)

    def broken(*args, **kwargs):
        raise sqlite3.OperationalError("disk full")

    monkeypatch.setattr(db, "_create_indexes", broken)
    with pytest.raises(sqlite3.OperationalError):
        db.write_db(out)
    assert _query(path, "SELECT count(*) FROM events") == [(4,)]
    assert sorted(p.name for p in out.iterdir() if "communique" in p.name) == ["communique.db"]


@pytest.mark.parametrize("batch", [1, 2, 1000])
def test_streamed_tables_match_the_in_memory_ones(out, monkeypatch, batch):
    monkeypatch.setattr(db, "BATCH", batch)
    path = db.write_db(out)
    for table, (columns, rows) in db.collect_tables(out).items():
        kinds = [db._column_type(c, [row[i] for row in rows]) for i, c in enumerate(columns)]
        info = _query(path, f"SELECT type FROM pragma_table_info('{table}')")
        declared = [kind for (kind,) in info]
        assert declared == kinds
        stored = _query(path, f"SELECT * FROM {table}")
        assert sorted(stored, key=repr) == sorted(rows, key=repr)


def test_duplicate_keys_are_skipped_across_batches(out, monkeypatch, caplog):
    monkeypatch.setattr(db, "BATCH", 2)
    lines = (out / "records.jsonl").read_text(encoding="utf-8").splitlines()
    (out / "records.jsonl").write_text("\n".join(lines + lines[:1]) + "\n", encoding="utf-8")
    path = db.write_db(out)
    assert _query(path, "SELECT count(*) FROM documents") == [(5,)]
    assert "documents: 1 rows with a duplicate key skipped" in caplog.text
