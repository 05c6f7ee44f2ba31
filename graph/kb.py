"""The knowledge base: documents (nodes) and typed relations (edges) with their sources.

Everything the KB knows is an *assertion* made by a *source* (an ingested file, or a
catalog): "document X has date D", "X implements Y, says this sentence at these offsets".
Each source's assertions are kept in a `SourceRecord`. Nodes and edges are derived from
the records, which is why

* re-ingesting an unchanged file changes nothing (its record has the same content hash),
* a changed file replaces exactly its earlier assertions (`remove_source` withdraws the
  old record, facts and edge provenance included, before the new one is applied),
* conflicting facts are kept: `Document.facts` lists every value with its sources; the
  scalar attribute shows the best-supported one (most sources; ties: catalog over text,
  then the earliest seen) and `Document.conflicts()` lists the disagreement,
* saving stores only the records; loading replays them.

The read API (docs/architecture.md, "Knowledge-base read API") is what search, drafting
and the web UI use; keep its names and shapes stable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

import networkx as nx

from cancu.graph import store, validity, vocab
from cancu.graph.identity import document_id, is_doc_id
from cancu.graph.model import Document, DocumentRef, Edge, Extraction, Provenance, Relation
from cancu.graph.places import cued_province, same_province
from cancu.graph.resolve import (
    DefaultResolver,
    ExtractionResolution,
    Resolution,
    ResolutionStatus,
    Resolver,
    name_key,
    symbol_key,
)
from cancu.graph.symbol import Symbol, parse_symbol
from cancu.graph.text import fold, match_key, slug, squash_ws, typed_as

# Attributes shown as one value; `aliases` and `subjects` hold many values at once.
SCALAR_FACTS = ("doc_type", "symbol", "issuer", "issuer_name", "level", "province", "locality",
                "date", "effective_date", "title", "status")
# The relations that make a document rest on another: chains, authority and gaps use them.
CHAIN_RELATIONS = frozenset({Relation.BASED_ON, Relation.IMPLEMENTS, Relation.GUIDES})
_RELATION_ORDER = {r: i for i, r in enumerate(Relation)}
# A chain lists what implements a document first, then what guides it, then what merely
# rests on it: the implementing plans are what the chain is browsed for.
_CHAIN_ORDER = {Relation.IMPLEMENTS: 0, Relation.GUIDES: 1, Relation.BASED_ON: 2}
_CITES = Relation.CITES.value
_ENDING_KEYS = frozenset(r.value for r in validity.ENDING)
CATALOG_PREFIX = "catalog:"


# --- records -------------------------------------------------------------------------------

@dataclass
class EdgeAssertion:
    source: str
    relation: Relation
    target: str
    provenance: Provenance

    def to_json(self) -> list[Any]:
        p = self.provenance
        return [self.source, self.relation.value, self.target, p.source, p.start, p.end, p.sentence, p.task]

    @classmethod
    def from_json(cls, row: list[Any], file: str) -> EdgeAssertion:
        s, r, t, src, start, end, sentence, task = row
        return cls(s, Relation(r), t, Provenance(src, file, start, end, sentence, task))


@dataclass
class UnresolvedMention:
    """A mention that did not become a node: ambiguous (several candidates) or unresolved
    (identity needs what the text does not say). Kept so it can be listed and counted."""

    source_file: str
    source: str  # id of the document containing the mention
    text: str
    start: int
    end: int
    status: str  # "ambiguous" | "unresolved"
    reason: str | None
    candidates: list[str] = field(default_factory=list)
    relation: str | None = None  # relation the text asserted towards it, if any
    claimed_by: str | None = None  # id of the document asserting that relation
    sentence: str | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class ProblemNote:
    """One problem the extractor found in a source (graph/model.py `Problem`): `node` is the
    document it concerns, `document` the one whose text holds it, `quote` what is written."""

    node: str
    document: str
    kind: str
    message: str
    quote: str = ""
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class SourceRecord:
    """Everything one source asserted. `facts` rows are (node id, attribute, value, label):
    the label is the asserting document's id (one row per mention, so a value written
    three times counts three) or `catalog:<name>`."""

    key: str
    digest: str
    kind: str  # "text" | "catalog"
    document: str | None = None
    facts: list[tuple[str, str, str, str]] = field(default_factory=list)
    edges: list[EdgeAssertion] = field(default_factory=list)
    mentions: list[UnresolvedMention] = field(default_factory=list)
    texts: dict[str, str] = field(default_factory=dict)
    citations: int = 0
    problems: int = 0
    added: str = ""
    # What the extractor found wrong, per document it concerns: the text's own document,
    # and the cited document a problem's span falls in ("Công văn số 2891/UBND-VX ngày
    # 08/6/2026" in a plan of 2020). Shown on their pages (`KnowledgeBase.problems`).
    notes: list[ProblemNote] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "key": self.key, "digest": self.digest, "kind": self.kind, "document": self.document,
            "facts": [list(f) for f in self.facts], "edges": [e.to_json() for e in self.edges],
            "mentions": [m.to_json() for m in self.mentions], "texts": self.texts,
            "citations": self.citations, "problems": self.problems, "added": self.added,
            "notes": [n.to_json() for n in self.notes],
        }

    @classmethod
    def from_json(cls, obj: dict[str, Any]) -> SourceRecord:
        key = obj["key"]
        return cls(
            key=key, digest=obj["digest"], kind=obj["kind"], document=obj.get("document"),
            facts=[tuple(f) for f in obj["facts"]],
            edges=[EdgeAssertion.from_json(e, key) for e in obj["edges"]],
            mentions=[UnresolvedMention(**m) for m in obj.get("mentions", [])],
            texts=obj.get("texts", {}), citations=obj.get("citations", 0),
            problems=obj.get("problems", 0), added=obj.get("added", ""),
            notes=[ProblemNote(**n) for n in obj.get("notes", [])],
        )


@dataclass
class IngestReport:
    """What one `add_extraction` / catalog import changed (the `cancu ingest` summary)."""

    source_file: str
    document: str | None = None
    unchanged: bool = False
    replaced: bool = False
    documents: int = 0
    citations: int = 0
    new_nodes: int = 0
    edges: int = 0
    ambiguous: int = 0
    unresolved: int = 0
    problems: int = 0

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# --- query results -------------------------------------------------------------------------

@dataclass
class ChainNode:
    """One node of a `chain` tree. `relation` is how this node relates to its parent
    (down: it implements/guides/is based on the parent; up: the parent rests on it)."""

    id: str
    label: str
    relation: Relation | None = None
    children: list[ChainNode] = field(default_factory=list)
    truncated: bool = False  # more below, cut by the depth limit
    repeated: bool = False  # shown above (on its path, a cycle, or earlier in the tree): not expanded again

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "label": self.label,
            "relation": self.relation.value if self.relation else None,
            "truncated": self.truncated, "repeated": self.repeated,
            "children": [c.to_json() for c in self.children],
        }

    def walk(self) -> Iterator[ChainNode]:
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class CitedBy:
    """One citing document in the citator, with the relation it asserts and where."""

    source: str
    relation: Relation
    count: int
    sentences: list[str]
    asserted_by: list[str]

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "relation": self.relation.value, "count": self.count,
                "sentences": self.sentences, "asserted_by": self.asserted_by}


@dataclass
class GapItem:
    id: str
    documents: list[str]  # the province's documents that cite / claim to implement it

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class GapReport:
    """`unimplemented`: central documents the province's documents cite but none of them
    implements. `unknown_targets`: what the province's documents claim to implement but the
    KB knows only from citations (not in the catalog, no text ingested) or could not resolve."""

    province: str
    documents: int
    unimplemented: list[GapItem]
    unknown_targets: list[GapItem]

    def to_json(self) -> dict[str, Any]:
        return {"province": self.province, "documents": self.documents,
                "unimplemented": [g.to_json() for g in self.unimplemented],
                "unknown_targets": [g.to_json() for g in self.unknown_targets]}


# --- helpers -------------------------------------------------------------------------------

def content_digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _source_key(source: str | os.PathLike[str] | None) -> str | None:
    if source is None:
        return None
    text = os.fspath(source)
    if ":" in text.split("/", 1)[0] and not os.path.isabs(text):  # "catalog:x", "package:seeds/.."
        return text
    return str(Path(text).resolve())


def display_name(doc: Document) -> str:
    """"Nghị định 61/2018/NĐ-CP", "Kế hoạch 151/KH-UBND ngày 21/12/2020", or the name: its
    title, or for a document known only by the name it is cited by, the longest such name
    ("Khung kiến trúc Chính phủ điện tử Việt Nam, phiên bản 2.0"), not its id."""
    if doc.symbol:
        head = f"{doc.doc_type} {doc.symbol}" if doc.doc_type else doc.symbol
        sym = parse_symbol(doc.symbol)
        if sym is not None and sym.year is None and doc.date:
            head += f" ngày {doc.date.day:02d}/{doc.date.month:02d}/{doc.date.year}"
        return head
    if doc.id.startswith("file/"):  # a text whose own number is blank (a draft)
        return f"{doc.doc_type or 'Văn bản'} (chưa có số, {doc.id[5:]})"
    if doc.title:
        return doc.title if not doc.doc_type or fold(doc.title).startswith(fold(doc.doc_type)) \
            else f"{doc.doc_type} {doc.title}"
    if doc.aliases:
        return max(sorted(doc.aliases), key=len)
    return doc.id


def _best(values: dict[str, list[str]], *, prefer_long: bool = False) -> str | None:
    if not values:
        return None

    def score(item: tuple[int, tuple[str, list[str]]]) -> tuple[int, int, int]:
        order, (value, sources) = item
        catalog = any(s.startswith(CATALOG_PREFIX) for s in sources)
        return (len(sources), len(value) if prefer_long else int(catalog), -order)

    return max(enumerate(values.items()), key=score)[1][0]


class KnowledgeBase:
    """Documents and their relations, with provenance. Create with `open_kb()` or
    `KnowledgeBase.load(dir)`; an empty in-memory KB is `KnowledgeBase()`."""

    def __init__(self, directory: str | os.PathLike[str] | None = None, *,
                 resolver: Resolver | None = None) -> None:
        # dir is None only for an in-memory KB (tests, tools): `save()` then needs a dir.
        self.dir: Path | None = Path(directory) if directory is not None else None
        self.version: int = 0
        self.resolver: Resolver = resolver or DefaultResolver()
        self.graph: nx.MultiDiGraph = nx.MultiDiGraph()
        self.timings: dict[str, float] = {}
        self.warnings: list[str] = []  # what could not be done while building (shown by the CLI)
        self._docs: dict[str, Document] = {}
        self._sources: dict[str, SourceRecord] = {}
        self._text_owner: dict[str, str] = {}
        # Lookup indexes, maintained as nodes change.
        self._node_keys: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {}
        self._by_symbol: dict[str, set[str]] = {}
        self._by_name: dict[str, set[str]] = {}
        self._by_loose: dict[str, set[str]] = {}
        # Nodes whose index keys are stale. Indexing is deferred to the first lookup: a
        # `cancu show cp/2018/nd/61` after loading needs no index at all.
        self._stale: set[str] = set()
        self.cache: dict[str, Any] = {}  # derived views (RDF graph...) keyed with the version

    # -- persistence --

    @classmethod
    def load(cls, directory: str | os.PathLike[str], *, resolver: Resolver | None = None) -> KnowledgeBase:
        """Load the KB saved in `directory` (an empty KB if there is none yet)."""
        kb = cls(directory, resolver=resolver)
        state, read_s = store.read_state(Path(directory))
        started = time.perf_counter()
        if state is not None:
            try:
                records = [SourceRecord.from_json(obj) for obj in state["sources"]]
                for record in records:
                    kb._apply(record)
                kb.version = int(state["version"])
            except (KeyError, TypeError, ValueError) as exc:
                raise store.KBCorruptError(
                    f"Kho tri thức {store.kb_file(Path(directory))} có nội dung không hợp lệ ({exc!r}).\n"
                    f"The knowledge base content is invalid.\n{store.rebuild_hint(Path(directory))}"
                ) from None
        kb.timings["load_read_s"] = read_s
        kb.timings["load_replay_s"] = time.perf_counter() - started
        kb.timings["load_s"] = read_s + kb.timings["load_replay_s"]
        return kb

    def to_state(self) -> dict[str, Any]:
        return {"version": self.version, "saved_at": dt.datetime.now(dt.UTC).isoformat(),
                "sources": [r.to_json() for r in self._sources.values()]}

    def save(self, directory: str | os.PathLike[str] | None = None) -> float:
        """Write the KB atomically to its directory. Callers that change a shared KB hold
        `store.kb_lock(dir)` from load to save (the CLI does)."""
        target = Path(directory) if directory is not None else self.dir
        if target is None:
            raise store.KBError("Chưa chỉ định thư mục kho tri thức. / No knowledge-base directory given.")
        self.dir = target
        seconds = store.write_state(target, self.to_state())
        self.timings["save_s"] = seconds
        return seconds

    # -- read API --

    def __len__(self) -> int:
        return len(self._docs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._docs

    def documents(self) -> Iterator[Document]:
        return iter(list(self._docs.values()))

    def get(self, doc_id: str) -> Document | None:
        return self._docs.get(doc_id)

    def sources(self) -> list[SourceRecord]:
        return list(self._sources.values())

    def source(self, key: str) -> SourceRecord | None:
        """The record of one source (`IngestReport.source_file`), if stored."""
        return self._sources.get(key)

    def unresolved_mentions(self, status: str | None = None) -> list[UnresolvedMention]:
        """Mentions kept out of the graph: `status="ambiguous"` for several candidates."""
        return [m for r in self._sources.values() for m in r.mentions if status in (None, m.status)]

    def ambiguous(self) -> list[UnresolvedMention]:
        return self.unresolved_mentions("ambiguous")

    def _shown(self, source: str, target: str, key: str) -> bool:
        """Whether the stored edge is one of the KB's edges.
        - `cites` is none beside a stronger relation between the same two documents
          (docs/extract-json.md, "edges"). A text that rests on a decree names it again
          ("theo Điều 13 Nghị định 61/2018/NĐ-CP"), the catalog links what a title says the
          document guides: one relation each, not two.
        - A consolidated text (văn bản hợp nhất) ends nothing: it reproduces the final
          provisions of the laws it consolidates ("Luật Đất đai số 45/2013/QH13 ... hết hiệu
          lực kể từ ngày Luật này có hiệu lực"), and is dated when it was compiled.
        The graph keeps what it hides, so withdrawing the stronger edge's sources shows the
        `cites` again."""
        if key in _ENDING_KEYS:
            doc = self._docs.get(source)
            return doc is None or not doc.consolidated
        return key != _CITES or self.graph.number_of_edges(source, target) == 1

    def _shown_between(self, source: str, target: str) -> int:
        """How many of the stored edges from `source` to `target` are shown (`_shown`)."""
        keys = self.graph[source][target] if self.graph.has_edge(source, target) else ()
        return sum(self._shown(source, target, k) for k in keys)

    def edge_count(self) -> int:
        """The number of edges `edges()` gives."""
        return sum(self._shown(s, t, k) for s, t, k in self.graph.edges(keys=True))

    def edges(self, relation: Relation | None = None) -> Iterator[Edge]:
        for s, t, k, data in self.graph.edges(keys=True, data=True):
            if (relation is None or k == relation.value) and self._shown(s, t, k):
                yield Edge(s, Relation(k), t, list(data["prov"]))

    def edges_from(self, doc_id: str) -> list[Edge]:
        if doc_id not in self.graph:
            return []
        out = [Edge(doc_id, Relation(k), t, list(d["prov"]))
               for _, t, k, d in self.graph.out_edges(doc_id, keys=True, data=True) if self._shown(doc_id, t, k)]
        return sorted(out, key=lambda e: (_RELATION_ORDER[e.relation], e.target))

    def edges_to(self, doc_id: str) -> list[Edge]:
        if doc_id not in self.graph:
            return []
        out = [Edge(s, Relation(k), doc_id, list(d["prov"]))
               for s, _, k, d in self.graph.in_edges(doc_id, keys=True, data=True) if self._shown(s, doc_id, k)]
        return sorted(out, key=lambda e: (_RELATION_ORDER[e.relation], e.source))

    def citation_contexts(self, doc_id: str) -> list[str]:
        """Sentences in other documents that cite `doc_id` (search indexes them): every
        mention's, a `cites` beside a stronger edge too."""
        if doc_id not in self.graph:
            return []
        seen: dict[str, None] = {}
        stored = sorted(self.graph.in_edges(doc_id, keys=True, data=True),
                        key=lambda e: (_RELATION_ORDER[Relation(e[2])], e[0]))
        for _, _, _, d in stored:
            for p in d["prov"]:
                if p.context and p.source != doc_id:
                    seen.setdefault(p.context, None)
        return list(seen)

    def authority(self, doc_id: str) -> int:
        """Distinct documents resting on `doc_id` (based_on / implements / guides)."""
        return len({e.source for e in self.edges_to(doc_id) if e.relation in CHAIN_RELATIONS})

    def status(self, doc_id: str, on: dt.date | None = None) -> str | None:
        """`doc_id`'s validity status on the day `on` (default: today), from its dates and
        the documents replacing or repealing it, not the status frozen when the catalog was
        built (graph/validity.py)."""
        doc = self.get(doc_id)
        if doc is None:
            return None
        ending = (self.get(e.source) for e in self.edges_to(doc_id) if e.relation in validity.ENDING)
        return validity.status_on(doc, (d for d in ending if d is not None), on)

    def cited_by(self, doc_id: str) -> list[CitedBy]:
        """The citator: every document with a relation to `doc_id`, strongest relations first.
        A document's own sentences that mention `doc_id` beside a stronger relation (a `cites`
        that is no edge of its own, `_shown`) are quoted under its strongest one: where else
        the plan uses the decree it rests on. Another source's `cites` (a catalog's links)
        is not quoted there: it asserts no such relation."""
        rows = []
        for edge in self.edges_to(doc_id):
            sentences = list(dict.fromkeys(p.sentence for p in edge.provenance if p.sentence))
            asserted = list(dict.fromkeys(p.source for p in edge.provenance))
            rows.append(CitedBy(edge.source, edge.relation, edge.count, sentences, asserted))
        rows.sort(key=lambda r: (_RELATION_ORDER[r.relation], -r.count, r.source))
        if not rows:
            return rows
        strongest: dict[str, CitedBy] = {}
        for row in rows:
            strongest.setdefault(row.source, row)
        for source, _, key, data in self.graph.in_edges(doc_id, keys=True, data=True):
            first = strongest.get(source)
            if first is None or self._shown(source, doc_id, key):
                continue
            for p in data["prov"]:
                if p.source == source and p.sentence and p.sentence not in first.sentences:
                    first.sentences.append(p.sentence)
        return rows

    def co_cited(self, doc_id: str, limit: int = 20) -> list[tuple[str, int]]:
        """Documents most often cited by the same documents that cite `doc_id`."""
        counts: dict[str, int] = {}
        for citing in {e.source for e in self.edges_to(doc_id)}:
            for other in {e.target for e in self.edges_from(citing)}:
                if other != doc_id:
                    counts[other] = counts.get(other, 0) + 1
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]

    def chain(self, doc_id: str, direction: str = "down", depth: int = 3) -> ChainNode:
        """Implementation chain as a tree. down: documents that implement / guide / are based
        on `doc_id`, recursively (implementers of implementers); up: what it rests on (bases
        of bases). Cycles are cut (`repeated`), the depth limit is marked (`truncated`)."""
        if direction not in ("down", "up"):
            raise ValueError("direction must be 'down' or 'up'")
        if doc_id not in self._docs:
            raise KeyError(doc_id)

        def neighbours(node: str) -> list[tuple[Relation, str]]:
            edges = self.edges_to(node) if direction == "down" else self.edges_from(node)
            # One entry per document, under its strongest relation: a plan that implements
            # a decree and also names it among its căn cứ is listed once, as implementing.
            best: dict[str, Relation] = {}
            for e in edges:
                other = e.source if direction == "down" else e.target
                if e.relation in CHAIN_RELATIONS and (
                        other not in best or _CHAIN_ORDER[e.relation] < _CHAIN_ORDER[best[other]]):
                    best[other] = e.relation
            return sorted(((r, n) for n, r in best.items()),
                          key=lambda p: (_CHAIN_ORDER[p[0]], self._sort_date(p[1]), p[1]))

        # Each document is expanded once, where the tree (read top to bottom) first shows
        # it; later it is marked as shown above: a decision implementing three plans of the
        # chain would otherwise repeat its whole subtree under each. A Sở's plan
        # implementing both a decree and the province's plan on it is shown under the
        # province's plan, and beside it as shown above.
        expanded: set[str] = set()

        def build(node: str, relation: Relation | None, level: int, path: frozenset[str]) -> ChainNode:
            doc = self._docs[node]
            item = ChainNode(node, display_name(doc), relation)
            if node in path or node in expanded:
                item.repeated = True
                return item
            nexts = neighbours(node)
            if level >= depth:
                # Cut by the depth limit, not shown: a copy higher up is expanded in full.
                item.truncated = bool(nexts)
                return item
            expanded.add(node)
            item.children = [build(n, r, level + 1, path | {node}) for r, n in nexts]
            return item

        return build(doc_id, None, 0, frozenset())

    def gaps(self, province: str) -> GapReport:
        """See `GapReport`. Provinces compare however written ("tỉnh Quảng Ngãi" == "quang
        ngai"), and a province's documents include those of the units it absorbed (Bình Định's
        plans are Gia Lai's since 01/7/2025: `places.same_province`)."""
        members = {d.id for d in self._docs.values() if same_province(d.province, province)}
        cited: dict[str, set[str]] = {}
        implemented: set[str] = set()
        unknown: dict[str, set[str]] = {}
        for src in members:
            for edge in self.edges_from(src):
                target = self._docs.get(edge.target)
                if target is None or not self._is_central(target):
                    continue
                cited.setdefault(edge.target, set()).add(src)
                if edge.relation is Relation.IMPLEMENTS:
                    implemented.add(edge.target)
                    if not self._known_beyond_mentions(edge.target):
                        unknown.setdefault(edge.target, set()).add(src)
        for m in self.unresolved_mentions():
            if m.relation == Relation.IMPLEMENTS.value and m.claimed_by is not None and m.claimed_by in members:
                unknown.setdefault(f"?{m.text}", set()).add(m.claimed_by)
        unimplemented = [GapItem(t, sorted(s)) for t, s in cited.items() if t not in implemented]
        unimplemented.sort(key=lambda g: (-len(g.documents), g.id))
        unknown_items = sorted((GapItem(t, sorted(s)) for t, s in unknown.items()), key=lambda g: g.id)
        return GapReport(province, len(members), unimplemented, unknown_items)

    def lookup(self, text: str) -> list[str]:
        """Ids for any way of writing a document: an id, a symbol however written
        ("61/2018/ND-CP", "nd 61/2018", "Nghị định 61/2018/NĐ-CP", "Kế hoạch 61/KH-UBND 2019"),
        or a name/title ("Luật Công nghệ thông tin"). Several ids: the text is ambiguous."""
        text = squash_ws(text or "")
        if not text:
            return []
        if text in self._docs:
            return [text]
        if is_doc_id(text.lower()) and text.lower() in self._docs:
            return [text.lower()]
        direct = parse_symbol(text)
        if direct is not None and direct.year is not None:  # "61/2018/ND-CP": the id follows
            doc_id = document_id(direct)
            legislature = bool(direct.issuers) and direct.issuers[0].startswith(("QH", "UBTVQH"))
            if doc_id in self._docs and not legislature:
                return [doc_id]
        self._ensure_index()
        found = self._lookup_symbol(text)
        if found is not None:
            return found
        return self._lookup_name(text) or self._lookup_parts(text)

    # -- NodeIndex (for resolvers) --

    def canonical_id(self, doc_id: str) -> str | None:
        return doc_id if doc_id in self._docs else None

    def ids_with_symbol(self, key: str) -> list[str]:
        self._ensure_index()
        return sorted(self._by_symbol.get(key, ()))

    def ids_with_name(self, key: str) -> list[str]:
        self._ensure_index()
        return sorted(self._by_name.get(key, ()))

    def names_beginning(self, key: str) -> dict[str, list[str]]:
        self._ensure_index()
        head = key + " "
        return {k: sorted(ids) for k, ids in self._by_name.items() if k.startswith(head)}

    def subjects_of(self, doc_id: str) -> list[str]:
        doc = self._docs.get(doc_id)
        if doc is None:
            return []
        out = list(doc.facts.get("title", {})) + list(doc.facts.get("subjects", {}))
        return out

    def problems(self, doc_id: str) -> list[ProblemNote]:
        """What the extractor found wrong about a document, in every source: in its own text,
        and where a citing text writes it wrongly (a date later than the citing document)."""
        return [n for record in self._sources.values() for n in record.notes if n.node == doc_id]

    def date_of(self, doc_id: str) -> dt.date | None:
        doc = self._docs.get(doc_id)
        return doc.date if doc else None

    # -- writing --

    def add_extraction(self, extraction: Extraction, *,
                       source_file: str | os.PathLike[str] | None = None) -> IngestReport:
        """Add what one text asserts. The same content again changes nothing; changed
        content under the same `source_file` replaces the earlier assertions."""
        digest = content_digest(extraction.text)
        key = _source_key(source_file) or _source_key(extraction.file) or f"text:{digest[:16]}"
        old = self._sources.get(key)
        if old is not None and old.digest == digest:
            return IngestReport(key, old.document, unchanged=True)
        twin = self._same_content(digest, key)
        if twin is not None:  # the same text under another path (a copy): nothing new to say
            return IngestReport(key, twin.document, unchanged=True)
        if old is not None:
            self._withdraw(old)
        resolution = self.resolver.resolve_extraction(extraction, self)
        record = self._record_from_extraction(extraction, resolution, key, digest)
        report = self._commit(record)
        report.replaced = old is not None
        report.citations = len(extraction.citations)
        report.problems = len(extraction.problems)
        report.documents = 1
        return report

    def add_record(self, record: SourceRecord) -> IngestReport:
        """Apply a prepared record (catalog importers build one); same replace rules."""
        old = self._sources.get(record.key)
        if old is not None and old.digest == record.digest:
            return IngestReport(record.key, old.document, unchanged=True)
        if self._same_content(record.digest, record.key) is not None:
            return IngestReport(record.key, None, unchanged=True)
        if old is not None:
            self._withdraw(old)
        report = self._commit(record)
        report.replaced = old is not None
        report.documents = len({f[0] for f in record.facts})
        return report

    def remove_source(self, source_file: str | os.PathLike[str]) -> bool:
        """Withdraw everything a source asserted. False if it was never ingested."""
        key = _source_key(source_file) or os.fspath(source_file)
        record = self._sources.get(key)
        if record is None:
            return False
        self._withdraw(record)
        self.version += 1
        return True

    # -- internals: records --

    def _same_content(self, digest: str, key: str) -> SourceRecord | None:
        for record in self._sources.values():
            if record.digest == digest and record.key != key:
                return record
        return None

    def _commit(self, record: SourceRecord) -> IngestReport:
        before = set(self._docs)
        # Counted over the pairs the record touches: a stronger edge that hides a `cites`
        # is no new edge.
        pairs = {(e.source, e.target) for e in record.edges}
        edges_before = sum(self._shown_between(s, t) for s, t in pairs)
        record.added = record.added or dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        self._apply(record)
        self.version += 1
        return IngestReport(
            record.key, record.document,
            new_nodes=len(set(self._docs) - before),
            edges=sum(self._shown_between(s, t) for s, t in pairs) - edges_before,
            ambiguous=sum(1 for m in record.mentions if m.status == "ambiguous"),
            unresolved=sum(1 for m in record.mentions if m.status != "ambiguous"),
        )

    def _apply(self, record: SourceRecord) -> None:
        self._sources[record.key] = record
        dirty: set[str] = set()
        for node, attr, value, label in record.facts:
            doc = self._docs.get(node)
            if doc is None:
                doc = self._docs[node] = Document(id=node)
                self.graph.add_node(node)
            doc.facts.setdefault(attr, {}).setdefault(value, []).append(label)
            dirty.add(node)
        for node, text in record.texts.items():
            if node in self._docs:
                self._docs[node].text = text
                self._text_owner[node] = record.key
        for edge in record.edges:
            for node in (edge.source, edge.target):
                if node not in self._docs:
                    self._docs[node] = Document(id=node)
                    self.graph.add_node(node)
                    dirty.add(node)
            rel = edge.relation.value
            if self.graph.has_edge(edge.source, edge.target, key=rel):
                self.graph.edges[edge.source, edge.target, rel]["prov"].append(edge.provenance)
            else:
                self.graph.add_edge(edge.source, edge.target, key=rel, prov=[edge.provenance])
        for node in dirty:
            self._refresh(node)
        self.cache.clear()

    def _withdraw(self, record: SourceRecord) -> None:
        self._sources.pop(record.key, None)
        dirty: set[str] = set()
        for node, attr, value, label in record.facts:
            doc = self._docs.get(node)
            if doc is None:
                continue
            values = doc.facts.get(attr, {})
            sources = values.get(value)
            if sources and label in sources:
                sources.remove(label)
                if not sources:
                    del values[value]
                if not values:
                    doc.facts.pop(attr, None)
            dirty.add(node)
        for node in record.texts:
            if self._text_owner.get(node) == record.key and node in self._docs:
                self._docs[node].text = None
                del self._text_owner[node]
        for edge in record.edges:
            rel = edge.relation.value
            if not self.graph.has_edge(edge.source, edge.target, key=rel):
                continue
            provs: list[Provenance] = self.graph.edges[edge.source, edge.target, rel]["prov"]
            for i, p in enumerate(provs):
                if p.file == record.key and p == edge.provenance:
                    del provs[i]
                    break
            if not provs:
                self.graph.remove_edge(edge.source, edge.target, key=rel)
            dirty.update((edge.source, edge.target))
        for node in dirty:
            doc = self._docs.get(node)
            if doc is None:
                continue
            if not doc.facts and self.graph.degree(node) == 0 and node not in self._text_owner:
                self._unindex(node)
                del self._docs[node]
                self.graph.remove_node(node)
            else:
                self._refresh(node)
        self.cache.clear()

    def _refresh(self, node: str) -> None:
        """Recompute a node's shown values from its facts, and its index keys."""
        doc = self._docs[node]
        f = doc.facts
        doc.doc_type = _best(f.get("doc_type", {}))
        doc.symbol = _best(f.get("symbol", {}))
        doc.issuer = _best(f.get("issuer", {}))
        doc.province = _best(f.get("province", {}))
        doc.locality = _best(f.get("locality", {}))
        doc.status = _best(f.get("status", {}))
        date = _best(f.get("date", {}))
        doc.date = dt.date.fromisoformat(date) if date else None
        eff = _best(f.get("effective_date", {}))
        doc.effective_date = dt.date.fromisoformat(eff) if eff else None
        doc.title = _best(f.get("title", {})) or _best(f.get("subjects", {}), prefer_long=True)
        doc.aliases = set(f.get("aliases", {}))
        issuer = vocab.issuer(doc.issuer.split("-")[0]) if doc.issuer else None
        doc.issuer_name = _best(f.get("issuer_name", {})) or (issuer.name if issuer else None)
        doc.level = _best(f.get("level", {})) or (issuer.level if issuer else None)
        self._stale.add(node)

    def warm(self) -> None:
        """Build the lookup indexes now, not on the first lookup that needs them (over a
        second for the national catalog, which a server's first visitor would wait for)."""
        self._ensure_index()

    def _ensure_index(self) -> None:
        if self._stale:
            stale, self._stale = self._stale, set()
            for node in stale:
                if node in self._docs:
                    self._reindex(node)

    # -- internals: lookup indexes --

    def _keys_for(self, doc: Document) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
        sym_keys: list[str] = []
        loose: list[str] = []
        names: list[str] = []
        for written in doc.facts.get("symbol", {}):
            sym = parse_symbol(written)
            if sym is None:
                continue
            sym_keys.append(symbol_key(sym, doc.province, doc.locality))
            loose.append(_loose_key(sym.number_text, sym.type_code))
        if doc.consolidated:
            # A consolidated text is headed by the law it consolidates ("LUẬT DOANH NGHIỆP"),
            # but "Luật Doanh nghiệp" in another text names the law, never the text.
            return tuple(dict.fromkeys(sym_keys)), (), tuple(dict.fromkeys(loose))
        if doc.title and doc.doc_type:
            names.append(name_key(f"{doc.doc_type} {doc.title}"))
        for title in doc.facts.get("title", {}):
            names.append(name_key(title))
            if doc.doc_type:
                names.append(name_key(f"{doc.doc_type} {title}"))
        for alias in doc.facts.get("aliases", {}):
            names.append(name_key(alias))
        if doc.id.startswith("name/"):
            names.append(doc.id[5:].replace("-", " "))
        return tuple(dict.fromkeys(sym_keys)), tuple(dict.fromkeys(k for k in names if k)), tuple(dict.fromkeys(loose))

    def _reindex(self, node: str) -> None:
        self._unindex(node)
        keys = self._keys_for(self._docs[node])
        self._node_keys[node] = keys
        for index, ks in zip((self._by_symbol, self._by_name, self._by_loose), keys, strict=True):
            for k in ks:
                index.setdefault(k, set()).add(node)

    def _unindex(self, node: str) -> None:
        self._stale.discard(node)
        old = self._node_keys.pop(node, None)
        if not old:
            return
        for index, ks in zip((self._by_symbol, self._by_name, self._by_loose), old, strict=True):
            for k in ks:
                bucket = index.get(k)
                if bucket is not None:
                    bucket.discard(node)
                    if not bucket:
                        del index[k]

    _SYMBOL_TOKEN = re.compile(r"\d{1,6}[a-zA-Z]?(?:\s?[-/]\s?[0-9A-Za-zĐđ&]+)+")
    _YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?!\d)")

    def _lookup_symbol(self, text: str) -> list[str] | None:
        """None when `text` holds no symbol-like token (then it is a name)."""
        m = self._SYMBOL_TOKEN.search(text)
        if m is None:
            return None
        token = m.group(0)
        before, after = text[: m.start()], text[m.end():]
        sym = parse_symbol(token)
        years = [int(y) for y in self._YEAR.findall(after)]
        year = years[-1] if years else None
        type_code = self._type_code_in(before)
        if sym is not None and (sym.type_code or sym.year or sym.issuers):
            candidates = self._by_symbol_any_province(sym)
            if sym.year is None and year is not None:
                candidates = [c for c in candidates if self._year_of(c) == year]
            province = self._province_in(after) or self._province_in(before)
            if province:
                candidates = [c for c in candidates if slug(self._docs[c].province or "") == province] or candidates
            return sorted(candidates, key=lambda c: (self._sort_date(c), c))
        # "nd 61/2018": number and year, the type from the word before.
        num = re.match(r"(\d{1,6}[a-zA-Z]?)\s?/\s?(\d{4})", token)
        if not num:
            return []
        number = _number_text(num.group(1))
        year = int(num.group(2))
        found = set(self._by_loose.get(_loose_key(number, type_code), ())) if type_code else \
            self._ids_with_number(number)
        return sorted(c for c in found if self._year_of(c) == year)

    def _ids_with_number(self, number: str) -> set[str]:
        """Documents whose symbol has this number (`_number_text` form), of any type."""
        return {c for k, ids in self._by_loose.items() if k.split("|")[0] == number for c in ids}

    def _lookup_parts(self, text: str) -> list[str]:
        """A symbol typed as its parts, as search reads them ("qd 749 ttg", "nghị định 61
        năm 2018", "kh 151 ubnd 2020"): every document whose symbol has every part typed.
        Only a text that is nothing but such parts, with a number and its issuer or year:
        numbers restart every year at every agency, so "qd 749" names no document even
        when the KB holds one QĐ 749. The parts are search's (`search.parse_query`), so
        `cancu show` finds what `cancu search` answers. Several documents: the text is
        ambiguous, as for a symbol."""
        keys = self._typed_parts(text)
        if not any(k.startswith(("i:", "y:")) for k in keys):
            return []
        return self._with_parts(keys)

    def candidates(self, text: str) -> list[str]:
        """The documents a symbol typed as too few parts to name one may mean ("nghị định
        61": every Nghị định numbered 61), for a caller to list as ambiguous rather than say
        nothing is found: what `cancu search` answers for the same text."""
        keys = self._typed_parts(text)
        if not keys:
            return []
        self._ensure_index()
        return self._with_parts(keys)

    @staticmethod
    def _typed_parts(text: str | None) -> set[str]:
        """Search's n:/t:/i:/y: keys of a text that is nothing but a symbol's parts; none
        for any other text."""
        if not any(ch.isdigit() for ch in text or ""):
            return set()
        from cancu.graph.search import parse_query  # search builds on the KB, not the reverse

        parsed = parse_query(text or "").symbol
        if parsed is None or not parsed.pure:
            return set()
        return {k for k in parsed.keys if not k.startswith("s:")}

    def _with_parts(self, keys: set[str]) -> list[str]:
        """Documents whose symbol has every part of `keys` (search's n:/t:/i:/y: keys)."""
        from cancu.graph.search import symbol_keys

        number = next((k[2:] for k in keys if k.startswith("n:")), None)
        if number is None:
            return []
        out = []
        for doc_id in self._ids_with_number(_number_text(number)):
            doc = self._docs[doc_id]
            year = doc.date.year if doc.date else None
            have = symbol_keys(None, aliases=list(doc.facts.get("symbol", {})), year=year, doc_type=doc.doc_type)
            if keys <= have:
                out.append(doc_id)
        return sorted(out, key=lambda c: (self._sort_date(c), c))

    def _by_symbol_any_province(self, sym: Symbol) -> list[str]:
        base = sym.canonical()
        out: set[str] = set(self._by_symbol.get(base, ()))
        prefix = base + "@"
        # Local symbols are keyed per province; a bare "61/KH-UBND" means any province.
        out.update(c for k, ids in self._by_symbol.items() if k.startswith(prefix) for c in ids)
        return list(out)

    def _type_code_in(self, text: str) -> str | None:
        words = re.findall(r"[^\W\d_]+", text)
        for n in (3, 2, 1):
            for i in range(len(words) - n, -1, -1):
                phrase = " ".join(words[i:i + n])
                t = vocab.doc_type_by_word(phrase)
                if t is not None and t.code:
                    return t.code
                if n == 1:
                    code = vocab.canonical_type_code(phrase)
                    if code:
                        return code
        return None

    def _province_in(self, text: str) -> str | None:
        key = slug(text)
        if not key:
            return None
        provinces = {slug(d.province) for d in self._docs.values() if d.province}
        for p in sorted(provinces, key=len, reverse=True):
            if p and p in key:
                return p
        return None

    def _lookup_name(self, text: str) -> list[str]:
        key = name_key(text)
        if not key:
            return []
        exact = self._by_name.get(key)
        if exact:
            return sorted(exact, key=lambda c: (self._sort_date(c), c))
        # Whole words, and accents as written when the text has them: folded, "Hiến pháp"
        # is inside "thực hiện pháp điển" ("thuc hien phap dien").
        padded = f" {key} "
        hits = sorted({c for k, ids in self._by_name.items() if padded in f" {k} " for c in ids},
                      key=lambda c: (len(self._docs[c].title or ""), c))
        typed = _words_lower(text).split()
        if fold(text) == text.lower():
            return hits[:20]
        out: list[str] = []
        for c in hits:  # the shortest titles first: at most 20 are needed
            names = self._names_of(c)
            if not names or any(_accents_agree(typed, _words_lower(n).split()) for n in names):
                out.append(c)
                if len(out) == 20:
                    break
        return out

    def _names_of(self, doc_id: str) -> list[str]:
        """The written names the name index holds for a document: its titles and aliases,
        each also with its type word."""
        doc = self._docs[doc_id]
        names = [*doc.facts.get("title", {}), *doc.facts.get("aliases", {})]
        return names + [f"{doc.doc_type} {n}" for n in names if doc.doc_type]

    def _year_of(self, doc_id: str) -> int | None:
        doc = self._docs[doc_id]
        if doc.date:
            return doc.date.year
        parts = doc_id.split("/")
        return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None

    def _sort_date(self, doc_id: str) -> str:
        doc = self._docs.get(doc_id)
        return doc.date.isoformat() if doc and doc.date else "9999"

    def _is_central(self, doc: Document) -> bool:
        if doc.province:
            return False
        if doc.issuer:
            return not vocab.is_local_issuer(doc.issuer.split("-")[0])
        return not doc.id.startswith("file/")

    def _known_beyond_mentions(self, doc_id: str) -> bool:
        doc = self._docs[doc_id]
        if doc_id in self._text_owner:
            return True
        return any(label.startswith(CATALOG_PREFIX)
                   for values in doc.facts.values() for labels in values.values() for label in labels)

    # -- internals: from an extraction to a record --

    def _record_from_extraction(self, ex: Extraction, res: ExtractionResolution, key: str,
                                digest: str) -> SourceRecord:
        doc_id = res.document.id
        assert doc_id is not None  # the resolver always gives the document itself an id
        record = SourceRecord(key=key, digest=digest, kind="text", document=doc_id,
                              citations=len(ex.citations), problems=len(ex.problems))
        record.texts[doc_id] = ex.text
        self._ref_facts(record, doc_id, ex.document, ex.document.province, own=True, label=doc_id)
        if ex.effective_date:
            record.facts.append((doc_id, "effective_date", ex.effective_date.isoformat(), doc_id))

        # A date written later than the citing document ("Công văn số 2891/UBND-VX ngày
        # 08/6/2026" in a plan of 2020) is a slip, no fact about the cited document.
        doubtful = [(p.start, p.end) for p in ex.problems if p.kind in DOUBTFUL_DATES and p.start is not None]
        for p in ex.problems:
            # Quoted as the citation it is in ("Công văn số 2891/UBND-VX ngày 08/6/2026 ..."),
            # else as written.
            ref = next((c for c in ex.citations if p.start is not None and c.start <= p.start < c.end), None)
            quote = squash_ws(ref.text) if ref is not None else \
                squash_ws(ex.text[p.start:p.end]) if p.start is not None and p.end is not None else ""
            record.notes.append(ProblemNote(doc_id, doc_id, p.kind, p.message, quote, p.start, p.end))
        # An administrative number restarts every year, so its identity is its year, read from
        # its date: a doubtful date gives none ("Công văn số 2891/UBND-VX ngày 08/6/2026" in a
        # plan of 2020), and the citation is kept out of the graph, as with an invalid one.
        citations = list(res.citations)
        for n, ref in enumerate(ex.citations):
            if citations[n].status is ResolutionStatus.NEW and ref.symbol is not None and ref.symbol.year is None \
                    and any(ref.start <= a < ref.end for a, _ in doubtful):
                citations[n] = Resolution(ResolutionStatus.UNRESOLVED, reason=(
                    f"{ref.symbol.canonical()}: ngày ghi kèm không tin được nên không biết năm ban hành; "
                    "số văn bản hành chính bắt đầu lại mỗi năm"))
        resolved: list[str | None] = []
        for ref, r in zip(ex.citations, citations, strict=True):
            resolved.append(r.id)
            if r.id is None:
                continue
            for p in ex.problems:
                if p.start is not None and ref.start <= p.start < ref.end and r.id != doc_id:
                    record.notes.append(ProblemNote(r.id, doc_id, p.kind, p.message, squash_ws(ref.text),
                                                    p.start, p.end))
            if ref.date is not None and any(ref.start <= a < ref.end for a, _ in doubtful):
                ref = replace(ref, date=None)
            province = ref.province
            if province is None and ref.symbol and ref.symbol.issuers and vocab.is_local_issuer(ref.symbol.issuers[0]):
                province = ex.document.province
            elif province is None and ref.symbol is None and ref.doc_type is None and not ref.issuer and ref.name:
                # A work known by its name alone, which names its province ("Kiến trúc Chính
                # quyền điện tử tỉnh Quảng Ngãi"): that province's, not a central document.
                province = cued_province(ref.name)
            self._ref_facts(record, r.id, ref, province, own=False, label=doc_id)

        # Tasks are labelled as the plan numbers them ("8. Nâng cấp hạ tầng ..."), so a
        # reader finds the task in the text; the extractor may give the title alone.
        task_labels = [squash_ws(t.title) if re.match(r"\d", t.title.strip())
                       else f"{n}. {squash_ws(t.title)}" for n, t in enumerate(ex.tasks, 1)]

        def task_of(start: int) -> str | None:
            for task, label in zip(ex.tasks, task_labels, strict=True):
                if task.start <= start < task.end:
                    return label
            return None

        covered: set[int] = set()
        pending: dict[int, tuple[str, str | None]] = {}  # unresolved target -> (relation, claimant)
        for e in ex.edges:
            # None on either side is the document itself: "Căn cứ X" (source) or a passive
            # cue, "được hướng dẫn bởi X" (target).
            src = doc_id if e.source is None else resolved[e.source]
            tgt = doc_id if e.target is None else resolved[e.target]
            if e.source is None and e.target is not None:
                covered.add(e.target)
            if tgt is None:
                assert e.target is not None
                pending.setdefault(e.target, (e.relation.value, src))
                continue
            if src is None or src == tgt:
                continue
            record.edges.append(EdgeAssertion(src, e.relation, tgt, Provenance(
                doc_id, key, e.start, e.end, squash_ws(e.sentence) or None, task_of(e.start))))
        # A task's "Căn cứ áp dụng" names its legal bases even if no edge was extracted.
        spans = {(c.start, c.end): i for i, c in enumerate(ex.citations)}
        for task, label in zip(ex.tasks, task_labels, strict=True):
            for base in task.bases:
                i = spans.get((base.start, base.end))
                if i is None or i in covered:
                    continue
                covered.add(i)
                tgt = resolved[i]
                if tgt is None:
                    pending.setdefault(i, (Relation.BASED_ON.value, doc_id))
                    continue
                if tgt != doc_id:
                    record.edges.append(EdgeAssertion(doc_id, Relation.BASED_ON, tgt, Provenance(
                        doc_id, key, base.start, base.end, ex.quote(base.start, base.end),
                        label)))
        # Every other mention: the document cites it.
        for i, ref in enumerate(ex.citations):
            tgt = resolved[i]
            if i in covered or tgt is None or tgt == doc_id:
                continue
            record.edges.append(EdgeAssertion(doc_id, Relation.CITES, tgt, Provenance(
                doc_id, key, ref.start, ref.end, ex.quote(ref.start, ref.end), task_of(ref.start))))
        for i, (ref, r) in enumerate(zip(ex.citations, citations, strict=True)):
            if r.id is not None:
                continue
            relation, claimant = pending.get(i, (None, None))
            record.mentions.append(UnresolvedMention(
                key, doc_id, squash_ws(ref.text), ref.start, ref.end,
                "ambiguous" if r.status is ResolutionStatus.AMBIGUOUS else "unresolved",
                r.reason, list(r.candidates), relation, claimant,
                ex.quote(ref.start, ref.end)))
        return record

    @staticmethod
    def _ref_facts(record: SourceRecord, node: str, ref: DocumentRef, province: str | None,
                   *, own: bool, label: str) -> None:
        def add(attr: str, value: str | None) -> None:
            if value:
                record.facts.append((node, attr, value, label))

        add("doc_type", ref.doc_type)
        if ref.symbol is not None:
            add("symbol", ref.symbol.canonical())
            add("issuer", ref.issuer or ref.symbol.issuer or None)
        else:
            add("issuer", ref.issuer)
        if not own and ref.issuer_text:
            # One code, several bodies (TW: Bộ Chính trị, Ban Bí thư, ...): only how citing
            # documents name the issuer says which; a Party document's own header names the
            # Central Committee whichever body signed it.
            code = ref.issuer or (ref.symbol.issuer if ref.symbol is not None else None)
            found = vocab.issuer(code.split("-")[0]) if code else None
            if found is not None and found.bodies:
                add("issuer_name", vocab.issuer_body(found, ref.issuer_text))
        add("province", province)
        if province:
            add("locality", ref.locality)  # "huyện Sơn Tịnh": a unit's document, not the province's
        add("date", ref.date.isoformat() if ref.date else None)
        subject = squash_ws(ref.subject) if ref.subject else None
        add("title" if own else "subjects", subject)
        if ref.name:
            add("aliases", squash_ws(ref.name))


# Problem kinds that make a citation's written date no fact about the cited document.
DOUBTFUL_DATES = frozenset({"suspicious_date", "bad_date"})


_WORD = re.compile(r"\w+")


def _accents_agree(typed: list[str], name: list[str]) -> bool:
    """Whether the words `typed` stand in `name` in a row, each as typed: a word typed with
    accents must be written so ("Hiến" is not "hiện"), one typed without agrees with any
    ("Luat Hòa giải" is Luật Hòa giải)."""
    n = len(typed)
    for start in range(len(name) - n + 1):
        if all(typed_as(t, w) for t, w in zip(typed, name[start:start + n], strict=True)):
            return True
    return False


def _words_lower(text: str) -> str:
    """Lower-case words with their accents, single-spaced, punctuation dropped."""
    return " ".join(_WORD.findall(match_key(text)))


def _number_text(number: str) -> str:
    """A typed document number as symbols write it (`Symbol.number_text`): "1" -> "01",
    "30C" -> "30c"."""
    digits, letters = re.sub(r"[^0-9]", "", number), re.sub(r"[0-9]", "", number).lower()
    return f"{int(digits):02d}{letters}" if digits else number.lower()


def _loose_key(number_text: str, type_code: str | None) -> str:
    return f"{number_text.lower()}|{fold(type_code or '')}"


# --- opening the default KB ----------------------------------------------------------------

def build_default_kb(directory: str | os.PathLike[str] | None = None, *,
                     resolver: Resolver | None = None, seeds: bool = True) -> KnowledgeBase:
    """The KB a fresh install starts from, built from package data only (`data/`): the
    compact national catalog and the seed texts, read through the extractor."""
    from cancu.graph import catalog

    kb = KnowledgeBase(directory, resolver=resolver)
    packaged = catalog.load_packaged_catalog()
    if packaged is not None:
        catalog.import_catalog(kb, packaged, source=PACKAGED_CATALOG_SOURCE)
    if seeds:
        for name, text in catalog.packaged_seeds():
            ex = _extract(text, name, kb.warnings)
            if ex is not None:
                kb.add_extraction(ex, source_file=f"package:seeds/{name}")
    return kb


def _extract(text: str, file: str, warnings: list[str]) -> Extraction | None:
    try:
        from cancu.ingest.extract import extract_text
    except ImportError:  # the extractor is a separate layer; without it the KB is catalog-only
        warnings.append("Chưa có bộ trích xuất: kho mặc định chỉ có danh mục. / No extractor: catalog-only KB.")
        return None
    try:
        return extract_text(text, file=file)
    except Exception as exc:  # a broken extractor must not make the whole KB unusable
        warnings.append(f"Không trích xuất được {file}: {exc!r}. / Extraction failed for {file}.")
        return None


def open_kb(directory: str | os.PathLike[str] | None = None, *,
            resolver: Resolver | None = None) -> KnowledgeBase:
    """The KB in `directory` (else `$CANCU_HOME`, else the user data dir), built from the
    package data on first use."""
    from cancu import config

    target = config.kb_dir(directory)
    if store.kb_file(target).exists():
        return _with_current_catalog(KnowledgeBase.load(target, resolver=resolver), target, resolver)
    with store.kb_lock(target, wait_s=120):
        if store.kb_file(target).exists():  # built by another process while we waited
            return _with_current_catalog(KnowledgeBase.load(target, resolver=resolver), target, resolver)
        started = time.perf_counter()
        kb = build_default_kb(target, resolver=resolver)
        kb.timings["build_s"] = time.perf_counter() - started
        kb.save()
        _catalog_stamp_file(target).write_text(_packaged_catalog_stamp(), encoding="utf-8")
        return kb


PACKAGED_CATALOG_SOURCE = "catalog:cancu-data"
CATALOG_STAMP_FILE = "catalog.sha256"
CATALOG_REFRESH_WAIT_S = 10.0  # a reader waits this long for an ingest, then serves the KB as it is


def _catalog_stamp_file(target: Path) -> Path:
    return Path(target) / CATALOG_STAMP_FILE


def _packaged_catalog_stamp() -> str:
    """The sha256 of the shipped data/catalog.json.gz ("" when there is none): a cheap
    test of whether a KB holds the catalog this installation ships."""
    from cancu.graph import catalog

    path = catalog.packaged_catalog_path()
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _with_current_catalog(kb: KnowledgeBase, target: Path, resolver: Resolver | None) -> KnowledgeBase:
    """A KB started from the package data of an older installation holds that version's
    catalog: after an upgrade it would still offer Luật Tổ chức Chính phủ 76/2015 where the
    new catalog knows 63/2025 replaced it. The shipped catalog is imported again when its
    stamp changed; it replaces the old catalog's assertions only, so what the user ingested
    is kept. A KB that never held the packaged catalog is left as it is."""
    stamp = _packaged_catalog_stamp()
    marker = _catalog_stamp_file(target)
    if not stamp or (marker.exists() and marker.read_text(encoding="utf-8").strip() == stamp):
        return kb
    if not any(r.key == PACKAGED_CATALOG_SOURCE for r in kb.sources()):
        return kb
    from cancu.graph import catalog

    try:
        with store.kb_lock(target, wait_s=CATALOG_REFRESH_WAIT_S):
            # Loaded again under the lock: another process may have ingested or refreshed.
            kb = KnowledgeBase.load(target, resolver=resolver)
            if not (marker.exists() and marker.read_text(encoding="utf-8").strip() == stamp):
                packaged = catalog.load_packaged_catalog()
                if packaged is not None:
                    catalog.import_catalog(kb, packaged, source=PACKAGED_CATALOG_SOURCE)
                    kb.save()
                marker.write_text(stamp, encoding="utf-8")
    except (OSError, store.KBLockedError) as exc:
        # A read-only KB folder, or a long ingest holding the lock: serve what the KB holds,
        # say so, and try again at the next open.
        kb.warnings.append(f"Không cập nhật được danh mục trong {target}: {exc}. / "
                           f"Could not refresh the packaged catalog in {target}.")
    return kb


__all__ = [
    "KnowledgeBase", "open_kb", "build_default_kb", "ChainNode", "CitedBy", "GapItem", "GapReport",
    "IngestReport", "SourceRecord", "EdgeAssertion", "UnresolvedMention", "display_name",
    "CHAIN_RELATIONS",
]
