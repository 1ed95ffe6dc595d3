"""`incident-extract mentions PATH...`: print every mention found."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path

import typer

from extract.api import iter_results
from extract.config import Settings
from extract.errors import InputError


class MentionFormat(str, Enum):
    jsonl = "jsonl"
    json = "json"
    table = "table"


class PreferDates(str, Enum):
    past = "past"
    future = "future"


def mentions_cli(
    paths: list[Path] = typer.Argument(..., help="Files or folders: .txt, .jsonl, .json, .gz, ..."),
    fmt: MentionFormat = typer.Option(MentionFormat.jsonl, "--format", "-f", help="Output format."),
    prefer_dates_from: PreferDates = typer.Option(
        PreferDates.past,
        "--prefer-dates-from",
        help="Resolve ambiguous relative dates to the past or future.",
    ),
) -> None:
    """Print every mention found, one JSON object per line (or a JSON list, or a table).

    Example: incident-extract mentions post.txt --format table
    """
    settings = Settings(prefer_dates_from=prefer_dates_from.value)
    rows = []
    failed = read = 0
    for result in iter_results(paths, settings):
        read += 1
        if isinstance(result, InputError):
            failed += 1
            typer.echo(f"error: {result}", err=True)
            continue
        for mention in result.mentions:
            row = mention.to_dict()
            if fmt is MentionFormat.jsonl:
                typer.echo(json.dumps(row, ensure_ascii=False))
            else:
                rows.append(row)
    if fmt is MentionFormat.json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
    elif fmt is MentionFormat.table:
        for row in rows:
            typer.echo(
                f"{row['start']:>7} {row['end']:>7}  {row['type']:<12} {row['value']!s:<34} "
                f"{row['role'] or ''!s:<11} {row['text']!r}"
            )
    typer.echo(f"documents read: {read}, processed: {read - failed}, failed: {failed}", err=True)
    if failed and failed == read:
        raise typer.Exit(code=2)


def register(app: typer.Typer) -> None:
    app.command("mentions")(mentions_cli)
