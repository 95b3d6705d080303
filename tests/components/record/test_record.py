"""Whole records: given this release, these event dates, places and participants.

The record component gives each finding to its event by sentence. Where a test
states what an event holds, the release is written with its values marked
inline: `<d start= end= inferred=true>` the event's date, `<l city= country=
venue=>` its place, `<p name= role= country=>` each participant, `<t>` each
topic; anything the event holds that is not marked fails the test.
"""

from __future__ import annotations

import pytest

from communique.models import DocumentRecord, Event, RawDocument
from communique.pipeline.components import build, extract, nlp_text
from tests.markup import Marked, assert_found, parse


def record(text: str, published: str | None = None, title: str | None = None,
           url: str | None = None) -> DocumentRecord:
    if title:
        text = f"{title}\n\n{text}"
    raw = RawDocument(doc_id="t", source="t.txt", text=text, title=title, published=published,
                      url=url)
    rec = extract(build(), raw)
    assert rec.bad_spans(text) == []
    return rec

def _attrs(**values: str | None) -> dict[str, str]:
    return {k: v for k, v in values.items() if v is not None}


def marked_values(event: Event) -> list[Marked]:
    """What one event holds, as markup values (items without a span are left out)."""
    found = []
    date = event.date
    if date.span:
        found.append(Marked("d", date.span.start, date.span.end, date.span.text, _attrs(
            start=date.start, end=date.end, inferred="true" if date.year_inferred else None)))
    place = event.location
    if place and place.span:
        found.append(Marked("l", place.span.start, place.span.end, place.span.text, _attrs(
            city=place.city, country=place.country_code, venue=place.venue)))
    for person in event.participants:
        if person.span:
            found.append(Marked("p", person.span.start, person.span.end, person.span.text,
                                _attrs(name=person.name, role=person.role,
                                       country=person.country_code)))
    found += [Marked("t", t.span.start, t.span.end, t.span.text) for t in event.topics if t.span]
    return found


@pytest.mark.parametrize(("marked", "published", "event"), [
    # a dateline and "yesterday" give the day before
    ("KABUL, Afghanistan (Feb. 12, 2014) — The Ambassador of Norway <p name='Tor Berg' "
     "role=Ambassador country=NO>Tor Berg</p> met <d start=2014-02-11 end=2014-02-11 "
     "inferred=true>yesterday</d> with the Minister of Foreign Affairs of Afghanistan "
     "<p name='Omar Daud' role='Minister of Foreign Affairs' country=AF>Omar Daud</p>.",
     "2014-02-12", 0),
    # a range without a year takes the publication year
    ("The forum was held in <l city=Almaty country=KZ>Almaty</l> on <d start=2023-05-12 "
     "end=2023-05-13 inferred=true>May 12-13</d>.", "2023-05-14", 0),
    # the event's place and participants (Ashkhabad is Ashgabat)
    ("The Minister of Foreign Affairs of Turkmenistan <p name='R. Meredov' role='Minister of "
     "Foreign Affairs' country=TM>R. Meredov</p> met with the Prime Minister of Japan "
     "<p name='Taro Sato' role='Prime Minister' country=JP>Taro Sato</p> in <l city=Ashgabat "
     "country=TM>Ashkhabad</l>.", "2019-01-10", 0),
    # greetings conveyed do not make a participant
    ("The Minister of Foreign Affairs of Georgia <p name='Ana Beridze' role='Minister of Foreign "
     "Affairs' country=GE>Ana Beridze</p> met with the Ambassador of Italy <p name='Marco Rossi' "
     "role=Ambassador country=IT>Marco Rossi</p> and conveyed greetings from President Salome "
     "Kurashvili.", "2021-06-01", 0),
    # people who act in later sentences of the event take part
    ("The Minister of Foreign Affairs of Hungary <p name='Peter Varga' role='Minister of Foreign "
     "Affairs' country=HU>Peter Varga</p> paid a working visit to <l city=Bishkek country=KG>"
     "Bishkek</l>. The Minister of Foreign Affairs of the Kyrgyz Republic <p name='Emil Tokoev' "
     "role='Minister of Foreign Affairs' country=KG>Emil Tokoev</p> and P. Varga considered the "
     "<t>opening of a direct air service</t>.", "2022-05-17", 0),
    # a date far after the trigger, in a participial clause, counts
    ("The delegation took part in the 78th session of the Economic and Social Commission for "
     "Asia and the Pacific, held in <l city=Bangkok country=TH>Bangkok</l> on <d start=2022-05-23"
     " end=2022-05-27 inferred=true>23-27 May</d>.", "2022-05-27", 0),
    # hard-wrapped lines read as one phrase; spans keep the breaks
    ("On <d start=2019-03-13 end=2019-03-13 inferred=true>13 March</d>, the Minister of Foreign "
     "Affairs of\nTurkmenistan <p name='R. Meredov' role='Minister of Foreign Affairs' "
     "country=TM>R. Meredov</p> met with the Ambassador of Japan <p name='K. Sato' "
     "role=Ambassador country=JP>K. Sato</p> in <l country=TM venue='Ministry of Foreign "
     "Affairs'>the\nMinistry of Foreign Affairs of Turkmenistan</l>. The sides discussed "
     "<t>transport\nand logistics</t>.", "2019-03-14", 0),
    # a second event (a reception inside the visit) inherits no date and no place
    ("On <d start=2019-06-03 end=2019-06-03>3 June 2019</d>, the delegation took part in the "
     "meeting of senior officials in <l city=Dushanbe country=TJ>Dushanbe</l>. Within the "
     "framework of the visit, the delegation was received by the Minister of Foreign Affairs of "
     "Tajikistan S. Aslov.", None, 0),
    ("On 3 June 2019, the delegation took part in the meeting of senior officials in Dushanbe. "
     "Within the framework of the visit, the delegation was received by the Minister of Foreign "
     "Affairs of Tajikistan <p name='S. Aslov' role='Minister of Foreign Affairs' country=TJ>"
     "S. Aslov</p>.", None, 1),
])
def test_what_an_event_holds(marked: str, published: str | None, event: int) -> None:
    text, _ = parse(marked)
    assert_found(marked, marked_values(record(text, published=published).events[event]))


def test_a_topic_keeps_the_text_spacy_read_and_its_span_the_break() -> None:
    text = ("On 13 March, the Minister met with the Ambassador of Japan K. Sato. The sides "
            "discussed transport\nand logistics.")
    topics = record(text, published="2019-03-14").events[0].topics
    assert [(t.text, t.span.text) for t in topics] == [
        ("transport and logistics", "transport\nand logistics")]


def test_second_event_inherits_no_date() -> None:
    rec = record(
        "On 3 June 2019, the delegation took part in the meeting of senior officials in "
        "Dushanbe. Within the framework of the visit, the delegation was received by the "
        "Minister of Foreign Affairs of Tajikistan S. Aslov."
    )
    assert [(e.type, e.date.start) for e in rec.events] == [("meeting", "2019-06-03"),
                                                             ("meeting", None)]



def test_main_event_without_a_written_date_takes_the_publication_date() -> None:
    rec = record("The President had a telephone conversation with the Emir of Qatar.",
                 published="2022-03-04")
    assert (rec.events[0].date.start, rec.events[0].date.text) == ("2022-03-04", None)


def test_presidency_principal_joins_the_call() -> None:
    rec = record(
        "Vladimir Putin had a telephone conversation with President of the Republic of "
        "Chile Ana Rojas. The leaders discussed trade and economic cooperation.",
        published="2022-01-05",
        title="Telephone conversation with President of Chile Ana Rojas",
        url="http://en.kremlin.ru/events/president/news/1",
    )
    people = {(p.name, p.role, p.country_code) for p in rec.events[0].participants}
    assert people == {("Vladimir Putin", "President", "RU"), ("Ana Rojas", "President", "CL")}


def test_announcement_only_has_no_event() -> None:
    rec = record("The Minister will pay an official visit to Japan on 5 December.",
                 published="2021-11-20")
    assert rec.events == []


def test_place_of_a_recalled_meeting_is_not_the_place_of_a_call() -> None:
    rec = record(
        "Following the talks held in Moscow on 22 May, the President had a telephone "
        "conversation with the President of Azerbaijan.",
        published="2022-05-30",
    )
    assert rec.events[0].type == "phone_call"
    assert rec.events[0].location is None


def test_a_date_years_before_publication_is_a_recalled_event() -> None:
    rec = record(
        "The President held talks with the Prime Minister of India. The agreement was "
        "signed on December 23, 1994 in Delhi.",
        published="2021-12-06",
    )
    assert all(e.date.start != "1994-12-23" for e in rec.events)


def test_a_header_title_counts_as_the_headline() -> None:
    text = ("Title: Readout of the Call with Prime Minister Ken Sato of Japan\n"
            "Date: 2023-02-08\n\nThe President spoke today with the Prime Minister.")
    raw = RawDocument(doc_id="t", source="t.txt", text=text, published="2023-02-08",
                      title="Readout of the Call with Prime Minister Ken Sato of Japan")
    event = extract(build(), raw).events[0]
    assert event.type == "phone_call"
    assert [(p.name, p.country_code) for p in event.participants] == [("Ken Sato", "JP")]


def test_date_of_a_recalled_event_before_the_trigger_is_not_the_event_date() -> None:
    rec = record(
        "Following the talks held in Baku on February 22, the President and the President "
        "of Azerbaijan spoke by phone about regional issues.",
        published="2022-02-26",
    )
    assert rec.events[0].date.start == "2022-02-26"


def test_date_in_a_relative_clause_about_a_person_is_not_the_event_date() -> None:
    rec = record(
        "The President had a telephone conversation with Anna Berg, who completed her "
        "term as Chancellor on December 8.",
        published="2021-12-09",
    )
    assert rec.events[0].date.start == "2021-12-09"


def test_header_lines_and_list_items_are_not_joined() -> None:
    text = "Title: Talks in Baku\nDate: 2022-01-18\n\nThe sides met.\n- first item\nwrapped"
    assert nlp_text(text) == (
        "Title: Talks in Baku\nDate: 2022-01-18\n\nThe sides met.\n- first item wrapped")


def test_principal_is_not_added_when_an_official_of_the_office_stands_for_it() -> None:
    rec = record(
        "Deputy Head of the Office of the President of Ukraine Ihor Kostenko had a phone "
        "conversation with Director of the Cabinet of the Prime Minister of Greece Eleni "
        "Pappas. They praised the meeting of President of Ukraine Volodymyr Zelenskyy in "
        "Athens.",
        published="2021-11-10",
        url="https://www.president.gov.ua/en/news/7",
    )
    assert "Volodymyr Zelenskyy" not in {p.name for p in rec.events[0].participants}


def test_invisible_spaces_read_as_spaces() -> None:
    assert nlp_text("of Spain\u200bJosé Albares\u00a0met") == "of Spain José Albares met"


def test_a_later_event_takes_a_place_only_from_its_own_sentence() -> None:
    rec = record(
        "The President held talks with the President of Kazakhstan in the Kremlin. "
        "Following the talks, documents were signed. The next summit will be in Astana.",
        published="2022-02-10",
    )
    assert [e.type for e in rec.events] == ["meeting", "signing"]
    assert rec.events[1].location is None


def test_counterpart_named_in_the_headline_is_not_the_principal() -> None:
    rec = record(
        "Vladimir Putin had a telephone conversation with Anna Lind, who completed her "
        "term of office as Chancellor of Austria.",
        published="2021-12-09",
        title="Telephone conversation with Anna Lind",
        url="http://en.kremlin.ru/events/president/news/9",
    )
    roles = {p.name: (p.role, p.country_code) for p in rec.events[0].participants}
    assert roles["Vladimir Putin"] == ("President", "RU")
    assert roles["Anna Lind"][0] != "President"
