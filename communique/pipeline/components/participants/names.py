"""People's names: the shape of the words after or before a title.

Names are read by shape, not from NER alone (it splits "R. Meredov" and joins
"Tajikistan S. Aslov"): initials ("S.Lavrov"), particles ("Abdel Fattah el-Sisi",
"bin Zayed"), accents, a possessive left out ("Lukashenko's"). NER PERSON entities
only bound the names written without a title.
"""

from __future__ import annotations

import re
from functools import cache

from spacy.tokens import Span as SpacySpan

from communique.pipeline.components.participants import country
from communique.pipeline.components.participants.lexicon import Lexicon, alternation
from communique.pipeline.components.participants.mentions import CharSpan, Mention, person_tokens
from communique.pipeline.components.participants.tokens import Scan
from communique.pipeline.gazetteer import Gazetteer

NAME_WORDS = 6  # words a name may have (particles included)
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)
# an initial is one letter, or a capital and a small letter ("Kh.", "Sh.": one Cyrillic
# letter written in two) before a dot
_INITIAL = re.compile(r"(?:[^\W\d_][^\W\d_A-Z]?\.\s?){1,3}(?=[^\W\d_])", re.UNICODE)
_INITIALS_ONLY = re.compile(r"(?:[^\W\d_][^\W\d_A-Z]?\.\s?)+")


@cache
def _honorific(words: tuple[str, ...]) -> re.Pattern[str]:
    """"Mr. ", "H.E. ", "H.H. Sheikh " before a name: skipped, not part of it."""
    return re.compile(rf"(?:(?:{alternation(words)})\.?\s+)+")


@cache
def title_name_gap(words: tuple[str, ...]) -> re.Pattern[str]:
    """What may stand between a title and its name: a comma, honorifics."""
    return re.compile(rf"\s*(?:,\s*)?(?:(?:{alternation(words)})\.?\s+)*")


def name_at(scan: Scan, char: int, limit: int | None = None) -> CharSpan | None:
    """A person's name starting at character `char` (initials, particles, accents)."""
    text, lex = scan.text, scan.lex
    pos = char
    while pos < len(text) and text[pos] == " ":
        pos += 1
    honor = _honorific(lex.word_list("honorific")).match(text[pos:])
    if honor:
        pos += honor.end()
    start = pos
    words = 0
    end = None
    particles = lex.cue("name_particle")
    while pos < len(text) and words < NAME_WORDS:
        init = _INITIAL.match(text, pos)
        if init:
            pos = init.end()
            continue
        m = _WORD.match(text, pos)
        if not m:
            break
        word = re.sub(r"['’]s$", "", m.group().rstrip("."))  # "Lukashenko's"
        low = word.lower()
        is_particle = low in particles or low.rstrip("-") in particles
        joined = "-" in low and low.split("-")[0] in particles  # "el-Sisi", "al-Assad"
        if not (word[:1].isupper() or ((is_particle or joined) and words > 0)):
            break
        if _ends_name(scan, word, low) or (words == 0 and low in lex.cue("modifier")):
            break  # "Deputy Supreme Commander-in-Chief" after a comma is no name
        words += 1
        pos = m.start() + len(word)
        if not is_particle:
            end = pos
        nxt = text[pos : pos + 1]
        if nxt == "-" or nxt == " ":
            pos += 1
            continue
        break
    if end is None or words == 0 or (limit is not None and end > limit):
        return None
    name = text[start:end]
    if not any(c.islower() for c in name) or name in lex.organizations:
        return None
    return start, end


def _ends_name(scan: Scan, word: str, low: str) -> bool:
    """A stop word, a one-word title (also inside "Commander-in-Chief"), a country or
    demonym, a body or state noun ("Republic"): not a name's."""
    lex = scan.lex
    return bool(low in lex.word_set("name_stop")
                or any(lex.titles.get((part,)) for part in low.split("-"))
                or scan.is_place_word(word) or low in lex.cue("org_head")
                or low in lex.cue("state_noun"))


_COMMA_BEFORE = re.compile(r",\s*(?:the\s+)?$", re.IGNORECASE)


def name_before(scan: Scan, title: CharSpan) -> CharSpan | None:
    """A name ending just before the `title` phrase ("NAME, TITLE", "NAME, the
    TITLE" where the parse reads them as one person: "Vladimir Norov, the Ministers
    of ..." is a list): a PERSON entity, or, where NER missed it, a name by shape
    before the comma (`shaped_name_before`)."""
    char = title[0]
    for ent_start, ent in scan.person_starts.items():
        gap = scan.text[ent.end_char:char]
        if ent.end_char <= char and ((gap.strip() in {",", ""} and len(gap) <= 2)
                                     or _COMMA_BEFORE.fullmatch(gap)):
            found = name_at(scan, ent_start, limit=ent.end_char)
            if found and (len(gap) <= 2 or appositive(scan, found, title)):
                return found
    return shaped_name_before(scan, title)


def name_after_comma(scan: Scan, char: int) -> CharSpan | None:
    """"the President of Moldova, Maia Sandu": the name after a comma that ends a
    title (`attach_name` keeps it only where the parse reads it as the title's
    apposition: "At the request of the President of Turkey, NAME informed" is not)."""
    comma = re.match(r"\s*,\s*", scan.text[char : char + 4])
    return name_at(scan, char + comma.end()) if comma else None


def shaped_name_before(scan: Scan, title: CharSpan) -> CharSpan | None:
    """"met by Pavel Orlov, First Deputy Head of ...": a name of at least two words
    right before the comma that opens a title, where NER missed it (it often tags
    such a name ORG or GPE): not a place, and the parse makes the title its
    apposition ("while attending the Volunteer Forum, the President joined" is
    not)."""
    before = scan.text[max(0, title[0] - 8) : title[0]]
    comma = _COMMA_BEFORE.search(before)
    if not comma:
        return None
    end = title[0] - len(before) + comma.start()
    last = next((t for t in range(scan.n) if scan.end_of(t) == end), None)
    if last is None:
        return None
    first = last
    while first > 0 and last - first < NAME_WORDS - 1 and _name_like(scan, first - 1):
        first -= 1
    for start in range(first, last):  # two words at least
        found = name_at(scan, scan.idx[start], limit=end)
        if found and found[1] == end and found[0] == scan.idx[start]:
            name = scan.text[found[0] : found[1]]
            if scan.gaz.city(name) or scan.is_place_word(name):
                return None
            return found if appositive(scan, found, title) else None
    return None


def appositive(scan: Scan, name: CharSpan, title: CharSpan) -> bool:
    """The parse reads the name and the title as one person: one is the other's
    apposition ("Ahmet Yildiz, the Deputy Foreign Minister"; "the Deputy Foreign
    Minister of Turkey, Ahmet Yildiz")."""
    a = scan.doc.char_span(name[0], name[1], alignment_mode="expand")
    b = scan.doc.char_span(title[0], title[1], alignment_mode="expand")
    if a is None or b is None:
        return False
    inside = set(range(a.start, a.end)), set(range(b.start, b.end))
    return any(t.dep_ == "appos" and t.head.i in other
               for span, other in ((a, inside[1]), (b, inside[0])) for t in span)


def _name_like(scan: Scan, t: int) -> bool:
    """A token that may stand inside a name: capitalised, an initial, a particle,
    a hyphen."""
    word = scan.txt[t]
    return word[:1].isupper() or word == "-" or word.lower() in scan.lex.cue("name_particle")


def ent_name(scan: Scan, ent: SpacySpan) -> CharSpan | None:
    """A PERSON entity the name shape rejected, unless it names a place
    ("Brunei Darussalam") or a body."""
    stop = scan.lex.word_set("name_stop")
    if _honorific(scan.lex.word_list("honorific")).fullmatch(ent.text + " "):
        return None  # "H.H. Sheikh": courtesy words before a name, no name
    words = [t for t in ent if t.text[:1].isupper() and t.lower_ not in stop]
    if not words or not any(c.islower() for c in ent.text):
        return None
    if any(scan.is_place_word(t.text) for t in words) or ent.text in scan.lex.organizations:
        return None
    return words[0].idx, ent.end_char


def attach_name(scan: Scan, m: Mention) -> None:
    """The name right after the title, or just before it ("NAME, TITLE")."""
    after = name_at(scan, m.end) or name_after_comma(scan, m.end)
    gap = scan.text[m.end : after[0]] if after else ""
    gap_ok = title_name_gap(scan.lex.word_list("gap_honorific")).fullmatch(gap)
    if after and gap_ok and ("," not in gap or appositive(scan, after, (m.start, m.end))):
        m.name_span = after
    elif not _plural(m):  # "A, the Ministers of B and C": a list, not A's title
        before = name_before(scan, (m.start, m.end))
        if before:
            m.name_span = before
    if m.name_span:
        m.kind = "person"
        m.name = scan.text[m.name_span[0] : m.name_span[1]]
        m.start = min(m.start, m.name_span[0])
        m.end = max(m.end, m.name_span[1])
        if _plural(m):
            m.listed_names = listed_names(scan, m.name_span[1])
        if m.country is None and m.organization is None:
            m.country = country.country_after_name(scan, m.name_span[1])


def _plural(m: Mention) -> bool:
    """A plural title ("Ministers of A and B", "senators"): over a list of countries
    or names, never one person's title."""
    head = re.split(r" (?:of|for|to) ", m.role or "")[0]
    return bool(m.listed_countries) or head.endswith("s")


def listed_names(scan: Scan, end: int) -> list[CharSpan]:
    """'senators Robert Portman, Chris Murphy and Amy Klobuchar': the names that
    follow the first one under a plural title."""
    found = []
    while True:
        sep = re.match(r",\s*(?:and\s+)?|\s+and\s+", scan.text[end : end + 8])
        nxt = name_at(scan, end + sep.end()) if sep else None
        if not sep or not nxt or not (end + sep.end() in scan.person_starts or " " in
                                      scan.text[nxt[0] : nxt[1]]):
            return found
        found.append(nxt)
        end = nxt[1]


def drop_lone_surnames(mentions: list[Mention], gaz: Gazetteer, lex: Lexicon) -> list[Mention]:
    """A one-word untitled 'person' ("Kiev's policy", "Donbass") counts only as the
    short form of a fuller name in the release ("Putin" after "Vladimir Putin") or
    with an initial ("S.Lavrov"); alone it is too often a place or a noun."""
    not_name = lex.word_set("not_name_token")
    full = [person_tokens(m.name, not_name) for m in mentions
            if m.name and len(person_tokens(m.name, not_name)) > 1]

    def keep(m: Mention) -> bool:
        if m.role or not m.name or len(person_tokens(m.name, not_name)) > 1:
            return True
        if _INITIALS_ONLY.match(m.name):
            return True
        return any(person_tokens(m.name, not_name) & f for f in full) and not gaz.city(m.name)

    return [m for m in mentions if keep(m)]
