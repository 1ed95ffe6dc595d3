"""Timestamp recognition (interim: filled in by the timestamps work)."""

from __future__ import annotations

from extract.config import Settings
from extract.model import Document, Mention


def find_timestamps(document: Document, settings: Settings) -> list[Mention]:
    """Return timestamp mentions with normalized values and roles."""
    return []
