"""HTML pages. Each renders what a JSON twin under `/api/` returns (same Backend call),
so scripts only enhance: search-as-you-type, the chain graph, live suggestions, lint."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, abort, redirect, render_template, request, url_for

from cancu.graph.validity import STATUSES
from cancu.webui import present
from cancu.webui.api import resolve_id, run_search, search_params
from cancu.webui.app import backend, limits
from cancu.webui.params import check_text_length, int_arg, province_arg, str_arg
from cancu.webui.present import RELATION_VERBS
from cancu.webui.security import (
    ApiError,
    check_csrf,
    check_write_token,
    is_safe_id,
    write_token,
)
from cancu.webui.uploads import read_upload

bp = Blueprint("pages", __name__)

RDF_FORMATS = {
    "turtle": ("turtle", "text/turtle; charset=utf-8"),
    "ttl": ("turtle", "text/turtle; charset=utf-8"),
    "jsonld": ("json-ld", "application/ld+json"),
    "json-ld": ("json-ld", "application/ld+json"),
}
ACCEPTED = ["text/html", "text/turtle", "application/ld+json", "application/json"]


def not_found_page(query: str = "") -> ApiError:
    """A 404 whose page offers a search for what was asked."""
    return ApiError(404, "not_found", "Không tìm thấy văn bản này trong kho.", query=query[:200])


@bp.get("/")
def search_page() -> str:
    """Search: one box, facets, results (rendered here, then live from /api/search)."""
    try:
        params = search_params()
        data = run_search(params) if params["query"] or _has_filters(params) else None
        error = None
    except ApiError as exc:
        params, data, error = {"query": request.args.get("q", "")[:200]}, None, present.vietnamese_only(exc.message)
    return render_template("search.html", params=params, data=data, error=error,
                           statuses=STATUSES, stats=backend().stats())


def _has_filters(params: dict[str, Any]) -> bool:
    return any(params.get(k) for k in ("doc_type", "issuer", "level", "province", "year_from",
                                      "year_to", "status"))


@bp.get("/doc/<path:doc_id>")
def document_page(doc_id: str) -> Any:
    """A document: HTML card and Lược đồ, or its RDF by `Accept` / `?format=`."""
    lim = limits()
    if not is_safe_id(doc_id, lim.max_id_chars):
        raise not_found_page()
    be = backend()
    if be.get(doc_id) is None:
        try:
            canonical = resolve_id(doc_id)
        except ApiError as exc:
            if exc.code == "ambiguous":
                return redirect(url_for("pages.search_page", q=doc_id))
            raise not_found_page(doc_id) from None
        args: dict[str, Any] = dict(request.args.to_dict())
        return redirect(url_for("pages.document_page", doc_id=canonical, **args))
    fmt = request.args.get("format")
    if fmt is None:
        best = request.accept_mimetypes.best_match(ACCEPTED, default="text/html")
        fmt = {"text/turtle": "turtle", "application/ld+json": "jsonld",
               "application/json": "json"}.get(best or "", "html")
    if fmt == "json":
        return redirect(url_for("api.api_document", doc_id=doc_id))
    if fmt in RDF_FORMATS:
        rdf_format, mimetype = RDF_FORMATS[fmt]
        try:
            body = be.rdf_document(doc_id, rdf_format)
        except (ImportError, NotImplementedError) as exc:
            raise ApiError(503, "unavailable", "Đồ thị RDF chưa sẵn sàng.") from exc
        response = Response(body, mimetype=mimetype.split(";")[0])
        response.headers["Content-Type"] = mimetype
        response.headers["Vary"] = "Accept"
        return response
    if fmt != "html":
        raise ApiError(406, "not_acceptable", "Định dạng không hỗ trợ (html, turtle, jsonld, json).")
    doc = be.document(doc_id)
    response = Response(render_template(
        "doc.html", doc=doc, relations=be.relations(doc_id), problems=be.problems(doc_id),
        attribute_labels=present.ATTRIBUTE_LABELS,
        contexts=be.contexts(doc_id), text=be.text_of(doc_id)))
    response.headers["Vary"] = "Accept"
    return response


@bp.get("/chain")
def chain_page() -> str:
    """The implementation chain: interactive graph plus the same content as a nested list."""
    lim = limits()
    raw = str_arg("id", max_chars=lim.max_id_chars)
    direction = request.args.get("direction", "down")
    if direction not in ("up", "down"):
        direction = "down"
    depth = int_arg("depth", 3, low=1, high=lim.max_chain_depth) or 3
    chain = doc = None
    candidates: list[dict[str, Any]] = []
    if raw:
        try:
            doc_id = resolve_id(raw)
        except ApiError as exc:
            if exc.code != "ambiguous":
                raise not_found_page(raw) from None
            # "151/KH-UBND": two plans of that number; the user picks one, as on /doc.
            candidates = [present.document_summary(backend().get(i), i) for i in exc.extra.get("candidates", ())]
        else:
            chain = backend().chain(doc_id, direction, depth)
            doc = backend().document(doc_id)
    infos = {n["id"]: n for n in chain["nodes"]} if chain else {}
    return render_template("chain.html", chain=chain, doc=doc, raw=raw or "", candidates=candidates,
                           direction=direction, depth=depth, max_depth=lim.max_chain_depth,
                           headings=RELATION_VERBS, infos=infos)


@bp.get("/draft")
def draft_page() -> str:
    """Drafting assistant: live suggestions for a task, and a draft checker."""
    return render_template("draft.html", limits=limits(), provinces=backend().provinces())


@bp.get("/gaps")
def gaps_page() -> str:
    """Implementation gaps of a province."""
    province = province_arg()
    data = backend().gaps(province) if province else None
    return render_template("gaps.html", province=province or "", data=data,
                           provinces=backend().provinces())


@bp.get("/overview")
def overview_page() -> str:
    """Counts by type, year, issuer and status as inline SVG charts."""
    stats = backend().stats()
    rel_items = [(RELATION_VERBS.get(k, k), v) for k, v in stats["edges_by_relation"].items()]
    year_items = year_columns(stats["by_year"])
    return render_template("overview.html", stats=stats, rel_items=rel_items,
                           year_items=year_items)


def year_columns(by_year: dict[str, int], span: int = 30) -> list[tuple[str, int]]:
    """The last `span` years as continuous columns (empty years shown as 0), older ones
    summed into one "trước YYYY" column, so the axis is linear."""
    years = {int(y): n for y, n in by_year.items() if y.isdigit()}
    if not years:
        return []
    last = max(years)
    first = max(min(years), last - span + 1)
    older = sum(n for y, n in years.items() if y < first)
    items = [(f"trước {first}", older)] if older else []
    items += [(str(y), years.get(y, 0)) for y in range(first, last + 1)]
    return items


#: Titles and explanations of the lists `kb.gaps` returns.
GAP_TITLES = {
    "unimplemented": (
        "Văn bản trung ương tỉnh có trích dẫn nhưng chưa có văn bản thực hiện",
        "Các văn bản của tỉnh nhắc tới những văn bản dưới đây, nhưng không văn bản nào của "
        "tỉnh được ghi nhận là thực hiện chúng."),
    "unknown_targets": (
        "Văn bản tỉnh thực hiện nhưng kho chưa có thông tin đầy đủ",
        "Văn bản của tỉnh khai là thực hiện những văn bản dưới đây, nhưng kho chỉ biết chúng "
        "qua trích dẫn (chưa có trong danh mục quốc gia, chưa nạp toàn văn) hoặc chưa xác định "
        "được."),
}


@bp.app_template_global()
def gap_sections(data: dict[str, Any]) -> list[dict[str, Any]]:
    """The lists of a gaps answer as titled sections for the page."""
    return [{"key": key, "title": title, "help": help_text, "items": data.get(key, [])}
            for key, (title, help_text) in GAP_TITLES.items()]


@bp.route("/ingest", methods=["GET", "POST"])
def ingest_page() -> Any:
    """Upload-and-ingest form: needs the write token and this session's CSRF token.
    Absent (404) when no `CANCU_WRITE_TOKEN` is configured."""
    if write_token() is None:
        abort(404)
    message = None
    if request.method == "POST":
        check_csrf(request.form.get("csrf"))
        check_write_token(request.form.get("token"))
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise ApiError(400, "missing_file", "Chọn một tệp .txt hoặc .docx.")
        lim = limits()
        text = read_upload(upload.filename, upload.read(lim.max_body_bytes + 1), lim)
        check_text_length(text, lim)
        report = backend().ingest_text(text, upload.filename[:200])
        message = f"Đã nạp {upload.filename[:200]} → {report.get('document') or 'không rõ mã'}."
    return render_template("ingest.html", message=message)
