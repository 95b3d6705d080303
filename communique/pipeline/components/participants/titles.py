"""Title phrases: "TITLE of COUNTRY NAME", "COUNTRY/ORG TITLE NAME", "NAME, TITLE".

A title phrase is a head from `titles.jsonl` (after capitalised modifiers,
"Acting Federal Chancellor"), with what precedes it (a country, a demonym, an
organisation) and the "of/for/to ..." phrases and ", TITLE" chains that follow
it. The role is the head and its domain ("Minister of Foreign Affairs"); the
trailing country or organisation leaves the role and gives the country or the
organisation; the name is read after the phrase or before it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from communique.pipeline.components.participants import country
from communique.pipeline.components.participants.lexicon import Lexicon, alternation
from communique.pipeline.components.participants.mentions import Mention
from communique.pipeline.components.participants.names import attach_name, name_at
from communique.pipeline.components.participants.rows import TitleRow
from communique.pipeline.components.participants.tokens import Scan

AIDE_REACH = 80  # characters before a title searched for "adviser to the"
BODY_AFTER_COUNTRY = 3  # capitalised tokens after a country that may name its body


@cache
def _aide_before(modifiers: tuple[str, ...], nouns: tuple[str, ...],
                 links: tuple[str, ...]) -> re.Pattern[str]:
    """"diplomatic adviser to the" right before a title."""
    return re.compile(
        rf"\b(?:(?:{alternation(modifiers)})\s+)*(?:{alternation(nouns)})\s+"
        rf"(?:{alternation(links)})\s+(?:the\s+)?$", re.IGNORECASE)


@cache
def _plural_heads(heads: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"\b({alternation(heads)})s\b", re.IGNORECASE)


@cache
def _deputy(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"(first )?({alternation(words)})\b")


def title_phrase(scan: Scan, i: int) -> Mention | None:
    """A title phrase starting at token i, with what follows it (country, name)."""
    prefix_country, prefix_org, k = None, None, i
    before = country.country_before_title(scan, i)
    if before:
        prefix_country, k = before
    else:
        org = scan.org_at(i)
        if org and scan.low[i] != "the":
            prefix_org, k = org
    head_start = k
    if head_start >= scan.n:
        return None
    found = None
    for k in range(head_start, scan.modifiers_end(head_start) + 1):
        found = scan.title_at(k)
        if found:
            break
    if not found:
        return None
    row, j = found
    if j < scan.n and scan.low[j] in scan.lex.word_set("possessive"):
        return None  # "the President's Office": a body, not a person's title
    lower = not scan.txt[head_start][:1].isupper()
    if lower and not (_lower_title_ok(scan, j) or _country_follows(scan, j)):
        return None
    m = Mention(kind="official", start=scan.idx[i], end=scan.end_of(j - 1),
                sent=scan.sent_of[i], category=row.category, country=prefix_country,
                organization=prefix_org)
    country.country_implied_by_title(m, row, scan.gaz)
    role_end = _extend_role(scan, m, head_start, j)
    m.role_span = (scan.idx[head_start], role_end)
    m.role = scan.text[m.role_span[0] : m.role_span[1]]
    _organisation_category(m, row, scan.lex)
    country.organisation_has_none(m, scan.lex)
    m.category = adjust_category(m.role, m.category, scan.lex)
    _attached_to(scan, m)
    attach_name(scan, m)
    return m


def _organisation_category(m: Mention, row: TitleRow, lex: Lexicon) -> None:
    """A national title held in a known organisation ("NATO Secretary General",
    "President of the European Council") is an international official's, unless the
    title row itself says it is international."""
    if row.international or not (m.organization and m.organization in lex.organizations):
        return
    if row.category in lex.word_set("international_category"):
        m.category = "international_official"


def _attached_to(scan: Scan, m: Mention) -> None:
    """"adviser to the German Chancellor Jens Ploetner": the name is the adviser's,
    so the role grows to take the noun before "to/of the"."""
    assert m.role_span is not None
    lex = scan.lex
    before = scan.text[max(0, m.start - AIDE_REACH) : m.start]
    found = _aide_before(lex.word_list("aide_modifier"), lex.word_list("aide_noun"),
                         lex.word_list("aide_link")).search(before)
    if not found:
        return
    lead = re.match(r"and\s+", found.group(), re.IGNORECASE)  # "A and diplomatic adviser to"
    start = m.start - (len(before) - found.start()) + (lead.end() if lead else 0)
    m.start = start
    m.role_span = (start, m.role_span[1])
    m.role = scan.text[start : m.role_span[1]]
    m.category = "official"
    m.organization = None


def _country_follows(scan: Scan, j: int) -> bool:
    """'the heads of state of Armenia, Belarus ...', 'the ambassadors of the G7
    countries – A, B and C': a lower-case title is one when a country phrase or a
    group's list of countries follows it."""
    return j + 1 < scan.n and scan.low[j] == "of" and (
        scan.country_at(j + 1) is not None or country.countries_of_group(scan, j + 1)
        is not None)


def _lower_title_ok(scan: Scan, j: int) -> bool:
    """Lower-case heads ("foreign minister") count only when a name follows."""
    return j < scan.n and name_at(scan, scan.idx[j]) is not None and bool(
        scan.txt[j][:1].isupper())


def _extend_role(scan: Scan, m: Mention, head_start: int, j: int) -> int:
    """Consume "of/for/to ..." phrases and ", TITLE" chains; set country/org; role end."""
    role_end = scan.end_of(j - 1)
    while j < scan.n:
        low = scan.low[j]
        posted = country.is_posting(scan, j)
        if (low in {"of", "for", "to"} or posted) and j + 1 < scan.n:
            nxt = _of_phrase(scan, m, j, "to" if posted else low)
            if nxt is None:
                break
            j, role_end = nxt
            continue
        acronym = acronym_end(scan, j)
        if acronym:
            stop = scan.end_of(acronym - 1)
            if m.country_tail and m.country_tail[1] == role_end:
                m.country_tail = (m.country_tail[0], stop)  # "of the SCO (SCO)" leaves the role
            j, role_end = acronym, stop
            continue
        joined = _joined_title(scan, j) or _joined_before_its_phrase(
            scan, m, scan.text[scan.idx[head_start] : role_end], j)
        if joined:
            row2, j = joined
            m.category = better_category(m.category, row2.category, scan.lex)
            role_end = scan.end_of(j - 1)
            continue
        if scan.txt[j] == "," and j + 1 < scan.n and re.search(
                r" (?:of|for) ", scan.text[scan.idx[head_start] : role_end]):
            # "Deputy Chairman of the Cabinet, Minister of ...": a chain of titles
            # (never after a bare head: "the President, Minister X" are two people)
            chained = next((found for k in range(j + 1, scan.modifiers_end(j + 1) + 1)
                            if (found := scan.title_at(k))), None)
            if chained and scan.txt[j + 1][:1].isupper():
                row2, j = chained
                m.category = better_category(m.category, row2.category, scan.lex)
                role_end = scan.end_of(j - 1)
                continue
        break
    m.end = max(m.end, role_end)
    if m.country_tail and m.country_tail[1] == role_end:
        role_end = m.country_tail[0]
    return role_end


def acronym_end(scan: Scan, j: int) -> int | None:
    """"of the Shanghai Cooperation Organisation (SCO)": the acronym in brackets after
    a body belongs to the phrase before it (the token after the ")"), so the name
    after it is still the title's; None where no "(ACRONYM)" stands at token j."""
    if j + 2 >= scan.n or scan.txt[j] != "(" or scan.txt[j + 2] != ")":
        return None
    word = scan.txt[j + 1]
    return j + 3 if len(word) > 1 and word.isupper() and word.isalnum() else None


def _joined_title(scan: Scan, j: int) -> tuple[TitleRow, int] | None:
    """"Deputy Prime Minister and Foreign Minister NAME": two capitalised titles joined
    by "and" right before one name are one person's (the second title and its end
    token); "the President and Prime Minister NAME" after a named title never reach
    here (the name ends the first title)."""
    if scan.low[j] != "and" or j + 1 >= scan.n or not scan.txt[j + 1][:1].isupper():
        return None
    for k in range(j + 1, scan.modifiers_end(j + 1) + 1):
        found = scan.title_at(k)
        if found:
            end = found[1]
            named = end < scan.n and name_at(scan, scan.idx[end]) is not None
            return found if named else None
    return None


def _joined_before_its_phrase(scan: Scan, m: Mention, first: str, j: int
                              ) -> tuple[TitleRow, int] | None:
    """"Deputy Prime Minister and Minister of Foreign Affairs of Ireland NAME": a bare
    first title (`first`, no "of" phrase of its own, not a head of state or
    government: "the President and Prime Minister of X NAME" are two people) joined
    by "and" to a second title whose own phrase ends at a name is one person's."""
    if scan.low[j] != "and" or j + 1 >= scan.n or not scan.txt[j + 1][:1].isupper() \
            or re.search(r" (?:of|for|to) ", f" {first} ") \
            or m.category in scan.lex.word_set("head_category"):
        return None
    second = title_phrase(scan, j + 1)
    if not second or not second.name_span or not second.role_span \
            or second.name_span[0] < second.role_span[1]:
        return None
    for k in range(j + 1, scan.modifiers_end(j + 1) + 1):
        found = scan.title_at(k)
        if found:
            return found
    return None


def _of_phrase(scan: Scan, m: Mention, j: int, prep: str) -> tuple[int, int] | None:
    """One "of X" / "for X" / "to X" phrase after a title: (end token, end char);
    None when it is not one."""
    k = j + 1
    got = scan.country_at(k)
    if got:
        return _country_phrase(scan, m, j, prep, got)
    group = country.countries_of_group(scan, k) if prep == "of" else None
    if group:
        m.listed_countries, end = group
        stop = scan.end_of(end - 1)
        _set_tail(m, scan.end_of(j - 1), stop)
        return end, stop
    org = scan.org_at(k)
    if org:
        name, end = org
        while end < scan.n and scan.low[end] in scan.lex.cue("org_head") and \
                scan.txt[end][:1].isupper():  # "the NATO Mission", "the EU Delegation"
            end += 1
            name = scan.span_text(k + (scan.low[k] == "the"), end)
        if not country.is_posting_to_body(m, prep):
            m.organization = name
        stop = scan.end_of(end - 1)
        _set_tail(m, scan.end_of(j - 1), stop)
        return end, stop
    return _body_phrase(scan, m, k)


def _country_phrase(scan: Scan, m: Mention, j: int, prep: str, got) -> tuple[int, int]:
    """"of Japan", "of Kazakhstan, Kyrgyzstan and Uzbekistan", "of the United Arab
    Emirates Armed Forces" (a body named after the country)."""
    k = j + 1
    c, end = got
    listed = [c]
    while end + 1 < scan.n and scan.txt[end] in {",", "and"}:
        nxt = scan.country_at(end + 1)
        if not nxt:
            break
        listed.append(nxt[0])
        end = nxt[1]
    if len(listed) > 1:
        m.listed_countries = listed
    country.country_of_phrase(m, c, prep)
    body = end
    while body < scan.n and body < end + BODY_AFTER_COUNTRY and scan.txt[body][:1].isupper():
        body += 1
        if scan.low[body - 1] in scan.lex.cue("org_head"):
            m.organization = scan.span_text(k + (scan.low[k] == "the"), body)
            end = body
            break
    stop = scan.end_of(end - 1)
    if prep != "for":  # "Special Envoy for Syria": a portfolio stays in the role
        _set_tail(m, scan.end_of(j - 1), stop)
    return end, stop


def _body_phrase(scan: Scan, m: Mention, k: int) -> tuple[int, int] | None:
    """A capitalised body or domain: "of Foreign Affairs", "of the Ministry of ... of
    Japan" (the body and its country become the organisation)."""
    lex = scan.lex
    joiners = (lex.word_set("connector") - {"of", "for"}) | lex.word_set("possessive")
    start = k + 1 if scan.low[k] == "the" else k
    end = start
    while end < scan.n and (scan.txt[end][:1].isupper() or (
            scan.low[end] in joiners and end + 1 < scan.n and scan.txt[end + 1][:1].isupper())
            or coordinated_comma(scan, start, end)):
        if end > start and scan.idx[end] in scan.person_starts:
            if end - 2 > start and scan.txt[end - 1] == "-":
                end -= 2  # "Hans-Peter Lindner": the name took only "Peter Lindner"
            break
        if end > start and scan.country_at(end, limit=end + country.PREFIX_REACH):
            break
        if end > start and scan.low[end - 1] in lex.cue("org_head") | lex.cue("state_noun") \
                and _name_ends_phrase(scan, end):
            break  # "the President's Office Ihor Boyko": the body ends at its head noun
        end += 1
        if closes_body(scan.txt[end - 1], scan.span_text(start, end), lex.cue("region")) \
                or _portfolio_before_name(scan, start, end):
            break
    if end == start:
        return None
    if scan.low[start] in lex.cue("org_head"):
        body_end = _body_domain(scan, end)
        # the body takes its own "of COUNTRY": "Ministry of Foreign Affairs of Japan"
        if body_end + 1 < scan.n and scan.low[body_end] == "of":
            c = scan.country_at(body_end + 1)
            if c:
                body_end = c[1]
                country.country_of_body(m, c[0])
        m.organization = scan.span_text(start, body_end)
        end = body_end
    return end, scan.end_of(end - 1)


def coordinated_comma(scan: Scan, start: int, end: int) -> bool:
    """"for Foreign, Commonwealth and Development Affairs", "of Economy, Trade and
    Industry": a comma inside a body whose next word the parse joins (conj) to a
    word of the body read so far (tokens start..end-1); "of Trade, Ivan Orlov and
    ..." is not (the name hangs on the title, not on "Trade")."""
    if end <= start or scan.txt[end] != "," or end + 1 >= scan.n \
            or not scan.txt[end + 1][:1].isupper():
        return False
    nxt = scan.doc[end + 1]
    return nxt.dep_ == "conj" and start <= nxt.head.i < end


def _set_tail(m: Mention, start: int, stop: int) -> None:
    """Remember the trailing country/organisation phrases that leave the role; a
    phrase right after the previous one extends it ("of Japan to Turkmenistan")."""
    if m.country_tail and m.country_tail[1] == start:
        start = m.country_tail[0]
    m.country_tail = (start, stop)


def _name_ends_phrase(scan: Scan, i: int) -> bool:
    """A person's name starts at token i and the capitalised run ends with it."""
    found = name_at(scan, scan.idx[i])
    if not found:
        return False
    after = scan.text[found[1] : found[1] + 2].strip()
    return not after[:1].isupper()


def _body_domain(scan: Scan, end: int) -> int:
    """Extend a body over its own "of Foreign Affairs"-style domain (capitalised
    words that are neither a country nor a person's name)."""
    while end + 1 < scan.n and scan.low[end] == "of" and scan.txt[end + 1][:1].isupper():
        k = end + 1
        while k < scan.n and scan.txt[k][:1].isupper() and scan.idx[k] not in \
                scan.person_starts and not scan.country_at(k, limit=k + country.PREFIX_REACH):
            k += 1
        if k == end + 1:
            break
        end = k
    return end


def _portfolio_before_name(scan: Scan, start: int, end: int) -> bool:
    """"Vice-Minister for Defence Taro Sato": a one-word portfolio (cues.yaml) followed
    by two capitalised words ends the title; "of Energy Resources of X" does not."""
    if end != start + 1 or scan.low[start] not in scan.lex.cue("portfolio"):
        return False
    return end + 1 < scan.n and all(scan.txt[k][:1].isupper() for k in (end, end + 1)) \
        and scan.low[end] not in scan.lex.cue("org_head")


def closes_body(last: str, phrase: str, regions: frozenset[str]) -> bool:
    """A body phrase ends at an acronym ("of ESCAP") or a region ("for Central Asia"):
    capitalised words after it are the person's name."""
    return (len(last) > 1 and last.isupper() and last.isalpha()) or phrase.lower() in regions


def singular(role: str, lex: Lexicon) -> str:
    """"Deputy Ministers of Foreign Affairs" -> "Deputy Minister of Foreign Affairs"."""
    return _plural_heads(lex.word_list("plural_head")).sub(r"\1", role)


def split_lists(mentions: list[Mention], text: str, lex: Lexicon) -> list[Mention]:
    """An unnamed title over a list of countries is one official per country; a
    plural title over a list of names ("senators A, B and C") one person per name."""
    out = []
    for m in mentions:
        if m.listed_names and m.role:
            m.role = singular(m.role, lex)
            out.append(m)
            out.extend(_copy(m, start=a, end=b, name=text[a:b], name_span=(a, b))
                       for a, b in m.listed_names)
            continue
        countries = country.one_official_per_country(m)
        if countries:
            role = singular(m.role or "", lex)
            out.extend(_copy(m, country=c, role=role) for c in countries)
        else:
            out.append(m)
    return out


def _copy(m: Mention, **changes) -> Mention:
    """A copy of `m` for one item of a list, without the scanner's reading state."""
    return replace(m, listed_names=None, listed_countries=None, country_tail=None,
                   country_from_body=False, **changes)


def better_category(a: str | None, b: str | None, lex: Lexicon) -> str | None:
    """Of two titles held at once, the one that ranks higher in diplomacy."""
    if a is None or b is None:
        return a or b
    return min(a, b, key=lex.category_rank.index)


def adjust_category(role: str | None, category: str | None, lex: Lexicon) -> str | None:
    """Deputy/Vice/Acting forms of a title that the lexicon lists only plain."""
    if not role or not category:
        return category
    low = role.lower()
    deputy = _deputy(lex.word_list("deputy")).match(low)
    if deputy and category == "foreign_minister":
        return "deputy_foreign_minister"
    if deputy and category == "minister":
        return "deputy_minister"
    if deputy and category in {"head_of_state", "head_of_government"}:
        return "official"
    if category == "minister" and any(w in low for w in lex.word_list("foreign_affairs")):
        return "foreign_minister"
    return category
