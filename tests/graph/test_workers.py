"""The cross-document stages give the same tables whatever the number of worker processes."""

from __future__ import annotations

import dataclasses

import pandas as pd

from extract.config import DEFAULT_SETTINGS
from extract.dedup import deduplicate
from extract.graph import build_graph


def test_graph_and_dedup_with_forked_workers_equal_one_process(tables, monkeypatch):
    documents, mentions, updates, clusters = tables
    serial = build_graph(documents, mentions, updates, clusters, workers=1)
    monkeypatch.setattr("extract.engine.fanout.MIN_ITEMS", 1)
    forked = build_graph(documents, mentions, updates, clusters, workers=2)
    for name in ("nodes", "edges", "incidents"):
        pd.testing.assert_frame_equal(getattr(forked, name), getattr(serial, name))


def test_dedup_with_forked_workers_equals_one_process(sample_record, monkeypatch):
    from extract.api import analyze_record, tables_from_results

    occurrences = tables_from_results([analyze_record(sample_record)]).update_occurrences
    serial = deduplicate(occurrences, DEFAULT_SETTINGS)
    monkeypatch.setattr("extract.engine.fanout.MIN_ITEMS", 1)
    forked = deduplicate(occurrences, dataclasses.replace(DEFAULT_SETTINGS, workers=2))
    for name in ("updates", "clusters", "revisions"):
        pd.testing.assert_frame_equal(getattr(forked, name), getattr(serial, name))
