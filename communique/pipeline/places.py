"""Event-place candidates: where the things a release reports took place.

A release names many places; only a few are where an event happened ("held in
Dushanbe", "received in the Kremlin", "a working visit to Baku"). Most are not:
"the Ambassador of Japan to Turkmenistan", "accredited in Tajikistan", "the
situation in Afghanistan", "the next meeting will be held in Tashkent". So a
place is a candidate only when a locative preposition governs it and that
preposition hangs on an event word (cue lists in `data/places_cues.csv`), with no
plan or recall marker above it in the parse.

Names are found by a longest-match scan over tokens against the gazetteer and
the venue table (`data/places_venues.jsonl`), never by trusting NER boundaries
(the small model tags "the Republic of Tajikistan S. Aslov" as one GPE).
Per document the work is a handful of dict look-ups per capitalised token.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from pydantic import BaseModel, field_validator
from spacy.tokens import Doc, Token

from communique.models import Location, Span
from communique.pipeline.components.doc_cache import text_of, token_table
from communique.pipeline.gazetteer import Country, Gazetteer, Place, fold
from communique.pipeline.rules import load_rows

CueKind = Literal["in_licensor", "to_licensor", "not_event", "future", "recalled", "facility"]
VenueKind = Literal["building", "institution", "mission"]

#: Prepositions that can introduce an event place.
_IN_PREPS = frozenset({"in", "at", "inside"})
_TO_PREPS = frozenset({"to"})
#: Common nouns a preposition may climb past to reach its event word.
_MAX_NOUNS = 2
#: Parts of speech inside names and titles, passed over when climbing the parse.
_NAME_POS = frozenset({"PROPN", "ADP", "DET", "NUM", "PUNCT", "CCONJ", "PART", "ADV"})


class CueRow(BaseModel):
    """One line of places_cues.csv."""

    kind: CueKind
    word: str
    pos: str | None = None  # only when the word has this part of speech ("sign" as a VERB)


class VenueRow(BaseModel):
    """One line of places_venues.jsonl."""

    name: str
    aliases: list[str] = []
    kind: VenueKind
    city: str | None = None
    country: str | None = None

    @field_validator("aliases", mode="before")
    @classmethod
    def _none_is_empty(cls, value: list[str] | None) -> list[str]:
        return value or []


@dataclass(frozen=True)
class Cues:
    in_licensor: frozenset[str]
    to_licensor: frozenset[str]
    not_event: frozenset[str]
    future: frozenset[str]
    recalled: frozenset[str]
    facility: frozenset[str]
    #: cue words that count only with one part of speech: (kind, word) -> pos
    pos_only: dict[tuple[str, str], str]


@cache
def load_cues() -> Cues:
    """Cue lemmas by kind, loaded once."""
    rows = load_rows("places_cues.csv", CueRow)
    by_kind: dict[str, set[str]] = {}
    pos_only: dict[tuple[str, str], str] = {}
    for row in rows:
        word = row.word.strip().lower()
        by_kind.setdefault(row.kind, set()).add(word)
        if row.pos:
            pos_only[(row.kind, word)] = row.pos
    kinds = {kind: frozenset(by_kind.get(kind, ())) for kind in CueKind.__args__}
    return Cues(**kinds, pos_only=pos_only)


@cache
def load_venues() -> dict[str, VenueRow]:
    """Venue rows by folded name and alias, loaded once."""
    index: dict[str, VenueRow] = {}
    for row in load_rows("places_venues.jsonl", VenueRow):
        for name in [row.name, *row.aliases]:
            index[fold(name)] = row
    return index


@cache
def _venue_first_words() -> dict[str, int]:
    """First word of every venue key -> most words in a venue key starting with it."""
    first: dict[str, int] = {}
    for key in load_venues():
        words = key.split(" ")
        first[words[0]] = max(first.get(words[0], 0), len(words))
    return first


# --- mentions ----------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    """A place name found in the text: token range [start, end) and what it names."""

    start: int
    end: int
    place: Place
    venue: VenueRow | None = None


def _match(doc: Doc, text_: str, i: int, gaz: Gazetteer) -> tuple[int, Place | VenueRow] | None:
    """Longest city, country or venue name starting at token i: (end token, what)."""
    first = fold(doc[i].text).split(" ", 1)[0]
    words = max(gaz.max_words(first), _venue_first_words().get(first, 0))
    if not words:
        return None
    venues = load_venues()
    limit = min(len(doc), i + 2 * words + 1)  # "Nur-Sultan": 2 words, 3 tokens
    for end in range(limit, i, -1):
        last = doc[end - 1]
        if last.is_punct:
            continue
        text = text_[doc[i].idx : last.idx + len(last.text)]
        if "\n" in text:
            continue
        key = fold(text)
        venue = venues.get(key)
        if venue is not None:
            return end, venue
        if not text[0].isupper() or not (gaz.may_be_place(key) or "," in text):
            continue
        found = gaz.city(text) or _country_place(gaz.country(text))
        if found is not None:
            return end, found
    return None


def _country_place(country: Country | None) -> Place | None:
    if country is None:
        return None
    return Place(None, country.name, country.code, country.lat, country.lon)


def _skip_the(doc: Doc, i: int) -> int:
    return i + 1 if i < len(doc) and doc[i].lower_ == "the" else i


def _complement(doc: Doc, text: str, i: int, word: str, gaz: Gazetteer) -> tuple[int, Place] | None:
    """`of X` / `in X` right after a venue: (end token, place) or None."""
    if i >= len(doc) or doc[i].lower_ != word:
        return None
    found = _match(doc, text, _skip_the(doc, i + 1), gaz)
    if found is None or isinstance(found[1], VenueRow):
        return None
    return found  # type: ignore[return-value]


def _venue_mention(doc: Doc, text: str, i: int, end: int, venue: VenueRow, gaz: Gazetteer,
                   owner: Country | None) -> Mention:
    """A venue with what is written with it: `of <country>` (owner), `in <place>`."""
    place = Place(None, None, None, None, None)
    if owner is not None and venue.kind == "institution":
        place = _country_place(owner) or place
    of = _complement(doc, text, end, "of", gaz)
    if of is not None:
        end = of[0]
        if venue.kind == "institution" and of[1].city is None:
            place = of[1]
    at = _complement(doc, text, end, "in", gaz)
    if at is not None:
        end, place = at
    return Mention(i, end, place, venue)


def _capital_of(doc: Doc, end: int, country: Country | None, gaz: Gazetteer) -> int | None:
    """Token end of "<country>'s capital" / "the <demonym> capital", when that follows."""
    j = end + 1 if end < len(doc) and doc[end].text in {"'s", "’s"} else end
    if country and j < len(doc) and doc[j].lower_ == "capital" and gaz.capital(country.code):
        return j + 1
    return None


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Every city, country and venue name in the text, longest match first, in order."""
    mentions: list[Mention] = []
    text = text_of(doc)
    words = token_table(doc)[1]
    i = 0
    while i < len(doc):
        if not (words[i][:1].isupper() or words[i][:1].isdigit()):
            i += 1
            continue
        mention = _mention_at(doc, text, i, gaz)
        if mention is None:
            i += 1
            continue
        mentions.append(mention)
        i = mention.end
    return mentions


def _mention_at(doc: Doc, text: str, i: int, gaz: Gazetteer) -> Mention | None:
    demonym = gaz.demonym(doc[i].text)
    if demonym is not None:  # "the Turkmen Foreign Ministry", "the Russian capital"
        after = _match(doc, text, i + 1, gaz) if i + 1 < len(doc) else None
        if after and isinstance(after[1], VenueRow):
            return _venue_mention(doc, text, i, after[0], after[1], gaz, demonym)
        capital_end = _capital_of(doc, i + 1, demonym, gaz)
        if capital_end is not None:
            return Mention(i, capital_end, gaz.capital(demonym.code))  # type: ignore[arg-type]
    found = _match(doc, text, i, gaz)
    if found is None:
        return None
    end, what = found
    if isinstance(what, VenueRow):
        return _venue_mention(doc, text, i, end, what, gaz, None)
    if _in_compound(doc, text, i, end):  # "Asia-Pacific", "Russia-ASEAN summit"
        return None
    facility_end = _facility_end(doc, end)
    if facility_end is not None:  # "the Constantine Palace": a building, not the city
        name = text[doc[i].idx : doc[facility_end - 1].idx + len(doc[facility_end - 1].text)]
        empty = Place(None, None, None, None, None)
        return Mention(i, facility_end, empty, VenueRow(name=name, kind="building"))
    if what.city is None:
        country = gaz.by_code(what.country_code) if what.country_code else None
        capital_end = _capital_of(doc, end, country, gaz)
        if capital_end is not None:
            return Mention(i, capital_end, gaz.capital(what.country_code))  # type: ignore[arg-type]
    elif end + 1 < len(doc) and doc[end].text == ",":  # "Glasgow, Scotland"
        qualifier = _match(doc, text, end + 1, gaz)
        if qualifier and not isinstance(qualifier[1], VenueRow) and \
                qualifier[1].city is None and qualifier[1].country_code == what.country_code:
            end = qualifier[0]
    return Mention(i, end, what)


def _in_compound(doc: Doc, text: str, i: int, end: int) -> bool:
    """The name is glued by a hyphen to a neighbour: part of a compound, not a place."""
    start_char = doc[i].idx
    end_char = doc[end - 1].idx + len(doc[end - 1].text)
    return (start_char > 0 and text[start_char - 1] in "-–") or \
        (end_char < len(text) and text[end_char] in "-–")


def _facility_end(doc: Doc, end: int) -> int | None:
    """Token end of "<name> Palace"/"<name> Congress Centre" right after a place name."""
    facility = load_cues().facility
    for j in range(end, min(end + 3, len(doc))):
        token = doc[j]
        if not token.text[:1].isupper():
            return None
        if token.lower_ in facility:
            return j + 1
    return None


# --- is it an event place? ---------------------------------------------------------


def _governing_preposition(doc: Doc, start: int) -> Token | None:
    """The preposition right before the mention (past a "the"), if any."""
    j = start - 1
    if j >= 0 and doc[j].lower_ == "the":
        j -= 1
    if j < 0:
        return None
    prep = doc[j]
    if prep.lower_ in _IN_PREPS or prep.lower_ in _TO_PREPS:
        return prep
    return None


def _lemma(token: Token) -> str:
    return (token.lemma_ or token.text).lower()


def _cue(token: Token, words: frozenset[str], kind: str, cues: Cues) -> bool:
    """The token's lemma (or "take place"-style lemma + object) is a cue of `kind`."""
    lemma = _lemma(token)
    keys = [lemma, token.lower_]
    keys += [f"{lemma} {_lemma(child)}" for child in token.children if child.dep_ == "dobj"]
    for key in keys:
        if key in words:
            pos = cues.pos_only.get((kind, key))
            return pos is None or token.pos_ == pos
    return False


def _licensed(prep: Token, cues: Cues) -> bool:
    """The preposition hangs on an event word, not on a non-event one.

    Climbs the parse past names and titles ("met with President ... Abbas in
    Sochi") and at most one common noun ("the meeting of the leaders ... in
    Sochi") to the event word; a verb that is not a cue ends the climb.
    """
    kind = "to_licensor" if prep.lower_ in _TO_PREPS else "in_licensor"
    licensors = cues.to_licensor if kind == "to_licensor" else cues.in_licensor
    if kind == "in_licensor" and (_fronted(prep) or _staying_on_visit(prep, cues)):
        return True
    before = prep.doc[prep.i - 1] if prep.i > 0 else None
    if before is not None:
        if _cue(before, cues.not_event, "not_event", cues):
            return False
        if _cue(before, licensors, kind, cues):
            return True
    nouns = 0
    for head in prep.ancestors:
        if _cue(head, cues.not_event, "not_event", cues):
            return False
        if _cue(head, licensors, kind, cues):
            return True
        if head.pos_ in _NAME_POS:
            continue
        nouns += 1  # "the meeting of the leaders of A and B in Sochi": one noun between
        if head.pos_ not in {"NOUN", "PRON"} or nouns >= _MAX_NOUNS:
            return False
    return False


def _fronted(prep: Token) -> bool:
    """"On 10 July, in Ashkhabad, the President accepted ...": a place set before the
    subject of the sentence's main verb, in the past, frames what the sentence reports."""
    head = prep.head
    if head.dep_ != "ROOT" or head.tag_ not in {"VBD", "VBN"} or prep.i > head.i:
        return False
    subjects = [c for c in head.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return bool(subjects) and all(prep.i < s.left_edge.i for s in subjects)


def _staying_on_visit(prep: Token, cues: Cues) -> bool:
    """"who is in Kyiv on a working visit": the visit is the setting of the meeting."""
    head = prep.head
    if _lemma(head) != "be":
        return False
    return any(_lemma(t) in {"visit", "trip"} for c in head.children if c.dep_ == "prep"
               for t in c.children)


def _planned_or_recalled(prep: Token, cues: Cues) -> bool:
    """A plan, an invitation or a recalled past event governs the preposition."""
    markers = cues.future | cues.recalled
    for ancestor in prep.ancestors:
        if _lemma(ancestor) in markers:
            return True
        for child in ancestor.children:
            if child.dep_ in {"aux", "auxpass", "amod", "advmod", "det"} and \
                    _lemma(child) in markers:
                return True
    return False


def is_event_place(doc: Doc, mention: Mention, cues: Cues | None = None) -> bool:
    """True when the mention is written as the place where something took place."""
    cues = cues or load_cues()
    if mention.end < len(doc) and doc[mention.end].lower_ in {"'s", "’s"}:
        return False  # "at Kyrgyzstan's initiative", "in Russia's interests"
    prep = _governing_preposition(doc, mention.start)
    if prep is None:
        return False
    return _licensed(prep, cues) and not _planned_or_recalled(prep, cues)


# --- locations ---------------------------------------------------------------------


def _location(doc: Doc, mention: Mention, body: str) -> Location:
    start = mention.start
    if start > 0 and doc[start - 1].lower_ == "the" and mention.venue is not None:
        start -= 1
    char_start = doc[start].idx
    last = doc[mention.end - 1]
    char_end = last.idx + len(last.text)
    text = body[char_start:char_end]
    place = mention.place
    return Location(
        city=place.city,
        country=place.country,
        country_code=place.country_code,
        venue=mention.venue.name if mention.venue else None,
        lat=place.lat,
        lon=place.lon,
        text=text,
        span=Span(start=char_start, end=char_end, text=text),
    )


def attach_city(location: Location, written: list[Location], gaz: Gazetteer) -> Location:
    """A venue whose city is written anywhere in the release takes that city (guidelines).

    `written` are all place names of the release (`find_mentions`, as Locations);
    a venue with no city written keeps venue only.
    """
    if location.venue is None or location.city is not None:
        return location
    venue = load_venues().get(fold(location.venue))
    if venue is None or venue.city is None:
        return location
    city = gaz.city(venue.city)
    if city is None or all(w.city != city.city for w in written):
        return location
    return location.model_copy(update={
        "city": city.city, "country": city.country, "country_code": city.country_code,
        "lat": city.lat, "lon": city.lon,
    })


def find_locations(doc: Doc, gazetteer: Gazetteer) -> list[Location]:
    """Candidates for where the release's events took place, in text order."""
    cues = load_cues()
    body = text_of(doc)
    mentions = find_mentions(doc, gazetteer)
    written = [_location(doc, m, body) for m in mentions if m.place.city]
    found = []
    for mention in mentions:
        if is_event_place(doc, mention, cues):
            location = _location(doc, mention, body)
            found.append(attach_city(location, written, gazetteer))
    return found


