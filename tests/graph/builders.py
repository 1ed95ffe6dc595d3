"""Small hand-made input tables for the graph stage's rule tests."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

from extract.tables import DOCUMENT_COLUMNS, MENTION_COLUMNS, dumps


def doc(
    doc_id: str, *, kind: str = "post", parent: str | None = None, published: str | None = None
) -> dict[str, Any]:
    row = dict.fromkeys(DOCUMENT_COLUMNS)
    input_doc = doc_id.split("#", 1)[0]
    row.update(
        {
            "id": doc_id,
            "input_doc": input_doc,
            "kind": kind,
            "parent": parent,
            "published": published,
            "status": "ok",
        }
    )
    return row


def mention(
    doc_id: str,
    type_: str,
    start: int,
    value: str,
    *,
    comment: str | None = None,
    role: str | None = None,
    scheme: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    row = dict.fromkeys(MENTION_COLUMNS)
    row.update(
        {
            "doc": doc_id,
            "type": type_,
            "text": value,
            "start": start,
            "end": start + len(value),
            "value": value,
            "role": role,
            "comment": comment,
            "scheme": scheme,
            "extra": dumps(extra) if extra else None,
        }
    )
    return row


def update(
    update_id: str,
    incident_id: str | None,
    doc_id: str,
    span_start: int,
    span_end: int,
    *,
    published: str | None = None,
    comment: str | None = None,
    **columns: Any,
) -> dict[str, Any]:
    fields = columns.pop("fields", {})
    return {
        "update_id": update_id,
        "incident_id": incident_id,
        "published": published,
        "kind": columns.pop("kind", "m365"),
        "status": columns.pop("status", None),
        "status_text": columns.pop("status_text", None),
        "title": columns.pop("title", fields.get("title")),
        "fields": dumps(fields),
        "text": columns.pop("text", f"text of {update_id}"),
        "text_cluster": columns.pop("text_cluster", None),
        "n_sources": 1,
        "sources": json.dumps([{"doc": doc_id, "comment": comment, "start": span_start, "end": span_end}]),
        "attribution": "block" if incident_id else None,
        "external_refs": columns.pop("external_refs", []),
        "lang": "en",
        **columns,
    }


def tables(
    docs: list[dict[str, Any]],
    mentions: list[dict[str, Any]],
    updates: list[dict[str, Any]] | None = None,
    clusters: list[dict[str, Any]] | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    return (
        pd.DataFrame(docs, columns=list(DOCUMENT_COLUMNS)),
        pd.DataFrame(mentions, columns=list(MENTION_COLUMNS)),
        pd.DataFrame(updates or []),
        pd.DataFrame(clusters or []),
    )


def incident(graph: Any, incident_id: str | None = None, node_id: str | None = None) -> dict[str, Any]:
    rows = graph.incidents.to_dict("records")
    if node_id is not None:
        return next(r for r in rows if r["id"] == node_id)
    return next(r for r in rows if r["incident_id"] == incident_id)
