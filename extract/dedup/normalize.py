"""Canonical text forms for deduplication.

- ``normalize_text``: the exact level. Unicode NFKC, typographic quotes and dashes unified,
  lower case, whitespace collapsed, edge punctuation trimmed; two quotes of one post by different
  sites hash equal.
- ``mask_text``: the near-duplicate level. On top of normalization, URLs, incident identifiers,
  dates, clock times, numbers and small number words are replaced by placeholders, so "an update
  by 10:00 UTC" and "an update by 11:30 UTC" compare equal and only wording differences count.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_QUOTES = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "‚": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "«": '"',
        "»": '"',
        "–": "-",
        "—": "-",
        "\u00a0": " ",
    }
)
_SPACE = re.compile(r"\s+")
_EDGE = " \t\n\"'.,;:!-"

_URL = re.compile(r"(?i)\bhttps?://\S+|\bwww\.\S+")
# Incident IDs: M365/ServiceNow, Azure tracking IDs, Jira keys, Statuspage IDs (with a digit, so
# that twelve-letter words such as "experiencing" stay words).
_ID = re.compile(
    r"\b(?:[A-Z]{2,4}\d{4,10}|(?=[0-9A-Z]*\d)[0-9A-Z]{4}-[0-9A-Z]{3}|[A-Z][A-Z0-9_]+-\d+|(?=[a-z]*\d)[a-z0-9]{12})\b"
)
_MONTHS = (
    r"jan(?:uary|uar)?|feb(?:ruary|ruar)?|m(?:ar|är)(?:ch|z)?|apr(?:il)?|ma[iy]|jun[ei]?|jul[iy]?|aug(?:ust)?"
    r"|sep(?:t|tember)?|o[ck]t(?:ober)?|nov(?:ember)?|de[cz](?:ember)?"
)
_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag"
)
_DATE = re.compile(
    rf"(?i)\b(?:(?:{_WEEKDAYS}),?\s+)?(?:(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?"
    rf"|\d{{1,2}}\.?\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}[./]\d{{1,2}}[./]\d{{2,4}})\b"
)
_CLOCK = re.compile(r"(?i)\b\d{1,2}:\d{2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?(?:\s*(?:utc|gmt|[a-z]{2,4}t))?\b")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = re.compile(
    r"(?i)\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"eins|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|fünfzehn|zwanzig|dreißig)\b"
)


def normalize_text(text: str) -> str:
    """The exact-level form of a text."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES).lower()
    return _SPACE.sub(" ", text).strip(_EDGE)


def mask_text(text: str) -> str:
    """The near-level form: normalized, with URLs, IDs, dates, times and numbers masked."""
    text = unicodedata.normalize("NFKC", text).translate(_QUOTES)
    text = _URL.sub(" <url> ", text)
    text = _ID.sub("<id>", text)
    text = _DATE.sub("<date>", text)
    text = _CLOCK.sub("<time>", text)
    text = _NUMBER.sub("0", text)
    text = _NUMBER_WORDS.sub("0", text)
    return _SPACE.sub(" ", text.lower()).strip(_EDGE)


def digest(*parts: str, prefix: str, length: int = 16) -> str:
    """A short content-derived identifier: ``prefix`` + sha1 of the parts (unit-separated)."""
    payload = "\x1f".join(parts).encode("utf-8")
    return prefix + hashlib.sha1(payload, usedforsecurity=False).hexdigest()[:length]
