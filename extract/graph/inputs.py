"""Read the graph stage's input tables defensively into small typed rows.

The upstream stages may add, drop or rename a column while they evolve; a missing column reads as
null everywhere, JSON columns accept either a JSON string or the decoded value, and NaN/NA/numpy
values become plain Python values. Nothing here decides anything about incidents.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

# Columns the updates stage fills with normalized values (ISO times, catalog names); they win
# over the raw field text of the same name.
UPDATE_VALUE_COLUMNS = {
    "service": "service",
    "feature": "feature",
    "start_time": "start",
    "end_time": "end",
    "classification": "classification",
}
FIELD_ALIASES = {
    "service": ("service", "impacted_service"),
    "feature": ("feature", "impacted_feature"),
    "title": ("title",),
    "start_time": ("start_time",),
    "end_time": ("end_time",),
    "classification": ("classification",),
    "user_impact": ("user_impact", "issue_description"),
    "root_cause": ("root_cause",),
}


def py(value: Any) -> Any:
    """Return ``value`` as a plain Python value: NaN/NA/None -> None, numpy -> builtins."""
    if type(value) in (str, bool, int):  # the common case, fast (numpy scalars are not these types)
        return value
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "tolist") and not isinstance(value, str):
        return py(value.tolist())
    if isinstance(value, list | tuple):
        return [py(v) for v in value]
    if isinstance(value, dict):
        return {str(k): py(v) for k, v in value.items()}
    return value


def loads(value: Any, default: Any) -> Any:
    """Decode a JSON column value; a decoded value passes through; junk gives ``default``."""
    value = py(value)
    if value is None:
        return default
    if isinstance(value, str):
        try:
            return json.loads(value)
        except ValueError:
            return default
    return value


def digest(*parts: Any) -> str:
    """Return a short content hash of the parts (stable across runs and platforms)."""
    joined = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha1(joined.encode("utf-8")).hexdigest()[:12]


def rows(frame: pd.DataFrame | None) -> Iterator[dict[str, Any]]:
    """Yield every row as a dict of plain Python values (missing columns simply absent)."""
    if frame is None or frame.empty:
        return
    for record in frame.to_dict("records"):
        yield {str(k): py(v) for k, v in record.items()}


def _int(value: Any) -> int | None:
    try:
        return None if value is None else int(value)
    except (TypeError, ValueError):
        return None


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


@dataclass(frozen=True, slots=True)
class Span:
    """Where something stands: an input document, the comment inside it, and offsets."""

    doc: str
    comment: str | None = None
    start: int | None = None
    end: int | None = None

    @property
    def scope(self) -> str:
        """The document row the span stands in: the comment, else the input document."""
        return self.comment or self.doc

    def contains(self, doc: str, start: int | None, end: int | None) -> bool:
        """Return whether the offsets ``start``-``end`` of ``doc`` lie inside this span."""
        if doc != self.doc or None in (start, end, self.start, self.end):
            return False
        return self.start <= start and end <= self.end  # type: ignore[operator]

    def to_dict(self) -> dict[str, Any]:
        return {"doc": self.doc, "comment": self.comment, "start": self.start, "end": self.end}


def span_of(value: Any) -> Span | None:
    """Return a Span from a {doc, comment, start, end} mapping, else None."""
    if not isinstance(value, dict) or not value.get("doc"):
        return None
    return Span(
        str(value["doc"]), _str(value.get("comment")), _int(value.get("start")), _int(value.get("end"))
    )


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: str
    input_doc: str
    doc_kind: str
    title: str | None
    url: str | None
    author: str | None
    lang: str | None
    published: str | None
    parent: str | None
    position: int | None


@dataclass(frozen=True, slots=True)
class MentionRow:
    doc: str
    comment: str | None
    type: str
    value: str
    text: str | None
    start: int | None
    end: int | None
    role: str | None
    scheme: str | None
    countries: tuple[str, ...] | None
    approx: bool | None
    grain: str | None
    extra: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    @property
    def span(self) -> Span:
        return Span(self.doc, self.comment, self.start, self.end)

    @property
    def scope(self) -> str:
        return self.comment or self.doc


@dataclass(frozen=True, slots=True)
class UpdateRow:
    update_id: str
    incident_id: str | None
    published: str | None
    kind: str | None
    status: str | None
    status_text: str | None
    title: str | None
    fields: dict[str, Any]
    text: str | None
    text_cluster: str | None
    n_sources: int
    sources: tuple[Span, ...]
    attribution: str | None
    external_refs: tuple[str, ...]
    lang: str | None
    statuspage_status: str | None
    columns: dict[str, str] = field(default_factory=dict, hash=False, compare=False)
    revision_of: str | None = None
    changes: str | None = None

    def field_value(self, name: str) -> str | None:
        """Return a normalized column (service, feature, start, end), else the field as written."""
        if self.columns.get(name):
            return self.columns[name]
        for key in FIELD_ALIASES.get(name, (name,)):
            value = self.fields.get(key)
            if isinstance(value, str) and value.strip():
                return value.strip()
        return None


@dataclass(frozen=True, slots=True)
class ClusterRow:
    cluster_id: str
    level: str | None
    field: str | None
    text: str | None
    size: int | None
    members: tuple[Any, ...]
    n_incidents: int | None
    cross_incident: bool | None


def read_documents(frame: pd.DataFrame | None) -> list[DocumentRow]:
    """Return the document rows (posts and comments)."""
    out = []
    for row in rows(frame):
        doc_id = _str(row.get("id"))
        if doc_id is None:
            continue
        out.append(
            DocumentRow(
                id=doc_id,
                input_doc=_str(row.get("input_doc")) or doc_id,
                doc_kind=_str(row.get("kind")) or "post",
                title=_str(row.get("title")),
                url=_str(row.get("url")),
                author=_str(row.get("author")),
                lang=_str(row.get("lang")),
                published=_str(row.get("published")),
                parent=_str(row.get("parent")),
                position=_int(row.get("position")),
            )
        )
    return out


def read_mentions(frame: pd.DataFrame | None) -> list[MentionRow]:
    """Return the mentions that carry a value."""
    out = []
    for row in rows(frame):
        value, doc = _str(row.get("value")), _str(row.get("doc"))
        if value is None or doc is None or not row.get("type"):
            continue
        extra = loads(row.get("extra"), {})
        countries = row.get("countries")
        out.append(
            MentionRow(
                doc=doc,
                comment=_str(row.get("comment")),
                type=str(row["type"]),
                value=value,
                text=_str(row.get("text")),
                start=_int(row.get("start")),
                end=_int(row.get("end")),
                role=_str(row.get("role")),
                scheme=_str(row.get("scheme"))
                or _str(extra.get("scheme") if isinstance(extra, dict) else None),
                countries=tuple(countries) if isinstance(countries, list) else None,
                approx=row.get("approx") if isinstance(row.get("approx"), bool) else None,
                grain=_str(row.get("grain")),
                extra=extra if isinstance(extra, dict) else {},
            )
        )
    return out


def _sources(row: dict[str, Any]) -> tuple[Span, ...]:
    """Return an update's provenance; an undeduplicated occurrence row is its own source."""
    spans = [span_of(s) for s in loads(row.get("sources"), [])] if row.get("sources") is not None else []
    found = tuple(s for s in spans if s is not None)
    if found:
        return found
    own = span_of(row)
    return (own,) if own else ()


def _update_id(row: dict[str, Any], sources: tuple[Span, ...]) -> str:
    given = _str(row.get("update_id"))
    if given:
        return given
    first = sources[0].to_dict() if sources else None
    return "u_" + digest(
        row.get("incident_id"), row.get("published"), row.get("text"), row.get("fields"), first
    )


def read_updates(frame: pd.DataFrame | None) -> list[UpdateRow]:
    """Return the distinct updates (or, before dedup lands, the raw occurrences)."""
    out = []
    for row in rows(frame):
        sources = _sources(row)
        fields = loads(row.get("fields"), {})
        fields = fields if isinstance(fields, dict) else {}
        refs = loads(row.get("external_refs"), [])
        out.append(
            UpdateRow(
                update_id=_update_id(row, sources),
                incident_id=_str(row.get("incident_id")),
                published=_str(row.get("published")),
                kind=_str(row.get("kind")),
                status=_str(row.get("status")),
                status_text=_str(row.get("status_text")),
                title=_str(row.get("title")) or _str(fields.get("title")),
                fields=fields,
                text=_str(row.get("text")),
                text_cluster=_str(row.get("text_cluster")),
                n_sources=_int(row.get("n_sources")) or len(sources),
                sources=sources,
                attribution=_str(row.get("attribution")),
                external_refs=tuple(sorted({str(r) for r in refs if r})) if isinstance(refs, list) else (),
                lang=_str(row.get("lang")),
                statuspage_status=_str(row.get("statuspage_status")),
                columns={k: str(row[c]) for k, c in UPDATE_VALUE_COLUMNS.items() if _str(row.get(c))},
                revision_of=_str(row.get("revision_of")),
                changes=_str(row.get("changes")),
            )
        )
    return out


def read_clusters(frame: pd.DataFrame | None) -> list[ClusterRow]:
    """Return the text clusters."""
    out = []
    for row in rows(frame):
        cluster_id = _str(row.get("cluster_id"))
        if cluster_id is None:
            continue
        members = loads(row.get("members"), [])
        text = row.get("representative", row.get("text"))
        out.append(
            ClusterRow(
                cluster_id=cluster_id,
                level=_str(row.get("level")),
                field=_str(row.get("field")),
                text=_str(text),
                size=_int(row.get("size")),
                members=tuple(members) if isinstance(members, list) else (),
                n_incidents=_int(row.get("n_incidents")),
                cross_incident=row.get("cross_incident")
                if isinstance(row.get("cross_incident"), bool)
                else None,
            )
        )
    return out


def unique_by(items: Iterable[Any], key: Any) -> list[Any]:
    """Return items with the first of each key kept, in input order."""
    seen: set[Any] = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out
