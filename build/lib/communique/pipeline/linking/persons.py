"""Persons: the named participants of a run clustered into people.

Two streaming passes over the records. The first reduces every named
participant to a *form* (name key + country as written) and keeps, per form,
counts, written names, roles and dates, plus the evidence between forms that
one document gives (written together as one person, or as two namesakes).
Memory grows with distinct forms, i.e. with people and their spellings, not
with documents. `Persons.finish()` then clusters forms: full names first,
initials and bare surnames attached only where exactly one person fits.
The second pass (`Persons.assign`) maps each participant to its person.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from communique.pipeline.linking import rules
from communique.pipeline.linking.names import NameKey, compatible, given_compatible, name_key
from communique.pipeline.linking.officeholders import OfficeholderRow, Officeholders

Form = tuple[NameKey, str | None]


@dataclass(frozen=True)
class Mention:
    """One named participant of one event of one record."""

    doc_id: str
    event_index: int
    index: int
    name: str
    key: NameKey
    country_code: str | None
    role: str | None
    category: str | None
    day: dt.date | None

    @property
    def form(self) -> Form:
        return (self.key, self.country_code)


@dataclass
class RoleSeen:
    """A role of a person with the first and last date it was seen."""

    role: str | None
    category: str | None
    first: dt.date | None = None
    last: dt.date | None = None
    count: int = 0

    def see(self, day: dt.date | None) -> None:
        self.count += 1
        if day is not None:
            self.first = min(self.first or day, day)
            self.last = max(self.last or day, day)


@dataclass
class FormStats:
    """What the corpus says about one form."""

    mentions: int = 0
    documents: int = 0
    names: Counter[str] = field(default_factory=Counter)
    roles: dict[tuple[str | None, str | None], RoleSeen] = field(default_factory=dict)

    def see(self, mention: Mention) -> None:
        self.mentions += 1
        self.names[mention.name] += 1
        role_key = ((mention.role or "").casefold() or None, mention.category)
        seen = self.roles.setdefault(role_key, RoleSeen(mention.role, mention.category))
        seen.see(mention.day)


@dataclass
class Person:
    """One person of the run, as written out to persons.csv."""

    person_id: str
    canonical_name: str
    key: NameKey
    variants: list[str]
    country_code: str | None
    country_count: int
    country_total: int
    roles: list[RoleSeen]
    mentions: int
    documents: int

    @property
    def country(self) -> str | None:
        return rules.country_names().get(self.country_code) if self.country_code else None

    def country_is_clear(self, share: float, minimum: int) -> bool:
        """Enough agreeing evidence to give the country to a mention that has none."""
        return (self.country_code is not None and self.country_count >= minimum
                and self.country_count >= share * self.country_total)


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def mentions_of(record: dict) -> list[Mention]:
    """The named participants of a record (a records.jsonl line as a dict)."""
    found = []
    published = record.get("published")
    for e, event in enumerate(record.get("events") or []):
        day = _day((event.get("date") or {}).get("start") or published)
        for i, p in enumerate(event.get("participants") or []):
            key = name_key(p["name"], p.get("country_code")) if p.get("name") else None
            if key is not None:
                found.append(Mention(record["doc_id"], e, i, p["name"], key,
                                     p.get("country_code"), p.get("role"),
                                     p.get("role_category"), day))
    return found


def _fullness(m: Mention) -> tuple[int, int, str]:
    return (-m.key.full_given, -len(m.key.given), m.name)


def group_document(mentions: list[Mention]) -> tuple[list[list[Mention]], list[Mention]]:
    """One document's mentions as its persons (fullest name first) plus the
    mentions that fit more than one of them (left unlinked: 'Aliyev' beside
    'Ilham Aliyev' and 'Heydar Aliyev')."""
    groups: list[list[Mention]] = []
    ambiguous: list[Mention] = []
    for m in sorted(mentions, key=_fullness):
        fits = [g for g in groups if compatible(m.key, g[0].key)
                and _countries_agree(m.country_code, {x.country_code for x in g})]
        if len(fits) == 1:
            fits[0].append(m)
        elif fits:
            ambiguous.append(m)
        else:
            groups.append([m])
    return groups, ambiguous


def _countries_agree(code: str | None, codes: set[str | None]) -> bool:
    known = codes - {None}
    return code is None or not known or code in known


class _Clusters:
    """Union-find over forms that refuses unions across a cannot-link."""

    def __init__(self, cannot: set[frozenset[Form]]) -> None:
        self.parent: dict[Form, Form] = {}
        self.members: dict[Form, list[Form]] = {}
        self.cannot = cannot

    def add(self, form: Form) -> None:
        if form not in self.parent:
            self.parent[form] = form
            self.members[form] = [form]

    def root(self, form: Form) -> Form:
        while self.parent[form] != form:
            form = self.parent[form]
        return form

    def blocked(self, a: Form, b: Form) -> bool:
        return any(frozenset((x, y)) in self.cannot
                   for x in self.members[self.root(a)] for y in self.members[self.root(b)])

    def union(self, a: Form, b: Form) -> bool:
        ra, rb = self.root(a), self.root(b)
        if ra == rb:
            return True
        if self.blocked(ra, rb):
            return False
        self.parent[rb] = ra
        self.members[ra] += self.members.pop(rb)
        return True


@dataclass
class LinkSettings:
    """Thresholds of the corpus stage (numbers, not word lists)."""

    country_share: float = 0.8  # share of a person's mentions that must agree on its country
    country_minimum: int = 2  # and at least this many of them
    event_days: int = 1  # events this many days apart may be one event (other sites only)
    event_overlap: float = 0.7  # shared parties / all parties of two reports of one event


class Persons:
    """Accumulates forms over a stream of records, then clusters them into persons."""

    def __init__(self, officeholders: Officeholders, settings: LinkSettings | None = None):
        self.officeholders = officeholders
        self.settings = settings or LinkSettings()
        self.forms: dict[Form, FormStats] = defaultdict(FormStats)
        self.together: Counter[tuple[Form, Form]] = Counter()
        self.cannot: set[frozenset[Form]] = set()
        self.person_of: dict[Form, Person] = {}
        self.persons: list[Person] = []

    # ------------------------------------------------------------------ pass 1
    def add(self, record: dict) -> None:
        """Take one record's named participants into the form statistics."""
        groups, ambiguous = group_document(mentions_of(record))
        for m in (m for g in groups for m in g):
            self.forms[m.form].see(m)
        for m in ambiguous:
            self.forms[m.form].see(m)
        for group in groups:
            self._evidence(group)
        for i, a in enumerate(groups):
            for b in groups[i + 1:]:
                if a[0].key.surname == b[0].key.surname:
                    self.cannot.update(frozenset((x.form, y.form)) for x in a for y in b)

    def _evidence(self, group: list[Mention]) -> None:
        """Forms written as one person in one document: counted, never trusted blindly."""
        forms = list(dict.fromkeys(m.form for m in group))
        for form in forms:
            self.forms[form].documents += 1
        head = forms[0]
        for other in forms[1:]:
            self.together[(other, head)] += 1

    # ------------------------------------------------------------------ clustering
    def finish(self) -> list[Person]:
        """Cluster the forms into persons (deterministic: independent of record order)."""
        clusters = _Clusters(self.cannot)
        by_surname: dict[str, list[Form]] = defaultdict(list)
        for form in sorted(self.forms, key=self._order):
            clusters.add(form)
            by_surname[form[0].surname].append(form)
        for forms in by_surname.values():
            self._cluster_bucket(clusters, forms)
        roots: dict[Form, list[Form]] = defaultdict(list)
        for form in self.forms:
            roots[clusters.root(form)].append(form)
        self.persons = self._persons(list(roots.values()))
        return self.persons

    def _order(self, form: Form) -> tuple:
        key, country = form
        return (key.surname, -key.full_given, -len(key.given), -self.forms[form].mentions,
                key, country or "")

    def _cluster_bucket(self, clusters: _Clusters, forms: list[Form]) -> None:
        """Full names join the one person they fit; partial names join only a single fit."""
        heads: list[Form] = []
        for form in forms:
            fits = [h for h in heads if self._fits(clusters, form, h)]
            choice = self._choose(form, fits)
            if choice is None or not clusters.union(choice, form):
                heads.append(form)

    def _fits(self, clusters: _Clusters, form: Form, head: Form) -> bool:
        members = clusters.members[clusters.root(head)]
        if not any(given_compatible(form[0].given, m[0].given) for m in members):
            return False
        if any(m[0] == form[0] and form[0].full_given for m in members):
            return not clusters.blocked(form, head)
        countries = self._countries(members)
        top = countries.most_common(1)[0][0] if countries else None
        return (form[1] is None or top is None or form[1] == top) and \
            not clusters.blocked(form, head)

    def _choose(self, form: Form, fits: list[Form]) -> Form | None:
        """The single person a form fits; where several do, the one the documents
        themselves wrote it together with; else none."""
        if len(fits) <= 1:
            return fits[0] if fits else None
        votes = Counter({h: self.together[(form, h)] for h in fits})
        (best, n), *rest = votes.most_common()
        return best if n and (not rest or rest[0][1] < n) else None

    def _countries(self, forms: list[Form]) -> Counter[str]:
        counts: Counter[str] = Counter()
        for key, country in forms:
            if country:
                counts[country] += self.forms[(key, country)].mentions
        return counts

    def _persons(self, groups: list[list[Form]]) -> list[Person]:
        persons = [self._person(forms) for forms in groups]
        seen: Counter[str] = Counter()
        for person in sorted(persons, key=lambda p: (p.key, -p.mentions, p.country_code or "")):
            base = person.person_id
            seen[base] += 1
            if seen[base] > 1:
                person.person_id = _pid(f"{person.key.text()}|{person.country_code}|{seen[base]}")
        for forms, person in zip(groups, persons, strict=True):
            for form in forms:
                self.person_of[form] = person
        return sorted(persons, key=lambda p: p.person_id)

    def _person(self, forms: list[Form]) -> Person:
        stats = [self.forms[f] for f in forms]
        names = sum((s.names for s in stats), Counter())
        fullest = max(forms, key=lambda f: (f[0].full_given, len(f[0].given),
                                            self.forms[f].mentions))
        canonical = max(self.forms[fullest].names.items(), key=lambda kv: (kv[1], len(kv[0])))
        countries = self._countries(forms)
        top = countries.most_common(1)[0] if countries else (None, 0)
        return Person(
            person_id=_pid(fullest[0].text()),
            canonical_name=canonical[0],
            key=fullest[0],
            variants=[n for n, _ in sorted(names.items(), key=lambda kv: (-kv[1], kv[0]))],
            country_code=top[0],
            country_count=top[1],
            country_total=sum(countries.values()),
            roles=_merge_roles(stats),
            mentions=sum(s.mentions for s in stats),
            documents=sum(s.documents for s in stats),
        )

    # ------------------------------------------------------------------ pass 2
    def assign(self, record: dict) -> list[ParticipantLink]:
        """Person, country and where the country came from, per participant of a record."""
        groups, ambiguous = group_document(mentions_of(record))
        links = [self._link(m, self.person_of.get(m.form)) for g in groups for m in g]
        links += [self._link(m, None) for m in ambiguous]
        links += self._unnamed(record)
        return sorted(links, key=lambda x: (x.event_index, x.participant_index))

    def _link(self, m: Mention, person: Person | None) -> ParticipantLink:
        link = ParticipantLink(m.doc_id, m.event_index, m.index,
                               person.person_id if person else None)
        if m.country_code:
            link.country_code, link.country_source = m.country_code, "text"
            return link
        held = self._office(m)
        if held is not None and held.country_code:
            link.set_office(held)
        elif person and person.country_is_clear(self.settings.country_share,
                                                self.settings.country_minimum):
            link.country_code, link.country_source = person.country_code, "corpus"
        return link

    def _office(self, m: Mention) -> OfficeholderRow | None:
        return self.officeholders.resolve(m.key, m.category, m.day) if m.day else None

    def _unnamed(self, record: dict) -> list[ParticipantLink]:
        """Unnamed heads and foreign ministers of a named country, resolved by date:
        'the Foreign Minister of Russia' is a person the analyst asks about."""
        links = []
        published = record.get("published")
        for e, event in enumerate(record.get("events") or []):
            day = _day((event.get("date") or {}).get("start") or published)
            for i, p in enumerate(event.get("participants") or []):
                if p.get("name") or not (p.get("country_code") and p.get("role_category")):
                    continue
                held = self.officeholders.holder(p["country_code"], p["role_category"], day) \
                    if day else None
                person = self._person_of_holder(held) if held else None
                if person is not None:
                    links.append(ParticipantLink(record["doc_id"], e, i, person.person_id,
                                                 p["country_code"], "text", held.title,
                                                 "officeholders"))
        return links

    def _person_of_holder(self, held: OfficeholderRow) -> Person | None:
        """The corpus person who is this officeholder (same name, same country)."""
        keys = [name_key(n, held.country_code) for n in held.names()]
        fits = {p.person_id: p for p in self.persons for k in keys if k is not None
                and compatible(k, p.key) and p.country_code == held.country_code}
        return next(iter(fits.values())) if len(fits) == 1 else None


@dataclass
class ParticipantLink:
    """What linking adds to one participant: links.json and the participants table."""

    doc_id: str
    event_index: int
    participant_index: int
    person_id: str | None
    country_code: str | None = None
    country_source: str | None = None  # text | officeholders | corpus
    office: str | None = None
    person_source: str | None = None  # None (name as written) | officeholders

    @property
    def country(self) -> str | None:
        return rules.country_names().get(self.country_code) if self.country_code else None

    def set_office(self, held: OfficeholderRow) -> None:
        self.country_code, self.country_source, self.office = \
            held.country_code, "officeholders", held.title

    def to_dict(self) -> dict:
        return {"doc_id": self.doc_id, "event_index": self.event_index,
                "participant_index": self.participant_index, "person_id": self.person_id,
                "country": self.country, "country_code": self.country_code,
                "country_source": self.country_source, "office": self.office,
                "person_source": self.person_source}


def _merge_roles(stats: Iterable[FormStats]) -> list[RoleSeen]:
    merged: dict[tuple[str | None, str | None], RoleSeen] = {}
    for s in stats:
        for key, seen in s.roles.items():
            into = merged.setdefault(key, RoleSeen(seen.role, seen.category))
            into.count += seen.count
            days = [d for d in (into.first, into.last, seen.first, seen.last) if d]
            into.first, into.last = (min(days), max(days)) if days else (None, None)
    return sorted(merged.values(), key=lambda r: (r.first or dt.date.max, -r.count))


def _pid(text: str) -> str:
    """Stable id: the same canonical key gives the same id in every run."""
    return "P" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:10]
