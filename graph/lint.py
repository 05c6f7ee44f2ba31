"""Check every citation of a draft against the knowledge base.

Drafters copy bases from last year's plan: dates slip, a Quyết định becomes a Nghị định, a
digit changes, the replaced decree stays, the province's own implementing plan is
forgotten. `lint` finds each citation (`cancu.ingest.extract.extract_text`), resolves it,
and reports a status per citation, as CourtListener's citation lookup does:

    found        one KB document
    not_found    the symbol parses but the KB knows no such document
    ambiguous    several documents fit (151/KH-UBND without a date: 2019 or 2020)
    unparseable  the extractor saw a citation but could not read its number/symbol

and problems, each `{kind, message, fix}`: `fix` is the text to write instead (a date, a
symbol, a whole citation) or what to add. Kinds are stable strings, listed in
`PROBLEM_KINDS` and in the table of docs/drafting.md (a test checks both agree).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from cancu.graph import analysis, places, vocab
from cancu.graph.citation import doc_type_name, format_citation, format_date, issuer_phrase, law_name
from cancu.graph.citation import forms as citation_forms
from cancu.graph.model import Document, DocumentRef, Problem, Relation
from cancu.graph.periods import period_over, years_for
from cancu.graph.places import same_province
from cancu.graph.resolve import (
    name_key,
    number_key,
    numbers_in,
    subjects_agree,
    subjects_differ,
    symbol_key,
)
from cancu.graph.suggest import (
    PERIOD_ENDED_FLAG,
    ReadableKB,
    document_force,
    implementing_plan,
    issue_year,
    issuer_code,
    per_version,
    suggester_for,
)
from cancu.graph.symbol import (
    NUMBER_AND_YEAR_ONLY,
    OLD_HYPHEN_SLASH,
    PARTY_IN_STATE_FORM,
    Symbol,
    SymbolClass,
    parse_symbol,
)
from cancu.graph.text import fold, match_key, slug, squash_ws, typed_unmarked
from cancu.graph.validity import today

# At most this many citations are checked per call; the rest are counted as skipped.
MAX_CITATIONS = 250

FOUND = "found"
NOT_FOUND = "not_found"
AMBIGUOUS = "ambiguous"
UNPARSEABLE = "unparseable"

# "khoản 2 Điều 5", "Điều 25, Điều 26", "các Điều 5, 6 và 7"
_PINPOINT_ARTICLES = re.compile(r"\b[Đđ]iều\s+(\d+(?:(?:,\s*|\s+và\s+|\s+hoặc\s+)\d+)*)")

#: kind -> what it means (docs/drafting.md carries the same table).
PROBLEM_KINDS: dict[str, str] = {
    "wrong_date": "ngày ghi trong trích dẫn khác ngày ban hành mà kho tri thức biết (hoặc khác năm trong số, ký hiệu)",
    "wrong_issuer": "cơ quan ban hành ghi trong trích dẫn khác cơ quan của số, ký hiệu",
    "wrong_type": "tên loại văn bản khác loại mà ký hiệu (NĐ, QĐ, TT...) cho biết",
    "symbol_typo": "số, ký hiệu không có trong kho nhưng gần (sai một ký tự) một văn bản có thật",
    "replaced": "văn bản đã bị thay thế tại ngày của dự thảo",
    "repealed": "văn bản đã bị bãi bỏ tại ngày của dự thảo",
    "expired": "văn bản đã hết hiệu lực (theo cơ sở dữ liệu quốc gia)",
    "not_yet_in_force": "văn bản chưa có hiệu lực tại ngày của dự thảo",
    "issued_after": "văn bản ban hành sau ngày của dự thảo",
    "missing_implementation": "dẫn văn bản trung ương nhưng không dẫn kế hoạch thực hiện của tỉnh",
    "unknown_article": "điều được dẫn vượt quá số điều của luật (theo toàn văn kho tri thức biết)",
    "incomplete": "văn bản được dẫn bằng tên hoặc số, ký hiệu chưa đầy đủ (“Luật An toàn thông tin”, “Nghị định 61/2018”)",
    "inconsistent_repeat": "cùng một văn bản được ghi với hai ngày khác nhau trong dự thảo",
    "lower_force": "văn bản được căn cứ có hiệu lực pháp lý thấp hơn văn bản đang soạn",
    "period_ended": "kế hoạch, chương trình, đề án được căn cứ có kỳ thực hiện đã kết thúc trước năm của dự thảo",
    "ambiguous": "nhiều văn bản cùng số, ký hiệu; cần ghi rõ ngày ban hành",
    "invalid_date": "ngày không tồn tại hoặc không đọc được",
    "unparseable": "không đọc được số, ký hiệu",
}


@dataclass
class LintProblem:
    kind: str
    message: str  # Vietnamese
    fix: str | None = None  # what to write instead, or what to add

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "fix": self.fix}


@dataclass
class LintedCitation:
    """One citation of the draft: offsets into the draft (`text == draft[start:end]`)."""

    text: str
    start: int
    end: int
    symbol: str | None
    status: str
    id: str | None = None
    problems: list[LintProblem] = field(default_factory=list)
    candidates: list[str] = field(default_factory=list)
    # Found, dated by the citation, but the KB does not know the document's date: the date
    # written is not checked (see LintReport.date_unknown).
    date_unchecked: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text, "start": self.start, "end": self.end, "symbol": self.symbol,
            "status": self.status, "id": self.id,
            "problems": [p.to_json() for p in self.problems],
        }


# Where the draft's date and province came from (`LintReport.as_of_source`, ...).
GIVEN = "given"  # the caller's (--as-of, --province)
HEADER = "header"  # the draft's own header ("Quảng Ngãi, ngày 18 tháng 3 năm 2022")
UNSIGNED = "unsigned_header"  # a header with the day left blank: the end of its month
_SOURCE_WORDS = {GIVEN: "theo tham số", "": "theo tham số", HEADER: "ghi ở đầu dự thảo",
                 UNSIGNED: "dự thảo chưa ghi ngày ký: cuối tháng ghi ở đầu dự thảo"}


@dataclass
class LintReport:
    citations: list[LintedCitation] = field(default_factory=list)
    skipped: int = 0  # citations beyond MAX_CITATIONS, not checked
    # What the checks ran against: a report that does not say so looks equally clean
    # whether the date was read or not (then nothing is "issued after" it).
    as_of: dt.date | None = None
    as_of_source: str | None = None  # GIVEN, HEADER, UNSIGNED
    province: str | None = None
    province_source: str | None = None  # GIVEN, HEADER
    unaccented: int = 0  # citations in text written without diacritics (see text.typed_unmarked)
    # Whether the KB holds documents of `province`: without any, no implementing plan of
    # the province can be looked for, and the report says so rather than stay silent.
    province_in_kb: bool = True

    @property
    def problems(self) -> list[LintProblem]:
        return [p for c in self.citations for p in c.problems]

    @property
    def not_found(self) -> int:
        """Citations of documents the KB lacks: their date, issuer and validity are only
        checked against their own symbol, so "0 vấn đề" does not vouch for them. A symbol
        typo one edit from a KB document is not one: its fix names the document the citation
        means (its `candidates`). A Party symbol written in the state's shape is, when the KB
        lacks it."""
        return sum(1 for c in self.citations if c.status == NOT_FOUND and not c.candidates)

    @property
    def date_unknown(self) -> int:
        """Citations of KB documents whose date the KB lacks: the date written is unchecked."""
        return sum(1 for c in self.citations if c.date_unchecked)

    @property
    def not_checked(self) -> int:
        """Citations matched to no single KB document (not found, ambiguous, unreadable)."""
        return sum(1 for c in self.citations if c.status != FOUND)

    def context_line(self, *, date_hint: str = "", province_hint: str = "") -> str:
        """The date and province the checks used, and what is skipped without them. The
        hints say how to give a missing one where the caller knows ("--as-of YYYY-MM-DD" on
        the command line); the JSON the web page shows has none."""
        if self.as_of is not None:
            date = f"Ngày của dự thảo: {format_date(self.as_of)} ({_SOURCE_WORDS.get(self.as_of_source or '', '')})."
        else:
            hint = f" (cho biết ngày: {date_hint})" if date_hint else ""
            date = (f"Ngày của dự thảo: không xác định{hint}; không kiểm tra văn bản "
                    "ban hành sau ngày của dự thảo, hiệu lực được xét theo hiện tại.")
        if self.province:
            place = f"Tỉnh: {self.province} ({_SOURCE_WORDS.get(self.province_source or '', '')})."
            if not self.province_in_kb:
                unit = places.province_by_name(self.province, self.as_of)
                place += (f" Kho chưa có văn bản nào của {self.province} nên chưa kiểm tra được kế hoạch "
                          f"thực hiện của {unit.kind if unit else 'tỉnh'}.")
        else:
            hint = f" ({province_hint})" if province_hint else ""
            place = f"Tỉnh: không xác định{hint}; không kiểm tra kế hoạch thực hiện của tỉnh."
        return f"{date} {place}"

    def summary(self) -> str:
        """One line: citations, problems, and the citations that could not be checked."""
        out = f"{len(self.citations)} trích dẫn, {len(self.problems)} vấn đề"
        if self.not_found:
            out += (f"; {self.not_found} trích dẫn kho chưa có văn bản (không tìm thấy) nên chưa kiểm tra "
                    "được ngày, cơ quan ban hành và hiệu lực")
        other = sum(1 for c in self.citations if c.status not in (FOUND, NOT_FOUND))
        if other:
            out += f"; {other} trích dẫn chưa xác định được văn bản nào"
        if self.date_unknown:
            out += f"; {self.date_unknown} trích dẫn chưa kiểm tra được ngày vì kho chưa biết ngày ban hành của văn bản"
        if self.unaccented:
            out += (f"; {self.unaccented} trích dẫn nằm trong đoạn viết không dấu: cancu đã tự thêm dấu cho "
                    "loại văn bản, cơ quan ban hành, tên luật và ngày để kiểm tra, nhưng trích yếu và những tên "
                    "không có trong từ điển thì chưa đối chiếu được (nên dùng văn bản có dấu)")
        return out + "."

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"citations": [c.to_json() for c in self.citations]}
        if self.skipped:
            out["skipped"] = self.skipped
            out["message"] = (f"Chỉ kiểm tra {MAX_CITATIONS} trích dẫn đầu; "
                              f"{self.skipped} trích dẫn sau đó không được kiểm tra.")
        out.update({
            "as_of": self.as_of.isoformat() if self.as_of else None, "as_of_source": self.as_of_source,
            "province": self.province, "province_source": self.province_source,
            "not_found": self.not_found, "not_checked": self.not_checked, "unaccented": self.unaccented,
            "date_unknown": self.date_unknown, "context": self.context_line(), "summary": self.summary(),
        })
        return out


# --- the KB side, computed once per version ------------------------------------------------

def _symbol_key(sym: Symbol) -> str:
    """Canonical symbol in folded case: `61/2018/ND-CP` == `61/2018/NĐ-CP` == `61/2018/nd-cp`."""
    return fold(sym.canonical())


class LintIndex:
    """Symbols of the KB (folded canonical form -> ids), symbols grouped by (number, year)
    and by (tail, year) for near-miss search, and the replacing/repealing edges."""

    def __init__(self, kb: ReadableKB) -> None:
        self.kb = kb
        self.docs: dict[str, Document] = {}
        self.by_symbol: dict[str, list[str]] = defaultdict(list)
        self.tails: dict[str, set[str]] = defaultdict(set)  # "/2018/nd-cp" -> keys
        self.symbols: dict[str, Symbol] = {}
        self.provinces: set[str] = set()  # the provinces of the KB's local documents
        for doc in kb.documents():
            self.docs[doc.id] = doc
            if doc.province:
                self.provinces.add(doc.province)
            sym = parse_symbol(doc.symbol) if doc.symbol else None
            if sym is None:
                continue
            key = _symbol_key(sym)
            self.by_symbol[key].append(doc.id)
            self.symbols[doc.id] = sym
            self.tails[key.split("/", 1)[1] if "/" in key else key].add(key)

    def candidates(self, sym: Symbol) -> list[str]:
        return list(self.by_symbol.get(_symbol_key(sym), ()))

    def near(self, sym: Symbol) -> list[str]:
        """Keys one edit away: a digit of the number changed, added, dropped or two
        swapped (same ký hiệu), or one character of the ký hiệu (same number)."""
        key = _symbol_key(sym)
        num, _, tail = key.partition("/")
        out: list[str] = []
        for n in _number_variants(num):
            cand = f"{n}/{tail}"
            if cand != key and cand in self.by_symbol:
                out.append(cand)
        head = f"{num}/"
        # The type code left out ("01/2018/VPCP" for 01/2018/TT-VPCP): the same issuer
        # with any type code.
        missing_type = "no type code" in sym.notes and "/" in tail
        year, _, issuer = tail.rpartition("/")
        # The year left out of a symbol that carries one ("130/NĐ-CP ngày 30/10/2020" for
        # 130/2020/NĐ-CP): the same ký hiệu in any year; the cited date then says which.
        missing_year = sym.year is None and "/" not in tail
        for other_tail, keys in self.tails.items():
            if other_tail != tail and (_edit1(other_tail, tail) or (
                    missing_type and other_tail.startswith(f"{year}/") and other_tail.endswith(f"-{issuer}"))
                    or (missing_year and other_tail.endswith(f"/{tail}") and other_tail[:4].isdigit())):
                out.extend(k for k in keys if k.startswith(head))
        return list(dict.fromkeys(out))

    def out_of_order(self, sym: Symbol, date: dt.date, beside: Document) -> bool:
        """Whether `sym` could not have been issued on `date`: numbers of one series (one ký
        hiệu and year, one province and unit for local issuers; the year of issue for
        symbols without one) run in issue order, and the KB knows a lower number issued
        later or a higher one issued earlier. `beside` is a KB document of that series (a
        neighbour of `sym`), whose place it shares."""
        tail = _symbol_key(sym).partition("/")[2]
        place = (beside.province, beside.locality)
        for key in self.tails.get(tail, ()):
            for i in self.by_symbol[key]:
                d, other = self.docs[i], self.symbols.get(i)
                if other is None or d.date is None or (d.province, d.locality) != place:
                    continue
                if sym.year is None and d.date.year != date.year:
                    continue
                if (other.number < sym.number and d.date > date) or (other.number > sym.number and d.date < date):
                    return True
        return False

    def amended_numbers(self, doc_id: str) -> set[str]:
        """The numbers of what a document amends, in `resolve.numbers_in`'s form."""
        out = set()
        for e in self.kb.edges_from(doc_id):
            target = self.docs.get(e.target) if e.relation is Relation.AMENDS else None
            if target is not None and target.symbol:
                out.add(number_key(target.symbol))
        return out

    def implementers(self, doc_id: str) -> list[str]:
        return [e.source for e in self.kb.edges_to(doc_id) if e.relation is Relation.IMPLEMENTS]

    def guided(self, doc_id: str) -> list[str]:
        """What a document guides or implements (a circular -> the decree it details)."""
        return [e.target for e in self.kb.edges_from(doc_id) if e.relation in (Relation.GUIDES, Relation.IMPLEMENTS)]


def _number_variants(num: str) -> Iterable[str]:
    digits = "0123456789"
    core = num.lstrip("0") or "0"
    forms = {num, core}
    for s in forms:
        for i in range(len(s)):
            for d in digits:
                yield s[:i] + d + s[i + 1:]
            yield s[:i] + s[i + 1:]
            if i + 1 < len(s):
                yield s[:i] + s[i + 1] + s[i] + s[i + 2:]
        for i in range(len(s) + 1):
            for d in digits:
                yield s[:i] + d + s[i:]
    # Leading zeros are written for numbers below 10 (05/BNV-VP), so try both.
    for s in list(forms):
        if s.isdigit():
            yield f"{int(s):02d}" if s else s


def _edit1(a: str, b: str) -> bool:
    """Levenshtein distance exactly 1 (or a swap of two neighbours)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diff) == 1:
            return True
        return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1:]


def lint_index(kb: ReadableKB) -> LintIndex:
    return per_version(kb, LintIndex)


# --- checking one citation ----------------------------------------------------------------

def _same_unit(doc: str | None, cited: str | None) -> bool:
    """Whether a document of unit `doc` is one a citation of unit `cited` may mean: the
    province's own (both None), the same named unit, or one of the level a bare "huyện"
    names."""
    if doc is None or cited is None:
        return doc is None and cited is None
    mine, theirs = places.split_unit(doc), places.split_unit(cited)
    if mine is None or theirs is None:
        return slug(doc) == slug(cited)
    return mine[0] == theirs[0] and (theirs[1] is None or slug(doc) == slug(cited))


def _agrees(said: str, doc: Document) -> bool:
    """Whether a citation's name or subject fits a document: the same law name, or
    subjects that agree (graph/resolve.py)."""
    title = doc.title or ""
    a, b = fold(said), fold(title)
    if b and (b in a or (len(a) > 12 and a in b)):
        return True
    return subjects_agree(said, title)


def _legislature_only(sym: Symbol) -> bool:
    """Whether a symbol the extractor completed from a number and year is a law's: the
    type implies the Quốc hội ("Luật 47/2019" -> the made-up 47/2019/L-QH), whose real
    numbers carry no type code but the legislature's term (47/2019/QH14)."""
    return bool(sym.issuers) and sym.issuers[0] == "QH" and sym.type_code is not None


def _named_within(said: str, doc: Document) -> bool:
    """Whether a document's title fits a citation's subject only as a name standing in it,
    shorter than half of it ("Đất đai" in "sửa đổi, bổ sung một số điều của Luật Đất đai,
    Luật Nhà ở ...")."""
    a, b = fold(said), fold(doc.title or "")
    return bool(b) and b in a and 2 * len(b) < len(a)


def _names(said: str, doc: Document) -> bool:
    """Whether a citation's name ends with the document's whole title: "Luật Tổ chức chính
    quyền địa phương" names "Tổ chức chính quyền địa phương", not "Tổ chức Chính phủ" (which
    `_agrees` lets pass: the subjects share their leading words)."""
    title = fold(doc.title or "").strip()
    return bool(title) and fold(said).strip().endswith(title)


def _short(doc: Document) -> str:
    return format_citation(doc, first=False)


def _issued_after_draft(what: str, when: str, as_of: dt.date) -> LintProblem:
    return LintProblem("issued_after", f"{what} ban hành {when}, sau ngày của dự thảo ({format_date(as_of)}).",
                       "bỏ trích dẫn này hoặc kiểm tra lại ngày của dự thảo")


def _issuer_codes_equivalent(a: str, b: str) -> bool:
    """Whether issuer codes a and b may both sign a document (data/citation_forms.json:
    "issuer_equivalents", e.g. Chủ tịch UBND signs Quyết định số .../QĐ-UBND)."""
    a, b = vocab.issuer_base(a), vocab.issuer_base(b)
    if a == b:
        return True
    for group in _equivalents():
        if a in group and b in group:
            return True
    return False


@lru_cache(maxsize=1)
def _equivalents() -> tuple[frozenset[str], ...]:
    table = vocab.load_table("citation_forms.json")
    return tuple(frozenset(g) for g in table.get("issuer_equivalents", ()))


@dataclass
class _Ctx:
    kb: ReadableKB
    index: LintIndex
    as_of: dt.date | None
    province: str | None
    draft: DocumentRef | None = None  # the draft's own header, when the text has one
    # symbol -> its first citation in the draft that gives a date or a subject
    described: dict[str, DocumentRef] = field(default_factory=dict)
    # symbol -> every date the draft writes for it
    written: dict[str, set[dt.date]] = field(default_factory=dict)


class _Checker:
    """Resolves and checks one citation; kept small so each rule reads on its own."""

    def __init__(self, ctx: _Ctx) -> None:
        self.ctx = ctx

    def check(self, ref: DocumentRef) -> LintedCitation:
        out = LintedCitation(ref.text, ref.start, ref.end,
                             ref.symbol.canonical() if ref.symbol else None, UNPARSEABLE)
        if ref.symbol is None:
            return self._by_name(ref, out)
        sym = ref.symbol
        if NUMBER_AND_YEAR_ONLY in sym.notes and _legislature_only(sym):
            # "Luật 47/2019", "Luật số 63/2025": a law's number is N/YYYY/QHk, the term of the
            # Quốc hội that passed it, which the year alone does not say (2021: QH14 or QH15);
            # the KB's law of that number and year, else no number is made up.
            law = self._law_numbered(sym)
            if law is None:
                out.status, out.symbol = NOT_FOUND, f"{sym.number_text}/{sym.year}"
                out.problems.append(LintProblem(
                    "incomplete", f"Số, ký hiệu ghi thiếu: số của luật ghi cả khóa Quốc hội đã thông qua (như "
                    f"47/2019/QH14); kho chưa có luật số {sym.number_text} năm {sym.year} để điền.", None))
                return out
            sym = replace(sym, type_code=None, issuers=law.issuers, notes=sym.notes)
            ref = replace(ref, symbol=sym)
            out.symbol = sym.canonical()
        self._type_word(ref, sym, out)
        self._issuer_word(ref, sym, out)
        if NUMBER_AND_YEAR_ONLY in sym.notes and ref.relation is Relation.BASED_ON:
            # "Căn cứ Nghị định 61/2018 của Chính phủ": read, but a căn cứ writes the whole
            # số, ký hiệu (NĐ 30/2020 Phụ lục I). The body may say it short.
            out.problems.append(LintProblem(
                "incomplete", f"Số, ký hiệu ghi thiếu: viết đủ {sym.canonical()}.", f"số {sym.canonical()}"))
        if PARTY_IN_STATE_FORM in sym.notes:
            out.problems.append(LintProblem(
                "symbol_typo", f"Số, ký hiệu văn bản của Đảng viết theo mẫu “số-loại/cơ quan”: {sym.canonical()}.",
                sym.canonical()))
        ids = self._candidates(ref, sym)
        ids = self._other_unit(ref, sym, ids, out)
        if len(ids) > 1:
            ids = self._told_apart(ref, ids)
        years = {d.year for d in self.ctx.written.get(sym.canonical(), ())}
        if len(ids) > 1 and ref.date is None and len(years) <= 1:
            # A short repeat ("theo Kế hoạch số 151/KH-UBND") of a symbol the draft cites in
            # full elsewhere means the document of that fuller citation (NĐ 30/2020: the
            # full form the first time, short after): of the year it is dated (numbers
            # restart every year; a day written wrong once leaves the year), then as it says.
            # Not when the draft dates the number in two years (the plans of 2019 and 2020):
            # then it is still ambiguous.
            known = self.ctx.index.docs
            ids = [i for i in ids if (day := known[i].date) is not None and day.year in years] or ids
            said = self.ctx.described.get(sym.canonical())
            if len(ids) > 1 and said is not None and said is not ref:
                ids = self._told_apart(said, ids)
        if len(ids) > 1:
            out.status = AMBIGUOUS
            out.candidates = ids
            docs = [self.ctx.index.docs[i] for i in ids]
            choices = " hoặc ".join(f"ngày {format_date(d.date)}" for d in docs if d.date) or ", ".join(ids)
            out.problems.append(LintProblem(
                "ambiguous",
                f"Có {len(ids)} văn bản số {sym.canonical()}; trích dẫn cần ghi rõ ngày ban hành.",
                f"{sym.canonical()} {choices}"))
            return out
        if not ids:
            out.status = NOT_FOUND
            # A short repeat ("Nghị quyết số 57-NQ/TW") is judged by what the draft says of
            # that symbol elsewhere (its date, its subject), not guessed at on its own.
            said = ref if ref.date or ref.subject or ref.name else self.ctx.described.get(sym.canonical(), ref)
            near = self._near(said, sym)
            if near is not None:
                out.problems.append(self._typo_problem(ref, sym, near))
                out.candidates = [near.id]  # the document meant, which the KB knows
            else:
                self._unknown(ref, sym, out)
            return out
        out.status = FOUND
        out.id = ids[0]
        doc = self.ctx.index.docs[ids[0]]
        out.date_unchecked = ref.date is not None and doc.date is None
        if not self._date(ref, sym, doc, out):
            return out
        self._kb_type(ref, sym, doc, out)
        self._article(ref, doc, out)
        self._validity(doc, out)
        self._issued_after(ref, doc, out)
        self._force(ref, doc, out)
        self._period(ref, doc, out)
        return out

    # -- resolution --

    def _told_apart(self, ref: DocumentRef, ids: list[str]) -> list[str]:
        """Documents sharing one symbol (24/2008/QH12 is Luật Quốc tịch Việt Nam and a
        Nghị quyết of the Assembly on bringing it into force) told apart by what the citation
        writes of its own: its type word, its date, its name, its subject. Each narrows the
        choice only where it leaves some; a sign no candidate bears says nothing."""
        docs = self.ctx.index.docs
        signs: list[Callable[[Document], bool]] = [
            lambda d: d.doc_type == ref.doc_type,
            lambda d: d.date == ref.date,
            lambda d: _names(ref.name or "", d),
            lambda d: _agrees(ref.subject or "", d),
        ]
        given = [ref.doc_type, ref.date, ref.name, ref.subject]
        for sign, said in zip(signs, given, strict=True):
            narrowed = [i for i in ids if said and sign(docs[i])]
            if narrowed:
                ids = narrowed
            if len(ids) == 1:
                break
        return ids

    def _law_numbered(self, sym: Symbol) -> Symbol | None:
        """The one KB symbol of the Quốc hội with `sym`'s number and year (47/2019/QH14)."""
        found = {s for s in self.ctx.index.symbols.values()
                 if s.number == sym.number and s.year == sym.year and s.type_code is None
                 and s.issuers and s.issuers[0].startswith("QH")}
        return found.pop() if len(found) == 1 else None

    def _candidates(self, ref: DocumentRef, sym: Symbol, *, any_unit: bool = False) -> list[str]:
        """KB documents the symbol can mean: the same folded symbol, in the citing
        province (and its unit below the province, unless `any_unit`) for local issuers,
        in the cited year for symbols without one."""
        ids = self.ctx.index.candidates(sym)
        local = bool(sym.issuers) and vocab.is_local_issuer(sym.issuers[0])
        if local:
            province = ref.province or self.ctx.province
            if province:
                ids = [i for i in ids if same_province(self.ctx.index.docs[i].province, province, merged=False)]
            if not any_unit:
                ids = [i for i in ids if _same_unit(self.ctx.index.docs[i].locality, ref.locality)]
        if sym.year is None and ref.date is not None:
            # Numbers without a year restart every year ("02/NQ-CP" is issued each January):
            # the document of another year is another document, unless only the year slipped
            # (same day and month, issued by the draft's date). The KB may not know the one
            # cited: then it is not found, and no other year's date is called wrong.
            docs, d, as_of = self.ctx.index.docs, ref.date, self.ctx.as_of
            same = [i for i in ids if docs[i].date and docs[i].date.year == d.year]
            slipped = [i for i in ids if docs[i].date and (docs[i].date.month, docs[i].date.day) == (d.month, d.day)
                       and (as_of is None or docs[i].date <= as_of)]
            if slipped and not same and d.year in years_for(ref.subject):
                # "02/NQ-CP ngày 01/01/2020 ... năm 2020": the subject names the cited year,
                # which the other year's title does not (it names its own): that year's
                # document of a number issued each year on the same day, not a slipped year.
                # A year the title looks ahead to is not its own ("... năm 2019 và định
                # hướng đến năm 2021" is the resolution for 2019).
                slipped = [i for i in slipped if d.year in (own := years_for(docs[i].title)) or not own]
            if same and slipped:
                # "151/KH-UBND ngày 21/12/2019" beside "151/KH-UBND ngày 09/12/2019" in one
                # draft: the plan of 09/12/2019 is cited by its own date; this one's day and
                # month are those of the plan of 21/12/2020, and the year slipped.
                elsewhere = self.ctx.written.get(sym.canonical(), set()) - {d}
                same = [i for i in same if docs[i].date not in elsewhere or subjects_agree(ref.subject, docs[i].title)]
                # The cited subject is the other year's document's and not this year's: with
                # its day and month, two signs against the year alone; only the year slipped
                # ("151/KH-UBND ngày 21/12/2019 ... giai đoạn 2021-2025" is the plan of 2020).
                told = [i for i in slipped if subjects_agree(ref.subject, docs[i].title)]
                if len(told) == 1 and not any(subjects_agree(ref.subject, docs[i].title) for i in same):
                    return told
            if same or slipped:
                return same or slipped
            # The subject says it is the document of another year (749/QĐ-TTg "phê duyệt
            # Chương trình Chuyển đổi số quốc gia ..." with a wrong date): its date is wrong.
            # Not when the subjects are for other years ("... năm 2022" / "... năm 2024";
            # "... năm 2021" / "... năm 2019 và định hướng đến năm 2021").
            agreeing = [i for i in ids if docs[i].date and subjects_agree(ref.subject, docs[i].title)
                        and years_for(ref.subject) <= years_for(docs[i].title)]
            if len(agreeing) == 1:
                return agreeing
            if sym.klass is SymbolClass.PARTY:
                # Party numbers run through a congress's term ("52-NQ/TW"), not a year; a
                # subject on something else is another term's document of that number.
                return [i for i in ids if not (ref.subject and subjects_differ(ref.subject, docs[i].title))]
            return [i for i in ids if docs[i].date is None]
        if sym.year is None and ref.date is None and ref.issue_year is not None:
            # "02/NQ-CP năm 2019": the year alone says which of the numbers restarted each
            # year is meant; another year's document is another one, as for a full date.
            docs = self.ctx.index.docs
            return [i for i in ids if docs[i].date is None or docs[i].date.year == ref.issue_year]
        return ids

    def _other_unit(self, ref: DocumentRef, sym: Symbol, ids: list[str], out: LintedCitation) -> list[str]:
        """"Kế hoạch số 88/KH-UBND ngày 20/5/2020 của UBND tỉnh" when the plan of that day is
        huyện Sơn Tịnh's (or the other way round): none of `ids` has the cited date, but
        the one document of that number and day in another unit of the province has. It is
        the one meant, under the wrong issuer; never merged silently with the province's."""
        if ref.date is None or not sym.issuers or not vocab.in_units(sym.issuers[0]):
            return ids
        docs = self.ctx.index.docs
        if any(docs[i].date == ref.date for i in ids):
            return ids
        elsewhere = [i for i in self._candidates(ref, sym, any_unit=True)
                     if i not in ids and docs[i].date == ref.date]
        if len(elsewhere) != 1:
            return ids
        doc = docs[elsewhere[0]]
        right = issuer_phrase(doc) or doc.issuer or ""
        said = f"nhưng trích dẫn ghi “{ref.issuer_text}”" if ref.issuer_text else "nhưng trích dẫn không ghi cơ quan ban hành"
        out.problems.append(LintProblem(
            "wrong_issuer",
            f"{_short(doc)} ngày {format_date(doc.date)} là văn bản của {right}, {said}.",
            f"của {right}"))
        return elsewhere

    def _by_name(self, ref: DocumentRef, out: LintedCitation) -> LintedCitation:
        if not ref.name:
            out.problems.append(LintProblem("unparseable", "Không đọc được số, ký hiệu của văn bản được dẫn.",
                                            "ghi số, ký hiệu theo mẫu N/YYYY/NĐ-CP hoặc N/QĐ-UBND"))
            return out
        ids = self._lookup(ref.name)
        # "Luật DN năm 2014": Luật Doanh nghiệp, in each of its versions.
        if (spelt := analysis.expand_abbreviations(ref.name, capitals_only=True)) != ref.name:
            ids += [i for i in self._lookup(spelt) if i not in ids]  # each version, not the one some text calls so
        real = [i for i in ids if not i.startswith("name/")] or ids
        versions = list(real)  # every version, before the cited year or as_of picks one
        docs = self.ctx.index.docs
        # No version of the cited year (nor one whose year is unknown), and none of the cited
        # day and month: see below ("Hiến pháp ... năm 1992" when the KB knows the 2013 one).
        year = ref.date.year if ref.date else ref.issue_year
        other_version = year is not None and not any(
            issue_year(docs[i]) in (None, year)
            or (ref.date and docs[i].date and (docs[i].date.month, docs[i].date.day) == (ref.date.month, ref.date.day))
            for i in real)
        as_of = self.ctx.as_of
        if not other_version and year is not None and as_of is not None and (ref.date or dt.date(year, 1, 1)) <= as_of:
            # Every version the KB knows is later than the draft, which cites one of its own
            # time or before: a version the KB lacks, not a slip of the year that a day and
            # month shared by chance would suggest ("Luật Giáo dục ngày 14 tháng 6 năm 2005"
            # in a draft of 2018, when the KB knows only the law of 14/6/2019; rev39 P7).
            dated = [d for i in real if (d := docs[i].date) is not None]
            other_version = bool(dated) and all(d > as_of and d.year != year for d in dated)
        if ref.date and len(real) > 1:
            # The version of that day; else one of that month (the day slipped); else one of
            # that year whose day the KB does not know (a citation of Luật Tổ chức chính quyền
            # địa phương of 16/6/2025 is 72/2025/QH15, known by number only, not a wrong date
            # of 65/2025/QH15 of 19/02/2025); else the version of that year; else the one of
            # that day and month (the year slipped). Its date is then wrong.
            d = ref.date
            same_day = [i for i in real if docs[i].date == d]
            same_month = [i for i in real if docs[i].date and (docs[i].date.year, docs[i].date.month) == (d.year, d.month)]
            undated = [i for i in real if docs[i].date is None and issue_year(docs[i]) == d.year]
            same_year = [i for i in real if docs[i].date and docs[i].date.year == d.year]
            other_year = [i for i in real if docs[i].date and (docs[i].date.month, docs[i].date.day) == (d.month, d.day)]
            real = same_day or same_month or undated or same_year or other_year or real
        elif ref.issue_year and len(real) > 1:  # "Luật Ngân sách nhà nước năm 2015"
            same_year = [i for i in real if issue_year(docs[i]) == ref.issue_year]
            real = same_year or real
        # A name without a year means the version in force when the draft is signed: the
        # last one issued by as_of (without as_of, the latest: the draft is written now).
        # When every known version is later, the KB lacks the one meant ("Luật Ngân sách nhà
        # nước" in 2010 is the 2002 law, not the 2015 one): not found, not "issued after".
        unyeared = ref.date is None and ref.issue_year is None
        if ((self.ctx.as_of or unyeared) and len(real) > 1) or (self.ctx.as_of and unyeared):
            before = self._versions_issued(real)
            if before:
                real = [before[-1]]
            elif unyeared:
                real = []
        took_effect = False
        if other_version:
            # Another year, day and month than every version the KB knows: not a slip of
            # the pen but a version the KB lacks ("Luật Ban hành văn bản quy phạm pháp luật
            # ngày 19 tháng 02 năm 2025" when it knows only the law of 22/6/2015; "Luật Tổ
            # chức Chính phủ ngày 25 tháng 12 năm 2001" beside the laws of 2015 and 2025).
            # Unless it is the day, or the year, one version took effect: the drafter wrote
            # when the law applies ("Luật Phòng, chống tham nhũng năm 2019" for the law of
            # 20/11/2018, in force from 01/7/2019).
            # Of every version: at a draft's date of 2024, "Luật Đất đai năm 2014" is the law of
            # 2013 (in force from 2014), though the version rule above kept only the 2024 one.
            took = [i for i in versions if (e := docs[i].effective_date) is not None and docs[i].date is not None
                    and (e == ref.date if ref.date else e.year == year)]
            real = took if len(took) == 1 else []
            took_effect = bool(real)
        if len(real) == 1:
            out.status, out.id = FOUND, real[0]
            doc = self.ctx.index.docs[real[0]]
            if took_effect and doc.date and doc.effective_date:
                said = f"ngày {format_date(ref.date)}" if ref.date else f"năm {year}"
                out.problems.append(LintProblem(
                    "wrong_date",
                    f"{format_citation(doc, first=False)} ban hành ngày {format_date(doc.date)}, có hiệu lực từ "
                    f"ngày {format_date(doc.effective_date)}: trích dẫn ghi {said}, thời điểm có hiệu lực, "
                    "không phải ngày ban hành.",
                    f"ngày {format_date(doc.date)}"))
            elif ref.date and doc.date and ref.date != doc.date:
                out.problems.append(self._wrong_date(ref, doc))
            self._named_issuer(ref, doc, out)
            self._name_cut_short(ref, doc, out)
            self._article(ref, doc, out)
            self._validity(doc, out)
            self._issued_after(ref, doc, out)
        elif len(real) > 1:
            out.status, out.candidates = AMBIGUOUS, real
            out.problems.append(LintProblem("ambiguous", f"Có {len(real)} văn bản tên “{ref.name}”.",
                                            " hoặc ".join(format_citation(self.ctx.index.docs[i]) for i in real[:3])))
        else:
            out.status = NOT_FOUND
        return out

    def _lookup(self, name: str) -> list[str]:
        try:
            return [i for i in self.ctx.kb.lookup(name) if i in self.ctx.index.docs]
        except Exception:  # noqa: BLE001 - a lookup failure leaves the citation not found
            return []

    # -- rules --

    def _name_cut_short(self, ref: DocumentRef, doc: Document, out: LintedCitation) -> None:
        """A law cited by the first words of its name ("Luật An toàn thông tin" for Luật An
        toàn thông tin mạng, "Luật Ngân sách" for Luật Ngân sách nhà nước): a căn cứ names a
        law by its whole name; the body may say it short. Not the types cited by one fixed
        phrase ("Hiến pháp")."""
        if not ref.name or ref.relation is not Relation.BASED_ON:
            return
        type_name = doc_type_name(doc)
        f = citation_forms()
        if type_name not in f.cited_by_name or type_name in f.fixed_names:
            return
        said = name_key(ref.name)
        whole = law_name(doc, type_name)
        if analysis.expand_abbreviations(ref.name, capitals_only=True) != ref.name:
            out.problems.append(LintProblem(
                "incomplete", f"Tên văn bản viết tắt: “{squash_ws(ref.name)}” là {whole}; căn cứ ghi tên đầy đủ.",
                whole))
            return
        if not name_key(whole).startswith(said + " "):
            return
        # A title the catalog gives may be a whole name too; not the aliases: they hold the
        # names citations used, short ones too.
        titles = doc.facts.get("title", {})
        if said in {name_key(t) for t in titles} | {name_key(f"{type_name} {t}") for t in titles}:
            return
        out.problems.append(LintProblem(
            "incomplete", f"Tên văn bản ghi thiếu: “{squash_ws(ref.name)}” là {whole}.", whole))

    def _type_word(self, ref: DocumentRef, sym: Symbol, out: LintedCitation) -> None:
        """"Quyết định số 61/2018/NĐ-CP": the ký hiệu says Nghị định. Not an old state
        symbol in the Party's shape whose code names its issuer ("Thông tư số 70-TC/TCT" of
        Bộ Tài chính is no Thông cáo; data/cite_words.json 'old_issuer_codes')."""
        if not ref.doc_type or not sym.type_code or (OLD_HYPHEN_SLASH in sym.notes
                                                     and sym.type_code in _old_issuer_codes()):
            return
        names = {t.name for t in vocab.types_for_code(sym.type_code)}
        if not names or ref.doc_type in names:
            return
        right = sorted(names)[0]
        out.problems.append(LintProblem(
            "wrong_type",
            f"Ký hiệu {sym.canonical()} là của {right}, nhưng trích dẫn ghi “{ref.doc_type}”.",
            f"{right} số {sym.canonical()}"))

    def _kb_type(self, ref: DocumentRef, sym: Symbol, doc: Document, out: LintedCitation) -> None:
        """Symbols without a type code (laws 80/2015/QH13, công văn): compare with the KB."""
        if sym.type_code or not ref.doc_type or not doc.doc_type or ref.doc_type == doc.doc_type:
            return
        if doc_type_name(doc) in ("Công văn",) or ref.doc_type in ("Công văn", "Văn bản"):
            return
        out.problems.append(LintProblem(
            "wrong_type", f"{sym.canonical()} là {doc.doc_type}, nhưng trích dẫn ghi “{ref.doc_type}”.",
            format_citation(doc, as_of=self.ctx.as_of)))

    def _named_issuer(self, ref: DocumentRef, doc: Document, out: LintedCitation) -> None:
        """"Luật Đầu tư ngày 17 tháng 6 năm 2020 của Chính phủ": a document cited by name has
        no ký hiệu to tell its issuer, the KB does. Only the issuer the text wrote is judged."""
        if not ref.issuer_text or not doc.issuer:
            return
        if ref.date is None and ref.issue_year is None:
            # Only a name: "của X" after it may be another document's ("Hướng dẫn thi hành
            # Luật Ngân sách nhà nước của Bộ Tài chính"); after its date it is the law's own.
            return
        # "... của Chính phủ" names the issuer; "Luật Doanh nghiệp do Văn phòng Quốc hội [hợp
        # nhất]", "do Bộ Kế hoạch và Đầu tư [chủ trì]" name who did something else with it.
        at = ref.text.find(ref.issuer_text)
        before = ref.text[:at].split() if at > 0 else []
        if not before or match_key(before[-1]) != "của":
            return
        written = issuer_code(ref.issuer_text)
        if not written or _issuer_codes_equivalent(written, doc.issuer):
            return
        right = vocab.issuer(doc.issuer)
        if right is None:
            return
        out.problems.append(LintProblem(
            "wrong_issuer",
            f"{format_citation(doc, first=False)} là của {right.name}, nhưng trích dẫn ghi “{ref.issuer_text}”.",
            f"của {right.name}"))

    def _issuer_word(self, ref: DocumentRef, sym: Symbol, out: LintedCitation) -> None:
        """"Nghị định số 61/2018/NĐ-CP ... của Bộ Tài chính": the ký hiệu says Chính phủ."""
        # The extractor may fill `issuer` from the symbol; what the text wrote is issuer_text.
        written = issuer_code(ref.issuer_text) if ref.issuer_text else ref.issuer
        if not written or not sym.issuers or sym.klass is SymbolClass.IRREGULAR:
            return
        if sym.klass is SymbolClass.PARTY:
            return  # Party signers ("Ban Bí thư", "Bộ Chính trị") all write /TW
        if any(_issuer_codes_equivalent(written, code) for code in sym.issuers):
            return
        right = vocab.issuer(sym.issuers[0])
        if right is None:
            return
        out.problems.append(LintProblem(
            "wrong_issuer",
            f"Văn bản số {sym.canonical()} là của {right.name}, nhưng trích dẫn ghi “{ref.issuer_text or written}”.",
            f"của {right.name}" + (f" tỉnh {ref.province}" if right.local and ref.province else "")))

    def _date(self, ref: DocumentRef, sym: Symbol, doc: Document, out: LintedCitation) -> bool:
        """Returns False when the citation turned out to mean another document (typo)."""
        said = ref.name or ref.subject
        if ref.date is not None and doc.date is not None and ref.date == doc.date:
            # Laws passed the same day differ by one digit (23/2018/QH14, 25/2018/QH14):
            # only the name or subject tells a typo from the real citation.
            if said and not _agrees(said, doc):
                near = self._near(ref, sym, require_match=True)
                if near is not None and _agrees(said, near):
                    # The document meant, which the KB knows: not one it lacks (LintReport.not_found).
                    out.status, out.id, out.candidates = NOT_FOUND, None, [near.id]
                    out.problems.append(self._typo_problem(ref, sym, near, landed_on=doc))
                    return False
            return True
        if ref.date is None:
            # "Luật Nhà ở số 28/2023/QH15" (the form of laws since 2025, without a date):
            # 28/2023/QH15 is Luật Tài nguyên nước; the name finds the number meant. So does
            # a subject: "Nghị định 01/2012/NĐ-CP ... về đăng ký doanh nghiệp" is 01/2021.
            if said and doc.title and not _agrees(said, doc):
                near = self._near(ref, sym, require_match=True)
                if near is not None and not _agrees(said, near):
                    near = None
                if near is None and ref.name:
                    near = self._named(ref)  # "Luật An ninh mạng số 86/2015/QH13": no slip of one digit
                if near is not None and near.id != doc.id:
                    out.status, out.id, out.candidates = NOT_FOUND, None, [near.id]
                    out.problems.append(self._typo_problem(ref, sym, near, landed_on=doc))
                    return False
            return True
        if doc.date is None:
            return True
        # A digit typo that lands on another real document: a neighbour with the cited
        # date is what the drafter meant, unless the citation's name or subject says the
        # found document is the right one (then only the date is wrong).
        near = None if (said and _agrees(said, doc)) else self._near(ref, sym, require_match=True)
        if near is not None:
            out.status, out.id, out.candidates = NOT_FOUND, None, [near.id]
            out.problems.append(self._typo_problem(ref, sym, near, landed_on=doc))
            return False
        out.problems.append(self._wrong_date(ref, doc))
        return True

    def _named(self, ref: DocumentRef) -> Document | None:
        """The document whose whole title the citation's name is, in its version issued by
        the draft's date (the latest without one)."""
        if not ref.name:
            return None
        try:
            ids = self.ctx.kb.lookup(ref.name)
        except Exception:  # noqa: BLE001 - a lookup failure leaves the name unchecked
            return None
        docs = self.ctx.index.docs
        named = self._versions_issued([i for i in ids if i in docs and not i.startswith("name/")
                                       and _names(ref.name, docs[i])])
        return docs[named[-1]] if named else None

    def _versions_issued(self, ids: Sequence[str]) -> list[str]:
        """Of `ids`, those issued by the draft's date, oldest version first: the suggester's
        rules, so lint and suggest name the same version (72/2025/QH15, known by number
        only, follows 65/2025/QH15)."""
        sugg = suggester_for(self.ctx.kb)
        keyed = [(k, i) for i in ids if (k := sugg.version_order(i, self.ctx.as_of)) is not None and k[0]]
        return [i for _, i in sorted(keyed, key=lambda p: p[0][1])]

    def _wrong_date(self, ref: DocumentRef, doc: Document) -> LintProblem:
        assert ref.date is not None and doc.date is not None
        return LintProblem(
            "wrong_date",
            f"{_short(doc)} ban hành ngày {format_date(doc.date)}, không phải ngày {format_date(ref.date)}.",
            f"ngày {format_date(doc.date)}")

    def _near(self, ref: DocumentRef, sym: Symbol, *, require_match: bool = False) -> Document | None:
        """The one KB document one edit away from `sym` (same province for local issuers)
        that fits what the citation says: its date, else its subject. Without a match
        (`require_match=False`), a single neighbour is enough unless the citation's date is
        another."""
        docs = []
        # What the citation says the document amends ("sửa đổi, bổ sung một số điều của Nghị
        # định số 61/2018/NĐ-CP"): a neighbour amending other documents is another one.
        amended = numbers_in(ref.subject)
        for key in self.ctx.index.near(sym):
            for i in self.ctx.index.by_symbol[key]:
                d = self.ctx.index.docs[i]
                province = ref.province or self.ctx.province
                if d.province and province and not same_province(d.province, province, merged=False):
                    continue
                if sym.year is None and ref.date and d.date and abs(d.date.year - ref.date.year) > 1:
                    continue
                its_sym = self.ctx.index.symbols.get(d.id)
                if sym.year is None and its_sym is not None and its_sym.year is not None \
                        and not (ref.date or ref.subject or ref.name):
                    continue  # a year left out: only the citation's date or subject says which
                if ref.date and d.date and d.date.year != ref.date.year and (
                        (d.date.month, d.date.day) != (ref.date.month, ref.date.day)):
                    continue  # a slip in the number leaves the date as it was
                # Numbers in its title other than its own are what it amends or details.
                its = self.ctx.index.amended_numbers(d.id) | (
                    numbers_in(d.title) - ({number_key(d.symbol)} if d.symbol else set()))
                if amended and its and not amended & its:
                    continue
                if ref.subject and subjects_differ(ref.subject, d.title):
                    # Another document of the same day (42/2022/NĐ-CP on online public services
                    # and 43/2022/NĐ-CP on water supply, both of 24/6/2022): the KB lacks the
                    # one cited, the number is no typo of its neighbour.
                    continue
                if ref.name and d.title and not _agrees(ref.name, d):
                    # Likewise a law the KB lacks beside another of its session (Luật Ban
                    # hành văn bản quy phạm pháp luật 64/2025/QH15 and Luật Tổ chức chính
                    # quyền địa phương 65/2025/QH15, both of 19/02/2025): the name says which.
                    continue
                docs.append(d)
        if not docs:
            return None
        said = ref.name or ref.subject
        unproven: Document | None = None  # the one neighbour of the cited day, with no sign of a typo
        if ref.date:
            exact = [d for d in docs if d.date == ref.date]
            if len(exact) == 1:
                if require_match or self._same_day_evidence(ref, sym, exact[0]):
                    return exact[0]
                unproven = exact[0]
            # The laws of one session share its closing day (Luật Nhà ở 27/2023/QH15 and Luật
            # Tài nguyên nước 28/2023/QH15, both of 27/11/2023): the name tells them apart.
            for agrees in (_names, _agrees):  # the name written whole first, then one that fits
                named = [d for d in exact if said and agrees(said, d)]
                if len(named) == 1:
                    return named[0]
        if said:
            agree = [d for d in docs if _agrees(said, d)]
            if len(agree) == 1:
                return agree[0]
            # "Luật số 34/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở,
            # ...": Luật Đất đai (31/2024) and Luật Các tổ chức tín dụng (32/2024) fit only as
            # names within it; the amending law 43/2024, whose title is that subject, is meant.
            whole = [d for d in agree if not _named_within(said, d)]
            if len(agree) > 1 and len(whole) == 1:
                return whole[0]
        # Alone, a single neighbour is the likely meaning; not when the citation's date says
        # another document (a subject that says so has left it out above).
        contradicted = bool(ref.date and docs[0].date and docs[0].date != ref.date)
        # Nor when the citation says what it is and the KB knows nothing of the neighbour to
        # compare (72/2010/QĐ-TTg, a bare number, for 02/2010/QĐ-TTg on Tổng cục Hải quan).
        contradicted = contradicted or bool((ref.date or said) and not docs[0].date and not docs[0].title)
        # Nor when only its day is shared and the cited number may be of that day too.
        contradicted = contradicted or docs[0] is unproven
        if not require_match and len(docs) == 1 and not contradicted:
            return docs[0]
        return None

    def _same_day_evidence(self, ref: DocumentRef, sym: Symbol, near: Document) -> bool:
        """Whether a neighbour of the cited date is evidence of a typo in a symbol the KB
        lacks. Several decrees are signed on one day with numbers in a run (42/2022/NĐ-CP
        and 43/2022/NĐ-CP, both of 24/6/2022), so a shared day alone is none: the citation's
        name or subject must fit the neighbour, or the neighbour must carry the cited number
        (only its ký hiệu differs: "01/2018/VPCP"), or the cited number must be impossible on
        that day (the KB knows a lower number of that series issued later, or a higher one
        issued earlier: "61/2018/NĐ-CP ngày 23/4/2018" written 68/2018 when 67/2018 is of May)."""
        said = ref.name or ref.subject
        near_sym = self.ctx.index.symbols.get(near.id)
        if said and _agrees(said, near):
            return True
        if near_sym is not None and near_sym.number == sym.number:
            return True
        return ref.date is not None and self.ctx.index.out_of_order(sym, ref.date, near)

    def _unknown(self, ref: DocumentRef, sym: Symbol, out: LintedCitation) -> None:
        """A document the KB lacks (the newest ones, most often) is still checked against
        its own symbol and its cited date: a normative symbol carries its year of issue (NĐ
        30/2020, Phụ lục I), so "118/2025/NĐ-CP ngày 09/6/2024" is wrong on its face, and so
        is 118/2025 in a draft of 2024. A symbol without a year (505/QĐ-TTg, 57-NQ/TW: the
        documents a province cites most and the KB lacks most often) has only its cited
        date to judge: a date after the draft's is as wrong as for any other symbol."""
        date = ref.date
        if sym.year is not None and date is not None and date.year != sym.year:
            try:
                fix = f"ngày {format_date(date.replace(year=sym.year))}"
            except ValueError:  # 29/02 of a year without it
                fix = f"kiểm tra lại ngày ban hành (năm {sym.year})"
            out.problems.append(LintProblem(
                "wrong_date",
                f"Số, ký hiệu {sym.canonical()} là của văn bản ban hành năm {sym.year}, nhưng trích dẫn "
                f"ghi ngày {format_date(date)}; kiểm tra lại ngày hoặc số, ký hiệu.",
                fix))
            date = None  # which of the two is wrong is not known: the year alone is judged
        as_of = self.ctx.as_of
        if as_of is None:
            return
        if date is not None and date > as_of:
            when = f"ngày {format_date(date)}"
        elif date is None and sym.year is not None and sym.year > as_of.year:
            when = f"năm {sym.year}"
        else:
            return
        what = f"{ref.doc_type} số {sym.canonical()}" if ref.doc_type else f"Văn bản số {sym.canonical()}"
        out.problems.append(_issued_after_draft(what, when, as_of))

    def _typo_problem(self, ref: DocumentRef, sym: Symbol, near: Document,
                      landed_on: Document | None = None) -> LintProblem:
        right = near.symbol or near.id
        why = (f"{sym.canonical()} là một văn bản khác ({format_citation(landed_on)})"
               if landed_on else f"Kho không có văn bản số {sym.canonical()}")
        return LintProblem(
            "symbol_typo",
            f"{why}; có lẽ số, ký hiệu bị gõ sai: {format_citation(near)}.",
            right)

    def _article(self, ref: DocumentRef, doc: Document, out: LintedCitation) -> None:
        """A pinpoint ("khoản 2 Điều 300") beyond the last article of a law whose article
        headings the KB knows. Only beyond the last: a heading the catalog missed in the
        middle of a text must not make a real article look unknown."""
        last = doc.last_article if ref.pinpoint else None
        if ref.pinpoint is None or last is None:
            return
        for number in (n for m in _PINPOINT_ARTICLES.finditer(ref.pinpoint) for n in re.findall(r"\d+", m.group(1))):
            if int(number) > last:
                out.problems.append(LintProblem(
                    "unknown_article",
                    f"{_short(doc)} có {last} điều; không có Điều {number}.",
                    f"kiểm tra lại số điều (Điều 1 đến Điều {last})"))

    def _validity(self, doc: Document, out: LintedCitation) -> None:
        # The suggester's rule, so the two never disagree: the KB's replacing and repealing
        # edges, a newer law of the same name in force at as_of, and the replacement
        # followed to the version in force then (the fix must not be out of date itself).
        suggester = suggester_for(self.ctx.kb)
        # An undated draft is judged on today's date, as the report says (the suggester's
        # rule too): a law replaced by a newer one of its name (Luật Khám bệnh, chữa bệnh
        # 2009 by that of 2023), or an amending law whose amended laws are gone, is out of
        # date today.
        flags, repl_id = suggester.in_force_version(doc.id, self.ctx.as_of)
        on = self.ctx.as_of or today()
        repl = self.ctx.index.docs.get(repl_id) if repl_id else None
        for flag in flags:
            fl = fold(flag)
            if fl.startswith(("da bi thay the", "da duoc thay bang")):
                fix = format_citation(repl, as_of=self.ctx.as_of) if repl is not None else None
                # A version replaced by one of its own name is told apart by its date.
                same_name = fl.startswith("da duoc thay bang")
                message = f"{format_citation(doc) if same_name else _short(doc)} {flag}"
                if repl is not None and format_citation(repl) not in flag:
                    # Its replacement was replaced in turn: say which one the fix names.
                    when = f" tại ngày {format_date(self.ctx.as_of)}" if self.ctx.as_of else ""
                    message += f"; văn bản có hiệu lực{when} là {fix}"
                out.problems.append(LintProblem("replaced", f"{message}.", fix))
            elif fl.startswith("da bi bai bo"):
                # Repealed by a document that took its place (validity_flags): that one.
                fix = (f"thay bằng {format_citation(repl, as_of=self.ctx.as_of)}" if repl is not None
                       else "bỏ căn cứ này hoặc thay bằng văn bản đang có hiệu lực")
                out.problems.append(LintProblem("repealed", f"{_short(doc)} {flag}.", fix))
            elif fl.startswith("chua co hieu luc"):
                # With a date: a decree is signed before the law it details takes effect and
                # takes effect with it (domain.md §6), so a later entry into force is allowed.
                if self.ctx.as_of is None:
                    out.problems.append(LintProblem("not_yet_in_force", f"{_short(doc)}: {flag}.",
                                                    "chỉ căn cứ văn bản có hiệu lực chậm nhất cùng ngày với văn bản mới"))
            else:
                now = [d for d in (self.ctx.index.docs.get(x) for x in suggester.lapsed_with(doc.id, on)) if d]
                fix = ("thay bằng " + "; ".join(format_citation(d, as_of=on) for d in now) if now
                       else "thay bằng văn bản đang có hiệu lực")
                if fl.startswith(("sua doi", "quy dinh chi tiet")):
                    # It lapsed with what it amends or details: say so, or the message reads
                    # "Luật sửa đổi ... của Luật X: sửa đổi, bổ sung Luật X; văn bản này ...".
                    message = f"{_short(doc)} hết hiệu lực cùng văn bản mà nó {flag}"
                else:
                    message = f"{_short(doc)}: {flag}"
                out.problems.append(LintProblem("expired", f"{message}.", fix))

    def _issued_after(self, ref: DocumentRef, doc: Document, out: LintedCitation) -> None:
        as_of = self.ctx.as_of
        if as_of is None:
            return
        date = doc.date or ref.date
        if date is not None:
            if date > as_of:
                out.problems.append(_issued_after_draft(_short(doc), f"ngày {format_date(date)}", as_of))
            return
        # Neither the KB nor the citation dates it: the year in its symbol does (Nghị định
        # 168/2025/NĐ-CP in a plan of 2023), as for a symbol the KB lacks.
        sym = self.ctx.index.symbols.get(doc.id)
        if sym is not None and sym.year is not None and sym.year > as_of.year:
            out.problems.append(_issued_after_draft(_short(doc), f"năm {sym.year}", as_of))

    def _period(self, ref: DocumentRef, doc: Document, out: LintedCitation) -> None:
        """A plan, programme or scheme whose period ended before the draft's year, cited
        as a basis ("Căn cứ Quyết định số 225/QĐ-TTg ... giai đoạn 2016-2020" in a plan of
        2024): still in force, but what a new plan rests on is the current period's (the
        rule suggest ranks by; graph/periods.py). The body may recall past plans freely."""
        as_of = self.ctx.as_of
        if as_of is None or ref.relation is not Relation.BASED_ON or out.problems:
            return
        end = period_over(doc.title, doc.doc_type, as_of)
        if end is not None:
            out.problems.append(LintProblem(
                "period_ended", f"{_short(doc)}: {PERIOD_ENDED_FLAG.format(end=end)}.",
                "căn cứ văn bản của kỳ hiện hành (nếu đã ban hành)"))

    def _force(self, ref: DocumentRef, doc: Document, out: LintedCitation) -> None:
        """A căn cứ of lower legal force than the draft (data/legal_force.json): a decree
        rests on laws and decrees, never on a circular; a provincial decision never on a
        department's plan. Only "Căn cứ" items are judged: the body may refer to anything."""
        draft = self.ctx.draft
        if draft is None or ref.relation is not Relation.BASED_ON:
            return
        draft_issuer = draft.issuer or (draft.symbol.issuers[0] if draft.symbol and draft.symbol.issuers else None)
        mine, theirs = vocab.legal_force(draft.doc_type, draft_issuer), document_force(doc)
        if mine is None or theirs is None or theirs <= mine:
            return
        docs = self.ctx.index.docs
        higher = [docs[j] for j in self.ctx.index.guided(doc.id) if j in docs]
        higher = [d for d in higher if (f := document_force(d)) is not None and f <= mine]
        fix = (f"căn cứ {format_citation(higher[0], as_of=self.ctx.as_of)}" if higher
               else "bỏ khỏi phần căn cứ (có thể nêu trong nội dung) hoặc dẫn văn bản có hiệu lực cao hơn")
        kind = draft.doc_type.lower() if draft.doc_type else "văn bản"
        out.problems.append(LintProblem(
            "lower_force",
            f"{_short(doc)} có hiệu lực pháp lý thấp hơn {kind} đang soạn nên không thể là căn cứ của {kind}.",
            fix))


# --- checks across citations ------------------------------------------------------------

def _inconsistent(refs: Sequence[DocumentRef], linted: Sequence[LintedCitation],
                  index: LintIndex) -> None:
    """The same document written with two dates inside the draft (17/NQ-CP ngày 07/3/2019
    and ngày 09/3/2020). Two dates of an administrative symbol in different years are one
    document only when the subjects agree or both resolved to one id (151/KH-UBND of 2019
    and of 2020 are two plans)."""
    groups: dict[str, list[int]] = defaultdict(list)
    for n, ref in enumerate(refs):
        if ref.symbol is not None and ref.date is not None:
            key = fold(symbol_key(ref.symbol, ref.province, ref.locality))
            groups[key].append(n)
    for members in groups.values():
        dates = {refs[n].date for n in members}
        if len(dates) < 2:
            continue
        first = members[0]
        for n in members[1:]:
            a, b = refs[first], refs[n]
            if a.date == b.date or None not in (linted[first].id, linted[n].id) and linted[first].id != linted[n].id:
                continue  # one date, or two documents
            same = (
                (linted[first].id is not None and linted[first].id == linted[n].id)
                or (a.symbol is not None and a.symbol.year is not None)
                or (a.date and b.date and a.date.year == b.date.year)
                or subjects_agree(a.subject, b.subject)
            )
            if not same:
                continue
            doc = index.docs.get(linted[n].id or linted[first].id or "")
            assert b.date is not None and a.date is not None
            said = (f"{a.symbol.canonical() if a.symbol else a.text} được ghi ngày {format_date(a.date)} ở trên "
                    f"và ngày {format_date(b.date)} ở đây")
            if doc is not None and doc.date is not None:
                # The KB's date tells which is right, and a wrong one is told as wrong_date
                # where it stands: the repeat is no second problem, nor one where it is right.
                if b.date == doc.date or any(p.kind == "wrong_date" for p in linted[n].problems):
                    continue
                linted[n].problems.append(LintProblem("inconsistent_repeat", f"{said}.",
                                                      f"ngày {format_date(doc.date)}"))
                continue
            # The KB does not know its date: either may be the one miswritten.
            linted[n].problems.append(LintProblem(
                "inconsistent_repeat",
                f"{said}; kho chưa biết ngày ban hành nên chưa rõ ngày nào đúng.",
                f"thống nhất một ngày theo văn bản gốc: ngày {format_date(a.date)} hoặc ngày {format_date(b.date)}"))


def _party_draft(draft: DocumentRef | None) -> bool:
    """A Party committee's document (a Tỉnh ủy's plan for a Kết luận of the Secretariat):
    the province's People's Committee carries out the Party's documents, not the reverse,
    so its implementing plan is no basis the Party's document lacks."""
    if draft is None:
        return False
    if draft.symbol is not None and draft.symbol.klass is SymbolClass.PARTY:
        return True
    return bool(draft.issuer and vocab.is_party_issuer(draft.issuer))


def _missing_implementation(refs: Sequence[DocumentRef], linted: Sequence[LintedCitation],
                            index: LintIndex, province: str | None, as_of: dt.date | None) -> None:
    """A central document is cited while the province's plan implementing it is not."""
    if not province:
        return
    cited = {c.id for c in linted if c.id}
    reported: set[str] = set()
    for c in linted:
        if not c.id or c.status != FOUND or c.id in reported:
            continue  # once per document: at its first mention
        reported.add(c.id)
        doc = index.docs[c.id]
        if doc.province:
            continue
        plans = []
        for j in index.implementers(c.id):
            impl = index.docs.get(j)
            if impl is None or not same_province(impl.province, province, as_of):
                continue
            if not implementing_plan(impl, as_of):
                continue  # no number to cite, later than the draft, or its period is over
            plans.append(impl)
        if not plans or any(p.id in cited for p in plans):
            continue
        plans.sort(key=lambda d: d.date or dt.date.min)
        names = "; ".join(format_citation(p) for p in plans[-3:])
        c.problems.append(LintProblem(
            "missing_implementation",
            f"{_short(doc)} đã được tỉnh {province} triển khai bằng {names}, nhưng dự thảo chưa dẫn văn bản này.",
            f"Thực hiện {format_citation(plans[-1], as_of=as_of)}"))


# --- the public function --------------------------------------------------------------------

def _extract(text: str) -> tuple[list[DocumentRef], list[Problem], DocumentRef | None]:
    from cancu.ingest.extract import extract_text  # ingest depends on graph, not the reverse

    ex = extract_text(text)
    return list(ex.citations), list(ex.problems), ex.document


@lru_cache(maxsize=1)
def _old_issuer_codes() -> frozenset[str]:
    return frozenset(vocab.cite_words()["old_issuer_codes"]["codes"])


def _unsigned_date(document: DocumentRef) -> dt.date | None:
    """A draft not yet signed leaves the day blank ("ngày    tháng 10 năm 2026"): it is
    judged at the end of that month (of that year when the month is blank too), by when it
    will be signed; a replacement taking effect within the month is told."""
    year = document.issue_year
    if year is None:
        return None
    month = document.issue_month or 12
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def lint(kb: ReadableKB, text: str, *, as_of: dt.date | None = None, province: str | None = None) -> LintReport:
    """Check every citation of `text` (a draft). `as_of` is the draft's date (default: the
    date in its header, if any); `province` the drafting province (default: the header's).
    Callers bound the text length; at most `MAX_CITATIONS` citations are checked."""
    refs, problems, document = _extract(text)
    as_of_source = GIVEN if as_of else None
    province_source = GIVEN if province else None
    if document is not None:
        if as_of is None and document.date is not None:
            as_of, as_of_source = document.date, HEADER
        elif as_of is None and (unsigned := _unsigned_date(document)) is not None:
            as_of, as_of_source = unsigned, UNSIGNED
        if not province and document.province:
            province, province_source = document.province, HEADER
    report = lint_refs(kb, refs, as_of=as_of, province=province, problems=problems, draft=document)
    report.as_of_source, report.province_source = as_of_source, province_source
    report.unaccented = sum(1 for c in report.citations if _unaccented(text, c.start, c.end))
    return report


# The extractor puts back the marks of the words it reads by their Vietnamese spelling
# (types, issuers, law names, dates: ingest/marks.py), but a subject or a name its tables
# lack stays unread on a line typed without diacritics, and the report must say so.
UNACCENTED_WINDOW = 150  # characters each side of a citation


def _unaccented(text: str, start: int, end: int) -> bool:
    """Whether the passage around text[start:end] is written without diacritics
    (`text.typed_unmarked`): its own line, when that has words enough ("Can cu Nghi dinh
    so 30/2020/ND-CP ngay ..." pasted among accented lines), else the characters around it."""
    lo = max(0, start - UNACCENTED_WINDOW)
    hi = min(len(text), end + UNACCENTED_WINDOW)
    line_start = text.rfind("\n", lo, start) + 1 or lo
    line_end = text.find("\n", end, hi)
    own = typed_unmarked(text[line_start:hi if line_end < 0 else line_end])
    return bool(typed_unmarked(text[lo:hi]) if own is None else own)


def _without_names_inside_others(refs: Sequence[DocumentRef]) -> list[DocumentRef]:
    """The citations of the draft without the laws named, with no number or date of their
    own, inside another citation ("Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật
    Nhà ở ..."): the draft cites the amending law, whose name they are part of; reported
    too, they inflated a draft's count by a third. A citation with a symbol, a date or a
    year inside another's subject ("... thực hiện Nghị quyết số 02/NQ-CP ngày 01/01/2019",
    "... Luật Giao dịch điện tử năm 2005") is the drafter's own, and checked."""
    # One sweep by start (longer first at a start): a span lies inside another when a span
    # of another place seen before it reaches as far; identical spans are one place.
    covered: set[tuple[int, int]] = set()
    reach = -1  # the furthest end of the places before the current one
    for start, end in sorted({(r.start, r.end) for r in refs}, key=lambda p: (p[0], -p[1])):
        if reach >= end:
            covered.add((start, end))
        reach = max(reach, end)
    return [r for r in refs if r.symbol is not None or r.date is not None or r.issue_year is not None
            or (r.start, r.end) not in covered]


def lint_refs(kb: ReadableKB, refs: Sequence[DocumentRef], *, as_of: dt.date | None = None,
              province: str | None = None, problems: Sequence[Problem] = (),
              draft: DocumentRef | None = None) -> LintReport:
    """`lint` on citations already extracted (the web UI and the benchmark use it).
    `draft` is the draft's own header: its type and issuer give its legal force."""
    refs = [r for r in refs if r.symbol is not None or r.name or r.doc_type]
    refs = _without_names_inside_others(refs)
    skipped = max(0, len(refs) - MAX_CITATIONS)
    refs = refs[:MAX_CITATIONS]
    index = lint_index(kb)
    described: dict[str, DocumentRef] = {}
    written: dict[str, set[dt.date]] = defaultdict(set)
    for r in refs:
        if r.symbol is not None and (r.date or r.subject):
            described.setdefault(r.symbol.canonical(), r)
        if r.symbol is not None and r.date:
            written[r.symbol.canonical()].add(r.date)
    checker = _Checker(_Ctx(kb, index, as_of, province, draft, described, written))
    linted = [checker.check(r) for r in refs]
    for c, ref in zip(linted, refs, strict=True):
        for p in problems:
            if p.kind in ("bad_date", "invalid_date") and p.start is not None and ref.start <= p.start < ref.end:
                c.problems.append(LintProblem("invalid_date", p.message, "ghi ngày theo dạng ngày/tháng/năm có thật"))
    # A working paper ("Xét đề nghị ... tại Tờ trình số 215/TTr-STNMT") is no legal basis
    # and never published: one the KB lacks is left out, unless something is wrong with it
    # (its date invalid included) or the draft cites it as a căn cứ (a slip to see).
    kept = [n for n, (c, r) in enumerate(zip(linted, refs, strict=True))
            if not (c.status == NOT_FOUND and not c.problems and r.symbol is not None
                    and r.relation is not Relation.BASED_ON and vocab.is_internal_type(r.symbol.type_code))]
    refs, linted = [refs[n] for n in kept], [linted[n] for n in kept]
    _inconsistent(refs, linted, index)
    if not _party_draft(draft):
        _missing_implementation(refs, linted, index, province, as_of)
    report = LintReport(linted, skipped, as_of, GIVEN if as_of else None, province, GIVEN if province else None)
    report.province_in_kb = not province or any(same_province(p, province, as_of) for p in index.provinces)
    return report
