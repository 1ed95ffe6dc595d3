"""Group update occurrences into distinct updates.

An update is one post of one incident at one time. Occurrences are grouped:

1. attributed and timed: same incident and same published minute (with its offset, when stated),
   and either equal normalized text or, across documents, a near-equal text (rapidfuzz ratio >=
   the threshold) or the only occurrence of each document at that minute (one post quoted in another wording, e.g. the German admin
   center). Two posts of one page at the same minute with different texts stay two updates;
2. attributed, untimed: joins the timed update of the same incident whose text is most similar
   (``quote_score``: equal, rapidfuzz ratio >= the near-duplicate threshold, or an excerpt of at
   least 40 characters; exact quotes win); else it joins untimed occurrences of the same
   incident with such a text;
3. unattributed: only with occurrences of equal normalized text and equal published minute.

Occurrences of different incidents are never grouped (every key contains the incident).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rapidfuzz import fuzz

from extract.dedup.near import UnionFind
from extract.dedup.normalize import digest

# Which occurrence represents an update (most structured first).
KIND_RANK = {"m365": 0, "alert": 1, "azure_pir": 2, "statuspage": 3, "share": 4, "tweet": 5, "text": 6}
ATTRIBUTION_RANK = {"block": 0, "preceding": 1, "record": 2, "dominant": 3}


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One row of the occurrences table, with the forms deduplication compares."""

    index: int
    doc: str
    comment: str | None
    start: int
    end: int
    kind: str
    incident_id: str | None
    attribution: str | None
    published: str | None
    minute: str | None  # the published time at minute grain, "Z" appended when it had an offset
    status: str | None
    status_text: str | None
    lang: str | None
    external_refs: tuple[str, ...]
    fields: dict[str, str]
    extra: dict[str, Any]
    text: str
    norm: str  # normalize_text(text)
    cluster: int  # index of its near-duplicate text component

    @property
    def source(self) -> dict[str, Any]:
        return {"doc": self.doc, "comment": self.comment, "start": self.start, "end": self.end}

    def rank(self) -> tuple:
        """Sort key choosing an update's representative: structured, timed, attributed, first."""
        return (
            KIND_RANK.get(self.kind, 9),
            self.published is None,
            ATTRIBUTION_RANK.get(self.attribution or "", 9),
            self.doc,
            self.comment or "",
            self.start,
            self.end,
        )


def published_minute(value: str | None) -> str | None:
    """The grouping form of a published time: minute grain, converted to UTC when it has an offset."""
    if not value:
        return None
    try:
        when = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value[:16]
    if len(value) <= 10:
        return value  # a date only
    if when.tzinfo is not None:
        return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
    return when.strftime("%Y-%m-%dT%H:%M")


def group_occurrences(occurrences: list[Occurrence], threshold: float) -> list[list[Occurrence]]:
    """Return the groups of occurrences that are one update each (see the module docstring)."""
    keyed: dict[tuple, list[Occurrence]] = defaultdict(list)
    untimed: dict[str, list[Occurrence]] = defaultdict(list)
    for occ in occurrences:
        if occ.incident_id is None:
            keyed[("", occ.minute or "", occ.norm)].append(occ)
        elif occ.minute is not None:
            keyed[(occ.incident_id, occ.minute)].append(occ)
        else:
            untimed[occ.incident_id].append(occ)
    groups = [
        sorted(g, key=Occurrence.rank)
        for members in keyed.values()
        for g in _split_bucket(members, threshold)
    ]
    timed_by_incident: dict[str, list[list[Occurrence]]] = defaultdict(list)
    for group in groups:
        if group[0].incident_id is not None:
            timed_by_incident[group[0].incident_id].append(group)
    for incident in sorted(untimed):
        for members in _untimed_groups(untimed[incident], threshold):
            target = _best_timed(members[0], timed_by_incident.get(incident, []), threshold)
            if target is not None:
                target.extend(members)
                target.sort(key=Occurrence.rank)
            else:
                groups.append(sorted(members, key=Occurrence.rank))
    return groups


def _split_bucket(members: list[Occurrence], threshold: float) -> list[list[Occurrence]]:
    """Split the occurrences of one (incident, minute) into posts (see the module docstring)."""
    if len(members) == 1:
        return [members]
    members = sorted(members, key=Occurrence.rank)
    per_doc: dict[str, int] = defaultdict(int)
    for occ in members:
        per_doc[occ.doc] += 1
    sets = UnionFind(len(members))
    for i, a in enumerate(members):
        for j in range(i + 1, len(members)):
            b = members[j]
            if a.norm == b.norm or (a.doc != b.doc and _same_post(a, b, per_doc, threshold)):
                sets.union(i, j)
    grouped: dict[int, list[Occurrence]] = defaultdict(list)
    for i, root in enumerate(sets.roots()):
        grouped[root].append(members[i])
    return [grouped[root] for root in sorted(grouped)]


def _same_post(a: Occurrence, b: Occurrence, per_doc: dict[str, int], threshold: float) -> bool:
    """Two quotes from different documents at one minute: near-equal texts, or the only post of
    each document at that minute."""
    if per_doc[a.doc] == 1 and per_doc[b.doc] == 1:
        return True
    return bool(fuzz.ratio(a.norm, b.norm, score_cutoff=threshold))


# A quote cut short ("We've mitigated impact for EX649175. Please refer …") still names its
# post when at least this many characters of it stand in the full text.
MIN_EXCERPT = 40


def quote_score(a: str, b: str, threshold: float) -> float:
    """How surely two normalized texts quote one post: 100 equal, the rapidfuzz ratio when at
    least ``threshold``, ``threshold`` when the shorter is an excerpt of the longer, else 0."""
    if a == b:
        return 100.0
    score = fuzz.ratio(a, b, score_cutoff=threshold)
    if score:
        return score
    short, long = sorted((a, b), key=len)
    return threshold if len(short) >= MIN_EXCERPT and short in long else 0.0


def _untimed_groups(members: list[Occurrence], threshold: float) -> list[list[Occurrence]]:
    """Untimed occurrences of one incident: equal, near-equal or excerpted texts together."""
    members = sorted(members, key=Occurrence.rank)
    sets = UnionFind(len(members))
    for i, a in enumerate(members):
        for j in range(i + 1, len(members)):
            b = members[j]
            if quote_score(a.norm, b.norm, threshold):
                sets.union(i, j)
    grouped: dict[int, list[Occurrence]] = defaultdict(list)
    for i, root in enumerate(sets.roots()):
        grouped[root].append(members[i])
    return [grouped[root] for root in sorted(grouped)]


def _best_timed(occ: Occurrence, groups: list[list[Occurrence]], threshold: float) -> list[Occurrence] | None:
    best: tuple[float, str, str] | None = None
    chosen = None
    for group in groups:
        for member in group:
            score = quote_score(member.norm, occ.norm, threshold)
            if not score:
                continue
            key = (-score, member.minute or "", member.norm)
            if best is None or key < best:
                best, chosen = key, group
    return chosen


def update_ids(groups: list[list[Occurrence]]) -> list[str]:
    """Content-derived IDs: sha1 of incident and published minute; the representative's text is
    added for untimed and unattributed updates and where one minute holds several posts."""
    keys = [_id_key(group) for group in groups]
    shared: dict[tuple[str, str], int] = defaultdict(int)
    for key in keys:
        shared[key] += 1
    ids = []
    for key, group in zip(keys, groups, strict=True):
        incident, minute = key
        if incident and minute and shared[key] == 1:
            ids.append(digest(incident, minute, prefix="u_"))
        else:
            ids.append(digest(incident, minute, group[0].norm, prefix="u_"))
    return ids


def _id_key(group: list[Occurrence]) -> tuple[str, str]:
    minutes = sorted({o.minute for o in group if o.minute})
    return group[0].incident_id or "", minutes[0] if minutes else ""
