"""The national catalog: a compact table of facts derived from the shared corpora, and the
importer that loads it into a knowledge base.

Why a derived file: the installed product must work on a fresh machine with no
`../shared`, so `data/catalog.json.gz` ships with the package (facts only: symbols, types,
dates, issuers, titles, statuses, relations; well under 5 MB). `build_catalog` is the
script that makes it; `import_catalog` turns it into one `SourceRecord`, so re-importing
an unchanged catalog changes nothing and a new catalog replaces the old one's assertions.

Sources (see each folder's SOURCE.txt):
* NLP-TraCuuPhapDienVN (Bộ pháp điển điện tử): documents.csv (5,237 national documents),
  amendments.csv (target <- source: "sửa đổi", "bổ sung", "bãi bỏ"), related_documents.csv
  (undirected law–decree/circular pairs linked by "nội dung liên quan").
* vietnamese-law-mcp/census.json: 93 laws/codes with status and dates.
* data/catalog_supplement.json: laws the corpora lack that the shared docs state (Luật
  64/2025/QH15), read as census rows.
* tvpl-fulltext/manifest.csv: the central documents with a full text there that the pháp
  điển lacks (its snapshot predates the 2025 laws): symbol, type, date, heading.

Derivation rules (each a judgement the corpus supports, stated so it can be revisited):
* amendments: "sửa đổi"/"bổ sung" -> `amends`. "bãi bỏ" -> `repeals` only when it covers every
  pháp điển article taken from the target; a partial repeal is an `amends` edge whose note
  says "bãi bỏ một phần", and the target's status becomes "Hết hiệu lực một phần". (A
  `repeals` edge ends a document's validity as a căn cứ; a partial repeal does not.)
* related pairs: `guides` from the Nghị định/Thông tư to the Luật/Bộ luật/Pháp lệnh when
  the two share a đề mục or are linked by at least GUIDES_MIN_CROSS_LINKS articles, else
  `cites` from the newer document to the older. A decree detailing a law is codified under
  the law's đề mục; one or two links across subjects are a side remark (a museum-fee
  circular's exemption for the elderly links it to Luật Người cao tuổi, which it does not
  guide).
* headings: the article headings ("Điều 471. Họ, hụi, biêu, phường") of each law, code and
  ordinance with a full text in tvpl-fulltext, in text order, and those of the consolidated
  texts (văn bản hợp nhất) for the law they consolidate, named by number and name in their
  opening: what a law regulates, where its title names only its field.
* topics: the pháp điển đề mục ("33.3 Phí và lệ phí") whose articles come from the document,
  as written; the subject area a drafter's task shares with the laws of that đề mục.
* cited documents: central laws, codes, ordinances, decrees and resolutions that the căn cứ
  preambles of the tvpl-fulltext texts cite by number but neither source above lists (Luật
  Tổ chức Chính phủ 63/2025/QH15, the first căn cứ of every decree since March 2025): the
  number, type and issuer the citations give, the date most of them state (or the date of a
  citation of the law by name and year: "Luật Tổ chức Chính phủ ngày 18 tháng 02 năm
  2025"), and the law's name or the decree's subject as cited. Only preambles add
  documents: it is where a document names its bases in full.
* facts the pháp điển lacks: a known document's empty title or date is filled from the
  citations of the whole corpus texts when they agree (a preamble's citation counts
  twice, so one preamble or two body citations fill it), only with the row's type and a
  date of the symbol's year; and a document with a full text gets its entry into force
  from its own final article ("Luật này có hiệu lực thi hành từ ngày 01 tháng 3 năm 2025");
  a law without one, from what two or more texts state of it ("Luật Tổ chức Chính phủ 2025
  có hiệu lực từ ngày 01/03/2025"), when the name and year name one law.
* corpus bases: the căn cứ of each central document with a full text become `based_on`
  edges (provenance `catalog:corpus`, the citation as written) to the catalog document
  they name: by symbol and type, a law by name in the version of the cited year, else the
  latest issued by the citing document's date; a citation naming no single document adds
  nothing. An installation learns from them how real documents choose their bases.
* corpus endings: what the central documents with a full text end in their body ("Nghị
  định này thay thế Nghị định số 102/2017/NĐ-CP ...", "Bãi bỏ Nghị định số 44/2025/NĐ-CP",
  "Luật Doanh nghiệp số 68/2014/QH13 hết hiệu lực kể từ ngày Luật này có hiệu lực") become
  `replaces`/`repeals` edges to the catalog document named, found as for corpus bases, never
  one issued on or after the text's date; the target is "Hết hiệu lực toàn bộ" when the text
  was in force by the census date. An act on a part ("bãi bỏ khoản ... tại", "một số điều
  của": data/cite_words.json 'partial_acts') ends no document and is not taken.
* title guides: a Nghị định, Thông tư or Thông tư liên tịch whose title says what it details
  ("Hướng dẫn thi hành Nghị định số 84/CP ...", "Quy định chi tiết một số điều của Luật Đất
  đai": the `guides` cues of data/relations.json, read by the extractor) `guides` the
  document it names, found as for corpus bases (a law by name in the version issued by the
  guiding document's date); never one issued after it. The pháp điển pairs cover only
  documents codified under a đề mục, and a document detailing others lapses with them.
* census: a law the sources above lack is added; one they know fills its empty title,
  dates; a row whose number the texts give to another law (other name and other date:
  43/2024/QH15 is "Luật Công chứng 2024" in the census, the 29/6/2024 amendment of Luật Đất
  đai in its full text) is left out and listed under `census_conflicts`.
* census statuses: in_force -> Còn hiệu lực, amended -> Hết hiệu lực một phần (amended
  provisions expire), not_yet_in_force -> Chưa có hiệu lực.
* replacement: a Luật/Bộ luật with the same title as an earlier one, already in force when
  the census was made, `replaces` it (a new law of the same name repeals the old one in its
  final provisions); the older one becomes "Hết hiệu lực toàn bộ" unless the census says
  otherwise. Amending laws are not versions of one another ("sửa đổi, bổ sung một số điều
  của Luật Xử lý vi phạm hành chính" was passed in 2020 and again in 2025).
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import json
import os
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from cancu.graph import vocab
from cancu.graph.citation import is_amending_name, starts_with_type
from cancu.graph.dates import parse_date
from cancu.graph.effective import effective_date
from cancu.graph.identity import document_id, name_id
from cancu.graph.kb import EdgeAssertion, IngestReport, KnowledgeBase, SourceRecord
from cancu.graph.model import DocumentRef, Extraction, Provenance, Relation
from cancu.graph.resolve import name_key, subjects_agree
from cancu.graph.symbol import ETH, Symbol, parse_symbol
from cancu.graph.text import fold, latin_lookalikes, mend_horn_slips, mend_tone_slips, nfc, squash_ws
from cancu.graph.validity import STATUS_EXPIRED, STATUS_IN_FORCE, STATUS_NOT_YET, STATUS_PARTLY_EXPIRED

CATALOG_FORMAT = "cancu-catalog"
CATALOG_SCHEMA = 1
CATALOG_FILE = "catalog.json.gz"
FIELDS = ("symbol", "doc_type", "date", "effective_date", "issuer", "issuer_name", "title",
          "status", "vbpl", "aliases", "source", "topics", "headings")

CENSUS_STATUS = {"in_force": STATUS_IN_FORCE, "amended": STATUS_PARTLY_EXPIRED, "not_yet_in_force": STATUS_NOT_YET}
CENSUS_TYPES = {"constitution": "Hiến pháp", "code": "Bộ luật", "law": "Luật", "decree": "Nghị định",
                "ordinance": "Pháp lệnh", "resolution": "Nghị quyết"}
LAW_TYPES = frozenset({"Luật", "Bộ luật", "Pháp lệnh"})
GUIDING_TYPES = frozenset({"Nghị định", "Thông tư", "Thông tư liên tịch"})
GUIDES_MIN_CROSS_LINKS = 3
# Types of the tvpl-fulltext manifest taken into the catalog (not official letters, drafts
# or consolidated texts, which are not documents one rests on).
MANIFEST_TYPES = frozenset({"Hiến pháp", "Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Nghị quyết", "Thông tư",
                            "Thông tư liên tịch", "Quyết định", "Chỉ thị"})
# Types of documents the catalog takes from the citations of the corpus texts (see
# _cited_documents): the central documents a căn cứ preamble names by number.
CITED_TYPES = frozenset({"Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Nghị quyết"})
PREAMBLE_MAX = 20_000
# Joint issuers are written "A, B và C"; a comma inside one name ("Bộ Văn hóa, Thể thao và
# Du lịch") is not a separator, so split only before a word that starts an agency name.
_AGENCY_HEAD = r"(?:Bộ|Ngân hàng|Tòa|Toà|Viện|Ủy|Uỷ|Kiểm toán|Thanh tra|Văn phòng|Chính phủ|Thủ tướng|Quốc hội|Hội đồng|Tổng|Ban|Mặt trận|Liên đoàn|Trung ương|Chủ tịch)"
_ISSUER_SPLIT = re.compile(rf"(?:\s*,\s*|\s+và\s+)(?={_AGENCY_HEAD})")


class CatalogError(Exception):
    """A catalog that cannot be built or read; the message says what to do."""


# --- building --------------------------------------------------------------------------

def _issuer_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for issuer in vocab.issuers():
        for name in (issuer.name, *issuer.variants):
            index.setdefault(name_key(name), issuer.code)
    index.setdefault(name_key("Ngân hàng Nhà nước Việt Nam"), "NHNN")
    return index


def normalise_issuer(name: str, symbol: str | None, index: dict[str, str]) -> str | None:
    """Issuer code(s) for a written issuer ("Bộ công thương" -> BCT; joint: "BTC-BKHCN").
    Falls back to the codes the symbol carries when a name is not in the vocabulary."""
    parts = [p.strip(" .") for p in _ISSUER_SPLIT.split(squash_ws(name)) if p.strip(" .")]
    codes = [index.get(name_key(p)) for p in parts]
    sym = parse_symbol(symbol) if symbol else None
    if parts and all(codes):
        named = "-".join(dict.fromkeys(c for c in codes if c))
        own = vocab.issuer_base(sym.issuers[0]) if sym is not None and len(sym.issuers) == 1 else None
        if own and own != named and "-" not in named and _number_names_signer(sym, own):
            # "12/2018/QĐ-TTg" filed under "Chính phủ", "32/2010/TT-BYT" under "Bộ Tài
            # chính": the number says whose it is; it was cited "... của Chính phủ" (rev42).
            return own
        return named
    if sym is not None and sym.issuers:
        return "-".join(vocab.issuer_base(c) for c in sym.issuers)
    return None


# The codes a number names its signer by, whatever a source's issuer column says: the
# Government, the Prime Minister, the National Assembly and its Standing Committee. Not the
# President of "23-L/CTN" (who promulgates the Assembly's law), nor a department of a
# ministry ("21-TC/TCT": Tổng cục Thuế's number, the ministry's circular), nor the Council
# of Judges, whose resolutions the catalog files under the Supreme Court.
_SIGNER_CODES = frozenset({"CP", "TTg", "QH", "UBTVQH"})


def _number_names_signer(sym: Symbol, code: str) -> bool:
    """Whether `code`, the one issuer of symbol `sym`, names who signed it: one of
    `_SIGNER_CODES`, or a ministry in its own circular ("32/2010/TT-BYT"); a joint
    circular's number ("TTLT-BCA", cut) names only the first of its bodies."""
    if code in _SIGNER_CODES:
        return True
    return sym.type_code == "TT" and code.startswith("B") and vocab.issuer(code) is not None


# A row whose number sits in its title: "số 89/2015/NĐ-CP Sửa đổi, bổ sung ...", "số Số:
# 12/2018/QĐ-TTg về ...", "số Nghị quyết số: 24/2021/QH15 Phê duyệt ...", "13/2014/TTLT-...
# Hướng dẫn ...", "số Không số Về Hàm, cấp ngoại giao" (an ordinance without number).
_TITLE_NUMBER = re.compile(r"^(?:số\s+)?(?P<none>không\s+số\s+)?", re.IGNORECASE)
_TITLE_NUMBER_WITHIN = 5  # words before the symbol: "Số:", "Nghị quyết số:", "TT"


def _with_issuer(sym: Symbol, issuer: str | None) -> str | None:
    """A row's symbol cut before its issuer ("159/2006/NĐ", "68/2015/TT", issuer CP and
    BTNMT in their own columns) completed from the issuer column, or None. A joint
    document ("TTLT") only when the column lists more than one body: one alone may be the
    first of several (a type "liên tịch": TTLT, NQLT)."""
    if sym.issuers or not issuer or not sym.type_code:
        return None
    codes = [c for c in issuer.split("-") if c]
    if sym.type_code.upper().endswith("LT") and len(codes) < 2:
        return None  # TTLT, NQLT: liên tịch
    completed = parse_symbol(f"{sym.canonical()}-{'-'.join(codes)}")
    return completed.canonical() if completed is not None and completed.issuers else None


def _symbol_in_title(symbol: str, title: str) -> tuple[str, str]:
    """The row's symbol and title, the number moved out of a title that opens with it. Only
    "số", a type word or code and "số:" may stand before it: "số hóa hồ sơ theo 12/2020/NĐ-CP"
    is a title that cites a decree."""
    m = _TITLE_NUMBER.match(title) if not symbol else None
    if m is None:
        return symbol, title
    rest = title[m.end():]
    if m.group("none"):
        return "", rest
    words = rest.split()
    for n, word in enumerate(words[:_TITLE_NUMBER_WITHIN]):
        written = word.strip(":;,.")
        if "/" not in written or not any(ch.isdigit() for ch in written):
            continue
        lead = " ".join(words[:n]).rstrip(":").strip()
        lead = re.sub(r"\s*số$", "", lead, flags=re.IGNORECASE)
        if lead and vocab.doc_type_by_word(lead) is None and vocab.canonical_type_code(lead) is None:
            break  # other words first: the number is one the title cites
        if n == 0 and m.end() == 0 and parse_symbol(written) is None:
            break  # a title opening with "2019/2020 ..." without "số" is no symbol
        if n == 0 or parse_symbol(written):
            return written, " ".join(words[n + 1:])  # right after "số" even if unusual: "04/TT-BCA(X13)"
        break
    return symbol, title


def _read_csv(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise CatalogError(f"Không tìm thấy {path}. / Missing {path}: pass the shared corpus folder.")
    with path.open(encoding="utf-8", newline="") as fh:
        return [{k: nfc(v or "").translate(ETH).strip() for k, v in row.items()} for row in csv.DictReader(fh)]


def build_catalog_data(shared_corpus_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """The catalog as a dict (see the module docstring for every rule)."""
    root = Path(shared_corpus_dir)
    pd = root / "NLP-TraCuuPhapDienVN"
    if not pd.is_dir() and (root / "corpus" / "NLP-TraCuuPhapDienVN").is_dir():
        root = root / "corpus"
        pd = root / "NLP-TraCuuPhapDienVN"
    rows = _read_csv(pd / "documents.csv")
    amendments = _read_csv(pd / "amendments.csv")
    related = _read_csv(pd / "related_documents.csv")
    census_path = root / "vietnamese-law-mcp" / "census.json"
    census = json.loads(census_path.read_text(encoding="utf-8")) if census_path.exists() else {"laws": []}
    built_on = (census.get("generated_at") or "2026-01-01")[:10]
    # Laws the corpora lack, stated in the shared docs (data/catalog_supplement.json): read
    # as census rows, after them.
    census = {**census, "laws": [*census.get("laws", []), *vocab.load_table("catalog_supplement.json")["laws"]]}
    cutoff = dt.date.fromisoformat(built_on)
    issuers = _issuer_index()

    docs: list[dict[str, Any]] = []
    by_item: dict[str, int] = {}
    by_symbol: dict[str, list[int]] = defaultdict(list)  # one number may denote several documents
    articles: dict[int, int] = {}

    def add(entry: dict[str, Any]) -> int:
        docs.append(entry)
        idx = len(docs) - 1
        if entry.get("symbol"):
            by_symbol[entry["symbol"]].append(idx)
        return idx

    for r in rows:
        symbol, title = _symbol_in_title(r["symbol"], r["title"])
        sym = parse_symbol(symbol)
        code = normalise_issuer(r["issuer"], symbol, issuers)
        by_name = normalise_issuer(r["issuer"], None, issuers)
        entry: dict[str, Any] = {
            "symbol": sym.canonical() if sym else symbol,
            "doc_type": r["doc_type"] or None,
            "date": r["issue_date"] or None,
            "effective_date": r["effective_date"] or None,
            "issuer": code,
            # The column's name, unless the number named another signer (normalise_issuer).
            "issuer_name": squash_ws(r["issuer"]).rstrip(".") or None if by_name in (None, code) else None,
            # 27 titles carried a tone key pressed twice ("Hỉệp định", "tỉền vay"): as written
            # they show broken and match no accented query word (text.mend_tone_slips).
            "title": mend_tone_slips(squash_ws(title)).rstrip(" .;") or None,
            "status": None, "vbpl": r["vbpl_item_id"], "aliases": [], "source": "phapdien",
            "topics": _topics(r.get("demuc") or ""),
        }
        if sym is None and symbol:
            entry["aliases"].append(symbol)
        elif sym is not None and (completed := _with_issuer(sym, entry["issuer"])) is not None:
            entry["aliases"].append(entry["symbol"])
            entry["symbol"] = completed
        if entry["effective_date"] and dt.date.fromisoformat(entry["effective_date"]) > cutoff:
            entry["status"] = STATUS_NOT_YET
        idx = add(entry)
        by_item[r["vbpl_item_id"]] = idx
        articles[idx] = int(r["phapdien_articles"] or 0)

    relations: list[list[Any]] = []
    partly: set[int] = set()
    wholly: set[int] = set()
    for a in amendments:
        tgt = by_item.get(a["target_item_id"])
        src = by_item.get(a["source_item_id"])
        if src is None:
            sym = parse_symbol(a["source_symbol"])
            key = sym.canonical() if sym else a["source_symbol"]
            src = by_symbol[key][0] if key in by_symbol else None
            if src is None:
                src = add({"symbol": key, "doc_type": a["source_type"] or None, "date": None,
                           "effective_date": None, "issuer": normalise_issuer("", a["source_symbol"], issuers),
                           "issuer_name": None, "title": None, "status": None,
                           "vbpl": a["source_item_id"], "aliases": [], "source": "phapdien"})
                by_item[a["source_item_id"]] = src
        if tgt is None or src == tgt:
            continue
        kinds = [k for k in a["relation"].split("|") if k]
        affected = int(a["articles_affected"] or 0)
        changes = [k for k in kinds if k != "bãi bỏ"]
        if changes or not kinds:
            relations.append([src, Relation.AMENDS.value, tgt,
                              f"pháp điển: {', '.join(changes) or 'sửa đổi, bổ sung'} ({affected} điều)"])
        if "bãi bỏ" in kinds:
            if articles.get(tgt) and affected >= articles[tgt]:
                relations.append([src, Relation.REPEALS.value, tgt, f"pháp điển: bãi bỏ ({affected}/{articles[tgt]} điều)"])
                wholly.add(tgt)
            else:
                relations.append([src, Relation.AMENDS.value, tgt,
                                  f"pháp điển: bãi bỏ một phần ({affected}/{articles.get(tgt, '?')} điều)"])
                partly.add(tgt)

    for p in related:
        ia, ib = by_item.get(p["item_id_a"]), by_item.get(p["item_id_b"])
        if ia is None or ib is None or ia == ib:
            continue
        ta, tb = docs[ia]["doc_type"], docs[ib]["doc_type"]
        note = f"pháp điển: {p['article_links']} liên kết nội dung liên quan"
        law, lower = ((ia, ib) if ta in LAW_TYPES and tb in GUIDING_TYPES
                      else (ib, ia) if tb in LAW_TYPES and ta in GUIDING_TYPES else (None, None))
        if law is not None and lower is not None and _guides(docs[lower], docs[law], int(p["article_links"] or 0)):
            relations.append([lower, Relation.GUIDES.value, law, note])
        else:
            newer, older = (ia, ib) if (docs[ia]["date"] or "") >= (docs[ib]["date"] or "") else (ib, ia)
            relations.append([newer, Relation.CITES.value, older, note])

    # Documents with a full text in tvpl-fulltext that the pháp điển lacks (recent laws such
    # as Luật Tổ chức chính quyền địa phương 65/2025/QH15): facts from its manifest.
    # Its text also says when it takes effect, which the pháp điển may not know.
    corpus = _corpus_texts(root)
    for t in corpus:
        r = t.row
        sym = parse_symbol(r["symbol"]) if r["doc_type"] in MANIFEST_TYPES and r["symbol"] else None
        if sym is None:
            continue
        effective = _effective_date(t.text, r["doc_type"], r["issue_date"])
        if sym.canonical() in by_symbol:
            same = [docs[i] for i in by_symbol[sym.canonical()] if docs[i]["doc_type"] == r["doc_type"]]
            if len(same) == 1 and not same[0]["effective_date"] and effective:
                same[0]["effective_date"] = effective
            continue
        code = normalise_issuer(r["issuer"], r["symbol"], issuers)
        known = vocab.issuer(code.split("-")[0]) if code else None
        if known is None or known.local:
            continue  # a province's document needs its province, which the manifest lacks
        add({"symbol": sym.canonical(), "doc_type": r["doc_type"], "date": r["issue_date"] or None,
             "effective_date": effective, "issuer": code,
             "issuer_name": None,  # upper case in the manifest; the KB names the issuer from its code
             "title": _manifest_title(r["title"], r["doc_type"]), "status": None, "vbpl": None,
             "aliases": [], "source": "tvpl"})

    for entry in _cited_documents(corpus, docs, by_symbol):
        add(entry)

    census_status: dict[int, str] = {}
    conflicts: list[str] = []  # census numbers whose law is not the one the texts give
    for law in census.get("laws", []):
        number = (law.get("official_number") or "").strip()
        sym = parse_symbol(number) if number and number != "N/A" else None
        key = sym.canonical() if sym else None
        title = squash_ws(law.get("title") or "")
        short = squash_ws(law.get("short_name") or "")
        doc_type = CENSUS_TYPES.get(law.get("type", ""), None)
        # One number may denote a law and a resolution of the Quốc hội (93/2015/QH13): the
        # census row is the one of its type (a Luật and a Bộ luật are one kind: sources call
        # a code either).
        same_kind: frozenset[str | None] = LAW_TYPES if doc_type in LAW_TYPES else frozenset({doc_type})
        found = next((i for i in by_symbol.get(key, ()) if docs[i]["doc_type"] in same_kind), None) if key else None
        plain = re.sub(r"\s+\d{4}$", "", title)
        if doc_type and plain.lower().startswith(doc_type.lower() + " "):
            plain = plain[len(doc_type) + 1:]
        if found is not None:
            idx = found
            known = docs[idx]
            if _census_conflict(known, plain, law.get("issued_date")):
                conflicts.append(number)
                continue  # the census row names another law under this number
            # The census is a second source: it fills what the first ones left empty
            # (Luật Luật sư 65/2006/QH11 is a bare number in the pháp điển notes).
            for attr, value in (("title", plain or None), ("date", law.get("issued_date")),
                                ("effective_date", law.get("in_force_date"))):
                if not known.get(attr) and value:
                    known[attr] = value
        else:
            idx = add({"symbol": key, "doc_type": doc_type, "date": law.get("issued_date") or None,
                       "effective_date": law.get("in_force_date") or None,
                       "issuer": normalise_issuer("", number, issuers) if sym else None,
                       "issuer_name": None, "title": plain or title or None, "status": None,
                       "vbpl": None, "aliases": [], "source": "census"})
        entry = docs[idx]
        for alias in (title, short):
            if alias and alias not in entry["aliases"]:
                entry["aliases"].append(alias)
        status = CENSUS_STATUS.get(law.get("status", ""))
        if status:
            census_status[idx] = status
        if entry["source"] == "phapdien":
            # Census dates are a second source: equal values add support, others a conflict.
            entry.setdefault("census", {})
            entry["census"] = {k: v for k, v in (("date", law.get("issued_date")),
                                                   ("effective_date", law.get("in_force_date"))) if v}

    # Laws by name, once: the catalog adds no document after the census.
    law_names = _law_names(docs, LAW_TYPES | {"Hiến pháp"})
    _stated_effective_dates(corpus, docs, law_names)
    _amended_effective_dates(corpus, docs, by_symbol)
    _law_headings(corpus, docs, by_symbol)

    # Replacement: laws of the same title, the later one already in force.
    # An amending law is not a version of another one of the same title: "sửa đổi, bổ sung
    # một số điều của Luật Xử lý vi phạm hành chính" was passed in 2020 and again in 2025.
    by_title: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        if (d["doc_type"] in ("Luật", "Bộ luật") and d["title"] and d["date"]
                and not is_amending_name(d["title"])):
            by_title.setdefault(name_key(f"{d['doc_type']} {d['title']}"), []).append(i)
    for group in by_title.values():
        group.sort(key=lambda i: docs[i]["date"])
        for older, newer in zip(group, group[1:], strict=False):
            eff = docs[newer]["effective_date"] or docs[newer]["date"]
            if docs[older]["date"] == docs[newer]["date"] or not eff or dt.date.fromisoformat(eff) > cutoff:
                continue
            relations.append([newer, Relation.REPLACES.value, older, "suy ra: luật cùng tên ban hành sau"])
            wholly.add(older)

    relations.extend(_corpus_bases(corpus, docs, by_symbol, law_names))
    endings = _corpus_endings(corpus, docs, by_symbol, law_names)
    relations.extend(endings)
    for src, _rel, tgt, _note in endings:
        eff = docs[src].get("effective_date") or docs[src].get("date")
        if eff and dt.date.fromisoformat(eff) <= cutoff:
            wholly.add(tgt)
    relations.extend(_title_guides(docs, by_symbol, law_names))

    for i, d in enumerate(docs):
        if d.get("title"):  # "Nghị định số 155/2020/NĐ-СР" (Cyrillic С, Р), "nhà nưóc" in a source's title
            d["title"] = mend_horn_slips(latin_lookalikes(d["title"]))
        if i in census_status:
            d["status"] = census_status[i]
        elif i in wholly:
            d["status"] = STATUS_EXPIRED
        elif i in partly and d["status"] is None:
            d["status"] = STATUS_PARTLY_EXPIRED

    relations = [list(r) for r in dict.fromkeys(tuple(r) for r in relations)]
    return {
        "format": CATALOG_FORMAT, "schema": CATALOG_SCHEMA, "built_on": built_on,
        "built_from": {
            "phapdien": "NLP-TraCuuPhapDienVN (Bộ pháp điển điện tử): documents, amendments, related_documents",
            "tvpl": "tvpl-fulltext manifest.csv: documents the pháp điển lacks",
            "census": "vietnamese-law-mcp census.json " + built_on,
            "supplement": "data/catalog_supplement.json: laws the corpora lack, with their sources",
        },
        "fields": list(FIELDS) + ["census"],
        "documents": [[d.get(f) for f in FIELDS] + [d.get("census")] for d in docs],
        "relations": relations,
        # Census rows left out: their number denotes another law in the texts.
        "census_conflicts": conflicts,
    }


def build_catalog(shared_corpus_dir: str | os.PathLike[str], out_path: str | os.PathLike[str]) -> dict[str, Any]:
    """Build the catalog and write it as gzip JSON (deterministic bytes). Returns counts."""
    data = build_catalog_data(shared_corpus_dir)
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as gz:
        gz.write(payload)
    os.replace(tmp, out)
    by_rel: dict[str, int] = {}
    for r in data["relations"]:
        by_rel[r[1]] = by_rel.get(r[1], 0) + 1
    return {"documents": len(data["documents"]), "relations": by_rel, "bytes": out.stat().st_size,
            "census_conflicts": data["census_conflicts"], "path": str(out)}


# --- reading and importing ---------------------------------------------------------------

def read_catalog(path: str | os.PathLike[str]) -> dict[str, Any]:
    try:
        with gzip.open(path, "rb") as fh:
            data = json.loads(fh.read().decode("utf-8"))
    except (OSError, EOFError, ValueError) as exc:
        raise CatalogError(f"Không đọc được danh mục {path}: {exc}. / Cannot read catalog {path}.") from None
    if data.get("format") != CATALOG_FORMAT or data.get("schema") != CATALOG_SCHEMA:
        raise CatalogError(f"{path} không phải danh mục cancu (schema {CATALOG_SCHEMA}). / Not a cancu catalog.")
    return data


def packaged_catalog_path() -> Path:
    return Path(str(resources.files("cancu.data").joinpath(CATALOG_FILE)))


def load_packaged_catalog() -> dict[str, Any] | None:
    path = packaged_catalog_path()
    return read_catalog(path) if path.exists() else None


def packaged_seeds() -> Iterator[tuple[str, str]]:
    """(file name, text) of the seed texts shipped in `data/seeds/`."""
    folder = resources.files("cancu.data").joinpath("seeds")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".txt"):
            yield entry.name, entry.read_text(encoding="utf-8")


def preamble(text: str) -> str:
    """A document's header and "Căn cứ" preamble: up to the first "Điều 1" after the first
    "Căn cứ" (at most PREAMBLE_MAX characters)."""
    at = text.find("Căn cứ")
    if at < 0:
        return text[:PREAMBLE_MAX]
    m = re.search(r"\n\s*Điều 1\b", text[at:])
    end = at + m.start() if m else at + PREAMBLE_MAX
    return text[: min(end, PREAMBLE_MAX)]


@dataclass
class _CorpusText:
    """One tvpl-fulltext document: its manifest row, its text, where its preamble ends and
    what the extractor reads in it (read and extracted once per build)."""

    row: dict[str, str]
    text: str
    head: int
    extraction: Extraction


def _corpus_texts(root: Path) -> list[_CorpusText]:
    manifest = root / "tvpl-fulltext" / "manifest.csv"
    if not manifest.is_file():
        return []
    from cancu.ingest.extract import extract_text  # ingest depends on graph: import at build time only

    out = []
    for row in _read_csv(manifest):
        path = root / "tvpl-fulltext" / row["file"]
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            out.append(_CorpusText(row, text, len(preamble(text)), extract_text(text, file=row["file"])))
    return out


def _cited_documents(corpus: list[_CorpusText], catalog: list[dict[str, Any]],
                     by_symbol: dict[str, list[int]]) -> list[dict[str, Any]]:
    """Central documents the preambles of the tvpl-fulltext texts cite by number that the
    catalog does not know (module docstring, "cited documents"), in symbol order; on the
    way, the title and date the citations give are filled in for known documents whose
    pháp điển row lacks them (`_fill_known`).

    A citing text may mistype a number ("Luật Xử lý vi phạm hành chính số 15/2012/QH11" for
    15/2012/QH13, "Luật Hải quan số 54/2013/QH13" for 54/2014/QH13): a symbol is a variant
    of a known one, and left out, when a known document (or one cited more often) has its
    number, year and issuer and is a Quốc hội document (one series for laws and
    resolutions) or has the same subject, or is a law of the same name and number. A
    catalog that took such variants in would tell lint that the mistyped symbol exists."""
    found: dict[str, dict[str, Any]] = {}
    dated_names: dict[tuple[str, int], Counter[str]] = defaultdict(Counter)
    for t in corpus:
        for ref in t.extraction.citations:
            in_head = ref.start < t.head
            if ref.symbol is None:
                if ref.name and ref.date:
                    dated_names[(name_key(ref.name), ref.date.year)][ref.date.isoformat()] += 2 if in_head else 1
                continue
            key = ref.symbol.canonical()
            code = ref.symbol.issuers[0] if ref.symbol.issuers else None
            issuer = vocab.issuer(code) if code else None
            if issuer is None or issuer.local or issuer.party:
                continue
            if key not in by_symbol and (issuer.level != "central" or ref.doc_type not in CITED_TYPES or not in_head):
                continue
            seen = found.setdefault(key, {"doc_type": Counter(), "date": Counter(), "name": Counter(),
                                          "subject": Counter(), "issuer": vocab.issuer_base(code or "")})
            # A căn cứ preamble names its bases in full and with care: its citation counts
            # twice, so one is enough to fill a fact (`_agreed`), one in the body is not.
            weight = 2 if in_head else 1
            if ref.doc_type:
                seen["doc_type"][ref.doc_type] += weight
            if ref.date:
                seen["date"][ref.date.isoformat()] += weight
            if ref.name:
                seen["name"][ref.name] += weight
            elif ref.subject:
                seen["subject"][ref.subject] += weight
    ranked = sorted(found, key=lambda k: (-sum(found[k]["doc_type"].values()), k))
    kept: list[dict[str, Any]] = []
    for key in ranked:
        seen = found[key]
        doc_type = _most(seen["doc_type"])
        name = _most(seen["name"])
        title = None
        if name and doc_type and name.casefold().startswith(doc_type.casefold() + " "):
            title = name[len(doc_type) + 1:]
        elif not name:
            title = _most(seen["subject"])
        dates = seen["date"]
        year = parse_symbol(key).year if parse_symbol(key) else None
        if not dates and name and year:
            dates = dated_names.get((name_key(name), year), Counter())
        date = _most(dates)
        if key in by_symbol:
            # Quốc hội laws and resolutions may share a number: fill the one of the cited type.
            same = [catalog[i] for i in by_symbol[key] if catalog[i].get("doc_type") == doc_type]
            if len(same) == 1:
                _fill_known(same[0], title=title if _agreed(seen["name"] or seen["subject"]) else None,
                            date=date if _agreed(dates) else None, year=year)
            continue
        entry = {"symbol": key, "doc_type": doc_type, "date": date, "effective_date": None,
                 "issuer": seen["issuer"], "issuer_name": None, "title": title, "status": None,
                 "vbpl": None, "aliases": [name] if name else [], "source": "cited"}
        if not any(_variant(entry, other) for other in (*catalog, *kept)):
            kept.append(entry)
    return sorted(kept, key=lambda e: e["symbol"])


def _fill_known(entry: dict[str, Any], *, title: str | None, date: str | None, year: int | None) -> None:
    """Give a known document the title and date its citations agree on (`_agreed`), where
    the pháp điển row has none (251 of its rows never give the long form: Luật Quy hoạch
    21/2017/QH14 was "Luật số 21/2017/QH14" in every căn cứ cancu wrote). Only facts the row
    lacks are filled, from citations whose usual type word is the row's (the caller's
    choice: a mistyped number names another document of another type), and only a date of
    the symbol's own year."""
    if not entry.get("title") and title:
        entry["title"] = title
    if not entry.get("date") and date and year and date.startswith(f"{year}-"):
        entry["date"] = date


def _agreed(counts: Counter[str]) -> bool:
    """Whether the most frequent value has a weight of two (one preamble citation, or two
    in the body) and more weight than any other value: citations that disagree fill
    nothing."""
    ranked = counts.most_common(2)
    return bool(ranked) and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1])


def _corpus_bases(corpus: list[_CorpusText], docs: list[dict[str, Any]], by_symbol: dict[str, list[int]],
                  by_name: dict[str, list[int]]) -> list[list[Any]]:
    """`based_on` edges of the central documents with a full text: the căn cứ of their
    preambles, each to the catalog document it names (module docstring, "corpus bases").
    How real documents choose their bases is what the suggester learns from (every decree
    rests on Luật Tổ chức Chính phủ; fee circulars on Luật Phí và lệ phí and 120/2016/NĐ-CP);
    a default KB without them learns only from the seeds. A citation the catalog cannot
    name with certainty (a law by name of an unknown version, a symbol of two documents)
    adds nothing."""
    out: list[list[Any]] = []
    for t, src, issued, _edge, ref in _own_edges(corpus, docs, by_symbol, (Relation.BASED_ON,)):
        if ref.start >= t.head:
            continue  # the căn cứ of its preamble only: the body cites for other reasons
        tgt = _named_document(ref, docs, by_symbol, by_name, issued)
        if tgt is not None and tgt != src:
            out.append([src, Relation.BASED_ON.value, tgt, f"căn cứ: {squash_ws(ref.text)}"])
    return out


def _own_edges(corpus: list[_CorpusText], docs: list[dict[str, Any]], by_symbol: dict[str, list[int]],
               relations: tuple[Relation, ...]) -> Iterator[tuple[_CorpusText, int, str | None, Any, DocumentRef]]:
    """The edges of `relations` from each corpus text to a citation it makes, with the text,
    its catalog entry (the one document of its symbol and type), its date and the citation."""
    for t in corpus:
        row = t.row
        sym = parse_symbol(row["symbol"]) if row["doc_type"] in MANIFEST_TYPES and row["symbol"] else None
        own = [i for i in by_symbol.get(sym.canonical(), []) if docs[i]["doc_type"] == row["doc_type"]] if sym else []
        if len(own) != 1:
            continue
        src = own[0]
        issued = docs[src].get("date") or row["issue_date"] or None
        ex = t.extraction
        for edge in ex.edges:
            if edge.source is None and edge.target is not None and edge.relation in relations:
                yield t, src, issued, edge, ex.citations[edge.target]


def _corpus_endings(corpus: list[_CorpusText], docs: list[dict[str, Any]], by_symbol: dict[str, list[int]],
                    by_name: dict[str, list[int]]) -> list[list[Any]]:
    """`replaces` and `repeals` edges the central documents with a full text state in
    their body ("Nghị định này thay thế Nghị định số 83/2010/NĐ-CP ...", "Bãi bỏ Nghị định
    số 44/2025/NĐ-CP ...", "Các nghị định sau đây hết hiệu lực ...: a) ..."), each to the
    catalog document it names, issued before the text. An act on a part of a document
    ("bãi bỏ khoản ... tại", "một số điều của", "“Đặc khu” thay thế “huyện đảo” tại") ends
    none: such an edge, told by the words before its citation (data/cite_words.json
    'partial_acts'), is not taken."""
    out: list[list[Any]] = []
    for t, src, issued, edge, ref in _own_edges(corpus, docs, by_symbol, (Relation.REPLACES, Relation.REPEALS)):
        if ref.pinpoint or vocab.partial_act(t.text[max(edge.start, ref.start - PARTIAL_WINDOW):ref.start]):
            continue
        tgt = _named_document(ref, docs, by_symbol, by_name, issued)
        if tgt is None or tgt == src or not issued or not _issued_before(docs[tgt], issued):
            continue
        out.append([src, edge.relation.value, tgt, f"văn bản: {squash_ws(edge.sentence)}"])
    return out


def _issued_before(doc: dict[str, Any], issued: str) -> bool:
    """Whether catalog row `doc` was issued before the ISO date `issued`: by its date, or,
    a row the corpus knows by number only (Luật Quy hoạch đô thị 30/2009/QH12, ended by Luật
    47/2024/QH15), by its symbol's year."""
    if doc.get("date"):
        return bool(doc["date"] < issued)
    sym = parse_symbol(doc.get("symbol") or "")
    return sym is not None and sym.year is not None and sym.year < int(issued[:4])


# Characters before a citation in which words of a partial act are looked for ("bãi bỏ
# khoản 2 Điều 5 tại"): the cue and what it acts on, not the end of the previous list item.
PARTIAL_WINDOW = 60


def _title_guides(docs: list[dict[str, Any]], by_symbol: dict[str, list[int]],
                  by_name: dict[str, list[int]]) -> list[list[Any]]:
    """`guides` edges the titles state (module docstring, "title guides")."""
    from cancu.ingest.extract import extract_text  # ingest depends on graph: import at build time only

    cues = [fold(c) for c in vocab.relations()[Relation.GUIDES.value].cues]
    out: list[list[Any]] = []
    for i, d in enumerate(docs):
        title = d.get("title")
        if d["doc_type"] not in GUIDING_TYPES or not title:
            continue
        folded = fold(title)
        if not any(c in folded for c in cues):
            continue
        ex = extract_text(title)
        for edge in ex.edges:
            if edge.source is not None or edge.target is None or edge.relation is not Relation.GUIDES:
                continue
            tgt = _named_document(ex.citations[edge.target], docs, by_symbol, by_name, d.get("date"))
            if tgt is None or tgt == i or (docs[tgt].get("date") or "") > (d.get("date") or "9999"):
                continue
            out.append([i, Relation.GUIDES.value, tgt, f"trích yếu: {title}"])
    return out


def _named_document(ref: DocumentRef, docs: list[dict[str, Any]], by_symbol: dict[str, list[int]],
                    by_name: dict[str, list[int]], issued: str | None) -> int | None:
    """The one catalog document a citation names: by symbol (and type, and the cited
    year for a symbol without one), or a law by name in the version of the cited year,
    else the latest issued by the citing document's date."""
    if ref.symbol is not None:
        found = [i for i in by_symbol.get(ref.symbol.canonical(), [])
                 if not ref.doc_type or docs[i]["doc_type"] == ref.doc_type]
        if ref.symbol.year is None and ref.date is not None:
            found = [i for i in found if (docs[i].get("date") or "")[:4] == str(ref.date.year)]
        return found[0] if len(found) == 1 else None
    if not ref.name:
        return None
    versions = [i for i in by_name.get(name_key(ref.name), []) if docs[i].get("date")]
    year = ref.date.year if ref.date else ref.issue_year
    if year:
        versions = [i for i in versions if docs[i]["date"][:4] == str(year)]
    elif issued:
        versions = [i for i in versions if docs[i]["date"] <= issued]
        versions = sorted(versions, key=lambda i: docs[i]["date"])[-1:]
    return versions[0] if len(versions) == 1 else None


def _variant(entry: dict[str, Any], other: dict[str, Any]) -> bool:
    """Whether `entry` (a cited symbol) is a mistyped way of writing `other`'s."""
    a, b = parse_symbol(entry["symbol"]), parse_symbol(other.get("symbol") or "")
    if a is None or b is None or a.number != b.number or not a.issuers or not b.issuers:
        return False
    if vocab.issuer_base(a.issuers[0]) != vocab.issuer_base(b.issuers[0]):
        return False
    same_title = bool(entry["title"] and other.get("title")) and (
        name_key(entry["title"]) == name_key(other["title"]) or subjects_agree(entry["title"], other["title"]))
    if a.year == b.year and a.year is not None:
        return vocab.issuer_base(a.issuers[0]) == "QH" or same_title
    return entry["doc_type"] in LAW_TYPES and entry["doc_type"] == other.get("doc_type") and same_title


def _most(counts: Counter[str]) -> str | None:
    """The most frequent value; ties go to the smallest, so the build is deterministic."""
    return min(counts, key=lambda v: (-counts[v], v)) if counts else None


def _effective_date(text: str, doc_type: str, issued: str | None) -> str | None:
    """The date a document's own final article gives (graph/effective.py), as ISO text."""
    day = effective_date(text, doc_type, dt.date.fromisoformat(issued) if issued else None)
    return day.isoformat() if day else None


def _stated_effective_dates(corpus: list[_CorpusText], docs: list[dict[str, Any]],
                            by_name: dict[str, list[int]]) -> None:
    """Entry into force of laws without a full text, as other texts state it ("Luật Tổ chức
    Chính phủ 2025 có hiệu lực từ ngày 01/03/2025"): a law by name and year that names one
    catalog law gets the date its statements agree on (`_agreed`: two texts, and more than
    say another date), where it has none. Two laws of one name and year (Luật Tổ chức
    chính quyền địa phương 65/2025 and 72/2025) take nothing: the statement names neither."""
    votes: dict[int, Counter[str]] = defaultdict(Counter)
    for t in corpus:
        stated: set[tuple[int, str]] = set()  # a text repeating its note says it once
        for m in _STATED_EFFECTIVE.finditer(t.text):
            year = int(m.group("year"))
            named = [i for i in by_name.get(name_key(f"{m.group('type')} {m.group('name')}"), [])
                     if _issue_year(docs[i]) == year]
            found = parse_date("ngày " + m.group("date"))
            if len(named) == 1 and found is not None and found.value is not None:
                stated.add((named[0], found.value.isoformat()))
        for i, date in stated:
            votes[i][date] += 1
    for i, counts in votes.items():
        d = docs[i]
        date = counts.most_common(1)[0][0]
        if not d.get("effective_date") and _agreed(counts) and date >= (d.get("date") or ""):
            d["effective_date"] = date


def _amended_effective_dates(corpus: list[_CorpusText], docs: list[dict[str, Any]],
                             by_symbol: dict[str, list[int]]) -> None:
    """Entry into force moved by an amending law before it came: "Điều 1. Sửa đổi, bổ sung
    một số điều của Luật Đất đai số 31/2024/QH15 ... “1. Luật này có hiệu lực thi hành từ ngày
    01 tháng 8 năm 2024 ...”" (Luật 43/2024/QH15 of 29/6/2024; Luật Đất đai 2024 had said
    01/01/2025). Inside the article amending a law, a quoted clause that begins with "Luật
    này" is that law's own; "Khoản 3 Điều 200 ... của Luật này" is one clause's and is left.
    The new date counts only if the amending law was issued before the old one came."""
    # Oldest amending law first: a later one that moves the date again has the last word.
    for t in sorted(corpus, key=lambda t: (t.row.get("issue_date") or "", t.row.get("file") or "")):
        issued = t.row.get("issue_date") or ""
        heads = list(_AMENDING_ARTICLE.finditer(t.text))
        for k, head in enumerate(heads):
            sym = parse_symbol(head.group("symbol"))
            targets = [i for i in by_symbol.get(sym.canonical(), ()) if docs[i]["doc_type"] in LAW_TYPES] \
                if sym is not None else []
            if len(targets) != 1:
                continue
            # The clause follows its heading closely; farther on, a consolidated text's notes
            # quote other laws' clauses.
            end = min(heads[k + 1].start() if k + 1 < len(heads) else len(t.text), head.end() + AMENDED_CLAUSE_WINDOW)
            said = _QUOTED_EFFECTIVE.search(t.text, head.end(), end)
            if said is None or _LAW_NUMBER.search(t.text, head.end(), said.start()):
                continue  # an article amending several laws: the clause may be another's
            try:
                date = dt.date(int(said.group("y")), int(said.group("m")), int(said.group("d"))).isoformat()
            except ValueError:
                continue
            d = docs[targets[0]]
            old = d.get("effective_date")
            if issued and (old is None or issued < old) and date >= (d.get("date") or ""):
                d["effective_date"] = date


def _law_headings(corpus: list[_CorpusText], docs: list[dict[str, Any]], by_symbol: dict[str, list[int]]) -> None:
    """The article headings of each law, code or ordinance with a full text ("Điều 471. Họ,
    hụi, biêu, phường"), in the order of the text: what a law regulates article by article,
    where its title gives only its field (a decree on "họ, hụi" details Bộ luật Dân sự). A
    consolidated text (văn bản hợp nhất) adds the headings of the law it consolidates, which
    its opening names with its number ("Luật Ngân sách nhà nước số 83/2015/QH13 ngày ...")
    and its title names too; a number whose law has another name is a typo and adds nothing.
    The articles a consolidated text has and the law's own text lacks (added by amending
    laws) follow the law's own; an article is listed once, as first read."""
    for t in corpus:
        doc_type = t.row.get("doc_type")
        if doc_type in LAW_TYPES:
            sym = parse_symbol(t.row.get("symbol") or "")
            targets = [i for i in by_symbol.get(sym.canonical(), ()) if docs[i]["doc_type"] in LAW_TYPES] \
                if sym is not None else []
        elif doc_type == CONSOLIDATED_TYPE:
            named = _bare_law_name(t.row.get("title") or "")
            m = _LAW_NUMBER.search(t.text, 0, CONSOLIDATED_OPENING)
            sym = parse_symbol(m.group("symbol")) if m else None
            targets = [i for i in by_symbol.get(sym.canonical(), ()) if docs[i]["doc_type"] in LAW_TYPES
                       and _bare_law_name(docs[i]["title"] or "") == named] if sym is not None else []
        else:
            continue
        if len(targets) != 1:
            continue
        entry = docs[targets[0]]
        headings = entry.setdefault("headings", [])
        known = {h.split(".", 1)[0] for h in headings}  # "Điều 4a"
        for line in _article_headings(t.text):
            article = line.split(".", 1)[0]
            if article not in known:
                known.add(article)
                headings.append(line)
        if not headings:
            del entry["headings"]


def _article_headings(text: str) -> list[str]:
    """A text's articles in sequence, each "Điều N. heading" ("Điều N." where the heading
    cannot be read). An article follows the last one kept: Điều 1, 2, 3 ..., "4a" after 4,
    at most ARTICLE_GAP further (a heading the crawl broke). Any other "Điều N." at the start
    of a line is another law's article quoted in a note or an amendment (Điều 253 of Luật
    Đất đai 2024 in the consolidated Luật Thuế sử dụng đất phi nông nghiệp) and is left."""
    out: list[str] = []
    last = 0
    for m in _ARTICLE_HEADING.finditer(text):
        number, suffix = int(m.group("number")), m.group("suffix")
        if not (number == last if suffix else last < number <= last + ARTICLE_GAP):
            continue
        last = number
        heading = m.group("heading").strip()
        if not heading:  # "Điều 145." on a line of its own, its heading on the next
            nxt = _NEXT_LINE.match(text, m.end())
            heading = nxt.group(1) if nxt else ""
        heading = squash_ws(_EDITOR_NOTE.sub(" ", heading))
        readable = 3 <= len(heading) <= MAX_HEADING_CHARS and not heading[0].islower()
        out.append(f"Điều {number}{suffix}. {heading}" if readable else f"Điều {number}{suffix}.")
    return out


def _bare_law_name(title: str) -> str:
    """A law's name key without its type words: "LUẬT THỦY LỢI", "Thủy lợi" and "Luật Thủy
    lợi" (a pháp điển title that repeats the type) are all "thuy loi"."""
    return _LAW_TYPE_WORDS.sub("", name_key(title))


def _law_names(docs: list[dict[str, Any]], types: Iterable[str]) -> dict[str, list[int]]:
    """Laws (of `types`) by the key of their name: "luat to chuc chinh phu" -> indexes."""
    wanted = frozenset(types)
    out: dict[str, list[int]] = defaultdict(list)
    for i, d in enumerate(docs):
        if d.get("doc_type") in wanted and d.get("title"):
            # A title may repeat its type ("Luật Quản lý thuế"): one type word in the key.
            title = d["title"]
            named = title if starts_with_type(title, d["doc_type"]) else f"{d['doc_type']} {title}"
            out[name_key(named)].append(i)
    return out


def _issue_year(entry: dict[str, Any]) -> int | None:
    if entry.get("date"):
        return int(entry["date"][:4])
    sym = parse_symbol(entry["symbol"]) if entry.get("symbol") else None
    return sym.year if sym else None


_STATED_EFFECTIVE = re.compile(
    r"(?<!\w)(?P<type>Bộ luật|Luật|Pháp lệnh) (?!này\b)(?P<name>[^\W\d][^\n;.\[\]()\d]{1,150}?),? (?:năm )?"
    r"(?P<year>(?:19|20)\d\d),? có hiệu lực(?: thi hành)?(?: kể)? từ ngày "
    r"(?P<date>\d{1,2}/\d{1,2}/\d{4}|\d{1,2} tháng \d{1,2} năm \d{4})")
# "Điều 1. Sửa đổi, bổ sung một số điều của Luật Đất đai số 31/2024/QH15", "Điều 2. Sửa đổi,
# bổ sung khoản 1 Điều 197 của Luật Nhà ở số 27/2023/QH15": the heading of an article that
# amends a law, up to its number.
_AMENDING_ARTICLE = re.compile(
    r"Điều\s+\d+\.\s*Sửa\s+đổi,?\s+bổ\s+sung\b[^“”]{0,160}?(?:Bộ luật|Luật|Pháp lệnh)[^“”]{1,160}?"
    r"\bsố\s+(?P<symbol>\d+/\d{4}/[A-ZĐ]+\d*)")
# An article's heading: "Điều 5. Phạm vi ngân sách nhà nước" ending its line, at the start of
# the line or after a sentence (some crawled texts run lines together). "Điều 172 của Luật
# này." has no dot after the number and is a reference.
_ARTICLE_HEADING = re.compile(r"(?:^|(?<=[.:] ))Điều[ \t]+(?P<number>\d+)(?P<suffix>[a-zđ]?)[ \t]*\.[ \t]*"
                              r"(?P<heading>[^\n]*)$", re.MULTILINE)
_NEXT_LINE = re.compile(r"\s*\n[ \t]*([^\n]+)")
ARTICLE_GAP = 3
MAX_HEADING_CHARS = 300  # longer: the article's text run into its heading
_EDITOR_NOTE = re.compile(r"\[[^\]]*\]")  # the crawl's notes: "[Điều này được hướng dẫn bởi ...]", "[1]"
CONSOLIDATED_TYPE = "Văn bản hợp nhất"
_LAW_TYPE_WORDS = re.compile(r"^(?:(?:bo luat|luat|phap lenh)\s+)+")
CONSOLIDATED_OPENING = 3000  # characters where a consolidated text names the law it consolidates
AMENDED_CLAUSE_WINDOW = 800  # characters after an amending article's heading
# "Luật Ngân sách nhà nước số 83/2015/QH13": a law named with its number.
_LAW_NUMBER = re.compile(r"\b(?:Bộ luật|Luật|Pháp lệnh)\s[^“”\n]{1,120}?\bsố\s+(?P<symbol>\d+/\d{4}/[A-ZĐ]+\d*)")
# A quoted clause giving the amended law's own entry into force: “1. Luật này có hiệu lực ...”.
_QUOTED_EFFECTIVE = re.compile(
    r"“\s*(?:\d+\.\s*)?(?:Bộ luật|Luật|Pháp lệnh) này có hiệu lực(?: thi hành)?(?: kể)? từ ngày (?P<d>\d{1,2})"
    r" tháng (?P<m>\d{1,2}) năm (?P<y>\d{4})")


_LISTED_NUMBER = re.compile(r"\s+SỐ\s*\d+/\d{4}/[A-ZĐ0-9-]+(?=\s*(?:,|\bVÀ\b)\s*(?:BỘ\s+)?LUẬT\b)")


def _census_conflict(known: dict[str, Any], census_title: str, census_date: str | None) -> bool:
    """Whether a census row names another law than the document its number already
    denotes: both a different name and a different date. The census gives 43/2024/QH15 as
    "Luật Công chứng 2024" of 20/11/2024; the full text with that number is the law of
    29/6/2024 amending Luật Đất đai (and Luật Công chứng is 46/2024/QH15). A date a day
    apart with the same name is one law, recorded twice."""
    if not known.get("title") or not census_title or not census_date or not known.get("date"):
        return False
    if known["date"] == census_date:
        return False
    return not (name_key(known["title"]) == name_key(census_title) or subjects_agree(known["title"], census_title))


def _manifest_title(title: str, doc_type: str) -> str | None:
    """The manifest's upper-case heading without its type word: "LUẬT TỔ CHỨC CHÍNH QUYỀN
    ĐỊA PHƯƠNG" -> "TỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG" (citations sentence-case it)."""
    text = squash_ws(title).rstrip(" .;")
    if text.casefold().startswith(doc_type.casefold() + " "):
        text = text[len(doc_type) + 1:]
    # Old headings run on into the issuer, number and date: a law's name stops there ("ĐẤT
    # ĐAI SỐ 24-L/CTN NGÀY 14/07/1993 CỦA QUỐC HỘI"), another document's subject follows
    # them ("CỦA CHÍNH PHỦ SỐ 61-CP NGÀY 05 THÁNG 7 NĂM 1994 VỀ MUA BÁN ..."). What is left
    # of a heading that is only those is no title.
    if doc_type in LAW_TYPES or doc_type == "Hiến pháp":
        # An amending law's heading numbers the laws it amends ("... CỦA LUẬT ĐẤT ĐAI SỐ
        # 31/2024/QH15, LUẬT NHÀ Ở SỐ 27/2023/QH15 ... VÀ LUẬT CÁC TỔ CHỨC TÍN DỤNG SỐ
        # 32/2024/QH15"): a number the list goes on after is theirs, not the law's own,
        # and citations name the law without them.
        text = _LISTED_NUMBER.sub("", text)
        text = re.split(r"\s*\b(?:SỐ\s*\d|NGÀY\s+\d)|\s+CỦA QUỐC HỘI\b", text, maxsplit=1)[0].strip(" ,")
    elif text.startswith("CỦA "):
        about = text.find(" VỀ ")
        text = text[about + 1:] if about > 0 else ""
    if not text or text.startswith(("CỦA ", "SỐ")):
        return None
    return text


def _guides(lower: dict[str, Any], law: dict[str, Any], links: int) -> bool:
    """Whether a pháp điển content link between a law and a lower document is guidance.
    Never of a law passed after the document: Nghị định 63/2010/NĐ-CP on controlling
    administrative procedures is linked to Luật Ban hành văn bản quy phạm pháp luật 2015 by
    content; as its "guide" it ended with that law in 2025 (a detailing document ends with
    the law it details), while it is in force."""
    if lower.get("date") and law.get("date") and lower["date"] < law["date"]:
        return False
    return links >= GUIDES_MIN_CROSS_LINKS or bool(set(lower.get("topics") or ()) & set(law.get("topics") or ()))


def _topics(demuc: str) -> list[str]:
    """documents.csv's "; "-separated đề mục list; the "(loại bỏ)" (withdrawn) ones dropped."""
    return [t for t in (squash_ws(x) for x in demuc.split(";")) if t and "(loại bỏ)" not in t]


def catalog_id(entry: dict[str, Any]) -> str:
    """The KB id of a catalog entry: its symbol's id (year from the issue date when the
    symbol has none), else a name id."""
    symbol, date = entry.get("symbol"), entry.get("date")
    sym = parse_symbol(symbol) if symbol else None
    if sym is not None:
        year = int(date[:4]) if date else None
        doc_id = document_id(sym, year=year, doc_type=entry.get("doc_type"))
        if doc_id:
            return doc_id
    label = " ".join(p for p in (entry.get("doc_type"), symbol or entry.get("title"), (date or "")[:4]) if p)
    return name_id(label or "van-ban")


def catalog_record(data: dict[str, Any], *, source: str = "catalog:cancu-data") -> SourceRecord:
    """One `SourceRecord` holding every fact and relation of the catalog."""
    canon = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")
    record = SourceRecord(key=source, digest=hashlib.sha256(canon).hexdigest(), kind="catalog")
    fields = data["fields"]
    ids: list[str] = []
    for row in data["documents"]:
        entry = dict(zip(fields, row, strict=True))
        doc_id = catalog_id(entry)
        ids.append(doc_id)
        label = f"catalog:{entry.get('source') or 'catalog'}"
        for attr in ("doc_type", "symbol", "issuer", "issuer_name", "date", "effective_date", "title", "status"):
            if entry.get(attr):
                record.facts.append((doc_id, attr, str(entry[attr]), label))
        for alias in entry.get("aliases") or []:
            record.facts.append((doc_id, "aliases", alias, label))
        for topic in entry.get("topics") or []:
            record.facts.append((doc_id, "topics", topic, label))
        for heading in entry.get("headings") or []:
            record.facts.append((doc_id, "headings", heading, label))
        if entry.get("vbpl"):
            record.facts.append((doc_id, "vbpl_item_id", str(entry["vbpl"]), label))
        for attr, value in (entry.get("census") or {}).items():
            record.facts.append((doc_id, attr, value, "catalog:census"))
    for src, rel, tgt, note in data["relations"]:
        s, t = ids[src], ids[tgt]
        if s == t:
            continue
        label = ("catalog:derived" if note.startswith("suy ra")
                 else "catalog:corpus" if note.startswith("căn cứ:")
                 else Provenance.TITLE_SOURCE if note.startswith("trích yếu:") else "catalog:phapdien")
        record.edges.append(EdgeAssertion(s, Relation(rel), t, Provenance(label, source, None, None, note)))
    return record


def import_catalog(kb: KnowledgeBase, data: dict[str, Any], *, source: str = "catalog:cancu-data") -> IngestReport:
    """Load a catalog into `kb` (replacing an earlier import under the same `source`)."""
    return kb.add_record(catalog_record(data, source=source))
