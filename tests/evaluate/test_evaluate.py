"""The package's scorer follows the gold format's matching rules and agrees with score_gold.py."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from extract.cli import app
from extract.evaluate import evaluate, predictions_from_mentions
from tests.conftest import GOLD, SAMPLE, SHARED

GOLD_DOC = {
    "doc": "d.txt",
    "lang": "de",
    "timestamp": {
        "required": ["2023-07-18", "2023-07-18T10:22", "2023-07-17T15:00+00:00"],
        "optional": ["2023-07-19"],
    },
    "error_code": {"required": ["smtp:503 5.5.1"], "optional": []},
}


def score(values: dict[str, list[str]]):
    mentions = [{"doc": "d", "type": t, "value": v} for t, vs in values.items() for v in vs]
    return evaluate({"d": GOLD_DOC}, predictions_from_mentions(mentions)).by_type


def test_timestamp_rules_wall_clock_instant_and_date():
    counts = score(
        {
            "timestamp": [
                "2023-07-18",  # the day
                "2023-07-18T10:22:00+02:00",  # same wall-clock minute, any offset
                "2023-07-17T17:00:00+02:00",  # same instant as 15:00 UTC
            ]
        }
    )["timestamp"]
    assert (counts.hits, counts.false_positives, counts.misses) == (3, 0, 0)


def test_a_naive_time_does_not_match_a_gold_instant():
    counts = score({"timestamp": ["2023-07-17T15:00:00"]})["timestamp"]
    assert counts.hits == 0
    assert counts.misses == 3
    assert counts.false_positives == 1  # a predicted time on a day without gold is a false positive


def test_optional_day_covers_any_time_that_day_and_months_are_not_scored():
    counts = score({"timestamp": ["2023-07-19T14:00", "2023-07", "2024-01-01"]})["timestamp"]
    assert (counts.hits, counts.false_positives) == (0, 1)


def test_error_codes_compare_case_and_space_insensitively():
    counts = score({"error_code": ["SMTP:503  5.5.1", "smtp:550"]})["error_code"]
    assert (counts.hits, counts.false_positives, counts.misses) == (1, 1, 0)
    assert counts.precision == 0.5
    assert counts.f1 == pytest.approx(0.6667, abs=1e-4)


@pytest.mark.skipif(
    not (SHARED / "tools" / "score_gold.py").exists(),
    reason="../shared/tools/score_gold.py is not beside the checkout",
)
def test_eval_reproduces_score_gold_exactly(tmp_path):
    runner = CliRunner()
    mentions = runner.invoke(app, ["mentions", str(SAMPLE), "--format", "jsonl"])
    assert mentions.exit_code == 0
    lines = [line for line in mentions.stdout.splitlines() if line.startswith("{")]
    path = tmp_path / "m.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    script = subprocess.run(
        [
            sys.executable,
            str(SHARED / "tools" / "score_gold.py"),
            "--gold",
            str(GOLD),
            "--mentions",
            str(path),
            "--json",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(script.stdout)
    ours = runner.invoke(app, ["eval", "--gold", str(GOLD), str(SAMPLE), "--json"])
    assert ours.exit_code == 0, ours.output
    result = json.loads(ours.stdout)
    assert result["types"] == expected["types"]
    assert result["documents"] == expected["documents"]
    assert "de" in result["languages"]
