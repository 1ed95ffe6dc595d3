"""Plain text and JSON records: ``.txt`` (one document), JSONL (streamed line by line), JSON."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from typing import Any, BinaryIO

from extract.errors import InputError
from extract.model import Record
from extract.readers.base import ReadItem, ReadOptions, Source, TooLargeError, clean_optional
from extract.readers.decode import decode_bytes

_OPTIONAL_KEYS = ("title", "url", "lang", "published", "author", "parent")


def record_from_mapping(data: object, where: str, line: int | None) -> Record | InputError:
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
    extra = {key: clean_optional(data.get(key)) for key in _OPTIONAL_KEYS}
    return Record(id=str(record_id), text=data["text"], source=f"{where}:{line}" if line else where, **extra)


def apply_column_map(row: Mapping[str, Any], column_map: Mapping[str, str]) -> dict[str, Any]:
    """Rename a row's columns to record keys; a mapped column wins over one already so named."""
    if not column_map:
        return dict(row)
    mapped = {key: value for key, value in row.items() if key not in column_map}
    for column, key in column_map.items():
        if column in row:
            mapped[key] = row[column]
    return mapped


def mapped_record(row: object, where: str, line: int | None, options: ReadOptions) -> Record | InputError:
    """Apply the column map (to objects only), then validate as a contract record."""
    if isinstance(row, Mapping):
        row = apply_column_map(row, options.column_map)
    return record_from_mapping(row, where, line)


def read_txt(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    """A .txt file is one document: its first line the title, its file name the id."""
    try:
        text = decode_bytes(source.read_all(options.max_record_bytes))
    except (ValueError, OSError) as err:
        yield InputError(source.where, str(err))
        return
    if not text.strip():
        yield InputError(source.where, "empty file")
        return
    title = text.split("\n", 1)[0].strip() or None
    yield Record(id=source.stem, text=text, title=title, source=source.where)


def _skip_rest_of_line(stream: BinaryIO, chunk: int = 1024 * 1024) -> None:
    """Consume an over-long line without keeping it."""
    while True:
        part = stream.readline(chunk)
        if not part or part.endswith(b"\n"):
            return


def iter_lines(stream: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield (line number, bytes) per line; ``None`` for a line longer than ``limit`` bytes.

    Reads at most ``limit + 1`` bytes of a line, so one huge line never sits in memory whole.
    """
    number = 0
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        number += 1
        if len(line) > limit and not line.endswith(b"\n"):
            _skip_rest_of_line(stream)
            yield number, None
            continue
        yield number, line


def decode_line(line: bytes) -> str:
    """UTF-8, else the legacy encoding decode_bytes detects; ValueError for binary lines."""
    try:
        text = line.decode("utf-8")
    except UnicodeDecodeError:
        return decode_bytes(line)
    if "\x00" in text:
        raise ValueError("binary content (NUL bytes), not text")
    return text


def _first_bytes(source: Source, size: int = 4) -> bytes:
    with source.opener() as stream:
        return stream.read(size)


def read_jsonl(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    """One contract record per line, streamed; blank lines skipped, bad lines reported."""
    head = _first_bytes(source)
    if not head:
        yield InputError(source.where, "empty file")
        return
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 cannot be split on b"\n"
        yield from _read_jsonl_whole(source, options)
        return
    try:
        with source.open() as stream:
            for number, line in iter_lines(stream, options.max_record_bytes):
                yield from _jsonl_line(source.where, number, line, options)
    except OSError as err:
        yield InputError(source.where, f"cannot read: {err}")


def _jsonl_line(where: str, number: int, line: bytes | None, options: ReadOptions) -> Iterator[ReadItem]:
    if line is None:
        limit = options.max_record_bytes // (1024 * 1024)
        yield InputError(where, f"line longer than the limit of {limit} MiB per record", number)
        return
    if number == 1:
        line = line.removeprefix(b"\xef\xbb\xbf")
    if not line.strip():
        return
    try:
        data = json.loads(decode_line(line))
    except json.JSONDecodeError as err:
        yield InputError(where, f"invalid JSON: {err.msg} at column {err.colno}", number)
        return
    except ValueError as err:
        yield InputError(where, str(err), number)
        return
    yield mapped_record(data, where, number, options)


def _read_jsonl_whole(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    try:
        text = decode_bytes(source.read_all(options.max_file_bytes))
    except (ValueError, OSError) as err:
        yield InputError(source.where, str(err))
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            yield InputError(source.where, f"invalid JSON: {err.msg} at column {err.colno}", number)
            continue
        yield mapped_record(data, source.where, number, options)


def read_json(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    """A JSON file holds one record or a list of records."""
    try:
        raw = source.read_all(options.max_file_bytes)
    except (TooLargeError, OSError) as err:
        yield InputError(source.where, str(err))
        return
    if not raw.strip():
        yield InputError(source.where, "empty file")
        return
    try:
        data = json.loads(decode_bytes(raw))
    except ValueError as err:  # JSONDecodeError is a ValueError
        yield InputError(source.where, f"invalid JSON: {err}")
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items, 1):
        yield mapped_record(item, source.where, index if isinstance(data, list) else None, options)
