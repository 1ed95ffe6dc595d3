"""Helpers shared by the region and service gazetteers: a trie-shaped regex and a span set.

Compile many literal phrases into one regex shaped like a trie.

An alternation of a thousand names makes the regex engine try every alternative at every offset;
a trie-shaped pattern rejects an offset after one character, so gazetteer lookups stay linear
in the text. Longer phrases win: at each node the continuations come before the optional end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping
from functools import cache

_END = ""


def trie_pattern(
    phrases: Iterable[str],
    classes: Mapping[str, str] | None = None,
    not_after: str | None = None,
    ignore_case: bool = False,
) -> str:
    """Return a regex (without boundaries) matching any of ``phrases``, longest first.

    ``classes`` maps a character to the regex that should match it, e.g. ``{" ": r"[ \\t]"}``.
    ``not_after`` is a character class that must not stand right before a match, e.g.
    ``[\\w@]``: the same as the look-behind ``(?<!...)`` in front of the pattern, but checked
    after the first character, so that the engine can skip to the characters a phrase starts
    with instead of trying every offset.

    ``ignore_case`` matches as ``re.IGNORECASE`` does, with the first character spelled out in
    its case variants: the engine then picks a phrase by plain character comparisons, where
    under IGNORECASE it tries every phrase in turn.
    """
    classes = classes or {}
    root: dict[str, dict] = {}
    for phrase in phrases:
        if not phrase:
            continue
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = {}
    after_first = rf"(?<!{not_after}[\s\S])" if not_after else ""
    if ignore_case:
        return _compile_case_variants(root, classes, after_first) or "(?!)"
    return _compile_node(root, classes, after_first) or "(?!)"


def _compile_case_variants(root: dict[str, dict], classes: Mapping[str, str], after_first: str) -> str:
    branches = []
    for char, child in sorted(root.items()):
        rest = _compile_node(child, classes)
        rest = f"(?i:{rest})" if rest else ""
        if char in classes:
            branches.append(f"(?i:{classes[char]})" + after_first + rest)
            continue
        for variant in case_variants(char):
            branches.append(re.escape(variant) + after_first + rest)
    if not branches:
        return ""
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


@cache
def _basic_plane() -> str:
    return "".join(map(chr, range(0x10000)))


@cache
def case_variants(char: str) -> tuple[str, ...]:
    """Return the characters that ``re.IGNORECASE`` matches for ``char`` ("k": k, K, Kelvin sign).

    Asked of ``re`` itself, over the Basic Multilingual Plane: no character beyond it matches a
    character within it when case is ignored (a test checks that for the characters we use).
    """
    return tuple(sorted(set(re.findall(f"(?i){re.escape(char)}", _basic_plane()))))


def _compile_node(node: dict[str, dict], classes: Mapping[str, str], after_first: str = "") -> str:
    branches = [
        classes.get(char, re.escape(char)) + after_first + _compile_node(child, classes)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?"
    return body


def finditer_not_after(
    pattern: re.Pattern[str], before: re.Pattern[str], text: str
) -> Iterator[re.Match[str]]:
    """Yield the matches of ``pattern`` with the look-behind ``(?<!before)`` at its head.

    A look-behind at the head of a pattern makes the engine try the pattern at every offset;
    without it, the engine skips to the characters a match can start with. Testing ``before``
    (one character) in front of each match here, and searching on one character further when
    it is there, gives the same matches as the look-behind would. ``pattern`` matches no empty
    string.
    """
    position = 0
    while (match := pattern.search(text, position)) is not None:
        start = match.start()
        if start and before.match(text, start - 1):
            position = start + 1
            continue
        yield match
        position = match.end()


class WordStartPattern:
    """A pattern that matches only where no character of a class stands before it, searched fast.

    ``(?<![...])`` in front of a pattern makes the engine try it at every offset. Searching for
    one character outside the class followed by the pattern lets the engine skip to those
    characters (mostly blanks and punctuation); a match at the very start is tried on its own.
    The spans are those of ``(?<![...])`` + pattern, found one after the other like finditer.
    """

    def __init__(self, pattern: str, not_after: str) -> None:
        """``not_after``: the inside of a character class, e.g. ``\\w@/.-``."""
        self.pattern = re.compile(pattern)  # what matches at a known start
        self._after_other = re.compile(f"[^{not_after}](?:{pattern})")

    def spans(self, text: str) -> Iterator[tuple[int, int]]:
        position = 0
        first = self.pattern.match(text)
        if first is not None and first.end() > 0:
            yield 0, first.end()
            position = first.end()
        search = self._after_other.search
        # The character before a match may be the last one of the previous match.
        while (match := search(text, max(position - 1, 0))) is not None:
            yield match.start() + 1, match.end()
            position = match.end()


class SpanSet:
    """Disjoint (start, end) spans kept sorted, so an overlap test is a binary search."""

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._ends: list[int] = []

    def overlaps(self, start: int, end: int) -> bool:
        """Whether [start, end) shares a character with a span of the set."""
        index = bisect_right(self._starts, start)
        if index and self._ends[index - 1] > start:
            return True
        return index < len(self._starts) and self._starts[index] < end

    def add(self, start: int, end: int) -> None:
        """Add a span that overlaps none of the set."""
        index = bisect_left(self._starts, start)
        self._starts.insert(index, start)
        self._ends.insert(index, end)
