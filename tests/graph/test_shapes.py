"""Per-incident Microsoft Graph and Statuspage documents, validated against our JSON Schemas."""

from __future__ import annotations

import json

import jsonschema
import pytest

from extract.graph.shapes import graph_status, service_health_issue, statuspage_incident, validate


def _load(written, name):
    return json.loads((written / "incidents" / name).read_text(encoding="utf-8"))


def test_each_incident_has_both_shapes_and_they_validate(written, graph):
    names = {p.name for p in (written / "incidents").iterdir()}
    for incident_id in graph.incidents["incident_id"]:
        assert {f"{incident_id}.graph.json", f"{incident_id}.statuspage.json"} <= names
    for name in sorted(names):
        validate(_load(written, name), "graph" if name.endswith(".graph.json") else "statuspage")


def test_graph_shape_carries_the_incident_and_its_posts(written):
    issue = _load(written, "EX648815.graph.json")
    assert (issue["id"], issue["service"], issue["feature"], issue["status"]) == (
        "EX648815",
        "Exchange Online",
        "delivery",
        "serviceDegradation",
    )
    assert len(issue["posts"]) == 12
    times = [p["createdDateTime"] for p in issue["posts"]]
    assert times == sorted(times)
    assert times[0].startswith("2023-07-17T21:03")
    assert issue["impactDescription"].startswith("Users' inbound and outbound email delivery")


def test_statuspage_shape_lists_updates_newest_first(written):
    incident = _load(written, "EX649175.statuspage.json")
    assert incident["status"] == "identified"
    assert incident["impact"] == "minor"
    assert incident["metadata"]["incident_extract"]["external_refs"] == ["INC37075572"]
    updates = _load(written, "EX648815.statuspage.json")["incident_updates"]
    assert updates[0]["created_at"].startswith("2023-07-18T19:32")
    assert len(updates) == 12


def test_schemas_reject_what_the_vendors_would_reject():
    incident = {"id": "incident:x", "incident_id": "X1", "status": "ServiceRestored", "end": "2023-01-01"}
    issue = service_health_issue(incident, [])
    assert issue["status"] == "serviceRestored"
    assert issue["isResolved"] is True
    validate(issue, "graph")
    with pytest.raises(jsonschema.ValidationError):
        validate({**issue, "status": "kaputt"}, "graph")
    with pytest.raises(jsonschema.ValidationError):
        validate({**issue, "startDateTime": "17. Juli"}, "graph")
    page = statuspage_incident(
        incident,
        [
            {
                "update_id": "u1",
                "published": "2023-01-01T10:00:00Z",
                "text": "fixed",
                "status": "serviceRestored",
            }
        ],
    )
    assert page["status"] == "resolved"
    assert page["incident_updates"][0]["status"] == "resolved"
    validate(page, "statuspage")
    with pytest.raises(jsonschema.ValidationError):
        validate({**page, "impact": "catastrophic"}, "statuspage")
    with pytest.raises(jsonschema.ValidationError):
        validate({k: v for k, v in page.items() if k != "incident_updates"}, "statuspage")


def test_graph_status_is_case_insensitive_and_strict():
    assert graph_status("SERVICEDEGRADATION") == "serviceDegradation"
    assert graph_status("broken") is None


def test_a_month_alone_is_left_out_of_the_vendor_time_members():
    incident = {
        "id": "incident:x",
        "incident_id": "X1",
        "start": "2023-07",
        "first_seen": "2023-07-18T08:00:00",
    }
    issue = service_health_issue(incident, [])
    assert issue["startDateTime"] is None
    validate(issue, "graph")
    page = statuspage_incident(incident, [])
    assert page["started_at"] is None
    assert page["created_at"] == "2023-07-18T08:00:00"
    validate(page, "statuspage")
