"""Column schemas of the tables that flow between the cross-document stages and into Parquet.

Per-document stages emit Python records; ``*_frame`` functions turn them into DataFrames with
these columns in this order, sorted by a documented key, so output is byte-stable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

import pandas as pd

from extract.model import Document, Mention, StatusUpdate

DOCUMENT_COLUMNS = (
    "id",
    "input_doc",
    "kind",
    "title",
    "url",
    "author",
    "lang",
    "published",
    "published_source",
    "parent",
    "position",
    "source",
    "status",
    "n_chars",
    "n_mentions",
    "n_updates",
)
# Fixed mention columns; extra keys a recognizer adds that are common get their own column,
# the rest go to `extra` as sorted JSON.
MENTION_COLUMNS = (
    "doc",
    "type",
    "text",
    "start",
    "end",
    "value",
    "role",
    "score",
    "lang",
    "comment",
    "source",
    "scheme",
    "grain",
    "approx",
    "tz",
    "part_of_day",
    "interval",
    "countries",
    "extra",
)
_FLAT_EXTRAS = ("scheme", "grain", "approx", "tz", "part_of_day", "interval", "countries")
UPDATE_OCCURRENCE_COLUMNS = (
    "doc",
    "comment",
    "start",
    "end",
    "kind",
    "incident_id",
    "attribution",
    "published",
    "status",
    "status_text",
    "lang",
    "external_refs",
    "fields",
    "extra",
)


def dumps(value: Any) -> str:
    """Serialize to canonical JSON (sorted keys, no spaces): the one form stored in tables."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def mention_row(mention: Mention) -> dict[str, Any]:
    """Return the table row of a mention."""
    extra = dict(mention.extra)
    row: dict[str, Any] = {
        "doc": mention.doc,
        "type": mention.type,
        "text": mention.text,
        "start": mention.start,
        "end": mention.end,
        "value": mention.value,
        "role": mention.role,
        "score": round(mention.score, 3),
        "lang": mention.lang,
        "comment": mention.comment,
        "source": mention.source,
    }
    for key in _FLAT_EXTRAS:
        row[key] = extra.pop(key, None)
    if row["countries"] is not None:
        row["countries"] = list(row["countries"])
    row["extra"] = dumps(extra) if extra else None
    return row


def mentions_frame(mentions: Iterable[Mention]) -> pd.DataFrame:
    """Return the mentions table sorted by (doc, start, end, type, value)."""
    frame = pd.DataFrame([mention_row(m) for m in mentions], columns=list(MENTION_COLUMNS))
    if frame.empty:
        return frame
    return frame.sort_values(["doc", "start", "end", "type", "value"], kind="stable").reset_index(drop=True)


def document_rows(document: Document, status: str, n_mentions: int, n_updates: int) -> list[dict[str, Any]]:
    """Return the row of a document and one row per comment split out of it."""
    rows = [
        {
            "id": document.id,
            "input_doc": document.id,
            "kind": "comment" if document.parent else "post",
            "title": document.title,
            "url": document.url,
            "author": document.author,
            "lang": document.lang,
            "published": document.published,
            "published_source": document.published_source,
            "parent": document.parent,
            "position": None,
            "source": document.source,
            "status": status,
            "n_chars": len(document.text),
            "n_mentions": n_mentions,
            "n_updates": n_updates,
        }
    ]
    for comment in document.comments:
        body = document.text[comment.body_start : comment.end]
        rows.append(
            {
                "id": comment.id,
                "input_doc": document.id,
                "kind": "comment",
                "title": None,
                "url": None,
                "author": comment.author,
                "lang": document.lang_at(comment.body_start + 1),
                "published": comment.published or document.published,
                "published_source": "comment" if comment.published else "document",
                "parent": comment.parent or document.id,
                "position": comment.position,
                "source": document.source,
                "status": status,
                "n_chars": len(body),
                "n_mentions": None,
                "n_updates": None,
            }
        )
    return rows


def update_row(update: StatusUpdate) -> dict[str, Any]:
    """Return the table row of one update occurrence (before deduplication)."""
    return {
        "doc": update.doc,
        "comment": update.comment,
        "start": update.start,
        "end": update.end,
        "kind": update.kind,
        "incident_id": update.incident_id,
        "attribution": update.attribution,
        "published": update.published,
        "status": update.status,
        "status_text": update.status_text,
        "lang": update.lang,
        "external_refs": list(update.external_refs),
        "fields": dumps(update.fields),
        "extra": dumps(update.extra) if update.extra else None,
    }


def update_occurrences_frame(updates: Iterable[StatusUpdate]) -> pd.DataFrame:
    """Return update occurrences sorted by (doc, start)."""
    frame = pd.DataFrame([update_row(u) for u in updates], columns=list(UPDATE_OCCURRENCE_COLUMNS))
    if frame.empty:
        return frame
    return frame.sort_values(["doc", "start"], kind="stable").reset_index(drop=True)
