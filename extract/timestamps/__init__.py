"""Timestamps: German and English time expressions, normalized with role, zone, grain and anchor.

Pipeline: ``lexer.lex`` finds atoms with compiled, vocabulary-driven patterns
(``data/timestamps/vocab.yaml``); ``groups.build_expressions`` joins adjacent atoms into one
expression ("Monday, July 17, 2023, at 3:00 PM UTC") and reads approximation and interval words
around it; ``resolve.resolve`` normalizes it with our own code (the fast paths); only candidates
the fast paths do not read go to dateparser (``fallback``: one ``DateDataParser`` per language,
results cached). ``search_dates`` is never used.

Conventions (the contract's, plus the ones it leaves open):

- Values are ISO 8601: ``2023-07-18`` (grain day), ``2023-07`` (month), ``2023`` (year),
  ``2023-W29`` (week: "KW 29", "nächste Woche"), ``2023-Q3`` (quarter); a date-time carries an
  offset only when the text states a zone (``tz: "stated"``; "(GMT)" is +00:00 even in summer,
  "deutscher Zeit"/"MEZ/MESZ"/"ET"/"PT" follow the date's summer time) or when it is the anchor
  moved by hours or minutes ("vor 2 Stunden": the anchor's offset, ``tz: "inferred"``).
  Otherwise the date-time is naive (wall-clock), ``tz`` null.
- Relative expressions are anchored on ``document.anchor_at(start)`` (a comment's own date, else
  ``published``). Without an anchor they are skipped; absolute dates are still read.
- A clock time without a date takes the anchor's date when the anchor is a date ("kurz nach
  12", "seit ca. 14Uhr" in a post of 2023-07-18). When the anchor has a clock time, it is the
  occurrence nearest the anchor in the preferred direction: "future" the first one after it
  (tomorrow's when today's has passed), "past" the last one at or before it. A zoned clock
  time without a date stays on the anchor's date. Midnight without a date is therefore the
  coming 00:00 ("future") or the one that began the day ("past"); "heute um
  Mitternacht"/"tonight at midnight" is the end of that day; "24:00 Uhr" is the next day's 00:00.
- A 12-hour reading without am/pm ("um 3", "halb 4", "gegen 5", "3 o'clock", "um drei Uhr")
  may be either half of the day: the nearest in the preferred direction as above; with a
  date-only anchor or a named day, 1-6 is afternoon and 7-12 as written. "N Uhr", "HH:MM" and
  am/pm are taken literally; a part of day moves them ("8 Uhr abends" = 20:00, "3 Uhr nachts"
  = 03:00). "mittags", "gegen Mittag", "morgen Mittag", "noon" are 12:00.
- Weekdays: "Montag" is the nearest Monday in the preferred direction, the anchor's own day
  included; "nächsten/next" and "letzten/last" exclude it; "diesen/this" stays in the week.
  "seit"/"since" always point back ("seit Montag", "since Friday", "seit 14 Uhr"), whatever the
  preference. English three-letter abbreviations count after "on/next/last/by/since" ("on Tue").
- A day-month without year ("10.12.", "am 17. Juli", "on 7/31"): "future" takes the first
  occurrence on or after the anchor; "past" the last one no more than 30 days after it (a post
  of July 18 may announce July 20). A month without year ("im Juli") likewise at month grain.
  A weekday beside it picks the year it falls on that weekday ("Sonntag, den 16.07.").
  Slash dates are day-first in German and month-first in English unless the first number is
  above 12 ("18/07/2023").
- A part of day without a clock time ("gestern Abend", "Mittwochmorgen", "this morning") is the
  day (grain day) with ``part_of_day`` (morning, forenoon, afternoon, evening, night) and
  ``part_qualifier`` (early/late) where given; no hour is invented. Noon and midnight are
  clock times (12:00, 00:00), not parts of day.
- "vor 2 Stunden"/"in 30 minutes": the anchor date-time moved (grain hour/minute); with a date-
  only anchor, the anchor's day. Days, weeks, months, years: a day (grain day).
- "Anfang/Mitte/Ende Juli", "early/mid/late July": the month (grain month, approx, ``position``);
  "Anfang/Mitte/Ende der Woche": Monday/Wednesday/Friday of the anchor's week (approx);
  "am Wochenende": the Saturday in the preferred direction (``weekend``).
- Approximation ("ca.", "gegen", "kurz nach", "etwa", "around", "approximately", "about") sets
  ``approx`` and joins the span. Interval words stay outside the span: "seit/ab/since/from" mark
  an ``interval_side`` of "start", "bis/until" of "end"; two ends joined by "bis", "to", "-"
  (or "und"/"and" after "zwischen"/"between") share one ``interval`` id; a zone, a date or an
  am/pm on the right end applies to the left one, and an end before its start moves a day on.
- Durations ("15 minutes or longer", "five hours", "within 30 minutes"), versions ("5.5.1"),
  IDs, counts and product years ("Exchange 2019") are not timestamps.
- Roles: the status field the timestamp opens (Published Time, Start time, Next update by,
  Current Update ... in either language), else a label just before it on its line, else the
  title line's date and an alert's dateline (a date-time alone on its line) are ``published``;
  everything else is ``mention``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta

from extract.config import Settings
from extract.model import Document, Mention
from extract.timestamps.calendar import Anchor, parse_anchor
from extract.timestamps.fallback import parse_fallback
from extract.timestamps.groups import Expression, build_expressions
from extract.timestamps.lexer import lex
from extract.timestamps.resolve import Context, Resolved, resolve
from extract.timestamps.roles import role_of

__all__ = ["find_timestamps"]


def _context(document: Document, start: int, settings: Settings) -> Context:
    anchor: Anchor | None = parse_anchor(document.anchor_at(start))
    return Context(anchor=anchor, prefer=settings.prefer_dates_from, lang=document.lang_at(start))


# "seit Montag", "since Friday", "seit 14 Uhr" point back whatever the preference.
_ALWAYS_PAST = frozenset({"seit", "since"})


def _value_of(document: Document, expression: Expression, ctx: Context) -> tuple[Resolved, str] | None:
    if expression.lead in _ALWAYS_PAST:
        ctx = replace(ctx, prefer="past")
    resolved = resolve(expression, ctx)
    if resolved is not None:
        return resolved, "fast"
    first = expression.atoms[0]
    if first.kind == "generic":
        found = parse_fallback(document.text[first.start : first.end], ctx)
        if found is not None:
            return found, "dateparser"
    return None


def _mention(document: Document, expression: Expression, resolved: Resolved, path: str) -> Mention:
    slots = {a.slot for a in expression.atoms}
    extra: dict[str, object] = {"grain": resolved.grain, "approx": resolved.approx, "tz": resolved.tz}
    if resolved.part_of_day:
        extra["part_of_day"] = resolved.part_of_day
    if expression.interval is not None:
        extra["interval"] = f"{document.id}#t{expression.interval}"
    if expression.side is not None:
        extra["interval_side"] = expression.side
    extra.update(dict(resolved.more))
    role = role_of(document, expression.start, expression.end, "date" in slots and "time" in slots)
    return Mention(
        doc=document.id,
        type="timestamp",
        text=document.text[expression.start : expression.end],
        start=expression.start,
        end=expression.end,
        value=resolved.value,
        role=role,
        score=0.95 if path == "fast" else 0.75,
        lang=document.lang_at(expression.start),
        source=f"timestamps/{path}/{'+'.join(a.kind for a in expression.atoms)}",
        extra=extra,
    )


def _parse_value(value: str) -> datetime | date | None:
    try:
        return datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    except ValueError:
        return None


def _complete_interval(left: Mention, right: Mention) -> Mention:
    """Give the left end what only the right one states: its zone, and its day if it has none."""
    start, end = _parse_value(left.value or ""), _parse_value(right.value or "")
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return left
    if start.tzinfo is None and end.tzinfo is not None and right.extra.get("tz") == "stated":
        start = start.replace(tzinfo=end.tzinfo)
        extra = {**left.extra, "tz": "stated"}
        return replace(left, value=start.isoformat(), extra=extra)
    return left


def _roll_end(left: Mention, right: Mention) -> Mention:
    """An end before its start on the same day is on the next day ("15:45 to 00:05 UTC")."""
    start, end = _parse_value(left.value or ""), _parse_value(right.value or "")
    comparable = isinstance(start, datetime) and isinstance(end, datetime)
    if (
        comparable
        and (start.tzinfo is None) == (end.tzinfo is None)
        and end < start
        and end.date() == start.date()
    ):
        return replace(right, value=(end + timedelta(days=1)).isoformat())
    return right


def _link_intervals(mentions: list[Mention]) -> list[Mention]:
    by_interval: dict[str, list[int]] = {}
    for index, mention in enumerate(mentions):
        if "interval" in mention.extra:
            by_interval.setdefault(mention.extra["interval"], []).append(index)
    for indexes in by_interval.values():
        if len(indexes) == 2:
            left, right = indexes
            mentions[left] = _complete_interval(mentions[left], mentions[right])
            mentions[right] = _roll_end(mentions[left], mentions[right])
    return mentions


def find_timestamps(document: Document, settings: Settings) -> list[Mention]:
    """Return timestamp mentions with normalized values and roles."""
    text = document.text
    mentions: list[Mention] = []
    for expression in build_expressions(text, lex(text)):
        ctx = _context(document, expression.start, settings)
        found = _value_of(document, expression, ctx)
        if found is not None:
            mentions.append(_mention(document, expression, *found))
    return _link_intervals(mentions)
