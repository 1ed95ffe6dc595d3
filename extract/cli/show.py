"""`incident-extract show PATH --html FILE`: an annotated, self-contained HTML view."""

from __future__ import annotations

from pathlib import Path

import typer

from extract.api import iter_results
from extract.config import Settings
from extract.errors import InputError
from extract.show import render_html


def show_cli(
    path: Path = typer.Argument(..., help="A document (.txt) or a JSONL of documents."),
    html_file: Path = typer.Option(..., "--html", help="Where to write the HTML page."),
    doc: str = typer.Option(None, "--doc", help="Which document of a multi-document input."),
) -> None:
    """Write the document with every mention highlighted (value on hover).

    Example: incident-extract show post.txt --html post.html
    """
    for result in iter_results([path], Settings()):
        if isinstance(result, InputError):
            typer.echo(f"error: {result}", err=True)
            continue
        if doc is not None and result.document.id != doc:
            continue
        html_file.write_text(render_html(result.document, result.mentions), encoding="utf-8")
        typer.echo(f"{html_file}: {len(result.mentions)} mentions highlighted")
        return
    typer.echo("error: no document to show", err=True)
    raise typer.Exit(code=2)


def register(app: typer.Typer) -> None:
    app.command("show")(show_cli)
