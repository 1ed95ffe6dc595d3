"""The graph's vocabulary: node kinds with their attributes, edge kinds, attribute types.

One attribute name has one type across every kind (GraphML and Neo4j declare a type per name).
``list`` attributes are lists of strings; ``json`` attributes are canonical JSON strings (nested
evidence, fields, provenance spans), so every format stores them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from extract.graph.inputs import py

INCIDENT_ATTRS = (
    "incident_id",
    "provider",
    "classification",
    "service",
    "services",
    "feature",
    "features",
    "status",
    "status_text",
    "title",
    "start",
    "end",
    "first_seen",
    "last_seen",
    "update_count",
    "error_codes",
    "regions",
    "external_refs",
    "references",
    "related_incidents",
    "sources",
    "start_candidates",
    "end_candidates",
    "conflicts",
    "evidence",
)
NODE_ATTRS: dict[str, tuple[str, ...]] = {
    "document": (
        "doc_kind",
        "input_doc",
        "title",
        "url",
        "author",
        "lang",
        "published",
        "parent",
        "position",
    ),
    "incident": INCIDENT_ATTRS,
    "update": (
        "update_id",
        "incident_id",
        "published",
        "update_kind",
        "status",
        "status_text",
        "title",
        "fields",
        "text",
        "text_cluster",
        "n_sources",
        "source_spans",
        "attribution",
        "external_refs",
        "lang",
        "revision_of",
        "changes",
    ),
    "text_cluster": (
        "cluster_id",
        "level",
        "field",
        "text",
        "size",
        "members",
        "n_incidents",
        "cross_incident",
    ),
    "service": ("name", "provider", "service_kind", "parent"),
    "feature": ("name", "service"),
    "error_code": ("code", "scheme", "description"),
    "region": ("code", "countries"),
    "external_ref": ("ref", "scheme", "provider"),
}
NODE_KINDS = tuple(NODE_ATTRS)
EDGE_KINDS = (
    "mentions",
    "reply_to",
    "has_update",
    "affects",
    "reports_error",
    "same_as",
    "references",
    "related_to",
    "quotes",
    "duplicate_of",
    "part_of",
    "revision_of",
)
EDGE_ATTRS = ("count", "rule", "field", "reasons", "spans")

INT_ATTRS = frozenset({"position", "update_count", "n_sources", "size", "n_incidents", "count"})
BOOL_ATTRS = frozenset({"cross_incident"})
LIST_ATTRS = frozenset(
    {
        "services",
        "features",
        "error_codes",
        "regions",
        "external_refs",
        "references",
        "related_incidents",
        "sources",
        "start_candidates",
        "end_candidates",
        "conflicts",
        "countries",
        "reasons",
    }
)
JSON_ATTRS = frozenset({"evidence", "fields", "source_spans", "members", "spans", "changes"})


def _ordered_union(groups: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for group in groups:
        for name in group:
            seen.setdefault(name, None)
    return tuple(seen)


NODE_COLUMNS = ("id", "kind", "label", *_ordered_union(tuple(NODE_ATTRS.values())))
EDGE_COLUMNS = ("source", "target", "kind", *EDGE_ATTRS)
INCIDENT_COLUMNS = ("id", *INCIDENT_ATTRS)


def attr_type(name: str) -> str:
    """Return "int", "bool", "list" or "str" (JSON attributes are strings)."""
    if name in INT_ATTRS:
        return "int"
    if name in BOOL_ATTRS:
        return "bool"
    if name in LIST_ATTRS:
        return "list"
    return "str"


_PLAIN = frozenset({str, bool, int})


def typed_frame(
    records: Iterable[dict[str, Any]], columns: tuple[str, ...], size: int | None = None
) -> pd.DataFrame:
    """Return a DataFrame with one dtype per attribute type (nullable ints/bools, object else).

    ``records`` may be a one-pass iterator when ``size`` says how many it yields, so a caller
    can free each record once it is read.
    """
    if size is None:
        records = list(records)
        size = len(records)
    # One pass over the records, each filling the columns it has: nodes are wide (every
    # attribute of every kind) and sparse, so asking every record for every column costs more.
    filled: dict[str, list[Any]] = {name: [None] * size for name in columns}
    count = 0
    for position, record in enumerate(records):
        for name, value in record.items():
            column = filled.get(name)
            if column is not None:
                column[position] = value
        count = position + 1
    if count != size:
        raise ValueError(f"typed_frame: {count} records, {size} announced")
    data: dict[str, pd.Series] = {}
    for name in columns:
        values = filled.pop(name)
        kind = attr_type(name)
        if kind == "int":
            data[name] = pd.Series([py(v) for v in values], dtype="Int64")
        elif kind == "bool":
            data[name] = pd.Series([py(v) for v in values], dtype="boolean")
        else:
            # Built column by column from the records (no intermediate frame to convert back).
            plain = [v if v is None or type(v) in _PLAIN else py(v) for v in values]
            data[name] = pd.Series(plain, dtype=object)
    return pd.DataFrame(data, columns=list(columns), index=pd.RangeIndex(size))


def node_attributes(row: dict[str, Any]) -> dict[str, Any]:
    """Return the attributes a node of its kind carries (id and kind first), as Python values."""
    kind = str(row["kind"])
    names = ("id", "kind", "label", *NODE_ATTRS.get(kind, ()))
    return {name: py(row.get(name)) for name in names}


def edge_attributes(row: dict[str, Any]) -> dict[str, Any]:
    """Return an edge's non-null attributes (source, target and kind always)."""
    data = {name: py(row.get(name)) for name in EDGE_COLUMNS}
    return {k: v for k, v in data.items() if v is not None or k in ("source", "target", "kind")}
