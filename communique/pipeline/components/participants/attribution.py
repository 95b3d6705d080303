"""Who a release is attributed to: the spokesperson or office that speaks, not a
participant (guidelines, Participants: "The following is attributable to the
Spokesperson ...", "Readout by the Press Secretary ...").

A release names its speaker on the line that introduces the statement: a clause
ending in ":" with an attribution cue ("The following is attributable to
Spokesperson NAME:"), or a speaker's title and name followed by the colon that
opens their words ("Spokesperson NAME: The Minister met ..."). The cue "readout by"
before the title is a not_participant cue (cues.yaml), read by the scanner.
"""

from __future__ import annotations

import re

from communique.pipeline.components.participants.mentions import Mention
from communique.pipeline.components.participants.tokens import Scan


def attributed_to(scan: Scan, m: Mention) -> bool:
    """The mention is the speaker a statement on its line is attributed to."""
    return _introduces_statement(scan, m) or _speaker_label(scan, m)


def _introduces_statement(scan: Scan, m: Mention) -> bool:
    """"The following is attributable to Spokesperson NAME: ...": the clause from the
    line's start to the first ":" after the mention carries an attribution cue."""
    start = scan.text.rfind("\n", 0, m.start) + 1
    line_end = scan.text.find("\n", m.end)
    colon = scan.text.find(":", m.end, line_end if line_end >= 0 else len(scan.text))
    if colon < 0:
        return False
    clause = scan.text[start:colon].lower()
    return any(cue in clause for cue in scan.lex.cue("attribution"))


def _speaker_label(scan: Scan, m: Mention) -> bool:
    """"Spokesperson NAME: ...": a speaker's title (cues.yaml speaker_title) at the
    start of its line, its name, then the colon that opens the statement."""
    if not m.name_span or not m.role:
        return False
    start = scan.text.rfind("\n", 0, m.start) + 1
    if scan.text[start : m.start].strip():
        return False
    role = m.role.lower()
    titled = any(re.search(rf"\b{re.escape(t)}\b", role) for t in scan.lex.cue("speaker_title"))
    return titled and scan.text[m.name_span[1] : m.name_span[1] + 2].strip()[:1] == ":"
