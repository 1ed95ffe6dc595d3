"""`incident-extract serve --graph DIR`: the HTTP API (FastAPI on uvicorn)."""

from __future__ import annotations

from pathlib import Path

import typer

from extract.enrich import EnrichError, load_incident_index
from extract.serve import (
    DEFAULT_MAX_BODY_BYTES,
    DEFAULT_TIMEOUT_SECONDS,
    TOKEN_ENV,
    TokenError,
    create_app,
    load_token,
)


def _fail(message: str) -> typer.Exit:
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code=2)


def resolve_token(token_file: Path | None, no_auth: bool) -> str | None:
    """Return the token to require, or None with --no-auth; refuse to run unprotected by accident."""
    if no_auth:
        if token_file is not None:
            raise _fail("--no-auth and --token-file exclude each other")
        return None
    try:
        token = load_token(token_file)
    except TokenError as err:
        raise _fail(str(err)) from err
    if token is None:
        raise _fail(f"no token: set ${TOKEN_ENV} or pass --token-file (or, deliberately, --no-auth)")
    return token


def serve_cli(
    graph: Path = typer.Option(
        ..., "--graph", "-g", exists=True, file_okay=False, help="A `run --out` folder."
    ),
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to bind."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    token_file: Path | None = typer.Option(
        None,
        "--token-file",
        exists=True,
        dir_okay=False,
        help=f"File holding the bearer token (else ${TOKEN_ENV}).",
    ),
    no_auth: bool = typer.Option(
        False, "--no-auth", help="Serve /v1 without a token (local experiments only)."
    ),
    max_body_bytes: int = typer.Option(
        DEFAULT_MAX_BODY_BYTES, "--max-body-bytes", min=1, help="Larger bodies get 413."
    ),
    timeout: float = typer.Option(
        DEFAULT_TIMEOUT_SECONDS, "--timeout", min=0.1, help="Seconds before a 504."
    ),
    limit_concurrency: int = typer.Option(64, "--limit-concurrency", min=1, help="Beyond this, 503."),
) -> None:
    """Serve POST /v1/extract, POST /v1/enrich, GET /v1/incidents/{id}, GET /healthz and /docs.

    Example: INCIDENT_EXTRACT_TOKEN=$(openssl rand -hex 32) incident-extract serve --graph out/
    """
    token = resolve_token(token_file, no_auth)
    try:
        index = load_incident_index(graph)
    except EnrichError as err:
        raise _fail(str(err)) from err
    import uvicorn

    app = create_app(index, token=token, max_body_bytes=max_body_bytes, timeout_seconds=timeout)
    auth = "bearer token required on /v1" if token else "NO AUTHENTICATION (--no-auth)"
    typer.echo(f"serving {len(index)} incidents on http://{host}:{port} ({auth}); docs at /docs", err=True)
    uvicorn.run(app, host=host, port=port, limit_concurrency=limit_concurrency, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_cli)
