"""Deduplication at archive scale: time, peak memory and LSH recall.

Generates N status-update paragraphs from templates with realistic variation (services,
features, regions, times and numbers in the slots, optional clauses, synonyms, typos, casing,
the same post quoted by several sources), deduplicates them with ``extract.dedup.deduplicate``
and reports time and peak RSS per size (each size in its own process, so peaks don't mix), then
the recall of the LSH path against brute-force pairwise rapidfuzz on a sample.

    .venv/bin/python benchmarks/dedup_bench.py --sizes 50000 100000 200000 --sample 5000
    .venv/bin/python benchmarks/dedup_bench.py --one 50000      # one size, JSON on stdout
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.config import Settings  # noqa: E402
from extract.dedup import deduplicate  # noqa: E402
from extract.dedup.near import brute_force_pairs, near_components  # noqa: E402
from extract.dedup.normalize import mask_text, normalize_text  # noqa: E402
from extract.tables import UPDATE_OCCURRENCE_COLUMNS, dumps  # noqa: E402

SERVICES = (
    "Exchange Online",
    "Microsoft Teams",
    "SharePoint Online",
    "OneDrive for Business",
    "Outlook on the web",
    "Azure Active Directory",
    "Intune",
    "Power BI",
    "Dynamics 365",
    "GitHub Actions",
    "Git Operations",
    "Codespaces",
    "GitHub Pages",
    "Webhooks",
    "API Requests",
    "Copilot",
    "Packages",
    "Pull Requests",
    "Issues",
    "Cloud Storage",
    "Compute Engine",
    "BigQuery",
    "Cloud SQL",
    "Pub/Sub",
    "Amazon S3",
    "Amazon EC2",
    "AWS Lambda",
    "Zscaler Internet Access",
    "Okta",
    "Slack",
)
FEATURES = (
    "mail flow",
    "free/busy",
    "sign-in",
    "meetings",
    "chat",
    "file sync",
    "search",
    "admin center",
    "calendar",
    "message delivery",
    "authentication",
    "job scheduling",
    "webhooks delivery",
    "billing",
)
REGIONS = (
    "Europe",
    "North America",
    "Asia Pacific",
    "the United Kingdom",
    "Germany",
    "France",
    "Japan",
    "Australia",
    "Brazil",
    "India",
    "us-east-1",
    "eu-west-1",
    "westeurope",
    "europe-west3",
)
SYNONYMS = (
    ("investigating", "looking into"),
    ("users", "customers"),
    ("may be unable", "might not be able"),
    ("issue", "problem"),
    ("impact", "disruption"),
    ("delays", "latency"),
    ("restored", "recovered"),
)
TEMPLATES = (
    "We're investigating an issue where some users may be unable to access {svc}. We'll provide an update within {n} minutes.",
    "We are investigating reports of degraded performance for {svc}.",
    "{svc} is experiencing degraded performance. We are continuing to investigate.",
    "{svc} is operating normally.",
    "This incident has been resolved.",
    "We've identified a recent configuration change affecting {feat} in {svc} and are reverting it. Next update by {t} UTC.",
    "Users in {reg} may experience delays of up to {n} minutes when using {feat} in {svc}.",
    "We're continuing to monitor {feat} in {svc} to confirm that the fix has resolved the impact for users in {reg}.",
    "We've deployed a fix to the affected infrastructure in {reg} and {svc} {feat} is recovering. Approximately {p}% of requests are succeeding.",
    "A recent code change to {svc} resulted in an influx of requests to {feat}, which caused message queuing on a portion of infrastructure.",
    "Some users may see errors such as HTTP {code} when connecting to {svc} in {reg}.",
    "Our engineers have mitigated the issue with {feat}. Impact started at {t} UTC and lasted {n} minutes.",
    "We're rerouting traffic away from the affected datacenter in {reg} to restore {svc} availability.",
    "The issue affecting {svc} {feat} has been mitigated; we'll publish a preliminary post-incident report within {n} days.",
    "Current status: We're reviewing service telemetry for {svc} to determine the next troubleshooting steps for {feat}.",
    "Root cause: A misconfigured load balancer in {reg} dropped a portion of {svc} connections for {feat}.",
)
EXTRA_CLAUSES = (
    " We apologize for the inconvenience.",
    " Further details can be found in the admin center.",
    " Follow the status page for updates.",
    "",
)


def _variant(rnd: random.Random, text: str) -> str:
    """Realistic variation: synonyms, a typo, casing."""
    if rnd.random() < 0.3:
        old, new = rnd.choice(SYNONYMS)
        text = text.replace(old, new, 1)
    if rnd.random() < 0.1:
        cut = rnd.randrange(len(text))
        text = text[:cut] + text[cut + 1 :]
    if rnd.random() < 0.03:
        text = text.upper()
    return text


def _paragraph(rnd: random.Random) -> str:
    template = rnd.choice(TEMPLATES)
    text = template.format(
        svc=rnd.choice(SERVICES),
        feat=rnd.choice(FEATURES),
        reg=rnd.choice(REGIONS),
        n=rnd.choice((5, 10, 15, 30, 45, 60, 90, 120)),
        p=rnd.randint(50, 99),
        t=f"{rnd.randint(0, 23):02d}:{rnd.choice((0, 15, 30, 45)):02d}",
        code=rnd.choice((500, 502, 503, 504, 429)),
    )
    return _variant(rnd, text + rnd.choice(EXTRA_CLAUSES))


def generate(n: int, seed: int = 7) -> pd.DataFrame:
    """N occurrences: ~5 posts per incident, ~20% quoted again by another source."""
    rnd = random.Random(seed)
    rows: list[dict] = []
    while len(rows) < n:
        if rows and rnd.random() < 0.2:
            original = rnd.choice(rows)
            quote = dict(original, doc=f"doc{rnd.randrange(n // 3 + 1)}", start=rnd.randrange(10_000))
            text = _variant(rnd, json.loads(original["extra"])["text"])
            quote["extra"] = dumps({"text": text})
            quote["fields"] = dumps({"body": text})
            if rnd.random() < 0.5:
                quote["published"] = None  # quoted without its time
            rows.append(quote)
            continue
        incident = f"EX{rnd.randrange(max(1, n // 5)):06d}"
        text = _paragraph(rnd)
        rows.append(
            {
                "doc": f"doc{rnd.randrange(n // 3 + 1)}",
                "comment": None,
                "start": rnd.randrange(10_000),
                "end": 0,
                "kind": rnd.choice(("m365", "statuspage", "tweet", "text")),
                "incident_id": incident,
                "attribution": "block",
                "published": f"2023-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}T{rnd.randint(0, 23):02d}:{rnd.randint(0, 59):02d}:00+00:00",
                "status": None,
                "status_text": None,
                "lang": "en",
                "external_refs": [],
                "fields": dumps({"body": text}),
                "extra": dumps({"text": text}),
            }
        )
    frame = pd.DataFrame(rows, columns=list(UPDATE_OCCURRENCE_COLUMNS))
    frame["end"] = frame["start"] + 200
    return frame


def run_one(n: int) -> dict:
    frame = generate(n)
    began = time.perf_counter()
    result = deduplicate(frame, Settings())
    seconds = time.perf_counter() - began
    text_clusters = result.clusters[result.clusters.level != "field"]
    return {
        "size": n,
        "seconds": round(seconds, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "updates": len(result.updates),
        "text_clusters": len(text_clusters),
        "unique_masked_texts": frame["extra"]
        .map(lambda e: mask_text(normalize_text(json.loads(e)["text"])))
        .nunique(),
    }


def recall(sample: int, threshold: float) -> dict:
    """Pair recall of the LSH path against brute-force rapidfuzz on ``sample`` paragraphs."""
    frame = generate(sample, seed=11)
    texts = sorted({mask_text(normalize_text(json.loads(e)["text"])) for e in frame["extra"]})
    settings = Settings()
    began = time.perf_counter()
    pairs = brute_force_pairs(texts, threshold, workers=2)
    brute_seconds = time.perf_counter() - began
    began = time.perf_counter()
    roots = near_components(texts, threshold, settings)
    lsh_seconds = time.perf_counter() - began
    found = sum(roots[a] == roots[b] for a, b in pairs)
    brute_roots = near_components(texts, threshold, settings, method="brute")
    return {
        "sample": sample,
        "unique_texts": len(texts),
        "similar_pairs": len(pairs),
        "pair_recall": round(found / len(pairs), 4) if pairs else 1.0,
        "same_components": roots == brute_roots,
        "brute_seconds": round(brute_seconds, 2),
        "lsh_seconds": round(lsh_seconds, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", type=int, nargs="*", default=[50_000, 100_000, 200_000])
    parser.add_argument("--sample", type=int, default=5000)
    parser.add_argument("--one", type=int)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    for n in args.sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        ).stdout
        print(out.strip(), flush=True)
    print(json.dumps(recall(args.sample, Settings().near_duplicate_threshold)), flush=True)


if __name__ == "__main__":
    main()
