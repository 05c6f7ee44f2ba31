"""A document's validity status on a given day.

The national database's status ("Tình trạng hiệu lực") describes the day the catalog was
built: Luật Lưu trữ 33/2024/QH15 was "Chưa có hiệu lực" then and has been in force since
01/7/2025. Its dates and the KB's replacing and repealing edges do not age, so what
`show`, `search`, the web UI and `lint` say is computed from them, on the day asked
(today by default); the stored status is used only where no date or edge explains it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from cancu.graph.model import Document, Relation
from cancu.graph.text import fold

# The national database's statuses, as it writes them.
STATUS_IN_FORCE = "Còn hiệu lực"
STATUS_PARTLY_EXPIRED = "Hết hiệu lực một phần"
STATUS_EXPIRED = "Hết hiệu lực toàn bộ"
STATUS_NOT_YET = "Chưa có hiệu lực"
# Every status a document may carry, as the search filter and the web form offer them.
STATUSES = (STATUS_IN_FORCE, STATUS_PARTLY_EXPIRED, STATUS_EXPIRED, STATUS_NOT_YET,
            "Ngưng hiệu lực", "Không còn phù hợp", "Chưa xác định")

# A replacing or repealing document ends the validity of its target, from its own entry
# into force (a partial repeal is an `amends` edge: see graph/catalog.py).
ENDING = (Relation.REPLACES, Relation.REPEALS)
EXPIRED_STATUSES = ("het hieu luc toan bo", "ngung hieu luc", "khong con phu hop")
NOT_YET_STATUS = fold(STATUS_NOT_YET)


def today() -> dt.date:
    """The day a status is judged on when the caller names none."""
    return dt.date.today()


def in_force_from(doc: Document) -> dt.date | None:
    """The day `doc` takes effect: its effective date, else its issue date."""
    return doc.effective_date or doc.date


def is_expired_status(status: str | None) -> bool:
    """Whether a stored status says the document no longer applies at all."""
    folded = fold(status or "")
    return any(s in folded for s in EXPIRED_STATUSES)


def is_not_yet_status(status: str | None) -> bool:
    return NOT_YET_STATUS in fold(status or "")


def status_on(doc: Document, ended_by: Iterable[Document], day: dt.date | None = None) -> str | None:
    """`doc`'s status on `day` (default: today). `ended_by`: the documents the KB knows to
    replace or repeal it.

    - replaced or repealed by a document in force by `day`: "Hết hiệu lực toàn bộ";
    - an entry into force after `day`: "Chưa có hiệu lực";
    - a stored "Chưa có hiệu lực" whose effective date has passed: "Còn hiệu lực";
    - otherwise the stored status (None when the KB has none)."""
    day = day or today()
    ended = list(ended_by)
    for by in ended:
        start = in_force_from(by)
        if start is None or start <= day:  # an undated ending document: trust the edge
            return STATUS_EXPIRED
    if doc.effective_date is not None and doc.effective_date > day:
        return STATUS_NOT_YET
    if is_not_yet_status(doc.status) and doc.effective_date is not None:
        return STATUS_IN_FORCE  # the stored status is older than the effective date, passed
    if ended and is_expired_status(doc.status):
        # Expired only through an edge not yet in force on `day` (the catalog marks a
        # replaced law expired): on that day it still applied.
        return STATUS_IN_FORCE
    return doc.status
