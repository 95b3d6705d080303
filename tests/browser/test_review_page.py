"""The review workflow in headless Chromium: spans from a selection, accept/reject,
saved work, keyboard, corrections out and back in as gold that evaluate scores."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.models import DocumentRecord, Span, Topic
from communique.pipeline.evaluation import load_records, score
from communique.pipeline.evaluation.corrections import import_corrections

from .sample_outputs import sample_records

pytestmark = pytest.mark.browser
expect = pytest.importorskip(
    "playwright.sync_api", reason="browser tests skipped: playwright is not installed"
).expect

MEETING = "mfa-001-meeting"
MEETING_TEXT = sample_records()[0].text

SELECT_JS = """([start, end]) => {
  const pre = document.getElementById('doctext');
  const walker = document.createTreeWalker(pre, NodeFilter.SHOW_TEXT);
  const range = document.createRange();
  let at = 0, node;
  while ((node = walker.nextNode())) {
    const n = node.textContent.length;
    if (start >= at && start <= at + n) range.setStart(node, start - at);
    if (end >= at && end <= at + n) { range.setEnd(node, end - at); break; }
    at += n;
  }
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
  pre.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
}"""


def open_doc(page, report_url: str, doc_id: str = MEETING) -> None:
    page.goto(f"{report_url}#doc/{doc_id}")
    page.wait_for_selector("#record .event")


def select_and_add(page, phrase: str, field: str) -> tuple[int, int]:
    """Select `phrase` (its first occurrence) in the text and add it as `field`."""
    start = MEETING_TEXT.index(phrase)
    page.evaluate(SELECT_JS, [start, start + len(phrase)])
    page.click(f"#span-adder button[data-field='{field}']")
    return start, start + len(phrase)


def item(page, ref: str):
    return page.locator(f"#record [data-ref='{ref}']")


def states(page) -> dict[str, str]:
    return dict(page.eval_on_selector_all(
        "#record .rv", "els => els.map(e => [e.dataset.ref, e.dataset.review])"))


def download_gold(page, tmp_path: Path) -> dict:
    with page.expect_download() as info:
        page.click("#download-gold")
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return json.loads(path.read_text(encoding="utf-8"))


def test_selected_phrase_becomes_a_topic_with_its_offsets(watched, report_url, tmp_path):
    page = watched.page
    open_doc(page, report_url)
    start, end = select_and_add(page, "Foreign ministers", "topic")
    assert (start, end) == (0, 17)
    assert states(page)["e0.t2"] == "added"
    assert page.locator("#doctext mark[data-kind='topic']").all_inner_texts() == [
        "Foreign ministers", "transport and logistics", "regional security issues"]
    gold = download_gold(page, tmp_path)
    assert gold["events"][0]["topics"][2] == {
        "text": "Foreign ministers", "session": None,
        "span": {"start": 0, "end": 17, "text": "Foreign ministers"}}
    assert watched.errors == []


def test_selection_added_as_role_of_the_selected_participant(page, report_url, tmp_path):
    open_doc(page, report_url)
    page.locator("#doctext mark", has_text="S. Aslov").click()
    assert page.locator("#record .rv.selected").get_attribute("data-ref") == "e0.p1"
    start = MEETING_TEXT.index("Minister of Foreign Affairs of Tajikistan")
    phrase = "Minister of Foreign Affairs of Tajikistan"
    page.evaluate(SELECT_JS, [start, start + len(phrase)])
    page.click("#span-adder button[data-field='role']")
    assert states(page)["e0.p1"] == "edited"
    participant = download_gold(page, tmp_path)["events"][0]["participants"][1]
    assert participant["role"] == phrase
    assert participant["role_span"] == {"start": start, "end": start + len(phrase), "text": phrase}


def test_overlapping_spans_are_all_shown(page, report_url):
    open_doc(page, report_url)
    select_and_add(page, "Turkmenistan Rashid", "topic")
    pieces = page.eval_on_selector_all(
        "#doctext mark", "ms => ms.filter(m => m.dataset.kinds.includes('topic'))"
        ".map(m => [m.textContent, m.dataset.kinds])")
    assert pieces[:2] == [["Turkmenistan ", "topic"], ["Rashid", "participant topic"]]
    assert page.locator("#doctext mark.overlap").count() == 1


def test_accept_and_reject_values(watched, report_url, tmp_path):
    page = watched.page
    open_doc(page, report_url)
    assert page.locator("#doc-status").inner_text() == "unreviewed"
    item(page, "e0.date").locator(".rv-accept").click()
    item(page, "e0.p1").locator(".rv-reject").click()
    assert states(page) == {"e0.date": "accepted", "e0.place": "unreviewed", "e0.p0": "unreviewed",
                            "e0.p1": "rejected", "e0.t0": "unreviewed", "e0.t1": "unreviewed"}
    assert page.locator("#doc-status").inner_text() == "in progress"
    assert page.locator("#doctext mark[data-kind='participant']").all_inner_texts() == [
        "Rashid Meredov"]
    gold = download_gold(page, tmp_path)
    assert [p["name"] for p in gold["events"][0]["participants"]] == ["Rashid Meredov"]
    page.click("#mark-reviewed")
    assert set(states(page).values()) == {"accepted", "rejected"}
    assert page.locator("#doc-status").inner_text() == "reviewed"
    assert watched.errors == []


def test_work_is_restored_on_reload_and_discarded_on_request(page, report_url):
    open_doc(page, report_url)
    item(page, "e0.p1").locator(".rv-reject").click()
    item(page, "e0.t0").locator("input[data-field='text']").fill("transport")
    page.fill("#reviewer", "R. Viewer")
    page.reload()
    page.wait_for_selector("#record .event")
    assert states(page)["e0.p1"] == "rejected"
    assert states(page)["e0.t0"] == "edited"
    assert item(page, "e0.t0").locator("input[data-field='text']").input_value() == "transport"
    assert page.input_value("#reviewer") == "R. Viewer"
    page.click("#discard")
    page.click("#discard")
    page.wait_for_selector("#record .event")
    assert set(states(page).values()) == {"unreviewed"}
    page.reload()
    page.wait_for_selector("#record .event")
    assert set(states(page).values()) == {"unreviewed"}


def test_keyboard_review_and_navigation(page, report_url):
    open_doc(page, report_url)
    page.keyboard.press("?")
    expect(page.locator("#shortcuts")).to_be_visible()
    assert page.locator("#shortcuts tr").count() == 8
    page.keyboard.press("Escape")
    expect(page.locator("#shortcuts")).to_be_hidden()
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("x")
    page.keyboard.press("j")
    page.keyboard.press("a")
    assert states(page)["e0.place"] == "rejected" and states(page)["e0.p0"] == "accepted"
    page.keyboard.press("r")
    assert page.locator("#doc-status").inner_text() == "reviewed"
    page.keyboard.press("n")
    page.wait_for_url("**#doc/mfa-002-call")
    page.wait_for_selector("#record .event")
    page.keyboard.press("p")
    page.wait_for_url("**#doc/note%207%20(draft)%20%26%20co")  # mfa-001 is reviewed: skipped


def test_tables_filter_by_review_status(page, report_url):
    open_doc(page, report_url)
    page.click("#mark-reviewed")
    page.goto(f"{report_url}#documents")
    page.fill("#table-documents input[data-key='review']", "=reviewed")
    expect(page.locator("#table-status")).to_contain_text("Rows 1–1 of 1 (filtered from 5)")
    page.fill("#table-documents input[data-key='review']", "=unreviewed")
    expect(page.locator("#table-status")).to_contain_text("Rows 1–4 of 4 (filtered from 5)")


def _review_two_documents(page, report_url: str) -> None:
    """mfa-001: reject S. Aslov, edit a topic, add one from the text; mfa-002: accept all."""
    open_doc(page, report_url)
    item(page, "e0.p1").locator(".rv-reject").click()
    item(page, "e0.t0").locator("input[data-field='text']").fill("transport")
    select_and_add(page, "Foreign ministers", "topic")
    page.fill("#reviewer", "R. Viewer")
    page.click("#mark-reviewed")
    open_doc(page, report_url, "mfa-002-call")
    page.click("#mark-reviewed")


def _reviewed_directly() -> dict[str, DocumentRecord]:
    """The same review applied to the records in Python, as gold (no text)."""
    meeting, call = (r.model_copy(deep=True) for r in sample_records()[:2])
    event = meeting.events[0]
    del event.participants[1]
    event.topics[0].text = "transport"
    event.topics.append(Topic(text="Foreign ministers",
                              span=Span(start=0, end=17, text="Foreign ministers")))
    gold = {}
    for record in (meeting, call):
        body = record.model_dump(mode="json", exclude={"text", "url", "warnings"})
        gold[record.doc_id] = DocumentRecord.model_validate(body)
    return gold


def test_corrections_round_trip_scores_like_the_reviewed_records(
        watched, report_url, tmp_path):
    page = watched.page
    _review_two_documents(page, report_url)
    with page.expect_download() as info:
        page.click("#download-corrections")
    assert info.value.suggested_filename == "corrections.jsonl"
    path = tmp_path / "corrections.jsonl"
    info.value.save_as(path)
    lines = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]
    assert [x["doc_id"] for x in lines] == [MEETING, "mfa-002-call"]
    assert {x["reviewer"] for x in lines} == {"R. Viewer"}
    topics = lines[0]["record"]["events"][0]["topics"]
    assert [t["review"] for t in topics] == ["edited", "accepted", "added"]
    assert lines[0]["rejected"] == [{"event": 0, "field": "participant", "value": {
        "name": "S. Aslov", "role": "Minister of Foreign Affairs", "organization": None,
        "country": "Tajikistan", "country_code": "TJ"}}]

    result = import_corrections(path, tmp_path / "gold")
    assert result.problems == []
    assert sorted(p.name for p in result.written) == ["mfa-001-meeting.json", "mfa-002-call.json"]
    run = load_records(Path(report_url.removeprefix("file://")).parent.parent)
    imported = score(load_records(tmp_path / "gold"), run)
    direct = score(_reviewed_directly(), run)
    assert imported.to_dict() == direct.to_dict()
    assert imported.fields["persons"].gold == 2  # S. Aslov rejected
    assert imported.fields["topics"].gold == 4  # one added from the text
    assert watched.errors == []


def test_agreement_view_counts_the_review(page, report_url):
    _review_two_documents(page, report_url)
    page.goto(f"{report_url}#agreement")
    rows = page.eval_on_selector_all(
        "#table-agreement tbody tr",
        "trs => trs.map(tr => [...tr.cells].map(c => c.textContent))")
    assert rows == [
        ["date", "2", "0", "0", "0", "100.0%", "100.0%"],
        ["place", "1", "0", "0", "0", "100.0%", "100.0%"],
        ["participant", "3", "0", "0", "1", "75.0%", "100.0%"],
        ["topic", "2", "1", "1", "0", "66.7%", "50.0%"],
    ]


def test_events_table_reads_like_the_document_view(page, report_url):
    page.goto(f"{report_url}#events")
    page.wait_for_selector("#table-events tbody tr")
    cells = page.eval_on_selector_all(
        "#table-events tbody tr:first-child td", "tds => tds.map(td => td.textContent)")
    heads = page.eval_on_selector_all(
        "#table-events tr.heads th", "ths => ths.map(th => th.dataset.key)")
    row = dict(zip(heads, cells, strict=True))
    assert (row["title"], row["event_index"], row["names"]) == (
        "Foreign ministers of Tajikistan and Turkmenistan meet in Ashgabat", "1",
        "Rashid Meredov; S. Aslov")
    white = page.eval_on_selector(
        "#table-events td.nowrap", "td => getComputedStyle(td).whiteSpace")
    assert white == "nowrap"
