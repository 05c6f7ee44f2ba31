"""The Flask application: `create_app(kb_dir=None, *, config=None)`.

Pages (`pages.py`) and their JSON twins under `/api/` (`api.py`) both call `Backend`
(`backend.py`), the only module that talks to `cancu.graph`. Safety (headers, ids, write
token, CSRF) lives in `security.py`; every published bound in `limits.py`.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from typing import Any

from flask import Flask, Response, g, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from cancu.webui import present, security
from cancu.webui.backend import ANSWER_CACHE_SIZE, Backend
from cancu.webui.limits import Limits
from cancu.webui.security import ApiError

log = logging.getLogger("cancu.webui")

#: Vietnamese messages for the HTTP errors Flask raises itself.
HTTP_MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Cần xác thực.",
    403: "Không được phép.",
    404: "Không tìm thấy.",
    405: "Phương thức không được hỗ trợ.",
    413: "Yêu cầu quá lớn.",
    415: "Kiểu nội dung không được hỗ trợ.",
    422: "Dữ liệu không xử lý được.",
    429: "Quá nhiều yêu cầu.",
    431: "Tiêu đề yêu cầu quá lớn.",
    500: "Lỗi máy chủ.",
    503: "Dịch vụ tạm thời không đáp ứng.",
}


def wants_json() -> bool:
    """API and SPARQL paths always answer JSON errors; pages answer HTML."""
    return request.path.startswith(("/api/", "/sparql"))


def create_app(kb_dir: str | os.PathLike[str] | None = None, *,
               config: dict[str, Any] | None = None, kb: Any = None) -> Flask:
    """Build the app over the KB in `kb_dir` (else `$CANCU_HOME`, else the user data dir;
    built from the packaged data on first use). `config` overrides Flask settings, the
    limits (upper-case names of `Limits` fields), `CANCU_WRITE_TOKEN` and
    `ANSWER_CACHE_SIZE` (search and suggestion answers kept per KB version, default
    `ANSWER_CACHE_SIZE`; also `$CANCU_ANSWER_CACHE_SIZE`; 0 = no cache); `kb` passes an
    already opened knowledge base (tests, embedding)."""
    config = dict(config or {})
    app = Flask(__name__, static_folder="static", template_folder="templates")
    limits = Limits.from_config(config)
    app.config.update(
        SECRET_KEY=config.pop("SECRET_KEY", None) or secrets.token_hex(32),
        MAX_CONTENT_LENGTH=limits.max_body_bytes,
        MAX_FORM_MEMORY_SIZE=limits.max_body_bytes,
        JSON_AS_ASCII=False,
        CANCU_WRITE_TOKEN=os.environ.get("CANCU_WRITE_TOKEN") or None,
        TEMPLATES_AUTO_RELOAD=False,
    )
    app.config.update(config)
    app.json.ensure_ascii = False  # type: ignore[attr-defined]
    app.json.sort_keys = False  # type: ignore[attr-defined]

    if kb is None:
        from cancu.config import kb_dir as resolve_dir
        from cancu.graph.kb import open_kb

        kb = open_kb(resolve_dir(kb_dir))
    cache_size = config.pop("ANSWER_CACHE_SIZE", os.environ.get("CANCU_ANSWER_CACHE_SIZE"))
    app.extensions["cancu"] = Backend(kb, limits, answer_cache_size=(
        ANSWER_CACHE_SIZE if cache_size in (None, "") else int(cache_size)))
    app.extensions["cancu_limits"] = limits

    security.install(app)
    @app.before_request
    def _refresh() -> None:
        app.extensions["cancu"].refresh()  # a KB `cancu ingest` changed on disk is read again

    _install_logging(app)
    _install_errors(app)

    from cancu.webui import api, pages

    app.register_blueprint(api.bp)
    app.register_blueprint(pages.bp)
    return app


def _install_logging(app: Flask) -> None:
    """One log line per request: method, path, status, milliseconds."""

    @app.before_request
    def _start() -> None:
        g.started = time.perf_counter()

    @app.after_request
    def _log(response: Response) -> Response:
        ms = (time.perf_counter() - g.get("started", time.perf_counter())) * 1000
        log.info("%s %s %s %.1fms", request.method, request.full_path.rstrip("?")[:300],
                 response.status_code, ms)
        return response


def _install_errors(app: Flask) -> None:
    """JSON errors on API paths, Vietnamese HTML pages elsewhere; never a traceback."""

    def render(status: int, code: str, message: str, extra: dict[str, Any] | None = None
               ) -> tuple[Response | str, int]:
        if wants_json():
            body: dict[str, Any] = {"code": code, "message": message}
            body.update(extra or {})
            return jsonify({"error": body}), status
        return render_template("error.html", status=status, code=code, message=present.vietnamese_only(message),
                               query=(extra or {}).get("query", "")), status

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> tuple[Response | str, int]:
        return render(exc.status, exc.code, exc.message, exc.extra)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> Any:
        status = exc.code or 500
        if status == 413:
            limit = app.extensions["cancu_limits"].max_body_bytes
            message = f"Yêu cầu vượt quá {limit} byte. Request body larger than {limit} bytes."
        else:
            message = HTTP_MESSAGES.get(status, exc.name)
        body, code = render(status, exc.name.lower().replace(" ", "_"), message)
        response = app.make_response((body, code))
        allowed = getattr(exc, "valid_methods", None)
        if status == 405 and allowed:
            response.headers["Allow"] = ", ".join(allowed)
        return response

    @app.errorhandler(Exception)
    def _internal(exc: Exception) -> tuple[Response | str, int]:
        log.exception("unhandled error on %s %s", request.method, request.path)
        return render(500, "internal_error",
                      "Lỗi máy chủ; yêu cầu chưa được xử lý. Internal server error.")


def backend(app: Flask | None = None) -> Backend:
    """The `Backend` of `app` (default: the current app)."""
    from flask import current_app

    found: Backend = (app or current_app).extensions["cancu"]
    return found


def limits(app: Flask | None = None) -> Limits:
    """The `Limits` of `app` (default: the current app)."""
    from flask import current_app

    found: Limits = (app or current_app).extensions["cancu_limits"]
    return found
