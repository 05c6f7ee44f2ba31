"""Export time of `cancu export` on the shipped KB, each format beside its baseline.

    /tmp/venv/bin/python bench/export.py [--repeats N]

Turtle is written by rdf.export's serializer (rdflib's, without the namespace search for
document URIs); its baseline is rdflib's own Turtle serializer on the same graph, in the
same process, and the two outputs are compared byte for byte. The other formats are
rdflib's or networkx's writers; their figure is beside the time to build the rdflib graph,
which every RDF format pays.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable

from cancu.graph import rdf
from cancu.graph.kb import build_default_kb


def timed(fn: Callable[[], object], repeats: int) -> tuple[object, float]:
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return result, statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args(argv)
    kb = build_default_kb(None)
    _, build = timed(lambda: rdf.build_graph(kb), 1)  # cached on the KB from here on
    print(f"KB: {len(kb)} documents; rdflib graph built in {build:.2f} s ({len(rdf.build_graph(kb))} triples)")
    ours, t_ours = timed(lambda: rdf.export(kb, "turtle"), args.repeats)
    theirs, t_theirs = timed(lambda: rdf.build_graph(kb).serialize(format="turtle"), args.repeats)
    print(f"turtle   {t_ours:6.2f} s   baseline rdflib turtle {t_theirs:6.2f} s   "
          f"same output: {'yes' if ours == theirs else 'NO'}")
    for fmt in ("nt", "json-ld", "graphml"):
        _, t = timed(lambda f=fmt: rdf.export(kb, f), args.repeats)
        print(f"{fmt:<8} {t:6.2f} s")
    return 0 if ours == theirs else 1


if __name__ == "__main__":
    sys.exit(main())
