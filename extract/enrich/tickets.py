"""Read tickets from CSV or JSONL and write links as CSV or JSONL."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, TextIO

from extract.enrich.model import Link, Ticket
from extract.enrich.times import parse_instant
from extract.errors import InputError

TICKET_FIELDS = ("id", "created", "subject", "body", "service", "region")
LINK_COLUMNS = ("ticket_id", "rank", "incident_id", "score", "linked", "evidence", "summary", "incident_key")
FORMATS = ("csv", "jsonl")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def ticket_from_mapping(row: Mapping[str, Any]) -> Ticket:
    """Build a ticket from a CSV row or JSON object; raise ValueError when it is unusable."""
    ticket_id = _text(row.get("id"))
    if ticket_id is None:
        raise ValueError("missing id")
    created = _text(row.get("created"))
    if created is not None and parse_instant(created) is None:
        raise ValueError(f"created is not an ISO 8601 date or time: {created!r}")
    subject, body = _text(row.get("subject")) or "", _text(row.get("body")) or ""
    if not subject and not body:
        raise ValueError("neither subject nor body")
    return Ticket(
        id=ticket_id,
        created=created,
        subject=subject,
        body=body,
        service=_text(row.get("service")),
        region=_text(row.get("region")),
    )


def _csv_rows(handle: TextIO) -> Iterator[tuple[int, Mapping[str, Any] | None]]:
    reader = csv.DictReader(handle)
    for row in reader:
        yield reader.line_num, row


def _jsonl_rows(handle: TextIO) -> Iterator[tuple[int, Mapping[str, Any] | None]]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError:
            yield number, None
            continue
        yield number, data if isinstance(data, dict) else None


def read_tickets(path: Path) -> Iterator[Ticket | InputError]:
    """Yield the tickets of a .csv or .jsonl file; an unusable row becomes an InputError."""
    rows = _csv_rows if path.suffix.lower() == ".csv" else _jsonl_rows
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for line, row in rows(handle):
            if row is None:
                yield InputError(str(path), "not a JSON object", line)
                continue
            try:
                yield ticket_from_mapping(row)
            except ValueError as err:
                yield InputError(str(path), str(err), line)


def link_row(link: Link) -> dict[str, Any]:
    """Return the output row of a link (evidence as a list)."""
    data = link.to_dict()
    return {column: data[column] for column in LINK_COLUMNS}


def write_links(links: Iterable[Link], handle: TextIO, fmt: str) -> int:
    """Write links as CSV (evidence joined with " | ") or JSONL; return how many were written."""
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}; allowed: {', '.join(FORMATS)}")
    writer = csv.DictWriter(handle, fieldnames=LINK_COLUMNS, lineterminator="\n") if fmt == "csv" else None
    if writer:
        writer.writeheader()
    count = 0
    for link in links:
        row = link_row(link)
        if writer:
            writer.writerow(
                {**row, "evidence": " | ".join(row["evidence"]), "linked": str(row["linked"]).lower()}
            )
        else:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


def links_text(links: Iterable[Link], fmt: str) -> str:
    """Return the links as one CSV or JSONL string."""
    buffer = io.StringIO()
    write_links(links, buffer, fmt)
    return buffer.getvalue()
