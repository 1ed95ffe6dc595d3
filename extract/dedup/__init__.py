"""Update deduplication (interim: filled in by the status-updates work)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from extract.config import Settings


@dataclass
class DedupResult:
    updates: pd.DataFrame
    clusters: pd.DataFrame


def deduplicate(occurrences: pd.DataFrame, settings: Settings) -> DedupResult:
    """Group update occurrences into distinct updates and text clusters."""
    return DedupResult(updates=occurrences.copy(), clusters=pd.DataFrame())
