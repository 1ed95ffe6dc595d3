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


_PLAIN = frozenset({str, bool, int})


def column(frame: pd.DataFrame, name: str) -> list[Any]:
    """Return one column as a list of plain Python values (None where the column is missing)."""
    if name not in frame.columns:
        return [None] * len(frame)
    # tolist() gives builtins for numpy dtypes and leaves NA/NaN/arrays to py(); most values are
    # str/int already, so the per-value call is skipped for them.
    return [v if type(v) in _PLAIN else py(v) for v in frame[name].tolist()]


def rows(frame: pd.DataFrame | None, names: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
    """Yield every row as a dict of plain Python values, one at a time.

    ``names`` selects the columns (a missing one reads as None); by default all columns. The
    table is converted column by column, not row by row: a row's dict lives only while the
    caller looks at it.
    """
    if frame is None or frame.empty:
        return
    names = [str(c) for c in frame.columns] if names is None else list(names)
    values = [column(frame, name) for name in names]
    for row in zip(*values, strict=True):
        yield dict(zip(names, row, strict=True))


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


MENTION_INPUT_COLUMNS = (
    "doc",
    "comment",
    "type",
    "value",
    "text",
    "start",
    "end",
    "role",
    "scheme",
    "countries",
    "approx",
    "grain",
    "extra",
)


def graph_mentions(
    frame: pd.DataFrame | None, types: Iterable[str], time_roles: Iterable[str]
) -> pd.DataFrame | None:
    """Return only the mentions of ``types`` and the timestamps of ``time_roles`` (a view's copy)."""
    if frame is None or frame.empty or "type" not in frame.columns:
        return frame
    kind = frame["type"]
    keep = kind.isin(list(types))
    if "role" in frame.columns:
        keep |= (kind == "timestamp") & frame["role"].isin(list(time_roles))
    columns = [c for c in MENTION_INPUT_COLUMNS if c in frame.columns]
    return frame.loc[keep, columns]


def read_mentions(frame: pd.DataFrame | None) -> list[MentionRow]:
    """Return the mentions that carry a value.

    Read column by column; equal ``extra`` JSON texts (most are: a service's catalog entry, an
    ID's scheme) are decoded once and share one dict, which the graph stage only reads.
    """
    if frame is None or frame.empty:
        return []
    out = []
    decoded: dict[str, dict[str, Any]] = {}
    columns = [column(frame, name) for name in MENTION_INPUT_COLUMNS]
    for doc, comment, kind, value, text, start, end, role, scheme, countries, approx, grain, raw in zip(
        *columns, strict=True
    ):
        value, doc = _str(value), _str(doc)
        if value is None or doc is None or not kind:
            continue
        if isinstance(raw, str):
            extra = decoded.get(raw)
            if extra is None:
                extra = loads(raw, {})
                extra = decoded[raw] = extra if isinstance(extra, dict) else {}
        else:
            extra = loads(raw, {})
            extra = extra if isinstance(extra, dict) else {}
        out.append(
            MentionRow(
                doc=doc,
                comment=_str(comment),
                type=str(kind),
                value=value,
                text=_str(text),
                start=_int(start),
                end=_int(end),
                role=_str(role),
                scheme=_str(scheme) or _str(extra.get("scheme")),
                countries=tuple(countries) if isinstance(countries, list) else None,
                approx=approx if isinstance(approx, bool) else None,
                grain=_str(grain),
                extra=extra,
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
