"""Participants: person + role + country (+ organisation) from the forms releases use.

Releases write people as "TITLE of COUNTRY NAME" ("Prime Minister of the
United Kingdom Boris Johnson"), "NAME, TITLE of COUNTRY" ("Rashid Meredov,
Deputy Chairman of the Cabinet of Ministers, Minister of Foreign Affairs of
Turkmenistan"), "TITLE NAME" ("President Biden"), "COUNTRY/ORG TITLE NAME"
("NATO Secretary General Jens Stoltenberg"), or by name alone once titled
elsewhere. The small English model mis-bounds these (it tags "the Republic of
Tajikistan S. Aslov" as one GPE), so titles are matched from our own lexicon
(`data/titles.jsonl`) on tokens, countries through the gazetteer, and names by
the shape of the words after or before the title; NER PERSON entities only
add people written without a title.

The stage finds mentions over the whole document; `extract` decides which
sentences belong to which event and keeps the mentions standing there.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cache
from typing import Literal
from urllib.parse import urlparse

from pydantic import BaseModel, Field
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from communique.models import Participant, RoleCategory, Span
from communique.pipeline.components.doc_cache import sentence_index, text_of, token_table
from communique.pipeline.gazetteer import Country, Gazetteer
from communique.pipeline.rules import load_rows

# --------------------------------------------------------------------------- rule data


class TitleRow(BaseModel):
    title: str = Field(min_length=1)
    category: RoleCategory
    country: str | None = Field(default=None, pattern=r"^[A-Z]{2}$")
    international: bool = False


class OrganizationRow(BaseModel):
    name: str = Field(min_length=1)
    aliases: list[str] = Field(default_factory=list)
    international: bool = True


class CueRow(BaseModel):
    kind: Literal["modifier", "org_head", "delegation", "not_participant", "name_particle",
                  "participation", "speech", "region", "joint_verb", "bodies"]
    words: list[str] = Field(min_length=1)


class PublisherRow(BaseModel):
    host: str = Field(min_length=3)
    role: str
    category: RoleCategory
    country: str = Field(pattern=r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Lexicon:
    """Title trie and cue sets, built once per process."""

    titles: dict[tuple[str, ...], TitleRow]
    prefixes: frozenset[tuple[str, ...]]
    max_title_len: int
    organizations: dict[str, OrganizationRow]
    org_first_words: frozenset[str]
    cues: dict[str, frozenset[str]]
    publishers: tuple[PublisherRow, ...]

    def cue(self, kind: str) -> frozenset[str]:
        return self.cues.get(kind, frozenset())


@cache
def lexicon() -> Lexicon:
    """Load and index the participant rule data (validated by `load_rows`)."""
    titles: dict[tuple[str, ...], TitleRow] = {}
    for row in load_rows("titles.jsonl", TitleRow):
        titles[_title_key(row.title)] = row
    orgs: dict[str, OrganizationRow] = {}
    for row in load_rows("organizations.jsonl", OrganizationRow):
        for alias in [row.name, *row.aliases]:
            orgs[alias.removeprefix("the ")] = row
    cues: dict[str, set[str]] = {}
    for row in load_rows("participant_cues.yaml", CueRow):
        cues.setdefault(row.kind, set()).update(w.lower() for w in row.words)
    return Lexicon(
        titles=titles,
        prefixes=frozenset(key[:n] for key in titles for n in range(1, len(key) + 1)),
        max_title_len=max(len(k) for k in titles),
        organizations=orgs,
        org_first_words=frozenset(name.split()[0] for name in orgs),
        cues={k: frozenset(v) for k, v in cues.items()},
        publishers=tuple(load_rows("publishers.yaml", PublisherRow)),
    )


def _title_key(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[\w'’]+|-", text.lower()))


# --------------------------------------------------------------------------- mentions

Kind = Literal["person", "official", "delegation"]


@dataclass
class Mention:
    """One participant as written at one place in the text."""

    kind: Kind
    start: int
    end: int
    sent: int
    name: str | None = None
    name_span: tuple[int, int] | None = None
    role: str | None = None
    role_span: tuple[int, int] | None = None
    category: str | None = None
    organization: str | None = None
    country: Country | None = None
    mentioned_only: bool = False
    principal: bool = False
    extras: dict = field(default_factory=dict)

    def to_participant(self, text: str) -> Participant:
        """The record, spanning the name (or the role phrase when unnamed)."""
        where = self.name_span or self.role_span or (self.start, self.end)
        return Participant(
            name=self.name,
            role=self.role,
            role_category=self.category,  # type: ignore[arg-type]
            organization=self.organization,
            country=self.country.name if self.country else None,
            country_code=self.country.code if self.country else None,
            span=Span(start=where[0], end=where[1], text=text[where[0] : where[1]]),
        )


@dataclass(frozen=True)
class Context:
    """What the stage knows about the document beyond its text."""

    url: str | None = None
    title_end: int = 0  # the headline is text[:title_end] (JSONL/CSV inputs)


_CONNECTORS = {"of", "for", "and", "the", "on", "in", "-", "&"}
_HONORIFICS = {"mr", "mrs", "ms", "dr", "h.e.", "his", "her", "excellency", "majesty", "highness"}
_NAME_STOP = {
    "the", "a", "an", "on", "in", "at", "of", "and", "with", "during", "following", "after",
    "before", "this", "that", "these", "both", "his", "her", "their", "our", "mr", "president",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "today", "yesterday", "i", "we", "it", "he", "she", "they",
}
_AIDE_BEFORE = re.compile(
    r"\b(?:(?:foreign|security|diplomatic|policy|and|senior|chief|national|economic)\s+)*"
    r"(?:adviser|advisor|aide|assistant|spokesperson|spokesman|spokeswoman|press secretary|"
    r"wife|husband|spouse)\s+(?:to|of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[^\W\d_][\w'’.\-]*", re.UNICODE)
_INITIAL = re.compile(r"(?:[^\W\d_]\.\s?){1,3}(?=[^\W\d_])", re.UNICODE)


class _Scanner:
    """Finds title phrases, names, delegations on one processed Doc."""

    def __init__(self, doc: Doc, gazetteer: Gazetteer) -> None:
        self.doc = doc
        self.text = text_of(doc)
        self.gaz = gazetteer
        self.lex = lexicon()
        self.sent_of = sentence_index(doc)
        self.person_starts = {e.start_char: e for e in doc.ents if e.label_ == "PERSON"}
        # token tables read once: indexing spaCy's Doc builds a Token object per access
        self.n = len(doc)
        self.low, self.txt, self.idx = token_table(doc)
        starts = {key[0] for key in self.lex.titles} | self.lex.cue("modifier")
        self.may_title = [w in starts or (w.endswith("s") and w[:-1] in starts)
                          for w in self.low]

    def end_of(self, j: int) -> int:
        """Character offset just after token j."""
        return self.idx[j] + len(self.txt[j])

    def span_text(self, a: int, b: int) -> str:
        """The text of tokens a..b-1 (what `doc[a:b].text` gives, without building it)."""
        return self.text[self.idx[a] : self.end_of(b - 1)]

    # ------------------------------------------------------------------ look-ups on tokens
    def country_at(self, i: int, limit: int | None = None) -> tuple[Country, int] | None:
        """Longest country name (or alias) starting at token i: (country, end token)."""
        stop = min(self.n, i + 7 if limit is None else limit)
        start = i + 1 if self.low[i] == "the" else i
        if start >= stop or not self.txt[start][:1].isupper() or \
                not self.gaz.may_start_name(self.txt[start]):
            return None
        for j in range(stop, start, -1):
            if not self.txt[j - 1][:1].isalnum():
                continue
            name = self.span_text(start, j)
            if name in self.lex.organizations:
                return None
            found = self.gaz.country(name)
            if found:
                return found, j
        return None

    def org_at(self, i: int) -> tuple[str, int] | None:
        """Known organisation name starting at token i."""
        start = i + 1 if self.low[i] == "the" else i
        if start >= self.n or self.txt[start] not in self.lex.org_first_words:
            return None
        for j in range(min(self.n, start + 8), start, -1):
            name = self.span_text(start, j)
            if name in self.lex.organizations:
                return self.lex.organizations[name].name, j
        return None

    def title_at(self, i: int) -> tuple[TitleRow, int] | None:
        """Longest title head at token i (plural words allowed)."""
        if i >= self.n or not self.txt[i][:1].isalpha():
            return None
        best = None
        paths: list[tuple[str, ...]] = [()]
        for j in range(i, min(self.n, i + self.lex.max_title_len)):
            low = self.low[j]
            forms = {low, low[:-1]} if low.endswith("s") else {low}  # plural heads
            paths = [(*p, f) for p in paths for f in forms if (*p, f) in self.lex.prefixes]
            if not paths:
                break
            row = next((self.lex.titles[p] for p in paths if p in self.lex.titles), None)
            if row:
                best = (row, j + 1)
        return best

    def modifiers_end(self, i: int) -> int:
        mods = self.lex.cue("modifier")
        while i < self.n and self.low[i] in mods and self.txt[i][:1].isupper():
            i += 1
        return i

    # ------------------------------------------------------------------ names
    def name_at(self, char: int, limit: int | None = None) -> tuple[int, int] | None:
        """A person's name starting at character `char` (initials, particles, accents)."""
        text = self.text
        pos = char
        while pos < len(text) and text[pos] == " ":
            pos += 1
        honor = re.match(r"(?:Mr|Mrs|Ms|Dr|H\.E\.)\.?\s+", text[pos:])
        if honor:
            pos += honor.end()
        start = pos
        words = 0
        end = None
        particles = self.lex.cue("name_particle")
        while pos < len(text) and words < 6:
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
            if low in _NAME_STOP or self.lex.titles.get((low,)) or self._is_place_word(word) \
                    or low in self.lex.cue("org_head"):
                break
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
        if not any(c.islower() for c in name) or name in self.lex.organizations:
            return None
        return start, end

    def _is_place_word(self, word: str) -> bool:
        """Countries and demonyms end a name; cities do not (Anna, Ali, Vladimir are
        towns too)."""
        return bool(self.gaz.country(word) or self.gaz.demonym(word))

    def name_before(self, char: int) -> tuple[int, int] | None:
        """A name ending just before `char` (for "NAME, TITLE ...")."""
        for ent_start, ent in self.person_starts.items():
            gap = self.text[ent.end_char:char]
            if ent.end_char <= char and gap.strip() in {",", ""} and len(gap) <= 2:
                found = self.name_at(ent_start, limit=ent.end_char)
                if found:
                    return found
        return None

    # ------------------------------------------------------------------ title phrases
    def title_phrase(self, i: int) -> Mention | None:
        """A title phrase starting at token i, with what follows it (country, name)."""
        prefix_country, prefix_org, k = None, None, i
        got = self.country_at(i, limit=i + 4)
        if got and self.low[i] != "the":
            prefix_country, k = got
        elif self.gaz.demonym(self.txt[i]) and self.txt[i][:1].isupper():
            prefix_country, k = self.gaz.demonym(self.txt[i]), i + 1
        else:
            org = self.org_at(i)
            if org and self.low[i] != "the":
                prefix_org, k = org
        head_start = k
        if head_start >= self.n:
            return None
        found = None
        for k in range(head_start, self.modifiers_end(head_start) + 1):
            found = self.title_at(k)
            if found:
                break
        if not found:
            return None
        row, j = found
        if j < self.n and self.low[j] in {"'s", "’s"}:
            return None  # "the President's Office": a body, not a person's title
        lower = not self.txt[head_start][:1].isupper()
        if lower and not (self._lower_title_ok(j) or self._country_follows(j)):
            return None
        m = Mention(
            kind="official",
            start=self.idx[i],
            end=self.end_of(j - 1),
            sent=self.sent_of[i],
            category=row.category,
            country=prefix_country,
            organization=prefix_org,
        )
        if row.country:
            m.country = self.gaz.by_code(row.country)
        role_end = self._extend_role(m, head_start, j, row)
        m.role_span = (self.idx[head_start], role_end)
        m.role = self.text[m.role_span[0] : m.role_span[1]]
        if row.international and m.organization and m.organization in self.lex.organizations:
            m.country = None
        elif m.organization and self.lex.organizations.get(m.organization):
            m.category = "international_official" if row.category in {
                "head_of_state", "international_official", "official"} else m.category
            m.country = None
        m.category = _adjust_category(m.role, m.category)
        self._attached_to(m)
        self._attach_name(m)
        return m

    def _attached_to(self, m: Mention) -> None:
        """"adviser to the German Chancellor Jens Ploetner": the name is the adviser's,
        so the role grows to take the noun before "to/of the"."""
        assert m.role_span is not None
        before = self.text[max(0, m.start - 80) : m.start]
        found = _AIDE_BEFORE.search(before)
        if not found:
            return
        lead = re.match(r"and\s+", found.group(), re.IGNORECASE)  # "A and diplomatic adviser to"
        start = m.start - (len(before) - found.start()) + (lead.end() if lead else 0)
        m.start = start
        m.role_span = (start, m.role_span[1])
        m.role = self.text[start : m.role_span[1]]
        m.category = "official"
        m.organization = None

    def _country_follows(self, j: int) -> bool:
        """'the heads of state of Armenia, Belarus ...': a lower-case title is one
        when a country phrase follows it."""
        return j + 1 < self.n and self.low[j] == "of" and self.country_at(j + 1) is not None

    def _lower_title_ok(self, j: int) -> bool:
        """Lower-case heads ("foreign minister") count only when a name follows."""
        return j < self.n and self.name_at(self.idx[j]) is not None and bool(
            self.txt[j][:1].isupper())

    def _extend_role(self, m: Mention, head_start: int, j: int, row: TitleRow) -> int:
        """Consume "of/for/to ..." phrases and ", TITLE" chains; set country/org; role end."""
        role_end = self.end_of(j - 1)
        while j < self.n:
            low = self.low[j]
            posted = low == "in" and j + 1 < self.n and self.country_at(j + 1)
            if (low in {"of", "for", "to"} or posted) and j + 1 < self.n:
                # "in COUNTRY" after a title is a posting ("the NATO Mission in Ukraine"),
                # read like "to COUNTRY": not the country the person represents
                nxt = self._of_phrase(m, j, "to" if posted else low)
                if nxt is None:
                    break
                j, role_end = nxt
                continue
            if self.txt[j] == "," and j + 1 < self.n and re.search(
                    r" (?:of|for) ", self.text[self.idx[head_start] : role_end]):
                # "Deputy Chairman of the Cabinet, Minister of ...": a chain of titles
                # (never after a bare head: "the President, Minister X" are two people)
                k = self.modifiers_end(j + 1)
                chained = self.title_at(k)
                if chained and self.txt[j + 1][:1].isupper():
                    row2, j2 = chained
                    m.category = _better_category(m.category, row2.category)
                    j = j2
                    role_end = self.end_of(j - 1)
                    continue
            break
        m.end = max(m.end, role_end)
        split = m.extras.get("country_tail")
        if split and split[1] == role_end:
            role_end = split[0]
        return role_end

    def _of_phrase(self, m: Mention, j: int, prep: str) -> tuple[int, int] | None:
        """One "of X" / "for X" / "to X" phrase after a title; None when it is not one."""
        k = j + 1
        country = self.country_at(k)
        if country:
            c, end = country
            # a list of countries: "Deputy Ministers ... of Kazakhstan, Kyrgyzstan and Uzbekistan"
            listed = [c]
            while end + 1 < self.n and self.txt[end] in {",", "and"}:
                nxt = self.country_at(end + 1)
                if not nxt:
                    break
                listed.append(nxt[0])
                end = nxt[1]
            if len(listed) > 1:
                m.extras["countries"] = listed
            if prep != "to" and (m.country is None or m.extras.get("country_from_org")):
                m.country = c
            # a body named after the country: "of the United Arab Emirates Armed Forces"
            body = end
            while body < self.n and body < end + 3 and self.txt[body][:1].isupper():
                body += 1
                if self.low[body - 1] in self.lex.cue("org_head"):
                    m.organization = self.span_text(k + (self.low[k] == "the"), body)
                    end = body
                    break
            stop = self.end_of(end - 1)
            self._set_tail(m, self.end_of(j - 1), stop)
            return end, stop
        org = self.org_at(k)
        if org:
            name, end = org
            while end < self.n and self.low[end] in self.lex.cue("org_head") and \
                    self.txt[end][:1].isupper():  # "the NATO Mission", "the EU Delegation"
                end += 1
                name = self.span_text(k + (self.low[k] == "the"), end)
            m.organization = name
            stop = self.end_of(end - 1)
            self._set_tail(m, self.end_of(j - 1), stop)
            return end, stop
        # a capitalised body or domain: "of Foreign Affairs", "of the Ministry of ... of Japan"
        start = k + 1 if self.low[k] == "the" else k
        end = start
        while end < self.n and (self.txt[end][:1].isupper() or (
            self.low[end] in (_CONNECTORS - {"of", "for"}) | {"'s", "’s"}
            and end + 1 < self.n and self.txt[end + 1][:1].isupper())):
            if end > start and self.idx[end] in self.person_starts:
                break
            if end > start and self.country_at(end, limit=end + 4):
                break
            if end > start and self.low[end - 1] in self.lex.cue("org_head") and \
                    self._name_ends_phrase(end):
                break  # "the President's Office Ihor Boyko": the body ends at its head noun
            end += 1
            if _closes_body(self.txt[end - 1], self.span_text(start, end),
                            self.lex.cue("region")):
                break
        if end == start:
            return None
        if self.low[start] in self.lex.cue("org_head"):
            body_end = self._body_domain(end)
            # the body takes its own "of COUNTRY": "Ministry of Foreign Affairs of Japan"
            if body_end + 1 < self.n and self.low[body_end] == "of":
                c = self.country_at(body_end + 1)
                if c:
                    body_end = c[1]
                    if m.country is None:
                        m.country = c[0]
                        m.extras["country_from_org"] = True
            m.organization = self.span_text(start, body_end)
            end = body_end
        stop = self.end_of(end - 1)
        return end, stop

    @staticmethod
    def _set_tail(m: Mention, start: int, stop: int) -> None:
        """Remember the trailing country/organisation phrases that leave the role; a
        phrase right after the previous one extends it ("of Japan to Turkmenistan")."""
        tail = m.extras.get("country_tail")
        if tail and tail[1] == start:
            start = tail[0]
        m.extras["country_tail"] = (start, stop)

    def _name_ends_phrase(self, i: int) -> bool:
        """A person's name starts at token i and the capitalised run ends with it."""
        found = self.name_at(self.idx[i])
        if not found:
            return False
        after = self.text[found[1] : found[1] + 2].strip()
        return not after[:1].isupper()

    def _body_domain(self, end: int) -> int:
        """Extend a body over its own "of Foreign Affairs"-style domain (capitalised
        words that are neither a country nor a person's name)."""
        while end + 1 < self.n and self.low[end] == "of" and self.txt[end + 1][:1].isupper():
            k = end + 1
            while k < self.n and self.txt[k][:1].isupper() and self.idx[k] not in \
                    self.person_starts and not self.country_at(k, limit=k + 4):
                k += 1
            if k == end + 1:
                break
            end = k
        return end

    def _attach_name(self, m: Mention) -> None:
        """The name right after the title, or just before it ("NAME, TITLE")."""
        after = self.name_at(m.end)
        gap = self.text[m.end : after[0]] if after else ""
        if after and re.fullmatch(r"\s*(?:,\s*)?(?:(?:Mr|Mrs|Ms|Dr)\.?\s+)?", gap) and (
            "," not in gap or after[0] in self.person_starts):
            m.name_span = after
        else:
            before = self.name_before(m.start)
            if before:
                m.name_span = before
        if m.name_span:
            m.kind = "person"
            m.name = self.text[m.name_span[0] : m.name_span[1]]
            m.start = min(m.start, m.name_span[0])
            m.end = max(m.end, m.name_span[1])
            if m.role and re.search(r"s$", m.role.split(" of ")[0]):
                m.extras["listed"] = self._listed_names(m.name_span[1])
            if m.country is None and m.organization is None:
                m.country = self._country_after(m.name_span[1])

    def _country_after(self, end: int) -> Country | None:
        """'Prime Minister Fumio Kishida of Japan': the country written after the name."""
        if not re.match(r"\s+of\s", self.text[end : end + 5]):
            return None
        span = self.doc.char_span(end + 1, end + 3, alignment_mode="expand")
        if span is None or span[-1].i + 1 >= len(self.doc):
            return None
        found = self.country_at(span[-1].i + 1)
        return found[0] if found else None

    def _listed_names(self, end: int) -> list[tuple[int, int]]:
        """'senators Robert Portman, Chris Murphy and Amy Klobuchar': the names that
        follow the first one under a plural title."""
        found = []
        while True:
            sep = re.match(r",\s*(?:and\s+)?|\s+and\s+", self.text[end : end + 8])
            nxt = self.name_at(end + sep.end()) if sep else None
            if not nxt or not (end + sep.end() in self.person_starts or " " in
                               self.text[nxt[0] : nxt[1]]):
                return found
            found.append(nxt)
            end = nxt[1]

    # ------------------------------------------------------------------ delegations
    def delegations(self) -> list[Mention]:
        """'the Turkmen delegation', 'the delegation of Japan', 'the Japanese side',
        'consultations between the Ministries of Foreign Affairs of A and B'."""
        doc, found = self.doc, []
        nouns = self.lex.cue("delegation") | self.lex.cue("bodies")
        for i, tok in enumerate(doc):
            if tok.lower_ not in nouns:
                continue
            country = None
            if i > 0 and self.txt[i - 1][:1].isupper():
                country = self.gaz.demonym(self.txt[i - 1]) or self.gaz.country(self.txt[i - 1])
                start_tok = i - 1
            listed = [country] if country else []
            of = self._body_of(i) if country is None else None
            if of is not None:
                listed, tok_end = self.country_list(of)
                start_tok = i
            if not listed:
                continue
            end_tok = tok_end if start_tok == i else i + 1
            start, end = self.idx[start_tok], self.end_of(end_tok - 1)
            found.extend(
                Mention(kind="delegation", start=start, end=end, sent=self.sent_of[i],
                        role="delegation", role_span=(start, end), category="delegation",
                        country=c)
                for c in listed)
        return found

    def _body_of(self, i: int) -> int | None:
        """Token where the countries start in "delegation of X" or "the Ministries of
        Foreign Affairs of X and Y" (a plural body: one delegation per country)."""
        if i + 2 >= self.n or self.low[i + 1] != "of":
            return None
        if self.country_at(i + 2) or self.low[i] not in self.lex.cue("bodies"):
            return i + 2
        j = i + 2
        while j < self.n and (self.txt[j][:1].isupper() or self.low[j] in {"and", "the"}):
            j += 1
        return j + 1 if j + 1 < self.n and self.low[j] == "of" else None

    def country_list(self, i: int) -> tuple[list[Country], int]:
        """'Kazakhstan, Kyrgyzstan and Uzbekistan' from token i: countries, end token."""
        listed, end = [], i
        got = self.country_at(i)
        while got:
            listed.append(got[0])
            end = got[1]
            if end + 1 >= self.n or self.txt[end] not in {",", "and"}:
                break
            nxt = end + 2 if self.low[end + 1] == "and" else end + 1
            got = self.country_at(nxt) if nxt < self.n else None
        return listed, end

    # ------------------------------------------------------------------ whole document
    def mentions(self) -> list[Mention]:
        """Titled mentions first (a title phrase is skipped over once read), then
        people NER finds outside them, then delegations."""
        doc, found, i = self.doc, [], 0
        while i < self.n:
            if not any(self.may_title[i : i + 7]):  # no title word close enough: skip
                i += 1
                continue
            m = self.title_phrase(i)
            if m:
                found.append(m)
                end_tok = i
                while end_tok < self.n and self.idx[end_tok] < m.end:
                    end_tok += 1
                i = max(end_tok, i + 1)
                continue
            i += 1
        found = _split_lists(found, self.text)
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(m.start <= ent.start_char < m.end for m in found):
                continue
            span = self.name_at(ent.start_char, limit=ent.end_char) or self._ent_name(ent)
            if span:
                found.append(Mention(kind="person", start=span[0], end=span[1],
                                     sent=self.sent_of[ent.start], name=self.text[span[0]:span[1]],
                                     name_span=span))
        found.extend(self.delegations())
        found = _drop_lone_surnames(found, self.gaz)
        for m in found:
            if m.name_span:
                m.extras["subject_of"] = (self._subject_of(m.start)
                                          or self._subject_of(m.name_span[0]))
        found.sort(key=lambda m: (m.start, m.end))
        previous: Mention | None = None
        for m in found:
            line = self.text[self.text.rfind("\n", 0, m.start) + 1 : m.start].lower()
            m.extras["after_with"] = bool(re.search(r"\bwith\b", line))
            m.mentioned_only = self._mentioned_only(m) or bool(
                previous and previous.mentioned_only
                and re.fullmatch(r"\s*(?:,|and|,\s*and)\s*", self.text[previous.end:m.start]))
            previous = m
        return found

    def _subject_of(self, char: int) -> str | None:
        """The lemma of the verb whose subject the name at `char` is (through
        compounds, appositions and conjunctions): "X and Y discussed" -> discuss."""
        span = self.doc.char_span(char, char + 1, alignment_mode="expand")
        if span is None:
            return None
        tok = span[0]
        for _ in range(8):
            if tok.dep_ in {"nsubj", "nsubjpass"}:
                return tok.head.lemma_.lower()
            if tok.dep_ not in {"compound", "conj", "appos", "flat", "cc", "amod", "nmod",
                                "punct", "poss"} or tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    def _ent_name(self, ent: SpacySpan) -> tuple[int, int] | None:
        """A PERSON entity the name shape rejected, unless it names a place
        ("Brunei Darussalam") or a body."""
        words = [t for t in ent if t.text[:1].isupper() and t.lower_ not in _NAME_STOP]
        if not words or not any(c.islower() for c in ent.text):
            return None
        if any(self._is_place_word(t.text) for t in words) or ent.text in self.lex.organizations:
            return None
        return words[0].idx, ent.end_char

    def _mentioned_only(self, m: Mention) -> bool:
        """True after 'greetings from', 'on behalf of', 'initiative of' and the like."""
        before = self.text[max(0, m.start - 40) : m.start].lower()
        before = re.sub(r"\s+", " ", before).strip()
        before = re.sub(r"\b(?:the|of the)$", "", before).strip()
        return any(before.endswith(cue) for cue in self.lex.cue("not_participant"))


def _closes_body(last: str, phrase: str, regions: frozenset[str]) -> bool:
    """A body phrase ends at an acronym ("of ESCAP") or a region ("for Central Asia"):
    capitalised words after it are the person's name."""
    return (len(last) > 1 and last.isupper() and last.isalpha()) or phrase.lower() in regions


def _drop_lone_surnames(mentions: list[Mention], gaz: Gazetteer) -> list[Mention]:
    """A one-word untitled 'person' ("Kiev's policy", "Donbass") counts only as the
    short form of a fuller name in the release ("Putin" after "Vladimir Putin") or
    with an initial ("S.Lavrov"); alone it is too often a place or a noun."""
    full = [person_tokens(m.name) for m in mentions if m.name and len(person_tokens(m.name)) > 1]

    def keep(m: Mention) -> bool:
        if m.role or not m.name or len(person_tokens(m.name)) > 1:
            return True
        if re.match(r"(?:[^\W\d_]\.\s?)+", m.name):
            return True
        return any(person_tokens(m.name) & f for f in full) and not gaz.city(m.name)

    return [m for m in mentions if keep(m)]


def _singular(role: str) -> str:
    return re.sub(r"\b(minister|ambassador|representative|head|chairman|envoy|senator|"
                  r"adviser|member|deputy|governor|president)s\b", r"\1", role,
                  flags=re.IGNORECASE)


def _split_lists(mentions: list[Mention], text: str) -> list[Mention]:
    """An unnamed title over a list of countries is one official per country; a
    plural title over a list of names ("senators A, B and C") one person per name."""
    out = []
    for m in mentions:
        names = m.extras.get("listed")
        if names and m.role:
            m.role = _singular(m.role)
            out.append(m)
            out.extend(replace(m, start=a, end=b, name=text[a:b], name_span=(a, b), extras={})
                       for a, b in names)
            continue
        listed = m.extras.get("countries")
        if listed and m.name is None:
            singular = _singular(m.role or "")
            out.extend(replace(m, country=c, role=singular, extras={}) for c in listed)
        else:
            out.append(m)
    return out


_CATEGORY_RANK = [
    "head_of_state", "head_of_government", "foreign_minister", "deputy_foreign_minister",
    "envoy", "international_official", "ambassador", "minister", "deputy_minister",
    "parliamentarian", "official", "delegation",
]


def _better_category(a: str | None, b: str | None) -> str | None:
    """Of two titles held at once, the one that ranks higher in diplomacy."""
    if a is None or b is None:
        return a or b
    return min(a, b, key=_CATEGORY_RANK.index)


def _adjust_category(role: str | None, category: str | None) -> str | None:
    """Deputy/Vice/Acting forms of a title that the lexicon lists only plain."""
    if not role or not category:
        return category
    low = role.lower()
    deputy = re.match(r"(first )?(deputy|vice)\b", low)
    if deputy and category == "foreign_minister":
        return "deputy_foreign_minister"
    if deputy and category == "minister":
        return "deputy_minister"
    if deputy and category in {"head_of_state", "head_of_government"}:
        return "official"
    if category == "minister" and ("foreign affairs" in low or "foreign minister" in low):
        return "foreign_minister"
    return category


# --------------------------------------------------------------------------- people


def person_tokens(name: str) -> set[str]:
    """Lower-cased name tokens without initials: 'S. Aslov' and 'Aslov' share 'aslov'."""
    return {w for w in re.findall(r"[^\W\d_]{2,}", name.lower()) if w not in {"mr", "mrs", "ms"}}


def _person_key(name: str | None) -> str:
    """The last name token: one person's key across 'Vladimir Putin' and 'Putin'."""
    words = re.findall(r"[^\W\d_]{2,}", (name or "").lower())
    return words[-1] if words else ""


def resolve_people(mentions: list[Mention]) -> list[Mention]:
    """Give bare names the role and country of a titled mention of the same person,
    and a titled mention without a country the country of another of that person."""
    titled = [m for m in mentions if m.name and m.role]
    for m in mentions:
        if m.name and not m.role:
            same = [t for t in titled if person_tokens(t.name or "") & person_tokens(m.name)]
            if same:
                best = max(same, key=lambda t: len(person_tokens(t.name or "")))
                m.role, m.category, m.country = best.role, best.category, best.country
                m.organization = best.organization
        elif m.name and m.country is None:  # "President Macron" after "... France Emmanuel Macron"
            same = [t for t in titled if t.country and person_tokens(t.name or "")
                    & person_tokens(m.name)]
            if same:
                m.country = same[0].country
    return mentions


def _mark_titled_principal(mentions: list[Mention], office: PublisherRow,
                           gazetteer: Gazetteer) -> bool:
    """The office's principal written with its title ("President Volodymyr Zelenskyy",
    "President of Russia Vladimir Putin"): mark every mention of that person."""
    country = gazetteer.by_code(office.country)
    foreign = {_person_key(m.name) for m in mentions
               if m.name and m.country and m.country.code != office.country}
    titled = [m for m in mentions if m.name and m.role == office.role and not m.organization
              and _person_key(m.name) not in foreign
              and (m.country is None or m.country.code == office.country)]
    if not titled:
        return False
    keys = {_person_key(min(titled, key=lambda m: (m.country is None, m.start)).name)}
    for m in mentions:
        if m.name and _person_key(m.name) in keys:
            m.principal = True
            m.role, m.category = m.role or office.role, m.category or office.category
            m.country = m.country or country
    return True


def publisher(url: str | None) -> PublisherRow | None:
    """The issuing office of a release, from its URL host (data/publishers.yaml)."""
    if not url:
        return None
    host = (urlparse(url).hostname or "").lower()
    for row in lexicon().publishers:
        if host == row.host or host.endswith("." + row.host):
            return row
    return None


def find_mentions(doc: Doc, gazetteer: Gazetteer, context: Context | None = None) -> list[Mention]:
    """Every participant mention in the document, people resolved across mentions."""
    scanner = _Scanner(doc, gazetteer)
    mentions = resolve_people(scanner.mentions())
    office = publisher(context.url if context else None)
    _resolve_principal(mentions, office, gazetteer, context.title_end if context else 0)
    if office:
        _home_country(mentions, gazetteer.by_code(office.country))
    return mentions


def _home_country(mentions: list[Mention], home: Country | None) -> None:
    """In an office's own release an unqualified national title ("Foreign Minister
    Sergei Lavrov" on the Kremlin's site) is the office's own country's -- unless
    the sentence names another country's delegation or officials ("a delegation of
    the US Congress, which included senators ...")."""
    foreign = {m.sent for m in mentions if m.country and home and m.country != home}
    for m in mentions:
        if (m.name and m.role and m.country is None and m.organization is None
                and m.sent not in foreign
                and m.category not in {"international_official", "delegation",
                                       "parliamentarian"}):
            m.country = home


def _resolve_principal(mentions: list[Mention], office: PublisherRow | None,
                       gazetteer: Gazetteer, title_end: int = 0) -> None:
    """Name the issuing office's principal: the untitled person its lead is about.

    A presidency writes "Vladimir Putin had a telephone conversation with ...": the
    principal is the first named person with no title in the release's first two
    sentences (not the counterpart its headline names), and takes the office's
    title. Without a known office, an unnamed "the President of Russia" elsewhere in
    the release gives that title.
    """
    if office and _mark_titled_principal(mentions, office, gazetteer):
        return
    headline = {_person_key(m.name) for m in mentions if m.name and m.start < title_end
                and m.extras.get("after_with")}
    lead = min((m.sent for m in mentions if m.start >= title_end), default=0)
    in_lead = {_person_key(m.name) for m in mentions if m.name and m.sent in (lead, lead + 1)}
    if office and any(m.name and m.role and m.country and m.country.code == office.country
                      and m.sent in (lead, lead + 1) for m in mentions):
        return  # the lead is about another official of the office's country
    untitled = [m for m in mentions if m.kind == "person" and not m.role
                and _person_key(m.name) not in headline and _person_key(m.name) in in_lead]
    if not untitled:
        return
    top = _person_key(min(untitled, key=lambda m: m.start).name)
    if office:
        role, category = office.role, office.category
        country = gazetteer.by_code(office.country)
    else:
        unnamed = [m for m in mentions if m.kind == "official" and m.country and m.role
                   and m.category in {"head_of_state", "head_of_government"}]
        if not unnamed:
            return
        role, category, country = unnamed[0].role, unnamed[0].category, unnamed[0].country
    for m in untitled:
        if _person_key(m.name) == top:
            m.role, m.category, m.country, m.principal = role, category, country, True

