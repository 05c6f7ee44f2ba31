"""Diacritics put back on lines typed without them (ingest/marks.py), and what the extractor
then reads from a draft typed with the input method off."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cancu.graph.text import fold
from cancu.graph.vocab import load_table
from cancu.ingest.extract import extract_text, extraction_to_json
from cancu.ingest.marks import restore
from conftest import CORPUS, need_shared

EXAMPLES = load_table("cite_words.json")["unmarked"]["examples"]


@pytest.mark.parametrize("example", EXAMPLES, ids=[e["typed"][:40] for e in EXAMPLES])
def test_the_tables_examples_read_as_written(example: dict[str, str]) -> None:
    assert restore(example["typed"]) == example["reads"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(
    ["Can cu", "Nghi dinh", "so", "ngay", "thang", "nam", "cua", "Chinh phu", "Luat Dat dai", "UBND", "tinh",
     "Nghe An", "Bo Tai chinh", "102/2024/ND-CP", "30/7/2024", "18", "2024", "mot cua", ";", ",", "\n", "Điều",
     "quy dinh", "CHINH PHU", "LUAT", "Việt Nam"]), max_size=30))
def test_every_offset_holds_and_only_marks_change(parts: list[str]) -> None:
    """Whatever the line, the restored text has the same length and folds to the same text:
    a span found in it is the same span of the text as typed."""
    text = " ".join(parts)
    out = restore(text)
    assert len(out) == len(text) and fold(out) == fold(text)
    assert [i for i, (a, b) in enumerate(zip(text, out, strict=True)) if a != b and not a.isascii()] == []


def test_a_text_written_with_marks_is_never_touched() -> None:
    """Every real document of the corpus is written with marks: none is changed, which is
    what keeps their extraction byte for byte as it was."""
    texts = sorted(need_shared(CORPUS / "tvpl-fulltext" / "docs").glob("*.txt"))
    assert len(texts) > 100
    changed = [p.name for p in texts if (t := p.read_text(encoding="utf-8")) is not restore(t)]
    assert changed == []


def test_a_marked_line_keeps_its_bare_words_and_a_bare_line_among_marked_ones_is_restored() -> None:
    marked = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015 của Quốc hội; cua so"
    bare = "Can cu Nghi dinh so 30/2020/ND-CP ngay 05/3/2020 cua Chinh phu ve cong tac van thu;"
    out = restore(marked + "\n" + bare).split("\n")
    assert out[0] == marked
    assert out[1].startswith("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ ve cong")
    # A bare line with one name pasted in with its marks is still a bare line.
    pasted = "Can cu Luật Đất đai ngay 18 thang 01 nam 2024 va cac van ban huong dan thi hanh;"
    assert restore(pasted) == "Căn cứ Luật Đất đai ngày 18 tháng 01 năm 2024 va cac văn bản hướng dẫn thi hanh;"


BARE_DRAFT = """UBND TINH QUANG NGAI
SO TAI CHINH

So: 25/KH-STC          Quang Ngai, ngay 12 thang 3 nam 2024

KE HOACH
Trien khai cong tac quan ly tai san cong nam 2024

Can cu Luat Quan ly, su dung tai san cong ngay 21 thang 6 nam 2017;
Can cu Nghi dinh so 151/2017/ND-CP ngay 26/12/2017 cua Chinh phu quy dinh chi tiet mot so dieu cua Luat Quan ly, su dung tai san cong;
Can cu Thong tu so 144/2017/TT-BTC ngay 29 thang 12 nam 2017 cua Bo Tai chinh huong dan mot so noi dung;
"""


def test_a_draft_typed_without_marks_is_read_as_one_typed_with_them() -> None:
    """Types, issuers, law names, dates in words and the căn cứ relation are read; every
    citation's text is the text as typed, at its place."""
    ex = extract_text(BARE_DRAFT)
    doc = ex.document
    assert (doc.doc_type, str(doc.symbol), doc.issuer, doc.province, str(doc.date)) == \
        ("Kế hoạch", "25/KH-STC", "STC", "Quảng Ngãi", "2024-03-12")
    got = [(c.doc_type, c.symbol and str(c.symbol), c.name, c.issuer, str(c.date), c.relation.value) for c in ex.citations
           if c.relation.value == "based_on"]
    assert got == [
        ("Luật", None, "Luật Quản lý, sử dụng tài sản công", "QH", "2017-06-21", "based_on"),
        ("Nghị định", "151/2017/NĐ-CP", None, "CP", "2017-12-26", "based_on"),
        ("Thông tư", "144/2017/TT-BTC", None, "BTC", "2017-12-29", "based_on"),
    ]
    for c in ex.citations:
        assert BARE_DRAFT[c.start:c.end] == c.text and c.text.isascii(), c.text
    # `cancu extract --json` shows each citation as typed, its name as read.
    shown = [(c["text"], c["name"]) for c in extraction_to_json(ex)["citations"]][:1]
    assert shown == [("Luat Quan ly, su dung tai san cong ngay 21 thang 6 nam 2017", "Luật Quản lý, sử dụng tài sản công")]


def test_odd_text_never_makes_the_restoration_fail() -> None:
    """A line whose folding moves letters between words (a combining mark, another script)
    is restored word by word, or not at all: extraction never raises."""
    odd = "a\u0b94luat Q Qq\u0301yy one two three four five six seven\r\nCan cu Luat Dat dai ngay 18 thang 01 nam 2024;\r\n"
    assert len(restore(odd)) == len(odd)
    assert [c.text for c in extract_text(odd).citations] == ["Luat Dat dai ngay 18 thang 01 nam 2024"]


def test_a_line_whose_marks_stop_after_its_first_words_is_read_as_marked() -> None:
    """The keyboard's marks switched off after "Căn cứ", in a draft typed with them: the
    line was read as a bare symbol, its wrong date unchecked."""
    draft = ("ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 20/KH-UBND\nAn Giang, ngày 05 tháng 01 năm 2023\nKẾ HOẠCH\n"
             "Căn cứ Nghi dinh so 115/2020/ND-CP ngay 28 thang 9 nam 2020 cua Chinh phu;\n"
             "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ;\n")
    got = [(c.text, c.doc_type, str(c.date), c.issuer, c.relation.value) for c in extract_text(draft).citations]
    assert got == [
        ("Nghi dinh so 115/2020/ND-CP ngay 28 thang 9 nam 2020 cua Chinh phu", "Nghị định", "2020-09-28", "CP", "based_on"),
        ("Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ", "Nghị định", "2018-04-23", "CP", "based_on"),
    ], got


def test_decomposed_marks_are_marks() -> None:
    """An NFD export ("a" + U+0301) is written with diacritics, not without."""
    import unicodedata

    from cancu.graph.text import typed_unmarked

    line = "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về một cửa"
    assert typed_unmarked(unicodedata.normalize("NFD", line)) is False
    assert typed_unmarked("Can cu Nghi dinh so 61/2018/ND-CP ngay 23 thang 4 nam 2018 cua Chinh phu") is True
