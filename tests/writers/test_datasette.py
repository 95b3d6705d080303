"""metadata.json beside communique.db: every table and column described, search declared."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser.sample_outputs import write_outputs

from communique.pipeline.writers import datasette, db, export


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return write_outputs(tmp_path / "outputs")


def test_metadata_is_written_beside_the_database(out):
    db.write_db(out)
    meta = json.loads((out / "metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["communique"]["tables"]
    assert sorted(tables) == ["documents", "documents_fts", "dyads", "errors", "events",
                              "participants", "topics", "topics_fts"]
    assert tables["documents"]["fts_table"] == "documents_fts"
    assert tables["topics"]["fts_table"] == "topics_fts"
    for name, columns in export.TABLES.items():
        assert tuple(tables[name]["columns"])[:len(columns)] == columns
        assert all(tables[name]["columns"].values())
    # a folder never linked (no links.json): its database has no linking columns to describe
    assert "event_cluster_id" not in tables["events"]["columns"]


def test_a_column_missing_from_columns_yaml_is_an_error(tmp_path):
    text = datasette.COLUMNS_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "columns.yaml"
    broken.write_text(text.replace("    topic_count: Number of topics of the event.\n", ""),
                      encoding="utf-8")
    with pytest.raises(datasette.ColumnsError, match="events: columns"):
        datasette.load_descriptions(broken)


def test_readme_lists_every_column():
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    for name, doc in datasette.load_descriptions().items():
        for column, text in doc.columns.items():
            assert f"| `{column}` | {text} |" in readme, (name, column)
