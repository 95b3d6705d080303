"""Whole records: given this release, these event dates, places and participants."""

from __future__ import annotations

from communique.models import DocumentRecord, RawDocument
from communique.pipeline.components import build, extract, nlp_text


def record(text: str, published: str | None = None, title: str | None = None,
           url: str | None = None) -> DocumentRecord:
    if title:
        text = f"{title}\n\n{text}"
    raw = RawDocument(doc_id="t", source="t.txt", text=text, title=title, published=published,
                      url=url)
    rec = extract(build(), raw)
    assert rec.bad_spans(text) == []
    return rec


def test_dateline_and_yesterday_give_the_day_before() -> None:
    rec = record(
        "KABUL, Afghanistan (Feb. 12, 2014) — The Ambassador of Norway Tor Berg met "
        "yesterday with the Minister of Foreign Affairs of Afghanistan Omar Daud.",
        published="2014-02-12",
    )
    date = rec.events[0].date
    assert (date.start, date.end, date.text, date.year_inferred) == (
        "2014-02-11", "2014-02-11", "yesterday", True)


def test_main_event_without_a_written_date_takes_the_publication_date() -> None:
    rec = record("The President had a telephone conversation with the Emir of Qatar.",
                 published="2022-03-04")
    assert (rec.events[0].date.start, rec.events[0].date.text) == ("2022-03-04", None)


def test_range_without_year_takes_the_publication_year() -> None:
    rec = record("The forum was held in Almaty on May 12-13.", published="2023-05-14")
    assert (rec.events[0].date.start, rec.events[0].date.end) == ("2023-05-12", "2023-05-13")


def test_second_event_inherits_no_date() -> None:
    rec = record(
        "On 3 June 2019, the delegation took part in the meeting of senior officials in "
        "Dushanbe. Within the framework of the visit, the delegation was received by the "
        "Minister of Foreign Affairs of Tajikistan S. Aslov."
    )
    assert rec.events[0].date.start == "2019-06-03"
    assert rec.events[1].date.start is None


def test_event_place_and_participants() -> None:
    rec = record(
        "The Minister of Foreign Affairs of Turkmenistan R. Meredov met with the Prime "
        "Minister of Japan Taro Sato in Ashkhabad.",
        published="2019-01-10",
    )
    event = rec.events[0]
    assert (event.location.city, event.location.country_code) == ("Ashgabat", "TM")
    people = {(p.name, p.role, p.country_code) for p in event.participants}
    assert people == {("R. Meredov", "Minister of Foreign Affairs", "TM"),
                      ("Taro Sato", "Prime Minister", "JP")}


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


def test_greetings_conveyed_do_not_make_a_participant() -> None:
    rec = record(
        "The Minister of Foreign Affairs of Georgia Ana Beridze met with the Ambassador of "
        "Italy Marco Rossi and conveyed greetings from President Salome Kurashvili.",
        published="2021-06-01",
    )
    names = {p.name for p in rec.events[0].participants}
    assert names == {"Ana Beridze", "Marco Rossi"}


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


def test_people_who_act_in_later_sentences_of_the_event_take_part() -> None:
    rec = record(
        "The Minister of Foreign Affairs of Hungary Peter Varga paid a working visit to "
        "Bishkek. The Minister of Foreign Affairs of the Kyrgyz Republic Emil Tokoev and "
        "P. Varga considered the opening of a direct air service.",
        published="2022-05-17",
    )
    names = {p.name for p in rec.events[0].participants}
    assert "Emil Tokoev" in names


def test_a_header_title_counts_as_the_headline() -> None:
    text = ("Title: Readout of the Call with Prime Minister Ken Sato of Japan\n"
            "Date: 2023-02-08\n\nThe President spoke today with the Prime Minister.")
    raw = RawDocument(doc_id="t", source="t.txt", text=text, published="2023-02-08",
                      title="Readout of the Call with Prime Minister Ken Sato of Japan")
    event = extract(build(), raw).events[0]
    assert event.type == "phone_call"
    assert ("Ken Sato", "JP") in {(p.name, p.country_code) for p in event.participants}


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


def test_date_far_after_the_trigger_in_a_participial_clause_counts() -> None:
    rec = record(
        "The delegation took part in the 78th session of the Economic and Social "
        "Commission for Asia and the Pacific, held in Bangkok on 23-27 May.",
        published="2022-05-27",
    )
    assert (rec.events[0].date.start, rec.events[0].date.end) == ("2022-05-23", "2022-05-27")


def test_hard_wrapped_lines_read_as_one_phrase_and_spans_keep_the_breaks() -> None:
    text = ("On 13 March, the Minister of Foreign Affairs of\nTurkmenistan R. Meredov met "
            "with the Ambassador of Japan K. Sato in the\nMinistry of Foreign Affairs of "
            "Turkmenistan. The sides discussed transport\nand logistics.")
    rec = record(text, published="2019-03-14")
    event = rec.events[0]
    assert ("R. Meredov", "TM") in {(p.name, p.country_code) for p in event.participants}
    assert event.location.venue == "Ministry of Foreign Affairs"
    assert [t.text for t in event.topics] == ["transport and logistics"]
    assert event.topics[0].span.text == "transport\nand logistics"


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
