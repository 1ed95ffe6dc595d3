"""End-to-end benchmark of `incident-extract run` on synthetic archives.

Each measurement is a fresh `python -m extract run ARCHIVE --out DIR --workers N --overwrite` in
a subprocess (the whole run: start-up, reading, per-document stages, spool, cross-document
stages, writing). Reported per archive and worker count: median wall time, MB/s, MB/s per core
(per worker), and peak memory: the largest summed PSS of the run's process tree (psutil, sampled
every 100 ms; pages forked workers share are divided among them, not counted in each), the
largest summed RSS (which counts them in each), and the largest single process (getrusage of
children). --max-rss-mb applies to the PSS sum. 2 workers against 1
is the ratio of median wall times. Other jobs on a shared machine make figures noisy; compare
ratios within one invocation.

    python benchmarks/e2e_bench.py --sizes 10 100 --workers 1 2 --repeats 3 --repeats-large 1
    python benchmarks/e2e_bench.py --profile 2     # cProfile one in-process run on 2 MB
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import os
import pstats
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from archive_gen import write_archive

ROOT = Path(__file__).resolve().parent.parent
LARGE_MB = 50.0  # archives at least this big are run --repeats-large times

try:
    import psutil
except ImportError:  # the figure falls back to the largest single process
    psutil = None


def archive(data_dir: Path, size_mb: float, seed: int) -> Path:
    """Return the archive of this size and seed, generating it once."""
    path = data_dir / f"archive-{size_mb:g}mb-seed{seed}.jsonl"
    if not path.exists():
        write_archive(path, size_mb, seed)
    return path


def _tree_memory(process: Any) -> tuple[int, int]:
    """(summed RSS, summed PSS) of a process tree.

    RSS counts a page shared by forked workers once in every process that maps it; PSS divides
    it among them, so the PSS sum is what the tree really holds (Linux; RSS elsewhere).
    """
    rss = pss = 0
    try:
        procs = [process, *process.children(recursive=True)]
    except psutil.Error:
        return 0, 0
    for proc in procs:
        try:
            full = proc.memory_full_info()
        except psutil.Error:
            continue
        rss += full.rss
        pss += getattr(full, "pss", full.rss)
    return rss, pss


@dataclass
class Watch:
    """What the benchmark sees of a running batch: memory, and chunks as the manifest records them."""

    out: Path
    max_rss_mb: float
    max_seconds: float | None
    started: float = field(default_factory=time.perf_counter)
    peak_tree: int = 0
    peak_tree_pss: int = 0
    records_done: int = 0
    last_chunk_at: float | None = None
    breach: str | None = None
    _next_manifest: float = 0.0

    def poll(self, watcher: Any) -> None:
        now = time.perf_counter()
        if watcher is not None:
            rss, pss = _tree_memory(watcher)
            self.peak_tree = max(self.peak_tree, rss)
            self.peak_tree_pss = max(self.peak_tree_pss, pss)
            if self.peak_tree_pss / 1e6 > self.max_rss_mb:
                self.breach = f"memory above {self.max_rss_mb:g} MB"
        if self.max_seconds and now - self.started > self.max_seconds:
            self.breach = f"time above {self.max_seconds:g} s"
        if now >= self._next_manifest:  # the manifest grows with the archive: read it once a second
            self._next_manifest = now + 1.0
            done = _records_done(self.out)
            if done > self.records_done:
                self.records_done, self.last_chunk_at = done, now


def _records_done(out: Path) -> int:
    try:
        manifest = json.loads((out / ".work" / "manifest.json").read_text())
    except (OSError, ValueError):
        return 0
    return sum(chunk["records"] for run in manifest["runs"] for chunk in run["chunks"].values())


def _kill_tree(process: subprocess.Popen[bytes]) -> None:
    if psutil is not None:
        for child in psutil.Process(process.pid).children(recursive=True):
            child.kill()
    process.kill()
    process.wait(30)


def _output_digest(out: Path) -> str:
    """Return a digest of every output file but summary.json (its duration differs)."""
    digest = hashlib.sha256()
    for path in sorted(out.rglob("*")):
        relative = path.relative_to(out).as_posix()
        if path.is_file() and not relative.startswith(".") and relative != "summary.json":
            digest.update(relative.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def run_once(path: Path, workers: int, engine: str, work_dir: Path, limits: dict[str, Any]) -> dict[str, Any]:
    """Run one batch in a subprocess; return wall time, the per-document phase, peak memory, counts.

    A run that goes above ``limits`` (memory, time) is killed and reported as incomplete, with how
    far its per-document phase got: on a shared machine a runaway run must not take it over.
    """
    out = work_dir / f"out-{workers}-{engine}"
    command = [sys.executable, "-m", "extract", "run", str(path), "--out", str(out), "--overwrite"]
    command += ["--workers", str(workers), "--engine", engine, "--no-progress", "--author-key", "bench"]
    errors = work_dir / "stderr.txt"
    total_records = sum(1 for _ in path.open(encoding="utf-8"))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with errors.open("w") as stderr:  # a file, not a pipe: nobody reads while the run goes on
        watch = Watch(out, limits["max_rss_mb"], limits["max_seconds"])
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=stderr)
        watcher = psutil.Process(process.pid) if psutil else None
        while process.poll() is None and watch.breach is None:
            watch.poll(watcher)
            time.sleep(0.1)
        if watch.breach is not None:
            _kill_tree(process)
    wall = time.perf_counter() - watch.started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    per_document_s = (watch.last_chunk_at or watch.started) - watch.started
    result: dict[str, Any] = {
        "wall_s": wall,
        "cpu_s": cpu,  # of the run's whole process tree: cpu / wall = the cores it really got
        "completed": watch.breach is None,
        "stopped": watch.breach,
        "per_document_phase_s": per_document_s,
        "fraction_analyzed": watch.records_done / max(total_records, 1),
        "peak_tree_rss_mb": watch.peak_tree / 1e6 if psutil else None,
        "peak_tree_pss_mb": watch.peak_tree_pss / 1e6 if psutil else None,
        "max_child_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1e3,
    }
    if watch.breach is None:
        if process.returncode != 0:
            raise RuntimeError(f"run failed ({process.returncode}): {errors.read_text()[-2000:]}")
        summary = json.loads((out / "summary.json").read_text())
        result.update(
            output_sha256=_output_digest(out),
            documents=summary["documents"],
            mentions=summary.get("mentions_total"),
            incidents=summary.get("incidents"),
        )
    shutil.rmtree(out, ignore_errors=True)
    return result


def measure_interleaved(
    path: Path, workers: list[int], engine: str, repeats: int, work_dir: Path, limits: dict[str, Any]
) -> list[dict[str, Any]]:
    """Run every worker count once per round, ``repeats`` rounds (1, 2, 1, 2, ...): a busy spell
    on a shared machine then hits both counts alike; return each count's medians."""
    runs: dict[int, list[dict[str, Any]]] = {n: [] for n in workers}
    for _ in range(repeats):
        for n in workers:
            runs[n].append(run_once(path, n, engine, work_dir, limits))
    return [aggregate(path, n, engine, runs[n]) for n in workers]


def aggregate(path: Path, workers: int, engine: str, runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the medians of a worker count's runs and their worst memory."""
    repeats = len(runs)
    size_mb = path.stat().st_size / 1e6
    done = [r for r in runs if r["completed"]]
    wall = statistics.median(r["wall_s"] for r in done) if done else None
    phase = statistics.median(r["per_document_phase_s"] for r in runs)
    fraction = statistics.median(r["fraction_analyzed"] for r in runs)
    peaks = [r["peak_tree_rss_mb"] for r in runs if r["peak_tree_rss_mb"] is not None]
    pss_peaks = [r["peak_tree_pss_mb"] for r in runs if r.get("peak_tree_pss_mb") is not None]
    return {
        "archive": path.name,
        "size_mb": round(size_mb, 1),
        "engine": engine,
        "workers": workers,
        "repeats": repeats,
        "completed": len(done),
        "stopped": sorted({r["stopped"] for r in runs if r["stopped"]}),
        "walls_s": [round(r["wall_s"], 1) for r in runs],
        "median_wall_s": round(wall, 1) if wall else None,
        "median_cpu_s": round(statistics.median(r["cpu_s"] for r in runs), 1),
        "cores_used": round(statistics.median(r["cpu_s"] / r["wall_s"] for r in runs), 2),
        "mb_per_s": round(size_mb / wall, 4) if wall else None,
        "mb_per_s_per_core": round(size_mb / wall / workers, 4) if wall else None,
        "per_document_phase_s": round(phase, 1),
        "per_document_mb_per_s_per_core": round(size_mb * fraction / phase / workers, 4) if phase else None,
        "after_per_document_s": round(wall - phase, 1) if wall else None,
        "peak_tree_rss_mb": round(max(peaks), 0) if peaks else None,
        "peak_tree_pss_mb": round(max(pss_peaks), 0) if pss_peaks else None,
        "median_peak_tree_pss_mb": round(statistics.median(pss_peaks), 0) if pss_peaks else None,
        "max_child_rss_mb": round(max(r["max_child_rss_mb"] for r in runs), 0),
        "outputs": sorted({r["output_sha256"] for r in done}),
        "documents": done[0]["documents"] if done else None,
        "mentions": done[0]["mentions"] if done else None,
        "incidents": done[0]["incidents"] if done else None,
    }


def speedups(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return, per archive and engine, each worker count's speed-up over one worker."""
    found = []
    for base in (r for r in results if r["workers"] == 1):
        for other in results:
            same = other["archive"] == base["archive"] and other["engine"] == base["engine"]
            if same and other["workers"] > 1 and base["median_wall_s"] and other["median_wall_s"]:
                found.append(
                    {
                        "archive": base["archive"],
                        "engine": base["engine"],
                        "workers": other["workers"],
                        "speedup": round(base["median_wall_s"] / other["median_wall_s"], 2),
                    }
                )
    return found


def profile(data_dir: Path, size_mb: float, seed: int, top: int = 35) -> str:
    """Profile one in-process run (1 worker) and return the top functions by cumulative time."""
    from extract.batch import BatchOptions, run_batch
    from extract.config import Settings

    path = archive(data_dir, size_mb, seed)
    out = Path(tempfile.mkdtemp(prefix="e2e-profile-"))
    profiler = cProfile.Profile()
    profiler.enable()
    run_batch([path], out, Settings(author_key="bench"), BatchOptions(overwrite=True, progress=False))
    profiler.disable()
    shutil.rmtree(out, ignore_errors=True)
    text = io.StringIO()
    stats = pstats.Stats(profiler, stream=text)
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    return text.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[10.0, 100.0], help="archive sizes in MB")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--engine", default="local", choices=["local", "dask"])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--repeats-large", type=int, default=1, help=f"repeats for archives >= {LARGE_MB:g} MB"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--data-dir", type=Path, default=Path(tempfile.gettempdir()) / "incident-extract-bench"
    )
    parser.add_argument("--results", type=Path, default=ROOT / "benchmarks" / "results" / "e2e.json")
    parser.add_argument(
        "--max-rss-mb", type=float, default=8000.0, help="kill a run above this (process tree, PSS)"
    )
    parser.add_argument("--max-seconds", type=float, default=None, help="kill a run after this long")
    parser.add_argument(
        "--profile", type=float, default=None, help="profile a run on an archive of this many MB"
    )
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    if args.profile:
        print(profile(args.data_dir, args.profile, args.seed))
        return
    work_dir = Path(tempfile.mkdtemp(prefix="e2e-bench-"))
    results = []
    for size in args.sizes:
        path = archive(args.data_dir, size, args.seed)
        repeats = args.repeats_large if size >= LARGE_MB else args.repeats
        limits = {"max_rss_mb": args.max_rss_mb, "max_seconds": args.max_seconds}
        for result in measure_interleaved(path, args.workers, args.engine, repeats, work_dir, limits):
            results.append(result)
            print(json.dumps(result), flush=True)
    report = {
        "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "cpu_count": os.cpu_count(),
        "load_avg": os.getloadavg(),
        "results": results,
        "speedups": speedups(results),
    }
    print(json.dumps(report["speedups"], indent=1))
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(report, indent=1) + "\n")
    shutil.rmtree(work_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
