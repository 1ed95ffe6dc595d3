"""Map a pure function over slices of a list in forked worker processes, in input order.

For the cross-document stages' per-item work (masking texts, MinHash sketches, incident records):
the parent's data is shared with the workers by fork (copy-on-write), so only results travel.
The parent's objects are frozen out of the garbage collector's reach first (``gc.freeze``): a
worker's collections would otherwise write to every object's header and copy the whole heap.
Serial when one worker is asked for, the list is short, or the platform cannot fork; the result
is the same list either way.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items starting workers costs more than it saves.
MIN_ITEMS = 2_000
SLICES_PER_WORKER = 8

_JOB: tuple[Callable[[Sequence[Any]], list[Any]], Sequence[Any]] | None = None


def _run_slice(bounds: tuple[int, int]) -> list[Any]:
    assert _JOB is not None, "fanout: a worker started without its job"
    func, items = _JOB
    low, high = bounds
    return list(func(items[low:high]))


def map_slices(
    func: Callable[[Sequence[T]], list[R]], items: Sequence[T], workers: int, min_items: int | None = None
) -> list[R]:
    """Return ``func`` applied to consecutive slices of ``items``, concatenated.

    ``func`` must map a slice to one result per item and depend on nothing but its input.
    """
    global _JOB
    if min_items is None:
        min_items = MIN_ITEMS
    if workers <= 1 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        return list(func(items))
    count = workers * SLICES_PER_WORKER
    step = -(-len(items) // count)
    bounds = [(low, min(low + step, len(items))) for low in range(0, len(items), step)]
    _JOB = (func, items)
    gc.collect()
    gc.freeze()
    try:
        # A fresh fork per slice: a worker's copied pages and heap go when its slice is done,
        # instead of piling up over every slice it would serve.
        with multiprocessing.get_context("fork").Pool(workers, maxtasksperchild=1) as pool:
            out: list[R] = []
            for part in pool.imap(_run_slice, bounds):
                out.extend(part)
            return out
    finally:
        gc.unfreeze()
        _JOB = None
