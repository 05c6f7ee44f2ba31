"""Small factories for hand-built extractions, so KB tests do not depend on the extractor.

`mention(text, needle, ...)` finds `needle` in `text` and returns a `DocumentRef` with the
right offsets; the symbol is parsed from the needle."""

from __future__ import annotations

import datetime as dt

from cancu.graph.model import DocumentRef, ExtractedEdge, Extraction, Relation, Task
from cancu.graph.symbol import parse_symbol


def mention(text: str, needle: str, *, nth: int = 0, symbol: str | None = None, date: str | None = None,
            doc_type: str | None = None, province: str | None = None, subject: str | None = None,
            name: str | None = None, issuer: str | None = None) -> DocumentRef:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    sym = parse_symbol(symbol) if symbol else None
    return DocumentRef(
        text=needle, start=start, end=start + len(needle), doc_type=doc_type, symbol=sym,
        date=dt.date.fromisoformat(date) if date else None, issuer=issuer or (sym.issuer if sym else None),
        province=province, subject=subject, name=name,
    )


def edge(text: str, refs: list[DocumentRef], source: DocumentRef | None, relation: Relation,
         target: DocumentRef) -> ExtractedEdge:
    t = refs.index(target)
    s = None if source is None else refs.index(source)
    lo = min(target.start, source.start if source else target.start)
    hi = max(target.end, source.end if source else target.end)
    return ExtractedEdge(s, relation, t, lo, hi, text[lo:hi])


def extraction(text: str, document: DocumentRef, citations: list[DocumentRef],
               edges: list[ExtractedEdge] | None = None, tasks: list[Task] | None = None,
               file: str | None = None) -> Extraction:
    return Extraction(file=file, text=text, document=document, citations=citations,
                      edges=edges or [], tasks=tasks or [])


SUBJECT_17 = "về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019-2020, định hướng đến 2025"

APPENDIX = (
    "Kèm theo Công văn số 784/STTTT ngày 29/7/2020 của Sở Thông tin và Truyền thông.\n"
    "Nghị quyết số 17/NQ-CP ngày 09/3/2020 của Chính phủ " + SUBJECT_17 + "; "
    "Luật Công nghệ thông tin; "
    "Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ " + SUBJECT_17 +
    " (Tỉnh Quảng Ngãi: Kế hoạch số 61/KH-UBND ngày 10/4/2019); "
    "Kết luận số 50-KL/TW ngày 30/5/2019 của Ban Bí thư về tiếp tục thực hiện Nghị quyết "
    "(Tỉnh Quảng Ngãi: Kế hoạch số 151/KH-UBND ngày 09/12/2019); "
    "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa "
    "(Tỉnh Quảng Ngãi: Công văn số 3526/UBND-KSTTHC ngày 19/6/2018); "
    "Nghị định số 64/2007/NĐ-CP ngày 10/4/2007 của Chính phủ về ứng dụng CNTT. "
    "Trọng tâm là Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ."
)


def appendix_extraction(text: str = APPENDIX, file: str | None = "appendix.txt") -> Extraction:
    qn = "Quảng Ngãi"
    doc = mention(text, "Công văn số 784/STTTT ngày 29/7/2020", symbol="784/STTTT", date="2020-07-29",
                  doc_type="Công văn", province=qn)
    nq2020 = mention(text, "Nghị quyết số 17/NQ-CP ngày 09/3/2020", symbol="17/NQ-CP", date="2020-03-09",
                     doc_type="Nghị quyết", subject=SUBJECT_17)
    law = mention(text, "Luật Công nghệ thông tin", doc_type="Luật", name="Luật Công nghệ thông tin")
    nq2019 = mention(text, "Nghị quyết số 17/NQ-CP ngày 07/3/2019", symbol="17/NQ-CP", date="2019-03-07",
                     doc_type="Nghị quyết", subject=SUBJECT_17)
    kh61 = mention(text, "Kế hoạch số 61/KH-UBND ngày 10/4/2019", symbol="61/KH-UBND", date="2019-04-10",
                   doc_type="Kế hoạch", province=qn)
    kl50 = mention(text, "Kết luận số 50-KL/TW ngày 30/5/2019", symbol="50-KL/TW", date="2019-05-30",
                   doc_type="Kết luận")
    kh151 = mention(text, "Kế hoạch số 151/KH-UBND ngày 09/12/2019", symbol="151/KH-UBND", date="2019-12-09",
                    doc_type="Kế hoạch", province=qn)
    nd61 = mention(text, "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018", symbol="61/2018/NĐ-CP", date="2018-04-23",
                   doc_type="Nghị định", subject="về thực hiện cơ chế một cửa")
    cv3526 = mention(text, "Công văn số 3526/UBND-KSTTHC ngày 19/6/2018", symbol="3526/UBND-KSTTHC",
                     date="2018-06-19", doc_type="Công văn", province=qn)
    nd64 = mention(text, "Nghị định số 64/2007/NĐ-CP ngày 10/4/2007", symbol="64/2007/NĐ-CP", date="2007-04-10",
                   doc_type="Nghị định")
    nq_last = mention(text, "Nghị quyết số 17/NQ-CP ngày 07/3/2019", nth=1, symbol="17/NQ-CP", date="2019-03-07",
                      doc_type="Nghị quyết")
    refs = [nq2020, law, nq2019, kh61, kl50, kh151, nd61, cv3526, nd64, nq_last]
    edges = [
        edge(text, refs, kh61, Relation.IMPLEMENTS, nq2019),
        edge(text, refs, kh151, Relation.IMPLEMENTS, kl50),
        edge(text, refs, cv3526, Relation.IMPLEMENTS, nd61),
    ]
    return extraction(text, doc, refs, edges, file=file)


PLAN = (
    "Số: /KH-VP Quảng Ngãi, ngày tháng 8 năm 2021\nKẾ HOẠCH\n"
    "Thực hiện Kế hoạch số 151/KH-UBND ngày 21/12/2020 của UBND tỉnh ứng dụng công nghệ thông tin. "
    "Tiếp tục triển khai Kế hoạch số 61/KH-UBND ngày 10/4/2019 của UBND tỉnh về thực hiện "
    "Nghị quyết số 17/NQ-CP ngày 07/3/2019 của Chính phủ " + SUBJECT_17 + ".\n"
    "8. Nâng cấp hạ tầng trang thiết bị công nghệ thông tin\n"
    "8.1. Căn cứ áp dụng: Nghị định 61/2018/NĐ-CP về thực hiện cơ chế một cửa; Thông tư số "
    "01/2018/TT-VPCP hướng dẫn thi hành một số quy định của Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018.\n"
    "Kế hoạch số 151/KH-UBND của UBND tỉnh."
)


def plan_extraction(text: str = PLAN, file: str | None = "plan.txt") -> Extraction:
    qn = "Quảng Ngãi"
    doc = DocumentRef(text="Số: /KH-VP", start=0, end=10, doc_type="Kế hoạch", province=qn)
    kh151 = mention(text, "Kế hoạch số 151/KH-UBND ngày 21/12/2020", symbol="151/KH-UBND", date="2020-12-21",
                    doc_type="Kế hoạch", province=qn, subject="ứng dụng công nghệ thông tin")
    kh61 = mention(text, "Kế hoạch số 61/KH-UBND ngày 10/4/2019", symbol="61/KH-UBND", date="2019-04-10",
                   doc_type="Kế hoạch", province=qn)
    nq17 = mention(text, "Nghị quyết số 17/NQ-CP ngày 07/3/2019", symbol="17/NQ-CP", date="2019-03-07",
                   doc_type="Nghị quyết", subject=SUBJECT_17)
    nd61 = mention(text, "Nghị định 61/2018/NĐ-CP", symbol="61/2018/NĐ-CP", doc_type="Nghị định")
    tt01 = mention(text, "Thông tư số \n01/2018/TT-VPCP".replace(" \n", " "), symbol="01/2018/TT-VPCP",
                   doc_type="Thông tư") if "Thông tư số 01/2018/TT-VPCP" in text else \
        mention(text, "Thông tư số ", symbol="01/2018/TT-VPCP", doc_type="Thông tư")
    nd61b = mention(text, "Nghị định số 61/2018/NĐ-CP", symbol="61/2018/NĐ-CP", date="2018-04-23",
                    doc_type="Nghị định")
    kh151_short = mention(text, "Kế hoạch số 151/KH-UBND của", symbol="151/KH-UBND", doc_type="Kế hoạch",
                          province=qn)
    refs = [kh151, kh61, nq17, nd61, tt01, nd61b, kh151_short]
    task_start = text.index("8. Nâng cấp")
    task = Task(title="8. Nâng cấp hạ tầng trang thiết bị công nghệ thông tin", start=task_start,
                end=text.index("Kế hoạch số 151/KH-UBND của"), bases=[nd61, tt01])
    edges = [
        edge(text, refs, None, Relation.IMPLEMENTS, kh151),
        edge(text, refs, kh61, Relation.IMPLEMENTS, nq17),
        edge(text, refs, tt01, Relation.GUIDES, nd61b),
    ]
    return extraction(text, doc, refs, edges, tasks=[task], file=file)
