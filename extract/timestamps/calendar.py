"""Calendar arithmetic: the anchor, weekdays, year-less dates, summer time, month steps."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache


@dataclass(frozen=True, slots=True)
class Anchor:
    """The reference point of relative expressions: a day, maybe a wall-clock time and zone."""

    day: date
    clock: time | None = None
    tz: tzinfo | None = None

    def datetime(self) -> datetime | None:
        """Return the anchor as a date-time (aware when the anchor has a zone), or None."""
        if self.clock is None:
            return None
        return datetime.combine(self.day, self.clock, self.tz)


@lru_cache(maxsize=4096)
def parse_anchor(value: str | None) -> Anchor | None:
    """Parse ``published``: "2023-07-18", "2023-07-18T10:00:00+02:00", "...Z"; None if unusable."""
    if not value:
        return None
    text = value.strip()
    try:
        if len(text) == 10:
            return Anchor(date.fromisoformat(text))
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00").replace(" ", "T", 1))
    except ValueError:
        return None
    return Anchor(parsed.date(), parsed.time().replace(microsecond=0), parsed.tzinfo)


def shift_weekday(day: date, weekday: int, direction: str) -> date:
    """Return the weekday nearest ``day`` in a direction.

    ``past``/``future`` include ``day`` itself; ``last``/``next`` exclude it; ``this`` stays in
    the ISO week of ``day``.
    """
    delta = weekday - day.weekday()
    if direction == "this":
        return day + timedelta(days=delta)
    if direction in ("past", "last"):
        back = (-delta) % 7
        if back == 0 and direction == "last":
            back = 7
        return day - timedelta(days=back)
    ahead = delta % 7
    if ahead == 0 and direction == "next":
        ahead = 7
    return day + timedelta(days=ahead)


def valid_date(year: int, month: int, day: int) -> date | None:
    """Return the date, or None when it does not exist (31.02.)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


# A year-less date in "past" mode may still lie this far after the anchor ("Next update on
# July 20" in a post of July 18); in "future" mode it may not lie before the anchor at all.
PAST_SLACK_DAYS = 30


def year_for(month: int, day: int, anchor: date, prefer: str) -> date | None:
    """Return the occurrence of a day-month nearest the anchor in the preferred direction."""
    candidates = [
        d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := valid_date(y, month, day))
    ]
    if not candidates:
        return None
    if prefer == "future":
        later = [d for d in candidates if d >= anchor]
        return min(later) if later else None
    limit = anchor + timedelta(days=PAST_SLACK_DAYS)
    earlier = [d for d in candidates if d <= limit]
    return max(earlier) if earlier else None


def year_with_weekday(month: int, day: int, weekday: int, anchor: date) -> date | None:
    """Return the occurrence of a day-month nearest the anchor that falls on ``weekday``."""
    candidates = [
        d
        for y in (anchor.year - 1, anchor.year, anchor.year + 1)
        if (d := valid_date(y, month, day)) and d.weekday() == weekday
    ]
    return min(candidates, key=lambda d: abs((d - anchor).days)) if candidates else None


def month_year_for(month: int, anchor: date, prefer: str) -> int:
    """Return the year of a year-less month ("im Juli") in the preferred direction."""
    if prefer == "future":
        return anchor.year if month >= anchor.month else anchor.year + 1
    return anchor.year if month <= anchor.month else anchor.year - 1


def add_months(day: date, months: int) -> date:
    """Return ``day`` moved by whole months, clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    for last in (day.day, 30, 29, 28):
        found = valid_date(year, month + 1, min(day.day, last))
        if found:
            return found
    raise ValueError(day)


def _nth_sunday(year: int, month: int, n: int) -> date:
    first = date(year, month, 1)
    sunday = first + timedelta(days=(6 - first.weekday()) % 7)
    return sunday + timedelta(weeks=n - 1)


def _last_sunday(year: int, month: int) -> date:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    last = nxt - timedelta(days=1)
    return last - timedelta(days=(last.weekday() + 1) % 7)


def eu_summer(day: date) -> bool:
    """Whether EU summer time applies on ``day`` (last Sunday of March to last Sunday of October)."""
    start, end = _eu_summer(day.year)
    return start <= day < end


def us_summer(day: date) -> bool:
    """Whether US daylight time applies on ``day`` (second Sunday of March to first Sunday of November)."""
    start, end = _us_summer(day.year)
    return start <= day < end


# A text names few years, and every zoned time asks for its year's summer time.
@lru_cache(maxsize=256)
def _eu_summer(year: int) -> tuple[date, date]:
    return _last_sunday(year, 3), _last_sunday(year, 10)


@lru_cache(maxsize=256)
def _us_summer(year: int) -> tuple[date, date]:
    return _nth_sunday(year, 3, 2), _nth_sunday(year, 11, 1)


# Standard offset in minutes and the summer-time rule per zone rule name.
_RULES = {
    "europe_central": (60, eu_summer),
    "europe_western": (0, eu_summer),
    "us_eastern": (-300, us_summer),
    "us_central": (-360, us_summer),
    "us_mountain": (-420, us_summer),
    "us_pacific": (-480, us_summer),
}


def rule_offset(rule: str, day: date) -> int:
    """Return the UTC offset in minutes of a zone rule on a day."""
    standard, summer = _RULES[rule]
    return standard + (60 if summer(day) else 0)


@lru_cache(maxsize=256)
def offset_zone(minutes: int) -> timezone:
    """Return a fixed zone for an offset in minutes (one object per offset: zones are few)."""
    return timezone(timedelta(minutes=minutes))


def iso_week(day: date) -> str:
    """Return the ISO week of a day as "2023-W29"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"
