"""Lint and type-check in CI (docs/style.md): ruff over the tree, mypy over the packages."""

from __future__ import annotations

import subprocess
import sys

from conftest import REPO


def test_ruff_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "."], cwd=REPO, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]


def test_mypy_clean():
    result = subprocess.run([sys.executable, "-m", "mypy", "graph", "ingest", "webui", "cancu"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-4000:]
