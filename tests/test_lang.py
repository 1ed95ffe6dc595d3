"""Block languages: cue words first, then lingua; the shortcuts behind ``detect_lang`` keep its answers."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from extract.documents import split_blocks
from extract.lang import _LETTERS, _detect_digitless, _detector, detect_lang

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "borncity-exchange-online-2023-07-18.txt"
CORPUS = ROOT / "tests" / "quality" / "corpus" / "docs.jsonl"


def _texts() -> list[str]:
    texts = [SAMPLE.read_text(encoding="utf-8")]
    with CORPUS.open(encoding="utf-8") as lines:
        texts += [json.loads(line)["text"] for line in lines]
    return texts


def _blocks() -> list[str]:
    return [text[start:end] for text in _texts() for start, end in split_blocks(text)]


def _with_other_digits(text: str, rng: random.Random) -> str:
    """The text with every run of digits replaced by another run, of another length."""
    out, run = [], False
    for char in text:
        if "0" <= char <= "9":
            if not run:
                out.append(str(rng.randrange(10 ** rng.randint(1, 6))))
            run = True
        else:
            out.append(char)
            run = False
    return "".join(out)


def test_cue_words_and_model_decide():
    assert detect_lang("Die Störung scheint weltweit Nutzer zu tangieren.") == "de"
    assert detect_lang("We're investigating an issue where some users may be unable to send email.") == "en"
    assert detect_lang("12:30 — 18.07.2023") is None


def test_digits_never_change_the_answer():
    """``detect_lang`` reads a text with its digit runs collapsed: the cues and lingua read only
    letters, so the answer is the one for the text as written, and for any other digits."""
    detector = _detector()
    rng = random.Random(7)
    for block in _blocks():
        other = _with_other_digits(block, rng)
        assert detect_lang(block) == _detect_digitless.__wrapped__(block), block
        assert detect_lang(other) == detect_lang(block), (block, other)
        assert detector.detect_language_of(other) == detector.detect_language_of(block), (block, other)


@pytest.mark.parametrize("seed", range(3))
def test_digits_never_change_lingua_on_mixed_text(seed: int):
    rng = random.Random(seed)
    words = "die der und the and is Störung outage Nutzer users über straße seit since we wir ΟΔΟΣ İstanbul".split()
    noise = "abcxyzäöüßéABCXYZÄÖÜ0123456789 .,:;-_/()'\"\n\t²½٣"
    detector = _detector()
    for _ in range(300):
        parts = [
            rng.choice(words)
            if rng.random() < 0.5
            else "".join(rng.choice(noise) for _ in range(rng.randint(1, 8)))
            for _ in range(rng.randint(1, 10))
        ]
        text = rng.choice([" ", "", ":", "\n"]).join(parts)
        other = _with_other_digits(text, rng)
        assert detector.detect_language_of(other) == detector.detect_language_of(text), (text, other)
        assert detect_lang(other) == detect_lang(text) == _detect_digitless.__wrapped__(text), (text, other)


def test_lower_casing_keeps_letters_letters():
    """The cue words come from the lower-cased text when lower-casing keeps its length: that is
    right only while no character that lower-cases to one character changes being a letter."""
    changed = [
        hex(code)
        for code in range(0x110000)
        if len(lowered := chr(code).lower()) == 1
        and bool(_LETTERS.fullmatch(chr(code))) != bool(_LETTERS.fullmatch(lowered))
    ]
    assert changed == []


def test_lower_cased_runs_are_the_runs_lower_cased():
    crafted = ["STRASSE und DIE Straße", "İstanbul ist die Stadt", "ΟΔΟΣ'Σ und the", "ǅemal SAGT: ﬁne"]
    for text in [*crafted, *_blocks()]:
        lowered = text.lower()
        if len(lowered) != len(text):
            continue  # "İ" lower-cases to two characters: the runs are lower-cased one by one
        runs = [w.lower() for w in _LETTERS.findall(text)]
        # Only the Greek final sigma depends on what follows it, and no cue word holds one.
        assert [w.replace("ς", "σ") for w in _LETTERS.findall(lowered)] == [w.replace("ς", "σ") for w in runs]
        assert detect_lang(text) == _detect_digitless.__wrapped__(text)
