"""Tables someone already scraped: CSV/TSV (streamed) and Parquet (in row batches).

Columns name record keys directly or through ``ReadOptions.column_map``
(``{"body": "text", "date": "published"}``); every row is then validated as a contract record.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from extract.errors import InputError
from extract.readers.base import ReadItem, ReadOptions, Source
from extract.readers.plain import decode_line, iter_lines, mapped_record

_DELIMITERS = ",;\t|"


def _sniff_delimiter(header: str, options: ReadOptions, source: Source) -> str:
    if options.csv_delimiter:
        return options.csv_delimiter
    if source.suffix == ".tsv":
        return "\t"
    counts = {d: header.count(d) for d in _DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


class _LineError(ValueError):
    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line


def _text_lines(source: Source, options: ReadOptions) -> Iterator[str]:
    """Decoded lines (UTF-8, else detected per line), each at most ``max_record_bytes``."""
    with source.open() as stream:
        for number, raw in iter_lines(stream, options.max_record_bytes):
            if raw is None:
                raise _LineError(number, "line longer than the limit per record")
            if number == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            try:
                yield decode_line(raw)
            except ValueError as err:
                raise _LineError(number, str(err)) from None


def read_csv(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    """One record per row; the header row names the columns. Quoted fields may span lines."""
    lines = _text_lines(source, options)
    try:
        header = next(lines, None)
        if header is None or not header.strip():
            yield InputError(source.where, "empty file")
            return
        delimiter = _sniff_delimiter(header, options, source)
        rows = csv.reader(_chain(header, lines), delimiter=delimiter)
        columns = [c.strip() for c in next(rows)]
        yield from _csv_rows(source, options, rows, columns)
    except _LineError as err:
        yield InputError(source.where, f"{err}; the rest of the file is not read", err.line)
    except csv.Error as err:
        yield InputError(source.where, f"invalid CSV: {err}")


def _chain(first: str, rest: Iterator[str]) -> Iterator[str]:
    yield first
    yield from rest


def _csv_rows(
    source: Source, options: ReadOptions, rows: Iterator[list[str]], columns: list[str]
) -> Iterator[ReadItem]:
    for row in rows:
        line = rows.line_num  # type: ignore[attr-defined]
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(columns):
            yield InputError(source.where, f"row has {len(row)} fields, the header {len(columns)}", line)
            continue
        yield mapped_record(dict(zip(columns, row, strict=True)), source.where, line, options)


def read_parquet(source: Source, options: ReadOptions) -> Iterator[ReadItem]:
    """One record per row, read in batches of 1,000 rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        data = source.path or io.BytesIO(source.read_all(options.max_file_bytes))
        parquet = pq.ParquetFile(data)
    except (OSError, pa.ArrowException) as err:
        yield InputError(source.where, f"not a readable Parquet file: {err}")
        return
    row = 0
    try:
        for batch in parquet.iter_batches(batch_size=1000):
            for mapping in batch.to_pylist():
                row += 1
                yield mapped_record(mapping, source.where, row, options)
    except (OSError, pa.ArrowException) as err:
        yield InputError(source.where, f"Parquet file broken after row {row}: {err}", row + 1)
    finally:
        parquet.close()
