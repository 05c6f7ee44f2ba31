"""The period a plan covers, read from its title (data/plan_periods.json).

A province's plan implementing a central programme is a căn cứ only while its period
runs: a draft of 2026 is not told to cite "Kế hoạch ... giai đoạn 2021-2025". The period's
end is the last year that follows a period cue ("giai đoạn 2019 - 2020"), or a weaker cue
("năm 2019", "đến năm 2030") in a title that names a plan: "giảm tiền thuê đất năm 2024"
names no period. Years of dates ("ngày 07/3/2019", "tháng 3 năm 2019") are not periods.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from cancu.graph import vocab
from cancu.graph.text import fold

_YEAR = r"(?:19|20)\d\d"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    table = vocab.load_table("plan_periods.json")

    def alternatives(words: list[str]) -> str:
        return "|".join(sorted((re.escape(fold(w).lower()) for w in words), key=len, reverse=True))

    dates = alternatives(table["date_words"])
    # Not periods: dates ("07/3/2019", "ngay 07 thang 3 nam 2019", "thang 8 nam 2021") and
    # the year of a law's name ("luat dat dai nam 2024").
    laws = alternatives(table["law_words"])
    not_period = re.compile(rf"\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{4}}|(?:{dates})\s+\d{{1,2}}\s+nam\s+\d{{4}}"
                            rf"|(?<!\w)(?:{laws})\s+[^\d,;()]{{1,80}}?\s+nam\s+\d{{4}}")

    def after(cues: str) -> re.Pattern[str]:
        # A cue, then a year or a range of years ("2019 - 2020"; "5 nam 2021-2025").
        return re.compile(rf"(?<!\w)(?:{cues})\s+(?:\d+\s+nam\s+)?({_YEAR})(?:\s*[-–—]\s*({_YEAR}))?(?!\d)")

    plan = re.compile(rf"(?<!\w)(?:{alternatives(table['plan_words'])})(?!\w)")
    return not_period, after(alternatives(table["period_cues"])), after(alternatives(table["cues"])), plan


@lru_cache(maxsize=1)
def period_phrase() -> re.Pattern[str]:
    """A period as written in a text, cue and year(s): "năm 2026", "giai đoạn 2021-2025",
    "đến năm 2030" (the table's cues, longest first), for cutting out of a task what says
    when, not what. A cue typed without accents counts only in lower case: the "Nam" of
    "Việt Nam 2030" is no year's cue."""
    table = vocab.load_table("plan_periods.json")
    alternatives = []
    for cue in sorted({*table["period_cues"], *table["cues"]}, key=len, reverse=True):
        accented = r"\s+".join(map(re.escape, cue.split()))
        plain = r"\s+".join(map(re.escape, fold(cue).split()))
        alternatives.append(f"(?i:{accented})|{plain}")
    return re.compile(rf"(?<!\w)(?:{'|'.join(alternatives)})\s+{_YEAR}(?:\s*[-–—]\s*{_YEAR})?(?!\d)")


@lru_cache(maxsize=1)
def _types() -> tuple[frozenset[str], frozenset[str]]:
    table = vocab.load_table("plan_periods.json")
    return frozenset(table["plan_types"]), frozenset(table["rule_types"])


def plan_types() -> frozenset[str]:
    """Document types that are plans themselves (data/plan_periods.json `plan_types`)."""
    return _types()[0]


def period_end(title: str | None, doc_type: str | None = None) -> int | None:
    """The last year of the period `title` names, or None when it names none. A document of
    a plan type (`plan_types`) needs no plan word in its title for the weaker cues."""
    if not title:
        return None
    not_period, strong, weak, plan = _patterns()
    text = not_period.sub(" ", fold(" ".join(title.split())).lower())
    years = [int(y) for m in strong.finditer(text) for y in m.groups() if y]
    if years or doc_type in _types()[0] or plan.search(text):
        years += [int(y) for m in weak.finditer(text) for y in m.groups() if y]
    return max(years) if years else None


def period_over(title: str | None, doc_type: str | None, as_of: dt.date) -> int | None:
    """The year the period of a plan, programme or project ended, when that is before
    `as_of`'s year; None while it runs, or for a normative document (`rule_types`: a law, a
    decree, a circular has no period of its own; a circular amending one on a programme
    "giai đoạn 2016-2020" names the period of another document)."""
    if doc_type in _types()[1]:
        return None
    end = period_end(title, doc_type)
    return end if end is not None and end < as_of.year else None


@lru_cache(maxsize=1)
def _horizon() -> re.Pattern[str]:
    table = vocab.load_table("plan_periods.json")
    cues = "|".join(sorted((r"\s+".join(map(re.escape, fold(c).lower().split())) for c in table["horizon_cues"]),
                           key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{cues})\s+(?:nam\s+)?({_YEAR})(?!\d)")  # "định hướng năm 2030"


# A run of years written out ("từ năm 2021 đến năm 2025", "2021 - 2025"): its last year is
# no horizon. Folded text.
_SPAN = re.compile(rf"(?:tu\s+)?(?:nam\s+)?({_YEAR})\s*(?:[-–—]|\bden\b)\s*(?:nam\s+)?({_YEAR})(?!\d)")


def horizon_years(title: str | None) -> set[int]:
    """The years a title looks ahead to ("định hướng đến năm 2021", "tầm nhìn đến năm
    2050"): not the year the document is for (data/plan_periods.json 'horizon_cues'), nor
    the end of a run of years ("từ năm 2021 đến năm 2025")."""
    if not title:
        return set()
    plain = _SPAN.sub(" ", fold(" ".join(title.split())).lower())
    return {int(m.group(1)) for m in _horizon().finditer(plain)}


_ANY_YEAR = re.compile(rf"(?<![\d/])({_YEAR})(?![\d/])")  # not inside a symbol: "02/2019/NĐ-CP"


@lru_cache(maxsize=16384)  # titles recur across queries: suggest reads those of its head
def years_for(text: str | None) -> frozenset[int]:
    """The years a title or task is for: those it names ("giảm tiền thuê đất năm 2024",
    "giai đoạn 2021-2025" is each of 2021 to 2025), less those it looks ahead to
    (`horizon_years`), the years of dates ("ngày 07/3/2019") and of a law's name ("Luật Đất
    đai năm 2024")."""
    if not text:
        return frozenset()
    not_period = _patterns()[0]
    plain = not_period.sub(" ", fold(" ".join(text.split())).lower())
    years: set[int] = set()
    for m in _SPAN.finditer(plain):
        a, b = int(m.group(1)), int(m.group(2))
        if a <= b <= a + 30:
            years.update(range(a, b + 1))
    rest = _SPAN.sub(" ", plain)
    return frozenset(years | ({int(y) for y in _ANY_YEAR.findall(rest)} - horizon_years(rest)))
