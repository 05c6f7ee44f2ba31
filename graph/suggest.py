"""Suggest the căn cứ for a task, a plan title or a draft section.

No public system answers "which documents must this task rest on?". The knowledge base
does, because it has seen how thousands of documents chose their bases. `suggest` combines
these signals, each of which alone is weak:

1. **Subject** — BM25 over each document's title and names (what the document is about).
2. **Usage** — BM25 over how other documents used it as a basis: the sentences that cite
   it ("Căn cứ ... ; 1.1. Căn cứ áp dụng: ...") and the titles of the documents that rest
   on it. The task text near a "Căn cứ" is the best description of what a basis is for.
3. **Similar documents** — the bases of the documents whose titles are closest to the
   query, each voting with its similarity (collaborative filtering, as in CARA).
4. **Structure** — bases that nearly every document of the same issuer and type cites
   ("mọi Quyết định của UBND tỉnh đều căn cứ Luật Tổ chức chính quyền địa phương"),
   learned from the KB's `based_on` edges, weighted towards citers dated near `as_of`.
5. **Neighbourhood** — co-citation with what the draft already cites, documents the text
   names, and the implementation chain (a province's plan that implements a candidate,
   the central document a candidate plan implements).
6. **Field** — a law whose name stands in the text without the word "Luật" ("kiểm kê đất
   đai" -> Luật Đất đai), in its latest version issued by `as_of`.
7. **Versions** — a newer law of the same name (or central document of the same type,
   issuer and title) issued by `as_of` takes an older candidate's place (Luật Tổ chức
   Chính phủ 63/2025 for 76/2015).
8. **Anchors** — the documents resting on the surest subject candidates vote for their
   other bases (documents guiding one law are co-cited with the same bases).
9. **Amended-by chain** — a law brings the laws amending it issued by `as_of`.

Validity is applied last: nothing issued after `as_of` is suggested; a document replaced
or repealed at `as_of` is kept but demoted and flagged with its replacement named, and the
replacement itself is offered. All per-KB work is done once per `kb.version` by
`Suggester(kb)`; `suggest()` keeps a small cache of Suggesters keyed on (kb, kb.version).

The KB methods used are the read API of docs/architecture.md: `documents()`, `get()`,
`edges_from()`, `edges_to()`, `lookup()` and `version`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import threading
import unicodedata
import weakref
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, NamedTuple, Protocol, TypeVar

import numpy as np

from cancu.graph import analysis, places, vocab
from cancu.graph.citation import (
    BASIS_WORD,
    adds_to_a_list,
    doc_type_name,
    format_citation,
    format_date,
    is_amending_name,
    is_basis,
    law_name,
    lead_word,
    strip_type_word,
)
from cancu.graph.citation import forms as citation_forms
from cancu.graph.dates import MAX_DRAFT_YEAR, MIN_DRAFT_YEAR, find_dates
from cancu.graph.model import HEADING_NUMBER, Document, DocumentRef, Edge, Relation
from cancu.graph.periods import horizon_years, period_over, period_phrase, plan_types, years_for
from cancu.graph.places import province_span, same_province
from cancu.graph.resolve import laws_named, subjects_agree
from cancu.graph.symbol import Symbol, parse_symbol
from cancu.graph.symbol import canonical as symbol_canonical
from cancu.graph.text import fold, fold_aligned, typed_as, unify_tones
from cancu.graph.validity import (
    ENDING,
    STATUS_NOT_YET,
    in_force_from,
    is_expired_status,
    is_not_yet_status,
    today,
)

# --- tuning ---------------------------------------------------------------------------
# Weights of the normalised signals; chosen on bench/suggest_eval.py (see docs/drafting.md).
W_TITLE = 1.0
W_USAGE = 0.8
W_NEIGHBOURS = 1.4
W_STRUCTURE = 1.6
W_COCITED = 1.0
W_MENTIONED = 2.0
W_INHERITED = 1.4
W_CHAIN = 0.6
# The score a candidate needs to bring the province's plan implementing it (or the central
# document a provincial one implements): one title word in common ("thực hiện", "phát
# triển") made Kế hoạch 61/KH-UBND on e-government and Nghị quyết 17/NQ-CP lift each other
# into a plan on natural disasters.
CHAIN_MIN_SCORE = 0.5
W_AUTHORITY = 0.15
# The law of the pháp điển đề mục most similar documents are codified under (see _topics).
W_TOPIC = 1.2
# An article heading of a law that matches the task (see _contents). A law's title names its
# field; its headings name what it regulates: "họ, hụi, biêu, phường" is Điều 471 of Bộ luật
# Dân sự, "hoạt động lấn biển" an article of Luật Đất đai 2024. Measured: 1.0 and 0.7 lower
# recall@5, 0.3 gains half as much at 10 (docs/drafting.md).
W_CONTENT = 0.5
CONTENT_MIN = 0.3  # a heading match this strong is a reason to show and a sign of the subject
# A candidate whose only sign is shared words, none of them a word of the task's subject
# (`specific_pairs`: "phát triển" alone for "Kế hoạch phát triển du lịch"), is a weak match
# (`Suggestion.weak`): listed after every other, under its own heading (rev38 P5: 52 % of
# the slots of 25 local tasks were such padding, each a copy-ready line). These are the
# strengths from which a signal other than the title's words puts it forward: similar
# documents resting on it (the least a reason names), the contexts of its citers, its
# pháp điển topic.
SUPPORT_NEIGHBOURS = 0.05
SUPPORT_USAGE = 0.5
SUPPORT_TOPIC = 0.3
# For a local draft, a central document whose title is the draft's subject (see suggest, 1d).
W_SAME_SUBJECT = 2.0  # as much as a document the task names: it is the document the province implements
SAME_SUBJECT_MIN = 0.75  # idf-weighted Jaccard of the subject's and the title's syllables
# ... or less, down to this, when the title's subject lies whole within the task's: "Quyết
# định ban hành bảng giá đất" applies Nghị định 71/2024/NĐ-CP "quy định về giá đất" (0.58).
CONTAINED_SUBJECT_MIN = 0.5
# A central title holding whole a phrase the task's subject links to (data/subject_links.json)
# counts as this much of the draft's subject: the link names what governs the task.
LINKED_SUBJECT = 0.5
LINKED_COVER = 0.3  # share of a title's subject (idf) a linked phrase and the task must make up
# A title term matched only folded, its accents other than the query's ("lý phản" for "lý
# phân", "thuê" for "thuế"), keeps this share of its weight when the query is accented.
ACCENT_KEEP = 0.3
W_WHOLE = 0.6  # a short query's whole subject in the title (see suggest, 1b)
SHORT_SUBJECT_SYLLABLES = 6
TOPIC_NEIGHBOURS = 40
TOPIC_VOTES = 3.0  # summed similarity of a topic's documents that makes it certain
# The law of the field: a law whose whole name stands in the query ("... giá đất, tiền thuê
# đất, đất đai" -> Luật Đất đai) without the word "Luật"; longer names are surer.
W_FIELD = 1.6
FIELD_FULL_SYLLABLES = 4  # a name of this many syllables (without the type word) counts fully
FIELD_SHORT_SYLLABLES = 2  # a name this short is a field only where its phrase ends (see _fields)
# Bases of the documents that rest on the surest candidates (the law a decree details, the
# structural law): documents guiding one law are co-cited with the same bases.
W_ANCHOR = 1.4
ANCHORS = 4
ANCHOR_MIN_SCORE = 1.5
ANCHOR_HALF_LIFE_YEARS = 3.0
LATER_CITER_FACTOR = 0.5
ANCHOR_OTHER_TYPE = 0.3
# An anchor's share is counted as if one more (fully weighted) document rested on it and
# on nothing else: the other base of one of two documents resting on a law is no 50 %
# companion of that law (Luật Chứng khoán beside Luật An toàn thông tin mạng).
ANCHOR_PRIOR = 1.0
# The amended-by chain: "Luật X ngày ...; Luật sửa đổi, bổ sung một số điều của Luật X".
AMENDER_SHARE = 0.5
AMENDER_FULL_LAWS = 4  # see _amender_share
# A law amending another in its final provisions (Luật Quy hoạch 2017 amends Luật Công nghệ
# thông tin) is no amending law: the two are rarely cited together.
PASSING_AMENDER_FACTOR = 0.3
# What the KB has seen outweighs both guesses: of the documents resting on a law since an
# amending law was issued, the share that also rest on the amending one. Luật 71/2014/QH13
# ("... các luật về thuế") amends Luật Hải quan, yet none of 25 later bases of that law cite
# it; Luật Đường sắt 2025 amends Luật Đất đai in passing, yet the decrees on land of late
# 2025 cite it beside that law. The guess above counts as COMPANION_PRIOR_DOCS documents.
COMPANION_PRIOR_DOCS = 2.0
# The share of the documents resting on a document that rest on another too that makes
# the other its usual companion in a reason ("thường được căn cứ cùng", see _companion_reason).
COMPANION_HABIT = 0.5
# A local draft cites the circular guiding a decree beside the decree ("Căn cứ Nghị định số
# 61/2018/NĐ-CP ...; Thông tư số 01/2018/TT-VPCP ... hướng dẫn thi hành một số quy định của
# Nghị định số 61/2018/NĐ-CP"): a guiding document of a candidate below the rank of a law
# follows it at this share, less where several guide it (× √(GUIDES_FULL / n)), and moved,
# like an amending law's, towards what the KB saw (COMPANION_PRIOR_DOCS). A law brings only
# the decrees detailing it by name, when there are at most NARROW_LAW_GUIDES of them (Luật Tố
# cáo, Nghị định 31/2019/NĐ-CP): the dozens of decrees detailing Luật Đất đai are no
# companions of it (see _detailing_decrees).
GUIDE_SHARE = 0.5
GUIDES_FULL = 2
NARROW_LAW_GUIDES = 3
DECREE_TYPE = "Nghị định"
DEFAULT_LOCAL_ISSUER = "UBND"  # who writes a draft given a province and no issuer (see suggest)
_DETAILING = re.compile(r"\bchi tiet\b|\bthi hanh\b")  # folded: what details a law as a whole
# A newer document of the same name (laws) or the same type, issuer and title, issued by
# as_of, takes over an older one's score; the older keeps this share.
SUCCEEDED_FACTOR = 0.45
# For a local authority's draft, the version in force at as_of of a candidate passed but
# not yet in force takes this share of its score (the new one is flagged, at NOT_YET_FACTOR).
IN_FORCE_SHARE = 1.0
SUCCESSOR_SHARE = 1.0
SAME_TITLE_MIN_SYLLABLES = 5
# A basis passed by as_of but not yet in force is what the documents detailing it cite
# (they enter into force with it): flagged, and only slightly demoted.
NOT_YET_FACTOR = 0.85
# A document of lower legal force than the draft (data/legal_force.json) is not a căn cứ of
# it: a decree never rests on a circular or a ministry's decision.
LOWER_FORCE_FACTOR = 0.3
# A document of the draft's own issuer and type (a decree for a decree of the Government)
# is, for most central issuers, its predecessor or a sibling on a neighbouring subject, not
# its basis: of the 41 decrees of the shipped KB with a căn cứ, two rest on another decree.
# Where the KB shows that (at least PEER_MIN_DOCS documents, under PEER_MAX_SHARE of them
# resting on a peer), such a candidate keeps PEER_FACTOR of its score.
PEER_FACTOR = 0.4
PEER_MIN_DOCS = 10
PEER_MAX_SHARE = 0.1
# So for a type across issuers: of the 14 central circulars of the shipped KB with a căn cứ,
# none rests on a circular or a joint circular; one of another ministry on the draft's
# subject ("khám sức khỏe" of the Ministry of Public Security for one of the Ministry of
# Health, rev39 P8) is a sibling. Measured as above over the central documents of the type,
# whoever issued them (Suggester.type_peers_rare).
# What the draft amends ("sửa đổi, bổ sung ... Nghị định số X"), as a candidate: see suggest.
AMENDED_FACTOR = 0.2
AMENDED_FLAG = "là văn bản mà dự thảo sửa đổi, bổ sung, không phải căn cứ của nó"
# A replaced, repealed or superseded document keeps this share of its score, all demotions
# together (it is still shown, flagged, below its replacement, so the drafter sees why the
# old basis is gone); its replacement gets the rest.
INVALID_FACTOR = 0.2
# A plan, programme or project whose period (its title: "giai đoạn 2016-2020") ended before
# the draft's year: a weak basis, not an invalid one.
PERIOD_ENDED_FACTOR = 0.5
PERIOD_ENDED_FLAG = "kỳ thực hiện đã kết thúc (năm {end})"  # lint says it too
# An old decree, decision or circular that no document of the last OLD_YEARS rests on keeps
# OLD_FACTOR of its score, flagged (see suggest). In the evaluation, 7 top-10 suggestions
# below the rank of a law were over 10 years older than the draft: none was a basis.
# A document for other years than the task names (see suggest): flagged, this share kept.
# Only for a task of up to MAX_YEAR_TASK_CHARS naming at most MAX_TASK_YEARS years: a whole
# draft names every year of its history.
OTHER_YEAR_FACTOR = 0.6
# A central document confined to one body's apparatus or staff ("... trong ngành Giao thông
# vận tải", "... trong Công an nhân dân": data/scopes.json) for a local draft that does not
# name that body: flagged, this share kept.
OTHER_SCOPE_FACTOR = 0.3
OTHER_SCOPE_FLAG = "văn bản áp dụng trong phạm vi {scope}; nội dung cần soạn không nêu phạm vi này"
OTHER_YEAR_FLAG = "văn bản cho năm {theirs}, nhiệm vụ nêu năm {task}"
MAX_YEAR_TASK_CHARS = 400
MAX_TASK_YEARS = 6
OLD_YEARS = 10
OLD_FACTOR = 0.5
OLD_MIN_FORCE_RANK = 5  # data/legal_force.json: decrees and below; laws and codes live long
OLD_FLAG = "ban hành năm {year}; {years} năm qua chưa văn bản nào trong kho căn cứ: cần kiểm tra còn hiệu lực"
# A law known only by a name some text mentions, never as a basis (see suggest).
INCOMPLETE_FLAG = "kho chưa biết {missing}: cần bổ sung khi dẫn"
NAME_ONLY_FACTOR = 0.3
NAME_ONLY_FLAG = "chưa rõ số, ngày ban hành; chưa văn bản nào trong kho lấy làm căn cứ"
NUMBER_ONLY_FLAG = "kho chỉ biết số của văn bản này (ban hành không muộn hơn ngày {by}): cần kiểm tra ngày có hiệu lực"
REPLACEMENT_SHARE = 0.95
# BM25 scores are divided by the query's summed idf; matching this share of it counts as 1.
MATCH_SCALE = 1.5
# A syllable alone says less than a pair: "điện" of "thư điện tử" is also "điện" of Luật
# Điện lực, "thiết", "bị" of "trang thiết bị" stand in every title on sports equipment.
# The pairs carry the compound words; a lone syllable's match counts three quarters.
SYLLABLE_WEIGHT = 0.75
BM25_K1 = 1.2
BM25_B = 0.6
# A query longer than this (a whole draft section) is read up to here only: the head of
# a section carries its subject, and the bound keeps the 100 ms budget.
MAX_QUERY_CHARS = 6000
# The rarest query terms carry the signal; common ones ("thực hiện", "quy định") only
# cost time. Capping the count bounds the posting lists walked per query.
MAX_QUERY_TERMS = 48
IDEAL_TERMS = 24  # see _BM25.ideal
NEAR_NAMED = 3  # documents a notice lists for a symbol the task names (unknown or ambiguous)
MAX_NAMED_NOTICES = 5  # notices of one document each; the rest are named in one more
AMEND_WINDOW = 160  # characters before a symbol searched for "sửa đổi, bổ sung"
POOL = 150  # candidates taken from each retrieval signal
LINK_POOL = 10  # titles taken for each phrase a subject link adds (see suggest, 1)
NEIGHBOURS = 30  # similar documents whose bases vote
NEIGHBOUR_VOTES = 4.0
NEIGHBOUR_OTHER_TYPE = 0.5  # a similar document of another type than the draft's
# A similar document whose whole title overlaps the query's (idf-weighted Jaccard of their
# syllables) beyond WHOLE_TITLE_MIN votes up to (1 + WHOLE_TITLE_BOOST) times: BM25 rewards
# a few rare shared words ("đăng ký" ... "tàu biển"), the overlap of the whole title finds
# the earlier decree on the same subject, whose bases are the best evidence there is.
WHOLE_TITLE_MIN = 0.1
WHOLE_TITLE_BOOST = 1.5
OTHER_CHARTER_FACTOR = 0.2  # see _other_charters
RELATED_VOTE = 0.5  # a document a similar one cites, not as a basis, counts half
# The words of a date ("ngày 05 tháng 7 năm 2024"), folded: no subject (see Suggester.suggest).
_DATE_SYLLABLES = frozenset({"ngay", "thang", "nam"})
# A similar document's basis on the subject its own title names and the task does not is
# its own: "xử phạt vi phạm hành chính trong lĩnh vực hải quan" rests on Luật Hải quan for
# "hải quan", which a decree on penalties "trong lĩnh vực kế hoạch và đầu tư" shares
# nothing of. The subject is the basis's title's (see _title_subject); the similar
# document's title subject holds OWN_SUBJECT_COVER of it and the task (with the subjects
# its links add) less than OWN_SUBJECT_TASK, both by idf weight. The votes of any number
# of such documents make up at most NEIGHBOUR_OWN_SUBJECT of a certain vote: ten decrees
# on customs penalties are no more evidence for the customs law in another field than one.
NEIGHBOUR_OWN_SUBJECT = 0.3
OWN_SUBJECT_COVER = 0.8
OWN_SUBJECT_TASK = 0.5
MAX_CONTEXTS = 40  # usage sentences kept per document
STRUCTURE_MIN_GROUP = 3  # citers of one issuer+type needed to learn a structural basis
STRUCTURE_MIN_SHARE = 0.4
STRUCTURE_EVIDENCE = 0.8  # subject signals that make a learned structural basis count fully
STRUCTURE_HALF_LIFE_YEARS = 4.0
STRUCTURE_RECENT_HALF_LIFE_YEARS = 0.5  # see _structure
STRUCTURE_RECENT_MIN_WEIGHT = 1.5
# ... and that many citers within one recent half-life: one document with many bases is
# no recent practice (a circular of December 2014 on goods left at customs made Luật
# Thương mại, Bộ luật Hàng hải and Luật Bưu chính bases of "every" BTC circular of 2015).
STRUCTURE_RECENT_MIN_CITERS = 3
BASIS_RELATIONS = (Relation.BASED_ON, Relation.IMPLEMENTS, Relation.GUIDES)


class ReadableKB(Protocol):
    """The part of `KnowledgeBase` that suggestion reads."""

    version: int

    def documents(self) -> Iterable[Document]: ...
    def get(self, doc_id: str) -> Document | None: ...
    def edges_from(self, doc_id: str) -> list[Edge]: ...
    def edges_to(self, doc_id: str) -> list[Edge]: ...
    def lookup(self, text: str) -> list[str]: ...


@dataclass
class Suggestion:
    """One proposed căn cứ. `reasons` say in Vietnamese why it is proposed; `flags` say
    why it may not be usable (replaced, repealed, not yet in force at `as_of`, its period over)."""

    id: str
    symbol: str | None
    citation: str
    score: float
    reasons: list[str] = field(default_factory=list)
    implemented_by: list[dict[str, Any]] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    title: str | None = None
    doc_type: str | None = None
    date: dt.date | None = None
    # What opens the draft's line citing it: "Căn cứ", or "Thực hiện" for a plan, a
    # directive, an official letter or a Party document (citation.lead_word).
    lead: str = BASIS_WORD
    # Put forward by shared words alone, none naming the task's subject: listed after the
    # others, for reference (see SUPPORT_NEIGHBOURS).
    weak: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "symbol": self.symbol,
            "citation": self.citation,
            "score": round(self.score, 4),
            "reasons": list(self.reasons),
            "implemented_by": list(self.implemented_by),
            "flags": list(self.flags),
            "title": self.title,
            "doc_type": self.doc_type,
            "date": self.date.isoformat() if self.date else None,
            "lead": self.lead,
            "weak": self.weak,
        }


# --- text ------------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def _syllables(text: str) -> list[str]:
    """Folded syllables without numbers: digits are dates and symbol numbers here, which
    say nothing about a subject (symbols are matched separately, as mentions). The word
    "số" that names a document's number goes with it (`analysis.NUMBER_MARK`): "Chính phủ
    số 61-CP" is no "chính phủ số"."""
    return [w for w in _WORD.findall(fold(_without_number_mark(text))) if not w.isdigit()]


def _without_number_mark(text: str) -> str:
    """`text` without the "số" that names a document's number (`analysis.NUMBER_MARK`)."""
    return analysis.NUMBER_MARK.sub(" ", text) if "ố" in text or "Ố" in text else text


# A symbol written as one token ("61-CP", "17/NQ-CP", "61/2018/NĐ-CP"); see _without_symbols.
_SYMBOL_TOKEN = re.compile(r"(?<![\w/])\d{1,5}[a-zA-Z]?(?:[/\-][^\W_]+)+")


def _without_symbols(text: str) -> str:
    """`text` without the symbols it writes: they name documents (matched as mentions), no
    subject, and their codes ("CP", "NĐ") are rare words that would outweigh the subject's
    ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 61-CP NGÀY 05 THÁNG 7 NĂM 1994 VỀ MUA BÁN VÀ KINH DOANH NHÀ
    Ở" is about "mua bán và kinh doanh nhà ở"). Numbers alone stay: a period "2021-2025"
    is read as one."""
    text = analysis.NUMBER_MARK.sub(" ", text)  # with the "số" naming the number
    return _SYMBOL_TOKEN.sub(lambda m: " " if any(ch.isalpha() for ch in m.group(0)) else m.group(0), text)


# Punctuation and numbers end a phrase: no pair is formed across them, so "… tỉnh.
# 8.2. Mục tiêu …" does not yield the pair "tinh_muc", a rare (high-idf) accident that
# would outweigh the real compounds of a long task text.
_PHRASE_MARK = r"[.,;:!?()\[\]{}\"“”‘’/\\|<>•]"
_PHRASE_BREAK = re.compile(rf"{_PHRASE_MARK}+|\d+")


def _phrase_terms(text: str) -> Iterator[tuple[list[str], list[str]]]:
    """The syllables and the pairs of adjacent syllables of each phrase of `text`."""
    for phrase in _PHRASE_BREAK.split(text):
        words = _WORD.findall(phrase)
        yield words, [f"{a}_{b}" for a, b in zip(words, words[1:], strict=False)]


_SENTENCE_END = re.compile(r"[.;:!?](?=\s)|\n")
HEADLINE_MIN_SYLLABLES = 3  # a first sentence shorter than this is no title ("1. Mục tiêu.")


def _headline(text: str) -> str:
    """The first sentence of a task of several ("Kế hoạch kiểm soát thủ tục hành chính năm
    2021. Rà soát, đơn giản hóa ..."), which names its subject; the whole text when it is one
    sentence, or when its first is too short to be a title."""
    m = _SENTENCE_END.search(text.strip())
    if m is None:
        return text
    first = text.strip()[:m.start()]
    # "Kế hoạch năm 2024: chuyển đổi số": a first sentence without a subject of its own
    # (type word, period, place only) is no title.
    if len(_syllables(first)) < HEADLINE_MIN_SYLLABLES or len(_subject_syllables(Suggester._subject_body(first))) < 2:
        return text
    return first


# A phrase ends at punctuation, a year or a number standing alone; not at a count that
# measures the next word: "trẻ em 5 tuổi" is children of five, no field named "trẻ em".
_NAME_BREAK = re.compile(r"[.,;:!?()\[\]{}\"“”‘’/\\|<>•]+|\d{4,}|\d+(?![ \t]*[^\W\d_])")


@lru_cache(maxsize=1)
def _not_fields() -> tuple[tuple[str, ...], ...]:
    """data/subject_links.json 'not_fields': nouns a law's name is a modifier in, folded."""
    return tuple(tuple(_syllables(w)) for w in vocab.load_table("subject_links.json").get("not_fields", {}).get("words", ()))


# A clause of a task or a draft: what one căn cứ or one sentence holds.
_CLAUSES = re.compile(r"[;\n]|\.(?:\s|$)")
# The year a clause writes ("ngày 29 tháng 11 năm 2013", "29/11/2013", "năm 2013").
_CLAUSE_YEAR = re.compile(r"(?<!\d)(\d{4})(?![\d/])")  # not a symbol's year ("45/2013/QH13")
@lru_cache(maxsize=1)
def _basis_line() -> re.Pattern[str]:
    """A căn cứ line, folded: one of data/relations.json's based_on cues opens it (after a
    list mark)."""
    cues = "|".join(re.escape(fold(c).lower()) for c in sorted(vocab.relations()["based_on"].cues, key=len, reverse=True))
    return re.compile(rf"\s*(?:[-+•*]\s*)?(?:{cues})\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _preamble_line() -> re.Pattern[str]:
    """A line of a preamble, folded: one opening with a body opener (data/cite_words.json
    header 'body_openers': "Căn cứ", "Theo đề nghị", "Xét đề nghị")."""
    openers = "|".join(re.escape(fold(w).lower()) for w in vocab.cite_words()["header"]["body_openers"])
    return re.compile(rf"\s*(?:[-+•*]\s*)?(?:{openers})\b", re.IGNORECASE)


def _without_preamble(text: str) -> str:
    """`text` without its preamble lines; as it is when nothing else is left."""
    lines = text.splitlines(keepends=True)
    kept = [line for line in lines if not _preamble_line().match(fold(line))]
    return "".join(kept) if len(kept) < len(lines) and "".join(kept).strip() else text


def _phrase_syllables(text: str) -> tuple[list[str], frozenset[int]]:
    """`_syllables` of `text` and the positions where a phrase ends: before punctuation, a
    year or a number standing alone (`_NAME_BREAK`), a function word (data/cite_words.json),
    a period ("năm 2024", "giai đoạn ...") or an area ("trên địa bàn"), and at the end."""
    words: list[str] = []
    ends: set[int] = set()
    stops = _phrase_stops()
    cut = _place_ahead().sub(" . ", _AREA_PHRASE.sub(" . ", period_phrase().sub(" . ", text)))
    for piece in _NAME_BREAK.split(cut):
        for w in _WORD.findall(fold(piece)):
            if w.isdigit():
                continue
            if w in stops:  # kept: some names hold one ("Luật Bảo vệ và phát triển rừng")
                ends.add(len(words))
            words.append(w)
        ends.add(len(words))
    return words, frozenset(ends)


@lru_cache(maxsize=1)
def _place_ahead() -> re.Pattern[str]:
    """A place named by its level and name ("tỉnh Nghệ An", "huyện Sơn Tịnh";
    data/provinces.json unit levels): a phrase ends before it ("trong lĩnh vực đất đai tỉnh
    Nghệ An" names the field "đất đai")."""
    return re.compile(rf"(?<!\w)(?:{_typed_either(_place_levels())})(?=\s+[A-ZĐ])")


@lru_cache(maxsize=1)
def _place_levels() -> tuple[str, ...]:
    """The levels of places, longest first: "tỉnh" and data/provinces.json unit levels."""
    # Sorted on the word too: a set's order varies with the hash seed, and "quận" and "tỉnh"
    # are of one length.
    return tuple(sorted({*vocab.load_table("provinces.json")["units"]["levels"], "tỉnh"}, key=lambda w: (-len(w), w)))


def _typed_either(words: Sequence[str]) -> str:
    """Regex alternatives for `words` as written, in any case, or typed without accents in
    lower case."""
    return "|".join(alt for w in words for alt in (f"(?i:{re.escape(w)})", re.escape(fold(w))))


@lru_cache(maxsize=1)
def _phrase_stops() -> frozenset[str]:
    return frozenset(fold(w) for w in vocab.function_words())


def terms(text: str) -> list[str]:
    """Folded syllables and adjacent pairs within a phrase: the pairs stand in for
    Vietnamese compound words ("thu tuc" + "hanh chinh") without a segmenter, at the cost
    of a set lookup."""
    sylls: list[str] = []
    pairs: list[str] = []
    for words, joined in _phrase_terms(fold(text)):
        sylls += words
        pairs += joined
    return sylls + pairs


def accent_variants(text: str) -> dict[str, frozenset[str]]:
    """Each folded term of `terms(text)` -> the forms it stands for in the text as written
    ("ly_phan" -> {"lý_phản"}), tones placed the new way and lower-cased."""
    out: dict[str, set[str]] = defaultdict(set)
    for (f_words, f_pairs), (w_words, w_pairs) in zip(_phrase_terms(fold(text)),
                                                       _phrase_terms(unify_tones(text).lower()), strict=False):
        if len(f_words) == len(w_words):
            for f, w in zip(f_words + f_pairs, w_words + w_pairs, strict=True):
                out[f].add(w)
    return {k: frozenset(v) for k, v in out.items()}


def _same_words(typed: str, written: str, lexicon: frozenset[str] = frozenset()) -> bool:
    """Whether a term as typed may be the term as written: syllable by syllable the same,
    or typed without accents ("mức_thue" may be "mức_thuế", not "mực_thuế"). In a pair typed
    with a mark, an unmarked syllable that is a word as it stands (in `lexicon`, the
    syllables titles write without a mark) is that word: "thanh_niên" is not "thành_niên"."""
    pairs = list(zip(typed.split("_"), written.split("_"), strict=False))
    marked = any(a != fold(a) for a, _ in pairs)
    return all(a == b if marked and a in lexicon else typed_as(a, b) for a, b in pairs)


def subject_terms(text: str) -> list[str]:
    """`terms` without what names the act rather than its subject (vocab.title_boilerplate:
    "sửa đổi", "bổ sung", "quy định chi tiết", "giai đoạn"): such a pair, a pair that runs
    into one ("hành bảng" of "ban hành bảng giá") or is made of function words, a syllable
    of such a pair that stands in no telling pair, a function word ("của"), and a syllable
    that says nothing alone ("một", whose pair "một cửa" stays). Function words are told by
    their accents ("để", not "đê" of "đê điều"). A text of boilerplate only keeps all its
    terms."""
    boiler, alone = vocab.title_boilerplate()
    empty = vocab.function_words() | alone
    words: list[str] = []
    kept: list[str] = []
    for phrase in _PHRASE_BREAK.split(text):
        written = [w.lower() for w in _WORD.findall(phrase)]
        ws = [fold(w) for w in written]
        # Positions inside a boilerplate pair: the same syllable elsewhere may be telling
        # ("đổi" of "sửa đổi" and of "chuyển đổi số").
        inside = [False] * len(ws)
        for k in range(len(ws) - 1):
            if f"{ws[k]}_{ws[k + 1]}" in boiler:
                inside[k] = inside[k + 1] = True
        telling = [False] * len(ws)
        for k in range(len(ws) - 1):
            if (f"{ws[k]}_{ws[k + 1]}" in boiler or inside[k] or inside[k + 1]
                    or (written[k] in empty and written[k + 1] in empty)):
                continue
            kept.append(f"{ws[k]}_{ws[k + 1]}")
            telling[k] = telling[k + 1] = True
        words += [w for k, w in enumerate(ws) if written[k] not in empty and (not inside[k] or telling[k])]
    return (words + kept) or terms(text)


def specific_pairs(text: str) -> frozenset[str]:
    """The word pairs of a task's subject that name what it is about rather than what is
    done or how (folded, joined by "_" as `terms`): not a pair of data/subject_links.json
    'generic_pairs' ("phát triển", "công tác", "nước ngoài") or a boilerplate pair, nor one
    sharing a syllable with such a pair ("tác quản" of "công tác quản lý"; "triển du" of
    "phát triển du lịch", folded also the "triển dự" of "phát triển dự án"), nor one with a
    function word or inside a body's name ("ban nhân" of "Ủy ban nhân dân")."""
    generic = vocab.generic_pairs()
    boiler, alone = vocab.title_boilerplate()
    empty = vocab.function_words() | alone
    out: set[str] = set()
    for phrase in _PHRASE_BREAK.split(text):
        written = [w.lower() for w in _WORD.findall(phrase)]
        ws = [fold(w) for w in written]
        pairs = [f"{a}_{b}" for a, b in zip(ws, ws[1:], strict=False)]
        common = [False] * len(ws)
        for n, pair in enumerate(pairs):
            if pair in generic or pair in boiler:
                common[n] = common[n + 1] = True
        bodies = _body_positions(tuple(ws))
        for n, pair in enumerate(pairs):
            if common[n] or common[n + 1] or written[n] in empty or written[n + 1] in empty \
                    or n in bodies or n + 1 in bodies:
                continue
            out.add(pair)
    return frozenset(out)


# In a title detailing a law, the "về" that opens what of it the title details, after the
# law's name: "... Luật Đấu thầu về lựa chọn nhà đầu tư ..." (written with its marks:
# folded, "vệ" of "Luật Bảo vệ môi trường" would be one).
_ABOUT = re.compile(r"(?<![^\W\d_])về(?![^\W\d_])", re.IGNORECASE)


@lru_cache(maxsize=1)
def _law_head() -> re.Pattern[str]:
    """The head of a law's name as a title writes it, capitalised ("Luật", "Bộ luật", "PHÁP
    LỆNH": citation_forms 'cited_by_name'); "pháp luật" is no law."""
    heads = [h for name in citation_forms().cited_by_name for h in (name, name.upper())]
    return re.compile(rf"(?<![^\W\d_])(?:{'|'.join(map(re.escape, sorted(heads, key=len, reverse=True)))})(?![^\W\d_])")


def _detailed_subject(title: str) -> str:
    """What a title detailing a law on one matter is about: that matter. "Quy định chi tiết
    một số điều và biện pháp thi hành Luật Đấu thầu về lựa chọn nhà đầu tư thực hiện dự án
    đầu tư có sử dụng đất" is about "lựa chọn nhà đầu tư ..."; the law is its field, named
    in every decree detailing it. Other titles are about all they say."""
    if not _DETAILING.search(fold(title)):
        return title
    head = _law_head().search(title)
    about = _ABOUT.search(title, head.end()) if head is not None else None
    return title[about.end():].strip() if about is not None and title[about.end():].strip() else title


def _subject_syllables(text: str) -> set[str]:
    """The syllables of `subject_terms`: a title's or task's subject, word by word, without
    the words that name the act ("quy định", "sửa đổi") or tie a phrase ("về", "trong")."""
    return {t for t in subject_terms(text) if "_" not in t}


def _expand_abbreviations(text: str) -> str:
    """CNTT -> công nghệ thông tin, TTHC -> thủ tục hành chính (data/abbreviations.json);
    the abbreviation stays too, so a title that uses it still matches."""
    table = vocab.abbreviations()
    extra: list[str] = []
    for word in set(_WORD.findall(text)):
        entry = table.get(fold(word))
        if entry and word.isupper():
            expansions = entry.get("expansions") or [entry.get("expansion") or ""]
            extra.append(str(expansions[0]))
    return text + (" . " + " . ".join(extra) if extra else "")


def _phrase_key(text: str) -> str:
    """Folded syllables between spaces, so that `in` finds whole phrases only."""
    return f" {' '.join(_syllables(text))} "


_TOKEN = re.compile(rf"[^\W_]+|{_PHRASE_MARK}")  # a word, or a mark ending a phrase
_Tokens = tuple[tuple[str, ...], tuple[str, ...]]  # `_phrase_tokens`: folded, as written


def _phrase_tokens(text: str) -> _Tokens:
    """The syllables of `text` folded and as written (lower case, tones unified), numbers
    left out as `_syllables` leaves them, a run of punctuation as one "|"."""
    folded: list[str] = []
    written: list[str] = []
    for token in _TOKEN.findall(unify_tones(_without_number_mark(text)).lower()):
        if token.isdigit():
            continue
        if not token[0].isalnum():
            token = "|"
            if folded and folded[-1] == "|":
                continue
        folded.append(fold(token))
        written.append(token)
    return tuple(folded), tuple(written)


def _holds_phrase(said: _Tokens, phrase: _Tokens) -> bool:
    """Whether the text's tokens `said` hold `phrase` (both `_phrase_tokens`): its
    syllables in a row, each as typed may be as written (`typed_as`: typed without accents,
    any), with no punctuation between them that the phrase lacks ("Xã hội, Sở Y tế" holds
    no "xã hội số"); the phrase's own commas may be left out ("bồi thường hỗ trợ")."""
    folded, written = said
    p_folded, p_written = phrase
    for start in range(len(folded)):
        k, n = start, 0
        while n < len(p_folded) and k < len(folded):
            if p_folded[n] == "|":
                k += folded[k] == "|"
                n += 1
            elif folded[k] == p_folded[n] and typed_as(written[k], p_written[n]):
                k, n = k + 1, n + 1
            else:
                break
        if n == len(p_folded):
            return True
    return False


@dataclass(frozen=True)
class _LinkForms:
    """A subject link's phrases read once: each 'when' and 'unless' phrase as its folded key
    (`_phrase_key`, which finds candidates fast) and its tokens (which decide), each
    'means' phrase with its key."""

    when: tuple[tuple[str, str, _Tokens], ...]  # (phrase as in the table, key, tokens)
    unless: tuple[tuple[str, _Tokens], ...]  # (key, tokens)
    means: tuple[tuple[str, str], ...]  # (phrase as in the table, key)


@lru_cache(maxsize=1)
def _subject_link_forms() -> tuple[_LinkForms, ...]:
    """data/subject_links.json read once, per link (see _LinkForms)."""
    return tuple(_LinkForms(tuple((w, _phrase_key(w), _phrase_tokens(w)) for w in link.when),
                            tuple((_phrase_key(u), _phrase_tokens(u)) for u in link.unless),
                            tuple((m, _phrase_key(m)) for m in link.means))
                 for link in vocab.subject_links())


class _Link(NamedTuple):
    """A subject link a text triggers (see `_links_said`), for one of its 'means' phrases."""

    when: str  # the 'when' phrase the text holds, as in the table
    means: str  # as in the table
    key: str  # `_phrase_key(means)`
    governs: tuple[str, ...]  # the types of the documents it marks as governing; empty: any
    named: bool  # 'means' is a law's name: only the title that is it governs (vocab.SubjectLink)


def _links_said(text: str) -> list[_Link]:
    """The subject links the text triggers (data/subject_links.json), one per 'means'
    phrase. A phrase counts as the text writes it (`_holds_phrase`): not across a
    punctuation mark, and not with other accents where the text has them ("Sở" is no
    "số")."""
    tokens = _phrase_tokens(text)
    said = f" {' '.join(t for t in tokens[0] if t != '|')} "  # its `_phrase_key`
    out: dict[str, _Link] = {}
    for link, forms in zip(vocab.subject_links(), _subject_link_forms(), strict=True):
        if any(key in said and _holds_phrase(tokens, toks) for key, toks in forms.unless):
            continue  # "mức chi trả dịch vụ môi trường rừng": no spending level of the budget
        hit = next((w for w, key, toks in forms.when if key in said and _holds_phrase(tokens, toks)), None)
        if hit is not None:
            for m, key in forms.means:
                out.setdefault(key, _Link(hit, m, key, link.governs, link.named))
    return list(out.values())


def _without_law_word(key: str) -> str:
    """A title's `_phrase_key` without the type word it may open with ("Luật Giáo dục" is
    titled "Giáo dục" in the catalog's other rows)."""
    return key[len(" luat"):] if key.startswith(" luat ") else key


def _link_subjects(text: str, links: Sequence[_Link] | None = None) -> str:
    """The words of the documents governing what the task names (`links`, by default
    `_links_said(text)`): "Trung tâm Phục vụ hành chính công" -> "một cửa, một cửa liên
    thông". A phrase the text already holds is not added again."""
    said = _phrase_key(text)
    extra = [link.means for link in (_links_said(text) if links is None else links) if link.key not in said]
    return text + (" . " + " . ".join(extra) if extra else "")


def expand_query(text: str) -> str:
    """A task as the suggester reads it: abbreviations spelt out, subject links added."""
    return _link_subjects(_expand_abbreviations(text))


# "trên địa bàn (tỉnh)": where the draft applies, no part of its subject; the place's name
# is cut by places.province_span.
_AREA_PHRASE = re.compile(r"\b(?:(?i:trên\s+địa\s+bàn)|tren\s+dia\s+ban)(?:\s+(?:(?i:tỉnh|thành\s+phố)|tinh|thanh\s+pho))?\b")
_SYMBOL_IN_TEXT = re.compile(r"\d{1,5}[a-z]?\s?/\s?[\w/\-Đđ]{2,40}")  # a symbol's words, left out of a subject
# What Suggester.symbols_named looks up besides the extractor's citations: symbols in lower
# case ("61/2018/nđ-cp", a Party "05-nq/tu"), which the extractor does not read.
_SYMBOL_FALLBACK = re.compile(_SYMBOL_IN_TEXT.pattern + r"|(?<![\w/])\d{1,5}[a-z]?-[^\W\d_]{1,6}/[^\W\d_][\w\-]{0,20}")
_TERM_SYMBOL = re.compile(r"^\d+[^/]*/[^/]*\D\d{1,2}$")  # "1636/NQ-UBTVQH15": see _init_term_series
# A symbol after the amending words (see Suggester._amends_before), in folded text.
_SYMBOL_AHEAD = re.compile(r"\d+/(?:\d{4}/)?[a-z]")


def _without_place(text: str) -> str:
    """The task without where it applies ("... năm 2022 trên địa bàn tỉnh Quảng Nam", "...
    của thành phố Hải Phòng"): the place's name matched the national documents naming it,
    whatever their subject (the port waters of Quảng Nam for a tourism plan). A place the
    task is about stays (data/provinces.json 'applies_to': "Quy hoạch tỉnh Quảng Nam", "...
    đặc thù đối với thành phố Hải Phòng"), and so do two places."""
    place = province_span(text)
    if place is not None:
        _, start, end = place
        rest = f"{text[:start]} {text[end:]}"
        if province_span(rest) is None and _applies_to_place(text[:start], text[end:]):
            text = rest
    return _AREA_PHRASE.sub(" ", text)


def _applies_to_place(before: str, after: str) -> bool:
    """Whether a place between `before` and `after` is where the task applies (see
    _without_place)."""
    applies_before, object_of = _place_phrases()
    words = fold(before).lower().split()

    def ends_with(phrases: tuple[list[str], ...]) -> bool:
        return any(len(words) >= len(k) and words[-len(k):] == k for k in phrases)

    if ends_with(applies_before):
        return True
    # Closing the task: nothing after it but a period (data/plan_periods.json cues: "năm
    # 2026", "giai đoạn 2021-2025"), numbers and function words ("từ").
    rest = _WORD.findall(fold(period_phrase().sub(" ", after)).lower())
    return all(w.isdigit() or w in _phrase_stops() for w in rest) and not ends_with(object_of)


@lru_cache(maxsize=1)
def _place_phrases() -> tuple[tuple[list[str], ...], tuple[list[str], ...]]:
    """data/provinces.json 'applies_to': its 'before' and 'object_of' phrases, folded."""
    table = vocab.load_table("provinces.json")["applies_to"]
    return tuple(fold(p).lower().split() for p in table["before"]), \
        tuple(fold(p).lower().split() for p in table["object_of"])


def _term_weight(term: str, plain: bool = False) -> float:
    """A query syllable alone weighs SYLLABLE_WEIGHT, a pair of syllables 1."""
    return 1.0 if plain or "_" in term else SYLLABLE_WEIGHT


class _BM25:
    """A field index: term -> (doc indexes, BM25 weights) as numpy arrays. Weights are
    precomputed so a query is a sum of posting lists into one dense vector: summing them
    in a Python loop was half of a suggestion's CPU time (common syllables such as "quy
    định" have postings in most titles), numpy does it in microseconds."""

    def __init__(self, docs_terms: Sequence[list[str]]) -> None:
        n = len(docs_terms)
        lengths = [len(t) for t in docs_terms]
        avg = (sum(lengths) / n) if n else 1.0
        df: Counter[str] = Counter()
        for t in docs_terms:
            df.update(set(t))
        self.n = n
        self.unseen_idf = math.log(1 + (n + 0.5) / 0.5)  # the idf of a term no document has
        self.idf = {term: math.log(1 + (n - f + 0.5) / (f + 0.5)) for term, f in df.items()}
        ids: dict[str, list[int]] = defaultdict(list)
        weights: dict[str, list[float]] = defaultdict(list)
        for i, t in enumerate(docs_terms):
            if not t:
                continue
            norm = BM25_K1 * (1 - BM25_B + BM25_B * lengths[i] / (avg or 1.0))
            for term, tf in Counter(t).items():
                ids[term].append(i)
                weights[term].append(self.idf[term] * tf * (BM25_K1 + 1) / (tf + norm))
        # Each term's doc indexes are distinct, so `acc[ids] += weights` adds every one.
        self.postings = {term: (np.array(ids[term], dtype=np.intp), np.array(weights[term]))
                         for term in ids}

    def query_terms(self, q_terms: Iterable[str], *, plain: bool = False) -> list[str]:
        """The query's most telling known terms. A term repeated in a long task text is
        what the task is about ("trung tâm phục vụ hành chính công" three times), so the
        rank is idf times a damped count, not idf alone (which favours one-off rarities).
        `plain`: every term weighs 1 (plain BM25, the benchmark's baseline)."""
        counts = Counter(t for t in q_terms if t in self.idf)
        return sorted(counts, key=lambda t: -self.idf[t] * (1.0 + math.log(counts[t])) * _term_weight(t, plain)
                      )[:MAX_QUERY_TERMS]

    def ideal(self, q_terms: Iterable[str]) -> float:
        """The score of a perfect match, for an absolute scale: the idf mass of the query's
        IDEAL_TERMS most telling terms. A title holds a dozen words, so a long task text
        cannot be matched whole; measured against all its terms every document would look
        weak. A term the field never holds counts at the idf of a term no document has:
        the task's subject may be what the KB lacks ("phân bón" of "quản lý phân bón"), and
        a title or heading sharing only "quản lý" with it is no whole match."""
        weights = sorted({t: self.idf.get(t, self.unseen_idf) * _term_weight(t) for t in q_terms}.values(),
                         reverse=True)
        return sum(weights[:IDEAL_TERMS]) or 1.0

    def vector(self, q_terms: Sequence[str], allowed: np.ndarray | None = None, *,
               plain: bool = False) -> np.ndarray:
        """BM25 score of every document (0 where nothing matches); `allowed` a bool mask."""
        acc = np.zeros(self.n)
        for term in q_terms:
            posting = self.postings.get(term)
            if posting is not None:
                acc[posting[0]] += posting[1] * _term_weight(term, plain)
        if allowed is not None:
            acc[~allowed] = 0.0
        return acc

    def scores(self, q_terms: Sequence[str], *, allowed: np.ndarray | None = None,
               plain: bool = False) -> dict[int, float]:
        """The documents that match at all -> their BM25 score."""
        acc = self.vector(q_terms, allowed, plain=plain)
        hit = np.flatnonzero(acc > 0)
        return dict(zip(hit.tolist(), acc[hit].tolist(), strict=True))

    def top(self, q_terms: Sequence[str], n: int, *, allowed: np.ndarray | None = None,
            vector: np.ndarray | None = None) -> list[tuple[int, float]]:
        """The n best (doc index, score) pairs, best first; ties by document order. `vector`:
        the query's `vector`, when the caller needs it too."""
        acc = self.vector(q_terms, allowed) if vector is None else vector
        hit = np.flatnonzero(acc > 0)
        if len(hit) > n:
            hit = hit[np.argpartition(-acc[hit], n - 1)[:n]]
        hit = hit[np.lexsort((hit, -acc[hit]))]
        return list(zip(hit.tolist(), acc[hit].tolist(), strict=True))


# --- helpers over documents ------------------------------------------------------------

def issuer_code(text: str | None) -> str | None:
    """An issuer written as a code ("UBND", "TTg") or a name ("Chính phủ",
    "Ủy ban nhân dân tỉnh Quảng Ngãi", "BỘ TÀI CHÍNH") -> its code."""
    if not text:
        return None
    # Names and written variants first: "TTCP" in a text is the Thủ tướng Chính phủ (a
    # variant in data/issuers.json), although TTCP is also Thanh tra Chính phủ's code.
    named = vocab.issuer_by_name(text)
    if named:
        return named.code
    code = vocab.lookup_issuer_code(text.strip())
    if code:
        return vocab.issuer_base(code)
    found = vocab.issuer_by_name(text)
    if found:
        return found.code
    # Longest known name at the start ("Ủy ban nhân dân tỉnh Quảng Ngãi" -> UBND).
    key = fold(text)
    for name, iss in vocab.issuer_variants_longest_first():
        if key.startswith(fold(name)):
            if text.isupper():
                # A header names the parent body above the issuing one ("BỘ TÀI CHÍNH /
                # TỔNG CỤC HẢI QUAN", "UBND TỈNH QUẢNG NGÃI / VĂN PHÒNG"): the body named
                # after the parent issues.
                unit = _unit_after(key[len(fold(name)):])
                if unit is not None:
                    return unit
            return iss.code
    return None


def _unit_after(rest: str) -> str | None:
    """The code of the first known body named in `rest` (folded) at a word start, when it
    can be a unit under the body before it: not one of joint issuers ("BỘ TÀI CHÍNH VÀ
    BỘ CÔNG THƯƠNG", "... - ..."), not a ministry (a ministry is nobody's unit)."""
    best: tuple[int, str, str] | None = None
    for name, iss in vocab.issuer_variants_longest_first():
        folded = fold(name)
        at = rest.find(" " + folded)
        while at >= 0 and at + 1 + len(folded) < len(rest) and rest[at + 1 + len(folded)].isalnum():
            at = rest.find(" " + folded, at + 1)
        if at >= 0 and (best is None or at < best[0]):
            best = (at, iss.code, iss.name)
    if best is None:
        return None
    at, code, unit_name = best
    between = f" {rest[:at]} "
    if " va " in between or "-" in between or "," in between or fold(unit_name).startswith("bo "):
        return None
    return code


_JOINT_SEPARATOR = re.compile(r"\s*[-–—,;/]\s*")
_UNIT_OF = re.compile(r"\s(?:trực\s+)?thuộc\s", re.IGNORECASE)  # "Tổng cục X trực thuộc Bộ Y"


def issuer_codes(text: str | None) -> list[str]:
    """The issuers of a joint document, first one first: "BỘ TÀI CHÍNH - BỘ CÔNG THƯƠNG",
    "BTC-BCT", "Bộ Tài chính và Bộ Khoa học và Công nghệ" -> ["BTC", "BCT"] / ["BTC",
    "BKHCN"]. A name containing "và" ("Bộ Nông nghiệp và Phát triển nông thôn") stays whole
    unless it splits into issuers' exact names."""
    if not text:
        return []
    codes: list[str] = []
    for part in (p for p in _JOINT_SEPARATOR.split(text.strip()) if p):
        pieces = re.split(r" (?:và|VÀ|Và) ", part)
        split = _split_names(pieces) if len(pieces) > 1 else None
        if split and len(split) > 1:
            codes += split
        elif code := issuer_code(part):
            codes.append(code)
    if len(codes) < 2:
        whole = issuer_code(text)
        return [whole] if whole else codes
    return list(dict.fromkeys(codes))


def _split_names(pieces: Sequence[str]) -> list[str] | None:
    """Codes of the fewest issuers whose exact names, joined by "và", make `pieces`."""
    if not pieces:
        return []
    for cut in range(len(pieces), 0, -1):  # the longest name first
        found = vocab.issuer_by_name(" và ".join(pieces[:cut]))
        if found is None:
            continue
        rest = _split_names(pieces[cut:])
        if rest is not None:
            return [found.code, *rest]
    return None


def _doc_issuers(doc: Document) -> list[str]:
    """A KB document's issuer codes, joint ones each ("BTC-BNNPTNT"), in their base form."""
    if doc.issuer:
        return [vocab.issuer_base(vocab.canonical_issuer_code(c)) for c in re.split(r"[-,\s]+", doc.issuer) if c]
    code = issuer_code(doc.issuer_name)
    return [code] if code else []


def _doc_issuer(doc: Document) -> str | None:
    codes = _doc_issuers(doc)
    return codes[0] if codes else None


def document_force(doc: Document) -> int | None:
    """The rank of legal force of a KB document (data/legal_force.json; 1 = Hiến pháp)."""
    return vocab.legal_force(doc_type_name(doc), _doc_issuer(doc))


def _issuer_label(code: str, level: str | None = None) -> str:
    """How a reason names an issuer: "Ủy ban nhân dân tỉnh" for a local one, at `level`
    ("huyện", "xã") when the draft's writer was named at it."""
    iss = vocab.issuer(code)
    if iss is None:
        return code
    return f"{iss.name} {level or 'tỉnh'}" if iss.local else iss.name


@lru_cache(maxsize=1)
def _body_before_level() -> frozenset[str]:
    """The last word of the name of a body that sits at every level of place
    (data/issuers.json 'in_units': "Ủy ban nhân dân", "Hội đồng nhân dân"), and its code,
    folded: what stands before the level in "UBND xã", "Ủy ban nhân dân huyện"."""
    units = [i for i in vocab.issuers() if i.in_units]
    return frozenset(fold(i.code).lower() for i in units) | frozenset(_syllables(i.name)[-1] for i in units)


def _joint_as_one(kind: str | None) -> str | None:
    """A joint type as its own ("Thông tư liên tịch" -> "Thông tư"): of one rank, one kind."""
    return kind.removesuffix(" liên tịch") if kind else kind


def _writer_level(writer: str | None) -> str | None:
    """The level of place a writer is named at ("UBND huyện Sơn Tịnh" -> "huyện", "uy ban
    nhan dan xa Nghi Phong" -> "xã"), as data/provinces.json writes it; None if it names none.
    The level word is the first one followed by a name (a capital or a number: "quận 3"),
    with its marks as written: folded, "quận" is the "Quản" of "Ban Quản lý" and the "Quân"
    of "Bộ Chỉ huy Quân sự", and the level of "UBND xã Tịnh Phong, huyện Sơn Tịnh" is the
    xã's, the huyện being its address. A writer typed without any marks matches by letters."""
    if not writer:
        return None
    words = writer.split()
    unmarked = fold(writer).lower() == writer.lower()  # typed without marks: "quan" may be "quận" there only
    found: tuple[int, str] | None = None
    for level in _place_levels():  # longest first: "thành phố" before a level of one word
        key = level.lower().split()
        for n in range(len(words) - len(key) + 1):
            if (found is None or n < found[0]) and _level_at(words, n, key, unmarked):
                found = (n, level)
                break
    return found[1] if found else None


def _level_at(words: Sequence[str], n: int, key: Sequence[str], unmarked: bool) -> bool:
    """Whether words[n:] open with the level word `key` followed by a name (by its letters
    alone in a writer typed without marks), or ending a people's body named without its
    place ("UBND xã", "Ủy ban nhân dân huyện": rev39 read the xã's plan as the tỉnh's)."""
    after = words[n + len(key)] if n + len(key) < len(words) else ""
    ends_body = not after and n > 0 and fold(words[n - 1]).lower() in _body_before_level()
    if not (after[:1].isupper() or after[:1].isdigit() or ends_body):
        return False
    written = " ".join(words[n:n + len(key)]).lower()
    if unify_tones(written) == unify_tones(" ".join(key)):
        return True
    return unmarked and written == fold(" ".join(key))


def _guess_type(text: str) -> str | None:
    """The document type a title starts with ("Quyết định ban hành ..." -> Quyết định)."""
    found, _ = _type_prefix(text)
    return found if found != "Công văn" else None


def draft_type_of(text: str | None) -> str | None:
    """The type of the draft a task or a pasted draft is for: the type word it opens with,
    else its header's ("KẾ HOẠCH" under the number and date lines); None if neither says."""
    if not text:
        return None
    text = unicodedata.normalize("NFC", text[:MAX_QUERY_CHARS])
    header = _extracted(text)[1]
    return _guess_type(text) or (header.doc_type if header is not None else None)


@lru_cache(maxsize=1)
def _drafter_pattern() -> re.Pattern[str]:
    """A local body as a task names its writer: "UBND huyện", "Hội đồng nhân dân tỉnh Quảng
    Ngãi", "Sở Tài chính", typed with or without accents (data/issuers.json local bodies,
    data/provinces.json unit levels), then the unit's capitalised name if written."""
    names = sorted({v for i in vocab.issuers() if i.local for v in (i.name, *i.variants)}, key=len, reverse=True)
    return re.compile(rf"(?<!\w)(?:{_typed_either(names)})(?:\s+(?:{_typed_either(_place_levels())}))?"
                      rf"(?:\s+[A-ZĐ][^\W\d_]*){{0,3}}(?!\w)")


_YEAR_END = re.compile(r"\s*(?:(?i:năm)|nam)?\s*\d{4}\s*$")
_OF = r"(?:(?i:của)|cua)"  # "của", typed with or without its accent
_BY = re.compile(rf"\s{_OF}\s+$")  # closing what comes before: "... năm 2024 của" UBND huyện
_BY_FIRST = re.compile(rf"{_OF}\s+")  # opening: "Kế hoạch của" UBND huyện về ...


def _without_drafter(text: str) -> str:
    """The task without the local body that writes it: "Nghị quyết HĐND tỉnh về phân cấp
    nguồn thu ...", "Kế hoạch cải cách hành chính năm 2024 của UBND huyện". Its name says
    who writes, not what about: "nhân dân" matched Luật Hoạt động giám sát của Quốc hội và
    Hội đồng nhân dân, "kế hoạch" a circular on planning. A body named after the type word,
    or after "của" closing a plan's task (data/plan_periods.json plan_types), is the writer;
    elsewhere it may be the subject ("Quy chế làm việc của Ủy ban nhân dân tỉnh")."""
    return _drafter_split(text)[0]


def _drafter_split(text: str) -> tuple[str, str | None]:
    """`_without_drafter`'s text, and the writer's name it left out (None if none)."""
    doc_type, lead = _type_prefix(text)
    if doc_type is None:
        return text, None
    words = text.split()
    head, rest = " ".join(words[:lead]), " ".join(words[lead:])
    writer = None
    by = _BY_FIRST.match(rest)
    m = _drafter_pattern().match(rest, by.end() if by else 0)
    if m:
        writer = m.group(0)
        rest = rest[m.end():].lstrip(" ,")
    last = next(reversed(list(_drafter_pattern().finditer(rest))), None) if doc_type in plan_types() else None
    if last is not None:
        before, after = " " + rest[:last.start()], rest[last.end():]
        by = _BY.search(before)
        if by is not None and (not after.strip() or _YEAR_END.fullmatch(after)):
            writer = writer or last.group(0)
            rest = f"{before[:by.start()]} {after}".strip()
    return f"{head} {rest}".strip(), writer


@lru_cache(maxsize=1)
def _central_issuer_after_type() -> re.Pattern[str]:
    """"của Chính phủ" (a central issuer's name, data/issuers.json) opening what follows
    the type word: an old heading's issuer ("NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 61-CP NGÀY ...")."""
    names = sorted({v for i in vocab.issuers() if not i.local for v in (i.name, *i.variants)}, key=len, reverse=True)
    return re.compile(rf"{_OF}\s+(?:{_typed_either(names)})(?!\w)")


def _without_heading_facts(text: str) -> str:
    """The task without what an old heading runs into its title besides the number (see
    _without_symbols): the central issuer after the type word and the date. "NGHỊ ĐỊNH CỦA
    CHÍNH PHỦ SỐ 95-CP NGÀY 05 THÁNG 7 NĂM 2024 VỀ MUA BÁN VÀ KINH DOANH NHÀ Ở" is about
    what "Nghị định về mua bán và kinh doanh nhà ở" is: "chính phủ" and "năm 2024" had
    brought other similar documents and contexts."""
    for date in reversed(find_dates(text)):  # when it was issued, no word of its subject
        text = f"{text[:date.start]} {text[date.end:]}"
    doc_type, lead = _type_prefix(text)
    if doc_type is None:
        return text
    words = text.split()
    head, rest = " ".join(words[:lead]), " ".join(words[lead:])
    m = _central_issuer_after_type().match(rest)
    return f"{head} {rest[m.end():].lstrip(' ,')}" if m else text


@lru_cache(maxsize=1)
def _act_openers() -> tuple[tuple[str, ...], ...]:
    """data/cite_words.json header 'title_openers' ("Thực hiện", "Triển khai"), folded:
    what a plan does with its subject, not the subject."""
    return tuple(tuple(fold(w) for w in o.split()) for o in vocab.cite_words()["header"]["title_openers"])


def _opener_length(words: Sequence[str]) -> int:
    """How many of `words` open with act openers, one after another ("triển khai thực hiện
    quy định về hoạt động lấn biển": 4)."""
    at = 0
    while True:
        found = next((len(o) for o in _act_openers()
                      if tuple(fold(w) for w in words[at:at + len(o)]) == o and at + len(o) < len(words)), 0)
        if not found:
            return at
        at += found


def _type_and_openers(text: str) -> str:
    """The type word and act openers `text` starts with ("Kế hoạch thực hiện" of "Kế hoạch
    thực hiện công tác phòng, chống ma túy")."""
    _, lead = _type_prefix(text)
    words = text.split()
    return " ".join(words[:lead + _opener_length(words[lead:])])


def _type_prefix(text: str) -> tuple[str | None, int]:
    """The type word a text starts with, written with accents or without ("ke hoach"), and
    its length in words; (None, 0) without one."""
    words = text.split()[:4]
    for n in range(len(words), 0, -1):
        found = vocab.doc_type_by_word(" ".join(words[:n]))
        if found is not None:
            return found.name, n
    return None, 0


@dataclass
class _Cand:
    title: float = 0.0
    usage: float = 0.0
    neighbours: float = 0.0
    neighbour_docs: list[str] = field(default_factory=list)
    neighbours_cite_only: bool = False  # the similar documents cite it, none rests on it
    structure: float = 0.0
    structure_reason: str | None = None
    structure_learned: bool = False  # from the KB's practice, not from data/structural_bases.json
    cocited: float = 0.0
    cocited_with: list[tuple[str, int, int]] = field(default_factory=list)  # (id, both, its citers)
    mentioned: float = 0.0
    inherited: float = 0.0
    inherited_from: str | None = None
    chain: float = 0.0
    chain_reasons: list[str] = field(default_factory=list)
    replaces: list[str] = field(default_factory=list)
    field_law: float = 0.0
    whole_subject: float = 0.0
    same_subject: float = 0.0
    linked: tuple[str, str] | None = None  # (what the task says, the linked subject its title holds)
    topic: float = 0.0
    topic_reason: str | None = None
    content: float = 0.0
    content_heading: str | None = None
    anchor: float = 0.0
    anchor_of: list[tuple[str, int, int]] = field(default_factory=list)  # (id, both, its citers)
    amends: str | None = None
    guides: str | None = None  # the candidate it guides, which brought it (see GUIDE_SHARE)
    succeeds: str | None = None
    succeeded_by: str | None = None
    in_force_for: str | None = None  # the newer version not yet in force it stands for
    score: float = 0.0


class _AccentCheck:
    """How far a field's match agrees with the accents of the task as typed: 1 less (1 -
    ACCENT_KEEP) times the idf share of the matched terms whose accents differ. Folding lets
    a task typed without accents match anything; typed with them, "phân bón" does not mean
    "phản ánh". A term typed without accents ("ke hoach" in "ke hoach ứng dụng") or not
    typed (added by a subject link) agrees with any. Built once per query and field."""

    def __init__(self, q_accents: dict[str, frozenset[str]], qt: Sequence[str], index: _BM25,
                 lexicon: frozenset[str] = frozenset()) -> None:
        self.weights = {t: index.idf.get(t, 0.0) * _term_weight(t) for t in qt}
        self.strict = {t: typed for t in qt if (typed := q_accents.get(t)) and any(a != fold(a) for a in typed)}
        self.agrees: dict[tuple[str, frozenset[str]], bool] = {}
        self.lexicon = lexicon

    def __call__(self, written: dict[str, frozenset[str]]) -> float:
        if not self.strict:
            return 1.0
        wrong: set[str] = set()
        for t in written.keys() & self.strict.keys():
            typed, forms = self.strict[t], written[t]
            agrees = self.agrees.get((t, forms))
            if agrees is None:
                agrees = self.agrees[(t, forms)] = any(_same_words(a, b, self.lexicon) for a in typed for b in forms)
            if not agrees:
                wrong.add(t)
        if not wrong:
            return 1.0  # the common case: every accented term agrees, no need to weigh the rest
        # A word pair written otherwise takes its syllables along, unless a pair agreeing
        # holds them: "thành niên" is no "thanh niên" though the task's "thành phố" lets the
        # syllable "thành" agree.
        kept = {w for t in written.keys() & self.weights.keys() if "_" in t and t not in wrong for w in t.split("_")}
        wrong |= {w for t in list(wrong) if "_" in t for w in t.split("_") if w not in kept and w in self.weights}
        mismatched = sum(self.weights[t] for t in wrong if t in written)
        matched = sum(self.weights[t] for t in written.keys() & self.weights.keys())
        return 1.0 - (1.0 - ACCENT_KEEP) * mismatched / matched


@dataclass(frozen=True)
class _Group:
    """Citers of one issuer and type: (date, bases) for each, to learn structural bases."""

    citers: tuple[tuple[dt.date | None, frozenset[int]], ...]


@dataclass(frozen=True)
class NamedSymbol:
    """A document a task names by its symbol, and the KB documents (`Suggester.docs`
    indices) the symbol can mean: none when the KB lacks it, several when it does not say
    which ("06/QĐ-TTg" of many years). `start` is where its citation begins in the text."""

    symbol: str
    start: int
    found: tuple[int, ...]
    doc_type: str | None = None
    date: dt.date | None = None
    type_code: str | None = None
    other_years: tuple[int, ...] = ()  # documents of the symbol the date written rules out


class Suggester:
    """Everything `suggest` needs from one version of a knowledge base, computed once."""

    def __init__(self, kb: ReadableKB) -> None:
        self.kb = kb
        self.version = getattr(kb, "version", 0)
        self.docs: list[Document] = list(kb.documents())
        self.index: dict[str, int] = {d.id: i for i, d in enumerate(self.docs)}
        self._symbols: dict[int, Symbol | None] = {}  # parsed on first use (_symbol)
        n = len(self.docs)
        by_name = citation_forms().cited_by_name
        # Laws, codes and ordinances: the syllables of their name ("luat dat dai").
        law_keys = {i: " ".join(_syllables(law_name(doc, type_name))) for i, doc in enumerate(self.docs)
                    if (type_name := doc_type_name(doc)) in by_name and (doc.title or doc.aliases)
                    and not doc.consolidated}
        self.same_as = self._placeholders(law_keys)
        self.bases: list[frozenset[int]] = [frozenset()] * n  # what each document rests on
        self.citers: list[list[int]] = [[] for _ in range(n)]  # who rests on each document
        self.implementers: list[list[int]] = [[] for _ in range(n)]  # implements-edges in
        self.implements: list[list[int]] = [[] for _ in range(n)]  # implements-edges out
        self.details: list[list[int]] = [[] for _ in range(n)]  # guides-edges out: what it details
        self.ended_by: list[list[tuple[int, Relation]]] = [[] for _ in range(n)]
        # Documents each one cites without resting on them: weaker evidence of what a
        # document of that subject needs (the catalog's content links are of this kind).
        self.related: list[frozenset[int]] = [frozenset()] * n
        contexts: list[list[str]] = [[] for _ in range(n)]
        based_on: list[frozenset[int]] = [frozenset()] * n  # "Căn cứ" edges only
        # What a document rests on minus what it guides or implements: the law a decree
        # details is its subject, not a basis every decree of its issuer needs.
        structural: list[frozenset[int]] = [frozenset()] * n
        written = [False] * n  # some document of the KB names it (any relation)
        for i, doc in enumerate(self.docs):
            out: set[int] = set()
            strict: set[int] = set()
            guided: set[int] = set()
            cited: set[int] = set()
            for edge in kb.edges_from(doc.id):
                j = self._at(edge.target)
                if j is None or j == i:
                    continue
                written[j] = True
                if edge.relation is Relation.BASED_ON:
                    strict.add(j)
                elif edge.relation in (Relation.GUIDES, Relation.IMPLEMENTS):
                    guided.add(j)
                elif edge.relation is Relation.CITES:
                    cited.add(j)
                if edge.relation in BASIS_RELATIONS:
                    out.add(j)
                    self.citers[j].append(i)
                    told: set[str | None] = set()
                    for prov in edge.provenance:
                        # The task a "Căn cứ áp dụng" belongs to describes best what the
                        # basis is for; the sentence itself names the basis. One sentence
                        # per task of the citing document (None: its preamble): the catalog
                        # and an ingested text asserting the same căn cứ are one use.
                        task = getattr(prov, "task", None)
                        if task in told:
                            continue
                        told.add(task)
                        for said in (task, prov.context):
                            if said and len(contexts[j]) < MAX_CONTEXTS:
                                contexts[j].append(said)
                if edge.relation is Relation.IMPLEMENTS:
                    self.implementers[j].append(i)
                    self.implements[i].append(j)
                elif edge.relation is Relation.GUIDES:
                    self.details[i].append(j)
                if edge.relation in ENDING:
                    self.ended_by[j].append((i, edge.relation))
            self.bases[i] = frozenset(out)
            self.related[i] = frozenset(cited - out)
            based_on[i] = frozenset(strict)
            structural[i] = frozenset(strict - guided)
        # A document both replacing and repealing another (a new law of the same name, whose
        # final article also says the old one lapses) ends it once, as its replacement.
        self.ended_by = [_once_each(ended) for ended in self.ended_by]
        self.authority = [len(set(c)) for c in self.citers]
        self.force = [document_force(d) for d in self.docs]
        # What a căn cứ can name: a number, a date, a law's name, or a document others have
        # cited as written ("Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 2.0"). An
        # ingested draft with neither ("Số: /KH-VP", no day) is not something to rest on.
        # A report, a record or a submission decides nothing: no line of a draft rests on
        # one (data/citation_forms.json 'lead_words' 'not_bases'), however well it matches.
        self.citable = [bool(d.symbol or d.date or doc_type_name(d) in by_name or written[i])
                        and not d.consolidated  # a reading aid: the law it consolidates is the basis
                        and is_basis(d)
                        for i, d in enumerate(self.docs)]

        title_terms = [terms(self._title_text(d)) for d in self.docs]
        self.title_sets = [frozenset(t) for t in title_terms]
        # The syllables titles write without a mark ("thanh" of "thanh niên", "ban" of "ban
        # hành"): typed so beside a marked one, such a syllable is the word as written, not
        # one typed without accents (see _AccentCheck).
        self.lexicon = frozenset(w for d in self.docs for w in _WORD.findall((d.title or "").lower()) if w == fold(w))
        # Filled on first use: a query looks at a few hundred titles of thousands.
        self._title_accents: dict[int, dict[str, frozenset[str]]] = {}
        self._title_subjects: dict[int, tuple[set[str], float]] = {}
        self._scopes: dict[int, str | None] = {}  # own_scope of a title, filled on first use
        self._named_subjects: dict[int, tuple[set[str], float]] = {}  # see _neighbours_own
        self._detailing: dict[int, frozenset[int]] = {}  # per law: see _detailing_decrees
        self._title_law_cache: dict[int, tuple[list[int], bool, bool]] = {}  # see _title_laws
        self._heading_accents: dict[int, dict[str, frozenset[str]]] = {}
        self._amendment: dict[int, bool] = {}
        self._title_syllable_sets: dict[int, tuple[set[str], float]] = {}
        usage_terms = []
        for j in range(n):
            parts = list(contexts[j])
            parts += [self.docs[c].title or "" for c in self.citers[j][:MAX_CONTEXTS]]
            usage_terms.append(terms(" . ".join(parts)))
        # Laws, codes and ordinances by name ("luat dat dai" -> ids), for names in the query.
        self.names: dict[str, list[int]] = defaultdict(list)
        for i, key in law_keys.items():
            if i not in self.same_as:
                self.names[key].append(i)
        self._init_names_and_versions()
        self._init_topics(by_name)
        self._init_contents(by_name)
        self.title_index = _BM25(title_terms)
        self.usage_index = _BM25(usage_terms)
        self.is_citer = np.array([bool(b) or bool(r) for b, r in zip(self.bases, self.related, strict=True)],
                                 dtype=bool)

        # Co-citation: how often two documents are bases of one document.
        self.cocited: list[Counter[int]] = [Counter() for _ in range(n)]
        for b in self.bases:
            if 1 < len(b) <= 60:
                for x in b:
                    for y in b:
                        if x != y:
                            self.cocited[x][y] += 1

        # Structural bases per (issuer, type) and per issuer.
        groups: dict[tuple[str, str | None], list[tuple[dt.date | None, frozenset[int]]]] = defaultdict(list)
        for i, doc in enumerate(self.docs):
            if not based_on[i]:
                continue
            issuer = _doc_issuer(doc)
            if not issuer:
                continue
            entry = (doc.date, structural[i])
            groups[(issuer, doc_type_name(doc))].append(entry)
            groups[(issuer, None)].append(entry)
        self.groups = {k: _Group(tuple(v)) for k, v in groups.items() if len(v) >= STRUCTURE_MIN_GROUP}
        self.peers_rare, self.type_peers_rare = self._peers_rare(based_on)
        self._amend_words = tuple(fold(w) for w in citation_forms().amending_words)
        self._init_charters()
        self._init_organisation_laws()
        self._init_series()

    # -- precompute helpers --

    def _init_names_and_versions(self) -> None:
        """Laws by the body of their name (for fields named in a query), the laws that
        amend each law (KB `amends` edges from laws, and the names of amending laws:
        "Luật sửa đổi, bổ sung một số điều của Luật X và Luật Y"), and version groups:
        laws of one name, other central documents of one type, issuer and title."""
        f = citation_forms()
        by_name = f.cited_by_name
        n = len(self.docs)
        self.law_key: list[str | None] = [None] * n
        heads = sorted((tuple(_syllables(t)) for t in by_name), key=len, reverse=True)
        amend_words = [tuple(_syllables(w)) for w in f.amending_words]
        # first syllable of a name body -> [(body syllables, law name key)]
        self.field_names: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
        seen_bodies: set[tuple[str, ...]] = set()
        # Names of amending laws ("Luật sửa đổi, bổ sung một số điều của Luật X"): no field,
        # no version of one another, and the laws they name are what they amend.
        amending_keys: dict[str, int] = {}  # key -> length of its head
        for key, idx in self.names.items():
            words = tuple(key.split())
            head = next((h for h in heads if words[:len(h)] == h), None)
            body = words[len(head):] if head else words
            for i in idx:
                self.law_key[i] = key
            if any(body[:len(w)] == w for w in amend_words):
                amending_keys[key] = len(head) if head else 0
            elif len(body) >= 2 and body not in seen_bodies:
                seen_bodies.add(body)
                self.field_names[body[0]].append((body, key))
        for entries in self.field_names.values():
            entries.sort(key=lambda e: -len(e[0]))
        # What each document says it amends (the KB's amends edges), read once: the version
        # groups leave such amendments out and the amending documents are built from them.
        amends_edges: dict[int, list[int]] = {}
        for i, doc in enumerate(self.docs):
            targets = [j for edge in self.kb.edges_from(doc.id) if edge.relation is Relation.AMENDS
                       and (j := self._at(edge.target)) is not None and j != i]
            if targets:
                amends_edges[i] = targets

        def amends_one_of(i: int, members: Sequence[int]) -> bool:
            return any(j in members for j in amends_edges.get(i, ()))

        # Version groups: the same law name, or (type, issuer, title) of central documents.
        groups: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for i, doc in enumerate(self.docs):
            law = self.law_key[i]
            if law:
                # Laws amending one law share a name ("Luật sửa đổi, bổ sung một số điều của
                # Luật Xử lý vi phạm hành chính" of 2020 and of 2025): neither is a version of
                # the other, and each lapses with the laws it amends (`_validity`).
                if law not in amending_keys:
                    groups[("law", law)].append(i)
                continue
            if doc.province or not doc.title or not doc.symbol:
                continue
            type_name = doc_type_name(doc)
            title = _WORD.findall(fold(doc.title))  # numbers kept: "Luật số 5" is not "Luật số 7"
            if type_name:
                tw = _syllables(type_name)
                if title[:len(tw)] == tw:
                    title = title[len(tw):]
            if len(title) < SAME_TITLE_MIN_SYLLABLES or any(title[:len(w)] == list(w) for w in amend_words):
                continue
            if adds_to_a_list(doc.title):
                continue  # "Danh mục bổ sung giống cây trồng" of 2015 and of 2019: each adds, none replaces
            # Joint documents by all their issuers: 178/2015/TTLT-BTC-BNNPTNT-BTNMT-BYT and
            # 89/2016/TTLT-BTC-BCT, both "hướng dẫn thực hiện cơ chế một cửa quốc gia", are
            # two procedures' guides, not versions.
            issuers = "-".join(sorted(_doc_issuers(doc)))
            groups[("doc", type_name or "", issuers, " ".join(title))].append(i)
        self.version_group: dict[int, tuple[int, ...]] = {}
        for members in groups.values():
            if len(members) > 1:
                # A member the KB says amends another is that one's amendment, catalogued
                # under its bare name ("Dân số": Pháp lệnh 08/2008/PL-UBTVQH12 amends Điều 10
                # of Pháp lệnh Dân số 06/2003), not a new version replacing it.
                members = [i for i in members if not amends_one_of(i, members)]
            if len(members) > 1:
                ordered = tuple(sorted(members, key=self._version_key))
                for i in members:
                    self.version_group[i] = ordered
        self.law_versions: dict[str, tuple[int, ...]] = {
            key: tuple(sorted((i for i in idx if len(idx) == 1 or not amends_one_of(i, idx)),
                              key=self._version_key)) for key, idx in self.names.items()}
        # Amending documents: amends edges between laws, or between central documents of
        # one type (a decree amending a decree is cited beside it: "Nghị định số 120/2016/
        # NĐ-CP ...; Nghị định số 82/2023/NĐ-CP sửa đổi, bổ sung ..."), and amending-law names.
        self.amenders: list[list[int]] = [[] for _ in range(n)]
        for i, targets in amends_edges.items():
            doc = self.docs[i]
            for j in targets:
                if self._sort_date(j) > self._sort_date(i):
                    continue  # nothing amends a document issued after it
                target = self.docs[j]
                if (self.law_key[i] and self.law_key[j]) or (
                        not doc.province and not target.province and not self.law_key[i]
                        and doc_type_name(doc) == doc_type_name(target)):
                    self.amenders[j].append(i)
        for key, head_len in amending_keys.items():
            if not head_len:
                continue  # no "Luật" before the amending words: no law names to read after them
            for target_key in self._law_names_in(key.split()[head_len + 1:], heads):
                for i in self.names[key]:
                    when = self._sort_date(i)
                    older = [j for j in self.names.get(target_key, ()) if self._sort_date(j) <= when and j != i]
                    if older:
                        target = max(older, key=lambda j: (self._sort_date(j), self.authority_of(j)))
                        if i not in self.amenders[target]:
                            self.amenders[target].append(i)
        # Central documents guiding each document (guides edges in; see GUIDE_SHARE).
        self.guided_by: list[list[int]] = [[] for _ in range(n)]
        for i, targets in enumerate(self.details):
            if not self.docs[i].province:
                for j in targets:
                    self.guided_by[j].append(i)
        self.amended_count = [0] * n  # documents each document amends
        self.amends_of: list[list[int]] = [[] for _ in range(n)]  # what each document amends
        for target, amending in enumerate(self.amenders):
            for j in amending:
                self.amended_count[j] += 1
                self.amends_of[j].append(target)
        # (base, companion) -> (documents resting on the base since the companion was
        # issued, how many of them also rest on the companion): see COMPANION_PRIOR_DOCS.
        # Filled on first use.
        self._co_cited: dict[tuple[int, int], tuple[int, int]] = {}

    def _placeholders(self, law_keys: dict[int, str]) -> dict[int, int]:
        """Name nodes ("name/luat-to-chuc-chinh-phu-2025": a law cited by name and year
        before any text gave its number) that are the one known law of that name and year:
        edges to the placeholder count for that law, and the placeholder is never suggested
        beside it."""
        real: dict[tuple[str, int], list[int]] = defaultdict(list)
        holders: list[tuple[int, tuple[str, int]]] = []
        for i, name in law_keys.items():
            doc = self.docs[i]
            placeholder = doc.id.startswith("name/")
            year = doc.date.year if doc.date else (_name_year if placeholder else _year_from_id)(doc.id)
            if year is None:
                continue
            key = (name, year)
            if placeholder:
                holders.append((i, key))
            else:
                real[key].append(i)
        return {i: real[key][0] for i, key in holders if len(real.get(key, ())) == 1}

    def canonical(self, doc_id: str) -> str:
        """The id suggestions use for a document (a placeholder's law, see _placeholders)."""
        i = self._at(doc_id)
        return self.docs[i].id if i is not None else doc_id

    def _at(self, doc_id: str) -> int | None:
        """The index suggestions use for a document id: a placeholder counts as its law."""
        i = self.index.get(doc_id)
        return self.same_as.get(i, i) if i is not None else None

    def _init_topics(self, law_types: frozenset[str]) -> None:
        """Pháp điển đề mục: which documents are codified under each, and its laws (the
        Luật, Bộ luật, Pháp lệnh of the subject area: "33.3 Phí và lệ phí" holds Luật Phí và
        lệ phí and the fee circulars)."""
        ids: dict[str, int] = {}
        self.topic_names: list[str] = []
        self.topic_laws: list[list[int]] = []
        self.doc_topics: list[tuple[int, ...]] = []
        for i, doc in enumerate(self.docs):
            mine = []
            for name in doc.topics:
                t = ids.setdefault(name, len(ids))
                if t == len(self.topic_names):
                    self.topic_names.append(name)
                    self.topic_laws.append([])
                if doc_type_name(doc) in law_types:
                    self.topic_laws[t].append(i)
                mine.append(t)
            self.doc_topics.append(tuple(mine))
        self.has_topic = np.array([bool(t) for t in self.doc_topics], dtype=bool)

    def _init_contents(self, law_types: frozenset[str]) -> None:
        """The article headings of the laws, codes and ordinances, one BM25 document each
        (without "Điều N."): a heading is short and says one thing, so a task matches it
        whole or not at all, where the law's hundreds of headings together would match
        every task a little."""
        self.heading_of: list[tuple[int, str]] = []
        for i, doc in enumerate(self.docs):
            if doc_type_name(doc) in law_types:
                self.heading_of += [(i, h) for h in doc.headings]
        self.heading_index = _BM25([terms(HEADING_NUMBER.sub("", h)) for _, h in self.heading_of]) \
            if self.heading_of else None

    def _init_charters(self) -> None:
        """Central documents that set out an agency's functions ("... quy định chức năng,
        nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Nội vụ"; `charter_start`), by the
        agency's folded name, oldest first: the newest one issued by `as_of` is a basis of
        that agency's own circulars and decisions; amending documents are left out there.
        `charter_of`: every central charter's agency, amending ones too (see
        _other_charters)."""
        charters: dict[str, list[int]] = defaultdict(list)
        self.charter_of: dict[int, str] = {}
        for i, doc in enumerate(self.docs):
            start = charter_start(doc.title or "") if not doc.province else None
            if start is None:
                continue
            title = fold_aligned(doc.title or "")  # offsets into it are offsets into doc.title
            # Keyed on the whole rest of the title: a unit's charter ("… của Tổng cục
            # Thống kê thuộc Bộ Kế hoạch và Đầu tư") never equals its ministry's name; and
            # on the unit's own name before "(trực) thuộc", for the unit's own decisions (a
            # decision of the Tổng cục Hải quan rests on its charter).
            agency = " ".join(_syllables(title[start:]))
            self.charter_of[i] = agency
            if any(w in title[:start] for w in self._amend_words):
                continue
            charters[agency].append(i)
            # "thuộc" (of), not "thuốc" (medicine): the written title tells them apart.
            of = _UNIT_OF.search(doc.title or "", start)
            if of is not None and (unit := _syllables(title[start:of.start()])):
                charters[" ".join(unit)].append(i)
        self.charters = {k: tuple(sorted(v, key=self._version_key)) for k, v in charters.items()}

    def _init_organisation_laws(self) -> None:
        """The laws that set up an issuer (data/structural_bases.json: Luật Tổ chức Chính
        phủ for the Chính phủ and the Thủ tướng), every version and the laws amending them,
        and the ministries' charters -> the issuers they set up. Such a document is cited
        because of who issues the draft, not what it is about: it is no companion of a
        subject for another issuer, and one not yet in force is no basis yet."""
        org: dict[int, set[str]] = defaultdict(set)
        for rule in vocab.structural_bases().laws:
            if not rule.sets_up:
                continue
            for i in self.law_versions.get(" ".join(_syllables(rule.law)), ()):
                # An amending law goes with it; a law amending it in passing (Luật Quy hoạch
                # 2017 amends many laws) sets up nobody.
                for j in (i, *(a for a in self.amenders[i] if self._is_amendment(a))):
                    org[j].update(rule.issuers)
        # A ministry's charter ("... chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ
        # Tài nguyên và Môi trường") likewise, for that ministry.
        for name, charters in self.charters.items():
            agency = vocab.issuer_by_name(name)
            if agency is not None:
                for i in charters:
                    org[i].update((agency.code, *agency.other_codes))
        self.organisation_of: dict[int, frozenset[str]] = {i: frozenset(v) for i, v in org.items()}

    def _symbol(self, i: int) -> Symbol | None:
        """Document i's parsed số ký hiệu, read once: the series and the version order
        (`_version_key`, on every query's versions) compare numbers."""
        if i not in self._symbols:
            symbol = self.docs[i].symbol
            self._symbols[i] = parse_symbol(symbol) if symbol else None
        return self._symbols[i]

    def _init_series(self) -> None:
        """Undated documents placed by the dated ones of their numbering series: numbers run
        in issue order. Through a legislature's term (the ký hiệu ends in the term:
        "1636/NQ-UBTVQH15", no year) -> `not_before`, the latest date of a lower number: the
        KB knows 1567/NQ-UBTVQH15 of 21/3/2025, so 1636/NQ-UBTVQH15 is no basis for a decree
        of 2024. Through a year (laws, decrees, circulars of one type, issuer and year:
        "72/2025/QH15") -> `not_after`, the earliest date of a higher number: the KB knows
        Luật 75/2025/QH15 of 16/6/2025, so 72/2025/QH15, known only by its number, was
        passed by then, and a draft of July 2025 rests on it, not on 65/2025/QH15."""
        terms: dict[tuple[object, ...], list[tuple[int, dt.date | None, int]]] = defaultdict(list)
        years: dict[tuple[object, ...], list[tuple[int, dt.date | None, int]]] = defaultdict(list)
        for i, doc in enumerate(self.docs):
            sym = self._symbol(i)
            if sym is None or not sym.issuers:
                continue
            if sym.year is not None:
                years[(doc_type_name(doc), sym.type_code, "-".join(sym.issuers), sym.year)].append(
                    (sym.number, doc.date, i))
            elif doc.symbol and _TERM_SYMBOL.match(doc.symbol) and sym.issuers[-1][-1:].isdigit():
                terms[(sym.type_code, "-".join(sym.issuers))].append((sym.number, doc.date, i))
        self.not_before = _series_bounds(terms.values(), latest=True)
        self.not_after = _series_bounds(years.values(), latest=False)

    def _law_names_in(self, words: Sequence[str], heads: Sequence[tuple[str, ...]]) -> list[str]:
        """Law name keys found in a run of syllables, longest first at each "Luật"."""
        out: list[str] = []
        for start in range(len(words)):
            if not any(tuple(words[start:start + len(h)]) == h for h in heads):
                continue
            for end in range(min(len(words), start + 16), start + 1, -1):
                key = " ".join(words[start:end])
                if key in self.names:
                    out.append(key)
                    break
        return out

    def _version_key(self, i: int) -> tuple[int, int, dt.date, int]:
        """Chronological order of versions. Within a year the number comes before the date:
        numbers run in issue order (63/2025/QH15 before 72/2025/QH15), and a version the KB
        knows only by its number (no date: counted from 1 January) must not sort before an
        older one whose date it knows."""
        d = self._sort_date(i)
        sym = self._symbol(i)
        return d.year, sym.number if sym else 0, d, self.authority_of(i)

    def authority_of(self, i: int) -> int:
        return len(set(self.citers[i])) if hasattr(self, "citers") else 0

    def _sort_date(self, i: int) -> dt.date:
        doc = self.docs[i]
        if doc.date:
            return doc.date
        year = _year_from_id(doc.id)
        return dt.date(year, 1, 1) if year else dt.date.min

    @staticmethod
    def _title_text(doc: Document) -> str:
        parts = [doc.title or ""]
        parts += sorted(doc.aliases)[:5]
        if doc.doc_type:
            parts.append(doc.doc_type)
        return " . ".join(p for p in parts if p)

    # -- the query --

    def suggest(self, text: str, *, issuer: str | None = None, province: str | None = None,
                as_of: dt.date | None = None, already_cited: Sequence[str] = (), k: int = 10) -> list[Suggestion]:
        # Without as_of the draft is written today: what is in force, replaced or over is
        # judged on today's date, not on the national database's status of its own day
        # (Luật Lưu trữ 2024 "chưa có hiệu lực" there, in force since 01/7/2025).
        as_of = as_of or today()
        # NFC: a text pasted from a Mac or a PDF may come decomposed ("số" as "so" + marks).
        text = unicodedata.normalize("NFC", (text or "")[:MAX_QUERY_CHARS])
        # A pasted section's căn cứ are already cited, and its preamble lines say nothing of
        # its subject: the rest is the task.
        in_text = self._cited_in_text(text, as_of)
        text, header = _header_as_task(_without_preamble(text))
        if header is not None:
            # A pasted draft says who writes it and where in its header.
            issuer = issuer or header.issuer_text
            province = province or header.province
        mentions = self._mentions(text)
        amended = [m for m, start in mentions if self._amends_before(text, start)]
        subject = text
        if amended and len(_subject_syllables(self._subject_body(_SYMBOL_IN_TEXT.sub(" ", text)))) <= 2:
            # "Nghị định sửa đổi, bổ sung một số điều của Nghị định số 08/2015/NĐ-CP": no
            # subject but the amended document's, which the task names by number alone. Its
            # words are the amending act's, which every amending decree shares whatever it
            # amends: the query is the amended document's title.
            subject = " . ".join(self.docs[m].title or "" for m in amended[:3]) or text
        # The local body the task names as its writer, where a writer stands ("Kế hoạch của
        # Sở Y tế về ...", "... năm 2024 của UBND huyện Sơn Tịnh"); a body named in the
        # subject ("... cơ cấu tổ chức của Sở Tài chính") writes nothing.
        drafted, writer = _drafter_split(text)
        own = _expand_abbreviations(_without_place(_without_heading_facts(_without_symbols(
            drafted if subject is text else _without_drafter(subject)))))
        links = _links_said(own)
        linked = _link_subjects(own, links)
        specific = specific_pairs(self._subject_body(linked))
        q_terms = terms(linked)
        about = subject_terms(linked)  # what the task is about, for titles and contexts
        own_terms = frozenset(terms(own))  # the task's own words come first in reasons
        # The words a title shares that a reader is told: not the draft's type word and
        # opener ("Kế hoạch thực hiện ..."), which every plan's title holds: a title sharing
        # only those is no reason to cite it.
        frame = {t for t in terms(_type_and_openers(own)) if "_" in t}
        shown_terms = [t for t in q_terms if t not in frame]
        cands: dict[int, _Cand] = defaultdict(_Cand)
        cited = list(dict.fromkeys(self._resolve_all(already_cited) + in_text))
        query_issuers = issuer_codes(issuer)
        doc_type = _guess_type(text)  # a pasted header's type opens the text now (_header_as_task)
        if not query_issuers and province:
            # A province given and no issuer: a local body writes the draft, the one the
            # task names as its writer ("... của UBND tỉnh Quảng Ngãi"), else the People's
            # Committee, which writes most local plans and decisions. Its structural bases
            # (Luật Tổ chức chính quyền địa phương) are the first căn cứ of each, and were
            # missed by every local task given without --issuer.
            # A local Nghị quyết is the HĐND's (data/types.json 'local_writer').
            query_issuers = (issuer_codes(writer) if writer else []) or \
                [vocab.local_writer(doc_type) or DEFAULT_LOCAL_ISSUER]
        # "... của UBND huyện X": the rule-based reasons name the huyện, not the tỉnh; a
        # city under the centre's body is the thành phố's (data/provinces.json 'kind').
        writer_level = _writer_level(issuer) or _writer_level(writer)
        if writer_level is None and province and (unit := places.province_by_name(province, as_of)) is not None:
            writer_level = unit.kind
        query_issuer = query_issuers[0] if query_issuers else None
        local_issuer = bool(query_issuer and vocab.is_local_issuer(query_issuer))
        # A draft given a province and no issuer is a local body's too (a UBND's, a HĐND's,
        # a Sở's); for the laws that set up issuers it is one of theirs: Luật Tổ chức Chính
        # phủ does not set it up however many decrees on its subject rest on that law.
        local_draft = local_issuer or bool(province and not query_issuer)
        organised = query_issuers or (_local_issuer_codes() if local_draft else ())

        # An accented query tells "phân" from "phản" (see _AccentCheck); one typed
        # without accents matches every accented form alike.
        q_accents = accent_variants(text) if fold(text) != text.lower() else None
        # 1, 2: subject and usage.
        for index, attr in ((self.title_index, "title"), (self.usage_index, "usage")):
            qt = index.query_terms(about)
            # On an absolute scale, not relative to the best hit: a document matching half
            # the query's idf mass scores 1; a field where nothing matches well stays low
            # instead of lifting its best weak match to the top.
            ideal = index.ideal(about)
            check = _AccentCheck(q_accents, qt, index, self.lexicon) if q_accents and attr == "title" else None
            full = index.vector(qt)
            hits = index.top(qt, POOL, vector=full)
            if attr == "title" and links:
                # The titles a linked phrase names best, scored on the whole query: a
                # short title such as "Đường bộ" (Luật 35/2024/QH15) for a task on buses
                # ranks below a hundred circulars sharing more of a long task's words.
                seen = {i for i, _ in hits}
                for link in links:
                    for i, _ in index.top(index.query_terms(subject_terms(link.means)), LINK_POOL):
                        if i not in seen and full[i] > 0:
                            hits.append((i, float(full[i])))
                            seen.add(i)
            for i, s in hits:
                if attr == "usage" and self._organises_other(i, organised):
                    continue  # its citers are on every subject: their words say nothing of it
                strength = min(1.0, MATCH_SCALE * s / ideal)
                if check is not None:
                    strength *= check(self._written_title(i))
                setattr(cands[i], attr, strength)
        # 1b: a short subject the title holds whole ("chuyển đổi số" -> "Chương trình chuyển
        # đổi số quốc gia"): what a user typing a subject expects first, however many
        # words the subject links added to the query.
        # A paragraph's first sentence is its title ("Kế hoạch kiểm soát thủ tục hành chính
        # năm 2021. Rà soát, ..."): the draft's subject, which its tasks' phrases must not drown.
        headline = _headline(own)
        whole = self._short_subject(headline)
        if whole:
            check = _AccentCheck(q_accents, list(whole), self.title_index, self.lexicon) if q_accents else None
            for i, c in cands.items():
                if c.title and whole <= self.title_sets[i]:
                    c.whole_subject = check(self._written_title(i)) if check is not None else 1.0

        # 1c: a province implements the central documents on its subject: for a local draft,
        # a central document whose title is the draft's subject ("xử phạt vi phạm hành chính
        # trong lĩnh vực đất đai" -> Nghị định 123/2024/NĐ-CP) is its basis, however few
        # documents of the KB cite it. (For a central draft such a title is its predecessor.)
        if local_draft:
            body = _subject_syllables(self._subject_body(headline))
            body_weight = self._idf_weight(body)
            for i, c in cands.items():
                if c.title and not self.docs[i].province:
                    theirs, their_weight = self._title_subject(i)
                    overlap = self._jaccard(body, theirs, body_weight, their_weight)
                    if overlap >= SAME_SUBJECT_MIN or (
                            overlap >= CONTAINED_SUBJECT_MIN and len(theirs) >= 2 and theirs <= body):
                        c.same_subject = overlap
            # What the subject links say governs the task: a central title holding a linked
            # phrase whole ("chính quyền số" -> "chuyển đổi số quốc gia": Quyết định
            # 749/QĐ-TTg) is a document the province implements; a law's name, the law
            # that title is ("giáo dục": Luật Giáo dục, not Luật Giáo dục đại học).
            for i, c in cands.items() if links else ():
                doc = self.docs[i]
                if c.title and not doc.province and c.same_subject < LINKED_SUBJECT:
                    title = _phrase_key(doc.title or "")
                    kind = doc_type_name(doc)
                    hit = next(((link.when, link.means) for link in links
                                if (_without_law_word(title) == link.key if link.named else link.key in title)
                                and (not link.governs or kind in link.governs)), None)
                    if hit is not None and self._linked_subject_covers(i, hit[1], body):
                        c.same_subject, c.linked = LINKED_SUBJECT, hit
        # 1d: the laws with an article on the task's subject, in the task's own words: the
        # words the subject links add are other laws' titles, no article's heading.
        self._contents(cands, subject_terms(self._subject_body(own)), q_accents)

        # 3: bases of similar documents.
        qt = self.title_index.query_terms(q_terms)
        similar = self.title_index.top(qt, NEIGHBOURS, allowed=self.is_citer)
        if similar:
            # Each similar document votes for its bases with its (absolute) similarity;
            # NEIGHBOUR_VOTES close matches resting on one base make it certain, and a
            # crowd of weak matches does not add up to much.
            ideal = self.title_index.ideal(q_terms)
            votes: dict[int, float] = defaultdict(float)
            own_votes: dict[int, float] = defaultdict(float)  # see NEIGHBOUR_OWN_SUBJECT
            voters: dict[int, list[int]] = defaultdict(list)
            cited_only: set[int] = set()
            q_syllables = set(_syllables(own))
            q_weight = self._idf_weight(q_syllables)
            task_syllables = q_syllables | set(_syllables(linked))
            # A similar document shares a compound word of the task's subject, not a lone
            # syllable of another ("công" of "công tác" and "công nghệ"): the seed's task on
            # "ứng dụng công nghệ thông tin ... năm 2022" was a similar task of a plan on
            # "công tác phòng, chống tham nhũng" and brought its IT bases along.
            # Pairs of the issuer's name, dates and function words are no subject: a heading
            # "NGHỊ ĐỊNH CỦA CHÍNH PHỦ ... NGÀY 05 THÁNG 7 NĂM 2024 VỀ ..." is read as its plain
            # title.
            said = set(_syllables(" ".join(_issuer_label(code) for code in query_issuers))) | _DATE_SYLLABLES \
                | _phrase_stops() | set(_syllables(_type_and_openers(own)))
            subject_pairs = frozenset(t for t in qt if "_" in t and t not in frame
                                      and not all(w in said or w.isdigit() for w in t.split("_")))
            check = _AccentCheck(q_accents, qt, self.title_index, self.lexicon) if q_accents else None
            for citer, s in similar:
                if subject_pairs and not subject_pairs & self.title_sets[citer]:
                    continue
                vote = min(1.0, MATCH_SCALE * s / ideal) / NEIGHBOUR_VOTES
                if check is not None:
                    vote *= check(self._written_title(citer))
                overlap = self._overlap(q_syllables, q_weight, citer)
                if overlap > WHOLE_TITLE_MIN:
                    vote *= 1 + WHOLE_TITLE_BOOST * (overlap - WHOLE_TITLE_MIN) / (1 - WHOLE_TITLE_MIN)
                if doc_type and doc_type_name(self.docs[citer]) != doc_type:
                    vote *= NEIGHBOUR_OTHER_TYPE  # a circular on the subject rests on other bases
                for b in self.bases[citer]:
                    if self._organises_other(b, organised):
                        continue  # the Government's own law does not follow its subject
                    (own_votes if self._neighbours_own(b, citer, task_syllables) else votes)[b] += vote
                    voters[b].append(citer)
                for b in self.related[citer]:
                    (own_votes if self._neighbours_own(b, citer, task_syllables) else votes)[b] += vote * RELATED_VOTE
                    voters[b].append(citer)
                    cited_only.add(b)
            for b in voters:
                cands[b].neighbours = min(1.0, votes[b] + NEIGHBOUR_OWN_SUBJECT * min(1.0, own_votes[b]))
                cands[b].neighbour_docs = [self.docs[c].id for c in voters[b]]
                # What the similar documents did with it: rested on it, or only cited it.
                cands[b].neighbours_cite_only = b in cited_only and not any(b in self.bases[c] for c in voters[b])

        # 3b: the laws of the subject area of similar documents.
        self._topics(cands, qt, q_terms, as_of)

        # 4: structural bases of the issuer (and type): learned, and from the table.
        if query_issuer:
            self._structure(cands, query_issuer, doc_type, as_of)
            self._issuer_bases(cands, query_issuers, doc_type, as_of, writer_level, own)

        # 5: co-citation, mentions, chain.
        for a in cited:
            if a in self.organisation_of:
                continue  # a structural basis is co-cited with everything (see _anchors)
            total = max(1, len(self.citers[a]))
            for b, count in self.cocited[a].most_common(POOL):
                if self._organises_other(b, organised):
                    continue  # Luật Tổ chức Chính phủ beside Luật Đất đai, for a province
                c = cands[b]
                c.cocited = max(c.cocited, count / total)
                c.cocited_with.append((self.docs[a].id, count, len(self.citers[a])))
        for m, start in mentions:
            if not self._amends_before(text, start):
                cands[m].mentioned = 1.0
        for m in self._named(text, as_of):
            cands[m].mentioned = 1.0
        self._inherit(cands, amended)
        for m, strength in self._fields(text, as_of).items():
            cands[m].field_law = max(cands[m].field_law, strength)

        cited_set = set(cited)
        for i in list(cands):
            if i in cited_set:
                del cands[i]
        self._score(cands)
        self._other_charters(cands, own)
        # Version awareness, then what the surest candidates bring along.
        self._successors(cands, as_of, applies=local_issuer)
        self._anchors(cands, as_of, cited_set | set(amended), doc_type, organised)
        self._amended_by(cands, as_of)
        if local_draft:
            self._guided_by(cands, as_of)
        for i in cited_set:
            cands.pop(i, None)
        if province:
            self._chain(cands, province, as_of)
        # Filter: nothing after as_of, nothing from another province, nothing already cited;
        # a document of lower legal force than the draft is demoted.
        draft_force = vocab.legal_force(doc_type, query_issuer)
        # What the draft amends is its object, not its basis: a decree amending Nghị định
        # 153/2020/NĐ-CP rests on what 153/2020 rested on, never on 153/2020 itself.
        amended_set = set(amended)
        peers_rare = bool(query_issuer and doc_type and (query_issuer, doc_type) in self.peers_rare)
        # A central draft of a type whose central documents rarely rest on their own type.
        type_peers_rare = bool(doc_type and not local_issuer and _joint_as_one(doc_type) in self.type_peers_rare)
        flags: dict[int, list[str]] = {}
        kept: list[tuple[int, _Cand]] = []
        for i, c in cands.items():
            doc = self.docs[i]
            if i in cited_set or c.score <= 0 or i in self.same_as or not self.citable[i]:
                continue
            if as_of and not self._issued_by(doc, as_of):
                continue
            if doc.province and province and not same_province(doc.province, province, merged=False):
                continue
            if doc.province and not province and c.mentioned == 0:
                continue  # a province's own documents are bases only for that province
            force = self.force[i]
            if draft_force and force and force > draft_force and not c.mentioned:
                c.score *= LOWER_FORCE_FACTOR
            if not c.mentioned and (
                    peers_rare and doc_type_name(doc) == doc_type and _doc_issuer(doc) == query_issuer
                    or type_peers_rare and _joint_as_one(doc_type_name(doc)) == _joint_as_one(doc_type)
                    and not doc.province):
                c.score *= PEER_FACTOR
            if i in amended_set and not c.mentioned:
                c.score *= AMENDED_FACTOR
                flags[i] = [AMENDED_FLAG]
            kept.append((i, c))
        # Weak matches only fill what the others leave (see _weak): the pool is cut after
        # the others, or a crowd of them keeps out candidates scored lower (rev39 P1: three
        # bases of a vaccination plan showed only from k=20 on).
        kept.sort(key=lambda p: (self._weak(p[0], p[1], specific, cands), -p[1].score))
        head = kept[: max(k * 3, 30)]
        extra: list[tuple[int, _Cand]] = []
        superseded: set[int] = set()
        for i, c in head:
            f, replacement = self._validity(i, as_of)
            if f and self._succeeded_within(replacement, cited_set, as_of):
                # Luật Đất đai 2013 when the draft cites Luật Đất đai 2024: it has its basis.
                superseded.add(i)
                continue
            if f:
                flags[i] = flags.get(i, []) + f
                if replacement is not None and replacement not in cited_set and self._issued_by(self.docs[replacement], as_of):
                    rc = cands.get(replacement) or _Cand()
                    if c.score * REPLACEMENT_SHARE > rc.score:
                        rc.score = c.score * REPLACEMENT_SHARE
                    rc.replaces.append(self.docs[i].id)
                    if replacement not in dict(head):
                        extra.append((replacement, rc))
                factor = self._demotion(i, f, as_of, query_issuers)
                if c.succeeded_by:  # a successor took its share already: demoted to the factor in all
                    factor = min(1.0, factor / SUCCEEDED_FACTOR)
                c.score *= factor
        head = [(i, c) for i, c in head if i not in superseded]
        for i, c in head:
            doc = self.docs[i]
            if i not in flags and not self.authority[i] and not doc.symbol and not doc.date:
                # A law the KB knows by name alone, from a passing mention, never as anyone's
                # basis ("công ty nhà nước thành lập theo Luật Doanh nghiệp nhà nước"): neither
                # its number nor its date is known, so it cannot be cited in full, and nothing
                # shows it is in force.
                flags[i] = [NAME_ONLY_FLAG]
                c.score *= NAME_ONLY_FACTOR
        # A programme or plan whose period is over is still in force, but rarely the
        # basis of a new plan ("... giai đoạn 2016-2020" for a plan of 2026).
        for i, c in head:
            end = period_over(self.docs[i].title, self.docs[i].doc_type, as_of)
            if i not in flags and end is not None:
                flags[i] = [PERIOD_ENDED_FLAG.format(end=end)]
                if not c.mentioned:  # the plan the task says it carries out stays first, flagged
                    c.score *= PERIOD_ENDED_FACTOR
        # A document for another year than the task's ("đồng ý việc giảm tiền thuê đất năm
        # 2024" for the reduction of 2025): the subject drops the year, so the documents of
        # a yearly act looked alike; the task's year says which one it rests on.
        task_years = years_for(text) if len(text) <= MAX_YEAR_TASK_CHARS else frozenset()
        for i, c in head if task_years and len(task_years) <= MAX_TASK_YEARS else ():
            doc = self.docs[i]
            doc_years = frozenset() if doc_type_name(doc) in citation_forms().cited_by_name else years_for(doc.title)
            if i in flags or c.mentioned or not doc_years or not doc_years.isdisjoint(task_years):
                continue
            # A title looking ahead ("giai đoạn 2019 - 2020, định hướng đến 2025") still
            # guides the years up to its horizon: Nghị quyết 17/NQ-CP for a plan of 2021.
            reach = max(doc_years | horizon_years(doc.title))
            if not any(min(doc_years) <= y <= reach for y in task_years):
                flags[i] = [OTHER_YEAR_FLAG.format(theirs=_years_said(doc_years), task=_years_said(task_years))]
                c.score *= OTHER_YEAR_FACTOR
        # A central document confined to one body's own apparatus or staff governs that
        # body, not a province: Bộ Giao thông vận tải's rules on legal education in its
        # sector for a provincial plan on legal education, unless the task names the body.
        for i, c in head if local_draft else ():
            scope = self._scope(i)
            if i in flags or c.mentioned or scope is None or _names_scope(text, scope):
                continue
            flags[i] = [OTHER_SCOPE_FLAG.format(scope=scope)]
            c.score *= OTHER_SCOPE_FACTOR
        # An old document below the rank of a law, on which no document of the KB issued
        # in the last OLD_YEARS rests: most such were replaced long ago, by texts the KB
        # may lack (Quyết định 200/1998/QĐ-TTg on a steering committee, for a plan of 2022).
        recent = as_of - dt.timedelta(days=round(OLD_YEARS * 365.25))
        for i, c in head:
            doc, force = self.docs[i], self.force[i]
            if i in flags or c.mentioned or doc.province or doc.date is None or doc.date >= recent \
                    or force is None or force < OLD_MIN_FORCE_RANK:
                continue
            # Cited lately, or amended lately (63/2010/NĐ-CP by 92/2017/NĐ-CP): in force then.
            # An amending document lives in the one it amends: 48/2013/NĐ-CP, which no text
            # names apart, is as alive as 63/2010/NĐ-CP (rev36 saw it flagged).
            if self._lately_in_use(i, recent, as_of) or any(
                    self._lately_in_use(t, recent, as_of) and not self._gone_at(t, as_of) for t in self.amends_of[i]):
                continue
            flags[i] = [OLD_FLAG.format(year=doc.date.year, years=OLD_YEARS)]
            c.score *= OLD_FACTOR
        # A version known by its number alone, placed by its series (_init_year_series) and
        # rested on by no dated document yet: passed by then, in force from a day the KB
        # does not know (72/2025/QH15 of 16/6/2025, in force from 01/7/2025).
        for i, _c in head + extra:
            ceiling = self.not_after.get(i)
            if ceiling is not None and i not in flags and self.docs[i].effective_date is None \
                    and not self._cited_by(i, as_of):
                flags[i] = [NUMBER_ONLY_FLAG.format(by=format_date(ceiling))]
        for r, c in extra:
            f, _ = self._validity(r, as_of)
            if f:
                flags[r] = f
                c.score *= self._demotion(r, f, as_of, query_issuers)
        merged = {i: c for i, c in head + extra}
        known = {**cands, **merged}  # what brought a replacement in `extra` is among them (see _weak)
        out: list[Suggestion] = []
        weak: list[Suggestion] = []  # after the others, filling what they leave of k
        for i, c in sorted(merged.items(), key=lambda p: -p[1].score):
            if len(out) == k:
                break
            is_weak = self._weak(i, c, specific, known)
            if is_weak and len(weak) == k:
                continue
            # A copy-ready citation the KB cannot complete says so: a document known from a
            # citation that gave its number but not its date or its subject.
            doc = self.docs[i]
            if doc.symbol and NAME_ONLY_FLAG not in flags.get(i, ()):
                forms = citation_forms()
                if doc_type_name(doc) not in forms.cited_by_name:
                    missing = [what for what, known in (("ngày ban hành", doc.date), ("trích yếu", doc.title))
                               if not known]
                else:
                    # A law is cited by its name and date until laws were cited by number:
                    # without its date the citation falls back to its number, out of form.
                    missing = ["ngày ban hành"] if not doc.date and as_of < forms.number_form_since else []
                if missing:
                    flags.setdefault(i, []).append(INCOMPLETE_FLAG.format(missing=" và ".join(missing)))
            found = self._suggestion(i, c, shown_terms, flags.get(i, []), province, as_of, query_issuer, doc_type,
                                     own_terms)
            # Signals each too weak to name add up to no reason a drafter could check
            # ("Kiến trúc Chính phủ điện tử" for a decree of 1994 on housing, by the word
            # "chính phủ" and its many citers): left out, not shown as "related".
            if found.reasons:
                found.weak = is_weak
                (weak if is_weak else out).append(found)
        return out + weak[:k - len(out)]

    def _weak(self, i: int, c: _Cand, specific: frozenset[str], cands: dict[int, _Cand], depth: int = 0) -> bool:
        """Whether candidate i is put forward by shared words alone and none of them names
        the task's subject (`specific`, the task's `specific_pairs`): "Hướng dẫn lồng ghép
        nội dung phòng, chống thiên tai vào quy hoạch, kế hoạch phát triển ..." for "Kế hoạch
        phát triển du lịch" shares "phát triển" only. A task of common words only has no
        such match: nothing tells its subject apart. A candidate brought by another (the law
        it amends, the decree it guides, the version it succeeds or replaces) is as weak as
        that one: the amending law of a land law matched on "phát triển" is no basis of a
        plan on anything else."""
        if not specific or self._supported(c):
            return False
        said = self.title_sets[i]
        if c.content_heading and c.content >= CONTENT_MIN:
            said = said | frozenset(terms(c.content_heading))
        if specific & said:
            return False
        sources = [s for s in (c.amends, c.guides, c.succeeds, c.inherited_from, c.in_force_for, *c.replaces) if s]
        if depth >= 3:  # a chain of versions this long is no sign either way
            return not sources
        for source in sources:
            j = self.index.get(source)
            if j is not None and j in cands and not self._weak(j, cands[j], specific, cands, depth + 1):
                return False
        return True

    @staticmethod
    def _supported(c: _Cand) -> bool:
        """Whether more than the words a title or heading shares puts a candidate forward:
        the task names it, it is the issuer's structural basis, the field's law or the
        province's plan, it is rested on beside a surer candidate by two documents at least
        (one is chance: Luật Đất đai beside Luật Du lịch in one plan), similar documents rest
        on it, its citers' contexts or its topic match. What another candidate brings along
        is judged by that one (see _weak)."""
        beside = any(both >= 2 for _, both, _ in c.cocited_with + c.anchor_of)
        return bool(c.mentioned or c.structure >= 0.1 or c.chain or c.field_law or c.whole_subject
                    or c.same_subject or beside or c.neighbours >= SUPPORT_NEIGHBOURS
                    or c.usage >= SUPPORT_USAGE or c.topic >= SUPPORT_TOPIC)

    def _other_charters(self, cands: dict[int, _Cand], task: str) -> None:
        """A task setting out one agency's functions ("Quyết định quy định chức năng, nhiệm
        vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ") shares every word but the agency's
        name with the charters of all others (Bộ Tài chính's, the decrees amending Bộ Công
        Thương's): those are no basis of it."""
        agency = charter_agency(task)
        if agency is None:
            return
        for i, c in cands.items():
            theirs = self.charter_of.get(i)
            if theirs is not None and not c.mentioned and not same_agency(agency, theirs):
                c.score *= OTHER_CHARTER_FACTOR

    @staticmethod
    def _subject_body(text: str) -> str:
        """The text without what the draft is and whose and when it is: "Kế hoạch chuyển đổi
        số tỉnh Quảng Ngãi năm 2026" and "... chuyển đổi số trên địa bàn tỉnh năm 2026" are
        about "chuyển đổi số"."""
        _, lead = _type_prefix(text)
        words = text.split()[lead:]
        body = period_phrase().sub(" ", " ".join(words[_opener_length(words):]))
        place = province_span(body)
        if place is not None:
            # The place phrase goes as a whole ("tỉnh Quảng Ngãi"): a subject sharing a
            # syllable with it ("an toàn giao thông tỉnh Nghệ An") keeps it.
            _, start, end = place
            body = f"{body[:start]} {body[end:]}"
        return _AREA_PHRASE.sub(" ", body)  # after the place, whose cue "tỉnh" it may hold

    @classmethod
    def _short_subject(cls, text: str) -> frozenset[str]:
        """The subject terms of a short query (at most SHORT_SUBJECT_SYLLABLES syllables of
        subject, at least two; see _subject_body), or nothing for a longer text."""
        about = subject_terms(cls._subject_body(text))
        syllables = {t for t in about if "_" not in t}
        if not 2 <= len(syllables) <= SHORT_SUBJECT_SYLLABLES:
            return frozenset()
        # Pairs with a function word ("về họ") are no part of the subject to find whole.
        return frozenset(t for t in about if syllables.issuperset(t.split("_")))

    @staticmethod
    def _subject_evidence(c: _Cand) -> float:
        """How far the task shows a candidate's subject: its words in the title, the
        citing contexts or an article, similar documents resting on it, its field or
        đề mục, the task naming it."""
        content = c.content if c.content >= CONTENT_MIN else 0.0  # "quản lý" alone is no sign
        return (c.title + c.whole_subject + c.usage + c.neighbours + content + c.topic + c.field_law
                + c.mentioned + c.inherited)

    def _score(self, cands: dict[int, _Cand]) -> None:
        for i, c in cands.items():
            if c.structure_learned and i not in self.organisation_of:
                # Learned practice is the KB's: where it holds many documents of one subject
                # (customs decrees), their subject law looks like what every decree rests
                # on. Unless the law sets up the issuer, it counts as far as the task shows
                # some sign of its subject.
                c.structure *= min(1.0, self._subject_evidence(c) / STRUCTURE_EVIDENCE)
            c.score = (W_TITLE * c.title + W_WHOLE * c.whole_subject + W_SAME_SUBJECT * c.same_subject + W_USAGE * c.usage + W_NEIGHBOURS * c.neighbours
                       + W_STRUCTURE * c.structure + W_COCITED * c.cocited + W_MENTIONED * c.mentioned
                       + W_FIELD * c.field_law + W_INHERITED * c.inherited + W_TOPIC * c.topic + W_CONTENT * c.content)
            if c.score > 0:
                c.score += W_AUTHORITY * math.log1p(self.authority[i]) / math.log1p(50)

    def _overlap(self, q_syllables: set[str], q_weight: float, i: int) -> float:
        """How much of the task and document i's title are shared: the idf-weighted
        Jaccard of their syllables (common words such as "quy định", "về" weigh little);
        `q_weight` is the task's `_idf_weight`."""
        theirs, their_weight = self._title_syllables(i)
        return self._jaccard(q_syllables, theirs, q_weight, their_weight)

    def _title_syllables(self, i: int) -> tuple[set[str], float]:
        """Document i's title syllables and their `_idf_weight`."""
        found = self._title_syllable_sets.get(i)
        if found is None:
            words = set(_syllables(self.docs[i].title or ""))
            found = self._title_syllable_sets[i] = (words, self._idf_weight(words))
        return found

    def _idf_weight(self, words: set[str]) -> float:
        """The summed idf of a syllable set; a syllable no title holds weighs as much as
        the rarest (see _BM25.ideal): "zzz" in a task is a word of its subject."""
        idf, unseen = self.title_index.idf, self.title_index.unseen_idf
        return sum(idf.get(w, unseen) for w in words)

    def _jaccard(self, a: set[str], b: set[str], weight_a: float, weight_b: float) -> float:
        """The idf-weighted Jaccard of two syllable sets of `_idf_weight`s `weight_a` and
        `weight_b`: the union's weight is theirs less the intersection's, so a query
        compared with a few hundred titles sums only what they share."""
        if not a or not b:
            return 0.0
        shared = self._idf_weight(a & b)
        union = weight_a + weight_b - shared
        return shared / union if union > 0 else 0.0

    def warm(self) -> None:
        """Fill now what queries fill on first sight of a document: the accent forms of
        every title and article heading, every title's syllables and subject syllables,
        whether it is an amendment, the laws its title names, the decrees detailing each
        law. About 2 s for the national catalog, paid once before a server's first visitor
        instead of by the first queries to meet each document (on the load bench's tasks a
        cold query cost 36 ms on average, a warm one 22)."""
        for i in range(len(self.docs)):
            self._written_title(i)
            self._title_subject(i)
            self._title_syllables(i)
            self._is_amendment(i)
            self._title_laws(i)
            if self.law_key[i]:
                self._detailing_of(i)
        for h in range(len(self.heading_of)):
            self._written_heading(h)

    def _lately_in_use(self, i: int, since: dt.date, as_of: dt.date) -> bool:
        """Whether a document of the KB issued between `since` and `as_of` cites or amends i."""
        return any(since <= self._sort_date(x) <= as_of for x in (*self.citers[i], *self.amenders[i]))

    def _scope(self, i: int) -> str | None:
        """The body a central document's title confines it to (`own_scope`), computed once."""
        if i not in self._scopes:
            doc = self.docs[i]
            self._scopes[i] = None if doc.province else own_scope(doc.title)
        return self._scopes[i]

    def _neighbours_own(self, b: int, citer: int, task: set[str]) -> bool:
        """Whether similar document `citer` rests on (or cites) `b` for its own subject,
        which the task does not share (see NEIGHBOUR_OWN_SUBJECT). A basis whose title
        names no subject (Hiến pháp), or one the similar document's subject does not name
        (Luật Tổ chức Chính phủ, for its authority; Luật Thương mại, the law a decree "quy
        định chi tiết Luật Thương mại về hoạt động mua bán hàng hóa" details) is the task's
        as much as the similar document's."""
        # "Luật Hải quan" as some sources title it, "Hải quan" as the catalog does. Once per
        # basis: this runs for every basis of every similar document of every query.
        found = self._named_subjects.get(b)
        if found is None:
            words = self._title_subject(b)[0] - set(_syllables(doc_type_name(self.docs[b]) or ""))
            found = self._named_subjects[b] = (words, self._idf_weight(words))
        theirs, weight = found
        if not theirs or weight <= 0:
            return False
        return (self._idf_weight(theirs & self._title_subject(citer)[0]) >= OWN_SUBJECT_COVER * weight
                and self._idf_weight(theirs & task) < OWN_SUBJECT_TASK * weight)

    def _linked_subject_covers(self, i: int, means: str, body: set[str]) -> bool:
        """Whether a linked phrase (what the task names governs, "đất đai" for "giao đất")
        with the task's own subject words makes up at least LINKED_COVER of document i's
        title subject, by idf weight: "Chương trình chuyển đổi số quốc gia" (0.36) is on the
        linked subject; "thống kê, kiểm kê đất đai và lập bản đồ hiện trạng sử dụng đất"
        (0.23) is another matter of the field, which a broad phrase links to every document of."""
        theirs, their_weight = self._title_subject(i)
        if not theirs or their_weight <= 0:
            return False
        covered = theirs & (set(_syllables(means)) | body)
        return self._idf_weight(covered) >= LINKED_COVER * their_weight

    def _title_subject(self, i: int) -> tuple[set[str], float]:
        """Document i's title subject syllables (see `_subject_syllables`) and their
        `_idf_weight`."""
        theirs = self._title_subjects.get(i)
        if theirs is None:
            words = _subject_syllables(_detailed_subject(self.docs[i].title or ""))
            theirs = self._title_subjects[i] = (words, self._idf_weight(words))
        return theirs

    def _written_heading(self, h: int) -> dict[str, frozenset[str]]:
        """Article heading h's terms -> their forms as written (see accent_variants)."""
        forms = self._heading_accents.get(h)
        if forms is None:
            forms = self._heading_accents[h] = accent_variants(self.heading_of[h][1])
        return forms

    def _detailing_of(self, law: int) -> frozenset[int]:
        """The decrees the KB says detail `law` as a whole, by their titles (see
        `_detailing_decrees`): what the KB says, the same for every query, read once."""
        detailing = self._detailing.get(law)
        if detailing is None:
            name = self.law_key[law]
            # Not one detailing it on one matter ("... Luật Xử lý vi phạm hành chính về cai
            # nghiện ma túy": `_detailed_subject`), which a plan on land violations is not about.
            detailing = self._detailing[law] = frozenset(
                j for j in self.guided_by[law] if name and doc_type_name(self.docs[j]) == DECREE_TYPE
                and self._title_laws(j)[2] and name in " ".join(_syllables(self.docs[j].title or ""))
                and _detailed_subject(self.docs[j].title or "") == (self.docs[j].title or ""))
        return detailing

    def _written_title(self, i: int) -> dict[str, frozenset[str]]:
        """Document i's title terms -> their forms as written (see accent_variants)."""
        title = self._title_accents.get(i)
        if title is None:
            title = self._title_accents[i] = accent_variants(self._title_text(self.docs[i]))
        return title

    def _contents(self, cands: dict[int, _Cand], about: list[str],
                  q_accents: dict[str, frozenset[str]] | None) -> None:
        """A law's best-matching article heading, on the absolute scale of the titles (and,
        for an accented task, with the titles' accent agreement)."""
        if self.heading_index is None:
            return
        qt = self.heading_index.query_terms(about)
        ideal = self.heading_index.ideal(about)
        check = _AccentCheck(q_accents, qt, self.heading_index, self.lexicon) if q_accents else None
        for h, s in self.heading_index.top(qt, POOL):
            law, heading = self.heading_of[h]
            c = cands[law]
            strength = min(1.0, MATCH_SCALE * s / ideal)
            if strength <= c.content:
                continue  # the accent check only lowers it: this heading cannot win
            if check is not None:
                strength *= check(self._written_heading(h))
            if strength > c.content:
                c.content, c.content_heading = strength, heading

    def _topics(self, cands: dict[int, _Cand], qt: list[str], q_terms: list[str], as_of: dt.date | None) -> None:
        """The documents most similar to the task vote, with their similarity, for the
        pháp điển đề mục they are codified under; the laws of a đề mục that wins a clear
        share are the laws of the task's subject area, which its căn cứ names even when the
        task does not ("phí khai thác tài liệu đất đai" -> Luật Phí và lệ phí, through the
        fee circulars of 33.3 Phí và lệ phí)."""
        similar = self.title_index.top(qt, TOPIC_NEIGHBOURS, allowed=self.has_topic)
        if not similar:
            return
        ideal = self.title_index.ideal(q_terms)
        votes: dict[int, float] = defaultdict(float)
        example: dict[int, int] = {}
        for i, s in similar:
            if as_of and not self._issued_by(self.docs[i], as_of):
                continue
            for t in self.doc_topics[i]:
                votes[t] += min(1.0, MATCH_SCALE * s / ideal)
                example.setdefault(t, i)
        total = sum(votes.values())
        if total <= 0:
            return
        for t, v in votes.items():
            strength = (v / total) * min(1.0, v / TOPIC_VOTES)
            if strength < 0.05:
                continue
            reason = (f"luật của đề mục pháp điển “{self.topic_names[t]}”, đề mục của văn bản gần với nội "
                      f"dung cần soạn (vd. {format_citation(self.docs[example[t]], first=False)})")
            for law in self.topic_laws[t]:
                if as_of and not self._issued_by(self.docs[law], as_of):
                    continue
                c = cands[law]
                if strength > c.topic:
                    c.topic, c.topic_reason = strength, reason

    def _structure(self, cands: dict[int, _Cand], issuer: str, doc_type: str | None, as_of: dt.date | None) -> None:
        """Bases most documents of the issuer (and type) rest on, over two horizons: the
        long run (half-life STRUCTURE_HALF_LIFE_YEARS) and recent practice (half-life
        STRUCTURE_RECENT_HALF_LIFE_YEARS, once it has STRUCTURE_RECENT_MIN_WEIGHT of
        citers): a reform changes every document's first căn cứ at once (from 1 July 2025
        every decree cites the new Luật Tổ chức chính quyền địa phương and the Quốc hội's
        resolutions on the reorganisation), long before it dominates the long run."""
        group = self.groups.get((issuer, doc_type)) or self.groups.get((issuer, None))
        if group is None:
            return
        ref = as_of or dt.date.today()
        horizons = (STRUCTURE_HALF_LIFE_YEARS, STRUCTURE_RECENT_HALF_LIFE_YEARS)
        weights: list[dict[int, float]] = [defaultdict(float) for _ in horizons]
        totals = [0.0 for _ in horizons]
        recent = 0  # citers within one recent half-life of `as_of`
        known = 0  # citers issued by `as_of`
        for date, bases in group.citers:
            if date and as_of and date > as_of:
                continue
            known += 1
            for h, half_life in enumerate(horizons):
                years = abs((ref - date).days) / 365.25 if date else half_life
                w = 0.5 ** (years / half_life)
                totals[h] += w
                if h == 1 and date and w >= 0.5:
                    recent += 1
                for b in bases:
                    weights[h][b] += w
        if known < STRUCTURE_MIN_GROUP:
            return  # the group is learned from later documents: nothing known at as_of
        shares: dict[int, tuple[float, bool]] = {}
        for h, (total, by_base) in enumerate(zip(totals, weights, strict=True)):
            if total <= 0 or (h == 1 and (total < STRUCTURE_RECENT_MIN_WEIGHT or recent < STRUCTURE_RECENT_MIN_CITERS)):
                continue
            for b, w in by_base.items():
                share = w / total
                if share >= STRUCTURE_MIN_SHARE and share > shares.get(b, (0.0, False))[0]:
                    shares[b] = (share, h == 1)
        label_type, label_issuer = doc_type or "văn bản", _issuer_label(issuer)
        for b, (share, recent) in shares.items():
            c = cands[b]
            c.structure, c.structure_learned = share, True
            # The share is weighted towards recent citers: "mọi" (every) only when it is
            # every one; 90 % is "hầu hết" (almost every).
            if share >= 0.999:
                quant, verb = "mọi", "đều căn cứ"
            elif share >= 0.9:
                quant, verb = "hầu hết", "căn cứ"
            else:
                quant, verb = f"{round(share * 100)}%", "căn cứ"
            when = " ban hành gần đây" if recent else ""
            c.structure_reason = (f"{quant} {label_type} của {label_issuer}{when} trong kho {verb} "
                                  f"{format_citation(self.docs[b], first=False)}")

    def _issuer_bases(self, cands: dict[int, _Cand], issuers: Sequence[str], doc_type: str | None,
                      as_of: dt.date | None, level: str | None = None, task: str = "") -> None:
        """Bases that follow from who issues the draft (data/structural_bases.json): the law
        that sets up the issuing body (Luật Tổ chức Chính phủ for a Quyết định of the Thủ
        tướng, even when the KB holds too few of them to learn it), and the document that
        sets out a ministry's functions for that ministry's circulars; for a joint circular
        (BTC-BCT), those of every issuing ministry."""
        laws = vocab.structural_bases().laws
        on = (as_of or dt.date.today()).isoformat()
        label_type = doc_type or "văn bản"
        found: list[tuple[int, float, str]] = []
        for issuer in issuers:
            for rule in laws:
                if not rule.applies(issuer, doc_type, on, task):
                    continue
                versions = self.law_versions.get(" ".join(_syllables(rule.law)))
                law = self._latest(versions, as_of) if versions else None
                if law is not None:
                    found.append((law, rule.share, issuer))
            iss = vocab.issuer(issuer)
            if iss and not iss.local:
                for name in dict.fromkeys((iss.name, *iss.variants)):
                    versions = self.charters.get(" ".join(_syllables(name)))
                    charter = self._latest(versions, as_of) if versions else None
                    if charter is not None:
                        found.append((charter, 1.0, issuer))
                        break
        for i, share, issuer in found:
            c = cands[i]
            c.structure_learned = False  # the issuer's own basis, learned or not: no subject needed
            if share > c.structure:
                c.structure = share
                c.structure_reason = (f"căn cứ về thẩm quyền, tổ chức của cơ quan ban hành mà {label_type} "
                                      f"của {_issuer_label(issuer, level)} thường nêu: "
                                      f"{format_citation(self.docs[i], first=False)}")

    def _fields(self, text: str, as_of: dt.date | None) -> dict[int, float]:
        """Laws whose name, without the word "Luật", stands in the text: the law of the
        field a decree or circular regulates ("... tiền thuê đất ... Luật Đất đai";
        "xử phạt ... trong lĩnh vực hải quan" -> Luật Hải quan). Longest name first at each
        position, so "thi hành án dân sự" names Luật Thi hành án dân sự, not Bộ luật Dân sự.
        Of several laws with the name, the latest issued by `as_of`."""
        words, ends = _phrase_syllables(text[:MAX_QUERY_CHARS])
        out: dict[int, float] = {}
        pos = 0
        while pos < len(words):
            match = None
            for body, key in self.field_names.get(words[pos], ()):
                if tuple(words[pos:pos + len(body)]) == body:
                    match = (body, key)
                    break
            if match is None:
                pos += 1
                continue
            body, key = match
            end = pos + len(body)
            if any(tuple(words[k:k + len(c)]) == c for c in _not_fields()
                   for k in range(max(0, end - len(c)), pos + 1)):
                pos += 1  # "trung tâm thương mại": a shopping centre, no trade regulated
                continue
            if len(body) <= FIELD_SHORT_SYLLABLES and end not in ends and (pos == 0 or words[pos - 1] != "luat"):
                # A short name running on into more words is a verb or a modifier, not a
                # field: "xây dựng nông thôn mới", "đầu tư xây dựng", "giá đất".
                pos += 1
                continue
            versions = self.law_versions[key]
            law = self._latest(versions, as_of)
            strength = min(1.0, len(body) / FIELD_FULL_SYLLABLES)
            # Passed, not yet in force: the version in force is the field's law too (a
            # decision of March 2024 on land prices rests on Luật Đất đai 2013).
            current = self._version_in_force(versions, law, as_of) if law is not None and as_of else None
            for found in (law, current):
                if found is not None:
                    out[found] = max(out.get(found, 0.0), strength)
            pos += len(body)
        return out

    def _latest(self, ordered: Sequence[int], as_of: dt.date | None) -> int | None:
        """The latest of several versions (sorted by `_version_key`) issued by `as_of`;
        among documents of one date (a catalog row and a text of the same law), the one
        cited most."""
        uncertain: int | None = None
        for i in reversed(ordered):
            if as_of and not self._issued_by(self.docs[i], as_of):
                continue
            if as_of and not self._shown_out(i, as_of):
                uncertain = i if uncertain is None else uncertain  # a dated version is surer
                continue
            return i
        return uncertain

    def _shown_out(self, i: int, as_of: dt.date) -> bool:
        """For a document issued by `as_of` (`_issued_by`), whether it surely was: one known
        by number only, of as_of's own year (Luật 72/2025/QH15 for a draft of March 2025),
        perhaps not yet, unless a document dated by as_of rests on it (Nghị định
        226/2025/NĐ-CP of August 2025 cites 72/2025/QH15)."""
        doc = self.docs[i]
        if (ceiling := self.not_after.get(i)) is not None and ceiling <= as_of:
            return True  # a higher number of its series was issued by as_of (_init_year_series)
        return doc.date is not None or self._sort_date(i).year != as_of.year or self._cited_by(i, as_of)

    def _successors(self, cands: dict[int, _Cand], as_of: dt.date | None, *, applies: bool = False) -> None:
        """A newer version issued by `as_of` (a law of the same name; a central document
        of the same type, issuer and title) takes the place of an older candidate: a
        structural basis learned from older citers ("Luật Tổ chức Chính phủ" of 2015) is
        cited in its current version (63/2025/QH15) by a document of 2025; unless it is not
        in force yet, when the older one keeps its place. A draft that `applies` the law (a
        local authority's) rests on the version in force above all: a newer one not in
        force yet lends it its score (IN_FORCE_SHARE); the central documents that detail a
        new law cite it before it takes effect."""
        top = sorted(((i, c) for i, c in cands.items() if c.score > 0), key=lambda p: -p[1].score)[:POOL]
        for i, c in top:
            newest = self._newer_version(i, as_of)
            if newest is None:
                continue
            if c.score * SUCCESSOR_SHARE > cands[newest].score:
                cands[newest].score = c.score * SUCCESSOR_SHARE
                cands[newest].succeeds = self.docs[i].id
            if as_of and not self._in_force_at(newest, as_of):
                continue  # passed, not yet in force: the older version is still the one in force
            c.score *= SUCCEEDED_FACTOR
            c.succeeded_by = self.docs[newest].id
        if as_of is None or not applies:
            return
        # The other way: a version passed but not in force at as_of lends its place to the
        # version in force (Luật Đất đai 2013 for a province's decision of March 2024, Luật
        # Đất đai 2024 taking effect later); both are offered, the new one flagged.
        for i, c in top:
            if not self._issued_by(self.docs[i], as_of):
                continue  # a version passed after the draft is no version of its time
            current = self._version_in_force(self.version_group.get(i, ()), i, as_of)
            if current is not None and c.score * IN_FORCE_SHARE > cands[current].score:
                cands[current].score = c.score * IN_FORCE_SHARE
                cands[current].in_force_for = self.docs[i].id

    def _version_in_force(self, versions: Sequence[int], i: int, as_of: dt.date) -> int | None:
        """When version i (of `versions`, in order) is issued but not yet in force at
        `as_of`: the latest earlier version in force then."""
        if i not in versions or self._in_force_at(i, as_of):
            return None
        older = [j for j in versions[:versions.index(i)] if self._in_force_at(j, as_of)]
        return self._latest(older, as_of)

    def _anchors(self, cands: dict[int, _Cand], as_of: dt.date | None, cited: set[int],
                 doc_type: str | None = None, issuers: Sequence[str] = ()) -> None:
        """The surest subject candidates (named in the text, the law of the field) and the
        documents already cited are anchors: the documents that rest on an anchor, dated
        near `as_of`, vote for their other bases. Documents guiding one law are co-cited
        with the same bases (the sector laws of a decree, the amending laws). Structural
        bases are not anchors: they are co-cited with everything. Documents of another type
        than the draft's say less (ANCHOR_OTHER_TYPE): the decrees on land rest on Luật Tổ
        chức Chính phủ, the circulars on land do not."""
        strong = [i for i, c in sorted(cands.items(), key=lambda p: -p[1].score)[:ANCHORS * 3]
                  if c.score >= ANCHOR_MIN_SCORE and not c.succeeded_by and (c.mentioned or c.field_law)]
        # Cited structural bases neither: Luật Tổ chức chính quyền địa phương passed as
        # already cited brought every law a province's documents rest on.
        anchors = list(dict.fromkeys([a for a in cited if a not in self.organisation_of] + strong[:ANCHORS]))
        ref = as_of or dt.date.today()
        best = max((c.score for c in cands.values()), default=1.0) or 1.0
        for a in anchors:
            votes: dict[int, float] = defaultdict(float)
            both: dict[int, int] = defaultdict(int)  # documents resting on a and on b, for the reason
            total = 0.0
            for citer in set(self.citers[a]):
                date = self.docs[citer].date
                years = abs((ref - date).days) / 365.25 if date else ANCHOR_HALF_LIFE_YEARS
                w = 0.5 ** (years / ANCHOR_HALF_LIFE_YEARS)
                if as_of and date and date > as_of:
                    w *= LATER_CITER_FACTOR  # later practice says less about a text of as_of
                if doc_type and doc_type_name(self.docs[citer]) != doc_type:
                    w *= ANCHOR_OTHER_TYPE
                total += w
                for b in self.bases[citer]:
                    if b != a and not self._organises_other(b, issuers):
                        votes[b] += w
                        both[b] += 1
            if total <= 0:
                continue
            weight = cands[a].score / best if a not in cited else 1.0
            count = len(set(self.citers[a]))
            for b, v in votes.items():
                share = v / (total + ANCHOR_PRIOR)
                if share < 0.1:
                    continue
                c = cands[b]
                bonus = W_ANCHOR * share * min(1.0, weight)
                if bonus > c.anchor:
                    c.score += bonus - c.anchor
                    c.anchor = bonus
                    c.anchor_of = [(self.docs[a].id, both[b], count)]

    def _succeeded_within(self, replacement: int | None, cited: set[int], as_of: dt.date | None) -> bool:
        """Whether `replacement`, or a document replacing it in turn, is among `cited`."""
        seen: set[int] = set()
        while replacement is not None and replacement not in seen and len(seen) < 6:
            if replacement in cited:
                return True
            seen.add(replacement)
            replacement = self._validity(replacement, as_of)[1]
        return False

    def _organises_other(self, b: int, issuers: Sequence[str]) -> bool:
        """Whether b is a law or charter setting up issuers other than the draft's (Luật Tổ
        chức Chính phủ, beside Luật Đất đai in the decrees on land, for a province's decision
        on land prices). Unknown issuer: no."""
        org = self.organisation_of.get(b)
        return bool(org and issuers and not org.intersection(issuers))

    def _peers_rare(self, based_on: Sequence[frozenset[int]]) -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
        """The (issuer, type) pairs of central documents that, in the KB, almost never rest
        on a document of their own issuer and type (see PEER_FACTOR): a decree on the same
        subject is the draft's predecessor or sibling. Resolutions of the National Assembly
        do rest on its earlier resolutions, and so stay out. And the types (a joint one as
        its own: `_joint_as_one`) whose central documents almost never rest on a central
        document of the type, whoever issued it: a circular on a joint circular or another
        ministry's circular. By type, not by legal force: a decision of a General Department
        ranks with a ministry's circular in data/legal_force.json and rests on them."""
        seen: Counter[tuple[str, str]] = Counter()
        with_peer: Counter[tuple[str, str]] = Counter()
        seen_type: Counter[str] = Counter()
        with_type: Counter[str] = Counter()
        for i, bases in enumerate(based_on):
            doc = self.docs[i]
            issuer, kind = _doc_issuer(doc), doc_type_name(doc)
            if not bases or doc.province or not issuer or not kind:
                continue
            seen[issuer, kind] += 1
            with_peer[issuer, kind] += any(
                _doc_issuer(self.docs[b]) == issuer and doc_type_name(self.docs[b]) == kind for b in bases)
            one = _joint_as_one(kind) or kind
            seen_type[one] += 1
            with_type[one] += any(_joint_as_one(doc_type_name(self.docs[b])) == one and not self.docs[b].province
                                  for b in bases)

        def rare(n: int, peer: int) -> bool:
            return n >= PEER_MIN_DOCS and (peer + 1) / (n + 2) < PEER_MAX_SHARE
        return (frozenset(key for key, n in seen.items() if rare(n, with_peer[key])),
                frozenset(kind for kind, n in seen_type.items() if rare(n, with_type[kind])))

    def _amended_by(self, cands: dict[int, _Cand], as_of: dt.date | None) -> None:
        """A law is cited with the laws amending it that were issued by `as_of`
        ("Luật X ngày ...; Luật sửa đổi, bổ sung một số điều của Luật X"); a law amending it
        in passing, in its final provisions, at PASSING_AMENDER_FACTOR of that."""
        top = sorted(((i, c) for i, c in cands.items() if c.score > 0), key=lambda p: -p[1].score)[:POOL]
        for i, c in top:
            # A law another brought as its amender brings no chain of its own: Luật Doanh
            # nghiệp 2020, amending Luật Phòng, chống tham nhũng in passing, is no reason
            # for the laws amending Luật Doanh nghiệp.
            if c.succeeded_by or c.amends or not self.amenders[i]:
                continue
            # One amending law per date: the KB may hold it twice (a catalog row and the
            # name a text gave it); the one cited most stands for it.
            by_date: dict[dt.date, int] = {}
            for j in self.amenders[i]:
                if as_of and not self._issued_by(self.docs[j], as_of):
                    continue
                when = self._sort_date(j)
                if when < self._sort_date(i):
                    continue
                if when not in by_date or self.authority[j] > self.authority[by_date[when]]:
                    by_date[when] = j
            for j in by_date.values():
                share = self._amender_share(i, j)
                t = cands[j]
                if c.score * share > t.score:
                    t.score = c.score * share
                    t.amends = self.docs[i].id

    def _amender_share(self, amended: int, amender: int) -> float:
        """How strongly a law brings a law amending it. The guess: fully up to
        AMENDER_FULL_LAWS amended laws, then falling with their number (a law amending a
        few laws is cited with each nearly always, the law amending 37 laws on planning
        only where the planning provisions matter), at PASSING_AMENDER_FACTOR for a law
        amending it in passing. What the KB saw since the amender was issued (see
        COMPANION_PRIOR_DOCS) moves the guess towards the observed share."""
        guess = AMENDER_SHARE * min(1.0, math.sqrt(AMENDER_FULL_LAWS / max(1, self.amended_count[amender])))
        if self.docs[amender].title and not self._is_amendment(amender):  # no title: nothing to tell
            guess *= PASSING_AMENDER_FACTOR
        return self._observed_share(amended, amender, guess)

    def _observed_share(self, base: int, companion: int, guess: float) -> float:
        """`guess` moved towards the share of the documents resting on `base` since
        `companion` was issued that also rest on `companion`; the guess counts as
        COMPANION_PRIOR_DOCS such documents."""
        counts = self._co_cited.get((base, companion))
        if counts is None:
            since = self._sort_date(companion)
            # The companion is no witness of itself (a guiding circular rests on its decree).
            later = [c for c in self.citers[base] if c != companion and self._sort_date(c) >= since]
            counts = self._co_cited[base, companion] = (len(later), sum(companion in self.bases[c] for c in later))
        seen, cited = counts
        return (cited + guess * COMPANION_PRIOR_DOCS) / (seen + COMPANION_PRIOR_DOCS)

    def _guided_by(self, cands: dict[int, _Cand], as_of: dt.date) -> None:
        """For a local draft: a central document below the rank of a law brings the
        documents guiding it that were issued by `as_of` (see GUIDE_SHARE); a narrow law
        brings the decree detailing it (see _detailing_decrees)."""
        top = sorted(((i, c) for i, c in cands.items() if c.score > 0), key=lambda p: -p[1].score)[:POOL]
        for i, c in top:
            guides = self.guided_by[i]
            if not guides or self.docs[i].province or c.guides or c.amends:
                continue  # brought by another's chain: no chain of its own (see _amended_by)
            law = bool(self.law_key[i])
            issued = self._detailing_decrees(i, as_of) if law else [
                j for j in guides if self._issued_by(self.docs[j], as_of)]
            if not issued:
                continue
            guess = GUIDE_SHARE * min(1.0, math.sqrt(GUIDES_FULL / len(issued)))
            for j in issued:
                # The KB's documents resting on a law are mostly central ones, which do not
                # cite its decree beside it: no evidence for a province, which does.
                share = guess if law else self._observed_share(i, j, guess)
                t = cands[j]
                if c.score * share > t.score:
                    t.score = c.score * share
                    t.guides = self.docs[i].id

    def _detailing_decrees(self, law: int, as_of: dt.date) -> list[int]:
        """The decrees issued by and in force at `as_of` that detail `law` as a whole (the
        few of `_detailing_of`, not the hundreds guiding a field law), their titles naming
        it ("Quy định chi tiết một số điều và biện pháp tổ chức thi hành Luật Tố cáo"), when
        there are at most NARROW_LAW_GUIDES: a narrow law is cited with them. A decree on
        one sector's complaints ("... trong Công an nhân dân") or a ministry's circular is
        that sector's; a field law's many decrees (Luật Đất đai) are each a subject of their
        own."""
        detailing = self._detailing_of(law)
        out = [j for j in self.guided_by[law] if j in detailing
               and self._issued_by(self.docs[j], as_of) and not self._gone_at(j, as_of)]
        return out if len(out) <= NARROW_LAW_GUIDES else []

    def _amends_before(self, text: str, start: int) -> bool:
        """The symbol at `start` is what the draft amends ("Nghị định sửa đổi, bổ sung một
        số điều của Nghị định số 08/2015/NĐ-CP"): an amending word earlier in its sentence."""
        before = fold(text[max(0, start - AMEND_WINDOW):start])
        before = re.split(r"[;!?]|\.\s", before)[-1]
        at = max((before.rfind(w) for w in self._amend_words), default=-1)
        # Only the first document after the amending words: "sửa đổi Thông tư 01/2018/TT-VPCP
        # hướng dẫn Nghị định 61/2018/NĐ-CP" amends the circular, not the decree it guides.
        return at >= 0 and not _SYMBOL_AHEAD.search(before, at)

    def _inherit(self, cands: dict[int, _Cand], amended: Sequence[int]) -> None:
        """A document that amends another rests on the same bases (in their versions at
        `as_of`, which `_successors` takes care of): the amended document's bases vote."""
        for m in amended:
            for b in self.bases[m]:
                c = cands[b]
                if c.inherited < 1.0:
                    c.inherited = 1.0
                    c.inherited_from = self.docs[m].id

    def _mentions(self, text: str) -> list[tuple[int, int]]:
        """Documents the text itself names by symbol ("thực hiện Quyết định số 458/QĐ-TTg"),
        with where the citation starts: those its symbol means one document of the KB."""
        return [(n.found[0], n.start) for n in self.symbols_named(text) if len(n.found) == 1]

    def symbols_named(self, text: str) -> list[NamedSymbol]:
        """Every document `text` names by its symbol, with the KB documents it can mean. The
        extractor reads the citations as the drafter writes them: a Party symbol ("Nghị
        quyết 57-NQ/TW"), a decree by number and year ("Nghị định 61/2018"), a date that
        tells which year's "01/NQ-CP" is meant. A symbol the extractor does not read (typed
        in lower case, "61/2018/nđ-cp") is still looked up as written, and kept when it
        means one document."""
        text = text[:MAX_QUERY_CHARS]
        out: list[NamedSymbol] = []
        spans: list[tuple[int, int]] = []
        citations, header = _extracted(text)
        for r in citations:
            assert r.symbol is not None
            means = self._symbol_means(r.symbol.canonical())
            found, year = means, r.year
            if r.date is not None:
                # "Nghị quyết số 01/NQ-CP ngày 08/01/2026": not the KB's 01/NQ-CP of 2024.
                found = [i for i in means if issue_year(self.docs[i]) in (None, r.date.year)]
            elif year is not None and len(means) > 1:
                # A bare "năm 2026" after a symbol may be the plan's own year ("Kế hoạch thực
                # hiện Chỉ thị 16/CT-TTg năm 2026"): it only chooses among several documents.
                found = [i for i in means if issue_year(self.docs[i]) == year] or means
            out.append(NamedSymbol(r.symbol.canonical(), r.start, tuple(found), r.doc_type, r.date,
                                   r.symbol.type_code, tuple(i for i in means if i not in found)))
            spans.append((r.start, r.end))
        # The draft's own number ("Số: 73/KH-UBND" of a pasted header) names no basis.
        own = header.symbol.canonical() if header is not None and header.symbol is not None else None
        for m in _SYMBOL_FALLBACK.finditer(text):
            written = m.group(0).rstrip(".,;:")
            if any(a <= m.start() < b for a, b in spans) or (own and symbol_canonical(written) == own):
                continue
            found = self._symbol_means(written)
            if len(found) == 1:
                out.append(NamedSymbol(written, m.start(), tuple(found)))
        return sorted(out, key=lambda n: n.start)

    def notices(self, text: str, *, issuer: str | None = None, province: str | None = None,
                as_of: dt.date | None = None, already_cited: Sequence[str] = ()) -> list[str]:
        """What the drafter must know about the documents the task names (in Vietnamese):
        one the KB lacks ("Nghị quyết 57-NQ/TW"), with the KB's symbols one slip away; one
        whose symbol means several documents; an `already_cited` reference not found. The
        suggestions rest on none of them, and a list that says nothing of them reads as if
        the named document had been weighed. A working paper (Tờ trình, Giấy mời) is no
        basis and is passed over, as lint passes over it. A task written by a district's
        body after the district level was abolished (1/7/2025), or for a province merged
        into another by then, is told so too."""
        text = unicodedata.normalize("NFC", text or "")
        out: list[str] = []
        _, header = _extracted(text[:MAX_QUERY_CHARS])  # a pasted draft's own header
        lead_words = citation_forms().lead_words
        draft_type = draft_type_of(text)
        if lead_words is not None and draft_type and draft_type in lead_words.not_bases:
            # A report or a record rests on nothing: what follows is what it may refer to.
            out.append(f"{draft_type} thường không có phần căn cứ ban hành: các văn bản dưới đây là văn bản "
                       f"liên quan, để dẫn trong nội dung {draft_type.lower()}.")
        # The writer: the issuer given, else the one the task names, else a pasted draft's
        # header ("ỦY BAN NHÂN DÂN / HUYỆN SƠN TỊNH").
        headed = " ".join(p for p in (header.issuer or "", header.locality) if p) \
            if header is not None and header.locality else None
        body, level = next(((b, lv) for b in (issuer, _drafter_split(text)[1], headed) if (lv := _writer_level(b))),
                           (None, None))
        if body and (gone := places.district_level_gone(level, as_of or today())) is not None:
            last, ended_by, level_name = gone
            out.append(f"Từ ngày {format_date(last + dt.timedelta(days=1))} không còn {level_name} ({ended_by}): "
                       f"“{body}” không ban hành văn bản vào ngày của dự thảo ({format_date(as_of or today())}); "
                       "hãy kiểm tra lại cơ quan ban hành hoặc ngày của dự thảo.")
        place = province or (header.province if header is not None else None)
        if (merged := places.merged_away(place, as_of or today())) is not None:
            old, merged_by = merged
            day = dt.date.fromisoformat(old.valid_to or "") + dt.timedelta(days=1)
            out.append(f"Từ ngày {format_date(day)}, {old.kind} {old.name} đã hợp nhất vào {old.merged_into} "
                       f"({merged_by}): dự thảo ngày {format_date(as_of or today())} là của {old.merged_into}; hãy "
                       f"ghi tỉnh {old.merged_into}, gợi ý khi đó gồm cả văn bản của {old.name} còn hiệu lực.")
        told = 0
        unknown: list[str] = []
        seen: set[str] = set()
        for n in self.symbols_named(_without_preamble(text)):
            if len(n.found) == 1 or n.symbol in seen or vocab.is_internal_type(n.type_code):
                continue
            seen.add(n.symbol)
            if told == MAX_NAMED_NOTICES:
                unknown.append(n.symbol)  # named together below, not one notice each
                continue
            told += 1
            label = f"{n.doc_type} số {n.symbol}" if n.doc_type else n.symbol
            if n.date is not None:
                label += f" ngày {format_date(n.date)}"
            if not n.found:
                notice = (f"Kho tri thức không có văn bản {label} mà nội dung cần soạn nêu: các gợi ý "
                          "dưới đây không dựa vào văn bản này; nếu cần căn cứ văn bản này, hãy tự ghi và "
                          "kiểm tra số, ngày ban hành.")
                if n.other_years:
                    notice += " Kho chỉ có văn bản cùng số ký hiệu ban hành năm khác: " + \
                        self._dated_list(n.other_years) + "."
                elif near := self._near_symbols(n.symbol):
                    notice += " Văn bản có số ký hiệu gần giống: " + self._dated_list(near) + "."
            else:
                notice = (f"Số ký hiệu {label} mà nội dung cần soạn nêu ứng với {len(n.found)} văn bản trong "
                          f"kho ({self._dated_list(n.found)}); hãy ghi thêm ngày ban hành để gợi ý dựa đúng "
                          "văn bản.")
            out.append(notice)
        if unknown:
            out.append(f"Kho tri thức cũng không có (hoặc chưa rõ) {len(unknown)} văn bản khác mà nội dung cần soạn "
                       f"nêu: {', '.join(unknown)}.")
        for ref in already_cited:
            if self._at(ref) is None and len(self._symbol_means(ref)) != 1:
                out.append(f"Không tìm thấy văn bản đã dẫn “{ref}” trong kho (hoặc số ký hiệu ứng với nhiều "
                           "văn bản): gợi ý không tính đến văn bản này.")
        return out

    def _dated_list(self, found: Sequence[int]) -> str:
        """Documents told apart in a notice: short citation and date, at most NEAR_NAMED."""
        shown = [format_citation(self.docs[i], first=False) + (
            f" ngày {format_date(d)}" if (d := self.docs[i].date) else "") for i in found[:NEAR_NAMED]]
        more = f" và {len(found) - NEAR_NAMED} văn bản khác" if len(found) > NEAR_NAMED else ""
        return "; ".join(dict.fromkeys(shown)) + more

    def _near_symbols(self, written: str) -> list[int]:
        """The KB documents whose symbols are one slip from `written` (lint's reading of a
        typo: a digit changed, the year or type code left out)."""
        from cancu.graph.lint import lint_index  # lint builds on suggest, not the reverse

        sym = parse_symbol(written)
        if sym is None:
            return []
        index = lint_index(self.kb)
        ids = [i for key in index.near(sym) for i in index.by_symbol.get(key, ())]
        return list(dict.fromkeys(a for a in map(self._at, ids) if a is not None))

    def _symbol_means(self, written: str) -> list[int]:
        """The KB documents a written symbol can mean (placeholders as their law)."""
        try:
            ids = self.kb.lookup(written)
        except Exception:  # noqa: BLE001 - a lookup failure must not stop suggestion
            ids = []
        return list(dict.fromkeys(at for at in map(self._at, ids) if at is not None))

    def _named(self, text: str, as_of: dt.date | None, *, by_year: bool = False) -> list[int]:
        """Laws the text names ("... một số điều của Luật Đất đai"): the longest known name
        after each "Luật"/"Bộ luật"/"Pháp lệnh"; of several laws with one name, the last
        one issued by `as_of` (the one a text of that date can mean). With `by_year`, a
        clause that writes a year means that year's version, and none when the KB has no
        version of it ("Căn cứ Luật Đất đai ngày 29/11/2013" cites the 2013 law, not 2024's)."""
        heads = {tuple(_syllables(t)) for t in citation_forms().cited_by_name}
        found: list[int] = []
        # Clause by clause: the laws an amending law's name names after its amending words
        # ("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức
        # chính quyền địa phương") are what it amends, not laws the text names.
        for clause in _CLAUSES.split(text[:MAX_QUERY_CHARS]):
            words = _syllables(clause)
            year = next((int(y) for y in _CLAUSE_YEAR.findall(clause) if MIN_DRAFT_YEAR <= int(y) <= MAX_DRAFT_YEAR), None) \
                if by_year else None
            for start in range(len(words)):
                head = next((h for h in heads if tuple(words[start:start + len(h)]) == h), None)
                if head is None:
                    continue
                named = None
                for end in range(min(len(words), start + 24), start + 1, -1):
                    ids = self.names.get(" ".join(words[start:end]))
                    if not ids:
                        continue
                    dated = [(self.docs[i].date or dt.date.min, i) for i in ids
                             if (not as_of or self._issued_by(self.docs[i], as_of))
                             and (year is None or self._sort_date(i).year == year)]
                    if dated:
                        named = max(dated)[1]
                        found.append(named)
                    break
                if named is not None and is_amending_name(" ".join(words[start + len(head):start + len(head) + 8])):
                    break  # the rest of the clause is what this known amending law amends
        return found

    def _cited_in_text(self, text: str, as_of: dt.date | None) -> list[int]:
        """Documents a pasted draft already rests on: those its căn cứ lines cite (a line
        opening with a based_on cue, "Căn cứ ..."). They are `already_cited`: a drafter
        who pastes a section with its căn cứ asks what else it needs."""
        out: list[int] = []
        for line in text[:MAX_QUERY_CHARS].splitlines():
            if not _basis_line().match(fold(line)):
                continue
            out += [m for m, start in self._mentions(line) if not self._amends_before(line, start)]
            out += self._named(line, as_of, by_year=True)
        return list(dict.fromkeys(out))

    def _resolve_all(self, refs: Sequence[str]) -> list[int]:
        out: list[int] = []
        for ref in refs:
            at = self._at(ref)
            if at is not None:
                out.append(at)
                continue
            try:
                ids = self.kb.lookup(ref)
            except Exception:  # noqa: BLE001
                ids = []
            at = self._at(ids[0]) if len(ids) == 1 else None
            if at is not None:
                out.append(at)
        return list(dict.fromkeys(out))

    def _chain(self, cands: dict[int, _Cand], province: str, as_of: dt.date | None) -> None:
        """A central candidate brings the province's plan that implements it; a provincial
        candidate brings the central document it implements (both are bases of a plan)."""
        top = sorted(cands.items(), key=lambda p: -p[1].score)[:POOL]
        for i, c in top:
            if c.score < CHAIN_MIN_SCORE:
                break  # a weak match brings along no plan of its own on another subject
            if i in self.organisation_of:
                continue  # nor does a law every draft of its issuer rests on for its powers
            doc = self.docs[i]
            for j in self._province_implementers(i, province, as_of):
                t = cands[j]
                bonus = W_CHAIN * c.score / (1 + W_CHAIN)
                if bonus > t.chain:
                    t.chain = bonus
                    t.chain_reasons = [f"văn bản của tỉnh thực hiện {format_citation(doc, first=False)}"]
            if same_province(doc.province, province, as_of):
                for j in self.implements[i]:
                    central = self.docs[j]
                    if central.province:
                        continue
                    t = cands[j]
                    bonus = W_CHAIN * c.score / (1 + W_CHAIN)
                    if bonus > t.chain:
                        t.chain = bonus
                        t.chain_reasons = [f"văn bản trung ương mà {format_citation(doc, first=False)} "
                                           f"của tỉnh thực hiện"]
        for c in cands.values():
            if c.chain:
                c.score += c.chain

    # -- validity --

    def _cited_by(self, i: int, as_of: dt.date) -> bool:
        """Whether a document dated by `as_of` rests on document i: it was issued by then."""
        return any((d := self.docs[c].date) is not None and d <= as_of for c in self.citers[i])

    def _in_force_at(self, i: int, as_of: dt.date) -> bool:
        start = in_force_from(self.docs[i])
        return start is None or start <= as_of

    def _issued_by(self, doc: Document, as_of: dt.date) -> bool:
        if doc.date:
            return doc.date <= as_of
        floor = self.not_before.get(self.index.get(doc.id, -1))
        if floor is not None and floor > as_of:
            return False
        year = _year_from_id(doc.id)
        return year is None or year <= as_of.year

    def _demotion(self, i: int, flags: list[str], as_of: dt.date | None, issuers: Sequence[str] = ()) -> float:
        """Replaced, repealed or expired: INVALID_FACTOR. Only not yet in force at `as_of`
        (passed, entering into force later): NOT_YET_FACTOR."""
        doc = self.docs[i]
        not_yet = as_of is not None and doc.effective_date is not None and doc.effective_date > as_of
        # A decree may detail a law before it takes effect, but the issuer's power comes
        # from the law that sets it up as in force at signature: Nghị định 44/2025/NĐ-CP of
        # 28/02/2025 rests on Luật Tổ chức Chính phủ 2015, not on the 2025 law of 01/3/2025.
        if not_yet and len(flags) == 1 and not self.organisation_of.get(i, frozenset()).intersection(issuers):
            return NOT_YET_FACTOR
        return INVALID_FACTOR

    def _validity(self, i: int, as_of: dt.date | None) -> tuple[list[str], int | None]:
        """Flags for document i at `as_of` and the index of its replacement, if any. Besides
        the KB's replacing and repealing edges: a newer version in force at `as_of` (a law
        of the same name: the new law repeals the old one in its final provisions, even
        where the KB has not recorded it), and an amending document whose every amended
        document is gone (Luật 47/2019 amending the 2015 laws on the Government and on local
        government, both replaced in 2025: its amendments went with them). Without `as_of`
        (lint's undated draft; suggest always has one) the KB's statuses and edges are read
        as they stand, and the rest is judged on today's date, as the draft is written now."""
        flags, replacement = validity_flags(self.docs, self.ended_by[i], self.docs[i], as_of)
        return (flags, replacement) if flags else self._inferred_validity(i, as_of)

    def _inferred_validity(self, i: int, as_of: dt.date | None) -> tuple[list[str], int | None]:
        """`_validity` beyond the KB's edges and stored status (`validity_flags` found none)."""
        # Undated, no flag: none on today's date either (validity_flags without a date
        # counts every replacement and the effective date against today).
        as_of = as_of or today()
        newer = self._superseded_at(i, as_of)
        if newer is not None:
            by = self.docs[newer]
            # A version known by its number alone: its day of effect is unknown, and the
            # drafter is told to check it rather than told it surely applies.
            if by.effective_date:
                since = f" (có hiệu lực từ {format_date(by.effective_date)})"
            elif by.date:
                since = ""
            elif (ceiling := self.not_after.get(newer)) is not None:  # as suggest's flag says it
                since = f" (ban hành không muộn hơn ngày {format_date(ceiling)}; kho chưa biết ngày có hiệu lực: cần kiểm tra)"
            else:
                since = " (kho chưa biết ngày ban hành và ngày có hiệu lực: cần kiểm tra)"
            return [f"đã được thay bằng văn bản cùng tên ban hành sau: {format_citation(by)}{since}"], newer
        targets = self.amends_of[i]
        # Only a document that is an amendment lapses with what it amends: Luật Bảo vệ môi
        # trường 2020 amends Luật Đầu tư công in its final provisions and stays in force
        # when that law is replaced.
        if targets and self._is_amendment(i) and all(self._gone_at(j, as_of) for j in targets):
            return [f"sửa đổi, bổ sung {self._lapsed(targets, as_of)}"], None
        # A document detailing others lapses with them (Luật 80/2015/QH13 Điều 154.3, Luật
        # 64/2025/QH15 likewise): the decrees and circulars on Luật Thuế giá trị gia tăng
        # 2008 went with it when the 2024 law took effect, unless a new text kept them.
        # The law a detailing title names is the one that assigned the detailing: the
        # document lapses with it, whatever laws the pháp điển files it beside (Nghị định
        # 65/2018/NĐ-CP "quy định chi tiết thi hành một số điều của Luật Đường sắt" went
        # with the 2017 law on 01/01/2026, though it "guides" three other transport laws).
        # Only when the KB knows every law the title names: of several ("... của Bộ luật
        # Lao động, Luật Dạy nghề, Luật Người lao động Việt Nam đi làm việc ở nước ngoài
        # ..."), one it cannot name may be the one still in force.
        named, all_named, detailing = self._title_laws(i)
        if (detailing and all_named and len(named) == 1 and not self._is_amendment(named[0])
                and self._gone_at(named[0], as_of)):
            return [f"quy định chi tiết, hướng dẫn {self._lapsed(named, as_of)}"], None
        detailed = self.details[i]
        # The KB's guides edges may miss a law the title also details (Nghị định
        # 143/2018/NĐ-CP: Luật Bảo hiểm xã hội and Luật An toàn, vệ sinh lao động): one named
        # there and still in force keeps the document alive.
        if detailed and all_named and all(self._gone_at(j, as_of) for j in detailed) and all(
                self._gone_at(j, as_of)  # the laws its title named when it was issued
                for j in named if j not in detailed and not self._is_amendment(j)):
            return [f"quy định chi tiết, hướng dẫn {self._lapsed(detailed, as_of)}"], None
        return [], None

    def _title_laws(self, i: int) -> tuple[list[int], bool, bool]:
        """The laws document i's title names (in their versions at its date), whether the
        KB knows every one it names, and whether the title details them: what the KB says,
        the same for every query, read once."""
        found = self._title_law_cache.get(i)
        if found is None:
            title = self.docs[i].title or ""
            named = self._named(title, self._sort_date(i))
            # The laws the title names as the extractor reads them ("kỷ luật", "pháp luật",
            # "Luật sư" are none): more than the KB knows, and one may be in force.
            found = self._title_law_cache[i] = (named, len(named) >= len(laws_named(title)),
                                                bool(_DETAILING.search(" ".join(_syllables(title)))))
        return found

    def _lapsed(self, targets: Sequence[int], as_of: dt.date) -> str:
        """What a document amended or detailed, and that it is gone: the reason it lapsed."""
        names = ", ".join(format_citation(self.docs[j], first=False) for j in targets[:3])
        these = "các văn bản này" if len(targets) > 1 else "văn bản này"
        return f"{names}; {these} đã hết hiệu lực tính đến ngày {format_date(as_of)}"

    def lapsed_with(self, doc_id: str, as_of: dt.date) -> list[str]:
        """For an amendment that lapsed with what it amends (see `_validity`), the
        documents in force at `as_of` in their place: what the draft should cite instead
        (Luật 47/2019/QH14 -> Luật Tổ chức Chính phủ 63/2025/QH15 and Luật Tổ chức chính
        quyền địa phương 65/2025/QH15). Not for a decree that lapsed with the law it
        detailed: the new law is no stand-in for it (its own decrees are)."""
        i = self._at(doc_id)
        if i is None or not self._is_amendment(i):
            return []
        targets = self.amends_of[i]
        out: list[str] = []
        for j in targets:
            _, now = self.in_force_version(self.docs[j].id, as_of)
            if now is not None and now not in out:
                out.append(now)
        return out

    def version_order(self, doc_id: str, as_of: dt.date | None) -> tuple[bool, tuple[int, int, dt.date, int]] | None:
        """For lint, the suggester's own rules on a KB document: whether it was issued by
        `as_of` (a version known by number only counts from its year, or from the first
        dated document resting on it) and its place among versions. None if unknown."""
        i = self._at(doc_id)
        if i is None:
            return None
        issued = as_of is None or (self._issued_by(self.docs[i], as_of) and self._shown_out(i, as_of))
        return issued, self._version_key(i)

    def in_force_version(self, doc_id: str, as_of: dt.date | None) -> tuple[list[str], str | None]:
        """Why a document is no valid căn cứ at `as_of` (`_validity`'s flags) and the
        document in force then that takes its place: the replacement followed through its
        own replacements and newer versions (Luật Tổ chức chính quyền địa phương 77/2015
        -> 65/2025 -> 72/2025 for a draft of 2026), so a fix is never itself out of date."""
        i = self._at(doc_id)
        if i is None:
            return [], None
        flags, replacement = self._validity(i, as_of)
        return flags, self._in_force_in_place(i, replacement, as_of)

    def _in_force_in_place(self, i: int, replacement: int | None, as_of: dt.date | None) -> str | None:
        """The id of what replaced document i (`replacement`), followed through its own
        replacements to the one in force at `as_of`."""
        seen = {i}
        while replacement is not None and replacement not in seen:
            seen.add(replacement)
            _, later = self._validity(replacement, as_of)
            if later is None:
                break
            replacement = later
        return None if replacement is None else self.docs[replacement].id

    def inferred_end(self, doc_id: str, on: dt.date) -> tuple[str, str | None] | None:
        """Why document `doc_id` no longer applies on `on` where the KB's edges and stored
        status do not say it (`_validity` beyond `validity_flags`: a newer law of its name
        in force, an amendment or a detailing document lapsed with what it served), and the
        id of the document in force in its place, if one; None when nothing more is known.
        What lint and suggest say, for search, `show` and the pages to say too."""
        i = self._at(doc_id)
        if i is None or validity_flags(self.docs, self.ended_by[i], self.docs[i], on)[0]:
            return None
        flags, replacement = self._inferred_validity(i, on)
        return (flags[0], self._in_force_in_place(i, replacement, on)) if flags else None

    def _newer_version(self, i: int, as_of: dt.date | None) -> int | None:
        """The latest version of document i issued by `as_of`, when it is of a later year
        (a law of the same name; a central document of the same type, issuer and title),
        or a law of the same name passed later in the same year under another number (Luật
        Tổ chức chính quyền địa phương 65/2025/QH15 of February, 72/2025/QH15 of June)."""
        group = self.version_group.get(i)
        newest = self._latest(group, as_of) if group else None
        if newest is None or newest == i:
            return None
        year, newer_year = self._sort_date(i).year, self._sort_date(newest).year
        if newer_year > year:
            return newest
        if newer_year == year and self.law_key[i] and self._version_key(newest)[:2] > self._version_key(i)[:2]:
            return newest
        return None

    def _superseded_at(self, i: int, as_of: dt.date) -> int | None:
        """The newer version of document i in force at `as_of`."""
        newest = self._newer_version(i, as_of)
        if newest is None:
            return None
        start = in_force_from(self.docs[newest])
        return newest if start is None or start <= as_of else None

    def _is_amendment(self, i: int) -> bool:
        """Whether document i is an amending one: its title, without its type word, begins
        like one ("sửa đổi, bổ sung một số điều của ..."). Read once per document."""
        found = self._amendment.get(i)
        if found is None:
            found = self._amendment[i] = _amending_title(self.docs[i])
        return found

    def _gone_at(self, j: int, as_of: dt.date) -> bool:
        """Replaced or repealed by a document in force at `as_of`, or superseded then."""
        for k, _ in self.ended_by[j]:
            start = in_force_from(self.docs[k])
            if start is None or start <= as_of:
                return True
        return self._superseded_at(j, as_of) is not None

    def _suggestion(self, i: int, c: _Cand, q_terms: list[str], flags: list[str], province: str | None,
                    as_of: dt.date | None, issuer: str | None, doc_type: str | None,
                    own_terms: frozenset[str] = frozenset()) -> Suggestion:
        doc = self.docs[i]
        reasons: list[str] = []
        if c.mentioned:
            reasons.append("được nêu trong nội dung cần soạn")
        # A document known by its name alone (a law a text named) matched by its name: the
        # names the title index holds (`_title_text`), not every spelling texts gave it.
        matched = _matched_words(doc.title or " . ".join(sorted(doc.aliases)[:5]), q_terms, first=own_terms)
        if matched and (c.title >= 0.2 or c.whole_subject):
            reasons.append("khớp nội dung trích yếu: " + ", ".join(f"“{w}”" for w in matched))
        if c.usage >= 0.3 and self.citers[i]:
            reasons.append(f"nội dung khớp với ngữ cảnh {len(set(self.citers[i]))} văn bản đã căn cứ văn bản này")
        if c.neighbour_docs and c.neighbours >= 0.05:
            n = len(set(c.neighbour_docs))
            # An example the drafter could have read by as_of, if any.
            example = next((d for d in map(self.kb.get, c.neighbour_docs)
                            if d is not None and (not as_of or self._issued_by(d, as_of))), None)
            later = example is None
            example = example or self.kb.get(c.neighbour_docs[0])
            eg = (f" (vd. {format_citation(example, first=False)}"
                  f"{', ban hành sau ngày của dự thảo' if later and as_of else ''})") if example else ""
            reasons.append(f"được dẫn trong {n} văn bản có nhiệm vụ tương tự{eg}" if c.neighbours_cite_only
                           else f"được dùng làm căn cứ cho nhiệm vụ tương tự trong {n} văn bản{eg}")
        if c.structure_reason and c.structure >= 0.1:
            reasons.append(c.structure_reason)
        for other, count, of in c.cocited_with[:2]:
            o = self.kb.get(other)
            if o:
                reasons.append(_companion_reason(format_citation(o, first=False), count, of))
        if c.field_law:
            reasons.append("luật của lĩnh vực nêu trong nội dung cần soạn")
        if c.linked:
            reasons.append(f"văn bản trung ương về “{c.linked[1]}”, lĩnh vực của “{c.linked[0]}” nêu trong nội dung cần soạn")
        elif c.same_subject:
            reasons.append("văn bản trung ương cùng nội dung, được văn bản của địa phương căn cứ để triển khai")
        if c.content_heading and c.content >= CONTENT_MIN:
            reasons.append(f"có điều quy định nội dung cần soạn: “{c.content_heading}”")
        if c.topic_reason and c.topic >= 0.1:
            reasons.append(c.topic_reason)
        if c.inherited_from:
            o = self.kb.get(c.inherited_from)
            if o:
                reasons.append(f"là căn cứ của {format_citation(o, first=False)}, văn bản được sửa đổi, bổ sung")
        for other, count, of in c.anchor_of[:1]:
            o = self.kb.get(other)
            # An anchor already cited is said once (above).
            if o and all(other != cited for cited, _, _ in c.cocited_with[:2]):
                reasons.append(_companion_reason(format_citation(o, first=False), count, of))
        if c.amends:
            o = self.kb.get(c.amends)
            if o:
                reasons.append(f"sửa đổi, bổ sung {format_citation(o, first=False)}, được căn cứ cùng văn bản này")
        if c.guides:
            o = self.kb.get(c.guides)
            if o:
                reasons.append(f"hướng dẫn {format_citation(o, first=False)}, được căn cứ cùng văn bản này")
        if c.succeeds:
            o = self.kb.get(c.succeeds)
            if o:
                reasons.append(f"văn bản mới cùng tên, thay cho {format_citation(o, as_of=as_of)}")
        if c.in_force_for:
            o = self.kb.get(c.in_force_for)
            if o:
                reasons.append(f"đang có hiệu lực; {format_citation(o, first=False)} cùng tên chưa có hiệu lực"
                               + (f" tại ngày {format_date(as_of)}" if as_of else ""))
        reasons.extend(c.chain_reasons)
        # A version that is itself gone at as_of (Luật Đất đai 2013 in 2024) took its place in
        # the list from the one it replaced, but is no replacement to offer.
        for old in c.replaces if not (as_of and self._gone_at(i, as_of)) else ():
            o = self.kb.get(old)
            if o:
                named = format_citation(o, first=False)
                if named == format_citation(doc, first=False) and o.date:
                    named += f" năm {o.date.year}"  # "thay thế Luật Đất đai" named the law itself
                reasons.append(f"thay thế {named}, văn bản khớp với nhiệm vụ")
        if not reasons and matched and c.title > 0:
            # Nothing else to tell: the words it shares, however weak the match (a small KB,
            # a task of many words); a candidate with nothing to name is left out (suggest).
            reasons.append("khớp nội dung trích yếu: " + ", ".join(f"“{w}”" for w in matched))
        implemented_by = self.implemented_by(i, province, as_of, doc_type) if province else []
        return Suggestion(
            # Without as_of the draft is written today: every law in today's form (by number
            # since 2025), not each in the form of its own time.
            id=doc.id, symbol=doc.symbol, citation=format_citation(doc, as_of=as_of or dt.date.today()), score=c.score,
            reasons=reasons, implemented_by=implemented_by, flags=flags, title=doc.title,
            doc_type=doc_type_name(doc), date=doc.date, lead=lead_word(doc, doc_type),
        )

    def implemented_by(self, i: int, province: str | None, as_of: dt.date | None,
                       draft_type: str | None = None) -> list[dict[str, Any]]:
        """The province's documents that implement document i (KB `implements` edges), each
        with the words a draft of `draft_type` opens its line with."""
        out = []
        for j in self._province_implementers(i, province, as_of):
            impl = self.docs[j]
            out.append({"id": impl.id, "symbol": impl.symbol, "citation": format_citation(impl, as_of=as_of),
                        "lead": lead_word(impl, draft_type)})
        return out

    def _province_implementers(self, i: int, province: str | None, as_of: dt.date | None) -> Iterator[int]:
        """Indexes of the documents of `province` (with those of the units it absorbed by
        `as_of`, which stay in force there until replaced: `places.province_keys`) issued by
        `as_of` that implement document i and can be cited as its implementing plan
        (`implementing_plan`). A merged unit's documents are no other bases of the province."""
        for j in self.implementers[i]:
            impl = self.docs[j]
            if (same_province(impl.province, province, as_of) and not (as_of and not self._issued_by(impl, as_of))
                    and implementing_plan(impl, as_of)):
                yield j


def _companion_reason(cited: str, count: int, of: int) -> str:
    """The reason of a base rested on beside `cited` in `count` of the `of` documents of the
    KB resting on `cited`: "thường" (usually) only of a habit, COMPANION_HABIT of them and
    two at least; else how many did ("Luật Đất đai" beside "Luật Lưu trữ" in the one
    circular on cadastral records of a KB: no habit of plans on archives; Luật Tổ chức
    Chính phủ beside Luật Hải quan in 1 of 20 documents was "khoảng 6", a weighted share)."""
    if count >= 2 and count >= COMPANION_HABIT * of:
        return f"thường được căn cứ cùng {cited} ({count}/{of} văn bản căn cứ văn bản đó)"
    if count >= 2:
        return f"được căn cứ cùng {cited} trong {count}/{of} văn bản căn cứ văn bản đó"
    return f"từng được căn cứ cùng {cited} trong 1 văn bản"


def implementing_plan(doc: Document, as_of: dt.date | None) -> bool:
    """Whether a province's document implementing a central one is a plan a draft of
    `as_of` should cite beside it: it has a number to cite (a template or an annex without
    one cannot be: "KHUNG KẾ HOẠCH ... CỦA <SỞ/BAN/NGÀNH>"), it is dated by `as_of`, and the
    period its title names has not ended ("Kế hoạch ... giai đoạn 2016-2020" is no basis of
    a plan of 2026), and its type is one a province implements in (data/types.json: a
    Kế hoạch, a Quyết định; not a Công văn forwarding the central document)."""
    if not doc.symbol:
        return False
    type_name = doc_type_name(doc)
    kind = vocab.doc_type_by_word(type_name) if type_name else None
    if kind is not None and not kind.implements:
        return False
    if as_of and doc.date and doc.date > as_of:
        return False
    return as_of is None or period_over(doc.title, doc.doc_type, as_of) is None


def _once_each(ended_by: list[tuple[int, Relation]]) -> list[tuple[int, Relation]]:
    """Each document ending another once: its replacement when it both replaces and repeals
    it (a KB can hold both, from a catalog's inference and the law's final article)."""
    replacing = {j for j, rel in ended_by if rel is Relation.REPLACES}
    return [(j, rel) for j, rel in ended_by if rel is Relation.REPLACES or j not in replacing]


def _series_bounds(series: Iterable[list[tuple[int, dt.date | None, int]]], *,
                   latest: bool) -> dict[int, dt.date]:
    """For the undated members (number, None, index) of numbering series: with `latest`,
    the latest date of a lower number (issued no earlier); else the earliest date of a
    higher number (issued no later)."""
    out: dict[int, dt.date] = {}
    for members in series:
        bound: dt.date | None = None
        for _number, date, i in sorted(members, key=lambda m: m[0], reverse=not latest):
            if date is None:
                if bound is not None:
                    out[i] = bound
            elif bound is None or (date > bound if latest else date < bound):
                bound = date
    return out


@dataclass(frozen=True)
class _ScopeTable:
    """data/scopes.json, compiled once."""

    markers: re.Pattern[str]  # a marker, then the body (group 1)
    within: re.Pattern[str]  # "trong <body>" anywhere (group 1)
    at_end: re.Pattern[str]  # "của <body>" ending the title (group 1)
    stops: frozenset[str]  # function words that end a body, lower case with their marks
    max_words: int
    fields: tuple[str, ...]  # folded openings of a field, no scope
    open: re.Pattern[str]  # a title naming the localities too confines nothing
    named_by: dict[str, tuple[str, ...]]  # folded body -> folded words naming its field


@lru_cache(maxsize=1)
def _scopes() -> _ScopeTable:
    table = vocab.load_table("scopes.json")

    def alternatives(phrases: Iterable[str]) -> str:
        return "|".join(r"\s+".join(re.escape(w) for w in fold(p).lower().split())
                        for p in sorted(phrases, key=len, reverse=True))

    names = [b["name"] for b in table["bodies"]]
    return _ScopeTable(
        markers=re.compile(rf"(?<!\w)(?:{alternatives(table['markers'])})\s+([^,;()]+)"),
        within=re.compile(rf"(?<!\w)trong\s+({alternatives(names)})(?!\w)"),
        at_end=re.compile(rf"(?<!\w)cua\s+({alternatives(names)})(?:\s+viet\s+nam)?\W*$"),
        stops=frozenset(unicodedata.normalize("NFC", w).lower() for w in table["stops"]),  # "tại" is no "tải"
        max_words=int(table["max_words"]),
        fields=tuple(fold(w).lower() for w in table.get("fields", ())),
        open=re.compile(rf"(?<!\w)(?:{alternatives(table.get('open', ()))})(?!\w)"),
        named_by={" ".join(_syllables(b["name"])): tuple(" ".join(_syllables(w)) for w in b["named_by"])
                  for b in table["bodies"]})


@lru_cache(maxsize=32)
def _extracted(text: str) -> tuple[tuple[DocumentRef, ...], DocumentRef | None]:
    """The citations with a symbol that ingest's extractor reads in a task, and the draft's
    own header, read once per text: suggest and its notices ask for the same task. Callers
    must not change them."""
    from cancu.ingest.extract import extract_text  # ingest depends on graph, not the reverse

    try:
        ex = extract_text(text)
    except Exception:  # noqa: BLE001 - a reader failure must not stop suggestion
        return (), None
    return tuple(r for r in ex.citations if r.symbol is not None), ex.document


def _header_as_task(text: str) -> tuple[str, DocumentRef | None]:
    """A pasted draft's header ("UBND TỈNH QUẢNG NGÃI / Số: 73/KH-UBND / Quảng Ngãi, ngày
    ... / KẾ HOẠCH / Tổ chức Ngày Pháp luật Việt Nam năm 2026") as a typed task: its type
    and title, then the rest. The issuer, number, place and date lines are no subject: their
    words matched other plans of the province ("kế hoạch", "quảng ngãi"), and its own
    number was offered as a basis. The header itself is returned for its issuer and
    province; (text, None) when the text opens with no header."""
    header = _extracted(text)[1]
    if header is None or not header.subject or not header.doc_type or header.end <= 0 \
            or (header.symbol is None and header.date is None):
        return text, None
    return f"{header.doc_type} {header.subject}\n{text[header.end:]}", header


def own_scope(title: str | None) -> str | None:
    """The body a title confines its document to, as the title writes it ("Công an nhân
    dân" of "... chế độ tang lễ trong Công an nhân dân", "Giao thông vận tải" of "... trong
    ngành Giao thông vận tải"); None for a document on a subject, a field or a sector a
    ministry manages (data/scopes.json)."""
    if not title:
        return None
    folded = fold_aligned(title).lower()  # one character per character: spans map back
    table = _scopes()
    if table.open.search(folded):
        return None  # "... thuộc Bộ Y tế và ... tại địa phương": the localities too
    for pattern in (table.within, table.at_end):
        if (m := pattern.search(folded)) is not None:
            return title[m.start(1):m.end(1)]
    m = table.markers.search(folded)
    if m is None:
        return None
    words, kept = title[m.start(1):m.end(1)].split(), []
    for n, word in enumerate(words):
        # A stop word of one or two syllables ("và", "đối với") ends the body.
        if word.lower().strip(".") in table.stops or " ".join(words[n:n + 2]).lower() in table.stops:
            break
        kept.append(word)
    scope = " ".join(kept[:table.max_words]).strip(" .\"“”'")
    if not scope or any(fold(scope).lower().startswith(f) for f in table.fields):
        return None
    return scope


def _names_scope(text: str, scope: str) -> bool:
    """Whether the task names the body a document is confined to: the last two syllables
    of its name without "nhân dân" ("vận tải" of "Giao thông vận tải", "Tư pháp" of "Bộ
    Tư pháp"), or a word by which a task names a force's field (data/scopes.json
    'named_by': "nhập ngũ" for the Quân đội nhân dân)."""
    words = _syllables(scope)
    said = " " + " ".join(_syllables(text)) + " "
    if any(f" {w} " in said for w in _scopes().named_by.get(" ".join(words), ())):
        return True
    if words[-2:] == ["nhan", "dan"] and len(words) > 2:
        words = words[:-2]
    return bool(words) and f" {' '.join(words[-2:])} " in said


def _years_said(years: frozenset[int]) -> str:
    """"2024", or a run as a period: "2021-2025"."""
    lo, hi = min(years), max(years)
    return str(lo) if lo == hi else f"{lo}-{hi}" if len(years) == hi - lo + 1 else ", ".join(map(str, sorted(years)))


def _took_place_of(new: Document, old: Document) -> bool:
    """Whether `new`, which repealed `old`, took its place: of its type, no amending one, on
    its subject (Luật Khoa học, công nghệ và đổi mới sáng tạo 93/2025/QH15 for Luật Khoa
    học và công nghệ 2013). A law repealing others in passing did not."""
    return new.doc_type == old.doc_type and not _amending_title(new) and subjects_agree(old.title, new.title)


def _amending_title(doc: Document) -> bool:
    """Whether a document's title, without its type word, begins like an amending one
    ("sửa đổi, bổ sung một số điều của ...")."""
    return is_amending_name(strip_type_word((doc.title or "").strip(), doc_type_name(doc)))


def validity_flags(docs: Sequence[Document], ended_by: Sequence[tuple[int, Relation]], doc: Document,
                   as_of: dt.date | None) -> tuple[list[str], int | None]:
    """Why `doc` is not a valid căn cứ at `as_of` (Vietnamese), and its replacement (what
    replaced it, or repealed it and took its place: `_took_place_of`).

    A replacing/repealing document counts from its entry into force (its issue date when
    that is unknown); without `as_of` every known replacement counts, each with its date.
    The status from the national database describes the day the catalog was built, so it
    is used only where no edge or date explains it (graph/validity.py)."""
    flags: list[str] = []
    replacement: int | None = None
    for j, rel in sorted(ended_by, key=lambda p: docs[p[0]].date or dt.date.min):
        by = docs[j]
        start = in_force_from(by)
        if as_of and start and start > as_of:
            continue
        when = f" từ ngày {format_date(start)}" if start else ""
        if rel is Relation.REPLACES:
            flags.append(f"đã bị thay thế bởi {format_citation(by)}{when}")
            replacement = j
        else:
            flags.append(f"đã bị bãi bỏ bởi {format_citation(by)}{when}")
            if replacement is None and _took_place_of(by, doc):
                replacement = j
    # A replacement or repeal the KB knows explains today's status: at an earlier as_of the
    # document was still in force (Luật 77/2015 for a draft of 2020, replaced in 2025).
    if not ended_by and is_expired_status(doc.status):
        flags.append(f"{doc.status} (theo cơ sở dữ liệu quốc gia)")
    # Without as_of the draft is judged on today's date: the stored "Chưa có hiệu lực" is
    # the catalog's day's, and an effective date since passed overrides it.
    if (effective := doc.effective_date) and effective > (as_of or today()):
        since = f"có hiệu lực từ {format_date(effective)}"
        flags.append(f"chưa có hiệu lực tại ngày {format_date(as_of)} ({since})" if as_of
                     else f"{STATUS_NOT_YET} ({since})")
    elif not as_of and is_not_yet_status(doc.status) and doc.effective_date is None:
        flags.append(str(doc.status))
    return flags, replacement


_OF_WORD = re.compile(rf"\b{_OF}\b")  # in folded text: "cua"
AGENCY_SYLLABLES = 3  # enough of an agency's name to tell "Sở Nội vụ" from "Sở Tài chính"


@lru_cache(maxsize=1)
def _charter_core() -> re.Pattern[str] | None:
    """data/structural_bases.json charter_core, its words joined by a comma or "và"."""
    words = _syllables(vocab.structural_bases().charter_core)
    if not words:
        return None
    return re.compile(r"\b" + r"(?:\W+(?:va\W+)?)".join(map(re.escape, words)) + r"\b")


def charter_start(text: str) -> int | None:
    """Where in `text` the agency whose functions it sets out begins (data/structural_bases.json
    charter_core, then the next "của": "... nhiệm vụ, quyền hạn và cơ cấu tổ chức của | Bộ
    Nội vụ"), or None when it sets out none."""
    core = _charter_core()
    folded = fold_aligned(text)
    found = core.search(folded) if core else None
    of = _OF_WORD.search(folded, found.end()) if found else None
    return of.end() if of is not None and _syllables(folded[of.end():]) else None


def charter_agency(text: str) -> str | None:
    """The agency whose functions `text` sets out, as folded syllables (`charter_start`)."""
    start = charter_start(text)
    return " ".join(_syllables(text[start:])) if start is not None else None


def same_agency(a: str, b: str) -> bool:
    """Whether two agencies' names (folded syllables) are one agency's: their first
    AGENCY_SYLLABLES syllables agree ("so noi vu tinh binh dinh", "so noi vu thuoc ...")."""
    return a.split()[:AGENCY_SYLLABLES] == b.split()[:AGENCY_SYLLABLES]


def _name_year(doc_id: str) -> int | None:
    """The year a name id ends with ("name/luat-dat-dai-2013" -> 2013)."""
    m = re.search(r"-(\d{4})$", doc_id)
    return int(m.group(1)) if m else None


def issue_year(doc: Document) -> int | None:
    """The year a document was issued: its date's, else the one its number carries
    ("qh/2025/72": the KB knows Luật 72/2025/QH15 by number only), else its name's."""
    if doc.date:
        return doc.date.year
    return _year_from_id(doc.id) or _name_year(doc.id)


def _year_from_id(doc_id: str) -> int | None:
    parts = doc_id.split("/")
    if len(parts) >= 2 and parts[1].isdigit() and len(parts[1]) == 4:
        return int(parts[1])
    return None


def _matched_words(title: str, q_terms: Sequence[str], limit: int = 4,
                   first: frozenset[str] = frozenset()) -> list[str]:
    """Two-syllable query words found in a title, written as the title writes them (with
    accents); those of `first` (the task's own words, not the ones subject links added)
    come first. Single syllables ("hành", "một") and pairs with a function word ("về cơ")
    say nothing to a reader, so they are left out."""
    words = _WORD.findall(title)
    folded = [fold(w) for w in words]
    boiler, _ = vocab.title_boilerplate()
    q = set(q_terms) - boiler  # "quy định", "hướng dẫn" name the act: no sign of a subject shared
    empty = vocab.function_words()  # "về cơ", "định về" name nothing
    straddling = _straddling_pairs(title, len(words))
    bodies = _body_positions(tuple(folded))
    out: list[tuple[bool, str]] = []
    used: set[int] = set()
    for a in range(len(folded) - 1):
        pair = f"{folded[a]}_{folded[a + 1]}"
        if words[a].lower() in empty or words[a + 1].lower() in empty:
            continue
        if a in bodies or a + 1 in bodies:
            continue  # "ban nhân" of "Ủy ban nhân dân" names a body, no subject shared
        if a in straddling:
            continue  # "công trực" of "dịch vụ công trực tuyến" straddles two words
        if pair in q and a not in used and a + 1 not in used:
            out.append((pair not in first, f"{words[a]} {words[a + 1]}".lower()))
            used.update((a, a + 1))
    ordered = [w for _, w in sorted(out, key=lambda p: p[0])]  # stable: title order within each
    return list(dict.fromkeys(ordered))[:limit]


@lru_cache(maxsize=1)
def _body_names() -> tuple[tuple[str, ...], ...]:
    """The bodies' names of data/citation_forms.json proper_nouns ("Ủy ban nhân dân",
    "Chính phủ"), as folded syllables."""
    return tuple(tuple(_syllables(n)) for n in citation_forms().proper_nouns if len(_syllables(n)) > 1)


@lru_cache(maxsize=1)
def _local_issuer_codes() -> tuple[str, ...]:
    """The codes of data/issuers.json's local bodies (UBND, HĐND, ...)."""
    return tuple(i.code for i in vocab.issuers() if i.local)


# Both caches hold a title each: room for every title of the national catalog and more.
@lru_cache(maxsize=16384)
def _body_positions(folded: tuple[str, ...]) -> frozenset[int]:
    """Positions of `folded` (a title's syllables) inside a body's name."""
    out: set[int] = set()
    for name in _body_names():
        for k in range(len(folded) - len(name) + 1):
            if folded[k:k + len(name)] == name:
                out.update(range(k, k + len(name)))
    return frozenset(out)


@lru_cache(maxsize=16384)
def _straddling_pairs(title: str, syllables: int) -> frozenset[int]:
    """Where in `title` two neighbouring syllables belong to two words, one of them of
    several syllables, by the real word segmenter (underthesea's CRF): "công trực" of "dịch
    vụ công trực tuyến" ("trực tuyến" is one word). Two single syllables ("một cửa") may be
    a term the segmenter does not know, and stay. Empty when the segmenter's syllables do
    not line up with the title's `syllables` words. Cached: titles recur query after query."""
    seg = analysis.analyze(title, segmenter="crf")  # analyze normalizes
    if len(seg.sylls) != syllables:
        return frozenset()
    word_of = list(range(syllables))  # a syllable alone is its own word
    for start, size in seg.compounds:
        for k in range(start, start + size):
            word_of[k] = start
    in_compound = {k for start, size in seg.compounds for k in range(start, start + size)}
    return frozenset(a for a in range(syllables - 1)
                     if word_of[a] != word_of[a + 1] and (a in in_compound or a + 1 in in_compound))


# --- the public function and its cache ---------------------------------------------------

_CACHE_SIZE = 4
_cache: dict[tuple[str, int, int], tuple[weakref.ref[Any] | None, Any]] = {}
_cache_lock = threading.Lock()
T = TypeVar("T")


def per_version(kb: Any, factory: Callable[[Any], T]) -> T:
    """`factory(kb)` computed once per KB version: keyed on (factory, id(kb), kb.version)
    and checked through a weak reference, so a new KB that reuses a freed object's address
    never gets a stale answer. At most a few entries are kept, so tests need no reset."""
    key = (getattr(factory, "__qualname__", repr(factory)), id(kb), getattr(kb, "version", 0))
    with _cache_lock:  # web server threads share it: lookups and evictions must not interleave
        hit = _cache.get(key)
    if hit is not None:
        ref, value = hit
        if ref is None or ref() is kb:
            return value
    value = factory(kb)  # outside the lock: two threads may both build it, neither waits on the other
    try:
        ref = weakref.ref(kb)
    except TypeError:
        ref = None
    with _cache_lock:
        for old in [k for k in _cache if k[:2] == key[:2]]:
            _cache.pop(old, None)
        while len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)), None)
        _cache[key] = (ref, value)
    return value


def forget(kb: Any) -> None:
    """Drop what `per_version` keeps for `kb` (a server that loaded a newer KB from disk
    frees the old one's suggester, and with it the old KB)."""
    with _cache_lock:
        for key in [k for k in _cache if k[1] == id(kb)]:
            _cache.pop(key, None)


def suggester_for(kb: ReadableKB) -> Suggester:
    """The Suggester of this KB at its current version (see `per_version`)."""
    return per_version(kb, Suggester)


def notices(kb: ReadableKB, text: str, *, issuer: str | None = None, province: str | None = None,
            as_of: dt.date | None = None, already_cited: Sequence[str] = ()) -> list[str]:
    """What `suggest` could not weigh in `text`: documents it names that the KB lacks or
    cannot tell apart, references in `already_cited` not found, a writer whose level no
    longer exists at `as_of`, a province merged away by then (see Suggester.notices)."""
    return suggester_for(kb).notices(text, issuer=issuer, province=province, as_of=as_of,
                                     already_cited=already_cited)


def suggest(kb: ReadableKB, text: str, *, issuer: str | None = None, province: str | None = None,
            as_of: dt.date | None = None, already_cited: Sequence[str] = (), k: int = 10) -> list[Suggestion]:
    """Ranked căn cứ for `text` (a task, a plan title, a draft section); see the module
    docstring for the signals. `issuer` is a code or a name; `province` the drafting
    province (its implementing documents are attached, other provinces' documents are
    left out); `already_cited` are ids or written symbols the draft already cites."""
    return suggester_for(kb).suggest(text, issuer=issuer, province=province, as_of=as_of,
                                     already_cited=already_cited, k=k)
