"""Documents of the units below the province (issue #6).

A huyện, a xã or a provincial city has its own Ủy ban nhân dân numbering its documents as the
province's does: "88/KH-UBND" of huyện Sơn Tịnh and "88/KH-UBND" of tỉnh Quảng Ngãi, both of
2020, are two plans. Their ids, what extraction says of them, how the knowledge base keeps
them apart and how a citation names them."""

from __future__ import annotations

from cancu.graph.identity import id_from_text

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
