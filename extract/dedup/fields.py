"""Field-level deduplication: one text per distinct field value, revision chains per incident.

A field value repeated across posts ("Root cause: A recent code change …" in ten posts) becomes
one field cluster with all its occurrences; a field whose value changes over an incident's posts
("… approximately four hours" -> "… five hours") becomes a chain of revisions in time order, each
with the words that changed. Per-post fields (published, current status, next update) and
identifying fields are not tracked: they change with every post by design.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from extract.dedup.normalize import digest, normalize_text

UNTRACKED = (
    "published",
    "current_status",
    "current_update",
    "next_update",
    "issue_status",
    "share",
    "incident",
    "body",
)


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One tracked field of one update."""

    update_id: str
    incident_id: str | None
    published: str | None
    field: str
    text: str
    norm: str
    spans: tuple[dict[str, Any], ...]  # {doc, comment, start, end} of the value in every source

    @property
    def cluster_id(self) -> str:
        return field_cluster_id(self.field, self.norm)


def field_cluster_id(field: str, norm: str) -> str:
    return digest(field, norm, prefix="fc_")


def tracked(field: str) -> bool:
    return field not in UNTRACKED and not field.startswith("reference:")


def word_changes(old: str, new: str) -> list[dict[str, str]]:
    """The word-level edits from ``old`` to ``new``: [{op, from, to}]."""
    a, b = old.split(), new.split()
    edits = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            edits.append({"op": op, "from": " ".join(a[i1:i2]), "to": " ".join(b[j1:j2])})
    return edits


def field_clusters(values: list[FieldValue]) -> list[dict[str, Any]]:
    """One row per distinct (field, normalized value): its text and every occurrence."""
    grouped: dict[str, list[FieldValue]] = defaultdict(list)
    for value in values:
        grouped[value.cluster_id].append(value)
    rows = []
    for cluster_id, members in grouped.items():
        members.sort(key=lambda v: (v.published is None, v.published or "", v.update_id))
        incidents = sorted({m.incident_id for m in members if m.incident_id})
        spans = sorted(
            (span for m in members for span in m.spans),
            key=lambda s: (s["doc"], s["comment"] or "", s["start"], s["end"]),
        )
        rows.append(
            {
                "cluster_id": cluster_id,
                "level": "field",
                "field": members[0].field,
                "representative": members[0].text,
                "size": len({m.update_id for m in members}),
                "members": sorted({m.update_id for m in members}),
                "n_incidents": len(incidents),
                "incident_ids": incidents,
                "cross_incident": len(incidents) > 1,
                "n_texts": len({m.text for m in members}),
                "occurrences": spans,
                "n_occurrences": len(spans),
            }
        )
    return rows


def revision_chains(values: list[FieldValue]) -> list[dict[str, Any]]:
    """One row per version of a tracked field within an incident, in time order."""
    by_key: dict[tuple[str, str], list[FieldValue]] = defaultdict(list)
    for value in values:
        if value.incident_id is not None:
            by_key[(value.incident_id, value.field)].append(value)
    rows = []
    for (incident, field), members in sorted(by_key.items()):
        members.sort(key=lambda v: (v.published is None, v.published or "", v.update_id))
        versions: list[list[FieldValue]] = []
        for member in members:
            if versions and versions[-1][-1].norm == member.norm:
                versions[-1].append(member)
            else:
                versions.append([member])
        previous: FieldValue | None = None
        for number, version in enumerate(versions, start=1):
            first, last = version[0], version[-1]
            rows.append(
                {
                    "incident_id": incident,
                    "field": field,
                    "version": number,
                    "cluster_id": first.cluster_id,
                    "previous_cluster": previous.cluster_id if previous else None,
                    "text": first.text,
                    "first_update": first.update_id,
                    "first_published": first.published,
                    "last_update": last.update_id,
                    "last_published": last.published,
                    "n_updates": len(version),
                    "changes": word_changes(previous.text, first.text) if previous else [],
                }
            )
            previous = first
    return rows


def update_changes(values: list[FieldValue]) -> dict[str, tuple[str | None, dict[str, Any]]]:
    """For every update: (the previous update of its incident, the tracked fields that changed).

    Only updates with tracked fields (structured posts) take part; the first has no previous.
    """
    by_update: dict[str, list[FieldValue]] = defaultdict(list)
    for value in values:
        by_update[value.update_id].append(value)
    by_incident: dict[str, list[tuple[tuple, str]]] = defaultdict(list)
    for uid, members in by_update.items():
        head = members[0]
        if head.incident_id is not None:
            by_incident[head.incident_id].append(((head.published is None, head.published or "", uid), uid))
    result: dict[str, tuple[str | None, dict[str, Any]]] = {}
    for chain in by_incident.values():
        chain.sort()
        previous: str | None = None
        for _, uid in chain:
            if previous is None:
                result[uid] = (None, {})
            else:
                result[uid] = (previous, _diff(by_update[previous], by_update[uid]))
            previous = uid
    return result


def _diff(old: list[FieldValue], new: list[FieldValue]) -> dict[str, Any]:
    before = {v.field: v for v in old}
    after = {v.field: v for v in new}
    changes: dict[str, Any] = {}
    for field in sorted(set(before) | set(after)):
        a, b = before.get(field), after.get(field)
        if a is not None and b is not None and a.norm == b.norm:
            continue
        changes[field] = {
            "from": a.cluster_id if a else None,
            "to": b.cluster_id if b else None,
            "words": word_changes(a.text, b.text) if a and b else [],
        }
    return changes


def values_of(
    update_id: str, incident: str | None, published: str | None, sources: list[Any]
) -> list[FieldValue]:
    """The tracked field values of an update; spans gathered from every source that has them."""
    merged: dict[str, tuple[str, list[dict[str, Any]]]] = {}
    for source in sources:
        spans = source.extra.get("spans") or {}
        for field, text in source.fields.items():
            if not tracked(field) or not text:
                continue
            entry = merged.setdefault(field, (text, []))
            if normalize_text(text) != normalize_text(entry[0]):
                continue
            if field in spans:
                start, end = spans[field]
                entry[1].append({"doc": source.doc, "comment": source.comment, "start": start, "end": end})
    return [
        FieldValue(update_id, incident, published, field, text, normalize_text(text), tuple(spans))
        for field, (text, spans) in merged.items()
    ]
