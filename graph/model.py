"""The document model: what a mention says, what the knowledge base knows, how they relate.

`DocumentRef` is one mention in one text, with offsets into the original text.
`Document` is a node of the knowledge base, with every attribute's sources.
`Relation` names the edge types of domain.md §6; their Vietnamese headings, cue phrases
and ELI properties live in `data/relations.json` (see `relation_info`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from cancu.graph import vocab
from cancu.graph.symbol import Symbol, SymbolClass, parse_symbol
from cancu.graph.text import quote as quote_around


class Relation(StrEnum):
    BASED_ON = "based_on"
    IMPLEMENTS = "implements"
    GUIDES = "guides"
    AMENDS = "amends"
    REPLACES = "replaces"
    REPEALS = "repeals"
    CORRECTS = "corrects"
    CONSOLIDATES = "consolidates"
    SUSPENDS = "suspends"
    CITES = "cites"

    @property
    def info(self) -> vocab.RelationInfo:
        return vocab.relations()[self.value]

    @property
    def active_heading(self) -> str:
        """Heading on the acting document ("Căn cứ ban hành")."""
        return self.info.active

    @property
    def passive_heading(self) -> str:
        """Heading on the target document ("Văn bản áp dụng (được căn cứ)")."""
        return self.info.passive

    @property
    def eli_property(self) -> str:
        return self.info.eli


# Relations after which the target stops being a valid căn cứ.
ENDING_RELATIONS = frozenset({Relation.REPLACES, Relation.REPEALS})


@dataclass
class Problem:
    """Something wrong in a text, with its span (offsets into the original text)."""

    kind: str  # bad_date, suspicious_date, missing_year, date_conflict, type_mismatch, ...
    message: str  # Vietnamese, for the user
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class DocumentRef:
    """What one mention of a document says. Offsets are into the original text:
    `original[start:end] == text`. Every field the mention does not state is None."""

    text: str
    start: int
    end: int
    doc_type: str | None = None  # Vietnamese type name: "Nghị định", "Kế hoạch", ...
    symbol: Symbol | None = None
    date: dt.date | None = None
    issuer: str | None = None  # issuer code: CP, TTg, UBND, BTTTT
    issuer_text: str | None = None  # as written: "TTCP", "UBND tỉnh"
    province: str | None = None  # province name for local issuers
    # The unit below the province for a body that exists there too ("huyện Sơn Tịnh" of
    # "UBND huyện Sơn Tịnh"; data/provinces.json 'units'); None for the province's own. The
    # bare level ("huyện") when the text does not say which: identity then stays unknown.
    locality: str | None = None
    subject: str | None = None  # trích yếu as written (NFC, whitespace folded)
    pinpoint: str | None = None  # "Điều 25", "khoản 2 Điều 5"
    name: str | None = None  # for documents cited by name only: "Luật Công nghệ thông tin"
    relation: Relation = Relation.CITES
    id: str | None = None  # resolved document id, when resolution ran
    # Year stated without a full date ("Luật Đất đai năm 2013", "Hiến pháp 2013").
    issue_year: int | None = None
    # Month of a draft's header whose day is blank ("ngày    tháng 10 năm 2026").
    issue_month: int | None = None

    @property
    def number(self) -> int | None:
        return self.symbol.number if self.symbol else None

    @property
    def year(self) -> int | None:
        if self.symbol and self.symbol.year:
            return self.symbol.year
        if self.date:
            return self.date.year
        return self.issue_year

    def to_json(self) -> dict[str, Any]:
        """The `cancu extract --json` citation shape (README, "JSON schema")."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "doc_type": self.doc_type,
            "number": self.symbol.number_text if self.symbol else None,
            "symbol": self.symbol.canonical() if self.symbol else None,
            "year": self.year,
            "date": self.date.isoformat() if self.date else None,
            "issuer": self.issuer,
            "province": self.province,
            "locality": self.locality,
            "subject": self.subject,
            "pinpoint": self.pinpoint,
            "name": self.name,
            "relation": self.relation.value,
            "id": self.id,
        }


@dataclass
class Provenance:
    """Where an assertion comes from: a source document (or catalog) and the sentence."""

    source: str  # document id of the asserting document, or "catalog:<name>"
    file: str | None = None
    start: int | None = None
    end: int | None = None
    sentence: str | None = None
    task: str | None = None  # the plan task ("8. Nâng cấp hạ tầng ...") whose căn cứ this is

    #: Provenance of the catalog's edges read from a title ("Hướng dẫn thi hành Nghị định số
    #: 61/2018/NĐ-CP"): its sentence is the guiding document's own title.
    TITLE_SOURCE = "catalog:title"

    @property
    def context(self) -> str | None:
        """The sentence as another document's words about the target, which search and the
        suggester read as what the target is used for. A title note is not: it restates the
        guiding document's title, and as the target's context it would make a law look like
        its own guidance ("nghị định hướng dẫn luật lý lịch tư pháp" finding the law)."""
        return None if self.source == self.TITLE_SOURCE else self.sentence

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Edge:
    """A typed relation `source --relation--> target` between document ids."""

    source: str
    relation: Relation
    target: str
    provenance: list[Provenance] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.provenance)


@dataclass
class Task:
    """A task of a plan ("1. Thuê dịch vụ ...") and the citations its "Căn cứ áp dụng" names."""

    title: str
    start: int
    end: int
    bases: list[DocumentRef] = field(default_factory=list)


# The number that opens an article heading: "Điều 471. " of "Điều 471. Họ, hụi, biêu, phường".
HEADING_NUMBER = re.compile(r"^Điều\s+(\d+)([a-zđ]?)\.\s*")

# Facts that hold several values at once (a document has many aliases and is described by
# many mentions' subjects): listed with their sources but never a conflict.
MULTI_VALUED_FACTS = frozenset({"aliases", "subjects", "topics", "headings", "vbpl_item_id"})


@dataclass
class Document:
    """A node of the knowledge base. Scalar attributes hold the best-supported value;
    `facts` keeps every value seen per attribute with its sources, so conflicts are listed,
    never silently overwritten."""

    id: str
    doc_type: str | None = None
    symbol: str | None = None
    issuer: str | None = None  # issuer code
    issuer_name: str | None = None
    level: str | None = None
    province: str | None = None
    locality: str | None = None  # unit below the province: "huyện Sơn Tịnh" (DocumentRef)
    date: dt.date | None = None
    effective_date: dt.date | None = None
    title: str | None = None
    status: str | None = None  # Còn hiệu lực / Hết hiệu lực toàn bộ / ...
    aliases: set[str] = field(default_factory=set)
    text: str | None = None
    facts: dict[str, dict[str, list[str]]] = field(default_factory=dict)

    @property
    def topics(self) -> list[str]:
        """Pháp điển đề mục the document's articles were codified under ("33.3 Phí và lệ phí")."""
        return sorted(self.facts.get("topics", {}))

    @property
    def headings(self) -> list[str]:
        """Its articles' headings, in the order of its text ("Điều 471. Họ, hụi, biêu, phường"):
        known for the laws whose full text the catalog was built from."""
        return list(self.facts.get("headings", {}))

    @property
    def last_article(self) -> int | None:
        """The number of its last article, where its headings are known."""
        numbers = [int(m.group(1)) for h in self.headings if (m := HEADING_NUMBER.match(h))]
        return max(numbers) if numbers else None

    @property
    def consolidated(self) -> bool:
        """Whether this is a consolidated text (văn bản hợp nhất, "07/VBHN-VPQH"): a reading
        aid, never a document others rest on or name. Told by any symbol it was given first,
        which citations resolved to it cannot outvote as they can its type."""
        return is_consolidated((parse_symbol(w) for w in self.facts.get("symbol", {})), self.doc_type)

    def conflicts(self) -> dict[str, dict[str, list[str]]]:
        """Attributes with more than one value, each value with its sources. Values that
        differ only in letter case, spacing or a final stop are one value written twice (the
        catalog's "Về họ, hụi, biêu, phường" and the full text's upper-case "VỀ HỌ, HỤI, BIÊU,
        PHƯỜNG"), not a conflict a reader must settle."""
        return {k: v for k, v in self.facts.items()
                if len(v) > 1 and k not in MULTI_VALUED_FACTS and len({_same_value(x) for x in v}) > 1}


@dataclass
class ExtractedEdge:
    """A relation stated in a text. `source`/`target` index `Extraction.citations`;
    `source=None` is the document itself (its "Căn cứ"/"Thực hiện" lines); `target=None`
    is the document itself too, for cues written in the passive ("được hướng dẫn bởi
    Nghị định 38/2024/NĐ-CP": the decree guides this document). Offsets and `sentence` are
    the provenance: the span of the text that asserts it."""

    source: int | None
    relation: Relation
    target: int | None
    start: int
    end: int
    sentence: str


@dataclass
class Extraction:
    """Everything `cancu extract` reads from one text."""

    file: str | None
    text: str  # the original text, untouched
    document: DocumentRef  # the document itself: its header facts (offsets of its header)
    citations: list[DocumentRef] = field(default_factory=list)
    edges: list[ExtractedEdge] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    # Where the header's type heading and title begin (None: no heading found); the body
    # begins where the header ends, at `document.end`.
    title_start: int | None = None
    # `text` with its page footers (URL lines, page numbers) blanked, offset for offset:
    # what quotes are taken from. None: `text` itself.
    lines: str | None = None
    # The day the text says it takes effect ("... có hiệu lực thi hành kể từ ngày ...";
    # graph/effective.py), None when it does not say.
    effective_date: dt.date | None = None

    def quote(self, start: int, end: int) -> str:
        """The sentence of the text around [start, end), for the user to read: never the
        header's lines for a mention in the body, only the title for one in the title."""
        return quote_around(self.lines or self.text, start, end, body_start=self.document.end,
                     title_start=self.title_start)[2]


def is_consolidated(symbols: Iterable[Symbol | None], doc_type: str | None) -> bool:
    """Whether a document with these symbols and type is a consolidated text: a VBHN
    symbol, or a type of the class "consolidated" (data/types.json)."""
    if any(sym is not None and sym.klass is SymbolClass.CONSOLIDATED for sym in symbols):
        return True
    own = vocab.doc_type_by_name(doc_type or "")
    return own is not None and "consolidated" in own.classes


def _same_value(value: str) -> str:
    """A fact value as compared for conflicts: case, spacing and a final stop ignored."""
    return " ".join(value.split()).casefold().rstrip(" .;,:")
