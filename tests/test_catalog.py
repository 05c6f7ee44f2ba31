"""The shipped national catalog and its importer."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from cancu.graph import catalog
from cancu.graph.kb import KnowledgeBase
from cancu.graph.lint import lint
from cancu.graph.model import Relation
from cancu.graph.symbol import parse_symbol
from cancu.graph.text import mend_tone_slips
from conftest import CORPUS, need_shared

CANCU = Path(sys.executable).with_name("cancu")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    data = catalog.load_packaged_catalog()
    assert data is not None, "data/catalog.json.gz must ship with the package"
    kb = KnowledgeBase()
    catalog.import_catalog(kb, data)
    return kb


def test_packaged_catalog_is_compact() -> None:
    path = catalog.packaged_catalog_path()
    assert path.exists() and path.stat().st_size < 2 * 1024 * 1024


def test_catalog_documents_and_ids(kb: KnowledgeBase) -> None:
    assert len(kb) > 5000
    nd = kb.get("cp/2018/nd/61")
    assert nd is not None and nd.doc_type == "Nghị định" and nd.issuer == "CP"
    assert nd.date is not None and nd.date.isoformat() == "2018-04-23"
    law = kb.get("qh/2006/67")
    assert law is not None and law.title == "Công nghệ thông tin" and law.status == "Còn hiệu lực"
    # a law and a resolution of the National Assembly with the same number are two documents
    assert {kb.get(i).doc_type for i in kb.lookup("24/2008/QH12")} == {"Luật", "Nghị quyết"}  # type: ignore[union-attr]


@pytest.mark.parametrize(("written", "mended"), [
    ("Hỉệp định", "Hiệp định"), ("thuế tàỉ nguỵên", "thuế tài nguyên"), ("đốỉ với", "đối với"), ("chỉ tỉêu", "chỉ tiêu"),
    ("HỘỈ ĐỒNG", "HỘI ĐỒNG"), ("quỵền", "quyền"), ("kíệm", "kiệm"),
    # No slip: one toned letter, or two apart (words glued by the PDF, "tínhđối").
    ("chỉ tiêu", "chỉ tiêu"), ("thuỷ lợi", "thuỷ lợi"), ("tínhđối", "tínhđối"), ("khuyến", "khuyến")])
def test_a_tone_key_pressed_twice_is_mended(written: str, mended: str) -> None:
    assert mend_tone_slips(written) == mended


def test_no_title_of_the_shipped_catalog_has_two_tones_side_by_side(kb: KnowledgeBase) -> None:
    """34 titles of the pháp điển had a tone on the i or y beside a toned vowel ("bảo đảm
    tỉền vay"): shown broken, and no accented query word matched them."""
    slipped = [d.id for d in kb.documents() if d.title and mend_tone_slips(d.title) != d.title]
    assert not slipped, slipped[:5]
    assert "tiền vay" in (kb.get("btc/2015/tt/139").title or "")  # type: ignore[union-attr]


@pytest.mark.parametrize("written, mended", [("nhà nưóc", "nhà nước"), ("Hưóng dẫn", "Hướng dẫn"),
                                              ("Bộ trưỏng", "Bộ trưởng"), ("người", "người"), ("ƯU ĐÃI", "ƯU ĐÃI")])
def test_an_o_after_u_horn_gets_its_horn(written: str, mended: str) -> None:
    from cancu.graph.text import mend_horn_slips

    assert mend_horn_slips(written) == mended


def test_no_title_of_the_shipped_catalog_has_an_o_without_its_horn_after_u_horn(kb: KnowledgeBase) -> None:
    """"Hưóng dẫn về công khai ngân sách ... nhà nưóc" (61/2017/TT-BTC) went into copy-ready
    citations as the source wrote it (rev42)."""
    import re

    assert not [(d.id, d.title) for d in kb.documents() if re.search("[ưƯ][oóòỏõọ]", d.title or "")]


def test_a_number_naming_its_signer_overrides_a_sources_issuer_column(kb: KnowledgeBase) -> None:
    """The pháp điển files 12/2018/QĐ-TTg under "Chính phủ" and 113/2017/NĐ-CP under "Bộ Công
    Thương": a drafter copied "... của Chính phủ" for a Prime Minister's decision (rev42).
    The number names its signer; a law promulgated by the President ("23-L/CTN") stays the
    Assembly's, a department's number ("21-TC/TCT") its ministry's circular."""
    from cancu.graph.citation import format_citation

    decision = kb.get("ttg/2018/qd/12")
    assert decision is not None and decision.issuer == "TTg"
    assert "của Thủ tướng Chính phủ" in format_citation(decision), format_citation(decision)
    assert [kb.get(i).issuer for i in ("cp/2017/nd/113", "byt/2010/tt/32")] == ["CP", "BYT"]  # type: ignore[union-attr]
    law = next(d for d in kb.documents() if d.symbol == "23-L/CTN")
    assert law.issuer == "QH"


def test_no_title_of_the_shipped_catalog_mixes_cyrillic_lookalikes_into_a_word(kb: KnowledgeBase) -> None:
    """245/2025/NĐ-CP's title cited "155/2020/NĐ-СР" with Cyrillic letters; its copy-ready
    citation carried them (rev41)."""
    import re

    mixed = re.compile(r"[\w/-]*(?:[A-Za-zĐđ][\w/-]*[\u0410-\u044f]|[\u0410-\u044f][\w/-]*[A-Za-zĐđ])[\w/-]*")
    assert not [(d.id, m.group(0)) for d in kb.documents() for m in mixed.finditer(d.title or "")
                if any(ch in "АВЕКМНОРСТХаеорсух" for ch in m.group(0))]


def test_a_number_written_in_the_title_is_the_documents_symbol(kb: KnowledgeBase) -> None:
    """33 rows of the pháp điển have no symbol and a title "số 89/2015/NĐ-CP Sửa đổi ..."
    (with an Icelandic eth for Đ): the number is the symbol, the rest the title, and the
    document is found and cited by it."""
    nd = kb.get("cp/2015/nd/89")
    assert nd is not None and nd.symbol == "89/2015/NĐ-CP" and nd.doc_type == "Nghị định"
    assert nd.title and nd.title.startswith("Sửa đổi, bổ sung") and "Ð" not in nd.title
    assert not any((d.title or "").lower().startswith("số ") for d in kb.documents() if d.doc_type)
    assert catalog._symbol_in_title("", "số Không số Về Hàm, cấp ngoại giao") == ("", "Về Hàm, cấp ngoại giao")
    assert catalog._symbol_in_title("", "13/2014/TTLT-BNNPTNT-BKHĐT-BTC Hướng dẫn thực hiện") == (
        "13/2014/TTLT-BNNPTNT-BKHĐT-BTC", "Hướng dẫn thực hiện")
    assert catalog._symbol_in_title("", "số TTLT 13/2014/TTLT-BTC-BNV về việc") == ("13/2014/TTLT-BTC-BNV", "về việc")
    # A title citing a document after other words keeps it: it is no number of the row.
    assert catalog._symbol_in_title("", "số hóa hồ sơ theo 12/2020/NĐ-CP") == ("", "số hóa hồ sơ theo 12/2020/NĐ-CP")


@pytest.mark.parametrize("written,normalised", [
    ("Bộ công thương", "BCT"), ("Bộ Công Thương.", "BCT"), ("Uỷ ban Thường vụ Quốc hội", "UBTVQH"),
    ("Bộ Tài chính và Bộ Khoa học và Công nghệ", "BTC-BKHCN"), ("Thủ tướng Chính phủ", "TTg"),
])
def test_issuer_names_normalised_to_codes(written: str, normalised: str) -> None:
    assert catalog.normalise_issuer(written, None, catalog._issuer_index()) == normalised


def test_relations(kb: KnowledgeBase) -> None:
    counts: dict[Relation, int] = {}
    for e in kb.edges():
        counts[e.relation] = counts.get(e.relation, 0) + 1
    assert counts[Relation.AMENDS] > 900  # one edge per pair; several notes add provenance
    # content links become `guides` within one đề mục or with several links (1,681 pairs
    # of a law and a lower document: 876 guides, the rest one or two cross-subject links or
    # links to a law passed after the document; 988 before session 21 counted 112 of those)
    assert counts[Relation.GUIDES] > 850
    # the pháp điển's guides point from the decree/circular to the law (a title may name a
    # decree: test_a_title_saying_what_it_details_guides_that_document)
    phapdien = [e for e in kb.edges(Relation.GUIDES) if e.provenance[0].source == "catalog:phapdien"]
    assert len(phapdien) > 850
    for e in phapdien[:200]:
        assert kb.get(e.source).doc_type in catalog.GUIDING_TYPES  # type: ignore[union-attr]
        assert kb.get(e.target).doc_type in catalog.LAW_TYPES  # type: ignore[union-attr]
    # ... and never to a law passed after the document (see test_a_content_link_to_a_later_law_is_no_guidance).
    for e in phapdien:
        lower, law = kb.get(e.source), kb.get(e.target)
        assert lower is not None and law is not None
        assert not (lower.date and law.date and lower.date < law.date), (e.source, e.target)


def test_a_content_link_to_a_later_law_is_no_guidance(kb: KnowledgeBase) -> None:
    """Nghị định 63/2010/NĐ-CP on controlling administrative procedures is linked by the
    pháp điển to Luật Ban hành văn bản quy phạm pháp luật 2015 by content. It does not
    detail a law passed five years later: had it, it would have ended with that law on
    01/4/2025, and a draft of 2026 citing it (in force) would be told so."""
    decree, law = "cp/2010/nd/63", "qh/2015/80"
    assert kb.get(decree) is not None and kb.get(law) is not None
    relations = {e.relation for e in kb.edges_from(decree) if e.target == law} | \
        {e.relation for e in kb.edges_from(law) if e.target == decree}
    assert Relation.GUIDES not in relations and relations, relations
    report = lint(kb, "Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ về kiểm soát thủ tục hành chính;",
                  as_of=dt.date(2026, 1, 15))
    [citation] = report.citations
    assert citation.id == decree and not citation.problems, [p.message for p in citation.problems]


def test_statuses_and_replacement(kb: KnowledgeBase) -> None:
    statuses = {d.status for d in kb.documents()}
    assert {"Còn hiệu lực", "Hết hiệu lực một phần", "Chưa có hiệu lực"} <= statuses
    replaced = [e for e in kb.edges(Relation.REPLACES)]
    assert replaced
    for e in replaced:
        older, newer = kb.get(e.target), kb.get(e.source)
        assert older is not None and newer is not None and newer.date is not None
        # A replaced document known by number only (110/2013/NĐ-CP) is older by its symbol's year.
        older_year = older.date.year if older.date else parse_symbol(older.symbol or "").year  # type: ignore[union-attr]
        assert older.date < newer.date if older.date else older_year < newer.date.year, (e.source, e.target)


def test_name_lookup_of_laws(kb: KnowledgeBase) -> None:
    assert kb.lookup("Luật Công nghệ thông tin") == ["qh/2006/67"]
    assert kb.lookup("luat cong nghe thong tin") == ["qh/2006/67"]


def test_reimport_unchanged_catalog_is_a_no_op(kb: KnowledgeBase) -> None:
    version = kb.version
    data = catalog.load_packaged_catalog()
    assert data is not None
    assert catalog.import_catalog(kb, data).unchanged
    assert kb.version == version


def test_build_is_deterministic_and_matches_shipped(tmp_path: Path) -> None:
    corpus = need_shared(CORPUS)
    out = tmp_path / "catalog.json.gz"
    counts = catalog.build_catalog(corpus, out)
    assert counts["documents"] > 5200 and counts["bytes"] < 5 * 1024 * 1024
    assert catalog.read_catalog(out) == catalog.load_packaged_catalog(), \
        "data/catalog.json.gz is stale: run `cancu catalog build ../shared/corpus`"


def test_cli_catalog_build(tmp_path: Path) -> None:
    corpus = need_shared(CORPUS)
    out = tmp_path / "c.json.gz"
    proc = subprocess.run([str(CANCU), "catalog", "build", str(corpus), "-o", str(out)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "văn bản" in proc.stdout and out.exists()
    bad = subprocess.run([str(CANCU), "catalog", "build", str(tmp_path), "-o", str(out)],
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "Không tìm thấy" in bad.stderr and "Traceback" not in bad.stderr


def test_topics_and_cross_subject_links(kb: KnowledgeBase) -> None:
    """Each document keeps its pháp điển đề mục; a circular linked to a law of another đề
    mục by one or two articles cites it, a decree of the law's own đề mục guides it."""
    fee = kb.get("btc/2016/tt/160")
    assert fee is not None and fee.topics == ["33.3 Phí và lệ phí"]
    elderly_law = next(i for i in kb.lookup("Luật Người cao tuổi"))
    relations = {e.relation for e in kb.edges_from("btc/2016/tt/160") if e.target == elderly_law}
    assert relations == {Relation.CITES}
    guided = {e.target for e in kb.edges_from("cp/2011/nd/6") if e.relation is Relation.GUIDES}
    assert elderly_law in guided
    assert kb.get(elderly_law).topics == kb.get("cp/2011/nd/6").topics == ["6.2 Người cao tuổi"]  # type: ignore[union-attr]


def test_a_title_saying_what_it_details_guides_that_document(kb: KnowledgeBase) -> None:
    """"Hướng dẫn thi hành một số quy định của Nghị định số 61/2018/NĐ-CP" guides that decree,
    and "Quy định chi tiết một số điều của Luật Biên giới quốc gia" (2004) the law of that
    name in force then, though no pháp điển pair links them: the chain shows the circular
    under the decree, and a document detailing another lapses with it."""
    def guided(doc_id: str) -> dict[str, str]:
        return {e.target: p.sentence or "" for e in kb.edges_from(doc_id) if e.relation is Relation.GUIDES
                for p in e.provenance if p.source == "catalog:title"}

    assert "cp/2018/nd/61" in guided("vpcp/2018/tt/1")
    border_law = guided("cp/2004/nd/140")
    assert "qh/2003/6" in border_law and border_law["qh/2003/6"].startswith("trích yếu: Quy định chi tiết")
    # Both documents of "Hướng dẫn thi hành Luật Thuế giá trị gia tăng và Nghị định số 209/2013/NĐ-CP".
    assert {"qh/2008/13", "cp/2013/nd/209"} <= set(guided("btc/2013/tt/219"))
    # The version in force then, though the catalog's title repeats the type ("Luật Quản lý
    # thuế" 38/2019/QH14), not the 2006 law.
    assert set(guided("cp/2020/nd/126")) == {"qh/2019/38"}


def test_recent_laws_from_the_corpus_manifest(kb: KnowledgeBase) -> None:
    """The pháp điển snapshot predates the 2025 laws; the corpus manifest adds them with
    their date and name, and the replacement rule follows."""
    law = kb.get("qh/2025/65")
    assert law is not None and law.date is not None and law.date.isoformat() == "2025-02-19"
    assert law.doc_type == "Luật" and law.issuer == "QH" and law.issuer_name == "Quốc hội"
    assert law.title == "TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG"
    assert any(e.source == "qh/2025/65" for e in kb.edges_to("qh/2015/77") if e.relation is Relation.REPLACES)
    # "ĐẤT ĐAI SỐ 24-L/CTN NGÀY 14/07/1993 CỦA QUỐC HỘI": the name only
    old = [kb.get(i) for i in kb.lookup("24-L/CTN")]
    assert [d.title for d in old if d is not None] == ["ĐẤT ĐAI"]
    # a province's decision (1056/QĐ-CT) is left out: the manifest does not say which province
    assert not [d for d in kb.documents() if d.symbol == "1056/QĐ-CT"]


def test_facts_the_phap_dien_lacks_come_from_the_corpus_citations(kb: KnowledgeBase) -> None:
    """251 pháp điển rows have no title or date; the căn cứ of the corpus texts give them
    ("Căn cứ Luật Quy hoạch ngày 24 tháng 11 năm 2017"), so a citation names the law."""
    from cancu.graph.citation import format_citation

    plan = kb.get("qh/2017/21")
    assert plan is not None and plan.title == "Quy hoạch"
    assert plan.date is not None and plan.date.isoformat() == "2017-11-24"
    assert format_citation(plan).startswith("Luật Quy hoạch ngày 24 tháng 11 năm 2017")
    fees = kb.get("cp/2016/nd/120")
    assert fees is not None and fees.date is not None and fees.date.isoformat() == "2016-08-23"
    assert fees.title == "quy định chi tiết và hướng dẫn thi hành một số điều của Luật Phí và lệ phí"
    # with its date known, Luật Đất đai 2013 takes its place in the chain of land laws
    assert {e.source for e in kb.edges_to("qh/2013/45") if e.relation is Relation.REPLACES} == {"qh/2024/31"}
    # a subject ends before the citing text's note on the document's entry into force
    amending = kb.get("qh/2025/88")
    assert amending is not None and "hiệu lực" not in (amending.title or "")


def test_amending_laws_of_one_title_are_not_versions(kb: KnowledgeBase) -> None:
    """Two laws amending the same law share a title; neither replaces the other."""
    replaced = {e.target for e in kb.edges(Relation.REPLACES)}
    for doc_id in replaced:
        doc = kb.get(doc_id)
        assert doc is not None and not (doc.title or "").casefold().startswith(("sửa đổi", "bổ sung")), doc_id


def _older_installation(path: Path) -> KnowledgeBase:
    """A KB as an older installation left it: the shipped catalog without 63/2025/QH15, and
    a plan the user ingested."""
    from cancu.graph.kb import PACKAGED_CATALOG_SOURCE
    from cancu.ingest.extract import extract_text

    data = catalog.load_packaged_catalog()
    assert data is not None
    symbol_at = data["fields"].index("symbol")
    old_rows = [r for r in data["documents"] if r[symbol_at] != "63/2025/QH15"]
    keep = {id(r): n for n, r in enumerate(old_rows)}
    renumber = {n: keep[id(r)] for n, r in enumerate(data["documents"]) if id(r) in keep}
    older = {**data, "documents": old_rows,
             "relations": [[renumber[a], rel, renumber[b], note] for a, rel, b, note in data["relations"]
                           if a in renumber and b in renumber]}
    kb = KnowledgeBase(path)
    catalog.import_catalog(kb, older, source=PACKAGED_CATALOG_SOURCE)
    plan = "ỦY BAN NHÂN DÂN TỈNH QUẢNG NGÃI\nSố: 77/KH-UBND\nKẾ HOẠCH\nThực hiện Nghị định số 61/2018/NĐ-CP\n"
    kb.add_extraction(extract_text(plan, file="plan.txt"), source_file="plan.txt")
    kb.save()
    assert kb.lookup("63/2025/QH15") == []
    return kb


def test_a_kb_of_an_older_installation_gets_the_shipped_catalog(tmp_path: Path) -> None:
    """A KB built from an older package keeps working after an upgrade and gets the new
    catalog on its next open: the documents the old one lacked (Luật Tổ chức Chính phủ
    63/2025/QH15, replacing 76/2015/QH13), while what the user ingested stays."""
    from cancu.graph.kb import open_kb

    _older_installation(tmp_path)
    upgraded = open_kb(tmp_path)
    [law] = upgraded.lookup("63/2025/QH15")
    assert upgraded.get(law).date is not None
    assert any(e.relation is Relation.REPLACES and e.target == "qh/2015/76" for e in upgraded.edges_from(law))
    assert any(r.key.endswith("plan.txt") for r in upgraded.sources())
    version = upgraded.version
    assert open_kb(tmp_path).version == version  # the stamp is kept: no second import


def test_a_locked_kb_is_served_as_it_is_and_refreshed_later(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """While an ingest holds the KB's lock, a reader does not fail: it gets the KB as it is,
    with a warning, and the catalog is refreshed at a later open."""
    from cancu.graph import kb as kbmod
    from cancu.graph import store

    _older_installation(tmp_path)
    monkeypatch.setattr(kbmod, "CATALOG_REFRESH_WAIT_S", 0.2)
    with store.kb_lock(tmp_path):
        busy = kbmod.open_kb(tmp_path)
    assert busy.lookup("63/2025/QH15") == []
    assert any("danh mục" in w for w in busy.warnings), busy.warnings
    assert kbmod.open_kb(tmp_path).lookup("63/2025/QH15")


def test_entry_into_force_from_the_final_article_of_the_corpus_texts(kb: KnowledgeBase) -> None:
    """"Luật này có hiệu lực thi hành từ ngày 01 tháng 3 năm 2025": the catalog knows when a
    law of 2025 took effect, so a decree signed between its passing and that day still
    rests on the law it replaced."""
    law = kb.get("qh/2025/65")
    assert law is not None and law.effective_date is not None
    assert law.effective_date.isoformat() == "2025-03-01"
    assert catalog._effective_date("Điều 10. Quyết định này có hiệu lực kể từ ngày ký.", "Quyết định",
                                   "2015-07-31") == "2015-07-31"
    # an amending law quotes the article it rewrites before its own final one
    text = ("Điều 1. ... “Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2013.” ... Điều 3. "
            "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2015.")
    assert catalog._effective_date(text, "Luật", None) == "2015-01-01"
    # one article's own date is not the law's
    text = ("Điều 252. Hiệu lực thi hành 1. Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2025. "
            "2. Điều 190 và Điều 248 của Luật này có hiệu lực thi hành từ ngày 01 tháng 4 năm 2024.")
    assert catalog._effective_date(text, "Luật", None) == "2025-01-01"


def test_the_corpus_documents_bases_ship_with_the_catalog(kb: KnowledgeBase) -> None:
    """The căn cứ of the corpus texts are in the catalog, so an installation learns from
    them without ../shared: Nghị định 102/2024/NĐ-CP rests on Luật Đất đai 2024 and on Luật
    Tổ chức Chính phủ (cited by name, resolved to the version in force at its date)."""
    bases = {e.target: e for e in kb.edges_from("cp/2024/nd/102") if e.relation is Relation.BASED_ON}
    assert {"qh/2024/31", "qh/2015/76"} <= set(bases), sorted(bases)
    prov = bases["qh/2015/76"].provenance[0]
    assert prov.source == "catalog:corpus" and "Luật Tổ chức Chính phủ" in (prov.sentence or "")
    # A law whose name owns the type word ("Luật Luật sư") is found by that name as well as
    # one whose catalog title repeats it ("Luật Quản lý thuế").
    lawyers = {e.target for e in kb.edges_from("cp/2020/nd/82") if e.relation is Relation.BASED_ON}
    assert "qh/2006/65" in lawyers
    assert "qh/2019/38" in {e.target for e in kb.edges_from("cp/2020/nd/128") if e.relation is Relation.BASED_ON}


def test_the_endings_the_corpus_texts_state_ship_with_the_catalog(kb: KnowledgeBase) -> None:
    """What a text with a full text ends in its body ("Bãi bỏ Nghị định số 44/2025/NĐ-CP",
    "Nghị định này thay thế Nghị định số 102/2017/NĐ-CP") is an edge of the catalog, and
    44/2025 is out of force after 248/2025 took effect; an act on a part of a document
    ("bãi bỏ khoản tại Nghị định số 125/2020/NĐ-CP") ends none."""
    def ends(src: str, tgt: str) -> bool:
        return any(e.target == tgt and e.relation in (Relation.REPEALS, Relation.REPLACES)
                   for e in kb.edges_from(src))

    assert ends("cp/2025/nd/248", "cp/2025/nd/44") and ends("cp/2022/nd/99", "cp/2017/nd/102")
    assert ends("qh/2020/59", "qh/2014/68")  # "Luật Doanh nghiệp số 68/2014/QH13 hết hiệu lực ..."
    assert kb.status("cp/2025/nd/44", on=dt.date(2025, 12, 1)) == "Hết hiệu lực toàn bộ"
    assert not ends("cp/2021/nd/102", "cp/2020/nd/125") and not ends("cp/2024/nd/115", "cp/2024/nd/23")


def test_an_ending_reaches_a_law_the_corpus_knows_by_number_only(kb: KnowledgeBase) -> None:
    """"Luật Quy hoạch đô thị số 30/2009/QH12 đã được sửa đổi, bổ sung ... hết hiệu lực" (Luật
    47/2024/QH15, Điều 58): the catalog knows 30/2009/QH12 only from citations, without a
    date; its symbol's year tells it was issued before. Search and `show` called it current
    while lint, from the newer law's name, knew better."""
    def ends(src: str, tgt: str) -> bool:
        return any(e.target == tgt and e.relation in (Relation.REPEALS, Relation.REPLACES)
                   for e in kb.edges_from(src))

    assert ends("qh/2024/47", "qh/2009/30") and ends("qh/2020/72", "qh/2014/55")
    assert kb.status("qh/2009/30", on=dt.date(2026, 1, 1)) == "Hết hiệu lực toàn bộ"
    assert kb.status("qh/2009/30", on=dt.date(2025, 1, 1)) != "Hết hiệu lực toàn bộ"  # in force until 01/7/2025


@pytest.mark.parametrize("example", catalog.vocab.load_table("cite_words.json")["partial_acts"]["examples"],
                         ids=lambda e: e["before"][:30])
def test_words_of_a_partial_act(example: dict[str, object]) -> None:
    assert catalog.vocab.partial_act(str(example["before"])) is example["partial"]


def test_the_supplement_brings_the_2025_law_on_legal_documents_and_its_replacement(kb: KnowledgeBase) -> None:
    """data/catalog_supplement.json adds what the corpora lack and the shared docs state:
    Luật 64/2025/QH15 replaced Luật 80/2015/QH13 on 01/4/2025, so a draft of 2026 is told so
    and one of 2024 is not. Every row says where its facts come from."""
    from cancu.graph import vocab

    rows = vocab.load_table("catalog_supplement.json")["laws"]
    assert rows and all(r.get("source") and r.get("issued_date") and r.get("official_number") for r in rows)
    new = kb.get("qh/2025/64")
    assert new is not None and new.doc_type == "Luật" and str(new.effective_date) == "2025-04-01"
    ended = [e for e in kb.edges_to("qh/2015/80") if e.relation is Relation.REPLACES]
    assert [e.source for e in ended] == ["qh/2025/64"]
    assert kb.status("qh/2015/80", on=dt.date(2026, 1, 1)) != kb.status("qh/2015/80", on=dt.date(2024, 1, 1))


def test_census_rows_fill_gaps_and_never_rename_a_known_law(kb: KnowledgeBase) -> None:
    """The census is a second source. It fills what the pháp điển notes leave empty (Luật
    Luật sư 65/2006/QH11 is a bare number there); its aliases go to the document of its
    type (93/2015/QH13 is a resolution and a law); a row whose number the full text gives
    to another law ("Luật Công chứng 2024" as 43/2024/QH15, the land-law amendment of
    29/6/2024) changes nothing and is listed as a conflict."""
    from cancu.graph.citation import format_citation

    lawyers = kb.get("qh/2006/65")
    assert lawyers is not None and lawyers.date is not None and lawyers.date.isoformat() == "2006-06-29"
    assert format_citation(lawyers, first=False) == "Luật Luật sư"
    same_number = {d.doc_type: d for d in (kb.get(i) for i in kb.lookup("93/2015/QH13")) if d is not None}
    assert set(same_number) == {"Luật", "Nghị quyết"}
    assert "Luật Tố tụng hành chính 2015" in same_number["Luật"].aliases
    assert not same_number["Nghị quyết"].aliases
    amending = kb.get("qh/2024/43")
    assert amending is not None and not any("Công chứng" in a for a in amending.aliases)
    # its heading numbers the four laws it amends; the name cites them without numbers
    assert format_citation(amending, first=False) == (
        "Luật sửa đổi, bổ sung một số điều của Luật Đất đai, Luật Nhà ở, Luật Kinh doanh bất động sản "
        "và Luật Các tổ chức tín dụng")
    data = catalog.load_packaged_catalog()
    assert data is not None and data["census_conflicts"] == ["43/2024/QH15"]


def test_entry_into_force_stated_by_other_texts(kb: KnowledgeBase) -> None:
    """Luật Tổ chức Chính phủ 63/2025/QH15 has no full text in the corpus; texts that cite
    it note "Luật Tổ chức Chính phủ 2025 có hiệu lực từ ngày 01/03/2025". Of two laws of one
    name and year (Luật Tổ chức chính quyền địa phương 65/2025 and 72/2025) such a note
    names neither, so 72/2025 gets no date from them."""
    law = kb.get("qh/2025/63")
    assert law is not None and law.effective_date is not None and law.effective_date.isoformat() == "2025-03-01"
    later = kb.get("qh/2025/72")
    assert later is not None and later.effective_date is None


def test_entry_into_force_moved_by_an_amending_law(kb: KnowledgeBase) -> None:
    """Luật 43/2024/QH15 (29/6/2024) rewrote the final articles of Luật Đất đai 2024, Luật Nhà
    ở 2023 and Luật Kinh doanh bất động sản 2023: “1. Luật này có hiệu lực thi hành từ ngày 01
    tháng 8 năm 2024”. Their own texts had said 01/01/2025. Luật Các tổ chức tín dụng 2024 had
    only two clauses moved ("Khoản 3 Điều 200 ... của Luật này"): its own date stays."""
    for law_id in ("qh/2024/31", "qh/2023/27", "qh/2023/29"):
        law = kb.get(law_id)
        assert law is not None and law.effective_date is not None
        assert law.effective_date.isoformat() == "2024-08-01", law_id
    credit = kb.get("qh/2024/32")
    assert credit is None or credit.effective_date is None or credit.effective_date.isoformat() != "2024-08-01"


def test_an_amended_entry_into_force_goes_to_the_law_whose_clause_it_is() -> None:
    """An article amending several laws names each before its clauses: the quoted "Luật này
    có hiệu lực ..." after "Luật B số ..." is B's, not A's, whose heading came first."""
    text = ("Điều 57. Sửa đổi, bổ sung một số điều của các luật có liên quan 1. Sửa đổi Luật A số 10/2010/QH12 "
            "như sau: ... 2. Sửa đổi, bổ sung Điều 5 của Luật B số 20/2011/QH12: “1. Luật này có hiệu lực thi hành "
            "từ ngày 01 tháng 8 năm 2024.”")
    docs = [{"symbol": "10/2010/QH12", "doc_type": "Luật", "date": "2010-06-01", "effective_date": "2025-01-01"},
            {"symbol": "20/2011/QH12", "doc_type": "Luật", "date": "2011-06-01", "effective_date": "2025-01-01"}]
    corpus = [catalog._CorpusText({"issue_date": "2024-06-29", "file": "x.txt"}, text, 0, None)]  # type: ignore[arg-type]
    catalog._amended_effective_dates(corpus, docs, {"10/2010/QH12": [0], "20/2011/QH12": [1]})
    assert docs[0]["effective_date"] == "2025-01-01"


def test_the_article_headings_of_the_laws_with_a_full_text(kb: KnowledgeBase) -> None:
    """A law's headings say what it regulates where its title names only its field: Điều 471
    of Bộ luật Dân sự 2015 is "Họ, hụi, biêu, phường", Điều 190 of Luật Đất đai 2024 "Hoạt
    động lấn biển". The crawl's notes are no part of a heading. Luật Ngân sách nhà nước 2015
    has no full text in the corpus, only consolidated ones, which lend it their headings."""
    civil = kb.get("qh/2015/91")
    assert civil is not None and "Điều 471. Họ, hụi, biêu, phường" in civil.headings
    assert civil.headings.index("Điều 470. Thực hiện hợp đồng vay có kỳ hạn") < civil.headings.index(
        "Điều 471. Họ, hụi, biêu, phường")
    land = kb.get("qh/2024/31")
    assert land is not None and "Điều 190. Hoạt động lấn biển" in land.headings
    budget = kb.get("qh/2015/83")
    assert budget is not None and "Điều 5. Phạm vi ngân sách nhà nước" in budget.headings
    every = [h for d in kb.documents() for h in d.headings]
    assert len(every) > 5000
    assert not [h for h in every if "[" in h or not h.startswith("Điều ")]
    decree = kb.get("cp/2018/nd/61")
    assert decree is not None and decree.headings == []  # decrees have no headings here
    # The consolidated Luật Thuế sử dụng đất phi nông nghiệp quotes Điều 253 of Luật Đất
    # đai 2024 in a note: no article of its own. Luật Đất đai 2003 puts the heading of its
    # last article on the line after "Điều 146.".
    land_tax = kb.get("qh/2010/48")
    assert land_tax is not None and land_tax.headings[-1].startswith("Điều 13.")
    old_land = kb.get("qh/2003/13")
    assert old_land is not None and old_land.headings[-1] == "Điều 146. Hướng dẫn thi hành"


def test_article_headings_from_texts_and_consolidated_texts() -> None:
    """A heading ends its line, at the start of it or after a sentence of a crawl that ran
    lines together; "Điều 172 của Luật này." is a reference; a heading on the line after
    "Điều 4." is read there. Articles follow each other: a consolidated text's note quoting
    Điều 253 of another law is left out, and its added article "Điều 2a" joins the law's
    own. A consolidated text lends its headings to the law it names by number only if that
    law has its name: a typo in the number ("15/2012/QH11" for Luật Xử lý vi phạm hành
    chính 15/2012/QH13) names nothing or another law."""
    law = ("LUẬT A\nCăn cứ Hiến pháp;\nChương I\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về A.\n"
           "Luật A 2020. Điều 2. Giải thích từ ngữ [1]\nTheo Điều 172 của Luật này.\nĐiều 172 của Luật này.\n"
           "Điều 3. Họ, hụi [Điều này được hướng dẫn bởi Nghị định 19/2019/NĐ-CP]\nĐiều 4.\nHiệu lực thi hành\n")
    consolidated = ("VĂN BẢN HỢP NHẤT\nLUẬT A Luật A số 10/2020/QH14 ngày 1 tháng 6 năm 2020 được sửa đổi bởi:\n"
                    "Điều 1. Phạm vi điều chỉnh\nĐiều 2. Giải thích từ ngữ\nĐiều 2a. Nội dung mới\n"
                    "[2] Điều 253 của Luật Đất đai được sửa đổi như sau:\nĐiều 253. Quy định chuyển tiếp\n"
                    "Điều 3. Họ, hụi\n")
    misnumbered = "LUẬT A Luật A số 11/2020/QH14 ngày ...\nĐiều 1. Không của B\n"
    docs = [{"symbol": "10/2020/QH14", "doc_type": "Luật", "title": "Luật A"},
            {"symbol": "11/2020/QH14", "doc_type": "Luật", "title": "B"}]
    corpus = [catalog._CorpusText({"doc_type": "Luật", "symbol": "10/2020/QH14"}, law, 0, None),  # type: ignore[arg-type]
              catalog._CorpusText({"doc_type": "Văn bản hợp nhất", "title": "LUẬT A"}, consolidated, 0, None),  # type: ignore[arg-type]
              catalog._CorpusText({"doc_type": "Văn bản hợp nhất", "title": "LUẬT A"}, misnumbered, 0, None)]  # type: ignore[arg-type]
    catalog._law_headings(corpus, docs, {"10/2020/QH14": [0], "11/2020/QH14": [1]})
    assert docs[0]["headings"] == ["Điều 1. Phạm vi điều chỉnh", "Điều 2. Giải thích từ ngữ", "Điều 3. Họ, hụi",
                                   "Điều 4. Hiệu lực thi hành", "Điều 2a. Nội dung mới"]
    assert "headings" not in docs[1]


@pytest.mark.parametrize(("written", "issuer", "completed"), [
    ("159/2006/NĐ", "CP", "159/2006/NĐ-CP"),
    ("68/2015/TT", "BTNMT", "68/2015/TT-BTNMT"),
    ("21/2008/TTLT", "BQP-BLĐTBXH-BTC", "21/2008/TTLT-BQP-BLĐTBXH-BTC"),
    ("11/2015/TTLT", "BLĐTBXH", None),  # one body of a joint circular may be the first of several
    ("09/2008/NQLT", "CP", None),  # a joint resolution likewise
    ("61/2018/NĐ-CP", "CP", None),  # whole already
    ("12/2016/TT", None, None),
])
def test_a_symbol_cut_before_its_issuer_is_completed_from_the_issuer_column(written: str, issuer: str | None,
                                                                           completed: str | None) -> None:
    """The pháp điển writes some symbols without their issuer ("159/2006/NĐ"): a citation
    of Nghị định 159/2006/NĐ-CP must find the row."""
    from cancu.graph.catalog import _with_issuer
    from cancu.graph.symbol import parse_symbol

    sym = parse_symbol(written)
    assert sym is not None
    assert _with_issuer(sym, issuer) == completed
