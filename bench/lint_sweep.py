"""Lint the căn cứ preamble of every real document as of its own date (issue #6).

    /tmp/venv/bin/python bench/lint_sweep.py [--shared ../shared] [--list]

The texts of `../shared/corpus/tvpl-fulltext/docs` are published documents: what they cite
was right when they were signed, so every problem `cancu.graph.lint` reports on their
preambles is either a false alarm or an error in the text itself (a wrong date written
by the drafter, a typo in a number). `bench/lint_eval.py` measures false alarms on the
citations the KB can check exactly (dated, resolved); this sweep takes every citation as
it comes, including laws cited by name and year and versions the KB does not hold.

It prints the problems per kind next to the number of citations read; `--list` prints
each problem (file, kind, citation, fix) to judge them one by one.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from cancu.graph.catalog import preamble
from cancu.graph.kb import build_default_kb
from cancu.graph.lint import lint

REPO = Path(__file__).resolve().parent.parent


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--list", action="store_true", help="print every problem")
    args = ap.parse_args(list(argv) if argv is not None else None)
    root = Path(args.shared) / "corpus" / "tvpl-fulltext"
    kb = build_default_kb(None)
    kinds: Counter[str] = Counter()
    citations = documents = 0
    lines: list[str] = []
    with (root / "manifest.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        text = (root / row["file"]).read_text(encoding="utf-8")
        as_of = dt.date.fromisoformat(row["issue_date"]) if row["issue_date"] else None
        report = lint(kb, preamble(text), as_of=as_of)
        documents += 1
        citations += len(report.citations)
        for cit in report.citations:
            for p in cit.problems:
                kinds[p.kind] += 1
                lines.append(f"{row['file']}\t{p.kind}\t{' '.join(cit.text.split())[:100]}\t{p.fix or ''}")
    if args.list:
        for line in sorted(lines):
            print(line)
    total = sum(kinds.values())
    print(f"{documents} documents, {citations} citations in their preambles: {total} problems "
          f"({total / max(1, citations):.1%})", file=sys.stderr if args.list else sys.stdout)
    for kind, n in kinds.most_common():
        print(f"  {kind:<24} {n}", file=sys.stderr if args.list else sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
