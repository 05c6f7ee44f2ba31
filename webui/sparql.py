"""Read-only SPARQL over the KB's RDF graph, bounded in size, time and result count.

Refused before parsing: updates (INSERT, DELETE, LOAD, CLEAR, DROP, CREATE, ADD, MOVE,
COPY), federated `SERVICE` calls and `FROM`/`FROM NAMED` (rdflib would fetch those URLs).
The time limit is enforced inside the evaluating thread: a profile hook checks the
deadline on every Python call and aborts the query, so a runaway query stops using CPU.
"""

from __future__ import annotations

import re
import sys
import time
from typing import Any

from cancu.webui.limits import Limits
from cancu.webui.security import ApiError

_FORBIDDEN = ("INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY",
              "SERVICE", "FROM", "WITH", "USING")
_FORBIDDEN_RE = re.compile(r"\b(" + "|".join(_FORBIDDEN) + r")\b", re.IGNORECASE)
# Strings, IRIs and comments are removed before looking for keywords, so a literal
# "delete" in a FILTER does not trigger a refusal.
_STRIP = re.compile(
    r'"""(?:.|\n)*?"""|\'\'\'(?:.|\n)*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>\s]*>|#[^\n]*'
)


class QueryTimeout(Exception):
    """Raised inside the evaluation when the deadline passes."""


def check_query(query: str, limits: Limits) -> None:
    """Refuse empty, oversized, updating or federated queries with an `ApiError`."""
    if not query or not query.strip():
        raise ApiError(400, "missing_query", "Thiếu tham số query. The `query` parameter is required.")
    if len(query) > limits.max_sparql_chars:
        raise ApiError(413, "too_large",
                       f"Truy vấn dài quá {limits.max_sparql_chars} ký tự. Query too long.")
    bare = _STRIP.sub(" ", query)
    found = _FORBIDDEN_RE.search(bare)
    if found:
        word = found.group(1).upper()
        raise ApiError(403 if word not in ("FROM", "WITH", "USING") else 400, "forbidden_operation",
                       f"Điểm SPARQL chỉ đọc: không cho phép {word}. "
                       f"This endpoint is read-only; {word} is refused.")


def run_query(graph: Any, query: str, limits: Limits) -> dict[str, Any]:
    """Evaluate `query` on `graph` and return SPARQL 1.1 JSON results (for SELECT/ASK) or
    `{"triples": [...]}` (CONSTRUCT/DESCRIBE), at most `sparql_max_results` rows."""
    check_query(query, limits)
    from rdflib.plugins.sparql import prepareQuery

    try:
        prepared = prepareQuery(query, initNs=dict(graph.namespaces()))
    except Exception as exc:  # pyparsing errors carry the position; keep the message short
        raise ApiError(400, "bad_query", f"Truy vấn SPARQL sai cú pháp: {str(exc)[:300]}") from exc
    if prepared.algebra.name not in ("SelectQuery", "AskQuery", "ConstructQuery", "DescribeQuery"):
        raise ApiError(403, "forbidden_operation", "Chỉ cho phép SELECT, ASK, CONSTRUCT, DESCRIBE.")

    deadline = time.monotonic() + limits.sparql_timeout_s
    cap = limits.sparql_max_results

    def hook(frame: Any, event: str, arg: Any) -> None:
        if event == "call" and time.monotonic() > deadline:
            raise QueryTimeout

    started = time.perf_counter()
    previous = sys.getprofile()
    sys.setprofile(hook)
    try:
        result = graph.query(prepared)
        kind = result.type
        if kind == "ASK":
            body: dict[str, Any] = {"head": {}, "boolean": bool(result.askAnswer)}
            truncated = False
        elif kind == "SELECT":
            names = [str(v) for v in result.vars]
            rows = []
            truncated = False
            for row in result:
                if len(rows) >= cap:
                    truncated = True
                    break
                rows.append({n: _term(row[i]) for i, n in enumerate(names) if row[i] is not None})
            body = {"head": {"vars": names}, "results": {"bindings": rows}}
        else:
            triples = []
            truncated = False
            for s, p, o in result:
                if len(triples) >= cap:
                    truncated = True
                    break
                triples.append({"s": _term(s), "p": _term(p), "o": _term(o)})
            body = {"head": {}, "triples": triples}
    except QueryTimeout:
        raise ApiError(503, "timeout",
                       f"Truy vấn chạy quá {limits.sparql_timeout_s:g} giây và đã bị dừng. "
                       "Query time limit exceeded.") from None
    except ApiError:
        raise
    except Exception as exc:
        raise ApiError(400, "bad_query", f"Không chạy được truy vấn: {str(exc)[:300]}") from exc
    finally:
        sys.setprofile(previous)
    body["cancu"] = {"truncated": truncated, "max_results": cap,
                     "took_ms": round((time.perf_counter() - started) * 1000, 1)}
    return body


def _term(term: Any) -> dict[str, Any]:
    """An rdflib term in the SPARQL 1.1 JSON results form."""
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    if isinstance(term, Literal):
        out: dict[str, Any] = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype:
            out["datatype"] = str(term.datatype)
        return out
    return {"type": "literal", "value": str(term)}
