"""Graph serializations: networkx node-link JSON, GraphML, Neo4j admin-import CSVs.

- ``graph.json``: node-link JSON with the edge list under ``"edges"`` (load it with
  ``networkx.node_link_graph(data, edges="edges")``; networkx <= 3.3 wrote ``"links"``, so the key
  is always passed explicitly). A directed multigraph; each edge's ``key`` is its kind (one edge
  per (source, target, kind)). Every node carries all attributes of its kind, null where unknown.
- GraphML: scalar attributes only, so list attributes are JSON strings; the graph attribute
  ``json_attributes`` names them, and ``read_graphml`` decodes them back. Null attributes are
  left out. Written directly as a stream (the document networkx would write; no networkx graph
  or XML tree is built); characters XML 1.0 cannot hold become U+FFFD.
- Neo4j (``neo4j-admin database import full --nodes=nodes_<kind>.csv ...
  --relationships=relationships.csv``): ``id:ID`` and ``:LABEL`` headers, typed properties
  (``update_count:int``, ``cross_incident:boolean``, ``error_codes:string[]`` with ``;`` as array
  delimiter, the importer's default), relationship types upper-cased. An array element cannot
  contain ``;`` there; such a character is written as ``，`` (U+FF0C) — a lossy but visible
  substitution. ``read_neo4j_csv`` reads a file back with its declared types.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pandas as pd

from extract.graph.inputs import column, py, rows
from extract.graph.schema import EDGE_COLUMNS, NODE_ATTRS, attr_type

EDGE_LIST_KEY = "edges"
ARRAY_DELIMITER = ";"
ARRAY_DELIMITER_SUBSTITUTE = "，"
NEO4J_TYPES = {"int": "int", "bool": "boolean", "list": "string[]", "str": "string"}


# Rows converted to Python values at a time when nodes and edges are streamed to a file.
STREAM_BATCH = 20_000


def _sorted_by(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """The frame in ascending key order (the graph stage already writes it so: no sort then)."""
    index = pd.MultiIndex.from_arrays([frame[k].astype(object) for k in keys]) if len(keys) > 1 else None
    ordered = index.is_monotonic_increasing if index is not None else frame[keys[0]].is_monotonic_increasing
    return frame if ordered else frame.sort_values(keys, kind="stable")


def iter_nodes(nodes: pd.DataFrame | None) -> Iterator[dict[str, Any]]:
    """Every node in id order with the attributes of its kind, converted a batch at a time."""
    if nodes is None or nodes.empty:
        return
    frame = _sorted_by(nodes, ["id"])
    kinds = {str(k) for k in frame["kind"].astype(object).dropna()}
    names_of = {kind: ["id", "kind", "label", *NODE_ATTRS.get(kind, ())] for kind in kinds}
    wanted = sorted({name for names in names_of.values() for name in names})
    for low in range(0, len(frame), STREAM_BATCH):
        batch = frame.iloc[low : low + STREAM_BATCH]
        values = {name: column(batch, name) for name in wanted}
        for position, kind in enumerate(values["kind"]):
            if kind is None:
                continue  # a node without a kind has no attributes to write
            names = names_of[str(kind)]
            yield {name: values[name][position] for name in names}


def iter_edges(edges: pd.DataFrame | None) -> Iterator[dict[str, Any]]:
    """Every edge in (source, target, kind) order, its null attributes left out, keyed by kind."""
    if edges is None or edges.empty:
        return
    frame = _sorted_by(edges, ["source", "target", "kind"])
    for low in range(0, len(frame), STREAM_BATCH):
        for row in rows(frame.iloc[low : low + STREAM_BATCH], EDGE_COLUMNS):
            # rows() already gives plain values: edge_attributes() without converting them again.
            edge = {k: v for k, v in row.items() if v is not None or k in ("source", "target", "kind")}
            edge["key"] = edge["kind"]
            yield edge


def _ordered(
    items: Iterator[dict[str, Any]], key: Callable[[dict[str, Any]], Any], what: str
) -> Iterator[dict[str, Any]]:
    previous = None
    for item in items:
        current = key(item)
        if previous is not None and current < previous:
            raise ValueError(f"{what} is not sorted (at {current!r}); the exports stream it in file order")
        previous = current
        yield item


def _file_batches(path: Path, columns: list[str]) -> Iterator[dict[str, list[Any]]]:
    import pyarrow.parquet as pq

    handle = pq.ParquetFile(path)
    present = [name for name in columns if name in handle.schema_arrow.names]
    for batch in handle.iter_batches(batch_size=STREAM_BATCH, columns=present):
        values = batch.to_pydict()
        yield {name: values.get(name) or [None] * batch.num_rows for name in columns}


def iter_nodes_file(path: Path) -> Iterator[dict[str, Any]]:
    """``iter_nodes`` of a nodes.parquet written sorted by id, read a batch at a time."""
    names_of = {kind: ["id", "kind", "label", *attrs] for kind, attrs in NODE_ATTRS.items()}
    wanted = sorted({name for names in names_of.values() for name in names})

    def nodes() -> Iterator[dict[str, Any]]:
        for values in _file_batches(path, wanted):
            for position, kind in enumerate(values["kind"]):
                if kind is None:
                    continue
                names = names_of.get(kind) or ["id", "kind", "label"]
                # to_pydict() gives plain Python values already: no py() per cell.
                yield {name: values[name][position] for name in names}

    return _ordered(nodes(), lambda node: node["id"], str(path))


_EDGE_ENDS = frozenset({"source", "target", "kind"})


def iter_edges_file(path: Path) -> Iterator[dict[str, Any]]:
    """``iter_edges`` of an edges.parquet written sorted by (source, target, kind), streamed."""

    def edges() -> Iterator[dict[str, Any]]:
        for values in _file_batches(path, list(EDGE_COLUMNS)):
            for row in zip(*(values[name] for name in EDGE_COLUMNS), strict=True):
                edge = {
                    k: v for k, v in zip(EDGE_COLUMNS, row, strict=True) if v is not None or k in _EDGE_ENDS
                }
                edge["key"] = edge["kind"]
                yield edge

    return _ordered(edges(), lambda edge: (edge["source"], edge["target"], edge["kind"]), str(path))


def graph_scalars() -> dict[str, Any]:
    """The node-link document's scalar members (everything but the node and edge lists)."""
    return {"directed": True, "multigraph": True, "graph": {}}


def node_link(nodes: pd.DataFrame | None, edges: pd.DataFrame | None) -> dict[str, Any]:
    """Return networkx node-link JSON (edges under "edges", each edge keyed by its kind)."""
    return {**graph_scalars(), "nodes": list(iter_nodes(nodes)), EDGE_LIST_KEY: list(iter_edges(edges))}


def to_networkx(data: dict[str, Any]) -> nx.MultiDiGraph:
    """Return the node-link data as a networkx MultiDiGraph."""
    return nx.node_link_graph(data, directed=True, multigraph=True, edges=EDGE_LIST_KEY)


# -- GraphML -------------------------------------------------------------------------------------


def _graphml_value(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return value


# GraphML's attr.type per Python type, as networkx writes and reads them back.
GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
# Characters XML 1.0 cannot carry at all; written as U+FFFD. "\r" is kept as a character
# reference (a parser would otherwise normalize "\r\n" to "\n").
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml(text: str) -> str:
    if _XML_INVALID.search(text):
        text = _XML_INVALID.sub("\ufffd", text)
    # str.replace is C-speed; a translate table with a dict is not.
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    return text


def _graphml_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _xml(str(value))


def _graphml_scalars(item: dict[str, Any], skip: tuple[str, ...]) -> Iterator[tuple[str, Any]]:
    for name, value in item.items():
        if name not in skip and value is not None:
            yield name, value


def write_graphml(data: dict[str, Any], path: Path) -> None:
    """Write node-link data as GraphML (see ``write_graphml_items``)."""
    write_graphml_items(lambda: data["nodes"], lambda: data[EDGE_LIST_KEY], path)


GraphmlKeys = tuple[set[tuple[str, str, str]], set[str]]


def graphml_keys(
    nodes: Callable[[], Iterable[dict[str, Any]]], edges: Callable[[], Iterable[dict[str, Any]]]
) -> GraphmlKeys:
    """The (scope, name, attr.type) keys GraphML declares, and the JSON-encoded names: one pass
    over the items, noting each attribute that has a value somewhere."""
    scopes = (("node", nodes, ("id",)), ("edge", edges, ("source", "target", "key")))
    keys: set[tuple[str, str, str]] = set()
    encoded: set[str] = set()
    for scope, items, skip in scopes:
        for item in items():
            for name, value in _graphml_scalars(item, skip):
                if isinstance(value, list | dict):
                    encoded.add(name)
                    kind = "string"
                else:
                    kind = GRAPHML_TYPES.get(type(value), "string")
                keys.add((scope, name, kind))
    return keys, encoded


def _graphml_type(name: str) -> str:
    # A typed table's attribute holds one Python type (list attributes are JSON-encoded strings).
    return GRAPHML_TYPES[{"int": int, "bool": bool}.get(attr_type(name), str)]


def graphml_keys_of_files(nodes_path: Path, edges_path: Path) -> GraphmlKeys:
    """``graphml_keys`` of the nodes and edges tables, from Arrow validity masks instead of a
    pass over every item: an attribute is declared for a scope when a node of a kind that
    carries it (or an edge) has a value for it."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    found: dict[str, set[str]] = {"node": set(), "edge": set()}
    handle = pq.ParquetFile(nodes_path)
    present = set(handle.schema_arrow.names)
    basic = [n for n in ("kind", "label") if n in present]  # all a node of an unknown kind carries
    attrs_of = {kind: [*basic, *(n for n in attrs if n in present)] for kind, attrs in NODE_ATTRS.items()}
    columns = sorted({name for names in attrs_of.values() for name in names})
    for batch in handle.iter_batches(batch_size=STREAM_BATCH * 5, columns=columns):
        kinds = batch.column("kind")
        for kind in pc.unique(kinds).to_pylist():
            if kind is None:
                continue
            of_kind = pc.equal(kinds, kind)
            for name in attrs_of.get(kind, basic):
                if (
                    name not in found["node"]
                    and pc.any(pc.and_(of_kind, pc.is_valid(batch.column(name)))).as_py()
                ):
                    found["node"].add(name)
    handle = pq.ParquetFile(edges_path)
    edge_names = [n for n in EDGE_COLUMNS if n not in ("source", "target") and n in handle.schema_arrow.names]
    for batch in handle.iter_batches(batch_size=STREAM_BATCH * 5, columns=edge_names):
        for name in edge_names:
            if name not in found["edge"] and batch.column(name).null_count < batch.num_rows:
                found["edge"].add(name)
    keys = {
        (scope, name, _graphml_type(name)) for scope, found_names in found.items() for name in found_names
    }
    encoded = {name for names in found.values() for name in names if attr_type(name) == "list"}
    return keys, encoded


def write_graphml_items(
    nodes: Callable[[], Iterable[dict[str, Any]]],
    edges: Callable[[], Iterable[dict[str, Any]]],
    path: Path,
    declared: GraphmlKeys | None = None,
) -> None:
    """Write nodes and edges as GraphML, streamed (no networkx graph, no XML tree in memory).

    ``nodes`` and ``edges`` return a fresh iterable on each call. The header's keys are
    ``declared`` (``graphml_keys_of_files``), or collected by a first pass (``graphml_keys``);
    the elements are written in a second. The same document networkx writes and reads back:
    one ``<key>`` per (scope, name, type), list attributes JSON-encoded and named by the graph
    attribute ``json_attributes``; null attributes left out; each edge's ``id`` is its kind
    (networkx's multigraph key).
    """
    keys, encoded = declared if declared is not None else graphml_keys(nodes, edges)
    ordered = [("graph", "json_attributes", "string"), *sorted(keys)]
    key_ids = {key: f"d{n}" for n, key in enumerate(ordered)}

    def data_lines(scope: str, item: dict[str, Any], skip: tuple[str, ...]) -> str:
        out = []
        for name, value in _graphml_scalars(item, skip):
            if isinstance(value, list | dict):
                kind, value = "string", _graphml_value(value)
            else:
                kind = GRAPHML_TYPES.get(type(value), "string")
            out.append(f'      <data key="{key_ids[(scope, name, kind)]}">{_graphml_text(value)}</data>\n')
        return "".join(out)

    with path.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(
            "<?xml version='1.0' encoding='utf-8'?>\n"
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
            'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
            'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
        )
        for key in ordered:
            scope, name, kind = key
            handle.write(
                f'  <key id="{key_ids[key]}" for="{scope}" attr.name="{_xml(name)}" attr.type="{kind}" />\n'
            )
        handle.write('  <graph edgedefault="directed">\n')
        handle.write(f'    <data key="d0">{_xml(json.dumps(sorted(encoded)))}</data>\n')
        for node in nodes():
            handle.write(
                f'    <node id="{_xml(str(node["id"]))}">\n{data_lines("node", node, ("id",))}    </node>\n'
            )
        for edge in edges():
            handle.write(
                f'    <edge source="{_xml(str(edge["source"]))}" target="{_xml(str(edge["target"]))}" '
                f'id="{_xml(str(edge["key"]))}">\n'
                f"{data_lines('edge', edge, ('source', 'target', 'key'))}    </edge>\n"
            )
        handle.write("  </graph>\n</graphml>\n")


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
    if value is None:
        return ""
    if kind == "str" and type(value) is str:  # the common case, fast
        return value
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


def _node_header(kind: str) -> tuple[list[str], list[str]]:
    names = ["label", *NODE_ATTRS.get(kind, ())]
    return names, ["id:ID", ":LABEL", *(f"{n}:{NEO4J_TYPES[attr_type(n)]}" for n in names)]


def _node_cells(node: dict[str, Any], kind: str, names: list[str]) -> list[str]:
    labels = [label_of(kind)]
    if kind == "document" and node.get("doc_kind"):
        labels.append(label_of(str(node["doc_kind"])))
    return [node["id"], ";".join(labels), *(_neo4j_cell(node.get(n), attr_type(n)) for n in names)]


RELATIONSHIP_ATTRS = ["count", "rule", "field", "reasons", "spans"]
RELATIONSHIP_HEADER = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    *(f"{n}:{NEO4J_TYPES[attr_type(n)]}" for n in RELATIONSHIP_ATTRS),
]


def _relationship_cells(edge: dict[str, Any]) -> list[str]:
    return [
        edge["source"],
        edge["target"],
        edge["kind"].upper(),
        *(_neo4j_cell(edge.get(n), attr_type(n)) for n in RELATIONSHIP_ATTRS),
    ]


def _csv_writer(handle: Any) -> Any:
    return csv.writer(handle, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)


def write_neo4j(data: dict[str, Any], folder: Path) -> list[Path]:
    """Write the admin-import CSVs of node-link data into ``folder``; return the paths written."""
    return write_neo4j_items(data["nodes"], data[EDGE_LIST_KEY], folder)


def write_neo4j_items(
    nodes: Iterable[dict[str, Any]], edges: Iterable[dict[str, Any]], folder: Path
) -> list[Path]:
    """Write one node file per kind and relationships.csv, streamed; return the paths written.

    Each file goes to a temporary name first and is renamed when complete.
    """
    folder.mkdir(parents=True, exist_ok=True)
    handles: dict[str, tuple[Any, Any, list[str]]] = {}
    try:
        for node in nodes:
            kind = node["kind"]
            if kind not in handles:
                names, header = _node_header(kind)
                handle = (folder / f"nodes_{kind}.csv.tmp").open("w", encoding="utf-8", newline="")
                writer = _csv_writer(handle)
                writer.writerow(header)
                handles[kind] = (handle, writer, names)
            handle, writer, names = handles[kind]
            writer.writerow(_node_cells(node, kind, names))
        with (folder / "relationships.csv.tmp").open("w", encoding="utf-8", newline="") as handle:
            writer = _csv_writer(handle)
            writer.writerow(RELATIONSHIP_HEADER)
            writer.writerows(_relationship_cells(edge) for edge in edges)
    finally:
        for handle, _, _ in handles.values():
            handle.close()
    names = sorted([*(f"nodes_{kind}.csv" for kind in handles), "relationships.csv"])
    for stale in folder.glob("nodes_*.csv"):
        if stale.name not in names:
            stale.unlink()
    written = []
    for name in names:
        path = folder / name
        os.replace(folder / f"{name}.tmp", path)
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
