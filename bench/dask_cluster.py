"""Dask executor benchmark (issue 14): dask-local beside the local pool and plain `nlp.pipe`.

Run by hand, never as a test (timings depend on the machine and its load):

    .venv/bin/python bench/dask_cluster.py                    # 2,000 docs x 3, then 20,000
    .venv/bin/python bench/dask_cluster.py --docs 600 --large 6000 --reps 3
    .venv/bin/python bench/dask_cluster.py --write-readme     # the table into bench/README.md

Every measurement is a fresh child process (throughput.py's children), and
the configurations alternate inside each repetition, so the ratios compare
runs made side by side under the same load; each figure is the median of
`--reps` repetitions:

* plain spaCy: the model loaded, `nlp.pipe(n_process=2)` over the same texts;
* `communique run`, local pool of 2 workers (no cache, report and db built);
* `communique run --executor dask-local --workers 2`, and `--workers 1` (scaling);
* the driver's peak RSS under dask-local at `--docs` and at `--large` documents
  (a LocalCluster's scheduler lives in the driver process, so it is counted);
* the driver's own cost per document (ingest, cache, writing, and the passes
  over records.jsonl after the run: report, SQLite, Parquet), from run.json.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import throughput  # noqa: E402

README = ROOT / "bench" / "README.md"
BEGIN, END = "<!-- dask:begin -->", "<!-- dask:end -->"
DRIVER_STAGES = ("ingest", "cache", "write", "report", "db", "parquet")


def child_dask(args: argparse.Namespace) -> dict:
    """`communique run --executor dask-local --workers N` in this (child) process."""
    from communique.pipeline import run as runner
    from communique.pipeline.run import dask_executor
    from communique.pipeline.settings import Settings

    settings = Settings(workers=args.workers)
    started = time.perf_counter()
    result = runner.run([Path(p) for p in args.inputs], Path(args.out), settings,
                        use_cache=not args.no_cache, report=not args.no_report,
                        executor_factory=lambda: dask_executor.start_local(settings))
    wall = time.perf_counter() - started
    return {"wall": wall, "counts": result.run_info["counts"],
            "timings": result.run_info["timings_seconds"], **throughput._rss()}


def child_main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["run", "pipe", "dask"])
    parser.add_argument("--inputs", nargs="*", default=[])
    parser.add_argument("--out", default="")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--skeleton-extract", action="store_true")
    args = parser.parse_args(argv)
    handler = {"run": throughput.child_run, "pipe": throughput.child_pipe,
               "dask": child_dask}[args.mode]
    print("BENCH-RESULT " + json.dumps(handler(args)))


def child(mode: str, inputs: list[Path], out: Path, workers: int) -> dict:
    import subprocess

    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, "--inputs",
               *map(str, inputs), "--out", str(out), "--workers", str(workers), "--no-cache"]
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    shutil.rmtree(out, ignore_errors=True)
    for line in done.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return json.loads(line.removeprefix("BENCH-RESULT "))
    raise RuntimeError(f"child {mode} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


CONFIGS = {  # name: (child mode, workers)
    "pipe2": ("pipe", 2), "local2": ("run", 2), "dask2": ("dask", 2), "dask1": ("dask", 1),
}


def measure(args: argparse.Namespace) -> dict:
    from generate import write_corpus

    work = Path(tempfile.mkdtemp(prefix="communique-dask-bench-"))
    log = lambda msg: print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)  # noqa: E731
    results: dict = {"docs": args.docs, "large": args.large, "reps": args.reps,
                     "cpus": os.cpu_count(), "loadavg_start": os.getloadavg(),
                     "date": time.strftime("%Y-%m-%d %H:%M"), "runs": {k: [] for k in CONFIGS}}
    try:
        corpus = [write_corpus(args.docs, work / "gen.jsonl")]
        for rep in range(args.reps):
            for name, (mode, workers) in CONFIGS.items():
                log(f"rep {rep + 1}/{args.reps}: {name}")
                results["runs"][name].append(child(mode, corpus, work / "out", workers))
        if args.large:
            log(f"dask-local, 2 workers, {args.large} docs (driver memory)")
            big = [write_corpus(args.large, work / "gen-large.jsonl")]
            results["large_run"] = child("dask", big, work / "out", 2)
        results["loadavg_end"] = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _median(runs: list[dict], key=lambda r: r["wall"]) -> float:
    return statistics.median(key(r) for r in runs)


def render(r: dict, command: str) -> str:
    runs = r["runs"]
    wall = {name: _median(values) for name, values in runs.items()}
    docs = r["docs"]
    lines = [f"Command: `{command}`", "",
             f"Machine: {r['cpus']} CPUs; load average (1/5/15 min) at the start "
             f"{'/'.join(f'{x:.2f}' for x in r['loadavg_start'])}, at the end "
             f"{'/'.join(f'{x:.2f}' for x in r['loadavg_end'])}; run {r['date']}. "
             f"{docs:,} generated docs, median of {r['reps']} runs, configurations "
             "alternating inside each repetition. Report, SQLite and Parquet built in every run.",
             "", "| measure | value | target | met |", "|---|---|---|---|"]

    def row(name: str, value: str, target: str = "", met: bool | None = None) -> None:
        lines.append(f"| {name} | {value} | {target} | "
                     f"{'' if met is None else ('yes' if met else '**no**')} |")

    for name, label in (("pipe2", "plain nlp.pipe, n_process=2"),
                        ("local2", "communique run, local pool, 2 workers"),
                        ("dask2", "communique run, dask-local, 2 workers"),
                        ("dask1", "communique run, dask-local, 1 worker")):
        row(label, f"{wall[name]:.1f} s, {docs / wall[name]:.1f} docs/s")
    local_ratio = wall["pipe2"] / wall["local2"]
    dask_ratio = wall["pipe2"] / wall["dask2"]
    row("local pool / nlp.pipe throughput", f"{local_ratio:.2f}", ">= 0.90", local_ratio >= 0.9)
    row("dask-local / nlp.pipe throughput", f"{dask_ratio:.2f}")
    vs_local = wall["local2"] / wall["dask2"]
    row("dask-local 2 workers / local pool 2 workers", f"{vs_local:.2f}", ">= 0.90",
        vs_local >= 0.9)
    row("dask-local scaling 1 -> 2 workers", f"{wall['dask1'] / wall['dask2']:.2f}x")
    small_rss = _median(runs["dask2"], lambda x: x["rss_self_kb"]) / 1024
    if r.get("large_run"):
        big_rss = r["large_run"]["rss_self_kb"] / 1024
        growth = big_rss / small_rss - 1
        row(f"driver peak RSS, dask-local: {docs:,} -> {r['large']:,} docs",
            f"{small_rss:.0f} -> {big_rss:.0f} MB ({growth:+.1%})", "within 10%",
            abs(growth) <= 0.10)
    lines += ["", "The driver's own work per document (dask-local, 2 workers; median of the "
              "runs; the passes after the run read records.jsonl once each):", "",
              "| driver stage | ms per document |", "|---|---|"]
    for stage in DRIVER_STAGES:
        per_doc = _median(runs["dask2"], lambda x, s=stage: x["timings"]["wall"].get(s, 0.0))
        lines.append(f"| {stage} | {1000 * per_doc / docs:.2f} |")
    worker_s = _median(runs["dask2"], lambda x: x["timings"]["workers_summed"].get("nlp", 0)
                       + x["timings"]["workers_summed"].get("extract", 0))
    lines.append(f"| (for scale: spaCy + extraction in the workers, summed) | "
                 f"{1000 * worker_s / docs:.2f} |")
    return "\n".join(lines)


def write_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{table}\n{END}"
    if BEGIN in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n## Dask executor (issue 14)\n\n" + block + "\n"
    README.write_text(text, encoding="utf-8")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description="Benchmark the Dask executor (issue 14).")
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--large", type=int, default=20000, help="0: skip the memory run")
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also save the raw measurements here")
    parser.add_argument("--from-json", type=Path, help="render saved measurements, no run")
    parser.add_argument("--write-readme", action="store_true")
    args = parser.parse_args()
    results = (json.loads(args.from_json.read_text()) if args.from_json else measure(args))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))
    table = render(results, "python bench/dask_cluster.py " + " ".join(sys.argv[1:]))
    print(table)
    if args.write_readme:
        write_readme(table)


if __name__ == "__main__":
    main()
