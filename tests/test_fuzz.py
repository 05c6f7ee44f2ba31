"""Hostile input (issue #8, item 4), short version of bench/fuzz.py: the symbol parser,
the extractor, lint and the search query parser get generated and adversarial input; none
may raise, and no 100 KB input may take more than a second."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_fuzz_short(tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "bench" / "fuzz.py"), "--examples", "150", "--kb", str(tmp_path / "kb")],
        capture_output=True, text=True, timeout=900,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    assert result.stdout.count("exceptions=  0") == 4
    assert "RESULT: PASS" in result.stdout
