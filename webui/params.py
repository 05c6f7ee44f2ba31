"""Reading and bounding request parameters. Every failure is an `ApiError` with a clear
Vietnamese message and the right status: 400 malformed, 413 too large, 415 wrong type,
422 well-formed but out of bounds."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import request

from cancu.graph import places
from cancu.graph.dates import parse_iso
from cancu.webui.limits import Limits
from cancu.webui.security import ApiError, is_safe_id


def int_arg(name: str, default: int | None, *, low: int, high: int,
            source: dict[str, Any] | None = None) -> int | None:
    """An integer parameter in `[low, high]` from the query string (or `source`)."""
    raw = (source if source is not None else request.args).get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except (TypeError, ValueError):
        raise ApiError(400, "bad_parameter", f"Tham số {name} phải là số nguyên. "
                                             f"`{name}` must be an integer.") from None
    if not low <= value <= high:
        raise ApiError(422, "out_of_range", f"Tham số {name} phải trong khoảng {low}..{high}. "
                                            f"`{name}` must be between {low} and {high}.",
                       parameter=name, low=low, high=high)
    return value


def str_arg(name: str, *, max_chars: int = 200, source: dict[str, Any] | None = None) -> str | None:
    """A trimmed string parameter, None when absent or empty."""
    raw = (source if source is not None else request.args).get(name)
    if raw is None:
        return None
    if not isinstance(raw, str):
        raise ApiError(400, "bad_parameter", f"Tham số {name} phải là chuỗi. `{name}` must be a string.")
    raw = raw.strip()
    if len(raw) > max_chars:
        raise ApiError(422, "too_long", f"Tham số {name} dài quá {max_chars} ký tự.", parameter=name)
    return raw or None


def province_arg(name: str = "province", *, source: dict[str, Any] | None = None) -> str | None:
    """A province parameter, however written ("quang ngai", "tỉnh Quảng Ngãi"), as its
    name; an unknown one is an error, not an empty answer ("Atlantis" had no gaps)."""
    raw = str_arg(name, max_chars=100, source=source)
    if raw is None:
        return None
    found = places.province_by_name(raw)
    if found is None:
        raise ApiError(422, "unknown_province", f"Không rõ tỉnh, thành phố “{raw}” (ví dụ: Quảng Ngãi). "
                       f"Unknown province `{raw}`.", parameter=name)
    return found.name


def date_arg(name: str, source: dict[str, Any] | None = None) -> dt.date | None:
    """A date parameter as a user types it: ISO `2021-08-15`, Vietnamese `15/8/2021`,
    `15.08.2021`, `ngày 15 tháng 8 năm 2021` (graph/dates.py `parse_iso`, as the CLI reads
    --as-of); a date that does not exist is told so."""
    raw = str_arg(name, max_chars=40, source=source)
    if raw is None or not raw.strip():
        return None
    try:
        return parse_iso(raw)
    except ValueError as exc:
        raise ApiError(400, "bad_parameter", f"Tham số {name}: {exc}. `{name}` must be a date.") from None


def json_body() -> dict[str, Any]:
    """The JSON object of the request body (415 if not JSON, 400 if malformed)."""
    if not request.is_json:
        raise ApiError(415, "unsupported_media_type",
                       "Thân yêu cầu phải là JSON (Content-Type: application/json).")
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "bad_json", "JSON không hợp lệ; cần một đối tượng. Malformed JSON object.")
    return data


def text_field(data: dict[str, Any], limits: Limits, name: str = "text") -> str:
    """The required text of a drafting request, at most `max_text_chars` characters."""
    text = data.get(name)
    if not isinstance(text, str) or not text.strip():
        raise ApiError(400, "missing_text", f"Thiếu trường {name} (chuỗi không rỗng). "
                                            f"`{name}` is required.")
    check_text_length(text, limits)
    return text


def check_text_length(text: str, limits: Limits) -> None:
    if len(text) > limits.max_text_chars:
        raise ApiError(413, "text_too_long",
                       f"Văn bản dài {len(text)} ký tự, vượt giới hạn {limits.max_text_chars}. "
                       f"Text longer than {limits.max_text_chars} characters.",
                       limit=limits.max_text_chars, length=len(text))


def id_or_404(doc_id: str, limits: Limits) -> str:
    """`doc_id` if it is a safe id; traversal and junk give 404 without touching the KB."""
    if not is_safe_id(doc_id, limits.max_id_chars):
        raise ApiError(404, "not_found", "Không tìm thấy văn bản. Document not found.")
    return doc_id
