"""Score `incident-extract mentions` on the hard time-expression set (`hard_set.jsonl`).

    .venv/bin/python benchmarks/time_expressions/hard_set_score.py [--show-failures]

Positive items are scored as in `score.py` (any timestamp mention matching at the grain);
negatives (`expected` null) are correct when the document yields no timestamp at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from score import matches, run_product  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-failures", action="store_true")
    args = parser.parse_args()
    with (HERE / "hard_set.jsonl").open(encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    values, secs = run_product(rows)
    print(f"product: {len(rows)} documents in {secs:.1f} s")
    failures = []
    for lang in ("de", "en"):
        for kind in ("positive", "negative"):
            group = [r for r in rows if r["lang"] == lang and (r["expected"] is None) == (kind == "negative")]
            ok = 0
            for r in group:
                got = values.get(r["id"], [])
                good = (
                    not got
                    if r["expected"] is None
                    else any(matches(r["expected"], r["grain"], v) for v in got)
                )
                ok += good
                if not good:
                    failures.append((r, got))
            print(f"{lang} {kind:<9} {ok:>3}/{len(group):<3} {100 * ok / max(len(group), 1):5.1f}%")
    if args.show_failures:
        for r, got in failures:
            print(f"{r['id']}\t{r['text']}\t{r['expected']}\t{', '.join(got) or '-'}")


if __name__ == "__main__":
    main()
