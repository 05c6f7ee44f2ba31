"""Search benchmark: build time, index size and query latency on a synthetic national corpus.

    python bench/search.py                        # 100,000 documents, both engines
    python bench/search.py --n 10000
    python bench/search.py --backends tantivy     # one engine (the baseline always runs)

The corpus is drawn from the real corpora's distributions: types, issuers and titles from
the national catalog (../shared/corpus/NLP-TraCuuPhapDienVN/documents.csv), full texts
from ../shared/corpus/tvpl-fulltext/docs (about one document in ten carries one, of the
real length), citation contexts written the way căn cứ lines are ("Căn cứ Nghị định số
.. ngày .. của .. về <title>;"), plus provincial plans and decisions (about a third, as
in a national database with local documents). Titles are recombined from real ones so
that the index sees realistic vocabulary without 20 copies of each title.

Both engines (graph/search.py: whoosh; graph/search_tantivy.py: tantivy) index the same
records with the same analysis and answer the same query plans; they are reported side by
side, each next to a plain baseline measured in the same run: whoosh with its default
analyzer (no segmentation, no folding, no symbol keys, no facets) over the same fields.
Each engine's build starts with empty analysis caches. The query mix runs `--repeat`
times, engines interleaved, query-time caches emptied before each run; a query's latency
is the median of its runs (the machine is shared). Latency includes everything `SearchIndex.search` does: parsing, the engine,
facets, and snippets. Targets (issue #5): p95 <= 50 ms and build <= 10 minutes at
100,000.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cancu.graph import analysis, vocab
from cancu.graph import search as search_module
from cancu.graph.model import Document
from cancu.graph.search import BACKENDS, MAX_TEXT_CHARS, SearchIndex
from cancu.graph.text import fold
from cancu.graph.validity import status_on

SHARED = Path(os.environ.get("CANCU_SHARED", Path(__file__).resolve().parents[2] / "shared"))
CATALOG = SHARED / "corpus" / "NLP-TraCuuPhapDienVN" / "documents.csv"
FULLTEXT = SHARED / "corpus" / "tvpl-fulltext" / "docs"

TYPE_CODES = {"Luật": None, "Bộ luật": None, "Nghị định": "NĐ", "Thông tư": "TT",
              "Thông tư liên tịch": "TTLT", "Quyết định": "QĐ", "Nghị quyết": "NQ",
              "Pháp lệnh": "PL", "Chỉ thị": "CT", "Kế hoạch": "KH", "Công văn": None}
LOCAL_TYPES = [("Kế hoạch", "KH", 0.35), ("Quyết định", "QĐ", 0.4), ("Công văn", None, 0.15),
               ("Nghị quyết", "NQ", 0.05), ("Chỉ thị", "CT", 0.05)]
CITE_VERBS = ["Căn cứ", "Thực hiện", "Triển khai", "Theo", "Căn cứ áp dụng:"]


@dataclass
class SyntheticKB:
    """The knowledge-base read API over generated documents, in memory."""

    dir: Path
    version: int = 1
    docs: dict[str, Document] = field(default_factory=dict)
    contexts: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    auth: dict[str, int] = field(default_factory=dict)
    by_symbol: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def documents(self) -> Iterator[Document]:
        return iter(self.docs.values())

    def get(self, id: str) -> Document | None:
        return self.docs.get(id)

    def __len__(self) -> int:
        return len(self.docs)

    def lookup(self, text: str) -> list[str]:
        from cancu.graph.symbol import parse_symbol

        sym = parse_symbol(text)
        return list(self.by_symbol.get(fold(sym.canonical()), [])) if sym else []

    def citation_contexts(self, id: str) -> list[str]:
        return self.contexts.get(id, [])

    def authority(self, id: str) -> int:
        return self.auth.get(id, 0)

    def status(self, id: str, on: dt.date | None = None) -> str | None:
        doc = self.docs.get(id)
        return status_on(doc, (), on) if doc else None


def _load_real() -> tuple[list[dict[str, str]], list[str]]:
    with CATALOG.open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["title"]]
    texts = [p.read_text(encoding="utf-8") for p in sorted(FULLTEXT.glob("*.txt"))]
    return rows, texts


def _title(rng: random.Random, titles: list[str]) -> str:
    """A real title, half the time with its tail swapped for another title's tail."""
    base = rng.choice(titles)
    if rng.random() < 0.5:
        other = rng.choice(titles)
        cut_a = base.find(" ", len(base) // 2)
        cut_b = other.find(" ", len(other) // 2)
        if cut_a > 0 and cut_b > 0:
            base = base[:cut_a] + other[cut_b:]
    return base


def generate(n: int, seed: int = 5) -> tuple[SyntheticKB, list[tuple[str, dict]]]:
    """A KB of `n` documents and the fixed query mix [(kind, {query, filters})]."""
    rng = random.Random(seed)
    rows, texts = _load_real()
    titles = [r["title"] for r in rows]
    type_weights = Counter(r["doc_type"] for r in rows)
    issuer_by_type: dict[str, list[str]] = defaultdict(list)
    for r in rows:
        if r["issuer"]:
            issuer_by_type[r["doc_type"]].append(r["issuer"])
    provinces = [p["name"] for p in vocab.provinces()] or ["Quảng Ngãi", "Hà Nội", "Đà Nẵng"]
    kb = SyntheticKB(Path(tempfile.mkdtemp(prefix="cancu-bench-")))
    used: set[str] = set()
    types, weights = zip(*type_weights.items(), strict=True)
    for _ in range(n):
        year = rng.randint(1995, 2025)
        date = dt.date(year, rng.randint(1, 12), rng.randint(1, 28))
        number = rng.randint(1, 3000)
        if rng.random() < 0.33:  # provincial document
            dtype, code, _ = rng.choices(LOCAL_TYPES, weights=[w for *_, w in LOCAL_TYPES])[0]
            province = rng.choice(provinces)
            pslug = fold(province).replace(" ", "-")
            if code is None:
                symbol = f"{number}/UBND-{rng.choice(['VX', 'KT', 'NC', 'KSTTHC', 'CNXD'])}"
                doc_id = f"ubnd.{pslug}/{year}/cv/{number}"
            else:
                symbol = f"{number}/{code}-UBND"
                doc_id = f"ubnd.{pslug}/{year}/{fold(code).lower()}/{number}"
            issuer, issuer_name, level = "UBND", f"Ủy ban nhân dân tỉnh {province}", "province"
        else:
            dtype = rng.choices(types, weights=weights)[0]
            issuer_name = rng.choice(issuer_by_type.get(dtype) or ["Chính phủ"])
            found = vocab.issuer_by_name(issuer_name)
            issuer = found.code if found else "CP"
            level = found.level if found else "central"
            province = None
            code = TYPE_CODES.get(dtype)
            if dtype in ("Luật", "Bộ luật", "Pháp lệnh"):
                symbol = f"{number % 120 + 1}/{year}/QH{13 + (year - 2011) // 5 if year > 2011 else 12}"
                doc_id = f"qh/{year}/{number % 120 + 1}"
            elif code:
                symbol = f"{number:02d}/{year}/{code}-{issuer}"
                doc_id = f"{fold(issuer).lower()}/{year}/{fold(code).lower()}/{number}"
            else:
                symbol = f"{number}/{issuer}-VP"
                doc_id = f"{fold(issuer).lower()}/{year}/cv/{number}"
        if doc_id in used:
            continue
        used.add(doc_id)
        text = None
        if rng.random() < 0.1:
            text = rng.choice(texts)
        status = rng.choices([None, "Còn hiệu lực", "Hết hiệu lực một phần", "Hết hiệu lực toàn bộ"],
                             weights=[0.6, 0.25, 0.1, 0.05])[0]
        doc = Document(doc_id, doc_type=dtype, symbol=symbol, issuer=issuer, issuer_name=issuer_name,
                       level=level, province=province, date=date, title=_title(rng, titles),
                       status=status, text=text)
        kb.docs[doc_id] = doc
        kb.by_symbol[fold(symbol)].append(doc_id)
    ids = list(kb.docs)
    # Citation contexts: a third of the documents are cited, a few of them very often.
    for doc_id in rng.sample(ids, len(ids) // 3):
        doc = kb.docs[doc_id]
        k = min(int(rng.paretovariate(1.3)), 12)
        kb.auth[doc_id] = k
        for _ in range(k):
            verb = rng.choice(CITE_VERBS)
            when = f"{doc.date.day:02d}/{doc.date.month}/{doc.date.year}" if doc.date else ""
            kb.contexts[doc_id].append(
                f"{verb} {doc.doc_type} số {doc.symbol} ngày {when} của {doc.issuer_name} về "
                f"{(doc.title or '')[:160]};")
    return kb, _queries(rng, kb, titles)


def _words(rng: random.Random, text: str, k: int) -> str:
    words = text.split()
    if len(words) <= k:
        return text
    start = rng.randrange(0, len(words) - k)
    return " ".join(words[start : start + k])


def _queries(rng: random.Random, kb: SyntheticKB, titles: list[str], per_kind: int = 40) -> list[tuple[str, dict]]:
    docs = list(kb.docs.values())
    cited = [d for d in docs if kb.contexts.get(d.id)]
    out: list[tuple[str, dict]] = []
    for _ in range(per_kind):
        d = rng.choice(docs)
        out.append(("symbol", {"query": d.symbol}))
        sym = d.symbol or ""
        num, _, rest = sym.partition("/")
        out.append(("symbol_loose", {"query": fold(f"{rest.split('-')[0] if '/' not in rest else rest.split('/')[-1].split('-')[0]} {num} {d.date.year if d.date else ''}").lower()}))
        t = d.title or rng.choice(titles)
        out.append(("title_accented", {"query": _words(rng, t, rng.randint(3, 6))}))
        out.append(("title_unaccented", {"query": fold(_words(rng, t, rng.randint(3, 6)))}))
        out.append(("abbreviation", {"query": rng.choice(["ứng dụng CNTT", "giải quyết TTHC", "CSDL quốc gia",
                                                          "bảo đảm ATTT", "UBND tỉnh kế hoạch", "CĐS"])}))
        out.append(("filtered", {"query": _words(rng, t, 3), "doc_type": rng.choice(["Thông tư", "Nghị định", "Kế hoạch"]),
                                 "year_from": 2015, "year_to": 2025}))
        if cited:
            c = rng.choice(cited)
            out.append(("context", {"query": fold(_words(rng, c.title or "", 4))}))
        out.append(("common_word", {"query": rng.choice(["quy định", "hướng dẫn", "thong tu", "ke hoach", "quản lý"])}))
    return out


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, round(p / 100 * (len(values) - 1))))
    return values[k]


def _dir_size(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def build_baseline(kb: SyntheticKB, path: Path) -> float:
    """whoosh with its default analyzer: what one gets without Vietnamese analysis."""
    from whoosh import fields, index

    schema = fields.Schema(id=fields.ID(stored=True, unique=True), symbol=fields.TEXT,
                           title=fields.TEXT, ctx=fields.TEXT, text=fields.TEXT)
    path.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    ix = index.create_in(str(path), schema)
    w = ix.writer(limitmb=256)
    for d in kb.documents():
        w.add_document(id=d.id, symbol=d.symbol or "", title=d.title or "",
                       ctx="\n".join(kb.citation_contexts(d.id)), text=(d.text or "")[:MAX_TEXT_CHARS])
    w.commit()
    return time.perf_counter() - started


def run_baseline(path: Path, queries: list[tuple[str, dict]]) -> dict[str, list[float]]:
    from whoosh import index
    from whoosh.qparser import MultifieldParser

    ix = index.open_dir(str(path))
    parser = MultifieldParser(["symbol", "title", "ctx", "text"], ix.schema)
    out: dict[str, list[float]] = defaultdict(list)
    for kind, q in queries:
        started = time.perf_counter()
        with ix.searcher() as s:
            try:
                results = s.search(parser.parse(q["query"]), limit=10)
                [h["id"] for h in results]
                len(results)
            except Exception:  # noqa: BLE001 - the baseline has no error handling; time it anyway
                pass
        out[kind].append((time.perf_counter() - started) * 1000)
    return out


def run_cancu(index: SearchIndex, queries: list[tuple[str, dict]]) -> dict[str, list[float]]:
    out: dict[str, list[float]] = defaultdict(list)
    for kind, q in queries:
        args = dict(q)
        text = args.pop("query")
        started = time.perf_counter()
        index.search(text, limit=10, **args)
        out[kind].append((time.perf_counter() - started) * 1000)
    return out


def _median_runs(runs: list[dict[str, list[float]]]) -> dict[str, list[float]]:
    """Per query, the median of its repeated runs (other processes share the machine: one
    slow run of a query is noise, a query slow in every run is not)."""
    out: dict[str, list[float]] = {}
    for kind in runs[0]:
        out[kind] = [statistics.median(vals) for vals in zip(*(r[kind] for r in runs), strict=True)]
    return out


def _fresh_caches() -> None:
    """Forget analysis caches so each engine's build pays the full analysis cost."""
    analysis.crf_words.cache_clear()
    analysis._analyze.cache_clear()
    analysis.fold_syllable.cache_clear()


def _cold_query_caches() -> None:
    """Forget query-time caches (segmented queries, snippet texts) before each run of the
    mix, so repeated runs do not turn into cache hits."""
    analysis.crf_words.cache_clear()
    search_module._snippet_keys.cache_clear()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=100_000, help="documents (default 100000)")
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--backends", default=",".join(BACKENDS),
                    help=f"comma-separated engines to measure (default {','.join(BACKENDS)})")
    ap.add_argument("--repeat", type=int, default=3,
                    help="runs of the query mix; each query's latency is its median (default 3)")
    ap.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    ap.add_argument("--keep", action="store_true", help="keep the index directories")
    args = ap.parse_args(argv)
    backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    for b in backends:
        if b not in BACKENDS:
            ap.error(f"unknown backend {b!r} (have {', '.join(BACKENDS)})")

    t0 = time.perf_counter()
    kb, queries = generate(args.n, args.seed)
    gen_s = time.perf_counter() - t0
    with_text = sum(1 for d in kb.documents() if d.text)
    print(f"corpus: {len(kb)} documents ({with_text} with full text, "
          f"{sum(1 for v in kb.contexts.values() if v)} cited), generated in {gen_s:.1f} s; "
          f"{len(queries)} queries x {args.repeat} runs", flush=True)
    analysis.crf_words("nạp mô hình tách từ")  # load the segmenter model outside the timings

    engines: dict[str, SearchIndex] = {}
    build_s: dict[str, float] = {}
    size_mb: dict[str, float] = {}
    for b in backends:
        _fresh_caches()
        t0 = time.perf_counter()
        engines[b] = SearchIndex.open(kb, backend=b)
        build_s[b] = time.perf_counter() - t0
        size_mb[b] = _dir_size(engines[b].path) / 1e6
        print(f"{b} build: {build_s[b]:.1f} s, index {size_mb[b]:.1f} MB", flush=True)

    base_path = kb.dir / "baseline"
    build_s["baseline"] = build_baseline(kb, base_path)
    size_mb["baseline"] = _dir_size(base_path) / 1e6
    print(f"baseline build: {build_s['baseline']:.1f} s, index {size_mb['baseline']:.1f} MB", flush=True)

    for b in backends:  # warm-up: caches, OS page cache
        run_cancu(engines[b], queries[:20])
    run_baseline(base_path, queries[:20])
    runs: dict[str, list[dict[str, list[float]]]] = defaultdict(list)
    for _ in range(max(1, args.repeat)):  # engines interleaved, so load spikes hit all alike
        for b in backends:
            _cold_query_caches()
            runs[b].append(run_cancu(engines[b], queries))
        runs["baseline"].append(run_baseline(base_path, queries))
    lat = {name: _median_runs(r) for name, r in runs.items()}

    columns = [*backends, "baseline"]
    report: dict[str, object] = {
        "n": len(kb), "with_text": with_text, "queries": len(queries), "repeat": args.repeat,
        "build_s": {c: round(build_s[c], 1) for c in columns},
        "index_mb": {c: round(size_mb[c], 1) for c in columns},
        "latency_ms": {},
    }
    print()
    print(f"{'':<20}" + "".join(f"{c:>24}" for c in columns))
    print(f"{'build (s)':<20}" + "".join(f"{build_s[c]:>24.1f}" for c in columns))
    print(f"{'index (MB)':<20}" + "".join(f"{size_mb[c]:>24.1f}" for c in columns))
    print(f"\nlatency (ms) p50/p95/p99, single thread, per query the median of {args.repeat} runs")
    kinds = list(dict.fromkeys(k for k, _ in queries)) + ["ALL"]
    for kind in kinds:
        row: dict[str, list[float]] = {}
        for c in columns:
            vals = [v for vs in lat[c].values() for v in vs] if kind == "ALL" else lat[c][kind]
            row[c] = [round(_pct(vals, p), 1) for p in (50, 95, 99)]
        report["latency_ms"][kind] = row  # type: ignore[index]
        print(f"  {kind:<18}" + "".join(f"{'/'.join(f'{v:g}' for v in row[c]):>24}" for c in columns))
    print("\ntargets at 100,000: p95 <= 50 ms, build <= 600 s")
    for b in backends:
        p95 = report["latency_ms"]["ALL"][b][1]  # type: ignore[index]
        ok = p95 <= 50 and build_s[b] <= 600
        print(f"  {b:<8} ALL p95 = {p95} ms, build = {build_s[b]:.0f} s"
              f"{'  (meets both)' if ok else ''}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(kb.dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
