"""Score mentions against value-level gold files, by type and by language.

The matching rules are those of the project's gold format (see the gold files' `note`):
- incident_id, region, service: exact, case-insensitive;
- error_code: exact after lower-casing and collapsing white space;
- timestamp: a gold date matches a predicted date of that day; a gold date-time without offset
  matches a predicted date-time with the same wall-clock minute; a gold date-time with offset
  matches a predicted date-time with offset at the same instant (to the minute); an optional
  gold date also covers any predicted time on that day; a predicted year or month alone is
  neither a hit nor a false positive.
Per document and type the predicted values form a set; counts are summed (micro average).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

SCORED_TYPES = ("incident_id", "timestamp", "error_code", "region", "service")
_DOC_SUFFIXES = (".txt", ".jsonl", ".json", ".html", ".xml")

Key = tuple[str, str]


def doc_id(name: str) -> str:
    """Return a document id: the name without a known file extension."""
    for suffix in _DOC_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def normalize_value(kind: str, value: str) -> str:
    """Return the comparison form of a non-timestamp value."""
    if kind == "error_code":
        return " ".join(value.lower().split())
    return value.strip().casefold()


def _parse_datetime(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def timestamp_keys(value: str) -> set[Key]:
    """Return every key under which a predicted timestamp can match."""
    value = value.strip()
    if len(value) == 10:
        return {("date", value)}
    parsed = _parse_datetime(value)
    if parsed is None:
        return {("raw", value)}
    keys = {("wall", parsed.strftime("%Y-%m-%dT%H:%M"))}
    if parsed.tzinfo is not None:
        keys.add(("instant", parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M")))
    return keys


def gold_key(kind: str, value: str) -> Key:
    """Return the one key a gold value must be matched on."""
    if kind != "timestamp":
        return ("value", normalize_value(kind, value))
    value = value.strip()
    if len(value) == 10:
        return ("date", value)
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        return ("wall", parsed.strftime("%Y-%m-%dT%H:%M"))
    return ("instant", parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M"))


def predicted_keys(kind: str, value: str) -> set[Key]:
    """Return the keys of a predicted value."""
    if kind == "timestamp":
        return timestamp_keys(value)
    return {("value", normalize_value(kind, value))}


@dataclass
class Counts:
    """Hits, false positives and misses, with the derived scores."""

    hits: int = 0
    false_positives: int = 0
    misses: int = 0

    def add(self, other: Counts) -> None:
        self.hits += other.hits
        self.false_positives += other.false_positives
        self.misses += other.misses

    @property
    def precision(self) -> float | None:
        total = self.hits + self.false_positives
        return round(self.hits / total, 4) if total else None

    @property
    def recall(self) -> float | None:
        total = self.hits + self.misses
        return round(self.hits / total, 4) if total else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p and r:
            return round(2 * p * r / (p + r), 4)
        return 0.0 if self.hits + self.false_positives + self.misses else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "hits": self.hits,
            "false_positives": self.false_positives,
            "misses": self.misses,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass
class Evaluation:
    """Scores by type, by (language, type), and every miss and false positive."""

    documents: int = 0
    by_type: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in SCORED_TYPES})
    by_lang: dict[str, dict[str, Counts]] = field(default_factory=dict)
    errors: list[dict[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "types": {k: c.to_dict() for k, c in self.by_type.items()},
            "languages": {
                lang: {k: c.to_dict() for k, c in types.items()}
                for lang, types in sorted(self.by_lang.items())
            },
            "errors": self.errors,
        }


def load_gold(paths: Iterable[Path]) -> dict[str, dict[str, Any]]:
    """Load gold files (or folders of them), keyed by document id."""
    gold: dict[str, dict[str, Any]] = {}
    for path in paths:
        files = sorted(path.glob("*.json")) if path.is_dir() else [path]
        for file in files:
            record = json.loads(file.read_text(encoding="utf-8"))
            gold[doc_id(record["doc"])] = record
    return gold


def predictions_from_mentions(mentions: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, set[str]]]:
    """Group mention dicts into per-document, per-type value sets."""
    predictions: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for mention in mentions:
        if mention.get("type") in SCORED_TYPES and mention.get("value") is not None:
            predictions[doc_id(str(mention.get("doc", "")))][mention["type"]].add(str(mention["value"]))
    return predictions


def _score_type(doc: str, kind: str, gold: Mapping[str, Any], values: set[str], errors: list) -> Counts:
    required = {gold_key(kind, v): v for v in gold.get("required", [])}
    optional = {gold_key(kind, v) for v in gold.get("optional", [])}
    counts = Counts()
    matched: set[Key] = set()
    for value in sorted(values):
        if kind == "timestamp" and len(value.strip()) < 10:
            continue  # a year or a month alone is not scored
        keys = predicted_keys(kind, value)
        hit = keys & required.keys()
        if kind == "timestamp":
            keys = keys | {("date", value.strip()[:10])}
        if hit:
            matched |= hit
        elif not keys & optional:
            counts.false_positives += 1
            errors.append({"doc": doc, "type": kind, "error": "false positive", "value": value})
    counts.hits = len(matched)
    for key, value in sorted(required.items()):
        if key not in matched:
            counts.misses += 1
            errors.append({"doc": doc, "type": kind, "error": "missed", "value": value})
    return counts


def evaluate(
    gold: Mapping[str, Mapping[str, Any]],
    predictions: Mapping[str, Mapping[str, set[str]]],
    languages: Mapping[str, str | None] | None = None,
) -> Evaluation:
    """Score predictions against gold; ``languages`` gives each document's main language."""
    result = Evaluation(documents=len(gold))
    for doc, record in sorted(gold.items()):
        lang = record.get("lang") or (languages or {}).get(doc) or "unknown"
        lang_counts = result.by_lang.setdefault(str(lang), {k: Counts() for k in SCORED_TYPES})
        for kind in SCORED_TYPES:
            if kind not in record:
                continue
            values = set(predictions.get(doc, {}).get(kind, set()))
            counts = _score_type(doc, kind, record[kind], values, result.errors)
            result.by_type[kind].add(counts)
            lang_counts[kind].add(counts)
    return result


def format_table(evaluation: Evaluation, *, per_language: bool = True) -> str:
    """Return the scores as the text table score_gold.py prints, then one per language."""

    def fmt(value: float | None) -> str:
        return "-" if value is None else f"{value:.3f}"

    def table(counts: Mapping[str, Counts]) -> list[str]:
        lines = [f"{'type':<12} {'hits':>5} {'fp':>5} {'miss':>5} {'P':>7} {'R':>7} {'F1':>7}"]
        for kind, c in counts.items():
            lines.append(
                f"{kind:<12} {c.hits:>5} {c.false_positives:>5} {c.misses:>5} "
                f"{fmt(c.precision):>7} {fmt(c.recall):>7} {fmt(c.f1):>7}"
            )
        return lines

    lines = table(evaluation.by_type)
    if per_language:
        for lang, counts in sorted(evaluation.by_lang.items()):
            lines += ["", f"language: {lang}", *table(counts)]
    return "\n".join(lines)
