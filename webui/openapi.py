"""The OpenAPI 3.0 description of `/api/` and `/sparql`, built from `Limits` so the
published bounds are the enforced ones. A test checks every API route is listed here."""

from __future__ import annotations

from typing import Any

from cancu import __version__
from cancu.webui.limits import DESCRIPTIONS, Limits


def _error(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _q(name: str, description: str, schema: dict[str, Any], required: bool = False) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": required, "description": description,
            "schema": schema}


def _ok(description: str, ref: str | None = None) -> dict[str, Any]:
    schema = {"$ref": f"#/components/schemas/{ref}"} if ref else {"type": "object"}
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def spec(limits: Limits) -> dict[str, Any]:
    """The OpenAPI document as a dict."""
    L = limits
    doc_id = {"name": "id", "in": "path", "required": True,
              "description": "Mã văn bản (cp/2018/nd/61) hoặc ký hiệu (61/2018/NĐ-CP)",
              "schema": {"type": "string", "maxLength": L.max_id_chars}}
    errors = {
        "400": _error("Tham số sai / malformed request"),
        "404": _error("Không tìm thấy / not found (also path traversal)"),
        "405": _error("Phương thức không hỗ trợ / method not allowed"),
        "413": _error("Quá lớn / body or text too large"),
        "415": _error("Sai kiểu nội dung hoặc tệp / unsupported media or file type"),
        "422": _error("Vượt giới hạn / out of bounds"),
    }
    drafting_text = {"type": "string", "maxLength": L.max_text_chars}
    json_draft = {
        "type": "object", "required": ["text"],
        "properties": {
            "text": drafting_text,
            "as_of": {"type": "string", "format": "date"},
            "province": {"type": "string"},
        },
    }
    upload = {
        "type": "object", "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary",
                     "description": f".txt (UTF-8) hoặc .docx; tối đa {L.max_body_bytes} byte"},
            "as_of": {"type": "string", "format": "date"},
            "province": {"type": "string"},
        },
    }
    paths: dict[str, Any] = {
        "/api/search": {"get": {
            "summary": "Tìm kiếm văn bản / full-text search",
            "parameters": [
                _q("q", "Câu tìm kiếm, có hoặc không dấu; ký hiệu ở mọi dạng",
                   {"type": "string", "maxLength": L.max_query_chars}),
                _q("type", "Loại văn bản (Nghị định, Kế hoạch, ...)", {"type": "string"}),
                _q("issuer", "Mã cơ quan ban hành (CP, TTg, UBND, ...)", {"type": "string"}),
                _q("level", "Cấp (central, ministry, province, ...)", {"type": "string"}),
                _q("province", "Tỉnh (Quảng Ngãi)", {"type": "string"}),
                _q("year_from", "Từ năm", {"type": "integer", "minimum": 1900, "maximum": 2100}),
                _q("year_to", "Đến năm", {"type": "integer", "minimum": 1900, "maximum": 2100}),
                _q("status", "Tình trạng hiệu lực", {"type": "string"}),
                _q("limit", "Số kết quả mỗi trang",
                   {"type": "integer", "minimum": 1, "maximum": L.max_page_size,
                    "default": L.default_page_size}),
                _q("page", f"Trang (page × limit ≤ {L.max_result_offset})",
                   {"type": "integer", "minimum": 1, "default": 1}),
            ],
            "responses": {"200": _ok("Kết quả, facets, snippet có đánh dấu", "SearchResults"),
                          **errors},
        }},
        "/api/documents/{id}": {"get": {
            "summary": "Thuộc tính một văn bản / one document",
            "parameters": [doc_id, _q("text", "1 để kèm toàn văn", {"type": "string"})],
            "responses": {"200": _ok("Văn bản"), **errors},
        }},
        "/api/documents/{id}/relations": {"get": {
            "summary": "Lược đồ: quan hệ theo loại, hai chiều, kèm câu nguồn",
            "parameters": [doc_id],
            "responses": {"200": _ok("Nhóm quan hệ"), **errors},
        }},
        "/api/chain": {"get": {
            "summary": "Chuỗi văn bản thực hiện / implementation chain",
            "parameters": [
                _q("id", "Mã hoặc ký hiệu", {"type": "string"}, required=True),
                _q("direction", "down: văn bản thực hiện; up: căn cứ",
                   {"type": "string", "enum": ["down", "up"], "default": "down"}),
                _q("depth", "Độ sâu", {"type": "integer", "minimum": 1,
                                       "maximum": L.max_chain_depth, "default": 3}),
            ],
            "responses": {"200": _ok(f"Nút và cạnh (tối đa {L.max_chain_nodes} nút)"), **errors},
        }},
        "/api/suggest": {"post": {
            "summary": "Gợi ý căn cứ cho một nhiệm vụ / suggest legal bases",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["text"],
                "properties": {
                    "text": drafting_text,
                    "province": {"type": "string"}, "issuer": {"type": "string"},
                    "as_of": {"type": "string", "format": "date"},
                    "already_cited": {"type": "array", "items": {"type": "string"},
                                      "maxItems": L.max_already_cited},
                    "k": {"type": "integer", "minimum": 1, "maximum": L.max_suggestions,
                          "default": 10},
                }}}}},
            "responses": {"200": _ok("Gợi ý có lý do và trích dẫn"), **errors},
        }},
        "/api/basis-block": {"post": {
            "summary": "Khối căn cứ theo NĐ 30/2020 cho các văn bản đã chọn",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["ids"],
                "properties": {"ids": {"type": "array", "items": {"type": "string"},
                                       "maxItems": L.max_already_cited},
                               "as_of": {"type": "string", "format": "date"}}}}}},
            "responses": {"200": _ok("{block, ids, missing}"), **errors},
        }},
        "/api/lint": {"post": {
            "summary": f"Kiểm tra trích dẫn của bản thảo (≤ {L.max_lint_citations} trích dẫn)",
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": json_draft},
                "multipart/form-data": {"schema": upload}}},
            "responses": {"200": _ok("Trích dẫn, trạng thái, lỗi và cách sửa"), **errors},
        }},
        "/api/extract": {"post": {
            "summary": "Trích xuất trích dẫn, quan hệ, nhiệm vụ từ văn bản",
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": json_draft},
                "multipart/form-data": {"schema": upload}}},
            "responses": {"200": _ok("JSON của cancu extract"), **errors},
        }},
        "/api/gaps": {"get": {
            "summary": "Khoảng trống thực hiện của một tỉnh",
            "parameters": [_q("province", "Tỉnh", {"type": "string", "maxLength": 100},
                              required=True)],
            "responses": {"200": _ok("Văn bản trung ương chưa có văn bản thực hiện, và ngược lại"),
                          **errors},
        }},
        "/api/stats": {"get": {
            "summary": "Thống kê kho: theo loại, năm, cơ quan, tình trạng",
            "responses": {"200": _ok("Số liệu")},
        }},
        "/api/ingest": {"post": {
            "summary": "Nạp văn bản vào kho (cần mã ghi CANCU_WRITE_TOKEN)",
            "security": [{"writeToken": []}],
            "requestBody": {"required": True, "content": {
                "application/json": {"schema": {"type": "object", "required": ["text"],
                                                "properties": {"text": drafting_text,
                                                               "name": {"type": "string"}}}},
                "multipart/form-data": {"schema": upload}}},
            "responses": {"201": _ok("Đã nạp"),
                          "401": _error("Sai mã ghi"), "403": _error("Ghi qua web đang tắt"),
                          **errors},
        }},
        "/api/openapi.json": {"get": {"summary": "Mô tả OpenAPI này",
                                      "responses": {"200": _ok("OpenAPI 3")}}},
        "/sparql": {
            "get": {
                "summary": (f"SPARQL chỉ đọc (≤ {L.sparql_timeout_s:g} s, ≤ "
                            f"{L.sparql_max_results} dòng; từ chối INSERT/DELETE/LOAD/CLEAR/"
                            "DROP/SERVICE/FROM)"),
                "parameters": [_q("query", "SELECT / ASK / CONSTRUCT / DESCRIBE",
                                  {"type": "string", "maxLength": L.max_sparql_chars},
                                  required=True)],
                "responses": {"200": _ok("{variables, rows, boolean, truncated, seconds, limits}"),
                              "403": _error("Thao tác ghi hoặc SERVICE bị từ chối"),
                              "503": _error("Quá thời gian"), **errors},
            },
            "post": {
                "summary": "SPARQL chỉ đọc (POST)",
                "requestBody": {"required": True, "content": {
                    "application/sparql-query": {"schema": {"type": "string",
                                                            "maxLength": L.max_sparql_chars}},
                    "application/x-www-form-urlencoded": {"schema": {
                        "type": "object", "properties": {"query": {"type": "string"}}}}}},
                "responses": {"200": _ok("{variables, rows, boolean, truncated, seconds, limits}"),
                              "403": _error("Thao tác ghi hoặc SERVICE bị từ chối"),
                              "503": _error("Quá thời gian"), **errors},
            },
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "cancu API",
            "version": __version__,
            "description": ("Tra cứu căn cứ pháp lý, chuỗi văn bản thực hiện, gợi ý và kiểm tra "
                             "căn cứ. Every page of the site has a JSON twin here."),
        },
        "paths": paths,
        "components": {
            "schemas": {
                "Error": {"type": "object", "required": ["error"], "properties": {"error": {
                    "type": "object", "required": ["code", "message"],
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}}}}},
                "SearchResults": {"type": "object", "properties": {
                    "total": {"type": "integer"}, "took_ms": {"type": "number"},
                    "page": {"type": "integer"}, "limit": {"type": "integer"},
                    "results": {"type": "array", "items": {"type": "object"}},
                    "facets": {"type": "object"}}},
            },
            "securitySchemes": {"writeToken": {"type": "http", "scheme": "bearer"}},
        },
        "x-limits": {name: {"value": value, "description": DESCRIPTIONS.get(name, "")}
                     for name, value in limits.to_json().items()},
    }
