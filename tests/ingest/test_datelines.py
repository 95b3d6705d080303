"""Datelines wherever releases put them (issue 11, item 2): past letterhead lines,
across every line separator, without a year (the year lent by the release's other
metadata), and where `published` came from."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.models import InputError, RawDocument
from communique.pipeline.ingest import IngestOptions, find_dateline, iter_documents

BODY = ("Security forces detained two suspects during an operation in the district. "
        "No civilians were harmed.")


def one(path: Path) -> RawDocument:
    items = list(iter_documents([path], IngestOptions(check_language=False)))
    assert len(items) == 1 and not isinstance(items[0], InputError)
    return items[0]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("top", "expected", "text"), [
    ("Headquarters, Joint Task Force East\nFor Immediate Release\nRelease No. 2013-01-CA-007\n"
     "Download PDF\n\nKABUL, Afghanistan (Jan. 25, 2013) — ", "2013-01-25", "Jan. 25, 2013"),
    ("Ministry of Emergency Situations\u2028Press Release\u2029DUSHANBE, 4 May 2020 – ",
     "2020-05-04", "4 May 2020"),
    ("Office of the Governor\x0cMedia contact: press@example.org\n"
     "Tel. +1 555 0100\nSPRINGFIELD, March 3, 2022 - ", "2022-03-03", "March 3, 2022"),
])
def test_dateline_past_letterhead_lines(top: str, expected: str, text: str) -> None:
    found = find_dateline(top + BODY)
    assert found is not None
    assert (found.iso, found.text, (top + BODY)[found.start:found.end]) == (expected, text, text)


def test_the_search_stops_at_the_first_paragraph_of_running_text() -> None:
    text = (f"Office of the Governor\nFor Immediate Release\n\n{BODY}\n\n"
            "SPRINGFIELD, March 3, 2022 - More text.")
    assert find_dateline(text) is None


def test_a_dateline_without_a_year_and_nothing_to_lend_one() -> None:
    found = find_dateline("KABUL, Afghanistan (Jan. 25) — " + BODY)
    assert found is not None
    assert (found.iso, found.text, found.year_inferred) == (None, "Jan. 25", False)
    lent = find_dateline("KABUL, Afghanistan (Jan. 25) — " + BODY, year=2013)
    assert lent is not None and (lent.iso, lent.year_inferred) == ("2013-01-25", True)


@pytest.mark.parametrize(("name", "text", "published", "source", "warning"), [
    ("op.txt", "Regional Command South\nRelease No. 20130125-03\n\n"
     f"KANDAHAR, Afghanistan (Jan. 25) — {BODY}", "2013-01-25", "inferred",
     "published 2013-01-25: the dateline 'Jan. 25' has no year; year from the release number"),
    ("isaf-2012-ops.txt", f"KANDAHAR, Afghanistan (Dec. 30) — {BODY}", "2012-12-30",
     "inferred",
     "published 2012-12-30: the dateline 'Dec. 30' has no year; year from the file name"),
    ("op.txt", f"KANDAHAR, Afghanistan, Dec. 30 – {BODY} The unit returned on "
     "2 January 2014.", "2014-12-30", "inferred",
     "published 2014-12-30: the dateline 'Dec. 30' has no year; year from a full date in "
     "the text"),
    ("op.txt", f"KANDAHAR, Afghanistan (Jan. 25) — {BODY}", None, None, None),
    ("op.txt", f"Date: 2013-01-26\n\nKANDAHAR, Afghanistan (Jan. 25) — {BODY}", "2013-01-26",
     "header", "published 2013-01-26 (header) differs from 2013-01-25 (inferred)"),
    ("2013-01-25-op.txt", f"KANDAHAR, Afghanistan (Jan. 25) — {BODY}", "2013-01-25",
     "filename", None),
])
def test_year_of_a_dateline_written_without_one(tmp_path: Path, name: str, text: str,
                                                 published: str | None, source: str | None,
                                                 warning: str | None) -> None:
    doc = one(write(tmp_path / name, text))
    assert (doc.published, doc.published_from) == (published, source)
    assert doc.warnings == ([warning] if warning else [])


def test_html_meta_is_named_as_the_source(tmp_path: Path) -> None:
    page = ("<html><head><meta property='article:published_time' content='2021-10-12'>"
            f"</head><body><main><h1>Operation ends</h1><p>{BODY}</p></main></body></html>")
    doc = one(write(tmp_path / "page.html", page))
    assert (doc.published, doc.published_from) == ("2021-10-12", "html_meta")
