"""Participants over a whole document: person + role + country (+ organisation).

Releases write people as "TITLE of COUNTRY NAME" ("Prime Minister of the
United Kingdom Boris Johnson"), "NAME, TITLE of COUNTRY" ("Rashid Meredov,
Deputy Chairman of the Cabinet of Ministers, Minister of Foreign Affairs of
Turkmenistan"), "TITLE NAME" ("President Biden"), "COUNTRY/ORG TITLE NAME"
("NATO Secretary General Jens Stoltenberg"), or by name alone once titled
elsewhere. Title phrases are read first (titles.py), then people NER finds
outside them (names.py), then delegations (delegations.py); people are then
resolved across mentions and the issuing office's principal named (office.py).
Every country decision is a rule of country.py.

The component finds mentions over the whole document; the record's selection
(select.py) decides which belong to which event.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from communique.pipeline.components.doc_cache import sentences
from communique.pipeline.components.participants import country
from communique.pipeline.components.participants.attribution import attributed_to
from communique.pipeline.components.participants.delegations import delegations
from communique.pipeline.components.participants.home import home_officials
from communique.pipeline.components.participants.institutions import (
    body_delegations,
    country_of_leader,
    object_of,
    representatives,
)
from communique.pipeline.components.participants.lexicon import Lexicon
from communique.pipeline.components.participants.mentions import Mention, person_tokens
from communique.pipeline.components.participants.names import (
    drop_lone_surnames,
    ent_name,
    name_at,
)
from communique.pipeline.components.participants.office import (
    mark_unnamed_principal,
    office_of_text,
    publisher,
    resolve_principal,
)
from communique.pipeline.components.participants.sentences import mark_runs
from communique.pipeline.components.participants.titles import split_lists, title_phrase
from communique.pipeline.components.participants.tokens import TITLE_REACH, Scan
from communique.pipeline.gazetteer import Gazetteer

SUBJECT_HOPS = 8  # dependency arcs walked up from a name to its verb's subject
CUE_REACH = 40  # characters before a mention searched for "greetings from"-style cues


def find_mentions(doc: Doc, gazetteer: Gazetteer, lex: Lexicon, url: str | None = None,
                  title_end: int = 0) -> list[Mention]:
    """Every participant mention in the document, people resolved across mentions.
    `url`: the release's address (its host names the issuing office); `title_end`:
    where the headline ends in the text."""
    scan = Scan(doc, gazetteer, lex)
    mentions = resolve_people(scan_document(scan), lex)
    office = publisher(url, lex)
    styled = None if office else office_of_text(scan.text, title_end, lex, gazetteer)
    office = office or styled
    resolve_principal(mentions, office, gazetteer, lex, title_end)
    if styled:  # a house style's readout names its principal by title only
        mark_unnamed_principal(mentions, styled, gazetteer)
    country.country_of_own_stance(scan, mentions)
    country_of_leader(scan, mentions)
    if office:
        country.home_country(mentions, gazetteer.by_code(office.country), lex, doc)
    else:
        bounds = [(s.start_char, s.end_char) for s in sentences(doc)]
        home = home_officials(scan.text, bounds, mentions, lex, gazetteer, title_end)
        if home:  # not to a leader only mentioned ("greetings from President X")
            country.home_country([m for m in mentions if not m.mentioned_only], home, lex,
                                 doc)
    mark_runs(scan, mentions)
    return mentions


def scan_document(scan: Scan) -> list[Mention]:
    """Titled mentions first (a title phrase is skipped over once read), then
    people NER finds outside them, then delegations."""
    found = split_lists(_title_phrases(scan), scan.text, scan.lex)
    for ent in scan.doc.ents:
        if ent.label_ != "PERSON" or any(m.start <= ent.start_char < m.end for m in found):
            continue
        span = name_at(scan, ent.start_char, limit=ent.end_char) or ent_name(scan, ent)
        if span:
            found.append(Mention(kind="person", start=span[0], end=span[1],
                                 sent=scan.sent_of[ent.start],
                                 name=scan.text[span[0]:span[1]], name_span=span))
    found.extend(delegations(scan))
    found.extend(body_delegations(scan) + representatives(scan))
    found = drop_lone_surnames(found, scan.gaz, scan.lex)
    for m in found:
        if m.name_span:
            m.subject_of = _subject_of(scan, m.start) or _subject_of(scan, m.name_span[0])
            m.object_of = object_of(scan, m.name_span[1] - 1)
    found.sort(key=lambda m: (m.start, m.end))
    _mark_mentioned_only(scan, found)
    return found


def _title_phrases(scan: Scan) -> list[Mention]:
    """Every title phrase, left to right; a phrase once read is skipped over."""
    found, i = [], 0
    while i < scan.n:
        if not any(scan.may_title[i : i + TITLE_REACH]):  # no title word close enough
            i += 1
            continue
        m = title_phrase(scan, i)
        if m:
            found.append(m)
            end_tok = i
            while end_tok < scan.n and scan.idx[end_tok] < m.end:
                end_tok += 1
            i = max(end_tok, i + 1)
            continue
        i += 1
    return found


def _mark_mentioned_only(scan: Scan, found: list[Mention]) -> None:
    """Who is only mentioned ("greetings from President X and Prime Minister Y": both),
    and who stands after a "with" on its line (the headline's counterpart)."""
    previous: Mention | None = None
    for m in found:
        line = scan.text[scan.text.rfind("\n", 0, m.start) + 1 : m.start].lower()
        m.after_with = bool(re.search(r"\bwith\b", line))
        m.mentioned_only = _mentioned_only(scan, m) or attributed_to(scan, m) or bool(
            previous and previous.mentioned_only
            and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", scan.text[previous.end:m.start]))
        previous = m


def _subject_of(scan: Scan, char: int) -> str | None:
    """The lemma of the verb whose subject the name at `char` is (through
    compounds, appositions and conjunctions): "X and Y discussed" -> discuss."""
    span = scan.doc.char_span(char, char + 1, alignment_mode="expand")
    if span is None:
        return None
    subject, path = scan.lex.word_set("subject_dep"), scan.lex.word_set("subject_path_dep")
    tok = span[0]
    for _ in range(SUBJECT_HOPS):
        if tok.dep_ in subject:
            return tok.head.lemma_.lower()
        if tok.dep_ not in path or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _mentioned_only(scan: Scan, m: Mention) -> bool:
    """True after 'greetings from', 'on behalf of', 'initiative of' and the like."""
    before = scan.text[max(0, m.start - CUE_REACH) : m.start].lower()
    before = re.sub(r"\s+", " ", before).strip()
    before = re.sub(r"\b(?:the|of the)$", "", before).strip()
    return any(before.endswith(cue) for cue in scan.lex.cue("not_participant"))


def resolve_people(mentions: list[Mention], lex: Lexicon) -> list[Mention]:
    """Give bare names the role and country of a titled mention of the same person,
    and a titled mention without a country the country of another of that person."""
    not_name = lex.word_set("not_name_token")
    titled = [m for m in mentions if m.name and m.role]
    for m in mentions:
        if m.name and not m.role:
            same = [t for t in titled
                    if person_tokens(t.name or "", not_name) & person_tokens(m.name, not_name)]
            if same:
                best = max(same, key=lambda t: len(person_tokens(t.name or "", not_name)))
                m.role, m.category = best.role, best.category
                m.country = country.country_of_bare_name(best)
                m.organization = best.organization
        elif m.name and m.country is None:
            m.country = country.country_of_same_person(m, titled, not_name)
    return mentions
