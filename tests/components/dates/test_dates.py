"""Dates component: given this expression or sentence (and anchor), these dates.

Sentences are written for these tests. A blank English pipeline is enough for
find_dates (our forms read the text itself); the DATE-entity fallback is shown
with an entity set by hand, so no test depends on the statistical model.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from communique.models import RawDocument
from communique.pipeline.components import build, make_doc
from communique.pipeline.components.dates.factory import GROUP
from communique.pipeline.components.dates.find import dateline_date, find_dates, normalise_date_text
from communique.pipeline.components.dates.lexicon import DATA_DIR, WORDS_FILE
from communique.pipeline.rules import RuleDataError
from tests.markup import Marked, assert_found, parse
from tests.rule_data import with_row

D = dt.date
PUB = D(2021, 10, 25)  # a Monday


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank("en")


def found(doc: Doc, published: dt.date | str | None) -> list[Marked]:
    """What find_dates gives, as markup values (start, end, inferred=true when inferred)."""
    dates = find_dates(doc, published)
    out = []
    for date in dates:
        assert date.span is not None and date.span.check(doc.text)
        assert date.span.text == date.text
        attrs = {"start": date.start, "end": date.end}
        if date.year_inferred:
            attrs["inferred"] = "true"
        out.append(Marked("d", date.span.start, date.span.end, date.span.text, attrs))
    return out


# --- normalise_date_text: one expression -------------------------------------------

@pytest.mark.parametrize(
    ("text", "anchor", "start", "end", "inferred"),
    [
        # full dates: the year is written
        ("January 26, 2018", None, D(2018, 1, 26), D(2018, 1, 26), False),
        ("26 January 2018", None, D(2018, 1, 26), D(2018, 1, 26), False),
        ("26.01.2018", None, D(2018, 1, 26), D(2018, 1, 26), False),
        ("2018-01-26", None, D(2018, 1, 26), D(2018, 1, 26), False),
        ("Jan. 25, 2013", None, D(2013, 1, 25), D(2013, 1, 25), False),
        ("Sept. 3, 2019", None, D(2019, 9, 3), D(2019, 9, 3), False),
        ("JANUARY 26, 2018", None, D(2018, 1, 26), D(2018, 1, 26), False),
        ("26th January, 2018", None, D(2018, 1, 26), D(2018, 1, 26), False),
        ("the 7th of May 2020", None, D(2020, 5, 7), D(2020, 5, 7), False),
        ("February 29, 2020", None, D(2020, 2, 29), D(2020, 2, 29), False),
        # partial dates take the anchor's year
        ("on 7 May", PUB, D(2021, 5, 7), D(2021, 5, 7), True),
        ("May 7th", PUB, D(2021, 5, 7), D(2021, 5, 7), True),
        # ranges, split by us
        ("April 25-26", PUB, D(2021, 4, 25), D(2021, 4, 26), True),
        ("25-26 April", PUB, D(2021, 4, 25), D(2021, 4, 26), True),
        ("April 25 – 26", PUB, D(2021, 4, 25), D(2021, 4, 26), True),
        ("April 25-26, 2024", None, D(2024, 4, 25), D(2024, 4, 26), False),
        ("30 November – 2 December", PUB, D(2021, 11, 30), D(2021, 12, 2), True),
        ("November 30 – December 2, 2021", None, D(2021, 11, 30), D(2021, 12, 2), False),
        ("30 November 2021 – 2 December 2021", None, D(2021, 11, 30), D(2021, 12, 2), False),
        ("from 5 to 7 March", PUB, D(2021, 3, 5), D(2021, 3, 7), True),
        ("between 14 and 15 June", PUB, D(2021, 6, 14), D(2021, 6, 15), True),
        ("December 30, 2021 – January 2, 2022", None, D(2021, 12, 30), D(2022, 1, 2), False),
        ("30 December – 2 January 2022", None, D(2021, 12, 30), D(2022, 1, 2), False),
        ("30 December 2021 – 2 January", None, D(2021, 12, 30), D(2022, 1, 2), False),
        # relative days resolve against the anchor
        ("today", PUB, PUB, PUB, True),
        ("Yesterday", PUB, D(2021, 10, 24), D(2021, 10, 24), True),
        ("the day before yesterday", PUB, D(2021, 10, 23), D(2021, 10, 23), True),
        ("tomorrow", PUB, D(2021, 10, 26), D(2021, 10, 26), True),
        ("this morning", PUB, PUB, PUB, True),
        ("two days ago", PUB, D(2021, 10, 23), D(2021, 10, 23), True),
        ("3 days ago", PUB, D(2021, 10, 22), D(2021, 10, 22), True),
        # weekdays: the last such day on or before the anchor (a Monday here)
        ("on Monday", PUB, PUB, PUB, True),
        ("on Friday", PUB, D(2021, 10, 22), D(2021, 10, 22), True),
        ("Thursday", PUB, D(2021, 10, 21), D(2021, 10, 21), True),
        ("last Monday", PUB, D(2021, 10, 18), D(2021, 10, 18), True),
        ("next Wednesday", PUB, D(2021, 10, 27), D(2021, 10, 27), True),
        ("on Sunday evening", PUB, D(2021, 10, 24), D(2021, 10, 24), True),
        # a year said in words
        ("on 6 November last year", PUB, D(2020, 11, 6), D(2020, 11, 6), True),
        ("March 3 this year", PUB, D(2021, 3, 3), D(2021, 3, 3), True),
        # numeric with slashes: day-first when the first part cannot be a month
        ("13/01/2018", None, D(2018, 1, 13), D(2018, 1, 13), False),
        ("01/13/2018", None, D(2018, 1, 13), D(2018, 1, 13), False),
        # a form of ours does not read: dateparser does
        ("December the 5th", PUB, D(2021, 12, 5), D(2021, 12, 5), True),
    ],
)
def test_normalise(
    text: str, anchor: dt.date | None, start: dt.date, end: dt.date, inferred: bool
) -> None:
    assert normalise_date_text(text, anchor) == (start, end, inferred)


@pytest.mark.parametrize(
    ("text", "anchor", "start"),
    [
        # no year written: the latest occurrence up to a few months after the anchor
        ("December 28", D(2022, 1, 2), D(2021, 12, 28)),  # last year's, before the anchor
        ("October 20", D(2021, 10, 25), D(2021, 10, 20)),
        ("November 1–2", D(2021, 10, 25), D(2021, 11, 1)),  # an announced event: still a date
        ("January 5", D(2021, 12, 30), D(2022, 1, 5)),  # just after the anchor, next year
        ("September 10", D(2022, 2, 16), D(2021, 9, 10)),  # far ahead: last year's
        ("30 December – 2 January", D(2022, 1, 10), D(2021, 12, 30)),
    ],
)
def test_year_choice(text: str, anchor: dt.date, start: dt.date) -> None:
    result = normalise_date_text(text, anchor)
    assert result is not None and result[0] == start and result[1] >= result[0]


@pytest.mark.parametrize(
    ("text", "anchor"),
    [
        ("last week", PUB),  # a week, not a day
        ("this year", PUB),
        ("2021", PUB),  # a year alone
        ("June 2022", PUB),  # a month, not a day
        ("in January", PUB),
        ("the 23th meeting", PUB),  # ordinal meeting numbers are no dates
        ("12th", PUB),
        ("the 12th session", PUB),
        ("February 30, 2021", None),  # no such day
        ("31 April", PUB),
        ("February 29", PUB),  # 2021 is a common year: skipped, not moved
        ("April 26-25", PUB),  # end before start
        ("5 March – 2 February", PUB),  # no short range across a new year
        ("8 and 15 December", PUB),  # two dates, not a range
        ("every Monday", PUB),
        ("Mondays", PUB),
        ("yesterday", None),  # relative words need an anchor
        ("on Monday", None),
        ("7 May", None),  # no year and nothing to take one from
        ("the previous day", PUB),
    ],
)
def test_normalise_refuses(text: str, anchor: dt.date | None) -> None:
    assert normalise_date_text(text, anchor) is None


# --- find_dates: every date of a text, with spans -------------------------------------
# <d start=.. end=.. inferred=true>...</d> marks every date found; anything unmarked
# that find_dates gives fails the test.

@pytest.mark.parametrize(
    ("marked", "published"),
    [
        ("On <d start=2018-01-26 end=2018-01-26>January 26, 2018</d>, the two delegations met "
         "in the capital.", None),
        ("The ministers held talks on <d start=2021-05-07 end=2021-05-07 inferred=true>7 May</d> "
         "and signed a memorandum.", "2021-06-01"),
        ("The forum took place on <d start=2024-04-25 end=2024-04-26 inferred=true>April 25-26</d>"
         " and gathered forty delegations.", D(2024, 5, 3)),
        ("The session, held from <d start=2021-11-30 end=2021-12-02>30 November – 2 December "
         "2021</d>, closed with a declaration.", None),
        ("Consultations were held from <d start=2023-03-05 end=2023-03-07 inferred=true>5 to 7 "
         "March</d> in the capital.", D(2023, 3, 9)),
        ("The President spoke by phone <d start=2022-02-10 end=2022-02-10 inferred=true>today</d>"
         " with the Prime Minister. <d start=2022-02-09 end=2022-02-09 inferred=true>Yesterday</d>"
         " he received the envoy, and <d start=2022-02-08 end=2022-02-08 inferred=true>the day "
         "before yesterday</d> he chaired the council.", D(2022, 2, 10)),
        ("The envoys met on <d start=2021-10-25 end=2021-10-25 inferred=true>Monday</d> to "
         "prepare <d start=2021-10-22 end=2021-10-22 inferred=true>last Friday</d>'s agreement "
         "for signing.", D(2021, 10, 27)),  # a Wednesday
        # the weekday adds nothing
        ("On Friday, <d start=2018-01-26 end=2018-01-26>26 January 2018</d>, the ministers met.",
         None),
        ("The 23th meeting of the commission opened the 12th session last week; this year marks "
         "the anniversary of the treaty of 2001.", D(2021, 10, 25)),
        # future: still a date
        ("The summit is to be held on <d start=2021-11-01 end=2021-11-02 inferred=true>November "
         "1–2</d>, as agreed.", D(2021, 10, 25)),
        ("Ministers meet every Monday; the Mondays are reserved for reports.", D(2021, 10, 25)),
        ("The memorandum dated <d start=2018-01-26 end=2018-01-26>26.01.2018</d> was extended on "
         "<d start=2019-03-15 end=2019-03-15>2019-03-15</d>.", None),
        # no day named
        ("Since May the ministers may meet; in 2020 May 2021 was chosen.", D(2021, 10, 25)),
        # without a publication date a partial date takes the year of a full date, and
        # "today" has nothing to resolve against
        ("On <d start=2019-03-03 end=2019-03-03>March 3, 2019</d>, the delegations arrived. "
         "Talks followed on <d start=2019-03-04 end=2019-03-04 inferred=true>4 March</d>, and "
         "today the sides signed the protocol.", None),
        # ingest sets `published` from the dateline; without it the dateline is read
        ("KABUL, Afghanistan (<d start=2013-01-25 end=2013-01-25>Jan. 25, 2013</d>) — The "
         "governor met elders of the province <d start=2013-01-24 end=2013-01-24 inferred=true>"
         "yesterday</d> to discuss the new road.", D(2013, 1, 25)),
        ("KABUL, Afghanistan (<d start=2013-01-25 end=2013-01-25>Jan. 25, 2013</d>) — The "
         "governor met elders of the province <d start=2013-01-24 end=2013-01-24 inferred=true>"
         "yesterday</d> to discuss the new road.", None),
        # a bare weekday ending its clause, as news agencies write it (27 Oct: a Wednesday)
        ("Security forces detained two suspects in Kandahar province <d start=2021-10-26 "
         "end=2021-10-26 inferred=true>Tuesday</d>.", D(2021, 10, 27)),
        ("The governor said <d start=2021-10-25 end=2021-10-25 inferred=true>Monday</d>, "
         "adding that the road was open.", D(2021, 10, 27)),
        ("Patrols leave every Tuesday, and the market opens each Friday.", D(2021, 10, 27)),
        # night and morning words of operation and emergency reports
        ("<d start=2021-10-26 end=2021-10-26 inferred=true>Last night</d>, rescue teams reached "
         "the village; pumps ran <d start=2021-10-26 end=2021-10-26 inferred=true>overnight</d>"
         ". <d start=2021-10-27 end=2021-10-27 inferred=true>Earlier today</d> the court ruled.",
         D(2021, 10, 27)),
        # a relative word inside a name is no date
        ("The channel Russia Today reported on the talks.", PUB),
        ("The talks ended. <d start=2021-10-25 end=2021-10-25 inferred=true>Today</d> the sides "
         "signed a protocol.", PUB),
        ("<d start=2021-10-25 end=2021-10-25 inferred=true>Today</d>, the sides signed a "
         "protocol.", PUB),
        # "the same day", "the following day": counted from the date written before them
        ("On <d start=2021-10-12 end=2021-10-12 inferred=true>12 October</d>, the Minister "
         "arrived in Lima. On <d start=2021-10-12 end=2021-10-12 inferred=true>the same day</d>,"
         " he met the President. <d start=2021-10-13 end=2021-10-13 inferred=true>The following "
         "day</d>, he visited Cusco.", PUB),
        # after a range, which day is meant is not written; with no date before, nothing
        ("On <d start=2021-10-12 end=2021-10-13 inferred=true>12–13 October</d>, the forum met;"
         " on the same day the envoys left.", PUB),
        ("On the same day, the envoys left.", PUB),
    ],
)
def test_find_dates(nlp, marked: str, published) -> None:
    text, _ = parse(marked)
    assert_found(marked, found(nlp(text), published))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("KABUL, Afghanistan (Jan. 25, 2013) — Officials met.", D(2013, 1, 25)),
        ("Ashgabat, 26 January 2018\n\nThe ministers met.", D(2018, 1, 26)),
        ("On 26 January 2018 the ministers met.", None),  # a sentence, not a dateline
        ("The ministers met in Ashgabat.", None),
    ],
)
def test_dateline_date(text: str, expected: dt.date | None) -> None:
    assert dateline_date(text) == expected


def test_date_entity_fallback(nlp) -> None:
    """A DATE entity none of our forms reads goes to dateparser, with its span."""
    marked = ("The talks were held on <d start=2021-12-05 end=2021-12-05 inferred=true>December "
              "the 5th</d> in the capital.")
    doc = nlp(parse(marked)[0])
    doc.ents = [SpacySpan(doc, 5, 8, label="DATE")]
    assert_found(marked, found(doc, D(2021, 12, 20)))


def test_slash_dates_follow_the_date_order(nlp) -> None:
    doc = nlp("The agreement of 05/01/2018 entered into force.")
    assert find_dates(doc, None, date_order="DMY")[0].start == "2018-01-05"
    assert find_dates(doc, None, date_order="MDY")[0].start == "2018-05-01"


def test_a_bad_word_row_stops_pipeline_construction(tmp_path: Path) -> None:
    data, line = with_row(DATA_DIR, WORDS_FILE, '{"word": "fortnight", "kind": "period"}', tmp_path)
    with pytest.raises(RuleDataError, match=rf"^{WORDS_FILE}:{line}: "):
        spacy.blank("en").add_pipe("communique_dates", config={"data_dir": str(data)})


def test_the_component_writes_its_dates_as_spans(nlp) -> None:
    marked = "The ministers met on <d start=2021-10-20 end=2021-10-20 inferred=true>20 October</d>."
    text, _ = parse(marked)
    pipe = build()
    doc = pipe.get_pipe("communique_dates")(make_doc(pipe, RawDocument(
        doc_id="d", source="d", text=text, published="2021-10-25")))
    found_spans = [Marked("d", s.start_char, s.end_char, s.text,
                          {"start": s._.date.start, "end": s._.date.end,
                           **({"inferred": "true"} if s._.date.year_inferred else {})})
                   for s in doc.spans[GROUP]]
    assert_found(marked, found_spans)
