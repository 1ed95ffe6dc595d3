"""Error codes: field phrasing, look-alikes, values, descriptions and spans."""

from __future__ import annotations

import pytest

from extract.api import analyze_text
from extract.model import Document, Mention
from extract.recognizers import find_error_codes


def codes(text: str) -> list[Mention]:
    return [m for m in analyze_text(text).mentions if m.type == "error_code"]


def values(text: str) -> set[str]:
    return {m.value or "" for m in codes(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "550 5.7.708 Service unavailable. Access denied, traffic not accepted from this IP",
            "smtp:550 5.7.708",
        ),
        ("451 4.7.500 Server busy. Please try again later from [40.107.1.1]. (AS761)", "smtp:451 4.7.500"),
        ("Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound'", "smtp:550 5.1.10"),
        ("#550 5.1.1 RESOLVER.ADR.ExRecipNotFound; not found ##", "smtp:550 5.1.1"),
        ("Die Antwort lautete 550-5.7.1 Relaying denied", "smtp:550 5.7.1"),
        ("Exchange meldet 550 #5.1.0 Address rejected", "smtp:550 5.1.0"),
        ("Users get the NDR 5.7.708 after sending", "smtp:5.7.708"),
        ("Mail delivery failed: 4.4.7 Message expired", "smtp:4.4.7"),
        ("Die Mails werden mit Fehler 550 abgewiesen.", "smtp:550"),
        ("SMTP error 554 from remote mail server", "smtp:554"),
        ("Der Mailserver antwortet mit 421 Too many connections.", "smtp:421"),
        ("550 Requested action not taken: mailbox unavailable", "smtp:550"),
        ("HTTP Error 503. The service is unavailable.", "http:503"),
        ("Die Seite meldet Fehler 502 (Bad Gateway).", "http:502"),
        ("Service Unavailable (503) when opening SharePoint", "http:503"),
        ("Statuscode 503 beim Abruf der API.", "http:503"),
        ("HTTP-Fehler 500 im Portal", "http:500"),
        ("Users were seeing 503s from the API.", "http:503"),
        ("The endpoint returned a 500 for every request.", "http:500"),
        ("Cloudflare Error 522 Connection timed out", "http:522"),
        ("Anmeldung scheitert: AADSTS50076", "aadsts:50076"),
        ("Fehlercode 0x80070005 beim Update", "hresult:0x80070005"),
        ("Error 0XC000021A after the update", "hresult:0xc000021a"),
        ("Der Bluescreen zeigt den Fehler 0x0000007B", "hresult:0x0000007b"),
        ("Error code 80072EFD in the Microsoft Store", "hresult:0x80072efd"),
        ("Sign-in error code: 50126 in the Entra sign-in logs", "aadsts:50126"),
        ("Anmeldung scheitert, Fehlercode 53003 (bedingter Zugriff).", "aadsts:53003"),
        ("Azure AD meldet den Fehler 700016 bei der Anmeldung.", "aadsts:700016"),
        ("Die Seite lieferte HTTP-Fehler 502 (Bad Gateway) oder 504.", "http:504"),
        ("Nutzer sahen 502- und 504-Fehler.", "http:502"),
    ],
)
def test_field_phrasing(text: str, expected: str) -> None:
    assert expected in values(text)


@pytest.mark.parametrize(
    "text",
    [
        "Version 5.5.1 ist da und behebt Fehler beim E-Mail-Versand.",
        "Apple veröffentlicht iOS 4.2.1 und behebt Mail-Fehler.",
        "Die Wartung beginnt um 5.30 Uhr, danach kommen E-Mails wieder an.",
        "Laut Microsoft waren 503 Nutzer von dem Fehler betroffen.",
        "Nach § 5.1.2 der AGB haftet der Anbieter nicht für Fehler im Mailsystem.",
        "Der Preis liegt bei 5,50 € pro Postfach.",
        "Am 5.7.23 gab es einen Fehler beim Mailversand.",
        "Störungen am 18.07.2023 und 5.7.2023 betrafen E-Mails.",
        "Der Mailserver 10.5.7.1 antwortet nicht mehr auf Fehler-Anfragen.",
        "Exchange 2019 CU 5.1.2 behebt den Fehler bei der Zustellung.",
        "Die Hotline 0800 550 503 hilft bei E-Mail-Fehlern.",
        "More than 500 errors were logged in the first hour.",
        "Microsoft meldet 5.000 betroffene Nutzer und 503 Fehlermeldungen.",
        "The memory address 0x7ffe0000 appears in the crash-free log.",
        "The build 4.2.0 of the mail app fixes an error.",
        "Sign-in errors affected 12000 users in the tenant.",
        "Die Anmeldung scheiterte bei 25000 Nutzern mit Fehler.",
        "Login error code 12345 users reported after the MFA change.",
        "Der Anmeldefehler trat am 20240115 auf.",
    ],
)
def test_look_alikes_are_not_codes(text: str) -> None:
    assert values(text) == set()


def test_joined_code_takes_the_reply_text_into_the_span(sample_doc: Document) -> None:
    first = find_error_codes(sample_doc)[0]
    assert (first.start, first.end) == (644, 678)
    assert first.text == "503 5.5.1 Bad sequence of commands"
    assert first.value == "smtp:503 5.5.1"
    assert first.score == pytest.approx(0.98)
    assert first.source == "error_code/smtp-joined"
    assert first.extra["permanent"] is True
    assert first.extra["description"] == "Bad sequence of commands"


def test_descriptions_come_from_the_ndr_and_iana_tables() -> None:
    (ndr,) = codes("Outlook meldet 550 5.7.708 beim Senden")
    assert ndr.extra["description"] == "Access denied, traffic not accepted from this IP"
    assert ndr.extra["description_source"] == "exchange-ndr"
    (ranged,) = codes("Mails hängen mit 451 4.7.550 in der Warteschlange")
    assert ranged.extra["description_source"] == "exchange-ndr"
    assert ranged.extra["permanent"] is False
    (iana,) = codes("Die Zustellung scheitert mit 552 5.3.4")
    assert iana.extra["description"] == "Message too big for system"
    (subject,) = codes("Die Nachricht wurde mit 550 5.7.999 abgewiesen")
    assert subject.extra["description"] == "Security or Policy Status"


def test_only_a_table_text_extends_the_span() -> None:
    (mention,) = codes("Users get the error 550 5.7.1 Unable to relay for contoso.com")
    assert mention.text == "550 5.7.1 Unable to relay"
    (plain,) = codes("Users get the error 550 5.7.1 something else entirely")
    assert plain.text == "550 5.7.1"


def test_classes_must_agree_to_join() -> None:
    found = values("Der Server meldet 550 4.4.7 bei der Zustellung")
    assert "smtp:550 4.4.7" not in found
    assert "smtp:4.4.7" in found


def test_http_needs_http_context() -> None:
    assert values("Der Dienst war 503 Minuten lang gestört.") == set()
    assert values("Es gab 502 Meldungen bei Allestörungen.") == set()
    assert values("Die Seite meldet HTTP 503.") == {"http:503"}


def test_ambiguous_5xx_in_mail_context_stays_http_without_smtp_cue() -> None:
    # 500-504 are both SMTP and HTTP codes; a bare "Fehler 503" is the web error.
    assert values("Outlook im Web zeigt beim Öffnen der Mail den Fehler 503.") == {"http:503"}
    assert values("Der SMTP-Server antwortet mit SMTP-Fehler 503.") == {"smtp:503"}


def test_hex_values_are_lower_case_after_0x() -> None:
    assert values("Fehler 0x800F0922 und 0X8007000E") == {"hresult:0x800f0922", "hresult:0x8007000e"}


def test_bare_aadsts_numbers_need_sign_in_words() -> None:
    # Without a sign-in word nearby a five-digit "error code" is not taken for AADSTS.
    assert values("The printer shows error code 50126 after the paper jam.") == set()
    assert values("The Entra sign-in log shows error code 50126.") == {"aadsts:50126"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mails werden mit 550\u00a05.7.708 abgewiesen.", {"smtp:550 5.7.708"}),
        ("Die Seite meldet HTTP\u00a0503.", {"http:503"}),
        ("503\u202fService Unavailable", {"http:503"}),
        ("AADSTS\u00a050076 bei der Anmeldung", {"aadsts:50076"}),
    ],
)
def test_no_break_spaces_count_as_blanks(text: str, expected: set[str]) -> None:
    # Text taken from HTML keeps &nbsp; between numbers and words.
    assert values(text) == expected


def test_codes_after_a_plural_cue() -> None:
    assert values("Statuscodes 502 und 504 beim Aufruf der API.") == {"http:502", "http:504"}
    assert values("The error codes 404 users saw were harmless.") == set()


def test_other_vendors_sign_in_numbers_are_not_aadsts() -> None:
    assert values("Zoom meldet beim Anmelden mit dem Microsoft-Konto den Fehlercode 10004.") == set()
    text = "Zoom SSO via Entra ID fails; the Entra sign-in log shows error code 50105."
    assert values(text) == {"aadsts:50105"}
