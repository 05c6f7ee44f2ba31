"""The read-only `/sparql` endpoint's checks and answer, over `cancu.graph.rdf.sparql`.

The graph layer refuses updates and remote access and enforces the time limit and row
cap; this module adds the HTTP side: a length bound, refusals answered 403 (updates, LOAD,
SERVICE) or 400 (FROM / WITH / USING, syntax), a timeout answered 503, each as a JSON error.
"""

from __future__ import annotations

import re
import time
from typing import Any

from cancu.webui.limits import Limits
from cancu.webui.security import ApiError

_WRITE_OR_REMOTE = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
                    "SERVICE")
_DATASET = ("FROM", "WITH", "USING")
_KEYWORD = re.compile(r"\b(" + "|".join(_WRITE_OR_REMOTE + _DATASET) + r")\b", re.IGNORECASE)
# Strings, IRIs, variables and comments are removed before looking for keywords, so a
# literal "delete" in a FILTER or a variable ?from is not refused.
_STRIP = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*|[?$]\w+'
)


def check_query(query: str, limits: Limits) -> None:
    """Refuse an empty, oversized, updating, federated or dataset-loading query."""
    if not query or not query.strip():
        raise ApiError(400, "missing_query",
                       "Thiếu tham số query. The `query` parameter is required.")
    if len(query) > limits.max_sparql_chars:
        raise ApiError(413, "too_large",
                       f"Truy vấn dài quá {limits.max_sparql_chars} ký tự. Query too long.",
                       limit=limits.max_sparql_chars)
    found = _KEYWORD.search(_STRIP.sub(" ", query))
    if found:
        word = found.group(1).upper()
        status = 403 if word in _WRITE_OR_REMOTE else 400
        raise ApiError(status, "forbidden_operation",
                       f"Điểm SPARQL chỉ đọc: không cho phép {word}. "
                       f"This endpoint is read-only; {word} is refused.", keyword=word)


def run_query(kb: Any, query: str, limits: Limits) -> dict[str, Any]:
    """Check `query`, run it with the configured time limit and row cap, and return
    `{variables, rows, boolean, truncated, seconds, limits}`."""
    from cancu.graph import rdf

    check_query(query, limits)
    started = time.monotonic()
    try:
        result = rdf.sparql(kb, query, timeout_s=limits.sparql_timeout_s,
                            max_rows=limits.sparql_max_results)
    except rdf.SparqlError as exc:
        message = str(exc).splitlines()[0][:400]
        if time.monotonic() - started >= limits.sparql_timeout_s:
            raise ApiError(503, "timeout", message, limit_s=limits.sparql_timeout_s) from None
        raise ApiError(400, "bad_query", message) from None
    body: dict[str, Any] = result.to_json()
    body["limits"] = {"timeout_s": limits.sparql_timeout_s, "max_rows": limits.sparql_max_results}
    return body
