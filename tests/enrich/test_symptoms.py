from __future__ import annotations

import pytest

from extract.enrich.symptoms import find_concepts


@pytest.mark.parametrize(
    ("text", "concepts"),
    [
        ("Mails an externe Empfänger kommen zurück mit 503 5.5.1", {"mail", "send_failure"}),
        ("Some users may be unable to send Exchange Online email messages", {"mail", "send_failure"}),
        ("Seit gestern Abend kommen E-Mails mit Verzögerung an", {"mail", "delay"}),
        ("Users' inbound and outbound email delivery may be delayed", {"mail", "delay"}),
        ("Unzustellbarkeitsnachricht beim Senden", {"send_failure"}),
        ("VPN verbindet sich nicht", {"connectivity"}),
        ("Teams: kein Ton, Mikrofon wird nicht erkannt", {"audio_video"}),
        ("Drucker im 2. OG druckt nur leere Seiten", set()),
        ("", set()),
    ],
)
def test_concepts_in_both_languages(text: str, concepts: set[str]) -> None:
    assert find_concepts([text]) == concepts


def test_version_numbers_and_product_names_are_not_symptoms() -> None:
    assert find_concepts(["Version 5.5.1 von Outlook ist da"]) == frozenset()
