"""What an incremental merge replaced.

An incremental run re-runs the cross-document stages on the old and the new per-document tables
together, so every id is the one an all-at-once run gives. Ids are functions of content: an
unchanged thing keeps its id. When new documents change a thing's content — a text cluster gains
members, two clusters merge, an incident known only by its page gets a title — its id changes, and
consumers holding the old id need to know its successor.

``replaced_ids(old_nodes, new_nodes)`` compares the node tables of the two runs: an old id that is
missing from the new graph is matched to the new node(s) of the same kind that share provenance
with it (a cluster member, an update's source span, an incident's updates/sources, a document
id); with no successor it is reported as removed.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from extract.graph.inputs import loads, py, rows

REPLACED_COLUMNS = ("old_id", "new_id", "kind", "reason")


def _as_list(value: Any) -> list[Any]:
    value = py(value)
    if value is None:
        return []
    if isinstance(value, str):
        decoded = loads(value, None)
        return decoded if isinstance(decoded, list) else [value]
    return value if isinstance(value, list) else [value]


PROVENANCE = {"text_cluster": ("members",), "update": ("source_spans",), "incident": ("sources",)}


def provenance(row: dict[str, Any]) -> set[str]:
    """Return keys that identify what a node was built from (shared keys mean the same thing).

    Only kinds whose id hashes changing content have provenance: text clusters (their members),
    updates (their source spans) and incidents (the documents naming or quoting them). The other
    ids are the values themselves, so they never change.
    """
    keys: set[str] = set()
    for name in PROVENANCE.get(str(row.get("kind")), ()):
        for item in _as_list(row.get(name)):
            keys.add(f"{name}:" + (repr(sorted(item.items())) if isinstance(item, dict) else str(item)))
    return keys


def replaced_ids(old_nodes: pd.DataFrame | None, new_nodes: pd.DataFrame | None) -> pd.DataFrame:
    """Return (old_id, new_id, kind, reason) for every old node id the new graph no longer has.

    ``reason`` is ``replaced`` (one successor), ``merged`` (the successor also absorbed other old
    ids or several old ids lead to it), ``split`` (several successors, one row each) or
    ``removed`` (``new_id`` null). Rows are sorted by (old_id, new_id).
    """
    new_rows = list(rows(new_nodes))
    new_ids = {r["id"] for r in new_rows}
    gone = [r for r in rows(old_nodes) if r["id"] not in new_ids]
    index: dict[tuple[str, str], set[str]] = {}
    for row in new_rows:
        for key in provenance(row):
            index.setdefault((row["kind"], key), set()).add(row["id"])
    matches = {
        row["id"]: sorted({n for key in provenance(row) for n in index.get((row["kind"], key), ())})
        for row in gone
    }
    incoming: dict[str, int] = {}
    for successors in matches.values():
        for new_id in successors:
            incoming[new_id] = incoming.get(new_id, 0) + 1
    out = []
    for row in gone:
        successors = matches[row["id"]]
        if not successors:
            out.append({"old_id": row["id"], "new_id": None, "kind": row["kind"], "reason": "removed"})
        for new_id in successors:
            reason = "split" if len(successors) > 1 else ("merged" if incoming[new_id] > 1 else "replaced")
            out.append({"old_id": row["id"], "new_id": new_id, "kind": row["kind"], "reason": reason})
    frame = pd.DataFrame(out, columns=list(REPLACED_COLUMNS))
    return frame.sort_values(["old_id", "new_id"], kind="stable", na_position="first").reset_index(drop=True)
