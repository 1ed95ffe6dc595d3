"""Per-document rows, column-wise: what a chunk of records yields and what the spool stores.

Rows are plain Python values in one list per column. Every table is built by one function,
``dataset_from_chunks``, whichever way its rows came (in memory, from spool parts, from a
cluster), so every path gives the same DataFrames, dtypes included, and so the same files.
Each record has an outcome (ok or failed, with the error) under a key: ``doc:<id>`` for a record
with an id, ``at:<file>:<line>`` for one that could not be read. A later outcome with the same key
replaces an earlier one, with all its rows: that is how a re-sent document replaces the old one.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from extract.errors import InputError
from extract.model import DocumentResult
from extract.tables import (
    DOCUMENT_COLUMNS,
    MENTION_COLUMNS,
    UPDATE_OCCURRENCE_COLUMNS,
    document_rows,
    mention_row,
    update_row,
)

TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": DOCUMENT_COLUMNS,
    "mentions": MENTION_COLUMNS,
    "update_occurrences": UPDATE_OCCURRENCE_COLUMNS,
}
# The column naming the input document a row belongs to (the unit of replacement).
KEY_COLUMNS = {"documents": "input_doc", "mentions": "doc", "update_occurrences": "doc"}
# The sort keys of tables.mentions_frame / update_occurrences_frame (a test checks they agree);
# documents go by input document, so the order does not depend on the order of inputs or runs.
SORT_KEYS: dict[str, tuple[str, ...]] = {
    "documents": ("input_doc",),
    "mentions": ("doc", "start", "end", "type", "value"),
    "update_occurrences": ("doc", "start"),
}


def doc_key(doc_id: str) -> str:
    """Return the outcome key of a record with this id."""
    return f"doc:{doc_id}"


def error_key(error: InputError) -> str:
    """Return the outcome key of a record that could not be read (it has no id)."""
    return f"at:{error.where}:{error.line}" if error.line is not None else f"at:{error.where}"


@dataclass
class ChunkRows:
    """The rows and outcomes of a run of records, in record order."""

    columns: dict[str, dict[str, list[Any]]] = field(
        default_factory=lambda: {table: {c: [] for c in cols} for table, cols in TABLE_COLUMNS.items()}
    )
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    _seen: set[str] = field(default_factory=set, repr=False)

    def keys(self) -> list[str]:
        """Return the outcome keys in record order."""
        return [outcome["key"] for outcome in self.outcomes]

    def add_result(self, result: DocumentResult) -> None:
        """Add the rows of a processed document."""
        doc_id = result.document.id
        self._forget(doc_key(doc_id))
        rows = {
            "documents": document_rows(result.document, "ok", len(result.mentions), len(result.updates)),
            "mentions": [mention_row(m) for m in result.mentions],
            "update_occurrences": [update_row(u) for u in result.updates],
        }
        for table, table_rows in rows.items():
            self._extend(table, table_rows)
        self._record({"key": doc_key(doc_id), "doc": doc_id, "status": "ok", "error": None})

    def add_error(self, error: InputError, doc_id: str | None = None) -> None:
        """Add a record that could not be read (no id) or processed (with its id)."""
        key = doc_key(doc_id) if doc_id is not None else error_key(error)
        self._forget(key)
        self._record({"key": key, "doc": doc_id, "status": "failed", "error": error.to_dict()})

    def add(self, item: DocumentResult | InputError) -> None:
        """Add a result or an error as ``api.iter_results`` yields them."""
        if isinstance(item, InputError):
            self.add_error(item)
        else:
            self.add_result(item)

    def _extend(self, table: str, rows: list[dict[str, Any]]) -> None:
        columns = self.columns[table]
        for name, values in columns.items():
            values.extend(row[name] for row in rows)

    def _record(self, outcome: dict[str, Any]) -> None:
        self.outcomes.append(outcome)
        self._seen.add(outcome["key"])

    def _forget(self, key: str) -> None:
        """Drop an earlier outcome with this key (the same id twice in one chunk: the last wins)."""
        if key not in self._seen:
            return
        self._seen.discard(key)
        self.outcomes = [outcome for outcome in self.outcomes if outcome["key"] != key]
        doc_id = key.removeprefix("doc:")
        for table, columns in self.columns.items():
            keep = [value != doc_id for value in columns[KEY_COLUMNS[table]]]
            for name, values in columns.items():
                columns[name] = [v for v, k in zip(values, keep, strict=True) if k]


def winning_outcomes(chunks: Iterable[tuple[Any, list[str]]]) -> dict[str, Any]:
    """Return, per outcome key, the tag of the last chunk holding it (given chunks in order)."""
    winners: dict[str, Any] = {}
    for tag, keys in chunks:
        for key in keys:
            winners[key] = tag
    return winners


@dataclass
class TableCollector:
    """Concatenates chunk rows column by column, keeping only each key's winning outcome."""

    columns: dict[str, dict[str, list[Any]]] = field(
        default_factory=lambda: {table: {c: [] for c in cols} for table, cols in TABLE_COLUMNS.items()}
    )
    outcomes: list[dict[str, Any]] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # items readers skipped, by reason

    def add(self, rows: ChunkRows, live: set[str] | None = None) -> None:
        """Add a chunk's rows; with ``live``, only those of the outcome keys in it."""
        outcomes = rows.outcomes if live is None else [o for o in rows.outcomes if o["key"] in live]
        self.outcomes.extend(outcomes)
        live_docs = None if live is None else {o["doc"] for o in outcomes if o["status"] == "ok"}
        for table, columns in rows.columns.items():
            target = self.columns[table]
            if live_docs is None:
                for name, values in columns.items():
                    target[name].extend(values)
                continue
            keep = [doc in live_docs for doc in columns[KEY_COLUMNS[table]]]
            for name, values in columns.items():
                target[name].extend(v for v, k in zip(values, keep, strict=True) if k)

    def frames(self) -> dict[str, pd.DataFrame]:
        """Return the tables, sorted by their documented keys."""
        return {table: _frame(self.columns[table], table) for table in TABLE_COLUMNS}

    def errors(self) -> list[dict[str, Any]]:
        """Return the errors.jsonl lines, sorted by file, line and reason."""
        errors = [o["error"] for o in self.outcomes if o["status"] == "failed"]
        return sorted(errors, key=lambda e: (str(e["file"]), e["line"] or 0, str(e["reason"])))

    def counts(self) -> dict[str, int]:
        """Return the document counts: read (distinct records), processed, failed; skipped if any."""
        failed = sum(1 for o in self.outcomes if o["status"] == "failed")
        counts = {"read": len(self.outcomes), "processed": len(self.outcomes) - failed, "failed": failed}
        if self.skipped:
            counts["skipped"] = sum(self.skipped.values())
        return counts


def _frame(columns: dict[str, list[Any]], table: str) -> pd.DataFrame:
    names = list(TABLE_COLUMNS[table])
    if not columns[names[0]]:
        return pd.DataFrame([], columns=names)
    # A dict of lists infers each column's dtype as a list of row dicts would.
    frame = pd.DataFrame({name: columns[name] for name in names}, columns=names)
    return frame.sort_values(list(SORT_KEYS[table]), kind="stable").reset_index(drop=True)


def iter_chunks(items: Iterable[Any], max_records: int, max_chars: int) -> Iterator[list[Any]]:
    """Group items into chunks of at most ``max_records`` records or about ``max_chars`` of text.

    The boundaries depend only on the input, so a resumed run cuts the same chunks.
    """
    chunk: list[Any] = []
    chars = 0
    for item in items:
        chunk.append(item)
        chars += len(getattr(item, "text", "") or "")
        if len(chunk) >= max_records or chars >= max_chars:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk
