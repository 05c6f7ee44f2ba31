"""Turning what `cancu.graph` answers into plain JSON for pages and the API.

Pure functions over the model objects (`Document`, `Edge`, ...): no Flask, no state.
Highlighting is done here as *parts* (`[{"text", "mark"}]`), never as HTML, so pages and
scripts build `<mark>` elements around escaped text and no stored text can inject markup.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, is_dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

from cancu.graph.citation import lead_word
from cancu.graph.identity import eli_uri
from cancu.graph.kb import display_name
from cancu.graph.model import Document, Edge, Relation
from cancu.graph.text import fold, fold_aligned, match_key

#: Short Vietnamese verbs for relation labels in the chain graph and lists.
RELATION_VERBS: dict[str, str] = {
    "based_on": "căn cứ",
    "implements": "thực hiện",
    "guides": "hướng dẫn",
    "amends": "sửa đổi, bổ sung",
    "replaces": "thay thế",
    "repeals": "bãi bỏ",
    "corrects": "đính chính",
    "consolidates": "hợp nhất",
    "suspends": "đình chỉ",
    "cites": "dẫn chiếu",
}


def to_plain(value: Any) -> Any:
    """A JSON-ready copy of `value`: dataclasses, enums, dates, sets and objects with
    `to_json()` become dicts, strings and lists."""
    if hasattr(value, "to_json") and callable(value.to_json):
        return to_plain(value.to_json())
    if is_dataclass(value) and not isinstance(value, type):
        return to_plain(asdict(value))
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [to_plain(v) for v in value]
        return sorted(items, key=str) if isinstance(value, (set, frozenset)) else items
    return value


def sources_of(doc: Document) -> list[str]:
    """Every source that asserted a fact of `doc` (catalogs and citing documents)."""
    seen: dict[str, None] = {}
    for values in doc.facts.values():
        for srcs in values.values():
            for s in srcs:
                seen.setdefault(s, None)
    return list(seen)


# What a reader calls each attribute a source may state (graph/kb.py facts), for the
# table of values the sources disagree on.
ATTRIBUTE_LABELS = {
    "doc_type": "Loại văn bản", "symbol": "Số ký hiệu", "issuer": "Cơ quan ban hành",
    "issuer_name": "Tên cơ quan ban hành", "province": "Tỉnh, thành phố", "locality": "Đơn vị hành chính",
    "status": "Tình trạng", "date": "Ngày ban hành", "effective_date": "Ngày hiệu lực",
    "title": "Trích yếu", "subjects": "Nội dung theo trích dẫn", "aliases": "Tên gọi khác",
}

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def vietnamese_only(message: str) -> str:
    """The Vietnamese sentences of a bilingual message ("Câu tìm kiếm dài quá 1000 ký tự.
    Query too long."), for a page: the API keeps both, a reader of the page reads
    Vietnamese, and a parameter's name loses the backticks the API writes it in."""
    parts = [p for p in _SENTENCE_BREAK.split(message.strip()) if any(ord(c) > 127 for c in p)]
    return (" ".join(parts) if parts else message).replace("`", "")


def document_summary(doc: Document | None, doc_id: str) -> dict[str, Any]:
    """The small form of a document used in lists: id, symbol, type, title, date, status."""
    if doc is None:
        return {"id": doc_id, "symbol": None, "doc_type": None, "title": None, "date": None,
                "status": None, "issuer": None, "known": False}
    return {
        "id": doc.id,
        "label": display_name(doc),
        "symbol": doc.symbol,
        "doc_type": doc.doc_type,
        "title": doc.title,
        "date": doc.date.isoformat() if doc.date else None,
        "status": doc.status,
        "issuer": doc.issuer,
        "province": doc.province,
        "locality": doc.locality,  # "huyện Sơn Tịnh": a unit's document, not the province's
        "known": True,
    }


# Where a catalog fact or edge comes from, as a reader names it (graph/catalog.py labels).
_CATALOG_SOURCES = {
    "catalog:phapdien": "Cơ sở dữ liệu quốc gia về pháp luật (pháp điển)",
    "catalog:corpus": "phần căn cứ của văn bản",
    "catalog:title": "trích yếu của văn bản",
    "catalog:derived": "suy ra từ quan hệ khác",
    "catalog:census": "danh sách luật của Quốc hội",
}


def source_of(source: str, get: Any) -> tuple[str, Document | None]:
    """Who asserted a fact or an edge, for a reader: the document (its label and itself,
    `get(id)` giving it) or, for the catalog's labels, words ("catalog:phapdien" is the
    national database)."""
    if source.startswith("catalog:"):
        return _CATALOG_SOURCES.get(source, "danh mục văn bản đi kèm"), None
    known = get(source) if source else None
    return (display_name(known), known) if known is not None else (source, None)


def label_of(summary: dict[str, Any]) -> str:
    """A short human label: the summary's label, else type + symbol, title, or id."""
    if summary.get("label"):
        return str(summary["label"])
    if summary.get("symbol"):
        return " ".join(p for p in (summary.get("doc_type"), summary["symbol"]) if p)
    return summary.get("title") or summary["id"]


def document_json(doc: Document, citation: str | None) -> dict[str, Any]:
    """Everything the document page shows, as JSON."""
    data = document_summary(doc, doc.id)
    data.update({
        "issuer_name": doc.issuer_name,
        "level": doc.level,
        "effective_date": doc.effective_date.isoformat() if doc.effective_date else None,
        "aliases": sorted(doc.aliases),
        "topics": doc.topics,
        "uri": eli_uri(doc.id),
        "citation": citation,
        # What opens a draft's line citing it ("Căn cứ", "Thực hiện"); None: no basis (a Báo cáo).
        "lead": lead_word(doc),
        "sources": sources_of(doc),
        "conflicts": to_plain(doc.conflicts()),
        "has_text": bool(doc.text),
        "text_chars": len(doc.text or ""),
    })
    return data


def provenance_json(edge: Edge) -> list[dict[str, Any]]:
    return [to_plain(p) for p in edge.provenance]


def group_relations(
    doc_id: str,
    outgoing: Iterable[Edge],
    incoming: Iterable[Edge],
    get: Any,
) -> list[dict[str, Any]]:
    """Relations grouped by type and direction under the national database's headings.

    An edge `doc --based_on--> X` lists X under "Căn cứ ban hành" (active heading);
    an edge `Y --based_on--> doc` lists Y under "Văn bản áp dụng (được căn cứ)" (passive).
    `get(id)` returns the other document or None."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for direction, edges in (("out", outgoing), ("in", incoming)):
        for edge in edges:
            other = edge.target if direction == "out" else edge.source
            item = document_summary(get(other), other)
            item["label"] = label_of(item)
            item["count"] = edge.count
            item["provenance"] = provenance_json(edge)
            for prov in item["provenance"]:
                prov["source_label"] = source_of(prov.get("source") or "", get)[0]
            groups[(Relation(edge.relation).value, direction)].append(item)
    order = [r.value for r in Relation]
    result = []
    for (rel, direction), items in sorted(groups.items(),
                                          key=lambda kv: (order.index(kv[0][0]), kv[0][1] != "out")):
        relation = Relation(rel)
        items.sort(key=lambda i: (i.get("date") or "", i["id"]), reverse=True)
        result.append({
            "relation": rel,
            "direction": direction,
            "heading": relation.active_heading if direction == "out" else relation.passive_heading,
            "count": len(items),
            "documents": items,
        })
    return result


# --- highlighting --------------------------------------------------------------------------

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1024)
def _terms_pattern(terms: tuple[str, ...]) -> re.Pattern[str]:
    """The whole-word pattern of `terms`, compiled once per term list (a page of hits
    shares one list; `re`'s own cache is small and shared with every other module)."""
    return re.compile(r"(?<!\w)(" + "|".join(re.escape(t) for t in terms) + r")(?!\w)")


def query_terms(query: str, known: set[str] | None = None) -> list[str]:
    """Folded words to highlight: `known` (what the search layer highlights) if given,
    else the query's words of two characters or more. Longest first."""
    terms = set(known) if known is not None else {
        fold(w) for w in _WORD.findall(query or "") if len(w) >= 2}
    return sorted(terms, key=len, reverse=True)


def mark_parts(text: str, terms: list[str]) -> list[dict[str, Any]]:
    """`text` split into `[{"text", "mark"}]`, marking whole-word, accent-insensitive
    occurrences of `terms`. The caller escapes each part (Jinja or `textContent`)."""
    if not text:
        return []
    if not terms:
        return [{"text": text, "mark": False}]
    folded = fold_aligned(text)
    pattern = _terms_pattern(tuple(terms[:20]))
    parts: list[dict[str, Any]] = []
    pos = 0
    for m in pattern.finditer(folded):
        if m.start() > pos:
            parts.append({"text": text[pos:m.start()], "mark": False})
        parts.append({"text": text[m.start():m.end()], "mark": True})
        pos = m.end()
    if pos < len(text):
        parts.append({"text": text[pos:], "mark": False})
    return parts


def accent_forms(query: str) -> dict[str, set[str]]:
    """For each accented query word, its folded form -> the accented spellings typed
    (tone placement unified). "một cửa" gives {"mot": {"một"}, "cua": {"cửa"}}."""
    forms: dict[str, set[str]] = {}
    for w in _WORD.findall(query or ""):
        if fold(w) != w.lower():
            forms.setdefault(fold(w), set()).add(match_key(w))
    return forms


def respect_accents(parts: list[dict[str, Any]], forms: dict[str, set[str]]) -> list[dict[str, Any]]:
    """Unmark a highlighted word whose folded form the user typed *with* other accents:
    for the query "một cửa", "cửa" stays marked and "của" does not."""
    if not forms:
        return parts
    out = []
    for p in parts:
        if p["mark"]:
            key = fold(p["text"]).strip()
            if key in forms and match_key(p["text"]) not in forms[key]:
                p = {"text": p["text"], "mark": False}
        out.append(p)
    return out


_TAG = re.compile(r"<(/?)(?:b|strong|em|mark)(?:\s[^>]*)?>", re.IGNORECASE)
_ENTITY = {"&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'", "&amp;": "&"}


def parts_from_markup(snippet: str) -> list[dict[str, Any]]:
    """Parts from a highlighter's HTML-ish snippet (`... <b class="match">term</b> ...`):
    only the highlight tags are read, every other character is kept as text."""
    parts: list[dict[str, Any]] = []
    pos, marked = 0, False
    for m in _TAG.finditer(snippet):
        if m.start() > pos:
            parts.append({"text": _unescape(snippet[pos:m.start()]), "mark": marked})
        marked = not m.group(1)
        pos = m.end()
    if pos < len(snippet):
        parts.append({"text": _unescape(snippet[pos:]), "mark": marked})
    return [p for p in parts if p["text"]]


def _unescape(text: str) -> str:
    return re.sub(r"&(?:lt|gt|quot|#39|amp);", lambda m: _ENTITY[m.group(0)], text)
