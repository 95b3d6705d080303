"""The pydantic records of the Communique format (see shared/spec/records.md)."""

from communique.models.inputs import RawDocument
from communique.models.records import (
    EVENT_TYPES,
    MODES,
    ROLE_CATEGORIES,
    Date,
    DocumentRecord,
    Event,
    EventType,
    InputError,
    Location,
    Mode,
    Participant,
    RoleCategory,
    Span,
    Topic,
)

__all__ = [
    "EVENT_TYPES",
    "MODES",
    "ROLE_CATEGORIES",
    "Date",
    "DocumentRecord",
    "Event",
    "EventType",
    "InputError",
    "Location",
    "Mode",
    "Participant",
    "RawDocument",
    "RoleCategory",
    "Span",
    "Topic",
]
