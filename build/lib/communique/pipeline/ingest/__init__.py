"""Ingest: input paths -> RawDocument or InputError, and the header and dateline of a text.

`iter_documents(paths, IngestOptions(...))` reads folders, .txt/.md/.html
files, JSONL and CSV (sources.py, rows.py); every document passes the same
checks (documents.py, language.py); bytes become text in decode.py; the
publication date and title come from header.py and dateline.py, which
extraction also reads.
"""

from communique.pipeline.ingest.dateline import (
    FoundDate,
    date_from_filename,
    find_dateline,
    parse_date_expression,
)
from communique.pipeline.ingest.decode import DecodeError, decode_bytes, html_main_text
from communique.pipeline.ingest.documents import IngestOptions
from communique.pipeline.ingest.estimate import estimate_total
from communique.pipeline.ingest.header import Header, read_header
from communique.pipeline.ingest.sources import iter_documents

__all__ = [
    "DecodeError",
    "FoundDate",
    "Header",
    "IngestOptions",
    "date_from_filename",
    "decode_bytes",
    "estimate_total",
    "find_dateline",
    "html_main_text",
    "iter_documents",
    "parse_date_expression",
    "read_header",
]
