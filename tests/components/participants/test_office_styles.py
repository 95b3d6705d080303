"""The issuing office (URL through archives and proxies, a house style when there
is no URL), the principal it names, and who takes part across a sentence the
parser split after an initial."""

from __future__ import annotations

from functools import cache

import pytest
from spacy.language import Language

from communique.models import DocumentRecord, RawDocument
from communique.pipeline.components import build, extract
from communique.pipeline.components.participants.lexicon import lexicon
from communique.pipeline.components.participants.office import (
    office_of_text,
    original_url,
    publisher,
)
from communique.pipeline.gazetteer import Gazetteer
from tests.components.participants.helpers import found_in
from tests.markup import assert_found


@cache
def _nlp() -> Language:
    return build()


def _record(text: str, title: str | None = None) -> DocumentRecord:
    return extract(_nlp(), RawDocument(doc_id="t", source="t.txt", text=text, title=title))


def _people(record: DocumentRecord) -> list[tuple[str | None, str | None, str | None]]:
    return [(p.name, p.role, p.country_code) for p in record.events[0].participants]


@pytest.mark.parametrize(("url", "original"), [
    ("https://web.archive.org/web/20240101000000/https://en.kremlin.ru/events/7",
     "https://en.kremlin.ru/events/7"),
    ("http://web.archive.org/web/2024id_/http://www.president.gov.ua/en/news/x",
     "http://www.president.gov.ua/en/news/x"),
    ("https://archive.ph/o/Zx1/https://www.whitehouse.gov/briefing-room/a",
     "https://www.whitehouse.gov/briefing-room/a"),
    ("https://en-kremlin-ru.translate.goog/events/7", "https://en.kremlin.ru/events/7"),
    ("https://archive.ph/Zx1", "https://archive.ph/Zx1"),  # no original written: as given
    ("https://www.mfa.example/news/1", "https://www.mfa.example/news/1"),
])
def test_original_url(url: str, original: str) -> None:
    assert original_url(url, lexicon()) == original


@pytest.mark.parametrize(("url", "office"), [
    ("https://web.archive.org/web/20240101000000/https://en.kremlin.ru/events/7", "RU"),
    ("https://www.gov.uk/government/news/pm-call-with-the-president-of-chile", "GB"),
    ("https://www.gov.uk/government/news/foreign-secretary-visits-chile", None),
    ("https://www.state.gov/secretary-meets-the-foreign-minister", "US"),
])
def test_publisher_by_registered_domain_and_path(url: str, office: str | None) -> None:
    row = publisher(url, lexicon())
    assert (row.country if row else None) == office


@pytest.mark.parametrize(("text", "title_end", "office"), [
    ("Title: PM call with President Rojas of Chile: 2 May 2024\n\nThe Prime Minister "
     "spoke.", 57, ("Prime Minister", "GB")),
    ("PM call with President Rojas of Chile\n\nThe Prime Minister spoke.", 37, None),
    ("Readout of President Ward's Call with President Rojas of Chile\n\nThey spoke.", 62,
     ("President", "US")),
    ("Press Service of the President of the Republic of Kazakhstan\n\nThe President "
     "received the Ambassador.", 0, ("President", "KZ")),
    ("The White House\nReadout\n\nThe President spoke.", 0, ("President", "US")),
    ("The Minister of Foreign Affairs of Chile arrived.", 0, None),
])
def test_office_of_text(text: str, title_end: int, office: tuple[str, str] | None) -> None:
    row = office_of_text(text, title_end, lexicon(), Gazetteer.load())
    assert ((row.role, row.country) if row else None) == office


def test_unnamed_principal_of_a_house_style_office() -> None:
    markup = ("PM call with President <p role=President country=CL>Rojas</p> of Chile: "
              "2 May 2024\n\n"
              "The <official role='Prime Minister' country=GB principal=yes>Prime "
              "Minister</official> spoke to President <p role=President country=CL>Ana "
              "Rojas</p> of Chile this morning.")
    assert_found(markup, found_in(markup))


def test_a_name_split_after_an_initial_still_takes_part() -> None:
    record = _record(
        "On 3 May, the 5th meeting of the Chilean-Norwegian Commission was held in Oslo.\n\n"
        "The meeting was co-chaired by the Minister of Finance of Chile Kh. Rojas and the "
        "Minister of Trade of Norway N. Berg.\n\nThe sides discussed trade.")
    assert _people(record) == [("Kh. Rojas", "Minister of Finance", "CL"),
                               ("N. Berg", "Minister of Trade", "NO")]


def test_who_opens_a_panel_and_the_speakers_take_part() -> None:
    record = _record(
        "On 4 May, the Embassy of Chile in Norway hosted a panel discussion on fisheries "
        "in Oslo.\n\nThe panel was opened by the Ambassador of Chile to Norway Ana Rojas. "
        "The speakers included the Minister of Fisheries of Norway Ola Berg.")
    assert _people(record) == [("Ana Rojas", "Ambassador", "CL"),
                               ("Ola Berg", "Minister of Fisheries", "NO")]


def test_who_presents_a_bill_to_the_meeting_takes_part() -> None:
    record = _record(
        "On 5 May, the Committee on Foreign Affairs of the Parliament of Chile held a "
        "meeting.\n\nDeputy Minister of Foreign Affairs of Chile Ana Rojas presented the "
        "bill to the deputies.")
    assert _people(record) == [("Ana Rojas", "Deputy Minister of Foreign Affairs", "CL")]


def test_who_is_called_on_takes_part() -> None:
    record = _record(
        "External Affairs Minister S. Rao held talks with Foreign Minister of Chile Ana "
        "Rojas in New Delhi on 19 February 2024.\n\nThe two Ministers reviewed trade.\n\n"
        "Foreign Minister Rojas also called on Prime Minister Vikram Mehta.")
    assert _people(record) == [("S. Rao", "External Affairs Minister", "IN"),
                               ("Ana Rojas", "Foreign Minister", "CL"),
                               ("Vikram Mehta", "Prime Minister", "IN")]
