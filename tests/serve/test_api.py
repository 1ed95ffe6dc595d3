"""The HTTP API against a real uvicorn server on 127.0.0.1."""

from __future__ import annotations

import httpx
import pytest

TICKET = {
    "id": "SR-1",
    "created": "2023-07-18T12:30:00+02:00",
    "subject": "NHSmail INC37075572 – Mails können nicht gesendet werden",
    "body": "Bezug: NHSmail Referenz INC37075572. Bitte Status prüfen.",
}


def _assert_error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status
    assert error["code"] == code
    assert error["message"]
    return error


def test_healthz_needs_no_token(base_url: str) -> None:
    response = httpx.get(f"{base_url}/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "ok"
    assert response.json()["incidents"] == 8


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong-token-0123456789abcdef"}, {"Authorization": "Basic dXNlcjpwdw=="}],
    ids=["missing", "wrong", "not-bearer"],
)
@pytest.mark.parametrize(
    ("method", "path"), [("POST", "/v1/enrich"), ("POST", "/v1/extract"), ("GET", "/v1/incidents/EX649175")]
)
def test_v1_requires_the_token(base_url: str, headers: dict, method: str, path: str) -> None:
    response = httpx.request(method, f"{base_url}{path}", headers=headers, json=TICKET)
    _assert_error(response, 401, "unauthorized")
    assert response.headers["www-authenticate"] == "Bearer"


def test_enrich_links_the_ticket_to_its_incident(client: httpx.Client) -> None:
    response = client.post("/v1/enrich", json=TICKET)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["ticket_id"] == "SR-1"
    top = body["links"][0]
    assert top["incident_id"] == "EX649175"
    assert top["rank"] == 1
    assert top["linked"] is True
    assert top["score"] > 0.95
    assert any("INC37075572" in reason for reason in top["evidence"])
    assert top["summary"].startswith("EX649175 Exchange Online – Service Degradation")


def test_enrich_of_an_unrelated_ticket_links_nothing(client: httpx.Client) -> None:
    ticket = {
        "id": "SR-2",
        "created": "2023-07-18T08:30:00+02:00",
        "subject": "Drucker druckt nur leere Seiten",
    }
    response = client.post("/v1/enrich", json=ticket)
    assert response.status_code == 200
    assert response.json()["links"] == []
    candidates = client.post("/v1/enrich", json={**ticket, "include_candidates": True}).json()["links"]
    assert candidates
    assert not any(link["linked"] for link in candidates)


def test_extract_returns_the_contract_mentions(client: httpx.Client) -> None:
    text = 'EX649175 "503 5.5.1 Bad sequence of commands" vor allem DACH und UK'
    response = client.post("/v1/extract", json={"text": text, "published": "2023-07-18"})
    assert response.status_code == 200, response.text
    mentions = response.json()["mentions"]
    values = {(m["type"], m["value"]) for m in mentions}
    assert ("incident_id", "EX649175") in values
    assert ("error_code", "smtp:503 5.5.1") in values
    first = next(m for m in mentions if m["value"] == "EX649175")
    assert text[first["start"] : first["end"]] == first["text"]
    assert {"doc", "type", "text", "start", "end", "value", "role", "score", "lang"} <= set(first)


def test_incident_with_its_updates(client: httpx.Client) -> None:
    response = client.get("/v1/incidents/ex648815")
    assert response.status_code == 200
    body = response.json()
    assert body["incident"]["incident_id"] == "EX648815"
    assert body["incident"]["update_count"] == 12
    assert len(body["updates"]) == 12
    assert body["updates"][0]["published"] == "2023-07-17T21:03:33"
    assert body["summary"].endswith("12 updates, last 2023-07-18 19:32")


def test_unknown_incident_and_route_are_json_404(client: httpx.Client) -> None:
    error = _assert_error(client.get("/v1/incidents/EX000000"), 404, "not_found")
    assert "EX000000" in error["message"]
    _assert_error(client.get("/v2/nothing"), 404, "not_found")


def test_malformed_json_is_422(client: httpx.Client) -> None:
    response = client.post(
        "/v1/enrich", content=b'{"id": "SR-3", "subject": ', headers={"Content-Type": "application/json"}
    )
    error = _assert_error(response, 422, "invalid_request")
    assert error["message"] == "malformed JSON"


@pytest.mark.parametrize(
    "body",
    [
        {"subject": "no id"},
        {"id": "SR-4", "subject": "x", "created": "gestern"},
        {"id": "SR-4", "subject": "x", "top": 0},
        {"id": "SR-4", "subject": "x", "threshold": 2},
        {"id": "SR-4"},
    ],
    ids=["missing-id", "bad-created", "top-0", "threshold-2", "empty-ticket"],
)
def test_invalid_tickets_are_422(client: httpx.Client, body: dict) -> None:
    _assert_error(client.post("/v1/enrich", json=body), 422, "invalid_request")


def test_invalid_extract_request_is_422(client: httpx.Client) -> None:
    error = _assert_error(client.post("/v1/extract", json={"text": "", "lang": "fr"}), 422, "invalid_request")
    assert {tuple(d["loc"]) for d in error["details"]} >= {("body", "text"), ("body", "lang")}


def test_oversized_body_is_413_by_content_length(client: httpx.Client) -> None:
    big = {"id": "SR-5", "subject": "x", "body": "a" * 70_000}
    _assert_error(client.post("/v1/enrich", json=big), 413, "payload_too_large")


def test_oversized_streamed_body_is_413_while_reading(client: httpx.Client) -> None:
    def chunks():
        yield b'{"id": "SR-6", "subject": "x", "body": "'
        for _ in range(40):
            yield b"a" * 4096
        yield b'"}'

    # a generator body is sent chunked, without Content-Length
    response = client.post("/v1/enrich", content=chunks(), headers={"Content-Type": "application/json"})
    _assert_error(response, 413, "payload_too_large")


def test_openapi_and_docs_pages(base_url: str) -> None:
    schema = httpx.get(f"{base_url}/openapi.json").json()
    assert {"/v1/enrich", "/v1/extract", "/v1/incidents/{incident_id}", "/healthz"} <= set(schema["paths"])
    assert "HTTPBearer" in schema["components"]["securitySchemes"]
    docs = httpx.get(f"{base_url}/docs")
    assert docs.status_code == 200
    assert "swagger" in docs.text.lower()
