"""Write a Dataset to its output folder: Parquet tables, graph.json, errors.jsonl, summary.json.

Graph exports besides graph.json: graph.graphml, neo4j/ (admin-import CSVs) and the per-incident
documents, one JSON line per incident and shape: incidents.graph.jsonl (Microsoft Graph
serviceHealthIssue shape) and incidents.statuspage.jsonl (Statuspage v2 shape), in the order of
the incidents' file stems (the ID, else the node id made file-name safe); see
extract/graph/io.py and shapes.py. (Earlier versions wrote one file per incident and shape into
incidents/; a run removes those it finds.)

Files are written to a temporary name and renamed, so a reader never sees half a file. graph.json
is canonical JSON (sorted keys) with one node or edge per line, written as it is encoded.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pandas as pd

from extract.api import Dataset


def _atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_parquet(frame: pd.DataFrame, path: Path) -> None:
    """Write a table without the index, atomically."""
    tmp = path.with_name(path.name + ".tmp")
    frame.to_parquet(tmp, index=False, engine="pyarrow")
    os.replace(tmp, path)


def write_json(data: Any, path: Path) -> None:
    """Write canonical, indented JSON atomically."""
    _atomic_write_bytes(
        path, (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()
    )


def summarize(dataset: Dataset, duration: float) -> dict[str, Any]:
    """Return the counts of summary.json."""
    mentions = dataset.mentions
    by_type = mentions["type"].value_counts().sort_index().to_dict() if not mentions.empty else {}
    incidents = dataset.incidents if dataset.incidents is not None else pd.DataFrame()
    incident_list = []
    for row in incidents.to_dict("records"):
        label = row.get("incident_id") or row.get("title") or row.get("id")
        incident_list.append({"label": str(label), "update_count": int(row.get("update_count") or 0)})
    documents = dataset.documents
    n_comments = int((documents["kind"] == "comment").sum()) if not documents.empty else 0
    return {
        "documents": dict(dataset.counts),
        "comments": n_comments,
        "mentions": {str(k): int(v) for k, v in by_type.items()},
        "mentions_total": len(mentions),
        "incidents": len(incidents),
        "incident_list": incident_list,
        "updates": 0 if dataset.updates is None else len(dataset.updates),
        "update_occurrences": len(dataset.update_occurrences),
        "errors": len(dataset.errors),
        "duration_seconds": round(duration, 3),
    }


INCIDENT_SHAPES = {"graph": "incidents.graph.jsonl", "statuspage": "incidents.statuspage.jsonl"}


def _compact(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def write_node_link(data: dict[str, Any], path: Path) -> None:
    """Write node-link JSON canonically, one node or edge per line, streamed."""
    from extract.graph.io import EDGE_LIST_KEY

    scalars = {k: v for k, v in data.items() if k not in ("nodes", EDGE_LIST_KEY)}
    write_node_link_items(scalars, data["nodes"], data[EDGE_LIST_KEY], path)


def write_node_link_items(
    scalars: dict[str, Any], nodes: Iterable[dict[str, Any]], edges: Iterable[dict[str, Any]], path: Path
) -> None:
    """Write node-link JSON from its scalar members and node and edge streams (sorted keys)."""
    from extract.graph.io import EDGE_LIST_KEY

    tmp = path.with_name(path.name + ".tmp")
    lists = {"nodes": nodes, EDGE_LIST_KEY: edges}
    keys = sorted([*scalars, *lists])
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("{\n")
        for position, key in enumerate(keys):
            end = ",\n" if position + 1 < len(keys) else "\n"
            if key in scalars:
                handle.write(f"{_compact(key)}: {_compact(scalars[key])}{end}")
                continue
            handle.write(f"{_compact(key)}: [\n")
            separator = ""
            for item in lists[key]:
                handle.write(separator + _compact(item))
                separator = ",\n"
            handle.write(("\n" if separator else "") + "]" + end)
        handle.write("}\n")
    os.replace(tmp, path)


def write_incident_documents(documents: dict[str, dict[str, Any]], out: Path) -> None:
    """Write incidents.<shape>.jsonl: each incident's document of that shape, one per line."""
    lines: dict[str, list[str]] = {shape: [] for shape in INCIDENT_SHAPES}
    for name in sorted(documents):
        shape = name.rsplit(".", 2)[-2]
        lines[shape].append(_compact(documents[name]) + "\n")
    for shape, file_name in INCIDENT_SHAPES.items():
        _atomic_write_bytes(out / file_name, "".join(lines[shape]).encode())
    legacy = out / "incidents"
    if legacy.is_dir():
        for stale in [*legacy.glob("*.graph.json"), *legacy.glob("*.statuspage.json")]:
            stale.unlink()
        if not any(legacy.iterdir()):
            legacy.rmdir()


def read_incident_documents(out: Path, shape: str) -> list[dict[str, Any]]:
    """Read incidents.<shape>.jsonl back (``shape``: "graph" or "statuspage")."""
    text = (out / INCIDENT_SHAPES[shape]).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line]


# The graph exports, each written from the nodes, edges and incidents tables alone, so each can
# run in a process of its own; the heaviest first (they are handed out in this order).
GRAPH_EXPORTS = ("graph.graphml", "neo4j", "graph.json", "incidents")
# Below this many edges the exports run in this process: starting workers would cost more.
PARALLEL_EXPORT_EDGES = 50_000


def write_graph_export(name: str, out: Path, dataset: Dataset | None = None) -> str:
    """Write one of GRAPH_EXPORTS from ``dataset``, or streamed from the tables written in ``out``."""
    from extract.graph.io import (
        graph_scalars,
        graphml_keys_of_files,
        iter_edges,
        iter_edges_file,
        iter_nodes,
        iter_nodes_file,
        write_graphml_items,
        write_neo4j_items,
    )
    from extract.graph.shapes import incident_documents, updates_by_incident

    def nodes() -> Iterator[dict[str, Any]]:
        return iter_nodes(dataset.nodes) if dataset is not None else iter_nodes_file(out / "nodes.parquet")

    def edges() -> Iterator[dict[str, Any]]:
        return iter_edges(dataset.edges) if dataset is not None else iter_edges_file(out / "edges.parquet")

    if name == "graph.json":
        write_node_link_items(graph_scalars(), nodes(), edges(), out / "graph.json")
    elif name == "graph.graphml":
        tmp = out / "graph.graphml.tmp"
        declared = (
            None
            if dataset is not None
            else graphml_keys_of_files(out / "nodes.parquet", out / "edges.parquet")
        )
        write_graphml_items(nodes, edges, tmp, declared)
        os.replace(tmp, out / "graph.graphml")
    elif name == "neo4j":
        write_neo4j_items(nodes(), edges(), out / "neo4j")
    elif name == "incidents":
        if dataset is not None:
            by_incident = updates_by_incident(dataset.nodes, dataset.edges)
            incidents = dataset.incidents
        else:
            by_incident = updates_by_incident(*_has_update_tables(out))
            incidents = pd.read_parquet(out / "incidents.parquet")
        write_incident_documents(incident_documents(incidents, by_incident), out)
    else:
        raise ValueError(f"unknown graph export {name!r}; known: {', '.join(GRAPH_EXPORTS)}")
    return name


def _has_update_tables(out: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The update nodes and has_update edges of the tables in ``out`` (all the shapes need)."""
    from extract.graph.schema import NODE_ATTRS

    nodes = pd.read_parquet(
        out / "nodes.parquet",
        columns=["id", "kind", *NODE_ATTRS["update"]],
        filters=[("kind", "==", "update")],
    )
    edges = pd.read_parquet(
        out / "edges.parquet", columns=["source", "target", "kind"], filters=[("kind", "==", "has_update")]
    )
    return nodes, edges


def exports_in_processes(dataset: Dataset, workers: int, min_edges: int = PARALLEL_EXPORT_EDGES) -> bool:
    """Whether the graph exports go to worker processes (several workers and a large graph)."""
    return workers > 1 and dataset.edges is not None and len(dataset.edges) >= min_edges


def write_graph_exports(
    dataset: Dataset, out: Path, workers: int = 1, min_parallel_edges: int = PARALLEL_EXPORT_EDGES
) -> None:
    """Write graph.json, graph.graphml, neo4j/*.csv and incidents.{graph,statuspage}.jsonl.

    With ``workers`` > 1 and a large graph, see ``write_graph_exports_from`` (the tables must
    be in ``out`` already); the bytes are the same either way.
    """
    if not exports_in_processes(dataset, workers, min_parallel_edges):
        for name in GRAPH_EXPORTS:
            write_graph_export(name, out, dataset)
        return
    write_graph_exports_from(out, workers)


def write_graph_exports_from(out: Path, workers: int) -> None:
    """Write the graph exports in parallel processes (``extract.engine.export_job``), each
    reading the Parquet tables written in ``out`` by ``write_tables``."""
    from extract.engine.export_job import run_export_jobs

    run_export_jobs(GRAPH_EXPORTS, out, workers)


def write_tables(dataset: Dataset, out: Path) -> None:
    """Write the Parquet tables and errors.jsonl (what the graph exports are written from)."""
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "documents": dataset.documents,
        "mentions": dataset.mentions,
        "updates": dataset.updates,
        "incidents": dataset.incidents,
        "nodes": dataset.nodes,
        "edges": dataset.edges,
        "revisions": dataset.revisions,
    }
    for name, frame in tables.items():
        write_parquet(frame if frame is not None else pd.DataFrame(), out / f"{name}.parquet")
    write_errors(dataset.errors, out)


def write_errors(errors: Iterable[dict[str, Any]], out: Path) -> None:
    """Write errors.jsonl: one input error per line."""
    lines = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in errors)
    _atomic_write_bytes(out / "errors.jsonl", lines.encode())


def write_summary(summary: dict[str, Any], out: Path) -> None:
    """Write summary.json, the last file of a dataset (its presence marks a finished one)."""
    write_json(summary, out / "summary.json")


def write_dataset(dataset: Dataset, out: Path, duration: float = 0.0, workers: int = 1) -> dict[str, Any]:
    """Write every file of the contract into ``out``; return the summary.

    ``workers`` > 1 writes the graph exports in parallel processes (see write_graph_exports).
    """
    write_tables(dataset, out)
    write_graph_exports(dataset, out, workers)
    summary = summarize(dataset, duration)
    write_summary(summary, out)
    return summary
