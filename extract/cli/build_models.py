"""`incident-extract build-models`: assemble the spaCy pipelines in models/ from data/."""

from __future__ import annotations

from pathlib import Path

import typer

from extract.pipeline.build import build_models, model_meta


def build_models_cli(
    out: Path = typer.Option(None, "--out", help="Folder to write to (default: the package's models/)."),
) -> None:
    """Write models/incident-de and models/incident-en (blank pipelines + incident_recognizer).

    Example: incident-extract build-models
    """
    for path in build_models(out):
        fingerprint = model_meta(path)["incident_extract"]["data_fingerprint"]
        typer.echo(f"wrote {path} (data {fingerprint[:12]})")


def register(app: typer.Typer) -> None:
    app.command("build-models")(build_models_cli)
