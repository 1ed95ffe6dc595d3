"""Find the atoms of time expressions: dates, clock times, zones, weekdays, parts of day, offsets.

Every atom pattern is compiled once from the vocabulary. Overlapping matches are settled by
length, then by the order of ``_specs`` (earlier wins), so "18.07.2023" is one date and not the
day-month "18.07." followed by a year.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import regex

from extract.timestamps.vocab import Vocab, trie, vocab, word_start

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
    mon = trie(v.months)
    full_mon = trie(v.full_months)
    wd_full = trie(v.full_weekdays)
    wd_abbr = trie(k for k in v.weekdays if k not in v.full_weekdays)
    wd_mod = trie(v.weekday_modifiers)
    nouns = trie(v.part_nouns)
    adverbs = trie(v.part_adverbs)
    quals = trie(v.part_qualifiers)
    preps = trie(v.part_prepositions)
    reldays = trie(v.relative_days)
    units = trie(v.units)
    nums = trie(v.numbers)
    fracs = trie(v.fractions)
    per_mod = trie(v.period_modifiers)
    per_unit = trie(v.period_units)
    pos = trie(v.positions)
    clock = trie(v.clock_phrases)
    noon = trie(v.noon | v.midnight)
    fixed = trie(k for k in v.zones_fixed if k != "Z")
    rule_abbr = trie(k for k in v.zone_rules if k.upper() == k)
    rule_names = trie(k for k in v.zone_rules if k.upper() != k)
    # "Abschnitt 3.2.", "Version 1.5.2024": numbers, not dates. (The dates below look ahead for
    # their digits and dots first: that rejects most places before this look-behind is tried.)
    not_label = rf"(?<!(?<![\w])(?i:{trie(v.number_labels)})\s*)"
    year = r"(?P<y>(?:19|20)\d{2})(?![\w]|[.:,]\d)"
    ampm = r"(?:\s*(?P<ap>[ap]\.?\s?m\.?)(?![\w]))"
    wb = word_start(
        *(v.months, v.positions, v.period_modifiers, v.weekday_modifiers, v.weekdays, v.relative_days),
        *(v.numbers, v.fractions, v.clock_phrases, v.noon, v.midnight, v.part_prepositions),
        *(v.part_qualifiers, v.part_nouns, v.part_adverbs, v.zone_rules),
    )
    I = regex.IGNORECASE  # noqa: E741
    # Some patterns open with a "\b" that their look-behind implies (a word character after a
    # non-word one): the engines test it much faster, and most places never reach the
    # look-behind. Measured per pattern; where it did not pay it is left out.
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
            rf"{_L}(?=\d{{1,2}}\.\s?\d{{1,2}}\.){not_label}(?P<d>\d{{1,2}})\.\s?(?P<m>\d{{1,2}})\.\s?(?P<y>\d{{4}}|\d{{2}})(?![\w]|[.:]\d)",
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
            rf"\b{_L}(?P<d>\d{{1,2}})(?:\.|st|nd|rd|th)?\s*(?:of\s+)?(?P<mon>{mon})(?![\w])\.?"
            rf"(?:,?\s*(?P<y>\d{{4}})(?![\w]|[.:]\d))?",
            I,
        ),
        (
            "written_mdy",
            "date",
            rf"{wb}(?P<mon>{mon})(?![\w])\.?\s*(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?!\d|[.:]\d)"
            rf"(?:,?\s*(?P<y>\d{{4}})(?![\w]|[.:]\d))?",
            I,
        ),
        (
            "dm",
            "date",
            rf"{_L}(?=\d{{1,2}}\.\d{{1,2}}\.){not_label}(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?!\d)(?!\s?\d{{4}}\b)",
            0,
        ),
        ("month_year", "period", rf"{wb}(?P<mon>{mon})\.?\s*{year}", I),
        (
            "month_pos",
            "period",
            rf"{wb}(?P<pos>{pos})\s*(?P<mon>{full_mon})(?![\w])(?:\s+{year})?",
            I,
        ),
        (
            "month_prep",
            "period",
            # "\b" first: it holds where the month follows the white space, and is cheaper to test
            # than the look-behind, which most places then never reach.
            rf"{wb}(?<=(?<![\w])(?:im|in|seit|since|ab|bis|until|vom|from|during|Monat|month\s+of)\s+)"
            rf"(?P<mon>{full_mon})(?![\w])(?:\s+{year})?",
            I,
        ),
        (
            "year",
            "period",
            rf"(?:\b(?=\d)(?<=(?<![\w])(?:im\s+Jahre?|in|seit|since|Jahr|year|during|bis|until)\s+)|{wb}(?P<pos>{pos})\s+){year}",
            I,
        ),
        (
            "quarter",
            "period",
            r"\b(?:Q(?P<q>[1-4])\s*/?\s*(?P<y>(?:19|20)\d{2})|(?P<q2>[1-4])\.\s*Quartal\s+(?P<y2>(?:19|20)\d{2}))(?![\w])",
            I,
        ),
        (
            "kw",
            "period",
            r"\b(?:KW|Kalenderwoche|CW|calendar\s+week)\s*(?P<w>\d{1,2})(?:\s*[/ ]\s*(?P<y>(?:19|20)\d{2}))?(?![\w])",
            I,
        ),
        (
            "period",
            "period",
            rf"{wb}(?:(?:(?P<wpos>{pos})\s+(?:der\s+)?)?(?P<mod>{per_mod})\s+(?P<unit>{per_unit})"
            rf"|(?P<pos>{pos})\s+(?:der|des|dieser|dieses|the|this)\s+(?P<unit2>Woche|Monats|week|month)"
            rf"|(?:am|at\s+the|over\s+the|on\s+the)\s+(?P<we>Wochenende|weekend))(?![\w])",
            I,
        ),
        (
            "night_to",
            "weekday",
            rf"{wb}(?:(?:in\s+der|die)\s+)?Nacht\s+(?:von\s+(?:{wd_full})\s+)?(?:zum|zu|auf)\s+(?:den\s+)?"
            rf"(?:(?P<mod>{wd_mod})\s+)?(?P<wd>{wd_full})(?![\w])"
            rf"|{wb}(?:overnight|(?:in\s+|during\s+)?the\s+night)\s+(?:from\s+(?:{wd_full})\s+)?(?:to|into)\s+"
            rf"(?:(?P<mod>{wd_mod})\s+)?(?P<wd>{wd_full})(?![\w])",
            I,
        ),
        (
            "weekday",
            "weekday",
            rf"{wb}(?:(?P<mod>{wd_mod})\s+)?(?P<wd>{wd_full})(?P<part>{nouns})?(?![\w])",
            I,
        ),
        ("weekday_abbr", "weekday", rf"{wb}(?P<wd>{wd_abbr})\.?,?(?=\s*(?:den\s+|dem\s+|the\s+)?\d)", I),
        (
            "weekday_short",
            "weekday",
            rf"{wb}(?:(?i:(?P<mod>{wd_mod}))\s+|(?<=(?<![\w])(?i:on|by|until|till|since|from)\s+))"
            r"(?P<wd>Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?(?![\w])",
            0,
        ),
        (
            "slash_for",
            "date",
            r"\b(?<=(?<![\w])(?:for|für|planned\s+for|scheduled\s+for|geplant\s+für)\s+)(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|[.:]\d)",
            I,
        ),
        (
            "slash_md",
            "date",
            r"\b(?<=(?<![\w])(?:on|by|until|till|from|since|update|updated|am|bis|vom|ab|seit)\s+)(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|[.:]\d)",
            I,
        ),
        ("relday", "relday", rf"{wb}(?P<rel>{reldays})(?![\w])", I),
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
            r"\b(?=\d)(?<=(?<![\w])(?:at|um|by|from|until|since|ab|bis|gegen)\s+)(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)"
            r"(?=\s*(?:UTC|GMT|Z|hrs|hours|Uhr|CET|CEST|MEZ|MESZ|ET|PT|EST|EDT|PST|PDT)(?![\w]))(?:\s*(?:hrs|hours)(?![\w]))?",
            0,
        ),
        (
            "time_military_zoned",
            "time",
            r"(?<![\w.:/,\-+])(?P<H>[01]\d|2[0-3])(?P<M>[0-5]\d)(?=\s*(?:UTC|GMT|Z)(?![\w]))",
            0,
        ),
        ("time_ampm", "time", rf"\b(?<![\w.:/,\-])(?P<H>\d{{1,2}})(?:\.(?P<M>[0-5]\d))?{ampm}", I),
        (
            "time_dot_bare",
            "time",
            r"\b(?=\d)(?<=(?<![\w])(?:um|gegen|ab|bis|seit|von|zwischen|ca\.|etwa)\s+)(?P<H>[01]?\d|2[0-3])\.(?P<M>[0-5]\d)(?![\d]|[.,]\d)"
            r"(?!\s*(?:€|euro|eur|\$|%|prozent|mio|millionen|mb|gb)(?![\w]))",
            I,
        ),
        (
            "dom",
            "date",
            r"\b(?=\d)(?<=(?<![\w])(?:on\s+the|the|am|vom|zum|bis\s+zum)\s+)(?P<d>[0-3]?\d)(?:st|nd|rd|th|\.)"
            r"(?=\s*$|\s*[,;!?)]|\s+(?:um|at|ab|bis|gegen|of\s+the\s+month|des\s+Monats)(?![\w]))",
            I,
        ),
        ("time_oclock", "time", rf"{wb}(?P<H>\d{{1,2}}|{nums})\s*o['’]?\s?clock(?![\w])", I),
        (
            "time_h",
            "time",
            r"\b(?=\d)(?<=(?<![\w])(?:um|ab|gegen|bis|seit|ca\.?|etwa|at|from|until|around)\s+)(?P<H>\d{1,2})\s?(?P<uhr>h)(?![\w])",
            I,
        ),
        (
            "time_bare_de",
            "time",
            rf"\b(?=\w)(?<=(?<![\w])(?:um|gegen|ab|bis|seit|von|zwischen|kurz\s+nach|kurz\s+vor|ca\.|etwa|punkt)\s+)"
            rf"(?P<H>\d{{1,2}}|{nums})(?![\d.:,/]\d)(?![\w%€$])(?!\s*,\s*\d)"
            r"(?!\s+(?:min|mins|minuten|std|h|mal|x|mio|mrd|prozent|euro|tage|stunden|sek|mb|gb|kb|ms)\b)"
            rf"(?=\s*$|\s*[.,;!?)](?:\s|$)|\s+(?:{adverbs}|und|oder|bis|-|–)(?![\w])|(?-i:\s+\p{{Ll}}))",
            I,
        ),
        (
            "time_bare_en",
            "time",
            r"\b(?=\d)(?<=(?<![\w])(?:at|around|by|until|till|from|since|about|before|after)\s+)"
            r"(?P<H>\d{1,2})(?![\d.:,/]\d)(?![\w%€$])(?!\s*,\s*\d)"
            r"(?=\s*$|\s*[.;!?)](?:\s|$)|\s*,\s|\s+(?:in\s+the\s+(?:morning|afternoon|evening)|at\s+night"
            r"|tonight|this\s+(?:morning|afternoon|evening)|tomorrow|today|and|to|until|till|-|–)(?![\w]))",
            I,
        ),
        (
            "clock_phrase",
            "time",
            rf"{wb}(?P<phrase>{clock})\s+(?P<H>\d{{1,2}}|{nums})(?:\s*(?P<uhr>Uhr))?(?![\w]|[.:]\d)",
            I,
        ),
        (
            "noon",
            "time",
            rf"{wb}(?:(?P<pre>um|gegen|zu|bis|ab|seit|at|around|by|after|before|from|until|nach|vor)\s+)?"
            rf"(?P<w>{noon})(?![\w])",
            I,
        ),
        (
            "reloffset",
            "offset",
            rf"{wb}(?:(?P<dir>vor|in|seit)\s+(?:(?P<q>gut|knapp|etwa|ca\.|circa|rund|über|ungefähr|mehr\s+als|weniger\s+als|about|around|approximately|approx\.|roughly|nearly|almost|over|under|another|less\s+than|more\s+than|just\s+over|just\s+under)\s+)?)?(?P<n>\d{{1,3}}|{fracs}|{nums})\s*(?P<unit>{units})(?![\w])"
            r"(?P<half>\s+and\s+a\s+half)?(?:\s+(?P<after>ago|zuvor|vorher|davor|später|danach|earlier|later|from\s+now))?",
            I,
        ),
        (
            "part",
            "part",
            rf"{wb}(?:(?P<pre>{preps})\s+)?(?:(?P<q>{quals})[\s\-]+)?(?P<noun>{nouns})(?![\w])"
            rf"|{wb}(?P<adv>{adverbs})(?![\w])",
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
        ("zone_name", "zone", rf"{wb}(?P<rule>{rule_names})(?![\w])", I),
    ]


@dataclass(frozen=True, slots=True)
class _Pattern:
    kind: str
    slot: str
    rank: int
    compiled: Any  # a compiled regex or re pattern
    # (name, index) of its named groups in the order of ``groupdict``: reading them from
    # ``groups()`` is faster than ``groupdict()``.
    names: tuple[tuple[str, int], ...]


@cache
def _patterns() -> tuple[_Pattern, ...]:
    found = []
    for rank, (kind, slot, pattern, flags) in enumerate(_specs(vocab())):
        compiled = _compile(kind, pattern, flags)
        names = tuple((name, index - 1) for name, index in compiled.groupindex.items())
        found.append(_Pattern(kind, slot, rank, compiled, names))
    return tuple(found)


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


# What a pattern's match must contain, as a standard-library pattern: a window without it is
# skipped. A year needs "19dd" or "20dd", a military time four digits, "am 5." a digit. Only
# where it pays: most windows of these patterns have none (prefix words like "in" and "the"
# are everywhere), and the search for the probe is much cheaper than the pattern.
_PROBES: dict[str, re.Pattern[str]] = {
    kind: re.compile(probe)
    for kind, probe in {
        "year": r"(?:19|20)\d\d",
        "month_year": r"(?:19|20)\d\d",
        "time_military": r"\d\d\d\d",
        "time_military_zoned": r"\d\d\d\d",
        "time_dot_bare": r"\d\.\d",
        "dom": r"\d",
        "kw": r"\d",
        "quarter": r"\d",
        "weekday_abbr": r"\d",
    }.items()
}

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


@dataclass(frozen=True, slots=True)
class _Triggers:
    """The trigger scans for one case mode.

    One pattern with all triggers as alternatives makes the engine try each at every offset;
    three scans that each skip straight to the characters they need find the same triggers
    (see ``_trigger_spans``) in less than half the time.
    """

    words: re.Pattern[str]  # a trigger word or weekday, after the character before it
    separators: re.Pattern[str]  # the "/" or "-" of "18/07", "2023-07": digits before, a word after
    uhr: re.Pattern[str]  # "uhr" right after a digit ("14uhr")


@cache
def _triggers() -> tuple[_Triggers, _Triggers]:
    """The trigger scans: for lower-cased text, and case-insensitive."""
    if word_start(vocab().full_weekdays, _trigger_classes()) != r"\b":
        raise ValueError("every trigger word must begin with a word character (see _trigger_spans)")
    weekdays = trie(vocab().full_weekdays)
    words = trie(_trigger_classes())
    sources = (
        # Every trigger word and weekday begins with a word character; matching the character
        # before it (not one) lets the engine skip through words instead of trying each offset.
        rf"\W(?:(?P<weekday>{weekdays})|(?P<word>{words})(?!\w))",
        r"[/-](?<=\d[/-])(?=\w)",
        r"u(?<=\du)hr(?!\w)",
    )
    return (
        _Triggers(*(re.compile(source) for source in sources)),
        _Triggers(*(re.compile(source, re.IGNORECASE) for source in sources)),
    )


# Lower-case words that trigger only when written with a capital: the zone patterns are
# case-sensitive ("IST", not German "ist"), and "may" is the modal verb, not the month May.
_CASED_TRIGGERS = {
    "ist": frozenset({"zone_abbr"}),
    "may": frozenset({"month"}),
    "est": frozenset({"zone_abbr"}),
}


@cache
def _gating() -> frozenset[str]:
    """The trigger classes that gate a pattern."""
    return frozenset(name for gates in _GATES.values() for name in gates)


@cache
def _openings() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]], frozenset[str]]:
    """Per trigger word, the classes it opens windows for; for the words of ``_CASED_TRIGGERS``,
    the classes they open when not capitalized; and the trigger words with a digit ("q3").

    Only classes that gate a pattern get windows (the class "number" gates none).
    """
    gating = _gating()

    def opened(names: Iterable[str]) -> tuple[str, ...]:
        return tuple(name for name in sorted(names) if name in gating)

    classes = _trigger_classes()
    opens = {word: opened(names) for word, names in classes.items()}
    lower = {word: opened(classes[word] - cased) for word, cased in _CASED_TRIGGERS.items()}
    numbered = frozenset(word for word in classes if any(char.isdigit() for char in word))
    return opens, lower, numbered


def _trigger_spans(text: str) -> dict[str, list[tuple[int, int]]]:
    """Return, per trigger class, the spans of its triggers in order.

    They are the matches of one pattern with the word, separator and "uhr" triggers as
    alternatives (a separator trigger spans the digits before it: "18/"), run from left to
    right. At an offset at most one of them can match (a word needs a letter after a non-word
    character, the others a digit or a "u" after one), and no match covers where another kind
    would start, but for the digits of a word like "q3": those open no "dash" window.

    Lower-casing once and matching without IGNORECASE is much faster; a few characters change
    length when lower-cased, and then the case-insensitive patterns run on the text itself.
    """
    low = text.lower()
    lowered = len(low) == len(text)
    source = low if lowered else text
    triggers = _triggers()[0 if lowered else 1]
    opens, opens_lower, numbered = _openings()
    spans: dict[str, list[tuple[int, int]]] = {name: [] for name in _gating()}
    with_digits = []
    # A space before the text gives a word at its start the character it is matched after.
    for match in triggers.words.finditer(" " + source):
        start, end = match.start(), match.end() - 1
        word = match.group("word")
        if word is None:
            found: tuple[str, ...] = ("weekday",)
        else:
            found = opens.get(word) or opens.get(word.lower(), ())
            if word in opens_lower and not text[start].isupper():
                found = opens_lower[word]
            if word in numbered:
                with_digits.append((start, end))
        for name in found:
            spans[name].append((start, end))
    for match in triggers.separators.finditer(source):
        first = _digits_before(source, match.start())
        if not any(start <= first < end for start, end in with_digits):
            spans["dash"].append((first, match.end()))
    uhr = [match.span() for match in triggers.uhr.finditer(source)]
    if uhr:
        spans["uhr"] = sorted([*spans["uhr"], *uhr])
    return spans


def _digits_before(text: str, end: int) -> int:
    """Where the run of digits that ends at ``end`` begins."""
    start = end
    while start > 0 and text[start - 1].isdecimal():  # what "\d" matches
        start -= 1
    return start


def _windows(text: str) -> dict[str, list[list[int]]]:
    """Return, per trigger class, the merged stretches ([start, end]) around its triggers."""
    windows: dict[str, list[list[int]]] = {}
    for name, spans in _trigger_spans(text).items():
        before, after = _MARGINS.get(name, (_BEFORE, _AFTER))
        merged: list[list[int]] = []
        for start, end in spans:
            if merged and start - before <= merged[-1][1]:
                merged[-1][1] = end + after
            else:
                merged.append([max(0, start - before), end + after])
        windows[name] = merged
    return windows


_SPACE = re.compile(r"\s")


def _widened_union(text: str, windows: list[list[int]]) -> list[tuple[int, int]]:
    """Merge windows (sorted by start) after moving each end to white space, so that no pattern
    sees half a word. The start needs no care: look-behinds see the text before a window.

    Moving an end never moves it back, so the merged end is the farthest end moved; it is
    only looked up where a window may start a new stretch.
    """
    size = len(text)
    merged: list[tuple[int, int]] = []
    first, last, moved = -1, -1, -1  # the stretch being merged: start, farthest end, moved
    for start, end in windows:
        if first >= 0 and start <= last:
            last = max(last, end)
            continue
        if first >= 0:
            moved = _to_space(text, last, size)
            if start <= moved:
                last = max(last, end)
                continue
            merged.append((first, moved))
        first, last = start, end
    if first >= 0:
        merged.append((first, _to_space(text, last, size)))
    return merged


def _to_space(text: str, end: int, size: int) -> int:
    space = _SPACE.search(text, min(end, size))
    return space.start() if space else size


def _gate_spans(text: str) -> Callable[[str], list[tuple[int, int]]]:
    """Return the function giving a pattern kind the stretches of ``text`` it runs in.

    The windows of a pattern's gates are merged once per set of gates. A window cannot hold a
    match without the pattern's probe (a match lies inside its window), so it is skipped.
    """
    windows = _windows(text)
    whole = [(0, len(text))]
    merged: dict[tuple[str, ...], list[tuple[int, int]]] = {}
    probed: dict[tuple[tuple[str, ...], str], list[tuple[int, int]]] = {}

    def spans_for(kind: str) -> list[tuple[int, int]]:
        gates = _GATES.get(kind)
        if gates is None:
            return whole
        if gates not in merged:
            found = [window for gate in gates for window in windows.get(gate, ())]
            if len(gates) > 1:
                found.sort()
            merged[gates] = _widened_union(text, found)
        probe = _PROBES.get(kind)
        if probe is None:
            return merged[gates]
        key = (gates, probe.pattern)
        if key not in probed:
            probed[key] = [(start, end) for start, end in merged[gates] if probe.search(text, start, end)]
        return probed[key]

    return spans_for


# A candidate atom: (-length, rank, start, match), so that sorting puts the longest first,
# then the earlier pattern. A pattern's matches never share a start (its stretches are
# disjoint and its matches in one stretch do not overlap), so no two candidates tie.
_Candidate = tuple[int, int, int, Any]


def _raw_atoms(text: str) -> list[_Candidate]:
    found: list[_Candidate] = []
    spans_for = _gate_spans(text)
    for pattern in _patterns():
        rank, finditer = pattern.rank, pattern.compiled.finditer
        for start, end in spans_for(pattern.kind):
            for match in finditer(text, start, end):
                first, last = match.span()
                if last > first:
                    found.append((first - last, rank, first, match))
    return found


def lex(text: str) -> list[Atom]:
    """Return the non-overlapping atoms of ``text`` in order (longest, then highest priority)."""
    atoms: list[Atom] = []
    patterns = _patterns()
    taken = bytearray(len(text) + 1)
    candidates = _raw_atoms(text)
    candidates.sort()
    for negative_length, rank, start, match in candidates:
        end = start - negative_length
        if taken.find(1, start, end) >= 0:
            continue
        taken[start:end] = b"\x01" * (end - start)
        pattern = patterns[rank]
        values = match.groups()
        groups = {name: values[index] for name, index in pattern.names if values[index] is not None}
        atoms.append(Atom(pattern.kind, pattern.slot, start, end, groups))
    atoms.sort(key=_start)
    return atoms


def _start(atom: Atom) -> int:
    # Atoms do not overlap, so their starts differ.
    return atom.start
