"""Safety of the web service: response headers, errors, id checks, write token and CSRF.

Every document text is untrusted (it comes from ingested files). Templates autoescape it,
scripts live only in static files so the Content-Security-Policy can forbid inline code,
and nothing that changes the knowledge base runs without the configured write token.
"""

from __future__ import annotations

import hmac
import re
import secrets
from typing import Any

from flask import Flask, Response, current_app, request, session

#: No inline script or style, nothing from other origins, never framed.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)

SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


class ApiError(Exception):
    """An error answered as `{"error": {"code", "message"}}` with an HTTP status.
    `message` is Vietnamese first; it never contains a traceback."""

    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        body.update(self.extra)
        return {"error": body}


def add_security_headers(response: Response) -> Response:
    """Set the headers of `SECURITY_HEADERS` on every response."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if request.path.startswith(("/api/", "/sparql")):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


# --- ids -----------------------------------------------------------------------------------

# A document id is a few slash-separated segments of letters, digits, "-", "." and "_"
# (`cp/2018/nd/61`, `ubnd.quang-ngai/2020/kh/151`, `name/luat-cong-nghe-thong-tin`).
# Words, dots and dashes, and inside a segment spaces and commas too: the README promises
# any writing of a document, "Luật Đất đai 2024", "qd 749 ttg", "Kế hoạch 61/KH-UBND 2019".
_SEGMENT = re.compile(r"^[\w][\w.\-, ]*$", re.UNICODE)


def is_safe_id(text: str, max_chars: int) -> bool:
    """Whether `text` may be looked up as an id: no traversal (`..`, `\\`, `%2e`), no
    empty or hidden segments, no control characters, bounded length."""
    if not text or len(text) > max_chars:
        return False
    if "\\" in text or "\x00" in text or "%" in text:
        return False
    parts = text.split("/")
    if len(parts) > 8:
        return False
    return all(p not in ("", ".", "..") and _SEGMENT.match(p) for p in parts)


# --- write access --------------------------------------------------------------------------

def write_token() -> str | None:
    """The configured write token (`CANCU_WRITE_TOKEN`), or None when writes are disabled."""
    token = current_app.config.get("CANCU_WRITE_TOKEN")
    return str(token) if token else None


def check_write_token(given: str | None) -> None:
    """Refuse a write unless `given` equals the configured token (constant-time compare)."""
    expected = write_token()
    if expected is None:
        raise ApiError(403, "writes_disabled",
                       "Ghi vào kho qua web đang tắt (chưa cấu hình CANCU_WRITE_TOKEN). "
                       "Writes over HTTP are disabled.")
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise ApiError(401, "bad_token", "Mã ghi (write token) không đúng. Invalid write token.")


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer ...` header, if any."""
    header = request.headers.get("Authorization", "")
    if header.lower().startswith("bearer "):
        return header[7:].strip()
    return None


def csrf_token() -> str:
    """The per-session CSRF token for forms that write (created on first use)."""
    token = session.get("csrf")
    if not token:
        token = secrets.token_urlsafe(32)
        session["csrf"] = token
    return str(token)


def check_csrf(given: str | None) -> None:
    """Refuse a form post whose CSRF token is missing or not this session's."""
    expected = session.get("csrf")
    if not expected or not given or not hmac.compare_digest(str(given), str(expected)):
        raise ApiError(400, "csrf", "Phiên biểu mẫu không hợp lệ, hãy tải lại trang. CSRF check failed.")


def install(app: Flask) -> None:
    """Register the header hook and the session cookie settings on `app`."""
    app.after_request(add_security_headers)
    app.config.setdefault("SESSION_COOKIE_HTTPONLY", True)
    app.config.setdefault("SESSION_COOKIE_SAMESITE", "Strict")
    app.jinja_env.globals["csrf_token"] = csrf_token
