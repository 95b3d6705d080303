"""JSONL and CSV/TSV inputs: one release per line or row.

Columns id, title, published, url, text (names mappable with IngestOptions,
matched exactly, then ignoring case). A broken line or row is one error and
the others are read; a file without the text column is one error for the file.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from communique.models import InputError, RawDocument
from communique.pipeline.ingest.date_order import InputOrder, infer_order
from communique.pipeline.ingest.documents import (
    IngestState,
    display,
    finish,
    os_error,
)


def jsonl_documents(path: Path, source: str, state: IngestState, data: bytes | None = None,
                    ) -> Iterator[RawDocument | InputError]:
    """One document per line; a broken line is one error, the rest are read.

    Every line stands alone: a line without the text key is an error for that
    line. Only when NO line has it is it one error for the file (naming the
    keys found), so a misnamed column does not print one error per line.
    """
    label = display(str(path))
    try:
        handle = io.BytesIO(data) if data is not None else path.open("rb")  # data: unpacked
    except OSError as exc:
        yield os_error(label, exc)
        return
    wanted = state.options.text_column
    held: list[int] = []  # lines without text, before any line had it
    first_columns: list[str] | None = None
    with handle:
        for number, raw in enumerate(handle, start=1):
            line_label = f"{label}:{number}"
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            if not raw.strip():
                continue
            row = _json_row(raw, line_label)
            if isinstance(row, InputError):
                yield row
                continue
            if first_columns is None:
                first_columns = list(row)
                order = _jsonl_order(path, state, data)
                state.options.date_orders[label] = order.as_json()
            if held is not None and _find_column(list(row), wanted) is None:
                held.append(number)
                continue
            if held:
                yield from (_no_text(f"{label}:{n}", wanted) for n in held)
            held = None  # type: ignore[assignment]  # a line had text: lines stand alone now
            yield _isolated(row, line_label, source, path.stem, number, state, order)
    if held:
        yield _no_text_column(label, first_columns or [], wanted)


def _no_text(label: str, wanted: str) -> InputError:
    return InputError(input=label, reason=f"no text in column '{wanted}'",
                      hint="give the row a text, or remove it")


def _isolated(row: dict, label: str, source: str, stem: str, number: int, state: IngestState,
              order: InputOrder) -> RawDocument | InputError:
    """One row's document; whatever breaks in it is an error for that row only."""
    try:
        row, replaced = _without_surrogates(row, _find_column(list(row), state.options.id_column))
        document = _row_document(row, label, source, stem, number, state, order)
    except Exception as exc:  # the file's other rows must still be read
        return InputError(input=label, reason=f"unexpected error: {type(exc).__name__}: {exc}"
                          .encode("utf-8", "replace").decode("utf-8"),
                          hint="please report this row; the other rows were read")
    if replaced and isinstance(document, RawDocument):
        document.warnings.append(f"{replaced} invalid character(s) (lone surrogates) "
                                 "replaced by U+FFFD")
    return document


_SURROGATE = re.compile("[\ud800-\udfff]")


def _without_surrogates(row: dict, id_column: str | None) -> tuple[dict, int]:
    """JSON escapes can spell lone surrogates, which no UTF-8 output can hold: U+FFFD.

    One code point for one, so spans into the text are unchanged. The id is left as
    given: it is the user's join key, so one that cannot be kept exactly is that row's
    error (documents.id_problem), never a rewritten id.
    """
    count = 0
    clean: dict = {}
    for key, value in row.items():
        if isinstance(value, str) and key != id_column:
            value, n = _SURROGATE.subn("\ufffd", value)
            count += n
        clean[_SURROGATE.sub("\ufffd", key) if isinstance(key, str) else key] = value
    return clean, count


def _json_row(raw: bytes, label: str) -> dict | InputError:
    hint = "fix or remove the line; the other lines were read"
    try:
        row = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return InputError(input=label, reason=f"line is not UTF-8 ({exc.reason})", hint=hint)
    except json.JSONDecodeError as exc:
        return InputError(input=label, reason=f"not valid JSON: {exc.msg} (column {exc.colno})",
                          hint=hint)
    if not isinstance(row, dict):
        return InputError(input=label, reason=f"line is a JSON {type(row).__name__}, "
                                              "not an object", hint=hint)
    return row


def table_documents(text: str, path: Path, source: str, warnings: list[str], state: IngestState,
           ) -> Iterator[RawDocument | InputError]:
    """One document per CSV/TSV row; no text column is one error for the file."""
    label = display(str(path))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if path.suffix.lower() == ".tsv" else max(",;\t", key=first_line.count)
    csv.field_size_limit(max(csv.field_size_limit(), state.options.max_chars * 4 + 1024))
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    columns = [c for c in (reader.fieldnames or []) if c is not None]
    if not columns:
        yield InputError(input=label, reason="empty CSV (no header row)",
                         hint="the first row must name the columns")
        return
    if _find_column(columns, state.options.text_column) is None:
        yield _no_text_column(label, columns, state.options.text_column)
        return
    order = _table_order(text, delimiter, state)
    state.options.date_orders[label] = order.as_json()
    start = 2
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(input=f"{label}:{start}", reason=f"bad CSV row: {exc} "
                             "(check the quotes of this row)",
                             hint="fix the quoting of this row; the rows before it were read, "
                                  "the rows after it were not")
            return  # the reader's position is unreliable after a parse error
        document = _isolated(row, f"{label}:{start}", source, path.stem, start, state,
                             order)
        if isinstance(document, RawDocument):
            document.warnings[:0] = warnings
        yield document
        start = reader.line_num + 1


def _no_text_column(label: str, columns: list[str], wanted: str) -> InputError:
    shown = ", ".join(display(c) for c in columns[:20]) or "none"
    return InputError(input=label, reason=f"no text column '{wanted}'",
                      hint=f"columns found: {shown}; name the text column with --text-column "
                           "(and --id-column, --title-column ... for the others)")


def _find_column(columns: list[str], wanted: str) -> str | None:
    if wanted in columns:
        return wanted
    folded = wanted.casefold()
    return next((c for c in columns if c and c.strip().casefold() == folded), None)


def _cell(row: dict, wanted: str) -> str | None:
    """A column's value as stripped text, None when missing or blank."""
    column = _find_column(list(row), wanted)
    value = row.get(column) if column is not None else None
    if value is None or isinstance(value, (dict, list)):
        return None
    value = str(value).strip()
    return value or None


def _id_cell(row: dict, wanted: str) -> str | None:
    """The id exactly as given (never stripped or rewritten: it is the user's join key);
    None when missing or blank. A JSON number is its JSON text (`7`, `7.5`)."""
    column = _find_column(list(row), wanted)
    value = row.get(column) if column is not None else None
    if value is None or isinstance(value, (dict, list, bool)):
        return None
    value = value if isinstance(value, str) else json.dumps(value)
    return value if value.strip() else None


def _row_document(row: dict, label: str, source: str, stem: str, number: int, state: IngestState,
                  order: InputOrder) -> RawDocument | InputError:
    """A JSONL line or CSV row as a document: text = title, blank line, body."""
    options = state.options
    column = _find_column(list(row), options.text_column)
    body = row.get(column) if column is not None else None
    if not isinstance(body, str):
        return InputError(input=label, reason=f"no text in column '{options.text_column}'",
                          hint="give the row a text, or remove it")
    body = re.sub(r"\r\n?", "\n", body)
    title = _cell(row, options.title_column)
    title = re.sub(r"\s+", " ", title) if title else None
    doc_id = _id_cell(row, options.id_column)
    warnings = []
    if doc_id is None:
        doc_id = f"{stem}-{number}"
        warnings.append(f"no id in column '{options.id_column}'; used {doc_id!r}")
    text = f"{title}\n\n{body}" if title and body.strip() else body
    draft = RawDocument(doc_id=doc_id, source=source, text=text, title=title,
                        url=_cell(row, options.url_column), warnings=warnings, line=number)
    return finish(draft, label, state, _cell(row, options.published_column), "column",
                  order=order)


def _column_order(rows: Callable[[], Iterator[dict]], state: IngestState) -> InputOrder:
    """The date order of a table: its publication-date column's evidence, else its texts'."""
    options = state.options
    order = infer_order(options.date_order, (_cell(r, options.published_column)
                                             for r in rows()))
    if order.order is None and order.reason == "no unambiguous date":
        texts = infer_order(options.date_order, (_cell(r, options.text_column) for r in rows()))
        return texts if texts.order is not None or texts.reason != order.reason else order
    return order


def _table_order(text: str, delimiter: str, state: IngestState) -> InputOrder:
    def rows() -> Iterator[dict]:
        try:
            yield from csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        except csv.Error:
            return  # the row is reported when the table is read
    return _column_order(rows, state)


def _jsonl_order(path: Path, state: IngestState, data: bytes | None = None) -> InputOrder:
    """The date order of a JSONL file (read once more: every line's published value)."""
    def rows() -> Iterator[dict]:
        with (io.BytesIO(data) if data is not None else path.open("rb")) as handle:
            for raw in handle:
                try:
                    row = json.loads(raw.decode("utf-8-sig"))
                except (UnicodeDecodeError, json.JSONDecodeError):
                    continue  # reported when the line is read
                if isinstance(row, dict):
                    yield row
    return _column_order(rows, state)


row_document = _row_document  # the Python API (communique.extract) reads rows the same way
