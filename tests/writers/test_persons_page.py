"""The report's persons (writers/persons_page.py) over a real run of the linking test corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from communique.pipeline import run
from communique.pipeline.settings import Settings
from communique.pipeline.writers import persons_page

CORPUS = Path(__file__).parents[1] / "linking" / "corpus" / "releases.jsonl"


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report")
    run.run([CORPUS], out, Settings(workers=1))
    return out


def summary(folder: Path) -> dict:
    page = (folder / "report" / "index.html").read_text(encoding="utf-8")
    block = re.search(r'id="communique-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)["summary"]


def section(page: str, name: str) -> str:
    start = page.index(f">{name}</h2>")
    end = page.find("<h2", start)
    return page[start:end if end > 0 else None]


def test_persons_chart_counts_persons_and_events_not_reports(folder):
    s = summary(folder)
    assert s["counts"]["named_persons"] == 9
    assert [(p["label"], p["count"]) for p in s["top_persons"][:1]] == [("Liz Truss", 2)]
    assert sorted(p["count"] for p in s["top_persons"]) == [1] * 8 + [2]


def test_who_met_whom_by_person_counts_one_meeting_once(folder):
    m = summary(folder)["person_matrix"]
    names = m["countries"]
    truss, lavrov = names.index("Liz Truss"), names.index("Sergei Lavrov")
    assert m["cells"][truss][lavrov] == m["cells"][lavrov][truss] == 1
    assert sum(map(sum, m["cells"])) == 2 * 5  # five pairs met, each in one event
    assert len(names) == 9


def test_person_page_lists_every_event_with_counterparts_and_releases(folder):
    page = (folder / "report" / "persons.html").read_text(encoding="utf-8")
    truss = section(page, "Liz Truss")
    cells = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td>", truss)
    assert cells == [("2022-02-10", "meeting"), ("2022-09-21", "meeting")]
    assert re.findall(r'<a href="#P\w+">([^<]+)</a>', truss) == ["Sergei Lavrov",
                                                                  "Volodymyr Zelensky"]
    assert re.findall(r'index.html#doc/([\w-]+)"', truss) == \
        ["ru-meet-uk", "uk-meet-ru", "ua-pm-uk", "uk-pm-ua"]
    assert "<script" not in page
    assert page.count("<h2 id=") == 9


def test_no_linking_outputs_leaves_the_summary_as_counted(tmp_path):
    given = {"counts": {"named_persons": 3}, "top_persons": []}
    assert persons_page.with_persons(given, tmp_path) == {"counts": {"named_persons": 3},
                                                          "top_persons": []}
    assert persons_page.build_persons_page(tmp_path, tmp_path / "p.html", "t") is None
