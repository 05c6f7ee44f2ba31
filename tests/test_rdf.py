"""The ELI graph: round trips, stable URIs, read-only SPARQL with limits."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from kbfactory import appendix_extraction, plan_extraction
from rdflib import Graph
from rdflib.compare import isomorphic

from cancu.graph import rdf
from cancu.graph.kb import KnowledgeBase

CANCU = Path(sys.executable).with_name("cancu")


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.add_extraction(appendix_extraction())
    kb.add_extraction(plan_extraction())
    return kb


@pytest.mark.parametrize("fmt,parse_as", [("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld")])
def test_export_parses_back_to_the_same_triples(kb: KnowledgeBase, fmt: str, parse_as: str) -> None:
    text = rdf.export(kb, fmt)
    back = Graph().parse(data=text, format=parse_as)
    assert isomorphic(back, rdf.build_graph(kb))
    assert len(back) > 100


def test_turtle_is_what_rdflib_writes_byte_for_byte(kb: KnowledgeBase) -> None:
    # export() skips rdflib's namespace search for document URIs (5x faster on the shipped
    # KB); the prefixes it declares and the names it shortens must not change.
    ours = rdf.export(kb, "turtle")
    assert ours == rdf.build_graph(kb).serialize(format="turtle")
    assert "@prefix eli:" in ours and "rdf:Statement" in ours


def test_uris_are_stable_and_eli_typed(kb: KnowledgeBase) -> None:
    g = rdf.build_graph(kb)
    nq = rdf.doc_uri("cp/2019/nq/17")
    assert str(nq) == "https://cancu.vn/eli/vn/cp/2019/nq/17"
    assert (nq, rdf.RDF.type, rdf.ELI.LegalResource) in g
    kh = rdf.doc_uri("ubnd.quang-ngai/2019/kh/61")
    assert (kh, rdf.ELI.ensures_implementation_of, nq) in g
    assert (rdf.CANCU.guides, rdf.RDFS.subPropertyOf, rdf.ELI.based_on) in g
    second = KnowledgeBase()
    second.add_extraction(appendix_extraction())
    second.add_extraction(plan_extraction())
    assert isomorphic(rdf.build_graph(second), g)


def test_graphml_export(kb: KnowledgeBase, tmp_path: Path) -> None:
    import networkx as nx

    path = tmp_path / "kb.graphml"
    path.write_text(rdf.export(kb, "graphml"), encoding="utf-8")
    g = nx.read_graphml(path)
    assert g.number_of_nodes() == len(kb)
    assert g.has_edge("vpcp/2018/tt/1", "cp/2018/nd/61")


def test_sparql_implementers(kb: KnowledgeBase) -> None:
    q = """SELECT ?sym WHERE { ?doc eli:ensures_implementation_of ?t . ?t eli:id_local "17/NQ-CP" .
           ?doc eli:id_local ?sym }"""
    result = rdf.sparql(kb, q)
    assert [r["sym"] for r in result.rows] == ["61/KH-UBND"]
    based = rdf.sparql(kb, "SELECT ?d WHERE { ?d eli:based_on ?x . ?x eli:id_local '61/2018/NĐ-CP' }")
    assert [r["d"] for r in based.rows] == ["https://cancu.vn/eli/vn/file/plan"]
    # guides is declared a sub-property of based_on; a query follows it explicitly
    both = rdf.sparql(kb, "SELECT ?d WHERE { ?p rdfs:subPropertyOf* eli:based_on . ?d ?p ?x . "
                          "?x eli:id_local '61/2018/NĐ-CP' }")
    assert {r["d"] for r in both.rows} == {"https://cancu.vn/eli/vn/file/plan", "https://cancu.vn/eli/vn/vpcp/2018/tt/1"}
    assert rdf.sparql(kb, "ASK { ?d cancu:guides ?x }").boolean is True


REPLACING_PLAN = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
                  "Số: 151/KH-UBND          Quảng Ngãi, ngày 21 tháng 12 năm 2020\nKẾ HOẠCH\n"
                  "Ứng dụng công nghệ thông tin tỉnh Quảng Ngãi năm 2021\n\n"
                  "Kế hoạch này thay thế Kế hoạch số 151/KH-UBND ngày 09/12/2019 của UBND tỉnh về ứng dụng công nghệ "
                  "thông tin tỉnh Quảng Ngãi năm 2020.\n")


def test_a_replacement_is_exported_as_eli_repeals_and_changes() -> None:
    """domain.md §6 maps `replaces` to eli:repeals + eli:changes: a query in plain ELI terms
    finds the replaced plan without following cancu's sub-property (#6)."""
    from cancu.ingest.extract import extract_text

    kb = KnowledgeBase()
    kb.add_extraction(extract_text(REPLACING_PLAN, file="kh151_2020.txt"))
    g = rdf.build_graph(kb)
    new, old = rdf.doc_uri("ubnd.quang-ngai/2020/kh/151"), rdf.doc_uri("ubnd.quang-ngai/2019/kh/151")
    for prop in (rdf.CANCU.replaces, rdf.ELI.repeals, rdf.ELI.changes):
        assert (new, prop, old) in g
    for broader in (rdf.ELI.repeals, rdf.ELI.changes):
        assert (rdf.CANCU.replaces, rdf.RDFS.subPropertyOf, broader) in g
    for prop in ("eli:repeals", "eli:changes"):
        rows = rdf.sparql(kb, f"SELECT ?d ?x WHERE {{ ?d {prop} ?x }}").rows
        assert rows == [{"d": str(new), "x": str(old)}]


@pytest.mark.parametrize("query", [
    "INSERT DATA { <a:x> <a:y> <a:z> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/x.ttl>",
    "CLEAR ALL", "DROP GRAPH <a:g>", "CREATE GRAPH <a:g>",
    "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "SELECT * FROM <http://example.org/x.ttl> WHERE { ?s ?p ?o }",
    "select * where { ?s ?p ?o } ; insert data { <a:x> <a:y> <a:z> }",
])
def test_sparql_refuses_writes_and_remote_access(kb: KnowledgeBase, query: str) -> None:
    with pytest.raises(rdf.SparqlError, match="Chỉ cho phép truy vấn đọc"):
        rdf.sparql(kb, query)


def test_sparql_keywords_inside_strings_are_fine(kb: KnowledgeBase) -> None:
    result = rdf.sparql(kb, 'SELECT ?d WHERE { ?d eli:id_local ?s FILTER(?s != "DROP INSERT") } # delete')
    assert result.rows


def test_sparql_result_cap_and_timeout(kb: KnowledgeBase) -> None:
    capped = rdf.sparql(kb, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", max_rows=5)
    assert len(capped.rows) == 5 and capped.truncated
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    with pytest.raises(rdf.SparqlError, match="thời gian"):
        rdf.sparql(kb, slow, timeout_s=0.5)


def test_sparql_syntax_error_is_a_message(kb: KnowledgeBase) -> None:
    with pytest.raises(rdf.SparqlError, match="không hợp lệ"):
        rdf.sparql(kb, "SELECT WHERE {")


def test_cli_sparql_refuses_update(tmp_path: Path) -> None:
    proc = subprocess.run([str(CANCU), "sparql", "DELETE WHERE { ?s ?p ?o }", "--kb", str(tmp_path)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "DELETE" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "kb.json.gz").exists()  # refused before the KB was even opened


def test_json_result_shape(kb: KnowledgeBase) -> None:
    out = rdf.sparql(kb, "SELECT ?s WHERE { ?s a eli:LegalResource } LIMIT 2").to_json()
    assert json.loads(json.dumps(out))["variables"] == ["s"]


def test_phap_dien_topics_are_skos_concepts(tmp_path: Path) -> None:
    from cancu.graph.kb import SourceRecord

    kb = KnowledgeBase()
    kb.add_record(SourceRecord(key="catalog:test", digest="1", kind="catalog", facts=[
        ("btc/2016/tt/160", "doc_type", "Thông tư", "catalog:test"),
        ("btc/2016/tt/160", "topics", "33.3 Phí và lệ phí", "catalog:test")]))
    g = rdf.build_graph(kb)
    concept = rdf.URIRef(rdf.TOPIC_BASE + "33-3")
    assert (rdf.doc_uri("btc/2016/tt/160"), rdf.ELI.is_about, concept) in g
    labels = {str(o) for o in g.objects(concept, rdf.SKOS.prefLabel)}
    assert labels == {"Phí và lệ phí"}


def test_a_districts_document_is_passed_by_the_district_not_the_province(tmp_path: Path) -> None:
    """Kế hoạch 88/KH-UBND of huyện Sơn Tịnh is the huyện's UBND's, not Quảng Ngãi's:
    the RDF agent and the GraphML node both carry the unit."""
    from cancu.graph.kb import SourceRecord

    kb = KnowledgeBase()
    doc, prov = "ubnd.quang-ngai.huyen-son-tinh/2024/kh/88", "ubnd.quang-ngai/2024/kh/45"
    label = "catalog:test"
    facts = [(doc, "doc_type", "Kế hoạch", label), (doc, "issuer", "UBND", label),
             (doc, "province", "Quảng Ngãi", label), (doc, "locality", "huyện Sơn Tịnh", label),
             (prov, "doc_type", "Kế hoạch", label), (prov, "issuer", "UBND", label),
             (prov, "province", "Quảng Ngãi", label)]
    kb.add_record(SourceRecord(key=label, digest="1", kind="catalog", facts=facts))
    g = rdf.build_graph(kb)
    agents = {d: set(g.objects(rdf.doc_uri(d), rdf.ELI.passed_by)) for d in (doc, prov)}
    assert len(agents[doc]) == 1 and agents[doc] != agents[prov], agents
    assert "huyen-son-tinh" in str(next(iter(agents[doc])))
    assert {str(o) for o in g.objects(rdf.doc_uri(doc), rdf.CANCU.locality)} == {"huyện Sơn Tịnh"}
    assert rdf.to_networkx(kb).nodes[doc]["locality"] == "huyện Sơn Tịnh"
