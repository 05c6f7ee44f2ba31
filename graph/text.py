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


def unify_tones(text: str) -> str:
    """Return NFC text with old-style tone placement moved to the new-style vowel."""
    decomposed = unicodedata.normalize("NFD", text)
    # Work in NFD with only the tone marks split off: NFD also splits circumflex/breve,
    # which must stay with their vowel, and they never occur in the oa/oe/uy clusters.
    moved = _OLD_TONE.sub(lambda m: m.group(1) + m.group(3) + m.group(2), decomposed)
    return unicodedata.normalize("NFC", moved)


def _fold_char(ch: str) -> str:
    decomposed = unicodedata.normalize("NFD", ch.replace("đ", "d").replace("Đ", "D"))
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
