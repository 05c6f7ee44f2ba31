"""The knowledge base as RDF, with the ELI ontology, and a read-only SPARQL endpoint.

Why ELI: it is the vocabulary European legislation databases publish with, so a Vietnamese
graph in ELI terms can be queried with the same tools. ELI lacks a few relations that
domain.md §6 needs; a small cancu vocabulary adds them: `cancu:guides` (a sub-property of
`eli:based_on`: a circular guiding a decree rests on it), `cancu:replaces` (also exported as
`eli:repeals` and `eli:changes`, as domain.md §6 maps a replacement), `cancu:suspends`. The
relation-to-property map is data/relations.json ('eli', 'eli_broader', 'eli_also'). And
provenance: every relation is also an
`rdf:Statement` carrying its count and, per assertion, the asserting document, file,
offsets, sentence and plan task. URIs are stable (`graph.identity.eli_uri`), so two
exports of the same KB give the same triples.

`sparql()` only reads: updates, `LOAD`, `SERVICE` (remote calls) and `FROM` (which makes
rdflib fetch URLs) are refused before parsing; queries run with a time limit and a row cap.
"""

from __future__ import annotations

import ctypes
import hashlib
import io
import re
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, XSD
from rdflib.plugins.serializers.turtle import TurtleSerializer
from rdflib.plugins.sparql import prepareQuery
from rdflib.query import ResultRow

from cancu.graph import validity
from cancu.graph.identity import eli_uri
from cancu.graph.kb import KnowledgeBase
from cancu.graph.model import Relation
from cancu.graph.text import slug

ELI = Namespace("http://data.europa.eu/eli/ontology#")
CANCU = Namespace("https://cancu.vn/ontology#")
TYPE_BASE = "https://cancu.vn/ontology/type/"
AGENT_BASE = "https://cancu.vn/ontology/agent/"
TOPIC_BASE = "https://cancu.vn/ontology/topic/"  # pháp điển đề mục, as SKOS concepts
ASSERTION_BASE = "https://cancu.vn/assertion/"


def _property(curie: str) -> URIRef:
    """'eli:based_on' -> the ELI property, 'cancu:guides' -> cancu's (data/relations.json)."""
    prefix, _, name = curie.partition(":")
    return {"eli": ELI, "cancu": CANCU}[prefix][name]


RELATION_PROPERTY: dict[Relation, URIRef] = {r: _property(r.info.eli) for r in Relation}
# The ELI properties an edge is exported as besides its own: a replacement repeals and
# changes its target (domain.md §6), so a query for eli:repeals finds it without inference.
ALSO_EXPORTED_AS: dict[Relation, tuple[URIRef, ...]] = {
    r: tuple(_property(c) for c in r.info.eli_also) for r in Relation}
EXPORT_FORMATS = ("turtle", "json-ld", "nt", "graphml")
PREFIXES = {"eli": ELI, "cancu": CANCU, "rdf": RDF, "rdfs": RDFS, "xsd": XSD, "skos": SKOS}

# Keywords that change data or reach outside the KB. Checked on the query with its strings,
# IRIs and comments removed, so a title containing "drop" is not refused.
_FORBIDDEN = re.compile(
    r"\b(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH|SERVICE|FROM)\b", re.IGNORECASE)
_STRIP = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*|[?$]\w+')
MAX_QUERY_CHARS = 20_000


class SparqlError(Exception):
    """A refused, malformed or too slow query; the message is for the user."""


def doc_uri(doc_id: str) -> URIRef:
    return URIRef(eli_uri(doc_id))


def _schema(g: Graph) -> None:
    """cancu's own properties: each labelled with its first cue ("thay thế") and declared a
    sub-property of the ELI properties it refines."""
    for r in Relation:
        prop = RELATION_PROPERTY[r]
        if not str(prop).startswith(str(CANCU)):
            continue
        g.add((prop, RDF.type, RDF.Property))
        for broader in r.info.eli_broader:
            g.add((prop, RDFS.subPropertyOf, _property(broader)))
        if r.info.cues:
            g.add((prop, RDFS.label, Literal(r.info.cues[0], lang="vi")))


def build_graph(kb: KnowledgeBase, *, provenance: bool = True) -> Graph:
    """The KB as an rdflib graph (cached on the KB for its current version)."""
    cache_key = f"rdf:{provenance}:{kb.version}:{validity.today()}"  # statuses are today's
    cached = kb.cache.get(cache_key)
    if isinstance(cached, Graph):
        return cached
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    _schema(g)
    for doc in kb.documents():
        s = doc_uri(doc.id)
        g.add((s, RDF.type, ELI.LegalResource))
        if doc.symbol:
            g.add((s, ELI.id_local, Literal(doc.symbol)))
        if doc.title:
            g.add((s, ELI.title, Literal(doc.title, lang="vi")))
        if doc.date:
            g.add((s, ELI.date_document, Literal(doc.date.isoformat(), datatype=XSD.date)))
        if doc.effective_date:
            g.add((s, ELI.first_date_entry_in_force, Literal(doc.effective_date.isoformat(), datatype=XSD.date)))
        if doc.doc_type:
            t = URIRef(TYPE_BASE + slug(doc.doc_type))
            g.add((s, ELI.type_document, t))
            g.add((t, SKOS.prefLabel, Literal(doc.doc_type, lang="vi")))
        if doc.issuer:
            # A huyện's UBND is not the province's: its agent carries the unit too.
            place = "".join(f".{slug(p)}" for p in (doc.province, doc.locality) if p)
            a = URIRef(AGENT_BASE + slug(doc.issuer) + place)
            g.add((s, ELI.passed_by, a))
            g.add((a, SKOS.notation, Literal(doc.issuer)))
            if doc.issuer_name:
                g.add((a, SKOS.prefLabel, Literal(doc.issuer_name, lang="vi")))
        if status := kb.status(doc.id):  # on the day of the export
            g.add((s, CANCU.status, Literal(status, lang="vi")))
        if doc.province:
            g.add((s, CANCU.province, Literal(doc.province, lang="vi")))
        if doc.locality:
            g.add((s, CANCU.locality, Literal(doc.locality, lang="vi")))
        for alias in sorted(doc.aliases):
            g.add((s, SKOS.altLabel, Literal(alias, lang="vi")))
        for topic in doc.topics:
            number, _, name = topic.partition(" ")
            c = URIRef(TOPIC_BASE + slug(number))
            g.add((s, ELI.is_about, c))
            g.add((c, SKOS.notation, Literal(number)))
            g.add((c, SKOS.prefLabel, Literal(name or topic, lang="vi")))
        g.add((s, CANCU["id"], Literal(doc.id)))
    for edge in kb.edges():
        s, o = doc_uri(edge.source), doc_uri(edge.target)
        prop = RELATION_PROPERTY[edge.relation]
        g.add((s, prop, o))
        for also in ALSO_EXPORTED_AS[edge.relation]:
            g.add((s, also, o))
        if not provenance:
            continue
        h = hashlib.sha1(f"{edge.source}|{edge.relation.value}|{edge.target}".encode()).hexdigest()[:20]
        st = URIRef(ASSERTION_BASE + h)
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, s))
        g.add((st, RDF.predicate, prop))
        g.add((st, RDF.object, o))
        g.add((st, CANCU["count"], Literal(edge.count)))
        for i, p in enumerate(edge.provenance):
            pn = URIRef(f"{st}/p{i}")
            g.add((st, CANCU.provenance, pn))
            g.add((pn, CANCU.assertedBy, doc_uri(p.source) if not p.source.startswith("catalog:") else Literal(p.source)))
            if p.file:
                g.add((pn, CANCU.file, Literal(p.file)))
            if p.start is not None:
                g.add((pn, CANCU["start"], Literal(p.start)))
            if p.end is not None:
                g.add((pn, CANCU["end"], Literal(p.end)))
            if p.sentence:
                g.add((pn, CANCU.sentence, Literal(p.sentence, lang="vi")))
            if p.task:
                g.add((pn, CANCU.task, Literal(p.task, lang="vi")))
    kb.cache[cache_key] = g
    return g


def to_networkx(kb: KnowledgeBase) -> nx.MultiDiGraph:
    """A copy of the graph with only GraphML-safe (string/int) attributes."""
    out = nx.MultiDiGraph()
    for doc in kb.documents():
        attrs = {"symbol": doc.symbol, "doc_type": doc.doc_type, "title": doc.title,
                 "date": doc.date.isoformat() if doc.date else None, "issuer": doc.issuer,
                 "province": doc.province, "locality": doc.locality, "status": kb.status(doc.id),
                 "uri": eli_uri(doc.id)}
        out.add_node(doc.id, **{k: v for k, v in attrs.items() if v is not None})
    for edge in kb.edges():
        out.add_edge(edge.source, edge.target, key=edge.relation.value,
                     relation=edge.relation.value, count=edge.count)
    return out


def export(kb: KnowledgeBase, format: str) -> str:
    """Serialise the KB: turtle | json-ld | nt | graphml."""
    if format not in EXPORT_FORMATS:
        raise ValueError(f"định dạng không hỗ trợ: {format} (chọn {', '.join(EXPORT_FORMATS)})")
    if format == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(to_networkx(kb), buf)
        return buf.getvalue().decode("utf-8")
    g = build_graph(kb)
    if format == "json-ld":
        context = {k: str(v) for k, v in PREFIXES.items()}
        return g.serialize(format="json-ld", context=context, indent=1)
    if format == "turtle":
        buf = io.BytesIO()
        _Turtle(g).serialize(buf, encoding="utf-8")
        return buf.getvalue().decode("utf-8")
    return g.serialize(format=format)


class _Turtle(TurtleSerializer):
    """rdflib's Turtle serializer without its search for a prefix of every document URI.
    For each subject and object rdflib grows a trie with the URI's path ("…/cp/2018/nd/")
    and walks it for the longest bound namespace: on the shipped KB (5,600 documents) that
    search was 90 % of the 25 s `cancu export --format turtle` took. A subject or object
    under no bound namespace can only be written in full, which is what rdflib writes after
    its search, so the output is the same, byte for byte. Predicates (which may be given a
    generated prefix) still take rdflib's way. (URIRef.startswith takes no tuple: str's is called.)"""

    _bound: tuple[str, ...] | None = None

    def get_pname(self, uri: Any, gen_prefix: bool = True) -> str | None:
        if self._bound is None:
            self._bound = tuple(str(ns) for _, ns in self.store.namespaces())
        if not gen_prefix and isinstance(uri, URIRef) and not str.startswith(uri, self._bound):
            return None
        return super().get_pname(uri, gen_prefix)


# --- SPARQL --------------------------------------------------------------------------------

@dataclass
class SparqlResult:
    """Rows as {variable: value as text}. `truncated` when `max_rows` cut the result."""

    variables: list[str]
    rows: list[dict[str, str | None]] = field(default_factory=list)
    boolean: bool | None = None  # for ASK
    truncated: bool = False
    seconds: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"variables": self.variables, "rows": self.rows, "boolean": self.boolean,
                "truncated": self.truncated, "seconds": round(self.seconds, 4)}


def check_read_only(query: str) -> None:
    """Raise `SparqlError` unless `query` is a plain read (SELECT / ASK / CONSTRUCT / DESCRIBE)."""
    if len(query) > MAX_QUERY_CHARS:
        raise SparqlError(f"Câu truy vấn quá dài (tối đa {MAX_QUERY_CHARS} ký tự). / Query too long.")
    bare = _STRIP.sub(" ", query)
    m = _FORBIDDEN.search(bare)
    if m:
        word = m.group(1).upper()
        raise SparqlError(
            f"Chỉ cho phép truy vấn đọc: từ khóa {word} bị từ chối (không sửa dữ liệu, không gọi "
            f"dịch vụ hay tải dữ liệu bên ngoài).\nRead-only endpoint: {word} is refused."
        )


def sparql(kb: KnowledgeBase, query: str, *, timeout_s: float = 5.0, max_rows: int = 1000) -> SparqlResult:
    """Run a read-only query over the KB's ELI graph. Prefixes eli:, cancu:, rdf:, rdfs:,
    xsd:, skos: are predeclared."""
    check_read_only(query)
    try:
        prepared = prepareQuery(query, initNs=PREFIXES)
    except Exception as exc:  # rdflib raises pyparsing errors of several kinds
        raise SparqlError(f"Câu truy vấn SPARQL không hợp lệ: {exc}\nInvalid SPARQL query.") from None
    graph = build_graph(kb)
    started = time.perf_counter()
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            result = graph.query(prepared)
            if result.type == "ASK":
                outcome["result"] = SparqlResult([], boolean=bool(result.askAnswer))
                return
            rows_iter: Iterator[dict[str, str | None]]
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                variables = ["subject", "predicate", "object"]
                triples = result.graph
                assert triples is not None  # rdflib sets .graph on every CONSTRUCT/DESCRIBE result
                rows_iter = ({"subject": str(s), "predicate": str(p), "object": str(o)}
                             for s, p, o in triples)
            else:
                variables = [str(v) for v in (result.vars or [])]
                # A SELECT result yields only ResultRows (bools and triples are ASK/CONSTRUCT).
                rows_iter = ({v: (None if row[i] is None else str(row[i])) for i, v in enumerate(variables)}
                             for row in result if isinstance(row, ResultRow))
            rows: list[dict[str, str | None]] = []
            truncated = False
            for row in rows_iter:
                if len(rows) >= max_rows:
                    truncated = True
                    break
                rows.append(row)
            outcome["result"] = SparqlResult(variables, rows, truncated=truncated)
        except _QueryTimeout:
            outcome["timeout"] = True
        except Exception as exc:  # evaluation errors (bad types in FILTER, ...)
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="cancu-sparql", daemon=True)
    worker.start()
    worker.join(timeout_s)
    if worker.is_alive():
        # rdflib evaluates in pure Python: an exception raised asynchronously in the worker
        # stops it at its next bytecode, so a runaway query does not keep burning CPU.
        ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(worker.ident or 0),
                                                   ctypes.py_object(_QueryTimeout))
        worker.join(1.0)
        raise SparqlError(f"Truy vấn vượt quá thời gian cho phép ({timeout_s:g} giây). / Query timed out.")
    if "timeout" in outcome:
        raise SparqlError(f"Truy vấn vượt quá thời gian cho phép ({timeout_s:g} giây). / Query timed out.")
    if "error" in outcome:
        raise SparqlError(f"Lỗi khi chạy truy vấn: {outcome['error']}\nQuery failed.")
    result: SparqlResult = outcome["result"]
    result.seconds = time.perf_counter() - started
    return result


class _QueryTimeout(Exception):
    pass


__all__ = ["ELI", "CANCU", "RELATION_PROPERTY", "ALSO_EXPORTED_AS", "EXPORT_FORMATS", "SparqlError", "SparqlResult",
           "build_graph", "export", "sparql", "check_read_only", "to_networkx", "doc_uri"]
