"""Build the spaCy pipelines in ``models/`` from ``data/``: ``incident-de`` and ``incident-en``.

Each is a blank pipeline (tokenizer and language data only, no vectors) with a sentencizer and
the ``incident_recognizer`` component. Its meta records a fingerprint of every file below
``data/``, so a test can tell when ``models/`` is stale (rebuild in a temporary folder, compare).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language

import extract
from extract.pipeline.factories import FACTORY, register_factories
from extract.resources import data_dir, models_dir

LANGS = ("de", "en")
META_KEY = "incident_extract"
_README = """# models/ — generated; do not edit

Built by `incident-extract build-models` from `data/` (see `extract/pipeline/build.py`).
`incident-de` and `incident-en` are blank spaCy pipelines with a sentencizer and the
`incident_recognizer` component; `meta.json` → `incident_extract.data_fingerprint` is the hash
of `data/` they were built from. Rebuild after changing anything in `data/`:

    incident-extract build-models
"""


def data_fingerprint(root: Path | None = None) -> str:
    """Return a SHA-256 over the relative paths and bytes of every file below ``root`` (data/)."""
    root = root or data_dir()
    digest = hashlib.sha256()
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        if any(part.startswith(".") or part == "__pycache__" for part in relative.split("/")):
            continue
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def model_name(lang: str) -> str:
    """Return the folder name of the pipeline for ``lang``."""
    return f"incident-{lang}"


def build_pipeline(lang: str, fingerprint: str | None = None) -> Language:
    """Return the assembled blank pipeline for ``lang`` (not yet written)."""
    register_factories()
    nlp = spacy.blank(lang)
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(FACTORY)
    nlp.meta["name"] = f"incident_{lang}"
    nlp.meta["version"] = extract.__version__
    nlp.meta["description"] = (
        "Blank pipeline with the incident-extract recognizers (incident IDs, error codes, regions, "
        "services, features, timestamps) writing doc.spans['incident']."
    )
    nlp.meta["license"] = "MIT"
    nlp.meta[META_KEY] = {"data_fingerprint": fingerprint or data_fingerprint(), "spans_key": "incident"}
    return nlp


def build_models(out: Path | None = None, langs: tuple[str, ...] = LANGS) -> list[Path]:
    """Write ``incident-<lang>`` for each language to ``out`` (default: models/); return the paths."""
    out = Path(out) if out is not None else models_dir()
    out.mkdir(parents=True, exist_ok=True)
    fingerprint = data_fingerprint()
    written = []
    for lang in langs:
        target = out / model_name(lang)
        if target.exists():
            shutil.rmtree(target)  # to_disk merges into a folder; start clean so nothing stale stays
        build_pipeline(lang, fingerprint).to_disk(target)
        _sort_sentencizer(target / "sentencizer.json")
        written.append(target)
    (out / "README.md").write_text(_README, encoding="utf-8")
    return written


def _sort_sentencizer(path: Path) -> None:
    """Write the sentencizer's punctuation set sorted: spaCy dumps it in hash order, so two builds
    would differ byte for byte."""
    if not path.is_file():
        return
    cfg = json.loads(path.read_text(encoding="utf-8"))
    cfg["punct_chars"] = sorted(cfg.get("punct_chars") or [])
    path.write_text(json.dumps(cfg, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def model_meta(path: Path) -> dict[str, Any]:
    """Return the meta.json of a built pipeline."""
    return json.loads((Path(path) / "meta.json").read_text(encoding="utf-8"))
