from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from extract.enrich import Link, read_tickets, write_links
from extract.enrich.model import Evidence, Ticket
from extract.errors import InputError


def test_csv_and_jsonl_give_the_same_tickets(data_dir: Path) -> None:
    from_csv = list(read_tickets(data_dir / "tickets.csv"))
    from_jsonl = list(read_tickets(data_dir / "tickets.jsonl"))
    assert all(isinstance(t, Ticket) for t in from_csv)
    assert from_csv == from_jsonl
    first = from_csv[0]
    assert first.id == "T-101"
    assert first.created == "2023-07-18T09:40:00+02:00"
    assert first.text.startswith("Mails an externe Empfänger kommen zurück\n\nMails an")
    assert from_csv[9].service == "Exchange Online"
    assert from_csv[9].region == "DE"


def test_unusable_rows_become_errors_and_the_rest_is_read(tmp_path: Path) -> None:
    path = tmp_path / "t.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({"id": "A", "subject": "ok"}),
                "{not json",
                json.dumps({"subject": "no id"}),
                json.dumps({"id": "B", "created": "gestern", "body": "x"}),
                json.dumps({"id": "C"}),
                json.dumps(["a list"]),
                json.dumps({"id": "D", "body": "fine", "created": "2023-07-18"}),
            ]
        ),
        encoding="utf-8",
    )
    items = list(read_tickets(path))
    assert [i.id for i in items if isinstance(i, Ticket)] == ["A", "D"]
    errors = [i for i in items if isinstance(i, InputError)]
    assert [e.line for e in errors] == [2, 3, 4, 5, 6]
    assert "created" in errors[2].reason


def _link() -> Link:
    return Link(
        ticket_id="T-1",
        rank=1,
        incident_key="incident:EX649175",
        incident_id="EX649175",
        score=0.98765,
        linked=True,
        evidence=(Evidence("external_ref", "ticket names INC37075572", 9.0), Evidence("region", "GB", 1.0)),
        summary="EX649175 Exchange Online – Service Degradation",
    )


def test_links_written_as_csv_and_jsonl() -> None:
    buffer = io.StringIO()
    assert write_links([_link()], buffer, "csv") == 1
    rows = list(csv.DictReader(io.StringIO(buffer.getvalue())))
    assert rows[0]["incident_id"] == "EX649175"
    assert rows[0]["score"] == "0.9877"
    assert rows[0]["linked"] == "true"
    assert rows[0]["evidence"] == "external_ref: ticket names INC37075572 (+9.00) | region: GB (+1.00)"
    buffer = io.StringIO()
    write_links([_link()], buffer, "jsonl")
    row = json.loads(buffer.getvalue())
    assert row["evidence"][0].startswith("external_ref:")
    assert row["rank"] == 1
