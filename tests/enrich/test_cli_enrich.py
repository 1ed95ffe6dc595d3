from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from extract.cli import app

runner = CliRunner()


def test_enrich_writes_csv_with_links_and_summaries(graph_dir: Path, data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "links.csv"
    result = runner.invoke(
        app, ["enrich", str(data_dir / "tickets.csv"), "--graph", str(graph_dir), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert set(rows[0]) >= {"ticket_id", "rank", "incident_id", "score", "evidence", "summary"}
    by_ticket = {row["ticket_id"]: row for row in rows if row["rank"] == "1"}
    assert by_ticket["T-107"]["incident_id"] == "EX649175"
    assert "INC37075572" in by_ticket["T-107"]["evidence"]
    assert by_ticket["T-109"]["summary"] == (
        "EX648815 Exchange Online – Service degradation – started 2023-07-17 15:00 UTC"
        " – 12 updates, last 2023-07-18 19:32"
    )
    assert all(float(row["score"]) >= 0.5 for row in rows)
    assert not any(row["ticket_id"].startswith("U-") for row in rows)


def test_enrich_jsonl_to_stdout_with_all_candidates(graph_dir: Path, data_dir: Path) -> None:
    args = [
        "enrich",
        str(data_dir / "tickets.jsonl"),
        "--graph",
        str(graph_dir),
        "--top",
        "2",
        "--all-candidates",
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert {row["ticket_id"] for row in rows} >= {"T-101", "U-201"}
    assert max(sum(1 for r in rows if r["ticket_id"] == t) for t in {r["ticket_id"] for r in rows}) == 2
    assert any(not row["linked"] for row in rows)
    assert isinstance(rows[0]["evidence"], list)


def test_enrich_reports_bad_rows_and_fails_when_none_is_usable(graph_dir: Path, tmp_path: Path) -> None:
    tickets = tmp_path / "bad.jsonl"
    tickets.write_text('{"subject": "no id"}\nnot json\n', encoding="utf-8")
    result = runner.invoke(app, ["enrich", str(tickets), "--graph", str(graph_dir)])
    assert result.exit_code == 2
    assert "missing id" in result.stderr
    assert "tickets read: 2, failed: 2" in result.stderr


def test_enrich_rejects_a_folder_without_a_graph(data_dir: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["enrich", str(data_dir / "tickets.csv"), "--graph", str(tmp_path)])
    assert result.exit_code == 2
    assert "incidents.parquet" in result.stderr
