"""Provinces and centrally-run cities: which one a header or an issuer phrase names.

Local documents are identified by their province ("151/KH-UBND" exists in every province
every year), and the province is written many ways: "UBND TỈNH QUẢNG NGÃI", "Ủy ban nhân
dân thành phố Hà Nội", "TP.HCM", "Khánh Hoà", "Quang Ngai, ngay ...". The table is data
(`data/provinces.json`, via `cancu.graph.vocab.provinces()`), covering the 63 units before
and the 34 after the 1/7/2025 reorganisation (Nghị quyết 202/2025/QH15).

Below the province, a huyện or xã has its own Ủy ban nhân dân numbering its documents as the
province's does ("88/KH-UBND" of huyện Sơn Tịnh and of tỉnh Quảng Ngãi, both of 2020):
`unit_at` and `unit_in` read such a unit ("UBND HUYỆN SƠN TỊNH" → "huyện Sơn Tịnh"), with
the level words of `data/provinces.json` 'units'.

Matching is accent- and case-insensitive on whole words (`fold` + word tokens), so
punctuation and spacing do not matter ("TP.HCM" = "TP HCM"). Several names are also common
words ("hòa bình" = peace, "tư tưởng Hồ Chí Minh"); those entries carry `needs_context`
and are only matched after "tỉnh"/"thành phố"/"TP", before ", ngày", or alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from cancu.graph.text import fold, fold_aligned, match_key
from cancu.graph.vocab import load_table, merger_act, province_cues, unit_words
from cancu.graph.vocab import provinces as province_table

#: Characters of `text` that `province_in` looks at. It is meant for a header line or an
#: issuer phrase; for a whole document the header sits at the top. The bound keeps the cost
#: linear and small (about 1 ms per 10 KB) whatever a caller passes in.
MAX_SCAN_CHARS = 20_000

_TOKEN = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=1)
def _cues() -> tuple[tuple[str, ...], ...]:
    """Words that, right before a name, say it is a province: "tỉnh", "thành phố", "TP",
    "Tỉnh ủy", "UBND <name>" ... (`cues` of data/provinces.json), as folded word tuples."""
    return tuple(tuple(_TOKEN.findall(fold(w))) for w in province_cues().get("words", ()))


@lru_cache(maxsize=1)
def _cue_starts() -> tuple[str, ...]:
    return tuple(" ".join(cue) for cue in _cues())


@dataclass(frozen=True)
class Province:
    """One provincial-level unit over one period of its existence."""

    name: str
    kind: str  # "tỉnh" or "thành phố"
    variants: tuple[str, ...]
    valid_from: str | None
    valid_to: str | None
    merged_into: str | None
    merged_from: tuple[str, ...]
    needs_context: bool
    examples: tuple[str, ...]

    def valid_on(self, day: date | str) -> bool:
        """True when the unit existed on `day` (ISO string or date)."""
        iso = day.isoformat() if isinstance(day, date) else day
        return (self.valid_from is None or self.valid_from <= iso) and (
            self.valid_to is None or iso <= self.valid_to
        )


@dataclass(frozen=True)
class _Variant:
    tokens: tuple[str, ...]
    name: str
    needs_context: bool


@lru_cache(maxsize=1)
def provinces() -> tuple[Province, ...]:
    """Every entry of `data/provinces.json`, in file order."""
    return tuple(
        Province(
            name=p["name"], kind=p["kind"], variants=tuple(p["variants"]),
            valid_from=p.get("valid_from"), valid_to=p.get("valid_to"),
            merged_into=p.get("merged_into"), merged_from=tuple(p.get("merged_from", ())),
            needs_context=bool(p.get("needs_context")), examples=tuple(p.get("examples", ())),
        )
        for p in province_table()
    )


def provinces_on(day: date | str) -> tuple[Province, ...]:
    """The units that existed on `day`: 63 on 2025-06-30, 34 from 2025-07-01."""
    return tuple(p for p in provinces() if p.valid_on(day))


def _tokens(text: str) -> list[re.Match[str]]:
    return list(_TOKEN.finditer(fold(text)))


@lru_cache(maxsize=1)
def _variant_index() -> tuple[dict[tuple[str, ...], _Variant], int]:
    """Folded word tuple → variant, and the longest variant in words.

    A bare spelling of a `needs_context` name ("Hòa Bình", "Ho Chi Minh") keeps the flag;
    spellings that carry their own cue ("TP.HCM", "Thành phố Huế") do not need one.
    """
    index: dict[tuple[str, ...], _Variant] = {}
    for p in provinces():
        bare = tuple(m.group(0) for m in _tokens(p.name))
        for spelling in (p.name, *p.variants):
            key = tuple(m.group(0) for m in _tokens(spelling))
            if not key:
                continue
            index.setdefault(key, _Variant(key, p.name, p.needs_context and key == bare))
    longest = max((len(k) for k in index), default=0)
    return index, longest


@dataclass(frozen=True)
class _Match:
    name: str
    start: int  # token index
    strong: bool  # a cue, a date line, or the whole text
    length: int = 1  # tokens of the name
    cue: int = 0  # tokens of the cue right before it ("tỉnh", "thành phố")
    cued: bool = False  # said with a cue, before it or in its own spelling ("TP.HCM")


def province_in(text: str) -> str | None:
    """The province a header line or issuer phrase names, or None.

    "UBND TỈNH QUẢNG NGÃI" → "Quảng Ngãi"; "Sở Thông tin và Truyền thông tỉnh Kon Tum" →
    "Kon Tum"; "Ủy ban nhân dân tỉnh Thừa Thiên Huế" → "Thừa Thiên Huế" (the longest match
    wins over the "Huế" inside it). A name after "tỉnh"/"thành phố"/"TP" or before ", ngày"
    beats a bare one; among equals the first wins (the issuer heads the document). Only the
    first `MAX_SCAN_CHARS` characters are read.
    """
    found = _best(fold(text[:MAX_SCAN_CHARS]))
    return found[0].name if found else None


def cued_province(text: str) -> str | None:
    """The province a name places its document in, said with its cue ("Kiến trúc Chính
    quyền điện tử tỉnh Quảng Ngãi", "... Thành phố Hồ Chí Minh"), or None. A bare name
    is no place here: "Hiệp định ... Xuyên Thái Bình Dương" is no document of Thái Bình."""
    folded = fold(text[:MAX_SCAN_CHARS])
    tokens = list(_TOKEN.finditer(folded))
    return next((m.name for m in _matches(folded, tokens, [t.group(0) for t in tokens]) if m.cued), None)


def province_span(text: str) -> tuple[str, int, int] | None:
    """`province_in` with where it stands in `text`: (name, start, end), the cue before the
    name included ("... chuyển đổi số tỉnh Quảng Ngãi năm 2026" -> the span of "tỉnh Quảng
    Ngãi"), so a caller can cut the place out of a phrase."""
    found = _best(fold_aligned(text[:MAX_SCAN_CHARS]))  # one folded character per character
    if found is None:
        return None
    best, tokens = found
    return best.name, tokens[best.start - best.cue].start(), tokens[best.start + best.length - 1].end()


def _best(folded: str) -> tuple[_Match, list[re.Match[str]]] | None:
    tokens = list(_TOKEN.finditer(folded))
    words = [m.group(0) for m in tokens]
    best: _Match | None = None
    for found in _matches(folded, tokens, words):
        if best is None or _rank(found) > _rank(best):
            best = found
    return (best, tokens) if best else None


def _rank(m: _Match) -> tuple[bool, int]:
    return (m.strong, -m.start)


def _matches(folded: str, tokens: list[re.Match[str]], words: list[str]) -> list[_Match]:
    index, longest = _variant_index()
    found: list[_Match] = []
    covered = 0  # words inside an earlier match: "Huế" in "Thừa Thiên Huế" is not a match
    for i in range(len(words)):
        if i < covered:
            continue
        for length in range(min(longest, len(words) - i), 0, -1):
            variant = index.get(tuple(words[i:i + length]))
            if variant is None:
                continue
            cue = _cue_before(words, i)
            cued = bool(cue) or _self_cued(variant)
            strong = cued or _date_line(folded, tokens, i + length) or (i == 0 and length == len(words))
            if strong or not variant.needs_context:
                found.append(_Match(variant.name, i, strong, length, cue, cued))
                covered = i + length
            break  # the longest variant starting here; shorter ones are inside it
    return found


def _cue_before(words: list[str], start: int) -> int:
    """The length in words of the cue right before `start` ("thanh pho"), or 0."""
    return max((len(cue) for cue in _cues() if tuple(words[max(start - len(cue), 0):start]) == cue), default=0)


def _self_cued(variant: _Variant) -> bool:
    """A spelling that starts with a cue ("TP.HCM", "TPHCM", "Thành phố Hồ Chí Minh") is its
    own cue."""
    return " ".join(variant.tokens).startswith(_cue_starts())


def _date_line(folded: str, tokens: list[re.Match[str]], after: int) -> bool:
    """`<place>, ngày ...`: the place line of a document header."""
    if after >= len(tokens) or tokens[after].group(0) != "ngay":
        return False
    between = folded[tokens[after - 1].end():tokens[after].start()]
    return between.strip() == ","


def province_by_name(name: str, on: date | str | None = None) -> Province | None:
    """The entry for a written province name ("Khánh Hoà", "TP.HCM", "tỉnh Kon Tum").

    Several entries can share a name (the Quảng Ngãi before and after it absorbed Kon Tum):
    with `on`, the one that existed that day; without, the current one if any, else the most
    recent (a merged unit, whose `merged_into` names its successor).
    """
    index, _ = _variant_index()
    words = tuple(m.group(0) for m in _tokens(name))
    variant = index.get(words) or _without_cue(index, words)
    if variant is None:
        return None
    entries = [p for p in provinces() if p.name == variant.name]
    if on is not None:
        entries = [p for p in entries if p.valid_on(on)]
    if not entries:
        return None
    return max(entries, key=lambda p: (p.valid_to is None, p.valid_to or "", p.valid_from or ""))


def merged_away(name: str | None, on: date) -> tuple[Province, str] | None:
    """For a province written `name` that no longer existed on `on`, having been merged into
    another of another name (Bình Định into Gia Lai from 1/7/2025): its last entry and the
    act that merged it (data/provinces.json 'merged_by'); None otherwise. A unit that kept
    its name while absorbing others (Quảng Ngãi) is no merged-away one."""
    if not name or province_by_name(name, on) is not None:
        return None
    last = province_by_name(name)
    if last is None or not last.merged_into or last.merged_into == last.name \
            or not last.valid_to or last.valid_to >= on.isoformat():
        return None
    return last, merger_act()


def _without_cue(
    index: dict[tuple[str, ...], _Variant], words: tuple[str, ...]
) -> _Variant | None:
    for cue in _cues():
        if words[:len(cue)] == cue and words[len(cue):] in index:
            return index[words[len(cue):]]
    return None


@lru_cache(maxsize=4096)
def province_key(name: str) -> str:
    """One key for every way of writing a province ("tỉnh Quảng Ngãi", "Quang Ngai",
    "TP.HCM" = "Thành phố Hồ Chí Minh"): its entry's folded name, else the folded words
    without a leading "tỉnh"/"thành phố"."""
    entry = province_by_name(name)
    if entry is not None:
        return " ".join(m.group(0) for m in _tokens(entry.name))
    words = tuple(m.group(0) for m in _tokens(name))
    for cue in _cues():
        if words[:len(cue)] == cue and len(words) > len(cue):
            return " ".join(words[len(cue):])
    return " ".join(words)


@lru_cache(maxsize=1024)
def province_keys(name: str, on: date | None = None) -> frozenset[str]:
    """The keys (`province_key`) of the units whose documents are the province `name`'s on
    `on` (today without it): itself, and once it absorbed others (Gia Lai took in Bình Định
    on 01/7/2025) those too, whose plans stay in force in their territory until replaced.
    Before the merger, its own only."""
    entry = province_by_name(name, on) if on is not None else province_by_name(name)
    own = province_key(name)
    if entry is None:
        return frozenset({own})
    # merged_from lists a merger's parts; a renamed unit (Thừa Thiên Huế, the city of Huế
    # from 01/01/2025) names its successor only in merged_into.
    renamed = (p.name for p in provinces() if p.merged_into == entry.name and p.valid_to
               and (on is None or p.valid_to < on.isoformat()))
    return frozenset({own, *(province_key(p) for p in (*entry.merged_from, *renamed))})


def same_province(doc_province: str | None, province: str | None, on: date | None = None, *,
                  merged: bool = True) -> bool:
    """Whether a document of `doc_province` is one of the province `province`'s on `on`
    (with `merged`, also of the units it absorbed by then: `province_keys`)."""
    if not (doc_province and province):
        return False
    key = province_key(doc_province)
    return key in province_keys(province, on) if merged else key == province_key(province)


# --- units below the province ---------------------------------------------------------------

@dataclass(frozen=True)
class Unit:
    """A unit below the province as a text names it: level "huyện", name "Sơn Tịnh", and
    where it stands. `name` is None when the text gives the level alone ("của UBND huyện"):
    which huyện that is depends on who writes it."""

    level: str
    name: str | None
    start: int
    end: int

    @property
    def label(self) -> str:
        """How documents and ids carry it: "huyện Sơn Tịnh", or the bare level."""
        return f"{self.level} {self.name}" if self.name else self.level


@lru_cache(maxsize=1)
def _levels() -> dict[str, str]:
    """Folded level word or abbreviation -> the level as the table writes it."""
    table = unit_words()
    out = {fold(w): w for w in table.get("levels", ())}
    out.update({fold(k): v for k, v in table.get("abbreviations", {}).items()})
    return out


@lru_cache(maxsize=1)
def _level_regex() -> re.Pattern[str]:
    table = unit_words()
    words = [*table.get("levels", ()), *table.get("abbreviations", {})]
    alts = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # A level word ends where its word does: "của UBND huyện;", "TP. Quảng Ngãi" (not the
    # "TP" of "TP.HCM", a province's own spelling).
    return re.compile(rf"[ \t]*(?P<level>{alts})(?![^\W_]|\.[^\W_])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _body_regex() -> re.Pattern[str]:
    alts = "|".join(re.escape(w) for w in sorted(unit_words().get("bodies", ()), key=len, reverse=True))
    return re.compile(rf"(?<![^\W_])(?:{alts})(?![^\W_])", re.IGNORECASE)


_NAME_WORD = re.compile(r" (?P<w>[^\s,;:()“”\"]+)")
_NAME_MAX_WORDS = 4  # "thành phố Phan Rang-Tháp Chàm", "huyện Ia H'Drai"


def unit_at(text: str, pos: int = 0, *, on: date | str | None = None) -> Unit | None:
    """The unit whose level word stands at `pos` ("huyện Sơn Tịnh" in "của UBND huyện Sơn
    Tịnh về ..."), or None. Its name is the capitalised words (or a number: "quận 3") after
    the level, up to the end of the line, a punctuation mark, a lower-case word or "tỉnh";
    none gives the bare level. "thành phố Hà Nội" names a province, not a unit (`on` decides
    for a city that became one: Huế from 2025); "HUYỆN ỦY" is a Party committee."""
    m = _level_regex().match(text, pos)
    if m is None:
        return None
    level = _levels()[fold(m.group("level"))]
    words: list[str] = []
    end = m.end()
    while len(words) < _NAME_MAX_WORDS:
        w = _NAME_WORD.match(text, end)
        if w is None:
            break
        word = w.group("w").rstrip(".")
        # With its accents: "TỊNH" of "SƠN TỊNH" is a name, "tỉnh" the province after it.
        if not word or not (word[0].isupper() or word[0].isdigit()) or match_key(word) == "tỉnh":
            break
        if not words and match_key(word) in {match_key(x) for x in unit_words().get("not_before", ())}:
            return None
        if fold(word) == "thanh" or fold(word) == "tp":
            nxt = _level_regex().match(text, w.start())
            if nxt is not None and _levels()[fold(nxt.group("level"))] != level:
                break  # "huyện X thành phố Y": another unit's level
        words.append(word)
        end = w.start("w") + len(word)
    if not words:
        return Unit(level, None, m.start("level"), m.end())
    name = " ".join(w.title() if w.isupper() else w for w in words)
    if fold(level) == "thanh pho":
        found = province_by_name(name, on)
        if found is not None and found.kind == "thành phố":
            return None
    return Unit(level, name, m.start("level"), end)


def unit_in(text: str, *, on: date | str | None = None) -> Unit | None:
    """The named unit a header line or an issuer phrase gives, with its level at the start
    ("HUYỆN SƠN TỊNH") or after a body's name ("ỦY BAN NHÂN DÂN XÃ TUY PHƯỚC", "VĂN PHÒNG
    HĐND VÀ UBND HUYỆN ĐỨC TRỌNG"), or None. A level word anywhere else is no unit: the
    "XÃ HỘI" of "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI"."""
    head = text[:MAX_SCAN_CHARS]
    for pos in (0, *(b.end() for b in _body_regex().finditer(head))):
        found = unit_at(head, pos, on=on)
        if found is not None and found.name:
            return found
    return None


def split_unit(label: str) -> tuple[str, str | None] | None:
    """A unit's label back in its parts: "huyện Sơn Tịnh" -> ("huyện", "Sơn Tịnh"),
    "huyện" -> ("huyện", None); None when it opens with no level word."""
    m = _level_regex().match(label)
    if m is None:
        return None
    name = label[m.end():].strip()
    return _levels()[fold(m.group("level"))], name or None


@lru_cache(maxsize=1)
def _district_provinces() -> tuple[dict[tuple[str, str], str | None], date | None]:
    """(folded level, folded name) -> the province holding that district-level unit, None
    for a name several provinces share (data/districts.json); and the last day they stood."""
    table = _districts()
    out: dict[tuple[str, str], str | None] = {}
    for province, units in table["provinces"].items():
        for label in units:
            parts = split_unit(label)
            if parts is None or parts[1] is None:
                continue
            key = (fold(parts[0]), fold(parts[1]).lower())
            out[key] = province if out.get(key, province) == province else None
    until = table.get("valid_to")
    return out, date.fromisoformat(until) if until else None


def district_level_gone(level: str | None, on: date) -> tuple[date, str, str] | None:
    """For a level word naming a district-level unit only ("huyện", "quận", "thị xã"), on a
    day after the district level was abolished (1/7/2025): the last day it stood, the law
    that abolished it and the level's name (data/districts.json 'valid_to', 'ended_by',
    'level_name'); None otherwise."""
    levels, last, ended_by, name = _district_end()
    if not level or last is None or fold(level).lower() not in levels:
        return None
    return (last, ended_by, name) if on > last else None


@lru_cache(maxsize=1)
def _districts() -> dict[str, Any]:
    """data/districts.json, read once (shipped with the package: data/derive_districts.py)."""
    return dict(load_table("districts.json"))


@lru_cache(maxsize=1)
def _district_end() -> tuple[frozenset[str], date | None, str, str]:
    table = _districts()
    until = table.get("valid_to")
    return (frozenset(fold(w).lower() for w in table.get("levels", ())),
            date.fromisoformat(until) if until else None, table.get("ended_by", ""), table.get("level_name", ""))


def province_of_unit(label: str | None, on: date | str | None = None) -> str | None:
    """The province a district-level unit ("huyện Sơn Tịnh") stood in, when only one
    province had a unit of that name and it stood on `on` (districts were abolished from
    1/7/2025); None otherwise."""
    if not label:
        return None
    parts = split_unit(label)
    if parts is None or parts[1] is None:
        return None
    table, until = _district_provinces()
    day = date.fromisoformat(on) if isinstance(on, str) else on
    if until is not None and day is not None and day > until:
        return None
    return table.get((fold(parts[0]), fold(parts[1]).lower()))
