"""The one place where the web layer calls `cancu.graph` and `cancu.ingest`.

`Backend` holds the knowledge base of one app and answers every page and API route with
plain JSON (see `present.py`). It validates nothing about HTTP: routes check parameters and
limits first; this module only asks the graph and shapes the answer.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from cancu.graph import validity
from cancu.graph.currency import currency
from cancu.graph.kb import display_name
from cancu.graph.model import Document, Relation
from cancu.webui import present
from cancu.webui.limits import Limits
from cancu.webui.security import ApiError


class AnswerCache:
    """A bounded, least-recently-used cache of answers that depend only on the request and
    the knowledge base (in the manner of Solr's query result cache). Every key starts with
    `kb.version`, so after a change to the KB no older entry is reachable (the LRU order
    then evicts it): a stale answer is never served.

    Bounded twice: by entries, and by total `weight` (result rows), so a few 100-row pages
    cannot hold as much memory as a thousand 10-row ones. Answers are shared between
    requests, so callers must not mutate them."""

    def __init__(self, size: int, max_weight: int | None = None) -> None:
        self.size = max(0, size)
        self.max_weight = max_weight if max_weight is not None else self.size
        self._lock = threading.Lock()
        self._items: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._weight = 0

    def get_or_build(self, key: Hashable, build: Callable[[], Any],
                     weight: Callable[[Any], int] = lambda _: 1) -> tuple[Any, bool]:
        """(answer, whether it came from the cache)."""
        if self.size == 0:
            return build(), False
        with self._lock:
            hit = self._items.get(key)
            if hit is not None:
                self._items.move_to_end(key)
                return hit[1], True
        value = build()  # outside the lock: a slow build never blocks other readers
        w = max(1, weight(value))
        if w > self.max_weight:
            return value, False
        with self._lock:
            old = self._items.pop(key, None)
            if old is not None:  # another thread built it meanwhile
                self._weight -= old[0]
            self._items[key] = (w, value)
            self._weight += w
            while len(self._items) > self.size or self._weight > self.max_weight:
                evicted, _ = self._items.popitem(last=False)[1]
                self._weight -= evicted
        return value, False

    def __len__(self) -> int:
        return len(self._items)


#: Answers kept per app and kind (suggest, search); `ANSWER_CACHE_SIZE` in the app config
#: or `$CANCU_ANSWER_CACHE_SIZE` overrides it, 0 turns the caches off.
ANSWER_CACHE_SIZE = 1024
#: Result rows (search hits, suggestions) kept per cache: about 2 kB of JSON each.
ANSWER_CACHE_ROWS = 20_000
#: Longer texts and queries are answered without the cache, so keys stay small.
CACHED_TEXT_MAX_CHARS = 4_000


log = logging.getLogger("cancu.webui")

#: How often, at most, a request checks whether another process saved the KB (seconds).
RELOAD_CHECK_S = 2.0


class Backend:
    """The knowledge base of one app and the read/write operations pages need.

    Reads run concurrently (waitress threads); a write takes `write_lock`. Derived data
    (stats, the RDF graph) is cached per `kb.version`, and so are search and suggestion
    answers (`AnswerCache`): they cost milliseconds of CPU each, and the same queries and
    task texts come back from many users (and from the live pages, as a user types)."""

    def __init__(self, kb: Any, limits: Limits, *, answer_cache_size: int = ANSWER_CACHE_SIZE) -> None:
        self.kb = kb
        self.limits = limits
        self.write_lock = threading.RLock()
        self._cache_lock = threading.Lock()
        self._cache: dict[str, tuple[tuple[int, dt.date], Any]] = {}
        self._answer_cache_size = answer_cache_size
        self._new_answer_caches()
        self._stamp = self._disk_stamp()
        self._checked = time.monotonic()

    def _new_answer_caches(self) -> None:
        rows = ANSWER_CACHE_ROWS if self._answer_cache_size else 0
        self.search_cache = AnswerCache(self._answer_cache_size, rows)
        self.suggest_cache = AnswerCache(self._answer_cache_size, rows)

    # --- the KB on disk --------------------------------------------------------------------

    def _disk_stamp(self) -> tuple[int, int] | None:
        """When and how large the KB's file was last written, if the KB has one."""
        directory = getattr(self.kb, "dir", None)
        if directory is None:
            return None
        from cancu.graph import store

        try:
            st = store.kb_file(directory).stat()
        except OSError:
            return None
        return st.st_mtime_ns, st.st_size

    def refresh(self, *, force: bool = False) -> bool:
        """Load the KB again when another process saved it since (`cancu ingest` while the
        server runs): a running server answered from the KB it started with until restarted.
        Checked at most every `RELOAD_CHECK_S` (a stat of one file), or now with `force`.
        True when it was reloaded."""
        now = time.monotonic()
        if not force and now - self._checked < RELOAD_CHECK_S:
            return False
        self._checked = now
        stamp = self._disk_stamp()
        if stamp is None or stamp == self._stamp:
            return False
        with self.write_lock:
            stamp = self._disk_stamp()
            if stamp is None or stamp == self._stamp:
                return False
            from cancu.graph import suggest
            from cancu.graph.kb import KnowledgeBase

            try:
                kb = KnowledgeBase.load(self.kb.dir)
            except Exception as exc:  # noqa: BLE001 - a bad file on disk must not take the service down
                # Keep answering from the KB in memory; try again only when the file changes.
                log.warning("không đọc lại được kho %s (%s); vẫn dùng kho đang mở / KB reload failed",
                            self.kb.dir, exc)
                self._stamp = stamp
                return False
            old = self.kb
            with self._cache_lock:
                self.kb, self._stamp = kb, stamp
                self._cache.clear()  # the search index and derived views are the old KB's
            self._new_answer_caches()
            suggest.forget(old)
        return True

    def _answer_key(self, text: str, options: dict[str, Any]) -> Hashable | None:
        """The cache key of an answer to `text` with `options` at this KB version; None
        when it should not be cached (a long text, an unhashable option)."""
        if len(text) > CACHED_TEXT_MAX_CHARS:
            return None
        key = (self._version(), text, tuple(sorted(options.items(), key=lambda kv: kv[0])))
        try:
            hash(key)
        except TypeError:
            return None
        return key

    # --- caching ---------------------------------------------------------------------------

    def _version(self) -> tuple[int, dt.date]:
        """What a cached answer depends on: the KB, and the day (statuses, and lint without
        a date, are judged on today's date)."""
        return getattr(self.kb, "version", 0), validity.today()

    def _cached(self, key: str, build: Callable[[], Any]) -> Any:
        version = self._version()
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
        """The document as the pages show it: with today's status, not the one frozen when
        the catalog was built (`KnowledgeBase.status`). A copy: the KB's node is not touched."""
        doc = self.kb.get(doc_id)
        if doc is None:
            return None
        return self._with_status(doc, currency(self.kb, doc_id).status)

    @staticmethod
    def _with_status(doc: Document, status: str | None) -> Document:
        """`doc` with the status of the day (what lint says of it too: graph/currency.py)."""
        return doc if status == doc.status else dataclasses.replace(doc, status=status)

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
        # In the form of a draft written today, as suggest writes it ("Luật ... số
        # 67/2006/QH11" since laws are cited by number): one law, one form on every page.
        return format_citation(doc, first=True, as_of=validity.today())

    def document(self, doc_id: str) -> dict[str, Any] | None:
        stored = self.kb.get(doc_id)
        if stored is None:
            return None
        # Why it no longer applies where the KB's edges do not say it, and what is in force
        # in its place: the page's copy-ready citation must not pass for a current one.
        validity_now = currency(self.kb, doc_id)
        doc = self._with_status(stored, validity_now.status)
        data = present.document_json(doc, self.citation(doc))
        data["authority"] = self.kb.authority(doc_id)
        in_place = self.kb.get(validity_now.replaced_by) if validity_now.replaced_by else None
        data["status_note"] = validity_now.note
        data["replaced_by"] = in_place.id if in_place is not None else None  # as in search hits
        data["replaced_by_label"] = display_name(in_place) if in_place is not None else None
        sources = []
        for source in data["sources"]:
            label, known = present.source_of(source, self.get)
            sources.append({"id": source, "label": label, "document": known is not None})
        data["sources"] = sources
        return data

    def text_of(self, doc_id: str) -> str | None:
        doc = self.get(doc_id)
        return doc.text if doc else None

    def relations(self, doc_id: str) -> list[dict[str, Any]]:
        return present.group_relations(
            doc_id, self.kb.edges_from(doc_id), self.kb.edges_to(doc_id), self.get)

    def problems(self, doc_id: str) -> list[dict[str, Any]]:
        """What the extractor found wrong about a document (`kb.problems`): in its own text,
        or where another text cites it wrongly; `in` names that text, whose page tells more."""
        out = []
        for note in self.kb.problems(doc_id):
            item = present.to_plain(note)
            if note.document != doc_id:
                label, known = present.source_of(note.document, self.get)
                item["in"] = {"id": note.document, "label": label, "document": known is not None}
            out.append(item)
        return out

    def contexts(self, doc_id: str, limit: int = 20) -> list[str]:
        return list(self.kb.citation_contexts(doc_id))[:limit]

    # --- chain -----------------------------------------------------------------------------

    def chain(self, doc_id: str, direction: str, depth: int) -> dict[str, Any]:
        """The implementation chain as `{root, nodes, edges, tree, truncated}` from
        `kb.chain` (a `ChainNode` tree). Down: documents that implement / guide / are based
        on the root, recursively; up: what the root rests on. Edges keep the graph's
        direction (acting document -> the one it acts on)."""
        root = self.kb.chain(doc_id, direction=direction, depth=depth)
        nodes: dict[str, dict[str, Any]] = {}
        edges: dict[tuple[str, str, str], dict[str, Any]] = {}
        truncated = False

        def visit(node: Any, level: int, parent: str | None) -> dict[str, Any] | None:
            nonlocal truncated
            if node.id not in nodes:
                if len(nodes) >= self.limits.max_chain_nodes:
                    truncated = True
                    return None
                item = present.document_summary(self.get(node.id), node.id)
                item["label"] = present.label_of(item) if item.get("symbol") else node.label
                item["level"] = level
                item["more"] = bool(node.truncated)
                nodes[node.id] = item
            rel = node.relation.value if node.relation is not None else None
            if parent is not None and rel is not None:
                src, dst = (node.id, parent) if direction == "down" else (parent, node.id)
                edges.setdefault((src, rel, dst), {
                    "source": src, "target": dst, "relation": rel,
                    "heading": Relation(rel).active_heading})
            out: dict[str, Any] = {"id": node.id, "label": nodes[node.id]["label"],
                                   "relation": rel, "repeated": bool(node.repeated),
                                   "more": bool(node.truncated), "children": []}
            if not node.repeated:
                for child in node.children:
                    sub = visit(child, level + 1, node.id)
                    if sub is not None:
                        out["children"].append(sub)
            return out

        tree = visit(root, 0, None)
        return {
            "root": doc_id,
            "direction": direction,
            "depth": depth,
            "nodes": list(nodes.values()),
            "edges": list(edges.values()),
            "tree": tree,
            "truncated": truncated,
        }

    # --- search ----------------------------------------------------------------------------

    def search_index(self) -> Any:
        """The search index of this KB, opened once (it refreshes itself per version)."""
        with self._cache_lock:
            hit = self._cache.get("search_index")
        if hit is None:
            from cancu.graph.search import SearchIndex

            with self.write_lock:  # one build at a time, even on a first burst of requests
                with self._cache_lock:
                    hit = self._cache.get("search_index")
                if hit is None:
                    hit = (self._version(), SearchIndex.open(self.kb))
                    with self._cache_lock:
                        self._cache["search_index"] = hit
        return hit[1]

    @staticmethod
    def _highlight_terms(query: str) -> set[str] | None:
        """The folded words the search layer highlights for `query` (its own parse)."""
        try:
            from cancu.graph.search import parse_query

            return set(parse_query(query).highlight_terms())
        except Exception:  # highlighting is cosmetic; fall back to the query's words
            return None

    def search(self, query: str, *, page: int, limit: int, **filters: Any) -> dict[str, Any]:
        """Search with filters; results carry `title_parts` / `snippet_parts` for safe
        highlighting, and facets in the shape of `normalize_facets`."""
        started = time.perf_counter()
        key = self._answer_key(query, {"page": page, "limit": limit, **filters})
        if key is None:
            return self._search(query, page=page, limit=limit, **filters)
        data, cached = self.search_cache.get_or_build(
            key, lambda: self._search(query, page=page, limit=limit, **filters),
            weight=lambda d: len(d.get("results", ())))
        data = dict(data)  # a shallow copy: the shared answer stays as built
        if cached:  # `took_ms` is this request's
            data["took_ms"] = round((time.perf_counter() - started) * 1000, 2)
        return data

    def _search(self, query: str, *, page: int, limit: int, **filters: Any) -> dict[str, Any]:
        from cancu.graph.search import SearchError

        try:
            result = self.search_index().search(query, page=page, limit=limit, **filters)
        except SearchError as exc:
            raise ApiError(422, "bad_query", exc.message) from None
        # `to_json` is already plain (strings, numbers, dicts of counts): no deep copy.
        data = result.to_json()
        terms = present.query_terms(query, self._highlight_terms(query))
        forms = present.accent_forms(query)
        for hit in data.get("results", []):
            hit["snippet_parts"] = present.respect_accents(
                present.parts_from_markup(hit.get("snippet") or ""), forms)
            hit["snippet"] = "".join(p["text"] for p in hit["snippet_parts"])
            hit["title_parts"] = present.respect_accents(
                present.mark_parts(hit.get("title") or "", terms), forms)
            doc = self.kb.get(hit["id"])  # the hit has its status: no suggester for a search
            hit["issuer_name"] = doc.issuer_name if doc else None
            # What a reader calls it where it has no number: "Kế hoạch (chưa có số, ...)",
            # never its internal id.
            hit["label"] = display_name(doc) if doc else hit["id"]
        data["facets"] = normalize_facets(data.get("facets"), filters)
        data["page"] = page
        data["limit"] = limit
        data["query"] = query
        return data

    # --- drafting --------------------------------------------------------------------------

    def warm_drafting(self) -> None:
        """Build now what the KB's lookups, the suggester and lint's symbol index otherwise
        build on first use (`KnowledgeBase.warm`, `Suggester.warm`, `lint_index`: a task
        naming a document the KB lacks looks up its near symbols there)."""
        from cancu.graph.lint import lint_index
        from cancu.graph.suggest import suggester_for

        warm_kb = getattr(self.kb, "warm", None)
        if warm_kb is not None:
            warm_kb()
        suggester_for(self.kb).warm()
        lint_index(self.kb)

    def suggest(self, text: str, **options: Any) -> dict[str, Any]:
        """`{"suggestions": [...], "notices": [...]}` for a task text (notices: documents the
        task names that the KB lacks or cannot tell apart). The answer is a function of the text,
        the options, the KB version and, without `as_of`, today's date (validity is judged
        at today), so it is cached under exactly those. Callers must not mutate it."""
        from cancu.graph.suggest import notices, suggest

        def build() -> dict[str, Any]:
            found = suggest(self.kb, text, **options)
            as_of = options.get("as_of") or validity.today()
            return {"suggestions": [present.to_plain(s) for s in found],
                    "notices": notices(self.kb, text, issuer=options.get("issuer"), province=options.get("province"),
                                       as_of=as_of,
                                       already_cited=options.get("already_cited", ())),
                    "as_of": as_of.isoformat(), "province": options.get("province"), "issuer": options.get("issuer")}

        key = self._answer_key(text, {**options, "today": dt.date.today()})
        if key is None:
            return build()
        answer, _ = self.suggest_cache.get_or_build(
            key, build, weight=lambda d: len(d.get("suggestions", ())))
        return dict(answer)

    def lint(self, text: str, **options: Any) -> dict[str, Any]:
        from cancu.graph.lint import lint

        report = lint(self.kb, text, **options)
        return present.to_plain(report)

    def extract(self, text: str) -> dict[str, Any]:
        from cancu.ingest.extract import extract_text, extraction_to_json

        return present.to_plain(extraction_to_json(extract_text(text)))

    # --- province, overview ----------------------------------------------------------------

    def gaps(self, province: str) -> dict[str, Any]:
        """`kb.gaps` with every id expanded to a labelled summary, each with the
        province's documents that cite (or claim to implement) it."""
        report = present.to_plain(self.kb.gaps(province))
        out: dict[str, Any] = {"province": report.get("province", province),
                               "documents": report.get("documents", 0)}
        for key in ("unimplemented", "unknown_targets"):
            items = []
            for item in report.get(key, []):
                gid = item["id"]
                if gid.startswith("?"):  # an unresolved mention, not a node
                    summary: dict[str, Any] = {"id": None, "label": gid[1:], "known": False}
                else:
                    summary = present.document_summary(self.get(gid), gid)
                    summary["label"] = present.label_of(summary)
                cited_by = []
                for d in item.get("documents", []):
                    s = present.document_summary(self.get(d), d)
                    s["label"] = present.label_of(s)
                    cited_by.append(s)
                summary["cited_by"] = cited_by
                items.append(summary)
            out[key] = items
        return out

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
            by_status[self.kb.status(doc.id) or "(chưa xác định)"] += 1
            if doc.province:
                by_province[doc.province] += 1
        edges: Counter[str] = Counter(Relation(e.relation).value for e in self.kb.edges())
        return {
            "documents": n,
            "edges": sum(edges.values()),
            "edges_by_relation": dict(edges.most_common()),
            "by_type": dict(by_type.most_common()),
            "by_year": dict(sorted(by_year.items())),
            "by_issuer": dict(by_issuer.most_common(30)),
            "issuers": len([i for i in by_issuer if i != "(không rõ)"]),  # all of them, not the 30 shown
            "by_status": dict(by_status.most_common()),
            "by_province": dict(by_province.most_common()),
            "version": getattr(self.kb, "version", None),
        }

    # --- RDF -------------------------------------------------------------------------------

    def rdf_document(self, doc_id: str, fmt: str) -> str:
        """One document's triples in `fmt` ("turtle", "json-ld"): the document as subject
        or object, and the provenance statements about its relations."""
        from rdflib import Graph, URIRef
        from rdflib.namespace import RDF

        from cancu.graph import rdf

        whole = rdf.build_graph(self.kb)
        uri = URIRef(rdf.doc_uri(doc_id))
        sub = Graph()
        for prefix, ns in rdf.PREFIXES.items():
            sub.bind(prefix, ns)
        for triple in whole.triples((uri, None, None)):
            sub.add(triple)
        for triple in whole.triples((None, None, uri)):
            sub.add(triple)
        for stmt in set(whole.subjects(RDF.subject, uri)) | set(whole.subjects(RDF.object, uri)):
            for triple in whole.triples((stmt, None, None)):
                sub.add(triple)
                for inner in whole.triples((triple[2], None, None)):  # assertion details
                    sub.add(inner)
        return sub.serialize(format=fmt)

    def basis_block(self, ids: list[str], as_of: Any = None, task: str | None = None) -> dict[str, Any]:
        """The căn cứ block (NĐ 30/2020) for documents, in order of legal force. The task
        says the draft's type: a decision's preamble writes "Căn cứ" for all it cites, a
        plan "Thực hiện" for the plan it carries out."""
        from cancu.graph.citation import basis_block
        from cancu.graph.suggest import draft_type_of

        # Any writing of a document, as everywhere else ("61/2018/NĐ-CP", "Luật Đất đai
        # 2024"); one that names several documents is missing, not guessed.
        found = {i: one[0] for i in ids if len(one := self.lookup(i)) == 1}
        docs = [d for d in (self.get(found[i]) for i in ids if i in found) if d is not None]
        missing = [i for i in ids if i not in found]
        return {"block": basis_block(docs, as_of=as_of or validity.today(), draft_type=draft_type_of(task)),
                "ids": [d.id for d in docs],
                "missing": missing}

    def ingest_text(self, text: str, name: str) -> dict[str, Any]:
        """Extract `text` and add it to the KB, then save atomically under the KB lock
        (the caller has checked the write token)."""
        from cancu.graph import store
        from cancu.ingest.extract import extract_text

        source = f"web:{name}"
        extraction = extract_text(text, file=name)
        with self.write_lock:
            if self.kb.dir is None:
                report = self.kb.add_extraction(extraction, source_file=source)
            else:
                with store.kb_lock(self.kb.dir, wait_s=30):
                    # What `cancu ingest` saved since is read first, else this save loses it.
                    self.refresh(force=True)
                    report = self.kb.add_extraction(extraction, source_file=source)
                    self.kb.save()
                    self._stamp = self._disk_stamp()
        return present.to_plain(report)


#: Vietnamese names of issuer levels (vocab `Issuer.level`).
LEVEL_NAMES = {"central": "Trung ương", "ministry": "Bộ, ngành", "province": "Cấp tỉnh",
               "department": "Sở, ngành", "district": "Cấp huyện", "commune": "Cấp xã",
               "party": "Đảng"}


def issuer_names(codes: list[str]) -> dict[str, str]:
    """Issuer codes to their names from the vocabulary ("BTC" -> "Bộ Tài chính")."""
    from cancu.graph import vocab

    out = {}
    for code in codes:
        found = vocab.issuer(code)
        if found is not None:
            out[code] = found.name
    return out


#: Facet name in the search answer -> (label, query parameter, filter keyword).
FACETS: dict[str, tuple[str, str, str]] = {
    "doc_type": ("Loại văn bản", "type", "doc_type"),
    "issuer": ("Cơ quan ban hành", "issuer", "issuer"),
    "level": ("Cấp ban hành", "level", "level"),
    "year": ("Năm ban hành", "year", "year_from"),
    "status": ("Tình trạng", "status", "status"),
    "province": ("Tỉnh", "province", "province"),
}


def normalize_facets(raw: Any, filters: dict[str, Any], per_facet: int = 12) -> list[dict[str, Any]]:
    """Facets in one shape for pages and scripts: `[{name, label, param, values: [{value,
    count, selected}]}]`. Placeholder values ("(không rõ)") cannot be filtered on and are
    left out; years are listed newest first."""
    if not isinstance(raw, dict):
        return []
    out = []
    for name in FACETS:
        values = raw.get(name)
        if not values:
            continue
        label, param, keyword = FACETS[name]
        items = [(str(k), int(v)) for k, v in values.items() if k and not str(k).startswith("(")]
        display = LEVEL_NAMES if name == "level" else (
            issuer_names([k for k, _ in items]) if name == "issuer" else {})
        if name == "year":
            # Only plausible years: an index may hold a sentinel for "no year".
            items = [(k, c) for k, c in items if k.isdigit() and 1900 <= int(k) <= 2100]
            items.sort(key=lambda kv: kv[0], reverse=True)
            same = filters.get("year_from") is not None and filters.get("year_from") == filters.get("year_to")
            selected = {str(filters["year_from"])} if same else set()
        else:
            items.sort(key=lambda kv: (-kv[1], kv[0]))
            chosen = filters.get(keyword)
            selected = {str(chosen)} if chosen else set()
        if not items:
            continue
        out.append({"name": name, "label": label, "param": param, "values": [
            {"value": k, "label": display.get(k, k), "count": c, "selected": k in selected}
            for k, c in items[:per_facet]]})
    return out
