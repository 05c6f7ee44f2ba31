"""`cancu suggest` and `cancu lint`: the drafting assistant on the command line.

Both read the knowledge base (`--kb DIR`, else $CANCU_HOME, else the user data dir) and
print a readable Vietnamese table, or with `--json` the same objects the web UI gets
(`Suggestion.to_json()`, `LintReport.to_json()`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import textwrap
import unicodedata
from pathlib import Path
from typing import Any

from cancu.graph.dates import parse_iso

# Callers enforce the text length (graph/lint.py); 2 MB is about 400 pages of plain text.
MAX_TEXT_BYTES = 2_000_000


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "suggest", help="gợi ý căn cứ pháp lý cho một nhiệm vụ / suggest legal bases for a task",
        description="Gợi ý căn cứ cho một nhiệm vụ, tên kế hoạch hay một đoạn dự thảo "
                    "(TEXT, hoặc '-' để đọc từ stdin). Suggest the legal bases (căn cứ) for a task.")
    p.add_argument("text", metavar="TEXT|-", help="nội dung nhiệm vụ, hoặc - để đọc stdin")
    p.add_argument("--province", metavar="P", help="tỉnh soạn thảo (vd. \"Quảng Ngãi\")")
    p.add_argument("--issuer", metavar="I", help="cơ quan ban hành: mã (UBND, CP) hoặc tên")
    p.add_argument("--as-of", metavar="DATE", help="ngày của dự thảo (mặc định hôm nay): YYYY-MM-DD hoặc ngày/tháng/năm như văn bản ghi (15/12/2021 là ngày 15 tháng 12); không gợi ý văn bản ban hành sau ngày này")
    p.add_argument("--already-cited", metavar="SYMBOL", action="append", default=[],
                   help="văn bản đã dẫn (lặp lại được)")
    p.add_argument("--k", type=int, default=10, metavar="N", help="số gợi ý (mặc định 10)")
    p.add_argument("--json", action="store_true", help="in JSON")
    p.add_argument("--kb", metavar="DIR", help="thư mục kho tri thức")
    p.set_defaults(func=run_suggest)

    q = subparsers.add_parser(
        "lint", help="kiểm tra các trích dẫn trong dự thảo / check every citation of a draft",
        description="Kiểm tra mọi trích dẫn văn bản trong dự thảo (FILE .txt/.docx/..., hoặc '-' "
                    "để đọc stdin): ngày, cơ quan, loại văn bản, số ký hiệu, hiệu lực. "
                    "Check every citation of a draft.")
    q.add_argument("file", metavar="FILE|-", help="tệp dự thảo, hoặc - để đọc stdin")
    q.add_argument("--as-of", metavar="DATE", help="ngày của dự thảo: YYYY-MM-DD hoặc ngày/tháng/năm (15/12/2021); mặc định ngày ghi ở đầu dự thảo")
    q.add_argument("--province", metavar="P", help="tỉnh soạn thảo; mặc định tỉnh ghi ở đầu dự thảo")
    q.add_argument("--json", action="store_true", help="in JSON")
    q.add_argument("--kb", metavar="DIR", help="thư mục kho tri thức")
    q.set_defaults(func=run_lint)


def _date(text: str | None) -> dt.date | None:
    if text is not None and not text.strip():
        # An empty --as-of (a script's unset variable) must not silently mean "no date".
        raise ValueError("--as-of trống; ghi ngày theo dạng YYYY-MM-DD hoặc ngày/tháng/năm. / Empty --as-of.")
    return parse_iso(text) if text else None


def _warn_unknown(province: str | None, issuer: str | None) -> None:
    """Say so when the province or issuer is not recognised: the answer then ignores it."""
    if province:
        from cancu.graph.places import province_by_name

        if province_by_name(province) is None:
            print(f"Cảnh báo: không nhận ra tỉnh/thành phố “{province}” (data/provinces.json); "
                  "văn bản của tỉnh có thể không được tìm thấy. / Unknown province.", file=sys.stderr)
    if issuer:
        from cancu.graph.suggest import issuer_codes

        if not issuer_codes(issuer):
            print(f"Cảnh báo: không nhận ra cơ quan ban hành “{issuer}”, nên không dùng được căn cứ "
                  "thường gặp của cơ quan; ghi mã (UBND, CP, BTC) hoặc tên đầy đủ. / Unknown issuer.", file=sys.stderr)


def _open_kb(directory: str | None) -> Any:
    from cancu.graph.kb import open_kb

    return open_kb(directory)


def _read_stdin() -> str:
    """Standard input, read as a text file is (ingest/readers.py `read_stdin_bytes`): its
    encoding detected, empty or binary input an error naming it."""
    from cancu.ingest.readers import ReadError, read_stdin_bytes

    data = sys.stdin.buffer.read(MAX_TEXT_BYTES + 1)
    if len(data) > MAX_TEXT_BYTES:
        raise SystemExit(_too_long("đầu vào chuẩn (-)", None, MAX_TEXT_BYTES))
    try:
        return read_stdin_bytes(data)
    except ReadError as exc:
        raise SystemExit(f"Không đọc được {exc}") from None


def _read_file(path: str) -> str:
    if path == "-":
        return _read_stdin()
    p = Path(path)
    if p.is_dir():
        raise SystemExit(f"{path} là một thư mục, không phải tệp dự thảo; ghi đường dẫn tới một tệp. / Is a directory.")
    if not p.is_file():
        raise SystemExit(f"Không tìm thấy tệp: {path} / File not found.")
    if p.stat().st_size > MAX_TEXT_BYTES * 4:  # .docx/.pdf are larger than their text
        raise SystemExit(_too_long(path, p.stat().st_size, MAX_TEXT_BYTES * 4, what="tệp quá lớn",
                                   english="File too large."))
    try:
        from cancu.ingest.readers import ReadError, read_document
    except ImportError:  # readers not installed: plain UTF-8 text only
        return p.read_text(encoding="utf-8", errors="replace")
    try:
        text = read_document(p)
    except ReadError as exc:
        raise SystemExit(str(exc)) from None
    if (size := len(text.encode("utf-8"))) > MAX_TEXT_BYTES:
        raise SystemExit(_too_long(path, size, MAX_TEXT_BYTES))
    return text


def _too_long(where: str, size: int | None, limit: int, *, what: str = "văn bản quá dài",
              english: str = "Text too long.") -> str:
    """The over-long input's name, its size where known (in MB, to two decimals near the
    limit: "2,0 MB; tối đa 2 MB" read as no excess), and the limit."""
    def mb(n: int) -> str:
        return f"{n / 1_000_000:.2f}".rstrip("0").rstrip(".").replace(".", ",") + " MB"

    had = f"{mb(size)}; " if size is not None else ""
    return f"{where}: {what} ({had}tối đa {mb(limit)}). / {english}"


def _as_written(path: str, text: str) -> str:
    """A plain-text file saved decomposed (NFD, as some editors save Vietnamese) as it is
    written, so `lint --json` offsets point into the file (the extractor reads it in NFC);
    the reader's NFC copy differs in length. Anything else the reader changed stays."""
    p = Path(path)
    if path == "-" or p.suffix.lower() not in (".txt", ""):
        return text
    try:  # the characters as the file holds them: newlines untranslated, no BOM
        raw = p.read_bytes().decode("utf-8-sig")
    except (UnicodeDecodeError, OSError):
        return text
    return raw if raw != text and unicodedata.normalize("NFC", raw) == text else text


def _wrap(text: str, indent: str, width: int = 100) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent)


# The heading of the weak matches (Suggestion.weak), in the terminal as on the draft page.
WEAK_HEADING = "Khớp yếu: chỉ trùng từ ngữ chung với nội dung cần soạn, chỉ để tham khảo / Weak matches"


def run_suggest(args: argparse.Namespace) -> int:
    from cancu.graph.suggest import notices, suggest

    text = _read_stdin() if args.text == "-" else args.text
    try:
        as_of = _date(args.as_of)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    _warn_unknown(args.province, args.issuer)
    kb = _open_kb(args.kb)
    results = suggest(kb, text, issuer=args.issuer, province=args.province, as_of=as_of,
                      already_cited=tuple(args.already_cited), k=max(1, min(args.k, 100)))
    told = notices(kb, text, issuer=args.issuer, province=args.province, as_of=as_of,
                   already_cited=tuple(args.already_cited))
    if args.json:
        # What the answer was computed for, as lint's JSON says it: a script reading it
        # later knows the date validity was judged on (today when --as-of is not given).
        from cancu.graph.validity import today

        json.dump({"suggestions": [s.to_json() for s in results], "notices": told,
                   "as_of": (as_of or today()).isoformat(), "province": args.province, "issuer": args.issuer},
                  sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    for notice in told:
        print(_wrap(f"Lưu ý: {notice}", ""))
    if not results:
        print("Không có gợi ý nào. / No suggestion.")
        return 0
    print(f"{'#':>2}  {'điểm':>5}  căn cứ")
    for n, s in enumerate(results, 1):
        if s.weak and (n == 1 or not results[n - 2].weak):
            # What follows shares only common words with the task ("phát triển"): listed
            # for reference, apart, so no line of it is copied as if it were a basis found.
            print(_wrap(f"{WEAK_HEADING}:", ""))
        # A document known without a number (a Pháp lệnh cited by its name): its title,
        # not the KB's internal id, in the column a reader looks up.
        print(f"{n:>2}  {s.score:>5.2f}  {s.symbol or '(chưa có số ký hiệu) ' + (s.title or s.citation)[:60]}")
        print(_wrap(f"{s.lead} {s.citation};", "           "))
        for r in s.reasons:
            print(_wrap(f"- {r}", "           "))
        for f in s.flags:
            print(_wrap(f"! {f}", "           "))
        for impl in s.implemented_by:
            print(_wrap(f"↳ tỉnh thực hiện: {impl['lead']} {impl['citation']};", "           "))
    return 0


def _fail(args: argparse.Namespace, message: str, code: int) -> int:
    """An error: the message on stderr, and with --json also `{"error": message}` on stdout,
    so a client reading JSON gets JSON whatever happens."""
    print(message, file=sys.stderr)
    if getattr(args, "json", False):
        json.dump({"error": message}, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    return code


def run_lint(args: argparse.Namespace) -> int:
    """Exit code 0: no problem; 1: problems found (so scripts and CI can gate on it), or the
    draft or the KB could not be read; 2: a bad --as-of."""
    from cancu.graph.lint import lint
    from cancu.graph.store import KBError

    try:
        as_of = _date(args.as_of)
    except ValueError as exc:
        return _fail(args, str(exc), 2)
    _warn_unknown(args.province, None)
    try:
        text = _read_file(args.file)
        kb = _open_kb(args.kb)
    except SystemExit as exc:  # the readers' messages: missing, a directory, too large, empty ...
        if not isinstance(exc.code, str):
            raise
        return _fail(args, exc.code, 1)
    except KBError as exc:
        return _fail(args, str(exc), 1)
    text = _as_written(args.file, text)
    report = lint(kb, text, as_of=as_of, province=args.province)
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 1 if report.problems else 0
    labels = {"found": "có trong kho", "not_found": "không tìm thấy", "ambiguous": "chưa rõ văn bản nào",
              "unparseable": "không đọc được"}
    print(_wrap(report.context_line(date_hint="--as-of YYYY-MM-DD", province_hint="--province"), ""))
    print(f"{'dòng':>5}  {'tình trạng':<20} trích dẫn")
    for c in report.citations:
        line = text.count("\n", 0, c.start) + 1
        shown = " ".join(c.text.split())
        print(f"{line:>5}  {labels.get(c.status, c.status):<20} {shown[:90]}")
        for p in c.problems:
            print(_wrap(f"! [{p.kind}] {p.message}", "       "))
            if p.fix:
                print(_wrap(f"→ sửa: {p.fix}", "       "))
    total = len(report.problems)
    print()
    print(_wrap(report.summary(), ""))
    if report.skipped:
        print(report.to_json()["message"])
    return 1 if total else 0
