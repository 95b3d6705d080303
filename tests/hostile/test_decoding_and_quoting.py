"""Decoding that keeps good text good, and CSV cells that stay one row and never run."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from communique.models import InputError, RawDocument
from communique.pipeline.ingest import iter_documents
from communique.pipeline.ingest.decode import decode_bytes
from communique.pipeline.writers import export


def test_utf8_with_a_stray_byte_stays_utf8_with_one_replacement():
    data = "The talks \u2014 in Gen\u00e8ve \u2014 ended.".encode() + b" \xff\xfe end."
    decoded = decode_bytes(data)
    assert decoded.text == "The talks \u2014 in Gen\u00e8ve \u2014 ended. \ufffd\ufffd end."
    assert (decoded.encoding, decoded.warnings) == (
        "utf-8", ["2 invalid UTF-8 byte sequence(s) read as U+FFFD"])


def test_a_legacy_code_page_as_a_whole_is_still_detected():
    data = "Caf\u00e9 \u201cquoted\u201d and na\u00efve r\u00e9sum\u00e9s.".encode("cp1252")
    decoded = decode_bytes(data)
    assert decoded.text == "Caf\u00e9 \u201cquoted\u201d and na\u00efve r\u00e9sum\u00e9s."
    assert decoded.warnings == ["decoded as cp1252"]


def _items(path: Path) -> list[RawDocument | InputError]:
    return list(iter_documents([path]))


def test_an_unterminated_csv_quote_is_an_error_naming_its_row(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,text\n1,"The ministers met in Oslo."\n2,"The ministers met in Lima.\n'
                    '3,The ministers met in "Rome".\n', encoding="utf-8")
    items = _items(path)
    assert [type(i).__name__ for i in items] == ["RawDocument", "InputError"]
    assert items[1].input == f"{path}:3"
    assert items[1].reason == ("bad CSV row: ',' expected after '\"' "
                               "(check the quotes of this row)")


def test_a_jsonl_line_without_text_is_an_error_for_that_line_only(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text('{"id": "a", "title": "only a title"}\n'
                    '{"id": "b", "text": "The ministers met in Oslo."}\n'
                    '{"id": "c", "body": "misnamed"}\n', encoding="utf-8")
    items = _items(path)
    assert [(type(i).__name__, i.input if isinstance(i, InputError) else i.doc_id)
            for i in items] == [("InputError", f"{path}:1"), ("RawDocument", "b"),
                                ("InputError", f"{path}:3")]


@pytest.mark.parametrize("value", [
    "a\rb", "a\nb", "a\r\nb", "a\u2028b", "a\u2029b", "a\x85b", "a\x0bb", "a\x0cb"])
def test_every_line_break_is_quoted_so_a_row_stays_one_row(value):
    buffer = io.StringIO(newline="")
    export.CsvWriter(buffer).writerow(["id", value, "=2+2"])
    text = buffer.getvalue()
    assert text.startswith(f'id,"{value}",')
    assert list(csv.reader(io.StringIO(text, newline=""))) == [["id", value, "=2+2"]]


def test_the_writer_matches_csv_writer_on_ordinary_cells():
    row = ["plain", 'say "hi"', "a,b", "", 1.5, -3, None]
    ours, theirs = io.StringIO(), io.StringIO()
    export.CsvWriter(ours).writerow(row)
    csv.writer(theirs, lineterminator="\n").writerow(row)
    assert ours.getvalue() == theirs.getvalue()


@pytest.mark.parametrize(("value", "expected"), [
    ("=cmd", "'=cmd"), ("  =cmd", "'  =cmd"), ("\u00a0+1", "'\u00a0+1"),
    ("\x01@SUM(A1)", "'\x01@SUM(A1)"), ("\u200b-2", "'\u200b-2"), ("\r=x", "'\r=x"),
    ("a = b", "a = b"), ("  plain", "  plain"), (-2.5, -2.5),
])
def test_formula_signs_after_leading_whitespace_or_controls_are_escaped(value, expected):
    assert export.safe_cell(value) == expected


def test_html_nested_deeper_than_any_page_is_refused_before_parsing(tmp_path):
    deep = tmp_path / "deep.html"
    deep.write_text("<html><body>" + "<div>" * 100_000 + "The ministers met in Oslo."
                    + "</div>" * 100_000 + "</body></html>", encoding="utf-8")
    [error] = _items(deep)
    assert (error.input, error.doc_id, error.reason) == (
        str(deep), "deep", "HTML nested too deep (over 1,000 levels)")


def test_unclosed_paragraphs_and_list_items_do_not_count_as_nesting(tmp_path):
    page = tmp_path / "flat.html"
    page.write_text("<html><body><main><h1>Talks in Oslo</h1>" + "<p>The ministers met."
                    * 3000 + "<ul>" + "<li>trade" * 3000 + "</ul></main></body></html>",
                    encoding="utf-8")
    [doc] = _items(page)
    assert isinstance(doc, RawDocument)
    assert doc.text.count("The ministers met.") == 3000


RELEASE = "The Minister of Foreign Affairs of Peru met the Ambassador of Chile in Lima."


def test_gzip_is_read_by_its_magic_bytes_whatever_the_name(tmp_path):
    import gzip

    (tmp_path / "rows.jsonl.gz").write_bytes(gzip.compress(
        b'{"id": "a", "text": "' + RELEASE.encode() + b'"}\n{"id": "b"}\n'))
    (tmp_path / "note.txt").write_bytes(gzip.compress(RELEASE.encode()))
    items = list(iter_documents([tmp_path]))
    assert [(type(i).__name__, i.doc_id if isinstance(i, RawDocument) else i.input)
            for i in items] == [("RawDocument", "note"), ("RawDocument", "a"),
                                ("InputError", f"{tmp_path}/rows.jsonl:2")]
    assert items[0].text == items[1].text == RELEASE


def test_a_zip_is_read_member_by_member(tmp_path):
    import zipfile

    with zipfile.ZipFile(tmp_path / "batch.zip", "w") as archive:
        archive.writestr("one.txt", RELEASE)
        archive.writestr("sub/two.md", "# Talks\n\n" + RELEASE)
        archive.writestr("__MACOSX/.junk", "x")
        archive.writestr("image.png", b"\x89PNG\r\n\x1a\n")
    items = list(iter_documents([tmp_path / "batch.zip"]))
    assert [(type(i).__name__, i.doc_id if isinstance(i, RawDocument) else i.reason)
            for i in items] == [("InputError", "unsupported file type '.png'"),
                                ("RawDocument", "one"), ("RawDocument", "two")]


def test_a_gzip_bomb_is_refused_not_unpacked(tmp_path):
    import gzip

    (tmp_path / "big.txt.gz").write_bytes(gzip.compress(b"a" * 60_000_000))
    [error] = list(iter_documents([tmp_path / "big.txt.gz"]))
    assert error.reason == ("too long: over the limit once unpacked, "
                            "limit 1,000,000 characters")
