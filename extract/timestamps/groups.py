"""Join adjacent atoms into one expression and read the words around it.

"Monday, July 17, 2023, at 3:00 PM UTC" is five atoms (weekday, date, time, zone) glued by
commas and "at"; it becomes one expression. An expression takes at most one atom per slot,
so two dates in a row stay two expressions. Approximation words before an expression join its
span; interval words ("seit", "from", "bis") stay outside it and are recorded; two expressions
joined by "bis", "to", "-" (or "und"/"and" after "zwischen"/"between") form an interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import pairwise

import regex

from extract.timestamps.lexer import Atom
from extract.timestamps.vocab import alternation, vocab

_GLUE_WORDS = (
    r"at|um|am|den|dem|the|on|of|gegen|ca\.?|circa|etwa|around|approx\.?|about|kurz\s+nach|kurz\s+vor"
)
_GLUE = regex.compile(rf"[ \t]*(?:(?:,|\(|(?<![\w])(?:{_GLUE_WORDS})(?![\w]))[ \t]*)*", regex.I)
_ZONE_GLUE = regex.compile(r"[ \t]*\(?[ \t]*")
# Words before a "morgen" that make it the noun "Morgen" (morning), not the adverb (tomorrow).
_MORNING_BEFORE = regex.compile(
    r"(?:heute|gestern|vorgestern|übermorgen|am|dem|den|jeden|einem|diesen|guten|"
    r"montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag)\s+$",
    regex.I,
)
# Slots that stand alone: an offset or a named period never shares an expression.
_SOLO = frozenset({"offset", "period"})
_DAY_SLOTS = frozenset({"date", "relday", "weekday"})


@dataclass(frozen=True, slots=True)
class Expression:
    """Atoms that form one time expression, with the words around them."""

    atoms: tuple[Atom, ...]
    start: int
    end: int
    approx: bool
    side: str | None  # "start" or "end" of an interval, from "seit"/"bis" or a joined pair
    lead: str | None  # the interval word before the expression, lower-cased ("seit", "bis")
    interval: int | None  # index of the interval within the document (pairs share it)


@cache
def _approx_before() -> regex.Pattern[str]:
    words = alternation(vocab().approx)
    return regex.compile(rf"(?<![\w])(?:{words})\s*$", regex.I)


@cache
def _interval_before() -> regex.Pattern[str]:
    v = vocab()
    start = alternation(v.interval_start)
    end = alternation(v.interval_end)
    return regex.compile(rf"(?<![\w])(?:(?P<start>{start})|(?P<end>{end}))\s+$", regex.I)


@cache
def _between() -> regex.Pattern[str]:
    words = alternation(vocab().interval_between)
    return regex.compile(rf"\s*(?:{words}|(?P<and>und|and))\s*(?:(?:um|at|zum|zur|the)\s+)?", regex.I)


_BETWEEN_BEFORE = regex.compile(r"(?<![\w])(?:zwischen|between)\s+$", regex.I)
_APPROX_GLUE = regex.compile(
    r"(?<![\w])(?:gegen|ca\.?|circa|etwa|around|approx\.?|about|kurz)(?![\w])", regex.I
)


# After these, "morgen" is tomorrow ("bis morgen"), although they can head a part of day ("ab Mittag").
_TOMORROW_AFTER = frozenset({"ab", "bis", "seit", "um", "gegen"})


def _fix_morning(text: str, atom: Atom) -> Atom:
    """Read "Morgen" after "heute", "am", a weekday ... as the morning, "bis morgen" as tomorrow."""
    noun = atom.groups.get("noun", "")
    if (
        atom.kind == "part"
        and noun.lower() == "morgen"
        and atom.groups.get("pre", "").lower() in _TOMORROW_AFTER
    ):
        start = atom.end - len(noun)
        return Atom("relday", "relday", start, atom.end, {"rel": noun})
    if atom.kind != "relday" or atom.groups.get("rel", "").lower() != "morgen":
        return atom
    if _MORNING_BEFORE.search(text, max(0, atom.start - 16), atom.start):
        return Atom("part", "part", atom.start, atom.end, {"noun": atom.groups["rel"]})
    return atom


def _slots(atoms: list[Atom]) -> set[str]:
    return {a.slot for a in atoms}


def _can_join(text: str, group: list[Atom], atom: Atom) -> bool:
    last = group[-1]
    gap = text[last.end : atom.start]
    if "\n" in gap:
        return False
    if last.slot == "date" and text[last.end - 1] == "." and _NEW_SENTENCE.match(text, last.end):
        return False  # "kurz vor der Frist am 25. Juli. Gegen 13 Uhr ...": a new sentence
    slots = _slots(group)
    if _weekday_and_week(group, atom):
        return _GLUE.fullmatch(gap) is not None
    if atom.slot in _SOLO or slots & _SOLO:
        return False
    if atom.slot == "zone":
        has_clock = "time" in slots or (last.kind == "iso" and "H" in last.groups)
        return has_clock and "zone" not in slots and _ZONE_GLUE.fullmatch(gap) is not None
    if atom.slot in slots or ("zone" in slots and atom.slot not in _DAY_SLOTS):
        return False
    if atom.slot == "time" and "date" in slots and _DATE_TIME_DASH.fullmatch(gap):
        return True  # "Mo, 17.07.2023 - 15:30"
    return _GLUE.fullmatch(gap) is not None


_NEW_SENTENCE = regex.compile(r"\s+\p{Lu}\p{Ll}")
_DATE_TIME_DASH = regex.compile(r"[ \t]+[-–][ \t]+")


def _is_week(atom: Atom) -> bool:
    unit = (atom.groups.get("unit") or "").lower()
    return atom.kind == "period" and unit in ("woche", "week") and not atom.groups.get("wpos")


def _weekday_and_week(group: list[Atom], atom: Atom) -> bool:
    """ "nächste Woche Dienstag", "Dienstag nächster Woche", "Monday last week"."""
    if len(group) != 1:
        return False
    first = group[0]
    return (first.kind == "weekday" and _is_week(atom)) or (_is_week(first) and atom.kind == "weekday")


def join_atoms(text: str, atoms: list[Atom]) -> list[list[Atom]]:
    """Group adjacent, compatible atoms."""
    groups: list[list[Atom]] = []
    for atom in atoms:
        atom = _fix_morning(text, atom)
        if groups and _can_join(text, groups[-1], atom):
            groups[-1].append(atom)
        else:
            groups.append([atom])
    return groups


def _standalone(text: str, group: list[Atom]) -> bool:
    """Whether a group can be a time expression (a bare zone or "früh" cannot)."""
    slots = _slots(group)
    if slots <= {"zone"}:
        return False
    if slots <= {"part", "zone"}:
        part = group[0].groups
        return bool(part.get("pre") or part.get("adv") or part.get("q"))
    if len(group) == 1 and group[0].kind == "weekday_abbr":
        return False
    return not (len(group) == 1 and group[0].kind == "reloffset" and not _has_direction(group[0]))


def _has_direction(atom: Atom) -> bool:
    return bool(atom.groups.get("dir") or atom.groups.get("after"))


def _is_time_like(group: list[Atom]) -> bool:
    return "time" in _slots(group)


def _is_day_like(group: list[Atom]) -> bool:
    return bool(_slots(group) & _DAY_SLOTS) and "time" not in _slots(group)


def build_expressions(text: str, atoms: list[Atom]) -> list[Expression]:
    """Turn atoms into expressions with approximation, interval side and interval links."""
    groups = [g for g in join_atoms(text, atoms) if _standalone(text, g)]
    found: list[Expression] = []
    interval_count = 0
    pending_pair: dict[int, int] = {}
    for index, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        approx = any(_APPROX_GLUE.search(text, a.end, b.start) for a, b in pairwise(group))
        head = text[max(0, start - 30) : start]
        approx_match = _approx_before().search(head)
        if approx_match:
            approx = True
            start -= len(head) - approx_match.start()
            head = text[max(0, start - 30) : start]
        side_match = _interval_before().search(head)
        side, lead = None, None
        if side_match:
            side = "start" if side_match.group("start") else "end"
            lead = " ".join(side_match.group(side).lower().split())
        interval = None
        if index in pending_pair:
            interval, side = pending_pair[index], "end"
        elif index + 1 < len(groups) and _pairs(text, group, groups[index + 1], head):
            interval_count += 1
            interval, side = interval_count, "start"
            pending_pair[index + 1] = interval_count
        elif side is not None:
            interval_count += 1
            interval = interval_count
        found.append(Expression(tuple(group), start, end, approx, side, lead, interval))
    return found


def _pairs(text: str, left: list[Atom], right: list[Atom], head: str) -> bool:
    """Whether two expressions are the ends of one interval ("15:45 to 00:05 UTC")."""
    gap = text[left[-1].end : right[0].start]
    match = _between().fullmatch(gap)
    if match is None or "\n" in gap:
        return False
    if match.group("and") and not _BETWEEN_BEFORE.search(head):
        return False
    return (_is_time_like(left) and _is_time_like(right)) or (_is_day_like(left) and _is_day_like(right))
