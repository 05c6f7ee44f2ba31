"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows, Windows-1258) → Unicode.

Government offices typed in TCVN3 (.VnTime fonts) and VNI fonts until the 2000s and many of
those files still circulate. Their bytes are Latin-1 characters to any modern reader
("Quyết định" arrives as "QuyÕt ®Þnh" or "Quyeát ñònh"), so a citation finder would see
garbage. This module recognises such text and converts it.

The detector does not trust byte patterns alone: Latin-1 letters such as "à", "ó", "ê" are
also valid Vietnamese. It converts the text with each table and keeps the conversion only
when the result reads as Vietnamese (most words are well-formed Vietnamese syllables) and the
text as given does not. When two readings are equally plausible it refuses to guess.

The tables are data: `data/legacy_encodings.json`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from cancu.graph.vocab import load_table

TCVN3 = "tcvn3"
VNI = "vni"
CP1258 = "cp1258"
CP1252 = "cp1252"
# UTF-8 bytes once shown as Windows-1252 and saved so ("Ä‘" for "đ", "Æ°" for "ư"): a
# file passed through a tool that guessed the wrong encoding.
UTF8_AS_CP1252 = "utf8-as-cp1252"

#: A conversion is accepted only when at least this share of its words are Vietnamese.
MIN_VIETNAMESE_RATIO = 0.85
#: ...and it must beat the text as given (and any other reading) by this much.
MIN_MARGIN = 0.15
#: Words scanned by the detector: a long document is judged on a prefix, which keeps the
#: cost bounded and is plenty of evidence (one page has a few hundred words).
MAX_WORDS_SCORED = 2000
#: Characters the detector tries each table on; the winner then converts the whole text.
SAMPLE_CHARS = 200_000

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
# Letters that exist only in Vietnamese Unicode text (ă đ ơ ư and the U+1EA0 block).
_VIETNAMESE_ONLY = re.compile("[\u0102\u0103\u0110\u0111\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]")
_WORD = re.compile(r"[^\W\d_]+")
_ASCII_WORD = re.compile(r"[A-Za-z]+")
_INITIAL = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx]"
_FINAL = "ch|ng|nh|[cmnpt]"
# Vowel nuclei (with their glides) that occur in Vietnamese syllables, tone marks removed.
_NUCLEI = (
    "a ă â e ê i o ô ơ u ư y "
    "ai ao au âu ay ây eo êu ia iê iu oa oă oe oi ôi ơi oo ua uâ uê ui uô uy uơ ưa ưi ươ ưu "
    "yê iêu yêu oai oay oao oeo uây uôi uya uyê uyu ươi ươu"
).split()
_SYLLABLE = re.compile(
    rf"^(?:{_INITIAL})?(?:{'|'.join(sorted(_NUCLEI, key=len, reverse=True))})(?:{_FINAL})?$"
)


@dataclass(frozen=True)
class Score:
    """How Vietnamese a text reads: `valid` of `words` non-ASCII words are real syllables."""

    valid: int
    words: int

    @property
    def ratio(self) -> float:
        return self.valid / self.words if self.words else 0.0


@dataclass(frozen=True)
class Guess:
    """The detector's verdict: which encoding the text was in (None: already Unicode)."""

    encoding: str | None
    score: Score
    text: str


# --- tables -----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def tables() -> dict[str, dict[str, str]]:
    """The conversion tables from `data/legacy_encodings.json` (legacy chars → Unicode)."""
    raw = load_table("legacy_encodings.json")
    return {TCVN3: dict(raw[TCVN3]), VNI: dict(raw[VNI])}


@lru_cache(maxsize=2)
def _pattern(encoding: str) -> re.Pattern[str]:
    keys = sorted(tables()[encoding], key=len, reverse=True)  # two-char VNI sequences first
    return re.compile("|".join(re.escape(k) for k in keys))


def _cp1252_byte_table() -> dict[int, str]:
    """cp1252 for the bytes it defines, Latin-1 for the five it leaves undefined."""
    table: dict[int, str] = {}
    for b in range(0x80, 0xA0):
        try:
            table[b] = bytes([b]).decode("cp1252")
        except UnicodeDecodeError:
            table[b] = chr(b)
    return table


_CP1252: dict[int, str | int | None] = dict(_cp1252_byte_table())


def bytes_as_cp1252(data: bytes) -> str:
    """Decode any bytes as Windows would have shown them: the legacy tables' alphabet."""
    return data.decode("latin-1").translate(str.maketrans(_CP1252))


# --- conversion -------------------------------------------------------------------------

def undo_cp1252(text: str) -> str | None:
    """`text` read back as the UTF-8 bytes Windows-1252 showed it as; None when it holds a
    character Windows-1252 never shows (it is not that mojibake). A byte the showing tool
    lost (U+FFFD, for the five bytes cp1252 leaves undefined) is restored after "Ä" (only
    "Đ", 0xC4 0x90, is Vietnamese there) and is a replacement character elsewhere."""
    out = bytearray()
    for i, ch in enumerate(text):
        code = ord(ch)
        if code < 0x80 or 0xA0 <= code <= 0xFF:
            out.append(code)
        elif (byte := _BYTE_OF.get(ch)) is not None:
            out.append(byte)
        elif ch == "\ufffd":
            if i and text[i - 1] == "Ä":
                out.append(0x90)
            # else nothing: the truncated sequence decodes to one replacement character
        else:
            return None
    return out.decode("utf-8", errors="replace")


_BYTE_OF = {ch: byte for byte, ch in _CP1252.items() if isinstance(ch, str)}


def convert(text: str, encoding: str) -> str:
    """Convert TCVN3 or VNI text (as Latin-1 characters), or UTF-8 shown as Windows-1252,
    to NFC Unicode."""
    if encoding == UTF8_AS_CP1252:
        return unicodedata.normalize("NFC", undo_cp1252(text) or text)
    table = tables()[encoding]
    converted = _pattern(encoding).sub(lambda m: table[m.group(0)], text)
    if encoding == TCVN3:
        converted = _restore_tcvn3_capitals(text, converted)
    return unicodedata.normalize("NFC", converted)


def _restore_tcvn3_capitals(original: str, converted: str) -> str:
    """Upper-case the toned letters of words typed in an upper-case .Vn font.

    TCVN3 has no codes for upper-case toned letters: "TỈNH" was typed "TØNH" in .VnTimeH,
    which draws every code as a capital. A word whose ASCII letters are all capitals (two or
    more), or a line whose ASCII letters are all capitals, was such a heading. TCVN3 maps
    one character to one, so offsets in `original` and `converted` agree.
    """
    out: list[str] = []
    pos = 0
    for line in converted.splitlines(keepends=True):
        source = original[pos:pos + len(line)]
        pos += len(line)
        letters = "".join(_ASCII_WORD.findall(source))
        if len(letters) >= 3 and letters.isupper():
            out.append(line.upper())
            continue
        out.append(_WORD.sub(_upper_if_capital_word, line))
    return "".join(out)


def _upper_if_capital_word(match: re.Match[str]) -> str:
    word = match.group(0)
    ascii_letters = "".join(ch for ch in word if ch.isascii())
    if len(ascii_letters) >= 2 and ascii_letters.isupper():
        return word.upper()
    return word


# --- scoring ----------------------------------------------------------------------------

@lru_cache(maxsize=8192)
def is_vietnamese_syllable(word: str) -> bool:
    """True for a well-formed Vietnamese syllable ("quyết", "nghiêng"), any case.

    At most one tone mark; an initial consonant, a vowel nucleus Vietnamese allows and a
    final consonant. Latin-1 look-alikes fail: "quyÕt" has the nucleus "yo".
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = sum(decomposed.count(t) for t in _TONE_MARKS)
    if tones > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in _TONE_MARKS))
    return bool(_SYLLABLE.match(bare))


def vietnamese_score(text: str) -> Score:
    """Count the non-ASCII words and how many of them are Vietnamese syllables."""
    valid = words = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.isascii():
            continue
        words += 1
        valid += is_vietnamese_syllable(word)
        if words >= MAX_WORDS_SCORED:
            break
    return Score(valid, words)


def has_vietnamese_letters(text: str) -> bool:
    """True when the text already holds letters only Unicode Vietnamese uses (ă, đ, ơ, ư, ạ…)."""
    return _VIETNAMESE_ONLY.search(text) is not None


# --- detection --------------------------------------------------------------------------

def detect(text: str) -> Guess:
    """Decide whether Unicode `text` is really TCVN3 or VNI and return the best reading.

    Returns `Guess(None, ...)` with the text unchanged when it is already good Unicode, when
    it holds no non-ASCII words, or when no conversion is clearly better. Use `ambiguous()`
    to tell the last case apart when a caller must fail rather than keep the text.
    """
    if has_vietnamese_letters(text):  # cheap, and settles every modern document
        return Guess(None, Score(0, 0), text)
    sample = text[:SAMPLE_CHARS]
    as_is = vietnamese_score(sample)
    if as_is.words == 0:
        return Guess(None, as_is, text)
    best = _best_reading(sample, as_is)
    if best is None:
        return Guess(None, as_is, text)
    assert best.encoding is not None
    return Guess(best.encoding, best.score, convert(text, best.encoding))


def _candidates(text: str) -> list[Guess]:
    out = [Guess(enc, vietnamese_score(conv), conv) for enc in (TCVN3, VNI) for conv in (convert(text, enc),)]
    if (undone := undo_cp1252(text)) is not None:
        out.append(Guess(UTF8_AS_CP1252, vietnamese_score(undone), undone))
    return out


def _best_reading(text: str, as_is: Score) -> Guess | None:
    candidates = sorted(_candidates(text), key=lambda g: g.score.ratio, reverse=True)
    best, runner_up = candidates[0], candidates[1]
    if best.score.ratio < MIN_VIETNAMESE_RATIO:
        return None
    if best.score.ratio - as_is.ratio < MIN_MARGIN:
        return None
    if best.score.ratio - runner_up.score.ratio < MIN_MARGIN and runner_up.text != best.text:
        return None
    return best


def ambiguous(text: str) -> bool:
    """True when `text` looks legacy-encoded (few valid words) but no table reads it well.

    A reader uses this to fail with a clear message instead of passing mojibake downstream.
    Text that arrived as Unicode is held to a stricter test than raw 8-bit bytes: at least
    half its non-ASCII words must carry legacy marks, so French "où" or "déjà" is kept.
    """
    if has_vietnamese_letters(text):
        return False
    sample = text[:SAMPLE_CHARS]
    as_is = vietnamese_score(sample)
    if as_is.words < 3:
        return False
    if as_is.ratio >= MIN_VIETNAMESE_RATIO:
        return False
    return _best_reading(sample, as_is) is None and _legacy_share(sample) >= 0.5


# Characters that TCVN3 uses and Western text almost never does (µ ¸ ¶ · ¹ ¨ » ¾ ¼ ½ ® ...),
# and the VNI "vowel + mark" pairs ("aø", "eá", "oä").
_TCVN3_SIGNAL = re.compile("[\u00a1-\u00a8\u00aa-\u00ae\u00b5-\u00be\u00d7\u00de\u00fe]")
_VNI_SIGNAL = re.compile(
    "[aeouyAEOUY][\u00f9\u00f8\u00fb\u00f5\u00ef\u00e1\u00e0\u00e5\u00e3\u00e4]"
)


def _legacy_signal(text: str) -> bool:
    return bool(_TCVN3_SIGNAL.search(text) or _VNI_SIGNAL.search(text))


def _legacy_share(text: str) -> float:
    """Share of the non-ASCII words that carry a TCVN3 character or a VNI mark pair."""
    marked = words = 0
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.isascii():
            continue
        words += 1
        marked += _legacy_signal(word)
        if words >= MAX_WORDS_SCORED:
            break
    return marked / words if words else 0.0


# --- bytes ------------------------------------------------------------------------------

def decode_legacy_bytes(data: bytes) -> Guess | None:
    """Read bytes that are not UTF-8: TCVN3, VNI, Windows-1258, or plain Windows-1252.

    Returns the best reading, or None when the text has Vietnamese-looking bytes that no
    table reads well (the caller reports "unknown encoding" instead of guessing). Readings
    are scored on a prefix; the winner then decodes the whole file.
    """
    head = data[:SAMPLE_CHARS]  # every candidate is single-byte: any cut is safe
    western = bytes_as_cp1252(head)
    as_is = vietnamese_score(western)
    readings = _candidates(western)
    readings.append(_cp1258_reading(head))
    readings.sort(key=lambda g: g.score.ratio, reverse=True)
    best, runner_up = readings[0], readings[1]
    if (best.score.ratio >= MIN_VIETNAMESE_RATIO
            and best.score.ratio - as_is.ratio >= MIN_MARGIN
            and (best.score.ratio - runner_up.score.ratio >= MIN_MARGIN
                 or runner_up.text == best.text)):
        return Guess(best.encoding, best.score, _decode_all(data, best.encoding))
    if as_is.words == 0 or not _legacy_signal(western):
        # Western text ("café", "©"): nothing a Vietnamese legacy font would produce.
        return Guess(CP1252, as_is, _decode_all(data, CP1252))
    return None


def _decode_all(data: bytes, encoding: str | None) -> str:
    if encoding == CP1258:
        return _cp1258_reading(data).text
    western = bytes_as_cp1252(data)
    if encoding in (TCVN3, VNI):
        return convert(western, encoding)
    return unicodedata.normalize("NFC", western)


def _cp1258_reading(data: bytes) -> Guess:
    """Windows-1258 stores tones as combining marks after the letter; NFC composes them."""
    text = unicodedata.normalize("NFC", data.decode("cp1258", errors="replace"))
    return Guess(CP1258, vietnamese_score(text), text)
