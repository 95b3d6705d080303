"""`communique review`'s work: rebuild a run's report and database from its own files.

Why not write into the output folder: a run's outputs are one committed run
(`OUT/.current`, writers/commit.py); rewriting communique.db beside it
would replace its stable link by a plain file that `.current/` readers
never see, and a report half rebuilt when the process dies would be a mix.
So the rebuild is a run of its own without extraction: the committed
run's files are linked (or copied) into a staging folder, the derived
outputs are built there, and the folder is switched in with one atomic
commit, as `communique run` does.

Linking is what makes the report's persons and the database's person ids
agree with the run: a folder whose links.json is complete (this version,
linking/tables.py) is read as it is, so the page shows the persons the
run's tables show; a folder without one (a run from before links.json held
persons and clusters, or outputs written by other means) is linked again
over its records.jsonl first, and the linking CSVs it had are rewritten
with it, so every table of the folder still agrees.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from communique.pipeline.linking.stage import link_outputs
from communique.pipeline.linking.tables import has_links
from communique.pipeline.writers import db, export, parquet
from communique.pipeline.writers.commit import Staging, current_run
from communique.pipeline.writers.datasette import METADATA_NAME
from communique.pipeline.writers.report import REPORT_DIR, build_report

# Built again by every review, so never carried over from the run.
REBUILT = (REPORT_DIR, db.DB_NAME, METADATA_NAME)


class NoRecords(FileNotFoundError):
    """The folder holds no records.jsonl: there is no run to review."""


@dataclass
class Reviewed:
    """What a review wrote (paths through the output folder) and how it linked."""

    report: Path
    database: Path
    relinked: bool
    written: list[Path]


def _carry(source: Path, staging: Path) -> None:
    """The run's own files into the staging folder: a hard link (no copy) where the
    file system allows one. Every writer replaces a file (temp, then rename), never
    writes into it, so the committed run's files are never changed."""
    for path in source.iterdir():
        if path.name.startswith(".") or path.name in REBUILT or not path.is_file():
            continue
        target = staging / path.name
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)


def review(out_dir: Path) -> Reviewed:
    """Rebuild report/ (and its persons page) and communique.db of the run in `out_dir`.

    The run's formats are kept: its Parquet tables are rebuilt when it had them
    and its CSVs are rewritten only when linking has to be re-run.
    Raises NoRecords when the folder holds no records.jsonl.
    """
    out_dir = Path(out_dir)
    source = current_run(out_dir) or out_dir
    if not (source / export.RECORDS).is_file():
        raise NoRecords(out_dir / export.RECORDS)
    staging = Staging(out_dir)
    try:
        _carry(source, staging.path)
        relinked = not has_links(staging.path)
        if relinked:
            link_outputs(staging.path, write_csv=(staging.path / "documents.csv").is_file())
        build_report(staging.path, name=out_dir.resolve().name)
        db.write_db(staging.path)
        if (staging.path / "documents.parquet").is_file():
            parquet.write_parquet(staging.path)
        written = staging.commit()
    except BaseException:
        staging.abort()
        raise
    return Reviewed(out_dir / REPORT_DIR / "index.html", out_dir / db.DB_NAME, relinked,
                    written)
