"""The one place where the web layer calls `cancu.graph` and `cancu.ingest`.

`Backend` holds the knowledge base of one app and answers every page and API route with
plain JSON (see `present.py`). It validates nothing about HTTP: routes check parameters and
limits first; this module only asks the graph and shapes the answer.
"""

from __future__ import annotations

import inspect
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from typing import Any

from cancu.graph.model import Document, Edge, Relation
from cancu.webui import present
from cancu.webui.limits import Limits


def call_with_supported(func: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Call `func`, passing only the keyword arguments its signature accepts (None values
    dropped), so an optional filter the graph layer does not know is simply not sent."""
    try:
        params = inspect.signature(func).parameters
    except (TypeError, ValueError):  # builtins without a signature
        return func(*args, **{k: v for k, v in kwargs.items() if v is not None})
    accepts_any = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    passed = {k: v for k, v in kwargs.items() if v is not None and (accepts_any or k in params)}
    return func(*args, **passed)


class Backend:
    """The knowledge base of one app and the read/write operations pages need.

    Reads run concurrently (waitress threads); a write takes `write_lock`. Derived data
    (stats, the RDF graph) is cached per `kb.version`."""

    def __init__(self, kb: Any, limits: Limits) -> None:
        self.kb = kb
        self.limits = limits
        self.write_lock = threading.RLock()
        self._cache_lock = threading.Lock()
        self._cache: dict[str, tuple[int, Any]] = {}

    # --- caching ---------------------------------------------------------------------------

    def _cached(self, key: str, build: Callable[[], Any]) -> Any:
        version = getattr(self.kb, "version", 0)
        with self._cache_lock:
            hit = self._cache.get(key)
            if hit and hit[0] == version:
                return hit[1]
        value = build()
        with self._cache_lock:
            self._cache[key] = (version, value)
        return value

    # --- documents -------------------------------------------------------------------------

    def get(self, doc_id: str) -> Document | None:
        return self.kb.get(doc_id)

    def lookup(self, text: str) -> list[str]:
        """Ids for any writing of a symbol, an id or a name."""
        try:
            return list(self.kb.lookup(text))
        except Exception:  # a malformed text is "not found", never a 500
            return []

    def citation(self, doc: Document) -> str | None:
        """The copy-ready căn cứ form of `doc` (NĐ 30/2020)."""
        try:
            from cancu.graph.citation import format_citation
        except ImportError:
            return None
        return format_citation(doc, first=True)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        doc = self.get(doc_id)
        if doc is None:
            return None
        data = present.document_json(doc, self.citation(doc))
        data["authority"] = self.kb.authority(doc_id)
        return data

    def text_of(self, doc_id: str) -> str | None:
        doc = self.get(doc_id)
        return doc.text if doc else None

    def relations(self, doc_id: str) -> list[dict[str, Any]]:
        return present.group_relations(
            doc_id, self.kb.edges_from(doc_id), self.kb.edges_to(doc_id), self.get)

    def problems(self, doc_id: str) -> list[dict[str, Any]]:
        """Problems the graph records for a document, if it keeps any."""
        getter = getattr(self.kb, "problems", None)
        if not callable(getter):
            return []
        try:
            return present.to_plain(list(getter(doc_id)))
        except TypeError:
            return []

    def contexts(self, doc_id: str, limit: int = 20) -> list[str]:
        return list(self.kb.citation_contexts(doc_id))[:limit]

    # --- chain -----------------------------------------------------------------------------

    def chain(self, doc_id: str, direction: str, depth: int) -> dict[str, Any]:
        """The implementation chain as `{root, nodes, edges, tree, truncated}`.

        Down: documents that implement / guide / are based on the root, and so on;
        up: what the root rests on. Edges keep their direction in the graph."""
        raw = self.kb.chain(doc_id, direction=direction, depth=depth)
        edges = list(_chain_edges(raw))
        nodes: dict[str, dict[str, Any]] = {}
        level: dict[str, int] = {doc_id: 0}
        order = [doc_id]
        for e in edges:
            for n in (e.source, e.target):
                if n not in level:
                    order.append(n)
        # Levels by breadth-first distance from the root along the chain's edges.
        adjacency: dict[str, list[str]] = {}
        for e in edges:
            a, b = (e.target, e.source) if direction == "down" else (e.source, e.target)
            adjacency.setdefault(a, []).append(b)
        frontier = [doc_id]
        while frontier:
            nxt = []
            for n in frontier:
                for m in adjacency.get(n, []):
                    if m not in level:
                        level[m] = level[n] + 1
                        nxt.append(m)
            frontier = nxt
        truncated = False
        for n in order:
            if len(nodes) >= self.limits.max_chain_nodes:
                truncated = True
                break
            item = present.document_summary(self.get(n), n)
            item["label"] = present.label_of(item)
            item["level"] = level.get(n, 0)
            nodes[n] = item
        edge_list = [
            {"source": e.source, "target": e.target, "relation": Relation(e.relation).value,
             "heading": Relation(e.relation).active_heading}
            for e in edges if e.source in nodes and e.target in nodes
        ]
        return {
            "root": doc_id,
            "direction": direction,
            "depth": depth,
            "nodes": list(nodes.values()),
            "edges": edge_list,
            "tree": _tree(doc_id, adjacency, nodes, edge_list, direction),
            "truncated": truncated,
        }

    # --- search ----------------------------------------------------------------------------

    def search(self, query: str, *, page: int, limit: int, **filters: Any) -> dict[str, Any]:
        from cancu.graph import search as search_mod

        started = time.perf_counter()
        result = call_with_supported(search_mod.search, self.kb, query, page=page, limit=limit,
                                     **filters)
        data = present.to_plain(result)
        if isinstance(data, list):
            data = {"results": data, "total": len(data)}
        terms = present.query_terms(query)
        for hit in data.get("results", []):
            snippet = hit.get("snippet") or ""
            if "<" in snippet and present._TAG.search(snippet):
                hit["snippet_parts"] = present.parts_from_markup(snippet)
                hit["snippet"] = "".join(p["text"] for p in hit["snippet_parts"])
            else:
                hit["snippet_parts"] = present.mark_parts(snippet, terms)
            hit["title_parts"] = present.mark_parts(hit.get("title") or "", terms)
        data.setdefault("took_ms", round((time.perf_counter() - started) * 1000, 1))
        data["page"] = page
        data["limit"] = limit
        data["query"] = query
        return data

    # --- drafting --------------------------------------------------------------------------

    def suggest(self, text: str, **options: Any) -> dict[str, Any]:
        from cancu.graph.suggest import suggest

        found = call_with_supported(suggest, self.kb, text, **options)
        return {"suggestions": [present.to_plain(s) for s in found]}

    def lint(self, text: str, **options: Any) -> dict[str, Any]:
        from cancu.graph.lint import lint

        report = call_with_supported(lint, self.kb, text, **options)
        return present.to_plain(report)

    def extract(self, text: str) -> dict[str, Any]:
        from cancu.ingest.extract import extract_text, extraction_to_json

        return present.to_plain(extraction_to_json(extract_text(text)))

    # --- province, overview ----------------------------------------------------------------

    def gaps(self, province: str) -> dict[str, Any]:
        raw = present.to_plain(self.kb.gaps(province))
        if not isinstance(raw, dict):
            raw = {"gaps": raw}
        for key, value in list(raw.items()):
            if isinstance(value, list):
                raw[key] = [self._expand(v) for v in value]
        raw["province"] = province
        return raw

    def _expand(self, item: Any) -> Any:
        """An id in a list becomes the document's summary; dicts get a label."""
        if isinstance(item, str):
            summary = present.document_summary(self.get(item), item)
            summary["label"] = present.label_of(summary)
            return summary
        if isinstance(item, dict) and "id" in item:
            summary = present.document_summary(self.get(item["id"]), item["id"])
            summary.update({k: v for k, v in item.items() if v is not None})
            summary["label"] = present.label_of(summary)
            return summary
        return item

    def provinces(self) -> list[str]:
        return self._cached("provinces", lambda: sorted(
            {d.province for d in self.kb.documents() if d.province}))

    def stats(self) -> dict[str, Any]:
        return self._cached("stats", self._stats)

    def _stats(self) -> dict[str, Any]:
        by_type: Counter[str] = Counter()
        by_year: Counter[str] = Counter()
        by_issuer: Counter[str] = Counter()
        by_status: Counter[str] = Counter()
        by_province: Counter[str] = Counter()
        n = 0
        for doc in self.kb.documents():
            n += 1
            by_type[doc.doc_type or "(không rõ)"] += 1
            if doc.date:
                by_year[str(doc.date.year)] += 1
            by_issuer[doc.issuer or "(không rõ)"] += 1
            by_status[doc.status or "(chưa xác định)"] += 1
            if doc.province:
                by_province[doc.province] += 1
        edges: Counter[str] = Counter()
        for doc_id in _ids(self.kb):
            for e in self.kb.edges_from(doc_id):
                edges[Relation(e.relation).value] += 1
        return {
            "documents": n,
            "edges": sum(edges.values()),
            "edges_by_relation": dict(edges.most_common()),
            "by_type": dict(by_type.most_common()),
            "by_year": dict(sorted(by_year.items())),
            "by_issuer": dict(by_issuer.most_common(30)),
            "by_status": dict(by_status.most_common()),
            "by_province": dict(by_province.most_common()),
            "version": getattr(self.kb, "version", None),
        }

    # --- RDF -------------------------------------------------------------------------------

    def rdf_graph(self) -> Any:
        """The whole KB as an rdflib graph (built by `cancu.graph.rdf`, cached per version)."""
        from cancu.graph import rdf

        return self._cached("rdf", lambda: _build_rdf(rdf, self.kb))

    def rdf_document(self, doc_id: str, fmt: str) -> str:
        """One document's triples (as subject or object) in `fmt` ("turtle", "json-ld")."""
        from rdflib import Graph, URIRef

        from cancu.graph.identity import eli_uri

        whole = self.rdf_graph()
        uri = URIRef(eli_uri(doc_id))
        sub = Graph()
        for prefix, ns in whole.namespaces():
            sub.bind(prefix, ns, override=True)
        for triple in whole.triples((uri, None, None)):
            sub.add(triple)
            # Blank-node details (provenance) one level down.
            for inner in whole.triples((triple[2], None, None)):
                sub.add(inner)
        for triple in whole.triples((None, None, uri)):
            sub.add(triple)
        return sub.serialize(format=fmt)

    # --- writes ----------------------------------------------------------------------------

    def ingest_text(self, text: str, name: str) -> dict[str, Any]:
        """Ingest one text into the KB (the caller has checked the write token)."""
        with self.write_lock:
            method = getattr(self.kb, "ingest_text", None)
            if method is None:
                raise NotImplementedError("the knowledge base offers no ingest_text")
            result = call_with_supported(method, text, file=name, name=name)
            save = getattr(self.kb, "save", None)
            if callable(save):
                save()
            return present.to_plain(result) if result is not None else {}


def _ids(kb: Any) -> Iterable[str]:
    return [d.id for d in kb.documents()]


def _chain_edges(raw: Any) -> Iterable[Edge]:
    """Edges of whatever `kb.chain` returns: edges, a tree of dicts, or a networkx graph."""
    if raw is None:
        return []
    if hasattr(raw, "edges") and hasattr(raw, "nodes") and not isinstance(raw, dict):
        out = []
        for u, v, data in raw.edges(data=True):
            out.append(Edge(u, Relation(data.get("relation", "cites")), v))
        return out
    if isinstance(raw, dict):
        if "edges" in raw:
            return _chain_edges(raw["edges"])
        return list(_tree_edges(raw))
    out = []
    for item in raw:
        if isinstance(item, Edge):
            out.append(item)
        elif isinstance(item, dict):
            out.append(Edge(item["source"], Relation(item["relation"]), item["target"]))
        elif isinstance(item, (tuple, list)) and len(item) >= 3:
            out.append(Edge(item[0], Relation(str(item[1])), item[2]))
    return out


def _tree_edges(node: dict[str, Any]) -> Iterable[Edge]:
    for child in node.get("children", []):
        edge = child.get("edge")
        if isinstance(edge, Edge):
            yield edge
        yield from _tree_edges(child)


def _tree(root: str, adjacency: dict[str, list[str]], nodes: dict[str, dict[str, Any]],
          edges: list[dict[str, Any]], direction: str) -> dict[str, Any]:
    """A nested list for the accessible view: each node once, children by relation."""
    rel: dict[tuple[str, str], str] = {}
    for e in edges:
        key = (e["target"], e["source"]) if direction == "down" else (e["source"], e["target"])
        rel.setdefault(key, e["relation"])
    seen = {root}

    def build(n: str) -> dict[str, Any]:
        children = []
        for m in adjacency.get(n, []):
            if m in seen or m not in nodes:
                continue
            seen.add(m)
            child = build(m)
            child["relation"] = rel.get((n, m))
            children.append(child)
        return {"id": n, "label": nodes.get(n, {}).get("label", n), "children": children}

    return build(root)


def _build_rdf(rdf: Any, kb: Any) -> Any:
    for name in ("to_rdf", "build_graph", "kb_to_rdf", "graph_of", "to_graph"):
        func = getattr(rdf, name, None)
        if callable(func):
            return func(kb)
    raise NotImplementedError("cancu.graph.rdf offers no KB-to-graph function")
