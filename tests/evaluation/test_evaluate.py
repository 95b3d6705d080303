"""Every match rule of records.md "How evaluate scores", on hand-made pairs with known answers."""

from __future__ import annotations

import pytest

from communique.models import Date, DocumentRecord, Event, Location, Participant, Span, Topic
from communique.pipeline.evaluation import (
    FIELDS,
    content_tokens,
    errors_markdown,
    fold_place,
    name_tokens,
    score,
    sentence_at,
)
from communique.pipeline.evaluation.normalise import token_f1


def ev(type_="meeting", start=None, end="same", city=None, country=None, people=(),
       topics=(), evidence=None) -> Event:
    """An event; people are (name, role, country_code), topics (text, session)."""
    date = Date(start=start, end=start if end == "same" else end)
    location = Location(city=city, country=country) if (city or country) else None
    participants = [Participant(name=n, role=r, country_code=c) for n, r, c in people]
    return Event(type=type_, date=date, location=location, participants=participants,
                 topics=[Topic(text=t, session=s) for t, s in topics],
                 evidence=[evidence] if evidence else [])


def rec(*events: Event, doc_id="d1", **extra) -> DocumentRecord:
    return DocumentRecord(doc_id=doc_id, source="x", events=list(events), **extra)


def one(gold: DocumentRecord, pred: DocumentRecord | None, field: str) -> tuple[int, int, int]:
    """(tp, pred, gold) of one field for a one-document corpus."""
    s = score({gold.doc_id: gold}, {pred.doc_id: pred} if pred else {}).fields[field]
    return s.tp, s.pred, s.gold


# ----------------------------------------------------------------- places


@pytest.mark.parametrize(
    ("gold", "pred", "hit"),
    [
        (("Ashgabat", None), ("Ashkhabad", None), 1),
        (("Astana", None), ("Nur-Sultan", None), 1),
        (("Ashgabat", None), ("ASHGABAT", None), 1),
        (("Zürich", None), ("zurich", None), 1),
        (("Moscow", None), ("Kyiv", None), 0),
        ((None, "Turkey"), (None, "Türkiye"), 1),
        ((None, "Russia"), (None, "Russian Federation"), 1),
        (("Moscow", "Russia"), (None, "Russia"), 0),  # city is compared, not country
        (("Dushanbe", "Tajikistan"), ("Dushanbe", "Uzbekistan"), 1),  # country ignored
    ],
)
def test_location_alias_folding(gold, pred, hit):
    g = rec(ev(city=gold[0], country=gold[1]))
    p = rec(ev(city=pred[0], country=pred[1]))
    assert one(g, p, "event_locations") == (hit, 1, 1)


@pytest.mark.parametrize(("a", "b"), [("Ashkhabad", "Ashgabat"), ("Nur-Sultan", "Astana")])
def test_fold_place_maps_alias_to_canonical(a, b):
    assert fold_place(a, "city") == fold_place(b, "city") == b.lower()


def test_event_without_location_contributes_nothing():
    assert one(rec(ev()), rec(ev(city="Baku")), "event_locations") == (0, 1, 0)


# ----------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("name", "tokens"),
    [
        ("T. Aiki", {"aiki"}),
        ("S.Lavrov", {"lavrov"}),
        ("J.R.R. Tolkien", {"tolkien"}),
        ("Joseph Biden Jr.", {"joseph", "biden"}),
        ("Jr. Biden", {"biden"}),
        ("Henry Ford III", {"henry", "ford"}),
        ("Sauli Niinistö", {"sauli", "niinisto"}),
        ("Pedro SÁNCHEZ", {"pedro", "sanchez"}),
        ("Abdel Fattah el-Sisi", {"abdel", "fattah", "el", "sisi"}),
        ("A. B.", set()),
    ],
)
def test_name_tokens(name, tokens):
    assert name_tokens(name) == tokens


def people(*names, role=None):
    return [(n, role, None) for n in names]


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (["Sauli Niinistö"], ["Niinisto"], (1, 1, 1)),
        (["T. Aiki"], ["Takeshi Aiki"], (1, 1, 1)),
        (["Joseph Biden Jr."], ["Biden"], (1, 1, 1)),
        (["T. Aiki"], ["T. Lee"], (0, 1, 1)),  # an initial is not a shared token
        (["Vladimir Putin", "Putin"], ["Vladimir Putin"], (1, 1, 1)),  # one person
        (["Vladimir Putin"], ["Putin", "Vladimir"], (1, 2, 1)),  # no shared token: two persons
        (["John Smith", "Jane Doe"], ["John Doe Smith"], (1, 1, 2)),  # one-to-one
        # most shared tokens first: Berg Holm takes Anna Berg Holm, Anna Lind is left Karl Lind
        (["Anna Berg Holm", "Karl Lind"], ["Anna Lind", "Berg Holm"], (2, 2, 2)),
        ([], ["Anna Lind"], (0, 1, 0)),
        (["Anna Lind"], [], (0, 0, 1)),
        (["A. B."], ["Anna Lind"], (0, 1, 0)),  # no token left: not a person
    ],
)
def test_persons_one_to_one(gold, pred, expected):
    g = rec(ev(people=people(*gold)))
    p = rec(ev(people=people(*pred)))
    assert one(g, p, "persons") == expected


def test_persons_joined_across_events_of_one_document():
    g = rec(ev(people=people("Vladimir Putin")), ev("briefing", people=people("Putin")))
    p = rec(ev(people=people("Putin")))
    assert one(g, p, "persons") == (1, 1, 1)


def test_unnamed_participants_are_not_persons():
    g = rec(ev(people=[(None, "delegation", "TM")]))
    assert one(g, rec(ev()), "persons") == (0, 0, 0)


# ----------------------------------------------------------------- roles


@pytest.mark.parametrize(
    ("gold_role", "pred_role", "f1"),
    [
        ("Minister of Foreign Affairs", "Minister", 0.5),  # 2*1/(3+1)
        ("Prime Minister", "Foreign Minister", 0.5),  # 2*1/(2+2)
        ("Minister of Foreign Affairs", "Deputy Minister", 0.4),  # 2*1/(3+2)
        ("President", "president", 1.0),
        ("Minister", "of the", 0.0),
    ],
)
def test_role_token_f1(gold_role, pred_role, f1):
    assert token_f1(content_tokens(gold_role), content_tokens(pred_role)) == pytest.approx(f1)


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (("Anna Lind", "Minister of Foreign Affairs"), ("Lind", "Minister"), (1, 1, 1)),  # 0.5
        (("Anna Lind", "Prime Minister"), ("Lind", "Foreign Minister"), (1, 1, 1)),  # 0.5
        (("Anna Lind", "Minister of Foreign Affairs"), ("Lind", "Deputy Minister"), (0, 1, 1)),
        (("Anna Lind", "President"), ("Karl Berg", "President"), (0, 1, 1)),  # persons differ
        (("Anna Lind", "President"), ("Anna Lind", None), (0, 0, 1)),
        (("Anna Lind", None), ("Anna Lind", "President"), (0, 1, 0)),
    ],
)
def test_person_roles(gold, pred, expected):
    g = rec(ev(people=[(gold[0], gold[1], None)]))
    p = rec(ev(people=[(pred[0], pred[1], None)]))
    assert one(g, p, "person_roles") == expected


def test_person_roles_use_the_persons_pairing():
    # Berg Holm pairs with Anna Berg Holm (2 tokens) although Anna Lind's role fits better.
    g = rec(ev(people=[("Anna Berg Holm", "President", None), ("Karl Lind", "Ambassador", None)]))
    p = rec(ev(people=[("Anna Lind", "President", None), ("Berg Holm", "Ambassador", None)]))
    assert one(g, p, "person_roles") == (0, 2, 2)


# ----------------------------------------------------------------- topics


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        # one gold topic, two partial predictions: one-to-one, only one counts
        ([("transport and logistics", 1)], [("transport", None), ("logistics", None)], (1, 2, 1)),
        # session numbers take no part in matching
        ([("regional security issues", 3)], [("regional security issues", None)], (1, 1, 1)),
        ([("transport", 1)], [("transport", 2)], (1, 1, 1)),
        # the same text in two sessions is one item of the set
        ([("transport", 1), ("transport", 2)], [("Transport", None)], (1, 1, 1)),
        # greedy by highest F1: "trade" goes to "trade" (1.0), not "trade and investment" (0.67)
        ([("trade and investment", None), ("trade", None)], [("trade", None)], (1, 1, 2)),
        ([("trade and investment", None), ("trade", None)],
         [("trade", None), ("investment", None)], (2, 2, 2)),
        ([("regional security issues", None)], [("security", None)], (1, 1, 1)),  # F1 0.5
        ([("regional security issues", None)], [("energy security", None)], (0, 1, 1)),  # 0.4
    ],
)
def test_topics_greedy_one_to_one(gold, pred, expected):
    g = rec(ev(topics=gold))
    p = rec(ev(topics=pred))
    assert one(g, p, "topics") == expected


def test_topic_miss_is_reported_with_its_kind():
    g = rec(ev(topics=[("trade and investment", None), ("trade", None)]))
    report = score({"d1": g}, {"d1": rec(ev(topics=[("trade", None)]))})
    (miss,) = [e for e in report.errors if e.field == "topics"]
    assert (miss.side, miss.value, miss.kind) == (
        "miss", "trade and investment", "overlapping topic paired elsewhere")


# ----------------------------------------------------------------- dates, types, countries


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        ([("2024-05-01", "same")], [("2024-05-01", "same")], (1, 1, 1)),
        ([("2024-05-01", "2024-05-02")], [("2024-05-01", "same")], (0, 1, 1)),
        ([("2024-05-01", "same")], [("2024-05-01", None)], (0, 1, 1)),  # end not filled in
        ([("2024-05-01", "same"), ("2024-05-01", "same")], [("2024-05-01", "same")], (1, 1, 1)),
        ([(None, None)], [("2024-05-01", "same")], (0, 1, 0)),  # no start: no item
        ([], [], (0, 0, 0)),
    ],
)
def test_event_dates_are_sets_of_exact_pairs(gold, pred, expected):
    g = rec(*[ev(start=s, end=e) for s, e in gold])
    p = rec(*[ev(start=s, end=e) for s, e in pred])
    assert one(g, p, "event_dates") == expected


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        (["meeting", "meeting", "briefing"], ["meeting"], (1, 1, 2)),
        (["phone_call"], ["meeting"], (0, 1, 1)),
        (["meeting"], ["meeting", "meeting"], (1, 1, 1)),
    ],
)
def test_event_types_are_sets(gold, pred, expected):
    assert one(rec(*[ev(t) for t in gold]), rec(*[ev(t) for t in pred]),
               "event_types") == expected


def test_countries_are_a_set_of_codes_of_all_participants():
    g = rec(ev(people=[(None, "delegation", "TM"), ("S. Aslov", "Minister", "TJ"),
                       (None, "Ambassador", "TM"), ("Anna Lind", None, None)]))
    p = rec(ev(people=[("Aslov", None, "TJ"), (None, None, "JP")]))
    assert one(g, p, "countries") == (1, 2, 2)


# ----------------------------------------------------------------- documents and totals


def full() -> DocumentRecord:
    return rec(ev(start="2024-05-01", city="Baku", people=[("Anna Lind", "President", "SE")],
                  topics=[("energy", None)]))


def test_empty_gold_and_empty_prediction_score_one():
    report = score({"d1": rec()}, {"d1": rec()})
    assert all((s.tp, s.pred, s.gold, s.f1) == (0, 0, 0, 1.0) for s in report.fields.values())
    assert report.macro_f1 == 1.0


def test_empty_prediction_misses_everything():
    report = score({"d1": full()}, {"d1": rec()})
    assert [report.fields[f].gold for f in FIELDS] == [1, 1, 1, 1, 1, 1, 1]
    assert all((s.tp, s.pred, s.precision, s.recall, s.f1) == (0, 0, 0.0, 0.0, 0.0)
               for s in report.fields.values())


def test_empty_gold_makes_every_prediction_false():
    report = score({"d1": rec()}, {"d1": full()})
    assert all((s.pred, s.gold, s.f1) == (1, 0, 0.0) for s in report.fields.values())


def test_missing_document_counts_its_items_as_misses_and_extra_documents_are_ignored():
    gold = {"d1": full(), "d2": full().model_copy(update={"doc_id": "d2"})}
    pred = {"d1": full(), "d3": full().model_copy(update={"doc_id": "d3"})}
    report = score(gold, pred)
    assert report.missing_docs == ["d2"] and report.extra_docs == ["d3"]
    assert report.scored_docs == 1 and report.gold_docs == 2
    persons = report.fields["persons"]
    assert (persons.tp, persons.pred, persons.gold) == (1, 1, 2)
    assert persons.precision == 1.0 and persons.recall == 0.5
    assert persons.f1 == pytest.approx(2 / 3)


def test_micro_average_sums_counts_over_documents():
    g = {"a": rec(ev(type_="meeting"), doc_id="a"), "b": rec(ev(type_="visit"), doc_id="b")}
    p = {"a": rec(ev(type_="meeting"), ev(type_="briefing"), doc_id="a"),
         "b": rec(ev(type_="visit"), doc_id="b")}
    s = score(g, p).fields["event_types"]
    assert (s.tp, s.pred, s.gold) == (2, 3, 2)
    assert s.f1 == pytest.approx(0.8)


# ----------------------------------------------------------------- error report


def test_errors_carry_the_evidence_sentence_and_largest_group_comes_first():
    text = "Talks were held. Anna Lind met Karl Berg in Baku. Both left."
    at = text.index("Karl Berg")
    span = Span(start=at, end=at + 9, text="Karl Berg")
    pred = rec(ev(city="Baku", people=[("Karl Berg", None, None)]), text=text)
    pred.events[0].participants[0].span = span
    gold = rec(ev(city="Ganja", people=[("Anna Lind", None, None), ("Olof Ek", None, None)]))
    report = score({"d1": gold}, {"d1": pred})
    fp = next(e for e in report.errors if e.field == "persons" and e.side == "false positive")
    assert fp.evidence == "Anna Lind met Karl Berg in Baku."
    miss = next(e for e in report.errors if e.value == "Anna Lind")
    assert miss.evidence == "Anna Lind met Karl Berg in Baku."
    md = errors_markdown(report)
    persons = md[md.index("## persons"):md.index("## person_roles")]
    assert persons.index("person not predicted (2)") < persons.index("person not in gold (1)")


@pytest.mark.parametrize(
    ("offset_of", "sentence"),
    [("Minister", "The Minister S. Aslov met them."), ("Next", "Next day.")],
)
def test_sentence_at_keeps_initials_inside(offset_of, sentence):
    text = "The Minister S. Aslov met them. Next day."
    assert sentence_at(text, text.index(offset_of)) == sentence
