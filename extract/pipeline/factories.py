# ruff: noqa: I002
"""The one place where our spaCy factories are registered (spaCy 3.8 style, no scattered decorators).

Importing this module registers ``incident_recognizer``; spaCy imports it through the
``spacy_factories`` entry point declared in pyproject.toml, so ``spacy.load`` and
``nlp.add_pipe("incident_recognizer")`` work without importing ``extract`` first. No
``from __future__ import annotations`` here: spaCy validates the factory's config against its
runtime annotations.
"""

from typing import Optional

from spacy.language import Language

from extract.pipeline.component import IncidentRecognizer

FACTORY = "incident_recognizer"


def make_incident_recognizer(
    nlp: Language,
    name: str,
    spans_key: str,
    prefer_dates_from: str,
    lang: Optional[str],  # noqa: UP045 - spaCy's config validation needs a runtime type
) -> IncidentRecognizer:
    """Build the component from its validated config (a thin forwarder)."""
    return IncidentRecognizer(nlp, name, spans_key=spans_key, prefer_dates_from=prefer_dates_from, lang=lang)


def register_factories() -> None:
    """Register every factory of the package once (idempotent)."""
    if not Language.has_factory(FACTORY):
        Language.factory(
            FACTORY,
            assigns=["doc.spans"],
            default_config={"spans_key": "incident", "prefer_dates_from": "past", "lang": None},
        )(make_incident_recognizer)


register_factories()
