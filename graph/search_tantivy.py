"""The tantivy search backend: the same records, analysis, query plans and ranking as the
whoosh backend (graph/search.py), on a compiled engine.

tantivy does no analysis of its own here. Every text field receives the terms
`analysis.py` produced (syllables, compounds, syllable pairs; accented or folded):
fields with phrase queries as a pre-tokenized string (explicit positions: a compound sits
at the position of its first syllable, as in whoosh), the others as the terms joined by
spaces for tantivy's whitespace tokenizer. Symbol keys, name keys, ids and filter keys
are single terms.

Scores are made to equal whoosh's BM25F ones:
- idf: tantivy's `log(1 + (N - n + 0.5) / (n + 0.5))` becomes whoosh's
  `log(N / (n + 1)) + 1` by a per-term boost (the document frequencies are read from the
  term dictionary at query time: microseconds per term);
- the fields whoosh does not length-normalize (B = 0: citation contexts, full text,
  type/issuer words) are indexed without field norms; the remaining difference
  (tantivy divides by `tf + K1 * (0.25 + 0.75 / avgdl)`, whoosh by `tf + K1`) is
  corrected exactly for tf = 1 by a per-field boost;
- a phrase scores, as in whoosh, the sum of its words' scores where the phrase occurs
  (the phrase itself only selects);
- the document prior (authority, status) multiplies the score through tantivy's
  `weight_by_field`, which multiplies by `log2(2 + w)`: each document stores
  `w = 2 ** (prior / PRIOR_UNIT) - 2`, and scores are scaled back by PRIOR_UNIT.
Titles are length-normalized with tantivy's B = 0.75 (whoosh: 0.6); that is the one
remaining difference in ranking.

Thread safety: a tantivy `Index` and its searchers may be used from any thread; a search
takes a fresh searcher (cheap), so an index swapped in by a refresh is picked up by the next
query while queries in flight finish on the old one.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import tantivy

from cancu.graph import analysis, validity
from cancu.graph.search import (
    BM25_K1,
    FACETS,
    FILTER_FIELDS,
    TEXT_FIELDS,
    UNNORMALIZED_FIELDS,
    All,
    AndMaybe,
    AnyOf,
    Coverage,
    Filters,
    IndexRecord,
    KnowledgeBaseLike,
    ParsedQuery,
    Phrase,
    PlanWalk,
    SearchIndex,
    Term,
    YearRange,
    date_key,
    excluded_query,
    facet_counts,
    facet_values,
    filter_clauses,
    filter_keys,
    query_plans,
)

# The binding features this backend needs (tantivy-py 0.27): an older binding fails the
# import, so the default backend falls back to whoosh instead of failing at query time.
if not (hasattr(tantivy, "PreTokenizedString") and hasattr(tantivy.Searcher, "aggregate")
        and "weight_by_field" in (tantivy.Searcher.search.__doc__ or "")):
    raise ImportError(f"tantivy {getattr(tantivy, '__version__', '?')} is too old: "
                      f"the search backend needs tantivy>=0.27")

# weight_by_field multiplies by log2(2 + w) >= 1; priors are >= 0.7, so prior / 0.5 > 1.
PRIOR_UNIT = 0.5
# tantivy's fixed BM25 length-normalization parameter.
TANTIVY_B = 0.75
_WRITER_HEAP = 128_000_000
_AGG_SIZE = 10_000  # facet values collected per field before the top 50 are kept


def _schema() -> Any:
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    sb.add_text_field("sym", tokenizer_name="whitespace", index_option="freq")
    sb.add_text_field("names", tokenizer_name="whitespace", index_option="freq")
    for f in TEXT_FIELDS:
        sb.add_text_field(f.name, tokenizer_name="whitespace",
                          index_option="position" if f.positions else "freq")
    for name in FILTER_FIELDS:
        sb.add_text_field(name, fast=True, tokenizer_name="raw", index_option="basic")
        sb.add_text_field(f"{name}_k", tokenizer_name="raw", index_option="basic")
    sb.add_unsigned_field("year", indexed=True, fast=True)
    sb.add_unsigned_field("datekey", fast=True)
    sb.add_float_field("prior_w", fast=True)
    for name in UNNORMALIZED_FIELDS:  # token counts: the average length per field
        sb.add_unsigned_field(f"len_{name}", fast=True)
    return sb.build()


def _disable_fieldnorms(path: Path, names: Sequence[str]) -> None:
    """Turn off length normalization for `names` in a new, empty index.

    The Python binding has no switch for it, but the schema stored in meta.json has one
    (`indexing.fieldnorms`, tantivy's TextFieldIndexing); it must be set before any
    document is written. If the layout is not the expected one nothing is changed (the
    query-time correction then only approximates whoosh)."""
    meta_path = path / "meta.json"
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        for entry in meta["schema"]:
            if entry.get("name") in names and entry.get("type") == "text":
                entry["options"]["indexing"]["fieldnorms"] = False
    except (OSError, ValueError, KeyError, TypeError):
        return
    meta_path.write_text(json.dumps(meta), encoding="utf-8")


def _tantivy_doc(rec: IndexRecord) -> tuple[Any, dict[str, int]]:
    """The tantivy document of `rec` and its token counts per unnormalized field."""
    doc = tantivy.Document()
    doc.add_text("id", rec.id)
    if rec.sym_keys:
        doc.add_text("sym", " ".join(rec.sym_keys))
    if rec.names:
        doc.add_text("names", " ".join(rec.names))
    lengths: dict[str, int] = {}
    for f in TEXT_FIELDS:
        value = getattr(rec, f.source)
        if not value:
            if f.name in UNNORMALIZED_FIELDS:
                lengths[f.name] = 0
            continue
        analyzed = analysis.analyze(value, segmenter=f.segmenter)
        if f.positions:
            terms = analyzed.terms(f.folded, f.bigrams)
            tokens = [tantivy.Token(t, pos, 0, 0) for pos, t in terms]
            if tokens:
                doc.add_pre_tokenized_text(f.name, tantivy.PreTokenizedString("", tokens))
        else:
            tokens = analyzed.term_bag(f.folded, f.bigrams)
            if tokens:
                doc.add_text(f.name, " ".join(tokens))
        if f.name in UNNORMALIZED_FIELDS:
            lengths[f.name] = len(tokens)
    for name, value in facet_values(rec).items():
        doc.add_text(name, value)
    for name, value in filter_keys(rec).items():
        doc.add_text(name, value)
    if rec.year:
        doc.add_unsigned("year", int(rec.year))
    doc.add_unsigned("datekey", date_key(rec))
    doc.add_float("prior_w", max(0.0, 2.0 ** (rec.prior / PRIOR_UNIT) - 2.0))
    for name, n in lengths.items():
        doc.add_unsigned(f"len_{name}", n)
    return doc, lengths


class _Compiler:
    """Compiles the shared query plans (graph/search.py) to tantivy queries, with the
    boosts that make tantivy's BM25 equal whoosh's (module docstring)."""

    def __init__(self, index: Any, searcher: Any, field_factor: dict[str, float]) -> None:
        self.schema = index.schema
        self.searcher = searcher
        self.n = max(int(searcher.num_docs), 1)
        self.field_factor = field_factor

    def _idf_factor(self, field: str, text: str) -> float:
        df = self.searcher.doc_freq(field, text)
        if df <= 0:
            return 1.0
        whoosh_idf = math.log(self.n / (df + 1)) + 1.0
        tantivy_idf = math.log(1.0 + (self.n - df + 0.5) / (df + 0.5))
        return whoosh_idf / tantivy_idf if tantivy_idf > 0 else 1.0

    def term(self, field: str, text: str, boost: float) -> Any:
        q = tantivy.Query.term_query(self.schema, field, text)
        factor = boost * self.field_factor.get(field, 1.0) * self._idf_factor(field, text)
        return q if factor == 1.0 else tantivy.Query.boost_query(q, factor)

    def compile(self, node: Any) -> Any:
        Q, Occur = tantivy.Query, tantivy.Occur
        if isinstance(node, Term):
            return self.term(node.field, node.text, node.boost)
        if isinstance(node, Phrase):
            words = list(node.words)
            if len(words) == 1:
                return self.term(node.field, words[0], node.boost)
            # whoosh scores a phrase as the sum of its words' scores where it occurs.
            clauses = [(Occur.Must, Q.const_score_query(Q.phrase_query(self.schema, node.field, words), 0.0))]
            clauses += [(Occur.Must, self.term(node.field, w, 1.0)) for w in words]
            return self._boost(Q.boolean_query(clauses), node.boost)
        if isinstance(node, (All, AnyOf)):
            if not node.subs:
                return Q.empty_query()
            occur = Occur.Must if isinstance(node, All) else Occur.Should
            subs = [self.compile(s) for s in node.subs]
            q = subs[0] if len(subs) == 1 else Q.boolean_query([(occur, s) for s in subs])
            return self._boost(q, node.boost)
        if isinstance(node, AndMaybe):
            return Q.boolean_query([(Occur.Must, self.compile(node.required)),
                                    (Occur.Should, self.compile(node.optional))])
        if isinstance(node, YearRange):
            return Q.range_query(self.schema, "year", tantivy.FieldType.Unsigned,
                                 node.low if node.low is not None else 0,
                                 node.high if node.high is not None else 2**32)
        raise TypeError(node)

    @staticmethod
    def _boost(q: Any, boost: float) -> Any:
        return q if boost == 1.0 else tantivy.Query.boost_query(q, boost)


class TantivySearchIndex(SearchIndex):
    """The tantivy (compiled, Rust) backend, in `kb.dir / "index-tantivy"`."""

    backend = "tantivy"
    dirname = "index-tantivy"

    def __init__(self, kb: KnowledgeBaseLike, path: Path | None = None) -> None:
        super().__init__(kb, path)
        self._index: Any = None
        self._field_factor: dict[str, float] = {}
        self._version: int | None = None
        self._day: dt.date | None = None  # the day of the statuses the open index holds
        self._open_lock = threading.Lock()

    # -- maintenance --

    def _exists(self, path: Path) -> bool:
        try:
            return bool(tantivy.Index.exists(str(path)))
        except (ValueError, OSError):
            return False

    def _write_all(self, path: Path, records: Iterable[IndexRecord]) -> dict[str, str]:
        tantivy.Index(_schema(), path=str(path))  # writes meta.json with the schema
        _disable_fieldnorms(path, UNNORMALIZED_FIELDS)
        index = tantivy.Index.open(str(path))
        writer = index.writer(heap_size=_WRITER_HEAP, num_threads=1)
        fingerprints: dict[str, str] = {}
        try:
            for rec in records:
                writer.add_document(_tantivy_doc(rec)[0])
                fingerprints[rec.id] = rec.fingerprint()
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise
        return fingerprints

    def _apply(self, changed: Sequence[IndexRecord], gone: Sequence[str]) -> None:
        index = tantivy.Index.open(str(self.path))
        writer = index.writer(heap_size=_WRITER_HEAP // 2, num_threads=1)
        try:
            for rec in changed:
                writer.delete_documents_by_term("id", rec.id)
                writer.add_document(_tantivy_doc(rec)[0])
            for doc_id in gone:
                writer.delete_documents_by_term("id", doc_id)
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise

    def _opened(self) -> None:
        """(Re)open the index directory after a refresh: a rebuild swaps the directory."""
        index = tantivy.Index.open(str(self.path))
        index.reload()
        self._field_factor = self._length_corrections(index.searcher())
        self._index = index
        self._version, self._day = self.kb.version, validity.today()

    def _indexed_version(self) -> int | None:
        # The open index reflects the version it was opened at; no file read per query.
        if self._index is not None and self._version is not None:
            return self._version if self._day == validity.today() else None
        return super()._indexed_version()

    @staticmethod
    def _length_corrections(searcher: Any) -> dict[str, float]:
        """Per unnormalized field, the boost making tf = 1 score as whoosh's B = 0 does:
        tantivy (no field norms, so dl = 1) divides by 1 + K1 (1 - B + B / avgdl), whoosh
        by 1 + K1."""
        n = int(searcher.num_docs)
        if n == 0:
            return {}
        aggs = {name: {"sum": {"field": f"len_{name}"}} for name in UNNORMALIZED_FIELDS}
        try:
            sums = searcher.aggregate(tantivy.Query.all_query(), aggs)
        except (ValueError, RuntimeError):
            return {}
        out: dict[str, float] = {}
        for name in UNNORMALIZED_FIELDS:
            total = (sums.get(name) or {}).get("value") or 0.0
            avgdl = total / n
            if avgdl <= 0:
                continue
            norm = BM25_K1 * (1 - TANTIVY_B + TANTIVY_B / avgdl)
            out[name] = (1 + norm) / (1 + BM25_K1)
        return out

    # -- queries --

    def _search(self, query: ParsedQuery, filters: Filters, limit: int, page: int,
                pinned: Sequence[str]) -> tuple[int, list[tuple[str, float]], dict[str, dict[str, int]], Coverage]:
        Q, Occur = tantivy.Query, tantivy.Occur
        index = self._index
        if index is None:
            return 0, [], {}, Coverage()
        searcher = index.searcher()
        if searcher.num_docs == 0:
            return 0, [], {}, Coverage()
        comp = _Compiler(index, searcher, self._field_factor)
        plans = query_plans(query, pinned)
        selectors = [Q.const_score_query(comp.compile(n), 0.0) for n in filter_clauses(filters)]
        excluded = excluded_query(query)
        walk = PlanWalk()
        for n, plan in enumerate(plans, 1):
            q = Q.all_query() if plan.query is None else comp.compile(plan.query)
            clauses = [(Occur.Must, q)] + [(Occur.Must, s) for s in selectors]
            if excluded is not None:
                clauses.append((Occur.MustNot, comp.compile(excluded)))
            final = q if len(clauses) == 1 else Q.boolean_query(clauses)
            offset = (page - 1) * limit
            if plan.query is None:
                res = searcher.search(final, limit, count=True, order_by_field="datekey",
                                      offset=offset)
                scored = [(0.0, addr) for _, addr in res.hits]
            else:
                res = searcher.search(final, limit, count=True, offset=offset,
                                      weight_by_field="prior_w")
                scored = [(score * PRIOR_UNIT, addr) for score, addr in res.hits]
            total = int(res.count or 0)
            if not walk.answers(plan, total, n == len(plans)):
                continue
            hits = [(searcher.doc(addr).get_first("id"), float(score)) for score, addr in scored]
            facets = self._facets(searcher, final) if total else {name: {} for name in FACETS}
            return total, hits, facets, walk.coverage(plan)
        return 0, [], {}, Coverage()

    def _matches(self, node: Any) -> int:
        index = self._index
        if index is None:
            return 0
        searcher = index.searcher()
        if searcher.num_docs == 0:
            return 0
        query = _Compiler(index, searcher, self._field_factor).compile(node)
        return int(searcher.search(query, 1, count=True).count or 0)

    @staticmethod
    def _facets(searcher: Any, query: Any) -> dict[str, dict[str, int]]:
        aggs = {name: {"terms": {"field": name, "size": _AGG_SIZE, "segment_size": _AGG_SIZE}}
                for name in FACETS}
        result = searcher.aggregate(query, aggs)
        out: dict[str, dict[str, int]] = {}
        for name in FACETS:
            buckets = (result.get(name) or {}).get("buckets") or []
            counts = []
            for b in buckets:
                key = b.get("key")
                if isinstance(key, float) and key.is_integer():
                    key = int(key)
                counts.append((key, int(b.get("doc_count", 0))))
            out[name] = facet_counts(counts)
        return out
