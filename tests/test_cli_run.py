"""The run command writes every contract file and counts failures."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from extract.cli import app

CONTRACT_FILES = (
    "documents.parquet",
    "mentions.parquet",
    "updates.parquet",
    "incidents.parquet",
    "nodes.parquet",
    "edges.parquet",
    "graph.json",
    "errors.jsonl",
    "summary.json",
)


def test_run_writes_every_contract_file(tmp_path, sample_text):
    runner = CliRunner()
    result = runner.invoke(app, ["run", "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for name in CONTRACT_FILES:
        assert (tmp_path / "out" / name).exists(), name
    assert "documents: 1 read, 1 processed, 0 failed" in result.output


def test_bad_records_are_reported_and_the_batch_goes_on(tmp_path, sample_text):
    batch = tmp_path / "in"
    batch.mkdir()
    (batch / "records.jsonl").write_text(
        "\n".join(
            [
                json.dumps({"id": "good", "text": sample_text}),
                "{broken",
                json.dumps({"id": "no-text"}),
            ]
        ),
        encoding="utf-8",
    )
    (batch / "blob.txt").write_bytes(b"\x00\x01\x02binary")
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(batch), "--out", str(out)])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "summary.json").read_text())
    assert summary["documents"] == {"read": 4, "processed": 1, "failed": 3}
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    reasons = sorted(e["reason"].split(":")[0].split(" (")[0] for e in errors)
    assert reasons == ["binary content", "invalid JSON", "record has no 'text'"]
    assert all(e["file"] for e in errors)


def test_version():
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.startswith("incident-extract ")


def test_revisions_of_changed_fields_are_written(tmp_path):
    import pandas as pd

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    revisions = pd.read_parquet(out / "revisions.parquet")
    more_info = revisions[(revisions["incident_id"] == "EX648815") & (revisions["field"] == "more_info")]
    # The sample's More info changes wording across the twelve posts ("four" -> "five hours").
    assert len(more_info) >= 2
    assert more_info["version"].tolist() == sorted(more_info["version"].tolist())
