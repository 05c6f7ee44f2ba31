"""Documents of the units below the province (issue #6).

A huyện, a xã or a provincial city has its own Ủy ban nhân dân numbering its documents as the
province's does: "88/KH-UBND" of huyện Sơn Tịnh and "88/KH-UBND" of tỉnh Quảng Ngãi, both of
2020, are two plans. Their ids, what extraction says of them, how the knowledge base keeps
them apart and how a citation names them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cancu.cli import main
from cancu.graph.citation import format_citation
from cancu.graph.identity import id_from_text
from cancu.graph.kb import KnowledgeBase
from cancu.graph.lint import lint
from cancu.ingest.extract import extract_text, extraction_to_json

# --- ids -------------------------------------------------------------------------------------


def test_a_units_document_carries_its_unit_after_the_province() -> None:
    assert id_from_text("88/KH-UBND", year=2020, province="Quảng Ngãi",
                        locality="huyện Sơn Tịnh") == "ubnd.quang-ngai.huyen-son-tinh/2020/kh/88"
    assert id_from_text("15/KH-UBND", year=2025, province="Gia Lai",
                        locality="xã Tuy Phước") == "ubnd.gia-lai.xa-tuy-phuoc/2025/kh/15"
    assert id_from_text("20/KH-UBND", year=2021, province="Quảng Ngãi",
                        locality="thành phố Quảng Ngãi") == "ubnd.quang-ngai.thanh-pho-quang-ngai/2021/kh/20"


def test_a_provinces_own_document_keeps_its_id() -> None:
    assert id_from_text("88/KH-UBND", year=2020, province="Quảng Ngãi") == "ubnd.quang-ngai/2020/kh/88"
    # A central document has no province, and no unit either.
    assert id_from_text("749/QĐ-TTg", year=2020, locality="huyện Sơn Tịnh") == "ttg/2020/qd/749"


def test_a_unit_known_only_by_its_level_is_no_identity() -> None:
    """"của UBND huyện" in a provincial text: which huyện is unknown, so the plan must not
    be merged with the province's plan of the same number."""
    assert id_from_text("88/KH-UBND", year=2020, province="Quảng Ngãi", locality="huyện") is None


# --- extraction --------------------------------------------------------------------------------

DUC_TRONG = (
    "ỦY BAN NHÂN DÂN \n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n\nHUYỆN ĐỨC TRỌNG \n\n"
    "Độc lập - Tự do - Hạnh phúc \n\n \nSố: 412/BC-UBND                      Đức Trọng, ngày 18 tháng 11 năm 2024 \n\n"
    " \nBÁO CÁO \n\nKết quả thực hiện cơ chế một cửa năm 2024 \n\n \n"
    "Thực hiện Công văn số 8512/UBND-NC ngày 25/10/2024 của UBND tỉnh Lâm Đồng về \n\n"
    "việc báo cáo kết quả thực hiện cơ chế một cửa, UBND huyện Đức Trọng báo cáo như sau: \n\n"
    "Trên cơ sở Kế hoạch số 12/KH-UBND ngày 20/01/2024 \n\n"
    "của UBND tỉnh về cải cách hành chính năm 2024, UBND huyện đã ban hành Kế hoạch số \n\n"
    "45/KH-UBND ngày 30/01/2024 về cải cách hành chính năm 2024 trên địa bàn huyện và \n\n"
    "Quyết định số 256/QĐ-UBND ngày 05/02/2024 của Chủ tịch UBND huyện về việc kiện \n\n"
    "toàn Bộ phận Một cửa huyện. \n"
)

SON_TINH = (
    " \n\nỦY BAN NHÂN DÂN \n\nHUYỆN SƠN TỊNH \n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n\n"
    "Độc lập - Tự do - Hạnh phúc \n\nSố: 88/KH-UBND                 Sơn Tịnh, ngày 20 tháng 5 năm 2020 \n\n  \n\n"
    "KẾ HOẠCH \n\nPhát triển Chính quyền điện tử huyện Sơn Tịnh giai đoạn 2020 - 2025 \n\n \n\n"
    "Thực hiện Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh Quảng \n\nNgãi về thực hiện "
    "Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ; UBND huyện Sơn Tịnh ban hành Kế hoạch như sau: \n"
)

QUANG_NGAI_88 = (
    "ỦY BAN NHÂN DÂN \n\nTỈNH QUẢNG NGÃI \n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM \n\n"
    "Độc lập - Tự do - Hạnh phúc \n\nSố: 88/KH-UBND                 Quảng Ngãi, ngày 02 tháng 6 năm 2020 \n\n"
    "KẾ HOẠCH \n\nTổ chức Ngày Chuyển đổi số tỉnh Quảng Ngãi năm 2020 \n\n"
    "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ; \n\n"
    "UBND tỉnh ban hành Kế hoạch như sau: \n"
)

# A provincial department's draft citing both 88/KH-UBND plans of 2020.
DRAFT = (
    "UBND TỈNH QUẢNG NGÃI \nSỞ THÔNG TIN VÀ TRUYỀN THÔNG \n"
    "Số:    /KH-STTTT              Quảng Ngãi, ngày 10 tháng 6 năm 2020 \n\n"
    "KẾ HOẠCH \nHỗ trợ chuyển đổi số cấp huyện năm 2020 \n\n"
    "Thực hiện Kế hoạch số 88/KH-UBND ngày 20/5/2020 của UBND huyện Sơn Tịnh; \n"
    "Kế hoạch số 88/KH-UBND ngày 20/5/2020 của UBND tỉnh; \n"
    "Sở Thông tin và Truyền thông ban hành Kế hoạch như sau: \n"
)

XA_TUY_PHUOC = (
    "ỦY BAN NHÂN DÂN\nXÃ TUY PHƯỚC\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 15/KH-UBND               Tuy Phước, ngày 20 tháng 8 năm 2025\n\nKẾ HOẠCH\n"
    "Chuyển đổi số xã Tuy Phước năm 2025\n\n"
    "Thực hiện Kế hoạch số 151/KH-UBND ngày 05/8/2025 của UBND tỉnh Gia Lai;\n"
    "UBND xã ban hành Kế hoạch như sau:\n"
)


def _json(text: str) -> dict:
    return extraction_to_json(extract_text(text))


def _cited(data: dict) -> dict[str, tuple[str | None, str | None]]:
    return {c["symbol"]: (c["locality"], c["id"]) for c in data["citations"] if c["symbol"]}


def test_a_huyens_report_is_the_huyens_not_the_provinces() -> None:
    ex = extract_text(DUC_TRONG)
    assert (ex.document.province, ex.document.locality) == ("Lâm Đồng", "huyện Đức Trọng")
    assert ex.document.id == "ubnd.lam-dong.huyen-duc-trong/2024/bc/412"
    assert extraction_to_json(ex)["document"]["locality"] == "huyện Đức Trọng"


def test_in_a_huyens_text_the_province_is_named_and_the_huyen_is_the_writer() -> None:
    cited = _cited(_json(DUC_TRONG))
    assert cited["8512/UBND-NC"] == (None, "ubnd.lam-dong/2024/cv/8512")  # của UBND tỉnh Lâm Đồng
    assert cited["12/KH-UBND"] == (None, "ubnd.lam-dong/2024/kh/12")  # của UBND tỉnh
    # No issuer named: the huyện's own plan, not the province's 45/KH-UBND of 2024.
    assert cited["45/KH-UBND"] == ("huyện Đức Trọng", "ubnd.lam-dong.huyen-duc-trong/2024/kh/45")
    # "của Chủ tịch UBND huyện" in the huyện's own report: that huyện.
    assert cited["256/QĐ-UBND"] == ("huyện Đức Trọng", "ubnd.lam-dong.huyen-duc-trong/2024/qd/256")


def test_the_huyens_plan_and_the_provinces_plan_of_one_number_get_two_ids() -> None:
    assert extract_text(SON_TINH).document.id == "ubnd.quang-ngai.huyen-son-tinh/2020/kh/88"
    assert extract_text(QUANG_NGAI_88).document.id == "ubnd.quang-ngai/2020/kh/88"
    assert _cited(_json(SON_TINH))["61/KH-UBND"] == (None, "ubnd.quang-ngai/2019/kh/61")
    ids = [c["id"] for c in _json(DRAFT)["citations"]]
    assert ids == ["ubnd.quang-ngai.huyen-son-tinh/2020/kh/88", "ubnd.quang-ngai/2020/kh/88"]


def test_a_commune_after_the_2025_reorganisation() -> None:
    data = _json(XA_TUY_PHUOC)
    assert data["document"]["locality"] == "xã Tuy Phước"
    assert data["edges"][0] == {"from": "ubnd.gia-lai.xa-tuy-phuoc/2025/kh/15", "relation": "implements",
                                "to": "ubnd.gia-lai/2025/kh/151"}


def _one(sentence: str, context: str = QUANG_NGAI_88) -> dict:
    """The last citation of `sentence` appended to the body of `context`."""
    return _json(context + sentence)["citations"][-1]


def test_a_provincial_city_is_a_unit_a_centrally_run_city_is_the_province() -> None:
    city = _one("Thực hiện Kế hoạch số 20/KH-UBND ngày 05/3/2020 của UBND thành phố Quảng Ngãi về chuyển đổi số;")
    assert (city["province"], city["locality"]) == ("Quảng Ngãi", "thành phố Quảng Ngãi")
    assert city["id"] == "ubnd.quang-ngai.thanh-pho-quang-ngai/2020/kh/20"
    assert city["subject"] == "về chuyển đổi số"
    hanoi = _one("Thực hiện Kế hoạch số 20/KH-UBND ngày 05/3/2020 của UBND thành phố Hà Nội về chuyển đổi số;")
    assert (hanoi["province"], hanoi["locality"], hanoi["id"]) == ("Hà Nội", None, "ubnd.ha-noi/2020/kh/20")
    town = _one("Căn cứ Kế hoạch số 7/KH-UBND ngày 05/3/2020 của UBND thị xã Đức Phổ, tỉnh Quảng Ngãi;")
    assert (town["locality"], town["id"]) == ("thị xã Đức Phổ", "ubnd.quang-ngai.thi-xa-duc-pho/2020/kh/7")


def test_the_city_a_quan_implements_is_the_centrally_run_city() -> None:
    """A plan of a quận of Hà Nội "thực hiện Kế hoạch số 41/KH-UBND ... của UBND Thành phố":
    the city's plan (Hà Nội is a province), so the implementation chain links it; read as
    an unnamed "thành phố" unit it had no id and the edge went nowhere."""
    text = ("ỦY BAN NHÂN DÂN          CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "QUẬN HOÀN KIẾM            Độc lập - Tự do - Hạnh phúc\n"
            "Số: 52/KH-UBND            Hoàn Kiếm, ngày 20 tháng 02 năm 2023\n\nKẾ HOẠCH\n"
            "Triển khai Đề án 06 trên địa bàn quận năm 2023\n\n"
            "Thực hiện Kế hoạch số 41/KH-UBND ngày 01/02/2023 của UBND Thành phố về triển khai Đề án 06 "
            "trên địa bàn thành phố Hà Nội năm 2023, UBND quận ban hành Kế hoạch như sau:\n")
    data = _json(text)
    [plan] = data["citations"]
    assert (plan["province"], plan["locality"], plan["id"]) == ("Hà Nội", None, "ubnd.ha-noi/2023/kh/41")
    assert data["edges"] == [{"from": "ubnd.ha-noi.quan-hoan-kiem/2023/kh/52", "relation": "implements",
                              "to": "ubnd.ha-noi/2023/kh/41"}]


def test_a_unit_written_with_an_eth_for_d_is_the_same_unit() -> None:
    """PDF text gives "THỊ XÃ ÐỨC PHỔ" with the Icelandic eth (U+00D0) for Đ: the id is the
    town's, not "thi-xa-uc-pho", which no plan citing the town by its Đ could reach."""
    text = ("UỶ BAN NHÂN DÂN                CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "THỊ XÃ \u00d0ỨC PHỔ                        Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 58 /KH-UBND                 \u00d0ức Phổ, ngày 18 tháng 3 năm 2022\n\nKẾ HOẠCH\n"
            "Chuyển đổi số trên địa bàn thị xã năm 2022\n\n"
            "Thực hiện Kế hoạch số 151/KH-UBND ngày 21/12/2020 của UBND tỉnh Quảng Ngãi; Kế hoạch số "
            "30/KH-UBND ngày 15/3/2021 của UBND thị xã, UBND thị xã ban hành Kế hoạch như sau:\n")
    data = _json(text)
    assert extract_text(text).document.id == "ubnd.quang-ngai.thi-xa-duc-pho/2022/kh/58"
    assert [c["id"] for c in data["citations"]] == [
        "ubnd.quang-ngai/2020/kh/151", "ubnd.quang-ngai.thi-xa-duc-pho/2021/kh/30"]
    # The resolver's name keys fold the eth as `fold` does: a name typed so finds its node.
    from cancu.graph.resolve import name_key
    assert name_key("Kế hoạch thị xã \u00d0ức Phổ") == name_key("Kế hoạch thị xã Đức Phổ")


def test_a_huyen_named_by_its_level_alone_in_a_provincial_text_stays_unresolved() -> None:
    """The province cannot tell which huyện: no id, rather than the province's plan 87."""
    ref = _one("Thực hiện Kế hoạch số 87/KH-UBND ngày 20/5/2020 của UBND huyện;")
    assert (ref["locality"], ref["id"]) == ("huyện", None)


# --- knowledge base, show, citations ---------------------------------------------------------


def _kb(tmp_path: Path, **texts: str) -> KnowledgeBase:
    kb = KnowledgeBase(tmp_path)
    for name, text in texts.items():
        kb.add_extraction(extract_text(text, file=f"{name}.txt"), source_file=f"{name}.txt")
    return kb


def test_the_huyens_plan_is_not_merged_into_the_provinces_plan_of_its_number(tmp_path: Path) -> None:
    kb = _kb(tmp_path, son_tinh=SON_TINH, tinh=QUANG_NGAI_88)
    huyen, tinh = kb.get("ubnd.quang-ngai.huyen-son-tinh/2020/kh/88"), kb.get("ubnd.quang-ngai/2020/kh/88")
    assert huyen is not None and tinh is not None
    assert (str(huyen.date), huyen.locality, huyen.province) == ("2020-05-20", "huyện Sơn Tịnh", "Quảng Ngãi")
    assert (str(tinh.date), tinh.locality) == ("2020-06-02", None)
    assert not huyen.conflicts() and not tinh.conflicts()
    assert huyen.title == "Phát triển Chính quyền điện tử huyện Sơn Tịnh giai đoạn 2020 - 2025"
    # The huyện implements the province's plan 61 of 2019, which stays the province's.
    assert [e.target for e in kb.edges_from(huyen.id) if e.relation.value == "implements"] == [
        "ubnd.quang-ngai/2019/kh/61"]
    assert sorted(kb.lookup("88/KH-UBND")) == [huyen.id, tinh.id]
    # A department's draft implementing "Kế hoạch số 88/KH-UBND ... của UBND huyện Sơn Tịnh".
    kb.add_extraction(extract_text(DRAFT, file="draft.txt"), source_file="draft.txt")
    assert [e.source for e in kb.edges_to(huyen.id)] == ["file/draft"]


def test_a_unit_is_cited_by_its_own_committee(tmp_path: Path) -> None:
    """The copy-ready citation (suggest, lint fixes) names the huyện, not the province."""
    kb = _kb(tmp_path, son_tinh=SON_TINH, tinh=QUANG_NGAI_88)
    huyen = kb.get("ubnd.quang-ngai.huyen-son-tinh/2020/kh/88")
    assert huyen is not None
    assert format_citation(huyen).startswith(
        "Kế hoạch số 88/KH-UBND ngày 20/5/2020 của Ủy ban nhân dân huyện Sơn Tịnh phát triển ")
    assert "tỉnh" not in format_citation(huyen)
    tinh = kb.get("ubnd.quang-ngai/2020/kh/88")
    assert tinh is not None and "của Ủy ban nhân dân tỉnh Quảng Ngãi" in format_citation(tinh)


def test_show_names_the_unit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kb_dir = tmp_path / "kb"
    _kb(kb_dir, son_tinh=SON_TINH, tinh=QUANG_NGAI_88).save()
    assert main(["show", "ubnd.quang-ngai.huyen-son-tinh/2020/kh/88", "--kb", str(kb_dir)]) == 0
    assert "huyện Sơn Tịnh" in capsys.readouterr().out
    assert main(["show", "ubnd.quang-ngai.huyen-son-tinh/2020/kh/88", "--json", "--kb", str(kb_dir)]) == 0
    assert json.loads(capsys.readouterr().out)["locality"] == "huyện Sơn Tịnh"
    # Asked by its number alone, the user is shown which plan is whose.
    assert main(["show", "Kế hoạch 88/KH-UBND 2020", "--kb", str(kb_dir)]) != 0
    assert "(huyện Sơn Tịnh, Quảng Ngãi)" in capsys.readouterr().err


# --- lint ------------------------------------------------------------------------------------


def _linted(kb: KnowledgeBase, text: str) -> list[dict]:
    return lint(kb, text).to_json()["citations"]


def test_lint_tells_the_huyens_plan_from_the_provinces(tmp_path: Path) -> None:
    kb = _kb(tmp_path, son_tinh=SON_TINH, tinh=QUANG_NGAI_88)
    named, wrong = _linted(kb, DRAFT)
    assert (named["status"], named["id"], named["problems"]) == (
        "found", "ubnd.quang-ngai.huyen-son-tinh/2020/kh/88", [])
    # "của UBND tỉnh" with the huyện's date: the huyện's plan, flagged, not a wrong date of the
    # province's plan 88 nor an ambiguity between the two.
    assert (wrong["status"], wrong["id"]) == ("found", "ubnd.quang-ngai.huyen-son-tinh/2020/kh/88")
    assert [(p["kind"], p["fix"]) for p in wrong["problems"]] == [
        ("wrong_issuer", "của Ủy ban nhân dân huyện Sơn Tịnh")]
    assert "“UBND tỉnh”" in wrong["problems"][0]["message"]


def test_lint_finds_the_provinces_plan_where_the_draft_names_the_province(tmp_path: Path) -> None:
    kb = _kb(tmp_path, son_tinh=SON_TINH, tinh=QUANG_NGAI_88)
    (ref,) = _linted(kb, DRAFT.replace(
        "Thực hiện Kế hoạch số 88/KH-UBND ngày 20/5/2020 của UBND huyện Sơn Tịnh; \n"
        "Kế hoạch số 88/KH-UBND ngày 20/5/2020 của UBND tỉnh;",
        "Thực hiện Kế hoạch số 88/KH-UBND ngày 02/6/2020 của UBND tỉnh;"))
    assert (ref["status"], ref["id"], ref["problems"]) == ("found", "ubnd.quang-ngai/2020/kh/88", [])


def test_the_web_page_and_api_name_the_unit(tmp_path: Path) -> None:
    from cancu.webui.app import create_app

    client = create_app(kb=_kb(tmp_path, son_tinh=SON_TINH, tinh=QUANG_NGAI_88)).test_client()
    doc_id = "ubnd.quang-ngai.huyen-son-tinh/2020/kh/88"
    data = client.get(f"/api/documents/{doc_id}").get_json()
    assert (data["province"], data["locality"]) == ("Quảng Ngãi", "huyện Sơn Tịnh")
    assert "của Ủy ban nhân dân huyện Sơn Tịnh" in data["citation"]
    page = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    assert "Ủy ban nhân dân huyện Sơn Tịnh (Quảng Ngãi)" in page
