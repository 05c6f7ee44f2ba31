"""Checking a draft's citations (graph/lint.py): one test per problem kind, each asserting
the fix, on a real KB built in a tmp dir; plus the statuses, the cap and the docs table."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from cancu.graph import vocab
from cancu.graph.kb import EdgeAssertion, KnowledgeBase, SourceRecord
from cancu.graph.lint import MAX_CITATIONS, PROBLEM_KINDS, LintReport, lint
from cancu.graph.model import Provenance, Relation

REPO = Path(__file__).resolve().parent.parent
LABEL = "catalog:test"
QN = "Quảng Ngãi"

DOCS: list[dict[str, Any]] = [
    {"id": "cp/2018/nd/61", "doc_type": "Nghị định", "symbol": "61/2018/NĐ-CP", "issuer": "CP", "date": "2018-04-23",
     "title": "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"},
    {"id": "cp/2023/nd/107", "doc_type": "Nghị định", "symbol": "107/2023/NĐ-CP", "issuer": "CP",
     "date": "2023-07-10", "title": "Về thực hiện cơ chế một cửa, một cửa liên thông (thay thế)"},
    {"id": "cp/2007/nd/64", "doc_type": "Nghị định", "symbol": "64/2007/NĐ-CP", "issuer": "CP", "date": "2007-04-10",
     "title": "Về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước"},
    {"id": "cp/2011/nd/43", "doc_type": "Nghị định", "symbol": "43/2011/NĐ-CP", "issuer": "CP", "date": "2011-06-13",
     "title": "Quy định về việc cung cấp thông tin và dịch vụ công trực tuyến"},
    {"id": "cp/2019/nq/17", "doc_type": "Nghị quyết", "symbol": "17/NQ-CP", "issuer": "CP", "date": "2019-03-07",
     "title": "Về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020"},
    {"id": "ttg/2020/qd/458", "doc_type": "Quyết định", "symbol": "458/QĐ-TTg", "issuer": "TTg", "date": "2020-04-03",
     "title": "Phê duyệt Đề án Lưu trữ tài liệu điện tử của các cơ quan nhà nước"},
    {"id": "ttg/2018/qd/28", "doc_type": "Quyết định", "symbol": "28/2018/QĐ-TTg", "issuer": "TTg",
     "date": "2018-07-12", "title": "Về việc gửi, nhận văn bản điện tử"},
    {"id": "ubnd.quang-ngai/2019/kh/61", "doc_type": "Kế hoạch", "symbol": "61/KH-UBND", "issuer": "UBND",
     "province": QN, "date": "2019-04-10", "title": "Thực hiện Nghị quyết số 17/NQ-CP"},
    {"id": "ubnd.quang-ngai/2019/kh/151", "doc_type": "Kế hoạch", "symbol": "151/KH-UBND", "issuer": "UBND",
     "province": QN, "date": "2019-12-09", "title": "Thực hiện Kết luận số 50-KL/TW"},
    {"id": "ubnd.quang-ngai/2020/kh/151", "doc_type": "Kế hoạch", "symbol": "151/KH-UBND", "issuer": "UBND",
     "province": QN, "date": "2020-12-21", "title": "Ứng dụng công nghệ thông tin giai đoạn 2021-2025"},
    {"id": "cp/2030/nd/5", "doc_type": "Nghị định", "symbol": "05/2030/NĐ-CP", "issuer": "CP", "date": "2030-01-05",
     "title": "Về một việc trong tương lai"},
]
EDGES = [
    ("cp/2023/nd/107", "replaces", "cp/2018/nd/61"),
    ("ttg/2020/qd/458", "repeals", "ttg/2018/qd/28"),
    ("ubnd.quang-ngai/2019/kh/61", "implements", "cp/2019/nq/17"),
]


def docs_kb(path: Path, docs: list[dict[str, Any]], edges: Sequence[tuple[str, str, str]] = ()) -> KnowledgeBase:
    """A KB in `path` holding `docs` (an id and attributes each) and `edges` (source,
    relation, target), asserted by one catalog record."""
    kb = KnowledgeBase(path)
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    for d in docs:
        for attr, value in d.items():
            if attr != "id" and value is not None:
                record.facts.append((d["id"], attr, str(value), LABEL))
    for s, rel, t in edges:
        record.edges.append(EdgeAssertion(s, Relation(rel), t, Provenance(s, LABEL)))
    kb.add_record(record)
    return kb


@pytest.fixture()
def kb(tmp_path: Path) -> KnowledgeBase:
    return docs_kb(tmp_path, DOCS, EDGES)


def kinds(report: LintReport) -> list[str]:
    return [p.kind for p in report.problems]


def only(report: LintReport, kind: str) -> Any:
    found = [p for p in report.problems if p.kind == kind]
    assert len(found) == 1, (kind, [(p.kind, p.message) for p in report.problems])
    return found[0]


AS_OF = dt.date(2021, 8, 1)


def test_correct_citation_is_found_without_problems(kb: KnowledgeBase) -> None:
    text = "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;"
    report = lint(kb, text, as_of=AS_OF)
    [c] = report.citations
    assert (c.status, c.id, c.problems) == ("found", "cp/2011/nd/43", [])
    assert text[c.start:c.end] == c.text and c.symbol == "43/2011/NĐ-CP"


def test_wrong_date(kb: KnowledgeBase) -> None:
    p = only(lint(kb, "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 15/6/2011 của Chính phủ;", as_of=AS_OF), "wrong_date")
    assert p.fix == "ngày 13/6/2011"
    assert "13/6/2011" in p.message and "15/6/2011" in p.message


def test_wrong_date_wrong_year_of_administrative_symbol(kb: KnowledgeBase) -> None:
    text = ("Thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2018 của Chính phủ về một số nhiệm vụ, giải pháp "
            "trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020;")
    report = lint(kb, text, as_of=AS_OF)
    assert report.citations[0].id == "cp/2019/nq/17"
    assert only(report, "wrong_date").fix == "ngày 07/3/2019"


def test_wrong_issuer(kb: KnowledgeBase) -> None:
    p = only(lint(kb, "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Bộ Tài chính;", as_of=AS_OF),
             "wrong_issuer")
    assert p.fix == "của Chính phủ"


def test_chu_tich_ubnd_signing_a_qd_ubnd_is_not_a_wrong_issuer(kb: KnowledgeBase) -> None:
    text = "Căn cứ Kế hoạch số 61/KH-UBND ngày 10/4/2019 của Chủ tịch UBND tỉnh;"
    assert "wrong_issuer" not in kinds(lint(kb, text, as_of=AS_OF, province=QN))


def test_wrong_type(kb: KnowledgeBase) -> None:
    p = only(lint(kb, "Căn cứ Quyết định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;", as_of=AS_OF),
             "wrong_type")
    assert p.fix == "Nghị định số 43/2011/NĐ-CP"


def test_symbol_typo_not_in_kb(kb: KnowledgeBase) -> None:
    report = lint(kb, "Căn cứ Nghị định số 43/2012/NĐ-CP ngày 13/6/2011 của Chính phủ;", as_of=AS_OF)
    c = report.citations[0]
    assert c.status == "not_found"
    assert only(report, "symbol_typo").fix == "43/2011/NĐ-CP"
    # The fix names the document meant, which the KB knows: not counted among the
    # citations the KB lacks and could not check.
    assert report.not_found == 0 and "kho chưa có" not in report.summary()
    assert report.summary() == "1 trích dẫn, 1 vấn đề."


def test_symbol_without_its_type_code_is_told_the_whole_symbol(kb: KnowledgeBase) -> None:
    """"28/2018/TTg": the writer left out "QĐ-"; the decision of that number, year and
    issuer is the fix."""
    report = lint(kb, "Căn cứ Quyết định số 28/2018/TTg ngày 12/7/2018 của Thủ tướng Chính phủ về việc gửi, "
                      "nhận văn bản điện tử;", as_of=dt.date(2019, 1, 1))
    assert report.citations[0].status == "not_found"
    assert only(report, "symbol_typo").fix == "28/2018/QĐ-TTg"


def test_symbol_typo_landing_on_another_document(kb: KnowledgeBase) -> None:
    # 64/2007 is real; 61/2007 is not in the KB... so write 43/2011's neighbour 42/2011? The
    # typo must land on a real document: 61/2018 written as 64/2007's date and subject.
    record = SourceRecord(key="catalog:typo", digest="3", kind="catalog", facts=[
        ("cp/2007/nd/61", f, v, "catalog:typo") for f, v in (
            ("doc_type", "Nghị định"), ("symbol", "61/2007/NĐ-CP"), ("issuer", "CP"), ("date", "2007-04-09"),
            ("title", "Về một việc khác hẳn"))])
    kb.add_record(record)
    report = lint(kb, "Căn cứ Nghị định số 61/2007/NĐ-CP ngày 10/4/2007 của Chính phủ về ứng dụng công nghệ "
                      "thông tin trong hoạt động của cơ quan nhà nước;", as_of=dt.date(2020, 1, 1))
    p = only(report, "symbol_typo")
    assert p.fix == "64/2007/NĐ-CP" and "61/2007/NĐ-CP là một văn bản khác" in p.message
    # The KB knows the document meant: the summary does not count it among those it lacks.
    assert report.not_found == 0 and "kho chưa có" not in report.summary(), report.summary()
    # Without a date, the subject alone tells the typo (rev25: "Nghị định 01/2012/NĐ-CP ... về
    # đăng ký doanh nghiệp" passed); a subject that fits the document found is no typo.
    undated = lint(kb, "Căn cứ Nghị định số 61/2007/NĐ-CP của Chính phủ về ứng dụng công nghệ thông tin trong "
                       "hoạt động của cơ quan nhà nước;", as_of=dt.date(2020, 1, 1))
    assert only(undated, "symbol_typo").fix == "64/2007/NĐ-CP"
    fits = lint(kb, "Căn cứ Nghị định số 61/2007/NĐ-CP của Chính phủ về một việc khác hẳn;", as_of=dt.date(2020, 1, 1))
    assert [c.status for c in fits.citations] == ["found"] and "symbol_typo" not in kinds(fits)
    # A date slip on the right document stays a wrong date: its subject agrees.
    report = lint(kb, "Căn cứ Nghị định số 64/2007/NĐ-CP ngày 09/4/2007 của Chính phủ về ứng dụng công nghệ "
                      "thông tin trong hoạt động của cơ quan nhà nước;", as_of=dt.date(2020, 1, 1))
    assert only(report, "wrong_date").fix == "ngày 10/4/2007"


def test_replaced_names_the_replacement(kb: KnowledgeBase) -> None:
    text = "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;"
    p = only(lint(kb, text, as_of=dt.date(2024, 1, 1)), "replaced")
    assert "107/2023/NĐ-CP" in p.message
    assert p.fix.startswith("Nghị định số 107/2023/NĐ-CP ngày 10/7/2023 của Chính phủ")
    assert "replaced" not in kinds(lint(kb, text, as_of=dt.date(2020, 1, 1)))  # not yet replaced then


def test_repealed(kb: KnowledgeBase) -> None:
    p = only(lint(kb, "Căn cứ Quyết định số 28/2018/QĐ-TTg ngày 12/7/2018 của Thủ tướng Chính phủ;",
                  as_of=AS_OF), "repealed")
    assert "458/QĐ-TTg" in p.message and p.fix


def test_expired_and_not_yet_in_force(kb: KnowledgeBase) -> None:
    record = SourceRecord(key="catalog:status", digest="2", kind="catalog", facts=[
        ("cp/2011/nd/43", "status", "Hết hiệu lực toàn bộ", "catalog:status"),
        ("cp/2007/nd/64", "status", "Chưa có hiệu lực", "catalog:status"),
        ("cp/2007/nd/64", "effective_date", "2099-09-01", "catalog:status"),  # after any test day
    ])
    kb.add_record(record)
    p = only(lint(kb, "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;", as_of=AS_OF), "expired")
    assert p.fix
    text = "Căn cứ Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ;"
    q = only(lint(kb, text), "not_yet_in_force")
    assert "Chưa có hiệu lực" in q.message and q.fix
    # With the draft's date, a later entry into force is allowed: a decree is signed before
    # the law it details takes effect, and takes effect with it.
    assert "not_yet_in_force" not in kinds(lint(kb, text, as_of=AS_OF))


def test_issued_after_the_draft(kb: KnowledgeBase) -> None:
    p = only(lint(kb, "Căn cứ Nghị định số 05/2030/NĐ-CP ngày 05/01/2030 của Chính phủ;", as_of=AS_OF),
             "issued_after")
    assert "05/01/2030" in p.message and p.fix


def test_missing_implementation_names_the_plan(kb: KnowledgeBase) -> None:
    text = "Căn cứ Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ;"
    p = only(lint(kb, text, as_of=AS_OF, province=QN), "missing_implementation")
    assert p.fix == ("Thực hiện Kế hoạch số 61/KH-UBND ngày 10/4/2019 của Ủy ban nhân dân tỉnh Quảng Ngãi "
                     "thực hiện Nghị quyết số 17/NQ-CP")
    both = text + "\nThực hiện Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh Quảng Ngãi;"
    assert "missing_implementation" not in kinds(lint(kb, both, as_of=AS_OF, province=QN))


def test_a_law_cited_by_the_first_words_of_its_name(tmp_path: Path) -> None:
    """"Luật Ngân sách" for Luật Ngân sách nhà nước: found, and the whole name proposed; the
    whole name, any case, "Hiến pháp" (cited by one fixed phrase) and the body's short name pass."""
    kb = docs_kb(tmp_path, [
        {"id": "qh/2015/83", "doc_type": "Luật", "symbol": "83/2015/QH13", "issuer": "QH", "date": "2015-06-25",
         "title": "Ngân sách nhà nước"},
        {"id": "qh/2015/86", "doc_type": "Luật", "symbol": "86/2015/QH13", "issuer": "QH", "date": "2015-11-19",
         "title": "An toàn thông tin mạng"},
        {"id": "name/hien-phap-2013", "doc_type": "Hiến pháp", "date": "2013-11-28",
         "title": "nước Cộng hòa xã hội chủ nghĩa Việt Nam"},
    ])
    text = ("Căn cứ Hiến pháp năm 2013;\nCăn cứ Luật Ngân sách ngày 25 tháng 6 năm 2015;\n"
            "Căn cứ Luật An toàn thông tin ngày 19 tháng 11 năm 2015;\n"
            "Căn cứ Luật ngân sách nhà nước ngày 25 tháng 6 năm 2015;\n"
            "Các đơn vị lập dự toán theo Luật Ngân sách.")
    report = lint(kb, text, as_of=AS_OF)
    short = [c for c in report.citations if any(p.kind == "incomplete" for p in c.problems)]
    assert [c.id for c in short] == ["qh/2015/83", "qh/2015/86"]
    assert [p.fix for c in short for p in c.problems] == ["Luật Ngân sách nhà nước", "Luật An toàn thông tin mạng"]
    assert kinds(report) == ["incomplete", "incomplete"]


def test_a_party_number_written_in_the_state_shape_is_found_and_corrected(tmp_path: Path) -> None:
    kb = docs_kb(tmp_path, [{"id": "tw/2019/nq/52", "doc_type": "Nghị quyết", "symbol": "52-NQ/TW", "issuer": "TW",
                             "date": "2019-09-27", "title": "Về một số chủ trương, chính sách chủ động tham gia "
                                                            "cuộc Cách mạng công nghiệp lần thứ tư"}])
    report = lint(kb, "Căn cứ Nghị quyết số 52/NQ-TW ngày 27/9/2019 của Bộ Chính trị;", as_of=AS_OF)
    [cited] = report.citations
    assert cited.id == "tw/2019/nq/52"
    assert [(p.kind, p.fix) for p in cited.problems] == [("symbol_typo", "52-NQ/TW")]
    assert lint(kb, "Căn cứ Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị;", as_of=AS_OF).problems == []


def test_a_basis_written_by_number_and_year_alone_is_read_and_completed(kb: KnowledgeBase) -> None:
    """"Nghị định 61/2018 của Chính phủ" (the type implies the issuer) and "Quyết định
    28/2018 của Thủ tướng Chính phủ" (the citation names it) are found; as a căn cứ each
    gets its whole số, ký hiệu as the fix; in the body they pass."""
    text = ("Căn cứ Nghị định 61/2018 của Chính phủ về thực hiện cơ chế một cửa;\n"
            "Căn cứ Quyết định 28/2018 của Thủ tướng Chính phủ về việc gửi, nhận văn bản điện tử;\n"
            "Các cơ quan thực hiện theo Nghị định 61/2018 của Chính phủ.")
    report = lint(kb, text, as_of=dt.date(2019, 1, 10))
    assert [c.id for c in report.citations] == ["cp/2018/nd/61", "ttg/2018/qd/28", "cp/2018/nd/61"]
    assert [[(p.kind, p.fix) for p in c.problems] for c in report.citations] == [
        [("incomplete", "số 61/2018/NĐ-CP")], [("incomplete", "số 28/2018/QĐ-TTg")], []]


LAWS_2024 = [
    {"id": "qh/2024/31", "doc_type": "Luật", "symbol": "31/2024/QH15", "issuer": "QH15", "date": "2024-01-18",
     "title": "Đất đai"},
    {"id": "qh/2024/32", "doc_type": "Luật", "symbol": "32/2024/QH15", "issuer": "QH15", "date": "2024-01-18",
     "title": "Các tổ chức tín dụng"},
    {"id": "qh/2024/34", "doc_type": "Luật", "symbol": "34/2024/QH15", "issuer": "QH15", "date": "2024-06-24",
     "title": "Tổ chức Tòa án nhân dân"},
    {"id": "qh/2024/43", "doc_type": "Luật", "symbol": "43/2024/QH15", "issuer": "QH15", "date": "2024-06-29",
     "title": "Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15, "
              "Luật Kinh doanh bất động sản số 29/2023/QH15 và Luật Các tổ chức tín dụng số 32/2024/QH15"},
    {"id": "qh/2019/47", "doc_type": "Luật", "symbol": "47/2019/QH14", "issuer": "QH14", "date": "2019-11-22",
     "title": "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"},
    {"id": "qh/2015/77", "doc_type": "Luật", "symbol": "77/2015/QH13", "issuer": "QH13", "date": "2015-06-19",
     "title": "Tổ chức chính quyền địa phương"},
]


def test_a_typo_landing_on_a_law_named_in_the_subject_finds_the_amending_law(tmp_path: Path) -> None:
    """"Luật số 34/2024/QH15 sửa đổi, bổ sung ... Luật Đất đai, ... Luật Các tổ chức tín
    dụng" (undated, as laws are cited since 2025): 34/2024 is Luật Tổ chức Tòa án nhân dân.
    Its neighbours 31/2024 and 32/2024 fit only as names within the subject; 43/2024, whose
    title is the subject, is the law meant."""
    kb = docs_kb(tmp_path, LAWS_2024)
    text = ("Căn cứ Luật số 34/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, "
            "Luật Kinh doanh bất động sản và Luật Các tổ chức tín dụng;")
    p = only(lint(kb, text, as_of=dt.date(2024, 10, 15)), "symbol_typo")
    assert p.fix == "43/2024/QH15" and "Tổ chức Tòa án nhân dân" in p.message, p


def test_a_law_by_number_and_year_alone_is_completed_with_its_term_never_made_up(tmp_path: Path) -> None:
    """"Luật 47/2019": a law's number carries the Quốc hội's term (47/2019/QH14), which the
    year does not say; the KB's law is found and its whole number is the fix. A number the
    KB lacks gets no invented "47/2019/L-QH"."""
    kb = docs_kb(tmp_path, LAWS_2024)
    report = lint(kb, "Căn cứ Luật 47/2019;\nCăn cứ Luật số 99/2019;", as_of=dt.date(2021, 6, 1))
    known, unknown = report.citations
    assert (known.status, known.id, known.symbol) == ("found", "qh/2019/47", "47/2019/QH14")
    assert [(p.kind, p.fix) for p in known.problems] == [("incomplete", "số 47/2019/QH14")]
    assert unknown.status == "not_found" and [p.kind for p in unknown.problems] == ["incomplete"]
    assert "L-QH" not in str(report.to_json()) and "QH14" in unknown.problems[0].message


def test_a_law_cited_by_name_with_another_issuer(tmp_path: Path) -> None:
    """A law cited by name has no ký hiệu to say who issued it; the KB does: "của Chính phủ"
    is wrong. "do Văn phòng Quốc hội [hợp nhất]" names who consolidated it: no issuer."""
    kb = docs_kb(tmp_path, LAWS_2024)
    report = lint(kb, "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024 của Bộ Tài nguyên và Môi trường;\n"
                      "Văn bản hợp nhất Luật Đất đai do Văn phòng Quốc hội hợp nhất.\n"
                      "Thực hiện hướng dẫn thi hành Luật Đất đai của Bộ Tài nguyên và Môi trường.", as_of=dt.date(2024, 10, 15))
    first, *others = report.citations
    assert [(p.kind, p.fix) for p in first.problems] == [("wrong_issuer", "của Quốc hội")], first.problems
    assert first.id == "qh/2024/31" and not any(c.problems for c in others), [(c.text, c.problems) for c in others]


def test_the_year_a_replaced_law_took_effect_names_it_at_any_draft_date(tmp_path: Path) -> None:
    """"Luật Đất đai năm 2014" is the law of 29/11/2013, in force from 01/7/2014: at a
    draft of 2020 as at one of 2024, when the 2024 law had replaced it (the version rule
    kept only the 2024 law, and the citation was lost as one the KB lacks)."""
    laws = [_law_doc("qh/2013/45", "45/2013/QH13", "2013-11-29", "Đất đai", "2014-07-01"),
            _law_doc("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai", "2024-08-01")]
    kb = docs_kb(tmp_path, laws, [("qh/2024/31", "replaces", "qh/2013/45")])
    for as_of, kinds_seen in ((dt.date(2020, 3, 1), ["wrong_date"]), (dt.date(2024, 10, 15), ["wrong_date", "replaced"])):
        [c] = lint(kb, "Căn cứ Luật Đất đai năm 2014;", as_of=as_of).citations
        assert (c.status, c.id, [p.kind for p in c.problems]) == ("found", "qh/2013/45", kinds_seen), (as_of, c)
        assert c.problems[0].fix == "ngày 29/11/2013"


def _law_doc(did: str, symbol: str, date: str, title: str, effective: str) -> dict[str, Any]:
    return {"id": did, "doc_type": "Luật", "symbol": symbol, "issuer": symbol.split("/")[-1], "date": date,
            "effective_date": effective, "title": title}


def test_an_amending_law_typed_without_diacritics_is_one_citation(tmp_path: Path) -> None:
    """Unmarked "va" between the laws an amending law names was no "và": the name was cut
    there, the first half "incomplete", the second a law the KB lacked."""
    kb = docs_kb(tmp_path, LAWS_2024)
    text = ("Can cu Luat sua doi, bo sung mot so dieu cua Luat To chuc Chinh phu va Luat To chuc chinh quyen "
            "dia phuong ngay 22/11/2019;")
    report = lint(kb, text, as_of=dt.date(2021, 6, 1))
    assert [(c.status, c.id, c.problems) for c in report.citations] == [("found", "qh/2019/47", [])]


def test_a_number_issued_each_year_on_one_day_is_not_a_slipped_year_when_the_subject_names_the_year(
        tmp_path: Path) -> None:
    """The Government issues a 02/NQ-CP every 1 January. "02/NQ-CP ngày 01/01/2020 ... năm
    2020" is the resolution of 2020, which the KB lacks: not found, and no "wrong date" of
    the 2019 one. With the 2019 subject, the year slipped."""
    kb = docs_kb(tmp_path, [{"id": "cp/2019/nq/2", "doc_type": "Nghị quyết", "symbol": "02/NQ-CP", "issuer": "CP",
                             "date": "2019-01-01", "title": "Về tiếp tục thực hiện những nhiệm vụ, giải pháp chủ yếu "
                                                            "cải thiện môi trường kinh doanh năm 2019"}])
    cited = "Căn cứ Nghị quyết số 02/NQ-CP ngày 01/01/2020 của Chính phủ về tiếp tục thực hiện những nhiệm vụ, " \
            "giải pháp chủ yếu cải thiện môi trường kinh doanh năm {year};"
    other = lint(kb, cited.format(year=2020), as_of=dt.date(2020, 6, 1))
    assert [c.status for c in other.citations] == ["not_found"] and other.problems == []
    slipped = lint(kb, cited.format(year=2019), as_of=dt.date(2020, 6, 1))
    assert [(c.id, kinds(slipped)) for c in slipped.citations] == [("cp/2019/nq/2", ["wrong_date"])]


def test_inconsistent_repeat(kb: KnowledgeBase) -> None:
    text = ("Căn cứ Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về một số nhiệm vụ, giải pháp trọng "
            "tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020;\n"
            "Thực hiện Nghị quyết số 17/NQ-CP ngày 09/3/2020 của Chính phủ về một số nhiệm vụ, giải pháp trọng "
            "tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020;")
    # The KB knows the date: the miswritten repeat is told once, where it stands, as
    # wrong_date; the one written right is no "inconsistent repeat" of the wrong one.
    report = lint(kb, text, as_of=AS_OF)
    assert "inconsistent_repeat" not in kinds(report)
    assert [p.fix for p in report.citations[1].problems if p.kind == "wrong_date"] == ["ngày 07/3/2019"]
    first, second = text.split("\n")
    swapped = lint(kb, f"{second.replace('Thực hiện', 'Căn cứ')}\n{first.replace('Căn cứ', 'Thực hiện')}", as_of=AS_OF)
    assert "inconsistent_repeat" not in kinds(swapped)
    assert not [p for p in swapped.citations[1].problems if p.kind in ("wrong_date", "inconsistent_repeat")]
    assert [p.fix for p in swapped.citations[0].problems if p.kind == "wrong_date"] == ["ngày 07/3/2019"]
    # The KB lacks it: which date is right is not known, and the fix says so.
    lacking = lint(kb, "Theo Thông tư 33/2017/TT-BTNMT ngày 29/10/2017 và Thông tư số 33/2017/TT-BTNMT ngày "
                       "29/9/2017 của Bộ Tài nguyên và Môi trường.", as_of=AS_OF)
    assert [c.status for c in lacking.citations] == ["not_found", "not_found"]
    p = only(lacking, "inconsistent_repeat")
    assert "29/10/2017" in p.fix and "29/9/2017" in p.fix and "chưa rõ ngày nào đúng" in p.message, p
    assert lacking.citations[1].problems == [p]


def test_ambiguous_without_date(kb: KnowledgeBase) -> None:
    report = lint(kb, "Thực hiện Kế hoạch số 151/KH-UBND của UBND tỉnh Quảng Ngãi;", as_of=AS_OF, province=QN)
    c = report.citations[0]
    assert c.status == "ambiguous"
    p = only(report, "ambiguous")
    assert "ngày 09/12/2019" in p.fix and "ngày 21/12/2020" in p.fix
    dated = lint(kb, "Thực hiện Kế hoạch số 151/KH-UBND ngày 21/12/2020 của UBND tỉnh;", as_of=AS_OF, province=QN)
    assert dated.citations[0].id == "ubnd.quang-ngai/2020/kh/151"


def test_a_year_alone_tells_which_number_of_the_year(kb: KnowledgeBase) -> None:
    """Drafters date a yearless number by its year alone ("Kế hoạch số 151/KH-UBND năm
    2020"); lint called it ambiguous between the plans of 2019 and 2020 and never read the
    issuer written after the year."""
    report = lint(kb, "Thực hiện Kế hoạch số 151/KH-UBND năm 2020 của UBND tỉnh;", as_of=AS_OF, province=QN)
    assert [(c.status, c.id, c.problems) for c in report.citations] == [
        ("found", "ubnd.quang-ngai/2020/kh/151", [])]
    assert report.citations[0].text == "Kế hoạch số 151/KH-UBND năm 2020 của UBND tỉnh"
    # A year the KB holds no such number of: another document, not one of the two.
    other = lint(kb, "Thực hiện Kế hoạch số 151/KH-UBND năm 2018 của UBND tỉnh;", as_of=AS_OF, province=QN)
    assert [c.status for c in other.citations] == ["not_found"]


def test_invalid_date(kb: KnowledgeBase) -> None:
    report = lint(kb, "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/20118 của Chính phủ;", as_of=AS_OF)
    assert "invalid_date" in kinds(report)
    assert only(report, "invalid_date").fix


def test_not_found(kb: KnowledgeBase) -> None:
    report = lint(kb, "Căn cứ Nghị định số 999/2015/NĐ-CP ngày 01/02/2015 của Chính phủ;", as_of=AS_OF)
    assert report.citations[0].status == "not_found"


def test_cap_reports_skipped(kb: KnowledgeBase) -> None:
    text = "\n".join("Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;" for _ in range(MAX_CITATIONS + 7))
    report = lint(kb, text, as_of=AS_OF)
    assert len(report.citations) == MAX_CITATIONS and report.skipped == 7
    assert "skipped" in report.to_json() and "250" in report.to_json()["message"]


def test_json_shape(kb: KnowledgeBase) -> None:
    out = lint(kb, "Căn cứ Quyết định số 43/2011/NĐ-CP ngày 15/6/2011;", as_of=AS_OF).to_json()
    [c] = out["citations"]
    assert set(c) == {"text", "start", "end", "symbol", "status", "id", "problems"}
    assert all(set(p) == {"kind", "message", "fix"} for p in c["problems"])


def test_every_problem_kind_is_documented() -> None:
    doc = (REPO / "docs" / "drafting.md").read_text(encoding="utf-8")
    table = set(re.findall(r"^\|\s*`([a-z_]+)`\s*\|", doc, flags=re.M))
    assert table == set(PROBLEM_KINDS)


def test_seed_plan_lints_without_false_alarms(kb: KnowledgeBase, seed_plan_text: str, tmp_path: Path) -> None:
    """On the seed plan against the default KB, every citation is read and the only
    problems are ones a drafter should see (missing provincial plans)."""
    from cancu.graph.kb import open_kb

    default = open_kb(tmp_path / "default")
    report = lint(default, seed_plan_text)
    assert len(report.citations) >= 15
    assert set(kinds(report)) <= {"missing_implementation"}


DECREE_HEAD = """CHÍNH PHỦ
Số: 99/2021/NĐ-CP
Hà Nội, ngày 10 tháng 8 năm 2021

NGHỊ ĐỊNH
Quy định về một việc

"""


def test_lower_force_basis_names_the_document_it_guides(tmp_path: Path) -> None:
    """A decree citing a circular as its căn cứ: the circular is of lower legal force; the
    fix is the decree the circular guides. The same circular named in the body is fine, and
    a circular citing it is fine."""
    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    docs = DOCS + [{"id": "vpcp/2018/tt/1", "doc_type": "Thông tư", "symbol": "01/2018/TT-VPCP", "issuer": "VPCP",
                    "date": "2018-11-23", "title": "Hướng dẫn thi hành một số quy định của Nghị định số 61/2018/NĐ-CP"}]
    for d in docs:
        for attr, value in d.items():
            if attr != "id":
                record.facts.append((d["id"], attr, str(value), LABEL))
    record.edges.append(EdgeAssertion("vpcp/2018/tt/1", Relation.GUIDES, "cp/2018/nd/61",
                                      Provenance("vpcp/2018/tt/1", LABEL)))
    kb.add_record(record)
    cite = "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ"
    text = (DECREE_HEAD + "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;\n"
            f"Căn cứ {cite};\n\nĐiều 1. Thực hiện theo {cite}.\n")
    report = lint(kb, text)
    p = only(report, "lower_force")
    assert "Thông tư số 01/2018/TT-VPCP" in p.message and "nghị định" in p.message
    assert p.fix.startswith("căn cứ Nghị định số 61/2018/NĐ-CP")
    flagged = [c for c in report.citations if any(q.kind == "lower_force" for q in c.problems)]
    assert [c.start for c in flagged] == [text.index(cite)]  # the căn cứ item, not the body
    circular = text.replace("NGHỊ ĐỊNH", "THÔNG TƯ").replace("CHÍNH PHỦ\nSố: 99/2021/NĐ-CP",
                                                          "BỘ TÀI CHÍNH\nSố: 99/2021/TT-BTC")
    assert "lower_force" not in kinds(lint(kb, circular))


def test_a_law_named_without_a_year_means_its_version_at_the_drafts_date(tmp_path: Path) -> None:
    """"Luật Ngân sách nhà nước" in a draft of 2010 is the law in force then, which this KB
    does not hold (it knows the 2015 law only): not found, never "issued after". Undated,
    with two versions known, the name means the current one, not an ambiguity."""
    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    for did, symbol, date in (("qh/2015/83", "83/2015/QH13", "2015-06-25"), ("qh/2025/89", "89/2025/QH15", "2025-06-25")):
        for attr, value in (("doc_type", "Luật"), ("symbol", symbol), ("issuer", "QH"), ("date", date),
                            ("title", "Ngân sách nhà nước")):
            record.facts.append((did, attr, value, LABEL))
    kb.add_record(record)
    text = "Căn cứ Luật Ngân sách nhà nước;"
    old = lint(kb, text, as_of=dt.date(2010, 8, 16))
    [c] = old.citations
    assert (c.status, c.problems) == ("not_found", [])
    mid = lint(kb, text, as_of=dt.date(2020, 1, 1)).citations[0]
    assert (mid.status, mid.id, mid.problems) == ("found", "qh/2015/83", [])
    undated = lint(kb, text).citations[0]
    assert (undated.status, undated.id) == ("found", "qh/2025/89")
    # A year written with the name is checked as written.
    later = lint(kb, "Căn cứ Luật Ngân sách nhà nước năm 2015;", as_of=dt.date(2010, 8, 16))
    assert "issued_after" in kinds(later)


def test_symbol_typo_among_laws_of_the_same_day(tmp_path: Path) -> None:
    """The laws of one session share its closing day: "Luật Nhà ở số 28/2023/QH15 ngày
    27/11/2023" lands on Luật Tài nguyên nước, of that same day, and the number one digit
    away whose name is Luật Nhà ở is meant, though 26 and 29 are of that day too."""
    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    for number, title in ((26, "Đấu thầu khác"), (27, "Nhà ở"), (28, "Tài nguyên nước"), (29, "Kinh doanh bất động sản")):
        did = f"qh/2023/{number}"
        for attr, value in (("doc_type", "Luật"), ("symbol", f"{number}/2023/QH15"), ("issuer", "QH"),
                            ("date", "2023-11-27"), ("title", title)):
            record.facts.append((did, attr, value, LABEL))
    kb.add_record(record)
    report = lint(kb, "Căn cứ Luật Nhà ở số 28/2023/QH15 ngày 27 tháng 11 năm 2023 của Quốc hội;",
                  as_of=dt.date(2024, 6, 1))
    p = only(report, "symbol_typo")
    assert p.fix == "27/2023/QH15" and "28/2023/QH15 là một văn bản khác" in p.message
    right = lint(kb, "Căn cứ Luật Nhà ở số 27/2023/QH15 ngày 27 tháng 11 năm 2023 của Quốc hội;",
                 as_of=dt.date(2024, 6, 1))
    assert right.problems == []


def test_a_law_the_kb_lacks_is_no_typo_of_another_law_of_its_session(tmp_path: Path) -> None:
    """Luật Ban hành văn bản quy phạm pháp luật 64/2025/QH15 and Luật Tổ chức chính quyền
    địa phương 65/2025/QH15 were passed the same day. A KB that lacks the first must not
    call it a slip for the second: the name says which law is meant."""
    kb = docs_kb(tmp_path, [{"id": "qh/2025/65", "doc_type": "Luật", "symbol": "65/2025/QH15", "issuer": "QH",
                             "date": "2025-02-19", "title": "Tổ chức chính quyền địa phương"}])
    as_of = dt.date(2026, 3, 1)
    lacking = lint(kb, "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 "
                       "ngày 19 tháng 02 năm 2025;", as_of=as_of)
    assert [c.status for c in lacking.citations] == ["not_found"] and "symbol_typo" not in kinds(lacking)
    typo = lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương số 66/2025/QH15 ngày 19 tháng 02 năm 2025;",
                as_of=as_of)
    assert only(typo, "symbol_typo").fix == "65/2025/QH15"


def test_a_document_the_kb_lacks_is_checked_against_its_own_symbol(tmp_path: Path) -> None:
    """A normative symbol carries its year of issue (NĐ 30/2020): a citation of a document
    the KB lacks (the newest ones, most often) whose date is of another year, or whose
    year is after the draft, is wrong on its face."""
    kb = docs_kb(tmp_path, [{"id": "cp/2018/nd/61", "doc_type": "Nghị định", "symbol": "61/2018/NĐ-CP",
                             "issuer": "CP", "date": "2018-04-23", "title": "về thực hiện cơ chế một cửa"}])
    text = "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2024 của Chính phủ;"
    slipped = lint(kb, text, as_of=dt.date(2026, 3, 1))
    assert [c.status for c in slipped.citations] == ["not_found"]
    p = only(slipped, "wrong_date")
    assert p.fix == "ngày 09/6/2025" and "2025" in p.message and "2024" in p.message, p.message
    early = lint(kb, "Căn cứ Nghị định số 118/2025/NĐ-CP của Chính phủ;", as_of=dt.date(2024, 12, 1))
    assert "năm 2025" in only(early, "issued_after").message
    dated = lint(kb, "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025;", as_of=dt.date(2025, 5, 1))
    assert "09/6/2025" in only(dated, "issued_after").message
    right = lint(kb, "Căn cứ Nghị định số 118/2025/NĐ-CP ngày 09 tháng 6 năm 2025 của Chính phủ;",
                 as_of=dt.date(2026, 3, 1))
    assert [c.status for c in right.citations] == ["not_found"] and not right.problems


def test_a_document_the_kb_holds_without_its_date_is_checked_against_its_symbol(tmp_path: Path) -> None:
    """The KB knows 168/2025/NĐ-CP by its symbol and subject, not its date: cited in a plan
    of 2023, the year in its symbol says it came later, as for one the KB lacks. A date the
    citation writes cannot be checked: the summary says so instead of vouching for it."""
    kb = docs_kb(tmp_path, [{"id": "cp/2025/nd/168", "doc_type": "Nghị định", "symbol": "168/2025/NĐ-CP",
                             "issuer": "CP", "title": "về đăng ký doanh nghiệp"},
                            {"id": "qh/2019/52", "doc_type": "Luật", "symbol": "52/2019/QH14", "issuer": "QH",
                             "title": "Luật Công chức, viên chức sửa đổi"}])
    early = lint(kb, "Căn cứ Nghị định số 168/2025/NĐ-CP của Chính phủ về đăng ký doanh nghiệp;",
                 as_of=dt.date(2023, 1, 5))
    assert [c.status for c in early.citations] == ["found"]
    assert "năm 2025" in only(early, "issued_after").message
    assert early.date_unknown == 0  # no date written: none to check
    later = lint(kb, "Căn cứ Nghị định số 168/2025/NĐ-CP của Chính phủ về đăng ký doanh nghiệp;",
                 as_of=dt.date(2026, 1, 5))
    assert not later.problems
    dated = lint(kb, "Căn cứ Luật số 52/2019/QH14 ngày 25 tháng 12 năm 2019;", as_of=dt.date(2023, 1, 5))
    assert not dated.problems and dated.date_unknown == 1
    assert "1 trích dẫn chưa kiểm tra được ngày vì kho chưa biết ngày ban hành" in dated.summary()
    assert dated.to_json()["date_unknown"] == 1


def test_a_document_the_kb_lacks_without_a_year_is_checked_against_its_cited_date(kb: KnowledgeBase) -> None:
    """505/QĐ-TTg, 06/QĐ-TTg, 57-NQ/TW carry no year: the KB lacks them, yet a cited date after
    the draft's is as wrong as for a symbol with one; one on or before it is no problem."""
    as_of = dt.date(2022, 3, 18)
    late = lint(kb, "Căn cứ Quyết định số 505/QĐ-TTg ngày 22/4/2022 của Thủ tướng Chính phủ về Ngày Chuyển "
                    "đổi số quốc gia;", as_of=as_of)
    assert [c.status for c in late.citations] == ["not_found"]
    p = only(late, "issued_after")
    assert "22/4/2022" in p.message and "18/3/2022" in p.message, p.message
    party = lint(kb, "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;", as_of=dt.date(2024, 9, 10))
    assert kinds(party) == ["issued_after"]
    # The message names the document as cited, type word first, not by a bare number.
    assert only(party, "issued_after").message.startswith("Nghị quyết số 57-NQ/TW"), party.problems
    earlier = lint(kb, "Căn cứ Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ;", as_of=as_of)
    assert [c.status for c in earlier.citations] == ["not_found"] and not earlier.problems


def test_no_symbol_typo_to_a_neighbour_on_another_law(tmp_path: Path) -> None:
    """63/2014/NĐ-CP (on Luật Đấu thầu), which the KB lacks, is no typo of 64/2014/NĐ-CP of the
    same day (on Luật Tiếp công dân): both subjects open with "quy định chi tiết thi hành một
    số điều của Luật", but they name other laws."""
    kb = docs_kb(tmp_path, [{"id": "cp/2014/nd/64", "doc_type": "Nghị định", "symbol": "64/2014/NĐ-CP", "issuer": "CP",
                             "date": "2014-06-26",
                             "title": "Quy định chi tiết thi hành một số điều của Luật Tiếp công dân"}])
    text = ("Căn cứ Nghị định số 63/2014/NĐ-CP ngày 26/6/2014 của Chính phủ quy định chi tiết thi hành một số "
            "điều của Luật Đấu thầu về lựa chọn nhà thầu;")
    report = lint(kb, text, as_of=dt.date(2021, 9, 15))
    assert report.citations[0].status == "not_found" and "symbol_typo" not in kinds(report), \
        [(p.kind, p.message) for p in report.problems]
    # The same typo with the neighbour's own law is still told.
    typo = lint(kb, "Căn cứ Nghị định số 63/2014/NĐ-CP ngày 26/6/2014 của Chính phủ quy định chi tiết thi hành "
                    "một số điều của Luật Tiếp công dân;", as_of=dt.date(2021, 9, 15))
    assert only(typo, "symbol_typo").fix == "64/2014/NĐ-CP"


def test_a_neighbour_of_the_same_day_alone_is_no_symbol_typo(tmp_path: Path) -> None:
    """Decrees of one day are numbered in a run: 42/2022/NĐ-CP, which the KB lacks, cited with
    its date and nothing else is no typo of 43/2022/NĐ-CP of that day. A number that cannot
    be of the cited day (the KB knows a lower one issued later) is: 68/2018 "ngày 23/4/2018"
    when 67/2018 is of 14/5/2018 means 61/2018 of 23/4/2018."""
    rows = [("cp/2022/nd/41", "41/2022/NĐ-CP", "2022-06-20", "Sửa đổi, bổ sung một số điều Nghị định số 123/2020/NĐ-CP"),
            ("cp/2022/nd/43", "43/2022/NĐ-CP", "2022-06-24",
             "Quy định việc quản lý, sử dụng và khai thác tài sản kết cấu hạ tầng cấp nước sạch"),
            ("cp/2018/nd/61", "61/2018/NĐ-CP", "2018-04-23", "Về thực hiện cơ chế một cửa, một cửa liên thông"),
            ("cp/2018/nd/67", "67/2018/NĐ-CP", "2018-05-14", "Quy định chi tiết một số điều của Luật Thủy lợi")]
    kb = docs_kb(tmp_path, [{"id": i, "doc_type": "Nghị định", "symbol": s, "issuer": "CP", "date": d, "title": t}
                            for i, s, d, t in rows])
    same_day = lint(kb, "theo Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ.", as_of=dt.date(2023, 2, 20))
    assert [c.status for c in same_day.citations] == ["not_found"] and not same_day.problems, \
        [(p.kind, p.message) for p in same_day.problems]
    impossible = lint(kb, "Căn cứ Nghị định số 68/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;", as_of=dt.date(2019, 1, 1))
    assert only(impossible, "symbol_typo").fix == "61/2018/NĐ-CP"
    # The subject of the neighbour is evidence enough.
    said = lint(kb, "theo Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định việc quản lý, sử dụng và "
                    "khai thác tài sản kết cấu hạ tầng cấp nước sạch.", as_of=dt.date(2023, 2, 20))
    assert only(said, "symbol_typo").fix == "43/2022/NĐ-CP"


def test_symbol_typo_names_the_document_whose_whole_subject_is_cited(tmp_path: Path) -> None:
    """66/2022/NĐ-CP is not in the KB; two neighbours of that day set out the functions of a
    ministry and both begin like the cited subject: the one whose whole title it is, is meant."""
    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    charter = "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của "
    for number, ministry in ((67, "Bộ Nội vụ"), (68, "Bộ Tài nguyên và Môi trường")):
        for attr, value in (("doc_type", "Nghị định"), ("symbol", f"{number}/2022/NĐ-CP"), ("issuer", "CP"),
                            ("date", "2022-09-22"), ("title", charter + ministry)):
            record.facts.append((f"cp/2022/nd/{number}", attr, value, LABEL))
    kb.add_record(record)
    report = lint(kb, f"Căn cứ Nghị định số 66/2022/NĐ-CP ngày 22/9/2022 của Chính phủ {charter.lower()}Bộ Nội vụ;",
                  as_of=dt.date(2023, 1, 1))
    assert only(report, "symbol_typo").fix == "67/2022/NĐ-CP"


def _law_kb(tmp_path: Path, laws: list[tuple[str, str, str | None]], edges: list[tuple[str, str, str]],
            title: str = "Tổ chức chính quyền địa phương") -> KnowledgeBase:
    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    for did, symbol, date in laws:
        for attr, value in (("doc_type", "Luật"), ("symbol", symbol), ("issuer", "QH"), ("date", date),
                            ("title", title)):
            if value:
                record.facts.append((did, attr, value, LABEL))
    for s, rel, t in edges:
        record.edges.append(EdgeAssertion(s, Relation(rel), t, Provenance(s, LABEL)))
    kb.add_record(record)
    return kb


def test_a_replaced_law_is_fixed_with_the_version_in_force_at_the_drafts_date(tmp_path: Path) -> None:
    """77/2015 was replaced by 65/2025, itself superseded by 72/2025 (known by number only):
    a draft of 2026 must be told to cite 72/2025, not the law that is out of date too; and
    citing 65/2025 in 2026 is itself a problem."""
    kb = _law_kb(tmp_path, [("qh/2015/77", "77/2015/QH13", "2015-06-19"), ("qh/2025/65", "65/2025/QH15", "2025-02-19"),
                            ("qh/2025/72", "72/2025/QH15", None)],
                 [("qh/2025/65", "replaces", "qh/2015/77")])
    text = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
    p = only(lint(kb, text, as_of=dt.date(2026, 1, 15)), "replaced")
    assert p.fix == "Luật Tổ chức chính quyền địa phương số 72/2025/QH15", p
    # The message names the law the fix names, not only the one that replaced 77/2015.
    assert "65/2025/QH15" in p.message and "có hiệu lực tại ngày 15/01/2026 là" in p.message, p.message
    assert "72/2025/QH15" in p.message, p.message
    then = only(lint(kb, text, as_of=dt.date(2025, 4, 1)), "replaced")
    assert then.fix == "Luật Tổ chức chính quyền địa phương số 65/2025/QH15", then
    assert "có hiệu lực tại" not in then.message, then.message
    newer = only(lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương số 65/2025/QH15;", as_of=dt.date(2026, 1, 15)),
                 "replaced")
    assert newer.fix == "Luật Tổ chức chính quyền địa phương số 72/2025/QH15"


def test_a_template_without_number_is_not_the_provinces_implementing_plan(kb: KnowledgeBase) -> None:
    """Only a plan the draft can cite (with a number) is proposed."""
    record = SourceRecord(key="catalog:template", digest="template", kind="catalog")  # a digest of its own:
    # a record with the digest of one already stored is taken for the same content and skipped
    for attr, value in (("doc_type", "Kế hoạch"), ("issuer", "STTTT"), ("province", QN),
                        ("title", "KHUNG KẾ HOẠCH ỨNG DỤNG CÔNG NGHỆ THÔNG TIN")):
        record.facts.append(("file/khung", attr, value, "catalog:template"))
    record.edges.append(EdgeAssertion("file/khung", Relation.IMPLEMENTS, "cp/2011/nd/43",
                                      Provenance("file/khung", "catalog:template")))
    kb.add_record(record)
    text = "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;"
    assert "missing_implementation" not in kinds(lint(kb, text, as_of=AS_OF, province=QN))


def test_a_short_repeat_is_judged_by_what_the_draft_says_of_the_symbol(kb: KnowledgeBase) -> None:
    """A symbol repeated without its date is the document the draft cited in full a line
    above (not in the KB), not a typo of the KB's 17/NQ-CP one edit away; alone, with
    nothing to compare, the single neighbour is still proposed."""
    text = ("Căn cứ Nghị quyết số 18/NQ-CP ngày 22/12/2024 của Chính phủ về một việc chưa có trong kho;\n"
            "Căn cứ Kế hoạch thực hiện Nghị quyết số 18/NQ-CP;")
    report = lint(kb, text, as_of=dt.date(2025, 3, 1))
    assert [c.status for c in report.citations] == ["not_found", "not_found"]
    assert "symbol_typo" not in kinds(report)
    alone = lint(kb, "Căn cứ Nghị quyết số 18/NQ-CP;", as_of=dt.date(2025, 3, 1))
    assert only(alone, "symbol_typo").fix == "17/NQ-CP"


def test_an_amending_law_is_not_replaced_by_a_later_one_of_the_same_title(tmp_path: Path) -> None:
    """The Quốc hội amended the law on administrative violations in 2020 and again in 2025;
    the two amending laws share a title and neither replaces the other."""
    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    title = "sửa đổi, bổ sung một số điều của Luật Xử lý vi phạm hành chính"
    for did, symbol, date in (("qh/2020/67", "67/2020/QH14", "2020-11-13"), ("qh/2025/88", "88/2025/QH15", "2025-06-25"),
                              ("qh/2012/15", "15/2012/QH13", "2012-06-20")):
        for attr, value in (("doc_type", "Luật"), ("symbol", symbol), ("issuer", "QH"), ("date", date),
                            ("title", title if did != "qh/2012/15" else "Xử lý vi phạm hành chính")):
            record.facts.append((did, attr, value, LABEL))
    for src in ("qh/2020/67", "qh/2025/88"):
        record.edges.append(EdgeAssertion(src, Relation.AMENDS, "qh/2012/15", Provenance(src, LABEL)))
    kb.add_record(record)
    report = lint(kb, "Căn cứ Luật số 67/2020/QH14 sửa đổi, bổ sung một số điều của Luật Xử lý vi phạm hành chính;",
                  as_of=dt.date(2026, 1, 1))
    assert kinds(report) == [], [(p.kind, p.message) for p in report.problems]


def test_a_law_named_with_a_date_is_the_version_of_that_year_whose_day_the_kb_lacks(tmp_path: Path) -> None:
    """"Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025" is 72/2025/QH15,
    which the KB knows by number only: not a wrong date of 65/2025/QH15 (19/02/2025), and
    not replaced. A wrong day of a law of a year with one version is still a wrong date
    of that version, not of the latest one."""
    kb = _law_kb(tmp_path, [("qh/2015/77", "77/2015/QH13", "2015-06-19"), ("qh/2025/65", "65/2025/QH15", "2025-02-19"),
                            ("qh/2025/72", "72/2025/QH15", None)],
                 [("qh/2025/65", "replaces", "qh/2015/77")])
    report = lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", as_of=dt.date(2026, 3, 1))
    assert [(c.status, c.id) for c in report.citations] == [("found", "qh/2025/72")]
    assert not report.problems
    wrong_day = lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2015;", as_of=dt.date(2016, 3, 1))
    assert only(wrong_day, "wrong_date").fix == "ngày 19/6/2015"
    assert wrong_day.citations[0].id == "qh/2015/77"


def _plan(kb: KnowledgeBase, did: str, symbol: str | None, date: str, title: str, implements: str,
          doc_type: str = "Kế hoạch") -> None:
    record = SourceRecord(key=f"catalog:{did}", digest=did, kind="catalog")
    facts = {"doc_type": doc_type, "issuer": "UBND", "province": QN, "date": date, "title": title, "symbol": symbol}
    for attr, value in facts.items():
        if value:
            record.facts.append((did, attr, value, record.key))
    record.edges.append(EdgeAssertion(did, Relation.IMPLEMENTS, implements, Provenance(did, record.key)))
    kb.add_record(record)


def test_a_slipped_year_names_the_plan_the_draft_does_not_cite_by_its_own_date(tmp_path: Path) -> None:
    """151/KH-UBND of 09/12/2019 and of 21/12/2020 (which replaced it). A draft citing
    "151/KH-UBND ngày 09/12/2019" and also "151/KH-UBND ngày 21/12/2019" means the plan of
    21/12/2020 by the second: the year slipped; the plan of 2019 is cited by its own date."""
    kb = docs_kb(tmp_path, [
        {"id": f"ubnd.quang-ngai/{date[:4]}/kh/151", "doc_type": "Kế hoạch", "symbol": "151/KH-UBND",
         "issuer": "UBND", "province": QN, "date": date, "title": title}
        for date, title in (("2019-12-09", "Ứng dụng công nghệ thông tin năm 2020"),
                            ("2020-12-21", "Ứng dụng công nghệ thông tin giai đoạn 2021-2025"))])
    both = lint(kb, "Thực hiện Kế hoạch số 151/KH-UBND ngày 21/12/2019 của UBND tỉnh; Kế hoạch số 151/KH-UBND "
                    "ngày 09/12/2019 của UBND tỉnh;", as_of=dt.date(2022, 3, 10), province=QN)
    assert [c.id for c in both.citations] == ["ubnd.quang-ngai/2020/kh/151", "ubnd.quang-ngai/2019/kh/151"]
    assert only(both, "wrong_date").fix == "ngày 21/12/2020"
    assert "inconsistent_repeat" not in kinds(both)
    # Written twice with the 2019 plan's subject, it is that plan with a wrong day.
    same = lint(kb, "Thực hiện Kế hoạch số 151/KH-UBND ngày 09/12/2019 của UBND tỉnh về ứng dụng công nghệ thông "
                    "tin năm 2020; Kế hoạch số 151/KH-UBND ngày 21/12/2019 của UBND tỉnh về ứng dụng công nghệ thông "
                    "tin năm 2020;",
                as_of=dt.date(2022, 3, 10), province=QN)
    assert [c.id for c in same.citations] == ["ubnd.quang-ngai/2019/kh/151"] * 2
    # Alone, the number of that year is meant and its day is wrong.
    alone = lint(kb, "Thực hiện Kế hoạch số 151/KH-UBND ngày 21/12/2019 của UBND tỉnh;",
                 as_of=dt.date(2022, 3, 10), province=QN)
    assert [c.id for c in alone.citations] == ["ubnd.quang-ngai/2019/kh/151"]


def test_a_slipped_year_with_the_other_plans_subject_is_that_plan(tmp_path: Path) -> None:
    """A reviewer's draft of 2022 cited "Kế hoạch số 151/KH-UBND ngày 21/12/2019 ... giai
    đoạn 2021-2025": the subject and the day and month are those of the plan of 21/12/2020;
    lint told the drafter to write 09/12/2019, the date of the province's other plan of that
    number (on Kết luận 50-KL/TW), so following the fix cited the wrong plan."""
    kb = docs_kb(tmp_path, [
        {"id": f"ubnd.quang-ngai/{date[:4]}/kh/151", "doc_type": "Kế hoạch", "symbol": "151/KH-UBND",
         "issuer": "UBND", "province": QN, "date": date, "title": title}
        for date, title in (("2019-12-09", None),
                            ("2020-12-21", "ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước, "
                                           "phát triển chính quyền số tỉnh Quảng Ngãi giai đoạn 2021-2025"))])
    report = lint(kb, "Căn cứ Kế hoạch số 151/KH-UBND ngày 21/12/2019 của UBND tỉnh ứng dụng công nghệ thông tin "
                      "trong hoạt động của cơ quan nhà nước, phát triển chính quyền số tỉnh Quảng Ngãi giai đoạn "
                      "2021-2025;", as_of=dt.date(2022, 5, 12), province=QN)
    assert [c.id for c in report.citations] == ["ubnd.quang-ngai/2020/kh/151"]
    assert only(report, "wrong_date").fix == "ngày 21/12/2020"


def test_an_implementing_plan_must_have_a_number_and_a_running_period(kb: KnowledgeBase) -> None:
    """An annex dated by its cover letter but without a number of its own cannot be cited;
    a plan for 2021-2025 is not what a draft of 2026 must cite beside the decree; the
    same plan is, for a draft of 2023."""
    decree = "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;"
    _plan(kb, "file/annex", None, "2020-07-29", "KHUNG KẾ HOẠCH ỨNG DỤNG CÔNG NGHỆ THÔNG TIN CỦA <SỞ/BAN/NGÀNH>",
          "cp/2011/nd/43")
    assert "missing_implementation" not in kinds(lint(kb, decree, as_of=dt.date(2023, 5, 1), province=QN))
    _plan(kb, "ubnd.quang-ngai/2020/kh/99", "99/KH-UBND", "2020-12-21",
          "Cung cấp dịch vụ công trực tuyến giai đoạn 2021 - 2025", "cp/2011/nd/43")
    running = only(lint(kb, decree, as_of=dt.date(2023, 5, 1), province=QN), "missing_implementation")
    assert running.fix.startswith("Thực hiện Kế hoạch số 99/KH-UBND ngày 21/12/2020")
    assert "missing_implementation" not in kinds(lint(kb, decree, as_of=dt.date(2026, 3, 1), province=QN))


def test_a_law_of_a_year_the_kb_has_no_version_of_is_not_found_not_misdated(tmp_path: Path) -> None:
    """Year, day and month all differ from the one known version: a version the KB lacks
    (Luật Ban hành văn bản quy phạm pháp luật 2025 beside the 2015 one), not a wrong date.
    A slip of the year alone is still a wrong date."""
    kb = _law_kb(tmp_path, [("qh/2015/77", "77/2015/QH13", "2015-06-19")], [])
    newer = lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", as_of=dt.date(2026, 3, 1))
    assert [c.status for c in newer.citations] == ["not_found"] and not newer.problems
    slip = lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2016;", as_of=dt.date(2017, 3, 1))
    assert only(slip, "wrong_date").fix == "ngày 19/6/2015"


def test_an_older_version_than_every_one_known_is_not_found_even_on_the_same_day_and_month(tmp_path: Path) -> None:
    """"Luật Giáo dục ngày 14 tháng 6 năm 2005" in a draft of 2018, when the KB knows only
    the law of 14/6/2019: the draft cites the version of its time, which the KB lacks; the
    shared day and month are chance, and no fix may name a law issued after the draft
    (rev39 P7). After 2019 the same slip of the year is a wrong date of the 2019 law."""
    kb = docs_kb(tmp_path, [{"id": "qh/2019/43", "doc_type": "Luật", "symbol": "43/2019/QH14", "issuer": "QH",
                             "date": "2019-06-14", "title": "Giáo dục"}])
    older = lint(kb, "Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2005;", as_of=dt.date(2018, 7, 10))
    assert [c.status for c in older.citations] == ["not_found"] and not older.problems, older.problems
    slip = lint(kb, "Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2018;", as_of=dt.date(2020, 7, 10))
    assert slip.citations[0].id == "qh/2019/43" and only(slip, "wrong_date").fix == "ngày 14/6/2019"


def test_a_slip_of_the_year_or_the_day_is_found_among_several_versions(tmp_path: Path) -> None:
    """With 77/2015, 65/2025 and 72/2025 (no date) known: "ngày 19 tháng 6 năm 2016" is
    77/2015 with its year slipped; "ngày 20 tháng 02 năm 2025" is 65/2025 with its day
    slipped, not the undated 72/2025."""
    kb = _law_kb(tmp_path, [("qh/2015/77", "77/2015/QH13", "2015-06-19"), ("qh/2025/65", "65/2025/QH15", "2025-02-19"),
                            ("qh/2025/72", "72/2025/QH15", None)],
                 [("qh/2025/65", "replaces", "qh/2015/77")])
    year = lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2016;", as_of=dt.date(2026, 3, 1))
    assert year.citations[0].id == "qh/2015/77" and only(year, "wrong_date").fix == "ngày 19/6/2015"
    day = lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương ngày 20 tháng 02 năm 2025;", as_of=dt.date(2025, 4, 1))
    assert day.citations[0].id == "qh/2025/65" and only(day, "wrong_date").fix == "ngày 19/02/2025"


def test_a_number_the_kb_lacks_is_no_typo_of_another_subject_of_that_day(tmp_path: Path) -> None:
    """42/2022/NĐ-CP (online public services) is not in the KB; 43/2022/NĐ-CP of the same
    day is on water supply: not a typo. With the subject of 43/2022 it is one."""
    kb = docs_kb(tmp_path, [{"id": "cp/2022/nd/43", "doc_type": "Nghị định", "symbol": "43/2022/NĐ-CP", "issuer": "CP",
                             "date": "2022-06-24",
                             "title": "Quy định việc quản lý, sử dụng và khai thác tài sản kết cấu hạ tầng cấp nước sạch"}])
    other = lint(kb, "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định về việc cung cấp thông "
                     "tin và dịch vụ công trực tuyến của cơ quan nhà nước trên môi trường mạng;", as_of=dt.date(2023, 1, 1))
    assert [c.status for c in other.citations] == ["not_found"] and not other.problems
    typo = lint(kb, "Căn cứ Nghị định số 42/2022/NĐ-CP ngày 24/6/2022 của Chính phủ quy định việc quản lý, sử dụng và "
                    "khai thác tài sản kết cấu hạ tầng cấp nước sạch;", as_of=dt.date(2023, 1, 1))
    assert only(typo, "symbol_typo").fix == "43/2022/NĐ-CP"
    # without a date, a subject written another way does not speak against the neighbour
    shorter = lint(kb, "Căn cứ Nghị định số 44/2022/NĐ-CP của Chính phủ về quản lý, sử dụng tài sản kết cấu hạ tầng "
                       "cấp nước sạch;", as_of=dt.date(2023, 1, 1))
    assert only(shorter, "symbol_typo").fix == "43/2022/NĐ-CP"


def test_a_neighbour_amending_another_document_or_of_another_date_is_no_typo(tmp_path: Path) -> None:
    """107/2021/NĐ-CP amending 61/2018/NĐ-CP is not in the KB; 107/2020/NĐ-CP amends
    24/2014/NĐ-CP and is of another day, month and year: not a typo. Cited with its own
    date and subject, 107/2021 is one."""
    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    for attr, value in (("doc_type", "Nghị định"), ("symbol", "107/2020/NĐ-CP"), ("issuer", "CP"), ("date", "2020-09-14"),
                        ("title", "Sửa đổi, bổ sung một số điều của Nghị định số 24/2014/NĐ-CP ngày 04 tháng 4 năm 2014 "
                                  "của Chính phủ quy định tổ chức các cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh")):
        record.facts.append(("cp/2020/nd/107", attr, value, LABEL))
    kb.add_record(record)
    other = lint(kb, "Căn cứ Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ sửa đổi, bổ sung một số điều "
                     "của Nghị định số 61/2018/NĐ-CP;", as_of=dt.date(2025, 3, 1))
    assert [c.status for c in other.citations[:1]] == ["not_found"] and "symbol_typo" not in kinds(other)
    later = lint(kb, "Căn cứ Nghị định số 107/2021/NĐ-CP ngày 06/12/2021 của Chính phủ;", as_of=dt.date(2025, 3, 1))
    assert "symbol_typo" not in kinds(later)
    typo = lint(kb, "Căn cứ Nghị định số 107/2021/NĐ-CP ngày 14/9/2020 của Chính phủ sửa đổi, bổ sung một số điều "
                    "của Nghị định số 24/2014/NĐ-CP;", as_of=dt.date(2025, 3, 1))
    assert only(typo, "symbol_typo").fix == "107/2020/NĐ-CP"


def test_a_name_with_a_year_of_a_version_the_kb_lacks_is_not_found_not_issued_after(tmp_path: Path) -> None:
    """A law of 2010 rests on "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992";
    the KB knows only the Constitution of 2013: not "issued after the draft"."""
    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    for attr, value in (("doc_type", "Hiến pháp"), ("issuer", "QH"), ("date", "2013-11-28"),
                        ("title", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam")):
        record.facts.append(("qh/2013/hp", attr, value, LABEL))
    kb.add_record(record)
    old = lint(kb, "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;", as_of=dt.date(2010, 6, 1))
    assert [c.status for c in old.citations] == ["not_found"] and not old.problems
    now = lint(kb, "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013;", as_of=dt.date(2020, 6, 1))
    assert [(c.status, c.id) for c in now.citations] == [("found", "qh/2013/hp")] and not now.problems


def test_a_law_that_amends_others_in_passing_does_not_lapse_with_them(tmp_path: Path) -> None:
    """Luật Bảo vệ môi trường 2020 amends Luật Đầu tư công 2019 in its final provisions; when
    Luật Đầu tư công 2024 replaces that law, Luật Bảo vệ môi trường stays in force. A law
    that is an amendment lapses with what it amends."""
    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    laws = (("qh/2020/72", "72/2020/QH14", "2020-11-17", "Bảo vệ môi trường"),
            ("qh/2019/39", "39/2019/QH14", "2019-06-13", "Đầu tư công"),
            ("qh/2024/58", "58/2024/QH15", "2024-11-29", "Đầu tư công"),
            ("qh/2022/3", "03/2022/QH15", "2022-01-11", "sửa đổi, bổ sung một số điều của Luật Đầu tư công"))
    for did, symbol, date, title in laws:
        for attr, value in (("doc_type", "Luật"), ("symbol", symbol), ("issuer", "QH"), ("date", date), ("title", title)):
            record.facts.append((did, attr, value, LABEL))
    for src, rel, tgt in (("qh/2020/72", "amends", "qh/2019/39"), ("qh/2022/3", "amends", "qh/2019/39"),
                          ("qh/2024/58", "replaces", "qh/2019/39")):
        record.edges.append(EdgeAssertion(src, Relation(rel), tgt, Provenance(src, LABEL)))
    kb.add_record(record)
    as_of = dt.date(2025, 9, 1)
    env = lint(kb, "Căn cứ Luật Bảo vệ môi trường số 72/2020/QH14;", as_of=as_of)
    assert [c.status for c in env.citations] == ["found"] and not env.problems
    amending = lint(kb, "Căn cứ Luật số 03/2022/QH15 sửa đổi, bổ sung một số điều của Luật Đầu tư công;", as_of=as_of)
    assert "expired" in kinds(amending)
    # The fix names the law in force in place of the one amended, and the message says
    # which text is gone.
    lapsed = only(amending, "expired")
    assert lapsed.fix == "thay bằng Luật Đầu tư công số 58/2024/QH15", lapsed
    assert "Luật Đầu tư công; văn bản này đã hết hiệu lực" in lapsed.message, lapsed.message
    assert "hết hiệu lực cùng văn bản mà nó sửa đổi, bổ sung Luật Đầu tư công" in lapsed.message, lapsed.message
    # Undated, the draft is judged on today's date: the amendment lapsed all the same.
    assert "expired" in kinds(lint(kb, "Căn cứ Luật số 03/2022/QH15 sửa đổi, bổ sung một số điều của Luật Đầu tư công;"))


def test_an_undated_draft_citing_a_law_superseded_by_one_of_its_name(tmp_path: Path) -> None:
    """No edge says Luật Khám bệnh, chữa bệnh 2023 replaced that of 2009: a newer law of
    the name, in force today, does. An undated draft is judged on today's date."""
    kb = _law_kb(tmp_path, [("qh/2009/40", "40/2009/QH12", "2009-11-23"), ("qh/2023/15", "15/2023/QH15", "2023-01-09")],
                 [], title="Khám bệnh, chữa bệnh")
    p = only(lint(kb, "Căn cứ Luật Khám bệnh, chữa bệnh ngày 23 tháng 11 năm 2009;"), "replaced")
    assert "15/2023/QH15" in (p.fix or "") or "09 tháng 01 năm 2023" in (p.fix or ""), p


def test_an_article_beyond_the_last_one_of_the_law() -> None:
    """Luật Đất đai 2024 has 260 articles (their headings ship with the catalog): "khoản 2
    Điều 300" of it is a slip; Điều 190 is there. A law whose text the KB lacks is not
    judged."""
    from cancu.graph.kb import build_default_kb

    kb = build_default_kb(None)
    text = ("Căn cứ khoản 2 Điều 300 Luật Đất đai số 31/2024/QH15;\n"
            "Căn cứ Điều 190 Luật Đất đai số 31/2024/QH15;\n"
            "Căn cứ Điều 900 Luật Tổ chức Chính phủ số 63/2025/QH15;\n"
            "Căn cứ Điều 146 Luật Đất đai số 13/2003/QH11;\n"  # its last article
            "Căn cứ các Điều 190, 260 và 261 Luật Đất đai số 31/2024/QH15;\n")  # a list after one word
    report = lint(kb, text, as_of=dt.date(2025, 6, 1))
    by_line = [[p for p in c.problems if p.kind == "unknown_article"] for c in report.citations]
    assert len(by_line) == 5, report
    assert len(by_line[0]) == 1 and "Điều 300" in by_line[0][0].message and "260" in by_line[0][0].message
    assert by_line[1] == [] and by_line[2] == [] and by_line[3] == []
    assert [p.message.rsplit(" ", 1)[-1] for p in by_line[4]] == ["261."]


def test_a_letter_forwarding_the_central_document_is_no_implementing_plan(kb: KnowledgeBase) -> None:
    """A Công văn asking departments to carry out a decree is not what a draft cites under
    "Thực hiện"; the province's Kế hoạch is (data/types.json: implements)."""
    decree = "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;"
    _plan(kb, "ubnd.quang-ngai/2020/cv/5781", "5781/UBND-KGVX", "2020-12-21",
          "Về việc triển khai thực hiện Nghị định số 43/2011/NĐ-CP", "cp/2011/nd/43", doc_type="Công văn")
    assert "missing_implementation" not in kinds(lint(kb, decree, as_of=dt.date(2023, 5, 1), province=QN))
    _plan(kb, "ubnd.quang-ngai/2021/kh/12", "12/KH-UBND", "2021-01-20",
          "Triển khai thực hiện Nghị định số 43/2011/NĐ-CP", "cp/2011/nd/43")
    p = only(lint(kb, decree, as_of=dt.date(2023, 5, 1), province=QN), "missing_implementation")
    assert "12/KH-UBND" in p.fix and "5781" not in p.message


def test_a_number_without_year_of_another_year_is_another_document(tmp_path: Path) -> None:
    """"Nghị quyết số 02/NQ-CP" is issued every January: the KB's 02/NQ-CP of 2024 is not a
    wrong date of the one of 2022 it lacks. Only a slipped year (same day and month) is."""
    kb = docs_kb(tmp_path, [{"id": "cp/2024/nq/2", "doc_type": "Nghị quyết", "symbol": "02/NQ-CP", "issuer": "CP",
                             "date": "2024-01-05",
                             "title": "Về những nhiệm vụ, giải pháp chủ yếu cải thiện môi trường kinh doanh năm 2024"}])
    other = lint(kb, "Căn cứ Nghị quyết số 02/NQ-CP ngày 10/01/2022 của Chính phủ về những nhiệm vụ, giải pháp "
                     "chủ yếu cải thiện môi trường kinh doanh năm 2022;", as_of=dt.date(2022, 9, 10))
    assert [c.status for c in other.citations] == ["not_found"] and not other.problems
    slipped = lint(kb, "Căn cứ Nghị quyết số 02/NQ-CP ngày 05/01/2023 của Chính phủ;", as_of=dt.date(2024, 9, 10))
    assert only(slipped, "wrong_date").fix == "ngày 05/01/2024"
    # The subject, years and all, says which one is meant: then only the date is wrong.
    said = lint(kb, "Căn cứ Nghị quyết số 02/NQ-CP ngày 10/02/2023 của Chính phủ về những nhiệm vụ, giải pháp chủ yếu "
                    "cải thiện môi trường kinh doanh năm 2024;", as_of=dt.date(2024, 9, 10))
    assert only(said, "wrong_date").fix == "ngày 05/01/2024"
    shortened = lint(kb, "Căn cứ Nghị quyết số 02/NQ-CP ngày 10/02/2023 của Chính phủ về những nhiệm vụ, giải pháp "
                         "chủ yếu cải thiện môi trường kinh doanh;", as_of=dt.date(2024, 9, 10))
    assert only(shortened, "wrong_date").fix == "ngày 05/01/2024"  # a subject naming no year


def test_a_party_number_runs_through_a_term_not_a_year(tmp_path: Path) -> None:
    """52-NQ/TW (27/9/2019) cited with the year 2020: Party numbers do not restart each
    year, so the one document of that number is meant and its date is wrong."""
    kb = docs_kb(tmp_path, [{"id": "tw/2019/nq/52", "doc_type": "Nghị quyết", "symbol": "52-NQ/TW", "issuer": "TW",
                             "date": "2019-09-27", "title": "Về một số chủ trương, chính sách chủ động tham gia cuộc "
                                                            "Cách mạng công nghiệp lần thứ tư"}])
    report = lint(kb, "Căn cứ Nghị quyết số 52-NQ/TW ngày 17/9/2020 của Bộ Chính trị;", as_of=dt.date(2021, 1, 1))
    assert only(report, "wrong_date").fix == "ngày 27/9/2019"
    # Another term's 52-NQ/TW, on another subject: not this one misdated.
    other = lint(kb, "Căn cứ Nghị quyết số 52-NQ/TW ngày 12/12/2022 của Bộ Chính trị về phát triển văn hóa;",
                 as_of=dt.date(2023, 1, 1))
    assert [c.status for c in other.citations] == ["not_found"] and not other.problems


def test_a_law_by_bare_name_is_its_last_version_even_one_known_by_number_only(tmp_path: Path) -> None:
    """In 2026 "Luật Tổ chức chính quyền địa phương" is 72/2025/QH15, which the KB knows by
    number only; ordered by date alone, 65/2025 came last and was called replaced."""
    kb = _law_kb(tmp_path, [("qh/2015/77", "77/2015/QH13", "2015-06-19"), ("qh/2025/65", "65/2025/QH15", "2025-02-19"),
                            ("qh/2025/72", "72/2025/QH15", None)],
                 [("qh/2025/65", "replaces", "qh/2015/77"), ("qh/2025/72", "replaces", "qh/2025/65")])
    report = lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương;", as_of=dt.date(2026, 3, 15))
    assert [(c.status, c.id) for c in report.citations] == [("found", "qh/2025/72")]
    assert not report.problems
    # In its own year, a version known by number only may not be out yet: 65/2025 for March.
    march = lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương;", as_of=dt.date(2025, 3, 5))
    assert [(c.status, c.id) for c in march.citations] == [("found", "qh/2025/65")]


def test_a_law_named_with_another_laws_number_is_a_symbol_typo(tmp_path: Path) -> None:
    """"Luật Nhà ở số 28/2023/QH15" (no date, the form of laws since 2025): 28/2023/QH15 is
    Luật Tài nguyên nước; the name says 27/2023/QH15, one digit away, or any number."""
    kb = docs_kb(tmp_path, [{"id": did, "doc_type": "Luật", "symbol": symbol, "issuer": "QH", "date": date, "title": title}
                            for did, symbol, date, title in (
                                ("qh/2023/27", "27/2023/QH15", "2023-11-27", "Nhà ở"),
                                ("qh/2023/28", "28/2023/QH15", "2023-11-27", "Tài nguyên nước"),
                                ("qh/2015/86", "86/2015/QH13", "2015-11-19", "An toàn thông tin mạng"),
                                ("qh/2018/24", "24/2018/QH14", "2018-06-12", "An ninh mạng"))])
    as_of = dt.date(2025, 9, 15)
    assert only(lint(kb, "Căn cứ Luật Nhà ở số 28/2023/QH15;", as_of=as_of), "symbol_typo").fix == "27/2023/QH15"
    assert only(lint(kb, "Căn cứ Luật An ninh mạng số 86/2015/QH13;", as_of=as_of), "symbol_typo").fix == "24/2018/QH14"
    for right in ("Căn cứ Luật Tài nguyên nước số 28/2023/QH15;", "Căn cứ Luật An ninh mạng số 24/2018/QH14;"):
        assert not lint(kb, right, as_of=as_of).problems


def test_a_replaced_law_names_its_replacement_once_with_dates_as_nd30_writes_them(tmp_path: Path) -> None:
    """The replacement of Luật Đất đai 2013 is written by date in the message (a law of
    2024) and by number in the fix (the form of 2025): still one law, named once."""
    kb = docs_kb(tmp_path, [{"id": did, "doc_type": "Luật", "symbol": symbol, "issuer": "QH", "date": date,
                             "effective_date": eff, "title": "Đất đai"}
                            for did, symbol, date, eff in (("qh/2013/45", "45/2013/QH13", "2013-11-29", "2014-07-01"),
                                                           ("qh/2024/31", "31/2024/QH15", "2024-01-18", "2024-08-01"))],
                 [("qh/2024/31", "replaces", "qh/2013/45")])
    p = only(lint(kb, "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;", as_of=dt.date(2025, 8, 20)), "replaced")
    assert p.fix == "Luật Đất đai số 31/2024/QH15"
    assert "văn bản có hiệu lực" not in p.message and "01/8/2024" in p.message, p.message


def test_an_unsigned_draft_is_judged_at_the_end_of_its_month(kb: KnowledgeBase) -> None:
    """"Quảng Ngãi, ngày    tháng 8 năm 2023": no day yet, but the month says when the draft
    is signed; a decree of 2030 is issued after it."""
    draft = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố:      /KH-UBND\nQuảng Ngãi, ngày      tháng 8 năm 2023\n"
             "KẾ HOẠCH\nỨng dụng công nghệ thông tin năm 2024\n"
             "Căn cứ Nghị định số 05/2030/NĐ-CP ngày 05/01/2030 của Chính phủ;\n")
    p = only(lint(kb, draft), "issued_after")
    assert "31/8/2023" in p.message, p.message


def test_cli_offsets_point_into_a_decomposed_file_as_written(kb: KnowledgeBase, tmp_path: Path) -> None:
    """A .txt saved in NFD (some editors do): `cancu lint --json` offsets index the file's own
    characters, not those of the NFC copy the reader makes."""
    import json
    import subprocess
    import sys
    import unicodedata

    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/KH-UBND\nQuảng Ngãi, ngày 05 tháng 3 năm 2019\n"
            "KẾ HOẠCH\nỨng dụng công nghệ thông tin\n"
            "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;\n"
            "Căn cứ Nghị định số 05/2030/NĐ-CP ngày 05/01/2030 của Chính phủ;\n")
    draft = tmp_path / "draft.txt"
    # As a Windows editor saves it: a BOM, CRLF line ends.
    draft.write_bytes(b"\xef\xbb\xbf" + unicodedata.normalize("NFD", text).replace("\n", "\r\n").encode("utf-8"))
    kb.save()
    result = subprocess.run([sys.executable, "-m", "cancu", "lint", str(draft), "--json", "--kb", str(kb.dir)],
                            capture_output=True, text=True, timeout=120)
    cits = json.loads(result.stdout)["citations"]
    written = draft.read_bytes().decode("utf-8-sig")
    assert [c["symbol"] for c in cits] == ["43/2011/NĐ-CP", "05/2030/NĐ-CP"], cits
    assert all(written[c["start"]:c["end"]] == c["text"] for c in cits), cits
    # The header is read as in NFC: the draft's date makes the 2030 decree later than it.
    assert result.returncode == 1 and [p["kind"] for p in cits[1]["problems"]] == ["issued_after"], cits


def test_cli_refuses_an_empty_date_and_warns_of_an_unknown_province(kb: KnowledgeBase) -> None:
    """`--as-of ""` (a script's unset variable) is no silent "no date"; a province the
    table does not know is said, not ignored."""
    import subprocess
    import sys

    base = [sys.executable, "-m", "cancu"]
    empty = subprocess.run([*base, "lint", "-", "--as-of", "", "--kb", str(kb.dir)], input="Căn cứ Nghị định 61/2018/NĐ-CP.",
                           capture_output=True, text=True, timeout=120)
    assert empty.returncode == 2 and "--as-of" in empty.stderr
    unknown = subprocess.run([*base, "suggest", "một cửa", "--province", "Hà Tây", "--issuer", "XYZ", "--kb", str(kb.dir)],
                             capture_output=True, text=True, timeout=120)
    assert unknown.returncode == 0 and "Hà Tây" in unknown.stderr and "XYZ" in unknown.stderr


def test_documents_of_one_title_by_other_issuers_or_adding_to_a_list_are_no_versions(tmp_path: Path) -> None:
    """Two joint circulars "hướng dẫn thực hiện cơ chế một cửa quốc gia" by other ministries
    guide two procedures; two "Danh mục bổ sung giống cây trồng" each add to the list. Neither
    later one replaces the earlier."""
    rows = (("btc-bnnptnt-btnmt-byt/2015/ttlt/178", "Thông tư liên tịch", "178/2015/TTLT-BTC-BNNPTNT-BTNMT-BYT",
             "BTC-BNNPTNT-BTNMT-BYT", "2015-11-12", "Hướng dẫn thực hiện cơ chế một cửa quốc gia"),
            ("btc-bct/2016/ttlt/89", "Thông tư liên tịch", "89/2016/TTLT-BTC-BCT", "BTC-BCT", "2016-06-30",
             "Hướng dẫn thực hiện cơ chế một cửa quốc gia"),
            ("bnnptnt/2015/tt/1", "Thông tư", "01/2015/TT-BNNPTNT", "BNNPTNT", "2015-01-22",
             "Ban hành Danh mục bổ sung giống cây trồng được phép sản xuất, kinh doanh ở Việt Nam"),
            ("bnnptnt/2019/tt/1", "Thông tư", "01/2019/TT-BNNPTNT", "BNNPTNT", "2019-01-15",
             "Ban hành Danh mục bổ sung giống cây trồng được phép sản xuất, kinh doanh ở Việt Nam"))
    kb = docs_kb(tmp_path, [{"id": did, "doc_type": doc_type, "symbol": symbol, "issuer": issuer, "date": date,
                             "title": title} for did, doc_type, symbol, issuer, date, title in rows])
    text = ("Căn cứ Thông tư liên tịch số 178/2015/TTLT-BTC-BNNPTNT-BTNMT-BYT ngày 12/11/2015 hướng dẫn thực hiện "
            "cơ chế một cửa quốc gia;\nCăn cứ Thông tư số 01/2015/TT-BNNPTNT ngày 22/01/2015 ban hành Danh mục bổ sung "
            "giống cây trồng được phép sản xuất, kinh doanh ở Việt Nam;")
    report = lint(kb, text, as_of=dt.date(2019, 6, 15))
    assert [c.status for c in report.citations] == ["found", "found"] and not report.problems, \
        [(p.kind, p.message) for p in report.problems]


def test_a_decomposed_draft_is_read_like_its_nfc_form(kb: KnowledgeBase) -> None:
    """`lint` itself (the web API posts text as typed) reads an NFD draft's header and
    points its offsets into the text as given."""
    import unicodedata

    text = unicodedata.normalize("NFD", "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/KH-UBND\n"
                                        "Quảng Ngãi, ngày 05 tháng 3 năm 2019\nKẾ HOẠCH\nỨng dụng công nghệ thông tin\n"
                                        "Căn cứ Nghị định số 05/2030/NĐ-CP ngày 05/01/2030 của Chính phủ;\n")
    report = lint(kb, text)
    assert [c.symbol for c in report.citations] == ["05/2030/NĐ-CP"]
    assert all(text[c.start:c.end] == c.text for c in report.citations)
    assert kinds(report) == ["issued_after"]


def test_the_report_says_which_date_and_province_it_used(kb: KnowledgeBase) -> None:
    """The date and province come from the caller or from the header (an unsigned header: the
    end of its month), and the report says which; citations the KB lacks are counted, so
    "0 vấn đề" is not taken to vouch for them."""
    draft = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố:      /KH-UBND\nQuảng Ngãi, ngày      tháng 8 năm 2023\n"
             "KẾ HOẠCH\nỨng dụng công nghệ thông tin năm 2024\n"
             "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;\n"
             "Căn cứ Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ;\n")
    report = lint(kb, draft)
    assert (report.as_of, report.as_of_source, report.province, report.province_source) == \
        (dt.date(2023, 8, 31), "unsigned_header", QN, "header")
    assert (report.not_found, report.not_checked) == (1, 1) and not report.problems
    assert "1 trích dẫn kho chưa có" in report.summary() and "31/8/2023" in report.context_line()
    given = lint(kb, draft, as_of=dt.date(2023, 9, 1), province="Quảng Nam").to_json()
    assert (given["as_of"], given["as_of_source"], given["province"], given["province_source"]) == \
        ("2023-09-01", "given", "Quảng Nam", "given")
    assert set(given) >= {"citations", "not_found", "not_checked", "context", "summary"}
    bare = lint(kb, "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;")
    assert bare.as_of is None and bare.as_of_source is None and "không xác định" in bare.context_line()


def test_a_draft_typed_without_diacritics_is_checked_as_one_typed_with_them(kb: KnowledgeBase) -> None:
    """With the input method off, the type words, issuers and dates in words of a draft are
    read all the same (their marks are put back before reading): a wrong date written in
    words, a wrong issuer and a replaced decree are found, each citation shown as typed."""
    draft = ("UBND TINH QUANG NGAI\nVAN PHONG\n\nSo: 15/KH-VP          Quang Ngai, ngay 05 thang 3 nam 2024\n\n"
             "KE HOACH\nUng dung cong nghe thong tin nam 2024\n\n"
             "Can cu Nghi dinh so 43/2011/ND-CP ngay 13 thang 6 nam 2012 cua Chinh phu quy dinh ve viec cung cap "
             "thong tin va dich vu cong truc tuyen;\n"
             "Can cu Quyet dinh so 458/QD-TTg ngay 03/4/2020 cua Bo Tai chinh phe duyet De an Luu tru tai lieu "
             "dien tu;\n"
             "Can cu Nghi dinh so 61/2018/ND-CP ngay 23 thang 4 nam 2018 cua Chinh phu ve thuc hien co che mot cua;\n"
             "Can cu Nghi dinh so 64/2007/ND-CP ngay 10/4/2007 cua Chinh phu;\n")
    report = lint(kb, draft)
    assert (report.as_of, report.province) == (dt.date(2024, 3, 5), QN)
    got = {c.symbol: sorted(p.kind for p in c.problems) for c in report.citations}
    assert got == {"43/2011/NĐ-CP": ["wrong_date"], "458/QĐ-TTg": ["wrong_issuer"],
                   "61/2018/NĐ-CP": ["replaced"], "64/2007/NĐ-CP": []}, got
    assert only(report, "wrong_date").fix == "ngày 13/6/2011"
    assert only(report, "wrong_issuer").fix == "của Thủ tướng Chính phủ"
    for c in report.citations:
        assert draft[c.start:c.end] == c.text and c.text.isascii(), c.text
    assert report.unaccented == 4 and "không dấu" in report.summary()


def test_a_passage_without_diacritics_is_said_to_be_unchecked(kb: KnowledgeBase) -> None:
    """The marks the extractor puts back cover its vocabulary, not a subject typed bare: the
    report says how many citations stand in such a passage; a marked draft has none."""
    bare = ("Can cu Nghi dinh so 61/2018/ND-CP ngay 23/4/2019 cua Chinh phu ve thuc hien co che mot cua, "
            "mot cua lien thong trong giai quyet thu tuc hanh chinh;\n")
    report = lint(kb, bare, as_of=dt.date(2021, 3, 1))
    assert report.unaccented == 1, [c.text for c in report.citations]
    assert "không dấu" in report.summary() and report.to_json()["unaccented"] == 1
    marked = lint(kb, "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế "
                      "một cửa, một cửa liên thông trong giải quyết thủ tục hành chính;\n", as_of=dt.date(2021, 3, 1))
    assert marked.unaccented == 0 and "không dấu" not in marked.summary()


def test_one_line_without_diacritics_among_marked_ones_is_told_and_its_date_in_figures_read(
        kb: KnowledgeBase) -> None:
    """A căn cứ line pasted without diacritics into a marked draft: the marked lines around
    it no longer hide it, and its date in figures after "ngay" is checked."""
    marked = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 của Quốc hội và các văn bản "
              "hướng dẫn thi hành;\n")
    bare = ("Can cu Nghi dinh so 61/2018/ND-CP ngay 23/4/2019 cua Chinh phu ve thuc hien co che mot cua, "
            "mot cua lien thong;\n")
    report = lint(kb, marked + bare + marked, as_of=dt.date(2021, 3, 1))
    bare_citation = next(c for c in report.citations if c.symbol and "61/2018" in c.symbol)
    assert report.unaccented == 1, [(c.text, c.start) for c in report.citations]
    assert [p.fix for p in bare_citation.problems if p.kind == "wrong_date"] == ["ngày 23/4/2018"]
    # "ngay" is also a common word: without the figures of a date after it, nothing is read.
    later = lint(kb, "Can cu Nghi dinh so 61/2018/ND-CP ngay sau khi ban hanh;\n", as_of=dt.date(2021, 3, 1))
    assert [p.kind for p in later.problems if p.kind == "wrong_date"] == []


def test_a_draft_typed_without_diacritics_is_dated_by_its_header(kb: KnowledgeBase) -> None:
    """"So: 118/KH-SYT ... Ha Tinh, ngay 15 thang 3 nam 2024": the draft's own number is no
    citation and its header's date is the day it is judged on, as with diacritics."""
    draft = ("UBND TINH HA TINH\nSO Y TE\nCONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Tu do - Hanh phuc\n\n"
             "So: 118/KH-SYT          Ha Tinh, ngay 15 thang 3 nam 2024\n\nKE HOACH\n"
             "Tuyen dung vien chuc nganh y te tinh Ha Tinh nam 2024\n\n"
             "Can cu Nghi dinh so 43/2011/ND-CP ngay 13/6/2011 cua Chinh phu;\n")
    report = lint(kb, draft)
    assert [c.symbol for c in report.citations] == ["43/2011/NĐ-CP"]
    assert (report.as_of, report.as_of_source) == (dt.date(2024, 3, 15), "header")


def test_a_law_superseded_by_one_of_its_name_is_told_apart_by_its_date(tmp_path: Path) -> None:
    """"Luật Bảo vệ môi trường đã có Luật Bảo vệ môi trường ... cùng tên, ban hành sau" named
    one law twice: the message names the cited version by its number or date, and says
    since when the newer one is in force."""
    kb = _law_kb(tmp_path, [("qh/2014/55", "55/2014/QH13", "2014-06-23"), ("qh/2020/72", "72/2020/QH14", "2020-11-17")],
                 [], title="Bảo vệ môi trường")
    kb.add_record(SourceRecord(key="catalog:eff", digest="eff", kind="catalog",
                               facts=[("qh/2020/72", "effective_date", "2022-01-01", "catalog:eff")]))
    p = only(lint(kb, "Căn cứ Luật Bảo vệ môi trường ngày 23 tháng 6 năm 2014;", as_of=dt.date(2024, 5, 10)),
             "replaced")
    assert p.message.startswith("Luật Bảo vệ môi trường ngày 23 tháng 6 năm 2014 đã được thay bằng văn bản cùng tên"), p.message
    assert "(có hiệu lực từ 01/01/2022)" in p.message and p.fix and "2020" in p.fix, p


def test_a_plan_whose_period_ended_is_no_basis_of_a_later_draft(tmp_path: Path) -> None:
    """Quyết định 225/QĐ-TTg approved the administrative-reform plan "giai đoạn 2016-2020":
    a plan of 2024 resting on it rests on an ended period (suggest ranks such plans low for
    the same reason); a plan of 2018 may, and a report may recall it in its body."""
    kb = KnowledgeBase(tmp_path)
    kb.add_record(SourceRecord(key=LABEL, digest="225", kind="catalog", facts=[
        ("ttg/2016/qd/225", attr, value, LABEL) for attr, value in (
            ("doc_type", "Quyết định"), ("symbol", "225/QĐ-TTg"), ("issuer", "TTg"), ("date", "2016-02-04"),
            ("title", "Phê duyệt Kế hoạch cải cách hành chính nhà nước giai đoạn 2016 - 2020"))]))
    basis = ("Căn cứ Quyết định số 225/QĐ-TTg ngày 04/02/2016 của Thủ tướng Chính phủ phê duyệt Kế hoạch cải "
             "cách hành chính nhà nước giai đoạn 2016 - 2020;")
    p = only(lint(kb, basis, as_of=dt.date(2024, 1, 15)), "period_ended")
    assert "2020" in p.message and p.fix, p
    assert "period_ended" not in kinds(lint(kb, basis, as_of=dt.date(2018, 3, 1)))
    report = ("Kết quả thực hiện Quyết định số 225/QĐ-TTg ngày 04/02/2016 của Thủ tướng Chính phủ phê duyệt Kế "
              "hoạch cải cách hành chính nhà nước giai đoạn 2016 - 2020 cho thấy nhiều chuyển biến.")
    assert "period_ended" not in kinds(lint(kb, report, as_of=dt.date(2024, 1, 15)))


def test_the_laws_a_numbered_amending_law_names_take_no_date_of_its_own(tmp_path: Path) -> None:
    """"Căn cứ Luật số 43/2024/QH15 sửa đổi, bổ sung ... và Luật Các tổ chức tín dụng ngày 29
    tháng 6 năm 2024" is correct: the date is the amending law's. Lint said the
    credit-institutions law (18/01/2024) had a wrong date and "fixed" it (a reviewer's draft)."""
    kb = _law_kb(tmp_path, [("qh/2024/32", "32/2024/QH15", "2024-01-18")], [], title="Các tổ chức tín dụng")
    kb.add_record(SourceRecord(key="catalog:43", digest="43", kind="catalog", facts=[
        ("qh/2024/43", a, v, "catalog:43") for a, v in (
            ("doc_type", "Luật"), ("symbol", "43/2024/QH15"), ("issuer", "QH"), ("date", "2024-06-29"),
            ("title", "Sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15, Luật Nhà ở số 27/2023/QH15, "
                      "Luật Kinh doanh bất động sản số 29/2023/QH15 và Luật Các tổ chức tín dụng số 32/2024/QH15"))]))
    text = ("Căn cứ Luật số 43/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, Luật Kinh "
            "doanh bất động sản và Luật Các tổ chức tín dụng ngày 29 tháng 6 năm 2024;")
    report = lint(kb, text, as_of=dt.date(2025, 5, 20))
    assert not report.problems, report.problems
    assert report.citations[0].id == "qh/2024/43"


def test_a_symbol_written_without_its_year_is_found_by_the_cited_date(tmp_path: Path) -> None:
    """"Nghị định số 130/NĐ-CP ngày 30/10/2020" leaves out the year 130/2020/NĐ-CP carries:
    the cited date says which decree numbered 130 it is. Without a date or subject it
    could be any year's: nothing is guessed."""
    kb = docs_kb(tmp_path, [
        {"id": "cp/2020/nd/130", "doc_type": "Nghị định", "symbol": "130/2020/NĐ-CP", "issuer": "CP",
         "date": "2020-10-30", "title": "về kiểm soát tài sản, thu nhập của người có chức vụ, quyền hạn"},
        {"id": "cp/2018/nd/130", "doc_type": "Nghị định", "symbol": "130/2018/NĐ-CP", "issuer": "CP",
         "date": "2018-09-27", "title": "quy định chi tiết thi hành Luật Giao dịch điện tử về chữ ký số"}])
    dated = lint(kb, "Căn cứ Nghị định số 130/NĐ-CP ngày 30/10/2020 của Chính phủ;", as_of=dt.date(2023, 12, 1))
    assert only(dated, "symbol_typo").fix == "130/2020/NĐ-CP"
    bare = lint(kb, "Căn cứ Nghị định số 130/NĐ-CP của Chính phủ;", as_of=dt.date(2023, 12, 1))
    assert [c.status for c in bare.citations] == ["not_found"] and not bare.problems
    # Not even when the KB knows a single decree of that number.
    one = docs_kb(tmp_path / "one", [{"id": "cp/2018/nd/61", "doc_type": "Nghị định", "symbol": "61/2018/NĐ-CP",
                                      "issuer": "CP", "date": "2018-04-23", "title": "về thực hiện cơ chế một cửa"}])
    alone = lint(one, "Căn cứ Nghị định số 61/NĐ-CP của Chính phủ;", as_of=dt.date(2023, 12, 1))
    assert [c.status for c in alone.citations] == ["not_found"] and not alone.problems


def test_a_law_cited_by_the_year_or_day_it_took_effect(tmp_path: Path) -> None:
    """"Luật Phòng, chống tham nhũng năm 2019": the law of 20/11/2018 took effect on
    01/7/2019, the year drafters remember. The KB's only version is meant, and its date is
    the issue date. Another year that no version was issued or took effect in is a version
    the KB lacks: not found, nothing guessed."""
    kb = docs_kb(tmp_path, [{"id": "qh/2018/36", "doc_type": "Luật", "symbol": "36/2018/QH14", "issuer": "QH",
                             "date": "2018-11-20", "effective_date": "2019-07-01",
                             "title": "Phòng, chống tham nhũng"}])
    for text in ("Căn cứ Luật Phòng, chống tham nhũng năm 2019;",
                 "Căn cứ Luật Phòng, chống tham nhũng ngày 01 tháng 7 năm 2019;"):
        report = lint(kb, text, as_of=dt.date(2023, 12, 1))
        assert [c.status for c in report.citations] == ["found"], text
        p = only(report, "wrong_date")
        assert p.fix == "ngày 20/11/2018" and "có hiệu lực" in p.message, p
    other = lint(kb, "Căn cứ Luật Phòng, chống tham nhũng năm 2005;", as_of=dt.date(2023, 12, 1))
    assert [c.status for c in other.citations] == ["not_found"] and not other.problems


def test_a_law_named_by_its_abbreviation_is_found_and_spelt_out_in_a_basis(tmp_path: Path) -> None:
    """"Luật DN năm 2014" is Luật Doanh nghiệp of 2014 (data/abbreviations.json): found, and a
    căn cứ is told to write the name whole; the body may keep the short form."""
    kb = docs_kb(tmp_path, [
        {"id": "qh/2014/68", "doc_type": "Luật", "symbol": "68/2014/QH13", "issuer": "QH", "date": "2014-11-26",
         "title": "Doanh nghiệp"},
        {"id": "qh/2020/59", "doc_type": "Luật", "symbol": "59/2020/QH14", "issuer": "QH", "date": "2020-06-17",
         "title": "Doanh nghiệp"},
    ])
    report = lint(kb, "Căn cứ Luật DN năm 2014;\nCác công ty thực hiện theo Luật DN.\n", as_of=dt.date(2021, 3, 1))
    assert [(c.status, c.id) for c in report.citations] == [("found", "qh/2014/68"), ("found", "qh/2020/59")]
    p = only(report, "incomplete")
    assert p.fix == "Luật Doanh nghiệp" and "viết tắt" in p.message


OLD_CODE_EXAMPLES = vocab.load_table("cite_words.json")["old_issuer_codes"]["examples"]


@pytest.mark.parametrize("example", OLD_CODE_EXAMPLES, ids=[e["text"][7:30] for e in OLD_CODE_EXAMPLES])
def test_an_old_state_symbol_whose_code_names_its_issuer_is_no_wrong_type(kb: KnowledgeBase,
                                                                          example: dict[str, Any]) -> None:
    """Before 2001 state documents were numbered "70-TC/TCT" (TC: Bộ Tài chính) as well as
    "24-L/CTN" (L: the type): a code the table says names the issuer does not tell the type,
    so the type word written stands; any other is the type."""
    report = lint(kb, example["text"], as_of=dt.date(2000, 1, 1))
    assert ("wrong_type" in kinds(report)) is example["wrong_type"], report.to_json()


def test_a_party_symbols_code_is_its_type(kb: KnowledgeBase) -> None:
    party = lint(kb, "Thực hiện Quyết định số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị;", as_of=dt.date(2025, 3, 1))
    assert only(party, "wrong_type").fix == "Nghị quyết số 57-NQ/TW"


def test_documents_sharing_a_symbol_are_told_apart_by_what_the_citation_writes(tmp_path: Path) -> None:
    """24/2008/QH12 numbers Luật Quốc tịch Việt Nam and a Nghị quyết of the Assembly: the
    type word, the date or the name written decides; a citation giving none stays ambiguous."""
    kb = docs_kb(tmp_path, [
        {"id": "qh/2008/24", "doc_type": "Luật", "symbol": "24/2008/QH12", "issuer": "QH", "date": "2008-11-13",
         "title": "Quốc tịch Việt Nam"},
        {"id": "qh/2008/nq/24", "doc_type": "Nghị quyết", "symbol": "24/2008/QH12", "issuer": "QH",
         "date": "2008-11-14", "title": "Về việc thi hành Luật Quốc tịch Việt Nam"},
    ])
    as_of = dt.date(2020, 1, 1)
    for text, expected in (("Căn cứ Luật Quốc tịch Việt Nam số 24/2008/QH12;", "qh/2008/24"),
                           ("Căn cứ Nghị quyết số 24/2008/QH12 của Quốc hội;", "qh/2008/nq/24"),
                           ("Căn cứ văn bản số 24/2008/QH12 ngày 14/11/2008 của Quốc hội;", "qh/2008/nq/24")):
        report = lint(kb, text, as_of=as_of)
        assert [(c.status, c.id) for c in report.citations][:1] == [("found", expected)], (text, report.to_json())
        assert "ambiguous" not in kinds(report)
    bare = lint(kb, "Căn cứ văn bản số 24/2008/QH12 của Quốc hội;", as_of=as_of)
    assert [c.status for c in bare.citations] == ["ambiguous"]


def test_a_decree_detailing_a_law_lapses_with_the_law_its_title_names(tmp_path: Path) -> None:
    """Nghị định 65/2018/NĐ-CP details Luật Đường sắt 2017, whose replacement took effect on
    01/01/2026; the pháp điển also files it beside Luật Giao thông đường bộ, still in force.
    The law its title names assigned the detailing: the decree went with it. A law both
    replaced and repealed by its successor is told once, as replaced."""
    kb = docs_kb(tmp_path, [
        {"id": "qh/2017/6", "doc_type": "Luật", "symbol": "06/2017/QH14", "issuer": "QH", "date": "2017-06-16",
         "effective_date": "2018-07-01", "title": "Đường sắt"},
        {"id": "qh/2025/95", "doc_type": "Luật", "symbol": "95/2025/QH15", "issuer": "QH", "date": "2025-06-27",
         "effective_date": "2026-01-01", "title": "Đường sắt"},
        {"id": "qh/2008/23", "doc_type": "Luật", "symbol": "23/2008/QH12", "issuer": "QH", "date": "2008-11-13",
         "title": "Giao thông đường bộ"},
        {"id": "cp/2018/nd/65", "doc_type": "Nghị định", "symbol": "65/2018/NĐ-CP", "issuer": "CP",
         "date": "2018-05-12", "title": "Quy định chi tiết thi hành một số điều của Luật Đường sắt"},
        # "kỷ luật" names no law: the title names one.
        {"id": "cp/2019/nd/9", "doc_type": "Nghị định", "symbol": "09/2019/NĐ-CP", "issuer": "CP",
         "date": "2019-01-20", "title": "Quy định chi tiết một số điều của Luật Đường sắt về kỷ luật lao động"},
    ], [("qh/2025/95", "replaces", "qh/2017/6"), ("qh/2025/95", "repeals", "qh/2017/6"),
        ("cp/2018/nd/65", "guides", "qh/2017/6"), ("cp/2018/nd/65", "guides", "qh/2008/23")])
    text = "Căn cứ Nghị định số 65/2018/NĐ-CP ngày 12/5/2018 của Chính phủ;\nCăn cứ Luật Đường sắt ngày 16 tháng 6 năm 2017;\n"
    report = lint(kb, text, as_of=dt.date(2026, 1, 12))
    assert sorted(kinds(report)) == ["expired", "replaced"], [(p.kind, p.message) for p in report.problems]
    assert "Luật Đường sắt" in only(report, "expired").message
    assert only(report, "replaced").fix == "Luật Đường sắt số 95/2025/QH15"
    assert not lint(kb, text, as_of=dt.date(2025, 6, 1)).problems
    discipline = lint(kb, "Căn cứ Nghị định số 09/2019/NĐ-CP ngày 20/01/2019 của Chính phủ;", as_of=dt.date(2026, 1, 12))
    assert kinds(discipline) == ["expired"], discipline.to_json()


def test_a_decree_detailing_several_laws_stays_while_one_may_be_in_force(tmp_path: Path) -> None:
    """Nghị định 119/2014/NĐ-CP details Bộ luật Lao động, Luật Dạy nghề and the law on
    workers abroad; in 2015 only Luật Dạy nghề was replaced, and the KB does not know the
    others: nothing says the decree lapsed."""
    kb = docs_kb(tmp_path, [
        {"id": "qh/2006/76", "doc_type": "Luật", "symbol": "76/2006/QH11", "issuer": "QH", "date": "2006-11-29",
         "title": "Dạy nghề"},
        {"id": "qh/2014/74", "doc_type": "Luật", "symbol": "74/2014/QH13", "issuer": "QH", "date": "2014-11-27",
         "effective_date": "2015-07-01", "title": "Giáo dục nghề nghiệp"},
        {"id": "cp/2014/nd/119", "doc_type": "Nghị định", "symbol": "119/2014/NĐ-CP", "issuer": "CP",
         "date": "2014-12-17", "title": "Quy định chi tiết một số điều của Bộ luật Lao động, Luật Dạy nghề, Luật "
                                        "Người lao động Việt Nam đi làm việc ở nước ngoài theo hợp đồng về khiếu nại, tố cáo"},
    ], [("qh/2014/74", "replaces", "qh/2006/76"), ("cp/2014/nd/119", "guides", "qh/2006/76")])
    report = lint(kb, "Căn cứ Nghị định số 119/2014/NĐ-CP ngày 17 tháng 12 năm 2014 của Chính phủ;",
                  as_of=dt.date(2015, 12, 31))
    assert [c.status for c in report.citations] == ["found"] and "expired" not in kinds(report), report.to_json()


def test_a_party_symbol_in_the_states_shape_the_kb_lacks_is_counted_as_not_found(kb: KnowledgeBase) -> None:
    """"05/CT-TW" is told to be written "05-CT/TW"; the KB has no such directive, so its date
    and issuer went unchecked, and the summary says so. (A typo one digit from a KB document
    is not counted: see test_symbol_typo_not_in_kb.)"""
    report = lint(kb, "Căn cứ Chỉ thị số 05/CT-TW ngày 15/5/2016 của Bộ Chính trị;\n"
                      "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;\n", as_of=AS_OF)
    assert "symbol_typo" in kinds(report) and report.not_found == 1, report.to_json()
    assert "1 trích dẫn kho chưa có" in report.summary()


def test_a_year_the_other_title_looks_ahead_to_is_not_its_own(tmp_path: Path) -> None:
    """02/NQ-CP is issued every 1 January. The resolution "... năm 2021" is not the one "...
    năm 2019 và định hướng đến năm 2021" with a slipped year: 2021 is that one's horizon. The
    KB lacks the 2021 one: not found, no "wrong date" telling the drafter to cite 2019, and
    the 2019 one cited further on is no inconsistent repeat of it."""
    kb = docs_kb(tmp_path, [{"id": "cp/2019/nq/2", "doc_type": "Nghị quyết", "symbol": "02/NQ-CP", "issuer": "CP",
                             "date": "2019-01-01",
                             "title": "Về tiếp tục thực hiện những nhiệm vụ, giải pháp chủ yếu cải thiện môi trường "
                                      "kinh doanh, nâng cao năng lực cạnh tranh quốc gia năm 2019 và định hướng đến "
                                      "năm 2021"}])
    text = ("Căn cứ Nghị quyết số 02/NQ-CP ngày 01/01/2021 của Chính phủ về tiếp tục thực hiện những nhiệm vụ, "
            "giải pháp chủ yếu cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh quốc gia năm 2021;\n"
            "Kế hoạch năm 2019 thực hiện Nghị quyết số 02/NQ-CP ngày 01/01/2019 của Chính phủ.")
    report = lint(kb, text, as_of=dt.date(2021, 5, 1))
    assert [(c.status, c.id) for c in report.citations] == [("not_found", None), ("found", "cp/2019/nq/2")]
    assert report.problems == []


def test_a_short_repeat_of_a_number_of_several_years_is_the_one_cited_in_full(kb: KnowledgeBase) -> None:
    """NĐ 30/2020: the full form the first time, short after. "Kế hoạch 151/KH-UBND" after
    "Kế hoạch số 151/KH-UBND ngày 21/12/2020" is that plan, not "ambiguous" between the
    province's plans of 2019 and 2020."""
    text = ("Thực hiện Kế hoạch số 151/KH-UBND ngày 21/12/2020 của UBND tỉnh;\n"
            "Các nhiệm vụ của Kế hoạch 151/KH-UBND được triển khai như sau.")
    report = lint(kb, text, as_of=AS_OF, province=QN)
    assert [(c.status, c.id) for c in report.citations] == [("found", "ubnd.quang-ngai/2020/kh/151")] * 2
    assert report.problems == []


def test_a_footnote_mark_glued_to_a_symbol_is_not_part_of_it(kb: KnowledgeBase) -> None:
    """Word exports a footnote mark glued to the symbol it annotates: "43/2011/NĐ-CP¹" was
    read as "43/2011/NĐ-" and not found."""
    report = lint(kb, "Căn cứ Nghị định số 43/2011/NĐ-CP¹ ngày 15/6/2011 của Chính phủ;", as_of=AS_OF)
    [c] = report.citations
    assert (c.status, c.id, c.symbol) == ("found", "cp/2011/nd/43", "43/2011/NĐ-CP")
    assert only(report, "wrong_date").fix == "ngày 13/6/2011"


def test_an_issuer_typed_in_capitals_or_capitalised_word_by_word_is_read(kb: KnowledgeBase) -> None:
    """Drafters type issuers as headings: "của Bộ Thông Tin và Truyền Thông", "của CHÍNH
    PHỦ". A wrong one is told as when written in the table's case; a right one raises
    nothing. In lower case the words may be a subject's ("chính phủ điện tử")."""
    wrong = lint(kb, "Căn cứ Quyết định số 28/2018/QĐ-TTg ngày 12/7/2018 của Bộ Thông Tin và Truyền Thông;",
                 as_of=AS_OF)
    p = only(wrong, "wrong_issuer")
    assert "Bộ Thông Tin và Truyền Thông" in p.message and p.fix == "của Thủ tướng Chính phủ"
    right = lint(kb, "Căn cứ Quyết định số 28/2018/QĐ-TTg ngày 12/7/2018 của Thủ Tướng Chính Phủ;", as_of=AS_OF)
    assert right.citations[0].text.endswith("của Thủ Tướng Chính Phủ") and "wrong_issuer" not in kinds(right)
    assert kinds(lint(kb, "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của CHÍNH PHỦ;", as_of=AS_OF)) == []
    dash = lint(kb, "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI;",
                as_of=AS_OF)
    assert only(dash, "wrong_issuer").fix == "của Chính phủ"
    lower = lint(kb, "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của chính phủ điện tử;", as_of=AS_OF)
    assert lower.citations[0].text == "Nghị định số 43/2011/NĐ-CP ngày 13/6/2011" and kinds(lower) == []


def test_a_date_in_brackets_after_the_symbol_is_read(kb: KnowledgeBase) -> None:
    report = lint(kb, "Căn cứ Nghị định số 43/2011/NĐ-CP (ngày 15/6/2011) của Chính phủ;", as_of=AS_OF)
    assert only(report, "wrong_date").fix == "ngày 13/6/2011"
    assert report.citations[0].text == "Nghị định số 43/2011/NĐ-CP (ngày 15/6/2011) của Chính phủ"


def test_a_working_paper_is_no_citation_to_check(kb: KnowledgeBase) -> None:
    """"Xét đề nghị ... tại Tờ trình số 215/TTr-STNMT": a submission is no legal basis and
    is never published; counting it among "kho chưa có văn bản" made every decision look
    partly unchecked. One with something wrong (dated after the draft) is still told."""
    text = ("Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;\n"
            "Xét đề nghị của Giám đốc Sở Tài nguyên và Môi trường tại Tờ trình số 215/TTr-STNMT ngày 05/7/2021.")
    report = lint(kb, text, as_of=AS_OF)
    assert [c.symbol for c in report.citations] == ["43/2011/NĐ-CP"]
    assert report.not_found == 0 and "không tìm thấy" not in report.summary()
    late = lint(kb, text.replace("05/7/2021", "05/9/2021"), as_of=AS_OF)
    assert [c.symbol for c in late.citations] == ["43/2011/NĐ-CP", "215/TTr-STNMT"]
    assert kinds(late) == ["issued_after"]


def test_a_party_committees_plan_is_not_told_to_cite_the_peoples_committees(kb: KnowledgeBase) -> None:
    """The province's People's Committee carries out the Party's and the Government's
    documents; a Tỉnh ủy's plan does not rest on the UBND's plan for them."""
    body = "KẾ HOẠCH\nThực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ\n"
    party = "ĐẢNG BỘ TỈNH QUẢNG NGÃI\nTỈNH ỦY\nSố 35-KH/TU\nQuảng Ngãi, ngày 10 tháng 3 năm 2021\n" + body
    state = "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 35/KH-UBND\nQuảng Ngãi, ngày 10 tháng 3 năm 2021\n" + body
    assert "missing_implementation" not in kinds(lint(kb, party))
    assert "missing_implementation" in kinds(lint(kb, state))


def test_a_law_repealed_by_its_successor_of_another_name_is_fixed_with_it(tmp_path: Path) -> None:
    """Luật Khoa học, công nghệ và đổi mới sáng tạo 2025 repeals Luật Khoa học và công nghệ
    2013: the fix names it, not "bỏ căn cứ này". A law repealed in passing by one on
    another subject gets no successor."""
    docs = [{"id": "qh/2013/29", "doc_type": "Luật", "symbol": "29/2013/QH13", "issuer": "QH", "date": "2013-06-18",
             "title": "Khoa học và công nghệ"},
            {"id": "qh/2025/93", "doc_type": "Luật", "symbol": "93/2025/QH15", "issuer": "QH", "date": "2025-06-27",
             "effective_date": "2025-10-01", "title": "Khoa học, công nghệ và đổi mới sáng tạo"},
            {"id": "qh/2006/67", "doc_type": "Luật", "symbol": "67/2006/QH11", "issuer": "QH", "date": "2006-06-29",
             "title": "Công nghệ thông tin"},
            {"id": "qh/2025/71", "doc_type": "Luật", "symbol": "71/2025/QH15", "issuer": "QH", "date": "2025-06-14",
             "effective_date": "2026-01-01", "title": "Công nghiệp công nghệ số"}]
    kb = docs_kb(tmp_path, docs, [("qh/2025/93", "repeals", "qh/2013/29"), ("qh/2025/71", "repeals", "qh/2006/67")])
    report = lint(kb, "Căn cứ Luật Khoa học và công nghệ ngày 18 tháng 6 năm 2013;\n"
                      "Căn cứ Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006;", as_of=dt.date(2026, 3, 1))
    first, second = ([p for p in c.problems if p.kind == "repealed"] for c in report.citations)
    assert [p.fix for p in first] == ["thay bằng Luật Khoa học, công nghệ và đổi mới sáng tạo số 93/2025/QH15"]
    assert [p.fix for p in second] == ["bỏ căn cứ này hoặc thay bằng văn bản đang có hiệu lực"]


def test_laws_named_inside_an_amending_laws_name_are_not_citations_of_their_own(tmp_path: Path) -> None:
    """"Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở ... ngày 29/6/2024"
    cites one law; the laws its name holds were reported beside it (a reviewer's draft had
    six citations on one line). A symbol with its date inside another citation's subject is
    the drafter's own, and checked."""
    docs = [{"id": "qh/2024/43", "doc_type": "Luật", "symbol": "43/2024/QH15", "issuer": "QH", "date": "2024-06-29",
             "title": "Sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở"},
            {"id": "qh/2024/31", "doc_type": "Luật", "symbol": "31/2024/QH15", "issuer": "QH", "date": "2024-01-18",
             "title": "Đất đai"},
            {"id": "qh/2023/27", "doc_type": "Luật", "symbol": "27/2023/QH15", "issuer": "QH", "date": "2023-11-27",
             "title": "Nhà ở"},
            *DOCS]
    kb = docs_kb(tmp_path, docs)
    report = lint(kb, "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở ngày 29 tháng 6 năm "
                      "2024;\nCăn cứ Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh thực hiện Nghị quyết số "
                      "17/NQ-CP ngày 07/3/2018 của Chính phủ;", as_of=dt.date(2024, 9, 1), province=QN)
    assert [(c.symbol, c.id) for c in report.citations] == [
        (None, "qh/2024/43"), ("61/KH-UBND", "ubnd.quang-ngai/2019/kh/61"), ("17/NQ-CP", "cp/2019/nq/17")]
    assert only(report, "wrong_date").fix == "ngày 07/3/2019"


def test_a_short_repeat_of_a_number_cited_with_two_dates_is_still_ambiguous(kb: KnowledgeBase) -> None:
    text = ("Thực hiện Kế hoạch số 151/KH-UBND ngày 09/12/2019 và Kế hoạch số 151/KH-UBND ngày 21/12/2020 "
            "của UBND tỉnh;\nTheo Kế hoạch số 151/KH-UBND, các nhiệm vụ được triển khai.")
    report = lint(kb, text, as_of=AS_OF, province=QN)
    assert [c.status for c in report.citations] == ["found", "found", "ambiguous"]


def test_a_working_paper_cited_as_a_basis_is_reported(kb: KnowledgeBase) -> None:
    report = lint(kb, "Căn cứ Tờ trình số 215/TTr-STNMT ngày 05/7/2021 của Sở Tài nguyên và Môi trường;",
                  as_of=AS_OF)
    assert [c.symbol for c in report.citations] == ["215/TTr-STNMT"]


def test_a_short_repeat_of_a_number_dated_once_wrongly_is_still_that_years(kb: KnowledgeBase) -> None:
    """The draft dates 151/KH-UBND twice in 2020, once with a wrong day: a short repeat is
    the plan of 2020 (numbers restart each year), not ambiguous with the plan of 2019."""
    text = ("Thực hiện Kế hoạch số 151/KH-UBND ngày 21/12/2020 của UBND tỉnh;\n"
            "Căn cứ Kế hoạch số 151/KH-UBND ngày 12/12/2020 của UBND tỉnh;\n"
            "Theo Kế hoạch 151/KH-UBND, các nhiệm vụ được triển khai.")
    report = lint(kb, text, as_of=AS_OF, province=QN)
    assert [(c.status, c.id) for c in report.citations][2] == ("found", "ubnd.quang-ngai/2020/kh/151")


def test_a_working_paper_with_an_invalid_date_is_reported(kb: KnowledgeBase) -> None:
    """Something wrong with a working paper keeps it in the report: its impossible date too,
    which the extractor reports and lint attaches before leaving papers out."""
    text = "Xét đề nghị của Sở Tài nguyên và Môi trường tại Tờ trình số 215/TTr-STNMT ngày 31/02/2021."
    report = lint(kb, text, as_of=AS_OF)
    assert [c.symbol for c in report.citations] == ["215/TTr-STNMT"] and kinds(report) == ["invalid_date"]


def test_a_province_the_kb_holds_nothing_of_is_said_to_go_unchecked(kb: KnowledgeBase) -> None:
    """rev25: the implementing-plan check ran only where the KB holds the province's plans
    (Quảng Ngãi); a Nghệ An draft was silent, as if no plan were needed. The context says
    the check could not run."""
    text = "Căn cứ Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ;"
    elsewhere = lint(kb, text, as_of=AS_OF, province="Nghệ An")
    assert not elsewhere.province_in_kb
    assert "Kho chưa có văn bản nào của Nghệ An" in elsewhere.context_line(), elsewhere.context_line()
    city = lint(kb, text, as_of=AS_OF, province="Hải Phòng").context_line()
    assert "kế hoạch thực hiện của thành phố" in city, city
    here = lint(kb, text, as_of=AS_OF, province=QN)
    assert here.province_in_kb and "Kho chưa có" not in here.context_line()
