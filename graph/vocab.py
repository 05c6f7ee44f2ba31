"""Legal vocabulary loaded from the plain-data tables in `data/`.

The tables (types, issuers, relations, provinces, abbreviations) are the single place
where domain words live; code asks this module. Tables are read once and cached: they
ship with the package and never change while a process runs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from cancu.graph.text import fold, match_key


def load_table(name: str) -> Any:
    """Read `data/<name>` from the installed package."""
    with resources.files("cancu.data").joinpath(name).open(encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def cite_words() -> dict[str, Any]:
    """data/cite_words.json, the words around a citation, read once: the extractor, lint,
    search, suggest and the catalog each read parts of it."""
    return dict(load_table("cite_words.json"))


def partial_act(before: str) -> bool:
    """Whether the words between a replacing or repealing cue and its citation make the act
    one on a part of the document (data/cite_words.json 'partial_acts': "bãi bỏ một số cụm
    từ tại", "thay thế khoản ... tại"). Matched as written, case aside: folded, "tại" would
    be the "Tài" of "Bộ Tài chính"."""
    return _partial_regex().search(before.lower()) is not None


@lru_cache(maxsize=1)
def _partial_regex() -> re.Pattern[str]:
    words = cite_words()["partial_acts"]["words"]
    alts = "|".join(re.escape(w.lower()) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])(?:{alts})(?![^\W\d_])")


def fold_code(code: str) -> str:
    return fold(code).upper()


@dataclass(frozen=True)
class DocType:
    name: str
    code: str | None
    classes: tuple[str, ...]
    variants: tuple[str, ...]
    implements: bool = False  # a province carries out central documents in this type
    # Codes a Party document of this type is written with besides `code` ("144-QĐ/TW" and
    # "205-QĐi/TW" are both a Party "Quy định").
    party_codes: tuple[str, ...] = ()
    internal: bool = False  # a body's own working paper (Tờ trình): never a legal basis
    local_writer: str | None = None  # the local body issuing it when only a province is said


@dataclass(frozen=True)
class Issuer:
    code: str
    name: str
    level: str  # central / ministry / province / department / district / commune / party
    party: bool
    local: bool
    variants: tuple[str, ...]
    other_codes: tuple[str, ...]
    valid_from: str | None
    valid_to: str | None
    # Distinct bodies signing under this one code (TW: Bộ Chính trị, Ban Bí thư, ...).
    bodies: tuple[str, ...] = ()
    # Its name by the kind of its province, followed by the province's bare name ("Tỉnh ủy
    # Quảng Ngãi", "Thành ủy Hà Nội"); empty: the name, then "tỉnh X" / "thành phố X".
    by_place: dict[str, str] = field(default_factory=dict)
    # The body exists in the units below the province too (UBND of a huyện or xã), so its
    # documents are told apart by their unit (data/provinces.json 'units').
    in_units: bool = False


@lru_cache(maxsize=1)
def doc_types() -> tuple[DocType, ...]:
    return tuple(
        DocType(t["name"], t["code"], tuple(t["classes"]), tuple(t["variants"]), bool(t.get("implements")),
                tuple(t.get("party_codes", ())), bool(t.get("internal")), t.get("local_writer"))
        for t in load_table("types.json")["types"]
    )


@lru_cache(maxsize=1)
def issuers() -> tuple[Issuer, ...]:
    return tuple(
        Issuer(
            i["code"], i["name"], i["level"], bool(i.get("party")), bool(i.get("local")),
            tuple(i.get("variants", ())), tuple(i.get("other_codes", ())),
            i.get("valid_from"), i.get("valid_to"), tuple(i.get("bodies", ())), dict(i.get("by_place", {})),
            bool(i.get("in_units")),
        )
        for i in load_table("issuers.json")["issuers"]
    )


# --- type codes -------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _type_code_index() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    exact: dict[str, str] = {}
    upper: dict[str, str] = {}
    folded: dict[str, str] = {}
    for t in doc_types():
        if not t.code:
            continue
        exact.setdefault(t.code, t.code)
        upper.setdefault(t.code.upper(), t.code)
    # Folding merges ĐA (Đề án) and DA (Dự án); an exact or upper-case hit wins, and the
    # folded index only maps codes whose folded form is unique or that carry an Đ
    # (text writes "ND" for "NĐ" far more often than the reverse).
    for t in doc_types():
        if t.code:
            key = fold_code(t.code)
            if key not in folded or "Đ" in t.code:
                folded[key] = t.code
    return exact, upper, folded


def canonical_type_code(code: str) -> str | None:
    """Official spelling of a type code written any way ("Qd" -> "QĐ", "TTR" -> "TTr")."""
    exact, upper, folded = _type_code_index()
    if code in exact:
        return exact[code]
    if code.upper() in upper:
        return upper[code.upper()]
    return folded.get(fold_code(code))


@lru_cache(maxsize=1)
def type_codes_longest_first() -> tuple[str, ...]:
    codes = {t.code for t in doc_types() if t.code}
    return tuple(sorted(codes, key=len, reverse=True))


def type_classes(code: str) -> frozenset[str]:
    return frozenset(c for t in doc_types() if t.code == code for c in t.classes)


def local_writer(type_name: str | None) -> str | None:
    """The local body issuing a document of this type ('local_writer' in data/types.json:
    a local Nghị quyết is the HĐND's), or None."""
    found = doc_type_by_name(type_name) if type_name else None
    return found.local_writer if found is not None else None


def is_internal_type(code: str | None) -> bool:
    """Whether a ký hiệu type code names a working paper ('internal' in data/types.json)."""
    found = types_for_code(code)
    return bool(found) and all(t.internal for t in found)


def types_for_code(code: str | None) -> tuple[DocType, ...]:
    return tuple(t for t in doc_types() if code and t.code == code)


@lru_cache(maxsize=1)
def _type_name_index() -> dict[str, DocType]:
    index: dict[str, DocType] = {}
    for t in doc_types():
        for word in (t.name, *t.variants):
            index.setdefault(fold(word), t)
            index[match_key(word)] = t
    return index


def doc_type_by_word(word: str) -> DocType | None:
    """The type a type word names ("Nghị định", "nghi dinh", "NĐ")."""
    index = _type_name_index()
    return index.get(match_key(word)) or index.get(fold(word))


def doc_type_by_name(name: str) -> DocType | None:
    for t in doc_types():
        if t.name == name:
            return t
    return None


# --- issuer codes -----------------------------------------------------------------------

@lru_cache(maxsize=1)
def _issuer_code_index() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    exact: dict[str, str] = {}
    upper: dict[str, str] = {}
    folded: dict[str, str] = {}
    for i in issuers():
        for code in (i.code, *i.other_codes):
            exact.setdefault(code, i.code)
            upper.setdefault(code.upper(), i.code)
            key = fold_code(code)
            if key not in folded or "Đ" in code:
                folded[key] = i.code
    return exact, upper, folded


def lookup_issuer_code(code: str) -> str | None:
    exact, upper, folded = _issuer_code_index()
    if code in exact:
        return exact[code]
    if code.upper() in upper:
        return upper[code.upper()]
    # Legislature codes carry the term: QH14, UBTVQH13.
    return folded.get(fold_code(code))


def canonical_issuer_code(code: str) -> str:
    """Known codes in their official case (Ttg -> TTg, HDND -> HĐND); others upper-cased."""
    known = lookup_issuer_code(code)
    if known is not None:
        return known
    return code.upper()


def issuer_base(code: str) -> str:
    """QH14 -> QH, UBTVQH13 -> UBTVQH: the body without its legislature term."""
    stripped = code.rstrip("0123456789")
    return stripped if stripped in ("QH", "UBTVQH") else code


@lru_cache(maxsize=1)
def _issuer_by_code() -> dict[str, Issuer]:
    return {i.code: i for i in issuers()}


def issuer(code: str) -> Issuer | None:
    return _issuer_by_code().get(issuer_base(code))


def is_party_issuer(code: str) -> bool:
    found = issuer(code)
    return bool(found and found.party)


def is_local_issuer(code: str) -> bool:
    found = issuer(code)
    if found is not None:
        return found.local
    # Unknown codes starting with S are provincial departments (Sở): STTTT, SGTVT, SNN...
    return code.startswith("S") and len(code) >= 3


@lru_cache(maxsize=1)
def _issuer_variant_index() -> dict[str, Issuer]:
    index: dict[str, Issuer] = {}
    for i in issuers():
        for name in (i.name, *i.variants):
            index.setdefault(match_key(name), i)
            index.setdefault(fold(name), i)
    return index


def issuer_by_name(name: str) -> Issuer | None:
    """The issuer a written name means ("TTCP" -> TTg, "Uỷ ban nhân dân tỉnh" -> UBND)."""
    index = _issuer_variant_index()
    return index.get(match_key(name)) or index.get(fold(name))


def issuer_body(found: Issuer, written: str) -> str | None:
    """Which of the bodies sharing `found`'s code a written name means (data/issuers.json
    'bodies'): the longest body the name equals, starts with ("Ban Bí thư Trung ương
    Đảng" is Ban Bí thư) or shortens ("Ban Chấp hành Trung ương"); None when no body fits
    ("Trung ương" does not say which), nor when it shortens several ("Ban Chỉ đạo Trung
    ương" of BCĐTW's committees)."""
    name = match_key(written)
    fits = [b for b in found.bodies if (body := match_key(b)) == name or name.startswith(body + " ")]
    if fits:
        return max(fits, key=len)
    shortened = [b for b in found.bodies if match_key(b).startswith(name + " ")]
    return shortened[0] if len(shortened) == 1 else None


def issuer_variants_longest_first() -> tuple[tuple[str, Issuer], ...]:
    pairs = [(name, i) for i in issuers() for name in {i.name, *i.variants}]
    return tuple(sorted(pairs, key=lambda p: len(p[0]), reverse=True))


# --- relations, provinces, abbreviations ------------------------------------------------

@dataclass(frozen=True)
class RelationInfo:
    name: str
    active: str
    passive: str
    eli: str
    cues: tuple[str, ...]
    eli_broader: tuple[str, ...] = ()  # ELI properties a cancu: property refines
    eli_also: tuple[str, ...] = ()  # ELI properties each edge is exported as besides `eli`
    acts_on: bool = False  # its cue says what the citing document does to the cited one's content


@lru_cache(maxsize=1)
def relations() -> dict[str, RelationInfo]:
    return {
        r["name"]: RelationInfo(r["name"], r["active"], r["passive"], r["eli"], tuple(r["cues"]),
                                tuple(r.get("eli_broader", ())), tuple(r.get("eli_also", ())), bool(r.get("acts_on")))
        for r in load_table("relations.json")["relations"]
    }


@lru_cache(maxsize=1)
def _provinces_table() -> dict[str, Any]:
    """data/provinces.json, read once for its provinces, cues and units."""
    try:
        return dict(load_table("provinces.json"))
    except FileNotFoundError:
        return {}


@lru_cache(maxsize=1)
def provinces() -> tuple[dict[str, Any], ...]:
    return tuple(_provinces_table().get("provinces", ()))


def merger_act() -> str:
    """The act that merged provinces (data/provinces.json 'merged_by'), named when a draft is
    written for a province that no longer exists."""
    return str(_provinces_table().get("merged_by", ""))


@lru_cache(maxsize=1)
def unit_words() -> dict[str, Any]:
    """The level words of the units below the province ("huyện", "xã", "thành phố"), the
    bodies they follow in a header, with examples (data/provinces.json 'units')."""
    return dict(_provinces_table().get("units", {}))


def in_units(code: str | None) -> bool:
    """Whether documents of `code` may belong to a unit below the province (UBND, HĐND)."""
    found = issuer(code) if code else None
    return found is not None and found.in_units


@lru_cache(maxsize=1)
def province_cues() -> dict[str, Any]:
    """The words that say the name after them is a province ("tỉnh", "UBND"), with examples."""
    return dict(_provinces_table().get("cues", {}))


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, dict[str, Any]]:
    try:
        table = load_table("abbreviations.json")["abbreviations"]
    except FileNotFoundError:
        return {}
    return {fold(a["abbr"]): a for a in table}


@dataclass(frozen=True)
class SubjectLink:
    """Words of a task and the words of the documents that govern it (data/subject_links.json),
    as written; the suggester folds them as it folds a query."""

    when: tuple[str, ...]
    means: tuple[str, ...]
    # The types of the documents whose titles holding a 'means' phrase govern the task;
    # empty: any. "ngân sách nhà nước" is in hundreds of circulars' titles on budget
    # procedure, yet a resolution setting a spending level rests on the law alone.
    governs: tuple[str, ...] = ()
    # Phrases holding a 'when' phrase that mean something else ("mức chi trả": a payment
    # level, not a spending level of the budget): where one stands, the link does not fire.
    unless: tuple[str, ...] = ()
    # The 'means' phrases are laws' names ("giáo dục": Luật Giáo dục): the law the task
    # falls under is the one whose title is the phrase; "Giáo dục đại học", which holds it,
    # is another field's law.
    named: bool = False


@lru_cache(maxsize=1)
def subject_links() -> tuple[SubjectLink, ...]:
    try:
        table = load_table("subject_links.json")["links"]
    except FileNotFoundError:
        return ()
    return tuple(SubjectLink(tuple(e["when"]), tuple(e["means"]), tuple(e.get("governs", ())), tuple(e.get("unless", ())),
                             bool(e.get("named", False)))
                 for e in table)


@lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Syllables that name no subject alone (data/subject_links.json), in lower case with
    their accents: folded, "có" (has) would be "cơ" (of "cơ chế")."""
    try:
        return frozenset(w.lower() for w in load_table("subject_links.json")["function_words"]["words"])
    except (FileNotFoundError, KeyError):
        return frozenset()


@lru_cache(maxsize=1)
def title_boilerplate() -> tuple[frozenset[str], frozenset[str]]:
    """Word pairs of legal titles that name the act, not its subject (folded, joined by "_"
    as graph/suggest.py's terms are), and syllables that say nothing alone (in lower case
    with their accents, like `function_words`: folded, "một" would be "mốt") from
    data/subject_links.json 'title_boilerplate'."""
    try:
        table = load_table("subject_links.json")["title_boilerplate"]
    except (FileNotFoundError, KeyError):
        return frozenset(), frozenset()
    return (frozenset("_".join(fold(p).lower().split()) for p in table["pairs"]),
            frozenset(w.lower() for w in table.get("syllables", ())))


@lru_cache(maxsize=1)
def generic_pairs() -> frozenset[str]:
    """Word pairs that say what is done or how, not what about (folded, joined by "_" as
    graph/suggest.py's terms are), from data/subject_links.json 'generic_pairs'."""
    try:
        table = load_table("subject_links.json")["generic_pairs"]
    except (FileNotFoundError, KeyError):
        return frozenset()
    return frozenset("_".join(fold(p).lower().split()) for p in table["pairs"])


@dataclass(frozen=True)
class StructuralBasis:
    """A law a document cites because of who issues it (data/structural_bases.json)."""

    issuers: tuple[str, ...]
    types: tuple[str, ...]  # empty: every type of these issuers
    law: str
    valid_from: str | None
    valid_until: str | None
    share: float
    # The law sets up the issuing body (Luật Tổ chức Chính phủ), so it is no basis of another
    # issuer's subject; the Hiến pháp and Luật Ban hành văn bản quy phạm pháp luật bind all.
    sets_up: bool = True
    # Words one of which the task must hold, folded ("ban hành quy định": a UBND's decision
    # issuing rules is normative and rests on Luật Ban hành văn bản quy phạm pháp luật, its
    # decisions on one case do not); empty: any task.
    when: tuple[str, ...] = ()

    def applies(self, issuer: str, doc_type: str | None, on: str, task: str = "") -> bool:
        """`on` is an ISO date: the draft's date; `task` the draft's text."""
        if issuer not in self.issuers:
            return False
        if self.when:
            said = f" {' '.join(fold(task).lower().split())} "  # once, not once per word
            if not any(f" {fold(w).lower()} " in said for w in self.when):
                return False
        if self.types and doc_type and doc_type not in self.types:
            return False
        return (self.valid_from is None or on >= self.valid_from) and (self.valid_until is None or on <= self.valid_until)


@dataclass(frozen=True)
class StructuralBases:
    """data/structural_bases.json: the issuers' own laws, and the words of a title that
    sets out an agency's functions."""

    laws: tuple[StructuralBasis, ...]
    charter_core: str = ""  # in every charter's title: "nhiệm vụ, quyền hạn"


@lru_cache(maxsize=1)
def structural_bases() -> StructuralBases:
    try:
        table = load_table("structural_bases.json")
    except FileNotFoundError:
        return StructuralBases(())
    laws = tuple(StructuralBasis(tuple(e["issuers"]), tuple(e.get("types", ())), e["law"], e.get("from"),
                                 e.get("until"), float(e.get("share", 1.0)), bool(e.get("sets_up", True)),
                                 tuple(e.get("when", ())))
                 for e in table["laws"])
    return StructuralBases(laws, table.get("charter_core", ""))


# --- legal force ----------------------------------------------------------------------

@dataclass(frozen=True)
class ForceLevel:
    rank: int
    types: frozenset[str]
    issuers: frozenset[str]  # codes or issuer levels; empty: any issuer


@lru_cache(maxsize=1)
def force_levels() -> tuple[ForceLevel, ...]:
    """data/legal_force.json, in the order its levels are tried."""
    try:
        table = load_table("legal_force.json")
    except FileNotFoundError:
        return ()
    return tuple(ForceLevel(int(e["rank"]), frozenset(e["types"]), frozenset(e.get("issuers", ())))
                 for e in table["levels"])


def legal_force(doc_type: str | None, issuer_code: str | None) -> int | None:
    """The rank of legal force of a document of this type and issuer (1 = Hiến pháp);
    None when the table gives none (Party documents, letters, unknown types): such a
    document is never judged higher or lower than another."""
    if not doc_type:
        return None
    found = issuer(issuer_code) if issuer_code else None
    if found is not None and found.party:
        return None
    keys = {issuer_base(issuer_code)} if issuer_code else set()
    if found is not None:
        keys |= {found.code, found.level}
    elif issuer_code and is_local_issuer(issuer_code):
        keys.add("department")
    for level in force_levels():
        if doc_type in level.types and (not level.issuers or level.issuers & keys):
            return level.rank
    return None
