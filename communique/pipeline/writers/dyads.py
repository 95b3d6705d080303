"""dyads.csv: one row per ordered pair of the countries or organisations taking part in an
event, the source -> target shape that event-data models (ICEWS, GDELT, POLECAT) read.

An actor is a participant's country (ISO 3166-1 alpha-2), or its organisation where the
participant represents no country (an official of the United Nations); each actor counts
once per event. Direction, where the record knows it:

* the host is the source: when the event took place in one participant's country
  (`eventcodes.host_country`), there is one row host -> each other actor, none back
  (`direction` = `host`); pairs of the other actors get both directions;
* otherwise (no place, a third country, a phone call: the record does not say who
  called) the meeting is symmetric and every pair gets both directions
  (`direction` = `symmetric`).

Each row carries the event's CAMEO/PLOVER codes (eventcodes.codes_for).
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import permutations
from typing import Any

from communique.pipeline.eventcodes import codes_for, host_country

DYAD_COLUMNS = (
    "doc_id", "event_index", "date", "type", "source", "source_type", "target",
    "target_type", "direction", "cameo_code", "plover_event", "plover_mode",
)


def actors(event: dict[str, Any]) -> list[tuple[str, str]]:
    """(actor, kind) of each participating country or organisation, first mention first."""
    found: dict[str, str] = {}
    for participant in event.get("participants") or []:
        if participant.get("country_code"):
            found.setdefault(participant["country_code"], "country")
        elif participant.get("organization"):
            found.setdefault(participant["organization"], "organization")
    return list(found.items())


def event_dyads(event: dict[str, Any]) -> Iterator[tuple[str, str, str, str, str]]:
    """(source, source kind, target, target kind, direction) of one event."""
    host = host_country(event)
    for (source, source_kind), (target, target_kind) in permutations(actors(event), 2):
        if target == host:
            continue
        direction = "host" if source == host else "symmetric"
        yield source, source_kind, target, target_kind, direction


def dyad_rows(record: dict[str, Any]) -> Iterator[tuple]:
    """The dyads table rows of one record (its JSON as a dict)."""
    for index, event in enumerate(record.get("events") or []):
        date = (event.get("date") or {}).get("start")
        codes = codes_for(event)
        for dyad in event_dyads(event):
            yield (record["doc_id"], index, date, event.get("type"), *dyad, *codes)
