"""Write one graph export in a process of its own: ``python -m extract.engine.export_job NAME OUT``.

A plain subprocess rather than a multiprocessing pool: it starts clean (none of the parent's heap,
so memory adds up honestly) and needs no ``if __name__ == "__main__"`` guard in the caller's
script, which the spawn start method would.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path


def run_export_jobs(names: Sequence[str], out: Path, workers: int) -> None:
    """Run one process per export, at most ``workers`` at a time, in the order given.

    Raises RuntimeError naming the export and its error output when one fails.
    """
    waiting = list(names)
    running: list[tuple[str, subprocess.Popen[bytes]]] = []
    failures = []
    while waiting or running:
        while waiting and len(running) < workers:
            name = waiting.pop(0)
            command = [sys.executable, "-m", "extract.engine.export_job", name, str(out)]
            running.append((name, subprocess.Popen(command, stderr=subprocess.PIPE)))
        name, process = running.pop(0)
        _, err = process.communicate()
        if process.returncode != 0:
            failures.append(f"{name}: {err.decode(errors='replace').strip().splitlines()[-1:]}")
    if failures:
        raise RuntimeError("graph exports failed: " + "; ".join(failures))


def main(argv: Sequence[str]) -> int:
    from extract.exports import write_graph_export

    name, out = argv
    write_graph_export(name, Path(out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
