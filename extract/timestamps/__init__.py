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
- A clock time without a day takes its day from the text first (``Context.reference``), in
  this order: a post's own update line ("Update 11:30 Uhr:", "Nachtrag 14:20 Uhr", "Edit
  (10:30)") is on the anchor's day; the left end of an interval whose right end has a day
  ("Between 08:20 and 11:05 UTC on 25 January") is the last occurrence before that end; else
  the timeline of its body or comment: the last moment stated before it (an interval's start,
  not its end: a PIR timeline after "Between 16:00 UTC on 29 October and 00:05 UTC on 30
  October" stays on the 29th), or a day named after that moment if it stands in the same
  sentence or lies no later than the anchor ("Am 18. Juli ... ab 8 Uhr"; a deadline "am 10.
  Februar" in another sentence is a side remark). The moment's day is read in the clock time's
  own zone ("9:11 Uhr MESZ ... 15:01 Uhr PDT" stays on the Pacific day); a time more than 18
  hours before it is on the next day (a timeline past midnight). "am Folgetag", "the next
  day", "the evening before", "drei Tage zuvor", "two hours later" count from that timeline
  too. Only without any of these does the anchor decide, as follows.
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
- Tense: under "past", a weekday or year-less date whose nearest tense word in its sentence is
  one of the future ("wird", "soll", "erst ab", "will", "scheduled", ...; ``tense_cues`` in
  the vocabulary) is resolved as under "future" ("Der Dienstleister ist erst ab Montag wieder
  erreichbar"; "Microsoft said on Monday it will ship a fix on Friday": Monday past, Friday
  ahead).
- A declared zone ("(all times are US/Pacific)", "Alle Zeitangaben in MESZ") applies to the
  naive date-times of its body or comment. IANA names (US/Pacific, America/New_York,
  Europe/Berlin) and "pazifischer Zeit", "Ostküstenzeit" are zones.
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
  IDs, counts and product years ("Exchange 2019") are not timestamps. A two-digit-year date
  more than 3 years before or 1 after the anchor is a version or an SMTP code ("Postfix
  3.5.18", "5.7.57"). Opening hours ("Mo–Fr 8–18 Uhr", "täglich von 9 bis 17 Uhr", "Mon-Fri
  9am-5pm") are not timestamps.
- "Dienstagmittag" is a part of day like "Dienstagmorgen" (the day, ``part_of_day`` noon);
  "mittags", "heute/morgen Mittag", "noon" stay 12:00. "in der Nacht zum Donnerstag" /
  "overnight into Thursday" is one mention: the Thursday (night); a clock time with it is
  on the Thursday before noon and on the Wednesday from noon.
- Roles: the status field the timestamp opens (Published Time, Start time, Next update by,
  Current Update ... in either language), else a label just before it on its line, else the
  title line's date and an alert's dateline (a date-time alone on its line) are ``published``;
  everything else is ``mention``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import cache

import regex

from extract.config import Settings
from extract.model import Document, Mention
from extract.timestamps.calendar import Anchor, offset_zone, parse_anchor
from extract.timestamps.fallback import parse_fallback
from extract.timestamps.groups import Expression, build_expressions
from extract.timestamps.lexer import Atom, lex
from extract.timestamps.resolve import (
    NARRATIVE_AFTER,
    NARRATIVE_DAYS,
    Context,
    Resolved,
    resolve,
    zone_minutes,
)
from extract.timestamps.roles import role_of
from extract.timestamps.vocab import alternation, vocab

__all__ = ["find_timestamps"]


def _context(document: Document, start: int, settings: Settings) -> Context:
    anchor: Anchor | None = parse_anchor(document.anchor_at(start))
    return Context(anchor=anchor, prefer=settings.prefer_dates_from, lang=document.lang_at(start))


# "seit Montag", "since Friday", "seit 14 Uhr" point back whatever the preference.
_ALWAYS_PAST = frozenset({"seit", "since"})


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str]]:
    v = vocab()
    future, past = alternation(v.future_cues), alternation(v.past_cues)
    return (
        re.compile(rf"(?<![\w])(?:{future})(?![\w])", re.I),
        re.compile(rf"(?<![\w])(?:{past})(?![\w])", re.I),
    )


_SENTENCE_BOUNDARY = re.compile(r"[.!?]\s|\n")


def _sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    before = [m.end() for m in _SENTENCE_BOUNDARY.finditer(text, max(0, start - 200), start)]
    after = _SENTENCE_BOUNDARY.search(text, end, min(len(text), end + 200))
    return (before[-1] if before else max(0, start - 200)), (
        after.start() if after else min(len(text), end + 200)
    )


# Opening hours and other recurring times are no timestamps: "Mo–Fr 8–18 Uhr", "täglich von 9
# bis 17 Uhr", "Mon-Fri 9am-5pm", "business hours 9:00-17:00".
_SCHEDULE = re.compile(
    r"(?:(?<![\w])(?:Mo|Mon|Montag|Monday|Di|Tue|Dienstag|Tuesday)\.?\s*(?:[-–—]|bis|to|through|thru)\s*"
    r"(?:Fr|Fri|Freitag|Friday|Sa|Sat|Samstag|Saturday|So|Sun|Sonntag|Sunday)\.?(?![\w])"
    r"|(?<![\w])(?:täglich|werktags|wochentags|daily|weekdays|every\s+day|jeden\s+Tag|rund\s+um\s+die\s+Uhr"
    r"|business\s+hours|office\s+hours|opening\s+hours|Öffnungszeiten|Servicezeiten|Geschäftszeiten"
    r"|Sprechzeiten|Bürozeiten|erreichbar\s+von)(?![\w]))[^\n.;]{0,24}$"
    r"|(?<![\w])(?:Mo|Mon|Montag|Monday)\.?\s*[-–—]\s*$",
    re.I,
)


def _is_schedule(text: str, expression: Expression) -> bool:
    slots = expression.slots
    if not slots <= {"time", "zone", "weekday"} or "time" not in slots:
        return False
    line_start = text.rfind("\n", 0, expression.start) + 1
    return _SCHEDULE.search(text, max(line_start, expression.start - 48), expression.start) is not None


def _year_open(expression: Expression) -> bool:
    """A weekday or a day-month without year: the ones the preferred direction decides."""
    slots = expression.slots
    if "weekday" in slots and "date" not in slots:
        return not any(a.kind == "weekday" and a.groups.get("mod") for a in expression.atoms)
    return any(a.slot == "date" and "y" not in a.groups for a in expression.atoms)


def _future_sentence(text: str, expression: Expression) -> bool:
    """Whether the tense word nearest the expression in its sentence is one of the future.

    "Microsoft said on Monday it will ship a fix on Friday": "said" is nearest Monday,
    "will" nearest Friday.
    """
    future, past = _cues()
    start, end = _sentence_span(text, expression.start, expression.end)
    nearest: tuple[int, bool] | None = None
    for pattern, is_future in ((future, True), (past, False)):
        for match in pattern.finditer(text, start, end):
            if expression.start <= match.start() < expression.end:
                continue
            gap = (
                expression.start - match.end()
                if match.end() <= expression.start
                else match.start() - expression.end
            )
            # A word before the expression wins a tie: it governs what follows it.
            key = gap * 2 + (match.start() > expression.start)
            if nearest is None or key < nearest[0]:
                nearest = (key, is_future)
    return nearest is not None and nearest[1]


def _future_word_right_before(text: str, expression: Expression) -> bool:
    """ "scheduled for 28/11", "geplant für den 5. Dezember", "soll am 25. Juli": a plan."""
    future, _ = _cues()
    head = text[max(0, expression.start - 16) : expression.start]
    return any(m.end() >= len(head) - 9 for m in future.finditer(head))


# A future tense moves a year-less day ahead only this far: "das am 11. Juli erschienene
# Update soll ..." in a post of July 18 stays in the past.
_FUTURE_TENSE_DAYS = 60


def _soon(value: str, ctx: Context) -> bool:
    day = _parse_value(value[:10])
    if ctx.anchor is None or not isinstance(day, date):
        return False
    return (day - ctx.anchor.day).days <= _FUTURE_TENSE_DAYS


def _value_of(document: Document, expression: Expression, ctx: Context) -> tuple[Resolved, str] | None:
    if expression.lead in _ALWAYS_PAST:
        ctx = replace(ctx, prefer="past")
    elif ctx.prefer == "past" and _year_open(expression) and _future_sentence(document.text, expression):
        ahead = resolve(expression, replace(ctx, prefer="future"))
        planned = _future_word_right_before(document.text, expression)
        if ahead is not None and (planned or _soon(ahead.value, ctx)):
            return ahead, "fast"
    resolved = resolve(expression, ctx)
    if resolved is not None:
        return resolved, "fast"
    first = expression.atoms[0]
    if first.kind == "generic":
        found = parse_fallback(document.text[first.start : first.end], ctx)
        if found is not None:
            return found, "dateparser"
    return None


def _mention(
    document: Document, expression: Expression, resolved: Resolved, path: str, lang: str | None
) -> Mention:
    slots = expression.slots
    extra: dict[str, object] = {"grain": resolved.grain, "approx": resolved.approx, "tz": resolved.tz}
    if resolved.part_of_day:
        extra["part_of_day"] = resolved.part_of_day
    if expression.interval is not None:
        extra["interval"] = f"{document.id}#t{expression.interval}"
    if expression.side is not None:
        extra["interval_side"] = expression.side
    extra.update(resolved.more)
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
        lang=lang,
        source=f"timestamps/{path}/{'+'.join([a.kind for a in expression.atoms])}",
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


# A post's own update line ("Update 11:30 Uhr:", "Nachtrag 14:20 Uhr", "Edit 15:00"): its
# clock time is on the post's day, whatever day the text before it was about.
_POST_UPDATE = re.compile(
    r"(?:^|\n)[ \t*#>\-–•\[(]*(?:update|nachtrag|ergänzung|edit|korrektur|aktualisierung|"
    r"erg\.|upd\.?)[ \t]*(?:\d+[ \t]*)?[(:,\-–]?[ \t]*(?:vom|von|from|um|at|gegen|ca\.)?[ \t]*$",
    re.I,
)
_DAY_SLOTS = frozenset({"date", "relday", "weekday"})


def _dayless_clock(expression: Expression) -> bool:
    slots = expression.slots
    return "time" in slots and not slots & (_DAY_SLOTS | {"offset", "period"})


def _narrative_offset(expression: Expression) -> bool:
    first = expression.atoms[0]
    after = " ".join(first.groups.get("after", "").lower().split())
    return first.slot == "offset" and after in NARRATIVE_AFTER


def _narrative_day(expression: Expression) -> bool:
    return any(
        a.slot == "relday" and " ".join(a.groups.get("rel", "").lower().split()) in NARRATIVE_DAYS
        for a in expression.atoms
    )


def _bare_part(expression: Expression) -> bool:
    """A part of day without a day ("bis in den Nachmittag"), not "this morning"."""
    slots = expression.slots
    return slots == {"part"} and not any(
        a.groups.get("pre", "").lower() == "this" or a.groups.get("adv") for a in expression.atoms
    )


def _has_day(expression: Expression) -> bool:
    slots = expression.slots
    return bool(slots & _DAY_SLOTS) and not slots & {"offset", "period"}


def _reference_value(value: str) -> date | datetime | None:
    if len(value) < 10:
        return None
    return _parse_value(value)


def _scope(document: Document, start: int) -> int:
    """Expressions of one comment (or of the body) share their references."""
    if not document.comments:
        return -1
    comment = document.comment_at(start)
    return comment.start if comment is not None else -1


@dataclass(frozen=True, slots=True)
class _Said:
    """A resolved day or moment that later day-less clock times may take their day from."""

    value: date | datetime
    start: int
    end: int
    interval: int | None
    side: str | None


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)|\n")


def _pick_reference(text: str, said: list[_Said], start: int, ctx: Context) -> date | datetime | None:
    """The timeline's last moment, or a day named after it.

    An interval's end does not move the timeline's day: the events told after "Between 16:00
    UTC on 29 October and 00:05 UTC on 30 October" are on the 29th. A day named after the last
    moment takes over when it stands in the same sentence ("Am 18. Juli ... ab 8 Uhr") or lies
    no later than the anchor; a later day in another sentence ("kurz vor der Frist am 10.
    Februar. Gegen 13 Uhr ...") is a side remark.
    """
    timed_at = None
    for index in range(len(said) - 1, -1, -1):
        if isinstance(said[index].value, datetime):
            timed_at = index
            break
    if timed_at is not None:
        entry = said[timed_at]
        if entry.side == "end" and entry.interval is not None:
            for earlier in reversed(said[:timed_at]):
                if earlier.interval == entry.interval and isinstance(earlier.value, datetime):
                    entry = earlier
                    break
        timed = entry.value
    else:
        timed = None
    days = said[timed_at + 1 :] if timed_at is not None else said
    if days:
        day = days[-1]
        # The day's own final dot ("am 25. Juli.") may end its sentence.
        same_sentence = _SENTENCE_END.search(text, max(day.start, day.end - 1), start) is None
        assert not isinstance(day.value, datetime)
        not_later = ctx.anchor is None or day.value <= ctx.anchor.day
        if timed is None or same_sentence or not_later:
            return day.value
    return timed


def _reference_for(
    document: Document,
    expressions: list[Expression],
    index: int,
    last: dict[int, list[_Said]],
    ctx: Context,
    settings: Settings,
) -> tuple[date | datetime | None, bool]:
    """The day a day-less clock time takes from the text: see ``Context.reference``."""
    expression = expressions[index]
    if _narrative_offset(expression) or _narrative_day(expression) or _bare_part(expression):
        said = last.get(_scope(document, expression.start))
        return (_pick_reference(document.text, said, expression.start, ctx) if said else None), False
    if not _dayless_clock(expression):
        return None, False
    if _POST_UPDATE.search(document.text, max(0, expression.start - 40), expression.start):
        return (ctx.anchor.day if ctx.anchor else None), False
    partner = expressions[index + 1] if index + 1 < len(expressions) else None
    if (
        partner is not None
        and expression.interval is not None
        and expression.side == "start"
        and partner.interval == expression.interval
        and _has_day(partner)
    ):
        found = _value_of(document, partner, _context(document, partner.start, settings))
        if found is not None:
            reference = _reference_value(found[0].value)
            if reference is not None:
                return reference, True
    said = last.get(_scope(document, expression.start))
    if not said:
        return None, False
    return _pick_reference(document.text, said, expression.start, ctx), False


# Every declaration names "times", "zeiten" or "zeitangaben" (in the engine and case rules of
# ``_declaration``): a search for each word alone is much faster than any pattern, and most
# texts have none of them.
_DECLARATION_WORDS = tuple(regex.compile(word, regex.I) for word in ("times", "zeiten", "zeitangaben"))

# A cheap first look (the standard library's engine) before the full declaration pattern.
_MAY_DECLARE = re.compile(
    r"all\s+times|times\s+(?:are\s+)?in\s|alle\s+(?:uhr)?zeit|zeitangaben", re.IGNORECASE
)


@cache
def _declaration() -> regex.Pattern[str]:
    """ "(all times are US/Pacific)", "Alle Zeitangaben in MEZ": a zone for the whole text."""
    v = vocab()
    zones = alternation([*v.zones_fixed, *v.zone_rules])
    return regex.compile(
        r"(?<![\w])(?:all\s+times\s+(?:are\s+|shown\s+|given\s+|listed\s+)?(?:in\s+)?|times\s+(?:are\s+)?in\s+"
        r"|alle\s+(?:Uhr)?(?:zeiten|zeitangaben)\s+(?:sind\s+)?(?:in\s+)?|(?:Uhr)?zeitangaben\s+(?:sind\s+)?(?:in\s+)?)"
        rf"\(?(?P<zone>{zones})(?![\w])",
        regex.I,
    )


def _declared_zones(document: Document) -> dict[int, Atom]:
    """The zone each body or comment declares for its clock times, by scope."""
    zones: dict[int, Atom] = {}
    if not any(word.search(document.text) for word in _DECLARATION_WORDS):
        return zones
    if _MAY_DECLARE.search(document.text) is None:
        return zones
    for match in _declaration().finditer(document.text):
        text = match.group("zone")
        atoms = [a for a in lex(text) if a.slot == "zone" and a.end - a.start == len(text)]
        if atoms:
            zones.setdefault(_scope(document, match.start()), atoms[0])
    return zones


def _apply_declared(document: Document, mentions: list[Mention]) -> list[Mention]:
    """Give naive date-times the zone their text declares ("all times are US/Pacific")."""
    if not mentions:
        return mentions
    zones = _declared_zones(document)
    if not zones:
        return mentions
    result = []
    for mention in mentions:
        zone = zones.get(_scope(document, mention.start))
        moment = _parse_value(mention.value or "")
        if zone is not None and isinstance(moment, datetime) and moment.tzinfo is None:
            offset = zone_minutes(zone, moment.date(), vocab())
            if offset is not None:
                value = moment.replace(tzinfo=offset_zone(offset)).isoformat()
                mention = replace(mention, value=value, extra={**mention.extra, "tz": "stated"})
        result.append(mention)
    return result


def find_timestamps(document: Document, settings: Settings) -> list[Mention]:
    """Return timestamp mentions with normalized values and roles."""
    text = document.text
    mentions: list[Mention] = []
    last: dict[int, list[_Said]] = {}
    expressions = build_expressions(text, lex(text))
    for index, expression in enumerate(expressions):
        if _is_schedule(text, expression):
            continue
        ctx = _context(document, expression.start, settings)
        reference, is_end = _reference_for(document, expressions, index, last, ctx, settings)
        if reference is not None:
            # Built directly: dataclasses.replace costs several times more, once per expression.
            ctx = Context(ctx.anchor, ctx.prefer, ctx.lang, reference, is_end)
        found = _value_of(document, expression, ctx)
        if found is not None:
            mentions.append(_mention(document, expression, *found, ctx.lang))
            if "time" in expression.slots or _has_day(expression):
                value = _reference_value(found[0].value)
                if value is not None:
                    entry = _Said(
                        value, expression.start, expression.end, expression.interval, expression.side
                    )
                    last.setdefault(_scope(document, expression.start), []).append(entry)
    return _apply_declared(document, _link_intervals(mentions))
