"""The document's own header (issue #6): its place-date line and its title, as PDF and web
text write them. The cases are data/cite_words.json header tables, so each new form of a
header is one more example there."""

from __future__ import annotations

import pytest

from cancu.ingest.cites import words
from cancu.ingest.extract import extract_text, extraction_to_json
from cancu.ingest.header import parse_header

# A place-date line without its comma, broken over two lines or run onto the number line
# is the document's date; a date in the body (a căn cứ) never is
# (data/cite_words.json header 'date_examples').
DATE_CASES = [(ex["text"], ex["place"], ex["date"]) for ex in words()["header"]["date_examples"]]


@pytest.mark.parametrize("text,place,date", DATE_CASES)
def test_place_and_date_line(text: str, place: str | None, date: str | None) -> None:
    assert parse_header(text).place == place
    assert extraction_to_json(extract_text(text))["document"]["date"] == date


def test_an_administrative_plan_without_the_comma_keeps_its_identity() -> None:
    """Its id needs the year of its date: without the date, plans citing it never link."""
    text = words()["header"]["date_examples"][1]["text"]
    assert extract_text(text).document.id == "ubnd.quang-ngai/2020/kh/12"


# A title ends where the body opens, also inside one line of crawled text, and never takes
# in the authority line ("CHỦ TỊCH UỶ BAN NHÂN DÂN TỈNH", "BỘ TRƯỞNG BỘ TÀI CHÍNH") that
# stands before the căn cứ; a body's name that is part of the title stays in it
# (data/cite_words.json header 'heading_examples').
HEADING_CASES = [(ex["text"], ex["type"], ex["title"]) for ex in words()["header"]["heading_examples"]]


@pytest.mark.parametrize("text,doc_type,title", HEADING_CASES)
def test_type_heading_and_title(text: str, doc_type: str, title: str) -> None:
    doc = extraction_to_json(extract_text(text))["document"]
    assert (doc["doc_type"], doc["title"]) == (doc_type, title)


def test_a_number_broken_after_its_hyphen_keeps_its_identity() -> None:
    """"Số: 38/KH-⏎STTTT" (PDF text): read as "38/KH" the plan's id lost its issuer, and
    plans of other provinces numbered 38/KH merged with it (data/cite_words.json header
    'issuer_examples')."""
    broken = [ex["text"] for ex in words()["header"]["issuer_examples"] if "38/KH-\nSTTTT" in ex["text"]]
    assert broken
    assert extract_text(broken[0]).document.id == "stttt.quang-ngai/2024/kh/38"
    assert extract_text(broken[0].replace("38/KH-\n", "38/KH- ")).document.id == "stttt.quang-ngai/2024/kh/38"


# A draft typed without diacritics: its number ("So: 118/KH-SYT") is its own, never a
# citation, and its place-date line ("Ha Tinh, ngay 15 thang 3 nam 2024") dates it; an
# unmarked "so" or date in a sentence is neither (data/cite_words.json header
# 'bare_examples').
BARE_CASES = [(ex["text"], ex["symbol"], ex["date"], ex["cited"]) for ex in words()["header"]["bare_examples"]]


@pytest.mark.parametrize("text,symbol,date,cited", BARE_CASES)
def test_a_header_typed_without_diacritics(text: str, symbol: str | None, date: str | None, cited: list[str]) -> None:
    data = extraction_to_json(extract_text(text))
    assert (data["document"]["symbol"], data["document"]["date"]) == (symbol, date)
    assert [c["symbol"] for c in data["citations"]] == cited
