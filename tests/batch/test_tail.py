"""The staged tail writes the files the in-memory API writes, and lets go of what it used."""

from __future__ import annotations

import pytest

from extract.api import iter_results, process_paths, tables_from_results
from extract.config import Settings
from extract.engine.tail import finish_dataset
from extract.exports import write_dataset
from tests.batch.conftest import assert_same_output, sample_record, snapshot, synthetic_records, write_jsonl

SETTINGS = Settings(author_key="k")


@pytest.fixture(scope="module")
def archive(tmp_path_factory, archive_gen):
    folder = tmp_path_factory.mktemp("tail_archive")
    write_jsonl(folder / "a.jsonl", [*synthetic_records(archive_gen, 6, seed=5), sample_record()])
    return folder


def _tables(archive):
    return tables_from_results(iter_results([archive], SETTINGS))


def test_the_staged_tail_writes_what_the_in_memory_api_writes(archive, tmp_path):
    memory, staged = tmp_path / "memory", tmp_path / "staged"
    expected = write_dataset(process_paths([archive], SETTINGS), memory)
    summary, replaced = finish_dataset(_tables(archive), SETTINGS, staged)
    assert summary == expected
    assert summary["incidents"] > 0
    assert replaced == []
    assert (staged / "replaced_ids.json").read_text() == "[]\n"
    names = tuple(name for name in snapshot(memory) if name != "summary.json")
    assert "nodes.parquet" in names
    assert any(name.startswith("neo4j/") for name in names)
    assert_same_output(memory, staged, names)


def test_exports_in_processes_write_the_same_bytes(archive, tmp_path):
    here, processes = tmp_path / "here", tmp_path / "processes"
    finish_dataset(_tables(archive), SETTINGS, here)
    finish_dataset(_tables(archive), SETTINGS, processes, min_process_edges=0)
    assert_same_output(here, processes)


def test_the_tail_takes_the_tables_it_was_given(archive, tmp_path):
    dataset = _tables(archive)
    finish_dataset(dataset, SETTINGS, tmp_path / "out")
    assert dataset.documents is None
    assert dataset.mentions is None
    assert dataset.update_occurrences is None
