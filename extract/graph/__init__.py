"""The incident graph: assemble documents, mentions, updates and text clusters into one graph.

``build_graph(documents, mentions, updates, clusters) -> Graph(nodes, edges, incidents)``

- Which identifiers are incidents and which are other systems' names for them:
  ``extract.graph.identity`` (same_as groups, canonical IDs, references).
- Which incident a document's error codes, regions, services, features and times belong to:
  ``extract.graph.attribution`` (status update span > same block > nearby ID > the comment's
  single incident > the thread's > the document's dominant incident).
- How an incident's attributes are decided from conflicting evidence, which is kept:
  ``extract.graph.incidents``.
- Node ids, node and edge kinds: ``extract.graph.assemble``; attributes and types:
  ``extract.graph.schema``.
- Serializations (node-link JSON, GraphML, Neo4j CSVs): ``extract.graph.io``; Microsoft Graph
  serviceHealthIssue and Statuspage v2 shapes: ``extract.graph.shapes``; what an incremental
  merge replaced: ``extract.graph.merge.replaced_ids``.

Same input, same output: nodes are sorted by id, edges by (source, target, kind), lists inside
attributes are sorted, and JSON attributes are canonical.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from extract.graph.assemble import build_parts
from extract.graph.merge import replaced_ids
from extract.graph.schema import EDGE_COLUMNS, INCIDENT_COLUMNS, NODE_COLUMNS, typed_frame
from extract.tables import dumps

__all__ = ["Graph", "build_graph", "replaced_ids"]


@dataclass
class Graph:
    """The graph as tables: nodes (wide, one column per attribute), edges, incidents."""

    nodes: pd.DataFrame
    edges: pd.DataFrame
    incidents: pd.DataFrame


def build_graph(
    documents: pd.DataFrame | None,
    mentions: pd.DataFrame | None,
    updates: pd.DataFrame | None,
    clusters: pd.DataFrame | None,
    workers: int = 1,
) -> Graph:
    """Assemble nodes, edges and the incidents table (see the module docstring); ``workers``
    processes build the incident records (the result does not depend on it)."""
    parts, records = build_parts(documents, mentions, updates, clusters, workers)
    # Each table is built and its source freed before the next, to keep the peak down.
    nodes = typed_frame(parts.finished_nodes(), NODE_COLUMNS)
    parts.nodes.clear()
    edges = typed_frame(parts.finished_edges(), EDGE_COLUMNS)
    parts.edges.clear()
    incident_rows = [{**r, "evidence": dumps(r["evidence"])} for r in records]
    del records
    incidents = typed_frame(sorted(incident_rows, key=lambda r: r["id"]), INCIDENT_COLUMNS)
    return Graph(nodes=nodes, edges=edges, incidents=incidents)
