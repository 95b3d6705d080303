"""docs/RECORDS.md, generated from the pydantic models (so the format in the repo
cannot drift from the code): `python -m communique.models.reference > docs/RECORDS.md`.

tests/test_records_doc.py fails when the file is not the output of this module.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo
from pydantic_core import PydanticUndefined

from communique.models.records import (
    EVENT_TYPES,
    MODES,
    ROLE_CATEGORIES,
    Date,
    DocumentRecord,
    Event,
    InputError,
    Location,
    Participant,
    Span,
    Topic,
)

MODELS: tuple[type[BaseModel], ...] = (
    DocumentRecord, Event, Date, Location, Participant, Topic, Span, InputError)
VOCABULARIES = {"EventType": EVENT_TYPES, "Mode": MODES, "RoleCategory": ROLE_CATEGORIES}


def _type_name(annotation: Any) -> str:
    """The annotation in plain words: `str | None`, `list[Participant]`, `EventType`."""
    text = repr(annotation) if not isinstance(annotation, type) else annotation.__name__
    text = re.sub(r"typing\.|communique\.models\.records\.|<class '([^']+)'>", r"\1", text)
    for name, values in VOCABULARIES.items():
        text = text.replace("Literal[" + ", ".join(repr(v) for v in values) + "]", name)
    text = re.sub(r"^Optional\[(.*)\]$", r"\1 | None", text).replace("NoneType", "None")
    return text.replace(" | ", " or ")  # a "|" would split the markdown table cell


def _default(info: FieldInfo) -> str:
    if info.default_factory is not None:
        return "`" + repr(info.default_factory()) + "`"
    if info.default is PydanticUndefined:
        return "required"
    return "`" + repr(info.default) + "`"


def _model_section(model: type[BaseModel]) -> list[str]:
    doc = (model.__doc__ or "").strip().split("\n\n")[0].replace("\n", " ")
    lines = [f"## {model.__name__}", ""]
    if doc and not doc.startswith("Base:"):
        lines += [doc, ""]
    lines += ["| field | type | default |", "|---|---|---|"]
    for name, info in model.model_fields.items():
        lines.append(f"| `{name}` | `{_type_name(info.annotation)}` | {_default(info)} |")
    return [*lines, ""]


def records_markdown() -> str:
    """The whole of docs/RECORDS.md."""
    lines = [
        "# Record format", "",
        "Generated from `communique/models/records.py` by "
        "`python -m communique.models.reference > docs/RECORDS.md`; do not edit by hand. "
        "The contract is `../shared/spec/records.md`; `communique schema` prints the JSON "
        "Schema. Unknown fields are kept (the pipeline adds `text`, `url`, `warnings`).", "",
    ]
    for model in MODELS:
        lines += _model_section(model)
    lines += ["## Vocabularies", ""]
    for name, values in VOCABULARIES.items():
        lines += [f"- `{name}`: " + ", ".join(f"`{v}`" for v in values)]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(records_markdown(), end="")
