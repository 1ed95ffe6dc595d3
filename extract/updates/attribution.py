"""Attribute a status post to its incident.

In order: an identifier in the post ("block"); else the nearest preceding line that names one,
within the same part of the page (article body, or the same comment) ("preceding"); else the
incident a status-page URL of the record names ("record"); else the document's single dominant
identifier ("dominant"); else none (the update is kept, flagged ``unattributed``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from extract.model import Document
from extract.updates.ids import IdHit, dominant_id, ids_in, split_ids

_STATUSPAGE_URL = re.compile(r"/incidents/(?P<id>[a-z0-9]{12})\b")


@dataclass(frozen=True, slots=True)
class Attribution:
    incident_id: str | None
    how: str | None  # "block", "preceding", "record", "dominant" or None
    external_refs: tuple[str, ...]


def attribute(document: Document, hits: Sequence[IdHit], start: int, end: int) -> Attribution:
    """Return the incident of the post at [start, end) and its external references."""
    incident, refs = split_ids(ids_in(hits, start, end))
    if incident is not None:
        return Attribution(incident, "block", refs)
    preceding = _preceding(document, hits, start)
    if preceding is not None:
        return Attribution(preceding, "preceding", refs)
    record = _record_id(document)
    if record is not None:
        return Attribution(record, "record", refs)
    dominant = dominant_id(hits)
    if dominant is not None:
        return Attribution(dominant, "dominant", refs)
    return Attribution(None, None, refs)


def _section(document: Document, offset: int) -> tuple[int, int]:
    """The part of the page a post stands in: its comment, or the article before the comments."""
    comment = document.comment_at(offset)
    if comment is not None:
        return comment.body_start, comment.end
    first_comment = min((c.start for c in document.comments), default=len(document.text))
    return 0, first_comment if offset < first_comment else len(document.text)


def _preceding(document: Document, hits: Sequence[IdHit], start: int) -> str | None:
    """The first vendor identifier on the nearest line before ``start`` that names one."""
    low, _ = _section(document, start)
    before = [h for h in hits if low <= h.start and h.end <= start and h.is_vendor]
    if not before:
        return None
    last = before[-1]
    line_start = document.text.rfind("\n", 0, last.start) + 1
    on_line = [h for h in before if h.start >= line_start]
    return on_line[0].value


def _record_id(document: Document) -> str | None:
    if not document.url:
        return None
    match = _STATUSPAGE_URL.search(document.url)
    return match.group("id") if match else None
