"""The document itself: who issued it, its number, place and date, type, title, and tasks.

The header follows Nghị định 30/2020/NĐ-CP Phụ lục I:

    UBND TỈNH QUẢNG NGÃI          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
    VĂN PHÒNG                     Độc lập - Tự do - Hạnh phúc
    Số:      /KH-VP               Quảng Ngãi, ngày    tháng 8 năm 2021
                          KẾ HOẠCH
    Ứng dụng công nghệ thông tin, phát triển Chính quyền điện tử ...

PDF extraction puts the two columns one after the other and web crawls run them into one
line; both are read. A draft leaves the number and the day blank ("Số: /KH-VP",
"ngày    tháng 8"): the symbol is then None but the type code (KH) and the month are kept.
An annex ("Phụ lục I ... (Kèm theo Công văn số 784/STTTT ngày 29/7/2020 ...)") has no header
of its own: it takes the date and issuer of the document it is attached to
(`ingest.extract` fills them from that citation).

Tasks are plan items "N. <title>" that have an item "N.k. Căn cứ áp dụng: ..." (the label is
any based_on cue of data/relations.json); the bases are the citations in that item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from cancu.graph import places as _places
from cancu.graph import vocab
from cancu.graph.dates import ParsedDate, find_dates
from cancu.graph.symbol import Symbol, SymbolClass, parse_symbol
from cancu.graph.text import fold, match_key, squash_ws, unify_tones
from cancu.ingest import cites
from cancu.ingest.normalize import phrase_pattern

HEADER_CHARS = 4000  # the header is at the top; never read further for it
TITLE_MAX_LINES = 6


@dataclass
class Header:
    """What the header says. Offsets are into the original text."""

    start: int = 0
    end: int = 0
    doc_type: str | None = None
    type_code: str | None = None
    symbol: Symbol | None = None
    number_span: tuple[int, int] | None = None
    issuer: str | None = None
    issuer_text: str | None = None
    # The issuer was read from the parent line alone ("UBND TỈNH QUẢNG NGÃI"), the lines
    # below it naming no body or place that could be read: the code of the document's own
    # symbol is then the better word on who issued it (`_number`).
    issuer_is_parent: bool = False
    province: str | None = None
    locality: str | None = None  # the unit below the province: "huyện Sơn Tịnh"
    place: str | None = None
    date: ParsedDate | None = None
    title: str | None = None
    # Where the type heading opening the title stands ("KẾ HOẠCH" / "Thực hiện ..."); the
    # title ends with the header, at `end`. A quote from the title stays within it.
    title_start: int | None = None
    annex_span: tuple[int, int] | None = None  # the "(Kèm theo ...)" line of an annex
    notes: list[str] = field(default_factory=list)


@dataclass
class TaskSpan:
    """A task heading and the span of its basis item (original offsets)."""

    title: str
    start: int
    end: int
    basis_spans: list[tuple[int, int]] = field(default_factory=list)


@lru_cache(maxsize=1)
def _table() -> dict[str, list[str]]:
    return cites.words()["header"]


@lru_cache(maxsize=1)
def _motto_regex() -> re.Pattern[str]:
    alts = "|".join(phrase_pattern(m) for m in _table()["motto"])
    return re.compile(rf"(?:{alts})", re.IGNORECASE)


# The last group of a number that PDF text broke after its hyphen, a few spaces on or on
# the next line, perhaps after a blank one ("38/KH- STTTT", "Số: 38/KH-\nSTTTT"): an issuer
# code in capitals, perhaps ending in one small letter (TTg), and a whole word. A place
# beside it in the other column ("Long An, ngày ...", "An Giang") is no code.
_CODE = r"[A-ZĐ][A-ZĐ0-9]{1,20}[a-z]?(?![^\W\d_])"
_BROKEN_GROUP = rf"(?<=-)[ \t]{{0,3}}(?:\n[ \t]{{0,3}}){{0,2}}{_CODE}"
# Or the other column goes on after the hyphen on the number's line, and the group opens
# the next line ("Số: 38/KH-        Quảng Ngãi, ngày 05 ...\nSTTTT"): `rest`.
_GROUP_BELOW = rf"(?:(?<=-)[ \t]{{2,}}[^\n]{{0,120}}(?:\n[ \t]{{0,3}}){{1,2}}(?P<rest>{_CODE}))?"


@lru_cache(maxsize=1)
def _number_regex() -> re.Pattern[str]:
    labels = "|".join(phrase_pattern(w) for w in sorted(_table()["number_labels"], key=len, reverse=True))
    # After the run of non-spaces, the last group may stand apart: " -UBND", " - UBND", or
    # broken after its hyphen (`_BROKEN_GROUP`).
    last = rf"(?: ?- ?[A-ZĐ][A-Za-zĐđ]{{0,20}}|{_BROKEN_GROUP})?"
    return re.compile(
        rf"(?<![^\W\d_])(?:{labels}|SỐ|LUẬT SỐ)[ \t]{{0,3}}:[ \t]{{0,3}}\n?[ \t]{{0,3}}(?P<num>[0-9.…]{{0,8}}[ \t]{{0,20}}/[^\s]{{1,60}}{last}|\d[^\s]{{0,60}}{last})"
        + _GROUP_BELOW
    )


@lru_cache(maxsize=1)
def _party_number_regex() -> re.Pattern[str]:
    """A Party document's number line, written without the colon: "Số 98-KH/TU" (the
    number, a hyphen, the type code, a slash, the issuer). Only that shape, with the label
    opening a line or a column (after two spaces, or the "*" under the committee's name),
    is taken without a colon: "Nghị quyết số 57-NQ/TW" in a sentence cites another
    document. A draft leaves the number blank: "Số    -KH/TU"."""
    labels = "|".join(phrase_pattern(w) for w in _table()["party_number_labels"])
    upper = "|".join(phrase_pattern(w.upper()) for w in _table()["party_number_labels"])
    return re.compile(
        rf"(?:^|(?<=[ \t]{{2}})|(?<=\*[ \t]))[ \t]{{0,40}}(?:{labels}|{upper})[ \t]{{1,3}}(?P<num>\d{{0,6}}[a-z]?[ \t]{{0,20}}-[A-ZĐ][A-Za-zĐđ]{{0,6}}/[A-ZĐ][^\s]{{0,40}})",
        re.MULTILINE,
    )


def _number_line(head: str, motto: re.Match[str] | None) -> re.Match[str] | None:
    """The first number line of the header, with or without its colon."""
    party = _party_number_regex().search(head)
    if party is not None and not _in_header_block(head, party.start(), motto):
        party = None
    found = [m for m in (_number_regex().search(head), party) if m]
    return min(found, key=lambda m: m.start()) if found else None


def _in_header_block(head: str, at: int, motto: re.Match[str] | None) -> bool:
    """Whether `at` stands in the header block: before the type heading, and near the
    motto or, with none, above a type heading. A Party number without its colon is the
    document's own only there; in the body ("Số 12-KH/TU ngày 10/3/2025 của Ban Thường vụ
    Tỉnh ủy ...") it cites another document."""
    if any(_heading_type(line) for line in head[:at].splitlines()):
        return False
    if motto is not None:
        return at - motto.end() <= _AFTER_MOTTO_CHARS
    return any(_heading_type(line) for line in head[at:].splitlines()[1:])


def _heading_type(line: str) -> tuple[str, int] | None:
    """The document type an upper-case heading line opens with ("KẾ HOẠCH", "NGHỊ QUYẾT
    ..."), and how many words name it."""
    s = line.strip()
    if not s or not s.isupper():
        return None
    index = cites._type_index()
    words = s.split()
    for n in range(min(index.max_words, len(words)), 0, -1):
        t = index.by_key.get(match_key(" ".join(words[:n])))
        if t is not None:
            # "CHƯƠNG TRÌNH HÀNH ĐỘNG của Ban Thường vụ ...": a variant that runs on from the
            # type's name is the type and the first words of the title.
            named = len(t.name.split())
            if n > named and match_key(" ".join(words[:named])) == match_key(t.name):
                n = named
            return t.name, n
    return None


# The place-date line: "Quảng Ngãi, ngày 05 tháng 01 năm 2020". PDF and web text lose the
# comma ("Hà Nội ngày 11 tháng 4 năm 2025", NĐ 87/2025), break the line after it ("Hà Nội,\n
# ngày 05 ...") or run the place onto the number line ("Số: 12/KH-UBND Quảng Ngãi, ngày
# ..."); a place may be abbreviated ("TP. Hồ Chí Minh"). A code of the symbol before it is
# not the place ("12/KH-UBND Quảng Ngãi": the place starts after "UBND"). A numbered
# quận or phường of a city ends with its number ("Quận 3, ngày 20 tháng 4 năm 2023").
_PLACE_DATE = re.compile(
    r"(?<![\w/.\-])(?P<place>[A-ZĐ][^\W\d_]{0,15}(?:(?:\.?[ \t]|\.)[A-ZĐ][^\W\d_]{0,15}){0,4}"
    r"(?:[ \t]\d{1,2}(?!\d))?)"
    r"[ \t]{0,3}(?P<comma>,?)\s{0,3}(?:ngày|Ngày)\s{0,40}(?:\d{1,2}\s{0,10})?(?:tháng|/)"
)
_LINE = re.compile(r"[^\n]*\n?")


@lru_cache(maxsize=1)
def _body_opener_regex() -> re.Pattern[str]:
    """A body opener ('body_openers': "Căn cứ", "Theo đề nghị") written as a sentence
    opens, wherever a line of crawled text has it."""
    alts = "|".join(phrase_pattern(w) for w in _table()["body_openers"])
    return re.compile(rf"(?<![^\W\d_])(?:{alts})(?![^\W\d_])")


def _place_date(head: str) -> re.Match[str] | None:
    """The header's place-date line: the first one above the body (a date in a căn cứ,
    "... của HĐND tỉnh Quảng Ngãi ngày 23 tháng 4 năm 2018", is another document's). One
    without its comma is taken only where a place line may stand: at the start of a line
    or after the number ("Số: 87/2025/NĐ-CP Hà Nội ngày 11 ..."), not after a word of a
    sentence ("tỉnh Quảng Ngãi ngày ...")."""
    body = _body_opener_regex().search(head)
    body_at = body.start() if body else len(head)
    for m in _PLACE_DATE.finditer(head, 0, body_at):
        if m.group("comma") or _stands_as_place(head, m.start()):
            return m
    return None


def _stands_as_place(text: str, at: int) -> bool:
    """Whether a place written at `at` opens a line or a column: nothing before it on its
    line but upper-case words, a number or a symbol."""
    before = text[text.rfind("\n", 0, at) + 1:at].split()
    return not before or not before[-1][0].islower()


@lru_cache(maxsize=1)
def _typed_bare() -> tuple[re.Pattern[str], dict[str, str]]:
    """The header's own words typed without diacritics, in the shapes only a header gives
    them, and the written word each stands for. Unmarked "so", "ngay", "nam" are common
    words, so each is taken only in its place: a number label ('number_labels', "So:")
    opening a line or a column before a number, blank or not ("So: 118/KH-SYT", "So:
    /KH-VP"); a body opener ('body_openers', "Can cu") opening a line; the date words
    ('date_words') with a date's numbers between them ("ngay 15 thang 3 nam 2024")."""
    t = _table()
    written = {fold(w): w for w in (*t["number_labels"], *t["body_openers"], *t["date_words"])}
    labels = "|".join(re.escape(fold(w)) for w in sorted(t["number_labels"], key=len, reverse=True))
    openers = "|".join(re.escape(fold(w)) for w in t["body_openers"])
    day, month, year = (re.escape(fold(w)) for w in t["date_words"])
    return re.compile(
        rf"(?:^|(?<=[ \t]{{2}}))[ \t]{{0,40}}(?P<label>{labels})"
        rf"(?=[ \t]{{0,3}}:[ \t]{{0,3}}\n?[ \t]{{0,3}}[0-9.…]{{0,8}}[ \t]{{0,20}}[/-])"
        rf"|^[ \t]{{0,20}}(?P<opener>{openers})(?![^\W\d_])"
        rf"|(?<![^\W\d_])(?P<day>{day})[ \t]{{1,20}}(?:\d{{1,2}}[ \t]{{1,20}})?(?P<month>{month})[ \t]{{1,20}}"
        rf"\d{{1,2}}[ \t]{{1,20}}(?P<year>{year})(?=[ \t]{{1,20}}\d{{4}}(?!\d))",
        re.IGNORECASE | re.MULTILINE,
    ), written


def _with_marks(head: str) -> str:
    """`head` with the header words a writer typed without diacritics ("So: 118/KH-SYT",
    "Ha Tinh, ngay 15 thang 3 nam 2024") written with them, in the writer's case; every
    word keeps its length, so offsets into `head` hold for the text."""
    regex, written = _typed_bare()
    if regex.search(head) is None:
        return head
    out = list(head)
    for m in regex.finditer(head):
        for group in ("label", "opener", "day", "month", "year"):
            if m.group(group) is None:
                continue
            typed = m.group(group)
            word = written.get(" ".join(typed.lower().split()))
            if word is None or len(word) != len(typed):
                continue
            start = m.start(group)
            out[start:start + len(typed)] = [w.upper() if t.isupper() else w for t, w in zip(typed, word, strict=True)]
    return "".join(out)


def parse_header(text: str) -> Header:
    """Read the header of `text` (never raises; unknown parts stay None)."""
    h = Header()
    # Web pages put no-break spaces in the header ("Luật số:\xa023/2018/QH14", "ngày\xa012");
    # one character for one keeps every offset, as does marking a header typed without
    # diacritics (`_with_marks`).
    head = _with_marks(text[:HEADER_CHARS].replace("\xa0", " "))
    motto = _motto_regex().search(head)
    annex = _annex(head)
    num = _number_line(head, motto)
    pd = _place_date(head)
    if motto:
        _issuer_block(head[: motto.start()], _after_motto(head, motto, num, pd), h)
    elif num is not None and (above := _block_above(head, num.start())):
        # Copied from a portal without the motto ("ỦY BAN NHÂN DÂN / HUYỆN KRÔNG PẮC /
        # Số: 2150/QĐ-UBND"): the capitals right above the number are the issuer's.
        _issuer_block(above, "", h)
    if num:
        _number(num, h)
    if pd:
        h.place = pd.group("place")
        dates = [d for d in find_dates(head[pd.start():pd.start() + 120]) if d.start < 60]
        if dates:
            d = dates[0]
            h.date = ParsedDate(d.text, pd.start() + d.start, pd.start() + d.end, d.value,
                                d.year, d.month, d.day, d.problem, d.partial)
    after = max([x for x in (num.end() if num else 0, h.date.end if h.date else 0, motto.end() if motto else 0)])
    if annex is not None:
        h.doc_type, h.title, h.annex_span = annex
        h.start, h.end = 0, h.annex_span[1]
    else:
        _type_and_title(head, after, h)
        if h.title_start is None:
            _letter_subject(head, num.start() if num else motto.end() if motto else 0, h)
        h.end = max(after, h.end)
    if h.symbol is not None and (h.doc_type is None or h.symbol.klass is SymbolClass.CONSOLIDATED):
        # A consolidated text's heading ("LUẬT ĐẤT ĐAI") names the law it consolidates; the
        # text itself is a văn bản hợp nhất (26/VBHN-VPQH).
        h.doc_type = cites.type_for_code(h.symbol) or h.doc_type
    if vocab.in_units(h.issuer) and h.issuer_text:
        # "ỦY BAN NHÂN DÂN / HUYỆN SƠN TỊNH": the huyện's own committee, not the province's.
        on = h.date.value if h.date and h.date.value else None
        units = (_places.unit_in(line, on=on) for line in h.issuer_text.split(" / "))
        h.locality = next((u.label for u in units if u is not None), None)
        if h.province is None:
            # A district names its province (data/districts.json), when no other has its name.
            h.province = _places.province_of_unit(h.locality, on=on)
    central = h.issuer is not None and not vocab.is_local_issuer(h.issuer)
    if central:
        h.province = None
    elif h.province is None and vocab.provinces():
        # No issuer block (an annex, a letter's body): the province the text names first
        # after "tỉnh"/"thành phố" is the one a bare "UBND tỉnh" means.
        h.province = _places.province_in(text[: _places.MAX_SCAN_CHARS])
    return h


# How far below the motto the issuer's column may go on: a few lines, never the body.
_AFTER_MOTTO_CHARS = 600


def _after_motto(head: str, motto: re.Match[str], num: re.Match[str] | None,
                 pd: re.Match[str] | None) -> str:
    """The header between the motto and the number or place-date line that follows it.

    PDF text of a two-column header runs the columns side by side ("UBND TỈNH LONG AN
    CỘNG HÒA XÃ HỘI ..." / "SỞ THÔNG TIN VÀ TRUYỀN THÔNG    Độc lập - Tự do - Hạnh phúc")
    or interleaves them line by line, so the issuer's unit may stand after the motto.
    Without a number or date line below the motto there is no header to bound it: ''."""
    stops = [m.start() for m in (num, pd) if m is not None and m.start() >= motto.end()]
    if not stops or min(stops) - motto.end() > _AFTER_MOTTO_CHARS:
        return ""
    return head[motto.end():min(stops)]


def _tail_pattern(tail: str) -> str:
    """A motto tail as PDF and web text write it: its parts joined by any of the
    'motto_dashes' with or without spaces, its words one or more spaces apart ('Độc lập –
    Tự do – Hạnh phúc', 'Độc lập—Tự do—Hạnh phúc')."""
    dashes = "".join(re.escape(d) for d in _table()["motto_dashes"])
    parts = [p.strip() for p in re.split(f"[{dashes}]", tail)]
    words = [phrase_pattern(p).replace(" ", r"[ \t]+") for p in parts if p]
    return rf"[ \t]*[{dashes}][ \t]*".join(words)


@lru_cache(maxsize=1)
def _motto_line_regex() -> re.Pattern[str]:
    """Either motto line, first ('motto') or second ('motto_tails'), wherever it stands."""
    alts = "|".join([*(phrase_pattern(m) for m in _table()["motto"]),
                     *(_tail_pattern(t) for t in _table()["motto_tails"])])
    return re.compile(rf"(?:{alts})", re.IGNORECASE)


def _is_upper_name(line: str) -> bool:
    return bool(line) and line == line.upper() and any(c.isalpha() for c in line)


def _names_a_body(cell: str, parent: str | None) -> bool:
    """An upper-case cell below the motto belongs to the issuer's column when it names a
    body, alone or under its parent ("VĂN PHÒNG" of "UBND TỈNH QUẢNG NGÃI"), a province
    ("TỈNH BÌNH ĐỊNH" under "ỦY BAN NHÂN DÂN") or a unit below it ("HUYỆN ĐỨC TRỌNG"); a
    stamp ("DỰ THẢO") does not."""
    return _body_named(cell, parent) or _names_a_place(cell)


def _body_named(name: str, parent: str | None) -> bool:
    """Whether `name` names a body of data/issuers.json, alone, without its place or under
    its parent ("VĂN PHÒNG" of "UBND TỈNH QUẢNG NGÃI")."""
    names = [name, _strip_place(name)]
    if parent:
        names.append(name + " " + _strip_place(parent))
    return any(vocab.issuer_by_name(n) is not None for n in names)


# A body's name wraps over at most this many lines of its column ("SỞ LAO ĐỘNG -" /
# "THƯƠNG BINH VÀ" / "XÃ HỘI").
_WRAP_LINES = 3


def _unwrapped(cells: list[tuple[str, bool]], parent: str | None) -> list[tuple[str, bool]]:
    """The issuer's column with a body's name wrapped over two or three lines joined into
    one ("SỞ THÔNG TIN VÀ" / "TRUYỀN THÔNG"): a line that names no body, with the lines
    after it, when together they name one. Each cell carries whether it stood below the
    motto; a joined one did when all its lines did."""
    out: list[tuple[str, bool]] = []
    k = 0
    while k < len(cells):
        taken = 1
        if not _body_named(cells[k][0], parent):
            for n in range(2, min(_WRAP_LINES, len(cells) - k) + 1):
                if _body_named(" ".join(c for c, _ in cells[k:k + n]), parent):
                    taken = n
                    break
        part = cells[k:k + taken]
        out.append((" ".join(c for c, _ in part), all(below for _, below in part)))
        k += taken
    return out


def _names_a_place(cell: str) -> bool:
    """A line of the issuer's column naming a unit below the province or, with the
    provinces table, a province ("TỈNH BÌNH ĐỊNH" under "ỦY BAN NHÂN DÂN")."""
    if _places.unit_in(cell) is not None:
        return True
    return bool(vocab.provinces()) and _places.province_in(cell) is not None


def _block_above(head: str, at: int) -> str:
    """The lines right above `at` (a number line) that are names in capitals, at most
    three: an issuer block with no motto beside it; empty when the line above is no such name."""
    lines = head[:at].splitlines()
    block: list[str] = []
    for line in reversed(lines[-4:]):
        if not line.strip():
            if block:
                break
            continue
        if not _is_upper_name(line.strip()):
            break
        block.insert(0, line)
    return "\n".join(block)


def _issuer_block(block: str, after_motto: str, h: Header) -> None:
    lines = [re.sub(r"[-–—_=*]{2,}", " ", ln).strip() for ln in block.splitlines()]
    upper = [ln for ln in lines if _is_upper_name(ln)]
    parent0 = upper[0] if upper else None
    # The issuer's column below the motto: the motto lines taken out, each line split into
    # its columns (two or more spaces apart).
    rest = _motto_line_regex().sub(lambda m: " " * len(m.group(0)), after_motto)
    cells = [(ln, False) for ln in upper[1:]]
    for ln in rest.splitlines():
        for cell in re.split(r"[ \t]{2,}", re.sub(r"[-–—_=*]{2,}", "  ", ln)):
            cell = cell.strip()
            if _is_upper_name(cell):
                cells.append((cell, True))
    # Every line above the motto is the issuer's; below it only a cell that names a body or
    # a place is (not a stamp, "DỰ THẢO").
    upper = upper[:1]
    for cell, below in _unwrapped(cells, parent0):
        if not below or _names_a_body(cell, upper[0] if upper else None):
            upper.append(cell)
    if not upper:
        return
    parent = upper[0]
    unit = upper[-1] if len(upper) > 1 else None
    h.issuer_text = " / ".join(upper)
    province = None
    if vocab.provinces():
        province = _places.province_in(parent)
    stripped = _strip_place(parent)
    # The unit under its parent ("ĐẢNG BỘ TỈNH LÂM ĐỒNG / HUYỆN ỦY ĐỨC TRỌNG") names its
    # own place too.
    unit_body = _strip_place(unit) if unit else None
    # "UBND XÃ TUY PHƯỚC": the body before the unit below the province.
    below = _places.unit_in(parent)
    body = parent[:below.start].strip() if below is not None else None
    own = [c for c in ((unit + " " + stripped) if unit else None, unit, unit_body) if c]
    for c in [*own, *(c for c in (stripped, body, parent) if c)]:
        found = vocab.issuer_by_name(c)
        if found is not None:
            h.issuer = found.code
            # Read from the parent, while the line below names neither a body nor a place.
            h.issuer_is_parent = unit is not None and c not in own and not _names_a_place(unit)
            break
    if province is None and re.search(r"(?i)\b(tỉnh|thành phố)\b", parent):
        province = parent.split(None, 3)[-1].title() if len(parent.split()) > 2 else None
    if h.issuer and vocab.is_local_issuer(h.issuer):
        h.province = province
    elif province:
        h.province = province


@lru_cache(maxsize=1)
def _title_stops() -> tuple[str, ...]:
    """Match keys of the words whose line ends a title (data/cite_words.json header)."""
    return tuple(match_key(x) for x in _table()["title_stops"])


@lru_cache(maxsize=1)
def _narrative_opener() -> re.Pattern[str]:
    """A body's first sentence on the past, written as a sentence opens it (data/cite_words.json
    header 'narrative_openers'): "Thời gian qua, ...", never "thời gian qua" ending a title."""
    alts = "|".join(re.escape(unify_tones(w)) for w in _table()["narrative_openers"])
    return re.compile(rf"(?:{alts})(?![^\W\d_])")


@lru_cache(maxsize=1)
def _body_starts() -> tuple[str, ...]:
    """Keys of the words a line of the body opens with, above which every heading stands:
    the body openers ("Căn cứ") and a letter's salutation ("Kính gửi")."""
    return tuple(match_key(x) for x in (*_table()["body_openers"], *_table()["letter_subject_ends"]))


@lru_cache(maxsize=1)
def _title_openers() -> tuple[str, ...]:
    return tuple(match_key(x) for x in _table()["title_openers"])


@lru_cache(maxsize=1)
def _body_end_regex() -> re.Pattern[str]:
    """The shortest head of a line that ends at a level word (data/cite_words.json header
    'province_levels', the units' levels of data/provinces.json) or a Party committee's
    words ('party_committees'); the committee is tried first, so 'TỈNH ỦY HẢI DƯƠNG' ends
    after 'ỦY', not after 'TỈNH'."""
    ends = [*_table()["party_committees"], *_table()["province_levels"], *vocab.unit_words().get("levels", ())]
    alts = "|".join(phrase_pattern(w) for w in ends)
    return re.compile(rf"(.*?(?<![^\W_])(?:{alts}))(?![^\W_])", re.IGNORECASE)


def _strip_place(line: str) -> str:
    """The body without its place: 'UBND TỈNH QUẢNG NGÃI' -> 'UBND TỈNH', 'TỈNH ỦY HẢI
    DƯƠNG' -> 'TỈNH ỦY', 'HUYỆN ỦY ĐỨC TRỌNG' -> 'HUYỆN ỦY'."""
    m = _body_end_regex().match(" ".join(line.split()))
    return m.group(1) if m else line


def _letter_unit_below(raw: str, broken: re.Match[str], m: re.Match[str]) -> bool:
    """A công văn's number broken before its unit ("Số: 1234/STTTT-\nCNTT"): the group is
    the drafting unit's code, no issuer's, so it is taken when the number is a letter's
    (issuer, no type code) and the group stands alone in its column, as a heading ("QUY
    ĐỊNH") or a place ("LONG AN, ngày") written there does not."""
    if m.groupdict().get("rest"):
        return False
    sym = parse_symbol(raw[:broken.start()] + "-" + broken.group(1))
    if sym is None or sym.klass is not SymbolClass.OFFICIAL_LETTER:
        return False
    return _COLUMN_END.match(m.string, m.end("num")) is not None


_COLUMN_END = re.compile(r"[ \t]*(?:\n|$)|[ \t]{2}|\t")


def _number(m: re.Match[str], h: Header) -> None:
    group = m.group("num")
    raw = group.strip()
    start = m.start("num") + len(group) - len(group.lstrip())  # a draft's blank: "Số    -KH/TU"
    h.number_span = (start, start + len(raw))
    raw += m.groupdict().get("rest") or ""
    broken = re.search(r"-\s+(\S+)$", raw)
    if broken is not None and vocab.lookup_issuer_code(broken.group(1)) is None \
            and not _letter_unit_below(raw, broken, m):
        # Only an issuer code finishes a number broken after its hyphen: a heading below
        # ("QUY ĐỊNH", "DANH MỤC") or a place in the other column ("TP. Hồ Chí Minh",
        # "LONG AN, ngày ...") is none.
        raw = raw[:broken.start()]
    if raw and raw[0].isdigit():
        sym = parse_symbol(raw)
        if sym is not None:
            h.symbol = sym
            h.type_code = sym.type_code
            code = sym.issuers[0] if sym.issuers else None
            if h.issuer is None or (h.issuer_is_parent and code is not None and vocab.issuer(code) is not None):
                # "UBND TỈNH QUẢNG NGÃI" over a department's name the header could not read
                # ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG" damaged): the parent did not issue
                # "38/KH-STTTT"; the code the document gives itself did.
                h.issuer = code
            return
    # A draft's blank number: "/KH-VP", "…/2016/QH14". Read the codes behind the blank.
    tail = raw.lstrip("0123456789.… \t")
    sym = parse_symbol("1" + tail)
    if sym is not None:
        h.type_code = sym.type_code
        h.notes.append("số để trống (blank number)")


@lru_cache(maxsize=1)
def _annex_regex() -> re.Pattern[str]:
    heads = "|".join(phrase_pattern(w) for w in cites.words()["annex_markers"]["headings"])
    marks = "|".join(phrase_pattern(w) for w in cites.word_list("annex_markers"))
    return re.compile(
        rf"^\s{{0,20}}(?P<head>{heads})(?: [IVXLC0-9]{{1,6}})?\b(?P<title>.{{0,800}}?)\((?:{marks}) (?P<parent>[^()]{{1,300}})\)",
        re.DOTALL | re.IGNORECASE,
    )


def _annex(head: str) -> tuple[str, str | None, tuple[int, int]] | None:
    m = _annex_regex().search(head)
    if not m:
        return None
    title = squash_ws(m.group("title")) or None
    return m.group("head").strip().capitalize(), title, (m.start("parent") - 1, m.end("parent") + 1)


def _type_and_title(head: str, after: int, h: Header) -> None:
    """The upper-case type heading after the number/date, and the title lines after it."""
    # An editor's note in square brackets ("LUẬT [Quy định về ... được thực hiện theo Nghị
    # định 151/2025/NĐ-CP ...] ĐẤT ĐAI") is no part of a title: blanked, offsets kept.
    rest = _EDITOR_NOTE.sub(lambda m: " " * len(m.group(0)), head[after:])
    # Read lazily: the title is a few lines below the number line, and cutting every line
    # of a 4,000-character header at its openers and case turns cost more than the rest of
    # the header together.
    lines = _header_lines(rest, after)
    heading_line: tuple[int, str] | None = None
    body = _body_starts()
    for pos, line in lines:
        if match_key(line.strip()).startswith(body):
            # The body has begun ("Kính gửi", "Căn cứ"): no type heading below it. A letter's
            # "Nơi nhận: - TT Tỉnh ủy, TT HĐND tỉnh" is no Thông tư.
            break
        heading = _heading_type(line) or _heading_type(_upper_head(line))
        if heading is not None:
            h.doc_type, n = heading
            h.title_start = pos
            heading_line = (pos, line)
            # A consolidated text's title is the name of what it consolidates, type and
            # all: "LUẬT ĐẤT ĐAI" of 26/VBHN-VPQH.
            consolidated = h.symbol is not None and h.symbol.klass is SymbolClass.CONSOLIDATED
            remainder = " ".join(line.split()[0 if consolidated else n:])
            title_lines = [remainder] if remainder else []
            break
    if heading_line is None:
        if h.type_code:
            found = vocab.types_for_code(h.type_code)
            h.doc_type = found[0].name if found else None
        return
    stops, openers = _title_stops(), _title_openers()
    heading_end = end = heading_line[0] + len(heading_line[1])
    # An implementing plan's title opens with the cue its preamble opens with too
    # ("KẾ HOẠCH / Thực hiện Nghị quyết số 57-NQ/TW ..."): such an opener is a title while
    # it is the first line; whether it was the preamble instead is told at the end.
    opened = False
    full = False
    for pos, line in lines:  # the lines after the heading
        s = line.strip()
        if not s:
            continue
        # A rule drawn under the title ("-----") ends it; one above it is skipped.
        if not any(c.isalnum() for c in s):
            if title_lines:
                break
            continue
        key = match_key(s)
        if key.startswith(stops):
            if title_lines or not key.startswith(openers):
                break
            opened = True
        if _narrative_opener().match(unify_tones(s)):
            break  # "Thời gian qua, thực hiện ...": a directive's body, not its title
        if len(title_lines) >= TITLE_MAX_LINES:
            full = True
            break
        # A title set in capitals ("LUẬT\nĐẤT ĐAI") does not go on in sentence case: that
        # line is the body ("Quốc hội ban hành Luật Đất đai."). A line opening in lower case
        # is no sentence of the body but the rest of a heading's own words ("CHƯƠNG TRÌNH
        # HÀNH ĐỘNG / của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 57-NQ/TW ...").
        if title_lines and all(t.isupper() for t in title_lines) and not s.isupper() and not s[0].islower():
            break
        # Nor does one in sentence case go on in capitals: that line names the signing
        # authority ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH", "BỘ TRƯỞNG BỘ TÀI CHÍNH").
        if title_lines and not any(t.isupper() for t in title_lines) and s.isupper() and len(s.split()) >= 2:
            break
        # A title in capitals does not go on into that line either.
        if title_lines and _authority_start(["", *s.split()], h) == 1:
            break
        title_lines.append(s)
        end = pos + len(line)
        if s.endswith((".", ";", ":")):
            break
    # An opened "title" that reads as a preamble or runs on past any title's length is the
    # body's preamble under a heading with no title.
    if opened and (full or _reads_as_preamble(squash_ws(" ".join(title_lines)))):
        title_lines, end = [], heading_end
    words = " ".join(title_lines).split()
    cut = _authority_start(words, h)
    if cut is not None:
        # Crawled text runs the authority onto the title's line ("... TỈNH TUYÊN QUANG
        # CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH"): the title ends before it.
        authority = r"\s+".join(re.escape(w) for w in words[cut:])
        found = list(re.finditer(authority, head[h.title_start or 0:end]))
        if found:
            end = (h.title_start or 0) + found[-1].start()
            end -= len(head[:end]) - len(head[:end].rstrip())
            words = words[:cut]
    h.title = squash_ws(" ".join(_without_self_reference(words, h))) or None
    h.end = end


# "NGÀY 05 THÁNG 7 NĂM 1994" or "NGÀY 14/07/1993" after an old heading's own number.
_DAY_MONTH_YEAR = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{4}")


def _without_self_reference(words: list[str], h: Header) -> list[str]:
    """The title's words without the document naming itself. Headings before about 2006
    ran the type, issuer, number and date into the title ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 61-CP
    NGÀY 05 THÁNG 7 NĂM 1994 VỀ MUA BÁN VÀ KINH DOANH NHÀ Ở", "LUẬT ĐẤT ĐAI SỐ 24-L/CTN
    NGÀY 14/07/1993 CỦA QUỐC HỘI"): the header already reads them, and the title is the
    subject. The span is the own number after "SỐ", its date, and the own issuer before or
    after ("CỦA QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", 'country_names'). A law's
    title is its name, so the "VỀ" joining the span to it goes too."""
    if h.symbol is None:
        return words
    keys = [match_key(w) for w in words]
    at = next((i for i in range(len(words) - 1)
               if keys[i] == "số" and parse_symbol(words[i + 1].rstrip(",;.")) == h.symbol), None)
    if at is None:
        return words
    start, end = at, at + 2
    if end < len(words) and keys[end] == "ngày":
        if end + 1 < len(words) and _DAY_MONTH_YEAR.fullmatch(words[end + 1].rstrip(",;.")):
            end += 2
        elif end + 5 < len(words) and keys[end + 2] == "tháng" and keys[end + 4] == "năm" \
                and all(words[j].rstrip(",;.").isdigit() for j in (end + 1, end + 3, end + 5)):
            end += 6
    # The own issuer: "CỦA" and the words up to the number, or after the date to the end.
    before = next((i for i in range(start - 1, -1, -1) if keys[i] == "của"), None)
    if before is not None and _names_own_issuer(words[before + 1:start], h):
        start = before
    if end < len(words) and keys[end] == "của":
        tail = next((j for j in range(len(words), end + 1, -1) if _names_own_issuer(words[end + 1:j], h)), None)
        if tail is not None:
            end = tail
    if end < len(words) and keys[end] == "về" and h.doc_type in _table()["types_without_authority"]:
        end += 1
    return words[:start] + words[end:]


def _names_own_issuer(words: list[str], h: Header) -> bool:
    """Whether `words` name the document's own issuer, the country's name after it or not."""
    name = " ".join(words)
    key = match_key(name)
    for country in _table()["country_names"]:
        c = match_key(country)
        if key.endswith(" " + c):
            name = " ".join(name.split()[: -len(c.split())])
    if not name or not all(_is_upper_name(w) for w in name.split()):
        return False
    code = _authority_code(name)
    return code is not None and _is_own_authority(code, name, h)


_EDITOR_NOTE = re.compile(r"\[[^\[\]\n]{0,600}\]")


@lru_cache(maxsize=1)
def _inline_opener_regex() -> re.Pattern[str]:
    """A body opener or a title opener, written as a sentence opens it ("Căn cứ",
    "Triển khai"), after other words on the line."""
    alts = "|".join(phrase_pattern(w) for w in (*_table()["body_openers"], *_table()["title_openers"]))
    return re.compile(rf"(?<=\S)[ \t]+(?:{alts})(?![^\W\d_])")


def _header_lines(rest: str, offset: int) -> Iterator[tuple[int, str]]:
    """The lines of `rest` (at `offset` in the header), each cut at its openers
    (`_at_openers`), up to the line that makes them more than 40."""
    count = 0
    for lm in _LINE.finditer(rest):
        if lm.start() == lm.end():
            break
        pieces = _at_openers(offset + lm.start(), lm.group(0).rstrip("\n"))
        yield from pieces
        count += len(pieces)
        if count > 40:
            break


def _at_openers(pos: int, line: str) -> list[tuple[int, str]]:
    """A line of crawled text cut where a body or title opener starts within it ("QUYẾT
    ĐỊNH VỀ ... THU HỒI Căn cứ Luật ...", "KẾ HOẠCH Triển khai ... Căn cứ ..."): each piece
    is read as the line it was in the document."""
    cuts = {m.start() for m in _inline_opener_regex().finditer(line)} | _case_turns(line)
    bounds = [0, *sorted(cuts), len(line)]
    return [(pos + a, line[a:b].rstrip()) for a, b in zip(bounds, bounds[1:], strict=False) if line[a:b].strip()]


_WORD = re.compile(r"\S+")


def _case_turns(line: str) -> set[int]:
    """Where a line of crawled text turns between a run of two or more words in capitals
    (a heading, a title in capitals, an authority) and words in sentence case: "... CẢ
    NƯỚC Ngày 24 tháng 6 năm 1977 Hội đồng Chính phủ ...", "... kỳ họp thứ 10 (...) LUẬT
    QUẢN LÝ THUẾ". One word in capitals is an acronym in a sentence ("của UBND tỉnh")."""
    words = [(m.start(), "U" if m.group().isupper() else "l" if any(c.islower() for c in m.group()) else "")
             for m in _WORD.finditer(line)]
    cased = [(at, kind) for at, kind in words if kind]
    turns: set[int] = set()
    k = 0
    while k < len(cased):
        j = k
        while j < len(cased) and cased[j][1] == cased[k][1]:
            j += 1
        if cased[k][1] == "U" and j - k >= 2:
            if k > 0:
                turns.add(_space_before(line, cased[k][0]))
            if j < len(cased):
                turns.add(_space_before(line, cased[j][0]))
        k = j
    return turns


def _space_before(line: str, at: int) -> int:
    return len(line[:at].rstrip())


def _upper_head(line: str) -> str:
    """The words in capitals a line opens with: "KẾ HOẠCH" of "KẾ HOẠCH Ứng dụng ..."."""
    words = []
    for w in line.split():
        if not w.isupper():
            break
        words.append(w)
    return " ".join(words)


@lru_cache(maxsize=1)
def _authority_words() -> tuple[tuple[str, ...], frozenset[str], tuple[str, ...]]:
    """Signers' titles, the words a title's own name follows, and the place levels."""
    titles = tuple(match_key(t) for t in (*cites.word_list("issuer_titles"), *_table()["signer_titles"]))
    levels = tuple(match_key(x) for x in (*_table()["province_levels"], *vocab.unit_words().get("levels", ())))
    return titles, frozenset(match_key(w) for w in _table()["authority_bound_after"]), levels


def _authority_code(name: str) -> str | None:
    """The issuer an authority line names ("BỘ TRƯỞNG BỘ TÀI CHÍNH", "CHỦ TỊCH UỶ BAN NHÂN
    DÂN TỈNH", "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", "HỘI ĐỒNG NHÂN DÂN TỈNH ..."): a signer's
    title may open it and a place end it (data/issuers.json names the body)."""
    titles, _bound, levels = _authority_words()
    key = match_key(name)
    names = [name, *(name.split(None, len(t.split()))[-1] for t in titles if key.startswith(t + " "))]
    for n in names:
        body = _strip_place(n)
        forms = [n, body]
        body_key = match_key(body)
        forms += [body[: len(body) - len(lv)].strip() for lv in levels if body_key.endswith(" " + lv)]
        for form in forms:
            found = vocab.issuer_by_name(form)
            if found is not None:
                return found.code
    return None


def _authority_start(words: list[str], h: Header) -> int | None:
    """Where the authority line (NĐ 30/2020 Phụ lục I: "thẩm quyền ban hành") stands at the
    end of a title's words, or None. It is in capitals and names the document's issuer, or
    the body within it ("HỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO" of the Tòa án); a
    law's template has none ('types_without_authority': "LUẬT TỔ CHỨC QUỐC HỘI" names the
    law). A body's name after one of 'authority_bound_after' ("... CỦA VĂN PHÒNG CHÍNH
    PHỦ") is the title's own: the longest name ending the title decides."""
    if h.doc_type in _table()["types_without_authority"]:
        return None
    _titles, bound, _levels = _authority_words()
    # Only a tail of names in capitals can be an authority: where that run starts, read
    # once from the end (each tail checked word by word was quadratic in a title's length).
    upper_from = len(words)
    while upper_from > 1 and _is_upper_name(words[upper_from - 1]):
        upper_from -= 1
    for k in range(max(1, upper_from), len(words)):
        tail = words[k:]
        code = _authority_code(" ".join(tail))
        if code is None:
            continue
        if match_key(words[k - 1]) in bound or not _is_own_authority(code, " ".join(tail), h):
            return None
        return k
    return None


def _is_own_authority(code: str, name: str, h: Header) -> bool:
    """Whether an authority names the document's own issuer: its code, a code of its
    symbol, or a body of its issuer block within it."""
    own = {h.issuer, *(h.symbol.issuers if h.symbol else ())}
    if code in own:
        return True
    key = match_key(name)
    blocks = [match_key(_strip_place(b)) for b in (h.issuer_text or "").split(" / ")]
    return any(b and (b in key or key in b) for b in blocks)


@lru_cache(maxsize=1)
def _preamble_end_regex() -> re.Pattern[str]:
    alts = "|".join(phrase_pattern(w) for w in _table()["preamble_ends"])
    return re.compile(rf"(?<![^\W\d_])(?:{alts})(?![^\W\d_])", re.IGNORECASE)


def _reads_as_preamble(title: str) -> bool:
    """A title opened with an implementation cue is the preamble when it ends a sentence or
    an item of a list ("Thực hiện Nghị quyết số 57-NQ/TW ... của Bộ Chính trị," above
    "Thực hiện Kế hoạch số 01-KH/BCĐTW ..."), holds the clause that closes a preamble
    (", UBND tỉnh ban hành Kế hoạch", see `cites._issuing_clause_at`), or one of the
    header 'preamble_ends' ("... với các nội dung cụ thể như sau", its colon lost)."""
    if title.endswith((".", ";", ":", ",")):
        return True
    if cites._issuing_clause_at(title, 0, len(title)) is not None:
        return True
    return _preamble_end_regex().search(title) is not None


@lru_cache(maxsize=1)
def _subject_mark_regex() -> re.Pattern[str]:
    marks = "|".join(re.escape(m) for m in _table()["letter_subject_marks"])
    return re.compile(rf"(?<![^\W_])(?:{marks})(?![^\W_])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _subject_end_regex() -> re.Pattern[str]:
    ends = "|".join(phrase_pattern(m) for m in _table()["letter_subject_ends"])
    return re.compile(rf"(?<![^\W_])(?:{ends})(?![^\W_])", re.IGNORECASE)


# How many lines below its number a letter's subject may start: the issuer's column and the
# place-date line stand between them in PDF text, never the body.
_SUBJECT_SCAN_LINES = 8


def _letter_subject(head: str, start: int, h: Header) -> None:
    """A letter's trích yếu: "V/v triển khai ..." by or below its number (a công văn has
    no type heading; NĐ 30/2020 Phụ lục I puts its subject there, opened by one of
    'letter_subject_marks'). It is the title, as written, and the header ends with it.

    It runs over the lines below to a blank line or a line opening the body
    ('title_stops'); on its own lines it ends at the place-date or at the addressees
    ('letter_subject_ends': "Kính gửi"), which crawled text runs into the same line
    ("Số: 778/TCHQ-GSQL V/v xử lý ... Hà Nội, ngày 13 tháng 02 năm 2017 Kính gửi: ...").
    A cell beside it in the other column (the place and date) is not part of it; after
    such a line only a line going on in lower case still is."""
    stops = _title_stops()
    ends = _subject_end_regex()
    lines = [(m.start(), m.group(0).rstrip("\n")) for m in _LINE.finditer(head, start) if m.group(0)]
    seen = 0
    found: tuple[int, re.Match[str]] | None = None
    for k, (_pos, line) in enumerate(lines):
        if not line.strip():
            continue
        seen += 1
        mark = _subject_mark_regex().search(line)
        addressed = ends.search(line)
        if mark is not None and (addressed is None or mark.start() < addressed.start()):
            found = (k, mark)
            break
        if seen >= _SUBJECT_SCAN_LINES or addressed is not None \
                or match_key(line.strip()).startswith(stops):
            return
    if found is None:
        return
    k, mark = found
    title_start = lines[k][0] + mark.start()
    title: list[str] = []
    end = title_start
    beside_date = False
    for n, (pos, line) in enumerate(lines[k:k + TITLE_MAX_LINES]):
        at = mark.start() if n == 0 else len(line) - len(line.lstrip())
        cell = re.split(r"[ \t]{3,}", line[at:].strip())[0] if line[at:].strip() else ""
        if not cell:
            break
        if n > 0:
            if match_key(cell).startswith(stops) or ends.match(cell):
                break
            if _PLACE_DATE.match(cell):
                if ends.search(line):
                    break
                beside_date = True
                continue
            if beside_date and not cell[0].islower():
                break
        cut = min([m.start() for m in (_PLACE_DATE.search(cell), ends.search(cell)) if m] + [len(cell)])
        piece = cell[:cut].rstrip()
        if piece:
            title.append(piece)
            end = pos + at + len(piece)
        if cut < len(cell) or piece.endswith((".", ";", ":")):
            break
    h.title = squash_ws(" ".join(title)) or None
    if h.title is not None:
        h.title_start = title_start
        h.end = max(h.end, end)


# --- tasks ----------------------------------------------------------------------------------

_HEADING = re.compile(r"(?m)^[ \t]{0,20}(?P<n>\d{1,2})\.[ \t]{1,10}(?P<title>\S[^\n]{0,300})$")
_ROMAN = re.compile(r"(?m)^[ \t]{0,20}[IVX]{1,5}\.[ \t]")


@lru_cache(maxsize=1)
def _basis_regex() -> re.Pattern[str]:
    """A basis item, 'N.k. Căn cứ áp dụng:', written without its start-of-line anchor (see
    `_basis_lines`)."""
    cues = vocab.relations()["based_on"].cues
    alts = "|".join(phrase_pattern(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(
        rf"[ \t]{{0,20}}(?P<n>\d{{1,2}})\.(?P<k>\d{{1,2}})\.?[ \t]{{0,10}}(?:{alts})[^:\n]{{0,30}}:",
        re.IGNORECASE,
    )


@lru_cache(maxsize=1)
def _basis_after_newline() -> re.Pattern[str]:
    return re.compile(r"\n(?=" + _basis_regex().pattern + ")", re.IGNORECASE)


def _basis_lines(text: str) -> list[re.Match[str]]:
    """Every line that is a basis item, as `(?m)^` + `_basis_regex` would find them.

    A `(?m)^` pattern makes the regex engine try every character of the text; starting the
    pattern with a literal newline lets it jump from line to line (ten times faster). The
    item never spans a newline, so matching it again at each line start finds the same
    matches."""
    regex = _basis_regex()
    first = regex.match(text)
    found = [first] if first else []
    for m in _basis_after_newline().finditer(text):
        match = regex.match(text, m.end())
        if match:
            found.append(match)
    return found


_SUBITEM = re.compile(r"(?m)^[ \t]{0,20}(?P<n>\d{1,2})\.(?P<k>\d{1,2})\.?[ \t]")


def find_tasks(text: str) -> list[TaskSpan]:
    """Plan tasks: 'N. title' headings that have an 'N.k. Căn cứ ...:' item."""
    bases = _basis_lines(text)
    if not bases:
        return []
    headings = list(_HEADING.finditer(text))
    romans = [m.start() for m in _ROMAN.finditer(text)]
    subitems = list(_SUBITEM.finditer(text))
    tasks: list[TaskSpan] = []
    for i, hm in enumerate(headings):
        n = hm.group("n")
        nxt = headings[i + 1].start() if i + 1 < len(headings) else len(text)
        nxt = min([nxt, *[r for r in romans if r > hm.start()]])
        own = [b for b in bases if hm.start() < b.start() < nxt and b.group("n") == n]
        if not own:
            continue
        first_sub = min(s.start() for s in subitems if hm.start() < s.start() <= own[0].start())
        title = squash_ws(text[hm.start("title"):first_sub]).rstrip(" .;:")
        task = TaskSpan(title, hm.start() + len(hm.group(0)) - len(hm.group(0).lstrip()), nxt)
        for b in own:
            after = [s.start() for s in subitems if s.start() > b.start()]
            task.basis_spans.append((b.start(), min([nxt, *after])))
        tasks.append(task)
    return tasks
