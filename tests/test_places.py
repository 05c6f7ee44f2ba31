"""Provinces: the table covers both maps of Viet Nam and every written example is recognised."""

from __future__ import annotations

import time
from collections import Counter

import pytest

from cancu.graph import vocab
from cancu.graph.places import (
    MAX_SCAN_CHARS,
    Province,
    cued_province,
    province_by_name,
    province_in,
    province_span,
    provinces,
    provinces_on,
    split_unit,
    unit_at,
    unit_in,
)
from cancu.graph.text import fold


def _examples() -> list[tuple[str, str]]:
    return [(example, p.name) for p in provinces() for example in p.examples]


@pytest.mark.parametrize(("text", "name"), _examples())
def test_every_example_in_the_table_is_recognised(text: str, name: str) -> None:
    assert province_in(text) == name


@pytest.mark.parametrize("example", vocab.province_cues()["examples"], ids=lambda e: e["text"])
def test_every_cue_example_in_the_table_is_recognised(example: dict[str, str]) -> None:
    assert province_in(example["text"]) == example["province"]


def test_cue_examples_test_the_cue() -> None:
    """Each example's name is also a common word: without its cue the name is no province,
    so the examples fail if the cue table stops being read."""
    cues = vocab.province_cues()
    assert {fold(w) for w in cues["words"]} >= {"tinh", "thanh pho", "ubnd", "hdnd", "tinh uy"}
    for example in cues["examples"]:
        name = example["province"]
        if any(p.needs_context for p in provinces() if p.name == name):
            assert province_in(f"hướng tới {name} và phát triển") is None


def test_sixty_three_units_before_and_thirty_four_after_the_2025_reorganisation() -> None:
    assert len(provinces_on("2025-06-30")) == 63
    assert len(provinces_on("2025-07-01")) == 34
    assert len(provinces_on("2024-12-31")) == 63  # with Thừa Thiên Huế instead of Huế
    after = {p.name for p in provinces_on("2025-07-01")}
    assert {"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ"} == {
        p.name for p in provinces_on("2025-07-01") if p.kind == "thành phố"
    }
    assert "Kon Tum" not in after and "Quảng Ngãi" in after


def test_every_merged_unit_points_to_a_unit_that_exists_after_the_merger() -> None:
    after = {p.name for p in provinces_on("2025-07-01")}
    for p in provinces():
        if p.merged_into:
            assert p.merged_into in after or p.merged_into == "Huế", p
        for part in p.merged_from:
            assert province_by_name(part, on="2025-06-30") is not None, part


def test_each_new_unit_lists_exactly_the_old_units_merged_into_it() -> None:
    old = [p for p in provinces_on("2025-06-30") if p.valid_to == "2025-06-30"]
    merged: Counter[str] = Counter(p.merged_into for p in old if p.merged_into)
    for p in provinces_on("2025-07-01"):
        if p.merged_from:
            assert merged[p.name] == len(p.merged_from), p.name
    assert sum(merged.values()) == 52  # 63 - 11 unchanged


def test_entries_are_well_formed() -> None:
    for p in provinces():
        assert isinstance(p, Province)
        assert p.kind in ("tỉnh", "thành phố")
        assert p.name in p.variants
        assert (p.valid_to is None) == (p.merged_into is None)
        assert len(p.examples) >= 3


def test_no_spelling_is_shared_by_two_different_provinces() -> None:
    owners: dict[str, set[str]] = {}
    for p in provinces():
        for variant in p.variants:
            owners.setdefault(" ".join(fold(variant).replace(".", " ").split()), set()).add(p.name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("UBND TỈNH QUẢNG NGÃI", "Quảng Ngãi"),
        ("Ủy ban nhân dân thành phố Hà Nội", "Hà Nội"),
        ("Sở Thông tin và Truyền thông tỉnh Kon Tum", "Kon Tum"),
        ("UBND TP.HCM", "Hồ Chí Minh"),
        ("UBND TP HCM", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("uy ban nhan dan tinh khanh hoa", "Khánh Hòa"),
        ("Uỷ ban nhân dân tỉnh Khánh Hoà", "Khánh Hòa"),
        ("UBND tỉnh Thừa Thiên Huế", "Thừa Thiên Huế"),  # longest match, not "Huế"
        ("Số: 151/KH-UBND      Quảng Ngãi, ngày 21 tháng 12 năm 2020", "Quảng Ngãi"),
        ("Hòa Bình, ngày 05 tháng 01 năm 2020", "Hòa Bình"),
        ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nUBND TỈNH BÌNH ĐỊNH", "Bình Định"),
        # a cued name beats a bare one; among cued ones the first (the issuer) wins
        ("Đại học Thái Nguyên phối hợp với UBND tỉnh Quảng Ngãi", "Quảng Ngãi"),
        ("UBND tỉnh Quảng Ngãi gửi UBND thành phố Hồ Chí Minh", "Quảng Ngãi"),
        ("Thừa Thiên Huế", "Thừa Thiên Huế"),
    ],
)
def test_province_in_header_and_issuer_phrases(text: str, name: str) -> None:
    assert province_in(text) == name


@pytest.mark.parametrize(
    "text",
    [
        "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
        "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        "giữ gìn hòa bình và ổn định",
        "kỷ niệm chiến thắng Điện Biên Phủ",
        "Chính phủ",
        "",
    ],
)
def test_common_words_that_look_like_province_names_are_not_provinces(text: str) -> None:
    assert province_in(text) is None


@pytest.mark.parametrize(
    "name,province",
    [
        ("Kiến trúc Chính quyền điện tử tỉnh Quảng Ngãi, phiên bản 1.0", "Quảng Ngãi"),
        ("Quy hoạch chung Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Đề án phát triển TP.HCM", "Hồ Chí Minh"),
        ("Hiệp định Đối tác toàn diện và Tiến bộ Xuyên Thái Bình Dương", None),  # no cue
        ("Khung Kiến trúc Chính phủ điện tử Việt Nam", None),
        ("Chương trình chuyển đổi số cấp tỉnh", None),  # "tỉnh" names no province
        ("Học tập và làm theo tư tưởng Hồ Chí Minh", None),
    ],
)
def test_a_name_places_its_document_only_with_a_cue(name: str, province: str | None) -> None:
    assert cued_province(name) == province


def test_province_by_name_accepts_any_spelling_and_period() -> None:
    assert province_by_name("TP.HCM").name == "Hồ Chí Minh"  # type: ignore[union-attr]
    assert province_by_name("tỉnh Khánh Hoà").name == "Khánh Hòa"  # type: ignore[union-attr]
    now = province_by_name("Quảng Ngãi")
    before = province_by_name("Quảng Ngãi", on="2020-01-05")
    assert now is not None and now.valid_from == "2025-07-01" and "Kon Tum" in now.merged_from
    assert before is not None and before.valid_to == "2025-06-30"
    kon_tum = province_by_name("Kon Tum")
    assert kon_tum is not None and kon_tum.merged_into == "Quảng Ngãi"
    assert province_by_name("Kon Tum", on="2025-07-01") is None
    assert province_by_name("Atlantis") is None


def test_province_in_is_bounded_in_time_on_huge_input() -> None:
    text = "UBND TỈNH " + "Nghị định số 61/2018/NĐ-CP hòa bình " * 200_000
    started = time.perf_counter()
    assert province_in(text) is None
    assert time.perf_counter() - started < 0.5
    assert province_in("x" * MAX_SCAN_CHARS + " tỉnh Quảng Ngãi") is None  # beyond the bound


@pytest.mark.parametrize("text,span", [
    ("Kế hoạch chuyển đổi số tỉnh Quảng Ngãi năm 2026", "tỉnh Quảng Ngãi"),
    ("ke hoach chuyen doi so tinh quang ngai nam 2026", "tinh quang ngai"),
    ("an toàn giao thông tỉnh Nghệ An", "tỉnh Nghệ An"),
    ("chuyển đổi số thành phố Hà Nội", "thành phố Hà Nội"),
    ("Sở Thông tin và Truyền thông Kon Tum", "Kon Tum"),
])
def test_province_span_covers_the_name_and_its_cue(text: str, span: str) -> None:
    found = province_span(text)
    assert found is not None
    name, start, end = found
    assert text[start:end] == span
    assert name == province_in(text)


def test_province_span_of_a_text_without_a_province_is_none() -> None:
    assert province_span("chuyển đổi số") is None


# Units below the province (issue #6): a huyện, xã or provincial city has its own UBND, so its
# documents need their unit to be told from the province's (data/provinces.json 'units').
@pytest.mark.parametrize("example", vocab.unit_words()["examples"], ids=lambda e: e["text"] + str(e.get("on", "")))
def test_every_unit_example_in_the_table_is_recognised(example: dict[str, str | None]) -> None:
    found = unit_in(str(example["text"]), on=example.get("on"))
    assert (found.label if found else None) == example["unit"]


def test_unit_examples_cover_every_level_and_the_province_level_cities() -> None:
    table = vocab.unit_words()
    named = {split_unit(str(e["unit"]))[0] for e in table["examples"] if e["unit"]}  # type: ignore[index]
    assert named >= {"huyện", "xã", "thành phố", "thị xã", "quận", "đặc khu"}
    assert any(e["unit"] is None and "HỒ CHÍ MINH" in str(e["text"]) for e in table["examples"])


@pytest.mark.parametrize("text,label,name", [
    (" huyện Sơn Tịnh về việc", "huyện Sơn Tịnh", "Sơn Tịnh"),
    (" huyện Sơn Tịnh, tỉnh Quảng Ngãi", "huyện Sơn Tịnh", "Sơn Tịnh"),  # the province is no part of it
    (" HUYỆN SƠN TỊNH", "huyện Sơn Tịnh", "Sơn Tịnh"),  # "TỊNH" is a name, "tỉnh" a level
    (" huyện về việc kiện toàn", "huyện", None),  # the level alone: which huyện, the writer says
    (" thị xã Đức Phổ;", "thị xã Đức Phổ", "Đức Phổ"),
])
def test_unit_at_reads_the_level_and_the_capitalised_name(text: str, label: str, name: str | None) -> None:
    found = unit_at(text)
    assert found is not None and (found.label, found.name) == (label, name)
    assert split_unit(label) == (found.level, name)


def test_a_province_level_city_or_a_party_committee_is_no_unit() -> None:
    assert unit_at(" thành phố Hà Nội về") is None
    assert unit_at(" TP. Hồ Chí Minh") is None
    assert unit_at(" HUYỆN ỦY ĐỨC TRỌNG") is None
    assert unit_at(" tỉnh Quảng Ngãi") is None
    assert split_unit("tỉnh Quảng Ngãi") is None


@pytest.mark.parametrize("label,province", vocab.load_table("districts.json")["examples"])
def test_district_examples(label: str, province: str | None) -> None:
    """A district-level unit names its province, unless several provinces had one of its name."""
    from cancu.graph.places import province_of_unit

    assert province_of_unit(label) == province
    assert province_of_unit(label.upper()) == province
    assert province_of_unit(label, "2025-07-01") is None  # districts were abolished from 1/7/2025


def test_a_district_header_names_its_province() -> None:
    """"ỦY BAN NHÂN DÂN / HUYỆN SƠN TỊNH" is a draft of Quảng Ngãi: lint looks for the
    province's implementing plans and reads "UBND tỉnh" as Quảng Ngãi's."""
    from cancu.ingest.extract import extract_text

    ex = extract_text("ỦY BAN NHÂN DÂN\nHUYỆN SƠN TỊNH\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                      "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 12/KH-UBND\n"
                      "Sơn Tịnh, ngày 10 tháng 9 năm 2024\n\nKẾ HOẠCH\nChuyển đổi số năm 2024\n"
                      "Căn cứ Nghị định số 47/2020/NĐ-CP ngày 09/4/2020 của Chính phủ;\n")
    assert (ex.document.locality, ex.document.province) == ("huyện Sơn Tịnh", "Quảng Ngãi")
