"""`cancu extract FILE... [--json]`: citations, relations, tasks and problems of files.

With --json: JSON Lines, one object per file (docs/extract-json.md). Without: a readable
table per file. "-" reads a text from standard input (once), as `cancu lint -` does. A file
that cannot be read is reported on stderr, naming the file, and the batch goes on; the exit
code is 1 if any file failed.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from cancu.ingest.extract import Extraction, extract_file, extract_text, extraction_to_json
from cancu.ingest.readers import read_stdin_bytes


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "extract",
        help="trích xuất trích dẫn, quan hệ, căn cứ của nhiệm vụ (extract citations)",
        description="Trích xuất mọi văn bản được dẫn chiếu, quan hệ giữa các văn bản, căn cứ "
        "áp dụng của từng nhiệm vụ và các lỗi (ngày sai, ký hiệu sai) từ tệp "
        ".txt/.docx/.pdf/.html/.md. Extract citations, relations, task bases and problems.",
        epilog="Mã thoát (exit code): 0 khi đọc được mọi tệp; 1 khi có tệp không đọc được (các tệp "
        "khác vẫn được in; tệp lỗi liệt kê trên stderr); 2 khi tham số sai.",
    )
    p.add_argument("files", nargs="+", metavar="FILE|-",
                   help="tệp cần đọc, hoặc - để đọc văn bản từ stdin (files to read; - for stdin)")
    p.add_argument("--json", action="store_true", help="in JSON Lines, mỗi tệp một dòng")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.files.count("-") > 1:
        print("cancu extract: '-' (stdin) chỉ đọc được một lần / '-' may be given once", file=sys.stderr)
        return 2
    failed = False
    for path in args.files:
        try:
            ex = _extract(path)
        except Exception as exc:  # noqa: BLE001 - every reader failure names the file
            failed = True
            reason = str(exc) if str(path) in str(exc) else f"{path}: {exc}"
            print(f"cancu extract: lỗi, không đọc được tệp (cannot read file): {reason}", file=sys.stderr)
            continue
        data = extraction_to_json(ex)
        if args.json:
            print(json.dumps(data, ensure_ascii=False))
        else:
            print(_table(data))
        sys.stdout.flush()
    return 1 if failed else 0


def _extract(path: str) -> Extraction:
    if path != "-":
        return extract_file(path)
    # Standard input is read as a text file is (encoding, empty, binary).
    return extract_text(read_stdin_bytes(sys.stdin.buffer.read()), file="-")


def _cell(value: object, width: int) -> str:
    s = "" if value is None else str(value)
    return s if len(s) <= width else s[: width - 1] + "…"


def _table(data: dict[str, Any]) -> str:
    doc = data["document"]
    lines = [
        f"== {data['file']}",
        f"Văn bản: {doc['doc_type'] or '?'} {doc['symbol'] or '(chưa có số)'} · ngày {doc['date'] or '?'}"
        f" · cơ quan {doc['issuer'] or '?'}",
        f"Trích yếu: {doc['title'] or ''}",
        "",
        f"{'Quan hệ':<11} {'Loại':<11} {'Số, ký hiệu / tên':<34} {'Ngày':<10} {'Cơ quan':<7} Vị trí",
    ]
    for c in data["citations"]:
        ident = c["symbol"] or c["name"]
        if c["pinpoint"]:
            ident = f"{c['pinpoint']}, {ident}"
        lines.append(
            f"{c['relation']:<11} {_cell(c['doc_type'], 11):<11} {_cell(ident, 34):<34} "
            f"{_cell(c['date'], 10):<10} {_cell(c['issuer'], 7):<7} {c['start']}-{c['end']}"
        )
    if data["edges"]:
        lines += ["", "Quan hệ giữa các văn bản:"]
        lines += [f"  {e['from']} --{e['relation']}--> {e['to']}" for e in data["edges"] if e["from"] != "self"]
    if data["tasks"]:
        lines += ["", "Nhiệm vụ và căn cứ áp dụng:"]
        for t in data["tasks"]:
            lines.append(f"  - {t['title']}: {', '.join(t['bases']) or '(không có)'}")
    if data["problems"]:
        lines += ["", "Vấn đề:"]
        lines += [f"  [{p['kind']}] {p['message']} ({p['start']}-{p['end']})" for p in data["problems"]]
    return "\n".join(lines) + "\n"
