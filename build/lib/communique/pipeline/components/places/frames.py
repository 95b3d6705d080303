"""The frames that decide whether a place phrase reports where something happened.

A plan, an invitation or a recalled past event above the preposition makes it
no event place; a stay on a visit ("who is in Kyiv on a working visit") makes
it the setting of the meeting. Each is one small function here, so that a
shared qualifier component can take the decision over in one line.
"""

from __future__ import annotations

from spacy.tokens import Token

from communique.pipeline.components.places.words import Cues, place_words


def lemma_of(token: Token) -> str:
    """The token's lemma in lower case (its text where the model gave none)."""
    return (token.lemma_ or token.text).lower()


def staying_on_visit(prep: Token, cues: Cues) -> bool:
    """"who is in Kyiv on a working visit": the visit is the setting of the meeting."""
    head = prep.head
    if lemma_of(head) != "be":
        return False
    return any(lemma_of(t) in place_words().stay_nouns for c in head.children if c.dep_ == "prep"
               for t in c.children)


def planned_or_recalled(prep: Token, cues: Cues) -> bool:
    """A plan, an invitation or a recalled past event governs the preposition."""
    markers = cues.future | cues.recalled
    for ancestor in prep.ancestors:
        if lemma_of(ancestor) in markers:
            return True
        for child in ancestor.children:
            if child.dep_ in {"aux", "auxpass", "amod", "advmod", "det"} and \
                    lemma_of(child) in markers:
                return True
    return False

