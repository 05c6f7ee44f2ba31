"""When a document says it takes effect: its own final article.

"Luật này có hiệu lực thi hành từ ngày 01 tháng 3 năm 2025", "Thông tư này có hiệu lực thi
hành kể từ ngày 15/01/2024", "Quyết định này có hiệu lực kể từ ngày ký (ban hành)",
"... có hiệu lực sau 10 ngày kể từ ngày ký", and a council's resolution: "Nghị quyết này đã
được Hội đồng nhân dân tỉnh ... thông qua ngày 08 tháng 12 năm 2023 và có hiệu lực từ ngày
01 tháng 01 năm 2024". The catalog reads the national texts with it, the extractor every
ingested text, so a decree or plan the catalog lacks is judged in force from its own date.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from cancu.graph.dates import parse_date

# What may stand between "<type> này" and "có hiệu lực": a council's "đã được ... thông qua
# ngày ... và". Bounded, and never across a sentence.
_PASSED = r"(?:\s+đã\s+được[^.;]{0,300}?\s+và)?"
_TAIL = re.compile(
    r"\s+có\s+hiệu\s+lực(?:\s+thi\s+hành)?,?\s+"
    r"(?:sau\s+(?P<after>\d{1,3})\s+ngày,?\s+)?(?:kể\s+)?từ\s+(?P<when>ngày\b.{0,40})",
    re.IGNORECASE | re.DOTALL)
# "... kể từ ngày ký", "ngày ký ban hành", "ngày ban hành", "ngày được thông qua": the
# document's own date.
_ITS_OWN_DAY = re.compile(r"ngày\s+(?:ký|ban\s+hành|được\s+thông\s+qua|thông\s+qua)\b", re.IGNORECASE)
# "Điều 10 của Luật này có hiệu lực ... từ ngày ...": one article's own date, not the
# document's (Luật Đất đai 2024 takes effect on 01/01/2025, some articles earlier).
_OF_THIS = re.compile(r"\b(?:của|tại)\s*$")
_DATE_NEAR = 8  # the date follows "ngày" ("ngày 15/01/2024"), not a later one in the sentence


@lru_cache(maxsize=64)
def _statement(doc_type: str) -> re.Pattern[str]:
    words = r"\s+".join(re.escape(w) for w in doc_type.split())
    # No lookbehind before the type word: it would keep `re` from skipping to the word's
    # first letter (the text is read once per ingested document); `effective_date` checks
    # the character before instead.
    return re.compile(rf"{words}\s+này{_PASSED}(?=\s+có\s+hiệu\s+lực)", re.IGNORECASE)


def effective_date(text: str, doc_type: str | None, issued: dt.date | None) -> dt.date | None:
    """The date `text`, a document of type `doc_type` issued on `issued`, says it takes
    effect. The last statement of its own type counts: an amending law quotes the final
    articles it rewrites before its own."""
    if not doc_type:
        return None
    found: dt.date | None = None
    for m in _statement(doc_type).finditer(text):
        if m.start() and text[m.start() - 1].isalnum():
            continue  # inside a word
        if _OF_THIS.search(text[max(0, m.start() - 12):m.start()]):
            continue
        tail = _TAIL.match(text, m.end())
        if tail is None:
            continue
        when = tail.group("when")
        if _ITS_OWN_DAY.match(when):
            day = issued
        else:
            parsed = parse_date(when)
            day = parsed.value if parsed is not None and parsed.start <= _DATE_NEAR else None
        if day is None:
            continue
        if tail.group("after"):
            day += dt.timedelta(days=int(tail.group("after")))
        found = day
    return found
