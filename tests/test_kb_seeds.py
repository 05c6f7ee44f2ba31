"""Issue #4, Done-when: both seeds through the real extractor give the Phụ lục III graph.

Everything here is what a user sees with `cancu show/chain/cited-by/sparql` after
`cancu ingest` of the two seeds; the CLI tests run the real `cancu` executable."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from cancu.graph import rdf
from cancu.graph.kb import KnowledgeBase
from cancu.graph.model import Relation
from conftest import SEED_APPENDIX, SEED_PLAN, need_shared

extract = pytest.importorskip("cancu.ingest.extract")
CANCU = Path(sys.executable).with_name("cancu")
PLAN_ID = "file/000-42d6680bc939e224"
QN = "ubnd.quang-ngai"

# Phụ lục III: central document -> the Quảng Ngãi documents in its "(Tỉnh Quảng Ngãi: ...)".
APPENDIX_III = {
    "ttg/2017/ct/16": [f"{QN}/2017/kh/6669"],
    "cp/2020/nq/50": [f"{QN}/2020/kh/66"],
    "tw/2019/kl/50": [f"{QN}/2019/kh/151"],
    "tw/2019/kl/52": [f"{QN}/2019/kh/156"],
    "ttg/2018/qd/950": [f"{QN}/2018/cv/5024"],
    "cp/2019/nq/2": [f"{QN}/2019/qd/214"],
    "cp/2019/nq/17": [f"{QN}/2019/kh/61"],
    "ttg/2015/qd/1819": [f"{QN}/2016/qd/916"],
    "ttg/2018/qd/28": [f"{QN}/2018/cv/5781"],
    "cp/2018/nd/61": [f"{QN}/2018/cv/3526", f"{QN}/2018/qd/1523"],
    "cp/2019/nd/9": [f"{QN}/2019/kh/73"],
    "ttg/2019/qd/274": [f"{QN}/2019/cv/2069"],
    "vpcp/2020/tb/139": [f"{QN}/2020/cv/1624", f"{QN}/2020/cv/2148", f"{QN}/2020/cv/3323"],
}
# Listed in Phụ lục III without a provincial document.
APPENDIX_III_ONLY_CITED = ["cp/2007/nd/64", "cp/2019/nd/73", "ttg/2016/qd/225", "cp/2011/nq/30c",
                           "cp/2016/nq/73", "ttg/2018/qd/153", "ttg/2018/qd/877", "ttg/2017/qd/559"]


def ingest(kb: KnowledgeBase, path: Path) -> None:
    text = need_shared(path).read_text(encoding="utf-8")
    kb.add_extraction(extract.extract_text(text, file=path.name), source_file=path)


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    ingest(kb, SEED_PLAN)
    ingest(kb, SEED_APPENDIX)
    return kb


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A KB directory made by the real CLI: `cancu ingest` of both seeds."""
    directory = tmp_path_factory.mktemp("kb")
    proc = run_cli("ingest", str(need_shared(SEED_PLAN)), str(need_shared(SEED_APPENDIX)), "--kb", str(directory))
    assert proc.returncode == 0, proc.stderr
    assert "trích dẫn" in proc.stdout and "nút mới" in proc.stdout
    return directory


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CANCU_HOME": "/nonexistent-do-not-use"}
    return subprocess.run([str(CANCU), *args], capture_output=True, text=True, timeout=300, env=env)


@pytest.mark.parametrize("central", sorted(APPENDIX_III))
def test_appendix_iii_implements_edges(kb: KnowledgeBase, central: str) -> None:
    assert kb.get(central) is not None, f"{central} listed in Phụ lục III is missing"
    implementers = {e.source for e in kb.edges_to(central) if e.relation is Relation.IMPLEMENTS}
    for provincial in APPENDIX_III[central]:
        assert provincial in implementers, f"{provincial} should implement {central}"
        doc = kb.get(provincial)
        assert doc is not None and doc.province == "Quảng Ngãi"


@pytest.mark.parametrize("central", APPENDIX_III_ONLY_CITED)
def test_appendix_iii_other_central_documents_present(kb: KnowledgeBase, central: str) -> None:
    assert kb.get(central) is not None
    assert kb.cited_by(central)


def test_party_plan_implements_the_party_resolution_or_the_programme(kb: KnowledgeBase) -> None:
    # "Nghị quyết 50/NQ-CP ... thực hiện Nghị quyết số 52-NQ/TW ... (Tỉnh Quảng Ngãi: Kế hoạch số
    # 271-KH/TU của Ban Thường vụ Tỉnh ủy; Kế hoạch số 66/KH-UBND)": the Tỉnh ủy's plan carries out
    # the Party resolution, the UBND's plan the Government's programme. Either reading is right.
    targets = {e.target for e in kb.edges_from("tu.quang-ngai/2020/kh/271") if e.relation is Relation.IMPLEMENTS}
    assert targets & {"cp/2020/nq/50", "tw/2019/nq/52"}


def test_party_documents_are_cited_as_issued_by_the_body_the_citing_texts_name(kb: KnowledgeBase) -> None:
    """The appendix cites 52-NQ/TW "của Bộ Chính trị" and 50-KL/TW "của Ban Bí thư"; the
    code TW alone would make every copy-ready citation say "Ban Chấp hành Trung ương Đảng"."""
    from cancu.graph.citation import format_citation

    assert "ngày 27/9/2019 của Bộ Chính trị về" in format_citation(kb.get("tw/2019/nq/52"))
    assert "ngày 30/5/2019 của Ban Bí thư về" in format_citation(kb.get("tw/2019/kl/50"))


def test_a_party_documents_issuer_is_the_name_most_citing_texts_agree_on() -> None:
    from cancu.graph.citation import format_citation

    kb = KnowledgeBase()
    names = ["Bộ Chính trị", "Ban Chấp hành Trung ương", "Bộ Chính trị"]
    for k, name in enumerate(names):
        text = (f"ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: {k + 1}/KH-UBND\nQuảng Ngãi, ngày 05 tháng 3 năm 2025\n\n"
                f"KẾ HOẠCH\nThử\n\nThực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của {name} về đột phá "
                "phát triển khoa học, công nghệ;\n")
        kb.add_extraction(extract.extract_text(text, file=f"kh{k}.txt"))
    assert "ngày 22/12/2024 của Bộ Chính trị về" in format_citation(kb.get("tw/2024/nq/57"))
    cited_tw = KnowledgeBase()
    cited_tw.add_extraction(extract.extract_text("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 về đột phá;",
                                                 file="bare.txt"))
    assert "ngày 22/12/2024 của Ban Chấp hành Trung ương Đảng về" in format_citation(cited_tw.get("tw/2024/nq/57"))


def test_two_plans_151_are_two_nodes(kb: KnowledgeBase) -> None:
    a, b = kb.get(f"{QN}/2020/kh/151"), kb.get(f"{QN}/2019/kh/151")
    assert a is not None and b is not None
    assert a.date.isoformat() == "2020-12-21" and b.date.isoformat() == "2019-12-09"  # type: ignore[union-attr]
    assert sorted(kb.lookup("151/KH-UBND")) == [f"{QN}/2019/kh/151", f"{QN}/2020/kh/151"]


def test_17_nq_cp_is_one_node_with_date_conflict(kb: KnowledgeBase) -> None:
    assert [d.id for d in kb.documents() if d.symbol == "17/NQ-CP"] == ["cp/2019/nq/17"]
    doc = kb.get("cp/2019/nq/17")
    assert doc is not None and doc.date.isoformat() == "2019-03-07"  # type: ignore[union-attr]
    assert set(doc.conflicts()["date"]) == {"2019-03-07", "2020-03-09"}


def test_seed_plan_edges_per_task(kb: KnowledgeBase) -> None:
    def bases(task_no: str) -> set[str]:
        return {e.target for e in kb.edges_from(PLAN_ID) if e.relation is Relation.BASED_ON
                for p in e.provenance if p.task and p.task.startswith(task_no + ".")}

    out = {(e.relation, e.target) for e in kb.edges_from(PLAN_ID)}
    assert (Relation.IMPLEMENTS, f"{QN}/2020/kh/151") in out  # "Thực hiện Kế hoạch số 151/KH-UBND ..."
    assert bases("1") == {f"{QN}/2021/qd/1066"}
    assert bases("2") == {f"{QN}/2016/qd/26"}
    assert bases("3") == bases("4") == {f"{QN}/2020/kh/151"}
    assert bases("5") == bases("6") == bases("7") == {f"{QN}/2019/qd/1571"}
    assert bases("8") == {"cp/2018/nd/61", "vpcp/2018/tt/1"}
    # nested: the plan's objectives name what 61/KH-UBND and 154/KH-UBND implement
    assert any(e.source == f"{QN}/2019/kh/61" and e.relation is Relation.IMPLEMENTS
               for e in kb.edges_to("cp/2019/nq/17"))
    assert any(e.source == f"{QN}/2020/kh/154" and e.relation is Relation.IMPLEMENTS
               for e in kb.edges_to("ttg/2020/qd/458"))


def test_chain_down_from_61_2018(kb: KnowledgeBase) -> None:
    tree = kb.chain("cp/2018/nd/61", "down")
    children = {(c.relation, c.id) for c in tree.children}
    assert (Relation.GUIDES, "vpcp/2018/tt/1") in children
    assert (Relation.IMPLEMENTS, f"{QN}/2018/cv/3526") in children
    assert (Relation.IMPLEMENTS, f"{QN}/2018/qd/1523") in children


def test_chain_up_from_plan_61_reaches_17(kb: KnowledgeBase) -> None:
    [doc_id] = kb.lookup("Kế hoạch 61/KH-UBND 2019")
    tree = kb.chain(doc_id, "up")
    assert "cp/2019/nq/17" in {n.id for n in tree.walk()}


def test_turtle_round_trip_and_sparql(kb: KnowledgeBase) -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    text = rdf.export(kb, "turtle")
    assert isomorphic(Graph().parse(data=text, format="turtle"), rdf.build_graph(kb))
    q = 'SELECT ?sym WHERE { ?d eli:ensures_implementation_of ?t . ?t eli:id_local "458/QĐ-TTg" . ?d eli:id_local ?sym }'
    assert [r["sym"] for r in rdf.sparql(kb, q).rows] == ["154/KH-UBND"]


# --- the same, through the real executable ------------------------------------------------

def test_cli_chain_down(kb_dir: Path) -> None:
    proc = run_cli("chain", "61/2018/NĐ-CP", "--down", "--kb", str(kb_dir))
    assert proc.returncode == 0, proc.stderr
    assert "01/2018/TT-VPCP" in proc.stdout and "guides" in proc.stdout
    assert "3526/UBND-KSTTHC" in proc.stdout and "implements" in proc.stdout
    as_json = json.loads(run_cli("chain", "nd 61/2018", "--down", "--json", "--kb", str(kb_dir)).stdout)
    assert "vpcp/2018/tt/1" in {c["id"] for c in as_json["children"]}


def test_cli_chain_up(kb_dir: Path) -> None:
    proc = run_cli("chain", "Kế hoạch 61/KH-UBND 2019", "--up", "--kb", str(kb_dir))
    assert proc.returncode == 0, proc.stderr
    assert "17/NQ-CP" in proc.stdout


def test_cli_ambiguous_and_unknown_ids(kb_dir: Path) -> None:
    proc = run_cli("show", "151/KH-UBND", "--kb", str(kb_dir))
    assert proc.returncode == 4
    assert f"{QN}/2019/kh/151" in proc.stderr and f"{QN}/2020/kh/151" in proc.stderr
    proc = run_cli("show", "999/2099/NĐ-CP", "--kb", str(kb_dir))
    assert proc.returncode == 3 and "Không tìm thấy" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(("written", "expected"), [
    ("qd 749 ttg", "ttg/2020/qd/749"), ("QĐ 749 TTg", "ttg/2020/qd/749"),
    ("quyết định 749 ttg 2020", "ttg/2020/qd/749"), ("nghị định 61 năm 2018", "cp/2018/nd/61"),
    ("kh 151 ubnd 2019", f"{QN}/2019/kh/151"), ("nq 52 tw", "tw/2019/nq/52"),
])
def test_ids_accept_a_symbol_typed_as_its_parts(kb: KnowledgeBase, written: str, expected: str) -> None:
    """What `cancu search` reads as a symbol, `show`/`chain`/`cited-by` read too."""
    assert kb.lookup(written) == [expected]


def test_a_symbol_typed_as_parts_never_guesses(kb: KnowledgeBase) -> None:
    # Numbers restart every year at every agency: a type and a number name no document.
    assert kb.lookup("qd 749") == []
    # Parts that more than one document has stay ambiguous.
    assert kb.lookup("kh 151 ubnd") == [f"{QN}/2019/kh/151", f"{QN}/2020/kh/151"]
    # A sentence with a number is no symbol.
    assert kb.lookup("quyết định 749 về chuyển đổi số") == []


def test_cli_chain_and_cited_by_take_the_parts_search_takes(kb_dir: Path) -> None:
    proc = run_cli("chain", "qd 749 ttg", "--down", "--kb", str(kb_dir))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Quyết định 749/QĐ-TTg")
    proc = run_cli("cited-by", "qd 749 ttg", "--json", "--kb", str(kb_dir))
    assert proc.returncode == 0 and json.loads(proc.stdout)["id"] == "ttg/2020/qd/749"


def test_cli_show_lists_conflict(kb_dir: Path) -> None:
    proc = run_cli("show", "17/NQ-CP", "--kb", str(kb_dir))
    assert proc.returncode == 0, proc.stderr
    assert "Mâu thuẫn" in proc.stdout and "2020-03-09" in proc.stdout
    data = json.loads(run_cli("show", "cp/2019/nq/17", "--json", "--kb", str(kb_dir)).stdout)
    assert set(data["conflicts"]["date"]) == {"2019-03-07", "2020-03-09"}


def test_cli_cited_by_gaps_sparql_export(kb_dir: Path, tmp_path: Path) -> None:
    proc = run_cli("cited-by", "17/NQ-CP", "--json", "--kb", str(kb_dir))
    rows = json.loads(proc.stdout)["cited_by"]
    assert {"source": f"{QN}/2019/kh/61", "relation": "implements"}.items() <= rows[0].items() or \
        any(r["source"] == f"{QN}/2019/kh/61" and r["relation"] == "implements" for r in rows)
    gaps = json.loads(run_cli("gaps", "--province", "Quảng Ngãi", "--json", "--kb", str(kb_dir)).stdout)
    assert "cp/2007/nd/64" in {g["id"] for g in gaps["unimplemented"]}
    # The province however written; a name that is no province is said to be one.
    assert json.loads(run_cli("gaps", "--province", "Tỉnh Quảng Ngãi", "--json", "--kb", str(kb_dir)).stdout) \
        ["documents"] == gaps["documents"]
    assert run_cli("gaps", "--province", "Tỉnh Quảng Ngãi", "--kb", str(kb_dir)).stdout.startswith("Tỉnh Quảng Ngãi:")
    unknown = run_cli("gaps", "--province", "Atlantis", "--kb", str(kb_dir))
    assert unknown.returncode != 0 and "Không nhận ra tỉnh" in unknown.stderr
    q = 'SELECT ?sym WHERE { ?d eli:ensures_implementation_of/eli:id_local "458/QĐ-TTg" . ?d eli:id_local ?sym }'
    proc = run_cli("sparql", q, "--kb", str(kb_dir))
    assert proc.returncode == 0 and "154/KH-UBND" in proc.stdout
    out = tmp_path / "kb.ttl"
    assert run_cli("export", "--format", "turtle", "-o", str(out), "--kb", str(kb_dir)).returncode == 0
    from rdflib import Graph

    assert len(Graph().parse(out, format="turtle")) > 500


def test_cli_reingest_unchanged_changes_nothing(kb_dir: Path) -> None:
    before = (kb_dir / "kb.json.gz").read_bytes()
    proc = run_cli("ingest", str(SEED_PLAN), "--kb", str(kb_dir))
    assert proc.returncode == 0 and "không đổi" in proc.stdout
    assert (kb_dir / "kb.json.gz").read_bytes() == before


def test_cli_ingest_exits_1_when_a_file_is_not_stored_and_stores_the_others(tmp_path: Path) -> None:
    """A script that runs `cancu ingest` learns from the exit code alone that a file was
    not stored, whether the other files were stored or unchanged; the good file is stored."""
    good = tmp_path / "kh.txt"
    good.write_text("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 61/KH-UBND\nQuảng Ngãi, ngày 10 tháng 4 năm 2019\n\n"
                    "KẾ HOẠCH\nPhát triển Chính phủ điện tử\n\nThực hiện Nghị quyết số 17/NQ-CP ngày 07/3/2019 "
                    "của Chính phủ về phát triển Chính phủ điện tử;\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    kb_dir = tmp_path / "kb"
    first = run_cli("ingest", str(empty), str(good), "--kb", str(kb_dir))
    assert first.returncode == 1, first.stderr
    assert "empty.txt" in first.stderr and "Traceback" not in first.stderr
    shown = run_cli("show", "61/KH-UBND", "--kb", str(kb_dir), "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["id"] == "ubnd.quang-ngai/2019/kh/61"
    again = run_cli("ingest", str(empty), str(good), "--kb", str(kb_dir), "--json")
    summary = json.loads(again.stdout)
    assert again.returncode == 1
    assert summary["unchanged"] == 1 and [f["file"] for f in summary["failed"]] == [str(empty)]


def test_a_date_later_than_the_citing_plan_is_a_problem_not_a_fact(kb: KnowledgeBase) -> None:
    """Seed 004 (29/7/2020) cites "Công văn số 2891/UBND-VX ngày 08/6/2026": the extractor
    flags the date. A letter's number restarts every year, so the date was its identity
    (ubnd.quang-ngai/2026/cv/2891, dated 2026): the citation is kept out of the graph with
    the reason, as an invalid date's is, and the plan's page says what is wrong, quoting it."""
    assert not [i for i in kb.graph.nodes if i.endswith("/cv/2891")]
    kept_out = [m for m in kb.unresolved_mentions() if "2891/UBND-VX" in m.text]
    assert kept_out and "năm ban hành" in (kept_out[0].reason or ""), kept_out
    plan = kb.problems(kept_out[0].source)
    assert ("suspicious_date", "Công văn số 2891/UBND-VX ngày 08/6/2026") in [(n.kind, n.quote) for n in plan]
    assert any(n.kind == "bad_date" and "20178" in n.message for n in plan), plan
