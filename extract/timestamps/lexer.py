"""Find the atoms of time expressions: dates, clock times, zones, weekdays, parts of day, offsets.

Every atom pattern is compiled once from the vocabulary. Overlapping matches are settled by
length, then by the order of ``_specs`` (earlier wins), so "18.07.2023" is one date and not the
day-month "18.07." followed by a year.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from extract.timestamps.vocab import Vocab, alternation, vocab

# A word character on either side means the digits belong to something else ("EX649175", "5.5.1").
_L = r"(?<![\w.:/\-+#])"


@dataclass(frozen=True, slots=True)
class Atom:
    """One matched piece of a time expression."""

    kind: str  # the pattern's name (see _specs)
    slot: str  # date, weekday, relday, part, time, zone, offset, period, generic
    start: int
    end: int
    groups: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)


def _specs(v: Vocab) -> list[tuple[str, str, str, int]]:
    """Return (kind, slot, pattern, flags), in priority order."""
    mon = alternation(v.months)
    full_mon = alternation(v.full_months)
    wd_full = alternation(v.full_weekdays)
    wd_abbr = alternation(k for k in v.weekdays if k not in v.full_weekdays)
    wd_mod = alternation(v.weekday_modifiers)
    nouns = alternation(v.part_nouns)
    adverbs = alternation(v.part_adverbs)
    quals = alternation(v.part_qualifiers)
    preps = alternation(v.part_prepositions)
    reldays = alternation(v.relative_days)
    units = alternation(v.units)
    nums = alternation(v.numbers)
    fracs = alternation(v.fractions)
    per_mod = alternation(v.period_modifiers)
    per_unit = alternation(v.period_units)
    pos = alternation(v.positions)
    clock = alternation(v.clock_phrases)
    noon = alternation(v.noon | v.midnight)
    fixed = alternation(k for k in v.zones_fixed if k != "Z")
    rule_abbr = alternation(k for k in v.zone_rules if k.upper() == k)
    rule_names = alternation(k for k in v.zone_rules if k.upper() != k)
    # "Abschnitt 3.2.", "Version 1.5.2024": numbers, not dates.
    not_label = rf"(?<!(?<![\w])(?i:{alternation(v.number_labels)})\s*)"
    year = r"(?P<y>(?:19|20)\d{2})(?![\w]|[.:,]\d)"
    ampm = r"(?:\s*(?P<ap>[ap]\.?\s?m\.?)(?![\w]))"
    I = regex.IGNORECASE  # noqa: E741
    return [
        (
            "iso",
            "date",
            rf"{_L}(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}})"
            rf"(?:(?:T|\s+)(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}})(?:[.,]\d+)?)?"
            rf"(?P<off>Z|\s?[+\-]\d{{2}}(?::?\d{{2}})?)?)?(?![\w\-]|:\d)",
            0,
        ),
        (
            "dmy",
            "date",
            rf"{_L}{not_label}(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}}|\d{{2}})(?![\w]|[.:]\d)",
            0,
        ),
        (
            "slash",
            "date",
            rf"{_L}(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}|\d{{2}})(?![\w/]|[.:]\d)",
            0,
        ),
        (
            "generic",
            "date",
            rf"{_L}(?:\d{{4}}/\d{{1,2}}/\d{{1,2}}|\d{{1,2}}-\d{{1,2}}-\d{{4}}|\d{{1,2}}-(?:{mon})-\d{{2,4}}|(?:{mon})-\d{{1,2}}-\d{{4}})(?![\w/\-]|[.:]\d)",
            I,
        ),
        (
            "written_dmy",
            "date",
            rf"{_L}(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?P<mon>{mon})(?![\w])\.?"
            rf"(?:,?\s*(?P<y>\d{{4}})(?![\w]|[.:]\d))?",
            I,
        ),
        (
            "written_mdy",
            "date",
            rf"(?<![\w])(?P<mon>{mon})(?![\w])\.?\s*(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|[.:]\d)"
            rf"(?:,?\s*(?P<y>\d{{4}})(?![\w]|[.:]\d))?",
            I,
        ),
        ("dm", "date", rf"{_L}{not_label}(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?!\d)(?!\s?\d{{4}}\b)", 0),
        ("month_year", "period", rf"(?<![\w])(?P<mon>{mon})\.?\s*{year}", I),
        (
            "month_pos",
            "period",
            rf"(?<![\w])(?P<pos>{pos})\s*(?P<mon>{full_mon})(?![\w])(?:\s+{year})?",
            I,
        ),
        (
            "month_prep",
            "period",
            rf"(?<=(?<![\w])(?:im|in|seit|since|ab|bis|until|vom|from|during|Monat|month\s+of)\s+)"
            rf"(?P<mon>{full_mon})(?![\w])(?:\s+{year})?",
            I,
        ),
        (
            "year",
            "period",
            rf"(?:(?=\d)(?<=(?<![\w])(?:im\s+Jahre?|in|seit|since|Jahr|year|during|bis|until)\s+)|(?<![\w])(?P<pos>{pos})\s+){year}",
            I,
        ),
        (
            "quarter",
            "period",
            r"(?<![\w])(?:Q(?P<q>[1-4])\s*/?\s*(?P<y>(?:19|20)\d{2})|(?P<q2>[1-4])\.\s*Quartal\s+(?P<y2>(?:19|20)\d{2}))(?![\w])",
            I,
        ),
        (
            "kw",
            "period",
            r"(?<![\w])(?:KW|Kalenderwoche|CW|calendar\s+week)\s*(?P<w>\d{1,2})(?:\s*[/ ]\s*(?P<y>(?:19|20)\d{2}))?(?![\w])",
            I,
        ),
        (
            "period",
            "period",
            rf"(?<![\w])(?:(?:(?P<wpos>{pos})\s+(?:der\s+)?)?(?P<mod>{per_mod})\s+(?P<unit>{per_unit})"
            rf"|(?P<pos>{pos})\s+(?:der|des|dieser|dieses|the|this)\s+(?P<unit2>Woche|Monats|week|month)"
            rf"|(?:am|at\s+the|over\s+the|on\s+the)\s+(?P<we>Wochenende|weekend))(?![\w])",
            I,
        ),
        (
            "night_to",
            "weekday",
            rf"(?<![\w])(?:(?:in\s+der|die)\s+)?Nacht\s+(?:von\s+(?:{wd_full})\s+)?(?:zum|zu|auf)\s+(?:den\s+)?"
            rf"(?:(?P<mod>{wd_mod})\s+)?(?P<wd>{wd_full})(?![\w])"
            rf"|(?<![\w])(?:overnight|(?:in\s+|during\s+)?the\s+night)\s+(?:from\s+(?:{wd_full})\s+)?(?:to|into)\s+"
            rf"(?:(?P<mod>{wd_mod})\s+)?(?P<wd>{wd_full})(?![\w])",
            I,
        ),
        (
            "weekday",
            "weekday",
            rf"(?<![\w])(?:(?P<mod>{wd_mod})\s+)?(?P<wd>{wd_full})(?P<part>{nouns})?(?![\w])",
            I,
        ),
        ("weekday_abbr", "weekday", rf"(?<![\w])(?P<wd>{wd_abbr})\.?,?(?=\s*(?:den\s+|dem\s+|the\s+)?\d)", I),
        (
            "weekday_short",
            "weekday",
            rf"(?<![\w])(?:(?i:(?P<mod>{wd_mod}))\s+|(?<=(?<![\w])(?i:on|by|until|till|since|from)\s+))"
            r"(?P<wd>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?(?![\w])",
            0,
        ),
        (
            "slash_for",
            "date",
            r"(?<=(?<![\w])(?:for|für|planned\s+for|scheduled\s+for|geplant\s+für)\s+)(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|[.:]\d)",
            I,
        ),
        (
            "slash_md",
            "date",
            r"(?<=(?<![\w])(?:on|by|until|till|from|since|update|updated|am|bis|vom|ab|seit)\s+)(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|[.:]\d)",
            I,
        ),
        ("relday", "relday", rf"(?<![\w])(?P<rel>{reldays})(?![\w])", I),
        (
            "time_colon",
            "time",
            rf"(?<![\w.:/,\-])(?P<H>\d{{1,2}}):(?P<M>\d{{2}})(?::(?P<S>\d{{2}})(?:[.,]\d+)?)?(?!\d|:\d){ampm}?"
            rf"(?:\s*(?P<uhr>Uhr|hrs|h)(?![\w]))?",
            I,
        ),
        ("time_dot", "time", r"(?<![\w.:/,\-])(?P<H>\d{1,2})\.(?P<M>\d{2})\s*(?P<uhr>Uhr|h)(?![\w])", I),
        (
            "time_uhr",
            "time",
            rf"(?<![\w.:/,\-])(?P<H>\d{{1,2}}|{nums})\s*(?P<uhr>Uhr)(?![\w])(?:\s+(?P<M>[0-5]\d)(?![\w.:,]))?",
            I,
        ),
        (
            "time_military",
            "time",
            r"(?=\d)(?<=(?<![\w])(?:at|um|by|from|until|since|ab|bis|gegen)\s+)(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)"
            r"(?=\s*(?:UTC|GMT|Z|hrs|hours|Uhr|CET|CEST|MEZ|MESZ|ET|PT|EST|EDT|PST|PDT)(?![\w]))(?:\s*(?:hrs|hours)(?![\w]))?",
            0,
        ),
        (
            "time_military_zoned",
            "time",
            r"(?<![\w.:/,\-+])(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)(?=\s*(?:UTC|GMT|Z)(?![\w]))",
            0,
        ),
        ("time_ampm", "time", rf"(?<![\w.:/,\-])(?P<H>\d{{1,2}})(?:\.(?P<M>[0-5]\d))?{ampm}", I),
        (
            "time_dot_bare",
            "time",
            r"(?=\d)(?<=(?<![\w])(?:um|gegen|ab|bis|seit|von|zwischen|ca\.|etwa)\s+)(?P<H>[01]?\d|2[0-3])\.(?P<M>[0-5]\d)(?![\d]|[.,]\d)"
            r"(?!\s*(?:€|euro|eur|\$|%|prozent|mio|millionen|mb|gb)(?![\w]))",
            I,
        ),
        (
            "dom",
            "date",
            r"(?=\d)(?<=(?<![\w])(?:on\s+the|the|am|vom|zum|bis\s+zum)\s+)(?P<d>[0-3]?\d)(?:st|nd|rd|th|\.)"
            r"(?=\s*$|\s*[,;!?)]|\s+(?:um|at|ab|bis|gegen|of\s+the\s+month|des\s+Monats)(?![\w]))",
            I,
        ),
        ("time_oclock", "time", rf"(?<![\w])(?P<H>\d{{1,2}}|{nums})\s*o['’]?\s?clock(?![\w])", I),
        (
            "time_h",
            "time",
            r"(?=\d)(?<=(?<![\w])(?:um|ab|gegen|bis|seit|ca\.?|etwa|at|from|until|around)\s+)(?P<H>\d{1,2})\s?(?P<uhr>h)(?![\w])",
            I,
        ),
        (
            "time_bare_de",
            "time",
            rf"(?=\w)(?<=(?<![\w])(?:um|gegen|ab|bis|seit|von|zwischen|kurz\s+nach|kurz\s+vor|ca\.|etwa|punkt)\s+)"
            rf"(?P<H>\d{{1,2}}|{nums})(?![\d.:,/]\d)(?![\w%€$])(?!\s*,\s*\d)"
            r"(?!\s+(?:min|mins|minuten|std|h|mal|x|mio|mrd|prozent|euro|tage|stunden|sek|mb|gb|kb|ms)\b)"
            rf"(?=\s*$|\s*[.,;!?)](?:\s|$)|\s+(?:{adverbs}|und|oder|bis|-|–)(?![\w])|(?-i:\s+\p{{Ll}}))",
            I,
        ),
        (
            "time_bare_en",
            "time",
            r"(?=\d)(?<=(?<![\w])(?:at|around|by|until|till|from|since|about|before|after)\s+)"
            r"(?P<H>\d{1,2})(?![\d.:,/]\d)(?![\w%€$])(?!\s*,\s*\d)"
            r"(?=\s*$|\s*[.;!?)](?:\s|$)|\s*,\s|\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night"
            r"|tonight|this\s+(?:morning|afternoon|evening)|tomorrow|today|and|to|until|till|-|–)(?![\w]))",
            I,
        ),
        (
            "clock_phrase",
            "time",
            rf"(?<![\w])(?P<phrase>{clock})\s+(?P<H>\d{{1,2}}|{nums})(?:\s*(?P<uhr>Uhr))?(?![\w]|[.:]\d)",
            I,
        ),
        (
            "noon",
            "time",
            rf"(?<![\w])(?:(?P<pre>um|gegen|zu|bis|ab|seit|at|around|by|after|before|from|until|nach|vor)\s+)?"
            rf"(?P<w>{noon})(?![\w])",
            I,
        ),
        (
            "reloffset",
            "offset",
            rf"(?<![\w])(?:(?P<dir>vor|in|seit)\s+(?:(?P<q>gut|knapp|etwa|ca\.|circa|rund|über|ungefähr|mehr\s+als|weniger\s+als)\s+)?)?(?P<n>\d{{1,3}}|{fracs}|{nums})\s*(?P<unit>{units})(?![\w])"
            r"(?P<half>\s+and\s+a\s+half)?(?:\s+(?P<after>ago|zuvor|vorher|davor|später|danach|earlier|later|from\s+now))?",
            I,
        ),
        (
            "part",
            "part",
            rf"(?<![\w])(?:(?P<pre>{preps})\s+)?(?:(?P<q>{quals})[\s\-]+)?(?P<noun>{nouns})(?![\w])"
            rf"|(?<![\w])(?P<adv>{adverbs})(?![\w])",
            I,
        ),
        (
            "zone_offset",
            "zone",
            r"(?<![\w])\(?(?:UTC|GMT)\s*(?P<sign>[+\-−])\s*(?P<oh>\d{1,2})(?::?(?P<om>\d{2}))?\)?(?![\w])",
            0,
        ),
        ("zone_numeric", "zone", r"(?<![\w+\-])(?P<sign>[+\-−])(?P<oh>[01]\d):?(?P<om>[0-5]\d)(?![\w])", 0),
        ("zone_z", "zone", r"(?<=\d)Z(?![\w])", 0),
        ("zone_rule", "zone", rf"(?<![\w])\(?(?P<rule>{rule_abbr})\)?(?![\w/])", 0),
        ("zone_abbr", "zone", rf"(?<![\w])\(?(?P<abbr>{fixed})\)?(?![\w/])", 0),
        ("zone_name", "zone", rf"(?<![\w])(?P<rule>{rule_names})(?![\w])", I),
    ]


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str
    slot: str
    rank: int
    compiled: Any  # a compiled regex or re pattern


@cache
def _patterns() -> tuple[_Pattern, ...]:
    return tuple(
        _Pattern(kind, slot, rank, _compile(kind, pattern, flags))
        for rank, (kind, slot, pattern, flags) in enumerate(_specs(vocab()))
    )


# Word-alternation patterns without variable look-behind run faster in the standard library's
# engine (measured in benchmarks/timestamps_bench.py); the rest need the regex module.
_STDLIB_KINDS = frozenset(
    {"quarter", "time_oclock", "period", "reloffset", "part", "generic", "month_pos", "noon", "kw"}
)


def _compile(kind: str, pattern: str, flags: int) -> Any:
    if kind in _STDLIB_KINDS:
        return re.compile(pattern, re.IGNORECASE if flags & regex.IGNORECASE else 0)
    return regex.compile(pattern, flags)


# Each pattern runs only near the words it needs: 48 characters before and 64 after a trigger
# can belong to its expression ("the day before yesterday", "Monday, July 17, 2023, at 3:00 PM
# Pacific Time"). Patterns not listed run over the whole text (they are cheap).
_BEFORE, _AFTER = 48, 64
_GATES: dict[str, tuple[str, ...]] = {
    "generic": ("dash",),
    "written_dmy": ("month",),
    "written_mdy": ("month",),
    "month_year": ("month",),
    "month_pos": ("month",),
    "month_prep": ("month",),
    "year": ("prefix_year",),
    "period": ("period",),
    "time_uhr": ("uhr",),
    "weekday_abbr": ("weekday_abbr",),
    "weekday_short": ("weekday_abbr",),
    "slash_md": ("dash",),
    "slash_for": ("dash",),
    "time_military_zoned": ("zone_abbr",),
    "kw": ("kw",),
    "quarter": ("quarter",),
    "weekday": ("weekday",),
    "night_to": ("part",),
    "relday": ("relday",),
    "time_military": ("prefix_de", "prefix_en"),
    "time_dot_bare": ("prefix_de",),
    "dom": ("prefix_dom",),
    "time_oclock": ("clock",),
    "time_h": ("prefix_de", "prefix_en"),
    "time_bare_de": ("prefix_de",),
    "time_bare_en": ("prefix_en",),
    "clock_phrase": ("clock",),
    "noon": ("noon",),
    "reloffset": ("unit",),
    "part": ("part",),
    "zone_name": ("zone",),
    "zone_abbr": ("zone_abbr",),
    "zone_rule": ("zone_abbr",),
    "zone_offset": ("zone_abbr",),
}
_NOT_TRIGGERS = frozenset(
    {
        "a",
        "an",
        "one",
        "ein",
        "eine",
        "einer",
        "einem",
        "einen",
        "eins",
        "the",
        "to",
        "of",
        "after",
        "nach",
        "vor",
    }
)


def _tokens(phrases: object) -> set[str]:
    return {word for phrase in phrases for word in str(phrase).lower().split() if word not in _NOT_TRIGGERS}


@cache
def _trigger_classes() -> dict[str, frozenset[str]]:
    """Map every trigger word (lower case) to the classes of patterns it opens."""
    v = vocab()
    classes = {
        "month": _tokens(v.months),
        "relday": _tokens(v.relative_days),
        "part": _tokens([*v.part_nouns, *v.part_adverbs]),
        "noon": _tokens([*v.noon, *v.midnight]),
        "unit": _tokens(v.units),
        "period": _tokens([*v.period_units, "monats"]),
        "clock": _tokens([*v.clock_phrases, "clock", *v.numbers]),
        "uhr": {"uhr"},
        "number": _tokens(v.numbers),
        "zone": _tokens(z for z in v.zone_rules if z.upper() != z),
        # The words that must stand before a bare hour or day ("um 3", "at 5", "am 5.", "in 2023").
        "prefix_de": {
            "um",
            "gegen",
            "ab",
            "bis",
            "seit",
            "von",
            "zwischen",
            "nach",
            "vor",
            "ca",
            "etwa",
            "punkt",
        },
        "prefix_en": {"at", "around", "by", "until", "till", "from", "since", "about", "before", "after"},
        "prefix_dom": {"the", "am", "vom", "zum"},
        "weekday_abbr": {k for k in v.weekdays if k not in v.full_weekdays},
        "kw": {"kw", "kalenderwoche", "cw", "calendar"},
        "zone_abbr": {
            z.lower() for z in [*v.zones_fixed, *(r for r in v.zone_rules if r.upper() == r)] if "/" not in z
        }
        | {"mez", "cet"},
        "quarter": {"quartal", "q1", "q2", "q3", "q4"},
        "prefix_year": {"im", "jahr", "jahre", "in", "seit", "since", "year", "during", "bis", "until"}
        | _tokens(v.positions),
    }
    words: dict[str, set[str]] = {}
    for name, members in classes.items():
        for word in members:
            words.setdefault(word, set()).add(name)
    return {word: frozenset(names) for word, names in words.items()}


# Bare hours and days need only their prefix word and what follows it ("um 3", "am 5.").
_MARGINS = {
    "dash": (8, 24),
    "uhr": (40, 24),
    "weekday_abbr": (16, 24),
    "kw": (0, 30),
    "zone_abbr": (8, 24),
    "quarter": (24, 24),
    "prefix_de": (0, 40),
    "prefix_en": (0, 40),
    "prefix_dom": (0, 40),
    "prefix_year": (0, 40),
}


@cache
def _trigger_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """All triggers in one pattern: for lower-cased text, and case-insensitive."""
    weekdays = alternation(vocab().full_weekdays)
    words = alternation(_trigger_classes())
    # One shared look-behind for the word alternatives first: about a fifth faster than four
    # separate alternatives (no trigger word begins with a digit, so the order is free).
    source = (
        rf"(?<!\w)(?:(?P<weekday>{weekdays})|(?P<word>{words})(?!\w))"
        rf"|(?P<dash>\d+[/-](?=\w))|(?<=\d)(?P<uhr>uhr)(?!\w)"
    )
    return re.compile(source), re.compile(source, re.IGNORECASE)


_FIXED_CLASSES = {"dash": ("dash",), "weekday": ("weekday",), "uhr": ("uhr",)}


# Lower-case words that trigger only when written with a capital: the zone patterns are
# case-sensitive ("IST", not German "ist"), and "may" is the modal verb, not the month May.
_CASED_TRIGGERS = {
    "ist": frozenset({"zone_abbr"}),
    "may": frozenset({"month"}),
    "est": frozenset({"zone_abbr"}),
}


@cache
def _class_margins() -> dict[str, tuple[int, int]]:
    names = {n for classes in _trigger_classes().values() for n in classes} | set(_FIXED_CLASSES)
    return {name: _MARGINS.get(name, (_BEFORE, _AFTER)) for name in names}


def _windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """Return, per trigger class, the merged stretches around its triggers.

    Lower-casing once and matching without IGNORECASE is much faster; a few characters change
    length when lower-cased, and then the case-insensitive pattern runs on the text itself.
    """
    low = text.lower()
    lower, anycase = _trigger_patterns()
    matches = lower.finditer(low) if len(low) == len(text) else anycase.finditer(text)
    classes = _trigger_classes()
    margins = _class_margins()
    windows: dict[str, list[tuple[int, int]]] = {}
    for match in matches:
        group = match.lastgroup
        word = match.group(group)
        names = _FIXED_CLASSES.get(group) or classes.get(word) or classes.get(word.lower(), ())
        if word in _CASED_TRIGGERS and not text[match.start()].isupper():
            names = names - _CASED_TRIGGERS[word]
        for name in names:
            before, after = margins[name]
            start, end = match.start() - before, match.end() + after
            spans = windows.get(name)
            if spans is None:
                spans = windows[name] = []
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((max(0, start), end))
    return windows


_SPACE = re.compile(r"\s")


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """Move a window's end to white space, so no pattern sees half a word.

    The start needs no care: look-behinds see the text before a window.
    """
    end = min(end, len(text))
    space = _SPACE.search(text, end)
    return start, space.start() if space else len(text)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _spans_for(
    text: str,
    kind: str,
    windows: dict[str, list[tuple[int, int]]],
    done: dict[tuple[str, ...], list[tuple[int, int]]],
) -> list[tuple[int, int]]:
    gates = _GATES.get(kind)
    if gates is None:
        return [(0, len(text))]
    if gates not in done:
        spans = [span for gate in gates for span in windows.get(gate, ())]
        done[gates] = _merge([_widen(text, s, e) for s, e in spans])
    return done[gates]


def _raw_atoms(text: str) -> list[tuple[int, int, int, _Pattern, regex.Match[str]]]:
    found = []
    windows = _windows(text)
    done: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    for pattern in _patterns():
        seen: set[tuple[int, int]] = set()
        for start, end in _spans_for(text, pattern.kind, windows, done):
            for match in pattern.compiled.finditer(text, start, end):
                key = (match.start(), match.end())
                if match.end() > match.start() and key not in seen:
                    seen.add(key)
                    found.append(
                        (match.start(), -(match.end() - match.start()), pattern.rank, pattern, match)
                    )
    return found


def lex(text: str) -> list[Atom]:
    """Return the non-overlapping atoms of ``text`` in order (longest, then highest priority)."""
    atoms: list[Atom] = []
    taken = bytearray(len(text) + 1)
    candidates = _raw_atoms(text)
    candidates.sort(key=lambda item: (item[1], item[2], item[0]))
    for start, _neg, _rank, pattern, match in candidates:
        end = match.end()
        if any(taken[start:end]):
            continue
        taken[start:end] = b"\x01" * (end - start)
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        atoms.append(Atom(pattern.kind, pattern.slot, start, end, groups))
    atoms.sort(key=lambda a: (a.start, a.end))
    return atoms
