"""Communique: diplomatic press releases -> validated event records and tables.

The public API (everything else is private and may change):

* `load(**settings)` -> the whole pipeline as a `spacy.Language`;
* `extract(text, *, doc_id, title, published, url)` -> the `DocumentRecord` of one release;
* `extract_many(items, *, n_process, batch_size)` -> records (or `ExtractionError`s),
  streamed in input order, identical to what `communique run` writes;
* `read_run(out_dir)` -> a `Run` whose tables (`.documents`, `.events`,
  `.participants`, `.topics`, `.dyads`, `.errors`) are typed pandas DataFrames.

>>> import communique
>>> sorted(communique.__all__)[:3]
['DocumentRecord', 'ExtractionError', 'Run']
"""

from communique._api import ExtractionError, extract, extract_many, load
from communique._tables import Run, read_run
from communique.models import DocumentRecord

__all__ = [
    "DocumentRecord",
    "ExtractionError",
    "Run",
    "extract",
    "extract_many",
    "load",
    "read_run",
]
