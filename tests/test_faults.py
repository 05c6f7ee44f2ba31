"""Faults (issue #8, item 3), short version of bench/faults.py: SIGKILL during `cancu
ingest` and during the save, two ingests at once, a truncated KB file. The KB must always
load afterwards with the old or the new state, and a re-run must complete."""

from __future__ import annotations

import subprocess
import sys

from conftest import CORPUS, REPO, need_shared


def test_kill_during_ingest_and_save_leaves_old_or_new_state():
    docs = need_shared(CORPUS / "tvpl-fulltext" / "docs")
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "faults.py"), "--runs", "2", "--files", str(docs)],
        capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "mixed: 0" in result.stdout
    assert "killed during save" in result.stdout or "finished before kill" in result.stdout
    assert "RESULT: PASS" in result.stdout


def test_every_verb_reports_a_corrupt_kb_without_traceback(tmp_path):
    import gzip

    (tmp_path / "kb.json.gz").write_bytes(gzip.compress(b"not a knowledge base"))
    for verb in (["search", "mot cua"], ["suggest", "một cửa"], ["lint", "-"], ["show", "61/2018/NĐ-CP"],
                 ["serve", "--port", "0"]):
        result = subprocess.run([sys.executable, "-m", "cancu", *verb, "--kb", str(tmp_path)],
                                input="Căn cứ Nghị định 61/2018/NĐ-CP.", capture_output=True, text=True, timeout=120)
        assert result.returncode == 1, (verb, result.stderr[-500:])
        assert "Traceback" not in result.stderr, verb
        assert "--rebuild" in result.stderr, verb
