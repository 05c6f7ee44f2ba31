"""The two seed documents against gold files reviewed line by line (issue #3).

tests/gold/seed_000.json and seed_004.json list every citation (span, type, symbol, date,
issuer, province, subject, pinpoint, name, relation, id), every edge, every task with its
bases, and every problem. The extractor must reproduce them exactly. To see a difference:
    cancu extract --json ../shared/seeds/000_42d6680bc939e224.txt
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cancu.ingest.extract import extract_text, extraction_to_json
from conftest import SEED_APPENDIX, SEED_PLAN, need_shared

GOLD = Path(__file__).parent / "gold"


def _run(path: Path) -> dict:
    text = need_shared(path).read_text(encoding="utf-8")
    data = extraction_to_json(extract_text(text, file=path.name))
    for c in data["citations"]:
        assert text[c["start"]:c["end"]] == c["text"]
    return data


@pytest.mark.parametrize("gold,seed", [("seed_000.json", SEED_PLAN), ("seed_004.json", SEED_APPENDIX)])
@pytest.mark.parametrize("part", ["document", "citations", "edges", "tasks", "problems"])
def test_seed_matches_gold(gold: str, seed: Path, part: str) -> None:
    expected = json.loads((GOLD / gold).read_text(encoding="utf-8"))
    got = _run(seed)
    assert got[part] == expected[part]


def test_plan_key_facts() -> None:
    """The facts the seed README names, spelled out so a reader need not open the gold."""
    got = _run(SEED_PLAN)
    assert got["document"] == {
        "doc_type": "Kế hoạch", "symbol": None, "date": "2021-08", "issuer": "VP", "locality": None,
        "title": "Ứng dụng công nghệ thông tin, phát triển Chính quyền điện tử và hướng tới "
                 "Chính quyền số năm 2022",
    }
    first = got["citations"][0]
    assert (first["id"], first["relation"]) == ("ubnd.quang-ngai/2020/kh/151", "implements")
    assert {"from": "vpcp/2018/tt/1", "relation": "guides", "to": "cp/2018/nd/61"} in got["edges"]
    assert {"from": "ubnd.quang-ngai/2019/kh/61", "relation": "implements", "to": "cp/2019/nq/17"} in got["edges"]
    assert len(got["tasks"]) == 8
    assert got["tasks"][7]["bases"] == ["cp/2018/nd/61", "vpcp/2018/tt/1"]


def test_appendix_key_facts() -> None:
    got = _run(SEED_APPENDIX)
    ids = {c["id"] for c in got["citations"]}
    # the same symbol, two documents (numbers restart every year)
    assert {"ubnd.quang-ngai/2019/kh/151"} <= ids
    assert {"name/luat-cong-nghe-thong-tin", "name/luat-giao-dich-dien-tu", "name/luat-an-toan-thong-tin"} <= ids
    assert "name/khung-kien-truc-chinh-phu-dien-tu-viet-nam-phien-ban-2-0" in ids
    kinds = sorted(p["kind"] for p in got["problems"])
    assert kinds == ["bad_date", "date_conflict", "suspicious_date", "type_mismatch"]
    assert {"from": "ubnd.quang-ngai/2020/kh/66", "relation": "implements", "to": "cp/2020/nq/50"} in got["edges"]
    assert got["document"]["date"] == "2020-07-29"
