"""Bad inputs: each gives a clear per-record error or a correct decode, and the batch completes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.config import Settings
from extract.errors import InputError
from extract.model import Record
from extract.readers import ReadOptions, read_paths
from extract.readers.base import MiB

DATA = Path(__file__).parent / "data"
BIG = 50 * MiB


def _write_big_line(path: Path) -> None:
    """A JSONL file whose first line is one 50 MB record, then a normal record."""
    with path.open("wb") as handle:
        handle.write(b'{"id": "big", "text": "')
        chunk = b"Exchange Online St\\u00f6rung 503 5.5.1 " * 1024
        written = 0
        while written < BIG:
            handle.write(chunk)
            written += len(chunk)
        handle.write(b'"}\n')
        handle.write(json.dumps({"id": "after-big", "text": "EX649175"}).encode() + b"\n")


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("bad")
    raw = (DATA / "blog.wordpress.2023-07-19.xml").read_bytes()
    (folder / "a-truncated.xml").write_bytes(raw[: raw.index(b"<wp:comment_id>5003")])
    (folder / "b-legacy.txt").write_bytes(
        "Störung bei Exchange Online – Nutzer können keine E-Mails senden (Größe 5 €).".encode("cp1252")
    )
    (folder / "c-legacy.jsonl").write_bytes(
        json.dumps({"id": "cp", "text": "PLACEHOLDER"})
        .replace("PLACEHOLDER", "Grüße, Störung")
        .encode("cp1252")
        + b"\n"
    )
    (folder / "d-binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "e-image.html").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\x00" * 64)
    (folder / "f-empty.txt").write_bytes(b"")
    (folder / "g-empty.jsonl").write_bytes(b"")
    (folder / "h-empty.xml").write_bytes(b"")
    _write_big_line(folder / "i-big.jsonl")
    (folder / "z-good.txt").write_text("Letzte Datei\n\nEX649175 ist behoben.", encoding="utf-8")
    return folder


def _by_file(results) -> dict[str, list]:
    grouped: dict[str, list] = {}
    for item in results:
        where = item.where if isinstance(item, InputError) else item.source
        grouped.setdefault(Path(where.split(":")[0]).name, []).append(item)
    return grouped


def test_each_bad_input_gives_a_clear_error_or_a_correct_decode(bad_inputs):
    grouped = _by_file(read_paths([bad_inputs]))
    (truncated,) = grouped["a-truncated.xml"]  # cut inside the first post: nothing complete to keep
    assert truncated.reason.startswith("truncated or malformed XML (no element found: line")
    assert truncated.reason.endswith("; 0 items before it were read")
    (legacy,) = grouped["b-legacy.txt"]
    assert legacy.text == "Störung bei Exchange Online – Nutzer können keine E-Mails senden (Größe 5 €)."
    (legacy_line,) = grouped["c-legacy.jsonl"]
    assert legacy_line.text == "Grüße, Störung"
    for name in ("d-binary.txt", "e-image.html"):
        (error,) = grouped[name]
        assert error.reason.startswith("binary content"), name
    for name in ("f-empty.txt", "g-empty.jsonl", "h-empty.xml"):
        (error,) = grouped[name]
        assert error.reason == "empty file", name
    big, after = grouped["i-big.jsonl"]
    assert isinstance(big, InputError)
    assert (big.line, big.reason) == (1, "line longer than the limit of 16 MiB per record")
    assert (after.id, after.text) == ("after-big", "EX649175")  # the file goes on after the long line
    (good,) = grouped["z-good.txt"]
    assert isinstance(good, Record)


def test_a_50_mb_line_decodes_when_the_limit_allows(bad_inputs):
    options = ReadOptions(max_record_bytes=64 * MiB)
    big, after = read_paths([bad_inputs / "i-big.jsonl"], options)
    assert isinstance(big, Record)
    assert len(big.text) > 40 * MiB  # "\\u00f6" escapes are 6 bytes for 1 character
    assert big.text.startswith("Exchange Online Störung 503 5.5.1 ")
    assert after.id == "after-big"


def test_the_batch_completes_and_reports_every_bad_record(bad_inputs, tmp_path):
    from extract.batch import run_batch

    out = tmp_path / "out"
    summary = run_batch([bad_inputs], out, Settings(author_key="test-key"))
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    failed = sorted(Path(e["file"]).name for e in errors)
    assert failed == [
        "a-truncated.xml",
        "d-binary.txt",
        "e-image.html",
        "f-empty.txt",
        "g-empty.jsonl",
        "h-empty.xml",
        "i-big.jsonl",
    ]
    assert summary["documents"]["failed"] == len(errors)
    assert summary["documents"]["processed"] == 4  # 2 legacy, after-big, good
