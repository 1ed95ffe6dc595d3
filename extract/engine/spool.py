"""The spool: per-chunk part files and the manifest that records them, under ``<out>/.work``.

A part holds one chunk's rows and outcomes (``rows.ChunkRows``) as a pickle: the rows are plain
Python values that black-box stages chose (lists, nested dicts), and a pickle gives them back
unchanged, where Parquet would turn lists into arrays and dicts into structs. Parts are only read
back from the run's own output folder.

The manifest lists the runs that fed the folder, each with its input fingerprint, chunking and
finished chunks (index -> first record, record count, outcome keys, part file, sha256). It is
rewritten atomically after each part is in place, so a killed run leaves either a chunk recorded
with its complete part, or not recorded at all.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extract import __version__
from extract.config import Settings
from extract.engine.rows import ChunkRows
from extract.errors import ExtractError, InputError
from extract.readers import expand_paths

SPOOL_DIR = ".work"
MANIFEST = "manifest.json"
FORMAT = 1


class SpoolError(ExtractError):
    """The output folder's spool cannot be used as asked (say why and what to do)."""


@dataclass(frozen=True)
class PartInfo:
    """What the manifest records about a written part."""

    index: int
    first: int
    records: int
    chars: int
    nbytes: int
    part: str
    sha256: str
    keys: tuple[str, ...]

    def entry(self) -> dict[str, Any]:
        """Return the manifest entry."""
        return {
            "first": self.first,
            "records": self.records,
            "part": self.part,
            "sha256": self.sha256,
            "keys": list(self.keys),
        }


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_part(root: Path, relative: str, rows: ChunkRows) -> str:
    """Write a part atomically; return its sha256."""
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    data = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
    _atomic_write(path, data)
    return hashlib.sha256(data).hexdigest()


def read_part(root: Path, relative: str, sha256: str) -> ChunkRows:
    """Read a part back, refusing one whose content is not what the manifest recorded."""
    data = (root / relative).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SpoolError(f"spool part {root / relative} is damaged; rerun with --overwrite")
    return pickle.loads(data)


def input_fingerprint(paths: list[Path]) -> tuple[str, int]:
    """Return a fingerprint of the input files (path, size, mtime) and their total size."""
    entries: list[list[Any]] = []
    total = 0
    for item in expand_paths(paths):
        if isinstance(item, InputError):
            entries.append(["missing", item.where])
            continue
        stat = item.stat()
        total += stat.st_size
        entries.append([str(item.resolve()), stat.st_size, stat.st_mtime_ns])
    return _digest(entries), total


def settings_fingerprint(settings: Settings, read_options: Any = None) -> str:
    """Return a fingerprint of the settings (and read options) that can change results.

    The worker count is left out: it does not change output. The author key is hashed in.
    """
    values = {
        "read_options": repr(read_options),
        "version": __version__,
        "format": FORMAT,
        "prefer_dates_from": settings.prefer_dates_from,
        "keep_authors": settings.keep_authors,
        "author_key": _digest(settings.author_key) if settings.author_key else None,
        "near_duplicate_threshold": settings.near_duplicate_threshold,
        "minhash_num_perm": settings.minhash_num_perm,
        "minhash_seed": settings.minhash_seed,
    }
    return _digest(values)


def _digest(value: Any) -> str:
    return hashlib.sha256(json.dumps(value, sort_keys=True).encode()).hexdigest()[:32]


class Spool:
    """The ``.work`` folder of an output folder: its manifest and parts."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.root = out / SPOOL_DIR
        self.manifest: dict[str, Any] = self._load()

    def _load(self) -> dict[str, Any]:
        path = self.root / MANIFEST
        if not path.exists():
            return {"format": FORMAT, "runs": []}
        manifest = json.loads(path.read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT:
            raise SpoolError(f"{path} has spool format {manifest.get('format')}; rerun with --overwrite")
        return manifest

    @property
    def runs(self) -> list[dict[str, Any]]:
        """The runs that fed this folder, oldest first."""
        return self.manifest["runs"]

    def save(self) -> None:
        """Write the manifest atomically."""
        self.root.mkdir(parents=True, exist_ok=True)
        data = json.dumps(self.manifest, sort_keys=True, separators=(",", ":")).encode()
        _atomic_write(self.root / MANIFEST, data)

    def clear(self) -> None:
        """Remove the spool (start fresh)."""
        shutil.rmtree(self.root, ignore_errors=True)
        self.manifest = {"format": FORMAT, "runs": []}

    def start_run(self, fingerprint: str, settings: str, chunking: dict[str, int]) -> dict[str, Any]:
        """Append a new run to the manifest and return it."""
        run = {
            "run": len(self.runs),
            "fingerprint": fingerprint,
            "settings": settings,
            "chunking": chunking,
            "state": "running",
            "chunks": {},
        }
        self.runs.append(run)
        self.save()
        return run

    def part_name(self, run: dict[str, Any], index: int) -> str:
        """Return the part file of a chunk, relative to the spool."""
        return f"parts/run-{run['run']:03d}/part-{index:05d}.pkl"

    def record_chunk(self, run: dict[str, Any], info: PartInfo) -> None:
        """Record a finished chunk (after its part is in place)."""
        run["chunks"][str(info.index)] = info.entry()
        self.save()

    def completed(self, run: dict[str, Any]) -> dict[int, dict[str, Any]]:
        """Return the finished chunks of a run whose part file is present."""
        done = {}
        for index, entry in run["chunks"].items():
            if (self.root / entry["part"]).exists():
                done[int(index)] = entry
        return done

    def finish_run(self, run: dict[str, Any]) -> None:
        """Mark a run complete (after its outputs are written)."""
        run["state"] = "complete"
        self.save()

    def record_skips(self, run: dict[str, Any], items: list[Any]) -> None:
        """Record what the readers skipped on purpose in this run (by file and reason)."""
        tally: dict[str, int] = {}
        for item in items:
            key = f"{item.where}\t{item.reason}"
            tally[key] = tally.get(key, 0) + item.count
        run["skipped"] = dict(sorted(tally.items()))
        self.save()

    def skipped(self) -> dict[str, int]:
        """Return the skip counts by reason; a later run that read the same file replaces its count."""
        merged: dict[str, int] = {}
        for run in self.runs:
            merged.update(run.get("skipped", {}))
        by_reason: dict[str, int] = {}
        for key, count in merged.items():
            reason = key.split("\t", 1)[1]
            by_reason[reason] = by_reason.get(reason, 0) + count
        return dict(sorted(by_reason.items()))

    def chunk_entries(self) -> list[tuple[tuple[int, int], dict[str, Any]]]:
        """Return every recorded chunk of every run, in the order they were fed: (run, index)."""
        entries = []
        for run in self.runs:
            for index in sorted(run["chunks"], key=int):
                entries.append(((run["run"], int(index)), run["chunks"][index]))
        return entries
