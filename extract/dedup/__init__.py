"""Deduplicate status-update occurrences into distinct updates, text clusters and field clusters.

``deduplicate(occurrences, settings) -> DedupResult(updates, clusters, revisions)``; the input is
the occurrences table (``extract.tables.UPDATE_OCCURRENCE_COLUMNS``, one row per quoted post).

Three levels, kept apart:

- **exact**: texts equal after ``normalize_text`` (case, quotes, whitespace);
- **near**: texts whose masked forms (``mask_text``: numbers, dates, times, IDs, URLs masked) have
  a rapidfuzz ratio >= ``Settings.near_duplicate_threshold`` (90, chosen on the GitHub corpus:
  benchmarks/DEDUP.md), found by MinHash LSH blocking and rapidfuzz verification;
- **field**: one text per distinct field value, with every occurrence, and revision chains.

A **text cluster** groups equal or near-equal texts wherever they occur, across incidents
(boilerplate such as "This incident has been resolved." shows up as a cross-incident cluster). An
**update** is one post of one incident at one time (``extract.dedup.updates``); updates of
different incidents are never merged.

``updates`` (one row per distinct update, sorted by incident_id, published, update_id; nulls last):

| column | meaning |
|---|---|
| update_id | ``u_`` + 16 hex of sha1(incident, published minute) (+ text when untimed, unattributed, or one minute holds several posts) |
| incident_id | the incident (null: unattributed, see ``flagged``) |
| published | ISO 8601 published time of the post (the most precise its sources give), or null |
| kind | ``m365``, ``alert``, ``share``, ``statuspage``, ``azure_pir``, ``tweet``, ``text`` |
| status, status_text | Microsoft Graph serviceHealthIssue status, and the wording it was mapped from |
| statuspage_status | Statuspage incident status (investigating, identified, monitoring, resolved, postmortem) |
| title, service, feature | as the post or its header names them, or null |
| start, end, next_update | ISO 8601 from Start time / End time / Next update by, or null |
| fields | canonical JSON object: field key -> value as written (union over sources) |
| text | the representative source's content (what text clusters compare) |
| text_hash | ``h_`` + sha1 of the normalized text (exact level) |
| text_cluster | ``tc_`` id of its text cluster (a row of ``clusters``) |
| n_sources, sources | how many quotes, and canonical JSON list of {doc, comment, start, end}: the representative source (whose text and kind the row shows) first, then the others sorted |
| revision_of | the previous structured update of the same incident in time order, or null |
| changes | canonical JSON {field: {from, to, words}} of tracked fields changed since revision_of |
| attribution | block, preceding, record, dominant (best over sources) or null |
| external_refs | list of other identifiers naming the incident (e.g. a ServiceNow INC number) |
| lang | language of the representative source |
| flagged | true when the update is unattributed |
| extra | canonical JSON of further keys from the parser (issue_status, updated, alert, …) |

``clusters`` (sorted by level, field, cluster_id): one row per text cluster (level ``exact`` when
all its texts normalize equal, else ``near``) and per field cluster (level ``field``):
cluster_id (``tc_``/``fc_``), level, field (null for text clusters), representative, size
(updates), members (JSON list of update_id), n_incidents, incident_ids (JSON), cross_incident,
n_texts (distinct written forms), occurrences (JSON list of {doc, comment, start, end}),
n_occurrences.

``revisions`` (sorted by incident_id, field, version): one row per version of a tracked field in
an incident: incident_id, field, version, cluster_id, previous_cluster, text, first_update,
first_published, last_update, last_published, n_updates, changes (JSON word edits from the
previous version).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from extract.config import Settings
from extract.dedup.fields import (
    FieldValue,
    field_clusters,
    revision_chains,
    update_changes,
    values_of,
)
from extract.dedup.near import near_components
from extract.dedup.normalize import digest, mask_text, normalize_text
from extract.dedup.updates import (
    ATTRIBUTION_RANK,
    Occurrence,
    group_occurrences,
    published_minute,
    update_ids,
)
from extract.engine.fanout import map_slices
from extract.tables import UPDATE_OCCURRENCE_COLUMNS as OCCURRENCE_COLUMNS
from extract.tables import dumps

UPDATE_COLUMNS = (
    "update_id",
    "incident_id",
    "published",
    "kind",
    "status",
    "status_text",
    "statuspage_status",
    "title",
    "service",
    "feature",
    "start",
    "end",
    "next_update",
    "fields",
    "text",
    "text_hash",
    "text_cluster",
    "n_sources",
    "sources",
    "revision_of",
    "changes",
    "attribution",
    "external_refs",
    "lang",
    "flagged",
    "extra",
)
CLUSTER_COLUMNS = (
    "cluster_id",
    "level",
    "field",
    "representative",
    "size",
    "members",
    "n_incidents",
    "incident_ids",
    "cross_incident",
    "n_texts",
    "occurrences",
    "n_occurrences",
)
REVISION_COLUMNS = (
    "incident_id",
    "field",
    "version",
    "cluster_id",
    "previous_cluster",
    "text",
    "first_update",
    "first_published",
    "last_update",
    "last_published",
    "n_updates",
    "changes",
)
_LEVEL_ORDER = {"exact": 0, "near": 1, "field": 2}
_EXTRA_COLUMNS = ("title", "service", "feature", "start", "end", "next_update", "statuspage_status")


def _empty(columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame(columns=list(columns))


@dataclass(frozen=True)
class DedupResult:
    updates: pd.DataFrame
    clusters: pd.DataFrame
    revisions: pd.DataFrame = field(default_factory=lambda: _empty(REVISION_COLUMNS))


def _loads(value: Any) -> dict[str, Any]:
    if isinstance(value, dict):
        return dict(value)
    if value is None or (isinstance(value, float) and pd.isna(value)) or value == "":
        return {}
    return json.loads(value)


def _none(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value


def _text_of(fields: dict[str, str], extra: dict[str, Any]) -> str:
    if extra.get("text"):
        return str(extra["text"])
    return "\n".join(f"{k}: {v}" for k, v in fields.items() if k != "published")


def _occurrences(frame: pd.DataFrame, settings: Settings) -> list[Occurrence]:
    """Read the occurrences table; exact repeats of one (doc, comment, start, end) count once."""
    raw = []
    seen: set[tuple] = set()
    for row in frame.to_dict("records"):
        key = (
            row["doc"],
            _none(row.get("comment")),
            int(row["start"]),
            int(row["end"]),
            _none(row.get("incident_id")),
        )
        if key in seen:
            continue
        seen.add(key)
        fields = _loads(row.get("fields"))
        extra = _loads(row.get("extra"))
        raw.append((row, fields, extra, _text_of(fields, extra)))
    norms = [normalize_text(text) for *_, text in raw]
    clusters = _clusters_of(norms, settings)
    occurrences = []
    for index, ((row, fields, extra, text), norm) in enumerate(zip(raw, norms, strict=True)):
        refs = row.get("external_refs")
        occurrences.append(
            Occurrence(
                index=index,
                doc=str(row["doc"]),
                comment=_none(row.get("comment")),
                start=int(row["start"]),
                end=int(row["end"]),
                kind=str(row["kind"]),
                incident_id=_none(row.get("incident_id")),
                attribution=_none(row.get("attribution")),
                published=_none(row.get("published")),
                minute=published_minute(_none(row.get("published"))),
                status=_none(row.get("status")),
                status_text=_none(row.get("status_text")),
                lang=_none(row.get("lang")),
                external_refs=tuple(sorted(refs)) if refs is not None and not isinstance(refs, float) else (),
                fields=fields,
                extra=extra,
                text=text,
                norm=norm,
                cluster=clusters[norm],
            )
        )
    return occurrences


def _clusters_of(norms: list[str], settings: Settings) -> dict[str, int]:
    """Map every normalized text to its near-duplicate component (an index into sorted masks)."""
    distinct = sorted(set(norms))
    masks = dict(zip(distinct, map_slices(_masks, distinct, settings.workers), strict=True))
    unique = sorted(set(masks.values()))
    roots = near_components(unique, settings.near_duplicate_threshold, settings)
    position = {mask: roots[i] for i, mask in enumerate(unique)}
    return {norm: position[mask] for norm, mask in masks.items()}


def _masks(norms: Sequence[str]) -> list[str]:
    return [mask_text(norm) for norm in norms]


def deduplicate(occurrences: pd.DataFrame, settings: Settings) -> DedupResult:
    """Group update occurrences into distinct updates, text clusters and field clusters."""
    if occurrences is None or occurrences.empty:
        return DedupResult(_empty(UPDATE_COLUMNS), _empty(CLUSTER_COLUMNS), _empty(REVISION_COLUMNS))
    occs = _occurrences(occurrences, settings)
    groups = group_occurrences(occs, settings.near_duplicate_threshold)
    cluster_ids = _text_cluster_ids(occs)
    rows = [
        _update_row(uid, group, cluster_ids) for uid, group in zip(update_ids(groups), groups, strict=True)
    ]
    values = [v for row, group in zip(rows, groups, strict=True) for v in _field_values(row, group)]
    links = update_changes(values)
    for row in rows:
        previous, changes = links.get(row["update_id"], (None, {}))
        row["revision_of"] = previous
        row["changes"] = dumps(changes) if previous else None
    updates = _frame(rows, UPDATE_COLUMNS, ["incident_id", "published", "update_id"])
    clusters = _frame(
        _text_cluster_rows(rows, groups, occs, cluster_ids) + _json_columns(field_clusters(values)),
        CLUSTER_COLUMNS,
        ["_level", "field", "cluster_id"],
    )
    revisions = _frame(
        [{**r, "changes": dumps(r["changes"])} for r in revision_chains(values)],
        REVISION_COLUMNS,
        ["incident_id", "field", "version"],
    )
    return DedupResult(updates=updates, clusters=clusters, revisions=revisions)


def _frame(rows: list[dict[str, Any]], columns: tuple[str, ...], order: list[str]) -> pd.DataFrame:
    if not rows:
        return _empty(columns)
    frame = pd.DataFrame(rows)
    if "_level" in order:
        frame["_level"] = frame["level"].map(_LEVEL_ORDER)
    frame = frame.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)
    frame = frame[list(columns)]
    for column in frame.columns:
        if not (pd.api.types.is_numeric_dtype(frame[column]) or pd.api.types.is_bool_dtype(frame[column])):
            # Text columns are plain objects with None for missing (pandas 3 would infer "str"
            # with NaN), so consumers can test ``is None`` and JSON lists stay lists.
            frame[column] = pd.Series([_none(v) for v in frame[column]], dtype=object, index=frame.index)
    return frame


def _text_cluster_ids(occs: list[Occurrence]) -> dict[int, str]:
    """Content-derived ID of every text component: sha1 of its distinct normalized texts."""
    norms: dict[int, set[str]] = defaultdict(set)
    for occ in occs:
        norms[occ.cluster].add(occ.norm)
    return {cluster: digest(*sorted(texts), prefix="tc_") for cluster, texts in norms.items()}


def _first(group: list[Occurrence], attr: str) -> Any:
    return next((getattr(o, attr) for o in group if getattr(o, attr) is not None), None)


def _update_row(uid: str, group: list[Occurrence], cluster_ids: dict[int, str]) -> dict[str, Any]:
    head = group[0]
    status_source = next((o for o in group if o.status is not None or o.status_text is not None), head)
    fields: dict[str, str] = {}
    extra: dict[str, Any] = {}
    for occ in group:
        for key, value in occ.fields.items():
            fields.setdefault(key, value)
        for key, value in occ.extra.items():
            if key not in ("text", "spans"):
                extra.setdefault(key, value)
    published = sorted({o.published for o in group if o.published}, key=lambda p: (-len(p), p))
    # The representative source first, the others in canonical order.
    sources = [dumps(head.source), *sorted({dumps(o.source) for o in group} - {dumps(head.source)})]
    attributions = sorted(
        (o.attribution for o in group if o.attribution), key=lambda a: ATTRIBUTION_RANK.get(a, 9)
    )
    row: dict[str, Any] = {
        "update_id": uid,
        "incident_id": head.incident_id,
        "published": published[0] if published else None,
        "kind": head.kind,
        "status": status_source.status,
        "status_text": status_source.status_text,
        "fields": dumps(fields),
        "text": head.text,
        "text_hash": digest(head.norm, prefix="h_"),
        "text_cluster": cluster_ids[head.cluster],
        "n_sources": len(sources),
        "sources": "[" + ",".join(sources) + "]",
        "attribution": attributions[0] if attributions else None,
        "external_refs": sorted({r for o in group for r in o.external_refs}),
        "lang": head.lang,
        "flagged": head.incident_id is None,
    }
    for key in _EXTRA_COLUMNS:
        row[key] = extra.pop(key, None)
    row["extra"] = dumps(extra) if extra else None
    return row


def updates_to_occurrences(updates: pd.DataFrame) -> pd.DataFrame:
    """The occurrences table of the deduplicated updates: one row per source, each with its
    update's merged content. Deduplicating it again gives the same updates (idempotence).
    """
    rows = []
    for row in updates.to_dict("records"):
        extra = _loads(row.get("extra"))
        for key in _EXTRA_COLUMNS:
            if row.get(key) is not None:
                extra[key] = row[key]
        extra["text"] = row["text"]
        rows.extend(
            {
                **source,
                "kind": row["kind"],
                "incident_id": row["incident_id"],
                "attribution": row["attribution"],
                "published": row["published"],
                "status": row["status"],
                "status_text": row["status_text"],
                "lang": row["lang"],
                "external_refs": list(row["external_refs"]),
                "fields": row["fields"],
                "extra": dumps(extra),
            }
            for source in json.loads(row["sources"])
        )
    return pd.DataFrame(rows, columns=list(OCCURRENCE_COLUMNS))


def _field_values(row: dict[str, Any], group: list[Occurrence]) -> list[FieldValue]:
    return values_of(row["update_id"], row["incident_id"], row["published"], group)


def _json_columns(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    for row in rows:
        for key in ("members", "incident_ids", "occurrences"):
            row[key] = dumps(row[key])
    return rows


def _text_cluster_rows(
    rows: list[dict[str, Any]],
    groups: list[list[Occurrence]],
    occs: list[Occurrence],
    cluster_ids: dict[int, str],
) -> list[dict[str, Any]]:
    """One row per text cluster that represents at least one update."""
    members: dict[str, list[tuple[dict[str, Any], list[Occurrence]]]] = defaultdict(list)
    for row, group in zip(rows, groups, strict=True):
        members[row["text_cluster"]].append((row, group))
    norms: dict[str, set[str]] = defaultdict(set)
    texts: dict[str, set[str]] = defaultdict(set)
    for occ in occs:
        norms[cluster_ids[occ.cluster]].add(occ.norm)
        texts[cluster_ids[occ.cluster]].add(occ.text)
    out = []
    for cluster_id, items in members.items():
        incidents = sorted({r["incident_id"] for r, _ in items if r["incident_id"]})
        spans = sorted({dumps(o.source) for _, g in items for o in g})
        representative = _representative(items)
        out.append(
            {
                "cluster_id": cluster_id,
                "level": "exact" if len(norms[cluster_id]) == 1 else "near",
                "field": None,
                "representative": representative,
                "size": len(items),
                "members": dumps(sorted(r["update_id"] for r, _ in items)),
                "n_incidents": len(incidents),
                "incident_ids": dumps(incidents),
                "cross_incident": len(incidents) > 1,
                "n_texts": len(texts[cluster_id]),
                "occurrences": "[" + ",".join(spans) + "]",
                "n_occurrences": len(spans),
            }
        )
    return out


def _representative(items: list[tuple[dict[str, Any], list[Occurrence]]]) -> str:
    """The most frequent text of a cluster (ties: the smallest), as first written."""
    counts: dict[str, int] = defaultdict(int)
    for row, _ in items:
        counts[row["text"]] += 1
    return min(counts, key=lambda text: (-counts[text], text))
