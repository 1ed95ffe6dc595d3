"""`incident-extract run PATH... --out DIR`: write the dataset of a batch."""

from __future__ import annotations

from pathlib import Path

import typer

from extract.batch import run_batch
from extract.config import Settings
from extract.resources import sample_paths


def run_cli(
    paths: list[Path] = typer.Argument(None, help="Files or folders; the bundled sample when omitted."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
    prefer_dates_from: str = typer.Option("past", "--prefer-dates-from", help="past or future."),
) -> None:
    """Process documents into Parquet tables, graph.json, errors.jsonl and summary.json.

    Example: incident-extract run archive/ --out out/
    """
    inputs = list(paths) if paths else sample_paths()
    settings = Settings(prefer_dates_from=prefer_dates_from)
    summary = run_batch(inputs, out, settings)
    typer.echo(format_summary(summary, out))
    if summary["documents"]["read"] and summary["documents"]["failed"] == summary["documents"]["read"]:
        raise typer.Exit(code=2)


def format_summary(summary: dict, out: Path) -> str:
    """Return the short human summary printed after a run."""
    docs = summary["documents"]
    lines = [
        f"documents: {docs['read']} read, {docs['processed']} processed, {docs['failed']} failed"
        f" ({summary.get('comments', 0)} comments split out)",
        "mentions: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["mentions"].items())),
        f"incidents: {summary['incidents']}; updates: {summary['updates']}",
    ]
    for incident in summary.get("incident_list", [])[:20]:
        lines.append(f"  {incident['label']}: {incident['update_count']} updates")
    lines.append(
        f"files: {out}/ (documents, mentions, updates, incidents, nodes, edges .parquet; graph.json)"
    )
    if docs["failed"]:
        lines.append(f"errors: {out}/errors.jsonl")
    return "\n".join(lines)


def register(app: typer.Typer) -> None:
    app.command("run")(run_cli)
