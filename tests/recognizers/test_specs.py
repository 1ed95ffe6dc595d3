"""Every recognizer spec in data/recognizers/ runs its own examples and counterexamples."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extract.api import analyze_text

SPEC_DIR = Path(__file__).resolve().parents[2] / "data" / "recognizers"
SPEC_FILES = sorted(SPEC_DIR.glob("*.yaml"))
LANGS = ("de", "en")
MIN_PER_LANG = 5


def _load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _cases(kind: str) -> list:
    cases = []
    for path in SPEC_FILES:
        spec = _load(path)
        for lang, items in (spec.get(kind) or {}).items():
            for index, item in enumerate(items):
                cases.append(pytest.param(path.name, spec["type"], item, id=f"{path.stem}-{lang}-{index}"))
    return cases


def test_spec_files_exist() -> None:
    names = {p.stem for p in SPEC_FILES}
    assert {"incident_id", "error_code"} <= names


@pytest.mark.parametrize("path", SPEC_FILES, ids=lambda p: p.stem)
def test_spec_has_enough_examples_per_language(path: Path) -> None:
    spec = _load(path)
    assert spec.get("type") in {"incident_id", "error_code", "region", "service", "feature"}
    for kind in ("examples", "counterexamples"):
        for lang in LANGS:
            items = (spec.get(kind) or {}).get(lang) or []
            assert len(items) >= MIN_PER_LANG, f"{path.name}: {kind}.{lang} has {len(items)} items"
    for lang in LANGS:
        for item in spec["examples"][lang]:
            assert isinstance(item["text"], str), item
            assert item["values"], item
        for text in spec["counterexamples"][lang]:
            assert isinstance(text, str)
            assert text.strip()


@pytest.mark.parametrize(("file", "mention_type", "item"), _cases("examples"))
def test_example_yields_values(file: str, mention_type: str, item: dict) -> None:
    found = {m.value for m in analyze_text(item["text"]).mentions if m.type == mention_type}
    missing = set(item["values"]) - found
    assert not missing, f"{file}: {item['text']!r} gave {sorted(found)}, missing {sorted(missing)}"


@pytest.mark.parametrize(("file", "mention_type", "text"), _cases("counterexamples"))
def test_counterexample_yields_nothing(file: str, mention_type: str, text: str) -> None:
    found = [(m.value, m.text, m.source) for m in analyze_text(text).mentions if m.type == mention_type]
    assert not found, f"{file}: {text!r} gave {found}"
