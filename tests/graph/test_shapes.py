"""Per-incident Microsoft Graph and Statuspage documents, validated against our JSON Schemas."""

from __future__ import annotations

import jsonschema
import pytest

from extract.exports import read_incident_documents
from extract.graph.shapes import (
    graph_status,
    incident_documents,
    incident_file_stem,
    service_health_issue,
    statuspage_incident,
    updates_by_incident,
    validate,
)


def _documents(written, shape):
    """{file stem: document} of incidents.<shape>.jsonl."""
    return {
        incident_file_stem({"incident_id": d["id"], "id": d["id"]}): d
        for d in read_incident_documents(written, shape)
    }


def _load(written, name):
    stem, shape, _json = name.rsplit(".", 2)
    return _documents(written, shape)[stem]


def test_each_incident_has_both_shapes_and_they_validate(written, graph):
    for shape in ("graph", "statuspage"):
        documents = read_incident_documents(written, shape)
        assert len(documents) == len(graph.incidents)
        assert {d["id"] for d in documents} >= set(graph.incidents["incident_id"].dropna())
        for document in documents:
            validate(document, shape)


def test_incident_documents_validate_when_checked(tables, graph):
    documents = incident_documents(graph.incidents, updates_by_incident(graph.nodes, graph.edges), check=True)
    assert len(documents) == 2 * len(graph.incidents)


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


def test_incident_documents_are_one_jsonl_per_shape_and_legacy_files_go(tmp_path):
    from extract.exports import write_incident_documents

    legacy = tmp_path / "incidents"
    legacy.mkdir()
    (legacy / "OLD1.graph.json").write_text("{}", encoding="utf-8")
    documents = {
        "B2.graph.json": {"id": "B2"},
        "A1.graph.json": {"id": "A1", "title": "ä"},
        "A1.statuspage.json": {"id": "A1"},
        "B2.statuspage.json": {"id": "B2"},
    }
    write_incident_documents(documents, tmp_path)
    assert [d["id"] for d in read_incident_documents(tmp_path, "graph")] == ["A1", "B2"]
    assert read_incident_documents(tmp_path, "graph")[0]["title"] == "ä"
    assert [d["id"] for d in read_incident_documents(tmp_path, "statuspage")] == ["A1", "B2"]
    assert not legacy.exists()
