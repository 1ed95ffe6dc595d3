"""Status vocabulary from data/status.yaml: wording -> Graph and Statuspage status, openers."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from extract.resources import load_yaml


@dataclass(frozen=True, slots=True)
class StatusMeaning:
    """What a status wording means in both vocabularies."""

    graph: str | None
    statuspage: str | None
    resolved: bool | None


_TRIM = " \t\r\n.:;,!–-\"'“”„()[]"


def normalize_wording(text: str) -> str:
    """Lower-case, unify apostrophes and collapse spaces, so wordings compare equal."""
    text = text.replace("’", "'").replace("‘", "'").lower()
    # str.split() cuts at the white space of regex ``\s``; the runs at the ends that it drops
    # are stripped anyway (" " is in _TRIM).
    return " ".join(text.split()).strip(_TRIM)


@cache
def _data() -> dict:
    return load_yaml("status.yaml")


@cache
def _meanings() -> dict[str, StatusMeaning]:
    table: dict[str, StatusMeaning] = {}
    for entry in _data()["statuses"]:
        meaning = StatusMeaning(entry["graph"], entry["statuspage"], entry["resolved"])
        for word in entry["words"]:
            table.setdefault(normalize_wording(word), meaning)
    return table


def status_meaning(wording: str | None) -> StatusMeaning | None:
    """Return the meaning of a status wording ("Service degradation", "Resolved"), else None."""
    if not wording:
        return None
    return _meanings().get(normalize_wording(wording))


@cache
def statuspage_labels() -> tuple[str, ...]:
    """The status words that open a status-page post, longest first."""
    return tuple(sorted(_data()["statuspage_labels"], key=len, reverse=True))


@cache
def _openers() -> tuple[tuple[str, str], ...]:
    pairs = [
        (normalize_wording(p), status) for status, phrases in _data()["openers"].items() for p in phrases
    ]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


@cache
def _openers_without_first() -> tuple[tuple[str, str], ...]:
    """The openers that are empty after normalizing (they fit any text), longest first."""
    return tuple(pair for pair in _openers() if not pair[0])


@cache
def _openers_by_first() -> dict[str, tuple[tuple[str, str], ...]]:
    """The openers a text starting with a character can open with, in ``_openers`` order.

    Only a phrase starting with that character (or an empty one) can be a prefix of the text.
    """
    firsts = {phrase[:1] for phrase, _ in _openers() if phrase}
    return {
        first: tuple(pair for pair in _openers() if not pair[0] or pair[0][:1] == first) for first in firsts
    }


def opener_status(text: str) -> tuple[str, str] | None:
    """Return (Graph status, opener as written) when ``text`` opens like a vendor update."""
    head = text.lstrip(" \t\"'“„”»«").replace("’", "'")
    lowered = head.lower()
    for phrase, status in _openers_by_first().get(lowered[:1], _openers_without_first()):
        if lowered.startswith(phrase) and (len(lowered) == len(phrase) or not lowered[len(phrase)].isalnum()):
            return status, head[: len(phrase)]
    return None


@cache
def pir_sections() -> dict[str, str]:
    """Map every post-incident-review heading (normalized) to its field key."""
    return {
        normalize_wording(label): key for key, labels in _data()["pir_sections"].items() for label in labels
    }


def graph_to_statuspage(graph: str | None) -> str | None:
    """Return the Statuspage status that a Graph status corresponds to."""
    for meaning in _meanings().values():
        if meaning.graph == graph and graph is not None:
            return meaning.statuspage
    return None
