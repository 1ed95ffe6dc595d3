from __future__ import annotations

import json

import pandas as pd

from extract.config import Settings
from extract.dedup import CLUSTER_COLUMNS, REVISION_COLUMNS, UPDATE_COLUMNS, DedupResult, deduplicate
from tests.dedup.helpers import frame, occurrence


def test_sample_ex648815_has_twelve_updates_in_time_order(sample_result: DedupResult) -> None:
    updates = sample_result.updates
    assert tuple(updates.columns) == UPDATE_COLUMNS
    ex = updates[updates.incident_id == "EX648815"]
    assert len(ex) == 12
    assert list(ex.published) == sorted(ex.published)
    assert ex.published.iloc[0] == "2023-07-17T21:03:33"
    assert ex.published.iloc[-1] == "2023-07-18T19:32:23"
    # Each post follows the previous one as its revision; the first has none.
    assert ex.revision_of.iloc[0] is None
    assert list(ex.revision_of.iloc[1:]) == list(ex.update_id.iloc[:-1])


def test_sample_root_cause_is_one_text_with_ten_occurrences(sample_result: DedupResult) -> None:
    clusters = sample_result.clusters
    assert tuple(clusters.columns) == CLUSTER_COLUMNS
    root = clusters[(clusters.level == "field") & (clusters.field == "root_cause")]
    assert len(root) == 1
    row = root.iloc[0]
    assert row["size"] == 10
    assert row.n_occurrences == 10
    assert row.representative.startswith("A recent code change related to our free/busy publishing APIs")
    assert json.loads(row.incident_ids) == ["EX648815"]


def test_sample_more_info_is_a_revision_chain(sample_result: DedupResult) -> None:
    revisions = sample_result.revisions
    assert tuple(revisions.columns) == REVISION_COLUMNS
    chain = revisions[(revisions.incident_id == "EX648815") & (revisions.field == "more_info")]
    assert list(chain.version) == [1, 2, 3, 4]
    assert list(chain.n_updates) == [1, 8, 1, 2]
    assert list(chain.first_published) == sorted(chain.first_published)
    assert list(chain.previous_cluster.iloc[1:]) == list(chain.cluster_id.iloc[:-1])
    last = json.loads(chain.changes.iloc[-1])
    assert last == [{"op": "replace", "from": "four", "to": "five"}]
    # The update that changed it says so.
    updates = sample_result.updates.set_index("update_id")
    changes = json.loads(updates.loc[chain.first_update.iloc[-1], "changes"])
    assert changes["more_info"]["words"] == last
    assert "root_cause" not in changes


def test_sample_nhsmail_alert_keeps_its_external_reference(sample_result: DedupResult) -> None:
    alert = sample_result.updates[sample_result.updates.kind == "alert"].iloc[0]
    assert alert.incident_id == "EX649175"
    assert alert.external_refs == ["INC37075572"]
    assert alert.status == "serviceDegradation"


def test_same_post_quoted_by_two_sources_is_one_update(settings: Settings) -> None:
    text = "We're investigating an issue where users can't send mail."
    result = deduplicate(
        frame(
            occurrence("blog-a", 10, text, "EX1234567", "2023-07-18T08:00:00+00:00"),
            occurrence(
                "blog-b", 99, "We’re  investigating an issue where users can't send mail", "EX1234567"
            ),
            occurrence("blog-c", 5, text.upper(), "EX1234567", "2023-07-18T08:00:30+00:00"),
        ),
        settings,
    )
    (update,) = result.updates.itertuples()
    assert update.n_sources == 3
    assert [s["doc"] for s in json.loads(update.sources)] == ["blog-a", "blog-b", "blog-c"]


def test_same_text_in_two_incidents_is_two_updates_in_one_cluster(settings: Settings) -> None:
    text = "This incident has been resolved."
    result = deduplicate(
        frame(
            occurrence("p1", 0, text, "aaaa1111bbbb", "2023-01-01T10:00:00Z", kind="statuspage"),
            occurrence("p2", 0, text, "cccc2222dddd", "2023-02-01T10:00:00Z", kind="statuspage"),
        ),
        settings,
    )
    assert len(result.updates) == 2
    assert result.updates.text_cluster.nunique() == 1
    cluster = result.clusters[result.clusters.cluster_id == result.updates.text_cluster.iloc[0]].iloc[0]
    assert (cluster.level, cluster["size"], cluster.n_incidents, bool(cluster.cross_incident)) == (
        "exact",
        2,
        2,
        True,
    )


def test_near_duplicates_share_a_cluster_but_different_times_stay_updates(settings: Settings) -> None:
    result = deduplicate(
        frame(
            occurrence(
                "p", 0, "We will provide an update by 10:00 UTC.", "EX7654321", "2023-07-18T09:00:00Z"
            ),
            occurrence(
                "p", 60, "We will provide an update by 11:30 UTC.", "EX7654321", "2023-07-18T10:00:00Z"
            ),
            occurrence(
                "p", 120, "Mail flow is fully restored for all users.", "EX7654321", "2023-07-18T11:00:00Z"
            ),
        ),
        settings,
    )
    assert len(result.updates) == 3
    assert result.updates.text_cluster.nunique() == 2
    text_clusters = result.clusters[result.clusters.level != "field"]
    assert sorted(text_clusters.level) == ["exact", "near"]


def test_two_posts_of_one_page_at_the_same_minute_stay_apart(settings: Settings) -> None:
    result = deduplicate(
        frame(
            occurrence("p", 0, "Actions is operating normally.", "aaaa1111bbbb", "2023-01-01T10:00:00Z"),
            occurrence(
                "p", 50, "We are deploying a fix for queued jobs.", "aaaa1111bbbb", "2023-01-01T10:00:20Z"
            ),
        ),
        settings,
    )
    assert len(result.updates) == 2
    assert result.updates.update_id.nunique() == 2


def test_ids_are_stable_across_input_order(
    sample_result: DedupResult, sample_doc, settings: Settings
) -> None:
    from extract.tables import update_occurrences_frame
    from extract.updates import parse_updates

    shuffled = update_occurrences_frame(parse_updates(sample_doc, [])).sample(frac=1.0, random_state=7)
    again = deduplicate(shuffled.reset_index(drop=True), settings)
    pd.testing.assert_frame_equal(again.updates, sample_result.updates)
    pd.testing.assert_frame_equal(again.clusters, sample_result.clusters)


def test_empty_input() -> None:
    result = deduplicate(pd.DataFrame(), Settings())
    assert result.updates.empty
    assert tuple(result.updates.columns) == UPDATE_COLUMNS


def test_a_shortened_quote_joins_its_post(settings: Settings) -> None:
    full = (
        "We've mitigated impact for EX649175. Please refer to the admin centre for more details. "
        "As the change was only applied to a limited portion of Exchange infrastructure, we've scoped down."
    )
    result = deduplicate(
        frame(
            occurrence("status", 0, full, "EX649175", "2023-07-18T12:05:00+00:00"),
            occurrence("blog", 40, full[:90] + " …", "EX649175"),
            occurrence("forum", 7, "We're investigating reports of failed logins.", "EX649175"),
        ),
        settings,
    )
    assert len(result.updates) == 2
    timed = result.updates[result.updates.published.notna()].iloc[0]
    assert [s["doc"] for s in json.loads(timed.sources)] == ["status", "blog"]
