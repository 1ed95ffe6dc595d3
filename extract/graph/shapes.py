"""Per-incident documents in two vendors' shapes, validated by ``data/schemas/*.schema.json``.

- ``service_health_issue(incident, updates)``: a Microsoft Graph ``serviceHealthIssue`` (v1.0
  camelCase members) with its ``posts`` (serviceHealthIssuePost, oldest first, ``postType``
  ``regular``, body as ``text``). Unknown members are null, never invented: ``origin`` and
  ``featureGroup`` are not stated by the texts. Times are written as extracted; a naive time
  (the admin center shows the reader's local time) stays naive.
- ``statuspage_incident(incident, updates)``: a Statuspage v2 ``incident`` with its
  ``incident_updates`` (newest first, as Statuspage lists them) and ``components`` for the affected
  service and feature. The Graph status maps onto Statuspage's lifecycle (``STATUSPAGE_STATUS``)
  and severity (``IMPACT``); an unknown status stays null.

Both carry what their schema has no member for (error codes, regions, external references, the
original wording, provenance) under ``details`` (Graph's keyValuePair list) and ``metadata``
(Statuspage's object of objects).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import jsonschema
import pandas as pd

from extract.graph.inputs import FIELD_ALIASES, loads, py, rows
from extract.graph.schema import NODE_ATTRS
from extract.graph.times import sort_key
from extract.resources import load_json

GRAPH_STATUSES = (
    "serviceOperational",
    "investigating",
    "restoringService",
    "verifyingService",
    "serviceRestored",
    "postIncidentReviewPublished",
    "serviceDegradation",
    "serviceInterruption",
    "extendedRecovery",
    "falsePositive",
    "investigationSuspended",
    "resolved",
    "mitigatedExternal",
    "mitigated",
    "resolvedExternal",
    "confirmed",
    "reported",
    "unknownFutureValue",
)
RESOLVED = frozenset(
    {
        "serviceRestored",
        "postIncidentReviewPublished",
        "resolved",
        "resolvedExternal",
        "falsePositive",
        "serviceOperational",
    }
)
STATUSPAGE_STATUS = {
    "investigating": "investigating",
    "investigationSuspended": "investigating",
    "reported": "investigating",
    "confirmed": "identified",
    "serviceDegradation": "identified",
    "serviceInterruption": "identified",
    "restoringService": "identified",
    "verifyingService": "monitoring",
    "extendedRecovery": "monitoring",
    "mitigated": "monitoring",
    "mitigatedExternal": "monitoring",
    "serviceRestored": "resolved",
    "resolved": "resolved",
    "resolvedExternal": "resolved",
    "falsePositive": "resolved",
    "serviceOperational": "resolved",
    "postIncidentReviewPublished": "postmortem",
}
IMPACT = {"serviceDegradation": "minor", "serviceInterruption": "major"}
COMPONENT_STATUS = {"serviceDegradation": "degraded_performance", "serviceInterruption": "major_outage"}
CLASSIFICATIONS = ("advisory", "incident")
POST_FIELDS = (
    ("title", "Title"),
    ("user_impact", "User impact"),
    ("more_info", "More info"),
    ("current_status", "Current status"),
    ("scope", "Scope of impact"),
    ("start_time", "Start time"),
    ("end_time", "End time"),
    ("root_cause", "Root cause"),
    ("next_update", "Next update by"),
)
SCHEMAS = {"graph": "service_health_issue.schema.json", "statuspage": "statuspage_incident.schema.json"}


_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$")


def iso_time(value: Any) -> str | None:
    """Return the value if it is a date or date-time both schemas accept, else None.

    A month or year alone ("2023-07") is a fine attribute in the graph, but neither vendor's
    date-time member can hold it.
    """
    return value if isinstance(value, str) and _TIME.match(value) else None


def graph_status(value: str | None) -> str | None:
    """Return the Graph enum member, case-insensitively ("ServiceRestored" -> "serviceRestored")."""
    if not value:
        return None
    lowered = {s.casefold(): s for s in GRAPH_STATUSES}
    return lowered.get(value.casefold())


def _classification(value: str | None) -> str | None:
    return value.casefold() if value and value.casefold() in CLASSIFICATIONS else None


def _fields(update: dict[str, Any]) -> dict[str, Any]:
    fields = loads(update.get("fields"), {})
    return fields if isinstance(fields, dict) else {}


def post_body(update: dict[str, Any]) -> str:
    """Return an update's text, or its fields rendered as the admin center prints them."""
    if update.get("text"):
        return str(update["text"])
    fields = _fields(update)
    lines = [f"{label}: {fields[key]}" for key, label in POST_FIELDS if fields.get(key)]
    return "\n\n".join(lines)


def _details(incident: dict[str, Any]) -> list[dict[str, str]]:
    details = [
        {"name": "statusText", "value": incident.get("status_text")},
        {"name": "provider", "value": incident.get("provider")},
        {"name": "errorCodes", "value": ";".join(incident.get("error_codes") or [])},
        {"name": "regions", "value": ";".join(incident.get("regions") or [])},
        {"name": "externalRefs", "value": ";".join(incident.get("external_refs") or [])},
        {"name": "sources", "value": ";".join(incident.get("sources") or [])},
        {"name": "incidentExtractId", "value": incident.get("id")},
    ]
    return [d for d in details if d["value"]]


def _ordered(updates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(updates, key=lambda u: (sort_key(u.get("published")), str(u.get("update_id"))))


def _latest_field(updates: list[dict[str, Any]], key: str) -> str | None:
    """Return the latest update's field by its canonical key or an alias ("Issue Description")."""
    for update in reversed(_ordered(updates)):
        fields = _fields(update)
        for name in FIELD_ALIASES.get(key, (key,)):
            if fields.get(name):
                return str(fields[name])
    return None


def _is_resolved(incident: dict[str, Any]) -> bool:
    return graph_status(incident.get("status")) in RESOLVED or bool(incident.get("end"))


def service_health_issue(incident: dict[str, Any], updates: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the incident as a Microsoft Graph serviceHealthIssue with posts."""
    incident = {k: py(v) for k, v in incident.items()}
    posts = [
        {
            "createdDateTime": iso_time(update.get("published")),
            "postType": "regular",
            "description": {"contentType": "text", "content": post_body(update)},
        }
        for update in _ordered(updates)
    ]
    return {
        "id": incident.get("incident_id") or incident["id"],
        "title": incident.get("title"),
        "service": incident.get("service"),
        "feature": incident.get("feature"),
        "featureGroup": None,
        "classification": _classification(incident.get("classification")),
        "status": graph_status(incident.get("status")),
        "origin": None,
        "impactDescription": _latest_field(updates, "user_impact"),
        "isResolved": _is_resolved(incident),
        "startDateTime": iso_time(incident.get("start")),
        "endDateTime": iso_time(incident.get("end")),
        "lastModifiedDateTime": iso_time(incident.get("last_seen")),
        "details": _details(incident),
        "posts": posts,
    }


def _statuspage_status(status: str | None) -> str | None:
    return STATUSPAGE_STATUS.get(graph_status(status) or "")


def _components(incident: dict[str, Any]) -> list[dict[str, Any]]:
    status = COMPONENT_STATUS.get(graph_status(incident.get("status")) or "")
    if _is_resolved(incident):
        status = "operational"
    names = [incident.get("service"), incident.get("feature")]
    return [{"name": n, "status": status} for n in dict.fromkeys(n for n in names if n)]


def statuspage_incident(incident: dict[str, Any], updates: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the incident as a Statuspage v2 incident with incident_updates."""
    incident = {k: py(v) for k, v in incident.items()}
    incident_id = incident.get("incident_id") or incident["id"]
    status = _statuspage_status(incident.get("status"))
    incident_updates = [
        {
            "id": str(update.get("update_id")),
            "incident_id": incident_id,
            "status": update.get("statuspage_status") or _statuspage_status(update.get("status")),
            "body": post_body(update),
            "created_at": iso_time(update.get("published")),
            "updated_at": iso_time(update.get("published")),
            "display_at": iso_time(update.get("published")),
            "affected_components": None,
        }
        for update in reversed(_ordered(updates))
    ]
    return {
        "id": incident_id,
        "page_id": None,
        "name": str(incident.get("title") or incident_id)[:255],
        "status": status,
        "impact": IMPACT.get(graph_status(incident.get("status")) or ""),
        "created_at": iso_time(incident.get("first_seen")),
        "updated_at": iso_time(incident.get("last_seen")),
        "started_at": iso_time(incident.get("start")),
        "monitoring_at": None,
        "resolved_at": iso_time(incident.get("end")) if _is_resolved(incident) else None,
        "shortlink": None,
        "components": _components(incident),
        "incident_updates": incident_updates,
        "metadata": {
            "incident_extract": {
                "node_id": incident["id"],
                "status_text": incident.get("status_text"),
                "error_codes": incident.get("error_codes") or [],
                "regions": incident.get("regions") or [],
                "external_refs": incident.get("external_refs") or [],
                "sources": incident.get("sources") or [],
            }
        },
    }


@cache
def _validator(shape: str) -> jsonschema.Draft202012Validator:
    schema = load_json("schemas", SCHEMAS[shape])
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def validate(document: dict[str, Any], shape: str) -> None:
    """Raise jsonschema.ValidationError unless ``document`` fits the ``shape`` schema."""
    error = jsonschema.exceptions.best_match(_validator(shape).iter_errors(document))
    if error is not None:
        raise error


def incident_file_stem(incident: dict[str, Any]) -> str:
    """Return a file-name-safe stem: the incident ID, else the node id with unsafe characters replaced."""
    raw = str(incident.get("incident_id") or incident["id"])
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in raw)


def incident_documents(
    incidents: pd.DataFrame | None,
    updates_by_incident: dict[str, list[dict[str, Any]]],
    *,
    check: bool = False,
) -> dict[str, dict[str, Any]]:
    """Return {name: document} for every incident: ``<id>.graph.json`` and ``<id>.statuspage.json``.

    ``check`` validates every document against its schema. The exports do not: the shapes are
    built by the functions above, and the tests validate what they build (validating thousands
    of documents on every write cost more than building them).
    """
    out: dict[str, dict[str, Any]] = {}
    for incident in rows(incidents):
        updates = updates_by_incident.get(incident["id"], [])
        stem = incident_file_stem(incident)
        if f"{stem}.graph.json" in out:
            stem = f"{stem}_{incident['id'].rsplit(':', 1)[-1]}"
        graph_doc, page_doc = service_health_issue(incident, updates), statuspage_incident(incident, updates)
        if check:
            validate(graph_doc, "graph")
            validate(page_doc, "statuspage")
        out[f"{stem}.graph.json"] = graph_doc
        out[f"{stem}.statuspage.json"] = page_doc
    return out


def updates_by_incident(
    nodes: pd.DataFrame | None, edges: pd.DataFrame | None
) -> dict[str, list[dict[str, Any]]]:
    """Return each incident node's update node attributes, from the has_update edges."""
    if nodes is None or nodes.empty or edges is None or edges.empty:
        return {}
    update_nodes = nodes.loc[(nodes["kind"].astype(object) == "update").to_numpy()]
    updates = {r["id"]: r for r in rows(update_nodes, ["id", "kind", *NODE_ATTRS["update"]])}
    has_update = edges.loc[(edges["kind"].astype(object) == "has_update").to_numpy()]
    out: dict[str, list[dict[str, Any]]] = {}
    for edge in rows(has_update, ["source", "target", "kind"]):
        if edge["target"] in updates:
            out.setdefault(edge["source"], []).append(updates[edge["target"]])
    return out
