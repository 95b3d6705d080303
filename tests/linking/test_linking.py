"""Linking over small records written for these tests (no shared corpus text)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from communique.pipeline.linking import officeholders as offices
from communique.pipeline.linking.names import compatible, name_key
from communique.pipeline.linking.tables import link_records, link_run
from communique.pipeline.rules import RuleDataError

HEADER = ("office,country_code,organization,role_category,title,name,aliases,start,"
          "start_exact,end\n")


def participant(name, role=None, category=None, code=None):
    return {"name": name, "role": role, "role_category": category,
            "country": None, "country_code": code}


def record(doc_id, day, *events, url=None):
    return {"doc_id": doc_id, "source": "test", "published": day, "url": url,
            "events": [{"type": kind, "date": {"start": day, "end": day},
                        "location": None, "participants": list(people)}
                       for kind, people in events]}


def linked(records):
    return link_records(lambda: records)


def person_ids(result):
    return {(x.doc_id, x.event_index, x.participant_index): x for x in result.participant_links()}


@pytest.mark.parametrize(("a", "b"), [
    ("Kassym-Jomart Tokayev", "Tokaev"), ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
    ("Dmitriy Petrov", "Dmitry Petrov"), ("Ivan Smirnoff", "Ivan Smirnov"),
    ("Gurbanguly Berdimuhamedow", "Gurbanguly Berdymukhamedov"), ("S. Aslov", "Sirojiddin Aslov"),
    ("Recep Tayyip Erdoğan", "Tayyip Erdogan"), ("Joe Biden", "Joseph Biden"),
])
def test_transliterations_are_one_name(a, b):
    assert compatible(name_key(a), name_key(b))


@pytest.mark.parametrize(("a", "b"), [
    ("Ilham Aliyev", "Heydar Aliyev"), ("Ilham Aliyev", "Mehriban Aliyeva"),
    ("R. Meredov", "S. Meredov"),
])
def test_different_names_stay_apart(a, b):
    assert not compatible(name_key(a), name_key(b))


def test_title_fragment_is_no_person():
    assert name_key("Republic") is None and name_key("Prime Minister") is None


def test_namesakes_in_one_document_never_merged():
    records = [record("d1", "2020-03-02", ("meeting", [
        participant("Anna Karimova", "Minister", "minister", "UZ"),
        participant("Dilnoza Karimova", "Ambassador", "ambassador", "UZ"),
        participant("Karimova", None, None, "UZ")]))]
    links = person_ids(linked(records))
    assert links[("d1", 0, 0)].person_id != links[("d1", 0, 1)].person_id
    assert links[("d1", 0, 2)].person_id is None  # fits both: left unlinked


def test_variants_across_documents_are_one_person_with_canonical_fullest_name():
    records = [record("d1", "2019-05-02", ("phone_call", [participant("Tokaev", "President",
                                                                     "head_of_state", "KZ")])),
               record("d2", "2019-06-10", ("meeting", [participant("Kassym-Jomart Tokayev",
                                                                  "President", "head_of_state",
                                                                  "KZ")]))]
    result = linked(records)
    links = person_ids(result)
    assert links[("d1", 0, 0)].person_id == links[("d2", 0, 0)].person_id
    (person,) = result.persons
    assert person.canonical_name == "Kassym-Jomart Tokayev"
    assert person.country_code == "KZ" and person.country_count == 2


def test_minister_who_became_prime_minister_is_one_person_with_both_roles():
    records = [record("d1", "2018-02-01", ("meeting", [participant(
                   "Aibek Nurlanov", "Minister of Foreign Affairs", "foreign_minister", "KG")])),
               record("d2", "2021-07-01", ("meeting", [participant(
                   "Aibek Nurlanov", "Prime Minister", "head_of_government", "KG")]))]
    (person,) = linked(records).persons
    roles = {r.category: (r.first, r.last) for r in person.roles}
    assert roles["foreign_minister"] == (dt.date(2018, 2, 1), dt.date(2018, 2, 1))
    assert roles["head_of_government"] == (dt.date(2021, 7, 1), dt.date(2021, 7, 1))


def test_country_from_the_corpus_and_no_country_lost():
    records = [record(f"d{i}", f"2020-0{i}-01", ("meeting", [participant(
                   "Bakhtiyor Umarov", "Ambassador", "ambassador", "UZ")])) for i in (1, 2, 3, 4)]
    records.append(record("d5", "2020-05-01", ("meeting", [
        participant("Bakhtiyor Umarov", "Ambassador", "ambassador", "TJ")])))
    records.append(record("d6", "2020-06-01", ("meeting", [
        participant("B. Umarov", "Ambassador", "ambassador")])))
    links = person_ids(linked(records))
    assert links[("d6", 0, 0)].country_code == "UZ"
    assert links[("d6", 0, 0)].country_source == "corpus"
    assert links[("d5", 0, 0)].country_code == "TJ"
    for key, link in links.items():
        written = records[int(key[0][1]) - 1]["events"][key[1]]["participants"][key[2]]
        if written["country_code"]:
            assert (link.country_code, link.country_source) == (written["country_code"], "text")


@pytest.mark.parametrize(("name", "role", "category", "day", "person", "code"), [
    ("Biden", "President", "head_of_state", "2021-12-09", "Joseph Biden", "US"),
    ("Lavrov", "Foreign Minister", "foreign_minister", "2019-04-01", "Sergey Lavrov", "RU"),
    ("S. Aslov", "Minister of Foreign Affairs", "foreign_minister", "2016-03-01",
     "Sirojiddin Muhriddin", "TJ"),
    ("Johnson", "Foreign Secretary", "foreign_minister", "2017-01-05", "Boris Johnson", "GB"),
    ("Johnson", "Prime Minister", "head_of_government", "2020-01-05", "Boris Johnson", "GB"),
])
def test_officeholder_resolution_by_date(name, role, category, day, person, code):
    held = offices.default().resolve(name_key(name), category, dt.date.fromisoformat(day))
    assert (held.name, held.country_code) == (person, code)
    records = [record("d1", day, ("meeting", [participant(name, role, category)]))]
    (link,) = linked(records).participant_links()
    assert (link.country_code, link.country_source) == (code, "officeholders")


def test_officeholder_not_resolved_outside_the_term():
    assert offices.default().resolve(name_key("Johnson"), "head_of_government",
                                     dt.date(2017, 1, 5)) is None


def test_no_office_has_overlapping_holders():
    assert offices.overlaps(offices.load()) == []


def test_overlap_is_refused_at_load(tmp_path):
    header = HEADER
    (tmp_path / "o.csv").write_text(header
        + "XX-p,KZ,,head_of_state,President,Ali Bek,,2016-01-01,true,2018-01-01\n"
        + "XX-p,KZ,,head_of_state,President,Bek Ali,,2017-06-01,true,\n", encoding="utf-8")
    with pytest.raises(RuleDataError, match="two holders at once"):
        offices.load(tmp_path, "o.csv")


def test_bad_row_names_file_and_line(tmp_path):
    header = HEADER
    (tmp_path / "o.csv").write_text(header
        + "XX-p,KZ,,head_of_state,President,Ali Bek,,2016-01-01,true,2015-01-01\n",
        encoding="utf-8")
    with pytest.raises(RuleDataError, match=r"o\.csv:2"):
        offices.load(tmp_path, "o.csv")


def test_call_reported_by_both_sides_is_one_event_cluster():
    call = [participant("Rashid Meredov", "Minister", "foreign_minister", "TM"),
            participant("Hiroshi Tanaka", "Minister", "foreign_minister", "JP")]
    other = [participant("Rashid Meredov", "Minister", "foreign_minister", "TM"),
             participant("Pierre Martin", "Minister", "foreign_minister", "FR")]
    records = [record("tm1", "2019-03-13", ("phone_call", call), url="https://mfa.tm/a"),
               record("jp1", "2019-03-14", ("phone_call", list(reversed(call))),
                      url="https://mofa.jp/b"),
               record("tm2", "2019-03-13", ("phone_call", other), url="https://mfa.tm/c")]
    result = linked(records)
    assert result.cluster_of["tm1#0"] == result.cluster_of["jp1#0"]
    assert result.cluster_of["tm2#0"] != result.cluster_of["tm1#0"]


def test_one_site_two_days_are_two_events():
    call = [participant("Rashid Meredov", None, None, "TM"),
            participant("Hiroshi Tanaka", None, None, "JP")]
    records = [record("a", "2019-03-13", ("phone_call", call), url="https://mfa.tm/a"),
               record("b", "2019-03-14", ("phone_call", call), url="https://mfa.tm/b")]
    result = linked(records)
    assert result.cluster_of["a#0"] != result.cluster_of["b#0"]


def test_link_run_writes_files_and_ids_are_stable(tmp_path):
    records = [record("d1", "2021-12-09", ("meeting", [participant("Biden", "President",
                                                                  "head_of_state")]))]
    path = tmp_path / "records.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    first = link_run(path, tmp_path / "a")
    second = link_run(path, tmp_path / "b")
    assert [p.person_id for p in first.persons] == [p.person_id for p in second.persons]
    links = json.loads((tmp_path / "a" / "links.json").read_text(encoding="utf-8"))
    assert links["participants"][0]["country_source"] == "officeholders"
    assert links["events"][0]["event_cluster_id"].startswith("E")
    assert (tmp_path / "a" / "persons.csv").read_text().startswith("person_id,")
    assert not list((tmp_path / "a").glob(".*tmp"))


def test_pairwise_scores_count_pairs():
    from communique.pipeline.linking.evaluate import pairwise
    score = pairwise([("a", 1), ("a", 1), ("a", 2), ("b", 2)])
    assert (score["true_pairs"], score["gold_pairs"], score["predicted_pairs"]) == (1, 3, 2)
    assert score["precision"] == 0.5 and score["recall"] == pytest.approx(1 / 3)


def test_an_initial_and_a_full_given_name_of_two_people_sort_without_error():
    """Two persons whose keys differ only in an initial vs. a full given name (different
    countries, so never merged): ordering them used to compare None with a str."""
    records = [
        record("d1", "2020-01-01", ("meeting", [participant("A. Karimov", "Ambassador",
                                                            "ambassador", "UZ")])),
        record("d2", "2020-02-01", ("meeting", [participant("Anvar Karimov", "Ambassador",
                                                            "ambassador", "TJ")])),
    ]
    links = person_ids(linked(records))
    assert {link.country_code for link in links.values()} == {"UZ", "TJ"}
    assert len({link.person_id for link in links.values()}) == 2
    assert sorted([name_key("Anvar Karimov"), name_key("A. Karimov")]) == [
        name_key("A. Karimov"), name_key("Anvar Karimov")]
