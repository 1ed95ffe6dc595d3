"""Timestamps in running prose: context days, zones, noise and tense (past mode, like news)."""

from __future__ import annotations

import pytest

from tests.timestamps.conftest import timestamps

# A Tuesday afternoon in Berlin summer time: a news post written after the events it reports.
POST = "2023-07-18T16:00:00+02:00"
MORNING_POST = "2023-07-18T08:05:00+02:00"


def values(text: str, lang: str, published: str = POST, prefer: str = "past") -> list[str]:
    return [m.value or "" for m in timestamps(text, lang=lang, prefer=prefer, published=published)]


def texts(text: str, lang: str, published: str = POST) -> list[str]:
    return [m.text for m in timestamps(text, lang=lang, prefer="past", published=published)]


# A clock time without a day takes the day the text stated before it.
CONTEXT_DAY = [
    ("de", "Am 10. Juli kam es zu Störungen. Ab 8 Uhr waren Mails verzögert.", "2023-07-10T08:00:00"),
    ("de", "Am 10. Juli ab 8 Uhr waren Mails verzögert.", "2023-07-10T08:00:00"),
    ("de", "Am Montagabend fiel Teams aus. Die Probleme begannen gegen 19 Uhr.", "2023-07-17T19:00:00"),
    ("en", "On July 10 the service failed. Engineers restored it at 14:30.", "2023-07-10T14:30:00"),
    ("en", "Monday's outage began at 9:15 a.m. ET, Microsoft said.", "2023-07-17T09:15:00-04:00"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CONTEXT_DAY)
def test_clock_time_takes_the_day_stated_before(lang: str, text: str, expected: str) -> None:
    assert values(text, lang)[-1] == expected


def test_a_later_side_remark_does_not_move_the_timeline() -> None:
    text = (
        "Am Dienstag, 4. Juli 2023, waren ab 8:40 Uhr viele Dienste gestört. Das ist ärgerlich kurz vor "
        "der Frist am 25. Juli. Gegen 13 Uhr liefen die ersten Anwendungen wieder."
    )
    assert values(text, "de")[-1] == "2023-07-04T13:00:00"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "en",
            "Between 16:00 UTC on 10 July 2023 and 00:05 UTC on 11 July 2023 requests failed.\n"
            "- 15:45 UTC – change deployed.\n- 20:20 UTC – rollback complete.",
        ),
        (
            "de",
            "Zwischen 16:00 UTC am 10. Juli 2023 und 00:05 UTC am 11. Juli 2023 gab es Fehler.\n"
            "- 15:45 UTC – Änderung verteilt.\n- 20:20 UTC – Rücknahme abgeschlossen.",
        ),
    ],
)
def test_timeline_after_an_interval_stays_on_its_start_day(lang: str, text: str) -> None:
    found = values(text, lang)
    assert found[2:] == ["2023-07-10T15:45:00+00:00", "2023-07-10T20:20:00+00:00"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Between 08:20 and 11:05 UTC on 10 July 2023, deployments failed.",
            ["2023-07-10T08:20:00+00:00", "2023-07-10T11:05:00+00:00"],
        ),
        (
            "en",
            "Between 23:10 and 01:30 UTC on 10 July 2023, deployments failed.",
            ["2023-07-09T23:10:00+00:00", "2023-07-10T01:30:00+00:00"],
        ),
        (
            "de",
            "Zwischen 8:20 und 11:05 Uhr UTC am 10. Juli 2023 schlugen Bereitstellungen fehl.",
            ["2023-07-10T08:20:00+00:00", "2023-07-10T11:05:00+00:00"],
        ),
    ],
)
def test_interval_left_end_takes_the_right_ends_day(lang: str, text: str, expected: list[str]) -> None:
    assert values(text, lang) == expected


def test_zoned_time_takes_the_day_in_its_own_zone() -> None:
    text = (
        "Am Montag, dem 17. Juli 2023, begann die Störung um 00:11 Uhr PDT (9:11 Uhr MESZ). "
        "Gegen 12 Uhr mittags deutscher Zeit lief vieles wieder. AWS meldete um 15:01 Uhr PDT, alles laufe."
    )
    assert values(text, "de")[-1] == "2023-07-17T15:01:00-07:00"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "de",
            "Outlook ist gestört.\n\nNachtrag 10:30 Uhr: Microsoft meldet einen Fix.",
            "2023-07-18T10:30:00",
        ),
        (
            "de",
            "Am Montag fiel Outlook aus.\n\nUpdate 11:30 Uhr: Der Fehler ist behoben.",
            "2023-07-18T11:30:00",
        ),
        (
            "en",
            "Outlook was down on Monday.\n\nUpdate 10:30: Microsoft rolled out a fix.",
            "2023-07-18T10:30:00",
        ),
        ("en", "Outlook was down on Monday.\n\nUPDATE (10:30): It is fixed.", "2023-07-18T10:30:00"),
    ],
)
def test_post_update_line_is_on_the_posts_day(lang: str, text: str, expected: str) -> None:
    assert values(text, lang, published=MORNING_POST)[-1] == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "de",
            "Am 10. Juli fiel der Dienst aus. Am Folgetag um 9 Uhr lief er wieder.",
            "2023-07-11T09:00:00",
        ),
        (
            "en",
            "On July 10 at 14:00 UTC it failed. At 16:00 UTC the next day it recovered.",
            "2023-07-11T16:00:00+00:00",
        ),
        (
            "en",
            "The fix was deployed at 14:00 UTC. Two hours later errors returned.",
            "2023-07-18T16:00:00+00:00",
        ),
        ("de", "Am 10. Juli fiel Azure aus. Erst drei Tage zuvor hatte AWS Probleme.", "2023-07-07"),
        ("en", "It began at 21:56 UTC the evening before, Microsoft said.", "2023-07-17T21:56:00+00:00"),
    ],
)
def test_narrative_relatives_count_from_the_storys_day(lang: str, text: str, expected: str) -> None:
    assert values(text, lang)[-1] == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "en",
            "Incident began at 2023-07-10 19:00 and ended at 2023-07-11 12:06 (all times are US/Pacific).",
            ["2023-07-10T19:00:00-07:00", "2023-07-11T12:06:00-07:00"],
        ),
        (
            "de",
            "Beginn 10.07.2023, 19:00 Uhr, Ende 11.07.2023, 12:06 Uhr. Alle Zeitangaben in MESZ.",
            ["2023-07-10T19:00:00+02:00", "2023-07-11T12:06:00+02:00"],
        ),
    ],
)
def test_declared_zone_applies_to_naive_times(lang: str, text: str, expected: list[str]) -> None:
    assert values(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "On Tuesday, 25 April 2023 at 19:00 US/Pacific a pipe leaked.", "2023-04-25T19:00:00-07:00"),
        ("en", "It started at 09:00 America/New_York.", "2023-07-18T09:00:00-04:00"),
        ("de", "Die Störung begann am 25. April um 19:00 Uhr pazifischer Zeit.", "2023-04-25T19:00:00-07:00"),
        ("de", "Beginn um 9 Uhr Ostküstenzeit.", "2023-07-18T09:00:00-04:00"),
        ("en", "The channel file has a timestamp of 0409 UTC.", "2023-07-18T04:09:00+00:00"),
        ("en", "A fix is scheduled for 28/11.", "2023-11-28"),
    ],
)
def test_more_zone_and_date_forms(lang: str, text: str, expected: str) -> None:
    assert values(text, lang)[-1] == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Gegen 1:05 Uhr MEZ in der Nacht zum Donnerstag war es behoben.", "2023-07-13T01:05:00+01:00"),
        ("de", "In der Nacht zum Dienstag fiel der Dienst aus.", "2023-07-18"),
        ("de", "Um 23 Uhr in der Nacht zum Dienstag fiel der Dienst aus.", "2023-07-17T23:00:00"),
        ("en", "Overnight into Tuesday the service was down.", "2023-07-18"),
    ],
)
def test_night_to_a_weekday_is_one_mention(lang: str, text: str, expected: str) -> None:
    assert values(text, lang) == [expected]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Am Dienstagmittag fiel Cloudflare aus.", "2023-07-18"),
        ("de", "Seit Dienstagmorgen ist Outlook gestört.", "2023-07-18"),
    ],
)
def test_weekday_compounds_are_days(lang: str, text: str, expected: str) -> None:
    assert values(text, lang) == [expected]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("de", "Postfix 3.5.18 auf Debian 11 loggt Fehler."),
        ("de", "NDR 550 5.1.10 und 554 5.4.14 nach dem Umzug; dazu 5.7.57."),
        ("en", "Gmail answers with 421-4.7.28 and 550 5.7.26 now."),
        ("de", "Raum 3.1.15, Gebäude 20.21."),
        ("de", "Servicedesk: Tel. 0721 608-8000 (Mo–Fr 8–18 Uhr), täglich von 9 bis 17 Uhr."),
        ("en", "Our service desk is open Mon-Fri 9am-5pm; support is available 24/7."),
    ],
)
def test_versions_codes_and_opening_hours_are_no_timestamps(lang: str, text: str) -> None:
    assert texts(text, lang) == []


def test_two_digit_year_near_the_anchor_is_still_a_date() -> None:
    assert values("Seit dem 3.7.23 gibt es Probleme.", "de") == ["2023-07-03"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Unser Dienstleister ist erst ab Montag wieder erreichbar.", "2023-07-24"),
        ("de", "Microsoft will am Freitag ein Update verteilen.", "2023-07-21"),
        ("en", "Microsoft will ship a fix on Friday.", "2023-07-21"),
        ("en", "Microsoft said on Friday it had found the cause.", "2023-07-14"),
        ("de", "Am Freitag war der Dienst gestört.", "2023-07-14"),
    ],
)
def test_tense_of_the_sentence_picks_the_weekday(lang: str, text: str, expected: str) -> None:
    assert values(text, lang) == [expected]


def test_said_and_will_in_one_sentence() -> None:
    found = values("Microsoft said on Monday it will ship a fix on Friday.", "en")
    assert found == ["2023-07-17", "2023-07-21"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Die Störung dauerte von 8.30 bis 10.15 Uhr.", ["2023-07-18T08:30:00", "2023-07-18T10:15:00"]),
        (
            "en",
            "Errors between 14:00 and 16:30 UTC.",
            ["2023-07-18T14:00:00+00:00", "2023-07-18T16:30:00+00:00"],
        ),
        (
            "de",
            "Wartung von 10:00 bis 12:00 Uhr MESZ.",
            ["2023-07-18T10:00:00+02:00", "2023-07-18T12:00:00+02:00"],
        ),
    ],
)
def test_ranges_share_zone_and_day(lang: str, text: str, expected: list[str]) -> None:
    assert values(text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Stand: 18.07.2023, 21:30 Uhr. Gegen 8 Uhr fiel Outlook aus.", "2023-07-18T08:00:00"),
        ("en", "Last updated 18 July 2023, 21:30. Outlook failed at 8:00.", "2023-07-18T08:00:00"),
        (
            "en",
            "On 17 July 2023 at 23:30 UTC it began. At 00:15 UTC it was fixed.",
            "2023-07-18T00:15:00+00:00",
        ),
        (
            "de",
            "Am 17. Juli 2023 um 23:30 Uhr UTC begann es. Um 00:15 Uhr UTC war es behoben.",
            "2023-07-18T00:15:00+00:00",
        ),
    ],
)
def test_timeline_earlier_that_day_or_past_midnight(lang: str, text: str, expected: str) -> None:
    assert values(text, lang, published="2023-07-18T22:00:00+02:00")[-1] == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Every 5 minutes a retry; retries at 1, 2 and 4 minutes."),
        ("de", "Versuche um 1, 2 und 4 Minuten."),
    ],
)
def test_a_list_of_numbers_is_no_clock_time(lang: str, text: str) -> None:
    assert texts(text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Die Störung begann am Montag gegen 9 Uhr und dauerte bis in den Nachmittag.", "2023-07-17"),
        ("en", "It began on Monday at 9:00 and lasted into the afternoon.", "2023-07-17"),
    ],
)
def test_a_bare_part_of_day_takes_the_storys_day(lang: str, text: str, expected: str) -> None:
    assert values(text, lang)[-1] == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("en", "It was fixed at 7:30 a.m. Eastern on Monday.", "2023-07-17T07:30:00-04:00"),
        ("en", "UPDATE 7/17: Microsoft says the issue is fixed.", "2023-07-17"),
        ("de", "Nachtrag 17.7.: Microsoft meldet den Fehler als behoben.", "2023-07-17"),
    ],
)
def test_update_dates_and_am_pm_with_zone(lang: str, text: str, expected: str) -> None:
    assert values(text, lang) == [expected]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("de", "Das Update, das am 11. Juli erschienen ist, soll den Fehler beheben.", "2023-07-11"),
        ("en", "The update that shipped on July 11 will be replaced.", "2023-07-11"),
        ("de", "Der Patch soll am 25. Juli erscheinen.", "2023-07-25"),
    ],
)
def test_future_tense_moves_a_date_only_a_little_ahead(lang: str, text: str, expected: str) -> None:
    assert values(text, lang) == [expected]
