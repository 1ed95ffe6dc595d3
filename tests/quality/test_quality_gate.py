"""Quality gate: precision and recall per type on the project's proxy of the hidden set.

The proxy (``corpus/docs.jsonl`` with ``gold/*.json``, see ``README.md``) is evaluated the way
``incident-extract eval`` does it; every type's precision and recall, overall and per language,
must stay at or above the floors in ``floors.json``. Floors only go up: raise them when the
figures rise, never lower them to let a change through.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from extract.api import iter_results
from extract.config import Settings
from extract.errors import InputError
from extract.evaluate import Evaluation, evaluate, load_gold, predictions_from_mentions

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus" / "docs.jsonl"
GOLD = HERE / "gold"
FLOORS = json.loads((HERE / "floors.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def evaluation() -> Evaluation:
    mentions: list[dict[str, Any]] = []
    languages: dict[str, str | None] = {}
    for result in iter_results([CORPUS], Settings()):
        assert not isinstance(result, InputError), result
        languages[result.document.id] = result.document.lang
        mentions.extend(m.to_dict() for m in result.mentions)
    return evaluate(load_gold([GOLD]), predictions_from_mentions(mentions), languages)


def test_every_document_has_gold_and_the_languages_are_balanced(evaluation: Evaluation) -> None:
    gold = load_gold([GOLD])
    ids = [json.loads(line)["id"] for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert sorted(ids) == sorted(gold)
    assert len(ids) == len(set(ids))
    by_lang = [record["lang"] for record in gold.values()]
    assert by_lang.count("de") == by_lang.count("en") >= 12
    assert evaluation.documents == len(ids)


def _floor_cases() -> list[tuple[str, str, str, float]]:
    cases = [
        ("all", kind, metric, value) for kind, m in FLOORS["types"].items() for metric, value in m.items()
    ]
    for lang, types in FLOORS["languages"].items():
        cases += [(lang, kind, metric, value) for kind, m in types.items() for metric, value in m.items()]
    return cases


@pytest.mark.parametrize(("scope", "kind", "metric", "floor"), _floor_cases())
def test_figures_stay_above_their_floors(
    evaluation: Evaluation, scope: str, kind: str, metric: str, floor: float
) -> None:
    counts = evaluation.by_type[kind] if scope == "all" else evaluation.by_lang[scope][kind]
    figure = getattr(counts, metric)
    errors = [e for e in evaluation.errors if e["type"] == kind]
    assert figure is not None, f"{scope} {kind}: nothing to score"
    assert figure >= floor, f"{scope} {kind} {metric} {figure} < {floor}: {errors}"
