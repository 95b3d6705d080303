"""A list opened on the cue verb itself ("..., above all X", "..., primarily on X"):
the parser hangs the specifier on the verb, not on the object, and its items are
topics like those of "including" (annotation-guidelines.md, Topics).

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
        # "above all" on the verb: its item is a topic besides the object
        "They discussed <t>trade</t>, above all the <t>construction of a new plant</t>.",
        # "primarily on" on the verb: each coordinated gerund phrase is an item
        "The ministers stressed the importance of the <t>agreements</t>, primarily on "
        "<t>opening a direct route to the port</t> and <t>building a bridge</t>.",
    ],
)
def test_a_list_opened_on_the_cue_verb(nlp: Language, component: TopicsComponent,
                                       marked: str) -> None:
    check(nlp, component, marked)
