"""The fast scans find exactly what the plain patterns find.

Anchors, literal prefilters, look-behinds checked after the first character, word-start searches,
cue searches and skipped outranked matches are speed-ups only: each test compares one of them
with the plain pattern (or the plain loop) it replaces, on spec examples and on generated texts
full of codes, cue words, separators and the characters that ``re.IGNORECASE`` treats specially.
"""

from __future__ import annotations

import bisect
import json
import random
import re
from pathlib import Path

import pytest
import regex
import yaml

from extract.model import Document, Mention
from extract.recognizers import _gazetteer, region, service
from extract.recognizers.base import (
    TextIndex,
    find_matches,
    resolve_overlaps,
    run_pattern,
    run_recognizer,
    sort_key,
)
from extract.recognizers.spec import load_spec

ROOT = Path(__file__).resolve().parents[2]
SPECS = ("error_code", "incident_id")

CODES = [
    "503", "550", "451", "554", "421", "500", "502", "504", "429", "404", "365", "250", "199",
    "5.7.1", "5.7.708", "4.7.500", "2.1.5", "5.5.1", "550-5.7.1", "550 5.7.1", "550: #5.1.0",
    "50126", "53003", "10004", "1234567", "80070005", "800F0922", "CAA50021", "deadbeef",
    "0x80070005", "0X0000007B", "AADSTS50076", "aadsts 50126", "EX649175", "TM 1112332",
    "MC267581", "INC37075572", "SCTASK0012345", "OPS-1234", "CVE-2023-23397", "cve‑2024‑3400",
    "7SHM-P88", "_M5B-9RZ", "#16007", "(503)", "[HTTP 502]", "503s", "502er", "١٢٣", "5٠3",
]  # fmt: skip
CUES = [
    "SMTP", "smtp;", "SMTP-Fehler", "Fehler", "Fehlercode:", "error", "Error code:", "code", "Status",
    "Statuscode", "status codes", "HTTP", "HTTP/1.1", "HTTP-Fehler", "returned", "responded with",
    "liefert einen", "bounced with", "rejected with", "NDR", "Sign-in error code:", "Incident",
    "Tracking ID:", "Tracking-ID lautet", "PIR –", "Ticket", "Störung", "unter", "Service Unavailable",
    "Bad Gateway", "Requested action not taken: mailbox unavailable", "mailbox", "Empfänger",
    "Entra", "Microsoft", "Zoom", "Version", "§", "über", "Nutzer", "users", "Uhr", "errors",
]  # fmt: skip
SEPARATORS = [" ", " ", " ", ": ", "-", "\n", "\n\n", "(", ")", "'", '"', "„", ", ", " or ", " und ", "/"]
SEPARATORS += ["–", "#", ".", "\u00a0", ";", "x", "1", "A"]
# IGNORECASE also takes the Kelvin sign for k, "ſ" for s, "İ" and "ı" for i.
SPECIAL = {"k": "kKK", "s": "sSſ", "i": "iIİı", "K": "KK", "S": "Sſ", "I": "IİıK"}


def _vary(word: str, rng: random.Random) -> str:
    out = []
    for char in word:
        roll = rng.random()
        if char in SPECIAL and roll < 0.3:
            out.append(rng.choice(SPECIAL[char]))
        elif roll < 0.15:
            out.append(char.swapcase())
        else:
            out.append(char)
    return "".join(out)


def _generated(words: list[str], count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        parts = []
        for _ in range(rng.randint(2, 16)):
            word = rng.choice(words)
            parts.append(_vary(word, rng) if rng.random() < 0.3 else word)
            parts.append(rng.choice(SEPARATORS))
        texts.append("".join(parts))
    return texts


def _spec_texts() -> list[str]:
    texts = []
    for path in sorted((ROOT / "data" / "recognizers").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for kind in ("examples", "counterexamples"):
            for items in (data.get(kind) or {}).values():
                texts.extend(item["text"] if isinstance(item, dict) else item for item in items)
    return texts


def _corpus_texts() -> list[str]:
    path = ROOT / "tests" / "quality" / "corpus" / "docs.jsonl"
    texts = [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [*texts, (ROOT / "data" / "samples" / "borncity-exchange-online-2023-07-18.txt").read_text()]


TEXTS = [*_spec_texts(), *_corpus_texts(), *_generated(CODES + CUES, 3000, seed=7)]


def _anchored(name: str) -> list:
    return [pytest.param(p, id=p.source) for p in load_spec(name).patterns if p.anchor is not None]


@pytest.mark.parametrize("pattern", [*_anchored("error_code"), *_anchored("incident_id")])
def test_anchored_patterns_find_what_finditer_finds(pattern) -> None:
    for text in TEXTS:
        fast = [(m.span(), m.groups()) for m in find_matches(pattern, TextIndex(text))]
        plain = [(m.span(), m.groups()) for m in pattern.regex.finditer(text)]
        assert fast == plain, text


@pytest.mark.parametrize("name", SPECS)
def test_skipping_outranked_matches_changes_no_result(name: str) -> None:
    spec = load_spec(name)
    for text in TEXTS[:1500]:
        index = TextIndex(text)
        every = [m for pattern in spec.patterns for m in run_pattern(pattern, index, None, "d")]
        assert run_recognizer(spec, Document(id="d", text=text)) == resolve_overlaps(every), text


@pytest.mark.parametrize("name", SPECS)
def test_backward_exclusions_decide_as_forward_ones(name: str) -> None:
    for pattern in load_spec(name).patterns:
        if pattern.exclude_before is None:
            continue
        forward = regex.compile(pattern.exclude_before.pattern, pattern.exclude_before.flags & ~regex.REVERSE)
        for text in TEXTS[:1500]:
            for end in range(0, len(text) + 1, 3):
                window = text[max(0, end - 40) : end]
                assert bool(pattern.exclude_before.search(window)) == bool(forward.search(window)), window


def _reference_resolve(mentions: list[Mention]) -> list[Mention]:
    """The plain greedy resolution: longest, then best score, then first given."""
    kept: list[Mention] = []
    for mention in sorted(
        (m for m in mentions if m.end > m.start),
        key=lambda m: (-(m.end - m.start), -m.score, mentions.index(m)),
    ):
        if not any(k.type == mention.type and k.start < mention.end and mention.start < k.end for k in kept):
            kept.append(mention)
    return sorted(kept, key=sort_key)


def test_resolve_overlaps_equals_the_plain_greedy_resolution() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        mentions = []
        for index in range(rng.randint(0, 8)):
            start = rng.randint(0, 30)
            end = start + rng.randint(0 if rng.random() < 0.05 else 1, 6)
            kind = rng.choice(["error_code", "region"])
            score = rng.choice([0.5, 0.8, 0.9])
            mentions.append(Mention("d", kind, "x", start, end, f"v{index}", score=score))
        assert resolve_overlaps(mentions) == _reference_resolve(mentions)


# --- gazetteers ------------------------------------------------------------------------------


def test_case_variants_are_what_ignorecase_matches_in_all_of_unicode() -> None:
    chars = {key[0] for key in service._tables().insensitive}
    beyond = "".join(map(chr, range(0x10000, 0x110000)))
    # Nothing beyond the Basic Multilingual Plane matches these characters, ignoring case ...
    assert re.findall("(?i)[" + "".join(map(re.escape, sorted(chars))) + "]", beyond) == []
    # ... and within it, the variants are exactly what IGNORECASE matches.
    basic = "".join(map(chr, range(0x10000)))
    for char in chars:
        assert set(_gazetteer.case_variants(char)) == set(re.findall("(?i)" + re.escape(char), basic))
    assert set(_gazetteer.case_variants("k")) == {"k", "K", "\u212a"}


def _names_texts(names: list[str], seed: int) -> list[str]:
    return _generated([*names, *CUES], 1500, seed)


def _plain_trie(phrases, classes, not_after: str, right: str, flags: int = 0) -> re.Pattern[str]:
    """The pattern the fast scans replace: a look-behind, the trie, the right boundary."""
    return re.compile(f"(?<!{not_after})(?:{_gazetteer.trie_pattern(phrases, classes)}){right}", flags)


def test_service_patterns_find_what_their_look_behind_patterns_find() -> None:
    tables = service._tables()
    boundaries = (service._SEPARATORS, service._NOT_AFTER, service._RIGHT)
    sensitive = _plain_trie(tables.sensitive, *boundaries)
    insensitive = _plain_trie(tables.insensitive, *boundaries, re.IGNORECASE)
    names = [*tables.sensitive, *tables.insensitive]
    for text in [*TEXTS[:500], *_names_texts(names, seed=11)]:
        fast = [m.span() for m in tables.sensitive_pattern.finditer(text)]
        assert fast == [m.span() for m in sensitive.finditer(text)], text
        fast = list(tables.insensitive_pattern.spans(text))
        assert fast == [m.span() for m in insensitive.finditer(text)], text


def test_region_patterns_find_what_their_look_behind_patterns_find() -> None:
    tables = region._tables()
    plain = _plain_trie(tables.entries, {" ": r"[ \t\u00a0]"}, r"[\w@/.-]", r"(?![\w@]|/\w)")
    code_list = re.compile(r"(?<![\w/.@-])" + region._CODE_LIST.pattern)
    after_preposition = re.compile(r"(?<![\w/.-])" + region._CODE_AFTER_PREPOSITION.pattern)
    words = [*list(tables.entries)[::3], "DE/AT/CH", "DE, AT und CH", "in DE", "aus AT", "für CH", "In NL"]
    for text in [*TEXTS[:500], *_names_texts(words, seed=13)]:
        assert list(tables.pattern.spans(text)) == [m.span() for m in plain.finditer(text)], text
        fast = region.finditer_not_after(region._CODE_LIST, region._CODE_LIST_NOT_AFTER, text)
        assert [m.span() for m in fast] == [m.span() for m in code_list.finditer(text)], text
        fast = region.finditer_not_after(region._CODE_AFTER_PREPOSITION, region._PREPOSITION_NOT_AFTER, text)
        assert [m.span() for m in fast] == [m.span() for m in after_preposition.finditer(text)], text


def _all_cloud_hits(text: str, tables) -> list:
    """The cloud scans without their cues."""
    hits = [m.span() for m in region._AWS.finditer(text)]
    hits += [m.span() for m in region._GCP.finditer(text)]
    return hits + [m.span() for m in tables.azure_slugs.finditer(text)]


def test_cloud_cues_skip_only_texts_without_cloud_regions() -> None:
    tables = region._tables()
    codes = ["us-east-1", "US-EAST-1a", "ap-northeast-2", "us-gov-west-1", "eu-central-1", "europe-west3"]
    codes += ["europe-west9-a", "us-central1", "westeurope", "WestEurope", "eastus2", "italynorth"]
    codes += ["usgovtexas", "switzerlandnorth", "koreacentral", "least", "West", "-1", "east-"]
    for text in [*TEXTS[:500], *_generated(codes + CUES, 2000, seed=17)]:
        found = [(hit.start, hit.end) for hit in region._cloud_hits(text, tables)]
        assert found == _all_cloud_hits(text, tables), text


def test_provider_lookups_answer_as_a_full_list_of_matches() -> None:
    pattern = re.compile(r"\bMicrosoft\b|\bMS ?365\b")
    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice(["Microsoft ", "MS365 ", "x ", "Microsofts ", "\n"]) for _ in range(12))
        starts = [m.start() for m in pattern.finditer(text)]
        lazy = service._Starts(pattern, text)
        for _ in range(10):
            start = rng.randint(0, len(text))
            end = start + rng.randint(0, 20)
            inside = bisect.bisect_left(starts, end) - bisect.bisect_left(starts, start)
            assert lazy.any_outside(start, end) == (len(starts) > inside)


def test_last_sentence_end_is_where_the_last_sentence_end_match_ends() -> None:
    rng = random.Random(9)
    for _ in range(3000):
        text = "".join(
            rng.choice(["a", "b", " ", ".", "!", "?", "\n", "\u00a0", "\x1c", ". "]) for _ in range(30)
        )
        lo, hi = sorted(rng.randint(0, len(text)) for _ in range(2))
        expected = 0
        for match in region._SENTENCE_END.finditer(text, lo, hi):
            expected = match.end()
        assert region._last_sentence_end(text, lo, hi) == expected, (text, lo, hi)
