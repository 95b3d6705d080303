"""The row model of `data/event_codes.jsonl`: one mapping from what a record knows of
an event (type, mode, who hosts) to its CAMEO code and PLOVER event type and mode.

Why the vocabularies are Literals here: they are the fixed code sets of CAMEO and
PLOVER (as event types and modes are in records.py), so a misspelt code stops the
loader with the file and line instead of reaching a user's model.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from communique.models.records import EventType, Mode

# PLOVER 0.7b1 event types (PLOVER_MANUAL.tex, chapter "Event Categories")
PloverEvent = Literal[
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "DEMAND",
    "DISAPPROVE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE",
    "ASSAULT",
]
# CONSULT modes (PLOVER_MANUAL.tex table "CONSULT modes"; `host` from CAMEO2PLOVER-2021.txt)
PloverMode = Literal["visit", "host", "third-party", "multilateral", "phone"]
# who hosts the event, as the record tells it (eventcodes.host_of)
Host = Literal["participant", "third", "unknown"]


class CodeRow(BaseModel):
    """`type` + `mode` + `host` (`*`: any) -> codes; the first matching row wins."""

    model_config = ConfigDict(extra="forbid")

    type: EventType
    mode: Mode | Literal["*"] = "*"
    host: Host | Literal["*"] = "*"
    cameo_code: str | None = Field(default=None, pattern=r"^\d{3,4}$")
    plover_event: PloverEvent | None = None
    plover_mode: PloverMode | None = None
    source: str = Field(min_length=10, description="where the mapping is stated")
