"""A participant's country: every rule, in the order it applies.

A release writes a participant's country in many ways; each way is one rule here,
a named function, called from the step of the scanner or of the selection where
it applies. In order:

While a title phrase is read (titles.py):
 1. `country_before_title`    "the US Under Secretary ...", "the Turkmen Minister ..."
 2. `country_implied_by_title` a title that implies its state (titles.jsonl "country")
 3. `is_posting`              "Ambassador of Japan in Turkmenistan": "in X" is a posting
 3b. `is_posting_to_body`     "... of Turkmenistan to the United Nations": a posting too
 4. `country_of_phrase`       "Minister of Foreign Affairs of Turkmenistan" (not "to X")
 5. `country_of_body`         "Representative of the Ministry ... of Japan"
 6. `organisation_has_none`   an official of a known organisation has no country
 7. `country_after_name`      "Prime Minister Fumio Kishida of Japan"
After the whole document is read (scanner.py):
 4b. `countries_of_group`     "ambassadors of the G7 countries – A, B and C"
 8. `one_official_per_country` "Deputy Ministers ... of A, B and C": one per country
 9. `country_of_delegation`   "the Turkmen delegation", "the delegation of Japan",
                              "the Ministries of Foreign Affairs of A and B"
10. `country_of_bare_name`    "Putin" after "President of Russia Vladimir Putin"
11. `country_of_same_person`  "President Macron" after "... of France Emmanuel Macron"
11b. `country_of_own_stance`  "President X reaffirmed the commitment of the United
                              States": the side a countryless official speaks for
12. `principal_country`       the issuing office's principal: the office's country
13. `home_country`            an unqualified national title in an office's release
After these, elsewhere (one file per family):
 - institutions.py `delegation_of_body`, `country_of_leader`: "a delegation of the
   German Bundestag led by NAME"; `representatives`: "representatives of the
   Ministry ... of A, the Embassy of B": one official per national body
 - office.py `mark_unnamed_principal`: "The Prime Minister spoke to ..." in a
   release whose house style names the office (office_styles.yaml)
 - home.py, with no known office: the title's own ministry in the sentence, a
   bare title naming one state's office, and the home country they give
In the record's selection (select.py):
14. `named_counterpart`       "the President of Russia" is the person named with that
                              title and country
15. `unnamed_needs_country`   an unnamed official of no known country is left out
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from communique.pipeline.components.participants.lexicon import Lexicon
from communique.pipeline.components.participants.mentions import Mention, person_tokens
from communique.pipeline.components.participants.rows import PublisherRow, TitleRow
from communique.pipeline.components.participants.tokens import Scan
from communique.pipeline.gazetteer import Country, Gazetteer

PREFIX_REACH = 4  # tokens a country name may span before a title or inside a body phrase


# --------------------------------------------------------------------------- title phrase


def country_before_title(scan: Scan, i: int) -> tuple[Country, int] | None:
    """A country or demonym written before the title head ("US Under Secretary",
    "Turkmen Minister", "Kazakhstan's Foreign Minister"): (country, token where the
    title starts). "the" before a
    country is the start of "the United Kingdom Prime Minister"-style bodies, read
    as an organisation instead."""
    got = scan.country_at(i, limit=i + PREFIX_REACH)
    if got and scan.low[i] != "the":
        country, end = got
        possessive = end < scan.n and scan.low[end] in scan.lex.word_set("possessive")
        return country, end + possessive
    demonym = scan.gaz.demonym(scan.txt[i])
    if demonym and scan.txt[i][:1].isupper():
        return demonym, i + 1
    return None


def country_implied_by_title(m: Mention, row: TitleRow, gazetteer: Gazetteer) -> None:
    """A title that exists in one state only implies it (a real-world fact in
    titles.jsonl); it outranks a country written before the title."""
    if row.country:
        m.country = gazetteer.by_code(row.country)


def is_posting(scan: Scan, j: int) -> bool:
    """"in COUNTRY" after a title is a posting ("the Ambassador of Japan in
    Turkmenistan", "the NATO Mission in Ukraine"), read like "to COUNTRY": not the
    country the person represents."""
    return scan.low[j] == "in" and j + 1 < scan.n and bool(scan.country_at(j + 1))


def is_posting_to_body(m: Mention, prep: str) -> bool:
    """"Permanent Representative of Turkmenistan to the United Nations": an
    organisation after "to" is where a state's envoy is posted, not the body the
    person represents (they keep the state's country; guidelines: an ambassador
    represents the sending state)."""
    return prep == "to" and m.country is not None


def country_of_phrase(m: Mention, country: Country, prep: str) -> None:
    """"Minister of Foreign Affairs of Turkmenistan": the country of an "of" phrase
    is the person's, unless one is already known (first written wins) -- except a
    country read from a body, which a direct "of X" replaces. "to X" is where an
    ambassador is posted and "for X" a portfolio ("Special Envoy for Syria"): never
    the person's."""
    if prep == "of" and (m.country is None or m.country_from_body):
        m.country = country


def country_of_body(m: Mention, country: Country) -> None:
    """"Special Representative of the Ministry of Foreign Affairs of Japan": the
    body's country is the person's when nothing else gave one (remembered, so a
    later direct "of COUNTRY" phrase replaces it)."""
    if m.country is None:
        m.country = country
        m.country_from_body = True


def organisation_has_none(m: Mention, lex: Lexicon) -> None:
    """"NATO Secretary General", "President of the European Council": an official
    of a known (international) organisation represents it, not a country."""
    if m.organization and m.organization in lex.organizations:
        m.country = None


def country_after_name(scan: Scan, end: int) -> Country | None:
    """"Prime Minister Fumio Kishida of Japan": the country written after the name
    (`end`: where the name ends), for a title that gave neither country nor body."""
    if not re.match(r"\s+of\s", scan.text[end : end + 5]):
        return None
    span = scan.doc.char_span(end + 1, end + 3, alignment_mode="expand")
    if span is None or span[-1].i + 1 >= len(scan.doc):
        return None
    found = scan.country_at(span[-1].i + 1)
    return found[0] if found else None


# --------------------------------------------------------------------------- whole document


def one_official_per_country(m: Mention) -> list[Country]:
    """"Deputy Ministers of Foreign Affairs of Kazakhstan, Kyrgyzstan and Uzbekistan"
    (unnamed): one official per listed country; [] when it is not such a title."""
    return list(m.listed_countries or []) if m.name is None else []


def country_of_delegation(scan: Scan, i: int) -> tuple[list[Country], int, int]:
    """The countries of the delegation noun at token i: a demonym or country before
    it ("the Turkmen delegation", "the Japanese side"), or the list after its "of"
    ("the delegation of Japan", "the Ministries of Foreign Affairs of A and B").
    (countries, first token, end token); no countries when none is written."""
    if i > 0 and scan.txt[i - 1][:1].isupper():
        before = scan.gaz.demonym(scan.txt[i - 1]) or scan.gaz.country(scan.txt[i - 1])
        if before:
            return [before], i - 1, i + 1
    of = _countries_start(scan, i)
    if of is None:
        return [], i, i + 1
    listed, end = countries_listed(scan, of)
    return listed, i, end


def countries_of_group(scan: Scan, k: int) -> tuple[list[Country], int] | None:
    """"the ambassadors of the G7 countries – Canada, France and Japan": the members
    listed after a group noun (words.yaml group_noun) are the countries of a plural
    title, one official each. `k`: the token after "of"; (countries, end token), or
    None when no such list of at least two countries follows."""
    words = scan.lex.word_set("group_noun")
    g = k + (scan.low[k] == "the")
    stop = min(scan.n - 1, g + PREFIX_REACH)
    while g < stop and scan.low[g] not in words:
        g += 1
    if g >= stop or scan.txt[g + 1] not in scan.lex.word_set("list_opener"):
        return None
    listed, end = countries_listed(scan, g + 2)
    return (listed, end) if len(listed) > 1 else None


def countries_listed(scan: Scan, i: int) -> tuple[list[Country], int]:
    """'Kazakhstan, Kyrgyzstan and Uzbekistan' from token i: countries, end token."""
    listed, end = [], i
    got = scan.country_at(i)
    while got:
        listed.append(got[0])
        end = got[1]
        if end + 1 >= scan.n or scan.txt[end] not in {",", "and"}:
            break
        nxt = end + 2 if scan.low[end + 1] == "and" else end + 1
        got = scan.country_at(nxt) if nxt < scan.n else None
    return listed, end


def _countries_start(scan: Scan, i: int) -> int | None:
    """Token where the countries start in "delegation of X" or "the Ministries of
    Foreign Affairs of X and Y" (a plural body: one delegation per country)."""
    if i + 2 >= scan.n or scan.low[i + 1] != "of":
        return None
    if scan.country_at(i + 2) or scan.low[i] not in scan.lex.cue("bodies"):
        return i + 2
    j = i + 2
    while j < scan.n and (scan.txt[j][:1].isupper() or scan.low[j] in {"and", "the"}):
        j += 1
    return j + 1 if j + 1 < scan.n and scan.low[j] == "of" else None


def country_of_bare_name(titled: Mention) -> Country | None:
    """"Putin" after "President of Russia Vladimir Putin": a bare name is the person
    of its fullest titled mention (`titled`) and takes its country with its title."""
    return titled.country


def country_of_same_person(m: Mention, titled: list[Mention], not_name: frozenset[str]
                           ) -> Country | None:
    """"President Macron" after "President of the French Republic Emmanuel Macron":
    a titled mention without a country takes the country of another titled mention
    of the same person (they share a name token; `not_name`: honorifics)."""
    assert m.name is not None
    found = [t for t in titled if t.country and person_tokens(t.name or "", not_name)
             & person_tokens(m.name, not_name)]
    return found[0].country if found else None


def country_of_own_stance(scan: Scan, mentions: list[Mention]) -> None:
    """"President Biden reaffirmed the commitment of the United States", "The Federal
    Chancellor underscored Germany's support": a titled official of no country who
    states their side's stance (words.yaml stance_verb + stance_noun) speaks for the
    country written on that stance; every mention with that title and no country is
    that person. Never an organisation's official."""
    lex = scan.lex
    for verb in (t for t in scan.doc if t.lemma_.lower() in lex.word_set("stance_verb")):
        subjects = [c for c in verb.children if c.dep_ in lex.word_set("subject_dep")]
        nouns = [c for c in verb.children if c.dep_ == "dobj"
                 and c.lemma_.lower() in lex.word_set("stance_noun")]
        if not subjects or not nouns:
            continue
        spoken = _stance_country(scan, nouns[0])
        chars = (subjects[0].left_edge.idx, subjects[0].right_edge.idx + 1)
        speaker = next((m for m in mentions if m.role and m.country is None
                        and not m.organization and chars[0] <= m.start < chars[1]), None)
        if spoken and speaker:
            for m in mentions:
                if m.role == speaker.role and m.country is None and not m.organization:
                    m.country = spoken


def _stance_country(scan: Scan, noun) -> Country | None:
    """The country written on a stance noun: "Germany's support", "U.S. support",
    "the commitment of the United States"."""
    for child in noun.children:
        at = None
        if child.dep_ in scan.lex.word_set("stance_country_dep"):
            at = child.left_edge.i
        elif child.dep_ == "prep" and child.lower_ == "of":
            at = next((g.left_edge.i for g in child.children if g.dep_ == "pobj"), None)
        if at is None:
            continue
        got = scan.country_at(at)
        if got:
            return got[0]
        demonym = scan.gaz.demonym(scan.txt[at])
        if demonym:
            return demonym
    return None


def principal_country(written: Country | None, office: PublisherRow | None,
                      heads: list[Mention], gazetteer: Gazetteer) -> Country | None:
    """The issuing office's principal is of the office's country unless the text
    wrote one (`written`: "President of Russia Vladimir Putin" on kremlin.ru).
    Without a known office, an untitled principal takes the country of the unnamed
    head of state or government written elsewhere (`heads`: "the President of
    Russia")."""
    if written:
        return written
    if office:
        return gazetteer.by_code(office.country)
    return heads[0].country if heads else None


def home_country(mentions: list[Mention], home: Country | None, lex: Lexicon,
                 doc: Doc | None = None) -> None:
    """In an office's own release an unqualified national title ("Foreign Minister
    Sergei Lavrov" on the Kremlin's site) is the office's own country's -- unless a
    foreign delegation or official of the same sentence governs the person in the
    parse ("a delegation of the US Congress, which included senators ..."); a
    foreign counterpart standing beside the person ("Foreign Minister Lavrov met
    the Foreign Minister of Japan") leaves the home country. Without a parse
    (`doc`), any foreign mention in the sentence takes it away."""
    foreign = [m for m in mentions if m.country and home and m.country != home]
    for m in mentions:
        if (m.name and m.role and m.country is None and m.organization is None
                and m.category not in lex.word_set("not_home_category")
                and not any(f.sent == m.sent and _governs(doc, f, m) for f in foreign)):
            m.country = home


def _governs(doc: Doc | None, foreign: Mention, m: Mention) -> bool:
    """The foreign mention's phrase contains the person in the parse (its head
    token's subtree reaches the person's name); always True without a parse."""
    if doc is None:
        return True
    head = doc.char_span(foreign.start, foreign.end, alignment_mode="expand")
    person = doc.char_span(m.start, m.end, alignment_mode="expand")
    if head is None or person is None:
        return True
    root = head.root
    return root.left_edge.i <= person.root.i <= root.right_edge.i and person.root != root


# --------------------------------------------------------------------------- selection


def named_counterpart(m: Mention, named: list[Mention]) -> Mention:
    """"the President of Russia received ...": an unnamed official with a country is
    the person the release names elsewhere with that country and the same title
    (or role category); `named`: the named mentions with role and country."""
    if m.kind != "official" or not m.country:
        return m
    return next((n for n in named if n.country == m.country
                 and (n.role == m.role or n.category == m.category)), m)


def unnamed_needs_country(m: Mention) -> bool:
    """An unnamed official of no known country ("the Minister") names no one a
    reader could tell apart: it is not listed. Delegations always have one."""
    return not (m.kind == "official" and m.country is None)


RULES = (
    country_before_title, country_implied_by_title, is_posting, is_posting_to_body,
    country_of_phrase,
    countries_of_group, country_of_body, organisation_has_none, country_after_name,
    one_official_per_country, country_of_delegation, country_of_bare_name,
    country_of_same_person, country_of_own_stance, principal_country, home_country,
    named_counterpart, unnamed_needs_country,
)
