"""Timeline images: one per incident with two or more updates, with its events."""

from __future__ import annotations

import pandas as pd

from extract.batch import run_batch
from extract.resources import sample_paths
from extract.timeline import NOT_STATED, incident_events, write_timelines


def test_run_output_gives_a_timeline_for_each_incident_with_updates(tmp_path):
    out = tmp_path / "out"
    run_batch(sample_paths(), out)
    written = write_timelines(out)
    incidents = pd.read_parquet(out / "incidents.parquet")
    expected = {
        i for i, n in zip(incidents["incident_id"], incidents["update_count"], strict=True) if i and n >= 2
    }
    assert {p.stem for p in written} == expected
    assert "EX648815" in expected
    for path in written:
        assert path.read_bytes().startswith(b"\x89PNG")


def test_events_order_updates_and_keep_promises():
    updates = pd.DataFrame(
        {
            "incident_id": ["A1", "A1", "B2"],
            "published": ["2023-07-18T10:00:00+00:00", "2023-07-18T08:00:00+00:00", "2023-07-18T09:00:00"],
            "status": ["serviceRestored", None, "investigating"],
            "status_text": [None, None, None],
            "next_update": [None, "2023-07-18T09:30:00+00:00", None],
            "fields": ["{}", "{}", "{}"],
        }
    )
    events = incident_events("A1", updates, pd.DataFrame())
    assert [s for _, s, _ in events["points"]] == [NOT_STATED, "serviceRestored"]
    assert len(events["promises"]) == 1
    assert events["reports"] == []


def test_run_with_plots_draws_the_timelines(tmp_path):
    from typer.testing import CliRunner

    from extract.cli import app

    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", "--out", str(out), "--plots", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert (out / "plots" / "EX648815.png").exists()
    assert "plots: " in result.output
