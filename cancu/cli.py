"""The `cancu` command line. Each verb lives beside the functions it calls; this module
only gathers them, so `cancu --help` lists every verb with a one-line summary.

Verb modules export `register(subparsers)`, which adds their sub-parsers and sets
`func` on each to a callable taking the parsed arguments and returning an exit code.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from cancu import __version__

# Order is the order in `cancu --help`: from reading a file to serving the site.
VERB_MODULES = (
    "cancu.ingest.cli",  # extract
    "cancu.graph.cli_kb",  # ingest, show, chain, cited-by, gaps, export, sparql, catalog
    "cancu.graph.cli_search",  # search
    "cancu.graph.cli_draft",  # suggest, lint
    "cancu.webui.cli",  # serve
)

DESCRIPTION = """\
cancu (căn cứ): tra cứu căn cứ pháp lý, chuỗi văn bản thực hiện và trợ lý soạn thảo.
Vietnamese legal-reference knowledge graph: extract citations, browse implementation
chains, search, suggest and check the legal bases ("căn cứ") of a draft.

Thư mục kho tri thức (knowledge base): --kb DIR, hoặc $CANCU_HOME, hoặc thư mục dữ liệu
của người dùng. Lần dùng đầu tiên tự dựng kho từ dữ liệu đi kèm gói."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cancu", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"cancu {__version__}")
    sub = parser.add_subparsers(dest="verb", metavar="COMMAND")
    for name in VERB_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:  # a verb module not written yet; the others still work
                continue
            raise
        module.register(sub)
    # No abbreviated options: `--k 2` (meant for `suggest --k`) given to a verb without
    # --k would otherwise be read as `--kb 2` and build a knowledge base in ./2.
    _no_abbreviations(parser)
    return parser


def _no_abbreviations(parser: argparse.ArgumentParser) -> None:
    """allow_abbrev off for a parser and every sub-command under it (`catalog build`)."""
    parser.allow_abbrev = False
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in action.choices.values():
                _no_abbreviations(child)


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    from cancu.graph.store import KBError

    try:
        return int(args.func(args) or 0)
    except KBError as exc:
        # Every verb that opens the KB (search, suggest, lint, serve, ...) reports a corrupt,
        # truncated or locked KB the same way: the message with the way out, no traceback.
        print(str(exc), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `cancu ... | head`
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
