"""Events: given this text, these events (type, mode) and these triggers.

`<e>` marks an event the release reports (its trigger phrase), main event first;
`<t>` marks every trigger phrase and what the qualifier component says of it.
Sentences are our own.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from communique.pipeline.components import build
from communique.pipeline.components.events.factory import EVENTS, TRIGGERS
from communique.pipeline.components.events.lexicon import DATA_DIR, TRIGGERS_FILE
from communique.pipeline.components.findings import findings
from communique.pipeline.rules import RuleDataError
from tests.markup import Marked, assert_found, parse
from tests.rule_data import with_row
from tests.spacy_docs import parse as spacy_doc


def run(text: str) -> Doc:
    """`text` through the statistical pipes, the qualifiers and the events."""
    nlp = build()
    doc = spacy_doc(text)
    for name in ("communique_qualifiers", "communique_events"):
        doc = nlp.get_pipe(name)(doc)
    return doc


def _marked(tag: str, start: int, end: int, text: str, **attrs: str | None) -> Marked:
    return Marked(tag, start, end, text[start:end], {k: v for k, v in attrs.items() if v})


def events_in(marked: str) -> list[Marked]:
    text, _ = parse(marked)
    return [_marked("e", c.trigger.start, c.trigger.end, text, type=c.type, mode=c.mode)
            for c in findings(run(text), EVENTS)]


def triggers_in(marked: str) -> list[Marked]:
    text, _ = parse(marked)
    return [_marked("t", t.start, t.end, text, type=t.type, excluded=t.excluded)
            for t in findings(run(text), TRIGGERS)]


@pytest.mark.parametrize("marked", [
    "The Minister had a <e type=phone_call mode=phone>telephone conversation</e> with his "
    "Kyrgyz counterpart.",
    "The Secretary of State <e type=phone_call mode=phone>spoke by phone</e> with the Foreign "
    "Minister of Chile.",
    "The President <e type=meeting mode=in_person>met with</e> the Prime Minister of Greece in "
    "Athens.",
    "Political <e type=consultations mode=in_person>consultations</e> between the two "
    "ministries were held in Baku.",
    "The Minister <e type=visit mode=in_person>paid an official visit</e> to Mongolia.",
    "The delegation took part in the Astana International <e type=forum mode=in_person>Forum</e>.",
    "The ministers held <e type=meeting mode=online>talks</e> via videoconference.",
    "The Ambassador presented his <e type=other mode=in_person>credentials</e> to the President.",
    "The Embassy hosted a <e type=forum mode=in_person>panel discussion</e> on water security.",
    "The Ministry organised a <e type=forum mode=in_person>roundtable</e> on the anniversary.",
])
def test_main_event_type_and_mode(marked: str) -> None:
    assert_found(marked, events_in(marked))


@pytest.mark.parametrize("marked", [
    "The Minister will pay an official visit to Japan next week.",
    "The upcoming summit will be held in Samarkand.",
    # a future relative clause on the event word
    "The discussion at the summit that will take place in Hanoi will focus on trade.",
])
def test_future_events_are_not_events(marked: str) -> None:
    assert_found(marked, events_in(marked))


@pytest.mark.parametrize("marked", [
    "The Minister will <t type=visit excluded=future>pay an official visit</t> to Japan "
    "next week.",
    "The upcoming <t type=forum excluded=future>summit</t> will be held in Samarkand.",
    "The discussion at the <t type=forum excluded=future>summit</t> that will take place in "
    "Hanoi will focus on trade.",
    "On the sidelines of the <t type=forum excluded=setting>summit</t>, the President "
    "<t type=meeting>met with</t> the Prime Minister of Spain.",
    "The ministers recalled the recent <t type=meeting excluded=recalled>talks</t> in Ankara.",
])
def test_triggers_and_their_qualifier(marked: str) -> None:
    assert_found(marked, triggers_in(marked))


@pytest.mark.parametrize("marked", [
    # the setting is not the event
    "On the sidelines of the summit, the President <e type=meeting mode=in_person>met with</e> "
    "the Prime Minister of Spain.",
    # a recalled event before a call is context
    "Following the talks held in Moscow on 22 May, the President had a "
    "<e type=phone_call mode=phone>telephone conversation</e> with the President of Azerbaijan.",
    # a signing after talks is an event of its own
    "The President held <e type=meeting mode=in_person>talks</e> with the King of Jordan. "
    "Following the talks, an agreement on visa exemption was <e type=signing>signed</e>.",
    # later mentions of other events add none
    "The President had a <e type=phone_call mode=phone>telephone conversation</e> with the "
    "Chancellor. The leaders noted that the country is ready for talks with all parties.",
    # a reception within a visit is a second meeting
    "The delegation took part in the <e type=meeting mode=in_person>meeting</e> of senior "
    "officials in Dushanbe. Within the framework of the visit, the delegation was "
    "<e type=meeting mode=in_person>received by</e> the Minister.",
    # the videoconference gives the mode, the session the type
    "The President took part, via videoconference, in a "
    "<e type=forum mode=online>session of</e> the Collective Security Council.",
    # press statements after a signing, in a clause of their own, are a briefing
    "The President held <e type=meeting mode=in_person>talks</e> with the President of Chile. "
    "Following the talks, three agreements were <e type=signing>signed</e>, and the presidents "
    "made <e type=briefing mode=in_person>statements for the press</e>.",
    # the act of "statements for the press" is the verb of "statements", not of "press"
    "Following the consultations, the ministers made <e type=briefing mode=in_person>"
    "statements for the press</e>.",
    # a second word of the same act adds no event
    "The ministers <e type=meeting mode=in_person>met</e> in Hanoi. Following the meeting, a "
    "memorandum on fisheries was <e type=signing>signed</e> at the signing ceremony.",
    # a sentence opening with a date of its own reports another meeting
    "The Minister <e type=meeting mode=in_person>met with</e> the Mayor of Lima on 4 June. "
    "On 5 June, the Minister <e type=meeting mode=in_person>met with</e> the President. "
    "On the same day, he held <e type=meeting mode=in_person>talks</e> with the Speaker.",
    # ... not a date inside the sentence, nor a speaker's own words
    "The Minister <e type=meeting mode=in_person>met with</e> the Mayor of Lima. The envoys, "
    "who arrived today, also met with the Mayor. \"Yesterday I met with the students.\"",
    # ... not one held long ago, named in an object
    "The Minister <e type=meeting mode=in_person>met with</e> the Mayor. They discussed the "
    "decisions of the summit held in 2019.",
    # a reception in a relative clause is a meeting of its own
    "The Minister <e type=meeting mode=in_person>met with</e> the Mayor. On 6 May, he visited "
    "the Secretariat, where he was <e type=meeting mode=in_person>received by</e> the "
    "Secretary-General.",
    # an election is an other event
    "Turkmenistan was <e type=other>elected</e> Vice-President of the General Assembly.",
])
def test_which_triggers_report_events(marked: str) -> None:
    assert_found(marked, events_in(marked))


def test_a_misspelt_trigger_pattern_stops_pipeline_construction(tmp_path: Path) -> None:
    misspelt = '{"type": "meeting", "strength": 2, "pattern": [{"LOWERR": "met"}]}'
    data, line = with_row(DATA_DIR, TRIGGERS_FILE, misspelt, tmp_path)
    nlp = spacy.blank("en")
    with pytest.raises(RuleDataError, match=rf"^{TRIGGERS_FILE}:{line}: bad token pattern"):
        nlp.add_pipe("communique_events", config={"data_dir": str(data)})


def test_the_shipped_triggers_build() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("communique_events")
    assert nlp.pipe_names == ["communique_events"]
