"""Dates as documents write them (issue #2, item 7)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cancu.graph.dates import find_dates, parse_date, parse_iso


@pytest.mark.parametrize(
    "text, expected",
    [
        ("ngày 23/4/2018", dt.date(2018, 4, 23)),
        ("ngày 08/ 4/2020", dt.date(2020, 4, 8)),
        ("ngày 23 tháng 4 năm 2018", dt.date(2018, 4, 23)),
        ("Quảng Ngãi, ngày 05 tháng 01 năm 2020", dt.date(2020, 1, 5)),
        ("ngày  09 tháng 4 năm 2020", dt.date(2020, 4, 9)),
        ("ngày 27/ 9/2019", dt.date(2019, 9, 27)),
        ("ngày 01/1/2019", dt.date(2019, 1, 1)),
        ("NGÀY 19 THÁNG 6 NĂM 2015", dt.date(2015, 6, 19)),
    ],
)
def test_dates(text, expected):
    parsed = parse_date(text)
    assert parsed is not None and parsed.value == expected and parsed.problem is None


def test_blank_draft_date_is_partial():
    parsed = parse_date("Quảng Ngãi, ngày        tháng 8 năm 2021")
    assert parsed.value is None and parsed.partial
    assert (parsed.year, parsed.month, parsed.day) == (2021, 8, None)


@pytest.mark.parametrize("text", ["ngày 17/10/20178", "ngày 31/02/2020", "ngày 12/13/2020", "ngày 1/1/0201"])
def test_impossible_dates_are_problems(text):
    parsed = parse_date(text)
    assert parsed is not None and parsed.value is None and parsed.problem


def test_symbols_and_ranges_are_not_dates():
    assert find_dates("Nghị định số 61/2018/NĐ-CP giai đoạn 2021-2025") == []


def test_offsets_point_into_text():
    text = "Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh"
    (d,) = find_dates(text)
    assert text[d.start:d.end] == d.text == "10/4/2019"


def test_parse_iso_accepts_both_forms():
    assert parse_iso("2020-04-03") == dt.date(2020, 4, 3)
    assert parse_iso("03/04/2020") == dt.date(2020, 4, 3)
    with pytest.raises(ValueError):
        parse_iso("hôm qua")


def test_parse_iso_reads_a_date_as_users_type_it():
    """--as-of and the web's as_of: a date without its "ngày", ISO unpadded or with slashes,
    a time after it; a date that does not exist, or a year no draft has, is told so."""
    for typed in ("07 tháng 01 năm 2021", "2021-1-7", "2021/01/07", "2021-01-07T10:00", "07.01.2021", "20210107"):
        assert parse_iso(typed) == dt.date(2021, 1, 7), typed
    with pytest.raises(ValueError, match="không tồn tại"):
        parse_iso("31/02/2021")
    for year in ("0001-01-01", "1800-01-01"):
        with pytest.raises(ValueError, match="ngoài khoảng"):
            parse_iso(year)


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789/ -.ngàytháng năm", max_size=200))
def test_never_raises(text):
    for d in find_dates(text):
        assert text[d.start:d.end] == d.text
