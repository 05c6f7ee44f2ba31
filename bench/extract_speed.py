"""Speed of `cancu extract` (issue #3): MB/s over >= 50 MB of real text, next to a baseline
measured in the same run, and the worst time for any 1 MB input, adversarial ones included.

    python bench/extract_speed.py [--mb 50] [--corpus ../shared/corpus/tvpl-fulltext/docs]
                                  [--repeat 3]

MB are megabytes of UTF-8; every adversarial input is cut to exactly 1 MB. The baseline is
one `re.finditer` of a bare symbol regex over the same text: the cheapest possible pass, to
put the figure in proportion on a machine that may be busy. With `--repeat N` every figure
is the median of N runs (other jobs on the machine make single runs noisy). The worst real
document and the worst adversarial input are named. Targets: >= 10 MB/s single process;
< 1 s for any 1 MB input.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from cancu.ingest.extract import extract_text, extraction_to_json

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "tvpl-fulltext" / "docs"
BASELINE = re.compile(r"\d{1,6}/[A-ZĐ][A-Za-zĐđ0-9\-/]{0,30}")
MB = 1_000_000
# Per-MB times of documents smaller than this are mostly fixed costs and timer noise.
MIN_DOC_BYTES = 20_000


def corpus(folder: Path, target_mb: float) -> list[tuple[str, str]]:
    """(file name, text) pairs, the folder repeated until it holds `target_mb`."""
    docs = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.txt"))]
    if not docs:
        sys.exit(f"no .txt files in {folder}")
    out: list[tuple[str, str]] = []
    size = 0
    while size < target_mb * MB:
        for doc in docs:
            out.append(doc)
            size += len(doc[1].encode("utf-8"))
    return out


def one_mb(unit: str) -> str:
    """`unit` repeated to exactly 1 MB of UTF-8 (cut at a character boundary)."""
    text = unit * (MB // len(unit.encode("utf-8")) + 1)
    return text.encode("utf-8")[:MB].decode("utf-8", errors="ignore")


def adversarial() -> dict[str, str]:
    """1 MB inputs built to hurt regexes and per-match Python code."""
    unit = "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về việc thực hiện; "
    units = {
        "digits": "1",
        "digits+slashes": "12/",
        "slashes+hyphens": "/-",
        "symbol-like": "1/A-",
        "so so so": "số ",
        "huge line prose": "Kế hoạch ứng dụng công nghệ thông tin ",
        "dense citations": unit,
        "Luật Luật": "Luật Đất đai ",
        "no newlines dates": "ngày 12/12/2012 ",
        "parentheses": "(Tỉnh Quảng Ngãi: ",
        "whitespace": " \n",
        "urls": "https://a.vn/" + "x" * 60 + "\n",
    }
    return {name: one_mb(u) for name, u in units.items()}


def timed(fn: Callable[[], object], repeat: int) -> float:
    """Median wall time of `repeat` calls."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=50.0)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--repeat", type=int, default=1, help="runs per figure; the median is shown")
    args = ap.parse_args()
    repeat = max(1, args.repeat)

    docs = corpus(args.corpus, args.mb)
    texts = [t for _, t in docs]
    size = sum(len(t.encode("utf-8")) for t in texts) / MB
    extract_text(texts[0][:5000])  # load tables and compile regexes outside the timing

    hits = sum(1 for t in texts for _ in BASELINE.finditer(t))
    base = timed(lambda: [sum(1 for _ in BASELINE.finditer(t)) for t in texts], repeat)
    found = sum(len(extract_text(t).citations) for t in texts[: len(set(n for n, _ in docs))])
    ours = timed(lambda: [extract_text(t) for t in texts], repeat)
    sample = texts[: max(1, len(texts) // 10)]
    sample_mb = sum(len(t.encode("utf-8")) for t in sample) / MB
    with_json = timed(lambda: [extraction_to_json(extract_text(t)) for t in sample], repeat)

    # Worst real document per MB: each distinct document timed `repeat` times, median; small
    # documents are listed apart (their per-MB time is mostly the fixed cost of a header).
    worst_doc = worst_small = ("", 0.0, 0)
    for name, text in dict(docs).items():
        nbytes = len(text.encode("utf-8"))
        per_mb = timed(lambda text=text: extract_text(text), repeat) / (nbytes / MB)
        if nbytes >= MIN_DOC_BYTES and per_mb > worst_doc[1]:
            worst_doc = (name, per_mb, nbytes)
        if nbytes < MIN_DOC_BYTES and per_mb > worst_small[1]:
            worst_small = (name, per_mb, nbytes)

    print(f"corpus: {len(texts)} texts, {size:.1f} MB from {args.corpus}"
          f" (median of {repeat} run{'s' if repeat > 1 else ''})")
    print(f"baseline re.finditer(bare symbol): {size / base:8.1f} MB/s  ({hits} hits)")
    print(f"cancu extract_text:                {size / ours:8.1f} MB/s  ({found} citations in the"
          f" distinct texts; {base / ours:.2f}x the baseline's speed)")
    print(f"extract_text + extraction_to_json: {sample_mb / with_json:8.1f} MB/s  (10% sample)")
    for label, (name, per_mb, nbytes) in (("", worst_doc), (" (small)", worst_small)):
        print(f"worst real document{label + ',':9s} per MB: {per_mb:8.3f} s/MB  ({name}, {nbytes / 1000:.0f} KB;"
              f" documents {'>=' if not label else '<'} {MIN_DOC_BYTES // 1000} KB)")

    worst = ("", 0.0)
    for name, text in adversarial().items():
        d = timed(lambda text=text: extract_text(text), repeat)
        print(f"  adversarial {name:<20} {len(text.encode('utf-8')) / MB:5.2f} MB  {d:6.3f} s")
        if d > worst[1]:
            worst = (name, d)
    print(f"worst 1 MB input: {worst[1]:.3f} s ({worst[0]})  target < 1 s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
