"""The GitHub status history (../shared/corpus/structured), rendered to archive pages, for tests."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from extract.documents import segment
from extract.model import Document, StatusUpdate
from extract.updates import parse_updates, render_statuspage_incident

CORPUS = (
    Path(__file__).resolve().parent.parent.parent
    / "shared"
    / "corpus"
    / "structured"
    / "github_statuspage_incidents.jsonl"
)


@cache
def github_rows() -> tuple[dict, ...]:
    if not CORPUS.exists():
        pytest.skip(f"{CORPUS} not available")
    return tuple(json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip())


@cache
def github_pages() -> tuple[tuple[Document, str, int, tuple[StatusUpdate, ...]], ...]:
    """(document, true incident id, number of updates in the source, parsed updates) per incident."""
    pages = []
    for row in github_rows():
        incident = row["incident"]
        document = segment(render_statuspage_incident(incident, row["page"]))
        pages.append(
            (document, incident["id"], len(incident["incident_updates"]), tuple(parse_updates(document, [])))
        )
    return tuple(pages)
