"""Copy-ready căn cứ strings in the form Nghị định 30/2020/NĐ-CP prescribes.

A drafter pastes what `format_citation` returns straight into a "Căn cứ ...;" line, so it
must be the form the văn thư rules ask for, not a database label:

    Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, ...
    Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006          (laws by name)
    Luật Tổ chức Chính phủ số 63/2025/QH15                     (laws, from 2025: by number)
    Kế hoạch số 151/KH-UBND ngày 21/12/2020 của Ủy ban nhân dân tỉnh Quảng Ngãi ...

Every word that belongs to the domain (connectors "về"/"ban hành"/"phê duyệt", the types
cited by name, the order of legal force, issuer names) comes from `data/citation_forms.json`
and `data/issuers.json`; the examples in the former are run by tests/test_citation.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from cancu.graph import places, vocab
from cancu.graph.model import Document
from cancu.graph.symbol import SymbolClass, parse_symbol
from cancu.graph.text import fold, squash_ws

BASIS_WORD = "Căn cứ"


@dataclass(frozen=True)
class LeadWords:
    """`data/citation_forms.json` 'lead_words': what opens a line citing a document."""

    default: str  # "Căn cứ"
    by_type: dict[str, str]  # type word -> "Thực hiện"
    party: str  # any Party document
    not_bases: frozenset[str]  # types no line rests on (Báo cáo)
    basis_drafts: frozenset[str] = frozenset()  # drafts whose preamble is "Căn cứ" lines only
    review: str = "Xét"  # a not_bases document named in a preamble


@dataclass(frozen=True)
class CitationForms:
    """`data/citation_forms.json`, read once."""

    subject_verbs: tuple[str, ...]  # folded, longest first
    default_connector: str
    direct_types: frozenset[str]
    abbreviated_connectors: dict[str, str]
    cited_by_name: frozenset[str]
    number_form_since: dt.date
    fixed_names: dict[str, str]
    proper_nouns: tuple[str, ...]
    basis_order: tuple[str, ...]
    amending_words: tuple[str, ...]
    law_name_stops: frozenset[str] = frozenset()
    law_name_ends: frozenset[str] = frozenset()  # "về" ends "Luật Đấu thầu về lựa chọn nhà thầu"
    names_with_type_word: tuple[str, ...] = ()  # folded: "luat su" (Luật Luật sư)
    law_names: re.Pattern[str] | None = None  # "luật X" in a lower-cased title
    name_after: tuple[str, ...] = ()  # the words a name follows in a title ("của", ",")
    lead_words: LeadWords | None = None
    list_additions: tuple[str, ...] = ()  # folded: "danh muc bo sung"


@lru_cache(maxsize=1)
def forms() -> CitationForms:
    t = vocab.load_table("citation_forms.json")
    verbs = sorted({fold(v) for v in t["subject_verbs"]}, key=len, reverse=True)
    return CitationForms(
        subject_verbs=tuple(verbs),
        default_connector=t["default_connector"],
        direct_types=frozenset(t["direct_types"]),
        abbreviated_connectors=dict(t["abbreviated_connectors"]),
        cited_by_name=frozenset(t["cited_by_name"]),
        number_form_since=dt.date.fromisoformat(t["number_form_since"]),
        fixed_names=dict(t["fixed_names"]),
        proper_nouns=tuple(sorted(t["proper_nouns"], key=len, reverse=True)),
        basis_order=tuple(t["basis_order"]),
        amending_words=tuple(t.get("amending_words", ())),
        law_name_stops=frozenset(t.get("law_name_stops", ())),
        name_after=tuple(t.get("law_name_after", ())),
        law_name_ends=frozenset(t.get("law_name_ends", ())),
        names_with_type_word=tuple(fold(n) for n in t.get("names_with_type_word", ())),
        list_additions=tuple(fold(w).lower() for w in t.get("list_additions", ())),
        lead_words=LeadWords(t["lead_words"]["default"], dict(t["lead_words"]["by_type"]), t["lead_words"]["party"],
                             frozenset(t["lead_words"]["not_bases"]), frozenset(t["lead_words"]["basis_drafts"]),
                             t["lead_words"]["review"]),
        # Types named "Luật X" in lower case, not "pháp luật" or "quy phạm pháp luật".
        law_names=re.compile(r"(?:^|,\s|(?<=\s)(?:" + "|".join(re.escape(w) for w in t.get("law_name_after", ()) if w != ",")
                             + r")\s)("
                             + "|".join(re.escape(n.lower()) for n in sorted(t["cited_by_name"], key=len, reverse=True))
                             + r") (\w+)"),
    )


# --- pieces ---------------------------------------------------------------------------

def adds_to_a_list(title: str | None) -> bool:
    """Whether a title is of a document adding to a list ("Danh mục bổ sung ..."): such
    documents of one title are no versions of one another (data/citation_forms.json
    'list_additions')."""
    folded = " ".join(re.findall(r"\w+", fold(title or "").lower()))
    return any(f" {w} " in f" {folded} " for w in forms().list_additions)


def is_amending_name(body: str) -> bool:
    """Whether a name or trích yếu, without its type word, is an amending document's
    ("sửa đổi, bổ sung một số điều của Luật ..."; data/citation_forms.json
    'amending_words'), also after the connector a trích yếu may begin with ("về sửa đổi,
    bổ sung một số điều của Nghị định số 67/2007/NĐ-CP", "về việc sửa đổi ...")."""
    f = forms()
    folded = " ".join(fold(body).split())
    for lead in _connectors():
        if folded.startswith(lead + " "):
            # After a connector only "sửa đổi ..." tells an amendment: "về việc bổ sung kinh
            # phí" adds money, it amends nothing.
            rest = folded[len(lead) + 1:]
            return any(rest.startswith(w) for w in _amending_after_connector())
    return any(folded.startswith(fold(w)) for w in f.amending_words)


@lru_cache(maxsize=1)
def _connectors() -> tuple[str, ...]:
    """The connectors a trích yếu may begin with, folded, longest first ("về việc", "về",
    "v/v")."""
    f = forms()
    written = {*f.abbreviated_connectors, *f.abbreviated_connectors.values(), f.default_connector}
    return tuple(sorted({fold(v) for v in written}, key=len, reverse=True))


@lru_cache(maxsize=1)
def _amending_after_connector() -> tuple[str, ...]:
    """The amending words that still tell an amendment after a connector: those that begin
    like the first one ("sửa đổi, bổ sung" -> "sửa đổi ..."), not "bổ sung" alone."""
    words = [fold(w) for w in forms().amending_words]
    head = min((w for w in words if words[0].startswith(w)), key=len)
    return tuple(w for w in words if w.startswith(head))


def format_date(value: dt.date) -> str:
    """d/m/yyyy with NĐ 30/2020's leading zeros: a day below 10 and a month below 3 get one
    ("07/3/2019", "24/01/2019", "23/4/2018"), which is also how the seeds write them."""
    return f"{value.day:02d}/{_month(value)}/{value.year}"


def format_date_words(value: dt.date) -> str:
    """"ngày 29 tháng 6 năm 2006": the form laws are cited by."""
    return f"ngày {value.day:02d} tháng {_month(value)} năm {value.year}"


def _month(value: dt.date) -> str:
    return f"{value.month:02d}" if value.month < 3 else str(value.month)


def doc_type_name(doc: Document) -> str | None:
    """The Vietnamese type word: the KB's, else the one the symbol's type code names."""
    if doc.doc_type:
        return doc.doc_type
    sym = parse_symbol(doc.symbol) if doc.symbol else None
    if sym is None:
        return None
    if sym.type_code:
        found = vocab.types_for_code(sym.type_code)
        if found:
            return found[0].name
    if sym.issuers and sym.issuers[0].rstrip("0123456789") == "QH" and sym.type_code is None:
        return "Luật"
    if sym.type_code is None and sym.issuers:
        return "Công văn"
    return None


def _province_parts(province: str) -> tuple[str | None, str]:
    """The kind ("tỉnh", "thành phố") and name of a province as data/provinces.json has
    them ("tỉnh Quảng Ngãi", "TP.HCM" and "Quảng Ngãi" alike); a name the table lacks
    written with its kind has no kind of its own here."""
    entry = places.province_by_name(province)
    if entry is not None:
        return ("thành phố" if "thanh pho" in fold(entry.kind) else "tỉnh"), entry.name
    if fold(province).startswith(("tinh ", "thanh pho ", "tp ", "tp.")):
        return None, province
    return "tỉnh", province


def _province_phrase(province: str) -> str:
    """"tỉnh Quảng Ngãi" / "thành phố Hà Nội": the kind comes from data/provinces.json when
    that table says so; a name that already carries its kind is kept as written."""
    kind, name = _province_parts(province)
    return f"{kind} {name}" if kind else name


def issuer_phrase(doc: Document) -> str | None:
    """Issuer names from data/issuers.json ("Chính phủ", "Thủ tướng Chính phủ"), or for a
    code several bodies share the body the KB knows ("Bộ Chính trị" for 57-NQ/TW); local
    bodies with their province ("Ủy ban nhân dân tỉnh Quảng Ngãi"), or their unit below it
    ("Ủy ban nhân dân huyện Sơn Tịnh", as NĐ 30/2020 citations name it); joint issuers joined."""
    codes: list[str] = []
    if doc.issuer:
        codes = [c for c in re.split(r"[-,\s]+", doc.issuer) if c]
    sym = parse_symbol(doc.symbol) if doc.symbol else None
    # A joint symbol names every issuer; a catalog may keep one of them (07/2013/TTLT-BGDĐT-
    # BNV-BTC filed under BTC alone was cited "của Bộ Tài chính": rev39).
    if sym is not None and (not codes or (len(sym.issuers) > len(codes) and set(codes) <= set(sym.issuers))):
        codes = list(sym.issuers)
    names: list[str] = []
    for code in codes:
        found = vocab.issuer(code)
        if found is None:
            continue
        # A code several bodies sign under (TW) takes the body the citing documents agree on.
        name = doc.issuer_name if doc.issuer_name in found.bodies else found.name
        if found.local and doc.locality and found.in_units:
            name = f"{name} {doc.locality}"  # "Ủy ban nhân dân huyện Sơn Tịnh"
        elif found.local and doc.province and found.by_place:
            # A Party committee is named by its place, without the place's kind: "Tỉnh ủy
            # Quảng Ngãi", "Thành ủy Hà Nội" (data/issuers.json by_place).
            kind, place = _province_parts(doc.province)
            name = f"{found.by_place.get(kind or '', name)} {place}"
        elif found.local and doc.province:
            name = f"{name} {_province_phrase(doc.province)}"
        names.append(name)
    if not names:
        return doc.issuer_name or None
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " và " + names[-1]


# A word holding a digit is a number, a date or a symbol ("61/2018/NĐ-CP", "522b/NQ-UBTVQH13"):
# its case is its own, neither a sign of an all-capitals title nor to be lowered with it.
_NUMBERED = re.compile(r"\S*\d\S*")


def _sentence_case(title: str) -> str:
    """An all-capitals title ("LUẬT TỔ CHỨC CHÍNH PHỦ") in sentence case, keeping the
    proper nouns of the table capitalised ("Luật Tổ chức Chính phủ"), the symbols as
    written, and the type word of a document cited by number ("của Nghị định số
    61/2018/NĐ-CP")."""
    words = _NUMBERED.sub(" ", title)
    if words != words.upper() or words == words.lower():
        return title
    f = forms()
    out = re.sub(r"\S+", lambda m: m.group(0) if _NUMBERED.fullmatch(m.group(0)) else m.group(0).lower(), title)
    if f.law_names is not None:
        # The laws a title names keep their names' capitals: "... của Luật Đất đai, Luật Nhà ở"
        # (data/citation_forms.json 'law_name_after', 'law_name_stops').
        def name(m: re.Match[str]) -> str:
            if m.group(2) in f.law_name_stops:
                return m.group(0)
            head = m.group(0)[:m.start(1) - m.start(0)]
            return f"{head}{m.group(1)[:1].upper()}{m.group(1)[1:]} {m.group(2)[:1].upper()}{m.group(2)[1:]}"
        out = f.law_names.sub(name, out)
    bodies, names = _central_bodies()
    out = bodies.sub(lambda m: m.group(1) + (m.group(2)[:1].upper() + m.group(2)[1:] + " " if m.group(2) else "")
                     + names[m.group(3)], out)
    for noun in f.proper_nouns:
        out = re.sub(re.escape(noun.lower()), noun, out)
    out = _numbered_type_words().sub(lambda m: m.group(0)[:1].upper() + m.group(0)[1:], out)
    return out[:1].upper() + out[1:]


@lru_cache(maxsize=1)
def _central_bodies() -> tuple[re.Pattern[str], dict[str, str]]:
    """A central body's name (data/issuers.json), lower-cased, where a title names who
    issued what it cites: after "của", "và", "theo" or a comma, the words before a law's
    name (data/citation_forms.json 'law_name_after'): "... của ủy ban thường vụ quốc hội"
    -> "của Ủy ban Thường vụ Quốc hội". Not elsewhere: "hoạt động kiểm toán nhà nước"
    names no body."""
    names = {b.name.lower(): b.name for b in vocab.issuers() if not b.local and not b.party}
    after = "|".join(re.escape(w) for w in forms().name_after if w != ",")
    # The signer's title may stand before the body: "của bộ trưởng bộ tài chính".
    titles = "|".join(re.escape(w.lower()) for w in vocab.cite_words()["issuer_titles"]["words"])
    pattern = re.compile(rf"((?:(?<!\w)(?:{after})|,)\s+)(?:({titles})\s+)?("
                         + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")
    return pattern, names


@lru_cache(maxsize=1)
def _numbered_type_words() -> re.Pattern[str]:
    """A type word (data/types.json) before "số" and a number, lower-cased: "nghị định số
    61/2018/NĐ-CP", "thông tư liên tịch số 01/2011/TTLT-VPCP-BNV"; or
    before a symbol: "thông tư 38/2018/TT-BTC" (not "quyết định 5 năm")."""
    names = sorted({t.name.lower() for t in vocab.doc_types() if "(" not in t.name}, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in names) + r")(?=\s+số\s+\S*\d|\s+\d[\w.\-]*/)")


_TYPE_PREFIX_CACHE: dict[str, re.Pattern[str]] = {}


def strip_type_word(title: str, type_name: str | None) -> str:
    """Titles often repeat the type ("Thông tư hướng dẫn ...", "Quyết định ban hành ...")."""
    if not type_name:
        return title
    pat = _TYPE_PREFIX_CACHE.get(type_name)
    if pat is None:
        pat = re.compile(rf"^\s*{re.escape(type_name)}\b\s*", re.IGNORECASE)
        _TYPE_PREFIX_CACHE[type_name] = pat
    stripped = pat.sub("", title, count=1)
    return stripped or title


def subject_phrase(doc: Document, type_name: str | None) -> str | None:
    """The trích yếu with its connector: "về thực hiện ...", "phê duyệt Đề án ...",
    "ứng dụng công nghệ thông tin ..." (plans follow the issuer directly)."""
    if not doc.title:
        return None
    title = squash_ws(_sentence_case(doc.title)).rstrip(" .;")
    title = strip_type_word(title, type_name)
    f = forms()
    for abbr, full in f.abbreviated_connectors.items():
        if title.startswith(abbr):
            title = full + " " + title[len(abbr):].lstrip(" :.")
            break
    if not title:
        return None
    folded = fold(title)
    for verb in f.subject_verbs:
        if folded.startswith(verb) and (len(folded) == len(verb) or not folded[len(verb)].isalnum()):
            title = _verb_after_connector(title, verb)
            return title[:1].lower() + title[1:]
    if type_name in f.direct_types:
        return title[:1].lower() + title[1:] if title[:2] != title[:2].upper() else title
    return f"{f.default_connector} {title[:1].lower() + title[1:] if _lower_ok(title) else title}"


def _verb_after_connector(title: str, verb: str) -> str:
    """`title`, opening with the subject verb `verb` (folded), with a verb after the
    connector "về" / "về việc" in lower case: titles copied from a citation keep its
    capital ("về Triển khai thực hiện Nghị định ..."), a slip in the middle of a căn cứ.
    Only a verb: a capital after "về" may start a name ("về Chương trình ...")."""
    f = forms()
    if verb not in {fold(c) for c in (f.default_connector, *f.abbreviated_connectors.values())}:
        return title
    word = title[len(verb):].lstrip()
    folded = fold(word)
    if word[:1].isupper() and not word[:2].isupper() and any(
            folded.startswith(v) and (len(folded) == len(v) or not folded[len(v)].isalnum())
            for v in f.subject_verbs):
        at = len(title) - len(word)
        return title[:at] + word[:1].lower() + word[1:]
    return title


def _lower_ok(title: str) -> bool:
    """Lower-case the first letter of a subject unless it starts a proper noun or an
    acronym ("Chính phủ điện tử", "CNTT")."""
    first = title.split(" ", 1)[0]
    if len(first) > 1 and first.isupper():
        return False
    return not any(title.startswith(n) for n in forms().proper_nouns)


def starts_with_type(title: str, type_name: str) -> bool:
    """Whether a title repeats its type word ("Luật Quản lý thuế" for a Luật), not counting
    a name that owns the word ("Luật sư": data/citation_forms.json names_with_type_word)."""
    folded = fold(title)
    if folded == fold(type_name):
        return True
    own_word = any(folded == n or folded.startswith(n + " ") for n in forms().names_with_type_word)
    return folded.startswith(fold(type_name) + " ") and not own_word


def law_name(doc: Document, type_name: str) -> str:
    """"Luật Công nghệ thông tin" from any title the catalogs give: "Công nghệ thông tin",
    "LUẬT CÔNG NGHỆ THÔNG TIN", "Luật Đất đai 2024", or an alias when there is no title."""
    f = forms()
    if type_name in f.fixed_names:
        return f.fixed_names[type_name]
    candidates = [doc.title] if doc.title else []
    candidates += sorted(a for a in doc.aliases if fold(a).startswith(fold(type_name)))
    raw = next((c for c in candidates if c), None)
    if raw is None:
        return type_name
    title = squash_ws(_sentence_case(raw))
    # Drop what crawlers append: "số 24-L/CTN ngày 14/07/1993 của Quốc hội", "2024".
    # "số" only before a number: "Luật sửa đổi, bổ sung một số điều của Luật ..." keeps it.
    title = re.split(r"\s+(?:số\s+\d\S*|ngày\s+\d|năm\s+\d{4}|\d{4}$|của\s+Quốc hội)", title, maxsplit=1)[0]
    title = title.rstrip(" .;,")
    if starts_with_type(title, type_name):
        body = title[len(type_name):].strip()
    else:
        body = title
    if not body:
        return type_name
    if is_amending_name(body):
        # "Luật sửa đổi, bổ sung một số điều của Luật ...": the name of an amending law is
        # not a subject and keeps its lower case.
        return f"{type_name} {body[:1].lower() + body[1:]}"
    return f"{type_name} {body[:1].upper() + body[1:]}"


# --- the citation ---------------------------------------------------------------------

def format_citation(doc: Document, *, first: bool = True, as_of: dt.date | None = None) -> str:
    """The căn cứ form of `doc`: full the first time it is cited, short afterwards.

    `as_of` is the date of the citing draft: from `number_form_since` on, laws are cited by
    name and number ("Luật Tổ chức Chính phủ số 63/2025/QH15"); before, by name and date.
    Without it, a law passed from that year on is cited by number and an older one by
    date, which is how each was cited when it was new."""
    type_name = doc_type_name(doc)
    f = forms()
    if type_name in f.cited_by_name:
        name = law_name(doc, type_name)
        if name == type_name and type_name not in f.fixed_names:
            # No name known (a catalog row without title): the number identifies it.
            if doc.symbol:
                name = f"{type_name} số {doc.symbol}"
            if not first or not doc.date:
                return name
            return f"{name} {format_date_words(doc.date)}"
        if not first or type_name in f.fixed_names:
            return name
        if as_of is not None:
            by_number = as_of >= f.number_form_since
        else:  # a law passed in the year the number form began is cited by number
            by_number = doc.date is not None and doc.date.year >= f.number_form_since.year
        if by_number and doc.symbol:
            return f"{name} số {doc.symbol}"
        if doc.date:
            return f"{name} {format_date_words(doc.date)}"
        return f"{name} số {doc.symbol}" if doc.symbol else name
    head = type_name or "Văn bản"
    if not doc.symbol:
        # Documents without a number ("Khung Kiến trúc Chính phủ điện tử Việt Nam") are
        # cited by their name alone.
        # Known only by the name others cite it by: its fullest alias, never the KB's id.
        alias = max(sorted(doc.aliases), key=len, default=None)
        return squash_ws(doc.title or alias or doc.id)
    short = f"{head} số {doc.symbol}"
    if not first:
        return short
    parts = [short]
    if doc.date:
        parts.append(f"ngày {format_date(doc.date)}")
    issuer = issuer_phrase(doc)
    if issuer:
        parts.append(f"của {issuer}")
    subject = subject_phrase(doc, type_name)
    if subject:
        parts.append(subject)
    return " ".join(parts)


def _order_key(doc: Document) -> tuple[int, dt.date]:
    order = forms().basis_order
    name = doc_type_name(doc)
    rank = order.index(name) if name in order else len(order)
    return rank, doc.date or dt.date.min


def is_basis(doc: Document) -> bool:
    """Whether a line of a draft can rest on `doc`: not a report, a record or a submission
    (data/citation_forms.json 'lead_words' 'not_bases')."""
    words = forms().lead_words
    return words is None or doc_type_name(doc) not in words.not_bases


def lead_word(doc: Document, draft_type: str | None = None) -> str:
    """The words that open a line of a draft of `draft_type` citing `doc`: "Căn cứ" for a
    legal basis and for anything in a preamble of căn cứ lines (a Quyết định's); in other
    drafts "Thực hiện" for a plan, a directive, an official letter or a Party document
    being carried out; "Xét" for a report or a submission. See data/citation_forms.json
    'lead_words'."""
    words = forms().lead_words
    assert words is not None
    name = doc_type_name(doc)
    if name in words.not_bases:
        return words.review
    if draft_type in words.basis_drafts:
        return words.default
    sym = parse_symbol(doc.symbol) if doc.symbol else None
    if (sym is not None and sym.klass is SymbolClass.PARTY) or (doc.issuer and vocab.is_party_issuer(doc.issuer)):
        return words.party
    return words.by_type.get(name or "", words.default)


def basis_block(docs: Iterable[Document], *, as_of: dt.date | None = None, order: bool = True,
                word: str | None = None, draft_type: str | None = None) -> str:
    """The căn cứ block of a draft: one "Căn cứ ...;" per line, the last ending ".".
    Each line opens with its document's `lead_word` in a draft of `draft_type` ("Thực hiện
    Kế hoạch số ..." in a plan, "Căn cứ Kế hoạch số ..." in a decision), or with `word`.

    With `order`, lines follow the order of legal force (Hiến pháp, luật, nghị định, quyết
    định, thông tư, then local documents; older first within a type), as drafters write
    them; a document given twice is written once."""
    seen: set[str] = set()
    unique: list[Document] = []
    for d in docs:
        if d.id not in seen:
            seen.add(d.id)
            unique.append(d)
    if order:
        unique.sort(key=_order_key)
    lines = [f"{word or lead_word(d, draft_type)} {format_citation(d, as_of=as_of)}" for d in unique]
    if not lines:
        return ""
    return "\n".join([line + ";" for line in lines[:-1]] + [lines[-1] + "."])


def format_citations(docs: Sequence[Document], *, as_of: dt.date | None = None) -> list[str]:
    """Each document in order, full form the first time and short after (one text)."""
    seen: set[str] = set()
    out: list[str] = []
    for d in docs:
        out.append(format_citation(d, first=d.id not in seen, as_of=as_of))
        seen.add(d.id)
    return out
