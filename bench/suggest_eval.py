"""Leave-one-document-out evaluation of `cancu.graph.suggest` (issue #6).

    /tmp/venv/bin/python bench/suggest_eval.py [--shared ../shared] [--limit N] [--verbose]

The KB is the default one (national catalog + seeds, from `data/`) plus the head (header
and "Căn cứ" preamble) of every real document of `../shared/corpus/tvpl-fulltext/docs`,
read by the extractor, so that the KB has seen how real documents choose their bases.

For each evaluation document D:
1. D's own source is withdrawn from the KB (`remove_source`), and a read-only view hides
   D's node and every edge touching it (the catalog knows D too: a document being drafted
   is known to nobody). The Suggester is built on that view.
2. Queries: seed 000's eight tasks (task text without its "x.1. Căn cứ áp dụng" line,
   issuer VP, province Quảng Ngãi); for the corpus documents their title and issuer.
   `as_of` is D's date.
3. Gold: the `based_on` targets D's text asserts (per task for the seed, matched on the
   task title without its number), counting only the ones the KB still knows without D
   and not dated after D (a later target is a wrong resolution: see `known_gold`).
It reports recall@1/5/10 and MRR (macro over queries with at least one known gold base),
next to a baseline (plain BM25 on titles, same as-of filter), the same for the shipped KB
alone (`shipped`: what an installation suggests from, its gold the căn cứ the catalog
resolved), and suggest latency p50/p95 on the national-catalog KB (the default KB, no
corpus texts).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import statistics
import sys
import time
from collections.abc import Generator, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cancu.graph.catalog import preamble as head_of  # header and căn cứ preamble
from cancu.graph.citation import format_citation
from cancu.graph.kb import KnowledgeBase, build_default_kb
from cancu.graph.model import Document, Edge, Relation
from cancu.graph.suggest import Suggester, terms

REPO = Path(__file__).resolve().parent.parent
EVAL_TYPES = ("Nghị định", "Thông tư", "Thông tư liên tịch", "Quyết định", "Nghị quyết", "Chỉ thị")
SEED_KEY = "package:seeds/000_42d6680bc939e224.txt"
SEED_ISSUER = "Văn phòng Ủy ban nhân dân"
SEED_PROVINCE = "Quảng Ngãi"
SEED_DATE = dt.date(2021, 8, 31)  # "ngày    tháng 8 năm 2021": the blank day of a draft
KS = (1, 5, 10)


class HiddenView:
    """The KB without one node: what a drafter of that document could know."""

    def __init__(self, kb: KnowledgeBase, hidden: set[str]) -> None:
        self.kb, self.hidden = kb, hidden
        self.version = kb.version

    def documents(self) -> Iterator[Document]:
        return (d for d in self.kb.documents() if d.id not in self.hidden)

    def get(self, doc_id: str) -> Document | None:
        return None if doc_id in self.hidden else self.kb.get(doc_id)

    def edges_from(self, doc_id: str) -> list[Edge]:
        if doc_id in self.hidden:
            return []
        return [e for e in self.kb.edges_from(doc_id) if e.target not in self.hidden]

    def edges_to(self, doc_id: str) -> list[Edge]:
        if doc_id in self.hidden:
            return []
        return [e for e in self.kb.edges_to(doc_id) if e.source not in self.hidden]

    def lookup(self, text: str) -> list[str]:
        return [i for i in self.kb.lookup(text) if i not in self.hidden]


@dataclass
class Query:
    doc: str  # evaluation document (file name)
    label: str
    text: str
    issuer: str | None
    province: str | None
    as_of: dt.date | None
    gold: set[str] = field(default_factory=set)


@dataclass
class Scores:
    hits: dict[int, list[float]] = field(default_factory=lambda: {k: [] for k in KS})
    rr: list[float] = field(default_factory=list)

    def add(self, ranked: list[str], gold: set[str]) -> None:
        for k in KS:
            self.hits[k].append(len(gold & set(ranked[:k])) / len(gold))
        rank = next((n for n, i in enumerate(ranked, 1) if i in gold), None)
        self.rr.append(1.0 / rank if rank else 0.0)

    def line(self, name: str) -> str:
        n = len(self.rr)
        parts = [f"recall@{k}={statistics.fmean(self.hits[k]):.3f}" for k in KS] if n else []
        return f"{name:<22} n={n:<4} " + "  ".join(parts) + (f"  MRR={statistics.fmean(self.rr):.3f}" if n else "")


def load_corpus(shared: Path) -> list[dict[str, str]]:
    root = shared / "corpus" / "tvpl-fulltext"
    with (root / "manifest.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        r["path"] = str(root / r["file"])
    return rows


def ingest_corpus(kb: KnowledgeBase, rows: list[dict[str, str]]) -> dict[str, str]:
    """Add every document's head; returns file -> the node id the KB gave it."""
    from cancu.ingest.extract import extract_text

    ids: dict[str, str] = {}
    for r in rows:
        text = Path(r["path"]).read_text(encoding="utf-8")
        try:
            ex = extract_text(head_of(text), file=r["file"])
        except Exception as exc:  # noqa: BLE001 - report and go on with the other documents
            print(f"  extractor failed on {r['file']}: {exc!r}", file=sys.stderr)
            continue
        report = kb.add_extraction(ex, source_file=r["file"])
        if report.document:
            ids[r["file"]] = report.document
    return ids


def based_on(kb: KnowledgeBase, doc_id: str) -> list[Edge]:
    return [e for e in kb.edges_from(doc_id) if e.relation is Relation.BASED_ON]


def seed_queries(kb: KnowledgeBase, seed_id: str, seed_text: str) -> list[Query]:
    """Seed 000's tasks: text without the căn cứ line; gold = based_on edges of that task."""
    from cancu.ingest.extract import extract_text

    ex = extract_text(seed_text, file="000_42d6680bc939e224.txt")
    gold_by_task: dict[str, set[str]] = {}
    for e in based_on(kb, seed_id):
        for p in e.provenance:
            if p.task:
                gold_by_task.setdefault(p.task, set()).add(e.target)
    out = []
    for task in ex.tasks:
        body = seed_text[task.start:task.end]
        body = re.sub(r"\d+\.1\.\s*Căn cứ áp dụng:.*?(?=\d+\.2\.)", " ", body, flags=re.S)
        title = " ".join(task.title.split())
        # The provenance names the task with its number ("8. Nâng cấp ..."), the task title
        # without it: compare both without the leading number.
        gold = next((g for t, g in gold_by_task.items() if _task_key(t) == _task_key(title)), set())
        out.append(Query("000 (seed)", title[:50], body, SEED_ISSUER, SEED_PROVINCE, SEED_DATE, set(gold)))
    return out


def _task_key(title: str) -> str:
    return re.sub(r"^\s*\d+(?:\.\d+)*\.?\s*", "", " ".join(title.split()))


def known_gold(view: HiddenView, gold: set[str], as_of: dt.date | None) -> set[str]:
    """The gold bases the KB knows without the held-out document. A base the KB dates after
    the citing document is a wrong resolution ("Luật Tổ chức Chính phủ ngày 25 tháng 12 năm
    2001" resolved to the 2015 law because the KB lacks the 2001 one): the base the text
    cites is not known, so it is not counted (no suggester could return it at that as_of)."""
    out = set()
    for g in gold:
        d = view.get(g)
        if d is None:
            continue
        if as_of and d.date and d.date > as_of:
            continue
        out.add(g)
    return out


def withdrawn(kb: KnowledgeBase, key: str) -> Generator[None, None, None]:
    """Withdraw one source for the duration of a with-block, then put it back."""
    record = kb.source(key)
    if record is not None:
        kb.remove_source(key)
    try:
        yield None
    finally:
        if record is not None:
            kb.add_record(record)


def baseline(sugg: Suggester, q: Query, exclude: set[str], k: int = 10) -> list[str]:
    """Plain BM25 on titles: the title index alone, same as-of filter, nothing else."""
    idx = sugg.title_index
    scores = idx.scores(idx.query_terms(terms(q.text), plain=True), plain=True)
    out: list[str] = []
    for i, _ in sorted(scores.items(), key=lambda p: -p[1]):
        doc = sugg.docs[i]
        if doc.id in exclude or (q.as_of and doc.date and doc.date > q.as_of):
            continue
        out.append(doc.id)
        if len(out) == k:
            break
    return out


def evaluate(kb: KnowledgeBase, queries_by_doc: list[tuple[str, str, list[Query]]], verbose: bool) -> None:
    ours, base, ceiling = Scores(), Scores(), Scores()
    by_kind: dict[str, Scores] = {"seed 000 tasks": Scores(), "corpus preambles": Scores()}
    docs_used = 0
    for key, doc_id, queries in queries_by_doc:
        gen = withdrawn(kb, key)
        next(gen)
        try:
            view = HiddenView(kb, {doc_id})
            sugg = Suggester(view)
            counted = False
            for q in queries:
                # A law cited by name and year before any text gave its number has a
                # placeholder node; the suggester names the law itself.
                gold = known_gold(view, {sugg.canonical(g) for g in q.gold}, q.as_of)
                if not gold:
                    continue
                counted = True
                ranked = [s.id for s in sugg.suggest(q.text, issuer=q.issuer, province=q.province,
                                                     as_of=q.as_of, k=10)]
                ours.add(ranked, gold)
                by_kind["seed 000 tasks" if q.doc.startswith("000") else "corpus preambles"].add(ranked, gold)
                base.add(baseline(sugg, q, {doc_id}), gold)
                ceiling.add(sorted(gold), gold)  # a perfect ranking: recall@k <= k / |gold|
                if verbose:
                    missed = gold - set(ranked)
                    print(f"- {q.doc} | {q.label}: gold {len(gold)}, top10 hit {len(gold) - len(missed)}")
                    if missed:
                        deeper = [s.id for s in sugg.suggest(q.text, issuer=q.issuer, province=q.province,
                                                             as_of=q.as_of, k=50)]
                    for m in sorted(missed):
                        d = view.get(m)
                        rank = deeper.index(m) + 1 if m in deeper else None
                        print(f"    missed {m} (rank {rank or '>50'}): "
                              f"{format_citation(d, first=False) if d else ''}")
            docs_used += counted
        finally:
            next(gen, None)
    print(f"\nDocuments evaluated: {docs_used}")
    print(ours.line("suggest"))
    for name, s in by_kind.items():
        print(s.line("  " + name))
    print(base.line("baseline BM25 titles"))
    print(ceiling.line("ceiling (perfect)"))


def latency(kb: KnowledgeBase, queries: list[Query], repeats: int) -> None:
    started = time.perf_counter()
    sugg = Suggester(kb)
    build = time.perf_counter() - started
    times = []
    for _ in range(repeats):
        for q in queries:
            t = time.perf_counter()
            sugg.suggest(q.text, issuer=q.issuer, province=q.province, as_of=q.as_of, k=10)
            times.append(time.perf_counter() - t)
    times.sort()
    p50 = times[len(times) // 2] * 1000
    p95 = times[max(0, int(len(times) * 0.95) - 1)] * 1000
    print(f"\nLatency on the national-catalog KB ({len(kb)} documents; Suggester built once in "
          f"{build:.2f} s): {len(times)} queries, p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {times[-1] * 1000:.1f} ms")


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(REPO.parent / "shared"))
    ap.add_argument("--limit", type=int, default=0, help="evaluate only the first N corpus documents")
    ap.add_argument("--repeats", type=int, default=5, help="latency: passes over the queries")
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args(list(argv) if argv is not None else None)
    shared = Path(args.shared)

    t0 = time.perf_counter()
    kb = build_default_kb(None)
    rows = load_corpus(shared)
    ids = ingest_corpus(kb, rows)
    print(f"KB: {len(kb)} documents after the catalog, the seeds and {len(ids)} corpus heads "
          f"({time.perf_counter() - t0:.1f} s)")

    plan: list[tuple[str, str, list[Query]]] = []
    seed_text = (shared / "seeds" / "000_42d6680bc939e224.txt").read_text(encoding="utf-8")
    seed_id = record.document if (record := kb.source(SEED_KEY)) is not None else None
    if seed_id:
        plan.append((SEED_KEY, seed_id, seed_queries(kb, seed_id, seed_text)))
    chosen = [r for r in rows if r["doc_type"] in EVAL_TYPES and r["file"] in ids]
    if args.limit:
        chosen = chosen[: args.limit]
    for r in chosen:
        doc_id = ids[r["file"]]
        gold = {e.target for e in based_on(kb, doc_id)}
        if not gold:
            continue
        date = dt.date.fromisoformat(r["issue_date"]) if r["issue_date"] else None
        title = " ".join(r["title"].split())
        plan.append((r["file"], doc_id, [Query(r["file"], title[:50], title, r["issuer"], None, date, gold)]))
    print(f"Evaluation set: seed 000 ({len(plan[0][2]) if seed_id else 0} tasks) and "
          f"{len(plan) - (1 if seed_id else 0)} corpus documents with a căn cứ preamble")
    evaluate(kb, plan, args.verbose)
    default = build_default_kb(None)  # the national-catalog KB an installation starts from
    shipped(default, chosen, args.verbose)
    latency(default, [q for _, _, qs in plan for q in qs], args.repeats)
    return 0


def shipped(kb: KnowledgeBase, rows: list[dict[str, str]], verbose: bool) -> None:
    """What an installation gets: the default KB alone (catalog + seeds, no corpus text
    ingested). The catalog holds the căn cứ of the corpus documents it could resolve
    (`catalog:corpus` edges); each evaluation document is hidden with its edges, and its
    gold is those edges."""
    ours, base = Scores(), Scores()
    for r in rows:
        sym = r["symbol"]
        doc_id = next((i for i in kb.lookup(sym) if (d := kb.get(i)) and d.doc_type == r["doc_type"]), None) \
            if sym else None
        if doc_id is None:
            continue
        view = HiddenView(kb, {doc_id})
        date = dt.date.fromisoformat(r["issue_date"]) if r["issue_date"] else None
        gold = known_gold(view, {e.target for e in based_on(kb, doc_id)}, date)
        if not gold:
            continue
        sugg = Suggester(view)
        title = " ".join(r["title"].split())
        q = Query(r["file"], title[:50], title, r["issuer"], None, date, gold)
        ranked = [s.id for s in sugg.suggest(q.text, issuer=q.issuer, as_of=q.as_of, k=10)]
        ours.add(ranked, gold)
        base.add(baseline(sugg, q, {doc_id}), gold)
        if verbose:
            print(f"  shipped | {q.doc}: gold {len(gold)}, top10 hit {len(gold & set(ranked))}")
    print("\nThe shipped KB alone (catalog with the corpus căn cứ, seeds; no text ingested):")
    print(ours.line("suggest"))
    print(base.line("baseline BM25 titles"))


if __name__ == "__main__":
    sys.exit(main())
