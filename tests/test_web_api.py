"""The web service over a real socket: `cancu serve` in a subprocess on 127.0.0.1 with a
free port and a temporary KB, then every API endpoint, status codes, content negotiation,
SPARQL limits and refusals, request limits, path traversal, write access and a stored-XSS
attempt (issues #7 and #8)."""

from __future__ import annotations

import http.client
import io
import json
import re
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from conftest import SEED_PLAN, cancu_serve, need_shared

TOKEN = "test-write-token-0123456789"
XSS_SCRIPT = "<script>alert(1)</script>"
XSS_ATTR = '"><img src=x onerror=alert(1)>'
XSS_DOC = f"""UBND TỈNH QUẢNG NGÃI
Số: 987/KH-UBND          Quảng Ngãi, ngày 05 tháng 01 năm 2021

KẾ HOẠCH
Thử nghiệm {XSS_SCRIPT} và {XSS_ATTR}

Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ {XSS_SCRIPT} về {XSS_ATTR};
Thực hiện Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ {XSS_ATTR}.
"""


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")

    def json(self) -> Any:
        return json.loads(self.body)

    def header(self, name: str) -> str:
        return self.headers.get(name.lower(), "")


class Client:
    """A tiny HTTP client on http.client: paths are sent exactly as given (no dot-segment
    normalisation), which the traversal tests need."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port

    def request(self, method: str, path: str, body: bytes | None = None,
                headers: dict[str, str] | None = None, timeout: float = 60) -> Reply:
        conn = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            conn.putrequest(method, path, skip_accept_encoding=True)
            hdrs = dict(headers or {})
            if body is not None:
                hdrs.setdefault("Content-Length", str(len(body)))
            for k, v in hdrs.items():
                conn.putheader(k, v)
            conn.endheaders(body)
            resp = conn.getresponse()
            data = resp.read()
            return Reply(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
        finally:
            conn.close()

    def get(self, path: str, **headers: str) -> Reply:
        return self.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})

    def post_json(self, path: str, data: Any, headers: dict[str, str] | None = None) -> Reply:
        body = json.dumps(data).encode()
        return self.request("POST", path, body, {"Content-Type": "application/json", **(headers or {})})

    def post_file(self, path: str, filename: str, content: bytes, fields: dict[str, str] | None = None,
                  headers: dict[str, str] | None = None) -> Reply:
        boundary = "----cancutestboundary7MA4YWxk"
        out = io.BytesIO()
        for k, v in (fields or {}).items():
            out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n'.encode())
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
                  f"Content-Type: application/octet-stream\r\n\r\n".encode())
        out.write(content)
        out.write(f"\r\n--{boundary}--\r\n".encode())
        return self.request("POST", path, out.getvalue(),
                            {"Content-Type": f"multipart/form-data; boundary={boundary}", **(headers or {})})


def q(value: str) -> str:
    return urllib.parse.quote(value, safe="")


@dataclass
class Server:
    client: Client
    url: str
    log: Path
    kb_dir: Path


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`cancu serve --port 0` over a fresh KB built from the package data."""
    kb_dir = tmp_path_factory.mktemp("kb")
    log = kb_dir.parent / "serve.log"
    env = {"CANCU_WRITE_TOKEN": TOKEN, "CANCU_SPARQL_TIMEOUT_S": "1.5"}
    with cancu_serve(kb_dir, log, "--threads", "4", env=env) as url:
        parsed = urllib.parse.urlparse(url)
        assert parsed.hostname and parsed.port
        yield Server(Client(parsed.hostname, parsed.port), url, log, kb_dir)


@pytest.fixture(scope="session")
def xss_doc(server: Server) -> str:
    """Ingest the hostile document through the token-protected API; returns its id."""
    r = server.client.post_json("/api/ingest", {"text": XSS_DOC, "name": "xss-test.txt"},
                                {"Authorization": f"Bearer {TOKEN}"})
    assert r.status == 201, r.text
    doc_id = r.json()["result"]["document"]
    assert doc_id
    return str(doc_id)


def error_of(r: Reply, status: int) -> dict[str, Any]:
    """The JSON error body of a reply that must have `status`."""
    assert r.status == status, (r.status, r.text[:500])
    assert r.header("content-type").startswith("application/json"), r.headers
    body = r.json()
    assert set(body["error"]) >= {"code", "message"}
    assert "Traceback" not in r.text
    return body["error"]


# --- headers -------------------------------------------------------------------------------

@pytest.mark.parametrize("path", ["/", "/api/stats", "/draft", "/doc/cp/2018/nd/61", "/nowhere"])
def test_security_headers_on_every_response(server: Server, path: str) -> None:
    r = server.client.get(path)
    csp = r.header("content-security-policy")
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert r.header("x-content-type-options") == "nosniff"


def test_requests_are_logged_one_line_each(server: Server) -> None:
    server.client.get("/api/stats?probe=log")
    time.sleep(0.3)
    log = server.log.read_text(errors="replace")
    assert re.search(r"GET /api/stats\?probe=log 200 \d+(\.\d+)?ms", log), log[-2000:]


# --- search ----------------------------------------------------------------------------------

def test_search_finds_a_symbol_first(server: Server) -> None:
    r = server.client.get("/api/search?q=" + q("61/2018/NĐ-CP"))
    assert r.status == 200
    data = r.json()
    assert data["results"][0]["id"] == "cp/2018/nd/61"
    assert {"total", "took_ms", "results", "facets", "page", "limit"} <= set(data)


def test_search_without_diacritics_has_facets_and_marked_snippets(server: Server) -> None:
    data = server.client.get("/api/search?q=nghi+dinh+mot+cua&limit=5").json()
    assert data["total"] > 0 and len(data["results"]) <= 5
    ids = [h["id"] for h in data["results"]]
    assert "cp/2018/nd/61" in ids
    names = {f["name"] for f in data["facets"]}
    assert {"doc_type", "issuer", "year"} <= names
    hit = data["results"][0]
    assert any(p["mark"] for p in hit["snippet_parts"] + hit["title_parts"])
    # Parts carry plain text: no markup survives into them.
    assert all("<mark>" not in p["text"] for p in hit["snippet_parts"])


def test_search_filters_and_pagination(server: Server) -> None:
    first = server.client.get("/api/search?q=thong+tu&type=" + q("Thông tư") + "&limit=3").json()
    assert first["results"] and all(h["doc_type"] == "Thông tư" for h in first["results"])
    second = server.client.get("/api/search?q=thong+tu&type=" + q("Thông tư") + "&limit=3&page=2").json()
    assert second["page"] == 2
    assert {h["id"] for h in first["results"]}.isdisjoint({h["id"] for h in second["results"]})
    years = server.client.get("/api/search?q=nghi+dinh&year_from=2018&year_to=2018&limit=10").json()
    assert all((h["date"] or "2018").startswith("2018") for h in years["results"])


def test_search_results_name_a_local_documents_province(server: Server) -> None:
    """Plans of one number from several years (and provinces) differ by province and date:
    the API carries the province and the result list shows it beside the issuer (#6)."""
    data = server.client.get("/api/search?q=" + q("151/KH-UBND")).json()
    local = [h for h in data["results"] if h["id"].startswith("ubnd.")]
    assert len(local) >= 2 and all(h["province"] == "Quảng Ngãi" and h["date"] for h in local)
    central = server.client.get("/api/search?q=" + q("61/2018/NĐ-CP")).json()["results"][0]
    assert central["province"] is None
    page = server.client.get("/?q=" + q("151/KH-UBND")).text
    assert "(Quảng Ngãi)</span>" in page


@pytest.mark.parametrize("query, status", [
    ("q=x&limit=101", 422),
    ("q=x&limit=0", 422),
    ("q=x&limit=abc", 400),
    ("q=x&page=0", 422),
    ("q=x&page=500&limit=100", 422),
    ("q=x&year_from=1200", 422),
    ("q=" + "a" * 1001, 422),
])
def test_search_limits(server: Server, query: str, status: int) -> None:
    error_of(server.client.get("/api/search?" + query), status)


def test_search_of_query_syntax_characters_is_not_an_error(server: Server) -> None:
    for raw in ['"', "*", ":", "(", "AND OR NOT", "a" * 999]:
        r = server.client.get("/api/search?q=" + q(raw))
        assert r.status in (200, 422), (raw, r.status, r.text[:300])


# --- documents -------------------------------------------------------------------------------

def test_document_by_id_and_by_symbol(server: Server) -> None:
    r = server.client.get("/api/documents/cp/2018/nd/61")
    assert r.status == 200
    doc = r.json()
    assert doc["symbol"] == "61/2018/NĐ-CP" and doc["doc_type"] == "Nghị định"
    assert doc["citation"].startswith("Nghị định số 61/2018/NĐ-CP")
    assert doc["uri"].endswith("/eli/vn/cp/2018/nd/61")
    assert doc["topics"] == ["3.3 Công nghệ thông tin"]  # its pháp điển đề mục, from the catalog
    by_symbol = server.client.get("/api/documents/" + "/".join(q(p) for p in "61/2018/NĐ-CP".split("/")))
    assert by_symbol.status == 200 and by_symbol.json()["id"] == "cp/2018/nd/61"
    # Any writing the README promises, spaces included.
    for written, doc_id in (("nghi dinh 61 nam 2018", "cp/2018/nd/61"), ("Luật Đất đai 2024", "qh/2024/31"),
                            ("qd 749 ttg", "ttg/2020/qd/749")):
        r = server.client.get("/api/documents/" + "/".join(q(p) for p in written.split("/")))
        assert r.status == 200 and r.json()["id"] == doc_id, (written, r.status)


def test_a_document_cited_with_an_impossible_date_shows_the_problem_not_the_date(server: Server) -> None:
    """The shipped seed 004 (29/7/2020) cites "Công văn số 2891/UBND-VX ngày 08/6/2026": no
    letter dated 2026 is offered as a fact, with a copy-ready citation; the plan's page
    lists its problems, quoting the citation."""
    assert server.client.get("/api/documents/ubnd.quang-ngai/2026/cv/2891").status == 404
    hits = server.client.get("/api/search?q=" + q("2891/UBND-VX")).json()["results"]
    assert not [h for h in hits if h["id"].endswith("/cv/2891")], hits
    plan = next(h["id"] for h in server.client.get("/api/search?q=" + q("Phụ lục III Quảng Ngãi kế hoạch")).json()
                ["results"] if h["id"].startswith("file/004"))
    own = server.client.get("/api/documents/" + plan).json()["problems"]
    assert ("suspicious_date", "Công văn số 2891/UBND-VX ngày 08/6/2026") in [(p["kind"], p["quote"]) for p in own], own
    assert any(p["kind"] == "bad_date" for p in own) and all("in" not in p for p in own), own
    page = server.client.get("/doc/" + plan, Accept="text/html").text
    assert "Vấn đề" in page and "08/6/2026" in page

def test_relations_grouped_with_national_headings(server: Server) -> None:
    from cancu.graph.model import Relation

    data = server.client.get("/api/documents/cp/2018/nd/61/relations").json()
    assert data["id"] == "cp/2018/nd/61"
    headings = {g["heading"] for g in data["relations"]}
    allowed = {r.active_heading for r in Relation} | {r.passive_heading for r in Relation}
    assert headings and headings <= allowed
    incoming = {g["relation"] for g in data["relations"] if g["direction"] == "in"}
    assert "implements" in incoming or "guides" in incoming
    for group in data["relations"]:
        for d in group["documents"]:
            assert d["id"] and "provenance" in d


def test_documents_carry_todays_status(server: Server) -> None:
    """Luật Lưu trữ 33/2024/QH15 was "Chưa có hiệu lực" on the catalog's day and is in force
    since 01/7/2025; the 2011 law it replaced is not. The page and the lists under other
    documents say so on the day they are asked."""
    doc = server.client.get("/api/documents/qh/2024/33").json()
    assert doc["effective_date"] == "2025-07-01" and doc["status"] == "Còn hiệu lực", doc["status"]
    assert server.client.get("/api/documents/qh/2011/1").json()["status"] == "Hết hiệu lực toàn bộ"
    relations = server.client.get("/api/documents/qh/2011/1/relations").json()["relations"]
    replacing = [d for g in relations if g["relation"] == "replaces" for d in g["documents"]]
    assert [(d["id"], d["status"]) for d in replacing] == [("qh/2024/33", "Còn hiệu lực")], replacing


def test_unknown_document_is_a_json_404(server: Server) -> None:
    error_of(server.client.get("/api/documents/cp/1999/nd/99999"), 404)
    error_of(server.client.get("/api/documents/cp/1999/nd/99999/relations"), 404)


TRAVERSALS = [
    "/api/documents/../../etc/passwd",
    "/api/documents/..%2f..%2fetc%2fpasswd",
    "/api/documents/%2e%2e/%2e%2e/etc/passwd",
    "/api/documents/cp/..%5c..%5cwindows",
    "/api/documents/cp/2018/nd/61%00",
    "/api/documents/" + "a/" * 300 + "b",
    "/doc/../../etc/passwd",
    "/doc/%2e%2e/%2e%2e/etc/passwd",
    "/doc/..%2f..%2fetc%2fpasswd",
    "/static/../app.py",
    "/static/%2e%2e/app.py",
    "/static/..%2fapp.py",
    "/api/chain?id=../../etc/passwd",
    "/api/chain?id=" + q("..\\..\\boot.ini"),
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_path_traversal_is_refused(server: Server, path: str) -> None:
    r = server.client.get(path)
    assert r.status in (400, 404), (path, r.status)
    assert b"root:" not in r.body and b"def create_app" not in r.body


def test_unknown_document_page_offers_search(server: Server) -> None:
    r = server.client.get("/doc/cp/1999/nd/99999", Accept="text/html")
    assert r.status == 404
    assert 'role="search"' in r.text and 'name="q"' in r.text


def test_a_replaced_laws_page_warns_before_its_copy_ready_citation(server: Server) -> None:
    """The page of Luật Đất đai 2013 offered its citation with a copy button and a link to
    use it as a căn cứ, the replacing law far below (rev41). The warning comes first and
    links the law in force; the API says what the page says."""
    page = server.client.get("/doc/qh/2013/45", Accept="text/html").text
    warning = page.index('id="replaced-warning"')
    assert warning < page.index('id="citation-text"')
    assert 'href="/doc/qh/2024/31"' in page[warning:page.index('id="citation-text"')]
    data = server.client.get("/api/documents/qh/2025/65").json()
    assert data["status"] == "Hết hiệu lực toàn bộ" and data["replaced_by"] == "qh/2025/72", data
    assert "72/2025/QH15" in data["status_note"] and data["replaced_by_label"] == "Luật 72/2025/QH15"
    results = server.client.get("/api/search?q=" + q("luật tổ chức chính quyền địa phương")).json()["results"]
    ranked = [r["id"] for r in results]
    assert ranked.index("qh/2025/72") < ranked.index("qh/2025/65") < len(ranked), ranked
    listing = server.client.get("/?q=" + q("luật đất đai"), Accept="text/html").text
    assert 'class="replaced small"' in listing and 'href="/doc/qh/2024/31"' in listing
    # The chain page marks a base no longer in force, as `cancu chain` does.
    chain = server.client.get("/chain?id=cp/2024/nd/102&direction=up&depth=1", Accept="text/html").text
    node = chain[chain.index('href="/doc/qh/2015/76"'):]
    assert "status-bad" in node[:node.index("</li>")], node[:600]


def test_document_page_redirects_a_symbol_to_its_id(server: Server) -> None:
    r = server.client.get("/doc/61/2018/" + q("NĐ-CP"))
    assert r.status in (301, 302) and r.header("location").endswith("/doc/cp/2018/nd/61")


# --- content negotiation -------------------------------------------------------------------

def test_document_content_negotiation(server: Server) -> None:
    import rdflib

    html = server.client.get("/doc/cp/2018/nd/61", Accept="text/html")
    assert html.status == 200 and html.header("content-type").startswith("text/html")
    assert "61/2018/NĐ-CP" in html.text and "Căn cứ" not in html.header("content-type")
    assert "accept" in html.header("vary").lower()
    # Sources are named in words, not by the KB's internal labels ("catalog:phapdien").
    for path in ("/doc/cp/2018/nd/61", "/doc/qh/2024/31", "/overview"):
        page = server.client.get(path, Accept="text/html").text
        assert "catalog:" not in page and "(top)" not in page, path

    ttl = server.client.get("/doc/cp/2018/nd/61", Accept="text/turtle")
    assert ttl.status == 200 and ttl.header("content-type").startswith("text/turtle")
    g = rdflib.Graph().parse(data=ttl.text, format="turtle")
    subject = rdflib.URIRef("https://cancu.vn/eli/vn/cp/2018/nd/61")
    assert (subject, None, None) in g

    jsonld = server.client.get("/doc/cp/2018/nd/61", Accept="application/ld+json")
    assert jsonld.status == 200 and jsonld.header("content-type").startswith("application/ld+json")
    g2 = rdflib.Graph().parse(data=jsonld.text, format="json-ld")
    assert (subject, None, None) in g2

    by_param = server.client.get("/doc/cp/2018/nd/61?format=turtle")
    assert by_param.header("content-type").startswith("text/turtle")
    assert server.client.get("/doc/cp/2018/nd/61?format=pdf").status == 406


# --- chain -----------------------------------------------------------------------------------

def test_chain_down_reaches_quang_ngai_implementers(server: Server) -> None:
    data = server.client.get("/api/chain?id=" + q("61/2018/NĐ-CP") + "&direction=down&depth=2").json()
    assert data["root"] == "cp/2018/nd/61"
    ids = {n["id"] for n in data["nodes"]}
    assert "vpcp/2018/tt/1" in ids
    assert any(n.get("province") == "Quảng Ngãi" for n in data["nodes"])
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    assert data["tree"]["id"] == "cp/2018/nd/61" and data["tree"]["children"]


def test_chain_up(server: Server) -> None:
    data = server.client.get("/api/chain?id=cp/2018/nd/61&direction=up&depth=1").json()
    assert data["direction"] == "up" and data["nodes"][0]["id"] == "cp/2018/nd/61"


@pytest.mark.parametrize("query, status", [
    ("", 400),
    ("id=cp/2018/nd/61&depth=7", 422),
    ("id=cp/2018/nd/61&depth=0", 422),
    ("id=cp/2018/nd/61&depth=x", 400),
    ("id=cp/2018/nd/61&direction=sideways", 422),
    ("id=cp/1999/nd/99999", 404),
])
def test_chain_errors(server: Server, query: str, status: int) -> None:
    error_of(server.client.get("/api/chain?" + query), status)


def test_chain_page_lets_the_user_pick_among_documents_of_one_symbol(server: Server) -> None:
    """Two Quảng Ngãi plans are numbered 151/KH-UBND (09/12/2019, 21/12/2020): the chain page
    said the KB held neither; it lists both, each linking to its own chain."""
    r = server.client.get("/chain?id=151/KH-UBND&direction=up")
    assert r.status == 200, r.text[:500]
    for doc_id in ("ubnd.quang-ngai/2019/kh/151", "ubnd.quang-ngai/2020/kh/151"):
        assert f"/chain?id={doc_id}&amp;direction=up" in r.text, r.text[-2000:]
    assert "Không tìm thấy" not in r.text


def test_pages_speak_vietnamese_where_the_api_is_bilingual(server: Server) -> None:
    """The API's messages say it twice ("Tham số depth phải ... `depth` must be ..."); a page
    showed both, backticks and all. Pages keep the Vietnamese; the API keeps both."""
    page = server.client.get("/chain?id=cp/2018/nd/61&depth=99", Accept="text/html")
    assert page.status == 422 and "Tham số depth" in page.text, page.text[-1500:]
    assert "must be" not in page.text and "`" not in page.text
    search = server.client.get("/?q=" + "a" * 1001, Accept="text/html").text
    assert "1000 ký tự" in search and "Query too long" not in search
    api = server.client.get("/api/chain?id=cp/2018/nd/61&depth=99").json()["error"]["message"]
    assert "must be" in api


def test_a_running_server_sees_what_cancu_ingest_adds(server: Server, tmp_path: Path) -> None:
    """`cancu ingest` into the KB a server runs on: the server answered from the KB it had
    started with until restarted. It reads the KB again once the file changed."""
    plan = tmp_path / "kh-quang-tri.txt"
    plan.write_text("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 77/KH-UBND    Quảng Trị, ngày 12 tháng 3 năm 2024\n"
                    "KẾ HOẠCH\nThực hiện cơ chế một cửa năm 2024\n"
                    "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\n", encoding="utf-8")
    doc = "/api/documents/ubnd.quang-tri/2024/kh/77"
    assert server.client.get(doc).status == 404
    cancu = Path(sys.executable).with_name("cancu")
    done = subprocess.run([str(cancu), "ingest", str(plan), "--kb", str(server.kb_dir)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    deadline = time.monotonic() + 60
    while server.client.get(doc).status != 200 and time.monotonic() < deadline:
        time.sleep(0.5)
    found = server.client.get(doc)
    assert found.status == 200 and found.json()["title"] == "Thực hiện cơ chế một cửa năm 2024", found.text[:300]
    hits = server.client.get("/api/search?q=" + q("77/KH-UBND Quảng Trị")).json()["results"]
    assert "ubnd.quang-tri/2024/kh/77" in [h["id"] for h in hits]


def test_a_document_without_a_number_is_named_not_shown_by_its_id(server: Server) -> None:
    """Seed 000 has no number: search results, the chain's heading and the page title named
    it "file/000-42d6680bc939e224"; they say "Kế hoạch (chưa có số, ...)", as its page does.
    (Its subject is "chính quyền số"; "chuyển đổi số" found it only through "chuyên".)"""
    hits = server.client.get("/api/search?q=" + q("kế hoạch chính quyền số")).json()["results"]
    plan = next(h for h in hits if h["id"].startswith("file/"))
    assert plan["label"].startswith("Kế hoạch (chưa có số"), plan
    for page in (f"/?q={q('kế hoạch chính quyền số')}", f"/chain?id={plan['id']}&direction=up", f"/doc/{plan['id']}"):
        html = server.client.get(page, Accept="text/html").text
        assert f">{plan['id']}<" not in html and "Kế hoạch (chưa có số" in html, page
        title = re.search(r"<title>(.*?)</title>", html, re.S)
        assert title and "file/" not in title.group(1), (page, title and title.group(1))


# --- drafting --------------------------------------------------------------------------------

def test_suggest(server: Server) -> None:
    r = server.client.post_json("/api/suggest", {
        "text": "Triển khai cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
        "province": "Quảng Ngãi", "issuer": "UBND", "as_of": "2021-08-15", "k": 5})
    assert r.status == 200, r.text
    sug = r.json()["suggestions"]
    assert 0 < len(sug) <= 5
    assert {"id", "symbol", "citation", "score", "reasons", "implemented_by", "flags"} <= set(sug[0])
    assert "cp/2018/nd/61" in [s["id"] for s in sug]
    assert r.json()["notices"] == []
    # What the answer was computed for is echoed, as lint's JSON does.
    assert {k: r.json()[k] for k in ("as_of", "province", "issuer")} == {
        "as_of": "2021-08-15", "province": "Quảng Ngãi", "issuer": "UBND"}


def test_suggest_tells_of_a_named_document_the_kb_lacks(server: Server) -> None:
    r = server.client.post_json("/api/suggest", {
        "text": "Kế hoạch thực hiện Nghị quyết số 57-NQ/TW về đột phá phát triển khoa học, công nghệ",
        "as_of": "2026-01-15", "already_cited": ["cp/2018/nd/61", "61/2999/NĐ-CP"]})
    assert r.status == 200, r.text
    told = r.json()["notices"]
    assert len(told) == 2 and "không có văn bản Nghị quyết số 57-NQ/TW" in told[0], told
    assert "61/2999/NĐ-CP" in told[1], told


@pytest.mark.parametrize("body, status", [
    ({}, 400),
    ({"text": ""}, 400),
    ({"text": 5}, 400),
    ({"text": "x" * 64_001}, 413),
    ({"text": "một cửa", "k": 51}, 422),
    ({"text": "một cửa", "k": "many"}, 400),
    ({"text": "một cửa", "as_of": "31/02/2021"}, 400),
    ({"text": "một cửa", "already_cited": "cp/2018/nd/61"}, 400),
    ({"text": "một cửa", "already_cited": ["x"] * 251}, 422),
])
def test_suggest_errors(server: Server, body: dict[str, Any], status: int) -> None:
    error_of(server.client.post_json("/api/suggest", body), status)


def test_json_endpoints_refuse_other_media_and_bad_json(server: Server) -> None:
    error_of(server.client.request("POST", "/api/suggest", b"text=x",
                                   {"Content-Type": "application/x-www-form-urlencoded"}), 415)
    error_of(server.client.request("POST", "/api/suggest", b"{not json",
                                   {"Content-Type": "application/json"}), 400)


def test_wrong_method_is_405_with_allow(server: Server) -> None:
    r = server.client.get("/api/suggest")
    error_of(r, 405)
    assert "POST" in r.header("allow")
    error_of(server.client.request("DELETE", "/api/search"), 405)


def test_basis_block_in_nd30_form(server: Server) -> None:
    r = server.client.post_json("/api/basis-block", {"ids": ["vpcp/2018/tt/1", "cp/2018/nd/61"]})
    lines = r.json()["block"].splitlines()
    assert len(lines) == 2 and lines[0].startswith("Căn cứ Nghị định số 61/2018/NĐ-CP")
    assert lines[0].endswith(";") and lines[1].endswith(".")
    # Any writing of a document, as elsewhere; a law in the form suggest gives it today,
    # the form the document page shows too.
    written = server.client.post_json("/api/basis-block", {"ids": ["61/2018/NĐ-CP", "Luật Công nghệ thông tin 2006",
                                                                   "99/2099/NĐ-CP"]}).json()
    assert written["ids"] == ["cp/2018/nd/61", "qh/2006/67"] and written["missing"] == ["99/2099/NĐ-CP"], written
    law = server.client.get("/api/documents/qh/2006/67").json()["citation"]
    assert law == "Luật Công nghệ thông tin số 67/2006/QH11" and f"Căn cứ {law}" in written["block"], written
    offered = server.client.post_json("/api/suggest", {"text": "ứng dụng công nghệ thông tin", "k": 20}).json()
    assert law in [s["citation"] for s in offered["suggestions"]], offered
    # The province's plan a draft carries out opens "Thực hiện", in the block and in the
    # document's JSON the draft page adds it from.
    plan = server.client.post_json("/api/basis-block", {"ids": ["ubnd.quang-ngai/2020/kh/151", "61/2018/NĐ-CP"]}).json()
    lines = plan["block"].splitlines()
    assert lines[0].startswith("Căn cứ Nghị định số 61/2018/NĐ-CP") and lines[1].startswith("Thực hiện Kế hoạch số 151/KH-UBND"), plan
    assert server.client.get("/api/documents/ubnd.quang-ngai/2020/kh/151").json()["lead"] == "Thực hiện"
    decision = server.client.post_json("/api/basis-block", {"ids": ["ubnd.quang-ngai/2020/kh/151"],
                                                            "task": "Quyết định thành lập Ban Chỉ đạo"}).json()
    assert decision["block"].startswith("Căn cứ Kế hoạch số 151/KH-UBND"), decision
    error_of(server.client.post_json("/api/basis-block", {"ids": [], "task": 5}), 400)


def test_lint_seed_plan(server: Server) -> None:
    text = need_shared(SEED_PLAN).read_text(encoding="utf-8")
    r = server.client.post_json("/api/lint", {"text": text})
    assert r.status == 200, r.text
    report = r.json()
    cits = report["citations"]
    assert len(cits) >= 10
    assert {"found"} <= {c["status"] for c in cits}
    for c in cits:
        assert text[c["start"]:c["end"]] == c["text"]
    assert report["text"] == text


def test_lint_uploads(server: Server) -> None:
    import docx

    body = "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ.".encode()
    r = server.client.post_file("/api/lint", "du-thao.txt", body)
    assert r.status == 200, r.text
    assert r.json()["citations"][0]["id"] == "cp/2018/nd/61"

    d = docx.Document()
    d.add_paragraph("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;")
    buf = io.BytesIO()
    d.save(buf)
    r = server.client.post_file("/api/lint", "du-thao.docx", buf.getvalue(), {"as_of": "2021-08-01"})
    assert r.status == 200, r.text
    assert r.json()["citations"][0]["symbol"] == "61/2018/NĐ-CP"


@pytest.mark.parametrize("name, content, status", [
    ("du-thao.pdf", b"%PDF-1.4 ...", 415),
    ("du-thao", b"text", 415),
    ("du-thao.txt", b"PK\x03\x04binary", 415),
    ("du-thao.txt", b"\x00\x01\x02\x03", 415),
    ("du-thao.txt", "Căn cứ".encode("cp1258", "replace") + b"\xff\xfe\xfa", 422),
    ("du-thao.docx", b"this is not a zip", 415),
    ("du-thao.docx", b"PK\x03\x04 truncated zip", 422),
])
def test_lint_upload_type_checks(server: Server, name: str, content: bytes, status: int) -> None:
    error_of(server.client.post_file("/api/lint", name, content), status)


def test_docx_zip_bomb_is_refused(server: Server) -> None:
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"<w:document/>")
        z.writestr("word/bomb.bin", b"\0" * (40 * 1024 * 1024))
    assert len(buf.getvalue()) < 1_000_000
    error_of(server.client.post_file("/api/lint", "bomb.docx", buf.getvalue()), 413)


def test_request_body_over_the_limit_is_413(server: Server) -> None:
    big = b"a" * (4 * 1024 * 1024 + 10)
    r = server.client.post_file("/api/lint", "big.txt", big)
    assert r.status == 413, r.status
    if r.header("content-type").startswith("application/json"):
        error_of(r, 413)


def test_text_over_the_limit_is_413(server: Server) -> None:
    error_of(server.client.post_json("/api/lint", {"text": "a" * 64_001}), 413)
    error_of(server.client.post_json("/api/extract", {"text": "a" * 64_001}), 413)
    error_of(server.client.post_file("/api/lint", "long.txt", b"a" * 64_001), 413)


def test_too_many_citations_is_422(server: Server) -> None:
    text = "\n".join(f"Căn cứ Nghị định số {n}/2018/NĐ-CP;" for n in range(1, 262))
    assert len(text) < 64_000
    err = error_of(server.client.post_json("/api/lint", {"text": text}), 422)
    assert err["code"] == "too_many_citations"


def test_extract(server: Server) -> None:
    text = need_shared(SEED_PLAN).read_text(encoding="utf-8")
    r = server.client.post_json("/api/extract", {"text": text})
    assert r.status == 200, r.text
    data = r.json()
    assert len(data["citations"]) >= 10
    error_of(server.client.post_json("/api/extract", {}), 400)


def test_gaps_and_stats(server: Server) -> None:
    gaps = server.client.get("/api/gaps?province=" + q("Quảng Ngãi")).json()
    assert gaps["documents"] >= 1 and isinstance(gaps["unimplemented"], list)
    error_of(server.client.get("/api/gaps"), 400)
    # A province written any way is that province, named as written in the data; an
    # unknown one is an error, not an empty answer.
    assert server.client.get("/api/gaps?province=" + q("quang ngai")).json()["province"] == "Quảng Ngãi"
    error_of(server.client.get("/api/gaps?province=Atlantis"), 422)
    error_of(server.client.post_json("/api/suggest", {"text": "chuyển đổi số", "province": "Atlantis"}), 422)
    stats = server.client.get("/api/stats").json()
    assert stats["documents"] > 1000 and stats["by_type"]["Nghị định"] > 100
    assert stats["edges"] == sum(stats["edges_by_relation"].values())
    # The overview's card counts every issuer, not the 30 its chart lists.
    assert stats["issuers"] > len(stats["by_issuer"]) == 30
    page = server.client.get("/overview", Accept="text/html").text
    assert f"<b>{stats['issuers']}</b>cơ quan ban hành" in page and "nhiều văn bản nhất" not in page


# --- OpenAPI -------------------------------------------------------------------------------

def test_openapi_lists_every_endpoint_and_limit() -> None:
    """Every /api/ and /sparql route of the app is in the OpenAPI description, and every
    limit is published there and in docs/api.md."""
    from cancu.webui.app import create_app
    from cancu.webui.limits import Limits

    app = create_app(kb=object())
    spec = app.test_client().get("/api/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    routes = {re.sub(r"<(?:path:)?(\w+)>", r"{\1}", r.rule).replace("{doc_id}", "{id}")
              for r in app.url_map.iter_rules()
              if r.rule.startswith(("/api/", "/sparql")) and r.rule != "/api/"}
    assert routes <= set(spec["paths"]), routes - set(spec["paths"])
    limits = Limits().to_json()
    assert set(spec["x-limits"]) == set(limits)
    doc = (Path(__file__).resolve().parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    for name, value in limits.items():
        assert f"| `{name}` | {value} |" in doc, f"limit {name} = {value} missing from docs/api.md"
    for path in spec["paths"]:
        assert path in doc, f"endpoint {path} missing from docs/api.md"


def test_openapi_page_is_readable(server: Server) -> None:
    r = server.client.get("/api/")
    assert r.status == 200 and "/api/search" in r.text and "max_text_chars" in r.text


# --- SPARQL ----------------------------------------------------------------------------------

SELECT_61 = ('SELECT ?s WHERE { ?s <http://data.europa.eu/eli/ontology#id_local> "61/2018/NĐ-CP" }')


def test_sparql_select_get_and_post(server: Server) -> None:
    r = server.client.get("/sparql?query=" + q(SELECT_61))
    assert r.status == 200, r.text
    rows = r.json()["rows"]
    assert rows and rows[0]["s"].endswith("/cp/2018/nd/61")
    form = ("query=" + q(SELECT_61)).encode()
    r2 = server.client.request("POST", "/sparql", form, {"Content-Type": "application/x-www-form-urlencoded"})
    assert r2.status == 200 and r2.json()["rows"] == rows
    r3 = server.client.request("POST", "/sparql", SELECT_61.encode(),
                               {"Content-Type": "application/sparql-query"})
    assert r3.status == 200 and r3.json()["rows"] == rows


def test_sparql_result_cap(server: Server) -> None:
    data = server.client.get("/sparql?query=" + q("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")).json()
    assert data["truncated"] is True and len(data["rows"]) == 1000


def test_sparql_time_limit(server: Server) -> None:
    heavy = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    r = server.client.get("/sparql?query=" + q(heavy), )
    elapsed = time.monotonic() - started
    err = error_of(r, 503)
    assert err["code"] == "timeout" and elapsed < 10
    # The server is still answering afterwards.
    assert server.client.get("/api/stats").status == 200


@pytest.mark.parametrize("query, status", [
    ('INSERT DATA { <http://x> <http://y> "z" }', 403),
    ("DELETE WHERE { ?s ?p ?o }", 403),
    ("LOAD <http://example.org/data.ttl>", 403),
    ("CLEAR ALL", 403),
    ("DROP GRAPH <http://x>", 403),
    ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", 403),
    ("SELECT * FROM <http://example.org/x.ttl> WHERE { ?s ?p ?o }", 400),
    ("SELECT WHERE {", 400),
    ("", 400),
    ("SELECT ?s WHERE { ?s ?p ?o } # " + "x" * 10_001, 413),
])
def test_sparql_refusals(server: Server, query: str, status: int) -> None:
    err = error_of(server.client.get("/sparql?query=" + q(query)), status)
    assert err["message"]


def test_sparql_keywords_inside_strings_are_allowed(server: Server) -> None:
    r = server.client.get("/sparql?query=" + q('SELECT ?s WHERE { ?s ?p "drop delete insert" } LIMIT 1'))
    assert r.status == 200, r.text


def test_sparql_post_needs_a_query_media_type(server: Server) -> None:
    error_of(server.client.request("POST", "/sparql", b"{}", {"Content-Type": "application/json"}), 415)


# --- headers, write access, XSS ------------------------------------------------------------

def test_oversized_headers_are_rejected(server: Server) -> None:
    r = server.client.request("GET", "/api/stats", headers={"X-Big": "a" * 20_000})
    assert r.status in (400, 431), r.status


def test_ingest_needs_the_write_token(server: Server) -> None:
    body = {"text": "Căn cứ Nghị định số 61/2018/NĐ-CP;", "name": "t.txt"}
    error_of(server.client.post_json("/api/ingest", body), 401)
    error_of(server.client.post_json("/api/ingest", body, {"Authorization": "Bearer wrong"}), 401)


def test_ingest_form_needs_csrf(server: Server) -> None:
    page = server.client.get("/ingest")
    assert page.status == 200 and 'name="csrf"' in page.text
    r = server.client.post_file("/ingest", "a.txt", b"text", {"token": TOKEN})
    assert r.status == 400 and "Phiên biểu mẫu không hợp lệ" in r.text  # the page's Vietnamese


def test_a_kb_file_that_cannot_be_read_again_leaves_the_served_kb_in_place(tmp_path: Path) -> None:
    """Another process saved a KB the server cannot read (a full disk, a broken copy): the
    server keeps answering from the KB it has, logs it, and does not retry every request."""
    from cancu.graph import store
    from cancu.graph.kb import EdgeAssertion, KnowledgeBase, SourceRecord
    from cancu.graph.model import Provenance, Relation
    from cancu.webui import backend as backend_module
    from cancu.webui.app import create_app

    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key="catalog:test", digest="1", kind="catalog")
    record.facts += [("cp/2018/nd/61", "symbol", "61/2018/NĐ-CP", "catalog:test"),
                     ("cp/2018/nd/61", "doc_type", "Nghị định", "catalog:test")]
    record.edges.append(EdgeAssertion("cp/2019/nd/9", Relation.CITES, "cp/2018/nd/61", Provenance("x", "catalog:test")))
    kb.add_record(record)
    kb.save()
    client = create_app(tmp_path).test_client()
    assert client.get("/api/documents/cp/2018/nd/61").status_code == 200
    store.kb_file(tmp_path).write_bytes(b"not a knowledge base")
    app_backend = client.application.extensions["cancu"]
    app_backend._checked -= backend_module.RELOAD_CHECK_S + 1
    assert client.get("/api/documents/cp/2018/nd/61").status_code == 200
    assert app_backend.kb is not None and "cp/2018/nd/61" in app_backend.kb
    app_backend._checked -= backend_module.RELOAD_CHECK_S + 1
    assert app_backend.refresh() is False  # the same broken file: not read again


def test_writes_disabled_without_a_token() -> None:
    from cancu.webui.app import create_app

    app = create_app(kb=object(), config={"CANCU_WRITE_TOKEN": None})
    r = app.test_client().post("/api/ingest", json={"text": "x"}, headers={"Authorization": "Bearer x"})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "writes_disabled"
    assert app.test_client().get("/ingest").status_code == 404


def test_internal_errors_are_json_without_traceback() -> None:
    from cancu.webui.app import create_app

    class Broken:
        version = 0

        def documents(self) -> Any:
            raise RuntimeError("boom: secret internals")

    app = create_app(kb=Broken())
    r = app.test_client().get("/api/stats")
    assert r.status_code == 500
    assert r.get_json()["error"]["code"] == "internal_error"
    assert b"secret internals" not in r.data and b"Traceback" not in r.data


def test_stored_xss_is_inert(server: Server, xss_doc: str) -> None:
    pages = [f"/doc/{xss_doc}", "/doc/cp/2018/nd/61", "/?q=" + q("thử nghiệm"),
             f"/chain?id={q(xss_doc)}&direction=up", "/gaps?province=" + q("Quảng Ngãi")]
    seen_escaped = False
    for path in pages:
        r = server.client.get(path, Accept="text/html")
        assert r.status == 200, (path, r.status)
        assert XSS_SCRIPT not in r.text, path
        assert "<img src=x" not in r.text, path
        assert "script-src 'self'" in r.header("content-security-policy")
        seen_escaped |= "&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
    assert seen_escaped, "the hostile text should be shown, escaped"
    # The JSON twin carries the text as data; the browser renders it with textContent.
    rel = server.client.get("/api/documents/cp/2018/nd/61/relations")
    assert rel.header("content-type").startswith("application/json")


def test_xss_in_query_strings_is_escaped(server: Server) -> None:
    for path in ["/?q=" + q(XSS_SCRIPT), "/doc/" + q(XSS_ATTR), "/chain?id=" + q(XSS_SCRIPT),
                 "/gaps?province=" + q(XSS_ATTR), "/?q=" + q(XSS_ATTR) + "&type=" + q(XSS_SCRIPT)]:
        r = server.client.get(path, Accept="text/html")
        assert XSS_SCRIPT not in r.text and "<img src=x" not in r.text, path


def test_cached_answers_follow_the_kb_after_an_ingest(server: Server) -> None:
    """Search and suggestion answers are cached per KB version: the same request asked
    again after an ingest sees the new document, never the answer cached before it."""
    query = "quy chế quản lý phòng máy chủ dự phòng Khe Sanh"
    ask = lambda: server.client.get("/api/search?q=" + q(query)).json()  # noqa: E731
    task = {"text": "Vận hành phòng máy chủ dự phòng Khe Sanh", "province": "Quảng Trị", "k": 10}
    before, again = ask(), ask()
    assert before["results"] == again["results"]
    sug_before = server.client.post_json("/api/suggest", task).json()["suggestions"]
    text = ("ỦY BAN NHÂN DÂN TỈNH QUẢNG TRỊ\nSố: 4321/QĐ-UBND\nQuảng Trị, ngày 02 tháng 3 năm 2026\n"
            "QUYẾT ĐỊNH\nBan hành Quy chế quản lý phòng máy chủ dự phòng Khe Sanh\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n")
    r = server.client.post_json("/api/ingest", {"text": text, "name": "khe-sanh.txt"},
                                {"Authorization": f"Bearer {TOKEN}"})
    assert r.status == 201, r.text
    new_id = r.json()["result"]["document"]
    assert new_id not in [h["id"] for h in before["results"]]
    assert new_id == ask()["results"][0]["id"]
    sug_after = server.client.post_json("/api/suggest", task).json()["suggestions"]
    assert new_id not in [s["id"] for s in sug_before]
    assert new_id in [s["id"] for s in sug_after]
