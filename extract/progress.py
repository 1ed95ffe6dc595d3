"""A progress bar for batch runs: documents/s, MB/s and ETA on a terminal, nothing in pipes or CI."""

from __future__ import annotations

import sys
import time
from typing import IO

from tqdm import tqdm


def wants_progress(stream: IO[str] | None = None) -> bool:
    """Return True when the stream (stderr by default) is an interactive terminal."""
    stream = stream if stream is not None else sys.stderr
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


class Progress:
    """Counts documents and bytes of text; shows a bar on stderr only when enabled."""

    def __init__(self, total_bytes: int | None, enabled: bool, description: str = "processing") -> None:
        self.documents = 0
        self.started = time.perf_counter()
        # No monitor thread: the local engine forks its workers, and forking a process that runs
        # threads can leave a lock held in the children.
        tqdm.monitor_interval = 0
        self.bar = tqdm(
            total=total_bytes or None,
            unit="B",
            unit_scale=True,
            unit_divisor=1000,
            desc=description,
            file=sys.stderr,
            disable=not enabled,
            dynamic_ncols=True,
            smoothing=0.1,
            mininterval=0.5,
        )

    def advance(self, documents: int, nbytes: int) -> None:
        """Count a finished chunk."""
        self.documents += documents
        if self.bar.disable:
            return
        if self.bar.total is not None and self.bar.n + nbytes > self.bar.total:
            nbytes = max(0, self.bar.total - self.bar.n)
        self.bar.update(nbytes)
        elapsed = max(time.perf_counter() - self.started, 1e-9)
        self.bar.set_postfix_str(
            f"{self.documents} docs, {self.documents / elapsed:.1f} docs/s", refresh=False
        )

    def set_description(self, description: str) -> None:
        """Say what the run is doing now (e.g. the cross-document stages)."""
        self.bar.set_description_str(description)

    def close(self, complete: bool = True) -> None:
        """Fill the bar (the byte total is the inputs' size, a little more than their text) and close."""
        if complete and not self.bar.disable and self.bar.total is not None:
            self.bar.update(self.bar.total - self.bar.n)
        self.bar.close()
