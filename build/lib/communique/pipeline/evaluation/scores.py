"""The numbers evaluate reports: per-field counts and P/R/F1, the macro-F1, the errors.

Plain data (`Report.to_dict()` is what `--json` writes); how they are computed
is in scorer.py, readings 10 and 11 of its docstring.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Literal

FIELDS: tuple[str, ...] = (
    "event_dates",
    "event_locations",
    "persons",
    "person_roles",
    "countries",
    "topics",
    "event_types",
)


@dataclass
class FieldScore:
    field: str
    tp: int = 0
    pred: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        if self.pred == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.tp / self.pred

    @property
    def recall(self) -> float:
        if self.gold == 0:
            return 1.0 if self.pred == 0 else 0.0
        return self.tp / self.gold

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"tp": self.tp, "pred": self.pred, "gold": self.gold,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class ErrorItem:
    """A false positive or a miss, for the error analysis."""

    field: str
    side: Literal["false positive", "miss"]
    kind: str
    doc_id: str
    value: str
    detail: str = ""
    evidence: str | None = None


@dataclass
class Report:
    fields: dict[str, FieldScore]
    gold_docs: int
    scored_docs: int
    missing_docs: list[str]
    extra_docs: list[str]
    errors: list[ErrorItem]

    @property
    def macro_f1(self) -> float:
        return sum(s.f1 for s in self.fields.values()) / len(self.fields)

    def to_dict(self) -> dict:
        return {
            "fields": {name: s.to_dict() for name, s in self.fields.items()},
            "macro_f1": self.macro_f1,
            "documents": {"gold": self.gold_docs, "scored": self.scored_docs,
                          "missing_from_prediction": self.missing_docs,
                          "prediction_without_gold": self.extra_docs},
        }


def report_dict(report: Report) -> dict:
    """Plain-data view of a report including its errors (for tools and tests)."""
    data = report.to_dict()
    data["errors"] = [asdict(e) for e in report.errors]
    return data
