"""HTML pages: the post from the main text, comments from WordPress comment markup."""

from __future__ import annotations

from pathlib import Path

from extract.errors import InputError
from extract.model import Record
from extract.readers import Skipped, read_items
from extract.readers.html import html_fragment_to_text

DATA = Path(__file__).parent / "data"
PAGE = DATA / "teams-stoerung.html"


def test_page_gives_post_and_nested_comments():
    items = list(read_items([PAGE]))
    records = {r.id: r for r in items if isinstance(r, Record)}
    assert list(records) == [
        "teams-stoerung",
        "teams-stoerung#c7001",
        "teams-stoerung#c7002",
        "teams-stoerung#c7003",
    ]
    post = records["teams-stoerung"]
    assert post.title == "Microsoft Teams: Störung beim Anmelden (25.1.2023)"
    assert post.text.startswith(
        "Microsoft Teams: Störung beim Anmelden (25.1.2023)\n\nSeit dem Mittwochmorgen"
    )
    assert "TM497812 im Admin Center.\n\nBetroffen sind" in post.text  # paragraphs stay blocks
    assert "We're investigating an issue impacting users' ability to sign in" in post.text
    for boilerplate in (
        "Impressum",
        "Schreibe einen Kommentar",
        "Anna Beispiel",
        "AADSTS50126",
        "tracking",
        "Pingback",
    ):
        assert boilerplate not in post.text, boilerplate
    assert (post.published, post.url, post.author) == (
        "2023-01-25T09:12:00+01:00",
        "https://blog.example.de/2023/01/25/teams-stoerung-anmelden/",
        "Erika Redakteurin",
    )
    first, reply, third = (records[f"teams-stoerung#c{n}"] for n in (7001, 7002, 7003))
    assert (first.author, first.published, first.parent) == (
        "Anna Beispiel",
        "2023-01-25T09:40:11+01:00",
        "teams-stoerung",
    )
    assert first.text == (
        "Bei uns seit 8:30 Uhr, Fehler AADSTS50126 bei der Anmeldung.\n\n"
        "Kontakt für Rückfragen: anna.beispiel@firma.example.de"
    )
    assert (reply.author, reply.parent, reply.text) == (
        "Bernd",
        "teams-stoerung#c7001",
        "Hier dasselbe, seit ca. 10 Uhr geht es wieder.",
    )
    assert (third.author, third.parent) == ("Carla", "teams-stoerung")
    assert first.url == "https://blog.example.de/2023/01/25/teams-stoerung-anmelden/#comment-7001"
    assert [(s.reason, s.count) for s in items if isinstance(s, Skipped)] == [("pingback/trackback", 1)]


def test_page_without_comment_markup_keeps_comments_in_its_text(tmp_path):
    page = tmp_path / "forum-thread.html"
    page.write_text(
        "<html><head><title>Outlook-Störung</title></head><body><article>"
        "<h1>Outlook-Störung am Montag</h1>"
        "<p>Seit Montagmorgen können viele Nutzer keine E-Mails in Outlook abrufen. Microsoft untersucht"
        " das Problem unter der Kennung EX512345 und verweist auf das Admin Center.</p>"
        "<p>Betroffen sind vor allem Nutzer in Deutschland und Österreich, meldet ein Leser.</p>"
        "</article><section id='comments'><h2>Kommentare</h2>"
        "<div class='comment-item'><p>Uwe sagt:</p><p>Hier auch seit 9 Uhr, Fehler 0x800CCC0E.</p></div>"
        "</section></body></html>",
        encoding="utf-8",
    )
    (record,) = [r for r in read_items([page]) if isinstance(r, Record)]
    assert record.id == "forum-thread"
    assert record.title == "Outlook-Störung am Montag"
    assert record.parent is None
    assert "EX512345" in record.text
    assert record.text.index("EX512345") < record.text.index("0x800CCC0E")  # comments appended


def test_fragment_text_keeps_paragraphs_and_decodes_entities():
    assert html_fragment_to_text("Erster Absatz\n\nZweiter &amp; <b>fett</b><br>neue Zeile") == (
        "Erster Absatz\n\nZweiter & fett\nneue Zeile"
    )
    assert html_fragment_to_text("<p>a</p><script>x()</script><ul><li>1</li><li>2</li></ul>") == "a\n\n1\n2"


def test_binary_and_empty_pages_are_errors(tmp_path):
    (tmp_path / "logo.html").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "empty.html").write_bytes(b"")
    (tmp_path / "blank.html").write_text("  \n", encoding="utf-8")
    errors = list(read_items([tmp_path / "logo.html", tmp_path / "empty.html", tmp_path / "blank.html"]))
    assert all(isinstance(e, InputError) for e in errors)
    assert [e.reason.split(" (")[0] for e in errors] == ["binary content", "empty file", "empty file"]
