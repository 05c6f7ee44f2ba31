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
3. `query_plans(parsed, pinned)` turns the parsed query into small backend-neutral query
   trees (`Term`, `Phrase`, `All`, `AnyOf`, `AndMaybe`) with the ranking weights.
4. A backend compiles records and trees for its engine: `WhooshSearchIndex` (here, pure
   Python, in `kb.dir / "index"`) or `TantivySearchIndex` (graph/search_tantivy.py, Rust,
   in `kb.dir / "index-tantivy"`). Both index the same analysed terms (analysis.py) and
   rank alike. The public surface is `SearchIndex.open(kb, backend=None)` (None:
   $CANCU_SEARCH_BACKEND, else `DEFAULT_BACKEND`) and `index.search(...)`; building,
   incremental updates, snippets and the response shape are shared (`SearchIndex`).

Ranking is BM25F with per-field weights (symbol > title > type/issuer words > citation
contexts > full text; exact diacritics above folded), multiplied by a document prior from
graph authority (how many documents cite it as a basis) and validity status. A query typed
with diacritics first keeps the documents that write its accented words so (see
`accent_requirement`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import json
import math
import os
import re
import shutil
import threading
import time
import unicodedata
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from dataclasses import asdict, astuple, dataclass, field, fields, replace
from functools import lru_cache
from itertools import compress, islice
from pathlib import Path
from typing import Any, ClassVar, Protocol

from whoosh import scoring

from cancu.graph import analysis, places, validity, vocab
from cancu.graph.citation import forms as citation_forms
from cancu.graph.currency import Currency, currencies
from cancu.graph.dates import find_dates
from cancu.graph.kb import display_name
from cancu.graph.model import Document
from cancu.graph.symbol import parse_symbol
from cancu.graph.text import fold, slug

# Bump when the schema or the analysis changes: an index of another version is rebuilt.
SCHEMA_VERSION = 8
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
# Documents offered when a typed symbol is not in the knowledge base.
NEAR_SYMBOLS = 5
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
    def status(self, id: str, on: dt.date | None = None) -> str | None: ...
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
    # A local document's province: three "151/KH-UBND" of two provinces are told apart by
    # it (and their dates), central ones have none.
    province: str | None
    status: str | None
    score: float
    snippet: str  # HTML-escaped, matches wrapped in <mark>
    # Why the document no longer applies where its stored status and the KB's edges do not
    # say it (graph/currency.py: a newer law of its name ...), and the id of the document
    # in force in its place: a replaced law found first must say what replaced it.
    status_note: str | None = None
    replaced_by: str | None = None
    replaced_by_label: str | None = None  # "Luật 64/2025/QH15"


@dataclass
class SearchResponse:
    total: int
    took_ms: float
    results: list[SearchHit] = field(default_factory=list)
    facets: dict[str, dict[str, int]] = field(default_factory=dict)
    # A typed symbol the knowledge base does not hold (Vietnamese, for the user), and the
    # documents whose symbols differ from it only by year, type or issuer; or what the
    # results are not (of unknown status, holding only some of the words).
    notice: str | None = None
    near: list[SearchHit] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The `cancu search --json` and `/api/search` shape; `notice` and `near` only when
        there is a notice (a typed symbol the knowledge base lacks, documents of unknown
        status left out, a partial or folded match); `near` is empty but for the first."""
        out: dict[str, Any] = {
            "total": self.total,
            "took_ms": self.took_ms,
            # The fields are flat (strings, numbers): a shallow dict equals `asdict`,
            # without its recursive deep copy of every value (per hit, per request).
            "results": [{name: getattr(h, name) for name in _HIT_FIELDS} for h in self.results],
            "facets": self.facets,
        }
        if self.notice:
            out["notice"] = self.notice
            out["near"] = [{name: getattr(h, name) for name in _HIT_FIELDS} for h in self.near]
        return out


_HIT_FIELDS = tuple(f.name for f in fields(SearchHit))


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
        # The same JSON as json.dumps(asdict(self)), without asdict's deep copies.
        data = json.dumps({f.name: getattr(self, f.name) for f in fields(self)},
                          ensure_ascii=False, sort_keys=True)
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


def _vocab_issuer(text: str) -> str | None:
    """The issuer code `text` names, as a code or a name ("TTg", "Thủ tướng Chính phủ"), if any."""
    code = vocab.lookup_issuer_code(text)
    if code is None:
        named = vocab.issuer_by_name(text)
        code = named.code if named else None
    return code


def _vocab_type(text: str) -> vocab.DocType | None:
    """The document type `text` names, by word or code ("nghi dinh", "NĐ"), if any."""
    dtype = vocab.doc_type_by_word(text)
    if dtype is None:
        found = vocab.types_for_code(vocab.canonical_type_code(text))
        dtype = found[0] if found else None
    return dtype


def name_keys(doc_type: str | None, title: str | None, year: int | None = None) -> set[str]:
    """How users name a document outright: its type and title ("Luật Cư trú", "Bộ luật
    Hình sự") or the title alone ("An toàn thông tin mạng"); each also with the year
    ("Luật Đất đai 2013", "luat-dat-dai-2013"), which tells versions of one name apart."""
    if not title:
        return set()
    keys = {name_key(title)}
    if doc_type:
        keys.add(name_key(f"{doc_type} {title}"))
        if doc_type in citation_forms().fixed_names:
            # A type cited by one fixed phrase is named by its type alone: "Hiến pháp
            # (năm 2013)" is Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam.
            keys.add(name_key(doc_type))
    keys = {k for k in keys if k}
    if year:
        keys |= {f"{k}-{year}" for k in keys}
    return keys


_MENTION = re.compile(r"(?<![\d/])\d{1,6}[a-z]?\s*(?:/\s*(?:\d{4}\s*/\s*)?[A-ZĐ]|-\s*[A-ZĐ]+\s*/)")


@lru_cache(maxsize=1)
def _acting_cues() -> re.Pattern[str]:
    """The cues of the relations that act on the mentioned document's content (it guides,
    amends, replaces it: data/relations.json 'acts_on')."""
    cues = sorted({c for info in vocab.relations().values() if info.acts_on for c in info.cues},
                  key=len, reverse=True)
    return re.compile(r"(?<![^\W_])(?:" + "|".join(re.escape(c) for c in cues) + r")(?![^\W_])", re.IGNORECASE)


def focus_context(sentence: str, symbol: str | None, name: str | None = None) -> str:
    """The part of a citing sentence that is about this document.

    A citation reads "<Type> số <symbol> ngày ... của ... về <subject>": the subject
    follows the symbol, up to the next document's mention. Text before the mention
    describes this document too when no other document is mentioned before it ("triển
    khai hệ thống quản lý văn bản ... (Nghị định số 45/2020/NĐ-CP)"), but belongs to the
    other document when one is ("Thông tư 01/2018/TT-VPCP hướng dẫn thi hành Nghị định
    61/2018/NĐ-CP về ... một cửa": "hướng dẫn thi hành" is the Thông tư's, not the
    Nghị định's). A document cited by name (a law) is found by `name`, its title. Without
    a findable mention the whole sentence is kept."""
    sym = parse_symbol(symbol) if symbol else None
    own = re.search(rf"(?<![\d/])0*{sym.number}{sym.suffix}\s*[/-]", sentence) if sym is not None else None
    if own is None and name and len(name) >= 8:
        own = re.search(re.escape(name), sentence, re.IGNORECASE)
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
    # Words that say what another document does to this one ("Hướng dẫn thi hành một số
    # quy định của Nghị định số 61/2018/NĐ-CP", the title of Thông tư 01/2018/TT-VPCP) are
    # that document's: this one keeps what follows them.
    for acted in _acting_cues().finditer(sentence, start, own.start()):
        start = acted.end()
    nxt = _MENTION.search(sentence, own.end() + 3)
    end = nxt.start() if nxt else len(sentence)
    return sentence[start:end].strip() or sentence


def _doc_year(doc: Document) -> int | None:
    """The year `doc` was issued: its date's, else its symbol's (a law known by number)."""
    if doc.date:
        return doc.date.year
    sym = parse_symbol(doc.symbol) if doc.symbol else None
    return sym.year if sym else None


def index_record(kb: KnowledgeBaseLike, doc: Document, known: Currency | None = None) -> IndexRecord:
    """What the index holds about `doc` (backend-neutral); `known`: its `currency` where
    the KB's status does not tell it in full."""
    year = _doc_year(doc)
    issuer_info = vocab.issuer(doc.issuer) if doc.issuer else None
    issuer_name = doc.issuer_name or (issuer_info.name if issuer_info else "") or ""
    level = doc.level or (issuer_info.level if issuer_info else "") or ""
    contexts = kb.citation_contexts(doc.id)
    text = (doc.text or "")[:MAX_TEXT_CHARS]
    meta = " ".join(p for p in (doc.doc_type, issuer_name, doc.province) if p)
    contexts = list(dict.fromkeys(focus_context(c, doc.symbol, doc.title) for c in contexts))
    # Today's: the index is refreshed when the day changes.
    status = known.status if known is not None else kb.status(doc.id)
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
        status=status or "",
        title=doc.title or "",
        meta=meta,
        names=tuple(sorted(name_keys(doc.doc_type, doc.title, year))),
        contexts="\n".join(contexts),
        text=text,
        # A lapse lint infers with nothing named in its place (a decree detailing a replaced
        # law, which a new text may have kept) warns the reader; it does not reorder results.
        prior=document_prior(kb.authority(doc.id), status if known is None or known.replaced_by
                             else kb.status(doc.id)),
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
    year: int | None = None  # a year typed as one ("năm 2013"; "Luật Đất đai 2013")
    # The query opens with relation words ("hướng dẫn nghị định 61/2018"): a symbol in it
    # names the document guided, not the one sought.
    guiding: bool = False

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
    "về của và các cho theo trong với được việc một là có những tại".split()
)
# Words that glue only after another one: "số" of "một số" (some), while "số" after any
# other word is the subject ("chữ ký số", "chuyển đổi số"): required, as "so" typed without
# accents is, so both spellings of the query find the same documents.
_GLUE_AFTER = {"số": "một"}
_YEAR_WORDS = frozenset({"năm", "nam"})  # "năm 2024": the year's word
_BEFORE_NUMBER = _YEAR_WORDS | {"số", "so"}
_FILLER_IN_SYMBOL = _BEFORE_NUMBER | {"ngày", "ngay", "của", "cua", "ký", "hiệu"}
_YEAR = range(1945, 2101)


# A folded Vietnamese syllable: initial consonant(s), vowels, final consonant(s). Codes such
# as "ttg", "cp", "ubnd", "tw" are none.
# "y" takes a final consonant only after "u" or before "ê" ("huynh", "yến"; not "byt", "syt").
_VIET_SYLLABLE = re.compile(r"^(?:ngh|ch|gh|gi|kh|ng|nh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
                            r"(?:(?:[aeiou]+y?|[aeiou]*uy[ae]?|ye)(?:ch|ng|nh|[cmnpt])?|y)$")


def _next_to_number(tokens: Sequence[str], i: int) -> bool:
    return any(0 <= j < len(tokens) and tokens[j][:1].isdigit() for j in (i - 1, i + 1))


def _is_year(num: str) -> bool:
    """A number of the query that may be a year ("2018"), not a document's number."""
    return num.isdigit() and len(num) == 4 and int(num) in _YEAR
_NUMBER = re.compile(r"^(\d{1,6})([a-z]?)$")
_NUMBER_YEAR = re.compile(r"^(\d{1,6})([a-z]?)/(\d{4})$")
_QUOTED = re.compile(r'"([^"]*)"')
_OPERATORS = frozenset({"and", "or", "not"})


# A word typed as Telex or VNI keys with the input method off ("nghij ddinhj", "lua6t5"):
# letters (and VNI's digits) standing alone, not a part of a symbol ("nd-cp", "qh13").
_KEYED_WORD = re.compile(r"(?<![\w/.-])[A-Za-z][A-Za-z0-9]*(?![\w/.-])")
_VOWELS = "aăâeêioôơuưy"


@lru_cache(maxsize=1)
def _typing_methods() -> tuple[tuple[tuple[tuple[str, str], ...], dict[str, str]], ...]:
    """Telex, then VNI (data/typing.json): mark keys longest first, tone keys."""
    methods = vocab.load_table("typing.json")["methods"]
    return tuple((tuple(sorted(m["marks"].items(), key=lambda kv: -len(kv[0]))), dict(m["tones"]))
                 for m in methods.values())


def _place_tone(syllable: str, tone: str) -> str:
    """`syllable` (lower case, no tone) with the tone mark on the vowel that carries it:
    a vowel with a mark ("tường", "quốc"), else the last before a final consonant ("toán"),
    else the first of two ("hòa"), the middle of three ("ngoài"). The "u" of "qu" and the
    "i" of "gi" belong to the consonant."""
    start = 2 if syllable.startswith(("qu", "gi")) and syllable[2:3] in _VOWELS else 0
    cluster = [i for i, ch in enumerate(syllable) if ch in _VOWELS and i >= start]
    if not cluster:
        return syllable
    cluster = [i for i in cluster if i <= cluster[0] + len(cluster) - 1]  # one run of vowels
    marked = [i for i in cluster if syllable[i] in "ăâêôơư"]
    if marked:
        at = marked[-1]
    elif len(cluster) == 1 or cluster[-1] < len(syllable) - 1:
        at = cluster[-1]
    else:
        at = cluster[0] if len(cluster) == 2 else cluster[1]
    return unicodedata.normalize("NFC", syllable[: at + 1] + tone + syllable[at + 1:])


def _retyping(word: str) -> tuple[str, bool] | None:
    """The Vietnamese syllable `word` spells in Telex or VNI keys, when the word as typed is
    no syllable and the retyped one is ("ddinhj" is "định", "lua6t5" "luật"; "so",
    "website", "ttg", "qh13" and codes typed in capitals stay as typed), and whether the
    keys are surely a typing method's: a mark key
    ("dd", "aa", "ow", VNI's digits) or a tone key no loanword ends with ("j", "f"). A tone
    key alone may be a loanword's last letter: "iso", "gis", "taxi", "tour" spell "ío",
    "gi", "tãi", "tỏu" (see `_retyped`)."""
    low = word.lower()
    # A doubled vowel is Telex's circumflex ("thoong" is "thông"), though the syllable
    # pattern admits it for the loanwords "xoong", "boong", which no legal title holds.
    syllable = low.isalpha() and _VIET_SYLLABLE.match(low) and not re.search(r"aa|ee|oo", low)
    if word.isupper() or not any(ch in "aeiouy" for ch in low) or syllable:
        return None
    for marks, tones in _typing_methods():
        first_vowel = next(i for i, ch in enumerate(low) if ch in "aeiouy")
        keys = [i for i, ch in enumerate(low) if ch in tones and i > first_vowel]
        if len(keys) > 1:
            continue
        tone = tones[low[keys[0]]] if keys else ""
        plain = toneless = low[: keys[0]] + low[keys[0] + 1:] if keys else low
        for typed, letter in marks:
            plain = plain.replace(typed, letter)
        if plain == low or not plain.isalpha() or "w" in plain:
            continue
        if _VIET_SYLLABLE.match(fold(plain)):
            sure = plain != toneless or any(ch.isdigit() for ch in low) or (
                bool(keys) and keys[0] == len(low) - 1 and low[-1] in "jf")
            return (_place_tone(plain, tone) if tone else plain), sure
    return None


def _retyped(text: str) -> str:
    """The query with its Telex- or VNI-keyed words read as the Vietnamese they spell. A
    word whose only key is a tone letter ("soos" has a mark, "ios" not) is read so only when
    another word of the query shows the method surely ("tieeu chuaanr quoocs gia" yes,
    "tiêu chuẩn iso 9001" and "gis" no)."""
    found = {m.group(): _retyping(m.group()) for m in _KEYED_WORD.finditer(text)}
    sure = any(f is not None and f[1] for f in found.values())
    return _KEYED_WORD.sub(lambda m: (f[0] if (f := found[m.group()]) and (sure or f[1]) else m.group()), text)


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


_SLASHED_SYMBOL = re.compile(r"^\d+[a-zA-Z]?/\d{4}/[^\W\d_][\w-]*$")  # number/year/letters...


_GLUED_TYPE = re.compile(r"^([^\W\d_]{1,4})(\d+[a-zA-Z]?(?:/.*)?)$")  # "nđ13/2023", "qđ749/qđ-ttg"
_DASHED_SYMBOL = re.compile(r"^(\d+[a-zA-Z]?)-(\d{4})-([^\W\d_][\w-]*)$")  # "13-2023-nd-cp"
_ID_SHAPED = re.compile(r"^[a-z][a-z0-9.-]*(?:/[a-z0-9.-]+)+$")  # "cp/2019/nd/73", as show prints it
_DOTTED_SYMBOL = re.compile(r"^(\d+[a-zA-Z]?)\.(\d{4})\.([^\W\d_][\w.]*)$")  # "30.2020.NĐ.CP"


def _unglued(tok: str) -> list[str]:
    """A symbol typed without its separators: a type code glued to the number
    ("nđ13/2023" -> "nđ 13/2023") and dashes for slashes ("13-2023-nd-cp" ->
    "13/2023/nd-cp"), as typed in file names and addresses."""
    m = _DASHED_SYMBOL.match(tok) or _DOTTED_SYMBOL.match(tok)
    if m:
        return [f"{m.group(1)}/{m.group(2)}/{m.group(3).replace('.', '-')}"]
    m = _GLUED_TYPE.match(tok)
    if m and vocab.types_for_code(vocab.canonical_type_code(m.group(1))):
        return [m.group(1), m.group(2)]
    return [tok]


def _symbol_pieces(tok: str) -> list[str]:
    """A slashed token that is no whole symbol, split into its parts: "01/2018/VPCP"
    (the type code left out) reads as "01 2018 VPCP", whose parts are then taken one by
    one like "tt 01 2018 vpcp". A whole symbol, or number and year, stays one token."""
    if not _SLASHED_SYMBOL.match(tok):
        return [tok]  # a date ("29/6/2024"), a range ("2021-2025") is no symbol
    sym = parse_symbol(tok)
    # The parser says when a symbol lacks the type code a document of that issuer
    # carries (a law's "86/2015/QH13" lacks none): a slip of the writer, no document is
    # numbered so.
    if sym is not None and "no type code" not in sym.notes:
        return [tok]
    return [p for p in re.split(r"[/-]+", tok) if p]


def _without_cited_date(raw: str) -> tuple[str, int | None]:
    """The query without the date of a citation typed after its number, and that date's year:
    "06/QĐ-TTg ngày 06/01/2022", "Quyết định số 749/QĐ-TTg ngày 03/6/2020" name one
    document, whose year the date gives; its day and month are no words to find (matching
    "ngày", "06", "01" and "2022" found 1,499 unrelated circulars). A date with no number
    before it ("nghị định ngày 29/6/2024") is left as typed (after a law's name, see
    `_as_searched`)."""
    for found in find_dates(raw):
        if found.year is None or not any(ch.isdigit() for ch in raw[: found.start]):
            continue
        before = re.search(r"(?i)(?<![^\W\d_])(?:ngày|ngay)\s*$", raw[: found.start])
        start = before.start() if before else found.start
        return f"{raw[:start]} {raw[found.end:]}".strip(), found.year
    return raw, None


def _as_searched(raw: str) -> str:
    """A pasted citation as the query it stands for: without the cue that frames it ("Căn
    cứ Nghị định số 45/2020/NĐ-CP ...", "can cu 30/2020/ND-CP", "Căn cứ khoản 1 Điều 3 Luật
    ...", "Căn cứ Hiến pháp ...": no title need hold "căn cứ"), and a law's date as its year
    ("Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015" is the law of 2015, as
    "... năm 2015" is; its day and month are no words). The article it points into ("khoản 1
    Điều 3 Luật ...") is left out: the law is the document sought. A cue before other words
    stays one ("căn cứ xác định nạn nhân ...")."""
    tokens = raw.split()
    cue = _basis_cue_length(tokens)
    if cue and cue < len(tokens) and _citation_opens(tokens, cue):
        raw = " ".join(tokens[cue:])
    # "khoản 1 Điều 3 Luật ...": the law is the document sought, its article a part of it.
    pinpoint = _PINPOINT.match(raw)
    if pinpoint is not None and pinpoint.end() < len(raw):
        rest = raw[pinpoint.end():].split()
        if rest and _citation_opens(rest, 0) and _PINPOINT.match(" ".join(rest)) is None:
            raw = " ".join(rest)
    for found in find_dates(raw):
        if found.year is None or found.day is None or any(ch.isdigit() for ch in raw[: found.start]):
            continue
        if _LAW_NAME.search(fold(raw[: found.start]).lower()) is None:
            break
        before = re.search(r"(?i)(?<![^\W\d_])(?:ngày|ngay)\s*$", raw[: found.start])
        start = before.start() if before else found.start
        return f"{raw[:start]} năm {found.year} {raw[found.end:]}".strip()
    return raw


def _citation_opens(tokens: list[str], at: int) -> bool:
    """Whether a citation starts at tokens[at]: a number, a type word, a type cited by its
    name ("Hiến pháp", "Bộ luật"), or the article it points into ("khoản 1 Điều 3")."""
    rest = " ".join(tokens[at:at + 3])
    return (tokens[at][:1].isdigit() or _type_at(tokens, at) is not None
            or _LAW_NAME.match(fold(rest).lower() + " x") is not None or _PINPOINT.match(rest) is not None)


# A type cited by its name (data/citation_forms.json 'cited_by_name': Luật, Bộ luật, Pháp
# lệnh) and a word of the name, folded.
_LAW_NAME = re.compile(r"(?<![^\W\d_])(?:" + "|".join(sorted(
    (re.escape(fold(t).lower()) for t in citation_forms().cited_by_name), key=len, reverse=True)) + r")\s+[^\W\d_]")
# The parts a citation points into, each with its number ("khoản 1 Điều 3 ", "Điều 25, "):
# data/cite_words.json 'pinpoint_words', typed with or without accents.
_PINPOINT = re.compile(r"(?i)(?:(?:" + "|".join(sorted(
    {alt for w in vocab.cite_words()["pinpoint_words"]["words"] for alt in (re.escape(w), re.escape(fold(w)))},
    key=len, reverse=True)) + r")\s+\d+[a-z]?[,\s]+)+")


# The longest issuer name looked for after "của" (words): "Ủy ban nhân dân tỉnh Bà Rịa - Vũng Tàu".
_ISSUER_WORDS_MAX = 9
# "của" (data/cite_words.json 'unmarked' before_name: the word before an issuer's name).
_OF_WORDS = frozenset(fold(w) for w in vocab.cite_words()["unmarked"]["before_name"])


def _issuer_after_of(tokens: list[str], at: int) -> set[int]:
    """The words of "của <issuer>" right after a whole symbol (its date already taken out):
    a pasted citation ("Thông tư số 27/2011/TT-BGTVT ngày 14/4/2011 của Bộ GTVT") names the
    symbol's issuer, no subject to find. The issuer as data/issuers.json names it, its
    abbreviations spelt out, perhaps with its province ("UBND tỉnh Quảng Ngãi"). Further on,
    "của Bộ Tài chính" may be the subject's ("... cơ cấu tổ chức của Bộ Tài chính")."""
    if at >= len(tokens) or fold(tokens[at].lower()) not in _OF_WORDS:
        return set()
    for end in range(min(len(tokens), at + 1 + _ISSUER_WORDS_MAX), at + 1, -1):
        words = tokens[at + 1:end]
        if (vocab.issuer_by_name(" ".join(words)) or vocab.issuer_by_name(analysis.expand_abbreviations(
                " ".join(words))) or _issuer_in_place(words)):
            return set(range(at, end))
    return set()


def _issuer_in_place(words: list[str]) -> bool:
    """"UBND tỉnh Quảng Ngãi", "Sở Tài chính tỉnh Nghệ An": an issuer, then its province."""
    return any(places.province_by_name(" ".join(words[cut:])) is not None
               and vocab.issuer_by_name(" ".join(words[:cut])) is not None for cut in range(len(words) - 1, 0, -1))


def _detect_symbol(raw: str) -> tuple[SymbolQuery | None, str]:
    """Find a document symbol however the query writes it; return it and the rest.

    Accepts a whole symbol ("61/2018/ND-CP", "749/QĐ-TTg", "52-NQ/TW") or its parts in
    any order ("nd 61/2018", "nghị định 61 2018", "qd 749 ttg", "KH 61 UBND 2019", "61
    2018"). Parts count only around a number, so ordinary words that happen to equal a
    code ("tt", "ct") stay words when no number is typed."""
    if not any(ch.isdigit() for ch in raw):
        return None, raw
    raw, cited_year = _without_cited_date(raw)
    tokens = [t.strip(".,;:?!()[]{}'\"") for t in raw.split()]  # "Nghị định số: 47/2020/NĐ-CP;"
    tokens = [t for t in tokens if t]
    tokens = [piece for t in tokens for glued in _unglued(t) for piece in _symbol_pieces(glued)]
    keys: list[str] = []
    written: str | None = None
    written_at, written_code = 0, False  # where the whole symbol is, whether it has a type code
    numbers: list[tuple[int, str]] = []  # (token index, "61" / "30c")
    types: list[tuple[int, int, str]] = []  # (token index, length, key) of each type word
    used: set[int] = set()
    issuer_at: set[int] = set()
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        low = tok.lower()
        if tok[0].isdigit() and i > 0 and tokens[i - 1].lower() in ("số", "so"):
            used.add(i - 1)  # "Luật số 91/2025/QH15": "số" is the symbol's word, no subject
        if tok[0].isdigit() and ("/" in tok or "-" in tok):
            m = _NUMBER_YEAR.match(low)
            if m:
                numbers.append((i, m.group(1).lstrip("0") + m.group(2) or "0"))
                keys.append(f"y:{m.group(3)}")
                used.add(i)
            else:
                sym = parse_symbol(tok)
                if sym is not None:
                    written, written_at, written_code = tok, i, sym.type_code is not None
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
            types.append((i, found[1], f"t:{found[0]}"))
            i += found[1]
            continue
        # Beside a number, an issuer code beside it, or a type code beside it: "30 2020 nđ cp".
        beside = _next_to_number(tokens, i) or (i - 1) in issuer_at or any(
            at + size == i and _next_to_number(tokens, at) for at, size, _ in types)
        if tok.isalpha() and len(tok) <= 10 and (tok.isupper() or (beside
                                                                    and not _VIET_SYLLABLE.match(fold(tok).lower()))):
            # Issuer codes are short and many are syllables too ("tư" TW, "du" ĐU): a
            # code counts typed in capitals ("TTg"), or beside a number when it is no
            # Vietnamese syllable ("qd 749 ttg"; not "luật đầu tư 2020").
            issuer = vocab.lookup_issuer_code(tok)
            if issuer is not None and tok.lower() not in ("an",):
                keys.append(f"i:{_code_key(issuer)}")
                used.add(i)
                issuer_at.add(i)  # a joint document's codes follow one another: "vpcp bnv"
        i += 1
    if written is not None and not any(k.startswith("y:") for k in keys):
        # An administrative symbol has no year ("06/QĐ-TTg"): the year typed beside it, or
        # its date's, says which year's document ("qd 06/QD-TTg 2022").
        years = {num for _, num in numbers if _is_year(num)} | ({str(cited_year)} if cited_year else set())
        if len(years) == 1:
            keys.append(f"y:{years.pop()}")
            typed = parse_symbol(written)
            if typed is not None and typed.type_code and vocab.type_classes(typed.type_code) <= {"normative"}:
                # "61/NĐ-CP 2018": a decree's symbol written without the year it carries
                # (61/2018/NĐ-CP) is found by its number, type, issuer and that year, not
                # by its shape, which only an administrative symbol has ("06/QĐ-TTg").
                keys = [k for k in keys if not k.startswith("s:")]
    elif cited_year and not any(k.startswith("y:") for k in keys):
        numbers.append((len(tokens), str(cited_year)))
    if written is not None:
        # A whole symbol carries its type: a type word saying the same is part of it.
        for at, size, key in types:
            if key in keys:
                used.update(range(at, at + size))
        # "Quyết định 749/TTg", "Nghị quyết 103/2015/QH13": the type word right before a
        # symbol typed without a type code is the document's type. The symbol as typed
        # need not be the one it carries (749/QĐ-TTg; a resolution of the Assembly has
        # none): its number, year, issuer and that type say which document it is. Words
        # naming a relation ("hướng dẫn 13/CP", also the type Hướng dẫn) are no type.
        before = written_at - 1 if written_at and tokens[written_at - 1].lower() in ("số", "so") else written_at
        typed_type = next(((at, size, key) for at, size, key in types if at + size == before
                           and tuple(fold(analysis.normalize(t)) for t in tokens[at:before]) not in _relation_cues()),
                          None)
        if not written_code and typed_type is not None and not any(k.startswith("t:") for k in keys):
            keys = [k for k in keys if not k.startswith("s:")] + [typed_type[2]]
            used.update(range(typed_type[0], typed_type[0] + typed_type[1]))
    elif types:
        # One document has one type: the type word next to its number is the symbol's
        # ("thông tư hướng dẫn nghị định 61": Nghị định 61), and so is that word repeated.
        # The others are words of the query: the document sought, "thông tư hướng dẫn",
        # refers to that one. The number is the document's, not a year ("năm 2018 ...").
        own = [i for i, num in numbers if not _is_year(num)]
        anchor = (own or [i for i, _ in numbers] or [0])[0]
        _, _, key = min(types, key=lambda t: (abs(t[0] + t[1] - 1 - anchor) if t[0] < anchor
                                              else t[0] - anchor + 0.5))
        keys.append(key)
        for at, size, other in types:
            if other == key:
                used.update(range(at, at + size))
    if written is None:
        # Numbers: a 4-digit number in the year range is the year when another number is
        # the document number ("61 2018") or when "năm" precedes it.
        doc_number: str | None = None
        for idx, num in numbers:
            prev = tokens[idx - 1].lower() if idx > 0 else ""
            if _is_year(num) and (doc_number is not None or prev in _YEAR_WORDS or len(numbers) > 1):
                keys.append(f"y:{num}")
                if prev in _YEAR_WORDS:
                    used.add(idx - 1)  # "năm 2024" is the year; "năm" is no word to find
            elif doc_number is None:
                doc_number = num
            else:
                keys.append(f"y:{num}")
        if doc_number is None:
            if numbers:  # only a year: a filter-like word, left to the free-text query
                keys = [k for k in keys if k.startswith("y:")]
                if not keys:
                    return None, raw
                kept = [t for j, t in enumerate(tokens)
                        if j not in used or not (t[0].isdigit() or t.lower() in _YEAR_WORDS)]
                return SymbolQuery(tuple(dict.fromkeys(keys)), None, False), " ".join(kept)
            return None, raw
        if not keys:  # a bare number with words: "nghị định 61" has a type key; "61" alone counts
            if len(tokens) > 1:
                return None, raw
        keys.insert(0, f"n:{doc_number}")
    if written is not None:
        used |= _issuer_after_of(tokens, written_at + 1)
    rest_tokens = [t for j, t in enumerate(tokens) if j not in used]
    pure = all(t.lower() in _FILLER_IN_SYMBOL for t in rest_tokens)
    rest = "" if pure else " ".join(rest_tokens)
    return SymbolQuery(tuple(dict.fromkeys(keys)), written, pure), rest


def parse_query(text: str) -> ParsedQuery:
    """Read a query as typed. Never raises on odd input: syntax characters are words'
    separators, operators are dropped, the length is capped.

    The answer depends on the text and the static vocabulary only (not on the KB), and it
    is immutable, so it is cached: the web service parses each query twice (search, then
    highlighting), and popular queries come back from many users."""
    text = text or ""
    if len(text) > 2 * MAX_QUERY_CHARS:  # keep huge keys out of the cache
        return _parse_query(text)
    return _parse_query_cached(text)


def _parse_query(text: str) -> ParsedQuery:
    raw = _as_searched(_retyped(unicodedata.normalize("NFC", text or "")[:MAX_QUERY_CHARS].strip()))
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
        if _excludes(token):
            excluded.extend(_words(token[1:], accented))
            continue
        plain.append(token)
    previous = ""
    starts: list[int] = []  # the first group of each plain token, and the end
    for token in plain:
        starts.append(len(groups))
        for syl_raw in analysis.syllables(unicodedata.normalize("NFC", token)):
            if len(groups) >= MAX_QUERY_TERMS:
                break
            if syl_raw.lower() in _OPERATORS and syl_raw.isupper():
                continue
            abbr = _typed_abbreviation(syl_raw)
            syl = analysis.normalize(syl_raw)
            word = _word(syl, accented)
            if abbr is not None:
                expansions = tuple(tuple(_words(e, True)) for e in abbr.expansions)
                groups.append(Group(word, expansions))
            else:
                glue = syl in _GLUE or _GLUE_AFTER.get(syl, "\0") == previous
                groups.append(Group(word, optional=glue and len(plain) > 1))
            previous = syl
    starts.append(len(groups))
    # Every run of 2 to MAX_COMPOUND neighbouring words is a compound candidate: the index
    # holds each dictionary compound of a title or citation (and every pair), so a run that
    # is no word simply matches nothing. No segmenter runs on the query: the CRF model takes
    # 0.5-3 s to load (a CLI search is one process), and a query typed without accents could
    # not use it, so accented and unaccented queries would find different compounds.
    compounds: list[Word] = []
    plain_words = [g.word for g in groups if not g.expansions]
    for size in range(2, analysis.MAX_COMPOUND + 1):
        for i in range(len(plain_words) - size + 1):
            part = plain_words[i : i + size]
            acc = (analysis.COMPOUND_JOINER.join(w.accented or "" for w in part)
                   if accented and all(w.accented for w in part) else None)
            compounds.append(Word(acc, analysis.COMPOUND_JOINER.join(w.folded for w in part)))
    if symbol is not None and symbol.pure and groups:
        symbol = SymbolQuery(symbol.keys, symbol.written, False)
    type_hint = None
    rest_tokens = rest.split()
    # "hướng dẫn nghị định 61/2018": relation words, then the type of the document guided.
    # ("hướng dẫn 01/2018/TT-VPCP" may name the circular itself, titled "Hướng dẫn ...".)
    cue_end = _relation_cue_end(rest_tokens) if len(rest_tokens) > 1 else None
    typed = raw.split()  # the type word before a symbol is not in `rest`
    guiding = cue_end is not None and cue_end < len(typed) and _type_at(typed, cue_end) is not None
    if len(rest_tokens) > 1:
        found = _type_at(rest_tokens, 0)
        # "hướng dẫn ...", "quy định chi tiết ..." open with relation words, also the types
        # Hướng dẫn and Quy định: they name no type of the document sought.
        if found and found[1] < len(rest_tokens) and cue_end is None:
            type_hint = found[0]
            # The type word names what is sought, not a word its title or citations must
            # hold: "quy định về công tác văn thư" is Nghị định 30/2020/NĐ-CP "về công tác
            # văn thư", cited as "Nghị định số 30/2020/NĐ-CP ... về công tác văn thư".
            # Nor is the "nào" that asks for it ("nghị định nào quy định chi tiết ...").
            end = found[1] + (rest_tokens[found[1]].lower() in _ASKING and found[1] + 1 < len(rest_tokens))
            if not any(_excludes(t) for t in rest_tokens[:end]):
                groups = _optional(groups, 0, starts[end])
    if type_hint is None and cue_end is None:
        asked = _asked_type(plain)
        if asked is not None:
            # "cho tôi hỏi luật nào quy định về căn cước": the type a question asks for is
            # what is sought, as an opening type word is; it and "nào" are no title words.
            first, end, type_hint = asked
            groups = _optional(groups, starts[first], starts[end])
        elif (which := _asked_document(plain)) is not None:
            # "văn bản nào hướng dẫn luật thú y": a document of any type; the words asking
            # for it are no title words, and the relation words any of its cues.
            groups = _relation_words_optional(_optional(groups, starts[which[0]], starts[which[1]]))
    if type_hint:
        # "nghị định hướng dẫn luật X": after the type word, the relation words are any of
        # the cues the decree's title may use. Without a type word they are the subject.
        groups = _relation_words_optional(groups)
    name = _whole_name(plain_tokens(unquoted))
    return ParsedQuery(raw, accented, tuple(groups), tuple(phrases), tuple(excluded), symbol,
                       tuple(dict.fromkeys(compounds)), type_hint, name or None, _typed_year(symbol), guiding)


@lru_cache(maxsize=1)
def _basis_cues() -> tuple[tuple[str, ...], ...]:
    """data/relations.json based_on cues, folded, longest first: "căn cứ theo", "căn cứ"."""
    cues = {tuple(fold(c).lower().split()) for c in vocab.relations()["based_on"].cues}
    return tuple(sorted(cues, key=len, reverse=True))


def _basis_cue_length(tokens: Sequence[str]) -> int:
    """How many of the first tokens are a based_on cue ("Căn cứ", "can cu vao"), else 0."""
    folded = tuple(fold(t.strip(".,;:")).lower() for t in tokens[:4])
    return next((len(c) for c in _basis_cues() if folded[:len(c)] == c), 0)


# The word after a type word that asks which document: "luật nào", "nghị định nào".
_ASKING = frozenset({"nào", "nao"})


def _asked_type(tokens: list[str]) -> tuple[int, int, str] | None:
    """(first token, end token, type key) of a type word a question asks for, "nào"
    included: "luật nào" in "cho tôi hỏi luật nào quy định về ...". Only with words after it."""
    for i in range(len(tokens)):
        found = _type_at(tokens, i)
        end = i + found[1] + 1 if found is not None else 0
        if found is not None and end < len(tokens) and tokens[end - 1].lower() in _ASKING:
            return i, end, found[0]
    return None


def _asked_document(tokens: list[str]) -> tuple[int, int] | None:
    """(first token, end token) of a word for any document that a question asks for,
    "nào" included: "văn bản nào" (a type word of data/types.json with no ký hiệu code, so
    naming no type a symbol carries). Only with words after it."""
    for i in range(len(tokens)):
        for size in (2, 1):
            end = i + size + 1
            if end < len(tokens) and tokens[end - 1].lower() in _ASKING:
                dtype = vocab.doc_type_by_word(" ".join(tokens[i:i + size]))
                if dtype is not None and dtype.code is None:
                    return i, end
    return None


def _optional(groups: list[Group], lo: int, hi: int) -> list[Group]:
    """`groups` with those from `lo` to `hi` optional: words naming what is sought, not
    words its title must hold."""
    return [Group(g.word, g.expansions, optional=True) if lo <= j < hi else g for j, g in enumerate(groups)]


def _typed_year(symbol: SymbolQuery | None) -> int | None:
    """The year a query names: its year key, or a lone number that is a year and no
    document's number ("Luật Đất đai 2013" is read as number 2013 of a Luật)."""
    if symbol is None or symbol.written:
        return None
    years = [k[2:] for k in symbol.keys if k.startswith("y:")]
    numbers = [k[2:] for k in symbol.keys if k.startswith("n:")]
    if not years and len(numbers) == 1 and _is_year(numbers[0]):
        years = numbers
    return int(years[0]) if len(years) == 1 else None


def _typed_abbreviation(syllable: str) -> analysis.Abbreviation | None:
    """The abbreviation a typed syllable is ("CNTT", "cntt"), if any: in capitals, or short
    enough not to be a word that happens to spell one."""
    abbr = analysis.abbreviation(syllable)
    if abbr is not None and (syllable.isupper() or len(analysis.normalize(syllable)) <= 6):
        return abbr
    return None


def _excludes(token: str) -> bool:
    """A typed "-word": documents holding it are left out."""
    return token.startswith("-") and len(token) > 1


def plain_tokens(text: str) -> list[str]:
    """The typed tokens that are no exclusion ("-word")."""
    return [t for t in text.split() if not _excludes(t)]


def _whole_name(tokens: Sequence[str]) -> str | None:
    """The query's words as a whole-name key: the type word kept ("luật chứng khoán 2019"
    is "luat-chung-khoan"; the index holds each name with and without its type word, and
    some catalog titles begin with "Luật"), abbreviations spelt out ("luật CNTT" is
    "luat-cong-nghe-thong-tin"), numbers and the "năm"/"số" before them left out."""
    words: list[str] = []
    for n, token in enumerate(tokens):
        nxt = tokens[n + 1] if n + 1 < len(tokens) else ""
        if any(ch.isdigit() for ch in token) or (token.lower() in _BEFORE_NUMBER and nxt[:1].isdigit()):
            continue
        for syl in analysis.syllables(unicodedata.normalize("NFC", token)):
            abbr = _typed_abbreviation(syl)
            if abbr is not None and abbr.expansions:
                words.append(abbr.expansions[0])
            else:
                words.append(syl)
    joined = " ".join(words)
    if len(analysis.syllables(joined)) < 2:
        return None
    return name_key(joined) or None


@lru_cache(maxsize=1)
def _relation_cues() -> tuple[tuple[str, ...], ...]:
    """The words that say one document guides another ("hướng dẫn", "quy định chi tiết"),
    from data/relations.json, folded, longest first."""
    cues = {tuple(fold(analysis.normalize(w)) for w in analysis.syllables(c))
            for c in vocab.relations()["guides"].cues}
    return tuple(sorted(cues, key=len, reverse=True))


def _relation_cue_end(tokens: Sequence[str]) -> int | None:
    """Where relation words opening the query end ("hướng dẫn | nghị định 61"), if any."""
    words = [fold(analysis.normalize(t)) for t in tokens[:8]]
    return next((len(c) for c in _relation_cues() if tuple(words[:len(c)]) == c), None)


def _relation_words_optional(groups: list[Group]) -> list[Group]:
    """"nghị định hướng dẫn luật X": the decree sought is titled "quy định chi tiết ...
    Luật X"; the words naming the relation are any of its cues, so none is required."""
    words = [g.word.folded if not g.expansions else None for g in groups]
    out = list(groups)
    i = 0
    while i < len(words):
        cue = next((c for c in _relation_cues()
                    if tuple(words[i:i + len(c)]) == c and len(c) < len(words)), None)
        if cue is None:
            i += 1
            continue
        for j in range(i, i + len(cue)):
            out[j] = Group(out[j].word, out[j].expansions, optional=True)
        i += len(cue)
    return out


_parse_query_cached = lru_cache(maxsize=4096)(_parse_query)


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
            dtype = _vocab_type(doc_type)
            type_key = _key(dtype.name if dtype else doc_type)
        issuer_key = None
        if issuer:
            issuer_key = _code_key(_vocab_issuer(issuer) or issuer)
        for name, year in (("year_from", year_from), ("year_to", year_to)):
            if year is not None and not 1900 <= int(year) <= 2100:
                raise SearchError(f"Năm không hợp lệ ({name}): {year}; cần từ 1900 đến 2100.")
        if year_from and year_to and year_from > year_to:
            raise SearchError(f"Khoảng năm không hợp lệ: từ {year_from} đến {year_to}.")
        status_key = None
        if status:
            status_key = _key(status)
            if status_key not in {_key(s) for s in validity.STATUSES}:
                raise SearchError(f"Không rõ tình trạng hiệu lực \"{status}\"; chọn một trong: "
                                  + ", ".join(validity.STATUSES) + ".")
        if province and (unit := places.province_by_name(province)) is not None:
            province = unit.name  # "tỉnh Quảng Ngãi", "quang ngai": the index's "Quảng Ngãi"
        return cls(type_key, issuer_key, _key(level) if level else None,
                   _key(province) if province else None, year_from, year_to, status_key)

    @property
    def any(self) -> bool:
        return any(v is not None for v in asdict(self).values())


# --- snippets ---------------------------------------------------------------------------------

_SNIPPET_SCAN = 8_000  # snippets come from the opening of long texts: scanning costs per hit
_SNIPPET_WORDS = 32


@lru_cache(maxsize=2048)
def _snippet_keys(text: str) -> tuple[str, tuple[str, ...]]:
    """The scanned opening of `text` and its folded syllables, cached: the documents that
    answer queries (and their citation contexts) come back query after query."""
    chunk = text[:_SNIPPET_SCAN]
    return chunk, tuple(map(analysis.fold_syllable, analysis._SYLLABLE.findall(chunk)))


def make_snippet(texts: Sequence[str], terms: set[str], *, words: int = _SNIPPET_WORDS) -> str:
    """The passage of `texts` with the most distinct query words, HTML-escaped, matches in
    <mark>. Matching is accent-insensitive so an unaccented query still highlights.

    The passage is the first window of `words` syllables (opening 4 before a match) with
    the most distinct query words; the scan runs at C speed (findall, a cached fold per
    syllable, set membership), since snippets are built for every hit of every query."""
    # (distinct query words, chunk, its folded syllables, first, end syllable)
    best: tuple[int, str, tuple[str, ...], int, int] | None = None
    for text in texts:
        if not text:
            continue
        chunk, keys = _snippet_keys(text)
        if not keys:
            continue
        if best is None:
            best = (0, chunk, keys, 0, words)
        if not terms:
            break
        hits = list(compress(range(len(keys)), map(terms.__contains__, keys)))
        present = len(set(compress(keys, map(terms.__contains__, keys))))
        # Slide the window [lo, hi) along the hits; both ends only move forward. Query
        # words in the window are exactly the hits in it.
        counts: dict[str, int] = {}
        first = last = 0
        for i in hits:
            lo, hi = max(0, i - 4), (i - 4 + words if i >= 4 else words)
            while last < len(hits) and hits[last] < hi:
                key = keys[hits[last]]
                counts[key] = counts.get(key, 0) + 1
                last += 1
            while hits[first] < lo:
                key = keys[hits[first]]
                counts[key] -= 1
                if not counts[key]:
                    del counts[key]
                first += 1
            if len(counts) > best[0]:
                best = (len(counts), chunk, keys, lo, hi)
            if len(counts) >= present:
                break  # no later window of this text has more
        if best[0] >= len(terms):
            break
    if best is None:
        return ""
    _, chunk, chunk_keys, lo, hi = best
    window = list(islice(analysis._SYLLABLE.finditer(chunk), lo, hi))
    if not window:
        return ""
    start, end = window[0].start(), window[-1].end()
    if not chunk[:start].strip(" \t\n<>\"'([{"):
        start = 0  # the passage opens the text: keep leading punctuation ("<b>", quotes)
    out: list[str] = ["…" if start > 0 else ""]
    pos = start
    # Escape the runs between marked words whole (escaping is per character, so this is
    # the same text), not word by word: two escapes per match instead of two per word.
    # The window's folded syllables are `chunk_keys[lo:hi]` (the same findall over `chunk`).
    for m, key in zip(window, chunk_keys[lo:hi], strict=False):
        if key in terms:
            out.append(html.escape(chunk[pos : m.start()]))
            out.append(f"<mark>{html.escape(m.group(0))}</mark>")
            pos = m.end()
    out.append(html.escape(chunk[pos:end]))
    out.append("…" if end < len(chunk) else "")
    return re.sub(r"\s+", " ", "".join(out)).strip()


# --- ranking settings (shared by the backends) -------------------------------------------------

# BM25F field weights. Symbol keys are precise; a title states the subject; type and issuer
# words ("nghị định", "chính phủ") qualify; citation contexts describe the document in
# others' words; the full text is long and diffuse.
FIELD_WEIGHTS = {"sym": 8.0, "title": 3.0, "meta": 1.5, "ctx": 1.2, "text": 0.5}
# An exact-diacritic match adds this fraction of the field's weight on top of the folded
# match, so "luật" ranks "luật" above "lưu"/"lụt"-like collisions of the folded form.
ACCENT_BONUS = 0.6
COMPOUND_WEIGHT = 1.0  # query words found side by side (pair or compound): phrase-like
PIN_BOOST = 1_000.0
STRICT_MIN_HITS = 3  # see query_plans
PHRASE_WEIGHT = 2.0  # the whole query, word for word, in a title or a citation
TYPE_HINT_WEIGHT = 30.0  # "nghị định ..." prefers Nghị định over texts merely naming one
# A symbol typed with other words ("thông tư hướng dẫn nghị định 61/2018") is a document
# the one sought refers to: its number and year in a title or citation.
MENTION_WEIGHT = 8.0
YEAR_ONLY_SCALE = 3.0  # see symbol_query
NAME_WEIGHT = 60.0  # the query is a document's whole name: "luật cư trú" is Luật Cư trú
# The whole name and the year ("luật đất đai năm 2013"): one version of the name, the one
# sought even when a newer version, in force and cited more, holds the same words.
NAME_YEAR_WEIGHT = 200.0
# BM25 parameters. Contexts and full texts exist for few documents, so their average length
# (over all documents) is tiny and full normalization would crush every match in them: they,
# and the short type/issuer words, are not length-normalized (tf saturates).
BM25_K1 = 1.2
BM25_B = 0.6
UNNORMALIZED_FIELDS = ("meta", "meta_f", "ctx", "ctx_f", "text_f")

# The indexed fields (both backends use these names). Text fields hold analysed terms
# (analysis.py): `segmenter`, syllable `bigrams`, `positions` (phrase queries), accented or
# `folded`, and the IndexRecord attribute they come from.
@dataclass(frozen=True)
class TextField:
    name: str
    source: str
    folded: bool
    segmenter: str
    bigrams: bool
    positions: bool


# Titles and citation contexts: syllables, compounds and syllable pairs; titles are short
# enough for the CRF segmenter. Full text: folded only, the dictionary fast path, no pairs and
# no positions, to keep the build fast; exact diacritics and phrases are ranked through titles
# and contexts (a body holds every common word somewhere, "số lượng" as "số": where a word
# typed with accents stands in it says nothing of the subject, see accent_requirement).
TEXT_FIELDS = (
    TextField("title", "title", False, "crf", True, True),
    TextField("title_f", "title", True, "crf", True, True),
    TextField("meta", "meta", False, "dict", True, False),
    TextField("meta_f", "meta", True, "dict", True, False),
    TextField("ctx", "contexts", False, "dict", True, True),
    TextField("ctx_f", "contexts", True, "dict", True, True),
    TextField("text_f", "text", True, "dict", False, False),
)
FILTER_FIELDS = ("doc_type", "issuer", "level", "province", "status")
_FACET_MISSING = {"doc_type": "(không rõ)", "issuer": "(không rõ)", "level": "(không rõ)",
                  "province": "(trung ương)", "status": "(chưa xác định)"}


def facet_values(rec: IndexRecord) -> dict[str, str]:
    """Displayed facet value per filter field (a placeholder when unknown)."""
    return {name: getattr(rec, name) or _FACET_MISSING[name] for name in FILTER_FIELDS}


def filter_keys(rec: IndexRecord) -> dict[str, str]:
    """Filter key per filter field, normalized as `Filters.make` normalizes user input. An
    unknown value is keyed by its placeholder, so that the facet "(chưa xác định)" a
    result list shows also filters."""
    shown = facet_values(rec)
    return {"doc_type_k": _key(shown["doc_type"]), "issuer_k": _code_key(shown["issuer"]),
            "level_k": _key(shown["level"]), "province_k": _key(shown["province"]),
            "status_k": _key(shown["status"])}


def date_key(rec: IndexRecord) -> int:
    """Sort key for browsing newest first: 20180423, 0 when undated."""
    return int(rec.date.replace("-", "")) if rec.date else 0


# --- backend-neutral query plans -----------------------------------------------------------------
# The query a backend runs is built once here, as a small tree; each backend compiles the tree
# to its engine's query objects. Scores add up over matching clauses; `boost` multiplies.


@dataclass(frozen=True)
class Term:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    field: str
    words: tuple[str, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class All:
    """Every clause must match."""

    subs: tuple[Any, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class AnyOf:
    """At least one clause must match."""

    subs: tuple[Any, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class AndMaybe:
    """`required` must match; `optional` adds its score where it matches too."""

    required: Any
    optional: Any


@dataclass(frozen=True)
class YearRange:
    low: int | None
    high: int | None


def word_query(w: Word, *, fields_acc: Sequence[str], fields_fold: Sequence[str],
               scale: float = 1.0) -> AnyOf:
    subs: list[Any] = [Term(f"{f}_f", w.folded, FIELD_WEIGHTS[f] * scale) for f in fields_fold]
    if w.accented:
        subs += [Term(f, w.accented, FIELD_WEIGHTS[f] * ACCENT_BONUS * scale) for f in fields_acc]
    return AnyOf(tuple(subs))


def phrase_query(words: Sequence[Word], scale: float = 1.0) -> AnyOf:
    folded = tuple(w.folded for w in words)
    subs: list[Any] = [
        Phrase("title_f", folded, FIELD_WEIGHTS["title"] * scale),
        Phrase("ctx_f", folded, FIELD_WEIGHTS["ctx"] * scale),
        All(tuple(Term("meta_f", f) for f in folded), FIELD_WEIGHTS["meta"] * scale),
        All(tuple(Term("text_f", f) for f in folded), FIELD_WEIGHTS["text"] * scale),
    ]
    if all(w.accented for w in words):
        subs.append(Phrase("title", tuple(w.accented or "" for w in words),
                           FIELD_WEIGHTS["title"] * ACCENT_BONUS * scale))
    return AnyOf(tuple(subs))


def group_query(g: Group) -> Any:
    word = word_query(g.word, fields_acc=("title", "meta", "ctx"),
                      fields_fold=("title", "meta", "ctx", "text"))
    extra: list[Any] = []
    if g.word.folded.isdecimal():  # not isdigit: "¹" is a digit int() rejects
        extra += [Term("sym", f"n:{int(g.word.folded)}", FIELD_WEIGHTS["sym"]),
                  Term("sym", f"y:{g.word.folded}", FIELD_WEIGHTS["sym"] / 2)]
    if g.expansions:
        # The abbreviation itself as written in the documents, or any expansion.
        extra.append(Term("sym", f"i:{g.word.folded}", FIELD_WEIGHTS["sym"] / 4))
        extra += [phrase_query(exp) for exp in g.expansions]
    return AnyOf((word, *extra)) if extra else word


def symbol_query(sym: SymbolQuery) -> All:
    # A year alone ("danh mục bổ sung giống cây trồng ... năm 2010") picks the version of
    # that year among titles alike: it weighs more than a title's few extra words.
    # The weight is on each term: whoosh drops the boost of an And of one term when it
    # simplifies the query.
    weight = FIELD_WEIGHTS["sym"] * (YEAR_ONLY_SCALE if all(k.startswith("y:") for k in sym.keys) else 1)
    return All(tuple(Term("sym", k, weight) for k in sym.keys))


def mention_query(sym: SymbolQuery) -> AnyOf | None:
    """A title or citation that names the symbol: its number (as typed, "01", or not,
    "1") and its year side by side with it among the words."""
    number = next((k[2:] for k in sym.keys if k.startswith("n:")), None)
    year = next((k[2:] for k in sym.keys if k.startswith("y:")), None)
    if number is None or (year is None and _is_year(number)):
        return None  # "luật chứng khoán 2019": 2019 is the year; every title of 2019 holds it
    spellings = dict.fromkeys((number, number.zfill(2)))
    clauses = []
    for f in ("title_f", "ctx_f"):
        boost = FIELD_WEIGHTS[f[:-2]] * MENTION_WEIGHT  # on each term, as word_query weighs
        for n in spellings:
            words = (Term(f, n, boost), Term(f, year, boost)) if year else (Term(f, n, boost),)
            clauses.append(All(words))
    return AnyOf(tuple(clauses))


def text_query(parsed: ParsedQuery, *, relaxed: bool) -> Any:
    required = [group_query(g) for g in parsed.groups if not g.optional]
    optional = [group_query(g) for g in parsed.groups if g.optional]
    required += [phrase_query(p, scale=2.0) for p in parsed.phrases]
    if parsed.symbol is not None and not parsed.symbol.pure:
        # "thông tư hướng dẫn nghị định 61": the opening type word names the document
        # sought; a symbol of another type is a document it refers to, not a candidate.
        # So is the symbol after opening relation words ("hướng dẫn nghị định 61/2018").
        if _names_the_document(parsed):
            optional.append(symbol_query(parsed.symbol))
        mention = mention_query(parsed.symbol)
        if mention is not None:
            optional.append(mention)
    for c in parsed.compounds:
        optional.append(word_query(c, fields_acc=("title", "ctx"),
                                   fields_fold=("title", "ctx", "text"), scale=COMPOUND_WEIGHT))
    # The whole query as a phrase in a title or citation: the strongest text signal.
    plain = tuple(g.word.folded for g in parsed.groups if not g.expansions and not g.optional)
    if 3 <= len(plain) <= 12:
        optional.append(Phrase("title_f", plain, FIELD_WEIGHTS["title"] * PHRASE_WEIGHT))
        optional.append(Phrase("ctx_f", plain, FIELD_WEIGHTS["ctx"] * PHRASE_WEIGHT))
    if parsed.name:
        optional.append(Term("names", parsed.name, NAME_WEIGHT))
        if parsed.year:
            optional.append(Term("names", f"{parsed.name}-{parsed.year}", NAME_YEAR_WEIGHT))
    if parsed.type_hint:
        optional.append(Term("sym", f"t:{parsed.type_hint}", TYPE_HINT_WEIGHT))
    if not required:
        required, optional = optional, []
    if not required:
        return None
    if relaxed:
        # Any word may be missing; documents with more of them still rank higher.
        return AnyOf(tuple(required + optional))
    main: Any = All(tuple(required))
    if optional:
        main = AndMaybe(main, AnyOf(tuple(optional)))
    return main


# Documents holding every accented word as typed that make them the answer. They are
# matched in titles, type and issuer words and citations, never in a full text's body, so
# two are a sure answer: with three (STRICT_MIN_HITS), the shipped KB, whose titles hold
# "chuyển đổi số" twice, listed them and then the "chuyển đổi sở hữu" decrees. One is not:
# a wrong tone may make another real word, and "đất đại" found only a title on "hiện đại
# hóa đất nước".
EXACT_MIN_HITS = 2
# The weight of a clause that only filters (see accent_requirement): its score must not
# change the order the clauses it joins give.
FILTER_ONLY = 1e-6
# The weight of each accented word (or quoted phrase) written so in a title, or as the type
# or issuer, where folded matches are listed too: above the field weights' order (a
# citation's words beside a title's), below a pinned symbol.
WRITTEN_SO_FIRST = 30.0


def accent_requirement(parsed: ParsedQuery) -> tuple[AnyOf, ...] | None:
    """One clause per required word typed with diacritics: written so in a title, the type
    and issuer words or a citation (weighted `FILTER_ONLY`); not in a full text, indexed
    folded only. A quoted phrase typed with diacritics: written so, word for word, in a
    title or a citation. Words typed without diacritics may be any accented word ("quan ly
    thuế": "quản lý thuế"). None when nothing carries a diacritic."""
    subs = [clause for _, clause in accented_words(parsed)]
    for words in parsed.phrases:
        if all(w.accented for w in words) and any(analysis.has_diacritics(w.accented or "") for w in words):
            written = tuple(w.accented or "" for w in words)
            subs.append(AnyOf((Phrase("title", written, FILTER_ONLY), Phrase("ctx", written, FILTER_ONLY))))
    return tuple(subs) or None


def accented_words(parsed: ParsedQuery) -> list[tuple[str, AnyOf]]:
    """Each required word typed with diacritics, as typed, and the clause of
    `accent_requirement` finding it written so (weighted `FILTER_ONLY`)."""
    out = []
    for g in parsed.groups:
        w = g.word
        if g.optional or g.expansions or w.accented is None or not analysis.has_diacritics(w.accented):
            continue
        out.append((w.accented.replace("_", " "),
                    AnyOf(tuple(Term(f, w.accented, FILTER_ONLY) for f in ("title", "meta", "ctx")))))
    return out


def _weighted(clause: AnyOf, weight: float) -> AnyOf:
    """The title's and the type and issuer words' terms (or phrase) of `clause` (of
    `accent_requirement`) at `weight` ("Hiến pháp" is a type): not the citations', or a
    cited document would count each word twice."""
    return AnyOf(tuple(replace(t, boost=weight) for t in clause.subs if t.field in ("title", "meta")))


@dataclass(frozen=True)
class Plan:
    """One query of `query_plans`: the backend-neutral query (None: browse every document),
    the number of matches that makes it the answer (the last one answers whatever it finds),
    whether its documents may lack some of the words (`partial`), and whether it requires
    every accented word written as typed (`written_so`, see accent_requirement)."""
    query: Any
    min_hits: int
    partial: bool = False
    written_so: bool = False


@dataclass(frozen=True)
class Coverage:
    """How the answer holds the query's words: only some of them (`partial`), or, for an
    accented query, all of them but only folded (`folded`): no document held each accented
    word as typed (where a search looks for it so: titles, type and issuer words,
    citations). One such document is no sign of a typo: "chương trình chuyển đổi số quốc
    gia" names one title, which comes first (see query_plans)."""
    partial: bool = False
    folded: bool = False


class PlanWalk:
    """Walks `query_plans` for a backend: `answers(plan, found, last)` says whether a plan
    that found `found` documents is the answer; `coverage(plan)` then says how it holds
    the query (see Coverage). Both backends share it, so their notices agree."""

    def __init__(self) -> None:
        self.whole = 0  # documents holding every word, found by a plan too short of them
        self.none_written_so = False  # the plan requiring the typed accents found nothing

    def answers(self, plan: Plan, found: int, last: bool) -> bool:
        if found >= plan.min_hits or last:
            return True
        self.whole += found
        if plan.written_so:
            self.none_written_so = not found
        return False

    def coverage(self, plan: Plan) -> Coverage:
        if plan.partial:
            return Coverage(partial=not self.whole)
        return Coverage(folded=not plan.written_so and self.none_written_so)


def query_plans(parsed: ParsedQuery, pinned: Sequence[str]) -> list[Plan]:
    """The queries to try in order, each with the number of matches that makes it the
    answer (the last one answers whatever it finds) and whether its documents may lack some
    of the words (partial): a pure symbol (with the documents the KB resolves it to pinned
    first), all words with the accents typed, all words, any word. `None` means browse every document
    newest first (an empty query, maybe with filters). All words must find STRICT_MIN_HITS
    documents: a long text that holds every word of "thong tu huong dan luat phi va le
    phi" somewhere in its body must not hide the circulars on fees, which lack one word."""
    plans: list[Plan] = []
    pin = [Term("id", p, PIN_BOOST) for p in pinned]
    if parsed.symbol is not None and parsed.symbol.pure:
        plans.append(Plan(AnyOf((symbol_query(parsed.symbol), *pin)), 1))
    strict = text_query(parsed, relaxed=False)
    if strict is not None:
        exact = accent_requirement(parsed)
        if exact is not None:
            # Every accented word written so: "chuyển đổi số" is not "chuyển đổi sở hữu".
            # Fewer than EXACT_MIN_HITS such documents (a word typed with a wrong accent):
            # every folded match, those with more words written so first.
            strict_exact = All((strict, All(exact)))
            plans.append(Plan(AnyOf((strict_exact, *pin)) if pin else strict_exact, EXACT_MIN_HITS, written_so=True))
            strict = AndMaybe(strict, AnyOf(tuple(_weighted(w, WRITTEN_SO_FIRST) for w in exact)))
        plans.append(Plan(AnyOf((strict, *pin)) if pin else strict, STRICT_MIN_HITS))
        # Any word, the type word a query opens with included ("nghị định quidditch"): its
        # documents may lack the others (a strict plan finding too few clears it, see _search).
        plans.append(Plan(text_query(parsed, relaxed=True), 1, partial=True))
    if not plans and parsed.empty and not parsed.excluded:
        plans.append(Plan(None, 1))
    elif not plans:
        raise SearchError("Truy vấn chỉ có từ loại trừ; hãy thêm từ cần tìm.")
    return plans


def excluded_query(parsed: ParsedQuery) -> AnyOf | None:
    if not parsed.excluded:
        return None
    return AnyOf(tuple(Term(f, w.folded) for w in parsed.excluded
                       for f in ("title_f", "meta_f", "ctx_f")))


def filter_clauses(filters: Filters) -> list[Any]:
    """Filter clauses (all must hold; they select documents, they do not score)."""
    out: list[Any] = []
    for name in FILTER_FIELDS:
        value = getattr(filters, name)
        if value is not None:
            out.append(Term(f"{name}_k", value))
    if filters.year_from is not None or filters.year_to is not None:
        out.append(YearRange(filters.year_from, filters.year_to))
    return out


# --- the interface ----------------------------------------------------------------------------

BACKENDS = ("whoosh", "tantivy")
# The engine used when neither the caller nor $CANCU_SEARCH_BACKEND names one.
DEFAULT_BACKEND = "tantivy"
BACKEND_ENV = "CANCU_SEARCH_BACKEND"


def default_backend() -> str:
    """$CANCU_SEARCH_BACKEND when set, else `DEFAULT_BACKEND`."""
    return (os.environ.get(BACKEND_ENV) or DEFAULT_BACKEND).strip().lower()


def backend_class(name: str) -> type[SearchIndex]:
    """The SearchIndex subclass of backend `name` ("whoosh" or "tantivy")."""
    if name == "whoosh":
        return WhooshSearchIndex
    if name == "tantivy":
        try:
            from cancu.graph.search_tantivy import TantivySearchIndex
        except ImportError as exc:
            raise SearchError(f"Bộ máy tìm kiếm 'tantivy' chưa được cài đặt ({exc}); "
                              f"hãy cài gói tantivy hoặc dùng --backend whoosh.") from exc
        return TantivySearchIndex
    raise SearchError(f"Không có bộ máy tìm kiếm '{name}' (có: {', '.join(BACKENDS)}).")


class SearchIndex(ABC):
    """A search index over one knowledge base, kept in `kb.dir / <dirname>` and refreshed
    when `kb.version` changes. Backends subclass this; callers only use `open`/`search`.

    A backend implements `_write_all` (a fresh index of all records in a directory),
    `_apply` (re-index changed records, delete gone ones), `_exists`, and `_search` (run
    the shared query plans); building, swapping, versioning and results are shared."""

    backend: ClassVar[str] = ""
    dirname: ClassVar[str] = "index"
    META: ClassVar[str] = "cancu-index.json"
    CURRENCY: ClassVar[str] = "currency.json"

    def __init__(self, kb: KnowledgeBaseLike, path: Path | None = None) -> None:
        self.kb = kb
        self.path = Path(path) if path is not None else Path(kb.dir) / self.dirname
        self._lock = threading.RLock()
        self._stamp: tuple[int, str] | None = None  # see _kb_stamp
        # `currencies` of the KB as last indexed, kept beside the index (CURRENCY): what a
        # hit says of its validity, without building the suggester for every search.
        self._currency: dict[str, Currency] = {}

    @classmethod
    def open(cls, kb: KnowledgeBaseLike, *, backend: str | None = None,
             path: Path | None = None) -> SearchIndex:
        """The index of `kb`, built or brought up to date if `kb.version` moved.

        `backend`: "whoosh" or "tantivy"; None means $CANCU_SEARCH_BACKEND, else the
        default (`DEFAULT_BACKEND`). Called on a subclass, that subclass is used."""
        if cls is not SearchIndex and cls.backend and backend is None:
            impl: type[SearchIndex] = cls
        elif backend is None:
            name = default_backend()
            try:
                impl = backend_class(name)
            except SearchError:
                if name != DEFAULT_BACKEND or name == "whoosh":
                    raise
                impl = WhooshSearchIndex  # the default engine is not installed: still search
        else:
            impl = backend_class(backend.strip().lower())
        index = impl(kb, path)
        index.refresh()
        return index

    # -- index maintenance (shared) --

    def _meta(self, path: Path | None = None) -> dict[str, Any]:
        try:
            return json.loads(((path or self.path) / self.META).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, NotADirectoryError):
            return {}

    def _indexed_version(self) -> int | None:
        """The `kb.version` the index reflects (see `_meta_version`)."""
        return self._meta_version(self._meta())

    def _meta_version(self, meta: dict[str, Any]) -> int | None:
        """The `kb.version` an index's meta records; None when the index is of another
        schema, or its statuses are of another day (a status changes with the date alone)."""
        if (meta.get("schema") != SCHEMA_VERSION or meta.get("backend") != self.backend
                or meta.get("status_day") != validity.today().isoformat()
                or meta.get("kb_stamp") != self._kb_stamp()):
            return None
        return meta.get("kb_version")

    def _kb_stamp(self) -> str:
        """What the KB holds, as its sources' keys and digests. `kb.version` counts changes
        from the KB's start, and a KB rebuilt in the same folder (`cancu ingest --rebuild`
        after an upgrade brought a new catalog) counts again from the start: an index of
        the old KB at the same version passed for current and answered from the old
        catalog. Computed once per `kb.version`."""
        if self._stamp is not None and self._stamp[0] == self.kb.version:
            return self._stamp[1]
        sources = getattr(self.kb, "sources", None)
        rows = sorted(f"{r.key}\t{r.digest}" for r in sources()) if callable(sources) else []
        stamp = hashlib.sha256("\n".join(rows).encode("utf-8")).hexdigest()[:16]
        self._stamp = (self.kb.version, stamp)
        return stamp

    def _write_meta(self, path: Path, fingerprints: dict[str, str]) -> None:
        meta = {"schema": SCHEMA_VERSION, "backend": self.backend, "kb_version": self.kb.version,
                "kb_stamp": self._kb_stamp(), "status_day": validity.today().isoformat(),
                "count": len(fingerprints)}
        (path / "fingerprints.json").write_text(json.dumps(fingerprints), encoding="utf-8")
        (path / self.CURRENCY).write_text(json.dumps({k: astuple(v) for k, v in self._currency.items()},
                                                     ensure_ascii=False), encoding="utf-8")
        (path / self.META).write_text(json.dumps(meta), encoding="utf-8")

    def _records(self) -> Iterable[IndexRecord]:
        self._currency = currencies(self.kb)
        for doc in self.kb.documents():
            yield index_record(self.kb, doc, self._currency.get(doc.id))

    def _read_currency(self) -> dict[str, Currency]:
        try:
            rows = json.loads((self.path / self.CURRENCY).read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError, NotADirectoryError):
            return {}
        return {k: Currency(*v) for k, v in rows.items()}

    def refresh(self, *, rebuild: bool = False) -> None:
        """Bring the index up to `kb.version` (incrementally, or from scratch)."""
        with self._lock:
            meta = self._meta()
            current = (meta.get("schema") == SCHEMA_VERSION and meta.get("backend") == self.backend
                       and self._exists(self.path))
            if not (current and not rebuild and self._meta_version(meta) == self.kb.version):
                if not current or rebuild:
                    self._build()
                else:
                    self._update()
            else:
                self._currency = self._read_currency()
            self._opened()

    def _build(self) -> None:
        """Build from scratch in a sibling directory, then swap it in, so a searcher in
        another thread or process never sees a half-built index."""
        tmp = self.path.with_name(self.path.name + ".building")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        fingerprints = self._write_all(tmp, self._records())
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
        try:
            old = json.loads((self.path / "fingerprints.json").read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            self._build()
            return
        seen: dict[str, str] = {}
        changed: list[IndexRecord] = []
        for rec in self._records():
            fp = rec.fingerprint()
            seen[rec.id] = fp
            if old.get(rec.id) != fp:
                changed.append(rec)
        self._apply(changed, sorted(set(old) - set(seen)))
        self._write_meta(self.path, seen)

    def _opened(self) -> None:  # noqa: B027 - optional hook, most backends need nothing
        """Called (under the lock) once the directory reflects `kb.version`."""

    @abstractmethod
    def _exists(self, path: Path) -> bool:
        """Whether `path` holds an index of this backend."""

    @abstractmethod
    def _write_all(self, path: Path, records: Iterable[IndexRecord]) -> dict[str, str]:
        """Write a new index of `records` into the empty directory `path`; return
        {id: fingerprint}."""

    @abstractmethod
    def _apply(self, changed: Sequence[IndexRecord], gone: Sequence[str]) -> None:
        """Replace the documents of `changed` and delete the ids `gone` in `self.path`."""

    @abstractmethod
    def _search(self, query: ParsedQuery, filters: Filters, limit: int, page: int,
                pinned: Sequence[str]) -> tuple[int, list[tuple[str, float]], dict[str, dict[str, int]], Coverage]:
        """(total, [(id, score)] of the page, facets, coverage): how the answer holds the
        query's words (`Coverage`, from walking `query_plans` with a `PlanWalk`)."""

    @abstractmethod
    def _matches(self, node: Any) -> int:
        """How many documents the backend-neutral query `node` matches, unfiltered."""

    # -- searching (shared) --

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
        total, ranked, facets, coverage = self._search(parsed, filters, limit, page, pinned)
        ranked = self._replacements_first(ranked, parsed, pinned)
        if not total and doc_type and _vocab_type(doc_type) is None:
            # A mistyped type would answer "nothing found", as if the KB had no such
            # documents: say what is wrong instead. (A type the vocabulary lacks but the KB
            # holds, "Phụ lục" of an annex, is a facet value and finds its documents.)
            raise SearchError(f"Không rõ loại văn bản \"{doc_type}\"; ví dụ: Luật, Nghị định, "
                              "Quyết định, Thông tư, Nghị quyết, Kế hoạch (hoặc NĐ, QĐ, TT ...).")
        if (not total and province and places.province_by_name(province) is None
                and _key(province) != _key(_FACET_MISSING["province"])):
            # "Atlantis": no province of that name, rather than "nothing found" there.
            raise SearchError(f"Không rõ tỉnh, thành phố \"{province}\"; ví dụ: Quảng Ngãi, Hà Nội, "
                              "Thành phố Hồ Chí Minh.")
        if not total and issuer and _vocab_issuer(issuer) is None:
            # The same for an issuer neither the table's codes nor its names know ("XYZ").
            raise SearchError(f"Không rõ cơ quan ban hành \"{issuer}\"; ví dụ: CP, TTg, BTC, UBND "
                              "(hoặc tên: Chính phủ, Thủ tướng Chính phủ, Bộ Tài chính ...).")
        terms = parsed.highlight_terms()
        hits = self._hits(ranked, terms)
        notice, near = self._unknown_symbol(parsed, filters, pinned, total)
        notice = notice or self._unknown_status(parsed, filters, pinned)
        if notice is None and coverage.partial and total:
            # "quy định nuôi chó mèo trên sao Hỏa": thousands of documents holding one word
            # or two, the first of them as sure-looking as a real answer.
            notice = ("Không văn bản nào có đủ các từ của truy vấn; kết quả dưới đây chỉ khớp một phần "
                      "(hãy bớt hoặc đổi từ).")
        elif notice is None and coverage.folded and total and (unwritten := self._unwritten(parsed)):
            # "chuyễn đổi số": a tone typed wrong finds every folded match, "chuyển đổi sở
            # hữu" among them; the reader should know the accents did not narrow it, and
            # which word no document writes so. Words each written so somewhere ("hóa đơn
            # điện tử", a body's words; a filter leaving one title) are no typo: no notice.
            words = ", ".join(f"“{w}”" for w in unwritten)
            notice = (f"Không văn bản nào có từ {words} viết đúng dấu như đã gõ; kết quả dưới đây khớp "
                      "khi bỏ dấu (hãy kiểm tra lại dấu).")
        took = round((time.perf_counter() - started) * 1000, 2)
        return SearchResponse(total, took, hits, facets, notice, near)

    def _replacements_first(self, ranked: list[tuple[str, float]], parsed: ParsedQuery,
                            pinned: Sequence[str]) -> list[tuple[str, float]]:
        """A document found above what replaced it moves below it: "luật ban hành văn bản
        quy phạm pháp luật" scored Luật 80/2015/QH13, cited by hundreds of documents, above
        Luật 64/2025/QH15 that replaced it. Not when the query names the old one: by its
        symbol, or by its year ("luật đất đai 2013"). Within the page: the order of the
        pages is the engine's."""
        if pinned or parsed.symbol is not None or len(ranked) < 2:
            return ranked
        years = set(re.findall(r"\b(?:19|20)\d{2}\b", parsed.text))
        order = list(ranked)
        for doc_id, score in ranked:
            known = self._currency.get(doc_id)
            if known is None or known.replaced_by is None:
                continue
            at = next(i for i, (d, _) in enumerate(order) if d == doc_id)
            later = next((i for i, (d, _) in enumerate(order) if d == known.replaced_by), None)
            doc = self.kb.get(doc_id)
            year = _doc_year(doc) if doc is not None else None
            if later is None or later < at or (year is not None and str(year) in years):
                continue
            order.pop(later)
            order.insert(at, (known.replaced_by, score))  # its place and its score
        return order

    def _unwritten(self, parsed: ParsedQuery) -> list[str]:
        """The words typed with diacritics that no document of the index holds so (see
        accented_words): "chuyễn" of "chuyễn đổi số"."""
        return [word for word, clause in accented_words(parsed) if not self._matches(clause)]

    def _unknown_status(self, parsed: ParsedQuery, filters: Filters, pinned: Sequence[str]) -> str | None:
        """A status filter keeps only documents whose status is known, and most of the
        national catalog's are not ("Còn hiệu lực" left 3 of 131 documents on "văn thư"):
        say how many matching documents it left out, and how to see them."""
        unknown = _key(_FACET_MISSING["status"])
        if filters.status is None or filters.status == unknown:
            return None
        left_out, _, _, _ = self._search(parsed, replace(filters, status=unknown), 1, 1, pinned)
        if not left_out:
            return None
        return (f"Bộ lọc tình trạng chỉ gồm văn bản kho biết rõ tình trạng; {left_out} văn bản khớp truy vấn "
                "chưa xác định tình trạng (lọc “Chưa xác định” để xem).")

    def _hits(self, ranked: Sequence[tuple[str, float]], terms: set[str]) -> list[SearchHit]:
        hits: list[SearchHit] = []
        for doc_id, score in ranked:
            doc = self.kb.get(doc_id)
            if doc is None:
                continue
            texts = [*self.kb.citation_contexts(doc_id), doc.text or "", doc.title or ""]
            known = self._currency.get(doc_id)
            in_place = self.kb.get(known.replaced_by) if known and known.replaced_by else None
            hits.append(SearchHit(
                id=doc.id, symbol=doc.symbol, doc_type=doc.doc_type, title=doc.title,
                date=doc.date.isoformat() if doc.date else None, issuer=doc.issuer,
                province=doc.province or None, status=known.status if known else self.kb.status(doc_id),
                score=round(score, 4), snippet=make_snippet(texts, terms),
                status_note=known.note if known else None, replaced_by=known.replaced_by if known else None,
                replaced_by_label=display_name(in_place) if in_place is not None else None,
            ))
        return hits

    def _unknown_symbol(self, parsed: ParsedQuery, filters: Filters, pinned: Sequence[str],
                        total: int) -> tuple[str | None, list[SearchHit]]:
        """When the query names a document by its symbol and the knowledge base has none:
        the message saying so, and the documents whose symbols differ only by the year, or
        by the issuer and year ("06/QĐ-TTg" of other years), at most NEAR_SYMBOLS. A symbol
        typed with subject words is searched by the words; the notice still says the
        document itself is missing."""
        sym = parsed.symbol
        if sym is None or pinned or not (sym.written or sym.pure):
            return None, []
        if not sym.pure:
            found, _, _, _ = self._search(ParsedQuery(parsed.text, parsed.accented, symbol=SymbolQuery(sym.keys, None, True)),
                                       Filters(), 1, 1, ())
            if found:
                return None, []
        elif total:
            return None, []
        year = next((k[2:] for k in sym.keys if k.startswith("y:")), None)
        label = sym.written or " ".join(parsed.text.split())
        if sym.written and year and year not in sym.written:
            label += f" năm {year}"
        notice = f"Kho tri thức không có văn bản {label}."
        if not sym.pure:
            notice += " Các kết quả dưới đây chỉ khớp nội dung, không phải văn bản đó."
        near: list[SearchHit] = []
        for drop in (("y:",), ("y:", "s:"), ("y:", "s:", "i:")):
            keys = tuple(k for k in sym.keys if not k.startswith(drop))
            if keys == sym.keys or not any(k.startswith("n:") for k in keys) or len(keys) < 2:
                continue
            _, ranked, _, _ = self._search(ParsedQuery(parsed.text, parsed.accented,
                                                    symbol=SymbolQuery(keys, None, True)),
                                        filters, NEAR_SYMBOLS, 1, ())
            if ranked:
                near = self._hits(ranked, set())
                break
        if near:
            notice += " Văn bản có số ký hiệu gần giống:"
        return notice, near

    def _pinned(self, parsed: ParsedQuery) -> list[str]:
        """Documents the knowledge base resolves the typed symbol to: they go first."""
        sym = parsed.symbol
        if _ID_SHAPED.match(parsed.text):
            # The KB's own id, as `show` and the pages print it ("cp/2019/nd/73"): its
            # parts are no words to find.
            doc = self.kb.get(parsed.text)
            if doc is not None:
                return [doc.id]
        if sym is None or not (sym.pure or _names_the_document(parsed)):
            return []
        # Only a whole written symbol is looked up, or its number, year and type among
        # other words ("nghị định 16/2020 hộ tịch"): parts alone ("61 2018") are ambiguous
        # and ranked by the index instead.
        if not sym.written:
            if sym.pure or not {"n", "y", "t"} <= {k[0] for k in sym.keys}:
                return []
            try:
                found = list(dict.fromkeys(self.kb.lookup(parsed.text)))
            except Exception:  # noqa: BLE001 - lookup is a shortcut; the index still answers
                return []
            # One document only: "thông tư 03/2020" is a circular of every ministry, which
            # the words tell apart ("... nhập khẩu thuốc lá"), not a pin.
            return found if len(found) == 1 else []
        try:
            # A symbol with its year names its id: looked up alone, with no lookup index to
            # build ("Thông tư số 27/2011/TT-BGTVT ... của Bộ GTVT"); the query's other words
            # say what the symbol alone may not ("Kế hoạch 61/KH-UBND 2019").
            # A local issuer's symbol is its province's ("... của UBND tỉnh Nghệ An"): the
            # whole text says which.
            whole = parse_symbol(sym.written)
            alone = whole is not None and whole.year is not None and not (
                whole.issuers and vocab.is_local_issuer(whole.issuers[0]))
            found = (self.kb.lookup(sym.written) if alone else []) or self.kb.lookup(parsed.text)
        except Exception:  # noqa: BLE001 - lookup is a shortcut; the index still answers
            return []
        return list(dict.fromkeys(found))[:20]


def _names_the_document(parsed: ParsedQuery) -> bool:
    """A symbol typed among words names the document sought ("Căn cứ Nghị định số
    45/2020/NĐ-CP ... về thực hiện thủ tục hành chính trên môi trường điện tử"; a drafter
    pastes a citation to find it), unless the words ask for documents acting on it: after
    relation words ("hướng dẫn nghị định 61/2018"), or a type word of another type
    ("thông tư hướng dẫn 61/2018/NĐ-CP"), as `text_query` reads them."""
    sym = parsed.symbol
    if sym is None or parsed.guiding:
        return False
    return not parsed.type_hint or f"t:{parsed.type_hint}" in sym.keys or not any(k.startswith("t:") for k in sym.keys)


def facet_counts(counts: Iterable[tuple[Any, int]]) -> dict[str, int]:
    """Facet counts as shown: most frequent first, then by value; at most 50."""
    items = sorted(((str(k), int(v)) for k, v in counts if k not in (None, "")),
                   key=lambda kv: (-kv[1], kv[0]))
    return dict(items[:50])


# --- whoosh backend ---------------------------------------------------------------------------


def _schema() -> Any:
    from whoosh import columns, fields

    text: dict[str, Any] = {
        f.name: fields.TEXT(analyzer=analysis.vietnamese_analyzer(
            folded=f.folded, segmenter=f.segmenter, bigrams=f.bigrams), phrase=f.positions)
        for f in TEXT_FIELDS
    }
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        sym=fields.KEYWORD(lowercase=False, commas=False, scorable=True),
        names=fields.KEYWORD(lowercase=False, commas=False, scorable=True),
        **text,
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
        **{f.name: getattr(rec, f.source) for f in TEXT_FIELDS},
        **facet_values(rec), **filter_keys(rec),
        "datekey": rec.date or "0000",
        "prior": rec.prior,
    }
    if rec.year:
        doc["year"] = rec.year
    return doc


class PriorBM25F(scoring.BM25F):
    """BM25F whose final score is multiplied by the document prior (authority, status).

    The prior lives in a column, read per scored document; one instance per search, so
    threads never share it."""

    use_final = True

    def __init__(self, prior_column: Any = None) -> None:
        super().__init__(B=BM25_B, K1=BM25_K1, **{f"{f}_B": 0.0 for f in UNNORMALIZED_FIELDS})
        self.prior_column = prior_column

    def final(self, searcher: Any, docnum: int, score: float) -> float:
        if self.prior_column is None:
            return float(score)
        return float(score * self.prior_column[docnum])


_WHOOSH_NO_YEAR = 2**32 - 1  # the unsigned 32-bit year column's value for "no year"


def _whoosh_query(node: Any) -> Any:
    """Compile a query plan node to whoosh query objects."""
    from whoosh import query as Q

    if isinstance(node, Term):
        return Q.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, Phrase):
        return Q.Phrase(node.field, list(node.words), boost=node.boost)
    if isinstance(node, All):
        return Q.And([_whoosh_query(s) for s in node.subs], boost=node.boost)
    if isinstance(node, AnyOf):
        return Q.Or([_whoosh_query(s) for s in node.subs], boost=node.boost)
    if isinstance(node, AndMaybe):
        return Q.AndMaybe(_whoosh_query(node.required), _whoosh_query(node.optional))
    if isinstance(node, YearRange):
        return Q.NumericRange("year", node.low, node.high)
    raise TypeError(node)


class WhooshSearchIndex(SearchIndex):
    """The whoosh (pure Python) backend: two spellings per text field, BM25F, facets."""

    backend = "whoosh"
    dirname = "index"

    def __init__(self, kb: KnowledgeBaseLike, path: Path | None = None) -> None:
        super().__init__(kb, path)
        self._ix: Any = None  # the opened index, reused across queries until a refresh

    def _exists(self, path: Path) -> bool:
        from whoosh import index

        return index.exists_in(str(path))

    def _opened(self) -> None:
        self._ix = None

    def _open(self) -> Any:
        from whoosh import index

        ix = self._ix
        if ix is None:
            with self._lock:
                if self._ix is None and index.exists_in(str(self.path)):
                    self._ix = index.open_dir(str(self.path))
                ix = self._ix
        return ix

    def _write_all(self, path: Path, records: Iterable[IndexRecord]) -> dict[str, str]:
        from whoosh import index

        ix = index.create_in(str(path), _schema())
        fingerprints: dict[str, str] = {}
        writer = ix.writer(limitmb=256)
        try:
            for rec in records:
                writer.add_document(**_whoosh_doc(rec))
                fingerprints[rec.id] = rec.fingerprint()
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        return fingerprints

    def _apply(self, changed: Sequence[IndexRecord], gone: Sequence[str]) -> None:
        from whoosh import index

        ix = index.open_dir(str(self.path))
        writer = ix.writer(timeout=30.0, limitmb=128)
        try:
            for rec in changed:
                writer.update_document(**_whoosh_doc(rec))
            for doc_id in gone:
                writer.delete_by_term("id", doc_id)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise

    def _search(self, query: ParsedQuery, filters: Filters, limit: int, page: int,
                pinned: Sequence[str]) -> tuple[int, list[tuple[str, float]], dict[str, dict[str, int]], Coverage]:
        from whoosh import query as Q
        from whoosh import sorting

        ix = self._open()
        if ix is None:
            return 0, [], {}, Coverage()
        window = page * limit
        facet_spec = {name: sorting.FieldFacet(name, maptype=sorting.Count) for name in FACETS}
        flt_nodes = filter_clauses(filters)
        flt = Q.And([_whoosh_query(n) for n in flt_nodes]) if flt_nodes else None
        plans = query_plans(query, pinned)
        excluded = excluded_query(query)
        with ix.searcher() as searcher:
            reader = searcher.reader()
            prior = reader.column_reader("prior") if reader.has_column("prior") else None
            searcher.weighting = PriorBM25F(prior)
            walk = PlanWalk()
            for n, plan in enumerate(plans, 1):
                q = Q.Every() if plan.query is None else _whoosh_query(plan.query)
                if excluded is not None:
                    q = Q.AndNot(q, _whoosh_query(excluded))
                kwargs: dict[str, Any] = {"limit": window, "filter": flt, "groupedby": facet_spec}
                if plan.query is None:
                    kwargs["sortedby"] = sorting.FieldFacet("datekey", reverse=True)
                results = searcher.search(q, **kwargs)
                if not walk.answers(plan, results.scored_length(), n == len(plans)):
                    continue
                total = len(results)
                page_hits = [(hit["id"], float(hit.score or 0.0))
                             for hit in results[(page - 1) * limit : window]]
                facets = {name: self._facet_counts(results, name) for name in FACETS}
                return total, page_hits, facets, walk.coverage(plan)
        return 0, [], {}, Coverage()

    def _matches(self, node: Any) -> int:
        ix = self._open()
        if ix is None:
            return 0
        with ix.searcher() as searcher:
            return len(searcher.search(_whoosh_query(node), limit=1))

    @staticmethod
    def _facet_counts(results: Any, name: str) -> dict[str, int]:
        try:
            groups = results.groups(name)
        except KeyError:
            return {}
        items = groups.items()
        if name == "year":  # whoosh reports undated documents under its missing-value marker
            items = [(k, v) for k, v in items if k != _WHOOSH_NO_YEAR]
        return facet_counts(items)
