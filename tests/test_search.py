"""Search: Vietnamese analysis, symbol queries in every form, ranking quality, robustness.

The ranking test runs the user-written query set `tests/search_queries.json` (half typed
without diacritics) and asserts mean reciprocal rank >= 0.9 and success@1 >= 0.85.

Every search test runs against both engines (whoosh and tantivy, `BACKENDS`): the
`index` fixture is parametrized, and `test_tantivy_answers_equal_whoosh` compares their
first results over the query set.

The tests run against the real knowledge base (`cancu.graph.kb.open_kb`) when it exists;
until then against `StandInKB`, which implements the read API over the national catalog
CSV and the two seed documents with the same ids the real KB uses (graph/identity.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import threading
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from cancu.graph import analysis, validity, vocab
from cancu.graph.identity import document_id, is_doc_id
from cancu.graph.model import Document
from cancu.graph.search import (
    BACKEND_ENV,
    BACKENDS,
    DEFAULT_BACKEND,
    MAX_QUERY_CHARS,
    SearchError,
    SearchIndex,
    SymbolQuery,
    WhooshSearchIndex,
    focus_context,
    make_snippet,
    parse_query,
    symbol_keys,
    text_query,
)
from cancu.graph.symbol import parse_symbol
from cancu.graph.text import fold, match_key, squash_ws
from conftest import CORPUS, SEEDS, need_shared

QUERIES = Path(__file__).with_name("search_queries.json")
CATALOG_CSV = CORPUS / "NLP-TraCuuPhapDienVN" / "documents.csv"


# --- a stand-in for the knowledge base while graph/kb.py is being written -----------------

@dataclass(frozen=True)
class SeedDoc:
    """A document the seeds cite but the national catalog lacks (provincial plans,
    administrative decisions): known only from how others cite it."""

    symbol: str
    date: str
    doc_type: str
    issuer: str
    province: str | None
    pattern: str  # how the seeds write its symbol


SEED_DOCS = (
    SeedDoc("61/KH-UBND", "2019-04-10", "Kế hoạch", "UBND", "Quảng Ngãi", r"61/KH-\s*UBND"),
    SeedDoc("151/KH-UBND", "2020-12-21", "Kế hoạch", "UBND", "Quảng Ngãi", r"151/KH-UBND ngày 21/12/2020"),
    SeedDoc("151/KH-UBND", "2019-12-09", "Kế hoạch", "UBND", "Quảng Ngãi", r"151/KH-UBND ngày 09/12/2019"),
    SeedDoc("154/KH-UBND", "2020-12-24", "Kế hoạch", "UBND", "Quảng Ngãi", r"154/KH-UBND"),
    SeedDoc("749/QĐ-TTg", "2020-06-03", "Quyết định", "TTg", None, r"749/QĐ-TTg"),
    SeedDoc("458/QĐ-TTg", "2020-04-03", "Quyết định", "TTg", None, r"458/QĐ-TTg"),
    SeedDoc("950/QĐ-TTg", "2018-08-01", "Quyết định", "TTg", None, r"950/QĐ-TTg"),
    SeedDoc("17/NQ-CP", "2019-03-07", "Nghị quyết", "CP", None, r"17/NQ-CP"),
    SeedDoc("50/NQ-CP", "2020-04-17", "Nghị quyết", "CP", None, r"50/NQ-CP"),
    SeedDoc("16/CT-TTg", "2017-05-04", "Chỉ thị", "TTg", None, r"16/CT-\s*TTg"),
    SeedDoc("52-NQ/TW", "2019-09-27", "Nghị quyết", "TW", None, r"52-NQ/TW"),
    SeedDoc("833/STTTT-CNTT", "2021-07-09", "Công văn", "STTTT", "Quảng Ngãi", r"833/STTTT-CNTT"),
    SeedDoc("1552/BTTTT-CATTT", "2020-04-28", "Công văn", "BTTTT", None, r"1552/BTTTT-CATTT"),
)


def _seed_sentences() -> list[tuple[str, str]]:
    """(seed file, sentence) pairs: line-broken PDF text joined and cut at ; . and items."""
    out: list[tuple[str, str]] = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = squash_ws(path.read_text(encoding="utf-8"))
        for sent in re.split(r"(?<=[;.])\s+|\s(?=- )|\s(?=\d+\.\d*\.?\s)", text):
            sent = sent.strip()
            if 20 <= len(sent):
                out.append((path.name, sent[:600]))
    return out


class StandInKB:
    """The knowledge-base read API (docs/architecture.md) over the catalog CSV and seeds."""

    def __init__(self, dir: Path) -> None:
        self.dir = Path(dir)
        self.version = 1
        self._docs: dict[str, Document] = {}
        self._contexts: dict[str, list[str]] = defaultdict(list)
        self._citers: dict[str, set[str]] = defaultdict(set)
        self._by_symbol: dict[str, list[str]] = defaultdict(list)
        with need_shared(CATALOG_CSV).open(encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                self._add_catalog_row(row)
        sentences = _seed_sentences()
        for seed in SEED_DOCS:
            sym = parse_symbol(seed.symbol)
            assert sym is not None
            date = dt.date.fromisoformat(seed.date)
            doc_id = document_id(sym, year=date.year, province=seed.province)
            assert doc_id is not None, seed
            self._put(Document(doc_id, doc_type=seed.doc_type, symbol=sym.canonical(),
                               issuer=seed.issuer, province=seed.province, date=date))
        # Citation contexts: every seed sentence that writes a known symbol.
        patterns = [(d.id, re.compile(re.escape(d.symbol).replace(r"\-", r"-\s*").replace("/", r"\s*/\s*")))
                    for d in self._docs.values() if d.symbol and "/" in d.symbol]
        seed_patterns = {}
        for seed in SEED_DOCS:
            sym = parse_symbol(seed.symbol)
            assert sym is not None
            date = dt.date.fromisoformat(seed.date)
            seed_patterns[document_id(sym, year=date.year, province=seed.province)] = re.compile(seed.pattern)
        for file, sent in sentences:
            for doc_id, pat in patterns:
                pat = seed_patterns.get(doc_id, pat)
                if pat.search(sent):
                    self._contexts[doc_id].append(sent)
                    self._citers[doc_id].add(file)

    def _add_catalog_row(self, row: dict[str, str]) -> None:
        sym = parse_symbol(row["symbol"])
        date = dt.date.fromisoformat(row["issue_date"]) if row["issue_date"] else None
        if sym is None:
            return
        doc_id = document_id(sym, year=date.year if date else None)
        if doc_id is None or doc_id in self._docs:
            return
        issuer = vocab.issuer_by_name(row["issuer"]) if row["issuer"] else None
        self._put(Document(
            doc_id, doc_type=row["doc_type"] or None, symbol=sym.canonical(),
            issuer=issuer.code if issuer else (sym.issuers[0] if sym.issuers else None),
            issuer_name=row["issuer"] or None, level=issuer.level if issuer else None,
            date=date, title=row["title"] or None,
        ))

    def _put(self, doc: Document) -> None:
        self._docs[doc.id] = doc
        if doc.symbol:
            self._by_symbol[fold(doc.symbol)].append(doc.id)

    def documents(self) -> Iterator[Document]:
        return iter(list(self._docs.values()))

    def get(self, id: str) -> Document | None:
        return self._docs.get(id)

    def __len__(self) -> int:
        return len(self._docs)

    def lookup(self, text: str) -> list[str]:
        if is_doc_id(text) and text in self._docs:
            return [text]
        sym = parse_symbol(text)
        if sym is None:
            return []
        return list(self._by_symbol.get(fold(sym.canonical()), []))

    def citation_contexts(self, id: str) -> list[str]:
        return list(self._contexts.get(id, []))

    def authority(self, id: str) -> int:
        return len(self._citers.get(id, ()))

    def status(self, id: str, on: dt.date | None = None) -> str | None:
        doc = self._docs.get(id)
        return validity.status_on(doc, (), on) if doc else None


class EmptyKB(StandInKB):
    def __init__(self, dir: Path) -> None:  # noqa: D107 - no documents at all
        self.dir = Path(dir)
        self.version = 1
        self._docs = {}
        self._contexts = defaultdict(list)
        self._citers = defaultdict(set)
        self._by_symbol = defaultdict(list)


def _real_kb(path: Path):  # type: ignore[no-untyped-def]
    try:
        from cancu.graph.kb import open_kb  # the real knowledge base
    except ModuleNotFoundError:
        return None
    try:
        return open_kb(path)
    except Exception as exc:  # noqa: BLE001 - the KB layers are in progress; say so, go on
        print(f"open_kb failed ({exc!r}); using the stand-in")
        return None


def _expected_ids() -> set[str]:
    return {q["expected"] for q in _load_queries()} | {e for _, e in SYMBOL_FORMS}


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The real KB when it holds every expected document (catalog and seeds); until the
    seeds are ingested by default, the stand-in with the same ids."""
    real = _real_kb(tmp_path_factory.mktemp("realkb"))
    if real is not None and all(real.get(i) is not None for i in _expected_ids()):
        return real
    return StandInKB(tmp_path_factory.mktemp("kb"))


@pytest.fixture(scope="module")
def indexes(kb) -> dict[str, SearchIndex]:  # type: ignore[no-untyped-def]
    """One index per engine over the same knowledge base, built once for the module."""
    return {name: SearchIndex.open(kb, backend=name) for name in BACKENDS}


@pytest.fixture(scope="module", params=BACKENDS)
def index(indexes: dict[str, SearchIndex], request: pytest.FixtureRequest) -> SearchIndex:
    return indexes[request.param]


@pytest.fixture(scope="module", params=BACKENDS)
def real_index(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> SearchIndex:
    real = _real_kb(tmp_path_factory.mktemp("realkb2"))
    if real is None:
        pytest.skip("graph/kb.py not available")
    return SearchIndex.open(real, backend=request.param)


def first_id(index: SearchIndex, query: str) -> str | None:
    res = index.search(query, limit=5)
    return res.results[0].id if res.results else None


# --- vocabulary tables: every example runs -------------------------------------------------

ABBREVIATIONS = vocab.load_table("abbreviations.json")["abbreviations"]


@pytest.mark.parametrize("entry", ABBREVIATIONS, ids=lambda e: e["abbr"])
def test_abbreviation_examples(entry: dict) -> None:
    for ex in entry["examples"]:
        assert match_key(analysis.expand_abbreviations(ex["text"])) == match_key(ex["expanded"])
    found = analysis.abbreviation(entry["abbr"])
    assert found is not None and found.expansions == tuple(entry["expansions"])


def test_abbreviations_match_any_spelling() -> None:
    for written in ("HĐND", "HDND", "hdnd", "hđnd"):
        assert analysis.abbreviation(written).abbr == "HĐND"


TYPING = vocab.load_table("typing.json")


@pytest.mark.parametrize("example", TYPING["examples"], ids=lambda e: e["typed"])
def test_typing_examples(example: dict) -> None:
    """Words typed as Telex or VNI keys with the input method off ("nghij ddinhj",
    "lua6t5") read as the Vietnamese they spell; words, codes and symbols stay as typed."""
    assert parse_query(example["typed"]).text == example["reads"]


# --- analysis ------------------------------------------------------------------------------

def test_compounds_and_syllables_are_both_indexed() -> None:
    terms = [t for _, t in analysis.analyze("giải quyết thủ tục hành chính", segmenter="crf").terms(False)]
    for t in ("thủ", "tục", "thủ_tục", "hành", "chính", "hành_chính"):
        assert t in terms
    folded = [t for _, t in analysis.analyze("Thủ tục hành chính", segmenter="dict").terms(True)]
    assert "thu_tuc" in folded and "hanh_chinh" in folded and "thu" in folded


def test_positions_are_syllable_positions() -> None:
    pairs = list(analysis.analyze("thủ tục hành chính", segmenter="dict").terms(False))
    assert (0, "thủ") in pairs and (0, "thủ_tục") in pairs and (3, "chính") in pairs


def test_old_and_new_tone_placement_are_one_term() -> None:
    assert analysis.normalize("Uỷ ban hoà giải") == analysis.normalize("Ủy ban hòa giải")


def test_folding_maps_d_stroke() -> None:
    terms = [t for _, t in analysis.analyze("Đề án điện tử").terms(True)]
    assert "de" in terms and "dien" in terms


# --- query parsing ----------------------------------------------------------------------------

@pytest.mark.parametrize("written", [
    "61/2018/NĐ-CP", "61/2018/ND-CP", "61/2018/nđ-cp", "nd 61/2018", "NĐ 61/2018",
    "nghị định 61 2018", "nghi dinh 61/2018", "nghị định số 61/2018/NĐ-CP", "61 2018",
])
def test_symbol_forms_parse_to_the_same_keys(written: str) -> None:
    parsed = parse_query(written)
    assert parsed.symbol is not None and parsed.symbol.pure
    assert {"n:61", "y:2018"} <= set(parsed.symbol.keys)
    assert set(parsed.symbol.keys) <= symbol_keys("61/2018/NĐ-CP", year=2018, doc_type="Nghị định")


@pytest.mark.parametrize("written,keys", [
    ("qd 749 ttg", {"n:749", "t:qd", "i:ttg"}),
    ("QĐ 749/QĐ-TTg", {"n:749", "t:qd", "i:ttg"}),
    ("KH 61 UBND 2019", {"n:61", "t:kh", "i:ubnd", "y:2019"}),
    ("52-NQ/TW", {"n:52", "t:nq", "i:tw"}),
    ("01/2018/VPCP", {"n:1", "y:2018", "i:vpcp"}),  # the type code left out
    ("TT 01/2018/VPCP", {"n:1", "y:2018", "t:tt", "i:vpcp"}),
])
def test_administrative_symbol_queries(written: str, keys: set[str]) -> None:
    parsed = parse_query(written)
    assert parsed.symbol is not None
    assert keys <= set(parsed.symbol.keys)


@pytest.mark.parametrize("query,symbol_type,words", [
    ("thông tư hướng dẫn nghị định 61", "t:nd", {"huong", "dan"}),
    ("hướng dẫn nghị định 61/2018", "t:nd", {"huong", "dan"}),
    ("thông tư hướng dẫn 61/2018/NĐ-CP", "t:nd", {"huong", "dan"}),
    ("kế hoạch thực hiện quyết định 749", "t:qd", {"thuc", "hien"}),
    ("năm 2018 hướng dẫn nghị định 61", "t:nd", {"huong", "dan"}),  # the number, not the year
])
def test_one_type_word_belongs_to_the_symbol_the_others_are_words(query: str, symbol_type: str,
                                                                  words: set[str]) -> None:
    """A document has one type: "hướng dẫn" (also a type: Hướng dẫn) and "thông tư" next
    to "nghị định 61" describe the document sought, which refers to Nghị định 61. Read as
    three types of one symbol they had found nothing."""
    parsed = parse_query(query)
    assert parsed.symbol is not None and not parsed.symbol.pure
    assert [k for k in parsed.symbol.keys if k.startswith("t:")] == [symbol_type]
    assert words <= {g.word.folded for g in parsed.groups}


def test_a_document_referring_to_the_symbol_typed_with_words_is_found(real_index: SearchIndex) -> None:
    """"thông tư hướng dẫn nghị định 61" is Thông tư 01/2018/TT-VPCP, "Hướng dẫn thi hành
    một số quy định của Nghị định số 61/2018/NĐ-CP": its title names the decree."""
    for query in ("thông tư hướng dẫn nghị định 61", "hướng dẫn nghị định 61/2018",
                  "thong tu huong dan nghi dinh 61/2018/ND-CP"):
        ids = [h.id for h in real_index.search(query, limit=5).results]
        assert ids[:1] == ["vpcp/2018/tt/1"], (query, ids)


@pytest.mark.parametrize("query", [
    "Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của Văn phòng Chính phủ",
    "thông tư 01/2018/TT-VPCP của VPCP",
    "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ",
    "Kế hoạch số 151/KH-UBND ngày 21/12/2020 của UBND tỉnh Quảng Ngãi",
])
def test_a_pasted_citation_with_its_issuer_is_its_symbol(query: str) -> None:
    """A citation pasted whole names its issuer after "của" (written out, abbreviated, with
    its province): those words describe the symbol, they are no subject to find."""
    parsed = parse_query(query)
    assert parsed.symbol is not None and parsed.symbol.pure and not parsed.groups, parsed


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_pasted_local_citation_finds_the_provinces_document(tmp_path: Path, backend: str) -> None:
    """Two provinces number their decisions alike: "... của UBND tỉnh Nghệ An" after the
    symbol says which one is meant, and it comes first."""
    from cancu.graph.kb import KnowledgeBase, SourceRecord

    kb = KnowledgeBase(tmp_path / "kb")
    record = SourceRecord(key="catalog:test", digest="1", kind="catalog")
    for slug_, province in (("quang-ngai", "Quảng Ngãi"), ("nghe-an", "Nghệ An")):
        did = f"ubnd.{slug_}/2024/qd/15"
        for attr, value in (("doc_type", "Quyết định"), ("symbol", "15/2024/QĐ-UBND"), ("issuer", "UBND"),
                            ("province", province), ("date", "2024-05-01"), ("title", "Ban hành quy chế")):
            record.facts.append((did, attr, value, "catalog:test"))
    kb.add_record(record)
    index = SearchIndex.open(kb, backend=backend)
    for province, expected in (("Nghệ An", "ubnd.nghe-an/2024/qd/15"), ("Quảng Ngãi", "ubnd.quang-ngai/2024/qd/15")):
        query = f"Quyết định số 15/2024/QĐ-UBND ngày 01/5/2024 của UBND tỉnh {province}"
        assert first_id(index, query) == expected, query


def test_an_issuer_inside_the_subject_stays_a_word_to_find() -> None:
    parsed = parse_query("Nghị định 14/2023/NĐ-CP quy định cơ cấu tổ chức của Bộ Tài chính")
    assert {"bo", "tai", "chinh"} <= {g.word.folded for g in parsed.groups}


def test_a_year_typed_with_a_subject_picks_that_years_version_of_a_title(real_index: SearchIndex) -> None:
    """The Bộ Nông nghiệp issued "Danh mục bổ sung giống cây trồng được phép sản xuất kinh
    doanh" again and again: "... năm 2010" asks for one of 2010, though the 2008 titles are
    shorter; without the year, nothing is preferred."""
    query = "danh mục bổ sung giống cây trồng được phép sản xuất kinh doanh"
    years = {h.id.split("/")[1] for h in real_index.search(query, limit=20).results}
    if not {"2008", "2010"} <= years:
        pytest.skip("the KB lacks the lists of 2008 and 2010")
    top = real_index.search(query + " năm 2010", limit=3).results
    assert [h.id.split("/")[1] for h in top] == ["2010"] * len(top), [h.id for h in top]


def test_a_pasted_citation_finds_its_document_first(real_index: SearchIndex) -> None:
    for query, expected in (("Thông tư số 01/2018/TT-VPCP ngày 23/11/2018 của VPCP", "vpcp/2018/tt/1"),
                            ("Nghị định 61/2018/NĐ-CP của Chính phủ", "cp/2018/nd/61")):
        ids = [h.id for h in real_index.search(query, limit=5).results]
        assert ids[:1] == [expected], (query, ids)
    # Words after the issuer are the subject: still words to find.
    parsed = parse_query("Nghị định 61/2018/NĐ-CP của Chính phủ về một cửa")
    assert parsed.symbol is not None and not parsed.symbol.pure
    assert {g.word.folded for g in parsed.groups} >= {"mot", "cua"}


def test_a_citation_pasted_with_its_cue_and_subject_finds_its_document_first(real_index: SearchIndex) -> None:
    """A drafter pastes the căn cứ line: "Căn cứ" made every title without those words a
    non-match, so 30/2020/NĐ-CP was not among 156 results; the subject's words left out
    45/2020/NĐ-CP, whose catalog row has no title; a law's date was read as numbers of a
    symbol, putting the 2019 amending law above the law of 2015."""
    kb = real_index.kb
    for query, expected in (
            ("căn cứ 30/2020/NĐ-CP", "cp/2020/nd/30"),
            ("can cu nghi dinh so 30/2020/ND-CP", "cp/2020/nd/30"),
            ("Căn cứ Nghị định số 45/2020/NĐ-CP ngày 08 tháng 4 năm 2020 của Chính phủ về thực hiện thủ tục "
             "hành chính trên môi trường điện tử;", "cp/2020/nd/45"),
            ("45/2020/NĐ-CP về thực hiện thủ tục hành chính trên môi trường điện tử", "cp/2020/nd/45"),
            ("nghi dinh 16/2020 ho tich", "cp/2020/nd/16"),
            ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "qh/2015/77"),
            ("can cu luat to chuc chinh quyen dia phuong ngay 19/6/2015", "qh/2015/77"),
            # The article it points into is part of the law sought, not a number of it.
            ("Căn cứ khoản 1 Điều 3 Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;", "qh/2015/77"),
            ("Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
             "name/hien-phap-nuoc-cong-hoa-xa-hoi-chu-nghia-viet-nam-2013")):
        if kb.get(expected) is None:
            pytest.skip(f"the KB lacks {expected}")
        ids = [h.id for h in real_index.search(query, limit=5).results]
        assert ids[:1] == [expected], (query, ids)
    # A number, year and type many ministries share pins nothing: the words tell them apart.
    shared = [h.id for h in real_index.search("thông tư 03/2020 nhập khẩu thuốc lá", limit=5).results]
    assert shared and all(i.startswith("bct/") or "tt-bct" in i for i in shared), shared
    # Asking for documents acting on it, the words still do: the circular guiding the decree.
    ids = [h.id for h in real_index.search("thông tư hướng dẫn 61/2018/NĐ-CP", limit=5).results]
    assert ids[:1] == ["vpcp/2018/tt/1"], ids
    # "Căn cứ" before a subject is the subject's word: "căn cứ xác định nạn nhân bị mua bán".
    assert "can" in {g.word.folded for g in parse_query("căn cứ xác định nạn nhân").groups if not g.optional}


@pytest.mark.parametrize(("query", "asking", "subject"), [
    ("nghị định nào quy định chi tiết luật thú y", {"nghi", "dinh", "nao", "quy", "chi", "tiet"}, {"luat", "thu", "y"}),
    ("thong tu nao huong dan luat do luong", {"thong", "tu", "nao", "huong", "dan"}, {"luat", "do", "luong"}),
    ("văn bản nào hướng dẫn luật thú y", {"van", "ban", "nao", "huong", "dan"}, {"luat", "thu", "y"}),
])
def test_the_words_of_a_question_asking_for_a_document_are_no_title_words(query: str, asking: set[str],
                                                                         subject: set[str]) -> None:
    """"Nghị định nào ..." asks for a decree, "văn bản nào ..." for a document of any type:
    the type word, "nào" and the relation words are none its title must hold."""
    parsed = parse_query(query)
    assert {g.word.folded for g in parsed.groups if g.optional} == asking, parsed.groups
    assert {g.word.folded for g in parsed.groups if not g.optional} == subject, parsed.groups


def test_a_question_for_the_decree_detailing_a_law_finds_it(real_index: SearchIndex) -> None:
    if real_index.kb.get("cp/2016/nd/35") is None:
        pytest.skip("the KB lacks Nghị định 35/2016/NĐ-CP")
    for query in ("nghị định nào quy định chi tiết luật thú y", "văn bản nào hướng dẫn luật thú y"):
        ids = [h.id for h in real_index.search(query, limit=5).results]
        assert ids[:1] == ["cp/2016/nd/35"], (query, ids)


def test_a_type_word_before_a_symbol_without_its_type_code_names_the_type(real_index: SearchIndex) -> None:
    """"Quyết định 749/TTg" is 749/QĐ-TTg, "Nghị quyết 103/2015/QH13" the Assembly's
    resolution (its symbol has no type code), "Nghị định số 13/CP" the 1996 decree numbered
    so: the type word belongs to the symbol, not to the words to find. Relation words
    ("hướng dẫn", also the type Hướng dẫn) stay words. A colon after "số" is punctuation."""
    for query, expected in (("Qđ 749/TTg", "ttg/2020/qd/749"), ("quyết định số 749/TTg", "ttg/2020/qd/749"),
                            ("nghị quyết 103/2015/QH13", "qh/2015/nq/103"),
                            ("Nghị định số 13/CP", "cp/1996/cv/13"),
                            ("Nghị định số: 47/2020/NĐ-CP;", "cp/2020/nd/47")):
        if real_index.kb.get(expected) is None:
            continue
        res = real_index.search(query, limit=5)
        assert [h.id for h in res.results][:1] == [expected] and res.notice is None, (query, res.to_json())
    assert "s:13/cp" in parse_query("thông tư hướng dẫn 13/CP").symbol.keys


def test_a_question_asks_for_a_type(real_index: SearchIndex) -> None:
    """"cho tôi hỏi luật nào quy định về căn cước công dân?": "luật nào" asks for a law, as
    an opening "luật" would; neither word must stand in the title. Luật Căn cước 2023 comes
    before the fee circular on the CCCD it had followed (1st on tantivy, was 2nd; 2nd on
    whoosh, was 4th, behind a law its filler words match)."""
    parsed = parse_query("cho tôi hỏi luật nào quy định về căn cước công dân?")
    assert parsed.type_hint == parse_query("luật căn cước").type_hint is not None
    assert parse_query("chữ ký số thuộc luật nào").type_hint is None  # nothing follows the question
    # A type word of several tokens at the end is no question, and no error either.
    assert parse_query("xin hỏi thông tư liên tịch").type_hint is None
    # The words made optional are the type and "nào", however many tokens make no word.
    marked = parse_query("cho hỏi AND luật nào quy định căn cước")
    assert [g.word.folded for g in marked.groups if g.optional] == ["cho", "luat", "nao"]
    if real_index.kb.get("qh/2023/26") is not None:
        ids = [h.id for h in real_index.search("cho tôi hỏi luật nào quy định về căn cước công dân?", limit=5).results]
        assert "qh/2023/26" in ids[:2] and "btc/2016/tt/256" not in ids[:ids.index("qh/2023/26")], ids


def test_reviewer_queries_written_before_seeing_results(real_index: SearchIndex) -> None:
    """A third query set (tests/search_queries_reviewer2.json): Telex/VNI keys, mixed
    accents, lower-case abbreviations, partial symbols, dates, questions, upper case,
    punctuation. Each expected document ranks within its 'top'."""
    table = json.loads(QUERIES.with_name("search_queries_reviewer2.json").read_text(encoding="utf-8"))["queries"]
    kb = real_index.kb
    queries = [q for q in table if any(kb.get(e) is not None for e in q["expected"])]
    assert len(queries) >= 35
    misses = []
    for q in queries:
        ids = [h.id for h in real_index.search(q["query"], limit=q["top"]).results]
        if not set(ids) & set(q["expected"]):
            misses.append(f"{q['query']!r}: got {ids}")
    assert not misses, misses


@pytest.mark.parametrize(("sentence", "symbol", "name", "kept"), [
    # A guiding document's title, as the catalog quotes it for the document it guides:
    # "hướng dẫn thi hành" is the circular's act, not words about the decree.
    ("trích yếu: Hướng dẫn thi hành một số quy định của Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 "
     "năm 2018 của Chính phủ về thực hiện cơ chế một cửa", "61/2018/NĐ-CP", None,
     "một số quy định của Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm 2018 của Chính phủ về thực hiện "
     "cơ chế một cửa"),
    # A law cited by name is found by its title.
    ("trích yếu: Quy định chi tiết và hướng dẫn thi hành một số điều của Luật Lý lịch tư pháp",
     "28/2009/QH12", "Lý lịch tư pháp", "một số điều của Luật Lý lịch tư pháp"),
    # A căn cứ keeps its words: resting on a document says nothing against it.
    ("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;", "61/2018/NĐ-CP", None,
     "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;"),
])
def test_a_citing_sentence_keeps_what_is_about_the_document(sentence: str, symbol: str, name: str | None,
                                                           kept: str) -> None:
    assert focus_context(sentence, symbol, name) == kept


@pytest.mark.parametrize("query", ["luật đất đai năm 2024", "luat dat dai nam 2024",
                                   "năm 2018 hướng dẫn nghị định 61", "kế hoạch năm 2025"])
def test_nam_before_a_year_is_part_of_the_year_not_a_word(query: str) -> None:
    """"năm 2024" is the year: "năm" is in no title ("Đất đai"), and as a required word
    it hid the laws known from the catalog alone."""
    parsed = parse_query(query)
    assert parsed.symbol is not None and any(k.startswith("y:") for k in parsed.symbol.keys)
    assert "nam" not in {g.word.folded for g in parsed.groups}


@pytest.mark.parametrize(("query", "expected"), [
    # A law typed by its name, and maybe its year, is the law sought.
    ("luật thuế thu nhập cá nhân", "qh/2007/4"),  # not the decree on it, cited more
    ("luật thuế thu nhập cá nhân năm 2007", "qh/2007/4"),
    ("luat dat dai nam 2024", "qh/2024/31"),
    # An older version by its year, above the newer one in force that holds the same words.
    ("luật đất đai năm 2013", "qh/2013/45"),
    ("luat dat dai 2003", "qh/2003/13"),
    ("Luật Hải quan 2001", "qh/2001/29"),
    # Syllables that are also issuer codes ("tư" TW, "du" ĐU) stay words of the name.
    ("luat dau tu cong 2019", "qh/2019/39"),
    ("luật đầu tư 2020", "qh/2020/61"),
    ("luật du lịch 2017", "qh/2017/9"),
    # The type word belongs to the name ("Luật Chứng khoán" 2019 is titled so).
    ("luat chung khoan 2019", "qh/2019/54"),
    # A lone year is no document number every title of that year holds.
    ("luật giáo dục 2019", "qh/2019/43"),
    # An abbreviation is spelt out in the whole name.
    ("ứng dụng CNTT trong hoạt động của cơ quan nhà nước", "cp/2007/nd/64"),
    # "hướng dẫn" is one of the words naming the relation; the decree says "quy định chi tiết".
    ("nghi dinh huong dan luat ly lich tu phap", "cp/2010/nd/111"),
    # Without a type word before them, the relation words are what is sought, and "quy
    # định" opening a cue is no type Quy định.
    ("quy định chi tiết thi hành luật đầu tư", "cp/2020/nd/40"),
    # A symbol typed without its separators.
    ("nđ13/2023", "cp/2023/nd/13"),
    ("qđ749/qđ-ttg", "ttg/2020/qd/749"),
    ("13-2023-nd-cp", "cp/2023/nd/13"),
    ("30.2020.NĐ.CP", "cp/2020/nd/30"),
    ("30 2020 nđ cp", "cp/2020/nd/30"),  # the issuer code after the type code after the number
    ("61/NĐ-CP 2018", "cp/2018/nd/61"),  # the year typed after a symbol that carries one (rev41)
    # "quy định về X" opens with the type word Quy định, but names no word the decree's
    # title or citations hold ("Nghị định ... về công tác văn thư").
    ("quy định về công tác văn thư", "cp/2020/nd/30"),
    ("quy dinh ve cong tac van thu", "cp/2020/nd/30"),
    # A joint document's issuer codes, typed one after the other in lower case.
    ("ttlt 01/2011 vpcp bnv", "vpcp-bnv/2011/ttlt/1"),
    # The KB's own id, as `cancu show` prints it.
    ("cp/2019/nd/73", "cp/2019/nd/73"),
    # A type cited by one fixed phrase is named by its type alone.
    ("Hiến pháp", "name/hien-phap-nuoc-cong-hoa-xa-hoi-chu-nghia-viet-nam-2013"),
    ("hien phap 2013", "name/hien-phap-nuoc-cong-hoa-xa-hoi-chu-nghia-viet-nam-2013"),
])
def test_queries_as_drafters_type_them(real_index: SearchIndex, query: str, expected: str) -> None:
    if real_index.kb.get(expected) is None:
        pytest.skip(f"{expected} is not in this KB")
    ids = [h.id for h in real_index.search(query, limit=5).results]
    assert ids[:1] == [expected], ids


def test_issuer_codes_are_read_in_capitals_or_beside_a_number() -> None:
    assert "i:ttg" in (parse_query("qd 749 ttg").symbol or SymbolQuery((), None, False)).keys
    assert "i:ttg" in (parse_query("quyết định TTg 749").symbol or SymbolQuery((), None, False)).keys
    parsed = parse_query("luat dau tu cong 2019")
    assert {"dau", "tu", "cong"} <= {g.word.folded for g in parsed.groups}
    assert parsed.name == "luat-dau-tu-cong" and parsed.year == 2019
    # Beside the number, a code that is also a syllable ("tư" TW) needs its capitals.
    assert {"dau", "tu"} <= {g.word.folded for g in parse_query("luật đầu tư 2020").groups}
    # "byt", "syt" are no syllables ("y" takes a final consonant only in "uy", "yê").
    for query, code in (("thông tư 10 byt", "i:byt"), ("quyết định 05 syt", "i:syt"), ("qd 15 ttg", "i:ttg")):
        assert code in (parse_query(query).symbol or SymbolQuery((), None, False)).keys, query


def test_relation_words_are_optional_only_after_a_type_word() -> None:
    def optional(query: str) -> set[str]:
        return {g.word.folded for g in parse_query(query).groups if g.optional}

    assert {"huong", "dan"} <= optional("nghị định hướng dẫn luật đất đai")
    assert not {"quy", "dinh", "chi", "tiet"} & optional("quy định chi tiết thi hành luật đầu tư")
    assert parse_query("hướng dẫn đánh giá xếp loại chất lượng tổ chức đảng").type_hint is None


def test_a_symbol_of_another_type_than_the_document_sought_is_no_candidate() -> None:
    """"thông tư hướng dẫn nghị định 61 ...": the circular is sought; Nghị định 61 only
    through the titles and citations that name it."""
    plan = repr(text_query(parse_query("thông tư hướng dẫn thi hành nghị định 61 về một cửa"), relaxed=False))
    assert "t:nd" not in plan and "'61'" in plan and "t:tt" in plan


def test_words_without_number_are_not_a_symbol() -> None:
    assert parse_query("tt hướng dẫn một cửa").symbol is None
    assert parse_query("luật an toàn thông tin mạng").symbol is None


@pytest.mark.parametrize("query", ["nghị định ngày 29/6/2024", "kế hoạch giai đoạn 2021-2025",
                                   "khoản 1-2 điều 5"])
def test_dates_and_ranges_are_not_read_as_symbol_parts(query: str) -> None:
    """Only number/year/letters is split into a symbol's parts: a date or a range stays
    what it is."""
    parsed = parse_query(query)
    assert parsed.symbol is None or not {k for k in parsed.symbol.keys if k.startswith("n:")}


@pytest.mark.parametrize(("query", "keys"), [
    ("06/QĐ-TTg ngày 06/01/2022", {"s:06/qd-ttg", "y:2022"}),
    ("Quyết định số 749/QĐ-TTg ngày 03 tháng 6 năm 2020", {"s:749/qd-ttg", "y:2020"}),
    ("qd 06/QD-TTg 2022", {"s:06/qd-ttg", "y:2022"}),
    ("quyết định 749 ngày 03/6/2020", {"n:749", "t:qd", "y:2020"}),
])
def test_a_citation_date_after_the_symbol_gives_its_year(query: str, keys: set[str]) -> None:
    """The date of a citation says which year's document its symbol is; its day, month and
    "ngày" are no words to search for."""
    parsed = parse_query(query)
    assert parsed.symbol is not None and parsed.symbol.pure and not parsed.groups
    assert keys <= set(parsed.symbol.keys)


def test_query_syntax_characters_are_plain_text() -> None:
    for q in ('"', "*", ":", "(", "AND", "-", 'title:"x', "a AND (b OR c*)", "\\", "--", "\x00"):
        parse_query(q)  # never raises


# --- search behaviour -------------------------------------------------------------------------

SYMBOL_FORMS = [
    ("61/2018/NĐ-CP", "cp/2018/nd/61"),
    ("61/2018/ND-CP", "cp/2018/nd/61"),
    ("nd 61/2018", "cp/2018/nd/61"),
    ("nghị định 61 2018", "cp/2018/nd/61"),
    ("nghi dinh so 61/2018/ND-CP", "cp/2018/nd/61"),
    ("61 2018", "cp/2018/nd/61"),
    ("qd 749 ttg", "ttg/2020/qd/749"),
    ("749/QĐ-TTg", "ttg/2020/qd/749"),
    ("KH 61 UBND 2019", "ubnd.quang-ngai/2019/kh/61"),
    ("kh 151 ubnd 2019", "ubnd.quang-ngai/2019/kh/151"),
    ("Kế hoạch 151/KH-UBND năm 2020", "ubnd.quang-ngai/2020/kh/151"),
    ("86/2015/QH13", "qh/2015/86"),
    ("luat 86/2015", "qh/2015/86"),
    ("01/2018/TT-VPCP", "vpcp/2018/tt/1"),
    ("tt 01/2018 vpcp", "vpcp/2018/tt/1"),
    ("TT 01/2018/VPCP", "vpcp/2018/tt/1"),
    ("thông tư 01/2018/VPCP", "vpcp/2018/tt/1"),
    ("52-NQ/TW", "tw/2019/nq/52"),
]


@pytest.mark.parametrize("query,expected", SYMBOL_FORMS)
def test_symbol_queries_return_the_document_first(index: SearchIndex, query: str, expected: str) -> None:
    assert first_id(index, query) == expected


def _load_queries() -> list[dict]:
    return json.loads(QUERIES.read_text(encoding="utf-8"))["queries"]


def rank_quality(index: SearchIndex, queries: list[dict[str, Any]]) -> tuple[float, float, list[str]]:
    """Mean reciprocal rank (top 10) and success@1 over `queries`, whose "expected" is an id
    or a list of ids any of which may come first; and the misses, to print."""
    rr: list[float] = []
    misses: list[str] = []
    for q in queries:
        expected = {q["expected"]} if isinstance(q["expected"], str) else set(q["expected"])
        ids = [h.id for h in index.search(q["query"], limit=10).results]
        rank = next((n for n, i in enumerate(ids, 1) if i in expected), None)
        rr.append(1.0 / rank if rank else 0.0)
        if rank != 1:
            misses.append(f"{q['query']!r}: rank {rank}, got {ids[:3]}")
    return sum(rr) / len(rr), sum(1 for r in rr if r == 1.0) / len(rr), misses


def test_query_set_is_as_specified() -> None:
    queries = _load_queries()
    assert len(queries) >= 40
    unaccented = [q for q in queries if not analysis.has_diacritics(q["query"])]
    assert len(unaccented) >= len(queries) / 2


def test_ranking_quality(index: SearchIndex) -> None:
    """Mean reciprocal rank and success@1 over the user-written query set."""
    queries = _load_queries()
    mrr, s1, misses = rank_quality(index, queries)
    print(f"\nsearch quality: MRR={mrr:.3f} success@1={s1:.3f} over {len(queries)} queries")
    for m in misses:
        print("  miss", m)
    assert mrr >= 0.9, misses
    assert s1 >= 0.85, misses


def test_ranking_quality_on_the_default_kb(real_index: SearchIndex) -> None:
    """The same bar on `open_kb()` as it is now, over the queries whose document it holds."""
    kb = real_index.kb
    queries = [q for q in _load_queries() if kb.get(q["expected"]) is not None]
    assert len(queries) >= 20
    mrr, s1, _ = rank_quality(real_index, queries)
    print(f"\ndefault KB: MRR={mrr:.3f} success@1={s1:.3f} over {len(queries)} queries")
    assert mrr >= 0.9 and s1 >= 0.85


def test_ranking_quality_on_queries_written_before_seeing_results(real_index: SearchIndex) -> None:
    """A second query set, by another writer (tests/search_queries_drafters.json): natural
    phrases, laws by name and year, loose and glued symbols, abbreviations, relation words."""
    table = json.loads(QUERIES.with_name("search_queries_drafters.json").read_text(encoding="utf-8"))["queries"]
    kb = real_index.kb
    queries = [q for q in table if any(kb.get(e) is not None for e in q["expected"])]
    assert len(queries) >= 90
    mrr, s1, misses = rank_quality(real_index, queries)
    print(f"\ndrafters' queries: MRR={mrr:.3f} success@1={s1:.3f} over {len(queries)} queries")
    assert mrr >= 0.95 and s1 >= 0.93, misses


def test_accented_and_unaccented_queries_agree(index: SearchIndex) -> None:
    """The same query typed with and without diacritics puts the same document first."""
    checked = 0
    for q in _load_queries():
        text = q["query"]
        if not analysis.has_diacritics(text):
            continue
        plain = fold(text)
        assert first_id(index, text) == first_id(index, plain), text
        checked += 1
    assert checked >= 10


def test_exact_diacritics_rank_above_folded_matches(index: SearchIndex) -> None:
    """'luật' and 'lưu' fold alike in part; typed accents must win ties."""
    res = index.search("an ninh mạng", limit=3)
    assert res.results[0].id == "qh/2018/24"


@pytest.mark.parametrize("backend", BACKENDS)
def test_accented_queries_need_no_segmenter_and_find_what_unaccented_ones_do(
        tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """An accented query is read without the CRF segmenter (its model took 0.5-3 s to load in
    every `cancu search` process) and requires the words the unaccented one requires: "số"
    of "chữ ký số" is the subject, only "số" of "một số" is glue. Typed accents still rank
    exact spellings first: "phân" above "phản"."""
    from cancu.graph import search as search_module

    kb = EmptyKB(tmp_path)
    titles = {"cp/2007/nd/26": "Quy định chi tiết thi hành Luật Giao dịch điện tử về chữ ký số",
              "btp/2020/tt/1": "Quy định mẫu chữ ký của cán bộ tư pháp",
              "cp/2019/nd/84": "Quản lý phân bón",
              "cp/2019/nd/85": "Quản lý phản ánh"}
    for doc_id, title in titles.items():
        kb._put(Document(doc_id, doc_type="Nghị định", title=title, issuer="CP"))
    index = SearchIndex.open(kb, backend=backend)

    def no_segmenter(text: str) -> tuple[str, ...]:
        raise AssertionError(f"the query was segmented: {text}")

    monkeypatch.setattr(analysis, "crf_words", no_segmenter)
    search_module._parse_query_cached.cache_clear()
    accented, plain = index.search("chữ ký số"), index.search("chu ky so")
    assert accented.total == plain.total
    assert [h.id for h in accented.results] == [h.id for h in plain.results]
    assert accented.results[0].id == "cp/2007/nd/26"
    assert first_id(index, "quản lý phân") == "cp/2019/nd/84"
    assert first_id(index, "quản lý phản") == "cp/2019/nd/85"
    assert index.search("quan ly phan").total == 2
    assert [g.optional for g in parse_query("một số quy định").groups] == [True, True, False, False]


@pytest.mark.parametrize("backend", BACKENDS)
def test_typed_accents_leave_out_other_words_when_enough_documents_hold_them(tmp_path: Path, backend: str) -> None:
    """"chuyển đổi số" lists what holds those words, not "chuyển đổi sở hữu", nor "số" as
    the number's word ("Nghị định số 23/2022/NĐ-CP" in every citation) or as "một số"
    (some); a count or a period after it ("số 6 tháng", "số ... 2021-2025") leaves it the
    subject's. Quoted, the same. Typed without accents, or with fewer than two documents
    so written, it finds both; with none so written it says the accents did not narrow it,
    naming the word no document writes so."""
    kb = EmptyKB(tmp_path)
    digital = {"ttg/2020/qd/749": "Phê duyệt Chương trình chuyển đổi số quốc gia",
               "qn/2022/kh/20": "Kế hoạch chuyển đổi số tỉnh giai đoạn 2021-2025",
               "qn/2023/kh/31": "Báo cáo kết quả chuyển đổi số 6 tháng đầu năm 2023"}
    ownership = {"cp/2022/nd/23": "Về thành lập, sắp xếp lại, chuyển đổi sở hữu doanh nghiệp",
                 "cp/2021/nd/148": "Về quản lý nguồn thu từ chuyển đổi sở hữu doanh nghiệp",
                 "btc/2020/tt/111": "Hướng dẫn một số nội dung về xử lý tài chính khi chuyển đổi đơn vị"}
    for doc_id, title in {**digital, **ownership}.items():
        kb._put(Document(doc_id, doc_type="Nghị định", title=title, issuer="CP"))
    for n, doc_id in enumerate(ownership, 1):
        kb._contexts[doc_id].append(f"Căn cứ Nghị định số {n}/2022/NĐ-CP ngày 04/5/2022 của Chính phủ {ownership[doc_id]};")
    # Ingested plans hold a full text, where "số" stands in every one ("Số: 12/KH-UBND",
    # "số lượng"): it tells nothing of the subject.
    plans = {f"qn/2024/kh/{n}": f"Chuyển đổi sở hữu doanh nghiệp nhà nước đợt {n}" for n in (12, 13, 14)}
    for doc_id, title in plans.items():
        kb._put(Document(doc_id, doc_type="Kế hoạch", title=title, issuer="UBND",
                         text=f"Số: {doc_id[-2:]}/KH-UBND\nKẾ HOẠCH\n{title}\nThực hiện chuyển đổi sở hữu, số lượng ..."))
    index = SearchIndex.open(kb, backend=backend)

    exact = index.search("chuyển đổi số")
    assert {h.id for h in exact.results} == set(digital) and exact.notice is None, exact.notice
    assert {h.id for h in index.search('"chuyển đổi số"').results} == set(digital)
    plain = index.search("chuyen doi so")
    assert {h.id for h in plain.results} == set(digital) | set(ownership) | set(plans)
    assert plain.notice is None, plain.notice  # typed without accents: nothing to narrow
    # A word typed with a wrong accent: every folded match, the more words written as
    # typed the higher, and a notice that none holds the words as typed.
    wrong = index.search("chuyễn đổi số")
    ranked = [h.id for h in wrong.results]
    assert set(ranked[:3]) == set(digital) and len(ranked) == 9, ranked
    assert wrong.notice and wrong.notice.startswith("Không văn bản nào có từ “chuyễn” viết đúng dấu"), wrong.notice
    assert "khi bỏ dấu" in wrong.notice
    # Words each written so somewhere, which a filter leaves in no title together: no typo.
    filtered = index.search("chuyển đổi số", doc_type="Kế hoạch")
    assert filtered.total and filtered.notice is None, filtered.notice
    # Two documents so written are enough to leave the others out; one, which a wrong tone
    # making another real word may find, is not: it comes first.
    kb._docs.pop("qn/2023/kh/31")
    kb.version += 1
    assert {h.id for h in index.search("chuyển đổi số").results} == {"ttg/2020/qd/749", "qn/2022/kh/20"}
    kb._docs.pop("qn/2022/kh/20")
    kb.version += 1
    alone = index.search("chuyển đổi số")
    ranked = [h.id for h in alone.results]
    assert ranked[0] == "ttg/2020/qd/749" and len(ranked) == 7, ranked
    assert alone.notice is None, alone.notice  # one is no sign of a typo: a title named whole


def test_filters_facets_and_pagination(index: SearchIndex) -> None:
    res = index.search("công nghệ thông tin", doc_type="nghi dinh", limit=5)
    assert res.total > 0
    assert all(h.doc_type == "Nghị định" for h in res.results)
    assert set(res.facets["doc_type"]) == {"Nghị định"}
    by_issuer = index.search("công nghệ thông tin", issuer="Chính phủ", year_from=2019, year_to=2020)
    assert by_issuer.total > 0
    assert all(h.issuer == "CP" and h.date and "2019" <= h.date[:4] <= "2020" for h in by_issuer.results)
    all_hits = index.search("thông tư", limit=5, page=1)
    page2 = index.search("thông tư", limit=5, page=2)
    assert all_hits.total == page2.total and all_hits.total > 10
    assert not {h.id for h in all_hits.results} & {h.id for h in page2.results}
    facets = all_hits.facets
    assert set(facets) == {"doc_type", "issuer", "level", "province", "year", "status"}
    assert sum(facets["doc_type"].values()) == all_hits.total


def test_province_filter(index: SearchIndex) -> None:
    res = index.search("kế hoạch", province="quang ngai")
    assert res.total >= 3
    assert all(fold(index.kb.get(h.id).province or "") == "quang ngai" for h in res.results)


def test_document_known_only_from_citations_is_found_by_subject(index: SearchIndex) -> None:
    # 61/KH-UBND has no title anywhere: only the seeds' sentences citing it.
    res = index.search("kế hoạch thực hiện nghị quyết 17 phát triển chính phủ điện tử quảng ngãi")
    assert "ubnd.quang-ngai/2019/kh/61" in [h.id for h in res.results[:3]]


def test_snippets_are_escaped_and_marked(index: SearchIndex) -> None:
    res = index.search("mot cua lien thong", limit=3)
    snip = res.results[0].snippet
    assert "<mark>" in snip
    assert make_snippet(["<b>thủ tục</b> hành chính"], {"thu"}) == "&lt;b&gt;<mark>thủ</mark> tục&lt;/b&gt; hành chính"


def test_json_shape(index: SearchIndex) -> None:
    data = index.search("an toàn thông tin").to_json()
    assert list(data) == ["total", "took_ms", "results", "facets"]
    assert list(data["results"][0]) == ["id", "symbol", "doc_type", "title", "date", "issuer",
                                        "province", "status", "score", "snippet", "status_note",
                                        "replaced_by", "replaced_by_label"]
    json.dumps(data, ensure_ascii=False)


@pytest.mark.parametrize("query", [
    "", "   ", '"', "*", ":", "(", ")", "AND", "-", "OR NOT", '"thủ tục', "title:x", "a AND (b",
    "-thông", "--", "???", "x" * 10_000, "thủ tục hành chính " * 600, "61/2018/NĐ-CP" * 500,
])
def test_odd_queries_never_raise_anything_but_search_error(index: SearchIndex, query: str) -> None:
    try:
        res = index.search(query)
    except SearchError as exc:
        assert exc.message
        return
    assert res.total >= 0
    assert len(query) <= MAX_QUERY_CHARS or res.took_ms < 5000


def test_a_province_filter_reads_the_name_as_written(index: SearchIndex) -> None:
    """"tỉnh Quảng Ngãi" filtered to nothing while "Quảng Ngãi" found 20 plans (rev41), and a
    province no map knows answered "nothing found" as if it had no documents."""
    as_named = [h.id for h in index.search("kế hoạch", province="Quảng Ngãi").results]
    assert as_named
    assert [h.id for h in index.search("kế hoạch", province="tỉnh Quảng Ngãi").results] == as_named
    assert [h.id for h in index.search("kế hoạch", province="quang ngai").results] == as_named
    with pytest.raises(SearchError, match="Không rõ tỉnh"):
        index.search("đất đai", province="Atlantis")


def test_bad_arguments_give_vietnamese_messages(index: SearchIndex) -> None:
    with pytest.raises(SearchError, match="trang"):
        index.search("luật", page=0)
    with pytest.raises(SearchError, match="Khoảng năm"):
        index.search("luật", year_from=2020, year_to=2010)
    # A mistyped filter value is no "nothing found": that would say the KB lacks documents.
    with pytest.raises(SearchError, match="loại văn bản"):
        index.search("đất đai", doc_type="xyz")
    with pytest.raises(SearchError, match="tình trạng"):
        index.search("đất đai", status="bogus")
    with pytest.raises(SearchError, match="cơ quan ban hành"):
        index.search("đất đai", issuer="XYZ")
    # Every issuer the results offer as a facet, by code or name, is no error.
    offered_issuers = index.search("công nghệ thông tin", limit=50).facets["issuer"]
    for value in [v for v in offered_issuers if not v.startswith("(")][:10]:
        assert index.search("công nghệ thông tin", issuer=value).total > 0, value
    # A type the vocabulary lacks but the KB holds (a seed's "Phụ lục") is a facet value
    # the page offers: it finds its documents.
    offered = index.search("kế hoạch", limit=50).facets["doc_type"]
    for value in [v for v in offered if not v.startswith("(")]:
        assert index.search("kế hoạch", doc_type=value).total == offered[value], value


def test_the_unknown_facet_value_filters_too(index: SearchIndex) -> None:
    # The result list shows "(chưa xác định)" for documents of unknown status; choosing it
    # must list them, not nothing.
    res = index.search("công nghệ thông tin", limit=50)
    unknown = res.facets["status"].get("(chưa xác định)", 0)
    assert unknown > 0
    chosen = index.search("công nghệ thông tin", status="chưa xác định", limit=50)
    assert chosen.total == unknown
    assert all(not h.status for h in chosen.results)
    # A known status leaves those out, and says how many it left out.
    known = index.search("công nghệ thông tin", status="Hết hiệu lực toàn bộ")
    assert known.notice and f"{unknown} văn bản" in known.notice, known.notice
    assert chosen.notice is None


def test_empty_query_browses_newest_first(index: SearchIndex) -> None:
    res = index.search("", doc_type="Luật", limit=5)
    assert res.total > 100
    dates = [h.date for h in res.results]
    assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_kb(tmp_path: Path, backend: str) -> None:
    index = SearchIndex.open(EmptyKB(tmp_path), backend=backend)
    res = index.search("nghị định")
    assert res.total == 0 and res.results == []


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_symbol_after_relation_words_names_the_document_guided(tmp_path: Path, backend: str) -> None:
    """"hướng dẫn nghị định 61/2018" asks for the guidance of the decree, not the decree,
    though the plans citing the decree write "hướng dẫn" beside it."""
    kb = EmptyKB(tmp_path)
    kb._put(Document("cp/2018/nd/61", doc_type="Nghị định", symbol="61/2018/NĐ-CP", issuer="CP",
                     date=dt.date(2018, 4, 23), title="Về thực hiện cơ chế một cửa, một cửa liên thông"))
    kb._put(Document("vpcp/2018/tt/1", doc_type="Thông tư", symbol="01/2018/TT-VPCP", issuer="VPCP",
                     date=dt.date(2018, 11, 23),
                     title="Hướng dẫn thi hành một số quy định của Nghị định số 61/2018/NĐ-CP ngày 23 tháng 4 năm "
                           "2018 của Chính phủ về thực hiện cơ chế một cửa, một cửa liên thông"))
    kb._contexts["cp/2018/nd/61"] += [
        f"{who} hướng dẫn các cơ quan triển khai Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ."
        for who in ("Sở Nội vụ", "Văn phòng UBND tỉnh", "Sở Thông tin và Truyền thông", "UBND huyện", "Sở Tư pháp")]
    index = SearchIndex.open(kb, backend=backend)
    assert first_id(index, "hướng dẫn nghị định 61/2018") == "vpcp/2018/tt/1"
    assert first_id(index, "nghị định 61/2018") == "cp/2018/nd/61"
    # Without a type word after them, the relation words may open the title of the document
    # whose own symbol follows.
    assert first_id(index, "hướng dẫn 01/2018/TT-VPCP") == "vpcp/2018/tt/1"


@pytest.mark.parametrize("backend", BACKENDS)
def test_index_follows_kb_version(tmp_path: Path, backend: str) -> None:
    kb = EmptyKB(tmp_path)
    index = SearchIndex.open(kb, backend=backend)
    assert index.search("an toàn thông tin").total == 0
    kb._put(Document("qh/2015/86", doc_type="Luật", symbol="86/2015/QH13", issuer="QH",
                     date=dt.date(2015, 11, 19), title="An toàn thông tin mạng"))
    kb.version += 1
    assert first_id(index, "an toan thong tin mang") == "qh/2015/86"
    kb._docs.pop("qh/2015/86")
    kb.version += 1
    assert index.search("an toan thong tin mang").total == 0
    # A second opener (another process) sees the same, up-to-date index.
    assert SearchIndex.open(kb, backend=backend).search("luật").total == 0
    # A changed document is re-indexed; the others stay.
    kb._put(Document("qh/2018/24", doc_type="Luật", symbol="24/2018/QH14", issuer="QH",
                     date=dt.date(2018, 6, 12), title="An ninh mạng"))
    kb._put(Document("qh/2006/81", doc_type="Luật", symbol="81/2006/QH11", issuer="QH",
                     date=dt.date(2006, 11, 29), title="Cư trú"))
    kb.version += 1
    assert first_id(index, "luat an ninh mang") == "qh/2018/24"
    kb._put(Document("qh/2018/24", doc_type="Luật", symbol="24/2018/QH14", issuer="QH",
                     date=dt.date(2018, 6, 12), title="An ninh quốc phòng"))
    kb.version += 1
    assert first_id(index, "an ninh quoc phong") == "qh/2018/24"
    assert index.search("mạng").total == 0
    assert index.search("cư trú").total == 1


def test_concurrent_searches(index: SearchIndex) -> None:
    errors: list[BaseException] = []
    expected = first_id(index, "nd 61/2018")

    def run() -> None:
        try:
            for _ in range(5):
                assert first_id(index, "nd 61/2018") == expected
                index.search("chính phủ điện tử", doc_type="Nghị quyết")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors


# --- the two engines ----------------------------------------------------------------------------

def _rank_of(index: SearchIndex, query: str, expected: str) -> int | None:
    ids = [h.id for h in index.search(query, limit=10).results]
    return ids.index(expected) + 1 if expected in ids else None


def test_tantivy_answers_equal_whoosh(indexes: dict[str, SearchIndex]) -> None:
    """The same analysis and ranking on both engines: over the query set and the symbol
    forms, tantivy's first result is whoosh's, or the expected document ranks at least as
    high in tantivy as in whoosh."""
    whoosh, tantivy = indexes["whoosh"], indexes["tantivy"]
    cases = [(q["query"], q["expected"]) for q in _load_queries()] + SYMBOL_FORMS
    worse: list[str] = []
    same_first = 0
    for query, expected in cases:
        w_first, t_first = first_id(whoosh, query), first_id(tantivy, query)
        if w_first == t_first:
            same_first += 1
            continue
        w_rank, t_rank = _rank_of(whoosh, query, expected), _rank_of(tantivy, query, expected)
        if t_rank is None or (w_rank is not None and t_rank > w_rank):
            worse.append(f"{query!r}: whoosh {w_first} (gold rank {w_rank}), "
                         f"tantivy {t_first} (gold rank {t_rank})")
    print(f"\nsame first result on {same_first}/{len(cases)} queries")
    assert not worse, worse


@pytest.mark.parametrize("query,filters", [
    ("công nghệ thông tin", {"doc_type": "nghi dinh"}),
    ("thông tư", {}),
    ("", {"doc_type": "Luật"}),
    ("kế hoạch", {"province": "quang ngai"}),
    ("cong nghe thong tin", {"issuer": "Chính phủ", "year_from": 2019, "year_to": 2020}),
    ("nd 61/2018", {}),
])
def test_engines_agree_on_totals_and_facets(indexes: dict[str, SearchIndex], query: str,
                                            filters: dict) -> None:
    w = indexes["whoosh"].search(query, limit=5, **filters)
    t = indexes["tantivy"].search(query, limit=5, **filters)
    assert w.total == t.total
    assert w.facets == t.facets


def test_backend_switch(kb, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from cancu.graph.search_tantivy import TantivySearchIndex

    monkeypatch.delenv(BACKEND_ENV, raising=False)
    default = SearchIndex.open(kb)
    assert default.backend == DEFAULT_BACKEND
    monkeypatch.setenv(BACKEND_ENV, "whoosh")
    assert isinstance(SearchIndex.open(kb), WhooshSearchIndex)
    monkeypatch.setenv(BACKEND_ENV, "tantivy")
    opened = SearchIndex.open(kb)
    assert isinstance(opened, TantivySearchIndex)
    assert opened.path == Path(kb.dir) / "index-tantivy"
    assert isinstance(SearchIndex.open(kb, backend="whoosh"), WhooshSearchIndex)  # the caller wins
    with pytest.raises(SearchError, match="bộ máy"):
        SearchIndex.open(kb, backend="lucene")


def test_cli_backend_option(kb, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import argparse

    from cancu.graph import cli_search

    monkeypatch.setattr("cancu.graph.kb.open_kb", lambda _dir=None: kb)
    parser = argparse.ArgumentParser()
    cli_search.register(parser.add_subparsers())
    for backend in BACKENDS:
        args = parser.parse_args(["search", "nd", "61/2018", "--json", "--backend", backend])
        assert args.func(args) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["results"][0]["id"] == "cp/2018/nd/61"


def test_a_long_text_holding_every_word_does_not_hide_the_documents_on_the_subject(real_index: SearchIndex) -> None:
    """On the default KB only the seed annex (a long template) holds every word of "thong tu
    huong dan luat phi va le phi" somewhere; the decree and circular on fees lack one word
    ("thong tu" or "luat") but are what is asked: they are answered too, first."""
    ids = [h.id for h in real_index.search("thong tu huong dan luat phi va le phi", limit=5).results]
    assert "cp/2016/nd/120" in ids[:3], ids
    assert ids[0] != "file/004-a64202b8bb617c35", ids


def test_results_of_one_number_show_their_province_and_date(tmp_path: Path) -> None:
    """Three "151/KH-UBND" (two provinces, three years) read alike in a result list but
    for the province and the date each line now shows (#6)."""
    from cancu.graph.cli_search import format_table
    from cancu.graph.kb import KnowledgeBase
    from cancu.ingest.extract import extract_text

    plan = ("ỦY BAN NHÂN DÂN\nTỈNH {upper}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 151/KH-UBND          {place}, ngày {date}\nKẾ HOẠCH\nChuyển đổi số tỉnh {place} năm {year}\n\n"
            "Căn cứ Quyết định số 749/QĐ-TTg ngày 03/6/2020 của Thủ tướng Chính phủ;\n")
    kb = KnowledgeBase(tmp_path / "kb")
    for place, date, year in (("Quảng Ngãi", "21 tháng 12 năm 2020", 2021), ("Quảng Ngãi", "09 tháng 12 năm 2019", 2020),
                              ("Gia Lai", "05 tháng 8 năm 2025", 2025)):
        text = plan.format(upper=place.upper(), place=place, date=date, year=year)
        kb.add_extraction(extract_text(text, file=f"kh151_{year}.txt"), source_file=f"kh151_{year}.txt")
    response = SearchIndex.open(kb).search("151/KH-UBND")
    assert {(h.province, h.date) for h in response.results} == {
        ("Quảng Ngãi", "2020-12-21"), ("Quảng Ngãi", "2019-12-09"), ("Gia Lai", "2025-08-05")}
    assert {r["province"] for r in response.to_json()["results"]} == {"Quảng Ngãi", "Gia Lai"}
    lines = format_table(response).splitlines()
    for shown in ("Kế hoạch 151/KH-UBND (Quảng Ngãi)  [2020-12-21]", "Kế hoạch 151/KH-UBND (Quảng Ngãi)  [2019-12-09]",
                  "Kế hoạch 151/KH-UBND (Gia Lai)  [2025-08-05]"):
        assert any(line.endswith(shown) for line in lines), lines
    # A central document has no province to show.
    central = SearchIndex.open(kb).search("749/QĐ-TTg").results[0]
    assert central.province is None


def test_an_answer_of_documents_holding_some_words_says_so(real_index: SearchIndex) -> None:
    """"quy định nuôi chó mèo trên sao Hỏa": no document holds every word, and thousands
    hold one, the first as sure-looking as an answer. The notice says the match is partial;
    an answer whose documents hold every word has none."""
    for query in ("quy định nuôi chó mèo trên sao Hỏa", "nghị định quidditch", "luật quidditch"):
        partial = real_index.search(query, limit=5)
        assert partial.total and partial.notice and "chỉ khớp một phần" in partial.notice, (query, partial.notice)
    for query in ("chữ ký số", "Luật Đất đai", "thong tu huong dan luat phi va le phi"):
        whole = real_index.search(query, limit=5)
        assert whole.total and whole.notice is None, (query, whole.notice)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_kb_rebuilt_in_its_folder_is_searched_as_it_now_is(tmp_path: Path, backend: str) -> None:
    """`cancu ingest --rebuild` builds a new KB in the old folder, and its version counts
    again from the start: after an upgrade brought a new catalog, an index of the old KB at
    the same version answered from the old one. The index now knows what KB it reflects."""
    from cancu.graph.kb import KnowledgeBase, SourceRecord

    def build(title: str) -> KnowledgeBase:
        kb = KnowledgeBase(tmp_path / "kb")
        record = SourceRecord(key="catalog:test", digest=title, kind="catalog")
        for attr, value in (("doc_type", "Nghị định"), ("issuer", "CP"), ("title", title)):
            record.facts.append(("cp/2020/nd/1", attr, value, "catalog:test"))
        kb.add_record(record)
        kb.save()
        return kb

    old = build("Quy định về quản lý phân bón")
    assert SearchIndex.open(old, backend=backend).search("phân bón").total == 1
    new = build("Quy định về quản lý thức ăn chăn nuôi")
    assert new.version == old.version
    index = SearchIndex.open(new, backend=backend)
    assert index.search("thức ăn chăn nuôi").total == 1
    assert index.search("phân bón").total == 0
