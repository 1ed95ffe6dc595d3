from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from extract.enrich.times import format_instant, parse_instant, parse_interval


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "grain", "part", "start", "end"),
    [
        ("2023-07-18", "day", None, utc(2023, 7, 18), utc(2023, 7, 19)),
        ("2023-07-17", "day", "evening", utc(2023, 7, 17, 17), utc(2023, 7, 18)),
        ("2023-07-18", "day", "early morning", utc(2023, 7, 18, 4), utc(2023, 7, 18, 9)),
        ("2023-07-17T15:00:00+00:00", None, None, utc(2023, 7, 17, 15), utc(2023, 7, 17, 15, 1)),
        ("2023-07-18T08:00+02:00", "hour", None, utc(2023, 7, 18, 6), utc(2023, 7, 18, 7)),
        ("2023-07-18T19:32:23", None, None, utc(2023, 7, 18, 19, 32, 23), utc(2023, 7, 18, 19, 32, 24)),
        ("2023-07", None, None, utc(2023, 7, 1), utc(2023, 8, 1)),
        ("2023-12", None, None, utc(2023, 12, 1), utc(2024, 1, 1)),
    ],
)
def test_values_become_utc_intervals(value, grain, part, start, end) -> None:
    interval = parse_interval(value, grain, part)
    assert (interval.start, interval.end) == (start, end)


@pytest.mark.parametrize("value", ["", "gestern", "2023-13-01", "18.07.2023", None])
def test_non_iso_values_are_none(value) -> None:
    assert parse_interval(value) is None


def test_instants_and_their_formatting() -> None:
    assert parse_instant("2023-07-18T09:40:00+02:00") == utc(2023, 7, 18, 7, 40)
    assert parse_instant(float("nan")) is None
    assert format_instant("2023-07-17T15:00:00+00:00") == "2023-07-17 15:00 UTC"
    assert format_instant("2023-07-18T19:32:23") == "2023-07-18 19:32"
    assert format_instant("2023-07-18") == "2023-07-18"
    assert format_instant(None) is None


def test_naive_values_can_be_read_in_a_zone() -> None:
    plus_two = timezone(timedelta(hours=2))
    evening = parse_interval("2023-07-17", "day", "evening", plus_two)
    assert (evening.start, evening.end) == (utc(2023, 7, 17, 15), utc(2023, 7, 17, 22))
    clock = parse_interval("2023-07-18T08:00:00", "minute", None, plus_two)
    assert clock.start == utc(2023, 7, 18, 6)
    zoned = parse_interval("2023-07-18T08:00:00+00:00", "minute", None, plus_two)
    assert zoned.start == utc(2023, 7, 18, 8)
