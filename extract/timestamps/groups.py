"""Join adjacent atoms into one expression and read the words around it.

"Monday, July 17, 2023, at 3:00 PM UTC" is five atoms (weekday, date, time, zone) glued by
commas and "at"; it becomes one expression. An expression takes at most one atom per slot,
so two dates in a row stay two expressions. Approximation words before an expression join its
span; interval words ("seit", "from", "bis") stay outside it and are recorded; two expressions
joined by "bis", "to", "-" (or "und"/"and" after "zwischen"/"between") form an interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import pairwise

import regex

from extract.timestamps.lexer import Atom
from extract.timestamps.vocab import trie, vocab, word_start

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
    slots: frozenset[str]  # the atoms' slots, asked for often


@cache
def _approx_before() -> regex.Pattern[str]:
    words = vocab().approx
    return regex.compile(rf"{word_start(words)}(?:{trie(words)})\s*$", regex.I)


@cache
def _interval_before() -> regex.Pattern[str]:
    v = vocab()
    start, end = trie(v.interval_start), trie(v.interval_end)
    boundary = word_start(v.interval_start, v.interval_end)
    # An article may stand between the word and the date ("seit dem 1. März", "since the 3rd").
    article = r"(?:\s+(?:dem|der|den|the))?"
    return regex.compile(rf"{boundary}(?:(?P<start>{start})|(?P<end>{end})){article}\s+$", regex.I)


@cache
def _between() -> regex.Pattern[str]:
    words = trie(vocab().interval_between)
    return regex.compile(rf"\s*(?:{words}|(?P<and>und|and))\s*(?:(?:um|at|zum|zur|the)\s+)?", regex.I)


_BETWEEN_BEFORE = regex.compile(r"(?<![\w])(?:zwischen|between)\s+$", regex.I)
_APPROX_GLUE = regex.compile(
    r"(?<![\w])(?:gegen|ca\.?|circa|etwa|around|approx\.?|about|kurz)(?![\w])", regex.I
)


# After these, "morgen" is tomorrow ("bis morgen"), although they can head a part of day ("ab Mittag").
_TOMORROW_AFTER = frozenset({"ab", "bis", "seit", "um", "gegen"})


def _fix_morning(text: str, atom: Atom) -> Atom:
    """Read "Morgen" after "heute", "am", a weekday ... as the morning, "bis morgen" as tomorrow."""
    if atom.kind != "part" and atom.kind != "relday":
        return atom
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


def _can_join(text: str, group: list[Atom], slots: set[str], atom: Atom) -> bool:
    """Whether ``atom`` continues ``group`` (whose slots are ``slots``)."""
    last = group[-1]
    gap = text[last.end : atom.start]
    if "\n" in gap:
        return False
    if last.slot == "date" and text[last.end - 1] == "." and _NEW_SENTENCE.match(text, last.end):
        return False  # "kurz vor der Frist am 25. Juli. Gegen 13 Uhr ...": a new sentence
    if _weekday_and_week(group, atom):
        return _glued(_GLUE, gap)
    if atom.slot in _SOLO or slots & _SOLO:
        return False
    if atom.slot == "zone":
        has_clock = "time" in slots or (last.kind == "iso" and "H" in last.groups)
        return has_clock and "zone" not in slots and _glued(_ZONE_GLUE, gap)
    if atom.slot in slots or ("zone" in slots and atom.slot not in _DAY_SLOTS):
        return False
    if atom.slot == "time" and "date" in slots and _glued(_DATE_TIME_DASH, gap):
        return True  # "Mo, 17.07.2023 - 15:30"
    return _glued(_GLUE, gap)


# The few gaps between atoms (", ", " um ", " at ") and the few heads of a line ("Start time: ")
# come back again and again: their answers are kept. Each is a function of the string alone.
# Longer gaps are rare and asked directly (hashing them would cost more than the match).
_KEPT_GAP = 32


def _glued(glue: regex.Pattern[str], gap: str) -> bool:
    if len(gap) > _KEPT_GAP:
        return glue.fullmatch(gap) is not None
    return _kept_glued(glue, gap)


@lru_cache(maxsize=4096)
def _kept_glued(glue: regex.Pattern[str], gap: str) -> bool:
    return glue.fullmatch(gap) is not None


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
    slots: set[str] = set()  # of the last group
    for atom in atoms:
        atom = _fix_morning(text, atom)
        if groups and _can_join(text, groups[-1], slots, atom):
            groups[-1].append(atom)
            slots.add(atom.slot)
        else:
            groups.append([atom])
            slots = {atom.slot}
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
        approx = any(_approx_between(text, a.end, b.start) for a, b in pairwise(group))
        head = text[max(0, start - 30) : start]
        approx_start = _approx_start(head)
        if approx_start >= 0:
            approx = True
            start -= len(head) - approx_start
            head = text[max(0, start - 30) : start]
        side, lead = _side(head)
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
        slots = frozenset(atom.slot for atom in group)
        found.append(Expression(tuple(group), start, end, approx, side, lead, interval, slots))
    return found


def _approx_between(text: str, start: int, end: int) -> bool:
    """Whether an approximation word stands between two atoms ("14 Uhr, ca. 15:30")."""
    # The look-behind of the pattern sees one character before the gap.
    before = 1 if start > 0 else 0
    if end - start > _KEPT_GAP:
        return _APPROX_GLUE.search(text, start, end) is not None
    return _approx_in(text[start - before : end], before)


@lru_cache(maxsize=4096)
def _approx_in(gap: str, start: int) -> bool:
    return _APPROX_GLUE.search(gap, start) is not None


@lru_cache(maxsize=4096)
def _approx_start(head: str) -> int:
    """Where an approximation word ending the head begins ("ca. "), or -1."""
    match = _approx_before().search(head)
    return match.start() if match else -1


@lru_cache(maxsize=4096)
def _side(head: str) -> tuple[str | None, str | None]:
    """The interval side and word ("seit", "bis") that end the head, if any."""
    match = _interval_before().search(head)
    if match is None:
        return None, None
    side = "start" if match.group("start") else "end"
    return side, " ".join(match.group(side).lower().split())


def _between_gap(gap: str) -> tuple[bool, bool]:
    """Whether the gap joins two interval ends, and whether by "und"/"and"."""
    if len(gap) > _KEPT_GAP:
        return _joins(gap)
    return _kept_joins(gap)


def _joins(gap: str) -> tuple[bool, bool]:
    match = _between().fullmatch(gap)
    return match is not None, match is not None and bool(match.group("and"))


_kept_joins = lru_cache(maxsize=4096)(_joins)


def _pairs(text: str, left: list[Atom], right: list[Atom], head: str) -> bool:
    """Whether two expressions are the ends of one interval ("15:45 to 00:05 UTC")."""
    gap = text[left[-1].end : right[0].start]
    joined, by_and = _between_gap(gap)
    if not joined or "\n" in gap:
        return False
    if by_and and not _BETWEEN_BEFORE.search(head):
        return False
    return (_is_time_like(left) and _is_time_like(right)) or (_is_day_like(left) and _is_day_like(right))
