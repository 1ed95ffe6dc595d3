"""Generate the time-expression evaluation set (expressions_de.jsonl, expressions_en.jsonl).

Every expected value is computed here from the reference time with `datetime`/`zoneinfo`, by the
conventions written down in README.md; nothing depends on the extractor under test.

    .venv/bin/python benchmarks/time_expressions/generate.py
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

HERE = Path(__file__).resolve().parent

# Reference times (`published`): weekday, summer/winter time, month end, year end, a US document.
REFS = [
    "2024-03-14T10:30:00+01:00",  # Thursday, CET
    "2024-07-05T16:45:00+02:00",  # Friday, CEST
    "2024-09-30T08:15:00+02:00",  # Monday, month end, CEST
    "2023-12-31T11:00:00+01:00",  # Sunday, year end, CET
    "2024-04-30T19:20:00+02:00",  # Tuesday evening, month end, CEST
]
REFS_EN = [*REFS, "2024-11-06T09:05:00-05:00"]  # Wednesday, New York (EST)

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")
LOS_ANGELES = ZoneInfo("America/Los_Angeles")

MONTHS_DE = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
]
MONTHS_DE_ABBR = [
    "Jan.",
    "Feb.",
    "März",
    "Apr.",
    "Mai",
    "Juni",
    "Juli",
    "Aug.",
    "Sept.",
    "Okt.",
    "Nov.",
    "Dez.",
]
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
MONTHS_EN_ABBR = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]
DAYS_DE = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"]
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

Value = tuple[str, str]  # (expected, grain)


@dataclass
class Ctx:
    ref: datetime  # aware
    rng: random.Random

    @property
    def local(self) -> datetime:
        """The reference as wall-clock time (its own offset)."""
        return self.ref.replace(tzinfo=None)

    @property
    def d(self) -> date:
        return self.local.date()


# --------------------------------------------------------------------------- value helpers


def day(d: date) -> Value:
    return d.isoformat(), "day"


def minute(dt: datetime) -> Value:
    return dt.strftime("%Y-%m-%dT%H:%M"), "minute"


def zoned(dt: datetime) -> Value:
    return dt.isoformat(timespec="minutes"), "minute"


def next_wd(d: date, wd: int) -> date | None:
    """First `wd` strictly after `d`; None when `d` is that weekday (ambiguous, left out)."""
    if d.weekday() == wd:
        return None
    return d + timedelta(days=(wd - d.weekday()) % 7)


def last_wd(d: date, wd: int) -> date | None:
    """Last `wd` strictly before `d`; None when `d` is that weekday."""
    if d.weekday() == wd:
        return None
    return d - timedelta(days=(d.weekday() - wd) % 7)


def this_wd(d: date, wd: int) -> date | None:
    """`wd` of the current Monday-to-Sunday week, only when it is still ahead."""
    return d + timedelta(days=wd - d.weekday()) if wd > d.weekday() else None


def next_clock(local: datetime, candidates: list[tuple[int, int]]) -> datetime | None:
    """The earliest candidate wall-clock time strictly after `local` (today or tomorrow)."""
    times = []
    for offset in (0, 1):
        for h, m in candidates:
            dt = datetime.combine(local.date() + timedelta(days=offset), time(h % 24, m))
            if dt == local:
                return None
            times.append(dt)
    return min(t for t in times if t > local)


def at(d: date | None, h: int, m: int = 0) -> Value | None:
    return None if d is None else minute(datetime.combine(d, time(h, m)))


def zone_clock(ctx: Ctx, h: int, m: int, tz: timezone | ZoneInfo, d: date | None = None) -> Value | None:
    """A clock time with a stated zone on the reference's day (or `d`); only when unambiguous."""
    target = d or ctx.d
    dt = datetime.combine(target, time(h, m), tzinfo=tz)
    if d is None and (dt <= ctx.ref or ctx.ref.astimezone(tz).date() != ctx.d):
        return None
    return zoned(dt)


def midnight(ctx: Ctx, tz: timezone | ZoneInfo) -> Value:
    """The next 00:00 in `tz` after the reference."""
    here = ctx.ref.astimezone(tz)
    return zoned(datetime.combine(here.date() + timedelta(days=1), time(0, 0), tzinfo=tz))


def fixed(hours: int) -> timezone:
    return timezone(timedelta(hours=hours))


# --------------------------------------------------------------------------- templates


@dataclass
class T:
    category: str
    tense: str  # fut, past, any
    make: Callable[[Ctx], tuple[str, Value] | None]


def const(text: str, fn: Callable[[Ctx], Value | None]) -> Callable[[Ctx], tuple[str, Value] | None]:
    def make(ctx: Ctx) -> tuple[str, Value] | None:
        value = fn(ctx)
        return None if value is None else (text, value)

    return make


def rand_date(ctx: Ctx, lo: int, hi: int) -> date:
    return ctx.d + timedelta(days=ctx.rng.randint(lo, hi))


def dated(fmt: Callable[[date], str], lo: int = -400, hi: int = 400) -> Callable[[Ctx], tuple[str, Value]]:
    def make(ctx: Ctx) -> tuple[str, Value]:
        d = rand_date(ctx, lo, hi)
        return fmt(d), day(d)

    return make


def dated_no_year(fmt: Callable[[date], str], passed: bool = False) -> Callable[[Ctx], tuple[str, Value]]:
    """A day and month without a year: the next such day after the reference (future preference)."""

    def make(ctx: Ctx) -> tuple[str, Value]:
        if passed:  # a day earlier this year: resolves to the same day next year
            d = rand_date(ctx, -120, -3)
            if d.year != ctx.d.year or (d.month, d.day) == (2, 29):
                d = ctx.d - timedelta(days=3)
            return fmt(d), day(d.replace(year=d.year + 1))
        d = rand_date(ctx, 2, 150)
        return fmt(d), day(d)

    return make


def timed(
    fmt: Callable[[datetime], str],
    zone: Callable[[date], timezone | ZoneInfo] | None = None,
    hours: tuple[int, int] = (7, 22),
    step: int = 15,
) -> Callable[[Ctx], tuple[str, Value]]:
    def make(ctx: Ctx) -> tuple[str, Value]:
        d = rand_date(ctx, -200, 200)
        dt = datetime.combine(d, time(ctx.rng.randint(*hours), ctx.rng.choice(range(0, 60, step))))
        if zone is None:
            return fmt(dt), minute(dt)
        return fmt(dt), zoned(dt.replace(tzinfo=zone(d)))

    return make


def rel(text: str, **delta: int) -> Callable[[Ctx], tuple[str, Value]]:
    def make(ctx: Ctx) -> tuple[str, Value]:
        if {"hours", "minutes"} & delta.keys():
            return text, minute(ctx.local + timedelta(**delta))
        return text, day(ctx.d + relativedelta(**delta))  # type: ignore[arg-type]

    return make


def clock(text: str, *candidates: tuple[int, int]) -> Callable[[Ctx], tuple[str, Value] | None]:
    def make(ctx: Ctx) -> tuple[str, Value] | None:
        dt = next_clock(ctx.local, list(candidates))
        return None if dt is None else (text, minute(dt))

    return make


def wd_text(
    names: list[str],
    pattern: str,
    pick: Callable[[date, int], date | None],
    value: Callable[[date], Value | None] = day,
) -> Callable[[Ctx], tuple[str, Value] | None]:
    """A weekday expression for a randomly chosen weekday."""

    def make(ctx: Ctx) -> tuple[str, Value] | None:
        wd = ctx.rng.randrange(7)
        d = pick(ctx.d, wd)
        v = None if d is None else value(d)
        return None if v is None else (pattern.format(names[wd]), v)

    return make


def month_only(names: list[str], pattern: str) -> Callable[[Ctx], tuple[str, Value] | None]:
    def make(ctx: Ctx) -> tuple[str, Value] | None:
        m = ctx.rng.randrange(12)
        if m + 1 == ctx.d.month:
            return None
        year = ctx.d.year if m + 1 > ctx.d.month else ctx.d.year + 1
        return pattern.format(names[m]), (f"{year}-{m + 1:02d}", "month")

    return make


def week(text: str, weeks: int) -> Callable[[Ctx], tuple[str, Value]]:
    def make(ctx: Ctx) -> tuple[str, Value]:
        y, w, _ = (ctx.d + timedelta(weeks=weeks)).isocalendar()
        return text, (f"{y}-W{w:02d}", "week")

    return make


def td(ctx: Ctx, days: int) -> date:
    return ctx.d + timedelta(days=days)


def berlin(d: date) -> ZoneInfo:
    return BERLIN


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def h12(dt: datetime, sep: str = " ", am: str = "AM", pm: str = "PM", zero_min: bool = True) -> str:
    h = dt.hour % 12 or 12
    suffix = am if dt.hour < 12 else pm
    if dt.minute or zero_min:
        return f"{h}:{dt.minute:02d}{sep}{suffix}"
    return f"{h}{sep}{suffix}"


DE: list[T] = [
    # numeric dates: day first; a slash date is D/M/Y in German
    T("numeric_date", "any", dated(lambda d: f"am {d.day:02d}.{d.month:02d}.{d.year}")),
    T("numeric_date", "any", dated(lambda d: f"{d.day:02d}.{d.month:02d}.{d.year}")),
    T("numeric_date", "any", dated(lambda d: f"am {d.day}.{d.month}.{d.year}")),
    T("numeric_date", "any", dated(lambda d: f"{d.isoformat()}")),
    T("numeric_date", "any", dated(lambda d: f"am {d.day:02d}.{d.month:02d}.{d.year % 100:02d}")),
    T("numeric_date", "any", dated(lambda d: f"{d.day:02d}/{d.month:02d}/{d.year}")),
    T("numeric_date_no_year", "fut", dated_no_year(lambda d: f"am {d.day}.{d.month}.")),
    T("numeric_date_no_year", "fut", dated_no_year(lambda d: f"{d.day:02d}.{d.month:02d}.")),
    # written dates
    T("written_date", "any", dated(lambda d: f"{d.day}. {MONTHS_DE[d.month - 1]} {d.year}")),
    T("written_date", "any", dated(lambda d: f"am {d.day}. {MONTHS_DE[d.month - 1]} {d.year}")),
    T(
        "written_date",
        "any",
        dated(lambda d: f"{DAYS_DE[d.weekday()]}, {d.day}. {MONTHS_DE[d.month - 1]} {d.year}"),
    ),
    T("written_date", "any", dated(lambda d: f"{d.day}. {MONTHS_DE_ABBR[d.month - 1]} {d.year}")),
    T("written_date_no_year", "fut", dated_no_year(lambda d: f"am {d.day}. {MONTHS_DE[d.month - 1]}")),
    T("written_date_no_year", "fut", dated_no_year(lambda d: f"{d.day}. {MONTHS_DE_ABBR[d.month - 1]}")),
    T("written_date_no_year", "fut", dated_no_year(lambda d: f"ab dem {d.day}. {MONTHS_DE[d.month - 1]}")),
    T(
        "written_date_no_year",
        "fut",
        dated_no_year(lambda d: f"am {DAYS_DE[d.weekday()]}, {d.day}. {MONTHS_DE[d.month - 1]}"),
    ),
    T(
        "date_no_year_passed",
        "fut",
        dated_no_year(lambda d: f"am {d.day}. {MONTHS_DE[d.month - 1]}", passed=True),
    ),
    T("date_no_year_passed", "fut", dated_no_year(lambda d: f"am {d.day}.{d.month}.", passed=True)),
    # date + time
    T("datetime_absolute", "any", timed(lambda t: f"{t:%d.%m.%Y}, {t:%H:%M} Uhr")),
    T(
        "datetime_absolute",
        "any",
        timed(lambda t: f"am {t.day}. {MONTHS_DE[t.month - 1]} {t.year} um {t.hour} Uhr", step=60),
    ),
    T("datetime_absolute", "any", timed(lambda t: f"{t:%Y-%m-%d %H:%M}")),
    T(
        "datetime_absolute",
        "any",
        timed(lambda t: f"{DAYS_DE[t.weekday()]}, {t.day}. {MONTHS_DE[t.month - 1]} {t.year}, {t:%H:%M} Uhr"),
    ),
    T("datetime_absolute", "any", timed(lambda t: f"am {t:%d.%m.%Y} um {t:%H.%M} Uhr")),
    # weekdays, future preference
    T("weekday", "fut", wd_text(DAYS_DE, "am {}", next_wd)),
    T("weekday", "fut", wd_text(DAYS_DE, "{}", next_wd)),
    T("weekday", "fut", wd_text(DAYS_DE, "bis {}", next_wd)),
    T("weekday_next", "fut", wd_text(DAYS_DE, "nächsten {}", next_wd)),
    T("weekday_next", "fut", wd_text(DAYS_DE, "kommenden {}", next_wd)),
    T("weekday_next", "fut", wd_text(DAYS_DE, "am kommenden {}", next_wd)),
    T("weekday_this", "fut", wd_text(DAYS_DE, "diesen {}", this_wd)),
    T("weekday_last", "past", wd_text(DAYS_DE, "letzten {}", last_wd)),
    T("weekday_last", "past", wd_text(DAYS_DE, "am vergangenen {}", last_wd)),
    T("weekday_last", "since", wd_text(DAYS_DE, "seit {}", last_wd)),
    # relative days
    T("relative_day", "any", const("heute", lambda c: day(c.d))),
    T("relative_day", "fut", const("morgen", lambda c: day(td(c, 1)))),
    T("relative_day", "fut", const("übermorgen", lambda c: day(td(c, 2)))),
    T("relative_day", "past", const("gestern", lambda c: day(td(c, -1)))),
    T("relative_day", "past", const("vorgestern", lambda c: day(td(c, -2)))),
    T("relative_day", "since", const("seit heute", lambda c: day(c.d))),
    T("relative_day", "since", const("seit gestern", lambda c: day(td(c, -1)))),
    # relative offsets
    T("relative_offset", "fut", rel("in 2 Stunden", hours=2)),
    T("relative_offset", "fut", rel("in zwei Stunden", hours=2)),
    T("relative_offset", "fut", rel("in einer Stunde", hours=1)),
    T("relative_offset", "fut", rel("in 30 Minuten", minutes=30)),
    T("relative_offset", "fut", rel("in einer halben Stunde", minutes=30)),
    T("relative_offset", "past", rel("vor 2 Stunden", hours=-2)),
    T("relative_offset", "past", rel("vor einer Stunde", hours=-1)),
    T("relative_offset", "past", rel("vor 45 Minuten", minutes=-45)),
    T("relative_offset", "past", rel("vor drei Stunden", hours=-3)),
    T("relative_offset", "fut", rel("in zwei Tagen", days=2)),
    T("relative_offset", "fut", rel("in 3 Tagen", days=3)),
    T("relative_offset", "past", rel("vor 3 Tagen", days=-3)),
    T("relative_offset", "past", rel("vor zwei Tagen", days=-2)),
    T("relative_offset", "fut", rel("in einer Woche", days=7)),
    T("relative_offset", "past", rel("vor einer Woche", days=-7)),
    T("relative_offset", "past", rel("vor zwei Wochen", days=-14)),
    T("relative_offset", "fut", rel("in einem Monat", months=1)),
    # parts of day: the day, grain day
    T("part_of_day", "any", const("heute Abend", lambda c: day(c.d))),
    T("part_of_day", "any", const("heute Morgen", lambda c: day(c.d))),
    T("part_of_day", "any", const("heute Nachmittag", lambda c: day(c.d))),
    T("part_of_day", "any", const("heute Nacht", lambda c: day(c.d))),
    T("part_of_day", "fut", const("morgen früh", lambda c: day(td(c, 1)))),
    T("part_of_day", "fut", const("morgen Vormittag", lambda c: day(td(c, 1)))),
    T("part_of_day", "fut", const("morgen Abend", lambda c: day(td(c, 1)))),
    T("part_of_day", "fut", const("übermorgen Nachmittag", lambda c: day(td(c, 2)))),
    T("part_of_day", "past", const("gestern Nachmittag", lambda c: day(td(c, -1)))),
    T("part_of_day", "past", const("gestern Abend", lambda c: day(td(c, -1)))),
    T("part_of_day", "past", const("gestern Morgen", lambda c: day(td(c, -1)))),
    T("part_of_day", "fut", wd_text(DAYS_DE, "am {}morgen", next_wd)),
    T("part_of_day", "fut", wd_text(DAYS_DE, "am {}abend", next_wd)),
    T("part_of_day", "fut", wd_text(DAYS_DE, "{}nachmittag", next_wd)),
    # clock times without a day: next occurrence after the reference
    T("clock", "fut", lambda c: (lambda h: clock(f"um {h} Uhr", (h, 0))(c))(c.rng.randint(0, 23))),
    T(
        "clock",
        "fut",
        lambda c: (lambda h, m: clock(f"{h}:{m:02d} Uhr", (h, m))(c))(
            c.rng.randint(0, 23), c.rng.choice([15, 30, 45, 5, 50])
        ),
    ),
    T("clock", "fut", lambda c: (lambda h: clock(f"{h}Uhr", (h, 0))(c))(c.rng.randint(0, 23))),
    T(
        "clock",
        "fut",
        lambda c: (lambda h, m: clock(f"um {h:02d}:{m:02d}", (h, m))(c))(
            c.rng.randint(0, 23), c.rng.choice([0, 10, 20, 40])
        ),
    ),
    T("clock", "fut", lambda c: (lambda h: clock(f"gegen {h} Uhr", (h, 0))(c))(c.rng.randint(13, 23))),
    T(
        "clock",
        "fut",
        lambda c: (lambda h, m: clock(f"ca. {h}:{m:02d} Uhr", (h, m))(c))(c.rng.randint(0, 23), 30),
    ),
    T("clock", "fut", lambda c: (lambda h: clock(f"um {h}.30 Uhr", (h, 30))(c))(c.rng.randint(8, 22))),
    T("clock", "fut", lambda c: (lambda h: clock(f"kurz vor {h} Uhr", (h, 0))(c))(c.rng.randint(13, 23))),
    T("clock_12h", "fut", clock("gegen 9", (9, 0), (21, 0))),
    T("clock_12h", "fut", clock("kurz nach 12", (12, 0), (0, 0))),
    T("clock_12h", "fut", clock("halb 4", (3, 30), (15, 30))),
    T("clock_12h", "fut", clock("um halb 10", (9, 30), (21, 30))),
    T("clock_12h", "fut", clock("viertel nach 3", (3, 15), (15, 15))),
    T("clock_12h", "fut", clock("viertel vor 4", (3, 45), (15, 45))),
    T("clock_12h", "fut", clock("dreiviertel 5", (4, 45), (16, 45))),
    T("clock_12h", "fut", clock("um 3", (3, 0), (15, 0))),
    T("clock_12h", "fut", clock("gegen halb 8", (7, 30), (19, 30))),
    T("clock_12h", "fut", clock("um viertel nach 11", (11, 15), (23, 15))),
    T("clock_named", "fut", clock("um Mitternacht", (0, 0))),
    T("clock_named", "fut", clock("mittags", (12, 0))),
    T("clock_named", "fut", clock("gegen Mittag", (12, 0))),
    T("clock_named", "fut", clock("um 12 Uhr mittags", (12, 0))),
    T("clock_part_of_day", "fut", clock("um 8 Uhr abends", (20, 0))),
    T("clock_part_of_day", "fut", clock("um 3 Uhr nachmittags", (15, 0))),
    T("clock_part_of_day", "fut", clock("um 9 Uhr morgens", (9, 0))),
    T("clock_part_of_day", "fut", clock("halb 11 abends", (22, 30))),
    # clock + day
    T(
        "clock_day",
        "fut",
        lambda c: (lambda h: (f"morgen um {h} Uhr", at(td(c, 1), h)))(c.rng.randint(6, 22)),
    ),
    T("clock_day", "any", lambda c: (lambda h: (f"heute um {h} Uhr", at(c.d, h)))(c.rng.randint(6, 22))),
    T(
        "clock_day",
        "past",
        lambda c: (lambda h, m: (f"gestern um {h}:{m:02d} Uhr", at(td(c, -1), h, m)))(
            c.rng.randint(0, 23), c.rng.choice([15, 30, 45])
        ),
    ),
    T(
        "clock_day",
        "fut",
        lambda c: (lambda h: (f"übermorgen gegen {h} Uhr", at(td(c, 2), h)))(c.rng.randint(8, 18)),
    ),
    T("clock_day", "fut", wd_text(DAYS_DE, "{} um 10:00", next_wd, lambda d: at(d, 10))),
    T("clock_day", "fut", wd_text(DAYS_DE, "am {} um 9 Uhr", next_wd, lambda d: at(d, 9))),
    T("clock_day", "fut", wd_text(DAYS_DE, "nächsten {} um 14:30 Uhr", next_wd, lambda d: at(d, 14, 30))),
    T("clock_day", "any", const("heute Abend um 8", lambda c: at(c.d, 20))),
    T("clock_day", "fut", const("morgen früh um 7", lambda c: at(td(c, 1), 7))),
    T("clock_day", "past", const("gestern Nachmittag um halb 3", lambda c: at(td(c, -1), 14, 30))),
    T("clock_day", "fut", const("morgen Mittag", lambda c: at(td(c, 1), 12))),
    # zones: as written; "deutscher Zeit" is CET or CEST by the date
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"um {h}:00 UTC", zone_clock(c, h, 0, UTC)))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h} Uhr MESZ", zone_clock(c, h, 0, fixed(2))))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h}:00 MEZ", zone_clock(c, h, 0, fixed(1))))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h}:00 CET", zone_clock(c, h, 0, fixed(1))))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h}:30 Uhr CEST", zone_clock(c, h, 30, fixed(2))))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h}:00 GMT", zone_clock(c, h, 0, UTC)))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h}:00 UTC+2", zone_clock(c, h, 0, fixed(2))))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"um {h} Uhr deutscher Zeit", zone_clock(c, h, 0, BERLIN)))(
            c.rng.randint(0, 23)
        ),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h}:15 Uhr (MEZ)", zone_clock(c, h, 15, fixed(1))))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"morgen um {h} Uhr UTC", zone_clock(c, h, 0, UTC, td(c, 1))))(
            c.rng.randint(0, 23)
        ),
    ),
    T("zone", "any", timed(lambda t: f"{t:%d.%m.%Y}, {t:%H:%M} Uhr MEZ", zone=lambda d: fixed(1))),
    T("zone", "any", timed(lambda t: f"{t:%Y-%m-%dT%H:%M:00}Z", zone=lambda d: UTC)),
    T(
        "zone",
        "any",
        timed(
            lambda t: f"am {t.day}. {MONTHS_DE[t.month - 1]} {t.year} um {t:%H:%M} Uhr deutscher Zeit",
            zone=berlin,
        ),
    ),
    # months, years, weeks
    T(
        "month_year",
        "any",
        lambda c: (lambda m, y: (f"im {MONTHS_DE[m]} {y}", (f"{y}-{m + 1:02d}", "month")))(
            c.rng.randrange(12), c.rng.choice([2022, 2023, 2024])
        ),
    ),
    T("month_year", "fut", month_only(MONTHS_DE, "im {}")),
    T(
        "month_year",
        "any",
        lambda c: (lambda y: (f"im Jahr {y}", (str(y), "year")))(c.rng.choice([2021, 2022, 2023])),
    ),
    T("week", "fut", week("nächste Woche", 1)),
    T("week", "any", week("diese Woche", 0)),
    T("week", "past", week("letzte Woche", -1)),
    T("week", "fut", week("in der kommenden Woche", 1)),
    # more colloquial forms
    T("clock_day", "fut", lambda c: (lambda h: (f"morgen {h} Uhr", at(td(c, 1), h)))(c.rng.randint(7, 20))),
    T("clock_day", "any", lambda c: (lambda h: (f"heute {h}:30", at(c.d, h, 30)))(c.rng.randint(7, 22))),
    T("clock_day", "fut", wd_text(DAYS_DE, "{} 10 Uhr", next_wd, lambda d: at(d, 10))),
    T("clock_day", "fut", wd_text(DAYS_DE, "am {} gegen 8 Uhr", next_wd, lambda d: at(d, 8))),
    T("clock_day", "any", const("heute Nachmittag um 3", lambda c: at(c.d, 15))),
    T("clock_day", "fut", const("morgen Abend um 19 Uhr", lambda c: at(td(c, 1), 19))),
    T("clock_day", "fut", wd_text(DAYS_DE, "{}morgen um 8", next_wd, lambda d: at(d, 8))),
    T("relative_offset", "fut", rel("in 48 Stunden", hours=48)),
    T("relative_offset", "past", rel("vor anderthalb Stunden", minutes=-90)),
    T("relative_offset", "past", rel("vor einer Viertelstunde", minutes=-15)),
    T("relative_offset", "fut", rel("in einer Viertelstunde", minutes=15)),
    T("relative_offset", "fut", rel("in zwei Wochen", days=14)),
    T("clock", "fut", lambda c: (lambda h: clock(f"um {h} h", (h, 0))(c))(c.rng.randint(13, 23))),
    T("clock", "fut", lambda c: (lambda h: clock(f"{h}:00h", (h, 0))(c))(c.rng.randint(13, 23))),
    T("clock", "fut", lambda c: (lambda h: clock(f"ab {h} Uhr", (h, 0))(c))(c.rng.randint(13, 23))),
    T("clock", "fut", lambda c: (lambda h: clock(f"gegen {h}:00", (h, 0))(c))(c.rng.randint(13, 23))),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h} Uhr UTC", zone_clock(c, h, 0, UTC)))(c.rng.randint(0, 23)),
    ),
    T("zone", "fut", const("um Mitternacht UTC", lambda c: midnight(c, UTC))),
]


EN: list[T] = [
    # numeric dates: en is M/D/Y (US) unless the first number cannot be a month (then D/M/Y, en-GB)
    T("numeric_date", "any", dated(lambda d: f"{d.isoformat()}")),
    T("numeric_date", "any", dated(lambda d: f"on {d.isoformat()}")),
    T("numeric_date", "any", dated(lambda d: f"{d.month:02d}/{d.day:02d}/{d.year}")),
    T("numeric_date", "any", dated(lambda d: f"on {d.month}/{d.day}/{d.year}")),
    T(
        "numeric_date",
        "any",
        lambda c: (lambda d: None if d.day <= 12 else (f"{d.day}/{d.month:02d}/{d.year}", day(d)))(
            rand_date(c, -300, 300)
        ),
    ),
    T(
        "numeric_date",
        "any",
        lambda c: (lambda d: None if d.day <= 12 else (f"on {d.day:02d}/{d.month:02d}/{d.year}", day(d)))(
            rand_date(c, -300, 300)
        ),
    ),
    T("numeric_date_no_year", "fut", dated_no_year(lambda d: f"on {d.month}/{d.day}")),
    # written dates
    T("written_date", "any", dated(lambda d: f"{MONTHS_EN[d.month - 1]} {d.day}, {d.year}")),
    T("written_date", "any", dated(lambda d: f"{d.day} {MONTHS_EN[d.month - 1]} {d.year}")),
    T(
        "written_date",
        "any",
        dated(lambda d: f"on {DAYS_EN[d.weekday()]}, {MONTHS_EN[d.month - 1]} {d.day}, {d.year}"),
    ),
    T("written_date", "any", dated(lambda d: f"{MONTHS_EN_ABBR[d.month - 1]} {d.day}, {d.year}")),
    T("written_date", "any", dated(lambda d: f"{MONTHS_EN[d.month - 1]} {ordinal(d.day)}, {d.year}")),
    T("written_date_no_year", "fut", dated_no_year(lambda d: f"{MONTHS_EN[d.month - 1]} {d.day}")),
    T("written_date_no_year", "fut", dated_no_year(lambda d: f"on {MONTHS_EN_ABBR[d.month - 1]} {d.day}")),
    T("written_date_no_year", "fut", dated_no_year(lambda d: f"on {d.day} {MONTHS_EN[d.month - 1]}")),
    T(
        "written_date_no_year",
        "fut",
        dated_no_year(lambda d: f"the {ordinal(d.day)} of {MONTHS_EN[d.month - 1]}"),
    ),
    T(
        "written_date_no_year",
        "fut",
        dated_no_year(lambda d: f"{DAYS_EN[d.weekday()]}, {MONTHS_EN_ABBR[d.month - 1]} {d.day}"),
    ),
    T(
        "date_no_year_passed",
        "fut",
        dated_no_year(lambda d: f"on {MONTHS_EN[d.month - 1]} {d.day}", passed=True),
    ),
    T(
        "date_no_year_passed",
        "fut",
        dated_no_year(lambda d: f"{d.day} {MONTHS_EN_ABBR[d.month - 1]}", passed=True),
    ),
    # date + time
    T("datetime_absolute", "any", timed(lambda t: f"{MONTHS_EN[t.month - 1]} {t.day}, {t.year} at {h12(t)}")),
    T("datetime_absolute", "any", timed(lambda t: f"{t:%Y-%m-%d %H:%M}")),
    T(
        "datetime_absolute",
        "any",
        timed(lambda t: f"{DAYS_EN[t.weekday()]}, {MONTHS_EN[t.month - 1]} {t.day}, {t.year}, {h12(t)}"),
    ),
    T("datetime_absolute", "any", timed(lambda t: f"{t:%m/%d/%Y} {h12(t)}")),
    T(
        "datetime_absolute",
        "any",
        timed(lambda t: f"{t.day} {MONTHS_EN_ABBR[t.month - 1]} {t.year} at {t:%H:%M}"),
    ),
    # weekdays
    T("weekday", "fut", wd_text(DAYS_EN, "on {}", next_wd)),
    T("weekday", "fut", wd_text(DAYS_EN, "{}", next_wd)),
    T("weekday", "fut", wd_text(DAYS_EN, "by {}", next_wd)),
    T("weekday_next", "fut", wd_text(DAYS_EN, "next {}", next_wd)),
    T("weekday_next", "fut", wd_text(DAYS_EN, "this coming {}", next_wd)),
    T("weekday_this", "fut", wd_text(DAYS_EN, "this {}", this_wd)),
    T("weekday_last", "past", wd_text(DAYS_EN, "last {}", last_wd)),
    T("weekday_last", "since", wd_text(DAYS_EN, "since {}", last_wd)),
    T("weekday_last", "past", wd_text(DAYS_EN, "last {} night", last_wd)),
    # relative days
    T("relative_day", "any", const("today", lambda c: day(c.d))),
    T("relative_day", "fut", const("tomorrow", lambda c: day(td(c, 1)))),
    T("relative_day", "fut", const("the day after tomorrow", lambda c: day(td(c, 2)))),
    T("relative_day", "past", const("yesterday", lambda c: day(td(c, -1)))),
    T("relative_day", "past", const("the day before yesterday", lambda c: day(td(c, -2)))),
    T("relative_day", "any", const("earlier today", lambda c: day(c.d))),
    T("relative_day", "any", const("later today", lambda c: day(c.d))),
    # relative offsets
    T("relative_offset", "fut", rel("in 2 hours", hours=2)),
    T("relative_offset", "fut", rel("in two hours", hours=2)),
    T("relative_offset", "fut", rel("in an hour", hours=1)),
    T("relative_offset", "fut", rel("in 30 minutes", minutes=30)),
    T("relative_offset", "fut", rel("in half an hour", minutes=30)),
    T("relative_offset", "past", rel("2 hours ago", hours=-2)),
    T("relative_offset", "past", rel("an hour ago", hours=-1)),
    T("relative_offset", "past", rel("45 minutes ago", minutes=-45)),
    T("relative_offset", "past", rel("three hours ago", hours=-3)),
    T("relative_offset", "fut", rel("in 3 days", days=3)),
    T("relative_offset", "fut", rel("in two days", days=2)),
    T("relative_offset", "past", rel("3 days ago", days=-3)),
    T("relative_offset", "past", rel("two days ago", days=-2)),
    T("relative_offset", "fut", rel("in a week", days=7)),
    T("relative_offset", "past", rel("a week ago", days=-7)),
    T("relative_offset", "past", rel("two weeks ago", days=-14)),
    T("relative_offset", "fut", rel("in a month", months=1)),
    # parts of day
    T("part_of_day", "any", const("tonight", lambda c: day(c.d))),
    T("part_of_day", "any", const("this morning", lambda c: day(c.d))),
    T("part_of_day", "any", const("this afternoon", lambda c: day(c.d))),
    T("part_of_day", "any", const("this evening", lambda c: day(c.d))),
    T("part_of_day", "fut", const("tomorrow morning", lambda c: day(td(c, 1)))),
    T("part_of_day", "fut", const("tomorrow afternoon", lambda c: day(td(c, 1)))),
    T("part_of_day", "fut", const("tomorrow night", lambda c: day(td(c, 1)))),
    T("part_of_day", "past", const("yesterday evening", lambda c: day(td(c, -1)))),
    T("part_of_day", "past", const("yesterday morning", lambda c: day(td(c, -1)))),
    T("part_of_day", "past", const("yesterday afternoon", lambda c: day(td(c, -1)))),
    T("part_of_day", "past", const("last night", lambda c: day(td(c, -1)))),
    T("part_of_day", "fut", wd_text(DAYS_EN, "on {} morning", next_wd)),
    T("part_of_day", "fut", wd_text(DAYS_EN, "{} evening", next_wd)),
    T("part_of_day", "fut", wd_text(DAYS_EN, "{} afternoon", next_wd)),
    # clock times without a day
    T(
        "clock",
        "fut",
        lambda c: (lambda h: clock(f"at {h % 12 or 12}{'am' if h < 12 else 'pm'}", (h, 0))(c))(
            c.rng.randint(0, 23)
        ),
    ),
    T(
        "clock",
        "fut",
        lambda c: (lambda h, m: clock(f"{h % 12 or 12}:{m:02d} {'AM' if h < 12 else 'PM'}", (h, m))(c))(
            c.rng.randint(0, 23), c.rng.choice([15, 30, 45, 5, 50])
        ),
    ),
    T(
        "clock",
        "fut",
        lambda c: (
            lambda h, m: clock(f"at {h % 12 or 12}:{m:02d} {'a.m.' if h < 12 else 'p.m.'}", (h, m))(c)
        )(c.rng.randint(0, 23), c.rng.choice([0, 30, 10])),
    ),
    T(
        "clock",
        "fut",
        lambda c: (lambda h, m: clock(f"at {h:02d}:{m:02d}", (h, m))(c))(
            c.rng.randint(0, 23), c.rng.choice([0, 15, 30, 45])
        ),
    ),
    T("clock", "fut", lambda c: (lambda h: clock(f"around {h - 12} pm", (h, 0))(c))(c.rng.randint(13, 23))),
    T(
        "clock",
        "fut",
        lambda c: (lambda h: clock(f"shortly after {h - 12} PM", (h, 0))(c))(c.rng.randint(13, 23)),
    ),
    T(
        "clock",
        "fut",
        lambda c: (lambda h: clock(f"at approximately {h:02d}:30", (h, 30))(c))(c.rng.randint(0, 23)),
    ),
    T(
        "clock",
        "fut",
        lambda c: (lambda h: clock(f"by {h % 12 or 12}:00 {'AM' if h < 12 else 'PM'}", (h, 0))(c))(
            c.rng.randint(0, 23)
        ),
    ),
    T("clock_12h", "fut", clock("at 9", (9, 0), (21, 0))),
    T("clock_12h", "fut", clock("at 10 o'clock", (10, 0), (22, 0))),
    T("clock_12h", "fut", clock("at half past 3", (3, 30), (15, 30))),
    T("clock_12h", "fut", clock("at quarter to 5", (4, 45), (16, 45))),
    T("clock_12h", "fut", clock("at a quarter past 11", (11, 15), (23, 15))),
    T("clock_12h", "fut", clock("around 7", (7, 0), (19, 0))),
    T("clock_named", "fut", clock("noon", (12, 0))),
    T("clock_named", "fut", clock("at midnight", (0, 0))),
    T("clock_named", "fut", clock("around noon", (12, 0))),
    T("clock_named", "fut", clock("midnight", (0, 0))),
    T("clock_part_of_day", "fut", clock("at 8 in the evening", (20, 0))),
    T("clock_part_of_day", "fut", clock("at 6 in the morning", (6, 0))),
    T("clock_part_of_day", "fut", clock("at 4 in the afternoon", (16, 0))),
    # clock + day
    T(
        "clock_day",
        "fut",
        lambda c: (lambda h: (f"tomorrow at {h % 12 or 12}{'am' if h < 12 else 'pm'}", at(td(c, 1), h)))(
            c.rng.randint(6, 22)
        ),
    ),
    T(
        "clock_day",
        "any",
        lambda c: (
            lambda h, m: (f"today at {h % 12 or 12}:{m:02d} {'am' if h < 12 else 'pm'}", at(c.d, h, m))
        )(c.rng.randint(6, 22), c.rng.choice([0, 30])),
    ),
    T(
        "clock_day",
        "past",
        lambda c: (lambda h, m: (f"yesterday at {h:02d}:{m:02d}", at(td(c, -1), h, m)))(
            c.rng.randint(0, 23), c.rng.choice([15, 30, 45])
        ),
    ),
    T("clock_day", "fut", wd_text(DAYS_EN, "{} at 9 am", next_wd, lambda d: at(d, 9))),
    T("clock_day", "fut", wd_text(DAYS_EN, "on {} at 10:00", next_wd, lambda d: at(d, 10))),
    T("clock_day", "fut", wd_text(DAYS_EN, "next {} at 2:30 PM", next_wd, lambda d: at(d, 14, 30))),
    T("clock_day", "any", const("tonight at 8", lambda c: at(c.d, 20))),
    T("clock_day", "fut", const("tomorrow morning at 7:30", lambda c: at(td(c, 1), 7, 30))),
    T("clock_day", "past", const("yesterday afternoon at 3", lambda c: at(td(c, -1), 15))),
    T("clock_day", "fut", const("tomorrow at noon", lambda c: at(td(c, 1), 12))),
    # zones
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h:02d}:00 UTC", zone_clock(c, h, 0, UTC)))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h % 12 or 12}pm ET", zone_clock(c, h, 0, NEW_YORK)))(c.rng.randint(12, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h % 12 or 12} AM PDT", zone_clock(c, h, 0, fixed(-7))))(
            c.rng.randint(0, 11)
        ),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h:02d}:00 GMT", zone_clock(c, h, 0, UTC)))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h:02d}:00 CET", zone_clock(c, h, 0, fixed(1))))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h:02d}:00 UTC+2", zone_clock(c, h, 0, fixed(2))))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h % 12 or 12}:00 a.m. EST", zone_clock(c, h, 0, fixed(-5))))(
            c.rng.randint(0, 11)
        ),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h % 12 or 12}:30 PM PT", zone_clock(c, h, 30, LOS_ANGELES)))(
            c.rng.randint(12, 23)
        ),
    ),
    T(
        "zone",
        "fut",
        lambda c: (
            lambda h: (
                f"at {h % 12 or 12}:00 {'AM' if h < 12 else 'PM'} (GMT)",
                zone_clock(c, h, 0, UTC),
            )
        )(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h:02d}:45 CEST", zone_clock(c, h, 45, fixed(2))))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (
            lambda h: (
                f"tomorrow at {h % 12 or 12}{'am' if h < 12 else 'pm'} UTC",
                zone_clock(c, h, 0, UTC, td(c, 1)),
            )
        )(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "any",
        timed(
            lambda t: f"{MONTHS_EN[t.month - 1]} {t.day}, {t.year} at {h12(t)} UTC",
            zone=lambda d: UTC,
        ),
    ),
    T("zone", "any", timed(lambda t: f"{t:%Y-%m-%dT%H:%M:00}Z", zone=lambda d: UTC)),
    T(
        "zone",
        "any",
        timed(
            lambda t: f"{DAYS_EN[t.weekday()]}, {MONTHS_EN[t.month - 1]} {t.day}, {t.year}, at {h12(t)} ET",
            zone=lambda d: NEW_YORK,
        ),
    ),
    # months, years, weeks
    T(
        "month_year",
        "any",
        lambda c: (lambda m, y: (f"in {MONTHS_EN[m]} {y}", (f"{y}-{m + 1:02d}", "month")))(
            c.rng.randrange(12), c.rng.choice([2022, 2023, 2024])
        ),
    ),
    T("month_year", "fut", month_only(MONTHS_EN, "in {}")),
    T(
        "month_year",
        "any",
        lambda c: (lambda y: (f"in {y}", (str(y), "year")))(c.rng.choice([2021, 2022, 2023])),
    ),
    T("week", "fut", week("next week", 1)),
    T("week", "any", week("this week", 0)),
    T("week", "past", week("last week", -1)),
    T("week", "fut", week("later this week", 0)),
    # more colloquial forms
    T(
        "clock_day",
        "fut",
        lambda c: (lambda h: (f"tomorrow {h % 12 or 12}{'am' if h < 12 else 'pm'}", at(td(c, 1), h)))(
            c.rng.randint(7, 20)
        ),
    ),
    T(
        "clock_day",
        "fut",
        lambda c: (lambda h: (f"{h - 12}pm tomorrow", at(td(c, 1), h)))(c.rng.randint(13, 20)),
    ),
    T("clock_day", "fut", wd_text(DAYS_EN, "noon on {}", next_wd, lambda d: at(d, 12))),
    T("clock_day", "fut", wd_text(DAYS_EN, "{} noon", next_wd, lambda d: at(d, 12))),
    T("clock_day", "fut", wd_text(DAYS_EN, "{} 10:30", next_wd, lambda d: at(d, 10, 30))),
    T("clock_day", "any", const("tonight at 11", lambda c: at(c.d, 23))),
    T("clock_day", "any", const("this afternoon at 4", lambda c: at(c.d, 16))),
    T("clock_day", "fut", const("tomorrow evening at 6", lambda c: at(td(c, 1), 18))),
    T("clock_day", "fut", const("at 9 tomorrow morning", lambda c: at(td(c, 1), 9))),
    T("clock_day", "fut", wd_text(DAYS_EN, "{} morning at 8", next_wd, lambda d: at(d, 8))),
    T("relative_offset", "fut", rel("in a couple of hours", hours=2)),
    T("relative_offset", "fut", rel("2 hours from now", hours=2)),
    T("relative_offset", "fut", rel("three days from now", days=3)),
    T("relative_offset", "fut", rel("in 48 hours", hours=48)),
    T("relative_offset", "past", rel("90 minutes ago", minutes=-90)),
    T("relative_offset", "past", rel("an hour and a half ago", minutes=-90)),
    T("relative_offset", "past", rel("a day ago", days=-1)),
    T("relative_offset", "fut", rel("in 15 mins", minutes=15)),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h - 12}pm Eastern", zone_clock(c, h, 0, NEW_YORK)))(c.rng.randint(13, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h}am Pacific", zone_clock(c, h, 0, LOS_ANGELES)))(c.rng.randint(1, 11)),
    ),
    T("zone", "fut", const("noon UTC", lambda c: zone_clock(c, 12, 0, UTC))),
    T("zone", "fut", const("midnight UTC", lambda c: midnight(c, UTC))),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h:02d}:00 BST", zone_clock(c, h, 0, fixed(1))))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (
            lambda h: (f"{h % 12 or 12}:00 {'AM' if h < 12 else 'PM'} PST", zone_clock(c, h, 0, fixed(-8)))
        )(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h:02d}:00Z", zone_clock(c, h, 0, UTC)))(c.rng.randint(0, 23)),
    ),
    T(
        "zone",
        "fut",
        lambda c: (lambda h: (f"{h - 12} p.m. CEST", zone_clock(c, h, 0, fixed(2))))(c.rng.randint(13, 23)),
    ),
    T("weekday", "fut", wd_text([d[:3] for d in DAYS_EN], "on {}", next_wd)),
    T("weekday_next", "fut", wd_text([d[:3] for d in DAYS_EN], "next {}", next_wd)),
]

# How many expressions per category and language (the rest of the templates' output is dropped).
TARGETS = {
    "numeric_date": 30,
    "numeric_date_no_year": 10,
    "written_date": 30,
    "written_date_no_year": 20,
    "date_no_year_passed": 6,
    "datetime_absolute": 20,
    "weekday": 16,
    "weekday_next": 12,
    "weekday_this": 6,
    "weekday_last": 14,
    "relative_day": 20,
    "relative_offset": 40,
    "part_of_day": 30,
    "clock": 36,
    "clock_12h": 18,
    "clock_named": 8,
    "clock_part_of_day": 6,
    "clock_day": 40,
    "zone": 40,
    "month_year": 6,
    "week": 6,
    "clock_next_day": 8,
}
# Clock times without a day that fall on the day after the reference are counted apart.
ROLLING = ("clock", "clock_12h", "clock_part_of_day")

FRAMES = {
    "de": {
        "fut": [
            "Die Wartung ist {x} geplant.",
            "Ein weiteres Update folgt {x}.",
            "Der Rollout startet {x}.",
            "Microsoft will den Fix {x} verteilen.",
            "Wir melden uns {x} mit neuen Informationen.",
            "Der Dienst soll {x} wieder verfügbar sein.",
        ],
        "past": [
            "Die Störung begann {x}.",
            "Der Fehler trat {x} erstmals auf.",
            "Laut Admin Center wurde das Problem {x} behoben.",
            "Nutzer meldeten {x} Probleme bei der Anmeldung.",
            "Exchange Online war {x} nicht erreichbar.",
        ],
        "since": [
            "Die Störung besteht {x}.",
            "Nutzer melden {x} Probleme mit Outlook.",
            "Teams ist {x} eingeschränkt.",
        ],
        "label_any": ["{x}"],
        "label_past": ["Stand: {x}", "Zuletzt aktualisiert: {x}"],
        "label_fut": ["Termin: {x}", "Geplant: {x}"],
    },
    "en": {
        "fut": [
            "We will provide another update {x}.",
            "The fix will roll out {x}.",
            "Engineers expect to restore service {x}.",
            "The migration starts {x}.",
            "Maintenance is planned {x}.",
        ],
        "past": [
            "The outage began {x}.",
            "Users started reporting sign-in failures {x}.",
            "The issue was resolved {x}.",
            "We first detected the problem {x}.",
            "Exchange Online was unavailable {x}.",
        ],
        "since": [
            "The outage has been ongoing {x}.",
            "Users have reported errors {x}.",
            "Sign-ins have been failing {x}.",
        ],
        "label_any": ["{x}"],
        "label_past": ["Last updated: {x}", "Posted: {x}"],
        "label_fut": ["Scheduled: {x}", "ETA: {x}"],
    },
}
PREPOSITIONS = ("am ", "um ", "on ", "at ", "bis ", "by ", "seit ", "since ", "ab ", "the ")


def frame(lang: str, tense: str, expr: str, rng: random.Random) -> str:
    frames = FRAMES[lang]
    if tense == "since":
        return rng.choice(frames["since"]).replace("{x}", expr)
    choices: list[str] = []
    bare = not expr.startswith(PREPOSITIONS)
    for kind in ("fut", "past"):
        if tense in (kind, "any"):
            choices += frames[kind] + (frames[f"label_{kind}"] if bare else [])
    if bare:
        choices += frames["label_any"]
    pattern = rng.choice(choices)
    if pattern.startswith("{x}") and pattern != "{x}":
        expr = expr[:1].upper() + expr[1:]
    if expr.endswith(".") and pattern.endswith("{x}."):
        pattern = pattern[:-1]
    return pattern.replace("{x}", expr)


def generate(lang: str, templates: list[T], refs: list[str], seed: int) -> list[dict]:
    rng = random.Random(seed)
    by_cat: dict[str, list[T]] = {}
    for t in templates:
        by_cat.setdefault(t.category, []).append(t)
    rows: list[dict] = []
    ref_turn = 0
    rolled = 0
    for cat, temps in by_cat.items():
        ref_turn += 1
        seen: set[tuple[str, str]] = set()
        made = 0
        tries = 0
        while made < TARGETS[cat] and tries < 5000:
            tries += 1
            t = temps[tries % len(temps)]
            published = refs[(tries % len(temps) + tries // len(temps) + ref_turn) % len(refs)]
            ctx = Ctx(datetime.fromisoformat(published), rng)
            out = t.make(ctx)
            if out is None or out[1] is None:
                continue
            expr, (expected, grain) = out
            if (expr, published) in seen:
                continue
            category = cat
            if cat in ROLLING and expected[:10] != published[:10]:
                if rolled >= TARGETS["clock_next_day"]:
                    continue
                rolled += 1
                category = "clock_next_day"
            seen.add((expr, published))
            tense = t.tense
            if tense == "any":  # match the sentence's tense to the value where it is not today
                when = expected[:16] if grain == "minute" else expected[:10]
                now = published[:16] if grain == "minute" else published[:10]
                if len(expected) >= 10 and when != now:
                    tense = "fut" if when > now else "past"
            text = frame(lang, tense, expr, rng)
            start = text.find(expr) if expr in text else text.find(expr[:1].upper() + expr[1:])
            rows.append(
                {
                    "id": f"{lang}-{len(rows) + 1:04d}",
                    "lang": lang,
                    "text": text,
                    "published": published,
                    "expression": text[start : start + len(expr)],
                    "expected": expected,
                    "grain": grain,
                    "category": category,
                }
            )
            made += category == cat
    return rows


def main() -> None:
    for lang, templates, refs, seed in (("de", DE, REFS, 4), ("en", EN, REFS_EN, 5)):
        rows = generate(lang, templates, refs, seed)
        path = HERE / f"expressions_{lang}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{path.name}: {len(rows)}")


if __name__ == "__main__":
    main()
