"""The contract's extra keys: grain, approx, tz, part_of_day; intervals; anchors and comments."""

from __future__ import annotations

import pytest

from extract.config import Settings
from extract.documents import segment
from extract.model import Comment, Record
from extract.timestamps import find_timestamps
from tests.timestamps.conftest import timestamps

GRAINS = [
    ("de", "18.07.2023", "day"),
    ("de", "um 15 Uhr", "hour"),
    ("de", "um 15:30 Uhr", "minute"),
    ("de", "18.07.2023 19:32:23", "second"),
    ("de", "im Juli 2023", "month"),
    ("de", "im Jahr 2022", "year"),
    ("en", "3pm", "hour"),
    ("en", "yesterday evening", "day"),
]


@pytest.mark.parametrize(("lang", "text", "grain"), GRAINS)
def test_grain(lang: str, text: str, grain: str) -> None:
    assert [m.extra["grain"] for m in timestamps(text, lang=lang)] == [grain]


APPROX = [
    ("de", "ca. 8:00 Uhr", True),
    ("de", "gegen 15 Uhr", True),
    ("de", "kurz nach 12", True),
    ("de", "etwa 14:00 Uhr", True),
    ("de", "gegen Mittag", True),
    ("en", "around 3pm", True),
    ("en", "approximately 14:00 UTC", True),
    ("en", "about 10:30 AM", True),
    ("de", "um 15 Uhr", False),
    ("en", "at 3pm", False),
]


@pytest.mark.parametrize(("lang", "text", "approx"), APPROX)
def test_approx(lang: str, text: str, approx: bool) -> None:
    assert [m.extra["approx"] for m in timestamps(text, lang=lang)] == [approx]


def test_approx_word_joins_the_span() -> None:
    (mention,) = timestamps("Es ging seit ca. 14Uhr nicht.", lang="de")
    assert mention.text == "ca. 14Uhr"


TZ = [
    ("en", "3:00 PM UTC", "stated"),
    ("en", "18/07/2023 08:32:00 AM (GMT)", "stated"),
    ("de", "8:00 Uhr deutscher Zeit", "stated"),
    ("de", "vor 2 Stunden", "inferred"),
    ("de", "um 15 Uhr", None),
    ("de", "18.07.2023", None),
]


@pytest.mark.parametrize(("lang", "text", "tz"), TZ)
def test_tz(lang: str, text: str, tz: str | None) -> None:
    assert [m.extra["tz"] for m in timestamps(text, lang=lang)] == [tz]


def test_gmt_is_utc_even_in_british_summer() -> None:
    (mention,) = timestamps("18/07/2023 08:32:00 AM (GMT)", lang="en")
    assert mention.value.endswith("+00:00")


def test_german_time_follows_summer_time() -> None:
    summer, winter = (
        timestamps(t, lang="de")[0].value
        for t in ("18.07.2023 8:00 Uhr deutscher Zeit", "18.01.2023 8:00 Uhr deutscher Zeit")
    )
    assert (summer[-6:], winter[-6:]) == ("+02:00", "+01:00")


PARTS = [
    ("de", "am Mittwochmorgen", "morning"),
    ("de", "gestern Abend", "evening"),
    ("de", "am späten Nachmittag", "afternoon"),
    ("de", "heute Nacht", "night"),
    ("de", "am Vormittag", "forenoon"),
    ("en", "this morning", "morning"),
    ("en", "yesterday evening", "evening"),
    ("en", "tonight", "night"),
]


@pytest.mark.parametrize(("lang", "text", "part"), PARTS)
def test_part_of_day_is_a_day_without_invented_hour(lang: str, text: str, part: str) -> None:
    (mention,) = timestamps(text, lang=lang)
    assert (len(mention.value), mention.extra["grain"], mention.extra["part_of_day"]) == (10, "day", part)


def test_late_afternoon_keeps_its_qualifier() -> None:
    (mention,) = timestamps("am späten Nachmittag", lang="de")
    assert mention.extra["part_qualifier"] == "late"


INTERVALS = [
    ("en", "from 15:45 to 00:05 UTC", ["2023-07-18T15:45:00+00:00", "2023-07-19T00:05:00+00:00"]),
    ("de", "von 14 bis 16 Uhr", ["2023-07-18T14:00:00", "2023-07-18T16:00:00"]),
    ("de", "zwischen 14 und 16 Uhr", ["2023-07-18T14:00:00", "2023-07-18T16:00:00"]),
    ("de", "von 8:00 bis 9:30 Uhr", ["2023-07-19T08:00:00", "2023-07-19T09:30:00"]),
    ("en", "from July 17, 2023 until July 19, 2023", ["2023-07-17", "2023-07-19"]),
    ("de", "von Montag bis Mittwoch", ["2023-07-24", "2023-07-19"]),
]


@pytest.mark.parametrize(("lang", "text", "values"), INTERVALS)
def test_interval_ends_share_one_id(lang: str, text: str, values: list[str]) -> None:
    found = timestamps(text, lang=lang)
    assert [m.value for m in found] == values
    assert len({m.extra["interval"] for m in found}) == 1
    assert [m.extra["interval_side"] for m in found] == ["start", "end"]


@pytest.mark.parametrize(
    ("lang", "text", "side"),
    [
        ("de", "seit Montag", "start"),
        ("de", "ab 8 Uhr", "start"),
        ("de", "bis 16 Uhr", "end"),
        ("en", "since Monday", "start"),
        ("en", "until 5pm", "end"),
        ("en", "from 9:00 AM", "start"),
    ],
)
def test_one_sided_interval(lang: str, text: str, side: str) -> None:
    (mention,) = timestamps(text, lang=lang)
    assert mention.extra["interval_side"] == side


def test_relative_needs_an_anchor() -> None:
    assert timestamps("gestern Abend", lang="de", published=None) == []
    assert [m.value for m in timestamps("18.07.2023", lang="de", published=None)] == ["2023-07-18"]


def test_date_anchor_gives_day_for_hours_ago() -> None:
    assert [m.value for m in timestamps("vor 2 Stunden", lang="de", published="2023-07-18")] == ["2023-07-18"]


def test_comment_with_own_date_is_its_anchor() -> None:
    text = "Post\n\n1. Jane sagt:\n\nGestern ging nichts."
    document = segment(Record(id="d", text=text, published="2023-07-18"))
    comment = document.comments[0]
    dated = Comment(
        comment.id,
        comment.position,
        comment.author,
        comment.parent,
        comment.start,
        comment.body_start,
        comment.end,
        published="2023-07-20",
    )
    document = type(document)(
        **{**{f: getattr(document, f) for f in document.__slots__}, "comments": (dated,)}
    )
    (mention,) = find_timestamps(document, Settings())
    assert mention.value == "2023-07-19"
