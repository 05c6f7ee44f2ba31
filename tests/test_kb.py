"""The knowledge base on hand-built extractions: identity, conflicts, provenance, queries,
re-ingest rules. (The seeds through the real extractor are in test_kb_seeds.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from kbfactory import APPENDIX, PLAN, appendix_extraction, extraction, mention, plan_extraction

from cancu.graph.kb import EdgeAssertion, KnowledgeBase, SourceRecord, display_name
from cancu.graph.model import DocumentRef, Provenance, Relation
from cancu.graph.resolve import DefaultResolver, ResolutionStatus, resolve_refs, subjects_agree


@pytest.fixture()
def kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.add_extraction(appendix_extraction())
    kb.add_extraction(plan_extraction())
    return kb


def rels(kb: KnowledgeBase, source: str) -> set[tuple[str, str]]:
    return {(e.relation.value, e.target) for e in kb.edges_from(source)}


def test_same_symbol_different_years_are_two_documents(kb: KnowledgeBase) -> None:
    assert kb.get("ubnd.quang-ngai/2019/kh/151") is not None
    assert kb.get("ubnd.quang-ngai/2020/kh/151") is not None
    assert sorted(kb.lookup("151/KH-UBND")) == ["ubnd.quang-ngai/2019/kh/151", "ubnd.quang-ngai/2020/kh/151"]


YEARLY_PLAN = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
               "Số: {number}/KH-UBND          Quảng Ngãi, ngày {date}\nKẾ HOẠCH\nỨng dụng công nghệ thông tin, "
               "phát triển chính quyền số tỉnh Quảng Ngãi năm {year}\n\nThực hiện Kế hoạch số 11/KH-UBND ngày "
               "10/01/2021 của UBND tỉnh;\nUBND tỉnh ban hành Kế hoạch như sau:\n{body}\n")


def _ingest(kb: KnowledgeBase, name: str, text: str) -> None:
    from cancu.ingest.extract import extract_text

    kb.add_extraction(extract_text(text, file=name), source_file=name)


def test_yearly_plans_of_one_number_stay_two_documents(tmp_path: Path) -> None:
    """Provincial numbers restart every year and yearly plans share their subject but for
    the year: 77/KH-UBND of 2022 (for 2023) and of 2021 (for 2022) are two plans, whichever
    is read first. A header's own date is the document's, never a typo of another's."""
    kb = KnowledgeBase(tmp_path)
    _ingest(kb, "kh77_2022.txt", YEARLY_PLAN.format(number=77, date="20 tháng 12 năm 2022", year=2023, body=""))
    _ingest(kb, "kh77_2021.txt", YEARLY_PLAN.format(number=77, date="15 tháng 12 năm 2021", year=2022, body=""))
    later, earlier = kb.get("ubnd.quang-ngai/2022/kh/77"), kb.get("ubnd.quang-ngai/2021/kh/77")
    assert later is not None and earlier is not None
    assert str(later.date) == "2022-12-20" and str(earlier.date) == "2021-12-15"
    assert "date" not in later.conflicts() and (earlier.title or "").endswith("năm 2022")
    # Nor when the titles do not say the year: the header's date tells them apart.
    for date in ("12 tháng 01 năm 2022", "10 tháng 01 năm 2021"):
        _ingest(kb, f"kh5_{date[-4:]}.txt", YEARLY_PLAN.format(number=5, date=date, year="", body="")
                .replace(" năm \n", "\n"))
    assert [str(d.date) for d in map(kb.get, ("ubnd.quang-ngai/2022/kh/5", "ubnd.quang-ngai/2021/kh/5")) if d] == [
        "2022-01-12", "2021-01-10"]


def test_a_number_without_its_issuer_is_no_identity(tmp_path: Path) -> None:
    """"38/KH" (PDF damage lost the issuer's group) does not say whose plan it is: two
    provinces' plans read so stay two documents, each named after its file, as a draft
    with a blank number is; and a citation of "38/KH" stays unresolved."""
    from cancu.graph.identity import id_from_text

    assert id_from_text("38/KH", year=2024, province="Quảng Ngãi") is None
    kb = KnowledgeBase(tmp_path)
    for province, name in (("QUẢNG NGÃI", "qn_kh38.txt"), ("LONG AN", "la_kh38.txt")):
        text = YEARLY_PLAN.format(number=38, date="05 tháng 4 năm 2024", year=2024, body="")
        _ingest(kb, name, text.replace("TỈNH QUẢNG NGÃI", f"TỈNH {province}").replace("38/KH-UBND", "38/KH"))
    assert kb.get("file/qn-kh38") is not None and kb.get("file/la-kh38") is not None
    assert not [d.id for d in kb.documents() if "/kh/38" in d.id]
    from cancu.ingest.extract import extract_text

    text = "Thực hiện Kế hoạch số 38/KH ngày 05/4/2024 về chuyển đổi số."
    [cited] = resolve_refs(extract_text(text).citations, kb, text=text, province="Quảng Ngãi")
    assert cited.status is ResolutionStatus.UNRESOLVED and cited.id is None
    assert "không ghi cơ quan ban hành" in (cited.reason or "")


def test_a_plan_replacing_the_one_of_its_number_a_year_before(tmp_path: Path) -> None:
    kb = KnowledgeBase(tmp_path)
    _ingest(kb, "kh151_2020.txt", YEARLY_PLAN.format(
        number=151, date="21 tháng 12 năm 2020", year=2021,
        body="Kế hoạch này thay thế Kế hoạch số 151/KH-UBND ngày 09/12/2019 của UBND tỉnh về ứng dụng công "
             "nghệ thông tin, phát triển chính quyền số tỉnh Quảng Ngãi năm 2020."))
    assert ("replaces", "ubnd.quang-ngai/2019/kh/151") in rels(kb, "ubnd.quang-ngai/2020/kh/151")
    old = kb.get("ubnd.quang-ngai/2019/kh/151")
    assert old is not None and str(old.date) == "2019-12-09"


def test_subjects_of_two_years_do_not_agree() -> None:
    assert not subjects_agree("ứng dụng công nghệ thông tin, phát triển chính quyền số tỉnh Quảng Ngãi năm 2022",
                              "ứng dụng công nghệ thông tin, phát triển chính quyền số tỉnh Quảng Ngãi năm 2023")
    assert not subjects_agree("phát triển chính quyền điện tử tỉnh giai đoạn 2016 - 2020",
                              "phát triển chính quyền điện tử tỉnh giai đoạn 2021 - 2025")
    # A subject cut short keeps agreeing with its whole, and years in common say nothing.
    assert subjects_agree("phát triển chính quyền điện tử tỉnh giai đoạn 2021-",
                          "phát triển chính quyền điện tử tỉnh giai đoạn 2021-2025, định hướng đến năm 2030")
    assert subjects_agree("chuyển đổi số tỉnh Quảng Ngãi năm 2025, định hướng đến năm 2030",
                          "chuyển đổi số tỉnh Quảng Ngãi năm 2021 - 2025")


def test_same_document_two_dates_is_one_node_with_conflict(kb: KnowledgeBase) -> None:
    ids = [d.id for d in kb.documents() if d.symbol == "17/NQ-CP"]
    assert ids == ["cp/2019/nq/17"]
    doc = kb.get("cp/2019/nq/17")
    assert doc is not None and doc.date is not None and doc.date.isoformat() == "2019-03-07"
    conflict = doc.conflicts()["date"]
    assert set(conflict) == {"2019-03-07", "2020-03-09"}
    assert len(conflict["2019-03-07"]) > len(conflict["2020-03-09"])


def test_a_title_written_in_capitals_is_no_conflict() -> None:
    """The catalog writes "Về họ, hụi, biêu, phường", the decree's own header "VỀ HỌ, HỤI, BIÊU,
    PHƯỜNG": one title, no conflict shown to the reader. Two different titles still are."""
    from cancu.graph.model import Document

    doc = Document("cp/2019/nd/19", facts={"title": {"Về họ, hụi, biêu, phường": ["catalog:phapdien"],
                                                     "VỀ HỌ, HỤI,  BIÊU, PHƯỜNG.": ["cp/2019/nd/19"]}})
    assert doc.conflicts() == {}
    doc.facts["title"]["Về hụi"] = ["other"]
    assert set(doc.conflicts()["title"]) == {"Về họ, hụi, biêu, phường", "VỀ HỌ, HỤI,  BIÊU, PHƯỜNG.", "Về hụi"}


def test_implements_edges_carry_sentence_and_count(kb: KnowledgeBase) -> None:
    edges = [e for e in kb.edges_to("cp/2019/nq/17") if e.relation is Relation.IMPLEMENTS]
    assert [e.source for e in edges] == ["ubnd.quang-ngai/2019/kh/61"]
    assert edges[0].count == 2  # asserted by the appendix and by the plan
    assert all(p.sentence and "61/KH-UBND" in p.sentence for p in edges[0].provenance)
    assert {p.source for p in edges[0].provenance} == {"stttt.quang-ngai/2020/cv/784", "file/plan"}


def test_plan_task_bases_are_based_on_edges_with_their_task(kb: KnowledgeBase) -> None:
    plan = rels(kb, "file/plan")
    assert ("implements", "ubnd.quang-ngai/2020/kh/151") in plan
    assert ("based_on", "cp/2018/nd/61") in plan
    assert ("based_on", "vpcp/2018/tt/1") in plan
    based = [e for e in kb.edges_from("file/plan") if e.relation is Relation.BASED_ON]
    assert {p.task for e in based for p in e.provenance} == {"8. Nâng cấp hạ tầng trang thiết bị công nghệ thông tin"}


def test_chain_down_and_up(kb: KnowledgeBase) -> None:
    down = kb.chain("cp/2018/nd/61", "down")
    children = {(c.relation.value, c.id) for c in down.children if c.relation}
    assert ("guides", "vpcp/2018/tt/1") in children
    assert ("implements", "ubnd.quang-ngai/2018/cv/3526") in children
    up = kb.chain("ubnd.quang-ngai/2019/kh/61", "up")
    assert [c.id for c in up.children] == ["cp/2019/nq/17"]
    # depth limit marks the cut
    shallow = kb.chain("cp/2018/nd/61", "down", depth=1)
    assert any(c.truncated for c in shallow.children)


def test_chain_survives_cycles() -> None:
    text = "A 1/2019/NĐ-CP và 2/2019/NĐ-CP"
    a = mention(text, "1/2019/NĐ-CP", symbol="1/2019/NĐ-CP")
    b = mention(text, "2/2019/NĐ-CP", symbol="2/2019/NĐ-CP")
    from kbfactory import edge

    refs = [a, b]
    ex = extraction(text, DocumentRef("", 0, 0), refs,
                    [edge(text, refs, a, Relation.BASED_ON, b), edge(text, refs, b, Relation.BASED_ON, a)], file="x")
    kb = KnowledgeBase()
    kb.add_extraction(ex)
    tree = kb.chain("cp/2019/nd/1", "up", depth=10)
    assert any(n.repeated for n in tree.walk())


def test_chain_lists_each_document_once_under_its_strongest_relation() -> None:
    """A provincial plan implements a decree and names it among its căn cứ: one entry, as
    implementing. A department's plan implementing both the decree and the provincial plan
    is expanded once, where the tree read top to bottom first shows it (under the plan), and
    marked as shown above where it comes again."""
    decree, plan, dept, task = "cp/2018/nd/61", "ubnd.quang-ngai/2024/kh/45", "snv.quang-ngai/2024/kh/112", \
        "snv.quang-ngai/2024/kh/120"
    label = "catalog:test"
    record = SourceRecord(key=label, digest="1", kind="catalog",
                          facts=[(d, "doc_type", "Kế hoạch" if d != decree else "Nghị định", label)
                                 for d in (decree, plan, dept, task)]
                          + [(d, "date", day, label) for d, day in ((decree, "2018-04-23"), (plan, "2024-03-12"),
                                                                    (dept, "2024-04-02"), (task, "2024-05-06"))])
    for src, rel, tgt in ((plan, "implements", decree), (plan, "based_on", decree), (dept, "implements", decree),
                          (dept, "implements", plan), (task, "implements", dept)):
        record.edges.append(EdgeAssertion(src, Relation(rel), tgt, Provenance(src, label)))
    kb = KnowledgeBase()
    kb.add_record(record)
    tree = kb.chain(decree, "down", depth=3)
    assert [(c.relation, c.id) for c in tree.children] == [(Relation.IMPLEMENTS, plan), (Relation.IMPLEMENTS, dept)]
    under_plan = tree.children[0].children
    assert [(c.id, c.repeated) for c in under_plan] == [(dept, False)]
    assert [c.id for c in under_plan[0].children] == [task]
    assert (tree.children[1].repeated, tree.children[1].children) == (True, [])
    assert [n.id for n in tree.walk() if not n.repeated].count(dept) == 1
    # Read top to bottom, no entry is marked shown above before it is shown.
    seen: set[str] = set()
    for n in tree.walk():
        assert not n.repeated or n.id in seen, n.id
        seen.add(n.id)


def test_lookup_any_writing(kb: KnowledgeBase) -> None:
    for text in ("61/2018/NĐ-CP", "61/2018/ND-CP", "nd 61/2018", "Nghị định 61/2018/NĐ-CP", "cp/2018/nd/61",
                 "Nghị định số 61/2018/NĐ-CP"):
        assert kb.lookup(text) == ["cp/2018/nd/61"], text
    assert kb.lookup("Kế hoạch 61/KH-UBND 2019") == ["ubnd.quang-ngai/2019/kh/61"]
    assert kb.lookup("Luật Công nghệ thông tin") == ["name/luat-cong-nghe-thong-tin"]
    assert kb.lookup("99/2099/NĐ-CP") == []


def test_citator_authority_contexts_cocited(kb: KnowledgeBase) -> None:
    rows = kb.cited_by("cp/2018/nd/61")
    kinds = {(r.source, r.relation.value) for r in rows}
    assert ("vpcp/2018/tt/1", "guides") in kinds
    assert ("ubnd.quang-ngai/2018/cv/3526", "implements") in kinds
    assert ("stttt.quang-ngai/2020/cv/784", "cites") in kinds
    assert kb.authority("cp/2018/nd/61") == 3  # plan (based_on), TT 01 (guides), CV 3526 (implements)
    assert any("một cửa" in s for s in kb.citation_contexts("cp/2018/nd/61"))
    co = dict(kb.co_cited("cp/2018/nd/61"))
    assert co.get("cp/2019/nq/17", 0) >= 2  # cited together by the appendix and the plan


def test_gaps(kb: KnowledgeBase) -> None:
    report = kb.gaps("quang ngai")
    unimplemented = {g.id for g in report.unimplemented}
    assert "cp/2007/nd/64" in unimplemented
    assert "cp/2019/nq/17" not in unimplemented  # 61/KH-UBND implements it
    assert "cp/2019/nq/17" in {g.id for g in report.unknown_targets}  # known only from citations


def test_a_work_named_with_its_province_is_no_central_gap(tmp_path: Path) -> None:
    """A plan implementing "Kiến trúc Chính quyền điện tử tỉnh Quảng Ngãi" (cited by name
    alone: no number, no issuer) rests on the province's own work: the gaps of Quảng Ngãi
    do not list it among the central documents the province has yet to implement, and it
    is shown by its name, not its id. A work named without a province stays central."""
    kb = KnowledgeBase(tmp_path)
    body = ("Căn cứ Kiến trúc Chính quyền điện tử tỉnh Quảng Ngãi, phiên bản 1.0;\n"
            "Căn cứ Khung Kiến trúc Chính phủ điện tử Việt Nam, phiên bản 2.0;\n")
    _ingest(kb, "kh20.txt", YEARLY_PLAN.format(number=20, date="05 tháng 3 năm 2021", year=2021, body=body))
    named = {d.id: d for d in kb.documents() if d.id.startswith("name/")}
    own = next(d for i, d in named.items() if "quang-ngai" in i)
    assert own.province == "Quảng Ngãi"
    gaps = {g.id for g in kb.gaps("Quảng Ngãi").unimplemented}
    assert own.id not in gaps
    frame = next(i for i in named if i.startswith("name/khung"))
    assert frame in gaps and named[frame].province is None
    assert display_name(named[frame]).startswith("Khung Kiến trúc Chính phủ điện tử Việt Nam")


def test_reingest_unchanged_changes_nothing(kb: KnowledgeBase) -> None:
    version, nodes, edges = kb.version, len(kb), kb.graph.number_of_edges()
    report = kb.add_extraction(appendix_extraction())
    assert report.unchanged
    assert (kb.version, len(kb), kb.graph.number_of_edges()) == (version, nodes, edges)


def test_changed_file_replaces_its_assertions(kb: KnowledgeBase) -> None:
    changed = APPENDIX.replace("Nghị định số 64/2007/NĐ-CP ngày 10/4/2007", "Nghị định số 73/2019/NĐ-CP ngày 05/9/2019")
    text = changed
    ex = appendix_extraction(APPENDIX)
    ex.text = text
    nd = ex.citations[8]
    start = text.index("Nghị định số 73/2019/NĐ-CP")
    from cancu.graph.symbol import parse_symbol

    nd.symbol, nd.start, nd.end = parse_symbol("73/2019/NĐ-CP"), start, start + 26
    nd.date = None
    report = kb.add_extraction(ex)
    assert report.replaced
    assert kb.get("cp/2007/nd/64") is None  # only the old version asserted it
    assert kb.get("cp/2019/nd/73") is not None
    # what the plan asserts is untouched
    assert ("based_on", "cp/2018/nd/61") in rels(kb, "file/plan")
    assert kb.remove_source("appendix.txt")
    assert kb.get("ubnd.quang-ngai/2019/kh/151") is None
    assert kb.get("cp/2019/nq/17") is not None and not kb.get("cp/2019/nq/17").conflicts()  # type: ignore[union-attr]


def test_undated_ambiguous_mention_is_recorded_not_guessed(kb: KnowledgeBase) -> None:
    text = "Thực hiện Kế hoạch số 151/KH-UBND của UBND tỉnh."
    ref = mention(text, "Kế hoạch số 151/KH-UBND", symbol="151/KH-UBND", doc_type="Kế hoạch", province="Quảng Ngãi")
    from kbfactory import edge

    ex = extraction(text, DocumentRef("", 0, 0, province="Quảng Ngãi"), [ref],
                    [edge(text, [ref], None, Relation.IMPLEMENTS, ref)], file="other.txt")
    before = kb.graph.number_of_edges()
    report = kb.add_extraction(ex)
    assert report.ambiguous == 1
    [m] = kb.ambiguous()
    assert m.candidates == ["ubnd.quang-ngai/2019/kh/151", "ubnd.quang-ngai/2020/kh/151"]
    assert m.relation == "implements"
    assert kb.graph.number_of_edges() == before  # nothing guessed into the graph


def test_resolver_is_swappable(kb: KnowledgeBase) -> None:
    class NoNames(DefaultResolver):
        def _resolve_name(self, name, context_date, index, stated_year=None):  # type: ignore[no-untyped-def]
            from cancu.graph.resolve import Resolution

            return Resolution(ResolutionStatus.UNRESOLVED, reason="names off")

    other = KnowledgeBase(resolver=NoNames())
    other.add_extraction(appendix_extraction())
    assert other.get("name/luat-cong-nghe-thong-tin") is None
    assert len(other.unresolved_mentions("unresolved")) == 1


def test_name_resolves_against_catalog_title() -> None:
    from cancu.graph.kb import SourceRecord

    kb = KnowledgeBase()
    kb.add_record(SourceRecord(key="catalog:test", digest="1", kind="catalog", facts=[
        ("qh/2006/67", "doc_type", "Luật", "catalog:test"), ("qh/2006/67", "symbol", "67/2006/QH11", "catalog:test"),
        ("qh/2006/67", "title", "Công nghệ thông tin", "catalog:test"), ("qh/2006/67", "date", "2006-06-29", "catalog:test"),
    ]))
    kb.add_extraction(appendix_extraction())
    assert kb.get("name/luat-cong-nghe-thong-tin") is None
    assert any(e.source == "stttt.quang-ngai/2020/cv/784" for e in kb.edges_to("qh/2006/67"))
    assert "Luật Công nghệ thông tin" in kb.get("qh/2006/67").aliases  # type: ignore[union-attr]
    assert kb.lookup("luat cong nghe thong tin") == ["qh/2006/67"]


def test_subject_agreement() -> None:
    s = "về một số nhiệm vụ, giải pháp trọng tâm phát triển Chính phủ điện tử giai đoạn 2019-"
    assert subjects_agree(s, s + "2020, định hướng đến 2025")
    assert not subjects_agree("ngày 07/3/2019 của Chính phủ", "ngày 09/3/2020 của Chính phủ")
    assert not subjects_agree("ứng dụng công nghệ thông tin trong hoạt động", "phát triển đô thị thông minh bền vững")


def test_resolve_refs_for_drafts(kb: KnowledgeBase) -> None:
    text = "Căn cứ Nghị định số 61/2018/NĐ-CP; Kế hoạch số 151/KH-UBND"
    refs = [mention(text, "Nghị định số 61/2018/NĐ-CP", symbol="61/2018/NĐ-CP"),
            mention(text, "Kế hoạch số 151/KH-UBND", symbol="151/KH-UBND", province="Quảng Ngãi")]
    found, unclear = resolve_refs(refs, kb, text=text, province="Quảng Ngãi")
    assert found.status is ResolutionStatus.FOUND and found.id == "cp/2018/nd/61"
    assert unclear.status is ResolutionStatus.AMBIGUOUS and len(unclear.candidates) == 2


def test_plan_text_kept_for_search(kb: KnowledgeBase) -> None:
    plan = kb.get("file/plan")
    assert plan is not None and plan.text == PLAN


def test_a_name_with_a_year_resolves_to_the_version_of_that_year(tmp_path: Path) -> None:
    """"Luật Tổ chức Chính phủ năm 2025" is not the 2015 law of that name: with both known
    it is the 2025 one; with only the 2015 one known it is a version of its own."""
    from cancu.graph.kb import SourceRecord
    from cancu.ingest.extract import extract_text

    def law(doc_id: str, symbol: str, date: str) -> list[tuple[str, str, str, str]]:
        return [(doc_id, "doc_type", "Luật", "catalog:test"), (doc_id, "symbol", symbol, "catalog:test"),
                (doc_id, "title", "Tổ chức Chính phủ", "catalog:test"), (doc_id, "date", date, "catalog:test")]

    text = ("NGHỊ ĐỊNH\nQuy định chi tiết một số điều\n"
            "Căn cứ Luật Tổ chức Chính phủ năm 2025;\nCăn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n")
    only_old = KnowledgeBase(tmp_path / "a")
    only_old.add_record(SourceRecord(key="catalog:test", digest="1", kind="catalog",
                                     facts=law("qh/2015/76", "76/2015/QH13", "2015-06-19")))
    report = only_old.add_extraction(extract_text(text, file="nd.txt"))
    targets = {e.target for e in only_old.edges_from(report.document) if e.relation is Relation.BASED_ON}
    assert targets == {"qh/2015/76", "name/luat-to-chuc-chinh-phu-2025"}

    both = KnowledgeBase(tmp_path / "b")
    both.add_record(SourceRecord(key="catalog:test", digest="2", kind="catalog",
                                 facts=law("qh/2015/76", "76/2015/QH13", "2015-06-19")
                                 + law("qh/2025/63", "63/2025/QH15", "2025-02-18")))
    report = both.add_extraction(extract_text(text, file="nd.txt"))
    targets = {e.target for e in both.edges_from(report.document) if e.relation is Relation.BASED_ON}
    assert targets == {"qh/2015/76", "qh/2025/63"}


def test_a_law_cited_by_the_first_words_of_its_name_resolves_when_only_one_goes_on(tmp_path: Path) -> None:
    """Drafters write "Luật An toàn thông tin" for Luật An toàn thông tin mạng: no law bears
    the short name and one goes on from it, so that is the law (not a phantom node of the
    short name). "Luật Phòng cháy" begins the names of two laws: it names neither."""
    from cancu.graph.kb import SourceRecord
    from cancu.ingest.extract import extract_text

    def law(doc_id: str, symbol: str, title: str, date: str) -> list[tuple[str, str, str, str]]:
        return [(doc_id, "doc_type", "Luật", "catalog:test"), (doc_id, "symbol", symbol, "catalog:test"),
                (doc_id, "title", title, "catalog:test"), (doc_id, "date", date, "catalog:test")]

    kb = KnowledgeBase(tmp_path)
    kb.add_record(SourceRecord(key="catalog:test", digest="1", kind="catalog", facts=(
        law("qh/2015/86", "86/2015/QH13", "An toàn thông tin mạng", "2015-11-19")
        + law("qh/2001/27", "27/2001/QH10", "Phòng cháy và chữa cháy", "2001-06-29")
        + law("qh/2024/55", "55/2024/QH15", "Phòng cháy, chữa cháy và cứu nạn, cứu hộ", "2024-11-29"))))
    text = ("QUYẾT ĐỊNH\nBan hành Quy chế bảo đảm an toàn thông tin\n"
            "Căn cứ Luật An toàn thông tin ngày 19 tháng 11 năm 2015;\nCăn cứ Luật Phòng cháy;\n")
    report = kb.add_extraction(extract_text(text, file="qd.txt"))
    targets = {e.target for e in kb.edges_from(report.document) if e.relation is Relation.BASED_ON}
    assert "qh/2015/86" in targets
    assert not targets & {"qh/2001/27", "qh/2024/55"}
    assert not any(t.startswith("name/luat-an-toan") for t in targets)


def test_the_constitution_written_short_resolves_to_the_known_one(tmp_path: Path) -> None:
    """The census knows the 2013 Constitution without a number (a name id with a date);
    "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;" in a text of 2017 is that
    one, "... năm 1992 ..." in a text of 2010 is not."""
    from cancu.graph.kb import SourceRecord
    from cancu.ingest.extract import extract_text

    const = "name/hien-phap-nuoc-cong-hoa-xa-hoi-chu-nghia-viet-nam-2013"
    kb = KnowledgeBase(tmp_path)
    kb.add_record(SourceRecord(key="catalog:test", digest="1", kind="catalog", facts=[
        (const, "doc_type", "Hiến pháp", "catalog:test"), (const, "date", "2013-11-28", "catalog:test"),
        (const, "title", "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam", "catalog:test"),
        (const, "aliases", "Hiến pháp 2013", "catalog:test")]))

    def bases(text: str, name: str) -> set[str]:
        report = kb.add_extraction(extract_text(text, file=name))
        return {e.target for e in kb.edges_from(report.document) if e.relation is Relation.BASED_ON}

    assert bases("NGHỊ QUYẾT\nHà Nội, ngày 10 tháng 5 năm 2017\n"
                 "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n", "a.txt") == {const}
    old = bases("NGHỊ QUYẾT\nHà Nội, ngày 10 tháng 5 năm 2010\n"
                "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992;\n", "b.txt")
    assert len(old) == 1 and const not in old


def test_a_bare_name_is_never_a_law_passed_after_the_citing_document(tmp_path: Path) -> None:
    """A decision of 2010 writes "Căn cứ Luật Ngân sách nhà nước ngày 16 tháng 12 năm 2002",
    then "theo quy định của Luật Ngân sách nhà nước" and "Bộ luật Dân sự" in its body. The KB
    knows only the 2015 laws of those names: the body's mentions are not them (a 2010 text
    cannot cite a 2015 law); the budget law is the 2002 one the căn cứ dated."""
    from cancu.graph.kb import SourceRecord
    from cancu.ingest.extract import extract_text

    def law(doc_id: str, symbol: str, date: str, title: str, doc_type: str = "Luật") -> list[tuple[str, str, str, str]]:
        return [(doc_id, "doc_type", doc_type, "catalog:test"), (doc_id, "symbol", symbol, "catalog:test"),
                (doc_id, "title", title, "catalog:test"), (doc_id, "date", date, "catalog:test")]

    kb = KnowledgeBase(tmp_path)
    kb.add_record(SourceRecord(key="catalog:test", digest="1", kind="catalog",
                               facts=law("qh/2015/83", "83/2015/QH13", "2015-06-25", "Ngân sách nhà nước")
                               + law("qh/2015/91", "91/2015/QH13", "2015-11-24", "Dân sự", "Bộ luật")))
    text = ("ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG\nSố: 105/QĐ-UBND\nTuyên Quang, ngày 16 tháng 8 năm 2010\n"
            "QUYẾT ĐỊNH\nVề việc ban hành mức trợ giúp\n"
            "Căn cứ Luật Ngân sách nhà nước ngày 16 tháng 12 năm 2002;\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Kinh phí thực hiện theo quy định của Luật Ngân sách nhà nước; "
            "việc bồi thường thực hiện theo Bộ luật Dân sự.\n")
    report = kb.add_extraction(extract_text(text, file="qd.txt"))
    targets = {e.target for e in kb.edges_from(report.document)}
    assert not targets & {"qh/2015/83", "qh/2015/91"}, targets
    budget = [t for t in targets if t.startswith("name/luat-ngan-sach-nha-nuoc")]
    assert budget == ["name/luat-ngan-sach-nha-nuoc-2002"], targets
    # A document of 2016 writing the same name is the 2015 law.
    later = kb.add_extraction(extract_text(text.replace("năm 2010", "năm 2016").replace(" ngày 16 tháng 12 năm 2002", ""),
                                           file="qd2016.txt"))
    assert "qh/2015/83" in {e.target for e in kb.edges_from(later.document)}


def test_a_consolidated_text_is_never_what_a_law_name_means(tmp_path: Path) -> None:
    """A văn bản hợp nhất is headed by the law it consolidates ("LUẬT DOANH NGHIỆP"); a decree
    writing "Luật Doanh nghiệp ngày 17 tháng 6 năm 2020" rests on the law, not on the reading
    aid, and suggest never offers the consolidated text as a basis."""
    from cancu.graph.kb import SourceRecord
    from cancu.graph.suggest import suggest
    from cancu.ingest.extract import extract_text

    kb = KnowledgeBase(tmp_path)
    kb.add_record(SourceRecord(key="catalog:test", digest="1", kind="catalog", facts=[
        ("qh/2020/59", "doc_type", "Luật", "catalog:test"), ("qh/2020/59", "symbol", "59/2020/QH14", "catalog:test"),
        ("qh/2020/59", "title", "Doanh nghiệp", "catalog:test"), ("qh/2020/59", "date", "2020-06-17", "catalog:test")]))
    vbhn = kb.add_extraction(extract_text(
        "VĂN PHÒNG QUỐC HỘI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 07/VBHN-VPQH\nHà Nội, ngày 25 tháng 01 năm 2022\n"
        "LUẬT DOANH NGHIỆP\nLuật Doanh nghiệp số 59/2020/QH14 ngày 17 tháng 6 năm 2020 của Quốc hội, có hiệu lực "
        "kể từ ngày 01 tháng 01 năm 2021.\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\n"
        "Quốc hội ban hành Luật Doanh nghiệp.\n", file="vbhn.txt")).document
    assert vbhn == "vpqh/2022/vbhn/7"
    doc = kb.get(vbhn)
    assert doc is not None and doc.consolidated
    decree = kb.add_extraction(extract_text(
        "CHÍNH PHỦ\nSố: 01/2023/NĐ-CP\nHà Nội, ngày 04 tháng 01 năm 2023\nNGHỊ ĐỊNH\nVề đăng ký doanh nghiệp\n"
        "Căn cứ Luật Doanh nghiệp ngày 17 tháng 6 năm 2020;\n", file="nd.txt")).document
    assert decree is not None
    assert {e.target for e in kb.edges_from(decree)} == {"qh/2020/59"}
    assert vbhn not in kb.lookup("Luật Doanh nghiệp")
    found = [s.id for s in suggest(kb, "Luật Doanh nghiệp hợp nhất", issuer="CP", k=10)]
    assert vbhn not in found and "qh/2020/59" in found, found


def test_a_name_is_looked_up_by_whole_words_with_their_accents(tmp_path: Path) -> None:
    """"Hiến pháp" folds to "hien phap", which "thực hiện pháp điển" holds too: the lookup
    by part of a name matches whole words, with the accents the text has."""
    from cancu.graph.kb import SourceRecord

    kb = KnowledgeBase(tmp_path)
    record = SourceRecord(key="catalog:test", digest="1", kind="catalog")
    for did, doc_type, title in (
            ("btp/2014/tt/13", "Thông tư", "Hướng dẫn việc thực hiện pháp điển hệ thống quy phạm pháp luật"),
            ("name/hien-phap-2013", "Hiến pháp", "nước Cộng hòa xã hội chủ nghĩa Việt Nam")):
        for attr, value in (("doc_type", doc_type), ("title", title)):
            record.facts.append((did, attr, value, "catalog:test"))
    kb.add_record(record)
    assert kb.lookup("Hiến pháp") == ["name/hien-phap-2013"]
    assert kb.lookup("Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam") == ["name/hien-phap-2013"]
    assert "btp/2014/tt/13" in kb.lookup("thực hiện pháp điển")
    # A word typed without accents agrees with any: only the accented ones are compared.
    assert kb.lookup("Hiến phap nuoc Cộng hòa") == ["name/hien-phap-2013"]
    assert kb.lookup("huong dẫn việc thực hiện pháp điển") == ["btp/2014/tt/13"]


# --- quotes: the sentence that cites, never the header (#6) -------------------------------------

# A department's plan as PDF text gives it: one line per line, no blank line anywhere, so
# nothing but the header's own bounds separates it from the plan's first sentence.
DEPARTMENT_PLAN = (
    "UBND TỈNH BÌNH ĐỊNH\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
    "Độc lập - Tự do - Hạnh phúc\nSố: 12/KH-STTTT          Bình Định, ngày 20 tháng 01 năm 2021\n"
    "KẾ HOẠCH\nTriển khai chuyển đổi số của Sở Thông tin và Truyền thông năm 2021\n"
    "Thực hiện Kế hoạch số 95/KH-UBND ngày 28/9/2020 của UBND tỉnh về chuyển đổi số tỉnh Bình Định\n"
    "đến năm 2025, định hướng đến năm 2030, Sở Thông tin và Truyền thông ban hành Kế hoạch như sau:\n"
    "I. NHIỆM VỤ\n"
    "- Xây dựng, cập nhật Kiến trúc Chính quyền điện tử tỉnh, bảo đảm kết nối, chia sẻ dữ liệu với các\n"
    "hệ thống thông tin của các sở, ban, ngành, địa phương trên địa bàn tỉnh, đồng bộ với hệ thống của\n"
    "các bộ, ngành trung ương, theo định hướng tại Kế hoạch số 95/KH-UBND ngày 28/9/2020 của UBND tỉnh.\n"
    "IV. TỔ CHỨC THỰC HIỆN\n"
    "Kế hoạch này thay thế Kế hoạch số 08/KH-STTTT ngày 15/01/2020 của Sở Thông tin và Truyền thông.\n"
)
TITLE_PLAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH GIA LAI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 151/KH-UBND          Gia Lai, ngày 05 tháng 8 năm 2025\nKẾ HOẠCH\n"
    "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\nvề chuyển đổi số tỉnh Gia Lai\n"
    "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh;\n"
    "UBND tỉnh ban hành Kế hoạch như sau:\n"
)


def _quotes(kb: KnowledgeBase, target: str) -> list[str]:
    return [s for row in kb.cited_by(target) for s in row.sentences]


def test_a_quote_is_the_citing_sentence_not_the_header(tmp_path: Path) -> None:
    """`cancu cited-by` quoted the department's header ("UBND TỈNH BÌNH ĐỊNH SỞ THÔNG TIN ...
    Số: 12/KH-STTTT ... KẾ HOẠCH") for its first sentence and cut it before the citation."""
    kb = KnowledgeBase(tmp_path)
    _ingest(kb, "kh12_stttt.txt", DEPARTMENT_PLAN)
    quotes = _quotes(kb, "ubnd.binh-dinh/2020/kh/95")
    assert len(quotes) == 2
    assert quotes[0].startswith("Thực hiện Kế hoạch số 95/KH-UBND ngày 28/9/2020 của UBND tỉnh")
    # A list item is quoted from its start; the words that cut it are shown as "…".
    assert quotes[1].startswith("…") and "Kế hoạch số 95/KH-UBND ngày 28/9/2020" in quotes[1]
    for quote in quotes:
        assert "CỘNG HÒA" not in quote and "12/KH-STTTT" not in quote and "NHIỆM VỤ" not in quote
        # A list shows a quote's first 200 characters: the citation is among them.
        assert "95/KH-UBND" in quote[:200]
    # The heading above a sentence is not part of it.
    assert _quotes(kb, "stttt.binh-dinh/2020/kh/8") == [
        "Kế hoạch này thay thế Kế hoạch số 08/KH-STTTT ngày 15/01/2020 của Sở Thông tin và Truyền thông."]


def test_a_citation_in_the_title_is_quoted_from_the_title(tmp_path: Path) -> None:
    kb = KnowledgeBase(tmp_path)
    _ingest(kb, "kh151_gialai.txt", TITLE_PLAN)
    title = "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về chuyển đổi số tỉnh Gia Lai"
    assert _quotes(kb, "tw/2024/nq/57") == [title]
    assert _quotes(kb, "qh/2025/nq/202") == [
        "Căn cứ Nghị quyết số 202/2025/QH15 ngày 12/6/2025 của Quốc hội về việc sắp xếp đơn vị hành chính cấp tỉnh;"]


def test_search_snippets_come_from_the_citing_sentence(tmp_path: Path) -> None:
    """The 95/KH-UBND hit showed "… Số: 12/KH-STTTT Bình Định …": another document's header."""
    from cancu.graph.search import SearchIndex

    kb = KnowledgeBase(tmp_path)
    _ingest(kb, "kh12_stttt.txt", DEPARTMENT_PLAN)
    hit = SearchIndex.open(kb).search("95/KH-UBND").results[0]
    assert hit.id == "ubnd.binh-dinh/2020/kh/95"
    assert "12/KH-STTTT" not in hit.snippet and "CỘNG HÒA" not in hit.snippet
    assert "Thực hiện Kế hoạch số" in hit.snippet


ONE_STOP_PLAN = (
    "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 45/KH-UBND          Quảng Ngãi, ngày 12 tháng 3 năm 2024\nKẾ HOẠCH\nTriển khai cơ chế một cửa\n"
    "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên "
    "thông trong giải quyết thủ tục hành chính;\n"
    "Thực hiện Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ, UBND tỉnh ban hành Kế hoạch như sau:\n"
    "1. Bố trí nơi làm việc của Bộ phận Một cửa theo Điều 13 Nghị định số 61/2018/NĐ-CP.\n"
)


def test_a_document_resting_on_another_does_not_also_cite_it(tmp_path: Path) -> None:
    """One relation per pair, as `extract` gives them (docs/extract-json.md, "edges"): the
    plan rests on and implements the decree, and its third mention adds no `cites` to
    `show`, `cited-by` or the RDF export; the mention's sentence still tells search about it."""
    from cancu.graph import rdf

    kb = KnowledgeBase(tmp_path)
    _ingest(kb, "kh45.txt", ONE_STOP_PLAN)
    plan, decree = "ubnd.quang-ngai/2024/kh/45", "cp/2018/nd/61"
    assert {r for r, t in rels(kb, plan) if t == decree} == {"based_on", "implements"}
    assert [(e.source, e.relation.value) for e in kb.edges_to(decree)] == [(plan, "based_on"), (plan, "implements")]
    assert not [e for e in kb.edges(Relation.CITES) if (e.source, e.target) == (plan, decree)]
    assert {r.relation.value for r in kb.cited_by(decree)} == {"based_on", "implements"}
    assert any("Điều 13" in s for s in kb.cited_by(decree)[0].sentences)  # quoted under based_on
    assert any("Điều 13" in c for c in kb.citation_contexts(decree))
    graph = rdf.build_graph(kb, provenance=False)
    assert not list(graph.triples((rdf.doc_uri(plan), rdf.ELI.cites, rdf.doc_uri(decree))))
    assert kb.edge_count() == len(list(kb.edges()))


def test_a_cites_from_one_source_gives_way_to_a_stronger_edge_from_another(tmp_path: Path) -> None:
    """The catalog's related-content links say a circular cites the decree its title says it
    guides: one edge, `guides`; withdrawing the title's source shows the `cites` again."""
    kb = KnowledgeBase(tmp_path)
    for key, relation in (("catalog:links", Relation.CITES), ("catalog:titles", Relation.GUIDES)):
        record = SourceRecord(key=key, digest=key, kind="catalog")
        record.edges.append(EdgeAssertion("vpcp/2018/tt/1", relation, "cp/2018/nd/61", Provenance(key, key)))
        report = kb.add_record(record)
        assert report.edges == (1 if relation is Relation.CITES else 0)  # guides takes the cites' place
    assert [e.relation for e in kb.edges_from("vpcp/2018/tt/1")] == [Relation.GUIDES]
    assert kb.edge_count() == 1
    kb.remove_source("catalog:titles")
    assert [e.relation for e in kb.edges_from("vpcp/2018/tt/1")] == [Relation.CITES]


def test_cited_by_counts_documents_not_relations(tmp_path: Path) -> None:
    """`cancu cited-by` said "23 văn bản dẫn chiếu" for 15 documents: one that rests on the
    decree and implements it is one citing document."""
    import subprocess
    import sys

    kb = KnowledgeBase(tmp_path / "kb")
    _ingest(kb, "kh45.txt", ONE_STOP_PLAN)
    kb.save()
    proc = subprocess.run([sys.executable, "-m", "cancu", "cited-by", "cp/2018/nd/61", "--kb", str(kb.dir)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert ": 1 văn bản dẫn chiếu" in proc.stdout.splitlines()[0], proc.stdout



def test_chain_expands_a_document_cut_by_the_depth_limit_where_it_comes_again() -> None:
    """X implements a plan three levels down, and rests on the decree directly: cut at the
    depth limit down there, it is expanded at the first level, with Y implementing it."""
    label = "catalog:test"
    a, b, c, x, y = ("cp/2018/nd/61", "ubnd.quang-ngai/2019/kh/1", "snv.quang-ngai/2019/kh/2",
                     "snv.quang-ngai/2019/kh/3", "snv.quang-ngai/2019/kh/4")
    record = SourceRecord(key=label, digest="1", kind="catalog",
                          facts=[(d, "date", f"2019-0{n + 1}-01", label) for n, d in enumerate((a, b, c, x, y))])
    for src, rel, tgt in ((b, "implements", a), (c, "implements", b), (x, "implements", c), (x, "based_on", a),
                          (y, "implements", x)):
        record.edges.append(EdgeAssertion(src, Relation(rel), tgt, Provenance(src, label)))
    kb = KnowledgeBase()
    kb.add_record(record)
    tree = kb.chain(a, "down", depth=3)
    assert y in {n.id for n in tree.walk()}
    assert [n.id for n in tree.walk() if n.id == x and n.children] == [x]


def test_a_consolidated_texts_ending_edge_is_no_edge_of_the_kb() -> None:
    """A văn bản hợp nhất reproduces "Luật Đất đai số 45/2013/QH13 ... hết hiệu lực": the
    repeal is the 2024 law's, not the compiled text's. Neither `show`'s edges nor the RDF
    export carry the compiled text's copy."""
    from cancu.graph import rdf

    label = "catalog:test"
    law, vbhn, new = "qh/2013/45", "vpqh/2024/vbhn/1", "qh/2024/31"
    record = SourceRecord(key=label, digest="1", kind="catalog", facts=[
        (law, "doc_type", "Luật", label), (new, "doc_type", "Luật", label),
        (vbhn, "doc_type", "Văn bản hợp nhất", label), (vbhn, "symbol", "01/VBHN-VPQH", label)])
    for src in (vbhn, new):
        record.edges.append(EdgeAssertion(src, Relation.REPEALS, law, Provenance(src, label)))
    kb = KnowledgeBase()
    kb.add_record(record)
    assert [e.source for e in kb.edges_to(law)] == [new]
    assert kb.edge_count() == 1
    assert (rdf.doc_uri(vbhn), None, rdf.doc_uri(law)) not in rdf.build_graph(kb)
