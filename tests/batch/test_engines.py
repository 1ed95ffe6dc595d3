"""Output does not depend on the worker count or the engine, and equals the in-memory API's."""

from __future__ import annotations

import pytest

from extract.api import process_paths
from extract.config import Settings
from extract.exports import write_dataset
from tests.batch.conftest import (
    assert_same_output,
    cli,
    cli_subprocess,
    sample_record,
    snapshot,
    synthetic_records,
    write_jsonl,
)

BAD_LINES = ("{broken", '{"id": "no-text"}')


@pytest.fixture(scope="module")
def archive(tmp_path_factory, archive_gen):
    folder = tmp_path_factory.mktemp("archive")
    records = synthetic_records(archive_gen, 10, seed=11)
    write_jsonl(folder / "a.jsonl", [*records[:5], sample_record()], BAD_LINES)
    write_jsonl(folder / "b.jsonl", records[5:])
    return folder


def _run(archive, out, *options):
    return cli("run", str(archive), "--out", str(out), "--author-key", "k", "--chunk-size", "3", *options)


def test_worker_count_does_not_change_output(archive, tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    _run(archive, one, "--workers", "1")
    output = _run(archive, two, "--workers", "2")
    assert "engine local with 2 workers" in output
    assert_same_output(one, two)


def test_the_engine_writes_what_the_in_memory_api_gives(archive, tmp_path):
    engine, memory = tmp_path / "engine", tmp_path / "memory"
    _run(archive, engine, "--workers", "2")
    dataset = process_paths([archive], Settings(author_key="k"))
    assert dataset.counts == {"read": 13, "processed": 11, "failed": 2}
    write_dataset(dataset, memory)
    files = tuple(name for name in snapshot(memory) if name != "summary.json")
    assert "mentions.parquet" in files
    assert_same_output(engine, memory, files)


@pytest.mark.slow
def test_local_and_dask_engines_give_byte_identical_output(archive, tmp_path):
    outputs = {}
    # Both in fresh interpreters, one after the other: the same code, the same start-up.
    for engine in ("local", "dask"):
        outputs[engine] = tmp_path / engine
        done = cli_subprocess(
            "run", str(archive), "--out", str(outputs[engine]), "--author-key", "k", "--chunk-size", "3",
            "--engine", engine, "--workers", "2", "--no-progress",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr[-3000:]
        assert f"engine {engine} with 2 workers" in done.stdout
    assert_same_output(outputs["local"], outputs["dask"])
