"""Compare the ISO 8601 values the timestamp stage writes: dates, naive and zoned date-times.

A zoned value is compared by its instant, a naive one by its wall clock (its zone is unknown, so
it is not shifted), a date as the start of its day. Two values *agree* when they name the same
instant/wall minute, or when one is a date and the other falls on that day: the date is then
the coarser statement of the same fact, not a conflict.
"""

from __future__ import annotations

from datetime import UTC, datetime


def parse(value: str | None) -> datetime | None:
    """Return the value as a datetime (zoned ones in UTC), or None if it is not ISO 8601."""
    if not value or len(value) < 10:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC)
    return parsed


def is_date(value: str) -> bool:
    return len(value) == 10 and parse(value) is not None


def sort_key(value: str | None) -> tuple[int, str, str]:
    """Order values in time; missing and unparseable values sort first (as the least recent:
    an update of unknown time never supersedes a dated one), deterministically.

    The written value is the last element: "12:39:00+00:00" and "12:39:00" name the same wall
    minute and would tie, and a tie broken by input order (a set's, which follows the hash seed)
    made repeated runs differ. With the text as tiebreak the order is total and content-based.
    """
    parsed = parse(value)
    if parsed is None:
        return (0, value or "", value or "")
    return (1, parsed.replace(tzinfo=None).isoformat(), value or "")


def _wall_date(value: str) -> str:
    """The calendar day as written (not shifted to UTC)."""
    return value[:10]


def same_fact(a: str, b: str) -> bool:
    """Return whether two time values agree (see the module docstring)."""
    pa, pb = parse(a), parse(b)
    if pa is None or pb is None:
        return a == b
    if is_date(a) or is_date(b):
        return _wall_date(a) == _wall_date(b)
    if (pa.tzinfo is None) != (pb.tzinfo is None):
        return (
            pa.replace(tzinfo=None, second=0, microsecond=0)
            == pb.replace(tzinfo=None, second=0, microsecond=0)
            or a[:16] == b[:16]
        )
    return pa.replace(second=0, microsecond=0) == pb.replace(second=0, microsecond=0)


def precision(value: str) -> int:
    """A rank of how much a value says: a zoned time > a naive time > a date."""
    parsed = parse(value)
    if parsed is None:
        return 0
    if is_date(value):
        return 1
    return 3 if parsed.tzinfo is not None else 2
