"""The local engine: chunks over a pool of processes on this machine, results in input order."""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from extract.config import Settings
from extract.engine import BatchError
from extract.engine.spool import PartInfo
from extract.engine.tasks import ChunkTask, run_task
from extract.model import Record

# Chunks in flight per worker: enough to keep every worker busy while the parent reads ahead,
# few enough that memory stays bounded by a handful of chunks.
IN_FLIGHT_PER_WORKER = 2


def run_local(tasks: Iterable[ChunkTask], settings: Settings, root: Path, workers: int) -> Iterator[PartInfo]:
    """Process every task; yield each part's record in task order (deterministic output)."""
    if workers <= 1:
        for task in tasks:
            yield run_task(task, settings, root)
        return
    yield from _run_pool(tasks, settings, root, workers)


def warm_up(settings: Settings) -> None:
    """Load what the stages load lazily (models, vocabularies) once, before the workers fork.

    Forked workers then share it copy-on-write instead of each loading its own.
    """
    from extract.api import analyze_item

    text = "Störung bei Exchange Online seit 8:00 Uhr.\n\nWe're investigating EX649175 (503 5.5.1) in the UK."
    analyze_item(Record(id="warm-up", text=text, published="2023-07-18"), settings)


def _pool_context() -> multiprocessing.context.BaseContext:
    # fork shares the already imported stages (and loaded models) with the workers; elsewhere
    # (macOS, Windows) the platform default is the only safe choice.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def _run_pool(tasks: Iterable[ChunkTask], settings: Settings, root: Path, workers: int) -> Iterator[PartInfo]:
    pending: deque[Future[PartInfo]] = deque()
    context = _pool_context()
    if context.get_start_method() == "fork":
        warm_up(settings)
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        try:
            for task in tasks:
                pending.append(pool.submit(run_task, task, settings, root))
                while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
        except BrokenProcessPool as err:
            raise BatchError(
                "a worker process died (out of memory, or killed); the chunks finished so far are "
                "kept: rerun with --resume (and perhaps fewer --workers) to continue"
            ) from err
        finally:
            for future in pending:
                future.cancel()
