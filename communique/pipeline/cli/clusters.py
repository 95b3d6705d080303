"""`communique evaluate --clusters GOLD`: pairwise scores of person and event clustering.

The scoring is linking.evaluate's; this module finds the predicted
records.jsonl, prints the table and returns the scores for --json.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.table import Table

from communique.pipeline.evaluation import RecordsError
from communique.pipeline.linking.evaluate import evaluate_clusters


def records_files(pred: Path) -> list[Path]:
    """The records.jsonl of a run folder, or PRED itself when it is a .jsonl file."""
    if pred.is_dir() and (pred / "records.jsonl").is_file():
        return [pred / "records.jsonl"]
    if pred.is_file() and pred.suffix == ".jsonl":
        return [pred]
    raise RecordsError(f"{pred}: --clusters needs a run folder or a records.jsonl")


def _cell(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def cluster_table(scores: dict) -> Table:
    """Persons and events: items aligned to gold, pairs, pairwise P/R/F1."""
    table = Table(title="clusters (pairwise)")
    for col in ("clusters of", "items", "gold pairs", "pred pairs", "true pairs", "P", "R", "F1"):
        table.add_column(col, justify="left" if col == "clusters of" else "right")
    for name in ("persons", "events"):
        s = scores[name]
        table.add_row(name, str(s["items"]), str(s["gold_pairs"]), str(s["predicted_pairs"]),
                      str(s["true_pairs"]), _cell(s["precision"]), _cell(s["recall"]),
                      _cell(s["f1"]))
    return table


def print_cluster_scores(console: Console, gold: Path, pred: Path) -> dict:
    """Score PRED's records against the cluster gold file; print and return the scores."""
    scores = evaluate_clusters(gold, records_files(pred))
    console.print(cluster_table(scores))
    p = scores["persons"]
    console.print(f"persons: {p['aligned']} of {p['gold_doc_persons']} gold document-persons "
                  f"aligned; {scores['n_persons']} persons and {scores['n_event_clusters']} "
                  "event clusters predicted; n/a: no pair to score")
    return scores
