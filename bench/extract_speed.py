"""Speed of `cancu extract` (issue #3): MB/s over >= 50 MB of real text, next to a baseline
measured in the same run, and the worst time for any 1 MB input, adversarial ones included.

    python bench/extract_speed.py [--mb 50] [--corpus ../shared/corpus/tvpl-fulltext/docs]

MB are megabytes of UTF-8. The baseline is one `re.finditer` of a bare symbol regex over
the same text: the cheapest possible pass, to put the figure in proportion on a machine
that may be busy. Targets: >= 10 MB/s single process; < 1 s for any 1 MB input.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from pathlib import Path

from cancu.ingest.extract import extract_text, extraction_to_json

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "tvpl-fulltext" / "docs"
BASELINE = re.compile(r"\d{1,6}/[A-ZĐ][A-Za-zĐđ0-9\-/]{0,30}")
MB = 1_000_000


def corpus(folder: Path, target_mb: float) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt files in {folder}")
    out: list[str] = []
    size = 0
    while size < target_mb * MB:
        for t in texts:
            out.append(t)
            size += len(t.encode("utf-8"))
    return out


def adversarial() -> dict[str, str]:
    """1 MB inputs built to hurt regexes and per-match Python code."""
    n = MB
    unit = "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về việc thực hiện; "
    return {
        "digits": "1" * n,
        "digits+slashes": ("12/" * (n // 3)),
        "slashes+hyphens": ("/-" * (n // 2)),
        "symbol-like": ("1/A-" * (n // 4)),
        "so so so": ("số " * (n // 4)),
        "huge line prose": ("Kế hoạch ứng dụng công nghệ thông tin " * (n // 40)),
        "dense citations": (unit * (n // len(unit.encode()))),
        "Luật Luật": ("Luật Đất đai " * (n // 14)),
        "no newlines dates": ("ngày 12/12/2012 " * (n // 17)),
        "parentheses": ("(Tỉnh Quảng Ngãi: " * (n // 20)),
        "whitespace": (" \n" * (n // 2)),
        "urls": ("https://a.vn/" + "x" * 60 + "\n") * (n // 75),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    args = ap.parse_args()

    texts = corpus(args.corpus, args.mb)
    size = sum(len(t.encode("utf-8")) for t in texts) / MB
    extract_text(texts[0][:5000])  # load tables and compile regexes outside the timing

    t0 = time.perf_counter()
    hits = sum(1 for t in texts for _ in BASELINE.finditer(t))
    base = time.perf_counter() - t0

    t0 = time.perf_counter()
    found = 0
    worst_doc = 0.0
    for t in texts:
        a = time.perf_counter()
        found += len(extract_text(t).citations)
        worst_doc = max(worst_doc, (time.perf_counter() - a) / max(len(t.encode("utf-8")) / MB, 1e-9))
    ours = time.perf_counter() - t0

    t0 = time.perf_counter()
    for t in texts[: max(1, len(texts) // 10)]:
        extraction_to_json(extract_text(t))
    json_rate = sum(len(t.encode()) for t in texts[: max(1, len(texts) // 10)]) / MB / (time.perf_counter() - t0)

    print(f"corpus: {len(texts)} texts, {size:.1f} MB from {args.corpus}")
    print(f"baseline re.finditer(bare symbol): {size / base:8.1f} MB/s  ({hits} hits)")
    print(f"cancu extract_text:                {size / ours:8.1f} MB/s  ({found} citations)")
    print(f"extract_text + extraction_to_json: {json_rate:8.1f} MB/s  (10% sample)")
    print(f"worst real document, per MB:       {worst_doc:8.3f} s/MB")

    worst = ("", 0.0)
    for name, text in adversarial().items():
        text = text[: MB]
        a = time.perf_counter()
        extract_text(text)
        d = time.perf_counter() - a
        print(f"  adversarial {name:<20} {len(text.encode()) / MB:5.2f} MB  {d:6.3f} s")
        if d > worst[1]:
            worst = (name, d)
    print(f"worst 1 MB input: {worst[1]:.3f} s ({worst[0]})  target < 1 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
