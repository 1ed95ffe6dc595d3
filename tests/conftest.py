from __future__ import annotations

from pathlib import Path

import pytest

from extract.documents import segment
from extract.model import Document, Record
from extract.readers import read_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "borncity-exchange-online-2023-07-18.txt"
GOLD = ROOT / "tests" / "gold" / "borncity-exchange-online-2023-07-18.json"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_text() -> str:
    return SAMPLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def sample_record() -> Record:
    record = next(read_file(SAMPLE))
    assert isinstance(record, Record)
    return record


@pytest.fixture(scope="session")
def sample_doc(sample_record: Record) -> Document:
    return segment(sample_record)
