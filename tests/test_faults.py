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
