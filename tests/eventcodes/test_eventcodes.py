"""CAMEO / PLOVER codes of events: every type and mode has its codes, and who hosts
decides between visiting and hosting."""

from __future__ import annotations

from pathlib import Path

import pytest

from communique.models.records import EVENT_TYPES, MODES
from communique.pipeline.eventcodes import (
    CODES_FILE,
    DATA_DIR,
    codes_for,
    host_of,
    load_codes,
)
from communique.pipeline.rules import RuleDataError
from tests.rule_data import with_row

HOSTS = {  # an event's place and participant countries -> who hosts
    "participant": ({"country_code": "TM"}, ["TM", "JP"]),
    "third": ({"country_code": "AT"}, ["TM", "JP"]),
    "unknown": (None, ["TM", "JP"]),
}


def event(type_: str, mode: str | None = None, host: str = "unknown") -> dict:
    place, countries = HOSTS[host]
    return {"type": type_, "mode": mode, "location": place,
            "participants": [{"country_code": c} for c in countries]}


@pytest.mark.parametrize("host", sorted(HOSTS))
@pytest.mark.parametrize("mode", [*MODES, None])
@pytest.mark.parametrize("type_", [t for t in EVENT_TYPES if t != "other"])
def test_every_event_type_and_mode_has_its_codes(type_: str, mode: str | None,
                                                 host: str) -> None:
    cameo, plover, _plover_mode = codes_for(event(type_, mode, host))
    assert cameo is not None
    # PLOVER dropped CAMEO's statements (01/02): a briefing has a CAMEO code only
    assert (plover is None) == (type_ == "briefing")


@pytest.mark.parametrize("mode", [*MODES, None])
def test_other_events_have_no_codes(mode: str | None) -> None:
    assert codes_for(event("other", mode, "participant")) == (None, None, None)


@pytest.mark.parametrize(("evt", "expected"), [
    (event("phone_call", "phone"), ("041", "CONSULT", "phone")),
    (event("visit", "in_person", "participant"), ("043", "CONSULT", "host")),
    (event("visit", "in_person", "unknown"), ("042", "CONSULT", "visit")),
    (event("visit", None, "third"), ("042", "CONSULT", "visit")),
    (event("meeting", "in_person", "participant"), ("040", "CONSULT", None)),
    (event("meeting", "in_person", "third"), ("044", "CONSULT", "third-party")),
    (event("meeting", "online", "third"), ("041", "CONSULT", "phone")),
    (event("consultations", None, "third"), ("044", "CONSULT", "third-party")),
    (event("forum", "in_person", "participant"), ("040", "CONSULT", "multilateral")),
    (event("signing", "in_person", "participant"), ("057", "SUPPORT", None)),
    (event("briefing", None, "unknown"), ("010", None, None)),
])
def test_codes_of_each_kind_of_event(evt: dict, expected: tuple) -> None:
    assert codes_for(evt) == expected


def test_who_hosts_is_read_from_place_and_participant_countries() -> None:
    assert [host_of(event("meeting", host=h)) for h in sorted(HOSTS)] == [
        "participant", "third", "unknown"]
    assert host_of({"type": "meeting", "location": {"country_code": "TM"},
                    "participants": [{"name": "A. Person"}]}) == "unknown"


def test_every_row_names_its_source() -> None:
    rows = load_codes()
    assert len(rows) == 16
    assert all("PLOVER" in row.source or "CAMEO" in row.source for row in rows)


@pytest.mark.parametrize(("row", "message"), [
    ('{"type": "visit", "cameo_code": "42", "source": "a made-up source row"}', "cameo_code"),
    ('{"type": "visit", "plover_event": "CONSULTS", "source": "a made-up source"}',
     "plover_event"),
    ('{"type": "visit", "cameo_code": "042"}', "source"),
    ('{"type": "phone_call", "cameo_code": "041", "source": "the same key twice"}',
     "same type/mode/host as line"),
])
def test_a_bad_row_stops_loading_with_file_and_line(row: str, message: str,
                                                    tmp_path: Path) -> None:
    folder, line = with_row(DATA_DIR, CODES_FILE, row, tmp_path)
    with pytest.raises(RuleDataError, match=rf"(?s){CODES_FILE}:{line}: .*{message}"):
        load_codes(folder)
