"""Score `incident-extract mentions` (and plain `dateparser.parse` as a baseline) on the
time-expression set in this folder.

    .venv/bin/python benchmarks/time_expressions/score.py [--lang de|en] [--show-failures]
        [--no-product] [--no-baseline] [--baseline-on text|expression] [--strict-day] [--json OUT]

The product is run as the evaluation runs it: the expressions become contract input records
(`id`, `text`, `published`; no `lang`) in a temporary JSONL file, and
`.venv/bin/incident-extract mentions FILE --format jsonl --prefer-dates-from future` is run on it.
An expression counts as correct when any `timestamp` mention of its document matches the expected
value at the expected grain (see README.md). Only the standard library and dateparser are used.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, date, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
CLI = ROOT / ".venv" / "bin" / "incident-extract"
LANGS = ("de", "en")


def load(langs: tuple[str, ...]) -> list[dict]:
    rows = []
    for lang in langs:
        with (HERE / f"expressions_{lang}.jsonl").open(encoding="utf-8") as lines:
            rows.extend(json.loads(line) for line in lines if line.strip())
    return rows


def parse_dt(value: str) -> datetime | None:
    try:
        return datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None


def matches(expected: str, grain: str, value: str, strict_day: bool = False) -> bool:
    """Does a predicted timestamp value match the expected value at the expected grain?"""
    value = value.strip()
    if grain in ("year", "month"):
        return value[: len(expected)] == expected
    if grain == "week":
        if value == expected:
            return True
        try:
            year, week, _ = date.fromisoformat(value[:10]).isocalendar()
        except ValueError:
            return False
        return f"{year}-W{week:02d}" == expected
    if grain == "day":
        return value == expected if strict_day else value[:10] == expected and len(value) >= 10
    want, got = parse_dt(expected), parse_dt(value)
    if want is None or got is None or len(value) < 16:
        return False
    if want.tzinfo is None:  # wall-clock minute, whatever the predicted offset
        return got.strftime("%Y-%m-%dT%H:%M") == want.strftime("%Y-%m-%dT%H:%M")
    if got.tzinfo is None:
        return False
    utc = UTC
    return got.astimezone(utc).strftime("%Y-%m-%dT%H:%M") == want.astimezone(utc).strftime("%Y-%m-%dT%H:%M")


def run_product(rows: list[dict]) -> tuple[dict[str, list[str]], float]:
    """Run the CLI once on all expressions; return the timestamp values per document id."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "time_expressions.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for row in rows:
                record = {"id": row["id"], "text": row["text"], "published": row["published"]}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        started = time.perf_counter()
        proc = subprocess.run(
            [str(CLI), "mentions", str(path), "--format", "jsonl", "--prefer-dates-from", "future"],
            capture_output=True,
            text=True,
            cwd=ROOT,
            check=False,
        )
        elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"incident-extract failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    values: dict[str, list[str]] = defaultdict(list)
    for line in proc.stdout.splitlines():
        if not line.strip():
            continue
        mention = json.loads(line)
        if mention.get("type") == "timestamp" and mention.get("value") is not None:
            values[str(mention["doc"])].append(str(mention["value"]))
    return values, elapsed


def run_baseline(rows: list[dict], on: str) -> tuple[dict[str, list[str]], float]:
    """Plain `dateparser.parse` on the expression (or the whole text), future preference."""
    import dateparser

    values: dict[str, list[str]] = {}
    started = time.perf_counter()
    for row in rows:
        base = datetime.fromisoformat(row["published"]).replace(tzinfo=None)
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
        try:
            parsed = dateparser.parse(row[on], languages=[row["lang"]], settings=settings)
        except Exception:  # a crash on one expression counts as no answer
            parsed = None
        values[row["id"]] = [] if parsed is None else [parsed.isoformat()]
    return values, time.perf_counter() - started


def evaluate(rows: list[dict], values: dict[str, list[str]], strict_day: bool) -> dict[str, bool]:
    return {
        row["id"]: any(
            matches(row["expected"], row["grain"], v, strict_day) for v in values.get(row["id"], [])
        )
        for row in rows
    }


def table(rows: list[dict], systems: dict[str, dict[str, bool]]) -> list[str]:
    names = list(systems)
    lines = [f"{'lang':<4} {'category':<22} {'n':>4} " + " ".join(f"{n:>9}" for n in names)]

    def line(lang: str, cat: str, group: list[dict]) -> str:
        cells = []
        for name in names:
            ok = sum(systems[name][r["id"]] for r in group)
            cells.append(f"{100 * ok / len(group):8.1f}%")
        return f"{lang:<4} {cat:<22} {len(group):>4} " + " ".join(cells)

    for lang in LANGS:
        mine = [r for r in rows if r["lang"] == lang]
        if not mine:
            continue
        by_cat: dict[str, list[dict]] = defaultdict(list)
        for r in mine:
            by_cat[r["category"]].append(r)
        for cat in sorted(by_cat):
            lines.append(line(lang, cat, by_cat[cat]))
        lines.append(line(lang, "ALL", mine))
        day_minute = [r for r in mine if r["grain"] in ("day", "minute")]
        lines.append(line(lang, "ALL day+minute grain", day_minute))
        lines.append("")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=LANGS, help="only this language")
    parser.add_argument("--show-failures", action="store_true", help="list the product's failures")
    parser.add_argument("--no-product", action="store_true", help="score the dateparser baseline only")
    parser.add_argument("--no-baseline", action="store_true", help="score the product only")
    parser.add_argument(
        "--baseline-on",
        choices=("expression", "text"),
        default="expression",
        help="what the baseline parses: the expression alone (default) or the whole text",
    )
    parser.add_argument(
        "--strict-day",
        action="store_true",
        help="a day must be predicted as a date alone (as score_gold.py does for required dates)",
    )
    parser.add_argument("--json", type=Path, help="write per-expression results (JSONL) here")
    args = parser.parse_args()

    rows = load((args.lang,) if args.lang else LANGS)
    systems: dict[str, dict[str, bool]] = {}
    outputs: dict[str, dict[str, list[str]]] = {}
    if not args.no_product:
        outputs["product"], secs = run_product(rows)
        systems["product"] = evaluate(rows, outputs["product"], args.strict_day)
        print(f"product: {len(rows)} documents in {secs:.1f} s")
    if not args.no_baseline:
        outputs["dateparser"], secs = run_baseline(rows, args.baseline_on)
        systems["dateparser"] = evaluate(rows, outputs["dateparser"], args.strict_day)
        print(f"dateparser.parse on the {args.baseline_on}: {secs:.1f} s")
    if not systems:
        parser.error("nothing to score")
    print()
    print("\n".join(table(rows, systems)))

    if "product" in systems:
        product = outputs["product"]
        silent = sum(1 for r in rows if not product.get(r["id"]))
        several = sum(1 for r in rows if len(set(product.get(r["id"], []))) > 1)
        print(f"product: {silent} documents without a timestamp, {several} with more than one value")
        if args.show_failures:
            print("\nfailures (id, category, published, text, expected, predicted):")
            for r in rows:
                if not systems["product"][r["id"]]:
                    got = ", ".join(product.get(r["id"], [])) or "-"
                    print(
                        f"{r['id']}\t{r['category']}\t{r['published']}\t{r['text']}\t{r['expected']}\t{got}"
                    )
    if args.json:
        with args.json.open("w", encoding="utf-8") as out:
            for r in rows:
                item = {"id": r["id"], "category": r["category"], "expected": r["expected"]}
                for name in systems:
                    item[name] = {"correct": systems[name][r["id"]], "values": outputs[name].get(r["id"], [])}
                out.write(json.dumps(item, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
