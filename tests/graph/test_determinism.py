"""The graph stage's output must not depend on the hash seed (set/dict order) or on row order.

Repeated runs of one archive once differed in ``last_seen``/``lastModifiedDateTime``: an aware
and a naive time of the same wall minute ("…12:39:00+00:00" and "…12:39:00") tied in the time
order, and the tie was broken by a set's iteration order, which follows PYTHONHASHSEED.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from extract.graph import build_graph
from extract.graph.times import sort_key
from tests.graph.builders import doc, mention, tables, update

ROOT = Path(__file__).resolve().parents[2]

# Tied times everywhere: the same instant with and without a zone, in updates' published times,
# field times, documents' published times and timestamp mentions.
TIED = ["2024-03-05T12:39:00+00:00", "2024-03-05T12:39:00", "2024-03-05T12:39:00Z"]


def tied_tables() -> tuple[pd.DataFrame, ...]:
    docs, mentions, updates = [], [], []
    for n in range(12):
        post = f"p{n}"
        docs.append(doc(post, published=TIED[n % 3]))
        docs.append(doc(f"{post}#c1", kind="comment", parent=post, published=TIED[(n + 1) % 3]))
        incident = f"EX{700000 + n % 4}"
        mentions.append(mention(post, "incident_id", 0, incident, scheme="m365"))
        mentions.append(mention(post, "timestamp", 20, TIED[n % 3], role="start"))
        mentions.append(mention(post, "timestamp", 60, TIED[(n + 2) % 3], role="start"))
        mentions.append(mention(post, "service", 100, "Exchange Online", kind="service"))
        mentions.append(mention(f"{post}#c1", "incident_id", 5, incident, comment=f"{post}#c1"))
        for k, published in enumerate(TIED):
            updates.append(
                update(
                    f"u{n}-{k}",
                    incident,
                    post,
                    200 + 100 * k,
                    290 + 100 * k,
                    published=published,
                    status="serviceDegradation",
                    status_text="Investigating",
                    fields={"start_time": TIED[(n + k) % 3], "title": f"Mail delay {n % 4}"},
                )
            )
    return tables(docs, mentions, updates)


SCRIPT = """
import hashlib, pickle, sys
from extract.graph import build_graph
frames = pickle.loads(sys.stdin.buffer.read())
graph = build_graph(*frames)
for frame in (graph.nodes, graph.edges, graph.incidents):
    sys.stdout.write(hashlib.sha256(frame.to_csv(index=False).encode()).hexdigest() + "\\n")
"""


def _digests(frames: tuple[pd.DataFrame, ...], seed: str) -> str:
    import pickle

    env = {**os.environ, "PYTHONHASHSEED": seed}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        input=pickle.dumps(frames),
        capture_output=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    return result.stdout.decode()


def test_sort_key_is_total_on_tied_instants():
    assert len({sort_key(v) for v in TIED}) == len(TIED)
    assert sorted(TIED[:2], key=sort_key) == sorted([TIED[1], TIED[0]], key=sort_key)


def test_build_graph_bytes_do_not_depend_on_hash_seed():
    frames = tied_tables()
    outputs = {_digests(frames, seed) for seed in ("0", "1", "2", "3", "17")}
    assert len(outputs) == 1, outputs


def test_build_graph_does_not_depend_on_row_order():
    frames = tied_tables()
    shuffled = tuple(f.sample(frac=1.0, random_state=3).reset_index(drop=True) for f in frames)
    a, b = build_graph(*frames), build_graph(*shuffled)
    for left, right in zip((a.nodes, a.edges, a.incidents), (b.nodes, b.edges, b.incidents), strict=True):
        assert (
            hashlib.sha256(left.to_csv(index=False).encode()).digest()
            == hashlib.sha256(right.to_csv(index=False).encode()).digest()
        )
