"""dateparser for the candidates the fast paths do not read ("2023/07/18", "18-Jul-2023").

One ``DateDataParser`` per language, built once; results are cached by (language, text). Only
what the string itself determines is used (``DateData.parts``): a missing year is filled from
the anchor by our own rule, so the parser's RELATIVE_BASE never leaks into a value.
"""

from __future__ import annotations

from functools import cache, lru_cache

from dateparser.date import DateDataParser

from extract.timestamps import calendar as cal
from extract.timestamps.resolve import Context, Resolved

_SETTINGS = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
_ORDER = {"de": "DMY", "en": "MDY"}


@cache
def _parser(lang: str) -> DateDataParser:
    return DateDataParser(languages=[lang], settings={**_SETTINGS, "DATE_ORDER": _ORDER[lang]})


@lru_cache(maxsize=8192)
def _parse(lang: str, text: str) -> tuple[int | None, int, int, tuple[int, int, int] | None] | None:
    data = _parser(lang).get_date_data(text)
    if data.date_obj is None or not {"day", "month"} <= set(data.parts or ()):
        return None
    moment = data.date_obj
    year = moment.year if "year" in data.parts else None
    clock = (moment.hour, moment.minute, moment.second) if "time" in data.parts else None
    return year, moment.month, moment.day, clock


def parse_fallback(text: str, ctx: Context) -> Resolved | None:
    """Return the value dateparser reads from a candidate, or None."""
    lang = ctx.lang if ctx.lang in _ORDER else "en"
    parsed = _parse(lang, text)
    if parsed is None:
        return None
    year, month, day_of_month, clock = parsed
    if year is not None:
        day = cal.valid_date(year, month, day_of_month)
    elif ctx.anchor is not None:
        day = cal.year_for(month, day_of_month, ctx.anchor.day, ctx.prefer)
    else:
        day = None
    if day is None:
        return None
    if clock is None:
        return Resolved(day.isoformat(), "day")
    hour, minute, second = clock
    return Resolved(
        f"{day.isoformat()}T{hour:02d}:{minute:02d}:{second:02d}", "second" if second else "minute"
    )
