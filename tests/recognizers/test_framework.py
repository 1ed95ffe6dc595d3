"""The recognizer framework: spec compilation, context, exclusions, overlap resolution."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extract.errors import ResourceError
from extract.model import Document, Mention
from extract.recognizers.base import resolve_overlaps, run_recognizer
from extract.recognizers.functions import ENRICHERS, MACROS, NORMALIZERS, VALIDATORS
from extract.recognizers.spec import compile_spec, compile_words, load_spec


def mention(start: int, end: int, score: float = 0.5, kind: str = "error_code", value: str = "v") -> Mention:
    return Mention(
        doc="d", type=kind, text="x" * (end - start), start=start, end=end, value=value, score=score
    )


def test_longest_then_score_then_source_order() -> None:
    short_high = mention(0, 3, 0.99, value="short")
    long_low = mention(0, 9, 0.5, value="long")
    assert [m.value for m in resolve_overlaps([short_high, long_low])] == ["long"]
    low = mention(2, 5, 0.4, value="low")
    high = mention(3, 6, 0.9, value="high")
    assert [m.value for m in resolve_overlaps([low, high])] == ["high"]
    first = mention(2, 5, 0.7, value="first")
    second = mention(2, 5, 0.7, value="second")
    assert [m.value for m in resolve_overlaps([first, second])] == ["first"]
    assert [m.value for m in resolve_overlaps([second, first])] == ["second"]


def test_overlaps_are_resolved_per_type_and_output_is_sorted() -> None:
    items = [
        mention(10, 12, kind="service", value="b"),
        mention(0, 20, kind="incident_id", value="a"),
        mention(5, 8, kind="service", value="c"),
        mention(30, 31, value="z"),
    ]
    kept = resolve_overlaps(items)
    assert [(m.type, m.value) for m in kept] == [
        ("incident_id", "a"),
        ("service", "c"),
        ("service", "b"),
        ("error_code", "z"),
    ]


def test_touching_spans_do_not_overlap() -> None:
    assert len(resolve_overlaps([mention(0, 3), mention(3, 6)])) == 2


def _spec(**pattern: object) -> dict:
    base = {"name": "p", "regex": r"(?P<span>X\d+)", "score": 0.5}
    base.update(pattern)
    return {"type": "incident_id", "patterns": [base]}


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ({"validator": "no_such_check"}, "unknown validator"),
        ({"normalizer": "nope"}, "unknown normalizer"),
        ({"enricher": "nope"}, "unknown enricher"),
        ({"regex": "{{macro:nope}}"}, "unknown macro"),
        ({"regex": "{{NOPE}}"}, "unknown fragment"),
        ({"regex": "X(?!{{NOPE})"}, "unexpanded placeholder"),
        ({"regex": "(unclosed"}, "bad regex"),
        ({"context": {"words": "nope"}}, "unknown context word list"),
    ],
)
def test_bad_specs_fail_to_load_with_the_pattern_named(pattern: dict, message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        compile_spec(_spec(**pattern), "t")


def test_context_gates_and_exclusions() -> None:
    spec = compile_spec(
        _spec(
            context={"words": {"de": ["Störung*"], "en": ["incident"]}, "before": 20, "after": 0},
            exclude_before=r"Nr\.\s*",
            normalizer="upper",
        ),
        "t",
    )
    text = "Störungsmeldung X12. Nr. X13 Störung\n\nX14 incident"
    found = run_recognizer(spec, Document(id="d", text=text))
    assert [(m.value, m.source) for m in found] == [("X12", "t/p")]


def test_context_words_match_whole_words_unless_starred() -> None:
    words = compile_words({"de": ["Mail*", "Fall"], "en": ["ID"]}, "t")
    assert words.search("E-Mailserver")
    assert not words.search("Unfall")
    assert not words.search("Fälle IDs")
    assert words.search("Fall ID")


def test_specs_compile_once_and_use_only_registered_functions() -> None:
    assert load_spec("error_code") is load_spec("error_code")
    for name in ("incident_id", "error_code"):
        for pattern in load_spec(name).patterns:
            assert pattern.source == f"{name}/{pattern.name}"
            for function in (pattern.validator, pattern.normalizer, pattern.enricher):
                assert function is None or function in {
                    *VALIDATORS.values(),
                    *NORMALIZERS.values(),
                    *ENRICHERS.values(),
                }
    assert all(MACROS[name]() for name in MACROS)


@pytest.mark.parametrize(
    ("pattern", "message"),
    [
        ({"requires": [""]}, "requires must be"),
        ({"requires": "X", "flags": ["IGNORECASE"]}, "requires is case-sensitive"),
        ({"requires_any_case": ["Upper"]}, "requires_any_case must"),
    ],
)
def test_bad_prefilters_fail_to_load(pattern: dict, message: str) -> None:
    with pytest.raises(ResourceError, match=message):
        compile_spec(_spec(**pattern), "t")


def test_prefilters_skip_texts_without_their_literals_only() -> None:
    plain = compile_spec(_spec(), "t")
    gated = compile_spec(_spec(requires=["X1"]), "t")
    folded = compile_spec(_spec(regex=r"(?i:ticket)\s*(?P<span>X\d+)", requires_any_case=["ticket"]), "t")
    for text in ("X12 and X13", "X13 only", "TICKET X12", "no id here"):
        document = Document(id="d", text=text)
        expected = [m for m in run_recognizer(plain, document) if "X1" in text]
        assert run_recognizer(gated, document) == expected
    assert [m.value for m in run_recognizer(folded, Document(id="d", text="TICKET X12"))] == ["X12"]
    assert run_recognizer(folded, Document(id="d", text="X12")) == []


@pytest.mark.parametrize("name", ["incident_id", "error_code"])
def test_prefiltered_patterns_hold_their_literal_in_every_example_match(name: str) -> None:
    """The prefilter is a speed-up only: every match in the spec's examples holds a literal."""
    path = Path(__file__).resolve().parents[2] / "data" / "recognizers" / f"{name}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    texts = [
        item["text"] if isinstance(item, dict) else item
        for kind in ("examples", "counterexamples")
        for items in (data.get(kind) or {}).values()
        for item in items
    ]
    for pattern in load_spec(name).patterns:
        if not (pattern.requires or pattern.requires_any_case):
            continue
        for text in texts:
            for match in pattern.regex.finditer(text):
                around = text[max(0, match.start() - 120) : match.end() + 10]
                assert any(lit in around for lit in pattern.requires) or not pattern.requires, text
                folded = around.casefold()
                assert (
                    any(lit in folded for lit in pattern.requires_any_case) or not pattern.requires_any_case
                )
