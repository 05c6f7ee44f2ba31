"""The entry into force a document states in its final article (graph/effective.py), read
by the catalog and by the extractor, and what the KB then says of an ingested document."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from cancu.graph.effective import effective_date
from cancu.graph.kb import KnowledgeBase
from cancu.ingest.extract import extract_text, extraction_to_json

ISSUED = dt.date(2024, 7, 31)


@pytest.mark.parametrize("text, doc_type, expected", [
    ("Điều 5. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 3 năm 2025.", "Nghị định", dt.date(2025, 3, 1)),
    ("Thông tư này có hiệu lực thi hành kể từ ngày 01/7/2019.", "Thông tư", dt.date(2019, 7, 1)),
    ("Quyết định này có hiệu lực kể từ ngày ký.", "Quyết định", ISSUED),
    ("Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành và thay thế Quyết định số 27/QĐ-STTTT.",
     "Quyết định", ISSUED),
    ("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", "Quyết định", ISSUED + dt.timedelta(days=10)),
    # PDF-extracted: the sentence broken over lines, the type word in capitals.
    ("Điều 3. QUYẾT ĐỊNH này có hiệu\nlực thi hành kể từ\nngày 15 tháng 8 năm 2024.", "Quyết định", dt.date(2024, 8, 15)),
    # A council's resolution says when it was passed before when it takes effect.
    ("Nghị quyết này đã được Hội đồng nhân dân tỉnh Quảng Ngãi khóa XIII, Kỳ họp thứ 20 thông qua ngày "
     "08 tháng 12 năm 2023 và có hiệu lực từ ngày 18 tháng 12 năm 2023.", "Nghị quyết", dt.date(2023, 12, 18)),
    # An amending law quotes the final article it rewrites before its own.
    ("Điều 1. ... “Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2013.” ... Điều 3. Luật này có hiệu lực "
     "thi hành từ ngày 01 tháng 01 năm 2015.", "Luật", dt.date(2015, 1, 1)),
    # One article's own date is not the law's; another type's statement is not this one's.
    ("Điều 190 của Luật này có hiệu lực thi hành từ ngày 01 tháng 4 năm 2024.", "Luật", None),
    ("Nghị định này có hiệu lực thi hành từ ngày 01 tháng 3 năm 2025.", "Thông tư", None),
    # Not a start: an end, or a clause counting from the entry into force.
    ("Nghị định này có hiệu lực thi hành đến hết ngày 31 tháng 7 năm 2025.", "Nghị định", None),
    ("trong thời hạn 12 tháng kể từ ngày Luật này có hiệu lực thi hành", "Luật", None),
    ("Quyết định này có hiệu lực kể từ ngày ký.", None, None),
])
def test_the_date_a_document_says_it_takes_effect(text: str, doc_type: str | None, expected: dt.date | None) -> None:
    assert effective_date(text, doc_type, ISSUED) == expected


DECREE = """CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 05/2098/NĐ-CP
Hà Nội, ngày 05 tháng 01 năm 2098
NGHỊ ĐỊNH
Quy định chi tiết một số điều của Luật Lưu trữ
Căn cứ Luật Lưu trữ ngày 21 tháng 6 năm 2024;
Chính phủ ban hành Nghị định quy định chi tiết một số điều của Luật Lưu trữ.
Điều 1. Phạm vi điều chỉnh
Điều 2. Hiệu lực thi hành
Nghị định này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2099.
"""


def test_an_ingested_decree_is_not_yet_in_force_until_the_day_it_states(tmp_path: Path) -> None:
    """A decree the catalog lacks: its own text says when it takes effect; extract prints it,
    the KB keeps it, and its status is judged by it (not in force today, in force then)."""
    ex = extract_text(DECREE, file="nd.txt")
    assert extraction_to_json(ex)["effective_date"] == "2099-07-01"
    kb = KnowledgeBase(tmp_path)
    report = kb.add_extraction(ex)
    assert report.document == "cp/2098/nd/5"
    doc = kb.get("cp/2098/nd/5")
    assert doc is not None and doc.effective_date == dt.date(2099, 7, 1)
    assert kb.status("cp/2098/nd/5") == "Chưa có hiệu lực"
    assert kb.status("cp/2098/nd/5", dt.date(2099, 7, 1)) != "Chưa có hiệu lực"
