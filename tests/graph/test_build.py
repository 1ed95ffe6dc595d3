"""Incident assembly: the sample's gold, identities, attribution rules, evidence, determinism."""

from __future__ import annotations

import json

import pandas as pd

from extract.graph import build_graph
from extract.graph.inputs import py
from extract.graph.schema import EDGE_KINDS, NODE_KINDS
from tests.conftest import SHARED
from tests.graph.builders import doc, incident, mention, tables, update


def test_gold_incidents_hold_in_graph_json(written, score_gold):
    gold = score_gold.load_gold([SHARED / "gold"])
    assert score_gold.check_incidents(gold, written) == []


def test_gold_incidents_hold_in_incidents_parquet(written, score_gold, tmp_path):
    rows = pd.read_parquet(written / "incidents.parquet").to_dict("records")
    nodes = [{**{k: py(v) for k, v in r.items()}, "kind": "incident"} for r in rows]
    (tmp_path / "graph.json").write_text(json.dumps({"nodes": nodes}), encoding="utf-8")
    gold = score_gold.load_gold([SHARED / "gold"])
    assert score_gold.check_incidents(gold, tmp_path) == []


def test_incident_nodes_carry_the_incidents_table_values(graph, graph_json):
    nodes = {n["id"]: n for n in graph_json["nodes"] if n["kind"] == "incident"}
    for row in graph.incidents.to_dict("records"):
        assert {k: py(v) for k, v in row.items()} == {k: nodes[row["id"]][k] for k in row}


def test_external_reference_is_a_node_linked_by_same_as(graph_json):
    incident_ids = {n["incident_id"] for n in graph_json["nodes"] if n["kind"] == "incident"}
    assert "INC37075572" not in incident_ids
    edges = {(e["source"], e["target"], e["kind"]) for e in graph_json["edges"]}
    assert ("external_ref:INC37075572", "incident:EX649175", "same_as") in edges
    assert ("incident:EX648815", "incident:EX649175", "related_to") in edges


def test_every_kind_is_declared(graph_json):
    assert {n["kind"] for n in graph_json["nodes"]} <= set(NODE_KINDS)
    assert {e["kind"] for e in graph_json["edges"]} <= set(EDGE_KINDS)


def test_a_ticket_named_alone_is_an_incident():
    graph = build_graph(
        *tables(
            [doc("t", published="2023-07-18")],
            [mention("t", "incident_id", 10, "INC0012345", scheme="servicenow")],
        )
    )
    row = incident(graph, "INC0012345")
    assert row["id"] == "incident:INC0012345"
    assert (row["first_seen"], row["last_seen"], row["update_count"]) == ("2023-07-18", "2023-07-18", 0)
    assert not (graph.nodes["kind"] == "external_ref").any()


def test_the_vendor_id_is_canonical_whatever_the_link_direction():
    mentions = [
        mention("d", "incident_id", 0, "INC0012345", scheme="servicenow", same_as=["MO123456"]),
        mention("d", "incident_id", 40, "MO123456", scheme="m365"),
    ]
    graph = build_graph(*tables([doc("d")], mentions))
    assert list(graph.incidents["incident_id"]) == ["MO123456"]
    assert incident(graph, "MO123456")["external_refs"] == ["INC0012345"]


def test_a_page_incident_without_id_still_appears():
    updates = [
        update(
            "u1", None, "page", 0, 50, published="2023-10-05T17:00:00+00:00", title="Incident with Actions"
        ),
        update(
            "u2",
            None,
            "page",
            60,
            90,
            published="2023-10-05T18:00:00+00:00",
            status="serviceRestored",
            status_text="Resolved",
        ),
    ]
    graph = build_graph(*tables([doc("page")], [], updates))
    row = incident(graph, node_id="incident:page:page")
    assert row["incident_id"] is None
    assert row["update_count"] == 2
    assert row["title"] == "Incident with Actions"
    assert (row["first_seen"], row["last_seen"]) == ("2023-10-05T17:00:00+00:00", "2023-10-05T18:00:00+00:00")
    assert row["status"] == "serviceRestored"


def test_conflicting_start_times_are_kept_and_flagged():
    updates = [
        update("u1", "EX1", "d", 0, 100, published="2023-07-17T21:00:00", start="2023-07-17T15:00:00+00:00"),
        update(
            "u2", "EX1", "d", 200, 300, published="2023-07-18T09:00:00", start="2023-07-17T13:00:00+00:00"
        ),
    ]
    mentions = [mention("d", "incident_id", 10, "EX1", scheme="m365")]
    row = incident(build_graph(*tables([doc("d")], mentions, updates)), "EX1")
    assert row["start_candidates"] == ["2023-07-17T13:00:00+00:00", "2023-07-17T15:00:00+00:00"]
    assert row["conflicts"] == ["start"]
    assert row["start"] == "2023-07-17T13:00:00+00:00"  # the later update's word
    assert len(json.loads(row["evidence"])["start"]) == 2


def test_a_date_and_a_time_that_day_do_not_conflict():
    updates = [
        update("u1", "EX1", "d", 0, 100, published="2023-07-17T21:00:00", start="2023-07-17T15:00:00+00:00")
    ]
    mentions = [
        mention("d", "incident_id", 300, "EX1", scheme="m365"),
        mention("d", "timestamp", 320, "2023-07-17", role="start"),
    ]
    row = incident(build_graph(*tables([doc("d")], mentions, updates)), "EX1")
    assert row["start"] == "2023-07-17T15:00:00+00:00"
    assert row["conflicts"] == []


def test_status_comes_from_the_latest_update_that_words_it():
    updates = [
        update(
            "u1",
            "EX1",
            "d",
            0,
            100,
            published="2023-07-17T21:00:00",
            status="investigating",
            status_text="Investigating",
        ),
        update(
            "u2",
            "EX1",
            "d",
            200,
            300,
            published="2023-07-18T09:00:00",
            status="serviceDegradation",
            status_text="Service degradation",
        ),
        update("u3", "EX1", "d", 400, 500, published=None, status="serviceRestored", status_text="Restored"),
    ]
    row = incident(build_graph(*tables([doc("d")], [mention("d", "incident_id", 10, "EX1")], updates)), "EX1")
    assert (row["status"], row["status_text"]) == ("serviceDegradation", "Service degradation")
    assert (row["first_seen"], row["last_seen"]) == ("2023-07-17T21:00:00", "2023-07-18T09:00:00")


def _rule(row: dict, attr: str, value: str) -> str:
    return next(e["rule"] for e in json.loads(row["evidence"])[attr] if e["value"] == value)


def test_attribution_near_and_inside_an_update():
    mentions = [
        mention("d", "incident_id", 0, "EX1", scheme="m365"),
        mention("d", "error_code", 20, "smtp:550 5.7.1"),
        mention("d", "incident_id", 1000, "EX2", scheme="m365"),
        mention("d", "region", 1010, "GB"),
        mention("d", "incident_id", 1490, "EX1", scheme="m365"),  # nearer, but outside the quoted block
        mention("d", "error_code", 1510, "smtp:451 4.7.0"),
    ]
    updates = [update("u2", "EX2", "d", 1500, 1900, published="2023-01-01T10:00:00")]
    graph = build_graph(*tables([doc("d")], mentions, updates))
    ex1, ex2 = incident(graph, "EX1"), incident(graph, "EX2")
    assert ex1["error_codes"] == ["smtp:550 5.7.1"]
    assert _rule(ex1, "error_codes", "smtp:550 5.7.1") == "near"
    assert ex2["regions"] == ["GB"]
    assert ex2["error_codes"] == ["smtp:451 4.7.0"]
    assert _rule(ex2, "error_codes", "smtp:451 4.7.0") == "update"


def test_attribution_through_the_comment_thread_and_dominance():
    docs = [
        doc("p"),
        doc("p#c1", kind="comment", parent="p"),
        doc("p#c2", kind="comment", parent="p#c1"),
        doc("p#c3", kind="comment", parent="p"),
    ]
    mentions = [
        *(mention("p", "incident_id", s, "EX1", scheme="m365") for s in (0, 400, 800)),
        mention("p", "incident_id", 5000, "EX2", scheme="m365", comment="p#c1"),
        mention("p", "region", 5600, "CH", comment="p#c2"),
        mention("p", "region", 6000, "DACH", comment="p#c3"),
    ]
    graph = build_graph(*tables(docs, mentions))
    assert incident(graph, "EX2")["regions"] == ["CH"]
    assert _rule(incident(graph, "EX2"), "regions", "CH") == "parent"
    assert incident(graph, "EX1")["regions"] == ["DACH"]
    assert _rule(incident(graph, "EX1"), "regions", "DACH") == "dominant"


def test_no_dominant_incident_leaves_a_far_mention_unattributed():
    mentions = [
        mention("d", "incident_id", 0, "EX1", scheme="m365"),
        mention("d", "incident_id", 3000, "EX2", scheme="m365"),
        mention("d", "region", 1500, "FR"),
    ]
    graph = build_graph(*tables([doc("d")], mentions))
    assert incident(graph, "EX1")["regions"] == []
    assert incident(graph, "EX2")["regions"] == []
    assert ("doc:d", "region:FR", "mentions") in set(
        zip(graph.edges.source, graph.edges.target, graph.edges.kind, strict=True)
    )


def test_weak_rules_do_not_give_an_incident_another_providers_service():
    mentions = [
        mention("d", "incident_id", 0, "EX1", scheme="m365", provider="Microsoft"),
        mention("d", "service", 1000, "Zscaler", provider="Zscaler", kind="service"),
        mention("d", "service", 1500, "OneDrive", provider="Microsoft", kind="service"),
    ]
    row = incident(build_graph(*tables([doc("d")], mentions)), "EX1")
    assert row["services"] == ["OneDrive"]


def test_shared_root_cause_relates_incidents():
    cause = "A recent code change caused message queuing."
    updates = [
        update("u1", "EX1", "a", 0, 100, published="2023-07-17T21:00:00", fields={"root_cause": cause}),
        update(
            "u2", "EX2", "b", 0, 100, published="2023-07-18T09:00:00", fields={"root_cause": cause.upper()}
        ),
    ]
    graph = build_graph(*tables([doc("a"), doc("b")], [], updates))
    edge = graph.edges[graph.edges["kind"] == "related_to"].iloc[0]
    assert (edge.source, edge.target, list(edge.reasons)) == (
        "incident:EX1",
        "incident:EX2",
        ["shared_root_cause"],
    )


def test_same_input_same_graph_whatever_the_row_order(tables):
    documents, mentions, updates, clusters = tables
    first = build_graph(documents, mentions, updates, clusters)
    shuffled = build_graph(
        documents.sample(frac=1, random_state=3),
        mentions.sample(frac=1, random_state=4),
        updates.sample(frac=1, random_state=5),
        clusters,
    )
    for name in ("nodes", "edges", "incidents"):
        pd.testing.assert_frame_equal(getattr(first, name), getattr(shuffled, name))


def test_written_files_are_byte_identical_across_runs(written, tables, graph, tmp_path):
    from extract.api import Dataset
    from extract.exports import write_dataset

    documents, mentions, updates, clusters = tables
    again = build_graph(documents, mentions, updates, clusters)
    dataset = Dataset(
        documents,
        mentions,
        updates,
        updates=updates,
        clusters=clusters,
        incidents=again.incidents,
        nodes=again.nodes,
        edges=again.edges,
    )
    write_dataset(dataset, tmp_path)
    names = ["graph.json", "graph.graphml", *(f"neo4j/{p.name}" for p in (written / "neo4j").iterdir())]
    names += ["incidents.graph.jsonl", "incidents.statuspage.jsonl"]
    for name in names:
        assert (tmp_path / name).read_bytes() == (written / name).read_bytes(), name


def test_advisories_are_references_not_incidents():
    mentions = [
        mention("d", "incident_id", 0, "EX1", scheme="m365"),
        mention("d", "incident_id", 30, "MC123456", scheme="m365-message-center"),
    ]
    graph = build_graph(*tables([doc("d")], mentions))
    assert list(graph.incidents["incident_id"]) == ["EX1"]
    assert incident(graph, "EX1")["references"] == ["MC123456"]
    edges = set(zip(graph.edges.source, graph.edges.target, graph.edges.kind, strict=True))
    assert ("incident:EX1", "external_ref:MC123456", "references") in edges


def test_repeated_rows_count_once(tables):
    documents, mentions, updates, clusters = tables
    doubled = build_graph(documents, pd.concat([mentions, mentions]), pd.concat([updates, updates]), clusters)
    assert incident(doubled, "EX648815")["update_count"] == 12
    pd.testing.assert_frame_equal(doubled.nodes, build_graph(*tables).nodes)


def _suite_and_service(service_start: int) -> dict:
    updates = [
        update("u1", "EX1", "d", 0, 300, published="2023-07-18T08:32:00+00:00", service="Microsoft 365")
    ]
    mentions = [
        mention("d", "incident_id", 10, "EX1", scheme="m365"),
        mention("d", "service", 20, "Microsoft 365", kind="suite", provider="Microsoft"),
        mention(
            "d",
            "service",
            service_start,
            "Exchange Online",
            kind="service",
            parent="Microsoft 365",
            provider="Microsoft",
        ),
        *(mention("d", "incident_id", s, "EX1", scheme="m365") for s in (4000, 5000)),
        mention("d", "incident_id", 6000, "EX2", scheme="m365"),
    ]
    return incident(build_graph(*tables([doc("d")], mentions, updates)), "EX1")


def test_a_suite_gives_way_to_its_service_named_by_strong_evidence():
    assert _suite_and_service(60)["service"] == "Exchange Online"  # inside the update


def test_weak_evidence_does_not_displace_the_suite():
    row = _suite_and_service(2500)  # far from any ID: only the dominant rule names it
    assert row["service"] == "Microsoft 365"
    assert "Exchange Online" in row["services"]


def test_evidence_points_at_the_text_it_came_from(graph, sample_text):
    row = incident(graph, "EX649175")
    evidence = json.loads(row["evidence"])
    for item in evidence["error_codes"]:
        assert "503 5.5.1" in sample_text[item["start"] : item["end"]]
    assert {e["rule"] for e in evidence["error_codes"]} <= {"update", "near", "dominant"}
    for item in evidence["regions"]:
        assert item["doc"] == "borncity-exchange-online-2023-07-18"
        assert sample_text[item["start"] : item["end"]] in {"DACH", "UK", "weltweit", "Schweiz"}
