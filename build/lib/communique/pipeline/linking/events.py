"""Events across releases: one event however many releases report it.

Two presidencies' readouts of one call, or a ministry's and an embassy's
notes of one meeting, are separate events of separate records. They are
one event when they share the type, the date (within a day: time zones and
late releases), at least two parties (persons or countries) and a
compatible place. Records keep their own events; the cluster only says
which releases report it. State is one small signature per event.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from communique.pipeline.linking.persons import ParticipantLink


@dataclass(frozen=True)
class EventSignature:
    """What of an event decides whether another release reports the same one."""

    doc_id: str
    event_index: int
    type: str
    start: dt.date | None
    end: dt.date | None
    persons: frozenset[str]
    countries: frozenset[str]
    city: str | None
    place_country: str | None
    publisher: str | None = None  # host of the release's url: one site reports one event once
    people: frozenset[tuple[str, str]] = frozenset()  # (country, person_id) of named participants

    @property
    def member(self) -> str:
        return f"{self.doc_id}#{self.event_index}"


def signatures(record: dict, links: list[ParticipantLink]) -> list[EventSignature]:
    """One signature per event of a record, with the persons and countries linking found."""
    by_event: dict[int, list[ParticipantLink]] = defaultdict(list)
    for link in links:
        by_event[link.event_index].append(link)
    found = []
    for e, event in enumerate(record.get("events") or []):
        date = event.get("date") or {}
        place = event.get("location") or {}
        written = {p.get("country_code") for p in event.get("participants") or []}
        linked = {x.country_code for x in by_event[e]}
        people = frozenset((x.country_code, x.person_id) for x in by_event[e]
                           if x.country_code and x.person_id)
        found.append(EventSignature(
            record["doc_id"], e, event["type"], _day(date.get("start")),
            _day(date.get("end") or date.get("start")),
            frozenset(x.person_id for x in by_event[e] if x.person_id),
            frozenset(c for c in written | linked if c),
            (place.get("city") or "").casefold() or None, place.get("country_code"),
            urlsplit(record.get("url") or "").hostname, people))
    return found


def _day(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def same_event(a: EventSignature, b: EventSignature, days: int = 1,
               overlap: float = 0.7) -> bool:
    """Same type, dates within `days` (same day from one site), the parties largely
    shared (two at least), no clash of place and no country represented by two
    different named people (Putin's two calls of one day are two events)."""
    if a.doc_id == b.doc_id or a.type != b.type or not (a.start and b.start):
        return False
    apart = abs((a.start - b.start).days)
    if apart > days or (apart and a.publisher and a.publisher == b.publisher):
        return False
    if _place_clash(a, b) or _people_clash(a, b):
        return False
    return _shared(a.persons, b.persons, overlap) or _shared(a.countries, b.countries, overlap)


def _shared(a: frozenset[str], b: frozenset[str], overlap: float) -> bool:
    both = a & b
    return len(both) >= 2 and len(both) >= overlap * len(a | b)


def _place_clash(a: EventSignature, b: EventSignature) -> bool:
    return bool((a.city and b.city and a.city != b.city)
                or (a.place_country and b.place_country and a.place_country != b.place_country))


def _people_clash(a: EventSignature, b: EventSignature) -> bool:
    """A country both events name people for, with no person in common."""
    for country in {c for c, _ in a.people} & {c for c, _ in b.people}:
        if not {p for c, p in a.people if c == country} & {p for c, p in b.people if c == country}:
            return True
    return False


@dataclass
class EventCluster:
    """One event as reported by one or more releases (a row of event_clusters.csv)."""

    event_cluster_id: str
    members: list[EventSignature] = field(default_factory=list)

    def row(self) -> dict:
        starts = [m.start for m in self.members if m.start]
        ends = [m.end for m in self.members if m.end]
        return {
            "event_cluster_id": self.event_cluster_id,
            "type": self.members[0].type,
            "date_start": min(starts).isoformat() if starts else None,
            "date_end": max(ends).isoformat() if ends else None,
            "n_events": len(self.members),
            "n_documents": len({m.doc_id for m in self.members}),
            "doc_ids": ";".join(sorted({m.doc_id for m in self.members})),
            "members": ";".join(sorted(m.member for m in self.members)),
            "person_ids": ";".join(sorted(set().union(*(m.persons for m in self.members)))),
            "country_codes": ";".join(sorted(set().union(*(m.countries for m in self.members)))),
            "city": next((m.city for m in self.members if m.city), None),
        }


class EventClusters:
    """Union of same events, blocked by (type, day) so each event meets few others."""

    def __init__(self, days: int = 1, overlap: float = 0.7) -> None:
        self.days = days
        self.overlap = overlap
        self.events: list[EventSignature] = []
        self.parent: list[int] = []
        self.docs: list[set[str]] = []
        self.by_day: dict[tuple[str, dt.date], list[int]] = defaultdict(list)

    def add(self, sig: EventSignature) -> None:
        at = len(self.events)
        self.events.append(sig)
        self.parent.append(at)
        self.docs.append({sig.doc_id})
        if sig.start is None:
            return
        for shift in range(-self.days, self.days + 1):
            for other in self.by_day.get((sig.type, sig.start + dt.timedelta(shift)), []):
                if same_event(sig, self.events[other], self.days, self.overlap):
                    self._union(other, at)
        self.by_day[(sig.type, sig.start)].append(at)

    def _root(self, i: int) -> int:
        while self.parent[i] != i:
            i = self.parent[i]
        return i

    def _union(self, a: int, b: int) -> None:
        """Join two clusters unless that puts two events of one release together."""
        ra, rb = self._root(a), self._root(b)
        if ra == rb or self.docs[ra] & self.docs[rb]:
            return
        self.parent[rb] = ra
        self.docs[ra] |= self.docs[rb]
        self.docs[rb] = set()

    def finish(self) -> list[EventCluster]:
        """Clusters with stable ids (hash of their first member)."""
        groups: dict[int, list[EventSignature]] = defaultdict(list)
        for i, sig in enumerate(self.events):
            groups[self._root(i)].append(sig)
        clusters = []
        for members in groups.values():
            first = min(m.member for m in members)
            cid = "E" + hashlib.sha1(first.encode("utf-8")).hexdigest()[:10]
            clusters.append(EventCluster(cid, sorted(members, key=lambda m: m.member)))
        return sorted(clusters, key=lambda c: c.event_cluster_id)
