"""Which identifiers are incidents, and which are other systems' names for them.

Texts link identifiers ("NHSmail Reference : INC37075572 … Microsoft Reference : EX649175"): the
recognizer puts such links into an ID mention's ``same_as``, the update parser into an update's
``external_refs``. Linked IDs form a group (union-find) that is *one* incident; the group's
canonical ID is chosen by:

1. the most status updates attributed to it (the vendor's own posts name the vendor's ID);
2. the scheme: a vendor's service-health scheme (m365, azure-tracking, aws-health, gcp) before a
   status page code, before an unknown scheme, before ticket systems (servicenow, jira), before
   advisories and change posts (cve, m365-message-center);
3. the most mentions; 4. the smallest ID (determinism).

Every other member becomes an ``external_ref`` node with a ``same_as`` edge to it. An ID that is
linked to nothing stays an incident of its own, whatever its scheme — a document about a
ServiceNow ticket alone is about an incident — except IDs of the reference schemes (CVE,
message-center posts), which name advisories, not incidents, and become ``external_ref`` nodes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from extract.graph.inputs import MentionRow, UpdateRow

VENDOR_SCHEMES = frozenset({"m365", "azure-tracking", "aws-health", "gcp"})
TICKET_SCHEMES = frozenset({"servicenow", "jira"})
REFERENCE_SCHEMES = frozenset({"cve", "m365-message-center"})
SCHEME_PROVIDERS = {
    "m365": "Microsoft",
    "m365-message-center": "Microsoft",
    "azure-tracking": "Microsoft",
    "aws-health": "AWS",
    "gcp": "Google",
}


def scheme_rank(scheme: str | None) -> int:
    """Lower ranks make better canonical incident IDs (see the module docstring)."""
    if scheme in VENDOR_SCHEMES:
        return 0
    if scheme == "statuspage":
        return 1
    if scheme in TICKET_SCHEMES:
        return 3
    if scheme in REFERENCE_SCHEMES:
        return 4
    return 2


@dataclass(frozen=True)
class Identity:
    """The resolved identifiers of a batch."""

    canonical: dict[str, str]  # every ID that names an incident -> the incident's canonical ID
    same_as: dict[str, str]  # an external reference -> the canonical ID it names
    references: frozenset[str]  # IDs of advisories/changes (CVE, MC): external_ref nodes
    schemes: dict[str, str | None]
    providers: dict[str, str | None]

    def incident_of(self, value: str) -> str | None:
        return self.canonical.get(value)

    def incident_ids(self) -> list[str]:
        return sorted(set(self.canonical.values()))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, item: str) -> str:
        self.parent.setdefault(item, item)
        while self.parent[item] != item:
            self.parent[item] = self.parent[self.parent[item]]
            item = self.parent[item]
        return item

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> list[list[str]]:
        by_root: dict[str, list[str]] = {}
        for item in sorted(self.parent):
            by_root.setdefault(self.find(item), []).append(item)
        return list(by_root.values())


def _first_by_count(values: list[str | None]) -> str | None:
    counts = Counter(v for v in values if v)
    if not counts:
        return None
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def _links(mentions: Sequence[MentionRow], updates: Sequence[UpdateRow]) -> list[tuple[str, str]]:
    links = []
    for mention in mentions:
        same = mention.extra.get("same_as") or []
        links.extend((mention.value, str(other)) for other in (same if isinstance(same, list) else [same]))
    for update in updates:
        if update.incident_id:
            links.extend((update.incident_id, ref) for ref in update.external_refs)
    return [(a, b) for a, b in links if a and b and a != b]


def resolve_identity(id_mentions: Sequence[MentionRow], updates: Sequence[UpdateRow]) -> Identity:
    """Return which IDs are incidents and which are references (see the module docstring)."""
    schemes_seen: dict[str, list[str | None]] = {}
    providers_seen: dict[str, list[str | None]] = {}
    for mention in id_mentions:
        schemes_seen.setdefault(mention.value, []).append(mention.scheme)
        provider = mention.extra.get("provider")
        providers_seen.setdefault(mention.value, []).append(provider if isinstance(provider, str) else None)
    mention_counts = Counter(m.value for m in id_mentions)
    update_counts = Counter(u.incident_id for u in updates if u.incident_id)
    links = _links(id_mentions, updates)

    union = _UnionFind()
    for value in [*mention_counts, *update_counts]:
        union.find(value)
    for a, b in links:
        union.union(a, b)
    schemes = {v: _first_by_count(schemes_seen.get(v, [])) for v in union.parent}
    providers = {
        v: _first_by_count(providers_seen.get(v, [])) or SCHEME_PROVIDERS.get(schemes[v] or "")
        for v in union.parent
    }

    canonical: dict[str, str] = {}
    same_as: dict[str, str] = {}
    references: set[str] = set()
    for group in union.groups():
        if len(group) == 1 and schemes[group[0]] in REFERENCE_SCHEMES and not update_counts[group[0]]:
            references.add(group[0])
            continue
        head = min(group, key=lambda v: (-update_counts[v], scheme_rank(schemes[v]), -mention_counts[v], v))
        for member in group:
            canonical[member] = head
            if member != head:
                same_as[member] = head
    return Identity(canonical, same_as, frozenset(references), schemes, providers)
