"""The graph exports written by worker processes equal those written in this process."""

from __future__ import annotations

import shutil

import pandas as pd
import pytest

from extract.api import Dataset
from extract.engine.export_job import run_export_jobs
from extract.exports import GRAPH_EXPORTS, write_graph_export, write_graph_exports


def _files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_parallel_exports_are_byte_identical(written, tmp_path):
    serial = _files(written)
    parallel = tmp_path / "parallel"
    shutil.copytree(written, parallel)
    for name in ("graph.json", "graph.graphml", "incidents.graph.jsonl", "incidents.statuspage.jsonl"):
        (parallel / name).unlink()
    shutil.rmtree(parallel / "neo4j")
    edges = pd.read_parquet(parallel / "edges.parquet")
    dataset = Dataset(
        documents=pd.DataFrame(), mentions=pd.DataFrame(), update_occurrences=pd.DataFrame(), edges=edges
    )
    write_graph_exports(dataset, parallel, workers=2, min_parallel_edges=0)
    assert _files(parallel) == serial


def test_an_export_read_back_from_parquet_equals_the_in_memory_one(written, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(written, copy)
    for name in GRAPH_EXPORTS:
        write_graph_export(name, copy)
    assert _files(copy) == _files(written)


def test_a_failing_export_job_names_itself(tmp_path):
    with pytest.raises(RuntimeError, match=r"graph\.json"):
        run_export_jobs(["graph.json"], tmp_path / "missing", workers=1)
