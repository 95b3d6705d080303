"""Institutional participants: bodies whose unnamed members took part.

"The event was attended by representatives of the Ministry of Foreign Affairs of
A, the Embassy of B in C, scholars and students": each national body listed after
a representatives noun (cues.yaml representatives) is one unnamed participant of
its country (guidelines, Participants: "representatives of X"). "A delegation of
the German Bundestag": a delegation of a national body, of the demonym's country;
the person it is "led by" is of that country too.
"""

from __future__ import annotations

import re

from communique.pipeline.components.participants import country
from communique.pipeline.components.participants.mentions import Mention, person_key
from communique.pipeline.components.participants.tokens import Scan
from communique.pipeline.gazetteer import Country

BODY_REACH = 12  # tokens a body's name may span ("Ministry of Labour, Social Security ...")
BODY_WORDS = {"of", "for", "on", "and"}  # small words inside a body's name


def representatives(scan: Scan) -> list[Mention]:
    """One official per national body listed after "representatives of"."""
    found = []
    nouns = scan.lex.cue("representatives")
    for i in range(scan.n - 2):
        phrase = next((n for n in nouns if _words_at(scan, i, n)), None)
        if phrase is None:
            continue
        k = i + len(phrase.split())
        if k < scan.n and scan.low[k] == "of":
            found.extend(_listed_bodies(scan, k + 1, scan.txt[i]))
    return found


def _words_at(scan: Scan, i: int, phrase: str) -> bool:
    words = phrase.split()
    return scan.low[i : i + len(words)] == words


def _listed_bodies(scan: Scan, k: int, noun: str) -> list[Mention]:
    """"the Ministry ... of A, the Embassy of B in C, scholars": the bodies from
    token k, each starting with "the"; the list ends at the first item that is not
    a body (no "the" and a capitalised head)."""
    found = []
    while k + 1 < scan.n and scan.low[k] == "the" and scan.txt[k + 1][:1].isupper():
        end, got = _body(scan, k + 1)
        if got:
            body_country, country_start = got
            org = scan.span_text(k + 1, end)
            role_end = country_start if country_start > k + 1 else end
            role = f"{noun} of the {scan.span_text(k + 1, role_end)}".removesuffix(" of")
            start, stop = scan.idx[k], scan.end_of(end - 1)
            found.append(Mention(kind="official", start=start, end=stop, sent=scan.sent_of[k],
                                 role=role, role_span=(start, stop), category="official",
                                 organization=org, country=body_country))
        k = _next_item(scan, end)
        if k is None:
            break
    return found


def _body(scan: Scan, j: int) -> tuple[int, tuple[Country, int] | None]:
    """A body's name from token j (capitalised words and BODY_WORDS, ending on a
    capitalised word): (end token, (country, token where "of COUNTRY" starts or
    j for a demonym)), the country None when the name has none."""
    demonym = scan.gaz.demonym(scan.txt[j])
    end, k = j + 1, j + 1
    found = (demonym, j) if demonym else None
    while k < min(scan.n, j + BODY_REACH):
        if scan.low[k] == "of" and found is None:
            got = scan.country_at(k + 1)
            if got:
                found, end = (got[0], k), got[1]
                break
        if scan.txt[k][:1].isupper():
            end = k + 1
        elif scan.low[k] not in BODY_WORDS or (scan.low[k] == "and" and k + 1 < scan.n
                                               and scan.low[k + 1] == "the"):
            break
        k += 1
    return end, found


def _next_item(scan: Scan, end: int) -> int | None:
    """Token where the next listed item starts after a body ending at `end` (past a
    posting "in CITY"), or None when the list ends."""
    k = end
    if k < scan.n and scan.low[k] == "in":
        k += 1
        while k < scan.n and scan.txt[k][:1].isupper():
            k += 1
    if k < scan.n and scan.txt[k] == ",":
        k += 1
    if k < scan.n and scan.low[k] == "and":
        k += 1
    return k if k < end + BODY_REACH and k > end else None


def body_delegations(scan: Scan) -> list[Mention]:
    """Every "delegation of the DEMONYM BODY" (delegation_of_body)."""
    nouns = scan.lex.cue("delegation")
    found = (delegation_of_body(scan, i) for i in range(scan.n) if scan.low[i] in nouns
             and not country.country_of_delegation(scan, i)[0])  # "of the US": read there
    return [m for m in found if m]


def delegation_of_body(scan: Scan, i: int) -> Mention | None:
    """"a delegation of the German Bundestag": a delegation noun at token i whose
    "of the" body starts with a demonym is that country's delegation (the body its
    organisation)."""
    if i + 3 >= scan.n or scan.low[i + 1] != "of" or scan.low[i + 2] != "the":
        return None
    demonym = scan.gaz.demonym(scan.txt[i + 3])
    if demonym is None or not scan.txt[i + 3][:1].isupper():
        return None
    end = i + 4
    while end < scan.n and scan.txt[end][:1].isupper():
        end += 1
    if end == i + 4:
        return None
    start, stop = scan.idx[i], scan.end_of(end - 1)
    return Mention(kind="delegation", start=start, end=stop, sent=scan.sent_of[i],
                   role="delegation", role_span=(start, stop), category="delegation",
                   organization=scan.span_text(i + 4, end), country=demonym)


def country_of_leader(scan: Scan, mentions: list[Mention]) -> None:
    """"a delegation of the German Bundestag led by the Chairman ... NAME": the
    person a delegation is led by, of no country written, is of its country."""
    links = scan.lex.cue("led_by")
    for d in (m for m in mentions if m.kind == "delegation" and m.country):
        for m in mentions:
            if m.kind != "person" or m.country or m.organization in scan.lex.organizations:
                continue
            between = re.sub(r"\s+", " ", scan.text[d.end : m.start].lower()).strip(" ,")
            between = re.sub(r"\s*\bthe$", "", between)
            if between in links:
                _give_country(mentions, m, d.country)


def _give_country(mentions: list[Mention], person: Mention, found: Country | None) -> None:
    """`person` and every other mention of that person with no country take `found`."""
    key = person_key(person.name)
    for m in mentions:
        if m.kind == "person" and m.country is None and person_key(m.name) == key:
            m.country = found


def object_of(scan: Scan, char: int) -> frozenset[str]:
    """The verb whose object the name ending at `char` is, as lemma and with its
    particle or preposition ("Saidov called on Prime Minister NAME": {"call", "call
    on"}); empty when the name is no verb's object. The record's selection takes a
    person met this way (institutions.yaml met_verb) as a participant."""
    span = scan.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return frozenset()
    tok = span[0]
    while tok.dep_ in {"compound", "flat", "appos"} and tok.head.i != tok.i:
        tok = tok.head
    if tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
        verb = tok.head.head
        return frozenset({verb.lemma_.lower(), f"{verb.lemma_.lower()} {tok.head.lower_}"})
    if tok.dep_ != "dobj":
        return frozenset()
    verb = tok.head
    return frozenset({verb.lemma_.lower()} | {f"{verb.lemma_.lower()} {c.lower_}"
                                             for c in verb.children if c.dep_ in {"prep", "prt"}})
