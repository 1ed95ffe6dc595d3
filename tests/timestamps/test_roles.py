"""Roles from labels, German and English, in status blocks and inline; the title's date."""

from __future__ import annotations

import pytest

from tests.timestamps.conftest import timestamps

LABELS = [
    ("en", "Published Time: 18.07.2023 19:32:23", "published"),
    ("de", "Veröffentlicht: 18.07.2023 19:32:23", "published"),
    ("de", "Datum: 18.07.2023", "published"),
    ("en", "Start time: Monday, July 17, 2023, at 3:00 PM UTC", "start"),
    ("de", "Startzeit: Montag, 17. Juli 2023, 17:00 Uhr", "start"),
    ("de", "Beginn: 17.07.2023 17:00", "start"),
    ("en", "End time: Tuesday, July 18, 2023, at 8:00 PM UTC", "end"),
    ("de", "Endzeit: Dienstag, 18. Juli 2023, 22:00 Uhr", "end"),
    ("en", "The issue was resolved at 8:00 PM UTC.", "end"),
    ("de", "Die Störung wurde behoben um 22:00 Uhr.", "end"),
    ("en", "Next update by: Tuesday, July 18, 2023, at 10:00 AM UTC", "next_update"),
    ("de", "Nächstes Update bis: Dienstag, 18. Juli 2023, 12:00 Uhr", "next_update"),
    ("de", "Nächste Aktualisierung: 18.07.2023 12:00", "next_update"),
    ("en", "Current Update : 18/07/2023 10:22:00 AM – Microsoft disabled a rule.", "update"),
    ("de", "Aktuelles Update: 18.07.2023 10:22 – Microsoft hat eine Regel deaktiviert.", "update"),
    ("en", "We'll provide an update by 10:00 AM UTC.", "next_update"),
    ("de", "Das nächste Update gibt es um 14 Uhr.", "mention"),
    ("de", "Ein weiteres Update um 14 Uhr.", "next_update"),
    ("de", "Die Störung trat am 18.07.2023 auf.", "mention"),
    ("en", "The issue started on July 17, 2023.", "mention"),
]


@pytest.mark.parametrize(("lang", "text", "role"), LABELS)
def test_inline_label_gives_role(lang: str, text: str, role: str) -> None:
    found = timestamps(text, lang=lang)
    assert [m.role for m in found] == [role]


STATUS_BLOCK_EN = """Incident: EX648815

Published Time: 18.07.2023 19:32:23

Title: Email delivery may be delayed

Start time: Monday, July 17, 2023, at 3:00 PM UTC

Next update by: Tuesday, July 18, 2023, at 7:30 PM UTC
"""

STATUS_BLOCK_DE = """Vorfall: EX648815

Veröffentlicht: 18.07.2023 19:32:23

Titel: E-Mail-Zustellung kann verzögert sein

Startzeit: Montag, 17. Juli 2023, 17:00 Uhr

Endzeit: Dienstag, 18. Juli 2023, 21:00 Uhr

Nächste Aktualisierung bis: Dienstag, 18. Juli 2023, 21:30 Uhr
"""


def test_status_block_fields_give_roles_en() -> None:
    found = {m.role: m.value for m in timestamps(STATUS_BLOCK_EN, lang="en", prefer="past")}
    assert found == {
        "published": "2023-07-18T19:32:23",
        "start": "2023-07-17T15:00:00+00:00",
        "next_update": "2023-07-18T19:30:00+00:00",
    }


def test_status_block_fields_give_roles_de() -> None:
    found = {m.role: m.value for m in timestamps(STATUS_BLOCK_DE, lang="de", prefer="past")}
    assert found == {
        "published": "2023-07-18T19:32:23",
        "start": "2023-07-17T17:00:00",
        "end": "2023-07-18T21:00:00",
        "next_update": "2023-07-18T21:30:00",
    }


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Exchange Online blockt E-Mails (18.7.2023)\n\nAm Morgen fiel die Zustellung aus.", "de"),
        ("Exchange Online blocks email (July 18, 2023)\n\nDelivery failed this morning.", "en"),
    ],
)
def test_title_date_is_published(text: str, lang: str) -> None:
    found = timestamps(text, lang=lang, published=None)
    in_title = [(m.value, m.role) for m in found if m.end <= text.index("\n")]
    assert in_title == [("2023-07-18", "published")]
    assert {m.role for m in found if m.start > text.index("\n")} == {"mention"}


def test_alert_dateline_is_published() -> None:
    text = (
        "Microsoft 365 Alert – Service Degradation\n\n18/07/2023 08:32:00 AM (GMT)\n\nIssue Status : ONGOING"
    )
    found = timestamps(text, lang="en")
    assert [(m.value, m.role) for m in found] == [("2023-07-18T08:32:00+00:00", "published")]
