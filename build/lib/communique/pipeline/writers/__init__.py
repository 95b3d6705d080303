"""Writers: everything a run leaves in its output folder.

export.py writes records.jsonl, the CSV tables, errors.jsonl and run.json
(atomically, through a staging folder); db.py builds communique.db (SQLite)
from them; report.py builds report/index.html from them (assets in
report_assets/). Each reads finished outputs, never the pipeline.
"""
