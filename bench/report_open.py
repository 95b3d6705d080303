"""How long a reviewer waits for the report of a 2,000-document run (issue 15).

Never a test: timings depend on the machine. It generates N releases
(bench/generate.py), runs `communique run` on them, then opens
report/index.html from disk in headless Chromium (/usr/bin/chromium) and
times, each from the user's action to the view being drawn:

- open: navigation to the overview's counts;
- events table: the first page of the events table;
- next page: the pager's next-page button, 20 times (median);
- filter: typing a word into a filter of the participants table;
- document: a document view with its highlights and record panel.

Each is printed in ms, as a ratio to the time a person waits without
noticing (WAIT_MS, 1 s; below 1.0 is the goal), and as a ratio to the same
step on the report of the run's first 5 records, measured in the same run.

    .venv/bin/python bench/report_open.py            # 2,000 documents
    .venv/bin/python bench/report_open.py --n 500
    .venv/bin/python bench/report_open.py --out outputs   # an existing run's folder
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write_corpus  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
WAIT_MS = 1000.0


def build_run(n: int, work: Path) -> Path:
    """A fresh run of n generated releases; its output folder."""
    corpus = write_corpus(n, work / f"gen-{n}.jsonl")
    out = work / f"run-{n}"
    subprocess.run([sys.executable, "-m", "communique.pipeline.cli", "run", str(corpus),
                    "--out", str(out), "--quiet", "--no-cache"], check=True)
    return out


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000


def measure(report: Path) -> dict[str, float]:
    """The timings of one page, in ms."""
    from playwright.sync_api import sync_playwright

    url = report.resolve().as_uri()
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        t = time.perf_counter()
        page.goto(url + "#overview")
        page.wait_for_selector("#counts")
        found = {"open": _ms(t)}
        t = time.perf_counter()
        page.click("#nav a[data-view='events']")
        page.wait_for_selector("#table-events tbody tr")
        found["events table"] = _ms(t)
        pages = []
        for _ in range(20):
            if not page.is_enabled(".pager button[title='Next page']"):
                break  # a small report has one page
            before = page.inner_text("#table-status")
            t = time.perf_counter()
            page.click(".pager button[title='Next page']")
            page.wait_for_function("b => document.getElementById('table-status').textContent !== b",
                                   arg=before)
            pages.append(_ms(t))
        if pages:
            found["next page (median of 20)"] = statistics.median(pages)
        page.click("#nav a[data-view='participants']")
        page.wait_for_selector("#table-participants tbody tr")
        before = page.inner_text("#table-status")
        t = time.perf_counter()
        page.fill("#table-participants input[data-key='role']", "minister")
        page.wait_for_function("b => document.getElementById('table-status').textContent !== b",
                               arg=before)
        found["filter (incl. 120 ms debounce)"] = _ms(t)
        t = time.perf_counter()
        page.click("#table-participants tbody a")
        page.wait_for_selector("#record .rv")
        found["document"] = _ms(t)
        browser.close()
    return found


def small_report(out: Path, work: Path, n: int = 5) -> Path:
    """The report of the run's first n records: the baseline the page's own
    start-up (browser, renderer) costs, measured in the same run."""
    from communique.pipeline.writers.report import build_report

    small = work / f"first-{n}"
    small.mkdir(parents=True, exist_ok=True)
    with (out / "records.jsonl").open(encoding="utf-8") as src:
        lines = [next(src) for _ in range(n)]
    (small / "records.jsonl").write_text("".join(lines), encoding="utf-8")
    (small / "errors.jsonl").write_text("", encoding="utf-8")
    return build_report(small)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--out", type=Path, help="an existing run's output folder")
    parser.add_argument("--work", type=Path, default=HERE / ".work")
    args = parser.parse_args()
    out = args.out or build_run(args.n, args.work)
    report = out / "report" / "index.html"
    size = report.stat().st_size / 1e6
    docs = sum(1 for _ in (out / "records.jsonl").open(encoding="utf-8"))
    print(f"report of {docs:,} documents: {size:.1f} MB")
    base = measure(small_report(out, args.work))
    print(f"{'step':34} {'ms':>8} {'/ 1 s':>7} {'5 docs ms':>10} {'ratio':>6}")
    for step, ms in measure(report).items():
        small = f"{base[step]:10.0f} {ms / base[step]:6.1f}" if step in base else ""
        print(f"{step:34} {ms:8.0f} {ms / WAIT_MS:7.2f} {small}")


if __name__ == "__main__":
    main()
