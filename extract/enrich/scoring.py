"""Score a ticket against one incident: evidence as log-likelihood ratios, summed onto a prior.

The score is a probability: ``sigmoid(PRIOR_LOG_ODDS + sum(weights))`` (naive-Bayes style: each
piece of evidence multiplies the odds that the ticket is about the incident by ``exp(weight)``,
assuming the pieces are roughly independent given the link). The weights follow how specific the
evidence is, not the sample:

| evidence | weight | why |
|---|---|---|
| prior (no evidence) | -5.0 | a ticket is about a given candidate incident with odds of about 1:150 |
| the ticket names the incident's vendor ID | +10.0 | IDs are unique; a shared ID is near-certain (0.993 alone) |
| the ticket names one of its external references | +9.0 | e.g. the ServiceNow number a partner assigned (0.98 alone) |
| the ticket names a *different* indexed incident | -2.0 | the reporter already knows which incident it is |
| same error code | +3.0 | codes are specific, but shared by concurrent incidents (0.12 alone) |
| same enhanced status code, other basic code ("5.5.1" vs "503 5.5.1") | +2.0 | |
| same basic code only ("550") | +1.0 | basic codes are common |
| both name error codes, none shared | -1.0 | |
| same service | +1.5 | a service has many incidents (0.03 alone) |
| the ticket names the suite of the incident's service (or the reverse), or another service the incident's sources name with it | +0.5 | "Microsoft 365" vs "Exchange Online" |
| both name services, none shared or related | -1.5 | a Teams ticket is not about an Exchange incident |
| reported onset overlapping the incident's start | +2.0 | coinciding onsets are rare |
| reported onset *g* hours from it (g < ONSET_HOURS = 6) | from +2.0 down to +1.0, linearly | the closer, the rarer |
| a time the ticket names falls in the incident's active window | +1.0 | |
| only the ticket's creation time falls in that window | +0.5 | every ticket is created sometime |
| the ticket's times all lie outside the window | -2.5 | |
| a shared country or macro-region | +1.0 | |
| the incident is global | +0.5 | |
| both name regions, none shared | -0.5 | |
| each shared symptom concept (mail, delay, send failure, ...) | +0.75, at most +1.5 | |
| both describe symptoms, none shared | -0.5 | |

So a shared ID or external reference is near-certain; error code + service + time + region together
are probable (0.82 with a time in the incident's window, 0.92 with a matching onset); any one of
those alone stays far below the threshold. ``DEFAULT_THRESHOLD``
(0.5: more likely than not under this model) is the line above which a candidate is reported as a
link. The weights were set by hand from the reasoning above and checked on the test tickets under
tests/enrich/data, not fitted; with labelled ticket-incident pairs they can be refitted as the
coefficients of a logistic regression over the same evidence indicators.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from extract.enrich.index import ONSET_HOURS, IncidentIndex, code_parts
from extract.enrich.model import Evidence, IncidentRecord, TicketFeatures
from extract.enrich.regions import GLOBAL, shared_places
from extract.enrich.services import related

PRIOR_LOG_ODDS = -5.0
DEFAULT_THRESHOLD = 0.5

W_INCIDENT_ID = 10.0
W_EXTERNAL_REF = 9.0
W_OTHER_INCIDENT = -2.0
W_CODE_EXACT = 3.0
W_CODE_ENHANCED = 2.0
W_CODE_BASIC = 1.0
W_CODE_MISMATCH = -1.0
W_SERVICE = 1.5
W_SERVICE_SUITE = 0.5
W_SERVICE_MISMATCH = -1.5
W_TIME_ONSET = 2.0
W_TIME_ACTIVE = 1.0
W_TIME_CREATED = 0.5
W_TIME_OUTSIDE = -2.5
W_REGION = 1.0
W_REGION_GLOBAL = 0.5
W_REGION_MISMATCH = -0.5
W_SYMPTOM_EACH = 0.75
W_SYMPTOM_MAX = 1.5
W_SYMPTOM_MISMATCH = -0.5


def sigmoid(log_odds: float) -> float:
    """Return the probability for log-odds (numerically safe at both ends)."""
    if log_odds >= 0:
        return 1.0 / (1.0 + math.exp(-log_odds))
    odds = math.exp(log_odds)
    return odds / (1.0 + odds)


def id_evidence(ticket: TicketFeatures, incident: IncidentRecord, index: IncidentIndex) -> list[Evidence]:
    """A shared vendor ID or external reference; or an ID that names another incident."""
    if not ticket.incident_ids:
        return []
    if incident.incident_id and incident.incident_id in ticket.incident_ids:
        return [Evidence("incident_id", f"ticket names {incident.incident_id}", W_INCIDENT_ID)]
    refs = sorted(ticket.incident_ids & set(incident.external_refs))
    if refs:
        return [
            Evidence("external_ref", f"ticket names {refs[0]}, a reference of this incident", W_EXTERNAL_REF)
        ]
    others = sorted(i for i in ticket.incident_ids if index.known_id(i))
    if others:
        return [Evidence("other_incident", f"ticket names {', '.join(others)}", W_OTHER_INCIDENT)]
    return []


def _code_match(ticket_code: str, incident_code: str) -> tuple[float, str] | None:
    if ticket_code == incident_code:
        return W_CODE_EXACT, f"{incident_code} in ticket and incident"
    t_enhanced, t_basic = code_parts(ticket_code)
    i_enhanced, i_basic = code_parts(incident_code)
    t_enhanced, t_basic = t_enhanced or {ticket_code}, t_basic or {ticket_code}
    i_enhanced, i_basic = i_enhanced or {incident_code}, i_basic or {incident_code}
    if t_enhanced & i_enhanced and any("." in c for c in t_enhanced & i_enhanced):
        return W_CODE_ENHANCED, f"ticket {ticket_code} shares the enhanced code of {incident_code}"
    if (t_basic | t_enhanced) & (i_basic | i_enhanced):
        return W_CODE_BASIC, f"ticket {ticket_code} shares the basic code of {incident_code}"
    return None


def error_code_evidence(ticket: TicketFeatures, incident: IncidentRecord) -> list[Evidence]:
    """The best match between the ticket's and the incident's error codes."""
    if not ticket.error_codes or not incident.error_codes:
        return []
    matches = [
        match
        for t in sorted(ticket.error_codes)
        for i in incident.error_codes
        if (match := _code_match(t, i)) is not None
    ]
    if not matches:
        detail = f"ticket {', '.join(sorted(ticket.error_codes))}; incident {', '.join(incident.error_codes)}"
        return [Evidence("error_code", f"different codes: {detail}", W_CODE_MISMATCH)]
    weight, detail = max(matches, key=lambda m: (m[0], m[1]))
    return [Evidence("error_code", detail, weight)]


def service_evidence(ticket: TicketFeatures, incident: IncidentRecord) -> list[Evidence]:
    """The same service, a related one (suite, or named with the incident), or different services."""
    if not ticket.services or not incident.service:
        return []
    if incident.service.casefold() in {s.casefold() for s in ticket.services}:
        return [Evidence("service", incident.service, W_SERVICE)]
    suites = sorted(s for s in ticket.services if related(s, incident.service))
    if suites:
        return [Evidence("service", f"{suites[0]} and {incident.service}: same suite", W_SERVICE_SUITE)]
    others = {s.casefold() for s in incident.other_services}
    named = sorted(s for s in ticket.services if s.casefold() in others)
    if named:
        return [Evidence("service", f"{named[0]} is named with the incident", W_SERVICE_SUITE)]
    detail = f"ticket names {', '.join(sorted(ticket.services))}, incident is {incident.service}"
    return [Evidence("service", detail, W_SERVICE_MISMATCH)]


def _onset_weight(ticket: TicketFeatures, incident: IncidentRecord) -> tuple[float, float] | None:
    """Return (weight, gap in hours) of the reported onset closest to the incident's start."""
    if incident.onset is None or not ticket.onsets:
        return None
    gap = min(onset.gap_hours(incident.onset) for onset in ticket.onsets)
    if gap >= ONSET_HOURS:
        return None
    return W_TIME_ACTIVE + (W_TIME_ONSET - W_TIME_ACTIVE) * (1.0 - gap / ONSET_HOURS), gap


def time_evidence(ticket: TicketFeatures, incident: IncidentRecord) -> list[Evidence]:
    """Whether the ticket's times meet the incident's onset or active window."""
    window = incident.window
    if window is None or (not ticket.onsets and ticket.created is None):
        return []
    onset = _onset_weight(ticket, incident)
    if onset is not None:
        weight, gap = onset
        detail = "reported onset matches the incident's start"
        return [
            Evidence(
                "time",
                detail if gap == 0 else f"reported onset {gap:.1f} h from the incident's start",
                weight,
            )
        ]
    if any(t.overlaps(window) for t in ticket.onsets):
        return [Evidence("time", "a time in the ticket falls in the incident's window", W_TIME_ACTIVE)]
    if ticket.created and ticket.created.overlaps(window):
        return [Evidence("time", "ticket created while the incident was active", W_TIME_CREATED)]
    return [Evidence("time", "the ticket's times lie outside the incident's window", W_TIME_OUTSIDE)]


def region_evidence(ticket: TicketFeatures, incident: IncidentRecord) -> list[Evidence]:
    """A shared place, a global incident, or disjoint regions."""
    if not ticket.regions or not incident.regions:
        return []
    shared = shared_places(ticket.regions, incident.regions)
    if shared:
        return [Evidence("region", f"{', '.join(sorted(shared))} affected", W_REGION)]
    if GLOBAL in incident.regions or GLOBAL in ticket.regions:
        return [Evidence("region", "global incident", W_REGION_GLOBAL)]
    detail = f"ticket {', '.join(sorted(ticket.regions))}, incident {', '.join(incident.regions)}"
    return [Evidence("region", f"different regions: {detail}", W_REGION_MISMATCH)]


def symptom_evidence(ticket: TicketFeatures, incident: IncidentRecord) -> list[Evidence]:
    """Shared symptom concepts (capped), or symptoms on both sides that differ."""
    if not ticket.concepts or not incident.concepts:
        return []
    shared = sorted(ticket.concepts & incident.concepts)
    if shared:
        weight = min(W_SYMPTOM_MAX, W_SYMPTOM_EACH * len(shared))
        return [Evidence("symptom", ", ".join(shared), weight)]
    detail = f"ticket {', '.join(sorted(ticket.concepts))}, incident {', '.join(sorted(incident.concepts))}"
    return [Evidence("symptom", f"different symptoms: {detail}", W_SYMPTOM_MISMATCH)]


def score(
    ticket: TicketFeatures, incident: IncidentRecord, index: IncidentIndex
) -> tuple[float, list[Evidence]]:
    """Return the calibrated score and the evidence for one ticket-incident pair."""
    evidence: list[Evidence] = id_evidence(ticket, incident, index)
    rules: tuple[Callable[[TicketFeatures, IncidentRecord], list[Evidence]], ...] = (
        error_code_evidence,
        service_evidence,
        time_evidence,
        region_evidence,
        symptom_evidence,
    )
    for rule in rules:
        evidence.extend(rule(ticket, incident))
    log_odds = PRIOR_LOG_ODDS + sum(e.weight for e in evidence)
    return sigmoid(log_odds), evidence
