"""The topic rule data, loaded once per process when the component is built.

`TopicWords` holds every word list the rules read (stoplist kinds and the word
kinds of `topic_words.jsonl`) as typed fields; `cue_rows` and `cue_patterns`
give the cue rows and their Matcher patterns. The component calls these in its
`__init__`, so a bad row stops start-up with its file and line; the rule
modules then read the same cached tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from communique.pipeline.components.topics.rows import (
    CUES_FILE,
    DATA_DIR,
    STOPLIST_FILE,
    WORDS_FILE,
    CueRow,
    StopRow,
    WordRow,
)
from communique.pipeline.rules import load_numbered, load_rows


@dataclass(frozen=True)
class TopicWords:
    """Every word list of the topic rules, by what it is for (see topic_words.jsonl)."""

    # stoplist (topic_stoplist.jsonl)
    generic: frozenset[str]
    frame: frozenset[str]
    relation: frozenset[str]
    courtesy: frozenset[str]
    contact: frozenset[str]
    qualifiers: tuple[tuple[str, ...], ...]  # word sequences, longest first
    light_verbs: frozenset[str]
    # grammar words (topic_words.jsonl)
    ordinals: dict[str, int]
    session_nouns: frozenset[str]
    not_numbered: frozenset[str]
    joint_subjects: frozenset[str]
    event_nouns: frozenset[str]
    specifiers: frozenset[str]
    specifier_preps: frozenset[str]
    relating: frozenset[str]
    link_preps: frozenset[str]
    field_preps: frozenset[str]
    list_stops: frozenset[str]
    informed_persons: frozenset[str]
    subordinators: frozenset[str]
    not_members: frozenset[str]
    state_verbs: frozenset[str]
    wishes: frozenset[str]


def _by_kind(rows: list[StopRow] | list[WordRow]) -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for row in rows:
        kinds.setdefault(row.kind, set()).add(row.word.lower())
    return {kind: frozenset(words) for kind, words in kinds.items()}


@cache
def topic_words() -> TopicWords:
    """The word lists, loaded and validated once per process."""
    stop = _by_kind(load_rows(STOPLIST_FILE, StopRow, DATA_DIR))
    rows = load_rows(WORDS_FILE, WordRow, DATA_DIR)
    words = _by_kind(rows)
    qualifiers = stop.get("qualifier", frozenset())

    def kind(name: str, table: dict[str, frozenset[str]] = words) -> frozenset[str]:
        return table.get(name, frozenset())

    return TopicWords(
        generic=kind("generic", stop), frame=kind("frame", stop),
        relation=kind("relation", stop), courtesy=kind("courtesy", stop),
        contact=kind("contact", stop), light_verbs=kind("light_verb", stop),
        qualifiers=tuple(sorted((tuple(w.split()) for w in qualifiers), key=len, reverse=True)),
        ordinals={row.word.lower(): row.value for row in rows if row.value is not None},
        session_nouns=kind("session_noun"), not_numbered=kind("not_numbered"),
        joint_subjects=kind("joint_subject"), event_nouns=kind("event_noun"),
        specifiers=kind("specifier"), specifier_preps=kind("specifier_prep"),
        relating=kind("relating"), link_preps=kind("link_prep"), field_preps=kind("field_prep"),
        list_stops=kind("list_stop"), informed_persons=kind("informed_person"),
        subordinators=kind("subordinator"), not_members=kind("not_member"),
        state_verbs=kind("state_verb"), wishes=kind("wish"),
    )


@cache
def cue_rows() -> tuple[tuple[int, CueRow], ...]:
    """(line, row) of every cue, in file order (a match's key is the row's index)."""
    return tuple(load_numbered(CUES_FILE, CueRow, DATA_DIR))


def cue_patterns(rows: tuple[tuple[int, CueRow], ...]) -> list[tuple[int, str, list[list[dict]]]]:
    """One lemma + part-of-speech pattern per cue row (key: the row's index), for
    `rules.build_matcher`: a verb cue also matches where the model tags it AUX, an
    adjective cue where it tags it VERB (a participle such as "devoted")."""
    patterns = []
    for index, (line, row) in enumerate(rows):
        pos = {"VERB": ["VERB", "AUX"], "ADJ": ["ADJ", "VERB"]}.get(row.pos, [row.pos])
        patterns.append((line, str(index), [[{"LEMMA": row.lemma, "POS": {"IN": pos}}]]))
    return patterns
