"""A small parser for the date-times that vendor status posts print in their fields.

It covers the fixed formats of admin centers and status pages, so that update parsing does not
depend on the general timestamp recognizer:

- ``18.07.2023 19:32:23`` (German admin center), ``18/07/2023 08:32:00 AM (GMT)`` (alerts)
- ``Monday, July 17, 2023, at 3:00 PM UTC``, ``Montag, 17. Juli 2023, um 15:00 UTC``
- ``Jul 17, 2023 - 15:04 UTC``, ``Jul 17, 15:04 UTC`` (Statuspage; the year comes from the anchor)
- ISO 8601 (``2023-07-17T15:04:00Z``, ``2023-07-17 15:04``)

Values are ISO 8601 strings: with an offset when the text states a zone ("(GMT)" and "UTC" are
+00:00, as written), naive otherwise; seconds are kept when given.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from functools import cache

from extract.documents import MONTH_NUMBERS

_ZONES = {
    "utc": 0,
    "gmt": 0,
    "z": 0,
    "cet": 60,
    "mez": 60,
    "cest": 120,
    "mesz": 120,
    "bst": 60,
    "est": -300,
    "edt": -240,
    "cst": -360,
    "cdt": -300,
    "mst": -420,
    "mdt": -360,
    "pst": -480,
    "pdt": -420,
}
_MONTH = "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True))
_ZONE = r"(?:\(?(?P<zone>UTC|GMT|CEST|CET|MESZ|MEZ|BST|[ECMP][SD]T)(?P<zoff>[+-]\d{1,2}(?::?\d{2})?)?\)?)"
_CLOCK = r"(?P<h>\d{1,2}):(?P<mi>\d{2})(?::(?P<s>\d{2}))?(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?))?"
_WEEKDAY = r"(?:[A-Za-zäöü]+,?\s+)?"

_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2023-07-17T15:04:00.000Z, 2023-07-17 15:04
    re.compile(
        r"(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})[T ]"
        r"(?P<h>\d{2}):(?P<mi>\d{2})(?::(?P<s>\d{2})(?:\.\d+)?)?"
        r"\s*(?P<iso_off>Z|[+-]\d{2}:?\d{2})?"
    ),
    # 18.07.2023 19:32:23 / 18/07/2023 08:32:00 AM (GMT) / 17.07.2023, 15:00 Uhr UTC
    re.compile(
        rf"(?P<d>\d{{1,2}})[./](?P<m>\d{{1,2}})[./](?P<y>\d{{4}}),?\s+(?:um\s+|at\s+)?{_CLOCK}"
        rf"(?:\s*Uhr)?(?:\s*{_ZONE})?"
    ),
    # Monday, July 17, 2023, at 3:00 PM UTC / Jul 17, 2023 - 15:04 UTC / Jul 17, 15:04 UTC
    re.compile(
        rf"(?i:{_WEEKDAY}(?P<mon>{_MONTH})\.?)\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?"
        rf"(?:\s+(?P<y>\d{{4}}))?\s*(?:,|-|–)?\s*(?:at\s+)?{_CLOCK}(?:\s*{_ZONE})?"
    ),
    # Montag, 17. Juli 2023, um 15:00 UTC
    re.compile(
        rf"(?i:{_WEEKDAY})(?P<d>\d{{1,2}})\.\s*(?i:(?P<mon>{_MONTH}))\.?\s+(?P<y>\d{{4}}),?"
        rf"\s*(?:um\s+|at\s+|-\s*)?{_CLOCK}(?:\s*Uhr)?(?:\s*{_ZONE})?"
    ),
)


def parse_time(text: str, anchor: str | None = None) -> str | None:
    """Return the first date-time in ``text`` as ISO 8601, else None.

    ``anchor`` (an ISO date) supplies the year when the text gives none ("Jul 17, 15:04 UTC").

    >>> parse_time("Monday, July 17, 2023, at 3:00 PM UTC")
    '2023-07-17T15:00:00+00:00'
    >>> parse_time("18.07.2023 19:32:23")
    '2023-07-18T19:32:23'
    >>> parse_time("Jul 17, 15:04 UTC", anchor="2023-07-18")
    '2023-07-17T15:04:00+00:00'
    """
    found = find_time(text, anchor)
    return found[0] if found else None


def find_time(text: str, anchor: str | None = None) -> tuple[str, int, int] | None:
    """Return (ISO value, start, end) of the earliest date-time in ``text``."""
    if ":" not in text:
        return None  # every format has a clock, "15:04"
    best: tuple[str, int, int] | None = None
    for pattern in _PATTERNS:
        if best is not None and best[1] == 0:
            break  # nothing starts earlier: skip scanning the text with the other formats
        for match in pattern.finditer(text):
            if best is not None and match.start() >= best[1]:
                break
            value = _value(match, anchor)
            if value is not None:
                best = (value, match.start(), match.end())
                break
    return best


def _value(match: re.Match[str], anchor: str | None) -> str | None:
    parts = match.groupdict()
    year = int(parts["y"]) if parts.get("y") else _anchor_year(anchor)
    if year is None:
        return None
    month = MONTH_NUMBERS[parts["mon"].lower()] if parts.get("mon") else int(parts["m"])
    hour = _hour(int(parts["h"]), parts.get("ampm"))
    try:
        value = datetime(year, month, int(parts["d"]), hour, int(parts["mi"]), int(parts.get("s") or 0))
    except ValueError:
        return None
    offset = _offset(parts)
    if offset is not None:
        value = value.replace(tzinfo=_zone(offset))
    return value.isoformat()


@cache
def _zone(minutes: int) -> timezone:
    """The zone of an offset, made once: posts repeat a handful of zones."""
    return timezone(timedelta(minutes=minutes))


def _anchor_year(anchor: str | None) -> int | None:
    if not anchor:
        return None
    try:
        return date.fromisoformat(anchor[:10]).year
    except ValueError:
        return None


def _hour(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    is_pm = ampm.lower().startswith("p")
    if hour == 12:
        return 12 if is_pm else 0
    return hour + 12 if is_pm else hour


def _offset(parts: dict[str, str | None]) -> int | None:
    """Return the stated offset in minutes, or None for a naive time."""
    iso = parts.get("iso_off")
    if iso:
        return 0 if iso == "Z" else _signed_minutes(iso)
    zone = parts.get("zone")
    if not zone:
        return None
    base = _ZONES[zone.lower()]
    extra = parts.get("zoff")
    return base + (_signed_minutes(extra) if extra else 0)


def _signed_minutes(text: str) -> int:
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2]) if len(digits) >= 3 else int(digits)
    minutes = int(digits[2:]) if len(digits) >= 3 else 0
    return sign * (hours * 60 + minutes)
