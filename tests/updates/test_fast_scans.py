"""The faster scans of update parsing find what the plain patterns find, in the same order."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest

from extract.updates.ids import _FALLBACK, _fallback_spans
from extract.updates.parsers import _SHARE, _share_matches
from extract.updates.times import _PATTERNS, _value, find_time
from extract.updates.vocab import normalize_wording

ROOT = Path(__file__).resolve().parent.parent.parent
SAMPLE = ROOT / "data" / "samples" / "borncity-exchange-online-2023-07-18.txt"
CORPUS = ROOT / "tests" / "quality" / "corpus" / "docs.jsonl"


def _texts() -> list[str]:
    texts = [SAMPLE.read_text(encoding="utf-8")]
    return texts + [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]


def _soup(pieces: list[str], seed: int, count: int = 3000) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 25))) for _ in range(count)]


def test_share_headers_are_the_pattern_scanned_everywhere():
    pieces = [
        "Incident: EX649175", "INCIDENT :EX12345", "İNCİDENT: MO1234", "ıncıdent: SP123456", "Vorfall:TM99999",
        "VORFALL : ab1234", ", impacted service: Exchange Online", ", current status is: Investigating",
        "dent:", "Student: x", "incident", ":", " ", "\n", "x", "Incident: Incident: EX123456",
    ]  # fmt: skip
    for text in [*_texts(), *_soup(pieces, 3)]:
        expected = [m.span() for m in _SHARE.finditer(text)]
        assert [m.span() for m in _share_matches(text)] == expected, text


@pytest.mark.parametrize(("scheme", "pattern"), _FALLBACK)
def test_fallback_spans_are_group_one_of_the_pattern(scheme: str, pattern: re.Pattern[str]):
    pieces = [
        "EX649175", "MO12345", "AEX12345", "EX123456789", "_EX12345", "MC1234567", "INC0012345",
        "xINC0012345", "INC00123456789", "Tracking ID: 4L44-3F0", "/incidents/abcdefghijkl",
        "ÄEX12345", "é", " ", "\n", "-", "1", "EX", "ZZ12345",
    ]  # fmt: skip
    for text in [*_texts(), *_soup(pieces, 5)]:
        expected = [m.span(1) for m in pattern.finditer(text)]
        assert _fallback_spans(scheme, pattern, text) == expected, text


def _plain_find_time(text: str, anchor: str | None) -> tuple[str, int, int] | None:
    """``find_time`` as written first: every pattern scanned, the earliest valid match wins."""
    best = None
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1]:
                break
            value = _value(match, anchor)
            if value is not None:
                best = (value, match.start(), match.end())
                break
    return best


def test_find_time_skips_only_what_cannot_win():
    pieces = [
        "18.07.2023 19:32:23", "18/07/2023 08:32:00 AM (GMT)", "Monday, July 17, 2023, at 3:00 PM UTC",
        "Jul 17, 15:04 UTC", "Montag, 17. Juli 2023, um 15:00 UTC", "2023-07-17T15:04:00Z", "31.02.2023 10:00",
        "Status: ", " um ", "- ", "x", "\n", "12:", ":30", "July", "17.",
    ]  # fmt: skip
    for text in _soup(pieces, 9):
        for anchor in (None, "2023-07-18"):
            assert find_time(text, anchor) == _plain_find_time(text, anchor), text


@pytest.mark.parametrize(
    "text",
    [
        "  What happened? ",
        "What\u2009went\xa0wrong,\n and why?",
        "\x1c\x1dHow did we respond?\x1f",
        "",
        " \t ",
        "’Resolved’",
    ],
)
def test_normalize_wording_collapses_the_white_space_of_regex_s(text: str):
    plain = re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'").lower()).strip(
        " \t\r\n.:;,!–-\"'“”„()[]"
    )
    assert normalize_wording(text) == plain
