"""`communique.read_run`: the tables of an output folder as typed DataFrames."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

import communique
from communique.pipeline.run.runner import run
from communique.pipeline.settings import Settings

RELEASES = {
    "2019-03-14-visit.txt": (
        "ASHGABAT, 14 March 2019 — On 13 March, the Minister of Foreign Affairs of "
        "Turkmenistan R. Meredov met with the Ambassador of Japan K. Sato in the Ministry of "
        "Foreign Affairs of Turkmenistan. The sides discussed transport and logistics."),
    "2020-06-02-call.txt": (
        "On 1 June 2020, the Minister of Foreign Affairs of Kazakhstan Mukhtar Tileuberdi "
        "had a telephone conversation with the Minister of Foreign Affairs of Hungary "
        "Peter Szijjarto. The ministers discussed energy cooperation."),
}


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("read_run")
    (root / "in").mkdir()
    for name, text in RELEASES.items():
        (root / "in" / name).write_text(text, encoding="utf-8")
    run([root / "in"], root / "out", Settings(workers=1), report=False)
    return root / "out"


def test_tables_have_real_dtypes(out_dir: Path) -> None:
    tables = communique.read_run(out_dir)
    events = tables.events
    assert list(events["date_start"]) == [pd.Timestamp("2019-03-13"), pd.Timestamp("2020-06-01")]
    assert str(events["date_start"].dtype) == "datetime64[ns]"
    assert str(events["event_index"].dtype) == "Int64"
    assert str(events["date_year_inferred"].dtype) == "boolean"
    assert list(events["type"].cat.categories) == ["meeting", "consultations", "visit", "forum",
                                                   "phone_call", "signing", "briefing", "other"]
    assert list(events["type"]) == ["meeting", "phone_call"]
    assert list(events["cameo_code"].astype(str)) == ["040", "041"]
    assert str(tables.topics["session"].dtype) == "Int64"
    assert str(tables.documents["published"].dtype) == "datetime64[ns]"
    assert str(tables.participants["role_category"].dtype) == "category"


def test_dyads_are_in_the_csv_the_database_and_read_run(out_dir: Path) -> None:
    expected = [("2019-03-14-visit", "TM", "JP", "host"),
                ("2020-06-02-call", "KZ", "HU", "symmetric"),
                ("2020-06-02-call", "HU", "KZ", "symmetric")]
    frame = communique.read_run(out_dir).dyads
    assert list(frame[["doc_id", "source", "target", "direction"]].itertuples(
        index=False, name=None)) == expected
    with (out_dir / "dyads.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["doc_id"], r["source"], r["target"], r["direction"]) for r in rows] == expected
    with sqlite3.connect(out_dir / "communique.db") as con:
        found = con.execute("SELECT doc_id, source, target, direction FROM dyads").fetchall()
    assert found == expected


def test_an_unknown_table_names_the_ones_there(out_dir: Path) -> None:
    with pytest.raises(AttributeError, match="'persons': this run has the tables"):
        _ = communique.read_run(out_dir).persons
    with pytest.raises(FileNotFoundError):
        communique.read_run(out_dir / "missing")
