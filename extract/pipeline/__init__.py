"""spaCy packaging: the ``incident_recognizer`` component and the built pipelines in ``models/``.

``spacy.load(models_dir() / "incident-de")`` gives a blank German pipeline with a sentencizer and
our component; ``nlp.add_pipe("incident_recognizer")`` adds the component to any pipeline (the
factory is advertised through the ``spacy_factories`` entry point). Results are in
``doc.spans["incident"]``: one span per mention, labelled with its type, with the normalized
value in ``span._.inc_value``.
"""

from __future__ import annotations

from extract.pipeline.component import SPANS_KEY, IncidentRecognizer, register_extensions

__all__ = ["SPANS_KEY", "IncidentRecognizer", "register_extensions"]
