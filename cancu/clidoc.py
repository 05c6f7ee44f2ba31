"""Write the command-line reference (docs/cli.md) from the real `--help` texts.

The reference is generated, never written by hand, so it cannot drift from the code;
tests/test_cli_docs.py fails when docs/cli.md is not what this module would write.

    python -m cancu.clidoc > docs/cli.md
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys

from cancu.cli import build_parser

HEADER = """# Dòng lệnh `cancu` / command-line reference

Sinh tự động từ `cancu --help` bằng `python -m cancu.clidoc > docs/cli.md`; một kiểm thử
so sánh tệp này với trợ giúp thật. Generated from the real `--help`; a test keeps it in sync.
"""


def _help(parser: argparse.ArgumentParser) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        parser.print_help()
    return buffer.getvalue().rstrip()


def render() -> str:
    # A fixed width keeps the output independent of the terminal running it.
    os.environ["COLUMNS"] = "100"
    parser = build_parser()
    parts = [HEADER, "## cancu", "", "```text", _help(parser), "```", ""]
    sub_actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    for action in sub_actions:
        for name, sub in action.choices.items():
            parts += [f"## cancu {name}", "", "```text", _help(sub), "```", ""]
            nested = [a for a in sub._actions if isinstance(a, argparse._SubParsersAction)]
            for inner in nested:
                for inner_name, inner_parser in inner.choices.items():
                    parts += [f"### cancu {name} {inner_name}", "", "```text", _help(inner_parser), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    sys.stdout.write(render())
