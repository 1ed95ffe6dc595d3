"""Properties of deduplication on generated occurrences (hypothesis, derandomized)."""

from __future__ import annotations

import json

import pandas as pd
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from extract.config import Settings
from extract.dedup import deduplicate, updates_to_occurrences
from extract.dedup.near import near_components
from extract.model import StatusUpdate
from extract.tables import update_occurrences_frame

SETTINGS = Settings()
TEMPLATES = (
    "We are investigating reports of degraded performance for {s}.",
    "{s} is operating normally.",
    "We're continuing to monitor mail flow for {s}; next update by {n}:30 UTC.",
    "This incident has been resolved.",
    "Users may be unable to access {s} in Europe for up to {n} hours.",
    "We've rolled back the change to {s} and see recovery in {n} regions.",
)
SERVICES = ("Actions", "Pages", "Git Operations", "Codespaces", "Exchange Online")
INCIDENTS = (None, "EX100001", "EX100002", "aaaa1111bbbb")
TIMES = (
    None,
    "2023-07-18T08:00:00+00:00",
    "2023-07-18T08:00:40+00:00",
    "2023-07-18T09:15:00",
    "2023-07-19T10:00:00Z",
)


@st.composite
def texts(draw: st.DrawFn) -> str:
    text = draw(st.sampled_from(TEMPLATES)).format(
        s=draw(st.sampled_from(SERVICES)), n=draw(st.integers(1, 12))
    )
    if draw(st.booleans()):
        cut = draw(st.integers(0, len(text) - 1))
        text = text[:cut] + text[cut + 1 :]  # a typo
    if draw(st.booleans()):
        text = text.upper() if draw(st.booleans()) else text.replace("'", "’")
    return text


@st.composite
def occurrence_frames(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(1, 14))
    updates = []
    for i in range(n):
        text = draw(texts())
        incident = draw(st.sampled_from(INCIDENTS))
        updates.append(
            StatusUpdate(
                doc=draw(st.sampled_from(("a", "b", "c"))),
                start=i * 1000,
                end=i * 1000 + len(text),
                kind=draw(st.sampled_from(("text", "statuspage", "tweet"))),
                incident_id=incident,
                attribution="block" if incident else None,
                fields={"body": text},
                published=draw(st.sampled_from(TIMES)),
                extra={"text": text},
            )
        )
    return update_occurrences_frame(updates)


PROPERTY = settings(
    derandomize=True,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking these frames is slow
)


@PROPERTY
@given(occurrence_frames(), st.randoms(use_true_random=False))
def test_independent_of_input_order(frame: pd.DataFrame, rnd) -> None:
    order = list(range(len(frame)))
    rnd.shuffle(order)
    first = deduplicate(frame, SETTINGS)
    second = deduplicate(frame.iloc[order].reset_index(drop=True), SETTINGS)
    pd.testing.assert_frame_equal(first.updates, second.updates)
    pd.testing.assert_frame_equal(first.clusters, second.clusters)
    pd.testing.assert_frame_equal(first.revisions, second.revisions)


@PROPERTY
@given(occurrence_frames())
def test_never_merges_different_incidents(frame: pd.DataFrame) -> None:
    incident_of = {
        (r.doc, r.start): None if pd.isna(r.incident_id) else r.incident_id for r in frame.itertuples()
    }
    result = deduplicate(frame, SETTINGS)
    assert result.updates.n_sources.sum() == len(frame)
    for row in result.updates.itertuples():
        owners = {incident_of[(s["doc"], s["start"])] for s in json.loads(row.sources)}
        assert owners == {row.incident_id}


@PROPERTY
@given(occurrence_frames())
def test_idempotent(frame: pd.DataFrame) -> None:
    once = deduplicate(frame, SETTINGS).updates
    twice = deduplicate(updates_to_occurrences(once), SETTINGS).updates
    columns = ["update_id", "incident_id", "published", "kind", "text", "status", "fields"]
    pd.testing.assert_frame_equal(once[columns], twice[columns])
    # Duplicated input rows are one occurrence.
    doubled = deduplicate(pd.concat([frame, frame], ignore_index=True), SETTINGS).updates
    pd.testing.assert_frame_equal(once, doubled)


@PROPERTY
@given(st.lists(texts(), min_size=2, max_size=40))
def test_lsh_path_equals_brute_force(items: list[str]) -> None:
    unique = sorted(set(items))
    lsh = near_components(unique, SETTINGS.near_duplicate_threshold, SETTINGS, method="lsh")
    brute = near_components(unique, SETTINGS.near_duplicate_threshold, SETTINGS, method="brute")
    assert lsh == brute
