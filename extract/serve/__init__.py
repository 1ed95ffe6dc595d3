"""The HTTP service: `incident-extract serve --graph DIR` (FastAPI on uvicorn)."""

from __future__ import annotations

from extract.serve.app import create_app
from extract.serve.auth import TOKEN_ENV, TokenError, load_token
from extract.serve.limits import DEFAULT_MAX_BODY_BYTES, DEFAULT_TIMEOUT_SECONDS

__all__ = [
    "DEFAULT_MAX_BODY_BYTES",
    "DEFAULT_TIMEOUT_SECONDS",
    "TOKEN_ENV",
    "TokenError",
    "create_app",
    "load_token",
]
