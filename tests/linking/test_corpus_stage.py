"""The corpus stage inside a real run, over the releases of tests/linking/corpus/.

Those releases were written for these tests (see its README): a call and two
meetings each reported by both sides, transliterations, a foreign secretary
who became prime minister, and namesakes of one day.
"""

from __future__ import annotations

import csv
import datetime
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from communique.pipeline import run
from communique.pipeline.components import pipeline
from communique.pipeline.run import work
from communique.pipeline.settings import Settings
from communique.pipeline.writers import export

CORPUS = Path(__file__).parent / "corpus" / "releases.jsonl"
TWICE_REPORTED = {frozenset({"kz-call-ru", "ru-call-kz"}), frozenset({"ru-meet-uk", "uk-meet-ru"}),
                  frozenset({"uk-pm-ua", "ua-pm-uk"})}
LINKED = ("persons.csv", "event_clusters.csv", "links.json", "events.csv", "participants.csv")


def go(inputs: Path, out: Path) -> run.RunResult:
    return run.run([inputs], out, Settings(workers=1), report=False)


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("linked")
    go(CORPUS, out)
    return out


def rows(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def records(folder: Path) -> list[dict]:
    return [json.loads(x) for x in (folder / "records.jsonl").read_text().splitlines()]


def person_of(folder: Path, name: str) -> dict:
    found = [p for p in rows(folder / "persons.csv") if name in p["variants"].split(";")]
    assert len(found) == 1, found
    return found[0]


def test_every_event_reported_by_two_releases_is_one_cluster(folder):
    clusters = rows(folder / "event_clusters.csv")
    reported = {frozenset(c["doc_ids"].split(";")) for c in clusters}
    assert {c for c in reported if len(c) > 1} == TWICE_REPORTED
    assert len(clusters) == 5  # the two Petrov events of 2021-04-14 stay two


def test_persons_fold_spellings_and_keep_namesakes_apart(folder):
    persons = rows(folder / "persons.csv")
    assert len(persons) == 9
    assert sorted(person_of(folder, "Kassym-Jomart Tokaev")["variants"].split(";")) == \
        ["Kassym-Jomart Tokaev", "Kassym-Jomart Tokayev"]
    assert sorted(person_of(folder, "Sergey Lavrov")["variants"].split(";")) == \
        ["Sergei Lavrov", "Sergey Lavrov"]
    assert person_of(folder, "Ivan Petrov")["person_id"] != \
        person_of(folder, "Pavel Petrov")["person_id"]


def test_minister_who_became_prime_minister_is_one_person_with_both_roles(folder):
    truss = person_of(folder, "Elizabeth Truss")
    roles = [(r["category"], r["first"], r["last"]) for r in json.loads(truss["roles"])]
    assert roles == [("foreign_minister", "2022-02-10", "2022-02-10"),
                     ("head_of_government", "2022-09-21", "2022-09-21")]
    assert (truss["country_code"], truss["n_mentions"]) == ("GB", "4")


def test_tables_get_link_columns_appended_and_no_country_is_lost(folder):
    participants = rows(folder / "participants.csv")
    assert list(participants[0])[:len(export.PARTICIPANT_COLUMNS)] == \
        list(export.PARTICIPANT_COLUMNS)
    assert list(participants[0])[len(export.PARTICIPANT_COLUMNS):] == \
        ["person_id", "country_source"]
    assert list(rows(folder / "events.csv")[0])[-1] == "event_cluster_id"
    written = {(r["doc_id"], str(e), str(i)): p.get("country_code")
               for r in records(folder) for e, ev in enumerate(r["events"])
               for i, p in enumerate(ev["participants"])}
    for row in participants:
        had = written[(row["doc_id"], row["event_index"], row["participant_index"])]
        if had:
            assert (row["country_code"], row["country_source"]) == (had, "text")
    # the Kremlin-style release names Putin without a country: the table knows it
    putin = [r for r in participants
             if r["doc_id"] == "ru-call-kz" and r["name"] == "Vladimir Putin"]
    assert [(r["country_code"], r["country_source"]) for r in putin] == \
        [("RU", "officeholders")]
    assert written[("ru-call-kz", "0", "1")] is None


def test_database_has_the_linking_tables_with_keys(folder):
    con = sqlite3.connect(folder / "communique.db")
    assert con.execute("PRAGMA foreign_key_check").fetchall() == []
    assert con.execute("SELECT count(*) FROM persons").fetchone() == (9,)
    meetings = con.execute(
        "SELECT e.doc_id, e.event_cluster_id FROM persons s "
        "JOIN participants p ON p.person_id = s.person_id "
        "JOIN events e ON e.doc_id = p.doc_id AND e.event_index = p.event_index "
        "WHERE s.canonical_name = 'Liz Truss' ORDER BY e.doc_id").fetchall()
    assert [doc for doc, _ in meetings] == ["ru-meet-uk", "ua-pm-uk", "uk-meet-ru", "uk-pm-ua"]
    assert len({cid for _, cid in meetings}) == 2
    assert con.execute("SELECT count(*) FROM person_variants WHERE person_id = "
                       "(SELECT person_id FROM persons WHERE canonical_name = 'Liz Truss')"
                       ).fetchone() == (2,)
    assert con.execute("SELECT count(*) FROM event_cluster_members").fetchone() == (8,)
    con.close()


def _parquet(folder: Path, table: str) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(folder / f"{table}.parquet").to_pylist()


def _cells(value) -> str:
    """A typed Parquet cell as the CSV writes it."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(value)
    return str(value)


def test_a_parquet_only_run_has_the_linking_tables_and_columns_of_the_csv_run(folder,
                                                                              tmp_path):
    run.run([CORPUS], tmp_path, Settings(workers=1), report=False, formats={"parquet"})
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == []
    persons = _parquet(tmp_path, "persons")
    assert [(p["person_id"], p["canonical_name"], ";".join(p["variants"]), p["country_code"])
            for p in persons] == [(p["person_id"], p["canonical_name"], p["variants"],
                                   p["country_code"]) for p in rows(folder / "persons.csv")]
    truss = next(p for p in persons if p["canonical_name"] == "Liz Truss")
    assert [r["category"] for r in truss["roles"]] == [
        r["category"] for r in json.loads(person_of(folder, "Liz Truss")["roles"])]
    assert isinstance(truss["first_seen"], datetime.date)
    clusters = _parquet(tmp_path, "event_clusters")
    assert [(c["event_cluster_id"], c["doc_ids"], c["n_documents"]) for c in clusters] == [
        (c["event_cluster_id"], c["doc_ids"].split(";"), int(c["n_documents"]))
        for c in rows(folder / "event_clusters.csv")]
    for table in ("events", "participants"):
        csv_rows = rows(folder / f"{table}.csv")
        linked = list(csv_rows[0])[-2:] if table == "participants" else ["event_cluster_id"]
        wanted = ["country", "country_code", *linked] if table == "participants" else linked
        assert [[_cells(r[c]) for c in wanted] for r in _parquet(tmp_path, table)] == \
            [[r[c] for c in wanted] for r in csv_rows], table


def test_a_sqlite_only_run_has_the_linking_tables_the_csv_columns_and_the_persons_page(
        folder, tmp_path):
    run.run([CORPUS], tmp_path, Settings(workers=1), formats={"sqlite"})
    assert sorted(p.name for p in tmp_path.glob("*.csv")) == []
    con = sqlite3.connect(tmp_path / "communique.db")

    def names(table: str) -> list[str]:
        return [r[1] for r in con.execute(f"PRAGMA table_info({table})")]

    names_of_persons = names("persons")
    assert names_of_persons == list(rows(folder / "persons.csv")[0])
    assert names("event_clusters") == list(rows(folder / "event_clusters.csv")[0])
    assert names("events") == list(rows(folder / "events.csv")[0])
    assert names("participants") == list(rows(folder / "participants.csv")[0])
    assert con.execute("SELECT person_id, country_code, country_source FROM participants "
                       "ORDER BY doc_id, event_index, participant_index").fetchall() == [
        (r["person_id"] or None, r["country_code"] or None, r["country_source"] or None)
        for r in sorted(rows(folder / "participants.csv"), key=lambda r: (
            r["doc_id"], int(r["event_index"]), int(r["participant_index"])))]
    assert con.execute("SELECT count(*) FROM event_cluster_members").fetchone() == (8,)
    con.close()
    page = (tmp_path / "report" / "persons.html").read_text(encoding="utf-8")
    assert page.count("<h2 id=") == 9
    meta = json.loads((tmp_path / "metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["communique"]["tables"]
    assert list(tables["persons"]["columns"]) == names_of_persons
    assert list(tables["events"]["columns"])[-1] == "event_cluster_id"
    assert list(tables["participants"]["columns"])[-2:] == ["person_id", "country_source"]


def test_rerun_relinks_from_the_cache_without_the_model(tmp_path, monkeypatch):
    inputs = tmp_path / "releases.jsonl"
    shutil.copy(CORPUS, inputs)
    out = tmp_path / "out"
    go(inputs, out)
    first = {name: (out / name).read_bytes() for name in LINKED}

    def no_model(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(pipeline, "build", no_model)
    monkeypatch.setattr(work, "_LOADED", set())
    again = go(inputs, out)
    assert (again.run_info["counts"]["cached"], again.run_info["counts"]["processed"]) == (8, 0)
    assert {name: (out / name).read_bytes() for name in LINKED} == first


def test_one_changed_release_is_the_only_one_reprocessed_and_relinked(tmp_path):
    inputs = tmp_path / "releases.jsonl"
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    inputs.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    go(inputs, out)
    changed = [json.loads(x) for x in lines]
    ua = next(r for r in changed if r["id"] == "ua-pm-uk")
    ua["published"] = "2022-09-25"  # a later day: no longer the New York meeting
    inputs.write_text("".join(json.dumps(r) + "\n" for r in changed), encoding="utf-8")
    again = go(inputs, out)
    assert (again.run_info["counts"]["cached"], again.run_info["counts"]["processed"]) == (7, 1)
    reported = {frozenset(c["doc_ids"].split(";")) for c in rows(out / "event_clusters.csv")}
    assert {c for c in reported if len(c) > 1} == TWICE_REPORTED - {
        frozenset({"uk-pm-ua", "ua-pm-uk"})}


def test_evaluate_clusters_command_scores_persons_and_events_pairwise(folder, tmp_path):
    from typer.testing import CliRunner

    from communique.pipeline.cli.app import app

    out = tmp_path / "scores.json"
    gold = Path(__file__).parent / "corpus" / "gold_clusters.json"
    result = CliRunner().invoke(app, ["evaluate", str(folder), str(folder), "--clusters",
                                      str(gold), "--json", str(out)])
    assert result.exit_code == 0, result.output
    scores = json.loads(out.read_text(encoding="utf-8"))["clusters"]
    assert [scores["persons"][k] for k in ("true_pairs", "gold_pairs", "predicted_pairs")] == \
        [10, 10, 10]
    assert [scores["events"][k] for k in ("true_pairs", "gold_pairs", "predicted_pairs")] == \
        [3, 3, 3]
    assert (scores["persons"]["precision"], scores["events"]["recall"]) == (1.0, 1.0)


def test_evaluate_clusters_needs_records(tmp_path):
    from typer.testing import CliRunner

    from communique.pipeline.cli.app import app

    (tmp_path / "gold").mkdir()
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "gold"), str(tmp_path / "gold"),
                                      "--clusters", str(tmp_path / "g.json")])
    assert result.exit_code == 2


def _readme_block(language: str) -> str:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("All meetings of person X"):]
    return section.split(f"```{language}\n", 1)[1].split("```", 1)[0]


def test_readme_queries_find_every_meeting_of_a_person_once(folder):
    sql = _readme_block("sql").replace("Sergey Lavrov", "Liz Truss")
    con = sqlite3.connect(folder / "communique.db")
    found = con.execute(sql).fetchall()
    con.close()
    assert [(date, kind, sorted(docs.split(","))) for _, date, kind, docs in found] == [
        ("2022-02-10", "meeting", ["ru-meet-uk", "uk-meet-ru"]),
        ("2022-09-21", "meeting", ["ua-pm-uk", "uk-pm-ua"])]
    code = _readme_block("python").replace("Sergey Lavrov", "Liz Truss")
    code = code.replace("outputs/", f"{folder}/")
    setup, _, last = code.rpartition("\nmeetings.groupby")
    scope: dict = {}
    exec(setup, scope)  # the README's own example
    table = eval("meetings.groupby" + last, scope)
    assert sorted(table["date"]) == ["2022-02-10", "2022-09-21"]


def test_a_failing_corpus_stage_fails_the_run_and_keeps_the_previous_outputs(tmp_path,
                                                                             monkeypatch):
    """Issue 12: any failed output step fails the run; linking is one of them."""
    from communique.pipeline.linking import stage
    from communique.pipeline.run.runner import OutputFailed

    run.run([CORPUS], tmp_path, Settings(workers=1))
    before = (tmp_path / "participants.csv").read_bytes()

    def broken(*args, **kwargs):
        raise ValueError("bad link data")

    monkeypatch.setattr(stage, "link_run", broken)
    with pytest.raises(OutputFailed, match=r"linking: link_outputs failed \(ValueError: bad link"):
        run.run([CORPUS], tmp_path, Settings(workers=1), use_cache=False)
    assert (tmp_path / "participants.csv").read_bytes() == before
    assert (tmp_path / "persons.csv").exists()
