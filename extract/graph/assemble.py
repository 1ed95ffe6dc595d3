"""Assemble nodes, edges and incident records from the batch's tables.

Node ids are functions of content, so an unchanged thing keeps its id across runs and batches:

| kind | id |
|---|---|
| document | ``doc:<document id>`` (posts and comments; comment ids are ``<doc>#c<n>``) |
| incident | ``incident:<canonical incident id>``; an incident known only by its page (its updates name no ID and the page names none) is ``incident:page:<doc>`` or ``incident:page:<doc>:<title hash>`` |
| update | ``update:<update_id>`` (the dedup stage's content hash) |
| text_cluster | ``text_cluster:<cluster_id>`` |
| service, feature, error_code, region | ``<kind>:<canonical value>`` |
| external_ref | ``external_ref:<id>`` (another system's id of an incident, or a CVE/MC advisory) |

Edges (one per (source, target, kind); ``count`` and ``spans`` aggregate repeats):
``mentions`` document -> entity; ``reply_to`` comment -> parent; ``has_update`` incident -> update;
``quotes`` document -> update (provenance, with offsets); ``duplicate_of`` update -> text cluster
(``field`` names which text); ``affects`` incident -> service/feature/region; ``reports_error``
incident -> error_code; ``same_as`` external_ref -> incident; ``references`` incident ->
external_ref (advisories); ``related_to`` incident -> incident (``reasons``: ``co_mentioned`` in one
document, ``shared_root_cause``; from the smaller id to the larger); ``part_of`` service -> suite.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

from extract.engine.fanout import map_slices
from extract.graph.attribution import Attributor, tier
from extract.graph.identity import Identity, resolve_identity
from extract.graph.incidents import IncidentInput, incident_record
from extract.graph.inputs import (
    ClusterRow,
    DocumentRow,
    MentionRow,
    Span,
    UpdateRow,
    digest,
    graph_mentions,
    read_clusters,
    read_documents,
    read_mentions,
    read_updates,
    unique_by,
)
from extract.tables import dumps

ENTITY_TYPES = ("error_code", "region", "service", "feature")


def doc_node(doc_id: str) -> str:
    return f"doc:{doc_id}"


def incident_node(incident_id: str) -> str:
    return f"incident:{incident_id}"


def page_incident_node(doc: str, title: str | None) -> str:
    return f"incident:page:{doc}" + (f":{digest(_normalize(title))}" if title else "")


def entity_node(kind: str, value: str) -> str:
    return f"{kind}:{value}"


def _normalize(text: str | None) -> str:
    return re.sub(r"\s+", " ", (text or "").casefold()).strip()


SpanKey = tuple[str, str, int, int]  # doc, comment ("" for the post), start, end


@dataclass(slots=True)
class EdgeAggregate:
    """One edge's repeats under construction (an edge row is built only when it is drained:
    there are a million of them at archive scale, and a slotted object is a third of a dict)."""

    count: int = 0
    spans: SpanKey | set[SpanKey] | None = None  # one span as itself, several as a set
    rule: str | None = None
    fields: set[str] | None = None
    reasons: set[str] | None = None

    def add_span(self, span: SpanKey) -> None:
        if self.spans is None:
            self.spans = span
        elif isinstance(self.spans, set):
            self.spans.add(span)
        elif self.spans != span:
            self.spans = {self.spans, span}

    def row(self, source: str, target: str, kind: str) -> dict[str, Any]:
        """The edge's row: count, the strongest rule, and its sorted spans, fields and reasons."""
        row: dict[str, Any] = {"source": source, "target": target, "kind": kind, "count": self.count}
        if self.rule is not None:
            row["rule"] = self.rule
        if self.spans is not None:
            spans = sorted(self.spans) if isinstance(self.spans, set) else [self.spans]
            row["spans"] = dumps(
                [{"doc": d, "comment": c or None, "start": s, "end": e} for d, c, s, e in spans]
            )
        if self.fields:
            row["field"] = ",".join(sorted(self.fields))
        if self.reasons:
            row["reasons"] = sorted(self.reasons)
        return row


@dataclass
class GraphParts:
    """Nodes and edges under construction, keyed for merging."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], EdgeAggregate] = field(default_factory=dict)

    def node(self, node_id: str, kind: str, label: str | None = None, **attrs: Any) -> str:
        """Add a node, or fill the attributes an earlier sighting left null."""
        current = self.nodes.setdefault(node_id, {"id": node_id, "kind": kind, "label": label})
        if current.get("label") is None:
            current["label"] = label
        for name, value in attrs.items():
            if current.get(name) is None and value is not None:
                current[name] = value
        return node_id

    def edge(
        self,
        source: str,
        target: str,
        kind: str,
        *,
        span: Span | None = None,
        rule: str | None = None,
        field_name: str | None = None,
        reason: str | None = None,
    ) -> None:
        """Add an edge or aggregate a repeat of it (count, spans, strongest rule, reasons)."""
        key = (source, target, kind)
        edge = self.edges.get(key)
        if edge is None:
            edge = self.edges[key] = EdgeAggregate()
        edge.count += 1
        if span is not None:
            edge.add_span((span.doc, span.comment or "", span.start or 0, span.end or 0))
        if rule is not None and (edge.rule is None or tier(rule) < tier(edge.rule)):
            edge.rule = rule
        if field_name is not None:
            if edge.fields is None:
                edge.fields = set()
            edge.fields.add(field_name)
        if reason is not None:
            if edge.reasons is None:
                edge.reasons = set()
            edge.reasons.add(reason)

    def drain_edges(self) -> Iterator[dict[str, Any]]:
        """Yield the finished edges in (source, target, kind) order, emptying ``edges`` as it goes."""
        for key in sorted(self.edges):
            yield self.edges.pop(key).row(*key)

    def drain_nodes(self) -> Iterator[dict[str, Any]]:
        """Yield the nodes in id order, emptying ``nodes`` as it goes."""
        for key in sorted(self.nodes):
            yield self.nodes.pop(key)


@dataclass
class GraphTables:
    """The graph stage's input tables. The stage takes each one as it decodes it, so a caller
    that keeps no other reference (the batch engine) lets the frame go right then."""

    documents: Any = None
    mentions: Any = None
    updates: Any = None
    clusters: Any = None

    def take(self, name: str) -> Any:
        """Return the table ``name`` and forget it."""
        frame = getattr(self, name)
        setattr(self, name, None)
        return frame


@dataclass
class Batch:
    """The decoded input tables and what is resolved from them before assembly."""

    documents: list[DocumentRow]
    mentions: list[MentionRow]
    updates: list[UpdateRow]
    clusters: list[ClusterRow]
    identity: Identity
    update_incident: dict[str, str | None]
    doc_published: dict[str, str | None]
    parents: dict[str, str | None]
    update_ids: frozenset[str] = frozenset()
    by_cluster: dict[str, list[str]] = field(default_factory=dict)
    updates_by_doc: dict[str, list[UpdateRow]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.update_ids = frozenset(u.update_id for u in self.updates)
        for update in self.updates:
            if update.text_cluster:
                self.by_cluster.setdefault(update.text_cluster, []).append(update.update_id)
            for doc in sorted({s.doc for s in update.sources}):
                self.updates_by_doc.setdefault(doc, []).append(update)


def _id_node_of(identity: Identity, value: str) -> str | None:
    canonical = identity.incident_of(value)
    return incident_node(canonical) if canonical else None


def _assign_updates(
    updates: Sequence[UpdateRow], identity: Identity, id_docs: set[str]
) -> dict[str, str | None]:
    """Return each update's incident node: by its ID, else its page's when the page names none.

    A page that names no ID is one incident, unless its updates carry several distinct titles
    (an archive page of several incidents): then each title is one incident.
    """
    titles: dict[str, set[str]] = defaultdict(set)
    for update in updates:
        if update.sources and update.title:
            titles[update.sources[0].doc].add(_normalize(update.title))
    assigned: dict[str, str | None] = {}
    for update in updates:
        node = _id_node_of(identity, update.incident_id) if update.incident_id else None
        doc = update.sources[0].doc if update.sources else None
        if node is None and doc is not None and doc not in id_docs:
            node = page_incident_node(doc, update.title if len(titles[doc]) > 1 else None)
        assigned[update.update_id] = node
    return assigned


def _update_key(update: UpdateRow) -> tuple[object, ...]:
    return (
        update.update_id,
        tuple((s.doc, s.comment or "", s.start or 0, s.end or 0) for s in update.sources),
    )


def _mention_key(mention: MentionRow) -> tuple[object, ...]:
    return (
        mention.doc,
        mention.comment,
        mention.type,
        mention.start,
        mention.end,
        mention.value,
        mention.role,
    )


def read_batch(tables: GraphTables) -> Batch:
    """Decode the tables (taking each from ``tables``) and resolve identities and update ownership."""
    docs = read_documents(tables.take("documents"))
    # A row repeated (tables of two runs concatenated) must not count twice.
    # Only what the graph uses: entity and ID mentions, and the start/end times attribution
    # weighs (other timestamps are neither nodes nor evidence).
    used = graph_mentions(tables.take("mentions"), ("incident_id", *ENTITY_TYPES), ("start", "end"))
    extra_json: dict[int, str] = {}  # mentions share their decoded extra dicts; encode each once
    keyed = sorted(((_mention_key_str(m, extra_json), m) for m in read_mentions(used)), key=lambda km: km[0])
    del used
    mention_rows = [m for _key, m in unique_by(keyed, lambda km: km[0])]
    del keyed
    update_rows = unique_by(
        sorted(read_updates(tables.take("updates")), key=_update_key), lambda u: u.update_id
    )
    id_mentions = [m for m in mention_rows if m.type == "incident_id"]
    identity = resolve_identity(id_mentions, update_rows)
    id_docs = {m.doc for m in id_mentions if identity.incident_of(m.value)}
    return Batch(
        documents=docs,
        mentions=mention_rows,
        updates=update_rows,
        clusters=read_clusters(tables.take("clusters")),
        identity=identity,
        update_incident=_assign_updates(update_rows, identity, id_docs),
        doc_published={d.id: d.published for d in docs},
        parents={d.id: d.parent for d in docs},
    )


def _provider_of(batch: Batch, node: str) -> str | None:
    if node.startswith("incident:page:"):
        return None
    return batch.identity.providers.get(node.removeprefix("incident:"))


def _attributor(batch: Batch) -> Attributor:
    id_hits = [
        (m, n)
        for m in batch.mentions
        if m.type == "incident_id" and (n := _id_node_of(batch.identity, m.value))
    ]
    spans = [(s, batch.update_incident.get(u.update_id)) for u in batch.updates for s in u.sources]
    incidents = {n for _, n in id_hits} | {n for _, n in spans if n}
    providers = {n: _provider_of(batch, n) for n in incidents}
    return Attributor(id_hits, spans, batch.parents, providers)


def _attributable(mention: MentionRow, identity: Identity) -> bool:
    if mention.type in ENTITY_TYPES:
        return True
    if mention.type == "timestamp":
        return mention.role in ("start", "end")
    return mention.type == "incident_id" and mention.value in identity.references


def _related(
    batch: Batch, attributor: Attributor, incidents: Iterable[str]
) -> dict[tuple[str, str], set[str]]:
    """Return pairs of incidents with the reasons they are related."""
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    for doc in sorted({m.doc for m in batch.mentions} | {s.doc for u in batch.updates for s in u.sources}):
        for named in attributor.scopes_of(doc).values():
            for a, b in combinations(sorted(named), 2):
                pairs[(a, b)].add("co_mentioned")
    by_cause: dict[str, set[str]] = defaultdict(set)
    for update in batch.updates:
        cause, node = update.field_value("root_cause"), batch.update_incident.get(update.update_id)
        if cause and node:
            by_cause[_normalize(cause)].add(node)
    for cluster in batch.clusters:
        if cluster.field == "root_cause":
            by_cause[f"cluster:{cluster.cluster_id}"] |= _cluster_incidents(batch, cluster)
    for group in by_cause.values():
        for a, b in combinations(sorted(group), 2):
            pairs[(a, b)].add("shared_root_cause")
    known = set(incidents)
    return {k: v for k, v in pairs.items() if k[0] in known and k[1] in known}


def cluster_updates(batch: Batch, cluster: ClusterRow) -> list[str]:
    """Return the update ids a cluster's members name (ids, {update_id}, or source spans)."""
    found: set[str] = set(batch.by_cluster.get(cluster.cluster_id, ()))
    for member in cluster.members:
        if isinstance(member, str) and member in batch.update_ids:
            found.add(member)
        elif isinstance(member, dict):
            named = member.get("update_id") or member.get("update")
            if named in batch.update_ids:
                found.add(str(named))
                continue
            doc = str(member.get("doc"))
            for update in batch.updates_by_doc.get(doc, ()):
                if any(s.contains(doc, member.get("start"), member.get("end")) for s in update.sources):
                    found.add(update.update_id)
    return sorted(found)


def _cluster_incidents(batch: Batch, cluster: ClusterRow) -> set[str]:
    return {n for u in cluster_updates(batch, cluster) if (n := batch.update_incident.get(u))}


def service_catalog(mentions: Sequence[MentionRow]) -> dict[str, tuple[str | None, str | None]]:
    """Return each service name's (kind, parent) as the recognizer's catalog gave them."""
    catalog: dict[str, tuple[str | None, str | None]] = {}
    for mention in sorted((m for m in mentions if m.type == "service"), key=_mention_key_str):
        if mention.value not in catalog:
            kind, parent = mention.extra.get("kind"), mention.extra.get("parent")
            catalog[mention.value] = (str(kind) if kind else None, str(parent) if parent else None)
    return catalog


def _mention_key_str(mention: MentionRow, extra_json: dict[int, str] | None = None) -> tuple[str, ...]:
    """A total order of mentions (the extra keys included), whatever the input row order.

    ``extra_json`` memoizes the canonical JSON of extra dicts by identity (valid while the
    mentions, which hold the dicts, are alive).
    """
    extra = mention.extra
    if extra_json is None:
        encoded = dumps(extra)
    elif (encoded := extra_json.get(id(extra))) is None:
        encoded = extra_json[id(extra)] = dumps(extra)
    return (*(str(v) for v in _mention_key(mention)), encoded)


def incident_nodes(batch: Batch) -> list[str]:
    """Return the node ids of every incident: named by a mention, or owning an update."""
    named = {
        n for m in batch.mentions if m.type == "incident_id" and (n := _id_node_of(batch.identity, m.value))
    }
    return sorted(named | {n for n in batch.update_incident.values() if n})


def _incident_inputs(
    batch: Batch, attributor: Attributor, related: dict[tuple[str, str], set[str]]
) -> list[IncidentInput]:
    """Gather per incident its ID mentions, updates, attributed mentions and references."""
    id_mentions: dict[str, list[MentionRow]] = defaultdict(list)
    attributed: dict[str, list[tuple[MentionRow, str]]] = defaultdict(list)
    for mention in batch.mentions:
        if mention.type == "incident_id" and (node := _id_node_of(batch.identity, mention.value)):
            id_mentions[node].append(mention)
        elif _attributable(mention, batch.identity) and (found := attributor.attribute(mention)):
            attributed[found.incident].append((mention, found.rule))
    updates: dict[str, list[UpdateRow]] = defaultdict(list)
    for update in batch.updates:
        if node := batch.update_incident.get(update.update_id):
            updates[node].append(update)
    refs: dict[str, set[str]] = defaultdict(set)
    for ref, canonical in batch.identity.same_as.items():
        refs[incident_node(canonical)].add(ref)
    nodes = incident_nodes(batch)
    catalog = service_catalog(batch.mentions)
    # Each incident's related incidents, indexed once (scanning every pair per incident is
    # quadratic in the number of incidents).
    neighbours: dict[str, set[str]] = defaultdict(set)
    for a, b in related:
        neighbours[a].add(b)
        neighbours[b].add(a)
    inputs = []
    for node in nodes:
        scopes = {m.scope for m in id_mentions[node]} | {s.scope for u in updates[node] for s in u.sources}
        page = node.startswith("incident:page:")
        inputs.append(
            IncidentInput(
                node_id=node,
                incident_id=None if page else node.removeprefix("incident:"),
                provider=_provider_of(batch, node),
                id_mentions=tuple(id_mentions[node]),
                updates=tuple(updates[node]),
                attributed=tuple(attributed[node]),
                external_refs=tuple(sorted(refs[node])),
                seen_fallback=tuple(p for s in sorted(scopes) if (p := batch.doc_published.get(s))),
                sources=tuple(sorted(scopes)),
                related=tuple(sorted(neighbours.get(node, ()))),
                catalog=catalog,
            )
        )
    return inputs


def build_parts(tables: GraphTables, workers: int = 1) -> tuple[GraphParts, list[dict[str, Any]]]:
    """Return the graph under construction and the incident records (built over ``workers``;
    their evidence as canonical JSON)."""
    batch = read_batch(tables)
    attributor = _attributor(batch)
    related = _related(batch, attributor, incident_nodes(batch))
    inputs = _incident_inputs(batch, attributor, related)
    records = map_slices(_incident_records, inputs, workers)
    parts = GraphParts()
    add_documents(parts, batch)
    evidence = [dumps(record["evidence"]) for record in records]
    add_incidents(parts, records, evidence)
    add_updates(parts, batch)
    add_clusters(parts, batch)
    add_mentions(parts, batch)
    add_incident_edges(parts, batch, records, related)
    # The incidents table carries the evidence as the nodes do: one JSON string serves both.
    for record, encoded in zip(records, evidence, strict=True):
        record["evidence"] = encoded
    return parts, records


def _incident_records(inputs: Sequence[IncidentInput]) -> list[dict[str, Any]]:
    return [incident_record(item) for item in inputs]


def add_documents(parts: GraphParts, batch: Batch) -> None:
    for doc in batch.documents:
        parts.node(
            doc_node(doc.id),
            "document",
            doc.title or doc.id,
            doc_kind=doc.doc_kind,
            input_doc=doc.input_doc,
            title=doc.title,
            url=doc.url,
            author=doc.author,
            lang=doc.lang,
            published=doc.published,
            parent=doc.parent,
            position=doc.position,
        )
    for doc in batch.documents:
        if doc.parent:
            parts.node(doc_node(doc.parent), "document", doc.parent, input_doc=doc.parent)
            parts.edge(doc_node(doc.id), doc_node(doc.parent), "reply_to")


def _scope_node(parts: GraphParts, span: Span) -> str:
    """Return the document node a span stands in, creating a bare one if the table lacked it."""
    node = doc_node(span.scope)
    if node not in parts.nodes:
        kind = "comment" if span.comment else "post"
        parts.node(node, "document", span.scope, doc_kind=kind, input_doc=span.doc)
    return node


def add_incidents(parts: GraphParts, records: Sequence[dict[str, Any]], evidence: Sequence[str]) -> None:
    """Add each incident's node; ``evidence``: each record's evidence as canonical JSON."""
    for record, encoded in zip(records, evidence, strict=True):
        attrs = {k: v for k, v in record.items() if k != "id"}
        attrs["evidence"] = encoded
        label = record["incident_id"] or record["title"] or record["id"]
        parts.node(record["id"], "incident", label, **attrs)


def add_updates(parts: GraphParts, batch: Batch) -> None:
    known = {u.update_id for u in batch.updates}
    for update in batch.updates:
        node = parts.node(
            f"update:{update.update_id}",
            "update",
            f"{update.incident_id or 'unattributed'} {update.published or ''}".strip(),
            update_id=update.update_id,
            incident_id=update.incident_id,
            published=update.published,
            update_kind=update.kind,
            status=update.status,
            status_text=update.status_text,
            title=update.title,
            fields=dumps(update.fields),
            text=update.text,
            text_cluster=update.text_cluster,
            n_sources=update.n_sources,
            source_spans=dumps([s.to_dict() for s in update.sources]),
            attribution=update.attribution,
            external_refs=list(update.external_refs),
            lang=update.lang,
            revision_of=update.revision_of,
            changes=update.changes,
        )
        if update.revision_of and update.revision_of in known:
            parts.edge(node, f"update:{update.revision_of}", "revision_of")
        if incident := batch.update_incident.get(update.update_id):
            parts.edge(incident, node, "has_update")
        for span in update.sources:
            parts.edge(_scope_node(parts, span), node, "quotes", span=span)


def _cluster_node(parts: GraphParts, cluster_id: str, cluster: ClusterRow | None = None) -> str:
    text = cluster.text if cluster else None
    return parts.node(
        f"text_cluster:{cluster_id}",
        "text_cluster",
        (text or cluster_id)[:80],
        cluster_id=cluster_id,
        level=cluster.level if cluster else None,
        field=cluster.field if cluster else None,
        text=text,
        size=cluster.size if cluster else None,
        members=dumps(list(cluster.members)) if cluster else None,
        n_incidents=cluster.n_incidents if cluster else None,
        cross_incident=cluster.cross_incident if cluster else None,
    )


def add_clusters(parts: GraphParts, batch: Batch) -> None:
    for cluster in sorted(batch.clusters, key=lambda c: c.cluster_id):
        node = _cluster_node(parts, cluster.cluster_id, cluster)
        for update_id in cluster_updates(batch, cluster):
            parts.edge(f"update:{update_id}", node, "duplicate_of", field_name=cluster.field or "text")
    for update in batch.updates:
        if update.text_cluster:
            node = _cluster_node(parts, update.text_cluster)
            parts.edge(f"update:{update.update_id}", node, "duplicate_of", field_name="text")


def _entity(parts: GraphParts, mention: MentionRow) -> str:
    extra = mention.extra
    if mention.type == "service":
        parent = extra.get("parent")
        node = parts.node(
            entity_node("service", mention.value),
            "service",
            mention.value,
            name=mention.value,
            provider=extra.get("provider"),
            service_kind=extra.get("kind"),
            parent=parent,
        )
        if parent:
            parts.node(
                entity_node("service", parent), "service", parent, name=parent, provider=extra.get("provider")
            )
            parts.edge(node, entity_node("service", parent), "part_of")
        return node
    if mention.type == "feature":
        return parts.node(
            entity_node("feature", mention.value),
            "feature",
            mention.value,
            name=mention.value,
            service=extra.get("service") or extra.get("parent"),
        )
    if mention.type == "error_code":
        scheme = mention.value.split(":", 1)[0] if ":" in mention.value else None
        return parts.node(
            entity_node("error_code", mention.value),
            "error_code",
            mention.value,
            code=mention.value,
            scheme=scheme,
            description=extra.get("description"),
        )
    return parts.node(
        entity_node("region", mention.value),
        "region",
        mention.value,
        code=mention.value,
        countries=list(mention.countries) if mention.countries else None,
    )


def _external_ref(parts: GraphParts, batch: Batch, ref: str) -> str:
    identity = batch.identity
    return parts.node(
        entity_node("external_ref", ref),
        "external_ref",
        ref,
        ref=ref,
        scheme=identity.schemes.get(ref),
        provider=identity.providers.get(ref),
    )


def add_mentions(parts: GraphParts, batch: Batch) -> None:
    """Link each document to the entities it names (timestamps are attributes, not nodes)."""
    identity = batch.identity
    for mention in batch.mentions:
        if mention.type == "incident_id":
            if mention.value in identity.same_as or mention.value in identity.references:
                target = _external_ref(parts, batch, mention.value)
            elif canonical := identity.incident_of(mention.value):
                target = incident_node(canonical)
            else:
                continue
        elif mention.type in ENTITY_TYPES:
            target = _entity(parts, mention)
        else:
            continue
        parts.edge(_scope_node(parts, mention.span), target, "mentions", span=mention.span)


def _best_rule(record: dict[str, Any], attr: str, value: str) -> str | None:
    rules = [e["rule"] for e in record["evidence"].get(attr, []) if str(e["value"]) == value]
    return min(rules, key=tier) if rules else None


def add_incident_edges(
    parts: GraphParts,
    batch: Batch,
    records: Sequence[dict[str, Any]],
    related: dict[tuple[str, str], set[str]],
) -> None:
    """affects, reports_error, same_as, references and related_to edges of each incident."""
    for record in records:
        node = record["id"]
        for service in record["services"]:
            target = parts.node(
                entity_node("service", service), "service", service, name=service, provider=record["provider"]
            )
            parts.edge(node, target, "affects", rule=_best_rule(record, "service", service))
        for feature in record["features"]:
            target = parts.node(
                entity_node("feature", feature), "feature", feature, name=feature, service=record["service"]
            )
            parts.edge(node, target, "affects", rule=_best_rule(record, "feature", feature))
        for region in record["regions"]:
            target = parts.node(entity_node("region", region), "region", region, code=region)
            parts.edge(node, target, "affects", rule=_best_rule(record, "regions", region))
        for code in record["error_codes"]:
            target = parts.node(entity_node("error_code", code), "error_code", code, code=code)
            parts.edge(node, target, "reports_error", rule=_best_rule(record, "error_codes", code))
        for ref in record["external_refs"]:
            parts.edge(_external_ref(parts, batch, ref), node, "same_as")
        for ref in record["references"]:
            parts.edge(
                node,
                _external_ref(parts, batch, ref),
                "references",
                rule=_best_rule(record, "references", ref),
            )
    for (a, b), reasons in sorted(related.items()):
        for reason in sorted(reasons):
            parts.edge(a, b, "related_to", reason=reason)
