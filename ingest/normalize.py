"""A matching view of a text that remembers where every character came from.

Real documents arrive PDF-extracted: a symbol broken over a line ("Kế hoạch số 61/KH-\\n
UBND"), double spaces ("Nghị định  số"), a page's URL footer in the middle of a sentence
("https://vanban.quangngai.gov.vn/..."), odd dashes, "Ð" (U+00D0) for "Đ", now and then
decomposed diacritics. The finders match on `Normalized.text`, where

* the text is NFC;
* every run of whitespace is one space, so a line or page break is just a space between
  words and a symbol split over lines becomes "61/KH- UBND" (the symbol grammar joins it);
* a line that is only a URL (a page footer) is blanked, so it can neither join into nor
  break a citation; so is a line that is only a page number (`_page_lines`: "Trang 2/4",
  "- 2 -", or a bare "2" where a page break is: beside a form feed, or where the next page
  number is due), so that "Nghị định số 85/2016/NĐ-" / "2" / "CP ngày 01/7/2016" is one
  citation;
* typographic dashes are "-", U+00D0 is "Đ", non-breaking and zero-width spaces and
  superscript digits (footnote marks) are spaces.

The original text is never modified. `Normalized.span(start, end)` maps a match back, and
callers always take the reported text as `original[start:end]`, so the invariant
`original[start:end] == text` holds by construction.

Tone placement (hoà/hòa, uỷ/ủy) is not rewritten here: rewriting 50 MB would cost more than
the whole extraction. Instead `phrase_pattern` compiles each vocabulary phrase so that both
placements match.

Cost: a few C-speed passes (`str.replace` per character present, a search for runs of two
spaces); offsets are kept as a list of breakpoints (one per collapsed whitespace run), looked
up by bisection. Whitespace runs are found as runs of " " because after the replacements
nearly every text has no other whitespace; the generic `\\s{2,}` scan (four times slower) is
kept for the rare text that has some (`_rare_space`).
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from cancu.graph.text import latin_lookalikes, unify_tones

# A line holding only a URL (a web page's footer or the address printed by a browser).
# Bounded: a URL longer than 4000 characters is not a footer.
_URL_LINE = re.compile(r"(?m)^[ \t]{0,50}(?:https?://|www\.)[^\s]{1,4000}[ \t]{0,50}$")
# A line that may be a page number: "2", "2/4", "- 2 -", "-2-", "Trang 2", "Trang 2/4"
# (pdfminer ends each page with a form feed, which may stand on either side of it). It
# opens with the newline before it so the scan jumps from line to line (see
# `header._basis_lines`); the first line of a text is never a page number.
_PAGE_LINE = re.compile(
    r"\n[ \t\f]{0,80}(?:(?P<label>[Tt]rang|TRANG)[ \t]{1,5}|(?P<dash>[-\u2013\u2014\u2212])[ \t]{0,3})?"
    r"(?P<n>\d{1,3})(?:[ \t]{0,3}/[ \t]{0,3}(?P<of>\d{1,3}))?"
    r"(?(dash)[ \t]{0,3}[-\u2013\u2014\u2212])[ \t\f]{0,80}(?=\r?\n|\f|$)"
)
# Where a bare number may be a page number, in letters (not spaces) since the page before
# began: a page holds more than a few lines but not more than a dense A4 page.
_PAGE_MIN_CHARS = 300
_PAGE_MAX_CHARS = 6000
_WS_RUN = re.compile(r"\s{2,}")
_SPACE_RUN = re.compile(r"  +")
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# Footnote marks a word processor exports glued to what they annotate ("Nghị định số
# 43/2011/NĐ-CP¹"): a space, or the symbol grammar would read "¹" as part of the symbol.
_SUPERSCRIPT_DIGITS = "\u00b9\u00b2\u00b3\u2070\u2074\u2075\u2076\u2077\u2078\u2079"

# One-for-one replacements: lengths never change, so no offsets move. Applied with
# `str.replace` per character present (a scan for an absent character is a fast memchr;
# `str.translate` with a dict costs a lookup per character).
_REPLACE: tuple[tuple[str, str], ...] = (
    ("\u2010", "-"), ("\u2011", "-"), ("\u2012", "-"), ("\u2013", "-"), ("\u2014", "-"),
    ("\u2212", "-"), ("\u00d0", "Đ"), ("\u00f0", "đ"),
    ("\n", " "), ("\r", " "), ("\t", " "), ("\f", " "), ("\v", " "), ("\u00a0", " "),
    ("\u2028", " "), ("\u2029", " "), ("\u3000", " "), ("\u202f", " "),
    *((ch, " ") for ch in _ZERO_WIDTH), *((ch, " ") for ch in _SUPERSCRIPT_DIGITS),
)


def _translate(text: str) -> str:
    for old, new in _REPLACE:
        if old in text:
            text = text.replace(old, new)
    return latin_lookalikes(text)  # one for one too: "NĐ-СР" with Cyrillic С, Р


@lru_cache(maxsize=1)
def _rare_space() -> tuple[str, ...]:
    """Whitespace that `_translate` leaves as it is (U+2003, U+0085, ...). Derived from
    `str.isspace`, which is what the regex `\\s` means (no whitespace lies above U+3000)."""
    replaced = {old for old, new in _REPLACE if new == " "}
    return tuple(ch for ch in map(chr, range(0x3001)) if ch.isspace() and ch != " " and ch not in replaced)


def _ws_runs(text: str) -> Iterator[re.Match[str]]:
    """Runs of two or more whitespace characters of a `_translate`d text."""
    if any(ch in text for ch in _rare_space()):
        return _WS_RUN.finditer(text)
    return _SPACE_RUN.finditer(text)


@dataclass
class Normalized:
    """`text` for matching and the map back to `original`.

    `_norm[k]`/`_orig[k]` are breakpoints: from normalized offset `_norm[k]` on, characters
    map one-to-one to original offsets starting at `_orig[k]`, until the next breakpoint.
    """

    original: str
    text: str
    _norm: list[int] = field(default_factory=lambda: [0])
    _orig: list[int] = field(default_factory=lambda: [0])
    # `original` with its footer lines blanked, offset for offset and line for line: where
    # a quote finds the lines and punctuation around a mention (a page number "- 2 -" is
    # not a list item). '' for decomposed input: its quotes come from `original`.
    lines: str = ""

    def to_original(self, i: int) -> int:
        """Original offset of normalized offset `i` (clamped to the text)."""
        if i <= 0:
            return 0
        if i >= len(self.text):
            return len(self.original)
        k = bisect_right(self._norm, i) - 1
        return self._orig[k] + (i - self._norm[k])

    def to_normalized(self, i: int) -> int:
        """Normalized offset of original offset `i`; inside a collapsed whitespace run, the
        offset just after its single space."""
        if i <= 0:
            return 0
        if i >= len(self.original):
            return len(self.text)
        k = bisect_right(self._orig, i) - 1
        n = self._norm[k] + (i - self._orig[k])
        if k + 1 < len(self._norm):
            n = min(n, self._norm[k + 1])
        return min(n, len(self.text))

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original [start, end) of normalized [start, end), trimmed of outer whitespace.

        Called for every citation, its subject and its sentence: `to_original` is inlined."""
        original = self.original
        size = len(self.text)
        norm, orig = self._norm, self._orig
        if start <= 0:
            s = 0
        elif start >= size:
            s = len(original)
        else:
            k = bisect_right(norm, start) - 1
            s = orig[k] + (start - norm[k])
        if end >= size:
            e = len(original)
        elif end <= 0:
            e = 0
        else:
            k = bisect_right(norm, end) - 1
            e = orig[k] + (end - norm[k])
        if e < s:
            e = s
        while s < e and original[s].isspace():
            s += 1
        while e > s and original[e - 1].isspace():
            e -= 1
        return s, e

    def original_text(self, start: int, end: int) -> tuple[int, int, str]:
        """(start, end, text) in the original for a normalized span."""
        s, e = self.span(start, end)
        return s, e, self.original[s:e]


def normalize(original: str) -> Normalized:
    """Build the matching view of `original` (see the module docstring)."""
    source = original
    if not unicodedata.is_normalized("NFC", source):
        return _normalize_decomposed(original)
    blanked = _blank_footers(source)
    norm = _collapse(original, _translate(blanked))
    norm.lines = blanked
    return norm


def _blank_footers(text: str) -> str:
    """`text` with its URL lines and page-number lines blanked (same length)."""
    return _blank_spans(text, sorted(_url_lines(text) + _page_lines(text)))


def _blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    if not spans:
        return text
    parts: list[str] = []
    last = 0
    for start, end in spans:
        parts.append(text[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(text[last:])
    return "".join(parts)


def _letters(text: str) -> int:
    return len(text) - sum(text.count(ch) for ch in " \n\t\r\f")


def _page_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of `text` that are page numbers.

    "Trang 2", "Trang 2/4" and "- 2 -" say so themselves. A bare "2" or "2/4" may as well
    be a list item or a table cell (the budget tables of a plan put each number on its own
    line), so it is taken only where a page break is: beside a form feed, or as the page
    number due next (2 first, as Nghị định 30/2020/NĐ-CP numbers pages from the second;
    then one more each time) at a page's length after the last one. A list's "1" is never
    due, a table's row numbers run too close together to pass for pages, and a long annex
    whose first page has no number never starts the count."""
    spans: list[tuple[int, int]] = []
    due = 2
    letters = 0  # letters of the current page counted so far, up to `counted`
    counted = 0
    overdue = False  # the page is too long already for its number to come
    feeds = "\f" in text
    for m in _PAGE_LINE.finditer(text):
        n = int(m.group("n"))
        of = m.group("of")
        if of is not None and not 0 < n <= int(of):
            continue
        explicit = m.group("label") is not None or m.group("dash") is not None
        feed = feeds and ("\f" in m.group(0) or text.startswith("\f", m.end()) or _feed_before(text, m.start()))
        if not (explicit or feed or _splits_citation(text, m.start(), m.end())):
            if n != due or overdue:
                continue
            letters += _letters(text[counted:m.start()])
            counted = m.start()
            if letters > _PAGE_MAX_CHARS:
                overdue = True
                continue
            if letters < _PAGE_MIN_CHARS:
                continue
        spans.append((m.start() + 1, m.end()))
        due = n + 1
        letters, counted, overdue = 0, m.end(), False
    return spans


# A bare number between two halves that only join without it: a symbol broken after its
# hyphen or slash ("61/2018/NĐ-" | "CP ngày ...", "23/4/" | "2018"), a date broken after
# "năm" before its year, after "tháng" before "3 năm 2021". After "ngày" a number is the day
# ("ngày" | "2" | "tháng 3 năm 2020"), so no such break is read there.
_SYMBOL_BROKEN = re.compile(r"[^\W_][/\-][ \t]*$")
_SYMBOL_GOES_ON = re.compile(r"\s*(?:[A-ZĐ]|\d{4}(?!\d))")
_DATE_BROKEN = re.compile(r"(?:^|\s)(?P<word>năm|tháng)[ \t]*$", re.IGNORECASE)
_DATE_GOES_ON = {"năm": re.compile(r"\s*\d{4}(?!\d)"), "tháng": re.compile(r"\s*\d{1,2}\s+năm\b", re.IGNORECASE)}


def _splits_citation(text: str, start: int, end: int) -> bool:
    """Whether the number line `text[start:end]` stands inside a symbol or a date, which
    only a page break splits so (not a list item or a table cell)."""
    before = text[max(0, start - 40):start].rstrip()
    after = text[end:end + 40]
    if _SYMBOL_BROKEN.search(before):
        return _SYMBOL_GOES_ON.match(after) is not None
    date = _DATE_BROKEN.search(before)
    return date is not None and _DATE_GOES_ON[date.group("word").lower()].match(after) is not None


def _feed_before(text: str, i: int) -> bool:
    """Whether a form feed ends the text before `i`, but for blank lines."""
    while i > 0 and text[i - 1] in " \t\r\n":
        i -= 1
    return i > 0 and text[i - 1] == "\f"


def _url_lines(text: str) -> list[tuple[int, int]]:
    """Spans of the lines of `text` that are only a URL (a page footer)."""
    if "http" not in text and "www." not in text:
        return []
    return [m.span() for m in _URL_LINE.finditer(text)]


def _collapse(original: str, text: str) -> Normalized:
    """Collapse whitespace runs of `text` (same length as `original`) to single spaces."""
    norm = [0]
    orig = [0]
    out: list[str] = []
    last = 0
    n_out = 0
    for m in _ws_runs(text):
        chunk = text[last:m.start()]
        out.append(chunk)
        n_out += len(chunk)
        # The single space stands for the whole run; the next character starts a new piece.
        norm.append(n_out)
        orig.append(m.start())
        out.append(" ")
        n_out += 1
        norm.append(n_out)
        orig.append(m.end())
        last = m.end()
    out.append(text[last:])
    return Normalized(original, "".join(out), norm, orig)


def compose(original: str) -> tuple[str, list[int]]:
    """`original` in NFC, composed cluster by cluster (a base character and the combining
    marks after it), and the offset in `original` of each composed character: offsets into
    the NFC text map back to a decomposed (NFD) input."""
    pieces: list[str] = []
    comp_orig: list[int] = []  # original offset of each composed character
    i = 0
    n = len(original)
    while i < n:
        j = i + 1
        while j < n and unicodedata.combining(original[j]):
            j += 1
        composed = unicodedata.normalize("NFC", original[i:j]) if j - i > 1 else original[i]
        comp_orig.extend([i] * len(composed))
        pieces.append(composed)
        i = j
    return "".join(pieces), comp_orig


def _normalize_decomposed(original: str) -> Normalized:
    """Slow path for text that is not NFC: compose cluster by cluster, keeping offsets.

    Readers hand over NFC, so this runs only on direct API input. It keeps one breakpoint
    per character, which is simple and linear."""
    n = len(original)
    comp, comp_orig = compose(original)
    second = _collapse(comp, _translate(_blank_footers(comp)))
    size = len(second.text)
    mapped = [comp_orig[second.to_original(k)] if second.to_original(k) < len(comp) else n
              for k in range(size)]
    return Normalized(original, second.text, list(range(size)) or [0], mapped or [0])


# --- vocabulary patterns ------------------------------------------------------------------

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_NEW_TONE = re.compile(rf"(?<![qQ])([oOuU])([{_TONES}])([aAeEyY])(?![^\W\d_])")


def old_tones(text: str) -> str:
    """The old-style tone placement of `text` ("hòa" -> "hoà", "ủy" -> "uỷ")."""
    decomposed = unicodedata.normalize("NFD", unify_tones(text))
    return unicodedata.normalize("NFC", _NEW_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed))


def tone_forms(phrase: str) -> set[str]:
    """Both tone placements of a phrase (one element when it has no oa/oe/uy syllable)."""
    return {phrase, unify_tones(phrase), old_tones(phrase)}


def phrase_pattern(phrase: str) -> str:
    """Regex source matching `phrase` in normalized text: either tone placement, a single
    space between words, an optional space after "/" in "V/v"."""
    forms = sorted(tone_forms(phrase), key=len, reverse=True)
    alts = []
    for form in forms:
        words = form.split()
        alts.append(" ".join(re.escape(w) for w in words))
    return "(?:" + "|".join(alts) + ")"


def words_pattern(phrases: list[str] | tuple[str, ...]) -> str:
    """Alternation of phrases, longest first, each bounded by non-letters."""
    ordered = sorted(set(phrases), key=len, reverse=True)
    return "(?:" + "|".join(phrase_pattern(p) for p in ordered) + r")(?![^\W_])"


def trie_pattern(literals: set[str] | frozenset[str] | list[str]) -> str:
    """Regex source matching any of `literals` (case-sensitive), factored as a trie.

    An alternation of many words makes Python's `re` try every alternative at every
    character; a trie tries one branch per character, so a scan costs about as much as a
    search for a single word. At a given position it matches whenever some literal does
    (which one is left to backtracking), which is all a prefilter needs."""
    root: dict[str, dict] = {}
    for lit in literals:
        node = root
        for ch in lit:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_source(root) or "(?!)"


def _trie_source(node: dict[str, dict]) -> str:
    alts = [re.escape(ch) + _trie_source(child) for ch, child in sorted(node.items()) if ch]
    if not alts:
        return ""
    body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
    return f"(?:{body})?" if "" in node else body
