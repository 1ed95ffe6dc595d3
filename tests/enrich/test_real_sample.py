"""The test tickets against the graph the pipeline builds from the bundled sample post."""

from __future__ import annotations

from pathlib import Path

import pytest

from extract.api import process_paths
from extract.enrich import (
    EnrichSettings,
    IncidentIndex,
    link_ticket,
    load_incident_index,
    ticket_from_mapping,
)
from extract.exports import write_dataset
from extract.resources import sample_paths


@pytest.fixture(scope="module")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> IncidentIndex:
    out = tmp_path_factory.mktemp("sample-graph")
    write_dataset(process_paths(sample_paths()), out)
    return load_incident_index(Path(out))


def test_the_sample_graph_holds_both_incidents(sample_index: IncidentIndex) -> None:
    blocked, delayed = sample_index.lookup("EX649175"), sample_index.lookup("EX648815")
    assert blocked is not None
    assert delayed is not None
    assert "INC37075572" in blocked.external_refs
    assert "smtp:503 5.5.1" in blocked.error_codes
    assert delayed.update_count == 12


def test_related_tickets_rank_their_incident_first_on_the_sample_graph(
    sample_index: IncidentIndex, tickets: list[dict]
) -> None:
    wrong = {}
    for row in tickets:
        links = link_ticket(ticket_from_mapping(row), sample_index, EnrichSettings(threshold=0.0))
        linked = [link for link in links if link.score >= 0.5]
        if row["expected"] and (not links or links[0].incident_id != row["expected"]):
            wrong[row["id"]] = [(link.incident_id, round(link.score, 3)) for link in links]
        if not row["expected"] and linked:
            wrong[row["id"]] = [(link.incident_id, round(link.score, 3)) for link in linked]
    assert wrong == {}
