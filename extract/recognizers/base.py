"""The recognizer runtime: compiled pattern specs, candidates, context checks, overlap resolution.

A recognizer is data (``data/recognizers/<name>.yaml``, compiled by ``extract.recognizers.spec``):
an ordered list of patterns, each with a score, optional context words, exclusion patterns and the
names of a validator, a normalizer and an enricher (``extract.recognizers.functions``). This module
runs such a spec over a document and turns the surviving matches into ``Mention`` records.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import regex

from extract.model import Document, Mention

# A blank line ends a paragraph; context never crosses it.
_PARAGRAPH_BREAK = regex.compile(r"\n[ \t\r\f\v]*\n")


@dataclass(frozen=True, slots=True)
class ContextSpec:
    """Words that must (or may, for a higher score) stand near a match, in its paragraph."""

    words: regex.Pattern[str]
    before: int = 80
    after: int = 40
    required: bool = True
    score: float | None = None  # the score when the words are present (for optional context)


@dataclass(frozen=True, slots=True)
class PatternSpec:
    """One compiled pattern of a recognizer."""

    recognizer: str
    name: str
    type: str
    regex: regex.Pattern[str]
    score: float
    group: str | int = 0  # the group that is the mention's span
    span_start: str | None = None  # a group that starts the span instead (one in a look-behind)
    context: ContextSpec | None = None
    exclude_before: regex.Pattern[str] | None = None  # searched in the text just before the span
    exclude_after: regex.Pattern[str] | None = None  # matched at the text just after the span
    validator: Callable[[Candidate], bool] | None = None
    normalizer: Callable[[Candidate], str | None] | None = None
    enricher: Callable[[Candidate, str], Enrichment] | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)
    # Literal strings of which every match contains one: a text without any is not scanned.
    requires: tuple[str, ...] = ()
    # The same, compared case-insensitively (ASCII literals, against the case-folded text).
    requires_any_case: tuple[str, ...] = ()
    # A regex that matches wherever a match of ``regex`` starts: the pattern is tried only at
    # the anchor's positions, found by one scan per text that patterns with the same anchor share.
    anchor: regex.Pattern[str] | None = None
    # Whether the enricher may lengthen the span (so that the final span is not the match's);
    # the spec compiler knows which enrichers never do.
    extends_span: bool = True

    @property
    def source(self) -> str:
        return f"{self.recognizer}/{self.name}"


@dataclass(frozen=True, slots=True)
class RecognizerSpec:
    """A recognizer: its mention type and its patterns in declaration order."""

    name: str
    type: str
    patterns: tuple[PatternSpec, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A regex match under test: what validators, normalizers and enrichers see."""

    text: str  # the whole document text
    match: regex.Match[str]
    start: int
    end: int
    pattern: PatternSpec

    @property
    def span_text(self) -> str:
        return self.text[self.start : self.end]

    def group(self, name: str | int) -> str | None:
        """Return a group of the match, or None when it did not take part."""
        try:
            return self.match.group(name)
        except IndexError:
            return None


@dataclass(frozen=True, slots=True)
class Enrichment:
    """What an enricher adds: extra keys, and optionally a longer span (e.g. the reply text)."""

    extra: Mapping[str, Any] = field(default_factory=dict)
    end: int | None = None


def paragraph_bounds(text: str, start: int, end: int, before: int, after: int) -> tuple[int, int]:
    """Return the window around [start, end), clipped to the paragraph that holds it."""
    lo = max(0, start - before)
    hi = min(len(text), end + after)
    breaks = list(_PARAGRAPH_BREAK.finditer(text, lo, start))
    if breaks:
        lo = breaks[-1].end()
    following = _PARAGRAPH_BREAK.search(text, end, hi)
    if following:
        hi = following.start()
    return lo, hi


def has_context(text: str, start: int, end: int, context: ContextSpec) -> bool:
    """Tell whether a context word stands within the window around the span."""
    lo, hi = paragraph_bounds(text, start, end, context.before, context.after)
    return bool(context.words.search(text, lo, start) or context.words.search(text, end, hi))


# How far exclusion patterns look around a span: enough for "Service Pack", "Exchange 2019 CU".
_EXCLUDE_WINDOW = 40


def is_excluded(text: str, start: int, end: int, pattern: PatternSpec) -> bool:
    """Tell whether the words right before or after the span rule the match out."""
    if pattern.exclude_before is not None:
        lo = max(0, start - _EXCLUDE_WINDOW)
        if pattern.exclude_before.search(text[lo:start]):
            return True
    if pattern.exclude_after is not None:
        hi = min(len(text), end + _EXCLUDE_WINDOW)
        if pattern.exclude_after.match(text[end:hi]):
            return True
    return False


class TextIndex:
    """What the patterns of a recognizer share about one text, each found once: its case-folded
    form, which literals it holds, and where each anchor matches."""

    __slots__ = ("_folded", "_holds", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._holds: dict[tuple[str, bool], bool] = {}
        self._starts: dict[regex.Pattern[str], list[int]] = {}

    def holds(self, literal: str, any_case: bool = False) -> bool:
        """Whether the text (case-folded with ``any_case``) holds ``literal``."""
        key = (literal, any_case)
        found = self._holds.get(key)
        if found is None:
            if any_case and self._folded is None:
                self._folded = self.text.casefold()
            found = literal in (self._folded if any_case else self.text)
            self._holds[key] = found
        return found

    def starts(self, anchor: regex.Pattern[str]) -> list[int]:
        """Every position where ``anchor`` matches (overlapped: not only disjoint matches)."""
        starts = self._starts.get(anchor)
        if starts is None:
            starts = [m.start() for m in anchor.finditer(self.text, overlapped=True)]
            self._starts[anchor] = starts
        return starts


def may_match(pattern: PatternSpec, index: TextIndex) -> bool:
    """Tell whether the text holds one of the literals every match of the pattern holds.

    A substring test is far cheaper than trying a pattern (often a look-behind) at every offset.
    """
    if pattern.requires and not any(index.holds(literal) for literal in pattern.requires):
        return False
    if pattern.requires_any_case:
        return any(index.holds(literal, any_case=True) for literal in pattern.requires_any_case)
    return True


def find_matches(pattern: PatternSpec, index: TextIndex) -> Iterable[regex.Match[str]]:
    """Return what ``pattern.regex.finditer(text)`` returns, trying an anchored pattern only at
    its anchor's positions: a handful of ``match`` calls instead of a try at every offset."""
    text = index.text
    if pattern.anchor is None:
        return pattern.regex.finditer(text)
    found: list[regex.Match[str]] = []
    position = 0  # finditer goes on searching where the last match ended
    for start in index.starts(pattern.anchor):
        if start < position:
            continue
        match = pattern.regex.match(text, start)
        if match is None:
            continue
        if match.end() == start:
            return pattern.regex.finditer(text)  # an empty match: leave finditer's rules to it
        found.append(match)
        position = match.end()
    return found


def run_pattern(
    pattern: PatternSpec,
    index: TextIndex,
    outranking: Mapping[tuple[int, int], float] | None = None,
    doc: str = "",
) -> list[Mention]:
    """Return the mentions of one pattern in the indexed text, in text order.

    ``outranking`` holds the spans (and best scores) of mentions that earlier patterns found:
    a match on such a span that cannot score higher would lose to that mention in
    ``resolve_overlaps`` (same length, then the score, then the earlier), so its checks are
    skipped.
    """
    found: list[Mention] = []
    if not may_match(pattern, index):
        return found
    text = index.text
    best_score = _best_score(pattern)
    for match in find_matches(pattern, index):
        start, end = match.span(pattern.group)
        if pattern.span_start is not None and 0 <= match.start(pattern.span_start) < start:
            start = match.start(pattern.span_start)
        if start < 0 or end <= start:
            continue
        if outranking and not pattern.extends_span and outranking.get((start, end), -1.0) >= best_score:
            continue
        candidate = Candidate(text=text, match=match, start=start, end=end, pattern=pattern)
        if is_excluded(text, start, end, pattern):
            continue
        score = pattern.score
        if pattern.context is not None:
            present = has_context(text, start, end, pattern.context)
            if pattern.context.required and not present:
                continue
            if present and pattern.context.score is not None:
                score = pattern.context.score
        if pattern.validator is not None and not pattern.validator(candidate):
            continue
        value = pattern.normalizer(candidate) if pattern.normalizer else candidate.span_text
        if value is None:
            continue
        extra = dict(pattern.extra)
        if pattern.enricher is not None:
            enrichment = pattern.enricher(candidate, value)
            extra.update(enrichment.extra)
            if enrichment.end is not None and enrichment.end > end:
                end = min(enrichment.end, len(text))
        found.append(
            Mention(
                doc=doc,
                type=pattern.type,
                text=text[start:end],
                start=start,
                end=end,
                value=value,
                score=score,
                source=pattern.source,
                extra=extra,
            )
        )
    return found


def _best_score(pattern: PatternSpec) -> float:
    """The highest score a mention of the pattern can get (with or without its context)."""
    if pattern.context is not None and pattern.context.score is not None:
        return max(pattern.score, pattern.context.score)
    return pattern.score


def run_recognizer(spec: RecognizerSpec, document: Document) -> list[Mention]:
    """Run every pattern of a recognizer (in declaration order) and resolve overlaps."""
    found: list[Mention] = []
    index = TextIndex(document.text)
    outranking: dict[tuple[int, int], float] = {}
    for pattern in spec.patterns:
        mentions = run_pattern(pattern, index, outranking, document.id)
        for mention in mentions:
            span = (mention.start, mention.end)
            outranking[span] = max(outranking.get(span, mention.score), mention.score)
        found.extend(mentions)
    return [_with_doc(m, document.id) for m in resolve_overlaps(found)]


def _with_doc(mention: Mention, doc: str) -> Mention:
    if mention.doc == doc:
        return mention
    return Mention(
        doc=doc,
        type=mention.type,
        text=mention.text,
        start=mention.start,
        end=mention.end,
        value=mention.value,
        role=mention.role,
        score=mention.score,
        lang=mention.lang,
        comment=mention.comment,
        source=mention.source,
        extra=mention.extra,
    )


def resolve_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    """Keep one mention per span per type: the longest, then the best score, then the first given.

    Mentions of different types may overlap ("EX649175" is an ID inside a service's sentence);
    of one type, no two kept mentions share a character. The result is sorted by start, end,
    type and value, so the same input always gives the same output.
    """
    items = list(mentions)
    ordered = sorted(items, key=sort_key)
    if _disjoint_per_type(ordered):
        return ordered  # nothing to resolve (often so: recognizers resolve their own mentions)
    by_type: dict[str, list[int]] = {}
    for index, mention in enumerate(items):
        if mention.end > mention.start:
            by_type.setdefault(mention.type, []).append(index)
    kept: list[Mention] = []
    for indices in by_type.values():
        ranked = sorted(indices, key=lambda i: (-(items[i].end - items[i].start), -items[i].score, i))
        taken: list[tuple[int, int]] = []  # sorted, disjoint (start, end) spans
        for index in ranked:
            mention = items[index]
            if not _overlaps(taken, mention.start, mention.end):
                _insert(taken, mention.start, mention.end)
                kept.append(mention)
    kept.sort(key=sort_key)
    return kept


def _disjoint_per_type(ordered: Sequence[Mention]) -> bool:
    """Tell whether no two mentions of one type share a character and none is empty."""
    ends: dict[str, int] = {}
    for mention in ordered:
        if mention.end <= mention.start or ends.get(mention.type, -1) > mention.start:
            return False
        ends[mention.type] = max(ends.get(mention.type, -1), mention.end)
    return True


def sort_key(mention: Mention) -> tuple[int, int, str, str, str]:
    """The documented order of mentions: start, end, type, value, source."""
    return (mention.start, mention.end, mention.type, mention.value or "", mention.source)


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    """Tell whether [start, end) shares a character with one of the sorted disjoint spans."""
    position = bisect.bisect_left(spans, (start, start))
    if position < len(spans) and spans[position][0] < end:
        return True
    return position > 0 and spans[position - 1][1] > start


def _insert(spans: list[tuple[int, int]], start: int, end: int) -> None:
    bisect.insort(spans, (start, end))
