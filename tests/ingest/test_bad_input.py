"""Bad input at ingest: every input is a document or one clear error, nothing lost.

Fixtures are generated in tmp_path (no committed binaries). The runner-level
part of issue 6 (errors.jsonl, exit codes, interruption) is tested beside
the runner.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from communique.models import InputError, RawDocument
from communique.pipeline.ingest import IngestOptions, iter_documents

ENGLISH = ("The Minister of Foreign Affairs of Turkmenistan met the Ambassador of Japan. "
           "The sides discussed cooperation in trade, transport and culture, and agreed "
           "to hold the next round of consultations in the spring.")
RUSSIAN = ("Министр иностранных дел Туркменистана встретился с послом Японии. Стороны "
           "обсудили сотрудничество в области торговли, транспорта и культуры.")
TURKMEN = ("Türkmenistanyň Daşary işler ministri Ýaponiýanyň ilçisi bilen duşuşdy. Taraplar "
           "söwda, ulag we medeniýet ulgamlarynda hyzmatdaşlygy ara alyp maslahatlaşdylar.")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


def ingest(*paths: Path, **options) -> tuple[list[RawDocument], list[InputError]]:
    items = list(iter_documents(list(paths), IngestOptions(**options)))
    return ([i for i in items if isinstance(i, RawDocument)],
            [i for i in items if isinstance(i, InputError)])


def only_error(path: Path, **options) -> InputError:
    docs, errors = ingest(path, **options)
    assert docs == []
    assert len(errors) == 1
    return errors[0]


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("empty.txt", b"", "empty text"),
    ("blank.txt", b"  \n\t\r\n ", "no text (only whitespace)"),
    ("image.txt", PNG, "binary file (PNG image)"),
    ("scan.html", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (PDF document)"),
    ("nul.txt", b"Some text\x00\x01\x02 then binary", "binary file (contains NUL bytes)"),
    ("russian.txt", RUSSIAN.encode("utf-8"), "not English (detected ru)"),
    ("russian-cp1251.txt", RUSSIAN.encode("cp1251"), "not English (detected ru)"),
    ("turkmen.txt", TURKMEN.encode("utf-8"), "not English (detected tk)"),
    ("short-russian.txt", "Встреча министров.".encode(), "not English (detected "),
    ("scripts-only.html", b"<html><script>var a=1</script><nav>Home</nav></html>", "empty text"),
    ("report.pdf", b"%PDF-1.4", "unsupported file type '.pdf'"),
    ("README", b"notes", "unsupported file type 'README'"),
])
def test_bad_file_is_one_error_with_a_hint(tmp_path: Path, name: str, data: bytes,
                                           reason: str) -> None:
    error = only_error(write(tmp_path / name, data))
    assert error.reason == reason or (reason.endswith(" ") and error.reason.startswith(reason))
    assert error.hint
    assert error.input == str(tmp_path / name)


def test_cp1251_russian_is_decoded_before_it_is_refused(tmp_path: Path) -> None:
    error = only_error(write(tmp_path / "ru.txt", RUSSIAN.encode("cp1251")))
    assert error.reason == "not English (detected ru)"
    assert error.doc_id == "ru"


def test_over_the_limit_is_refused_not_truncated(tmp_path: Path) -> None:
    big = write(tmp_path / "big.txt", (ENGLISH + "\n") * (5_000_000 // len(ENGLISH)))
    error = only_error(big)
    assert error.reason.startswith("too long:")
    assert "1,000,000" in error.reason and "--max-chars" in error.hint


def test_limit_is_counted_in_characters_after_decoding(tmp_path: Path) -> None:
    path = write(tmp_path / "t.txt", ENGLISH)
    assert only_error(path, max_chars=100).reason == f"too long: {len(ENGLISH)} characters, " \
        "limit 100 characters"
    docs, _ = ingest(path, max_chars=len(ENGLISH))
    assert docs[0].text == ENGLISH


def test_html_over_the_limit_by_text_not_markup(tmp_path: Path) -> None:
    page = "<html><script>" + "x" * 3000 + "</script><p>" + ENGLISH + "</p></html>"
    docs, errors = ingest(write(tmp_path / "p.html", page), max_chars=1000)
    assert errors == [] and docs[0].text == ENGLISH


@pytest.mark.parametrize("text", [
    "Rashid Meredov met Sirodjidin Aslov, Kassym-Jomart Tokayev and Shavkat Mirziyoyev.",
    "Talks: S. Lavrov, R. Meredov, T. Aiki, Kassym-Jomart Tokayev, Sadyr Japarov.",
    "The ministers met in Ashgabat on Monday.",
    "Talks held.",
])
def test_english_with_names_or_short_is_not_refused(tmp_path: Path, text: str) -> None:
    docs, errors = ingest(write(tmp_path / "en.txt", text))
    assert errors == [] and docs[0].text == text


def test_language_check_can_be_switched_off(tmp_path: Path) -> None:
    docs, _ = ingest(write(tmp_path / "ru.txt", RUSSIAN), check_language=False)
    assert docs[0].text == RUSSIAN


def test_jsonl_broken_line_is_one_error_the_rest_is_read(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": ENGLISH}) for i in range(4)]
    lines[1] = '{"id": "d1", "text": "cut off'
    lines.insert(3, "[1, 2]")
    path = write(tmp_path / "batch.jsonl", "\n".join(lines) + "\n")
    docs, errors = ingest(path)
    assert [d.doc_id for d in docs] == ["d0", "d2", "d3"]
    assert [e.input for e in errors] == [f"{path}:2", f"{path}:4"]
    assert errors[0].reason.startswith("not valid JSON")
    assert errors[1].reason == "line is a JSON list, not an object"


def test_jsonl_without_the_text_key_is_one_error(tmp_path: Path) -> None:
    rows = "\n".join(json.dumps({"id": i, "body": ENGLISH}) for i in range(50))
    error = only_error(write(tmp_path / "b.jsonl", rows))
    assert error.reason == "no text column 'text'"
    assert "id, body" in error.hint and "--text-column" in error.hint


def test_csv_without_text_column_is_one_error_naming_the_columns(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", "id,headline,content\n1,A,B\n2,C,D\n")
    error = only_error(path)
    assert error.reason == "no text column 'text'"
    assert "columns found: id, headline, content" in error.hint
    assert "--text-column" in error.hint


def test_csv_row_with_empty_text_is_an_error_for_that_row(tmp_path: Path) -> None:
    path = write(tmp_path / "t.csv", f'id,text\na,"{ENGLISH}"\nb,\nc,"{ENGLISH}"\n')
    docs, errors = ingest(path)
    assert [d.doc_id for d in docs] == ["a", "c"]
    assert [(e.input, e.reason) for e in errors] == [(f"{path}:3", "empty text")]


def test_duplicate_doc_ids_keep_the_first(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a" / "same.txt", ENGLISH)
    write(tmp_path / "in" / "b" / "same.md", ENGLISH)
    rows = write(tmp_path / "rows.jsonl", json.dumps({"id": "same", "text": ENGLISH}))
    docs, errors = ingest(tmp_path / "in", rows)
    assert [d.source for d in docs] == ["in/a/same.txt"]
    assert len(errors) == 2
    assert all(e.reason.startswith("duplicate doc id 'same'") for e in errors)
    assert "unique" in errors[0].hint


@pytest.mark.parametrize("raw", [
    "../../etc/passwd", "/abs/path", "a\x00b\nc", "..", "x\u202eevil", "C:\\win", " padded ",
])
def test_odd_ids_are_kept_exactly(tmp_path: Path, raw: str) -> None:
    path = write(tmp_path / "r.jsonl", json.dumps({"id": raw, "text": ENGLISH}))
    docs, errors = ingest(path)
    assert errors == []
    assert [d.doc_id for d in docs] == [raw]
    assert docs[0].warnings == []


def test_a_300_character_id_is_kept_and_two_stay_apart(tmp_path: Path) -> None:
    ids = ["x" * 300 + str(i) for i in range(2)]
    rows = "\n".join(json.dumps({"id": i, "text": ENGLISH}) for i in ids)
    docs, errors = ingest(write(tmp_path / "r.jsonl", rows))
    assert errors == []
    assert [d.doc_id for d in docs] == ids


def test_an_id_with_a_lone_surrogate_is_one_error(tmp_path: Path) -> None:
    path = write(tmp_path / "r.jsonl", '{"id": "a\\ud800b", "text": "' + ENGLISH + '"}')
    error = only_error(path)
    assert error.reason == "doc id is not valid Unicode (a lone surrogate escape)"


def test_symlink_loops_are_errors_not_hangs(tmp_path: Path) -> None:
    root = tmp_path / "in"
    write(root / "good.txt", ENGLISH)
    (root / "sub").mkdir()
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)
    (root / "self-a.txt").symlink_to(root / "self-b.txt")
    (root / "self-b.txt").symlink_to(root / "self-a.txt")
    (root / "dangling.txt").symlink_to(root / "missing.txt")
    docs, errors = ingest(root)
    assert [d.doc_id for d in docs] == ["good"]
    reasons = {Path(e.input).name: e.reason for e in errors}
    assert reasons == {"dangling.txt": "broken symlink", "self-a.txt": "symlink loop",
                       "self-b.txt": "symlink loop",
                       "up": "symlink loop (links back to a parent folder)"}


def test_symlink_to_a_file_already_read_is_reported(tmp_path: Path) -> None:
    write(tmp_path / "in" / "a.txt", ENGLISH)
    (tmp_path / "in" / "b.txt").symlink_to(tmp_path / "in" / "a.txt")
    docs, errors = ingest(tmp_path / "in")
    assert [d.doc_id for d in docs] == ["a"]
    assert errors[0].reason == "same file as in/a.txt (read once)"


def test_unreadable_file_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path / "locked.txt", ENGLISH)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 000 does not stop reading")
        error = only_error(path)
        assert error.reason == "cannot read: permission denied"
    finally:
        path.chmod(0o644)


def test_missing_input_is_an_error(tmp_path: Path) -> None:
    assert only_error(tmp_path / "nope").reason == "no such file or directory"


def test_spaces_and_non_ascii_file_names(tmp_path: Path) -> None:
    docs, errors = ingest(write(tmp_path / "in" / "Встреча в Ашхабаде 2.txt", ENGLISH),
                          write(tmp_path / "in" / "café meeting.md", ENGLISH))
    assert errors == []
    assert [d.doc_id for d in docs] == ["Встреча в Ашхабаде 2", "café meeting"]
    assert docs[0].source == "Встреча в Ашхабаде 2.txt"


def test_hidden_files_and_os_clutter_are_skipped(tmp_path: Path) -> None:
    write(tmp_path / "in" / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    write(tmp_path / "in" / ".git" / "HEAD", "ref: refs/heads/main")
    write(tmp_path / "in" / "Thumbs.db", b"\xd0\xcf\x11\xe0")
    write(tmp_path / "in" / "ok.txt", ENGLISH)
    docs, errors = ingest(tmp_path / "in")
    assert [d.doc_id for d in docs] == ["ok"] and errors == []


def test_messy_folder_every_input_accounted_for(tmp_path: Path) -> None:
    """The issue-6 folder: each bad file is one error, each good one a document."""
    root = tmp_path / "messy"
    good = {
        "plain.txt": ENGLISH.encode(),
        "bom.txt": b"\xef\xbb\xbf" + ENGLISH.encode(),
        "utf16.txt": ENGLISH.encode("utf-16"),
        "latin1.txt": ("Café talks. " + ENGLISH).encode("latin-1"),
        "crlf.txt": ENGLISH.replace(". ", ".\r\n").encode(),
        "page.html": f"<script>x()</script><nav>Menu</nav><p>{ENGLISH}</p>".encode(),
        "name with spaces é.md": ENGLISH.encode(),
    }
    bad = {
        "empty.txt": b"",
        "image.txt": PNG,
        "big.txt": (ENGLISH * 12000).encode(),
        "ru.txt": RUSSIAN.encode("cp1251"),
        "tk.txt": TURKMEN.encode(),
        "sub/plain.txt": ENGLISH.encode(),  # duplicate id
    }
    for name, data in {**good, **bad}.items():
        write(root / name, data)
    write(root / "rows.jsonl", json.dumps({"id": "r1", "text": ENGLISH}) + "\n{broken\n")
    write(root / "table.csv", "id,body\n1,x\n")
    docs, errors = ingest(root)
    assert sorted(d.source for d in docs) == sorted(
        [f"messy/{n}" for n in good] + ["messy/rows.jsonl"])
    assert len(errors) == len(bad) + 2
    assert all(e.reason and e.hint for e in errors)
    assert all(d.text.strip() and "\r" not in d.text for d in docs)
