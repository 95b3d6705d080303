"""Date stage: given this expression or sentence (and anchor), these dates.

Sentences are written for these tests. A blank English pipeline is enough for
find_dates (our forms read the text itself); the DATE-entity fallback is shown
with an entity set by hand, so no test depends on the statistical model.
"""

from __future__ import annotations

import datetime as dt

import pytest
import spacy
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from communique.pipeline.dates import dateline_date, find_dates, normalise_date_text

D = dt.date
PUB = D(2021, 10, 25)  # a Monday


@pytest.fixture(scope="module")
def nlp() -> spacy.language.Language:
    return spacy.blank("en")


def found(doc: Doc, published: dt.date | str | None) -> list[tuple[str, str, str, bool]]:
    dates = find_dates(doc, published)
    for date in dates:
        assert date.span is not None and date.span.check(doc.text)
        assert date.span.text == date.text
    return [(d.text, d.start, d.end, d.year_inferred) for d in dates]  # type: ignore[misc]


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

@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "On January 26, 2018, the two delegations met in the capital.",
            None,
            [("January 26, 2018", "2018-01-26", "2018-01-26", False)],
        ),
        (
            "The ministers held talks on 7 May and signed a memorandum.",
            "2021-06-01",
            [("7 May", "2021-05-07", "2021-05-07", True)],
        ),
        (
            "The forum took place on April 25-26 and gathered forty delegations.",
            D(2024, 5, 3),
            [("April 25-26", "2024-04-25", "2024-04-26", True)],
        ),
        (
            "The session, held from 30 November – 2 December 2021, closed with a declaration.",
            None,
            [("30 November – 2 December 2021", "2021-11-30", "2021-12-02", False)],
        ),
        (
            "Consultations were held from 5 to 7 March in the capital.",
            D(2023, 3, 9),
            [("5 to 7 March", "2023-03-05", "2023-03-07", True)],
        ),
        (
            "The President spoke by phone today with the Prime Minister. Yesterday he "
            "received the envoy, and the day before yesterday he chaired the council.",
            D(2022, 2, 10),
            [
                ("today", "2022-02-10", "2022-02-10", True),
                ("Yesterday", "2022-02-09", "2022-02-09", True),
                ("the day before yesterday", "2022-02-08", "2022-02-08", True),
            ],
        ),
        (
            "The envoys met on Monday to prepare last Friday's agreement for signing.",
            D(2021, 10, 27),  # a Wednesday
            [
                ("Monday", "2021-10-25", "2021-10-25", True),
                ("last Friday", "2021-10-22", "2021-10-22", True),
            ],
        ),
        (
            "On Friday, 26 January 2018, the ministers met.",  # the weekday adds nothing
            None,
            [("26 January 2018", "2018-01-26", "2018-01-26", False)],
        ),
        (
            "The 23th meeting of the commission opened the 12th session last week; "
            "this year marks the anniversary of the treaty of 2001.",
            D(2021, 10, 25),
            [],
        ),
        (
            "The summit is to be held on November 1–2, as agreed.",  # future: still a date
            D(2021, 10, 25),
            [("November 1–2", "2021-11-01", "2021-11-02", True)],
        ),
        (
            "Ministers meet every Monday; the Mondays are reserved for reports.",
            D(2021, 10, 25),
            [],
        ),
        (
            "The memorandum dated 26.01.2018 was extended on 2019-03-15.",
            None,
            [
                ("26.01.2018", "2018-01-26", "2018-01-26", False),
                ("2019-03-15", "2019-03-15", "2019-03-15", False),
            ],
        ),
        (
            "Since May the ministers may meet; in 2020 May 2021 was chosen.",  # no day named
            D(2021, 10, 25),
            [],
        ),
    ],
)
def test_find_dates(nlp, text: str, published, expected: list) -> None:
    assert found(nlp(text), published) == expected


def test_partial_dates_take_the_year_of_a_full_date_when_unpublished(nlp) -> None:
    doc = nlp(
        "On March 3, 2019, the delegations arrived. Talks followed on 4 March, "
        "and today the sides signed the protocol."
    )
    # "today" has nothing to resolve against: without a publication date it is left out
    assert found(doc, None) == [
        ("March 3, 2019", "2019-03-03", "2019-03-03", False),
        ("4 March", "2019-03-04", "2019-03-04", True),
    ]


@pytest.mark.parametrize("published", [D(2013, 1, 25), None])
def test_dateline_and_relative_date(nlp, published: dt.date | None) -> None:
    """Ingest sets `published` from the dateline; without it we read the dateline."""
    doc = nlp(
        "KABUL, Afghanistan (Jan. 25, 2013) — The governor met elders of the province "
        "yesterday to discuss the new road."
    )
    assert found(doc, published) == [
        ("Jan. 25, 2013", "2013-01-25", "2013-01-25", False),
        ("yesterday", "2013-01-24", "2013-01-24", True),
    ]


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
    doc = nlp("The talks were held on December the 5th in the capital.")
    doc.ents = [SpacySpan(doc, 5, 8, label="DATE")]
    assert found(doc, D(2021, 12, 20)) == [
        ("December the 5th", "2021-12-05", "2021-12-05", True)
    ]


def test_slash_dates_follow_the_date_order(nlp) -> None:
    doc = nlp("The agreement of 05/01/2018 entered into force.")
    assert find_dates(doc, None, date_order="DMY")[0].start == "2018-01-05"
    assert find_dates(doc, None, date_order="MDY")[0].start == "2018-05-01"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The channel Russia Today reported on the talks.", []),
        ("The talks ended. Today the sides signed a protocol.", ["Today"]),
        ("Today, the sides signed a protocol.", ["Today"]),
    ],
)
def test_relative_word_inside_a_name(nlp, text: str, expected: list[str]) -> None:
    assert [d.text for d in find_dates(nlp(text), PUB)] == expected
