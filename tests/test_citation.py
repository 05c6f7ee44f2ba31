"""Căn cứ strings (graph/citation.py): every example of data/citation_forms.json, the
block form, and the issuer/province rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cancu.graph import vocab
from cancu.graph.citation import (
    basis_block,
    format_citation,
    format_citations,
    format_date,
    is_amending_name,
    subject_phrase,
)
from cancu.graph.model import Document


def doc(**kw: Any) -> Document:
    for key in ("date", "effective_date"):
        if isinstance(kw.get(key), str):
            kw[key] = dt.date.fromisoformat(kw[key])
    return Document(**kw)


EXAMPLES = vocab.load_table("citation_forms.json")["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["doc"]["id"] + e.get("as_of", "") for e in EXAMPLES])
def test_table_examples(example: dict[str, Any]) -> None:
    d = doc(**example["doc"])
    as_of = dt.date.fromisoformat(example["as_of"]) if "as_of" in example else None
    assert format_citation(d, as_of=as_of) == example["first"]
    assert format_citation(d, first=False, as_of=as_of) == example["short"]


def test_issuer_names_come_from_the_issuer_table() -> None:
    for code in ("CP", "TTg", "VPCP", "BTC"):
        d = doc(id=f"x/{code}", doc_type="Quyết định", symbol=f"5/QĐ-{code}", issuer=code, date="2020-01-01",
                title="Về việc thử")
        assert f"của {vocab.issuer(code).name} về việc thử" in format_citation(d)


def test_local_issuer_carries_its_province_and_city_kind() -> None:
    qn = doc(id="a", doc_type="Quyết định", symbol="1571/QĐ-UBND", issuer="UBND", province="Quảng Ngãi",
             date="2019-10-28", title="Ban hành Kế hoạch ứng phó sự cố")
    assert format_citation(qn) == ("Quyết định số 1571/QĐ-UBND ngày 28/10/2019 của Ủy ban nhân dân tỉnh "
                                   "Quảng Ngãi ban hành Kế hoạch ứng phó sự cố")
    hn = doc(id="b", doc_type="Kế hoạch", symbol="01/KH-UBND", issuer="UBND", province="Hà Nội",
             date="2020-01-05", title="Phát triển")
    assert "của Ủy ban nhân dân thành phố Hà Nội" in format_citation(hn)


def test_type_word_from_symbol_when_kb_has_none() -> None:
    d = doc(id="c", symbol="43/2011/NĐ-CP", issuer="CP", date="2011-06-13")
    assert format_citation(d) == "Nghị định số 43/2011/NĐ-CP ngày 13/6/2011 của Chính phủ"


@pytest.mark.parametrize("title,expected", [
    ("Về thực hiện cơ chế một cửa", "về thực hiện cơ chế một cửa"),
    ("Quy định chi tiết một số điều", "quy định chi tiết một số điều"),
    ("Nghị định quy định về xử phạt", "quy định về xử phạt"),  # the type word is not repeated
    ("Chế độ báo cáo", "về chế độ báo cáo"),  # no verb: "về"
    ("V/v lập kế hoạch", "về việc lập kế hoạch"),
])
def test_subject_connector(title: str, expected: str) -> None:
    assert subject_phrase(doc(id="x", title=title), "Nghị định") == expected


def test_dates_follow_nd30_leading_zero_rule() -> None:
    assert format_date(dt.date(2019, 3, 7)) == "07/3/2019"
    assert format_date(dt.date(2019, 1, 24)) == "24/01/2019"
    assert format_date(dt.date(2018, 4, 23)) == "23/4/2018"


def test_basis_block_one_line_each_last_ends_with_full_stop_in_order_of_force() -> None:
    law = doc(id="qh/2015/77", doc_type="Luật", symbol="77/2015/QH13", date="2015-06-19",
              title="Tổ chức chính quyền địa phương")
    decree = doc(id="cp/2018/nd/61", doc_type="Nghị định", symbol="61/2018/NĐ-CP", issuer="CP",
                 date="2018-04-23", title="Về thực hiện cơ chế một cửa")
    block = basis_block([decree, law, decree])
    assert block.splitlines() == [
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
        "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa.",
    ]
    assert basis_block([]) == ""


def test_short_form_after_first_mention() -> None:
    d = doc(id="cp/2018/nd/61", doc_type="Nghị định", symbol="61/2018/NĐ-CP", issuer="CP", date="2018-04-23")
    first, again = format_citations([d, d])
    assert first.startswith("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018")
    assert again == "Nghị định số 61/2018/NĐ-CP"


@pytest.mark.parametrize("written,cased", [
    ("BỘ LUẬT DÂN SỰ", "Bộ luật Dân sự"),
    ("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA LUẬT ĐẤT ĐAI, LUẬT NHÀ Ở VÀ LUẬT CÁC TỔ CHỨC TÍN DỤNG",
     "Sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở và Luật Các tổ chức tín dụng"),
    ("LUẬT LUẬT SƯ", "Luật Luật sư"),
    ("HƯỚNG DẪN TẬP SỰ HÀNH NGHỀ LUẬT SƯ", "Hướng dẫn tập sự hành nghề luật sư"),
    ("HIẾN PHÁP NĂM 2013", "Hiến pháp năm 2013"),
    ("NGOÀI GIỜ LUẬT ĐỊNH", "Ngoài giờ luật định"),
    ("CÁC LUẬT THUẾ", "Các luật thuế"),
    ("QUYỀN CỦA LUẬT SƯ", "Quyền của luật sư"),
])
def test_an_upper_case_title_keeps_the_capitals_of_the_laws_it_names(written: str, cased: str) -> None:
    """A law's name in an all-capitals title is capitalised where it is one (at the start,
    after "của", "và", "theo" or a comma); "luật" as a common noun stays lower case."""
    from cancu.graph.citation import _sentence_case

    assert _sentence_case(written) == cased


@pytest.mark.parametrize("body,amending", [
    ("sửa đổi, bổ sung một số điều của Luật Tổ chức Chính phủ", True),
    ("về sửa đổi, bổ sung một số điều của Nghị định số 67/2007/NĐ-CP ngày 13/4/2007 của Chính phủ", True),
    ("Về việc sửa đổi, bổ sung Quyết định số 28/2018/QĐ-TTg", True),
    ("về chính sách trợ giúp các đối tượng bảo trợ xã hội", False),
    ("về việc bổ nhiệm cán bộ", False),
    ("về việc bổ sung kinh phí năm 2024", False),  # adds money, amends nothing
    ("V/v sửa đổi quy chế làm việc", True),
    ("về  sửa đổi, bổ sung Quy chế", True),
])
def test_an_amending_trich_yeu_is_told_after_its_connector(body: str, amending: bool) -> None:
    assert is_amending_name(body) is amending
