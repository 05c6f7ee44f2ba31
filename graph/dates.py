"""Dates as Vietnamese documents write them.

"ngày 23/4/2018", "ngày 08/ 4/2020", "ngày 23 tháng 4 năm 2018", the header
"Quảng Ngãi, ngày 05 tháng 01 năm 2020", and the blank date of an unsigned draft
("ngày    tháng 8 năm 2021"). An impossible date ("17/10/20178", "31/02/2020") is a
reported problem, never an exception.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

# Bounded repetitions only: every quantifier has a small maximum, so matching is linear.
_NUMERIC = re.compile(
    r"(?<!\d)(?P<d>\d{1,2})\s{0,3}[/.\-]\s{0,3}(?P<m>\d{1,2})\s{0,3}[/.\-]\s{0,3}(?P<y>\d{2,6})(?!\d)"
)
_WORDS = re.compile(
    r"(?:ngày\s{0,20}(?P<d>\d{1,2})?\s{0,20})?tháng\s{1,20}(?P<m>\d{1,2})\s{1,20}năm\s{1,20}(?P<y>\d{2,6})(?!\d)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class ParsedDate:
    """A date as written: `value` when it is a real calendar date, else `problem` says why.

    `partial` is True for a draft's blank day ("ngày    tháng 8 năm 2021"): year and month
    are known, the day is not."""

    text: str
    start: int
    end: int
    value: dt.date | None
    year: int | None
    month: int | None
    day: int | None
    problem: str | None = None
    partial: bool = False


def _build(text: str, start: int, end: int, d: str | None, m: str, y: str) -> ParsedDate:
    year, month = int(y), int(m)
    day = int(d) if d else None
    if len(y) != 4 or not 1900 <= year <= 2100:
        return ParsedDate(text, start, end, None, None, month, day, f"năm không hợp lệ: {y}")
    if not 1 <= month <= 12:
        return ParsedDate(text, start, end, None, year, None, day, f"tháng không hợp lệ: {m}")
    if day is None:
        return ParsedDate(text, start, end, None, year, month, None, None, partial=True)
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return ParsedDate(text, start, end, None, year, month, day, f"ngày không tồn tại: {d}/{m}/{y}")
    return ParsedDate(text, start, end, value, year, month, day)


def find_dates(text: str) -> list[ParsedDate]:
    """Every date written in `text`, in order, with offsets into `text`."""
    found: list[ParsedDate] = []
    taken: list[tuple[int, int]] = []
    for m in _WORDS.finditer(text):
        found.append(_build(m.group(0), m.start(), m.end(), m.group("d"), m.group("m"), m.group("y")))
        taken.append((m.start(), m.end()))
    for m in _NUMERIC.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        found.append(_build(m.group(0), m.start(), m.end(), m.group("d"), m.group("m"), m.group("y")))
    found.sort(key=lambda p: p.start)
    return found


def parse_date(text: str) -> ParsedDate | None:
    """The first date in `text` (None if there is none)."""
    dates = find_dates(text)
    return dates[0] if dates else None


def certainly_before(a: dt.date | None, a_year: int | None, b: dt.date | None, b_year: int | None) -> bool:
    """Whether a document of date `a` (or, unknown, year `a_year`) was certainly issued
    before one of `b` (`b_year`): by the dates when both are known, else by the years."""
    if a is not None and b is not None:
        return a < b
    return a_year is not None and b_year is not None and a_year < b_year


def iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


# A year-first date as users type it: "2021-1-7", "2021/01/07", a time after it.
_LOOSE_ISO = re.compile(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2})?)?")
# The years a draft's date may be in: the state's legal documents begin in 1945.
MIN_DRAFT_YEAR, MAX_DRAFT_YEAR = 1945, 2100


def parse_iso(text: str | None) -> dt.date | None:
    """An ISO date from user input or a table ("2020-04-03"); also the day-first form
    Vietnamese texts and users write (03/04/2020 is 3 April), "ngày 03 tháng 4 năm 2020"
    with or without "ngày", ISO unpadded or with slashes. A month-first date ("12/15/2021")
    is refused with the two accepted forms, never read another way; so is a day that does
    not exist, and a year before MIN_DRAFT_YEAR or after MAX_DRAFT_YEAR."""
    if not text:
        return None
    raw = text.strip()
    iso = _LOOSE_ISO.fullmatch(raw)  # "2021-1-7", "2021/01/07", "2021-01-07T10:00"
    try:
        exact: dt.date | None = dt.date.fromisoformat(raw)  # also "20210107"
    except ValueError:
        exact = None
    if exact is not None:
        parts = (exact.year, exact.month, exact.day)
    elif iso:
        parts = (int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
    else:
        # "07 tháng 01 năm 2021" is a date without its "ngày"
        parsed = parse_date(raw if re.match(r"(?i)ng[àa]y\b", raw) or "/" in raw or "." in raw or "-" in raw
                            else f"ngày {raw}")
        if parsed is None or parsed.year is None or parsed.month is None or parsed.day is None:
            raise ValueError(f"không đọc được ngày: {text!r} (dùng dạng YYYY-MM-DD hoặc "
                             f"ngày/tháng/năm, ví dụ 2021-12-15 hoặc 15/12/2021)")
        parts = (parsed.year, parsed.month, parsed.day)
    year, month, day = parts
    if not 1 <= month <= 12:
        raise ValueError(f"tháng {month} của ngày {text!r} không tồn tại")
    if not MIN_DRAFT_YEAR <= year <= MAX_DRAFT_YEAR:
        raise ValueError(f"năm {year} của ngày {text!r} nằm ngoài khoảng {MIN_DRAFT_YEAR}–{MAX_DRAFT_YEAR}")
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"ngày {text!r} không tồn tại (tháng {month} năm {year} không có ngày {day})") from None
