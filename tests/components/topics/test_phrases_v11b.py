"""Topic phrases (v1.1b): the shortest noun phrase that keeps its meaning.

Sentences are our own; each shows one phrase-shaping rule of split.py / trim.py:
light gerund heads, adverbs and afterthoughts cut, deep "such as" lists, "the
fact that" clauses, lists of spheres, and vague conjuncts. `<t>` marks a topic;
any topic not marked fails the test.
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
        # a light verb's gerund or infinitive gives its object; adverbs and an
        # apposition after a comma are cut
        "The two envoys stressed the importance of strictly and fully implementing the "
        "<t>2020 Paris Accord</t>, the sole legal framework for settling the dispute.",
        "The leaders reaffirmed their intention to fully implement the <t>accords signed in "
        "Lima</t>.",
        # the verb's own complement after the object stays with it
        "The ministers discussed efforts to promote <t>shared fishing quotas through the Joint "
        "Commission of Chile and Peru</t>.",
        # a gerund that is itself the subject keeps its verb, not its negation
        "The minister stressed the importance of not <t>deploying heavy artillery near the "
        "river</t>.",
    ],
)
def test_light_heads_and_adverbs(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # two gerunds, the first bare, share one object: one item
        "The minister stressed the importance of <t>uniting and coordinating diplomatic efforts "
        "to end the blockade</t>.",
        # "the position of <a party> on X" is about X
        "The ministers discussed the position of the European Union on the <t>fisheries "
        "agreement</t>.",
    ],
)
def test_shared_objects_and_holders(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # "compliance with the provisions of X" -> X; "and other accords" is no item
        "The minister stressed the importance of Belgrade's strict compliance with the "
        "provisions of the <t>Ohrid Agreement</t> and other accords.",
        # a list hung deep inside the phrase: the head and each listed item
        "The leaders discussed the <t>financing of big infrastructure projects</t> such as the "
        "<t>building of a hydroelectric plant in Chile</t> and the <t>creation of a free "
        "economic zone near the port</t>.",
        "The ministers discussed <t>trade ties</t>, above all the <t>supply of grain and "
        "fertilisers</t>.",
        # "the fact that" a clause: the clause; its object's listed concerns when it has them
        "The President noted the importance of the fact that the <t>Commander of the Navy of "
        "Norway is visiting Oslo</t> these days.",
        "Attention was paid to the fact that the replies ignored Serbia's main concerns such as "
        "stopping <t>border incursions</t>.",
    ],
)
def test_frames_and_listed_items(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # one topic per sphere, also where the parser hangs the modifiers apart
        "The delegations reviewed the state of cooperation in the <t>scientific</t>, "
        "<t>military-technical</t> and <t>socio-cultural spheres</t>.",
        # a pair of nouns naming one area stays one
        "The delegations discussed issues of <t>transport and logistics</t>.",
        "The envoys reviewed matters of <t>trade and economic cooperation</t> last week.",
        # places after "cooperation in" are not a list of areas
        "The talks focused on strengthening <t>cooperation in the Baltic Sea and the Gulf of "
        "Finland</t>.",
    ],
)
def test_spheres_and_pairs(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # empty formulas: a light verb over a relation word, a strategic partnership
        "They reaffirmed their shared commitment to further strengthening mutually beneficial "
        "cooperation in all areas. The ministers also discussed <t>fisheries</t>.",
        "The ministers discussed <t>copper exports</t>. They also discussed strengthening the "
        "Polish-Chilean strategic partnership.",
        "The two prime ministers agreed to intensify high-level bilateral dialogue. They also "
        "discussed the <t>construction of a bridge</t>.",
    ],
)
def test_empty_formulas(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # a written list never holds the sentence's main verb
        "During an exchange of views on bilateral matters, the envoys reaffirmed their "
        "intention to fully implement the <t>accords signed during the King's visit to Peru in "
        "May 2020</t> so as to deepen the partnership between Chile and Peru.",
    ],
)
def test_list_without_main_verb(nlp, component, marked):
    check(nlp, component, marked)


@pytest.mark.parametrize(
    "marked",
    [
        # a dash between two names joins them; a free-standing dash elsewhere ends the phrase
        "The ministers discussed the <t>rational use of rivers</t> and the <t>development of "
        "the Chile – Peru – Bolivia – Ecuador railway corridor</t>.",
        "The sides noted the importance of the <t>Peru – Andean Cooperation Forum</t>.",
        "The ministers discussed the <t>border regime</t> – a matter of concern for both sides.",
    ],
)
def test_dashes_between_names(nlp, component, marked):
    check(nlp, component, marked)
