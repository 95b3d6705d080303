"""The corpus stage of a run: link the finished records, then extend the tables.

Called by the runner once every record of the run is written (cached or
fresh, it makes no difference: the stage reads records.jsonl, never a spaCy
doc), in the folder the run stages its outputs in. It writes persons.csv,
event_clusters.csv and links.json (tables.link_run), then rewrites
events.csv and participants.csv from records.jsonl with the linking columns
appended (the existing columns keep their order and cells):

* events.csv gets `event_cluster_id`;
* participants.csv gets `person_id` and `country_source` (text | corpus |
  officeholders). A participant whose record gives no country takes the one
  linking found (its person's, by the weight of the corpus, or the
  officeholder table's on the event's date); a country the record gives is
  never replaced.

Memory: the linker's state (per distinct form, person and event) and the
event -> cluster map; the records are streamed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from communique.pipeline.linking.persons import ParticipantLink
from communique.pipeline.linking.tables import Linked, _atomic, link_run
from communique.pipeline.writers import export

EVENT_LINK_COLUMNS = ("event_cluster_id",)
PARTICIPANT_LINK_COLUMNS = ("person_id", "country_source")
LINKED_FILES = ("persons.csv", "event_clusters.csv", "links.json")
_COUNTRY = export.PARTICIPANT_COLUMNS.index("country")
_CODE = export.PARTICIPANT_COLUMNS.index("country_code")


def _records(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def linked_participant_row(row: tuple, link: ParticipantLink | None) -> tuple:
    """A participants.csv row with the linking cells; an empty country is filled
    from the link, a written one is kept whatever the link says."""
    cells = list(row)
    source = "text" if cells[_CODE] else None
    if link is not None and not cells[_CODE] and link.country_code:
        cells[_COUNTRY], cells[_CODE] = link.country, link.country_code
        source = link.country_source
    return (*cells, link.person_id if link else None, source)


def _participant_rows(records: Path, linked: Linked) -> Iterator[tuple]:
    for record in _records(records):
        links = {(x.event_index, x.participant_index): x for x in linked.linker.assign(record)}
        for row in export.participant_rows(record):
            yield linked_participant_row(row, links.get((row[1], row[2])))


def _event_rows(records: Path, linked: Linked) -> Iterator[tuple]:
    for record in _records(records):
        for row in export.event_rows(record):
            yield (*row, linked.cluster_of.get(f"{record['doc_id']}#{row[1]}"))


def _write_table(path: Path, columns: tuple[str, ...], rows: Iterator[tuple]) -> None:
    """Same dialect and cell escaping as export.Outputs, written via a temp file."""
    def write(handle) -> None:
        writer = export.CsvWriter(handle)
        writer.writerow(columns)
        writer.writerows([export.safe_cell(c) for c in row] for row in rows)
    _atomic(path, write)


def link_outputs(folder: Path, *, write_csv: bool = True) -> Linked:
    """The corpus stage over `folder`/records.jsonl, its outputs written into `folder`.

    `write_csv` False (`--formats` without csv): the CSV tables are not written, so
    neither are the linked ones (persons.csv ...); links.json still is.
    """
    folder = Path(folder)
    records = folder / export.RECORDS
    linked = link_run(records, folder)
    if not write_csv:
        for name in LINKED_FILES:
            if name.endswith(".csv"):
                (folder / name).unlink(missing_ok=True)
        return linked
    _write_table(folder / "events.csv", (*export.EVENT_COLUMNS, *EVENT_LINK_COLUMNS),
                 _event_rows(records, linked))
    _write_table(folder / "participants.csv",
                 (*export.PARTICIPANT_COLUMNS, *PARTICIPANT_LINK_COLUMNS),
                 _participant_rows(records, linked))
    return linked
