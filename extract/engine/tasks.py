"""The unit of work: one chunk of records in, one part file (or its rows) out."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract.config import Settings
from extract.engine.rows import ChunkRows
from extract.engine.spool import PartInfo, write_part
from extract.errors import InputError
from extract.model import Record


@dataclass(frozen=True)
class ChunkTask:
    """A chunk of input, in record order. Read errors travel as dicts: exceptions pickle badly."""

    index: int
    first: int
    records: tuple[Record, ...]
    failures: tuple[dict[str, Any], ...]
    order: tuple[int, ...]  # per item: >= 0 the index into records, < 0 the failure -1 - i
    chars: int
    nbytes: int
    part: str

    @property
    def size(self) -> int:
        """The number of input items (records and read errors)."""
        return len(self.order)


def make_task(index: int, first: int, items: list[Any], part: str) -> ChunkTask:
    """Split a chunk of ``Record | InputError`` into a picklable task."""
    records: list[Record] = []
    failures: list[dict[str, Any]] = []
    order: list[int] = []
    chars = nbytes = 0
    for item in items:
        if isinstance(item, InputError):
            order.append(-1 - len(failures))
            failures.append({"where": item.where, "reason": item.reason, "line": item.line})
            continue
        order.append(len(records))
        records.append(item)
        chars += len(item.text)
        nbytes += len(item.text.encode("utf-8", "surrogatepass"))
    return ChunkTask(index, first, tuple(records), tuple(failures), tuple(order), chars, nbytes, part)


def analyze_chunk(task: ChunkTask, settings: Settings) -> ChunkRows:
    """Run the per-document stages on every record of a chunk; a failure stays with its record."""
    from extract.api import analyze_item

    rows = ChunkRows()
    for position in task.order:
        if position < 0:
            failure = task.failures[-1 - position]
            rows.add_error(InputError(failure["where"], failure["reason"], failure["line"]))
            continue
        record = task.records[position]
        result = analyze_item(record, settings)
        if isinstance(result, InputError):
            rows.add_error(result, doc_id=record.id)
        else:
            rows.add_result(result)
    return rows


def part_info(task: ChunkTask, rows: ChunkRows, sha256: str) -> PartInfo:
    """Return the manifest record of a chunk's written part."""
    return PartInfo(
        index=task.index,
        first=task.first,
        records=task.size,
        chars=task.chars,
        nbytes=task.nbytes,
        part=task.part,
        sha256=sha256,
        keys=tuple(rows.keys()),
    )


def run_task(task: ChunkTask, settings: Settings, root: Path) -> PartInfo:
    """Analyze a chunk and write its part where this process can see the spool."""
    rows = analyze_chunk(task, settings)
    return part_info(task, rows, write_part(root, task.part, rows))
