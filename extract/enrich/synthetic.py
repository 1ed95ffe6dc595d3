"""Graph folders for tests and benchmarks: write incident and update rows the way `run --out` does,
and generate a synthetic graph of any size.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pandas as pd

from extract.enrich.index import plain

INCIDENT_COLUMNS = (
    "id",
    "kind",
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
    "update_count",
    "error_codes",
    "regions",
    "external_refs",
    "services",
)
UPDATE_COLUMNS = ("incident_id", "published", "status", "status_text", "title", "text", "fields")


def _incident_frame(incidents: Sequence[Mapping[str, Any]]) -> pd.DataFrame:
    rows = [{column: row.get(column) for column in INCIDENT_COLUMNS} for row in incidents]
    for row in rows:
        row["kind"] = "incident"
        for column in ("error_codes", "regions", "external_refs", "services"):
            row[column] = list(row[column] or [])
    return pd.DataFrame(rows, columns=list(INCIDENT_COLUMNS))


def _update_frame(updates: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    rows = []
    for update in updates:
        row = {column: update.get(column) for column in UPDATE_COLUMNS}
        if not isinstance(row["fields"], str):
            row["fields"] = json.dumps(row["fields"] or {}, ensure_ascii=False, sort_keys=True)
        rows.append(row)
    return pd.DataFrame(rows, columns=list(UPDATE_COLUMNS))


def _node_link(incidents: pd.DataFrame) -> dict[str, Any]:
    nodes = [{k: plain(v) for k, v in row.items()} for row in incidents.to_dict("records")]
    services = sorted({str(row["service"]) for row in nodes if row.get("service")})
    nodes += [{"id": f"service:{name}", "kind": "service", "name": name} for name in services]
    edges = [
        {"source": row["id"], "target": f"service:{row['service']}", "kind": "affects"}
        for row in nodes
        if row["kind"] == "incident" and row.get("service")
    ]
    return {"directed": True, "multigraph": True, "graph": {}, "nodes": nodes, "edges": edges}


def write_graph_folder(
    incidents: Sequence[Mapping[str, Any]], updates: Iterable[Mapping[str, Any]], out: Path
) -> Path:
    """Write incidents.parquet, updates.parquet and graph.json (node-link) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    incident_frame = _incident_frame(incidents)
    incident_frame.to_parquet(out / "incidents.parquet", index=False)
    _update_frame(updates).to_parquet(out / "updates.parquet", index=False)
    graph = _node_link(incident_frame)
    (out / "graph.json").write_text(json.dumps(graph, ensure_ascii=False), encoding="utf-8")
    return out


# (service, Microsoft 365 ID prefix or None for status-page incidents without a vendor ID,
#  symptom wording, error codes its incidents may carry)
SYNTHETIC_SERVICES = (
    ("Exchange Online", "EX", "email delivery may be delayed", ("smtp:451 4.7.500", "smtp:550 5.7.708")),
    ("Microsoft Teams", "TM", "users can't join meetings", ("http:503",)),
    ("SharePoint Online", "SP", "users can't open documents", ("http:500",)),
    ("OneDrive", "OD", "files fail to sync", ("hresult:0x80070005",)),
    ("Microsoft 365", "MO", "users can't sign in to several services", ("aadsts:50126", "aadsts:50058")),
    ("Zscaler", None, "users unable to connect", ("http:502",)),
    ("GitHub Actions", None, "workflow runs are delayed", ()),
    ("Amazon S3", None, "elevated error rates", ("http:503",)),
)
SYNTHETIC_REGIONS = ("DE", "GB", "US", "FR", "DACH", "EU", "GLOBAL", "NL", "CH")


def synthetic_incident(number: int, rng: random.Random, epoch: datetime) -> dict[str, Any]:
    """Return one plausible incident row (IDs, times and codes drawn from ``rng``)."""
    service, prefix, symptom, codes = rng.choice(SYNTHETIC_SERVICES)
    start = epoch + timedelta(minutes=rng.randrange(0, 2 * 365 * 24 * 60))
    duration = timedelta(minutes=rng.randrange(30, 48 * 60))
    incident_id = f"{prefix}{700000 + number}" if prefix else None
    return {
        "id": f"incident:{incident_id or f'status:{number}'}",
        "incident_id": incident_id,
        "service": service,
        "feature": None,
        "status": rng.choice(("serviceDegradation", "serviceRestored", "investigating")),
        "status_text": "Service degradation",
        "title": f"Some {service} {symptom}",
        "start": start.isoformat(),
        "end": (start + duration).isoformat() if rng.random() < 0.7 else None,
        "first_seen": (start + timedelta(minutes=20)).isoformat(),
        "last_seen": (start + duration).isoformat(),
        "update_count": rng.randrange(1, 15),
        "error_codes": [rng.choice(codes)] if codes and rng.random() < 0.5 else [],
        "regions": rng.sample(SYNTHETIC_REGIONS, rng.randrange(0, 3)),
        "external_refs": [f"INC{40000000 + number}"] if rng.random() < 0.1 else [],
        "services": [service],
    }


def synthetic_incidents(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Return ``count`` synthetic incidents over two years (deterministic for a seed)."""
    rng = random.Random(seed)
    epoch = datetime(2023, 1, 1, tzinfo=UTC)
    return [synthetic_incident(number, rng, epoch) for number in range(count)]
