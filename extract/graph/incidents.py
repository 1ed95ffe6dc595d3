"""Decide an incident's attributes from its updates and attributed mentions, keeping the evidence.

Every candidate value is kept as evidence ``{value, doc, comment, start, end, rule, update}``
under its attribute in the ``evidence`` JSON; the attribute itself takes the best candidate:

- strongest rule first (``field`` of a vendor update > ``update`` span > ``block`` > ``near`` >
  ``scope`` > ``parent`` > ``dominant`` > ``hint``), then the most recent update (a vendor's later
  post supersedes its earlier wording), then the most frequent value, then the earliest offset;
- ``service`` prefers a service over a suite ("Exchange Online" over "Microsoft 365");
- ``status``/``status_text`` come from the latest update that words its status; the Graph value
  is the updates stage's mapping of that wording;
- ``start``/``end``: candidates that agree (same instant; a date and a time on that day) form one
  group; the strongest group gives the most precise value. Disagreeing groups are all listed in
  ``start_candidates``/``end_candidates`` and the attribute is named in ``conflicts``;
- ``first_seen``/``last_seen``: earliest/latest published time of its updates, else of the
  documents that name it; ``update_count``: its distinct updates.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from extract.graph import times
from extract.graph.attribution import tier
from extract.graph.inputs import MentionRow, Span, UpdateRow

SCALAR_ATTRS = ("provider", "classification", "service", "feature", "title")
LIST_ATTRS = {"error_code": "error_codes", "region": "regions"}
SERVICE_KIND_RANK = {"service": 0, "feature": 1, "suite": 2}


@dataclass(frozen=True, slots=True)
class Evidence:
    attr: str
    value: Any
    rule: str
    span: Span | None = None
    update: str | None = None
    recency: int = 1_000_000  # 0 = the latest update; mentions come after every update
    kind_rank: int = 0

    def key(self) -> tuple[Any, ...]:
        return (tier(self.rule), self.kind_rank, self.recency)

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"value": self.value, "rule": self.rule}
        if self.span is not None:
            data.update(self.span.to_dict())
        if self.update is not None:
            data["update"] = self.update
        return data


def _position(item: Evidence) -> tuple[str, int]:
    span = item.span
    return (span.doc, span.start or 0) if span else ("", 0)


def choose(evidence: Sequence[Evidence]) -> Any:
    """Return the best-supported value (see the module docstring), or None."""
    if not evidence:
        return None
    counts = Counter(str(e.value) for e in evidence)
    best = min(evidence, key=lambda e: (*e.key(), -counts[str(e.value)], _position(e), str(e.value)))
    return best.value


def _time_groups(evidence: Sequence[Evidence]) -> list[list[Evidence]]:
    groups: list[list[Evidence]] = []
    for item in sorted(evidence, key=lambda e: (*e.key(), _position(e), str(e.value))):
        for group in groups:
            if all(times.same_fact(item.value, other.value) for other in group):
                group.append(item)
                break
        else:
            groups.append([item])
    return groups


def choose_time(evidence: Sequence[Evidence]) -> tuple[str | None, list[str], bool]:
    """Return (value, distinct candidate values, whether the candidates conflict)."""
    groups = _time_groups(evidence)
    if not groups:
        return None, [], False
    best = min(groups, key=lambda g: min(e.key() for e in g))
    counts = Counter(e.value for e in best)
    value = max(best, key=lambda e: (times.precision(e.value), counts[e.value], -tier(e.rule)))
    candidates = sorted({e.value for e in evidence}, key=times.sort_key)
    return value.value, candidates, len(groups) > 1


def update_evidence(updates: Sequence[UpdateRow]) -> list[Evidence]:
    """Return the candidates the incident's own updates state (rule ``field``)."""
    found: list[Evidence] = []
    latest_first = sorted(updates, key=lambda u: (times.sort_key(u.published), u.update_id), reverse=True)
    for recency, update in enumerate(latest_first):
        span = update.sources[0] if update.sources else None

        def add(
            attr: str, value: Any, update: UpdateRow = update, span: Span | None = span, r: int = recency
        ):
            if value:
                found.append(Evidence(attr, value, "field", span, update.update_id, r))

        add("service", update.field_value("service"))
        add("feature", update.field_value("feature"))
        add("title", update.title or update.field_value("title"))
        add("classification", update.field_value("classification"))
        for attr, key in (("start", "start_time"), ("end", "end_time")):
            value = update.field_value(key)
            add(attr, value if times.parse(value) else None)
        if update.status:
            rule = "field" if update.status_text else "update"
            found.append(
                Evidence("status", (update.status, update.status_text), rule, span, update.update_id, recency)
            )
    return found


def mention_evidence(attributed: Sequence[tuple[MentionRow, str]]) -> list[Evidence]:
    """Return the candidates of the mentions attributed to the incident."""
    found: list[Evidence] = []
    for mention, rule in attributed:
        if mention.type == "service":
            rank = SERVICE_KIND_RANK.get(str(mention.extra.get("kind") or "service"), 0)
            found.append(Evidence("service", mention.value, rule, mention.span, kind_rank=rank))
            if mention.extra.get("provider"):
                found.append(
                    Evidence("provider", mention.extra["provider"], "hint", mention.span, kind_rank=rank)
                )
        elif mention.type == "feature":
            found.append(Evidence("feature", mention.value, rule, mention.span))
        elif mention.type in LIST_ATTRS:
            found.append(Evidence(LIST_ATTRS[mention.type], mention.value, rule, mention.span))
        elif mention.type == "timestamp" and mention.role in ("start", "end"):
            found.append(Evidence(mention.role, mention.value, rule, mention.span))
        elif mention.type == "incident_id":
            found.append(Evidence("references", mention.value, rule, mention.span))
    return found


def id_evidence(id_mentions: Sequence[MentionRow]) -> list[Evidence]:
    """Return the ID mentions themselves, and the service their ID scheme implies (a hint)."""
    found = [Evidence("incident_id", m.value, "field", m.span) for m in id_mentions]
    for mention in id_mentions:
        implied = mention.extra.get("prefix_service") or mention.extra.get("service")
        if isinstance(implied, str) and implied:
            found.append(Evidence("service", implied, "hint", mention.span))
    return found


SPECIFIC_RULES = frozenset({"field", "update", "block", "near", "hint"})


def specific_service(
    chosen: str | None, evidence: Sequence[Evidence], catalog: Mapping[str, tuple[str | None, str | None]]
) -> str | None:
    """Let a suite give way to one of its own services that strong evidence names.

    "Microsoft 365 Alert – Service Degradation – Exchange Online – …" names the suite as the
    alert's sender and the service as the one affected; an ID whose scheme implies a service
    (EX… is Exchange Online) says the same. A service of the chosen suite (its catalog parent)
    named by the incident's updates, a nearby mention or its ID's scheme is the more precise
    answer; weaker evidence (the document's dominant incident) does not displace the suite.
    """
    if chosen is None or (catalog.get(chosen) or (None, None))[0] != "suite":
        return chosen
    narrower = [
        e
        for e in evidence
        if e.rule in SPECIFIC_RULES and (catalog.get(str(e.value)) or (None, None))[1] == chosen
    ]
    return choose(narrower) if narrower else chosen


def _seen(updates: Sequence[UpdateRow], fallback: Sequence[str]) -> tuple[str | None, str | None]:
    published = [u.published for u in updates if u.published] or [p for p in fallback if p]
    if not published:
        return None, None
    ordered = sorted(set(published), key=times.sort_key)
    return ordered[0], ordered[-1]


def _evidence_json(evidence: Sequence[Evidence]) -> dict[str, list[dict[str, Any]]]:
    """Group evidence by (attribute, value, rule, document): the first span and how many."""
    grouped: dict[tuple[str, str, str, str, str], dict[str, Any]] = {}
    ordered = sorted(evidence, key=lambda e: (e.attr, _position(e), e.recency, str(e.value), e.rule))
    for item in ordered:
        span = item.span
        key = (
            item.attr,
            str(item.value),
            item.rule,
            span.doc if span else "",
            (span.comment or "") if span else "",
        )
        if key in grouped:
            grouped[key]["count"] += 1
            continue
        data = item.to_dict()
        if item.attr == "status":
            data["value"], data["status_text"] = item.value
        data["count"] = 1
        grouped[key] = data
    by_attr: dict[str, list[dict[str, Any]]] = {}
    for key in sorted(grouped):
        by_attr.setdefault(key[0], []).append(grouped[key])
    return by_attr


@dataclass(frozen=True)
class IncidentInput:
    """Everything known about one incident before its attributes are decided."""

    node_id: str
    incident_id: str | None
    provider: str | None
    id_mentions: tuple[MentionRow, ...]
    updates: tuple[UpdateRow, ...]
    attributed: tuple[tuple[MentionRow, str], ...]
    external_refs: tuple[str, ...]
    seen_fallback: tuple[str, ...]
    sources: tuple[str, ...]
    related: tuple[str, ...]
    catalog: Mapping[str, tuple[str | None, str | None]] = field(
        default_factory=dict
    )  # name -> (kind, parent)


def incident_record(data: IncidentInput) -> dict[str, Any]:
    """Return the incident's attributes (the row of incidents.parquet, the node's attributes)."""
    evidence = update_evidence(data.updates) + mention_evidence(data.attributed)
    evidence += id_evidence(data.id_mentions)
    if data.provider:
        evidence.append(Evidence("provider", data.provider, "field"))
    by_attr: dict[str, list[Evidence]] = {}
    for item in evidence:
        by_attr.setdefault(item.attr, []).append(item)

    record: dict[str, Any] = {"id": data.node_id, "incident_id": data.incident_id}
    for attr in SCALAR_ATTRS:
        record[attr] = choose(by_attr.get(attr, []))
    record["service"] = specific_service(record["service"], by_attr.get("service", []), data.catalog)
    status = choose(by_attr.get("status", []))
    record["status"], record["status_text"] = status if status else (None, None)
    conflicts = []
    for attr in ("start", "end"):
        value, candidates, conflict = choose_time(by_attr.get(attr, []))
        record[attr], record[f"{attr}_candidates"] = value, candidates
        if conflict:
            conflicts.append(attr)
    record["first_seen"], record["last_seen"] = _seen(data.updates, data.seen_fallback)
    record["update_count"] = len(data.updates)
    for attr in ("error_codes", "regions", "references"):
        record[attr] = sorted({str(e.value) for e in by_attr.get(attr, [])})
    record["services"] = sorted({str(e.value) for e in by_attr.get("service", [])})
    record["features"] = sorted({str(e.value) for e in by_attr.get("feature", [])})
    record["external_refs"] = sorted(data.external_refs)
    record["related_incidents"] = sorted(data.related)
    record["sources"] = sorted(data.sources)
    record["conflicts"] = conflicts
    record["evidence"] = _evidence_json(evidence)
    return record
