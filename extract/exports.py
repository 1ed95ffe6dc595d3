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

    tmp = path.with_name(path.name + ".tmp")
    scalars = {k: v for k, v in data.items() if k not in ("nodes", EDGE_LIST_KEY)}
    keys = sorted([*scalars, "nodes", EDGE_LIST_KEY])
    with tmp.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write("{\n")
        for position, key in enumerate(keys):
            end = ",\n" if position + 1 < len(keys) else "\n"
            if key in scalars:
                handle.write(f"{_compact(key)}: {_compact(scalars[key])}{end}")
                continue
            items = data[key]
            handle.write(f"{_compact(key)}: [\n")
            for n, item in enumerate(items):
                handle.write(_compact(item) + (",\n" if n + 1 < len(items) else "\n"))
            handle.write("]" + end)
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


def write_graph_exports(dataset: Dataset, out: Path) -> None:
    """Write graph.json, graph.graphml, neo4j/*.csv and incidents.{graph,statuspage}.jsonl."""
    from extract.graph.io import node_link, write_graphml, write_neo4j
    from extract.graph.shapes import incident_documents, updates_by_incident

    data = node_link(dataset.nodes, dataset.edges)
    write_node_link(data, out / "graph.json")
    write_graphml(data, out / "graph.graphml.tmp")
    os.replace(out / "graph.graphml.tmp", out / "graph.graphml")
    write_neo4j(data, out / "neo4j")
    del data
    documents = incident_documents(dataset.incidents, updates_by_incident(dataset.nodes, dataset.edges))
    write_incident_documents(documents, out)


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
        "revisions": dataset.revisions,
    }
    for name, frame in tables.items():
        write_parquet(frame if frame is not None else pd.DataFrame(), out / f"{name}.parquet")
    write_graph_exports(dataset, out)
    lines = "".join(json.dumps(e, ensure_ascii=False, sort_keys=True) + "\n" for e in dataset.errors)
    _atomic_write_bytes(out / "errors.jsonl", lines.encode())
    summary = summarize(dataset, duration)
    write_json(summary, out / "summary.json")
    return summary
