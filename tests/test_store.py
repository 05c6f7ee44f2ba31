"""Persistence faults a user would notice: a killed save, two ingests at once, a damaged file."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from kbfactory import appendix_extraction, plan_extraction

from cancu.graph import store
from cancu.graph.kb import KnowledgeBase

REPO = Path(__file__).resolve().parent.parent
CANCU = Path(sys.executable).with_name("cancu")


def small_kb(directory: Path) -> KnowledgeBase:
    kb = KnowledgeBase(directory)
    kb.add_extraction(appendix_extraction())
    kb.save()
    return kb


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    kb = small_kb(tmp_path)
    kb.add_extraction(plan_extraction())
    kb.save()
    again = KnowledgeBase.load(tmp_path)
    assert again.version == kb.version
    assert len(again) == len(kb)
    assert sorted((e.source, e.relation, e.target, e.count) for e in again.edges()) == \
        sorted((e.source, e.relation, e.target, e.count) for e in kb.edges())
    assert again.get("cp/2019/nq/17").conflicts() == kb.get("cp/2019/nq/17").conflicts()  # type: ignore[union-attr]
    assert again.timings["load_s"] > 0 and kb.timings["save_s"] > 0
    # the content hash survives the round trip: an unchanged file is still skipped
    assert again.add_extraction(plan_extraction()).unchanged


def test_truncated_kb_gives_rebuild_message_not_traceback(tmp_path: Path) -> None:
    small_kb(tmp_path)
    path = store.kb_file(tmp_path)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(store.KBCorruptError) as err:
        KnowledgeBase.load(tmp_path)
    assert "--rebuild" in str(err.value) and "hỏng" in str(err.value)
    proc = subprocess.run([str(CANCU), "show", "61/2018/NĐ-CP", "--kb", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "cancu ingest --rebuild" in proc.stderr


@pytest.mark.parametrize("content", [b"not gzip at all", gzip.compress(b"{\"format\": \"other\"}"),
                                     gzip.compress(b"{broken json")])
def test_garbage_kb_file(tmp_path: Path, content: bytes) -> None:
    store.kb_file(tmp_path).write_bytes(content)
    with pytest.raises(store.KBCorruptError, match="rebuild"):
        KnowledgeBase.load(tmp_path)


def test_second_writer_gets_clear_message(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import time
            from cancu.graph import store
            with store.kb_lock({str(tmp_path)!r}):
                print("locked", flush=True)
                time.sleep(30)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(store.KBLockedError) as err:
            with store.kb_lock(tmp_path):
                pass
        assert str(holder.pid) in str(err.value)
        assert "tiến trình khác" in str(err.value) and "another process" in str(err.value)
        proc = subprocess.run([str(CANCU), "ingest", "--rebuild", "--kb", str(tmp_path)],
                              capture_output=True, text=True, timeout=120)
        assert proc.returncode == 1 and "đang được cập nhật" in proc.stderr and "Traceback" not in proc.stderr
    finally:
        holder.kill()
        holder.wait()
    # the kernel released the lock with the dead holder: no stale lock
    with store.kb_lock(tmp_path):
        pass


SAVER = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from kbfactory import plan_extraction
    from cancu.graph import catalog
    from cancu.graph.kb import KnowledgeBase
    from cancu.graph import store
    kb = KnowledgeBase.load({kb!r})
    # Make the state big so a save takes long enough to be killed in the middle.
    catalog.import_catalog(kb, catalog.load_packaged_catalog())
    kb.add_extraction(plan_extraction())
    print("saving", flush=True)
    while True:
        kb.version += 1
        kb.save()
""")


@pytest.mark.parametrize("delay", [0.05, 0.2, 0.45, 0.8])
def test_sigkill_during_save_leaves_old_or_new_state(tmp_path: Path, delay: float) -> None:
    old = small_kb(tmp_path)
    old_nodes = len(old)
    proc = subprocess.Popen([sys.executable, "-c", SAVER.format(tests=str(REPO / "tests"), kb=str(tmp_path))],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "saving"
    time.sleep(delay)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kb = KnowledgeBase.load(tmp_path)  # never raises: the file is complete, old or new
    assert len(kb) == old_nodes or len(kb) > 5000
    if len(kb) > 5000:  # new state: catalog and plan both there, never half of it
        assert kb.get("file/plan") is not None
    # a later writer cleans the temp files the killed save left behind
    with store.kb_lock(tmp_path):
        pass
    assert not list(tmp_path.glob(".kb-*.tmp"))


def test_ingest_json_names_failed_files_on_stderr_too(tmp_path: Path) -> None:
    """`ingest --help` says failed files are listed on stderr and in `failed`: with --json
    as without, a person watching the run sees which file was not stored."""
    good, bad = tmp_path / "kh.txt", tmp_path / "hong.txt"
    good.write_text("Căn cứ Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ;\n", encoding="utf-8")
    bad.write_bytes(b"\x00\x01\x02" * 50)
    proc = subprocess.run([str(CANCU), "ingest", str(good), str(bad), "--kb", str(tmp_path / "kb"), "--json"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stderr
    assert [f["file"] for f in json.loads(proc.stdout)["failed"]] == [str(bad)]
    assert "hong.txt" in proc.stderr


def test_ingest_lists_each_problem_and_kept_out_citation_at_its_line(tmp_path: Path) -> None:
    """"2 vấn đề" said nothing of which: each problem and each citation kept out of the graph
    is listed with its file, line and column, in the text and in --json."""
    plan = tmp_path / "kh.txt"
    plan.write_text("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NGÃI\nSố: 13/KH-UBND    Quảng Ngãi, ngày 05 tháng 01 năm 2021\n"
                    "KẾ HOẠCH\nCải cách hành chính năm 2021\n"
                    "Căn cứ Nghị định số 61/2018/NĐ-CP ngày 31/02/2018 của Chính phủ;\n"
                    "Căn cứ Công văn số 812/UBND-KSTTHC của UBND tỉnh;\n", encoding="utf-8")
    proc = subprocess.run([str(CANCU), "ingest", str(plan), "--kb", str(tmp_path / "kb")],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert f"{plan}:6:" in proc.stdout and "31/02/2018" in proc.stdout, proc.stdout
    assert f"{plan}:7:" in proc.stdout and "812/UBND-KSTTHC" in proc.stdout, proc.stdout
    plan.write_text(plan.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    proc = subprocess.run([str(CANCU), "ingest", str(plan), "--kb", str(tmp_path / "kb"), "--json"],
                          capture_output=True, text=True, timeout=300)
    notes = json.loads(proc.stdout)["notes"]
    assert [(n["line"], n["kind"]) for n in notes] == [(6, "bad_date"), (7, "unresolved")], notes


def test_chain_depth_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    proc = subprocess.run([str(CANCU), "chain", "61/2018/NĐ-CP", "--depth", "0", "--kb", str(tmp_path)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2 and "--depth" in proc.stderr and "Traceback" not in proc.stderr
