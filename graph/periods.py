"""The period a plan covers, read from its title (data/plan_periods.json).

A province's plan implementing a central programme is a căn cứ only while its period
runs: a draft of 2026 is not told to cite "Kế hoạch ... giai đoạn 2021-2025". The period's
end is the last year that follows a period cue; years of dates ("ngày 07/3/2019",
"tháng 3 năm 2019") are not periods.
"""

from __future__ import annotations

import re
from functools import lru_cache

from cancu.graph import vocab
from cancu.graph.text import fold

_YEAR = r"(?:19|20)\d\d"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    table = vocab.load_table("plan_periods.json")
    cues = sorted((re.escape(fold(c).lower()) for c in table["cues"]), key=len, reverse=True)
    dates = "|".join(re.escape(fold(w).lower()) for w in table["date_words"])
    # Dates first: "07/3/2019", "ngay 07 thang 3 nam 2019", "thang 8 nam 2021".
    date = re.compile(rf"\d{{1,2}}\s*[/.-]\s*\d{{1,2}}\s*[/.-]\s*\d{{4}}|(?:{dates})\s+\d{{1,2}}\s+nam\s+\d{{4}}")
    # A cue, then a year or a range of years ("2019 - 2020"; "5 nam 2021-2025").
    period = re.compile(rf"(?<!\w)(?:{'|'.join(cues)})\s+(?:\d+\s+nam\s+)?({_YEAR})(?:\s*[-–]\s*({_YEAR}))?(?!\d)")
    return date, period


def period_end(title: str | None) -> int | None:
    """The last year of the period `title` names, or None when it names none."""
    if not title:
        return None
    date, period = _patterns()
    text = date.sub(" ", fold(" ".join(title.split())).lower())
    years = [int(y) for m in period.finditer(text) for y in m.groups() if y]
    return max(years) if years else None
