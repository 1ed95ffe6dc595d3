from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pandas as pd
import pytest

from extract.api import Dataset
from extract.exports import write_dataset
from extract.graph import Graph, build_graph
from tests.conftest import SHARED
from tests.graph.sample_tables import sample_tables

GOLD = SHARED / "gold" / "borncity-exchange-online-2023-07-18.json"


@pytest.fixture(scope="session")
def tables(sample_doc):
    return sample_tables(sample_doc)


@pytest.fixture(scope="session")
def graph(tables) -> Graph:
    return build_graph(*tables)


@pytest.fixture(scope="session")
def written(tables, graph, tmp_path_factory) -> Path:
    documents, mentions, updates, clusters = tables
    out = tmp_path_factory.mktemp("graph_out")
    dataset = Dataset(
        documents=documents,
        mentions=mentions,
        update_occurrences=updates,
        updates=updates,
        clusters=clusters,
        incidents=graph.incidents,
        nodes=graph.nodes,
        edges=graph.edges,
    )
    write_dataset(dataset, out)
    return out


@pytest.fixture(scope="session")
def graph_json(written) -> dict:
    return json.loads((written / "graph.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def score_gold():
    """The shared scorer, imported from ../shared/tools (it is not a package)."""
    path = SHARED / "tools" / "score_gold.py"
    if not path.exists():
        pytest.skip("../shared/tools/score_gold.py is not available")
    spec = importlib.util.spec_from_file_location("score_gold", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def frame(rows: list[dict], columns: tuple[str, ...] | list[str]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))
