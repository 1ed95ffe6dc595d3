"""Incident identifiers for attribution: the recognizers' mentions, with a small fallback.

The recognizers are the primary source (``incident_id`` mentions with a ``scheme``); the fallback
patterns below cover the vendor schemes that status posts carry, so that update parsing works on
its own. Vendor schemes name the incident an update belongs to; ticket schemes (ServiceNow,
Jira) are a reader's or a partner's reference to it and become ``external_refs``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from extract.model import Mention

VENDOR_SCHEMES = ("m365", "azure-tracking", "gcp", "aws-health", "statuspage", "m365-message-center")
TICKET_SCHEMES = ("servicenow", "jira")
# Identifiers that never name the incident an update belongs to.
IGNORED_SCHEMES = ("cve",)

_M365_PREFIXES = frozenset("EX MO TM SP OD DZ CP CR IT PL YA PB FL FM OL WP BK PJ VI DY SI MV LY".split())
_FALLBACK: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("m365", re.compile(rf"\b((?:{'|'.join(sorted(_M365_PREFIXES))})\d{{5,8}})\b")),
    ("m365-message-center", re.compile(r"\b(MC\d{5,8})\b")),
    ("servicenow", re.compile(r"\b(INC\d{7,10})\b")),
    ("azure-tracking", re.compile(r"(?i:tracking[ -]id)[:\s]*\(?([0-9A-Z]{4}-[0-9A-Z]{3})\b")),
    ("statuspage", re.compile(r"/incidents/([a-z0-9]{12})\b")),
    ("gcp", re.compile(r"status\.cloud\.google\.com/incidents/([A-Za-z0-9]{20})\b")),
)


def _word_start_scan(literals: Iterable[str], tail: str) -> re.Pattern[str]:
    r"""The pattern ``\b(?:literal|…)tail``, written to be found fast.

    A pattern that opens with ``\b`` is tried at every offset of the text; one whose every
    branch opens with a letter lets the regex engine skip to those letters. So each branch asks
    for the word start in a look-behind after its first letter: the same matches, found faster.
    """
    branches = "|".join(
        f"{re.escape(literal[0])}(?<=\\b{re.escape(literal[0])}){re.escape(literal[1:])}"
        for literal in sorted(literals)
    )
    return re.compile(f"(?:{branches}){tail}")


# The fallback patterns that open with ``\b`` and literals, as ``_word_start_scan`` writes them
# (their whole match is their group 1).
_SCANS: dict[str, re.Pattern[str]] = {
    "m365": _word_start_scan(_M365_PREFIXES, r"\d{5,8}\b"),
    "m365-message-center": _word_start_scan(["MC"], r"\d{5,8}\b"),
    "servicenow": _word_start_scan(["INC"], r"\d{7,10}\b"),
}

# A literal every match of a fallback pattern holds: a text without it is not scanned. Compared
# case-sensitively, or (True) with the case-folded text for a case-insensitive pattern, then
# without "i" or "k": IGNORECASE matches "ı", "İ" and the Kelvin sign there, folding does not.
_FALLBACK_CUES: dict[str, tuple[str, bool]] = {
    "m365-message-center": ("MC", False),
    "servicenow": ("INC", False),
    "azure-tracking": ("trac", True),
    "statuspage": ("/incidents/", False),
    "gcp": ("status.cloud.google.com/incidents/", False),
}


@dataclass(frozen=True, slots=True)
class IdHit:
    """One incident identifier in the text."""

    value: str
    scheme: str
    start: int
    end: int

    @property
    def is_vendor(self) -> bool:
        return self.scheme in VENDOR_SCHEMES

    @property
    def is_ticket(self) -> bool:
        return self.scheme in TICKET_SCHEMES


def find_ids(text: str, mentions: Sequence[Mention]) -> list[IdHit]:
    """Return the incident identifiers of a document, sorted by offset."""
    hits = [_from_mention(m) for m in mentions if m.type == "incident_id" and m.value]
    hits = [h for h in hits if h.scheme not in IGNORED_SCHEMES]
    taken = [(h.start, h.end) for h in hits]
    folded: str | None = None
    for scheme, pattern in _FALLBACK:
        cue = _FALLBACK_CUES.get(scheme)
        if cue is not None:
            literal, fold = cue
            if fold and folded is None:
                folded = text.casefold()
            if literal not in (folded if fold else text):
                continue
        for start, end in _fallback_spans(scheme, pattern, text):
            if not any(s < end and start < e for s, e in taken):
                hits.append(IdHit(text[start:end], scheme, start, end))
                taken.append((start, end))
    return sorted(hits, key=lambda h: (h.start, h.end, h.value))


def _fallback_spans(scheme: str, pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """The spans of group 1 of ``pattern.finditer(text)``."""
    scan = _SCANS.get(scheme)
    if scan is not None:
        return [m.span() for m in scan.finditer(text)]
    return [m.span(1) for m in pattern.finditer(text)]


def _from_mention(mention: Mention) -> IdHit:
    scheme = str(mention.extra.get("scheme") or _guess_scheme(mention.value or ""))
    return IdHit(mention.value or "", scheme, mention.start, mention.end)


def _guess_scheme(value: str) -> str:
    for scheme, pattern in _FALLBACK:
        if pattern.pattern.startswith(r"\b") and pattern.fullmatch(value):
            return scheme
    return "unknown"


def ids_in(hits: Sequence[IdHit], start: int, end: int) -> list[IdHit]:
    """Return the hits inside [start, end)."""
    return [h for h in hits if start <= h.start and h.end <= end]


def split_ids(hits: Sequence[IdHit]) -> tuple[str | None, tuple[str, ...]]:
    """Return (the incident a span names, its external references).

    The first vendor identifier names the incident; ticket identifiers (and further vendor
    identifiers) are references.
    """
    vendor = [h.value for h in hits if h.is_vendor or h.scheme == "unknown"]
    incident = vendor[0] if vendor else None
    refs = sorted({h.value for h in hits if h.value != incident})
    return incident, tuple(refs)


def dominant_id(hits: Sequence[IdHit]) -> str | None:
    """Return the document's single dominant vendor identifier: the only one, or named at least
    twice as often as any other."""
    counts: dict[str, int] = {}
    for hit in hits:
        if hit.is_vendor or hit.scheme == "unknown":
            counts[hit.value] = counts.get(hit.value, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return None
