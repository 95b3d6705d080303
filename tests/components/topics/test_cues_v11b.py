"""Topic cue families of v1.1 (issue 16): confirmations, briefings and explanations,
proposals and intentions, requests, hopes; one own sentence each, exact topics.

`<t>` marks a topic; any topic found and not marked fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from spacy.language import Language

from communique.pipeline.components.findings import findings
from communique.pipeline.components.topics.factory import GROUP, TopicsComponent
from tests.markup import Marked, assert_found, parse
from tests.spacy_docs import statistical


@pytest.fixture(scope="module")
def nlp() -> Iterator[Language]:
    with statistical() as nlp:
        yield nlp


@pytest.fixture(scope="module")
def component(nlp: Language) -> TopicsComponent:
    return TopicsComponent(nlp, "communique_topics")


def check(nlp: Language, component: TopicsComponent, marked: str) -> None:
    text, _ = parse(marked)
    doc = component(nlp(text))
    found = [Marked("t", t.span.start, t.span.end, t.text, {})
             for t in findings(doc, GROUP) if t.span is not None]
    assert_found(marked, found)


@pytest.mark.parametrize(
    "marked",
    [
        # confirm: the object, through its light head
        "The ministers confirmed the importance of <t>resolving the border dispute</t>.",
        # briefing: the person informed may carry the preposition, its own "of" is no topic
        "The minister informed the ambassador about the <t>reform of the judiciary</t>.",
        "The President informed the Prime Minister of Canada about the <t>flood relief</t>.",
        # explanation given / provided
        "The President gave an exhaustive explanation of the <t>causes of the flood</t>.",
        "The minister provided an explanation regarding the <t>new visa rules</t>.",
        # laid out / put forth: the particle is part of the cue
        "The President laid out the <t>plan for the reconstruction of the airport</t>.",
        "The minister put forward <t>proposals on fishing quotas</t>.",
        # commented on
        "The President commented in detail on the <t>report of the commission</t>.",
        # pointed out that CLAUSE: the subject of the clause's state verb
        "The President pointed out that the <t>railway project</t> was behind schedule.",
        # unanimous in their assessment of X
        "The ministers were unanimous in their assessment of the <t>drought in the region</t>.",
        # presented proposals (a number of), offered, announced
        "The President presented a number of <t>proposals aimed at lowering food prices</t>.",
        "The minister offered a <t>loan for the construction of a hospital</t>.",
        "The Chancellor announced a <t>new loan for the energy sector</t>.",
        # interested in X
        "The minister said his country is interested in <t>building a gas pipeline</t>.",
        # asked for assistance in X: the object of the gerund
        "The minister asked for assistance in evacuating <t>foreign students</t>.",
        # ready to X / ready for X: the objects of the coordinated verbs
        "The minister stressed that his country is ready to lower the <t>tariffs on steel</t> "
        "and cut <t>port fees</t>.",
        "The delegation is ready for <t>talks with the opposition</t>.",
        # a stated hope that the event addresses X raises X
        "The President expressed hope that the new government would pay special attention "
        "to the issue of <t>water supply</t>.",
    ],
)
def test_new_cue_families(nlp: Language, component: TopicsComponent, marked: str) -> None:
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # presented: only proposals, plans and the like, not credentials or a ceremony's objects
        "The Ambassador presented his credentials to the President.",
        # a readiness with no object names a stance, not a subject
        "The minister said his country is always ready to help.",
        # a plan stays out: no hope, only a future
        "The President will comment on the report next week.",
        # a speaker's formula: no reported subject
        "Thank you for offering your support.",
    ],
)
def test_new_cue_families_stay_out(nlp: Language, component: TopicsComponent,
                                   marked: str) -> None:
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # a stated concern names what was raised (a one-sided stance, v1.1)
        "The Minister expressed concern over the <t>humanitarian situation in the region</t>.",
        "The President expressed deep concern at the <t>escalation of violence</t> and with "
        "the <t>closure of the border crossings</t>.",
        # "concern" that is not expressed, voiced or shared is no cue
        "The concern of the residents over the dam is well known.",
    ],
)
def test_expressed_concern(nlp: Language, component: TopicsComponent, marked: str) -> None:
    check(nlp, component, marked)
