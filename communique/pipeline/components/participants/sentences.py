"""Sentences the parser split inside a name.

The small English model ends a sentence after an initial ("... of Turkmenistan
Kh." | "Geldimyradov and Minister ... N. Nebati."), so a name and the cue that
makes its holder a participant ("co-chaired by") can fall in two sentences. A
participant's sentences are the whole run joined across such splits.
"""

from __future__ import annotations

import re

from communique.pipeline.components.doc_cache import sentences
from communique.pipeline.components.participants.mentions import Mention
from communique.pipeline.components.participants.tokens import Scan

INITIAL = re.compile(r"[A-Z][a-z]?\.")  # "N.", "Kh.": an initial, never a sentence's end


def joined_runs(scan: Scan) -> list[tuple[int, ...]]:
    """For every sentence, the run of sentences it belongs to: a sentence whose
    last token is an initial and whose next one starts with a capitalised word
    is joined to that next one."""
    sents = sentences(scan.doc)
    runs: list[list[int]] = []
    for n, sent in enumerate(sents):
        if runs and _split_at_initial(scan, sents[n - 1].end - 1, sent.start):
            runs[-1].append(n)
        else:
            runs.append([n])
    out: list[tuple[int, ...]] = [()] * len(sents)
    for run in runs:
        for n in run:
            out[n] = tuple(run)
    return out


def _split_at_initial(scan: Scan, last: int, first: int) -> bool:
    """The previous sentence ends on an initial ("Kh." as one token, or "Kh" and
    "."; `last`: its last token) right before the capitalised first word (token
    `first`) of the next: a name split in two."""
    if first >= scan.n or not scan.txt[first][:1].isupper():
        return False
    initial = scan.txt[last]
    if initial == "." and last > 0 and scan.end_of(last - 1) == scan.idx[last]:
        initial = scan.txt[last - 1] + "."
    return bool(INITIAL.fullmatch(initial)) and scan.idx[first] == scan.end_of(last) + 1


def mark_runs(scan: Scan, mentions: list[Mention]) -> None:
    """Give each mention the sentences of its run (`Mention.sents`)."""
    runs = joined_runs(scan)
    for m in mentions:
        m.sents = runs[m.sent] if m.sent < len(runs) else (m.sent,)
