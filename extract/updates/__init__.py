"""Status-update parsing: find the vendor posts quoted in a document, read their fields, map
their status wording, and attribute each to its incident.

``parse_updates(document, mentions) -> list[StatusUpdate]``, one per post occurrence, in text
order. Kinds: ``m365`` (admin-center posts, English or German labels), ``alert`` ("Field : value"
alerts such as NHSmail's), ``share`` (a lone "Incident: …, current status is: …" header),
``statuspage``, ``azure_pir``, ``tweet`` and ``text`` (short vendor texts).

What a ``StatusUpdate`` carries:

- ``fields``: the post's fields by the normalized keys of ``data/documents.yaml`` ``status_fields``
  (``title``, ``user_impact``, ``more_info``, ``current_status``, ``scope``, ``start_time``,
  ``end_time``, ``root_cause``, ``next_update``, ``final_status``, ``issue_status``, …), values as
  written; ``reference:<Label>`` for an alert's reference lines; ``body`` for status-page posts and
  short texts; ``what_happened``, ``what_went_wrong``, ``how_we_responded``, … for PIRs.
- ``status``: a Microsoft Graph serviceHealthIssue status (``data/status.yaml``); ``status_text``
  the wording it came from.
- ``extra``: ``text`` (the content that deduplication compares), ``spans`` (value offsets per
  field), ``statuspage_status``, ``resolved``, and where known ``title``, ``service``, ``feature``,
  ``start``, ``end``, ``next_update``, ``updated`` (ISO 8601), ``issue_status``, ``alert``,
  ``flag`` (``unattributed``).

Times come from this package's own parser of the admin-center and status-page formats
(``extract.updates.times``); where it finds none in a field, a timestamp mention inside the field
is used.
"""

from __future__ import annotations

from collections.abc import Sequence

from extract.model import Document, Mention, StatusUpdate
from extract.updates.attribution import attribute
from extract.updates.ids import IdHit, find_ids
from extract.updates.parsers import (
    Draft,
    ShareHeader,
    field_drafts,
    find_share_headers,
    pir_drafts,
    short_drafts,
    statuspage_drafts,
)
from extract.updates.render import render_statuspage_incident
from extract.updates.vocab import graph_to_statuspage, status_meaning

__all__ = ["parse_updates", "render_statuspage_incident"]


def parse_updates(document: Document, mentions: Sequence[Mention]) -> list[StatusUpdate]:
    """Return the status updates quoted in a document, attributed to incidents."""
    drafts = find_drafts(document, mentions)
    hits = find_ids(document.text, mentions)
    return [_to_update(document, draft, hits) for draft in drafts]


def find_drafts(document: Document, mentions: Sequence[Mention]) -> list[Draft]:
    """Return every post in text order; earlier finders take precedence over overlapping spans."""
    drafts = statuspage_drafts(document, mentions)
    taken = [(d.start, d.end) for d in drafts]
    headers = find_share_headers(document.text)
    for draft in field_drafts(document, mentions, taken, headers):
        drafts.append(draft)
        taken.append((draft.start, draft.end))
    drafts.extend(_lone_shares(document, taken, headers))
    taken = [(d.start, d.end) for d in drafts]
    drafts.extend(pir_drafts(document, taken))
    taken = [(d.start, d.end) for d in drafts]
    drafts.extend(short_drafts(document, taken))
    return sorted(drafts, key=lambda d: (d.start, d.end))


def _lone_shares(
    document: Document, taken: list[tuple[int, int]], headers: Sequence[ShareHeader]
) -> list[Draft]:
    """A share header with no post under it is an update of its own (the incident's state)."""
    drafts = []
    for header in headers:
        if any(s <= header.start < e for s, e in taken):
            continue
        extra: dict[str, object] = {
            k: v for k, v in (("service", header.service), ("feature", header.feature)) if v
        }
        body = document.text[header.start : header.end]
        drafts.append(
            Draft(
                start=header.start,
                end=header.end,
                kind="share",
                text=body,
                fields={"body": body},
                spans={"body": (header.start, header.end)},
                status_text=header.status,
                extra=extra,
            )
        )
    return drafts


def _to_update(document: Document, draft: Draft, hits: Sequence[IdHit]) -> StatusUpdate:
    who = attribute(document, hits, draft.start, draft.end)
    meaning = status_meaning(draft.status_text)
    graph = meaning.graph if meaning else draft.extra.get("status_hint")
    extra = {k: v for k, v in draft.extra.items() if k != "status_hint"}
    extra["text"] = draft.text
    extra["spans"] = {k: list(v) for k, v in draft.spans.items()}
    if meaning is None and isinstance(graph, str) and graph_to_statuspage(graph):
        extra["statuspage_status"] = graph_to_statuspage(graph)
    if meaning is not None:
        if meaning.statuspage:
            extra["statuspage_status"] = meaning.statuspage
        if meaning.resolved is not None:
            extra["resolved"] = meaning.resolved
    if who.incident_id is None:
        extra["flag"] = "unattributed"
    comment = document.comment_at(draft.start)
    return StatusUpdate(
        doc=document.id,
        start=draft.start,
        end=draft.end,
        kind=draft.kind,
        incident_id=who.incident_id,
        attribution=who.how,
        fields=dict(draft.fields),
        published=draft.published,
        status=graph if isinstance(graph, str) else None,
        status_text=draft.status_text,
        lang=document.lang_at(draft.start),
        comment=comment.id if comment else None,
        external_refs=who.external_refs,
        extra=extra,
    )
