"""Tables and JSON with column mapping: CSV (streamed, legacy encodings), Parquet, JSONL."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd
import pytest

from extract.errors import InputError
from extract.model import Record
from extract.readers import ReadOptions, read_paths

SCRAPED = ReadOptions(column_map={"post_id": "id", "body": "text", "date": "published", "thread": "parent"})


def test_csv_with_column_map_quoted_newlines_and_bad_rows(tmp_path):
    path = tmp_path / "scraped.csv"
    path.write_text(
        "post_id;body;date;thread;likes\n"
        '1;"Exchange Online gestört.\n\nEX649175";2023-07-18T10:00:00+02:00;;3\n'
        "2;Bei mir auch;2023-07-18;1;0\n"
        ";kein id;;;\n"
        "4;zu;viele;felder;x;y\n"
        "\n"
        "5;Grüße;;;\n",
        encoding="utf-8",
    )
    results = list(read_paths([path], SCRAPED))
    records = [r for r in results if isinstance(r, Record)]
    assert [(r.id, r.text, r.published, r.parent) for r in records] == [
        ("1", "Exchange Online gestört.\n\nEX649175", "2023-07-18T10:00:00+02:00", None),
        ("2", "Bei mir auch", "2023-07-18", "1"),
        ("5", "Grüße", None, None),
    ]
    assert records[1].source == f"{path}:5"  # the line the row ends on (row 1 spans lines 2-4)
    errors = [(e.line, e.reason) for e in results if isinstance(e, InputError)]
    assert errors == [(6, "record has no 'id'"), (7, "row has 6 fields, the header 5")]


def test_csv_in_cp1252_is_decoded_line_by_line(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes("id,text\na,Störung – Größe\n".encode("cp1252"))
    (record,) = read_paths([path])
    assert record.text == "Störung – Größe"


def test_parquet_with_column_map_and_datetimes(tmp_path):
    path = tmp_path / "scraped.parquet"
    pd.DataFrame(
        {
            "post_id": ["p1", "p2"],
            "body": ["EX649175 behoben", None],
            "date": [
                datetime(2023, 7, 18, 8, 0, tzinfo=UTC),
                datetime(2023, 7, 19, tzinfo=UTC),
            ],
            "thread": [None, "p1"],
        }
    ).to_parquet(path)
    first, second = read_paths([path], SCRAPED)
    assert (first.id, first.text, first.published, first.parent) == (
        "p1",
        "EX649175 behoben",
        "2023-07-18T08:00:00+00:00",
        None,
    )
    assert isinstance(second, InputError)
    assert (second.line, second.reason) == (2, "record has no 'text'")


def test_jsonl_column_map(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(json.dumps({"post_id": 7, "body": "Text", "text": "ignored"}) + "\n", encoding="utf-8")
    (record,) = read_paths([path], SCRAPED)
    assert (record.id, record.text) == ("7", "Text")


def test_column_map_targets_and_formats_are_validated():
    with pytest.raises(ValueError, match="not record keys"):
        ReadOptions(column_map={"body": "content"})
    with pytest.raises(ValueError, match="format"):
        ReadOptions(format="docx")


def test_broken_parquet_is_an_error(tmp_path):
    path = tmp_path / "broken.parquet"
    path.write_bytes(b"PAR1 not really")
    (error,) = read_paths([path])
    assert error.reason.startswith("not a readable Parquet file")
