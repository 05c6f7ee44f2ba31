"""Text helpers for Vietnamese: NFC, tone-placement unification and diacritic folding.

Text is always stored exactly as written (NFC). These functions produce *matching keys*
only: two spellings of one word ("hoà"/"hòa", "Uỷ"/"Ủy", "nghị định"/"nghi dinh") must
compare equal where the caller asks for it, and nothing else should be rewritten.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

# Combining tone marks (grave, acute, tilde, hook above, dot below).
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old-style placement puts the tone on the second vowel of an open "oa", "oe", "uy"
# syllable ("hoà", "thuỷ"); new style on the first ("hòa", "thủy"). For matching we move it
# to the first vowel. "qu" is a consonant cluster, so "quý"/"quả" are left alone, and a
# closed syllable ("hoàn", "tuyển") always carries the tone on the later vowel in both styles.
_OLD_TONE = re.compile(
    rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![^\W\d_])", re.UNICODE
)

_WS = re.compile(r"\s+")


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


# Cyrillic letters drawn like Latin ones, as a keyboard layout or a converted PDF slips them
# into a Vietnamese symbol ("Nghị định số 155/2020/NĐ-СР", С and Р Cyrillic): the symbol
# then names no document.
_LOOKALIKES = str.maketrans("АВЕКМНОРСТХаеорсухІіЈј", "ABEKMHOPCTXaeopcyxIiJj")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
# A word holding a Cyrillic letter and a Latin one (with Vietnamese letters: "NĐ-СР").
_MIXED_WORD = re.compile(r"[\w/-]*[\u0400-\u04ff][\w/-]*")
_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f\u1e00-\u1eff]")


def latin_lookalikes(text: str) -> str:
    """`text` with the Cyrillic look-alikes of Latin letters made Latin in words that mix
    the two scripts; a word wholly Cyrillic ("МЭ" of a Russian machine's model) stays.
    One character for one: offsets do not move."""
    if _CYRILLIC.search(text) is None:
        return text
    return _MIXED_WORD.sub(lambda m: m.group(0).translate(_LOOKALIKES) if _LATIN.search(m.group(0))
                           else m.group(0), text)


def unify_tones(text: str) -> str:
    """Return NFC text with old-style tone placement moved to the new-style vowel."""
    decomposed = unicodedata.normalize("NFD", text)
    # Work in NFD with only the tone marks split off: NFD also splits circumflex/breve,
    # which must stay with their vowel, and they never occur in the oa/oe/uy clusters.
    moved = _OLD_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


# "ư" before an "o" with a tone: Vietnamese writes that diphthong "ươ", so "nưóc",
# "Hưóng dẫn", "Bộ trưỏng" (in the catalog's titles) are "nước", "Hướng dẫn", "Bộ trưởng"
# read with the horn of the o lost.
_HORN_LOST = re.compile("([ưƯ])([oóòỏõọOÓÒỎÕỌ])")
_HORN = str.maketrans("oóòỏõọOÓÒỎÕỌ", "ơớờởỡợƠỚỜỞỠỢ")


def mend_horn_slips(text: str) -> str:
    """`text` with the "o" after "ư" given its horn ("nưóc" -> "nước"). One character for one."""
    if "ư" not in text and "Ư" not in text:
        return text
    return _HORN_LOST.sub(lambda m: m.group(1) + m.group(2).translate(_HORN), text)


# A tone mark on i or y right beside a vowel with a tone of its own: one syllable has one
# tone, so the mark on i/y is a slip ("Hỉệp", "đốỉ", "quỵền" in the catalog's titles, typed
# with Unikey's tone key pressed twice). Glued words ("tínhđối") keep theirs: their toned
# vowels are not side by side.
def mend_tone_slips(text: str) -> str:
    """`text` (NFC) without a second tone mark put on the i or y of a toned syllable:
    "Hỉệp định" is "Hiệp định", "vớỉ" is "với", "quỵền" is "quyền"; nor one on the i or y
    of "iê", "yê", whose tone is the ê's ("nguỵên" is "nguyên")."""
    if text.isascii():
        return text
    chars = list(unicodedata.normalize("NFD", text))
    letters: list[tuple[int, list[int]]] = []  # each base character, with its tone marks
    for n, ch in enumerate(chars):
        if not unicodedata.combining(ch):
            letters.append((n, []))
        elif letters and ch in _TONES:
            letters[-1][1].append(n)
    drop: set[int] = set()
    for (a, a_tones), (b, b_tones) in zip(letters, letters[1:], strict=False):
        if not a_tones or not chars[a].isalpha() or not chars[b].isalpha():
            continue
        a_iy, b_iy = chars[a] in "iyIY", chars[b] in "iyIY"
        if b_tones and a_iy != b_iy:  # two toned letters side by side: the i/y's mark is the slip
            drop.update(a_tones if a_iy else b_tones)
        elif a_iy and chars[b] in "eE" and "\u0302" in chars[b + 1:b + 3]:
            drop.update(a_tones)  # "iê", "yê" carry their tone on the ê: "nguỵên", "tỉêu"
    if not drop:
        return text
    return unicodedata.normalize("NFC", "".join(ch for n, ch in enumerate(chars) if n not in drop))


# PDF text often has the Icelandic eth (U+00D0, U+00F0) for Đ/đ ("THỊ XÃ ÐỨC PHỔ"): the
# same letter to a reader, so the same key; NFD does not decompose it.
FOLD_D = str.maketrans("đĐðÐ", "dDdD")


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.translate(FOLD_D))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _fold_char_aligned(ch: str) -> str:
    """One character for one: the first of its fold, or itself when it folds to nothing
    (a lone combining mark), so offsets into the folded text are offsets into the text."""
    return (_fold_char(ch) or ch)[0]


# Characters below this code point are remembered once folded (Latin with every Vietnamese
# letter, combining marks, punctuation: a few hundred in practice); the rest are folded
# each time, so hostile input cannot grow the tables.
_FOLD_CACHED_BELOW = 0x3000


class _FoldTable(dict[int, str]):
    """`str.translate` table: code point -> `per_char(chr(code))`, filled on first use.
    Folding went through NFD and a generator over every character, and was called
    hundreds of times per suggestion and per page of search hits; one C-level `translate`
    does the same. Each entry is a pure function of its key: no version, no reset."""

    def __init__(self, per_char: Callable[[str], str]) -> None:
        super().__init__()
        self.per_char = per_char

    def __missing__(self, code: int) -> str:
        value = self.per_char(chr(code))
        if code < _FOLD_CACHED_BELOW:
            self[code] = value
        return value


_FOLD_TABLE = _FoldTable(_fold_char)
_ALIGNED_FOLD_TABLE = _FoldTable(_fold_char_aligned)


def fold(text: str) -> str:
    """Lower-case, strip every diacritic, map đ→d: the accent-insensitive matching key.
    Character by character (a fold never depends on a neighbour, except Greek final sigma
    in `str.lower`, which matters to no Vietnamese text)."""
    return text.translate(_FOLD_TABLE)


def fold_aligned(text: str) -> str:
    """`fold(text)` with one output character per input character, so that a match in the
    folded text marks the same span of the original (search highlighting)."""
    return text.translate(_ALIGNED_FOLD_TABLE)


# Vietnamese written with its diacritics has most words marked (82-86 % in real drafts);
# the same text typed without them almost none (11 % in a reviewer's draft, from its
# accented header): a passage of UNMARKED_MIN_WORDS words or more, fewer than
# UNMARKED_SHARE of them marked, was typed without (a name or two pasted in with marks).
UNMARKED_SHARE = 0.2
UNMARKED_MIN_WORDS = 6
_LETTER_WORD = re.compile(r"[^\W\d_]+")


def typed_unmarked(text: str) -> bool | None:
    """Whether `text` was typed without diacritics; None when it has too few words to tell
    (a heading, a symbol). The extractor restores the vocabulary's marks on such lines
    (ingest/marks.py) and lint says how many citations stand in them."""
    # Decomposed marks (an NFD export: "a" + U+0301) are no letters: composed first, or an
    # accented text would read as typed without them.
    words = _LETTER_WORD.findall(unicodedata.normalize("NFC", text))
    if len(words) < UNMARKED_MIN_WORDS:
        return None
    return sum(1 for w in words if not w.isascii()) / len(words) < UNMARKED_SHARE


def typed_as(typed: str, written: str) -> bool:
    """Whether a word as typed may be the word as written (both lower case, tones unified):
    the same word, or typed without accents and folding alike ("thue" may be "thuế";
    "thuê" may not)."""
    return typed == written or (typed == fold(typed) and typed == fold(written))


def match_key(text: str) -> str:
    """Accent-preserving matching key: NFC, unified tones, lower case, single spaces."""
    return _WS.sub(" ", unify_tones(text).lower()).strip()


def slug(text: str) -> str:
    """ASCII slug for ids and URIs: folded, non-alphanumerics collapsed to '-'."""
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def squash_ws(text: str) -> str:
    return _WS.sub(" ", text).strip()


# --- quoting the sentence around a mention ---------------------------------------------------

# Where a quoted sentence may begin or end: ";" (a căn cứ line, a clause of a list), a full
# stop before a space, a paragraph gap (PDF text sets a wrapped line at most one blank line
# below the last, so "\n \n" is inside a sentence and three newlines are not), and the
# marker opening a list item or a numbered heading ("- ", "+ ", "a) ", "2. ", "IV. "). A
# colon is not one: "(Tỉnh Quảng Ngãi:" / "Công văn số ...;" is one statement.
_QUOTE_BREAK = re.compile(
    r";|\.(?=\s)|\n\s*\n\s*\n"
    r"|(?<=\n)[ \t]*(?:[-+•]|[a-zđ]\)|\d{1,2}[.)]|[IVX]{1,5}\.)[ \t]+(?=\S)"
)
# A rule drawn under a title ("-----", "*"): not part of the sentence below it.
_RULE = re.compile(r"[-–—_=*~.\s]+")
# How far a quote reaches from its mention when no break is nearer. Short before the mention:
# a list shows the first 200 characters of a quote, and the mention must be among them.
QUOTE_BEFORE = 160
QUOTE_AFTER = 240
_LINE_MAX = 400


def _is_heading(line: str) -> bool:
    """A line set in capitals with two words or more ("I. MỤC TIÊU", "TỔ CHỨC THỰC HIỆN"):
    a heading, or the header's furniture; a lone acronym ("UBND") may be a wrapped word."""
    return line.isupper() and sum(1 for w in line.split() if sum(c.isalpha() for c in w) >= 2) >= 2


def _after_heading(text: str, lo: int, hi: int) -> int | None:
    """The start of the last line in [lo, hi) that follows a heading line in sentence case:
    "IV. TỔ CHỨC THỰC HIỆN" / "Kế hoạch này thay thế ..." starts a sentence at "Kế hoạch"."""
    found = None
    prev: str | None = None
    # From the line `lo` is on, looking no further back than one long line: a text without
    # line breaks must not cost a scan to its start for every mention.
    pos = text.rfind("\n", max(0, lo - _LINE_MAX), lo) + 1 or lo
    if text.find("\n", pos, hi) < 0:
        return None  # one line: no heading above it
    while pos < hi:
        nl = text.find("\n", pos, hi)
        line = text[pos:hi if nl < 0 else nl]
        s = line.strip()
        if s:
            if pos >= lo and prev is not None and _is_heading(prev) and not s.isupper():
                found = pos + len(line) - len(line.lstrip())
            prev = s
        if nl < 0:
            break
        pos = nl + 1
    return found


def _may_break(text: str, lo: int, hi: int) -> bool:
    """Whether `_QUOTE_BREAK` can match in [lo, hi): each of its breaks holds ";", "." or a
    line break, or follows one (which may be just before `lo`). Three scans at memory
    speed spare the regex, tried at every character, a window of prose without any."""
    return text.find(";", lo, hi) >= 0 or text.find(".", lo, hi) >= 0 or text.find("\n", max(0, lo - 1), hi) >= 0


def _word_start(text: str, lo: int, limit: int) -> int:
    """`lo`, or the start of the next word if `lo` is inside one (no further than `limit`)."""
    if lo == 0 or text[lo - 1].isspace():
        return lo
    m = _WS.search(text, lo, limit)
    return m.end() if m else lo


def _word_end(text: str, limit: int, hi: int) -> int:
    """`hi`, or the end of the last whole word before it (no nearer than `limit`)."""
    if hi >= len(text) or text[hi].isspace():
        return hi
    k = hi
    while k > limit and not text[k - 1].isspace():
        k -= 1
    return k if k > limit else hi


def quote_span(text: str, start: int, end: int, *, floor: int = 0,
               ceiling: int | None = None) -> tuple[int, int, bool, bool]:
    """(left, right, cut_left, cut_right): the sentence or list item of `text` around the
    mention [start, end), never reaching below `floor` or past `ceiling` (a document's header
    is not part of any sentence of its body), nor further than `QUOTE_BEFORE` /
    `QUOTE_AFTER` from the mention; where that bound cut the sentence, at a word's edge and
    `cut_*` is True. Every search is bounded, so a text without punctuation costs no more."""
    ceiling = len(text) if ceiling is None else min(ceiling, len(text))
    lo = max(floor, 0, start - QUOTE_BEFORE)
    left, cut_left = lo, False
    before = None
    if _may_break(text, lo, start):
        for m in _QUOTE_BREAK.finditer(text, lo, start):
            before = m
    if before is not None:
        left = before.end()
    heading = _after_heading(text, left, start)
    if heading is not None:
        left = heading
    elif before is None and lo > floor:
        left, cut_left = _word_start(text, lo, start), True
    hi = min(ceiling, end + QUOTE_AFTER)
    after = _QUOTE_BREAK.search(text, end, hi) if end < hi and _may_break(text, end, hi) else None
    if after is not None:
        # A stop or a semicolon ends the sentence with it; a gap or the next item's
        # marker ends it before them.
        right, cut_right = (after.end() if after.group(0) in ";." else after.start()), False
    elif hi < ceiling:
        right, cut_right = _word_end(text, end, hi), True
    else:
        right, cut_right = hi, False
    return left, right, cut_left, cut_right


def quote(text: str, start: int, end: int, *, body_start: int = 0,
          title_start: int | None = None) -> tuple[int, int, str]:
    """(left, right, quote): the sentence around the mention [start, end) of a document
    whose header ends at `body_start` and whose type heading and title begin at
    `title_start`, whitespace folded, "…" where `quote_span` cut it. A mention in the body
    is quoted from the body, one in the title from the title alone: a header has no
    sentence punctuation, so without these bounds a plan's first citation was quoted as
    "UBND TỈNH ... Số: 25/KH-STTTT ... KẾ HOẠCH" and cut before the citation."""
    if start >= body_start:
        floor, ceiling = body_start, None
    elif title_start is not None and start >= title_start:
        floor, ceiling = title_start, body_start
    else:
        floor, ceiling = 0, body_start
    left, right, cut_left, cut_right = quote_span(text, start, end, floor=floor, ceiling=ceiling)
    rule = _RULE.match(text, left, start)
    if rule is not None:
        left = rule.end()
    seg = text[left:right]
    core = seg.rstrip()
    right -= len(seg) - len(core)
    # str.split: the same whitespace as `squash_ws`, several times faster on every edge.
    # Nothing to fold in a run of prose on one line: every whitespace character but the
    # space is unprintable, so a printable text without two spaces in a row is folded.
    if not (core.isprintable() and "  " not in core and core[:1] != " "):
        core = " ".join(core.split())
    return left, right, ("…" if cut_left else "") + core + ("…" if cut_right else "")
