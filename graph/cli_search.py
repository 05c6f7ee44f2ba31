"""`cancu search`: full-text and symbol search over the knowledge base.

The verb is a thin shell over `SearchIndex.search`; `--json` prints exactly
`SearchResponse.to_json()`, the same shape as the web API. `--backend whoosh|tantivy`
picks the engine (default: $CANCU_SEARCH_BACKEND, else `search.DEFAULT_BACKEND`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from cancu.graph.search import (
    BACKEND_ENV,
    BACKENDS,
    DEFAULT_BACKEND,
    SearchError,
    SearchIndex,
    SearchResponse,
)

_TAG = re.compile(r"</?mark>")


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "search", help="tìm văn bản theo nội dung, tên hoặc số ký hiệu (search)",
        description="Tìm văn bản: gõ có dấu hoặc không dấu, số ký hiệu viết kiểu bất kỳ "
                    "(\"61/2018/ND-CP\", \"nd 61/2018\", \"qd 749 ttg\"), chữ viết tắt (CNTT, TTHC).",
    )
    p.add_argument("query", metavar="QUERY", nargs="*", help="nội dung cần tìm (để trống: duyệt theo bộ lọc)")
    p.add_argument("--type", dest="doc_type", metavar="T", help="loại văn bản: \"Nghị định\", \"nd\", \"QĐ\"")
    p.add_argument("--issuer", metavar="I", help="cơ quan ban hành: mã (CP, TTg, BTC) hoặc tên")
    p.add_argument("--level", metavar="L", help="cấp: central, ministry, province ...")
    p.add_argument("--province", metavar="P", help="tỉnh/thành (có dấu hoặc không)")
    p.add_argument("--year-from", type=int, metavar="Y", help="từ năm ban hành")
    p.add_argument("--year-to", type=int, metavar="Y", help="đến năm ban hành")
    p.add_argument("--status", metavar="S", help="hiệu lực: \"Còn hiệu lực\", \"het hieu luc toan bo\" ...")
    p.add_argument("--limit", type=int, default=10, metavar="N", help="số kết quả mỗi trang (mặc định 10)")
    p.add_argument("--page", type=int, default=1, metavar="N", help="trang (mặc định 1)")
    p.add_argument("--json", action="store_true", help="in JSON {total, took_ms, results, facets}")
    p.add_argument("--backend", choices=BACKENDS, default=None, metavar="B",
                   help=f"bộ máy tìm kiếm: whoosh hoặc tantivy (mặc định ${BACKEND_ENV}, "
                        f"nếu không đặt: {DEFAULT_BACKEND})")
    p.add_argument("--kb", metavar="DIR",
                   help="thư mục kho tri thức (mặc định $CANCU_HOME hoặc thư mục dữ liệu người dùng)")
    p.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from cancu.graph import store
    from cancu.graph.kb import open_kb

    try:
        kb = open_kb(args.kb)
    except store.KBError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    try:
        index = SearchIndex.open(kb, backend=args.backend)
        response = index.search(
            " ".join(args.query), doc_type=args.doc_type, issuer=args.issuer, level=args.level,
            province=args.province, year_from=args.year_from, year_to=args.year_to,
            status=args.status, limit=args.limit, page=args.page,
        )
    except SearchError as exc:
        print(f"Lỗi tìm kiếm: {exc.message}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(response.to_json(), ensure_ascii=False, indent=2))
    else:
        print(format_table(response, page=args.page, limit=args.limit))
    return 0


def _cut(text: str | None, width: int) -> str:
    text = re.sub(r"\s+", " ", text or "").strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(response: SearchResponse, *, page: int = 1, limit: int = 10) -> str:
    """A plain-text result list: rank, type, symbol, province, date, title, and the snippet."""
    import html

    first = (page - 1) * limit + 1
    lines = [f"{response.total} kết quả ({response.took_ms:.0f} ms)"]
    if response.notice:
        lines.append(response.notice)
        for hit in response.near:
            head = " ".join(p for p in (hit.doc_type, hit.symbol) if p) or hit.id
            lines.append(f"  - {head}  [{hit.date or '?'}]  {_cut(hit.title, 70)}   id: {hit.id}")
    elif not response.results:
        lines.append("Không tìm thấy văn bản nào.")
    for i, hit in enumerate(response.results, start=first):
        head = " ".join(p for p in (hit.doc_type, hit.symbol) if p) or hit.id
        if hit.province:  # "151/KH-UBND" of Quảng Ngãi or of Gia Lai
            head += f" ({hit.province})"
        lines.append(f"{i:>3}. {head}  [{hit.date or '?'}]  {hit.status or ''}".rstrip())
        if hit.title:
            lines.append(f"     {_cut(hit.title, 100)}")
        if hit.status_note:  # what lint says of it where the KB's status did not
            lines.append(f"     ! {_cut(hit.status_note, 110)}")
        elif hit.replaced_by:
            lines.append(f"     ! đã được thay thế; văn bản đang có hiệu lực: {hit.replaced_by_label or hit.replaced_by}")
        snippet = html.unescape(_TAG.sub("", hit.snippet))
        if snippet and snippet != hit.title:
            lines.append(f"     « {_cut(snippet, 100)} »")
        lines.append(f"     id: {hit.id}   điểm: {hit.score:.2f}")
    for name, counts in response.facets.items():
        if counts:
            shown = ", ".join(f"{k} ({v})" for k, v in list(counts.items())[:6])
            lines.append(f"{name}: {shown}")
    return "\n".join(lines)
