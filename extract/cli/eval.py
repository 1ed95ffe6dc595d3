"""`incident-extract eval --gold DIR PATH...`: precision, recall and F1 against gold files."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from extract.api import iter_results
from extract.config import Settings
from extract.errors import InputError
from extract.evaluate import evaluate, format_table, load_gold, predictions_from_mentions


def eval_cli(
    paths: list[Path] = typer.Argument(..., help="The documents the gold describes."),
    gold: list[Path] = typer.Option(..., "--gold", "-g", help="Gold JSON files or folders of them."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
    show_errors: bool = typer.Option(False, "--show-errors", help="List every miss and false positive."),
    prefer_dates_from: str = typer.Option("past", "--prefer-dates-from", help="past or future."),
) -> None:
    """Score extraction against value-level gold, by type and by language.

    Example: incident-extract eval --gold ../shared/gold ../shared/corpus/*.txt
    """
    settings = Settings(prefer_dates_from=prefer_dates_from)
    mentions = []
    languages: dict[str, str | None] = {}
    for result in iter_results(paths, settings):
        if isinstance(result, InputError):
            typer.echo(f"error: {result}", err=True)
            continue
        languages[result.document.id] = result.document.lang
        mentions.extend(m.to_dict() for m in result.mentions)
    evaluation = evaluate(load_gold(gold), predictions_from_mentions(mentions), languages)
    if as_json:
        typer.echo(json.dumps(evaluation.to_dict(), indent=2, ensure_ascii=False))
        return
    if show_errors:
        for error in evaluation.errors:
            typer.echo(f"{error['doc']}\t{error['type']}\t{error['error']}\t{error['value']}")
    typer.echo(format_table(evaluation))


def register(app: typer.Typer) -> None:
    app.command("eval")(eval_cli)
