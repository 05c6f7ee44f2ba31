"""Every example in the data tables runs through the code that reads it (issue #2)."""

from __future__ import annotations

import pytest

from cancu.graph import vocab
from cancu.graph.symbol import parse_symbol

TYPES = vocab.load_table("types.json")["types"]
ISSUERS = vocab.load_table("issuers.json")["issuers"]
RELATIONS = vocab.load_table("relations.json")["relations"]


@pytest.mark.parametrize(
    "entry, symbol",
    [(t, s) for t in TYPES for s in t["examples"]["symbols"]],
    ids=lambda v: v if isinstance(v, str) else v["name"],
)
def test_type_symbol_examples(entry, symbol):
    sym = parse_symbol(symbol)
    assert sym is not None, symbol
    if entry["code"] is None and entry["name"] == "Công văn":
        assert sym.type_code is None and sym.klass.value == "official_letter"
    elif sym.type_code is None and vocab.issuer_base(sym.issuers[0]) in ("QH", "UBTVQH"):
        assert "normative" in entry["classes"]  # laws and resolutions: 80/2015/QH13
    elif entry["code"] is not None:
        assert sym.type_code == entry["code"]
        assert sym.klass.value in set(entry["classes"]) | {"irregular"}
    else:  # Bộ luật / Hiến pháp: QH symbols carry no type code
        assert sym.type_code is None


@pytest.mark.parametrize(
    "entry, symbol",
    [(t, s) for t in TYPES for s in t["examples"].get("party_symbols", ())],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_type_party_symbol_examples(entry, symbol):
    """A Party symbol written with one of the type's other Party codes ("144-QĐ/TW")."""
    sym = parse_symbol(symbol)
    assert sym is not None and sym.klass.value == "party"
    assert sym.type_code in entry["party_codes"]


@pytest.mark.parametrize(
    "entry, word",
    [(t, w) for t in TYPES for w in t["examples"]["words"]],
    ids=lambda v: v if isinstance(v, str) else v["name"],
)
def test_type_word_examples(entry, word):
    """The example phrase starts with a type word the table names."""
    matches = [v for v in (entry["name"], *entry["variants"]) if word.lower().startswith(v.lower())]
    assert matches, word
    assert vocab.doc_type_by_word(max(matches, key=len)).name in {entry["name"], *(
        t["name"] for t in TYPES if set(t["variants"]) & set(matches))}


@pytest.mark.parametrize(
    "entry, written, body",
    [(i, w, b) for i in ISSUERS for w, b in i.get("body_examples", ())],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_issuer_body_examples(entry, written, body):
    """A written Party issuer names one of the bodies sharing its code, or none."""
    assert vocab.issuer_by_name(written).code == entry["code"]
    assert vocab.issuer_body(vocab.issuer(entry["code"]), written) == body


@pytest.mark.parametrize(
    "entry, symbol",
    [(i, s) for i in ISSUERS for s in i["examples"]],
    ids=lambda v: v if isinstance(v, str) else v["code"],
)
def test_issuer_examples(entry, symbol):
    sym = parse_symbol(symbol)
    assert sym is not None, symbol
    codes = {vocab.issuer_base(code) for code in sym.issuers}
    # A historical body may number with a code that is another entry's: Hội đồng Chính
    # phủ's "169-CP" (1977) uses CP, which stays Chính phủ's code ('other_codes').
    assert entry["code"] in codes or codes & set(entry["other_codes"])


def test_historical_government_bodies():
    assert vocab.issuer_by_name("Hội đồng Chính phủ").code == "HĐCP"
    assert vocab.issuer_by_name("Hội đồng Bộ trưởng").code == "HĐBT"
    assert vocab.lookup_issuer_code("CP") == "CP"  # not taken over by Hội đồng Chính phủ
    assert (vocab.issuer("HĐCP").valid_to, vocab.issuer("HĐBT").valid_from) == ("1981-07-04", "1981-07-04")


@pytest.mark.parametrize(
    "written, code",
    [("TTCP", "TTg"), ("Thủ tướng", "TTg"), ("UBND tỉnh", "UBND"), ("Uỷ ban nhân dân", "UBND"),
     ("Ủy ban nhân dân", "UBND"), ("Ban Bí thư Trung ương Đảng", "TW"), ("Bộ Chính trị", "TW"),
     ("Bộ Thông tin và Truyền thông", "BTTTT"), ("bo thong tin va truyen thong", "BTTTT"),
     ("Chính phủ", "CP"), ("Ban Thường vụ Tỉnh uỷ", "TU")],
)
def test_issuer_spellings(written, code):
    assert vocab.issuer_by_name(written).code == code


def test_issuer_validity_periods():
    btttt = vocab.issuer("BTTTT")
    assert btttt.valid_to == "2025-02-18"
    assert vocab.issuer("QH14").code == "QH"  # term stripped


def test_relations_table_is_complete():
    from cancu.graph.model import Relation

    assert {r["name"] for r in RELATIONS} == {r.value for r in Relation}
    for r in Relation:
        assert r.active_heading and r.passive_heading and r.eli_property


def test_mixed_case_codes_keep_case():
    for code in ("QyĐ", "CTr", "TTr", "TrS", "QĐi"):
        assert vocab.canonical_type_code(code.upper()) == code


@pytest.mark.parametrize("example", vocab.load_table("legal_force.json")["examples"], ids=lambda e: e["as"])
def test_legal_force_examples(example):
    assert vocab.legal_force(example["type"], example["issuer"]) == example["rank"]


def test_legal_force_orders_the_hierarchy():
    """A decree outranks a circular, which outranks a provincial decision; a Party
    resolution is outside the state hierarchy."""
    decree, circular = vocab.legal_force("Nghị định", "CP"), vocab.legal_force("Thông tư", "BTC")
    local = vocab.legal_force("Quyết định", "UBND")
    assert decree is not None and circular is not None and local is not None
    assert decree < circular < local
    assert vocab.legal_force("Nghị quyết", "TW") is None
    assert vocab.legal_force(None, "CP") is None


SUBJECT_LINK_EXAMPLES = [ex for entry in vocab.load_table("subject_links.json")["links"] for ex in entry["examples"]]


@pytest.mark.parametrize("example", SUBJECT_LINK_EXAMPLES, ids=lambda e: e["text"][:40])
def test_subject_link_examples(example):
    """A task naming the body or the tool gains the words of the documents governing it."""
    from cancu.graph.suggest import expand_query

    expanded = expand_query(example["text"])
    assert expanded.startswith(example["text"])
    for phrase in example["adds"]:
        assert phrase in expanded[len(example["text"]):], (phrase, expanded)
    for phrase in example.get("adds_not", ()):  # a link that must not fire on a near phrase
        assert phrase not in expanded[len(example["text"]):], (phrase, expanded)


def test_subject_links_match_whole_words_only():
    """"chi phí" (cost) is no fee: only the table's whole phrases trigger a link."""
    from cancu.graph.suggest import expand_query

    assert expand_query("Dự toán chi phí đầu tư xây dựng") == "Dự toán chi phí đầu tư xây dựng"
    assert "phí và lệ phí" in expand_query("Thu LỆ PHÍ cấp giấy phép")


PERIOD_EXAMPLES = vocab.load_table("plan_periods.json")["examples"]


@pytest.mark.parametrize("example", PERIOD_EXAMPLES, ids=lambda e: e["title"][:40])
def test_plan_period_examples(example):
    """The last year of the period a title names; dates are no periods."""
    from cancu.graph.periods import period_end

    doc_type = example.get("doc_type")
    assert period_end(example["title"], doc_type) == example["ends"]
    assert period_end(example["title"].upper(), doc_type) == example["ends"]


BOILERPLATE_EXAMPLES = vocab.load_table("subject_links.json")["title_boilerplate"]["examples"]
GENERIC_EXAMPLES = vocab.load_table("subject_links.json")["generic_pairs"]["examples"]


@pytest.mark.parametrize("example", GENERIC_EXAMPLES, ids=lambda e: e["text"][:40])
def test_generic_pairs_examples(example):
    """A task's subject is told by its words that are not common to every field: "du lịch"
    of "phát triển du lịch", none of "phát triển kinh tế - xã hội"."""
    from cancu.graph.suggest import fold, specific_pairs

    assert specific_pairs(example["text"]) == {"_".join(fold(p).split()) for p in example["specific"]}


@pytest.mark.parametrize("example", BOILERPLATE_EXAMPLES, ids=lambda e: e["text"][:40])
def test_title_boilerplate_examples(example):
    """What names the act ("sửa đổi, bổ sung", "quy định chi tiết") leaves the query that
    matches titles; a text of boilerplate only keeps it."""
    from cancu.graph.suggest import subject_terms

    assert [t for t in subject_terms(example["text"]) if "_" in t] == example["keeps"]


def test_period_phrases_are_read_with_the_tables_cues():
    """The subject of a task leaves out when it is: the cues of data/plan_periods.json with
    their years, accented or not; "Nam" of "Việt Nam 2030" is the country."""
    from cancu.graph.periods import period_phrase

    found = [m.group(0) for m in period_phrase().finditer(
        "Kế hoạch giai đoạn 2021 - 2025, định hướng đến năm 2030; ke hoach nam 2026; Việt Nam 2030")]
    assert found == ["giai đoạn 2021 - 2025", "đến năm 2030", "nam 2026"]


@pytest.mark.parametrize(
    "entry,province,named",
    [(i, p, n) for i in ISSUERS for p, n in i.get("place_examples", ())],
)
def test_issuer_place_examples(entry, province, named):
    """A local body as a citation names it: "Tỉnh ủy Quảng Ngãi", never "Tỉnh ủy tỉnh Quảng Ngãi"."""
    from cancu.graph.citation import issuer_phrase
    from cancu.graph.model import Document

    doc = Document("x", doc_type="Nghị quyết", issuer=entry["code"], province=province)
    assert issuer_phrase(doc) == named



@pytest.mark.parametrize(("entry", "written"), [(e, v) for e in ISSUERS for v in e["variants"]],
                         ids=lambda x: x if isinstance(x, str) else x["code"])
def test_every_issuer_variant_names_its_issuer(entry, written):
    """Each variant in data/issuers.json is an example the tests run."""
    assert vocab.issuer_by_name(written).code == entry["code"]


@pytest.mark.parametrize(("written", "code"), [
    ("Sở TT&TT", "STTTT"), ("Sở TTTT", "STTTT"), ("sở tt&tt", "STTTT"), ("Sở KH&ĐT", "SKHĐT"),
    ("Sở GD&ĐT", "SGDĐT"), ("Sở TN&MT", "STNMT"), ("Sở NN&PTNT", "SNNPTNT"), ("Bộ TT&TT", "BTTTT"),
])
def test_short_department_names_drafters_type(written, code):
    """The short forms drafters type for --issuer name the body as its full name does: in
    the vocabulary, in a search filter and in the suggester's reading of --issuer."""
    from cancu.graph.search import Filters
    from cancu.graph.suggest import issuer_codes

    assert vocab.issuer_by_name(written).code == code
    assert Filters.make(issuer=written).issuer == Filters.make(issuer=code).issuer
    assert issuer_codes(written) == [code]


HORIZON_EXAMPLES = vocab.load_table("plan_periods.json")["horizon_examples"]


@pytest.mark.parametrize("example", HORIZON_EXAMPLES, ids=lambda e: e["title"][:40])
def test_horizon_examples(example):
    """The years a title looks ahead to, not the year it is for."""
    from cancu.graph.periods import horizon_years

    assert horizon_years(example["title"]) == set(example["horizon"])
    assert horizon_years(example["title"].upper()) == set(example["horizon"])


YEAR_EXAMPLES = vocab.load_table("plan_periods.json")["year_examples"]


@pytest.mark.parametrize("example", YEAR_EXAMPLES, ids=lambda e: e["title"][:40])
def test_year_examples(example):
    """The years a title is for: each of a period, no horizon, no date, no law's year."""
    from cancu.graph.periods import years_for

    assert years_for(example["title"]) == set(example["years"])
