"""Entity recognizers (interim: filled in by the recognizers work)."""

from __future__ import annotations

from extract.model import Document, Mention


def find_entities(document: Document) -> list[Mention]:
    """Return incident-ID, error-code, region, service and feature mentions."""
    return []
