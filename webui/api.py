"""The JSON API under `/api/` and the read-only `/sparql` endpoint.

Every route checks its parameters against `Limits` first, then asks `Backend`. Errors are
`{"error": {"code", "message"}}` with 400/401/403/404/405/413/415/422/503 (see
docs/api.md and `/api/openapi.json`).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, render_template, request

from cancu.webui import openapi, sparql
from cancu.webui.app import backend, limits
from cancu.webui.params import (
    check_text_length,
    date_arg,
    id_or_404,
    int_arg,
    json_body,
    province_arg,
    str_arg,
    text_field,
)
from cancu.webui.security import ApiError, bearer_token, check_write_token
from cancu.webui.uploads import read_upload

bp = Blueprint("api", __name__)

def resolve_id(text: str) -> str:
    """The canonical id for `text` (an id or any writing of a symbol); 404 otherwise, with
    the candidates when the writing is ambiguous."""
    be = backend()
    if be.get(text) is not None:
        return text
    found = be.lookup(text)
    if len(found) == 1:
        return found[0]
    if found:
        raise ApiError(404, "ambiguous", "Ký hiệu ứng với nhiều văn bản; hãy chọn một.",
                       candidates=found[:20])
    raise ApiError(404, "not_found", "Không tìm thấy văn bản. Document not found.", query=text)


def search_params() -> dict[str, Any]:
    """Query and filters of a search request, bounded (shared with the search page)."""
    lim = limits()
    limit = int_arg("limit", lim.default_page_size, low=1, high=lim.max_page_size)
    page = int_arg("page", 1, low=1, high=max(1, lim.max_result_offset))
    assert limit is not None and page is not None
    if page * limit > lim.max_result_offset:
        raise ApiError(422, "out_of_range",
                       f"Chỉ xem được {lim.max_result_offset} kết quả đầu; hãy lọc thêm. "
                       "Result offset too deep.", parameter="page")
    q = request.args.get("q", "")
    if len(q) > lim.max_query_chars:
        raise ApiError(422, "query_too_long",
                       f"Câu tìm kiếm dài quá {lim.max_query_chars} ký tự. Query too long.",
                       limit=lim.max_query_chars)
    year_from = int_arg("year_from", None, low=1900, high=2100)
    year_to = int_arg("year_to", None, low=1900, high=2100)
    return {
        "query": q.strip(),
        "page": page,
        "limit": limit,
        "doc_type": str_arg("type"),
        "issuer": str_arg("issuer"),
        "level": str_arg("level"),
        "province": str_arg("province"),
        "year_from": year_from,
        "year_to": year_to,
        "status": str_arg("status"),
    }


def run_search(params: dict[str, Any]) -> dict[str, Any]:
    p = dict(params)
    return backend().search(p.pop("query"), **p)


@bp.get("/api/search")
def api_search() -> Response:
    """Full-text search with filters, facets, highlighted snippets and pagination."""
    return jsonify(run_search(search_params()))


@bp.get("/api/documents/<path:doc_id>/relations")
def api_relations(doc_id: str) -> Response:
    """Relations of a document, grouped by type and direction under their headings."""
    doc_id = resolve_id(id_or_404(doc_id, limits()))
    return jsonify({"id": doc_id, "relations": backend().relations(doc_id)})


@bp.get("/api/documents/<path:doc_id>")
def api_document(doc_id: str) -> Response:
    """One document: attributes, citation, sources, conflicts, problems."""
    doc_id = resolve_id(id_or_404(doc_id, limits()))
    be = backend()
    data = be.document(doc_id)
    assert data is not None
    data["problems"] = be.problems(doc_id)
    if request.args.get("text") in ("1", "true"):
        data["text"] = be.text_of(doc_id)
    return jsonify(data)


@bp.get("/api/chain")
def api_chain() -> Response:
    """The implementation chain of a document, down (implementers) or up (bases)."""
    lim = limits()
    raw = str_arg("id", max_chars=lim.max_id_chars)
    if not raw:
        raise ApiError(400, "missing_id", "Thiếu tham số id. The `id` parameter is required.")
    direction = request.args.get("direction", "down")
    if direction not in ("up", "down"):
        raise ApiError(422, "bad_direction", "direction phải là up hoặc down.")
    depth = int_arg("depth", 3, low=1, high=lim.max_chain_depth)
    assert depth is not None
    doc_id = resolve_id(raw)
    return jsonify(backend().chain(doc_id, direction, depth))


def _drafting_options(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "province": province_arg(source=data),
        "issuer": str_arg("issuer", source=data),
        "as_of": date_arg("as_of", source=data),
    }


@bp.post("/api/suggest")
def api_suggest() -> Response:
    """Ranked căn cứ suggestions for a task, each with reasons and a copy-ready citation."""
    lim = limits()
    data = json_body()
    text = text_field(data, lim)
    k = int_arg("k", 10, low=1, high=lim.max_suggestions, source=data)
    cited = data.get("already_cited") or []
    if not isinstance(cited, list) or not all(isinstance(c, str) for c in cited):
        raise ApiError(400, "bad_parameter", "already_cited phải là danh sách chuỗi.")
    if len(cited) > lim.max_already_cited:
        raise ApiError(422, "too_many", f"already_cited tối đa {lim.max_already_cited} mục.")
    return jsonify(backend().suggest(text, k=k, already_cited=tuple(cited),
                                     **_drafting_options(data)))


@bp.post("/api/basis-block")
def api_basis_block() -> Response:
    """The căn cứ block (NĐ 30/2020: one per line, ";" then "." last) for chosen ids."""
    lim = limits()
    data = json_body()
    ids = data.get("ids")
    if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
        raise ApiError(400, "bad_parameter", "ids phải là danh sách mã văn bản.")
    if len(ids) > lim.max_already_cited:
        raise ApiError(422, "too_many", f"Tối đa {lim.max_already_cited} văn bản.")
    task = data.get("task")
    if task is not None and not isinstance(task, str):
        raise ApiError(400, "bad_parameter", "task phải là chuỗi.")
    return jsonify(backend().basis_block(ids, as_of=date_arg("as_of", source=data),
                                         task=task[:lim.max_text_chars] if task else None))


def _draft_text() -> tuple[str, dict[str, Any]]:
    """The draft of a lint/extract request: JSON `{text, ...}` or a multipart `file`."""
    lim = limits()
    if request.mimetype == "multipart/form-data":
        upload = request.files.get("file")
        form = request.form.to_dict()
        if upload is None or not upload.filename:
            if form.get("text"):
                return text_field(form, lim), form
            raise ApiError(400, "missing_file", "Thiếu tệp (trường file) hoặc văn bản (text).")
        text = read_upload(upload.filename, upload.read(lim.max_body_bytes + 1), lim)
        check_text_length(text, lim)
        return text, form
    data = json_body()
    return text_field(data, lim), data


@bp.post("/api/lint")
def api_lint() -> Response:
    """Check every citation of a draft: status, problems and fixes, with offsets."""
    lim = limits()
    text, data = _draft_text()
    options = _drafting_options(data)
    options.pop("issuer")
    report = backend().lint(text, **options)
    n = len(report.get("citations", [])) + int(report.get("skipped") or 0)
    if n > lim.max_lint_citations:
        raise ApiError(422, "too_many_citations",
                       f"Bản thảo có {n} trích dẫn, vượt giới hạn {lim.max_lint_citations} mỗi "
                       "yêu cầu; hãy chia nhỏ. Too many citations in one request.",
                       limit=lim.max_lint_citations, found=n)
    report["text"] = text
    report["chars"] = len(text)
    return jsonify(report)


@bp.post("/api/extract")
def api_extract() -> Response:
    """Citations, relations, tasks and problems read from a text (the `cancu extract` JSON)."""
    text, _ = _draft_text()
    return jsonify(backend().extract(text))


@bp.get("/api/gaps")
def api_gaps() -> Response:
    """Central documents a province cites but does not implement, and the reverse."""
    province = province_arg()
    if not province:
        raise ApiError(400, "missing_province", "Thiếu tham số province (ví dụ: Quảng Ngãi). "
                       "Missing parameter `province`.")
    return jsonify(backend().gaps(province))


@bp.get("/api/stats")
def api_stats() -> Response:
    """Counts of documents by type, year, issuer, status and province; edges by relation."""
    return jsonify(backend().stats())


@bp.post("/api/ingest")
def api_ingest() -> tuple[Response, int]:
    """Add a text (JSON `{text, name}` or a .txt/.docx upload) to the KB. Needs the write
    token (`Authorization: Bearer <CANCU_WRITE_TOKEN>`)."""
    check_write_token(bearer_token())
    text, data = _draft_text()
    name = str_arg("name", max_chars=200, source=data) or "web-upload.txt"
    try:
        result = backend().ingest_text(text, name)
    except NotImplementedError as exc:
        raise ApiError(501, "not_implemented", "Kho chưa hỗ trợ nạp văn bản qua web.") from exc
    return jsonify({"ingested": name, "result": result}), 201


@bp.get("/api/openapi.json")
def api_openapi() -> Response:
    """The OpenAPI 3 description of this API, with every limit."""
    return jsonify(openapi.spec(limits()))


@bp.get("/api/")
def api_docs() -> str:
    """A readable page for the OpenAPI description."""
    return render_template("api.html", spec=openapi.spec(limits()), limits=limits())


@bp.route("/sparql", methods=["GET", "POST"])
def sparql_endpoint() -> Response:
    """Read-only SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE) with a time limit and result cap."""
    lim = limits()
    if request.method == "POST":
        if request.mimetype == "application/sparql-query":
            query = request.get_data(as_text=True)
        elif request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
            query = request.form.get("query", "")
        else:
            raise ApiError(415, "unsupported_media_type",
                           "Gửi truy vấn dạng application/sparql-query hoặc form (query=...).")
    else:
        query = request.args.get("query", "")
    return jsonify(sparql.run_query(backend().kb, query, lim))
