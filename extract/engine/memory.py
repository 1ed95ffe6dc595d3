"""Give freed memory back to the operating system between the stages of a run.

The cross-document stages build and drop large tables one after another. Freed memory otherwise
stays with the process (Arrow's allocator keeps its pages, glibc's heap keeps its free blocks), so
every stage would add to the peak of the one before instead of reusing it.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import cache


@cache
def _malloc_trim():  # type: ignore[no-untyped-def]
    name = ctypes.util.find_library("c")
    try:
        return ctypes.CDLL(name).malloc_trim if name else None
    except (OSError, AttributeError):  # not glibc (musl, macOS, Windows)
        return None


def release_memory() -> None:
    """Collect garbage, then hand free pages of Arrow's pool and of the C heap back."""
    gc.collect()
    try:
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    except (ImportError, AttributeError):
        pass
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
