"""docs/cli.md is generated from the real --help; it must not drift (datasette's habit)."""

from __future__ import annotations

import subprocess
import sys

from cancu.clidoc import render
from conftest import REPO


def test_cli_reference_is_up_to_date():
    written = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    assert written == render(), "regenerate with: python -m cancu.clidoc > docs/cli.md"


def test_every_documented_verb_exists():
    verbs = ["extract", "ingest", "show", "chain", "cited-by", "gaps", "export", "sparql", "catalog",
             "search", "suggest", "lint", "serve"]
    for verb in verbs:
        result = subprocess.run([sys.executable, "-m", "cancu", verb, "--help"], capture_output=True, text=True)
        assert result.returncode == 0, (verb, result.stderr)
        assert "usage: cancu " + verb in result.stdout


def test_an_abbreviated_option_is_an_error_not_another_option(tmp_path):
    """`cancu search X --k 2`: search has no --k; argparse's prefix matching would take it
    for --kb and build a knowledge base in ./2. It must be refused, and nothing written."""
    result = subprocess.run([sys.executable, "-m", "cancu", "search", "đất đai", "--k", "2"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "--k" in result.stderr
    assert not (tmp_path / "2").exists()


def test_a_sub_command_refuses_abbreviated_options_too(tmp_path):
    """`cancu catalog build DIR --out F` must not be read as --output F."""
    result = subprocess.run([sys.executable, "-m", "cancu", "catalog", "build", str(tmp_path), "--out",
                             str(tmp_path / "x.json.gz")], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 2
    assert "--out" in result.stderr
    assert not (tmp_path / "x.json.gz").exists()
