from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.enrich import IncidentIndex, load_incident_index
from extract.enrich.synthetic import write_graph_folder

DATA = Path(__file__).resolve().parent / "data"


def fixture_graph() -> dict:
    """Incidents mirroring the sample's two (EX649175, EX648815) plus unrelated ones, and updates."""
    return json.loads((DATA / "fixture_graph.json").read_text(encoding="utf-8"))


def ticket_rows() -> list[dict]:
    lines = (DATA / "tickets.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def graph_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data = fixture_graph()
    return write_graph_folder(data["incidents"], data["updates"], tmp_path_factory.mktemp("graph"))


@pytest.fixture(scope="session")
def index(graph_dir: Path) -> IncidentIndex:
    return load_incident_index(graph_dir)


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def tickets() -> list[dict]:
    """The test tickets, each with the incident it is about under "expected" (null: unrelated)."""
    return ticket_rows()
