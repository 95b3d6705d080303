"""CAMEO and PLOVER codes of an event, from the rule table `data/event_codes.jsonl`.

Why a table: event-data tools (ICEWS, GDELT, POLECAT) know CAMEO codes and PLOVER
event types, not Communique's vocabulary; the mapping is a sourced fact per row
(each row names the PLOVER file that states it), so it is data, not code. The
codes depend on the event type, its mode, and who hosts it: a visit received by
one of its participants' countries is "Host a visit" (CAMEO 043), one whose host
the record does not know is "Make a visit" (042); a meeting in a country none of
the participants represents is "Meet at a third location" (044).

Codes are computed from the record's JSON (a dict) when the tables are written, so
the records themselves and the extraction cache are unchanged.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from communique.pipeline.eventcodes.rows import CodeRow, Host
from communique.pipeline.rules import RuleDataError, load_numbered

DATA_DIR = Path(__file__).parent / "data"
CODES_FILE = "event_codes.jsonl"
CODE_COLUMNS = ("cameo_code", "plover_event", "plover_mode")
Codes = tuple[str | None, str | None, str | None]
NO_CODES: Codes = (None, None, None)


@cache
def load_codes(data_dir: Path = DATA_DIR) -> tuple[CodeRow, ...]:
    """The rows of the code table, validated (a bad or repeated row names file:line)."""
    seen: dict[tuple[str, str, str], int] = {}
    rows = []
    for line, row in load_numbered(CODES_FILE, CodeRow, data_dir):
        key = (row.type, row.mode, row.host)
        if key in seen:
            raise RuleDataError(f"{CODES_FILE}:{line}: same type/mode/host as line {seen[key]}")
        seen[key] = line
        rows.append(row)
    return tuple(rows)


def event_countries(event: dict[str, Any]) -> set[str]:
    """ISO codes of the countries the event's participants represent."""
    return {p["country_code"] for p in event.get("participants") or [] if p.get("country_code")}


def host_country(event: dict[str, Any]) -> str | None:
    """The participant country the event took place in (its host), where the record says
    so: the location's country is one of the participants' countries."""
    place = (event.get("location") or {}).get("country_code")
    return place if place and place in event_countries(event) else None


def host_of(event: dict[str, Any]) -> Host:
    """Who hosts: a participant's country, a third country, or unknown (no place or no
    participant country in the record)."""
    place = (event.get("location") or {}).get("country_code")
    countries = event_countries(event)
    if not place or not countries:
        return "unknown"
    return "participant" if place in countries else "third"


def codes_for(event: dict[str, Any], rows: tuple[CodeRow, ...] | None = None) -> Codes:
    """(cameo_code, plover_event, plover_mode) of one event of a record's JSON."""
    mode, host = event.get("mode"), host_of(event)
    for row in rows if rows is not None else load_codes():
        if (row.type == event.get("type") and row.mode in ("*", mode)
                and row.host in ("*", host)):
            return (row.cameo_code, row.plover_event, row.plover_mode)
    return NO_CODES
