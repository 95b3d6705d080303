"""The review page in headless Chromium: tables, document view, corrections, safety."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.models import DocumentRecord, Participant, Span, Topic
from communique.pipeline.writers.report import build_report

from .sample_outputs import ODD_DOC_ID, XSS_DOC_ID, sample_records, write_outputs

pytestmark = pytest.mark.browser
expect = pytest.importorskip(
    "playwright.sync_api", reason="browser tests skipped: playwright is not installed"
).expect

VIEWS = ["overview", "documents", "events", "participants", "topics", "errors"]


def column(page, table: str, key: str) -> list[str]:
    """The cell texts of one column on the current page of a table."""
    index = page.eval_on_selector_all(
        f"#table-{table} tr.heads th", "(ths, k) => ths.findIndex(t => t.dataset.key === k)", key
    )
    return page.eval_on_selector_all(
        f"#table-{table} tbody tr", "(trs, i) => trs.map(tr => tr.cells[i].textContent)", index
    )


def open_table(page, report_url: str, table: str) -> None:
    page.goto(f"{report_url}#{table}")
    page.wait_for_selector(f"#table-{table} tbody tr")


def test_known_participant_is_listed(page, report_url):
    open_table(page, report_url, "participants")
    assert "S. Aslov" in column(page, "participants", "name")
    assert page.locator("#table-status").inner_text() == "Rows 1–8 of 8"


@pytest.mark.parametrize(
    ("key", "text", "names"),
    [
        ("name", "aslov", ["S. Aslov"]),
        ("country", "=Japan", ["Fumio Kishida", ""]),
        ("role", "foreign minister", ["Rashid Meredov", "S. Aslov"]),
        ("name", "nobody-has-this-name", []),
    ],
)
def test_filter_narrows_the_table(page, report_url, key, text, names):
    open_table(page, report_url, "participants")
    page.fill(f"#table-participants input[data-key='{key}']", text)
    expected = "(filtered from 8)" if names else "0 of 8 rows"
    expect(page.locator("#table-status")).to_contain_text(expected)
    shown = column(page, "participants", "name") if names else []
    assert shown == names


def test_sorting_orders_by_any_column(page, report_url):
    open_table(page, report_url, "participants")
    page.click("#table-participants th[data-key='name'] button")
    ascending = column(page, "participants", "name")
    named = [n for n in ascending if n]
    assert named == sorted(named, key=str.lower) and ascending[-2:] == ["", ""]
    page.click("#table-participants th[data-key='name'] button")
    descending = [n for n in column(page, "participants", "name") if n]
    assert descending == sorted(named, key=str.lower, reverse=True)
    page.click("#table-participants th[data-key='date'] button")
    dates = column(page, "participants", "date")
    assert dates == sorted(dates)


def test_table_state_survives_back_navigation(page, report_url):
    open_table(page, report_url, "participants")
    page.fill("#table-participants input[data-key='name']", "aslov")
    expect(page.locator("#table-status")).to_contain_text("filtered")
    page.click("#table-participants tbody a")
    page.wait_for_selector("#doctext")
    page.go_back()
    page.wait_for_selector("#table-participants tbody tr")
    assert column(page, "participants", "name") == ["S. Aslov"]


def test_row_link_opens_document_with_spans_highlighted(page, report_url):
    open_table(page, report_url, "participants")
    page.fill("#table-participants input[data-key='name']", "aslov")
    expect(page.locator("#table-status")).to_contain_text("filtered")
    page.click("#table-participants tbody a")
    page.wait_for_selector("#doctext mark")
    assert page.url.endswith("#doc/mfa-001-meeting?e=0")
    marks = page.eval_on_selector_all(
        "#doctext mark", "ms => ms.map(m => [m.dataset.kind, m.textContent, m.title])"
    )
    by_kind: dict[str, list[str]] = {}
    for kind, text, _ in marks:
        by_kind.setdefault(kind, []).append(text)
    assert by_kind == {
        "date": ["March 3, 2022"],
        "role": ["Minister of Foreign Affairs", "Minister of Foreign Affairs"],
        "participant": ["Rashid Meredov", "S. Aslov"],
        "place": ["Ashgabat"],
        "topic": ["transport and logistics", "regional security issues"],
    }
    titles = {text: title for _, text, title in marks}
    assert "Tajikistan (TJ)" in titles["S. Aslov"]
    assert "2022-03-03" in titles["March 3, 2022"]
    assert "Ashgabat, Turkmenistan (TM)" in titles["Ashgabat"]
    assert page.locator(".event.focus h2").inner_text() == "Event 1 · meeting"


def test_document_shows_warnings(page, report_url):
    page.goto(f"{report_url}#doc/mfa-003-forum")
    assert "date range read from a single expression" in page.locator("#warnings").inner_text()


def test_document_with_odd_id_opens_from_its_row(page, report_url):
    open_table(page, report_url, "documents")
    page.get_by_role("link", name=ODD_DOC_ID).click()
    page.wait_for_selector("#doctext")
    assert page.locator("#doc-title").inner_text() == ODD_DOC_ID
    assert "no event found" in page.locator("#warnings").inner_text()


def _item(page, ref: str):
    return page.locator(f"#record [data-ref='{ref}']")


def test_correction_downloads_a_valid_gold_record(page, report_url, tmp_path):
    page.goto(f"{report_url}#doc/mfa-001-meeting")
    page.wait_for_selector("#record .event")
    # delete a wrong value, edit one, add a missing participant and topic
    _item(page, "e0.p1").get_by_role("button", name="delete").click()
    _item(page, "e0.t0").locator("input[data-field='text']").fill("transport")
    page.click("#record .add-participant")
    added = _item(page, "e0.p1")
    added.locator("input[data-field='name']").fill("Jane Roe")
    added.locator("input[data-field='role']").fill("Ambassador")
    added.locator("select[data-field='role_category']").select_option("ambassador")
    added.locator("input[data-field='country']").fill("Japan")
    page.click("#record .add-topic")
    _item(page, "e0.t2").locator("input[data-field='text']").fill("visa facilitation")
    _item(page, "e0.t2").locator("input[data-field='session']").fill("2")
    assert "S. Aslov" not in page.locator("#doctext mark.k-participant").all_inner_texts()
    with page.expect_download() as info:
        page.click("#download-gold")
    download = info.value
    assert download.suggested_filename == "mfa-001-meeting.json"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    gold = DocumentRecord.model_validate(raw)
    assert not {"text", "url", "warnings"} & raw.keys()
    event = gold.events[0]
    assert [(p.name, p.country_code) for p in event.participants] == [
        ("Rashid Meredov", "TM"), ("Jane Roe", "JP"),
    ]
    assert event.participants[0].span is not None and event.participants[1].span is None
    assert event.participants[1].role_category == "ambassador"
    assert [(t.text, t.session) for t in event.topics] == [
        ("transport", None), ("regional security issues", None), ("visa facilitation", 2),
    ]
    original = sample_records()[0]
    assert event.participants[0] == Participant.model_validate(
        original.events[0].participants[0].model_dump()
    )
    assert event.topics[1].span == original.events[0].topics[1].span
    assert gold.bad_spans(original.text) == []
    assert isinstance(event.topics[0].span, Span) and isinstance(event.topics[2], Topic)


def test_invalid_correction_blocks_download(page, report_url):
    page.goto(f"{report_url}#doc/mfa-002-call")
    page.wait_for_selector("#record .event")
    code = _item(page, "e0.p0").locator("input[data-field='country_code']")
    code.fill("kz1")
    assert page.locator("#download-gold").is_disabled()
    assert "country code" in page.locator("#record-problems").inner_text()
    code.fill("kz")
    assert page.locator("#download-gold").is_enabled()
    page.locator("#record input[data-field='end']").fill("2022-04-01")
    assert "date end before start" in page.locator("#record-problems").inner_text()


def test_markup_in_a_release_runs_no_script(watched, report_url):
    page = watched.page
    for view in VIEWS:
        page.goto(f"{report_url}#{view}")
        page.wait_for_selector("#app > *")
    page.goto(f"{report_url}#doc/{XSS_DOC_ID}")
    page.wait_for_selector("#doctext mark")
    page.locator("#doctext mark").first.click()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert watched.dialogs == []
    text = page.locator("#doctext").inner_text()
    assert "<script>window.__pwned = 1; alert(1)</script>" in text
    assert "<img src=x onerror=" in text
    assert page.locator("#app img, #app script, #app b, #app i").count() == 0
    assert page.locator("#doc-title").inner_text().startswith("Briefing <script>")
    assert page.locator("#app a[href^='javascript']").count() == 0


def test_console_shows_no_errors(watched, report_url):
    page = watched.page
    for view in VIEWS:
        page.goto(f"{report_url}#{view}")
        page.wait_for_selector("#app > *")
    for record in sample_records():
        page.evaluate("id => { location.hash = '#doc/' + encodeURIComponent(id); }", record.doc_id)
        page.wait_for_selector("#doctext")
    page.goto(f"{report_url}#doc/no-such-document")
    page.wait_for_selector("#app h1")
    assert watched.errors == []


def test_overview_counts_and_charts(page, report_url):
    page.goto(report_url)
    counts = page.locator("#counts").inner_text()
    for expected in ("5\ndocuments", "4\nevents", "8\nparticipants", "3\nfailed inputs"):
        assert expected in counts
    assert "empty text — 2" in page.locator("#failed").inner_text()
    assert page.locator(".chart svg").count() == 5
    page.locator(".chart svg a", has_text="phone_call").click()
    page.wait_for_selector("#table-events tbody tr")
    assert column(page, "events", "type") == ["phone_call"]


def _write_bulk_outputs(out: Path, n: int) -> Path:
    """A run of n documents: the sample meeting under n ids (enough for paging)."""
    write_outputs(out, records=[])
    line = sample_records()[0].model_dump(mode="json")
    with (out / "records.jsonl").open("w", encoding="utf-8") as fh:
        for i in range(n):
            line["doc_id"] = f"bulk-{i:05d}"
            fh.write(json.dumps(line) + "\n")
    return out


def test_ten_thousand_documents_render_one_page_at_a_time(page, tmp_path: Path):
    out = _write_bulk_outputs(tmp_path / "outputs", 10_000)
    url = build_report(out).as_uri()
    page.goto(f"{url}#participants")
    page.wait_for_selector("#table-participants tbody tr")
    assert page.locator("#table-participants tbody tr").count() == 50
    assert page.locator("#table-status").inner_text() == "Rows 1–50 of 20,000"
    page.fill("#table-participants input[data-key='doc_id']", "bulk-09999")
    expect(page.locator("#table-status")).to_contain_text("filtered")
    assert page.locator("#table-participants tbody tr").count() == 2
    page.click("#table-participants tbody a >> nth=0")
    page.wait_for_selector("#doctext mark")
    assert page.locator("#doc-title").inner_text().startswith("Foreign ministers")


@pytest.mark.slow
def test_report_of_the_sample_corpus(watched, tmp_path):
    """`communique run corpus/releases` writes a report that opens, lists and highlights."""
    import subprocess
    import sys

    corpus = Path(__file__).resolve().parents[2] / "corpus" / "releases"
    if not any(corpus.glob("*.txt")):
        pytest.skip("corpus/releases has no releases yet")
    out = tmp_path / "outputs"
    run = [sys.executable, "-c", "from communique.pipeline.cli import app; app()",
           "run", str(corpus), "--out", str(out)]
    subprocess.run(run, check=True, capture_output=True, timeout=600)
    page = watched.page
    url = (out / "report" / "index.html").as_uri()
    open_table(page, url, "participants")
    names = [n for n in column(page, "participants", "name") if n]
    assert names, "no named participant in the sample corpus report"
    page.fill("#table-participants input[data-key='name']", "=" + names[0])
    expect(page.locator("#table-status")).to_contain_text("filtered")
    page.click("#table-participants tbody a >> nth=0")
    page.wait_for_selector("#doctext mark.k-participant")
    assert names[0] in page.locator("#doctext mark.k-participant").all_inner_texts()
    page.goto(url)
    page.wait_for_selector("#counts")
    assert watched.errors == [] and watched.dialogs == []
