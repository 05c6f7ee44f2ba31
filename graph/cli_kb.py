"""Knowledge-base verbs: ingest, show, chain, cited-by, gaps, export, sparql, catalog.

Each verb is a thin layer over `graph.kb` / `graph.rdf` / `graph.catalog`: it resolves the
ID the user typed (any writing of a symbol, an id, or a name), calls one function, and
prints either readable Vietnamese text or, with `--json`, the same data as JSON.
Errors a user can act on (locked, corrupt KB, unknown or ambiguous ID, refused query)
print a message and exit non-zero; they never show a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cancu import config
from cancu.graph import store, validity
from cancu.graph.citation import format_date
from cancu.graph.currency import currency
from cancu.graph.kb import ChainNode, KnowledgeBase, build_default_kb, display_name, open_kb
from cancu.graph.model import Document, Extraction, Relation

EXIT_NOT_FOUND = 3
EXIT_AMBIGUOUS = 4
PROGRESS_MIN_FILES = 10
MAX_CHAIN_DEPTH = 10  # a chain deeper than a central decree's grandchildren's grandchildren is noise


def _int_between(low: int, high: int) -> Callable[[str], int]:
    """An argparse type: an integer from `low` to `high`, else a clear usage error."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"cần một số nguyên, không phải “{text}”") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"cần từ {low} đến {high}, không phải {value}")
        return value
    return parse


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("ingest", help="nạp tệp/thư mục văn bản vào kho tri thức (ingest files)",
                              description="Nạp văn bản (.txt .docx .pdf .html) vào kho tri thức: trích dẫn, "
                                          "quan hệ, nguồn gốc. Nạp lại tệp không đổi thì không thay đổi gì.",
                              epilog="Mã thoát (exit code): 0 khi mọi tệp đã được nạp hoặc không đổi; 1 khi có tệp "
                                     "không nạp được (tệp đọc được vẫn được nạp; tệp lỗi liệt kê trên stderr và trong "
                                     "\"failed\" của --json) hoặc kho tri thức hỏng / đang bận; 2 khi tham số sai hoặc "
                                     "không đọc được --catalog.")
    p.add_argument("paths", nargs="*", metavar="PATH", help="tệp hoặc thư mục")
    _kb_arg(p)
    p.add_argument("--catalog", metavar="DIR", help="thư mục corpus dùng chung (../shared/corpus) để nạp danh mục quốc gia")
    p.add_argument("--rebuild", action="store_true", help="dựng lại kho từ dữ liệu đi kèm gói trước khi nạp")
    p.add_argument("--json", action="store_true", help="in tóm tắt dạng JSON")
    p.set_defaults(func=cmd_ingest)

    p = subparsers.add_parser("show", help="thông tin một văn bản và các quan hệ (show a document)",
                              epilog="Tình trạng: hiệu lực hôm nay như lint đánh giá (luật cùng tên ban hành sau đã "
                                     "có hiệu lực, văn bản hết hiệu lực cùng văn bản nó sửa đổi hoặc quy định chi "
                                     "tiết), kèm lý do và văn bản đang có hiệu lực thay thế; \"Chưa xác định\" khi "
                                     "kho không biết. --json: status, status_note, replaced_by (today's status as "
                                     "lint judges it, why, and the id of the document in force in its place).")
    p.add_argument("id", metavar="ID", help="số ký hiệu viết kiểu bất kỳ, id, hoặc tên văn bản")
    _kb_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_show)

    p = subparsers.add_parser("chain", help="chuỗi văn bản thực hiện / căn cứ (implementation chain)")
    p.add_argument("id", metavar="ID")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--down", dest="direction", action="store_const", const="down",
                   help="văn bản thực hiện, hướng dẫn, căn cứ vào nó (mặc định)")
    g.add_argument("--up", dest="direction", action="store_const", const="up", help="các văn bản nó dựa vào")
    p.add_argument("--depth", type=_int_between(1, MAX_CHAIN_DEPTH), default=3,
                   help=f"độ sâu tối đa, 1 đến {MAX_CHAIN_DEPTH} (mặc định 3)")
    _kb_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_chain, direction="down")

    p = subparsers.add_parser("cited-by", help="các văn bản dẫn chiếu tới văn bản này (citator)")
    p.add_argument("id", metavar="ID")
    _kb_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_cited_by)

    p = subparsers.add_parser("gaps", help="văn bản trung ương tỉnh dẫn chiếu nhưng chưa có văn bản thực hiện")
    p.add_argument("--province", required=True, metavar="P",
                   help='tên tỉnh, ví dụ "Quảng Ngãi" hoặc "tỉnh Quảng Ngãi"; tính cả văn bản của các tỉnh đã '
                        'sáp nhập vào tỉnh này (Bình Định vào Gia Lai từ 01/7/2025)')
    _kb_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_gaps)

    p = subparsers.add_parser("export", help="xuất đồ thị (turtle, json-ld, nt, graphml)")
    p.add_argument("--format", required=True, choices=["turtle", "json-ld", "nt", "graphml"])
    p.add_argument("-o", "--output", metavar="FILE", help="tệp ra (mặc định: stdout)")
    _kb_arg(p)
    p.set_defaults(func=cmd_export)

    p = subparsers.add_parser("sparql", help="truy vấn SPARQL chỉ đọc trên đồ thị ELI")
    p.add_argument("query", metavar="QUERY", help="câu truy vấn, hoặc @tệp.rq")
    p.add_argument("--timeout", type=float, default=5.0, help="giây (mặc định 5)")
    p.add_argument("--max-rows", type=int, default=1000)
    _kb_arg(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sparql)

    p = subparsers.add_parser("catalog", help="danh mục văn bản quốc gia đi kèm gói")
    sub = p.add_subparsers(dest="catalog_verb", metavar="ACTION")
    b = sub.add_parser("build", help="dựng data/catalog.json.gz từ corpus dùng chung")
    b.add_argument("corpus", metavar="SHARED_CORPUS_DIR")
    b.add_argument("-o", "--output", metavar="FILE", help="mặc định: catalog.json.gz của gói")
    b.add_argument("--json", action="store_true")
    b.set_defaults(func=cmd_catalog_build)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _kb_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--kb", metavar="DIR", help="thư mục kho tri thức (mặc định $CANCU_HOME hoặc thư mục dữ liệu người dùng)")


def _err(message: str) -> None:
    print(message, file=sys.stderr)


def _open(args: argparse.Namespace) -> KnowledgeBase | None:
    try:
        return open_kb(args.kb)
    except store.KBError as exc:
        _err(str(exc))
        return None


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def resolve_id(kb: KnowledgeBase, text: str) -> tuple[str | None, int]:
    """The one id `text` names, or (None, exit code) after telling the user why not."""
    found = kb.lookup(text)
    if len(found) == 1:
        return found[0], 0
    if not found:
        # "nghị định 61": too few parts to name one document, but not nothing either; the
        # documents `cancu search` lists for it are the candidates.
        found = kb.candidates(text)
        if len(found) == 1 and (doc := kb.get(found[0])) is not None:
            # "QĐ 749": one candidate is the document meant; saying "có thể là 1 văn bản"
            # and stopping was a dead end (rev41). Said on stderr, so --json stays clean.
            _err(f"“{text}” được hiểu là {display_name(doc)} (id {doc.id}).")
            return doc.id, 0
    if not found:
        _err(f"Không tìm thấy văn bản “{text}” trong kho tri thức.\nNo document matches “{text}”.")
        return None, EXIT_NOT_FOUND
    _err(f"“{text}” có thể là {len(found)} văn bản; hãy ghi rõ hơn (thêm năm, ngày hoặc dùng id):\n"
         f"“{text}” is ambiguous; candidates:")
    for doc_id in found[:20]:
        doc = kb.get(doc_id)
        _err(f"  {doc_id:32}  {_one_line(doc) if doc else ''}")
    if len(found) > 20:
        _err(f"  … và {len(found) - 20} văn bản khác")
    return None, EXIT_AMBIGUOUS


def _open_document(args: argparse.Namespace) -> tuple[KnowledgeBase, str] | int:
    """The KB and the one document `args.id` names, or the exit code after saying why not."""
    kb = _open(args)
    if kb is None:
        return 1
    doc_id, code = resolve_id(kb, args.id)
    if doc_id is None:
        return code
    return kb, doc_id


def _one_line(doc: Document, width: int = 100) -> str:
    text = display_name(doc)
    if doc.province:
        text += f" ({doc.locality + ', ' if doc.locality else ''}{doc.province})"
    if doc.title and doc.symbol:
        text += f" — {doc.title}"
    return text if len(text) <= width else text[: width - 1] + "…"


def _date(doc: Document) -> str:
    return doc.date.strftime("%d/%m/%Y") if doc.date else "—"


# --- ingest --------------------------------------------------------------------------------

class _Progress:
    """A one-line counter on stderr: redrawn in place on a terminal, a line every 50 files
    otherwise (logs stay readable)."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self.tty = sys.stderr.isatty()
        self.started = time.monotonic()
        self.enabled = total is None or total >= PROGRESS_MIN_FILES

    def update(self, done: int, name: str) -> None:
        if not self.enabled:
            return
        elapsed = time.monotonic() - self.started
        if self.total:
            width = 30
            filled = int(width * done / self.total)
            bar = "#" * filled + "-" * (width - filled)
            line = f"[{bar}] {done}/{self.total} tệp  {elapsed:5.1f}s  {name[-40:]}"
        else:
            line = f"{done} tệp  {elapsed:5.1f}s  {name[-40:]}"
        if self.tty:
            sys.stderr.write("\r" + line[:118].ljust(118))
            sys.stderr.flush()
        elif done % 50 == 0 or done == self.total:
            sys.stderr.write(line + "\n")

    def close(self) -> None:
        if self.enabled and self.tty:
            sys.stderr.write("\n")


def _count_files(paths: list[str]) -> int | None:
    try:
        from cancu.ingest.readers import SUPPORTED_SUFFIXES
    except ImportError:  # pragma: no cover
        return None
    total = 0
    for given in paths:
        p = Path(given)
        if p.is_dir():
            total += sum(1 for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES
                         and not f.name.startswith((".", "~$")))
        else:
            total += 1
    return total


MAX_NOTES_SHOWN = 30  # problems and ambiguous citations listed after an ingest's summary


def _ingest_notes(kb: KnowledgeBase, key: str, file: str, text: str) -> list[dict[str, Any]]:
    """What an ingested file held that a user must look at, each at its line and column:
    the extractor's problems, and the citations kept out of the graph as ambiguous or
    unresolved (with their candidates)."""
    record = kb.source(key)
    if record is None:
        return []

    def at(start: int | None) -> tuple[int | None, int | None]:
        if start is None:
            return None, None
        return text.count("\n", 0, start) + 1, start - text.rfind("\n", 0, start)

    out: list[dict[str, Any]] = []
    for n in record.notes:
        if n.node == n.document:
            line, column = at(n.start)
            out.append({"file": file, "line": line, "column": column, "kind": n.kind,
                        "message": n.message, "quote": n.quote})
    for m in record.mentions:
        line, column = at(m.start)
        what = "trích dẫn mơ hồ, có thể là " + ", ".join(m.candidates[:5]) if m.status == "ambiguous" \
            else "trích dẫn chưa xác định được văn bản" + (f" ({m.reason})" if m.reason else "")
        out.append({"file": file, "line": line, "column": column, "kind": m.status, "message": what,
                    "quote": m.text, "candidates": list(m.candidates)})
    return sorted(out, key=lambda n: (n["line"] or 0, n["column"] or 0))


def cmd_ingest(args: argparse.Namespace) -> int:
    directory = config.kb_dir(args.kb)
    if not args.paths and not args.catalog and not args.rebuild:
        _err("Cần ít nhất một PATH, --catalog hoặc --rebuild. / Give PATH..., --catalog or --rebuild.")
        return 2
    extract: Callable[..., Extraction] | None = None
    if args.paths:
        try:
            from cancu.ingest.extract import extract_text
            from cancu.ingest.readers import ReadError, iter_documents
        except ImportError as exc:
            _err(f"Chưa có bộ trích xuất trích dẫn (cancu.ingest.extract): {exc}\nThe extractor is not installed.")
            return 2
        extract = extract_text
    summary: dict[str, Any] = {"documents": 0, "unchanged": 0, "replaced": 0, "citations": 0, "new_nodes": 0,
                               "edges": 0, "ambiguous": 0, "unresolved": 0, "problems": 0, "failed": [],
                               "notes": []}
    try:
        with store.kb_lock(directory):
            if args.rebuild:
                kb = build_default_kb(directory)
            else:
                kb = KnowledgeBase.load(directory) if store.kb_file(directory).exists() else build_default_kb(directory)
            start_version = kb.version
            for warning in kb.warnings:
                _err(warning)
            if args.catalog:
                from cancu.graph import catalog

                try:
                    data = catalog.build_catalog_data(args.catalog)
                except catalog.CatalogError as exc:
                    _err(str(exc))
                    return 2
                report = catalog.import_catalog(kb, data, source=f"catalog:{Path(args.catalog).resolve()}")
                summary["catalog"] = report.to_json()
            if args.paths:
                assert extract is not None
                progress = _Progress(_count_files(args.paths))
                done = 0
                for path, item in iter_documents(args.paths):
                    done += 1
                    progress.update(done, str(path))
                    if isinstance(item, ReadError):
                        summary["failed"].append({"file": str(path), "reason": item.reason})
                        continue
                    try:
                        extraction = extract(item, file=str(path))
                    except Exception as exc:  # one bad file must not stop the batch
                        summary["failed"].append({"file": str(path), "reason": f"lỗi trích xuất: {exc!r}"})
                        continue
                    rep = kb.add_extraction(extraction, source_file=path)
                    if rep.unchanged:
                        summary["unchanged"] += 1
                        continue
                    summary["documents"] += 1
                    summary["replaced"] += int(rep.replaced)
                    for k in ("citations", "new_nodes", "edges", "ambiguous", "unresolved", "problems"):
                        summary[k] += getattr(rep, k)
                    summary["notes"].extend(_ingest_notes(kb, rep.source_file, str(path), extraction.text))
                progress.close()
            if kb.version != start_version or args.rebuild or not store.kb_file(directory).exists():
                kb.save()
            summary.update(kb=str(directory), nodes=len(kb), total_edges=kb.edge_count(),
                           version=kb.version, save_s=round(kb.timings.get("save_s", 0.0), 3))
    except store.KBError as exc:
        _err(str(exc))
        return 1
    if args.json:
        _print_json(summary)
        for failed in summary["failed"]:  # as the help says: on stderr too, for a human watching
            print(f"  lỗi: {failed['file']}: {failed['reason']}", file=sys.stderr)
    else:
        print(f"Đã nạp {summary['documents']} văn bản (documents), {summary['citations']} trích dẫn (citations), "
              f"{summary['new_nodes']} nút mới (new nodes), {summary['edges']} cạnh mới (edges), "
              f"{summary['problems']} vấn đề (problems), {len(summary['failed'])} tệp lỗi (failed files).")
        if summary["unchanged"]:
            print(f"{summary['unchanged']} tệp không đổi, bỏ qua (unchanged, skipped).")
        if summary["replaced"]:
            print(f"{summary['replaced']} tệp đã thay đổi: thay các khẳng định cũ (changed files replaced).")
        if summary["ambiguous"] or summary["unresolved"]:
            print(f"{summary['ambiguous']} trích dẫn mơ hồ (ambiguous), {summary['unresolved']} chưa xác định "
                  "(unresolved): giữ ngoài đồ thị, không đoán.")
        if "catalog" in summary:
            c = summary["catalog"]
            print(f"Danh mục: {c['documents']} văn bản, {c['edges']} cạnh mới"
                  + (" (không đổi)" if c["unchanged"] else ""))
        for note in summary["notes"][:MAX_NOTES_SHOWN]:
            print(f"  {note['file']}:{note['line']}:{note['column']}: {note['message']}: “{note['quote']}”")
        if len(summary["notes"]) > MAX_NOTES_SHOWN:
            print(f"  … và {len(summary['notes']) - MAX_NOTES_SHOWN} mục nữa (xem --json).")
        for failed in summary["failed"]:
            print(f"  lỗi: {failed['file']}: {failed['reason']}", file=sys.stderr)
        print(f"Kho {summary['kb']}: {summary['nodes']} văn bản, {summary['total_edges']} cạnh, phiên bản {summary['version']}.")
    # A script learns from the exit code alone that a file was not stored, even when the
    # others were stored or unchanged (as `cancu extract` does).
    return 1 if summary["failed"] else 0


# --- show / chain / cited-by / gaps ---------------------------------------------------------

def document_json(kb: KnowledgeBase, doc: Document) -> dict[str, Any]:
    def edges(items: list[Any], other: str) -> list[dict[str, Any]]:
        return [{"relation": e.relation.value, other: getattr(e, other), "count": e.count,
                 "sentences": list(dict.fromkeys(p.sentence for p in e.provenance if p.sentence))[:5],
                 "tasks": list(dict.fromkeys(p.task for p in e.provenance if p.task))} for e in items]

    return {
        "id": doc.id, "label": display_name(doc), "doc_type": doc.doc_type, "symbol": doc.symbol,
        "date": doc.date.isoformat() if doc.date else None,
        "effective_date": doc.effective_date.isoformat() if doc.effective_date else None,
        "issuer": doc.issuer, "issuer_name": doc.issuer_name, "level": doc.level, "province": doc.province,
        "locality": doc.locality, "title": doc.title, **_currency_json(kb, doc), "aliases": sorted(doc.aliases), "topics": doc.topics,
        "conflicts": doc.conflicts(), "facts": doc.facts, "authority": kb.authority(doc.id),
        "edges_from": edges(kb.edges_from(doc.id), "target"), "edges_to": edges(kb.edges_to(doc.id), "source"),
        "co_cited": kb.co_cited(doc.id, limit=10),
    }


def _currency_json(kb: KnowledgeBase, doc: Document) -> dict[str, Any]:
    """Today's status (graph/currency.py), why where the KB's edges do not say it, and the
    document in force in its place."""
    known = currency(kb, doc.id)
    return {"status": known.status, "status_note": known.note, "replaced_by": known.replaced_by}


def _status_today(kb: KnowledgeBase, doc: Document) -> list[str]:
    """Today's status, with the day it holds for (it changes with the date alone), why
    where the KB's edges do not say it, and the document in force in its place. Unknown
    is said: a missing line read as "nothing to worry about" (rev41)."""
    known = currency(kb, doc.id)
    day = format_date(validity.today())
    if known.status is None:
        return ["Chưa xác định (kho không có thông tin về hiệu lực của văn bản này: cần kiểm tra)"]
    lines = [f"{known.status} (tại ngày {day})"]
    if known.note:
        lines.append(f"! {known.note}")
    in_place = kb.get(known.replaced_by) if known.replaced_by else None
    if in_place is not None and not known.note:
        lines.append(f"! văn bản đang có hiệu lực thay thế: {display_name(in_place)} (id {in_place.id})")
    return lines


def cmd_show(args: argparse.Namespace) -> int:
    opened = _open_document(args)
    if isinstance(opened, int):
        return opened
    kb, doc_id = opened
    doc = kb.get(doc_id)
    assert doc is not None
    if args.json:
        _print_json(document_json(kb, doc))
        return 0
    print(display_name(doc))
    rows = [("id", doc.id), ("Loại", doc.doc_type), ("Số ký hiệu", doc.symbol), ("Ngày ban hành", _date(doc)),
            ("Ngày hiệu lực", doc.effective_date.strftime("%d/%m/%Y") if doc.effective_date else None),
            ("Cơ quan ban hành", " — ".join(x for x in (doc.issuer, doc.issuer_name) if x) or None),
            ("Tỉnh", doc.province), ("Đơn vị hành chính", doc.locality), ("Trích yếu", doc.title),
            *(("Tình trạng" if n == 0 else "", line) for n, line in enumerate(_status_today(kb, doc))),
            ("Tên khác", "; ".join(sorted(doc.aliases)) or None),
            ("Đề mục pháp điển", "; ".join(doc.topics) or None), ("Được dựa vào (authority)", str(kb.authority(doc.id)))]
    for label, value in rows:
        if value:
            print(f"  {label:26} {value}")
    for attr, values in doc.conflicts().items():
        print(f"  ! Mâu thuẫn về {attr} (conflict):")
        for value, sources in values.items():
            print(f"      {value}  ← {len(sources)} nguồn: {', '.join(dict.fromkeys(sources))}")
    by_rel: dict[tuple[str, Relation], list[str]] = {}
    for e in kb.edges_from(doc.id):
        by_rel.setdefault(("out", e.relation), []).append(e.target)
    for e in kb.edges_to(doc.id):
        by_rel.setdefault(("in", e.relation), []).append(e.source)
    for (direction, rel), ids in by_rel.items():
        heading = rel.active_heading if direction == "out" else rel.passive_heading
        print(f"\n  {heading} ({rel.value}{'' if direction == 'out' else ', ngược'}): {len(ids)}")
        for other in ids[:30]:
            other_doc = kb.get(other)
            print(f"    - {_one_line(other_doc) if other_doc else other}")
        if len(ids) > 30:
            print(f"    … và {len(ids) - 30} văn bản khác")
    return 0


def _relation_label(rel: Relation, direction: str) -> str:
    heading = rel.passive_heading if direction == "down" else rel.active_heading
    return f"{heading} / {rel.value}"


def _ended(kb: KnowledgeBase, doc_id: str) -> str:
    """" [Hết hiệu lực toàn bộ]" after a chain's document no longer in force today (as lint
    judges it, graph/currency.py): a plan resting on Luật 76/2015/QH13 read as current (rev41)."""
    status = currency(kb, doc_id).status
    return f" [{status}]" if status and validity.is_expired_status(status) else ""


def render_tree(kb: KnowledgeBase, root: ChainNode, direction: str) -> list[str]:
    root_doc = kb.get(root.id)
    lines = [_one_line(root_doc, 140) if root_doc else root.id]

    def walk(node: ChainNode, prefix: str) -> None:
        for i, child in enumerate(node.children):
            last = i == len(node.children) - 1
            doc = kb.get(child.id)
            mark = " (đã nêu ở trên)" if child.repeated else (" …" if child.truncated else "")
            assert child.relation is not None
            lines.append(f"{prefix}{'└── ' if last else '├── '}[{_relation_label(child.relation, direction)}] "
                         f"{_one_line(doc, 120) if doc else child.id}{_ended(kb, child.id)}{mark}")
            walk(child, prefix + ("    " if last else "│   "))

    walk(root, "")
    if not root.children:
        lines.append("  (không có văn bản nào trong chuỗi — none)" if direction == "down"
                     else "  (không có căn cứ nào trong kho — none)")
    return lines


def cmd_chain(args: argparse.Namespace) -> int:
    opened = _open_document(args)
    if isinstance(opened, int):
        return opened
    kb, doc_id = opened
    tree = kb.chain(doc_id, direction=args.direction, depth=args.depth)
    if args.json:
        _print_json(tree.to_json())
    else:
        print("\n".join(render_tree(kb, tree, args.direction)))
    return 0


def cmd_cited_by(args: argparse.Namespace) -> int:
    opened = _open_document(args)
    if isinstance(opened, int):
        return opened
    kb, doc_id = opened
    rows = kb.cited_by(doc_id)
    if args.json:
        _print_json({"id": doc_id, "cited_by": [r.to_json() for r in rows]})
        return 0
    doc = kb.get(doc_id)
    # Documents, not rows: one document may both rest on it and implement it.
    citing = len({r.source for r in rows})
    print(f"{_one_line(doc, 140) if doc else doc_id}: {citing} văn bản dẫn chiếu (citing documents)")
    for r in rows:
        src = kb.get(r.source)
        print(f"  [{r.relation.passive_heading} / {r.relation.value}] ×{r.count}  {_one_line(src) if src else r.source}")
        for sentence in r.sentences[:2]:
            print(f"      “{sentence[:200]}{'…' if len(sentence) > 200 else ''}”")
        others = [a for a in r.asserted_by if a != r.source]
        if others:
            print(f"      (theo {', '.join(others)})")
    return 0


def cmd_gaps(args: argparse.Namespace) -> int:
    kb = _open(args)
    if kb is None:
        return 1
    report = kb.gaps(args.province)
    if args.json:
        _print_json(report.to_json())
        return 0
    from cancu.graph.places import province_by_name

    entry = province_by_name(args.province)
    if not report.documents:
        if entry is None:
            _err(f"Không nhận ra tỉnh/thành phố “{args.province}” (data/provinces.json). / Unknown province.")
        else:
            _err(f"Kho chưa có văn bản nào của tỉnh “{args.province}”. / No documents of this province.")
        return EXIT_NOT_FOUND
    place = f"{entry.kind} {entry.name}" if entry else args.province  # "Tỉnh Gia Lai" is written once
    print(f"{place[:1].upper()}{place[1:]}: {report.documents} văn bản trong kho.")
    print(f"\nVăn bản trung ương được dẫn chiếu nhưng chưa có văn bản thực hiện của tỉnh: {len(report.unimplemented)}")
    for g in report.unimplemented:
        doc = kb.get(g.id)
        print(f"  - {_one_line(doc) if doc else g.id}  (dẫn chiếu bởi {len(g.documents)})")
    print(f"\nVăn bản tỉnh tuyên bố thực hiện nhưng kho chỉ biết qua trích dẫn / không xác định được: "
          f"{len(report.unknown_targets)}")
    for g in report.unknown_targets:
        doc = kb.get(g.id)
        print(f"  - {_one_line(doc) if doc else g.id.lstrip('?')}  ← {', '.join(g.documents)}")
    return 0


# --- export / sparql / catalog ----------------------------------------------------------------

def cmd_export(args: argparse.Namespace) -> int:
    from cancu.graph import rdf

    kb = _open(args)
    if kb is None:
        return 1
    text = rdf.export(kb, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"Đã xuất {len(kb)} văn bản ra {args.output} ({args.format}).", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def cmd_sparql(args: argparse.Namespace) -> int:
    from cancu.graph import rdf

    query = args.query
    if query.startswith("@"):
        query = Path(query[1:]).read_text(encoding="utf-8")
    try:
        rdf.check_read_only(query)
    except rdf.SparqlError as exc:
        _err(str(exc))
        return 2
    kb = _open(args)
    if kb is None:
        return 1
    try:
        result = rdf.sparql(kb, query, timeout_s=args.timeout, max_rows=args.max_rows)
    except rdf.SparqlError as exc:
        _err(str(exc))
        return 2
    if args.json:
        _print_json(result.to_json())
        return 0
    if result.boolean is not None:
        print("true" if result.boolean else "false")
        return 0
    print("\t".join(result.variables))
    for row in result.rows:
        print("\t".join(row.get(v) or "" for v in result.variables))
    if result.truncated:
        _err(f"(kết quả bị cắt ở {args.max_rows} dòng / truncated)")
    return 0


def cmd_catalog_build(args: argparse.Namespace) -> int:
    from cancu.graph import catalog

    out = Path(args.output) if args.output else catalog.packaged_catalog_path()
    try:
        counts = catalog.build_catalog(args.corpus, out)
    except catalog.CatalogError as exc:
        _err(str(exc))
        return 2
    if args.json:
        _print_json(counts)
    else:
        rels = ", ".join(f"{k} {v}" for k, v in sorted(counts["relations"].items()))
        print(f"Đã dựng danh mục {counts['path']}: {counts['documents']} văn bản, quan hệ: {rels}; "
              f"{counts['bytes'] / 1024:.0f} KB.")
        if counts["census_conflicts"]:
            print("Bỏ qua dòng census mâu thuẫn với văn bản cùng số: " + ", ".join(counts["census_conflicts"]))
    return 0
