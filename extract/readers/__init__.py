"""Readers turn input paths into Records; a record that cannot be read becomes an InputError.

``read_paths`` yields ``Record | InputError`` in a stable order (sorted paths, file order), so a
batch goes on past a bad record and every failure is reported with its file, line and reason.
Formats are chosen by file type; more readers register in ``READERS``.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from extract.errors import InputError
from extract.model import Record
from extract.readers.decode import decode_bytes

ReadResult = Record | InputError
Reader = Callable[[Path, bytes], Iterator[ReadResult]]


def _strip_suffixes(path: Path) -> str:
    name = path.name
    for suffix in (".gz",):
        name = name.removesuffix(suffix)
    return name.rsplit(".", 1)[0] if "." in name else name


def read_txt(path: Path, raw: bytes) -> Iterator[ReadResult]:
    """A .txt file is one document: its first line the title, its file name the id."""
    try:
        text = decode_bytes(raw)
    except ValueError as err:
        yield InputError(str(path), str(err))
        return
    if not text.strip():
        yield InputError(str(path), "empty file")
        return
    title = text.split("\n", 1)[0].strip() or None
    yield Record(id=_strip_suffixes(path), text=text, title=title, source=str(path))


_OPTIONAL_KEYS = ("title", "url", "lang", "published", "author", "parent")


def record_from_mapping(data: object, where: str, line: int | None) -> ReadResult:
    """Validate one JSON object against the contract's input record."""
    if not isinstance(data, dict):
        return InputError(where, f"a record must be a JSON object, not {type(data).__name__}", line)
    if "text" not in data or data["text"] is None:
        return InputError(where, "record has no 'text'", line)
    if not isinstance(data["text"], str):
        return InputError(where, "'text' must be a string", line)
    if "\x00" in data["text"]:
        return InputError(where, "'text' contains NUL bytes (binary content)", line)
    record_id = data.get("id")
    if record_id is None or str(record_id).strip() == "":
        return InputError(where, "record has no 'id'", line)
    extra = {}
    for key in _OPTIONAL_KEYS:
        value = data.get(key)
        extra[key] = None if value is None or value == "" else str(value)
    return Record(id=str(record_id), text=data["text"], source=f"{where}:{line}" if line else where, **extra)


def read_jsonl(path: Path, raw: bytes) -> Iterator[ReadResult]:
    """One contract record per line; blank lines are skipped, bad lines reported."""
    try:
        text = decode_bytes(raw)
    except ValueError as err:
        yield InputError(str(path), str(err))
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(str(path), f"invalid JSON: {err.msg} at column {err.colno}", number)
            continue
        yield record_from_mapping(data, str(path), number)


def read_json(path: Path, raw: bytes) -> Iterator[ReadResult]:
    """A JSON file holds one record or a list of records."""
    try:
        data = json.loads(decode_bytes(raw))
    except (ValueError, json.JSONDecodeError) as err:
        yield InputError(str(path), f"invalid JSON: {err}")
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items, 1):
        yield record_from_mapping(item, str(path), index if isinstance(data, list) else None)


READERS: dict[str, Reader] = {
    ".txt": read_txt,
    ".text": read_txt,
    ".md": read_txt,
    ".jsonl": read_jsonl,
    ".ndjson": read_jsonl,
    ".json": read_json,
}


def reader_for(path: Path) -> tuple[str, Reader] | None:
    """Return the (suffix, reader) for a path, looking through a .gz suffix."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes = suffixes[:-1]
    if not suffixes:
        return None
    reader = READERS.get(suffixes[-1])
    return (suffixes[-1], reader) if reader else None


def expand_paths(paths: Iterable[Path]) -> Iterator[Path | InputError]:
    """Expand directories recursively (sorted); report paths that do not exist."""
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith(".") or reader_for(child) is None:
                    continue
                yield child
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "no such file or directory")


def read_file(path: Path) -> Iterator[ReadResult]:
    """Read one file with the reader its type selects."""
    found = reader_for(path)
    if found is None:
        yield InputError(str(path), f"unsupported file type {path.suffix or '(none)'!r}")
        return
    try:
        raw = path.read_bytes()
        if path.suffix.lower() == ".gz":
            raw = gzip.decompress(raw)
    except (OSError, EOFError, gzip.BadGzipFile) as err:
        yield InputError(str(path), f"cannot read: {err}")
        return
    yield from found[1](path, raw)


def read_paths(paths: Iterable[Path]) -> Iterator[ReadResult]:
    """Yield every record (or error) of the given files and directories, in a stable order."""
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            yield item
        else:
            yield from read_file(item)
