"""Read a ticket with the extractor: its incident IDs, error codes, services, regions, times, symptoms."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import datetime, timedelta, tzinfo

from extract.enrich.model import Interval, Ticket, TicketFeatures
from extract.enrich.regions import is_region_code
from extract.enrich.symptoms import find_concepts
from extract.enrich.times import parse_instant, parse_interval
from extract.model import Mention

Analyzer = Callable[[str, str | None], Sequence[Mention]]
"""(text, anchor) -> mentions; the anchor is the ISO time relative expressions refer to."""

# Times coarser than a day ("2023", "Juli 2023") say nothing about which incident is meant.
USABLE_GRAINS = frozenset({None, "day", "hour", "minute", "second"})
# Clocks differ; a time this little after the ticket's creation still counts.
FUTURE_TOLERANCE_HOURS = 1.0


def extractor_analyzer(text: str, anchor: str | None) -> Sequence[Mention]:
    """The default analyzer: the library's per-document stages (``extract.api.analyze_text``)."""
    from extract.api import analyze_text

    return analyze_text(text, doc_id="ticket", published=anchor).mentions


def _values(mentions: Iterable[Mention], kind: str) -> set[str]:
    return {m.value for m in mentions if m.type == kind and m.value}


def _time_intervals(mentions: Iterable[Mention], zone: tzinfo | None) -> tuple[Interval, ...]:
    found = []
    for mention in mentions:
        if mention.type != "timestamp" or mention.role == "published":
            continue
        grain = mention.extra.get("grain")
        if grain not in USABLE_GRAINS:
            continue
        interval = parse_interval(mention.value, grain, mention.extra.get("part_of_day"), zone)
        if interval is not None:
            found.append(interval)
    return tuple(sorted(set(found), key=lambda i: (i.start, i.end)))


def _field_values(value: str | None, kind: str, analyzer: Analyzer, anchor: str | None) -> set[str]:
    """Normalize a structured ticket field ("Exchange Online", "UK") through the extractor."""
    if not value or not value.strip():
        return set()
    found = _values(analyzer(value, anchor), kind)
    if found:
        return found
    raw = value.strip()
    if kind == "region":
        return {raw.upper()} if is_region_code(raw) else set()
    return {raw}


def _reporter_zone(created: str | None) -> tzinfo | None:
    """The zone of the ticket's creation time: the reporter's clock, for "heute früh" and "um 9"."""
    if not created:
        return None
    try:
        return datetime.fromisoformat(created.strip().replace("Z", "+00:00")).tzinfo
    except ValueError:
        return None


def _created_interval(created: str | None) -> Interval | None:
    moment = parse_instant(created)
    return Interval(moment, moment + timedelta(minutes=1)) if moment else None


def _past_onsets(onsets: tuple[Interval, ...], created: Interval | None) -> tuple[Interval, ...]:
    """Drop times after the ticket was opened: what a reporter noticed cannot lie in the future."""
    if created is None:
        return onsets
    latest = created.end + timedelta(hours=FUTURE_TOLERANCE_HOURS)
    return tuple(onset for onset in onsets if onset.start <= latest)


def ticket_features(ticket: Ticket, analyzer: Analyzer = extractor_analyzer) -> TicketFeatures:
    """Return what a ticket says, anchored on its creation time."""
    mentions = list(analyzer(ticket.text, ticket.created)) if ticket.text else []
    created = _created_interval(ticket.created)
    services = _values(mentions, "service") | _field_values(
        ticket.service, "service", analyzer, ticket.created
    )
    regions = _values(mentions, "region") | _field_values(ticket.region, "region", analyzer, ticket.created)
    return TicketFeatures(
        incident_ids=frozenset(v.upper().replace(" ", "") for v in _values(mentions, "incident_id")),
        error_codes=frozenset(_values(mentions, "error_code")),
        services=frozenset(services),
        regions=frozenset(r.upper() for r in regions),
        concepts=find_concepts([ticket.text]),
        onsets=_past_onsets(_time_intervals(mentions, _reporter_zone(ticket.created)), created),
        created=created,
    )
