"""Delegations: 'the Turkmen delegation', 'the delegation of Japan', 'the Japanese
side', 'consultations between the Ministries of Foreign Affairs of A and B' (a
plural body of several countries: one delegation per country)."""

from __future__ import annotations

from communique.pipeline.components.participants import country
from communique.pipeline.components.participants.mentions import Mention
from communique.pipeline.components.participants.tokens import Scan


def delegations(scan: Scan) -> list[Mention]:
    """One delegation mention per country written with a delegation noun or body."""
    found = []
    nouns = scan.lex.cue("delegation") | scan.lex.cue("bodies")
    for i, low in enumerate(scan.low):
        if low not in nouns:
            continue
        listed, start_tok, end_tok = country.country_of_delegation(scan, i)
        if not listed:
            continue
        start, end = scan.idx[start_tok], scan.end_of(end_tok - 1)
        found.extend(
            Mention(kind="delegation", start=start, end=end, sent=scan.sent_of[i],
                    role="delegation", role_span=(start, end), category="delegation",
                    country=c)
            for c in listed)
    return found
