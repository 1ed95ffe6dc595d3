"""The batch engine's parts: per-chunk rows, the on-disk spool, and the executors (local, Dask).

``extract.batch.run_batch`` drives them; nothing here knows what the stages extract: the
per-document stages are ``api.analyze_record`` and the cross-document ones ``api.assemble_dataset``.
"""

from __future__ import annotations

from extract.errors import ExtractError


class BatchError(ExtractError):
    """A batch cannot run, or go on, as asked; the message says why and what to do."""
