from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from serving import FIXTURE, TOKEN, running

from extract.enrich import IncidentIndex, load_incident_index
from extract.enrich.synthetic import write_graph_folder
from extract.serve import create_app


@pytest.fixture(scope="session")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))
    return write_graph_folder(data["incidents"], data["updates"], tmp_path_factory.mktemp("graph"))


@pytest.fixture(scope="session")
def index(graph_dir: Path) -> IncidentIndex:
    return load_incident_index(graph_dir)


@pytest.fixture(scope="module")
def base_url(index: IncidentIndex) -> Iterator[str]:
    with running(create_app(index, token=TOKEN, max_body_bytes=64_000, timeout_seconds=20.0)) as url:
        yield url


@pytest.fixture
def client(base_url: str) -> Iterator[httpx.Client]:
    headers = {"Authorization": f"Bearer {TOKEN}"}
    with httpx.Client(base_url=base_url, headers=headers, timeout=20.0) as session:
        yield session
