"""Which relation a text states: of the citing document to each citation, and between two
cited documents.

Cue phrases live in `data/relations.json` ("Căn cứ" → based_on, "Thực hiện" →
implements, "hướng dẫn thi hành" → guides, ...); this module only says where a cue counts:

* **The citing document → a citation**: a cue at most `MAX_GAP` syllables before the citation,
  in the same clause ("Tiếp tục triển khai thực hiện có hiệu quả theo Kế hoạch số 61/...":
  implements). A citation that starts its own item of a list right after a cued one shares
  the cue ("Căn cứ áp dụng: Nghị định 61/...; Thông tư số 01/...": both based_on). Further
  away the cue is about something else ("triển khai thực hiện việc đầu tư ... trong cải
  cách thủ tục hành chính, theo Nghị định số 61/...": cites).
* **A cited document → another**: a citation inside the subject of another, after a cue
  ("Kế hoạch số 61/KH-UBND ... về thực hiện Nghị quyết số 17/NQ-CP": 61 implements 17).
* **Local implementations**: "(Tỉnh Quảng Ngãi: Kế hoạch số ...; Quyết định số ...)" right
  after a central document: each implements it. A document cannot implement one issued
  after it, so such pairs are dropped.
* **Passive cues** ("được hướng dẫn bởi Nghị định 38/2024/NĐ-CP") point the other way.
* **Amending titles**: each law named in an amending law's title ("Luật sửa đổi, bổ sung
  một số điều của Luật A và Luật B ngày ...", `Mention.amended_by`) is amended by it; the
  document only cites it (it rests on the amending law).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from cancu.graph import vocab
from cancu.graph.dates import certainly_before
from cancu.graph.model import ENDING_RELATIONS, Relation
from cancu.graph.text import match_key
from cancu.ingest import cites
from cancu.ingest.normalize import phrase_pattern, tone_forms, trie_pattern, words_pattern

# A cue reaches at most this many syllables: "có hiệu quả theo" (4) in the seeds;
# "hướng dẫn thi hành | một số quy định của" (5) for guides.
MAX_GAP = 5
# The parenthesis of local implementations is read at most this far.
PAREN_MAX = 3000
_CLAUSE_BREAK = re.compile(r"[.;()\[\]]")


@lru_cache(maxsize=1)
def _cue_keys() -> dict[str, Relation]:
    """Every cue of relations.json by match key, with its relation."""
    by_key: dict[str, Relation] = {}
    for name, info in vocab.relations().items():
        for cue in info.cues:
            by_key.setdefault(match_key(cue), Relation(name))
    return by_key


@lru_cache(maxsize=1)
def _cue_regex() -> tuple[re.Pattern[str], dict[str, Relation]]:
    """All cues of relations.json, longest first, each mapped to its relation."""
    by_key = _cue_keys()
    ordered = sorted(by_key, key=len, reverse=True)
    alts = "|".join(phrase_pattern(c) for c in ordered)
    return re.compile(rf"(?<![^\W\d_])(?:{alts})(?![^\W\d_])", re.IGNORECASE), by_key


@lru_cache(maxsize=1)
def _cue_prefilter() -> re.Pattern[str]:
    """Every written form of every cue (both tone placements), lower case, as one
    case-sensitive trie pattern: the fast first look of `_cue_matches`. It only has
    to find where a cue starts, so forms that extend a shorter one are left out."""
    forms = {" ".join(form.split()).lower() for cue in _cue_keys() for form in tone_forms(cue)}
    # Where "căn cứ áp dụng" matches, "căn cứ" does: the shortest forms are enough.
    shortest = {f for f in forms if not any(f != g and f.startswith(g) for g in forms)}
    return re.compile(trie_pattern(shortest))


@lru_cache(maxsize=1)
def _passive_words() -> frozenset[str]:
    return frozenset(match_key(w) for w in cites.word_list("passive_markers"))


@lru_cache(maxsize=1)
def _passive_before() -> re.Pattern[str]:
    """'được', 'đã được' ending right before a cue (data/cite_words.json passive_markers)."""
    words = "|".join(phrase_pattern(w) for w in cites.word_list("passive_markers", "before"))
    return re.compile(rf"(?<![^\W\d_])(?:{words})\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _passive_relations() -> frozenset[Relation]:
    return frozenset(Relation(name) for name, info in vocab.relations().items() if info.acts_on)


@lru_cache(maxsize=1)
def _manner_words() -> frozenset[str]:
    return frozenset(match_key(w) for w in cites.word_list("manner_words"))


@lru_cache(maxsize=8)
def _words_right_before(key: str, *, ignore_case: bool = True) -> re.Pattern[str]:
    """The words of data/cite_words.json `key` ending right before a position, a cue's
    start, and starting a word: searched in the few characters before it."""
    return re.compile(rf"(?<![^\W\d_]){words_pattern(cites.word_list(key))}\s+$",
                      re.IGNORECASE if ignore_case else 0)


def _described() -> re.Pattern[str]:
    """Lower-case document words a cue right after describes (data/cite_words.json
    'described_documents'), matched as written: "Thông tư này hướng dẫn ..." is the
    citing document's own act."""
    return _words_right_before("described_documents", ignore_case=False)


def _cue_tail() -> re.Pattern[str]:
    """Words a cue written right after is no cue (data/cite_words.json 'cue_tails')."""
    return _words_right_before("cue_tails")


def _unasserted() -> re.Pattern[str]:
    """A time, condition, future or negation word right before a cue (data/cite_words.json
    'unasserted_cues'): "sẽ được rà soát khi triển khai Nghị định số 47/2020/NĐ-CP" says
    when something will be reviewed; the annex does not implement the decree."""
    return _words_right_before("unasserted_cues")


@lru_cache(maxsize=1)
def _purpose_words() -> frozenset[str]:
    return frozenset(match_key(w) for w in cites.word_list("manner_words", "lead_words"))


def _lead_before(text: str, at: int, lo: int = 0) -> int | None:
    """Where a purpose word ("để", "nhằm") written right before `at` starts, if one is."""
    before = text[max(lo, at - 8):at]
    words = before.split()
    if not words or not before.endswith(" ") or cites.key(words[-1]) not in _purpose_words():
        return None
    return at - len(before) + before.rfind(words[-1])


def _new_line(text: str, at: int) -> bool:
    """Whether a cue at `at`, written with a capital, opens a line after a word in lower
    case or capitals: lines are joined when read, and "Thí nghiệm cập nhật văn bản / Thực
    hiện Nghị định số 45/2020/NĐ-CP ..." (a title, then the preamble) reads as one run. What
    ends the line above ("văn bản", "đánh giá") says nothing about the cue; inside a
    sentence a cue is written in lower case."""
    if not (text[at:at + 1].isupper() and text[at + 1:at + 2].islower()):
        return False
    words = text[max(0, at - 30):at].split()
    if not words:
        return True
    prev = words[-1]
    return not (prev[:1].isupper() and prev[1:2].islower())  # "Báo Cáo Kết Quả Thực Hiện": a title-cased run


@lru_cache(maxsize=1)
def _item_opening() -> re.Pattern[str]:
    """What may stand between the start of a sentence or list item and its first word: a
    list mark and a purpose word (data/cite_words.json manner_words: 'list_marks' are
    shapes, "1.2." any numbers, "a)" any letter, "II." any Roman numeral). The text read is
    normalized, lines joined: a list mark after a space opens an item too."""
    marks = []
    for shape in cites.word_list("manner_words", "list_marks"):
        pat = re.sub(r"\d", r"\\d{1,3}", re.escape(shape))
        pat = re.sub(r"I+", "[IVX]{1,5}", pat)
        marks.append(re.sub(r"a", "[a-zđ]", pat))
    mark = "(?:" + "|".join(marks) + ")"
    leads = "|".join(phrase_pattern(w) for w in cites.word_list("manner_words", "lead_words"))
    return re.compile(rf"(?:^|[\n.;:!?(\[]|\s(?={mark}))\s*(?:{mark}\s*)?(?:(?P<lead>{leads})\s+)?$",
                      re.IGNORECASE)


def _opens_item(text: str, at: int) -> bool:
    """Whether the word at `at` is the first of its sentence or list item, written so with a
    capital ("- Thực hiện theo ..."; after "Chi hội nghị: thực hiện theo ..." the words go on
    the label's sentence)."""
    m = _item_opening().search(text, max(0, at - 24), at) if at else None
    if at and m is None:
        # Lines are joined when read: a capital after the line above opens one too ("I.
        # NHIỆM VỤ / Triển khai theo ...", "... cập nhật văn bản / Để triển khai ...").
        lead = _lead_before(text, at)
        return _new_line(text, at if lead is None else lead)
    first = (m.group("lead") if m is not None and m.group("lead") else None) or text[at:at + 1]
    return first[:1].isupper()


@lru_cache(maxsize=1)
def _label_regex() -> re.Pattern[str]:
    labels = "|".join(phrase_pattern(w) for w in cites.word_list("implementation_labels"))
    return re.compile(rf"\( ?(?:{labels})\.? [^():;]{{1,60}}: ?")


@dataclass(frozen=True)
class Cue:
    relation: Relation
    start: int
    end: int
    passive: bool
    located: bool = False  # "sửa đổi, bổ sung tại ...": where the act is written
    # Said of a part of the document acted on, not the whole ("bãi bỏ một số cụm từ tại
    # Nghị định ...", "[Điểm này bị bãi bỏ bởi ...]"): see `_of_a_part`.
    partial: bool = False


@lru_cache(maxsize=1)
def _shortest_cue() -> int:
    """Length of the shortest written cue: a shorter window holds none."""
    return min(len(f) for cue in _cue_keys() for f in tone_forms(cue))


# The only characters that `re.IGNORECASE` matches differently from `str.lower()`: "İ"
# lower-cases to two characters, "ı" and "ſ" match "i" and "s" (Python `re` docs).
_CASE_TRAPS = ("\u0130", "\u0131", "\u017f")


def _cue_matches(text: str, lo: int, at: int, low: str | None = None) -> Iterator[re.Match[str]]:
    """`_cue_regex().finditer(text, lo, at)`, fast.

    The cue regex is case-insensitive with some forty alternatives, and Python's `re` tries
    each alternative at every character (about 5 MB/s). A lower-cased copy of the window,
    searched with a case-sensitive trie of the same forms, gives every position where a cue
    can start; the cue regex is then only tried there, anchored. The matches are the same:
    `str.lower()` maps each character as `re.IGNORECASE` compares it (but for
    `_CASE_TRAPS`; a window holding one of them takes the plain scan). `low` is the whole
    text lowered once (`_lowered`), when the caller has it."""
    regex = _cue_regex()[0]
    if low is not None:
        window_low = low[lo:at]
    else:
        window = text[lo:at]
        if any(trap in window for trap in _CASE_TRAPS):
            yield from regex.finditer(text, lo, at)
            return
        window_low = window.lower()
    starts = _cue_prefilter()
    pos = 0
    while True:
        c = starts.search(window_low, pos)
        if c is None:
            return
        m = regex.match(text, lo + c.start(), at)
        if m is None:
            pos = c.start() + 1
        else:
            yield m
            pos = m.end() - lo


def cue_before(text: str, lo: int, at: int, low: str | None = None) -> Cue | None:
    """The cue that governs a citation starting at `at`, looking back no further than `lo`
    (`low`: the text lowered once, see `_cue_matches`)."""
    # A cue (at most 8 syllables) plus MAX_GAP syllables: only the last 14 words count.
    lo = max(lo, at - 100)
    words = text[lo:at].rsplit(" ", 14)
    if len(words) == 15:
        lo += len(words[0])
    if at - lo < _shortest_cue():
        return None
    by_key = _cue_keys()
    best: Cue | None = None
    run_start, run_end = -1, -1  # cues written one after another ("Tiếp tục triển khai | thực hiện")
    for m in _cue_matches(text, lo, at, low):
        if run_end < 0 or text[run_end:m.start()].strip():
            run_start = m.start()
        run_end = m.end()
        gap = text[m.end():at]
        if _CLAUSE_BREAK.search(gap):
            continue
        relation = by_key.get(cites.key(m.group(0)))
        if relation is None:
            continue
        words = _gap_words(gap, relation)
        if len([w for w in words if w != ","]) > MAX_GAP or "," in words and len(words) > 2:
            continue
        before = text[max(lo, m.start() - 12):m.start()].split()
        if before and cites.key(before[-1]) in _manner_words():
            continue  # "theo hướng dẫn tại Công văn ...": the document follows it
        # A capital after the line above opens a paragraph ("... cập nhật văn bản / Thực
        # hiện Nghị định ..."): only an implementing cue, which opens a plan's preamble; a
        # capitalised "Hướng dẫn" mid-sentence is a title's ("các văn bản Hướng dẫn thi hành").
        if not (relation is Relation.IMPLEMENTS and _new_line(text, m.start())):
            if _cue_tail().search(text, max(lo, m.start() - 16), m.start()):
                continue  # "có hiệu lực thi hành từ ngày ...": when it takes effect
            if _described().search(text, max(lo, m.start() - 24), m.start()):
                continue  # "các văn bản quy định chi tiết Luật Đất đai": other documents detail it
        if not _new_line(text, run_start) and _unasserted().search(text, max(lo, run_start - 24), run_start):
            continue  # "sẽ được rà soát khi triển khai Nghị định ...": not the document's act
        keys = {cites.key(w) for w in words}
        passive = bool(keys & _passive_words())
        located = bool(words) and cites.key(words[0]) in cites.lower_words("located_cues") and relation in _passive_relations()
        if located:
            best = Cue(relation, m.start(), m.end(), True, located=True)
            continue
        if _passive_before().search(text, max(lo, m.start() - 12), m.start()):
            if relation not in _passive_relations():
                continue  # "được thực hiện theo Nghị định ...": done as it says
            passive = True  # "được bãi bỏ theo quy định tại ... Luật số 31/2024/QH15"
        if not passive and keys & _manner_words() and not _opens_item(text, run_start):
            continue  # "Chế độ báo cáo thực hiện theo Nghị định ...": the manner of a duty
        if not passive and relation is not Relation.BASED_ON and _commissioned(text, run_start):
            continue  # "Tham mưu UBND tỉnh ban hành Kế hoạch ... thay thế Kế hoạch số ...": its act
        partial = relation in ENDING_RELATIONS and _of_a_part(text, lo, m.start(), gap, passive)
        best = Cue(relation, m.start(), m.end(), passive, partial=partial)
    return best


def _of_a_part(text: str, lo: int, at: int, gap: str, passive: bool) -> bool:
    """Whether an ending cue at `at` is said of a part of what it acts on. Active, the words
    between it and its citation name the part ("Bãi bỏ một số cụm từ tại Nghị định số
    103/2024/NĐ-CP": data/cite_words.json 'partial_acts', as the catalog reads them).
    Passive, it is said of the citing document, and the clause before it names the part
    ("[Điểm này bị bãi bỏ bởi Luật Giá 2023]", "[Các quy định về thu tiền sử dụng đất quy
    định tại Nghị định này bị thay thế bởi ...]"): anything but the document itself
    ("Nghị định này", "Văn bản này": 'passive_parts') or nothing at all. Either way the
    act amends."""
    if not passive:
        return vocab.partial_act(gap)
    whole = cites.lower_words_of("passive_parts", "whole")
    found = ((text.rfind(c, lo, at), len(c)) for c in ("[", "(", "\n", ";", ". "))
    start = max([lo, *(i + n for i, n in found if i >= 0)])
    words = [match_key(w) for w in text[start:at].split()]
    while words and words[-1] in _PASSIVE_SUBJECT_TAIL:
        words.pop()
    words = [w for w in words if not w.isdigit()]  # a footnote's number
    if not words:
        return False
    if words[-1] == "này":
        words = words[:-1]
    # "Nghị định này", "Văn bản", "Thông tư": the document itself; anything else a part.
    named = " ".join(words)
    return not (named in whole or cites._type_index().by_key.get(named) is not None)


# What stands between a passive subject and its cue: "Điểm này [đã] bị bãi bỏ bởi ...".
_PASSIVE_SUBJECT_TAIL = frozenset({"bị", "được", "đã", "đều", "cũng"})


def _gap_words(gap: str, relation: Relation) -> list[str]:
    """The words between a cue and its citation. After a cue of what the document does
    (carry out, rest on), a body named after "của" counts as one word: who gave a direction
    is no distance from it ("Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ tại Văn bản số
    ..."; data/cite_words.json 'issuer_titles', data/issuers.json), in capitals too. Not after the others:
    "Hướng dẫn của Bộ Thông tin và Truyền thông tại Công văn số ..." names that guidance."""
    named = cites.issuer_in(gap) if relation in (Relation.IMPLEMENTS, Relation.BASED_ON) else None
    if named is not None:
        gap = f"{gap[:named.start()]} của X{gap[named.end():]}"
    return gap.replace(":", " ").replace(",", " , ").split()


@dataclass
class Related:
    """Relations found for a list of mentions (indexes into that list)."""

    to_self: list[tuple[Relation, bool]]  # per mention: relation of the document, passive
    between: list[tuple[int, Relation, int]]  # (source, relation, target)
    parents: list[int | None]


def nesting(mentions: list[cites.Mention]) -> list[int | None]:
    """For each mention, the mention whose subject contains it (innermost), if any."""
    parents: list[int | None] = [None] * len(mentions)
    stack: list[int] = []
    for i, m in enumerate(mentions):
        while stack and mentions[stack[-1]].subject[1] <= m.start:
            stack.pop()
        if stack:
            top = mentions[stack[-1]]
            if top.subject and top.subject[0] <= m.start < top.subject[1]:
                parents[i] = stack[-1]
        if m.subject:
            stack.append(i)
    return parents


def relate(text: str, mentions: list[cites.Mention]) -> Related:
    """Relations of the document to every mention and between mentions (see module doc)."""
    parents = nesting(mentions)
    titled = _amending_titles(mentions)
    low = _lowered(text) if mentions else None  # for every cue and ending scan below
    to_self: list[tuple[Relation, bool]] = []
    between: list[tuple[int, Relation, int]] = []
    prev_top: int | None = None
    prev_cued: Relation | None = None
    # A passive cue's relation, the citation it is said of, and the first one it names.
    acted_on: tuple[Relation, int, int] | None = None
    nested_cues: dict[int, Cue | None] = {}
    # A document named after a passive cue -> the citation the cue is said of ("Luật số
    # 59/2014/QH13 đã được sửa đổi, bổ sung một số điều theo Luật số 68/2020/QH14": 68 -> 59).
    said_of: dict[int, int] = {}
    # A citation that acts on the ones after it: its relation, and the last it acted on.
    nested_acts: dict[int, tuple[Relation, int]] = {}  # by the parent whose subject holds them
    actor: tuple[Relation, int, int] | None = None  # at top level (see `_effect_only`)
    for i, m in enumerate(mentions):
        amending = titled.get(i)
        if amending is not None:
            # The document rests on the amending law; the laws its title names are only
            # mentioned (as in the number-first form "Luật số 81/2025/QH15 ... của Luật X").
            to_self.append((Relation.CITES, False))
            between.append((amending, Relation.AMENDS, i))
            parents[i] = amending
            continue
        parent = parents[i]
        if parent is not None:
            to_self.append((Relation.CITES, False))
            p = mentions[parent]
            assert p.subject is not None
            cue = nested_cues[i] = cue_before(text, p.subject[0], m.start, low)
            if cue is not None and cue.relation is not Relation.CITES and not cue.located:
                if cue.passive:
                    between.append((i, cue.relation, parent))
                else:
                    between.append((parent, cue.relation, i))
                    nested_acts[parent] = (cue.relation, i)
            elif cue is None and parent in nested_acts:
                # "Nghị định số 118/2025/NĐ-CP thay thế Nghị định số 61/2018/NĐ-CP ... và
                # Nghị định số 107/2021/NĐ-CP": the next item of the list it acts on.
                rel, last = nested_acts[parent]
                if _next_item(text, mentions[last].end, m.start):
                    between.append((parent, rel, i))
                    nested_acts[parent] = (rel, i)
            continue
        lo = mentions[prev_top].end if prev_top is not None else 0
        cue = cue_before(text, lo, m.start, low)
        if cue is not None and cue.passive and prev_top is not None and _follows(text, lo, cue.start, cue.located):
            # "Luật số 64/2025/QH15 được sửa đổi, bổ sung bởi Luật số 87/2025/QH15": 87 amends
            # 64; in a căn cứ (or "thực hiện") item the citing document rests on 87 as on 64.
            acted_on = (cue.relation, prev_top, i)
            said_of[i] = prev_top
            between.append((i, cue.relation, prev_top))
            to_self.append((_held_as(prev_cued), False))
        elif cue is not None and not cue.passive and cue.relation in _ACTING and prev_top is not None \
                and _effect_only(text, mentions[prev_top].end, cue.start):
            # "Nghị định số 118/2025/NĐ-CP có hiệu lực từ ngày 01/7/2025, thay thế Nghị định
            # số 61/2018/NĐ-CP": 118 replaces 61; the citing plan replaces nothing.
            rel = Relation.AMENDS if cue.partial else cue.relation
            between.append((prev_top, rel, i))
            to_self.append((Relation.CITES, False))
            actor = (rel, prev_top, i)
            acted_on = None  # prev_cued stays: the căn cứ list goes on after this item
            prev_top = i
            continue
        elif cue is None and actor is not None and prev_top == actor[2] \
                and _next_item(text, lo, m.start):
            between.append((actor[1], actor[0], i))  # "... và Nghị định số 107/2021/NĐ-CP"
            to_self.append((Relation.CITES, False))
            actor = (actor[0], actor[1], i)
            prev_top = i
            continue
        elif cue is not None and cue.located:
            # "hướng dẫn tại Điều 5 của Nghị quyết số 04/2017/NQ-HĐTP": the guidance in it
            to_self.append((Relation.CITES, False))
            prev_cued = None
            acted_on = None
        elif cue is not None:
            to_self.append((Relation.AMENDS if cue.partial else cue.relation, cue.passive))
            prev_cued = None if cue.passive else cue.relation
            acted_on = None
        elif prev_top is not None and _continues_list(text, lo, m.start) and (prev_cued or acted_on):
            if acted_on is not None and _same_list(text, lo, m.start):
                # "... bởi các Luật số 43/2024/QH15, số 47/2024/QH15 và số 58/2024/QH15": each
                # amends it; not "; Luật ..." (the next căn cứ), nor one of lower legal force.
                if _may_act_on(m, mentions[acted_on[2]]):
                    between.append((i, acted_on[0], acted_on[1]))
                said_of[i] = acted_on[1]
                to_self.append((_held_as(prev_cued), False))
            elif prev_cued is not None:
                to_self.append((prev_cued, False))
                acted_on = None
            else:
                to_self.append((Relation.CITES, False))
                acted_on = None
        else:
            to_self.append((Relation.CITES, False))
            prev_cued = None
            acted_on = None
        prev_top = i
    between.extend(_local_implementations(text, mentions, parents, nested_cues))
    # A document acts (amends, guides, replaces ...) only on one issued no later than
    # itself: "Nghị định số 67/2007/NĐ-CP, sửa đổi, bổ sung tại ... Nghị định số
    # 13/2010/NĐ-CP" misread would have the 2007 decree amend the 2010 one.
    between = [e for e in between
               if e[1] not in _passive_relations() or not _issued_before(mentions[e[0]], mentions[e[2]])]
    for i in _ended(text, low, mentions, parents, said_of):
        if to_self[i][0] is Relation.CITES:
            to_self[i] = (_ending_relation(), False)
    # Repealing or replacing a part of the target ("Bãi bỏ điểm c khoản 1 Điều 5 Thông tư
    # số 85/2019/TT-BTC") amends it, which stays in force: the KB's rule for a partial
    # repeal (graph/catalog.py), else the KB would show it "Hết hiệu lực toàn bộ". Not a
    # passive one: "được bãi bỏ bởi khoản 2 Điều 5 Thông tư số ..." names the clause that
    # ends the document itself, wholly.
    for i, (rel, passive) in enumerate(to_self):
        if rel in ENDING_RELATIONS and not passive and mentions[i].pinpoint:
            to_self[i] = (Relation.AMENDS, passive)
    between = [(s, Relation.AMENDS if r in ENDING_RELATIONS and mentions[t].pinpoint else r, t)
               for s, r, t in between]
    return Related(to_self, _dedupe(between), parents)


def _amending_titles(mentions: list[cites.Mention]) -> dict[int, int]:
    """Index of each law named in an amending title -> index of the amending law (when it
    is among `mentions`, that is, not dropped as the document itself)."""
    if not any(m.amended_by is not None for m in mentions):
        return {}
    index = {id(m): i for i, m in enumerate(mentions)}
    out: dict[int, int] = {}
    for i, m in enumerate(mentions):
        if m.amended_by is not None:
            j = index.get(id(m.amended_by))
            if j is not None and j < i:
                out[i] = j
    return out


def _issued_before(a: cites.Mention, b: cites.Mention) -> bool:
    """Whether `a` was certainly issued before `b` (see dates.certainly_before); a year is
    the symbol's, or a name's "năm 2013"."""
    return certainly_before(a.value, _year(a), b.value, _year(b))


def _year(m: cites.Mention) -> int | None:
    if m.value is not None:
        return m.value.year
    if m.symbol is not None and m.symbol.year is not None:
        return m.symbol.year
    return m.issue_year


def _held_as(item: Relation | None) -> Relation:
    """How the citing document holds the amending (guiding ...) document named after a
    passive cue in one of its items: a căn cứ or "thực hiện" item rests on it too; in any
    other item (an annotation "Nội dung hướng dẫn ... tại Nghị định X (đã được sửa đổi tại
    Nghị định Y)") it is only mentioned."""
    return item if item in (Relation.BASED_ON, Relation.IMPLEMENTS) else Relation.CITES


def _follows(text: str, lo: int, at: int, located: bool = False) -> bool:
    """Whether only 'được'-like words, a comma or an opening parenthesis stand between a
    citation ending at `lo` and a cue at `at`: the cue is said of that citation. A cue
    that says where the act is written ('sửa đổi, bổ sung tại') needs no 'được'."""
    if at - lo > 40:  # two short words and a parenthesis at most; the gap may be pages long
        return False
    gap = text[lo:at].replace("(", " ").replace(",", " ").split()
    if located and not gap:
        return True
    return 0 < len(gap) <= 2 and _passive_before().search(" ".join(gap)) is not None


def _may_act_on(m: cites.Mention, first: cites.Mention) -> bool:
    """Whether `m`, listed after `first` in a passive cue's list, can do what `first` does:
    of no lower legal force (a Nghị quyết of the Quốc hội amends a law beside the amending
    laws, a decree does not), or of the same type when a force is unknown."""
    if m.doc_type is None or m.doc_type == first.doc_type:
        return True
    def force(x: cites.Mention) -> int | None:
        return vocab.legal_force(x.doc_type, x.symbol.issuers[0] if x.symbol and x.symbol.issuers else None)
    mine, theirs = force(m), force(first)
    return mine is not None and theirs is not None and mine <= theirs


def _same_list(text: str, lo: int, at: int) -> bool:
    """Commas and "và" between two citations, no ";": items of one enumeration."""
    return ";" not in text[lo:at]


# A parenthesis without a citation inside ("(sau đây gọi tắt là Đề án 06)") is no break.
_PARENTHESIS = re.compile(r"\([^()]*\)")


_ACTING = frozenset({Relation.REPLACES, Relation.REPEALS, Relation.AMENDS})


@lru_cache(maxsize=1)
def _effect_regex() -> re.Pattern[str]:
    """data/cite_words.json 'effect_clauses': when a document takes effect, a date, commas."""
    words = "|".join(phrase_pattern(w) for w in cites.word_list("effect_clauses"))
    # dd/mm/yyyy (spaces after a slash, as PDF text writes it) or "dd tháng mm năm yyyy".
    date = r"\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    return re.compile(rf"\s*[,(]?\s*(?:đã\s+)?(?:{words})\s+(?:ngày\s+)?(?:{date})\s*\)?\s*,?\s*(?:và\s+)?",
                      re.IGNORECASE)


def _effect_only(text: str, lo: int, at: int) -> bool:
    """Whether only when a citation takes effect stands between it (ending at `lo`) and a
    cue at `at`: the cue is that document's act (data/cite_words.json 'effect_clauses')."""
    return at - lo < 80 and _effect_regex().fullmatch(text, lo, at) is not None


# Where a clause opens: a sentence's or an item's end, a list item's number or dash.
_CLAUSE_OPEN = re.compile(r"[.;:!?]\s|[\[(]|\n\s*(?:[-+•*]|\d+(?:\.\d+)*\.|[a-zđ]\))\s")
COMMISSION_BACK = 240  # characters a clause's opening words are looked for before a cue
_COMMISSION_NOUN = re.compile(r"\s+của\b", re.IGNORECASE)  # "đề xuất của X": the proposal of X


@lru_cache(maxsize=1)
def _commission_regexes() -> tuple[re.Pattern[str], re.Pattern[str]]:
    def words(sub: str) -> re.Pattern[str]:
        return re.compile(rf"(?<![^\W\d_]){words_pattern(cites.word_list('commissioned_acts', sub))}",
                          re.IGNORECASE)
    return words("words"), words("issuing")


def _commissioned(text: str, at: int) -> bool:
    """Whether the clause holding a cue run at `at` commissions a document (data/
    cite_words.json 'commissioned_acts'): "Tham mưu UBND tỉnh ban hành Kế hoạch ... thay thế
    ...", "Đề xuất sửa đổi ...". The act is that document's, to come."""
    if text[at:at + 1].isupper():
        # A cue written with a capital opens its own sentence: a heading without its full
        # stop ran into it ("1. Công tác tham mưu ban hành văn bản Triển khai thực hiện ...").
        return False
    lo = max(0, at - COMMISSION_BACK)
    opens = [m.end() for m in _CLAUSE_OPEN.finditer(text, lo, at)]
    start = max(opens) if opens else lo
    commission, issuing = _commission_regexes()
    for found in commission.finditer(text, start, at):
        if _COMMISSION_NOUN.match(text, found.end()):
            continue  # "Xét đề xuất của Sở ...", "Trên cơ sở tham mưu của ...": a noun, no commission
        gap = text[found.end():at].strip(" ,")
        # Right before the cue, or with the body commissioned between ("tham mưu UBND tỉnh
        # sửa đổi ...", "đề nghị Bộ Tài chính sửa đổi ..."), or an issuing verb after it.
        if not gap or vocab.issuer_by_name(gap) is not None or issuing.search(text, found.end(), at) is not None:
            return True
    return False


def _next_item(text: str, lo: int, at: int) -> bool:
    """Whether the citation at `at` is the next item, in the same list, of the one ending
    at `lo` ("... thay thế Nghị định số 61/2018/NĐ-CP ... và Nghị định số 107/2021/NĐ-CP")."""
    return _continues_list(text, lo, at) and _same_list(text, lo, at)


def _continues_list(text: str, lo: int, at: int) -> bool:
    """Only list punctuation between two citations: '...; Thông tư số ...', ', số ...'."""
    gap = _PARENTHESIS.sub(" ", text[lo:at])
    if "." in gap or "(" in gap or ")" in gap:
        return False
    rest = gap.replace(";", " ").replace(",", " ").split()
    return all(match_key(w) in ("và", "các") for w in rest)


def _local_implementations(
    text: str, mentions: list[cites.Mention], parents: list[int | None],
    nested_cues: dict[int, Cue | None],
) -> list[tuple[int, Relation, int]]:
    """'(Tỉnh Quảng Ngãi: Kế hoạch số ...)' after a central document. `nested_cues` holds
    the cue `relate` found inside its parent's subject for every nested mention."""
    out: list[tuple[int, Relation, int]] = []
    if "(" not in text:
        return out
    starts = [m.start for m in mentions]
    # What each mention's subject says it implements: a local document older than the
    # central one implements the central one's own target instead ("Kế hoạch số 271-KH/TU
    # ngày 27/3/2020" under "Nghị quyết số 50/NQ-CP ngày 17/4/2020 ... thực hiện Nghị quyết
    # số 52-NQ/TW ngày 27/9/2019").
    targets: dict[int, list[int]] = {}
    for j, cue in nested_cues.items():
        p = parents[j]
        assert p is not None
        if cue is not None and cue.relation is Relation.IMPLEMENTS and not cue.passive:
            targets.setdefault(p, []).append(j)
    ends = [m.end for m in mentions]
    last_close = -1
    for lm in _label_regex().finditer(text):
        open_at = lm.start()
        if open_at < last_close:
            continue  # a label inside a parenthesis already read
        central = _central_before(text, mentions, parents, ends, open_at)
        if central is None:
            continue
        close_at = _closing(text, open_at)
        last_close = close_at
        lo = bisect_left(starts, lm.end())
        hi = bisect_left(starts, close_at)
        for j in range(lo, hi):
            m = mentions[j]
            p = parents[j]
            if p is not None and starts[p] >= open_at:
                continue  # nested in another local document's subject
            for target in [central, *targets.get(central, [])]:
                c = mentions[target]
                if m.value and c.value and m.value < c.value:
                    continue  # cannot implement a document issued later
                out.append((j, Relation.IMPLEMENTS, target))
                break
    return out


def _closing(text: str, open_at: int) -> int:
    depth = 0
    limit = min(len(text), open_at + PAREN_MAX)
    for k in range(open_at, limit):
        ch = text[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth == 0:
                return k
    return limit


def _central_before(
    text: str, mentions: list[cites.Mention], parents: list[int | None], ends: list[int],
    open_at: int,
) -> int | None:
    """The top-level mention right before '(' (only punctuation between)."""
    # Mentions are sorted by start, so the candidates start before '('; a few steps back
    # from there always reach the top-level one (nested mentions sit inside its subject).
    k = _last_start_before(mentions, open_at)
    for i in range(k, max(-1, k - 12), -1):
        if parents[i] is None and mentions[i].end <= open_at:
            gap = text[mentions[i].end:open_at]
            return i if gap.strip(" ,;.") == "" else None
    return None


def _last_start_before(mentions: list[cites.Mention], at: int) -> int:
    lo, hi = 0, len(mentions)
    while lo < hi:
        mid = (lo + hi) // 2
        if mentions[mid].start < at:
            lo = mid + 1
        else:
            hi = mid
    return lo - 1


def _dedupe(edges: list[tuple[int, Relation, int]]) -> list[tuple[int, Relation, int]]:
    seen: set[tuple[int, Relation, int]] = set()
    out = []
    for e in edges:
        if e not in seen and e[0] != e[2]:
            seen.add(e)
            out.append(e)
    return out


# --- endings told after the citations (data/cite_words.json 'ending_after') -------------------

@lru_cache(maxsize=1)
def _ending_relation() -> Relation:
    return Relation(cites.words()["ending_after"]["relation"])


@dataclass(frozen=True)
class _Caseless:
    """A case-insensitive pattern of lower-case words, compiled twice: as is, and
    case-sensitive for a text lower-cased once (`_lowered`). Over a whole text the second
    is several times faster: `re` skips to the phrase's first letter, which IGNORECASE
    keeps it from doing (the same reason as `_cue_matches`)."""

    anycase: re.Pattern[str]
    lower: re.Pattern[str]

    @classmethod
    def of(cls, source: str) -> _Caseless:
        return cls(re.compile(source, re.IGNORECASE), re.compile(source))

    def search(self, text: str, low: str | None) -> re.Match[str] | None:
        """The first match in `low` (the lowered `text`), or in `text` when None."""
        return self.anycase.search(text) if low is None else self.lower.search(low)

    def words_at(self, text: str, low: str | None, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
        """`_words_at` over `low` (the lowered `text`), or over `text` when None. The
        matches' offsets are `text`'s; their groups are lower-cased."""
        if low is None:
            return _words_at(self.anycase, text, start, end)
        return _words_at(self.lower, low, start, end)


def _lowered(text: str) -> str | None:
    """`text` lower-cased, offset for offset, where that compares as `re.IGNORECASE`
    does: None when it holds one of `_CASE_TRAPS`."""
    if any(trap in text for trap in _CASE_TRAPS):
        return None
    low = text.lower()
    return low if len(low) == len(text) else None


def _lower_words(key: str, sub: str = "words") -> list[str]:
    return [w.lower() for w in cites.word_list(key, sub)]


@lru_cache(maxsize=1)
def _ending_after() -> _Caseless:
    """'hết hiệu lực [thi hành] kể từ ...': the ending phrase followed by when it ends."""
    ending = words_pattern(_lower_words("ending_after"))
    then = words_pattern(_lower_words("ending_after", "then"))
    return _Caseless.of(rf"(?:{ending}) (?:{then})")  # a word start: see _words_at


@lru_cache(maxsize=1)
def _heading() -> re.Pattern[str]:
    """The heading of a final article, on the line above its sentence ("Điều 212. Hiệu
    lực thi hành / Luật đất đai ... hết hiệu lực ..."): lines are joined when read."""
    return re.compile(rf"\s*{words_pattern(cites.word_list('ending_after', 'headings'))}\s*", re.IGNORECASE)


@lru_cache(maxsize=1)
def _list_head() -> _Caseless:
    """An announcer ('sau đây') closed by ':' in the same clause: the head of a list."""
    announcers = words_pattern(_lower_words("ending_after", "announcers"))
    return _Caseless.of(rf"(?:{announcers})[^.;:()\n]{{0,120}}:")  # a word start: see _words_at


@lru_cache(maxsize=1)
def _ending_cue() -> _Caseless:
    """The ending phrase and the repeal and replacement cues of data/relations.json."""
    cues = _lower_words("ending_after")
    for name in (Relation.REPEALS.value, Relation.REPLACES.value):
        cues.extend(c.lower() for c in vocab.relations()[name].cues)
    return _Caseless.of(rf"(?<![^\W\d_]){words_pattern(cues)}")


_SENTENCE_END = re.compile(r"[.;](?:\s|$)")
CLAUSE_BACK = 400  # characters a clause is looked back for its start (see _clause_start)
_ITEM_MARK = re.compile(r"\s*(?:[a-zđ]\)|\(?\d{1,2}\)|\d{1,2}\.|[-+•–])?\s*$")
# How far a list announced by "sau đây ...:" is read: its items, each a citation.
LIST_MAX = 6000


def _clause_start(text: str, at: int) -> int:
    """Where the clause holding `at` starts: after the last ".", ";", ":" or line break,
    looked for at most CLAUSE_BACK characters back. Bounded: the text is read with lines
    joined, so an unbounded look back for a line break reads to the text's start, once per
    "như sau:" of a long law."""
    lo = max(0, at - CLAUSE_BACK)
    return max(max(text.rfind(c, lo, at) for c in ".;:\n") + 1, lo)


def _words_at(pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """`pattern`'s matches that begin a word. Checked here, not by a lookbehind in the
    pattern, which would keep `re` from skipping to the phrase's first letter: these scans
    read every ingested text whole."""
    for m in pattern.finditer(text, start, len(text) if end is None else end):
        if not (m.start() and text[m.start() - 1].isalpha()):
            yield m


def ended_after(text: str, end: int) -> bool:
    """Whether the ending phrase of 'ending_after' follows a citation ending at `end`,
    only spaces, a comma or a defining parenthesis between (normalized text)."""
    m = next(_ending_after().words_at(text, None, end, min(len(text), end + 200)), None)
    return m is not None and _leads_to(text, end, m.start())


def _leads_to(text: str, end: int, at: int) -> bool:
    """Only ' ', ',' and a parenthesis naming the document ('(sau đây gọi là ...)')
    between a citation ending at `end` and a phrase at `at`."""
    gap = _PARENTHESIS.sub(" ", text[end:at])
    return not gap.replace(",", " ").strip()


def _ended(
    text: str, low: str | None, mentions: list[cites.Mention], parents: list[int | None], said_of: dict[int, int],
) -> list[int]:
    """The mentions the citing document ends by the wording of 'ending_after' (`low`: the
    text lowered once, see `_Caseless`)."""
    if not mentions:
        return []
    out: list[int] = []
    ends = [m.end for m in mentions]
    for cue in _ending_after().words_at(text, low):
        stop = _SENTENCE_END.search(text, cue.end())
        rest = text[cue.end():stop.start() if stop else len(text)]
        if " theo " in f" {match_key(rest)} ":
            continue  # "... theo quy định tại ... Luật số 15/2023/QH15": another one ended it
        # The mention right before the phrase, or the one whose subject holds it. Mentions
        # are sorted by start, not end (a subject's citations end before their parent
        # does): walk back from the last one starting before the phrase, as _central_before.
        j = _last_start_before(mentions, cue.start())
        k = next((i for i in range(j, max(-1, j - 12), -1) if _leads_to(text, ends[i], cue.start())), -1)
        if k < 0:
            continue
        run = _list_before(text, mentions, parents, said_of, k)
        first = mentions[run[-1]].start
        clause_start = _clause_start(text, first)
        if not _ITEM_MARK.fullmatch(text, clause_start, first) and not _heading().fullmatch(text, clause_start, first):
            # The list must open its sentence or item: "... Giải thích một số điều của Luật
            # Quy hoạch hết hiệu lực" names the law inside a title the reading missed, and
            # "từ ngày Nghị quyết số 61/2022/QH15 hết hiệu lực" is a time, not an act.
            continue
        out.extend(run)
    out.extend(_listed_after_head(text, low, mentions, parents))
    return out


def _top(parents: list[int | None], said_of: dict[int, int], i: int) -> int:
    """The listed citation `i` belongs to: out of a subject, out of a passive cue's list."""
    for _ in range(len(parents)):
        p = parents[i]
        if p is not None:
            i = p
        elif i in said_of:
            i = said_of[i]
        else:
            break
    return i


def _list_before(
    text: str, mentions: list[cites.Mention], parents: list[int | None], said_of: dict[int, int], k: int,
) -> list[int]:
    """The citations of the enumeration that ends with mention `k` ('A, B và C'), last first."""
    j = _top(parents, said_of, k)
    run = [j]
    for i in range(j - 1, -1, -1):
        if parents[i] is not None or i in said_of:
            continue
        if not _continues_list(text, mentions[i].end, mentions[run[-1]].start):
            break
        run.append(i)
    return run


def _listed_after_head(
    text: str, low: str | None, mentions: list[cites.Mention], parents: list[int | None],
) -> list[int]:
    """'Các văn bản sau đây hết hiệu lực ...: a) ...; b) ...' (and 'Bãi bỏ các văn bản sau
    đây: ...'): each citation that opens an item of the list."""
    out: list[int] = []
    starts = [m.start for m in mentions]
    for head in _list_head().words_at(text, low):
        clause_start = _clause_start(text, head.start())
        clause = text[clause_start:head.end()]
        if not _ending_cue().search(clause, None if low is None else low[clause_start:head.end()]):
            continue
        if bisect_left(starts, clause_start) < bisect_left(starts, head.end()):
            continue  # the head names a document itself ("Bãi bỏ các điều sau của Nghị định X:")
        stop = _SENTENCE_END.search(text, head.end(), min(len(text), head.end() + LIST_MAX))
        while stop is not None and text[stop.start()] == ";":
            stop = _SENTENCE_END.search(text, stop.end(), min(len(text), head.end() + LIST_MAX))
        limit = stop.start() if stop else min(len(text), head.end() + LIST_MAX)
        for i in range(bisect_left(starts, head.end()), bisect_left(starts, limit)):
            if parents[i] is not None:
                continue
            item_start = max(text.rfind(";", head.end(), starts[i]), head.end() - 1) + 1
            if _ITEM_MARK.fullmatch(text, item_start, starts[i]):
                out.append(i)
    return out
