"""replaced_ids: which old node ids an incremental merge replaced, and by what."""

from __future__ import annotations

import json

import pandas as pd

from extract.graph import build_graph, replaced_ids
from extract.graph.schema import NODE_COLUMNS
from tests.graph.builders import doc, mention, tables, update


def _nodes(rows):
    return pd.DataFrame(rows, columns=list(NODE_COLUMNS))


def _cluster(cluster_id, members):
    return {
        "id": f"text_cluster:{cluster_id}",
        "kind": "text_cluster",
        "cluster_id": cluster_id,
        "members": json.dumps(members),
    }


def test_a_cluster_that_gained_members_is_replaced():
    old = _nodes([_cluster("a", ["u1", "u2"]), {"id": "doc:d", "kind": "document"}])
    new = _nodes([_cluster("b", ["u1", "u2", "u3"]), {"id": "doc:d", "kind": "document"}])
    result = replaced_ids(old, new)
    assert result.to_dict("records") == [
        {"old_id": "text_cluster:a", "new_id": "text_cluster:b", "kind": "text_cluster", "reason": "replaced"}
    ]


def test_two_clusters_merged_into_one():
    old = _nodes([_cluster("a", ["u1"]), _cluster("b", ["u2"])])
    new = _nodes([_cluster("c", ["u1", "u2"])])
    result = replaced_ids(old, new)
    assert list(result["old_id"]) == ["text_cluster:a", "text_cluster:b"]
    assert set(result["new_id"]) == {"text_cluster:c"}
    assert set(result["reason"]) == {"merged"}


def test_unchanged_ids_are_not_reported_and_lost_ones_are_removed():
    old = _nodes([_cluster("a", ["u1"]), _cluster("z", ["u9"])])
    new = _nodes([_cluster("a", ["u1"])])
    result = replaced_ids(old, new)
    assert result.to_dict("records") == [
        {"old_id": "text_cluster:z", "new_id": None, "kind": "text_cluster", "reason": "removed"}
    ]


def test_a_ticket_incident_absorbed_by_its_vendor_incident(tmp_path):
    first = build_graph(
        *tables([doc("a")], [mention("a", "incident_id", 0, "INC0012345", scheme="servicenow")])
    )
    second = build_graph(
        *tables(
            [doc("a"), doc("b")],
            [
                mention("a", "incident_id", 0, "INC0012345", scheme="servicenow"),
                mention("b", "incident_id", 0, "EX1", scheme="m365"),
                mention("b", "incident_id", 20, "INC0012345", scheme="servicenow", same_as=["EX1"]),
            ],
            [update("u1", "EX1", "b", 0, 100, published="2023-01-01T00:00:00")],
        )
    )
    # The nodes table round-trips through Parquet, as the batch engine stores it between runs.
    first.nodes.to_parquet(tmp_path / "old.parquet")
    result = replaced_ids(pd.read_parquet(tmp_path / "old.parquet"), second.nodes)
    assert result.to_dict("records") == [
        {"old_id": "incident:INC0012345", "new_id": "incident:EX1", "kind": "incident", "reason": "replaced"}
    ]
