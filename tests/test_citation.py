"""Căn cứ strings (graph/citation.py): every example of data/citation_forms.json, the
block form, and the issuer/province rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from cancu.graph import vocab
from cancu.graph.citation import (
    adds_to_a_list,
    basis_block,
    format_citation,
    format_citations,
    format_date,
    is_amending_name,
    lead_word,
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


def test_a_party_document_names_the_body_the_kb_knows_else_the_tables_name() -> None:
    """TW is the code of the Bộ Chính trị, the Ban Bí thư and the Central Committee: the
    citation names the body the KB learned from citing documents; knowing none (or only
    "Trung ương"), the table's name as before."""
    known = doc(id="tw/2019/nq/52", doc_type="Nghị quyết", symbol="52-NQ/TW", issuer="TW", date="2019-09-27",
                title="về một số chủ trương", issuer_name="Bộ Chính trị")
    assert format_citation(known) == ("Nghị quyết số 52-NQ/TW ngày 27/9/2019 của Bộ Chính trị "
                                      "về một số chủ trương")
    for name in (None, "Trung ương"):
        unknown = doc(id="tw/2019/nq/52", doc_type="Nghị quyết", symbol="52-NQ/TW", issuer="TW",
                      date="2019-09-27", title="về một số chủ trương", issuer_name=name)
        assert "của Ban Chấp hành Trung ương Đảng về" in format_citation(unknown)


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


LEADS = vocab.load_table("citation_forms.json")["lead_words"]["examples"]


@pytest.mark.parametrize("example", LEADS, ids=[e["doc"]["symbol"] + "@" + str(e.get("draft")) for e in LEADS])
def test_lead_word_examples(example: dict[str, Any]) -> None:
    """A legal basis is cited "Căn cứ", a plan, directive, letter or Party document carried
    out "Thực hiện" (in a draft without a căn cứ preamble: a decision writes "Căn cứ" for
    all); a report or a submission is no basis, and a preamble naming one writes "Xét"
    (data/citation_forms.json 'lead_words')."""
    assert lead_word(doc(**example["doc"]), example.get("draft")) == example["lead"]


def test_basis_block_opens_each_line_with_its_documents_lead_word() -> None:
    """Seed 000 opens "Thực hiện Kế hoạch số 151/KH-UBND ...": the provincial plan a draft
    carries out is not written "Căn cứ" beside the laws it rests on."""
    law = doc(id="qh/2015/77", doc_type="Luật", symbol="77/2015/QH13", date="2015-06-19",
              title="Tổ chức chính quyền địa phương")
    plan = doc(id="ubnd.quang-ngai/2020/kh/151", doc_type="Kế hoạch", symbol="151/KH-UBND", issuer="UBND",
               province="Quảng Ngãi", date="2020-12-21", title="Ứng dụng công nghệ thông tin giai đoạn 2021-2025")
    lines = basis_block([plan, law]).splitlines()
    assert lines[0].startswith("Căn cứ Luật Tổ chức chính quyền địa phương") and lines[0].endswith(";")
    assert lines[1].startswith("Thực hiện Kế hoạch số 151/KH-UBND ngày 21/12/2020") and lines[1].endswith(".")
    assert basis_block([plan], word="Căn cứ").startswith("Căn cứ Kế hoạch số 151/KH-UBND")
    # A decision's preamble is căn cứ lines only, whatever they cite.
    assert basis_block([plan, law], draft_type="Quyết định").splitlines()[1].startswith("Căn cứ Kế hoạch số 151")


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
    # symbols keep their case, and the type word before one its capital
    ("SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA NGHỊ ĐỊNH SỐ 61/2018/NĐ-CP VỀ THỰC HIỆN CƠ CHẾ MỘT CỬA",
     "Sửa đổi, bổ sung một số điều của Nghị định số 61/2018/NĐ-CP về thực hiện cơ chế một cửa"),
    ("HƯỚNG DẪN THÔNG TƯ LIÊN TỊCH SỐ 01/2011/TTLT-VPCP-BNV", "Hướng dẫn Thông tư liên tịch số 01/2011/TTLT-VPCP-BNV"),
    # a symbol with a lower-case letter does not hide an all-capitals title
    ("SỬA ĐỔI NGHỊ QUYẾT SỐ 522b/NQ-UBTVQH13 CỦA ỦY BAN THƯỜNG VỤ QUỐC HỘI, BỘ Y TẾ",
     "Sửa đổi Nghị quyết số 522b/NQ-UBTVQH13 của Ủy ban Thường vụ Quốc hội, Bộ Y tế"),
    ("QUY ĐỊNH VỀ SỐ LƯỢNG PHÓ CHỦ TỊCH", "Quy định về số lượng phó chủ tịch"),
    ("NÂNG CAO HIỆU QUẢ HOẠT ĐỘNG KIỂM TOÁN NHÀ NƯỚC", "Nâng cao hiệu quả hoạt động kiểm toán nhà nước"),
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


# --- citations found in drafts (ingest/cites.py) ---------------------------------------------

def found_citations(text: str) -> list[dict[str, Any]]:
    """The citations `cancu extract` reports for `text`; each one's span must cover its
    text in the original (line breaks included)."""
    from cancu.ingest.extract import extract_text, extraction_to_json

    found = extraction_to_json(extract_text(text))["citations"]
    for c in found:
        assert text[c["start"]:c["end"]] == c["text"]
    return found


@pytest.mark.parametrize("text,symbol,written", [
    ("Căn cứ Nghị định số 47/2020/\nNĐ-CP ngày 09/4/2020 của Chính phủ về quản lý, kết nối và chia sẻ dữ liệu số;",
     "47/2020/NĐ-CP", "47/2020/\nNĐ-CP"),
    ("Thực hiện Quyết định số 749/\nQĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;", "749/QĐ-TTg", "749/\nQĐ-TTg"),
    ("Căn cứ Nghị định số 61 /2018/NĐ-CP ngày 23/4/2018 của Chính phủ;", "61/2018/NĐ-CP", "61 /2018/NĐ-CP"),
    ("Căn cứ Nghị định số 47/\n2020/NĐ-CP ngày 09/4/2020;", "47/2020/NĐ-CP", "47/\n2020/NĐ-CP"),
    ("Căn cứ Nghị định số 61/ 2018/NĐ-CP ngày 23/4/2018;", "61/2018/NĐ-CP", "61/ 2018/NĐ-CP"),
    ("Căn cứ Luật Tổ chức Chính phủ số 72/2025/ \n\nQH15;", "72/2025/QH15", "72/2025/ \n\nQH15"),
    # a line break inside a code: the two fragments make a known code ("NĐ")
    ("Căn cứ Nghị định số 47/2020/N\nĐ-CP ngày 09/4/2020;", "47/2020/NĐ-CP", "47/2020/N\nĐ-CP"),
    ("Thực hiện Kế hoạch số 61/KH-UB\nND ngày 10/4/2019 của UBND tỉnh;", "61/KH-UBND", "61/KH-UB\nND"),
], ids=["break-before-code", "admin-break-before-code", "space-before-slash", "break-before-year",
        "space-before-year", "blank-line-before-QH", "break-inside-type-code", "break-inside-issuer-code"])
def test_a_line_break_beside_a_slash_keeps_the_symbol_whole(text: str, symbol: str, written: str) -> None:
    """PDF text breaks a line next to the "/" of a symbol as it does next to a "-": the
    symbol is reported without the break, and its span still covers the break."""
    found = found_citations(text)
    assert [c["symbol"] for c in found] == [symbol]
    assert written in found[0]["text"]


@pytest.mark.parametrize("text", [
    "Hội nghị diễn ra ngày 29/ 6/2024 tại trụ sở và/ hoặc trực tuyến.",
    "Thực hiện theo Điều 5/ khoản 2 của quy chế; tỷ lệ đạt 1/ 2 số hộ.",
    "Kết quả năm học 2019 / 2020 / Trong năm tới cần cố gắng hơn.",
    "Nghị định 45/2020/ Trong đó quy định rõ trách nhiệm.",
    "Phụ lục số 5/ A kèm theo.",
    # Codes after a spaced slash, but no type word before the number and no year part.
    "Tỷ lệ 5/ CP trong năm; kết quả năm 2019/ UBND tỉnh đã giao; đạt 50/ TW giao; tổng số 120 / QH.",
], ids=["date-and-or", "article-fraction", "school-year", "year-then-word", "list-letter", "codes-in-prose"])
def test_a_slash_in_prose_glues_no_symbol(text: str) -> None:
    """Only symbol parts (number, year, code) join across a spaced slash."""
    assert [c["symbol"] for c in found_citations(text) if c["symbol"]] == []


def test_listed_symbols_with_a_spaced_slash_are_each_found() -> None:
    """A type code and an issuer code after the slash make a symbol without a type word
    before the number: the second item of a list."""
    found = found_citations("Căn cứ Quyết định số 12/ QĐ-UBND và 13/ QĐ-UBND của Ủy ban nhân dân tỉnh;")
    assert [c["symbol"] for c in found] == ["12/QĐ-UBND", "13/QĐ-UBND"]


def test_a_break_after_a_whole_symbol_joins_nothing() -> None:
    found = found_citations("Căn cứ Quyết định số 749/QĐ-TTg TTCP giao nhiệm vụ;")
    assert [c["symbol"] for c in found] == ["749/QĐ-TTg"]


@pytest.mark.parametrize("text,symbol,name", [
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15;", "64/2025/QH15",
     "Luật Ban hành văn bản quy phạm pháp luật"),
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 80/2015/QH13 ngày 22 tháng 6 năm 2015;", "80/2015/QH13",
     "Luật Ban hành văn bản quy phạm pháp luật"),
    ("Căn cứ Luật Phổ biến, giáo dục pháp luật số 14/2012/QH13;", "14/2012/QH13",
     "Luật Phổ biến, giáo dục pháp luật"),
], ids=["64/2025", "80/2015-dated", "14/2012"])
def test_a_law_name_ending_in_luat_is_one_citation_with_its_number(text: str, symbol: str, name: str) -> None:
    """The name's last word "luật" is no type word of the symbol after it."""
    found = found_citations(text)
    assert [(c["symbol"], c["name"], c["doc_type"]) for c in found] == [(symbol, name, "Luật")]
    assert found[0]["text"].startswith(name + " số " + symbol)


def test_an_amending_title_ending_in_luat_takes_its_own_number() -> None:
    text = ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật "
            "số 63/2020/QH14;")
    found = found_citations(text)
    assert [(c["symbol"], c["name"]) for c in found] == [
        ("63/2020/QH14", "Luật sửa đổi, bổ sung một số điều của Luật Ban hành văn bản quy phạm pháp luật"),
        (None, "Luật Ban hành văn bản quy phạm pháp luật"),
    ]


def test_a_listed_citation_ends_the_subject_before_it() -> None:
    """'Căn cứ A ... về X và B ... về Y;': B is the căn cứ's second item, not in A's title."""
    text = ("Căn cứ Nghị định số 115/2020/NĐ-CP ngày 25/9/2020 của Chính phủ quy định về tuyển dụng, sử dụng và "
            "quản lý viên chức và Nghị định số 90/2020/NĐ-CP ngày 13/8/2020 của Chính phủ về đánh giá, xếp loại "
            "chất lượng cán bộ, công chức, viên chức;")
    first, second = found_citations(text)
    assert first["subject"] == "quy định về tuyển dụng, sử dụng và quản lý viên chức"
    assert first["text"].endswith("quản lý viên chức")
    assert (second["symbol"], second["relation"]) == ("90/2020/NĐ-CP", "based_on")
    assert second["subject"] == "về đánh giá, xếp loại chất lượng cán bộ, công chức, viên chức"


def test_documents_a_title_names_stay_in_it() -> None:
    text = ("Căn cứ Nghị định số 136/2013/NĐ-CP ngày 21/10/2013 của Chính phủ về sửa đổi, bổ sung một số điều của "
            "Nghị định số 67/2007/NĐ-CP ngày 13/4/2007 và Nghị định số 13/2010/NĐ-CP ngày 27/02/2010;")
    outer, *named = found_citations(text)
    assert outer["subject"].endswith("và Nghị định số 13/2010/NĐ-CP ngày 27/02/2010")
    assert [c["relation"] for c in named] == ["cites", "cites"]


def test_a_pinpoint_after_va_stays_in_the_title() -> None:
    text = ("Căn cứ Nghị quyết số 04/2017/NQ-HĐTP ngày 05 tháng 5 năm 2017 của Hội đồng Thẩm phán Tòa án nhân dân "
            "tối cao hướng dẫn một số quy định tại khoản 1 và khoản 3 Điều 192 Bộ luật Tố tụng dân sự số "
            "92/2015/QH13 về trả lại đơn khởi kiện, quyền nộp đơn khởi kiện lại vụ án;")
    outer = found_citations(text)[0]
    assert outer["subject"].endswith("về trả lại đơn khởi kiện, quyền nộp đơn khởi kiện lại vụ án")


@pytest.mark.parametrize("example", vocab.load_table("citation_forms.json")["list_addition_examples"],
                         ids=lambda e: e["title"][:40])
def test_list_addition_examples(example: dict[str, Any]) -> None:
    """A title adding to a list ("Danh mục bổ sung ...") is no new version of the last one of
    that title; food supplements ("thực phẩm bổ sung") and amendments are not lists."""
    assert adds_to_a_list(example["title"]) is example["adds"]


def test_a_document_known_only_by_its_cited_name_is_cited_by_that_name() -> None:
    """"Kiến trúc Chính phủ điện tử Việt Nam" (no number, no title in the catalog; the name
    its citers write): the copy-ready citation is that name, never the KB's id."""
    doc = Document(id="name/kien-truc-chinh-phu-dien-tu-viet-nam")
    doc.aliases = {"Kiến trúc Chính phủ điện tử Việt Nam", "Kiến trúc CPĐT"}
    assert format_citation(doc) == "Kiến trúc Chính phủ điện tử Việt Nam"


@pytest.mark.parametrize("example", vocab.load_table("citation_forms.json")["law_name_examples"],
                         ids=lambda e: e["a"][:40])
def test_law_name_examples(example: dict[str, Any]) -> None:
    """Subjects naming other laws are of other documents, whatever boilerplate they share
    ("quy định chi tiết thi hành một số điều của Luật ..."); a name cut short, or a subject
    naming no law, sets nothing apart."""
    from cancu.graph.resolve import laws_differ, subjects_agree, subjects_differ

    assert laws_differ(example["a"], example["b"]) is example["differ"]
    if example["differ"]:
        assert subjects_differ(example["a"], example["b"]) and not subjects_agree(example["a"], example["b"])


def test_a_joint_circular_filed_under_one_issuer_is_cited_with_every_issuer_its_symbol_names() -> None:
    """A catalog kept 07/2013/TTLT-BGDĐT-BNV-BTC under BTC alone, and the copy-ready line
    read "của Bộ Tài chính" (rev39): the symbol names the three ministries that signed it."""
    joint = doc(id="btc/2013/ttlt/7", doc_type="Thông tư liên tịch", symbol="07/2013/TTLT-BGDĐT-BNV-BTC",
                issuer="BTC", date="2013-03-08",
                title="Hướng dẫn thực hiện chế độ trả lương dạy thêm giờ đối với nhà giáo trong cơ sở giáo dục công lập")
    assert "ngày 08/3/2013 của Bộ Giáo dục và Đào tạo, Bộ Nội vụ và Bộ Tài chính hướng dẫn" in format_citation(joint)
    # An issuer the symbol does not name is the catalog's word, kept: 61/2018/NĐ-CP is the Government's.
    assert "của Chính phủ" in format_citation(doc(id="cp/2018/nd/61", doc_type="Nghị định", symbol="61/2018/NĐ-CP",
                                                 issuer="CP", date="2018-04-23", title="Về thực hiện cơ chế một cửa"))
