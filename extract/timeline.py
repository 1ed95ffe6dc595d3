"""Timeline images per incident: updates over time by status, the start time, the promised next
updates, and reader reports from comments. Reads a run's output folder (Parquet tables)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

NOT_STATED = "(status not stated)"
STATUS_LANES = (
    NOT_STATED,
    "investigating",
    "serviceDegradation",
    "serviceInterruption",
    "restoringService",
    "extendedRecovery",
    "serviceRestored",
)


def parse_time(value: Any) -> datetime | None:
    """Parse an ISO value; naive times are taken as UTC for plotting; dates as midnight."""
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _text(value: Any) -> str | None:
    """Return a non-empty string, else None (pandas gives NaN for missing values)."""
    return value if isinstance(value, str) and value else None


def _fields(row: dict[str, Any]) -> dict[str, Any]:
    raw = row.get("fields")
    if isinstance(raw, str) and raw:
        try:
            return json.loads(raw)
        except json.JSONDecodeError:
            return {}
    return raw if isinstance(raw, dict) else {}


def _source_date(row: dict[str, Any], dates: dict[str, str]) -> datetime | None:
    """Return the date of the comment or document an undated update was quoted in."""
    raw = row.get("sources")
    try:
        sources = json.loads(raw) if isinstance(raw, str) else []
    except json.JSONDecodeError:
        return None
    for source in sources:
        for key in (source.get("comment"), source.get("doc")):
            when = parse_time(dates.get(key)) if key else None
            if when is not None:
                return when
    return None


def incident_events(
    incident_id: str,
    updates: pd.DataFrame,
    mentions: pd.DataFrame,
    documents: pd.DataFrame | None = None,
) -> dict[str, list]:
    """Collect the points to draw for one incident.

    An update without a time of its own is placed on the date of the comment or document that
    quotes it and listed under "undated", so the plot can mark it as such.
    """
    rows = updates[updates["incident_id"] == incident_id].to_dict("records") if not updates.empty else []
    dates: dict[str, str] = {}
    if documents is not None and not documents.empty:
        dates = {
            str(i): p
            for i, p in zip(documents["id"], documents["published"], strict=True)
            if isinstance(p, str)
        }
    points, promises, undated = [], [], []
    for row in rows:
        when = parse_time(row.get("published"))
        if when is None:
            when = _source_date(row, dates)
            if when is None:
                continue
            undated.append(when)
        status = _text(row.get("status")) or NOT_STATED
        points.append((when, status, _text(row.get("status_text")) or status))
        fields = _fields(row)
        promised = parse_time(_text(row.get("next_update")) or _text(fields.get("next_update")))
        if promised is not None:
            promises.append((when, promised, status))
    reports = []
    if not mentions.empty and "comment" in mentions:
        docs = set(
            mentions.loc[(mentions["type"] == "incident_id") & (mentions["value"] == incident_id), "doc"]
        )
        in_comments = mentions[
            mentions["doc"].isin(docs) & mentions["comment"].notna() & (mentions["type"] == "timestamp")
        ]
        for value in in_comments["value"]:
            when = parse_time(value)
            if when is not None and len(value) > 10:
                reports.append(when)
    return {
        "points": sorted(points),
        "promises": sorted(promises),
        "reports": sorted(reports),
        "undated": sorted(undated),
    }


def plot_incident(incident: dict[str, Any], events: dict[str, list], path: Path) -> Path:
    """Draw one incident's timeline into a PNG."""
    # The object API, not pyplot: no global backend switch, safe inside notebooks and threads.
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure

    lanes = list(STATUS_LANES) + sorted({s for _, s, _ in events["points"]} - set(STATUS_LANES))
    fig = Figure(figsize=(11, 4.2), dpi=110)
    ax = fig.subplots()
    xs = [t for t, _, _ in events["points"]]
    ys = [lanes.index(s) for _, s, _ in events["points"]]
    ax.plot(xs, ys, "-", color="#bbb", zorder=1)
    ax.scatter(xs, ys, s=46, color="#3a86ff", zorder=3, label="update")
    undated = set(events.get("undated", []))
    if undated:
        marked = [(t, y) for t, y in zip(xs, ys, strict=True) if t in undated]
        ax.scatter(
            [t for t, _ in marked],
            [y for _, y in marked],
            s=90,
            facecolors="none",
            edgecolors="#555",
            zorder=4,
            label="undated (source's date)",
        )
    for posted, promised, status in events["promises"]:
        y = lanes.index(status)
        ax.annotate(
            "",
            xy=(promised, y + 0.25),
            xytext=(posted, y + 0.25),
            arrowprops={"arrowstyle": "->", "color": "#999", "lw": 0.8},
        )
        ax.scatter([promised], [y + 0.25], s=30, facecolors="none", edgecolors="#fb8500", zorder=2)
    start = parse_time(incident.get("start"))
    if start is not None:
        ax.axvline(start, color="#d62828", linestyle="--", lw=1, label="start")
    for report in events["reports"]:
        ax.scatter([report], [-0.6], marker="^", color="#2a9d8f", zorder=3)
    ax.set_yticks(range(len(lanes)), lanes)
    ax.set_ylim(-1, len(lanes))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%m-%d %H:%M", tz=UTC))
    fig.autofmt_xdate()
    title = incident.get("incident_id") or "incident"
    ax.set_title(f"{title}: {str(incident.get('title') or '')[:90]}", fontsize=10)
    ax.legend(loc="upper left", fontsize=8)
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, metadata={"Software": None})
    return path


def write_timelines(out_dir: Path, *, min_updates: int = 2) -> list[Path]:
    """Write plots/<incident>.png for every incident with ``min_updates`` or more updates."""
    incidents = pd.read_parquet(out_dir / "incidents.parquet")
    updates = pd.read_parquet(out_dir / "updates.parquet")
    mentions = pd.read_parquet(out_dir / "mentions.parquet")
    documents = pd.read_parquet(out_dir / "documents.parquet")
    written = []
    if incidents.empty or updates.empty:
        return written
    for incident in incidents.to_dict("records"):
        incident_id = incident.get("incident_id")
        if not incident_id or int(incident.get("update_count") or 0) < min_updates:
            continue
        events = incident_events(incident_id, updates, mentions, documents)
        if len(events["points"]) >= min_updates:
            written.append(plot_incident(incident, events, out_dir / "plots" / f"{incident_id}.png"))
    return written
