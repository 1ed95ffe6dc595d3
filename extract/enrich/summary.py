"""The one-line status and timeline summary of an incident."""

from __future__ import annotations

from extract.enrich.model import IncidentRecord
from extract.enrich.times import format_instant

SEPARATOR = " – "


def _heading(incident: IncidentRecord) -> str:
    label = incident.incident_id or incident.title or incident.key
    return " ".join(part for part in (label, incident.service) if part)


def _status(incident: IncidentRecord) -> str | None:
    if incident.status_text:
        return incident.status_text[:1].upper() + incident.status_text[1:]
    return incident.status


def _began(incident: IncidentRecord) -> str | None:
    if incident.start:
        return f"started {format_instant(incident.start)}"
    if incident.first_seen:
        return f"first seen {format_instant(incident.first_seen)}"
    return None


def _updates(incident: IncidentRecord) -> str | None:
    count = incident.update_count
    noun = "update" if count == 1 else "updates"
    last = format_instant(incident.last_seen)
    if count and last:
        return f"{count} {noun}, last {last}"
    if count:
        return f"{count} {noun}"
    return f"last seen {last}" if last else None


def summarize_incident(incident: IncidentRecord) -> str:
    """Return e.g. "EX648815 Exchange Online – Service degradation – started 2023-07-17 15:00 UTC –
    12 updates, last 2023-07-18 19:32" (parts the graph does not know are left out)."""
    ended = f"ended {format_instant(incident.end)}" if incident.end else None
    parts = [_heading(incident), _status(incident), _began(incident), ended, _updates(incident)]
    return SEPARATOR.join(part for part in parts if part)
