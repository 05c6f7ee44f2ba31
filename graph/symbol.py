"""The grammar of Vietnamese document numbers and symbols ("số, ký hiệu").

`parse_symbol` turns whatever real text wrote ("61/2018/ND-CP", "273/BTTTT -CBĐTW",
"61/KH-\\nUBND", "749/QĐ-Ttg", "52-NQ/TW") into a `Symbol`; `Symbol.canonical()` writes it
back the way Nghị định 30/2020/NĐ-CP prescribes. Classes follow domain.md §1.

The parser is a handful of anchored regular expressions without nested quantifiers, run on
a string whose length is capped, so it is linear in its input and never raises: anything
it cannot read gives `None` (callers report "unparseable").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from cancu.graph import vocab

# A symbol is short; text longer than this cannot be one. The cap bounds the work done on
# adversarial input (a 1 MB run of digits and slashes is rejected after one length check).
MAX_SYMBOL_LEN = 120


class SymbolClass(StrEnum):
    NORMATIVE = "normative"  # N/YYYY/TYPE-ISSUER, N/YYYY/QH14
    ADMINISTRATIVE = "administrative"  # N/TYPE-ISSUER (numbers restart every year)
    OFFICIAL_LETTER = "official_letter"  # N/ISSUER-UNIT (công văn: no type code)
    PARTY = "party"  # N-TYPE/ISSUER
    CONSOLIDATED = "consolidated"  # N/VBHN-ISSUER
    IRREGULAR = "irregular"  # old or malformed forms that still carry a number


@dataclass(frozen=True)
class Symbol:
    """A parsed số ký hiệu. Codes are in their official case (QĐ, TTg, QyĐ, CTr)."""

    number: int
    suffix: str = ""  # letter suffix: "c" in 30c/NQ-CP
    year: int | None = None  # only normative symbols carry it
    type_code: str | None = None  # NĐ, QĐ, KH, ... ; None for công văn and QH laws
    issuers: tuple[str, ...] = ()  # CP, TTg, UBND, BTC-BNNPTNT -> ("BTC", "BNNPTNT")
    unit: str | None = None  # issuing unit of a công văn: CNTT in 833/STTTT-CNTT
    klass: SymbolClass = SymbolClass.IRREGULAR
    # Written N-TYPE/ISSUER: Party documents (52-NQ/TW) and pre-2000 state ones (24-L/CTN).
    hyphen_form: bool = False
    notes: tuple[str, ...] = field(default=(), compare=False)  # what was repaired

    @property
    def issuer(self) -> str:
        return "-".join(self.issuers)

    @property
    def number_text(self) -> str:
        # NĐ 30/2020: numbers below 10 are written with a leading zero.
        return f"{self.number:02d}{self.suffix}"

    def canonical(self) -> str:
        num = self.number_text
        if self.hyphen_form:
            if not self.type_code:
                return f"{num}-{self.issuer}"
            return f"{num}-{self.type_code}/{self.issuer}"
        parts: list[str] = []
        if self.type_code:
            parts.append(self.type_code)
        parts.extend(self.issuers)
        if self.unit:
            parts.append(self.unit)
        tail = "-".join(parts)
        if self.year is not None:
            return f"{num}/{self.year}/{tail}"
        return f"{num}/{tail}"

    def __str__(self) -> str:
        return self.canonical()

    @property
    def needs_issuer_year(self) -> bool:
        """Administrative numbering restarts each year: the symbol alone is not an identity."""
        return self.year is None


# --- cleaning -------------------------------------------------------------------------

# An underscore too: "50/2022/NĐ_CP" in the national database (typed for the hyphen; no
# symbol holds one).
_DASHES = re.compile(r"[\u2010\u2011\u2012\u2013\u2014\u2212_]")
_SPACE = re.compile(r"\s+")
_TRAIL = re.compile(r"[.,;:)\]]+$")
_LEAD = re.compile(r"^(?:số|so|Số|SỐ|So|No\.?)\s*[:.]?\s*", re.IGNORECASE)


def clean(text: str) -> str:
    """Remove what PDF extraction and typing put inside a symbol: spaces, line breaks,
    odd dashes, a trailing full stop, and the Icelandic eth typed for Đ ("NÐ-CP" in the
    national database)."""
    s = _DASHES.sub("-", text.translate(ETH))
    s = _LEAD.sub("", s.strip())
    s = _SPACE.sub("", s)
    s = _TRAIL.sub("", s)
    return s


ETH = str.maketrans("Ðð", "Đđ")  # the Icelandic eth typed for Đ, in symbols and titles


# --- grammar --------------------------------------------------------------------------

# Codes are Latin capitals plus Đ; Party texts sometimes write TƯ for TW.
_L = "A-Za-zĐđƯư"
_TOKEN = rf"[{_L}][{_L}0-9&]*"
_NUM = r"(?P<num>\d{1,6})(?P<suf>[a-zA-Z]?)"
_NORMATIVE = re.compile(rf"^{_NUM}/(?P<year>\d{{4}})/(?P<tail>{_TOKEN}(?:[-/]{_TOKEN})*)-?$")
# Later groups of an old hyphen-form symbol may be numeric: 102-SL/L-004 (1957).
_PARTY = re.compile(rf"^{_NUM}-(?P<type>[{_L}]+)/(?P<tail>{_TOKEN}(?:-[{_L}0-9]+)*)$")
# Decrees before 1995 were numbered "73-CP", "619-TTg": number, hyphen, issuer.
_OLD_DASH = re.compile(rf"^{_NUM}-(?P<iss>[A-Za-zĐđ]+)$")
_ADMIN = re.compile(rf"^{_NUM}/(?P<tail>{_TOKEN}(?:[-/]{_TOKEN})*)-?$")
# QH laws and resolutions: 80/2015/QH13; Standing Committee: 01/2012/UBTVQH13.
_LEGISLATURE = re.compile(r"^(?:QH|UBTVQH)\d{1,2}$", re.IGNORECASE)


def _split_tail(tail: str) -> list[str]:
    return [p for p in re.split(r"[-/]", tail) if p]


def _fix_glued_type(groups: list[str], notes: list[str]) -> list[str]:
    """PDF extraction drops the hyphen: 'NĐCP', 'TTVPCP'. Split a known type code off the
    front when the rest is a known issuer."""
    if len(groups) != 1:
        return groups
    g = groups[0]
    for code in vocab.type_codes_longest_first():
        if len(g) > len(code) and vocab.fold_code(g[: len(code)]) == vocab.fold_code(code):
            rest = g[len(code):]
            if vocab.lookup_issuer_code(rest) is not None:
                notes.append("missing hyphen")
                return [g[: len(code)], rest]
    return groups


PARTY_IN_STATE_FORM = "party symbol written N/TYPE-ISSUER"  # notes lint reports
NUMBER_AND_YEAR_ONLY = "number and year only"  # "Nghị định 61/2018": the extractor built the rest
# A state document of before 2001 in the Party's shape: the code before the slash may be its
# type ("09-TT/LB", a Thông tư liên bộ) or its issuer ("70-TC/TCT", of Bộ Tài chính).
OLD_HYPHEN_SLASH = "old hyphen-slash form"


def parse_symbol(text: str) -> Symbol | None:
    """Parse a số ký hiệu written any way real text writes it; `None` if it is not one."""
    if not text or len(text) > MAX_SYMBOL_LEN * 2:
        return None
    s = clean(text)
    if not s or len(s) > MAX_SYMBOL_LEN or not s[0].isdigit():
        return None
    notes: list[str] = []
    if s != text.strip():
        notes.append("cleaned")

    m = _PARTY.match(s)
    if m:
        return _party(m, notes)
    m = _NORMATIVE.match(s)
    if m:
        return _normative(m, notes)
    m = _ADMIN.match(s)
    if m:
        return _administrative(m, notes)
    m = _OLD_DASH.match(s)
    if m and vocab.lookup_issuer_code(m.group("iss")) is not None:
        number, suffix = _number(m)
        issuer = vocab.canonical_issuer_code(m.group("iss"))
        return Symbol(number, suffix, None, None, (issuer,), None, SymbolClass.IRREGULAR, True,
                      notes=tuple(notes + ["old number-issuer form"]))
    return None


def _number(m: re.Match[str]) -> tuple[int, str]:
    return int(m.group("num")), m.group("suf").lower()


def _party(m: re.Match[str], notes: list[str]) -> Symbol:
    number, suffix = _number(m)
    type_code = vocab.canonical_type_code(m.group("type")) or m.group("type").upper()
    issuers = tuple(vocab.canonical_issuer_code(p) for p in _split_tail(m.group("tail")))
    party = bool(issuers) and vocab.is_party_issuer(issuers[0])
    if party:
        return Symbol(number, suffix, None, type_code, issuers, None, SymbolClass.PARTY, True, tuple(notes))
    # Old state documents used the same shape: 24-L/CTN, 89-TC/TCT.
    notes.append(OLD_HYPHEN_SLASH)
    return Symbol(number, suffix, None, type_code, issuers, None, SymbolClass.IRREGULAR, True, tuple(notes))


def _normative(m: re.Match[str], notes: list[str]) -> Symbol | None:
    number, suffix = _number(m)
    year = int(m.group("year"))
    if not 1945 <= year <= 2100:
        return None
    tail = m.group("tail")
    if "/" in tail:
        notes.append("slash inside ký hiệu")
    if m.group(0).endswith("-"):
        notes.append("truncated issuer")
    groups = _fix_glued_type(_split_tail(tail), notes)
    if len(groups) == 1 and _LEGISLATURE.match(groups[0]):
        code = groups[0].upper()
        return Symbol(number, suffix, year, None, (code,), None, SymbolClass.NORMATIVE, False, tuple(notes))
    type_code = vocab.canonical_type_code(groups[0])
    if type_code is None:
        return Symbol(number, suffix, year, None, _issuers(groups), None, SymbolClass.IRREGULAR,
                      False, notes=tuple(notes + ["no type code"]))
    issuers = _issuers(groups[1:])
    klass = SymbolClass.NORMATIVE
    if type_code == "VBHN":
        klass = SymbolClass.CONSOLIDATED
    elif "normative" not in vocab.type_classes(type_code):
        klass = SymbolClass.ADMINISTRATIVE
    if not issuers:
        klass = SymbolClass.IRREGULAR
        if "truncated issuer" not in notes:
            notes.append("no issuer")
    return Symbol(number, suffix, year, type_code, issuers, None, klass, notes=tuple(notes))


def _administrative(m: re.Match[str], notes: list[str]) -> Symbol | None:
    number, suffix = _number(m)
    tail = m.group("tail")
    if m.group(0).endswith("-"):
        notes.append("truncated issuer")
    groups = _fix_glued_type(_split_tail(tail), notes)
    if not groups:
        return None
    type_code = vocab.canonical_type_code(groups[0])
    if type_code is not None and len(groups) >= 2:
        issuers = _issuers(groups[1:])
        if vocab.is_party_issuer(issuers[0]):
            # "52/NQ-TW": a Party document written in the state's shape. No state body has
            # a Party code, so it is 52-NQ/TW, whatever the slash and hyphen say.
            notes.append(PARTY_IN_STATE_FORM)
            return Symbol(number, suffix, None, type_code, issuers, None, SymbolClass.PARTY, True, tuple(notes))
        klass = SymbolClass.CONSOLIDATED if type_code == "VBHN" else SymbolClass.ADMINISTRATIVE
        return Symbol(number, suffix, None, type_code, issuers, None, klass, notes=tuple(notes))
    if type_code is not None and len(groups) == 1 and vocab.lookup_issuer_code(groups[0]) is None:
        notes.append("no issuer")
        return Symbol(number, suffix, None, type_code, (), None, SymbolClass.IRREGULAR, False, tuple(notes))
    # Công văn: the first group is the issuer, the rest its unit (833/STTTT-CNTT).
    issuer = vocab.canonical_issuer_code(groups[0])
    unit = "-".join(_unit(g) for g in groups[1:]) or None
    return Symbol(number, suffix, None, None, (issuer,), unit, SymbolClass.OFFICIAL_LETTER, False, tuple(notes))


def _issuers(groups: list[str]) -> tuple[str, ...]:
    return tuple(vocab.canonical_issuer_code(g) for g in groups)


def _unit(code: str) -> str:
    known = vocab.lookup_issuer_code(code)
    return known if known is not None else code.upper()


def canonical(text: str) -> str | None:
    """The canonical form of a written symbol, or None if it does not parse."""
    sym = parse_symbol(text)
    return sym.canonical() if sym else None
