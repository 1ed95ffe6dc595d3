"""The analysis notebook runs top to bottom."""

from __future__ import annotations

import jupytext
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT


@pytest.mark.slow
def test_analysis_notebook_runs_top_to_bottom(tmp_path):
    notebook = jupytext.read(ROOT / "notebooks" / "analysis.py")
    NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(tmp_path)}}
    ).execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    assert any(o.get("output_type") == "display_data" for o in outputs)  # the figures were drawn
