"""`cancu lint` on the command line (graph/cli_draft.py): what the summary tells, and that
errors keep their exit codes and, with --json, still print JSON."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cancu.graph.kb import KnowledgeBase, SourceRecord

LABEL = "catalog:test"
DRAFT = ("ỦY BAN NHÂN DÂN\nHUYỆN SƠN TỊNH\nSố: 12/KH-UBND\nSơn Tịnh, ngày 18 tháng 3 năm 2022\n"
         "KẾ HOẠCH\nỨng dụng công nghệ thông tin năm 2022\n"
         "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\n"
         "Căn cứ Quyết định số 942/QĐ-TTg ngày 15/6/2021 của Thủ tướng Chính phủ;\n")


@pytest.fixture()
def kb_dir(tmp_path: Path) -> Path:
    kb = KnowledgeBase(tmp_path / "kb")
    record = SourceRecord(key=LABEL, digest="1", kind="catalog")
    for attr, value in (("doc_type", "Nghị định"), ("symbol", "61/2018/NĐ-CP"), ("issuer", "CP"),
                        ("date", "2018-04-23"), ("title", "Về thực hiện cơ chế một cửa, một cửa liên thông")):
        record.facts.append(("cp/2018/nd/61", attr, value, LABEL))
    kb.add_record(record)
    kb.save()
    return kb.dir


def lint_cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cancu", "lint", *args], input=stdin,
                          capture_output=True, text=True, timeout=120)


def test_the_summary_counts_what_the_kb_could_not_check_and_names_the_date_used(kb_dir: Path,
                                                                                tmp_path: Path) -> None:
    """942/QĐ-TTg is not in the KB: "0 vấn đề" alone would vouch for it. The summary says one
    citation could not be checked, and the first line the date and province read from the
    header; the exit code stays 0 (no problem found)."""
    draft = tmp_path / "du-thao.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    text = lint_cli(str(draft), "--kb", str(kb_dir))
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert "18/3/2022" in lines[0] and "đầu dự thảo" in lines[0], lines[0]
    assert "2 trích dẫn, 0 vấn đề; 1 trích dẫn kho chưa có" in " ".join(text.stdout.split()), text.stdout
    as_json = lint_cli(str(draft), "--json", "--kb", str(kb_dir), "--province", "Quảng Ngãi")
    out = json.loads(as_json.stdout)
    assert as_json.returncode == 0
    assert [c["status"] for c in out["citations"]] == ["found", "not_found"]
    assert (out["as_of"], out["as_of_source"], out["province"], out["province_source"]) == \
        ("2022-03-18", "header", "Quảng Ngãi", "given")
    assert (out["not_found"], out["not_checked"]) == (1, 1)
    undated = json.loads(lint_cli("-", "--json", "--kb", str(kb_dir), stdin=DRAFT.splitlines()[-1]).stdout)
    assert undated["as_of"] is None and "không xác định" in undated["context"], undated


def test_a_directory_is_said_to_be_one_and_json_errors_are_json(kb_dir: Path, tmp_path: Path) -> None:
    """`cancu lint DIR` is no "file not found"; with --json every error is also a JSON object
    on stdout, with the same exit codes (1: unreadable input, 2: a bad --as-of)."""
    folder = tmp_path / "drafts"
    folder.mkdir()
    plain = lint_cli(str(folder), "--kb", str(kb_dir))
    assert plain.returncode == 1 and "thư mục" in plain.stderr and "Không tìm thấy" not in plain.stderr
    as_json = lint_cli(str(folder), "--json", "--kb", str(kb_dir))
    assert as_json.returncode == 1 and "thư mục" in json.loads(as_json.stdout)["error"]
    missing = lint_cli(str(tmp_path / "none.txt"), "--json", "--kb", str(kb_dir))
    assert missing.returncode == 1 and "Không tìm thấy tệp" in json.loads(missing.stdout)["error"]
    too_long = tmp_path / "dài.txt"
    too_long.write_text("Căn cứ Luật Đất đai.\n" * 120_000, encoding="utf-8")  # 3.6 MB in UTF-8
    long_out = lint_cli(str(too_long), "--kb", str(kb_dir))
    assert long_out.returncode == 1 and str(too_long) in long_out.stderr and "3,6 MB" in long_out.stderr
    bad_date = lint_cli("-", "--json", "--as-of", "2023-2-30", "--kb", str(kb_dir), stdin="Căn cứ Luật Đất đai.")
    assert bad_date.returncode == 2 and "error" in json.loads(bad_date.stdout)


def test_extract_reads_standard_input_as_lint_does(tmp_path: Path) -> None:
    """`cancu extract -` reads the text piped to it ("-" was taken for a file without an
    extension); the file is named "-" in its JSON line, and files around it still print."""
    draft = tmp_path / "ke-hoach.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "cancu", "extract", "-", str(draft), "--json"],
                          input=DRAFT.splitlines()[-2], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    piped, read = (json.loads(line) for line in done.stdout.splitlines())
    assert piped["file"] == "-" and [c["symbol"] for c in piped["citations"]] == ["61/2018/NĐ-CP"]
    assert read["file"] == str(draft) and len(read["citations"]) == 2
    twice = subprocess.run([sys.executable, "-m", "cancu", "extract", "-", "-"], input="x",
                           capture_output=True, text=True, timeout=120)
    assert twice.returncode == 2 and "một lần" in twice.stderr, twice.stderr


def test_standard_input_is_read_as_a_text_file_is() -> None:
    """Piped text was decoded as UTF-8 whatever it was: UTF-16 gave no citation, empty or
    binary input an empty record and exit 0. Now its encoding is detected, and empty or
    binary input is refused naming standard input, for extract and lint alike."""
    def run(cmd: str, data: bytes) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run([sys.executable, "-m", "cancu", cmd, "-", "--json"], input=data,
                              capture_output=True, timeout=120)
    utf16 = run("extract", DRAFT.encode("utf-16"))
    assert utf16.returncode == 0 and len(json.loads(utf16.stdout)["citations"]) == 2, utf16.stderr
    for cmd in ("extract", "lint"):
        for data in (b"", b"\x00\x01\x02\x03" * 40):
            done = run(cmd, data)
            assert done.returncode == 1 and "đầu vào chuẩn (-)" in done.stderr.decode(), (cmd, data[:4], done.stderr)
