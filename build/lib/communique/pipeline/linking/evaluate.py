"""Pairwise precision/recall of person and event clustering against gold clusters.

The gold file names, per gold person, its mentions (doc_id, event_index,
participant_index, name) in the gold records, and per gold event its
members. Predicted participants and events are aligned to gold within each
document (names sharing a name token; events of one type and start date),
then every pair of aligned items is scored: predicted together and gold
together is a true pair. Alignment misses (extraction, not linking) are
reported as coverage, not counted against clustering.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Iterator
from pathlib import Path

from communique.pipeline.linking.names import name_key
from communique.pipeline.linking.tables import Linked, link_records


def _tokens(name: str) -> frozenset[str]:
    key = name_key(name)
    return frozenset([key.surname, *(g.full for g in key.given if g.full)]) if key else frozenset()


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pairwise(items: Iterable[tuple[Hashable, Hashable]]) -> dict:
    """Pairwise P/R/F1 of (gold cluster, predicted cluster) items; None where undefined."""
    both, gold, pred = Counter(), Counter(), Counter()
    for g, p in items:
        both[(g, p)] += 1
        gold[g] += 1
        pred[p] += 1
    tp = sum(_pairs(n) for n in both.values())
    gp, pp = sum(_pairs(n) for n in gold.values()), sum(_pairs(n) for n in pred.values())
    precision = tp / pp if pp else None
    recall = tp / gp if gp else None
    f1 = (2 * precision * recall / (precision + recall)
          if precision and recall else (0.0 if precision == 0 or recall == 0 else None))
    return {"precision": precision, "recall": recall, "f1": f1, "true_pairs": tp,
            "gold_pairs": gp, "predicted_pairs": pp, "items": sum(gold.values())}


def _records(paths: list[Path]) -> Iterator[dict]:
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            yield from (json.loads(line) for line in handle if line.strip())


def _person_items(gold: dict, linked: Linked, names: dict[tuple, str]) -> tuple[list, dict]:
    gold_by_doc: dict[str, list[tuple[str, frozenset[str]]]] = defaultdict(list)
    for person in gold["persons"]:
        for doc in {m["doc_id"] for m in person["mentions"]}:
            gold_by_doc[doc].append((person["id"], _tokens(person["mentions"][0]["name"])))
    items, covered = [], set()
    for link in linked.participant_links():
        name = names.get((link.doc_id, link.event_index, link.participant_index))
        if link.person_id is None or name is None or link.doc_id not in gold_by_doc:
            continue
        fits = [g for g, toks in gold_by_doc[link.doc_id] if toks & _tokens(name)]
        if len(fits) == 1:
            items.append((fits[0], link.person_id))
            covered.add((link.doc_id, fits[0]))
    total = sum(len(v) for v in gold_by_doc.values())
    return items, {"gold_doc_persons": total, "aligned": len(covered)}


def _event_items(gold: dict, records: Iterable[dict], cluster_of: dict[str, str]) -> list:
    wanted: dict[str, dict[tuple, str]] = defaultdict(dict)
    gold_docs = _gold_events(gold)
    for record in records:
        doc_events = gold_docs.get(record["doc_id"])
        if not doc_events:
            continue
        for e, event in enumerate(record["events"]):
            key = (event["type"], (event.get("date") or {}).get("start"))
            if key in doc_events and key not in wanted[record["doc_id"]]:
                wanted[record["doc_id"]][key] = cluster_of[f"{record['doc_id']}#{e}"]
    return [(doc_events[key], cid) for doc, hits in wanted.items()
            for key, cid in hits.items() for doc_events in [gold_docs[doc]]]


def _gold_events(gold: dict) -> dict[str, dict[tuple, str]]:
    """doc_id -> (type, start) -> gold event cluster, from the gold records' events."""
    found: dict[str, dict[tuple, str]] = defaultdict(dict)
    for cluster in gold["events"]:
        for m in cluster["members"]:
            if m.get("type") and m.get("start"):
                found[m["doc_id"]].setdefault((m["type"], m["start"]), cluster["id"])
    return found


def evaluate_clusters(gold_path: str | Path, records_paths: Iterable[str | Path]) -> dict:
    """Pairwise person and event clustering scores of the records linked as one run."""
    gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
    paths = [Path(p) for p in records_paths]
    linked = link_records(lambda: _records(paths))
    names = {(r["doc_id"], e, i): p["name"] for r in _records(paths)
             for e, ev in enumerate(r["events"]) for i, p in enumerate(ev["participants"])
             if p.get("name")}
    person_items, coverage = _person_items(gold, linked, names)
    event_items = _event_items(gold, _records(paths), linked.cluster_of)
    return {"persons": {**pairwise(person_items), **coverage},
            "events": {**pairwise(event_items), "gold_events": len(gold["events"])},
            "n_persons": len(linked.persons), "n_event_clusters": len(linked.clusters)}
