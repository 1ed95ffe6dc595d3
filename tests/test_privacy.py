"""Privacy: pseudonymous authors, masked e-mail and IP addresses, and no names in any output file."""

from __future__ import annotations

import json
import random
import shutil
import stat
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from extract.config import Settings
from extract.documents import segment
from extract.model import Record
from extract.privacy import (
    _EMAIL,
    _IPV4,
    _IPV6_CANDIDATE,
    KEY_FILE,
    _is_ipv6,
    author_key,
    load_or_create_key,
    mask_record,
    mask_text,
    pii_spans,
    pseudonymize,
    pseudonymize_document,
    pseudonymize_frame,
    pseudonymize_rows,
    with_author_key,
)

DATA = Path(__file__).parent / "readers" / "data"
SAMPLE = Path(__file__).parent.parent / "data" / "samples" / "borncity-exchange-online-2023-07-18.txt"
CORPUS = Path(__file__).parent / "quality" / "corpus" / "docs.jsonl"


def test_pseudonyms_are_keyed_stable_and_opaque():
    first = pseudonymize("viebrix", "key-1")
    assert first.startswith("author_")
    assert len(first) == len("author_") + 12
    assert pseudonymize("  Viebrix ", "key-1") == first  # retyped names stay one commenter
    assert pseudonymize("viebrix", b"key-1") == first
    assert pseudonymize("viebrix", "key-2") != first
    assert pseudonymize("Martin Wildi", "key-1") != first
    assert "viebrix" not in first


def test_key_from_option_else_a_private_key_file_kept_by_the_output_folder(tmp_path):
    assert load_or_create_key(tmp_path / "a", "explicit") == "explicit"
    assert not (tmp_path / "a" / KEY_FILE).exists()
    key = load_or_create_key(tmp_path / "b", None)
    assert len(key) == 64
    assert load_or_create_key(tmp_path / "b", None) == key  # re-runs agree
    assert load_or_create_key(tmp_path / "c", None) != key
    assert stat.S_IMODE((tmp_path / "b" / KEY_FILE).stat().st_mode) == 0o600
    settings = with_author_key(Settings(), tmp_path / "b")
    assert (settings.author_key, author_key(settings)) == (key, key)
    assert with_author_key(Settings(keep_authors=True), tmp_path / "d").author_key is None


def test_rows_and_frames_get_pseudonyms_and_keep_nulls():
    rows = [{"id": "a", "author": "viebrix"}, {"id": "b", "author": None}, {"id": "c"}]
    done = pseudonymize_rows(rows, "k")
    assert done[0]["author"] == pseudonymize("viebrix", "k")
    assert done[1]["author"] is None
    assert "author" not in done[2]
    assert rows[0]["author"] == "viebrix"  # the input is not changed
    assert pseudonymize_rows(done, "k") == done  # pseudonyms are not hashed twice
    import pandas as pd

    frame = pseudonymize_frame(pd.DataFrame({"author": ["Dave", None]}), "k")
    assert frame["author"].iloc[0] == pseudonymize("Dave", "k")
    assert pd.isna(frame["author"].iloc[1])


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Mail an max.muster@example.de!", "Mail an xxx.xxxxxx@xxxxxxx.xx!"),
        ("von 192.168.0.12:443 aus", "von xxx.xxx.x.xx:443 aus"),
        ("IPv6 2001:db8::42 und fe80::1", "IPv6 xxxx:xxx::xx und xxxx::x"),
        ("::ffff:192.0.2.1", "::xxxx:xxx.x.x.x"),
    ],
)
def test_mask_keeps_length_and_separators(text, masked):
    assert mask_text(text) == masked
    assert len(mask_text(text)) == len(text)


@pytest.mark.parametrize(
    "text",
    [
        "503 5.5.1 Bad sequence of commands",
        "Build 15.20.6588.32 und Version 5.7.708",
        "um 10:22:00 Uhr, 18/07/2023 08:32:00 AM",
        "Fehler 0x80070005, AADSTS50126, EX649175",
        "Preis 1.299.000 Euro",
    ],
)
def test_mask_leaves_codes_times_and_versions(text):
    assert mask_text(text) == text


def test_mask_is_linear_on_a_long_line_without_spaces():
    text = "a" * 2_000_000 + "@" + "b." * 500_000
    assert len(mask_text(text)) == len(text)


def _scanned_spans(text: str) -> list[tuple[int, int]]:
    """``pii_spans`` as its patterns define it: each scanned over the whole text."""
    spans = [m.span() for m in _EMAIL.finditer(text)] + [m.span() for m in _IPV4.finditer(text)]
    spans += [m.span() for m in _IPV6_CANDIDATE.finditer(text) if _is_ipv6(m.group())]
    return sorted(spans)


def _pii_soup(rng: random.Random) -> str:
    pieces = [
        *"@.:-_%+ \n1a",
        "25", "255", "٣", "é", "fe80", "::", "..", "@@", "com", "de", "a" * 70, "b" * 63,
        "x@y.de", "max.muster@example.com", "192.168.0.1", "1.2.3.4.5", "2001:db8::1",
        "::ffff:10.0.0.1", "1:2:3:4:5:6:7:8", "10:22:00",
    ]  # fmt: skip
    return "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))


def test_pii_spans_are_those_of_the_patterns_scanned_everywhere():
    """The patterns are tried only where their cue ("@", ".5", ":db8:") allows a start: the same
    spans as scanning each over the whole text."""
    rng = random.Random(11)
    texts = [SAMPLE.read_text(encoding="utf-8")]
    texts += [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    texts += [_pii_soup(rng) for _ in range(20_000)]
    texts += [
        "a" * 70 + "@b.de",
        "b" * 64 + "@c.de",
        "1." * 5000,
        ":a" * 5000,
        "a@b.cd " * 50,
        "x" * 63 + "@y.de",
    ]
    for text in texts:
        assert pii_spans(text) == _scanned_spans(text), text


def test_pii_spans_in_long_runs():
    for text in ("1." * 500_000, ":a" * 500_000, "a" * 1_000_000 + "@b.de", "1.2.3.4 " * 10_000):
        assert pii_spans(text) == _scanned_spans(text)


def test_masked_record_and_pseudonymous_document_keep_offsets():
    text = "Titel\n\nText mit kontakt@firma.example.de.\n\n1. viebrix sagt:\n\nEX649175 auch hier.\n"
    record = mask_record(Record(id="d", text=text, author="Erika"))
    assert len(record.text) == len(text)
    assert record.text.index("EX649175") == text.index("EX649175")
    assert "kontakt@firma" not in record.text
    document = pseudonymize_document(segment(record), "k")
    assert document.author == pseudonymize("Erika", "k")
    assert [c.author for c in document.comments] == [pseudonymize("viebrix", "k")]


# --- end to end: no author name or e-mail address of the inputs in any output file -------------

AUTHOR_NAMES = (
    # WXR: comment authors, post author (login), display name and e-mails of the export's authors
    "viebrix",
    "Martin Wildi",
    "JohnRipper",
    "Tom801",
    "redakteurin",
    # HTML: comment authors and the page's author
    "Anna Beispiel",
    "Erika Redakteurin",
    # plain text: comment headers that documents.py parses
    "Horstmann-Kowalski",
    "Wilhelmine Quast",
)
EMAILS = (
    "admin@firma.example.com",
    "anna.beispiel@firma.example.de",
    "horst.kowalski@example.org",
    "viebrix@mail.example.at",
    "redaktion@blog.example.de",
)
PLAIN_POST = """Exchange Online: Störung beim Mailversand (18.7.2023)

Seit dem Morgen des 18. Juli 2023 melden Leser eine Störung in Exchange Online (EX649175).
Rückfragen bitte an horst.kowalski@example.org, der Server 203.0.113.9 war betroffen.

2 Kommentare

  1. Horstmann-Kowalski sagt:

    Bei uns auch, Fehler 503 5.5.1 seit 8 Uhr.

    • Wilhelmine Quast sagt:

      Hier dasselbe.

Schreibe einen Kommentar
"""


def _inputs(folder: Path) -> list[Path]:
    folder.mkdir()
    shutil.copy(DATA / "blog.wordpress.2023-07-19.xml", folder / "blog.xml")
    shutil.copy(DATA / "teams-stoerung.html", folder / "teams-stoerung.html")
    (folder / "exchange-stoerung.txt").write_text(PLAIN_POST, encoding="utf-8")
    return [folder]


def _output_texts(out: Path) -> dict[str, str]:
    """Every file under the output folder as text: raw bytes, and Parquet tables read back too."""
    texts = {}
    for path in sorted(p for p in out.rglob("*") if p.is_file()):
        text = path.read_bytes().decode("utf-8", errors="replace")
        if path.suffix == ".parquet":
            text += "\n" + pq.read_table(path).to_pandas().to_csv()
        texts[str(path.relative_to(out))] = text
    return texts


def _leaks(texts: dict[str, str], needles: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(name, needle) for name, text in texts.items() for needle in needles if needle in text]


def test_no_author_name_or_email_in_any_output_file(tmp_path):
    from extract.batch import run_batch

    out = tmp_path / "out"
    summary = run_batch(_inputs(tmp_path / "in"), out, Settings())
    assert summary["documents"]["failed"] == 0
    texts = _output_texts(out)
    assert {"documents.parquet", "graph.json", "summary.json", "errors.jsonl"} <= set(texts)
    assert _leaks(texts, AUTHOR_NAMES + EMAILS) == []
    documents = pq.read_table(out / "documents.parquet").to_pandas()
    authors = documents["author"].dropna().tolist()
    # every comment of the three inputs has an author, and each is a pseudonym
    assert len(authors) >= 10
    assert all(a.startswith("author_") for a in authors)


def test_keep_authors_keeps_them(tmp_path):
    from extract.batch import run_batch

    out = tmp_path / "out"
    run_batch(_inputs(tmp_path / "in"), out, Settings(keep_authors=True))
    documents = pq.read_table(out / "documents.parquet").to_pandas()
    assert {"viebrix", "Anna Beispiel", "Horstmann-Kowalski", "Wilhelmine Quast"} <= set(documents["author"])
