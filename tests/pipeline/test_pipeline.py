"""The spaCy packaging: the component, the factory entry point and the built models/."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span
from typer.testing import CliRunner

from extract.cli import app
from extract.pipeline import SPANS_KEY
from extract.pipeline.build import build_models, data_fingerprint, model_meta, model_name
from extract.resources import models_dir

TEXT = (
    'Bei Exchange Online rattert es mal wieder EX649175 "503 5.5.1 Bad sequence of commands" '
    "vor allem scheint es DACH und UK zu betreffen."
)


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def built(fresh_build: Path) -> Path:
    build_models(fresh_build)
    return fresh_build


def _values(doc: spacy.tokens.Doc) -> set[tuple[str, str]]:
    return {(span.label_, span._.inc_value) for span in doc.spans[SPANS_KEY]}


def test_models_are_fresh(built: Path) -> None:
    """models/ must equal a fresh build from data/; run `incident-extract build-models` if not."""
    committed = models_dir()
    for lang in ("de", "en"):
        ours, theirs = built / model_name(lang), committed / model_name(lang)
        assert theirs.is_dir(), f"{theirs} missing: run `incident-extract build-models`"
        fresh = model_meta(ours)["incident_extract"]["data_fingerprint"]
        stored = model_meta(theirs)["incident_extract"]["data_fingerprint"]
        assert stored == fresh == data_fingerprint(), f"{theirs} is stale against data/: rebuild it"
        comparison = filecmp.dircmp(ours, theirs)
        assert _differences(comparison) == [], f"{theirs} differs from a fresh build: rebuild it"


def _differences(comparison: filecmp.dircmp) -> list[str]:
    found = [*comparison.left_only, *comparison.right_only, *comparison.diff_files, *comparison.funny_files]
    for sub in comparison.subdirs.values():
        found.extend(_differences(sub))
    return found


def test_build_is_deterministic(built: Path, tmp_path: Path) -> None:
    build_models(tmp_path, langs=("en",))
    comparison = filecmp.dircmp(built / "incident-en", tmp_path / "incident-en")
    assert _differences(comparison) == []


def test_fingerprint_changes_with_data(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("x: 1\n", encoding="utf-8")
    before = data_fingerprint(tmp_path)
    (tmp_path / "a.yaml").write_text("x: 2\n", encoding="utf-8")
    assert data_fingerprint(tmp_path) != before


def test_load_built_pipeline(built: Path) -> None:
    nlp = spacy.load(built / "incident-de")
    assert nlp.pipe_names == ["sentencizer", "incident_recognizer"]
    assert nlp.vocab.vectors.shape[0] == 0  # small: no vectors
    doc = nlp(TEXT)
    assert {("region", "DACH"), ("region", "GB"), ("service", "Exchange Online")} <= _values(doc)
    assert ("incident_id", "EX649175") in _values(doc)
    assert ("error_code", "smtp:503 5.5.1") in _values(doc)
    uk = next(s for s in doc.spans[SPANS_KEY] if s._.inc_value == "GB")
    assert uk.text == "UK"
    assert uk._.inc_role == "affected"
    assert uk._.inc_score > 0
    assert uk._.inc_source.startswith("region/")
    assert len(list(doc.sents)) == 1


def test_add_pipe_to_users_own_blank_pipeline() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("incident_recognizer", config={"spans_key": "mine"})
    doc = nlp("Users in the UK cannot reach Microsoft Teams since 10:00 UTC.")
    assert {(s.label_, s._.inc_value) for s in doc.spans["mine"]} >= {
        ("region", "GB"),
        ("service", "Microsoft Teams"),
    }


def test_extensions_are_rechecked_in_call() -> None:
    nlp = spacy.blank("de")
    nlp.add_pipe("incident_recognizer")
    Span.remove_extension("inc_value")  # as in a spawned worker that never ran __init__
    doc = nlp("Die Störung betrifft Nutzer in Österreich.")
    assert [s._.inc_value for s in doc.spans[SPANS_KEY]] == ["AT"]


def test_round_trip_through_disk(tmp_path: Path) -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("incident_recognizer", config={"prefer_dates_from": "future"})
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    assert loaded.get_pipe("incident_recognizer").settings.prefer_dates_from == "future"
    assert ("region", "GLOBAL") in _values(loaded("The outage is affecting users worldwide."))


def test_cli_build_models(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["build-models", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "incident-de" / "config.cfg").is_file()
    assert (tmp_path / "incident-en" / "meta.json").is_file()
    assert "incident-en" in result.output
