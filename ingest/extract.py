"""Public API of citation extraction (issue #3): text in, `model.Extraction` out.

    extract_text(text, file=None) -> Extraction
    extract_file(path)            -> Extraction      (reads with ingest.readers)
    extraction_to_json(ex)        -> dict            (the `cancu extract --json` shape,
                                                      docs/extract-json.md)

The pipeline is normalize → header → find mentions → drop self-references → resolve
identity (province, year, id) → relations → tasks → problems. Each step lives in its own
module; this one only wires them and turns normalized offsets into original ones, so every
reported span satisfies `text[start:end] == reported text`.
"""

from __future__ import annotations

import calendar
import datetime as dt
import gc
import os
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from cancu.graph import places, vocab
from cancu.graph.dates import certainly_before
from cancu.graph.effective import effective_date
from cancu.graph.identity import document_id, name_id
from cancu.graph.model import DocumentRef, ExtractedEdge, Extraction, Problem, Relation, Task, is_consolidated
from cancu.graph.resolve import symbol_key
from cancu.graph.symbol import Symbol, SymbolClass
from cancu.graph.text import fold
from cancu.graph.text import quote as quote_around
from cancu.ingest import cites, header, marks, relations
from cancu.ingest.normalize import Normalized, compose, normalize, words_pattern

# Strength of a relation of the document to a citation, for choosing one when the same
# document is mentioned several times ("cites" is the weakest).
_RANK = {r: i for i, r in enumerate(Relation)}


def extract_file(path: str | os.PathLike[str]) -> Extraction:
    """Read a file (txt, docx, pdf, html, md) and extract it. Raises the reader's
    `ReadError` (naming the file) when it cannot be read."""
    try:
        from cancu.ingest.readers import read_document
    except ImportError:  # pragma: no cover - readers are written in parallel
        text = Path(path).read_text(encoding="utf-8")
    else:
        text = read_document(path)
    return extract_text(text, file=str(path))


def extract_text(text: str, *, file: str | None = None) -> Extraction:
    """Everything `cancu extract` reads from one text. Never raises on any `str`."""
    with _no_cycle_collection():
        if unicodedata.is_normalized("NFC", text):
            return _with_marks_restored(text, file)
        return _decomposed(text, file)


def _with_marks_restored(text: str, file: str | None) -> Extraction:
    """Lines typed without diacritics are read with the vocabulary's marks put back in
    place (`marks.restore`: each word keeps its length, so offsets hold). The citations'
    text, and the quotes taken later (`Extraction.text`), are the text as typed; the
    names, issuers and subjects read, and the sentences of the edges, are given with the
    marks restored: what was read."""
    restored = marks.restore(text)
    ex = _extract(restored, file)
    if restored is not text:
        ex.text, ex.lines = text, None
        for ref in (ex.document, *ex.citations):
            ref.text = text[ref.start:ref.end]
    return ex


def _decomposed(text: str, file: str | None) -> Extraction:
    """A text in NFD (as some editors save Vietnamese) is read in NFC, where its header and
    its words are what every table holds; every offset then points back into the text as
    given, and the text is kept as given."""
    composed, where = compose(text)
    where.append(len(text))
    ex = _with_marks_restored(composed, file)
    ex.text, ex.lines = text, None  # quotes already taken are NFC; later ones read `text`
    moved: set[int] = set()

    def back(item: Any) -> None:
        if id(item) in moved:  # a task's bases are the citations themselves
            return
        moved.add(id(item))
        if item.start is not None:
            item.start = where[item.start]
        if item.end is not None:
            item.end = where[item.end]

    for ref in (ex.document, *ex.citations):
        back(ref)
        ref.text = text[ref.start:ref.end]
    for item in (*ex.edges, *ex.problems, *ex.tasks, *(b for t in ex.tasks for b in t.bases)):
        back(item)
    if ex.title_start is not None:
        ex.title_start = where[ex.title_start]
    return ex


class _CyclePause:
    """Pause Python's cycle collector while texts are being extracted.

    Extraction allocates a few objects per citation (mention, reference, edge, sentence)
    and none of them form cycles, yet on a dense text the collector would walk the growing
    heap again and again (about a seventh of the time at 70,000 citations per MB).
    Reference counting still frees everything. The web server extracts in several threads
    at once, so pauses are counted: the collector is switched back on when the last
    concurrent extraction ends, and only if it was on when the first one began."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0 and self._was_enabled:
                    gc.enable()


_no_cycle_collection = _CyclePause()


def _extract(text: str, file: str | None) -> Extraction:
    norm = normalize(text)
    head = header.parse_header(text)
    mentions = cites.find_mentions(norm)
    if head.title is not None and head.annex_span is None:
        _end_at_the_title(mentions, norm.to_normalized(head.end))
    span = norm.span
    spans = [span(m.start, m.end) for m in mentions]
    if head.number_span is not None:
        keep = [i for i, (s, e) in enumerate(spans) if not _in_number_line(head, s, e)]
        mentions = [mentions[i] for i in keep]
        spans = [spans[i] for i in keep]

    # A line above the header's number line that opens with a citation names the
    # document itself (a crawler's or editor's title line: "Luật quản lý thuế 2006",
    # "Nghị quyết 01/2019/NQ-HĐTP"): a document never opens by citing another one.
    # Without a number line (Hiến pháp), a line that is nothing but a citation above the
    # header's date is such a title line too.
    title_line: cites.Mention | None = None
    header_at = head.number_span[0] if head.number_span is not None else head.date.start if head.date else -1
    if spans and header_at >= 0 and spans[0][0] == len(text) - len(text.lstrip()):
        first_end = text.find("\n", spans[0][0])
        whole = 0 <= first_end and not text[spans[0][1]:first_end].strip(" .,;:")
        if 0 <= first_end < header_at and spans[0][1] <= first_end and (head.number_span or whole):
            if whole:  # "Luật Đất đai 2024": the document's own name
                title_line = mentions[0]
            mentions = mentions[1:]
            spans = spans[1:]

    doc = _document_ref(text, head)
    parent_ref = None
    if head.annex_span is not None:
        for m, (s, _e) in zip(mentions, spans, strict=True):
            if head.annex_span[0] <= s < head.annex_span[1]:
                parent_ref = m
                break
        if parent_ref is not None:
            doc.date = parent_ref.value
            code = _issuer_code(parent_ref)
            doc.issuer = code
            doc.issuer_text = parent_ref.issuer_text
    province = head.province
    doc.province = province if doc.issuer is None or vocab.is_local_issuer(doc.issuer) else None
    doc.locality = head.locality if vocab.in_units(doc.issuer) else None

    # Self-references by symbol or name (the crawler's title line, a quoted own number).
    own_keys = _self_keys(doc, head, title_line)
    if doc.symbol is not None or own_keys:
        own = [i for i, m in enumerate(mentions)
               if not _is_self(m, doc, own_keys) or (m.symbol is None and _acted_on(norm.text, m.start, m.end))]
        mentions = [mentions[i] for i in own]
        spans = [spans[i] for i in own]

    refs = [_ref(text, norm, m, s, e, province, doc.locality) for m, (s, e) in zip(mentions, spans, strict=True)]
    _resolve_years(mentions, refs)
    if doc.symbol is not None:
        doc.id = document_id(doc.symbol, year=_doc_year(head), province=doc.province, locality=doc.locality)

    related = relations.relate(norm.text, mentions)
    notes = [n.span() for n in _NOTE.finditer(norm.text)]
    edges: list[ExtractedEdge] = []
    cites_ = Relation.CITES
    for i, (rel, passive) in enumerate(related.to_self):
        m = mentions[i]
        sent = _sentence(norm, head, m.start, m.end)
        if passive and _issued_before(refs[i], doc):
            # "1 Đã được sửa đổi, bổ sung bởi Nghị định số 92/2017/NĐ-CP." (a footnote on
            # another citation) in a plan of 2021: nothing acts on a document before it.
            refs[i].relation = cites_
            edges.append(ExtractedEdge(None, cites_, i, *sent))
        elif passive:
            refs[i].relation = cites_
            edges.append(ExtractedEdge(i, rel, None, *sent))
        elif _of_later_year(refs[i], doc) and _in_note(notes, m.start):
            # "[Điều này được hướng dẫn bởi ... Nội dung hướng dẫn Điều này tại Thông tư
            # 111/2013/TT-BTC được sửa đổi bởi ...]" in Luật 04/2007/QH12: a web page's note
            # in brackets, not the document's words, which name nothing issued in a later
            # year. (Outside a note, such a year is a slip the problems report: "số
            # 2891/UBND-VX ngày 08/6/2026" in a plan of 2020 is still cited.)
            refs[i].relation = cites_
        else:
            refs[i].relation = rel
            edges.append(ExtractedEdge(None, rel, i, *sent))
    for src, rel, tgt in related.between:
        lo = min(mentions[src].start, mentions[tgt].start)
        hi = max(mentions[src].end, mentions[tgt].end)
        edges.append(ExtractedEdge(src, rel, tgt, *_sentence(norm, head, lo, hi)))

    problems = _problems(text, norm, mentions, refs, head, doc)
    tasks = _tasks(text, refs, related.parents)
    return Extraction(file=file, text=text, document=doc, citations=refs, edges=edges,
                      tasks=tasks, problems=problems, title_start=head.title_start,
                      lines=norm.lines if norm.lines is not text else None,
                      effective_date=effective_date(text, doc.doc_type, doc.date))


def _end_at_the_title(mentions: list[cites.Mention], title_end: int) -> None:
    """A citation in the header's title ends with the title. An implementing plan's title
    names the document it implements ("KẾ HOẠCH / Thực hiện Nghị quyết số 57-NQ/TW ... /
    -----"), and with no punctuation at its end the citation's subject would run on into
    the preamble below ("Thực hiện Kế hoạch số 01-KH/BCĐTW ..."): the preamble's citations
    would sit inside that subject and lose their own relation to the plan."""
    for m in mentions:
        if m.start >= title_end:
            break
        if m.end <= title_end:
            continue
        m.end = max(title_end, m.core_end)
        if m.subject is not None:
            s0, s1 = m.subject
            m.subject = (s0, min(s1, m.end)) if s0 < m.end else None


# --- the document itself ---------------------------------------------------------------------

def _document_ref(text: str, head: header.Header) -> DocumentRef:
    doc = DocumentRef(text=text[head.start:head.end], start=head.start, end=head.end)
    doc.doc_type = head.doc_type
    doc.symbol = head.symbol
    doc.date = head.date.value if head.date else None
    doc.issuer = head.issuer
    doc.issuer_text = head.issuer_text
    doc.subject = head.title
    if head.date and head.date.year:
        doc.issue_year = head.date.year
        if head.date.month and not head.date.problem and doc.date is None:
            doc.issue_month = head.date.month
    return doc


def _doc_year(head: header.Header) -> int | None:
    return head.date.year if head.date else None


def _in_number_line(head: header.Header, s: int, e: int) -> bool:
    return head.number_span is not None and s < head.number_span[1] and e > head.number_span[0]


_YEAR_TAIL = re.compile(r" (?:nam )?((?:19|20)\d\d)$")


@lru_cache(maxsize=4096)
def _name_key(name: str, year: int | None) -> tuple[str, int | None]:
    """A name's folded words without a trailing year, and the year ("Luật Đất đai 2024"
    -> ("luat dat dai", 2024); a year given apart, as in "ngày ... năm 2013", is `year`)."""
    k = fold(" ".join(name.split()))
    m = _YEAR_TAIL.search(k)
    if m:
        return k[: m.start()], year or int(m.group(1))
    return k, year


# The issuer after a law's or ordinance's name in an older title (folded text).
_TITLE_ISSUER = re.compile(r" cua (?:quoc hoi|uy ban thuong vu quoc hoi)\b")


def _self_keys(doc: DocumentRef, head: header.Header, title_line: cites.Mention | None) -> frozenset[tuple[str, int | None]]:
    """The document's own name, (folded words, year or None), from its type and title
    ("LUẬT ĐẤT ĐAI" -> "luat dat dai") and from the crawler's title line above the header
    ("Luật Đất đai 2024"). A consolidated text (Văn bản hợp nhất) has none: its "Quốc hội
    ban hành Luật X" and its title line name the consolidated law, which it cites."""
    if _is_consolidated(doc, head):
        return frozenset()
    year = doc.issue_year or (doc.symbol.year if doc.symbol is not None else None)
    keys: set[tuple[str, int | None]] = set()
    if doc.subject and doc.doc_type:
        own = _name_key(f"{doc.doc_type} {doc.subject}", None)[0]
        keys.add((own, year))
        # Older titles go on with the issuer, number and date ("LUẬT SỬA ĐỔI, BỔ SUNG MỘT SỐ
        # ĐIỀU CỦA LUẬT HẢI QUAN CỦA QUỐC HỘI NƯỚC ... SỐ 42/2005/QH11 NGÀY ..."): the name
        # is what stands before them.
        cut = _TITLE_ISSUER.search(own)
        if cut:
            keys.add((own[:cut.start()], year))
    if title_line is not None and title_line.name and title_line.symbol is None:
        base, written = _name_key(title_line.name, title_line.issue_year)
        keys.add((base, written or year))
    return frozenset(keys)


def _issued_before(a: DocumentRef, b: DocumentRef) -> bool:
    """Whether `a` was certainly issued before `b` (see dates.certainly_before)."""
    return certainly_before(a.date, a.year, b.date, b.year)


# An editor's note in brackets, as legal web pages add them after a provision ("[Điều
# này được hướng dẫn bởi ...]", "[Khoản này hết hiệu lực bởi ...]"); one paragraph.
_NOTE = re.compile(r"\[[^\[\]\n]*\]")


def _in_note(notes: list[tuple[int, int]], at: int) -> bool:
    return any(s < at < e for s, e in notes)


def _of_later_year(a: DocumentRef, b: DocumentRef) -> bool:
    """Whether `a` was issued in a year after `b`'s (`DocumentRef.year`). By years, not
    days: a day's slip in a citation's date must not cut the edge of a plan to the decree
    it implements."""
    return certainly_before(None, b.year, None, a.year)


def _is_consolidated(doc: DocumentRef, head: header.Header) -> bool:
    """The KB's rule (model.is_consolidated), and a blank number's VBHN code in the header."""
    return head.type_code == "VBHN" or is_consolidated((doc.symbol,), doc.doc_type)


def _is_self(m: cites.Mention, doc: DocumentRef, own_keys: frozenset[tuple[str, int | None]]) -> bool:
    """A mention of the document itself: its own symbol (the crawler's title line, a
    quoted own number) or its own name ("Quốc hội ban hành Luật Đất đai.", the crawler's
    title line repeated as a page header: "Luật Đất đai 2024. Mục 1."), with no year or
    its own year. "Kế hoạch này" never matches in the first place."""
    if m.symbol is not None and doc.symbol is not None:
        if m.symbol.canonical() == doc.symbol.canonical():
            my = m.symbol.year or (m.value.year if m.value else None)
            return my is None or doc.year is None or my == doc.year
    if m.name and own_keys and m.symbol is None:
        base, year = _name_key(m.name, m.issue_year or (m.value.year if m.value else None))
        return any(base == own and (year is None or own_year is None or year == own_year)
                   for own, own_year in own_keys)
    return False


_ACTING_RELATIONS = ("replaces", "repeals")
_CLAUSE_BACK = 24  # the cue stands right before the name: "thay thế Luật đất đai"


@lru_cache(maxsize=1)
def _acting_cue() -> re.Pattern[str]:
    cues = [c for r in _ACTING_RELATIONS for c in vocab.relations()[r].cues]
    return re.compile(words_pattern(cues), re.IGNORECASE)


def _acted_on(t: str, s: int, e: int) -> bool:
    """A document never replaces or repeals itself: "Luật này thay thế
    Luật đất đai đã được Quốc hội ... thông qua ngày 29 tháng 12 năm 1987" names the older
    law, whose date comes too late to tell them apart; so does "Luật đất đai ... hết hiệu
    lực kể từ ngày Luật này có hiệu lực", the ending told after the name. True when such a
    cue stands earlier in the clause (normalized text, bounded) or the ending right after
    the mention `s`..`e`."""
    lo = max(0, s - _CLAUSE_BACK)
    start = max(t.rfind("\n", lo, s), t.rfind(";", lo, s), t.rfind(". ", lo, s)) + 1
    return _acting_cue().search(t, max(start, lo), s) is not None or relations.ended_after(t, e)


# --- citations -------------------------------------------------------------------------------

def _issuer_code(m: cites.Mention) -> str | None:
    """The symbol's issuer when it has one (…/QĐ-TTg → TTg); else what the text says;
    else what the type implies (Nghị định → CP)."""
    sym = m.symbol
    if sym is not None and sym.issuers and sym.klass is not SymbolClass.IRREGULAR:
        return vocab.issuer_base(sym.issuers[0])
    if m.issuer:
        return m.issuer
    if sym is not None and sym.hyphen_form and sym.type_code is None and sym.issuers:
        return vocab.issuer_base(sym.issuers[0])  # "Quyết định số 169-CP": CP
    return cites.implied_issuer(m.doc_type)


def _ref(text: str, norm: Normalized, m: cites.Mention, s: int, e: int, province: str | None,
         locality: str | None = None) -> DocumentRef:
    """One citation; `province` and `locality` are the citing document's, what a local
    issuer means when the citation does not say ("của UBND tỉnh", no issuer at all)."""
    issuer = _issuer_code(m)
    ref = DocumentRef(text[s:e], s, e, m.doc_type, m.symbol, m.value, issuer, m.issuer_text,
                      pinpoint=m.pinpoint, name=m.name, issue_year=m.issue_year)
    if issuer and _is_local_issuer(issuer):
        ref.province = m.province or province
        ref.locality = _locality(m, issuer, province, locality)
    if m.subject:
        a, b = norm.span(*m.subject)
        ref.subject = " ".join(text[a:b].split()) or None
    if m.symbol is not None:
        ref.id = _document_id(m.symbol, ref.year, ref.province, ref.locality)
    elif m.name:
        ref.id = _name_id(m.name, m.issue_year or (m.value.year if m.value else None))
    return ref


@lru_cache(maxsize=4096)
def _is_local_issuer(code: str) -> bool:
    return vocab.is_local_issuer(code)


def _locality(m: cites.Mention, issuer: str, province: str | None, locality: str | None) -> str | None:
    """The unit below the province a local citation means. Named ("của UBND huyện Sơn
    Tịnh"): that one. By its level alone ("của Chủ tịch UBND huyện"): the citing document's
    own unit when it is of that level, as "của UBND tỉnh" means the citing document's
    province; otherwise the bare level, which leaves the identity unknown rather than
    merged with the province's document of the same number. The province's body named
    ("của UBND tỉnh", "UBND tỉnh Lâm Đồng"): none. No body named ("UBND huyện đã ban hành
    Kế hoạch số 45/KH-UBND ..."): the citing document's own unit, as the province's own
    documents are cited in a provincial text."""
    if not vocab.in_units(issuer):
        return None
    if m.locality:
        parts = places.split_unit(m.locality)
        if parts is None or parts[1] is not None:
            return m.locality
        own = places.split_unit(locality) if locality else None
        if own is not None and own[0] == parts[0]:
            return locality
        city = places.province_by_name(province, m.value) if province else None
        if parts[0] == "thành phố" and city is not None and city.kind == "thành phố":
            # "của UBND thành phố" in a document of Hà Nội or of one of its quận, huyện,
            # xã: the city itself (a plan of Quận 3 implementing the city's plan).
            return None
        return m.locality
    if m.province_level or m.province:
        return None
    return locality


@lru_cache(maxsize=65536)
def _document_id(sym: Symbol, year: int | None, province: str | None, locality: str | None = None) -> str | None:
    return document_id(sym, year=year, province=province, locality=locality)


@lru_cache(maxsize=65536)
def _name_id(name: str, year: int | None = None) -> str:
    return name_id(name, year)


def _symbol_key(ref: DocumentRef) -> str | None:
    return symbol_key(ref.symbol, ref.province, ref.locality) if ref.symbol is not None else None


def _resolve_years(mentions: list[cites.Mention], refs: list[DocumentRef]) -> None:
    """An undated administrative mention takes the year of the same symbol's dated
    mentions in this text, when they all agree; otherwise it stays unresolved."""
    years: dict[str, set[int]] = defaultdict(set)
    for ref in refs:
        key = _symbol_key(ref)
        if key and ref.date:
            years[key].add(ref.date.year)
    for m, ref in zip(mentions, refs, strict=True):
        key = _symbol_key(ref)
        if key is None or ref.id is not None or ref.symbol is None:
            continue
        if ref.date is None and m.date is None and len(years.get(key, ())) == 1:
            (year,) = years[key]
            ref.id = _document_id(ref.symbol, year, ref.province, ref.locality)


# --- provenance ------------------------------------------------------------------------------

def _sentence(norm: Normalized, head: header.Header, lo: int, hi: int) -> tuple[int, int, str]:
    """The sentence (or list item) around normalized [lo, hi): its original span and the
    quote (`text.quote`), bounded by the header as `Extraction.quote` is."""
    s, e = norm.to_original(lo), norm.to_original(hi)
    return quote_around(norm.lines or norm.original, s, max(s, e), body_start=head.end,
                        title_start=head.title_start)


# --- tasks -----------------------------------------------------------------------------------

def _tasks(text: str, refs: list[DocumentRef], parents: list[int | None]) -> list[Task]:
    out = []
    for span in header.find_tasks(text):
        task = Task(span.title, span.start, span.end)
        for a, b in span.basis_spans:
            task.bases.extend(r for i, r in enumerate(refs) if a <= r.start < b and parents[i] is None)
        out.append(task)
    return out


# --- problems --------------------------------------------------------------------------------

def _doc_limit(head: header.Header, doc: DocumentRef) -> dt.date | None:
    """Latest date a citation may carry: the document's date, or the end of its month
    when the day is blank (a draft)."""
    if doc.date:
        return doc.date
    d = head.date
    if d and d.year and d.month and not d.problem:
        return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
    return None


def _problems(
    text: str, norm: Normalized, mentions: list[cites.Mention], refs: list[DocumentRef],
    head: header.Header, doc: DocumentRef,
) -> list[Problem]:
    out: list[Problem] = []
    limit = _doc_limit(head, doc)
    for m, ref in zip(mentions, refs, strict=True):
        for kind, message, a, b in m.problems:
            s, e = norm.span(a, b)
            out.append(Problem(kind, message, s, e))
        if m.date is not None and m.date_span is not None:
            s, e = norm.span(*m.date_span)
            if m.date.problem:
                out.append(Problem("bad_date", f"Ngày không hợp lệ “{text[s:e]}”: {m.date.problem}", s, e))
            elif m.value and limit and m.value > limit:
                out.append(Problem(
                    "suspicious_date",
                    f"Ngày {m.value:%d/%m/%Y} muộn hơn ngày của văn bản đang đọc ({limit:%d/%m/%Y})",
                    s, e,
                ))
        sym = m.symbol
        if sym is not None and sym.year is None and sym.type_code and \
                vocab.type_classes(sym.type_code) <= {"normative"} and sym.klass is not SymbolClass.PARTY:
            out.append(Problem(
                "missing_year",
                f"Ký hiệu {sym.canonical()} thiếu năm ban hành (a normative symbol carries its year)",
                ref.start, ref.end,
            ))
    out.extend(_date_conflicts(refs))
    out.sort(key=lambda p: (p.start or 0, p.kind))
    return out


def _similar(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    wa, wb = set(fold(a).split()), set(fold(b).split())
    return len(wa & wb) / max(1, len(wa | wb)) >= 0.6


def _date_conflicts(refs: list[DocumentRef]) -> list[Problem]:
    """The same symbol with two dates. For an administrative symbol two years can be two
    documents (151/KH-UBND of 2019 and of 2020), so they conflict only when the subjects say
    it is the same document; a normative symbol carries its year and always conflicts.
    Only the first mention of each (symbol, date) is compared, so the cost stays linear in
    mentions times distinct dates."""
    out: list[Problem] = []
    seen: dict[str, dict[dt.date, DocumentRef]] = defaultdict(dict)
    for ref in refs:
        key = _symbol_key(ref)
        if key is None or ref.date is None:
            continue
        dated = seen[key]
        known = dated.get(ref.date)
        if known is not None and (known.subject or not ref.subject):
            continue  # compared already, and this mention says nothing more
        for other_date, other in list(dated.items())[:8]:
            if other_date == ref.date:
                continue
            same_doc = ref.symbol is not None and ref.symbol.year is not None
            same_doc = same_doc or ref.date.year == other_date.year
            same_doc = same_doc or _similar(ref.subject, other.subject)
            if same_doc:
                out.append(Problem(
                    "date_conflict",
                    f"Ký hiệu {ref.symbol.canonical() if ref.symbol else key} được ghi với hai ngày khác nhau: "
                    f"{other_date:%d/%m/%Y} và {ref.date:%d/%m/%Y}",
                    ref.start, ref.end,
                ))
                break
        dated[ref.date] = ref
    return out


# --- JSON ------------------------------------------------------------------------------------

def _label(ref: DocumentRef | None) -> str:
    """How an edge names a document: its id, else its canonical symbol, else its name."""
    if ref is None:
        return "self"
    if ref.id:
        return ref.id
    if ref.symbol is not None:
        return ref.symbol.canonical()
    return ref.name or ref.text


def _iso_partial(doc: DocumentRef) -> str | None:
    if doc.date:
        return doc.date.isoformat()
    if doc.issue_year and doc.issue_month:
        return f"{doc.issue_year:04d}-{doc.issue_month:02d}"  # ISO 8601 reduced precision
    return None


def extraction_to_json(ex: Extraction) -> dict[str, Any]:
    """The `cancu extract --json` object for one file (docs/extract-json.md)."""
    doc = ex.document
    self_label = doc.id or "self"
    edges: list[dict[str, str]] = []
    seen: set[tuple[str, str, str]] = set()
    strong: set[tuple[str, str]] = set()
    rows = []
    for edge in ex.edges:
        src = self_label if edge.source is None else _label(ex.citations[edge.source])
        dst = self_label if edge.target is None else _label(ex.citations[edge.target])
        rows.append((src, edge.relation.value, dst))
        if edge.relation is not Relation.CITES:
            strong.add((src, dst))
    for src, rel, dst in rows:
        if src == dst or (src, rel, dst) in seen:
            continue
        if rel == Relation.CITES.value and (src, dst) in strong:
            continue
        seen.add((src, rel, dst))
        edges.append({"from": src, "relation": rel, "to": dst})
    return {
        "file": ex.file,
        "document": {
            "doc_type": doc.doc_type,
            "symbol": doc.symbol.canonical() if doc.symbol else None,
            "date": _iso_partial(doc),
            "issuer": doc.issuer,
            "locality": doc.locality,
            "title": doc.subject,
        },
        # Beside "document", whose keys consumers compare whole: a later addition.
        "effective_date": ex.effective_date.isoformat() if ex.effective_date else None,
        "citations": [ref.to_json() for ref in ex.citations],
        "edges": edges,
        "tasks": [{"title": t.title, "bases": _dedupe([_label(b) for b in t.bases])} for t in ex.tasks],
        "problems": [p.to_json() for p in ex.problems],
    }


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
