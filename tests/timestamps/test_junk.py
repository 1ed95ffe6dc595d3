"""Durations, versions, IDs, counts and product years are not timestamps."""

from __future__ import annotations

import pytest

from tests.timestamps.conftest import timestamps

NOT_TIMESTAMPS = [
    ("de", "Version 5.5.1 ist da"),
    ("de", "Fehler 503 5.5.1 beim Senden"),
    ("de", "Die Störung EX649175 betrifft Exchange"),
    ("de", "User #1: Ich war betroffen."),
    ("en", "Users' email delivery may be delayed for 15 minutes or longer."),
    ("en", "Some users may encounter delivery delays of up to approximately five hours."),
    ("en", "Some users may encounter delivery delays of up to approximately four hours."),
    ("en", "We'll provide an update within 30 minutes."),
    ("de", "Wir betreiben noch Exchange 2019 und Exchange 2016."),
    ("de", "Rufen Sie uns an: +49 30 1234567 oder 030/1234567."),
    ("de", "Das Abo kostet 12.99 Euro im Monat."),
    ("de", "Guten Morgen zusammen, bei uns geht nichts."),
    ("en", "Users may be unable to send email."),
    ("de", "Die Preise steigen um 5 Prozent."),
    ("de", "Auf Seiten wie gibt es einen Peak von 25 Meldungen pro Zeiteinheit."),
    ("de", "Das kam viel zu früh."),
    ("en", "The outage lasted five hours."),
    ("en", "It took 2 hours to restore service."),
    ("de", "Der Ausfall dauerte 3 Stunden."),
    ("en", "Fixed in build 16.0.1234.5678 and KB5028166."),
    ("de", "Siehe Abschnitt 3.2. und 4.1.2 der Anleitung."),
    ("en", "Score was 16:9 in the ratio."),
    ("en", "Microsoft 365 and Office 2021 are affected."),
    ("de", "Am Ende ging nichts mehr und um die 50 Nutzer waren betroffen."),
    ("de", "Gegen 20 Prozent der Anfragen schlugen fehl, das geht seit Jahren so."),
    ("de", "Ab sofort gilt: bis zu 5 Stunden Verzögerung, nach 3 Versuchen Abbruch."),
    ("de", "Windows 11 23H2, Version 2.1, KB5028166, TLS 1.2, Port 443, HTTP 503."),
    ("de", "Fehlercode 0x80070005 und Error 500 bei 1 von 3 Servern, Top 10, Office 2016."),
    ("de", "In 2 Fällen kam es zu Fehlern. Die Sache ist in 3 Schritten erledigt."),
    ("en", "We saw errors at 50% of sites, around 20 users, support is available 24/7."),
    ("en", "The 3rd party service was affected; Sun Microsystems said so."),
    ("en", "It may take a while. Users march on."),
    ("de", "Die Preise von 9.99 EUR gelten ab 1.000 Stück."),
    ("de", "Ticket #12345 am Platz 3."),
    ("de", "Das kostet 15,00 € und dauert 10 min."),
    ("de", "Wir haben 3 Tage gewartet."),
    ("de", "Die letzten 2 Wochen waren schwierig."),
]


@pytest.mark.parametrize(("lang", "text"), NOT_TIMESTAMPS)
def test_no_timestamp(lang: str, text: str) -> None:
    assert [m.text for m in timestamps(text, lang=lang)] == []
