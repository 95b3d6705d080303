"""Pairing gold and predicted items: persons by shared tokens, topics and roles by token-F1.

Readings 4, 5 and 7 of scorer.py: greedy, best first, ties by gold then
predicted order, each item used once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from communique.pipeline.evaluation.flatten import Flat, Person
from communique.pipeline.evaluation.normalise import (
    content_tokens,
    token_f1,
)

MATCH_F1 = 0.5


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
