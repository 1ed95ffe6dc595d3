"""The built wheel works outside the checkout: data and models ship inside it."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT, SAMPLE


@pytest.mark.slow
def test_wheel_installs_into_a_fresh_venv_and_extracts_the_sample(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(dist), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = dist.glob("incident_extract-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert any(n.startswith("extract/_data/") for n in names)
    assert any(n.startswith("extract/_models/") for n in names)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run(
        [*pip, "-c", str(ROOT / "constraints.txt"), str(wheel)], check=True, timeout=900, capture_output=True
    )
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    result = subprocess.run(
        [str(venv / "bin" / "incident-extract"), "mentions", str(SAMPLE), "--format", "jsonl"],
        cwd=outside,
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    )
    mentions = [json.loads(line) for line in result.stdout.splitlines()]
    values = {m["value"] for m in mentions}
    assert {"EX649175", "EX648815", "INC37075572", "smtp:503 5.5.1"} <= values
    assert all(m["doc"] == SAMPLE.stem for m in mentions)
