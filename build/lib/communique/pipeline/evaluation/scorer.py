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
   `evaluation/data/places.csv` first and then the
   gazetteer (`Gazetteer.load().city(...)` for a city value,
   `.country(...)` for a country value). A city is never compared with a
   country name, so a city on one side and only a country on the other is a
   miss and a false positive.
4. `persons`: every participant with a non-empty name, over all events of the
   document. Name tokens: accents folded, lower-cased, split at anything that
   is not a letter (spaces, hyphens, dots: `S.Lavrov` -> `lavrov`, `el-Sisi`
   -> `el`, `sisi`), then single letters (initials) and the suffixes of
   `evaluation/data/words.csv` (Jr, Sr, II, III, IV) dropped. Names that share
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
   minus the function words in `evaluation/data/words.csv`, counted as a
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

from communique.models import DocumentRecord
from communique.pipeline.evaluation.errors import errors_of
from communique.pipeline.evaluation.flatten import flatten
from communique.pipeline.evaluation.match import match_document
from communique.pipeline.evaluation.scores import FIELDS, ErrorItem, FieldScore, Report


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
        errors.extend(errors_of(doc_id, g, p, pairs, record))
    missing = sorted(d for d in gold if d not in pred)
    extra = sorted(d for d in pred if d not in gold)
    return Report(fields, len(gold), len(gold) - len(missing), missing, extra, errors)
