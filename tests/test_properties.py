"""Properties that hold for any input (issue 6), checked with hypothesis.

Whatever text reaches extraction, the pipeline must not crash, every span
must point at its own text, the record must survive a JSON round trip, dates
must be real ISO days with end >= start, and country codes must be real ISO
3166-1 alpha-2 codes. Two kinds of text are generated: arbitrary Unicode
(what a broken decoder or a scraper can hand over) and English-like text
assembled from the words releases are made of (release-shaped sentences of
titles, countries, cities, names and dates in many forms, between soups of
the same words, punctuation and newlines), which reaches far more of the
rules than random characters do.

The example counts are moderate: spaCy takes ~5-20 ms per short document.
The helpers that make input safe for output (CSV cells, doc ids, JSON
embedded in the report) are cheap and get more examples.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath

import pycountry
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from communique.models import DocumentRecord, RawDocument
from communique.pipeline.components import build
from communique.pipeline.components import extract as run_pipeline
from communique.pipeline.components.dates.find import normalise_date_text
from communique.pipeline.ingest import IngestOptions, iter_documents
from communique.pipeline.ingest.documents import file_name_for
from communique.pipeline.writers import export, report

ISO_CODES = frozenset(country.alpha_2 for country in pycountry.countries)
FAST = settings(deadline=None, max_examples=400, derandomize=True)


def slow(examples: int) -> settings:
    """Settings for tests that run spaCy: no deadline, fixed seed (no flaky CI)."""
    return settings(deadline=None, max_examples=examples, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def nlp() -> Language:
    return build()


# --- strategies -----------------------------------------------------------------


TITLES = ["President", "Prime Minister", "Minister of Foreign Affairs", "Foreign Minister",
          "Deputy Foreign Minister", "Ambassador", "Special Envoy", "Secretary-General",
          "Deputy Prime Minister", "Chairman", "Mr.", "H.E.", "Ms.", "Speaker of Parliament"]
PLACES = ["Turkmenistan", "Japan", "the Republic of Tajikistan", "Kazakhstan", "Russia",
          "the United States", "U.S.", "Türkiye", "Côte d'Ivoire", "Georgia", "Congo",
          "the European Union", "Ashgabat", "Ashkhabad", "Tokyo", "Moscow", "Geneva", "Paris",
          "New York", "Kyiv", "Nur-Sultan", "Lima", "Oslo", "Chile", "the UN", "OSCE"]
NAMES = ["Rashid Meredov", "Ana Ruiz", "John Smith", "Kassym-Jomart Tokayev", "S. Lavrov",
         "Maria", "Chen Wei", "O'Neil"]
WORDS = ["the", "met", "with", "held", "talks", "a", "meeting", "visit", "paid", "an", "official",
         "in", "on", "at", "of", "and", "discussed", "trade", "energy", "security", "signed",
         "agreement", "memorandum", "telephone", "conversation", "video", "conference",
         "consultations", "session", "forum", "took", "place", "delegation", "arrived",
         "sides", "counterpart", "his", "her", "bilateral", "cooperation", "10th", "Ministry",
         "ministers", "agreed", "to", "next", "round", "online", "by", "phone", "headquarters"]
PUNCT = [".", ",", ";", ":", "-", "–", "—", "(", ")", '"', "'", "’", "/", "…", "!", "?"]
BREAKS = [" ", " ", " ", "\n", "\n\n", "\t", "  ", "\u00a0", "\r\n"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December", "Jan.", "Feb.", "Sept.", "Dec."]
RELATIVE = ["yesterday", "today", "tomorrow", "on Monday", "last Friday", "next Tuesday",
            "this week", "last year", "next year", "the day before", "mid-March",
            "early May", "the same day"]


@st.composite
def date_text(draw) -> str:
    """A date written the many ways releases write them, valid or not."""
    day = draw(st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))
    d, m, y = draw(st.integers(0, 40)), draw(st.integers(0, 14)), day.year
    month = draw(st.sampled_from(MONTHS))
    forms = [
        day.isoformat(), f"{day.day} {month} {y}", f"{month} {day.day}, {y}",
        f"{day.day}.{day.month:02d}.{y}", f"{d}/{m}/{y}", f"{day.day}-{d} {month}",
        f"{month} {day.day}–{d}", f"{day.day} {month}", f"{day.day}th of {month}",
        f"{d} {month} – {day.day} {draw(st.sampled_from(MONTHS))} {y}",
        f"{day:%Y%m%d}", draw(st.sampled_from(RELATIVE)), f"{y}-{m:02d}-{d:02d}",
    ]
    return draw(st.sampled_from(forms))


TOKEN = st.one_of(
    st.sampled_from(TITLES), st.sampled_from(PLACES), st.sampled_from(NAMES),
    st.sampled_from(WORDS), st.sampled_from(PUNCT), date_text(),
    st.integers(-5, 3000).map(str), st.text(max_size=4),
)
SOUP = st.lists(st.tuples(TOKEN, st.sampled_from(BREAKS)), max_size=40).map(
    lambda pairs: "".join(token + gap for token, gap in pairs))
VERBS = ["met", "held talks with", "received", "paid an official visit to", "met with",
         "held a telephone conversation with", "signed a memorandum with", "spoke with"]


@st.composite
def sentence(draw) -> str:
    """A release-shaped sentence, each part optional, so the stages have work to do."""
    def maybe(part: st.SearchStrategy[str]) -> str:
        return draw(st.one_of(st.just(""), part))

    def person() -> str:
        return " ".join(filter(None, [
            draw(st.sampled_from(TITLES)), maybe(st.sampled_from(PLACES).map("of {}".format)),
            maybe(st.sampled_from(NAMES))]))

    parts = [maybe(date_text().map("On {},".format)), person(), draw(st.sampled_from(VERBS)),
             person(), maybe(st.sampled_from(PLACES).map("in {}".format)),
             maybe(date_text().map("on {}".format)),
             maybe(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(
                 lambda ws: "to discuss " + " and ".join(ws)))]
    return " ".join(p for p in parts if p) + draw(st.sampled_from([".", ".", ";", "", " –"]))


ENGLISH_LIKE = st.lists(st.one_of(sentence(), sentence(), SOUP), max_size=8).flatmap(
    lambda chunks: st.lists(st.sampled_from(BREAKS), min_size=len(chunks),
                            max_size=len(chunks)).map(
        lambda gaps: "".join(c + g for c, g in zip(chunks, gaps, strict=True))))
PUBLISHED = st.one_of(
    st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)).map(dt.date.isoformat),
    st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31)).map(dt.date.isoformat),
)
TITLE = st.one_of(st.none(), ENGLISH_LIKE.map(lambda s: " ".join(s.split())[:80] or None))


# --- checks -------------------------------------------------------------------


def extract(nlp: Language, body: str, published: str | None = None,
            title: str | None = None) -> tuple[str, DocumentRecord]:
    """Extraction as the runner does it, without ingest: title, blank line, body."""
    text = f"{title}\n\n{body}" if title else body
    raw = RawDocument(doc_id="prop", source="prop.txt", text=text, title=title,
                      published=published)
    return text, run_pipeline(nlp, raw)


def assert_valid(text: str, record: DocumentRecord) -> None:
    assert record.bad_spans(text) == []
    again = DocumentRecord.model_validate_json(record.model_dump_json())
    assert again.model_dump() == record.model_dump()
    for event in record.events:
        start, end = event.date.start, event.date.end
        if start is not None:
            assert dt.date.fromisoformat(start).isoformat() == start
        if end is not None:
            assert start is not None
            assert dt.date.fromisoformat(end) >= dt.date.fromisoformat(start)
        codes = [p.country_code for p in event.participants]
        codes.append(event.location.country_code if event.location else None)
        assert {c for c in codes if c is not None} <= ISO_CODES
        for span in event.evidence:
            assert text[span.start:span.end] == span.text


# --- extraction properties -----------------------------------------------------------


@slow(100)
@given(text=st.text(max_size=400), published=PUBLISHED)
def test_arbitrary_unicode_never_crashes_and_stays_valid(nlp, text, published):
    assert_valid(*extract(nlp, text, published))


@slow(150)
@given(body=ENGLISH_LIKE, published=PUBLISHED, title=TITLE)
def test_english_like_text_never_crashes_and_stays_valid(nlp, body, published, title):
    assert_valid(*extract(nlp, body, published, title))


@slow(60)
@given(text=st.text(alphabet=st.characters(categories=["Zs", "Cc", "Cf", "Zl", "Zp", "Mn",
                                                        "So", "Po"]), max_size=200))
def test_whitespace_controls_and_marks_only(nlp, text):
    """Text with no letters at all: spaCy makes odd tokens and sentences of it."""
    assert_valid(*extract(nlp, text))


# Found by the English-like property: a publication date at either end of the
# calendar (valid input from a header, a dateline or a published column) made
# date arithmetic overflow. dates.resolve now gives such a date up.
@pytest.mark.parametrize(("body", "published"), [
    ("The sides met yesterday.", "0001-01-01"),
    ("The talks will continue tomorrow in Ashgabat.", "9999-12-31"),
    ("The minister arrived on 26 January.", "9999-12-31"),
    ("The ministers met last Monday.", "0001-01-01"),
    ("The delegation will arrive next Friday.", "9999-12-30"),
])
def test_publication_date_at_the_ends_of_the_calendar(nlp, body, published):
    text, record = extract(nlp, body, published)
    assert_valid(text, record)
    assert all(e.date.start is None or e.date.start[:4] in {"0001", "9999"}
               for e in record.events)


@pytest.mark.parametrize(("text", "anchor"), [
    ("yesterday", dt.date(1, 1, 1)),
    ("tomorrow", dt.date(9999, 12, 31)),
    ("Sunday", dt.date(1, 1, 1)),
    ("26 January", dt.date(9999, 12, 31)),
])
def test_dates_resolve_gives_up_outside_the_calendar(text, anchor):
    assert normalise_date_text(text, anchor) is None


# --- output safety -----------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@FAST
@given(st.text())
def test_csv_cell_never_starts_a_formula_and_keeps_the_text(value):
    cell = export.safe_cell(value)
    assert "\x00" not in cell
    assert not cell.startswith(_FORMULA_START)
    kept = value.replace("\x00", "")
    assert cell in {kept, "'" + kept}
    assert (cell == "'" + kept) == kept.startswith(_FORMULA_START)
    buffer = io.StringIO()
    csv.writer(buffer).writerow([cell, "next"])
    assert next(csv.reader(io.StringIO(buffer.getvalue(), newline=""))) == [cell, "next"]


@FAST
@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()))
def test_csv_cell_numbers_stay_numbers(value):
    cell = export.safe_cell(value)
    if value is None or isinstance(value, bool):
        assert cell in {"", "true", "false"}
    else:
        assert cell == value


IDS = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(["..", ".", "/", "\\", "\x00", "C:", "~", "-", " ", "\u202e",
                              "\n", "a", "é", "ид", "%2e", "CON", "*", "|"]),
             max_size=12).map("".join),
)


@settings(deadline=None, max_examples=150, derandomize=True)
@given(IDS)
def test_doc_ids_from_input_are_kept_exactly(raw_id):
    """Whatever the id column holds, the id comes back exactly (a blank one is replaced
    by a generated id, with a warning)."""
    with tempfile.TemporaryDirectory() as folder:
        rows = Path(folder) / "rows.jsonl"
        body = "The Minister of Foreign Affairs met the Ambassador of Japan in Tokyo."
        rows.write_text(json.dumps({"id": raw_id, "text": body}) + "\n", encoding="utf-8")
        items = list(iter_documents([rows], IngestOptions(check_language=False)))
    assert len(items) == 1
    item = items[0]
    assert isinstance(item, RawDocument)
    if raw_id.strip():
        assert item.doc_id == raw_id and item.warnings == []
    else:
        assert item.doc_id == "rows-1" and item.warnings


@settings(deadline=None, max_examples=150, derandomize=True)
@given(IDS)
def test_file_names_for_any_id_are_safe(raw_id):
    """A file name made from any id is one safe path component."""
    name = file_name_for(raw_id)
    assert name == name.strip()
    assert not name.startswith((".", "-"))
    assert not any(c in name for c in '/\\:*?"<>|')
    assert not any(unicodedata.category(c) in {"Cc", "Cf", "Zl", "Zp", "Cs"} for c in name)
    assert len(name.encode("utf-8")) <= 200
    assert name and PurePosixPath(name).parts == (name,)


# Found by the property above: leading dots, dashes and spaces were stripped
# one kind at a time, so ". ." became "." and "- .." became "..".
@pytest.mark.parametrize(("raw_id", "safe"), [
    (". .", ""), ("- ..", ""), (".. ..", ""), (" - . - ", ""),
    ("-\u00a0.x", "x"), ("- .report", "report"),
])
def test_leading_dots_dashes_and_spaces_are_all_removed(raw_id, safe):
    name = file_name_for(raw_id)
    assert (name.rsplit("-", 1)[0] if safe else name) == (safe or name)
    assert len(name) == (len(safe) + 11 if safe else 10)


@FAST
@given(st.recursive(st.text() | st.integers() | st.none(),
                    lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=4), max_leaves=12))
def test_json_embedded_in_the_report_cannot_leave_its_script_block(payload):
    embedded = report.embed_json(payload)
    assert "<" not in embedded and ">" not in embedded and "&" not in embedded
    assert json.loads(embedded) == payload
