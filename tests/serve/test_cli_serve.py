"""`incident-extract serve`: refuses to run without a token; serves with one (a real process)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from serving import TOKEN, free_port, wait_healthy
from typer.testing import CliRunner

from extract.cli import app
from extract.serve import TOKEN_ENV

runner = CliRunner()


def test_refuses_to_start_without_a_token(graph_dir: Path) -> None:
    result = runner.invoke(app, ["serve", "--graph", str(graph_dir)], env={TOKEN_ENV: ""})
    assert result.exit_code == 2
    assert "no token" in result.stderr
    assert "--no-auth" in result.stderr


def test_refuses_a_short_token_and_contradicting_options(graph_dir: Path, tmp_path: Path) -> None:
    short = tmp_path / "short.token"
    short.write_text("abc\n", encoding="utf-8")
    result = runner.invoke(app, ["serve", "--graph", str(graph_dir), "--token-file", str(short)])
    assert result.exit_code == 2
    assert "shorter than" in result.stderr
    result = runner.invoke(app, ["serve", "--graph", str(graph_dir), "--token-file", str(short), "--no-auth"])
    assert result.exit_code == 2
    assert "exclude each other" in result.stderr


@pytest.fixture
def served(graph_dir: Path, tmp_path: Path):
    token_file = tmp_path / "api.token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    port = free_port()
    command = [sys.executable, "-m", "extract", "serve", "--graph", str(graph_dir), "--port", str(port)]
    env = {k: v for k, v in os.environ.items() if k != TOKEN_ENV}
    process = subprocess.Popen(
        [*command, "--token-file", str(token_file)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base_url, seconds=30)
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_serve_command_runs_a_protected_server(served: str) -> None:
    assert httpx.get(f"{served}/v1/incidents/EX649175").status_code == 401
    response = httpx.get(f"{served}/v1/incidents/EX649175", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    assert response.json()["incident"]["incident_id"] == "EX649175"
