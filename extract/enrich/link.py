"""Link tickets to ranked candidate incidents."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta

from extract.enrich.features import Analyzer, extractor_analyzer, ticket_features
from extract.enrich.index import IncidentIndex, code_parts
from extract.enrich.model import EnrichError, IncidentRecord, Interval, Link, Ticket, TicketFeatures
from extract.enrich.scoring import DEFAULT_THRESHOLD, score
from extract.enrich.services import related
from extract.enrich.summary import summarize_incident

# A ticket's problem may have begun a while before the ticket was opened.
CREATED_LOOKBACK_HOURS = 48.0


@dataclass(frozen=True, slots=True)
class EnrichSettings:
    """How many candidates to report, and the score from which a candidate counts as a link."""

    top: int = 3
    threshold: float = DEFAULT_THRESHOLD
    include_candidates: bool = False  # also report candidates below the threshold (linked = false)

    def __post_init__(self) -> None:
        if self.top < 1:
            raise EnrichError(f"top = {self.top}; must be at least 1")
        if not 0.0 <= self.threshold <= 1.0:
            raise EnrichError(f"threshold = {self.threshold}; must be in [0, 1]")


DEFAULT_ENRICH_SETTINGS = EnrichSettings()


def _ticket_days(features: TicketFeatures) -> list[Interval]:
    intervals = list(features.onsets)
    if features.created is not None:
        lookback = timedelta(hours=CREATED_LOOKBACK_HOURS)
        intervals.append(Interval(features.created.start - lookback, features.created.end))
    return intervals


def _service_compatible(incident: IncidentRecord, ticket_services: frozenset[str]) -> bool:
    """Whether the service evidence of this pair would not be against the link."""
    if incident.service is None:
        return True
    names = {incident.service.casefold(), *(s.casefold() for s in incident.other_services)}
    return any(s.casefold() in names or related(incident.service, s) for s in ticket_services)


def _within(keys: set[str], index: IncidentIndex, timely: set[str] | None) -> set[str]:
    """Keep the incidents active around the ticket's times, and those whose times are unknown."""
    return keys if timely is None else keys & (timely | index.undated)


def candidate_keys(features: TicketFeatures, index: IncidentIndex) -> set[str]:
    """Return the incidents worth scoring for a ticket.

    Always those sharing an ID or a reference: that evidence alone is near-certain. Everything
    else must be active around the ticket's times when the ticket has any, because the evidence
    against a link outside the window (``W_TIME_OUTSIDE``) is more than the rest can make up for
    below the threshold: code 3.0 + service 1.5 + region 1.0 + symptoms 1.5 - 2.5 = 4.5 < 5.0 =
    -``PRIOR_LOG_ODDS``. Among those, incidents sharing an error code come in whatever their
    service; the others only when their service is compatible with a service the ticket names
    (``W_SERVICE_MISMATCH``). Incidents without any time stay candidates: no time evidence speaks
    against them. That keeps the candidates to the incidents of a few days.
    """
    keys: set[str] = set()
    for identifier in features.incident_ids:
        keys |= index.by_incident_id.get(identifier, set()) | index.by_external_ref.get(identifier, set())
    windows = _ticket_days(features)
    timely: set[str] | None = None
    if windows:
        timely = set()
        for interval in windows:
            timely |= index.keys_for_days(interval)
    for code in features.error_codes:
        enhanced, basic = code_parts(code)
        for value in (code, *enhanced, *basic):
            keys |= _within(index.by_error_code.get(value, set()), index, timely)
    if timely is None:
        for service in features.services:
            keys |= index.by_service.get(service.casefold(), set())
        return keys
    timely |= index.undated
    if features.services:
        timely = {k for k in timely if _service_compatible(index.incidents[k], features.services)}
    return keys | timely


def rank_features(
    ticket_id: str,
    features: TicketFeatures,
    index: IncidentIndex,
    settings: EnrichSettings = DEFAULT_ENRICH_SETTINGS,
) -> list[Link]:
    """Score every candidate; return the best ``top`` links (and candidates, when asked for)."""
    scored = []
    for key in candidate_keys(features, index):
        incident = index.incidents[key]
        probability, evidence = score(features, incident, index)
        if settings.include_candidates or probability >= settings.threshold:
            strength = sum(e.weight for e in evidence)
            scored.append((-probability, -strength, key, incident, evidence, probability))
    scored.sort(key=lambda item: item[:3])
    return [
        Link(
            ticket_id=ticket_id,
            rank=rank,
            incident_key=key,
            incident_id=incident.incident_id,
            score=probability,
            linked=probability >= settings.threshold,
            evidence=tuple(sorted(evidence, key=lambda e: (-e.weight, e.kind, e.detail))),
            summary=summarize_incident(incident),
        )
        for rank, (_, _, key, incident, evidence, probability) in enumerate(scored[: settings.top], start=1)
    ]


def link_ticket(
    ticket: Ticket,
    index: IncidentIndex,
    settings: EnrichSettings = DEFAULT_ENRICH_SETTINGS,
    analyzer: Analyzer = extractor_analyzer,
) -> list[Link]:
    """Return the ranked candidate incidents of a ticket (best first)."""
    return rank_features(ticket.id, ticket_features(ticket, analyzer), index, settings)


def enrich_tickets(
    tickets: Iterable[Ticket],
    index: IncidentIndex,
    settings: EnrichSettings = DEFAULT_ENRICH_SETTINGS,
    analyzer: Analyzer = extractor_analyzer,
) -> Iterator[Link]:
    """Link every ticket, in input order; links of one ticket in rank order."""
    for ticket in tickets:
        yield from link_ticket(ticket, index, settings, analyzer)
