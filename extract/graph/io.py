"""Graph serializations: networkx node-link JSON, GraphML, Neo4j admin-import CSVs.

- ``graph.json``: node-link JSON with the edge list under ``"edges"`` (load it with
  ``networkx.node_link_graph(data, edges="edges")``; networkx <= 3.3 wrote ``"links"``, so the key
  is always passed explicitly). A directed multigraph; each edge's ``key`` is its kind (one edge
  per (source, target, kind)). Every node carries all attributes of its kind, null where unknown.
- GraphML: scalar attributes only, so list attributes are JSON strings; the graph attribute
  ``json_attributes`` names them, and ``read_graphml`` decodes them back. Null attributes are
  left out.
- Neo4j (``neo4j-admin database import full --nodes=nodes_<kind>.csv ...
  --relationships=relationships.csv``): ``id:ID`` and ``:LABEL`` headers, typed properties
  (``update_count:int``, ``cross_incident:boolean``, ``error_codes:string[]`` with ``;`` as array
  delimiter, the importer's default), relationship types upper-cased. An array element cannot
  contain ``;`` there; such a character is written as ``，`` (U+FF0C) — a lossy but visible
  substitution. ``read_neo4j_csv`` reads a file back with its declared types.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from extract.graph.inputs import py, rows
from extract.graph.schema import NODE_ATTRS, attr_type, edge_attributes, node_attributes

EDGE_LIST_KEY = "edges"
ARRAY_DELIMITER = ";"
ARRAY_DELIMITER_SUBSTITUTE = "，"
NEO4J_TYPES = {"int": "int", "bool": "boolean", "list": "string[]", "str": "string"}


def node_link(nodes: pd.DataFrame | None, edges: pd.DataFrame | None) -> dict[str, Any]:
    """Return networkx node-link JSON (edges under "edges", each edge keyed by its kind)."""
    node_list = [node_attributes(r) for r in rows(nodes)]
    edge_list = []
    for row in rows(edges):
        edge = edge_attributes(row)
        edge["key"] = edge["kind"]
        edge_list.append(edge)
    node_list.sort(key=lambda n: n["id"])
    edge_list.sort(key=lambda e: (e["source"], e["target"], e["kind"]))
    return {"directed": True, "multigraph": True, "graph": {}, "nodes": node_list, EDGE_LIST_KEY: edge_list}


def to_networkx(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Return the node-link data as a networkx MultiDiGraph."""
    return nx.node_link_graph(data, directed=True, multigraph=True, edges=EDGE_LIST_KEY)


# -- GraphML -------------------------------------------------------------------------------------


def _graphml_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


def graphml_graph(data: dict[str, Any]) -> tuple[nx.MultiDiGraph, list[str]]:
    """Return a graph with scalar attributes only, and the names of the JSON-encoded ones."""
    graph = nx.MultiDiGraph()
    encoded: set[str] = set()
    for node in data["nodes"]:
        attrs = {}
        for name, value in node.items():
            if name == "id" or value is None:
                continue
            if isinstance(value, list | dict):
                encoded.add(name)
            attrs[name] = _graphml_value(value)
        graph.add_node(node["id"], **attrs)
    for edge in data[EDGE_LIST_KEY]:
        attrs = {}
        for name, value in edge.items():
            if name in ("source", "target", "key") or value is None:
                continue
            if isinstance(value, list | dict):
                encoded.add(name)
            attrs[name] = _graphml_value(value)
        graph.add_edge(edge["source"], edge["target"], key=edge["key"], **attrs)
    graph.graph["json_attributes"] = json.dumps(sorted(encoded))
    return graph, sorted(encoded)


def write_graphml(data: dict[str, Any], path: Path) -> None:
    """Write the node-link data as GraphML."""
    graph, _ = graphml_graph(data)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    path.write_bytes(buffer.getvalue())


def read_graphml(path: Path) -> nx.MultiDiGraph:
    """Read our GraphML back, decoding the JSON-encoded list attributes."""
    graph = nx.read_graphml(path, force_multigraph=True)
    encoded = set(json.loads(graph.graph.get("json_attributes", "[]")))
    for _, attrs in graph.nodes(data=True):
        for name in encoded & attrs.keys():
            attrs[name] = json.loads(attrs[name])
    for *_, attrs in graph.edges(keys=True, data=True):
        for name in encoded & attrs.keys():
            attrs[name] = json.loads(attrs[name])
    return graph


# -- Neo4j ---------------------------------------------------------------------------------------


def label_of(kind: str) -> str:
    """ "text_cluster" -> "TextCluster"."""
    return "".join(part.capitalize() for part in kind.split("_"))


def _neo4j_cell(value: Any, kind: str) -> str:
    value = py(value)
    if value is None:
        return ""
    if kind == "list":
        return ARRAY_DELIMITER.join(
            str(v).replace(ARRAY_DELIMITER, ARRAY_DELIMITER_SUBSTITUTE) for v in value
        )
    if kind == "bool":
        return "true" if value else "false"
    return str(value)


def _csv_text(header: list[str], body: list[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(body)
    return buffer.getvalue()


def neo4j_node_files(data: dict[str, Any]) -> dict[str, str]:
    """Return {file name: CSV text}: one node file per kind."""
    files = {}
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for node in data["nodes"]:
        by_kind.setdefault(node["kind"], []).append(node)
    for kind in sorted(by_kind):
        names = ["label", *NODE_ATTRS.get(kind, ())]
        header = ["id:ID", ":LABEL", *(f"{n}:{NEO4J_TYPES[attr_type(n)]}" for n in names)]
        body = []
        for node in by_kind[kind]:
            labels = [label_of(kind)]
            if kind == "document" and node.get("doc_kind"):
                labels.append(label_of(str(node["doc_kind"])))
            body.append(
                [node["id"], ";".join(labels), *(_neo4j_cell(node.get(n), attr_type(n)) for n in names)]
            )
        files[f"nodes_{kind}.csv"] = _csv_text(header, body)
    return files


def neo4j_relationship_file(data: dict[str, Any]) -> str:
    """Return relationships.csv: :START_ID, :END_ID, :TYPE and the typed edge attributes."""
    names = ["count", "rule", "field", "reasons", "spans"]
    header = [":START_ID", ":END_ID", ":TYPE", *(f"{n}:{NEO4J_TYPES[attr_type(n)]}" for n in names)]
    body = [
        [e["source"], e["target"], e["kind"].upper(), *(_neo4j_cell(e.get(n), attr_type(n)) for n in names)]
        for e in data[EDGE_LIST_KEY]
    ]
    return _csv_text(header, body)


def write_neo4j(data: dict[str, Any], folder: Path) -> list[Path]:
    """Write the admin-import CSVs into ``folder``; return the paths written."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {**neo4j_node_files(data), "relationships.csv": neo4j_relationship_file(data)}
    for stale in folder.glob("nodes_*.csv"):
        if stale.name not in files:
            stale.unlink()
    written = []
    for name, text in sorted(files.items()):
        path = folder / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def _typed(cell: str, declared: str) -> Any:
    if cell == "":
        return None
    if declared == "int":
        return int(cell)
    if declared == "boolean":
        return cell == "true"
    if declared == "string[]":
        return cell.split(ARRAY_DELIMITER)
    return cell


def read_neo4j_csv(path: Path) -> list[dict[str, Any]]:
    """Read an admin-import CSV back: each header's declared type applied, empty cells None."""
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        parsed = [(h.rsplit(":", 1) if ":" in h else [h, "string"]) for h in header]
        out = []
        for row in reader:
            record = {}
            for (name, declared), cell in zip(parsed, row, strict=True):
                record[name or f":{declared}"] = _typed(cell, declared) if name else cell
            out.append(record)
    return out
