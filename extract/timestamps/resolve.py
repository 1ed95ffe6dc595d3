"""Turn one expression (its atoms) into a normalized value: the fast paths, our own code.

Each function reads one kind of atom; ``resolve`` combines a day, a clock time and a zone.
Anything the fast paths cannot read returns None, and the caller may ask dateparser.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from extract.timestamps import calendar as cal
from extract.timestamps.groups import Expression
from extract.timestamps.lexer import Atom
from extract.timestamps.vocab import Vocab, vocab

_UNIT_MINUTES = {"minute": 1, "quarter_hour": 15, "hour": 60}
_UNIT_DAYS = {"day": 1, "week": 7}
_UNIT_MONTHS = {"month": 1, "year": 12}
_WEEK_POSITION_DAY = {"start": 0, "mid": 2, "end": 4}


@dataclass(frozen=True, slots=True)
class Context:
    """What resolution depends on besides the text."""

    anchor: cal.Anchor | None
    prefer: str  # "past" or "future"
    lang: str | None
    # The day (or moment) that a day-less clock time belongs to, from the text around it: the
    # last day stated before it in the same body, or the right end of its interval.
    reference: date | datetime | None = None
    reference_is_end: bool = False  # the reference is the end of the clock time's interval


@dataclass(frozen=True, slots=True)
class Resolved:
    """A normalized timestamp value and its properties (the contract's extra keys)."""

    value: str
    grain: str
    approx: bool = False
    tz: str | None = None
    part_of_day: str | None = None
    more: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Clock:
    """A clock reading before it is put on a day."""

    hour: int
    minute: int
    second: int
    grain: str
    ambiguous: bool  # 12-hour reading without am/pm ("um 3", "halb 4")
    midnight: bool = False
    approx: bool = False
    next_day: bool = False  # "24:00 Uhr"


def _int(word: str, v: Vocab) -> int | None:
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return v.numbers.get(word)


def _norm(word: str) -> str:
    return " ".join(word.lower().split())


# --- days -------------------------------------------------------------------------------------


def _year(raw: str | None) -> int | None:
    if raw is None:
        return None
    year = int(raw)
    return year + 2000 if year < 100 else year


def _month_of(atom: Atom, v: Vocab) -> int | None:
    name = atom.groups.get("mon")
    if name is None:
        return None
    if name == "may":  # the modal verb, not the month
        return None
    return v.months.get(name.lower().rstrip("."))


def _day_month(atom: Atom, ctx: Context, v: Vocab) -> tuple[int, int] | None:
    g = atom.groups
    if atom.kind == "dom":
        return None
    if atom.kind in ("iso", "dmy", "dm"):
        return int(g["d"]), int(g["m"])
    if atom.kind in ("slash", "slash_md", "slash_for"):
        first, second = int(g["a"]), int(g["b"])
        if atom.kind == "slash_for" and max(first, second) <= 12:
            return None  # "for 1/2 of the users"
        month_first = second > 12 or (first <= 12 and ctx.lang == "en")
        return (second, first) if month_first else (first, second)
    month = _month_of(atom, v)
    return (int(g["d"]), month) if month else None


# A two-digit year more than this many years before (or after) the anchor makes "5.1.10",
# "3.5.18" or "5.7.57" a version or SMTP status code, not a date.
_SHORT_YEAR_BEFORE, _SHORT_YEAR_AFTER = 3, 1


def _plausible_short_year(atom: Atom, year: int, ctx: Context) -> bool:
    raw = atom.groups.get("y") or ""
    if len(raw) != 2 or ctx.anchor is None:
        return True
    return ctx.anchor.day.year - _SHORT_YEAR_BEFORE <= year <= ctx.anchor.day.year + _SHORT_YEAR_AFTER


def date_of(atom: Atom, ctx: Context, v: Vocab, weekday: int | None = None) -> date | None:
    """Return the calendar day of a date atom; a missing year comes from the anchor.

    A weekday written beside a year-less date ("Sonntag, den 16.07.") picks the year in which
    the date falls on that weekday, if one lies within a year of the anchor.
    """
    if atom.kind == "dom":
        return _day_of_month(int(atom.groups["d"]), ctx, weekday)
    parts = _day_month(atom, ctx, v)
    if parts is None:
        return None
    day, month = parts
    year = _year(atom.groups.get("y"))
    if year is not None and not _plausible_short_year(atom, year, ctx):
        return None
    if year is not None:
        return cal.valid_date(year, month, day)
    if ctx.anchor is None:
        return None
    if weekday is not None:
        matching = cal.year_with_weekday(month, day, weekday, ctx.anchor.day)
        if matching is not None:
            return matching
    return cal.year_for(month, day, ctx.anchor.day, ctx.prefer)


def _day_of_month(day: int, ctx: Context, weekday: int | None = None) -> date | None:
    """ "am 5.", "on the 5th": that day of the anchor's month, or of the next/previous one.

    With a weekday ("Monday the 17th") the nearest month in which the day is that weekday.
    """
    if ctx.anchor is None:
        return None
    anchor = ctx.anchor.day
    if weekday is not None:
        first = anchor.replace(day=1)
        months = (cal.add_months(first, k) for k in range(-6, 7))
        fits = [d for m in months if (d := cal.valid_date(m.year, m.month, day)) and d.weekday() == weekday]
        if fits:
            return min(fits, key=lambda d: abs((d - anchor).days))
    step = 1 if ctx.prefer == "future" else -1
    for months in (0, step, 2 * step):
        first = cal.add_months(anchor.replace(day=1), months)
        found = cal.valid_date(first.year, first.month, day)
        if found and (found >= anchor if ctx.prefer == "future" else found <= anchor):
            return found
    return None


# Relative days counted from the story's day rather than from the post's.
NARRATIVE_DAYS = frozenset(
    {
        "nächsten tag",
        "folgetag",
        "vortag",
        "vorabend",
        "the next day",
        "the following day",
        "the previous day",
        "the day before",
        "the evening before",
        "the night before",
        "the morning before",
    }
)


def relday_of(atom: Atom, ctx: Context, v: Vocab) -> tuple[date, str | None] | None:
    """Return the day and part of day of "gestern", "tonight", "the day after tomorrow"."""
    if ctx.anchor is None:
        return None
    word = _norm(atom.groups["rel"])
    offset, part = v.relative_days[word]
    base = ctx.anchor.day
    if word in NARRATIVE_DAYS and ctx.reference is not None:
        # "am Folgetag", "the next day": the day after the one the text is telling.
        base = ctx.reference.date() if isinstance(ctx.reference, datetime) else ctx.reference
    return base + timedelta(days=offset), part


def weekday_of(atom: Atom, ctx: Context, v: Vocab) -> tuple[date, str | None] | None:
    """Return the day meant by a weekday ("Montag", "nächsten Dienstag", "Mittwochmorgen")."""
    if ctx.anchor is None:
        return None
    weekday = v.weekdays[atom.groups["wd"].lower()]
    mod = atom.groups.get("mod")
    direction = v.weekday_modifiers[mod.lower()] if mod else ctx.prefer
    part = atom.groups.get("part")
    day = cal.shift_weekday(ctx.anchor.day, weekday, direction)
    if atom.kind == "night_to":  # "in der Nacht zum Donnerstag": the night that ends that day
        return day, "night"
    return day, v.part_nouns[part.lower()] if part else None


def part_is_approx(atom: Atom, v: Vocab) -> bool:
    """ "gegen Mittag", "gegen Abend": the preposition is an approximation."""
    return _norm(atom.groups.get("pre", "")) in {_norm(w) for w in v.approx}


def part_of(atom: Atom, v: Vocab) -> tuple[str, str | None, bool]:
    """Return (part of day, qualifier, is "this ...") of a part-of-day atom."""
    g = atom.groups
    word = _norm(g.get("noun") or g.get("adv") or "")
    name = v.part_nouns.get(word) or v.part_adverbs.get(word) or "morning"
    qualifier = v.part_qualifiers.get(_norm(g["q"])) if g.get("q") else None
    return name, qualifier, _norm(g.get("pre", "")) == "this"


# --- clock times ------------------------------------------------------------------------------


def _apply_ampm(hour: int, ampm: str | None) -> int:
    if not ampm:
        return hour
    if ampm.lower().startswith("p"):
        return hour if hour == 12 else hour + 12
    return 0 if hour == 12 else hour


def _clock_phrase(atom: Atom, v: Vocab) -> Clock | None:
    hour = _int(atom.groups["H"], v)
    if hour is None or not 0 <= hour <= 24:
        return None
    total = (hour * 60 + v.clock_phrases[_norm(atom.groups["phrase"])]) % (24 * 60)
    return Clock(total // 60, total % 60, 0, "minute", ambiguous=hour <= 12)


def _noon(atom: Atom, v: Vocab) -> Clock | None:
    word = _norm(atom.groups["w"])
    if word == "mittag" and not atom.groups.get("pre"):
        return None
    approx = _norm(atom.groups.get("pre", "")) in {_norm(w) for w in v.approx}
    if word in v.midnight:
        return Clock(0, 0, 0, "minute", ambiguous=False, midnight=True, approx=approx)
    return Clock(12, 0, 0, "minute", ambiguous=False, approx=approx)


def clock_of(atom: Atom, v: Vocab) -> Clock | None:
    """Return the clock reading of a time atom."""
    if atom.kind == "clock_phrase":
        return _clock_phrase(atom, v)
    if atom.kind == "noon":
        return _noon(atom, v)
    g = atom.groups
    hour = _int(g["H"], v)
    if hour is None:
        return None
    minute = int(g.get("M", 0))
    second = int(g["S"]) if "S" in g else 0
    ampm = g.get("ap")
    if ampm and hour > 12:
        ampm = None  # "15:00 PM": the 24-hour reading wins
    if hour > 24 or minute > 59 or second > 59 or (hour == 24 and minute):
        return None
    grain = "second" if "S" in g else "minute" if "M" in g else "hour"
    # A bare or spelled-out hour ("um 3", "um drei Uhr", "3 o'clock") is a 12-hour reading.
    bare = atom.kind in ("time_bare_de", "time_bare_en", "time_oclock") or not g["H"].isdigit()
    ambiguous = bare and not ampm and 1 <= hour <= 12
    return Clock(_apply_ampm(hour % 24, ampm), minute, second, grain, ambiguous, next_day=hour == 24)


def _with_part(clock: Clock, part: str | None) -> Clock:
    """Push a 12-hour reading into its part of day ("8 Uhr abends" = 20:00)."""
    if part is None or clock.midnight:
        return clock
    hour = clock.hour
    if (part in ("afternoon", "evening") and hour < 12) or (part == "night" and 6 <= hour <= 11):
        hour += 12
    elif part == "night" and hour == 12:
        hour = 0
    elif part == "noon" and 1 <= hour <= 4:
        hour += 12
    return Clock(hour, clock.minute, clock.second, clock.grain, False, clock.midnight, clock.approx)


def _daytime_hour(clock: Clock) -> int:
    """Without a reference time, 1 to 6 o'clock is afternoon (incident prose is about working
    hours) and 7 to 12 as written."""
    if not clock.ambiguous or clock.hour == 12:
        return clock.hour
    return clock.hour + 12 if 1 <= clock.hour <= 6 else clock.hour


def _settled(clock: Clock, hour: int, next_day: bool) -> Clock:
    """The clock at the hour decided on, no longer ambiguous.

    Built directly: dataclasses.replace costs several times more, and this runs per clock time.
    """
    return Clock(hour, clock.minute, clock.second, clock.grain, False, clock.midnight, clock.approx, next_day)


def _nearest(clock: Clock, ctx: Context) -> datetime | None:
    """The occurrence of a day-less clock reading nearest the anchor's date-time.

    "future": the first one after the anchor (tomorrow's when today's has passed); "past":
    the last one at or before it. A 12-hour reading ("um 3", "halb 4") may be either half.
    """
    anchor = ctx.anchor
    if anchor is None or anchor.clock is None:
        return None
    hours = [clock.hour % 12, clock.hour % 12 + 12] if clock.ambiguous and clock.hour != 12 else [clock.hour]
    now = datetime.combine(anchor.day, anchor.clock)
    moments = [
        datetime.combine(anchor.day + timedelta(days=k), time(h, clock.minute, clock.second))
        for k in (-1, 0, 1)
        for h in hours
    ]
    if ctx.prefer == "future":
        return min(m for m in moments if m > now)
    return max(m for m in moments if m <= now)


def _candidate(day: date, clock: Clock, hour: int, zone: Atom | None, v: Vocab) -> datetime:
    moment = datetime.combine(day, time(hour, clock.minute, clock.second))
    offset = zone_minutes(zone, day, v) if zone is not None else None
    return moment.replace(tzinfo=cal.offset_zone(offset)) if offset is not None else moment


def _gap(moment: datetime, reference: datetime) -> float:
    """Seconds from the reference to a moment: instants when both are zoned, else wall clocks."""
    if (moment.tzinfo is None) != (reference.tzinfo is None):
        moment, reference = moment.replace(tzinfo=None), reference.replace(tzinfo=None)
    return (moment - reference).total_seconds()


# A day-less time this far before the timeline's last moment is on the next day ("23:30 UTC
# ... 00:15 UTC"); nearer, it is an earlier moment of the same day ("18.07.2023, 21:30 ... seit
# 8 Uhr").
_ROLL_AFTER_SECONDS = 18 * 3600


def _on_reference(clock: Clock, zone: Atom | None, ctx: Context, v: Vocab) -> tuple[date, Clock]:
    """Put a day-less clock time on the day the text around it names.

    A date alone gives its day. A moment ("17:37 UTC on February 28", "ab 8:40 Uhr") gives
    its day, read in the clock time's own zone ("9:11 Uhr MESZ" ... "15:01 Uhr PDT" stays on
    the Pacific day), or the next day when the time would lie more than 18 hours before it (a
    timeline that passes midnight). The left end of an interval whose right end has the day
    ("Between 08:20 and 11:05 UTC on 25 January") is the last occurrence at or before it.
    """
    reference = ctx.reference
    if not isinstance(reference, datetime):
        assert reference is not None
        day = reference + timedelta(days=1) if clock.next_day else reference
        return day, _settled(clock, _daytime_hour(clock), next_day=False)
    hours = [clock.hour % 12, clock.hour % 12 + 12] if clock.ambiguous and clock.hour != 12 else [clock.hour]
    if clock.ambiguous:
        hours.sort(key=lambda h: h != _daytime_hour(clock))
    if clock.next_day:
        hours = [0]
    base = reference.date()
    if zone is not None and reference.tzinfo is not None:
        offset = zone_minutes(zone, base, v)
        if offset is not None:
            base = reference.astimezone(cal.offset_zone(offset)).date()
    if ctx.reference_is_end:
        moments = [_candidate(base + timedelta(days=k), clock, h, zone, v) for k in (-1, 0) for h in hours]
        before = [m for m in moments if _gap(m, reference) <= 0]
        best = max(before, key=lambda m: _gap(m, reference)) if before else moments[-1]
    else:
        moments = [_candidate(base + timedelta(days=k), clock, h, zone, v) for k in (0, 1) for h in hours]
        best = (
            next(m for m in moments if _gap(m, reference) >= -_ROLL_AFTER_SECONDS)
            if any(_gap(m, reference) >= -_ROLL_AFTER_SECONDS for m in moments)
            else moments[0]
        )
    return best.date(), _settled(clock, best.hour, next_day=False)


# --- zones ------------------------------------------------------------------------------------


def zone_minutes(atom: Atom, day: date, v: Vocab) -> int | None:
    """Return the UTC offset in minutes that a zone atom states for a day."""
    g = atom.groups
    if atom.kind == "zone_z":
        return 0
    if atom.kind in ("zone_offset", "zone_numeric"):
        sign = -1 if g["sign"] in "-−" else 1
        return sign * (int(g["oh"]) * 60 + int(g.get("om", 0)))
    if atom.kind == "zone_abbr":
        return v.zones_fixed.get(g["abbr"])
    rule = v.zone_rules.get(g["rule"]) or v.zone_rules.get(_norm(g["rule"]))
    return cal.rule_offset(rule, day) if rule else None


def _iso_offset(raw: str) -> int:
    raw = raw.strip()
    if raw == "Z":
        return 0
    sign = -1 if raw[0] == "-" else 1
    digits = raw[1:].replace(":", "")
    return sign * (int(digits[:2]) * 60 + int(digits[2:4] or 0))


# --- whole expressions ------------------------------------------------------------------------


def _by_slot(expression: Expression) -> dict[str, Atom]:
    return {atom.slot: atom for atom in expression.atoms}


def _format(day: date, clock: Clock | None, offset: int | None) -> str:
    if clock is None:
        return day.isoformat()
    moment = datetime.combine(day, time(clock.hour, clock.minute, clock.second))
    if offset is not None:
        moment = moment.replace(tzinfo=cal.offset_zone(offset))
    return moment.isoformat()


def _day_and_part(slots: dict[str, Atom], ctx: Context, v: Vocab) -> tuple[date | None, str | None]:
    """Return the day an expression names (explicit date > relative day > weekday) and its part."""
    part = None
    day = None
    if "weekday" in slots:
        found = weekday_of(slots["weekday"], ctx, v)
        if found:
            day, part = found
    if "relday" in slots:
        found = relday_of(slots["relday"], ctx, v)
        if found:
            day, part = found[0], found[1] or part
    if "date" in slots:
        weekday_atom = slots.get("weekday")
        weekday = v.weekdays[weekday_atom.groups["wd"].lower()] if weekday_atom else None
        day = date_of(slots["date"], ctx, v, weekday)
    return day, part


def _noon_compound(slots: dict[str, Atom]) -> bool:
    weekday = slots.get("weekday")
    return weekday is not None and bool(weekday.groups.get("part")) and "part" not in slots


def _midnight_day(day: date, explicit: bool, relative: bool, ctx: Context) -> date:
    """Midnight belongs to the end of a named relative day ("heute um Mitternacht")."""
    if explicit:
        return day
    if relative or ctx.prefer == "future":
        return day + timedelta(days=1)
    return day


def _clock_on(
    day: date, slots: dict[str, Atom], part: str | None, ctx: Context, v: Vocab
) -> tuple[date, Clock] | None:
    clock = clock_of(slots["time"], v) if "time" in slots else Clock(12, 0, 0, "minute", False)
    if clock is None:
        return None
    clock = _with_part(clock, part)
    day_given = bool(slots.keys() & {"date", "relday", "weekday"})
    if not day_given and ctx.reference is not None:
        return _on_reference(clock, slots.get("zone"), ctx, v)
    if not day_given and "zone" not in slots:
        moment = _nearest(clock, ctx)
        if moment is not None:
            return moment.date(), _settled(clock, moment.hour, next_day=False)
    clock = _settled(clock, _daytime_hour(clock), clock.next_day)
    night_to = "weekday" in slots and slots["weekday"].kind == "night_to"
    if night_to and clock.hour >= 12:
        day -= timedelta(days=1)  # "um 23 Uhr in der Nacht zum Donnerstag": Wednesday
    elif not night_to and part == "night" and clock.hour < 6 and "date" not in slots and not clock.midnight:
        day += timedelta(days=1)  # "heute Nacht um 2", "Freitagnacht um 3": after midnight
    if clock.next_day:
        day += timedelta(days=1)
    if clock.midnight:
        day = _midnight_day(day, "date" in slots, bool(slots.keys() & {"relday", "weekday"}), ctx)
    return day, clock


def _iso_clock(atom: Atom) -> Clock | None:
    g = atom.groups
    if "H" not in g:
        return None
    hour, minute, second = int(g["H"]), int(g["M"]), int(g.get("S", 0))
    if hour > 23 or minute > 59 or second > 59:
        return None
    return Clock(hour, minute, second, "second" if "S" in g else "minute", False)


def resolve(expression: Expression, ctx: Context) -> Resolved | None:
    """Return the normalized value of an expression, or None when the fast paths cannot read it."""
    v = vocab()
    slots = _by_slot(expression)
    if "offset" in slots:
        return resolve_offset(slots["offset"], ctx, v)
    if "period" in slots and "weekday" in slots:
        return _weekday_in_week(slots["weekday"], slots["period"], ctx, v)
    if "period" in slots:
        return resolve_period(slots["period"], ctx, v)
    if "date" in slots and slots["date"].kind == "generic":
        return None
    day, part = _day_and_part(slots, ctx, v)
    qualifier = None
    if "part" in slots:
        part, qualifier, this = part_of(slots["part"], v)
        if day is None and ctx.reference is not None and "time" not in slots and not this:
            # "Am Dienstag ... dauerte bis in den Nachmittag": the afternoon of that Tuesday.
            ref = ctx.reference
            day = ref.date() if isinstance(ref, datetime) else ref
        if day is None and ctx.anchor is not None and ("time" not in slots or this):
            day = ctx.anchor.day
    if (
        day is None
        and ctx.anchor is not None
        and "time" in slots
        and not slots.keys() & {"date", "weekday", "relday"}
    ):
        day = ctx.anchor.day
    if day is None:
        return None
    clock, offset, tz = None, None, None
    date_atom = slots.get("date")
    if date_atom is not None and date_atom.kind == "iso" and "time" not in slots:
        clock = _iso_clock(date_atom)
        if clock and date_atom.groups.get("off"):
            offset, tz = _iso_offset(date_atom.groups["off"]), "stated"
    noon_clock = part == "noon" and clock is None and not _noon_compound(slots)
    if "time" in slots or noon_clock:
        # "mittags", "morgen Mittag", "heute Mittag": noon is a clock time, 12:00; the compound
        # "Dienstagmittag" is a part of day like "Dienstagmorgen" (the day, no invented hour).
        found = _clock_on(day, slots, part, ctx, v)
        if found is None:
            return None
        day, clock = found
    if "zone" in slots and clock is not None:
        offset = zone_minutes(slots["zone"], day, v)
        tz = "stated" if offset is not None else None
    approx = expression.approx or (clock.approx if clock else False)
    approx = approx or ("part" in slots and part_is_approx(slots["part"], v))
    if clock is None:
        more = (("part_qualifier", qualifier),) if qualifier else ()
        return Resolved(day.isoformat(), "day", approx, None, part, more)
    return Resolved(_format(day, clock, offset), clock.grain, approx, tz)


def _offset_approx(atom: Atom) -> bool:
    return bool(atom.groups.get("q"))


def _amount(atom: Atom, v: Vocab) -> float | None:
    raw = _norm(atom.groups["n"])
    if raw.isdigit():
        return float(raw) + (0.5 if atom.groups.get("half") else 0.0)
    if raw in v.fractions:
        return v.fractions[raw]
    number = v.numbers.get(raw)
    if number is None:
        return None
    return number + 0.5 if atom.groups.get("half") else float(number)


# Words after an amount that count from the story's last moment ("drei Tage zuvor").
NARRATIVE_AFTER = frozenset({"zuvor", "vorher", "davor", "später", "danach", "earlier", "later"})
_FORWARD_AFTER = frozenset({"from now", "später", "danach", "later"})


def _as_anchor(reference: date | datetime) -> cal.Anchor:
    if isinstance(reference, datetime):
        return cal.Anchor(reference.date(), reference.timetz().replace(tzinfo=None), reference.tzinfo)
    return cal.Anchor(reference)


def resolve_offset(atom: Atom, ctx: Context, v: Vocab) -> Resolved | None:
    """ "vor 2 Stunden", "in 3 days", "a week ago": the anchor moved by an amount."""
    g = atom.groups
    amount = _amount(atom, v)
    if amount is None or ctx.anchor is None:
        return None
    after = _norm(g.get("after", ""))
    if g.get("dir"):
        sign = -1 if g["dir"].lower() in ("vor", "seit") else 1
    elif after:
        sign = 1 if after in _FORWARD_AFTER else -1
    else:
        return None
    unit = v.units[_norm(g["unit"])]
    anchor = ctx.anchor
    if after in NARRATIVE_AFTER and ctx.reference is not None:
        # "neun Tage zuvor", "two hours later": from the day the text is telling, not from now.
        anchor = _as_anchor(ctx.reference)
    if unit in _UNIT_MINUTES:
        minutes = round(amount * _UNIT_MINUTES[unit]) * sign
        moment = anchor.datetime()
        if moment is None:
            day = anchor.day + timedelta(days=int(minutes / (24 * 60)))
            return Resolved(day.isoformat(), "day")
        moment += timedelta(minutes=minutes)
        tz = "inferred" if moment.tzinfo else None
        return Resolved(moment.isoformat(), "hour" if unit == "hour" else "minute", _offset_approx(atom), tz)
    if unit in _UNIT_DAYS:
        day = anchor.day + timedelta(days=round(amount * _UNIT_DAYS[unit]) * sign)
    else:
        day = cal.add_months(anchor.day, round(amount * _UNIT_MONTHS[unit]) * sign)
    return Resolved(day.isoformat(), "day", _offset_approx(atom))


def _month_value(atom: Atom, ctx: Context, v: Vocab) -> str | None:
    month = _month_of(atom, v)
    if month is None:
        return None
    year = _year(atom.groups.get("y"))
    if year is None:
        if ctx.anchor is None:
            return None
        year = cal.month_year_for(month, ctx.anchor.day, ctx.prefer)
    return f"{year:04d}-{month:02d}"


_PERIOD_STEPS = {"next": 1, "last": -1, "this": 0, "after_next": 2}


def _week_monday(atom: Atom, anchor: date, v: Vocab) -> date:
    step = _PERIOD_STEPS[v.period_modifiers[_norm(atom.groups["mod"])]]
    return anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=step)


def _weekday_in_week(weekday: Atom, week: Atom, ctx: Context, v: Vocab) -> Resolved | None:
    """ "Dienstag nächster Woche": that weekday in the named week."""
    if ctx.anchor is None:
        return None
    day = _week_monday(week, ctx.anchor.day, v) + timedelta(days=v.weekdays[weekday.groups["wd"].lower()])
    return Resolved(day.isoformat(), "day")


def _relative_period(atom: Atom, ctx: Context, v: Vocab) -> Resolved | None:
    g = atom.groups
    if ctx.anchor is None:
        return None
    anchor = ctx.anchor.day
    if g.get("we"):
        return Resolved(
            cal.shift_weekday(anchor, 5, ctx.prefer).isoformat(), "day", more=(("weekend", True),)
        )
    if g.get("pos"):
        position = v.positions[_norm(g["pos"])]
        if g["unit2"].lower() in ("woche", "week"):
            day = anchor - timedelta(days=anchor.weekday()) + timedelta(days=_WEEK_POSITION_DAY[position])
            return Resolved(day.isoformat(), "day", True, more=(("position", position),))
        return Resolved(anchor.strftime("%Y-%m"), "month", True, more=(("position", position),))
    step = _PERIOD_STEPS[v.period_modifiers[_norm(g["mod"])]]
    unit = v.period_units[_norm(g["unit"])]
    if g.get("wpos") and unit == "week":  # "Anfang nächster Woche", "early next week"
        position = v.positions[_norm(g["wpos"])]
        day = _week_monday(atom, anchor, v) + timedelta(days=_WEEK_POSITION_DAY[position])
        return Resolved(day.isoformat(), "day", True, more=(("position", position),))
    if unit == "week":
        return Resolved(cal.iso_week(anchor + timedelta(weeks=step)), "week")
    if unit == "month":
        return Resolved(cal.add_months(anchor, step).strftime("%Y-%m"), "month")
    if unit == "year":
        return Resolved(f"{anchor.year + step:04d}", "year")
    direction = {1: "next", 2: "next", -1: "last", 0: "this"}[step]
    return Resolved(cal.shift_weekday(anchor, 5, direction).isoformat(), "day", more=(("weekend", True),))


def resolve_period(atom: Atom, ctx: Context, v: Vocab) -> Resolved | None:
    """Months, years, quarters, calendar weeks and named periods ("letzte Woche")."""
    g = atom.groups
    if atom.kind in ("month_year", "month_prep"):
        value = _month_value(atom, ctx, v)
        return Resolved(value, "month") if value else None
    if atom.kind == "month_pos":
        value = _month_value(atom, ctx, v)
        position = v.positions.get(_norm(g["pos"]).rstrip("-"))
        return Resolved(value, "month", True, more=(("position", position),)) if value else None
    if atom.kind == "year":
        position = v.positions[_norm(g["pos"])] if g.get("pos") else None
        return Resolved(
            g["y"], "year", position is not None, more=(("position", position),) if position else ()
        )
    if atom.kind == "quarter":
        return Resolved(f"{g.get('y') or g.get('y2')}-Q{g.get('q') or g.get('q2')}", "quarter")
    if atom.kind == "kw":
        year = int(g["y"]) if "y" in g else (ctx.anchor.day.year if ctx.anchor else None)
        week = int(g["w"])
        return Resolved(f"{year:04d}-W{week:02d}", "week") if year and 1 <= week <= 53 else None
    return _relative_period(atom, ctx, v)
