"""Incremental runs: the node IDs a merge replaced (``extract.graph.replaced_ids``), as JSON."""

from __future__ import annotations

from typing import Any

import pandas as pd

from extract.graph import replaced_ids


def replaced_ids_json(old_nodes: pd.DataFrame, new_nodes: pd.DataFrame) -> Any:
    """Return what the graph says the merge replaced, in JSON values."""
    return jsonable(replaced_ids(old_nodes, new_nodes))


def jsonable(value: Any) -> Any:
    """Turn a frame, mapping, set or sequence (with NumPy or NaN values) into JSON values."""
    if isinstance(value, pd.DataFrame):
        return [jsonable(row) for row in value.to_dict("records")]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, set | frozenset):
        return sorted(jsonable(v) for v in value)
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if hasattr(value, "tolist"):
        return jsonable(value.tolist())
    if isinstance(value, float) and value != value:
        return None
    return value
