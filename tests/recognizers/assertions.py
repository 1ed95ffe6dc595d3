"""Shared checks on recognizer output."""

from __future__ import annotations

from collections.abc import Sequence

from extract.model import Mention


def assert_valid_disjoint_spans(text: str, mentions: Sequence[Mention]) -> None:
    """Every mention lies inside the text, quotes it exactly, and none overlaps the one before."""
    last_end = 0
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
        assert mention.start >= last_end
        last_end = mention.end
