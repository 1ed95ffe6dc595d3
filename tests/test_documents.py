"""Segmentation: comments, status blocks, block languages and the document's date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.documents import (
    _block_kinds,
    _comment_header,
    _comment_headers,
    document_date,
    find_comments,
    find_status_blocks,
    first_date,
    rstrip_end,
    segment,
    split_blocks,
)
from extract.model import Record


def test_sample_has_eight_comments_with_authors_and_two_replies(sample_doc):
    authors = [c.author for c in sample_doc.comments]
    assert authors == [
        "viebrix",
        "Martin Wildi",
        "Dave",
        "JohnRipper",
        "LR",
        "Wil Ballerstedt",
        "Tom801",
        "McClane",
    ]
    by_author = {c.author: c for c in sample_doc.comments}
    assert by_author["JohnRipper"].parent == by_author["Dave"].id
    assert by_author["Tom801"].parent == by_author["Wil Ballerstedt"].id
    assert sum(c.parent is not None for c in sample_doc.comments) == 2


def test_comment_bodies_end_before_the_reply_form(sample_doc, sample_text):
    last = sample_doc.comments[-1]
    body = sample_text[last.body_start : last.end]
    assert body.strip().startswith("Gestern ist uns nichts aufgefallen")
    assert "Schreibe einen Kommentar" not in body


def test_every_status_block_is_found(sample_doc):
    blocks = sample_doc.status_blocks
    # The NHSmail alert and twelve admin-center posts of EX648815.
    assert len(blocks) == 13
    alert = blocks[0]
    assert alert.get("issue_status").value == "ONGOING"
    assert [f.label for f in alert.fields[:2]] == ["NHSmail Reference", "Microsoft Reference"]
    posts = blocks[1:]
    assert all(p.get("published") is not None for p in posts)
    assert posts[0].get("share") is not None
    assert posts[-1].get("published").value == "17.07.2023 21:03:33"


def test_prose_lines_with_a_colon_are_not_status_fields(sample_doc, sample_text):
    starts = {f.start for b in sample_doc.status_blocks for f in b.fields}
    for prose in ("Ergänzung: Störung vom 18. Juli", "User #1: Ich war betroffen"):
        assert sample_text.index(prose) not in starts


def test_english_quotes_inside_the_german_post_are_tagged_en(sample_doc, sample_text):
    assert sample_doc.lang == "de"
    for quote in (
        "We're investigating an issue where some users",
        "Current status: After further investigation",
        "Issue Description : Users may be unable",
    ):
        assert sample_doc.lang_at(sample_text.index(quote)) == "en", quote
    assert sample_doc.lang_at(sample_text.index("Die Störung scheint aber weltweit")) == "de"


def test_document_date_comes_from_the_title(sample_doc):
    assert sample_doc.published == "2023-07-18"
    assert sample_doc.published_source == "title"


def test_record_date_wins_over_title():
    record = Record(
        id="x", text="Störung (18.7.2023)", title="Störung (18.7.2023)", published="2023-07-19T10:00:00+02:00"
    )
    assert document_date(record) == ("2023-07-19T10:00:00+02:00", "record")


def test_first_date_reads_german_and_english_written_dates():
    assert first_date("Am 3. März 2024 fiel Teams aus")[0] == "2024-03-03"
    assert first_date("On July 17, 2023 mail was delayed")[0] == "2023-07-17"
    assert first_date("Version 1.2.3 only") is None


def test_english_says_headers_without_numbers_split_comments():
    text = "Post\n\nJane Doe says:\nSame here since 8am.\n\nBob says:\nNot affected.\n\nLeave a Reply\nform"
    comments = find_comments("p", text)
    assert [c.author for c in comments] == ["Jane Doe", "Bob"]
    assert text[comments[1].body_start : comments[1].end] == "Not affected."


def test_segment_without_comments_or_fields():
    doc = segment(Record(id="x", text="Heute fällt Teams aus. Wir prüfen das."))
    assert doc.comments == ()
    assert doc.status_blocks == ()
    assert doc.lang == "de"


# --- the shortcuts keep the plain definitions --------------------------------------------------

_SAMPLE = Path(__file__).parent.parent / "data" / "samples" / "borncity-exchange-online-2023-07-18.txt"
_CORPUS = Path(__file__).parent / "quality" / "corpus" / "docs.jsonl"
_CRAFTED = [
    "Post\n\n  1. viebrix sagt:\n\nText\n\n    • Dave sagt:\nAntwort\n\nJane Doe says\nx says says:\n",
    "Titel\nzweite Zeile\n\nStatus: Investigating\nTitle: Mail delayed\n\n1. a sagt:\n\nStart time: 10:00\n",
    "Bob says:\n\n\nStatus: Resolved\n\n  \n\nLeave a Reply\nName: x",
    "\n\n\n",
    "",
]


def _texts() -> list[str]:
    texts = [_SAMPLE.read_text(encoding="utf-8"), *_CRAFTED]
    return texts + [json.loads(line)["text"] for line in _CORPUS.read_text(encoding="utf-8").splitlines()]


def _plain_kind(text, start, end, status_blocks, comments) -> str:
    """A paragraph's kind, as ``_block_kinds`` defines it, by testing every span."""
    if any(b.start <= start < b.end for b in status_blocks):
        return "status"
    if any(start <= c.start < end for c in comments) and "\n" not in text[start:end].strip():
        return "comment_header"
    if any(c.start <= start < c.end for c in comments):
        return "comment"
    return "body"


def test_block_kinds_are_the_plain_definition():
    for text in _texts():
        spans = split_blocks(text)
        comments = find_comments("d", text)
        status_blocks = find_status_blocks(text, spans)
        expected = [_plain_kind(text, s, e, status_blocks, comments) for s, e in spans]
        assert _block_kinds(text, spans, status_blocks, comments) == expected


def test_comment_headers_are_those_found_scanning_every_line():
    for text in _texts():
        expected = [m.span() for m in _comment_header().finditer(text)]
        assert [m.span() for m in _comment_headers(text)] == expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [("ab  \n\t", 0, 6), ("ab", 0, 2), ("   ", 1, 3), ("a\u2009\xa0", 0, 3), ("", 0, 0), ("a b", 2, 2)],
)
def test_rstrip_end_moves_past_white_space(text, start, end):
    plain = end
    while plain > start and text[plain - 1].isspace():
        plain -= 1
    assert rstrip_end(text, start, end) == plain
