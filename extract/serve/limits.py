"""ASGI middlewares that bound every request: body size and wall-clock time.

The body limit is checked twice: from Content-Length before anything is read (a lying or absent
header is no way around it) and while the body is read, chunk by chunk. The time limit cancels the
request's task; blocking work runs in threads started with ``abandon_on_cancel`` (see
``app.run_blocking``), so a timed-out request answers 504 at once while its thread finishes in the
background.
"""

from __future__ import annotations

import asyncio
import json
from typing import Any

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 1_048_576
DEFAULT_TIMEOUT_SECONDS = 10.0


class BodyTooLarge(HTTPException):
    """Raised from ``receive`` when a body outgrows the limit (FastAPI re-raises HTTPExceptions)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=f"request body larger than {limit} bytes")


def error_payload(status: int, code: str, message: str, details: Any = None) -> dict[str, Any]:
    """Return the JSON error body every response of the service uses."""
    error: dict[str, Any] = {"status": status, "code": code, "message": message}
    if details is not None:
        error["details"] = details
    return {"error": error}


async def send_json_error(send: Send, status: int, code: str, message: str) -> None:
    """Send a complete JSON error response straight to the ASGI server."""
    body = json.dumps(error_payload(status, code, message)).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return -1
    return None


class BodyLimitMiddleware:
    """Answer 413 for bodies over ``max_bytes``, declared or streamed."""

    def __init__(self, app: ASGIApp, max_bytes: int = DEFAULT_MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _declared_length(scope)
        if declared is not None and declared < 0:
            await send_json_error(send, 400, "bad_request", "Content-Length is not a number")
            return
        if declared is not None and declared > self.max_bytes:
            await send_json_error(
                send, 413, "payload_too_large", f"request body larger than {self.max_bytes} bytes"
            )
            return
        await self._guarded(scope, receive, send)

    async def _guarded(self, scope: Scope, receive: Receive, send: Send) -> None:
        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge as err:  # read outside FastAPI's body parsing: answer here
            if started:
                raise
            await send_json_error(send, 413, "payload_too_large", str(err.detail))


class TimeoutMiddleware:
    """Answer 504 when a request takes longer than ``seconds``."""

    def __init__(self, app: ASGIApp, seconds: float = DEFAULT_TIMEOUT_SECONDS) -> None:
        self.app = app
        self.seconds = seconds

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await asyncio.wait_for(self.app(scope, receive, tracking_send), self.seconds)
        except TimeoutError:
            if started:  # too late for a status; the server closes the connection
                raise
            await send_json_error(send, 504, "timeout", f"request took longer than {self.seconds:g} s")
