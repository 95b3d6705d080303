"""Session numbers: "The first session was devoted to X" -> 1.

A topic takes the ordinal of a session, round or panel named in its cue's
sentence; "the remaining sessions" gives none.
"""

from __future__ import annotations

import re

from spacy.tokens import Span

from communique.pipeline.components.topics.words import topic_words


def session_number(sentence: Span) -> int | None:
    """The ordinal of a session, round or panel named in the sentence, if any."""
    for token in sentence:
        if token.lemma_.lower() not in topic_words().session_nouns:
            continue
        modifiers = [c.lower_ for c in token.children if c.dep_ in {"amod", "nummod"}]
        if any(m in topic_words().not_numbered for m in modifiers):
            return None
        for modifier in modifiers:
            number = topic_words().ordinals.get(modifier) or _numeric_ordinal(modifier)
            if number:
                return number
    return None


def _numeric_ordinal(word: str) -> int | None:
    """"3rd" -> 3 (ordinals written in digits)."""
    found = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", word)
    return int(found.group(1)) if found else None

