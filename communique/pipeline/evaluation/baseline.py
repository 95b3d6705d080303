"""spaCy NER alone, written as records: what the rules have to beat.

`communique evaluate --baseline` scores these records on the same gold and
prints them beside the pipeline, so the value of every rule is visible. The
baseline is deliberately naive (issue 3):

- one event per document, of the type most frequent in the gold set;
- its date: the first DATE entity dateparser reads (English, relative to the
  publication date, the configured date order, past preferred), else the
  publication date (the guidelines date an undated main event by its release);
- its location: the first GPE entity;
- participants: every PERSON entity (name only, no role), and one unnamed
  participant per distinct country a GPE or NORP entity names;
- no topics.

The text comes from the predicted records (`text` field) or, failing that,
from the file the gold record's `source` points at (a `.txt` file, or a
`.jsonl` of `{"id", "title", "text"}` rows, title + blank line + body).
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from communique.models import (
    EVENT_TYPES,
    Date,
    DocumentRecord,
    Event,
    Location,
    Participant,
    Span,
)
from communique.pipeline.evaluation.normalise import fold, gazetteer, place_rows
from communique.pipeline.settings import Settings

if TYPE_CHECKING:
    from spacy.tokens import Doc


def _span(ent) -> Span:
    return Span(start=ent.start_char, end=ent.end_char, text=ent.text)


@cache
def country_of(text: str) -> tuple[str, str] | None:
    """(canonical name, ISO alpha-2) of a country name or demonym, else None.

    The project gazetteer (names, aliases, demonyms) first, then the
    evaluator's alias table, then pycountry.
    """
    import pycountry

    bare = text[4:] if text.lower().startswith("the ") else text
    hit = gazetteer().country(bare) or gazetteer().demonym(bare)
    if hit is not None and hit.code:
        return hit.name, hit.code
    row = place_rows().get(fold(text)) or place_rows().get(fold(bare))
    if row is not None:
        return (row.canonical, row.code) if row.kind != "city" and row.code else None
    try:
        found = pycountry.countries.lookup(bare)
    except LookupError:
        return None
    return getattr(found, "common_name", None) or found.name, found.alpha_2


def _date(doc: Doc, published: str | None, order: str) -> Date:
    import dateparser

    settings: dict = {"DATE_ORDER": order if order != "auto" else "MDY",
                      "PREFER_DATES_FROM": "past"}
    if published:
        settings["RELATIVE_BASE"] = dt.datetime.fromisoformat(published)
    for ent in doc.ents:
        if ent.label_ != "DATE":
            continue
        parsed = dateparser.parse(ent.text, languages=["en"], settings=settings)
        if parsed is not None:
            day = parsed.date().isoformat()
            return Date(start=day, end=day, text=ent.text, span=_span(ent))
    return Date(start=published, end=published) if published else Date()


def _location(doc: Doc) -> Location | None:
    ent = next((e for e in doc.ents if e.label_ == "GPE"), None)
    if ent is None:
        return None
    country = country_of(ent.text)
    if country:
        return Location(country=country[0], country_code=country[1], text=ent.text,
                        span=_span(ent))
    return Location(city=ent.text, text=ent.text, span=_span(ent))


def _participants(doc: Doc) -> list[Participant]:
    people = [Participant(name=e.text, span=_span(e)) for e in doc.ents if e.label_ == "PERSON"]
    countries: dict[str, Participant] = {}
    for ent in doc.ents:
        if ent.label_ in ("GPE", "NORP"):
            found = country_of(ent.text)
            if found and found[1] not in countries:
                countries[found[1]] = Participant(country=found[0], country_code=found[1],
                                                  span=_span(ent))
    return people + list(countries.values())


def baseline_record(doc_id: str, doc: Doc, published: str | None, event_type: str,
                    order: str = "MDY") -> DocumentRecord:
    """The NER-only record of one processed document."""
    first = next(iter(doc.sents), None)
    evidence = [Span(start=first.start_char, end=first.end_char, text=first.text)] if first \
        else []
    event = Event(type=event_type, date=_date(doc, published, order),  # type: ignore[arg-type]
                  location=_location(doc), participants=_participants(doc), evidence=evidence)
    return DocumentRecord(doc_id=doc_id, source="baseline", published=published,
                          events=[event], text=doc.text)


def most_frequent_type(gold: Iterable[DocumentRecord]) -> str:
    """The event type most frequent in gold (ties: vocabulary order)."""
    counts = Counter(e.type for r in gold for e in r.events)
    return max(EVENT_TYPES, key=lambda t: (counts[t], -EVENT_TYPES.index(t)))


def _source_text(record: DocumentRecord, gold_dir: Path) -> str | None:
    """The text a gold record's `source` points at, relative to the gold folder's parent."""
    for root in (gold_dir.parent, gold_dir):
        path = root / record.source
        if path.is_file() and path.suffix == ".txt":
            return path.read_text(encoding="utf-8-sig")
        if path.is_file() and path.suffix == ".jsonl":
            return _jsonl_texts(path).get(record.doc_id)
    return None


@cache
def _jsonl_texts(path: Path) -> dict[str, str]:
    texts = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            body = row.get("text") or ""
            texts[str(row.get("id"))] = f"{row['title']}\n\n{body}" if row.get("title") else body
    return texts


def document_texts(gold: dict[str, DocumentRecord], pred: dict[str, DocumentRecord],
                   gold_dir: Path) -> dict[str, str]:
    """doc_id -> text, from the predicted record or the gold record's source."""
    texts = {}
    for doc_id, record in gold.items():
        text = getattr(pred.get(doc_id), "text", None)
        if not isinstance(text, str):
            text = _source_text(record, gold_dir if gold_dir.is_dir() else gold_dir.parent)
        if text is not None:
            texts[doc_id] = text
    return texts


def baseline_records(gold: dict[str, DocumentRecord], pred: dict[str, DocumentRecord],
                     gold_dir: Path,
                     settings: Settings | None = None) -> dict[str, DocumentRecord]:
    """NER-only records for every gold document whose text can be found."""
    from communique.pipeline.components import COMPONENTS, build

    settings = settings or Settings()
    texts = document_texts(gold, pred, gold_dir)
    event_type = most_frequent_type(gold.values())
    nlp = build(settings)
    ids = sorted(texts)
    records = {}
    with nlp.select_pipes(disable=list(COMPONENTS)):
        docs = list(nlp.pipe(texts[i] for i in ids))
    for doc_id, doc in zip(ids, docs, strict=True):
        published = gold[doc_id].published or getattr(pred.get(doc_id), "published", None)
        records[doc_id] = baseline_record(doc_id, doc, published, event_type,
                                          settings.date_order)
    return records
