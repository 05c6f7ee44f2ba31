"""Vietnamese text analysis for search: syllables, compound words, folding, abbreviations.

Vietnamese writes one syllable per space-separated unit; a *word* is often two or three
syllables ("thủ tục", "hành chính"). A user may search either way, so the index holds
both: every syllable at its position, and every compound word (joined with "_") at the
position of its first syllable. Positions stay those of the syllables, so a phrase query
over syllables still works.

Two spellings of one text are indexed side by side: *accented* (NFC, tone placement
unified, lower case) and *folded* (every diacritic removed, đ→d). A query typed with
diacritics searches both and so ranks exact-diacritic matches above folded ones; a query
typed without diacritics searches the folded spelling only (the user gave no accents to
prefer).

Segmentation: underthesea's CRF segmenter is accurate but costs about 1.5 ms a title, so
it is used for short texts (titles, queries), with a cache. Long texts (citation contexts,
full texts) take the fast path: greedy longest match against underthesea's own word list
(Viet74K), which finds the same dictionary compounds at a small fraction of the cost.

Abbreviations (CNTT, TTHC, UBND, NĐ ...) live in `data/abbreviations.json` and are
expanded at query time only: the index keeps what the documents wrote.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from whoosh.analysis import Token, Tokenizer

from cancu.graph import vocab
from cancu.graph.text import fold, unify_tones

# A syllable: letters (with their combining marks after NFC) and digits. Symbols such as
# "61/2018/NĐ-CP" are split here; the symbol field indexes them whole (search.py).
_SYLLABLE = re.compile(r"[^\W_]+", re.UNICODE)
# Longest compound looked up in the word list; Viet74K has few longer useful entries.
MAX_COMPOUND = 4
# Texts longer than this go through the dictionary fast path even when CRF is asked for:
# the CRF cost grows with length and its accuracy gain is in short noun phrases.
CRF_MAX_CHARS = 400
COMPOUND_JOINER = "_"
NUMBER_WORD = "số"  # before a number it is "number", no word of a subject (Analyzed.number_marks)
SOME_WORD = "một"  # "một số": some


def normalize(text: str) -> str:
    """Accented matching form: NFC, old tone placement moved (hoà→hòa), lower case."""
    return unify_tones(unicodedata.normalize("NFC", text)).lower()


def has_diacritics(text: str) -> bool:
    """Whether the user typed any Vietnamese diacritic (then exact accents should rank higher)."""
    return fold(text) != text.lower()


def syllables(text: str) -> list[str]:
    """Syllables of already-normalized text, in order."""
    return _SYLLABLE.findall(text)


@lru_cache(maxsize=1 << 18)
def fold_syllable(syllable: str) -> str:
    """`fold` of one syllable, cached: the syllable vocabulary is small (tens of thousands)
    while indexing and snippets fold millions of syllables."""
    return fold(syllable)


# --- segmentation ----------------------------------------------------------------------


@lru_cache(maxsize=1)
def _lexicon() -> frozenset[str]:
    """Multi-syllable words of underthesea's Viet74K list, normalized like indexed text."""
    try:
        ref = resources.files("underthesea").joinpath("corpus/data/Viet74K.txt")
        lines = ref.read_text(encoding="utf-8").splitlines()
    except (FileNotFoundError, ModuleNotFoundError, OSError):  # pragma: no cover
        return frozenset()
    words = set()
    for line in lines:
        w = normalize(line.strip())
        n = w.count(" ") + 1
        if 2 <= n <= MAX_COMPOUND and _SYLLABLE.fullmatch(w.replace(" ", "")):
            words.add(w)
    return frozenset(words)


@lru_cache(maxsize=1)
def _lexicon_heads() -> dict[str, int]:
    """First two syllables of each lexicon word -> the longest word starting with them.

    Most positions of a text start no dictionary word: one lookup rules them out."""
    heads: dict[str, int] = {}
    for w in _lexicon():
        parts = w.split(" ")
        head = parts[0] + " " + parts[1]
        heads[head] = max(heads.get(head, 0), len(parts))
    return heads


def dictionary_compounds(sylls: list[str] | tuple[str, ...]) -> list[tuple[int, int]]:
    """Greedy longest-match compounds as (start, length) spans over `sylls`.

    The fast path for long texts: one set lookup per candidate, no model."""
    lexicon = _lexicon()
    heads = _lexicon_heads()
    spans: list[tuple[int, int]] = []
    i, n = 0, len(sylls)
    while i < n - 1:
        longest = heads.get(sylls[i] + " " + sylls[i + 1])
        if longest:
            for size in range(min(longest, MAX_COMPOUND, n - i), 1, -1):
                if " ".join(sylls[i : i + size]) in lexicon:
                    spans.append((i, size))
                    i += size
                    break
            else:
                i += 1
        else:
            i += 1
    return spans


@lru_cache(maxsize=65536)
def crf_words(text: str) -> tuple[str, ...]:
    """underthesea word segmentation of a short normalized text, cached (titles repeat
    across catalog imports, queries repeat across users)."""
    from underthesea import word_tokenize  # imported lazily: loading the model takes 0.5 s

    try:
        return tuple(word_tokenize(text))
    except Exception:  # noqa: BLE001 - a segmenter failure must not stop indexing
        return tuple(syllables(text))


def crf_compounds(text: str, sylls: list[str]) -> list[tuple[int, int]]:
    """Compound spans from the CRF segmenter, aligned to `sylls` (the regex syllables)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for word in crf_words(text):
        parts = syllables(word)
        if not parts:
            continue
        # Re-align: the segmenter keeps punctuation tokens that the syllable regex drops.
        while pos < len(sylls) and sylls[pos] != parts[0]:
            pos += 1
        if pos >= len(sylls):
            break
        if len(parts) > 1 and sylls[pos : pos + len(parts)] == parts:
            spans.append((pos, len(parts)))
        pos += len(parts)
    return spans


@dataclass(frozen=True)
class Analyzed:
    """One text as the index sees it: syllables and compound spans (start, length)."""

    sylls: tuple[str, ...]
    compounds: tuple[tuple[int, int], ...]
    norm: str = field(default="", repr=False, compare=False)  # the normalized text: see number_marks

    def terms(self, folded: bool, bigrams: bool = False) -> list[tuple[int, str]]:
        """(position, term) pairs: each syllable, then each compound at its first syllable
        (shortest first).

        With `bigrams`, every pair of adjacent syllables is a term too. Many phrases users
        type are not dictionary words ("một cửa", "phủ điện") and are made of very common
        syllables ("một", "của" folds with "cửa"); as one term they get the rarity (IDF)
        that sets "cơ chế một cửa" apart from "một số điều của"."""
        sylls = [fold_syllable(s) for s in self.sylls] if folded else list(self.sylls)
        n = len(sylls)
        joiner = COMPOUND_JOINER
        starts: dict[int, set[int]] = {}
        for start, size in self.compounds:
            starts.setdefault(start, set()).add(size)
        marks = frozenset() if folded else self.number_marks()
        out: list[tuple[int, str]] = []
        append = out.append
        for i, s in enumerate(sylls):
            if i not in marks:
                append((i, s))
            sizes = starts.get(i)
            if sizes is None:
                if bigrams and i + 1 < n:  # the common case: the pair only
                    append((i, s + joiner + sylls[i + 1]))
                continue
            if bigrams and i + 1 < n:
                sizes = sizes | {2}
            for size in sorted(sizes):
                append((i, joiner.join(sylls[i : i + size])))
        return out

    def number_marks(self) -> frozenset[int]:
        """Positions of "số" that is no subject's word: a number's ("Nghị định số
        23/2022/NĐ-CP", in every citation: `NUMBER_MARK`) and "một số" (some: "sửa đổi,
        bổ sung một số điều", in every amending title). The accented term "số" is the
        subject's word ("chuyển đổi số", "chữ ký số"), which these must not match. The
        folded spellings keep them, as a query typed without accents cannot tell them apart
        anyway."""
        return _number_marks(self.norm) if NUMBER_WORD in self.norm else frozenset()

    def term_bag(self, folded: bool, bigrams: bool = False) -> list[str]:
        """The terms of `terms`, without positions and in another order (syllables, then
        pairs, then compounds): for fields that keep term frequencies only. Built with
        C-level loops, as full texts run to thousands of syllables."""
        sylls = list(map(fold_syllable, self.sylls)) if folded else list(self.sylls)
        joiner = COMPOUND_JOINER
        marks = frozenset() if folded else self.number_marks()
        bag = [s for i, s in enumerate(sylls) if i not in marks] if marks else list(sylls)
        if bigrams and len(sylls) > 1:
            bag += map(joiner.join, zip(sylls, sylls[1:], strict=False))
        bag += [joiner.join(sylls[i : i + size]) for i, size in self.compounds
                if not (bigrams and size == 2)]
        return bag


def analyze(text: str, *, segmenter: str = "dict") -> Analyzed:
    """Normalize and segment `text`. `segmenter` is "crf" (short texts), "dict" (fast
    path) or "none" (syllables only).

    The last few results are cached: an index holds each text twice (accented and
    folded), and the second analysis of the same text is then free."""
    return _analyze(text, segmenter)


@lru_cache(maxsize=32)
def _analyze(text: str, segmenter: str) -> Analyzed:
    norm, sylls = _normalized(text)
    if segmenter == "none" or len(sylls) < 2:
        return Analyzed(sylls, (), norm)
    if segmenter == "crf" and len(norm) <= CRF_MAX_CHARS:
        spans = crf_compounds(norm, list(sylls))
    else:
        spans = dictionary_compounds(sylls)
    return Analyzed(sylls, tuple(spans), norm)


@lru_cache(maxsize=32)
def _normalized(text: str) -> tuple[str, tuple[str, ...]]:
    """`normalize(text)` and its syllables, shared by the analyses of one text (a full
    text is indexed folded with compounds and accented without)."""
    norm = normalize(text)
    return norm, tuple(syllables(norm))


# "số" naming a document's number: before a symbol ("số 61/2018/NĐ-CP", "số 61-CP", "số
# 1234/QĐ", a heading's "Số: 88/KH-UBND", "Số:88/..."); not before a count ("chuyển đổi số
# 6 tháng", "chữ ký số 01 bộ"), a year, a period ("2021-2025") or a version ("4.0").
# NFC text, any case; suggest.py reads it too.
NUMBER_MARK = re.compile(r"\bsố(?=(?:[:.][ \t\r\n]*|[ \t\r\n]+)\d+[ \t]*[/\-][ \t]*(?:[^\W\d_]|\d+[ \t]*[/\-]))",
                         re.IGNORECASE)


@lru_cache(maxsize=32)
def _number_marks(norm: str) -> frozenset[int]:
    """See `Analyzed.number_marks`; read from the normalized text, whose punctuation tells
    a symbol from a year."""
    out = set()
    some_end = -1  # where the last "một" ended: "một số" is some, "một: Số hóa" is not
    for i, m in enumerate(_SYLLABLE.finditer(norm)):
        word = m.group()
        if word == NUMBER_WORD and ((some_end >= 0 and norm[some_end:m.start()].isspace())
                                    or NUMBER_MARK.match(norm, m.start())):
            out.add(i)
        some_end = m.end() if word == SOME_WORD else -1
    return frozenset(out)


class VietnameseTokenizer(Tokenizer):
    """whoosh tokenizer emitting syllables and compounds, accented or folded.

    It is stored (pickled) in the index schema, so it holds only plain settings."""

    def __init__(self, folded: bool = False, segmenter: str = "dict", bigrams: bool = False) -> None:
        self.folded = folded
        self.segmenter = segmenter
        self.bigrams = bigrams

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, VietnameseTokenizer)
            and other.folded == self.folded
            and other.segmenter == self.segmenter
            and other.bigrams == self.bigrams
        )

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        analyzed = analyze(value, segmenter=self.segmenter)
        for pos, term in analyzed.terms(self.folded, self.bigrams):
            token.text = term
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            yield token


def vietnamese_analyzer(*, folded: bool, segmenter: str = "dict",
                        bigrams: bool = False) -> VietnameseTokenizer:
    """The analyzer for one indexed spelling (accented or folded) of a text field."""
    return VietnameseTokenizer(folded=folded, segmenter=segmenter, bigrams=bigrams)


# --- abbreviations (query time) ----------------------------------------------------------


@dataclass(frozen=True)
class Abbreviation:
    abbr: str
    expansions: tuple[str, ...]


@lru_cache(maxsize=1)
def abbreviations() -> dict[str, Abbreviation]:
    """Abbreviations keyed by their folded, lower-case form ("cntt", "hdnd", "ttg")."""
    table = vocab.abbreviations()
    return {
        key.lower(): Abbreviation(entry["abbr"], tuple(entry["expansions"]))
        for key, entry in table.items()
    }


def abbreviation(token: str) -> Abbreviation | None:
    """The abbreviation a query token spells, in any case and with or without đ."""
    return abbreviations().get(fold(token).lower())


def expand_abbreviations(text: str, *, capitals_only: bool = False) -> str:
    """`text` with each abbreviation replaced by its first expansion (what a reader
    understands); search itself keeps every expansion as an alternative. With
    `capitals_only`, only those written in capitals: in a law's name ("Luật DN") no other
    word is in capitals, and a lower-case syllable is a word of the name."""

    def repl(m: re.Match[str]) -> str:
        word = m.group(0)
        found = abbreviation(word) if word.isupper() or not capitals_only else None
        return found.expansions[0] if found else word

    return _SYLLABLE.sub(repl, unicodedata.normalize("NFC", text))
