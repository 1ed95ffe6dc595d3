"""RSS and Atom feeds: one record per item or entry; WordPress comment items get their post as parent."""

from __future__ import annotations

from pathlib import Path

from extract.errors import InputError
from extract.model import Record
from extract.readers import read_items
from extract.readers.base import Source
from extract.readers.feeds import id_from_url, sniff_xml

DATA = Path(__file__).parent / "data"
POST = "exchange-online-blockt-e-mails-18-7-2023"


def _records(path: Path) -> dict[str, Record]:
    return {r.id: r for r in read_items([path]) if isinstance(r, Record)}


def test_rss_items_and_comment_items():
    records = _records(DATA / "feed.rss")
    assert list(records) == [POST, f"{POST}#c5001", "teams-stoerung-anmelden"]
    post = records[POST]
    assert post.title == "Exchange Online blockt E-Mails (18.7.2023)"
    assert post.text == (
        "Exchange Online blockt E-Mails (18.7.2023)\n\n"
        "Am heutigen 18. Juli 2023 gibt es seit dem Morgen eine Störung in Exchange Online.\n\n"
        "Nutzer erhalten den Fehler 503 5.5.1 Bad sequence of commands – Details unter EX649175."
    )
    assert (post.published, post.author) == ("2023-07-18T08:45:12+00:00", "Erika Redakteurin")
    comment = records[f"{POST}#c5001"]
    assert (comment.parent, comment.title, comment.author) == (POST, None, "viebrix")
    assert comment.text == "Bei uns seit 8 Uhr dasselbe: 503 5.5.1."
    # without content:encoded the description is the text
    assert records["teams-stoerung-anmelden"].text.endswith("nicht bei Microsoft Teams anmelden.")


def test_atom_entries_with_html_xhtml_text_and_threading():
    records = _records(DATA / "status.atom")
    assert list(records) == ["7shm-p88", "k2lq-9zx", "7shm-p88#c3"]
    incident = records["7shm-p88"]
    assert incident.published == "2023-07-18T08:15:00+00:00"
    assert "Jul 18, 11:30 UTC\nResolved - This incident has been resolved." in incident.text
    assert (
        records["k2lq-9zx"].text
        == "Delayed webhooks\n\nWebhook deliveries are delayed.\n\nWe are monitoring."
    )
    assert records["k2lq-9zx"].published == "2023-07-17T16:00:00+02:00"  # updated when not published
    reply = records["7shm-p88#c3"]
    assert (reply.parent, reply.author, reply.title) == ("7shm-p88", "Dana Kommentar", None)


def test_xml_files_are_sniffed(tmp_path):
    for name, expected in (
        ("blog.wordpress.2023-07-19.xml", "wxr"),
        ("feed.rss", "rss"),
        ("status.atom", "atom"),
    ):
        copy = tmp_path / (name.rsplit(".", 1)[0] + ".xml")
        copy.write_bytes((DATA / name).read_bytes())
        source = Source(str(copy), copy.name, lambda p=copy: p.open("rb"))
        assert sniff_xml(source) == expected
    odd = tmp_path / "config.xml"
    odd.write_text("<configuration><a/></configuration>", encoding="utf-8")
    (error,) = list(read_items([odd]))
    assert isinstance(error, InputError)
    assert "XML of unknown kind" in error.reason


def test_ids_from_permalinks():
    assert id_from_url("https://blog.example.de/2023/07/18/st%C3%B6rung/") == "störung"
    assert id_from_url("https://blog.example.de/?p=101#comment-7") == "p101#c7"
    assert id_from_url("https://blog.example.de/2023/07/18/slug/feed/") == "slug"
    assert id_from_url("https://blog.example.de/") is None


def test_truncated_feed_is_an_error_after_the_complete_items(tmp_path):
    raw = (DATA / "feed.rss").read_bytes()
    path = tmp_path / "cut.rss"
    path.write_bytes(raw[: raw.index(b"<title>Microsoft Teams")])
    items = list(read_items([path]))
    assert [type(i).__name__ for i in items] == ["Record", "Record", "InputError"]
    assert items[-1].reason.startswith("truncated or malformed XML (no element found")
