"""Full-text search over the knowledge base, with Vietnamese analysis and symbol lookup.

Users search the way they type: "nghi dinh mot cua", "nd 61/2018", "qd 749 ttg",
"luật an toàn thông tin mạng", "CNTT". The answer is built in three layers:

1. `index_record(kb, doc)` says *what* is searchable about a document (backend-neutral):
   every written variant of its symbol as structured keys, type, issuer, level, province,
   year, status, title, full text where ingested, and the citation contexts (sentences of
   other documents citing it), so a document known only from how others cite it is still
   found by subject.
2. `parse_query(text)` says *what the user asked* (backend-neutral): a symbol written any
   way (the symbol-query detector), words (syllables, accented or not), quoted phrases,
   excluded words, abbreviations to expand.
3. A backend (`WhooshSearchIndex`) turns both into an index and a ranked answer. The
   public surface is `SearchIndex.open(kb)` and `index.search(...)`; a second engine
   can be added as another subclass without touching the callers.

Ranking is BM25F with per-field weights (symbol > title > type/issuer words > citation
contexts > full text; exact diacritics above folded), multiplied by a document prior from
graph authority (how many documents cite it as a basis) and validity status.
"""

from __future__ import annotations

import hashlib
import html
import json
import math
import re
import shutil
import threading
import time
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, ClassVar, Protocol

from whoosh import scoring

from cancu.graph import analysis, vocab
from cancu.graph.model import Document
from cancu.graph.symbol import parse_symbol
from cancu.graph.text import fold, slug

# Bump when the schema or the analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = 3
# Full texts are indexed up to this many characters. A legal text states its subject,
# scope and căn cứ first; indexing whole codes (500 KB) would cost build time for little
# document-level recall. Titles and citation contexts are always indexed whole.
MAX_TEXT_CHARS = 30_000
# A query is cut to this many characters and syllables: a pasted 10 KB paragraph still
# searches (by its beginning) instead of building a query of thousands of clauses.
MAX_QUERY_CHARS = 1_000
MAX_QUERY_TERMS = 32
# Results are ranked in a window this deep; pages beyond it are refused with a message.
MAX_WINDOW = 10_000
FACETS = ("doc_type", "issuer", "level", "province", "year", "status")


class SearchError(Exception):
    """A query that cannot be answered; `message` is Vietnamese, for the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# --- the knowledge-base read API this module needs ---------------------------------------


class KnowledgeBaseLike(Protocol):
    """The part of `cancu.graph.kb.KnowledgeBase` search reads (architecture.md)."""

    dir: Path
    version: int

    def documents(self) -> Iterable[Document]: ...
    def get(self, id: str) -> Document | None: ...
    def lookup(self, text: str) -> list[str]: ...
    def citation_contexts(self, id: str) -> list[str]: ...
    def authority(self, id: str) -> int: ...
    def __len__(self) -> int: ...


# --- results -------------------------------------------------------------------------------


@dataclass
class SearchHit:
    id: str
    symbol: str | None
    doc_type: str | None
    title: str | None
    date: str | None
    issuer: str | None
    status: str | None
    score: float
    snippet: str  # HTML-escaped, matches wrapped in <mark>


@dataclass
class SearchResponse:
    total: int
    took_ms: float
    results: list[SearchHit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """The `cancu search --json` and `/api/search` shape."""
        return {
            "total": self.total,
            "took_ms": self.took_ms,
            "results": [asdict(h) for h in self.results],
            "facets": self.facets,
        }


# --- what is indexed per document ------------------------------------------------------------


@dataclass(frozen=True)
class IndexRecord:
    """Everything the index holds about one document, before analysis."""

    id: str
    symbol: str
    sym_keys: tuple[str, ...]
    doc_type: str
    issuer: str
    issuer_name: str
    level: str
    province: str
    year: int | None
    date: str
    status: str
    title: str
    meta: str  # type name, issuer name and province: the words "nghị định", "chính phủ"
    names: tuple[str, ...]  # whole-name keys: "luat-cu-tru" for Luật "Cư trú"
    contexts: str
    text: str
    prior: float

    def fingerprint(self) -> str:
        """Changes whenever anything indexed changes; used for incremental updates."""
        data = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        return hashlib.sha1(data.encode("utf-8")).hexdigest()


def _key(value: str | None) -> str:
    """Filter key: accent-, case- and spacing-insensitive ("Quảng Ngãi" -> "quang-ngai")."""
    return slug(value or "")


def _code_key(code: str) -> str:
    return fold(code).lower()


def symbol_keys(symbol: str | None, *, aliases: Iterable[str] = (), year: int | None = None,
                doc_type: str | None = None) -> set[str]:
    """Structured keys for every way a symbol is written.

    "61/2018/NĐ-CP" -> s:61/2018/nd-cp, n:61, y:2018, t:nd, i:cp. A query written as
    "nd 61/2018", "nghị định 61 2018" or "61 2018" is parsed into the same keys
    (`parse_query`), so every written form meets here."""
    keys: set[str] = set()
    if year:
        keys.add(f"y:{year}")
    dtype = vocab.doc_type_by_name(doc_type) if doc_type else None
    if dtype and dtype.code:
        keys.add(f"t:{_code_key(dtype.code)}")
    for written in (symbol, *aliases):
        if not written:
            continue
        sym = parse_symbol(written)
        if sym is None:
            continue
        keys.add(f"s:{_code_key(sym.canonical())}")
        keys.add(f"n:{sym.number}{sym.suffix}")
        if sym.year:
            keys.add(f"y:{sym.year}")
        if sym.type_code:
            keys.add(f"t:{_code_key(sym.type_code)}")
        for code in (*sym.issuers, *([sym.unit] if sym.unit else [])):
            keys.add(f"i:{_code_key(code)}")
            keys.add(f"i:{_code_key(vocab.issuer_base(code))}")
    return keys


_STATUS_PRIOR = {
    "con-hieu-luc": 1.0,
    "het-hieu-luc-mot-phan": 0.95,
    "chua-co-hieu-luc": 0.9,
    "ngung-hieu-luc": 0.8,
    "khong-con-phu-hop": 0.75,
    "het-hieu-luc-toan-bo": 0.7,
}


def document_prior(authority: int, status: str | None) -> float:
    """Query-independent weight: documents cited as a basis by many others, and documents
    in force, are what drafters look for. Logarithmic so authority breaks ties between
    similar text matches but does not bury an exact title match."""
    return (1.0 + 0.15 * math.log1p(max(authority, 0))) * _STATUS_PRIOR.get(_key(status), 1.0)


def name_key(text: str) -> str:
    """Whole-name key: "Luật Cư trú", "luat cu tru", "LUẬT CƯ TRÚ" -> "luat-cu-tru"."""
    return slug(text)


def name_keys(doc_type: str | None, title: str | None) -> set[str]:
    """How users name a document outright: its type and title ("Luật Cư trú", "Bộ luật
    Hình sự") or the title alone ("An toàn thông tin mạng")."""
    if not title:
        return set()
    keys = {name_key(title)}
    if doc_type:
        keys.add(name_key(f"{doc_type} {title}"))
    return {k for k in keys if k}


_MENTION = re.compile(r"(?<![\d/])\d{1,6}[a-z]?\s*(?:/\s*(?:\d{4}\s*/\s*)?[A-ZĐ]|-\s*[A-ZĐ]+\s*/)")


def focus_context(sentence: str, symbol: str | None) -> str:
    """The part of a citing sentence that is about this document.

    A citation reads "<Type> số <symbol> ngày ... của ... về <subject>": the subject
    follows the symbol, up to the next document's mention. Text before the mention
    describes this document too when no other document is mentioned before it ("triển
    khai hệ thống quản lý văn bản ... (Nghị định số 45/2020/NĐ-CP)"), but belongs to the
    other document when one is ("Thông tư 01/2018/TT-VPCP hướng dẫn thi hành Nghị định
    61/2018/NĐ-CP về ... một cửa": "hướng dẫn thi hành" is the Thông tư's, not the
    Nghị định's). Without a findable mention the whole sentence is kept."""
    sym = parse_symbol(symbol) if symbol else None
    if sym is None:
        return sentence
    own = re.search(rf"(?<![\d/])0*{sym.number}{sym.suffix}\s*[/-]", sentence)
    if own is None:
        return sentence
    earlier = [m for m in _MENTION.finditer(sentence, 0, own.start()) if m.end() <= own.start()]
    if earlier:
        # Keep the type word just before the symbol ("Quyết định số 458/...").
        start = max(earlier[-1].end(), own.start() - 20)
        space = sentence.find(" ", start)
        start = space + 1 if 0 <= space < own.start() else start
    else:
        start = 0
    nxt = _MENTION.search(sentence, own.end() + 3)
    end = nxt.start() if nxt else len(sentence)
    return sentence[start:end].strip() or sentence


def index_record(kb: KnowledgeBaseLike, doc: Document) -> IndexRecord:
    """What the index holds about `doc` (backend-neutral)."""
    year = doc.date.year if doc.date else None
    if year is None and doc.symbol:
        sym = parse_symbol(doc.symbol)
        year = sym.year if sym else None
    issuer_info = vocab.issuer(doc.issuer) if doc.issuer else None
    issuer_name = doc.issuer_name or (issuer_info.name if issuer_info else "") or ""
    level = doc.level or (issuer_info.level if issuer_info else "") or ""
    contexts = kb.citation_contexts(doc.id)
    text = (doc.text or "")[:MAX_TEXT_CHARS]
    meta = " ".join(p for p in (doc.doc_type, issuer_name, doc.province) if p)
    contexts = list(dict.fromkeys(focus_context(c, doc.symbol) for c in contexts))
    return IndexRecord(
        id=doc.id,
        symbol=doc.symbol or "",
        sym_keys=tuple(sorted(symbol_keys(doc.symbol, aliases=doc.aliases, year=year,
                                          doc_type=doc.doc_type))),
        doc_type=doc.doc_type or "",
        issuer=doc.issuer or "",
        issuer_name=issuer_name,
        level=level,
        province=doc.province or "",
        year=year,
        date=doc.date.isoformat() if doc.date else "",
        status=doc.status or "",
        title=doc.title or "",
        meta=meta,
        names=tuple(sorted(name_keys(doc.doc_type, doc.title))),
        contexts="\n".join(contexts),
        text=text,
        prior=document_prior(kb.authority(doc.id), doc.status),
    )


# --- what the user asked ------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    """One query syllable: its accented form (None when typed without diacritics, so no
    exact-accent preference applies) and its folded form."""

    accented: str | None
    folded: str


@dataclass(frozen=True)
class Group:
    """A required unit of the query: a word, or an abbreviation with its expansions."""

    word: Word
    expansions: tuple[tuple[Word, ...], ...] = ()
    optional: bool = False


@dataclass(frozen=True)
class SymbolQuery:
    keys: tuple[str, ...]  # all must match: n:61, y:2018, t:nd ...
    written: str | None  # the symbol as typed when the query contained a whole one
    pure: bool  # the query is nothing but a symbol (no subject words)


@dataclass(frozen=True)
class ParsedQuery:
    text: str
    accented: bool
    groups: tuple[Group, ...] = ()
    phrases: tuple[tuple[Word, ...], ...] = ()
    excluded: tuple[Word, ...] = ()
    symbol: SymbolQuery | None = None
    compounds: tuple[Word, ...] = ()  # adjacent syllables joined: boosts word matches
    type_hint: str | None = None  # folded type code when the query opens with a type word
    name: str | None = None  # the words as a whole-name key ("luat-cu-tru")

    @property
    def empty(self) -> bool:
        return not (self.groups or self.phrases or self.symbol)

    def highlight_terms(self) -> set[str]:
        """Folded syllables to mark in snippets."""
        terms = {g.word.folded for g in self.groups}
        for g in self.groups:
            for exp in g.expansions:
                terms.update(w.folded for w in exp)
        for p in self.phrases:
            terms.update(w.folded for w in p)
        return terms


# Words that only glue a query together: not required to match (their absence from a
# title says nothing), but still scored when present. Only their accented forms are
# listed: folded "cua" is also "cửa" (một cửa), which must stay required.
_GLUE = frozenset(
    "về của và các cho theo trong với được việc một số là có những tại".split()
)
_FILLER_IN_SYMBOL = frozenset({"số", "so", "năm", "nam", "ngày", "ngay", "của", "cua", "ký", "hiệu"})
_YEAR = range(1945, 2101)
_NUMBER = re.compile(r"^(\d{1,6})([a-z]?)$")
_NUMBER_YEAR = re.compile(r"^(\d{1,6})([a-z]?)/(\d{4})$")
_QUOTED = re.compile(r'"([^"]*)"')
_OPERATORS = frozenset({"and", "or", "not"})


def _word(syllable: str, accented: bool) -> Word:
    return Word(syllable if accented else None, fold(syllable))


def _words(text: str, accented: bool) -> list[Word]:
    return [_word(s, accented) for s in analysis.syllables(analysis.normalize(text))]


def _type_at(tokens: list[str], i: int) -> tuple[str, int] | None:
    """A type word or code starting at tokens[i]: ("nd", length) for "nghị định"/"NĐ"."""
    for size in (4, 3, 2, 1):
        if i + size > len(tokens):
            continue
        phrase = " ".join(tokens[i : i + size])
        dtype = vocab.doc_type_by_word(phrase)
        if dtype and dtype.code:
            return _code_key(dtype.code), size
    code = vocab.canonical_type_code(tokens[i]) if tokens[i].isalpha() and len(tokens[i]) <= 5 else None
    if code:
        return _code_key(code), 1
    return None


def _detect_symbol(raw: str) -> tuple[SymbolQuery | None, str]:
    """Find a document symbol however the query writes it; return it and the rest.

    Accepts a whole symbol ("61/2018/ND-CP", "749/QĐ-TTg", "52-NQ/TW") or its parts in
    any order ("nd 61/2018", "nghị định 61 2018", "qd 749 ttg", "KH 61 UBND 2019", "61
    2018"). Parts count only around a number, so ordinary words that happen to equal a
    code ("tt", "ct") stay words when no number is typed."""
    tokens = [t.strip(".,;()[]{}'\"") for t in raw.split()]
    tokens = [t for t in tokens if t]
    if not any(ch.isdigit() for ch in raw):
        return None, raw
    keys: list[str] = []
    written: str | None = None
    numbers: list[tuple[int, str]] = []  # (token index, "61" / "30c")
    used: set[int] = set()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower()
        if tok[0].isdigit() and ("/" in tok or "-" in tok):
            m = _NUMBER_YEAR.match(low)
            if m:
                numbers.append((i, m.group(1).lstrip("0") + m.group(2) or "0"))
                keys.append(f"y:{m.group(3)}")
                used.add(i)
            else:
                sym = parse_symbol(tok)
                if sym is not None:
                    written = tok
                    keys.extend(sorted(symbol_keys(tok)))
                    keys = [k for k in keys if not k.startswith("s:")] + [f"s:{_code_key(sym.canonical())}"]
                    used.add(i)
            i += 1
            continue
        m = _NUMBER.match(low)
        if m:
            numbers.append((i, str(int(m.group(1))) + m.group(2)))
            used.add(i)
            i += 1
            continue
        found = _type_at(tokens, i)
        if found:
            keys.append(f"t:{found[0]}")
            used.update(range(i, i + found[1]))
            i += found[1]
            continue
        if tok.isalpha() and len(tok) <= 10:
            issuer = vocab.lookup_issuer_code(tok)
            if issuer is not None and tok.lower() not in ("an",):
                keys.append(f"i:{_code_key(issuer)}")
                used.add(i)
        i += 1
    if written is None:
        # Numbers: a 4-digit number in the year range is the year when another number is
        # the document number ("61 2018") or when "năm" precedes it.
        doc_number: str | None = None
        for idx, num in numbers:
            prev = tokens[idx - 1].lower() if idx > 0 else ""
            is_year = num.isdigit() and int(num) in _YEAR and len(num) == 4
            if is_year and (doc_number is not None or prev in ("năm", "nam") or len(numbers) > 1):
                keys.append(f"y:{num}")
            elif doc_number is None:
                doc_number = num
            else:
                keys.append(f"y:{num}")
        if doc_number is None:
            if numbers:  # only a year: a filter-like word, left to the free-text query
                keys = [k for k in keys if k.startswith("y:")]
                if not keys:
                    return None, raw
                rest = [t for j, t in enumerate(tokens) if j not in used or not t[0].isdigit()]
                return SymbolQuery(tuple(dict.fromkeys(keys)), None, False), " ".join(rest)
            return None, raw
        if not keys:  # a bare number with words: "nghị định 61" has a type key; "61" alone counts
            if len(tokens) > 1:
                return None, raw
        keys.insert(0, f"n:{doc_number}")
    rest_tokens = [t for j, t in enumerate(tokens) if j not in used]
    pure = all(t.lower() in _FILLER_IN_SYMBOL for t in rest_tokens)
    rest = "" if pure else " ".join(rest_tokens)
    return SymbolQuery(tuple(dict.fromkeys(keys)), written, pure), rest


def parse_query(text: str) -> ParsedQuery:
    """Read a query as typed. Never raises on odd input: syntax characters are words'
    separators, operators are dropped, the length is capped."""
    raw = unicodedata.normalize("NFC", text or "")[:MAX_QUERY_CHARS].strip()
    accented = analysis.has_diacritics(raw)
    phrases: list[tuple[Word, ...]] = []
    for m in _QUOTED.finditer(raw):
        words = tuple(_words(m.group(1), accented))
        if len(words) > 1:
            phrases.append(words)
    unquoted = _QUOTED.sub(lambda m: " " if len(_words(m.group(1), accented)) > 1 else m.group(1), raw)
    symbol, rest = _detect_symbol(unquoted)
    excluded: list[Word] = []
    groups: list[Group] = []
    plain: list[str] = []
    for token in rest.split():
        negative = token.startswith("-") and len(token) > 1
        if negative:
            excluded.extend(_words(token[1:], accented))
            continue
        plain.append(token)
    for token in plain:
        for syl_raw in analysis.syllables(unicodedata.normalize("NFC", token)):
            if len(groups) >= MAX_QUERY_TERMS:
                break
            if syl_raw.lower() in _OPERATORS and syl_raw.isupper():
                continue
            abbr = analysis.abbreviation(syl_raw)
            syl = analysis.normalize(syl_raw)
            word = _word(syl, accented)
            if abbr is not None and (syl_raw.isupper() or len(syl) <= 6):
                expansions = tuple(tuple(_words(e, True)) for e in abbr.expansions)
                groups.append(Group(word, expansions))
            else:
                groups.append(Group(word, optional=syl in _GLUE and len(plain) > 1))
    compounds: list[Word] = []
    words = [g.word for g in groups if not g.expansions]
    for size in (2, 3):
        for i in range(len(words) - size + 1):
            part = words[i : i + size]
            acc = (analysis.COMPOUND_JOINER.join(w.accented or "" for w in part)
                   if accented and all(w.accented for w in part) else None)
            compounds.append(Word(acc, analysis.COMPOUND_JOINER.join(w.folded for w in part)))
    if accented and plain:
        norm = analysis.normalize(" ".join(plain))
        seg = analysis.analyze(norm, segmenter="crf")
        for start, size in seg.compounds:
            part = seg.sylls[start : start + size]
            compounds.append(Word(analysis.COMPOUND_JOINER.join(part),
                                  analysis.COMPOUND_JOINER.join(fold(p) for p in part)))
    if symbol is not None and symbol.pure and groups:
        symbol = SymbolQuery(symbol.keys, symbol.written, False)
    type_hint = None
    rest_tokens = rest.split()
    if len(rest_tokens) > 1:
        found = _type_at(rest_tokens, 0)
        if found and found[1] < len(rest_tokens):
            type_hint = found[0]
    words_only = " ".join(t for t in plain if not t.isdigit())
    name = name_key(words_only) if len(analysis.syllables(words_only)) >= 2 else None
    return ParsedQuery(raw, accented, tuple(groups), tuple(phrases), tuple(excluded), symbol,
                       tuple(dict.fromkeys(compounds)), type_hint, name or None)


# --- filters ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Filters:
    doc_type: str | None = None
    issuer: str | None = None
    level: str | None = None
    province: str | None = None
    year_from: int | None = None
    year_to: int | None = None
    status: str | None = None

    @classmethod
    def make(cls, *, doc_type: str | None = None, issuer: str | None = None,
             level: str | None = None, province: str | None = None,
             year_from: int | None = None, year_to: int | None = None,
             status: str | None = None) -> Filters:
        """Normalize what a user typed into index keys: "NĐ", "nghi dinh", "Nghị định"
        are one type; "TTg", "ttg", "Thủ tướng Chính phủ" one issuer."""
        type_key = None
        if doc_type:
            dtype = vocab.doc_type_by_word(doc_type)
            if dtype is None:
                code = vocab.canonical_type_code(doc_type)
                found = vocab.types_for_code(code)
                dtype = found[0] if found else None
            type_key = _key(dtype.name if dtype else doc_type)
        issuer_key = None
        if issuer:
            code = vocab.lookup_issuer_code(issuer)
            if code is None:
                named = vocab.issuer_by_name(issuer)
                code = named.code if named else issuer
            issuer_key = _code_key(code)
        for name, year in (("year_from", year_from), ("year_to", year_to)):
            if year is not None and not 1900 <= int(year) <= 2100:
                raise SearchError(f"Năm không hợp lệ ({name}): {year}; cần từ 1900 đến 2100.")
        if year_from and year_to and year_from > year_to:
            raise SearchError(f"Khoảng năm không hợp lệ: từ {year_from} đến {year_to}.")
        return cls(type_key, issuer_key, _key(level) if level else None,
                   _key(province) if province else None, year_from, year_to,
                   _key(status) if status else None)

    @property
    def any(self) -> bool:
        return any(v is not None for v in asdict(self).values())


# --- snippets ---------------------------------------------------------------------------------

_SNIPPET_SCAN = 8_000  # snippets come from the opening of long texts: scanning costs per hit
_SNIPPET_WORDS = 32


def make_snippet(texts: Sequence[str], terms: set[str], *, words: int = _SNIPPET_WORDS) -> str:
    """The passage of `texts` with the most distinct query words, HTML-escaped, matches in
    <mark>. Matching is accent-insensitive so an unaccented query still highlights."""
    best: tuple[int, int, str, list[re.Match[str]]] | None = None
    for text in texts:
        if not text:
            continue
        chunk = text[:_SNIPPET_SCAN]
        toks = list(analysis._SYLLABLE.finditer(chunk))
        if not toks:
            continue
        hits = [i for i, m in enumerate(toks) if fold(m.group(0)) in terms] if terms else []
        if best is None:
            best = (0, 0, chunk, toks[:words])
        for i in hits:
            window = toks[max(0, i - 4) : i - 4 + words if i >= 4 else words]
            distinct = len({fold(m.group(0)) for m in window} & terms)
            if best is None or distinct > best[0]:
                best = (distinct, i, chunk, window)
        if best and best[0] >= len(terms):
            break
    if best is None:
        return ""
    _, _, chunk, window = best
    if not window:
        return ""
    start, end = window[0].start(), window[-1].end()
    if not chunk[:start].strip(" \t\n<>\"'([{"):
        start = 0  # the passage opens the text: keep leading punctuation ("<b>", quotes)
    out: list[str] = ["…" if start > 0 else ""]
    pos = start
    for m in window:
        out.append(html.escape(chunk[pos : m.start()]))
        word = html.escape(m.group(0))
        out.append(f"<mark>{word}</mark>" if fold(m.group(0)) in terms else word)
        pos = m.end()
    out.append("…" if end < len(chunk) else "")
    return re.sub(r"\s+", " ", "".join(out)).strip()


# --- the interface ----------------------------------------------------------------------------


class SearchIndex(ABC):
    """A search index over one knowledge base, kept in `kb.dir / "index"` and refreshed
    when `kb.version` changes. Backends subclass this; callers only use `open`/`search`."""

    backend: ClassVar[str] = ""

    def __init__(self, kb: KnowledgeBaseLike, path: Path | None = None) -> None:
        self.kb = kb
        self.path = Path(path) if path is not None else Path(kb.dir) / "index"
        self._lock = threading.RLock()

    @classmethod
    def open(cls, kb: KnowledgeBaseLike, *, backend: str = "whoosh",
             path: Path | None = None) -> SearchIndex:
        """The index of `kb`, built or brought up to date if `kb.version` moved."""
        backends: dict[str, type[SearchIndex]] = {"whoosh": WhooshSearchIndex}
        if cls is not SearchIndex and cls.backend:
            impl: type[SearchIndex] = cls
        elif backend in backends:
            impl = backends[backend]
        else:
            raise SearchError(f"Không có bộ máy tìm kiếm '{backend}'.")
        index = impl(kb, path)
        index.refresh()
        return index

    @abstractmethod
    def refresh(self, *, rebuild: bool = False) -> None:
        """Bring the index up to `kb.version` (incrementally, or from scratch)."""

    @abstractmethod
    def _search(self, query: ParsedQuery, filters: Filters, limit: int, page: int,
                pinned: Sequence[str]) -> tuple[int, list[tuple[str, float]], dict[str, dict[str, int]]]:
        """(total, [(id, score)] of the page, facets)."""

    def search(self, query: str, *, doc_type: str | None = None, issuer: str | None = None,
               level: str | None = None, province: str | None = None,
               year_from: int | None = None, year_to: int | None = None,
               status: str | None = None, limit: int = 10, page: int = 1) -> SearchResponse:
        """Search documents. Raises only `SearchError` (Vietnamese message)."""
        started = time.perf_counter()
        if not isinstance(limit, int) or not 1 <= limit <= 1000:
            raise SearchError("Số kết quả mỗi trang (limit) phải từ 1 đến 1000.")
        if not isinstance(page, int) or page < 1:
            raise SearchError("Số trang (page) phải từ 1 trở lên.")
        if page * limit > MAX_WINDOW:
            raise SearchError(f"Chỉ xem được {MAX_WINDOW} kết quả đầu; hãy thu hẹp truy vấn.")
        filters = Filters.make(doc_type=doc_type, issuer=issuer, level=level, province=province,
                               year_from=year_from, year_to=year_to, status=status)
        parsed = parse_query(query)
        if self.kb.version != self._indexed_version():
            self.refresh()
        pinned = self._pinned(parsed)
        total, ranked, facets = self._search(parsed, filters, limit, page, pinned)
        terms = parsed.highlight_terms()
        hits: list[SearchHit] = []
        for doc_id, score in ranked:
            doc = self.kb.get(doc_id)
            if doc is None:
                continue
            texts = [*self.kb.citation_contexts(doc_id), doc.text or "", doc.title or ""]
            hits.append(SearchHit(
                id=doc.id, symbol=doc.symbol, doc_type=doc.doc_type, title=doc.title,
                date=doc.date.isoformat() if doc.date else None, issuer=doc.issuer,
                status=doc.status, score=round(score, 4),
                snippet=make_snippet(texts, terms),
            ))
        took = round((time.perf_counter() - started) * 1000, 2)
        return SearchResponse(total, took, hits, facets)

    def _pinned(self, parsed: ParsedQuery) -> list[str]:
        """Documents the knowledge base resolves the typed symbol to: they go first."""
        sym = parsed.symbol
        # Only a whole written symbol is looked up: parts ("61 2018") are ambiguous and
        # ranked by the index instead.
        if sym is None or not sym.pure or not sym.written:
            return []
        try:
            found = self.kb.lookup(parsed.text)
        except Exception:  # noqa: BLE001 - lookup is a shortcut; the index still answers
            return []
        return list(dict.fromkeys(found))[:20]

    @abstractmethod
    def _indexed_version(self) -> int | None:
        """The `kb.version` the index reflects."""


# --- whoosh backend ---------------------------------------------------------------------------

# BM25F field weights. Symbol keys are precise; a title states the subject; type and issuer
# words ("nghị định", "chính phủ") qualify; citation contexts describe the document in
# others' words; the full text is long and diffuse.
FIELD_WEIGHTS = {"sym": 8.0, "title": 3.0, "meta": 1.5, "ctx": 1.2, "text": 0.5}
# An exact-diacritic match adds this fraction of the field's weight on top of the folded
# match, so "luật" ranks "luật" above "lưu"/"lụt"-like collisions of the folded form.
ACCENT_BONUS = 0.6
COMPOUND_WEIGHT = 1.0  # query words found side by side (pair or compound): phrase-like
PIN_BOOST = 1_000.0
PHRASE_WEIGHT = 2.0  # the whole query, word for word, in a title or a citation
TYPE_HINT_WEIGHT = 8.0
NAME_WEIGHT = 30.0  # the query is a document's whole name: "luật cư trú" is Luật Cư trú  # "nghị định ..." prefers Nghị định over texts merely naming one


def _schema() -> Any:
    from whoosh import columns, fields

    # Titles and citation contexts: syllables, compounds and syllable pairs; titles are
    # short enough for the CRF segmenter. Full text: the dictionary fast path, no pairs.
    acc_crf = analysis.vietnamese_analyzer(folded=False, segmenter="crf", bigrams=True)
    fold_crf = analysis.vietnamese_analyzer(folded=True, segmenter="crf", bigrams=True)
    acc_dict = analysis.vietnamese_analyzer(folded=False, segmenter="dict", bigrams=True)
    fold_dict = analysis.vietnamese_analyzer(folded=True, segmenter="dict", bigrams=True)
    fold_text = analysis.vietnamese_analyzer(folded=True, segmenter="dict")
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        sym=fields.KEYWORD(lowercase=False, commas=False, scorable=True),
        names=fields.KEYWORD(lowercase=False, commas=False, scorable=True),
        title=fields.TEXT(analyzer=acc_crf, phrase=True),
        title_f=fields.TEXT(analyzer=fold_crf, phrase=True),
        meta=fields.TEXT(analyzer=acc_dict, phrase=False),
        meta_f=fields.TEXT(analyzer=fold_dict, phrase=False),
        ctx=fields.TEXT(analyzer=acc_dict, phrase=True),
        ctx_f=fields.TEXT(analyzer=fold_dict, phrase=True),
        # Full text: folded only and without positions, to keep the build fast; exact
        # diacritics and phrases are ranked through titles and contexts.
        text_f=fields.TEXT(analyzer=fold_text, phrase=False),
        doc_type=fields.ID(sortable=True), doc_type_k=fields.ID,
        issuer=fields.ID(sortable=True), issuer_k=fields.ID,
        level=fields.ID(sortable=True), level_k=fields.ID,
        province=fields.ID(sortable=True), province_k=fields.ID,
        status=fields.ID(sortable=True), status_k=fields.ID,
        year=fields.NUMERIC(int, bits=32, sortable=True, signed=False),
        datekey=fields.ID(sortable=True),
        prior=fields.COLUMN(columns.NumericColumn("f", default=1.0)),
    )


def _whoosh_doc(rec: IndexRecord) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": rec.id, "sym": " ".join(rec.sym_keys), "names": " ".join(rec.names),
        "title": rec.title, "title_f": rec.title,
        "meta": rec.meta, "meta_f": rec.meta,
        "ctx": rec.contexts, "ctx_f": rec.contexts,
        "text_f": rec.text,
        "doc_type": rec.doc_type or "(không rõ)", "doc_type_k": _key(rec.doc_type),
        "issuer": rec.issuer or "(không rõ)", "issuer_k": _code_key(rec.issuer),
        "level": rec.level or "(không rõ)", "level_k": _key(rec.level),
        "province": rec.province or "(trung ương)", "province_k": _key(rec.province),
        "status": rec.status or "(chưa xác định)", "status_k": _key(rec.status),
        "datekey": rec.date or "0000",
        "prior": rec.prior,
    }
    if rec.year:
        doc["year"] = rec.year
    return doc


class PriorBM25F(scoring.BM25F):  # type: ignore[misc]
    """BM25F whose final score is multiplied by the document prior (authority, status).

    The prior lives in a column, read per scored document; one instance per search, so
    threads never share it."""

    use_final = True

    def __init__(self, prior_column: Any = None) -> None:
        # Length normalization per field. Contexts and full texts exist for few documents,
        # so their average length (over all documents) is tiny and full normalization
        # would crush every match in them: they are not length-normalized (tf saturates).
        super().__init__(B=0.6, K1=1.2, ctx_B=0.0, ctx_f_B=0.0, text_f_B=0.0,
                         meta_B=0.0, meta_f_B=0.0)
        self.prior_column = prior_column

    def final(self, searcher: Any, docnum: int, score: float) -> float:
        if self.prior_column is None:
            return float(score)
        return float(score * self.prior_column[docnum])


class WhooshSearchIndex(SearchIndex):
    """The whoosh (pure Python) backend: two spellings per text field, BM25F, facets."""

    backend = "whoosh"
    META = "cancu-index.json"

    def _meta(self) -> dict[str, Any]:
        try:
            return json.loads((self.path / self.META).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}

    def _indexed_version(self) -> int | None:
        meta = self._meta()
        if meta.get("schema") != SCHEMA_VERSION or meta.get("backend") != self.backend:
            return None
        return meta.get("kb_version")

    def _write_meta(self, path: Path, fingerprints: dict[str, str]) -> None:
        meta = {"schema": SCHEMA_VERSION, "backend": self.backend,
                "kb_version": self.kb.version, "count": len(fingerprints)}
        (path / "fingerprints.json").write_text(json.dumps(fingerprints), encoding="utf-8")
        (path / self.META).write_text(json.dumps(meta), encoding="utf-8")

    def refresh(self, *, rebuild: bool = False) -> None:
        from whoosh import index

        with self._lock:
            meta = self._meta()
            current = (meta.get("schema") == SCHEMA_VERSION and meta.get("backend") == self.backend
                       and index.exists_in(str(self.path)))
            if current and not rebuild and meta.get("kb_version") == self.kb.version:
                return
            if not current or rebuild:
                self._build()
            else:
                self._update()

    def _records(self) -> Iterable[IndexRecord]:
        for doc in self.kb.documents():
            yield index_record(self.kb, doc)

    def _build(self) -> None:
        """Build from scratch in a sibling directory, then swap it in, so a searcher in
        another thread or process never sees a half-built index."""
        from whoosh import index

        tmp = self.path.with_name(self.path.name + ".building")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        ix = index.create_in(str(tmp), _schema())
        fingerprints: dict[str, str] = {}
        writer = ix.writer(limitmb=256)
        try:
            for rec in self._records():
                writer.add_document(**_whoosh_doc(rec))
                fingerprints[rec.id] = rec.fingerprint()
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self._write_meta(tmp, fingerprints)
        old = self.path.with_name(self.path.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if self.path.exists():
            self.path.rename(old)
        tmp.rename(self.path)
        shutil.rmtree(old, ignore_errors=True)

    def _update(self) -> None:
        """Re-index only documents whose indexed record changed (new citations change the
        contexts of the cited documents, so fingerprints, not ids, decide)."""
        from whoosh import index

        try:
            old = json.loads((self.path / "fingerprints.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self._build()
            return
        ix = index.open_dir(str(self.path))
        writer = ix.writer(timeout=30.0, limitmb=128)
        seen: dict[str, str] = {}
        try:
            for rec in self._records():
                fp = rec.fingerprint()
                seen[rec.id] = fp
                if old.get(rec.id) != fp:
                    writer.update_document(**_whoosh_doc(rec))
            for gone in set(old) - set(seen):
                writer.delete_by_term("id", gone)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self._write_meta(self.path, seen)

    # -- queries --

    def _word_query(self, w: Word, *, fields_acc: Sequence[str], fields_fold: Sequence[str],
                    scale: float = 1.0) -> Any:
        from whoosh import query as Q

        subs: list[Any] = []
        for f in fields_fold:
            subs.append(Q.Term(f"{f}_f", w.folded, boost=FIELD_WEIGHTS[f] * scale))
        if w.accented:
            for f in fields_acc:
                subs.append(Q.Term(f, w.accented, boost=FIELD_WEIGHTS[f] * ACCENT_BONUS * scale))
        return Q.Or(subs)

    def _phrase_query(self, words: Sequence[Word], scale: float = 1.0) -> Any:
        from whoosh import query as Q

        folded = [w.folded for w in words]
        subs: list[Any] = [
            Q.Phrase("title_f", folded, boost=FIELD_WEIGHTS["title"] * scale),
            Q.Phrase("ctx_f", folded, boost=FIELD_WEIGHTS["ctx"] * scale),
            Q.And([Q.Term("meta_f", f) for f in folded], boost=FIELD_WEIGHTS["meta"] * scale),
            Q.And([Q.Term("text_f", f) for f in folded], boost=FIELD_WEIGHTS["text"] * scale),
        ]
        if all(w.accented for w in words):
            subs.append(Q.Phrase("title", [w.accented for w in words],
                                 boost=FIELD_WEIGHTS["title"] * ACCENT_BONUS * scale))
        return Q.Or(subs)

    def _group_query(self, g: Group) -> Any:
        from whoosh import query as Q

        all_fields = ("title", "meta", "ctx", "text")
        word = self._word_query(g.word, fields_acc=("title", "meta", "ctx"), fields_fold=all_fields)
        numeric = g.word.folded.isdigit()
        extra: list[Any] = []
        if numeric:
            extra += [Q.Term("sym", f"n:{int(g.word.folded)}", boost=FIELD_WEIGHTS["sym"]),
                      Q.Term("sym", f"y:{g.word.folded}", boost=FIELD_WEIGHTS["sym"] / 2)]
        if g.expansions:
            # The abbreviation itself as written in the documents, or any expansion.
            extra += [Q.Term("sym", f"i:{g.word.folded}", boost=FIELD_WEIGHTS["sym"] / 4)]
            extra += [self._phrase_query(exp) for exp in g.expansions]
        return Q.Or([word, *extra]) if extra else word

    def _symbol_query(self, sym: SymbolQuery) -> Any:
        from whoosh import query as Q

        return Q.And([Q.Term("sym", k) for k in sym.keys], boost=FIELD_WEIGHTS["sym"])

    def _text_query(self, parsed: ParsedQuery, *, relaxed: bool) -> Any:
        from whoosh import query as Q

        required = [self._group_query(g) for g in parsed.groups if not g.optional]
        optional = [self._group_query(g) for g in parsed.groups if g.optional]
        required += [self._phrase_query(p, scale=2.0) for p in parsed.phrases]
        if parsed.symbol is not None and not parsed.symbol.pure:
            optional.append(self._symbol_query(parsed.symbol))
        for c in parsed.compounds:
            optional.append(self._word_query(c, fields_acc=("title", "ctx"),
                                             fields_fold=("title", "ctx", "text"),
                                             scale=COMPOUND_WEIGHT))
        # The whole query as a phrase in a title or citation: the strongest text signal.
        plain = [g.word.folded for g in parsed.groups if not g.expansions and not g.optional]
        if 3 <= len(plain) <= 12:
            optional.append(Q.Phrase("title_f", plain, boost=FIELD_WEIGHTS["title"] * PHRASE_WEIGHT))
            optional.append(Q.Phrase("ctx_f", plain, boost=FIELD_WEIGHTS["ctx"] * PHRASE_WEIGHT))
        if parsed.name:
            optional.append(Q.Term("names", parsed.name, boost=NAME_WEIGHT))
        if parsed.type_hint:
            optional.append(Q.Term("sym", f"t:{parsed.type_hint}", boost=TYPE_HINT_WEIGHT))
        if not required:
            required, optional = optional, []
        if not required:
            return None
        if relaxed:
            # Any word may be missing; documents with more of them still rank higher.
            main: Any = Q.Or(required + optional)
        else:
            main = Q.And(required)
            if optional:
                main = Q.AndMaybe(main, Q.Or(optional))
        return main

    def _filter_query(self, filters: Filters) -> Any:
        from whoosh import query as Q

        terms: list[Any] = []
        for name in ("doc_type", "issuer", "level", "province", "status"):
            value = getattr(filters, name)
            if value is not None:
                terms.append(Q.Term(f"{name}_k", value))
        if filters.year_from is not None or filters.year_to is not None:
            terms.append(Q.NumericRange("year", filters.year_from, filters.year_to))
        return Q.And(terms) if terms else None

    def _search(self, query: ParsedQuery, filters: Filters, limit: int, page: int,
                pinned: Sequence[str]) -> tuple[int, list[tuple[str, float]], dict[str, dict[str, int]]]:
        from whoosh import index, sorting
        from whoosh import query as Q

        if not index.exists_in(str(self.path)):
            return 0, [], {}
        ix = index.open_dir(str(self.path))
        window = page * limit
        facet_spec = {name: sorting.FieldFacet(name, maptype=sorting.Count)
                      for name in FACETS}
        flt = self._filter_query(filters)
        plans: list[Any] = []
        pin = [Q.Term("id", p, boost=PIN_BOOST) for p in pinned]
        if query.symbol is not None and query.symbol.pure:
            plans.append(Q.Or([self._symbol_query(query.symbol), *pin]))
        text_strict = self._text_query(query, relaxed=False)
        if text_strict is not None:
            plans.append(Q.Or([text_strict, *pin]) if pin else text_strict)
            plans.append(self._text_query(query, relaxed=True))
        if not plans and query.empty and not query.excluded:
            plans.append(None)  # browse: every document, newest first
        elif not plans:
            raise SearchError("Truy vấn chỉ có từ loại trừ; hãy thêm từ cần tìm.")
        with ix.searcher() as searcher:
            reader = searcher.reader()
            prior = reader.column_reader("prior") if reader.has_column("prior") else None
            searcher.weighting = PriorBM25F(prior)
            for plan in plans:
                q = Q.Every() if plan is None else plan
                if query.excluded:
                    q = Q.AndNot(q, Q.Or([Q.Term(f, w.folded) for w in query.excluded
                                          for f in ("title_f", "meta_f", "ctx_f")]))
                kwargs: dict[str, Any] = {"limit": window, "filter": flt, "groupedby": facet_spec}
                if plan is None:
                    kwargs["sortedby"] = sorting.FieldFacet("datekey", reverse=True)
                results = searcher.search(q, **kwargs)
                if results.scored_length() == 0 and plan is not plans[-1]:
                    continue
                total = len(results)
                page_hits = [(hit["id"], float(hit.score or 0.0))
                             for hit in results[(page - 1) * limit : window]]
                facets = {name: self._facet_counts(results, name) for name in FACETS}
                return total, page_hits, facets
        return 0, [], {}

    @staticmethod
    def _facet_counts(results: Any, name: str) -> dict[str, int]:
        try:
            groups = results.groups(name)
        except KeyError:
            return {}
        items = sorted(((str(k), int(v)) for k, v in groups.items() if k not in (None, "")),
                       key=lambda kv: (-kv[1], kv[0]))
        return dict(items[:50])
