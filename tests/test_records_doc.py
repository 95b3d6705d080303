"""docs/RECORDS.md is the models' own description, regenerated when they change."""

from __future__ import annotations

from pathlib import Path

from communique.models.reference import records_markdown

DOC = Path(__file__).parents[1] / "docs" / "RECORDS.md"


def test_records_doc_is_current():
    assert DOC.read_text(encoding="utf-8") == records_markdown(), (
        "regenerate: .venv/bin/python -m communique.models.reference > docs/RECORDS.md")


def test_records_doc_names_every_field():
    text = records_markdown()
    assert "| `role_span` | `Span or None` | `None` |" in text
    assert "| `mode` | `Mode or None` | `None` |" in text
    assert "| `type` | `EventType` | required |" in text
