"""Throughput, scaling, memory, start-up and cache benchmark of `communique run`.

Run by hand or with `make bench` (not a test: timings depend on the machine).
Every measurement runs in its own child process, so peak RSS and start-up are
those of a fresh run, and all of them run side by side in one invocation:

    .venv/bin/python bench/throughput.py                 # 2,000 and 20,000 docs (~15 min)
    .venv/bin/python bench/throughput.py --quick         # 300 and 1,500 docs (~3 min)
    .venv/bin/python bench/throughput.py --skeleton-extract --write-readme

Measured (targets from issue 7):
* communique run vs plain `nlp.pipe` (same model, texts, process count): >= 0.80
* --workers 2 over --workers 1: >= 1.7x
* peak RSS at the large size within 10% of the small size
* time to first record, start-up (model + rule data load)
* unchanged re-run (cache) over the first run: >= 20x faster
* a per-stage profile (stage timers from run.json and cProfile by module)

`--skeleton-extract` replaces extraction by the skeleton (an empty record per
document) so the numbers isolate what the orchestration adds to spaCy's own
pass; without it the real extraction runs.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SHARED = ROOT.parent / "shared" / "corpus"
SHARED_INPUTS = [SHARED / "kremlin" / "releases.jsonl", SHARED / "ukraine" / "releases.jsonl",
                 SHARED / "seed" / "releases"]
README = ROOT / "bench" / "README.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"


# ---------------------------------------------------------------- child side


def _use_skeleton_extract() -> None:
    """Swap in the skeleton extraction (inherited by forked workers): the runner's
    `_extract` gives an empty record instead of running Communique's components."""
    from communique.models import DocumentRecord
    from communique.pipeline.run import work

    def skeleton(nlp, doc):
        raw = doc._.communique.raw
        return DocumentRecord(doc_id=raw.doc_id, source=raw.source, title=raw.title,
                              published=raw.published, language="en", events=[],
                              text=raw.text, url=raw.url, warnings=list(raw.warnings))

    work._extract = skeleton


def _rss() -> dict[str, int]:
    return {"rss_self_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            "rss_children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}


def child_run(args: argparse.Namespace) -> dict:
    from communique.pipeline import run as runner
    from communique.pipeline.settings import Settings

    if args.skeleton_extract:
        _use_skeleton_extract()
    started = time.perf_counter()
    result = runner.run([Path(p) for p in args.inputs], Path(args.out),
                        Settings(workers=args.workers), use_cache=not args.no_cache,
                        report=not args.no_report)
    wall = time.perf_counter() - started
    return {"wall": wall, "counts": result.run_info["counts"],
            "timings": result.run_info["timings_seconds"], **_rss()}


def child_pipe(args: argparse.Namespace) -> dict:
    """Plain spaCy: load the model and nlp.pipe the same texts with the same process count."""
    from communique.pipeline.ingest import iter_documents
    from communique.pipeline.settings import Settings

    texts = [d.text for d in iter_documents([Path(p) for p in args.inputs])
             if hasattr(d, "text")]
    settings = Settings(workers=args.workers)
    started = time.perf_counter()
    import spacy

    nlp = spacy.load(settings.model)
    count = sum(1 for _ in nlp.pipe(texts, batch_size=settings.batch_size,
                                    n_process=args.workers))
    return {"wall": time.perf_counter() - started, "docs": count, **_rss()}


def child_load(args: argparse.Namespace) -> dict:
    """Start-up as a worker does it: imports, then the model, the gazetteer, the rest
    (the components: their rule data loaded, their matchers built)."""
    started = time.perf_counter()
    import spacy

    from communique.pipeline.components import build
    from communique.pipeline.settings import Settings

    imported = time.perf_counter()
    if args.skeleton_extract:
        build(Settings())
        done = time.perf_counter()
        return {"import": imported - started, "load": done - imported, "total": done - started}
    from communique.pipeline.gazetteer import Gazetteer

    spacy.load(Settings().model)  # timed alone; build loads it again (from the OS cache)
    model = time.perf_counter()
    Gazetteer.load()
    gazetteer = time.perf_counter()
    build(Settings())  # the rest (the gazetteer is not loaded twice)
    done = time.perf_counter()
    return {"import": imported - started, "model": model - imported,
            "gazetteer": gazetteer - model, "rest": done - gazetteer,
            "load": done - imported, "total": done - started}


def child_stages(args: argparse.Namespace) -> dict:
    """Own seconds of each Communique component in a 1-process run (no profiler
    overhead): each component's `__call__` is wrapped; time spent in a wrapped call
    made from another is given to the inner one only."""
    from communique.pipeline.components import COMPONENTS, build
    from communique.pipeline.run import work as runner
    from communique.pipeline.settings import Settings

    own: dict[str, float] = defaultdict(float)
    stack: list[float] = []  # seconds of nested stages, per open frame

    def wrap(label, function):
        def timed(*a, **kw):
            stack.append(0.0)
            started = time.perf_counter()
            try:
                return function(*a, **kw)
            finally:
                spent = time.perf_counter() - started
                nested = stack.pop()
                own[label] += spent - nested
                if stack:
                    stack[-1] += spent
        return timed

    for name, component in build(Settings(workers=1)).pipeline:
        if name in COMPONENTS:
            cls = type(component)
            cls.__call__ = wrap(name, cls.__call__)
    result = runner.run([Path(p) for p in args.inputs], Path(args.out), Settings(workers=1),
                        use_cache=False, report=False)
    workers = result.run_info["timings_seconds"]["workers_summed"]
    return {"stages": dict(own), "nlp": workers.get("nlp", 0.0),
            "extract": workers.get("extract", 0.0), "load": workers.get("load", 0.0),
            "ingest": result.run_info["timings_seconds"]["wall"].get("ingest", 0.0),
            "total": result.run_info["timings_seconds"]["wall"]["total"]}


def _bucket(filename: str) -> str:
    """communique.<module>, or the top-level package of a library, or the stdlib."""
    path = filename.replace("\\", "/")
    if "/communique/" in path and "site-packages" not in path:
        tail = path.split("/communique/", 1)[1].removesuffix(".py").replace("/", ".")
        return f"communique.{tail}"
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if path.startswith("<") or path == "~":
        return "builtins/C"
    if not path.startswith("/") and "/" in path:  # Cython: "thinc/backends/numpy_ops.pyx"
        return path.split("/", 1)[0]
    return "stdlib"


def child_profile(args: argparse.Namespace) -> dict:
    """cProfile of a one-process run, own time summed by module (communique.* and libraries)."""
    from communique.pipeline import run as runner
    from communique.pipeline.settings import Settings

    if args.skeleton_extract:
        _use_skeleton_extract()
    profiler = cProfile.Profile()
    profiler.enable()
    runner.run([Path(p) for p in args.inputs], Path(args.out), Settings(workers=1),
               use_cache=False, report=False)
    profiler.disable()
    stats = pstats.Stats(profiler)
    own: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, _) in stats.stats.items():  # type: ignore[attr-defined]
        own[_bucket(filename)] += tottime
    total = sum(own.values())
    return {"total": total,
            "by_module": sorted(((k, v) for k, v in own.items()), key=lambda kv: -kv[1])}


def child_main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["run", "pipe", "load", "profile", "stages"])
    parser.add_argument("--inputs", nargs="*", default=[])
    parser.add_argument("--out", default="")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--no-report", action="store_true")
    parser.add_argument("--skeleton-extract", action="store_true")
    args = parser.parse_args(argv)
    handler = {"run": child_run, "pipe": child_pipe, "load": child_load,
               "profile": child_profile, "stages": child_stages}[args.mode]
    print("BENCH-RESULT " + json.dumps(handler(args)))


# --------------------------------------------------------------- parent side


def child(mode: str, *extra: str, skeleton: bool = False) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *extra]
    if skeleton:
        command.append("--skeleton-extract")
    done = subprocess.run(command, capture_output=True, text=True, check=False,
                          env={**os.environ, "PYTHONHASHSEED": "0"})
    for line in done.stdout.splitlines():
        if line.startswith("BENCH-RESULT "):
            return json.loads(line.removeprefix("BENCH-RESULT "))
    raise RuntimeError(f"child {mode} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}")


def corpus_size(inputs: list[Path]) -> tuple[int, int]:
    from communique.pipeline.ingest import iter_documents

    docs = words = 0
    for item in iter_documents(inputs):
        if hasattr(item, "text"):
            docs += 1
            words += len(item.text.split())
    return docs, words


def run_child(inputs: list[Path], out: Path, workers: int, skeleton: bool,
              no_cache: bool = False) -> dict:
    extra = ["--inputs", *map(str, inputs), "--out", str(out), "--workers", str(workers)]
    return child("run", *extra, *(["--no-cache"] if no_cache else []), skeleton=skeleton)


def measure(args: argparse.Namespace) -> dict:
    from generate import write_corpus

    small, large = (300, 1500) if args.quick else (2000, 20000)
    workers = args.workers
    work = Path(tempfile.mkdtemp(prefix="communique-bench-"))
    sk = args.skeleton_extract
    results: dict = {"sizes": (small, large), "workers": workers, "skeleton": sk,
                     "cpus": os.cpu_count(), "loadavg_start": os.getloadavg(),
                     "date": time.strftime("%Y-%m-%d %H:%M")}
    try:
        corpora = {n: [write_corpus(n, work / f"gen-{n}.jsonl")] for n in (small, large)}
        corpora["shared"] = [p for p in SHARED_INPUTS if p.exists()]
        sizes = {name: corpus_size(paths) for name, paths in corpora.items()}
        results["corpora"] = {str(k): v for k, v in sizes.items()}
        log = lambda msg: print(f"[{time.strftime('%H:%M:%S')}] {msg}", flush=True)  # noqa: E731

        log("start-up (import + model + rule data)")
        results["load"] = child("load", skeleton=sk)

        for name in (small, "shared"):
            log(f"nlp.pipe baseline on {name}, {workers} processes")
            results[f"pipe_{name}"] = child("pipe", "--inputs", *map(str, corpora[name]),
                                            "--workers", str(workers))
            log(f"communique run on {name}, {workers} workers (fresh, cache on)")
            results[f"run_{name}"] = run_child(corpora[name], work / f"out-{name}", workers, sk)
        log(f"communique run on {small}, cached re-run")
        results["rerun"] = run_child(corpora[small], work / f"out-{small}", workers, sk)
        log(f"communique run on {small}, 1 worker (no cache)")
        results["run_w1"] = run_child(corpora[small], work / "out-w1", 1, sk, no_cache=True)
        log(f"communique run on {large}, {workers} workers (memory at scale)")
        results["run_large"] = run_child(corpora[large], work / "out-large", workers, sk,
                                         no_cache=True)
        log("profile (1 process, 300 docs)")
        profile_corpus = write_corpus(300, work / "gen-profile.jsonl", seed=7)
        results["profile"] = child("profile", "--inputs", str(profile_corpus), "--out",
                                   str(work / "out-profile"), skeleton=sk)
        if not sk:
            log("extraction stage timers (1 process, 300 docs)")
            results["stages"] = child("stages", "--inputs", str(profile_corpus), "--out",
                                      str(work / "out-stages"))
        results["loadavg_end"] = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return results


def _rate(docs: int, words: int, wall: float) -> str:
    return f"{docs / wall:,.1f} docs/s, {words / wall:,.0f} words/s"


def render(r: dict, command: str) -> str:
    small, large = r["sizes"]
    c = {k: tuple(v) for k, v in r["corpora"].items()}
    w = r["workers"]
    load_note = ""
    if "loadavg_start" in r:
        start, end = r["loadavg_start"], r.get("loadavg_end", r["loadavg_start"])
        load_note = (f" Load average (1/5/15 min) at the start "
                     f"{start[0]:.2f}/{start[1]:.2f}/{start[2]:.2f}, at the end "
                     f"{end[0]:.2f}/{end[1]:.2f}/{end[2]:.2f}; run {r.get('date', '')}.")
    lines = [f"Command: `{command}`", "",
             f"Machine: {r['cpus']} CPUs.{load_note} Report built in every run "
             f"(as a user runs it). Extraction: "
             f"{'skeleton (empty records)' if r['skeleton'] else 'real'}. "
             f"Corpora: generated {small:,} docs ({c[str(small)][1]:,} words), "
             f"{large:,} docs ({c[str(large)][1]:,} words); shared corpus "
             f"{c['shared'][0]:,} docs ({c['shared'][1]:,} words).", "",
             "| measure | value | target | met |", "|---|---|---|---|"]

    def row(name, value, target="", met=None):
        mark = "" if met is None else ("yes" if met else "**no**")
        lines.append(f"| {name} | {value} | {target} | {mark} |")

    for name in (str(small), "shared"):
        docs, words = c[name]
        run, pipe = r[f"run_{name}"], r[f"pipe_{name}"]
        ratio = pipe["wall"] / run["wall"]
        row(f"nlp.pipe, {w} proc, {name} docs", _rate(docs, words, pipe["wall"]))
        row(f"communique run, {w} workers, {name} docs", _rate(docs, words, run["wall"]))
        row(f"run / nlp.pipe throughput ({name})", f"{ratio:.2f}", ">= 0.80", ratio >= 0.80)
    docs, words = c[str(small)]
    w1 = r["run_w1"]["wall"]
    wn = r[f"run_{small}"]["wall"]
    row(f"communique run, 1 worker, {small} docs", _rate(docs, words, w1))
    row(f"--workers {w} over --workers 1", f"{w1 / wn:.2f}x", ">= 1.7x", w1 / wn >= 1.7)
    rerun = r["rerun"]["wall"]
    row(f"cached re-run, {small} docs", f"{rerun:.2f} s ({wn / rerun:.0f}x faster)",
        ">= 20x", wn / rerun >= 20)
    row("cached re-run loaded the model", r["rerun"]["counts"]["processed"] > 0 or "no")
    ldocs, lwords = c[str(large)]
    row(f"communique run, {w} workers, {large} docs", _rate(ldocs, lwords,
                                                           r["run_large"]["wall"]))
    for label, key in (("main process", "rss_self_kb"), ("largest worker", "rss_children_kb")):
        a, b = r[f"run_{small}"][key] / 1024, r["run_large"][key] / 1024
        row(f"peak RSS {label}: {small} -> {large} docs", f"{a:,.0f} -> {b:,.0f} MB "
            f"({(b / a - 1) * 100:+.1f}%)", "within 10%", b <= a * 1.10)
    load = r["load"]
    if "gazetteer" in load:
        row("start-up per process: import / model / gazetteer / rest",
            f"{load['import']:.2f} s / {load['model']:.2f} s / {load['gazetteer']:.2f} s / "
            f"{load['rest']:.2f} s (total {load['total']:.2f} s)")
    else:
        row("start-up: import / model + rule data load",
            f"{load['import']:.2f} s / {load['load']:.2f} s")
    first = r[f"run_{small}"]["timings"]["first_record"]
    row(f"time to first record ({w} workers, fresh)", f"{first:.2f} s")
    lines += ["", f"Stage timers of the {small}-doc run ({w} workers; `wall` in the main "
              "process, `workers` summed over worker processes), seconds:", "",
              "| stage | seconds |", "|---|---|"]
    timings = r[f"run_{small}"]["timings"]
    for where in ("wall", "workers_summed"):
        for stage, seconds in timings[where].items():
            lines.append(f"| {where}.{stage} | {seconds:.2f} |")
    if "stages" in r:
        st = r["stages"]
        lines += ["", "Where a document's time goes, 1 process over 300 generated docs "
                  f"(total {st['total']:.1f} s; own seconds of each stage, a stage called "
                  "from another counted once):", "", "| stage | seconds | share of nlp+extract |",
                  "|---|---|---|"]
        work = st["nlp"] + st["extract"]
        parts = [("spaCy nlp.pipe", st["nlp"]), *sorted(st["stages"].items(),
                                                         key=lambda kv: -kv[1])]
        for label, seconds in parts:
            lines.append(f"| {label} | {seconds:.2f} | {seconds / work * 100:.0f}% |")
        lines.append(f"| (load, once: model + gazetteer + rules) | {st['load']:.2f} | |")
        lines.append(f"| (ingest, parent) | {st['ingest']:.2f} | |")
    prof = r["profile"]
    lines += ["", "cProfile of a 1-process run over 300 generated docs, own time by module "
              f"(total {prof['total']:.1f} s):", "", "| module | seconds | share |",
              "|---|---|---|"]
    for module, seconds in prof["by_module"][:14]:
        lines.append(f"| {module} | {seconds:.2f} | {seconds / prof['total'] * 100:.0f}% |")
    return "\n".join(lines) + "\n"


def write_readme(table: str) -> None:
    text = README.read_text(encoding="utf-8") if README.exists() else f"{BEGIN}\n{END}\n"
    before, _, rest = text.partition(BEGIN)
    _, _, after = rest.partition(END)
    README.write_text(f"{before}{BEGIN}\n{table}{END}{after}", encoding="utf-8")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child_main(sys.argv[2:])
        return
    parser = argparse.ArgumentParser(description="Benchmark communique run (issue 7).")
    parser.add_argument("--quick", action="store_true", help="300 and 1,500 docs")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skeleton-extract", action="store_true",
                        help="measure orchestration with empty records (the skeleton extract)")
    parser.add_argument("--write-readme", action="store_true",
                        help="put the table into bench/README.md")
    parser.add_argument("--json", type=Path, help="also save the raw measurements here")
    parser.add_argument("--from-json", type=Path, help="render saved measurements, no run")
    args = parser.parse_args()
    command = "python bench/throughput.py " + " ".join(sys.argv[1:])
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        results, command = saved["results"], saved["command"]
    else:
        results = measure(args)
    if args.json:
        args.json.write_text(json.dumps({"command": command, "results": results}, indent=2),
                             encoding="utf-8")
    table = render(results, command.strip())
    print(table)
    if args.write_readme:
        write_readme(table)


if __name__ == "__main__":
    main()
