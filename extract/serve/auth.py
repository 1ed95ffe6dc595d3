"""Bearer-token authentication of the /v1 routes."""

from __future__ import annotations

import hmac
import os
from pathlib import Path

from starlette.exceptions import HTTPException

TOKEN_ENV = "INCIDENT_EXTRACT_TOKEN"
MIN_TOKEN_LENGTH = 16


class TokenError(ValueError):
    """No usable token was configured."""


def load_token(token_file: Path | None = None, environ: dict[str, str] | None = None) -> str | None:
    """Return the token from ``token_file`` (first line), else from $INCIDENT_EXTRACT_TOKEN."""
    if token_file is not None:
        try:
            token = token_file.read_text(encoding="utf-8").strip().splitlines()[0].strip()
        except (OSError, IndexError) as err:
            raise TokenError(f"cannot read a token from {token_file}: {err}") from err
    else:
        token = (environ if environ is not None else os.environ).get(TOKEN_ENV, "").strip()
    if not token:
        return None
    if len(token) < MIN_TOKEN_LENGTH:
        raise TokenError(f"the token is shorter than {MIN_TOKEN_LENGTH} characters")
    return token


def unauthorized(message: str) -> HTTPException:
    """Return the 401 exception, with the challenge header RFC 6750 asks for."""
    return HTTPException(status_code=401, detail=message, headers={"WWW-Authenticate": "Bearer"})


def check_bearer(authorization: str | None, expected: str) -> None:
    """Raise 401 unless the Authorization header carries the expected bearer token."""
    if not authorization:
        raise unauthorized("missing bearer token")
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise unauthorized("expected 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(token.strip().encode(), expected.encode()):
        raise unauthorized("invalid token")
