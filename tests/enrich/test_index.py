from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from extract.enrich import EnrichError, IncidentIndex, load_incident_index
from extract.enrich.index import code_parts, plain


def test_loads_every_incident_with_its_updates(index: IncidentIndex) -> None:
    assert len(index) == 8
    delayed = index.lookup("EX648815")
    assert delayed is not None
    assert delayed.update_count == 12
    assert len(index.updates[delayed.key]) == 12
    published = [u["published"] for u in index.updates[delayed.key]]
    assert published[0] == "2023-07-17T21:03:33"
    assert published[-1] == "2023-07-18T19:32:23"


def test_lists_and_lookups_are_normalized(index: IncidentIndex) -> None:
    blocked = index.lookup("ex649175")
    assert blocked is not None
    assert blocked.external_refs == ("INC37075572",)
    assert blocked.error_codes == ("smtp:503 5.5.1",)
    assert index.lookup("incident:EX649175") is blocked
    assert index.lookup("EX000000") is None


def test_inverted_indexes_cover_ids_codes_parts_services_and_days(index: IncidentIndex) -> None:
    assert index.by_external_ref["INC37075572"] == {"incident:EX649175"}
    assert index.by_error_code["smtp:5.5.1"] == {"incident:EX649175"}
    assert index.by_error_code["smtp:503"] == {"incident:EX649175"}
    assert len(index.by_service["exchange online"]) == 4
    day = pd.Timestamp("2023-07-18").date()
    assert {"incident:EX649175", "incident:EX648815"} <= index.by_day[day]
    assert "incident:EX640001" not in index.by_day[day]


def test_incident_without_vendor_id_is_kept(index: IncidentIndex) -> None:
    record = index.incidents["incident:githubstatus:x0ljvc9m1wxj"]
    assert record.incident_id is None
    assert "delay" in record.concepts


def test_graph_json_alone_is_enough(graph_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "graph.json").write_text(
        (graph_dir / "graph.json").read_text(encoding="utf-8"), encoding="utf-8"
    )
    alone = load_incident_index(tmp_path)
    assert len(alone) == 8
    assert alone.lookup("EX649175").external_refs == ("INC37075572",)


def test_missing_folder_or_files_raise(tmp_path: Path) -> None:
    with pytest.raises(EnrichError, match="not a folder"):
        load_incident_index(tmp_path / "absent")
    with pytest.raises(EnrichError, match=r"incidents\.parquet"):
        load_incident_index(tmp_path)


def test_code_parts_split_basic_and_enhanced() -> None:
    assert code_parts("smtp:503 5.5.1") == (frozenset({"smtp:5.5.1"}), frozenset({"smtp:503"}))
    assert code_parts("smtp:550") == (frozenset(), frozenset())


def test_plain_makes_table_cells_json_ready() -> None:
    cells = {
        "a": np.array(["x", "y"]),
        "b": np.int64(3),
        "c": float("nan"),
        "d": pd.Timestamp("2023-07-18T10:00"),
    }
    assert json.loads(json.dumps(plain(cells))) == {
        "a": ["x", "y"],
        "b": 3,
        "c": None,
        "d": "2023-07-18T10:00:00",
    }
