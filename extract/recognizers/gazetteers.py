"""Lookup tables behind the recognizers: SMTP, Exchange NDR, HTTP and Microsoft 365 ID prefixes.

The tables live in ``data/gazetteers/`` (sources in ``data/gazetteers/SOURCES.md``); each is read
once and turned into dictionaries here, so that the hot path only does dictionary lookups.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from extract.resources import load_csv


@dataclass(frozen=True, slots=True)
class CodeText:
    """A text that a table gives for a code, and which table said so."""

    text: str
    source: str  # "rfc5321", "iana", "iana-subject", "exchange-ndr", "http"


@dataclass(frozen=True, slots=True)
class NdrRange:
    """An Exchange NDR row that covers a range of detail codes ("4.7.500-699")."""

    klass: str
    subject: str
    low: int
    high: int
    text: CodeText


def _phrases(text: str) -> list[str]:
    """Return the forms of a table text that can follow a code in a message, longest first.

    "<domain> Service not available, closing transmission channel" gives the whole text
    without the placeholder and its first clause; placeholders ("[$SenderIPAddress]") and
    parenthesized notes end a phrase.
    """
    text = re.sub(r"^\s*<[^>]+>\s*", "", text)
    text = re.sub(r"^\s*\d{3}\s+\d\.\d{1,3}\.\d{1,3}\s+", "", text)  # "550 5.5.0 Requested ..."
    text = re.split(r"\s*[\[($<\"]", text, maxsplit=1)[0].strip(" ,;:.")
    if len(text) < 6:
        return []
    phrases = [text]
    first = re.split(r"\s*[,;]\s*", text, maxsplit=1)[0]
    if first != text and len(first) >= 6:
        phrases.append(first)
    return phrases


@cache
def smtp_basic() -> dict[str, CodeText]:
    """Return the RFC 5321 (and SMTP AUTH) meaning of each basic reply code."""
    table: dict[str, CodeText] = {}
    for row in load_csv("gazetteers", "smtp-basic-reply-codes.csv"):
        meaning = row["meaning"]
        if meaning.startswith("(no RFC"):
            meaning = ""
        table[row["code"]] = CodeText(meaning, "rfc5321")
    return table


@cache
def smtp_enhanced_iana() -> dict[str, CodeText]:
    """Return the IANA sample text of each enumerated enhanced code, keyed "s.d" (class-free)."""
    table: dict[str, CodeText] = {}
    for row in load_csv("gazetteers", "smtp-enhanced-status-codes.csv"):
        code = row["code"]
        if code.startswith("X.") and row["sample_text"]:
            table[code[2:]] = CodeText(row["sample_text"], "iana")
    return table


@cache
def smtp_subjects() -> dict[str, CodeText]:
    """Return the IANA summary of each subject sub-code ("7" -> "Security or Policy Status")."""
    table: dict[str, CodeText] = {}
    for row in load_csv("gazetteers", "smtp-enhanced-status-classes-subjects.csv"):
        match = re.fullmatch(r"X\.(\d)\.YYY", row["code"])
        if match:
            table[match.group(1)] = CodeText(row["summary"], "iana-subject")
    return table


@cache
def exchange_ndr() -> tuple[dict[str, tuple[CodeText, ...]], tuple[NdrRange, ...]]:
    """Return the Exchange Online NDR texts: exact codes, and ranges of detail codes."""
    exact: dict[str, list[CodeText]] = {}
    ranges: list[NdrRange] = []
    for row in load_csv("gazetteers", "exchange-ndr-codes.csv"):
        code = row["enhanced_code"]
        text = CodeText(row["ndr_text"], "exchange-ndr")
        ranged = re.fullmatch(r"([245])\.(\d)\.(\d+)-(\d+)", code)
        if ranged:
            klass, subject, low, high = ranged.groups()
            ranges.append(NdrRange(klass, subject, int(low), int(high), text))
        elif re.fullmatch(r"[245]\.\d\.\d+", code):
            exact.setdefault(code, []).append(text)
    return {k: tuple(v) for k, v in exact.items()}, tuple(ranges)


def enhanced_texts(code: str) -> list[CodeText]:
    """Return every table text for an enhanced code: Exchange NDR first, then IANA, then subject."""
    klass, subject, detail = code.split(".")
    exact, ranges = exchange_ndr()
    texts = list(exact.get(code, ()))
    texts.extend(
        r.text for r in ranges if r.klass == klass and r.subject == subject and r.low <= int(detail) <= r.high
    )
    iana = smtp_enhanced_iana().get(f"{subject}.{detail}")
    if iana is not None:
        texts.append(iana)
    if not texts and subject in smtp_subjects():
        texts.append(smtp_subjects()[subject])
    return texts


def is_known_enhanced(code: str) -> bool:
    """Tell whether a table lists this enhanced code itself (not only its subject)."""
    return any(t.source != "iana-subject" for t in enhanced_texts(code))


@dataclass(frozen=True, slots=True)
class HttpCode:
    code: str
    reason: str
    aliases: tuple[str, ...]


@cache
def http_codes() -> dict[str, HttpCode]:
    """Return the HTTP status codes with their reason phrases."""
    table: dict[str, HttpCode] = {}
    for row in load_csv("gazetteers", "http-status-codes.csv"):
        aliases = tuple(a for a in row["aliases"].split("|") if a)
        table[row["code"]] = HttpCode(row["code"], row["reason"], aliases)
    return table


@cache
def http_reason_codes() -> dict[str, frozenset[str]]:
    """Map each reason phrase (case-folded, single-spaced) to the codes it names."""
    reasons: dict[str, set[str]] = {}
    for code in http_codes().values():
        for phrase in (code.reason, *code.aliases):
            reasons.setdefault(normalize_phrase(phrase), set()).add(code.code)
    return {k: frozenset(v) for k, v in reasons.items()}


def normalize_phrase(text: str) -> str:
    """Compare reason phrases by their letters: "Service-Unavailable" = "ServiceUnavailable"."""
    return "".join(c for c in text.casefold() if c.isalnum())


@cache
def m365_prefixes() -> tuple[dict[str, str], ...]:
    """Return the rows of the Microsoft 365 ID-prefix table."""
    return load_csv("gazetteers", "m365-incident-prefixes.csv")


@cache
def m365_prefix_services() -> dict[str, str]:
    """Map each verified prefix to the service it stands for ("EX" -> "Exchange Online")."""
    return {row["prefix"]: row["service"] for row in m365_prefixes() if row["verified"] == "yes"}


@cache
def reply_phrases(basic: str | None, enhanced: str | None) -> tuple[tuple[str, CodeText], ...]:
    """Return the (lower-cased phrase, table text) pairs that may follow these codes, longest first."""
    texts: list[CodeText] = []
    if enhanced:
        texts.extend(t for t in enhanced_texts(enhanced) if t.source != "iana-subject")
    if basic and basic in smtp_basic() and smtp_basic()[basic].text:
        texts.append(smtp_basic()[basic])
    pairs = {(phrase.casefold(), text) for text in texts for phrase in _phrases(text.text)}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0], p[1].source)))
