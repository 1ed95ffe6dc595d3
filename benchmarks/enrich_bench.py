"""Benchmark of ticket enrichment: linking throughput on a 10,000-incident graph, and the latency of
POST /v1/enrich under a bounded local load.

1. Writes a synthetic graph folder (``extract.enrich.synthetic``: incidents over two years, eight
   services, error codes, regions, external references) and loads it as an ``IncidentIndex``.
2. Links synthetic tickets (German and English; naming an ID, a reference, or an error code with
   service, region and a relative time; plus unrelated ones) with the real extractor, and reports
   tickets/s for the whole link (extraction + candidates + scoring) and for the linking step alone
   (features extracted beforehand), with the top-1 accuracy on those tickets as a sanity check.
3. Starts `incident-extract serve` on 127.0.0.1 in a subprocess and sends ``--requests`` tickets
   from ``--concurrency`` client threads (httpx), then stops the server. Reports p50/p95/p99
   latency and requests/s. Nothing leaves the machine; the load stops after the given count.

    python benchmarks/enrich_bench.py                       # 10,000 incidents, writes ENRICH.md
    python benchmarks/enrich_bench.py --incidents 2000 --tickets 300 --requests 300 --no-write
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import httpx

from extract.enrich import EnrichSettings, Ticket, load_incident_index, rank_features, ticket_features
from extract.enrich.link import candidate_keys, link_ticket
from extract.enrich.synthetic import synthetic_incidents, write_graph_folder

HERE = Path(__file__).resolve().parent
REPORT = HERE / "ENRICH.md"

UNRELATED = (
    ("Drucker druckt nicht", "Seit heute früh druckt der Drucker im 3. OG nur leere Seiten."),
    ("VPN disconnects", "Since this morning the VPN client disconnects every few minutes."),
    ("Neuer Laptop", "Bitte einen neuen Laptop für die neue Kollegin bestellen."),
    ("SAP login fails", "SAP GUI login fails with 'password expired' for the finance team."),
    ("Monitor flackert", "Der zweite Monitor flackert seit dem Update."),
)


@dataclass(frozen=True)
class BenchTicket:
    ticket: Ticket
    expected: str | None


ZONES = (UTC, timezone(timedelta(hours=1)), timezone(timedelta(hours=2)))


def _reporter_times(incident: dict[str, Any], rng: random.Random) -> tuple[datetime, datetime]:
    """Return when the reporter noticed the problem and opened the ticket, on their local clock."""
    zone = rng.choice(ZONES)
    noticed = datetime.fromisoformat(incident["start"]) + timedelta(minutes=rng.randrange(-20, 60))
    created = noticed + timedelta(minutes=rng.randrange(10, 180))
    return noticed.astimezone(zone), created.astimezone(zone)


def _code_text(incident: dict[str, Any]) -> str | None:
    codes = incident["error_codes"]
    return codes[0].split(":", 1)[1] if codes else None


OFFICES = {"GB": "London", "DE": "Munich", "FR": "Paris", "US": "Boston", "NL": "Amsterdam", "CH": "Zurich"}


def _office(incident: dict[str, Any]) -> str:
    """Where the reporter sits: an affected country's office when the incident names one."""
    city = next((OFFICES[r] for r in incident["regions"] if r in OFFICES), None)
    return f"; affects our {city} office" if city else ""


def _related_text(incident: dict[str, Any], noticed: datetime, rng: random.Random) -> tuple[str, str]:
    service, code = incident["service"], _code_text(incident)
    if incident["external_refs"] and rng.random() < 0.5:
        return f"Status zu {incident['external_refs'][0]}?", "Bitte um Info, wann das behoben ist."
    if incident["incident_id"] and rng.random() < 0.3:
        return f"Is {incident['incident_id']} resolved?", f"Our users still see issues in {service}."
    clock = noticed.strftime("%H:%M")
    if rng.random() < 0.5:
        error = f" mit dem Fehler {code}" if code else ""
        return f"Störung {service}", f"Seit {clock} Uhr haben Benutzer Probleme mit {service}{error}."
    error = f"get {code} errors" if code else "report problems"
    return f"{service} problems", f"Since {clock} users {error} in {service}{_office(incident)}."


def synthetic_tickets(incidents: list[dict[str, Any]], count: int, seed: int = 11) -> list[BenchTicket]:
    """Return ``count`` tickets: four in five about a random incident, one in five unrelated."""
    rng = random.Random(seed)
    tickets = []
    for number in range(count):
        incident = rng.choice(incidents)
        noticed, created = _reporter_times(incident, rng)
        if rng.random() < 0.2:
            subject, body = rng.choice(UNRELATED)
            tickets.append(BenchTicket(Ticket(f"B-{number}", subject, body, created.isoformat()), None))
            continue
        subject, body = _related_text(incident, noticed, rng)
        expected = incident["incident_id"] or incident["id"]
        tickets.append(BenchTicket(Ticket(f"B-{number}", subject, body, created.isoformat()), expected))
    return tickets


def bench_linking(index, tickets: list[BenchTicket]) -> dict[str, float]:
    """Return tickets/s end to end and for the linking step alone, and the top-1 accuracy."""
    settings = EnrichSettings(top=3, include_candidates=True)
    link_ticket(tickets[0].ticket, index, settings)  # warm-up: loads the recognizers' resources
    started = time.perf_counter()
    results = [link_ticket(t.ticket, index, settings) for t in tickets]
    end_to_end = time.perf_counter() - started
    features = [ticket_features(t.ticket) for t in tickets]
    started = time.perf_counter()
    for bench, feature in zip(tickets, features, strict=True):
        rank_features(bench.ticket.id, feature, index, settings)
    linking = time.perf_counter() - started
    candidates = statistics.mean(len(candidate_keys(feature, index)) for feature in features)
    related = [(t, links) for t, links in zip(tickets, results, strict=True) if t.expected]
    first = [
        links[0]
        for t, links in related
        if links and t.expected in (links[0].incident_id, links[0].incident_key)
    ]
    unrelated = [links for t, links in zip(tickets, results, strict=True) if not t.expected]
    return {
        "tickets": len(tickets),
        "candidates": candidates,
        "end_to_end_per_s": len(tickets) / end_to_end,
        "linking_per_s": len(tickets) / linking,
        "top1": len(first) / max(1, len(related)),
        "top1_linked": sum(1 for link in first if link.linked) / max(1, len(related)),
        "unrelated_linked": sum(1 for links in unrelated if any(link.linked for link in links))
        / max(1, len(unrelated)),
    }


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_healthy(url: str, seconds: float = 60.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/healthz", timeout=1.0).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise RuntimeError("the server did not become healthy")


def _post_all(url: str, token: str, tickets: list[BenchTicket], concurrency: int) -> list[float]:
    headers = {"Authorization": f"Bearer {token}"}
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    with httpx.Client(base_url=url, headers=headers, timeout=30.0, limits=limits) as client:

        def one(bench: BenchTicket) -> float:
            t = bench.ticket
            body = {"id": t.id, "created": t.created, "subject": t.subject, "body": t.body}
            started = time.perf_counter()
            response = client.post("/v1/enrich", json=body)
            elapsed = time.perf_counter() - started
            response.raise_for_status()
            return elapsed

        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            return list(pool.map(one, tickets))


def bench_http(graph_dir: Path, tickets: list[BenchTicket], concurrency: int) -> dict[str, float]:
    """Serve the graph on 127.0.0.1 in a subprocess; return latency percentiles and requests/s."""
    token, port = secrets.token_hex(24), _free_port()
    env = {**os.environ, "INCIDENT_EXTRACT_TOKEN": token}
    command = [sys.executable, "-m", "extract", "serve", "--graph", str(graph_dir), "--port", str(port)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url)
        _post_all(url, token, tickets[:20], concurrency)  # warm-up
        started = time.perf_counter()
        latencies = sorted(_post_all(url, token, tickets, concurrency))
        wall = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=20)
    cuts = statistics.quantiles(latencies, n=100)
    return {
        "requests": len(latencies),
        "concurrency": concurrency,
        "p50_ms": cuts[49] * 1000,
        "p95_ms": cuts[94] * 1000,
        "p99_ms": cuts[98] * 1000,
        "requests_per_s": len(latencies) / wall,
    }


def report(args: argparse.Namespace, load_s: float, linking: dict, http: dict) -> str:
    """Return the Markdown of ENRICH.md."""
    return f"""# Enrichment benchmark

`python benchmarks/enrich_bench.py --incidents {args.incidents} --tickets {args.tickets} \
--requests {args.requests} --concurrency {args.concurrency}`, run {datetime.now().astimezone():%Y-%m-%d %H:%M %Z}
on {platform.machine()} with {os.cpu_count()} cores, Python {platform.python_version()}; a shared
machine (other jobs were running), so treat the figures as orders of magnitude.

Graph: {args.incidents:,} synthetic incidents (8 services, two years, error codes, regions, external
references; `extract.enrich.synthetic`). Loading `incidents.parquet` + `updates.parquet` and building
the inverted indexes took {load_s:.2f} s.

## Linking (in process, one thread)

| measure | value |
|---|---|
| tickets (4 in 5 about an incident, 1 in 5 unrelated) | {linking["tickets"]:,} |
| end to end (extraction + candidates + scoring), tickets/s | {linking["end_to_end_per_s"]:,.0f} |
| linking alone (features extracted beforehand), tickets/s | {linking["linking_per_s"]:,.0f} |
| related tickets whose incident ranks first | {linking["top1"]:.1%} |
| related tickets whose incident ranks first and is linked (score >= 0.5) | {linking["top1_linked"]:.1%} |
| unrelated tickets linked above the threshold | {linking["unrelated_linked"]:.1%} |

## POST /v1/enrich (uvicorn, one worker process, 127.0.0.1)

| measure | value |
|---|---|
| requests (after 20 warm-up requests) | {http["requests"]:,} |
| client threads | {http["concurrency"]} |
| p50 latency | {http["p50_ms"]:.1f} ms |
| p95 latency | {http["p95_ms"]:.1f} ms |
| p99 latency | {http["p99_ms"]:.1f} ms |
| throughput | {http["requests_per_s"]:,.0f} requests/s |

Per ticket that is {1000 / linking["end_to_end_per_s"]:.1f} ms end to end, of which
{1000 / linking["linking_per_s"]:.1f} ms for candidates and scoring: candidate generation touches only the
incidents sharing an ID, a reference or an error code with the ticket, or active around its times
(and, when it names services, of a compatible service): {linking["candidates"]:.0f} of the {args.incidents:,} on
average here. The
request latency adds JSON, HTTP and thread hand-off to that. The synthetic tickets are simpler than
real ones (their wording comes from the incidents' own fields, and several incidents of one service
often start within hours of each other); the accuracy rows check the benchmark, not the linker
(tests/enrich holds the real acceptance tickets).
"""


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--incidents", type=int, default=10_000)
    parser.add_argument("--tickets", type=int, default=1_000)
    parser.add_argument("--requests", type=int, default=1_000)
    parser.add_argument("--concurrency", type=int, default=4)
    parser.add_argument(
        "--no-write", action="store_true", help="Print the report instead of writing ENRICH.md."
    )
    args = parser.parse_args()
    incidents = synthetic_incidents(args.incidents)
    with tempfile.TemporaryDirectory(prefix="enrich-bench-") as tmp:
        graph_dir = write_graph_folder(incidents, [], Path(tmp) / "graph")
        started = time.perf_counter()
        index = load_incident_index(graph_dir)
        load_s = time.perf_counter() - started
        tickets = synthetic_tickets(incidents, max(args.tickets, args.requests))
        linking = bench_linking(index, tickets[: args.tickets])
        http = bench_http(graph_dir, tickets[: args.requests], args.concurrency)
    text = report(args, load_s, linking, http)
    if args.no_write:
        print(text)
    else:
        REPORT.write_text(text, encoding="utf-8")
        print(f"wrote {REPORT}")


if __name__ == "__main__":
    main()
