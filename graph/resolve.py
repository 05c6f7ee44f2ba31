"""Identity resolution: which knowledge-base node does a mention mean?

A separate, swappable step (style.md, after eyecite): the knowledge base calls a
`Resolver`, and `DefaultResolver` is only the sensible default. For every mention
(`DocumentRef`) of one text the resolver answers one of

* FOUND      — an existing node;
* NEW        — a node that does not exist yet, with the id it must get;
* AMBIGUOUS  — several nodes fit and nothing in the text tells them apart
               (`151/KH-UBND` without a date when the 2019 and the 2020 plan both exist);
* UNRESOLVED — identity needs something the text does not say (an administrative
               number without a year and no candidate, "UBND" without a province).

The last two are never guessed into a node: the knowledge base records them so they can
be listed and counted.

Rules, in order of strength:
1. A symbol plus what identity needs (year for administrative numbers, province for
   local issuers) is an id (`graph.identity.document_id`).
2. Mentions of one symbol inside one text that carry different years are one document
   when their subjects (trích yếu) agree and the years are at most one apart: the seed
   writes `17/NQ-CP ngày 07/3/2019` three times and `ngày 09/3/2020` once, with the same
   subject. The id follows the majority year; the other date becomes a listed conflict.
   Without agreeing subjects the years stay apart (numbers restart every 1 January).
3. An undated mention of an administrative symbol means the one dated mention of that
   symbol in the same text (the short form after the full form, domain.md §5); failing
   that, the one known node whose subject agrees; otherwise it stays unresolved.
4. A law cited by name ("Luật Công nghệ thông tin") resolves against known titles,
   folded and tone-unified; when several laws share the name, the one issued last before
   the citing document's date is the one it can mean; with no date it is ambiguous.
   A name nobody knows becomes a `name/...` node.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from cancu.graph import vocab
from cancu.graph.citation import forms
from cancu.graph.identity import document_id, name_id
from cancu.graph.model import DocumentRef, Extraction
from cancu.graph.symbol import Symbol, parse_symbol
from cancu.graph.text import FOLD_D, fold, slug, squash_ws, unify_tones


class ResolutionStatus(str, Enum):  # noqa: UP042 - same shape as model.Relation
    FOUND = "found"
    NEW = "new"
    AMBIGUOUS = "ambiguous"
    UNRESOLVED = "unresolved"

    def __str__(self) -> str:
        return self.value


@dataclass
class Resolution:
    """The answer for one mention. `id` is set for FOUND and NEW; `candidates` lists what
    an AMBIGUOUS or UNRESOLVED mention could mean, so a user can pick."""

    status: ResolutionStatus
    id: str | None = None
    candidates: list[str] = field(default_factory=list)
    reason: str | None = None  # Vietnamese, for the user

    @property
    def resolved(self) -> bool:
        return self.id is not None


@dataclass
class ExtractionResolution:
    """Resolution of a whole text: the document itself and each citation (same order)."""

    document: Resolution
    citations: list[Resolution]


class NodeIndex(Protocol):
    """What a resolver may ask the knowledge base. Kept narrow so a resolver can be
    tested against a dict and the KB can change its storage freely."""

    def canonical_id(self, doc_id: str) -> str | None:
        """The id a node has now (ids may have been merged), or None if unknown."""

    def ids_with_symbol(self, key: str) -> list[str]:
        """Nodes whose symbol key (see `symbol_key`) is `key`, any year."""

    def ids_with_name(self, key: str) -> list[str]:
        """Nodes whose folded name (type + title, or an alias) is `key`."""

    def names_beginning(self, key: str) -> dict[str, list[str]]:
        """The folded names that begin with the whole words of `key` and go on, each with
        its nodes: "luat an toan thong tin" -> {"luat an toan thong tin mang": [...]}."""

    def subjects_of(self, doc_id: str) -> list[str]:
        """Titles and subjects known for a node (to compare with a mention's)."""

    def date_of(self, doc_id: str) -> dt.date | None:
        """The node's best-supported issue date."""


class Resolver(Protocol):
    """The swappable step. Implementations must never raise on odd input."""

    def resolve_extraction(self, extraction: Extraction, index: NodeIndex) -> ExtractionResolution:
        ...


# --- keys ----------------------------------------------------------------------------------

def symbol_key(sym: Symbol, province: str | None, locality: str | None = None) -> str:
    """A node's symbol regardless of year: `151/KH-UBND@quang-ngai`, `17/NQ-CP`, and for a
    unit below the province `88/KH-UBND@quang-ngai.huyen-son-tinh`.
    Administrative numbers restart yearly, so this key is *not* an identity: it gathers
    the candidates an undated mention could mean."""
    key = sym.canonical()
    if province and sym.issuers and vocab.is_local_issuer(sym.issuers[0]):
        key += "@" + slug(province)
        if locality:
            key += "." + slug(locality)
    return key


_COMBINING = re.compile(r"[\u0300-\u036f]")
_NON_WORD = re.compile(r"[\W_]+")


def name_key(text: str) -> str:
    """Folded, single-spaced, punctuation-free: "Luật Công nghệ thông tin" == "luat cong nghe
    thong tin" == "LUẬT CÔNG NGHỆ THÔNG TIN". Same key as `text.fold` gives, computed with
    regexes because the catalog import folds tens of thousands of titles."""
    decomposed = unicodedata.normalize("NFD", text.translate(FOLD_D))
    return _NON_WORD.sub(" ", _COMBINING.sub("", decomposed).lower()).strip()


def file_document_id(file: str | None, text: str) -> str:
    """Id for an ingested text whose own number is blank ("Số: /KH-VP", a draft) or
    unreadable: named after its file so re-ingesting the file lands on the same node."""
    if file:
        stem = slug(Path(str(file)).stem)
        if stem:
            return f"file/{stem}"
    import hashlib

    return "file/text-" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


# --- subjects ------------------------------------------------------------------------------

_STOP = frozenset(
    "cua ve viec va cac mot so nhung ngay thang nam so tai theo trong de cho voi duoc da "
    "tinh chinh phu ubnd uy ban nhan dan thu tuong".split()
)
_DATE_RE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,6}")
_SUBJECT_STOP = re.compile(r"[;()]|\.\s|\.$")
_SUBJECT_WINDOW = 240
# Agreement needs this many content words on the shorter side: "ngày 07/3/2019 của
# Chính phủ" (two words after stop-words) says nothing about which document is meant.
MIN_SUBJECT_WORDS = 4
SUBJECT_AGREEMENT = 0.8
SUBJECT_PREFIX_WORDS = 12
# At most this share of shared leading words: two subjects are of two documents ("cung
# cấp thông tin và dịch vụ công trực tuyến" / "quản lý ... hạ tầng cấp nước sạch" share
# only "quy định").
SUBJECT_OTHER = 0.34


def subject_words(subject: str | None, limit: int | None = SUBJECT_PREFIX_WORDS) -> list[str]:
    if not subject:
        return []
    text = _DATE_RE.sub(" ", fold(unify_tones(subject)))
    words = [w for w in re.findall(r"[a-z0-9]+", text) if w not in _STOP and not w.isdigit()]
    return words[:limit]


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def years_in(text: str | None) -> set[str]:
    """The years a subject names ("năm 2022", "giai đoạn 2021-2025"), dates left out."""
    return set(_YEAR.findall(_DATE_RE.sub(" ", text or "")))


# "Luật X" / "Bộ luật X" inside a trích yếu; "pháp luật" is no law's name (lower-case "luật").
_LAW_HEAD = re.compile(r"(?<![\w])(?:Bộ\s+[Ll]uật|BỘ\s+LUẬT|Luật|LUẬT)\s+")
# One more word of a name: a comma may come before it (Luật Phòng, chống tham nhũng).
_LAW_NAME_WORD = re.compile(r"\s*(,\s*)?([^\s,;:.()\[\]“”\"]+)")
_LAW_NAME_MAX_WORDS = 12


def laws_named(text: str | None) -> list[tuple[str, ...]]:
    """The laws a trích yếu names, each as its words in lower case with their accents
    ("... của Luật Đấu thầu về lựa chọn nhà thầu" -> [("đấu", "thầu")]). A name ends at
    punctuation, a number, the next law, or a word of data/citation_forms.json
    'law_name_ends'; "Luật này", "Luật sửa đổi ..." ('law_name_stops') name no law."""
    if not text:
        return []
    f = forms()
    out: list[tuple[str, ...]] = []
    for head in _LAW_HEAD.finditer(text):
        words: list[str] = []
        pos = head.end() - 1  # the space before the first word
        while len(words) < _LAW_NAME_MAX_WORDS:
            m = _LAW_NAME_WORD.match(text, pos)
            if not m:
                break
            raw = m.group(2)
            word = unify_tones(raw).lower()
            if (raw[0].isdigit() or word in ("luật", "bộ") or (m.group(1) and raw[0].isupper())
                    or word in f.law_name_ends or (not words and word in f.law_name_stops)):
                break
            words.append(word)
            pos = m.end()
        if words:
            out.append(tuple(words))
    return out


def laws_differ(a: str | None, b: str | None) -> bool:
    """Whether two trích yếu name laws and none of the same: "quy định chi tiết thi hành một
    số điều của Luật Đấu thầu" and "... của Luật Tiếp công dân" are two decrees, however many
    leading words they share. Names are compared as far as the shorter goes ("Luật Đất
    đai" may be "Luật Đất đai năm 2013"), so a name cut short never sets subjects apart."""
    na, nb = laws_named(a), laws_named(b)
    if not na or not nb:
        return False
    return not any(x[:len(y)] == y[:len(x)] for x in na for y in nb)


def subjects_agree(a: str | None, b: str | None) -> bool:
    """Whether two trích yếu describe the same document. Mentions cut the subject at
    different places ("... giai đoạn 2019-" / "... giai đoạn 2019-2020, định hướng đến
    2025"), so the overlap is measured on the leading words of the shorter one; the years
    they name must not set them apart (a province's yearly plans, "... năm 2022" and "...
    năm 2023", share every other word; "đến năm 2025" and "giai đoạn 2021-2025" may be one),
    nor the laws they name (`laws_differ`)."""
    if laws_differ(a, b):
        return False
    ya, yb = years_in(a), years_in(b)
    if ya and yb and ya.isdisjoint(yb):
        return False
    wa, wb = subject_words(a), subject_words(b)
    n = min(len(wa), len(wb))
    if n < MIN_SUBJECT_WORDS:
        return False
    sa, sb = set(wa[:n]), set(wb[:n])
    return len(sa & sb) / len(min(sa, sb, key=len)) >= SUBJECT_AGREEMENT


def subjects_differ(a: str | None, b: str | None) -> bool:
    """Whether two trích yếu, each long enough to tell, clearly describe two documents: at
    most SUBJECT_OTHER of the word pairs of the shorter one stand in the other, both taken
    whole (a subject cut short, or led by other words, "về quản lý, sử dụng tài sản công" /
    "Quy định chi tiết một số điều của Luật Quản lý, sử dụng tài sản công", is one subject).
    The opposite of `subjects_agree` with a margin between them. Subjects naming other
    laws differ whatever else they share (`laws_differ`: the boilerplate "quy định chi tiết
    thi hành một số điều của Luật" fills the leading words of both)."""
    if laws_differ(a, b):
        return True
    pa, pb = _word_pairs(a), _word_pairs(b)
    n = min(len(pa), len(pb))
    if n < MIN_SUBJECT_WORDS - 1:
        return False
    return len(pa & pb) / n <= SUBJECT_OTHER


def _word_pairs(subject: str | None) -> set[str]:
    words = subject_words(subject, limit=None)
    return {f"{x}_{y}" for x, y in zip(words, words[1:], strict=False)}


_NUMBERED = re.compile(r"(?<![\w/])\d{1,4}/\d{4}/[^\W\d_][^\s,;.()]*")


def number_key(symbol: str) -> str:
    """A normative number in one form for comparison: "01/2017/NĐ-CP", "1/2017/ND-CP" and
    "1/2017/NÐ-CP" (with an Icelandic eth) are "1/2017/ND-CP"."""
    parsed = parse_symbol(symbol)
    return fold(parsed.canonical() if parsed else symbol).upper()


def numbers_in(text: str | None) -> set[str]:
    """The normative numbers a text names ("61/2018/NĐ-CP"), each as `number_key`."""
    return {number_key(m) for m in _NUMBERED.findall(text or "")}


def mention_subject(ref: DocumentRef, text: str | None) -> str | None:
    """The subject a mention states, or the words right after it up to the end of its
    clause when the extractor did not cut one out."""
    if ref.subject:
        return ref.subject
    if not text:
        return None
    window = text[ref.end: ref.end + _SUBJECT_WINDOW]
    m = _SUBJECT_STOP.search(window)
    if m:
        window = window[: m.start()]
    window = squash_ws(window)
    return window or None


# --- the default resolver ------------------------------------------------------------------

@dataclass
class _Mention:
    pos: int  # -1 for the document itself
    ref: DocumentRef
    sym: Symbol
    province: str | None
    key: str
    year: int | None
    subject: str | None
    tentative: str | None


@dataclass
class DefaultResolver:
    """The rules in the module docstring. Stateless between calls: everything it knows
    comes from the extraction and the `NodeIndex` it is given."""

    same_document_max_year_gap: int = 1

    def resolve_extraction(self, extraction: Extraction, index: NodeIndex) -> ExtractionResolution:
        doc = extraction.document
        context_province = doc.province
        context_date = doc.date
        results: dict[int, Resolution] = {}
        mentions: list[_Mention] = []
        refs: list[tuple[int, DocumentRef]] = [(-1, doc)] + list(enumerate(extraction.citations))
        years = _years_by_name(extraction.citations)
        for pos, ref in refs:
            if ref.symbol is None:
                if ref.name and pos >= 0:
                    stated = ref.year  # a name has no symbol: its date's year, else "năm 2013"
                    if stated is None and len(said := years.get(name_key(ref.name), set())) == 1:
                        stated = next(iter(said))  # the version the document dated elsewhere
                    results[pos] = self._resolve_name(ref.name, context_date, index, stated)
                elif pos >= 0:
                    results[pos] = Resolution(
                        ResolutionStatus.UNRESOLVED, reason="trích dẫn không có số, ký hiệu hay tên"
                    )
                continue
            sym = ref.symbol
            province = ref.province
            if province is None and sym.issuers and vocab.is_local_issuer(sym.issuers[0]):
                # "của UBND tỉnh" inside a Quảng Ngãi document is UBND tỉnh Quảng Ngãi.
                province = context_province
            year = ref.year  # the symbol's, the date's, or one written alone ("02/NQ-CP năm 2019")
            # The unit below the province ("huyện Sơn Tịnh"): extraction has already taken
            # the citing document's where the citation names none.
            locality = ref.locality if province else None
            tentative = document_id(sym, year=year, province=province, doc_type=ref.doc_type,
                                    locality=locality)
            if tentative is None and year is not None:
                if not sym.issuers:
                    # "38/KH": every body numbers its own 38/KH; no id, whatever the year.
                    reason = f"{sym.canonical()}: ký hiệu không ghi cơ quan ban hành"
                else:
                    where = "tỉnh" if not province else f"{locality} nào"
                    reason = f"{sym.canonical()}: cơ quan ban hành địa phương nhưng không rõ {where}"
                results[pos] = Resolution(ResolutionStatus.UNRESOLVED, reason=reason)
                continue
            mentions.append(_Mention(pos, ref, sym, province, symbol_key(sym, province, locality), year,
                                     mention_subject(ref, extraction.text), tentative))

        by_key: dict[str, list[_Mention]] = {}
        for m in mentions:
            by_key.setdefault(m.key, []).append(m)
        for key, group in by_key.items():
            self._resolve_symbol_group(key, group, index, results)

        doc_res = results.pop(-1, None)
        if doc_res is None or doc_res.id is None:
            fid = file_document_id(extraction.file, extraction.text)
            status = ResolutionStatus.FOUND if index.canonical_id(fid) else ResolutionStatus.NEW
            doc_res = Resolution(status, fid)
        citations = [results.get(i) or Resolution(ResolutionStatus.UNRESOLVED, reason="không xác định")
                     for i in range(len(extraction.citations))]
        return ExtractionResolution(doc_res, citations)

    # -- symbols --

    def _resolve_symbol_group(self, key: str, group: list[_Mention], index: NodeIndex,
                              results: dict[int, Resolution]) -> None:
        dated = [m for m in group if m.tentative]
        # Clusters of tentative ids that mean one document (rule 2), via union-find.
        ids = list(dict.fromkeys(m.tentative for m in dated if m.tentative))
        parent = {i: i for i in ids}

        def find(x: str) -> str:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for a in dated:
            for b in dated:
                if (a.tentative is None or b.tentative is None or a.tentative == b.tentative
                        or a.year is None or b.year is None or -1 in (a.pos, b.pos)):
                    continue  # a header's own date is the document's: another year is another one
                if abs(a.year - b.year) <= self.same_document_max_year_gap and subjects_agree(a.subject, b.subject):
                    parent[find(a.tentative)] = find(b.tentative)
        clusters: dict[str, list[str]] = {}
        for i in ids:
            clusters.setdefault(find(i), []).append(i)
        final: dict[str, str] = {}
        for members in clusters.values():
            own = any(m.pos == -1 and m.tentative in members for m in dated)
            chosen = self._choose_cluster_id(members, dated, index, key, own=own)
            for member in members:
                final[member] = chosen
        for m in dated:
            assert m.tentative is not None
            fid = final[m.tentative]
            existing = index.canonical_id(fid)
            if existing:
                results[m.pos] = Resolution(ResolutionStatus.FOUND, existing)
            else:
                results[m.pos] = Resolution(ResolutionStatus.NEW, fid)

        # Undated mentions (rule 3).
        local = list(dict.fromkeys(final.values()))
        known = [i for i in (index.canonical_id(x) for x in index.ids_with_symbol(key)) if i]
        for m in group:
            if m.tentative:
                continue
            if m.pos == -1:
                continue  # the document itself, undated: it gets a file id
            candidates = list(dict.fromkeys(
                [index.canonical_id(i) or i for i in local] + known))
            if len(local) == 1:
                chosen = index.canonical_id(local[0]) or local[0]
                results[m.pos] = Resolution(
                    ResolutionStatus.FOUND if index.canonical_id(local[0]) else ResolutionStatus.NEW, chosen)
                continue
            agreeing = [c for c in candidates
                        if any(subjects_agree(m.subject, s) for s in self._subjects(c, group, index))]
            if len(agreeing) == 1:
                status = ResolutionStatus.FOUND if index.canonical_id(agreeing[0]) else ResolutionStatus.NEW
                results[m.pos] = Resolution(status, agreeing[0])
            elif not candidates:
                results[m.pos] = Resolution(
                    ResolutionStatus.UNRESOLVED,
                    reason=f"{m.sym.canonical()}: không có ngày nên không biết năm ban hành; "
                           "số văn bản hành chính bắt đầu lại mỗi năm",
                )
            else:
                results[m.pos] = Resolution(
                    ResolutionStatus.AMBIGUOUS,
                    candidates=sorted(candidates),
                    reason=f"{m.sym.canonical()}: không có ngày, có {len(candidates)} văn bản cùng số ký hiệu",
                )

    def _subjects(self, doc_id: str, group: list[_Mention], index: NodeIndex) -> list[str]:
        found = [m.subject for m in group if m.tentative == doc_id and m.subject]
        return found + index.subjects_of(doc_id)

    def _choose_cluster_id(self, members: list[str], dated: list[_Mention], index: NodeIndex, key: str,
                           *, own: bool = False) -> str:
        """One id for mentions that mean one document: an existing node first (ids stay
        stable across ingests), then the year most mentions give, then the first seen.
        The document's own header (`own`) is never a typo of a node of another year."""
        for member in members:
            existing = index.canonical_id(member)
            if existing:
                return existing
        if own:
            return members[0]
        # A node of another year already known with an agreeing subject (rule 2 across texts).
        subjects = [m.subject for m in dated if m.tentative in members and m.subject]
        member_years = {m.year for m in dated if m.tentative in members and m.year}
        for other in index.ids_with_symbol(key):
            cid = index.canonical_id(other)
            if not cid:
                continue
            other_date = index.date_of(cid)
            if other_date and member_years and min(abs(other_date.year - y) for y in member_years) > self.same_document_max_year_gap:
                continue
            if any(subjects_agree(s, t) for s in subjects for t in index.subjects_of(cid)):
                return cid
        counts: dict[str, int] = {}
        for m in dated:
            if m.tentative is not None and m.tentative in members:
                counts[m.tentative] = counts.get(m.tentative, 0) + 1
        best = max(counts.values())
        return next(m for m in members if counts[m] == best)

    # -- names --

    def _resolve_name(self, name: str, context_date: dt.date | None, index: NodeIndex,
                      stated_year: int | None = None) -> Resolution:
        """A document cited by name ("Luật Đất đai"). A year written with the name ("Luật Tổ
        chức Chính phủ năm 2025", "... ngày 19 tháng 6 năm 2015") picks the version of that
        year; when the KB knows only versions of other years, the mention is a version the KB
        does not hold yet (its own node), never the older law of the same name."""
        keys = [name_key(name)]
        full = _full_names().get(fold(squash_ws(name)))
        if full:
            keys.append(name_key(full))
        candidates = list(dict.fromkeys(c for k in keys for c in (index.canonical_id(i) for i in index.ids_with_name(k))
                                        if c))
        # A dated node is a known document even when it has no number (the census's
        # Hiến pháp 2013, a law first read as "Luật X ngày ... năm 2025"); an undated
        # name node is only an earlier mention.
        real = [c for c in candidates if not c.startswith("name/") or index.date_of(c) is not None]
        if not real:
            longer = _longer_name_of(keys[0], index)
            if longer is not None:
                short = self._resolve_name(longer, context_date, index, stated_year)
                if short.status in (ResolutionStatus.FOUND, ResolutionStatus.AMBIGUOUS):
                    short.reason = f"“{name}”: tên viết tắt, chỉ một văn bản có tên bắt đầu như vậy"
                    return short
        if stated_year is not None and real:
            dates = {c: index.date_of(c) for c in real}
            real = [c for c in real if (d := dates[c]) is None or d.year == stated_year]
            if not real:
                nid = name_id(f"{name} {stated_year}")
                found = index.canonical_id(nid)
                return Resolution(ResolutionStatus.FOUND if found else ResolutionStatus.NEW, found or nid,
                                  reason=f"“{name}” năm {stated_year}: chưa có văn bản cùng tên của năm này")
        if context_date is not None and real:
            # A document cannot cite a law passed after it: "Luật Ngân sách nhà nước" in a
            # decision of 2010 is the 2002 law, not the 2015 one the KB may hold alone.
            later = {c for c in real if (d := index.date_of(c)) is not None and d > context_date}
            if later and len(later) == len(real):
                nid = name_id(name)
                found = index.canonical_id(nid)
                if found in later:
                    return Resolution(ResolutionStatus.UNRESOLVED,
                                      reason=f"“{name}”: các văn bản cùng tên trong kho đều ban hành sau "
                                             f"ngày {context_date:%d/%m/%Y} của văn bản dẫn chiếu")
                return Resolution(ResolutionStatus.FOUND if found else ResolutionStatus.NEW, found or nid,
                                  reason=f"“{name}”: văn bản cùng tên trong kho ban hành sau văn bản dẫn chiếu")
            real = [c for c in real if c not in later]
        if len(real) == 1:
            return Resolution(ResolutionStatus.FOUND, real[0])
        if len(real) > 1:
            if context_date is not None:
                dated = [(index.date_of(c), c) for c in real]
                before = [(d, c) for d, c in dated if d is not None and d <= context_date]
                if before:
                    before.sort()
                    return Resolution(ResolutionStatus.FOUND, before[-1][1],
                                      reason="văn bản cùng tên ban hành gần nhất trước ngày của văn bản dẫn chiếu")
            return Resolution(ResolutionStatus.AMBIGUOUS, candidates=sorted(real),
                              reason=f"“{name}”: có {len(real)} văn bản cùng tên, không rõ năm")
        nid = name_id(name)
        if index.canonical_id(nid):
            return Resolution(ResolutionStatus.FOUND, index.canonical_id(nid))
        return Resolution(ResolutionStatus.NEW, nid)


def _longer_name_of(key: str, index: NodeIndex) -> str | None:
    """The one longer name a law cited short stands for: "Luật An toàn thông tin", which no
    law bears, is Luật An toàn thông tin mạng, the only law whose name goes on from it. Only
    for the types cited by name (data/citation_forms.json `cited_by_name`), and only when
    every document so named bears the shortest such name: "Luật Phòng cháy" begins both Luật
    Phòng cháy và chữa cháy and Luật Phòng cháy, chữa cháy và cứu nạn, cứu hộ, so it names
    neither. A name node known from mentions alone (no number, no date) does not count."""
    if not any(key.startswith(t + " ") for t in _by_name_types()):
        return None
    longer = {k: [i for i in ids if not i.startswith("name/") or index.date_of(i) is not None]
              for k, ids in index.names_beginning(key).items()}
    longer = {k: ids for k, ids in longer.items() if ids}
    if not longer:
        return None
    shortest = min(longer, key=lambda k: (len(k), k))
    everyone = {i for ids in longer.values() for i in ids}
    return shortest if everyone <= set(longer[shortest]) else None


@lru_cache(maxsize=1)
def _by_name_types() -> tuple[str, ...]:
    return tuple(name_key(t) for t in forms().cited_by_name)


def _years_by_name(refs: Sequence[DocumentRef]) -> dict[str, set[int]]:
    """The years a document gives each name it cites by name: its căn cứ dates "Luật Ngân
    sách nhà nước ngày 16 tháng 12 năm 2002" once, its body then says "Luật Ngân sách nhà
    nước"; both are the 2002 law."""
    out: dict[str, set[int]] = {}
    for ref in refs:
        if ref.symbol is None and ref.name and ref.year is not None:
            out.setdefault(name_key(ref.name), set()).add(ref.year)
    return out


@lru_cache(maxsize=1)
def _full_names() -> dict[str, str]:
    """"Hiến pháp" is written short for its one full name (data/citation_forms.json)."""
    return {fold(k): v for k, v in forms().fixed_names.items()}


def resolve_refs(refs: Sequence[DocumentRef], index: NodeIndex, *, text: str = "",
                 province: str | None = None, date: dt.date | None = None,
                 resolver: Resolver | None = None) -> list[Resolution]:
    """Resolve loose mentions (a draft's citations, a query) with the same rules, in the
    context of a document of `province` dated `date`. Used by drafting tools."""
    ex = Extraction(file=None, text=text,
                    document=DocumentRef(text="", start=0, end=0, province=province, date=date),
                    citations=list(refs))
    return (resolver or DefaultResolver()).resolve_extraction(ex, index).citations
