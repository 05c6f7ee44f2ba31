"""Shared fixtures. Tests may read ../shared (the seeds and corpora beside the repo);
the installed product never does."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("CANCU_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
CORPUS = SHARED / "corpus"
SEED_PLAN = SEEDS / "000_42d6680bc939e224.txt"
SEED_APPENDIX = SEEDS / "004_a64202b8bb617c35.txt"


def need_shared(path: Path) -> Path:
    """Tests over ../shared fail loudly in CI (where it must exist) and skip elsewhere."""
    if not path.exists():
        if os.environ.get("CI"):
            raise AssertionError(f"{path} is missing: CI runs beside ../shared")
        pytest.skip(f"{path} not available")
    return path


@pytest.fixture(scope="session")
def seed_plan_text() -> str:
    return need_shared(SEED_PLAN).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_appendix_text() -> str:
    return need_shared(SEED_APPENDIX).read_text(encoding="utf-8")


@contextlib.contextmanager
def cancu_serve(kb_dir: Path, log: Path, *args: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Run the real `cancu serve --port 0` over `kb_dir` (stderr to `log`); yield its URL.
    `env` adds variables; CANCU_HOME and CANCU_WRITE_TOKEN are cleared unless given there."""
    full_env = dict(os.environ, PYTHONUNBUFFERED="1")
    full_env.pop("CANCU_HOME", None)
    full_env.pop("CANCU_WRITE_TOKEN", None)
    full_env.update(env or {})
    with open(log, "wb") as err:
        proc = subprocess.Popen(
            [sys.executable, "-m", "cancu", "serve", "--host", "127.0.0.1", "--port", "0",
             "--kb", str(kb_dir), *args], stdout=subprocess.PIPE, stderr=err, env=full_env)
        try:
            yield _wait_for_url(proc, log).rstrip("/")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _wait_for_url(proc: subprocess.Popen[bytes], log: Path, timeout: float = 600) -> str:
    assert proc.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline().decode("utf-8", "replace")
        if not line:
            if proc.poll() is not None:
                raise AssertionError(f"cancu serve exited: {log.read_text(errors='replace')[-3000:]}")
            continue
        m = re.search(r"http://[^\s]+", line)
        if m:
            return m.group(0)
    raise AssertionError("cancu serve did not print its URL in time")
