"""WordPress exports: published posts and approved comments with parents and dates; skips counted."""

from __future__ import annotations

from pathlib import Path

from extract.errors import InputError
from extract.model import Record
from extract.readers import ReadOptions, SkipLog, Skipped, read_items, read_paths
from extract.readers.wxr import wp_datetime

DATA = Path(__file__).parent / "data"
WXR = DATA / "blog.wordpress.2023-07-19.xml"
POST = "exchange-online-blockt-e-mails-18-7-2023"


def _records(items):
    return [i for i in items if isinstance(i, Record)]


def test_published_posts_and_approved_comments_with_parents_and_dates():
    records = {r.id: r for r in _records(read_items([WXR]))}
    assert sorted(records) == sorted(
        [POST, f"{POST}#c5001", f"{POST}#c5002", f"{POST}#c5003", f"{POST}#c5007", "störungen-melden"]
    )
    post = records[POST]
    assert post.title == "Exchange Online blockt E-Mails (18.7.2023)"
    assert post.text.startswith("Exchange Online blockt E-Mails (18.7.2023)\n\nAm heutigen 18. Juli 2023")
    assert "503 5.5.1 Bad sequence of commands – Details unter EX649175." in post.text
    assert "<p>" not in post.text
    assert "wp:paragraph" not in post.text
    assert post.published == "2023-07-18T10:45:12+02:00"  # local time with the offset from the GMT date
    assert post.author == "redakteurin"
    assert post.parent is None
    # nesting: 5002 replies to 5001, 5003 to 5002; 5007 replied to a spam comment and hangs on the post
    parents = {rid: r.parent for rid, r in records.items() if "#c" in rid}
    assert parents == {
        f"{POST}#c5001": POST,
        f"{POST}#c5002": f"{POST}#c5001",
        f"{POST}#c5003": f"{POST}#c5002",
        f"{POST}#c5007": POST,
    }
    first = records[f"{POST}#c5001"]
    assert (first.author, first.published) == ("viebrix", "2023-07-18T11:02:00+02:00")
    assert first.text.startswith("Bei uns seit 8 Uhr dasselbe: 503 5.5.1.\nSchreibt mir")
    assert first.url.endswith("/exchange-online-blockt-e-mails-18-7-2023/#comment-5001")
    assert records[f"{POST}#c5002"].text == "In der Schweiz ebenfalls, seit ca. 9 Uhr."


def test_skipped_items_are_counted_by_reason():
    skips = [i for i in read_items([WXR]) if isinstance(i, Skipped)]
    assert {s.reason: s.count for s in skips} == {
        "comment on a skipped post": 1,
        "comment pingback": 1,
        "comment spam": 1,
        "comment unapproved": 1,
        "post status draft": 1,
        "post status trash": 1,
        "post type attachment": 1,
        "post type nav_menu_item": 1,
    }
    log = SkipLog()
    results = list(read_paths([WXR], skipped=log))
    assert not any(isinstance(r, Skipped) for r in results)  # read_paths keeps its old item types
    assert log.total == 8
    assert log.to_dict()["by_reason"]["comment spam"] == 1


def test_pages_can_be_left_out_by_option():
    ids = [r.id for r in _records(read_items([WXR], ReadOptions(wxr_post_types=("post",))))]
    assert "störungen-melden" not in ids
    assert POST in ids


def test_wordpress_dates():
    assert wp_datetime("2023-01-08 10:00:00", "2023-01-08 09:00:00") == "2023-01-08T10:00:00+01:00"
    assert wp_datetime("2023-07-19 07:00:00", "0000-00-00 00:00:00") == "2023-07-19T07:00:00"
    assert wp_datetime("", "2023-07-18 08:00:00") == "2023-07-18T08:00:00+00:00"
    assert wp_datetime("2023-07-18 10:00:00", "2023-07-16 08:00:00") == "2023-07-18T10:00:00"


def test_truncated_export_keeps_complete_posts_and_names_file_line_and_reason(tmp_path):
    raw = WXR.read_bytes()
    cut = raw.index(b"<title>Entwurf: Teams")  # inside the second item
    path = tmp_path / "truncated.xml"
    path.write_bytes(raw[:cut])
    items = list(read_items([path]))
    assert POST in [r.id for r in _records(items)]
    (error,) = [i for i in items if isinstance(i, InputError)]
    assert error.where == str(path)
    assert error.reason.startswith("truncated or malformed XML")
    assert "1 items before it were read" in error.reason
    assert error.line == raw[:cut].count(b"\n") + 1


def test_entity_expansion_is_refused(tmp_path):
    path = tmp_path / "bomb.xml"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>\n'
        '<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item><title>&b;</title>'
        "<wp:post_type>post</wp:post_type></item></channel></rss>",
        encoding="utf-8",
    )
    (error,) = list(read_items([path]))
    assert isinstance(error, InputError)
    assert error.reason.startswith("unsafe XML refused (EntitiesForbidden")


def test_explicit_format_reads_any_file_name(tmp_path):
    path = tmp_path / "export.data"
    path.write_bytes(WXR.read_bytes())
    assert POST in [r.id for r in _records(read_items([path], ReadOptions(format="wxr")))]
    (error,) = list(read_items([path]))
    assert "unsupported file type" in error.reason
