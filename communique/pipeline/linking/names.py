"""Name keys: what of a written name decides whether two mentions are one person.

A written name ("S. Aslov", "Kassym-Jomart Tokayev", "Tokaev") is reduced to
a surname skeleton and a list of given names (full or initial only), each
folded through the transliteration table so that spelling variants of one
name meet. The folds live in `linking/data/name_folds.csv`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from communique.pipeline.linking import rules

_TOKEN = re.compile(r"([^\W\d_]+(?:['’-][^\W\d_]+)*)(\.)?")


@dataclass(frozen=True, order=True)
class Given:
    """One given name: its initial, and its folded skeleton when written in full
    ("" for an initial only: a str either way, so keys sort without a None-vs-str error)."""

    initial: str
    full: str = ""


@dataclass(frozen=True, order=True)
class NameKey:
    """Surname skeleton plus given names: the unit of name compatibility."""

    surname: str
    given: tuple[Given, ...] = ()

    @property
    def full_given(self) -> int:
        """How many given names are written in full (fullness of the form)."""
        return sum(1 for g in self.given if g.full)

    def text(self) -> str:
        """Readable key, the base of a stable person id."""
        parts = [g.full or g.initial + "." for g in self.given]
        return " ".join([*parts, self.surname])


def fold(text: str) -> str:
    """Accents stripped and case folded: 'Erdoğan' and 'Erdogan' are one string."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


@cache
def skeleton(token: str) -> str:
    """A folded token through the transliteration folds (Tokayev -> tokaev)."""
    out = token.replace("’", "'").replace("'", "")
    for pattern, replacement in rules.folds():
        out = pattern.sub(replacement, out)
    return out


def _strip_particle(token: str) -> str:
    """'el-sisi' -> 'sisi', 'al-assad' -> 'assad': an attached particle is no token."""
    head, _, rest = token.partition("-")
    return rest if rest and head in rules.name_words("particle") else token


def _tokens(name: str) -> list[tuple[str, bool]]:
    """(folded token, is initial) pairs, honorifics, suffixes and particles dropped."""
    dropped = rules.name_words("honorific") | rules.name_words("suffix")
    found: list[tuple[str, bool]] = []
    for match in _TOKEN.finditer(fold(name)):
        token = _strip_particle(match.group(1))
        if token in dropped:
            continue
        initial = len(token) == 1 or (match.group(2) is not None and len(token) <= 2)
        found.append((token, initial))
    full = [t for t in found if not t[1] and t[0] not in rules.name_words("particle")]
    return [t for t in found if t[1] or t in full] if full else found


def _given(token: str, initial: bool) -> Given:
    if initial:
        return Given(token[0])
    canonical = rules.given_variants().get(token, token)
    return Given(token[0], skeleton(canonical))


def name_key(name: str, country_code: str | None = None) -> NameKey | None:
    """The key of a written name; None when it holds no name token at all."""
    tokens = list(dict.fromkeys(_tokens(name)))
    full = [i for i, (_, initial) in enumerate(tokens) if not initial]
    if not full or all(tokens[i][0] in rules.not_a_name() for i in full):
        return None
    at = full[0] if country_code in rules.family_name_first() and len(full) > 1 else full[-1]
    surname = skeleton(tokens[at][0])
    given = tuple(_given(t, initial) for i, (t, initial) in enumerate(tokens) if i != at)
    return NameKey(surname, given)


def _match(a: Given, b: Given) -> bool:
    if a.full and b.full:
        return a.full == b.full
    return a.initial == b.initial or skeleton(a.initial) == skeleton(b.initial)


def given_compatible(a: tuple[Given, ...], b: tuple[Given, ...]) -> bool:
    """The shorter list fits the longer in order: 'S.' fits 'Sirojiddin', 'Tayyip' fits
    'Recep Tayyip'; a missing given name fits anything."""
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    at = 0
    for g in short:
        while at < len(long) and not _match(g, long[at]):
            at += 1
        if at == len(long):
            return False
        at += 1
    return True


def compatible(a: NameKey, b: NameKey) -> bool:
    """Same surname skeleton and compatible given names."""
    return a.surname == b.surname and given_compatible(a.given, b.given)


def same_full_name(a: NameKey, b: NameKey) -> bool:
    """Both written with the same full given names: identical as names go."""
    return a.full_given > 0 and a == b
