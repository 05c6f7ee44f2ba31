"""A document's status is judged on a day from its dates and the KB's replacing and
repealing edges (graph/validity.py), not frozen at the day the catalog was built: what
`show`, `search` (its results, filter and facet), the web pages and `lint` say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from test_suggest import build_kb

from cancu.graph import validity
from cancu.graph.kb import KnowledgeBase
from cancu.graph.lint import lint
from cancu.graph.search import SearchIndex

FAR = "2099-01-01"  # an entry into force after any day these tests run on


def _law(doc_id: str, symbol: str, date: str, title: str, **more: Any) -> dict[str, Any]:
    return {"id": doc_id, "doc_type": "Luật", "symbol": symbol, "issuer": "QH", "date": date,
            "title": title, **more}


@pytest.fixture()
def kb(tmp_path: Path) -> KnowledgeBase:
    docs = [
        # The catalog's day said "not yet"; its effective date has passed since.
        _law("qh/2024/33", "33/2024/QH15", "2024-06-21", "Lưu trữ", effective_date="2025-07-01",
             status="Chưa có hiệu lực"),
        # Passed, in force in the far future; the catalog said nothing.
        _law("qh/2098/1", "01/2098/QH20", "2098-06-01", "Thư viện", effective_date=FAR),
        # In force, replaced by a law not yet in force: the catalog already calls it expired.
        _law("qh/2011/1", "01/2011/QH13", "2011-11-11", "Lưu trữ", status="Hết hiệu lực toàn bộ"),
        _law("qh/2015/77", "77/2015/QH13", "2015-06-19", "Tổ chức chính quyền địa phương",
             status="Hết hiệu lực toàn bộ"),
        _law("qh/2098/2", "02/2098/QH20", "2098-06-01", "Tổ chức chính quyền địa phương", effective_date=FAR),
        # Expired by the national database alone: no edge explains it, the status stands.
        _law("qh/2006/67", "67/2006/QH11", "2006-06-29", "Công nghệ thông tin", status="Hết hiệu lực toàn bộ"),
    ]
    edges = [("qh/2024/33", "replaces", "qh/2011/1", None), ("qh/2098/2", "replaces", "qh/2015/77", None)]
    return build_kb(tmp_path, docs, edges)


def test_status_on_a_day_follows_dates_and_edges(kb: KnowledgeBase) -> None:
    today = validity.today()
    assert today.year > 2025  # the test reads the clock: it holds from 2026 on
    assert kb.status("qh/2024/33") == "Còn hiệu lực"
    assert kb.status("qh/2024/33", dt.date(2025, 3, 1)) == "Chưa có hiệu lực"
    assert kb.status("qh/2011/1") == "Hết hiệu lực toàn bộ"
    # Before its replacement took effect it applied, whatever the catalog says of today.
    assert kb.status("qh/2011/1", dt.date(2025, 3, 1)) == "Còn hiệu lực"
    assert kb.status("qh/2011/1", dt.date(2025, 7, 1)) == "Hết hiệu lực toàn bộ"
    assert kb.status("qh/2098/1") == "Chưa có hiệu lực"
    assert kb.status("qh/2098/1", dt.date(2099, 1, 1)) is None  # in force; nothing stored says more
    assert kb.status("qh/2015/77") == "Còn hiệu lực"  # its replacement is not in force yet
    assert kb.status("qh/2015/77", dt.date(2099, 1, 1)) == "Hết hiệu lực toàn bộ"
    assert kb.status("qh/2006/67") == "Hết hiệu lực toàn bộ"
    assert kb.status("nothing/here") is None
    # The node itself keeps the status the national database gave.
    doc = kb.get("qh/2024/33")
    assert doc is not None and doc.status == "Chưa có hiệu lực"


def test_search_shows_filters_and_counts_the_status_of_the_day(kb: KnowledgeBase,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    index = SearchIndex.open(kb)
    found = index.search("lưu trữ")
    status = {h.id: h.status for h in found.results}
    assert status["qh/2024/33"] == "Còn hiệu lực", status
    in_force = {h.id for h in index.search("", status="Còn hiệu lực", limit=50).results}
    assert {"qh/2024/33", "qh/2015/77"} <= in_force and "qh/2011/1" not in in_force, in_force
    facet = index.search("", limit=50).facets["status"]
    assert facet == {"Còn hiệu lực": 2, "Chưa có hiệu lực": 2, "Hết hiệu lực toàn bộ": 2}, facet
    # The same index asked on another day is brought up to that day's statuses.
    monkeypatch.setattr(validity, "today", lambda: dt.date(2025, 3, 1))
    then = index.search("lưu trữ")
    assert {h.id: h.status for h in then.results}["qh/2024/33"] == "Chưa có hiệu lực"
    not_yet = {h.id for h in index.search("", status="Chưa có hiệu lực", limit=50).results}
    assert "qh/2024/33" in not_yet and "qh/2015/77" not in not_yet, not_yet


def test_lint_without_a_date_judges_on_today(kb: KnowledgeBase) -> None:
    """No draft date: validity is judged on today's, as the report says. The stored "Chưa
    có hiệu lực" of a law in force since 2025 is no problem; a law entering into force in
    2099 is one, with its date."""
    report = lint(kb, "Căn cứ Luật Lưu trữ số 33/2024/QH15;")
    assert report.citations[0].status == "found" and not report.problems, report.problems
    later = lint(kb, "Căn cứ Luật Thư viện số 01/2098/QH20;")
    assert [p.kind for p in later.problems] == ["not_yet_in_force"], later.problems
    assert "01/01/2099" in later.problems[0].message


def test_a_consolidated_text_ends_nothing(tmp_path: Path) -> None:
    """A văn bản hợp nhất reproduces the final provisions of the laws it consolidates ("Luật
    Đất đai số 45/2013/QH13 ... hết hiệu lực ..."), dated when it was compiled: its repeal
    edge does not end the law, the law's own replacement does, from its entry into force."""
    docs = [_law("qh/2013/45", "45/2013/QH13", "2013-11-29", "Đất đai"),
            _law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai", effective_date="2024-08-01"),
            {"id": "vpqh/2024/vbhn/1", "doc_type": "Văn bản hợp nhất", "symbol": "01/VBHN-VPQH", "issuer": "VPQH",
             "date": "2024-02-20", "title": "LUẬT THỦY SẢN"}]
    kb = build_kb(tmp_path, docs, [("vpqh/2024/vbhn/1", "repeals", "qh/2013/45", None),
                                   ("qh/2024/31", "repeals", "qh/2013/45", None)])
    assert kb.status("qh/2013/45", dt.date(2024, 5, 1)) != "Hết hiệu lực toàn bộ"
    assert kb.status("qh/2013/45", dt.date(2024, 8, 1)) == "Hết hiệu lực toàn bộ"
    assert not lint(kb, "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;", as_of=dt.date(2024, 5, 1)).problems
