"""Events of domestic sessions, round tables and multi-meeting trips (issue 16).

Given this text, these events (`<e>`: the trigger phrase of each event the release
reports, main event first, with its type and mode). Sentences are our own.
"""

from __future__ import annotations

import pytest

from tests.components.events.test_events import events_in
from tests.markup import assert_found


@pytest.mark.parametrize("marked", [
    # a committee's sitting reported by what it did, with no word "meeting"
    "On 15 April, the <e type=meeting mode=in_person>Committee on Foreign Affairs of the "
    "Senate examined</e> the draft law on the ratification of the treaty.",
    "The <e type=meeting mode=in_person>Commission on Migration considered</e> the annual "
    "report of the Ministry of Labour.",
    # a commission's past work inside what someone said is no sitting of its own
    "The Minister <e type=meeting mode=in_person>met with</e> the Ambassador of Chile. He "
    "noted that the commission had examined the proposals.",
    # an adverb of time between "received" and its object
    "The Chairperson of the Commission <e type=meeting mode=in_person>received today "
    "the</e> Ambassador of Peru at the headquarters.",
    # a call received is a call, not a reception
    "The Foreign Minister <e type=phone_call mode=phone>received a phone call</e> from his "
    "Latvian counterpart.",
    "The Minister <e type=phone_call mode=phone>received a call</e> today from the Foreign "
    "Minister of Oman.",
    # a ministry hosting a panel, a round table dedicated to an anniversary
    "The Ministry of Foreign Affairs hosted a <e type=forum mode=in_person>panel "
    "discussion</e> on the role of women in diplomacy.",
    "A <e type=forum mode=in_person>round table</e> dedicated to the 25th anniversary of the "
    "treaty was held at the university.",
])
def test_sessions_hosted_events_and_calls(marked: str) -> None:
    assert_found(marked, events_in(marked))


@pytest.mark.parametrize("marked", [
    # held by video link: the phrase hangs on the verb that reports the meeting
    "On 3 June, a <e type=meeting mode=online>meeting</e> of the Central Election "
    "Commission was held by video link.",
    "The Committee held a <e type=meeting mode=online>meeting</e> by video link to "
    "discuss the bill.",
    # someone else joining by video link leaves the meeting in person
    "A <e type=meeting mode=in_person>meeting</e> of the working group was held at the "
    "Ministry. The heads of two regional offices joined by video link.",
    "The Minister held a <e type=meeting mode=in_person>meeting with</e> the governors, "
    "while the mayors joined by video link.",
])
def test_held_by_video_link(marked: str) -> None:
    assert_found(marked, events_in(marked))


@pytest.mark.parametrize("marked", [
    # a trip: each "met with" a new counterpart is a meeting of its own
    "On 4 May, the Minister held <e type=meeting mode=in_person>talks</e> with the Foreign "
    "Minister of Chile Ana Torres. On the same day, the Minister "
    "<e type=meeting mode=in_person>met with</e> the Speaker of the Senate Luis Prado. On "
    "5 May, in Valparaiso, he <e type=meeting mode=in_person>met with</e> the Governor of "
    "the region Marta Ruiz.",
    # the same counterpart again, or the event word as subject: one meeting
    "The President held <e type=meeting mode=in_person>talks</e> with the Prime Minister of "
    "Norway Jonas Berg. The talks were held in a constructive atmosphere. Later, the "
    "President met with Jonas Berg in a narrow format.",
    # a headline and the first sentence name the same counterpart
    "Minister Holds <e type=meeting mode=in_person>Talks</e> with Foreign Minister of Peru "
    "Ana Soto\n\nOn 2 May, the Minister held talks with Foreign Minister of Peru Ana Soto "
    "in Lima.",
    # a reception in a where-clause of the place visited is a meeting of its own
    "The Minister <e type=meeting mode=in_person>met with</e> the Prime Minister of Qatar "
    "Omar Saleh. On 6 February, the Minister visited the headquarters of the Organisation, "
    "where he was <e type=meeting mode=in_person>received by</e> the Secretary-General Ana "
    "Ruiz.",
    # "we met" in a quoted remark is the speaker's memory, not a report
    "The President <e type=meeting mode=in_person>met with</e> the Chancellor. \"We met "
    "with the Mayor of Vienna Anna Huber last year,\" he said.",
])
def test_later_meetings_with_new_counterparts(marked: str) -> None:
    assert_found(marked, events_in(marked))
