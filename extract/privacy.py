"""Privacy for published datasets: pseudonymous authors and masked e-mail and IP addresses.

Authors become ``author_<12 hex>``, a keyed hash (HMAC-SHA256) of the name, so one commenter keeps
one pseudonym across a batch, its re-runs and its engines while nobody without the key can test a
guessed name. The key comes from an option or from a key file the output folder keeps.

Masking replaces characters one for one and keeps separators (``@``, ``.``, ``:``), so every offset
into the masked text stays valid.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from extract.model import Document, Record

if TYPE_CHECKING:
    from extract.config import Settings

KEY_FILE = ".author_key"
PSEUDONYM_PREFIX = "author_"
AUTHOR_COLUMNS = ("author",)

# Bounded quantifiers and a look-behind that fails inside a run keep every pattern linear, even
# on a 50 MB line without spaces.
_EMAIL = re.compile(
    r"(?<![\w.%+\-])[\w.%+\-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,62}[A-Za-z0-9])?){0,8}\.[A-Za-z]{2,24}(?![\w\-])",
)
_OCTET = r"(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)"
_IPV4 = re.compile(rf"(?<![\w.]){_OCTET}(?:\.{_OCTET}){{3}}(?!\.?\d)(?!\w)")
_IPV6_CANDIDATE = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
_MASK_CHAR = "x"


@dataclass(frozen=True)
class _Anchors:
    """Where a pattern above can start, so that it is tried there instead of at every offset.

    Each pattern opens with a look-behind that forbids a ``run`` character before it, and its
    match runs over ``run`` characters until its first ``cue`` (for an e-mail "@"; for IPv4 ".5";
    for IPv6 ":db8:") begins, at most ``reach`` characters in. So a match starts where the run of
    ``run`` characters before some cue starts, within ``reach`` of it.
    """

    cue: re.Pattern[str]
    run: re.Pattern[str]  # a run of the characters the look-behind forbids
    reach: int


_EMAIL_ANCHORS = _Anchors(re.compile("@"), re.compile(r"[\w.%+\-]*"), 64)
_IPV4_ANCHORS = _Anchors(re.compile(r"\.\d"), re.compile(r"[\w.]*"), 3)
_IPV6_ANCHORS = _Anchors(re.compile(r":[0-9A-Fa-f]{0,4}:"), re.compile(r"[\w:.]*"), 4)


def pseudonymize(name: str, key: bytes | str) -> str:
    """Return the stable pseudonym of a name: ``author_`` and 12 hex digits of HMAC-SHA256.

    Names are compared after trimming and case-folding, as commenters retype them.
    """
    return _pseudonym(name, key)


@lru_cache(maxsize=4096)
def _pseudonym(name: str, key: bytes | str) -> str:
    """``pseudonymize``, remembered: one commenter writes many comments in a batch."""
    key_bytes = key.encode() if isinstance(key, str) else key
    normalized = " ".join(name.split()).casefold().encode()
    digest = hmac.new(key_bytes, normalized, hashlib.sha256).hexdigest()
    return PSEUDONYM_PREFIX + digest[:12]


def is_pseudonym(value: str) -> bool:
    return bool(re.fullmatch(rf"{PSEUDONYM_PREFIX}[0-9a-f]{{12}}", value))


def load_or_create_key(out_dir: Path, explicit: str | None = None) -> str:
    """Return the explicit key, else the output folder's key file, created on the first run.

    The file is private to the user (mode 600) and never part of the published tables.
    """
    if explicit:
        return explicit
    path = out_dir / KEY_FILE
    if path.exists():
        key = path.read_text(encoding="ascii").strip()
        if key:
            return key
    out_dir.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(key + "\n")
    return key


def pseudonymize_value(value: Any, key: bytes | str) -> Any:
    """Pseudonymize a name; None, NaN, empty names and existing pseudonyms stay as they are."""
    if not isinstance(value, str) or not value.strip() or is_pseudonym(value):
        return value
    return pseudonymize(value, key)


def pseudonymize_rows(
    rows: Iterable[dict[str, Any]], key: bytes | str, columns: tuple[str, ...] = AUTHOR_COLUMNS
) -> list[dict[str, Any]]:
    """Return copies of table rows with their author columns pseudonymized."""
    done = []
    for row in rows:
        copy = dict(row)
        for column in columns:
            if column in copy:
                copy[column] = pseudonymize_value(copy[column], key)
        done.append(copy)
    return done


def pseudonymize_frame(
    frame: pd.DataFrame, key: bytes | str, columns: tuple[str, ...] = AUTHOR_COLUMNS
) -> pd.DataFrame:
    """Return a copy of a table with its author columns pseudonymized."""
    frame = frame.copy()
    for column in columns:
        if column in frame.columns:
            frame[column] = [pseudonymize_value(v, key) for v in frame[column].tolist()]
    return frame


_MASKED = re.compile(r"[\w%+\-]")


def _masked(piece: str) -> str:
    return _MASKED.sub(_MASK_CHAR, piece)


def _is_ipv6(candidate: str) -> bool:
    if candidate.count(":") < 2 or not any(c.isalnum() for c in candidate):
        return False
    try:
        ipaddress.IPv6Address(candidate)
    except ValueError:
        return False
    return True


def _anchored_matches(pattern: re.Pattern[str], anchors: _Anchors, text: str) -> list[re.Match[str]]:
    """The matches of ``pattern.finditer(text)``, tried only at the starts ``anchors`` allow.

    Only the start of the run before a cue can match: any later start has a run character
    before it. The run is read backwards from the cue, never more than ``reach`` + 1 characters,
    so the work stays linear however long the text or its runs are.
    """
    matches: list[re.Match[str]] = []
    done = 0  # where the last match ended: finditer tries no start before it
    tried = -1
    position = 0
    while (cue := anchors.cue.search(text, position)) is not None:
        cue_start, position = cue.span()
        window = max(0, cue_start - anchors.reach - 1)
        start = cue_start - anchors.run.match(text[window:cue_start][::-1]).end()
        if start == window and start > 0:
            # The run began too far back for a match: so did it for every cue further in it.
            position = max(position, anchors.run.match(text, cue_start).end())
            continue
        if start < done or start == tried:
            continue
        tried = start
        match = pattern.match(text, start)
        if match is not None:
            matches.append(match)
            done = match.end()
            position = max(position, done)  # a cue inside the match cannot start another
    return matches


def pii_spans(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of every e-mail, IPv4 and IPv6 address in ``text``."""
    spans: list[tuple[int, int]] = []
    if "@" in text:
        spans.extend(m.span() for m in _anchored_matches(_EMAIL, _EMAIL_ANCHORS, text))
    if "." in text:
        spans.extend(m.span() for m in _anchored_matches(_IPV4, _IPV4_ANCHORS, text))
    if "::" in text or text.count(":") >= 7:
        candidates = _anchored_matches(_IPV6_CANDIDATE, _IPV6_ANCHORS, text)
        spans.extend(m.span() for m in candidates if _is_ipv6(m.group()))
    return sorted(spans)


def mask_text(text: str) -> str:
    """Mask e-mail and IP addresses one character for one, keeping ``@ . :`` and the length.

    >>> mask_text("Mail an max.muster@example.de von 192.168.0.12")
    'Mail an xxx.xxxxxx@xxxxxxx.xx von xxx.xxx.x.xx'
    """
    spans = pii_spans(text)
    if not spans:
        return text
    pieces: list[str] = []
    done = 0
    for start, end in spans:
        start = max(start, done)  # an IPv4 tail of an IPv6 address overlaps it
        pieces.append(text[done:start])
        pieces.append(_masked(text[start:end]))
        done = max(done, end)
    pieces.append(text[done:])
    return "".join(pieces)


# --- whole records and documents (what the pipeline calls) ------------------------------------


def mask_record(record: Record) -> Record:
    """Return the record with e-mail and IP addresses masked in its text and title."""
    text = mask_text(record.text)
    title = mask_text(record.title) if record.title else record.title
    if text is record.text and title is record.title:
        return record
    return replace(record, text=text, title=title)


def pseudonymize_document(document: Document, key: bytes | str) -> Document:
    """Return the document with its author and its comments' authors (parsed from the text) pseudonymized."""
    comments = tuple(
        replace(c, author=pseudonymize_value(c.author, key)) if c.author else c for c in document.comments
    )
    return replace(document, author=pseudonymize_value(document.author, key), comments=comments)


@cache
def _process_key() -> str:
    return secrets.token_hex(32)


def author_key(settings: Settings) -> str:
    """The key of a run: the settings' key, else one for this process only.

    ``run_batch`` resolves the key (``with_author_key``) before it hands settings to workers, so
    every engine and every re-run into the same folder uses the same key; the per-process key only
    serves library calls outside a batch, whose pseudonyms need not outlive the process.
    """
    return settings.author_key or _process_key()


def with_author_key(settings: Settings, out_dir: Path) -> Settings:
    """Return the settings with the output folder's author key filled in (unless authors are kept)."""
    if settings.keep_authors:
        return settings
    return settings.with_(author_key=load_or_create_key(out_dir, settings.author_key))
