"""Status-update parsing (interim: filled in by the status-updates work)."""

from __future__ import annotations

from collections.abc import Sequence

from extract.model import Document, Mention, StatusUpdate


def parse_updates(document: Document, mentions: Sequence[Mention]) -> list[StatusUpdate]:
    """Return the status updates quoted in a document, attributed to incidents."""
    return []
