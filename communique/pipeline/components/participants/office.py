"""The issuing office of a release and its principal.

A presidency's release names its principal without a title ("Vladimir Putin had a
telephone conversation with ..."); the guidelines give the principal the title of
the issuing office. The office is read from the release URL's host
(`data/publishers.yaml`, one real-world fact a row), through an archive or proxy
that serves the page (`data/mirrors.yaml`); a release read without a known URL
names its office by its house style (`data/office_styles.yaml`: a headline form,
a letterhead line).
"""

from __future__ import annotations

import re
from collections import Counter
from urllib.parse import urlparse

from communique.pipeline.components.participants import country
from communique.pipeline.components.participants.lexicon import Lexicon
from communique.pipeline.components.participants.mentions import Mention, person_key
from communique.pipeline.components.participants.rows import PublisherRow
from communique.pipeline.gazetteer import Gazetteer

LEAD_SENTENCES = 2  # the lead: the first sentences after the headline
LETTERHEAD_LINES = 4  # a letterhead is one of the release's first lines
LETTERHEAD_CHARS = 600  # ... within its first characters


def publisher(url: str | None, lex: Lexicon) -> PublisherRow | None:
    """The issuing office of a release, from its URL (data/publishers.yaml): the
    host or a registered domain it belongs to ("en.kremlin.ru" is kremlin.ru's),
    read through an archive or proxy that serves the page (data/mirrors.yaml)."""
    if not url:
        return None
    parsed = urlparse(original_url(url, lex))
    host, path = (parsed.hostname or "").lower(), parsed.path or "/"
    for row in lex.publishers:
        if (host == row.host or host.endswith("." + row.host)) and (
                row.path is None or re.match(row.path, path)):
            return row
    return None


def original_url(url: str, lex: Lexicon, hops: int = 3) -> str:
    """The URL of the page an archive or proxy serves ("web.archive.org/web/<ts>/
    https://en.kremlin.ru/..." -> "https://en.kremlin.ru/..."; "en-kremlin-ru.
    translate.goog/..." -> "https://en.kremlin.ru/..."); any other URL as given."""
    for _ in range(hops):
        parsed = urlparse(url if "//" in url else "//" + url)
        host = (parsed.hostname or "").lower()
        row = next((r for r in lex.mirrors if host == r.host or host.endswith("." + r.host)),
                   None)
        if row is None:
            return url
        if row.kind == "proxy":
            label = host.removesuffix("." + row.host).removesuffix(row.host)
            return "https://" + label.replace("--", "\0").replace("-", ".").replace(
                "\0", "-") + (parsed.path or "/")
        inner = _INNER_URL.search(url[url.find(host) + len(host):])
        if inner is None:
            return url
        url = inner.group(0)
    return url


_INNER_URL = re.compile(r"(?:https?:/{1,2})?(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:/\S*)?",
                        re.IGNORECASE)


def office_of_text(text: str, title_end: int, lex: Lexicon, gazetteer: Gazetteer
                   ) -> PublisherRow | None:
    """The issuing office named by the release's own house style when its URL names
    none (data/office_styles.yaml): a headline form ("PM call with President X of
    Y: 4 March 2024") or a letterhead line ("The White House")."""
    headline = text[:title_end].strip()
    headline = re.sub(r"^(?:title|headline)\s*:\s*", "", headline, flags=re.IGNORECASE)
    lines = [ln.strip() for ln in text[:LETTERHEAD_CHARS].splitlines() if ln.strip()]
    for row in lex.office_styles:
        if row.kind == "headline":
            found = re.match(row.pattern, headline) if headline else None
        else:
            found = next((f for ln in lines[:LETTERHEAD_LINES]
                          if (f := re.fullmatch(row.pattern, ln))), None)
        if found is None:
            continue
        code = row.country
        if "country" in found.groupdict():
            named = gazetteer.country(found.group("country").strip())
            code = named.code if named else None
        if code:
            return PublisherRow(host="(text)", role=row.role, category=row.category,
                                country=code)
    return None


def mark_unnamed_principal(mentions: list[Mention], office: PublisherRow,
                           gazetteer: Gazetteer) -> None:
    """"The Prime Minister spoke to President X" in the Prime Minister's own
    release: with no principal named, an unnamed official with the office's title
    and no country is the principal, of the office's country."""
    if any(m.principal for m in mentions):
        return
    home = gazetteer.by_code(office.country)
    for m in mentions:
        if m.kind == "official" and m.role and m.role.lower() == office.role.lower() \
                and m.country is None and not m.organization:
            m.country, m.principal = home, True
            m.category = m.category or office.category


def mark_titled_principal(mentions: list[Mention], office: PublisherRow,
                          gazetteer: Gazetteer) -> bool:
    """The office's principal written with its title ("President Volodymyr Zelenskyy",
    "President of Russia Vladimir Putin"): mark every mention of that person."""
    foreign = {person_key(m.name) for m in mentions
               if m.name and m.country and m.country.code != office.country}
    titled = [m for m in mentions if m.name and m.role == office.role and not m.organization
              and person_key(m.name) not in foreign
              and (m.country is None or m.country.code == office.country)]
    if not titled:
        return False
    keys = {person_key(min(titled, key=lambda m: (m.country is None, m.start)).name)}
    for m in mentions:
        if m.name and person_key(m.name) in keys:
            m.principal = True
            m.role, m.category = m.role or office.role, m.category or office.category
            m.country = country.principal_country(m.country, office, [], gazetteer)
    return True


def resolve_principal(mentions: list[Mention], office: PublisherRow | None,
                      gazetteer: Gazetteer, lex: Lexicon, title_end: int = 0) -> None:
    """Name the issuing office's principal: the untitled person its lead is about.

    A presidency writes "Vladimir Putin had a telephone conversation with ...": the
    principal is the first named person with no title in the release's first two
    sentences (not the counterpart its headline names), and takes the office's
    title. Without a known office, an unnamed "the President of Russia" elsewhere in
    the release gives that title.
    """
    if office and mark_titled_principal(mentions, office, gazetteer):
        return
    headline = {person_key(m.name) for m in mentions if m.name and m.start < title_end
                and m.after_with}
    lead = min((m.sent for m in mentions if m.start >= title_end), default=0)
    in_lead = range(lead, lead + LEAD_SENTENCES)
    lead_names = {person_key(m.name) for m in mentions if m.name and m.sent in in_lead}
    if office and any(m.name and m.role and m.country and m.country.code == office.country
                      and m.sent in in_lead for m in mentions):
        return  # the lead is about another official of the office's country
    untitled = [m for m in mentions if m.kind == "person" and not m.role
                and person_key(m.name) not in headline and person_key(m.name) in lead_names]
    if not untitled:
        return
    top = person_key(min(untitled, key=lambda m: m.start).name)
    heads = principal_heads(mentions, top, lex.word_set("head_category"))
    if office:
        role, category = office.role, office.category
    elif heads:
        role, category = heads[0].role, heads[0].category
    else:
        return
    home = country.principal_country(None, office, heads, gazetteer)
    for m in untitled:
        if person_key(m.name) == top:
            m.role, m.category, m.country, m.principal = role, category, home, True



def principal_heads(mentions: list[Mention], top: str, head_categories: frozenset[str]
                    ) -> list[Mention]:
    """The unnamed heads of state or government that may be the untitled principal
    (`top`: its person key) written by title ("The President of Russia proposed"):
    one official, not a list ("the heads of state of A and B"), and not of a
    country a named counterpart represents ("Emir of Qatar NAME" ... "the Emir of
    Qatar informed")."""
    counterparts = {m.country.code for m in mentions if m.name and m.country
                    and person_key(m.name) != top}
    spans = Counter((m.start, m.end) for m in mentions)  # a list split shares its span
    return [m for m in mentions if m.kind == "official" and m.country and m.role
            and m.category in head_categories and spans[(m.start, m.end)] == 1
            and m.country.code not in counterparts]
