"""The corpus stage of a run: link the finished records, then extend the tables.

Called by the runner once every record of the run is written (cached or
fresh, it makes no difference: the stage reads records.jsonl, never a spaCy
doc), in the folder the run stages its outputs in. It writes links.json
(tables.link_run: persons, clusters, the link of every participant and
event) whatever the formats, and with csv persons.csv, event_clusters.csv,
and events.csv / participants.csv rewritten from records.jsonl with the
linking columns appended (the existing columns keep their order and cells):

* events get `event_cluster_id`;
* participants get `person_id` and `country_source` (text | corpus |
  officeholders). A participant whose record gives no country takes the one
  linking found (its person's, by the weight of the corpus, or the
  officeholder table's on the event's date); a country the record gives is
  never replaced.

`linked_event_rows` / `linked_participant_rows` build those rows from a
record and the folder's links.json (tables.LinkedFiles); the Parquet writer
uses them too, so every format carries the same linking columns and cells.

Memory: the linker's state (per distinct form, person and event) and the
event -> cluster map; the records and participant links are streamed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from communique.pipeline.linking.tables import Linked, LinkedFiles, _atomic, link_run
from communique.pipeline.writers import export

EVENT_LINK_COLUMNS = ("event_cluster_id",)
PARTICIPANT_LINK_COLUMNS = ("person_id", "country_source")
LINKED_FILES = ("persons.csv", "event_clusters.csv", "links.json")
EVENT_TABLE = (*export.EVENT_COLUMNS, *EVENT_LINK_COLUMNS)
PARTICIPANT_TABLE = (*export.PARTICIPANT_COLUMNS, *PARTICIPANT_LINK_COLUMNS)
_COUNTRY = export.PARTICIPANT_COLUMNS.index("country")
_CODE = export.PARTICIPANT_COLUMNS.index("country_code")


def _records(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def linked_participant_row(row: tuple, link: dict | None) -> tuple:
    """A participants row with the linking cells; an empty country is filled
    from the link (a links.json participant item), a written one is kept
    whatever the link says."""
    cells = list(row)
    source = "text" if cells[_CODE] else None
    if link is not None and not cells[_CODE] and link.get("country_code"):
        cells[_COUNTRY], cells[_CODE] = link["country"], link["country_code"]
        source = link["country_source"]
    return (*cells, link["person_id"] if link else None, source)


def linked_participant_rows(record: dict, links: LinkedFiles) -> Iterator[tuple]:
    """A record's participants rows (PARTICIPANT_TABLE); records in file order."""
    found = links.participants_of(record["doc_id"])
    for row in export.participant_rows(record):
        yield linked_participant_row(row, found.get((row[1], row[2])))


def linked_event_rows(record: dict, links: LinkedFiles) -> Iterator[tuple]:
    """A record's events rows (EVENT_TABLE)."""
    for row in export.event_rows(record):
        yield (*row, links.cluster_of.get((record["doc_id"], row[1])))


def _write_table(path: Path, columns: tuple[str, ...], rows: Iterator[tuple]) -> None:
    """Same dialect and cell escaping as export.Outputs, written via a temp file."""
    def write(handle) -> None:
        writer = export.CsvWriter(handle)
        writer.writerow(columns)
        writer.writerows([export.safe_cell(c) for c in row] for row in rows)
    _atomic(path, write)


def link_outputs(folder: Path, *, write_csv: bool = True) -> Linked:
    """The corpus stage over `folder`/records.jsonl, its outputs written into `folder`.

    `write_csv` False (`--formats` without csv): only links.json is written,
    the other formats read their linking tables from it.
    """
    folder = Path(folder)
    records = folder / export.RECORDS
    linked = link_run(records, folder, write_csv=write_csv)
    if write_csv:
        links = LinkedFiles(folder)
        _write_table(folder / "events.csv", EVENT_TABLE,
                     (row for r in _records(records) for row in linked_event_rows(r, links)))
        _write_table(folder / "participants.csv", PARTICIPANT_TABLE,
                     (row for r in _records(records) for row in linked_participant_rows(r, links)))
    return linked
