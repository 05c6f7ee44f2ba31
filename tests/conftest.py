"""Shared fixtures. Tests may read ../shared (the seeds and corpora beside the repo);
the installed product never does."""

from __future__ import annotations

import os
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
