"""Suggesting căn cứ (graph/suggest.py) on real knowledge bases built in tmp dirs.

The small KB below is written as one catalog record (the same path catalog imports take),
so each test states exactly which documents and edges exist."""

from __future__ import annotations

import datetime as dt
import re
import time
from pathlib import Path
from typing import Any

import pytest

from cancu.graph.kb import EdgeAssertion, KnowledgeBase, SourceRecord
from cancu.graph.model import Provenance, Relation
from cancu.graph.suggest import Suggester, suggest, suggester_for

QN = "Quảng Ngãi"
LABEL = "catalog:test"


def build_kb(path: Path, docs: list[dict[str, Any]], edges: list[tuple[str, str, str, str | None]]) -> KnowledgeBase:
    """A KB in `path` holding `docs` (attribute dicts) and `edges` (source, relation, target,
    sentence), asserted by one record."""
    kb = KnowledgeBase(path)
    record = SourceRecord(key=LABEL, digest=str(len(docs)) + str(len(edges)), kind="catalog")
    for d in docs:
        for attr, value in d.items():
            if attr != "id" and value is not None:
                record.facts.append((d["id"], attr, str(value), LABEL))
    for source, relation, target, sentence in edges:
        record.edges.append(EdgeAssertion(source, Relation(relation), target,
                                          Provenance(source, LABEL, None, None, sentence)))
    kb.add_record(record)
    return kb


def world() -> tuple[list[dict[str, Any]], list[tuple[str, str, str, str | None]]]:
    docs: list[dict[str, Any]] = [
        {"id": "qh/2015/77", "doc_type": "Luật", "symbol": "77/2015/QH13", "issuer": "QH", "date": "2015-06-19",
         "title": "Tổ chức chính quyền địa phương"},
        {"id": "cp/2018/nd/61", "doc_type": "Nghị định", "symbol": "61/2018/NĐ-CP", "issuer": "CP",
         "date": "2018-04-23",
         "title": "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"},
        {"id": "vpcp/2018/tt/1", "doc_type": "Thông tư", "symbol": "01/2018/TT-VPCP", "issuer": "VPCP",
         "date": "2018-11-23", "title": "Hướng dẫn thi hành một số quy định của Nghị định số 61/2018/NĐ-CP"},
        {"id": "cp/2023/nd/107", "doc_type": "Nghị định", "symbol": "107/2023/NĐ-CP", "issuer": "CP",
         "date": "2023-07-10",
         "title": "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"},
        {"id": "cp/2011/nd/43", "doc_type": "Nghị định", "symbol": "43/2011/NĐ-CP", "issuer": "CP",
         "date": "2011-06-13", "title": "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến"},
        {"id": "ubnd.quang-ngai/2018/qd/1523", "doc_type": "Quyết định", "symbol": "1523/QĐ-UBND",
         "issuer": "UBND", "province": QN, "date": "2018-09-06",
         "title": "Ban hành Quy chế một cửa, một cửa liên thông tỉnh Quảng Ngãi"},
        {"id": "ubnd.kon-tum/2019/qd/7", "doc_type": "Quyết định", "symbol": "07/QĐ-UBND", "issuer": "UBND",
         "province": "Kon Tum", "date": "2019-01-07", "title": "Ban hành quy chế một cửa tỉnh Kon Tum"},
        {"id": "cp/2030/nd/1", "doc_type": "Nghị định", "symbol": "01/2030/NĐ-CP", "issuer": "CP",
         "date": "2030-01-01", "title": "Về cơ chế một cửa trong giải quyết thủ tục hành chính"},
    ]
    edges: list[tuple[str, str, str, str | None]] = [
        ("cp/2023/nd/107", "replaces", "cp/2018/nd/61", "Nghị định này thay thế Nghị định số 61/2018/NĐ-CP"),
        ("vpcp/2018/tt/1", "guides", "cp/2018/nd/61", None),
        ("ubnd.quang-ngai/2018/qd/1523", "implements", "cp/2018/nd/61", None),
    ]
    for n in range(6):
        did = f"ubnd.quang-ngai/2019/qd/{100 + n}"
        docs.append({"id": did, "doc_type": "Quyết định", "symbol": f"{100 + n}/QĐ-UBND", "issuer": "UBND",
                     "province": QN, "date": f"2019-0{n + 1}-15",
                     "title": f"Phê duyệt phương án trang bị Trung tâm Phục vụ hành chính công, đợt {n}"})
        edges.append((did, "based_on", "qh/2015/77", "Căn cứ Luật Tổ chức chính quyền địa phương;"))
        edges.append((did, "based_on", "cp/2018/nd/61",
                      "Căn cứ Nghị định số 61/2018/NĐ-CP về thực hiện cơ chế một cửa;"))
        if n % 2 == 0:
            edges.append((did, "based_on", "vpcp/2018/tt/1", "Căn cứ Thông tư số 01/2018/TT-VPCP;"))
    return docs, edges


@pytest.fixture()
def kb(tmp_path: Path) -> KnowledgeBase:
    return build_kb(tmp_path, *world())


TASK = ("Nâng cấp hạ tầng trang thiết bị công nghệ thông tin tại Trung tâm Phục vụ hành chính công tỉnh; "
        "bổ sung máy tính cho các Quầy tiếp nhận TTHC")


def ids(results: list[Any]) -> list[str]:
    return [s.id for s in results]


def test_finds_the_bases_of_similar_tasks_with_reasons_and_citation(kb: KnowledgeBase) -> None:
    out = suggest(kb, TASK, issuer="UBND", province=QN, as_of=dt.date(2021, 8, 1))
    top = ids(out)[:4]
    assert "cp/2018/nd/61" in top and "qh/2015/77" in top
    nd61 = next(s for s in out if s.id == "cp/2018/nd/61")
    assert nd61.citation == ("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế "
                             "một cửa, một cửa liên thông trong giải quyết thủ tục hành chính")
    assert any(re.match(r"được dùng làm căn cứ cho nhiệm vụ tương tự trong \d+ văn bản", r) for r in nd61.reasons)
    assert any(r.startswith("khớp nội dung trích yếu") and "hành chính" in r for r in nd61.reasons)
    assert nd61.implemented_by == [{
        "id": "ubnd.quang-ngai/2018/qd/1523", "symbol": "1523/QĐ-UBND",
        "citation": "Quyết định số 1523/QĐ-UBND ngày 06/9/2018 của Ủy ban nhân dân tỉnh Quảng Ngãi ban hành "
                    "Quy chế một cửa, một cửa liên thông tỉnh Quảng Ngãi"}]
    assert nd61.flags == []
    js = nd61.to_json()
    assert {"id", "symbol", "citation", "score", "reasons", "implemented_by"} <= set(js)


def test_structural_basis_is_learned_from_the_issuer_and_type(kb: KnowledgeBase) -> None:
    out = suggest(kb, "Quyết định về một việc chưa từng có", issuer="Ủy ban nhân dân tỉnh Quảng Ngãi",
                  province=QN, as_of=dt.date(2021, 1, 1))
    law = next(s for s in out if s.id == "qh/2015/77")
    assert any(r.startswith("mọi Quyết định của Ủy ban nhân dân tỉnh") and
               "Luật Tổ chức chính quyền địa phương" in r for r in law.reasons)
    assert law.citation == "Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015"


def test_nothing_issued_after_as_of(kb: KnowledgeBase) -> None:
    as_of = dt.date(2020, 1, 1)
    out = suggest(kb, "cơ chế một cửa trong giải quyết thủ tục hành chính", as_of=as_of, k=20)
    assert out
    for s in out:
        doc = kb.get(s.id)
        assert doc is not None and (doc.date is None or doc.date <= as_of), s.id
    assert "cp/2023/nd/107" not in ids(out) and "cp/2030/nd/1" not in ids(out)
    # Without as_of the later documents are candidates again.
    assert "cp/2023/nd/107" in ids(suggest(kb, "cơ chế một cửa trong giải quyết thủ tục hành chính", k=20))


def test_replaced_document_is_flagged_with_its_replacement_named(kb: KnowledgeBase) -> None:
    out = suggest(kb, TASK, issuer="UBND", province=QN, as_of=dt.date(2024, 1, 1), k=10)
    nd61 = next(s for s in out if s.id == "cp/2018/nd/61")
    assert nd61.flags and "thay thế bởi Nghị định số 107/2023/NĐ-CP" in nd61.flags[0]
    replacement = next(s for s in out if s.id == "cp/2023/nd/107")
    assert replacement.flags == []
    assert replacement.score > nd61.score
    assert any("thay thế Nghị định số 61/2018/NĐ-CP" in r for r in replacement.reasons)
    # Before the replacement took effect, 61/2018 is valid and unflagged.
    before = suggest(kb, TASK, issuer="UBND", province=QN, as_of=dt.date(2021, 1, 1))
    assert next(s for s in before if s.id == "cp/2018/nd/61").flags == []


def test_other_provinces_documents_are_left_out(kb: KnowledgeBase) -> None:
    out = suggest(kb, "quy chế một cửa", province=QN, k=20)
    assert "ubnd.kon-tum/2019/qd/7" not in ids(out)


def test_already_cited_is_excluded_and_co_cited_ones_are_explained(kb: KnowledgeBase) -> None:
    out = suggest(kb, "trang thiết bị", issuer="UBND", province=QN, as_of=dt.date(2021, 1, 1),
                  already_cited=["61/2018/NĐ-CP"])
    assert "cp/2018/nd/61" not in ids(out)
    tt = next(s for s in out if s.id == "vpcp/2018/tt/1")
    assert any("thường được căn cứ cùng Nghị định số 61/2018/NĐ-CP" in r for r in tt.reasons)


def test_chain_brings_the_provinces_implementing_plan(kb: KnowledgeBase) -> None:
    out = suggest(kb, "cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
                  province=QN, as_of=dt.date(2021, 1, 1), k=10)
    plan = next(s for s in out if s.id == "ubnd.quang-ngai/2018/qd/1523")
    assert any("thực hiện Nghị định số 61/2018/NĐ-CP" in r for r in plan.reasons)


def test_cache_follows_the_kb_version(kb: KnowledgeBase) -> None:
    first = suggester_for(kb)
    assert suggester_for(kb) is first
    kb.remove_source(LABEL)
    assert suggester_for(kb) is not first
    assert suggest(kb, TASK) == []


def test_empty_and_odd_queries_do_not_fail(kb: KnowledgeBase) -> None:
    assert suggest(kb, "") == [] or isinstance(suggest(kb, ""), list)
    suggest(kb, "/" * 10_000 + " 61/2018/NĐ-CP " + "a" * 50_000, k=3)


def test_latency_on_a_larger_kb(tmp_path: Path) -> None:
    """Thousands of documents: a query stays well inside the 100 ms budget once the
    Suggester is built (bench/suggest_eval.py measures the real catalog)."""
    docs, edges = world()
    for n in range(3000):
        docs.append({"id": f"cp/2010/nd/{1000 + n}", "doc_type": "Nghị định", "symbol": f"{1000 + n}/2010/NĐ-CP",
                     "issuer": "CP", "date": "2010-01-01",
                     "title": f"Quy định chi tiết thi hành luật số {n} về quản lý hành chính nhà nước lĩnh vực {n % 37}"})
    kb = build_kb(tmp_path, docs, edges)
    sugg = Suggester(kb)
    times = []
    for _ in range(20):
        t = time.perf_counter()
        sugg.suggest(TASK, issuer="UBND", province=QN, as_of=dt.date(2021, 1, 1))
        times.append(time.perf_counter() - t)
    times.sort()
    assert times[int(len(times) * 0.95) - 1] < 0.1
