"""Graph serializations."""

from __future__ import annotations

from typing import Any

import pandas as pd


def _clean(record: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, float) and v != v else v) for k, v in record.items()}


def node_link(nodes: pd.DataFrame | None, edges: pd.DataFrame | None) -> dict[str, Any]:
    """Return networkx node-link JSON (edges under "edges")."""
    return {
        "directed": True,
        "multigraph": True,
        "graph": {},
        "nodes": [] if nodes is None else [_clean(r) for r in nodes.to_dict("records")],
        "edges": [] if edges is None else [_clean(r) for r in edges.to_dict("records")],
    }
