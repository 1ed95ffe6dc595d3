"""Frozen records of ticket enrichment: tickets, their features, incidents, evidence and links."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from extract.errors import ExtractError


class EnrichError(ExtractError):
    """A ticket, a graph folder or a setting of the enrichment is unusable."""


@dataclass(frozen=True, slots=True)
class Ticket:
    """One ticket of a ticket system, as read from CSV, JSONL or an HTTP request."""

    id: str
    subject: str = ""
    body: str = ""
    created: str | None = None  # ISO 8601; the anchor of the ticket's relative times
    service: str | None = None  # optional structured fields of the ticket system
    region: str | None = None

    @property
    def text(self) -> str:
        """Return subject and body as one text (what the extractor reads)."""
        return "\n\n".join(part for part in (self.subject.strip(), self.body.strip()) if part)


@dataclass(frozen=True, slots=True)
class Interval:
    """A half-open time interval [start, end) in UTC; naive times are read as UTC."""

    start: datetime
    end: datetime

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    def gap_hours(self, other: Interval) -> float:
        """Return the hours between two intervals (0 when they overlap)."""
        gap = max(other.start - self.end, self.start - other.end, timedelta(0))
        return gap.total_seconds() / 3600.0

    def widened(self, before: float, after: float) -> Interval:
        """Return the interval widened by ``before``/``after`` hours."""
        return Interval(self.start - timedelta(hours=before), self.end + timedelta(hours=after))


@dataclass(frozen=True, slots=True)
class TicketFeatures:
    """What a ticket says, normalized to the values the incident graph uses."""

    incident_ids: frozenset[str] = frozenset()  # upper-cased identifiers of every scheme
    error_codes: frozenset[str] = frozenset()  # "smtp:503 5.5.1"
    services: frozenset[str] = frozenset()  # canonical catalog names
    regions: frozenset[str] = frozenset()  # "GB", "DACH", "GLOBAL", ...
    concepts: frozenset[str] = frozenset()  # symptom concepts ("mail_delay", ...)
    onsets: tuple[Interval, ...] = ()  # times the ticket's text names
    created: Interval | None = None  # when the ticket was opened (a short interval)


@dataclass(frozen=True, slots=True)
class IncidentRecord:
    """One incident node of the graph, with what linking needs precomputed."""

    key: str  # the graph node id (incidents without a vendor ID still have one)
    incident_id: str | None
    service: str | None
    feature: str | None
    status: str | None
    status_text: str | None
    title: str | None
    start: str | None
    end: str | None
    first_seen: str | None
    last_seen: str | None
    update_count: int
    error_codes: tuple[str, ...]
    regions: tuple[str, ...]
    external_refs: tuple[str, ...]
    other_services: tuple[str, ...] = ()  # further services the incident's sources name with it
    concepts: frozenset[str] = frozenset()
    active: Interval | None = None  # start (or first seen) to end (or last seen)
    window: Interval | None = None  # the active interval with the linking slack around it
    onset: Interval | None = None  # the start (or first seen) at its grain
    attributes: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One reason for (positive weight) or against (negative weight) a link."""

    kind: str  # "incident_id", "external_ref", "error_code", "service", "time", "region", "symptom", ...
    detail: str  # human-readable, names the values
    weight: float  # natural log of the likelihood ratio this evidence contributes

    def reason(self) -> str:
        """Return the one-line reason printed in outputs."""
        return f"{self.kind}: {self.detail} ({self.weight:+.2f})"


@dataclass(frozen=True, slots=True)
class Link:
    """A ranked candidate incident for a ticket."""

    ticket_id: str
    rank: int
    incident_key: str
    incident_id: str | None
    score: float  # calibrated probability in [0, 1]
    linked: bool  # score >= the threshold
    evidence: tuple[Evidence, ...]
    summary: str

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object written by the CLI and the HTTP API."""
        return {
            "ticket_id": self.ticket_id,
            "rank": self.rank,
            "incident_id": self.incident_id,
            "incident_key": self.incident_key,
            "score": round(self.score, 4),
            "linked": self.linked,
            "evidence": [e.reason() for e in self.evidence],
            "summary": self.summary,
        }
