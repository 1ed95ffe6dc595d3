"""The one module that knows where data/ and models/ live, and loads them (cached)."""

from __future__ import annotations

import csv
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from extract.errors import ResourceError

_PACKAGE = Path(__file__).resolve().parent


def _first_existing(*candidates: Path) -> Path:
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise ResourceError(f"none of these folders exists: {', '.join(map(str, candidates))}")


@cache
def data_dir() -> Path:
    """Return the data folder: $EXTRACT_DATA_DIR, the wheel's extract/_data, or the checkout's data/."""
    env = os.environ.get("EXTRACT_DATA_DIR")
    if env:
        return _first_existing(Path(env))
    return _first_existing(_PACKAGE / "_data", _PACKAGE.parent / "data")


@cache
def models_dir() -> Path:
    """Return the folder of the built spaCy pipelines."""
    env = os.environ.get("EXTRACT_MODELS_DIR")
    if env:
        return Path(env)
    packaged = _PACKAGE / "_models"
    return packaged if packaged.is_dir() else _PACKAGE.parent / "models"


def data_path(*parts: str) -> Path:
    """Return a path below the data folder; raise ResourceError when it is missing."""
    path = data_dir().joinpath(*parts)
    if not path.exists():
        raise ResourceError(f"missing data file: {path}")
    return path


@cache
def load_yaml(*parts: str) -> Any:
    """Load a YAML file below data/ (cached; treat the result as read-only)."""
    with data_path(*parts).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def load_json(*parts: str) -> Any:
    """Load a JSON file below data/ (cached; treat the result as read-only)."""
    return json.loads(data_path(*parts).read_text(encoding="utf-8"))


@cache
def load_csv(*parts: str) -> tuple[dict[str, str], ...]:
    """Load a CSV file below data/ as rows of strings (cached)."""
    with data_path(*parts).open(encoding="utf-8", newline="") as handle:
        return tuple(dict(row) for row in csv.DictReader(handle))


def sample_paths() -> list[Path]:
    """Return the bundled sample documents."""
    return sorted(data_path("samples").glob("*.txt"))
