"""What every reader shares: options, the source it reads, skip reports and size-limited streams.

A reader is ``reader(source, options) -> Iterator[Record | InputError | Skipped]``. It opens the
source as a binary stream (already decompressed for ``.gz`` and zip members), so big exports are
read item by item and a single huge record never sits in memory more than a few times.
"""

from __future__ import annotations

import io
import zlib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from extract.errors import InputError
from extract.model import Record

MiB = 1024 * 1024
RECORD_KEYS = ("id", "text", "title", "url", "lang", "published", "author", "parent")
FORMATS = ("txt", "jsonl", "json", "csv", "parquet", "wxr", "rss", "atom", "feed", "html")


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How inputs are read; validated here, at the edge.

    ``format`` forces one reader for every file (else the file type chooses). ``column_map`` renames
    columns of JSON/JSONL/CSV/Parquet rows to record keys, e.g. ``{"body": "text", "date": "published"}``.
    ``mask_pii`` masks e-mail and IP addresses in every record's text and title, one character for one.
    """

    format: str | None = None
    column_map: Mapping[str, str] = field(default_factory=dict)
    mask_pii: bool = False
    max_record_bytes: int = 16 * MiB  # one JSONL/CSV line, one .txt or .html file
    max_file_bytes: int = 1024 * MiB  # decompressed .gz or zip member; whole-file formats
    max_archive_members: int = 100_000
    max_compression_ratio: int = 200  # zip bombs: uncompressed/compressed per member
    csv_delimiter: str | None = None  # sniffed from the header line when None
    wxr_post_types: tuple[str, ...] = ("post", "page")  # other WordPress item types are skipped

    def __post_init__(self) -> None:
        if self.format is not None and self.format not in FORMATS:
            raise ValueError(f"format = {self.format!r}; allowed: {', '.join(FORMATS)}")
        bad = sorted(v for v in self.column_map.values() if v not in RECORD_KEYS)
        if bad:
            raise ValueError(f"column_map targets {bad} are not record keys ({', '.join(RECORD_KEYS)})")
        if min(self.max_record_bytes, self.max_file_bytes, self.max_archive_members) < 1:
            raise ValueError("size limits must be positive")


DEFAULT_OPTIONS = ReadOptions()


@dataclass(frozen=True, slots=True)
class Skipped:
    """Items a reader left out on purpose (drafts, spam, pingbacks...): where, why, how many."""

    where: str
    reason: str
    count: int = 1

    def to_dict(self) -> dict[str, object]:
        return {"file": self.where, "reason": self.reason, "count": self.count}


ReadItem = Record | InputError | Skipped


class SkipLog:
    """Collects the ``Skipped`` items of a batch for its summary (mutable on purpose: a tally)."""

    def __init__(self) -> None:
        self.items: list[Skipped] = []

    def add(self, item: Skipped) -> None:
        self.items.append(item)

    def by_reason(self) -> dict[str, int]:
        """Return skip counts by reason, sorted by reason."""
        counts: Counter[str] = Counter()
        for item in self.items:
            counts[item.reason] += item.count
        return dict(sorted(counts.items()))

    @property
    def total(self) -> int:
        return sum(item.count for item in self.items)

    def to_dict(self) -> dict[str, object]:
        """Return the summary entry: total and counts by reason."""
        return {"total": self.total, "by_reason": self.by_reason()}


class TooLargeError(OSError):
    """A stream gave more bytes than its limit allows."""


# Small reads: a cut-off gzip stream loses only what the failing read would have returned.
_READ_SIZE = 64 * 1024


class LimitedReader(io.RawIOBase):
    """Wrap a binary stream; raise TooLargeError once more than ``limit`` bytes were read.

    Sizes in archive headers can lie; this counts what is actually decompressed.
    """

    def __init__(self, inner: BinaryIO, limit: int, what: str) -> None:
        self._inner = inner
        self._left = limit
        self._limit = limit
        self._what = what

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        try:
            data = self._inner.read(min(len(buffer), self._left + 1, _READ_SIZE))
        except (EOFError, zlib.error) as err:  # gzip and zip name a cut-off stream so
            raise OSError(f"truncated or corrupt compressed data: {err}") from None
        if len(data) > self._left:
            raise TooLargeError(f"{self._what} is larger than the limit of {_human(self._limit)}")
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)

    def close(self) -> None:
        self._inner.close()
        super().close()


def _human(size: int) -> str:
    return f"{size / MiB:.0f} MiB" if size >= MiB else f"{size} bytes"


@dataclass(frozen=True, slots=True)
class Source:
    """One file to read: a path on disk, a decompressed ``.gz`` or a member of a zip.

    ``where`` names it in errors and ``Record.source``; ``name`` (a file name) gives its type and
    default id; ``opener`` returns a fresh binary stream of its (decompressed) content.
    """

    where: str
    name: str
    opener: Callable[[], BinaryIO]
    size: int | None = None
    path: Path | None = None  # set for a plain file on disk (readers that must seek use it)

    def open(self) -> io.BufferedReader:
        return io.BufferedReader(self.opener(), buffer_size=256 * 1024)  # type: ignore[arg-type]

    @property
    def stem(self) -> str:
        """The file name without its type suffixes (``a.jsonl.gz`` -> ``a``)."""
        name = self.name.removesuffix(".gz").removesuffix(".GZ")
        return name.rsplit(".", 1)[0] if "." in name else name

    @property
    def suffix(self) -> str:
        """The type suffix, looking through ``.gz`` (``a.jsonl.gz`` -> ``.jsonl``)."""
        name = self.name.lower().removesuffix(".gz")
        return "." + name.rsplit(".", 1)[1] if "." in name else ""

    def read_all(self, limit: int) -> bytes:
        """Return the whole content; raise TooLargeError beyond ``limit`` bytes."""
        if self.size is not None and self.size > limit:
            raise TooLargeError(f"file is {_human(self.size)}, over the limit of {_human(limit)}")
        with self.open() as stream:  # buffered: read(n) gathers short raw reads up to n
            data = stream.read(limit + 1)
        if len(data) > limit:
            raise TooLargeError(f"file is over the limit of {_human(limit)}")
        return data


Reader = Callable[[Source, ReadOptions], Iterator[ReadItem]]


def iso_datetime(value: datetime) -> str:
    """ISO 8601 with the offset where the datetime has one; seconds precision."""
    return value.isoformat(timespec="seconds")


def clean_optional(value: object) -> str | None:
    """Empty strings, NaN and None become None; datetimes ISO 8601; the rest ``str``."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, datetime):
        return iso_datetime(value)
    text = str(value).strip() if isinstance(value, str) else str(value)
    return text or None
