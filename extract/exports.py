"""Write a Dataset to its output folder: Parquet tables, graph.json, errors.jsonl, summary.json.

Graph exports besides graph.json: graph.graphml, neo4j/ (admin-import CSVs) and, per incident,
incidents/<id>.graph.json (Microsoft Graph serviceHealthIssue shape) and
incidents/<id>.statuspage.json (Statuspage v2 shape); see extract/graph/io.py and shapes.py.

Files are written to a temporary name and renamed, so a reader never sees half a file.
"""

from __future__ import annotations

import json
import os
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


def write_graph_exports(dataset: Dataset, out: Path) -> None:
    """Write graph.json, graph.graphml, neo4j/*.csv and incidents/<id>.{graph,statuspage}.json."""
    from extract.graph.io import node_link, write_graphml, write_neo4j
    from extract.graph.shapes import incident_documents, updates_by_incident

    data = node_link(dataset.nodes, dataset.edges)
    write_json(data, out / "graph.json")
    write_graphml(data, out / "graph.graphml.tmp")
    os.replace(out / "graph.graphml.tmp", out / "graph.graphml")
    write_neo4j(data, out / "neo4j")
    folder = out / "incidents"
    folder.mkdir(exist_ok=True)
    documents = incident_documents(dataset.incidents, updates_by_incident(dataset.nodes, dataset.edges))
    for stale in folder.glob("*.json"):
        if stale.name not in documents:
            stale.unlink()
    for name, document in sorted(documents.items()):
        write_json(document, folder / name)


def write_dataset(dataset: Dataset, out: Path, duration: float = 0.0) -> dict[str, Any]:
    """Write every file of the contract into ``out``; return the summary."""
    out.mkdir(parents=True, exist_ok=True)
    tables = {
        "documents": dataset.documents,
        "mentions": dataset.mentions,
        "updates": dataset.updates,
        "incidents": dataset.incidents,
        "nodes": dataset.nodes,
        "edges": dataset.edges,
    }
    for name, frame in tables.items():
        write_parquet(frame if frame is not None else pd.DataFrame(), out / f"{name}.parquet")
    write_graph_exports(dataset, out)
    lines = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in dataset.errors)
    _atomic_write_bytes(out / "errors.jsonl", lines.encode())
    summary = summarize(dataset, duration)
    write_json(summary, out / "summary.json")
    return summary
