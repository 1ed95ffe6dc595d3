"""The sample's gold timestamps, scored with the shared scoring rules."""

from __future__ import annotations

import importlib.util
import json

import pytest

from extract.config import Settings
from extract.timestamps import find_timestamps
from tests.conftest import GOLD, SHARED

SCORER = SHARED / "tools" / "score_gold.py"


def _scorer():
    if not SCORER.is_file():
        pytest.skip("shared scoring tool not available")
    spec = importlib.util.spec_from_file_location("score_gold", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_gold_timestamps_are_all_found_and_nothing_else(sample_doc):
    scorer = _scorer()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    values = {m.value for m in find_timestamps(sample_doc, Settings())}
    result = scorer.score({sample_doc.id: gold}, {sample_doc.id: {"timestamp": values}})
    counts = result["types"]["timestamp"]
    assert (counts["precision"], counts["recall"]) == (1.0, 1.0), result["errors"]


def test_sample_roles(sample_doc):
    by_text = {}
    for mention in find_timestamps(sample_doc, Settings()):
        by_text.setdefault(mention.role, set()).add(mention.value)
    assert "2023-07-17T15:00:00+00:00" in by_text["start"]
    assert "2023-07-18T19:32:23" in by_text["published"]
    assert "2023-07-18T10:00:00+00:00" in by_text["next_update"]
    assert "2023-07-18T10:22:00" in by_text["update"]
    assert "2023-07-18" in by_text["published"]  # the title's "(18.7.2023)"


def test_sample_has_no_duration_or_id_timestamps(sample_doc):
    texts = {m.text for m in find_timestamps(sample_doc, Settings())}
    assert not {t for t in texts if "minutes" in t or "hours" in t or "EX" in t or "#" in t}
