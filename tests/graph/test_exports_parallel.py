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


def test_streamed_tables_equal_the_frames(written, graph):
    from extract.graph.io import iter_edges, iter_edges_file, iter_nodes, iter_nodes_file

    assert list(iter_nodes_file(written / "nodes.parquet")) == list(iter_nodes(graph.nodes))
    assert list(iter_edges_file(written / "edges.parquet")) == list(iter_edges(graph.edges))


def test_an_unsorted_table_is_refused_not_streamed_out_of_order(graph, tmp_path):
    from extract.graph.io import iter_nodes_file

    path = tmp_path / "nodes.parquet"
    graph.nodes.iloc[::-1].to_parquet(path, index=False)
    with pytest.raises(ValueError, match="not sorted"):
        list(iter_nodes_file(path))


def test_one_failing_job_among_others_is_named_and_the_others_finish(written, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(written, copy)
    (copy / "graph.json").unlink()
    with pytest.raises(RuntimeError, match="unknown") as failure:
        run_export_jobs(["unknown", "graph.json"], copy, workers=2)
    message = str(failure.value)
    assert message.startswith("graph exports failed: unknown:")
    assert message.count("unknown graph export") == 1
    assert "graph.json:" not in message  # the other job did not fail
    assert (copy / "graph.json").read_bytes() == (written / "graph.json").read_bytes()


def test_graphml_keys_from_the_tables_equal_a_pass_over_the_items(written):
    from extract.graph.io import graphml_keys, graphml_keys_of_files, iter_edges_file, iter_nodes_file

    nodes, edges = written / "nodes.parquet", written / "edges.parquet"
    keys, encoded = graphml_keys_of_files(nodes, edges)
    assert (keys, encoded) == graphml_keys(lambda: iter_nodes_file(nodes), lambda: iter_edges_file(edges))
    assert ("node", "update_count", "long") in keys
    assert "regions" in encoded
