"""`incident-extract enrich TICKETS --graph DIR`: link tickets to the incidents of a graph folder."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path

import typer

from extract.enrich import (
    DEFAULT_THRESHOLD,
    EnrichError,
    EnrichSettings,
    enrich_tickets,
    load_incident_index,
    read_tickets,
    write_links,
)
from extract.errors import InputError


class LinkFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


def _output_format(fmt: LinkFormat | None, out: Path | None) -> str:
    if fmt is not None:
        return fmt.value
    return "csv" if out is not None and out.suffix.lower() == ".csv" else "jsonl"


def _tickets(path: Path, counts: dict[str, int]):
    """Yield the usable tickets of a file; report the others on stderr."""
    for item in read_tickets(path):
        counts["read"] += 1
        if isinstance(item, InputError):
            counts["failed"] += 1
            typer.echo(f"error: {item}", err=True)
            continue
        yield item


def enrich_cli(
    tickets: Path = typer.Argument(..., exists=True, dir_okay=False, help="Tickets as .csv or .jsonl."),
    graph: Path = typer.Option(
        ..., "--graph", "-g", exists=True, file_okay=False, help="A `run --out` folder."
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output file; stdout when omitted."),
    fmt: LinkFormat | None = typer.Option(
        None, "--format", "-f", help="csv or jsonl (default: from --out's suffix, else jsonl)."
    ),
    top: int = typer.Option(3, "--top", "-n", min=1, help="At most this many incidents per ticket."),
    threshold: float = typer.Option(
        DEFAULT_THRESHOLD, "--threshold", min=0.0, max=1.0, help="Report incidents scoring at least this."
    ),
    all_candidates: bool = typer.Option(
        False, "--all-candidates", help="Also report candidates below the threshold (linked=false)."
    ),
) -> None:
    """Link each ticket (id, created, subject, body; optional service, region) to ranked incidents.

    Example: incident-extract enrich tickets.csv --graph out/ --out links.csv
    """
    try:
        index = load_incident_index(graph)
        settings = EnrichSettings(top=top, threshold=threshold, include_candidates=all_candidates)
    except EnrichError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(code=2) from err
    counts = {"read": 0, "failed": 0}
    links = enrich_tickets(_tickets(tickets, counts), index, settings)
    output_format = _output_format(fmt, out)
    if out is None:
        written = write_links(links, sys.stdout, output_format)
    else:
        with out.open("w", encoding="utf-8", newline="") as handle:
            written = write_links(links, handle, output_format)
    typer.echo(
        f"tickets read: {counts['read']}, failed: {counts['failed']}; incidents: {len(index)}; links: {written}",
        err=True,
    )
    if counts["read"] and counts["failed"] == counts["read"]:
        raise typer.Exit(code=2)


def register(app: typer.Typer) -> None:
    app.command("enrich")(enrich_cli)
