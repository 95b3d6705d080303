"""The error analysis: every false positive and miss, its kind and the sentence it stands in.

It explains the numbers and never changes one (`--errors` writes it as
markdown).
"""

from __future__ import annotations

import re
from collections import defaultdict

from communique.models import DocumentRecord
from communique.pipeline.evaluation.flatten import Flat, Item
from communique.pipeline.evaluation.match import MATCH_F1
from communique.pipeline.evaluation.normalise import (
    token_f1,
)
from communique.pipeline.evaluation.scores import FIELDS, ErrorItem, Report

_BOUNDARY = re.compile(r'(?<=[a-z0-9)"”\]]{2}[.!?])\s+|\n\s*')


def sentence_at(text: str, start: int, limit: int = 400) -> str:
    """The sentence of `text` that holds offset `start` (for the error report)."""
    begin, end = 0, len(text)
    for m in _BOUNDARY.finditer(text):
        if m.end() <= start:
            begin = m.end()
        elif m.start() >= start:
            end = m.start()
            break
    sentence = " ".join(text[begin:end].split())
    return sentence if len(sentence) <= limit else sentence[: limit - 1] + "…"


def _evidence(record: DocumentRecord | None, item: Item, predicted: bool) -> str | None:
    """Predicted value: the sentence of its span; missed value: where it is written."""
    text = getattr(record, "text", None) if record else None
    if not isinstance(text, str) or not text:
        return None
    if predicted and item.span is not None:
        return sentence_at(text, item.span.start)
    lowered = text.lower()
    for surface in item.surface:
        at = lowered.find(surface.lower()) if surface.strip() else -1
        if at >= 0:
            return sentence_at(text, at)
    return None


def _date_kind(item: Item, others: list[Item]) -> tuple[str, str]:
    start = item.key[0]  # type: ignore[index]
    for other in others:
        o_start = other.key[0]  # type: ignore[index]
        if o_start == start:
            return "same start, end differs", f"other side: {other.display}"
        if o_start[5:] == start[5:]:
            return "wrong year", f"other side: {other.display}"
        if o_start[:7] == start[:7]:
            return "wrong day", f"other side: {other.display}"
    return "no counterpart", ""


def _kind(name: str, side: str, item: Item, others: list[Item], flat_self: Flat,
          flat_other: Flat, index: int, pairs: dict[int, int]) -> tuple[str, str]:
    """A simple error-kind key (what groups errors) and a detail line."""
    if name == "event_dates":
        return _date_kind(item, others)
    if name in ("event_locations", "countries", "event_types"):
        shown = ", ".join(o.display for o in others)
        return item.display if name != "event_locations" else str(item.key), (
            f"other side has: {shown}" if shown else "")
    if name == "persons":
        return ("person not in gold" if side == "false positive" else "person not predicted"), ""
    if name == "person_roles":
        person_index = item.key
        gold_side = side == "miss"
        partner = (pairs.get(person_index) if gold_side else
                   next((g for g, p in pairs.items() if p == person_index), None))
        if partner is None:
            return "person not paired", ""
        other_person = flat_other.persons[partner]
        if not other_person.roles:
            return ("no predicted role" if gold_side else "gold has no role"), ""
        return "role differs (token-F1 < 0.5)", "other side: " + " / ".join(other_person.roles)
    # topics
    mine = (flat_self.topic_tokens[index])
    best = max((token_f1(mine, t) for t in flat_other.topic_tokens), default=0.0)
    if best == 0:
        return "no overlapping topic", ""
    if best < MATCH_F1:
        return "partial overlap only (token-F1 < 0.5)", f"best token-F1 {best:.2f}"
    return "overlapping topic paired elsewhere", f"best token-F1 {best:.2f}"


def errors_of(doc_id: str, gold: Flat, pred: Flat, pairs: dict[str, dict[int, int]],
            record: DocumentRecord | None) -> list[ErrorItem]:
    found: list[ErrorItem] = []
    persons = pairs["persons"]
    for name in FIELDS:
        hit_gold = set(pairs[name])
        hit_pred = set(pairs[name].values())
        missed = [(i, it) for i, it in enumerate(gold.items[name]) if i not in hit_gold]
        extra = [(i, it) for i, it in enumerate(pred.items[name]) if i not in hit_pred]
        for side, rows, others, mine, theirs in (
            ("false positive", extra, [it for _, it in missed], pred, gold),
            ("miss", missed, [it for _, it in extra], gold, pred),
        ):
            for i, it in rows:
                index = i if name != "person_roles" else it.key
                kind, detail = _kind(name, side, it, others, mine, theirs, index,  # type: ignore[arg-type]
                                     persons)
                found.append(ErrorItem(name, side, kind, doc_id, it.display, detail,  # type: ignore[arg-type]
                                       _evidence(record, it, side == "false positive")))
    return found


def errors_markdown(report: Report, limit: int = 40) -> str:
    """Errors per field, the largest group of the same kind first."""
    lines = ["# Error analysis", ""]
    for name in FIELDS:
        errs = [e for e in report.errors if e.field == name]
        s = report.fields[name]
        fps = sum(e.side == "false positive" for e in errs)
        lines += [f"## {name}: {fps} false positives, {len(errs) - fps} misses "
                  f"(P {s.precision:.3f} R {s.recall:.3f} F1 {s.f1:.3f})", ""]
        groups: dict[tuple[str, str], list[ErrorItem]] = defaultdict(list)
        for e in errs:
            groups[(e.side, e.kind)].append(e)
        for (side, kind), members in sorted(groups.items(), key=lambda kv: (-len(kv[1]), kv[0])):
            lines += [f"### {side}: {kind} ({len(members)})", ""]
            for e in members[:limit]:
                detail = f" [{e.detail}]" if e.detail else ""
                lines.append(f"- `{e.doc_id}`: **{e.value}**{detail}")
                if e.evidence:
                    lines.append(f"  > {e.evidence}")
            if len(members) > limit:
                lines.append(f"- … and {len(members) - limit} more")
            lines.append("")
    return "\n".join(lines)
