from __future__ import annotations

import json

import pytest

from extract.config import Settings
from extract.dedup import DedupResult, deduplicate
from extract.tables import update_occurrences_frame
from tests.github_corpus import github_pages


@pytest.fixture(scope="module")
def github_result() -> DedupResult:
    updates = [u for *_, parsed in github_pages() for u in parsed]
    return deduplicate(update_occurrences_frame(updates), Settings())


def test_no_update_is_merged_across_incidents(github_result: DedupResult) -> None:
    updates = github_result.updates
    assert len(updates) == 2801
    truth = {doc.id: incident for doc, incident, _, _ in github_pages()}
    for row in updates.itertuples():
        docs = {source["doc"] for source in json.loads(row.sources)}
        assert {truth[d] for d in docs} == {row.incident_id}


def test_boilerplate_is_a_cross_incident_text_cluster(github_result: DedupResult) -> None:
    clusters = github_result.clusters
    text_clusters = clusters[clusters.level != "field"]
    resolved = text_clusters[text_clusters.representative == "This incident has been resolved."].iloc[0]
    assert resolved["size"] >= 431
    assert resolved.cross_incident
    updates = github_result.updates
    cross = set(text_clusters[text_clusters.cross_incident].cluster_id)
    share = updates.text_cluster.isin(cross).mean()
    print(f"share of GitHub updates in cross-incident text clusters: {share:.3f}")
    assert 0.3 < share < 0.9  # boilerplate is common on status pages, but most text is not shared
