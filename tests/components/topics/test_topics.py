"""Topic component: given this sentence, these topics (and sessions), marked inline.

Sentences are our own; each shows one rule of components/topics/ (cue frames,
generic frames, splitting, trimming, classification, sessions). `<t>` marks a
topic, `session=N` its session number; any topic not marked fails the test.
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


def found(nlp: Language, component: TopicsComponent, marked: str) -> list[Marked]:
    """The topics the component finds in the plain text of `marked`, as Marked values."""
    text, _ = parse(marked)
    doc = component(nlp(text))
    topics = findings(doc, GROUP)
    assert [span.text for span in doc.spans[GROUP]] == [t.text for t in topics]
    out = []
    for topic in topics:
        assert topic.span is not None and text[topic.span.start : topic.span.end] == topic.text
        attrs = {} if topic.session is None else {"session": str(topic.session)}
        out.append(Marked("t", topic.span.start, topic.span.end, topic.text, attrs))
    return out


def check(nlp: Language, component: TopicsComponent, marked: str) -> None:
    assert_found(marked, found(nlp, component, marked))


@pytest.mark.parametrize(
    "marked",
    [
        # cue frames: direct object, passive subject, prepositional object, copula
        "The ministers discussed the <t>water crisis in the Aral Sea basin</t>.",
        "The <t>reform of the customs service</t> was also discussed.",
        "The sides exchanged views on the <t>situation in Yemen</t>.",
        "Particular attention was paid to <t>digital trade</t>.",
        "The main topic of the conversation was the <t>security of the grain corridor</t>.",
        "The Prime Minister briefed the delegation on the <t>reform of the pension system</t>.",
        "When discussing the <t>situation in the Balkans</t>, the minister outlined his position.",
        "The agenda included <t>migration</t>, <t>border management</t> and "
        "<t>customs cooperation</t>.",
        "During an exchange of views on the <t>energy crisis</t>, the leaders agreed to meet "
        "again.",
    ],
)
def test_cue_frames(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # a generic frame gives its specific items
        "The ministers discussed a wide range of issues, including <t>climate finance</t> and "
        "<t>water security</t>.",
        "The delegations discussed issues of <t>transport and logistics</t>.",
        "The sides stressed the importance of <t>regional connectivity</t>.",
        # a list of three or more is split; a pair of bare nouns is one area
        "The talks covered <t>energy</t>, <t>agriculture</t> and <t>tourism</t>.",
        "The ministers discussed cooperation in the <t>agricultural</t>, <t>scientific</t> and "
        "<t>cultural spheres</t>.",
        "The leaders exchanged views on the <t>course and results of the recent summit</t>.",
        # relative clauses after a comma are not part of the topic
        "The parties discussed the <t>new visa regime</t>, which entered into force in May.",
    ],
)
def test_items(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        "The parties discussed issues of mutual interest.",
        "The sides discussed a wide range of issues.",
        "The leaders exchanged greetings on the upcoming holidays.",
        "It was agreed to maintain contacts at various levels.",
        "The two ministers will discuss trade at their next meeting.",
        "The Ambassador thanked the hosts, focusing on their warm hospitality.",
    ],
)
def test_no_topic(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # a generic bilateral phrase counts only where nothing more specific is said
        "The presidents discussed the <t>development of Kazakh-Mongolian relations</t>.",
        "The presidents discussed Kazakh-Mongolian relations. They also discussed the "
        "<t>construction of a new railway</t>.",
    ],
)
def test_generic_bilateral_phrase(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        "The first session of the meeting was devoted to issues of "
        "<t session=1>energy and water management</t>.",
        "During the second round, the delegations discussed cooperation in the field of "
        "<t session=2>education and healthcare</t>.",
        "The 3rd panel was devoted to <t session=3>renewable energy</t>.",
        "The remaining sessions were devoted to <t>border security issues</t>.",
        "Talks on water\n\nThe first session was devoted to <t session=1>water management</t>. "
        "During the second session, the sides discussed <t session=2>energy</t>, "
        "<t session=2>transit</t> and <t session=2>tourism</t>.",
    ],
)
def test_sessions(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        "The leaders discussed the <t>Middle East agenda</t> with due regard to the Quartet's "
        "work.",
        "The sides discussed the <t>resumption of direct flights</t> as soon as possible.",
    ],
)
def test_trailing_qualifier_is_cut(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        "The sides discussed the <t>reopening of regular flights</t>, the "
        "<t>functioning of border posts</t> and the <t>issuance of student visas</t>.",
        "The ministers discussed <t>regional stability in the Sahel</t>, the "
        "<t>situation in Libya</t> and <t>Chad's economic reform agenda</t>.",
    ],
)
def test_written_list_of_three_is_split(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        "The President informed his counterpart about the "
        "<t>dispatch of rescuers to the area</t>.",
        "The spokesman answered questions about the <t>evacuation of citizens</t>.",
    ],
)
def test_object_hung_on_the_person_informed_or_the_questions(nlp, component, marked):
    check(nlp, component, marked)


def test_matcher_is_built_when_the_component_is_created(nlp, component):
    """One Matcher rule per cue row, built in __init__, not on the first document."""
    assert len(component.matcher) == len(component.rows) > 0


@pytest.mark.parametrize(
    "marked",
    [
        # v1.1: what one participant raised counts (stance verbs, no joint subject needed)
        "The President underscored his support for the <t>reform of the judiciary</t>.",
        "The President stressed the importance of <t>fighting corruption</t>.",
        "The minister reaffirmed the commitment to the <t>peaceful settlement of the border "
        "dispute</t>.",
        "The Prime Minister welcomed the <t>opening of the new rail link</t>.",
        "The Foreign Minister condemned the <t>attack on the embassy</t>.",
        "The ambassador called for the <t>release of the detained journalists</t>.",
        "The minister urged the partners to <t>accelerate the construction of the pipeline</t>.",
        "The President expressed support for the <t>candidacy of Mongolia</t>.",
        # briefing verbs and noun frames
        "The minister explained the <t>new visa rules</t>.",
        "The deputy minister outlined the <t>priorities of the chairmanship</t>.",
        "The minister outlined his position on the <t>Iranian nuclear programme</t>.",
        "The minister gave an assessment of the <t>situation in the Red Sea</t>.",
        "Special emphasis was placed on <t>water security</t>.",
        # impersonal passive frames and panels
        "It was proposed to <t>open a trade house in Samarkand</t>.",
        "The ministry hosted a panel discussion on <t>glacier melting in the Pamirs</t>.",
        # "given to X": the parser labels the "to" a dative
        "Special attention was given to the <t>development of transport corridors</t>.",
    ],
)
def test_one_sided_and_briefing_cues(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # substantive thanks: the support thanked for names its subject; an act, its object
        "The President thanked the Prime Minister for the support for the <t>candidacy of "
        "Mongolia</t>.",
        "The minister thanked the organisers for hosting the <t>regional water summit</t>.",
        # courtesy thanks and a speaker's own formula are no topics
        "The minister thanked his colleague for accepting the invitation.",
        "Thank you for mentioning the issues of environmental protection.",
    ],
)
def test_thanks(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # a "noted that" clause gives the noun phrase it is about: the subject of a state
        # verb or a passive, never an actor, a party or the talks themselves
        "The Head of State noted that the <t>course for EU membership</t> remains unchanged.",
        "The President stressed that the <t>rate of vaccination</t> should be increased.",
        "The minister noted that the delegation arrived on Monday.",
        "The minister stressed that the talks were constructive.",
    ],
)
def test_clause_objects(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # a second object the parser hangs on the verb as its conjunct
        "The Ministers discussed the <t>schedule of bilateral visits for the current year</t> "
        "and the <t>implementation of the roadmap on the joint development of the northern gas "
        "field</t>.",
        # a parallel item the parser hangs deep inside the first one's complement
        "The envoys reviewed the <t>preparations for the next session of the commission</t> and "
        "the <t>transfer of the museum collection to the national library</t>.",
        # a plain conjunct, or one after a name without a determiner, stays inside
        "The ministers discussed the <t>security of Georgia and Armenia</t>.",
        "The leaders discussed the <t>presence of the armed forces of the United States and "
        "other countries in the region</t>.",
    ],
)
def test_misattached_items(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        "Emphasis was placed on the <t>training of young diplomats</t> and the <t>recognition of "
        "university diplomas</t>.",
        # "with an emphasis on X"
        "They also exchanged views on the <t>situation in Sudan</t>, with an emphasis on the "
        "<t>delivery of food aid to the refugees</t>.",
        # coordinated prepositions, and "including" on the cue's own object word ("views")
        "The ministers exchanged views on the <t>preparation of the summit</t> and on "
        "<t>cooperation in the Aral Sea</t>, including <t>water conservation</t> and the "
        "<t>protection of fish stocks</t>.",
        "The President informed Olaf Scholz about the <t>situation on the eastern border</t>.",
        # praise: what was praised; a judgement of the relationship gives way to a subject
        "The envoy praised the <t>reforms carried out in the judiciary</t>.",
        "The minister praised the level of bilateral relations. The sides discussed the "
        "<t>construction of the railway</t>.",
        "The leaders praised the level of comprehensive partnership and strategic cooperation "
        "between their countries.",
        # light heads: readiness / intention / commitment to X -> X
        "The minister reaffirmed the readiness for <t>cooperation in the fight against drug "
        "trafficking</t>.",
    ],
)
def test_noun_frames_and_praise(nlp, component, marked):
    check(nlp, component, marked)
