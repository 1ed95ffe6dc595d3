"""Runs into an existing output folder merge their documents in: two halves equal one run."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from tests.batch.conftest import (
    assert_same_output,
    cli,
    cli_refusal,
    sample_record,
    snapshot,
    synthetic_records,
    write_jsonl,
)

GRAPH_FILES = ("nodes.parquet", "edges.parquet", "graph.json")
OPTIONS = ("--author-key", "k", "--chunk-size", "4", "--workers", "1")


@pytest.fixture(scope="module")
def halves(tmp_path_factory, archive_gen):
    folder = tmp_path_factory.mktemp("halves")
    records = [sample_record(), *synthetic_records(archive_gen, 11, seed=3)]
    first = write_jsonl(folder / "first" / "a.jsonl", records[::2], ("{broken",))
    second = write_jsonl(folder / "second" / "b.jsonl", [*records[1::2], quoting_the_sample()])
    return first, second


def quoting_the_sample() -> dict:
    """A later post quoting two of the sample's status updates: their clusters gain a member."""
    text = sample_record()["text"]
    start = text.index("Published Time: 18.07.2023 17:37:14")
    end = text.index("Published Time: 18.07.2023 13:19:28")
    quote = text[start:end]
    return {
        "id": "later-post-quoting-ex648815",
        "title": "Exchange Online: Nachlese zu EX648815",
        "published": "2023-07-20",
        "text": "Exchange Online: Nachlese zu EX648815\n\nMicrosoft schrieb im Admin Center:\n\n" + quote,
    }


def test_two_halves_processed_incrementally_give_the_graph_of_one_run(halves, tmp_path):
    first, second = halves
    once, twice = tmp_path / "once", tmp_path / "twice"
    cli("run", str(first), str(second), "--out", str(once), *OPTIONS)
    cli("run", str(first), "--out", str(twice), *OPTIONS)
    output = cli("run", str(second), "--out", str(twice), *OPTIONS)
    assert "run: incremental" in output
    assert_same_output(once, twice, GRAPH_FILES)
    # Every table, not just the graph, is the one-run table; only replaced_ids.json tells the story.
    a, b = snapshot(once), snapshot(twice)
    assert [name for name in a if name != "replaced_ids.json" and a[name] != b.get(name)] == []
    assert json.loads((once / "replaced_ids.json").read_text()) == []
    replaced = json.loads((twice / "replaced_ids.json").read_text())
    assert replaced, "the quoted updates' clusters changed, so some ids were replaced"
    new_ids = set(pd.read_parquet(twice / "nodes.parquet")["id"])
    assert all(row["old_id"] not in new_ids for row in replaced)
    assert all(row["new_id"] in new_ids for row in replaced if row["new_id"] is not None)


def test_a_document_sent_again_replaces_the_old_one(halves, tmp_path):
    first, _ = halves
    records = [json.loads(line) for line in first.read_text().splitlines() if line.startswith('{"')]
    changed = dict(records[1], title="Changed title", text=records[1]["text"] + "\nUpdate: resolved.\n")
    update = write_jsonl(tmp_path / "update" / "c.jsonl", [changed])
    merged, once = tmp_path / "merged", tmp_path / "once"
    cli("run", str(first), "--out", str(merged), *OPTIONS)
    cli("run", str(update), "--out", str(merged), *OPTIONS)
    cli("run", str(first), str(update), "--out", str(once), *OPTIONS)  # the later file wins there too
    a, b = snapshot(once), snapshot(merged)
    assert [name for name in a if name != "replaced_ids.json" and a[name] != b.get(name)] == []
    summary = json.loads((merged / "summary.json").read_text())
    assert summary["documents"]["read"] == len(records) + 1  # the replaced document counts once
    documents = pd.read_parquet(merged / "documents.parquet")
    assert documents.loc[documents["id"] == changed["id"], "title"].tolist() == ["Changed title"]
    assert (merged / "replaced_ids.json").exists()


def test_overwrite_starts_fresh(halves, tmp_path):
    first, second = halves
    fresh, reused = tmp_path / "fresh", tmp_path / "reused"
    cli("run", str(second), "--out", str(fresh), *OPTIONS)
    cli("run", str(first), "--out", str(reused), *OPTIONS)
    output = cli("run", str(second), "--out", str(reused), "--overwrite", *OPTIONS)
    assert "run: fresh" in output
    assert_same_output(fresh, reused)


def test_a_dataset_without_its_spool_is_not_merged_into(halves, tmp_path):
    first, second = halves
    out = tmp_path / "out"
    cli("run", str(first), "--out", str(out), *OPTIONS)
    shutil.rmtree(out / ".work")
    message = cli_refusal("run", str(second), "--out", str(out), *OPTIONS)
    assert "--overwrite" in message


def test_other_settings_are_not_merged_into_a_dataset(halves, tmp_path):
    first, second = halves
    out = tmp_path / "out"
    cli("run", str(first), "--out", str(out), *OPTIONS)
    message = cli_refusal("run", str(second), "--out", str(out), "--prefer-dates-from", "future", *OPTIONS)
    assert "other settings" in message
