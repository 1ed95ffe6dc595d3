from __future__ import annotations

from datetime import UTC, datetime

from extract.enrich import Ticket, ticket_features
from extract.model import Mention


def mention(kind: str, value: str, **extra) -> Mention:
    return Mention(doc="ticket", type=kind, text=value, start=0, end=len(value), value=value, extra=extra)


def analyzer_of(*mentions: Mention):
    """An analyzer that finds the given mentions in the ticket text and nothing in its fields."""

    def analyze(text: str, anchor: str | None):
        return list(mentions) if "\n" in text or len(text) > 20 else []

    return analyze


TICKET = Ticket(
    id="T",
    subject="Mails kommen zurück",
    body="seit gestern Abend, 503 5.5.1",
    created="2023-07-18T07:50:00+02:00",
)


def test_naive_times_are_read_on_the_reporters_clock() -> None:
    found = ticket_features(
        TICKET, analyzer_of(mention("timestamp", "2023-07-17", grain="day", part_of_day="evening"))
    )
    (onset,) = found.onsets
    assert onset.start == datetime(2023, 7, 17, 15, tzinfo=UTC)  # 17:00 at +02:00
    assert onset.end == datetime(2023, 7, 17, 22, tzinfo=UTC)
    assert found.created.start == datetime(2023, 7, 18, 5, 50, tzinfo=UTC)


def test_times_after_the_ticket_was_opened_are_not_onsets() -> None:
    later = mention("timestamp", "2023-07-18T21:52:00", grain="minute")
    earlier = mention("timestamp", "2023-07-18T06:10:00", grain="minute")
    coarse = mention("timestamp", "2023-07", grain="month")
    found = ticket_features(TICKET, analyzer_of(later, earlier, coarse))
    assert [o.start for o in found.onsets] == [datetime(2023, 7, 18, 4, 10, tzinfo=UTC)]


def test_values_are_normalized_and_fields_are_read() -> None:
    ticket = Ticket(
        id="T", subject="Status of inc 37075572", body="x" * 30, service="Exchange Online", region="uk"
    )
    found = ticket_features(
        ticket,
        analyzer_of(mention("incident_id", "inc37075572"), mention("error_code", "smtp:503 5.5.1")),
    )
    assert found.incident_ids == {"INC37075572"}
    assert found.error_codes == {"smtp:503 5.5.1"}
    assert found.services == {"Exchange Online"}  # the field, kept as given when not recognized
    assert found.regions == set()  # "uk" is neither recognized by this analyzer nor a code
    assert found.onsets == ()
    assert found.created is None


def test_the_default_analyzer_reads_real_tickets() -> None:
    found = ticket_features(
        Ticket(
            id="T",
            created="2023-07-18T09:40:00+02:00",
            body="Mails an externe Empfänger kommen zurück mit 503 5.5.1, seit heute früh, betrifft Kollegen in UK",
        )
    )
    assert found.error_codes == {"smtp:503 5.5.1"}
    assert "GB" in found.regions
    assert {"mail", "send_failure"} <= found.concepts
    assert found.onsets


def test_region_fields_holding_codes_are_kept() -> None:
    for field, expected in (("ch", {"CH"}), ("DACH", {"DACH"}), ("global", {"GLOBAL"}), ("XX", set())):
        ticket = Ticket(id="T", subject="Störung", body="y" * 30, region=field)
        assert ticket_features(ticket, analyzer_of()).regions == expected
