"""Turn ISO 8601 values (dates, naive or zoned date-times, months, years) into UTC intervals.

A value names a span at its grain: "2023-07-18" is that whole day, "2023-07-18T19:32" that minute.
A part of day ("evening") narrows a date to those hours. Naive times (and dates) are read in the
zone the caller names, else as UTC: a ticket's "seit gestern Abend" is the reporter's evening, in
the zone of the ticket's creation time; vendor posts without a zone are taken as UTC, and the
linking windows are hours wide (see ``index.WINDOW_*``).
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

from extract.enrich.model import Interval

# Hours of the day (start, end) for the parts of day the timestamp recognizer names, German and
# English; an end past 24 runs into the next day.
PARTS_OF_DAY: dict[str, tuple[int, int]] = {
    "early_morning": (4, 9),
    "morning": (5, 12),
    "forenoon": (8, 12),
    "noon": (11, 14),
    "midday": (11, 14),
    "afternoon": (12, 18),
    "evening": (17, 24),
    "night": (21, 30),
    "late": (20, 24),
}

_GRAIN_SPANS = {"hour": timedelta(hours=1), "minute": timedelta(minutes=1), "second": timedelta(seconds=1)}


def _as_utc(moment: datetime, zone: tzinfo | None = None) -> datetime:
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone or UTC).astimezone(UTC)
    return moment.astimezone(UTC)


def _part_of_day_hours(part: str | None) -> tuple[int, int] | None:
    if not part:
        return None
    key = part.lower().replace("-", "_").replace(" ", "_")
    if key in PARTS_OF_DAY:
        return PARTS_OF_DAY[key]
    return next((hours for name, hours in PARTS_OF_DAY.items() if name in key), None)


def _day_interval(day: date, part_of_day: str | None, zone: tzinfo | None) -> Interval:
    midnight = _as_utc(datetime(day.year, day.month, day.day), zone)
    hours = _part_of_day_hours(part_of_day) or (0, 24)
    return Interval(midnight + timedelta(hours=hours[0]), midnight + timedelta(hours=hours[1]))


def _month_interval(text: str) -> Interval | None:
    try:
        year, month = (int(part) for part in text.split("-"))
        start = datetime(year, month, 1, tzinfo=UTC)
    except ValueError:
        return None
    following = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
    return Interval(start, following)


def _datetime_grain(moment: datetime) -> timedelta:
    """Without a stated grain, a time with seconds is that second; "15:00:00" is read as a minute."""
    return _GRAIN_SPANS["second" if moment.second or moment.microsecond else "minute"]


def parse_instant(value: Any) -> datetime | None:
    """Return a UTC datetime for an ISO value or a pandas/py datetime; None when unusable."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, datetime):
        return _as_utc(value)
    if hasattr(value, "to_pydatetime"):
        return _as_utc(value.to_pydatetime())
    interval = parse_interval(str(value))
    return interval.start if interval else None


def parse_interval(
    value: Any, grain: str | None = None, part_of_day: str | None = None, zone: tzinfo | None = None
) -> Interval | None:
    """Return the span an ISO 8601 value names (naive values in ``zone``), or None when it is not one."""
    if value is None:
        return None
    if isinstance(value, datetime) or hasattr(value, "to_pydatetime"):
        start = parse_instant(value)
        return Interval(start, start + timedelta(minutes=1)) if start else None
    text = str(value).strip()
    if len(text) == 4 and text.isdigit():
        return Interval(datetime(int(text), 1, 1, tzinfo=UTC), datetime(int(text) + 1, 1, 1, tzinfo=UTC))
    if len(text) == 7:
        return _month_interval(text)
    if len(text) == 10:
        try:
            return _day_interval(date.fromisoformat(text), part_of_day, zone)
        except ValueError:
            return None
    try:
        moment = _as_utc(datetime.fromisoformat(text.replace("Z", "+00:00")), zone)
    except ValueError:
        return None
    span = _GRAIN_SPANS.get(grain or "", _datetime_grain(moment))
    return Interval(moment, moment + span)


def format_instant(value: Any) -> str | None:
    """Return "2023-07-17 15:00 UTC" for zoned values and "2023-07-18 19:32" for naive ones."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        moment = value
    else:
        text = str(value).strip()
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text or None
        if len(text) == 10:
            return text
    if moment.tzinfo is None:
        return moment.strftime("%Y-%m-%d %H:%M")
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")
