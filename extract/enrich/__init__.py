"""Ticket enrichment: link tickets to the incidents of a graph folder, with score and evidence.

>>> index = load_incident_index("out/")                       # doctest: +SKIP
>>> ticket = Ticket(id="T1", created="2023-07-18T09:40:00+02:00",
...     body="Mails kommen zurück mit 503 5.5.1, seit heute früh, betrifft Kollegen in UK")
>>> [(link.incident_id, round(link.score, 2)) for link in link_ticket(ticket, index)]  # doctest: +SKIP
[('EX649175', 0.92)]

The scoring (weights, calibration, threshold) is documented in ``extract.enrich.scoring``.
"""

from __future__ import annotations

from extract.enrich.features import Analyzer, extractor_analyzer, ticket_features
from extract.enrich.index import IncidentIndex, build_index, load_incident_index
from extract.enrich.link import (
    DEFAULT_ENRICH_SETTINGS,
    EnrichSettings,
    enrich_tickets,
    link_ticket,
    rank_features,
)
from extract.enrich.model import EnrichError, Evidence, IncidentRecord, Link, Ticket, TicketFeatures
from extract.enrich.scoring import DEFAULT_THRESHOLD
from extract.enrich.summary import summarize_incident
from extract.enrich.tickets import read_tickets, ticket_from_mapping, write_links

__all__ = [
    "DEFAULT_ENRICH_SETTINGS",
    "DEFAULT_THRESHOLD",
    "Analyzer",
    "EnrichError",
    "EnrichSettings",
    "Evidence",
    "IncidentIndex",
    "IncidentRecord",
    "Link",
    "Ticket",
    "TicketFeatures",
    "build_index",
    "enrich_tickets",
    "extractor_analyzer",
    "link_ticket",
    "load_incident_index",
    "rank_features",
    "read_tickets",
    "summarize_incident",
    "ticket_features",
    "ticket_from_mapping",
    "write_links",
]
