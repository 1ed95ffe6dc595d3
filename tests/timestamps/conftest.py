from __future__ import annotations

from extract.config import Settings
from extract.documents import segment
from extract.model import Mention, Record
from extract.timestamps import find_timestamps

# A Tuesday, 10:00 in Berlin summer time: the fixed anchor of the expression tables.
ANCHOR = "2023-07-18T10:00:00+02:00"


def timestamps(
    text: str, lang: str | None = None, prefer: str = "future", published: str | None = ANCHOR
) -> list[Mention]:
    record = Record(id="t", text=text, lang=lang, published=published)
    return find_timestamps(segment(record), Settings(prefer_dates_from=prefer))
