"""Write one graph export in a process of its own: ``python -m extract.engine.export_job NAME OUT``.

A plain subprocess rather than a multiprocessing pool: it starts clean (none of the parent's heap,
so memory adds up honestly) and needs no ``if __name__ == "__main__"`` guard in the caller's
script, which the spawn start method would.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from contextlib import ExitStack
from pathlib import Path
from typing import IO

POLL_SECONDS = 0.05


def run_export_jobs(names: Sequence[str], out: Path, workers: int) -> None:
    """Run one process per export, at most ``workers`` at a time, started in the order given;
    a slot is refilled as soon as any export in it ends.

    Raises RuntimeError naming the export and its error output when one fails.
    """
    waiting = list(names)
    running: list[tuple[str, subprocess.Popen[bytes], IO[bytes]]] = []
    failures = []
    with ExitStack() as files:
        _run_all(waiting, running, failures, files, out, workers)
    if failures:
        raise RuntimeError("graph exports failed: " + "; ".join(failures))


def _run_all(
    waiting: list[str],
    running: list[tuple[str, subprocess.Popen[bytes], IO[bytes]]],
    failures: list[str],
    files: ExitStack,
    out: Path,
    workers: int,
) -> None:
    while waiting or running:
        while waiting and len(running) < max(workers, 1):
            name = waiting.pop(0)
            command = [sys.executable, "-m", "extract.engine.export_job", name, str(out)]
            # A file, not a pipe, so a chatty job cannot block; the ExitStack closes it.
            errors = files.enter_context(tempfile.TemporaryFile())  # noqa: SIM115
            running.append((name, subprocess.Popen(command, stderr=errors), errors))
        ended = [job for job in running if job[1].poll() is not None]
        if not ended:
            time.sleep(POLL_SECONDS)
            continue
        for job in ended:
            running.remove(job)
            name, process, errors = job
            errors.seek(0)
            err = errors.read()
            if process.returncode != 0:
                failures.append(f"{name}: {err.decode(errors='replace').strip().splitlines()[-1:]}")


def main(argv: Sequence[str]) -> int:
    from extract.exports import write_graph_export

    name, out = argv
    write_graph_export(name, Path(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
