"""Evaluation: score predicted records against gold, and the spaCy-only baseline.

`score(gold, pred)` (scorer.py) is a pure function of two {doc_id: record}
mappings; flatten.py, normalise.py and match.py are its steps, scores.py its
result, errors.py the error analysis, records.py the reading of records,
floors.py the quality floors and baseline.py the records spaCy's NER alone
would give. Its data (aliases, function words) is in evaluation/data/.
"""

from communique.pipeline.evaluation.baseline import baseline_records
from communique.pipeline.evaluation.errors import errors_markdown, sentence_at
from communique.pipeline.evaluation.floors import FloorError, failed_floors, parse_floors
from communique.pipeline.evaluation.normalise import content_tokens, fold_place, name_tokens
from communique.pipeline.evaluation.records import RecordsError, load_records
from communique.pipeline.evaluation.scorer import score
from communique.pipeline.evaluation.scores import FIELDS, Report, report_dict

__all__ = [
    "FIELDS",
    "FloorError",
    "RecordsError",
    "Report",
    "baseline_records",
    "content_tokens",
    "errors_markdown",
    "failed_floors",
    "fold_place",
    "load_records",
    "name_tokens",
    "parse_floors",
    "report_dict",
    "score",
    "sentence_at",
]
