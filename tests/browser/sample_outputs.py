"""A small run's outputs, built from DocumentRecord models, for report and db tests.

The sentences are written for these tests (no corpus text). Spans are found
in the text with `str.index`, so every span checks by construction. One
release carries markup (`<script>`, `<img onerror>`) that the report must
show as text, never run.
"""

from __future__ import annotations

import json
from pathlib import Path

from communique.models import (
    Date,
    DocumentRecord,
    Event,
    InputError,
    Location,
    Participant,
    Span,
    Topic,
)

XSS_DOC_ID = "mfa-004-markup"
ODD_DOC_ID = "note 7 (draft) & co"
SCRIPT_PAYLOAD = "<script>window.__pwned = 1; alert(1)</script>"
IMG_PAYLOAD = "<img src=x onerror=\"window.__pwned = 2; alert(1)\">"


def span(text: str, part: str, after: int = 0) -> Span:
    """The span of the first `part` in `text` at or after `after`."""
    start = text.index(part, after)
    return Span(start=start, end=start + len(part), text=part)


def _meeting_record() -> DocumentRecord:
    text = (
        "Foreign ministers of Tajikistan and Turkmenistan meet in Ashgabat\n\n"
        "On March 3, 2022, the Minister of Foreign Affairs of Turkmenistan Rashid Meredov "
        "met with the Minister of Foreign Affairs of Tajikistan S. Aslov at the Ministry "
        "of Foreign Affairs in Ashgabat. The sides discussed transport and logistics and "
        "regional security issues."
    )
    sentence = span(text, text[text.index("On March"): text.index("Ashgabat.") + 9])
    return DocumentRecord(
        doc_id="mfa-001-meeting",
        source="releases/mfa-001-meeting.txt",
        title="Foreign ministers of Tajikistan and Turkmenistan meet in Ashgabat",
        published="2022-03-03",
        events=[
            Event(
                type="meeting",
                date=Date(start="2022-03-03", end="2022-03-03", text="March 3, 2022",
                          span=span(text, "March 3, 2022")),
                location=Location(city="Ashgabat", country="Turkmenistan", country_code="TM",
                                  venue="Ministry of Foreign Affairs", lat=37.95, lon=58.38,
                                  text="Ashgabat", span=span(text, "Ashgabat", 100)),
                mode="in_person",
                participants=[
                    Participant(name="Rashid Meredov", role="Minister of Foreign Affairs",
                                role_category="foreign_minister", country="Turkmenistan",
                                country_code="TM", span=span(text, "Rashid Meredov"),
                                role_span=span(text, "Minister of Foreign Affairs")),
                    Participant(name="S. Aslov", role="Minister of Foreign Affairs",
                                role_category="foreign_minister", country="Tajikistan",
                                country_code="TJ", span=span(text, "S. Aslov"),
                                role_span=span(text, "Minister of Foreign Affairs", 100)),
                ],
                topics=[
                    Topic(text="transport and logistics",
                          span=span(text, "transport and logistics")),
                    Topic(text="regional security issues",
                          span=span(text, "regional security issues")),
                ],
                evidence=[sentence],
            )
        ],
        text=text,
        url="https://example.org/news/mfa-001",
        warnings=[],
    )


def _call_record() -> DocumentRecord:
    text = (
        "Telephone conversation with the Prime Minister of Japan\n\n"
        "On 12 April 2022 the President of Kazakhstan held a telephone conversation with "
        "Prime Minister of Japan Fumio Kishida. They exchanged views on energy cooperation."
    )
    return DocumentRecord(
        doc_id="mfa-002-call",
        source="releases/mfa-002-call.txt",
        title="Telephone conversation with the Prime Minister of Japan",
        published="2022-04-12",
        events=[
            Event(
                type="phone_call",
                date=Date(start="2022-04-12", end="2022-04-12", text="12 April 2022",
                          span=span(text, "12 April 2022")),
                mode="phone",
                participants=[
                    Participant(role="President of Kazakhstan", role_category="head_of_state",
                                country="Kazakhstan", country_code="KZ",
                                span=span(text, "President of Kazakhstan")),
                    Participant(name="Fumio Kishida", role="Prime Minister",
                                role_category="head_of_government", country="Japan",
                                country_code="JP", span=span(text, "Fumio Kishida")),
                ],
                topics=[Topic(text="energy cooperation", span=span(text, "energy cooperation"))],
                evidence=[span(text, text[text.index("On 12"): text.index("Kishida.") + 8])],
            )
        ],
        text=text,
        warnings=[],
    )


def _forum_record() -> DocumentRecord:
    text = (
        "Ministers meet at a regional forum in Astana\n\n"
        "On May 20-21, 2022, a forum of Central Asian foreign ministers took place in Astana. "
        "Mukhtar Tileuberdi of Kazakhstan, Vladimir Norov of Uzbekistan and a delegation of "
        "Japan took part. At the first session the ministers discussed water management."
    )
    return DocumentRecord(
        doc_id="mfa-003-forum",
        source="releases/mfa-003-forum.txt",
        title="Ministers meet at a regional forum in Astana",
        published="2022-05-22",
        events=[
            Event(
                type="forum",
                name="forum of Central Asian foreign ministers",
                date=Date(start="2022-05-20", end="2022-05-21", text="May 20-21, 2022",
                          span=span(text, "May 20-21, 2022")),
                location=Location(city="Astana", country="Kazakhstan", country_code="KZ",
                                  text="Astana", span=span(text, "Astana", 60)),
                participants=[
                    Participant(name="Mukhtar Tileuberdi", role_category="foreign_minister",
                                country="Kazakhstan", country_code="KZ",
                                span=span(text, "Mukhtar Tileuberdi")),
                    Participant(name="Vladimir Norov", role_category="foreign_minister",
                                country="Uzbekistan", country_code="UZ",
                                span=span(text, "Vladimir Norov")),
                    Participant(role="delegation of Japan", role_category="delegation",
                                country="Japan", country_code="JP",
                                span=span(text, "delegation of Japan")),
                ],
                topics=[Topic(text="water management", session=1,
                              span=span(text, "water management"))],
            )
        ],
        text=text,
        warnings=["date range read from a single expression"],
    )


def _markup_record() -> DocumentRecord:
    title = f"Briefing {SCRIPT_PAYLOAD}"
    text = (
        f"{title}\n\n"
        f"On June 1, 2022 the spokesperson Anna <b>Bold</b> gave a briefing. {IMG_PAYLOAD} "
        f"The text also quotes {SCRIPT_PAYLOAD} verbatim and discussed "
        "<i>cyber security</i> & \"quotes\"."
    )
    return DocumentRecord(
        doc_id=XSS_DOC_ID,
        source="releases/mfa-004-markup.html",
        title=title,
        published="2022-06-01",
        events=[
            Event(
                type="briefing",
                name=IMG_PAYLOAD,
                date=Date(start="2022-06-01", end="2022-06-01", text="June 1, 2022",
                          span=span(text, "June 1, 2022")),
                participants=[
                    Participant(name="Anna <b>Bold</b>", role="spokesperson",
                                role_category="official", country="Turkmenistan",
                                country_code="TM", span=span(text, "Anna <b>Bold</b>")),
                ],
                topics=[Topic(text="<i>cyber security</i>",
                              span=span(text, "<i>cyber security</i>"))],
            )
        ],
        text=text,
        url="javascript:window.__pwned=3",
        warnings=[f"odd markup {IMG_PAYLOAD}"],
    )


def _odd_id_record() -> DocumentRecord:
    text = "A note with no event in it.\n\nNothing was reported."
    return DocumentRecord(
        doc_id=ODD_DOC_ID,
        source="releases/note 7.txt",
        title=None,
        published=None,
        events=[],
        text=text,
        warnings=["no event found"],
    )


def sample_records() -> list[DocumentRecord]:
    """The records of the sample run, in input order."""
    return [
        _meeting_record(),
        _call_record(),
        _forum_record(),
        _markup_record(),
        _odd_id_record(),
    ]


def sample_errors() -> list[InputError]:
    return [
        InputError(input="releases/empty.txt", doc_id="empty", reason="empty text",
                   hint="the file has no text after decoding"),
        InputError(input="releases/huge.txt", doc_id="huge", reason="too long",
                   hint=f"longer than max_chars {SCRIPT_PAYLOAD}"),
        InputError(input="releases/blank.txt", doc_id="blank", reason="empty text", hint=None),
    ]


def write_outputs(
    out_dir: Path,
    records: list[DocumentRecord] | None = None,
    errors: list[InputError] | None = None,
) -> Path:
    """Write records.jsonl, errors.jsonl and run.json as a run would."""
    out_dir.mkdir(parents=True, exist_ok=True)
    records = sample_records() if records is None else records
    errors = sample_errors() if errors is None else errors
    with (out_dir / "records.jsonl").open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(record.model_dump_json() + "\n")
    with (out_dir / "errors.jsonl").open("w", encoding="utf-8") as fh:
        for error in errors:
            fh.write(error.model_dump_json() + "\n")
    run = {"started": "2022-07-01T10:00:00", "documents": len(records), "errors": len(errors)}
    (out_dir / "run.json").write_text(json.dumps(run), encoding="utf-8")
    return out_dir
