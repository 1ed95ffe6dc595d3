"""Helpers shared by the region and service gazetteers: a trie-shaped regex and a span set.

Compile many literal phrases into one regex shaped like a trie.

An alternation of a thousand names makes the regex engine try every alternative at every offset;
a trie-shaped pattern rejects an offset after one character, so gazetteer lookups stay linear
in the text. Longer phrases win: at each node the continuations come before the optional end.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping

_END = ""


def trie_pattern(phrases: Iterable[str], classes: Mapping[str, str] | None = None) -> str:
    """Return a regex (without boundaries) matching any of ``phrases``, longest first.

    ``classes`` maps a character to the regex that should match it, e.g. ``{" ": r"[ \\t]"}``.
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
    return _compile_node(root, classes) or "(?!)"


def _compile_node(node: dict[str, dict], classes: Mapping[str, str]) -> str:
    branches = [
        classes.get(char, re.escape(char)) + _compile_node(child, classes)
        for char, child in sorted(node.items())
        if char != _END
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if _END in node:
        return f"(?:{body})?"
    return body


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
