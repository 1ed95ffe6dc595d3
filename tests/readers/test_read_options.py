"""Read options: masking in readers, options from run settings, JSON files with a column map."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from extract.model import Record
from extract.readers import ReadOptions, read_options_for, read_paths

DATA = Path(__file__).parent / "data"


def test_readers_mask_emails_and_ips_one_for_one_when_asked():
    plain = {r.id: r.text for r in read_paths([DATA / "teams-stoerung.html"])}
    masked = {r.id: r.text for r in read_paths([DATA / "teams-stoerung.html"], ReadOptions(mask_pii=True))}
    original, hidden = plain["teams-stoerung#c7001"], masked["teams-stoerung#c7001"]
    assert "anna.beispiel@firma.example.de" in original
    assert "anna.beispiel" not in hidden
    assert len(hidden) == len(original)
    assert hidden.replace("xxxx.xxxxxxxx@xxxxx.xxxxxxx.xx", "anna.beispiel@firma.example.de") == original


def test_options_from_settings_like_objects():
    @dataclass(frozen=True)
    class RunSettings:
        input_format: str | None = "csv"
        column_map: tuple[tuple[str, str], ...] = (("body", "text"),)

    options = read_options_for(RunSettings())
    assert (options.format, dict(options.column_map)) == ("csv", {"body": "text"})
    assert read_options_for(object(), mask_pii=True) == ReadOptions(mask_pii=True)


def test_json_list_with_column_map(tmp_path):
    path = tmp_path / "posts.json"
    path.write_text(json.dumps([{"slug": "a", "body": "A"}, {"slug": "b", "body": "B"}]), encoding="utf-8")
    records = list(read_paths([path], ReadOptions(column_map={"slug": "id", "body": "text"})))
    assert all(isinstance(r, Record) for r in records)
    assert [(r.id, r.text, r.source) for r in records] == [("a", "A", f"{path}:1"), ("b", "B", f"{path}:2")]
