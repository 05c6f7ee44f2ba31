"""Find every citation of another document in a text.

A Vietnamese citation is written (domain.md §5)

    [pinpoint] <Type> [số] <symbol> [ngày <date>] [của <issuer>] [<subject>]
    Điều 25,   Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ về ...

and every part but the symbol may be missing: "Quyết định 749/QĐ-TTg" (short form),
"số 2276/UBND-KSTTHC" (a list that shares its type word), "01/2018/TT-VPCP" (bare),
"Nghị định 45/2020" (number and year, the type implies the rest). Laws and a few other
documents are cited by name: "Luật Công nghệ thông tin", "Khung Kiến trúc Chính phủ điện tử
Việt Nam, phiên bản 2.0".

How it works, and why it is fast: one linear regex pass finds *symbols* (they always start
with a digit and carry a "/"), a second finds *name heads* ("Luật", "Bộ luật", ...). Around
each hit short anchored matches read backwards (type word, "số", pinpoint) and forwards
(date, issuer, subject) over a bounded window. Every repetition is bounded, nothing is
nested, so a 1 MB adversarial input costs about what 1 MB of prose does.

All vocabulary (type words, issuers, subject markers, name heads, stop words) comes from
`data/*.json`; this module holds grammar only. Offsets here are into the normalized text
(`ingest.normalize`); `ingest.extract` maps them back.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache
from operator import attrgetter
from typing import Any

from cancu.graph import places as _places
from cancu.graph import vocab
from cancu.graph.citation import forms as citation_forms
from cancu.graph.citation import is_amending_name
from cancu.graph.dates import ParsedDate, parse_date
from cancu.graph.symbol import NUMBER_AND_YEAR_ONLY, Symbol, SymbolClass, parse_symbol
from cancu.graph.text import match_key
from cancu.ingest.normalize import Normalized, phrase_pattern, tone_forms, trie_pattern, words_pattern

# How far a citation's parts may reach from its symbol. These bounds are what keeps the
# finder linear: no look-around ever scans more than this.
BACK_WINDOW = 90  # type word + "số" + pinpoint before a symbol
SUBJECT_MAX = 600  # a trích yếu longer than this is cut (real ones are < 400)
NAME_MAX_WORDS = 16
# A name that runs to its own "số"/"ngày" in a căn cứ item may be longer: "Luật Quản lý, sử
# dụng vốn nhà nước đầu tư vào sản xuất, kinh doanh tại doanh nghiệp" has 17 words after
# "Luật"; the anchor it must reach keeps the longer run safe.
NUMBERED_NAME_MAX_WORDS = 24


# --- vocabulary -----------------------------------------------------------------------------

@lru_cache(maxsize=65536)
def key(text: str) -> str:
    """`match_key`, cached: the same few thousand words and names recur in every text."""
    return match_key(text)


@lru_cache(maxsize=65536)
def cached_symbol(text: str) -> Symbol | None:
    """`parse_symbol`, cached (Symbol is frozen, so sharing is safe)."""
    return parse_symbol(text)


@lru_cache(maxsize=65536)
def cached_date(text: str) -> ParsedDate | None:
    """`parse_date`, cached (ParsedDate is frozen): a text repeats its dates."""
    return parse_date(text)


@lru_cache(maxsize=1)
def words() -> dict[str, Any]:
    """The extractor's own vocabulary table (`data/cite_words.json`)."""
    return vocab.cite_words()


def word_list(key: str, sub: str = "words") -> tuple[str, ...]:
    return tuple(words()[key][sub])


@dataclass(frozen=True)
class _TypeIndex:
    by_key: dict[str, vocab.DocType]
    max_words: int


@lru_cache(maxsize=1)
def _type_index() -> _TypeIndex:
    """Type words ("Nghị định", "NĐ", "văn bản") by match key; longest spans first."""
    index: dict[str, vocab.DocType] = {}
    longest = 1
    for t in vocab.doc_types():
        for word in (t.name, *t.variants):
            if "(" in word:
                continue
            key = match_key(word)
            index.setdefault(key, t)
            longest = max(longest, len(key.split()))
    return _TypeIndex(index, longest)


@lru_cache(maxsize=1)
def _type_last_words() -> frozenset[str]:
    """Last words of every type word ("định" of "Nghị định"): a cheap first test."""
    return frozenset(k.split()[-1] for k in _type_index().by_key)


@lru_cache(maxsize=4096)
def issuer_by_name(name: str) -> vocab.Issuer | None:
    """`vocab.issuer_by_name`, cached."""
    return vocab.issuer_by_name(name)


@lru_cache(maxsize=256)
def doc_type_by_name(name: str) -> vocab.DocType | None:
    return vocab.doc_type_by_name(name)


@lru_cache(maxsize=1)
def _place_keys() -> tuple[str, ...]:
    return tuple(" " + match_key(w) for w in word_list("place_words"))


@lru_cache(maxsize=4096)
def _type_for_words(text: str) -> vocab.DocType | None:
    return _type_index().by_key.get(match_key(text))


@lru_cache(maxsize=8)
def lower_words(key: str) -> frozenset[str]:
    """The words of data/cite_words.json `key`, as `key` folds them for matching."""
    return lower_words_of(key, "words")


@lru_cache(maxsize=32)
def lower_words_of(key: str, sub: str) -> frozenset[str]:
    """The list `sub` of data/cite_words.json `key`, folded as `lower_words` folds."""
    return frozenset(match_key(w) for w in word_list(key, sub))


@lru_cache(maxsize=4096)
def type_for_code(sym: Symbol) -> str | None:
    """The type a symbol's code names (QĐ -> Quyết định); Công văn for official letters."""
    if sym.klass is SymbolClass.OFFICIAL_LETTER:
        return "Công văn"
    if sym.type_code:
        found = vocab.types_for_code(sym.type_code)
        if found:
            if sym.klass is SymbolClass.PARTY and sym.type_code == "QĐi":
                return "Quy định"
            return found[0].name
    return None


def implied_issuer(doc_type: str | None) -> str | None:
    if not doc_type:
        return None
    return words()["implied_issuers"]["types"].get(doc_type)


# --- regular expressions --------------------------------------------------------------------

_UP = "A-ZĐ"
# One group of a ký hiệu: starts upper case, then letters/digits; not followed by a letter
# (so "61/Kế" is no symbol). Bounded length.
_TOK = rf"[{_UP}][A-Za-zĐđ0-9&]{{0,24}}(?![^\W_])"
# Groups are separated by "-" or "/"; PDF text puts spaces around a hyphen at a line break
# ("61/KH- UBND", "273/BTTTT -CBĐTW"). Spaced continuations are checked in Python.
_SEP = r"(?: ?- ?|/)"
_NUM = r"\d{1,6}[a-zA-Z]?"
# PDF text breaks lines next to the "/" between a symbol's number, year and code too
# ("Nghị định số 47/2020/\nNĐ-CP", "749/\nQĐ-TTg", "số 61 /2018/NĐ-CP"), which the
# normalized text makes one space. `_SYMBOL` allows one space on either side of those
# slashes (`_SPACED_SLASH`); `_spaced_slashes_ok` then keeps a spaced slash only before a
# year or a code, so dates ("ngày 29/ 6/2024"), "và/ hoặc" and "Điều 5/ khoản" never glue.
# `_TIGHT_SYMBOL` is the same grammar without the spaces: what a rejected match falls back to.
_SPACED_SLASH = r" ?/ ?"


def _symbol_src(slash: str) -> str:
    """The symbol grammar, with `slash` as the separator after the number and the year."""
    # The pattern starts with a digit class so the regex engine can skip ahead fast; what
    # may stand before the number (not a letter, "/", "." or "-") is checked in Python.
    return (
        rf"\d(?<![\w/.\-]\d)\d{{0,5}}(?:(?P<sym>[a-zA-Z]?(?:"
        rf"{slash}(?:19|20)\d\d{slash}{_TOK}(?:{_SEP}{_TOK}){{0,6}}"  # normative: 61/2018/NĐ-CP
        rf"|{slash}{_TOK}(?:{_SEP}{_TOK}){{0,6}}"  # administrative / công văn: 749/QĐ-TTg
        rf"| ?- ?{_TOK}{slash}{_TOK}(?:-{_TOK}){{0,4}}"  # Party: 52-NQ/TW
        r")-?)"
        # number and year only ("Nghị định 45/2020"): a citation only after a type word
        r"|(?P<ny>/(?:19|20)\d\d)(?![\w/\-]))"
    )


_SYMBOL_SRC = _symbol_src(_SPACED_SLASH)
_NOT_BEFORE = frozenset("/.-")
_SYMBOL = re.compile(_SYMBOL_SRC)
_TIGHT_SYMBOL = re.compile(_symbol_src("/"))
# A spaced slash in a match, and the group after it (up to the next separator or space).
_SPACED_SLASH_AT = re.compile(r"(?: /|/ ) ?([^\s/\-]*)")
# A code broken by a line ("47/2020/N\nĐ-CP"): the fragment after the space, and the
# groups that follow it.
_CODE_BREAK = re.compile(rf" ({_TOK})((?:{_SEP}{_TOK}){{0,6}}-?)")
_LAST_GROUP = re.compile(r"[^\s/\-]+$")
_CODE_PAIR_AFTER = re.compile(r"/ ?([^\s/\-]+)-")  # "12/ QĐ-UBND": a type code, then the issuer's


def _typed_code_after(raw: str) -> bool:
    """A type code and an issuer code after the slash ("13/ QĐ-UBND" in a list after "và"):
    a symbol, unlike a bare code ("5/ CP", "2019/ UBND")."""
    m = _CODE_PAIR_AFTER.search(raw)
    return m is not None and vocab.canonical_type_code(m.group(1)) is not None


_WITH_YEAR = re.compile(r"\d+[a-zA-Z]? ?/ ?(?:19|20)\d\d ?/")  # number/year/...: "47/2020/ NĐ-CP"
# Every symbol has a "/" at most 35 characters after its first digit (six digits, a letter,
# " - " and a 25-character group in "52-NQ/TW"); with a margin:
_SLASH_REACH = 40
_SYMBOL_START = re.compile(r"\d(?<![\w/.\-]\d)")  # where `_SYMBOL` can start
_SPACED_JOIN = re.compile(r"( ?- | -)([^\s/\-]+)")

_SO_BEFORE = re.compile(r"(?:^|(?<=[\s(\[\"“,;:]))(?:số|Số|SỐ)(?: ?[:.])? ?$")
_DATE_NUM = r"\d{1,2} ?[/.\-] ?\d{1,2} ?[/.\-] ?\d{1,6}(?!\d)"
_DATE_WORDS = r"(?:\d{1,2} )?tháng \d{1,2} năm \d{1,6}(?!\d)"
# The date may stand in brackets: "Quyết định số 274/QĐ-TTg (ngày 12/3/2019) của ...".
# Written in words with its day, month and year it is a date without "ngày" too: "Luật sửa
# đổi, bổ sung một số điều của Luật Quản lý thuế 20 tháng 11 năm 2012" (Nghị định
# 45/2016/NĐ-CP's căn cứ).
_DATE_AFTER = re.compile(
    rf" ?,? (?P<paren>\( ?)?(?:(?:được )?(?:ban hành |ký )?(?:ngày|Ngày|NGÀY) ?"
    rf"|(?=\d{{1,2}} tháng \d{{1,2}} năm (?:19|20)\d\d(?!\d)))(?P<date>{_DATE_NUM}|{_DATE_WORDS})"
    r"(?(paren)(?: ?\))?)"  # "(ngày 12/3/2019 của Thủ tướng Chính phủ)": the issuer may be inside
)
_YEAR_AFTER = re.compile(r" (?:năm )?(?P<year>(?:19|20)\d\d)(?![\w/\-])")


# "Nghị quyết số 02/NQ-CP năm 2019": drafters date a yearless symbol by its year alone.
_SYMBOL_YEAR_AFTER = re.compile(r" ?,? (?:ban hành )?(?:năm|Năm|NĂM) (?P<year>(?:19|20)\d\d)(?![\w/\-])")
_TRAILING = " ,;:.-–)("


@lru_cache(maxsize=1)
def issuer_regex() -> re.Pattern[str]:
    """'của <issuer>' with the signer's title and a parent body ("Ban Cán sự Đảng UBND
    tỉnh", "Bộ trưởng Bộ Thông tin và Truyền thông")."""
    names = [name for name, _ in vocab.issuer_variants_longest_first()]
    variants = words_pattern(names)
    titles = words_pattern(list(word_list("issuer_titles")))
    return re.compile(
        rf" ?,? (?:của|do) (?:{titles} )?(?P<iss>{variants})(?: (?P<iss2>{variants}))?"
    )


@lru_cache(maxsize=1)
def _issuer_regex_any_case() -> re.Pattern[str]:
    return re.compile(issuer_regex().pattern, re.IGNORECASE)


def _typed_as_heading(name: str) -> bool:
    """A name in capitals or with every word capitalised ("CHÍNH PHỦ", "Bộ Thông Tin và
    Truyền Thông"): an issuer a drafter typed as a heading. A name in lower case ("của
    chính phủ điện tử") is a subject's words, not an issuer. Function words ("và") keep
    their lower case (data/subject_links.json function_words)."""
    words = [w for w in name.split() if any(ch.isalpha() for ch in w)]  # "BỘ LAO ĐỘNG - THƯƠNG BINH ..."
    return bool(words) and all(w[0].isupper() or w in vocab.function_words() for w in words)


def issuer_at(text: str, p: int) -> re.Match[str] | None:
    """'của <issuer>' at `p`: the issuer as data/issuers.json writes it, or in capitals or
    capitalised word by word, which a drafter often types."""
    iss = issuer_regex().match(text, p)
    if iss is not None:  # the common case; the second scan cost 15 % on dense citations
        return iss
    other = _issuer_regex_any_case().match(text, p)
    if other is None:
        return None
    return other if _named_as_heading(other) else None


def _named_as_heading(m: re.Match[str]) -> bool:
    return all(_typed_as_heading(n) for n in (m.group("iss"), m.group("iss2")) if n)


def issuer_in(text: str) -> re.Match[str] | None:
    """The first 'của <issuer>' in `text`, read as `issuer_at` reads one."""
    found = issuer_regex().search(text)
    if found is not None:
        return found
    return next((m for m in _issuer_regex_any_case().finditer(text) if _named_as_heading(m)), None)


@lru_cache(maxsize=1)
def _subject_marker() -> re.Pattern[str]:
    return re.compile(rf" ?,? (?P<m>{words_pattern(list(word_list('subject_markers')))})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _located_cue() -> re.Pattern[str]:
    """A cue of an acting relation followed by a 'located_cues' word ('sửa đổi, bổ sung
    tại'): says where another document's act is written."""
    cues = [c for info in vocab.relations().values() if info.acts_on for c in info.cues]
    return re.compile(rf"{words_pattern(cues)} {words_pattern(list(word_list('located_cues')))}", re.IGNORECASE)


@lru_cache(maxsize=1)
def _place_word() -> re.Pattern[str]:
    return re.compile(rf" (?:{words_pattern(list(word_list('place_words')))}) ", re.IGNORECASE)


_SUBJECT_END = re.compile(r"[;()]|\.(?= |$)|…")


@lru_cache(maxsize=4)
def _comma_cue(table: str) -> re.Pattern[str]:
    """The words of a data/cite_words.json list, maybe after a comma, in any case:
    'subject_ends' (where the citing text's note on a document begins: ", có hiệu lực kể
    từ ...", "đã được sửa đổi, bổ sung bởi ..."), 'local_tails' ("của tỉnh ...")."""
    return re.compile(rf",? (?:{words_pattern(list(word_list(table)))})", re.IGNORECASE)


@lru_cache(maxsize=1)
def _openers() -> tuple[str, ...]:
    """Capitalised preamble openers and the signer's titles in capitals, each as " X "."""
    return tuple(f" {w} " for key in ("openers", "authority_lines") for w in word_list("subject_ends", key))


_CLAUSE_WORD = r"[^\s,;:.()“”\"]{1,30}"  # one word of an issuing body's name or clause


@lru_cache(maxsize=1)
def _body_pattern() -> str:
    """An issuing body as a text names it (data/issuers.json variants, case as written, maybe
    after a signer's title) or opening with a 'subject_ends' 'body_heads' word."""
    bodies = [name for name, _ in vocab.issuer_variants_longest_first()]
    bodies += word_list("subject_ends", "body_heads")
    titles = words_pattern(list(word_list("issuer_titles")))
    return rf"(?:{titles} )?{words_pattern(bodies)}"


@lru_cache(maxsize=1)
def _issuing_clause() -> re.Pattern[str]:
    """', <issuing body> [a few words] ban hành|xây dựng|triển khai <type word>': the
    clause that closes a preamble ('..., Ủy ban nhân dân tỉnh Bình Định ban hành Kế hoạch
    ...') names the citing document's issuer, so the cited document's subject ends before
    it. The words between body and verb are bounded, so the match reads a bounded window."""
    verbs = words_pattern(word_list("subject_ends", "issuing_verbs"))
    types = words_pattern([w for t in vocab.doc_types() for w in (t.name, *t.variants)
                           if "(" not in w and not w.isupper()])
    gap = int(words()["subject_ends"]["clause_words"])
    return re.compile(rf", (?P<body>{_body_pattern()})(?: {_CLAUSE_WORD}){{0,{gap}}}? (?i:{verbs}) (?i:{types})")


@lru_cache(maxsize=1)
def _body_regex() -> re.Pattern[str]:
    return re.compile(_body_pattern())


def _issuing_clause_at(text: str, start: int, end: int) -> int | None:
    """Where a preamble's closing clause begins inside the subject `start..end`. When the
    subject's words before that comma name a body themselves ("giao Bộ Tài chính, Bộ Kế
    hoạch và Đầu tư xây dựng kế hoạch ..."), the comma lists whom a task goes to and the
    subject goes on; a body the subject names as an owner ("... của Bộ Công an, UBND
    tỉnh ban hành Kế hoạch") lists nothing."""
    for m in _issuing_clause().finditer(text, start, end):
        if not text[m.start("body")].isupper():
            continue
        phrase_start = max(start, *(text.rfind(p, start, m.start()) + 1 for p in ",;:"))
        listed = any(not text[max(start, b.start() - 4):b.start()].endswith("của ")
                     for b in _body_regex().finditer(text, phrase_start, m.start()))
        if not listed:
            return m.start()
    return None


_CAPS_WORD = re.compile(r"[^\W\d_]{2,}")


def _preamble_boundary(text: str, start: int, end: int) -> int:
    """Where the next item of a preamble begins inside `start..end` (data/cite_words.json
    'subject_ends' openers, capitalised, and the signer's titles in capitals), or a run
    of three words in capitals after a subject begun in sentence case (the signing
    authority's line under a title)."""
    for opener in _openers():
        at = text.find(opener, start, end)
        if at >= 0:
            end = at
    words = list(_CAPS_WORD.finditer(text, start, end))
    if words and not words[0].group(0).isupper():
        # Acronyms in plain ASCII ("TCVN ISO", "BOT BTO") neither make nor break a run:
        # the authority's line is Vietnamese words in capitals ("CHỦ TỊCH ỦY BAN").
        run, first = 0, 0
        for w in words:
            word = w.group(0)
            if word.isupper() and word.isascii():
                continue
            if word.isupper():
                run += 1
                first = w.start() if run == 1 else first
                if run == 3:
                    return first
            else:
                run = 0
    return end


_WORD = re.compile(r"[^\W\d_][\w]*")

_PIN_SRC = None


@lru_cache(maxsize=1)
def _pinpoint_regex() -> re.Pattern[str]:
    """A pinpoint ending right before a type word: 'Điều 25, ', 'khoản 2 Điều 5 ',
    'Điều 14, Điều 16, ', 'điểm a khoản 1 Điều 3 của ', 'khoản 1 và khoản 3 Điều 192 ',
    'khoản 1, 2 và 4 Điều 9 ' (numbers listed after one unit word)."""
    also = r"(?:, | và | hoặc | đến )"  # joins numbers of one unit word, and whole units
    letter = r"[a-zđ0-9]{1,3}\b\)?"
    num = r"\d{1,4}[a-zđ]?"
    unit = (rf"(?:(?:tiết|điểm) {letter}(?:{also}{letter})*,? "
            rf"|khoản {num}(?:{also}{num})*,? "
            rf"|(?:Điều|điều) {num}(?:{also}{num})*)")
    part = rf"(?:{unit}){{1,4}}"
    # After a unit that ends in a space ("khoản 1 "), "và"/"hoặc" opens the next one.
    return re.compile(
        rf"(?:^|(?<=[\s(\[,;:]))(?P<pin>{part}(?:(?:{also}|và |hoặc |; |,){part}){{0,8}}),? (?:của |tại )?$"
    )


def _may_pinpoint(window: str) -> bool:
    """Cheap test before the pinpoint regex (which scans its whole window)."""
    return "iều " in window or "khoản " in window or "điểm " in window or "tiết " in window


@lru_cache(maxsize=1)
def _name_heads() -> tuple[dict[str, Any], ...]:
    """The name heads of data/cite_words.json, each amending head once more for every
    other spelling of its amending word: amending words that differ only in punctuation
    ("sửa đổi, bổ sung", "sửa đổi bổ sung", "sửa đổi - bổ sung") are one word written
    differently, and real căn cứ lines drop the comma ("Luật sửa đổi bổ sung một số điều
    của Luật Quốc tịch Việt Nam ngày 24 tháng 6 năm 2014")."""
    heads = list(words()["name_heads"]["heads"])
    spellings: dict[str, list[str]] = {}
    for w in citation_forms().amending_words:
        spellings.setdefault(" ".join(_WORD.findall(match_key(w))), []).append(w)
    seen = {match_key(h["head"]) for h in heads}
    for h in list(heads):
        if h["kind"] != "amending":
            continue
        written = [w for w in citation_forms().amending_words if w in h["head"]]
        if not written:
            continue
        word = max(written, key=len)
        for other in spellings[" ".join(_WORD.findall(match_key(word)))]:
            variant = h["head"].replace(word, other)
            if match_key(variant) not in seen:
                seen.add(match_key(variant))
                heads.append({**h, "head": variant})
    return tuple(heads)


@lru_cache(maxsize=1)
def _name_head_regex() -> re.Pattern[str]:
    """Every head in both tone placements, as one trie: the longest head that matches wins,
    as with an alternation longest first, but a scan tries one branch per character
    however many spellings there are."""
    forms = {" ".join(f.split()) for h in _name_heads() for f in tone_forms(h["head"])}
    return re.compile(rf"(?P<head>{trie_pattern(forms | _amending_types())})(?= )")


@lru_cache(maxsize=1)
def _head_forms() -> frozenset[str]:
    """Every head as the table writes it, in both tone placements ("LUẬT" alone is none)."""
    return frozenset(" ".join(f.split()) for h in _name_heads() for f in tone_forms(h["head"]))


@lru_cache(maxsize=1)
def _plain_heads() -> frozenset[str]:
    """The heads other than the amending ones, in both tone placements ("Luật", "Bộ luật")."""
    return frozenset(" ".join(f.split()) for h in _name_heads() if h["kind"] != "amending"
                     for f in tone_forms(h["head"]))


@lru_cache(maxsize=1)
def _amending_types() -> frozenset[str]:
    """The type words of the amending heads ("Luật"), as written and in capitals ("LUẬT")."""
    firsts = {h["head"].split()[0] for h in _name_heads() if h["kind"] == "amending"}
    return frozenset({*firsts, *(f.upper() for f in firsts)})


@lru_cache(maxsize=1)
def _amending_tail_firsts() -> frozenset[str]:
    """The letters an amending head's tail can open with, in either case ("s", "S", ...)."""
    firsts = {" ".join(h["head"].split()).partition(" ")[2][:1] for h in _name_heads() if h["kind"] == "amending"}
    return frozenset(c for f in firsts if f for c in (f.lower(), f.upper()))


@lru_cache(maxsize=1)
def _amending_tail_regex() -> re.Pattern[str]:
    """The rest of an amending head after its type word, in any case (class L of
    docs/extract-review.md): "Luật Sửa đổi, bổ sung một số Điều của ...", "LUẬT SỬA ĐỔI, BỔ
    SUNG MỘT SỐ ĐIỀU CỦA ...". Tried only where the scan stopped at a bare type word, so the
    scan itself stays one case-sensitive trie."""
    tails: set[str] = set()
    for h in _name_heads():
        if h["kind"] == "amending":
            tail = " ".join(h["head"].split()).partition(" ")[2]
            tails.update(f.lower() for f in tone_forms(tail))
    return re.compile(rf" (?i:{trie_pattern(tails)})(?= )")


@lru_cache(maxsize=1)
def _heads_by_key() -> dict[str, dict[str, Any]]:
    return {match_key(h["head"]): h for h in _name_heads()}


@lru_cache(maxsize=8)
def _tail_regex(tail: str) -> re.Pattern[str]:
    """A head's optional tail in either tone placement ("nước Cộng hoà/hòa xã hội ...")."""
    return re.compile(" " + phrase_pattern(tail) + r"(?![^\W_])")


@lru_cache(maxsize=1)
def _known_names() -> tuple[frozenset[str], int, frozenset[str]]:
    """Known names, their longest word count, and every word-prefix of a known name (so a
    mention stops being compared as soon as no known name can continue it)."""
    names = frozenset(match_key(n) for n in words()["known_names"]["names"])
    longest = max((len(n.split()) for n in names), default=1)
    prefixes = set()
    for n in names:
        ws = n.replace(",", "").split()
        for k in range(1, len(ws) + 1):
            prefixes.add(" ".join(ws[:k]))
    return names, longest, frozenset(prefixes)


@lru_cache(maxsize=1)
def _name_stops() -> tuple[frozenset[str], frozenset[str]]:
    """Stop words of names: one-word and two-word ones, as match keys."""
    ones: set[str] = set()
    twos: set[str] = set()
    for w in word_list("name_stop_words"):
        k = match_key(w)
        (twos if " " in k else ones).add(k)
    return frozenset(ones), frozenset(twos)


@lru_cache(maxsize=1)
def _non_citation_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The words, and each after a space (for one `str.endswith`)."""
    keys = {match_key(w) for w in word_list("non_citation_words")}
    return frozenset(keys), tuple(" " + k for k in keys)


# --- mentions -------------------------------------------------------------------------------

@dataclass
class Mention:
    """One citation as found in the normalized text (offsets are normalized).

    `start`..`end` is the whole mention (pinpoint to subject); `core_end` ends the part that
    names the document (symbol/name, date, issuer); `subject` is the trích yếu's span."""

    start: int
    end: int
    anchor: int  # start of the symbol or the name
    core_end: int
    doc_type: str | None = None
    type_word: str | None = None  # the type word as written, when there is one
    symbol: Symbol | None = None
    date: ParsedDate | None = None
    date_span: tuple[int, int] | None = None
    issuer: str | None = None
    issuer_text: str | None = None
    province: str | None = None
    # The unit below the province the issuer phrase names ("của UBND huyện Sơn Tịnh" ->
    # "huyện Sơn Tịnh"), or its bare level ("của UBND huyện" -> "huyện").
    locality: str | None = None
    # The phrase names the province's own body ("của UBND tỉnh", "UBND tỉnh Quảng Ngãi"),
    # so no unit of the citing document is meant.
    province_level: bool = False
    subject: tuple[int, int] | None = None
    pinpoint: str | None = None
    name: str | None = None
    issue_year: int | None = None
    has_so: bool = False
    symbol_end: int | None = None  # end of the symbol itself (before date, issuer, subject)
    # An amending law's date read after the numbered laws it amends ("... và Luật C số
    # 32/2024/QH15 ngày 29 tháng 6 năm 2024"): the last amended law must not take it too.
    claims_date: bool = False
    # A law named in an amending law's title ("... một số điều của Luật A và Luật B ngày
    # ..."): the amending law's mention (ingest.relations makes the "amends" edge).
    amended_by: Mention | None = None
    problems: list[tuple[str, str, int, int]] = field(default_factory=list)  # kind, msg, s, e

    @property
    def value(self) -> dt.date | None:
        return self.date.value if self.date else None


_BY_POSITION = attrgetter("start", "anchor")


def find_mentions(norm: Normalized) -> list[Mention]:
    """Every citation in `norm.text`, sorted by start. Never raises on any input."""
    text = norm.text
    found: list[Mention] = []
    for m in _symbol_matches(text):
        s = m.start()
        if s and (text[s - 1].isalnum() or text[s - 1] in _NOT_BEFORE or text[s - 1] == "_"):
            continue
        mention = _symbol_mention(text, m)
        if mention is not None:
            found.append(mention)
    found.extend(_old_dash_mentions(text))
    names = _name_mentions(text)
    found = _merge_names(text, found, names)
    found.sort(key=_BY_POSITION)
    _release_claimed_dates(found)
    _date_numbered_amending_laws(text, found)
    found = _drop_overlaps(found)
    _end_subjects_before_listed(text, found)
    _leave_local_tails(text, found)
    return found


def _end_subjects_before_listed(text: str, found: list[Mention]) -> None:
    """A subject ends where the next item of a list of citations begins: in "Căn cứ Nghị
    định số 115/2020/NĐ-CP ... quy định về tuyển dụng, sử dụng và quản lý viên chức và
    Nghị định số 90/2020/NĐ-CP ... về đánh giá, xếp loại ...;" the second decree is the
    căn cứ's second item, not part of the first one's title. A citation inside a subject is
    the next item when it is the subject's first citation, written with its type word or
    "số", with no pinpoint, and only a comma or a conjunction ("và") stands before it. A
    title that cites names its first document after a verb or "của" ("... một số điều của
    Nghị định số 67/2007/NĐ-CP và Nghị định số 13/2010/NĐ-CP", "Kế hoạch thực hiện Nghị
    quyết số ..."), and the documents it lists after that one stay in it; a pinpoint after
    "và" continues the title's own list of provisions ("hướng dẫn một số quy định tại khoản
    1 và khoản 3 Điều 192 Bộ luật Tố tụng dân sự số 92/2015/QH13 về ..."). `found` is
    sorted by start."""
    for i, outer in enumerate(found):
        if outer.subject is None:
            continue
        s0, s1 = outer.subject
        j = i + 1
        while j < len(found) and found[j].start <= s0:
            j += 1  # inside the core (a law an amending title names), not the subject
        if j == len(found):
            continue
        inner = found[j]
        if not inner.start < s1 or inner.symbol is None or inner.pinpoint is not None \
                or not (inner.type_word or inner.has_so):
            continue
        joint = _list_joint().search(text, max(s0, inner.start - 12), inner.start)
        if joint is None:
            continue
        end = joint.start()
        while end > s0 and text[end - 1] in _TRAILING:
            end -= 1
        if end - s0 >= 2:
            outer.subject = (s0, end)
            outer.end = end


@lru_cache(maxsize=1)
def _list_joint() -> re.Pattern[str]:
    """What joins two items of a list of citations, right before the second: ", ", " và ",
    ", và " (conjunctions: data/cite_words.json 'amending_titles')."""
    conj = words_pattern(list(word_list("amending_titles", "conjunctions")))
    return re.compile(rf"(?:,? (?:{conj}) |, )$")


def _leave_local_tails(text: str, found: list[Mention]) -> None:
    """A central document cited inside a local document's subject ends its own subject
    before "của tỉnh ..."/"trên địa bàn ...": "Kế hoạch ... về thực hiện Nghị quyết số
    17/NQ-CP ... của Chính phủ về ... định hướng đến 2025 của tỉnh Quảng Ngãi" -- the
    province is the plan's, and the resolution's title must not take it (data/cite_words.json
    'local_tails'). `found` is sorted by start, so the mentions inside an outer subject
    follow it."""
    for i, outer in enumerate(found):
        code = _issuer_code(outer)
        if outer.subject is None or code is None or not vocab.is_local_issuer(code):
            continue
        s0, s1 = outer.subject
        for inner in found[i + 1:]:
            if inner.start >= s1:
                break
            if inner.subject is None or inner.start < s0 or not _is_central(_issuer_code(inner)):
                continue
            tail = _comma_cue("local_tails").search(text, inner.subject[0], inner.subject[1])
            if tail is None:
                continue
            if outer.province and not key(text[tail.end():inner.subject[1]]).strip().startswith(key(outer.province)):
                continue  # another place than the province's own: the national subject's
            end = tail.start()
            while end > inner.subject[0] and text[end - 1] in _TRAILING:
                end -= 1
            if end - inner.subject[0] >= 2:
                inner.subject = (inner.subject[0], end)
                inner.end = end


def _issuer_code(m: Mention) -> str | None:
    """The issuer "của ..." names, else the first one the symbol carries ("KH-UBND")."""
    if m.issuer:
        return m.issuer
    return m.symbol.issuers[0] if m.symbol is not None and m.symbol.issuers else None


def _is_central(code: str | None) -> bool:
    """A national body: the Government, a ministry, a general department (not a
    province's body, not the Party's)."""
    found = vocab.issuer(code) if code else None
    return found is not None and not found.local and not found.party


def _release_claimed_dates(found: list[Mention]) -> None:
    """The date after a list of numbered amended laws is the amending law's: the last
    amended law's symbol, which read the same date, ends at its symbol again."""
    claimed = {m.date_span for m in found if m.claims_date and m.date_span is not None}
    if not claimed:
        return
    for m in found:
        if m.claims_date or m.date_span not in claimed or m.symbol_end is None:
            continue
        m.date = None
        m.date_span = None
        m.issuer = m.issuer_text = m.province = m.locality = None
        m.province_level = False
        m.subject = None
        m.end = m.core_end = m.symbol_end


def _date_numbered_amending_laws(text: str, found: list[Mention]) -> None:
    """"Luật số 43/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở ... và
    Luật Các tổ chức tín dụng ngày 29 tháng 6 năm 2024": the date closing the title is the
    numbered amending law's, as in the title without a number ("Luật sửa đổi, bổ sung ...
    ngày ..."), and the laws the title names are amended by it. The last of them read the
    date as its own and was "found" to be the credit-institutions law of 18/01/2024 with a
    wrong date. `found` is sorted by start."""
    for i, outer in enumerate(found):
        if outer.symbol is None or outer.subject is None or outer.date is not None:
            continue
        s0, s1 = outer.subject
        if not is_amending_name(text[s0:s1].lstrip(" ,")):
            continue
        inner = []
        for m in found[i + 1:]:
            if m.start >= s1:
                break  # sorted by start: the rest lie past the title
            if s0 <= m.start and m.symbol is None and m.name:
                inner.append(m)
        if not inner:
            continue
        last = inner[-1]
        if (last_date := last.date_span) is not None and last_date[1] >= s1 - 1:
            outer.date, outer.date_span = last.date, last_date
            last.date = last.date_span = None
            name = re.sub(r"\s*(?:(?i:ngày))?\s*$", "", text[last.anchor:last_date[0]])  # without "ngày"
            last.end = last.core_end = last.anchor + len(name)
            last.subject = None
        for m in inner:
            if m.amended_by is None:
                m.amended_by = outer


def _symbol_matches(text: str) -> Iterator[re.Match[str]]:
    """`_SYMBOL.finditer(text)`, without running the regex over the whole text.

    Scanning for a digit tests every character (about 80 MB/s); "/" is found at memory
    speed, and the symbol regex only needs trying at the digits within `_SLASH_REACH`
    before one. The matches are the same: every match has such a "/", and trying the
    candidates in order from the end of the last match is what `finditer` does. A text
    dense in "/" (every candidate window overlapping) takes the plain scan.

    Each match is `_symbol_at`'s: a spaced slash that does not stand between symbol parts
    leaves the match `_TIGHT_SYMBOL` finds at the same place, or none."""
    if text.count("/") * _SLASH_REACH > len(text):
        pos = 0
        while True:
            found = _SYMBOL.search(text, pos)
            if found is None:
                return
            m = _symbol_at(text, found.start(), found)
            if m is None:
                pos = found.start() + 1
                continue
            yield m
            pos = max(m.end(), m.start() + 1)
    last = 0  # end of the last match
    tried = 0  # candidates before this offset have been tried
    p = text.find("/")
    while p >= 0:
        for d in _SYMBOL_START.finditer(text, max(p - _SLASH_REACH, tried, last), p):
            x = d.start()
            if x < last:
                continue
            m = _symbol_at(text, x)
            if m:
                yield m
                last = m.end()
        tried = p
        p = text.find("/", max(p + 1, last))


def _symbol_at(text: str, x: int, m: re.Match[str] | None = None) -> re.Match[str] | None:
    """`_SYMBOL` matched at `x` (or `m`, that match) when each of its spaced slashes stands
    before a year or a code, else `_TIGHT_SYMBOL` at `x`: "47/2020/ NĐ-CP" is one symbol,
    while in "2019/ 2020/ Trong" nothing glues."""
    if m is None:
        m = _SYMBOL.match(text, x)
    if m is None or m.group("sym") is None:
        return m
    raw = m.group(0)
    if " /" not in raw and "/ " not in raw:
        return m
    # Prose has spaced slashes too ("Tỷ lệ 5/ CP", "năm 2019/ UBND tỉnh", "tổng số 120 / QH"):
    # without a year part, only a type word before the number makes it a symbol.
    if _spaced_slashes_ok(raw) and (_WITH_YEAR.match(raw) or _typed_code_after(raw)
                                    or _before(text, x).type_word is not None):
        return m
    return _TIGHT_SYMBOL.match(text, x)


@lru_cache(maxsize=4096)
def _spaced_slashes_ok(raw: str) -> bool:
    """Every slash with a space beside it is followed by the year (the grammar allows a
    year only after the number) or by something that looks like a code: capitals (two at
    least: "5/ A" is a list item more likely than a symbol) or a known type or issuer code
    ("TTg")."""
    for sl in _SPACED_SLASH_AT.finditer(raw):
        token = sl.group(1)
        if token.isdigit() or (len(token) >= 2 and token.isupper()) or _known_code(token):
            continue
        return False
    return True


@lru_cache(maxsize=4096)
def _known_code(token: str) -> bool:
    """A type code ("NĐ", "QĐ") or an issuer code ("CP", "UBND") of the vocabulary."""
    return bool(token) and (vocab.canonical_type_code(token) is not None
                            or vocab.lookup_issuer_code(token) is not None)


def _mend_code_break(text: str, raw: str, e: int) -> tuple[str, int]:
    """A symbol whose last code a line break cut ("47/2020/N\nĐ-CP", normalized
    "47/2020/N Đ-CP"): joined when the fragment before the break is no code and the two
    fragments together are a known one ("NĐ"), which an ordinary word after a complete
    symbol ("749/QĐ-TTg TTCP") is not. The groups after the fragment are read as the
    symbol's too. Returns the symbol text and its end."""
    if raw.endswith("-") or "/" not in raw:
        return raw, e
    b = _CODE_BREAK.match(text, e)
    if b is None:
        return raw, e
    last = _LAST_GROUP.search(raw)
    if last is None or not last.group(0)[0].isalpha() or _known_code(last.group(0)):
        return raw, e
    if not _known_code(last.group(0) + b.group(1)):
        return raw, e
    joined = _trim_spaced_join(raw + text[e:b.end()])
    if len(joined) <= len(raw):
        return raw, e
    return joined, e + len(joined) - len(raw)


def _drop_overlaps(found: list[Mention]) -> list[Mention]:
    """Two mentions never share an anchor; a name inside another mention's core is part
    of it (the issuer or the type word), not a citation, unless it is a law named in an
    amending law's title."""
    out: list[Mention] = []
    for m in found:
        if out and out[-1].anchor == m.anchor:
            continue
        if out and m.symbol is None and out[-1].start <= m.anchor < out[-1].core_end \
                and m.amended_by is None:
            continue
        out.append(m)
    return out


# --- symbol-anchored mentions ---------------------------------------------------------------

def _footnote_marker(sym: Symbol, raw: str) -> int:
    """How many digits end `raw` as a footnote's number: the last issuer code ends with
    digits, no issuer has that code ("CP1"), one has it without them ("CP"). A legislature's
    term is no marker ("QH14": data/issuers.json reads QH with its term)."""
    if not sym.issuers or not raw[-1:].isdigit():
        return 0
    code = sym.issuers[-1]
    base = code.rstrip("0123456789")
    digits = len(code) - len(base)
    if not digits or digits > 2 or vocab.issuer(code) is not None or vocab.issuer(base) is None:
        return 0
    return digits if raw.endswith(code[-digits:]) else 0


def _symbol_mention(text: str, m: re.Match[str]) -> Mention | None:
    if m.group("ny") is not None:
        return _number_year_mention(text, m)
    raw = m.group(0)
    s = m.start()
    raw = _trim_spaced_join(raw)
    e = s + len(raw)
    if e == m.end():
        raw, e = _mend_code_break(text, raw, e)
    # parse_symbol drops the spaces a line break left ("47/2020/ NĐ-CP"); the mention's
    # span keeps them, so it still covers the original characters.
    sym = cached_symbol(raw)
    if sym is None:
        return None
    marker = _footnote_marker(sym, raw)
    if marker:
        # "Nghị định 61/2018/NĐ-CP1." (a footnote's number, raised in the PDF, flattened in
        # its text): the issuer is CP. The citation still reads on after the number ("Kế
        # hoạch số 151/KH-UBND2 ngày 21/12/2020 của UBND tỉnh": its date and issuer).
        sym = cached_symbol(raw[:-marker]) or sym
    before = _before(text, s)
    if before.blocked:
        return None
    if before.doc_type is None and not before.has_so and not _bare_ok(sym):
        return None
    mention = Mention(start=before.start, end=e, anchor=s, core_end=e, symbol=sym,
                      has_so=before.has_so, pinpoint=before.pinpoint, symbol_end=e)
    mention.type_word = before.type_word
    code_type = type_for_code(sym)
    mention.doc_type = before.doc_type or code_type
    if before.doc_type and _contradicts(before.doc_type, sym):
        mention.problems.append((
            "type_mismatch",
            f"Ký hiệu {sym.canonical()} không khớp loại văn bản “{before.doc_type}”"
            f" (type code does not match the type word)",
            s, e,
        ))
    _after(text, mention)
    return mention


# Numbers before about 1995 had no slash and no year: number, hyphen, issuer code
# ("Quyết định số 169-CP", "Nghị định 404-CP", "Chỉ thị 299-TTg", "217-HĐBT"). The
# pattern starts with the literal "-", so the regex engine jumps from hyphen to hyphen;
# a hyphen with a digit before it and a code after it, not followed by "/" (then it is
# the Party form "52-NQ/TW", which the slash scan reads), is a candidate.
_OLD_DASH = re.compile(r"-(?<=\d-)[A-ZĐ][A-Za-zĐđ]{0,11}(?![\w/\-])")
_OLD_DASH_DIGITS = 6


def _old_dash_mentions(text: str) -> list[Mention]:
    """'Nghị định 404-CP ngày 09/11/1979 của Hội đồng Chính phủ'. Only right after a type
    word: a bare "169-CP" could as well be a road, a product or a form code. The year
    comes from the date that follows, as for any number without a year."""
    out: list[Mention] = []
    for m in _OLD_DASH.finditer(text):
        s = h = m.start()
        while s > h - _OLD_DASH_DIGITS and s > 0 and text[s - 1].isdigit():
            s -= 1
        if s and (text[s - 1].isalnum() or text[s - 1] in _NOT_BEFORE or text[s - 1] == "_"):
            continue
        sym = cached_symbol(text[s:m.end()])
        if sym is None or not sym.hyphen_form or sym.type_code is not None:
            continue
        before = _before(text, s)
        if before.doc_type is None or before.blocked:
            continue
        mention = Mention(start=before.start, end=m.end(), anchor=s, core_end=m.end(), symbol=sym,
                          doc_type=before.doc_type, type_word=before.type_word, has_so=before.has_so,
                          pinpoint=before.pinpoint, symbol_end=m.end())
        _after(text, mention)
        out.append(mention)
    return out


def _number_year_mention(text: str, m: re.Match[str]) -> Mention | None:
    """'Nghị định 45/2020': a citation after a type word that implies its issuer, or whose
    issuer the citation names ("Thông tư 01/2018 của Văn phòng Chính phủ" is
    01/2018/TT-VPCP). A normative type only: numbers of the other types carry no year."""
    s = m.start()
    if m.end() - s > 9:
        return None  # the number of "Nghị định 45/2020" has at most four digits
    before = _before(text, s)
    if before.doc_type is None or before.blocked:
        return None
    issuer = implied_issuer(before.doc_type)
    dtype = doc_type_by_name(before.doc_type)
    if dtype is None or not dtype.code or (issuer is None and "normative" not in dtype.classes):
        return None
    number, year = m.group(0).split("/")
    sym = Symbol(int(number), "", int(year), dtype.code, (issuer,) if issuer else (), None, SymbolClass.NORMATIVE,
                 notes=(NUMBER_AND_YEAR_ONLY,))
    mention = Mention(start=before.start, end=m.end(), anchor=s, core_end=m.end(),
                      symbol=sym, doc_type=before.doc_type, type_word=before.type_word,
                      has_so=before.has_so, pinpoint=before.pinpoint, symbol_end=m.end())
    _after(text, mention)
    if issuer is None:
        named = mention.issuer
        if not named or vocab.is_local_issuer(named.split("-")[0]):
            return None  # a local body's normative numbers restart with its province: no identity
        mention.symbol = replace(sym, issuers=tuple(named.split("-")))
    return mention


@lru_cache(maxsize=4096)
def _trim_spaced_join(raw: str) -> str:
    """Keep a continuation after a spaced hyphen only when it looks like a code:
    "61/KH- UBND" joins, "61/2018/NĐ-CP - Tin" does not."""
    if " " not in raw:
        return raw
    for j in _SPACED_JOIN.finditer(raw):
        token = j.group(2)
        if token.isupper() or vocab.lookup_issuer_code(token) or vocab.canonical_type_code(token):
            continue
        return raw[: j.start()].rstrip()
    return raw


def _bare_ok(sym: Symbol) -> bool:
    """Without a type word or "số", accept only what cannot be something else."""
    if sym.klass in (SymbolClass.NORMATIVE, SymbolClass.CONSOLIDATED, SymbolClass.PARTY):
        return bool(sym.issuers)
    if sym.klass is SymbolClass.ADMINISTRATIVE:
        return bool(sym.issuers) and vocab.lookup_issuer_code(sym.issuers[0]) is not None
    if sym.klass is SymbolClass.OFFICIAL_LETTER:
        return bool(sym.issuers) and vocab.lookup_issuer_code(sym.issuers[0]) is not None
    return False


def _contradicts(doc_type: str, sym: Symbol) -> bool:
    """'Quyết định số 2323/BTTTT-THH': a normative type word over a công văn symbol, or
    two different type codes."""
    t = doc_type_by_name(doc_type)
    if t is None:
        return False
    if sym.klass is SymbolClass.OFFICIAL_LETTER:
        return "normative" in t.classes
    if sym.type_code and t.code:
        if sym.type_code == t.code:
            return False
        # A Party "Quy định" is written QĐi or QĐ (data/types.json 'party_codes').
        return not (sym.klass is SymbolClass.PARTY and sym.type_code in t.party_codes)
    return False


@dataclass
class _Before:
    start: int
    doc_type: str | None = None
    type_word: str | None = None
    has_so: bool = False
    pinpoint: str | None = None
    blocked: bool = False


def _before(text: str, s: int) -> _Before:
    """Read backwards from a symbol at `s`: '[pinpoint] [Type] [số] '.

    It reads at most two windows back (type word, then pinpoint), so it is computed on
    that stretch alone, which is a short string: cached, as citation lists repeat it."""
    lo = max(0, s - 2 * BACK_WINDOW)
    got = _before_in(text[lo:s])
    if lo == 0:
        return got
    return _Before(got.start + lo, got.doc_type, got.type_word, got.has_so, got.pinpoint, got.blocked)


@lru_cache(maxsize=4096)
def _before_in(text: str) -> _Before:
    """`_before` of a symbol at the end of `text` (shared: never modify the result)."""
    s = len(text)
    lo = max(0, s - BACK_WINDOW)
    window = text[lo:s]
    out = _Before(start=s)
    cut = len(window)
    tail = window[-6:]
    so = _SO_BEFORE.search(window, max(0, len(window) - 8)) if ("ố" in tail or "Ố" in tail) else None
    if so:
        out.has_so = True
        cut = so.start()
        out.start = lo + cut
    head = window[:cut].rstrip()
    if not head and not out.has_so and window[:cut] == "":
        return out
    # Type word: the last 1..max words before "số" (or right before the symbol).
    tokens = head.split(" ")
    index = _type_index()
    last = tokens[-1] if tokens else ""
    if head and key(last) in _type_last_words() and (out.has_so or window[cut - 1:cut] == " " or cut == 0):
        for k in range(min(index.max_words, len(tokens)), 0, -1):
            cand_tokens = tokens[-k:]
            first = cand_tokens[0].lstrip("(“\"[")
            cand = " ".join([first, *cand_tokens[1:]])
            if not cand or not cand[0].isalpha():
                continue
            t = _type_for_words(cand)
            if t is not None:
                out.doc_type = t.name
                out.type_word = cand
                out.start = lo + len(head) - len(cand)
                break
    if out.doc_type is None:
        # "Mẫu số 01/TK-ĐK", "Phụ lục số 02": a form or annex number, not a document.
        tail = key(head[-30:]) if head else ""
        stop_words, spaced = _non_citation_words()
        if tail.endswith(spaced) or tail in stop_words:
            out.blocked = True
        return out
    # Pinpoint before the type word.
    pin_window = text[max(0, out.start - BACK_WINDOW):out.start]
    p = _pinpoint_regex().search(pin_window) if _may_pinpoint(pin_window) else None
    if p:
        out.pinpoint = p.group("pin").strip(" ,;")
        out.start = out.start - len(pin_window) + p.start("pin")
    return out


@lru_cache(maxsize=1)
def _co_issuer_regex() -> re.Pattern[str]:
    """A second issuer right after the first, after a comma or "và" ("của Bộ Chính trị,
    Ban Bí thư")."""
    variants = words_pattern([name for name, _ in vocab.issuer_variants_longest_first()])
    return re.compile(rf"\s*(?:,|và)\s*(?P<iss>{variants})")


@lru_cache(maxsize=1)
def _term_regex() -> re.Pattern[str]:
    """An elected body's term, and perhaps its session, right after its name."""
    words = "|".join(phrase_pattern(w) for w in word_list("issuer_terms"))
    session = "|".join(phrase_pattern(w) for w in word_list("issuer_terms", "session"))
    return re.compile(rf"\s*,?\s*(?:{words})\s+(?:[IVXLC]+|\d{{1,2}})(?![\w/])"
                      rf"(?:\s*,?\s*(?:{session})\s+[^\W_]{{1,10}}(?![\w/]))?", re.IGNORECASE)


def _after(text: str, mention: Mention, *, subject: bool = True) -> None:
    """Read forwards from the symbol: date, issuer (+ province), subject (not for a law
    cited by name: its name says what it is about, and "về ..." after it belongs to the
    citing text, "... quy định chi tiết thi hành Luật Giao dịch điện tử về chữ ký số")."""
    p = mention.end
    d = _DATE_AFTER.match(text, p)
    if d:
        written = d.group("date")
        # "23 tháng 4 năm 2018": the day is only read after "ngày".
        parsed = cached_date("ngày " + written if "tháng" in written else written)
        if parsed is not None:
            mention.date = ParsedDate(written, d.start("date"), d.end("date"), parsed.value,
                                      parsed.year, parsed.month, parsed.day, parsed.problem,
                                      parsed.partial)
            mention.date_span = (d.start("date"), d.end("date"))
            p = d.end()
    elif mention.symbol is not None and mention.symbol.year is None:
        # Numbers without a year restart every year: the year written after one says which.
        y = _SYMBOL_YEAR_AFTER.match(text, p)
        if y:
            mention.issue_year = int(y.group("year"))
            p = y.end()
    iss = issuer_at(text, p)
    has_issuer = False
    if iss:
        found = issuer_by_name(iss.group("iss"))
        if found is not None:
            has_issuer = True
            mention.issuer_text = text[iss.start("iss"):iss.end()].strip()
            mention.issuer = found.code
            p = iss.end()
            written = iss.group("iss2") or iss.group("iss")
            unit = _places.unit_at(text, p, on=mention.value) if found.in_units else None
            if unit is not None and unit.name:
                p = _unit_after(text, mention, unit)
                mention.issuer_text = text[iss.start("iss"):p].strip()
            prov, p2 = _province_after(text, p, "" if mention.locality else written)
            if prov is None and mention.locality and text.startswith(",", p):
                prov, p2 = _province_after(text, p + 1, "")  # "huyện Sơn Tịnh, tỉnh Quảng Ngãi"
            if prov:
                mention.province = prov
                mention.issuer_text = text[iss.start("iss"):p2].strip()
                p = p2
            elif unit is not None and not unit.name:
                # The level alone ("của Chủ tịch UBND huyện"): who writes it says which.
                mention.locality = unit.label
                mention.issuer_text = text[iss.start("iss"):unit.end].strip()
                p = unit.end
            mention.province_level = not mention.locality and (prov is not None or key(written).endswith(_place_keys()))
            co = _co_issuer_regex().match(text, p)
            if co is not None and key(co.group("iss")) != key(iss.group("iss")) \
                    and (other := issuer_by_name(co.group("iss"))) is not None and other.code == found.code:
                # "của Bộ Chính trị, Ban Bí thư": two bodies of one code (TW) sign together; the
                # second is no subject, and the list the citation stands in goes on after it.
                # The same body again opens the citing text's own clause ("... của Tổng cục
                # trưởng Tổng cục Hải quan, Tổng cục Hải quan hướng dẫn bổ sung như sau").
                p = co.end()
                mention.issuer_text = text[iss.start("iss"):p].strip()
            term = _term_regex().match(text, p)
            if term:
                # "của Quốc hội khóa X, kỳ họp thứ 10": who, not what (data/cite_words.json
                # 'issuer_terms'), else the subject would be "khóa X, kỳ họp thứ 10".
                p = term.end()
                mention.issuer_text = text[iss.start("iss"):p].strip()
    if mention.symbol is not None and len(mention.symbol.issuers) > 1:
        p = _joint_issuers(text, mention, p)
    # A date may also follow the issuer ("của Chính phủ ngày ...") - rare; skip.
    mention.core_end = p
    mention.end = p
    if subject:
        _subject(text, mention, p, has_issuer)


@lru_cache(maxsize=1)
def _joint_issuer_regex() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """'giữa|của <body>' opening, and ', <body>' / ' và <body>' continuing, the list of
    bodies that issued a joint document (data/issuers.json variants)."""
    names = words_pattern([name for name, _ in vocab.issuer_variants_longest_first()])
    titles = words_pattern(list(word_list("issuer_titles")))
    first = re.compile(rf" ?,? (?:của|giữa) (?:{titles} )?(?P<iss>{names})")
    more = re.compile(rf"(?:,| và) (?:{titles} )?(?P<iss>{names})")
    return first, more


def _joint_issuers(text: str, mention: Mention, p: int) -> int:
    """A joint document (01/2011/TTLT-VPCP-BNV, several issuers in its symbol) is followed
    by the list of its issuers ("giữa Bộ Tài chính, Bộ Công Thương và Bộ Giao thông vận
    tải"): the list is the citation's, and its subject ("hướng dẫn thực hiện Quyết định
    số 48/2011/QĐ-TTg") begins after it, not the citing document's words."""
    first, more = _joint_issuer_regex()
    if mention.issuer is None or mention.issuer_text is None:
        m = first.match(text, p)
        found = issuer_by_name(m.group("iss")) if m is not None else None
        if m is None or found is None:
            return p
        mention.issuer = found.code
        start, p = m.start("iss"), m.end()
    else:
        start = p - len(mention.issuer_text)  # the issuer text read so far ends at p
    for _ in range(len(mention.symbol.issuers) if mention.symbol else 0):
        m = more.match(text, p)
        if m is None:
            break
        p = m.end()
    mention.issuer_text = text[start:p].strip()
    return p


def _unit_after(text: str, mention: Mention, unit: _places.Unit) -> int:
    """Take the unit below the province an issuer phrase names ("của UBND huyện Sơn Tịnh",
    "của UBND thành phố Quảng Ngãi") and return where the phrase goes on. A provincial city
    that bears its province's name (thành phố Quảng Ngãi) says the province too; a ", tỉnh
    Quảng Ngãi" after the unit is read by the caller."""
    mention.locality = unit.label
    if unit.name and unit.level == "thành phố":
        same = province_name(unit.name)
        if same is not None:
            mention.province = same
    return unit.end


@lru_cache(maxsize=1)
def _placed_body_keys() -> tuple[str, ...]:
    """' tỉnh ủy', ' thành ủy': bodies named by the kind of their province, its bare name
    following ('Tỉnh ủy Quảng Ngãi', 'Thành ủy Hà Nội'; data/issuers.json 'by_place')."""
    return tuple(" " + match_key(n) for i in vocab.issuers() for n in i.by_place.values())


def _province_after(text: str, p: int, issuer_text: str) -> tuple[str | None, int]:
    """'UBND tỉnh Kon Tum' (issuer text ends in 'tỉnh'), 'Tỉnh ủy Quảng Ngãi', or '... tỉnh
    Kon Tum' after it."""
    written = key(issuer_text)
    start = p
    if not written.endswith(_place_keys()) and not (" " + written).endswith(_placed_body_keys()):
        pw = _place_word().match(text, p)
        if not pw:
            return None, p
        start = pw.end() - 1
    # Up to four capitalised words; the longest that names a province wins.
    words_found = []
    q = start
    for _ in range(4):
        w = re.match(r" ([A-ZĐ][^\s,;.:()“”\"]{0,20})", text[q:q + 30])
        if not w:
            break
        words_found.append((w.group(1), q + w.end()))
        q += w.end()
    for k in range(len(words_found), 0, -1):
        name = " ".join(w for w, _ in words_found[:k])
        prov = province_name(name)
        if prov:
            return prov, words_found[k - 1][1]
    return None, p


@lru_cache(maxsize=2048)
def province_name(name: str) -> str | None:
    """Canonical province name for a written one, via data/provinces.json when present;
    without the table, a capitalised name that is no subject marker is taken as written."""
    if vocab.provinces():
        found = _places.province_by_name(name)
        return found.name if found else None
    first = match_key(name.split()[0])
    if first in {match_key(w) for w in word_list("subject_markers")}:
        return None
    return name


def _capitalised(marker: str) -> bool:
    """A subject marker written with a capital its table form lacks ('Thực hiện', not
    'V/v'): after a comma it opens the next item of a preamble, not a subject."""
    return marker[:1].isupper() and any(
        key(w) == key(marker) and not w[:1].isupper() for w in word_list("subject_markers"))


def _subject(text: str, mention: Mention, p: int, has_issuer: bool) -> None:
    start: int | None = None
    sm = _subject_marker().match(text, p)
    if sm and "," in sm.group(0) and _capitalised(sm.group("m")):
        return  # "... của Bộ Chính trị,\nThực hiện Kế hoạch số ...": the next preamble item
    if sm:
        start = sm.start("m")
    elif has_issuer:
        w = re.match(r" ([^\W\d_A-ZĐ]\w*)", text[p:p + 40])
        if w and w.group(1).islower() and key(w.group(1)) not in lower_words("subject_non_starters"):
            start = p + 1
    if start is None or _located_cue().match(text, start):
        return  # ", sửa đổi, bổ sung tại ... Nghị định số 13/2010/NĐ-CP": a note, no subject
    limit = min(len(text), start + SUBJECT_MAX)
    end_m = _SUBJECT_END.search(text, start, limit)
    end = end_m.start() if end_m else limit
    end = _preamble_boundary(text, start, end)
    for cue in _comma_cue("subject_ends").finditer(text, start, end):
        # A quoted name inside the subject may hold the words ("... Đoàn giám sát chuyên đề
        # “... kể từ khi Luật Quy hoạch có hiệu lực thi hành”"): not a note.
        before = (start, cue.start())
        if (text.count("“", *before) <= text.count("”", *before)
                and text.count('"', *before) % 2 == 0):
            end = cue.start()
            break
    clause = _issuing_clause_at(text, start, end)
    if clause is not None:
        end = clause
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    if end - start < 2:
        return
    mention.subject = (start, end)
    mention.end = end


# --- name-only mentions ---------------------------------------------------------------------

def _name_mentions(text: str) -> list[Mention]:
    out: list[Mention] = []
    last_end = -1
    heads = _heads_by_key()
    # Names a căn cứ item gave in full before their number (data/cite_words.json
    # 'numbered_names'): match key of the usual cut -> (length, match key) of the full name.
    learned: dict[str, list[tuple[int, str]]] = {}
    types, plain, firsts = _amending_types(), _plain_heads(), _amending_tail_firsts()
    caps_only = types - _head_forms()  # "LUẬT": a head only as an amending title's
    for m in _name_head_regex().finditer(text):
        s = m.start()
        if s < last_end or (s and text[s - 1].isalnum()):
            continue
        head_end = m.end()
        written = m.group("head")
        if written in types or written not in plain:
            # "Luật Sửa đổi, bổ sung ...", "Luật sửa đổi, bổ sung một số Điều của ...": an
            # amending head in another case than the table's, read on from its type word
            # (only when the next word can open one: the cheap test keeps "Luật Luật" fast).
            t0 = s + len(written.split(" ", 1)[0])
            if text[t0 + 1:t0 + 2] in firsts:
                tail = _amending_tail_regex().match(text, t0)
                if tail is not None and tail.end() > head_end:
                    head_end = tail.end()
            elif written in caps_only:
                continue
        head = heads.get(key(written) if head_end == m.end() else key(text[s:head_end]))
        if head is None or (head_end == m.end() and written in caps_only):
            continue
        if head["kind"] == "amending":
            got, walked = _amending_mentions(text, s, head_end, head)
            if got:
                out.extend(got)
                last_end = max(walked, *(g.core_end for g in got))
            continue
        mention = _name_mention(text, s, head_end, head, learned)
        if mention is not None:
            out.append(mention)
            last_end = mention.core_end
    return out


AMENDED_PARTS_MAX_WORDS = 24  # words an amending title names besides articles (`_amended_parts_regex`)
# A name's words: at most NAME_MAX_WORDS of at most NAME_WORD_MAX characters, up to
# punctuation. Every repetition is bounded, so `_law_name` reads a bounded window.
NAME_WORD_MAX = 40
_NAME_RUN = re.compile(rf"(?: [^\s,;:.()\[\]“”\"/|…]{{1,{NAME_WORD_MAX}}}){{1,{NAME_MAX_WORDS}}}")


@lru_cache(maxsize=1)
def _known_step() -> re.Pattern[str]:
    """One more word of a known name (", " allowed before it). A word longer than any word
    of a known name ends the comparison whether it is read whole or cut, so the word is
    read up to `_known_word_max()` characters."""
    return re.compile(rf" ?,? ([^\s,;:.()\[\]“”\"]{{1,{_known_word_max()}}})")


@lru_cache(maxsize=1)
def _known_word_max() -> int:
    known = _known_names()[0]
    return max(NAME_WORD_MAX, *(len(w) + 1 for n in known for w in n.split()))


@lru_cache(maxsize=1)
def _law_name_reach() -> int:
    """How far past its head `_law_name` may read: the longer of the name run and the
    known-name steps (each ", " plus a word), and the character that ends either."""
    return NAME_MAX_WORDS * (3 + max(NAME_WORD_MAX, _known_word_max())) + 2


def _name_words(text: str, p: int) -> list[str]:
    """The words after `p` up to punctuation (each follows one space, so word i ends at
    `p + sum(1 + len(w) for w in words[:i + 1])`). One regex match and one `split`: the
    callers usually stop after two or three words, so no per-word offsets are built."""
    m = _NAME_RUN.match(text, p)
    return m.group(0)[1:].split(" ") if m else []


def _name_end(text: str, head_end: int, words: list[str], stop_at_scope: bool) -> int:
    """Where a name that starts with `words` ends: before a stop word (one or a pair), a
    number, or, for a law, a second head word ("Luật A Luật B"). Scope words ("tỉnh")
    do not stop a scoped name."""
    ones, twos = _name_stops()
    scope_keys = _scope_keys()
    end = q = head_end
    last = len(words) - 1
    for i, word in enumerate(words):
        k = key(word)
        if i > 0 and k in ones and not (stop_at_scope and k in scope_keys):
            break
        if i > 0 and i < last and f"{k} {key(words[i + 1])}" in twos:
            break
        if word[0].isdigit() or (not stop_at_scope and _is_head_word(word, i)):
            break
        q += 1 + len(word)
        end = q
    return end


@lru_cache(maxsize=1)
def _scope_keys() -> frozenset[str]:
    return frozenset(match_key(w) for w in words()["name_heads"]["scope_words"])


def _law_name(text: str, head_start: int, head_end: int) -> tuple[str, int] | None:
    """A law's name after its head: the longest known name, else words up to a stop.

    Older drafting writes the subject in lower case ("Luật đầu tư", "Bộ luật dân sự",
    "Luật tổ chức Chính phủ"): then only a known name is taken (matched case-insensitively,
    accents kept), since a lower-case word after "Luật" is otherwise ordinary text
    ("Luật này", "Luật số ...")."""
    first = text[head_end + 1:head_end + 2]
    if not first.isalpha():
        return None
    window = text[head_start:head_end + _law_name_reach()]
    got = _law_name_in(window, head_end - head_start, not first.isupper())
    if got is None:
        return None
    return got[0], head_start + got[1]


@lru_cache(maxsize=2048)
def _law_name_in(window: str, head_end: int, known_only: bool = False) -> tuple[str, int] | None:
    """`_law_name` on a window that starts at the head and holds all it reads
    (`_law_name_reach`): a pure function of a short string, so cached - a law text
    names the same few laws hundreds of times. `known_only`: a lower-case name, taken
    only when it is a known name."""
    tokens = _name_words(window, head_end)
    if not tokens or (not known_only and not tokens[0][:1].isupper()):
        return None
    known, longest, prefixes = _known_names()
    head = window[:head_end]
    # Known names may contain a comma or "và": try them on the raw text first.
    best: int | None = None
    q = head_end
    step = _known_step()
    for _ in range(longest):  # bounded by the table: known names may be long
        t = step.match(window, q)
        if not t:
            break
        q = t.end()
        k = key(window[:q])
        if k in known:
            best = q
        if k.replace(",", "") not in prefixes:
            break
    if known_only:
        return None if best is None else (head + window[head_end:best], best)
    end = _name_end(window, head_end, tokens, stop_at_scope=False)
    if best is not None:
        end = best  # a known name wins: it knows where the name ends
    if end == head_end:
        return None
    return head + window[head_end:end], end


def _is_head_word(word: str, i: int) -> bool:
    """A second type word starts a new document ('Luật A Nghị định ...')."""
    return i > 0 and word in ("Luật", "Bộ", "Nghị", "Pháp", "Thông", "Quyết", "Hiến", "Chỉ")


def _name_mention(
    text: str, s: int, head_end: int, head: dict[str, Any],
    learned: dict[str, list[tuple[int, str]]] | None = None,
) -> Mention | None:
    """A name-only mention at `s`. `learned` collects the names căn cứ items give in full
    before their number; None (a law inside an amending title, whose walk already found
    where each name ends) keeps the usual cut."""
    kind = head["kind"]
    name: str | None = None
    end = head_end
    if kind == "law":
        got = _law_name(text, s, head_end) or _lower_case_item_name(text, s, head_end)
        if got is None:
            return None
        name, end = got
        full = None if learned is None else _numbered_name_end(text, s, head_end, end)
        if full is not None and learned is not None:
            learned.setdefault(key(name), []).append((full - s, key(text[s:full])))
            name, end = text[s:full], full
        elif learned and key(name) in learned:
            name, end = _learned_name(text, s, name, end, learned[key(name)])
        if _postfix_first().match(text, end):
            name, end = _postfix_amending(text, s, end) or (name, end)
    elif kind == "bare":
        name = text[s:head_end]
        tail = head.get("optional_tail")
        t = _tail_regex(tail).match(text, head_end) if tail else None
        if t:
            end = t.end()
    elif kind == "scoped":
        got = _scoped_name(text, s, head_end)
        if got is None:
            return None
        name, end = got
    if name is None:
        return None
    return _named_mention(text, s, end, name, head, read_year=kind in ("law", "bare", "amending"))


# A law name before its own number or date in a căn cứ item (data/cite_words.json
# 'numbered_names'): words up to " số N" or " ngày N", commas allowed. Lazy, so it stops at
# the first such anchor; words hold no space and the separator needs one, so each try is
# unambiguous and the bounded repetition keeps the match linear.
_NUMBERED_RUN = re.compile(
    rf"(?:,? [^\s,;:.()\[\]“”\"/|…]{{1,{NAME_WORD_MAX}}}){{1,{NUMBERED_NAME_MAX_WORDS}}}?(?= (?:số|Số|ngày) ?\d)"
)
_ITEM_REACH = 400  # how far back a căn cứ item's cue is looked for
_NEXT_WORD = re.compile(r",? ([^\s,;:.()\[\]“”\"/|…]{1,12})")


@lru_cache(maxsize=1)
def _basis_cue_regex() -> re.Pattern[str]:
    return re.compile(words_pattern(list(vocab.relations()["based_on"].cues)), re.IGNORECASE)


@lru_cache(maxsize=1)
def _numbered_breakers() -> tuple[frozenset[str], frozenset[str]]:
    ones: set[str] = set()
    twos: set[str] = set()
    for w in words()["numbered_names"]["breakers"]:
        k = match_key(w)
        (twos if " " in k else ones).add(k)
    return frozenset(ones), frozenset(twos)


def _in_basis_item(text: str, s: int) -> bool:
    """`s` is in a căn cứ item: "Căn cứ" (capitalised, as an item opens) stands earlier on
    its line or sentence, within `_ITEM_REACH`."""
    lo = max(0, s - _ITEM_REACH)
    start = max(text.rfind("\n", lo, s), text.rfind(". ", lo, s)) + 1
    if start == 0 and lo > 0:
        start = lo
    for c in _basis_cue_regex().finditer(text, start, s):
        if text[c.start()].isupper():
            return True
    return False


def _numbered_name_end(text: str, s: int, head_end: int, cut: int) -> int | None:
    """'Căn cứ Luật Quản lý và đầu tư vốn nhà nước tại doanh nghiệp số 68/2025/QH15;': the
    end of a law name that runs past the usual cut at `cut` up to its own "số" or "ngày" in
    a căn cứ item, or up to its own number anywhere ("Luật Bảo vệ và kiểm dịch thực vật số
    41/2013/QH13"); None when the name keeps the cut."""
    if not text[head_end + 1:head_end + 2].isupper():
        return None  # lower-case drafting: only known names (`_law_name`)
    # What cut the name decides at once in most texts: punctuation other than a comma, a
    # number, a second type word, or the anchor itself cannot be run over.
    # (A capitalised word only cuts a name when it is a type word.)
    ch = text[cut:cut + 1]
    if ch == " ":
        if not text[cut + 1:cut + 2].islower() or text.startswith((" số ", " ngày "), cut):
            return None
    elif ch == ",":
        nxt = _NEXT_WORD.match(text, cut)
        if nxt is None or not nxt.group(1)[0].islower():
            return None
    else:
        return None
    run = _NUMBERED_RUN.match(text, head_end)
    if run is None or run.end() <= cut or not _reads_as_one_name(run.group(0)):
        return None
    if not (_own_law_number().match(text, run.end()) or _in_basis_item(text, s)):
        return None
    return run.end()


def _reads_as_one_name(words: str) -> bool:
    """Whether the words a name runs over to its own number or date are one name: no
    figure, no second type word, none of the 'breakers' ("này", "được", "các", ...)."""
    tokens = words.replace(",", " ").split()
    ones, twos = _numbered_breakers()
    keys = [key(t) for t in tokens]
    for i, (t, k) in enumerate(zip(tokens, keys, strict=True)):
        if t[0].isdigit() or _is_head_word(t, i) or k in ones:
            return False
        if i + 1 < len(keys) and f"{k} {keys[i + 1]}" in twos:
            return False
    return True


@lru_cache(maxsize=1)
def _plural_words() -> frozenset[str]:
    """'các', 'những': laws in the plural (data/cite_words.json counted_titles 'count_words')."""
    return frozenset(w.lower() for w in words()["counted_titles"]["count_words"])


def _lower_case_item_name(text: str, s: int, head_end: int) -> tuple[str, int] | None:
    """"Căn cứ Pháp lệnh nhà ở ngày 26 tháng 3 năm 1991;": older drafting writes a name in
    lower case, which `_law_name` takes only when it is a known name. In a căn cứ item a
    name running to its own date or number is one all the same (`_reads_as_one_name`)."""
    if not text[head_end + 1:head_end + 2].islower():
        return None
    before = text[max(0, s - 8):s].split()
    if before and before[-1].lower() in _plural_words():
        return None  # "... của các Luật về thuế ngày ...": laws in the plural name no law
    run = _NUMBERED_RUN.match(text, head_end)
    if run is None or not _reads_as_one_name(run.group(0)):
        return None
    if not _in_basis_item(text, s):
        return None
    return text[s:run.end()], run.end()


@lru_cache(maxsize=1)
def _own_law_number() -> re.Pattern[str]:
    """A law's or ordinance's own number right after its name, " số 38/2024/QH15" (codes:
    data/cite_words.json numbered_names 'own_number_codes'): outside a căn cứ item too, the
    name runs up to it ("6. Luật Công nghiệp quốc phòng, an ninh và động viên công nghiệp số
    38/2024/QH15 ngày ...", an annex cell "Luật Bảo vệ và kiểm dịch thực vật số 41/2013/QH13")."""
    codes = "|".join(re.escape(c) for c in sorted(word_list("numbered_names", "own_number_codes"), key=len, reverse=True))
    return re.compile(rf" (?:số|Số) ?\d{{1,4}}/(?:19|20)\d\d/(?:{codes})\d{{1,2}}(?![\w/\-])")


def _learned_name(text: str, s: int, name: str, end: int, full: list[tuple[int, str]]) -> tuple[str, int]:
    """A later mention of a name a căn cứ item gave in full ("khoản 3 Điều 2 Luật Quản lý và
    đầu tư vốn nhà nước tại doanh nghiệp"): the full name when the text continues with it."""
    for length, full_key in full:
        e = s + length
        if e > end and key(text[s:e]) == full_key and not text[e:e + 1].isalnum():
            return text[s:e], e
    return name, end


@lru_cache(maxsize=4096)
def _clean_name(name: str) -> str:
    return " ".join(name.split()).strip(" ,;:")


# --- amending laws ---------------------------------------------------------------------------

# How many laws one amending title may name. Luật 90/2025/QH15 names 8 and Luật
# 03/2022/QH15 names 9; the bound keeps the walk over a title short and linear.
AMENDED_MAX = 12


@lru_cache(maxsize=1)
def _law_heads_pattern() -> str:
    """The heads of laws cited by name (kind 'law': "Bộ luật", "Luật", "Pháp lệnh")."""
    heads = [h["head"] for h in words()["name_heads"]["heads"] if h["kind"] == "law"]
    # As written, or in capitals in a title in capitals ("... CỦA LUẬT ĐẤT ĐAI").
    heads = sorted({*heads, *(h.upper() for h in heads)}, key=len, reverse=True)
    return "|".join(phrase_pattern(h) for h in heads)


@lru_cache(maxsize=1)
def _next_law_regex() -> re.Pattern[str]:
    """The next amended law of a title: its separator and its head. The first follows the
    amending head ("Luật sửa đổi Luật A", "... một số điều của Luật A"); the others follow
    ",", ";" or a conjunction ("Luật A, Luật B và Luật C"). In a title in capitals the
    joining words are in capitals too ("... CỦA LUẬT A VÀ LUẬT B")."""
    conjunctions = word_list("amending_titles", "conjunctions")
    conj = words_pattern([*conjunctions, *(c.upper() for c in conjunctions)])
    return re.compile(rf"(?P<sep>,? {conj}|[,;]|(?: của| CỦA)?) (?P<head>{_law_heads_pattern()})(?= )")


@lru_cache(maxsize=1)
def _amended_parts_regex() -> re.Pattern[str]:
    """What an amending title amends besides articles, between its amending words and the
    law's "của" (data/cite_words.json 'amending_titles'): " và Phụ lục Danh mục chỉ tiêu
    thống kê quốc gia", " Điều 6 và Phụ lục 4 về Danh mục ngành, nghề kinh doanh có điều
    kiện". Words and commas up to the first " của" before a law's head, no stop or
    parenthesis between; bounded and lazy, so each try is linear."""
    return re.compile(rf"(?:,? [^\s,;:.()\[\]“”\"]{{1,{NAME_WORD_MAX}}}){{1,{AMENDED_PARTS_MAX_WORDS}}}?"
                      rf"(?= (?:của|CỦA) (?:{_law_heads_pattern()}) )")


@lru_cache(maxsize=1)
def _postfix_regex() -> re.Pattern[str]:
    """thuvienphapluat's short title ends in an amending word and the year: "sửa đổi 2019"."""
    return re.compile(rf" (?:{words_pattern(list(citation_forms().amending_words))})(?= (?:19|20)\d\d(?![\w/\-]))",
                      re.IGNORECASE)


@lru_cache(maxsize=1)
def _postfix_first() -> re.Pattern[str]:
    """Cheap test after every law's name: only a list of laws or an amending word can
    start a postfix title, so `_postfix_amending` is not tried after the others."""
    conj = list(word_list("amending_titles", "conjunctions"))
    return re.compile(rf",| {words_pattern([*conj, *citation_forms().amending_words])}", re.IGNORECASE)


@lru_cache(maxsize=1)
def _enacting_regex() -> re.Pattern[str]:
    """An enacting formula right before a title: "Quốc hội ban hành Luật ..."."""
    enact = words_pattern(list(word_list("amending_titles", "enacting_words")))
    return re.compile(rf"(?:^|(?<=\W)){enact} $", re.IGNORECASE)


@lru_cache(maxsize=1)
def _history_regex() -> re.Pattern[str]:
    """After a law's number, its own amendments: "số 14/2008/QH12 đã được sửa đổi, bổ sung"."""
    hist = words_pattern(list(word_list("amending_titles", "history_words")))
    amend = words_pattern(list(citation_forms().amending_words))
    return re.compile(rf",? {hist} (?:một số điều )?{amend}", re.IGNORECASE)


_ITEM_NUMBER = re.compile(r" (?:số |Số |SỐ )?(?=\d)")


@dataclass
class _Amended:
    """One law named in an amending title, and its number when it has one."""

    sep: str  # what joins it to the previous one ("", " của", ",", ";", " và")
    head_start: int
    head_end: int
    name_end: int
    number_end: int | None = None


def _amended_laws(text: str, q: int) -> list[_Amended]:
    """The laws an amending title names from `q` on, each with its number if it has one.

    ";" joins two laws only after a law without a number: "Luật A số N1; Luật B số N2"
    are two căn cứ. A title joined by ";" must end in a number, a date or a year (as
    "Luật sửa đổi Luật Đấu thầu; ...; Luật Quản lý, sử dụng tài sản công 2025" does);
    otherwise it ends at its first ";", which may as well end a căn cứ line."""
    items: list[_Amended] = []
    nxt = _next_law_regex()
    for _ in range(AMENDED_MAX):
        lm = nxt.match(text, q)
        if not lm:
            break
        sep = lm.group("sep")
        first = not items
        if first != (sep.lower() in ("", " của")):
            break
        if sep == ";" and items[-1].number_end is not None:
            break
        got = _law_name(text, lm.start("head"), lm.end("head"))
        if got is None:
            break
        item = _Amended(sep, lm.start("head"), lm.end("head"), got[1])
        q = got[1]
        nm = _ITEM_NUMBER.match(text, q)
        sm = _symbol_at(text, nm.end()) if nm else None
        if sm and sm.group("sym") is not None and cached_symbol(sm.group(0)) is not None:
            item.number_end = q = sm.end()
        items.append(item)
    semis = [i for i, it in enumerate(items) if it.sep == ";"]
    if semis and items[-1].number_end is None and not (
            _DATE_AFTER.match(text, q) or _YEAR_AFTER.match(text, q)):
        del items[semis[0]:]
    return items


def _amending_mentions(text: str, s: int, head_end: int, head: dict[str, Any]) -> tuple[list[Mention], int]:
    """An amending law's title and the laws it names, with their numbers sorted out.

    Returns the mentions and where the title ends (its inner law names are not read again
    as citations of their own). Whose number is whose (data/cite_words.json
    'amending_titles'):
    * no number: one law named by the whole title, dated by what follows it;
    * only the last law has a number: it is the amending law's (several laws named), or,
      for one law, the amending law's unless the law is being enacted or the number is
      followed by its own amendments;
    * laws with numbers of their own: each keeps its number, and the amending law is cited
      only when a date follows the list (its own date); the name alone would be the
      enacting formula's self-reference or a list of laws that goes on past the title.
    Every law the title names is cited too, by its number or else by its name alone (no
    year: the date after the title is the amending law's), with `amended_by` set to the
    amending law. thuvienphapluat's short title, closed by a bare year ("Luật sửa đổi Luật
    Đấu thầu; ...; Luật Quản lý, sử dụng tài sản công 2025"), stands for the amending law
    alone."""
    items = _amended_laws(text, head_end)
    if not items:
        # "... một số điều và Phụ lục Danh mục ... của Luật Thống kê": what else the title
        # amends stands between the amending words and "của".
        parts = _amended_parts_regex().match(text, head_end)
        items = _amended_laws(text, parts.end()) if parts else []
    if not items:
        counted = _counted_title_regex().match(text, head_end)
        if counted is None:
            return [], head_end
        return [_amending_mention(text, s, counted.end(), text[s:counted.end()], head)], counted.end()
    last = items[-1]
    walked = last.number_end or last.name_end
    numbered = [it for it in items if it.number_end is not None]
    enacted = bool(_enacting_regex().search(text, max(0, s - 30), s))
    own_number = bool(numbered) and numbered == [last] and (len(items) > 1 or not (
        enacted or _history_regex().match(text, walked)))
    if not numbered or own_number:
        # The symbol after the title (if any) is merged with it by `_merge_names`.
        amending = _amending_mention(text, s, last.name_end, text[s:last.name_end], head)
        if _BARE_YEAR.match(text, last.name_end):
            return [amending], walked
        return [amending, *(_title_law(text, it, amending) for it in items)], walked
    out: list[Mention] = []
    amending_or_none: Mention | None = None
    if not enacted and _DATE_AFTER.match(text, walked):
        name = text[s:items[0].head_start].rstrip() + "".join(
            f"{it.sep} {text[it.head_start:it.name_end]}" for it in items)
        amending_or_none = _amending_mention(text, s, walked, name, head)
        amending_or_none.claims_date = amending_or_none.date is not None
        out.append(amending_or_none)
    law_head = _heads_by_key()[key("Luật")]
    for it in items:
        if it.number_end is None:
            out.append(_title_law(text, it, amending_or_none))
            continue
        m = _name_mention(text, it.head_start, it.head_end, _heads_by_key().get(
            key(text[it.head_start:it.head_end]), law_head))
        if m is not None:
            m.amended_by = amending_or_none
            out.append(m)
    return out, walked


@lru_cache(maxsize=1)
def _counted_title_regex() -> re.Pattern[str]:
    """An amending title that counts the laws it amends instead of naming them (class M of
    docs/extract-review.md, data/cite_words.json 'counted_titles'): after the amending head,
    "10 Luật có liên quan đến an ninh, trật tự" up to the law's year, number or date. The
    subject's words are read lazily up to that anchor (bounded, so linear); with no anchor
    ("37 luật có liên quan đến quy hoạch") the phrase is generic and no title."""
    table = words()["counted_titles"]
    nouns = words_pattern(list(table["count_nouns"]))
    links = words_pattern(list(table["links"]))
    counts = words_pattern(list(table["count_words"]))
    return re.compile(
        rf"(?: (?i:của))? (?:\d{{1,3}}|(?i:{counts})) (?i:{nouns}) (?i:{links})"
        rf"(?:,? [^\s\d,;:.()\[\]“”\"/|…][^\s,;:.()\[\]“”\"/|…]{{0,{NAME_WORD_MAX - 1}}}){{1,{NAME_MAX_WORDS}}}?"
        r"(?= (?:năm )?(?:19|20)\d\d(?![\w/\-])| (?:số|Số) ?\d| ?,? (?:ngày|Ngày) ?\d)"
    )


# thuvienphapluat closes its short titles with a bare year ("... tài sản công 2025").
_BARE_YEAR = re.compile(r" (?:19|20)\d\d(?![\w/\-])")


def _title_law(text: str, it: _Amended, amending: Mention | None) -> Mention:
    """A law named in an amending title without a number of its own: its name alone."""
    head = _heads_by_key().get(key(text[it.head_start:it.head_end])) or _heads_by_key()[key("Luật")]
    mention = Mention(start=it.head_start, end=it.name_end, anchor=it.head_start,
                      core_end=it.name_end, name=_clean_name(text[it.head_start:it.name_end]),
                      doc_type=head.get("doc_type"), amended_by=amending)
    mention.issuer = implied_issuer(mention.doc_type)
    return mention


def _amending_mention(text: str, s: int, end: int, name: str, head: dict[str, Any]) -> Mention:
    """The amending law itself: its name, then its year, date, issuer as for any law."""
    return _named_mention(text, s, end, name, head, read_year=True)


def _named_mention(text: str, s: int, end: int, name: str, head: dict[str, Any], *, read_year: bool) -> Mention:
    """A document cited by name over text[s:end]: then a year right after it ("Luật Đất
    đai 2024", when `read_year`), the issuer its type implies, a pinpoint before it
    ("khoản 2 Điều 5 Luật ..."), and its date, issuer and subject after it."""
    mention = Mention(start=s, end=end, anchor=s, core_end=end, name=_clean_name(name),
                      doc_type=head.get("doc_type"))
    y = _YEAR_AFTER.match(text, end) if read_year else None
    if y:
        mention.issue_year = int(y.group("year"))
        mention.end = mention.core_end = y.end()
    mention.issuer = implied_issuer(mention.doc_type)
    pin_window = text[max(0, s - BACK_WINDOW):s]
    p_before = _pinpoint_regex().search(pin_window) if _may_pinpoint(pin_window) else None
    if p_before:
        mention.pinpoint = p_before.group("pin").strip(" ,;")
        mention.start = s - (min(s, BACK_WINDOW) - p_before.start("pin"))
    _after(text, mention, subject=mention.doc_type not in citation_forms().cited_by_name)
    return mention


def _postfix_amending(text: str, s: int, end: int) -> tuple[str, int] | None:
    """thuvienphapluat's short title of an amending law: the laws it amends, an amending
    word and the year ("Luật Tổ chức chính phủ và Luật Tổ chức chính quyền địa phương sửa
    đổi 2019"). It is one law of that year; without the year it is ordinary prose ("Luật
    Đất đai sửa đổi thì ...") and the first law stands alone."""
    nxt = _next_law_regex()
    post = _postfix_regex()
    q = end
    for _ in range(AMENDED_MAX):
        pm = post.match(text, q)
        if pm:
            return text[s:pm.end()], pm.end()
        lm = nxt.match(text, q)
        if not lm or lm.group("sep").lower() in ("", " của", ";"):
            return None
        got = _law_name(text, lm.start("head"), lm.end("head"))
        if got is None:
            return None
        q = got[1]
    return None


def _scoped_name(text: str, s: int, head_end: int) -> tuple[str, int] | None:
    """'Kiến trúc Chính quyền điện tử tỉnh Quảng Ngãi phiên bản 1.0': a capitalised name
    that ends in a scope or carries a version."""
    tokens = _name_words(text, head_end)
    if not tokens or not tokens[0][:1].isupper():
        return None
    scope_keys = _scope_keys()
    end = _name_end(text, head_end, tokens, stop_at_scope=True)
    name = text[s:end]
    name_key = key(name)
    scoped = any(f" {k} " in f" {name_key} " for k in scope_keys)
    versions = "|".join(phrase_pattern(v) for v in words()["name_heads"]["version_words"])
    v = re.match(rf",? (?:{versions}) \d{{1,3}}(?:\.\d{{1,3}}){{0,3}}(?![\w.])", text[end:end + 40], re.IGNORECASE)
    if v:
        end += v.end()
        name = text[s:end]
    elif not scoped:
        return None
    # A scope word must be followed by its place ("tỉnh" alone is not a scope).
    if not v and re.search(r"(?:tỉnh|thành phố)$", name):
        return None
    return name, end


def _merge_names(text: str, symbols: list[Mention], names: list[Mention]) -> list[Mention]:
    """'Luật Doanh nghiệp số 59/2020/QH14': the name and the symbol are one citation.

    A name that ends in a type word ("Luật Ban hành văn bản quy phạm pháp luật số
    64/2025/QH15") lends that word to the symbol, which `_before` reads as the symbol's
    own type word ("luật số 64/2025/QH15"): the symbol whose type word ends where the name
    ends is the name's number too, when its code allows the name's type."""
    by_start = {m.start: m for m in symbols}
    # Symbols by where their type word ends (a pinpoint before it moves `start`: none).
    by_type_end = {m.start + len(m.type_word): m for m in symbols
                   if m.type_word is not None and m.pinpoint is None}
    out = list(symbols)
    merged: dict[int, Mention] = {}  # id of a name merged into a symbol -> that symbol
    taken: set[int] = set()  # ids of the symbols that took a name
    for n in names:
        gap_start = n.core_end
        # skip spaces between the name and "số"/the symbol
        q = gap_start
        while q < len(text) and text[q] == " " and q - gap_start < 3:
            q += 1
        target = by_start.get(q)
        borrowed = False  # the symbol's type word is the name's last word
        if target is None or target.type_word is not None:
            target = by_type_end.get(n.core_end)
            borrowed = target is not None
        if borrowed and target is not None and n.start < target.start and target.symbol is not None \
                and type_for_code(target.symbol) in (None, n.doc_type):
            ok = True  # the name's type rules: the type word was no type word
        else:
            ok = target is not None and not borrowed and target.doc_type in (None, n.doc_type)
        # A symbol takes one name: the amending law's own number after its title is not
        # also the number of the last law the title names.
        if ok and target is not None and id(target) not in taken:
            if borrowed:
                target.problems = [p for p in target.problems if p[0] != "type_mismatch"]
            target.start = n.start
            target.name = n.name
            target.type_word = None
            target.doc_type = n.doc_type or target.doc_type
            target.pinpoint = target.pinpoint or n.pinpoint
            target.amended_by = n.amended_by
            merged[id(n)] = target
            taken.add(id(target))
            continue
        out.append(n)
    if merged:
        # An amending law merged with its number: the laws of its title point at the merge.
        for m in out:
            if m.amended_by is not None and id(m.amended_by) in merged:
                m.amended_by = merged[id(m.amended_by)]
    return out
