"""The HTTP API: FastAPI routes over ``extract.api`` and ``extract.enrich``."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any, TypeVar

import anyio
from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.exceptions import HTTPException

from extract import __version__
from extract.enrich import (
    Analyzer,
    EnrichSettings,
    IncidentIndex,
    Ticket,
    extractor_analyzer,
    link_ticket,
    summarize_incident,
)
from extract.serve.auth import check_bearer
from extract.serve.limits import (
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_TIMEOUT_SECONDS,
    BodyLimitMiddleware,
    TimeoutMiddleware,
    error_payload,
)
from extract.serve.schemas import (
    EnrichRequest,
    EnrichResponse,
    ErrorResponse,
    ExtractRequest,
    ExtractResponse,
    IncidentResponse,
    LinkOut,
)

log = logging.getLogger("extract.serve")
T = TypeVar("T")

STATUS_CODES = {
    400: "bad_request",
    401: "unauthorized",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
    500: "internal_error",
    504: "timeout",
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse} for status in (401, 413, 422, 500, 504)
}

bearer_scheme = HTTPBearer(auto_error=False, description="The token given to `incident-extract serve`.")


async def run_blocking(func: Callable[..., T], *args: Any) -> T:
    """Run CPU-bound work in a worker thread that a timeout may abandon (it then finishes alone)."""
    return await anyio.to_thread.run_sync(functools.partial(func, *args), abandon_on_cancel=True)


def require_token(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer_scheme)
) -> None:
    """The /v1 guard: a bearer token equal to the configured one (unless auth is off)."""
    expected = request.app.state.token
    if expected is None:
        return
    header = (
        f"{credentials.scheme} {credentials.credentials}"
        if credentials
        else request.headers.get("authorization")
    )
    check_bearer(header, expected)


def _mentions(payload: ExtractRequest) -> list[dict[str, Any]]:
    from extract.api import analyze_text

    result = analyze_text(
        payload.text, doc_id=payload.id, lang=payload.lang, published=payload.published, title=payload.title
    )
    return [mention.to_dict() for mention in result.mentions]


def _ticket(payload: EnrichRequest) -> Ticket:
    return Ticket(
        id=payload.id,
        created=payload.created,
        subject=payload.subject,
        body=payload.body,
        service=payload.service,
        region=payload.region,
    )


async def extract_route(payload: ExtractRequest) -> ExtractResponse:
    """Extract the mentions of a text (incident IDs, error codes, regions, services, times)."""
    return ExtractResponse(mentions=await run_blocking(_mentions, payload))


async def enrich_route(payload: EnrichRequest, request: Request) -> EnrichResponse:
    """Link a ticket to ranked candidate incidents, with score, evidence and a status summary."""
    if not (payload.subject.strip() or payload.body.strip()):
        raise HTTPException(status_code=422, detail="the ticket has neither subject nor body")
    settings = EnrichSettings(
        top=payload.top, threshold=payload.threshold, include_candidates=payload.include_candidates
    )
    state = request.app.state
    links = await run_blocking(link_ticket, _ticket(payload), state.index, settings, state.analyzer)
    return EnrichResponse(
        ticket_id=payload.id,
        threshold=payload.threshold,
        links=[LinkOut(**link.to_dict()) for link in links],
    )


async def incident_route(incident_id: str, request: Request) -> IncidentResponse:
    """Return an incident (by vendor ID or graph node id) with its status updates."""
    index: IncidentIndex = request.app.state.index
    incident = index.lookup(incident_id)
    if incident is None:
        raise HTTPException(status_code=404, detail=f"no incident {incident_id!r}")
    return IncidentResponse(
        incident=incident.attributes,
        summary=summarize_incident(incident),
        updates=index.updates.get(incident.key, []),
    )


async def healthz_route(request: Request) -> dict[str, Any]:
    """Liveness: no authentication."""
    return {"status": "ok", "version": __version__, "incidents": len(request.app.state.index)}


def _v1_router() -> APIRouter:
    router = APIRouter(prefix="/v1", dependencies=[Depends(require_token)], responses=ERROR_RESPONSES)
    router.add_api_route("/extract", extract_route, methods=["POST"], response_model=ExtractResponse)
    router.add_api_route("/enrich", enrich_route, methods=["POST"], response_model=EnrichResponse)
    router.add_api_route(
        "/incidents/{incident_id}",
        incident_route,
        methods=["GET"],
        response_model=IncidentResponse,
        responses={404: {"model": ErrorResponse}},
    )
    return router


def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    code = STATUS_CODES.get(exc.status_code, "error")
    body = error_payload(exc.status_code, code, str(exc.detail))
    return JSONResponse(body, status_code=exc.status_code, headers=exc.headers)


def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        {
            "loc": [str(part) for part in error.get("loc", ())],
            "type": error.get("type"),
            "msg": error.get("msg"),
        }
        for error in exc.errors()
    ]
    malformed = any(d["type"] == "json_invalid" for d in details)
    message = "malformed JSON" if malformed else "the request does not match the schema"
    return JSONResponse(error_payload(422, "invalid_request", message, details), status_code=422)


def _internal_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("request failed: %s %s", request.method, request.url.path, exc_info=exc)
    return JSONResponse(error_payload(500, "internal_error", "internal server error"), status_code=500)


def create_app(
    index: IncidentIndex,
    *,
    token: str | None,
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES,
    timeout_seconds: float = DEFAULT_TIMEOUT_SECONDS,
    analyzer: Analyzer = extractor_analyzer,
) -> FastAPI:
    """Return the app; ``token=None`` turns authentication off (the CLI demands --no-auth for that)."""
    app = FastAPI(
        title="incident-extract",
        version=__version__,
        description="Extract incident mentions from text and link tickets to vendor incidents.",
    )
    app.state.index = index
    app.state.token = token
    app.state.analyzer = analyzer
    app.add_api_route("/healthz", healthz_route, methods=["GET"], tags=["health"])
    app.include_router(_v1_router())
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _internal_error)
    # Added last = outermost: the clock runs from the first byte; the size check wraps the app.
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(TimeoutMiddleware, seconds=timeout_seconds)
    return app
