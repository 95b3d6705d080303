"""Place names in the text: cities, countries and venues, longest match first.

Names are found by a longest-match scan over tokens against the gazetteer and
the venue table (`data/places_venues.jsonl`), never by trusting NER boundaries
(the small model tags "the Republic of Tajikistan S. Aslov" as one GPE). Per
document the work is a handful of dict look-ups per capitalised token.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from communique.pipeline.components.doc_cache import text_of, token_table
from communique.pipeline.components.places.areas import area_place, feature_names
from communique.pipeline.components.places.rows import VenueRow
from communique.pipeline.components.places.words import (
    load_cues,
    load_venues,
    place_words,
    venue_first_words,
)
from communique.pipeline.gazetteer import Country, Gazetteer, Place, fold


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
    words = max(gaz.max_words(first), venue_first_words().get(first, 0))
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
        found = gaz.city(text) or country_place(gaz.country(text))
        if found is not None:
            return end, found
    return None


def country_place(country: Country | None) -> Place | None:
    """A country as a Place (no city), at its centroid."""
    if country is None:
        return None
    return Place(None, country.name, country.code, country.lat, country.lon)


def _skip_the(doc: Doc, i: int) -> int:
    """Past a "the" at token i ("of the Republic of ...")."""
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
        place = country_place(owner) or place
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
    j = end + 1 if end < len(doc) and doc[end].text in place_words().possessives else end
    if country and j < len(doc) and doc[j].lower_ == "capital" and gaz.capital(country.code):
        return j + 1
    return None


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """Every city, country and venue name in the text, longest match first, in order."""
    mentions: list[Mention] = []
    text = text_of(doc)
    words = token_table(doc)[1]
    towns: dict[str, Place] = {}  # towns the release introduced ("the village of X")
    i = 0
    while i < len(doc):
        if not (words[i][:1].isupper() or words[i][:1].isdigit()):
            i += 1
            continue
        mention = _area_or_town_at(doc, text, i, gaz, towns) or _mention_at(doc, text, i, gaz)
        if mention is not None and _before_feature(doc, mention):
            i = mention.end  # "the Kara-Kuldzha river": a river, not the town
            continue
        if mention is None:
            i += 1
            continue
        mentions.append(mention)
        i = mention.end
    return mentions


def _mention_at(doc: Doc, text: str, i: int, gaz: Gazetteer) -> Mention | None:
    """The name starting at token i: a demonym before a venue or "capital", a venue,
    a facility named after a place, "<country>'s capital", "<city>, <country>"."""
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



def _name_end(doc: Doc, i: int, limit: int = 4) -> int:
    """End of the capitalised name starting at token i (hyphens inside: "Kara-Kuldzha")."""
    end = i
    while end < min(len(doc), i + limit) and (
            doc[end].text[:1].isupper()
            or (doc[end].text in "-–" and end > i and end + 1 < len(doc)
                and doc[end + 1].text[:1].isupper() and not doc[end].whitespace_)):
        end += 1
    return end


def _span_text(doc: Doc, text: str, start: int, end: int) -> str:
    return text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1].text)]


def _area_of_name(name: str, gaz: Gazetteer) -> Place | None:
    """The country of an area called `name`: ISO 3166-2 / our table, else the country of
    the city it is named after ("the Samarkand region" -> Uzbekistan); a country's own
    name is no area ("the Russia region" is not written)."""
    if gaz.country(name) is not None:
        return None
    place = area_place(name, gaz)
    if place is None:
        city = gaz.city(name)
        country = gaz.by_code(city.country_code) if city and city.country_code else None
        place = country_place(country)
    return place


def _area_or_town_at(doc: Doc, text: str, i: int, gaz: Gazetteer,
                     towns: dict[str, Place]) -> Mention | None:
    """An area or a town at token i: "<name> region", "the province of <name>", a
    natural feature of our table, "the village of <name>", or a town introduced so."""
    words = place_words()
    end = _name_end(doc, i)
    if end == i:
        return None
    for stop in range(end, i, -1):  # "<name> region|province"
        if stop < len(doc) and doc[stop].lower_ in words.area_nouns:
            place = _area_of_name(_span_text(doc, text, i, stop), gaz)
            if place is not None:
                return Mention(i, stop + 1, place)
    nouns = doc[i - 2].lower_ if i >= 2 and doc[i - 1].lower_ == "of" else None
    for stop in range(end, i, -1):
        name = _span_text(doc, text, i, stop)
        if nouns in words.area_nouns:  # "the province of Kandahar"
            place = _area_of_name(name, gaz)
            if place is not None:
                return Mention(i, stop, place)
        if fold(name) in feature_names():  # "Lake Issyk-Kul"
            place = area_place(name, gaz)
            if place is not None:
                return Mention(i, stop, place)
        if fold(name) in towns:
            return Mention(i, stop, towns[fold(name)])
    if nouns in words.settlement_nouns:  # "the village of Kara-Kuldzha (in the Osh region)"
        return _town(doc, text, i, end, gaz, towns)
    return None


def _town(doc: Doc, text: str, i: int, end: int, gaz: Gazetteer,
          towns: dict[str, Place]) -> Mention:
    """A town named after "the village of": the gazetteer's, or the name as written with
    the country of the area or country written after it ("in the Osh region")."""
    name = _span_text(doc, text, i, end)
    known = gaz.city(name)
    if known is not None:
        return Mention(i, end, known)
    country: Place | None = None
    j = end
    if j < len(doc) and doc[j].lower_ in {"in", ","}:
        k = _skip_the(doc, j + 1)
        inner = _area_or_town_at(doc, text, k, gaz, towns) if k < len(doc) else None
        found = _match(doc, text, k, gaz) if inner is None and k < len(doc) else None
        if inner is not None:
            country, j = inner.place, inner.end
        elif found is not None and not isinstance(found[1], VenueRow):
            country, j = found[1], found[0]
    place = Place(name, country.country if country else None,
                  country.country_code if country else None, None, None)  # not located
    towns[fold(name)] = place
    return Mention(i, j if country else end, place)


def _before_feature(doc: Doc, mention: Mention) -> bool:
    """A city or town name right before a natural-feature noun names the feature."""
    return (mention.venue is None and mention.place.city is not None
            and mention.end < len(doc) and doc[mention.end].lower_ in place_words().feature_nouns)
