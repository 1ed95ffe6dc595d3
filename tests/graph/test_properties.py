"""Property tests: any small input gives a well-formed, deterministic graph."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.graph import build_graph
from extract.graph.io import node_link
from extract.graph.shapes import incident_documents, updates_by_incident
from tests.graph.builders import doc, mention, tables, update

DOCS = ["a", "b"]
IDS = ["EX1", "EX2", "INC0000001", "CVE-2023-0001", "MC123456"]
SCHEMES = {
    "EX1": "m365",
    "EX2": "m365",
    "INC0000001": "servicenow",
    "CVE-2023-0001": "cve",
    "MC123456": "m365-message-center",
}
VALUES = {
    "error_code": ["smtp:550 5.7.1", "http:503"],
    "region": ["GB", "DACH", "GLOBAL"],
    "service": ["Exchange Online", "Zscaler"],
    "feature": ["Mail flow"],
    "timestamp": ["2023-07-17", "2023-07-17T15:00:00+00:00", "2023-07-18T08:00:00"],
}

mention_st = st.one_of(
    st.builds(
        lambda d, i, s, same, c: mention(
            d, "incident_id", s, i, scheme=SCHEMES[i], comment=c, **({"same_as": [same]} if same else {})
        ),
        st.sampled_from(DOCS),
        st.sampled_from(IDS),
        st.integers(0, 2000),
        st.one_of(st.none(), st.sampled_from(IDS)),
        st.one_of(st.none(), st.just("a#c1")),
    ),
    st.sampled_from(list(VALUES)).flatmap(
        lambda t: st.builds(
            lambda d, v, s, r: mention(d, t, s, v, role=r if t == "timestamp" else None),
            st.sampled_from(DOCS),
            st.sampled_from(VALUES[t]),
            st.integers(0, 2000),
            st.sampled_from(["start", "end", "mention"]),
        )
    ),
)
update_st = st.builds(
    lambda n, i, d, s, p, cause, cl: update(
        f"u{n}",
        i,
        d,
        s,
        s + 200,
        published=p,
        fields={"root_cause": cause} if cause else {},
        text_cluster=cl,
        start=p,
    ),
    st.integers(0, 9),
    st.one_of(st.none(), st.sampled_from(IDS)),
    st.sampled_from(DOCS),
    st.integers(0, 2000),
    st.one_of(st.none(), st.sampled_from(["2023-07-17T21:03:33", "2023-07-18T08:32:00+00:00"])),
    st.one_of(st.none(), st.just("A code change.")),
    st.one_of(st.none(), st.sampled_from(["tc1", "tc2"])),
)


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(mention_st, max_size=12), st.lists(update_st, max_size=5, unique_by=lambda u: u["update_id"]))
def test_random_tables_give_a_well_formed_deterministic_graph(mentions, updates):
    docs = [doc("a"), doc("a#c1", kind="comment", parent="a"), doc("b")]
    clusters = [
        {
            "cluster_id": "tc1",
            "level": "exact",
            "field": "root_cause",
            "representative": "x",
            "size": 1,
            "members": json.dumps([u["update_id"] for u in updates[:2]]),
        }
    ]
    graph = build_graph(*tables(docs, mentions, updates, clusters))
    data = node_link(graph.nodes, graph.edges)
    ids = [n["id"] for n in data["nodes"]]
    assert len(ids) == len(set(ids))
    assert all(n["kind"] for n in data["nodes"])
    assert all(e["source"] in set(ids) and e["target"] in set(ids) and e["kind"] for e in data["edges"])
    keys = [(e["source"], e["target"], e["kind"]) for e in data["edges"]]
    assert keys == sorted(set(keys))
    incident_ids = {i for i in graph.incidents["incident_id"] if i}
    assert not incident_ids & set(graph.nodes.loc[graph.nodes["kind"] == "external_ref", "ref"])
    assert set(graph.incidents["id"]) == set(graph.nodes.loc[graph.nodes["kind"] == "incident", "id"])
    documents = incident_documents(graph.incidents, updates_by_incident(graph.nodes, graph.edges), check=True)
    assert len(documents) == 2 * len(graph.incidents)  # each validated against its schema
    again = build_graph(*tables(docs, list(reversed(mentions)), list(reversed(updates)), clusters))
    assert node_link(again.nodes, again.edges) == data
