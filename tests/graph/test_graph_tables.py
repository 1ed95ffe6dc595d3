"""The graph built one table at a time equals the graph built at once."""

from __future__ import annotations

import pandas as pd
import pytest

from extract.graph import GraphTables, build_graph_from, graph_tables
from extract.graph.schema import EDGE_COLUMNS, typed_frame


def test_tables_come_one_at_a_time_and_equal_the_whole_graph(tables, graph):
    names = []
    for name, frame in graph_tables(GraphTables(*tables)):
        names.append(name)
        pd.testing.assert_frame_equal(frame, getattr(graph, name))
    assert names == ["nodes", "edges", "incidents"]


def test_the_stage_takes_each_input_table(tables):
    inputs = GraphTables(*tables)
    built = build_graph_from(inputs)
    assert len(built.nodes) > 0
    assert (inputs.documents, inputs.mentions, inputs.updates, inputs.clusters) == (None, None, None, None)


def test_a_typed_frame_reads_a_one_pass_iterator_of_the_announced_size():
    rows = [{"source": "a", "target": "b", "kind": "mentions", "count": 2}]
    frame = typed_frame(iter(rows), EDGE_COLUMNS, size=1)
    assert frame.loc[0, "count"] == 2
    assert frame["count"].dtype == "Int64"
    with pytest.raises(ValueError, match="2 announced"):
        typed_frame(iter(rows), EDGE_COLUMNS, size=2)
