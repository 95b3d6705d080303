"""Row model of `qualifiers/data/qualifier_rules.jsonl`."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, model_validator

Category = Literal["setting", "future", "recalled"]
Reader = Literal["events", "places", "topics"]
Scope = Literal["preceding", "modifier", "auxiliary", "governor", "transparent", "ancestors",
                "stay_verb", "stay_purpose"]
Direction = Literal["forward", "backward", "bidirectional"]

#: The directions each scope can read (checked, so a row says what its scope does):
#:   preceding     the phrase ends just before the event word or a word governing it
#:                 on the way up to the clause's verb ("on the sidelines of the summit")
#:   modifier      a dependent of the event word or one of the few words before it
#:                 ("the upcoming summit", "the recent talks")
#:   auxiliary     an auxiliary of the word or a verb governing it ("will hold talks",
#:                 forward) or of a relative clause on it ("the summit that will take
#:                 place": the events reading looks both ways)
#:   governor      the lemma of a word governing it ("plans to meet", "would like to discuss")
#:   transparent   a word the modifier window passes over ("the", "a")
#:   ancestors     the lemma of an ancestor or of its modifier ("the invitation to visit Baku")
#:   stay_verb     the verb of a stay ("who is in Kyiv on a working visit") ...
#:   stay_purpose  ... and what the stay is for ("visit", "trip")
SCOPE_DIRECTIONS: dict[str, frozenset[str]] = {
    "preceding": frozenset({"forward"}), "modifier": frozenset({"forward"}),
    "auxiliary": frozenset({"forward", "bidirectional"}), "governor": frozenset({"forward"}),
    "transparent": frozenset({"forward"}), "ancestors": frozenset({"bidirectional"}),
    "stay_verb": frozenset({"forward"}), "stay_purpose": frozenset({"backward"}),
}
#: Scopes that compare one token: their phrase must be a single word.
SINGLE_WORD_SCOPES = frozenset(SCOPE_DIRECTIONS) - {"preceding"}


class QualifierRow(BaseModel):
    """One trigger phrase, what it says of the event near it, and where it counts.

    `reader` names the component whose reading the row serves: events, places and
    topics each had their own vocabulary and their own reach, kept apart so that
    their behaviour is unchanged."""

    phrase: str
    category: Category | None
    reader: Reader
    attr: Literal["LOWER", "LEMMA"]
    scope: Scope
    direction: Direction

    @model_validator(mode="after")
    def _consistent(self) -> QualifierRow:
        if self.direction not in SCOPE_DIRECTIONS[self.scope]:
            raise ValueError(f"scope {self.scope} reads {sorted(SCOPE_DIRECTIONS[self.scope])}, "
                             f"not {self.direction}")
        if self.scope in SINGLE_WORD_SCOPES and len(self.phrase.split()) != 1:
            raise ValueError(f"scope {self.scope} compares one word: {self.phrase!r}")
        if (self.category is None) != (self.scope == "transparent"):
            raise ValueError("only a transparent word has no category")
        return self
