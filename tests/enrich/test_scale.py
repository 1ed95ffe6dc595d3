from __future__ import annotations

from extract.enrich import EnrichSettings, TicketFeatures, build_index, rank_features
from extract.enrich.link import candidate_keys
from extract.enrich.synthetic import synthetic_incidents
from extract.enrich.times import parse_interval


def test_candidates_are_a_small_share_of_a_large_graph() -> None:
    incidents = synthetic_incidents(3000, seed=3)
    index = build_index(incidents)
    target = incidents[1234]
    ticket = TicketFeatures(
        incident_ids=frozenset({target["incident_id"]}),
        onsets=(parse_interval(target["start"][:10], "day"),),
    )
    keys = candidate_keys(ticket, index)
    assert target["id"] in keys
    assert len(keys) < len(index) / 20
    links = rank_features("T", ticket, index, EnrichSettings(top=1))
    assert [link.incident_id for link in links] == [target["incident_id"]]


def test_synthetic_graphs_are_deterministic() -> None:
    assert synthetic_incidents(50, seed=1) == synthetic_incidents(50, seed=1)
    assert synthetic_incidents(50, seed=1) != synthetic_incidents(50, seed=2)


def test_time_filters_codes_but_keeps_ids_and_undated_incidents() -> None:
    base = {
        "service": "Exchange Online",
        "error_codes": ["smtp:550 5.7.708"],
        "regions": [],
        "external_refs": [],
    }
    rows = [
        {**base, "id": "a", "incident_id": "EX1", "start": "2023-07-18T06:00:00+00:00"},
        {**base, "id": "b", "incident_id": "EX2", "start": "2022-01-10T06:00:00+00:00"},
        {**base, "id": "c", "incident_id": "EX3"},  # no time known
    ]
    index = build_index(rows)
    morning = parse_interval("2023-07-18", "day", "morning")
    by_code = TicketFeatures(error_codes=frozenset({"smtp:550 5.7.708"}), onsets=(morning,))
    assert candidate_keys(by_code, index) == {"a", "c"}
    by_id = TicketFeatures(incident_ids=frozenset({"EX2"}), onsets=(morning,))
    assert candidate_keys(by_id, index) == {"a", "b", "c"}
    timeless = TicketFeatures(error_codes=frozenset({"smtp:550 5.7.708"}))
    assert candidate_keys(timeless, index) == {"a", "b", "c"}
