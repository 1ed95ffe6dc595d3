"""Timestamps: our finder + normalizer against dateparser.search.search_dates, in one run.

    .venv/bin/python benchmarks/timestamps_bench.py [--mb 1.2] [--repeats 3] [--slice-kb 48]

Builds >= 1 MB of incident text (the sample plus seeded synthetic German and English prose with
dates, clock times, zones, relative phrases, IDs, error codes, durations and versions), splits it
into documents, segments them (not timed), then times ``find_timestamps`` over all of them
(median of the repeats; the first, cold run is printed too). ``search_dates`` is far slower, so
it runs on slices of ``--slice-kb`` of the same documents (a fresh slice per repeat: on a repeated
text its caches answer) and its throughput is extrapolated. Both tools are then scored on the sample's gold with the shared scoring rules;
search_dates' datetimes are converted to the mention format (a date when the matched text has
no clock time, else a date-time, with offset when dateparser returns an aware one).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import statistics
import sys
import time
import warnings
from datetime import datetime
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.config import Settings  # noqa: E402
from extract.documents import segment  # noqa: E402
from extract.model import Document, Record  # noqa: E402
from extract.timestamps import find_timestamps  # noqa: E402

SAMPLE = ROOT / "data" / "samples" / "borncity-exchange-online-2023-07-18.txt"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from archive_gen import DE_MONTHS, DE_WEEKDAYS  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "borncity-exchange-online-2023-07-18.json"
SCORER = ROOT.parent / "shared" / "tools" / "score_gold.py"

# The German calendar words the archive generator writes, so both benchmarks vary the same way.
MONTHS_DE = list(DE_MONTHS)
MONTHS_EN = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
DAYS_DE = list(DE_WEEKDAYS)
DAYS_EN = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SERVICES = [
    "Exchange Online",
    "Microsoft Teams",
    "OneDrive",
    "SharePoint Online",
    "Azure AD",
    "Outlook",
    "Zscaler",
]
DE_SENTENCES = [
    "Seit {rel_de} melden Nutzer Probleme mit {svc}, betroffen sind vor allem Kunden in DACH.",
    "Am {d}. {mon_de} {y} kam es ab ca. {h}:{mm} Uhr deutscher Zeit zu einer Störung von {svc}.",
    "Laut Microsoft war die Störung {id} gegen {h} Uhr behoben, Fehler {code} trat aber weiter auf.",
    "Ein Leser schreibt, dass {svc} {rel_de} wieder ausgefallen ist; Version {ver} hilft nicht.",
    "Die Zustellung war für bis zu {n} Stunden verzögert, teilweise auch {n2} Minuten oder länger.",
    "Veröffentlicht: {dd}.{mo}.{y} {hh}:{mm}:{ss} – Microsoft untersucht das Problem unter {id}.",
    "Nächstes Update bis: {day_de}, {d}. {mon_de} {y}, {hh}:{mm} Uhr",
    "Kurz nach {h12} war alles wieder gut, schreibt ein Kommentator aus der Schweiz.",
    "Wir hatten {rel_de} um {h12} Uhr einen Peak von {n2} Meldungen pro Zeiteinheit.",
    "Bei uns läuft Exchange 2019 on premises, dort ist von {rel_de} nichts zu merken.",
    "Halb {h12} ging dann gar nichts mehr, erst gegen Mittag war {svc} wieder erreichbar.",
]
EN_SENTENCES = [
    "We're investigating an issue where users may be unable to access {svc}; see {id} in the admin center.",
    "Start time: {day_en}, {mon_en} {d}, {y}, at {h12}:{mm} {ap} UTC",
    "Next update by: {day_en}, {mon_en} {d}, {y}, at {h12}:30 {ap} UTC",
    "Published Time: {dd}.{mo}.{y} {hh}:{mm}:{ss}",
    "Users may see delays of up to approximately {n_word} hours or {n2} minutes or longer.",
    "The issue began {rel_en} and was mitigated at {h12}:{mm} {ap} ET, error {code} persisted.",
    "Customers running build {ver} reported failures since {day_en} morning.",
    "{dd}/{mo}/{y} {hh}:{mm}:00 AM (GMT) – NHSmail reference INC{n3} remains open.",
    "Between {hh}:{mm} and {hh2}:{mm} UTC on {mon_en} {d}, a subset of requests failed with HTTP 503.",
    "Our engineers deployed a fix {n} hours ago and expect recovery within 30 minutes.",
]
# Prose without time expressions, so that the density of timestamps is about the sample's
# (one mention per ~350 characters) instead of one in every sentence.
FILLER_DE = [
    "Die Ursache ist aktuell unbekannt, Microsoft untersucht das Problem weiter.",
    "Mehrere Leser berichten von Problemen beim Versand von E-Mails an externe Empfänger.",
    "Administratoren sollten die Meldungen im Admin Center im Auge behalten.",
    "Im Diskussionsbereich gibt es weitere Hinweise auf betroffene Mandanten.",
    "Ob auch lokale Installationen betroffen sind, ist bisher nicht bekannt.",
    "Ein Workaround wurde von Microsoft bisher nicht genannt.",
    "Die Kollegen von Bleeping Computer greifen das Thema ebenfalls auf.",
    "Betroffen scheinen vor allem Kunden mit hybriden Umgebungen zu sein.",
]
FILLER_EN = [
    "We're reviewing service telemetry to isolate the root cause of the impact.",
    "Affected users may be unable to send or receive email messages.",
    "This issue may affect any user attempting to access the service.",
    "We've identified a potential cause and are validating a fix in our test environment.",
    "Further details can be found in the admin center under the incident ID.",
    "Some customers reported that the Outlook desktop client was unable to connect.",
    "The impact is specific to a subset of users served through the affected infrastructure.",
    "Administrators can use the service health dashboard to follow progress.",
]
REL_DE = [
    "gestern Abend",
    "heute Morgen",
    "Montag",
    "vorgestern",
    "dem Morgen",
    "vor 2 Stunden",
    "letzten Sonntag",
    "heute",
]
REL_EN = ["yesterday evening", "this morning", "2 hours ago", "last Sunday", "earlier today", "since Monday"]
WORDS = ["two", "three", "four", "five", "six"]


def _fill(template: str, rng: random.Random) -> str:
    hour = rng.randint(0, 23)
    return template.format(
        rel_de=rng.choice(REL_DE),
        rel_en=rng.choice(REL_EN),
        svc=rng.choice(SERVICES),
        d=rng.randint(1, 28),
        dd=f"{rng.randint(1, 28):02d}",
        mo=f"{rng.randint(1, 12):02d}",
        mon_de=rng.choice(MONTHS_DE),
        mon_en=rng.choice(MONTHS_EN),
        y=rng.choice([2022, 2023, 2024]),
        day_de=rng.choice(DAYS_DE),
        day_en=rng.choice(DAYS_EN),
        h=rng.randint(6, 20),
        h12=rng.randint(1, 12),
        hh=f"{hour:02d}",
        hh2=f"{(hour + 2) % 24:02d}",
        mm=rng.choice(["00", "15", "30", "45", "07", "22"]),
        ss=f"{rng.randint(0, 59):02d}",
        ap=rng.choice(["AM", "PM"]),
        id=f"EX{rng.randint(100000, 999999)}",
        code=rng.choice(["503 5.5.1", "550 5.7.708", "451 4.7.500"]),
        ver=f"{rng.randint(1, 16)}.{rng.randint(0, 9)}.{rng.randint(0, 99)}",
        n=rng.randint(2, 9),
        n2=rng.randint(10, 90),
        n3=rng.randint(10000000, 99999999),
        n_word=rng.choice(WORDS),
    )


def build_documents(target_bytes: int, seed: int = 7) -> list[Record]:
    """Return records totalling at least ``target_bytes`` of UTF-8: the sample, then synthetic posts."""
    rng = random.Random(seed)
    records = [Record(id="sample", text=SAMPLE.read_text(encoding="utf-8"), published="2023-07-18")]
    size = len(records[0].text.encode())
    number = 0
    while size < target_bytes:
        number += 1
        sentences, filler = (DE_SENTENCES, FILLER_DE) if number % 2 else (EN_SENTENCES, FILLER_EN)
        paragraphs = [
            " ".join(
                _fill(rng.choice(sentences), rng) if rng.random() < 0.3 else rng.choice(filler)
                for _ in range(rng.randint(1, 5))
            )
            for _ in range(40)
        ]
        text = (
            f"Störung bei {rng.choice(SERVICES)} ({rng.randint(1, 28)}.{rng.randint(1, 12)}.2023)\n\n"
            + "\n\n".join(paragraphs)
        )
        records.append(
            Record(
                id=f"synthetic-{number}", text=text, published=f"2023-07-{rng.randint(10, 28)}T10:00:00+02:00"
            )
        )
        size += len(text.encode())
    return records


def _timed(work) -> tuple[float, float]:
    """Return (wall seconds, CPU seconds of this process) of one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    work()
    return time.perf_counter() - wall, time.process_time() - cpu


def run_ours(documents: list[Document]) -> None:
    settings = Settings()
    for document in documents:
        find_timestamps(document, settings)


def run_search_dates(texts: list[str]) -> None:
    from dateparser.search import search_dates

    for text in texts:
        search_dates(text, languages=["de", "en"], settings={"RELATIVE_BASE": datetime(2023, 7, 18)})


def time_both(
    documents: list[Document], slices: list[list[str]], repeats: int
) -> dict[str, list[tuple[float, float]]]:
    """Alternate the two tools, so that load from other processes hits both alike.

    search_dates gets a fresh slice each time: repeating one text lets its internal caches
    answer, which production text never does. Ours sees the same documents every time.
    """
    runs: dict[str, list[tuple[float, float]]] = {"ours": [], "search_dates": []}
    for index in range(repeats):
        runs["ours"].append(_timed(partial(run_ours, documents)))
        runs["search_dates"].append(_timed(partial(run_search_dates, slices[index % len(slices)])))
    return runs


def _slices(records: list[Record], limit: int, count: int) -> list[list[str]]:
    """Consecutive slices of about ``limit`` bytes of paragraphs (the first holds the sample)."""
    slices: list[list[str]] = [[]]
    size = 0
    for record in records:
        for paragraph in record.text.split("\n\n"):
            if size >= limit:
                if len(slices) == count:
                    return slices
                slices.append([])
                size = 0
            slices[-1].append(paragraph)
            size += len(paragraph.encode()) + 2
    return slices


def _search_dates_values(text: str) -> set[str]:
    from dateparser.search import search_dates

    found = (
        search_dates(
            text,
            languages=["de", "en"],
            settings={"RELATIVE_BASE": datetime(2023, 7, 18), "PREFER_DATES_FROM": "past"},
        )
        or []
    )
    values = set()
    for matched, moment in found:
        has_clock = any(ch.isdigit() for ch in matched) and (
            ":" in matched or "uhr" in matched.lower() or "am" in matched.lower() or "pm" in matched.lower()
        )
        values.add(moment.isoformat() if has_clock else moment.date().isoformat())
    return values


def _scores(values_ours: set[str], values_theirs: set[str]) -> dict[str, dict]:
    spec = importlib.util.spec_from_file_location("score_gold", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    gold = {"sample": json.loads(GOLD.read_text(encoding="utf-8"))}
    out = {}
    for name, values in (("ours", values_ours), ("search_dates", values_theirs)):
        out[name] = scorer.score(gold, {"sample": {"timestamp": values}})["types"]["timestamp"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=1.2, help="size of the text for our tool (MB)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument(
        "--slice-kb", type=int, default=48, help="size of the slice search_dates runs on (KB)"
    )
    args = parser.parse_args()
    warnings.filterwarnings("ignore")

    records = build_documents(int(args.mb * 1_000_000))
    documents = [segment(r) for r in records]
    total = sum(len(r.text.encode()) for r in records)
    slices = _slices(records, args.slice_kb * 1000, args.repeats)
    slice_bytes = statistics.median(sum(len(t.encode()) for t in texts) for texts in slices)
    print(f"text: {total / 1e6:.2f} MB in {len(records)} documents (sample + synthetic de/en incident prose)")
    print(f"search_dates runs on slices of ~{slice_bytes / 1000:.0f} KB only (a fresh slice per repeat, the")
    print("first holding the sample); its throughput is extrapolated. Repeats alternate the tools;")
    print("medians; the first run of ours is cold.")
    density = sum(len(find_timestamps(d, Settings())) for d in documents[:20]) / sum(
        len(d.text) for d in documents[:20]
    )
    print(f"density: one timestamp per {1 / density:.0f} characters (the sample: one per ~350)")
    runs = time_both(documents, slices, args.repeats)
    rates = {}
    for name, size in (("ours", total), ("search_dates", slice_bytes)):
        wall = statistics.median(r[0] for r in runs[name])
        cpu = statistics.median(r[1] for r in runs[name])
        rates[name] = (size / wall / 1000, size / cpu / 1000)
        listed = ", ".join(f"{w:.2f}" for w, _ in runs[name])
        print(
            f"{name:<12}: {size / 1000:>6.0f} KB, wall median {wall:.2f} s (runs {listed}), CPU median {cpu:.2f} s "
            f"-> {rates[name][0]:.0f} KB/s wall, {rates[name][1]:.0f} KB/s CPU"
        )
    print(
        f"search_dates on all {total / 1e6:.2f} MB would take ~{total / 1000 / rates['search_dates'][0]:.0f} s wall"
    )
    print(
        f"throughput ratio ours / search_dates: {rates['ours'][0] / rates['search_dates'][0]:.0f}x wall, "
        f"{rates['ours'][1] / rates['search_dates'][1]:.0f}x CPU"
    )

    sample = documents[0]
    ours = {m.value for m in find_timestamps(sample, Settings()) if m.value}
    theirs = _search_dates_values(sample.text)
    for name, counts in _scores(ours, theirs).items():
        print(
            f"sample gold, {name:<12}: hits {counts['hits']:>3} fp {counts['false_positives']:>3} "
            f"miss {counts['misses']:>3}  P {counts['precision']}  R {counts['recall']}"
        )


if __name__ == "__main__":
    main()
