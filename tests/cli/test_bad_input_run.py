"""Issue 6 end to end: `communique run` over one messy folder.

The folder holds every class of bad input the issue lists beside a few good
English releases (all written here, nothing committed as a binary). The real
console script runs in a subprocess, as a user would run it, so what is
checked is what a user sees: exit code, stderr, errors.jsonl, records.jsonl.

Running as root, `chmod 000` does not stop a read, so the run then drops to
the `nobody` user (uid 65534, with `setpriv`) to keep the unreadable file
honest; when that is not possible the unreadable file is left out.

`.venv/bin/python tests/cli/test_bad_input_run.py` builds the folder, runs the command and
prints the table of docs/BAD_INPUT.md (the doc is generated, not guessed;
`test_the_bad_input_doc_matches_the_run` keeps the two in step).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest

COMMAND = Path(sys.executable).with_name("communique")
DOC = Path(__file__).resolve().parents[2] / "docs" / "BAD_INPUT.md"
NOBODY = 65534

OSLO = ("Oslo, 12 October 2021\n\nThe Minister of Foreign Affairs of Norway met the Ambassador "
        "of Japan in Oslo. The sides discussed trade, shipping and energy cooperation.")
LIMA = ("Lima, 3 May 2021\n\nThe Minister of Foreign Affairs of Peru met the Ambassador of "
        "Chile in Lima. The sides discussed trade, energy and regional security.")
PHONE = ("On 5 March 2022 the Deputy Minister of Foreign Affairs held a telephone "
         "conversation with the Ambassador of Denmark. The sides discussed transport "
         "and logistics.")
ZURICH = ("On 14 June 2019 the Minister met the Ambassador of Côte d'Ivoire in Zürich. "
          "The délégations discussed trade and culture.")
CONSULT = ("A round of political consultations between the foreign ministries of Kazakhstan "
           "and Mongolia took place in Astana on 20 April 2023. The sides discussed trade.")
RUSSIAN = ("Министр иностранных дел Туркменистана встретился с послом Японии. Стороны "
           "обсудили сотрудничество в области торговли, транспорта и культуры.")
TURKMEN = ("Türkmenistanyň Daşary işler ministri Ýaponiýanyň ilçisi bilen duşuşdy. Taraplar "
           "söwda, ulag we medeniýet ulgamlarynda hyzmatdaşlygy ara alyp maslahatlaşdylar.")
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
       b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
       b"\x00\x00\x00\x00IEND\xaeB`\x82")
PAGE = f"""<!doctype html><html><head><title>News | Ministry</title>
<script src="/analytics.js"></script><script>var menu = "The Minister met nobody";</script>
<style>nav {{ display: flex }}</style></head><body>
<header><nav><a href="/">Home</a><a href="/news">News</a><a href="/contacts">Contacts</a></nav>
</header><div class="cookie">We use cookies.</div>
<main><article><h1>Consultations in Astana</h1><p>{CONSULT}</p>
<script>track("article")</script></article></main>
<aside><ul><li><a href="/1">Related news</a></li></ul></aside>
<footer>Copyright 2023. All rights reserved.</footer><script>init()</script></body></html>"""
NAV_ONLY = ("<html><head><script>var x = 1;</script></head><body><nav><a href='/'>Home</a>"
            "</nav><script>load()</script><footer>Copyright</footer></body></html>")


@dataclass(frozen=True)
class Bad:
    """One bad input: its path (":line" for a row) and the class it stands for."""

    input: str
    label: str


@dataclass
class MessyFolder:
    root: Path
    good: dict[str, str]  # doc id -> class of input
    bad: list[Bad]
    skipped: list[str]  # hidden files and OS clutter: documented, not reported
    unreadable: bool  # whether the run can really be refused a read


def build_messy_folder(root: Path, *, unreadable: bool = True) -> MessyFolder:
    """Write the issue-6 folder into `root`; return what each input should become."""
    files: dict[str, bytes] = {
        # good
        "meeting-in-oslo.txt": OSLO.encode(),
        "2021-05-03 talks in lima.md": LIMA.encode(),
        "bom.txt": b"\xef\xbb\xbf" + PHONE.encode(),
        "crlf.txt": LIMA.replace("\n", "\r\n").replace(". ", ".\r\n").encode(),
        "utf16.txt": CONSULT.encode("utf-16"),
        "latin1.txt": ZURICH.encode("latin-1"),
        "page.html": PAGE.encode(),
        "Встреча в Ашхабаде (копия).txt": PHONE.encode(),
        "rows.jsonl": "\n".join([
            json.dumps({"id": "row-1", "title": "Talks in Lima", "text": LIMA}),
            '{"id": "row-2", "text": "The Minister met',
            json.dumps({"id": "row-3", "published": "2021-10-12", "text": OSLO}),
        ]).encode() + b"\n",
        # bad
        "empty.txt": b"",
        "logo.png": PNG,
        "photo.txt": PNG,
        "russian-cp1251.txt": RUSSIAN.encode("cp1251"),
        "russian.txt": RUSSIAN.encode(),
        "turkmen.txt": TURKMEN.encode(),
        "big.txt": ((OSLO + "\n\n") * (5_000_000 // (len(OSLO) + 2) + 1)).encode(),
        "nav-only.html": NAV_ONLY.encode(),
        "table.csv": b"id,headline,content\n1,Talks,The Minister met the Ambassador.\n",
        "zz-copies/meeting-in-oslo.md": OSLO.encode(),
        # skipped by design
        ".DS_Store": b"\x00\x00\x00\x01Bud1",
        "Thumbs.db": b"\xd0\xcf\x11\xe0",
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    (root / "loop").mkdir()
    (root / "loop" / "up").symlink_to(root, target_is_directory=True)
    (root / "self-a.txt").symlink_to(root / "self-b.txt")
    (root / "self-b.txt").symlink_to(root / "self-a.txt")
    if unreadable:
        (root / "locked.txt").write_text(OSLO.replace("Oslo", "Bergen"), encoding="utf-8")
        (root / "locked.txt").chmod(0)
    good = {
        "meeting-in-oslo": "plain UTF-8 text",
        "2021-05-03 talks in lima": "Markdown, name with spaces",
        "bom": "UTF-8 with a byte order mark",
        "crlf": "CRLF line ends",
        "utf16": "UTF-16 text (with BOM)",
        "latin1": "latin-1 (cp1252) text",
        "page": "HTML full of scripts and navigation",
        "Встреча в Ашхабаде (копия)": "file name with spaces and non-ASCII",
        "row-1": "JSONL rows around a broken line",
        "row-3": "JSONL rows around a broken line",
    }
    bad = [
        Bad(str(root / "empty.txt"), "empty file"),
        Bad(str(root / "logo.png"), "image file (PNG)"),
        Bad(str(root / "photo.txt"), "binary file named .txt (a PNG)"),
        Bad(str(root / "russian-cp1251.txt"), "Russian in cp1251"),
        Bad(str(root / "russian.txt"), "release in Russian (UTF-8)"),
        Bad(str(root / "turkmen.txt"), "release in Turkmen"),
        Bad(str(root / "big.txt"), "5 MB text (over the 1,000,000-character limit)"),
        Bad(str(root / "nav-only.html"), "HTML with only scripts and navigation"),
        Bad(f"{root / 'rows.jsonl'}:2", "JSONL with a broken line"),
        Bad(str(root / "table.csv"), "CSV with no text column"),
        Bad(str(root / "zz-copies" / "meeting-in-oslo.md"), "two inputs with the same doc id"),
        Bad(str(root / "loop" / "up"), "symlink loop (a folder linking to its parent)"),
        Bad(str(root / "self-a.txt"), "symlink loop (two links to each other)"),
        Bad(str(root / "self-b.txt"), "symlink loop (two links to each other)"),
    ]
    if unreadable:
        bad.append(Bad(str(root / "locked.txt"), "unreadable file (chmod 000)"))
    return MessyFolder(root, good, bad, [".DS_Store", "Thumbs.db"], unreadable)


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    out: Path

    def records(self) -> list[dict]:
        lines = (self.out / "records.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]

    def errors(self) -> list[dict]:
        lines = (self.out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
        return [json.loads(line) for line in lines]


@cache
def demote() -> tuple[str, ...] | None:
    """The command prefix that runs as `nobody` when we are root; () when we are not;
    None when we are root and cannot drop privileges (the unreadable file is left out)."""
    if os.geteuid() != 0:
        return ()
    prefix = ("setpriv", f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups")
    if shutil.which("setpriv") is None:
        return None
    probe = subprocess.run([*prefix, str(COMMAND), "--help"], capture_output=True, check=False,
                           cwd=tempfile.gettempdir())
    return prefix if probe.returncode == 0 else None


def run_cli(folder: Path, out: Path, *extra: str, columns: int | None = None) -> Run:
    """`communique run FOLDER --out OUT`, as a user runs it (not as root: see above),
    with stderr to a pipe (as to a log file): no terminal, so no terminal width
    unless `columns` sets COLUMNS."""
    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    env["HOME"] = str(out.parent)
    if columns:
        env["COLUMNS"] = str(columns)
    done = subprocess.run(
        [*(demote() or ()), str(COMMAND), "run", str(folder), "--out", str(out),
         "--workers", "1", *extra],
        capture_output=True, text=True, encoding="utf-8", env=env, timeout=600, check=False,
        cwd=out.parent)
    return Run(done.returncode, done.stdout, done.stderr, out)


def _world_readable_tree() -> Path:
    """A temp folder that `nobody` can read (pytest's own tmp folders are 0700)."""
    base = Path(tempfile.mkdtemp(prefix="communique-messy-"))
    base.chmod(0o755)
    (base / "out").mkdir()
    (base / "out").chmod(0o777)
    (base / "messy").mkdir()
    return base


@pytest.fixture(scope="module")
def messy() -> Iterator[tuple[MessyFolder, Run, Run]]:
    if not COMMAND.exists():
        pytest.skip(f"{COMMAND} is not installed (pip install -e .)")
    base = _world_readable_tree()
    try:
        folder = build_messy_folder(base / "messy", unreadable=demote() is not None)
        first = run_cli(folder.root, base / "out", "--no-report")
        strict = run_cli(folder.root, base / "out", "--no-report", "--strict")
        yield folder, first, strict
    finally:
        (base / "messy" / "locked.txt").unlink(missing_ok=True)
        shutil.rmtree(base, ignore_errors=True)


def test_the_run_finishes_and_reports_failures(messy):
    folder, run, _ = messy
    assert run.code == 0, run.stderr
    assert f"{len(folder.bad)} failed" in run.stderr
    assert "records.jsonl" in run.stdout


def test_strict_exits_non_zero(messy):
    folder, _, strict = messy
    assert strict.code == 1
    assert f"{len(folder.bad)} failed" in strict.stderr


def test_every_good_document_is_a_record(messy):
    folder, run, _ = messy
    records = run.records()
    assert sorted(r["doc_id"] for r in records) == sorted(folder.good)
    for record in records:
        assert record["events"], record["doc_id"]
        assert "\r" not in record["text"] and "\ufeff" not in record["text"]
        for event in record["events"]:
            for span in event["evidence"]:
                assert record["text"][span["start"]:span["end"]] == span["text"]


def test_html_keeps_the_article_not_the_page_chrome(messy):
    _, run, _ = messy
    page = next(r for r in run.records() if r["doc_id"] == "page")
    assert page["title"] == "Consultations in Astana"
    for chrome in ("Home", "cookies", "Related news", "Copyright", "track(", "nobody"):
        assert chrome not in page["text"]


@pytest.mark.parametrize(("doc_id", "needle"), [
    ("latin1", "Côte d'Ivoire in Zürich"), ("utf16", "Kazakhstan"), ("bom", "telephone"),
])
def test_decoded_text_is_the_release(messy, doc_id, needle):
    _, run, _ = messy
    record = next(r for r in run.records() if r["doc_id"] == doc_id)
    assert needle in record["text"]


def test_every_bad_input_is_exactly_one_error_with_reason_and_hint(messy):
    folder, run, _ = messy
    errors = run.errors()
    assert sorted(e["input"] for e in errors) == sorted(b.input for b in folder.bad)
    for error in errors:
        assert error["reason"].strip() and error["hint"].strip(), error


def _squash(text: str) -> str:
    return "".join(text.split())


def test_every_error_is_on_stderr(messy):
    _, run, _ = messy
    stderr = _squash(run.stderr)
    for error in run.errors():
        assert _squash(error["input"]) in stderr and _squash(error["reason"]) in stderr, error


def test_each_error_is_one_line_on_stderr(messy):
    _, run, _ = messy
    lines = set(run.stderr.splitlines())
    for error in run.errors():
        where = f"{error['input']} [{error['doc_id']}]" if error["doc_id"] else error["input"]
        assert f"error: {where}: {error['reason']} (hint: {error['hint']})" in lines, error


@pytest.mark.parametrize("name", [
    "notes[/draft].txt",
    "[bold]memo.txt",
])
def test_file_names_that_look_like_markup_are_reported_verbatim(name):
    """A folder called `notes[` holding `draft].txt` is the path `notes[/draft].txt`."""
    if not COMMAND.exists():
        pytest.skip(f"{COMMAND} is not installed (pip install -e .)")
    base = _world_readable_tree()
    try:
        bad = base / "messy" / name
        bad.parent.mkdir(parents=True, exist_ok=True)
        bad.write_bytes(b"")
        (base / "messy" / "ok.txt").write_text(PHONE, encoding="utf-8")
        run = run_cli(base / "messy", base / "out", "--no-report", columns=1000)
        assert run.code == 0, run.stderr[-2000:]
        assert [r["doc_id"] for r in run.records()] == ["ok"]
        assert [e["input"] for e in run.errors()] == [str(bad)]
        assert f"error: {bad} [{bad.stem}]: empty text" in run.stderr
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_nothing_is_silently_skipped(messy):
    """Records + errors == inputs; only hidden files and OS clutter are left out."""
    folder, run, _ = messy
    inputs = [p for p in folder.root.rglob("*")
              if (p.is_file() or p.is_symlink()) and not p.is_dir()
              and p.name not in folder.skipped and p.suffix != ".jsonl"]
    inputs += [folder.root / "loop" / "up"]
    rows = (folder.root / "rows.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(run.records()) + len(run.errors()) == len(inputs) + len(rows)
    summary = json.loads((run.out / "run.json").read_text(encoding="utf-8"))["counts"]
    assert (summary["documents"], summary["failed"]) == (len(folder.good), len(folder.bad))


@pytest.mark.parametrize(("name", "reason"), [
    ("empty.txt", "empty text"),
    ("logo.png", "unsupported file type '.png'"),
    ("photo.txt", "binary file (PNG image)"),
    ("russian-cp1251.txt", "not English (detected ru)"),
    ("russian.txt", "not English (detected ru)"),
    ("turkmen.txt", "not English (detected tk)"),
    ("big.txt", "too long: 5,000,"),
    ("nav-only.html", "empty text"),
    ("rows.jsonl:2", "not valid JSON"),
    ("table.csv", "no text column 'text'"),
    ("zz-copies/meeting-in-oslo.md", "duplicate doc id 'meeting-in-oslo'"),
    ("loop/up", "symlink loop (links back to a parent folder)"),
    ("self-a.txt", "symlink loop"),
    ("locked.txt", "cannot read: permission denied"),
])
def test_each_class_gets_its_own_reason(messy, name, reason):
    folder, run, _ = messy
    if name == "locked.txt" and not folder.unreadable:
        pytest.skip("root without setpriv: a file cannot be made unreadable")
    by_input = {e["input"]: e["reason"] for e in run.errors()}
    assert by_input[f"{folder.root}/{name}"].startswith(reason)


def test_the_bad_input_doc_matches_the_run(messy):
    """docs/BAD_INPUT.md quotes the reasons and hints this run gives."""
    folder, run, _ = messy
    doc = DOC.read_text(encoding="utf-8")
    for error in run.errors():
        for text in (error["reason"], error["hint"]):
            assert _cell(text.replace(str(folder.root.parent), "…")) in doc, text


# --- the table of docs/BAD_INPUT.md ---------------------------------------------


def _cell(text: str) -> str:
    return "`" + text.replace("|", "\\|") + "`"


def bad_input_table() -> str:
    """Build the folder, run the command (plain and --strict), return the Markdown table."""
    base = _world_readable_tree()
    try:
        folder = build_messy_folder(base / "messy", unreadable=demote() is not None)
        run = run_cli(folder.root, base / "out", "--no-report", columns=1000)
        strict = run_cli(folder.root, base / "out", "--no-report", "--strict", columns=1000)
        by_input = {e["input"]: e for e in run.errors()}
        rows = ["| Input | What the user sees: reason | Hint | Exit code |",
                "|---|---|---|---|"]
        codes = f"{run.code} (`--strict`: {strict.code})"
        for bad in folder.bad:
            error = by_input[bad.input]
            reason, hint = (error[k].replace(str(base), "…") for k in ("reason", "hint"))
            rows.append(f"| {bad.label} | {_cell(reason)} | {_cell(hint)} | {codes} |")
        kinds = sorted(set(folder.good.values()))
        rows.append(f"| {'; '.join(kinds)} | a record (no error) | | {codes} |")
        rows.append(f"| hidden files ({folder.skipped[0]}), OS clutter ({folder.skipped[1]}) "
                    f"| skipped, not reported | | {codes} |")
        failed = next(line for line in run.stderr.splitlines() if " failed (see " in line)
        first = next(line for line in run.stderr.splitlines() if line.startswith("error:"))
        return "\n".join(rows) + (
            f"\n\nstderr, one line per error, e.g.:\n\n    {first.replace(str(base), '…')}\n"
            f"\nand at the end:\n\n    {failed.replace(str(base), '…')}\n")
    finally:
        (base / "messy" / "locked.txt").unlink(missing_ok=True)
        shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    print(bad_input_table())
