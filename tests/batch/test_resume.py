"""A run killed midway and resumed gives the output of an uninterrupted run."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from tests.batch.conftest import (
    ROOT,
    assert_same_output,
    cli,
    cli_refusal,
    sample_record,
    synthetic_records,
    write_jsonl,
)

RECORDS = 24
CHUNKS = RECORDS + 1  # one record per chunk, and the broken line


def _manifest(out):
    try:
        return json.loads((out / ".work" / "manifest.json").read_text())
    except (OSError, ValueError):
        return None


def _kill_after_first_chunk(args, out, timeout=120.0):
    """Start a run; SIGKILL it once the manifest records a finished chunk. Return that manifest."""
    process = subprocess.Popen(
        [sys.executable, "-m", "extract", *args],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline and process.poll() is None:
            manifest = _manifest(out)
            if manifest and manifest["runs"] and manifest["runs"][-1]["chunks"]:
                process.send_signal(signal.SIGKILL)
                process.wait(10)
                return _manifest(out)
            time.sleep(0.005)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(10)
    pytest.fail(f"the run ended (code {process.returncode}) before it could be killed midway")


@pytest.fixture(scope="module")
def archive(tmp_path_factory, archive_gen):
    folder = tmp_path_factory.mktemp("archive")
    records = [sample_record(), *synthetic_records(archive_gen, RECORDS - 1, seed=5)]
    write_jsonl(folder / "posts.jsonl", records, ("{broken",))
    return folder


@pytest.mark.slow
def test_a_killed_run_resumes_to_the_output_of_an_uninterrupted_run(archive, tmp_path):
    whole, killed = tmp_path / "whole", tmp_path / "killed"
    options = ["--author-key", "k", "--chunk-size", "1", "--workers", "1"]
    cli("run", str(archive), "--out", str(whole), *options)
    manifest = _kill_after_first_chunk(["run", str(archive), "--out", str(killed), *options], killed)
    run = manifest["runs"][-1]
    assert run["state"] == "running"
    finished = len(run["chunks"])
    assert 1 <= finished < CHUNKS, "the kill must land midway"
    assert not (killed / "graph.json").exists()

    refused = cli_refusal("run", str(archive), "--out", str(killed), *options)
    assert "interrupted" in refused
    assert "--resume" in refused

    output = cli("run", str(archive), "--out", str(killed), "--resume", *options)
    assert "run: resume" in output
    assert f"{finished} chunks already done" in output
    assert_same_output(whole, killed)
    parts = sorted((killed / ".work" / "parts").rglob("*.pkl"))
    assert len(parts) == CHUNKS, "each chunk is spooled once"


@pytest.fixture(scope="module")
def tiny(tmp_path_factory, archive_gen):
    folder = tmp_path_factory.mktemp("tiny")
    write_jsonl(folder / "posts.jsonl", synthetic_records(archive_gen, 3, seed=8))
    return folder


def test_resume_refuses_other_inputs(tiny, tmp_path, archive_gen):
    out = tmp_path / "out"
    cli("run", str(tiny), "--out", str(out), "--chunk-size", "40", "--workers", "1")
    manifest = _manifest(out)
    manifest["runs"][-1]["state"] = "running"  # as if killed before the outputs were written
    (out / ".work" / "manifest.json").write_text(json.dumps(manifest))
    other = write_jsonl(tmp_path / "other" / "x.jsonl", synthetic_records(archive_gen, 2, seed=9))
    message = cli_refusal("run", str(other), "--out", str(out), "--resume")
    assert "cannot resume" in message
    assert "input files differ" in message
    message = cli_refusal("run", str(tiny), "--out", str(out), "--resume", "--prefer-dates-from", "future")
    assert "settings" in message


def test_resume_of_a_run_that_only_missed_its_outputs_rewrites_them(tiny, tmp_path):
    out = tmp_path / "out"
    cli("run", str(tiny), "--out", str(out), "--chunk-size", "40", "--workers", "1", "--author-key", "k")
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.suffix == ".parquet"}
    manifest = _manifest(out)
    manifest["runs"][-1]["state"] = "running"
    (out / ".work" / "manifest.json").write_text(json.dumps(manifest))
    for path in out.glob("*.parquet"):
        path.unlink()
    output = cli("run", str(tiny), "--out", str(out), "--resume", "--chunk-size", "40", "--author-key", "k")
    assert "0 records in 0 chunks" in output
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.suffix == ".parquet"} == before


def test_a_damaged_part_is_refused(tiny, tmp_path):
    out = tmp_path / "out"
    cli("run", str(tiny), "--out", str(out), "--chunk-size", "2", "--workers", "1", "--author-key", "k")
    part = next((out / ".work" / "parts").rglob("*.pkl"))
    part.write_bytes(part.read_bytes()[:-10])
    message = cli_refusal(
        "run", str(tiny), "--out", str(out), "--resume", "--chunk-size", "2", "--author-key", "k"
    )
    assert "damaged" in message
