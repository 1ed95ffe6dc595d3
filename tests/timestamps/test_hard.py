"""Classes of hard expressions found with benchmarks/time_expressions/hard_set.jsonl."""

from __future__ import annotations

import pytest

from tests.timestamps.conftest import timestamps

# A Thursday morning in Berlin winter time; the evaluation's future preference.
REF = "2024-03-14T10:30:00+01:00"


def values(text: str, lang: str) -> list[str]:
    return [m.value or "" for m in timestamps(text, lang=lang, prefer="future", published=REF)]


# An article between "seit/since/bis" and the date keeps the interval word's meaning:
# "seit dem 1. März" points back even under the future preference.
ARTICLE_AFTER_INTERVAL_WORD = [
    ("de", "Seit dem 1. März kommt es zu Problemen.", "2024-03-01"),
    ("de", "Seit dem 2. Februar sind Mails verzögert.", "2024-02-02"),
    ("en", "Errors have occurred since the 3rd of March.", "2024-03-03"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), ARTICLE_AFTER_INTERVAL_WORD)
def test_interval_word_before_an_article_still_points_back(lang: str, text: str, expected: str) -> None:
    assert expected in [v[:10] for v in values(text, lang)]


# English qualifiers between "in" and an offset ("in about 90 minutes").
QUALIFIED_OFFSETS = [
    ("en", "Service should recover in about 90 minutes.", "2024-03-14T12:00"),
    ("en", "We expect a fix in roughly 2 hours.", "2024-03-14T12:30"),
    ("en", "Another update in approximately 30 minutes.", "2024-03-14T11:00"),
    ("de", "In etwa 30 Minuten folgt ein Update.", "2024-03-14T11:00"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), QUALIFIED_OFFSETS)
def test_qualified_offsets(lang: str, text: str, expected: str) -> None:
    assert expected in [v[:16] for v in values(text, lang)]
