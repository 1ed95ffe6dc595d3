"""The Dask engine: the same chunks on a Dask distributed cluster, results in input order.

Workers return a chunk's rows and this process writes the part, so the cluster needs no access
to the output folder. Without a scheduler address a LocalCluster of worker processes (one thread
each) runs here and is closed at the end, whatever happens.
"""

from __future__ import annotations

import contextlib
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from extract.config import Settings
from extract.engine.rows import ChunkRows
from extract.engine.spool import PartInfo, write_part
from extract.engine.tasks import ChunkTask, analyze_chunk, part_info

IN_FLIGHT_PER_WORKER = 2
CONNECT_TIMEOUT = "30s"
DEFAULT_TASK_TIMEOUT = 1800.0  # seconds for one chunk before the run gives up
_QUIET_LOGGERS = ("distributed", "distributed.nanny", "distributed.scheduler", "distributed.worker", "bokeh")


def _quiet_logs() -> None:
    for name in _QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.ERROR)


@contextlib.contextmanager
def dask_client(scheduler: str | None, workers: int) -> Iterator[Any]:
    """Yield a client of the given scheduler, or of a local cluster that is closed afterwards."""
    from distributed import Client, LocalCluster

    _quiet_logs()
    if scheduler:
        with Client(scheduler, timeout=CONNECT_TIMEOUT) as client:
            yield client
        return
    cluster = LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    try:
        with Client(cluster, timeout=CONNECT_TIMEOUT) as client:
            yield client
    finally:
        cluster.close(timeout=30)


def _write(task: ChunkTask, rows: ChunkRows, root: Path) -> PartInfo:
    return part_info(task, rows, write_part(root, task.part, rows))


def run_dask(
    tasks: Iterable[ChunkTask],
    settings: Settings,
    root: Path,
    workers: int,
    scheduler: str | None = None,
    task_timeout: float = DEFAULT_TASK_TIMEOUT,
) -> Iterator[PartInfo]:
    """Process every task on the cluster; yield each part's record in task order."""
    with dask_client(scheduler, workers) as client:
        in_flight = max(1, len(client.scheduler_info(n_workers=-1)["workers"]) or workers)
        in_flight *= IN_FLIGHT_PER_WORKER
        pending: deque[tuple[ChunkTask, Any]] = deque()
        try:
            for task in tasks:
                pending.append((task, client.submit(analyze_chunk, task, settings, pure=False)))
                while len(pending) >= in_flight:
                    done, future = pending.popleft()
                    yield _write(done, future.result(timeout=task_timeout), root)
            while pending:
                done, future = pending.popleft()
                yield _write(done, future.result(timeout=task_timeout), root)
        finally:
            for _task, future in pending:
                future.cancel()
