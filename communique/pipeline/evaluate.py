"""Score predicted records against gold, per records.md "How evaluate scores".

This is the instrument every quality change is measured with, so `score` is a
pure function of two `{doc_id: DocumentRecord}` mappings; loading, printing,
the error report and the command live beside it and never change a number.

Readings of the spec where its text allows more than one (each is tested):

1. "Flattened per document into sets" is taken literally for every field:
   duplicate items in one document count once (two events on the same day
   give one `event_dates` item; two meetings give one `event_types` item;
   a country with three participants gives one `countries` item; a topic
   text repeated in two sessions gives one `topics` item).
2. `event_dates`: the item is the pair (start, end) exactly as written in the
   record, for every event whose `start` is not null. An `end` left null is
   not filled with `start` (so (d, null) does not match (d, d)). Events with
   a null start contribute nothing.
3. `event_locations`: the city when it is non-empty, else the country, else
   nothing. Both sides are folded (accents stripped, case-folded, spaces
   collapsed) and aliases mapped to the canonical name, using the alias table
   `data/evaluate_places.csv` first and then, where the module exists, the
   gazetteer (`Gazetteer.load().city(...)` for a city value,
   `.country(...)` for a country value). A city is never compared with a
   country name, so a city on one side and only a country on the other is a
   miss and a false positive.
4. `persons`: every participant with a non-empty name, over all events of the
   document. Name tokens: accents folded, lower-cased, split at anything that
   is not a letter (spaces, hyphens, dots: `S.Lavrov` -> `lavrov`, `el-Sisi`
   -> `el`, `sisi`), then single letters (initials) and the suffixes of
   `data/evaluate_words.csv` (Jr, Sr, II, III, IV) dropped. Names that share
   a token are joined transitively into one person, whose tokens are the
   union. A name with no token left (only initials) is not a person. Pairing:
   every (gold, predicted) person pair sharing at least one token, taken
   greedily by most shared tokens, ties by gold order then predicted order
   (order of first mention in the record); each person used once.
5. `person_roles`: items are the persons (as in 4) with at least one
   non-empty role. A pair is a hit when the persons were paired in 4 and the
   best role token-F1 over the roles each person carries is at least 0.5.
   The pairing is not redone for roles.
6. Token-F1 (roles and topics): lower-cased word tokens (letters and digits)
   minus the function words in `data/evaluate_words.csv`, counted as a
   multiset (F1 = 2 * overlap / (|gold| + |pred|)); a side with no content
   word scores 0. Role tokens are not accent-folded (the spec says only
   lower-cased); topic tokens are treated the same way.
7. `topics`: items are the distinct topic texts (case-folded, spaces
   collapsed); `session` takes no part in matching. Pairs with token-F1 >=
   0.5 are taken greedily by highest F1, ties by gold then predicted order.
8. `countries`: the non-null `country_code` of every participant (named or
   not); exact.
9. `event_types`: the `type` of every event, as a set (see 1); exact.
10. Micro P/R/F1 per field from summed TP, predicted and gold counts.
    A zero denominator gives 0, except a field with no gold and no
    predicted item at all, which scores 1.0 (nothing to find, nothing
    invented). Macro-F1 is the plain mean of the seven field F1s.
11. A gold document absent from the predictions counts all its items as
    misses; predicted documents with no gold are left out and only counted.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Literal

import typer
from pydantic import BaseModel, ValidationError

from communique.models import DocumentRecord, Span
from communique.pipeline.rules import load_rows

FIELDS: tuple[str, ...] = (
    "event_dates",
    "event_locations",
    "persons",
    "person_roles",
    "countries",
    "topics",
    "event_types",
)
MATCH_F1 = 0.5


# --------------------------------------------------------------------------- rule data


class WordRow(BaseModel):
    word: str
    kind: Literal["stop", "name_suffix"]


class PlaceRow(BaseModel):
    alias: str
    canonical: str
    kind: Literal["city", "country", "demonym"]
    code: str | None = None


@cache
def _words(kind: str) -> frozenset[str]:
    return frozenset(r.word.lower() for r in load_rows("evaluate_words.csv", WordRow)
                     if r.kind == kind)


@cache
def place_rows() -> dict[str, PlaceRow]:
    """Folded alias -> row (shared with the baseline's country lookup)."""
    return {fold(r.alias): r for r in load_rows("evaluate_places.csv", PlaceRow)}


@cache
def gazetteer() -> object | None:
    """The project gazetteer when its module exists, else None (alias table only)."""
    try:
        from communique.pipeline.gazetteer import Gazetteer  # type: ignore[import-not-found]
    except ImportError:
        return None
    return Gazetteer.load()


# --------------------------------------------------------------------------- normalisation


def fold(text: str) -> str:
    """Accents stripped, case-folded, whitespace collapsed."""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.casefold().split())


def fold_place(text: str, kind: Literal["city", "country"]) -> str:
    """Canonical folded form of a place name: alias table, then gazetteer."""
    key = fold(text)
    row = place_rows().get(key)
    if row is not None and row.kind != "demonym":
        return fold(row.canonical)
    gaz = gazetteer()
    if gaz is not None:
        hit = gaz.city(text) if kind == "city" else gaz.country(text)  # type: ignore[attr-defined]
        canonical = getattr(hit, "city" if kind == "city" else "name", None) if hit else None
        if canonical:
            return fold(canonical)
    return key


_LETTERS = re.compile(r"[^\W\d_]+")
_WORDS = re.compile(r"[^\W_]+")


def name_tokens(name: str) -> frozenset[str]:
    """Folded name tokens without initials and generational suffixes."""
    suffixes = _words("name_suffix")
    return frozenset(t for t in _LETTERS.findall(fold(name))
                     if len(t) > 1 and t not in suffixes)


def content_tokens(text: str) -> Counter[str]:
    """Lower-cased content words (multiset) of a role or topic."""
    stop = _words("stop")
    return Counter(t for t in _WORDS.findall(text.lower()) if t not in stop)


def token_f1(gold: Counter[str], pred: Counter[str]) -> float:
    """Multiset token F1; 0 when either side has no content word."""
    if not gold or not pred:
        return 0.0
    overlap = sum((gold & pred).values())
    return 2 * overlap / (sum(gold.values()) + sum(pred.values()))


# --------------------------------------------------------------------------- flattening


@dataclass
class Item:
    """One compared value of one document, with where it came from."""

    key: Hashable
    display: str
    event_index: int
    span: Span | None = None
    surface: list[str] = field(default_factory=list)  # strings to find in the text


@dataclass
class Person:
    tokens: set[str]
    names: list[str]
    roles: list[str]
    event_index: int
    span: Span | None

    @property
    def display(self) -> str:
        return " / ".join(dict.fromkeys(self.names))


@dataclass
class Flat:
    """A document flattened per field (sets, first occurrence kept)."""

    items: dict[str, list[Item]]
    persons: list[Person]
    topic_tokens: list[Counter[str]]


def _add(bucket: dict[Hashable, Item], item: Item) -> None:
    bucket.setdefault(item.key, item)


def _cluster(mentions: list[tuple[frozenset[str], str, str | None, int, Span | None]]
             ) -> list[Person]:
    """Join names sharing a token (transitively) into persons, in mention order."""
    persons: list[Person] = []
    for tokens, name, role, index, span in mentions:
        joined = [p for p in persons if p.tokens & tokens]
        if joined:
            head = joined[0]
            for other in joined[1:]:
                head.tokens |= other.tokens
                head.names += other.names
                head.roles += other.roles
                persons.remove(other)
        else:
            head = Person(set(), [], [], index, span)
            persons.append(head)
        head.tokens |= tokens
        head.names.append(name)
        if role:
            head.roles.append(role)
    return persons


def flatten(record: DocumentRecord | None) -> Flat:
    """Per-field items of one record (an absent record has none)."""
    buckets: dict[str, dict[Hashable, Item]] = {f: {} for f in FIELDS}
    mentions = []
    for index, event in enumerate(record.events if record else []):
        evidence = event.evidence[0] if event.evidence else None
        _add(buckets["event_types"], Item(event.type, event.type, index, evidence))
        date = event.date
        if date.start is not None:
            shown = date.start if date.end == date.start else f"{date.start}..{date.end}"
            _add(buckets["event_dates"], Item((date.start, date.end), shown, index,
                                              date.span or evidence, [date.text or ""]))
        loc = event.location
        if loc is not None:
            kind: Literal["city", "country"] = "city" if (loc.city or "").strip() else "country"
            value = (loc.city if kind == "city" else loc.country) or ""
            if value.strip():
                _add(buckets["event_locations"],
                     Item(fold_place(value, kind), value, index, loc.span or evidence,
                          [loc.text or "", value]))
        for p in event.participants:
            span = p.span or evidence
            if p.country_code:
                _add(buckets["countries"], Item(p.country_code, p.country_code, index, span,
                                                [p.country or ""]))
            if p.name and p.name.strip():
                tokens = name_tokens(p.name)
                if tokens:
                    role = p.role.strip() if p.role and p.role.strip() else None
                    mentions.append((tokens, p.name, role, index, span))
        for t in event.topics:
            key = fold(t.text)
            if key:
                _add(buckets["topics"], Item(key, t.text, index, t.span or evidence, [t.text]))
    persons = _cluster(mentions)
    items = {f: list(b.values()) for f, b in buckets.items()}
    items["persons"] = [Item(i, p.display, p.event_index, p.span, p.names)
                        for i, p in enumerate(persons)]
    items["person_roles"] = [Item(i, f"{p.display} ({' / '.join(dict.fromkeys(p.roles))})",
                                  p.event_index, p.span, [*p.names, *p.roles])
                             for i, p in enumerate(persons) if p.roles]
    topic_tokens = [content_tokens(i.display) for i in items["topics"]]
    return Flat(items, persons, topic_tokens)


# --------------------------------------------------------------------------- matching


def greedy(pairs: Iterable[tuple[float, int, int]]) -> dict[int, int]:
    """One-to-one pairing: best score first, ties by gold then predicted order."""
    taken_gold: dict[int, int] = {}
    taken_pred: set[int] = set()
    for _, g, p in sorted(pairs, key=lambda x: (-x[0], x[1], x[2])):
        if g not in taken_gold and p not in taken_pred:
            taken_gold[g] = p
            taken_pred.add(p)
    return taken_gold


def pair_persons(gold: list[Person], pred: list[Person]) -> dict[int, int]:
    """Gold person index -> predicted person index, most shared tokens first."""
    return greedy((len(g.tokens & p.tokens), gi, pi)
                  for gi, g in enumerate(gold) for pi, p in enumerate(pred)
                  if g.tokens & p.tokens)


def best_role_f1(gold: Person, pred: Person) -> float:
    return max((token_f1(content_tokens(a), content_tokens(b))
                for a in gold.roles for b in pred.roles), default=0.0)


def pair_topics(gold: list[Counter[str]], pred: list[Counter[str]]) -> dict[int, int]:
    scored = ((token_f1(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred))
    return greedy(s for s in scored if s[0] >= MATCH_F1)


def match_document(gold: Flat, pred: Flat) -> dict[str, dict[int, int]]:
    """Per field: gold item index -> predicted item index of every hit."""
    pairs: dict[str, dict[int, int]] = {}
    for name in ("event_dates", "event_locations", "countries", "event_types"):
        index = {item.key: i for i, item in enumerate(pred.items[name])}
        pairs[name] = {g: index[item.key] for g, item in enumerate(gold.items[name])
                       if item.key in index}
    persons = pair_persons(gold.persons, pred.persons)
    pairs["persons"] = persons
    pairs["person_roles"] = {
        g: p for g, p in persons.items()
        if gold.persons[g].roles and pred.persons[p].roles
        and best_role_f1(gold.persons[g], pred.persons[p]) >= MATCH_F1
    }
    pairs["topics"] = pair_topics(gold.topic_tokens, pred.topic_tokens)
    return pairs


# --------------------------------------------------------------------------- report


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


def _errors(doc_id: str, gold: Flat, pred: Flat, pairs: dict[str, dict[int, int]],
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


def score(gold: dict[str, DocumentRecord], pred: dict[str, DocumentRecord]) -> Report:
    """Micro-averaged scores of `pred` against `gold` (records.md, "How evaluate scores")."""
    fields = {name: FieldScore(name) for name in FIELDS}
    errors: list[ErrorItem] = []
    for doc_id in sorted(gold):
        record = pred.get(doc_id)
        g, p = flatten(gold[doc_id]), flatten(record)
        pairs = match_document(g, p)
        for name, s in fields.items():
            s.tp += len(pairs[name])
            s.gold += len(g.items[name])
            s.pred += len(p.items[name])
        errors.extend(_errors(doc_id, g, p, pairs, record))
    missing = sorted(d for d in gold if d not in pred)
    extra = sorted(d for d in pred if d not in gold)
    return Report(fields, len(gold), len(gold) - len(missing), missing, extra, errors)


# --------------------------------------------------------------------------- error report


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


# --------------------------------------------------------------------------- loading


class RecordsError(ValueError):
    """A gold or prediction file that does not hold valid records."""


def _parse(raw: str, where: str) -> DocumentRecord:
    try:
        return DocumentRecord.model_validate_json(raw)
    except ValidationError as exc:
        raise RecordsError(f"{where}: not a valid record: {exc}") from exc


def _read(path: Path) -> list[DocumentRecord]:
    if path.suffix == ".jsonl":
        return [_parse(line, f"{path}:{n}")
                for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                if line.strip()]
    return [_parse(path.read_text(encoding="utf-8"), str(path))]


def load_records(path: Path) -> dict[str, DocumentRecord]:
    """Records from a .json/.jsonl file, a run folder (records.jsonl) or a folder of .json."""
    if path.is_dir():
        files = [path / "records.jsonl"] if (path / "records.jsonl").is_file() else sorted(
            path.glob("*.json"))
    elif path.is_file():
        files = [path]
    else:
        raise RecordsError(f"{path}: no such file or folder")
    records: dict[str, DocumentRecord] = {}
    for file in files:
        for record in _read(file):
            if record.doc_id in records:
                raise RecordsError(f"{file}: doc_id {record.doc_id!r} appears twice")
            records[record.doc_id] = record
    return records


# --------------------------------------------------------------------------- command


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
            raise typer.BadParameter(
                f"{value!r}: expected FIELD=F1 with FIELD in {', '.join(FIELDS)}, macro "
                "and F1 between 0 and 1", param_hint="--min")
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


def render_table(report: Report, baseline: Report | None = None, title: str = "evaluate"):
    """A rich table of the scores (with the baseline side by side when given)."""
    from rich.table import Table

    table = Table(title=title)
    for col in ("field", "gold", "pred", "TP", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "field" else "right")
    if baseline:
        for col in ("base pred", "base TP", "base P", "base R", "base F1", "ΔF1"):
            table.add_column(col, justify="right")
    for name in FIELDS:
        s = report.fields[name]
        row = [name, str(s.gold), str(s.pred), str(s.tp),
               f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}"]
        if baseline:
            b = baseline.fields[name]
            row += [str(b.pred), str(b.tp), f"{b.precision:.3f}", f"{b.recall:.3f}",
                    f"{b.f1:.3f}", f"{s.f1 - b.f1:+.3f}"]
        table.add_row(*row)
    macro = ["macro-F1", "", "", "", "", "", f"{report.macro_f1:.3f}"]
    if baseline:
        macro += ["", "", "", "", f"{baseline.macro_f1:.3f}",
                  f"{report.macro_f1 - baseline.macro_f1:+.3f}"]
    table.add_row(*macro, style="bold")
    return table


def _run_pipeline(source: Path, out: Path) -> None:
    """`communique run SOURCE --out OUT`, in this process."""
    from communique.pipeline.cli import app

    app(["run", str(source), "--out", str(out)], standalone_mode=False)


def evaluate_command(
    gold: Annotated[Path, typer.Argument(help="Folder of gold records (<doc_id>.json).")],
    pred: Annotated[Path, typer.Argument(
        help="records.jsonl, a run's output folder, or a folder of .json records.")],
    run: Annotated[Path | None, typer.Option(
        "--run", help="Run the pipeline on INPUT first, writing to PRED (a folder).")] = None,
    json_path: Annotated[Path | None, typer.Option(
        "--json", help="Write the scores as JSON here.")] = None,
    errors: Annotated[Path | None, typer.Option(
        "--errors", help="Write the error analysis (markdown) here.")] = None,
    baseline: Annotated[bool, typer.Option(
        "--baseline", help="Also score spaCy NER alone and print it side by side.")] = False,
    floors: Annotated[list[str] | None, typer.Option(
        "--min", help="FIELD=F1 floor (repeatable; FIELD may be 'macro'); exit 1 below it.")
    ] = None,
) -> None:
    """Score predicted records against gold (records.md, "How evaluate scores")."""
    from rich.console import Console

    console = Console()
    wanted = parse_floors(floors or [])
    if run is not None:
        _run_pipeline(run, pred)
    try:
        gold_records = load_records(gold)
        pred_records = load_records(pred)
    except RecordsError as exc:
        console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    report = score(gold_records, pred_records)
    base_report = None
    if baseline:
        from communique.pipeline.baseline import baseline_records

        base_records = baseline_records(gold_records, pred_records, gold)
        base_report = score(gold_records, base_records)
    console.print(render_table(report, base_report, title=f"evaluate {pred} against {gold}"))
    console.print(
        f"gold documents: {report.gold_docs}; scored: {report.scored_docs}; "
        f"missing from prediction (all items missed): {len(report.missing_docs)}; "
        f"predicted without gold (ignored): {len(report.extra_docs)}")
    if json_path is not None:
        data = report.to_dict()
        if base_report is not None:
            data["baseline"] = base_report.to_dict()
        json_path.write_text(json.dumps(data, indent=2), encoding="utf-8")
    if errors is not None:
        errors.write_text(errors_markdown(report), encoding="utf-8")
    failed = failed_floors(report, wanted)
    for line in failed:
        console.print(f"[red]below floor[/red] {line}")
    if failed:
        raise typer.Exit(1)


def report_dict(report: Report) -> dict:
    """Plain-data view of a report including its errors (for tools and tests)."""
    data = report.to_dict()
    data["errors"] = [asdict(e) for e in report.errors]
    return data
