"""The time-expression vocabulary of ``data/timestamps/vocab.yaml`` as lookup tables."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

import regex

from extract.resources import load_yaml


@dataclass(frozen=True, slots=True)
class Vocab:
    """Lookup tables (lower-cased keys) built once from the YAML file."""

    months: dict[str, int]
    full_months: frozenset[str]
    weekdays: dict[str, int]
    full_weekdays: frozenset[str]
    weekday_modifiers: dict[str, str]
    part_nouns: dict[str, str]
    part_adverbs: dict[str, str]
    part_hours: dict[str, tuple[int, int]]
    part_qualifiers: dict[str, str]
    part_prepositions: tuple[str, ...]
    relative_days: dict[str, tuple[int, str | None]]
    units: dict[str, str]
    numbers: dict[str, int]
    fractions: dict[str, float]
    directions: dict[str, str]
    period_modifiers: dict[str, str]
    period_units: dict[str, str]
    positions: dict[str, str]
    noon: frozenset[str]
    midnight: frozenset[str]
    clock_phrases: dict[str, int]
    approx: tuple[str, ...]
    number_labels: tuple[str, ...]
    interval_start: tuple[str, ...]
    interval_end: tuple[str, ...]
    interval_between: tuple[str, ...]
    zones_fixed: dict[str, int]
    zone_rules: dict[str, str]
    roles: dict[str, str]
    status_field_roles: dict[str, str]
    future_cues: tuple[str, ...]
    past_cues: tuple[str, ...]


def _invert(table: dict[Any, list[str]]) -> dict[str, Any]:
    return {word.lower(): key for key, words in table.items() for word in words}


def _months(raw: dict[int, dict[str, list[str]]]) -> tuple[dict[str, int], frozenset[str]]:
    names: dict[str, int] = {}
    full: set[str] = set()
    for number, forms in raw.items():
        for word in forms["full"]:
            names[word] = int(number)
            full.add(word)
        for word in forms["abbr"]:
            names[word] = int(number)
    return names, frozenset(full)


def _parts(
    raw: dict[str, dict[str, Any]],
) -> tuple[dict[str, str], dict[str, str], dict[str, tuple[int, int]]]:
    nouns = {w: name for name, spec in raw.items() for w in spec["nouns"]}
    adverbs = {w: name for name, spec in raw.items() for w in spec["adverbs"]}
    hours = {name: (int(spec["hours"][0]), int(spec["hours"][1])) for name, spec in raw.items()}
    return nouns, adverbs, hours


def _zone_rules(raw: dict[str, dict[str, list[str]]]) -> dict[str, str]:
    rules: dict[str, str] = {}
    for rule, spec in raw.items():
        for word in spec["abbr"]:
            rules[word] = rule
        for word in spec["names"]:
            rules[word.lower()] = rule
    return rules


@cache
def vocab() -> Vocab:
    """Return the vocabulary (loaded once)."""
    raw = load_yaml("timestamps", "vocab.yaml")
    months, full_months = _months(raw["months"])
    weekdays, full_weekdays = _months(raw["weekdays"])
    nouns, adverbs, hours = _parts(raw["parts_of_day"])
    return Vocab(
        months=months,
        full_months=full_months,
        weekdays=weekdays,
        full_weekdays=full_weekdays,
        weekday_modifiers=_invert(raw["weekday_modifiers"]),
        part_nouns=nouns,
        part_adverbs=adverbs,
        part_hours=hours,
        part_qualifiers=_invert(raw["part_qualifiers"]),
        part_prepositions=tuple(raw["part_prepositions"]),
        relative_days={k.lower(): (int(v[0]), v[1]) for k, v in raw["relative_days"].items()},
        units=_invert(raw["units"]),
        numbers={k.lower(): int(v) for k, v in raw["numbers"].items()},
        fractions={k.lower(): float(v) for k, v in raw["fractions"].items()},
        directions=_invert(raw["relative_directions"]),
        period_modifiers=_invert(raw["period_modifiers"]),
        period_units=_invert(raw["period_units"]),
        positions=_invert(raw["positions"]),
        noon=frozenset(w.lower() for w in raw["noon"]),
        midnight=frozenset(w.lower() for w in raw["midnight"]),
        clock_phrases={k.lower(): int(v) for k, v in raw["clock_phrases"].items()},
        approx=tuple(raw["approx"]),
        number_labels=tuple(raw["number_labels"]),
        interval_start=tuple(raw["interval_start"]),
        interval_end=tuple(raw["interval_end"]),
        interval_between=tuple(raw["interval_between"]),
        zones_fixed={k: int(v) for k, v in raw["zones_fixed"].items()},
        zone_rules=_zone_rules(raw["zones_rule"]),
        roles=_invert(raw["roles"]),
        status_field_roles=dict(raw["status_field_roles"]),
        future_cues=tuple(raw["tense_cues"]["future"]),
        past_cues=tuple(raw["tense_cues"]["past"]),
    )


def alternation(words: object) -> str:
    """Return a regex alternation of words, longest first, spaces matching any white space."""
    unique = sorted({str(w) for w in words}, key=lambda w: (-len(w), w))
    return "|".join(regex.escape(w).replace(r"\ ", r"\s+") for w in unique)


def trie(words: object) -> str:
    """Return ``alternation(words)`` shaped like a trie: the same words, tried in the same order.

    An alternation of a hundred words makes the engine try each of them at every offset; a
    trie rejects an offset after one character. The longest word still comes first (at each
    node the continuations come before the end of a shorter word), so a pattern matches
    exactly as with ``alternation``, as long as no character can take two branches of a node:
    where it could (branches that differ only in case, a space beside other white space), the
    plain alternation is returned.
    """
    unique = {str(w) for w in words}
    root: dict[str, dict] = {}
    for word in unique:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    if not _branches_apart(root):
        return alternation(unique)
    return _node_pattern(root)


def _node_pattern(node: dict[str, dict]) -> str:
    branches = [
        (r"\s+" if char == " " else regex.escape(char)) + _node_pattern(child)
        for char, child in sorted(node.items())
        if char
    ]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if "" in node else body


def _branches_apart(node: dict[str, dict]) -> bool:
    """Whether no character can match two branches of any node, even ignoring case."""
    chars = sorted(char for char in node if char)
    for index, first in enumerate(chars):
        for second in chars[index + 1 :]:
            if _may_match_both(first, second):
                return False
    return all(_branches_apart(child) for child in node.values())


def _may_match_both(first: str, second: str) -> bool:
    if " " in (first, second):  # a space is "\s+"
        return first.isspace() and second.isspace()
    return any(
        engine.fullmatch(engine.escape(first), second, engine.IGNORECASE) is not None
        for engine in (re, regex)
    )


def word_start(*vocabularies: Iterable[object]) -> str:
    r"""The start of a word, for a pattern that goes on with one of these words: "\b".

    Where the next character is a word character, "\b" is the look-behind "(?<![\w])" (in both
    engines), and the engines test it faster. Every word of these vocabularies begins with one
    but "~"; where one does not, the look-behind stays.
    """
    words = [str(word) for vocabulary in vocabularies for word in vocabulary]
    if all(re.match(r"\w", word) and regex.match(r"\w", word) for word in words):
        return r"\b"
    return r"(?<![\w])"
