"""The lexer's shortcuts find exactly what the plain patterns find.

Tries for word alternations, the split trigger scan, "\\b" before look-behinds and the probes
that skip windows are there for speed only: each is checked against the plain form it
replaces, on the quality proxy's texts and on strings made to hit their edge cases.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import regex

from extract.timestamps import lexer
from extract.timestamps.vocab import alternation, trie, vocab, word_start

CORPUS = Path(__file__).resolve().parents[1] / "quality" / "corpus" / "docs.jsonl"

# Triggers next to each other, digits inside words, separators, case, and characters whose
# lower case is longer ("İ"), which send the scan to the case-insensitive patterns.
TRICKY = [
    "Q3-2023, q1/2024 und KW 29/2023; 14uhr, 14 Uhr, 9UHR, Uhrzeit 12/mar/2023",
    "mid-July, Mid- July, mid-2023: forty-five minutes, us/pacific, US/Pacific time, America/New_York",
    "Montagmorgen, montags, MONTAG, Dienstag-Abend; Sonntag, den 16.07. um 3",
    "IST ist Est EST; May may MAY 5; am 5. Mai um 14:30 Uhr MESZ, 2023-07-18T10:00:00+02:00",
    "İstanbul at 5 pm, 18/07/2023 08:32:00 AM (GMT), 1-2-3-x, 12/-x, 7/31, seit 1430 Uhr",
    "Ende Juli, early August 2023, im Juli 2023, in 2023, since 1999, at 0409 UTC, um 8.15 Uhr",
    "vor 2 Stunden, in 30 minutes, a week ago, gestern Abend, the day before yesterday, heute Nacht",
]


def _texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line]
    return texts + TRICKY + [t.upper() for t in TRICKY] + [t.lower() for t in TRICKY]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


@pytest.mark.parametrize("words", ["months", "relative_days", "positions", "zone_rules", "approx"])
def test_a_trie_matches_what_the_alternation_matches(texts, words):
    vocabulary = getattr(vocab(), words)
    for compile_, flags in ((regex.compile, regex.IGNORECASE), (re.compile, re.IGNORECASE)):
        plain = compile_(rf"(?<![\w])(?:{alternation(vocabulary)})(?:\s+\d+)?", flags)
        shaped = compile_(rf"(?<![\w])(?:{trie(vocabulary)})(?:\s+\d+)?", flags)
        for text in texts:
            assert [m.span() for m in shaped.finditer(text)] == [m.span() for m in plain.finditer(text)]


def _one_pattern_trigger_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """The trigger scan as one pattern with all triggers as alternatives (the plain form)."""
    classes = lexer._trigger_classes()
    source = (
        rf"(?<!\w)(?:(?P<weekday>{alternation(vocab().full_weekdays)})|(?P<word>{alternation(classes)})(?!\w))"
        r"|(?P<dash>\d+[/-](?=\w))|(?<=\d)(?P<uhr>uhr)(?!\w)"
    )
    low = text.lower()
    if len(low) == len(text):
        matches = re.compile(source).finditer(low)
    else:
        matches = re.compile(source, re.IGNORECASE).finditer(text)
    spans: dict[str, list[tuple[int, int]]] = {}
    for match in matches:
        group = match.lastgroup
        word = match.group(group)
        if group in ("dash", "weekday", "uhr"):
            names: frozenset[str] = frozenset({group})
        else:
            names = classes.get(word) or classes.get(word.lower(), frozenset())
        if word in lexer._CASED_TRIGGERS and not text[match.start()].isupper():
            names = names - lexer._CASED_TRIGGERS[word]
        for name in names & lexer._gating():
            spans.setdefault(name, []).append(match.span())
    return spans


def test_the_split_trigger_scans_find_what_one_pattern_finds(texts):
    for text in texts:
        found = {name: spans for name, spans in lexer._trigger_spans(text).items() if spans}
        assert found == _one_pattern_trigger_spans(text)


def test_probes_skip_only_windows_without_matches(texts, monkeypatch):
    expected = [lexer.lex(text) for text in texts]
    monkeypatch.setattr(lexer, "_PROBES", {})
    for text, atoms in zip(texts, expected, strict=True):
        assert [(a.kind, a.start, a.end, a.groups) for a in lexer.lex(text)] == [
            (a.kind, a.start, a.end, a.groups) for a in atoms
        ]


def test_word_start_is_the_look_behind_unless_a_word_begins_otherwise():
    assert word_start(["ca.", "gegen"]) == r"\b"
    assert word_start(["~", "gegen"]) == r"(?<![\w])"


def test_a_trie_falls_back_where_a_character_could_take_two_branches():
    # Ignoring case, "Mainz" could go down "M" and "m": only the plain order is safe.
    assert trie(["Mai", "mainz"]) == alternation(["Mai", "mainz"])
    assert trie(["a b", "a\tc"]) == alternation(["a b", "a\tc"])
    assert trie(["mai", "mainz"]) != alternation(["mai", "mainz"])
