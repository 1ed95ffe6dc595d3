"""Readers: every bad record is reported with file, line and reason; the batch goes on."""

from __future__ import annotations

import gzip
import json

from extract.errors import InputError
from extract.model import Record
from extract.readers import read_paths


def test_txt_file_is_one_document_with_title_and_id(tmp_path):
    path = tmp_path / "my-post.txt"
    path.write_text("Titel der Seite\n\nText.", encoding="utf-8")
    (record,) = read_paths([path])
    assert isinstance(record, Record)
    assert (record.id, record.title, record.text) == (
        "my-post",
        "Titel der Seite",
        "Titel der Seite\n\nText.",
    )


def test_jsonl_bad_lines_are_errors_and_good_lines_records(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "a", "text": "EX649175 Störung", "published": "2023-07-18"}),
                "{not json",
                json.dumps({"id": "b"}),
                json.dumps({"id": "c", "text": "ok"}),
            ]
        ),
        encoding="utf-8",
    )
    results = list(read_paths([path]))
    assert [r.id for r in results if isinstance(r, Record)] == ["a", "c"]
    errors = [r for r in results if isinstance(r, InputError)]
    assert [(e.line, e.reason.split(":")[0]) for e in errors] == [
        (2, "invalid JSON"),
        (3, "record has no 'text'"),
    ]
    assert results[0].published == "2023-07-18"


def test_binary_file_and_missing_path_are_errors(tmp_path):
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    results = list(read_paths([tmp_path / "image.txt", tmp_path / "missing.txt"]))
    assert all(isinstance(r, InputError) for r in results)
    assert "binary" in results[0].reason
    assert "no such file" in results[1].reason


def test_gz_and_directories_are_read_recursively_in_sorted_order(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("B\nb", encoding="utf-8")
    with gzip.open(tmp_path / "a.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"id": "a1", "text": "x"}) + "\n")
    ids = [r.id for r in read_paths([tmp_path])]
    assert ids == ["a1", "b"]


def test_cp1252_text_is_decoded(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Störung bei Exchange Online – Nutzer können keine E-Mails senden.".encode("cp1252"))
    (record,) = read_paths([path])
    assert isinstance(record, Record)
    assert "Störung" in record.text
