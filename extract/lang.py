"""Language of a block of text, German or English, with lingua (models ship in its wheel)."""

from __future__ import annotations

import re
from functools import cache, lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

_LETTERS = re.compile(r"[^\W\d_]+")
# Cheap, high-precision cues decide short blocks before the statistical model does.
_GERMAN_CUES = frozenset(
    "der die das und ist nicht ich wir sie es ein eine auch bei mit von zu auf für seit dass "
    "sagt noch schon aber wurde wird haben hat sind war uns".split()
)
_ENGLISH_CUES = frozenset(
    "the and is are we our to of for with this that be may users some has have were was "
    "says will been".split()
)


@cache
def _detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(Language.GERMAN, Language.ENGLISH)
        .with_minimum_relative_distance(0.0)
        .build()
    )


_DIGIT_RUNS = re.compile(r"[0-9]+")


@lru_cache(maxsize=65536)
def detect_lang(text: str) -> str | None:
    """Return "de", "en" or None (no letters to judge by).

    >>> detect_lang("Die Störung scheint weltweit Nutzer zu tangieren.")
    'de'
    >>> detect_lang("We're investigating an issue where some users may be unable to send email.")
    'en'
    """
    # Digits never decide: the cues count letter runs and umlauts, and lingua reads only the
    # letters (it splits the lower-cased text into runs of letters; older releases deleted the
    # digits first). So texts that differ only in their runs of digits ("Published Time:
    # 09.09.2023 15:25", "Reference : EX485034") share one answer, and the statistical model
    # reads them once.
    return _detect_digitless(_DIGIT_RUNS.sub("0", text))


@lru_cache(maxsize=65536)
def _detect_digitless(text: str) -> str | None:
    """``detect_lang`` of a text whose every run of ASCII digits is one "0"."""
    lower = text.lower()
    if len(lower) == len(text):
        # Each character lower-cased to one, which keeps letters letters (tests/test_lang.py
        # checks all of Unicode): the runs of ``lower`` are the lower-cased runs of ``text``, but
        # for the Greek final sigma, which no cue word holds.
        words = _LETTERS.findall(lower)
    else:
        words = [w.lower() for w in _LETTERS.findall(text)]
    if not words:
        return None
    # str.count per letter runs in C; the same sum as testing every character of ``lower``.
    german = sum(map(_GERMAN_CUES.__contains__, words)) + sum(map(lower.count, "äöüß"))
    english = sum(map(_ENGLISH_CUES.__contains__, words))
    if german >= 2 and english == 0:
        return "de"
    if english >= 2 and german == 0:
        return "en"
    if len(words) < 2 and not german and not english:
        return None
    language = _detector().detect_language_of(text)
    if language == Language.GERMAN:
        return "de"
    if language == Language.ENGLISH:
        return "en"
    return None


def main_language(blocks: list[tuple[str, int]]) -> str | None:
    """Return the language with the most characters among (lang, length) pairs."""
    totals: dict[str, int] = {}
    for lang, length in blocks:
        if lang:
            totals[lang] = totals.get(lang, 0) + length
    if not totals:
        return None
    return max(sorted(totals), key=lambda lang: totals[lang])
