"""Ingest: formats, text rules, metadata and publication dates (given this input, this document)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from communique.models import InputError, RawDocument
from communique.pipeline.ingest import (
    IngestOptions,
    date_from_filename,
    find_dateline,
    html_main_text,
    iter_documents,
    parse_date_expression,
    read_header,
)

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
BODY = ("The Minister of Foreign Affairs met the Ambassador of Japan in the Ministry. "
        "The sides discussed trade, transport and the agenda of the next session.")


def ingest(*paths: Path, **options) -> tuple[list[RawDocument], list[InputError]]:
    items = list(iter_documents(list(paths), IngestOptions(**options)))
    return ([i for i in items if isinstance(i, RawDocument)],
            [i for i in items if isinstance(i, InputError)])


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


# --- folders and files ------------------------------------------------------


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    root = tmp_path / "releases"
    write(root / "b.txt", BODY)
    write(root / "a.md", BODY)
    write(root / "sub" / "c.txt", BODY)
    write(root / "0.htm", f"<p>{BODY}</p>")
    docs, errors = ingest(root)
    assert errors == []
    assert [d.doc_id for d in docs] == ["0", "a", "b", "c"]
    assert [d.source for d in docs] == ["releases/0.htm", "releases/a.md", "releases/b.txt",
                                        "releases/sub/c.txt"]


def test_file_text_is_kept_as_decoded(tmp_path: Path) -> None:
    text = "  Indented first line.\n\n" + BODY + "\n\n\n"
    docs, _ = ingest(write(tmp_path / "x.txt", text))
    assert docs[0].text == text
    assert docs[0].source == "x.txt"
    assert docs[0].title is None


def test_several_inputs_keep_the_given_order(tmp_path: Path) -> None:
    second = write(tmp_path / "z" / "first.txt", BODY)
    first = write(tmp_path / "a" / "second.txt", BODY)
    docs, _ = ingest(second, first)
    assert [d.doc_id for d in docs] == ["first", "second"]


def test_same_input_twice_is_read_once_and_reported(tmp_path: Path) -> None:
    path = write(tmp_path / "x.txt", BODY)
    docs, errors = ingest(path, path)
    assert len(docs) == 1
    assert len(errors) == 1 and "same file" in errors[0].reason


# --- JSONL and CSV ------------------------------------------------------------


def test_jsonl_row_text_is_title_blank_line_body(tmp_path: Path) -> None:
    row = {"id": "r1", "title": "Talks in Ashgabat", "published": "2018-01-26",
           "url": "https://example.org/1", "text": BODY}
    docs, errors = ingest(write(tmp_path / "releases.jsonl", json.dumps(row) + "\n"))
    assert errors == []
    doc = docs[0]
    assert (doc.doc_id, doc.source, doc.title, doc.url) == (
        "r1", "releases.jsonl", "Talks in Ashgabat", "https://example.org/1")
    assert doc.text == "Talks in Ashgabat\n\n" + BODY
    assert (doc.published, doc.published_from) == ("2018-01-26", "column")


def test_jsonl_without_title_is_the_body(tmp_path: Path) -> None:
    docs, _ = ingest(write(tmp_path / "r.jsonl", json.dumps({"id": "a", "text": BODY})))
    assert docs[0].text == BODY and docs[0].title is None


def test_column_names_are_mappable_and_case_insensitive(tmp_path: Path) -> None:
    row = {"Key": "k9", "Headline": "A call", "Body": BODY, "Date": "26.01.2018"}
    docs, errors = ingest(write(tmp_path / "r.jsonl", json.dumps(row)), id_column="key",
                          title_column="headline", text_column="body", published_column="date")
    assert errors == []
    assert (docs[0].doc_id, docs[0].title, docs[0].published) == ("k9", "A call", "2018-01-26")


def test_row_without_id_gets_a_generated_id_and_warning(tmp_path: Path) -> None:
    path = write(tmp_path / "batch.jsonl", "\n" + json.dumps({"text": BODY}) + "\n")
    docs, _ = ingest(path)
    assert docs[0].doc_id == "batch-2"
    assert any("no id" in w for w in docs[0].warnings)


def test_csv_rows(tmp_path: Path) -> None:
    path = write(tmp_path / "list.csv", 'id,title,published,text\n'
                 f'c1,First,2020-05-03,"{BODY}\nSecond paragraph."\n'
                 f'c2,,,"{BODY}"\n')
    docs, errors = ingest(path)
    assert errors == []
    assert [d.doc_id for d in docs] == ["c1", "c2"]
    assert docs[0].text == f"First\n\n{BODY}\nSecond paragraph."
    assert docs[0].published == "2020-05-03"
    assert docs[1].text == BODY and docs[1].title is None


def test_csv_with_semicolons_and_bom_from_a_spreadsheet(tmp_path: Path) -> None:
    data = ("\ufeffid;text\r\n" f"s1;{BODY}\r\n").encode()
    docs, errors = ingest(write(tmp_path / "excel.csv", data))
    assert errors == []
    assert docs[0].doc_id == "s1" and docs[0].text == BODY


def test_unparseable_published_column_is_a_warning(tmp_path: Path) -> None:
    row = {"id": "a", "published": "soon", "text": BODY}
    docs, _ = ingest(write(tmp_path / "r.jsonl", json.dumps(row)))
    assert docs[0].published is None
    assert any("'soon' is not a date" in w for w in docs[0].warnings)


# --- HTML -------------------------------------------------------------------


PAGE = """<!doctype html><html><head><title>Meeting | Ministry site</title>
<meta property="article:published_time" content="2019-09-05T10:30:00+05:00">
<script>var tracking = "The sides discussed nothing";</script><style>p {color: red}</style></head>
<body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>
<main><article><header><h1>Minister  meets
 envoy</h1></header><p>The Minister met the <b>Special Envoy</b> today.</p>
<p>They discussed<br>regional security.</p><ul><li>trade</li><li>energy</li></ul>
<script>alert("x")</script></article></main>
<aside>Related news</aside><footer>Copyright 2019</footer></body></html>"""


def test_html_main_text_drops_scripts_navigation_and_chrome() -> None:
    page = html_main_text(PAGE)
    assert page.text == ("Minister meets envoy\n\nThe Minister met the Special Envoy today."
                         "\n\nThey discussed regional security.\n\ntrade\n\nenergy")
    assert page.title == "Minister meets envoy"
    assert page.published == "2019-09-05T10:30:00+05:00"


def test_html_file_document(tmp_path: Path) -> None:
    docs, errors = ingest(write(tmp_path / "page.html", PAGE))
    assert errors == []
    assert (docs[0].title, docs[0].published, docs[0].published_from) == (
        "Minister meets envoy", "2019-09-05", "html_meta")
    assert "tracking" not in docs[0].text and "Home" not in docs[0].text


def test_html_title_falls_back_to_title_tag() -> None:
    assert html_main_text("<title> Talks </title><p>x</p>").title == "Talks"


# --- decoding ---------------------------------------------------------------


@pytest.mark.parametrize(("data", "warning"), [
    (("\ufeff" + BODY).encode("utf-8"), None),
    (BODY.encode("utf-16"), None),  # the codec writes the BOM itself
    (("\ufeff" + BODY).encode("utf-16-be"), None),
    (BODY.encode("utf-16-le"), "decoded as utf-16-le (no byte order mark)"),
])
def test_unicode_with_and_without_bom(tmp_path: Path, data: bytes, warning: str | None) -> None:
    docs, errors = ingest(write(tmp_path / "u.txt", data))
    assert errors == []
    assert docs[0].text == BODY
    assert docs[0].warnings == ([warning] if warning else [])


def test_latin1_is_decoded_with_a_warning(tmp_path: Path) -> None:
    text = ("The Minister met the Ambassador of Côte d'Ivoire in Zürich. " + BODY)
    docs, errors = ingest(write(tmp_path / "l.txt", text.encode("latin-1")))
    assert errors == []
    assert docs[0].text == text
    assert docs[0].warnings == ["decoded as cp1252"]


def test_crlf_and_cr_are_normalised_to_lf(tmp_path: Path) -> None:
    docs, _ = ingest(write(tmp_path / "w.txt", f"Title line\r\n\r\n{BODY}\rEnd.".encode()))
    assert docs[0].text == f"Title line\n\n{BODY}\nEnd."


# --- publication date ---------------------------------------------------------


@pytest.mark.parametrize(("top", "expected"), [
    ("KABUL, Afghanistan (Jan. 25, 2013) — The ambassador met the governor.", "2013-01-25"),
    ("Ashgabat, 26 January 2018", "2018-01-26"),
    ("WASHINGTON, March 3, 2022 - The Secretary spoke with the minister.", "2022-03-03"),
    ("26.01.2018", "2018-01-26"),
    ("NEW YORK (Sept. 5, 2019) -- The delegation arrived.", "2019-09-05"),
    ("Port of Spain, 3rd May 2020.", "2020-05-03"),
    ("Dushanbe, 2018-01-26: The talks began.", "2018-01-26"),
    ("BRUSSELS, Tuesday, 1 March 2022 – The council met.", "2022-03-01"),
    ("Bishkek – 12 October 2021", "2021-10-12"),
    ("On January 26, 2018, the delegation took part in the meeting.", None),
    ("January 26, 2018, the delegation took part in the meeting.", None),
    ("In Ashgabat, 26 January 2018 was a busy day.", None),
    ("The meeting took place on 3.1.2020.", None),
    ("Ashgabat, 31 February 2018", None),
])
def test_dateline_at_the_top(top: str, expected: str | None) -> None:
    found = find_dateline(top + "\n\n" + BODY)
    assert (found.iso if found else None) == expected
    if found:
        assert top[found.start:found.end] == found.text


def test_dateline_after_a_title_line() -> None:
    found = find_dateline("Ministers meet\n\nASTANA, 5 June 2019 – " + BODY)
    assert found is not None and found.iso == "2019-06-05"


def test_dateline_is_not_searched_deep_in_the_text() -> None:
    text = "First.\n\nSecond.\n\nThird.\n\nAshgabat, 26 January 2018\n"
    assert find_dateline(text) is None


@pytest.mark.parametrize(("stem", "expected"), [
    ("2018-01-26-meeting-in-dushanbe", "2018-01-26"),
    ("2018_01_26 talks", "2018-01-26"),
    ("20180126", "2018-01-26"),
    ("2018-13-01-bad-month", None),
    ("release-2018-01-26", None),
    ("000_90318815a02f4503", None),
])
def test_date_from_filename(stem: str, expected: str | None) -> None:
    assert date_from_filename(stem) == expected


@pytest.mark.parametrize(("expression", "expected"), [
    ("26 January 2018", "2018-01-26"),
    ("Jan. 25, 2013", "2013-01-25"),
    ("Friday, January 26th, 2018", "2018-01-26"),
    ("2018-01-26T10:00:00+03:00", "2018-01-26"),
    ("03/04/2022", "2022-03-04"),
    ("25/12/2021", "2021-12-25"),
    ("the 26th of January, 2018", "2018-01-26"),
    ("yesterday", None),
    ("January 2018", None),
    ("", None),
])
def test_parse_date_expression(expression: str, expected: str | None) -> None:
    assert parse_date_expression(expression) == expected


@pytest.mark.parametrize(("text", "title", "published"), [
    ("Title: Talks in Baku\nDate: 26 January 2018\n\nBody.", "Talks in Baku", "26 January 2018"),
    ("published: 2020-05-03\nsource: MFA\n\nBody.", None, "2020-05-03"),
    ("---\ntitle: Talks\ndate: 2018-01-26\n---\nBody.", "Talks", "2018-01-26"),
    ("Note: this is not a header\n\nBody.", None, None),
    ("Body first.\nDate: 2018-01-26\n", None, None),
])
def test_header_block(text: str, title: str | None, published: str | None) -> None:
    header = read_header(text)
    assert (header.title if header else None, header.published if header else None) == (
        title, published)


def test_header_stays_in_the_text_and_fills_metadata(tmp_path: Path) -> None:
    text = f"Title: Talks in Baku\nPublished: 2021-10-12\n\n{BODY}"
    docs, _ = ingest(write(tmp_path / "h.txt", text))
    assert docs[0].text == text
    assert (docs[0].title, docs[0].published, docs[0].published_from) == (
        "Talks in Baku", "2021-10-12", "header")


@pytest.mark.parametrize(("name", "text", "published", "origin"), [
    ("2021-10-12 talks.txt", BODY, "2021-10-12", "filename"),
    ("talks.txt", f"Ashgabat, 26 January 2018\n\n{BODY}", "2018-01-26", "dateline"),
    ("talks.txt", f"Date: 2019-02-01\n\nAshgabat, 26 January 2018\n\n{BODY}", "2019-02-01",
     "header"),
    ("talks.txt", BODY, None, None),
])
def test_published_precedence(tmp_path: Path, name: str, text: str, published: str | None,
                              origin: str | None) -> None:
    docs, _ = ingest(write(tmp_path / name, text))
    assert (docs[0].published, docs[0].published_from) == (published, origin)


def test_conflicting_dates_are_warned(tmp_path: Path) -> None:
    docs, _ = ingest(write(tmp_path / "2018-01-27-x.txt", f"Ashgabat, 26 January 2018\n{BODY}"))
    assert docs[0].published == "2018-01-27"
    assert docs[0].warnings == ["published 2018-01-27 (filename) differs from 2018-01-26 "
                                "(dateline)"]


def test_markdown_heading_is_the_title(tmp_path: Path) -> None:
    docs, _ = ingest(write(tmp_path / "m.md", f"# Talks in Baku\n\n{BODY}"))
    assert docs[0].title == "Talks in Baku"


# --- the real corpus ------------------------------------------------------------


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/corpus is not here")
def test_shared_corpus_ingests_without_errors() -> None:
    docs, errors = ingest(SHARED / "kremlin" / "releases.jsonl",
                          SHARED / "ukraine" / "releases.jsonl", SHARED / "seed" / "releases")
    assert errors == []
    assert len(docs) == 206
    assert len({d.doc_id for d in docs}) == 206
    assert all(d.published for d in docs if d.source == "releases.jsonl")
    seed = next(d for d in docs if d.source.startswith("releases/"))
    assert seed.published is None  # "On January 26, 2018, ..." is the event date, not a dateline
