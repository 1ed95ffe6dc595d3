"""The batch engine: process paths into a dataset folder and report counts."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from extract.api import process_paths
from extract.config import DEFAULT_SETTINGS, Settings
from extract.exports import write_dataset


def run_batch(paths: Sequence[Path], out: Path, settings: Settings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """Process ``paths`` and write every output file of the contract into ``out``."""
    started = time.perf_counter()
    dataset = process_paths(paths, settings)
    return write_dataset(dataset, out, duration=time.perf_counter() - started)
