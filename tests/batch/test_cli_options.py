"""The run command's options map to Settings and BatchOptions; progress stays out of pipes."""

from __future__ import annotations

import io
import json

import pytest
from typer.testing import CliRunner

import extract.cli.run as run_module
from extract.batch import BatchError, BatchOptions, run_batch
from extract.cli import app
from extract.config import Settings
from extract.progress import Progress, wants_progress
from extract.readers import ReadOptions
from tests.batch.conftest import write_jsonl


@pytest.fixture
def captured(monkeypatch):
    calls = {}

    def fake_run_batch(paths, out, settings, options):
        calls.update(paths=paths, out=out, settings=settings, options=options)
        return {
            "documents": {"read": 2, "processed": 1, "failed": 1},
            "mentions": {},
            "incidents": 0,
            "updates": 0,
            "duration_seconds": 1.5,
            "run": {
                "mode": "resume",
                "engine": "dask",
                "workers": 3,
                "chunks_processed": 2,
                "chunks_resumed": 4,
                "records_processed": 9,
                "replaced_ids": 0,
            },
        }

    monkeypatch.setattr(run_module, "run_batch", fake_run_batch)
    return calls


def test_options_reach_settings_and_batch_options(captured, tmp_path):
    args = ["run", str(tmp_path), "--out", str(tmp_path / "o"), "--workers", "3", "--engine", "dask"]
    args += ["--scheduler", "tcp://h:8786", "--resume", "--chunk-size", "7", "--no-progress"]
    args += ["--keep-authors", "--author-key", "secret", "--prefer-dates-from", "future"]
    args += ["--mask-pii", "--column-map", "body=text", "--format", "jsonl"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    settings, options = captured["settings"], captured["options"]
    assert (settings.workers, settings.keep_authors, settings.author_key) == (3, True, "secret")
    assert settings.prefer_dates_from == "future"
    assert options == BatchOptions(
        engine="dask",
        scheduler="tcp://h:8786",
        resume=True,
        chunk_records=7,
        progress=False,
        read_options=ReadOptions(format="jsonl", column_map={"body": "text"}, mask_pii=True),
    )
    assert "documents: 2 read, 1 processed, 1 failed" in result.output
    assert (
        "run: resume; 9 records in 2 chunks; engine dask with 3 workers; 4 chunks already done"
        in result.output
    )


def test_without_a_key_the_output_folder_keeps_one_for_every_run(tmp_path):
    pytest.importorskip("extract.privacy")
    first = write_jsonl(tmp_path / "a" / "a.jsonl", [{"id": "a", "text": "Exchange Online: EX649175"}])
    second = write_jsonl(tmp_path / "b" / "b.jsonl", [{"id": "b", "text": "Teams: TM123456"}])
    out = tmp_path / "o"
    run_batch([first], out, Settings())
    key = (out / ".author_key").read_text().strip()
    assert key
    # the second run finds the same key, so its settings match and it merges in
    summary = run_batch([second], out, Settings())
    assert summary["run"]["mode"] == "incremental"
    assert (out / ".author_key").read_text().strip() == key


def test_a_bad_column_map_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["run", str(tmp_path), "--column-map", "body"])
    assert result.exit_code != 0
    assert "COLUMN=KEY" in result.output


def test_bad_engine_and_conflicting_modes_are_refused(tmp_path):
    result = CliRunner().invoke(app, ["run", str(tmp_path), "--engine", "spark"])
    assert result.exit_code != 0
    assert "spark" in result.output
    with pytest.raises(BatchError):
        BatchOptions(resume=True, overwrite=True)


def test_progress_only_on_a_terminal(capsys):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert wants_progress(Terminal())
    assert not wants_progress(io.StringIO())
    quiet = Progress(total_bytes=1000, enabled=False)
    quiet.advance(3, 500)
    quiet.close()
    assert capsys.readouterr().err == ""
    bar = Progress(total_bytes=2_000_000, enabled=True)
    bar.advance(10, 1_000_000)
    bar.close()
    err = capsys.readouterr().err
    assert "B/s" in err  # bytes per second (scaled: kB/s, MB/s)
    assert "10 docs" in err


def test_a_real_run_in_a_pipe_prints_no_bar(tmp_path):
    records = tmp_path / "in" / "r.jsonl"
    records.parent.mkdir()
    records.write_text(json.dumps({"id": "a", "text": "Exchange Online: EX649175"}) + "\n")
    result = CliRunner().invoke(app, ["run", str(records), "--out", str(tmp_path / "o"), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "docs/s" not in result.output
    assert "documents: 1 read, 1 processed, 0 failed" in result.output
