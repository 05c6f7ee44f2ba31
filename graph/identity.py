"""Document identity: canonical ids and ELI-style URIs.

An id is the path of the document's ELI URI below `/eli/vn/`:

    {issuer}/{year}/{type}/{number}     61/2018/NĐ-CP            -> cp/2018/nd/61
                                        749/QĐ-TTg (2020)        -> ttg/2020/qd/749
                                        151/KH-UBND, Quảng Ngãi  -> ubnd.quang-ngai/2020/kh/151
                                        88/KH-UBND, huyện Sơn Tịnh, Quảng Ngãi
                                                       -> ubnd.quang-ngai.huyen-son-tinh/2020/kh/88
                                        80/2015/QH13             -> qh/2015/80
                                        833/STTTT-CNTT (2021)    -> stttt.quang-ngai/2021/cv/833
    name/{slug}                         "Luật Công nghệ thông tin" (no number known)

Rules (domain.md §1): a normative symbol is unique by itself (plus the province for a
local issuer); administrative, official-letter and Party symbols need issuer and year,
because numbers restart every 1 January. When what identity needs is missing (no year,
no issuer code, no province for "UBND"), `document_id` returns None: the mention stays
unresolved rather than being merged by guess.

A huyện, xã or provincial city has its own UBND and HĐND numbering their documents as the
province's do, so a document of such a unit carries the unit after the province: its level
and name slugged together (`huyen-son-tinh`, `thanh-pho-quang-ngai`, `xa-tuy-phuoc`), the
level kept because a huyện and its thị trấn often share a name (huyện and thị trấn Tuy
Phước). A province's own documents keep the ids they always had. A unit known only by its
level ("của UBND huyện" in a provincial document) is not enough: None.
"""

from __future__ import annotations

from cancu.graph import places, vocab
from cancu.graph.symbol import Symbol, SymbolClass, parse_symbol
from cancu.graph.text import slug

ELI_BASE = "https://cancu.vn/eli/vn/"


def issuer_slug(sym: Symbol, province: str | None, locality: str | None = None) -> str | None:
    """`ubnd.quang-ngai`, `ubnd.quang-ngai.huyen-son-tinh`, `cp`; None when the symbol names
    no issuer ("38/KH", a number whose last group was lost), or a local issuer's province,
    or a unit's name, is unknown. A placeholder issuer would merge every body's "38/KH" of
    that year, of every province, into one document."""
    if not sym.issuers:
        return None
    head = "-".join(slug(vocab.issuer_base(code)) for code in sym.issuers)
    if vocab.is_local_issuer(sym.issuers[0]):
        if not province:
            return None
        head = f"{head}.{slug(province)}"
        if locality:
            unit = places.split_unit(locality)
            if unit is None or unit[1] is None:
                return None
            head = f"{head}.{slug(locality)}"
    return head


def type_slug(sym: Symbol) -> str | None:
    if sym.type_code:
        return slug(sym.type_code)
    if sym.klass is SymbolClass.OFFICIAL_LETTER:
        return "cv"
    return None  # QH laws and resolutions: the symbol carries no type code


# Legislature symbols carry no type code, yet laws and resolutions of one term have separate
# number series: Luật 24/2008/QH12 (Quốc tịch) and Nghị quyết 24/2008/QH12 are two documents.
# A law keeps the bare id (qh/2008/24); other types say theirs when the caller knows it.
_LEGISLATURE_TYPE_SLUGS = {"Nghị quyết": "nq", "Pháp lệnh": "pl", "Nghị quyết liên tịch": "nqlt"}


def document_id(sym: Symbol, *, year: int | None = None, province: str | None = None,
                doc_type: str | None = None, locality: str | None = None) -> str | None:
    """The id of the document `sym` names, or None if identity needs more than is known.

    `year` is the issue year (from the citation's date) for symbols that do not carry it;
    `province` is needed for local issuers (UBND, HĐND, Sở, Tỉnh ủy); `locality` is the
    unit below the province that issued it ("huyện Sơn Tịnh"), None for the province's own;
    `doc_type` (the Vietnamese type name) only matters for legislature symbols without a
    type code."""
    y = sym.year or year
    if y is None:
        return None
    head = issuer_slug(sym, province, locality)
    if head is None:
        return None
    number = f"{sym.number}{sym.suffix}"
    kind = type_slug(sym)
    if (kind is None and doc_type in _LEGISLATURE_TYPE_SLUGS and sym.issuers
            and vocab.issuer_base(sym.issuers[0]) in ("QH", "UBTVQH")):
        kind = _LEGISLATURE_TYPE_SLUGS[doc_type]
    return "/".join(p for p in (head, str(y), kind, number) if p)


def name_id(name: str, year: int | None = None) -> str:
    """Id of a document known only by its name ("Luật Công nghệ thông tin"). With the
    year the citation states (its date, "năm 2015"), the id carries it, so laws of the
    same name from different years stay apart: "Bộ luật Dân sự", 2015 ->
    name/bo-luat-dan-su-2015."""
    base = slug(name)
    if year is None or base.endswith(f"-{year}"):
        return f"name/{base}"
    return f"name/{base}-{year}"


def eli_uri(doc_id: str) -> str:
    return ELI_BASE + doc_id


def id_from_text(text: str, *, year: int | None = None, province: str | None = None,
                 locality: str | None = None) -> str | None:
    """An id from a symbol written any way, when the symbol suffices."""
    sym = parse_symbol(text)
    return document_id(sym, year=year, province=province, locality=locality) if sym else None


def is_doc_id(text: str) -> bool:
    """Whether `text` already looks like an id (`cp/2018/nd/61`, `name/luat-...`)."""
    if text.startswith("name/"):
        return True
    parts = text.split("/")
    return 3 <= len(parts) <= 4 and parts[1].isdigit() and len(parts[1]) == 4 and text == text.lower()
