"""A document's validity as search, `show`, the pages and the API tell it.

The KB's status (graph/validity.py) comes from dates, replacing and repealing edges and the
national database's frozen status. Lint and suggest know more (graph/suggest.py,
`Suggester.inferred_end`): a law replaced by a newer law of its name that the KB records
with no edge (Luật Tổ chức chính quyền địa phương 65/2025/QH15 by 72/2025/QH15), an
amending law or a detailing decree that lapsed with the law it served. Where only they knew,
search offered 65/2025/QH15 first as if current while lint flagged it in a draft (rev41).
Every view reads `currency` now, so they never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from cancu.graph.validity import STATUS_EXPIRED, is_expired_status, is_not_yet_status, today


@dataclass(frozen=True)
class Currency:
    status: str | None  # the status to show on the day asked (None: unknown)
    note: str | None = None  # why, where the KB's edges and stored status do not say it
    replaced_by: str | None = None  # the id of the document in force in its place


def currency(kb: Any, doc_id: str, on: dt.date | None = None) -> Currency:
    """Document `doc_id`'s validity on `on` (default: today)."""
    day = on or today()
    status = kb.status(doc_id, day)
    if is_not_yet_status(status) or not _suggests(kb):
        return Currency(status)
    from cancu.graph.suggest import suggester_for  # suggest builds on the KB, as this does

    suggester = suggester_for(kb)
    if is_expired_status(status):
        return Currency(status, None, suggester.in_force_version(doc_id, day)[1])
    inferred = suggester.inferred_end(doc_id, day)
    if inferred is None:
        return Currency(status)
    note, replaced_by = inferred
    return Currency(STATUS_EXPIRED, note, replaced_by)


def currencies(kb: Any, on: dt.date | None = None) -> dict[str, Currency]:
    """`currency` of every document whose status the KB alone does not tell in full: ended
    by what lint infers, or ended with a document in force in its place."""
    if not _suggests(kb):
        return {}
    out: dict[str, Currency] = {}
    for doc in kb.documents():
        found = currency(kb, doc.id, on)
        if found.note or found.replaced_by:
            out[doc.id] = found
    return out


def _suggests(kb: Any) -> bool:
    """Whether `kb` is one the suggester reads (a stand-in of a test may hold only statuses)."""
    return all(callable(getattr(kb, name, None)) for name in ("documents", "edges_from", "edges_to", "lookup"))
