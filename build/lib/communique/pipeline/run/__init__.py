"""Run: the documents of some inputs through extraction into an output folder.

`run(inputs, out_dir, settings)` (runner.py) is the whole run; orchestrate.py
keeps outcomes in input order with bounded work in flight, work.py is the
per-document work, executors.py where it runs (inline or a process pool),
cache.py the record cache, signals.py Ctrl-C/SIGTERM, info.py run.json.
"""

from communique.pipeline.run.runner import (
    RunResult,
    default_source,
    ingest_options,
    ingest_settings,
    run,
)
from communique.pipeline.run.signals import Interrupted

__all__ = ["Interrupted", "RunResult", "default_source", "ingest_options", "ingest_settings",
           "run"]
