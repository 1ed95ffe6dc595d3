from __future__ import annotations

import pytest

from extract.config import Settings
from extract.dedup import DedupResult, deduplicate
from extract.model import Document
from extract.tables import update_occurrences_frame
from extract.updates import parse_updates


@pytest.fixture(scope="session")
def settings() -> Settings:
    return Settings()


@pytest.fixture(scope="session")
def sample_result(sample_doc: Document, settings: Settings) -> DedupResult:
    return deduplicate(update_occurrences_frame(parse_updates(sample_doc, [])), settings)
