"""The published limits of the web service: one table, read by the app, the OpenAPI
description and docs/api.md, so the three cannot drift.

Bounds follow public services of the same kind: CourtListener's citation lookup caps a
request at 64,000 characters and 250 citations (issue #8, item 2).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any


@dataclass(frozen=True)
class Limits:
    """Every bound a request can hit. Override any of them through `create_app(config=...)`
    with the field name in upper case (e.g. `{"MAX_TEXT_CHARS": 10_000}`)."""

    #: Whole request body (JSON or multipart upload), bytes. Larger -> 413.
    max_body_bytes: int = 4 * 1024 * 1024
    #: Characters of text for /api/extract, /api/lint and /api/suggest. Larger -> 413.
    max_text_chars: int = 64_000
    #: Citations found in one /api/lint request. More -> 422.
    max_lint_citations: int = 250
    #: Uncompressed size of an uploaded .docx (zip-bomb guard), bytes. Larger -> 413.
    max_docx_uncompressed_bytes: int = 32 * 1024 * 1024
    #: Members of an uploaded .docx archive. More -> 422.
    max_docx_members: int = 2_000
    #: Characters of a search query. Longer -> 422.
    max_query_chars: int = 1_000
    #: Results per page for /api/search. Larger `limit` -> 422.
    max_page_size: int = 100
    #: Default results per page.
    default_page_size: int = 20
    #: Deepest reachable result: page * limit. Deeper -> 422.
    max_result_offset: int = 10_000
    #: Depth of /api/chain. Deeper -> 422.
    max_chain_depth: int = 6
    #: Nodes returned by /api/chain; the rest is cut and `truncated` is set.
    max_chain_nodes: int = 500
    #: Suggestions per /api/suggest request (`k`). Larger -> 422.
    max_suggestions: int = 50
    #: Entries in `already_cited`. More -> 422.
    max_already_cited: int = 250
    #: Characters of a SPARQL query. Longer -> 413.
    max_sparql_chars: int = 10_000
    #: Wall-clock seconds a SPARQL query may run. Longer -> 503 (`timeout`).
    sparql_timeout_s: float = 5.0
    #: Rows (or triples) a SPARQL query may return; the rest is cut and reported.
    sparql_max_results: int = 1_000
    #: Characters of a document id in a URL. Longer -> 404.
    max_id_chars: int = 200
    #: Bytes of the request line plus headers (waitress). Larger -> 431.
    max_header_bytes: int = 16 * 1024

    @classmethod
    def from_config(cls, config: dict[str, Any] | None,
                    environ: Mapping[str, str] | None = None) -> Limits:
        """Limits with overrides: `config["MAX_TEXT_CHARS"]`, else the environment variable
        `CANCU_MAX_TEXT_CHARS` (so `cancu serve` is configured without code)."""
        config = config or {}
        environ = environ if environ is not None else os.environ
        values = {}
        for f in fields(cls):
            key = f.name.upper()
            raw = config.get(key, environ.get(f"CANCU_{key}"))
            if raw is not None:
                kind = type(getattr(cls, f.name))
                try:
                    values[f.name] = kind(raw)
                except (TypeError, ValueError):
                    raise ValueError(f"{key} must be a {kind.__name__}, got {raw!r}") from None
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


#: One line per limit, in Vietnamese then English, for the docs and the OpenAPI description.
DESCRIPTIONS: dict[str, str] = {
    "max_body_bytes": "Kích thước thân yêu cầu (JSON hoặc tệp tải lên) / request body bytes → 413",
    "max_text_chars": "Số ký tự văn bản cho extract, lint, suggest / text characters → 413",
    "max_lint_citations": "Số trích dẫn trong một yêu cầu lint / citations per lint request → 422",
    "max_docx_uncompressed_bytes": "Dung lượng giải nén của .docx / uncompressed .docx bytes → 413",
    "max_docx_members": "Số tệp bên trong .docx / members of a .docx archive → 422",
    "max_query_chars": "Số ký tự của câu tìm kiếm / search query characters → 422",
    "max_page_size": "Số kết quả mỗi trang (limit) / results per page → 422",
    "default_page_size": "Số kết quả mặc định mỗi trang / default results per page",
    "max_result_offset": "Vị trí sâu nhất (page × limit) / deepest result offset → 422",
    "max_chain_depth": "Độ sâu chuỗi văn bản / chain depth → 422",
    "max_chain_nodes": "Số nút tối đa của chuỗi (cắt bớt, truncated=true) / chain nodes, cut",
    "max_suggestions": "Số gợi ý (k) / suggestions per request → 422",
    "max_already_cited": "Số văn bản trong already_cited / already_cited entries → 422",
    "max_sparql_chars": "Số ký tự của truy vấn SPARQL / SPARQL query characters → 413",
    "sparql_timeout_s": "Thời gian chạy tối đa của SPARQL (giây) / SPARQL seconds → 503",
    "sparql_max_results": "Số dòng kết quả SPARQL (cắt bớt) / SPARQL result rows, cut",
    "max_id_chars": "Độ dài mã văn bản trong URL / id characters → 404",
    "max_header_bytes": "Kích thước dòng yêu cầu và tiêu đề / request line + headers → 431",
}
