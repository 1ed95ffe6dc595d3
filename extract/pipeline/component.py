"""The ``incident_recognizer`` spaCy component: the library's recognizers over ``doc.text``.

It builds a Document from the Doc's text (segmentation, languages per block, comments, status
blocks), runs ``extract.recognizers.find_entities`` and ``extract.timestamps.find_timestamps``
and writes one span per mention to ``doc.spans[spans_key]``. Offsets are the library's; a
mention that does not fall on token boundaries is widened to the tokens that contain it.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from extract.config import Settings
from extract.documents import segment
from extract.model import Mention, Record
from extract.recognizers import find_entities
from extract.timestamps import find_timestamps

SPANS_KEY = "incident"
SPAN_EXTENSIONS = ("inc_value", "inc_score", "inc_source", "inc_role", "inc_extra")
DOC_EXTENSIONS = ("inc_published", "inc_id")
_CFG = "cfg.json"


def register_extensions() -> None:
    """Register the ``Span._.inc_*`` and ``Doc._.inc_*`` attributes (idempotent).

    Called again in ``__call__``: under ``nlp.pipe(n_process>1)`` with the spawn start method a
    child process does not inherit extensions set in the parent (spaCy issues #4903, #9999).
    """
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, default=None, force=True)
    for name in DOC_EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None, force=True)


class IncidentRecognizer:
    """Find incident IDs, error codes, regions, services, features and timestamps in a Doc."""

    def __init__(
        self,
        nlp: Language,
        name: str = "incident_recognizer",
        *,
        spans_key: str = SPANS_KEY,
        prefer_dates_from: str = "past",
        lang: str | None = None,
    ) -> None:
        self.name = name
        self.spans_key = spans_key
        self.lang = lang if lang in ("de", "en") else None
        self.settings = Settings(prefer_dates_from=prefer_dates_from)
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        register_extensions()
        record = Record(
            id=doc._.inc_id or "doc",
            text=doc.text,
            lang=self.lang,
            published=doc._.inc_published,
        )
        document = segment(record)
        mentions = [*find_entities(document), *find_timestamps(document, self.settings)]
        doc.spans[self.spans_key] = list(self._spans(doc, mentions))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in docs:
            yield self(doc)

    @staticmethod
    def _spans(doc: Doc, mentions: Iterable[Mention]) -> Iterable[Span]:
        ordered = sorted(mentions, key=lambda m: (m.start, m.end, m.type, m.value or "", m.source))
        for mention in ordered:
            span = doc.char_span(mention.start, mention.end, label=mention.type, alignment_mode="expand")
            if span is None:
                continue
            span._.inc_value = mention.value
            span._.inc_score = mention.score
            span._.inc_source = mention.source
            span._.inc_role = mention.role
            span._.inc_extra = dict(mention.extra)
            yield span

    # Serialization: only the settings; the recognizers' data ship with the library.
    def _cfg(self) -> dict[str, Any]:
        return {
            "spans_key": self.spans_key,
            "prefer_dates_from": self.settings.prefer_dates_from,
            "lang": self.lang,
        }

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / _CFG).write_text(json.dumps(self._cfg(), indent=2, sort_keys=True) + "\n", encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> IncidentRecognizer:
        cfg = json.loads((Path(path) / _CFG).read_text(encoding="utf-8"))
        self.spans_key = cfg["spans_key"]
        self.settings = Settings(prefer_dates_from=cfg["prefer_dates_from"])
        self.lang = cfg["lang"]
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self._cfg(), sort_keys=True).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> IncidentRecognizer:
        cfg = json.loads(data.decode("utf-8"))
        self.spans_key = cfg["spans_key"]
        self.settings = Settings(prefer_dates_from=cfg["prefer_dates_from"])
        self.lang = cfg["lang"]
        return self
