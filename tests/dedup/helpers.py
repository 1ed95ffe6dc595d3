from __future__ import annotations

import pandas as pd

from extract.model import StatusUpdate
from extract.tables import update_occurrences_frame


def occurrence(
    doc: str,
    start: int,
    text: str,
    incident: str | None,
    published: str | None = None,
    kind: str = "text",
    fields: dict[str, str] | None = None,
) -> StatusUpdate:
    """A hand-made update occurrence for dedup tests."""
    return StatusUpdate(
        doc=doc,
        start=start,
        end=start + len(text),
        kind=kind,
        incident_id=incident,
        attribution="block" if incident else None,
        fields=fields or {"body": text},
        published=published,
        extra={"text": text},
    )


def frame(*updates: StatusUpdate) -> pd.DataFrame:
    return update_occurrences_frame(updates)
