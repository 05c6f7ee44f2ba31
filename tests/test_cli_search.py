"""`cancu show`, `search` and `suggest` as a drafter uses them, on the default knowledge base
(catalog and seeds): the real `cancu` executable, its output and its exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CANCU = Path(sys.executable).with_name("cancu")


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CANCU_HOME": "/nonexistent-do-not-use"}
    return subprocess.run([str(CANCU), *args], capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The default knowledge base, built by the CLI in a fresh directory."""
    directory = tmp_path_factory.mktemp("kb")
    proc = run_cli("ingest", "--rebuild", "--kb", str(directory))
    assert proc.returncode == 0, proc.stderr
    return directory


def test_show_lists_the_documents_a_number_and_type_may_mean(kb_dir: Path) -> None:
    """"nghị định 61" names no one document (numbers restart every year), but `cancu search`
    lists nine: `show` lists them as candidates (exit 4) instead of "not found" (exit 3)."""
    proc = run_cli("show", "nghị định 61", "--kb", str(kb_dir))
    assert proc.returncode == 4, proc.stderr
    assert "cp/2018/nd/61" in proc.stderr and "cp/2015/nd/61" in proc.stderr
    proc = run_cli("show", "nghị định 99999", "--kb", str(kb_dir))
    assert proc.returncode == 3 and "Không tìm thấy" in proc.stderr


def test_search_says_a_typed_symbol_is_not_in_the_kb(kb_dir: Path) -> None:
    """A citation the KB lacks ("06/QĐ-TTg ngày 06/01/2022", Đề án 06) is reported missing,
    with the symbols that differ by year; its date's words are not searched for (they
    matched 1,499 unrelated circulars)."""
    proc = run_cli("search", "06/QĐ-TTg ngày 06/01/2022", "--json", "--kb", str(kb_dir))
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["total"] == 0 and data["results"] == []
    assert "không có văn bản 06/QĐ-TTg năm 2022" in data["notice"]
    assert {"ttg/2016/qd/6", "ttg/2012/qd/6"} <= {h["id"] for h in data["near"]}
    assert all(h["symbol"].endswith("QĐ-TTg") for h in data["near"])
    text = run_cli("search", "06/QĐ-TTg ngày 06/01/2022", "--kb", str(kb_dir)).stdout
    assert "Kho tri thức không có văn bản 06/QĐ-TTg năm 2022" in text and "06/2016/QĐ-TTg" in text
    # A known document cited with its date is found alone, without a notice.
    data = json.loads(run_cli("search", "Quyết định số 749/QĐ-TTg ngày 03/6/2020", "--json",
                              "--kb", str(kb_dir)).stdout)
    assert [h["id"] for h in data["results"]] == ["ttg/2020/qd/749"] and "notice" not in data


def test_as_of_accepts_both_written_forms_and_says_so() -> None:
    """Vietnamese users write dates day first: --as-of 15/12/2021 is 15 December, as the help
    says beside YYYY-MM-DD; a month-first date is refused naming both forms (exit 2)."""
    from cancu.graph.dates import parse_iso

    assert parse_iso("15/12/2021") == parse_iso("2021-12-15")
    for verb in ("suggest", "lint"):
        help_text = " ".join(run_cli(verb, "--help").stdout.split())
        assert "YYYY-MM-DD hoặc ngày/tháng/năm" in help_text, verb
    proc = run_cli("suggest", "kế hoạch chuyển đổi số", "--as-of", "12/15/2021")
    assert proc.returncode == 2
    assert "YYYY-MM-DD hoặc ngày/tháng/năm" in proc.stderr and "15/12/2021" in proc.stderr


def test_a_chain_marks_the_documents_no_longer_in_force(kb_dir: Path) -> None:
    """The chain above Nghị định 102/2024/NĐ-CP listed Luật Tổ chức Chính phủ 76/2015/QH13,
    replaced in 2025, as plainly as Luật Đất đai 2024 (rev41)."""
    proc = run_cli("chain", "102/2024/NĐ-CP", "--up", "--depth", "1", "--kb", str(kb_dir))
    assert proc.returncode == 0, proc.stderr
    lines = {line.split("] ", 1)[1].split(" — ")[0]: line for line in proc.stdout.splitlines()[1:]}
    assert lines["Luật 76/2015/QH13"].endswith("[Hết hiệu lực toàn bộ]"), proc.stdout
    assert "Hết hiệu lực" not in lines["Luật 31/2024/QH15"], proc.stdout


def test_a_partial_writing_with_one_candidate_shows_it(kb_dir: Path) -> None:
    """"QĐ 749" names too little for the lookup, and one document of the KB fits it: `show`
    said "có thể là 1 văn bản; hãy ghi rõ hơn" and exited 4 (rev41). It shows that one and
    says how it read the text; "nghị định 61" still lists its candidates."""
    proc = run_cli("show", "QĐ 749", "--json", "--kb", str(kb_dir))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["id"] == "ttg/2020/qd/749"
    assert "được hiểu là Quyết định 749/QĐ-TTg" in proc.stderr, proc.stderr


def test_a_law_lint_knows_replaced_is_shown_replaced_and_below_its_successor(kb_dir: Path) -> None:
    """Luật Tổ chức chính quyền địa phương 65/2025/QH15 of February 2025 was replaced in June
    by 72/2025/QH15 of the same name; the KB records no edge between them, and lint flagged
    65/2025 in a draft while search offered it as current, with `show` saying nothing of its
    validity (rev41). They say what lint says now, and name the law in force in its place;
    a law the KB knows nothing of is "Chưa xác định", not a missing line."""
    proc = run_cli("show", "65/2025/QH15", "--json", "--kb", str(kb_dir))
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(proc.stdout)
    assert shown["status"] == "Hết hiệu lực toàn bộ" and shown["replaced_by"] == "qh/2025/72", shown
    assert "72/2025/QH15" in shown["status_note"]
    proc = run_cli("show", "45/2013/QH13", "--kb", str(kb_dir))
    assert "đang có hiệu lực thay thế: Luật 31/2024/QH15" in proc.stdout, proc.stdout
    proc = run_cli("show", "61/2018/NĐ-CP", "--kb", str(kb_dir))
    assert "Tình trạng                 Chưa xác định" in proc.stdout, proc.stdout
    proc = run_cli("search", "luat to chuc chinh quyen dia phuong", "--json", "--kb", str(kb_dir))
    ranked = [h["id"] for h in json.loads(proc.stdout)["results"]]
    hits = {h["id"]: h for h in json.loads(proc.stdout)["results"]}
    assert hits["qh/2025/65"]["replaced_by"] == "qh/2025/72" and hits["qh/2025/65"]["status"] == "Hết hiệu lực toàn bộ"
    assert ranked.index("qh/2025/72") < ranked.index("qh/2025/65"), ranked
    proc = run_cli("search", "luật ban hành văn bản quy phạm pháp luật", "--kb", str(kb_dir))
    assert proc.stdout.index("64/2025/QH15") < proc.stdout.index("80/2015/QH13"), proc.stdout
    assert "đang có hiệu lực: Luật 64/2025/QH15" in proc.stdout, proc.stdout
    # Asked by its year, the old law stays first.
    proc = run_cli("search", "luật đất đai 2013", "--json", "--kb", str(kb_dir))
    assert json.loads(proc.stdout)["results"][0]["id"] == "qh/2013/45", proc.stdout
    proc = run_cli("search", "luật quy hoạch đô thị 2009", "--json", "--kb", str(kb_dir))  # its number's year
    assert json.loads(proc.stdout)["results"][0]["id"] == "qh/2009/30", proc.stdout


def test_show_and_search_give_todays_status_not_the_catalogs(kb_dir: Path) -> None:
    """The national database called Luật Lưu trữ 33/2024/QH15 "Chưa có hiệu lực" on its own
    day; it has been in force since 01/7/2025, and the law it replaced is no longer. What
    `show` and `search` print is the status today, so the filter finds it among laws in force."""
    proc = run_cli("show", "33/2024/QH15", "--json", "--kb", str(kb_dir))
    assert proc.returncode == 0, proc.stderr
    shown = json.loads(proc.stdout)
    assert shown["effective_date"] == "2025-07-01" and "Chưa có hiệu lực" in shown["facts"]["status"]
    assert shown["status"] == "Còn hiệu lực", shown["status"]
    proc = run_cli("search", "luật lưu trữ", "--type", "Luật", "--status", "Còn hiệu lực", "--json",
                   "--kb", str(kb_dir))
    assert proc.returncode == 0, proc.stderr
    hits = {h["id"]: h for h in json.loads(proc.stdout)["results"]}
    assert hits["qh/2024/33"]["status"] == "Còn hiệu lực", hits.keys()
    assert "qh/2011/1" not in hits  # the 2011 law it replaced
    proc = run_cli("show", "01/2011/QH13", "--kb", str(kb_dir))
    assert proc.returncode == 0 and "Hết hiệu lực toàn bộ (tại ngày" in proc.stdout, proc.stdout
