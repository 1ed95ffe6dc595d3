"""Acceptance: the test tickets, read by the real extractor, against the fixture graph."""

from __future__ import annotations

import pytest

from extract.enrich import EnrichSettings, IncidentIndex, Link, link_ticket, ticket_from_mapping

ALL_CANDIDATES = EnrichSettings(top=3, threshold=0.0)


def _links(row: dict, index: IncidentIndex, settings: EnrichSettings = ALL_CANDIDATES) -> list[Link]:
    return link_ticket(ticket_from_mapping(row), index, settings)


def _describe(links: list[Link]) -> list[tuple]:
    return [(link.incident_id, round(link.score, 3), [e.reason() for e in link.evidence]) for link in links]


def test_the_right_incident_ranks_first_for_every_related_ticket(
    index: IncidentIndex, tickets: list[dict]
) -> None:
    related = [row for row in tickets if row["expected"]]
    assert len(related) >= 9
    wrong = {}
    for row in related:
        links = _links(row, index)
        if not links or links[0].incident_id != row["expected"]:
            wrong[row["id"]] = _describe(links)
    assert wrong == {}


def test_no_unrelated_ticket_is_linked_above_the_threshold(index: IncidentIndex, tickets: list[dict]) -> None:
    unrelated = [row for row in tickets if not row["expected"]]
    assert len(unrelated) >= 6
    linked = {
        row["id"]: _describe(links) for row in unrelated if (links := _links(row, index, EnrichSettings()))
    }
    assert linked == {}


@pytest.mark.parametrize("ticket_id", ["T-107", "T-108", "T-109"])
def test_tickets_naming_an_incident_or_its_reference_are_near_certain(
    index: IncidentIndex, tickets: list[dict], ticket_id: str
) -> None:
    row = next(r for r in tickets if r["id"] == ticket_id)
    top = _links(row, index)[0]
    assert top.incident_id == row["expected"]
    assert top.score > 0.95
    assert top.evidence[0].kind in {"incident_id", "external_ref"}


@pytest.mark.parametrize("ticket_id", ["T-101", "T-102", "T-103"])
def test_error_code_tickets_are_linked_with_their_evidence(
    index: IncidentIndex, tickets: list[dict], ticket_id: str
) -> None:
    row = next(r for r in tickets if r["id"] == ticket_id)
    links = _links(row, index, EnrichSettings())
    assert [link.incident_id for link in links][:1] == ["EX649175"]
    assert links[0].linked
    kinds = {e.kind for e in links[0].evidence if e.weight > 0}
    assert {"error_code", "time"} <= kinds


def test_the_german_uk_ticket_of_the_issue(index: IncidentIndex, tickets: list[dict]) -> None:
    row = next(r for r in tickets if r["id"] == "T-101")
    top = _links(row, index)[0]
    reasons = " ".join(e.reason() for e in top.evidence)
    assert "smtp:503 5.5.1" in reasons
    assert "GB" in reasons
    assert top.summary.startswith("EX649175 Exchange Online")
