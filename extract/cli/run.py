"""`incident-extract run PATH... --out DIR`: write the dataset of a batch."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from extract.batch import ENGINES, BatchOptions, run_batch
from extract.config import Settings
from extract.errors import ExtractError
from extract.readers import ReadOptions
from extract.resources import sample_paths
from extract.timeline import write_timelines


def run_cli(
    paths: list[Path] = typer.Argument(None, help="Files or folders; the bundled sample when omitted."),
    out: Path = typer.Option(Path("out"), "--out", "-o", help="Output folder."),
    prefer_dates_from: str = typer.Option("past", "--prefer-dates-from", help="past or future."),
    workers: int | None = typer.Option(
        None, "--workers", "-w", min=1, help="Worker processes (default: all cores)."
    ),
    engine: str = typer.Option("local", "--engine", help="local (process pool) or dask."),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Dask scheduler address (with --engine dask); a local cluster if omitted."
    ),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into --out."),
    overwrite: bool = typer.Option(
        False, "--overwrite", help="Start fresh: drop what --out holds instead of adding to it."
    ),
    chunk_size: int = typer.Option(100, "--chunk-size", min=1, help="Records per chunk of work."),
    progress: bool | None = typer.Option(
        None, "--progress/--no-progress", help="Progress bar (default: only on a terminal)."
    ),
    keep_authors: bool = typer.Option(
        False, "--keep-authors", help="Keep comment authors' names instead of pseudonyms."
    ),
    author_key: str | None = typer.Option(
        None, "--author-key", help="Key for pseudonymizing authors (default: one kept in --out)."
    ),
    input_format: str | None = typer.Option(
        None, "--format", help="Read every file as this format (txt, jsonl, json, csv, parquet, wxr, rss...)."
    ),
    column_map: list[str] = typer.Option(
        [], "--column-map", help="Rename an input column to a record key: body=text (repeatable)."
    ),
    mask_pii: bool = typer.Option(False, "--mask-pii", help="Mask e-mail and IP addresses in texts."),
    plots: bool = typer.Option(
        False, "--plots", help="Also draw plots/<incident>.png for each incident with 2+ updates."
    ),
) -> None:
    """Process documents into Parquet tables, graph.json, errors.jsonl and summary.json.

    Running again into the same --out adds the new documents to its dataset (a document whose id
    is already there replaces the old one); --overwrite starts fresh, --resume continues a run
    that was interrupted.

    Example: incident-extract run archive/ --out out/ --workers 4
    """
    inputs = list(paths) if paths else sample_paths()
    if engine not in ENGINES:
        raise typer.BadParameter(f"{engine!r}; allowed: {', '.join(ENGINES)}", param_hint="--engine")
    try:
        settings = Settings(
            prefer_dates_from=prefer_dates_from,
            keep_authors=keep_authors,
            author_key=author_key,  # run_batch falls back to the key file in --out
            workers=workers or available_cores(),
        )
        options = BatchOptions(
            engine=engine,
            scheduler=scheduler,
            resume=resume,
            overwrite=overwrite,
            chunk_records=chunk_size,
            progress=progress,
            read_options=ReadOptions(
                format=input_format, column_map=parse_column_map(column_map), mask_pii=mask_pii
            ),
        )
        summary = run_batch(inputs, out, settings, options)
    except (ExtractError, ValueError) as err:  # BatchError, SpoolError, bad settings: say what to do
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(code=1) from None
    typer.echo(format_summary(summary, out))
    if plots:
        drawn = write_timelines(out)
        typer.echo(f"plots: {len(drawn)} timelines in {out / 'plots'}")
    if summary["documents"]["read"] and summary["documents"]["failed"] == summary["documents"]["read"]:
        raise typer.Exit(code=2)


def available_cores() -> int:
    """Return the cores this process may use (its CPU affinity, e.g. in a container)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1


def parse_column_map(pairs: list[str]) -> dict[str, str]:
    """Turn ``["body=text", "date=published"]`` into a column map."""
    mapping = {}
    for pair in pairs:
        source, sep, target = pair.partition("=")
        if not sep or not source or not target:
            raise typer.BadParameter(f"{pair!r}; expected COLUMN=KEY", param_hint="--column-map")
        mapping[source.strip()] = target.strip()
    return mapping


def format_summary(summary: dict, out: Path) -> str:
    """Return the short human summary printed after a run."""
    docs = summary["documents"]
    counts = f"documents: {docs['read']} read, {docs['processed']} processed, {docs['failed']} failed"
    if "skipped" in docs:
        counts += f", {docs['skipped']} skipped"
    lines = [
        f"{counts} ({summary.get('comments', 0)} comments split out)",
        "mentions: " + ", ".join(f"{k} {v}" for k, v in sorted(summary["mentions"].items())),
        f"incidents: {summary['incidents']}; updates: {summary['updates']}",
    ]
    for incident in summary.get("incident_list", [])[:20]:
        lines.append(f"  {incident['label']}: {incident['update_count']} updates")
    if "run" in summary:
        lines.append(format_run(summary["run"], summary.get("duration_seconds")))
    lines.append(
        f"files: {out}/ (documents, mentions, updates, incidents, nodes, edges .parquet; graph.json)"
    )
    if docs["failed"]:
        lines.append(f"errors: {out}/errors.jsonl")
    return "\n".join(lines)


def format_run(run: dict, duration: float | None) -> str:
    """Return the line saying what this run did."""
    parts = [
        f"run: {run['mode']}",
        f"{run['records_processed']} records in {run['chunks_processed']} chunks",
        f"engine {run['engine']} with {run['workers']} workers",
    ]
    if run.get("chunks_resumed"):
        parts.append(f"{run['chunks_resumed']} chunks already done")
    if run.get("replaced_ids"):
        parts.append(f"{run['replaced_ids']} node ids replaced (replaced_ids.json)")
    if duration is not None:
        parts.append(f"{duration:.1f} s")
    return "; ".join(parts)


def register(app: typer.Typer) -> None:
    app.command("run")(run_cli)
