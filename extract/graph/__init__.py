"""Incident graph assembly (interim: filled in by the graph work)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class Graph:
    nodes: pd.DataFrame
    edges: pd.DataFrame
    incidents: pd.DataFrame


def build_graph(
    documents: pd.DataFrame, mentions: pd.DataFrame, updates: pd.DataFrame, clusters: pd.DataFrame
) -> Graph:
    """Assemble nodes, edges and the incidents table."""
    return Graph(
        nodes=pd.DataFrame(columns=["id", "kind"]),
        edges=pd.DataFrame(columns=["source", "target", "kind"]),
        incidents=pd.DataFrame(),
    )
