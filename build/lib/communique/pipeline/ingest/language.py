"""Is the text in the expected language? Non-English text is an error ("not English (detected ru)").

A share of English function words settles long English texts without the
language identifier (py3langid), whose model load dominates a cached re-run.
"""

from __future__ import annotations

import re
from functools import cache

from pydantic import BaseModel

from communique.pipeline.ingest.rule_data import load_ingest_rows


class _Word(BaseModel):
    word: str


@cache
def _function_words() -> frozenset[str]:
    return frozenset(r.word for r in load_ingest_rows("english_words.yaml", _Word))


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


_WORDS = re.compile(r"[^\W\d_]+")
CLEARLY_ENGLISH = 0.20  # function-word share that settles "English" without the identifier
CLEARLY_LONG = 300  # letters a sample needs before that share is trusted on its own


def language_problem(text: str, expected: str, warnings: list[str]) -> str | None:
    """Why the text is not in `expected`, or None. Samples the start and the middle.

    The identifier is unsure on short texts and on English dense with foreign
    names, so a non-English verdict is only trusted when the text is not
    mostly Latin script or it has few English function words.
    """
    middle = len(text) // 2
    sample = text[:2500] + "\n" + text[middle:middle + 1000] if len(text) > 3500 else text
    words = _WORDS.findall(sample)
    letters = sum(len(w) for w in words)
    latin = sum(1 for w in words for c in w if ord(c) < 0x250)
    latin_script = latin >= letters / 2
    if letters < 20 and (latin_script or expected != "en"):
        warnings.append("text too short to check its language")
        return None
    share = 0.0
    if latin_script and expected == "en":
        share = sum(1 for w in words if w.lower() in _function_words()) / len(words)
        # English prose runs at 0.25-0.50 of these words, other Latin-script
        # languages below 0.06: a long sample above 0.20 needs no identifier,
        # whose model load (~1.5 s) and ~2.5 ms a text dominate a cached re-run.
        if share >= CLEARLY_ENGLISH and letters >= CLEARLY_LONG:
            return None
    detected, confidence = _identifier().classify(sample)
    if detected == expected:
        return None
    if latin_script and expected == "en":
        needed = 0.9 if letters < 300 else 0.5  # short texts: trust only a sure verdict
        if share >= 0.12 or confidence < needed:
            warnings.append(f"language uncertain (identifier says {detected}, "
                            f"{confidence:.2f}); read as English")
            return None
    name = "English" if expected == "en" else expected
    return f"not {name} (detected {detected})"
