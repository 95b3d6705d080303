"""report.py: the overview numbers, the safe embedding of data, the page's assembly."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from browser.sample_outputs import SCRIPT_PAYLOAD, sample_records, write_outputs

from communique.models import Date, DocumentRecord, Event, Participant
from communique.pipeline.writers import report


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return write_outputs(tmp_path / "outputs")


def _records(*events: Event) -> list[dict]:
    record = DocumentRecord(doc_id="d", source="d.txt", events=list(events))
    return [record.model_dump(mode="json")]


def _summary(out: Path) -> dict:
    return report.build_payload(out)["summary"]


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("documents", 5),
        ("events", 4),
        ("participants", 8),
        ("named_persons", 6),
        ("topics", 5),
        ("failed_inputs", 3),
        ("with_warnings", 3),
        ("without_events", 1),
    ],
)
def test_overview_counts(out, key, value):
    assert _summary(out)["counts"][key] == value


def test_failed_inputs_grouped_by_reason(out):
    assert _summary(out)["errors_by_reason"] == [
        {"reason": "empty text", "count": 2},
        {"reason": "too long", "count": 1},
    ]


def test_chart_series(out):
    summary = _summary(out)
    assert [m["month"] for m in summary["events_by_month"]] == [
        "2022-03", "2022-04", "2022-05", "2022-06",
    ]
    assert summary["events_by_type"] == [
        {"type": "meeting", "count": 1},
        {"type": "forum", "count": 1},
        {"type": "phone_call", "count": 1},
        {"type": "briefing", "count": 1},
    ]
    top = {d["label"]: d["count"] for d in summary["top_countries"]}
    assert top == {"Turkmenistan": 2, "Kazakhstan": 2, "Japan": 2, "Tajikistan": 1,
                   "Uzbekistan": 1}
    assert {d["label"] for d in summary["top_persons"]} >= {"S. Aslov", "Fumio Kishida"}


@pytest.mark.parametrize(
    ("starts", "months"),
    [
        (["2022-01-05", "2022-03-01"], [("2022-01", 1), ("2022-02", 0), ("2022-03", 1)]),
        (["2021-12-31", "2022-01-01"], [("2021-12", 1), ("2022-01", 1)]),
        (["1900-01-01", "2022-01-01"], [("1900-01", 1), ("2022-01", 1)]),  # too long to fill
        ([None], []),
    ],
)
def test_events_by_month_fills_gaps(starts, months):
    events = [Event(type="meeting", date=Date(start=s, end=s)) for s in starts]
    summary = report.summarise(_records(*events), [])
    assert [(m["month"], m["count"]) for m in summary["events_by_month"]] == months
    assert summary["undated_events"] == starts.count(None)


def test_who_met_whom_counts_pairs_of_countries_per_event(out):
    matrix = _summary(out)["matrix"]
    index = {c: i for i, c in enumerate(matrix["countries"])}
    cells = matrix["cells"]
    assert cells[index["Japan"]][index["Kazakhstan"]] == 2  # the call and the forum
    assert cells[index["Kazakhstan"]][index["Japan"]] == 2
    assert cells[index["Tajikistan"]][index["Turkmenistan"]] == 1
    assert cells[index["Japan"]][index["Turkmenistan"]] == 0


def test_one_country_on_both_sides_is_not_a_pair():
    people = [Participant(name=n, country="Japan", country_code="JP") for n in ("A B", "C D")]
    summary = report.summarise(_records(Event(type="meeting", participants=people)), [])
    assert summary["matrix"]["countries"] == []
    assert summary["top_countries"] == [{"label": "Japan", "count": 1}]


@pytest.mark.parametrize(
    "value",
    [SCRIPT_PAYLOAD, "</script><script>alert(1)</script>", "<!-- <script>", "a & b > c", "\u2028"],
)
def test_embedded_json_cannot_close_its_script_block(value):
    embedded = report.embed_json({"text": value})
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(embedded) == {"text": value}


def test_report_is_one_self_contained_file(out):
    page = report.build_report(out).read_text(encoding="utf-8")
    assert page.count("</script>") == 2  # the data block and the app
    assert SCRIPT_PAYLOAD not in page
    assert not re.search(r"<(link|script|img)[^>]+(src|href)=\"(?!data:)", page)
    data = re.search(r'id="communique-data">(.*?)</script>', page, re.S).group(1)
    assert [r["doc_id"] for r in json.loads(data)["records"]] == [
        r.doc_id for r in sample_records()
    ]


def test_content_security_policy_allows_only_the_page_script(out):
    page = report.build_report(out).read_text(encoding="utf-8")
    app = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    digest = base64.b64encode(hashlib.sha256(app.encode()).digest()).decode()
    csp = re.search(r'Content-Security-Policy" content="([^"]*)"', page).group(1)
    assert f"script-src &#x27;sha256-{digest}&#x27;" in csp
    assert "default-src &#x27;none&#x27;" in csp


def test_assets_fetch_nothing():
    for name in ("app.js", "review.js", "start.js", "style.css", "index.html"):
        text = (report.ASSETS / name).read_text(encoding="utf-8")
        urls = set(re.findall(r"https?://[^\s'\"`)]+", text))
        assert urls <= {"http://www.w3.org/2000/svg"}, name  # a namespace, not a fetch


def test_assets_never_insert_html():
    app = report.page_script()
    code = re.sub(r"/\*.*?\*/|//[^\n]*", "", app, flags=re.S)  # comments may name them
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", code)


def test_invalid_record_lines_are_left_out_and_reported(out):
    with (out / "records.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": "bad", "source": "x", "published": "2022-13-01"}) + "\n")
        fh.write("not json\n")
    payload = report.build_payload(out)
    assert len(payload["records"]) == 5
    assert payload["problems"] == [
        "records.jsonl line 6: published: Value error, month must be in 1..12"
    ]


def test_rebuild_replaces_the_report_atomically(out):
    first = report.build_report(out)
    second = report.build_report(out)
    assert first == second == out / "report" / "index.html"
    assert sorted(p.name for p in (out / "report").iterdir()) == ["index.html"]


def _page_data(page: str) -> dict:
    return json.loads(re.search(r'id="communique-data">(.*?)</script>', page, re.S).group(1))


def test_streamed_page_holds_exactly_the_payload(out):
    with (out / "records.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc_id": "bad", "source": "x", "published": "2022-13-01"}) + "\n")
    with (out / "errors.jsonl").open("a", encoding="utf-8") as fh:
        fh.write(json.dumps({"input": "x<y>&z", "reason": "</script> in a reason"}) + "\n")
    page = report.build_report(out).read_text(encoding="utf-8")
    assert page.count("</script>") == 2
    assert _page_data(page) == json.loads(report.embed_json(report.build_payload(out)))


@pytest.mark.parametrize(
    ("name", "title"),
    [(None, "Communique review: outputs"), ("march-2024", "Communique review: march-2024"),
     ("<b>&", "Communique review: &lt;b&gt;&amp;")],
)
def test_page_title_names_the_run(out, name, title):
    page = report.build_report(out, name=name).read_text(encoding="utf-8")
    assert f"<title>{title}</title>" in page


def test_events_by_type_most_frequent_first():
    events = [Event(type=t) for t in ("briefing", "meeting", "briefing", "forum", "meeting",
                                      "briefing")]
    summary = report.summarise(_records(*events), [])
    assert summary["events_by_type"] == [
        {"type": "briefing", "count": 3}, {"type": "meeting", "count": 2},
        {"type": "forum", "count": 1},
    ]


def test_run_id_follows_run_json(out):
    first = report.run_id(out)
    assert first == report.run_id(out) and len(first) == 16
    (out / "run.json").write_text('{"started": "2023-01-01T00:00:00"}', encoding="utf-8")
    assert report.run_id(out) != first
