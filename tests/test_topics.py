"""Topic stage: given this sentence, these topics (and sessions).

Sentences are our own; each shows one rule of communique/pipeline/topics.py
(cue frames, generic frames, coordination splitting, filters, sessions).
"""

from __future__ import annotations

import pytest

from communique.pipeline.topics import cue_matcher, find_topics
from tests.spacy_docs import statistical


@pytest.fixture(scope="module")
def nlp():
    with statistical() as nlp:
        yield nlp


def topics_of(nlp, text: str) -> list[tuple[str, int | None]]:
    return [(t.text, t.session) for t in find_topics(nlp(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # cue frames: direct object, passive subject, prepositional object, copula
        (
            "The ministers discussed the water crisis in the Aral Sea basin.",
            [("water crisis in the Aral Sea basin", None)],
        ),
        (
            "The reform of the customs service was also discussed.",
            [("reform of the customs service", None)],
        ),
        (
            "The sides exchanged views on the situation in Yemen.",
            [("situation in Yemen", None)],
        ),
        (
            "Particular attention was paid to digital trade.",
            [("digital trade", None)],
        ),
        (
            "The main topic of the conversation was the security of the grain corridor.",
            [("security of the grain corridor", None)],
        ),
        (
            "The Prime Minister briefed the delegation on the reform of the pension system.",
            [("reform of the pension system", None)],
        ),
        (
            "When discussing the situation in the Balkans, the minister outlined his position.",
            [("situation in the Balkans", None)],
        ),
        (
            "The agenda included migration, border management and customs cooperation.",
            [("migration", None), ("border management", None), ("customs cooperation", None)],
        ),
        (
            "During an exchange of views on the energy crisis, the leaders agreed to meet again.",
            [("energy crisis", None)],
        ),
    ],
)
def test_cue_frames(nlp, text, expected):
    assert topics_of(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a generic frame gives its specific items
        (
            "The ministers discussed a wide range of issues, including climate finance and "
            "water security.",
            [("climate finance", None), ("water security", None)],
        ),
        (
            "The delegations discussed issues of transport and logistics.",
            [("transport and logistics", None)],
        ),
        (
            "The sides stressed the importance of regional connectivity.",
            [("regional connectivity", None)],
        ),
        # a list of three or more is split; a pair of bare nouns is one area
        (
            "The talks covered energy, agriculture and tourism.",
            [("energy", None), ("agriculture", None), ("tourism", None)],
        ),
        (
            "The ministers discussed cooperation in the agricultural, scientific and cultural "
            "spheres.",
            [("agricultural", None), ("scientific", None), ("cultural spheres", None)],
        ),
        (
            "The leaders exchanged views on the course and results of the recent summit.",
            [("course and results of the recent summit", None)],
        ),
        # relative clauses after a comma are not part of the topic
        (
            "The parties discussed the new visa regime, which entered into force in May.",
            [("new visa regime", None)],
        ),
    ],
)
def test_items(nlp, text, expected):
    assert topics_of(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The parties discussed issues of mutual interest.",
        "The sides discussed a wide range of issues.",
        "The leaders exchanged greetings on the upcoming holidays.",
        "It was agreed to maintain contacts at various levels.",
        "The two ministers will discuss trade at their next meeting.",
        "The President stressed the importance of fighting corruption.",
        "The Ambassador thanked the hosts, focusing on their warm hospitality.",
    ],
)
def test_no_topic(nlp, text):
    assert topics_of(nlp, text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a generic bilateral phrase counts only where nothing more specific is said
        (
            "The presidents discussed the development of Kazakh-Mongolian relations.",
            [("development of Kazakh-Mongolian relations", None)],
        ),
        (
            "The presidents discussed Kazakh-Mongolian relations. They also discussed the "
            "construction of a new railway.",
            [("construction of a new railway", None)],
        ),
    ],
)
def test_generic_bilateral_phrase(nlp, text, expected):
    assert topics_of(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The first session of the meeting was devoted to issues of energy and water "
            "management.",
            [("energy and water management", 1)],
        ),
        (
            "During the second round, the delegations discussed cooperation in the field of "
            "education and healthcare.",
            [("education and healthcare", 2)],
        ),
        (
            "The 3rd panel was devoted to renewable energy.",
            [("renewable energy", 3)],
        ),
        (
            "The remaining sessions were devoted to border security issues.",
            [("border security issues", None)],
        ),
    ],
)
def test_sessions(nlp, text, expected):
    assert topics_of(nlp, text) == expected


def test_spans_point_at_their_text(nlp):
    text = (
        "Talks on water\n\nThe first session was devoted to water management. During the "
        "second session, the sides discussed energy, transit and tourism."
    )
    doc = nlp(text)
    topics = find_topics(doc)
    assert [t.text for t in topics] == ["water management", "energy", "transit", "tourism"]
    assert all(t.span is not None and text[t.span.start : t.span.end] == t.text for t in topics)
    assert [t.session for t in topics] == [1, 2, 2, 2]


def test_matcher_built_once_per_vocab(nlp):
    assert cue_matcher(nlp.vocab) is cue_matcher(nlp.vocab)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The leaders discussed the Middle East agenda with due regard to the Quartet's work.",
         [("Middle East agenda", None)]),
        ("The sides discussed the resumption of direct flights as soon as possible.",
         [("resumption of direct flights", None)]),
    ],
)
def test_trailing_qualifier_is_cut(nlp, text, expected):
    assert topics_of(nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The sides discussed the reopening of regular flights, the functioning of border "
         "posts and the issuance of student visas.",
         ["reopening of regular flights", "functioning of border posts",
          "issuance of student visas"]),
        ("The ministers discussed regional stability in the Sahel, the situation in Libya "
         "and Chad's economic reform agenda.",
         ["regional stability in the Sahel", "situation in Libya",
          "Chad's economic reform agenda"]),
    ],
)
def test_written_list_of_three_is_split(nlp, text, expected):
    assert [t for t, _ in topics_of(nlp, text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The President informed his counterpart about the dispatch of rescuers to the area.",
         ["dispatch of rescuers to the area"]),
        ("The spokesman answered questions about the evacuation of citizens.",
         ["evacuation of citizens"]),
    ],
)
def test_object_hung_on_the_person_informed_or_the_questions(nlp, text, expected):
    assert [t for t, _ in topics_of(nlp, text)] == expected
