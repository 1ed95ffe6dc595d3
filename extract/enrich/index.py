"""The incident index: incident nodes of a graph folder, with inverted indexes for candidate lookup.

Linking a ticket must not compare it with every incident: the index maps incident IDs and external
references, error codes (and their parts), services and active days to incidents, so a ticket is
scored only against the incidents that share at least one of them. That keeps a link at a few
dictionary look-ups for graphs of 10,000+ incidents.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq

from extract.enrich.model import EnrichError, IncidentRecord, Interval
from extract.enrich.symptoms import find_concepts
from extract.enrich.times import parse_instant, parse_interval

# How far around an incident's known times a ticket can still belong to it (hours). Tickets are
# opened after users notice a problem, sometimes the next morning; vendors post an incident hours
# after the first reports.
WINDOW_BEFORE_HOURS = 6.0
WINDOW_AFTER_HOURS = 24.0
ONSET_HOURS = 6.0  # a reported onset this many hours or more from the incident's start is no match
MAX_INDEXED_DAYS = 31  # a long-running incident is indexed on its first month of days only

LIST_FIELDS = ("error_codes", "regions", "external_refs", "services")
TEXT_FIELDS = (
    "incident_id",
    "service",
    "feature",
    "status",
    "status_text",
    "title",
    "start",
    "end",
    "first_seen",
    "last_seen",
)
# Update fields whose wording describes the symptom (labels vary; matched by substring).
SYMPTOM_FIELD_HINTS = ("impact", "description", "title", "info")


def plain(value: Any) -> Any:
    """Return a JSON-ready Python value for a cell of a pandas/pyarrow table."""
    kind = type(value)
    if kind is str or kind is int or kind is bool:
        return value
    if kind is list and all(type(v) is str for v in value):
        return value
    if value is None or value is pd.NaT:
        return None
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, (str, bool, int)):
        return value
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if hasattr(value, "isoformat"):  # datetime, date, pandas Timestamp
        return value.isoformat()
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return plain(value.tolist())
    return value


def _as_list(value: Any) -> tuple[str, ...]:
    if not isinstance(value, (list, tuple, str)) and value is not None:
        value = plain(value)
    if value is None:
        return ()
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                return tuple(str(v) for v in json.loads(text) if v)
            except json.JSONDecodeError:
                pass
        return (text,) if text else ()
    return tuple(str(v) for v in value if v is not None and str(v))


def _as_text(value: Any) -> str | None:
    if not isinstance(value, str):
        value = plain(value)
        if value is None:
            return None
    text = str(value).strip()
    return text or None


def code_parts(code: str) -> tuple[frozenset[str], frozenset[str]]:
    """Split "smtp:503 5.5.1" into its enhanced parts {"smtp:5.5.1"} and basic parts {"smtp:503"}."""
    scheme, _, rest = code.partition(":")
    pieces = rest.split() if rest else []
    enhanced = frozenset(f"{scheme}:{p}" for p in pieces if "." in p)
    basic = frozenset(f"{scheme}:{p}" for p in pieces if "." not in p)
    if len(pieces) <= 1:  # a single code is its own full value; keep it out of the parts
        return frozenset(), frozenset()
    return enhanced, basic


def update_symptom_texts(update: Mapping[str, Any]) -> list[str]:
    """Return the texts of an update that describe its symptom (title and impact-like fields)."""
    texts = [_as_text(update.get("title")) or ""]
    fields = update.get("fields")
    if isinstance(fields, str):
        try:
            fields = json.loads(fields)
        except json.JSONDecodeError:
            fields = {}
    if isinstance(fields, Mapping):
        texts += [str(v) for k, v in fields.items() if any(h in str(k).lower() for h in SYMPTOM_FIELD_HINTS)]
    return texts


def _interval_of(row: Mapping[str, Any], *names: str) -> Interval | None:
    for name in names:
        found = parse_interval(row.get(name)) if row.get(name) else None
        if found:
            return found
    return None


def active_interval(row: Mapping[str, Any]) -> Interval | None:
    """Return [start or first seen, end or last seen] of an incident row."""
    first = _interval_of(row, "start", "first_seen", "last_seen")
    last = _interval_of(row, "end", "last_seen", "first_seen", "start")
    if first is None or last is None:
        return None
    return Interval(min(first.start, last.start), max(first.end, last.end))


def onset_interval(row: Mapping[str, Any]) -> Interval | None:
    """Return the incident's start (or, without one, its first report) at its grain."""
    return _interval_of(row, "start", "first_seen")


def incident_record(row: Mapping[str, Any], updates: Iterable[Mapping[str, Any]] = ()) -> IncidentRecord:
    """Build the record of one incident row (a graph node or an incidents.parquet row)."""
    text = {name: _as_text(row.get(name)) for name in TEXT_FIELDS}
    lists = {name: _as_list(row.get(name)) for name in LIST_FIELDS}
    incident_id = text["incident_id"].upper() if text["incident_id"] else None
    key = _as_text(row.get("id")) or _as_text(row.get("key")) or f"incident:{incident_id or text['title']}"
    symptom_texts = [text["title"], text["feature"], text["status_text"]]
    for update in updates:
        symptom_texts += update_symptom_texts(update)
    count = plain(row.get("update_count"))
    active = active_interval(text)
    return IncidentRecord(
        key=key,
        incident_id=incident_id,
        service=text["service"],
        feature=text["feature"],
        status=text["status"],
        status_text=text["status_text"],
        title=text["title"],
        start=text["start"],
        end=text["end"],
        first_seen=text["first_seen"],
        last_seen=text["last_seen"],
        update_count=int(count) if count is not None else 0,
        error_codes=tuple(sorted(set(lists["error_codes"]))),
        regions=tuple(sorted({r.upper() for r in lists["regions"]})),
        external_refs=tuple(sorted({r.upper() for r in lists["external_refs"]})),
        other_services=tuple(sorted(set(lists["services"]) - {text["service"]})),
        concepts=find_concepts(symptom_texts),
        active=active,
        window=active.widened(WINDOW_BEFORE_HOURS, WINDOW_AFTER_HOURS) if active else None,
        onset=onset_interval(text),
        attributes=dict(row),
    )


def _days(window: Interval) -> Iterator[date]:
    day = window.start.date()
    last = min(window.end.date(), day + timedelta(days=MAX_INDEXED_DAYS))
    while day <= last:
        yield day
        day += timedelta(days=1)


@dataclass
class IncidentIndex:
    """Incidents by key, their updates, and inverted indexes over what tickets can share."""

    incidents: dict[str, IncidentRecord] = field(default_factory=dict)
    updates: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    by_incident_id: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_external_ref: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_error_code: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_service: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    by_day: dict[date, set[str]] = field(default_factory=lambda: defaultdict(set))
    undated: set[str] = field(default_factory=set)  # incidents without any known time

    def __len__(self) -> int:
        return len(self.incidents)

    def add(self, record: IncidentRecord, updates: list[dict[str, Any]] | None = None) -> None:
        """Add one incident and index it."""
        self.incidents[record.key] = record
        self.updates[record.key] = list(updates or [])
        if record.incident_id:
            self.by_incident_id[record.incident_id].add(record.key)
        for ref in record.external_refs:
            self.by_external_ref[ref].add(record.key)
        for code in record.error_codes:
            enhanced, basic = code_parts(code)
            for value in (code, *enhanced, *basic):
                self.by_error_code[value].add(record.key)
        if record.service:
            self.by_service[record.service.casefold()].add(record.key)
        if record.window:
            for day in _days(record.window):
                self.by_day[day].add(record.key)
        else:
            self.undated.add(record.key)

    def lookup(self, identifier: str) -> IncidentRecord | None:
        """Return the incident with this vendor ID (any case) or graph node id."""
        keys = sorted(self.by_incident_id.get(identifier.strip().upper(), ()))
        if keys:
            return self.incidents[keys[0]]
        return self.incidents.get(identifier)

    def known_id(self, identifier: str) -> bool:
        """Return whether an identifier is any incident's vendor ID or external reference."""
        return identifier in self.by_incident_id or identifier in self.by_external_ref

    def keys_for_days(self, interval: Interval) -> set[str]:
        """Return the incidents whose indexed days meet the interval's days."""
        keys: set[str] = set()
        day = interval.start.date()
        while day <= interval.end.date():
            keys |= self.by_day.get(day, set())
            day += timedelta(days=1)
        return keys


def _read_table(path: Path) -> list[dict[str, Any]]:
    """Read a Parquet table as rows of plain Python values (lists, str, int, None)."""
    return [{k: plain(v) for k, v in row.items()} for row in pq.read_table(path).to_pylist()]


def _read_incident_rows(graph_dir: Path) -> list[dict[str, Any]]:
    table = graph_dir / "incidents.parquet"
    if table.is_file():
        rows = _read_table(table)
        if rows:
            return rows
    graph = graph_dir / "graph.json"
    if graph.is_file():
        data = json.loads(graph.read_text(encoding="utf-8"))
        return [node for node in data.get("nodes", []) if node.get("kind") == "incident"]
    if not table.is_file():
        raise EnrichError(f"{graph_dir}: neither incidents.parquet nor graph.json found")
    return []


def _read_update_rows(graph_dir: Path) -> list[dict[str, Any]]:
    table = graph_dir / "updates.parquet"
    return _read_table(table) if table.is_file() else []


def _update_sort_key(update: Mapping[str, Any]) -> tuple[str, str]:
    published = parse_instant(update.get("published"))
    return (published.isoformat() if published else "", str(update.get("text") or ""))


def build_index(
    rows: Iterable[Mapping[str, Any]], updates: Iterable[Mapping[str, Any]] = ()
) -> IncidentIndex:
    """Build an index from incident rows and update rows (joined on ``incident_id``)."""
    by_incident: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for update in updates:
        incident_id = _as_text(update.get("incident_id"))
        if incident_id:
            by_incident[incident_id.upper()].append(dict(update))
    index = IncidentIndex()
    for row in rows:
        incident_id = _as_text(row.get("incident_id"))
        own = sorted(by_incident.get(incident_id.upper(), []) if incident_id else [], key=_update_sort_key)
        index.add(incident_record(row, own), own)
    return index


def load_incident_index(graph_dir: Path | str) -> IncidentIndex:
    """Load the incidents (incidents.parquet, else graph.json) and updates of a `run --out` folder."""
    folder = Path(graph_dir)
    if not folder.is_dir():
        raise EnrichError(f"{folder}: not a folder (expected the output of `incident-extract run --out`)")
    return build_index(_read_incident_rows(folder), _read_update_rows(folder))
