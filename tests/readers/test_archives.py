"""Archives, compressed files, directories and globs: members read by their own type, safely."""

from __future__ import annotations

import gzip
import json
import secrets
import zipfile
from pathlib import Path

from extract.errors import InputError
from extract.model import Record
from extract.readers import ReadOptions, SkipLog, read_paths

DATA = Path(__file__).parent / "data"


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_members_are_read_by_their_own_type(tmp_path):
    archive = _zip(
        tmp_path / "archive.zip",
        {
            "posts/b.txt": b"Titel\n\nText",
            "posts/a.jsonl.gz": gzip.compress(json.dumps({"id": "a1", "text": "x"}).encode() + b"\n"),
            "export/blog.xml": (DATA / "blog.wordpress.2023-07-19.xml").read_bytes(),
            "pages/teams-stoerung.html": (DATA / "teams-stoerung.html").read_bytes(),
            "images/logo.png": b"\x89PNG\r\n\x1a\n",
            "__MACOSX/._b.txt": b"\x00\x05\x16\x07",
        },
    )
    log = SkipLog()
    results = list(read_paths([archive], skipped=log))
    assert all(isinstance(r, Record) for r in results)
    ids = [r.id for r in results]
    assert ids[0] == "exchange-online-blockt-e-mails-18-7-2023"  # members sorted by name: export/ first
    assert "teams-stoerung#c7002" in ids
    assert ids[-2:] == ["a1", "b"]
    assert results[-1].source == f"{archive}!posts/b.txt"
    reasons = log.by_reason()
    assert reasons["archive member of unsupported type .png"] == 1
    assert reasons["hidden or metadata archive member"] == 1
    assert reasons["comment spam"] == 1


def test_zip_slip_bombs_nesting_and_broken_archives_are_refused(tmp_path):
    archive = tmp_path / "evil.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as handle:
        handle.writestr("../../outside.txt", "Titel\n\nText")
        handle.writestr("/etc/passwd.txt", "root")
        handle.writestr("bomb.txt", b"0" * 5_000_000)
        handle.writestr("inner.zip", b"PK\x05\x06" + b"\x00" * 18)
        handle.writestr("ok.txt", "OK\n\nfine")
    (tmp_path / "broken.zip").write_bytes(b"PK\x03\x04 truncated")
    results = list(read_paths([archive, tmp_path / "broken.zip"]))
    errors = {e.where.removeprefix(f"{tmp_path}/"): e.reason for e in results if isinstance(e, InputError)}
    assert errors == {
        "evil.zip!../../outside.txt": "unsafe member path ('..' in the path)",
        "evil.zip!/etc/passwd.txt": "unsafe member path (absolute path)",
        "evil.zip!bomb.txt": errors["evil.zip!bomb.txt"],
        "evil.zip!inner.zip": "nested archive not read (only one level of .zip)",
        "broken.zip": errors["broken.zip"],
    }
    assert "zip bomb" in errors["evil.zip!bomb.txt"]
    assert errors["broken.zip"].startswith("not a readable zip archive")
    assert [r.id for r in results if isinstance(r, Record)] == ["ok"]
    assert not (tmp_path.parent / "outside.txt").exists()


def test_decompressed_size_is_enforced_beyond_headers(tmp_path):
    path = tmp_path / "big.txt.gz"
    path.write_bytes(gzip.compress(b"A" * 3_000_000))
    (error,) = read_paths([path], ReadOptions(max_file_bytes=1_000_000, max_record_bytes=2_000_000))
    assert "larger than the limit" in error.reason
    (record,) = read_paths([path])
    assert len(record.text) == 3_000_000


def test_truncated_gzip_keeps_complete_lines_then_is_an_error(tmp_path):
    path = tmp_path / "cut.jsonl.gz"
    lines = [json.dumps({"id": f"r{i}", "text": secrets.token_hex(20_000)}) for i in range(10)]
    data = gzip.compress("\n".join(lines).encode())
    path.write_bytes(data[: len(data) // 2])
    *records, error = read_paths([path])
    assert 3 <= len(records) < 10  # the lines before the cut are kept
    assert all(isinstance(r, Record) for r in records)
    assert isinstance(error, InputError)
    assert error.where == str(path)
    assert "truncated or corrupt compressed data" in error.reason


def test_globs_and_directories(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("Eins\n\nx", encoding="utf-8")
    (tmp_path / "a" / "two.md").write_text("Zwei\n\ny", encoding="utf-8")
    (tmp_path / "a" / "notes.docx").write_bytes(b"PK")
    (tmp_path / "b.txt").write_text("B\n\nz", encoding="utf-8")
    # glob order: sorted path names ("<tmp>/a/one.txt" < "<tmp>/b.txt")
    assert [r.id for r in read_paths([str(tmp_path / "**" / "*.txt")])] == ["one", "b"]
    assert [r.id for r in read_paths([tmp_path / "a"])] == ["one", "two"]  # .docx is not an input type
    (error,) = read_paths([str(tmp_path / "*.csv")])
    assert error.reason == "no file matches the pattern"
