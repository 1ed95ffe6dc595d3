"""The cross-document stages of a batch run, staged through the output folder.

``api.assemble_dataset`` keeps every table in memory until the caller writes them; at archive
scale that adds each stage's output to all the tables before it. Here each table is written as
soon as it is final and dropped as soon as no later stage needs it:

1. documents, mentions and errors are written; dedup takes the occurrences;
2. updates and revisions are written; the graph stage takes documents, mentions, updates and
   clusters, each as it decodes it (``graph.GraphTables``);
3. nodes, edges and incidents are built one at a time, each written and dropped before the
   next (``graph.graph_tables``); the graph exports read those files, in processes of their own
   for a large graph (``extract.engine.export_job``).

The files are the ones ``exports.write_dataset`` writes from the same dataset, byte for byte.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from extract.api import Dataset
from extract.config import Settings
from extract.engine.memory import release_memory
from extract.engine.merge import replaced_ids_json
from extract.exports import (
    GRAPH_EXPORTS,
    PARALLEL_EXPORT_EDGES,
    summarize,
    write_errors,
    write_graph_export,
    write_graph_exports_from,
    write_json,
    write_parquet,
)

REPLACED_IDS = "replaced_ids.json"


def finish_dataset(
    dataset: Dataset,
    settings: Settings,
    out: Path,
    previous_nodes: Path | None = None,
    min_process_edges: int = PARALLEL_EXPORT_EDGES,
) -> tuple[dict[str, Any], Any]:
    """Run dedup and the graph on ``dataset``'s per-document tables and write every file of
    the dataset but summary.json into ``out``. Returns (the summary's counts, replaced IDs).

    ``dataset`` is emptied: its frames are released stage by stage. ``previous_nodes``: the
    nodes table before an incremental merge (replaced_ids.json lists what the merge replaced).
    """
    from extract.dedup import deduplicate
    from extract.graph import GraphTables, graph_tables

    out.mkdir(parents=True, exist_ok=True)
    counted = _summary_view(dataset)
    write_parquet(dataset.documents, out / "documents.parquet")
    write_parquet(dataset.mentions, out / "mentions.parquet")
    write_errors(dataset.errors, out)

    deduplicated = deduplicate(_take(dataset, "update_occurrences"), settings)
    write_parquet(deduplicated.updates, out / "updates.parquet")
    write_parquet(deduplicated.revisions, out / "revisions.parquet")
    counted.updates = _columns(deduplicated.updates)
    tables = GraphTables(
        _take(dataset, "documents"), _take(dataset, "mentions"), deduplicated.updates, deduplicated.clusters
    )
    del deduplicated
    release_memory()

    replaced: Any = []
    edges = 0
    for name, frame in graph_tables(tables, settings.workers):
        write_parquet(frame, out / f"{name}.parquet")
        if name == "nodes" and previous_nodes is not None:
            replaced = replaced_ids_json(pd.read_parquet(previous_nodes), frame)
        elif name == "edges":
            edges = len(frame)
        elif name == "incidents":
            counted.incidents = _columns(frame, "id", "incident_id", "title", "update_count")
        del frame  # before the next table is built
    write_json(replaced, out / REPLACED_IDS)
    release_memory()
    if edges >= min_process_edges:
        write_graph_exports_from(out, max(settings.workers, 1))
    else:
        for name in GRAPH_EXPORTS:
            write_graph_export(name, out)
    return summarize(counted, 0.0), replaced


def _take(dataset: Dataset, name: str) -> Any:
    frame = getattr(dataset, name)
    setattr(dataset, name, None)
    return frame


def _summary_view(dataset: Dataset) -> Dataset:
    """The few columns ``summarize`` reads, so the full tables can go."""
    return Dataset(
        documents=_columns(dataset.documents, "kind"),
        mentions=_columns(dataset.mentions, "type"),
        update_occurrences=_columns(dataset.update_occurrences),
        errors=dataset.errors,
        counts=dataset.counts,
    )


def _columns(frame: pd.DataFrame, *names: str) -> pd.DataFrame:
    """A copy of ``frame`` with only the columns ``names`` it has (its length kept)."""
    return frame[[name for name in names if name in frame.columns]]
