"""The country of a home official whose title names none, in a release whose
office is unknown (no URL, no house style).

A ministry's release names its own officials without their country: "the meeting
was held at the Ministry of Foreign Affairs of the Kyrgyz Republic under the
chairmanship of Deputy Minister of Foreign Affairs NAME". Two rules, applied after
every other country rule, to persons still without a country:
 1. `country_of_own_ministry`: the title's ministry is written in the same sentence
    with its country ("Minister of Foreign Affairs" / "Ministry of Foreign Affairs
    of K"), and no other official of that country holds that portfolio.
 2. `country_of_bare_title`: a title that, written bare, names one state's office
    (data/bare_titles.yaml: "Secretary of State" is the US one).
 3. the release's first named person placed so is its office's principal: their
    country is the home country of the other unqualified titles (country.py
    `home_country`: "Prime Minister NAME" in the External Affairs Minister's release).
"""

from __future__ import annotations

import re

from communique.pipeline.components.participants.lexicon import Lexicon
from communique.pipeline.components.participants.mentions import Mention, person_key
from communique.pipeline.gazetteer import Country, Gazetteer

PORTFOLIO = re.compile(r"\bMinister (of|for) ((?:[A-Z][\w'-]*|and|of|the)(?: (?:[A-Z][\w'-]*|and|"
                       r"of|the))*)")
COUNTRY_WORDS = 6  # words a country name may span after "Ministry of X of"


def home_officials(text: str, bounds: list[tuple[int, int]], mentions: list[Mention],
                   lex: Lexicon, gazetteer: Gazetteer, title_end: int = 0) -> Country | None:
    """Both rules, in order, to every person still without a country. Returns the
    release's home country when its first named person (after the headline) took
    a country so: the office whose release it is (3: `home_country` then gives it
    to the other unqualified titles, as for an office known by its URL)."""
    first = next((m for m in mentions if m.kind == "person" and m.start >= title_end), None)
    home = None
    for m in mentions:
        if m.kind != "person" or m.country or not m.role or m.organization:
            continue
        found = country_of_own_ministry(m, text, bounds, mentions, gazetteer)
        found = found or country_of_bare_title(m, lex, gazetteer)
        if found and m is first:
            home = found
        if found:
            key = person_key(m.name)
            for same in mentions:
                if same.kind == "person" and same.country is None \
                        and person_key(same.name) == key:
                    same.country = found
    return home


def country_of_own_ministry(m: Mention, text: str, bounds: list[tuple[int, int]],
                            mentions: list[Mention], gazetteer: Gazetteer) -> Country | None:
    """"... at the Ministry of Foreign Affairs of the Kyrgyz Republic under the
    chairmanship of Deputy Minister of Foreign Affairs NAME": the ministry of the
    person's portfolio written with a country in the same sentence is theirs --
    unless another official of that country holds that portfolio there."""
    assert m.role is not None
    portfolio = PORTFOLIO.search(m.role)
    if not portfolio or m.sent >= len(bounds):
        return None
    sentence = text[bounds[m.sent][0] : bounds[m.sent][1]]
    body = re.search(rf"\bMinistry {portfolio.group(1)} {re.escape(portfolio.group(2))} of "
                     r"((?:\S+ ?){1,%d})" % COUNTRY_WORDS, sentence)
    if not body:
        return None
    found = _country_prefix(body.group(1), gazetteer)
    if found is None or any(o is not m and o.country == found and o.role
                            and portfolio.group(2) in o.role for o in mentions):
        return None
    return found


def _country_prefix(words: str, gazetteer: Gazetteer) -> Country | None:
    """The longest country name the words start with ("the Kyrgyz Republic under")."""
    parts = re.sub(r"[^\w' -]", " ", words).split()
    if parts and parts[0].lower() == "the":
        parts = parts[1:]
    for n in range(len(parts), 0, -1):
        found = gazetteer.country(" ".join(parts[:n]))
        if found:
            return found
    return None


def country_of_bare_title(m: Mention, lex: Lexicon, gazetteer: Gazetteer) -> Country | None:
    """"Secretary of State NAME" with no country anywhere: the state whose office
    that bare title names (data/bare_titles.yaml)."""
    code = (lex.bare_titles or {}).get((m.role or "").lower())
    return gazetteer.by_code(code) if code else None
