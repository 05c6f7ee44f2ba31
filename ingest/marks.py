"""Diacritics put back, in place, on lines typed without them.

A drafter whose input method is off types "Can cu Nghi dinh so 102/2024/ND-CP ngay
30/7/2024 cua Chinh phu ...". The extractor reads type words, issuers, law names and dates
by their Vietnamese spelling, so such a line gave only its symbol: the date, the issuer and
the căn cứ relation went unread, and `lint` could not check them. `restore` writes on each
line typed without marks the words the vocabulary tables know, with their marks, before
extraction reads the text. Every word keeps its length (a folded letter is one letter), so
every offset into the restored text is an offset into the text as typed, and
`ingest.extract` reports spans of the text as given.

Only words that cannot be misread are restored:
- names from the tables (document types, issuers, provinces, proper nouns, law names, the
  header's openers and motto) where all their words stand in a row: "Bo Tai chinh" can
  only be "Bộ Tài chính". A name of one word is restored only when it is a type ("Luat");
- words that are common words unmarked ("so" is số or sở, "nam" năm or Nam, "cua" của or
  cửa, "ngay" ngày or ngay) only in the one place where a citation puts them: before a
  number, inside a date, before a name the tables know.

A line counts as typed without marks when none of its words is marked, or when
`text.typed_unmarked` says so (six words or more, fewer than a fifth marked: an accented
word pasted in). Lines written with marks are never touched, so a document written
properly reads exactly as before. The vocabulary is data/cite_words.json 'unmarked', with
examples tests run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cancu.graph import vocab
from cancu.graph.text import fold, typed_unmarked
from cancu.ingest import cites

# A text typed with its marks has about 0.34 bytes of UTF-8 beyond one per character (0.29
# to 0.37 in the corpus: a marked letter in four, two or three bytes each); one below this
# has few marks on the whole. Its head tells (`HEAD_CHARS`): encoding a long text whole
# would cost more than reading it.
FEW_MARKS_BYTES = 0.1
HEAD_CHARS = 20_000

_WORD = re.compile(r"[^\W_]+")
_SPLIT = re.compile(r"([^\W_]+)")
# Two ASCII letters in a row: every word the vocabulary restores has them, so a line without
# (figures, symbols' codes of one letter, blank) is passed over at C speed.
_LETTERS = re.compile(r"[A-Za-z]{2}")
# What may stand between the words of one name: spaces, and the comma or dash some names
# hold ("Luật An toàn, vệ sinh lao động", "Độc lập - Tự do - Hạnh phúc").
_INSIDE_NAME = re.compile(r"[ \t]*,[ \t]*|[ \t]+[-–][ \t]+|[ \t]+")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")


# A name's words, folded, as a trie: each node maps the next folded word to the node after
# it; the key None holds the written words of a name ending there.
_Trie = dict


@dataclass(frozen=True)
class _Vocabulary:
    names: _Trie
    before_number: dict[str, str]  # folded word -> written
    day: tuple[str, str]  # (folded, written)
    month: tuple[str, str]
    year: tuple[str, str]
    before_name: dict[str, str]
    context: frozenset[str]  # every word above: read only in its place


def _table() -> dict[str, list[str]]:
    return cites.words()["unmarked"]


def _spellings() -> list[str]:
    """Every name the tables hold that a citation or a header writes out."""
    words = cites.words()
    head = words["header"]
    found: list[str] = []
    for t in vocab.doc_types():
        found += [t.name, *t.variants]
    for i in vocab.issuers():
        found += [i.name, *i.variants, *i.bodies]
    cues = [w for w in vocab.province_cues()["words"] if not fold(w).isupper()]
    for p in vocab.provinces():
        for name in (p["name"], *p["variants"]):
            found.append(name)
            found += [f"{cue} {name}" for cue in cues]
    found += vocab.load_table("citation_forms.json")["proper_nouns"]
    found += words["known_names"]["names"]
    for name_head in words["name_heads"]["heads"]:  # "Luật sửa đổi, bổ sung một số điều của"
        found.append(name_head["head"])
        if name_head.get("optional_tail"):  # "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam"
            found.append(f'{name_head["head"]} {name_head["optional_tail"]}')
    found += [*head["body_openers"], *head["title_openers"], *head["motto"], *head["motto_tails"],
              *head["letter_subject_ends"], *words["issuer_titles"]["words"]]
    return found


@lru_cache(maxsize=1)
def _vocabulary() -> _Vocabulary:
    types = {fold(w) for t in vocab.doc_types() for w in (t.name, *t.variants)}
    by_fold: dict[tuple[str, ...], tuple[str, ...]] = {}
    for spelling in _spellings():
        written = tuple(_WORD.findall(spelling))
        folded = tuple(fold(w) for w in written)
        if not written or any(len(f) != len(w) for f, w in zip(folded, written, strict=True)):
            continue  # a letter that folds to two would move every offset after it
        if len(written) == 1 and folded[0] not in types:
            continue  # one word alone is too often a common word
        marked = any(not w.isascii() for w in written)
        if folded not in by_fold or (marked and all(w.isascii() for w in by_fold[folded])):
            by_fold[folded] = written  # the marked spelling of a name wins over its bare one
    names: _Trie = {}
    for folded, written in by_fold.items():
        node = names
        for word in folded:
            node = node.setdefault(word, {})
        node[None] = written
    t = _table()
    day, month, year = cites.words()["header"]["date_words"]
    before_number = {fold(w): w for w in (*t["before_number"], day)}
    before_name = {fold(w): w for w in t["before_name"]}
    return _Vocabulary(
        names=names, before_number=before_number, day=(fold(day), day), month=(fold(month), month),
        year=(fold(year), year), before_name=before_name,
        context=frozenset({*before_number, fold(day), fold(month), fold(year), *before_name}),
    )


def restore(text: str) -> str:
    """`text` with the citation vocabulary on its unmarked lines written with its marks, in
    the writer's case; the same object when nothing changes."""
    if _LETTERS.search(text) is None:  # no word of the vocabulary: digits, symbols, spaces
        return text
    lines = text.split("\n")
    changed = False
    for i in _unmarked(text, lines):
        restored = _restore_line(lines[i])
        if restored != lines[i]:  # not `is`: a cached copy of an equal line may come back
            lines[i] = restored
            changed = True
    return "\n".join(lines) if changed else text


def _unmarked(text: str, lines: list[str]) -> list[int]:
    """The index of each line typed without diacritics.

    Cheap on a text written with marks, which is nearly every text: lines of ASCII alone
    are found without reading them (`str.isascii`), and lines holding a few marked words
    among many bare ones (a name pasted in with its marks) are looked for only in a text
    where a bare line long enough to tell (`typed_unmarked`) holds vocabulary to restore,
    or that has few marks on the whole."""
    bare = [i for i, line in enumerate(lines) if line.isascii() and _LETTERS.search(line)]
    if text.isascii():
        return bare
    if not any(typed_unmarked(lines[i]) and _restore_line(lines[i]) != lines[i] for i in bare) \
            and not _few_marks(text):
        # A line typed with the keyboard's marks switched off after its first words ("Căn
        # cứ Nghi dinh so 115/2020/ND-CP ngay 28 thang 9 nam 2020") among lines typed with
        # them: its second half is bare, which a line typed with marks hardly ever is.
        return sorted(bare + [i for i, line in enumerate(lines)
                              if not line.isascii() and line[len(line) // 2:].isascii() and typed_unmarked(line)])
    return [i for i, line in enumerate(lines)
            if (_LETTERS.search(line) if line.isascii() else typed_unmarked(line))]


def _few_marks(text: str) -> bool:
    """Whether `text` has far fewer marks than a text typed with them (`FEW_MARKS_BYTES`)."""
    head = text[:HEAD_CHARS]
    return len(head.encode()) - len(head) < FEW_MARKS_BYTES * len(head)


# Lines up to this long are cached (a text's lines recur: its header in every draft, and
# `_unmarked` reads a bare line before `restore` does); longer ones would hold memory.
LINE_CACHE_CHARS = 2_000


def _restore_line(line: str) -> str:
    """`line` with the vocabulary's marks put back (equal to it when nothing changes)."""
    return _restore_short(line) if len(line) <= LINE_CACHE_CHARS else _restored(line)


def _restored(line: str) -> str:
    v = _vocabulary()
    parts = _SPLIT.split(line)  # gap, word, gap, word, ..., gap: word k is parts[2k + 1]
    words = parts[1::2]
    keys = _SPLIT.split(fold(line))[1::2]
    if len(keys) != len(words) or sum(map(len, keys)) != sum(map(len, words)):
        keys = [fold(w) for w in words]  # a letter folded away or two: fold word by word
    changed = False

    def put(i: int, written: str) -> None:
        nonlocal changed
        typed = words[i]
        if typed.isascii() and typed != written and len(typed) == len(written):
            parts[2 * i + 1] = "".join(w.upper() if t.isupper() else w.lower() if t.islower() else w
                                       for t, w in zip(typed, written, strict=True))
            changed = True

    def spaced(i: int) -> bool:  # words i and i + 1 stand one run of spaces apart
        gap = parts[2 * i + 2]
        return bool(gap) and not gap.strip(" \t")

    def name_at(i: int) -> tuple[int, tuple[str, ...]] | None:
        """The longest name starting at word i: its end and its written words."""
        node, found, j = v.names.get(keys[i]), None, i
        while node is not None:
            if None in node:
                found = (j + 1, node[None])
            if j + 1 >= len(words) or _INSIDE_NAME.fullmatch(parts[2 * j + 2]) is None:
                break
            j += 1
            node = node.get(keys[j])
        return found

    i = 0
    while i < len(words):
        key = keys[i]
        if key in v.names and (name := name_at(i)) is not None:
            end, written = name
            for j in range(i, end):
                put(j, written[j - i])
            i = end
            continue
        if key in v.context and i + 1 < len(words) and spaced(i):
            after = keys[i + 1]
            before = keys[i - 1] if i > 0 and spaced(i - 1) else None
            if key in v.before_number and after[0].isdigit():
                put(i, v.before_number[key])
            elif key == v.day[0] and after == v.month[0] and i + 2 < len(words) and keys[i + 2].isdigit():
                put(i, v.day[1])  # a blank day: "ngay    thang 8 nam 2021"
            elif key == v.month[0] and after.isdigit() and before is not None \
                    and (before.isdigit() or before in v.before_number):
                put(i, v.month[1])
            elif key == v.year[0] and _YEAR.fullmatch(after):
                put(i, v.year[1])
            elif key in v.before_name and (
                    (after in v.names and name_at(i + 1) is not None) or _is_code(words[i + 1])):
                put(i, v.before_name[key])
        i += 1
    return "".join(parts) if changed else line


_restore_short = lru_cache(maxsize=1024)(_restored)


def _is_code(word: str) -> bool:
    """An issuer written by its code ("cua UBND tinh", "cua BTC")."""
    return word.isupper() and len(word) > 1 and vocab.lookup_issuer_code(word) is not None
