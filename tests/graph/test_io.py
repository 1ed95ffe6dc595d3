"""graph.json, GraphML and Neo4j CSVs load back into the same graph."""

from __future__ import annotations

import networkx as nx

from extract.graph.io import label_of, read_graphml, read_neo4j_csv, to_networkx, write_graphml
from extract.graph.schema import NODE_ATTRS


def _by_id(items):
    return {item["id"]: item for item in items}


def test_graph_json_loads_with_networkx_and_round_trips(graph_json):
    graph = nx.node_link_graph(graph_json, edges="edges")
    assert graph.is_directed()
    assert graph.is_multigraph()
    assert graph.number_of_nodes() == len(graph_json["nodes"])
    assert graph.number_of_edges() == len(graph_json["edges"])
    again = nx.node_link_data(graph, edges="edges")
    assert _by_id(again["nodes"]) == _by_id(graph_json["nodes"])
    key = lambda e: (e["source"], e["target"], e["kind"])  # noqa: E731
    assert sorted(again["edges"], key=key) == graph_json["edges"]


def test_every_edge_endpoint_is_a_node_and_ids_are_unique(graph_json):
    ids = [n["id"] for n in graph_json["nodes"]]
    assert len(ids) == len(set(ids))
    assert all(e["source"] in set(ids) and e["target"] in set(ids) for e in graph_json["edges"])
    assert all(n["kind"] and n["id"] for n in graph_json["nodes"])


def test_graphml_round_trips(written, graph_json):
    expected = to_networkx(graph_json)
    graph = read_graphml(written / "graph.graphml")
    assert set(graph.nodes) == set(expected.nodes)
    for node, attrs in expected.nodes(data=True):
        assert graph.nodes[node] == {k: v for k, v in attrs.items() if v is not None}, node
    got = {(s, t, k): a for s, t, k, a in graph.edges(keys=True, data=True)}
    want = {
        (s, t, k): {n: v for n, v in a.items() if v is not None}
        for s, t, k, a in expected.edges(keys=True, data=True)
    }
    assert got == want


def _neo4j_expected(value):
    if isinstance(value, list):
        return [str(v) for v in value] or None  # the importer reads an empty array cell as null
    return value


def test_neo4j_csvs_read_back_with_their_declared_types(written, graph_json):
    folder = written / "neo4j"
    nodes = _by_id(graph_json["nodes"])
    kinds = {n["kind"] for n in graph_json["nodes"]}
    assert {p.name for p in folder.glob("nodes_*.csv")} == {f"nodes_{k}.csv" for k in kinds}
    for kind in kinds:
        header = (folder / f"nodes_{kind}.csv").read_text(encoding="utf-8").splitlines()[0]
        assert header.startswith("id:ID,:LABEL,")
        for record in read_neo4j_csv(folder / f"nodes_{kind}.csv"):
            node = nodes[record["id"]]
            assert record[":LABEL"].split(";")[0] == label_of(kind)
            for name in ("label", *NODE_ATTRS[kind]):
                assert record[name] == _neo4j_expected(node[name]), (record["id"], name)
    header = (folder / "nodes_incident.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert {"update_count:int", "error_codes:string[]", "title:string"} <= set(header)
    edges = read_neo4j_csv(folder / "relationships.csv")
    assert len(edges) == len(graph_json["edges"])
    for record, edge in zip(edges, graph_json["edges"], strict=True):
        assert (record[":START_ID"], record[":END_ID"], record[":TYPE"]) == (
            edge["source"],
            edge["target"],
            edge["kind"].upper(),
        )
        assert record["count"] == edge["count"]
        assert isinstance(record["count"], int)


def test_streamed_graphml_escapes_and_types_round_trip(tmp_path):
    text = 'a & b < c > d "quoted" \r\n line\ttab \x01 ünïcödé'
    data = {
        "directed": True,
        "multigraph": True,
        "graph": {},
        "nodes": [
            {"id": "n&1", "kind": "update", "label": text, "n_sources": 3, "external_refs": ["x", "y"]},
            {"id": "n<2>", "kind": "text_cluster", "label": None, "cross_incident": False, "size": 0},
        ],
        "edges": [
            {"source": "n&1", "target": "n<2>", "kind": "duplicate_of", "key": "duplicate_of", "count": 2}
        ],
    }
    write_graphml(data, tmp_path / "g.graphml")
    graph = read_graphml(tmp_path / "g.graphml")
    assert graph.nodes["n&1"] == {
        "kind": "update",
        "label": text.replace("\x01", "\ufffd"),
        "n_sources": 3,
        "external_refs": ["x", "y"],
    }
    assert graph.nodes["n<2>"] == {"kind": "text_cluster", "cross_incident": False, "size": 0}
    assert dict(graph.edges[("n&1", "n<2>", "duplicate_of")]) == {"kind": "duplicate_of", "count": 2}
