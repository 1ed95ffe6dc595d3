"""Edges aggregate their repeats: count, spans (one kept as itself), strongest rule, fields."""

from __future__ import annotations

import json

from extract.graph.assemble import GraphParts
from extract.graph.attribution import RULES
from extract.graph.inputs import Span


def _only_row(parts: GraphParts) -> dict:
    rows = list(parts.drain_edges())
    assert len(rows) == 1
    assert parts.edges == {}
    return rows[0]


def test_one_span_repeated_is_one_span_and_counts_twice():
    parts = GraphParts()
    for _ in range(2):
        parts.edge("doc:a", "region:DE", "mentions", span=Span("a", None, 5, 7))
    row = _only_row(parts)
    assert row["count"] == 2
    assert json.loads(row["spans"]) == [{"doc": "a", "comment": None, "start": 5, "end": 7}]


def test_several_spans_come_out_sorted():
    parts = GraphParts()
    parts.edge("doc:a", "region:DE", "mentions", span=Span("a", "a#c2", 9, 11))
    parts.edge("doc:a", "region:DE", "mentions", span=Span("a", None, 5, 7))
    spans = json.loads(_only_row(parts)["spans"])
    assert [(s["comment"], s["start"]) for s in spans] == [(None, 5), ("a#c2", 9)]


def test_the_strongest_rule_wins_and_fields_and_reasons_join():
    weak, strong = RULES[-1], RULES[0]
    parts = GraphParts()
    parts.edge("incident:X", "region:DE", "affects", rule=weak, field_name="text", reason="co_mentioned")
    parts.edge("incident:X", "region:DE", "affects", rule=strong, field_name="status", reason="co_mentioned")
    parts.edge("incident:X", "region:DE", "affects", rule=weak)
    row = _only_row(parts)
    assert row["rule"] == strong
    assert row["field"] == "status,text"
    assert row["reasons"] == ["co_mentioned"]
    assert "spans" not in row


def test_edges_drain_in_source_target_kind_order():
    parts = GraphParts()
    parts.edge("doc:b", "region:DE", "mentions")
    parts.edge("doc:a", "service:X", "mentions")
    parts.edge("doc:a", "region:DE", "mentions")
    assert [(r["source"], r["target"]) for r in parts.drain_edges()] == [
        ("doc:a", "region:DE"),
        ("doc:a", "service:X"),
        ("doc:b", "region:DE"),
    ]
