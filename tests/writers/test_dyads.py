"""dyads.csv: ordered pairs of an event's countries/organisations, host first."""

from __future__ import annotations

from communique.pipeline.writers.dyads import actors, dyad_rows


def participant(country: str | None = None, organization: str | None = None) -> dict:
    return {"name": None, "country_code": country, "organization": organization}


def record(*events: dict) -> dict:
    return {"doc_id": "d1", "events": list(events)}


def meeting(place: str | None, *people: dict, type_: str = "meeting",
            mode: str | None = "in_person") -> dict:
    return {"type": type_, "mode": mode, "date": {"start": "2019-03-13"},
            "location": {"country_code": place} if place else None,
            "participants": list(people)}


def test_a_hosted_meeting_has_the_host_as_source_only() -> None:
    rows = list(dyad_rows(record(meeting("TM", participant("TM"), participant("JP"),
                                         participant("TM")))))
    assert rows == [("d1", 0, "2019-03-13", "meeting", "TM", "country", "JP", "country",
                     "host", "040", "CONSULT", None)]


def test_guests_of_a_host_meet_each_other_both_ways() -> None:
    rows = list(dyad_rows(record(meeting("TM", participant("TM"), participant("JP"),
                                         participant("KZ")))))
    assert [(r[4], r[6], r[8]) for r in rows] == [
        ("TM", "JP", "host"), ("TM", "KZ", "host"), ("JP", "KZ", "symmetric"),
        ("KZ", "JP", "symmetric")]


def test_a_meeting_without_a_known_host_is_symmetric() -> None:
    rows = list(dyad_rows(record(
        meeting(None, participant("TM"), participant("JP")),
        meeting("AT", participant("TM"), participant("JP")))))
    assert [(r[1], r[4], r[6], r[8], r[9]) for r in rows] == [
        (0, "TM", "JP", "symmetric", "040"), (0, "JP", "TM", "symmetric", "040"),
        (1, "TM", "JP", "symmetric", "044"), (1, "JP", "TM", "symmetric", "044")]


def test_an_organisation_without_a_country_is_an_actor() -> None:
    event = meeting(None, participant(organization="United Nations"),
                    participant("KG", "Ministry of Foreign Affairs of Kyrgyzstan"),
                    participant(), type_="phone_call", mode="phone")
    assert actors(event) == [("United Nations", "organization"), ("KG", "country")]
    rows = list(dyad_rows(record(event)))
    assert [(r[4], r[5], r[6], r[7], r[9], r[11]) for r in rows] == [
        ("United Nations", "organization", "KG", "country", "041", "phone"),
        ("KG", "country", "United Nations", "organization", "041", "phone")]


def test_one_actor_makes_no_dyad() -> None:
    assert list(dyad_rows(record(meeting("TM", participant("TM"), participant("TM"))))) == []
