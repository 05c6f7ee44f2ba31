"""Knowledge-base figures for issue #4: nodes, edges by type, conflicts, ambiguous mentions,
load/save time and memory, each beside a baseline measured in the same run.

    /tmp/venv/bin/python bench/graph.py [--corpus ../shared/corpus] [--seeds ../shared/seeds]

Baselines: loading is compared with a plain `json.loads` of the same kb.json.gz (what
any loader must at least pay), saving with a plain `gzip` + `json.dumps` of the same state
without fsync/rename (what atomicity costs), memory with the size of the saved state as
Python objects.
"""

from __future__ import annotations

import argparse
import gc
import gzip
import json
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from cancu.graph import catalog, store
from cancu.graph.kb import KnowledgeBase

REPO = Path(__file__).resolve().parent.parent
T = TypeVar("T")


def measure(fn: Callable[[], T], *, memory: bool = True) -> tuple[T, float, int]:
    """(result, seconds, peak traced bytes). Time is taken on an untraced run (tracemalloc
    slows allocation-heavy code several times); the peak on a second, traced run."""
    gc.collect()
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    if not memory:
        return result, seconds, 0
    del result
    gc.collect()
    tracemalloc.start()
    result = fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return result, seconds, peak


def mb(n: float) -> str:
    return f"{n / 1024 / 1024:7.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(REPO.parent / "shared" / "corpus"))
    parser.add_argument("--seeds", default=str(REPO.parent / "shared" / "seeds"))
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        corpus = Path(args.corpus)
        if corpus.exists():
            data, build_s, _ = measure(lambda: catalog.build_catalog_data(corpus), memory=False)
            source = "catalog:" + str(corpus)
        else:
            data, build_s = catalog.load_packaged_catalog(), 0.0
            source = "catalog:cancu-data"
        assert data is not None
        def fresh_import() -> KnowledgeBase:
            target = KnowledgeBase(directory)
            catalog.import_catalog(target, data, source=source)
            return target

        kb, import_s, import_peak = measure(fresh_import)
        seeds_s = 0.0
        seeds = sorted(Path(args.seeds).glob("*.txt")) if Path(args.seeds).exists() else []
        try:
            from cancu.ingest.extract import extract_text
        except ImportError:
            seeds = []
        started = time.perf_counter()
        for path in seeds:
            try:
                ex = extract_text(path.read_text(encoding="utf-8"), file=path.name)
            except Exception as exc:  # the extractor is another layer; report and go on
                print(f"  ! extractor failed on {path.name}: {exc!r}", file=sys.stderr)
                continue
            kb.add_extraction(ex, source_file=path)
        seeds_s = time.perf_counter() - started

        save_s = kb.save()
        state = kb.to_state()

        def baseline_save() -> float:
            t = time.perf_counter()
            payload = json.dumps({"format": store.FORMAT, "schema": store.SCHEMA, **state},
                                 ensure_ascii=False, separators=(",", ":")).encode()
            (directory / "plain.json.gz").write_bytes(gzip.compress(payload, compresslevel=6))
            return time.perf_counter() - t

        base_save_s = baseline_save()
        size = store.kb_file(directory).stat().st_size

        loaded, load_s, load_peak = measure(lambda: KnowledgeBase.load(directory))
        raw, json_s, json_peak = measure(lambda: json.loads(gzip.decompress(store.kb_file(directory).read_bytes())))
        del raw

        edges: dict[str, int] = {}
        assertions = 0
        for e in loaded.edges():
            edges[e.relation.value] = edges.get(e.relation.value, 0) + 1
            assertions += e.count
        conflicts = [d for d in loaded.documents() if d.conflicts()]
        ambiguous = loaded.ambiguous()
        unresolved = loaded.unresolved_mentions("unresolved")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024

        print("cancu knowledge-base bench (bench/graph.py)")
        print(f"  sources: catalog from {'shared corpus' if corpus.exists() else 'package data'}"
              f" (built in {build_s:.2f}s), {len(seeds)} seed texts (ingested in {seeds_s:.2f}s)")
        print(f"  nodes                {len(loaded):>8}")
        print(f"  edges                {loaded.graph.number_of_edges():>8}   ({assertions} assertions with provenance)")
        for rel, n in sorted(edges.items(), key=lambda kv: -kv[1]):
            print(f"    {rel:18} {n:>8}")
        print(f"  documents with conflicting facts {len(conflicts):>4}")
        by_attr: dict[str, int] = {}
        for d in conflicts:
            for attr in d.conflicts():
                by_attr[attr] = by_attr.get(attr, 0) + 1
        for attr, n in sorted(by_attr.items(), key=lambda kv: -kv[1]):
            print(f"    {attr:18} {n:>8}")
        print(f"  ambiguous mentions   {len(ambiguous):>8}   unresolved mentions {len(unresolved)}")
        print(f"  kb.json.gz size      {mb(size)}")
        print(f"  catalog import       {import_s:7.2f} s   peak {mb(import_peak)}")
        print(f"  save (atomic)        {save_s:7.3f} s   baseline gzip+json, no fsync: {base_save_s:.3f} s")
        print(f"  load (read+replay)   {load_s:7.3f} s   baseline json.loads of the same file: {json_s:.3f} s")
        print(f"  load peak memory     {mb(load_peak)}   baseline json.loads peak: {mb(json_peak)}")
        print(f"  process max RSS      {mb(rss)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
