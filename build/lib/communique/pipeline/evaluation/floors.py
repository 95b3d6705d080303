"""Quality floors (`--min FIELD=F1`): parsed, and checked against a report."""

from __future__ import annotations

from communique.pipeline.evaluation.scores import FIELDS, Report


class FloorError(ValueError):
    """A `--min` value that is not FIELD=F1 (the command reports it as a bad option)."""


def parse_floors(values: list[str]) -> dict[str, float]:
    """`FIELD=F1` options -> {field: floor}; field is one of FIELDS or `macro`."""
    floors: dict[str, float] = {}
    for value in values:
        name, sep, number = value.partition("=")
        name = name.strip()
        if name == "macro_f1":
            name = "macro"
        try:
            floor = float(number)
        except ValueError:
            floor = -1.0
        if not sep or name not in (*FIELDS, "macro") or not 0 <= floor <= 1:
            raise FloorError(
                f"{value!r}: expected FIELD=F1 with FIELD in {', '.join(FIELDS)}, macro "
                "and F1 between 0 and 1")
        floors[name] = floor
    return floors


def failed_floors(report: Report, floors: dict[str, float]) -> list[str]:
    """Human lines for every field whose F1 is below its floor."""
    failed = []
    for name, floor in floors.items():
        value = report.macro_f1 if name == "macro" else report.fields[name].f1
        if value < floor:
            failed.append(f"{name}: F1 {value:.3f} < {floor:.3f}")
    return failed
