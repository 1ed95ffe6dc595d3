"""Attribute a document's error codes, regions, services, features and times to an incident.

A document rarely says "error X belongs to incident Y"; it puts them next to each other. The rules
are tried in order, and the first that decides wins; the rule's name is kept as evidence
(``rule``), so a consumer can trust "update" more than "dominant":

1. ``update`` — the mention stands inside the quoted status update of an incident (its source
   span): the vendor's own post says it.
2. ``block`` — the mention and incident IDs of exactly one incident stand in the same block (when
   the mentions carry their block in ``extra.block``).
3. ``near`` — the nearest incident ID in the same comment/post body, at most ``NEAR_CHARS``
   characters away (sentence scale), and on the same side of every status-update boundary (a
   mention after a quoted block does not belong to an ID inside it).
4. ``scope`` — the comment (or the post body) the mention stands in names exactly one incident.
5. ``parent`` — a comment that names none inherits the single incident of the comment it replies
   to, up the thread.
6. ``dominant`` — the input document has a dominant incident: named by at least twice as many ID
   mentions as any other.

Otherwise the mention stays unattributed (it keeps its ``mentions`` edge from the document).
Rules 2-6 are weaker, so a service of another provider than the incident's (a reader's "we use
Zscaler" in a post on an Exchange Online incident) is not attributed by them. Times (start/end)
are only attributed by rules 1-4: a bare "seit Montag" somewhere in a long post says too little.
"""

from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from extract.graph.inputs import MentionRow, Span

NEAR_CHARS = 200
RULES = ("field", "update", "block", "near", "scope", "parent", "dominant", "hint")
TIME_RULES = frozenset({"field", "update", "block", "near", "scope"})
PROVIDER_CHECKED = frozenset({"block", "near", "scope", "parent", "dominant"})


def tier(rule: str) -> int:
    """Rank of a rule: lower is stronger evidence."""
    return RULES.index(rule) if rule in RULES else len(RULES)


@dataclass(frozen=True, slots=True)
class Attribution:
    incident: str  # the incident node id
    rule: str


@dataclass(frozen=True, slots=True)
class _IdHit:
    start: int
    end: int
    scope: str
    incident: str
    block: object
    span: Span | None = None  # the quoted update the ID stands in, if any


@dataclass
class _DocContext:
    """What one input document says about which incident stands where."""

    hits: list[_IdHit] = field(default_factory=list)
    hit_starts: list[int] = field(default_factory=list)
    spans: list[tuple[Span, str | None]] = field(default_factory=list)
    scope_incidents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    dominant: str | None = None


def _dominant(hits: Sequence[_IdHit]) -> str | None:
    counts = Counter(hit.incident for hit in hits).most_common()
    if not counts:
        return None
    if len(counts) == 1 or counts[0][1] >= 2 * counts[1][1]:
        return counts[0][0]
    return None


class Attributor:
    """Applies the rules of the module docstring to mentions of one batch."""

    def __init__(
        self,
        id_hits: Sequence[tuple[MentionRow, str]],
        update_spans: Sequence[tuple[Span, str | None]],
        parents: Mapping[str, str | None],
        providers: Mapping[str, str | None],
    ) -> None:
        self.parents = parents
        self.providers = providers
        self.docs: dict[str, _DocContext] = defaultdict(_DocContext)
        for mention, incident in id_hits:
            if mention.start is None or mention.end is None:
                continue
            hit = _IdHit(mention.start, mention.end, mention.scope, incident, mention.extra.get("block"))
            self.docs[mention.doc].hits.append(hit)
        for span, incident in update_spans:
            self.docs[span.doc].spans.append((span, incident))
            if incident:
                self.docs[span.doc].scope_incidents[span.scope].add(incident)
        for ctx in self.docs.values():
            ctx.spans.sort(key=lambda s: (s[0].start or 0, -(s[0].end or 0)))
            ctx.hits = [replace(h, span=self._update_span_at(ctx, h.start, h.end)) for h in ctx.hits]
            ctx.hits.sort(key=lambda h: (h.start, h.end, h.incident))
            ctx.hit_starts = [h.start for h in ctx.hits]
            for hit in ctx.hits:
                ctx.scope_incidents[hit.scope].add(hit.incident)
            ctx.dominant = _dominant(ctx.hits)

    # -- the rules ----------------------------------------------------------------------------

    def _in_update(self, ctx: _DocContext, mention: MentionRow) -> str | None:
        inside = [(s, i) for s, i in ctx.spans if i and s.contains(mention.doc, mention.start, mention.end)]
        if not inside:
            return None
        _span, incident = min(inside, key=lambda si: ((si[0].end or 0) - (si[0].start or 0), si[1]))
        return incident

    def _in_block(self, ctx: _DocContext, mention: MentionRow) -> str | None:
        block = mention.extra.get("block")
        if block is None:
            return None
        found = {h.incident for h in ctx.hits if h.block == block and h.scope == mention.scope}
        return found.pop() if len(found) == 1 else None

    @staticmethod
    def _update_span_at(ctx: _DocContext, start: int, end: int) -> Span | None:
        """Return the first (outermost) quoted update containing the offsets."""
        for span, _incident in ctx.spans:
            if span.start is not None and span.end is not None and span.start <= start and end <= span.end:
                return span
        return None

    def _near(self, ctx: _DocContext, mention: MentionRow) -> str | None:
        if mention.start is None or mention.end is None:
            return None
        here = self._update_span_at(ctx, mention.start, mention.end)
        # IDs are short, so no ID starting further back than this can end within NEAR_CHARS.
        lo = bisect.bisect_left(ctx.hit_starts, mention.start - NEAR_CHARS - 200)
        best: tuple[int, int, str] | None = None
        for hit in ctx.hits[lo:]:
            if hit.start > mention.end + NEAR_CHARS:
                break
            if hit.scope != mention.scope or hit.span != here:
                continue
            gap = max(hit.start - mention.end, mention.start - hit.end, 0)
            if gap > NEAR_CHARS:
                continue
            candidate = (gap, 0 if hit.start <= mention.start else 1, hit.incident)
            best = candidate if best is None or candidate < best else best
        return best[2] if best else None

    def _single(self, ctx: _DocContext, scope: str) -> str | None:
        found = ctx.scope_incidents.get(scope, set())
        return next(iter(found)) if len(found) == 1 else None

    def _parent(self, ctx: _DocContext, mention: MentionRow) -> str | None:
        scope, seen = mention.scope, set()
        while scope and scope not in seen:
            seen.add(scope)
            scope = self.parents.get(scope)
            if scope is None or scope == mention.doc:
                return None  # the post body was already tried by the scope rule
            found = self._single(ctx, scope)
            if found:
                return found
        return None

    def _provider_ok(self, mention: MentionRow, incident: str) -> bool:
        if mention.type not in ("service", "feature"):
            return True
        theirs, ours = mention.extra.get("provider"), self.providers.get(incident)
        return not (theirs and ours and str(theirs).casefold() != str(ours).casefold())

    def attribute(self, mention: MentionRow) -> Attribution | None:
        """Return the incident a mention belongs to and the rule that decided, or None."""
        ctx = self.docs.get(mention.doc)
        if ctx is None:
            return None
        rules = (
            ("update", lambda: self._in_update(ctx, mention)),
            ("block", lambda: self._in_block(ctx, mention)),
            ("near", lambda: self._near(ctx, mention)),
            ("scope", lambda: self._single(ctx, mention.scope)),
            ("parent", lambda: self._parent(ctx, mention)),
            ("dominant", lambda: ctx.dominant),
        )
        for rule, decide in rules:
            if mention.type == "timestamp" and rule not in TIME_RULES:
                return None
            incident = decide()
            if incident is None:
                continue
            if rule in PROVIDER_CHECKED and not self._provider_ok(mention, incident):
                return None
            return Attribution(incident, rule)
        return None

    def scopes_of(self, doc: str) -> dict[str, set[str]]:
        """Return, per comment/post body of an input document, the incidents it names."""
        ctx = self.docs.get(doc)
        return dict(ctx.scope_incidents) if ctx else {}
