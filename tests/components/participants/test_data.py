"""The participant rule data: validated when the component is created; the office
of a release read from its URL host; the selection of an event's participants."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from communique.pipeline.components.participants import select
from communique.pipeline.components.participants.lexicon import DATA_DIR, lexicon
from communique.pipeline.components.participants.office import publisher
from communique.pipeline.rules import RuleDataError
from tests.components.participants.helpers import mentions


@pytest.mark.parametrize(("file", "bad_row", "where"), [
    ("titles.jsonl", '{"title": "Doge", "category": "monarch"}', "titles.jsonl:"),
    ("words.yaml", "- kind: name_stopp\n  words: [the]", "words.yaml:"),
    ("category_rank.yaml", "- category: emperor", "category_rank.yaml:"),
])
def test_a_bad_row_stops_loading_with_its_file(tmp_path: Path, file: str, bad_row: str,
                                               where: str) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    with (data / file).open("a", encoding="utf-8") as out:
        out.write("\n" + bad_row + "\n")
    with pytest.raises(RuleDataError, match=where):
        lexicon(data)


@pytest.mark.parametrize(("url", "expected"), [
    ("http://en.kremlin.ru/events/president/news/1", ("President", "RU")),
    ("https://www.president.gov.ua/en/news/1", ("President", "UA")),
    ("https://pm.gc.ca/en/news", ("Prime Minister", "CA")),
    ("https://example.org/kremlin.ru", None),
    (None, None),
])
def test_the_issuing_office_comes_from_the_url_host(url: str | None, expected) -> None:
    office = publisher(url, lexicon())
    assert ((office.role, office.country) if office else None) == expected


@pytest.mark.parametrize(("event_type", "sentence", "expected"), [
    ("meeting", "Ministers of both countries took part in the talks.", [0]),
    ("meeting", "According to the Minister, the talks were useful.", [0]),
    ("phone_call", "According to the Minister, the talks were useful.", []),
    ("meeting", "The weather was fine.", []),
])
def test_participation_sentences(event_type: str, sentence: str, expected: list[int]) -> None:
    bounds = [(0, len(sentence))]
    assert select.participation_sents(event_type, [0], sentence, bounds) == expected


def test_one_participant_per_person_and_unnamed_officials_need_a_country() -> None:
    text = ("President of Russia Vladimir Putin met the Minister. Putin and the Minister of "
            "Foreign Affairs of Japan spoke.")
    found = mentions(text)
    chosen = select.participants(text, [0, 1], found, [0, 1], 1)
    assert [(p.name, p.role, p.country_code) for p in chosen] == [
        ("Vladimir Putin", "President", "RU"),
        (None, "Minister of Foreign Affairs", "JP"),
    ]
