"""Table-driven cases for each feature of the extractor (issue #3), plus properties.

Each case is (text, expected): expected lists, per citation in order, the fields that
matter for the feature. `Q` is the province of the surrounding document (a Quảng Ngãi
header is prepended when a case needs one).
"""

from __future__ import annotations

import json
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cancu.graph import vocab
from cancu.ingest.cites import words
from cancu.ingest.extract import extract_text, extraction_to_json
from cancu.ingest.normalize import normalize

HEADER = "UBND TỈNH QUẢNG NGÃI\nVĂN PHÒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n" \
         "Số: 12/KH-VP    Quảng Ngãi, ngày 05 tháng 01 năm 2021\nKẾ HOẠCH\nVề việc thử\n"


def cites(text: str, header: bool = False) -> list[dict]:
    full = (HEADER + text) if header else text
    data = extraction_to_json(extract_text(full))
    for c in data["citations"]:
        assert full[c["start"]:c["end"]] == c["text"]
    return data["citations"]


def pick(c: dict, keys: tuple[str, ...]) -> tuple:
    return tuple(c[k] for k in keys)


SYMBOL_CASES = [
    # full form
    ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa;",
     [("61/2018/NĐ-CP", "2018-04-23", "CP", "based_on", "cp/2018/nd/61")]),
    # short form, no "số"
    ("theo Quyết định 749/QĐ-TTg ngày 03/6/2020 của TTCP", [("749/QĐ-TTg", "2020-06-03", "TTg", "cites", "ttg/2020/qd/749")]),
    # line-broken symbol, spaces in the symbol, double spaces
    ("Kế hoạch số 61/KH-\n\nUBND ngày 10/4/2019 của UBND tỉnh Kon Tum.", [("61/KH-UBND", "2019-04-10", "UBND", "cites", "ubnd.kon-tum/2019/kh/61")]),
    ("Công văn số 273/BTTTT -\n\nCBĐTW ngày 31/1/2020", [("273/BTTTT-CBĐTW", "2020-01-31", "BTTTT", "cites", "btttt/2020/cv/273")]),
    ("Nghị định  số 47/2020/NĐ-CP ngày  09 tháng 4 năm 2020", [("47/2020/NĐ-CP", "2020-04-09", "CP", "cites", "cp/2020/nd/47")]),
    # D for Đ, Ð (U+00D0) for Đ
    ("Nghị định 61/2018/ND-CP", [("61/2018/NĐ-CP", None, "CP", "cites", "cp/2018/nd/61")]),
    ("Nghị định 102/2017/NÐ-CP", [("102/2017/NĐ-CP", None, "CP", "cites", "cp/2017/nd/102")]),
    # bare symbols
    ("xem 01/2018/TT-VPCP và 52-NQ/TW", [("01/2018/TT-VPCP", None, "VPCP", "cites", "vpcp/2018/tt/1"),
                                        ("52-NQ/TW", None, "TW", "cites", None)]),
    # number and year only
    ("(Nghị định 45/2020)", [("45/2020/NĐ-CP", None, "CP", "cites", "cp/2020/nd/45")]),
    # letter suffix, Party numbering
    ("Nghị quyết 30c/NQ-CP ngày 08/11/2011", [("30c/NQ-CP", "2011-11-08", "CP", "cites", "cp/2011/nq/30c")]),
    ("Báo cáo số 492-BC/BCS ngày 10/7/2019 của Ban Cán sự Đảng UBND tỉnh",
     [("492-BC/BCS", "2019-07-10", "BCS", "cites", None)]),
    # relations from cues
    ("Thực hiện Kế hoạch số 151/KH-UBND ngày 21/12/2020 của UBND tỉnh Quảng Ngãi",
     [("151/KH-UBND", "2020-12-21", "UBND", "implements", "ubnd.quang-ngai/2020/kh/151")]),
    ("Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 43/2011/NĐ-CP",
     [("43/2011/NĐ-CP", None, "CP", "amends", "cp/2011/nd/43")]),
    ("Nghị định này thay thế Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ",
     [("64/2007/NĐ-CP", "2007-04-10", "CP", "replaces", "cp/2007/nd/64")]),
    ("Bãi bỏ Quyết định số 28/2018/QĐ-TTg ngày 12/7/2018", [("28/2018/QĐ-TTg", "2018-07-12", "TTg", "repeals", "ttg/2018/qd/28")]),
    # forms and annexes are no documents
    ("theo Mẫu số 01/TK-ĐK tại Phụ lục", []),
    # self-references are no citations
    ("Kế hoạch này thực hiện theo Quyết định này và Nghị định này.", []),
]


@pytest.mark.parametrize("text,expected", SYMBOL_CASES)
def test_symbols(text: str, expected: list[tuple]) -> None:
    keys = ("symbol", "date", "issuer", "relation", "id")
    assert [pick(c, keys) for c in cites(text)] == expected


def test_local_issuer_inherits_province() -> None:
    got = cites("Căn cứ Quyết định số 1066/QĐ-UBND ngày 20/7/2021 của Chủ tịch UBND tỉnh;", header=True)
    assert pick(got[0], ("province", "id", "relation")) == ("Quảng Ngãi", "ubnd.quang-ngai/2021/qd/1066", "based_on")
    explicit = cites("theo Quyết định số 435/QĐ-UBND ngày 04/5/2020 của UBND tỉnh Kon Tum", header=True)
    assert explicit[0]["province"] == "Kon Tum"


PINPOINT_CASES = [
    ("theo Điều 25, Nghị định số 45/2020/NĐ-CP ngày 08/ 4/2020", "Điều 25", "2020-04-08"),
    ("(Điều 14, Điều 16, Nghị định số 47/2020/NĐ-CP ngày 09/4/2020)", "Điều 14, Điều 16", "2020-04-09"),
    ("quy định tại khoản 2 Điều 5 Nghị định số 15/2020/NĐ-CP", "khoản 2 Điều 5", None),
    # Lists joined by "và"/"hoặc", and numbers listed after one unit word: the whole list.
    ("Căn cứ khoản 1 và khoản 3 Điều 192 Luật Đất đai số 31/2024/QH15;", "khoản 1 và khoản 3 Điều 192", None),
    ("theo điểm a hoặc điểm b khoản 1 Điều 3 Nghị định số 15/2020/NĐ-CP", "điểm a hoặc điểm b khoản 1 Điều 3", None),
    ("quy định tại khoản 1, 2 và 4 Điều 9 Nghị định số 15/2020/NĐ-CP", "khoản 1, 2 và 4 Điều 9", None),
    ("quy định tại các Điều 5, 6 và 7 Nghị định số 15/2020/NĐ-CP", "Điều 5, 6 và 7", None),
    ("theo điểm a, điểm b khoản 1 Điều 3 Nghị định số 15/2020/NĐ-CP", "điểm a, điểm b khoản 1 Điều 3", None),
    ("quy định từ Điều 5 đến Điều 7 Nghị định số 15/2020/NĐ-CP", "Điều 5 đến Điều 7", None),
]


@pytest.mark.parametrize("text,pin,date", PINPOINT_CASES)
def test_pinpoints(text: str, pin: str, date: str | None) -> None:
    got = cites(text)
    assert (got[0]["pinpoint"], got[0]["date"]) == (pin, date)
    assert got[0]["text"].startswith(pin.split(",")[0])


NAME_CASES = [
    ("Luật Công nghệ thông tin; Luật Giao dịch điện tử; Luật An toàn thông tin;",
     ["Luật Công nghệ thông tin", "Luật Giao dịch điện tử", "Luật An toàn thông tin"]),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", ["Luật Tổ chức chính quyền địa phương"]),
    ("Luật Hôn nhân và gia đình và Luật Đất đai thì", ["Luật Hôn nhân và gia đình", "Luật Đất đai"]),
    ("theo Luật Hải quan về thủ tục hải quan", ["Luật Hải quan"]),
    ("Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 2.0; Kiến trúc Chính quyền điện tử tỉnh Quảng Ngãi phiên bản 1.0;",
     ["Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 2.0", "Kiến trúc Chính quyền điện tử tỉnh Quảng Ngãi phiên bản 1.0"]),
    # generic uses are not names
    ("xây dựng/cập nhật Kiến trúc Chính quyền điện tử/Chính quyền số; Luật này; các luật", []),
]


@pytest.mark.parametrize("text,names", NAME_CASES)
def test_names(text: str, names: list[str]) -> None:
    assert [c["name"] for c in cites(text)] == names


def test_law_with_date_and_number() -> None:
    (c,) = cites("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;")
    assert (c["date"], c["issuer"], c["relation"], c["id"]) == (
        "2015-06-19", "QH", "based_on", "name/luat-to-chuc-chinh-quyen-dia-phuong-2015")
    (d,) = cites("Căn cứ Luật Doanh nghiệp số 59/2020/QH14;")
    assert (d["name"], d["symbol"], d["id"]) == ("Luật Doanh nghiệp", "59/2020/QH14", "qh/2020/59")


def test_lists_share_the_type_word() -> None:
    got = cites("(các Công văn số 1624/UBND-KGVX ngày 15/4/2020, số 2276/UBND-KSTTHC ngày 20/5/2020)", header=True)
    assert [(c["symbol"], c["doc_type"], c["date"]) for c in got] == [
        ("1624/UBND-KGVX", "Công văn", "2020-04-15"), ("2276/UBND-KSTTHC", "Công văn", "2020-05-20")]
    got = cites("các Quyết định phê duyệt: Năm 2018 (số 2458/QĐ- UBND ngày 18/12/2017)", header=True)
    assert [(c["symbol"], c["doc_type"], c["id"]) for c in got] == [
        ("2458/QĐ-UBND", "Quyết định", "ubnd.quang-ngai/2017/qd/2458")]


def edges(text: str) -> list[dict]:
    return extraction_to_json(extract_text(HEADER + text))["edges"]


def test_relations_between_cited_documents() -> None:
    e = edges("Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh về thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ.")
    assert {"from": "ubnd.quang-ngai/2019/kh/61", "relation": "implements", "to": "cp/2019/nq/17"} in e
    e = edges("Thông tư 01/2018/TT-VPCP hướng dẫn thi hành một số quy định của Nghị định 61/2018/NĐ-CP.")
    assert {"from": "vpcp/2018/tt/1", "relation": "guides", "to": "cp/2018/nd/61"} in e
    e = edges("Quyết định số 274/QĐ-TTg ngày 12/3/2019 của TTCP phê duyệt Đề án (Tỉnh Quảng Ngãi: Công văn số "
              "2069/UBND-KGVX ngày 26/4/2019; Quyết định số 5/QĐ-UBND ngày 2/5/2019);")
    assert {"from": "ubnd.quang-ngai/2019/cv/2069", "relation": "implements", "to": "ttg/2019/qd/274"} in e
    assert {"from": "ubnd.quang-ngai/2019/qd/5", "relation": "implements", "to": "ttg/2019/qd/274"} in e


def test_passive_cue_points_back() -> None:
    e = edges("Điều 5 [được hướng dẫn bởi Nghị định 38/2024/NĐ-CP]")
    assert {"from": "cp/2024/nd/38", "relation": "guides", "to": "vp.quang-ngai/2021/kh/12"} in e


def test_passive_cue_after_a_citation_points_at_that_citation() -> None:
    """"Luật X được sửa đổi, bổ sung bởi Luật Y", the form of căn cứ lines since 2025: Y
    amends X, not the document citing them; the list's own cue still governs Y."""
    got = extraction_to_json(extract_text(HEADER + (
        "Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi, bổ sung một số "
        "điều bởi Luật số 87/2025/QH15;\nCăn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ "
        "(được sửa đổi, bổ sung tại Nghị định số 107/2021/NĐ-CP ngày 06/12/2021);")))
    amends = {(e["from"], e["to"]) for e in got["edges"] if e["relation"] == "amends"}
    assert amends == {("qh/2025/87", "qh/2025/64"), ("cp/2021/nd/107", "cp/2018/nd/61")}, got["edges"]
    assert [c["relation"] for c in got["citations"]] == ["based_on"] * 4
    # The list of amending laws ends with its item ("; Luật ..." is the next căn cứ) and
    # with its kind (a decree amends no law).
    got = extraction_to_json(extract_text(HEADER + (
        "Căn cứ Luật Tổ chức Chính phủ số 76/2015/QH13 được sửa đổi, bổ sung bởi Luật số 47/2019/QH14; "
        "Luật Tổ chức chính quyền địa phương số 77/2015/QH13;\nCăn cứ Luật Đất đai số 31/2024/QH15 được sửa "
        "đổi, bổ sung bởi các Luật số 43/2024/QH15, số 47/2024/QH15, Nghị định số 61/2018/NĐ-CP;")))
    amends = {(e["from"], e["to"]) for e in got["edges"] if e["relation"] == "amends"}
    assert amends == {("qh/2019/47", "qh/2015/76"), ("qh/2024/43", "qh/2024/31"), ("qh/2024/47", "qh/2024/31")}, amends
    # Passive "được" only turns relations that have a passive sense: a duty "được thực
    # hiện theo" a decree is done as it says, the decree implements nothing.
    e = edges("Việc báo cáo được thực hiện theo Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ.")
    assert not [x for x in e if x["relation"] == "implements"], e


@pytest.mark.parametrize("text,relation", [
    # "theo" between the cue and the citation: the manner of a duty, unless the cue opens
    # the sentence (the document implements it then).
    ("Chế độ báo cáo định kỳ thực hiện theo Nghị định số 09/2019/NĐ-CP ngày 24/01/2019 của Chính phủ.", "cites"),
    ("Số lượng Phó Giám đốc thực hiện theo quy định tại khoản 3 Điều 6 Nghị định số 150/2025/NĐ-CP.", "cites"),
    ("Công an tỉnh báo cáo tình hình triển khai mô hình theo Chỉ thị số 14/CT-TTg ngày 25/4/2022.", "cites"),
    ("Chi tổ chức hội nghị: thực hiện theo Nghị quyết số 10/2017/NQ-HĐND ngày 19/7/2017 của HĐND tỉnh.", "cites"),
    ("Tiếp tục triển khai thực hiện có hiệu quả theo Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh.",
     "implements"),
    ("- Thực hiện theo Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh;", "implements"),
    ("II. NHIỆM VỤ TRỌNG TÂM\n- Thực hiện theo Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh;", "implements"),
    ("1. Mục tiêu\na) Triển khai theo Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;",
     "implements"),
    ("Để triển khai thực hiện theo Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ, UBND "
     "tỉnh ban hành Kế hoạch", "implements"),
    # "theo hướng dẫn tại X": the document follows X's guidance, it guides nothing.
    ("Sở báo cáo theo hướng dẫn tại Công văn số 2000/BTTTT-THH ngày 20/6/2023 của Bộ TTTT.", "cites"),
    ("Căn cứ theo hướng dẫn tại Công văn số 2000/BTTTT-THH ngày 20/6/2023 của Bộ TTTT;", "based_on"),
    ("Thông tư này hướng dẫn Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ.", "guides"),
])
def test_a_cue_before_theo_is_the_manner_of_a_duty(text: str, relation: str) -> None:
    (c,) = cites(text)
    assert c["relation"] == relation


def test_a_list_shares_its_cue_across_a_defined_name() -> None:
    """"(sau đây gọi tắt là Đề án 06)" between two items does not end the list."""
    got = cites("Thực hiện Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ phê duyệt Đề án "
                "phát triển ứng dụng dữ liệu về dân cư (sau đây gọi tắt là Đề án 06); Chỉ thị số 05/CT-TTg "
                "ngày 23/02/2023 của Thủ tướng Chính phủ; Kế hoạch số 24/KH-UBND ngày 10/02/2022 của UBND tỉnh,",
                header=True)
    assert [c["relation"] for c in got] == ["implements"] * 3


def problems(text: str) -> list[str]:
    return [p["kind"] for p in extraction_to_json(extract_text(HEADER + text))["problems"]]


@pytest.mark.parametrize("text,kinds", [
    ("Công văn số 6320/UBND-KSTTHC ngày 17/10/20178 của Chủ tịch UBND tỉnh", ["bad_date"]),
    ("Công văn số 2891/UBND-VX ngày 08/6/2026", ["suspicious_date"]),
    ("Quyết định số 2323/BTTTT-THH ngày 31/12/2019", ["type_mismatch"]),
    ("Nghị định số 61/NĐ-CP", ["missing_year"]),
    ("Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về một số nhiệm vụ, giải pháp trọng tâm; "
     "Nghị quyết số 17/NQ-CP ngày 09/3/2020 của Chính phủ về một số nhiệm vụ, giải pháp trọng tâm;", ["date_conflict"]),
    ("Kế hoạch số 151/KH-UBND ngày 21/12/2020; Kế hoạch số 151/KH-UBND ngày 09/12/2019;", []),
])
def test_problems(text: str, kinds: list[str]) -> None:
    assert problems(text) == kinds


def test_tasks_and_bases() -> None:
    text = HEADER + ("II. Nội dung\n1. Thuê dịch vụ phần mềm\n\nHệ thống báo cáo.\n1.1. Căn cứ áp dụng: Quyết định số "
                     "1066/QĐ-UBND ngày 20/7/2021 của Chủ tịch UBND tỉnh.\n1.2. Mục tiêu: x.\n"
                     "2. Nâng cấp\n2.1. Căn cứ áp dụng: Nghị định 61/2018/NĐ-CP; Thông tư số 01/2018/TT-VPCP.\n")
    tasks = extraction_to_json(extract_text(text))["tasks"]
    assert tasks == [
        {"title": "Thuê dịch vụ phần mềm Hệ thống báo cáo", "bases": ["ubnd.quang-ngai/2021/qd/1066"]},
        {"title": "Nâng cấp", "bases": ["cp/2018/nd/61", "vpcp/2018/tt/1"]},
    ]


def test_header_of_a_draft() -> None:
    doc = extraction_to_json(extract_text(
        "UBND TỈNH QUẢNG NGÃI\nVĂN PHÒNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Số:    /KH-VP      Quảng Ngãi, ngày     tháng 8 năm 2021\nKẾ HOẠCH\nỨng dụng CNTT\n\nnăm 2022\n"
        "Thực hiện Kế hoạch số 151/KH-UBND ngày 21/12/2020 của UBND tỉnh"))["document"]
    assert doc == {"doc_type": "Kế hoạch", "symbol": None, "date": "2021-08", "issuer": "VP",
                   "locality": None, "title": "Ứng dụng CNTT năm 2022"}


def test_urls_never_join_citations() -> None:
    text = "Kế hoạch số 61/KH-\nhttps://vanban.quangngai.gov.vn/thongtin/vanban/detail?id=124844\nUBND ngày 10/4/2019"
    (c,) = cites(text)
    assert c["symbol"] == "61/KH-UBND" and c["date"] == "2019-04-10"
    assert "https" not in normalize(text).text


def test_vocabulary_examples_run() -> None:
    """Every example of data/cite_words.json that is a citation text extracts something."""
    for section in ("subject_markers", "pinpoint_words", "name_heads", "implementation_labels", "annex_markers",
                    "passive_markers", "manner_words"):
        for example in words()[section]["examples"]:
            assert cites(example), (section, example)


# --- properties --------------------------------------------------------------------------

ALPHABET = st.sampled_from(list("0123456789/-.,;:() \n\tĐđQHKNCPTUBDVXa") + [
    "số ", "Nghị định ", "Quyết định ", "ngày ", "của ", "UBND tỉnh ", "Luật ", "Điều 5, ", "\u0301",
    "https://x.vn/a\n", "tháng ", "năm ", "Kế hoạch số ", "(Tỉnh Quảng Ngãi: ", ")", "Căn cứ "])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=80).map("".join))
def test_never_raises_and_offsets_valid(text: str) -> None:
    ex = extract_text(text)
    data = extraction_to_json(ex)
    json.dumps(data, ensure_ascii=False)
    for c in data["citations"]:
        assert text[c["start"]:c["end"]] == c["text"]
    for p in data["problems"]:
        assert 0 <= p["start"] <= p["end"] <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_unicode(text: str) -> None:
    data = extraction_to_json(extract_text(text))
    for c in data["citations"]:
        assert text[c["start"]:c["end"]] == c["text"]


def test_types_table_is_complete_for_codes() -> None:
    """Every type code the symbol grammar knows gives a type name for bare symbols."""
    assert all(t.name for t in vocab.doc_types())


# --- issue #3 review (docs/extract-review.md): error classes A, C, D and dated name ids ----

LAW_HEAD = "QUỐC HỘI -------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc --------------- "

# A. The document's own number (a "Số:" label with the number on the next line, the
# crawler's title line above the header) is its symbol, never a citation of itself.
OWN_NUMBER_CASES = [
    ("Luật Doanh nghiệp 2014\n" + LAW_HEAD + "Luật số:\n68/2014/QH13\nHà Nội, ngày 26 tháng 11 năm 2014 "
     "LUẬT DOANH NGHIỆP\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n",
     "68/2014/QH13", ["Hiến pháp"]),
    ("Nghị quyết 01/2019/NQ-HĐTP\nHỘI ĐỒNG THẨM PHÁN TÒA ÁN NHÂN DÂN TỐI CAO -------\n"
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\nSố:\n01/2019/NQ-HĐTP\n"
     "Hà Nội, ngày 11 tháng 01 năm 2019 NGHỊ QUYẾT HƯỚNG DẪN\nCăn cứ Luật Tổ chức Tòa án nhân dân ngày 24 tháng 11 năm 2014;\n",
     "01/2019/NQ-HĐTP", ["Luật Tổ chức Tòa án nhân dân"]),
    ("Văn bản hợp nhất 06/VBHN-VPQH năm 2024\nVĂN PHÒNG QUỐC HỘI --------\n"
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\nSố:\n06/VBHN-VPQH\n"
     "Hà Nội, ngày 16 tháng 9 năm 2024 LUẬT QUẢN LÝ, SỬ DỤNG TÀI SẢN CÔNG Luật Quản lý, sử dụng tài sản công "
     "số 15/2017/QH14 ngày 21 tháng 6 năm 2017 của Quốc hội\n",
     "06/VBHN-VPQH", ["Luật Quản lý, sử dụng tài sản công"]),
    # a title line in lower case, with no type heading the header can read
    ("Luật quản lý thuế 2006\n" + LAW_HEAD + "Luật số:\n78/2006/QH11\nHà Nội, ngày 29 tháng 11 năm 2006 "
     "LUẬT QUẢN LÝ THUẾ\nCăn cứ vào Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992;\n",
     "78/2006/QH11", ["Hiến pháp"]),
]


@pytest.mark.parametrize("text,symbol,names", OWN_NUMBER_CASES)
def test_own_number_is_the_symbol_not_a_citation(text: str, symbol: str, names: list[str]) -> None:
    data = extraction_to_json(extract_text(text))
    assert data["document"]["symbol"] == symbol
    assert [c["name"] for c in data["citations"]] == names
    assert all(c["symbol"] != symbol for c in data["citations"])
    assert not any(e["from"] == e["to"] for e in data["edges"])


# D. Older drafting writes the subject in lower case: known names are matched
# case-insensitively (accents kept); other lower-case words after "Luật" are no name.
# C. The longest known name wins over the cut at the first lower-case or stop word.
KNOWN_NAME_CASES = [
    ("theo quy định của Luật đầu tư", ["Luật đầu tư"]),
    ("thủ tục quy định tại Luật phá sản.", ["Luật phá sản"]),
    ("Căn cứ Luật tổ chức Chính phủ ngày 19 tháng 6 năm 2015;", ["Luật tổ chức Chính phủ"]),
    ("Căn cứ Bộ luật dân sự ngày 24 tháng 11 năm 2015;", ["Bộ luật dân sự"]),
    ("Căn cứ Bộ luật hàng hải Việt Nam ngày 14 tháng 6 năm 2005;", ["Bộ luật hàng hải Việt Nam"]),
    ("quy định tại Luật đầu tư công và Luật hải quan", ["Luật đầu tư công", "Luật hải quan"]),
    ("Căn cứ Luật Căn cước công dân ngày 20 tháng 11 năm 2014;", ["Luật Căn cước công dân"]),
    ("Căn cứ Luật Hàng không dân dụng ngày 29 tháng 6 năm 2006;", ["Luật Hàng không dân dụng"]),
    ("Luật Địa chất và khoáng sản số 54/2024/QH15", ["Luật Địa chất và khoáng sản"]),
    ("Luật Quản lý, sử dụng tài sản nhà nước số 09/2008/QH12", ["Luật Quản lý, sử dụng tài sản nhà nước"]),
    ("Pháp lệnh Thuế thu nhập đối với người có thu nhập cao số 35/2001/PL-UBTVQH10",
     ["Pháp lệnh Thuế thu nhập đối với người có thu nhập cao"]),
    ("Luật Doanh nghiệp nhà nước năm 2003", ["Luật Doanh nghiệp nhà nước"]),
    # lower case and unknown: the common noun, not a name
    ("Luật sư có quyền; Luật này; Luật số 12; Luật mới ban hành", []),
    ("Luật quy định về thuế", []),
]


@pytest.mark.parametrize("text,names", KNOWN_NAME_CASES)
def test_known_names_case_insensitive_and_longest(text: str, names: list[str]) -> None:
    assert [c["name"] for c in cites(text)] == names


# A name-only citation that states its year keeps it in its id: the codes of 1995, 2005
# and 2015 are different documents.
NAME_YEAR_CASES = [
    ("Căn cứ Bộ luật dân sự ngày 24 tháng 11 năm 2015;", "name/bo-luat-dan-su-2015"),
    ("theo Bộ luật Dân sự năm 2005", "name/bo-luat-dan-su-2005"),
    ("Hiến pháp năm 1992", "name/hien-phap-1992"),
    ("theo Bộ luật Dân sự", "name/bo-luat-dan-su"),
]


@pytest.mark.parametrize("text,nid", NAME_YEAR_CASES)
def test_name_ids_carry_the_stated_year(text: str, nid: str) -> None:
    (c,) = cites(text)
    assert c["id"] == nid


def test_name_id_year_is_optional() -> None:
    from cancu.graph.identity import name_id
    assert name_id("Bộ luật Dân sự") == "name/bo-luat-dan-su"
    assert name_id("Bộ luật Dân sự", 2015) == "name/bo-luat-dan-su-2015"
    assert name_id("Luật Đất đai 2013", 2013) == "name/luat-dat-dai-2013"


# B/E of docs/extract-review.md. An amending law's name runs over the laws it amends up to
# its own number or date; whose number is whose follows data/cite_words.json
# 'amending_titles', whose examples are the main table. Each case: per citation in order,
# (name, symbol, year).
AMENDING_CASES = [
    (ex["text"], [tuple(c) for c in ex["cited"]]) for ex in words()["amending_titles"]["examples"]
] + [
    # Several laws, the number after the last: the amending law's (as in "... số 90/2025/QH15").
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư và Luật Đấu thầu số 57/2024/QH15;",
     [("Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch, Luật Đầu tư và Luật Đấu thầu", "57/2024/QH15", 2024),
      ("Luật Quy hoạch", None, None), ("Luật Đầu tư", None, None), ("Luật Đấu thầu", None, None)]),
    # The amended law's own amendments follow its number: the number is that law's.
    ("theo Luật sửa đổi, bổ sung một số điều của Luật Thuế thu nhập doanh nghiệp số 14/2008/QH12 "
     "đã được sửa đổi, bổ sung một số điều theo Luật số 32/2013/QH13",
     [("Luật Thuế thu nhập doanh nghiệp", "14/2008/QH12", 2008), (None, "32/2013/QH13", 2013)]),
    # Căn cứ lines joined by ";": a law with its own date or number ends the title.
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch ngày 15 tháng 6 năm 2018; Luật Xây dựng ngày 18 tháng 6 năm 2014;",
     [("Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch", None, 2018), ("Luật Quy hoạch", None, None),
      ("Luật Xây dựng", None, 2014)]),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đầu tư số 12/2025/QH15; Luật Xây dựng số 135/2025/QH15;",
     [("Luật sửa đổi, bổ sung một số điều của Luật Đầu tư", "12/2025/QH15", 2025), ("Luật Đầu tư", None, None),
      ("Luật Xây dựng", "135/2025/QH15", 2025)]),
    # ... and a ";"-joined title that ends in no number, date or year ends at its first ";".
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch; Luật Xây dựng;",
     [("Luật sửa đổi, bổ sung một số điều của Luật Quy hoạch", None, None), ("Luật Quy hoạch", None, None),
      ("Luật Xây dựng", None, None)]),
    # thuvienphapluat's postfix title needs its year; without it the law stands alone.
    ("[Điều này được sửa đổi bởi Khoản 1 Điều 1 Luật Đấu giá tài sản sửa đổi 2024]",
     [("Luật Đấu giá tài sản sửa đổi", None, 2024)]),
    ("Luật Đất đai sửa đổi thì áp dụng", [("Luật Đất đai", None, None)]),
]


@pytest.mark.parametrize("text,expected", AMENDING_CASES)
def test_amending_law_titles(text: str, expected: list[tuple]) -> None:
    assert [pick(c, ("name", "symbol", "year")) for c in cites(text)] == expected


# G of docs/extract-review.md (fresh sample): the amending law amends each law its title
# names, whichever way the title is written; the document rests on the amending law and only
# cites the laws its title names (a căn cứ line of their own makes them bases). Each case: the expected (from, relation, to) edges between cited laws
# and the relation of the document to each named law.
AMENDS_CASES = [
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Kinh doanh bảo hiểm và Luật Sở hữu trí tuệ "
     "ngày 14 tháng 6 năm 2019;",
     [("name/luat-sua-doi-bo-sung-mot-so-dieu-cua-luat-kinh-doanh-bao-hiem-va-luat-so-huu-tri-tue-2019",
       "name/luat-kinh-doanh-bao-hiem"),
      ("name/luat-sua-doi-bo-sung-mot-so-dieu-cua-luat-kinh-doanh-bao-hiem-va-luat-so-huu-tri-tue-2019",
       "name/luat-so-huu-tri-tue")],
     "cites"),
    # number after the title: the amending law's own
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Doanh nghiệp số 76/2025/QH15;",
     [("qh/2025/76", "name/luat-doanh-nghiep")], "cites"),
    # numbers of the named laws: edges to their ids
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15 và "
     "Luật Các tổ chức tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024;",
     [("name/luat-sua-doi-bo-sung-mot-so-dieu-cua-luat-dat-dai-va-luat-cac-to-chuc-tin-dung-2024", "qh/2024/31"),
      ("name/luat-sua-doi-bo-sung-mot-so-dieu-cua-luat-dat-dai-va-luat-cac-to-chuc-tin-dung-2024", "qh/2024/32")],
     "cites"),
    # number first: the named law is in the amending law's subject (cites; the edge as above)
    ("Căn cứ Luật số 81/2025/QH15 ngày 24 tháng 6 năm 2025 sửa đổi, bổ sung một số điều của "
     "Luật Tổ chức Tòa án nhân dân;",
     [("qh/2025/81", "name/luat-to-chuc-toa-an-nhan-dan")], "cites"),
    # thuvienphapluat's short title names no law of its own: no edge
    ("[Khoản này được sửa đổi bởi Khoản 1 Điều 7 Luật sửa đổi Luật Đấu thầu; Luật Hải quan 2025]", [], None),
]


@pytest.mark.parametrize("text,edges,relation", AMENDS_CASES)
def test_amending_law_amends_the_laws_its_title_names(text: str, edges: list[tuple], relation: str | None) -> None:
    data = extraction_to_json(extract_text(text))
    got = [(e["from"], e["to"]) for e in data["edges"] if e["relation"] == "amends" and "self" not in (e["from"], e["to"])]
    assert got == edges
    by_id = {c["id"]: c for c in data["citations"]}
    for _src, dst in edges:
        assert by_id[dst]["relation"] == relation
        c = by_id[dst]
        assert text[c["start"]:c["end"]].startswith(c["name"])


# F of docs/extract-review.md (fresh sample): fixed phrases, names and issuer names match in
# either tone placement (old "hoà", "uỷ", "thuỷ", "hoá"; new "hòa", "ủy", "thủy", "hóa"). The
# tails are data/cite_words.json name_heads 'tail_examples'; each case: per citation in
# order, (name, year).
TONE_CASES = [
    (ex["text"], [tuple(c) for c in ex["cited"]]) for ex in words()["name_heads"]["tail_examples"]
] + [
    ("Luật Hoà giải ở cơ sở ngày 20 tháng 6 năm 2013", [("Luật Hoà giải ở cơ sở", 2013)]),
    ("Luật hoà giải ở cơ sở", [("Luật hoà giải ở cơ sở", None)]),
]


@pytest.mark.parametrize("text,expected", TONE_CASES)
def test_tone_placement_does_not_matter(text: str, expected: list[tuple]) -> None:
    assert [pick(c, ("name", "year")) for c in cites(text)] == expected


@pytest.mark.parametrize("issuer_text", ["Ủy ban nhân dân tỉnh Quảng Ngãi", "Uỷ ban nhân dân tỉnh Quảng Ngãi",
                                         "Ủy ban Thường vụ Quốc hội", "Uỷ ban Thường vụ Quốc hội"])
def test_issuer_names_in_either_tone_placement(issuer_text: str) -> None:
    (ref,) = extract_text(f"Công văn số 12/VP ngày 01/3/2019 của {issuer_text} về việc họp").citations
    assert ref.issuer_text == issuer_text


def test_amending_law_takes_the_date_after_numbered_laws() -> None:
    """The closing date is the amending law's (Luật 43/2024/QH15 of 29/6/2024), not the
    last amended law's (Luật Các tổ chức tín dụng is of 18/01/2024)."""
    text = ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15 và "
            "Luật Các tổ chức tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024;")
    got = {c["symbol"]: c for c in cites(text)}
    assert got[None]["date"] == "2024-06-29"
    assert got[None]["id"].endswith("-2024")
    assert got["32/2024/QH15"]["date"] is None and got["32/2024/QH15"]["text"] == "Luật Các tổ chức tín dụng số 32/2024/QH15"


# J. A law's own name is a self-reference, as its own number is (class A): the enacting
# formula "Quốc hội ban hành Luật X." and the crawler's title line repeated as a page
# header ("Luật Đất đai 2024. Mục 1."). Another year is another law; a consolidated text
# (VBHN) cites the law it consolidates. Each case: names of the citations in order.
LAW_2024 = "Luật Đất đai 2024\n" + LAW_HEAD + "Luật số: 31/2024/QH15\nHà Nội, ngày 18 tháng 01 năm 2024 LUẬT ĐẤT ĐAI\n" \
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật Đất đai.\n"
SELF_NAME_CASES = [
    (LAW_2024 + "Luật Đất đai 2024. Mục 1. HỒ SƠ ĐỊA CHÍNH\n", ["Hiến pháp"]),
    # the header alone (no title line) names it too; no-break spaces as web pages write them
    (LAW_HEAD + "Luật số:\xa031/2024/QH15\nHà Nội, ngày\xa018 tháng 01 năm 2024\nLUẬT\nĐẤT ĐAI\n"
     "Quốc hội ban hành Luật Đất đai.\n", []),
    (LAW_2024 + "theo quy định của Luật Đất đai năm 2013 và Luật Đất đai số 45/2013/QH13;\n",
     ["Hiến pháp", "Luật Đất đai", "Luật Đất đai"]),
    (LAW_2024 + "Điều 260. Luật này thay thế Luật Đất đai đã được Quốc hội thông qua ngày 29 tháng 11 năm 2013.\n",
     ["Hiến pháp", "Luật Đất đai"]),
    (LAW_2024 + "theo quy định của Luật Nhà ở và Luật Đất đai.\n", ["Hiến pháp", "Luật Nhà ở"]),
    ("Văn bản hợp nhất 26/VBHN-VPQH năm 2024\nVĂN PHÒNG QUỐC HỘI --------\n"
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\nSố:\n26/VBHN-VPQH\n"
     "Hà Nội, ngày 16 tháng 9 năm 2024 LUẬT ĐẤT ĐAI\nQuốc hội ban hành Luật Đất đai[1].\n", ["Luật Đất đai"]),
]


@pytest.mark.parametrize("text,names", SELF_NAME_CASES)
def test_own_name_is_not_a_citation(text: str, names: list[str]) -> None:
    data = extraction_to_json(extract_text(text))
    assert [c["name"] for c in data["citations"]] == names
    assert not any(e["from"] == e["to"] or e["to"].startswith("name/luat-dat-dai-2024") for e in data["edges"])


# I. Numbers before about 1995: number, hyphen, issuer code, no slash, no year. Accepted
# right after a type word only; the year comes from the date after it. Each case: per
# citation, (symbol, doc_type, year, issuer, id).
OLD_DASH_CASES = [
    ("Hội đồng Chính phủ đã ra Quyết định số 169-CP về công tác điều tra ruộng đất.",
     [("169-CP", "Quyết định", None, "CP", None)]),
    ("theo tinh thần Nghị định 404-CP ngày 09/11/1979 của Hội đồng Chính phủ, đồng thời",
     [("404-CP", "Nghị định", 1979, "HĐCP", "cp/1979/404")]),
    ("thực hiện Chỉ thị 299-TTg ngày 10 tháng 11 năm 1980", [("299-TTg", "Chỉ thị", 1980, "TTg", "ttg/1980/299")]),
    ("Quyết định số 217-HĐBT ngày 14/11/1987 của Hội đồng Bộ trưởng",
     [("217-HĐBT", "Quyết định", 1987, "HĐBT", "hdbt/1987/217")]),
    ("Chỉ thị 100-CT/TW ngày 13/01/1981", [("100-CT/TW", "Chỉ thị", 1981, "TW", "tw/1981/ct/100")]),
    # without a type word the form is too ambiguous (roads, product codes, ranges)
    ("đường 169-CP; mẫu 61-CP; giai đoạn 2011-HN; Quyết định số 12-2020", []),
]


@pytest.mark.parametrize("text,expected", OLD_DASH_CASES)
def test_old_hyphen_numbers_after_a_type_word(text: str, expected: list[tuple]) -> None:
    assert [pick(c, ("symbol", "doc_type", "year", "issuer", "id")) for c in cites(text)] == expected


# C. In a căn cứ item a law name runs up to its own number or date (data/cite_words.json
# 'numbered_names', whose examples are the table).
NUMBERED_NAME_CASES = [(ex[0], ex[1]) for ex in words()["numbered_names"]["examples"]]


@pytest.mark.parametrize("text,names", NUMBERED_NAME_CASES)
def test_law_name_runs_to_its_number_in_a_basis_item(text: str, names: list[str]) -> None:
    assert [c["name"] for c in cites(text)] == names


def test_law_name_with_its_number_is_one_basis() -> None:
    (c,) = cites("Căn cứ Luật Quản lý và đầu tư vốn nhà nước tại doanh nghiệp số 68/2025/QH15;")
    assert pick(c, ("symbol", "doc_type", "relation", "id")) == ("68/2025/QH15", "Luật", "based_on", "qh/2025/68")


# L of docs/extract-review.md (fourth sample): the amending words match in any case, so "Luật
# Sửa đổi, bổ sung ..." is the amending law (its cases are in 'amending_titles' above) and
# the closing date is the amending law's, not the last amended law's.
def test_capitalised_amending_head_keeps_the_date_off_the_last_law() -> None:
    got = cites("Căn cứ Luật Sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15 và "
                "Luật Các tổ chức tín dụng số 32/2024/QH15 ngày 29 tháng 6 năm 2024;")
    assert [pick(c, ("symbol", "date", "relation")) for c in got] == [
        (None, "2024-06-29", "based_on"), ("31/2024/QH15", None, "cites"), ("32/2024/QH15", None, "cites")]


@pytest.mark.parametrize("text", ["Luật Sửa đổi thì áp dụng", "LUẬT SỬA ĐỔI"])
def test_amending_words_alone_name_no_law(text: str) -> None:
    assert cites(text) == []


# M of docs/extract-review.md: a title that counts the laws it amends ("Luật sửa đổi 10 Luật
# có liên quan đến an ninh, trật tự 2025") is one amending law of its year
# (data/cite_words.json 'counted_titles', whose examples are the table).
COUNTED_CASES = [(ex["text"], [tuple(c) for c in ex["cited"]]) for ex in words()["counted_titles"]["examples"]]


@pytest.mark.parametrize("text,expected", COUNTED_CASES)
def test_amending_titles_that_count_laws(text: str, expected: list[tuple]) -> None:
    assert [pick(c, ("name", "symbol", "year")) for c in cites(text)] == expected


def test_counted_title_is_one_amending_law_with_no_named_laws() -> None:
    (c,) = cites("Căn cứ Luật sửa đổi, bổ sung một số điều của 37 luật có liên quan đến quy hoạch "
                 "số 35/2018/QH14;")
    assert pick(c, ("doc_type", "relation", "id")) == ("Luật", "based_on", "qh/2018/35")


@pytest.mark.parametrize("text,name", [
    ("Nghị định số 26/2007/NĐ-CP quy định chi tiết thi hành Luật Giao dịch điện tử về chữ ký số "
     "và dịch vụ chứng thực chữ ký số.", "Luật Giao dịch điện tử"),
    ("thực hiện theo quy định tại khoản 9 Điều 126 của Luật Đất đai về lựa chọn nhà đầu tư thực "
     "hiện dự án đầu tư có sử dụng đất.", "Luật Đất đai"),
])
def test_a_law_cited_by_name_takes_no_subject(text: str, name: str) -> None:
    """"về ..." after a law's name belongs to the citing sentence: the law's node must not
    be titled after the decree that details it."""
    found = [c for c in extract_text(text).citations if c.name == name]
    assert len(found) == 1
    assert found[0].subject is None and found[0].text.endswith(name)


# E. A subject stops where the citing text's note begins (data/cite_words.json
# 'subject_ends'), and a central document cited inside a province's document leaves the
# province's tail to it ('local_tails'); each section's examples are the table.
SUBJECT_END_CASES = [(ex["text"], ex.get("symbol"), ex["subject"])
                     for section in ("subject_ends", "local_tails") for ex in words()[section]["examples"]]


@pytest.mark.parametrize("text,symbol,subject", SUBJECT_END_CASES)
def test_subject_ends_before_the_citing_texts_note(text: str, symbol: str | None, subject: str) -> None:
    found = [c for c in extract_text(text).citations
             if c.subject and (symbol is None or (c.symbol and c.symbol.canonical() == symbol))]
    assert found, text
    assert found[0].subject == subject


def test_a_province_plans_tail_stays_with_the_plan() -> None:
    """The plan keeps its whole subject, province included; only the nested central
    resolution's title is cut, so the KB does not name a national resolution 'of the
    province'."""
    text = ("Thực hiện Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh Quảng Ngãi về thực hiện "
            "Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về phát triển Chính phủ điện tử "
            "giai đoạn 2019 - 2020, định hướng đến 2025 của tỉnh Quảng Ngãi;")
    by_symbol = {c.symbol.canonical(): c for c in extract_text(text).citations if c.symbol}
    assert by_symbol["61/KH-UBND"].subject.endswith("định hướng đến 2025 của tỉnh Quảng Ngãi")
    assert by_symbol["17/NQ-CP"].subject.endswith("định hướng đến 2025")


def test_a_central_documents_title_in_the_kb_stops_before_the_provinces_closing_clause() -> None:
    """'..., Ủy ban nhân dân tỉnh Bình Định ban hành Kế hoạch ...' closes the province's
    preamble. The KB titles a document after its longest recorded subject, so a subject
    running into that clause would make `cancu show 749/QĐ-TTg` and every copy-ready
    citation of the national programme carry the province's sentence."""
    from cancu.graph.kb import KnowledgeBase

    text = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 95/KH-UBND\nBình Định, ngày 28 tháng 9 năm 2020\n\n"
            "KẾ HOẠCH\nChuyển đổi số tỉnh Bình Định đến năm 2025, định hướng đến năm 2030\n\n"
            "Thực hiện Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ phê duyệt "
            "Chương trình Chuyển đổi số quốc gia đến năm 2025, định hướng đến năm 2030, Ủy ban nhân "
            "dân tỉnh Bình Định ban hành Kế hoạch chuyển đổi số tỉnh Bình Định đến năm 2025, định "
            "hướng đến năm 2030 như sau:\n")
    kb = KnowledgeBase()
    kb.add_extraction(extract_text(text, file="kh95.txt"))
    doc = kb.get("ttg/2020/qd/749")
    assert doc is not None
    assert doc.title == ("phê duyệt Chương trình Chuyển đổi số quốc gia đến năm 2025, "
                         "định hướng đến năm 2030")


def test_the_signing_authority_line_ends_the_title_and_the_preamble_is_the_documents() -> None:
    """Between the title and the căn cứ stands the signing authority in capitals. It is
    not part of the title, and the căn cứ after it are the decision's bases, not bases of
    the resolution its title names."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH BÌNH ĐỊNH\nSố: 215/QĐ-UBND\nBình Định, ngày 21 tháng 7 năm 2025\n\n"
            "QUYẾT ĐỊNH\nBan hành Kế hoạch thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị "
            "về đột phá phát triển khoa học, công nghệ\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH ĐỊNH\n\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;\n")
    data = extraction_to_json(extract_text(text))
    assert data["document"]["title"].endswith("khoa học, công nghệ")
    law = next(c for c in data["citations"] if c["symbol"] == "72/2025/QH15")
    assert law["relation"] == "based_on"
    assert not [e for e in data["edges"] if e["from"] == "tw/2024/nq/57" and e["to"] == law["id"]]


# F. The document's own header (issue #6). An implementing plan's title opens with the cue
# its preamble opens with ("KẾ HOẠCH / Thực hiện Nghị quyết số 57-NQ/TW ..."); the title is
# read and the document it names is still cited as implemented. A heading with no title
# whose first line is the preamble keeps no title: a first line that ends with a comma
# ("... của Bộ Chính trị,") or holds the preamble's closing clause (", UBND tỉnh ban hành
# Kế hoạch ... như sau", its colon lost), and the next item ("Thực hiện Kế hoạch số ...")
# keeps its relation (data/cite_words.json header 'title_examples' are the table).
TITLE_CASES = [(ex["text"], ex["title"], [tuple(c) for c in ex["cited"]]) for ex in words()["header"]["title_examples"]]


@pytest.mark.parametrize("text,title,cited", TITLE_CASES)
def test_title_opening_with_an_implementation_cue(text: str, title: str | None, cited: list[tuple]) -> None:
    data = extraction_to_json(extract_text(text))
    assert data["document"]["title"] == title
    assert [(c["symbol"] or c["name"], c["relation"]) for c in data["citations"]] == cited


# A Party header (Hướng dẫn of the Văn phòng Trung ương): "TỈNH ỦY HẢI DƯƠNG / * / Số
# 98-KH/TU" beside "ĐẢNG CỘNG SẢN VIỆT NAM". The number without its colon is the document's
# own, never a citation; the committee's name ends at "ỦY" and the place follows it. The
# unit beside the motto's second line is read whatever dash joins that line ("SỞ TƯ PHÁP
# Độc lập – Tự do – Hạnh phúc") (data/cite_words.json header 'issuer_examples' are the table).
ISSUER_CASES = [(ex["text"], ex["symbol"], ex["issuer"], ex["province"])
                for ex in words()["header"]["issuer_examples"]]


@pytest.mark.parametrize("text,symbol,issuer,province", ISSUER_CASES)
def test_own_header_issuer_number_and_province(text: str, symbol: str | None, issuer: str, province: str) -> None:
    ex = extract_text(text)
    data = extraction_to_json(ex)
    assert (data["document"]["symbol"], data["document"]["issuer"], ex.document.province) == (symbol, issuer, province)
    own = ex.document.symbol.canonical() if ex.document.symbol else None
    assert all(c["symbol"] != own for c in data["citations"])


# A Party number without its colon is the document's own only in the header block: a
# body line that opens with one ("Số 12-KH/TU ngày 10/3/2025 của Ban Thường vụ Tỉnh ủy
# ...") cites that document, in a text with no header or below the type heading.
BODY_PARTY_NUMBER = ("Số 12-KH/TU ngày 10/3/2025 của Ban Thường vụ Tỉnh ủy về chuyển đổi số đã được "
                     "triển khai đến các cơ quan, đơn vị.\n")


@pytest.mark.parametrize("text,doc_type", [
    ("Báo cáo kết quả thực hiện chuyển đổi số quý I năm 2025\n\n" + BODY_PARTY_NUMBER, None),
    ("ĐẢNG BỘ TỈNH LÂM ĐỒNG\nHUYỆN ỦY ĐỨC TRỌNG\n*\nĐẢNG CỘNG SẢN VIỆT NAM\n"
     "Đức Trọng, ngày 12 tháng 4 năm 2025\n\nBÁO CÁO\nkết quả thực hiện chuyển đổi số quý I năm 2025\n"
     "-----\n\n" + BODY_PARTY_NUMBER, "Báo cáo"),
])
def test_a_party_number_in_the_body_is_a_citation(text: str, doc_type: str | None) -> None:
    data = extraction_to_json(extract_text(text))
    assert (data["document"]["symbol"], data["document"]["doc_type"]) == (None, doc_type)
    assert [(c["symbol"], c["date"]) for c in data["citations"]] == [("12-KH/TU", "2025-03-10")]


# G. A page break inside a citation (issue #6): the page's number stands on its own line
# between the two halves. It is blanked in the matching view when it is a page number:
# labelled ("Trang 2/4", "- 2 -"), beside a form feed, or the page number due at a page's
# length into the text. Offsets stay those of the original text.
PAGE_ONE = (
    "UBND TỈNH LONG AN                 CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "SỞ THÔNG TIN VÀ TRUYỀN THÔNG            Độc lập - Tự do - Hạnh phúc\n\n"
    "Số: 1520/KH-STTTT                    Long An, ngày 05 tháng 5 năm 2023\n\n"
    "KẾ HOẠCH\nBảo đảm an toàn thông tin mạng trong hoạt động của các cơ quan nhà nước\n"
    "tỉnh Long An năm 2023\n\n"
    "Căn cứ Luật An toàn thông tin mạng ngày 19/11/2015;\n"
    "Căn cứ Chỉ thị số 14/CT-TTg ngày 07/6/2019 của Thủ tướng Chính phủ về việc tăng\n"
    "cường bảo đảm an toàn, an ninh mạng nhằm cải thiện chỉ số xếp hạng của Việt Nam;\n"
    "Thực hiện Kế hoạch số 980/KH-\nUBND ngày 15/02/2023 của UBND tỉnh về bảo đảm an toàn thông tin mạng trên địa bàn\n"
    "tỉnh năm 2023, Sở Thông tin và Truyền thông xây dựng Kế hoạch bảo đảm an toàn thông tin mạng năm\n"
    "2023, cụ thể như sau:\nI. MỤC ĐÍCH, YÊU CẦU\n"
    "- Nâng cao năng lực bảo đảm an toàn thông tin mạng cho các hệ thống thông tin\n"
    "dùng chung của tỉnh; 100% hệ thống thông tin được phê duyệt cấp độ.\n"
    "- Phân công cụ thể nhiệm vụ cho các phòng, đơn vị thuộc Sở.\nII. NHIỆM VỤ\n"
    "1. Xác định cấp độ và triển khai phương án bảo đảm an toàn hệ thống thông tin\ntheo cấp độ\n"
)
PAGE_CASES = [
    # pdftotext -layout: the page number centred between the halves of a symbol
    (PAGE_ONE + "1.1. Căn cứ áp dụng: Nghị định số 85/2016/NĐ-\n\n \n" + " " * 76 + "2 \n\n \n"
     "CP ngày 01/7/2016 của Chính phủ; Thông tư số 12/2022/TT-BTTTT ngày 12/8/2022\n",
     [("85/2016/NĐ-CP", "2016-07-01"), ("12/2022/TT-BTTTT", "2022-08-12")]),
    # between "ngày" and the date
    (PAGE_ONE + "Các hồ sơ được số hóa theo Nghị định số 45/2020/NĐ-CP ngày\n\n" + " " * 76 + "2\n\n"
     "08/4/2020 của Chính phủ.\n", [("45/2020/NĐ-CP", "2020-04-08")]),
    # labelled page numbers, anywhere
    ("Thực hiện Kế hoạch số 61/KH-\n\n- 2 -\n\nUBND ngày 10/4/2019 của UBND tỉnh Quảng Ngãi;",
     [("61/KH-UBND", "2019-04-10")]),
    ("Căn cứ Nghị định số 47/2020/NĐ-CP ngày\n-3-\n09/4/2020 của Chính phủ;", [("47/2020/NĐ-CP", "2020-04-09")]),
    ("Căn cứ Nghị định số 47/2020/NĐ-CP ngày\nTrang 2/4\n09/4/2020 của Chính phủ;", [("47/2020/NĐ-CP", "2020-04-09")]),
    # a bare page number where only a page break can be: inside a symbol or a date,
    # however early in the text
    ("Căn cứ Nghị định số 61/2018/NĐ-\n2\nCP ngày 23 tháng 4 năm 2018 của Chính phủ;",
     [("61/2018/NĐ-CP", "2018-04-23")]),
    ("Căn cứ Quyết định số 468/QĐ-TTg ngày 27 tháng 3 năm\n                2\n2021 của Thủ tướng Chính phủ.",
     [("468/QĐ-TTg", "2021-03-27")]),
    ("Căn cứ Quyết định số 468/QĐ-TTg ngày 27 tháng\n2\n3 năm 2021 của Thủ tướng Chính phủ.",
     [("468/QĐ-TTg", "2021-03-27")]),
    ("Căn cứ Thông tư số 01/2018/TT-VPCP ngày 23/11/\n2\n2018 của Văn phòng Chính phủ;",
     [("01/2018/TT-VPCP", "2018-11-23")]),
    # a PDF read by cancu: pdfminer ends each page with a form feed
    ("Căn cứ Nghị định số 61/2018/NĐ-\n\f7\nCP ngày 23/4/2018 của Chính phủ;", [("61/2018/NĐ-CP", "2018-04-23")]),
]


@pytest.mark.parametrize("text,expected", PAGE_CASES)
def test_page_number_inside_a_citation(text: str, expected: list[tuple]) -> None:
    body = len(PAGE_ONE) if text.startswith(PAGE_ONE) else 0
    assert [pick(c, ("symbol", "date")) for c in cites(text) if c["start"] >= body] == expected


def test_a_number_alone_on_a_line_is_not_always_a_page_number() -> None:
    """A list item or a table cell on its own line stays in the text: a "2" too early in the
    document to be page 2, a number that is not the page due, the second row of a table."""
    early = "Căn cứ Quyết định số 12/QĐ-UBND ngày\n2\ntháng 3 năm 2020 của UBND tỉnh Quảng Ngãi;"
    assert [pick(c, ("symbol", "date")) for c in cites(early)] == [("12/QĐ-UBND", "2020-03-02")]
    month = "Căn cứ Quyết định số 12/QĐ-UBND ngày 5 tháng\n2\nnăm 2020 của UBND tỉnh Quảng Ngãi;"
    assert [pick(c, ("symbol", "date")) for c in cites(month)] == [("12/QĐ-UBND", "2020-02-05")]
    not_due = PAGE_ONE + "Căn cứ Quyết định số 12/QĐ-UBND ngày\n5\ntháng 3 năm 2020 của UBND tỉnh;"
    assert [pick(c, ("symbol", "date")) for c in cites(not_due)][-1] == ("12/QĐ-UBND", "2020-03-05")


def test_page_numbers_count_on_from_page_to_page() -> None:
    """Page 3 is due a page after page 2: a page break on the third page joins too."""
    page_two = ("- Rà soát, đánh giá hiện trạng bảo đảm an toàn thông tin của các hệ thống thông tin dùng\n"
                "chung của tỉnh; xây dựng hồ sơ đề xuất cấp độ theo quy định.\n") * 6
    text = (PAGE_ONE + "1.1. Nội dung: phê duyệt hồ sơ đề xuất cấp độ.\n" + " " * 76 + "2\n" + page_two
            + "2.1. Căn cứ áp dụng: Nghị định số 85/2016/NĐ-\n" + " " * 76 + "3\nCP ngày 01/7/2016 của Chính phủ.\n")
    assert [pick(c, ("symbol", "date")) for c in cites(text)][-1] == ("85/2016/NĐ-CP", "2016-07-01")


def test_a_citation_in_the_title_ends_with_the_title() -> None:
    """The title's citation does not run on into the preamble: its text and subject stop
    at the title's last line, and the same document cited again in the preamble is a
    citation of its own."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 61/KH-UBND                 Quảng Ngãi, ngày 10 tháng 4 năm 2019\n\nKẾ HOẠCH\n\n"
            "Thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về một số\n\n"
            "nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019 - 2020\n\n"
            "Thực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ về một số nhiệm vụ, giải pháp\n"
            "trọng tâm phát triển Chính phủ điện tử; Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện:\n")
    first, second = cites(text)
    assert first["text"].endswith("giai đoạn 2019 - 2020")
    assert first["subject"].endswith("giai đoạn 2019 - 2020")
    assert (second["symbol"], second["relation"]) == ("17/NQ-CP", "implements")


# H. Party codes and bodies (#6): a recent Party "Quy định" is written QĐ ("144-QĐ/TW") as
# well as QĐi (data/types.json 'party_codes'); the central steering committees number their
# documents under BCĐTW (data/issuers.json).
@pytest.mark.parametrize("symbol", [s for t in vocab.load_table("types.json")["types"]
                                    for s in t["examples"].get("party_symbols", ())])
def test_a_party_quy_dinh_in_either_code_is_no_type_mismatch(symbol: str) -> None:
    text = f"Thực hiện Quy định số {symbol} ngày 09/5/2024 của Bộ Chính trị về chuẩn mực đạo đức cách mạng."
    data = extraction_to_json(extract_text(text))
    assert [c["doc_type"] for c in data["citations"]] == ["Quy định"]
    assert data["problems"] == []


def test_a_type_word_over_another_code_is_still_a_mismatch() -> None:
    assert [p["kind"] for p in extraction_to_json(extract_text(
        "Căn cứ Quy định số 02/QĐ-UBND ngày 23/9/2019 của UBND tỉnh;"))["problems"]] == ["type_mismatch"]


def test_a_central_steering_committee_is_the_issuer_of_its_plan() -> None:
    data = extraction_to_json(extract_text(
        "Thực hiện Kế hoạch số 01-KH/BCĐTW, ngày 28/01/2025 của Ban Chỉ đạo Trung ương về phát triển khoa "
        "học, công nghệ, đổi mới sáng tạo và chuyển đổi số, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch."))
    assert [(c["symbol"], c["issuer"]) for c in data["citations"]] == [("01-KH/BCĐTW", "BCĐTW")]


def test_a_decomposed_text_is_read_like_its_nfc_form() -> None:
    """A text saved in NFD (some editors do) has the same header, citations and relations as
    its NFC form, with offsets into the text as given (`cancu extract`, ingest, the API)."""
    nfc = HEADER + "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa;"
    nfd = unicodedata.normalize("NFD", nfc)
    a, b = extraction_to_json(extract_text(nfc)), extraction_to_json(extract_text(nfd))
    assert b["document"] == a["document"] and b["document"]["symbol"] == "12/KH-VP"
    assert [(c["id"], c["relation"]) for c in b["citations"]] == [(c["id"], c["relation"]) for c in a["citations"]]
    assert all(nfd[c["start"]:c["end"]] == c["text"] for c in b["citations"])
    assert b["edges"] == a["edges"]


# --- endings told after the citations (data/cite_words.json 'ending_after') ---------------
# "X hết hiệu lực kể từ ngày Luật này có hiệu lực" says only that X ends: a repeal
# (`repeals`, eli:repeals), not a replacement ("thay thế" is not written). The examples
# list what ends; the non-examples name a document that the citing one does not end.
ENDING_CASES = [(ex["text"], ex["ended"], ex.get("subject")) for ex in words()["ending_after"]["examples"]]


@pytest.mark.parametrize("text,ended,subject", ENDING_CASES)
def test_an_ending_told_after_the_citations_is_a_repeal(text: str, ended: list[str], subject: str | None) -> None:
    got = cites(text)
    assert [c["symbol"] for c in got if c["relation"] == "repeals"] == ended, got
    if subject is not None:
        assert got[0]["subject"] == subject


@pytest.mark.parametrize("text", words()["ending_after"]["non_examples"])
def test_an_ending_that_is_a_time_or_a_condition_ends_nothing(text: str) -> None:
    got = extraction_to_json(extract_text(HEADER + text))
    assert not [e for e in got["edges"] if e["relation"] in ("repeals", "replaces")], got["edges"]


def test_an_ended_law_of_the_documents_own_name_stays_a_citation() -> None:
    """A law that ends the previous law of its name: the older one is named, not itself."""
    text = ("LUẬT\nĐẤT ĐAI\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
            "Điều 212. Hiệu lực thi hành\nLuật đất đai ngày 14 tháng 7 năm 1993 hết hiệu lực kể từ ngày "
            "Luật này có hiệu lực.")
    got = extraction_to_json(extract_text(text))
    assert [(c["name"], c["relation"]) for c in got["citations"] if c["name"] != "Hiến pháp"] == [
        ("Luật đất đai", "repeals")]


@pytest.mark.parametrize("text", words()["cue_tails"]["examples"])
def test_a_cue_after_a_tail_word_is_no_cue(text: str) -> None:
    assert [c["relation"] for c in cites(text)] == ["cites"]


@pytest.mark.parametrize("example", words()["unasserted_cues"]["examples"], ids=lambda e: e["text"][:40])
def test_a_cue_in_a_time_condition_future_or_purpose_is_no_act_of_the_document(example: dict) -> None:
    """"sẽ được rà soát khi triển khai Nghị định số 47/2020/NĐ-CP": the annex cites it."""
    assert [c["relation"] for c in cites(example["text"], header=True)] == example["relations"]


def test_a_purpose_inside_a_cited_documents_subject_is_that_documents() -> None:
    """Only the citing document's own sentences lose a mid-sentence purpose: inside a cited
    plan's trích yếu the purpose says what that plan implements."""
    got = extraction_to_json(extract_text(HEADER + (
        "Thực hiện Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh về tổ chức các hoạt động để thực "
        "hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ;")))
    edges = {(e["from"], e["relation"], e["to"]) for e in got["edges"]}
    assert ("ubnd.quang-ngai/2019/kh/61", "implements", "cp/2019/nq/17") in edges, edges
    assert ("vp.quang-ngai/2021/kh/12", "implements", "ubnd.quang-ngai/2019/kh/61") in edges, edges


TITLED = "UBND TỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 77/KH-UBND    Quảng Ngãi, ngày 10 tháng 6 " \
         "năm 2024\nKẾ HOẠCH\n"


@pytest.mark.parametrize("text", [
    # The title ends in a document word ('described_documents'), a topic word ('cue_tails')
    # or a heading in capitals; the preamble below opens with its cue.
    "Thí nghiệm cập nhật văn bản\n\nThực hiện Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ, UBND "
    "tỉnh ban hành Kế hoạch như sau:",
    "Kiểm tra, đánh giá\n\nThực hiện Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ, UBND tỉnh ban "
    "hành Kế hoạch như sau:",
    "Thí nghiệm cập nhật văn bản\n\nĐể triển khai Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ, UBND "
    "tỉnh ban hành Kế hoạch như sau:",
    "Thí nghiệm\nI. NHIỆM VỤ\nTriển khai theo Nghị định số 45/2020/NĐ-CP ngày 08/4/2020 của Chính phủ.",
])
def test_what_ends_the_line_above_says_nothing_about_a_cue(text: str) -> None:
    """Lines are joined when read: "văn bản" closing the title is not "các văn bản quy định
    chi tiết ..." describing the cue that opens the next paragraph."""
    assert [c["relation"] for c in cites(TITLED + text)] == ["implements"]


def test_a_capitalised_cue_inside_a_sentence_is_a_title_word() -> None:
    """"Rà soát các văn bản Hướng dẫn thi hành Luật Đất đai": the other documents guide the
    law, written in title case; only an implementing cue opens a paragraph after a line."""
    text = "Rà soát các văn bản Hướng dẫn thi hành Luật Đất đai số 31/2024/QH15 ngày 18/01/2024."
    assert [c["relation"] for c in cites(TITLED + text)] == ["cites"]


# --- where an act is written, whom a cue describes (data/cite_words.json) -------------------
@pytest.mark.parametrize("example", words()["located_cues"]["examples"], ids=lambda e: e["text"][:40])
def test_a_cue_before_tai_says_where_the_act_is_written(example: dict) -> None:
    got = extraction_to_json(extract_text(HEADER + example["text"]))
    amends = [[c["symbol"] for c in got["citations"] if c["id"] == e[k]][0]
              for e in got["edges"] if e["relation"] == "amends" for k in ("from", "to")]
    assert [amends[i:i + 2] for i in range(0, len(amends), 2)] == example["amends"], got["edges"]
    assert [c["relation"] for c in got["citations"]] == example["relations"]
    assert not [e for e in got["edges"] if e["relation"] == "guides"], got["edges"]


@pytest.mark.parametrize("example", words()["passive_parts"]["examples"] + words()["effect_clauses"]["examples"]
                         + words()["commissioned_acts"]["examples"],
                         ids=lambda e: e["text"][:40])
def test_an_ending_said_of_a_part_amends_and_a_passive_cue_needs_a_later_document(example: dict) -> None:
    got = extraction_to_json(extract_text(HEADER + "I. NỘI DUNG\n" + example["text"]))
    cited = {c["id"] for c in got["citations"]}
    own = next((x for e in got["edges"] for x in (e["from"], e["to"]) if x not in cited), None)
    edges = [[e["from"] if e["from"] != own else "self", e["relation"], e["to"] if e["to"] != own else "self"]
             for e in got["edges"] if e["relation"] != "cites"]
    assert edges == example["edges"], got["edges"]


@pytest.mark.parametrize("text", words()["described_documents"]["examples"])
def test_a_cue_after_a_document_word_describes_those_documents(text: str) -> None:
    got = extraction_to_json(extract_text(HEADER + text))
    assert not [e for e in got["edges"] if e["relation"] == "guides"], got["edges"]


def test_a_joint_documents_issuers_are_the_citations_not_its_subject() -> None:
    """The joint circular's issuer list ends its core; its subject is its own act."""
    for joint in ("giữa Bộ Tài chính, Bộ Công Thương và Bộ Giao thông vận tải",
                  "của Bộ Tài chính, Bộ Công Thương và Bộ Giao thông vận tải"):
        got = extraction_to_json(extract_text(HEADER + (
            f"Thông tư này thay thế Thông tư liên tịch số 84/2013/TTLT-BTC-BCT-BGTVT ngày 25 tháng 6 năm 2013 "
            f"{joint} hướng dẫn thực hiện Quyết định số 48/2011/QĐ-TTg ngày 31 tháng 8 năm 2011 của Thủ tướng "
            "Chính phủ.")))
        rel = {(e["from"], e["relation"], e["to"]) for e in got["edges"]}
        assert ("btc-bct-bgtvt/2013/ttlt/84", "guides", "ttg/2011/qd/48") in rel, rel
        assert ("vp.quang-ngai/2021/kh/12", "replaces", "btc-bct-bgtvt/2013/ttlt/84") in rel, rel
        assert ("vp.quang-ngai/2021/kh/12", "guides", "ttg/2011/qd/48") not in rel, rel
        assert got["citations"][0]["subject"].startswith("hướng dẫn thực hiện")


def test_a_document_acts_on_none_issued_after_it() -> None:
    got = extraction_to_json(extract_text(HEADER + "Nghị định số 67/2007/NĐ-CP sửa đổi, bổ sung Nghị định số "
                                                   "13/2010/NĐ-CP; Thông tư số 02/2015/TT-BTNMT ngày 27/01/2015 "
                                                   "hướng dẫn Thông tư số 05/2015/TT-BTNMT ngày 10/3/2015."))
    assert not [e for e in got["edges"] if e["relation"] in ("amends", "guides")], got["edges"]


def test_relation_examples_get_their_relation() -> None:
    """Every example of data/relations.json states its relation (of the document to a
    citation, or between two cited documents)."""
    for info in vocab.load_table("relations.json")["relations"]:
        for example in info["examples"]:
            got = extraction_to_json(extract_text(example))["edges"]
            assert info["name"] in {e["relation"] for e in got}, (example, got)


def test_who_gave_a_direction_is_no_distance_from_the_cue() -> None:
    """"Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ tại Văn bản số ...": the body named
    after "của" counts as one word, so the cue reaches the letter; "Hướng dẫn của Bộ ... tại
    Công văn số ..." names a guidance, which the document does not give."""
    text = ("Thực hiện ý kiến chỉ đạo của Thủ tướng Chính phủ tại Văn bản số 1234/VPCP-KSTT ngày 02/3/2024; "
            "Thực hiện các Nghị quyết của Chính phủ: số 01/NQ-CP ngày 05/01/2024.\n"
            "Các đơn vị rà soát theo Hướng dẫn của Bộ Thông tin và Truyền thông tại Công văn số "
            "2051/BTTTT-THH ngày 04/6/2020.")
    got = [(c["symbol"], c["relation"]) for c in extraction_to_json(extract_text(text))["citations"]]
    assert got == [("1234/VPCP-KSTT", "implements"), ("01/NQ-CP", "implements"), ("2051/BTTTT-THH", "cites")]
    # Typed as a heading, the body is one word all the same; in lower case, words of a subject.
    for body in ("THỦ TƯỚNG CHÍNH PHỦ", "Thủ Tướng Chính Phủ"):
        heading = extraction_to_json(extract_text(text.replace("Thủ tướng Chính phủ", body)))["citations"]
        assert heading[0]["relation"] == "implements", body


def test_a_numbered_amending_law_takes_the_date_closing_its_title() -> None:
    """"Luật số 43/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, Luật
    Kinh doanh bất động sản và Luật Các tổ chức tín dụng ngày 29 tháng 6 năm 2024": the date
    is the amending law's (as without its number), the laws it names are amended by it and
    undated. The last one read the date as its own, and lint "fixed" it to 18/01/2024."""
    text = ("Căn cứ Luật số 43/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, Luật Kinh "
            "doanh bất động sản và Luật Các tổ chức tín dụng ngày 29 tháng 6 năm 2024;\n")
    out = extraction_to_json(extract_text(text))
    amending, *named = out["citations"]
    assert (amending["symbol"], amending["date"], amending["relation"]) == ("43/2024/QH15", "2024-06-29", "based_on")
    assert [(c["name"], c["date"], c["text"]) for c in named] == [
        ("Luật Đất đai", None, "Luật Đất đai"), ("Luật Nhà ở", None, "Luật Nhà ở"),
        ("Luật Kinh doanh bất động sản", None, "Luật Kinh doanh bất động sản"),
        ("Luật Các tổ chức tín dụng", None, "Luật Các tổ chức tín dụng")]
    amends = {e["to"] for e in out["edges"] if e["from"] == "qh/2024/43" and e["relation"] == "amends"}
    assert len(amends) == 4, out["edges"]


def test_an_ending_after_a_citation_whose_subject_cites_another() -> None:
    """"Thông tư số 05/2011/TT-BTP ... hướng dẫn thi hành Nghị định số 83/2010/NĐ-CP ... hết
    hiệu lực kể từ ...": the last citation before the phrase is inside the circular's title;
    the ending is the circular's (mentions are sorted by start, not by end)."""
    text = ("Điều 5. Hiệu lực thi hành\n2. Thông tư số 05/2011/TT-BTP ngày 16/02/2011 của Bộ trưởng Bộ Tư pháp "
            "hướng dẫn thi hành Nghị định số 83/2010/NĐ-CP ngày 23/7/2010 trong lĩnh vực đăng ký giao dịch bảo "
            "đảm hết hiệu lực kể từ ngày Thông tư này có hiệu lực thi hành.\n")
    got = extraction_to_json(extract_text(text))
    assert [(c["symbol"], c["relation"]) for c in got["citations"]] == [
        ("05/2011/TT-BTP", "repeals"), ("83/2010/NĐ-CP", "cites")]


def test_repealing_or_replacing_a_part_amends_the_document() -> None:
    """"Bãi bỏ điểm c khoản 1 Điều 5 Thông tư số 85/2019/TT-BTC" (Thông tư 106/2021/TT-BTC)
    ends one point of the circular, which stays in force: an amendment, as the KB records a
    partial repeal (graph/catalog.py). As `repeals` it made `show` call Thông tư 85/2019
    "Hết hiệu lực toàn bộ". A whole document repealed stays `repeals`."""
    text = ("Điều 1. Sửa đổi, bổ sung\n"
            "2. Bãi bỏ điểm c khoản 1 Điều 5 Thông tư số 85/2019/TT-BTC.\n"
            "3. Thay thế khoản 2 Điều 3 Nghị định số 120/2016/NĐ-CP ngày 23/8/2016.\n"
            "4. Bãi bỏ Thông tư số 250/2016/TT-BTC ngày 11/11/2016.\n"
            "5. Điều 4 Thông tư số 56/2014/TT-BTC hết hiệu lực kể từ ngày Thông tư này có hiệu lực.\n")
    got = extraction_to_json(extract_text(text))
    assert [(c["symbol"], c["relation"]) for c in got["citations"]] == [
        ("85/2019/TT-BTC", "amends"), ("120/2016/NĐ-CP", "amends"),
        ("250/2016/TT-BTC", "repeals"), ("56/2014/TT-BTC", "amends")]
    assert [(e["relation"], e["to"]) for e in got["edges"]] == [
        ("amends", "btc/2019/tt/85"), ("amends", "cp/2016/nd/120"),
        ("repeals", "btc/2016/tt/250"), ("amends", "btc/2014/tt/56")]
    # Between two cited documents the same; and a clause that ends the document itself
    # ("được bãi bỏ bởi khoản 2 Điều 5 Thông tư ...") is the source's part: a whole repeal.
    text = ("Thông tư này đã được bãi bỏ bởi khoản 2 Điều 5 Thông tư số 10/2020/TT-BTC ngày 20/02/2020.\n"
            "Nghị định số 50/2020/NĐ-CP ngày 20/4/2020 bãi bỏ khoản 2 Điều 5 Nghị định số 61/2018/NĐ-CP.\n")
    got = extraction_to_json(extract_text(text))
    edges = [(e["from"], e["relation"], e["to"]) for e in got["edges"]]
    assert ("btc/2020/tt/10", "repeals", "self") in edges
    assert ("cp/2020/nd/50", "amends", "cp/2018/nd/61") in edges


def test_a_year_written_after_a_yearless_number_is_its_identity() -> None:
    """"Nghị quyết số 02/NQ-CP năm 2020" is the resolution of 2020, even beside the 2019 one
    dated in full: the year written gives the id, not the other mention's date."""
    text = ("Căn cứ Nghị quyết số 02/NQ-CP năm 2020 của Chính phủ;\n"
            "Thực hiện Nghị quyết số 02/NQ-CP ngày 01/01/2019 của Chính phủ;\n")
    got = extraction_to_json(extract_text(text))
    assert [c["id"] for c in got["citations"]] == ["cp/2020/nq/2", "cp/2019/nq/2"]
    from cancu.graph.kb import KnowledgeBase  # the KB's resolver reads the same year

    kb = KnowledgeBase()
    report = kb.add_extraction(extract_text(text, file="nq.txt"))
    assert sorted((e.relation.value, e.target) for e in kb.edges_from(report.document)) == [
        ("based_on", "cp/2020/nq/2"), ("implements", "cp/2019/nq/2")]


def test_a_heading_whose_words_go_on_in_lower_case_keeps_its_title_apart_from_the_preamble() -> None:
    """"CHƯƠNG TRÌNH HÀNH ĐỘNG / của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 57-NQ/TW
    ..." (Party and government programmes of action): the title goes on below the heading.
    Cut after "HÀNH ĐỘNG", the title's citation ran on into the preamble, whose own "Thực
    hiện Nghị quyết số 57-NQ/TW" became a mere mention inside it and whose words became the
    resolution's subject in the KB."""
    example = next(ex for ex in words()["header"]["heading_examples"] if "CHƯƠNG TRÌNH HÀNH ĐỘNG" in ex["text"])
    got = extraction_to_json(extract_text(example["text"]))
    subject = "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia"
    assert [(c["symbol"], c["relation"], c["subject"]) for c in got["citations"]] == [
        ("57-NQ/TW", "implements", subject), ("57-NQ/TW", "implements", subject)]


def test_a_party_committee_named_with_its_province_keeps_the_subject_and_the_list() -> None:
    """"của Thành ủy Hà Nội về ..." / "của Tỉnh ủy Quảng Ngãi về ...": the province follows
    the committee's name bare (data/issuers.json 'by_place'). The citation stopped before it,
    so it lost its subject and province, and the next item of the "Thực hiện" list, read
    after words that were no list separator, only cited the city's plan it implements."""
    header = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HÀ NỘI\nSố: 45/KH-UBND     Hà Nội, ngày 05 tháng 02 năm 2024\n"
              "KẾ HOẠCH\nTriển khai Đề án 06 năm 2024\n\n")
    body = ("Thực hiện Chương trình số 03-CTr/TU ngày 17/3/2021 của Thành ủy Hà Nội về đẩy mạnh chuyển đổi "
            "số; Nghị quyết số 05-NQ/TU ngày 10/3/2021 của Tỉnh ủy Quảng Ngãi về chuyển đổi số; Kế hoạch số "
            "41/KH-UBND ngày 01/02/2023 của UBND Thành phố về triển khai Đề án 06, UBND Thành phố ban hành "
            "Kế hoạch như sau:\n")
    got = extraction_to_json(extract_text(header + body))
    assert [(c["symbol"], c["province"], c["subject"], c["relation"], c["id"]) for c in got["citations"]] == [
        ("03-CTr/TU", "Hà Nội", "về đẩy mạnh chuyển đổi số", "implements", "tu.ha-noi/2021/ctr/3"),
        ("05-NQ/TU", "Quảng Ngãi", "về chuyển đổi số", "implements", "tu.quang-ngai/2021/nq/5"),
        ("41/KH-UBND", "Hà Nội", "về triển khai Đề án 06", "implements", "ubnd.ha-noi/2023/kh/41")]


def test_an_action_programme_later_in_a_thuc_hien_list_is_implemented() -> None:
    """"...; Chương trình hành động số 45-CTr/TU ..." (data/types.json: a variant of
    Chương trình): the Tỉnh ủy's programme links a Party resolution to the UBND's plan. Read
    from "số", it was only cited, and the plan hung under no programme in its chain."""
    header = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 112/KH-UBND     Quảng Ngãi, ngày 14 tháng 3 năm 2025\n"
              "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW\n\n")
    body = ("Thực hiện Nghị quyết số 03/NQ-CP ngày 09/01/2025 của Chính phủ; Chương trình hành động số "
            "45-CTr/TU ngày 20/02/2025 của Ban Thường vụ Tỉnh ủy, UBND tỉnh ban hành Kế hoạch như sau:\n")
    got = extraction_to_json(extract_text(header + body))
    assert [(c["symbol"], c["doc_type"], c["relation"]) for c in got["citations"][-2:]] == [
        ("03/NQ-CP", "Nghị quyết", "implements"), ("45-CTr/TU", "Chương trình", "implements")]


def test_a_web_pages_note_asserts_nothing_of_the_law_toward_later_documents() -> None:
    """Text copied from a legal web page carries notes in brackets after a provision. "Nội
    dung hướng dẫn Điều này tại Thông tư 111/2013/TT-BTC" in Luật 04/2007/QH12 made the law
    guide the circular, and the law cited a circular of 2014: a document names nothing of
    a later year. The note's own facts stay: the circular guides the law, 119 amends 111."""
    text = ("QUỐC HỘI\nSố: 04/2007/QH12     Hà Nội, ngày 21 tháng 11 năm 2007\nLUẬT\nTHUẾ THU NHẬP CÁ NHÂN\n"
            "Điều 3. Thu nhập chịu thuế [Điều này được hướng dẫn bởi Điều 1 Thông tư 111/2013/TT-BTC có hiệu "
            "lực kể từ ngày 01 tháng 10 năm 2013 Nội dung hướng dẫn Điều này tại Thông tư 111/2013/TT-BTC được "
            "sửa đổi bởi Điều 2 Thông tư 119/2014/TT-BTC có hiệu lực thi hành từ ngày 01 tháng 9 năm 2014]\n")
    edges = {(e["from"], e["relation"], e["to"]) for e in extraction_to_json(extract_text(text))["edges"]}
    assert edges == {("btc/2013/tt/111", "guides", "qh/2007/4"),
                     ("btc/2014/tt/119", "amends", "btc/2013/tt/111")}, edges


def test_cyrillic_lookalikes_in_a_symbol_are_read_as_latin() -> None:
    """"155/2020/NĐ-СР" with a Cyrillic С and Р (a keyboard layout, a converted PDF; one
    such title came with the corpus) named no document; a word wholly Cyrillic stays."""
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 12/KH-UBND     Quảng Ngãi, ngày 14 tháng 3 năm 2025\n"
            "KẾ HOẠCH\nCăn cứ Nghị định số 155/2020/NĐ-\u0421\u0420 ngày 31/12/2020 của Chính phủ;\n")
    [c] = extraction_to_json(extract_text(text))["citations"]
    assert (c["symbol"], c["id"], c["relation"]) == ("155/2020/NĐ-CP", "cp/2020/nd/155", "based_on")
    from cancu.graph.text import latin_lookalikes

    assert latin_lookalikes("Máy nén khí \u0414K-9M và \u041c\u042d") == "Máy nén khí \u0414K-9M và \u041c\u042d"


def test_a_date_in_words_needs_no_ngay_before_it() -> None:
    """Nghị định 45/2016/NĐ-CP's căn cứ: "..., Luật sửa đổi, bổ sung một số điều của Luật
    Quản lý thuế 20 tháng 11 năm 2012, Luật sửa đổi ... ngày 26 tháng 11 năm 2014;". The law
    lost its date, and the next item of the list was only cited."""
    text = ("CHÍNH PHỦ\nSố: 45/2016/NĐ-CP     Hà Nội, ngày 26 tháng 05 năm 2016\nNGHỊ ĐỊNH\n"
            "Căn cứ Luật Quản lý thuế ngày 29 tháng 11 năm 2006, Luật sửa đổi, bổ sung một số điều của Luật "
            "Quản lý thuế 20 tháng 11 năm 2012, Luật sửa đổi, bổ sung một số điều của các Luật về thuế ngày 26 "
            "tháng 11 năm 2014;\n")
    based = [(c["date"], c["relation"]) for c in extraction_to_json(extract_text(text))["citations"]
             if c["relation"] == "based_on"]
    assert based == [("2006-11-29", "based_on"), ("2012-11-20", "based_on"), ("2014-11-26", "based_on")]


def test_a_quan_uy_is_a_local_party_committee() -> None:
    """"45-KH/QU ... của Quận ủy Quận 3" (a Party committee of a quận, data/issuers.json QU):
    a local issuer, so the plan is the city's Quận ủy's; with the code unknown its id was
    "qu/2023/kh/45", one node for every Quận ủy's plan 45 of 2023 in the country."""
    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSố: 12/KH-UBND     Thành phố Hồ Chí Minh, ngày 20 tháng 4 "
            "năm 2023\nKẾ HOẠCH\nChuyển đổi số năm 2023\n\nCăn cứ Kế hoạch số 45-KH/QU ngày 10 tháng 3 năm 2023 "
            "của Quận ủy Quận 3 về chuyển đổi số năm 2023;\n")
    [c] = extraction_to_json(extract_text(text))["citations"]
    assert (c["issuer"], c["province"], c["relation"], c["id"]) == (
        "QU", "Hồ Chí Minh", "based_on", "qu.ho-chi-minh/2023/kh/45")


def test_a_footnote_number_after_a_symbol_is_no_part_of_its_issuer() -> None:
    """PDF text flattens a raised footnote number onto the symbol ("61/2018/NĐ-CP1."):
    no issuer is CP1, CP is; a legislature's term stays ("47/2019/QH14")."""
    got = cites("Căn cứ Nghị định số 61/2018/NĐ-CP1 ngày 23/4/2018 của Chính phủ; Luật số 47/2019/QH14;\n"
                "Thông tư số 01/2018/TT-VPCP2 của Văn phòng Chính phủ.")
    assert [(c["symbol"], c["id"], c["date"]) for c in got] == [
        ("61/2018/NĐ-CP", "cp/2018/nd/61", "2018-04-23"), ("47/2019/QH14", "qh/2019/47", None),
        ("01/2018/TT-VPCP", "vpcp/2018/tt/1", None)], got
    # The citation reads on after the marker: a local plan keeps its date and issuer.
    [plan] = cites("Thực hiện Kế hoạch số 151/KH-UBND2 ngày 21/12/2020 của UBND tỉnh Quảng Ngãi về chuyển đổi số.")
    assert (plan["symbol"], plan["date"], plan["province"]) == ("151/KH-UBND", "2020-12-21", "Quảng Ngãi"), plan


@pytest.mark.parametrize("example", words()["issuer_terms"]["examples"], ids=lambda e: e["text"][:40])
def test_an_elected_body_s_term_and_session_name_the_issuer_not_the_subject(example: dict) -> None:
    """"của Quốc hội khóa X, kỳ họp thứ 10" gave the subject "khóa X, kỳ họp thứ 10",
    which lint then offered in a fix ("Nghị quyết số 51/2001/QH10 ... về khoá X, kỳ họp thứ 10")."""
    [c] = [c for c in cites(example["text"]) if c["symbol"]]
    assert c["subject"] == example["subject"], c


def test_two_bodies_of_one_code_sign_together_and_the_list_goes_on() -> None:
    """"Kết luận số 126-KL/TW ... của Bộ Chính trị, Ban Bí thư về ...; Nghị quyết số 03/NQ-CP
    ...": the second body was read as the end of the citation, its subject lost, and the
    next item of the "Thực hiện" list only cited."""
    text = ("Thực hiện Nghị quyết số 57-NQ/TW, ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa "
            "học, công nghệ; Kết luận số 126-KL/TW, ngày 14/02/2025 của Bộ Chính trị, Ban Bí thư về một số nội "
            "dung, nhiệm vụ tiếp tục sắp xếp, tinh gọn tổ chức bộ máy; Nghị quyết số 03/NQ-CP ngày 09/01/2025 "
            "của Chính phủ ban hành Chương trình hành động,\nBan Thường vụ Tỉnh ủy ban hành Kế hoạch như sau:\n")
    got = cites(text, header=True)
    assert [(c["symbol"], c["relation"]) for c in got[:3]] == [
        ("57-NQ/TW", "implements"), ("126-KL/TW", "implements"), ("03/NQ-CP", "implements")], got
    assert got[1]["subject"].startswith("về một số nội dung"), got[1]
