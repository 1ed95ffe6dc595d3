"""Status-page attribution and text clusters on GitHub's real status history.

Renders ../shared/corpus/structured/github_statuspage_incidents.jsonl (1,282 incidents, 2,801
updates) two ways and runs update parsing and deduplication on the text:

- ``page``: one archive page per incident (title, its updates newest first, each "Status - body"
  with its "Posted …" line); the page URL names the incident (attribution "record");
- ``history``: one history page per month listing its incidents, each title followed by its
  link; nothing but the text says which incident an update belongs to (attribution "preceding").

Reports updates found, attributed to the right incident, merged across incidents, and the share
of updates in cross-incident text clusters; then a threshold sweep for the near-duplicate level
(best-match score histogram of the masked texts, clusters and cross-incident share per threshold).

    .venv/bin/python benchmarks/statuspage_attribution.py
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.config import Settings  # noqa: E402
from extract.dedup import deduplicate  # noqa: E402
from extract.dedup.normalize import mask_text, normalize_text  # noqa: E402
from extract.documents import segment  # noqa: E402
from extract.readers.html import html_fragment_to_text  # noqa: E402
from extract.tables import update_occurrences_frame  # noqa: E402
from extract.updates import parse_updates, render_statuspage_incident  # noqa: E402
from extract.updates.render import render_statuspage_history  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "structured" / "github_statuspage_incidents.jsonl"


def load() -> list[dict]:
    return [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines() if line.strip()]


def page_mode(rows: list[dict]) -> tuple[list, dict[tuple[str, int], str]]:
    updates, truth = [], {}
    for row in rows:
        document = segment(render_statuspage_incident(row["incident"], row["page"]))
        for update in parse_updates(document, []):
            updates.append(update)
            truth[(update.doc, update.start)] = row["incident"]["id"]
    return updates, truth


def history_mode(rows: list[dict]) -> tuple[list, dict[tuple[str, int], str]]:
    by_month: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        by_month[row["incident"]["created_at"][:7]].append(row["incident"])
    updates, truth = [], {}
    for month, incidents in sorted(by_month.items()):
        record = render_statuspage_history(incidents, rows[0]["page"], doc_id=f"history-{month}")
        starts = sorted((record.text.index(f"/incidents/{i['id']}"), i["id"]) for i in incidents)
        for update in parse_updates(segment(record), []):
            updates.append(update)
            truth[(update.doc, update.start)] = max(s for s in starts if s[0] < update.start)[1]
    return updates, truth


def evaluate(name: str, updates: list, truth: dict, expected: int, threshold: float) -> dict:
    right = sum(u.incident_id == truth[(u.doc, u.start)] for u in updates)
    began = time.perf_counter()
    result = deduplicate(update_occurrences_frame(updates), Settings(near_duplicate_threshold=threshold))
    seconds = time.perf_counter() - began
    merged_across = 0
    for row in result.updates.itertuples():
        owners = {truth[(s["doc"], s["start"])] for s in json.loads(row.sources)}
        merged_across += len(owners) > 1 or owners != {row.incident_id}
    text_clusters = result.clusters[result.clusters.level != "field"]
    cross = set(text_clusters[text_clusters.cross_incident].cluster_id)
    return {
        "mode": name,
        "threshold": threshold,
        "source_updates": expected,
        "found": len(updates),
        "attributed_right": right,
        "attributed_right_share": round(right / expected, 4),
        "distinct_updates": len(result.updates),
        "updates_merged_across_incidents": merged_across,
        "text_clusters": len(text_clusters),
        "near_clusters": int((text_clusters.level == "near").sum()),
        "cross_incident_clusters": len(cross),
        "share_in_cross_incident_clusters": round(float(result.updates.text_cluster.isin(cross).mean()), 4),
        "dedup_seconds": round(seconds, 2),
    }


def best_match_histogram(rows: list[dict]) -> dict[str, int]:
    """For every distinct masked update text: its best ratio against any other."""
    texts = sorted(
        {
            mask_text(normalize_text(html_fragment_to_text(u["body"] or "")))
            for row in rows
            for u in row["incident"]["incident_updates"]
        }
    )
    scores = process.cdist(texts, texts, scorer=fuzz.ratio, dtype=np.uint8, workers=2)
    np.fill_diagonal(scores, 0)
    best = scores.max(axis=1)
    edges = [0, 70, 80, 85, 88, 90, 92, 95, 98, 100, 101]
    counts, _ = np.histogram(best, bins=edges)
    return {f"[{lo},{hi})": int(c) for lo, hi, c in zip(edges[:-1], edges[1:], counts, strict=True)}


def main() -> None:
    rows = load()
    expected = sum(len(r["incident"]["incident_updates"]) for r in rows)
    page = page_mode(rows)
    history = history_mode(rows)
    for threshold in (80.0, 85.0, 90.0, 95.0, 100.0):
        print(json.dumps(evaluate("page", *page, expected, threshold)), flush=True)
    print(
        json.dumps(evaluate("history", *history, expected, Settings().near_duplicate_threshold)), flush=True
    )
    print(json.dumps({"best_match_histogram": best_match_histogram(rows)}), flush=True)


if __name__ == "__main__":
    main()
