"""The batch engine: process paths into a dataset folder, streaming, resumable, parallel.

Records are read lazily and cut into chunks; each chunk runs through the per-document stages
(``api.analyze_record``, on a local process pool or a Dask cluster) and lands as a part file in
the spool ``<out>/.work``, recorded in its manifest. The cross-document stages then run over all
spooled rows and the contract's files are written. Because every chunk is recorded only once its
part is in place, and chunk boundaries depend only on the input:

- ``resume``: an interrupted run skips the chunks it already finished;
- incremental: a run into a folder whose last run completed adds its documents to the spool (a
  document whose id is already there replaces the old one) and rebuilds the dataset over all, so
  the result is what one run over all the inputs would give; the graph node IDs the merge
  replaced go to ``replaced_ids.json``;
- ``overwrite``: the spool is dropped and the run starts fresh.

Output does not depend on the engine, the worker count or how the work was split into runs.
"""

from __future__ import annotations

import os
import shutil
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extract.api import Dataset, dataset_from_tables
from extract.config import DEFAULT_SETTINGS, Settings
from extract.engine import BatchError
from extract.engine.memory import release_memory
from extract.engine.rows import TableCollector, iter_chunks, winning_outcomes
from extract.engine.spool import (
    PartInfo,
    Spool,
    SpoolError,
    input_fingerprint,
    read_part,
    settings_fingerprint,
)
from extract.engine.tail import finish_dataset
from extract.engine.tasks import ChunkTask, make_task
from extract.exports import write_summary
from extract.progress import Progress, wants_progress
from extract.readers import DEFAULT_OPTIONS, ReadOptions, SkipLog, read_paths

ENGINES = ("local", "dask")
# Files whose presence means a folder holds a dataset (written by a run).
_DATASET_MARKERS = ("documents.parquet", "summary.json")


@dataclass(frozen=True)
class BatchOptions:
    """How a batch runs (none of it changes the output)."""

    engine: str = "local"
    scheduler: str | None = None  # a Dask scheduler address; a local cluster when None
    resume: bool = False
    overwrite: bool = False
    chunk_records: int = 100  # records per chunk ...
    chunk_chars: int = 1_000_000  # ... or about this much text, whichever comes first
    progress: bool | None = None  # None: a bar when stderr is a terminal
    task_timeout: float = 1800.0  # seconds one chunk may take on a Dask cluster
    read_options: ReadOptions = DEFAULT_OPTIONS  # how readers read (format, column map, PII masking)

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise BatchError(f"engine = {self.engine!r}; allowed: {', '.join(ENGINES)}")
        if self.chunk_records < 1 or self.chunk_chars < 1:
            raise BatchError("chunk sizes must be at least 1")
        if self.resume and self.overwrite:
            raise BatchError("--resume and --overwrite exclude each other")


@dataclass
class RunStats:
    """What this run did (for the terminal; summary.json describes the dataset)."""

    mode: str
    engine: str
    workers: int
    chunks_done: int = 0
    chunks_resumed: int = 0
    records: int = 0
    replaced: Any = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """Return the run's description."""
        return {
            "mode": self.mode,
            "engine": self.engine,
            "workers": self.workers,
            "chunks_processed": self.chunks_done,
            "chunks_resumed": self.chunks_resumed,
            "records_processed": self.records,
            "replaced_ids": len(self.replaced),
        }


def run_batch(
    paths: Sequence[Path],
    out: Path,
    settings: Settings = DEFAULT_SETTINGS,
    options: BatchOptions | None = None,
) -> dict[str, Any]:
    """Process ``paths`` and write every output file of the contract into ``out``.

    Returns the summary written to summary.json, plus ``run`` (what this run did).
    """
    options = options or BatchOptions()
    started = time.perf_counter()
    paths = list(paths)
    settings = with_output_key(settings, out)
    spool = Spool(out)
    fingerprint, total_bytes = input_fingerprint(paths)
    run, mode = plan_run(
        spool, out, fingerprint, settings_fingerprint(settings, options.read_options), options
    )
    stats = RunStats(mode=mode, engine=options.engine, workers=settings.workers)
    enabled = wants_progress() if options.progress is None else options.progress
    progress = Progress(total_bytes, enabled)
    skipped = SkipLog()
    try:
        tasks = _pending_tasks(paths, spool, run, stats, progress, options.read_options, skipped)
        for info in _execute(tasks, settings, spool, options):
            spool.record_chunk(run, info)
            stats.chunks_done += 1
            stats.records += info.records
            progress.advance(info.records, info.nbytes)
        spool.record_skips(run, skipped.items)
        progress.set_description("assembling")
        dataset = dataset_from_spool(spool)
        release_memory()  # the spool's rows are gone; their pages need not stay with the process
        previous = run.get("previous_nodes")
        summary, stats.replaced = finish_dataset(
            dataset, settings, out, spool.root / previous if previous else None
        )
    finally:
        progress.close()
    summary["duration_seconds"] = round(time.perf_counter() - started, 3)
    write_summary(summary, out)
    spool.finish_run(run)
    return {**summary, "run": stats.to_dict()}


def with_output_key(settings: Settings, out: Path) -> Settings:
    """Fill in the output folder's author key (extract.privacy keeps it there), so every engine,
    resume and incremental run into ``out`` pseudonymizes with one key."""
    try:
        from extract.privacy import with_author_key
    except ImportError:
        return settings
    return with_author_key(settings, out)


def plan_run(
    spool: Spool, out: Path, fingerprint: str, settings_fp: str, options: BatchOptions
) -> tuple[dict[str, Any], str]:
    """Decide how this run relates to the folder's earlier runs: (the run, its mode).

    Modes: ``fresh``, ``resume`` (an interrupted run goes on), ``incremental`` (new documents
    join a completed dataset), ``refinish`` (--resume on a run that had completed: rewrite).
    """
    chunking = {"records": options.chunk_records, "chars": options.chunk_chars}
    if options.overwrite:
        spool.clear()
        return spool.start_run(fingerprint, settings_fp, chunking), "fresh"
    last = spool.runs[-1] if spool.runs else None
    if last is not None and last["state"] != "complete":
        return _resumed(last, out, fingerprint, settings_fp, options), "resume"
    if options.resume and last is not None:
        if last["fingerprint"] == fingerprint and last["settings"] == settings_fp:
            return last, "refinish"
        raise BatchError(
            f"nothing to resume in {out}: its last run completed. Run without --resume to add "
            "these inputs to its dataset, or with --overwrite to start fresh."
        )
    if last is not None:
        _check_settings(spool, out, settings_fp)
        run = spool.start_run(fingerprint, settings_fp, chunking)
        run["previous_nodes"] = _snapshot_nodes(spool, out, run)
        spool.save()
        return run, "incremental"
    if any((out / name).exists() for name in _DATASET_MARKERS):
        raise BatchError(
            f"{out} holds a dataset without the spool (.work) that incremental runs need; "
            "use --overwrite to replace it, or another --out folder."
        )
    return spool.start_run(fingerprint, settings_fp, chunking), "fresh"


def _resumed(
    last: dict[str, Any], out: Path, fingerprint: str, settings_fp: str, options: BatchOptions
) -> dict[str, Any]:
    if not options.resume:
        raise BatchError(
            f"the previous run into {out} was interrupted; add --resume to continue it "
            "(with the same inputs and options), or --overwrite to start fresh."
        )
    if last["fingerprint"] != fingerprint:
        raise BatchError(
            f"cannot resume the run in {out}: the input files differ from the interrupted run's "
            "(paths, sizes or modification times changed). Resume with the same inputs, or use "
            "--overwrite to start fresh."
        )
    if last["settings"] != settings_fp:
        raise BatchError(
            f"cannot resume the run in {out}: its settings (--prefer-dates-from, author options) "
            "differ from the interrupted run's. Resume with the same options, or use --overwrite."
        )
    return last


def _check_settings(spool: Spool, out: Path, settings_fp: str) -> None:
    if any(run["settings"] != settings_fp for run in spool.runs):
        raise BatchError(
            f"the dataset in {out} was built with other settings (--prefer-dates-from, author "
            "options); adding documents with these would mix results. Use the same options, or "
            "--overwrite to start fresh."
        )


def _snapshot_nodes(spool: Spool, out: Path, run: dict[str, Any]) -> str | None:
    """Keep the graph's nodes before the merge, so a resumed merge still knows what it replaces."""
    nodes = out / "nodes.parquet"
    if not nodes.exists():
        return None
    name = f"previous/run-{run['run']:03d}-nodes.parquet"
    target = spool.root / name
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(target.name + ".tmp")
    shutil.copyfile(nodes, tmp)
    os.replace(tmp, target)
    return name


def _pending_tasks(
    paths: list[Path],
    spool: Spool,
    run: dict[str, Any],
    stats: RunStats,
    progress: Progress,
    read_options: ReadOptions,
    skipped: SkipLog,
) -> Iterator[ChunkTask]:
    """Read the inputs lazily and yield the chunks this run has still to do."""
    chunking = run["chunking"]
    done = spool.completed(run)
    first = 0
    stream = read_paths(paths, read_options, skipped=skipped)
    for index, items in enumerate(iter_chunks(stream, chunking["records"], chunking["chars"])):
        task = make_task(index, first, items, spool.part_name(run, index))
        first += len(items)
        entry = done.get(index)
        if entry is not None:
            if entry["first"] != task.first or entry["records"] != task.size:
                raise SpoolError(
                    f"chunk {index} of the interrupted run does not match its input; use --overwrite"
                )
            stats.chunks_resumed += 1
            progress.advance(task.size, task.nbytes)
            continue
        yield task


def _execute(
    tasks: Iterator[ChunkTask], settings: Settings, spool: Spool, options: BatchOptions
) -> Iterator[PartInfo]:
    if options.engine == "dask":
        from extract.engine.dask_engine import run_dask

        return run_dask(
            tasks, settings, spool.root, settings.workers, options.scheduler, options.task_timeout
        )
    from extract.engine.local import run_local

    return run_local(tasks, settings, spool.root, settings.workers)


def dataset_from_spool(spool: Spool) -> Dataset:
    """Return the per-document tables of every spooled chunk, each record's last outcome only."""
    entries = spool.chunk_entries()
    winners = winning_outcomes((tag, entry["keys"]) for tag, entry in entries)
    live: dict[Any, set[str]] = defaultdict(set)
    for key, tag in winners.items():
        live[tag].add(key)
    tables = TableCollector(skipped=spool.skipped())
    for tag, entry in entries:
        keys = live.get(tag)
        if not keys:
            continue  # every record of this chunk was replaced later
        rows = read_part(spool.root, entry["part"], entry["sha256"])
        tables.add(rows, None if len(keys) == len(entry["keys"]) else keys)
    return dataset_from_tables(tables)
