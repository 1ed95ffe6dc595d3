"""Readers turn input paths into Records; a record that cannot be read becomes an InputError.

``read_paths`` yields ``Record | InputError`` in a stable order (sorted paths, file order), so a
batch goes on past a bad record and every failure is reported with its file, line and reason.
``read_items`` also yields ``Skipped`` reports (drafts, spam, pingbacks... left out on purpose);
``read_paths`` hands those to an optional ``SkipLog`` instead.

A format is chosen by ``ReadOptions.format`` or else by file type; ``.xml`` is sniffed (WordPress
export, RSS or Atom); ``.gz`` and ``.zip`` members are read by their own type.
"""

from __future__ import annotations

import glob
import gzip
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from extract.errors import InputError
from extract.model import Record
from extract.privacy import mask_record
from extract.readers.archives import read_zip
from extract.readers.base import (
    DEFAULT_OPTIONS,
    LimitedReader,
    Reader,
    ReadItem,
    ReadOptions,
    SkipLog,
    Skipped,
    Source,
)
from extract.readers.decode import decode_bytes
from extract.readers.feeds import read_atom, read_feed, read_rss, sniff_xml
from extract.readers.html import read_html
from extract.readers.plain import read_json, read_jsonl, read_txt, record_from_mapping
from extract.readers.tables import read_csv, read_parquet
from extract.readers.wxr import read_wxr

__all__ = [
    "DEFAULT_OPTIONS",
    "FORMAT_READERS",
    "READERS",
    "ReadItem",
    "ReadOptions",
    "ReadResult",
    "SkipLog",
    "Skipped",
    "Source",
    "decode_bytes",
    "expand_paths",
    "read_file",
    "read_items",
    "read_options_for",
    "read_paths",
    "record_from_mapping",
]

ReadResult = Record | InputError

FORMAT_READERS: dict[str, Reader] = {
    "txt": read_txt,
    "jsonl": read_jsonl,
    "json": read_json,
    "csv": read_csv,
    "parquet": read_parquet,
    "wxr": read_wxr,
    "rss": read_rss,
    "atom": read_atom,
    "feed": read_feed,
    "html": read_html,
}

# File type -> format; "xml" is sniffed, "zip" is an archive of such files.
READERS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "csv",
    ".parquet": "parquet",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".wxr": "wxr",
    ".rss": "rss",
    ".atom": "atom",
    ".xml": "xml",
    ".zip": "zip",
}
_GLOB_CHARS = frozenset("*?[")


def reader_for(path: Path) -> tuple[str, str] | None:
    """Return (suffix, format) for a path by its type, looking through a .gz suffix."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if not suffixes:
        return None
    fmt = READERS.get(suffixes[-1])
    return (suffixes[-1], fmt) if fmt else None


def _expand_glob(pattern: str) -> Iterator[Path | InputError]:
    matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207 - patterns may be absolute
    if not matches:
        yield InputError(pattern, "no file matches the pattern")
    for match in matches:
        yield from _expand_one(Path(match), explicit=False)


def _expand_one(path: Path, explicit: bool) -> Iterator[Path | InputError]:
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            if child.name.startswith(".") or reader_for(child) is None:
                continue
            yield child
    elif path.is_file():
        if explicit or reader_for(path) is not None:
            yield path
    else:
        yield InputError(str(path), "no such file or directory")


def expand_paths(paths: Iterable[Path | str]) -> Iterator[Path | InputError]:
    """Expand directories recursively and glob patterns (sorted); report paths that do not exist."""
    for path in paths:
        if not Path(path).exists() and _GLOB_CHARS & set(str(path)):
            yield from _expand_glob(str(path))
        else:
            yield from _expand_one(Path(path), explicit=True)


def _disk_opener(path: Path, options: ReadOptions):
    def open_plain() -> BinaryIO:
        return open(path, "rb")

    def open_gzip() -> BinaryIO:
        return LimitedReader(gzip.open(path, "rb"), options.max_file_bytes, f"{path.name} (decompressed)")  # type: ignore[return-value]

    return open_gzip if path.name.lower().endswith(".gz") else open_plain


def source_for_path(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Source:
    """Return the Source of a file on disk (a ``.gz`` is read decompressed)."""
    gz = path.name.lower().endswith(".gz")
    size = None if gz else path.stat().st_size
    return Source(
        where=str(path),
        name=path.name,
        opener=_disk_opener(path, options),
        size=size,
        path=None if gz else path,
    )


def format_of(source: Source, options: ReadOptions) -> str | None:
    """Return the format to read a source with: the explicit one, else by type (xml sniffed)."""
    if options.format:
        return options.format
    fmt = READERS.get(source.suffix)
    if fmt == "xml":
        return sniff_xml(source)
    return fmt


def _masked(item: ReadItem) -> ReadItem:
    return mask_record(item) if isinstance(item, Record) else item


def read_options_for(settings: object, **overrides: object) -> ReadOptions:
    """ReadOptions from run settings: ``input_format`` and ``column_map`` where Settings has them.

    ``column_map`` may be a dict or pairs (a frozen Settings holds a tuple of pairs).
    """
    column_map = getattr(settings, "input_column_map", None) or getattr(settings, "column_map", None) or ()
    values: dict[str, object] = {
        "format": getattr(settings, "input_format", None),
        "column_map": dict(column_map),
    }
    values.update(overrides)
    return ReadOptions(**values)  # type: ignore[arg-type]


def read_source(
    source: Source, options: ReadOptions = DEFAULT_OPTIONS, in_archive: bool = False
) -> Iterator[ReadItem]:
    """Read one source with its reader; any failure of the reader ends as an InputError."""
    if source.suffix == ".zip":  # an explicit format applies to the members
        if in_archive:
            yield InputError(source.where, "nested archive not read (only one level of .zip)")
        else:
            yield from read_zip(source, options, _read_member)
        return
    if source.size == 0:
        yield InputError(source.where, "empty file")
        return
    try:
        fmt = format_of(source, options)
        if fmt is None:
            yield _unsupported(source, in_archive)
            return
        for item in FORMAT_READERS[fmt](source, options):
            yield _masked(item) if options.mask_pii else item
    except Exception as err:  # a broken file must not end the batch
        yield InputError(source.where, f"cannot read: {type(err).__name__}: {err}")


def _unsupported(source: Source, in_archive: bool) -> InputError | Skipped:
    if in_archive:  # archives often carry images and readmes beside the records
        return Skipped(
            source.where.split("!", 1)[0], f"archive member of unsupported type {source.suffix or '(none)'}"
        )
    if source.suffix == ".xml":
        return InputError(source.where, "XML of unknown kind (not a WordPress export, RSS, Atom or XHTML)")
    return InputError(source.where, f"unsupported file type {source.suffix or '(none)'!r}")


def _read_member(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    return read_source(source, options, in_archive=True)


def read_file(path: Path, options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[ReadItem]:
    """Read one file with the reader its type (or ``options.format``) selects."""
    if not options.format and reader_for(path) is None:
        yield InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
        return
    try:
        source = source_for_path(path, options)
    except OSError as err:
        yield InputError(str(path), f"cannot read: {err}")
        return
    yield from read_source(source, options)


def read_items(paths: Iterable[Path | str], options: ReadOptions = DEFAULT_OPTIONS) -> Iterator[ReadItem]:
    """Yield every record, error and skip report of the given files, dirs and globs, in a stable order."""
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item, options)


def read_paths(
    paths: Iterable[Path | str], options: ReadOptions = DEFAULT_OPTIONS, skipped: SkipLog | None = None
) -> Iterator[ReadResult]:
    """Yield every record (or error) of the given paths; skip reports go to ``skipped``."""
    for item in read_items(paths, options):
        if isinstance(item, Skipped):
            if skipped is not None:
                skipped.add(item)
            continue
        yield item
