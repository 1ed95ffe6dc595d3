"""Timeouts, internal errors and --no-auth, each on its own real server."""

from __future__ import annotations

import threading

import httpx
from serving import TOKEN, running

from extract.serve import create_app

TICKET = {"id": "SR-9", "created": "2023-07-18T09:00:00+02:00", "subject": "Mails kommen verspätet"}
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def test_a_request_over_the_time_limit_is_504(index) -> None:
    release = threading.Event()

    def stuck_analyzer(text, anchor):
        release.wait(5)
        return []

    app = create_app(index, token=TOKEN, timeout_seconds=0.3, analyzer=stuck_analyzer)
    with running(app) as url:
        try:
            response = httpx.post(f"{url}/v1/enrich", json=TICKET, headers=AUTH, timeout=5)
        finally:
            release.set()
    assert response.status_code == 504
    assert response.json()["error"]["code"] == "timeout"


def test_an_internal_error_is_a_json_500_without_internals(index) -> None:
    def broken_analyzer(text, anchor):
        raise RuntimeError("secret detail")

    with running(create_app(index, token=TOKEN, analyzer=broken_analyzer)) as url:
        response = httpx.post(f"{url}/v1/enrich", json=TICKET, headers=AUTH, timeout=5)
    assert response.status_code == 500
    assert response.json() == {
        "error": {"status": 500, "code": "internal_error", "message": "internal server error"}
    }
    assert "secret" not in response.text


def test_without_a_token_configured_v1_is_open(index) -> None:
    with running(create_app(index, token=None)) as url:
        response = httpx.get(f"{url}/v1/incidents/EX649175", timeout=5)
    assert response.status_code == 200
    assert response.json()["incident"]["external_refs"] == ["INC37075572"]
