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

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from extract.graph.assemble import GraphTables, build_parts
from extract.graph.merge import replaced_ids
from extract.graph.schema import EDGE_COLUMNS, INCIDENT_COLUMNS, NODE_COLUMNS, typed_frame

__all__ = ["Graph", "GraphTables", "build_graph", "build_graph_from", "graph_tables", "replaced_ids"]


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
    return build_graph_from(GraphTables(documents, mentions, updates, clusters), workers)


def build_graph_from(tables: GraphTables, workers: int = 1) -> Graph:
    """``build_graph`` over tables the stage takes as it decodes them: a caller that hands over
    its only references keeps no input frame alive while the graph is built."""
    return Graph(**dict(graph_tables(tables, workers)))


def graph_tables(tables: GraphTables, workers: int = 1) -> Iterator[tuple[str, pd.DataFrame]]:
    """Yield ("nodes", frame), ("edges", frame) and ("incidents", frame), building each only
    when the one before has been taken: a caller that writes and drops each table holds one at
    a time, while the structures it is built from drain."""
    parts, records = build_parts(tables, workers)
    nodes = typed_frame(parts.drain_nodes(), NODE_COLUMNS, size=len(parts.nodes))
    yield "nodes", nodes
    del nodes
    edges = typed_frame(parts.drain_edges(), EDGE_COLUMNS, size=len(parts.edges))
    del parts
    yield "edges", edges
    del edges
    records.sort(key=lambda r: r["id"])
    yield "incidents", typed_frame(records, INCIDENT_COLUMNS)
