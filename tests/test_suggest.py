"""Suggesting căn cứ (graph/suggest.py) on real knowledge bases built in tmp dirs.

The small KB below is written as one catalog record (the same path catalog imports take),
so each test states exactly which documents and edges exist."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from cancu.graph import vocab
from cancu.graph.kb import EdgeAssertion, KnowledgeBase, SourceRecord, build_default_kb
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
                for one in value if isinstance(value, list) else [value]:  # a list: a multi-valued fact
                    record.facts.append((d["id"], attr, str(one), LABEL))
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
                    "Quy chế một cửa, một cửa liên thông tỉnh Quảng Ngãi", "lead": "Căn cứ"}]
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
    # 3 of the 8 documents resting on the decree rest on the circular too: said as a count,
    # not as a habit ("thường", from half of them: COMPANION_HABIT).
    assert "được căn cứ cùng Nghị định số 61/2018/NĐ-CP trong 3/8 văn bản căn cứ văn bản đó" in tt.reasons, tt.reasons


def test_chain_brings_the_provinces_implementing_plan(kb: KnowledgeBase) -> None:
    out = suggest(kb, "cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính",
                  province=QN, as_of=dt.date(2021, 1, 1), k=10)
    plan = next(s for s in out if s.id == "ubnd.quang-ngai/2018/qd/1523")
    assert any("thực hiện Nghị định số 61/2018/NĐ-CP" in r for r in plan.reasons)


def test_a_weak_match_brings_no_provincial_plan_along(tmp_path: Path) -> None:
    """A central document sharing one common word with a task on another subject
    ("phát triển") does not bring the province's plan implementing it, nor does that plan
    bring it back: both are on e-government, the task on natural disasters. Nor does a
    law every plan rests on for its issuer's powers, or a title sharing only the words
    that open the draft."""
    docs: list[dict[str, Any]] = [
        _law("qh/2015/77", "77/2015/QH13", "2015-06-19", "Tổ chức chính quyền địa phương"),
        _law("qh/2013/33", "33/2013/QH13", "2013-06-19", "Phòng, chống thiên tai"),
        {"id": "cp/2019/nq/17", "doc_type": "Nghị quyết", "symbol": "17/NQ-CP", "issuer": "CP", "date": "2019-03-07",
         "title": "Về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019-2020"},
        {"id": "ubnd.quang-ngai/2019/kh/61", "doc_type": "Kế hoạch", "symbol": "61/KH-UBND", "issuer": "UBND",
         "province": QN, "date": "2019-04-10", "title": "Về thực hiện Nghị quyết số 17/NQ-CP của Chính phủ"},
    ]
    edges: list[tuple[str, str, str, str | None]] = [
        ("ubnd.quang-ngai/2019/kh/61", "implements", "cp/2019/nq/17", None)]
    for n in range(4):
        did = f"ubnd.quang-ngai/2019/kh/{100 + n}"
        docs.append({"id": did, "doc_type": "Kế hoạch", "symbol": f"{100 + n}/KH-UBND", "issuer": "UBND",
                     "province": QN, "date": f"2019-0{n + 1}-15",
                     "title": f"Phòng, chống thiên tai và tìm kiếm cứu nạn tại huyện {n}"})
        edges += [(did, "based_on", "qh/2015/77", "Căn cứ Luật Tổ chức chính quyền địa phương;"),
                  (did, "based_on", "qh/2013/33", "Căn cứ Luật Phòng, chống thiên tai;")]
    # "phát triển" is as common in titles as it is in a national catalog.
    docs += [_decree(40 + n, 2018, f"Quy định về phát triển {field}") for n, field in enumerate(
        ("thương mại điện tử", "du lịch", "nhà ở xã hội", "công nghiệp hỗ trợ", "năng lượng", "thủy sản",
         "giáo dục nghề nghiệp", "khoa học", "văn hóa", "lâm nghiệp", "giao thông", "đô thị"))]
    # The province's plan implementing the law on local government, which every plan rests
    # on for its issuer's powers, not its subject; and a decree sharing only the words that
    # open every plan, "kế hoạch" and "thực hiện".
    docs += [{"id": "ubnd.quang-ngai/2016/kh/9", "doc_type": "Kế hoạch", "symbol": "09/KH-UBND", "issuer": "UBND",
              "province": QN, "date": "2016-01-20", "title": "Triển khai thi hành Luật Tổ chức chính quyền địa phương"},
             _decree(90, 2015, "Quy định về lập và thực hiện kế hoạch sản xuất, kinh doanh")]
    edges.append(("ubnd.quang-ngai/2016/kh/9", "implements", "qh/2015/77", None))
    kb = build_kb(tmp_path, docs, edges)
    out = suggest(kb, "Kế hoạch phòng, chống thiên tai năm 2020; phát triển lực lượng xung kích cấp xã",
                  issuer="UBND", province=QN, as_of=dt.date(2020, 4, 15), k=10)
    assert ids(out)[0] == "qh/2013/33"
    assert "ubnd.quang-ngai/2019/kh/61" not in ids(out), [(s.id, s.reasons) for s in out]
    assert "qh/2015/77" in ids(out) and "ubnd.quang-ngai/2016/kh/9" not in ids(out), [(s.id, s.reasons) for s in out]
    out = suggest(kb, "Kế hoạch thực hiện công tác phòng, chống thiên tai năm 2020",
                  issuer="UBND", province=QN, as_of=dt.date(2020, 4, 15), k=10)
    assert "cp/2015/nd/90" not in ids(out), [(s.id, s.reasons) for s in out]


def test_a_match_on_common_words_only_is_listed_last_as_weak(tmp_path: Path) -> None:
    """A title sharing only words every field uses ("phát triển") with a task on tourism
    is a weak match: listed after every other candidate, flagged `weak`, and left out when
    enough others fill k. One sharing the subject's own word ("du lịch") is not."""
    docs: list[dict[str, Any]] = [
        _law("qh/2017/9", "09/2017/QH14", "2017-06-19", "Du lịch"),
        _decree(10, 2019, "Quy định mức thu phí tham quan các điểm du lịch"),
        # Higher-scoring than the fee decree on the title alone: "phát triển" is half the
        # task's words, yet it names no subject.
        _decree(20, 2019, "Quy định về phát triển dự án điện mặt trời"),
        _decree(21, 2019, "Hướng dẫn lồng ghép phòng, chống thiên tai vào kế hoạch phát triển"),
    ]
    kb = build_kb(tmp_path, docs, [])
    task = "Kế hoạch phát triển du lịch năm 2025"
    out = suggest(kb, task, province=QN, as_of=dt.date(2025, 2, 1), k=10)
    weak = [s.id for s in out if s.weak]
    assert set(weak) == {"cp/2019/nd/20", "cp/2019/nd/21"}, [(s.id, s.score, s.reasons) for s in out]
    assert ids(out)[-2:] == weak, "the weak matches come last"
    assert {"qh/2017/9", "cp/2019/nd/10"} <= set(ids(out)[:2])
    assert out[-1].to_json()["weak"] is True and out[0].to_json()["weak"] is False
    # Two places: the two documents on tourism fill them.
    assert set(ids(suggest(kb, task, province=QN, as_of=dt.date(2025, 2, 1), k=2))) == {"qh/2017/9", "cp/2019/nd/10"}
    # The terminal prints them under their own heading, after the others.
    import subprocess
    import sys

    kb.save()
    printed = subprocess.run([sys.executable, "-m", "cancu", "suggest", "--kb", str(kb.dir), task,
                              "--province", QN, "--as-of", "2025-02-01"], capture_output=True, text=True, timeout=120)
    assert printed.returncode == 0, printed.stderr
    before, heading, after = printed.stdout.partition("Khớp yếu: chỉ trùng từ ngữ chung")
    assert heading and "09/2017/QH14" in before and "10/2019/NĐ-CP" in before, printed.stdout
    assert "20/2019/NĐ-CP" in after and "21/2019/NĐ-CP" in after and "20/2019" not in before


def test_what_a_weak_match_brings_along_is_weak_too(tmp_path: Path) -> None:
    """The decree amending a decree matched on "phát triển" alone comes with it, and is no
    basis of a plan on tourism either: weak, as its source is (rev39 saw amending laws and
    new versions of weak matches fill a list as if they were bases)."""
    docs: list[dict[str, Any]] = [
        _law("qh/2017/9", "09/2017/QH14", "2017-06-19", "Du lịch"),
        _decree(20, 2019, "Quy định về phát triển dự án điện mặt trời"),
        _decree(30, 2021, "Sửa đổi, bổ sung một số điều của Nghị định số 20/2019/NĐ-CP"),
    ]
    kb = build_kb(tmp_path, docs, [("cp/2021/nd/30", "amends", "cp/2019/nd/20", None)])
    out = suggest(kb, "Kế hoạch phát triển du lịch năm 2025", province=QN, as_of=dt.date(2025, 2, 1), k=10)
    assert "cp/2021/nd/30" in ids(out), [(s.id, s.reasons) for s in out]
    assert {s.id for s in out if s.weak} == {"cp/2019/nd/20", "cp/2021/nd/30"}, [(s.id, s.weak, s.reasons) for s in out]


def test_a_crowd_of_weak_matches_keeps_no_other_candidate_out(tmp_path: Path) -> None:
    """Forty decrees sharing only common words ("phát triển bền vững", "nâng cao chất
    lượng dịch vụ") with a plan on tourism score above the one decree on tourism fees; the weak ones only fill what the others leave, so the fee
    decree is there whatever k is (rev39 P1: it showed only from k=20 on)."""
    fields = ("thương mại điện tử", "nhà ở xã hội", "công nghiệp hỗ trợ", "năng lượng tái tạo", "thủy sản",
              "giáo dục nghề nghiệp", "khoa học", "văn hóa", "lâm nghiệp", "giao thông nông thôn")
    docs: list[dict[str, Any]] = [
        _law("qh/2017/9", "09/2017/QH14", "2017-06-19", "Du lịch"),
        _decree(10, 2019, "Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí tham quan các điểm, khu "
                          "du lịch, di tích lịch sử, danh lam thắng cảnh, bảo tàng, thư viện, triển lãm"),
    ] + [_decree(100 + n, 2018, f"Nâng cao chất lượng dịch vụ, phát triển bền vững {fields[n % 10]} vùng {n}")
         for n in range(40)]
    # As in a national catalog, most titles share nothing with the task: "phát triển" is
    # in few titles, not in all.
    docs += [_decree(500 + n, 2016, f"Quy định xử phạt vi phạm hành chính lĩnh vực {n}") for n in range(1500)]
    kb = build_kb(tmp_path, docs, [])
    task = "Kế hoạch phát triển du lịch bền vững, nâng cao chất lượng dịch vụ năm 2025"
    everything = suggest(kb, task, province=QN, as_of=dt.date(2025, 2, 1), k=60)
    fee = next(s for s in everything if s.id == "cp/2019/nd/10")
    assert not fee.weak and sum(s.weak and s.score > fee.score for s in everything) >= 30, \
        [(s.id, round(s.score, 2), s.weak) for s in everything]
    for k in (3, 5, 10):
        assert {"qh/2017/9", "cp/2019/nd/10"} <= set(ids(suggest(kb, task, province=QN, as_of=dt.date(2025, 2, 1), k=k)))


def test_a_short_title_a_subject_link_names_is_found_beside_many_longer_ones(tmp_path: Path) -> None:
    """A task on city buses: Luật Đường bộ, titled "Đường bộ", is what the subject link
    ("xe buýt" -> "đường bộ") names, though 200 circulars share more of the task's words
    and 300 more hold "đường bộ" in longer titles: on the whole task it ranks 500th, below
    the title signal's pool."""
    docs: list[dict[str, Any]] = [_law("qh/2024/35", "35/2024/QH15", "2024-06-27", "Đường bộ",
                                       effective_date="2025-01-01")]
    docs += [{"id": f"bgtvt/2015/tt/{n}", "doc_type": "Thông tư", "symbol": f"{n}/2015/TT-BGTVT", "issuer": "BGTVT",
              "date": "2015-06-01",
              "title": f"Quy định về giá cước, vé tháng, thẻ điện tử, bảo hiểm hành khách và quản lý hoạt động vận tải "
                       f"hành khách công cộng bằng xe buýt tuyến số {n} tại các đô thị loại đặc biệt"}
             for n in range(1, 201)]
    docs += [{"id": f"bgtvt/2016/tt/{n}", "doc_type": "Thông tư", "symbol": f"{n}/2016/TT-BGTVT", "issuer": "BGTVT",
              "date": "2016-06-01", "title": f"Quy định về bảo trì kết cấu hạ tầng giao thông đường bộ tuyến quốc lộ số {n}"}
             for n in range(1, 301)]
    docs += [_decree(500 + n, 2016, f"Quy định xử phạt vi phạm hành chính lĩnh vực {n}") for n in range(2000)]
    kb = build_kb(tmp_path, docs, [])
    out = suggest(kb, "Quyết định ban hành Quy định quản lý hoạt động vận tải hành khách công cộng bằng xe buýt "
                      "trên địa bàn thành phố", province=QN, as_of=dt.date(2025, 5, 15), k=10)
    assert "qh/2024/35" in ids(out)[:3], [(s.id, round(s.score, 2), s.reasons) for s in out]
    law = out[ids(out).index("qh/2024/35")]
    assert any("“xe buýt”" in r for r in law.reasons), law.reasons


def test_a_circular_does_not_rest_on_other_ministries_circulars_where_the_kb_shows_none_do(tmp_path: Path) -> None:
    """Twelve circulars of the KB rest on laws and decrees, none on a circular: for the
    Ministry of Health's circular on health checks, the circulars of the Ministries of
    Public Security and Defence on health checks are siblings, below the law on the
    people's health, though their titles hold the subject whole."""
    docs: list[dict[str, Any]] = [
        _law("qh/1989/21", "21-LCT/HĐNN8", "1989-06-30", "Bảo vệ sức khỏe nhân dân"),
        _decree(95, 2022, "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Bộ Y tế"),
        {"id": "bca/2019/tt/45", "doc_type": "Thông tư", "symbol": "45/2019/TT-BCA", "issuer": "BCA",
         "date": "2019-10-02", "title": "Quy định về khám sức khỏe trong Công an nhân dân"},
        {"id": "bqp/2021/tt/37", "doc_type": "Thông tư", "symbol": "37/2021/TT-BQP", "issuer": "BQP",
         "date": "2021-03-31", "title": "Quy định về khám sức khỏe cho quân nhân"},
    ]
    edges: list[tuple[str, str, str, str | None]] = []
    for n in range(12):
        did = f"btc/2020/tt/{n + 1}"
        docs.append({"id": did, "doc_type": "Thông tư", "symbol": f"{n + 1}/2020/TT-BTC", "issuer": "BTC",
                     "date": "2020-05-01", "title": f"Hướng dẫn quản lý phí lĩnh vực {n}"})
        edges += [(did, "based_on", "cp/2022/nd/95", None), (did, "based_on", "qh/1989/21", None)]
    kb = build_kb(tmp_path, docs, edges)
    out = ids(suggest(kb, "Thông tư quy định về khám sức khỏe", issuer="Bộ Y tế", as_of=dt.date(2024, 5, 1), k=10))
    for sibling in ("bca/2019/tt/45", "bqp/2021/tt/37"):
        assert sibling not in out or out.index(sibling) > out.index("qh/1989/21"), out


def test_cache_follows_the_kb_version(kb: KnowledgeBase) -> None:
    first = suggester_for(kb)
    assert suggester_for(kb) is first
    kb.remove_source(LABEL)
    assert suggester_for(kb) is not first
    assert suggest(kb, TASK) == []


def test_empty_and_odd_queries_do_not_fail(kb: KnowledgeBase) -> None:
    assert suggest(kb, "") == [] or isinstance(suggest(kb, ""), list)
    suggest(kb, "/" * 10_000 + " 61/2018/NĐ-CP " + "a" * 50_000, k=3)


def test_thousands_of_documents_sharing_words_do_not_push_the_bases_down(tmp_path: Path) -> None:
    """3,000 decrees whose titles share the task's common words ("quản lý hành chính nhà
    nước") leave the task's bases on top. (Latency is measured on the national catalog by
    bench/suggest_eval.py, not timed here.)"""
    docs, edges = world()
    for n in range(3000):
        docs.append({"id": f"cp/2010/nd/{1000 + n}", "doc_type": "Nghị định", "symbol": f"{1000 + n}/2010/NĐ-CP",
                     "issuer": "CP", "date": "2010-01-01",
                     "title": f"Quy định chi tiết thi hành luật số {n} về quản lý hành chính nhà nước lĩnh vực {n % 37}"})
    kb = build_kb(tmp_path, docs, edges)
    sugg = Suggester(kb)
    top = ids(sugg.suggest(TASK, issuer="UBND", province=QN, as_of=dt.date(2021, 1, 1)))[:4]
    assert "cp/2018/nd/61" in top and "qh/2015/77" in top, top
    assert not any(t.startswith("cp/2010/") for t in top), top


# --- signals that hold for Vietnamese legal drafting in general --------------------------

def _law(did: str, symbol: str, date: str, title: str, **kw: Any) -> dict[str, Any]:
    return {"id": did, "doc_type": "Luật", "symbol": symbol, "issuer": "QH", "date": date, "title": title, **kw}


def _decree(n: int, year: int, title: str, month: int = 3) -> dict[str, Any]:
    return {"id": f"cp/{year}/nd/{n}", "doc_type": "Nghị định", "symbol": f"{n}/{year}/NĐ-CP", "issuer": "CP",
            "date": f"{year}-{month:02d}-15", "title": title}


def _ttg_decision(n: int, date: str, title: str, *, numbered_by_year: bool = False) -> dict[str, Any]:
    """A Quyết định of the Thủ tướng: "749/QĐ-TTg", or "200/1998/QĐ-TTg" (normative, before 2016)."""
    year = date[:4]
    return {"id": f"ttg/{year}/qd/{n}", "doc_type": "Quyết định", "issuer": "TTg", "date": date, "title": title,
            "symbol": f"{n}/{year}/QĐ-TTg" if numbered_by_year else f"{n}/QĐ-TTg"}


def _citing_decrees(first: int, count: int, year: int, title: str, bases: list[tuple[str, str]],
                    month: int = 3) -> tuple[list[dict[str, Any]], list[tuple[str, str, str, str | None]]]:
    """`count` decrees of `year` numbered from `first`, titled `title` with {n} filled, each
    resting on `bases` (law id, căn cứ sentence)."""
    docs = [_decree(first + n, year, title.format(n=n), month=month) for n in range(count)]
    return docs, [(d["id"], "based_on", law, sentence) for d in docs for law, sentence in bases]


def national() -> tuple[list[dict[str, Any]], list[tuple[str, str, str, str | None]]]:
    """Laws in two versions, an amending law, and decrees whose căn cứ follow the usual
    pattern: Luật Tổ chức Chính phủ (and its amending law), the law of the field and the
    laws cited with it."""
    docs: list[dict[str, Any]] = [
        _law("qh/2015/76", "76/2015/QH13", "2015-06-19", "Luật Tổ chức Chính phủ", effective_date="2016-01-01"),
        _law("qh/2025/63", "63/2025/QH15", "2025-02-18", "Luật Tổ chức Chính phủ", effective_date="2025-03-01"),
        _law("qh/2019/47", "47/2019/QH14", "2019-11-22",
             "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"),
        _law("qh/2013/45", "45/2013/QH13", "2013-11-29", "Đất đai", effective_date="2014-07-01"),
        _law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai", effective_date="2024-08-01"),
        _law("qh/2023/27", "27/2023/QH15", "2023-11-27", "Nhà ở"),
        _law("qh/2014/54", "54/2014/QH13", "2014-06-23", "Hải quan"),
        _law("qh/2024/43", "43/2024/QH15", "2024-06-29",
             "Luật sửa đổi, bổ sung một số điều của Luật Đất đai"),
    ]
    edges: list[tuple[str, str, str, str | None]] = [
        ("qh/2019/47", "amends", "qh/2015/76", None),
    ]
    # Decrees of 2016-2019 on customs: Luật Tổ chức Chính phủ + Luật Hải quan.
    for n in range(4):
        d = _decree(10 + n, 2016 + n, f"Quy định chi tiết thủ tục hải quan đối với hàng hóa loại {n}")
        docs.append(d)
        edges += [(d["id"], "based_on", "qh/2015/76", "Căn cứ Luật Tổ chức Chính phủ;"),
                  (d["id"], "based_on", "qh/2014/54", "Căn cứ Luật Hải quan;")]
    # Decrees of 2024 on land: Luật Đất đai 2024 with Luật Nhà ở; Luật Tổ chức Chính phủ
    # with the law amending it, as decrees of that year cite it.
    land, land_edges = _citing_decrees(20, 3, 2024, "Quy định về bồi thường khi thu hồi đất, trường hợp {n}",
                                       [("qh/2015/76", "Căn cứ Luật Tổ chức Chính phủ;"),
                                        ("qh/2019/47", "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ"
                                                       " và Luật Tổ chức chính quyền địa phương;"),
                                        ("qh/2024/31", "Căn cứ Luật Đất đai;"), ("qh/2023/27", "Căn cứ Luật Nhà ở;")],
                                       month=5)
    return docs + land, edges + land_edges


@pytest.fixture()
def nkb(tmp_path: Path) -> KnowledgeBase:
    return build_kb(tmp_path, *national())


def test_warming_changes_no_answer(nkb: KnowledgeBase) -> None:
    """A server warms its suggester and KB indexes before the first visitor
    (`Suggester.warm`, `KnowledgeBase.warm`): what queries would fill on first sight of a
    document, filled in advance, gives the answers a cold suggester gives."""
    tasks: list[tuple[str, dict[str, Any]]] = [
        ("Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai",
         {"issuer": "Chính phủ", "as_of": dt.date(2024, 7, 30)}),
        ("Quyết định về bồi thường khi thu hồi đất trên địa bàn tỉnh", {"province": QN, "issuer": "UBND"}),
        ("quy dinh chi tiet thu tuc hai quan", {}),
        ("Kế hoạch thực hiện Luật Nhà ở", {"as_of": dt.date(2024, 12, 1)}),
    ]
    cold = [Suggester(nkb).suggest(text, **options) for text, options in tasks]
    nkb.warm()
    warm = Suggester(nkb)
    warm.warm()
    assert [warm.suggest(text, **options) for text, options in tasks] == cold
    assert any(cold)


def test_a_law_named_in_the_title_is_resolved_to_its_version_at_as_of(nkb: KnowledgeBase) -> None:
    text = "Nghị định quy định chi tiết thi hành một số điều của Luật Đất đai"
    new = suggest(nkb, text, issuer="Chính phủ", as_of=dt.date(2024, 7, 30))
    assert "qh/2024/31" in ids(new)[:2]
    assert "qh/2013/45" not in ids(new)[:3]
    old = suggest(nkb, text, issuer="Chính phủ", as_of=dt.date(2020, 1, 1))
    assert "qh/2013/45" in ids(old)[:2] and "qh/2024/31" not in ids(old)


def test_the_law_of_the_field_is_found_without_the_word_luat(nkb: KnowledgeBase) -> None:
    out = suggest(nkb, "Nghị định quy định về thống kê, kiểm kê đất đai", issuer="CP", as_of=dt.date(2024, 9, 1))
    land = next(s for s in out if s.id == "qh/2024/31")
    assert any(r.startswith("luật của lĩnh vực") for r in land.reasons)
    assert ids(out).index("qh/2024/31") < 3


def test_passed_but_not_yet_in_force_is_flagged_and_kept_high(nkb: KnowledgeBase) -> None:
    out = suggest(nkb, "quy định chi tiết một số điều của Luật Đất đai", issuer="CP", as_of=dt.date(2024, 7, 30))
    assert "qh/2024/31" in ids(out)[:2]
    land = next(s for s in out if s.id == "qh/2024/31")
    assert land.flags and "chưa có hiệu lực" in land.flags[0]


def test_structural_basis_is_taken_in_its_version_in_force_at_as_of(nkb: KnowledgeBase) -> None:
    text = "Nghị định quy định về một việc mới"
    then = suggest(nkb, text, issuer="Chính phủ", as_of=dt.date(2020, 6, 1))
    assert ids(then)[0] == "qh/2015/76"
    assert "qh/2025/63" not in ids(then)
    now = suggest(nkb, text, issuer="Chính phủ", as_of=dt.date(2025, 7, 1))
    order = ids(now)
    assert order.index("qh/2025/63") < order.index("qh/2015/76")
    old = next(s for s in now if s.id == "qh/2015/76")
    assert any("Luật Tổ chức Chính phủ số 63/2025/QH15" in f and "cùng tên" in f for f in old.flags), old.flags
    new = next(s for s in now if s.id == "qh/2025/63")
    assert any(r.startswith("văn bản mới cùng tên, thay cho Luật Tổ chức Chính phủ") for r in new.reasons)
    assert new.citation == "Luật Tổ chức Chính phủ số 63/2025/QH15"
    # The amending law of the old version is not brought along once it is superseded.
    assert "qh/2019/47" not in order[:3]


def test_a_law_brings_its_amending_law_issued_by_as_of(nkb: KnowledgeBase) -> None:
    text = "Nghị định quy định về một việc mới"
    out = suggest(nkb, text, issuer="Chính phủ", as_of=dt.date(2021, 6, 1))
    order = ids(out)
    assert order[0] == "qh/2015/76" and order.index("qh/2019/47") < 3
    amending = out[order.index("qh/2019/47")]
    assert any(r.startswith("sửa đổi, bổ sung Luật Tổ chức Chính phủ") for r in amending.reasons)
    assert amending.citation.startswith("Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ")
    assert "qh/2019/47" not in ids(suggest(nkb, text, issuer="Chính phủ", as_of=dt.date(2019, 6, 1)))


def test_an_amending_law_is_linked_by_its_name(nkb: KnowledgeBase) -> None:
    """No amends edge: "Luật sửa đổi, bổ sung một số điều của Luật Đất đai" names the law."""
    out = suggest(nkb, "quy định chi tiết một số điều của Luật Đất đai", issuer="CP", as_of=dt.date(2024, 9, 1))
    amending = next(s for s in out if s.id == "qh/2024/43")
    assert any("sửa đổi, bổ sung Luật Đất đai" in r for r in amending.reasons)
    # Not for the 2013 law: the amending law is later than as_of.
    assert "qh/2024/43" not in ids(suggest(nkb, "quy định về Luật Đất đai", issuer="CP", as_of=dt.date(2020, 1, 1)))


def test_documents_resting_on_the_same_law_bring_their_other_bases(nkb: KnowledgeBase) -> None:
    out = suggest(nkb, "Nghị định quy định chi tiết một số điều của Luật Đất đai về giá đất", issuer="CP",
                  as_of=dt.date(2024, 9, 1))
    housing = next(s for s in out if s.id == "qh/2023/27")
    assert any(r.startswith("thường được căn cứ cùng Luật Đất đai") for r in housing.reasons)
    assert ids(out).index("qh/2023/27") < 5


# --- bases that follow from the issuer (data/structural_bases.json) -------------------------

_STRUCTURAL = vocab.load_table("structural_bases.json")


@pytest.fixture(scope="module")
def default_kb() -> KnowledgeBase:
    return build_default_kb(None)


@pytest.mark.parametrize(
    "example", [ex for rule in _STRUCTURAL["laws"] for ex in rule["examples"]],
    ids=lambda ex: f"{ex['issuer']}-{ex['type']}-{ex['date']}")
def test_issuer_law_examples_are_suggested_in_the_top_five(default_kb: KnowledgeBase, example: dict[str, Any],
                                                           tmp_path: Path) -> None:
    """A draft of that issuer and type about anything gets the law that sets up its issuer,
    in the version issued by its date, with the reason in words. A law the packaged catalog
    lacks (it holds the laws in force) is given in the example and asserted alone."""
    as_of = dt.date.fromisoformat(example["date"])
    kb = default_kb
    if "law" in example:
        law = example["law"]
        year = law["date"][:4]
        number = law["symbol"].split("/")[0]
        kb = build_kb(tmp_path, [_law(f"qh/{year}/{number}", law["symbol"], law["date"], example["cites"])], [])
    task = example.get("task") or f"{example['type']} về việc tổ chức thực hiện nhiệm vụ năm {as_of.year}"
    out = suggest(kb, task, issuer=example["issuer"], as_of=as_of, k=5)
    hit = next((s for s in out if s.citation.startswith(example["cites"])), None)
    assert hit is not None, [s.citation for s in out]
    assert hit.date is None or hit.date <= as_of
    # the rule's reason, or the issuer's practice the KB learned (the shipped catalog holds
    # the căn cứ of real resolutions of the Quốc hội, decrees, ...) when it is stronger
    assert any(r.startswith("căn cứ về thẩm quyền, tổ chức của cơ quan ban hành")
               or re.match(r"(mọi|hầu hết|\d+%) .* trong kho (đều )?căn cứ ", r) for r in hit.reasons), hit.reasons


def test_a_heading_that_names_its_own_number_is_read_for_its_subject(default_kb: KnowledgeBase) -> None:
    """Old headings run the issuer, number and date into the title. The symbol's codes are
    no subject words, nor is "Chính phủ số" the digital government (it brought Luật Công
    nghệ thông tin to a decree on housing): the heading gets what its subject gets."""
    heading = "NGHỊ ĐỊNH CỦA CHÍNH PHỦ SỐ 95-CP NGÀY 05 THÁNG 7 NĂM 2024 VỀ MUA BÁN VÀ KINH DOANH NHÀ Ở"
    plain = "Nghị định về mua bán và kinh doanh nhà ở"
    out = [ids(suggest(default_kb, text, issuer="CP", as_of=dt.date(2024, 7, 5)))[:5] for text in (heading, plain)]
    assert out[0] == out[1]
    assert "qh/2023/27" in out[0]


def test_a_ubnd_decision_issuing_rules_rests_on_the_law_on_legal_documents(tmp_path: Path) -> None:
    """A UBND's decision that issues rules ("ban hành Quy định ...") is normative: Luật Ban
    hành văn bản quy phạm pháp luật is among its bases (data/structural_bases.json 'when');
    its decision on one case ("phê duyệt danh mục ...") does not rest on it by that rule."""
    docs = [_law("qh/2015/80", "80/2015/QH13", "2015-06-22", "Ban hành văn bản quy phạm pháp luật"),
            _law("qh/2015/77", "77/2015/QH13", "2015-06-19", "Tổ chức chính quyền địa phương")]
    kb = build_kb(tmp_path, docs, [])

    def structural(task: str) -> bool:
        out = suggest(kb, task, issuer="UBND", province="Quảng Ngãi", as_of=dt.date(2024, 9, 20), k=10)
        return any(s.id == "qh/2015/80" and any(r.startswith("căn cứ về thẩm quyền") for r in s.reasons) for s in out)

    assert structural("Quyết định ban hành Quy định chi tiết về bồi thường, hỗ trợ, tái định cư khi thu hồi đất")
    assert not structural("Quyết định phê duyệt danh mục dự án thu hồi đất năm 2024")


@pytest.mark.parametrize("example", _STRUCTURAL["charter_examples"], ids=lambda ex: ex["issuer"])
def test_a_ministrys_circular_gets_the_decree_on_its_functions(default_kb: KnowledgeBase, example: dict[str, str]) -> None:
    as_of = dt.date.fromisoformat(example["date"])
    out = suggest(default_kb, "Thông tư quy định về lập, quản lý hồ sơ", issuer=example["issuer"], as_of=as_of, k=5)
    assert example["cites"] in [s.symbol for s in out]


@pytest.mark.parametrize("example", _STRUCTURAL["other_charter_examples"], ids=lambda ex: ex["title"][:40])
def test_another_agencys_charter_is_told_from_the_tasks_own(example: dict[str, Any]) -> None:
    from cancu.graph.suggest import charter_agency, same_agency

    task, title = charter_agency(example["task"]), charter_agency(example["title"])
    other = task is not None and title is not None and not same_agency(task, title)
    assert other == example["other"], (task, title)


def test_a_departments_charter_rests_on_the_decree_on_provincial_departments(default_kb: KnowledgeBase) -> None:
    """A reviewer's task: Sở Nội vụ's functions are set out under Nghị định 24/2014/NĐ-CP
    (as amended by 107/2020/NĐ-CP) on the UBND tỉnh's cơ quan chuyên môn; the ministries'
    charters, which share every other word of the title, are no basis of it."""
    out = suggest(default_kb, "Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Nội vụ "
                  "tỉnh Bình Định", issuer="UBND", province="Bình Định", as_of=dt.date(2021, 6, 1), k=5)
    assert {"24/2014/NĐ-CP", "107/2020/NĐ-CP"} <= {s.symbol for s in out}, [s.symbol for s in out]
    from cancu.graph.suggest import charter_agency
    assert not [s.symbol for s in out if (default_kb.get(s.id) and charter_agency(default_kb.get(s.id).title or ""))]


def test_a_charter_issued_after_as_of_is_not_suggested(default_kb: KnowledgeBase) -> None:
    """Bộ Nội vụ's functions were set out again in 63/2022/NĐ-CP: a circular of 2020 cannot
    rest on it (the packaged catalog does not hold the one before it)."""
    out = suggest(default_kb, "Thông tư quy định về lập, quản lý hồ sơ", issuer="BNV", as_of=dt.date(2020, 6, 1), k=10)
    assert "63/2022/NĐ-CP" not in [s.symbol for s in out]
    later = suggest(default_kb, "Thông tư quy định về lập, quản lý hồ sơ", issuer="BNV", as_of=dt.date(2023, 1, 1), k=10)
    assert "63/2022/NĐ-CP" in [s.symbol for s in later]


# --- pháp điển đề mục and laws cited by name and year ------------------------------------

def test_the_law_of_the_topic_of_similar_documents_is_suggested(tmp_path: Path) -> None:
    """Fee circulars are codified under "33.3 Phí và lệ phí" with Luật Phí và lệ phí; a new
    fee circular gets that law although its title names no law."""
    docs: list[dict[str, Any]] = [
        _law("qh/2015/97", "97/2015/QH13", "2015-11-25", "Phí và lệ phí", topics="33.3 Phí và lệ phí"),
        _law("qh/2009/39", "39/2009/QH12", "2009-11-23", "Người cao tuổi", topics="6.2 Người cao tuổi"),
    ]
    for n, subject in enumerate(("thăm quan bảo tàng", "thư viện", "thẩm định hồ sơ", "cấp giấy phép")):
        docs.append({"id": f"btc/2016/tt/{160 + n}", "doc_type": "Thông tư", "symbol": f"{160 + n}/2016/TT-BTC",
                     "issuer": "BTC", "date": "2016-10-15", "topics": "33.3 Phí và lệ phí",
                     "title": f"Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí {subject}"})
    kb = build_kb(tmp_path, docs, [])
    out = suggest(kb, "Thông tư quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí khai thác tài liệu đất đai",
                  issuer="Bộ Tài chính", as_of=dt.date(2024, 7, 31), k=5)
    fee_law = next((s for s in out if s.id == "qh/2015/97"), None)
    assert fee_law is not None, ids(out)
    assert any("33.3 Phí và lệ phí" in r for r in fee_law.reasons)
    assert "qh/2009/39" not in ids(out)
    # before the law existed, the topic brings nothing
    early = suggest(kb, "Thông tư quy định mức thu phí thư viện", issuer="BTC", as_of=dt.date(2014, 1, 1))
    assert "qh/2015/97" not in ids(early)


def test_the_law_with_an_article_on_the_subject_is_suggested(tmp_path: Path) -> None:
    """Bộ luật Dân sự's title names its field only; its Điều 471 is "Họ, hụi, biêu, phường",
    what a decree on rotating savings details. A law none of whose articles is on the subject
    is not offered, and an article matching one word of a longer heading weighs little."""
    docs: list[dict[str, Any]] = [
        _law("qh/2015/91", "91/2015/QH13", "2015-11-24", "Dân sự", doc_type="Bộ luật",
             headings=["Điều 1. Phạm vi điều chỉnh", "Điều 470. Thực hiện hợp đồng vay có kỳ hạn",
                       "Điều 471. Họ, hụi, biêu, phường", "Điều 472. Hợp đồng thuê tài sản"]),
        _law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai",
             headings=["Điều 1. Phạm vi điều chỉnh", "Điều 190. Hoạt động lấn biển",
                       "Điều 256. Giải quyết về hồ sơ địa chính tại phường"]),
        _law("qh/2015/76", "76/2015/QH13", "2015-06-19", "Tổ chức Chính phủ"),
    ]
    kb = build_kb(tmp_path, docs, [])
    out = suggest(kb, "Nghị định về họ, hụi, biêu, phường", as_of=dt.date(2019, 2, 1), k=5)
    assert ids(out)[:1] == ["qh/2015/91"], ids(out)
    assert any("Điều 471. Họ, hụi, biêu, phường" in r for r in out[0].reasons), out[0].reasons
    assert all(s.score < out[0].score / 2 for s in out[1:]), [(s.id, s.score) for s in out]
    sea = suggest(kb, "hoạt động lấn biển", as_of=dt.date(2025, 1, 1), k=5)
    assert ids(sea)[:1] == ["qh/2024/31"]
    # Whole as "Họ, hụi, biêu, phường" is, though the subject links add the words of the
    # laws on the sea to the query: an article heading is matched by the task's own words.
    assert sea[0].score == pytest.approx(out[0].score, rel=0.05), (sea[0].score, out[0].score)
    # "hợp đồng" folds to the "động" of "hoạt động": one word of a longer heading
    assert all(s.score < sea[0].score / 4 for s in sea[1:]), [(s.id, s.score) for s in sea]


def test_a_law_cited_by_name_and_year_before_its_number_is_one_law(tmp_path: Path) -> None:
    """"Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025" read before any text gave its
    number is a placeholder node; once the KB knows 63/2025/QH15, decrees citing either are
    counted for the law, and only the law is suggested."""
    docs: list[dict[str, Any]] = [
        _law("qh/2015/76", "76/2015/QH13", "2015-06-19", "Luật Tổ chức Chính phủ"),
        {"id": "qh/2025/63", "doc_type": "Luật", "symbol": "63/2025/QH15", "issuer": "QH",
         "aliases": "Luật Tổ chức Chính phủ"},
        {"id": "name/luat-to-chuc-chinh-phu-2025", "doc_type": "Luật", "date": "2025-02-18",
         "aliases": "Luật Tổ chức Chính phủ"},
    ]
    edges: list[tuple[str, str, str, str | None]] = []
    for n in range(4):
        d = _decree(100 + n, 2025, f"Quy định chi tiết về quản lý lĩnh vực số {n}", month=4 + n)
        docs.append(d)
        target = "qh/2025/63" if n == 0 else "name/luat-to-chuc-chinh-phu-2025"
        edges.append((d["id"], "based_on", target, "Căn cứ Luật Tổ chức Chính phủ ngày 18 tháng 02 năm 2025;"))
    kb = build_kb(tmp_path, docs, edges)
    sugg = Suggester(kb)
    assert sugg.canonical("name/luat-to-chuc-chinh-phu-2025") == "qh/2025/63"
    out = sugg.suggest("Nghị định quy định chi tiết về quản lý lĩnh vực mới", issuer="CP", as_of=dt.date(2025, 9, 1))
    assert "qh/2025/63" in ids(out)[:2]
    assert "name/luat-to-chuc-chinh-phu-2025" not in ids(out)
    law = next(s for s in out if s.id == "qh/2025/63")
    assert any("4 văn bản" in r or "mọi" in r for r in law.reasons), law.reasons


def test_a_law_amending_many_laws_follows_each_of_them_weakly(tmp_path: Path) -> None:
    """Luật Tổ chức Chính phủ brings the law amending it alone at the amending law's full
    share; the law amending 37 laws at once (the 2018 law on planning) comes far lower: at
    most half of that."""
    docs, edges = national()
    docs.append(_law("qh/2018/35", "35/2018/QH14", "2018-11-20",
                     "Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch"))
    edges.append(("qh/2018/35", "amends", "qh/2015/76", None))
    for n in range(36):
        other = f"qh/2010/{80 + n}"
        docs.append(_law(other, f"{80 + n}/2010/QH12", "2010-06-17", f"Luật lĩnh vực thứ {n}"))
        edges.append(("qh/2018/35", "amends", other, None))
    kb = build_kb(tmp_path, docs, edges)
    out = suggest(kb, "Nghị định quy định về một việc mới", issuer="Chính phủ", as_of=dt.date(2021, 6, 1), k=10)
    by_id = {s.id: s for s in out}
    assert "qh/2019/47" in by_id
    omnibus = by_id.get("qh/2018/35")
    assert omnibus is None or omnibus.score < by_id["qh/2019/47"].score / 2


def test_what_the_kb_saw_decides_how_closely_an_amending_law_follows_its_law(tmp_path: Path) -> None:
    """Luật 71/2014/QH13 ("... các luật về thuế") amends Luật Hải quan, but no decree on
    customs issued since rests on it: it no longer follows that law at an amending law's
    share. Luật Quy hoạch đô thị và nông thôn 2024 amends Luật Đất đai 2024 only in its
    final provisions, yet the decrees on land issued since rest on both: it follows that
    law closely."""
    docs, edges = national()
    docs += [_law("qh/2014/71", "71/2014/QH13", "2014-11-26", "Luật sửa đổi, bổ sung một số điều của các luật về thuế"),
             _law("qh/2024/47", "47/2024/QH15", "2024-11-26", "Quy hoạch đô thị và nông thôn")]
    edges += [("qh/2014/71", "amends", "qh/2014/54", None), ("qh/2024/47", "amends", "qh/2024/31", None)]
    land, land_edges = _citing_decrees(40, 3, 2025, "Quy định về giá đất khi thu hồi đất, trường hợp {n}",
                                       [("qh/2015/76", "Căn cứ Luật Tổ chức Chính phủ;"),
                                        ("qh/2024/31", "Căn cứ Luật Đất đai;"),
                                        ("qh/2024/47", "Căn cứ Luật Quy hoạch đô thị và nông thôn;")], month=9)
    kb = build_kb(tmp_path, docs + land, edges + land_edges)
    customs = {s.id: s.score for s in suggest(kb, "Nghị định quy định thủ tục hải quan đối với hàng hóa",
                                              issuer="Chính phủ", as_of=dt.date(2020, 6, 1), k=20)}
    assert "qh/2014/54" in customs, customs
    assert customs.get("qh/2014/71", 0.0) < customs["qh/2014/54"] / 4, customs
    land_out = {s.id: s.score for s in suggest(kb, "Nghị định quy định về bồi thường khi thu hồi đất",
                                               issuer="Chính phủ", as_of=dt.date(2025, 12, 1), k=20)}
    assert "qh/2024/31" in land_out, land_out
    assert land_out.get("qh/2024/47", 0.0) > land_out["qh/2024/31"] / 2, land_out


def test_a_decree_on_the_same_subject_is_no_basis_of_a_decree_where_the_kb_says_so(tmp_path: Path) -> None:
    """Decrees rest on laws, nearly never on another decree: a decree whose title is the
    task's is its predecessor or a sibling. Where the decrees of the KB rest on no decree,
    it keeps a small share of its score for a decree's drafter; where they often do, it
    keeps it all."""
    docs, edges = national()
    more, more_edges = _citing_decrees(60, 5, 2018, "Quy định về lệ phí trước bạ đối với tài sản loại {n}",
                                       [("qh/2015/76", "Căn cứ Luật Tổ chức Chính phủ;")])
    docs += more
    edges += more_edges
    task = "Nghị định quy định chi tiết thủ tục hải quan đối với hàng hóa loại 2"

    def peer_score(path: Path, resting_on_decrees: int) -> float:
        extra = [(d["id"], "based_on", "cp/2017/nd/11", "Căn cứ Nghị định số 11/2017/NĐ-CP;")
                 for d in more[:resting_on_decrees]]
        kb = build_kb(path, docs, edges + extra)
        out = {s.id: s.score for s in suggest(kb, task, issuer="Chính phủ", as_of=dt.date(2020, 6, 1), k=20)}
        assert "qh/2014/54" in out, out
        return out.get("cp/2018/nd/12", 0.0) / out["qh/2014/54"]

    rare, common = peer_score(tmp_path / "rare", 0), peer_score(tmp_path / "common", 4)
    assert common > 0, common
    assert rare < common / 2, (rare, common)


def test_a_local_draft_gets_the_circular_guiding_a_decree_beside_it(tmp_path: Path) -> None:
    """"Căn cứ Nghị định số 61/2018/NĐ-CP ...; Thông tư số 01/2018/TT-VPCP hướng dẫn thi
    hành ...": a province's plan on the one-stop shop gets the guiding circular beside the
    decree, though the circular's title says nothing of the task. A decree's drafter does
    not: a circular is no basis of a decree."""
    docs, edges = national()
    docs += [_decree(61, 2018, "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"),
             {"id": "vpcp/2018/tt/1", "doc_type": "Thông tư", "symbol": "01/2018/TT-VPCP", "issuer": "VPCP",
              "date": "2018-11-23", "title": "Hướng dẫn thi hành một số quy định của Nghị định số 61/2018/NĐ-CP"}]
    edges.append(("vpcp/2018/tt/1", "guides", "cp/2018/nd/61", None))
    kb = build_kb(tmp_path, docs, edges)
    task = "Kế hoạch thực hiện cơ chế một cửa, một cửa liên thông năm 2022"
    local = suggest(kb, task, issuer="UBND", province=QN, as_of=dt.date(2022, 1, 10), k=10)
    found = ids(local)
    assert "cp/2018/nd/61" in found and "vpcp/2018/tt/1" in found, found
    guide = next(s for s in local if s.id == "vpcp/2018/tt/1")
    assert guide.score > next(s for s in local if s.id == "cp/2018/nd/61").score / 3, [(s.id, s.score) for s in local]
    assert any(r.startswith("hướng dẫn Nghị định số 61/2018/NĐ-CP") for r in guide.reasons), guide.reasons
    before = suggest(kb, task, issuer="UBND", province=QN, as_of=dt.date(2018, 6, 1), k=10)
    assert "vpcp/2018/tt/1" not in ids(before)
    central = suggest(kb, "Nghị định " + task, issuer="Chính phủ", as_of=dt.date(2022, 1, 10), k=10)
    assert not any(r.startswith("hướng dẫn") for s in central for r in s.reasons), [s.reasons for s in central]


def test_without_as_of_the_draft_is_judged_on_todays_date(tmp_path: Path) -> None:
    """The national database's status is of its own day: Luật Lưu trữ 2024 was "chưa có
    hiệu lực" there, and has been in force since 01/7/2025. A drafter who gives no date
    writes today: the law is not flagged, and a scheme of 2020-2025 is over."""
    docs = [_law("qh/2024/33", "33/2024/QH15", "2024-06-21", "Lưu trữ", effective_date="2025-07-01",
                 status="Chưa có hiệu lực"),
            _ttg_decision(458, "2020-04-03", "Phê duyệt Đề án lưu trữ tài liệu điện tử của các cơ quan nhà nước "
                                             "giai đoạn 2020 - 2025")]
    kb = build_kb(tmp_path, docs, [])
    today = dt.date.today()
    assert today.year > 2025  # the test reads the clock: it holds from 2026 on
    out = {s.id: s for s in suggest(kb, "Kế hoạch lưu trữ tài liệu điện tử", issuer="UBND", province=QN, k=10)}
    assert not out["qh/2024/33"].flags, out["qh/2024/33"].flags
    assert any("kỳ thực hiện đã kết thúc" in f for f in out["ttg/2020/qd/458"].flags), out["ttg/2020/qd/458"].flags
    then = {s.id: s for s in suggest(kb, "Kế hoạch lưu trữ tài liệu điện tử", issuer="UBND", province=QN,
                                     as_of=dt.date(2025, 3, 1), k=10)}
    assert any("chưa có hiệu lực" in f for f in then["qh/2024/33"].flags), then["qh/2024/33"].flags


def test_a_central_programme_the_subject_links_name_is_a_local_plans_basis(tmp_path: Path) -> None:
    """"Kế hoạch phát triển chính quyền số" shares two words with "Chương trình chuyển đổi
    số quốc gia"; data/subject_links.json says chính quyền số is governed by chuyển đổi số
    quốc gia: the programme is what the province implements, said so, and it comes before
    documents that only share words with the task. A decree's drafter gets no such reason."""
    docs, edges = national()
    docs += [_ttg_decision(749, "2020-06-03", "Phê duyệt Chương trình chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030"),
             _ttg_decision(100, "2021-01-20", "Phê duyệt Đề án phát triển số lượng hội viên hội chính quyền cơ sở năm 2021")]
    kb = build_kb(tmp_path, docs, edges)
    task = "Kế hoạch phát triển chính quyền số năm 2023"
    out = suggest(kb, task, issuer="UBND", province=QN, as_of=dt.date(2022, 12, 20), k=10)
    order = ids(out)
    assert "ttg/2020/qd/749" in order, order
    assert "ttg/2021/qd/100" not in order or order.index("ttg/2020/qd/749") < order.index("ttg/2021/qd/100"), order
    programme = out[order.index("ttg/2020/qd/749")]
    assert any("“chuyển đổi số quốc gia”" in r and "“chính quyền số”" in r for r in programme.reasons), programme.reasons
    central = suggest(kb, "Nghị định phát triển chính quyền số", issuer="Chính phủ", as_of=dt.date(2022, 12, 20), k=10)
    assert not any("lĩnh vực của" in r for s in central for r in s.reasons)


def test_an_old_decision_no_recent_document_rests_on_is_flagged_and_lower(tmp_path: Path) -> None:
    """Quyết định 200/1998/QĐ-TTg set up a steering committee for administrative reform; no
    document of the last ten years rests on it, and a plan of 2022 should not: it is flagged
    for its validity to be checked, below the law. Once a recent document rests on it, it is
    a living basis again."""
    docs = [_law("qh/2015/77", "77/2015/QH13", "2015-06-19", "Tổ chức chính quyền địa phương"),
            _ttg_decision(200, "1998-10-14", "Về việc thành lập Ban Chỉ đạo cải cách hành chính của Chính phủ", numbered_by_year=True)]
    task = "Kế hoạch cải cách hành chính năm 2022"

    def old_one(path: Path, edges: list[tuple[str, str, str, str | None]], extra: list[dict[str, Any]]) -> Any:
        kb = build_kb(path, docs + extra, edges)
        out = suggest(kb, task, issuer="UBND", province=QN, as_of=dt.date(2021, 12, 20), k=10)
        return next(s for s in out if s.id == "ttg/1998/qd/200")

    alone = old_one(tmp_path / "alone", [], [])
    assert any("cần kiểm tra còn hiệu lực" in f for f in alone.flags), alone.flags
    cited = old_one(tmp_path / "cited", [("cp/2019/nd/20", "based_on", "ttg/1998/qd/200", "Căn cứ Quyết định số 200/1998/QĐ-TTg;")],
                    [_decree(20, 2019, "Quy định về kiểm soát thủ tục hành chính")])
    assert not cited.flags, cited.flags
    assert alone.score < cited.score * 0.75, (alone.score, cited.score)
    # So is one a recent document amends: amended, it was in force then (Nghị định
    # 63/2010/NĐ-CP on kiểm soát thủ tục hành chính, amended by 92/2017/NĐ-CP).
    amended = old_one(tmp_path / "amended", [("ttg/2019/qd/20", "amends", "ttg/1998/qd/200", None)],
                      [_ttg_decision(20, "2019-05-06", "Sửa đổi, bổ sung Quyết định số 200/1998/QĐ-TTg",
                                     numbered_by_year=True)])
    assert not amended.flags, amended.flags


@pytest.mark.parametrize("written,codes", [
    ("BỘ TÀI CHÍNH - BỘ CÔNG THƯƠNG", ["BTC", "BCT"]),
    ("BTC-BNNPTNT-BTNMT-BYT", ["BTC", "BNNPTNT", "BTNMT", "BYT"]),
    ("Bộ Tài chính và Bộ Khoa học và Công nghệ", ["BTC", "BKHCN"]),
    ("Bộ Nông nghiệp và Phát triển nông thôn", ["BNNPTNT"]),
    ("Bộ Lao động - Thương binh và Xã hội", ["BLĐTBXH"]),
    ("Bộ Văn hóa, Thể thao và Du lịch", ["BVHTTDL"]),
    ("Ủy ban nhân dân tỉnh Quảng Ngãi", ["UBND"]),
    # a header names the parent body above the issuing one
    ("BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN", ["TCHQ"]),
    ("UBND TỈNH QUẢNG NGÃI SỞ THÔNG TIN VÀ TRUYỀN THÔNG", ["STTTT"]),
    ("VĂN PHÒNG CHÍNH PHỦ", ["VPCP"]),
    ("ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI", ["UBND"]),
    ("BỘ TÀI CHÍNH VÀ BỘ CÔNG THƯƠNG", ["BTC", "BCT"]),
    ("BỘ TÀI CHÍNH BỘ CÔNG THƯƠNG", ["BTC"]),
])
def test_joint_issuers_are_read_one_by_one(written: str, codes: list[str]) -> None:
    from cancu.graph.suggest import issuer_codes

    assert issuer_codes(written) == codes


def test_a_joint_circular_gets_the_decree_on_the_functions_of_each_ministry(default_kb: KnowledgeBase) -> None:
    out = suggest(default_kb, "Thông tư liên tịch hướng dẫn thực hiện cơ chế một cửa quốc gia",
                  issuer="BỘ TÀI CHÍNH - BỘ CÔNG THƯƠNG", as_of=dt.date(2024, 6, 1), k=10)
    symbols = [s.symbol for s in out]
    assert "14/2023/NĐ-CP" in symbols and "98/2017/NĐ-CP" in symbols, symbols
    bct = out[symbols.index("98/2017/NĐ-CP")]
    assert any("Bộ Công Thương" in r for r in bct.reasons), bct.reasons


def test_a_law_replaced_after_as_of_is_offered_without_a_flag(default_kb: KnowledgeBase) -> None:
    """Luật Tổ chức chính quyền địa phương 77/2015 is out of force today (replaced in 2025,
    which the shipped catalog knows from the corpus manifest): a decision of 2020 still rests
    on it, unflagged; one of mid-2025 gets the 2025 law."""
    text = "Quyết định về việc tổ chức thực hiện nhiệm vụ của tỉnh"
    old = suggest(default_kb, text, issuer="UBND", as_of=dt.date(2020, 5, 4), k=5)
    law = next(s for s in old if s.id == "qh/2015/77")
    assert law.flags == []
    new = suggest(default_kb, text, issuer="UBND", as_of=dt.date(2025, 6, 1), k=5)
    assert "qh/2025/65" in ids(new)
    assert all(s.flags for s in new if s.id == "qh/2015/77")


def test_the_law_a_decree_details_is_not_learned_as_its_issuers_structure(tmp_path: Path) -> None:
    """Decrees detailing Luật Hải quan all rest on it, as on Luật Tổ chức Chính phủ; only
    the second is what every decree needs. A decree on another subject gets it alone."""
    docs, edges = national()
    for n in range(10, 14):  # the customs decrees of national() detail Luật Hải quan
        edges.append((f"cp/{2006 + n}/nd/{n}", "guides", "qh/2014/54", "quy định chi tiết Luật Hải quan"))
    kb = build_kb(tmp_path, docs, edges)
    out = suggest(kb, "Nghị định quy định về quản lý giống cây trồng", issuer="Chính phủ",
                  as_of=dt.date(2019, 6, 1), k=10)
    by_id = {s.id: s for s in out}
    assert any("Luật Tổ chức Chính phủ" in r for r in by_id["qh/2015/76"].reasons)
    customs = by_id.get("qh/2014/54")
    assert customs is None or not any("căn cứ Luật Hải quan" in r for r in customs.reasons), customs


# --- legal force, amending decrees, the earlier document on the same subject -------------

def _circular(n: int, year: int, title: str, issuer: str = "BTC") -> dict[str, Any]:
    return {"id": f"{issuer.lower()}/{year}/tt/{n}", "doc_type": "Thông tư", "symbol": f"{n}/{year}/TT-{issuer}",
            "issuer": issuer, "date": f"{year}-06-15", "title": title}


def test_a_decree_is_not_offered_a_circular_as_its_basis(tmp_path: Path) -> None:
    """A circular whose title matches the task word for word is of lower legal force than
    a decree: a decree's drafter gets the law first; a circular's drafter still gets it."""
    docs, edges = national()
    docs.append(_law("qh/2015/97", "97/2015/QH13", "2015-11-25", "Phí và lệ phí"))
    docs.append(_circular(85, 2019, "Hướng dẫn về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân"))
    kb = build_kb(tmp_path, docs, edges)
    task = "về phí và lệ phí thuộc thẩm quyền quyết định của Hội đồng nhân dân"
    for_decree = {s.id: s.score for s in suggest(kb, "Nghị định " + task, issuer="Chính phủ",
                                                 as_of=dt.date(2020, 6, 1), k=10)}
    for_circular = {s.id: s.score for s in suggest(kb, "Thông tư " + task, issuer="Bộ Tài chính",
                                                   as_of=dt.date(2020, 6, 1), k=10)}
    assert for_decree["qh/2015/97"] > for_decree.get("btc/2019/tt/85", 0.0) * 2, for_decree
    assert for_circular["btc/2019/tt/85"] > for_circular["qh/2015/97"] / 2, for_circular
    assert for_decree.get("btc/2019/tt/85", 0.0) < for_circular["btc/2019/tt/85"] / 2


def test_a_decree_brings_the_decree_amending_it(tmp_path: Path) -> None:
    """"Căn cứ Nghị định số 120/2016/NĐ-CP ...; Nghị định số 82/2023/NĐ-CP sửa đổi, bổ sung
    ...": a decree among the candidates brings the decree amending it issued by as_of."""
    docs, edges = national()
    docs += [_decree(120, 2016, "Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Phí và lệ phí"),
             _decree(82, 2023, "Sửa đổi, bổ sung một số điều của Nghị định số 120/2016/NĐ-CP", month=11)]
    edges.append(("cp/2023/nd/82", "amends", "cp/2016/nd/120", None))
    kb = build_kb(tmp_path, docs, edges)
    text = "Thông tư quy định mức thu, chế độ thu, nộp phí, hướng dẫn thi hành Luật Phí và lệ phí, Nghị định số 120/2016/NĐ-CP"
    out = suggest(kb, text, issuer="BTC", as_of=dt.date(2024, 7, 31), k=10)
    amending = next((s for s in out if s.id == "cp/2023/nd/82"), None)
    assert amending is not None, ids(out)
    assert any("Nghị định số 120/2016/NĐ-CP" in r for r in amending.reasons), amending.reasons
    before = suggest(kb, text, issuer="BTC", as_of=dt.date(2020, 1, 1), k=10)
    assert "cp/2023/nd/82" not in ids(before)


def test_the_earlier_document_on_the_same_subject_lends_its_bases(tmp_path: Path) -> None:
    """The earlier decree whose whole title is the task's ("đăng ký biện pháp bảo đảm") says
    more about its bases than one sharing only a rare word or two with it."""
    docs, edges = national()
    docs += [_law("qh/2015/91", "91/2015/QH13", "2015-11-24", "Bộ luật Dân sự", doc_type="Bộ luật"),
             _law("qh/2015/95", "95/2015/QH13", "2015-11-25", "Bộ luật Hàng hải Việt Nam", doc_type="Bộ luật"),
             _law("qh/2015/70", "70/2015/QH13", "2015-06-19", "Luật Đăng ký tàu biển khác")]
    registration = _decree(102, 2017, "Về đăng ký biện pháp bảo đảm")
    ships = _decree(171, 2016, "Quy định về đăng ký, xóa đăng ký và mua, bán, đóng mới tàu biển đăng ký")
    docs += [registration, ships]
    edges += [(registration["id"], "based_on", "qh/2015/91", "Căn cứ Bộ luật Dân sự;"),
              (registration["id"], "based_on", "qh/2015/95", "Căn cứ Bộ luật Hàng hải Việt Nam;"),
              (ships["id"], "based_on", "qh/2015/70", "Căn cứ Luật Đăng ký tàu biển khác;")]
    kb = build_kb(tmp_path, docs, edges)
    out = suggest(kb, "Nghị định về đăng ký biện pháp bảo đảm", issuer="CP", as_of=dt.date(2022, 11, 30), k=10)
    order = ids(out)
    assert "qh/2015/91" in order and "qh/2015/95" in order, order
    assert "qh/2015/70" not in order or order.index("qh/2015/70") > order.index("qh/2015/95")


def test_an_amending_law_lapses_with_the_laws_it_amends(tmp_path: Path) -> None:
    """Luật 47/2019 amended the 2015 laws on the Government and on local government; once
    both are replaced (2025), its amendments are gone with them: flagged and demoted. In
    2021 it is a basis like any other."""
    docs, edges = national()
    docs += [_law("qh/2015/77", "77/2015/QH13", "2015-06-19", "Luật Tổ chức chính quyền địa phương"),
             _law("qh/2025/65", "65/2025/QH15", "2025-02-19", "Luật Tổ chức chính quyền địa phương",
                  effective_date="2025-03-01")]
    edges += [("qh/2019/47", "amends", "qh/2015/77", None), ("qh/2025/65", "replaces", "qh/2015/77", None),
              ("qh/2019/47", "amends", "qh/2025/65", None)]  # a misread edge: nothing amends a later law
    # The decrees of 2024 rest on it: recent practice makes it a strong candidate.
    edges += [(f"cp/2024/nd/{n}", "based_on", "qh/2019/47", "Căn cứ Luật sửa đổi, bổ sung ...;") for n in (20, 21, 22)]
    kb = build_kb(tmp_path, docs, edges)
    text = "Nghị định quy định về một việc mới"
    then = {s.id: s for s in suggest(kb, text, issuer="Chính phủ", as_of=dt.date(2021, 6, 1), k=20)}
    assert then["qh/2019/47"].flags == []
    now = {s.id: s for s in suggest(kb, text, issuer="Chính phủ", as_of=dt.date(2025, 7, 1), k=20)}
    amending = now["qh/2019/47"]
    assert any("đã hết hiệu lực" in f for f in amending.flags), amending.flags
    assert amending.score < now["qh/2025/63"].score / 2


def _local_government_laws_of_2025() -> list[dict[str, Any]]:
    """65/2025/QH15 of 19/02/2025 and 72/2025/QH15, known by number only (no date)."""
    return [_law("qh/2025/65", "65/2025/QH15", "2025-02-19", "Luật Tổ chức chính quyền địa phương"),
            {"id": "qh/2025/72", "doc_type": "Luật", "symbol": "72/2025/QH15", "issuer": "QH",
             "title": "Luật Tổ chức chính quyền địa phương"}]


def _provincial_decision_first_basis(kb: KnowledgeBase, as_of: dt.date) -> str:
    """The first căn cứ offered to a province's decision of `as_of`."""
    return ids(suggest(kb, "Quyết định về việc tổ chức thực hiện nhiệm vụ của tỉnh", issuer="UBND",
                       as_of=as_of, k=5))[0]


def test_a_version_known_by_number_only_is_ordered_by_its_number(tmp_path: Path) -> None:
    """Luật Tổ chức chính quyền địa phương 72/2025/QH15 is known by number only (no date):
    it is later than 65/2025/QH15 of 19/02/2025, so a decision of 2026 rests on it; one of
    June 2025 cannot be sure it was issued yet and gets the dated 65/2025."""
    docs = [_law("qh/2015/77", "77/2015/QH13", "2015-06-19", "Luật Tổ chức chính quyền địa phương"),
            *_local_government_laws_of_2025()]
    kb = build_kb(tmp_path, docs, [])
    assert _provincial_decision_first_basis(kb, dt.date(2026, 1, 15)) == "qh/2025/72"
    assert _provincial_decision_first_basis(kb, dt.date(2025, 6, 1)) == "qh/2025/65"


def test_a_version_known_by_number_only_is_issued_once_a_dated_document_rests_on_it(tmp_path: Path) -> None:
    """A decree of 15/8/2025 rests on 72/2025/QH15 (no date known): a decision of September
    2025 gets it; one of June 2025, before that decree, still gets the dated 65/2025."""
    docs = [*_local_government_laws_of_2025(),
            _decree(226, 2025, "Sửa đổi, bổ sung một số điều của các nghị định về đất đai", month=8)]
    kb = build_kb(tmp_path, docs, [("cp/2025/nd/226", "based_on", "qh/2025/72",
                                    "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;")])
    assert _provincial_decision_first_basis(kb, dt.date(2025, 9, 15)) == "qh/2025/72"
    assert _provincial_decision_first_basis(kb, dt.date(2025, 6, 1)) == "qh/2025/65"


def test_a_version_known_by_number_only_was_issued_by_the_date_of_a_higher_number(tmp_path: Path) -> None:
    """Laws of a year are numbered in the order they are passed: the KB knows Luật
    75/2025/QH15 of 16/6/2025, so 72/2025/QH15 (number only) was passed by then. A decision
    of July 2025 rests on it, flagged that the KB knows only its number (its day of effect
    is to be checked), and a draft citing 65/2025 then is told of 72/2025; one of June 10
    still gets 65/2025."""
    from cancu.graph.lint import lint

    docs = [*_local_government_laws_of_2025(),
            _law("qh/2025/75", "75/2025/QH15", "2025-06-16", "Luật sửa đổi, bổ sung một số điều của Luật Quảng cáo")]
    kb = build_kb(tmp_path, docs, [])
    assert _provincial_decision_first_basis(kb, dt.date(2025, 6, 10)) == "qh/2025/65"
    july = suggest(kb, "Quyết định về việc tổ chức thực hiện nhiệm vụ của tỉnh", issuer="UBND",
                   as_of=dt.date(2025, 7, 5), k=5)
    assert july[0].id == "qh/2025/72", ids(july)
    assert july[0].flags == ["kho chỉ biết số của văn bản này (ban hành không muộn hơn ngày 16/6/2025): "
                             "cần kiểm tra ngày có hiệu lực"], july[0].flags
    report = lint(kb, "Căn cứ Luật Tổ chức chính quyền địa phương số 65/2025/QH15.", as_of=dt.date(2025, 7, 20))
    kinds = [p.kind for p in report.problems]
    assert kinds == ["replaced"] and "72/2025/QH15" in report.problems[0].message, report.problems
    assert "ban hành không muộn hơn ngày 16/6/2025; kho chưa biết ngày có hiệu lực" in report.problems[0].message


def test_a_document_without_number_or_date_is_offered_only_if_others_cite_it(tmp_path: Path) -> None:
    """An ingested draft ("Số: /KH-VP", no day) cannot be written in a căn cứ; a document
    without a number that other plans cite as written (an architecture framework) can."""
    docs = [{"id": "file/draft", "doc_type": "Kế hoạch", "issuer": "VP", "province": QN,
             "title": "Ứng dụng công nghệ thông tin, phát triển chính quyền số năm 2022"},
            {"id": "name/khung-kien-truc", "doc_type": "Khung kiến trúc", "issuer": "BTTTT",
             "title": "Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 2.0 về chính quyền số"},
            {"id": "ubnd.quang-ngai/2021/kh/9", "doc_type": "Kế hoạch", "symbol": "09/KH-UBND", "issuer": "UBND",
             "province": QN, "date": "2021-01-09", "title": "Phát triển chính quyền số tỉnh Quảng Ngãi"}]
    edges = [("ubnd.quang-ngai/2021/kh/9", "based_on", "name/khung-kien-truc", "Căn cứ Khung Kiến trúc ...;")]
    kb = build_kb(tmp_path, docs, edges)
    found = ids(suggest(kb, "Kế hoạch phát triển chính quyền số năm 2027", province=QN, k=10))
    assert "file/draft" not in found
    assert "name/khung-kien-truc" in found and "ubnd.quang-ngai/2021/kh/9" in found


def test_a_general_departments_decision_gets_the_decision_on_its_functions(tmp_path: Path) -> None:
    """The Tổng cục Hải quan signs decisions of its own; their căn cứ name the Prime
    Minister's decision on its functions, whose title says it is "trực thuộc Bộ Tài chính"."""
    docs = [_ttg_decision(65, "2015-12-17", "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Tổng cục "
                                            "Hải quan trực thuộc Bộ Tài chính", numbered_by_year=True),
            _ttg_decision(106, "2009-08-20", "Quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Tổng cục "
                                             "Dự trữ Nhà nước trực thuộc Bộ Tài chính", numbered_by_year=True)]
    kb = build_kb(tmp_path, docs, [])
    found = suggest(kb, "Quyết định ban hành quy trình kiểm tra sau thông quan", issuer="Tổng cục Hải quan",
                    as_of=dt.date(2020, 1, 1), k=5)
    assert ids(found)[:1] == ["ttg/2015/qd/65"], ids(found)
    assert any("thẩm quyền, tổ chức" in r for r in found[0].reasons), found[0].reasons
    # the unit's charter is not the ministry's: a circular of the Bộ Tài chính is not told so
    ministry = suggest(kb, "Thông tư quy định về thủ tục hải quan", issuer="Bộ Tài chính", as_of=dt.date(2020, 1, 1), k=5)
    assert not [s for s in ministry if any("thẩm quyền, tổ chức" in r for r in s.reasons)]


def test_a_task_naming_the_body_finds_the_decree_named_after_its_regime(tmp_path: Path) -> None:
    """Nobody in this KB has cited 61/2018/NĐ-CP yet: only data/subject_links.json tells that
    the 'Trung tâm Phục vụ hành chính công' is the one-stop shop the decree governs."""
    docs = [{"id": "cp/2018/nd/61", "doc_type": "Nghị định", "symbol": "61/2018/NĐ-CP", "issuer": "CP",
             "date": "2018-04-23",
             "title": "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"},
            {"id": "cp/2016/nd/100", "doc_type": "Nghị định", "symbol": "100/2016/NĐ-CP", "issuer": "CP",
             "date": "2016-07-01", "title": "Quy định về trang thiết bị y tế tại trạm y tế"}]
    kb = build_kb(tmp_path, docs, [])
    found = suggest(kb, "Mua sắm bàn ghế cho Trung tâm Phục vụ hành chính công", issuer="UBND", province=QN,
                    as_of=dt.date(2021, 8, 1), k=5)
    assert ids(found)[:1] == ["cp/2018/nd/61"], ids(found)
    assert any("một cửa" in r for r in found[0].reasons), found[0].reasons


def test_reasons_quote_no_pair_with_a_function_word() -> None:
    """"về cơ chế" matches the pairs "về cơ" and "cơ chế": only the second is a word."""
    from cancu.graph.suggest import _matched_words, terms

    q = terms("Quyết định về cơ chế, chính sách giải quyết việc làm")
    words = _matched_words("Về cơ chế, chính sách giải quyết việc làm cho người lao động", q)
    assert words == ["cơ chế", "chính sách", "giải quyết", "việc làm"]


def test_reasons_quote_no_words_naming_the_act() -> None:
    """"quy định" opens both the task and the title: the act, not a subject they share."""
    from cancu.graph.suggest import _matched_words, terms

    q = terms("Nghị quyết quy định mức thu học phí đối với cơ sở giáo dục công lập")
    words = _matched_words("Quy định phụ cấp đối với nhà giáo trong các cơ sở giáo dục công lập", q)
    assert "quy định" not in words and {"cơ sở", "giáo dục"} <= set(words), words


def test_reasons_quote_no_words_of_a_bodys_name() -> None:
    """"Ủy ban nhân dân cấp huyện" in the task and the title: "ban nhân" (a pair across the
    body's name, which the segmenter splits oddly) is no subject they share."""
    from cancu.graph.suggest import _matched_words, terms

    q = terms("Quyết định công bố thủ tục hành chính thuộc thẩm quyền của Ủy ban nhân dân cấp huyện")
    assert _matched_words("Hướng dẫn thu phí tại Ủy ban nhân dân cấp huyện", q) == ["cấp huyện"]


def test_reasons_quote_no_pair_straddling_two_words() -> None:
    """"dịch vụ công trực tuyến" holds the pair "công trực", two words' halves: the real
    word segmenter tells it apart from "dịch vụ" and "trực tuyến"."""
    from cancu.graph.suggest import _matched_words, terms

    q = terms("Kế hoạch cung cấp dịch vụ công trực tuyến năm 2027")
    words = _matched_words("Quy định về cung cấp dịch vụ công trực tuyến và cổng dịch vụ công quốc gia", q)
    assert "công trực" not in words and {"dịch vụ", "trực tuyến"} <= set(words), words


def test_a_plan_whose_period_is_over_ranks_lower_and_implements_nothing_for_later_drafts(tmp_path: Path) -> None:
    """A programme "giai đoạn 2016-2020" is flagged and ranked below a running one for a
    plan of 2026; the province's plan for 2021-2025 is offered under the decree it
    implements in 2023, not in 2026."""
    docs, edges = world()
    docs += [
        _ttg_decision(1819, "2015-10-26", "Phê duyệt Chương trình quốc gia về ứng dụng công nghệ thông tin trong "
                                          "hoạt động của cơ quan nhà nước giai đoạn 2016 - 2020"),
        _ttg_decision(749, "2020-06-03", "Phê duyệt Chương trình ứng dụng công nghệ thông tin trong hoạt động của "
                                         "cơ quan nhà nước đến năm 2025, định hướng đến năm 2030"),
        {"id": "ubnd.quang-ngai/2020/kh/151", "doc_type": "Kế hoạch", "symbol": "151/KH-UBND", "issuer": "UBND",
         "province": QN, "date": "2020-12-21",
         "title": "Thực hiện cơ chế một cửa, một cửa liên thông giai đoạn 2021-2025"},
    ]
    edges.append(("ubnd.quang-ngai/2020/kh/151", "implements", "cp/2018/nd/61", None))
    kb = build_kb(tmp_path, docs, edges)
    task = "Chương trình ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước"
    out = {s.id: s for s in suggest(kb, task, as_of=dt.date(2026, 3, 1), k=10)}
    assert out["ttg/2020/qd/749"].score > out["ttg/2015/qd/1819"].score
    assert any("2020" in f for f in out["ttg/2015/qd/1819"].flags) and not out["ttg/2020/qd/749"].flags
    early = suggest(kb, task, as_of=dt.date(2019, 3, 1), k=10)
    assert not next(s for s in early if s.id == "ttg/2015/qd/1819").flags

    one_stop = "cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"

    def plans(as_of: dt.date) -> set[str]:
        decree = next(s for s in suggest(kb, one_stop, province=QN, as_of=as_of, k=10) if s.id == "cp/2018/nd/61")
        return {p["id"] for p in decree.implemented_by}

    assert "ubnd.quang-ngai/2020/kh/151" in plans(dt.date(2023, 1, 1))
    assert "ubnd.quang-ngai/2020/kh/151" not in plans(dt.date(2026, 3, 1))


def test_what_names_the_act_matches_no_title(tmp_path: Path) -> None:
    """A decree amending the decrees on land is about land: another amending decree, on
    tax, shares only "sửa đổi, bổ sung một số điều của Nghị định" with it and is not offered."""
    docs = [
        _law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai"),
        _decree(102, 2024, "Quy định chi tiết thi hành một số điều của Luật Đất đai"),
        _decree(91, 2022, "Sửa đổi, bổ sung một số điều của Nghị định số 126/2020/NĐ-CP về quản lý thuế"),
    ]
    kb = build_kb(tmp_path, docs, [("cp/2024/nd/102", "based_on", "qh/2024/31", "Căn cứ Luật Đất đai;")])
    out = ids(suggest(kb, "Sửa đổi, bổ sung một số điều của các Nghị định quy định chi tiết thi hành Luật Đất đai",
                      issuer="CP", as_of=dt.date(2025, 6, 1), k=10))
    assert out[0] == "qh/2024/31"
    assert "cp/2022/nd/91" not in out


def test_a_local_draft_rests_on_the_version_in_force_and_is_told_of_the_new_one(nkb: KnowledgeBase) -> None:
    """A province's decision of March 2024 on land prices applies Luật Đất đai 2013, in force
    then; Luật Đất đai 2024, passed and not yet in force, comes with it, flagged. A decree
    detailing the new law at the same date still gets the new law first."""
    task = "Quyết định ban hành bảng giá đất trên địa bàn tỉnh"
    local = suggest(nkb, task, issuer="UBND", province=QN, as_of=dt.date(2024, 3, 1), k=5)
    assert ids(local)[:2] == ["qh/2013/45", "qh/2024/31"], ids(local)
    assert any("đang có hiệu lực" in r for r in local[0].reasons) and not local[0].flags
    assert local[1].flags and "chưa có hiệu lực" in local[1].flags[0]
    central = suggest(nkb, "Nghị định quy định chi tiết về giá đất", issuer="CP", as_of=dt.date(2024, 3, 1), k=10)
    assert ids(central).index("qh/2024/31") < ids(central).index("qh/2013/45")


def test_a_version_passed_after_as_of_lends_nothing_to_the_one_in_force(nkb: KnowledgeBase) -> None:
    """In 2019 Luật Đất đai 2024 did not exist: Luật Đất đai 2013 is offered as itself, not
    as "the version in force" of a law passed five years later."""
    got = suggest(nkb, "Quyết định ban hành bảng giá đất trên địa bàn tỉnh", issuer="UBND", province=QN,
                  as_of=dt.date(2019, 12, 20), k=5)
    assert "qh/2013/45" in ids(got) and "qh/2024/31" not in ids(got)
    law = got[ids(got).index("qh/2013/45")]
    assert not any("chưa có hiệu lực" in r or "31/2024" in r for r in law.reasons), law.reasons


def test_a_law_known_only_from_a_passing_mention_is_flagged_and_ranks_low(tmp_path: Path) -> None:
    """"công ty nhà nước thành lập theo Luật Doanh nghiệp nhà nước": the KB learns that law's
    name and nothing else (no number, no date, nobody's basis). It cannot be cited in full,
    so the law of the field that others rest on comes first and the named one is flagged."""
    docs = [_law("qh/2020/59", "59/2020/QH14", "2020-06-17", "Doanh nghiệp"),
            {"id": "name/luat-doanh-nghiep-nha-nuoc", "doc_type": "Luật", "title": "Doanh nghiệp nhà nước"},
            _decree(89, 2024, "Về chuyển đổi công ty nhà nước thành lập theo Luật Doanh nghiệp nhà nước", month=7)]
    edges = [("cp/2024/nd/89", "cites", "name/luat-doanh-nghiep-nha-nuoc",
              "công ty nhà nước thành lập theo Luật Doanh nghiệp nhà nước"),
             ("cp/2024/nd/89", "based_on", "qh/2020/59", "Căn cứ Luật Doanh nghiệp;")]
    for n in range(3):
        d = _decree(30 + n, 2021 + n, f"Quy định về quản lý doanh nghiệp, loại {n}")
        docs.append(d)
        edges.append((d["id"], "based_on", "qh/2020/59", "Căn cứ Luật Doanh nghiệp;"))
    kb = build_kb(tmp_path, docs, edges)
    out = suggest(kb, "Nghị định quản lý lao động, tiền lương trong doanh nghiệp nhà nước", issuer="CP",
                  as_of=dt.date(2025, 2, 28), k=10)
    found = ids(out)
    assert found[0] == "qh/2020/59", found
    named = next(s for s in out if s.id == "name/luat-doanh-nghiep-nha-nuoc")
    assert named.flags and "chưa rõ số, ngày ban hành" in named.flags[0]


def test_a_one_off_companion_of_a_law_is_not_brought_with_it(default_kb: KnowledgeBase) -> None:
    """Luật An toàn thông tin mạng is the base of few documents in the shipped KB; one of
    them, on business registration, also rests on Luật Chứng khoán. That one document does
    not make Luật Chứng khoán a companion of every plan on information security."""
    out = suggest(default_kb, "Kế hoạch bảo đảm an toàn thông tin mạng", issuer="UBND tỉnh Quảng Ngãi",
                  province=QN, as_of=dt.date(2026, 1, 15), k=10)
    found = ids(out)
    assert found[0] == "qh/2015/86", found
    assert "qh/2019/54" not in found, found


def test_a_short_subject_finds_the_document_whose_title_holds_it_whole(default_kb: KnowledgeBase) -> None:
    """"chuyển đổi số": the subject links add the words of e-government and IT documents to
    the query, and those are many and often cited; the national programme whose title
    holds the whole subject must still be among the first suggestions."""
    for query in ("chuyển đổi số", "chuyen doi so", "Kế hoạch chuyển đổi số tỉnh Quảng Ngãi năm 2026",
                  "ke hoach chuyen doi so tinh quang ngai nam 2026", "Kế hoạch chuyển đổi số trên địa bàn tỉnh năm 2026",
                  "ke hoach chuyen doi so tren dia ban tinh Quang Ngai",
                  "Kế hoạch chuyển đổi số trên địa bàn Thành phố Hồ Chí Minh năm 2026"):
        out = suggest(default_kb, query, issuer="UBND tỉnh Quảng Ngãi", province=QN, as_of=dt.date(2026, 1, 15), k=5)
        assert "ttg/2020/qd/749" in ids(out), (query, ids(out))


def test_the_law_setting_up_another_issuer_does_not_follow_the_subject(nkb: KnowledgeBase) -> None:
    """The decrees on land rest on Luật Tổ chức Chính phủ because the Chính phủ issues
    them; a province's decision on land prices rests on Luật Đất đai like them, but not on
    the Government's own law. A decree on the same subject still gets it."""
    local = ids(suggest(nkb, "Quyết định ban hành bảng giá đất", issuer="UBND", province=QN,
                        as_of=dt.date(2024, 9, 1), k=5))
    assert local[0] == "qh/2024/31", local
    assert not {"qh/2015/76", "qh/2025/63", "qh/2019/47"} & set(local), local
    central = ids(suggest(nkb, "Nghị định quy định về bảng giá đất", issuer="CP", as_of=dt.date(2024, 9, 1), k=10))
    assert "qh/2015/76" in central[:3], central


def test_a_province_without_an_issuer_is_a_local_draft_for_the_issuers_laws(nkb: KnowledgeBase) -> None:
    """`--province` with no `--issuer`: the draft is a local body's, so the decrees on land
    do not pass it Luật Tổ chức Chính phủ, as they do not for a UBND's."""
    local = ids(suggest(nkb, "Quyết định ban hành bảng giá đất", province=QN, as_of=dt.date(2024, 9, 1), k=5))
    assert local[0] == "qh/2024/31", local
    assert not {"qh/2015/76", "qh/2025/63", "qh/2019/47"} & set(local), local


def test_a_structural_basis_is_learned_only_from_documents_issued_by_as_of(tmp_path: Path) -> None:
    """One BTC circular of 2014 on goods left at customs rests on Luật Thương mại; the
    ministry's circulars of 2020 rest on Luật Hải quan. For a circular of 2015 the KB holds
    one earlier circular: too few to say what "every circular of the ministry" cites. (The
    task is on customs: a learned basis counts as far as the task shows its subject.)"""
    docs = [_law("qh/2005/36", "36/2005/QH11", "2005-06-14", "Thương mại"),
            _law("qh/2014/54", "54/2014/QH13", "2014-06-23", "Hải quan"),
            _circular(203, 2014, "Hướng dẫn xử lý hàng hóa tồn đọng tại cảng")]
    edges = [("btc/2014/tt/203", "based_on", "qh/2005/36", "Căn cứ Luật Thương mại;"),
             ("btc/2014/tt/203", "based_on", "qh/2014/54", "Căn cứ Luật Hải quan;")]
    for n in range(3):
        d = _circular(10 + n, 2020, f"Quy định thủ tục hải quan đối với hàng hóa loại {n}")
        docs.append(d)
        edges.append((d["id"], "based_on", "qh/2014/54", "Căn cứ Luật Hải quan;"))
    kb = build_kb(tmp_path, docs, edges)

    def learned(as_of: dt.date) -> set[str]:
        out = suggest(kb, "Thông tư quy định về chứng chỉ nghiệp vụ khai hải quan", issuer="BTC", as_of=as_of, k=10)
        return {s.id for s in out if any("Thông tư của Bộ Tài chính" in r and "trong kho" in r for r in s.reasons)}

    assert learned(dt.date(2015, 1, 30)) == set()
    assert learned(dt.date(2021, 1, 1)) == {"qh/2014/54"}


def test_an_amending_law_follows_its_law_more_than_one_amending_it_in_passing(tmp_path: Path) -> None:
    """Luật Quy hoạch 2017 amends Luật Công nghệ thông tin in its final provisions; Luật
    sửa đổi ... Luật Công nghệ thông tin is an amending law. A task on IT brings the latter
    along with the law; the planning law stays below it."""
    docs = [_law("qh/2006/67", "67/2006/QH11", "2006-06-29", "Công nghệ thông tin"),
            _law("qh/2017/21", "21/2017/QH14", "2017-11-24", "Quy hoạch"),
            _law("qh/2022/1", "01/2022/QH15", "2022-01-11",
                 "Luật sửa đổi, bổ sung một số điều của Luật Công nghệ thông tin")]
    edges = [("qh/2017/21", "amends", "qh/2006/67", "Sửa đổi, bổ sung Luật Công nghệ thông tin"),
             ("qh/2022/1", "amends", "qh/2006/67", None)]
    kb = build_kb(tmp_path, docs, edges)
    out = suggest(kb, "Kế hoạch ứng dụng công nghệ thông tin năm 2024", issuer="UBND", province=QN,
                  as_of=dt.date(2024, 1, 15), k=5)
    found = ids(out)
    assert found[:2] == ["qh/2006/67", "qh/2022/1"], found
    score = {s.id: s.score for s in out}
    assert score.get("qh/2017/21", 0.0) < score["qh/2022/1"] / 2


def test_the_document_a_draft_amends_is_flagged_not_offered_as_its_basis(nkb: KnowledgeBase) -> None:
    """"Nghị định sửa đổi, bổ sung một số điều của Nghị định số 20/2024/NĐ-CP": the amending
    decree rests on what 20/2024 rested on (Luật Đất đai), not on 20/2024 itself."""
    out = suggest(nkb, "Nghị định sửa đổi, bổ sung một số điều của Nghị định số 20/2024/NĐ-CP quy định về bồi "
                       "thường khi thu hồi đất", issuer="CP", as_of=dt.date(2024, 9, 1), k=10)
    found = ids(out)
    assert found[0] in ("qh/2024/31", "qh/2015/76"), found
    amended = next((s for s in out if s.id == "cp/2024/nd/20"), None)
    assert amended is None or (found.index("cp/2024/nd/20") > found.index("qh/2024/31")
                               and any("dự thảo sửa đổi, bổ sung" in f for f in amended.flags))


def test_the_issuers_own_law_not_yet_in_force_yields_to_the_one_in_force(tmp_path: Path) -> None:
    """Luật Tổ chức Chính phủ 2025 was passed on 18/02/2025 and took effect on 01/3/2025. A
    decree signed on 28/02/2025 draws its power from the 2015 law in force that day, even
    though a decree may detail a subject law before it takes effect; the decrees on land of
    later in 2025, which rest on the 2025 law, do not change that."""
    docs, edges = national()
    for n in range(3):
        d = _decree(200 + n, 2025, f"Quy định về bồi thường khi thu hồi đất, trường hợp {n}", month=9)
        docs.append(d)
        edges += [(d["id"], "based_on", "qh/2025/63", "Căn cứ Luật Tổ chức Chính phủ;"),
                  (d["id"], "based_on", "qh/2024/31", "Căn cứ Luật Đất đai;")]
    kb = build_kb(tmp_path, docs, edges)
    out = suggest(kb, "Nghị định quy định về bồi thường khi thu hồi đất", issuer="CP", as_of=dt.date(2025, 2, 28),
                  k=10)
    order = ids(out)
    assert order.index("qh/2015/76") < 2 and order.index("qh/2025/63") >= 5, order
    new = next(s for s in out if s.id == "qh/2025/63")
    assert new.flags and "chưa có hiệu lực" in new.flags[0]


def test_an_undated_document_numbered_through_the_term_is_not_older_than_a_lower_number(tmp_path: Path) -> None:
    """Resolutions "…/NQ-UBTVQH15" are numbered through the legislature's term. The KB knows
    1567/NQ-UBTVQH15 of 21/3/2025 and 1636/NQ-UBTVQH15 without a date: 1636 came later, so
    it is no basis for a decree of July 2024, and it is one for a decree of August 2025."""
    docs = [{"id": "ubtvqh/2025/nq/1567", "doc_type": "Nghị quyết", "symbol": "1567/NQ-UBTVQH15", "issuer": "UBTVQH",
             "date": "2025-03-21", "title": "Về việc đồng ý giảm tiền thuê đất năm 2024"},
            {"id": "name/nghi-quyet-1636-nq-ubtvqh15", "doc_type": "Nghị quyết", "symbol": "1636/NQ-UBTVQH15",
             "issuer": "UBTVQH", "title": "Về các trường hợp khác được miễn, giảm tiền sử dụng đất, tiền thuê đất"},
            _law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai")]
    edges = [("name/nghi-quyet-1636-nq-ubtvqh15", "based_on", "qh/2024/31", "Căn cứ Luật Đất đai;")]
    kb = build_kb(tmp_path, docs, edges)
    task = "Nghị định quy định về tiền sử dụng đất, tiền thuê đất"
    assert "name/nghi-quyet-1636-nq-ubtvqh15" not in ids(suggest(kb, task, issuer="CP", as_of=dt.date(2024, 7, 30)))
    assert "name/nghi-quyet-1636-nq-ubtvqh15" in ids(suggest(kb, task, issuer="CP", as_of=dt.date(2025, 8, 1)))


def test_only_the_first_document_after_the_amending_words_is_amended(kb: KnowledgeBase) -> None:
    """"Thông tư sửa đổi, bổ sung Thông tư số 01/2018/TT-VPCP hướng dẫn thi hành Nghị định
    số 61/2018/NĐ-CP": the circular is amended; the decree it guides is named, a basis."""
    out = suggest(kb, "Thông tư sửa đổi, bổ sung một số điều của Thông tư số 01/2018/TT-VPCP hướng dẫn thi hành "
                      "Nghị định số 61/2018/NĐ-CP", issuer="VPCP", as_of=dt.date(2021, 8, 1), k=10)
    decree = next(s for s in out if s.id == "cp/2018/nd/61")
    assert "được nêu trong nội dung cần soạn" in decree.reasons
    assert not any("dự thảo sửa đổi" in f for f in decree.flags)
    assert ids(out).index("cp/2018/nd/61") < 2


def test_a_law_not_yet_in_force_that_sets_up_another_issuer_is_a_subject_like_any(tmp_path: Path) -> None:
    """Luật Ban hành văn bản quy phạm pháp luật sets up nobody the Chính phủ is: a decree
    detailing it before it takes effect rests on it like on any subject law (85 %)."""
    docs = [_law("qh/2015/80", "80/2015/QH13", "2015-06-22", "Ban hành văn bản quy phạm pháp luật",
                 effective_date="2016-07-01"),
            _law("qh/2015/76", "76/2015/QH13", "2015-06-19", "Luật Tổ chức Chính phủ", effective_date="2016-01-01")]
    kb = build_kb(tmp_path, docs, [])
    out = suggest(kb, "Nghị định quy định chi tiết một số điều và biện pháp thi hành Luật Ban hành văn bản quy phạm "
                      "pháp luật", issuer="CP", as_of=dt.date(2016, 5, 14), k=5)
    first = out[0]
    assert first.id == "qh/2015/80", ids(out)
    assert first.flags and "chưa có hiệu lực" in first.flags[0]
    assert first.score > 1.5


def test_a_subject_law_learned_as_every_decrees_basis_needs_a_sign_of_the_subject(nkb: KnowledgeBase) -> None:
    """Every decree of 2016-2019 in this KB is on customs and rests on Luật Hải quan, as in
    a KB built from customs decrees. A decree on fertilisers has nothing of customs but the
    "quy định" of the customs decrees' titles: Luật Hải quan is no basis every decree needs,
    and counts as far as the task shows its subject (here, about half). A decree on customs
    procedures still gets it first, and Luật Tổ chức Chính phủ, which sets up the issuer,
    needs no such sign."""
    other = suggest(nkb, "Nghị định quy định về quản lý phân bón", issuer="Chính phủ", as_of=dt.date(2019, 6, 1), k=5)
    assert ids(other)[:1] == ["qh/2015/76"], ids(other)
    customs_law = next((s for s in other if s.id == "qh/2014/54"), None)
    assert customs_law is None or customs_law.score < 0.7 * other[0].score, [(s.id, s.score) for s in other]
    customs = suggest(nkb, "Nghị định quy định về thủ tục hải quan đối với hàng hóa xuất khẩu", issuer="Chính phủ",
                      as_of=dt.date(2019, 6, 1), k=5)
    assert set(ids(customs)[:2]) == {"qh/2014/54", "qh/2015/76"}, ids(customs)


def test_a_word_no_document_has_still_counts_in_the_query(nkb: KnowledgeBase) -> None:
    """No title of the KB holds "phân bón" or "vi sinh": a document matching the rest of the
    task matches it less than one matching all of a task without them. The match is measured
    against all the task's words, not only against the words the KB knows."""
    known = suggest(nkb, "Quy định chi tiết thủ tục hải quan", as_of=dt.date(2019, 6, 1), k=3)
    unknown = suggest(nkb, "Quy định chi tiết thủ tục hải quan đối với phân bón vi sinh", as_of=dt.date(2019, 6, 1), k=3)
    top = {s.id: s.score for s in known}
    assert unknown[0].id in top
    assert unknown[0].score < 0.8 * top[unknown[0].id], (unknown[0], top)


def test_the_constitution_binds_every_issuer(tmp_path: Path) -> None:
    """The Hiến pháp is the first căn cứ of the Quốc hội's resolutions, but no law that
    sets up the Quốc hội alone: the resolutions of its Standing Committee on a subject rest
    on it too, and a new one is offered it with them (two of them: too few to learn it as
    what every resolution of the Committee rests on)."""
    docs: list[dict[str, Any]] = [
        {"id": "hien-phap/2013", "doc_type": "Hiến pháp", "issuer": "QH", "date": "2013-11-28",
         "title": "nước Cộng hòa xã hội chủ nghĩa Việt Nam"},  # as the KB names it
        _law("qh/2014/57", "57/2014/QH13", "2014-11-20", "Tổ chức Quốc hội"),
    ]
    edges: list[tuple[str, str, str, str | None]] = []
    for n in range(2):
        did = f"ubtvqh/2016/nq/{100 + n}"
        docs.append({"id": did, "doc_type": "Nghị quyết", "symbol": f"{100 + n}/2016/UBTVQH14", "issuer": "UBTVQH",
                     "date": "2016-06-01", "title": f"Về giải quyết khiếu nại về bầu cử đại biểu, đợt {n}"})
        edges += [(did, "based_on", "hien-phap/2013", "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;"),
                  (did, "based_on", "qh/2014/57", "Căn cứ Luật Tổ chức Quốc hội;")]
    kb = build_kb(tmp_path, docs, edges)
    out = suggest(kb, "Nghị quyết về giải quyết khiếu nại về bầu cử đại biểu", issuer="UBTVQH",
                  as_of=dt.date(2017, 1, 1), k=5)
    assert "hien-phap/2013" in ids(out)[:2], ids(out)


def test_a_local_draft_gets_the_central_document_on_its_subject(tmp_path: Path) -> None:
    """A province's decision on fines for land offences rests on the decree on them, which
    no document of this KB cites yet: it comes with the laws on the field and on fines,
    before the laws the decrees on other fines also cite (Luật Thanh tra). For a decree of
    the Chính phủ on the same subject that decree is its predecessor, not its basis, and it
    gets no such lift."""
    docs: list[dict[str, Any]] = [
        _law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai"),
        _law("qh/2012/15", "15/2012/QH13", "2012-06-20", "Xử lý vi phạm hành chính"),
        _law("qh/2015/77", "77/2015/QH13", "2015-06-19", "Tổ chức chính quyền địa phương"),
        _law("qh/2022/11", "11/2022/QH15", "2022-11-14", "Thanh tra"),
        _decree(123, 2024, "Quy định về xử phạt vi phạm hành chính trong lĩnh vực đất đai", month=10),
    ]
    fines, edges = _citing_decrees(30, 4, 2024, "Quy định xử phạt vi phạm hành chính trong lĩnh vực thứ {n}",
                                   [("qh/2012/15", "Căn cứ Luật Xử lý vi phạm hành chính;"),
                                    ("qh/2024/31", "Căn cứ Luật Đất đai;"), ("qh/2022/11", "Căn cứ Luật Thanh tra;")],
                                   month=5)
    kb = build_kb(tmp_path, docs + fines, edges)
    text = "Quyết định quy định xử phạt vi phạm hành chính trong lĩnh vực đất đai trên địa bàn tỉnh Quảng Ngãi"
    local = suggest(kb, text, issuer="UBND tỉnh Quảng Ngãi", province=QN, as_of=dt.date(2025, 3, 1), k=6)
    decree = next((s for s in local if s.id == "cp/2024/nd/123"), None)
    assert decree is not None, ids(local)
    assert "qh/2022/11" not in ids(local) or ids(local).index("cp/2024/nd/123") < ids(local).index("qh/2022/11"), \
        [(s.id, round(s.score, 2)) for s in local]
    assert any("văn bản trung ương cùng nội dung" in r for r in decree.reasons), decree.reasons
    central = suggest(kb, "Nghị định quy định về xử phạt vi phạm hành chính trong lĩnh vực đất đai", issuer="Chính phủ",
                      as_of=dt.date(2025, 3, 1), k=5)
    # A subject the KB has no word of ("zzzqua") is no field the decree on land shares.
    other = suggest(kb, "Quyết định quy định xử phạt vi phạm hành chính trong lĩnh vực zzzqua", issuer="UBND",
                    province=QN, as_of=dt.date(2025, 3, 1), k=6)
    assert not any("trung ương cùng nội dung" in r for s in other for r in s.reasons), [s.reasons for s in other]
    before = next((s for s in central if s.id == "cp/2024/nd/123"), None)
    assert before is None or not any("trung ương cùng nội dung" in r for r in before.reasons)
    assert before is None or before.score < decree.score, (before, decree)


def test_an_accented_task_tells_words_that_fold_alike_apart(tmp_path: Path) -> None:
    """"thuế" (tax) and "thuê" (rent) fold alike. A task typed with accents matches the
    title with its own words first and the other one much less; typed without accents it
    matches both alike."""
    docs = [_decree(10, 2020, "Quy định về mức thuế đất nông nghiệp"),
            _decree(11, 2020, "Quy định về mức thuê đất nông nghiệp")]
    kb = build_kb(tmp_path, docs, [])
    tax = {s.id: s.score for s in suggest(kb, "mức thuế đất nông nghiệp", as_of=dt.date(2021, 1, 1), k=5)}
    assert tax["cp/2020/nd/10"] > 1.2 * tax.get("cp/2020/nd/11", 0.0), tax
    rent = {s.id: s.score for s in suggest(kb, "mức thuê đất nông nghiệp", as_of=dt.date(2021, 1, 1), k=5)}
    assert rent["cp/2020/nd/11"] > 1.2 * rent.get("cp/2020/nd/10", 0.0), rent
    plain = {s.id: s.score for s in suggest(kb, "muc thue dat nong nghiep", as_of=dt.date(2021, 1, 1), k=5)}
    assert plain["cp/2020/nd/10"] == pytest.approx(plain["cp/2020/nd/11"]), plain
    # A word typed without accents in an accented task matches either.
    mixed = {s.id: s.score for s in suggest(kb, "mức thue đất nông nghiệp", as_of=dt.date(2021, 1, 1), k=5)}
    assert mixed["cp/2020/nd/10"] == pytest.approx(mixed["cp/2020/nd/11"]), mixed
    assert mixed["cp/2020/nd/10"] == pytest.approx(tax["cp/2020/nd/10"]), (mixed, tax)


def test_an_accented_task_matches_article_headings_by_their_accents(tmp_path: Path) -> None:
    """"xử lý phân bón" (fertiliser) shares "xử lý" with "Xử lý phần vốn góp" (a share of
    capital), not "phần": typed with accents it matches the heading less than typed
    without, when "phan bon" may be "phần bón"."""
    docs = [_law("qh/2014/69", "69/2014/QH13", "2014-11-26", "Quản lý, sử dụng vốn nhà nước",
                 headings=["Điều 1. Phạm vi điều chỉnh", "Điều 53. Xử lý phần vốn góp"])]
    kb = build_kb(tmp_path, docs, [])

    def score(query: str) -> float:
        out = suggest(kb, query, as_of=dt.date(2020, 1, 1), k=3)
        assert ids(out) == ["qh/2014/69"] and any("Điều 53" in r for r in out[0].reasons), out
        return out[0].score
    assert score("xử lý phần vốn góp") == pytest.approx(score("xu ly phan von gop"))
    assert score("xử lý phân bón") < 0.8 * score("xu ly phan bon")


def test_an_unmarked_syllable_beside_a_marked_one_is_the_word_as_written(tmp_path: Path) -> None:
    """"thanh niên" (youth) typed with its marks is not "thành niên" (of age), though the
    task's "thành phố" writes the syllable "thành": the heading "Người thành niên" of the
    Civil Code is no article on the task's subject. Typed without any mark, it may be."""
    docs = [_law("qh/2015/91", "91/2015/QH13", "2015-11-24", "Dân sự",
                 headings=["Điều 1. Phạm vi điều chỉnh", "Điều 20. Người thành niên"]),
            _law("qh/2020/57", "57/2020/QH14", "2020-06-16", "Thanh niên")]
    kb = build_kb(tmp_path, docs, [])

    def heading_shown(query: str) -> bool:
        out = suggest(kb, query, as_of=dt.date(2020, 10, 1), k=5)
        assert ids(out)[0] == "qh/2020/57", out
        return any("Người thành niên" in r for s in out for r in s.reasons)
    assert not heading_shown("Kế hoạch triển khai thi hành Luật Thanh niên trên địa bàn thành phố")
    assert heading_shown("ke hoach trien khai thi hanh luat thanh nien tren dia ban thanh pho")


def test_a_decree_detailing_a_law_lapses_with_it(tmp_path: Path) -> None:
    """Nghị định 209/2013/NĐ-CP details Luật Thuế giá trị gia tăng 2008, replaced from
    01/7/2025: a draft of August 2025 is told it is gone (suggest flags it, lint says
    expired); a draft of 2020 rests on it."""
    from cancu.graph.lint import lint

    docs = [
        _law("qh/2008/13", "13/2008/QH12", "2008-06-03", "Thuế giá trị gia tăng", effective_date="2009-01-01"),
        _law("qh/2024/48", "48/2024/QH15", "2024-11-26", "Thuế giá trị gia tăng", effective_date="2025-07-01"),
        {"id": "cp/2013/nd/209", "doc_type": "Nghị định", "symbol": "209/2013/NĐ-CP", "issuer": "CP",
         "date": "2013-12-18", "title": "Quy định chi tiết và hướng dẫn thi hành một số điều Luật thuế giá trị gia tăng"},
    ]
    edges: list[tuple[str, str, str, str | None]] = [("qh/2024/48", "replaces", "qh/2008/13", None),
                                                     ("cp/2013/nd/209", "guides", "qh/2008/13", None)]
    kb = build_kb(tmp_path, docs, edges)
    task = "Thông tư hướng dẫn thuế giá trị gia tăng"
    late = {s.id: s for s in suggest(kb, task, issuer="BTC", as_of=dt.date(2025, 8, 1), k=10)}
    assert "cp/2013/nd/209" not in late or any("quy định chi tiết" in f for f in late["cp/2013/nd/209"].flags)
    early = {s.id: s for s in suggest(kb, task, issuer="BTC", as_of=dt.date(2020, 8, 1), k=10)}
    assert "cp/2013/nd/209" in early and not early["cp/2013/nd/209"].flags
    cite = "Căn cứ Nghị định số 209/2013/NĐ-CP ngày 18/12/2013 của Chính phủ;"
    assert [p.kind for p in lint(kb, cite, as_of=dt.date(2025, 8, 1)).problems] == ["expired"]
    assert not lint(kb, cite, as_of=dt.date(2020, 8, 1)).problems


def test_a_decree_whose_title_names_a_law_in_force_does_not_lapse_with_another(tmp_path: Path) -> None:
    """Nghị định 143/2018/NĐ-CP details Luật Bảo hiểm xã hội 2014 (replaced from 01/7/2025)
    and Luật An toàn, vệ sinh lao động, still in force; the KB's guides edge names only the
    first. The law its title also names keeps it in force."""
    from cancu.graph.lint import lint

    docs = [
        _law("qh/2014/58", "58/2014/QH13", "2014-11-20", "Bảo hiểm xã hội", effective_date="2016-01-01"),
        _law("qh/2024/41", "41/2024/QH15", "2024-06-29", "Bảo hiểm xã hội", effective_date="2025-07-01"),
        _law("qh/2015/84", "84/2015/QH13", "2015-06-25", "An toàn, vệ sinh lao động"),
        {"id": "cp/2018/nd/143", "doc_type": "Nghị định", "symbol": "143/2018/NĐ-CP", "issuer": "CP", "date": "2018-10-15",
         "title": "Quy định chi tiết Luật Bảo hiểm xã hội và Luật An toàn, vệ sinh lao động về bảo hiểm xã hội bắt buộc "
                  "đối với người lao động là công dân nước ngoài làm việc tại Việt Nam"},
    ]
    kb = build_kb(tmp_path, docs, [("qh/2024/41", "replaces", "qh/2014/58", None),
                                   ("cp/2018/nd/143", "guides", "qh/2014/58", None)])
    cite = "Căn cứ Nghị định số 143/2018/NĐ-CP ngày 15/10/2018 của Chính phủ;"
    assert not lint(kb, cite, as_of=dt.date(2025, 8, 1)).problems


def test_a_basis_of_nine_in_ten_documents_is_not_said_to_be_of_every_one(tmp_path: Path) -> None:
    """"mọi Nghị định ... đều căn cứ" only when every one does; 19 of 20 is "hầu hết"."""
    docs = [_law("qh/2015/76", "76/2015/QH13", "2015-06-19", "Luật Tổ chức Chính phủ"),
            _law("qh/2014/54", "54/2014/QH13", "2014-06-23", "Hải quan")]
    most, edges = _citing_decrees(10, 19, 2019, "Quy định thủ tục hải quan loại {n}", [("qh/2014/54", "Căn cứ Luật Hải quan;")])
    other, other_edges = _citing_decrees(40, 1, 2019, "Quy định về một việc khác",
                                         [("qh/2015/76", "Căn cứ Luật Tổ chức Chính phủ;")])
    kb = build_kb(tmp_path, docs + most + other, edges + other_edges)
    law = next(s for s in suggest(kb, "Nghị định quy định về hải quan", issuer="CP", as_of=dt.date(2020, 1, 1))
               if s.id == "qh/2014/54")
    said = [r for r in law.reasons if "trong kho" in r]
    assert said and said[0].startswith("hầu hết Nghị định của Chính phủ") and "đều" not in said[0], law.reasons


def test_an_amending_task_naming_the_decree_by_number_takes_its_subject(tmp_path: Path) -> None:
    """"Nghị định sửa đổi, bổ sung một số điều của Nghị định số 08/2015/NĐ-CP": the words
    are all boilerplate; the subject is the amended decree's (customs), whose bases the KB
    does not hold. Other amending decrees share only the boilerplate."""
    docs, edges = national()
    docs = docs + [
        {"id": "cp/2015/nd/8", "doc_type": "Nghị định", "symbol": "08/2015/NĐ-CP", "issuer": "CP", "date": "2015-01-21",
         "title": "Quy định chi tiết và biện pháp thi hành Luật Hải quan về thủ tục hải quan, kiểm tra, giám sát hải quan"},
        _law("qh/2016/78", "78/2016/QH13", "2016-04-06", "Xổ số"),
    ]
    lottery, lottery_edges = _citing_decrees(50, 3, 2017, "Sửa đổi, bổ sung một số điều của Nghị định số {n}/2016/NĐ-CP về xổ số",
                                             [("qh/2016/78", "Căn cứ Luật Xổ số;")])
    kb = build_kb(tmp_path, docs + lottery, edges + lottery_edges)
    got = {s.id: s.score for s in suggest(kb, "Nghị định sửa đổi, bổ sung một số điều của Nghị định số 08/2015/NĐ-CP",
                                          issuer="CP", as_of=dt.date(2018, 4, 1), k=5)}
    assert list(got)[:2] == ["qh/2015/76", "qh/2014/54"], got
    assert got.get("qh/2016/78", 0) < got["qh/2014/54"] / 4, got  # no amending decree on lotteries


def test_the_type_word_of_the_draft_matches_no_article_heading(tmp_path: Path) -> None:
    """"Quyết định quy định bảng giá đất": "Quyết định" says what the draft is; Luật Khiếu
    nại's "Điều 31. Quyết định giải quyết khiếu nại lần đầu" is not on its subject."""
    docs: list[dict[str, Any]] = [
        _law("qh/2011/2", "02/2011/QH13", "2011-11-11", "Khiếu nại",
             headings=["Điều 1. Phạm vi điều chỉnh", "Điều 31. Quyết định giải quyết khiếu nại lần đầu"]),
        _law("qh/2013/45", "45/2013/QH13", "2013-11-29", "Đất đai",
             headings=["Điều 1. Phạm vi điều chỉnh", "Điều 114. Bảng giá đất và giá đất cụ thể"]),
    ]
    kb = build_kb(tmp_path, docs, [])
    out = suggest(kb, "Quyết định quy định bảng giá đất", issuer="UBND", province=QN, as_of=dt.date(2019, 12, 20), k=5)
    assert ids(out)[:1] == ["qh/2013/45"], ids(out)
    assert "qh/2011/2" not in ids(out), [(s.id, s.reasons) for s in out]


def test_without_a_date_the_draft_is_written_today_and_cites_laws_in_todays_form(tmp_path: Path) -> None:
    """Without as_of every law is cited as a draft of today cites it (by number since 2025),
    not each in the form of its own time (the 2006 law by date beside the 2025 one by number)."""
    docs = [_law("qh/2006/67", "67/2006/QH11", "2006-06-29", "Công nghệ thông tin")]
    kb = build_kb(tmp_path, docs, [])
    law = next(s for s in suggest(kb, "ứng dụng công nghệ thông tin", k=3) if s.id == "qh/2006/67")
    assert law.citation == "Luật Công nghệ thông tin số 67/2006/QH11"
    old = next(s for s in suggest(kb, "ứng dụng công nghệ thông tin", as_of=dt.date(2020, 1, 1), k=3) if s.id == "qh/2006/67")
    assert old.citation == "Luật Công nghệ thông tin ngày 29 tháng 6 năm 2006"


def test_an_amending_law_named_in_the_title_keeps_no_decree_alive(tmp_path: Path) -> None:
    """Nghị định 98/2010/NĐ-CP details Luật Di sản văn hóa 2001 "và Luật sửa đổi, bổ sung một
    số điều của Luật Di sản văn hóa": when the law is replaced, the amending law named in
    the title goes with it, and so does the decree."""
    from cancu.graph.lint import lint

    docs = [
        _law("qh/2001/28", "28/2001/QH10", "2001-06-29", "Di sản văn hóa", effective_date="2002-01-01"),
        _law("qh/2009/32", "32/2009/QH12", "2009-06-18", "Luật sửa đổi, bổ sung một số điều của Luật Di sản văn hóa"),
        _law("qh/2024/45", "45/2024/QH15", "2024-11-23", "Di sản văn hóa", effective_date="2025-07-01"),
        {"id": "cp/2010/nd/98", "doc_type": "Nghị định", "symbol": "98/2010/NĐ-CP", "issuer": "CP", "date": "2010-09-21",
         "title": "Quy định chi tiết thi hành một số điều của Luật Di sản văn hóa và Luật sửa đổi, bổ sung một số điều "
                  "của Luật Di sản văn hóa"},
    ]
    kb = build_kb(tmp_path, docs, [("qh/2024/45", "replaces", "qh/2001/28", None),
                                   ("qh/2009/32", "amends", "qh/2001/28", None),
                                   ("cp/2010/nd/98", "guides", "qh/2001/28", None)])
    cite = "Căn cứ Nghị định số 98/2010/NĐ-CP ngày 21/9/2010 của Chính phủ;"
    assert [p.kind for p in lint(kb, cite, as_of=dt.date(2025, 8, 1)).problems] == ["expired"]


def test_a_merged_provinces_plans_are_the_new_provinces(tmp_path: Path) -> None:
    """Bình Định joined Gia Lai on 01/7/2025; its plan implementing the national programme
    stays in force there until Gia Lai replaces it. A Gia Lai draft of July 2025 gets it under
    the programme (`--province "Tỉnh Gia Lai"` written any way); one of 2024 does not (Gia Lai
    was another province then), and the gaps of Gia Lai count it."""
    docs, edges = world()
    docs += [
        _ttg_decision(749, "2020-06-03", "Phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng "
                                         "đến năm 2030"),
        {"id": "ubnd.binh-dinh/2020/kh/95", "doc_type": "Kế hoạch", "symbol": "95/KH-UBND", "issuer": "UBND",
         "province": "Bình Định", "date": "2020-09-15",
         "title": "Chuyển đổi số tỉnh Bình Định đến năm 2025, định hướng đến năm 2030"},
    ]
    edges.append(("ubnd.binh-dinh/2020/kh/95", "implements", "ttg/2020/qd/749", None))
    edges.append(("ubnd.binh-dinh/2020/kh/95", "based_on", "cp/2018/nd/61", None))
    kb = build_kb(tmp_path, docs, edges)
    task = "Chuyển đổi số quốc gia"

    def plans(province: str, as_of: dt.date) -> set[str]:
        out = suggest(kb, task, province=province, as_of=as_of, k=10)
        return {p["id"] for s in out if s.id == "ttg/2020/qd/749" for p in s.implemented_by}

    assert plans("Tỉnh Gia Lai", dt.date(2025, 7, 20)) == {"ubnd.binh-dinh/2020/kh/95"}
    assert plans("Gia Lai", dt.date(2024, 7, 20)) == set()
    assert plans("Bình Định", dt.date(2024, 7, 20)) == {"ubnd.binh-dinh/2020/kh/95"}
    assert kb.gaps("tỉnh Gia Lai").documents == 1
    assert kb.gaps("Tỉnh Bình Định").documents == 1


def test_the_body_writing_the_task_is_not_its_subject(tmp_path: Path) -> None:
    """"Nghị quyết HĐND tỉnh về phân cấp nguồn thu ..." and "Kế hoạch ... năm 2024 của UBND
    huyện" name who writes: "hội đồng nhân dân" and "ủy ban nhân dân" are no subject words
    (they matched Luật Hoạt động giám sát của Quốc hội và Hội đồng nhân dân, and a circular on
    the plans of people's committees). A body that is the subject stays one."""
    docs = [_law("qh/2015/83", "83/2015/QH13", "2015-06-25", "Ngân sách nhà nước"),
            _law("qh/2015/87", "87/2015/QH13", "2015-11-20", "Hoạt động giám sát của Quốc hội và Hội đồng nhân dân"),
            _decree(163, 2016, "Quy định chi tiết thi hành một số điều của Luật Ngân sách nhà nước", 12),
            _decree(30, 2023, "Quy chế làm việc mẫu của Ủy ban nhân dân tỉnh, thành phố trực thuộc trung ương"),
            _decree(61, 2018, "Về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính")]
    kb = build_kb(tmp_path, docs, [])

    def matched(results: list[Any], doc_id: str) -> str:  # the title words a suggestion matched
        return " ".join(r for s in results if s.id == doc_id for r in s.reasons if r.startswith("khớp"))

    budget = suggest(kb, "Nghị quyết HĐND tỉnh về phân cấp nguồn thu, nhiệm vụ chi giữa các cấp ngân sách",
                     issuer="HĐND", province=QN, as_of=dt.date(2023, 11, 1), k=10)
    order = ids(budget)
    assert set(order[:2]) == {"qh/2015/83", "cp/2016/nd/163"} and "qh/2015/87" not in order, order
    plan = suggest(kb, "Kế hoạch một cửa, một cửa liên thông năm 2024 của Ủy ban nhân dân huyện Sơn Tịnh",
                   issuer="UBND", province=QN, as_of=dt.date(2024, 1, 15), k=10)
    assert ids(plan)[0] == "cp/2018/nd/61" and "nhân dân" not in matched(plan, "cp/2023/nd/30"), ids(plan)
    rules = suggest(kb, "Quyết định ban hành Quy chế làm việc của Ủy ban nhân dân tỉnh",
                    issuer="UBND", province=QN, as_of=dt.date(2024, 1, 15), k=10)
    assert ids(rules)[0] == "cp/2023/nd/30", ids(rules)


def test_a_central_title_within_the_local_tasks_subject_is_what_it_applies(tmp_path: Path) -> None:
    """"Quyết định ban hành bảng giá đất" of a province applies Nghị định 71/2024/NĐ-CP "quy
    định về giá đất": the decree's subject lies whole within the task's, though "bảng" keeps
    their Jaccard at 0.58, under the 0.75 of a title that is the task's subject. A central
    draft gets no such reason."""
    docs = [_law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai"),
            _decree(71, 2024, "Quy định về giá đất", 6),
            _decree(88, 2024, "Quy định về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất", 7),
            _decree(204, 2004, "Về chế độ tiền lương và bảng lương đối với cán bộ, công chức", 12)]
    kb = build_kb(tmp_path, docs, [])
    local = suggest(kb, "Quyết định ban hành bảng giá đất", issuer="UBND", province=QN, as_of=dt.date(2025, 5, 20), k=10)
    decree = next(s for s in local if s.id == "cp/2024/nd/71")
    assert any(r.startswith("văn bản trung ương cùng nội dung") for r in decree.reasons), decree.reasons
    order = ids(local)  # 88/2024 shares "đất" alone: below it, or left out
    assert "cp/2024/nd/88" not in order[:order.index("cp/2024/nd/71")], order
    central = suggest(kb, "Nghị định về bảng giá đất", issuer="Chính phủ", as_of=dt.date(2025, 5, 20), k=10)
    assert not any(r.startswith("văn bản trung ương cùng nội dung") for s in central for r in s.reasons)


def test_a_narrow_law_brings_the_decree_detailing_it_to_a_local_plan(tmp_path: Path) -> None:
    """A province's plan on denunciations cites Luật Tố cáo and Nghị định 31/2019/NĐ-CP,
    which details it, whatever the central documents of the KB cite beside the law. Not the
    decree on denunciations in the police (one sector's), nor a field law's many decrees."""
    docs: list[dict[str, Any]] = [
        _law("qh/2015/77", "77/2015/QH13", "2015-06-19", "Tổ chức chính quyền địa phương"),
        _law("qh/2018/25", "25/2018/QH14", "2018-06-12", "Tố cáo"),
        _decree(31, 2019, "Quy định chi tiết một số điều và biện pháp tổ chức thi hành Luật Tố cáo"),
        _decree(22, 2019, "Quy định về tố cáo và giải quyết tố cáo trong Công an nhân dân"),
        _law("qh/2013/45", "45/2013/QH13", "2013-11-29", "Đất đai"),
    ]
    edges: list[tuple[str, str, str, str | None]] = [
        ("cp/2019/nd/31", "guides", "qh/2018/25", None), ("cp/2019/nd/22", "guides", "qh/2018/25", None)]
    for n in range(43, 48):
        docs.append(_decree(n, 2014, f"Quy định chi tiết thi hành một số điều của Luật Đất đai ({n})"))
        edges.append((f"cp/2014/nd/{n}", "guides", "qh/2013/45", None))
    # Central documents resting on the law without the decree: no evidence for a province.
    for n in range(1, 6):
        docs.append({"id": f"bca/2020/tt/{n}", "doc_type": "Thông tư", "symbol": f"{n}/2020/TT-BCA", "issuer": "BCA",
                     "date": "2020-05-01", "title": f"Quy định quy trình giải quyết tố cáo trong đơn vị {n}"})
        edges.append((f"bca/2020/tt/{n}", "based_on", "qh/2018/25", "Căn cứ Luật Tố cáo ngày 12 tháng 6 năm 2018;"))
    kb = build_kb(tmp_path, docs, edges)
    out = suggest(kb, "Kế hoạch giải quyết tố cáo năm 2024", issuer="UBND", province=QN, as_of=dt.date(2024, 1, 10))
    order = ids(out)
    assert "qh/2018/25" in order[:3] and "cp/2019/nd/31" in order[:5], order
    brought = [s.id for s in out if any(r.startswith("hướng dẫn Luật Tố cáo") for r in s.reasons)]
    assert brought == ["cp/2019/nd/31"], [(s.id, s.reasons) for s in out]
    land = suggest(kb, "Kế hoạch sử dụng đất đai năm 2024", issuer="UBND", province=QN, as_of=dt.date(2024, 1, 10))
    assert not [s.id for s in land if any(r.startswith("hướng dẫn Luật Đất đai") for r in s.reasons)], ids(land)


@pytest.mark.parametrize(("title", "about"), [
    ("Quy định chi tiết một số điều và biện pháp thi hành Luật Đấu thầu về lựa chọn nhà đầu tư thực hiện dự án "
     "đầu tư có sử dụng đất", "lựa chọn nhà đầu tư thực hiện dự án đầu tư có sử dụng đất"),
    ("Quy định chi tiết thi hành một số điều của Luật Đất đai về bồi thường, hỗ trợ, tái định cư",
     "bồi thường, hỗ trợ, tái định cư"),
    # No matter named: the title is about all it says ("vệ" is no "về"); nor is a title
    # detailing nothing.
    ("Quy định chi tiết một số điều của Luật Đất đai", "Quy định chi tiết một số điều của Luật Đất đai"),
    ("Quy định chi tiết một số điều của Luật Bảo vệ môi trường",
     "Quy định chi tiết một số điều của Luật Bảo vệ môi trường"),
    ("Về xử phạt vi phạm hành chính trong lĩnh vực đất đai", "Về xử phạt vi phạm hành chính trong lĩnh vực đất đai"),
])
def test_a_title_detailing_a_law_on_one_matter_is_about_that_matter(title: str, about: str) -> None:
    from cancu.graph.suggest import _detailed_subject

    assert _detailed_subject(title).strip() == about


def test_a_local_plan_on_the_matter_a_decree_details_gets_that_decree_first(tmp_path: Path) -> None:
    """A province's plan to select investors for projects using land applies the decree
    detailing Luật Đấu thầu on that matter: its title's subject is the plan's, the law's
    name in it notwithstanding. The decree detailing the same law on contractors is not."""
    docs: list[dict[str, Any]] = [
        _law("qh/2023/22", "22/2023/QH15", "2023-06-23", "Đấu thầu"),
        _law("qh/2020/61", "61/2020/QH14", "2020-06-17", "Đầu tư"),
        _law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai"),
        _decree(115, 2024, "Quy định chi tiết một số điều và biện pháp thi hành Luật Đấu thầu về lựa chọn nhà đầu tư "
                "thực hiện dự án đầu tư có sử dụng đất", month=9),
        _decree(24, 2024, "Quy định chi tiết một số điều và biện pháp thi hành Luật Đấu thầu về lựa chọn nhà thầu",
                month=2),
    ]
    kb = build_kb(tmp_path, docs, [])
    local = suggest(kb, "Kế hoạch tổ chức lựa chọn nhà đầu tư thực hiện dự án đầu tư có sử dụng đất năm 2025",
                    issuer="UBND", province=QN, as_of=dt.date(2025, 5, 15), k=5)
    assert ids(local)[:1] == ["cp/2024/nd/115"], [(s.id, round(s.score, 2)) for s in local]
    decree = local[0]
    assert any(r.startswith("văn bản trung ương cùng nội dung") for r in decree.reasons), decree.reasons
    other = next((s for s in local if s.id == "cp/2024/nd/24"), None)
    assert other is None or not any(r.startswith("văn bản trung ương cùng nội dung") for r in other.reasons)


def test_what_a_plan_does_with_its_subject_is_not_its_subject(tmp_path: Path) -> None:
    """"Kế hoạch triển khai thực hiện quy định về hoạt động lấn biển": "triển khai thực
    hiện" (data/cite_words.json header 'title_openers') is the plan's act; its subject is
    the decree's, Nghị định "về hoạt động lấn biển", which comes with the reason."""
    docs: list[dict[str, Any]] = [
        _law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai"),
        _law("qh/2015/82", "82/2015/QH13", "2015-06-25", "Tài nguyên, môi trường biển và hải đảo"),
        _decree(42, 2024, "Về hoạt động lấn biển", month=4),
        _decree(40, 2016, "Quy định chi tiết thi hành một số điều của Luật Tài nguyên, môi trường biển và hải đảo"),
    ]
    kb = build_kb(tmp_path, docs, [])
    for text in ("Kế hoạch triển khai thực hiện quy định về hoạt động lấn biển trên địa bàn tỉnh Kiên Giang",
                 "Kế hoạch thực hiện quy định về hoạt động lấn biển"):
        local = suggest(kb, text, issuer="UBND", province="Kiên Giang", as_of=dt.date(2024, 8, 20), k=5)
        decree = next(s for s in local if s.id == "cp/2024/nd/42")
        assert any(r.startswith("văn bản trung ương cùng nội dung") for r in decree.reasons), (text, decree.reasons)


def test_a_local_draft_given_a_province_alone_gets_its_writers_law(default_kb: KnowledgeBase) -> None:
    """A task given --province and no --issuer is a local body's: the one the task names as
    its writer, else the People's Committee. Luật Tổ chức chính quyền địa phương was missing
    from the top 20 of every such task; a department's plan does not rest on it."""
    as_of = dt.date(2024, 3, 5)

    def laws(text: str) -> list[str]:
        return [s.citation for s in suggest(default_kb, text, province="Nghệ An", as_of=as_of, k=5)]

    task = "Kế hoạch phòng, chống dịch bệnh sốt xuất huyết, tay chân miệng trên địa bàn huyện năm 2024"
    assert any(c.startswith("Luật Tổ chức chính quyền địa phương") for c in laws(task)), laws(task)
    named = "Kế hoạch phòng, chống dịch bệnh sốt xuất huyết năm 2024 của Hội đồng nhân dân tỉnh Nghệ An"
    assert any(c.startswith("Luật Tổ chức chính quyền địa phương") for c in laws(named)), laws(named)
    department = "Kế hoạch của Sở Y tế về phòng, chống dịch bệnh sốt xuất huyết năm 2024"
    assert not any(c.startswith("Luật Tổ chức chính quyền địa phương") for c in laws(department)), laws(department)
    # A local Nghị quyết is the HĐND's (data/types.json 'local_writer').
    resolution = next(s for s in suggest(default_kb, "Nghị quyết về phòng, chống dịch bệnh sốt xuất huyết năm 2024",
                                          province="Nghệ An", as_of=as_of, k=5)
                      if s.citation.startswith("Luật Tổ chức chính quyền địa phương"))
    assert any("Nghị quyết của Hội đồng nhân dân" in r for r in resolution.reasons), resolution.reasons
    # A body the subject names is no writer: the UBND sets out its department's functions,
    # and rests on the law that sets the UBND up because it issues.
    charter = "Quyết định quy định chức năng, nhiệm vụ, quyền hạn và cơ cấu tổ chức của Sở Tài chính"
    local = next(s for s in suggest(default_kb, charter, province="Nghệ An", as_of=as_of, k=5)
                 if s.citation.startswith("Luật Tổ chức chính quyền địa phương"))
    assert any(r.startswith("căn cứ về thẩm quyền, tổ chức của cơ quan ban hành") for r in local.reasons), local.reasons
    # The reason names the level the writer was named at: a huyện's plan is no tỉnh's.
    for district in ("Kế hoạch phòng, chống dịch bệnh sốt xuất huyết năm 2024 của UBND huyện Nghi Lộc",
                     "ke hoach phong chong dich benh sot xuat huyet nam 2024 cua UBND huyen Nghi Loc"):
        law = next(s for s in suggest(default_kb, district, province="Nghệ An", as_of=as_of, k=5)
                   if s.citation.startswith("Luật Tổ chức chính quyền địa phương"))
        assert any("Kế hoạch của Ủy ban nhân dân huyện thường nêu" in r for r in law.reasons), (district, law.reasons)
    given = next(s for s in suggest(default_kb, task, issuer="UBND xã Nghi Phong", province="Nghệ An", as_of=as_of, k=5)
                 if s.citation.startswith("Luật Tổ chức chính quyền địa phương"))
    assert any("Kế hoạch của Ủy ban nhân dân xã thường nêu" in r for r in given.reasons), given.reasons
    # A bare code as --issuer (the web page's default) names no level: the task's writer does.
    for district in ("Kế hoạch phòng, chống dịch bệnh sốt xuất huyết năm 2024 của UBND huyện Nghi Lộc",
                     "KẾ HOẠCH PHÒNG, CHỐNG DỊCH BỆNH NĂM 2024 CỦA UBND HUYEN NGHI LOC"):
        coded = next(s for s in suggest(default_kb, district, issuer="UBND", province="Nghệ An", as_of=as_of, k=5)
                     if s.citation.startswith("Luật Tổ chức chính quyền địa phương"))
        assert any("Ủy ban nhân dân huyện thường nêu" in r for r in coded.reasons), (district, coded.reasons)
    # A city under the centre, named by --province alone: its thành phố's.
    city = next(s for s in suggest(default_kb, task, province="Hải Phòng", as_of=as_of, k=5)
                if s.citation.startswith("Luật Tổ chức chính quyền địa phương"))
    assert any("Kế hoạch của Ủy ban nhân dân thành phố thường nêu" in r for r in city.reasons), city.reasons


def test_the_similar_documents_reason_says_what_they_did_and_when(tmp_path: Path) -> None:
    """The similar documents' reason says "làm căn cứ" only of what they rest on ("được
    dẫn" of what they only cite), and names an example the drafter could have read by
    as_of; when every one is later, it says so."""
    law = _law("qh/2010/1", "01/2010/QH12", "2010-06-01", "Luật Quản lý chất thải")
    cited = _decree(5, 2015, "quy định về xử lý chất thải nguy hại")
    later = _decree(9, 2019, "quy định chi tiết về quản lý chất thải rắn sinh hoạt")
    kb = build_kb(tmp_path, [law, cited, later], [
        (later["id"], "based_on", law["id"], "Căn cứ Luật Quản lý chất thải;"),
        (later["id"], "cites", cited["id"], "theo Nghị định số 05/2015/NĐ-CP"),
    ])
    out = {s.id: s for s in suggest(kb, "Nghị định quy định về quản lý chất thải rắn sinh hoạt",
                                    issuer="CP", as_of=dt.date(2018, 6, 1), k=10)}
    rests = next(r for r in out[law["id"]].reasons if "nhiệm vụ tương tự" in r)
    assert rests.startswith("được dùng làm căn cứ cho nhiệm vụ tương tự trong 1 văn bản")
    assert rests.endswith("(vd. Nghị định số 9/2019/NĐ-CP, ban hành sau ngày của dự thảo)"), rests
    only_cited = next(r for r in out[cited["id"]].reasons if "nhiệm vụ tương tự" in r)
    assert only_cited.startswith("được dẫn trong 1 văn bản có nhiệm vụ tương tự"), only_cited
    today = {s.id: s for s in suggest(kb, "Nghị định quy định về quản lý chất thải rắn sinh hoạt",
                                      issuer="CP", as_of=dt.date(2020, 6, 1), k=10)}
    assert not any("ban hành sau" in r for r in today[law["id"]].reasons)


def test_a_broad_linked_subject_is_no_sign_of_a_title_on_another_matter(tmp_path: Path) -> None:
    """"giao đất" links to "đất đai" (data/subject_links.json), which every land title
    holds. A central title counts as on the draft's subject through the link only when the
    linked phrase and the task's words make up much of it: the decree detailing Luật Đất
    đai does; a circular on land statistics and maps is another matter of the field."""
    docs = [_law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai"),
            _decree(102, 2024, "quy định chi tiết thi hành một số điều của Luật Đất đai"),
            {"id": "btnmt/2024/tt/8", "doc_type": "Thông tư", "symbol": "08/2024/TT-BTNMT", "issuer": "BTNMT",
             "date": "2024-07-31", "title": "quy định về thống kê, kiểm kê đất đai và lập bản đồ hiện trạng sử dụng đất"}]
    kb = build_kb(tmp_path, docs, [])
    out = suggest(kb, "Quyết định quy định hạn mức giao đất ở cho cá nhân trên địa bàn tỉnh", issuer="UBND",
                  province="Bình Định", as_of=dt.date(2024, 9, 10), k=10)
    linked = {s.id for s in out if any("lĩnh vực của “giao đất”" in r for r in s.reasons)}
    assert "cp/2024/nd/102" in linked and "btnmt/2024/tt/8" not in linked, [(s.id, s.reasons) for s in out]


def test_a_spending_level_rests_on_the_budget_law_not_on_budget_procedure(tmp_path: Path) -> None:
    """A resolution setting a level of support from the local budget rests on Luật Ngân
    sách nhà nước (data/subject_links.json "mức hỗ trợ"). The link marks only laws as
    governing it: a circular on publishing budgets holds "ngân sách nhà nước" too, and
    no such resolution rests on it."""
    docs = [_law("qh/2015/83", "83/2015/QH13", "2015-06-25", "Ngân sách nhà nước"),
            _law("qh/2014/46", "46/2014/QH13", "2014-06-13", "Bảo hiểm y tế"),
            {"id": "btc/2017/tt/61", "doc_type": "Thông tư", "symbol": "61/2017/TT-BTC", "issuer": "BTC",
             "date": "2017-06-15", "title": "hướng dẫn về công khai ngân sách đối với đơn vị dự toán ngân sách, "
                                            "các tổ chức được ngân sách nhà nước hỗ trợ"}]
    kb = build_kb(tmp_path, docs, [])
    out = suggest(kb, "Nghị quyết quy định mức hỗ trợ đóng bảo hiểm y tế cho người cao tuổi trên địa bàn tỉnh",
                  issuer="HĐND", province="Bình Định", as_of=dt.date(2022, 12, 8), k=10)
    linked = {s.id for s in out if any("lĩnh vực của “mức hỗ trợ”" in r for r in s.reasons)}
    assert linked == {"qh/2015/83"}, [(s.id, s.reasons) for s in out]


def test_a_law_named_by_a_link_is_that_law_not_every_law_holding_its_name(tmp_path: Path) -> None:
    """An admission plan for year-10 pupils falls under Luật Giáo dục: the link from
    "năm học", "tuyển sinh vào lớp" names the law "giáo dục" (data/subject_links.json
    'named'). Luật Giáo dục đại học holds the name in its title and is another field's law:
    no reason says the draft is on its subject, and it ranks below Luật Giáo dục."""
    docs = [_law("qh/2019/43", "43/2019/QH14", "2019-06-14", "Luật Giáo dục"),
            _law("qh/2012/8", "08/2012/QH13", "2012-06-18", "Giáo dục đại học")]
    kb = build_kb(tmp_path, docs, [])
    out = suggest(kb, "Kế hoạch tuyển sinh vào lớp 10 năm học 2024-2025", issuer="UBND",
                  province="Bình Định", as_of=dt.date(2024, 4, 1), k=10)
    linked = {s.id for s in out if any("lĩnh vực của “" in r for r in s.reasons)}
    assert linked == {"qh/2019/43"}, [(s.id, s.reasons) for s in out]
    ranked = [s.id for s in out]
    assert "qh/2012/8" not in ranked or ranked.index("qh/2019/43") < ranked.index("qh/2012/8"), ranked


def test_a_short_law_name_running_on_into_its_object_is_no_field(tmp_path: Path) -> None:
    """"xây dựng nông thôn mới" builds the countryside: Luật Xây dựng is not its field's
    law; "trong lĩnh vực xây dựng" and "Luật Xây dựng" name it."""
    kb = build_kb(tmp_path, [_law("qh/2014/50", "50/2014/QH13", "2014-06-18", "Xây dựng")], [])
    on = dt.date(2022, 5, 10)
    assert not _names_a_field(kb, "Kế hoạch thực hiện Chương trình xây dựng nông thôn mới giai đoạn 2021-2025", on)
    assert _names_a_field(kb, "Kế hoạch kiểm tra trong lĩnh vực xây dựng năm 2022", on)
    assert _names_a_field(kb, "Kế hoạch thi hành Luật Xây dựng nông thôn", on)


def _names_a_field(kb: KnowledgeBase, text: str, as_of: dt.date) -> bool:
    """Whether suggest reads a law's name in `text` as the field the task regulates."""
    return any(r == "luật của lĩnh vực nêu trong nội dung cần soạn"
               for s in suggest(kb, text, issuer="UBND", as_of=as_of, k=5) for r in s.reasons)


def test_a_pasted_section_s_bases_are_already_cited(tmp_path: Path) -> None:
    """A drafter pastes a decision with its căn cứ and asks what else it needs: the laws its
    căn cứ lines cite come back no more, nor Luật Đất đai 2013 beside the 2024 law it cites;
    Luật Tổ chức Chính phủ, named inside the amending law's name, is no law the text names;
    the decree detailing the cited law is offered."""
    docs = [_law("qh/2015/77", "77/2015/QH13", "2015-06-19", "Tổ chức chính quyền địa phương"),
            _law("qh/2015/76", "76/2015/QH13", "2015-06-19", "Tổ chức Chính phủ"),
            _law("qh/2019/47", "47/2019/QH14", "2019-11-22",
                 "Luật sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương"),
            _law("qh/2013/45", "45/2013/QH13", "2013-11-29", "Đất đai", effective_date="2014-07-01"),
            _law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai", effective_date="2024-08-01"),
            _decree(88, 2024, "quy định về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất", month=7),
            _decree(102, 2024, "quy định chi tiết thi hành một số điều của Luật Đất đai", month=7)]
    edges = [("qh/2024/31", "replaces", "qh/2013/45", None), ("qh/2019/47", "amends", "qh/2015/77", None),
             ("qh/2019/47", "amends", "qh/2015/76", None),
             ("cp/2024/nd/102", "guides", "qh/2024/31", None), ("cp/2024/nd/88", "guides", "qh/2024/31", None)]
    kb = build_kb(tmp_path, docs, edges)
    text = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, bổ sung một số "
            "điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa phương ngày 22 tháng 11 năm 2019;\n"
            "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;\n"
            "Căn cứ Nghị định số 88/2024/NĐ-CP ngày 15 tháng 7 năm 2024 của Chính phủ;\n"
            "Theo đề nghị của Giám đốc Sở Tài nguyên và Môi trường.\n"
            "QUYẾT ĐỊNH ban hành Quy định chi tiết về bồi thường, hỗ trợ, tái định cư khi Nhà nước thu hồi đất.")
    out = [s.id for s in suggest(kb, text, issuer="UBND", province="Quảng Ngãi", as_of=dt.date(2024, 9, 20), k=10)]
    cited = {"qh/2015/77", "qh/2019/47", "qh/2024/31", "cp/2024/nd/88"}
    assert not cited & set(out) and "qh/2013/45" not in out and "qh/2015/76" not in out, out
    assert "cp/2024/nd/102" in out, out
    # A căn cứ of the replaced version cites that one: the version in force is still offered.
    stale = text.replace("Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024;", "Căn cứ Luật Đất đai ngày 29 tháng 11 năm 2013;")
    out = [s.id for s in suggest(kb, stale, issuer="UBND", province="Quảng Ngãi", as_of=dt.date(2024, 9, 20), k=10)]
    assert "qh/2024/31" in out and "qh/2013/45" not in out, out


NOT_FIELD_EXAMPLES = vocab.load_table("subject_links.json")["not_fields"]["examples"]


@pytest.mark.parametrize("example", NOT_FIELD_EXAMPLES, ids=lambda e: e["text"][:40])
def test_a_law_name_modifying_another_noun_is_no_field(tmp_path: Path, example: dict) -> None:
    """"trung tâm thương mại" is a shopping centre (data/subject_links.json 'not_fields');
    "hoạt động thương mại" is the field of Luật Thương mại."""
    kb = build_kb(tmp_path, [_law("qh/2005/36", "36/2005/QH11", "2005-06-14", example["not"])], [])
    assert not _names_a_field(kb, example["text"], dt.date(2022, 5, 10))
    assert _names_a_field(kb, "Kế hoạch kiểm tra hoạt động thương mại năm 2022", dt.date(2022, 5, 10))


def test_a_count_before_its_unit_does_not_end_a_law_name(tmp_path: Path) -> None:
    """"trẻ em 5 tuổi" is children of five: a number measuring the next word does not end
    the phrase, so the short name "trẻ em" runs on and is no field; a year still ends one."""
    kb = build_kb(tmp_path, [_law("qh/2016/102", "102/2016/QH13", "2016-04-05", "Trẻ em")], [])
    assert not _names_a_field(kb, "Kế hoạch phổ cập giáo dục mầm non cho trẻ em 5 tuổi năm 2020", dt.date(2020, 2, 20))
    assert _names_a_field(kb, "Kế hoạch bảo vệ trẻ em 2020", dt.date(2020, 2, 20))


def test_a_law_repealed_by_its_successor_of_another_name_gives_it_its_place(tmp_path: Path) -> None:
    """Luật Khoa học, công nghệ và đổi mới sáng tạo 93/2025/QH15 repealed Luật Khoa học và
    công nghệ 2013, which the KB's decrees rest on: a draft of 2026 gets the new law above
    the old one, which stays flagged, as a replacement of another name would."""
    old = _law("qh/2013/29", "29/2013/QH13", "2013-06-18", "Khoa học và công nghệ")
    new = _law("qh/2025/93", "93/2025/QH15", "2025-06-27", "Khoa học, công nghệ và đổi mới sáng tạo",
               effective_date="2025-10-01")
    citers, edges = _citing_decrees(1, 4, 2020, "quy định về quản lý nhiệm vụ khoa học và công nghệ cấp {n}",
                                    [(old["id"], "Căn cứ Luật Khoa học và công nghệ ngày 18 tháng 6 năm 2013;")])
    kb = build_kb(tmp_path, [old, new, *citers], [*edges, (new["id"], "repeals", old["id"], None)])
    out = suggest(kb, "Nghị định quy định về quản lý nhiệm vụ khoa học và công nghệ", issuer="CP",
                  as_of=dt.date(2026, 3, 1), k=10)
    order = ids(out)
    assert order.index(new["id"]) < order.index(old["id"]), [(s.id, s.score, s.flags) for s in out]
    assert any(r.startswith("thay thế Luật Khoa học và công nghệ") for r in out[order.index(new["id"])].reasons)
    assert out[order.index(old["id"])].flags


def test_a_document_for_another_year_than_the_task_is_flagged_below_the_years_own(tmp_path: Path) -> None:
    """The subject leaves the year out, so the resolutions on the yearly reduction of land
    rent looked alike; a task on 2025 gets the 2025 one first, the 2024 one flagged."""
    docs = [{"id": f"ubtvqh/{y}/nq/{n}", "doc_type": "Nghị quyết", "symbol": f"{n}/NQ-UBTVQH15", "issuer": "UBTVQH",
             "date": f"{y + 1}-03-21", "title": f"đồng ý việc giảm tiền thuê đất năm {y}"}
            for y, n in ((2024, 1567), (2025, 1702))]
    kb = build_kb(tmp_path, docs, [])
    out = suggest(kb, "Nghị định quy định việc giảm tiền thuê đất của năm 2025", issuer="CP",
                  as_of=dt.date(2026, 5, 1), k=5)
    assert ids(out)[:2] == ["ubtvqh/2025/nq/1702", "ubtvqh/2024/nq/1567"]
    assert out[1].flags == ["văn bản cho năm 2024, nhiệm vụ nêu năm 2025"] and not out[0].flags
    # A title looking ahead guides the years up to its horizon: Nghị quyết 17/NQ-CP "giai đoạn
    # 2019 - 2020, định hướng đến 2025" for a plan of 2021 (rev24 had it 25th, flagged).
    ahead = build_kb(tmp_path / "ahead", [{
        "id": "cp/2019/nq/17", "doc_type": "Nghị quyết", "symbol": "17/NQ-CP", "issuer": "CP", "date": "2019-03-07",
        "title": "về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020, "
                 "định hướng đến 2025"}], [])
    for year, flagged in ((2021, False), (2026, True)):
        [found] = suggest(ahead, f"Kế hoạch phát triển Chính phủ điện tử năm {year}", issuer="UBND", province=QN,
                          as_of=dt.date(year - 1, 12, 20), k=5)
        assert any(f.startswith("văn bản cho năm") for f in found.flags) == flagged, (year, found.flags)


def test_a_pasted_paragraph_is_about_its_first_sentence(tmp_path: Path) -> None:
    """A task pasted with its activities ("Kế hoạch kiểm soát thủ tục hành chính năm 2021.
    Rà soát ...; thực hiện cơ chế một cửa ... tại Trung tâm Phục vụ hành chính công ...")
    is about its first sentence: the decree on that subject is the central document the
    province implements, as for the title alone (a reviewer's had it 16th); the decree on
    an activity's subject stays beside it."""
    docs = [_decree(63, 2010, "về kiểm soát thủ tục hành chính"),
            _decree(61, 2018, "về thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính")]
    kb = build_kb(tmp_path, docs, [])
    title = "Kế hoạch kiểm soát thủ tục hành chính năm 2021"
    paragraph = (title + ". Rà soát, đơn giản hóa thủ tục hành chính; công bố, công khai thủ tục hành chính; thực "
                 "hiện cơ chế một cửa, một cửa liên thông tại Trung tâm Phục vụ hành chính công tỉnh.")
    for text in (title, paragraph):
        out = {s.id: s for s in suggest(kb, text, issuer="UBND", province="Quảng Ngãi", as_of=dt.date(2021, 1, 12), k=5)}
        assert "văn bản trung ương cùng nội dung, được văn bản của địa phương căn cứ để triển khai" in \
            out["cp/2010/nd/63"].reasons, (text, [(s.id, s.score, s.reasons) for s in out.values()])
    assert "cp/2018/nd/61" in out


def test_a_citation_the_kb_cannot_complete_is_flagged(tmp_path: Path) -> None:
    """A document known from a citation that gave its number and subject but not its date
    ("Nghị quyết số 1636/NQ-UBTVQH15 của Ủy ban Thường vụ Quốc hội về ...") is offered with
    a flag saying the date must be added before it is copied."""
    docs = [{"id": "name/nghi-quyet-1636-nq-ubtvqh15", "doc_type": "Nghị quyết", "symbol": "1636/NQ-UBTVQH15",
             "issuer": "UBTVQH", "title": "về các trường hợp khác được miễn, giảm tiền thuê đất"},
            {"id": "ubtvqh/2025/nq/1567", "doc_type": "Nghị quyết", "symbol": "1567/NQ-UBTVQH15", "issuer": "UBTVQH",
             "date": "2025-03-21", "title": "đồng ý việc giảm tiền thuê đất"}]
    kb = build_kb(tmp_path, docs, [])
    out = {s.id: s for s in suggest(kb, "Nghị định quy định việc miễn, giảm tiền thuê đất", issuer="CP",
                                    as_of=dt.date(2026, 3, 1), k=5)}
    assert out["name/nghi-quyet-1636-nq-ubtvqh15"].flags == ["kho chưa biết ngày ban hành: cần bổ sung khi dẫn"]
    assert out["ubtvqh/2025/nq/1567"].flags == []
    # A law is cited by its name and date before 2025: without its date, the copy-ready
    # citation falls back to its number and says the date is to be added; from then on the
    # number is its form.
    law = build_kb(tmp_path / "law", [{"id": "qh/2013/41", "doc_type": "Luật", "symbol": "41/2013/QH13",
                                        "issuer": "QH", "title": "Bảo vệ và kiểm dịch thực vật"}], [])
    for as_of, flags in ((dt.date(2024, 5, 1), ["kho chưa biết ngày ban hành: cần bổ sung khi dẫn"]),
                         (dt.date(2025, 6, 1), [])):
        [found] = [s for s in suggest(law, "kiểm dịch thực vật", issuer="UBND", as_of=as_of, k=5) if s.id == "qh/2013/41"]
        assert found.flags == flags, (as_of, found.flags)


def test_a_field_name_before_a_place_and_a_headline_without_subject(tmp_path: Path) -> None:
    """A phrase ends before a place ("... trong lĩnh vực đất đai tỉnh Nghệ An" names the
    field "đất đai"); a first sentence that holds no subject ("Kế hoạch năm 2024: chuyển đổi
    số") is no headline: the whole text is the subject."""
    docs = [_law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Đất đai"),
            _ttg_decision(749, "2020-06-03", "phê duyệt Chương trình chuyển đổi số quốc gia đến năm 2025"),
            _decree(47, 2020, "về quản lý, kết nối và chia sẻ dữ liệu số của cơ quan nhà nước")]
    kb = build_kb(tmp_path, docs, [])
    out = suggest(kb, "Kế hoạch kiểm tra trong lĩnh vực đất đai tỉnh Nghệ An năm 2025", issuer="UBND",
                  as_of=dt.date(2025, 3, 1), k=5)
    land = next(s for s in out if s.id == "qh/2024/31")
    assert "luật của lĩnh vực nêu trong nội dung cần soạn" in land.reasons
    for text in ("Kế hoạch chuyển đổi số năm 2024", "Kế hoạch năm 2024: chuyển đổi số"):
        first = suggest(kb, text, issuer="UBND", province="Quảng Ngãi", as_of=dt.date(2024, 3, 1), k=3)[0]
        assert first.id == "ttg/2020/qd/749", (text, first.id)


def test_a_law_brought_as_an_amender_brings_no_chain_of_its_own(tmp_path: Path) -> None:
    """Luật Doanh nghiệp 2020 amends Luật Phòng, chống tham nhũng in its final provisions and
    comes with it; the law amending Luật Doanh nghiệp and the decree detailing it are no
    bases of an anti-corruption plan (a reviewer's had them 5th and 8th)."""
    pctn = _law("qh/2018/36", "36/2018/QH14", "2018-11-20", "Phòng, chống tham nhũng")
    dn = _law("qh/2020/59", "59/2020/QH14", "2020-06-17", "Doanh nghiệp")
    dn_amend = _law("qh/2025/76", "76/2025/QH15", "2025-06-17", "Sửa đổi, bổ sung một số điều của Luật Doanh nghiệp")
    dn_decree = _decree(47, 2021, "quy định chi tiết một số điều của Luật Doanh nghiệp")
    kb = build_kb(tmp_path, [pctn, dn, dn_amend, dn_decree], [
        (dn["id"], "amends", pctn["id"], None), (dn_amend["id"], "amends", dn["id"], None),
        (dn_decree["id"], "guides", dn["id"], None)])
    out = ids(suggest(kb, "Kế hoạch công tác phòng, chống tham nhũng năm 2026", province="Lâm Đồng",
                      as_of=dt.date(2025, 12, 15), k=10))
    assert out[0] == pctn["id"] and dn["id"] in out
    assert dn_amend["id"] not in out and dn_decree["id"] not in out, out


def test_a_decree_detailing_a_law_on_one_matter_is_no_companion_of_the_law(tmp_path: Path) -> None:
    """A local draft citing Luật Xử lý vi phạm hành chính gets the decree detailing the law;
    not the one detailing it "về cai nghiện ma túy" (a reviewer's land-violation plan had it
    3rd, as "hướng dẫn Luật Xử lý vi phạm hành chính")."""
    law = _law("qh/2012/15", "15/2012/QH13", "2012-06-20", "Xử lý vi phạm hành chính")
    whole = _decree(118, 2021, "quy định chi tiết một số điều và biện pháp thi hành Luật Xử lý vi phạm hành chính")
    matter = _decree(116, 2021, "quy định chi tiết một số điều của Luật Phòng, chống ma túy, Luật Xử lý vi phạm hành "
                                "chính về cai nghiện ma túy và quản lý sau cai nghiện ma túy")
    kb = build_kb(tmp_path, [law, whole, matter], [(whole["id"], "guides", law["id"], None),
                                                   (matter["id"], "guides", law["id"], None)])
    out = {s.id: s for s in suggest(kb, "Kế hoạch kiểm tra, xử lý vi phạm hành chính trong lĩnh vực đất đai năm 2024",
                                    issuer="UBND", province="Lâm Đồng", as_of=dt.date(2024, 3, 1), k=10)}
    companion = "hướng dẫn Luật Xử lý vi phạm hành chính, được căn cứ cùng văn bản này"
    assert companion in out[whole["id"]].reasons
    assert matter["id"] not in out or companion not in out[matter["id"]].reasons


def test_the_place_a_task_applies_to_is_no_subject(tmp_path: Path) -> None:
    """"Kế hoạch kích cầu du lịch năm 2022 trên địa bàn tỉnh Quảng Nam": the national
    documents naming Quảng Nam (its port waters, its place names on maps) shared no subject
    with it, yet ranked by the province's name; the place phrase is where the plan applies."""
    docs: list[dict[str, Any]] = [
        _law("qh/2017/9", "09/2017/QH14", "2017-06-19", "Du lịch"),
        {"id": "bgtvt/2019/tt/16", "doc_type": "Thông tư", "symbol": "16/2019/TT-BGTVT", "issuer": "BGTVT",
         "date": "2019-05-03", "title": "Công bố vùng nước cảng biển thuộc địa phận tỉnh Quảng Nam"},
        {"id": "btnmt/2015/tt/29", "doc_type": "Thông tư", "symbol": "29/2015/TT-BTNMT", "issuer": "BTNMT",
         "date": "2015-05-29", "title": "Ban hành danh mục địa danh dân cư, sơn văn, thủy văn, kinh tế - xã hội "
                                      "phục vụ công tác thành lập bản đồ phần đất liền tỉnh Quảng Nam"},
    ]
    kb = build_kb(tmp_path, docs, [])
    for task in ("Kế hoạch kích cầu du lịch năm 2022 trên địa bàn tỉnh Quảng Nam",
                 "ke hoach kich cau du lich nam 2022 tren dia ban tinh Quang Nam"):
        got = ids(suggest(kb, task, province="Quảng Nam", as_of=dt.date(2022, 3, 15), k=10))
        assert got[:1] == ["qh/2017/9"] and not {"bgtvt/2019/tt/16", "btnmt/2015/tt/29"} & set(got), (task, got)
    # A task about the province's own port waters still finds them by their subject.
    port = ids(suggest(kb, "Quyết định về vùng nước cảng biển tỉnh Quảng Nam", issuer="UBND", province="Quảng Nam",
                       as_of=dt.date(2022, 3, 15), k=10))
    assert port[:1] == ["bgtvt/2019/tt/16"], port


def test_a_programme_task_finds_the_decrees_its_field_rests_on(default_kb: KnowledgeBase) -> None:
    """rev24: a city's administrative-reform plan had Luật Xử lý vi phạm hành chính 4th (by
    "hành chính") and the decrees on controlling procedures and the one-stop shop 36th and
    beyond; a medium-term public-investment resolution lacked the rules for allocating the
    capital. data/subject_links.json names the regimes such tasks carry out."""
    def top(text: str, province: str, as_of: dt.date, **kw: Any) -> list[str]:
        return [s.symbol or s.id for s in suggest(default_kb, text, province=province, as_of=as_of, k=10, **kw)]

    reform = top("Kế hoạch cải cách hành chính năm 2022 của thành phố Hải Phòng", "Hải Phòng", dt.date(2021, 12, 25))
    assert {"63/2010/NĐ-CP", "61/2018/NĐ-CP"} <= set(reform) and "15/2012/QH13" not in reform, reform
    capital = top("Nghị quyết về kế hoạch đầu tư công trung hạn giai đoạn 2021-2025 của tỉnh Hà Tĩnh", "Hà Tĩnh",
                  dt.date(2021, 8, 10), issuer="HĐND")
    assert {"39/2019/QH14", "973/2020/UBTVQH14"} <= set(capital), capital


def test_a_replacement_of_the_same_name_says_which_version_it_replaces(tmp_path: Path) -> None:
    """"thay thế Luật Đất đai" on Luật Đất đai 2013 named the law itself (rev24): a
    replacement of the same name says the year of the version it replaces."""
    old = _law("qh/2003/13", "13/2003/QH11", "2003-11-26", "Đất đai")
    new = _law("qh/2013/45", "45/2013/QH13", "2013-11-29", "Đất đai", effective_date="2014-07-01")
    citers, edges = _citing_decrees(1, 3, 2010, "quy định về bảng giá đất {n}",
                                    [(old["id"], "Căn cứ Luật Đất đai ngày 26 tháng 11 năm 2003;")])
    kb = build_kb(tmp_path, [old, new, *citers], [*edges, (new["id"], "replaces", old["id"], None)])
    out = suggest(kb, "Quyết định ban hành bảng giá đất", issuer="UBND", province=QN, as_of=dt.date(2019, 12, 25), k=10)
    replacing = next(s for s in out if s.id == new["id"])
    assert any(r.startswith("thay thế Luật Đất đai năm 2003") for r in replacing.reasons), replacing.reasons


@pytest.mark.parametrize("example", vocab.load_table("provinces.json")["applies_to"]["examples"], ids=lambda e: e["text"])
def test_the_place_a_task_applies_to_is_told_from_the_place_it_is_about(example: dict[str, Any]) -> None:
    """data/provinces.json 'applies_to': "... trên địa bàn tỉnh Quảng Nam" is where a plan
    applies; "Quy hoạch tỉnh Quảng Nam", "... đối với thành phố Hải Phòng" what it is about."""
    from cancu.graph.places import province_in
    from cancu.graph.suggest import _without_place

    assert (province_in(_without_place(example["text"])) is None) == example["cut"], _without_place(example["text"])


def test_a_similar_documents_basis_on_its_own_subject_does_not_carry_over(tmp_path: Path) -> None:
    """Decrees on penalties "trong lĩnh vực hải quan" rest on Luật Hải quan for their own
    field: a decree on penalties in another field shares their frame, not that basis. Their
    basis on the frame (Luật Xử lý vi phạm hành chính) carries over; so does Luật Hải quan
    when the task names customs too."""
    penalties = _law("qh/2012/15", "15/2012/QH13", "2012-06-20", "Luật Xử lý vi phạm hành chính")
    customs = _law("qh/2014/54", "54/2014/QH13", "2014-06-23", "Luật Hải quan")
    investment = _law("qh/2020/61", "61/2020/QH14", "2020-06-17", "Luật Đầu tư")
    neighbours = [_decree(n, year, f"quy định xử phạt vi phạm hành chính trong lĩnh vực hải quan{tail}")
                  for n, year, tail in ((127, 2013, ""), (45, 2016, " và cưỡng chế thi hành quyết định"),
                                        (128, 2020, " đối với hàng hóa xuất khẩu, nhập khẩu"))]
    edges: list[tuple[str, str, str, str | None]] = []
    for d in neighbours:
        edges += [(d["id"], "based_on", penalties["id"], "Căn cứ Luật Xử lý vi phạm hành chính;"),
                  (d["id"], "based_on", customs["id"], "Căn cứ Luật Hải quan;")]
    kb = build_kb(tmp_path, [penalties, customs, investment, *neighbours], edges)
    as_of = dt.date(2021, 6, 1)

    def ranked(task: str) -> dict[str, tuple[int, float]]:
        # No issuer: in a KB of three decrees, every decree of the Government rests on
        # Luật Hải quan, which makes it a structural basis (see _structure).
        out = suggest(kb, task, as_of=as_of, k=10)
        return {s.id: (n, s.score) for n, s in enumerate(out)}

    other = ranked("Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực kế hoạch và đầu tư")
    same = ranked("Nghị định quy định xử phạt vi phạm hành chính trong lĩnh vực hải quan và thuế")
    assert other[penalties["id"]][0] == 0, other
    assert customs["id"] not in other or other[customs["id"]][0] > other[investment["id"]][0], other
    assert customs["id"] in same and same[customs["id"]][0] <= 1, same
    # The frame's basis is carried whole, the field's a third: the gap is the damping's.
    assert other[customs["id"]][1] < 0.5 * same[customs["id"]][1], (other, same)


def test_a_basis_rested_on_beside_another_in_one_document_is_no_habit(tmp_path: Path) -> None:
    """"thường được căn cứ cùng" (usually rested on beside) says a habit: of a base that
    one document rests on beside the cited one, the reason says one document did."""
    archives = _law("qh/2024/33", "33/2024/QH15", "2024-06-21", "Luật Lưu trữ")
    land = _law("qh/2024/31", "31/2024/QH15", "2024-01-18", "Luật Đất đai")
    records = _decree(101, 2024, "quy định về hồ sơ địa chính và lưu trữ hồ sơ đất đai")
    plans = [_decree(n, 2025, f"quy định về công tác lưu trữ tài liệu loại {n}") for n in (10, 11)]
    edges: list[tuple[str, str, str, str | None]] = [
        (records["id"], "based_on", archives["id"], "Căn cứ Luật Lưu trữ;"),
        (records["id"], "based_on", land["id"], "Căn cứ Luật Đất đai;")]
    edges += [(d["id"], "based_on", archives["id"], "Căn cứ Luật Lưu trữ;") for d in plans]
    edges += [(d["id"], "based_on", land["id"], "Căn cứ Luật Đất đai;") for d in plans[:1]]
    kb = build_kb(tmp_path, [archives, land, records, *plans], edges)
    as_of = dt.date(2026, 1, 15)
    # Two of three documents resting on Luật Lưu trữ rest on Luật Đất đai too: a habit.
    twice = next(s for s in suggest(kb, "Kế hoạch kiểm tra công tác lưu trữ", already_cited=["33/2024/QH15"],
                                    as_of=as_of, k=10) if s.id == land["id"])
    assert "thường được căn cứ cùng Luật Lưu trữ (2/3 văn bản căn cứ văn bản đó)" in twice.reasons, twice.reasons
    # One of three: that one did.
    kb2 = build_kb(tmp_path / "one", [archives, land, records, *plans], edges[:-1])
    once = next(s for s in suggest(kb2, "Kế hoạch kiểm tra công tác lưu trữ", already_cited=["33/2024/QH15"],
                                   as_of=as_of, k=10) if s.id == land["id"])
    assert not any(r.startswith("thường") for r in once.reasons), once.reasons
    assert "từng được căn cứ cùng Luật Lưu trữ trong 1 văn bản" in once.reasons, once.reasons
    # Said once, though the cited law is both already cited and an anchor.
    for s in (twice, once):
        assert sum("Luật Lưu trữ" in r for r in s.reasons) == 1, s.reasons


def test_a_document_sharing_a_lone_syllable_with_the_task_is_no_similar_task(default_kb: KnowledgeBase) -> None:
    """The seed plan's task "Ứng dụng công nghệ thông tin, phát triển Chính quyền điện tử ...
    năm 2022" rests on Quyết định 1066/QĐ-UBND (renting an IT reporting system). A plan on
    "công tác phòng, chống tham nhũng" shares "công" and the frame ("Kế hoạch ... năm") with
    it, no compound word of its subject: that decision is no basis of it. A plan on IT is
    still offered it as a similar task's basis."""
    decision = "ubnd.quang-ngai/2021/qd/1066"
    assert default_kb.get(decision) is not None
    as_of = dt.date(2026, 1, 15)

    def similar_task_reason(task: str) -> list[str]:
        out = {s.id: s for s in suggest(default_kb, task, issuer="UBND tỉnh Quảng Ngãi", province=QN, as_of=as_of, k=30)}
        return [r for r in out[decision].reasons if "nhiệm vụ tương tự" in r] if decision in out else []

    assert similar_task_reason("Kế hoạch ứng dụng công nghệ thông tin, phát triển chính quyền số năm 2026")
    for task in ("Kế hoạch công tác phòng, chống tham nhũng, tiêu cực năm 2026",
                 "Kế hoạch kiểm tra công tác văn thư, lưu trữ năm 2026"):
        assert not similar_task_reason(task), task


def test_a_document_named_by_its_party_symbol_or_number_and_year_is_the_tasks_basis(tmp_path: Path) -> None:
    """A task names what it carries out as drafters write it: a Party resolution by its
    symbol ("Nghị quyết 52-NQ/TW"), a decree by number and year ("Nghị định 61/2018"). The
    named document comes first; a title sharing only the number ("52-KL/TW") does not."""
    docs, edges = world()
    docs += [
        {"id": "tw/2019/nq/52", "doc_type": "Nghị quyết", "symbol": "52-NQ/TW", "issuer": "TW", "date": "2019-09-27",
         "title": "Về một số chủ trương, chính sách chủ động tham gia cuộc cách mạng công nghiệp lần thứ tư"},
        {"id": "tw/2019/kl/52", "doc_type": "Kết luận", "symbol": "52-KL/TW", "issuer": "TW", "date": "2019-05-30",
         "title": "Về tiếp tục thực hiện Nghị quyết Trung ương 7 khóa X về xây dựng đội ngũ trí thức"},
    ]
    kb = build_kb(tmp_path, docs, edges)
    for task, named in (("Kế hoạch thực hiện Nghị quyết 52-NQ/TW", "tw/2019/nq/52"),
                        ("Kế hoạch thực hiện Nghị quyết số 52-NQ/TW của Bộ Chính trị năm 2026", "tw/2019/nq/52"),
                        ("Kế hoạch triển khai Nghị định 61/2018 năm 2019", "cp/2018/nd/61")):
        found = suggest(kb, task, as_of=dt.date(2020, 6, 1), k=5)
        assert found and found[0].id == named, (task, [s.id for s in found])
        assert "được nêu trong nội dung cần soạn" in found[0].reasons


def test_a_named_document_the_kb_lacks_or_cannot_tell_apart_is_told(tmp_path: Path) -> None:
    """Suggestions that rest on none of the documents a task names must say so: one the KB
    lacks (with the KB's symbol one slip away), one of another year than the date written,
    one whose symbol means two documents, and a reference given as already cited that the
    KB does not know. The document the task names and the KB holds gets no notice, nor
    does a Tờ trình (a working paper, never a basis)."""
    from cancu.graph.suggest import notices

    docs, edges = world()
    docs += [
        {"id": "tw/2019/nq/52", "doc_type": "Nghị quyết", "symbol": "52-NQ/TW", "issuer": "TW", "date": "2019-09-27",
         "title": "Về chủ động tham gia cuộc cách mạng công nghiệp lần thứ tư"},
        {"id": "cp/2019/nq/2", "doc_type": "Nghị quyết", "symbol": "02/NQ-CP", "issuer": "CP", "date": "2019-01-01",
         "title": "Về tiếp tục thực hiện nhiệm vụ cải thiện môi trường kinh doanh năm 2019"},
        {"id": "cp/2024/nq/2", "doc_type": "Nghị quyết", "symbol": "02/NQ-CP", "issuer": "CP", "date": "2024-01-05",
         "title": "Về cải thiện môi trường kinh doanh, nâng cao năng lực cạnh tranh quốc gia năm 2024"},
    ]
    kb = build_kb(tmp_path, docs, edges)
    told = notices(kb, "Kế hoạch thực hiện Nghị quyết 57-NQ/TW về đột phá phát triển khoa học, công nghệ")
    assert len(told) == 1 and "không có văn bản Nghị quyết số 57-NQ/TW" in told[0], told
    assert "gần giống: Nghị quyết số 52-NQ/TW ngày 27/9/2019" in told[0], told
    told = notices(kb, "Triển khai Nghị quyết số 02/NQ-CP ngày 08/01/2026 của Chính phủ")
    assert len(told) == 1 and "ngày 08/01/2026" in told[0] and "năm khác" in told[0], told
    assert "ngày 01/01/2019" in told[0] and "ngày 05/01/2024" in told[0], told
    told = notices(kb, "Kế hoạch thực hiện Nghị quyết 02/NQ-CP về môi trường kinh doanh")
    assert len(told) == 1 and "ứng với 2 văn bản" in told[0] and "ghi thêm ngày ban hành" in told[0], told
    assert notices(kb, "Kế hoạch thực hiện Nghị quyết 02/NQ-CP ngày 05/01/2024") == []
    assert notices(kb, "Kế hoạch thực hiện Nghị định số 61/2018/NĐ-CP; xét Tờ trình số 215/TTr-STNMT") == []
    told = notices(kb, "Kế hoạch một cửa", already_cited=("cp/2018/nd/61", "99/2018/NĐ-CP"))
    assert len(told) == 1 and "“99/2018/NĐ-CP”" in told[0], told


def test_the_cli_prints_and_returns_the_notices(kb: KnowledgeBase) -> None:
    """`cancu suggest` says a named document the KB lacks before its table, and `--json`
    gives the notices beside the suggestions (an empty list when there are none)."""
    import json
    import subprocess
    import sys

    base = [sys.executable, "-m", "cancu", "suggest", "--kb", str(kb.dir)]
    task = "Kế hoạch thực hiện Nghị quyết 57-NQ/TW và Nghị định số 61/2018/NĐ-CP"
    text = subprocess.run([*base, task], capture_output=True, text=True, timeout=120)
    assert text.returncode == 0 and text.stdout.startswith("Lưu ý: Kho tri thức không có văn bản Nghị quyết số 57-NQ/TW")
    assert "61/2018/NĐ-CP" in text.stdout.split("căn cứ", 1)[-1]
    out = json.loads(subprocess.run([*base, task, "--json"], capture_output=True, text=True, timeout=120).stdout)
    assert [n[:50] for n in out["notices"]] == ["Kho tri thức không có văn bản Nghị quyết số 57-NQ/TW"[:50]]
    assert out["suggestions"]
    plain = json.loads(subprocess.run([*base, "một cửa liên thông", "--json"], capture_output=True, text=True,
                                      timeout=120).stdout)
    assert plain["notices"] == [] and plain["suggestions"]
    # The date validity was judged on, today without --as-of, and the options, echoed.
    assert plain["as_of"] == dt.date.today().isoformat() and plain["province"] is None and plain["issuer"] is None


def test_a_report_is_never_offered_and_a_plan_carried_out_is_written_thuc_hien(tmp_path: Path) -> None:
    """A Báo cáo on the very subject of the task decides nothing and is no căn cứ; the
    province's plan implementing the decree is cited "Thực hiện Kế hoạch ...", the decree
    "Căn cứ Nghị định ...", in the suggestion and in the implementing documents under it."""
    docs, edges = world()
    docs += [
        {"id": "ubnd.quang-ngai/2020/bc/12", "doc_type": "Báo cáo", "symbol": "12/BC-UBND", "issuer": "UBND",
         "province": QN, "date": "2020-03-01",
         "title": "Kết quả thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính"},
        {"id": "ubnd.quang-ngai/2019/kh/40", "doc_type": "Kế hoạch", "symbol": "40/KH-UBND", "issuer": "UBND",
         "province": QN, "date": "2019-03-01",
         "title": "Thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính trên địa bàn tỉnh"},
    ]
    edges += [("ubnd.quang-ngai/2019/kh/40", "implements", "cp/2018/nd/61", None),
              ("ubnd.quang-ngai/2020/bc/12", "cites", "cp/2018/nd/61", None)]
    kb = build_kb(tmp_path, docs, edges)
    task = "Kế hoạch thực hiện cơ chế một cửa, một cửa liên thông trong giải quyết thủ tục hành chính năm 2020"
    found = suggest(kb, task, province=QN, as_of=dt.date(2020, 6, 1), k=15)
    by_id = {s.id: s for s in found}
    assert "ubnd.quang-ngai/2020/bc/12" not in by_id, [s.id for s in found]
    assert by_id["cp/2018/nd/61"].lead == "Căn cứ" and by_id["cp/2018/nd/61"].to_json()["lead"] == "Căn cứ"
    assert by_id["ubnd.quang-ngai/2019/kh/40"].lead == "Thực hiện"
    under = {d["id"]: d for d in by_id["cp/2018/nd/61"].implemented_by}
    assert under["ubnd.quang-ngai/2019/kh/40"]["lead"] == "Thực hiện"
    # A decision's preamble is căn cứ lines only: the same plan is "Căn cứ" there.
    decision = suggest(kb, "Quyết định ban hành quy chế thực hiện cơ chế một cửa, một cửa liên thông năm 2020",
                       province=QN, as_of=dt.date(2020, 6, 1), k=15)
    assert {s.lead for s in decision} == {"Căn cứ"}, [(s.id, s.lead) for s in decision]


SCOPES = vocab.load_table("scopes.json")["examples"]


@pytest.mark.parametrize("example", SCOPES, ids=[e["title"][-40:] for e in SCOPES])
def test_scope_examples(example: dict[str, Any]) -> None:
    from cancu.graph.suggest import own_scope

    assert own_scope(example["title"]) == example["scope"]


def test_a_ministrys_rules_for_its_own_staff_are_no_basis_of_a_provinces_plan(tmp_path: Path) -> None:
    """Bộ Giao thông vận tải's circular on legal education "trong ngành Giao thông vận tải"
    shares every subject word of a province's plan on legal education, but governs the
    ministry's staff: flagged and below the law every body follows. A task of the
    province's Sở Giao thông vận tải names the sector and keeps it, and so does the
    ministry's own draft. A circular on a sector the ministry manages ("thuộc phạm vi quản
    lý của Bộ Tư pháp") binds provinces and is no scope."""
    docs = [
        _law("qh/2012/14", "14/2012/QH13", "2012-06-20", "Phổ biến, giáo dục pháp luật"),
        {"id": "bgtvt/2013/tt/47", "doc_type": "Thông tư", "symbol": "47/2013/TT-BGTVT", "issuer": "BGTVT",
         "date": "2013-12-06",
         "title": "Quy định về công tác phổ biến, giáo dục pháp luật trong ngành Giao thông vận tải"},
        {"id": "btp/2023/tt/5", "doc_type": "Thông tư", "symbol": "05/2023/TT-BTP", "issuer": "BTP", "date": "2023-08-01",
         "title": "Quy định công tác phổ biến, giáo dục pháp luật trong các lĩnh vực thuộc phạm vi quản lý của Bộ Tư pháp "
                  "tại chính quyền địa phương"},
        _law("qh/2015/77", "77/2015/QH13", "2015-06-19", "Tổ chức chính quyền địa phương"),
    ]
    kb = build_kb(tmp_path, docs, [])
    as_of = dt.date(2024, 1, 15)
    found = suggest(kb, "Kế hoạch công tác phổ biến, giáo dục pháp luật năm 2024", province=QN, as_of=as_of)
    order = ids(found)
    assert order.index("qh/2012/14") < order.index("bgtvt/2013/tt/47"), order
    flags = {s.id: s.flags for s in found}
    assert flags["bgtvt/2013/tt/47"] == [
        "văn bản áp dụng trong phạm vi Giao thông vận tải; nội dung cần soạn không nêu phạm vi này"]
    assert not any("phạm vi" in f for f in flags["btp/2023/tt/5"]), flags["btp/2023/tt/5"]
    own = suggest(kb, "Kế hoạch công tác phổ biến, giáo dục pháp luật năm 2024 của Sở Giao thông vận tải", province=QN,
                  as_of=as_of)
    assert not any("phạm vi" in f for f in next(s for s in own if s.id == "bgtvt/2013/tt/47").flags)
    central = suggest(kb, "Kế hoạch công tác phổ biến, giáo dục pháp luật năm 2024", issuer="BGTVT", as_of=as_of)
    assert not any("phạm vi" in f for f in next(s for s in central if s.id == "bgtvt/2013/tt/47").flags)


def test_an_amending_decree_is_as_alive_as_the_decree_it_amends(tmp_path: Path) -> None:
    """Nghị định 48/2013/NĐ-CP amends 63/2010/NĐ-CP and no text cites it apart; 63/2010 is
    cited and amended lately, so neither is flagged "cần kiểm tra còn hiệu lực". A decree
    of the same age that nothing has touched in ten years still is."""
    amending = "Sửa đổi, bổ sung một số điều của các nghị định liên quan đến kiểm soát thủ tục hành chính"
    docs = [
        _decree(63, 2010, "Về kiểm soát thủ tục hành chính", month=6),
        _decree(48, 2013, amending, month=5),
        _decree(92, 2017, amending, month=8),
        _decree(5, 2012, "Về thủ tục hành chính trong lĩnh vực kiểm soát chất lượng", month=2),
        {"id": "ubnd.quang-ngai/2022/kh/7", "doc_type": "Kế hoạch", "symbol": "07/KH-UBND", "issuer": "UBND",
         "province": QN, "date": "2022-01-10", "title": "Kiểm soát thủ tục hành chính năm 2022"},
    ]
    edges = [("cp/2013/nd/48", "amends", "cp/2010/nd/63", None), ("cp/2017/nd/92", "amends", "cp/2010/nd/63", None),
             ("ubnd.quang-ngai/2022/kh/7", "based_on", "cp/2010/nd/63", "Căn cứ Nghị định số 63/2010/NĐ-CP;")]
    kb = build_kb(tmp_path, docs, edges)
    found = {s.id: s for s in suggest(kb, "Kế hoạch kiểm soát thủ tục hành chính năm 2026", issuer="UBND", province=QN,
                                      as_of=dt.date(2026, 1, 15), k=10)}
    assert not any("cần kiểm tra còn hiệu lực" in f for f in found["cp/2013/nd/48"].flags), found["cp/2013/nd/48"].flags
    assert not any("cần kiểm tra còn hiệu lực" in f for f in found["cp/2010/nd/63"].flags)
    assert any("cần kiểm tra còn hiệu lực" in f for f in found["cp/2012/nd/5"].flags), found["cp/2012/nd/5"].flags


def test_a_districts_body_writing_after_the_district_level_ended_is_told(kb: KnowledgeBase) -> None:
    """The district level was abolished from 1/7/2025 (data/districts.json): a task of
    "UBND huyện Bình Sơn" dated 2026, as its issuer or as the writer its text names, is
    told to check its issuer or date; the same task of January 2025, a city's People's
    Committee and a subject about a "huyện đảo" are not."""
    from cancu.graph.suggest import notices

    later, before = dt.date(2026, 1, 15), dt.date(2025, 1, 15)
    for task, issuer in (("Kế hoạch cải cách hành chính năm 2026", "UBND huyện Bình Sơn"),
                         ("Kế hoạch cải cách hành chính năm 2026 của UBND huyện Bình Sơn", None)):
        told = notices(kb, task, issuer=issuer, as_of=later)
        assert len(told) == 1 and told[0].startswith("Từ ngày 01/7/2025 không còn cấp huyện"), told
        assert "“UBND huyện Bình Sơn”" in told[0] and "(15/01/2026)" in told[0], told
        assert notices(kb, task, issuer=issuer, as_of=before) == []
    assert notices(kb, "Kế hoạch năm 2026 của UBND thành phố Quảng Ngãi", as_of=later) == []
    assert notices(kb, "Kế hoạch năm 2026 về dân vận ở huyện đảo", as_of=later) == []


def test_a_report_is_told_it_has_no_bases_section(kb: KnowledgeBase) -> None:
    """A Báo cáo rests on nothing (data/citation_forms.json 'not_bases'): the documents
    listed for it are what it may refer to, and the notice says so, typed with or without
    diacritics. A plan on reporting is no report."""
    from cancu.graph.suggest import notices

    for task in ("Báo cáo kết quả thực hiện cơ chế một cửa năm 2025", "bao cao ket qua thuc hien co che mot cua nam 2025"):
        told = notices(kb, task, as_of=dt.date(2025, 12, 1))
        assert told == ["Báo cáo thường không có phần căn cứ ban hành: các văn bản dưới đây là văn bản liên quan, "
                        "để dẫn trong nội dung báo cáo."], told
    assert notices(kb, "Kế hoạch thực hiện chế độ báo cáo năm 2025", as_of=dt.date(2025, 12, 1)) == []


def test_a_peoples_body_named_without_its_place_writes_at_its_level(default_kb: KnowledgeBase) -> None:
    """"UBND xã" is a xã's People's Committee, though no name follows: the structural basis
    is what a xã's decisions cite, not a tỉnh's (rev39 saw "... của Ủy ban nhân dân tỉnh")."""
    out = suggest(default_kb, "Quyết định ban hành Quy chế tiếp công dân của Ủy ban nhân dân xã", issuer="UBND xã",
                  province="Khánh Hòa", as_of=dt.date(2025, 9, 15), k=5)
    structural = [r for s in out for r in s.reasons if "thường nêu" in r]
    assert structural and all("Ủy ban nhân dân xã" in r for r in structural), structural


def test_a_writers_level_is_read_with_its_marks_and_before_its_address(kb: KnowledgeBase) -> None:
    """Folded, "quận" is the "Quản" of "Ban Quản lý" and the "Quân" of "Bộ Chỉ huy Quân sự";
    a xã's People's Committee written with its old huyện is the xã's. None of them is told
    that the district level ended; a huyện's People's Committee is, typed with or without
    marks, and so is a pasted draft headed by one."""
    from cancu.graph.suggest import notices

    later = dt.date(2026, 1, 15)
    for issuer in ("Ban Quản lý Khu kinh tế Dung Quất và các Khu công nghiệp Quảng Ngãi",
                   "Bộ Chỉ huy Quân sự tỉnh Quảng Ngãi", "Văn phòng Ủy ban nhân dân tỉnh (Cơ quan thường trực)",
                   "UBND xã Tịnh Phong, huyện Sơn Tịnh"):
        assert notices(kb, "Kế hoạch cải cách hành chính năm 2026", issuer=issuer, as_of=later) == [], issuer
    for issuer in ("UBND huyện Sơn Tịnh", "UBND huyen Son Tinh", "UBND quận 3", "UBND huyện", "Ủy ban nhân dân huyện"):
        told = notices(kb, "Kế hoạch cải cách hành chính năm 2026", issuer=issuer, as_of=later)
        assert len(told) == 1 and "không còn cấp huyện" in told[0], (issuer, told)
    pasted = ("ỦY BAN NHÂN DÂN\nHUYỆN SƠN TỊNH\nSố: 12/KH-UBND\nSơn Tịnh, ngày 15 tháng 01 năm 2026\n"
              "KẾ HOẠCH\nPhòng, chống thiên tai năm 2026\n")
    told = notices(kb, pasted, as_of=later)
    assert len(told) == 1 and "“UBND huyện Sơn Tịnh”" in told[0], told
    report = ("UBND TỈNH QUẢNG NGÃI\nSố: 12/BC-UBND\nQuảng Ngãi, ngày 15 tháng 01 năm 2026\nBÁO CÁO\n"
              "Kết quả thực hiện cơ chế một cửa năm 2025\n")
    assert [n[:40] for n in notices(kb, report, as_of=later)] == ["Báo cáo thường không có phần căn cứ ban "]


def test_a_pasted_header_is_read_as_the_task_it_titles(kb: KnowledgeBase) -> None:
    """A pasted draft's header gives its issuer, province and type; its own number names no
    basis and its issuer, number and date lines are no subject: the answer is the one for
    the same task typed, and a document of another year with the draft's number is not
    taken for one the task names."""
    header = ("UBND TỈNH QUẢNG NGÃI\nSố: 1523/QĐ-UBND\nQuảng Ngãi, ngày 15 tháng 01 năm 2021\nQUYẾT ĐỊNH\n"
              "Về việc nâng cấp hạ tầng trang thiết bị tại Trung tâm Phục vụ hành chính công\n")
    typed = "Quyết định về việc nâng cấp hạ tầng trang thiết bị tại Trung tâm Phục vụ hành chính công"
    as_of = dt.date(2021, 1, 15)
    pasted = suggest(kb, header, as_of=as_of, k=8)
    # 1523/QĐ-UBND of 2018 shares the draft's number, not its identity: not "named".
    assert not any("được nêu trong nội dung cần soạn" in s.reasons for s in pasted), [(s.id, s.reasons) for s in pasted]
    assert ids(pasted) == ids(suggest(kb, typed, issuer="UBND TỈNH QUẢNG NGÃI", province="Quảng Ngãi", as_of=as_of,
                                      k=8))


def test_a_year_after_a_named_symbol_may_be_the_plans_own(tmp_path: Path) -> None:
    """"Kế hoạch thực hiện Chỉ thị 16/CT-TTg năm 2026": 2026 is the plan's year, not the
    directive's. The directive the KB holds (of 2017) is the named basis, first, with no
    notice; a full date still tells which year's document is meant. A named Party
    resolution typed in lower case is read, and stays first though its period is over."""
    from cancu.graph.suggest import notices

    docs = [
        {"id": "ttg/2017/ct/16", "doc_type": "Chỉ thị", "symbol": "16/CT-TTg", "issuer": "TTg", "date": "2017-05-04",
         "title": "Về việc tăng cường năng lực tiếp cận cuộc Cách mạng công nghiệp lần thứ 4"},
        {"id": "tu.quang-ngai/2016/nq/5", "doc_type": "Nghị quyết", "symbol": "05-NQ/TU", "issuer": "TU",
         "province": QN, "date": "2016-07-01",
         "title": "Về cải cách hành chính tỉnh Quảng Ngãi giai đoạn 2016 - 2020"},
        {"id": "qh/2015/77", "doc_type": "Luật", "symbol": "77/2015/QH13", "issuer": "QH", "date": "2015-06-19",
         "title": "Tổ chức chính quyền địa phương"},
    ]
    kb = build_kb(tmp_path, docs, [])
    as_of = dt.date(2026, 1, 15)
    task = "Kế hoạch thực hiện Chỉ thị 16/CT-TTg năm 2026"
    found = suggest(kb, task, issuer="UBND", province=QN, as_of=as_of, k=3)
    assert found[0].id == "ttg/2017/ct/16" and "được nêu trong nội dung cần soạn" in found[0].reasons
    assert notices(kb, task, as_of=as_of) == []
    told = notices(kb, "Kế hoạch thực hiện Chỉ thị số 16/CT-TTg ngày 04/5/2026", as_of=as_of)
    assert len(told) == 1 and "năm khác" in told[0], told
    party = suggest(kb, "ke hoach thuc hien nghi quyet 05-nq/tu", issuer="UBND", province=QN, as_of=as_of, k=3)
    assert party[0].id == "tu.quang-ngai/2016/nq/5" and party[0].flags, [(s.id, s.flags) for s in party]


def test_notices_of_many_unknown_documents_are_capped(kb: KnowledgeBase) -> None:
    """A task naming seven documents the KB lacks gets five notices and one more naming the
    rest, not a page of notices."""
    from cancu.graph.suggest import MAX_NAMED_NOTICES, notices

    task = "Kế hoạch thực hiện " + "; ".join(f"Quyết định số {n}/QĐ-UBND ngày 0{n}/01/2025" for n in range(1, 8))
    told = notices(kb, task, as_of=dt.date(2026, 1, 15))
    assert len(told) == MAX_NAMED_NOTICES + 1, told
    assert told[-1].startswith("Kho tri thức cũng không có (hoặc chưa rõ) 2 văn bản khác") and "07/QĐ-UBND" in told[-1]


def test_an_amendment_catalogued_under_the_bare_name_is_no_new_version(tmp_path: Path) -> None:
    """Pháp lệnh 08/2008/PL-UBTVQH12 amends Điều 10 of Pháp lệnh Dân số 06/2003, and the
    catalogue files it under the same bare name "Dân số". The KB's amends edge says what it
    is: the 2003 ordinance stays the field's basis, above its amendment for a population
    plan, and lint
    does not tell a draft citing it that it was replaced."""
    from cancu.graph.lint import lint

    docs = [
        {"id": "ubtvqh/2003/pl/6", "doc_type": "Pháp lệnh", "symbol": "06/2003/PL-UBTVQH11", "issuer": "UBTVQH",
         "date": "2003-01-09", "title": "Dân số"},
        {"id": "ubtvqh/2008/pl/8", "doc_type": "Pháp lệnh", "symbol": "08/2008/PL-UBTVQH12", "issuer": "UBTVQH",
         "date": "2008-12-27", "title": "Dân số"},
        {"id": "qh/2015/77", "doc_type": "Luật", "symbol": "77/2015/QH13", "issuer": "QH", "date": "2015-06-19",
         "title": "Tổ chức chính quyền địa phương"},
    ]
    kb = build_kb(tmp_path, docs, [("ubtvqh/2008/pl/8", "amends", "ubtvqh/2003/pl/6", None)])
    as_of = dt.date(2024, 1, 15)
    found = suggest(kb, "Kế hoạch công tác dân số và phát triển năm 2024", issuer="UBND", province=QN, as_of=as_of)
    order = ids(found)
    assert order.index("ubtvqh/2003/pl/6") < order.index("ubtvqh/2008/pl/8"), [(s.id, s.flags) for s in found]
    assert not any("thay" in f for f in found[order.index("ubtvqh/2003/pl/6")].flags)
    report = lint(kb, "Căn cứ Pháp lệnh Dân số ngày 09 tháng 01 năm 2003.", as_of=as_of)
    assert [c.status for c in report.citations] == ["found"] and report.problems == [], report.problems


def test_a_draft_for_a_province_merged_away_is_told_its_new_province(kb: KnowledgeBase) -> None:
    """Bình Định was merged into Gia Lai from 1/7/2025 (data/provinces.json): a draft for
    Bình Định dated after that is told to write Gia Lai; one dated before, and one for
    Quảng Ngãi, which kept its name while absorbing Kon Tum, are not."""
    from cancu.graph.suggest import notices

    told = notices(kb, "Kế hoạch cải cách hành chính năm 2026", province="Bình Định", as_of=dt.date(2026, 1, 15))
    assert len(told) == 1 and told[0].startswith("Từ ngày 01/7/2025, tỉnh Bình Định đã hợp nhất vào Gia Lai"), told
    assert "Nghị quyết số 202/2025/QH15" in told[0]
    assert notices(kb, "Kế hoạch cải cách hành chính năm 2025", province="Bình Định", as_of=dt.date(2025, 3, 1)) == []
    assert notices(kb, "Kế hoạch cải cách hành chính năm 2026", province=QN, as_of=dt.date(2026, 1, 15)) == []
