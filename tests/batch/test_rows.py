"""Chunk rows: tables built from rows equal the tables module's, replacement keeps the last."""

from __future__ import annotations

import pandas as pd

from extract.api import dataset_from_tables, tables_from_results
from extract.engine.rows import ChunkRows, TableCollector, iter_chunks, winning_outcomes
from extract.errors import InputError
from extract.model import Comment, Document, DocumentResult, Mention, StatusUpdate
from extract.tables import mentions_frame, update_occurrences_frame


def _result(doc_id: str, title: str = "t", shift: int = 0) -> DocumentResult:
    text = "EX649175: 503 5.5.1 in DACH since 18.07.2023\n\n  1. Tom sagt:\n\n    same here\n"
    document = Document(
        id=doc_id,
        text=text,
        title=title,
        published="2023-07-18",
        comments=(Comment(f"{doc_id}#c1", 1, "Tom", None, 46, 60, len(text)),),
    )
    mentions = (
        Mention(
            doc_id, "region", "DACH", 26 + shift, 30 + shift, "DACH", extra={"countries": ("AT", "CH", "DE")}
        ),
        Mention(doc_id, "incident_id", "EX649175", 0, 8, "EX649175", score=0.98765, extra={"scheme": "m365"}),
        Mention(
            doc_id,
            "timestamp",
            "18.07.2023",
            37,
            47,
            "2023-07-18",
            role="start",
            extra={"grain": "day", "approx": True, "interval": {"from": "a", "to": None}, "odd": [1, 2]},
        ),
        Mention(doc_id, "error_code", "503 5.5.1", 10, 19, None, comment=f"{doc_id}#c1"),
    )
    updates = (
        StatusUpdate(doc_id, 30, 40, "m365", None, None, fields={"b": "2", "a": "1"}, external_refs=("x",)),
        StatusUpdate(doc_id, 0, 20, "m365", "EX649175", "block", published="2023-07-18T08:00:00"),
    )
    return DocumentResult(document=document, mentions=mentions, updates=updates)


def _collect(*chunks: ChunkRows) -> TableCollector:
    tables = TableCollector()
    for rows in chunks:
        tables.add(rows)
    return tables


def test_tables_from_rows_equal_the_tables_module_frames():
    results = [_result("b"), _result("a", shift=1)]
    rows = ChunkRows()
    for result in results:
        rows.add(result)
    frames = _collect(rows).frames()
    mentions = [m for r in results for m in r.mentions]
    pd.testing.assert_frame_equal(frames["mentions"], mentions_frame(mentions))
    updates = [u for r in results for u in r.updates]
    pd.testing.assert_frame_equal(frames["update_occurrences"], update_occurrences_frame(updates))
    assert frames["documents"]["id"].tolist() == ["a", "a#c1", "b", "b#c1"]
    regions = frames["mentions"][frames["mentions"]["type"] == "region"]
    assert regions["countries"].tolist() == [["AT", "CH", "DE"], ["AT", "CH", "DE"]]


def test_rows_split_over_chunks_give_the_same_tables_as_one_chunk():
    results = [_result(name) for name in "dcba"]
    whole = ChunkRows()
    parts = [ChunkRows(), ChunkRows()]
    for index, result in enumerate(results):
        whole.add(result)
        parts[index % 2].add(result)
    one, two = _collect(whole).frames(), _collect(*parts).frames()
    for table in one:
        pd.testing.assert_frame_equal(one[table], two[table])


def test_a_later_record_with_the_same_id_replaces_the_earlier_one():
    rows = ChunkRows()
    rows.add(_result("a", title="old"))
    rows.add(_result("b"))
    rows.add(_result("a", title="new"))
    dataset = dataset_from_tables(_collect(rows))
    posts = dataset.documents[dataset.documents["kind"] == "post"]
    assert posts.set_index("id")["title"].to_dict() == {"a": "new", "b": "t"}
    assert len(dataset.mentions) == 8
    assert dataset.counts == {"read": 2, "processed": 2, "failed": 0}


def test_live_keys_select_the_winning_chunk_of_each_record():
    first, second = ChunkRows(), ChunkRows()
    first.add(_result("a", title="old"))
    first.add(_result("b"))
    second.add(_result("a", title="new"))
    second.add_error(InputError("in.jsonl", "invalid JSON", 3))
    winners = winning_outcomes([(0, first.keys()), (1, second.keys())])
    assert winners == {"doc:a": 1, "doc:b": 0, "at:in.jsonl:3": 1}
    tables = TableCollector()
    tables.add(first, {k for k, tag in winners.items() if tag == 0})
    tables.add(second, {k for k, tag in winners.items() if tag == 1})
    dataset = dataset_from_tables(tables)
    assert sorted(set(dataset.documents["title"].dropna())) == ["new", "t"]
    assert dataset.counts == {"read": 3, "processed": 2, "failed": 1}
    assert dataset.errors == [{"file": "in.jsonl", "line": 3, "reason": "invalid JSON"}]


def test_tables_from_results_sorts_errors_and_counts_each_record():
    dataset = tables_from_results(
        [InputError("b.txt", "empty file"), _result("x"), InputError("a.jsonl", "invalid JSON", 2)]
    )
    assert [e["file"] for e in dataset.errors] == ["a.jsonl", "b.txt"]
    assert dataset.counts == {"read": 3, "processed": 1, "failed": 2}


def test_empty_input_gives_tables_with_their_columns():
    dataset = tables_from_results([])
    assert list(dataset.mentions.columns) == list(mentions_frame([]).columns)
    assert "input_doc" in dataset.documents.columns
    assert dataset.counts == {"read": 0, "processed": 0, "failed": 0}


def test_chunks_close_on_record_count_or_text_size():
    class Item:
        def __init__(self, n: int) -> None:
            self.text = "x" * n

    sizes = [len(chunk) for chunk in iter_chunks([Item(1)] * 7, max_records=3, max_chars=100)]
    assert sizes == [3, 3, 1]
    sizes = [len(chunk) for chunk in iter_chunks([Item(60)] * 5, max_records=10, max_chars=100)]
    assert sizes == [2, 2, 1]
