"""Input tables for the graph stage, built the way the upstream stages will build them.

Documents come from the real segmenter; mentions, updates and clusters are located in the sample's
text by plain string search here, mimicking the recognizers (issue 3), the update parser and the
deduplicator (issue 5) — their columns, values and offsets — so the graph stage can be tested on
its own. Nothing here is used by the package.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pandas as pd

from extract.model import Document
from extract.tables import MENTION_COLUMNS, document_rows, dumps

ID_SCHEMES = {"EX649175": "m365", "EX648815": "m365", "INC37075572": "servicenow"}
SAME_AS = {"INC37075572": ["EX649175"]}
SERVICES = {
    "Exchange Online": ("Microsoft", "service", "Microsoft 365"),
    "Microsoft 365": ("Microsoft", "suite", None),
    "OneDrive": ("Microsoft", "service", "Microsoft 365"),
    "ZScaler": ("Zscaler", "service", None),
}
REGIONS = {
    "DACH": ("DACH", ["AT", "CH", "DE"]),
    "UK": ("GB", ["GB"]),
    "weltweit": ("GLOBAL", None),
    "Schweiz": ("CH", ["CH"]),
}
PUBLISHED = re.compile(r"Published Time: (\d\d)\.(\d\d)\.(\d{4}) (\d\d:\d\d:\d\d)")
FIELD = re.compile(
    r"^(Title|User impact|More info|Current status|Scope of impact|Start time|Root cause|Next update by): (.*)$",
    re.M,
)
KEYS = {
    "Title": "title",
    "User impact": "user_impact",
    "More info": "more_info",
    "Current status": "current_status",
    "Scope of impact": "scope",
    "Start time": "start_time",
    "Root cause": "root_cause",
    "Next update by": "next_update",
}


def _mention(doc: Document, type_: str, start: int, end: int, value: str, **extra: Any) -> dict[str, Any]:
    comment = doc.comment_at(start)
    flat = {
        k: extra.pop(k, None)
        for k in ("scheme", "grain", "approx", "tz", "part_of_day", "interval", "countries")
    }
    return {
        "doc": doc.id,
        "type": type_,
        "text": doc.text[start:end],
        "start": start,
        "end": end,
        "value": value,
        "role": extra.pop("role", None),
        "score": 0.9,
        "lang": "de",
        "comment": comment.id if comment else None,
        "source": "fixture",
        **flat,
        "extra": dumps(extra) if extra else None,
    }


def _all(text: str, needle: str, *, word: bool = False, flags: int = 0) -> list[re.Match[str]]:
    pattern = rf"\b{re.escape(needle)}\b" if word else re.escape(needle)
    return list(re.finditer(pattern, text, flags))


def sample_mentions(doc: Document) -> pd.DataFrame:
    rows = []
    text = doc.text
    for value, scheme in ID_SCHEMES.items():
        for m in _all(text, value):
            extra = {"provider": "Microsoft"} if scheme == "m365" else {}
            if value in SAME_AS:
                extra["same_as"] = SAME_AS[value]
            rows.append(_mention(doc, "incident_id", m.start(), m.end(), value, scheme=scheme, **extra))
    for m in _all(text, "503 5.5.1 bad sequence of commands", flags=re.I):
        rows.append(_mention(doc, "error_code", m.start(), m.end(), "smtp:503 5.5.1"))
    for needle, (value, countries) in REGIONS.items():
        for m in _all(text, needle, word=True):
            rows.append(
                _mention(doc, "region", m.start(), m.end(), value, countries=countries, role="affected")
            )
    for needle, (provider, kind, parent) in SERVICES.items():
        for m in _all(text, needle, word=True):
            canonical = "Zscaler" if needle == "ZScaler" else needle
            rows.append(
                _mention(
                    doc, "service", m.start(), m.end(), canonical, provider=provider, kind=kind, parent=parent
                )
            )
    for m in _all(text, "Monday, July 17, 2023, at 3:00 PM UTC"):
        rows.append(
            _mention(
                doc,
                "timestamp",
                m.start(),
                m.end(),
                "2023-07-17T15:00:00+00:00",
                role="start",
                grain="minute",
                tz="stated",
            )
        )
    for m in _all(text, "seit gestern Abend"):
        rows.append(
            _mention(
                doc,
                "timestamp",
                m.start(),
                m.end(),
                "2023-07-17",
                role="start",
                grain="day",
                part_of_day="evening",
            )
        )
    frame = pd.DataFrame(rows, columns=list(MENTION_COLUMNS))
    return frame.sort_values(["doc", "start", "end", "type", "value"], kind="stable").reset_index(drop=True)


def _m365_updates(doc: Document) -> list[dict[str, Any]]:
    text = doc.text
    starts = list(PUBLISHED.finditer(text))
    block_end = text.index("Dieser Beitrag wurde")
    share = text.index("Share: Incident: EX648815")
    updates = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else block_end
        body = text[m.start() : end].rstrip()
        fields = {KEYS[f.group(1)]: f.group(2).strip() for f in FIELD.finditer(body)}
        published = f"{m.group(3)}-{m.group(2)}-{m.group(1)}T{m.group(4)}"
        first = i == 0
        if first:
            fields.update({"service": "Exchange Online", "feature": "delivery"})
        updates.append(
            {
                "incident_id": "EX648815",
                "published": published,
                "kind": "m365",
                "status": "serviceDegradation" if first else None,
                "status_text": "Service degradation" if first else None,
                "title": fields.get("title"),
                "fields": dumps(fields),
                "text": body,
                "sources": [
                    {
                        "doc": doc.id,
                        "comment": None,
                        "start": share if first else m.start(),
                        "end": m.start() + len(body),
                    }
                ],
                "attribution": "preceding",
                "external_refs": [],
                "lang": "en",
            }
        )
    return updates


def _alert_update(doc: Document) -> dict[str, Any]:
    text = doc.text
    start = text.index("Microsoft 365 Alert")
    end = text.index("Next update by : Tuesday") + len(
        "Next update by : Tuesday, July 18, 2023, at 10:00 AM UTC"
    )
    fields = {
        "title": "Some users may be unable to send Exchange Online email messages",
        "more_info": 'Affected users may receive the following error "503 5.5.1 bad sequence of commands"',
    }
    return {
        "incident_id": "EX649175",
        "published": "2023-07-18T08:32:00+00:00",
        "kind": "alert",
        "status": "serviceDegradation",
        "status_text": "Service Degradation",
        "title": fields["title"],
        "fields": dumps(fields),
        "text": text[start:end],
        "sources": [{"doc": doc.id, "comment": None, "start": start, "end": end}],
        "attribution": "block",
        "external_refs": ["INC37075572"],
        "lang": "en",
    }


def sample_updates(doc: Document) -> pd.DataFrame:
    rows = [*_m365_updates(doc), _alert_update(doc)]
    for row in rows:
        row["update_id"] = "u_" + row["incident_id"] + "_" + row["published"].replace(":", "")
        row["text_cluster"] = None
        row["n_sources"] = 1
        row["sources"] = json.dumps(row["sources"])
    return pd.DataFrame(rows)


def sample_clusters(updates: pd.DataFrame) -> pd.DataFrame:
    causes: dict[str, list[str]] = {}
    for row in updates.to_dict("records"):
        cause = json.loads(row["fields"]).get("root_cause")
        if cause:
            causes.setdefault(cause, []).append(row["update_id"])
    rows = [
        {
            "cluster_id": f"c_root_{i}",
            "level": "field",
            "field": "root_cause",
            "representative": cause,
            "size": len(members),
            "members": json.dumps(sorted(members)),
            "n_incidents": 1,
            "cross_incident": False,
        }
        for i, (cause, members) in enumerate(sorted(causes.items()))
    ]
    return pd.DataFrame(rows)


def sample_tables(doc: Document) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (documents, mentions, updates, clusters) for the segmented sample."""
    documents = pd.DataFrame(document_rows(doc, "ok", 0, 0))
    updates = sample_updates(doc)
    return documents, sample_mentions(doc), updates, sample_clusters(updates)
