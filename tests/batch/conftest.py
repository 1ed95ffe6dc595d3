"""Shared helpers of the batch tests: synthetic archives, runs, and output snapshots."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
from typer.testing import CliRunner

from extract.cli import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "borncity-exchange-online-2023-07-18.txt"
# Hidden entries of an output folder are the run's own state (spool, key), not its output.
HIDDEN = (".work", ".author_key")


@pytest.fixture(scope="session")
def archive_gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("archive_gen", ROOT / "benchmarks" / "archive_gen.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["archive_gen"] = module
    spec.loader.exec_module(module)
    return module


def synthetic_records(archive_gen: ModuleType, n: int, seed: int) -> list[dict]:
    """Return ``n`` varied synthetic contract records."""
    generator = archive_gen.Generator(seed)
    return [generator.document() for _ in range(n)]


def sample_record() -> dict:
    text = SAMPLE.read_text(encoding="utf-8")
    return {
        "id": SAMPLE.stem,
        "title": text.split("\n", 1)[0],
        "text": text,
        "published": "2023-07-18",
        "url": "https://www.borncity.com/blog/2023/07/18/exchange-online-blockt-e-mails-18-7-2023/",
    }


def write_jsonl(path: Path, records: list[dict], bad_lines: tuple[str, ...] = ()) -> Path:
    """Write records as JSONL, with some broken lines after them."""
    lines = [json.dumps(r, ensure_ascii=False) for r in records] + list(bad_lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def cli(*args: str) -> str:
    """Run the CLI in this process; return its output (fail on a non-zero exit)."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def cli_refusal(*args: str) -> str:
    """Run the CLI expecting it to refuse (exit code 1); return its output."""
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 1, result.output
    return result.output


def cli_subprocess(*args: str, timeout: float = 240) -> subprocess.CompletedProcess[str]:
    """Run the CLI in a fresh interpreter (for engines that start processes or clusters)."""
    return subprocess.run(
        [sys.executable, "-m", "extract", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        check=False,
    )


def snapshot(out: Path) -> dict[str, bytes]:
    """Return every output file's bytes by relative path; summary.json without its duration."""
    files = {}
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out)
        if relative.parts[0] in HIDDEN or path.is_dir():
            continue
        data = path.read_bytes()
        if relative.as_posix() == "summary.json":
            summary = json.loads(data)
            summary.pop("duration_seconds")
            data = json.dumps(summary, sort_keys=True).encode()
        files[relative.as_posix()] = data
    return files


def assert_same_output(left: Path, right: Path, names: tuple[str, ...] | None = None) -> None:
    """Assert two output folders hold byte-identical files (summary.json's duration aside)."""
    a, b = snapshot(left), snapshot(right)
    if names is not None:
        a = {k: v for k, v in a.items() if k in names}
        b = {k: v for k, v in b.items() if k in names}
    assert sorted(a) == sorted(b)
    differing = [name for name in a if a[name] != b[name]]
    assert not differing, f"files differ between {left} and {right}: {differing}"
    assert "documents.parquet" in a or names is not None
