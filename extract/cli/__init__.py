"""The command line: a thin typer layer over ``extract.api``.

Each command lives in its own module with a ``register(app)`` function; COMMANDS lists them.
"""

from __future__ import annotations

import importlib

import typer

from extract import __version__

COMMANDS = ("mentions", "run", "eval", "show", "enrich", "serve", "build_models")

app = typer.Typer(
    name="incident-extract",
    no_args_is_help=True,
    add_completion=False,
    help="Turn German and English incident communications into a normalized, deduplicated incident graph.",
    epilog=(
        "Examples:\n\n"
        "  incident-extract mentions post.txt --format table\n\n"
        "  incident-extract run archive/ --out out/\n\n"
        "  incident-extract run            (the bundled sample into ./out)"
    ),
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"incident-extract {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version."
    ),
) -> None:
    """Turn German and English incident communications into an incident graph."""


for _name in COMMANDS:
    importlib.import_module(f"extract.cli.{_name}").register(app)


def main() -> None:
    """Console-script entry point."""
    app()
